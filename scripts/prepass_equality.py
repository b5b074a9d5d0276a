#!/usr/bin/env python3
"""Proof that the HTML pre-pass (src/extract/prepass.rs) changes no output.

Runs `thresh --to json --explain` on every page of the development sets
(traf-dev, readability-pages, wcxb-dev, dragnet-dev, as the scorers in
../shared/eval list them), once as is and once with `--full-parse` (the parser
given every byte), and compares standard output and standard error byte for
byte. With `--against BINARY`, compares target/release/thresh with BINARY
instead (both with the pre-pass): an old build, to show a change moved nothing.
With `--text`, the default text output is compared too (the CLI makes it
without an Article, through `Cleaner::clean_to_text_with`).

Usage: scripts/prepass_equality.py [--against BINARY] [--sets traf,moz,...] [--text] [-j N]
Exit status 1 when a page differs; the differing keys are printed.
"""
import argparse
import concurrent.futures
import gzip
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = ["traf", "moz", "wcxb", "dragnet"]


def cases(name):
    out = subprocess.run(
        [sys.executable, str(EVAL / f"{name}_score.py"), "--list-cases"],
        capture_output=True, text=True, check=True,
    ).stdout
    for line in out.splitlines():
        key, path = line.split("\t")
        yield f"{name}/{key}", path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", help="compare with this binary instead of --full-parse")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--text", action="store_true", help="compare the text output too")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    thresh = str(ROOT / "target" / "release" / "thresh")
    if args.against:
        runs = ([thresh], [args.against])
    else:
        runs = ([thresh], [thresh, "--full-parse"])

    with tempfile.TemporaryDirectory() as tmp:
        def check(item):
            key, path = item
            page = pathlib.Path(path)
            if page.suffix == ".gz":
                unpacked = pathlib.Path(tmp) / (str(abs(hash(key))) + ".html")
                unpacked.write_bytes(gzip.decompress(page.read_bytes()))
                page = unpacked
            forms = [["--to", "json", "--explain"]] + ([[]] if args.text else [])
            outs = [
                subprocess.run(cmd + ["--from", "html"] + form + [str(page)], capture_output=True)
                for form in forms
                for cmd in runs
            ]
            runs_per_form = len(runs)
            if page.parent == pathlib.Path(tmp):
                page.unlink()
            same = all(
                (o.stdout, o.stderr, o.returncode) == (first.stdout, first.stderr, first.returncode)
                for k in range(0, len(outs), runs_per_form)
                for first in [outs[k]]
                for o in outs[k:k + runs_per_form]
            )
            return key, same

        items = [c for s in args.sets.split(",") for c in cases(s)]
        differ = []
        with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
            for key, same in pool.map(check, items):
                if not same:
                    differ.append(key)
                    print(f"differs: {key}", flush=True)
    what = f"against {args.against}" if args.against else "with and without the pre-pass"
    print(f"{len(items)} pages, {len(items) - len(differ)} identical {what}, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
