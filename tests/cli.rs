//! The `thresh` command end to end: inputs, outputs and exit statuses.

use assert_cmd::Command;
use predicates::prelude::*;

fn thresh() -> Command {
    Command::cargo_bin("thresh").unwrap()
}

const SCRAPED: &str = "First paragraph of the story.\n* * *\nSecond paragraph of the story.\n";

#[test]
fn stdin_to_stdout() {
    thresh()
        .write_stdin(SCRAPED)
        .assert()
        .success()
        .stdout("First paragraph of the story.\nSecond paragraph of the story.\n");
}

#[test]
fn dash_reads_stdin() {
    thresh()
        .arg("-")
        .write_stdin(SCRAPED)
        .assert()
        .success()
        .stdout(predicate::str::contains("Second paragraph"));
}

#[test]
fn json_output_has_text_and_removals() {
    let out = thresh()
        .args(["--to", "json"])
        .write_stdin(SCRAPED)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        value["text"],
        "First paragraph of the story.\nSecond paragraph of the story.\n"
    );
    assert_eq!(value["removed"][0]["rule"], "separator");
    assert_eq!(value["removed"][0]["text"], "* * *");
    assert!(value["title"].is_null());
}

#[test]
fn explain_reports_removals_on_stderr() {
    thresh()
        .arg("--explain")
        .write_stdin(SCRAPED)
        .assert()
        .success()
        .stderr(predicate::str::contains("separator: * * *"))
        .stdout(predicate::str::contains("* * *").not());
}

/// A blog post under its reader comments, as the extractor sees it.
fn blog_post_with_comments() -> String {
    let comment =
        "<li class=comment><p>Lovely picture, thank you for sharing it with all of us.</p></li>";
    format!(
        "<html><body><nav><a href=/>Home</a> <a href=/about>About</a></nav>\
         <div class='post hentry'><h1>A new week</h1><div class=entry-content>\
         <p>We spent the weekend preparing the garden for the coming week of rain.</p></div></div>\
         <div id=comments><h3>12 Responses</h3><ol>{}</ol></div></body></html>",
        comment.repeat(12)
    )
}

#[test]
fn explain_tells_what_the_extractor_decided_and_pruned() {
    thresh()
        .args(["--from", "html", "--explain"])
        .write_stdin(blog_post_with_comments())
        .assert()
        .success()
        .stdout("We spent the weekend preparing the garden for the coming week of rain.\n")
        .stderr(
            predicate::str::contains(
                "<stdin>: verdict: page=article comments=dropped (1 section) container=div.entry-content whole-page=no",
            )
            .and(predicate::str::contains("<stdin>: navigation: Home About"))
            .and(predicate::str::contains(
                "<stdin>: comment-section: 12 Responses Lovely picture",
            )),
        );
}

#[test]
fn json_carries_the_verdicts_of_an_html_page_and_none_for_text() {
    let out = thresh()
        .args(["--from", "html", "--to", "json"])
        .write_stdin(blog_post_with_comments())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdicts"]["page"], "article");
    assert_eq!(v["verdicts"]["comments"], "dropped");
    assert_eq!(v["verdicts"]["comment_sections"], 1);
    let rules: Vec<&str> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"comment-section"), "{rules:?}");
    let out = thresh()
        .args(["--to", "json"])
        .write_stdin("Just text.\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("verdicts").is_none());
}

#[test]
fn empty_input_is_empty_output_and_success() {
    thresh().write_stdin("").assert().success().stdout("");
    thresh()
        .write_stdin("\n  \n---\n")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn binary_input_is_an_error_with_exit_1() {
    thresh()
        .write_stdin(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"[..])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: ").and(predicate::str::contains("PNG image")));
}

#[test]
fn missing_file_is_exit_1_and_other_inputs_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, SCRAPED).unwrap();
    thresh()
        .arg(dir.path().join("missing.txt"))
        .arg(&good)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Second paragraph"))
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn usage_errors_exit_2() {
    thresh().arg("--no-such-flag").assert().code(2);
    thresh().args(["--from", "pdf"]).assert().code(2);
    thresh()
        .args(["--charset", "no-such-charset"])
        .write_stdin("x")
        .assert()
        .code(2);
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    thresh()
        .arg("-o")
        .arg(&out)
        .write_stdin(SCRAPED)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        "First paragraph of the story.\nSecond paragraph of the story.\n"
    );
}

#[test]
fn declared_charset_is_used() {
    // "Привет, мир." in windows-1251.
    let bytes = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0.\n".to_vec();
    thresh()
        .args(["--charset", "windows-1251"])
        .write_stdin(bytes)
        .assert()
        .success()
        .stdout("Привет, мир.\n");
}

#[test]
fn help_explains_usage() {
    thresh().arg("--help").assert().success().stdout(
        predicate::str::contains("Usage: thresh").and(predicate::str::contains("--explain")),
    );
}

#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::Write;
    use std::process::{Command as Std, Stdio};
    let big = "A line of text that goes on.\n".repeat(200_000);
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("thresh"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(big.as_bytes());
    });
    drop(child.stdout.take()); // close the read end at once
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "status {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

const PAGE: &str = "<html lang=en><head><title>Storm closes the harbour | Courier</title>\
    <meta property=og:site_name content=Courier></head><body><article>\
    <p>The harbour closed on Sunday as the storm arrived.</p></article></body></html>";

#[test]
fn markdown_output_has_the_title_and_the_paragraphs() {
    thresh()
        .args(["--from", "html", "--to", "markdown"])
        .write_stdin(PAGE)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("# Storm closes the harbour\n\n").and(
                predicate::str::contains("The harbour closed on Sunday as the storm arrived.\n"),
            ),
        );
}

#[test]
fn html_output_is_one_article_element() {
    thresh()
        .args(["--from", "html", "--to", "html"])
        .write_stdin(PAGE)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with(
                "<article lang=\"en\">\n<h1>Storm closes the harbour</h1>\n",
            )
            .and(predicate::str::contains(
                "<p>The harbour closed on Sunday as the storm arrived.</p>\n",
            ))
            .and(predicate::str::ends_with("</article>\n")),
        );
}

#[test]
fn unknown_output_format_is_a_usage_error() {
    thresh()
        .args(["--to", "pdf"])
        .write_stdin("x")
        .assert()
        .code(2);
}

#[test]
fn gzip_inputs_are_read_transparently_and_truncated_gzip_is_an_error() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(SCRAPED.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let want = "First paragraph of the story.\nSecond paragraph of the story.\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.txt.gz");
    std::fs::write(&file, &gz).unwrap();
    thresh().arg(&file).assert().success().stdout(want);
    thresh()
        .write_stdin(gz.clone())
        .assert()
        .success()
        .stdout(want);
    thresh()
        .write_stdin(gz[..gz.len() / 2].to_vec())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("truncated or corrupt gzip"));
}

/// A gzip stream that inflates to `mib` MiB of zeros: one small member,
/// repeated.
fn gzip_bomb(mib: usize) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(&vec![0u8; 1 << 20]).unwrap();
    enc.finish().unwrap().repeat(mib)
}

#[cfg(unix)]
#[test]
fn a_gzip_bomb_page_is_refused_at_the_input_limit_not_inflated_whole() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.html.gz");
    // 400 MiB inflated; the address space is capped near that.
    std::fs::write(&bomb, gzip_bomb(400)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("thresh");
    for (args, expected) in [
        (
            "\"$BOMB\"",
            "inflates to more than the limit of 67108864 bytes",
        ),
        (
            "- < \"$BOMB\"",
            "inflates to more than the limit of 67108864 bytes",
        ),
        (
            "--to jsonl \"$BOMB\"",
            "inflates to more than the limit of 67108864 bytes",
        ),
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v 600000; exec \"$THRESH\" {args}"))
            .env("THRESH", &bin)
            .env("BOMB", &bomb)
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(all.contains(expected), "{args}: {all}");
    }
}

#[cfg(unix)]
#[test]
fn text_of_millions_of_short_lines_is_cleaned_in_memory_bounded_by_the_input() {
    // 2 MB of one-letter lines, a million blocks: held whole they take
    // about 80 MB; cleaned a part at a time, about the input and a part.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lines.txt");
    std::fs::write(&input, "a\n".repeat(1_000_000)).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 48000; exec \"$THRESH\" --from text \"$INPUT\"")
        .env("THRESH", assert_cmd::cargo::cargo_bin("thresh"))
        .env("INPUT", &input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout.len(), 2_000_000);
    assert!(out.stdout.iter().step_by(2).all(|&b| b == b'a'));
}

#[test]
fn captions_go_and_are_explained_unless_kept() {
    let story = "<p>The harbour reopened on Monday after a storm had closed it for a week, \
                 and the first ferries left at dawn with a full load of cars and vans.</p>";
    let page = format!(
        "<html><body><article>{story}<figure><img src=a.jpg>\
         <figcaption>Ferries leaving at dawn.</figcaption></figure>{story}{story}</article></body></html>"
    );
    thresh()
        .args(["--from", "html", "--explain"])
        .write_stdin(page.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("Ferries leaving").not())
        .stderr(predicate::str::contains(
            "<stdin>: caption: Ferries leaving at dawn.",
        ));
    thresh()
        .args(["--from", "html", "--keep-captions"])
        .write_stdin(page)
        .assert()
        .success()
        .stdout(predicate::str::contains("\nFerries leaving at dawn.\n"));
}

#[test]
fn json_metadata_has_iso_date_resolved_canonical_and_description() {
    let page = r#"<html><head><meta property="article:published_time" content="2019-11-19T10:00:00+01:00">
        <link rel="canonical" href="../news/pact?ref=1"><meta name="description" content="A pact is signed.">
        </head><body><article><p>The treaty was signed on Wednesday, after years of talks between the two countries.</p></article></body></html>"#;
    let out = thresh()
        .args([
            "--to",
            "json",
            "--url",
            "https://example.com/world/europe/page.html",
        ])
        .write_stdin(page)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["date"], "2019-11-19T10:00:00+01:00");
    assert_eq!(v["url"], "https://example.com/world/news/pact?ref=1");
    assert_eq!(v["description"], "A pact is signed.");
    // No lang attribute: detected from the text.
    assert_eq!(v["language"], "en");
    assert_eq!(v["language_source"], "detected");
}

#[test]
fn french_text_input_is_detected_as_french() {
    let text = "Le gouvernement a présenté mercredi son projet de loi sur les retraites.\n\
                Les syndicats ont appelé à une nouvelle journée de grève la semaine prochaine.\n";
    let out = thresh()
        .args(["--to", "json"])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["source"], "text");
    assert_eq!(v["language"], "fr");
    assert_eq!(v["language_source"], "detected");
    // A declared language stays the page's, whatever the text looks like.
    let page = format!(
        "<html lang=de><body><article><p>{}</p></article></body></html>",
        text.replace('\n', " ")
    );
    let out = thresh()
        .args(["--to", "json"])
        .write_stdin(page)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["language"], "de");
    assert_eq!(v["language_source"], "declared");
}
