//! Transparent decompression: a byte stream in, a buffered reader of its
//! content out. An input is gzip when its name ends in `.gz` or when it
//! starts with the gzip magic bytes (so `zcat`-less pipes work on standard
//! input). Multi-member streams, as in `.warc.gz` (one member per record), are
//! read to their end, member by member ([`Members`]).
//!
//! gzip checks its data (CRC-32 and length) only at the end of each member.
//! [`Opened::verify_members`] makes the reader hold back each member, up to
//! a size, until its check has passed: a record in a `.warc.gz` (one member
//! each) is then never read from damaged data. A member that fails its check
//! is a [`CorruptMember`] read error; when the next member starts right
//! after it, reading goes on there. A member larger than the limit, as the
//! single member of a `.jsonl.gz` usually is, is passed on as it is
//! inflated, so what was read of it before the check fails is unchecked.

use flate2::bufread::GzDecoder;
use std::fmt;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];
const BUFFER: usize = 256 * 1024;

/// A readable input, decompressed if it was compressed.
pub struct Opened {
    /// The content.
    pub reader: Box<dyn BufRead + Send>,
    /// Whether the input was gzip (read errors then mean a truncated or
    /// corrupt gzip stream).
    pub gzip: bool,
    /// How much of a member is held back until checked (gzip only).
    verify: Arc<AtomicUsize>,
}

impl Opened {
    /// Holds back each gzip member of up to `limit` inflated bytes until its
    /// check has passed (see the module docs); `0` passes everything on as
    /// it is inflated. Applies from the next member read on. Default: `0`.
    pub fn verify_members(&self, limit: usize) {
        self.verify.store(limit, Ordering::SeqCst);
    }
}

/// A gzip member that failed: its data does not match its checksum, its
/// deflate data is invalid, or it is cut short.
#[derive(Debug)]
pub struct CorruptMember {
    /// Which member (1-based).
    pub member: u64,
    /// Whether the member was held back until the check, so none of it was
    /// given out; `false` when part of it was read before it failed.
    pub held_back: bool,
    /// Whether reading goes on with the next member, which starts right
    /// after this one.
    pub resumable: bool,
    /// What the decoder said.
    pub source: io::Error,
}

impl fmt::Display for CorruptMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "gzip member {} is cut short or corrupt: {}",
            self.member, self.source
        )?;
        if !self.held_back {
            f.write_str(
                " (gzip checks a member only at its end: what was read of it before is unchecked)",
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for CorruptMember {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl CorruptMember {
    /// The corrupt member behind a read error, if that is what it is.
    pub fn of(error: &io::Error) -> Option<&CorruptMember> {
        error.get_ref()?.downcast_ref::<CorruptMember>()
    }
}

/// The inflated content of a multi-member gzip stream, member by member,
/// each held back until checked when it is small enough.
pub struct Members {
    /// Between members: the compressed stream.
    inner: Option<Box<dyn BufRead + Send>>,
    /// A member being passed on as it is inflated (too large to hold back).
    streaming: Option<GzDecoder<Box<dyn BufRead + Send>>>,
    /// A checked member, being given out.
    held: Vec<u8>,
    at: usize,
    /// Members started so far.
    member: u64,
    verify: Arc<AtomicUsize>,
}

impl Members {
    fn new(inner: Box<dyn BufRead + Send>, verify: Arc<AtomicUsize>) -> Members {
        Members {
            inner: Some(inner),
            streaming: None,
            held: Vec::new(),
            at: 0,
            member: 0,
            verify,
        }
    }

    /// The error for the current member, and the stream made ready for the
    /// next one when it starts right after this one.
    fn fail(
        &mut self,
        decoder: GzDecoder<Box<dyn BufRead + Send>>,
        held_back: bool,
        source: io::Error,
    ) -> io::Error {
        let mut inner = decoder.into_inner();
        // A member cut short ends the stream: nothing can follow it.
        let resumable = source.kind() != io::ErrorKind::UnexpectedEof
            && inner
                .fill_buf()
                .is_ok_and(|rest| rest.is_empty() || rest.starts_with(&GZIP_MAGIC));
        if resumable {
            self.inner = Some(inner);
        }
        let kind = source.kind();
        let corrupt = CorruptMember {
            member: self.member,
            held_back,
            resumable,
            source,
        };
        io::Error::new(
            if kind == io::ErrorKind::UnexpectedEof {
                kind
            } else {
                io::ErrorKind::InvalidData
            },
            corrupt,
        )
    }

    /// Starts the next member: holds it back whole if it is within the
    /// limit, else starts passing it on.
    fn next_member(&mut self) -> io::Result<bool> {
        let Some(mut inner) = self.inner.take() else {
            return Ok(false);
        };
        if inner.fill_buf()?.is_empty() {
            return Ok(false);
        }
        self.member += 1;
        let mut decoder = GzDecoder::new(inner);
        let limit = self.verify.load(Ordering::SeqCst);
        self.held.clear();
        self.at = 0;
        if limit == 0 {
            self.streaming = Some(decoder);
            return Ok(true);
        }
        let read = (&mut decoder)
            .take(limit as u64 + 1)
            .read_to_end(&mut self.held);
        match read {
            Err(e) => {
                self.held.clear();
                Err(self.fail(decoder, true, e))
            }
            Ok(n) if n > limit => {
                self.streaming = Some(decoder);
                Ok(true)
            }
            Ok(_) => {
                self.inner = Some(decoder.into_inner());
                Ok(true)
            }
        }
    }
}

impl Read for Members {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.at < self.held.len() {
                let n = buf.len().min(self.held.len() - self.at);
                buf[..n].copy_from_slice(&self.held[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            if let Some(mut decoder) = self.streaming.take() {
                match decoder.read(buf) {
                    Ok(0) if !buf.is_empty() => self.inner = Some(decoder.into_inner()),
                    Ok(n) => {
                        self.streaming = Some(decoder);
                        return Ok(n);
                    }
                    Err(e) => return Err(self.fail(decoder, false, e)),
                }
            }
            if !self.next_member()? {
                return Ok(0);
            }
        }
    }
}

/// Opens `inner` for reading, decompressing it when it is gzip. `name` is the
/// input's file name, if it has one.
///
/// # Errors
/// Reading the first two bytes failed.
///
/// ```
/// use std::io::Read;
/// let plain = thresh::batch::gzip::open(Box::new(&b"{\"a\":1}\n"[..]), None).unwrap();
/// assert!(!plain.gzip);
/// let mut text = String::new();
/// { plain }.reader.read_to_string(&mut text).unwrap();
/// assert_eq!(text, "{\"a\":1}\n");
/// ```
pub fn open(mut inner: Box<dyn Read + Send>, name: Option<&str>) -> io::Result<Opened> {
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < head.len() {
        match inner.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let gzip = head[..got] == GZIP_MAGIC || name.is_some_and(|n| n.ends_with(".gz"));
    let rest = Cursor::new(head[..got].to_vec()).chain(inner);
    let verify = Arc::new(AtomicUsize::new(0));
    let reader: Box<dyn BufRead + Send> = if gzip {
        let compressed = Box::new(BufReader::with_capacity(BUFFER, rest));
        Box::new(BufReader::with_capacity(
            BUFFER,
            Members::new(compressed, Arc::clone(&verify)),
        ))
    } else {
        Box::new(BufReader::with_capacity(BUFFER, rest))
    };
    Ok(Opened {
        reader,
        gzip,
        verify,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn read_all(bytes: Vec<u8>, name: Option<&str>) -> (bool, io::Result<Vec<u8>>) {
        let mut opened = open(Box::new(Cursor::new(bytes)), name).unwrap();
        let mut out = Vec::new();
        let result = opened.reader.read_to_end(&mut out).map(|_| out);
        (opened.gzip, result)
    }

    #[test]
    fn gzip_is_found_by_magic_bytes_and_members_are_concatenated() {
        let mut bytes = gz(b"one\n");
        bytes.extend(gz(b"two\n"));
        let (gzip, out) = read_all(bytes, None);
        assert!(gzip);
        assert_eq!(out.unwrap(), b"one\ntwo\n");
    }

    #[test]
    fn plain_and_tiny_inputs_pass_through() {
        assert_eq!(read_all(b"x".to_vec(), None).1.unwrap(), b"x");
        assert_eq!(read_all(Vec::new(), None).1.unwrap(), b"");
        assert_eq!(
            read_all(b"plain\n".to_vec(), Some("a.jsonl")).1.unwrap(),
            b"plain\n"
        );
    }

    #[test]
    fn a_member_held_back_is_given_out_only_once_checked_and_reading_goes_on_after_it() {
        let mut bytes = gz(b"one\n");
        let mut bad = gz(b"two, a member whose checksum will not match\n");
        let crc = bad.len() - 8;
        bad[crc] ^= 1;
        bytes.extend(bad);
        bytes.extend(gz(b"three\n"));
        let opened = open(Box::new(Cursor::new(bytes)), None).unwrap();
        opened.verify_members(1 << 20);
        let mut reader = opened.reader;
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert_eq!(line, "one\n");
        line.clear();
        let err = reader.read_line(&mut line).unwrap_err();
        let corrupt = CorruptMember::of(&err).unwrap();
        assert_eq!(
            (corrupt.member, corrupt.held_back, corrupt.resumable),
            (2, true, true)
        );
        assert_eq!(line, "", "nothing of the bad member is given out");
        reader.read_line(&mut line).unwrap();
        assert_eq!(line, "three\n");
    }

    #[test]
    fn truncated_gzip_is_a_read_error() {
        let bytes = gz(&b"a long enough line of text to compress\n".repeat(100));
        let (gzip, out) = read_all(bytes[..bytes.len() / 2].to_vec(), None);
        assert!(gzip);
        assert!(out.is_err());
    }
}
