//! Runs every `samples/NAME.input.*` through thresh and compares the result with
//! `samples/NAME.expected.*`, byte for byte. The expected files are checked by
//! hand; the extension of the expected file picks the output format.

use std::fs;
use std::path::{Path, PathBuf};
use thresh::{render, Cleaner, Format, Hints, RenderOptions};

fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("samples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".input."))
        .collect();
    inputs.sort();
    inputs
        .into_iter()
        .map(|input| {
            let name = input.file_name().unwrap().to_string_lossy().into_owned();
            let stem = name.split(".input.").next().unwrap().to_string();
            let expected = fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{stem}.expected."))
                })
                .unwrap_or_else(|| panic!("{name} has no expected file"));
            (input, expected)
        })
        .collect()
}

fn format_for(expected: &Path) -> Format {
    match expected.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("md") => Format::Markdown,
        Some("html") => Format::Html,
        _ => Format::Text,
    }
}

#[test]
fn every_sample_gives_its_expected_output() {
    let cleaner = Cleaner::default();
    let pairs = pairs();
    assert!(
        pairs.len() >= 21,
        "samples/ should hold the seed and at least 20 more pairs, found {}",
        pairs.len()
    );
    let mut failures = Vec::new();
    for (input, expected) in &pairs {
        let bytes = fs::read(input).unwrap();
        let hints = Hints::new().file_name(input.to_string_lossy());
        let article = cleaner
            .clean(&bytes, &hints)
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let got = render::render(&article, format_for(expected), &RenderOptions::default());
        let want = fs::read_to_string(expected).unwrap();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}\n--- got\n{got}\n--- removed\n{:#?}",
                input.display(),
                article.removed
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} samples differ:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}
