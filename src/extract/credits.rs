//! Picture credits are not prose: a short block that only credits a picture
//! ("Foto: Jane Doe", "© Getty Images") goes, and a credit at the end of a
//! caption ("A harbour at dawn. Photo: Jane Doe") is cut off.
//!
//! The labels are data (`data/captions/credit-labels.txt`).
//!
//! In: blocks. Out: the blocks without credits.

use crate::block::{Block, BlockKind};
use std::sync::OnceLock;

/// A credit line has at most this many words after its label.
const MAX_CREDIT_WORDS: usize = 8;

/// Credit labels, lowercase, longest first.
fn labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let mut v: Vec<String> = include_str!("../../data/captions/credit-labels.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        v.sort_by_key(|l| std::cmp::Reverse(l.len()));
        v
    })
}

/// Removes credit lines and cuts credits off captions.
pub(crate) fn drop_credits(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i < blocks.len() {
        let b = &mut blocks[i];
        let drop = match b.kind {
            BlockKind::Paragraph | BlockKind::Caption => {
                if is_credit(&b.text) {
                    true
                } else if b.kind == BlockKind::Caption {
                    if let Some(cut) = credit_tail(&b.text) {
                        let kept = b.text[..cut]
                            .trim_end_matches(|c: char| c.is_whitespace() || "|(–-—/".contains(c))
                            .to_string();
                        b.text = kept;
                    }
                    b.text.is_empty()
                } else {
                    false
                }
            }
            _ => false,
        };
        if drop {
            let removed = blocks.remove(i);
            if let Some(next) = blocks.get_mut(i) {
                next.gap = removed.gap.merge(next.gap);
            }
        } else {
            i += 1;
        }
    }
}

/// A credit is never longer than this many bytes.
const MAX_CREDIT_BYTES: usize = 160;

/// Whether `text` as a whole is a picture credit.
fn is_credit(text: &str) -> bool {
    if text.len() > MAX_CREDIT_BYTES {
        return false;
    }
    let t = text
        .trim()
        .trim_start_matches(|c: char| c == '(' || c == '.' || c.is_whitespace());
    let t = t.trim_end_matches(')');
    let rest = if let Some(r) = t.strip_prefix('©') {
        Some(r)
    } else {
        after_label(t)
    };
    rest.is_some_and(|r| {
        let words = r.split_whitespace().count();
        (1..=MAX_CREDIT_WORDS).contains(&words)
    })
}

/// The text after a credit label and its colon, if `t` opens with one.
fn after_label(t: &str) -> Option<&str> {
    let lower = t.to_lowercase();
    // Lowercasing may change byte lengths; only use it when it does not.
    if lower.len() != t.len() {
        return None;
    }
    labels().iter().find_map(|l| {
        let r = lower.strip_prefix(l.as_str())?;
        let r = r.trim_start();
        let r = r.strip_prefix(':')?;
        Some(&t[t.len() - r.len()..])
    })
}

/// Where a credit at the end of a caption starts, if it has one: a label
/// with its colon (or a `©`) after a sentence end, a bar, a bracket or a
/// dash, followed by a few words to the end.
fn credit_tail(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let from = text.len().saturating_sub(MAX_CREDIT_BYTES);
    for (i, _) in text.char_indices().rev() {
        if i <= from || i == 0 {
            break;
        }
        let before = text[..i].trim_end();
        let opens = before.ends_with(['.', '|', '(', '–', '—', '-', '/', '!', '?'])
            && bytes
                .get(i - 1)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'(');
        if opens && is_credit(&text[i..]) && !before.trim().is_empty() {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn credit_lines_go() {
        for t in [
            "Foto: GdP/Hagen Immel",
            "Bild: Jahr Media",
            "Crédits photos : Bestimage",
            "© Matthias Hangst/Getty Images",
            "(crédito: Minervino Júnior/CB/D.A.Press)",
            ". Imagen: Télam",
        ] {
            assert!(is_credit(t), "{t}");
        }
    }

    #[test]
    fn prose_is_not_a_credit() {
        for t in [
            "Foto: Die Ausstellung zeigt mehr als zweihundert Bilder aus drei Jahrzehnten der Stadtgeschichte.",
            "Photos of the harbour were taken at dawn.",
            "Bilder sagen mehr als Worte.",
            "Image",
        ] {
            assert!(!is_credit(t), "{t}");
        }
    }

    #[test]
    fn caption_tails_are_cut() {
        let mut b = vec![
            Block::new(
                BlockKind::Caption,
                "Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com",
                Default::default(),
            ),
            Block::new(
                BlockKind::Caption,
                "Lee Elder in 1975. | © Augusta National/Getty Images",
                Default::default(),
            ),
            Block::new(
                BlockKind::Caption,
                "Das FWR reagiert mit Entsetzen. (Quelle: Fleischmann/Unsplash/DJV)",
                Default::default(),
            ),
            Block::paragraph("Foto: Christof Stache"),
            Block::paragraph("The harbour reopened on Monday. Photo: the mayor said so."),
        ];
        drop_credits(&mut b);
        assert_eq!(
            texts(&b),
            [
                "Erdölpumpen im Abendrot.",
                "Lee Elder in 1975.",
                "Das FWR reagiert mit Entsetzen.",
                "The harbour reopened on Monday. Photo: the mayor said so.",
            ]
        );
    }
}
