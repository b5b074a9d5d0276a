//! thresh's single-thread HTML speed on a folder of pages, in-process, for
//! `scripts/peer_speed.py` (which times the peers on the same pages).
//!
//! `cargo run --release --example speed -- DIR [--runs N] [--full-parse]`
//! reads every file of DIR (`.gz` unpacked, outside the timing), cleans
//! them all with one `Cleaner` as HTML, best of N runs (default 3), and
//! prints `pages MB seconds MB/s` on one line. `--full-parse` turns the
//! pre-pass off (`Config::full_parse`); `--parse-only` times the pre-pass
//! and html5ever's parse alone (with `--full-parse`, the parse of every
//! byte).

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;
use thresh::{Cleaner, Config, Hints, InputKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut runs = 3usize;
    let mut full_parse = false;
    let mut parse_only = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--full-parse" => full_parse = true,
            "--parse-only" => parse_only = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: speed DIR [--runs N] [--full-parse] [--parse-only]");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a folder of pages")
        .map(|e| e.expect("readable folder").path())
        .collect();
    paths.sort();
    let pages: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| {
            let raw = std::fs::read(p).expect("readable page");
            if p.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .expect("gzip");
                out
            } else {
                raw
            }
        })
        .collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let cleaner = Cleaner::new(
        Config::new()
            .input_kind(InputKind::Html)
            .full_parse(full_parse),
    );
    let best = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            for page in &pages {
                if parse_only {
                    let text = String::from_utf8_lossy(page);
                    if full_parse {
                        std::hint::black_box(scraper::Html::parse_document(&text));
                    } else {
                        let stripped = thresh::internals::prepass::strip(&text);
                        std::hint::black_box(scraper::Html::parse_document(&stripped));
                    }
                } else {
                    let _ = std::hint::black_box(cleaner.clean(page, &Hints::new()));
                }
            }
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    let mb = bytes as f64 / 1e6;
    println!("{} {:.3} {:.4} {:.2}", pages.len(), mb, best, mb / best);
}
