//! thresh's single-thread HTML speed on a folder of pages, in-process, for
//! `scripts/peer_speed.py` (which times the peers on the same pages).
//!
//! `cargo run --release --example speed -- DIR [--runs N] [--full-parse]`
//! reads every file of DIR (`.gz` unpacked, outside the timing), cleans
//! them all with one `Cleaner` as HTML, best of N runs (default 3), and
//! prints `pages MB seconds MB/s cpu-seconds cpu-MB/s` on one line: the
//! wall-clock time and the thread's CPU time (from
//! `/proc/thread-self/schedstat`, 0 where there is none), each the best of
//! the runs; on a loaded machine the CPU time is the steadier figure.
//! `--full-parse` turns the pre-pass off (`Config::full_parse`);
//! `--parse-only` times the parse into thresh's tree alone, within the
//! budgets, skipping what the pre-pass blanks (with `--full-parse`, the
//! parse of every byte); `--text` cleans every file as scraped text
//! instead (`InputKind::Text`).

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;
use thresh::internals::guard;
use thresh::internals::tokenize::Reading;
use thresh::{Budgets, Cleaner, Config, Hints, InputKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut runs = 3usize;
    let mut full_parse = false;
    let mut parse_only = false;
    let mut text = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--full-parse" => full_parse = true,
            "--parse-only" => parse_only = true,
            "--text" => text = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: speed DIR [--runs N] [--full-parse] [--parse-only] [--text]");
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
            .input_kind(if text {
                InputKind::Text
            } else {
                InputKind::Html
            })
            .full_parse(full_parse),
    );
    let budgets = Budgets::default();
    let reading = if full_parse {
        Reading::Whole
    } else {
        Reading::Blanked {
            max_attributes: budgets.max_attributes,
        }
    };
    let (best, best_cpu) = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            let start_cpu = cpu_seconds();
            for page in &pages {
                if parse_only {
                    let html = String::from_utf8_lossy(page);
                    let _ = std::hint::black_box(guard::parse(&html, &budgets, reading));
                } else {
                    let _ = std::hint::black_box(cleaner.clean(page, &Hints::new()));
                }
            }
            let t = start.elapsed().as_secs_f64();
            (t, cpu_seconds() - start_cpu)
        })
        .fold((f64::INFINITY, f64::INFINITY), |(w, c), (tw, tc)| {
            (w.min(tw), c.min(tc))
        });
    let mb = bytes as f64 / 1e6;
    println!(
        "{} {:.3} {:.4} {:.2} {:.4} {:.2}",
        pages.len(),
        mb,
        best,
        mb / best,
        best_cpu,
        mb / best_cpu
    );
}

/// The CPU time this thread has run, in seconds (0 without `/proc`).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
