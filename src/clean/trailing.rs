//! Rule T8, at the end: the closing run of comment, share, related-story,
//! newsletter, tag, author, copyright and cookie widgets.
//!
//! The run is cut from its first line to the end, but only when every line
//! after that first line can be read as a widget: a *header* from the
//! lexicon ("27 Comments", "Related articles", "About the author"), a
//! *button* ("Reply", "Facebook", "Yes"), or a line that fits under the
//! header above it (headlines under "Related articles", names, dates and
//! short posts under a comment header, a short bio under an author header).
//! A comment header takes free text only next to the list's structure (a
//! date, a "Helen says:" byline or a reply button right above the line or
//! within two lines below it), so an article about comment sections, or
//! prose after a mid-article "Comments" heading, stays whole.

use super::lexicon::{is_alphabetic, widgets, Kinds, Widget};
use super::masthead::{is_bare_label, is_dateline};
use super::shapes::{
    ends_with_period, is_button_row_norm, is_comment_byline, is_copyright_norm, is_date_norm,
    is_headline, is_tag_list, words_up_to,
};
use super::{Draft, Origin, Rule};
use crate::block::BlockKind;

/// Most lines under one header.
const MAX_COMMENT_LINES: usize = 600;
const MAX_RELATED_LINES: usize = 30;
const MAX_BIO_LINES: usize = 3;
const MAX_NEWSLETTER_LINES: usize = 5;
const MAX_CONTACT_LINES: usize = 12;
/// Longest line of a contact block, in words.
const MAX_CONTACT_WORDS: usize = 15;
/// Longest comment post and bio, in words.
const MAX_POST_WORDS: usize = 150;
const MAX_BIO_WORDS: usize = 90;
/// Longest header matched by a prefix phrase ("More from ...", "Written by ...").
const MAX_PREFIX_HEADER_WORDS: usize = 10;
/// Longest line that a widget stem alone makes a widget line ("Diesen
/// Beitrag kommentieren").
const MAX_STEM_LINE_WORDS: usize = 7;
/// Longest closing pitch ("Subscribe now to our e-edition for the full
/// story."), in words.
const MAX_PITCH_WORDS: usize = 45;
/// Most rounds of cutting a closing run and the labels it leaves dangling.
const MAX_CUTS: usize = 4;

/// What a header opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Comments,
    Related,
    Author,
    Newsletter,
    /// A contact block: names, addresses, e-mail and phone lines.
    Contact,
    /// A header with nothing under it but buttons: share bars, footers,
    /// copyright, tags, cookie banners.
    Alone,
}

/// The part a line can play in a closing run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Header(Family),
    Button,
    /// Anything else: may still fit under a header.
    Text,
    /// A code block: never chaff.
    Code,
}

/// A kept line and what it looks like.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    words: usize,
    role: Role,
    /// Whether the line is a date or a reply/form button: evidence of a
    /// comment list.
    comment_mark: bool,
    /// Whether the line is a comment byline ("Helen says:") or a count over
    /// a forum thread ("60 replies").
    byline: bool,
    /// Whether the line is a comment header with a count ("3 Comments"):
    /// posts under it need no dates or reply buttons.
    counted: bool,
    /// Whether the line is a heading (only HTML has them).
    heading: bool,
}

/// What [`classify`] made of the blocks near the end, for the rounds of the
/// closing passes: texts no longer change once they run. Only the lines a
/// closing run can reach are ever classified, so it grows from the end.
pub struct Memo {
    blocks: usize,
    /// The line of block `blocks - 1 - k` at `k`, once classified.
    from_end: Vec<Option<Line<'static>>>,
}

impl Memo {
    /// An empty memo for `blocks` blocks.
    pub fn new(blocks: usize) -> Memo {
        Memo {
            blocks,
            from_end: Vec::new(),
        }
    }

    /// The lines of the blocks `kept`, classified on first use.
    fn lines<'d>(&mut self, draft: &'d Draft, kept: &[usize], origin: Origin) -> Vec<Line<'d>> {
        if let Some(&first) = kept.first() {
            let reach = self.blocks - first;
            if self.from_end.len() < reach {
                self.from_end.resize(reach, None);
            }
        }
        kept.iter()
            .map(|&i| {
                let text = &draft.block(i).text;
                let line = self.from_end[self.blocks - 1 - i].get_or_insert_with(|| Line {
                    text: "",
                    ..classify(draft.block(i).kind, text, draft.norm(i))
                });
                let line = Line { text, ..*line };
                match origin {
                    Origin::Text => line,
                    Origin::Html => without_thread_marks(line),
                }
            })
            .collect()
    }
}

/// Lines classified at first from the end of the text; twice as many each
/// time the closing run may reach further.
const FIRST_LOOK: usize = 4 * REACH;

/// Removes the closing widget run, if any.
///
/// On [`Origin::Html`] a byline ("Helen said:") or a counted header ("12
/// replies") does not open a comment list: what the extractor kept of a
/// discussion page is its thread, and real comment sections are gone already.
///
/// Only the last lines are read: as many as the run can reach
/// ([`closing_start`]), so a long text costs no more than a short one.
pub fn remove(draft: &mut Draft, origin: Origin, memo: &mut Memo) {
    let mut look = FIRST_LOOK;
    let (kept, end) = loop {
        let mut kept: Vec<usize> = draft.kept().rev().take(look + 1).collect();
        let whole = kept.len() <= look;
        kept.truncate(look);
        kept.reverse();
        let mut lines = memo.lines(draft, &kept, origin);
        if let Some(end) = closing_start(&mut lines, whole) {
            break (kept, end);
        }
        look *= 2;
    };
    for &i in &kept[end..] {
        draft.remove(i, Rule::TrailingWidget);
    }
}

/// Index (into `lines`, the last kept lines, all of them when `whole`) of
/// the first line of what goes: the closing run, and the labels it leaves
/// dangling. `None` when that may start before `lines`.
fn closing_start(lines: &mut [Line], whole: bool) -> Option<usize> {
    // Cutting a run can leave a label without what it introduced at the
    // end; it goes too, and may uncover another run (bounded, for inputs
    // built to alternate).
    let mut end = lines.len();
    for _ in 0..MAX_CUTS {
        let mut cut = end;
        loop {
            // A label is read with the line before it.
            if cut < 2 && !whole {
                return None;
            }
            if cut == 0 || !is_dangling_label(&lines[..cut]) {
                break;
            }
            cut -= 1;
            lines[cut].role = Role::Header(Family::Alone);
        }
        if let Some(start) = run_start(&lines[..end], whole)? {
            cut = cut.min(start);
        }
        if cut == end {
            break;
        }
        end = cut;
    }
    Some(end)
}

/// `line` with its forum-thread marks (bylines, reply counts) read as text;
/// "27 Comments" stays a header: it opens a comment section the extractor
/// may have missed.
fn without_thread_marks(mut line: Line) -> Line {
    if line.role == Role::Header(Family::Comments) && line.byline {
        line.role = Role::Text;
        line.counted = false;
    }
    if line.byline {
        line.comment_mark = false;
    }
    line
}

fn classify<'a>(kind: BlockKind, text: &'a str, norm: Option<&str>) -> Line<'a> {
    if kind == BlockKind::Code {
        return Line {
            text,
            words: 0,
            role: Role::Code,
            comment_mark: false,
            byline: false,
            counted: false,
            heading: false,
        };
    }
    let lex = widgets();
    let (exact, all) = match norm {
        Some(n) => {
            let exact = lex.exact(n);
            (exact, lex.kinds_beyond(exact, n))
        }
        None => (Kinds::NONE, Kinds::NONE),
    };
    // Every bound on a line's words is MAX_POST_WORDS or below: counting
    // past it changes nothing.
    let words = words_up_to(text, MAX_POST_WORDS + 1);
    let short_header = words <= MAX_PREFIX_HEADER_WORDS && !ends_with_period(text);
    // A phrase matched only by its prefix ("More from *") must still look
    // like a header, not like a sentence that happens to start that way.
    let header = |w: Widget, limit_ok: bool| exact.has(w) || (all.has(w) && limit_ok);
    let byline = is_comment_byline(text, norm);
    // A date is evidence of a comment list, and with a label a dateline.
    let date = is_date_norm(text, norm);
    let role = if is_bare_label(text, norm) {
        Role::Header(Family::Author)
    } else if header(Widget::Comments, words <= MAX_PREFIX_HEADER_WORDS + 4) || byline {
        Role::Header(Family::Comments)
    } else if header(Widget::Related, short_header) {
        Role::Header(Family::Related)
    } else if header(Widget::Author, short_header && ends_with_name(text)) {
        Role::Header(Family::Author)
    } else if header(Widget::Newsletter, words <= MAX_PREFIX_HEADER_WORDS + 2) {
        Role::Header(Family::Newsletter)
    } else if header(Widget::Contact, short_header) {
        Role::Header(Family::Contact)
    } else if header(Widget::Share, short_header)
        || header(Widget::Footer, words <= 25)
        || header(Widget::Cookie, words <= 80)
        || is_copyright_norm(text, norm)
        || is_dateline(date, norm)
        || (words <= MAX_PITCH_WORDS && norm.is_some_and(|n| lex.has_pitch(n)))
        || is_tag_list(text)
        || (words <= MAX_STEM_LINE_WORDS
            && !matches!(kind, BlockKind::ListItem { .. })
            && !text.starts_with(['-', '•', '*', '–', '—'])
            && !ends_with_period(text)
            && norm.is_some_and(|n| lex.has_stem(n)))
    {
        Role::Header(Family::Alone)
    } else if exact.any(&[
        Widget::Button,
        Widget::CommentPart,
        Widget::Inline,
        Widget::Leading,
    ]) || (all.has(Widget::CommentPart) && words <= 40)
        || is_button_row_norm(text, norm)
    {
        Role::Button
    } else {
        Role::Text
    };
    let comment_mark = all.has(Widget::CommentPart) || byline || date;
    let counted = role == Role::Header(Family::Comments) && norm.is_some_and(|n| n.contains('#'));
    Line {
        text,
        words,
        role,
        comment_mark,
        byline: byline || exact.has(Widget::ThreadCount),
        counted,
        heading: matches!(kind, BlockKind::Heading(_)),
    }
}

/// Most words of a label that introduces what follows it ("Mehr Themen:").
const MAX_LABEL_WORDS: usize = 10;

/// Whether the last of `lines` is a label left without what it introduced
/// ("Read more:", "Das Thema könnte dich auch interessieren:"), or a heading
/// with nothing under it. A heading that states something ("Built for
/// teams.") may be a landing page's last word, and one after a label or
/// another heading may be one of a list of them: those stay.
fn is_dangling_label(lines: &[Line]) -> bool {
    let Some((line, before)) = lines.split_last() else {
        return false;
    };
    let orphan_heading = line.heading
        && !ends_with_period(line.text)
        && before.last().is_some_and(|b| {
            !b.heading && b.role == Role::Text && !b.text.trim_end().ends_with([':', '：'])
        });
    line.role == Role::Text
        && line.words <= MAX_LABEL_WORDS
        && (orphan_heading || line.text.trim_end().ends_with([':', '：']))
}

/// Whether the last word is capitalised, as in "Written by Sara Lindqvist"
/// (and not "Written by residents").
fn ends_with_name(text: &str) -> bool {
    text.split_whitespace()
        .last()
        .and_then(|w| w.chars().find(|&c| is_alphabetic(c)))
        .is_some_and(|c| !c.is_lowercase())
}

/// Most lines from a header to where the widget run after its group
/// starts: the longest group (a comment list) and one.
const REACH: usize = MAX_COMMENT_LINES + 2;

/// Index (into `lines`) of the first line of the closing run, `Some(None)`
/// when there is none; `None` when `lines` are the last lines of a longer
/// text (not `whole`) and the run may start before them.
///
/// `tail[i]` says whether `lines[i..]` reads as widgets only; it is built
/// from the end, each header trying every length of the group under it.
/// A header reaches at most [`REACH`] lines ahead, so once that many lines
/// in a row are no run's start, no line before them is either.
fn run_start(lines: &[Line], whole: bool) -> Option<Option<usize>> {
    let n = lines.len();
    let mut tail = vec![false; n + 1];
    // Whether the run from i holds only lexicon lines (no free text).
    let mut pure = vec![false; n + 1];
    tail[n] = true;
    pure[n] = true;
    let mut first_header = None;
    let mut misses = 0;
    for i in (0..n).rev() {
        match lines[i].role {
            Role::Code | Role::Text => {}
            Role::Button => {
                tail[i] = tail[i + 1];
                pure[i] = pure[i + 1];
            }
            Role::Header(family) => {
                if let Some(j) = first_fit(lines, i, family, &tail) {
                    tail[i] = true;
                    pure[i] = pure[j] && lines[i + 1..j].iter().all(|l| l.role != Role::Text);
                    first_header = Some(i);
                }
            }
        }
        if tail[i] {
            misses = 0;
        } else {
            misses += 1;
            if misses >= REACH {
                return Some(first_header);
            }
        }
    }
    if !whole {
        return None;
    }
    // A run that would take the whole text must be lexicon lines only: a
    // short article under a "Written by" line is not an author box. (Cutting
    // a shorter run instead would make a second cleaning cut more.)
    Some(first_header.filter(|&first| first > 0 || pure[0]))
}

/// The first `j > i` such that `lines[i+1..j]` fit under the header at `i`
/// and `lines[j..]` is a widget run.
fn first_fit(lines: &[Line], i: usize, family: Family, tail: &[bool]) -> Option<usize> {
    let cap = match family {
        Family::Comments => MAX_COMMENT_LINES,
        Family::Related => MAX_RELATED_LINES,
        Family::Author => MAX_BIO_LINES,
        Family::Newsletter => MAX_NEWSLETTER_LINES,
        Family::Contact => MAX_CONTACT_LINES,
        Family::Alone => 0,
    };
    let mut free = false;
    let mut marked = false;
    let mut j = i + 1;
    loop {
        let group_ok = family != Family::Comments || !free || marked || lines[i].counted;
        if group_ok && tail[j] {
            return Some(j);
        }
        if j >= lines.len() || j - i > cap {
            return None;
        }
        let line = &lines[j];
        if line.role == Role::Code {
            return None;
        }
        let fits = line.role != Role::Text
            || match family {
                // A post or a name sits next to the list's structure: a date,
                // byline or reply button right above it or just below it.
                Family::Comments => {
                    line.words <= MAX_POST_WORDS
                        && (lines[i].counted
                            || (j > i + 1 && lines[j - 1].comment_mark)
                            || lines[j + 1..lines.len().min(j + 3)]
                                .iter()
                                .any(|l| l.comment_mark))
                }
                Family::Related => is_headline(line.text),
                Family::Author => line.words <= MAX_BIO_WORDS,
                Family::Newsletter => !free && line.words <= 15,
                Family::Contact => line.words <= MAX_CONTACT_WORDS && !ends_with_period(line.text),
                Family::Alone => false,
            };
        if !fits {
            return None;
        }
        free |= line.role == Role::Text;
        marked |= line.comment_mark;
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::{kept, kept_html, kept_html_blocks};

    /// `classify` reads a line's date once, for the dateline and for the
    /// comment mark: both as the shapes have them.
    #[test]
    fn dates_and_datelines_are_read_once_as_the_shapes_read_them() {
        use super::{classify, Family, Role};
        use crate::block::BlockKind;
        use crate::clean::lexicon::normalize;
        use crate::clean::masthead::is_dateline;
        use crate::clean::shapes::is_date_norm;
        for (text, dateline, date) in [
            ("Publiziert: 03.04.2020, 12:35", true, true),
            ("Last updated May 4, 2021", true, true),
            ("May 8, 2021 at 2:47 am", false, true),
            ("12.03.2024", false, true),
            ("The pact was signed in 2019 by both sides.", false, true),
            ("The pact holds.", false, false),
        ] {
            let norm = normalize(text);
            let norm = norm.as_deref();
            let is_date = is_date_norm(text, norm);
            assert_eq!(is_date, date, "{text}");
            assert_eq!(is_dateline(is_date, norm), dateline, "{text}");
            let line = classify(BlockKind::Paragraph, text, norm);
            assert_eq!(line.comment_mark, date, "{text}");
            if dateline {
                assert_eq!(line.role, Role::Header(Family::Alone), "{text}");
            }
        }
    }

    #[test]
    fn comment_list_with_dates_goes() {
        let text = "Body one.\nBody two.\n2 Comments\nTom R.\nMay 8, 2021 at 2:47 am\nThanks, very informative.\nReply\nLeave a comment";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
    }

    #[test]
    fn prose_after_a_comments_heading_stays() {
        let text = "Body one.\nComments\nReaders wrote in about the plan, and most of them liked it a lot.\nThe council will decide next week.";
        assert_eq!(kept(text).len(), 4);
    }

    #[test]
    fn related_headlines_go_but_not_a_last_sentence() {
        let text =
            "Body one.\nRelated articles\nWhy prices keep rising\nThe hidden cost of cheap coffee";
        assert_eq!(kept(text), ["Body one."]);
        let text = "Body one.\nMore from the council later this year, officials said.";
        assert_eq!(kept(text).len(), 2);
    }

    #[test]
    fn a_short_closing_line_with_a_widget_stem_goes() {
        let text = "Body one.\nBody two.\nDiesen Beitrag kommentieren\nFacebook";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        for last in [
            "Share prices fell 3%",
            "- Sign in at the front desk",
            "Makes 24 cookies",
        ] {
            let text = format!("Body one.\nBody two.\n{last}");
            assert_eq!(kept(&text).len(), 3, "{last}");
        }
    }

    #[test]
    fn a_closing_pitch_goes_but_not_in_the_middle_or_in_a_long_paragraph() {
        let text = "Body one.\nBody two.\nSubscribe now to our eNATION edition for the full story.\nFor the latest stories download the Nationnews apps for iOS and Android.";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\n¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.";
        assert_eq!(kept(text), ["Body one."]);
        let text = "Body one.\nSubscribe now to our edition for the full story.\nBody two.";
        assert_eq!(kept(text).len(), 3);
        let long = format!(
            "Body one.\nThe paper told readers to subscribe now, before prices rise, {}",
            "and the offer ran for weeks while the newsroom shrank ".repeat(5)
        );
        assert_eq!(kept(&long).len(), 2);
    }

    #[test]
    fn a_label_left_dangling_at_the_end_goes() {
        assert_eq!(
            kept("Body one.\nBody two.\nMehr Themen:"),
            ["Body one.", "Body two."]
        );
        let text = "Body one.\nDas Konzeptpapier finden Sie hier:\nShare this\nFacebook";
        assert_eq!(kept(text), ["Body one."]);
        assert_eq!(kept("Body one.\nIngredients:\n- 200 g flour").len(), 3);
    }

    #[test]
    fn a_heading_left_without_its_section_at_the_end_goes_from_html() {
        use crate::block::{Block, BlockKind, Gap};
        let para = |t: &str| Block::new(BlockKind::Paragraph, t, Gap::NONE);
        let head = |t: &str| Block::new(BlockKind::Heading(3), t, Gap::NONE);
        let out = kept_html_blocks;
        let page = vec![
            para("Turn right at the cemetery."),
            para("The café by the river is ideal for a break."),
            head("Keine Lust alleine zu radeln?"),
        ];
        assert_eq!(out(page).len(), 2);
        // A statement, a heading in a list of them, and a heading over a
        // label stay; so does a heading in the middle.
        let tagline = vec![para("Build APIs."), head("Built for teams.")];
        assert_eq!(out(tagline).len(), 2);
        let list = vec![para("Our picks."), head("Candle one"), head("Candle two")];
        assert_eq!(out(list).len(), 3);
        let labels = vec![
            para("New picks."),
            para("Maker:"),
            head("Follow our journey"),
        ];
        assert_eq!(out(labels).len(), 3);
        let middle = vec![para("One."), head("Section"), para("Two.")];
        assert_eq!(out(middle).len(), 3);
        // Text has no headings: a last short line stays.
        assert_eq!(kept("One.\nTwo.\nKeine Lust alleine zu radeln?").len(), 3);
    }

    #[test]
    fn forum_related_threads_reading_tips_and_newsletter_pitches_go() {
        let text = "Body one.\nBody two.\nÄhnliche Themen\nSind das wirklich Katzenflöhe?\nKater nach Umzug unglücklich";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text =
            "Body one.\nBody two.\nZum Weiterlesen:\nPositiv führen: Stärken erkennen und nutzen";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nPuede escribirnos a nuno@example.com o suscribirse aquí a nuestra newsletter.";
        assert_eq!(kept(text), ["Body one."]);
    }

    #[test]
    fn a_wordpress_entry_footer_and_cookie_notices_go() {
        let text = "Body one.\nGruß Heiko\nThis entry was posted in Allgemein. Bookmark the permalink.\nDie Cookie-Einstellungen auf dieser Website sind auf \"Cookies zulassen\" eingestellt, um das beste Surferlebnis zu ermöglichen.";
        assert_eq!(kept(text), ["Body one.", "Gruß Heiko"]);
        let text = "Body one.\nThe cookie settings on this website are set to \"allow cookies\" to give you the best browsing experience possible.";
        assert_eq!(kept(text), ["Body one."]);
        let text = "Body one.\nWhile you are here…\nSUGGESTED CITATION  Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09.";
        assert_eq!(kept(text), ["Body one."]);
    }

    #[test]
    fn closing_datelines_author_labels_and_licences_go() {
        let text = "Body one.\nBody two.\nPubliziert: 03.04.2020, 12:35";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nBody two.\nVon:\nGötz Warnke";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nBody two.\nDieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        // A date or a label inside the text stays.
        let text = "Body one.\nPubliziert: 03.04.2020, 12:35\nBody two.";
        assert_eq!(kept(text).len(), 3);
        assert_eq!(
            kept("Body one.\nVon: Berlin nach Hamburg fährt der Zug.").len(),
            2
        );
    }

    #[test]
    fn a_closing_contact_block_goes_a_contact_section_of_prose_stays() {
        let text = "Body one.\nBody two.\nKontakt:\nDr. Hendryk Bockelmann\nDeutsches Klimarechenzentrum, DKRZ\nE-Mail: bockelmann@dkrz.de";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nContact\nThe first contact with the tribe came in 1952, when a survey team arrived by river.";
        assert_eq!(kept(text).len(), 3);
    }

    #[test]
    fn forum_threads_from_html_stay_whole() {
        let text = "How do I reset the router?\nI tried the button twice.\nmike_t said:\nHold it for thirty seconds, then wait.\nanna wrote:\nThat worked for me too.\n3 replies\nThanks, all sorted now.";
        assert_eq!(kept_html(text).len(), 8);
        // A comment section the extractor missed still goes.
        let missed = "Body one.\nBody two.\n2 Comments\nTom R.\nMay 8, 2021 at 2:47 am\nThanks, very informative.\nReply";
        assert_eq!(kept_html(missed).len(), 2);
        // The same lines as text read as a comment list under the post.
        assert_eq!(
            kept(text),
            ["How do I reset the router?", "I tried the button twice."]
        );
    }

    #[test]
    fn a_short_article_under_a_byline_stays() {
        let text = "Written by Sara Lindqvist\nThe council met on Monday.";
        assert_eq!(kept(text).len(), 2);
    }
}
