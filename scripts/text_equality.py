#!/usr/bin/env python3
"""Proof that a text-mode change moved no output: runs target/release/thresh
and an older build (--against BINARY) on every text input we have
(../shared/data/text-train, tests/reworded, tests/reworded-holdout,
samples/ and ../shared/samples/ `*.input.txt`), twice each: plain text out,
and `--to json --explain` (the removal lists); compares standard output and
standard error byte for byte.

Long inputs too, made in a temporary folder, since some passes read only
the end of a long text: each text-train input after 3,000 lines of the
others, one after a long comment thread, the text-train inputs repeated to
1 and 10 MB, and 10 MB of `a` lines.

Usage: scripts/text_equality.py --against BINARY [-j N]
Exit status 1 when an input differs; the differing files are printed.
"""
import argparse
import concurrent.futures
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIRS = [
    ROOT.parent / "shared" / "data" / "text-train",
    ROOT / "tests" / "reworded",
    ROOT / "tests" / "reworded-holdout",
    ROOT / "samples",
    ROOT.parent / "shared" / "samples",
]
MODES = [[], ["--to", "json", "--explain"]]


def long_inputs(out, inputs):
    """Writes the long inputs into `out`; their paths."""
    train = [p.read_bytes() for p in inputs if "text-train" in str(p)]
    lead = b"".join(train)
    lead = b"\n".join(lead.splitlines()[:3000]) + b"\n"
    paths = []
    for k, body in enumerate(train):
        paths.append(out / f"long-{k:03}.input.txt")
        paths[-1].write_bytes(lead + body)
    thread = [b"Tom R.", b"May 8, 2021 at 2:47 am", b"Nice post, thanks.", b"Reply"]
    paths.append(out / "long-thread.input.txt")
    paths[-1].write_bytes(lead + b"120 Comments\n" + b"\n".join(thread * 900) + b"\n")
    for name, size, unit in [("1mb", 1, lead), ("10mb", 10, b"".join(train)), ("a", 10, b"a\n")]:
        body = unit * (size * 1_000_000 // len(unit) + 1)
        paths.append(out / f"big-{name}.input.txt")
        paths[-1].write_bytes(body[: size * 1_000_000].decode("utf-8", "ignore").encode())
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", required=True, help="the build to compare with")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    thresh = str(ROOT / "target" / "release" / "thresh")
    inputs = sorted(p for d in DIRS if d.is_dir() for p in d.rglob("*.input.txt"))
    tmp = tempfile.TemporaryDirectory()
    inputs += long_inputs(pathlib.Path(tmp.name), inputs)

    def check(path):
        diffs = []
        for mode in MODES:
            outs = [
                subprocess.run([b, *mode, str(path)], capture_output=True)
                for b in (thresh, args.against)
            ]
            if (outs[0].stdout, outs[0].stderr, outs[0].returncode) != (
                outs[1].stdout, outs[1].stderr, outs[1].returncode
            ):
                diffs.append(f"{path} {' '.join(mode) or 'text'}")
        return diffs

    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        diffs = [d for ds in pool.map(check, inputs) for d in ds]
    for d in diffs:
        print("DIFFERS", d)
    print(f"{len(inputs)} inputs x {len(MODES)} output forms: {len(diffs)} differ")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
