//! Batch mode end to end: JSONL and WARC streams, folders, the `rdd.pipe`
//! contract, stream failures.

use assert_cmd::Command;
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Std, Stdio};

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

fn story(i: usize) -> String {
    format!("Story number {i} begins with a sentence long enough to count as the prose of a real article.")
}

fn page(i: usize) -> String {
    format!(
        "<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1><p>{}</p><p>It goes on with a second paragraph that tells the rest of the story in some detail.</p></article></body></html>",
        story(i)
    )
}

/// What record `i` of the mixed stream is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Deep,
    Malformed,
    Missing,
    Binary,
    Text,
    Html,
}

fn kind(i: usize) -> Kind {
    match (i, i % 10) {
        (5000, _) => Kind::Deep,
        (_, 0) => Kind::Malformed,
        (_, 1) => Kind::Missing,
        (_, 2) => Kind::Binary,
        (_, 3..=5) => Kind::Text,
        _ => Kind::Html,
    }
}

fn mixed_stream(n: usize) -> String {
    let deep = format!(
        "<html><body>{}<p>Deep content at the bottom of the page.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let png = base64::engine::general_purpose::STANDARD
        .encode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0");
    let mut out = String::new();
    for i in 0..n {
        let id = format!("r{i}");
        let line = match kind(i) {
            Kind::Deep => json!({"id": id, "html": deep}).to_string(),
            Kind::Malformed => format!("{{\"id\": \"{id}\", \"html\": \"<p>cut"),
            Kind::Missing => json!({"id": id, "url": "https://example.com/x"}).to_string(),
            Kind::Binary => json!({"id": id, "bytes": png}).to_string(),
            Kind::Text => json!({"id": id, "text": format!("{}\n* * *\nThe end of story {i}.", story(i))}).to_string(),
            Kind::Html => json!({"id": id, "url": format!("https://example.com/{i}"), "html": page(i), "meta": {"n": i}}).to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn ten_thousand_mixed_records_give_ten_thousand_lines_in_order() {
    const N: usize = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let stats_path = dir.path().join("stats.json");
    // The time budget keeps the test fast even if the 100,000-deep page
    // were slow to parse: it would become an error line instead of text.
    let out = thresh()
        .args(["--from", "jsonl", "--bytes-field", "bytes", "-j", "2", "-q"])
        .args(["--record-timeout", "5", "--stats"])
        .arg(&stats_path)
        .write_stdin(mixed_stream(N))
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out.stdout);
    assert_eq!(records.len(), N);
    let mut errors = 0;
    for (i, r) in records.iter().enumerate() {
        let k = kind(i);
        let error = r["error"].as_str();
        let text = r["text"].as_str();
        assert!(error.is_some() != text.is_some(), "record {i}: {r}");
        if k == Kind::Malformed {
            assert!(r.get("id").is_none(), "record {i}: {r}");
        } else {
            assert_eq!(r["id"], format!("r{i}"), "record {i} out of order: {r}");
        }
        match k {
            Kind::Malformed => assert!(error.unwrap().starts_with("invalid JSON"), "{r}"),
            Kind::Missing => {
                assert!(error.unwrap().contains("no field"), "{r}");
                assert_eq!(r["url"], "https://example.com/x");
            }
            Kind::Binary => assert!(error.unwrap().contains("PNG"), "{r}"),
            Kind::Text => {
                assert_eq!(
                    text.unwrap(),
                    format!("{}\nThe end of story {i}.\n", story(i)),
                    "{r}"
                );
                assert_eq!(r["removed_count"], 1);
            }
            Kind::Html => {
                assert!(text.unwrap().contains(&story(i)), "{r}");
                assert_eq!(r["url"], format!("https://example.com/{i}"));
                assert_eq!(r["meta"]["n"], i);
                assert!(r.get("html").is_none(), "the page is not echoed");
            }
            // The depth guard flattens the page before parsing; without it
            // the page would run over the time budget and fail here.
            Kind::Deep => assert!(text.unwrap().contains("Deep content"), "{r}"),
        }
        errors += usize::from(error.is_some());
    }
    let stats: Value = serde_json::from_slice(&std::fs::read(&stats_path).unwrap()).unwrap();
    assert_eq!(stats["records"], N);
    assert_eq!(stats["errors"], errors);
    assert_eq!(
        stats["removals"]["separator"].as_u64().unwrap(),
        3 * N as u64 / 10
    );
}

/// A WARC record with `block` as its payload.
fn warc_record(warc_type: &str, uri: &str, id: u32, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-0{id}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000000{id}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Records of the test WARC: UTF-8, windows-1252 declared only in the HTTP
/// header, an image, a request.
fn warc_records() -> Vec<Vec<u8>> {
    const RESPONSE: &str = "application/http; msgtype=response";
    let utf8 = "<html><head><title>Crème brûlée</title></head><body><article><p>Zoë ordered the crème brûlée at the café in Kraków, and paid 5 €.</p></article></body></html>";
    // "Hélène’s “naïve” café — 5 €" and more, in windows-1252, with no <meta>.
    let mut cp1252 = b"<html><body><article><p>H\xe9l\xe8ne\x92s \x93na\xefve\x94 caf\xe9 \x97 it cost 5 \x80 in the old town of Besan\xe7on.</p></article></body></html>".to_vec();
    cp1252.extend_from_slice(b"\n");
    vec![
        warc_record(
            "warcinfo",
            "",
            1,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://example.fr/a",
            2,
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.fr\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://example.pl/utf8",
            3,
            RESPONSE,
            &http("text/html; charset=utf-8", utf8.as_bytes()),
        ),
        warc_record(
            "response",
            "https://example.fr/a",
            4,
            RESPONSE,
            &http("text/html; charset=windows-1252", &cp1252),
        ),
        warc_record(
            "response",
            "https://example.fr/logo.png",
            5,
            RESPONSE,
            &http("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ),
    ]
}

fn check_warc_output(stdout: &[u8], stats: &Value) {
    let records = lines(stdout);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["url"], "https://example.pl/utf8");
    assert_eq!(
        records[0]["warc_record_id"],
        "<urn:uuid:00000003-0000-0000-0000-000000000000>"
    );
    assert_eq!(records[0]["warc_date"], "2024-05-03T10:00:00Z");
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .contains("Zoë ordered the crème brûlée at the café in Kraków, and paid 5 €."));
    assert_eq!(records[1]["url"], "https://example.fr/a");
    assert_eq!(
        records[1]["warc_record_id"],
        "<urn:uuid:00000004-0000-0000-0000-000000000000>"
    );
    assert!(
        records[1]["text"]
            .as_str()
            .unwrap()
            .contains("Hélène’s “naïve” café — it cost 5 € in the old town of Besançon."),
        "{}",
        records[1]
    );
    assert_eq!(stats["skipped"], 3);
    assert_eq!(stats["skipped_by_reason"]["not-html"], 1);
    assert_eq!(stats["skipped_by_reason"]["not-response"], 2);
}

#[test]
fn warc_records_are_cleaned_with_the_http_charset_and_non_html_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc");
    std::fs::write(&warc, warc_records().concat()).unwrap();
    let stats = dir.path().join("stats.json");
    let out = thresh()
        .args(["--from", "warc", "-q", "--stats"])
        .arg(&stats)
        .arg(&warc)
        .assert()
        .success()
        .get_output()
        .clone();
    let stats: Value = serde_json::from_slice(&std::fs::read(&stats).unwrap()).unwrap();
    check_warc_output(&out.stdout, &stats);
}

#[test]
fn warc_gz_with_one_member_per_record_is_read_from_a_file_and_from_stdin() {
    use flate2::{write::GzEncoder, Compression};
    let mut gz = Vec::new();
    for record in warc_records() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&record).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &gz).unwrap();
    let stats = dir.path().join("stats.json");
    for from_stdin in [false, true] {
        let mut cmd = thresh();
        cmd.args(["--from", "warc", "-q", "--stats"]).arg(&stats);
        if from_stdin {
            cmd.write_stdin(gz.clone());
        } else {
            cmd.arg(&path);
        }
        let out = cmd.assert().success().get_output().clone();
        let stats: Value = serde_json::from_slice(&std::fs::read(&stats).unwrap()).unwrap();
        check_warc_output(&out.stdout, &stats);
    }
}

/// Drives thresh the way Spark's `rdd.pipe` does: the partition's elements
/// written to the process's standard input one per line while its standard
/// output is read line by line, then the exit status checked.
#[test]
fn rdd_pipe_contract_lines_in_lines_out_exit_status_zero() {
    let bin = assert_cmd::cargo::cargo_bin("thresh");
    let mut child = Std::new(bin)
        .args(["--from", "jsonl", "-q", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..2000 {
            let element = if i % 100 == 7 {
                "{broken".to_string()
            } else {
                json!({"doc_id": i, "html": page(i)}).to_string()
            };
            writeln!(stdin, "{element}").unwrap();
        }
        // Spark closes the pipe once the partition is written.
    });
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut n = 0;
    for (i, line) in stdout.lines().enumerate() {
        let record: Value = serde_json::from_str(&line.unwrap()).unwrap();
        if i % 100 == 7 {
            assert!(record["error"].is_string());
        } else {
            assert_eq!(record["doc_id"], i);
            assert!(record["text"].as_str().unwrap().contains(&story(i)));
        }
        n += 1;
    }
    writer.join().unwrap();
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "rdd.pipe fails the task on a non-zero exit: {status}"
    );
    assert_eq!(n, 2000);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(stderr, "");
}

#[test]
fn truncated_gzip_writes_every_record_before_it_and_exits_1_naming_the_record() {
    use flate2::{write::GzEncoder, Compression};
    let mut data = String::new();
    for i in 0..400 {
        data.push_str(&json!({"id": i, "text": format!("Record {i} holds one line of scraped text, somewhat unique: {}.", i * 7919 % 1000)}).to_string());
        data.push('\n');
    }
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data.as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    let cut = gz[..gz.len() * 2 / 3].to_vec();
    let out = thresh()
        .args(["--from", "jsonl", "-q"])
        .write_stdin(cut)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records = lines(&out.stdout);
    assert!(
        records.len() > 100 && records.len() < 400,
        "{}",
        records.len()
    );
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["id"], i);
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "gzip stream truncated or corrupt after record {} (the last one read whole)",
        records.len()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn fail_fast_stops_at_the_first_bad_record() {
    let input = "{\"id\":1,\"text\":\"One.\"}\n{\"id\":2}\n{\"id\":3,\"text\":\"Three.\"}\n";
    let out = thresh()
        .args(["--from", "jsonl", "-q", "--fail-fast"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["id"], 2);
    assert!(String::from_utf8(out.stderr).unwrap().contains("record 2"));
}

#[test]
fn folder_input_mirrors_the_tree_under_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("news/2024")).unwrap();
    std::fs::write(input.join("a.html"), page(1)).unwrap();
    std::fs::write(input.join("news/2024/b.htm"), page(2)).unwrap();
    std::fs::write(
        input.join("news/notes.txt"),
        "Scraped line one.\n-\nScraped line two.\n",
    )
    .unwrap();
    std::fs::write(input.join("news/logo.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    let out = dir.path().join("out");
    thresh()
        .args([
            "--to", "text", "-q", "--glob", "*.htm*", "--glob", "*.txt", "-o",
        ])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stdout("");
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert!(read("a.txt").contains(&story(1)));
    assert!(read("news/2024/b.txt").contains(&story(2)));
    assert_eq!(
        read("news/notes.txt"),
        "Scraped line one.\nScraped line two.\n"
    );
    assert!(
        !out.join("news/logo.txt").exists(),
        "the glob leaves the image out"
    );

    // Without -o, a folder is a stream of JSONL records with their paths.
    let stdout = thresh()
        .args(["-q"])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records.len(), 4);
    assert!(records[0]["path"].as_str().unwrap().ends_with("a.html"));
    assert!(records[2]["path"].as_str().unwrap().ends_with("logo.png"));
    assert!(records[2]["error"].as_str().unwrap().contains("PNG"));
}

#[test]
fn text_output_separates_records_and_reports_errors_on_stderr() {
    let input = "{\"text\":\"One.\"}\n{}\n{\"text\":\"Three.\"}\n";
    thresh()
        .args([
            "--from",
            "jsonl",
            "--to",
            "text",
            "--separator",
            "\\n--\\n",
            "-q",
        ])
        .write_stdin(input)
        .assert()
        .success()
        .stdout("One.\n\n--\n\n--\nThree.\n")
        .stderr("error: <stdin>: record 2: no field \"html\" or \"text\"\n");
}

#[test]
fn summary_line_on_stderr_unless_quiet() {
    thresh()
        .args(["--from", "jsonl"])
        .write_stdin("{\"text\":\"A.\\n***\\nB.\"}\n")
        .assert()
        .success()
        .stderr(
            predicates::str::starts_with("thresh: 1 records (1 ok, 0 empty, 0 errors), 0 skipped,")
                .and(predicates::str::contains("removed: separator 1")),
        );
}

#[test]
fn closed_stdout_ends_a_batch_quietly() {
    let mut data = String::new();
    for i in 0..20_000 {
        data.push_str(&json!({"id": i, "text": "A line of text that goes on."}).to_string());
        data.push('\n');
    }
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("thresh"))
        .args(["--from", "jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(data.as_bytes());
    });
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

use predicates::prelude::*;

#[test]
fn stream_files_are_recognised_by_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    std::fs::write(&path, "{\"id\":\"a\",\"text\":\"Hello.\"}\n").unwrap();
    let stdout = thresh()
        .arg("-q")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records[0]["id"], "a");
    assert_eq!(records[0]["text"], "Hello.\n");
}

#[test]
fn an_unreadable_input_is_reported_and_the_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, "{\"id\":1,\"text\":\"Kept.\"}\n").unwrap();
    let out = thresh()
        .args(["--from", "jsonl", "-q"])
        .arg(dir.path().join("missing.jsonl"))
        .arg(&good)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(lines(&out.stdout)[0]["text"], "Kept.\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
}

#[test]
fn charset_flag_is_the_default_declared_charset_of_records() {
    // "Привет, мир." in windows-1251: detection alone reads it right, so the
    // flag shows by making it read as windows-1252; a record's own charset
    // field wins over the flag.
    let cp1251 = base64::engine::general_purpose::STANDARD
        .encode(b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0.");
    let input = format!(
        "{}\n{}\n",
        json!({"raw": cp1251}),
        json!({"raw": cp1251, "charset": "windows-1251"})
    );
    let stdout = thresh()
        .args([
            "--from",
            "jsonl",
            "-q",
            "--bytes-field",
            "raw",
            "--charset",
            "windows-1252",
        ])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records[0]["text"], "Ïðèâåò, ìèð.\n");
    assert_eq!(records[1]["text"], "Привет, мир.\n");
    thresh()
        .args(["--from", "jsonl", "--charset", "no-such-charset"])
        .write_stdin("")
        .assert()
        .code(2);
}

#[test]
fn an_output_folder_inside_the_input_folder_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Scraped line one.\n").unwrap();
    let out = dir.path().join("clean");
    // Twice: the second run finds the first one's output in its input.
    for _ in 0..2 {
        thresh()
            .args(["--to", "text", "-q", "-o"])
            .arg(&out)
            .arg(dir.path())
            .assert()
            .success();
    }
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        "Scraped line one.\n"
    );
    assert!(!out.join("clean").exists());
}

#[test]
fn explain_lists_each_records_removals_in_jsonl_and_on_stderr_in_text_output() {
    let input = "{\"id\":1,\"text\":\"One.\\n* * *\\nTwo.\",\"removed\":\"mine\"}\n{\"id\":2}\n{\"id\":3,\"text\":\"Three.\"}\n";
    // Without --explain only the count, and an input field `removed` stays.
    let stdout = thresh()
        .args(["--from", "jsonl", "-q"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records[0]["removed_count"], 1);
    assert_eq!(records[0]["removed"], "mine");
    assert!(records[2].get("removed").is_none());

    // With it, the same {rule, text} list as `--to json` gives for one page.
    let out = thresh()
        .args(["--from", "jsonl", "-q", "--explain"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[0]["removed"],
        json!([{"rule": "separator", "text": "* * *"}])
    );
    assert_eq!(records[0]["text"], "One.\nTwo.\n");
    assert!(records[1]["error"].is_string());
    assert_eq!(records[1]["removed"], json!([]));
    assert_eq!(records[2]["removed"], json!([]));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let single = thresh()
        .args(["--to", "json"])
        .write_stdin("One.\n* * *\nTwo.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let single: Value = serde_json::from_slice(&single).unwrap();
    assert_eq!(single["removed"], records[0]["removed"]);

    // Text output has no room for them: stderr, as for single pages.
    thresh()
        .args(["--from", "jsonl", "--to", "text", "-q", "--explain"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout("One.\nTwo.\n\x0c\n\x0c\nThree.\n")
        .stderr(
            "<stdin>: record 1: separator: * * *\nerror: <stdin>: record 2: no field \"html\" or \"text\"\n",
        );
}

#[test]
fn warc_and_jsonl_are_detected_on_stdin_and_in_files_whose_name_says_nothing() {
    use flate2::{write::GzEncoder, Compression};
    let plain = warc_records().concat();
    let mut gz = Vec::new();
    for record in warc_records() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&record).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let dat = dir.path().join("crawl.dat");
    std::fs::write(&dat, &gz).unwrap();
    for (input, from_stdin) in [(&plain, true), (&gz, true), (&gz, false)] {
        let mut cmd = thresh();
        cmd.args(["-q", "--stats"]).arg(&stats);
        if from_stdin {
            cmd.write_stdin(input.clone());
        } else {
            cmd.arg(&dat);
        }
        let out = cmd.assert().success().get_output().clone();
        let stats: Value = serde_json::from_slice(&std::fs::read(&stats).unwrap()).unwrap();
        check_warc_output(&out.stdout, &stats);
    }

    let jsonl = "{\"id\":1,\"text\":\"One.\\n* * *\\nTwo.\"}\nbroken\n";
    let stdout = thresh()
        .arg("-q")
        .write_stdin(jsonl)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], 1);
    assert_eq!(records[0]["text"], "One.\nTwo.\n");
    assert!(records[1]["error"].is_string());

    // A name that says "page" wins over the content.
    let named = dir.path().join("notes.txt");
    std::fs::write(&named, jsonl).unwrap();
    thresh()
        .arg(&named)
        .assert()
        .success()
        .stdout("{\"id\":1,\"text\":\"One.\\n* * *\\nTwo.\"}\nbroken\n");
}

#[test]
fn pages_on_stdin_stay_pages() {
    // HTML, scraped text that opens with a brace, a pretty-printed JSON
    // document: one page each, cleaned as before, text out (the brace lines
    // of the last go as separators, as they always did).
    thresh()
        .write_stdin(page(3))
        .assert()
        .success()
        .stdout(predicate::str::contains(story(3)).and(predicate::str::starts_with("{").not()));
    thresh()
        .write_stdin("{Editor's note} This story was updated.\n* * *\nIt goes on.\n")
        .assert()
        .success()
        .stdout("{Editor's note} This story was updated.\nIt goes on.\n");
    thresh()
        .write_stdin("{\n  \"id\": 1\n}\n")
        .assert()
        .success()
        .stdout("\"id\": 1\n");
}

#[test]
fn warc_bodies_in_brotli_and_zstd_are_decoded() {
    const RESPONSE: &str = "application/http; msgtype=response";
    let encoded = |coding: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: {coding}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let zstd_page = page(7).replace("Story", "Zstd story");
    let zstd = ruzstd::encoding::compress_to_vec(
        zstd_page.as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    let warc = [
        warc_record(
            "response",
            "https://example.com/br",
            1,
            RESPONSE,
            &encoded("br", include_bytes!("../src/batch/warc/testdata/page.br")),
        ),
        warc_record(
            "response",
            "https://example.com/zstd",
            2,
            RESPONSE,
            &encoded("zstd", &zstd),
        ),
        warc_record(
            "response",
            "https://example.com/cut",
            3,
            RESPONSE,
            &encoded("zstd", &zstd[..zstd.len() / 2]),
        ),
    ]
    .concat();
    let stdout = thresh()
        .args(["--from", "warc", "-q"])
        .write_stdin(warc)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["title"], "Brotli");
    assert_eq!(
        records[0]["text"],
        "This page travelled brotli-compressed, as most servers send pages today, and it reads the same once decoded.\n"
    );
    assert!(records[1]["text"]
        .as_str()
        .unwrap()
        .contains("Zstd story number 7 begins"));
    assert_eq!(records[2]["url"], "https://example.com/cut");
    let error = records[2]["error"].as_str().unwrap();
    assert!(
        error.starts_with("cannot decode the HTTP body: zstd body: "),
        "{error}"
    );
}

#[test]
fn a_folder_gives_one_line_per_page_file_even_when_one_is_truncated_gzip() {
    use flate2::{write::GzEncoder, Compression};
    let gz = |data: &[u8]| {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("shards")).unwrap();
    std::fs::write(input.join("a.html"), page(1)).unwrap();
    let long_page = page(2).repeat(300);
    let cut = gz(long_page.as_bytes());
    std::fs::write(input.join("b.html.gz"), &cut[..cut.len() / 2]).unwrap();
    std::fs::write(input.join("c.html.gz"), gz(page(3).as_bytes())).unwrap();
    std::fs::write(
        input.join("shards/s.jsonl.gz"),
        gz(b"{\"id\":\"s1\",\"text\":\"Shard line.\"}\n{broken\n"),
    )
    .unwrap();

    let stdout = thresh()
        .arg("-q")
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records.len(), 5, "{records:?}");
    assert!(records[0]["text"].as_str().unwrap().contains(&story(1)));
    assert!(records[1]["path"].as_str().unwrap().ends_with("b.html.gz"));
    assert!(records[1]["text"].is_null());
    let error = records[1]["error"].as_str().unwrap();
    assert!(
        error.starts_with("cannot read the page: gzip data truncated or corrupt"),
        "{error}"
    );
    assert!(records[2]["text"].as_str().unwrap().contains(&story(3)));
    assert_eq!(records[3]["id"], "s1");
    assert!(records[4]["error"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));

    // --glob picks the shard: its records, and nothing else.
    let stdout = thresh()
        .args(["-q", "--glob", "*.jsonl.gz"])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = lines(&stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["text"], "Shard line.\n");
}

#[test]
fn warc_binary_payloads_are_error_lines_and_a_cut_warc_gz_keeps_the_records_before_it() {
    use flate2::{write::GzEncoder, Compression};
    const RESPONSE: &str = "application/http; msgtype=response";
    let records = [
        warc_record(
            "response",
            "https://e.com/1",
            1,
            RESPONSE,
            &http("text/html", page(1).as_bytes()),
        ),
        warc_record(
            "response",
            "https://e.com/2",
            2,
            RESPONSE,
            &http(
                "text/html",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
            ),
        ),
        warc_record(
            "response",
            "https://e.com/3",
            3,
            RESPONSE,
            &http("text/html", page(3).repeat(50).as_bytes()),
        ),
        warc_record(
            "response",
            "https://e.com/4",
            4,
            RESPONSE,
            &http("text/html", page(4).as_bytes()),
        ),
    ];
    let mut gz = Vec::new();
    for record in &records {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(record).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    gz.truncate(gz.len() - 40);
    let out = thresh()
        .args(["--from", "warc", "-q"])
        .write_stdin(gz)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let lines = lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["text"].as_str().unwrap().contains(&story(1)));
    assert_eq!(lines[1]["url"], "https://e.com/2");
    assert!(
        lines[1]["error"].as_str().unwrap().contains("PNG"),
        "{}",
        lines[1]
    );
    assert!(lines[2]["text"].as_str().unwrap().contains(&story(3)));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "<stdin>: gzip stream truncated or corrupt after record 3 (the last one read whole)"
        ),
        "{stderr}"
    );
}

/// `thresh <(zcat page.html.gz)`: a named pipe cannot be read twice, so its
/// format is not sniffed ahead (the page comes through whole).
#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Std::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let text: String = (0..500)
        .map(|i| format!("Piped page line {i} goes on for a while.\n"))
        .collect();
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        std::thread::spawn(move || {
            // Each open for reading gets a writer, as a shell would give.
            let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            let _ = pipe.write_all(text.as_bytes());
        })
    };
    let out = thresh()
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    writer.join().unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
}

#[test]
fn inputs_mapping_to_one_output_file_are_not_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("one"), dir.path().join("two"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("p.htm"), page(1)).unwrap();
    std::fs::write(a.join("p.html"), page(2)).unwrap();
    std::fs::write(b.join("p.html"), page(3)).unwrap();
    let out = dir.path().join("out");
    let run = thresh()
        .args(["--to", "text", "-j", "1", "-o"])
        .arg(&out)
        .args([&a, &b])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    // The first input of the name keeps its output; the others are errors.
    let text = std::fs::read_to_string(out.join("p.txt")).unwrap();
    assert!(text.contains(&story(1)), "{text}");
    assert_eq!(
        stderr.matches("is already the output of").count(),
        2,
        "{stderr}"
    );
    assert!(stderr.contains("p.htm"), "{stderr}");
}

#[test]
fn an_output_file_that_is_an_input_is_refused_before_it_is_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.html");
    std::fs::write(&html, page(1)).unwrap();
    let jsonl = dir.path().join("s.jsonl");
    let line = json!({"id": 1, "html": page(2)}).to_string() + "\n";
    std::fs::write(&jsonl, &line).unwrap();
    for input in [&html, &jsonl] {
        let before = std::fs::read(input).unwrap();
        thresh().arg(input).arg("-o").arg(input).assert().code(2);
        assert_eq!(std::fs::read(input).unwrap(), before);
    }
    // Under `-o DIR`, a file input whose output name is its own: `-o .`
    // from its folder, beside a folder input.
    let crawl = dir.path().join("crawl");
    std::fs::create_dir_all(&crawl).unwrap();
    std::fs::write(crawl.join("a.html"), page(3)).unwrap();
    let run = thresh()
        .current_dir(dir.path())
        .args(["-o", ".", "s.jsonl", "crawl"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(stderr.contains("is the input itself"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), line);
    assert!(std::fs::read_to_string(dir.path().join("a.jsonl"))
        .unwrap()
        .contains(&story(3)));
}

#[test]
fn the_output_folder_holding_the_input_folder_still_gets_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl");
    std::fs::create_dir_all(&crawl).unwrap();
    std::fs::write(crawl.join("a.html"), page(1)).unwrap();
    // `-o crawl crawl`: a usage error, not "0 records".
    let run = thresh().arg("-o").arg(&crawl).arg(&crawl).assert().code(2);
    assert!(String::from_utf8_lossy(&run.get_output().stderr).contains("is the input folder"));
    // `-o . crawl`: the output folder holds the input folder.
    thresh()
        .current_dir(dir.path())
        .args(["-q", "-o", ".", "crawl"])
        .assert()
        .success();
    let out = std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap();
    assert!(out.contains(&story(1)), "{out}");
}

#[test]
fn an_output_name_over_the_file_system_limit_is_a_failed_input_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl");
    std::fs::create_dir_all(&crawl).unwrap();
    // 254 bytes: its output name, with `.jsonl`, is 256.
    let long = format!("{}.htm", "a".repeat(250));
    std::fs::write(crawl.join(&long), page(1)).unwrap();
    std::fs::write(crawl.join("b.html"), page(2)).unwrap();
    let out = dir.path().join("out");
    let run = thresh().arg("-o").arg(&out).arg(&crawl).assert().code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot create"), "{stderr}");
    let b = std::fs::read_to_string(out.join("b.jsonl")).unwrap();
    assert!(b.contains(&story(2)), "{b}");
}

#[cfg(unix)]
#[test]
fn named_pipes_sockets_and_links_in_a_folder_are_skipped_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&crawl).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(crawl.join("a.html"), page(1)).unwrap();
    std::fs::write(crawl.join("z.html"), page(2)).unwrap();
    let fifo = Std::new("mkfifo")
        .arg(crawl.join("b.html"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(crawl.join("c.html")).unwrap();
    std::fs::write(outside.join("secret.html"), page(3)).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.html"), crawl.join("d.html")).unwrap();
    std::os::unix::fs::symlink(&outside, crawl.join("e")).unwrap();
    std::os::unix::fs::symlink(&crawl, crawl.join("f")).unwrap();
    let timeout = std::time::Duration::from_secs(60);
    let run = thresh().arg(&crawl).timeout(timeout).assert().success();
    let out = lines(&run.get_output().stdout);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    let paths: Vec<&str> = out.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.html") && paths[1].ends_with("z.html"));
    assert!(stderr.contains("a named pipe; skipped"), "{stderr}");
    assert!(stderr.contains("a socket; skipped"), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(stderr.contains("5 skipped"), "{stderr}");
    // With -L the links are followed, out of the folder too; the loop is not.
    let run = thresh()
        .arg("-L")
        .arg(&crawl)
        .timeout(timeout)
        .assert()
        .success();
    let out = lines(&run.get_output().stdout);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    let texts: Vec<&str> = out.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts.iter().filter(|t| t.contains(&story(3))).count(), 2);
    assert!(stderr.contains("(a loop); skipped"), "{stderr}");
}

/// `data` gzipped as one member.
fn gzip(data: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_damaged_warc_gz_member_is_an_error_line_and_the_records_after_it_are_read() {
    const RESPONSE: &str = "application/http; msgtype=response";
    let mut members: Vec<Vec<u8>> = (1..=3)
        .map(|i| {
            let block = http("text/html", page(i).as_bytes());
            gzip(&warc_record(
                "response",
                &format!("https://e.com/{i}"),
                i as u32,
                RESPONSE,
                &block,
            ))
        })
        .collect();
    // One flipped byte in the middle of the second member's deflate data,
    // and one in its checksum: neither is written as text.
    for flip in ["data", "checksum"] {
        let mut damaged = members.clone();
        let at = if flip == "data" {
            damaged[1].len() / 2
        } else {
            damaged[1].len() - 6
        };
        damaged[1][at] ^= 0x20;
        let out = thresh()
            .args(["--from", "warc", "-q"])
            .write_stdin(damaged.concat())
            .assert()
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let lines = lines(&out.stdout);
        assert!(
            lines[0]["text"].as_str().unwrap().contains(&story(1)),
            "{flip}"
        );
        for line in &lines[1..] {
            let text = line["text"].as_str().unwrap_or("");
            assert!(
                !text.contains("story") || text.contains(&story(3)),
                "{flip}: {line}"
            );
        }
        if out.status.success() {
            // Resumed: the damaged member is an error line, the next is read.
            assert_eq!(lines.len(), 3, "{flip}: {stderr}");
            assert!(
                lines[1]["error"]
                    .as_str()
                    .unwrap()
                    .contains("gzip member 2"),
                "{flip}"
            );
            assert!(
                lines[2]["text"].as_str().unwrap().contains(&story(3)),
                "{flip}"
            );
        } else {
            assert_eq!(lines.len(), 1, "{flip}");
            assert!(
                stderr.contains("after record 1 (the last one read whole)"),
                "{stderr}"
            );
        }
    }
    // A checksum flip always leaves the member's end where it was: resumed.
    let at = members[1].len() - 6;
    members[1][at] ^= 0x20;
    thresh()
        .args(["--from", "warc", "-q"])
        .write_stdin(members.concat())
        .assert()
        .success();
}

#[test]
fn a_damaged_jsonl_gz_names_the_last_record_read_whole() {
    let data: String = (0..200)
        .map(|i| {
            json!({"id": i, "text": format!("Record {i} says {}.", i * 7919 % 1000)}).to_string()
                + "\n"
        })
        .collect();
    let mut gz = gzip(data.as_bytes());
    let at = gz.len() - 6;
    gz[at] ^= 0x20;
    let out = thresh()
        .args(["--from", "jsonl", "-q"])
        .write_stdin(gz)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(lines(&out.stdout).len(), 200);
    assert!(
        stderr.contains("after record 200 (the last one read whole)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gzip checks a member only at its end"),
        "{stderr}"
    );
}

#[test]
fn jsonl_fields_pass_through_byte_for_byte_and_name_clashes_are_told() {
    let input = concat!(
        r#"{"id":12345678901234567890123,"p":0.1000000000000000055511151231257827,"e":1E2,"html":"<p>Hello there, reader of pages.</p>"}"#,
        "\n",
        r#"{"id":"b","big":1e400,"s":"\ud800 and \u00e9","nested":{"a":[1, 2.50]},"text":"A line of scraped text."}"#,
        "\n",
        r#"{"id":"c","title":"the input's own title","html":"<p>Some words.</p>"}"#,
        "\n",
    );
    let run = thresh()
        .args(["--from", "jsonl"])
        .write_stdin(input)
        .assert()
        .success();
    let out = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    let out: Vec<&str> = out.lines().collect();
    assert_eq!(out.len(), 3);
    assert!(
        out[0].starts_with(r#"{"id":12345678901234567890123,"p":0.1000000000000000055511151231257827,"e":1E2,"text":"#),
        "{}",
        out[0]
    );
    assert!(
        out[1].starts_with(r#"{"id":"b","big":1e400,"s":"\ud800 and \u00e9","nested":{"a":[1, 2.50]},"text":"A line of scraped text.\n""#),
        "{}",
        out[1]
    );
    assert!(out[1].ends_with(r#""error":null}"#), "{}", out[1]);
    assert!(
        stderr.contains(r#"the input field "title" is left out"#),
        "{stderr}"
    );
    // --field-prefix: nothing clashes, nothing is left out.
    let run = thresh()
        .args(["--from", "jsonl", "--field-prefix", "thresh_"])
        .write_stdin(input)
        .assert()
        .success();
    let out = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let third: Value = serde_json::from_str(out.lines().nth(2).unwrap()).unwrap();
    assert_eq!(third["title"], "the input's own title");
    assert!(third["thresh_text"]
        .as_str()
        .unwrap()
        .contains("Some words."));
    assert!(!String::from_utf8_lossy(&run.get_output().stderr).contains("warning"));
}

#[test]
fn jsonl_on_stdin_with_a_bom_or_a_malformed_first_line_is_still_jsonl() {
    let records: String = (1..=3)
        .map(|i| json!({"id": i, "html": page(i)}).to_string() + "\n")
        .collect();
    for (first, errors) in [
        ("\u{feff}", 0),
        ("{\"id\": 0, \"html\": \"<p>cut short\n", 1),
        ("not a record\n", 1),
    ] {
        let input = format!("{first}{records}");
        let run = thresh().arg("-q").write_stdin(input).assert().success();
        let out = lines(&run.get_output().stdout);
        assert_eq!(out.len(), 3 + errors, "{first:?}");
        if errors == 1 {
            assert!(out[0]["error"].as_str().unwrap().contains("invalid JSON"));
        }
        assert_eq!(out[errors]["id"], 1, "{first:?}");
        assert!(out[3 + errors - 1]["text"]
            .as_str()
            .unwrap()
            .contains(&story(3)));
    }
}

/// Writes one record to a running thresh, keeps its standard input open and
/// waits for the answer: `Some(line)` once it comes, `None` if it has not
/// come after a minute (it was held back in a buffer).
fn answer_to_one_record(extra: &[&str]) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("thresh");
    let mut child = Std::new(bin)
        .args(["--from", "jsonl", "-q", "-j", "1"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", json!({"id": 1, "html": page(1)})).unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let answer = rx.recv_timeout(std::time::Duration::from_secs(60)).ok();
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    answer
}

#[test]
fn a_finished_record_is_not_held_back_while_the_input_stays_open() {
    for extra in [&[][..], &["--line-buffered"][..]] {
        let line = answer_to_one_record(extra).expect("no answer while stdin is open");
        let record: Value = serde_json::from_str(&line).unwrap();
        assert!(
            record["text"].as_str().unwrap().contains(&story(1)),
            "{extra:?}"
        );
    }
}

#[test]
fn a_warc_content_length_past_the_input_is_reported_as_given() {
    let mut warc = warc_record(
        "resource",
        "https://e.com/1",
        1,
        "text/html",
        page(1).as_bytes(),
    );
    warc.extend(
        b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 99999999999999999\r\n\r\n<p>short</p>"
            .iter(),
    );
    let run = thresh()
        .args(["--from", "warc", "-q"])
        .write_stdin(warc)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains("malformed WARC record 2: input ends inside the record: its Content-Length is 99999999999999999, only 12 bytes follow"),
        "{stderr}"
    );
    assert_eq!(lines(&run.get_output().stdout).len(), 1);
}

#[test]
fn a_record_over_the_memory_budget_is_an_error_line_and_the_stream_goes_on() {
    // 4 MB of one-letter lines: about 206 MB once cleaned (estimate 236 MB).
    let lines_of_a = "a\n".repeat(2_000_000);
    let input = [
        json!({"id": 1, "html": page(1)}).to_string(),
        json!({"id": 2, "text": lines_of_a}).to_string(),
        json!({"id": 3, "html": page(3)}).to_string(),
    ]
    .join("\n");
    let run = thresh()
        .args(["--from", "jsonl", "-q", "--record-memory", "128"])
        .write_stdin(input)
        .assert()
        .success();
    let out = lines(&run.get_output().stdout);
    assert_eq!(out.len(), 3);
    assert!(out[0]["text"].as_str().unwrap().contains(&story(1)));
    let error = out[1]["error"].as_str().unwrap();
    assert!(
        error.contains("over the memory budget of 128 MiB"),
        "{error}"
    );
    assert!(out[2]["text"].as_str().unwrap().contains(&story(3)));
}

#[test]
fn jsonl_and_warc_lines_carry_the_page_metadata() {
    let html = r#"<html lang="en-GB"><head><title>Pact signed | The Daily</title>
        <meta property="og:site_name" content="The Daily">
        <meta property="og:description" content="Both countries commit to mutual defence.">
        <meta name="author" content="Jo Ng"><link rel="canonical" href="/news/pact">
        </head><body><article><p class="byline">By Jo Ng, 19 November 2019</p>
        <p>The treaty was signed on Wednesday, after years of talks between the two countries.</p></article></body></html>"#;
    let record = json!({"id": 7, "url": "https://daily.example/world/pact?utm=x", "html": html});
    let out = thresh()
        .args(["--from", "jsonl"])
        .write_stdin(format!("{record}\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line = &lines(&out)[0];
    assert_eq!(line["id"], 7);
    // The record's own url stays; the page's canonical one is resolved against it.
    assert_eq!(line["url"], "https://daily.example/world/pact?utm=x");
    assert_eq!(line["canonical_url"], "https://daily.example/news/pact");
    assert_eq!(line["title"], "Pact signed");
    assert_eq!(line["author"], "Jo Ng");
    assert_eq!(line["date"], "2019-11-19");
    assert_eq!(line["site_name"], "The Daily");
    assert_eq!(
        line["description"],
        "Both countries commit to mutual defence."
    );
    assert_eq!(line["language"], "en-GB");
    assert_eq!(line["language_source"], "declared");

    // A WARC record's target URI reaches metadata extraction the same way.
    let warc = warc_record(
        "response",
        "https://daily.example/world/pact",
        1,
        "application/http; msgtype=response",
        &http("text/html; charset=utf-8", html.as_bytes()),
    );
    let out = thresh()
        .args(["--from", "warc"])
        .write_stdin(warc)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line = &lines(&out)[0];
    assert_eq!(line["url"], "https://daily.example/world/pact");
    assert_eq!(line["canonical_url"], "https://daily.example/news/pact");
    assert_eq!(line["date"], "2019-11-19");
}
