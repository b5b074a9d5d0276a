"""The thresh Python package: the CLI's text on every sample, metadata,
errors, batches, threads.

Needs the package installed (pip install ./python) and the CLI built
(cargo build): THRESH_BIN names it, else target/release/thresh or
target/debug/thresh under the repository is used.
"""

import concurrent.futures
import json
import os
import subprocess
from pathlib import Path

import pytest

import thresh

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.input.*"))
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
FRENCH = (
    "Le gouvernement a présenté mercredi son projet de loi sur les retraites.\n"
    "Les syndicats ont appelé à une nouvelle journée de grève la semaine prochaine.\n"
)


def cli_binary():
    named = os.environ.get("THRESH_BIN")
    if named:
        return named
    for build in ("release", "debug"):
        path = ROOT / "target" / build / "thresh"
        if path.exists():
            return str(path)
    pytest.fail("the thresh CLI is not built: run cargo build or set THRESH_BIN")


def kind_of(path):
    return "html" if path.name.endswith(".input.html") else "text"


def test_there_are_samples():
    assert len(SAMPLES) >= 60


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_text_equals_the_cli_output(path):
    cli = subprocess.run([cli_binary(), str(path)], capture_output=True, check=True)
    result = thresh.clean(path.read_bytes(), kind=kind_of(path))
    assert result["text"] == cli.stdout.decode("utf-8")
    expected = path.with_name(path.name.split(".input.")[0] + ".expected.txt")
    if expected.exists():
        assert result["text"] == expected.read_text(encoding="utf-8")


def test_metadata_of_the_json_ld_sample_is_the_cli_json():
    path = ROOT / "samples" / "meta-json-ld.input.html"
    want = json.loads((ROOT / "samples" / "meta-json-ld.expected.json").read_text(encoding="utf-8"))
    got = thresh.clean(path.read_bytes())
    for key in ("text", "title", "author", "date", "language", "language_source", "url", "site_name"):
        assert got[key] == want[key], key
    assert got["author"] == "Mia Lund, Tom Reyes"
    assert got["date"] == "2024-02-11T08:30:00Z"


def test_published_time_canonical_and_description():
    page = (
        '<html><head><meta property="article:published_time" content="2019-11-19T10:00:00+01:00">'
        '<link rel="canonical" href="../news/pact"><meta name="description" content="A pact.">'
        "</head><body><article><p>The treaty was signed on Wednesday, after years of talks "
        "between the two countries.</p></article></body></html>"
    )
    result = thresh.clean(page, "https://example.com/world/europe/page.html")
    assert result["date"] == "2019-11-19T10:00:00+01:00"
    assert result["url"] == "https://example.com/world/news/pact"
    assert result["description"] == "A pact."
    assert (result["language"], result["language_source"]) == ("en", "detected")
    assert set(result) == {
        "text", "title", "author", "date", "language", "language_source", "url", "site_name", "description",
    }


def test_french_text_is_detected():
    result = thresh.clean(FRENCH.encode("utf-8"))
    assert result["text"] == FRENCH
    assert (result["language"], result["language_source"]) == ("fr", "detected")


def test_str_and_bytes_in_any_charset_give_the_same_text():
    page = "<html><head><meta charset='windows-1251'></head><body><p>Привет, мир. Это статья о погоде в Москве.</p></body></html>"
    from_str = thresh.clean(page)
    from_bytes = thresh.clean(page.encode("windows-1251"))
    assert from_str["text"] == from_bytes["text"] == "Привет, мир. Это статья о погоде в Москве.\n"


def test_explain_lists_what_was_removed():
    result = thresh.clean(b"Hello.\n***\nWorld.", explain=True)
    assert result["text"] == "Hello.\nWorld.\n"
    assert result["removed"] == [{"rule": "separator", "text": "***"}]
    assert "removed" not in thresh.clean(b"Hello.\n***\nWorld.")


def test_errors_are_a_family():
    with pytest.raises(thresh.BinaryInputError, match="PNG"):
        thresh.clean(PNG)
    with pytest.raises(thresh.OverBudgetError, match="over the limit of 4 bytes"):
        thresh.Cleaner(max_input_bytes=4).clean(b"hello")
    assert issubclass(thresh.BinaryInputError, thresh.ThreshError)
    assert issubclass(thresh.OverBudgetError, thresh.ThreshError)
    assert issubclass(thresh.ThreshError, Exception)
    with pytest.raises(ValueError, match="kind"):
        thresh.clean(b"x", kind="xml")
    with pytest.raises(ValueError, match="charset"):
        thresh.clean(b"x", charset="klingon")
    assert thresh.clean(b"Hello there.", charset="text/html")["text"] == "Hello there.\n"
    with pytest.raises(TypeError, match="bytes or str"):
        thresh.clean(123)


def test_clean_many_keeps_order_and_the_batch():
    pages = [b"One.\n***\nTwo.", PNG, 42, "Three.", b""]
    results = thresh.clean_many(pages, ["https://a.example/1", None, None, None, None], threads=3)
    assert [r["text"] for r in results] == ["One.\nTwo.\n", None, None, "Three.\n", ""]
    assert results[0]["error"] is None and results[0]["url"] == "https://a.example/1"
    assert "binary" in results[1]["error"]
    assert "bytes or str" in results[2]["error"]
    assert all(set(r) == set(results[0]) for r in results)
    with pytest.raises(ValueError, match="urls"):
        thresh.clean_many([b"a", b"b"], ["https://a.example/"])
    with pytest.raises(ValueError, match="threads"):
        thresh.clean_many([b"a"], threads=0)
    assert thresh.clean_many([]) == []


def test_clean_many_gives_what_clean_gives_on_any_number_of_threads():
    pages = [p.read_bytes() for p in SAMPLES]
    one_by_one = [dict(thresh.clean(p), error=None) for p in pages]
    assert thresh.clean_many(pages, threads=1) == one_by_one
    assert thresh.clean_many(iter(pages), threads=4) == one_by_one


def test_one_cleaner_shared_by_python_threads():
    cleaner = thresh.Cleaner()
    pages = [p.read_bytes() for p in SAMPLES] * 4
    want = [cleaner.clean(p)["text"] for p in pages]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda p: cleaner.clean(p)["text"], pages))
        batches = list(pool.map(lambda chunk: cleaner.clean_many(chunk, threads=2), [pages[i::8] for i in range(8)]))
    assert got == want
    for i, batch in enumerate(batches):
        assert [r["text"] for r in batch] == want[i::8]


def test_cleaner_options():
    text_only = thresh.Cleaner(kind="text")
    assert "<p>" in text_only.clean(b"<p>Kept as text.</p>")["text"]
    assert "kind=\"text\"" in repr(text_only)
    quiet = thresh.Cleaner(detect_language=False)
    assert quiet.clean(FRENCH)["language"] is None
    assert quiet.clean(FRENCH)["text"] == FRENCH
    assert "detect_language=False" in repr(quiet)


def test_version_and_typing_files():
    assert thresh.__version__ == "0.1.0"
    package = Path(thresh.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_thresh.pyi").exists()
