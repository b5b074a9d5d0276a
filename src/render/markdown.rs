//! The Markdown form (CommonMark with GFM tables).

use super::group::{self, Group};
use super::RenderOptions;
use crate::article::Article;
use crate::block::{Block, BlockKind};

/// Renders the article as Markdown: the title (when known and not already the
/// first heading) as `#`, headings as `#`..`######`, lists as `-` or `1.`
/// items, tables as GFM tables with a header separator row (an empty header
/// when the table has no header row), code in fences, quotes with `>`,
/// captions in italics. Structures are separated by blank lines; text is
/// escaped so that it reads back as the same text. Non-empty output ends
/// with one newline; no content gives an empty string.
pub fn markdown(article: &Article, _options: &RenderOptions) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(title) = group::title(article) {
        parts.push(format!("# {}", inline(title)));
    }
    for g in group::groups(&article.blocks) {
        parts.push(match g {
            Group::List { ordered, items } => list(ordered, items),
            Group::Table(rows) => table(rows),
            Group::Quote(quotes) => quotes
                .iter()
                .map(|q| format!("> {}", inline(&q.text).replace('\n', "\n> ")))
                .collect::<Vec<_>>()
                .join("\n>\n"),
            Group::Single(block) => single(block),
        });
    }
    parts.retain(|p| !p.trim().is_empty());
    if parts.is_empty() {
        return String::new();
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn single(block: &Block) -> String {
    match block.kind {
        BlockKind::Heading(level) => {
            let level = level.clamp(1, 6) as usize;
            format!(
                "{} {}",
                "#".repeat(level),
                inline(&block.text).replace("\\\n", " ")
            )
        }
        BlockKind::Code => fenced(&block.text),
        BlockKind::Caption => format!("*{}*", inline(&block.text)),
        _ => inline(&block.text),
    }
}

fn list(ordered: bool, items: &[Block]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_string()
        };
        let indent = " ".repeat(marker.len());
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&marker);
        out.push_str(&inline(&item.text).replace('\n', &format!("\n{indent}")));
    }
    out
}

fn table(rows: &[Block]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| group::cells(r).into_iter().map(cell).collect())
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line = |row: &[String]| {
        let mut s = String::from("|");
        for i in 0..width {
            s.push(' ');
            s.push_str(row.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s
    };
    let has_header = matches!(rows[0].kind, BlockKind::TableRow { header: true });
    let mut lines = Vec::with_capacity(rows.len() + 2);
    let body = if has_header {
        lines.push(line(&cells[0]));
        &cells[1..]
    } else {
        lines.push(line(&[]));
        &cells[..]
    };
    lines.push(format!("|{}", " --- |".repeat(width)));
    lines.extend(body.iter().map(|r| line(r)));
    lines.join("\n")
}

/// A table cell: inline-escaped, pipes escaped, on one line.
fn cell(text: &str) -> String {
    inline_only(text).replace('|', "\\|")
}

/// A code block fenced with more backticks than it holds in a row.
fn fenced(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}\n{}\n{fence}", code.trim_end_matches('\n'))
}

/// Text escaped so that Markdown shows it as it is: inline markup
/// characters get a backslash, and so does anything at the start of a line
/// that would open a block (a heading, a quote, a list item, a rule, a
/// setext underline). Lines of a multi-line block end in hard breaks.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        let line = line.trim();
        let marker = block_marker_len(line);
        if marker > 0 {
            out.push_str(&line[..marker - 1]);
            out.push('\\');
        }
        escape_inline(&line[marker.saturating_sub(1)..], &mut out);
    }
    out
}

/// Text escaped for a place where blocks cannot start (a table cell).
fn inline_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_inline(
        &text.split_whitespace().collect::<Vec<_>>().join(" "),
        &mut out,
    );
    out
}

/// Appends `text` to `out` with inline markup characters escaped.
fn escape_inline(text: &str, out: &mut String) {
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_reference(&text[i..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
}

/// When `line` starts with something that would open a block, the length of
/// that marker up to and including the character to escape: `1.` or `1)`
/// followed by a space (an ordered item), `-` or `+` followed by a space or
/// another `-` (an item, a rule), `#` to `######` followed by a space (a
/// heading), `>` (a quote), a line of `=` (a setext underline). Else 0.
fn block_marker_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let spaced = |at: usize| bytes.get(at).is_none_or(|b| *b == b' ' || *b == b'\t');
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && spaced(digits + 1)
    {
        return digits + 1;
    }
    let hashes = bytes.iter().take_while(|b| **b == b'#').count();
    match bytes.first() {
        Some(b'-') if spaced(1) || bytes.get(1) == Some(&b'-') => 1,
        Some(b'+') if spaced(1) => 1,
        Some(b'>') => 1,
        Some(b'=') if bytes.iter().all(|b| *b == b'=') => 1,
        Some(b'#') if hashes <= 6 && spaced(hashes) => 1,
        _ => 0,
    }
}

/// Whether `s` (starting with `&`) reads as a character reference.
fn looks_like_reference(s: &str) -> bool {
    let body = &s[1..];
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    len > 0 && body[len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Metadata, SourceKind};
    use crate::block::Gap;

    fn article(title: Option<&str>, blocks: Vec<(BlockKind, &str)>) -> Article {
        Article {
            blocks: blocks
                .into_iter()
                .map(|(k, t)| Block::new(k, t, Gap::PARAGRAPH))
                .collect(),
            metadata: Metadata {
                title: title.map(str::to_string),
                ..Metadata::default()
            },
            removed: Vec::new(),
            source: SourceKind::Html,
            encoding: "UTF-8",
            verdicts: None,
        }
    }

    fn md(title: Option<&str>, blocks: Vec<(BlockKind, &str)>) -> String {
        markdown(&article(title, blocks), &RenderOptions::default())
    }

    #[test]
    fn structures_render_and_group() {
        let ul = BlockKind::ListItem { ordered: false };
        let ol = BlockKind::ListItem { ordered: true };
        let got = md(
            Some("The Title"),
            vec![
                (BlockKind::Heading(2), "Section"),
                (BlockKind::Paragraph, "A paragraph."),
                (ul, "apples"),
                (ul, "pears"),
                (ol, "first"),
                (ol, "second"),
                (BlockKind::Quote, "Quoted one."),
                (BlockKind::Quote, "Quoted two."),
                (BlockKind::TableRow { header: true }, "Name\tAge"),
                (BlockKind::TableRow { header: false }, "Ann\t31"),
                (BlockKind::TableRow { header: false }, "Bo"),
                (BlockKind::Code, "fn main() {\n    println!(\"hi\");\n}"),
                (BlockKind::Caption, "A caption."),
            ],
        );
        let want = "# The Title\n\n## Section\n\nA paragraph.\n\n- apples\n- pears\n\n\
                    1. first\n2. second\n\n> Quoted one.\n>\n> Quoted two.\n\n\
                    | Name | Age |\n| --- | --- |\n| Ann | 31 |\n| Bo |  |\n\n\
                    ```\nfn main() {\n    println!(\"hi\");\n}\n```\n\n*A caption.*\n";
        assert_eq!(got, want);
    }

    #[test]
    fn table_without_header_gets_an_empty_one() {
        let row = BlockKind::TableRow { header: false };
        assert_eq!(
            md(None, vec![(row, "a | b\tc"), (row, "- d\t1. e")]),
            "|  |  |\n| --- | --- |\n| a \\| b | c |\n| - d | 1. e |\n"
        );
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            md(
                None,
                vec![(
                    BlockKind::Paragraph,
                    "*not* _em_ [link](x) <b> a`b` #1 &amp; & ~x~ \\"
                )]
            ),
            "\\*not\\* \\_em\\_ \\[link\\](x) \\<b> a\\`b\\` #1 \\&amp; & \\~x\\~ \\\\\n"
        );
        assert_eq!(
            md(None, vec![(BlockKind::Paragraph, "# not a heading")]),
            "\\# not a heading\n"
        );
        assert_eq!(
            md(None, vec![(BlockKind::Paragraph, "- not a list")]),
            "\\- not a list\n"
        );
        assert_eq!(
            md(None, vec![(BlockKind::Paragraph, "2024. A year")]),
            "2024\\. A year\n"
        );
        assert_eq!(
            md(None, vec![(BlockKind::Paragraph, "> not a quote")]),
            "\\> not a quote\n"
        );
        assert_eq!(md(None, vec![(BlockKind::Paragraph, "---")]), "\\---\n");
        assert_eq!(
            md(None, vec![(BlockKind::Paragraph, "Line one\nline two")]),
            "Line one\\\nline two\n"
        );
    }

    #[test]
    fn only_real_block_markers_are_escaped() {
        let para = |t: &str| md(None, vec![(BlockKind::Paragraph, t)]);
        assert_eq!(para("70.2% voted"), "70.2% voted\n");
        assert_eq!(para("1) First"), "1\\) First\n");
        assert_eq!(para("#1 hit"), "#1 hit\n");
        assert_eq!(para("### Three"), "\\### Three\n");
        assert_eq!(para("-5 degrees"), "-5 degrees\n");
        assert_eq!(para("+ plus"), "\\+ plus\n");
        assert_eq!(para("=x"), "=x\n");
        // A line of `=` after a hard break would underline a setext heading.
        assert_eq!(para("Title\n==="), "Title\\\n\\===\n");
    }

    #[test]
    fn code_fence_outgrows_backticks_inside() {
        assert_eq!(
            md(None, vec![(BlockKind::Code, "a ```` b\n")]),
            "`````\na ```` b\n`````\n"
        );
    }

    #[test]
    fn title_is_not_repeated_and_empty_is_empty() {
        assert_eq!(
            md(
                Some("Big News"),
                vec![
                    (BlockKind::Heading(1), "Big  news"),
                    (BlockKind::Paragraph, "x")
                ]
            ),
            "# Big  news\n\nx\n"
        );
        assert_eq!(md(None, vec![]), "");
        assert_eq!(md(Some("Only"), vec![]), "# Only\n");
    }
}
