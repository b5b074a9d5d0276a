//! Language detection: the kept [`Block`]s in, an ISO 639-1 language tag
//! out, for inputs that declare no language (text inputs, pages without
//! `lang`). Detection is whatlang's, on the first
//! [`SAMPLE_CHARS`] characters of the text; a guess it does not call
//! reliable gives no language.

use crate::block::Block;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Characters of text the detector reads at most: enough for a reliable
/// guess, and a bound on the time it takes on long inputs.
pub(crate) const SAMPLE_CHARS: usize = 500;

/// The language of `blocks`' text as an ISO 639-1 code (`"fr"`), or `None`
/// when there is too little text to tell or the guess is not reliable.
pub(crate) fn detect(blocks: &[Block]) -> Option<String> {
    let mut sample = String::new();
    let mut chars = 0;
    for block in blocks {
        if chars >= SAMPLE_CHARS {
            break;
        }
        let take: String = block.text.chars().take(SAMPLE_CHARS - chars).collect();
        chars += take.chars().count();
        sample.push_str(&take);
        sample.push('\n');
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    ISO_639_1.get(info.lang().code()).map(|c| (*c).to_string())
}

/// whatlang's ISO 639-3 codes to ISO 639-1, from `data/metadata/iso639.txt`.
static ISO_639_1: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/metadata/iso639.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(three, two)| (three.trim(), two.trim()))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text::blocks;

    #[test]
    fn french_text_is_french() {
        let text = "Le gouvernement a présenté mercredi son projet de loi sur les retraites.\n\
                    Les syndicats ont appelé à une nouvelle journée de grève la semaine prochaine.\n";
        assert_eq!(detect(&blocks(text)).as_deref(), Some("fr"));
    }

    #[test]
    fn too_little_text_is_no_language() {
        assert_eq!(detect(&blocks("OK")), None);
        assert_eq!(detect(&[]), None);
    }

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        for lang in whatlang::Lang::all() {
            let code = ISO_639_1.get(lang.code());
            assert!(code.is_some_and(|c| c.len() == 2), "{lang:?}");
        }
    }
}
