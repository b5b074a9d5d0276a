//! Stage 1: bytes to text, in whatever charset they came.
//!
//! Order of evidence: a byte-order mark; then, if the bytes are valid UTF-8
//! with non-ASCII characters, UTF-8 (scraped pages often declare a charset
//! they were re-encoded away from, and legacy text is almost never valid
//! UTF-8 by accident); then the charset the caller declares; then a
//! `<meta charset>` or `<meta http-equiv>` in the first bytes of an HTML page;
//! then statistical detection (chardetng, helped by the URL's top-level
//! domain). Invalid bytes become U+FFFD; decoding never fails.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// Where the charset used for decoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark.
    Bom,
    /// The bytes are valid UTF-8.
    Utf8Valid,
    /// The bytes are UTF-8 but for a few broken sequences (a truncated
    /// character, a stray byte), which become U+FFFD.
    Utf8MostlyValid,
    /// The charset the caller declared.
    Declared,
    /// A `<meta>` tag in the page.
    Meta,
    /// Statistical detection.
    Detected,
}

/// Text decoded from bytes, with the evidence used.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text, without byte-order mark: the input itself when it is
    /// UTF-8 already, so that it is not copied.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were decoded with.
    pub encoding: &'static Encoding,
    /// Why that encoding was chosen (the tests check it; nothing else reads
    /// it yet).
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: CharsetSource,
}

/// Decodes `bytes`. `declared` is a charset label or a `Content-Type` value;
/// `look_for_meta` enables the `<meta>` prescan (HTML inputs); `url` helps
/// detection.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    look_for_meta: bool,
    url: Option<&str>,
) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, CharsetSource::Bom);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // ASCII decodes the same in every ASCII-compatible charset; only the
        // 7-bit ISO-2022 family, which starts its escapes with ESC, differs.
        if memchr::memchr(0x1B, bytes).is_none() || !text.is_ascii() {
            // Valid already: borrowed as it is, not validated again.
            return Decoded {
                text: Cow::Borrowed(text),
                encoding: UTF_8,
                source: CharsetSource::Utf8Valid,
            };
        }
    } else if mostly_utf8(bytes) {
        return finish(bytes, UTF_8, CharsetSource::Utf8MostlyValid);
    }
    if let Some(encoding) = declared.and_then(encoding_for_declared) {
        // A declared UTF-8 that is not valid UTF-8 is a wrong declaration.
        if encoding != UTF_8 {
            return finish(bytes, encoding, CharsetSource::Declared);
        }
    }
    if look_for_meta {
        if let Some(encoding) = meta_charset(bytes) {
            if encoding != UTF_8 {
                return finish(bytes, encoding, CharsetSource::Meta);
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let encoding = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    finish(bytes, encoding, CharsetSource::Detected)
}

/// At most one broken sequence per this many well-formed multi-byte
/// characters: text in a legacy charset has almost none well-formed (its
/// letters seldom come in lead-continuation pairs), UTF-8 cut or spliced in
/// a few places has almost all.
const UTF8_CHARS_PER_ERROR: usize = 100;

/// Whether `bytes` are UTF-8 with a few broken sequences: at least
/// [`UTF8_CHARS_PER_ERROR`] well-formed multi-byte characters per broken one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut chars, mut errors) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        chars += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        errors += usize::from(!chunk.invalid().is_empty());
    }
    errors > 0 && chars >= UTF8_CHARS_PER_ERROR * errors
}

fn finish<'a>(bytes: &'a [u8], encoding: &'static Encoding, source: CharsetSource) -> Decoded<'a> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        source,
    }
}

/// The encoding named by a charset label or by the `charset=` parameter of a
/// `Content-Type` value. UTF-16 labels mean UTF-8 here, as in browsers: a page
/// that declares UTF-16 without a BOM is not UTF-16.
pub fn encoding_for_declared(declared: &str) -> Option<&'static Encoding> {
    let label = match find_ascii_ci(declared.as_bytes(), b"charset") {
        Some(at) => charset_value(&declared.as_bytes()[at + 7..])?,
        None => declared.trim().as_bytes(),
    };
    Encoding::for_label(label).map(Encoding::output_encoding)
}

/// Finds a charset in the `<meta>` tags of the first 4 KiB of a page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&head[from..], b"<meta") {
        let tag_start = from + at + 5;
        let tag_end =
            memchr::memchr(b'>', &head[tag_start..]).map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find_ascii_ci(tag, b"charset") {
            if let Some(label) = charset_value(&tag[c + 7..]) {
                if let Some(encoding) = Encoding::for_label(label) {
                    return Some(encoding.output_encoding());
                }
            }
        }
        from = tag_end;
    }
    None
}

/// The value after `charset`: optional spaces, `=`, optional quote, label.
fn charset_value(rest: &[u8]) -> Option<&[u8]> {
    let rest = trim_ascii_start(rest);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// `"https://www.example.ru/a"` to `"ru"`.
fn top_level_domain(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let (_, tld) = host.rsplit_once('.')?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `decode` on a few inputs.
    #[test]
    fn example_decode() {
        use crate::decode::{decode, CharsetSource};
        // "Привет" in windows-1251, declared by the caller.
        let bytes = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2];
        let d = decode(
            &bytes,
            Some("text/plain; charset=windows-1251"),
            false,
            None,
        );
        assert_eq!(d.text, "Привет");
        assert_eq!(d.source, CharsetSource::Declared);
    }

    fn enc(text: &str, name: &str) -> Vec<u8> {
        let encoding = Encoding::for_label(name.as_bytes()).unwrap();
        let (bytes, _, errors) = encoding.encode(text);
        assert!(!errors, "{text} is not representable in {name}");
        bytes.into_owned()
    }

    const RU: &str = "Президент России подписал договор о всеобъемлющем стратегическом партнёрстве. Соглашение включает пункт о взаимной обороне.";
    const JA: &str = "ロシアのプーチン大統領と北朝鮮の金正恩総書記は、包括的戦略パートナーシップ条約に署名した。この協定には相互防衛条項が含まれている。";
    const FR: &str = "Le président a signé un traité très détaillé à Pyongyang. Ce réglement prévoit une défense mutuelle, déclarée hier à la télévision.";
    const ZH: &str = "俄罗斯总统普京和朝鲜领导人金正恩在平壤签署了全面战略伙伴关系条约。该协议包括一项共同防御条款，大大加深了两国之间的军事和经济联系。";

    #[test]
    fn declared_charsets_decode() {
        for (text, name) in [
            (RU, "windows-1251"),
            (JA, "shift_jis"),
            (FR, "iso-8859-1"),
            (ZH, "gb18030"),
        ] {
            let bytes = enc(text, name);
            let d = decode(&bytes, Some(name), false, None);
            assert_eq!(d.text, text, "{name}");
            assert_eq!(d.source, CharsetSource::Declared);
        }
    }

    #[test]
    fn undeclared_charsets_are_detected() {
        for (text, name) in [
            (RU, "windows-1251"),
            (JA, "shift_jis"),
            (FR, "windows-1252"),
            (ZH, "gb18030"),
        ] {
            let bytes = enc(text, name);
            let d = decode(&bytes, None, false, None);
            assert_eq!(d.text, text, "{name} detected as {}", d.encoding.name());
            assert_eq!(d.source, CharsetSource::Detected);
        }
    }

    #[test]
    fn utf8_with_one_truncated_character_stays_utf8() {
        // A page of French whose last character was cut in half.
        let text =
            "Le marché a rouvert après deux ans de travaux, à la fête du quartier. ".repeat(30);
        let mut bytes = text.clone().into_bytes();
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        bytes.extend_from_slice(b" fin");
        let d = decode(&bytes, Some("utf-8"), false, None);
        assert_eq!(d.source, CharsetSource::Utf8MostlyValid);
        assert_eq!(d.text, format!("{text}\u{fffd} fin"));
    }

    #[test]
    fn wrong_utf8_declaration_falls_back_to_detection() {
        let bytes = enc(RU, "windows-1251");
        let d = decode(&bytes, Some("utf-8"), false, None);
        assert_eq!(d.text, RU);
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_legacy_declaration() {
        let d = decode(
            JA.as_bytes(),
            Some("text/html; charset=iso-8859-1"),
            true,
            None,
        );
        assert_eq!(d.text, JA);
        assert_eq!(d.source, CharsetSource::Utf8Valid);
    }

    #[test]
    fn meta_charset_is_read_when_nothing_is_declared() {
        for meta in [
            "<meta charset=\"windows-1251\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
            "<META CHARSET=windows-1251 />",
        ] {
            let page = format!("<html><head>{meta}</head><body><p>{RU}</p></body></html>");
            let bytes = enc(&page, "windows-1251");
            let d = decode(&bytes, None, true, None);
            assert_eq!(d.source, CharsetSource::Meta, "{meta}");
            assert!(d.text.contains(RU));
        }
    }

    #[test]
    fn declared_charset_overrides_meta() {
        let page = format!("<meta charset=\"shift_jis\"><p>{RU}</p>");
        let bytes = enc(&page, "windows-1251");
        let d = decode(&bytes, Some("cp1251"), true, None);
        assert!(d.text.contains(RU));
    }

    #[test]
    fn bom_wins_and_is_dropped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("naïve".as_bytes());
        let d = decode(&bytes, Some("windows-1251"), false, None);
        assert_eq!(d.text, "naïve");
        assert_eq!(d.source, CharsetSource::Bom);
        let utf16 = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&utf16, None, false, None).text, "hi");
    }

    #[test]
    fn invalid_bytes_are_replaced_not_fatal() {
        let d = decode(&[b'a', 0xFF, 0xFE, 0xFD, b'b'], Some("utf-8"), false, None);
        assert!(d.text.starts_with('a') && d.text.ends_with('b'));
    }

    #[test]
    fn content_type_values_and_labels() {
        assert_eq!(
            encoding_for_declared("text/html; charset=\"KOI8-R\""),
            Encoding::for_label(b"koi8-r")
        );
        assert_eq!(
            encoding_for_declared(" latin1 "),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(encoding_for_declared("utf-16le"), Some(UTF_8));
        assert_eq!(encoding_for_declared("no-such-charset"), None);
    }

    #[test]
    fn tld_from_url() {
        assert_eq!(
            top_level_domain("https://www.example.RU:8080/a?b").as_deref(),
            Some("ru")
        );
        assert_eq!(top_level_domain("localhost"), None);
    }
}
