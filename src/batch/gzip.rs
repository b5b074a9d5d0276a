//! Transparent decompression: a byte stream in, a buffered reader of its
//! content out. An input is gzip when its name ends in `.gz` or when it
//! starts with the gzip magic bytes (so `zcat`-less pipes work on standard
//! input). Multi-member streams, as in `.warc.gz` (one member per record), are
//! read to their end.

use flate2::bufread::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Cursor, Read};

const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];
const BUFFER: usize = 256 * 1024;

/// A readable input, decompressed if it was compressed.
pub struct Opened {
    /// The content.
    pub reader: Box<dyn BufRead + Send>,
    /// Whether the input was gzip (read errors then mean a truncated or
    /// corrupt gzip stream).
    pub gzip: bool,
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
    let reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            BUFFER,
            MultiGzDecoder::new(BufReader::with_capacity(BUFFER, rest)),
        ))
    } else {
        Box::new(BufReader::with_capacity(BUFFER, rest))
    };
    Ok(Opened { reader, gzip })
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
    fn truncated_gzip_is_a_read_error() {
        let bytes = gz(&b"a long enough line of text to compress\n".repeat(100));
        let (gzip, out) = read_all(bytes[..bytes.len() / 2].to_vec(), None);
        assert!(gzip);
        assert!(out.is_err());
    }
}
