//! The chosen subtrees to [`Block`]s, laid out as a browser renders them:
//! block-level elements start new blocks, inline elements do not; runs of
//! whitespace collapse to one space; `<br>` breaks the line; `<pre>` keeps
//! its text as is; headings keep their level; list items and table rows are
//! separate blocks (cells tab-separated) with no blank line between them.
//!
//! In: the page, the pruning mask and the chosen roots. Out: blocks in
//! reading order.

use super::dom::{Dom, Ix, Tag};
use super::stats::Stats;
use crate::block::{Block, BlockKind, Gap};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Cells longer than this (visible characters) mean a table lays out the page
/// rather than holding data.
const MAX_DATA_CELL: u32 = 400;

/// Turns the subtrees at `roots` into blocks, skipping removed nodes.
pub(crate) fn build(dom: &Dom, removed: &[bool], stats: &Stats, roots: &[Ix]) -> Vec<Block> {
    let layout_tables = layout_tables(dom, removed, stats, roots);
    let caption_boxes = super::captions::picture_captions(dom, removed, stats, roots);
    let mut b = Builder {
        caption_boxes: &caption_boxes,
        dom,
        out: Vec::new(),
        buf: String::new(),
        space: false,
        line_break: false,
        kinds: Vec::new(),
        pre: 0,
        row: None,
        cells: 0,
        lists: Vec::new(),
        layout_tables: &layout_tables,
    };
    for &root in roots {
        b.subtree(root, removed);
    }
    b.flush();
    b.out
}

/// Tables under `roots` that lay out the page: they hold another table, or a
/// cell with more text than a data cell would.
fn layout_tables(dom: &Dom, removed: &[bool], stats: &Stats, roots: &[Ix]) -> Vec<Ix> {
    let mut layout = Vec::new();
    let mut tables: Vec<Ix> = Vec::new();
    for &root in roots {
        tables.clear();
        for i in root..dom.node(root).end {
            while tables.last().is_some_and(|&t| !dom.contains(t, i)) {
                tables.pop();
            }
            if removed[i as usize] {
                continue;
            }
            match dom.node(i).tag {
                Tag::Table => {
                    if let Some(&outer) = tables.last() {
                        layout.push(outer);
                    }
                    tables.push(i);
                }
                Tag::Td | Tag::Th if stats.text[i as usize] > MAX_DATA_CELL => {
                    if let Some(&t) = tables.last() {
                        layout.push(t);
                    }
                }
                _ => {}
            }
        }
    }
    layout.sort_unstable();
    layout.dedup();
    layout
}

struct Builder<'d, 'a> {
    dom: &'d Dom<'a>,
    out: Vec<Block>,
    /// Text of the block being built.
    buf: String,
    /// Whether whitespace is pending before the next visible character.
    space: bool,
    /// Whether the next block follows a `<br>` (a line break, not a paragraph).
    line_break: bool,
    /// Elements that set the kind of the blocks inside them, innermost last.
    kinds: Vec<(Ix, BlockKind)>,
    /// Depth of `<pre>` elements.
    pre: u32,
    /// The data-table row being built.
    row: Option<Ix>,
    /// Cells started in that row.
    cells: u32,
    /// Open lists: whether each is ordered.
    lists: Vec<(Ix, bool)>,
    layout_tables: &'d [Ix],
    /// Boxes whose text is the caption of a picture, sorted.
    caption_boxes: &'d [Ix],
}

impl Builder<'_, '_> {
    /// Emits the subtree at `root`, simulating open/close events over the
    /// pre-order array with an explicit stack.
    fn subtree(&mut self, root: Ix, removed: &[bool]) {
        let dom = self.dom;
        let end = dom.node(root).end;
        let mut open: Vec<Ix> = Vec::new();
        let mut i = root;
        while i < end {
            while let Some(&top) = open.last() {
                if dom.contains(top, i) {
                    break;
                }
                open.pop();
                self.close(top);
            }
            if removed[i as usize] {
                i = dom.node(i).end;
                continue;
            }
            let node = dom.node(i);
            if node.tag == Tag::Text {
                self.text(dom.text(i));
            } else {
                self.open(i);
                open.push(i);
            }
            i += 1;
        }
        while let Some(top) = open.pop() {
            self.close(top);
        }
    }

    fn in_layout_table(&self, table: Ix) -> bool {
        self.layout_tables.binary_search(&table).is_ok()
    }

    /// The table a row or cell belongs to.
    fn table_of(&self, i: Ix) -> Option<Ix> {
        self.dom
            .ancestors(i)
            .find(|&a| self.dom.node(a).tag == Tag::Table)
    }

    fn is_data_row(&self, i: Ix) -> bool {
        self.table_of(i).is_some_and(|t| !self.in_layout_table(t))
    }

    fn open(&mut self, i: Ix) {
        let tag = self.dom.node(i).tag;
        match tag {
            Tag::Br => {
                if self.row.is_some() {
                    self.space = true;
                } else if self.pre > 0 {
                    self.buf.push('\n');
                } else {
                    self.flush();
                    self.line_break = true;
                }
                return;
            }
            Tag::Tr if self.row.is_none() && self.is_data_row(i) => {
                self.flush();
                let header = self
                    .dom
                    .ancestors(i)
                    .take(2)
                    .any(|a| self.dom.element(a).is_some_and(|e| e.name() == "thead"))
                    || self.all_header_cells(i);
                self.row = Some(i);
                self.cells = 0;
                self.kinds.push((i, BlockKind::TableRow { header }));
                return;
            }
            Tag::Td | Tag::Th if self.row.is_some() => {
                if self.cells > 0 {
                    self.buf.push('\t');
                }
                self.space = false;
                self.cells += 1;
                return;
            }
            _ => {}
        }
        if self.row.is_some() {
            if tag.is_block() {
                self.space = true;
            }
            return;
        }
        if !tag.is_block() {
            return;
        }
        self.flush();
        let kind = match tag {
            Tag::Heading(level) => Some(BlockKind::Heading(level)),
            Tag::Ul | Tag::Ol => {
                self.lists.push((i, tag == Tag::Ol));
                None
            }
            Tag::Li => Some(BlockKind::ListItem {
                ordered: self.lists.last().is_some_and(|&(_, o)| o),
            }),
            Tag::Blockquote => Some(BlockKind::Quote),
            Tag::Pre => {
                self.pre += 1;
                Some(BlockKind::Code)
            }
            Tag::Figcaption | Tag::Caption => Some(BlockKind::Caption),
            _ => self
                .caption_boxes
                .binary_search(&i)
                .is_ok()
                .then_some(BlockKind::Caption),
        };
        if let Some(kind) = kind {
            self.kinds.push((i, kind));
        }
    }

    fn all_header_cells(&self, tr: Ix) -> bool {
        let mut any = false;
        for c in self.dom.children(tr) {
            match self.dom.node(c).tag {
                Tag::Th => any = true,
                Tag::Td => return false,
                _ => {}
            }
        }
        any
    }

    fn close(&mut self, i: Ix) {
        let tag = self.dom.node(i).tag;
        if let Some(row) = self.row {
            if row != i {
                return;
            }
            self.flush();
            self.row = None;
        } else if tag.is_block() {
            self.flush();
        }
        if self.kinds.last().is_some_and(|&(k, _)| k == i) {
            if let Some((_, BlockKind::Code)) = self.kinds.pop() {
                self.pre = self.pre.saturating_sub(1);
            }
        }
        if self.lists.last().is_some_and(|&(l, _)| l == i) {
            self.lists.pop();
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for c in text.chars() {
                if c != '\r' {
                    self.buf.push(c);
                }
            }
            return;
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else if c == SOFT_HYPHEN {
                // A hyphenation hint, invisible unless the line breaks there.
                continue;
            } else {
                if self.space && !self.buf.is_empty() && !self.buf.ends_with(['\t', ' ']) {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
            }
        }
    }

    /// Ends the current block, if it has any text.
    fn flush(&mut self) {
        self.space = false;
        let kind = self.kinds.last().map_or(BlockKind::Paragraph, |&(_, k)| k);
        let text = if kind == BlockKind::Code {
            trim_blank_lines(&self.buf)
        } else {
            self.buf.trim_matches(is_trimmed)
        };
        if text.is_empty() {
            self.buf.clear();
            return;
        }
        let gap = if self.line_break {
            Gap::NONE
        } else {
            match (self.out.last().map(|b| b.kind), kind) {
                (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. })
                | (Some(BlockKind::TableRow { .. }), BlockKind::TableRow { .. }) => Gap::NONE,
                _ => Gap::PARAGRAPH,
            }
        };
        self.out.push(Block::new(kind, composed(text), gap));
        self.buf.clear();
        self.line_break = false;
    }
}

/// `text` in Unicode normalization form C, as text is compared and searched:
/// pages mix precomposed and decomposed letters (Bengali `য়`, Vietnamese,
/// accented Latin typed on some systems). ASCII and text already in NFC
/// (nearly all) are returned as they are.
fn composed(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// U+00AD, which pages put inside long words to allow a break.
const SOFT_HYPHEN: char = '\u{ad}';

/// Characters trimmed from the ends of a block: whitespace, NBSP included.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
}

/// Code keeps its inner layout; only blank lines around it go.
fn trim_blank_lines(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .take_while(|&(_, c)| c.is_whitespace())
        .filter(|&(_, c)| c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    fn blocks(body: &str) -> Vec<(BlockKind, String, Gap)> {
        let doc = Document::parse(&format!("<body>{body}</body>"));
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        build(&dom, &removed, &stats, &[dom.body()])
            .into_iter()
            .map(|b| (b.kind, b.text, b.gap))
            .collect()
    }

    fn texts(body: &str) -> Vec<String> {
        blocks(body).into_iter().map(|b| b.1).collect()
    }

    fn kinds(body: &str) -> Vec<BlockKind> {
        blocks(body).into_iter().map(|b| b.0).collect()
    }

    #[test]
    fn the_short_text_under_a_picture_in_its_box_is_a_caption() {
        let para = "<p>The ferry left the harbour at dawn, its deck full of cars and bikes.</p>";
        // In a block of its own, or after a line break, beside the picture.
        for caption in [
            "<div><a href=/p.jpg><img src=p.jpg></a><div>The harbour at dawn.</div></div>",
            "<div><picture><img src=p.jpg></picture><p>The harbour. Photo: J. Doe</p></div>",
            "<p><img src=p.jpg><br><em>Figure 4: the harbour.</em></p>",
        ] {
            assert_eq!(
                kinds(&format!("{para}{caption}{para}")),
                [
                    BlockKind::Paragraph,
                    BlockKind::Caption,
                    BlockKind::Paragraph
                ],
                "{caption}"
            );
        }
    }

    #[test]
    fn prose_beside_a_picture_is_not_a_caption() {
        for prose in [
            // A paragraph that starts with a picture set into its line.
            "<p><img src=p.jpg>The ferry left at dawn, TMZ has learned.</p>",
            // Text before the picture in its box.
            "<div><p>The ferry left at dawn.</p><img src=p.jpg><p>It came back.</p></div>",
            // The box of the picture holds more than a caption's text.
            &format!(
                "<div><img src=p.jpg><p>{}</p></div>",
                "The ferry left the harbour at dawn with a full deck. ".repeat(5)
            ),
        ] {
            assert!(
                kinds(prose).iter().all(|&k| k == BlockKind::Paragraph),
                "{prose}: {:?}",
                kinds(prose)
            );
        }
        // A heading under a picture stays a heading.
        assert_eq!(
            kinds("<div><img src=p.jpg><h2>Part two</h2></div>"),
            [BlockKind::Heading(2)]
        );
    }

    #[test]
    fn soft_hyphens_leave_the_words_whole() {
        assert_eq!(
            texts("<p>Donau\u{ad}dampf\u{ad}schiff&shy;fahrt ist lang.</p>"),
            ["Donaudampfschifffahrt ist lang."]
        );
    }

    #[test]
    fn inline_elements_do_not_split_and_whitespace_collapses() {
        assert_eq!(
            texts("<p>  One <b>bold</b>\n\t<i>word</i>,<span> and</span>  more. </p>"),
            ["One bold word, and more."]
        );
    }

    #[test]
    fn text_comes_out_composed() {
        // Decomposed e + combining acute; Bengali YYA (U+09DF), which NFC
        // writes as YA + NUKTA.
        assert_eq!(
            texts("<p>Cafe\u{301} \u{9DF}</p><p>plain ascii</p>"),
            ["Caf\u{e9} \u{9AF}\u{9BC}", "plain ascii"]
        );
    }

    #[test]
    fn headings_lists_and_gaps() {
        let b = blocks("<h2>Title</h2><p>Text.</p><ol><li>one</li><li>two</li></ol><p>After.</p>");
        assert_eq!(b[0].0, BlockKind::Heading(2));
        assert_eq!(b[2].0, BlockKind::ListItem { ordered: true });
        assert_eq!(b[2].2, Gap::PARAGRAPH);
        assert_eq!(b[3].2, Gap::NONE);
        assert_eq!(b[4].2, Gap::PARAGRAPH);
    }

    #[test]
    fn table_rows_are_rows_of_tab_separated_cells() {
        let b = blocks("<table><thead><tr><th>a</th><th>b</th></tr></thead><tr><td>1</td><td><p>2</p></td></tr></table>");
        assert_eq!(b[0].0, BlockKind::TableRow { header: true });
        assert_eq!(b[0].1, "a\tb");
        assert_eq!(b[1].1, "1\t2");
        assert_eq!(b[1].2, Gap::NONE);
    }

    #[test]
    fn br_breaks_lines_and_pre_keeps_layout() {
        let b = blocks("<p>line one<br>line two</p><pre>\nfn main() {\n    x();\n}\n</pre>");
        assert_eq!(b[0].1, "line one");
        assert_eq!(b[1].1, "line two");
        assert_eq!(b[1].2, Gap::NONE);
        assert_eq!(b[2].0, BlockKind::Code);
        assert_eq!(b[2].1, "fn main() {\n    x();\n}");
    }

    #[test]
    fn text_directly_in_a_div_is_a_block() {
        assert_eq!(
            texts("<div>Loose text<div>inner</div>tail</div>"),
            ["Loose text", "inner", "tail"]
        );
    }
}
