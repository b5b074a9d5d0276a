//! The HTTP response inside a WARC `response` record: status, the headers
//! that matter, and the body with its transfer and content codings undone.

use flate2::read::{MultiGzDecoder, ZlibDecoder};
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

/// The body with chunked transfer coding and gzip/deflate content coding
/// undone, at most `limit` bytes.
///
/// # Errors
/// A content coding thresh cannot undo (`br`, `zstd`), or a body over
/// `limit` once decoded.
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
    let decoder: Box<dyn Read> = match coding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1F, 0x8B]) => {
            Box::new(MultiGzDecoder::new(&body[..]))
        }
        "deflate" if body.first().is_some_and(|b| b & 0x0F == 8) => {
            Box::new(ZlibDecoder::new(&body[..]))
        }
        "gzip" | "x-gzip" | "deflate" => return Ok(body),
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    let mut out = Vec::new();
    decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{coding} body: {e}"))?;
    if out.len() > limit {
        return Err(format!("body is over {limit} bytes once decompressed"));
    }
    Ok(out)
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
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(decoded_body(&parse(br).unwrap(), 100).is_err());
    }
}
