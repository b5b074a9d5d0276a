//! Byte-level mutations of corpus entries, with a dictionary of the tokens
//! thresh's parsers care about.

/// xorshift64*: small, fast, reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// FNV-1a, for file names and outcome signatures.
pub fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

const TOKENS: &[&[u8]] = &[
    b"<p>",
    b"</p>",
    b"<b a=1>",
    b"</b>",
    b"<div>",
    b"</div>",
    b"<table><tr><td>",
    b"<a href=x>",
    b"<font>",
    b"<script>",
    b"</script>",
    b"<!--",
    b"-->",
    b"<svg>",
    b"<br/>",
    b" a=b",
    b"&amp;",
    b"&#x10FFFF;",
    b"\xEF\xBB\xBF",
    b"\r\n",
    b"\n",
    b"\0",
    b"{\"",
    b"\":",
    b"\"html\":\"",
    b"\"text\":\"",
    b"\\u0000",
    b"\\ud800",
    b"1e400",
    b"12345678901234567890123",
    b"WARC/1.1\r\n",
    b"Content-Length: ",
    b"WARC-Type: response\r\n",
    b"Content-Type: application/http\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"Content-Encoding: gzip\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"\x1f\x8b\x08\x00",
    b"99999999999999999",
    b"Advertisement",
    b"Comments are closed.",
    b"www.example.com reported, ",
];

/// A mutant of a random corpus entry: one to four edits.
pub fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = corpus[rng.below(corpus.len())].clone();
    for _ in 0..1 + rng.below(4) {
        edit(rng, &mut data, corpus);
    }
    data
}

fn edit(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let len = data.len();
    let at = rng.below(len + 1);
    match rng.below(9) {
        0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
        1 if len > 0 => data[at.min(len - 1)] = rng.next() as u8,
        2 => data.insert(at, rng.next() as u8),
        3 if len > 0 => {
            let end = (at + 1 + rng.below(64)).min(len);
            data.drain(at.min(end)..end);
        }
        4 if len > 0 => {
            // A stretch repeated: what finds quadratic behaviour.
            let start = at.min(len - 1);
            let end = (start + 1 + rng.below(32)).min(len);
            let piece = data[start..end].to_vec();
            let most = if rng.below(8) == 0 { 2000 } else { 8 };
            let times = 1 + rng.below(most);
            let repeated = piece.repeat(times);
            data.splice(end..end, repeated);
        }
        5 | 6 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            data.splice(at..at, token.iter().copied());
        }
        7 => {
            let other = &corpus[rng.below(corpus.len())];
            let from = rng.below(other.len());
            let end = (from + rng.below(256)).min(other.len());
            data.splice(at..at, other[from..end].iter().copied());
        }
        _ => data.truncate(at),
    }
}
