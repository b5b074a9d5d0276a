//! The seed corpus: the hand-checked samples, and the hostile inputs of
//! issue 11 in small sizes, for each target.

use crate::targets::Target;
use std::io::Write;

fn samples(suffix: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir("samples")
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter(|p| p.to_string_lossy().contains(suffix))
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| b.len() <= 64 * 1024)
        .collect()
}

fn hostile_pages() -> Vec<Vec<u8>> {
    let formatting: String = (0..300).map(|i| format!("<p><b a={i}>w{i} ")).collect();
    let attributes: String = (0..2000).map(|i| format!(" a{i}=x")).collect();
    vec![
        formatting.into_bytes(),
        format!("<div{attributes}>text</div>").into_bytes(),
        format!("{}deep{}", "<div>".repeat(3000), "</div>".repeat(3000)).into_bytes(),
        "<table><tr><td>x".repeat(1000).into_bytes(),
        "a\n".repeat(5000).into_bytes(),
    ]
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip to memory");
    enc.finish().expect("gzip to memory")
}

fn jsonl() -> Vec<Vec<u8>> {
    let html = samples(".input.htm");
    let text = samples(".input.txt");
    let mut lines = Vec::new();
    for (i, page) in html.iter().take(3).enumerate() {
        let page = String::from_utf8_lossy(page);
        lines.push(
            serde_json::json!({"id": i, "url": "https://example.com/a", "html": page}).to_string(),
        );
    }
    for (i, page) in text.iter().take(3).enumerate() {
        let page = String::from_utf8_lossy(page);
        lines.push(serde_json::json!({"id": 10 + i, "text": page}).to_string());
    }
    lines.push(r#"{"id":12345678901234567890123,"p":0.1000000000000000055511151231257827,"e":1E2,"big":1e400,"s":"\ud800","title":"t","text":"Some words."}"#.into());
    lines.push(r#"{"id":"b64","bytes":"Q2Fm6Q==","charset":"windows-1252"}"#.into());
    lines.push("not json".into());
    let stream = lines.join("\n") + "\n";
    vec![
        stream.clone().into_bytes(),
        format!("\u{feff}{stream}").into_bytes(),
        format!("{{\"cut\": \"short\n{stream}").into_bytes(),
        gzip(stream.as_bytes()),
    ]
}

fn warc_record(warc_type: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: https://example.com/a\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn warc() -> Vec<Vec<u8>> {
    let page = samples(".input.htm")
        .into_iter()
        .next()
        .unwrap_or_else(|| b"<p>x</p>".to_vec());
    let http = |headers: &str, body: &[u8]| {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    };
    let chunked = {
        let mut body = format!("{:x}\r\n", page.len()).into_bytes();
        body.extend_from_slice(&page);
        body.extend_from_slice(b"\r\n0\r\n\r\n");
        body
    };
    let records = [
        warc_record("warcinfo", "application/warc-fields", b"software: fuzz\r\n"),
        warc_record(
            "response",
            "application/http; msgtype=response",
            &http("Content-Type: text/html; charset=utf-8\r\n", &page),
        ),
        warc_record(
            "response",
            "application/http; msgtype=response",
            &http(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gzip(&page),
            ),
        ),
        warc_record(
            "response",
            "application/http; msgtype=response",
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        ),
        warc_record(
            "request",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record("resource", "text/html", b"<p>A resource.</p>"),
    ];
    let plain = records.concat();
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    vec![plain, members]
}

fn folder() -> Vec<Vec<u8>> {
    let break_ = b"\n--8<--\n".as_slice();
    let page = samples(".input.htm").into_iter().next().unwrap_or_default();
    let text = samples(".input.txt").into_iter().next().unwrap_or_default();
    let parts = [
        page.clone(),
        text,
        jsonl().remove(0),
        warc().remove(0),
        gzip(&page),
        b"{\"id\":1,\"text\":\"x\"}\n".to_vec(),
    ];
    vec![parts.join(break_)]
}

/// The seeds of `target`.
pub fn seeds(target: Target) -> Vec<Vec<u8>> {
    match target {
        Target::Page => [samples(".input."), hostile_pages()].concat(),
        Target::Text => [samples(".input.txt"), vec!["a\n".repeat(5000).into_bytes()]].concat(),
        Target::Jsonl => jsonl(),
        Target::Warc => warc(),
        Target::Folder => folder(),
    }
}
