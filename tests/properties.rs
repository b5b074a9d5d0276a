//! Invariants of cleaning, on generated inputs: it never panics, every output
//! line comes from the input (allowing a removed attribution prefix and the
//! capital letter of rule T6), and cleaning clean output changes nothing.

use proptest::prelude::*;
use thresh::Cleaner;

/// Lines that look like what scraped text holds: prose, chaff in several
/// languages, separators, prefixed prose, list items, dialogue.
const LINES: &[&str] = &[
    "The council approved the budget on Tuesday.",
    "the vote was close, officials said.",
    "iPhone sales fell again.",
    "Die Bahn erhöht die Preise.",
    "les députés ont adopté le texte.",
    "«Это важно», — сказал он.",
    "NHKによると、東京で雨が降りました。",
    "www.example.com reported, ",
    "According to Reuters, ",
    "Source: cnn.com — ",
    "(AP) — ",
    "Laut Spiegel.de, ",
    "Selon Le Monde, ",
    "Как сообщает ТАСС, ",
    "Q: ",
    "— ",
    "- ",
    "Advertisement",
    "Read more: Why prices keep rising",
    "Skip to content",
    "Menu",
    "Home > News > World",
    "We use cookies on this site. Accept",
    "No comments yet",
    "3 Comments",
    "Reply",
    "March 26, 2024 at 11:48 pm",
    "Leave a comment",
    "Related articles",
    "Why housing prices keep rising",
    "Share this article",
    "Facebook",
    "Tags: one, two",
    "About the author",
    "Written by Sara Lindqvist",
    "© 2025 Example Media. All rights reserved.",
    "Subscribe to our newsletter",
    "* * *",
    "-",
    "———",
    "",
    "   ",
    "\u{a0}",
    "\u{200b}",
];

fn document() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => prop::collection::vec(0..LINES.len(), 1..5)
            .prop_map(|parts| parts.into_iter().map(|k| LINES[k]).collect::<String>()),
        2 => (0..LINES.len()).prop_map(|a| LINES[a].to_string()),
        1 => any::<String>(),
    ];
    let sep = prop_oneof![
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("\r"),
        Just("\n \n\n")
    ];
    prop::collection::vec((line, sep), 0..40)
        .prop_map(|parts| parts.into_iter().map(|(l, s)| l + s).collect::<String>())
}

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

/// Whether `out` is `line` minus a prefix, with maybe its first letter
/// upper-cased.
fn taken_from(out: &str, line: &str) -> bool {
    if line.ends_with(out) {
        return true;
    }
    let mut chars = out.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let rest = chars.as_str();
    line.strip_suffix(rest)
        .and_then(|head| head.chars().last())
        .is_some_and(|c| {
            c.is_lowercase() && c.to_uppercase().eq(first.to_uppercase()) && c != first
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_never_panics_on_any_string(text in any::<String>()) {
        let _ = clean(&text);
    }

    #[test]
    fn every_output_line_is_taken_from_the_input(text in document()) {
        let out = clean(&text);
        let inputs: Vec<&str> = text.split(['\n', '\r']).map(str::trim).collect();
        for line in out.lines().filter(|l| !l.is_empty()) {
            prop_assert!(
                inputs.iter().any(|i| taken_from(line, i)),
                "output line {line:?} is not in the input"
            );
        }
    }

    #[test]
    fn cleaning_clean_output_changes_nothing(text in document()) {
        let once = clean(&text);
        let twice = clean(&once);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn output_is_in_contract_form(text in document()) {
        let out = clean(&text);
        if !out.is_empty() {
            prop_assert!(out.ends_with('\n') && !out.ends_with("\n\n"));
            prop_assert!(!out.starts_with('\n'));
            prop_assert!(!out.contains("\n\n\n") && !out.contains('\r'));
        }
    }
}
