#!/usr/bin/env python3
"""Single-thread extraction speed of thresh and its Python peers, side by side
in one run, on the same pages.

Usage: scripts/peer_speed.py [--sets traf,news] [--runs 3] [--no-trafilatura]
                             [--other-cli BINARY]...
Needs: pip install resiliparse trafilatura==2.3.1 lxml_html_clean

Page sets (unpacked once into a temporary folder, outside all timings):
  traf  the trafilatura dev set (../shared/data/traf-dev/html)
  news  news articles: readability-pages' sources and the wcxb-dev pages
        whose type is "article" (../shared/data/wcxb-dev/metadata.json)

Timed, each best of --runs, the runs of the tools interleaved so that a
change in the machine's load hits them all:
  thresh (library)  examples/speed: Cleaner::clean on each page's bytes
                    (charset detection and decoding included), in-process
  thresh (CLI)      `thresh -j1 -q DIR > /dev/null`: batch mode on the
                    folder, one worker, process start and file reading included
  parse floors      examples/speed --parse-only: the parse (thresh's
                    tokenizer, html5ever's tree builder) of each page,
                    skipping what the pre-pass blanks (as thresh parses
                    it), and of every byte (--full-parse); no extraction
  --other-cli B     the CLI of another thresh build, the same way (an older
                    commit, for a before/after in the same run)
  resiliparse       extract_plain_text(HTMLTree.parse(html), main_content=True)
  trafilatura       trafilatura.extract(html)
The Python peers get each page already decoded to str (decoding not timed).
MB are the pages' bytes; the ratios are thresh (library) against each peer.
"""
import argparse
import gzip
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def unpack(path):
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def page_set(name):
    """The pages of set `name`: (file name, bytes) pairs."""
    if name == "traf":
        return [(p.name.removesuffix(".gz"), unpack(p))
                for p in sorted((DATA / "traf-dev" / "html").iterdir())]
    if name == "news":
        pages = []
        for case in sorted(p for p in (DATA / "readability-pages").iterdir() if p.is_dir()):
            source = next((p for p in case.iterdir() if p.name.startswith("source.html")), None)
            if source:
                pages.append((f"moz-{case.name}.html", unpack(source)))
        meta = json.loads((DATA / "wcxb-dev" / "metadata.json").read_text())
        for key, info in sorted(meta["files"].items()):
            if info.get("split") != "dev" or info.get("page_type") != "article":
                continue
            for p in [DATA / "wcxb-dev" / "html" / f"{key}.html.gz",
                      DATA / "wcxb-dev" / "html" / f"{key}.html"]:
                if p.exists():
                    pages.append((f"wcxb-{key}.html", unpack(p)))
                    break
        return pages
    sys.exit(f"unknown page set {name!r} (traf, news)")


def time_python(fn, texts):
    start = time.perf_counter()
    for text in texts:
        try:
            fn(text)
        except Exception:
            pass
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="traf,news")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the slowest peer")
    ap.add_argument("--other-cli", action="append", default=[], metavar="BINARY",
                    help="also time this thresh build's CLI on the folder")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "thresh",
                    "--example", "speed"], cwd=ROOT, check=True)
    thresh = ROOT / "target" / "release" / "thresh"
    speed = ROOT / "target" / "release" / "examples" / "speed"

    peers = {}
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
        import resiliparse
        peers[f"resiliparse {getattr(resiliparse, '__version__', '')}".strip()] = (
            lambda t: extract_plain_text(HTMLTree.parse(t), main_content=True))
    except ImportError:
        print("resiliparse: not installed")
    if not args.no_trafilatura:
        try:
            import trafilatura
            peers[f"trafilatura {trafilatura.__version__}"] = lambda t: trafilatura.extract(t)
        except ImportError:
            print("trafilatura: not installed")

    load = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start;"
          f" one thread each, best of {args.runs}")
    for name in args.sets.split(","):
        pages = page_set(name)
        mb = sum(len(b) for _, b in pages) / 1e6
        texts = [b.decode("utf-8", "replace") for _, b in pages]
        best = {}

        def keep(tool, secs):
            best[tool] = min(best.get(tool, float("inf")), secs)

        with tempfile.TemporaryDirectory() as tmp:
            for file_name, raw in pages:
                (pathlib.Path(tmp) / file_name).write_bytes(raw)
            for _ in range(args.runs):
                out = subprocess.run([speed, tmp, "--runs", "1"], capture_output=True,
                                     text=True, check=True).stdout.split()
                keep("thresh (library)", float(out[2]))
                # The floor under thresh: the parse (thresh's tokenizer, html5ever's tree builder),
                # skipping what the pre-pass blanks (as thresh parses) and of every byte.
                for flags, label in [(["--parse-only"], "parse, blanked"),
                                     (["--parse-only", "--full-parse"], "parse of every byte")]:
                    out = subprocess.run([speed, tmp, "--runs", "1", *flags], capture_output=True,
                                         text=True, check=True).stdout.split()
                    keep(label, float(out[2]))
                start = time.perf_counter()
                subprocess.run([thresh, "-j1", "-q", tmp], stdout=subprocess.DEVNULL, check=False)
                keep("thresh (CLI, folder)", time.perf_counter() - start)
                for other in args.other_cli:
                    start = time.perf_counter()
                    subprocess.run([other, "-j1", "-q", tmp], stdout=subprocess.DEVNULL, check=False)
                    keep(f"thresh (CLI) {other}", time.perf_counter() - start)
                for peer, fn in peers.items():
                    keep(peer, time_python(fn, texts))
        print(f"\n{name}: {len(pages)} pages, {mb:.1f} MB")
        lib = mb / best["thresh (library)"]
        for tool, secs in best.items():
            rate = mb / secs
            floor = tool.startswith(("thresh", "pre-pass", "parse"))
            ratio = "" if floor else f"   thresh (library) / this = {lib / rate:.2f}"
            print(f"  {tool:<26} {rate:7.1f} MB/s  ({secs:6.2f} s){ratio}")
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


if __name__ == "__main__":
    main()
