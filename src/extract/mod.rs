//! Stage 2 for HTML inputs: a page to the [`Block`]s of its main content and
//! its [`Metadata`].
//!
//! Placeholder: every visible text run of the body becomes a block at
//! block-level element boundaries. The real extractor replaces it.

use crate::article::Metadata;
use crate::block::{Block, BlockKind, Gap};
use crate::config::Config;
use ego_tree::iter::Edge;
use scraper::Node;

pub mod guard;
pub mod metadata;

/// The main content of a page and what is known about it.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Content blocks in reading order.
    pub blocks: Vec<Block>,
    /// Title, author, language and so on.
    pub metadata: Metadata,
}

/// Extracts the main content of `html`.
pub fn extract(html: &str, config: &Config) -> Extracted {
    let doc = match guard::parse(html, &config.budgets) {
        Ok(doc) => doc,
        Err(blocks) => {
            return Extracted {
                blocks,
                metadata: Metadata::default(),
            }
        }
    };
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut skip_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template" | "head") {
                        skip_depth += 1;
                    } else if is_block(name) {
                        flush(&mut current, &mut blocks);
                    }
                }
                Node::Text(t) if skip_depth == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template" | "head") {
                        skip_depth -= 1;
                    } else if is_block(name) || name == "br" {
                        flush(&mut current, &mut blocks);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut blocks);
    Extracted {
        blocks,
        metadata: metadata::extract(&doc, None),
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "ul"
            | "ol"
            | "table"
            | "figcaption"
            | "dd"
            | "dt"
            | "main"
            | "form"
    )
}

fn flush(current: &mut String, blocks: &mut Vec<Block>) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    current.clear();
    if !text.is_empty() {
        blocks.push(Block::new(BlockKind::Paragraph, text, Gap::PARAGRAPH));
    }
}
