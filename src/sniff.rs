//! Stage 0: what the bytes are. Binary data is refused before decoding; text is
//! told apart from HTML by its extension and its first bytes.

use crate::config::InputKind;

/// Magic numbers of common binary formats, and what they are.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1F\x8B", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ\x00", "xz data"),
    (b"\x28\xB5\x2F\xFD", "zstd data"),
    (b"7z\xBC\xAF\x27\x1C", "7z archive"),
    (b"\x7FELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
];

/// How much of the input the sniffers look at.
const SNIFF_LEN: usize = 8192;

/// Returns what binary format `bytes` look like, or `None` for text.
///
/// Text with a UTF-16 or UTF-32 byte-order mark is text. Otherwise a known
/// magic number, NUL bytes (more than one in 200) or many control characters
/// in the first 8 KiB make the input binary.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "MZ" and "ID3" also start ordinary words; require a NUL nearby.
        let weak =
            what.ends_with("executable") && !what.starts_with("ELF") || what.starts_with("MP3");
        if !weak || bytes.iter().take(64).any(|&b| b == 0) {
            return Some(what);
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    // Binary formats are full of NULs; a scraped page may carry a stray one.
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls * 200 > head.len() {
        return Some("NUL bytes");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    (control * 20 > head.len().max(1)).then_some("control characters")
}

/// Decides whether an input is HTML or text.
///
/// A forced kind wins; then the extension of `file_name`; then the content:
/// a page that starts (after whitespace and comments) with a doctype or a tag,
/// or that has `<html`, `<head` or `<body` near its top, is HTML.
pub fn detect_kind(bytes: &[u8], file_name: Option<&str>, forced: InputKind) -> InputKind {
    if forced != InputKind::Auto {
        return forced;
    }
    if let Some(kind) = file_name.and_then(kind_from_name) {
        return kind;
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let start = skip_bom_and_space(head);
    if looks_like_markup_start(start) {
        return InputKind::Html;
    }
    let near_top = &head[..head.len().min(1024)];
    let structural = [&b"<html"[..], b"<head", b"<body", b"<!doctype html"];
    if structural
        .iter()
        .any(|tag| contains_ascii_ci(near_top, tag))
    {
        return InputKind::Html;
    }
    InputKind::Text
}

/// The kind a file name says, from its extension (`.gz` aside): HTML for
/// `.html`, `.htm`, `.php`..., text for `.txt`, `.text`, `.md`
/// ([`InputKind::from_file_name`] for callers).
pub fn kind_from_name(name: &str) -> Option<InputKind> {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" | "jsp" => {
            Some(InputKind::Html)
        }
        "txt" | "text" | "md" => Some(InputKind::Text),
        _ => None,
    }
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// A doctype, a comment, a processing instruction or a known tag.
fn looks_like_markup_start(s: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"html",
        b"head",
        b"body",
        b"meta",
        b"title",
        b"link",
        b"div",
        b"p",
        b"article",
        b"main",
        b"section",
        b"span",
        b"table",
        b"ul",
        b"ol",
        b"h1",
        b"h2",
        b"h3",
        b"header",
        b"nav",
        b"script",
        b"style",
        b"base",
        b"!doctype",
        b"!--",
        b"?xml",
    ];
    let Some(rest) = s.strip_prefix(b"<") else {
        return false;
    };
    TAGS.iter().any(|tag| {
        rest.len() >= tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && rest
                .get(tag.len())
                .is_none_or(|&b| !b.is_ascii_alphanumeric())
    })
}

fn contains_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `detect_kind` on a few inputs.
    #[test]
    fn example_detect_kind() {
        use crate::{sniff::detect_kind, InputKind};
        assert_eq!(
            detect_kind(b"<!DOCTYPE html><p>hi", None, InputKind::Auto),
            InputKind::Html
        );
        assert_eq!(
            detect_kind(b"Plain words. <b>not</b> a page", None, InputKind::Auto),
            InputKind::Text
        );
        assert_eq!(
            detect_kind(b"<p>hi</p>", Some("notes.txt"), InputKind::Auto),
            InputKind::Text
        );
    }

    #[test]
    fn binary_formats_are_named() {
        assert_eq!(
            binary_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("PNG image")
        );
        assert_eq!(binary_kind(b"\x1F\x8B\x08\x00"), Some("gzip data"));
        assert_eq!(binary_kind(b"PK\x03\x04rest"), Some("ZIP archive"));
        assert_eq!(binary_kind(b"abc\0def"), Some("NUL bytes"));
    }

    #[test]
    fn text_is_not_binary() {
        assert_eq!(binary_kind(b""), None);
        assert_eq!(
            binary_kind("Mziki wa leo. ID3 tags are metadata.".as_bytes()),
            None
        );
        assert_eq!(binary_kind(b"MZ is a word\n"), None);
        assert_eq!(
            binary_kind(b"\xFF\xFEh\0i\0"),
            None,
            "UTF-16 with BOM is text"
        );
        assert_eq!(binary_kind("Привет, мир".as_bytes()), None);
        let mut page = b"<html><body><p>A page with one stray NUL.</p>".repeat(20);
        page.insert(100, 0);
        assert_eq!(
            binary_kind(&page),
            None,
            "one stray NUL in a page is not binary"
        );
    }

    #[test]
    fn kinds() {
        use InputKind::*;
        assert_eq!(detect_kind(b"  \n<html><body>x", None, Auto), Html);
        assert_eq!(detect_kind(b"<!-- saved --><div>x</div>", None, Auto), Html);
        assert_eq!(detect_kind(b"<DIV class=a>x</DIV>", None, Auto), Html);
        assert_eq!(detect_kind(b"<3 this article", None, Auto), Text);
        assert_eq!(
            detect_kind(
                b"<script src=\"a.js\"></script> is how you load it",
                Some("a.txt"),
                Auto
            ),
            Text
        );
        assert_eq!(detect_kind(b"plain text", Some("page.HTML"), Auto), Html);
        assert_eq!(detect_kind(b"<html>", None, Text), Text);
        assert_eq!(detect_kind(b"Some text\nwith lines", None, Auto), Text);
    }
}
