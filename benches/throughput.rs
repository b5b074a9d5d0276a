//! Throughput of thresh, single thread. `cargo bench` runs it in full;
//! `cargo test --all-targets` runs it once on a tiny input as a smoke test.
//!
//! Measures:
//! - text mode: cleaning 1 MB of scraped text (the `samples/*.input.txt`
//!   files concatenated until they reach 1 MB), in ms per MB;
//! - HTML: MB/s of `Cleaner::clean` on a folder of pages (default
//!   `../shared/data/traf-dev/html`, or `THRESH_BENCH_PAGES`; `.gz` pages are
//!   unpacked first, outside the timing), next to MB/s of parsing alone with
//!   scraper/html5ever, the floor thresh builds on.

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thresh::{Cleaner, Config, Hints, InputKind};

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_text(root, full);
    let pages_dir = std::env::var_os("THRESH_BENCH_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/traf-dev/html"));
    bench_html(&pages_dir, full);
    bench_deep(full);
}

/// Pathologically deep pages, which the depth guard flattens: without it
/// html5ever takes minutes on 100,000 nested elements.
fn bench_deep(full: bool) {
    let n = if full { 100_000 } else { 1_000 };
    let pages = [
        (
            "nested divs",
            format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n)),
        ),
        (
            "nested tables",
            format!("{}cell", "<table><tr><td>".repeat(n)),
        ),
        (
            "unclosed tag soup",
            "<p>para<div>block<span>s<b>b".repeat(n / 4),
        ),
    ];
    let cleaner = Cleaner::new(Config::new().input_kind(InputKind::Html));
    for (name, page) in &pages {
        let took = best_of(1, || {
            black_box(cleaner.clean(page.as_bytes(), &Hints::new()).unwrap());
        });
        println!(
            "deep: {name}, {n} levels, {:.1} MB: {:.1} ms",
            page.len() as f64 / 1e6,
            ms(took)
        );
    }
}

fn bench_text(root: &Path, full: bool) {
    let mut corpus = String::new();
    let mut pieces = Vec::new();
    for entry in std::fs::read_dir(root.join("samples")).expect("samples/ exists") {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".input.txt") {
            // Some samples are in legacy charsets: lossy is fine for timing.
            pieces.push(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
        }
    }
    pieces.sort();
    let target = if full { 1 << 20 } else { 16 << 10 };
    while corpus.len() < target {
        for piece in &pieces {
            corpus.push_str(piece);
            corpus.push('\n');
        }
    }
    let cleaner = Cleaner::new(Config::new().input_kind(InputKind::Text));
    let runs = if full { 30 } else { 1 };
    let best = best_of(runs, || {
        black_box(cleaner.clean(corpus.as_bytes(), &Hints::new()).unwrap());
    });
    let mb = corpus.len() as f64 / 1e6;
    println!(
        "text: {:.2} MB cleaned in {:.2} ms (best of {runs}) = {:.1} ms per MB",
        mb,
        ms(best),
        ms(best) / mb
    );
}

fn bench_html(dir: &Path, full: bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!(
            "html: skipped, no pages at {} (set THRESH_BENCH_PAGES)",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    if !full {
        paths.truncate(3);
    }
    let pages: Vec<Vec<u8>> = paths.iter().map(|p| read_page(p)).collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mb = bytes as f64 / 1e6;
    let runs = if full { 3 } else { 1 };
    let cleaner = Cleaner::new(Config::new().input_kind(InputKind::Html));
    let clean = best_of(runs, || {
        for page in &pages {
            let _ = black_box(cleaner.clean(page, &Hints::new()));
        }
    });
    let parse = best_of(runs, || {
        for page in &pages {
            let text = String::from_utf8_lossy(page);
            black_box(scraper::Html::parse_document(&text));
        }
    });
    let texts: Vec<String> = pages
        .iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let budgets = thresh::Budgets::default();
    let guard = best_of(runs, || {
        for text in &texts {
            black_box(thresh::internals::guard::guard(text, &budgets));
        }
    });
    println!(
        "html: depth/node guard pre-scan alone {:.0} MB/s ({:.1} ms)",
        mb / guard.as_secs_f64(),
        ms(guard)
    );
    println!(
        "html: {} pages, {:.1} MB: thresh {:.1} MB/s ({:.1} ms), parse only {:.1} MB/s ({:.1} ms), one thread, best of {runs}",
        pages.len(),
        mb,
        mb / clean.as_secs_f64(),
        ms(clean),
        mb / parse.as_secs_f64(),
        ms(parse)
    );
}

fn read_page(path: &Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        raw
    }
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
