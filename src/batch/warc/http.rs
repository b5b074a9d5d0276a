//! The HTTP response inside a WARC `response` record: status, the headers
//! that matter, and the body with its transfer and content codings undone.

use brotli_decompressor::Decompressor;
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use ruzstd::decoding::StreamingDecoder;
use std::io::Read;

/// The parts of an HTTP response a cleaner needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<'a> {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The `Transfer-Encoding` header, if any.
    pub transfer_encoding: Option<String>,
    /// The `Content-Encoding` header, if any.
    pub content_encoding: Option<String>,
    /// The body as stored.
    pub body: &'a [u8],
}

/// Parses an HTTP/1.x response; `None` when `block` is not one.
pub fn parse(block: &[u8]) -> Option<Response<'_>> {
    let (head, body) = split_head(block)?;
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next()?;
    let mut parts = status_line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    let mut response = Response {
        status,
        content_type: None,
        transfer_encoding: None,
        content_encoding: None,
        body,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = Some(value.trim().to_string());
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => response.content_type = value,
            "transfer-encoding" => response.transfer_encoding = value,
            "content-encoding" => response.content_encoding = value,
            _ => {}
        }
    }
    Some(response)
}

fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    let (end, body) = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some((&block[..end], &block[body..]))
}

/// Whether a `Content-Type` value names an HTML page.
pub fn is_html_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(mime.as_str(), "text/html" | "application/xhtml+xml")
}

/// First bytes of a zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];
/// Largest zstd window accepted: the 8 MiB that HTTP's `zstd` coding allows
/// (RFC 9659), which also bounds the decoder's memory.
const ZSTD_MAX_WINDOW: u64 = 8 * 1024 * 1024;
/// Buffer of the brotli decoder.
const BROTLI_BUFFER: usize = 32 * 1024;

/// The body with chunked transfer coding and gzip, deflate, brotli (`br`)
/// or zstd content coding undone, at most `limit` bytes.
///
/// # Errors
/// A content coding thresh cannot undo (`compress`, a list of codings), a
/// corrupt compressed body, or a body over `limit` once decoded (read no
/// further than that, so a decompression bomb costs `limit` bytes at most).
pub fn decoded_body(response: &Response<'_>, limit: usize) -> Result<Vec<u8>, String> {
    let chunked = response
        .transfer_encoding
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    // Archivers often store the body already de-chunked or decompressed but
    // keep the headers; a body that does not parse as the header says is
    // taken as it is.
    let body = match chunked.then(|| dechunk(response.body)).flatten() {
        Some(body) => body,
        None => response.body.to_vec(),
    };
    let coding = response
        .content_encoding
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let decoded = match coding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1F, 0x8B]) => {
            bounded(MultiGzDecoder::new(&body[..]), limit)
        }
        "deflate" if body.first().is_some_and(|b| b & 0x0F == 8) => {
            bounded(ZlibDecoder::new(&body[..]), limit)
        }
        "zstd" if body.starts_with(&ZSTD_MAGIC) => {
            StreamingDecoder::new_with_max_window_size(&body[..], ZSTD_MAX_WINDOW)
                .map_err(|e| Decoding::Corrupt(e.to_string()))
                .and_then(|decoder| bounded(decoder, limit))
        }
        // Brotli has no magic bytes: a body stored decoded shows by failing
        // to decode and starting like markup.
        "br" => match bounded(Decompressor::new(&body[..], BROTLI_BUFFER), limit) {
            Err(Decoding::Corrupt(_)) if starts_like_markup(&body) => return Ok(body),
            decoded => decoded,
        },
        "gzip" | "x-gzip" | "deflate" | "zstd" => return Ok(body),
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    decoded.map_err(|e| match e {
        Decoding::Corrupt(message) => format!("{coding} body: {message}"),
        Decoding::OverLimit => format!("body is over {limit} bytes once decompressed"),
    })
}

/// Why a compressed body gave no page.
enum Decoding {
    Corrupt(String),
    OverLimit,
}

/// Everything `decoder` gives, unless that is over `limit` bytes.
fn bounded(decoder: impl Read, limit: usize) -> Result<Vec<u8>, Decoding> {
    let mut out = Vec::new();
    decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Decoding::Corrupt(e.to_string()))?;
    if out.len() > limit {
        return Err(Decoding::OverLimit);
    }
    Ok(out)
}

fn starts_like_markup(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Undoes chunked transfer coding; `None` when `body` is not chunked.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_field = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_field = size_field.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_field, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_and_headers() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\nX: y\r\n\r\n<p>hi";
        let r = parse(block).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(
            r.content_type.as_deref(),
            Some("text/html; charset=windows-1252")
        );
        assert_eq!(r.body, b"<p>hi");
        assert!(is_html_type(r.content_type.as_deref().unwrap()));
        assert!(!is_html_type("image/png"));
        assert!(parse(b"GET / HTTP/1.1\r\n\r\n").is_none());
    }

    #[test]
    fn chunked_and_gzip_bodies_are_decoded() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>h\r\n1;ext\r\ni\r\n0\r\n\r\n";
        let r = parse(block).unwrap();
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>hi");

        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<p>zipped</p>").unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(enc.finish().unwrap());
        let r = parse(&block).unwrap();
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>zipped</p>");
        assert!(decoded_body(&r, 5).is_err());
    }

    #[test]
    fn bodies_stored_decoded_are_taken_as_they_are() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n<p>plain</p>";
        let r = parse(block).unwrap();
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>plain</p>");
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\n<p>plain</p>";
        assert_eq!(
            decoded_body(&parse(br).unwrap(), 100).unwrap(),
            b"\n<p>plain</p>"
        );
        let zstd = b"HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\n<p>plain</p>";
        assert_eq!(
            decoded_body(&parse(zstd).unwrap(), 100).unwrap(),
            b"<p>plain</p>"
        );
        let unknown = b"HTTP/1.1 200 OK\r\nContent-Encoding: compress\r\n\r\nxx";
        let err = decoded_body(&parse(unknown).unwrap(), 100).unwrap_err();
        assert_eq!(err, "unsupported Content-Encoding \"compress\"");
    }

    /// An HTTP response with `coding` and `body`.
    fn encoded(coding: &str, body: &[u8]) -> Vec<u8> {
        let mut block =
            format!("HTTP/1.1 200 OK\r\nContent-Encoding: {coding}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        block
    }

    const BROTLI_PAGE: &[u8] = b"<html><head><title>Brotli</title></head><body><article><p>This page travelled brotli-compressed, as most servers send pages today, and it reads the same once decoded.</p></article></body></html>";

    #[test]
    fn brotli_and_zstd_bodies_are_decoded() {
        let block = encoded("br", include_bytes!("testdata/page.br"));
        assert_eq!(
            decoded_body(&parse(&block).unwrap(), 1000).unwrap(),
            BROTLI_PAGE
        );

        let page = b"<p>zstd travels well too</p>".repeat(20);
        let zstd = ruzstd::encoding::compress_to_vec(
            &page[..],
            ruzstd::encoding::CompressionLevel::Fastest,
        );
        assert!(zstd.len() < page.len() / 4, "{}", zstd.len());
        let block = encoded("zstd", &zstd);
        assert_eq!(decoded_body(&parse(&block).unwrap(), 1000).unwrap(), page);
    }

    #[test]
    fn compressed_bombs_stop_at_the_limit_and_corrupt_bodies_are_errors() {
        let over = "body is over 1000000 bytes once decompressed";
        // 64 MiB of zeros in 106 bytes.
        let block = encoded("br", include_bytes!("testdata/bomb.br"));
        assert_eq!(
            decoded_body(&parse(&block).unwrap(), 1_000_000).unwrap_err(),
            over
        );
        let zeros = vec![0u8; 4 << 20];
        let zstd = ruzstd::encoding::compress_to_vec(
            &zeros[..],
            ruzstd::encoding::CompressionLevel::Fastest,
        );
        let block = encoded("zstd", &zstd);
        assert_eq!(
            decoded_body(&parse(&block).unwrap(), 1_000_000).unwrap_err(),
            over
        );

        let page = include_bytes!("testdata/page.br");
        let block = encoded("br", &page[..page.len() / 2]);
        let err = decoded_body(&parse(&block).unwrap(), 1000).unwrap_err();
        assert!(err.starts_with("br body: "), "{err}");
        let mut zstd = ruzstd::encoding::compress_to_vec(
            &b"<p>x</p>"[..],
            ruzstd::encoding::CompressionLevel::Fastest,
        );
        zstd.truncate(zstd.len() - 3);
        let err = decoded_body(&parse(&encoded("zstd", &zstd)).unwrap(), 1000).unwrap_err();
        assert!(err.starts_with("zstd body: "), "{err}");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any body under any coding: decoding never panics and never gives
        /// more than the limit.
        #[test]
        fn any_body_decodes_or_fails_within_the_limit(
            coding in prop::sample::select(vec!["gzip", "deflate", "br", "zstd", "identity"]),
            magic in prop::sample::select(vec![&[][..], &[0x1F, 0x8B, 8, 0][..], &[0x28, 0xB5, 0x2F, 0xFD][..], &[0x78, 0x9C][..]]),
            tail in prop::collection::vec(any::<u8>(), 0..400),
        ) {
            let mut body = magic.to_vec();
            body.extend(tail);
            let response = Response {
                status: 200,
                content_type: None,
                transfer_encoding: None,
                content_encoding: Some(coding.to_string()),
                body: &body,
            };
            if let Ok(decoded) = decoded_body(&response, 1000) {
                prop_assert!(decoded.len() <= 1000 || coding == "identity");
            }
        }
    }
}
