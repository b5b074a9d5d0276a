//! The re-worded chaff cases: `tests/reworded/NNN.input.txt` is an article of
//! text-train with chaff worded by `scripts/reword.py` (its own prefixes,
//! frames, sources and widget lines), `NNN.expected.txt` the article. Nine
//! cases in ten must come out exactly, and no article line may be lost in
//! more than two cases. `tests/reworded-holdout/` holds the held-out fifth of
//! the wordings: it is scored (`text_score.py --cases tests/reworded-holdout`),
//! never tuned on, and not checked here.

use std::fs;
use std::path::Path;
use thresh::{render, Cleaner, Format, Hints, RenderOptions};

/// Share of cases that must come out exactly.
const MIN_STRICT: f64 = 0.9;

#[test]
fn nine_reworded_cases_in_ten_come_out_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reworded");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/reworded exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".input.txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 100, "only {} cases", inputs.len());
    let cleaner = Cleaner::default();
    let mut differ = Vec::new();
    let mut lost = Vec::new();
    for input in &inputs {
        let expected_path = input
            .to_string_lossy()
            .replace(".input.txt", ".expected.txt");
        let want = fs::read_to_string(&expected_path).unwrap();
        let bytes = fs::read(input).unwrap();
        let hints = Hints::new().file_name(input.to_string_lossy());
        let article = cleaner.clean(&bytes, &hints).unwrap();
        let got = render::render(&article, Format::Text, &RenderOptions::default());
        if got != want {
            differ.push(input.file_name().unwrap().to_string_lossy().into_owned());
            let out: Vec<&str> = got.lines().collect();
            if want.lines().any(|l| !l.is_empty() && !out.contains(&l)) {
                lost.push(input.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let strict = 1.0 - differ.len() as f64 / inputs.len() as f64;
    assert!(
        strict >= MIN_STRICT,
        "strict {strict:.3} < {MIN_STRICT}: {differ:?}"
    );
    assert!(lost.len() <= 2, "article lines lost in {lost:?}");
}
