//! Site learning end to end: JSONL runs of several invented sites, with the
//! lines that must go and the lines that must stay checked by hand.

use assert_cmd::Command;
use serde_json::{json, Value};

fn thresh() -> Command {
    Command::cargo_bin("thresh").unwrap()
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const WIDGET: &str = "Step inside the Tidewater lounge";
const FOOTER: &str =
    "The Tidewater Almanac is an independent newsroom rooted in the three valleys.";
const DISCLAIMER: &str =
    "This article is general information and should not be taken as legal advice for any particular situation.";

/// Page `i` of the Tidewater site: a masthead, the story with a widget line
/// and the site's disclaimer inside it, a footer sentence. Story 3 repeats
/// one of its own lines (a pull quote).
fn tidewater(i: usize) -> String {
    let mut body = vec![
        format!("Story {i} opens with a sentence that belongs to this article alone."),
        WIDGET.to_string(),
        format!("Its middle paragraph, number {i}, gives the details of the matter."),
        DISCLAIMER.to_string(),
        format!("It closes with a last sentence of its own, the {i}th of the run."),
    ];
    if i == 3 {
        body.insert(3, body[0].clone());
    }
    let mut page = vec!["The Tidewater Almanac".to_string()];
    page.extend(body);
    page.push(FOOTER.to_string());
    page.join("\n\n")
}

/// Page `i` of another site, with a widget of its own.
fn pelican(i: usize) -> String {
    format!("Pelican circle folk see the map here\n\nPelican story {i} has its own first line.\n\nAnd its own second line, number {i}.")
}

/// Ten pages of each site, interleaved, with a malformed line after the
/// fifth record.
fn crawl() -> String {
    let mut out = String::new();
    for i in 0..10 {
        for (site, text) in [
            ("tidewater.example", tidewater(i)),
            ("pelican.example", pelican(i)),
        ] {
            let url = format!("https://www.{site}/story-{i}");
            out += &json!({"id": format!("{site}-{i}"), "url": url, "text": text}).to_string();
            out.push('\n');
            if i == 2 && site == "tidewater.example" {
                out += "{\"id\": \"broken\", \"url\": \n";
            }
        }
    }
    out
}

fn run(input: &str, args: &[&str]) -> Vec<Value> {
    let out = thresh()
        .args(["--from", "jsonl", "-q", "--explain"])
        .args(args)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    lines(&out)
}

fn text(record: &Value) -> Vec<&str> {
    record["text"]
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn recurring_lines_go_and_the_articles_own_lines_and_the_disclaimer_stay() {
    let records = run(&crawl(), &[]);
    assert_eq!(records.len(), 21, "one line per record, the broken one too");
    assert_eq!(records[5]["id"], Value::Null);
    assert!(records[5]["error"].as_str().unwrap().contains("JSON"));
    // The first page of the site is held until the site is warm, so it
    // loses its site's lines too.
    let first = &records[0];
    assert_eq!(first["id"], "tidewater.example-0");
    assert_eq!(
        text(first),
        [
            "Story 0 opens with a sentence that belongs to this article alone.",
            "Its middle paragraph, number 0, gives the details of the matter.",
            DISCLAIMER,
            "It closes with a last sentence of its own, the 0th of the run.",
        ]
    );
    let removed = first["removed"].as_array().unwrap();
    assert_eq!(removed.len(), 3);
    assert_eq!(removed[1]["rule"], "site-boilerplate");
    assert_eq!(removed[1]["text"], WIDGET);
    assert_eq!(
        removed[1]["detail"],
        "seen on 8 of 8 pages of tidewater.example"
    );
    // The article that repeats its own first line keeps both.
    let third = records
        .iter()
        .find(|r| r["id"] == "tidewater.example-3")
        .unwrap();
    let opening = "Story 3 opens with a sentence that belongs to this article alone.";
    assert_eq!(text(third).iter().filter(|l| **l == opening).count(), 2);
    assert!(text(third).contains(&DISCLAIMER));
    assert!(!text(third).contains(&WIDGET));
    let pelican = records
        .iter()
        .find(|r| r["id"] == "pelican.example-9")
        .unwrap();
    assert_eq!(
        text(pelican),
        [
            "Pelican story 9 has its own first line.",
            "And its own second line, number 9."
        ]
    );
}

#[test]
fn without_site_learning_or_warm_up_the_first_pages_keep_their_lines() {
    let off = run(&crawl(), &["--no-site-learning"]);
    assert!(text(&off[0]).contains(&WIDGET));
    assert!(off
        .iter()
        .all(|r| r["removed_count"] == 0 || r["text"].is_null()));
    // Without a warm-up, a page is cleaned with what the pages before it
    // taught: the third page of a site is the first to lose its widget.
    let cold = run(&crawl(), &["--site-warmup", "0"]);
    let of = |id: &str| cold.iter().find(|r| r["id"] == id).unwrap().clone();
    assert!(text(&of("tidewater.example-1")).contains(&WIDGET));
    assert!(!text(&of("tidewater.example-2")).contains(&WIDGET));
}

#[test]
fn output_is_the_same_whatever_the_number_of_workers() {
    let mut input = String::new();
    for i in 0..40 {
        for site in ["a.example", "b.example", "c.example"] {
            let text = if i % 7 == 3 { tidewater(i) } else { pelican(i) };
            let url = format!("https://{site}/{i}");
            input += &json!({"id": i, "url": url, "text": text}).to_string();
            input.push('\n');
        }
    }
    let one = thresh()
        .args(["--from", "jsonl", "-q", "--explain", "-j1"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let two = thresh()
        .args(["--from", "jsonl", "-q", "--explain", "-j2"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(one.status.success());
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&two.stdout)
    );
    assert!(lines(&one.stdout)
        .iter()
        .any(|r| r["removed"].to_string().contains("site-boilerplate")));
}

#[test]
fn profiles_saved_by_one_run_make_the_next_one_warm() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    let profiles = profiles.to_str().unwrap();
    run(&crawl(), &["--site-profiles", profiles]);
    assert!(dir.path().join("profiles/tidewater.example.json").is_file());
    // A new run over one page, with no warm-up: the profile alone knows.
    let one = json!({"id": 1, "url": "https://tidewater.example/new", "text": tidewater(42)});
    let records = run(
        &format!("{one}\n"),
        &["--site-profiles", profiles, "--site-warmup", "0"],
    );
    assert!(!text(&records[0]).contains(&WIDGET));
    assert!(text(&records[0]).contains(&DISCLAIMER));
    assert_eq!(
        records[0]["removed"][0]["detail"],
        "seen on 11 of 11 pages of tidewater.example"
    );
    // Without the profiles the same page keeps everything.
    let cold = run(&format!("{one}\n"), &["--site-warmup", "0"]);
    assert!(text(&cold[0]).contains(&WIDGET));
}

#[test]
fn page_files_in_one_folder_are_one_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("tidewater");
    std::fs::create_dir(&site).unwrap();
    for i in 0..6 {
        std::fs::write(site.join(format!("p{i}.txt")), tidewater(i)).unwrap();
    }
    let out = thresh()
        .args(["-q", "--explain"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&out);
    assert_eq!(records.len(), 6);
    for record in &records {
        assert!(!text(record).contains(&WIDGET), "{record}");
        assert!(text(record).contains(&DISCLAIMER), "{record}");
    }
}
