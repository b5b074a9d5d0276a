//! Rule T7: a line with text but no letter and no digit is a separator.

use super::lexicon::is_alphanumeric;
use super::{Draft, Rule};
use crate::block::BlockKind;

/// Removes separator blocks (`-`, `* * *`, `=====`, `⁂`...). Code blocks are
/// left alone: punctuation is content there.
pub fn remove(draft: &mut Draft) {
    for i in 0..draft.len() {
        let block = draft.block(i);
        if draft.is_kept(i) && block.kind != BlockKind::Code && is_separator(&block.text) {
            draft.remove(i, Rule::Separator);
        }
    }
}

/// Whether `text` is non-empty and holds no letter and no digit.
pub fn is_separator(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !text.chars().any(is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_separator` on a few inputs.
    #[test]
    fn example_is_separator() {
        assert!(is_separator("* * *") && is_separator("———") && is_separator("⁂"));
        assert!(!is_separator("- item") && !is_separator("> 3") && !is_separator(""));
    }
}
