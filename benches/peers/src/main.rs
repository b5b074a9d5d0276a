//! Side-by-side runs of thresh and its Rust peers.
//!
//! - `thresh-peers speed [DIR]`: single-thread MB/s of each extractor on a
//!   folder of pages (default `../shared/data/traf-dev/html`, `.gz` unpacked
//!   first, outside the timing).
//! - `thresh-peers extract PEER FILE`: one page's text by PEER
//!   (`thresh`, `dom_smoothie`, `rs-trafilatura`), for the scorers:
//!   `../shared/eval/traf_score.py --cmd 'benches/peers/target/release/thresh-peers extract dom_smoothie {file}'`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Extractor = fn(&str) -> String;

const PEERS: &[(&str, Extractor)] = &[
    ("thresh", thresh_text),
    ("dom_smoothie", dom_smoothie_text),
    ("rs-trafilatura", rs_trafilatura_text),
];

fn thresh_text(html: &str) -> String {
    let cleaner = thresh::Cleaner::new(thresh::Config::new().input_kind(thresh::InputKind::Html));
    cleaner.clean(html.as_bytes(), &thresh::Hints::new()).map(|a| a.text()).unwrap_or_default()
}

fn dom_smoothie_text(html: &str) -> String {
    dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn rs_trafilatura_text(html: &str) -> String {
    rs_trafilatura::extract(html).map(|r| r.content_text).unwrap_or_default()
}

fn read_page(path: &Path) -> String {
    let raw = std::fs::read(path).expect("readable page");
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out).expect("valid gzip");
        out
    } else {
        raw
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["extract", peer, file] => {
            let (_, f) = PEERS.iter().find(|(name, _)| *name == peer).expect("known peer");
            print!("{}", f(&read_page(Path::new(file))));
        }
        ["speed", ref rest @ ..] => {
            let dir = rest.first().map(PathBuf::from).unwrap_or_else(|| "../shared/data/traf-dev/html".into());
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).expect("pages dir").map(|e| e.unwrap().path()).collect();
            paths.sort();
            let pages: Vec<String> = paths.iter().map(|p| read_page(p)).collect();
            let mb = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
            for (name, f) in PEERS {
                let start = Instant::now();
                for page in &pages {
                    std::hint::black_box(f(page));
                }
                let secs = start.elapsed().as_secs_f64();
                println!("{name}: {} pages, {mb:.1} MB in {secs:.2} s = {:.1} MB/s", pages.len(), mb / secs);
            }
        }
        _ => {
            eprintln!("usage: thresh-peers speed [DIR] | thresh-peers extract PEER FILE");
            std::process::exit(2);
        }
    }
}
