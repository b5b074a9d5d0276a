#!/usr/bin/env python3
"""Single-thread extraction speed of the Python peers on a folder of pages.

Usage: scripts/peer_speed.py [PAGES_DIR]   (default ../shared/data/traf-dev/html)
Needs: pip install trafilatura resiliparse
Compare with `cargo bench` (thresh's own MB/s on the same pages).
"""
import gzip
import pathlib
import sys
import time

pages_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/traf-dev/html")
pages = []
for path in sorted(pages_dir.iterdir()):
    raw = path.read_bytes()
    pages.append(gzip.decompress(raw) if path.suffix == ".gz" else raw)
mb = sum(map(len, pages)) / 1e6
texts = [p.decode("utf-8", "replace") for p in pages]


def measure(name, fn):
    start = time.perf_counter()
    for text in texts:
        try:
            fn(text)
        except Exception:
            pass
    secs = time.perf_counter() - start
    print(f"{name}: {len(texts)} pages, {mb:.1f} MB in {secs:.2f} s = {mb / secs:.1f} MB/s")


try:
    import trafilatura
    measure(f"trafilatura {trafilatura.__version__}", lambda t: trafilatura.extract(t))
except ImportError:
    print("trafilatura: not installed")
try:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree
    measure("resiliparse", lambda t: extract_plain_text(HTMLTree.parse(t), main_content=True))
except ImportError:
    print("resiliparse: not installed")
