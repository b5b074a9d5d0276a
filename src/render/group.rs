//! Runs of blocks that render as one structure: consecutive list items of
//! the same kind form a list, consecutive table rows a table, consecutive
//! quotes one quotation. Shared by the Markdown and HTML renderers.

use crate::article::Article;
use crate::block::{Block, BlockKind};

/// A run of blocks rendered together.
pub(super) enum Group<'a> {
    /// List items, numbered when `ordered`.
    List { ordered: bool, items: &'a [Block] },
    /// Table rows.
    Table(&'a [Block]),
    /// Paragraphs of one quotation.
    Quote(&'a [Block]),
    /// Any other block, on its own.
    Single(&'a Block),
}

/// Splits `blocks` into groups, in order.
pub(super) fn groups(blocks: &[Block]) -> Vec<Group<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let kind = blocks[i].kind;
        let same = |b: &Block| match (kind, b.kind) {
            (BlockKind::ListItem { ordered: a }, BlockKind::ListItem { ordered: b }) => a == b,
            (BlockKind::TableRow { .. }, BlockKind::TableRow { .. }) => true,
            (BlockKind::Quote, BlockKind::Quote) => true,
            _ => false,
        };
        let run = 1 + blocks[i + 1..].iter().take_while(|b| same(b)).count();
        let run_blocks = &blocks[i..i + run];
        out.push(match kind {
            BlockKind::ListItem { ordered } => Group::List {
                ordered,
                items: run_blocks,
            },
            BlockKind::TableRow { .. } => Group::Table(run_blocks),
            BlockKind::Quote => Group::Quote(run_blocks),
            _ => Group::Single(&blocks[i]),
        });
        i += if matches!(out.last(), Some(Group::Single(_))) {
            1
        } else {
            run
        };
    }
    out
}

/// The title to print above the body: the article's title when known, unless
/// the body already starts with it as a heading.
pub(super) fn title(article: &Article) -> Option<&str> {
    let title = article.metadata.title.as_deref().map(str::trim)?;
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let repeated = article
        .blocks
        .first()
        .is_some_and(|b| matches!(b.kind, BlockKind::Heading(_)) && words(&b.text) == words(title));
    (!title.is_empty() && !repeated).then_some(title)
}

/// The cells of a table row (tab-separated in [`Block::text`]).
pub(super) fn cells(row: &Block) -> Vec<&str> {
    row.text.split('\t').map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Gap;

    fn block(kind: BlockKind) -> Block {
        Block::new(kind, "x", Gap::NONE)
    }

    #[test]
    fn runs_of_the_same_structure_group() {
        let ul = BlockKind::ListItem { ordered: false };
        let ol = BlockKind::ListItem { ordered: true };
        let row = BlockKind::TableRow { header: false };
        let head = BlockKind::TableRow { header: true };
        let blocks = [
            block(ul),
            block(ul),
            block(ol),
            block(BlockKind::Paragraph),
            block(BlockKind::Paragraph),
            block(head),
            block(row),
            block(BlockKind::Quote),
            block(BlockKind::Quote),
        ];
        let shapes: Vec<String> = groups(&blocks)
            .iter()
            .map(|g| match g {
                Group::List { ordered, items } => {
                    format!("list{}x{}", u8::from(*ordered), items.len())
                }
                Group::Table(rows) => format!("table{}", rows.len()),
                Group::Quote(q) => format!("quote{}", q.len()),
                Group::Single(_) => "single".to_string(),
            })
            .collect();
        assert_eq!(
            shapes,
            ["list0x2", "list1x1", "single", "single", "table2", "quote2"]
        );
    }
}
