#!/usr/bin/env python3
"""Pages per second of the thresh Python package (clean_many on 1 and 2
threads, clean one by one) against trafilatura's extract, on the same pages.

    python3 scripts/py_speed.py [--pages ../shared/data/traf-dev/html] [--rounds 3]

Needs thresh installed (pip install ./python) and, for the comparison,
trafilatura. Pages are read into memory first (gzipped ones unpacked); each
figure is the best of --rounds runs over all pages.
"""
import argparse
import gzip
import os
import sys
import time


def load(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".gz"):
            with gzip.open(path) as f:
                pages.append(f.read())
        elif name.endswith((".html", ".htm")):
            with open(path, "rb") as f:
                pages.append(f.read())
    return pages


def best(rounds, run):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=os.path.join(here, "..", "..", "shared", "data", "traf-dev", "html"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import thresh

    pages = load(args.pages)
    mb = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB, thresh {thresh.__version__}")
    rows = [
        ("thresh.clean_many, 1 thread", lambda: thresh.clean_many(pages, threads=1)),
        ("thresh.clean_many, 2 threads", lambda: thresh.clean_many(pages, threads=2)),
        ("thresh.clean, one by one", lambda: [thresh.clean(p) for p in pages]),
    ]
    try:
        import trafilatura

        rows.append(
            (f"trafilatura {trafilatura.__version__} extract", lambda: [trafilatura.extract(p) for p in pages])
        )
    except ImportError:
        print("trafilatura is not installed: no comparison", file=sys.stderr)
    for name, run in rows:
        seconds = best(args.rounds, run)
        print(f"{name:34} {len(pages) / seconds:8.1f} pages/s  ({seconds:.2f} s)")


if __name__ == "__main__":
    sys.exit(main())
