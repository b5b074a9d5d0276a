//! The HTML form: the clean article as minimal, well-formed HTML.

use super::group::{self, Group};
use super::RenderOptions;
use crate::article::Article;
use crate::block::{Block, BlockKind};

/// Renders the article as one `<article>` element (with `lang` when the
/// language is known): the title as `<h1>` (when known and not already the
/// first heading), then `<p>`, `<h1>`..`<h6>`, `<ul>`/`<ol>` of `<li>`,
/// `<table>` of `<tr>` with `<th>` or `<td>` cells, `<pre><code>`,
/// `<blockquote>` of `<p>`, and `<figure><figcaption>`, one per line. Text is
/// escaped; line breaks inside a block become `<br>`. No content gives an
/// empty string.
pub fn html(article: &Article, _options: &RenderOptions) -> String {
    let title = group::title(article);
    if title.is_none() && article.blocks.is_empty() {
        return String::new();
    }
    let mut out = String::from("<article");
    if let Some(lang) = article.metadata.language.as_deref() {
        out.push_str(" lang=\"");
        out.push_str(&escape(lang));
        out.push('"');
    }
    out.push_str(">\n");
    if let Some(title) = title {
        element(&mut out, "h1", title);
    }
    for g in group::groups(&article.blocks) {
        match g {
            Group::List { ordered, items } => {
                let tag = if ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>\n"));
                for item in items {
                    element(&mut out, "li", &item.text);
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Group::Table(rows) => {
                out.push_str("<table>\n");
                for row in rows {
                    let tag = match row.kind {
                        BlockKind::TableRow { header: true } => "th",
                        _ => "td",
                    };
                    out.push_str("<tr>");
                    for cell in group::cells(row) {
                        out.push_str(&format!("<{tag}>{}</{tag}>", text(cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            Group::Quote(quotes) => {
                out.push_str("<blockquote>\n");
                for q in quotes {
                    element(&mut out, "p", &q.text);
                }
                out.push_str("</blockquote>\n");
            }
            Group::Single(block) => single(&mut out, block),
        }
    }
    out.push_str("</article>\n");
    out
}

fn single(out: &mut String, block: &Block) {
    match block.kind {
        BlockKind::Heading(level) => {
            let tag = format!("h{}", level.clamp(1, 6));
            element(out, &tag, &block.text);
        }
        BlockKind::Code => {
            out.push_str("<pre><code>");
            out.push_str(&escape(block.text.trim_end_matches('\n')));
            out.push_str("</code></pre>\n");
        }
        BlockKind::Caption => {
            out.push_str("<figure><figcaption>");
            out.push_str(&text(&block.text));
            out.push_str("</figcaption></figure>\n");
        }
        _ => element(out, "p", &block.text),
    }
}

/// `<tag>content</tag>` and a newline.
fn element(out: &mut String, tag: &str, content: &str) {
    out.push_str(&format!("<{tag}>{}</{tag}>\n", text(content)));
}

/// Block text: escaped, line breaks as `<br>`.
fn text(s: &str) -> String {
    escape(s.trim()).replace('\n', "<br>")
}

/// `s` with `&`, `<`, `>` and `"` escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Metadata, SourceKind};
    use crate::block::Gap;

    fn render(title: Option<&str>, lang: Option<&str>, blocks: Vec<(BlockKind, &str)>) -> String {
        let article = Article {
            blocks: blocks
                .into_iter()
                .map(|(k, t)| Block::new(k, t, Gap::PARAGRAPH))
                .collect(),
            metadata: Metadata {
                title: title.map(str::to_string),
                language: lang.map(str::to_string),
                ..Metadata::default()
            },
            removed: Vec::new(),
            source: SourceKind::Html,
            encoding: "UTF-8",
            verdicts: None,
        };
        html(&article, &RenderOptions::default())
    }

    #[test]
    fn structures_render_and_group() {
        let ul = BlockKind::ListItem { ordered: false };
        let ol = BlockKind::ListItem { ordered: true };
        let got = render(
            Some("Tom & Jerry"),
            Some("en"),
            vec![
                (BlockKind::Heading(2), "Section"),
                (BlockKind::Paragraph, "A <b> paragraph.\nNext line."),
                (ul, "apples"),
                (ul, "pears"),
                (ol, "first"),
                (BlockKind::Quote, "Q1"),
                (BlockKind::Quote, "Q2"),
                (BlockKind::TableRow { header: true }, "Name\tAge"),
                (BlockKind::TableRow { header: false }, "Ann\t31"),
                (BlockKind::Code, "if a < b {\n    x();\n}\n"),
                (BlockKind::Caption, "A \"caption\"."),
            ],
        );
        let want = "<article lang=\"en\">\n<h1>Tom &amp; Jerry</h1>\n<h2>Section</h2>\n\
                    <p>A &lt;b&gt; paragraph.<br>Next line.</p>\n\
                    <ul>\n<li>apples</li>\n<li>pears</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>\n\
                    <blockquote>\n<p>Q1</p>\n<p>Q2</p>\n</blockquote>\n\
                    <table>\n<tr><th>Name</th><th>Age</th></tr>\n<tr><td>Ann</td><td>31</td></tr>\n</table>\n\
                    <pre><code>if a &lt; b {\n    x();\n}</code></pre>\n\
                    <figure><figcaption>A &quot;caption&quot;.</figcaption></figure>\n</article>\n";
        assert_eq!(got, want);
    }

    #[test]
    fn output_parses_back_to_the_same_text() {
        let got = render(
            None,
            None,
            vec![(BlockKind::Paragraph, "<script>alert(1)</script> & \"x\"")],
        );
        let doc = scraper::Html::parse_fragment(&got);
        let text: String = doc.root_element().text().collect();
        assert_eq!(text.trim(), "<script>alert(1)</script> & \"x\"");
    }

    #[test]
    fn title_is_not_repeated_and_empty_is_empty() {
        assert_eq!(
            render(
                Some("Big News"),
                None,
                vec![(BlockKind::Heading(1), "Big News")]
            ),
            "<article>\n<h1>Big News</h1>\n</article>\n"
        );
        assert_eq!(render(None, Some("en"), vec![]), "");
    }
}
