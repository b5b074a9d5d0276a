#!/usr/bin/env python3
"""Per-field agreement of thresh's metadata with Readability's expected metadata.

For every case of the readability-pages set (../shared/data/readability-pages/
NAME/source.html[.gz] with expected-metadata.json), runs `thresh --from html
--to json` and compares, after normalising both sides:

    thresh      Readability       normalised as
    title       title             whitespace collapsed, lowercased, HTML entities decoded
    author      byline            same, and a leading "by", "written by", "posted by" dropped
    date        publishedTime     the calendar day (YYYY-MM-DD) of an ISO 8601 value
    site_name   siteName          as title
    description excerpt           as title
    language    lang              lowercased, "_" read as "-"

A field counts only for the cases where Readability gives a value; values
that thresh gives where Readability has none are counted apart ("+N").
`--half a|b` keeps one half of the cases, split by the same hash of the case
name as the scorers in shared/eval (common.in_half). Standard library only.

    scripts/metadata_score.py [--thresh target/release/thresh] [--data DIR] [--half a|b] [--show N]

The last line is one summary: `overall=0.712 title=... author=... N=129`.
"""
import argparse
import concurrent.futures
import gzip
import hashlib
import html
import json
import os
import re
import subprocess
import sys

# (thresh's field, Readability's field)
FIELDS = [
    ("title", "title"),
    ("author", "byline"),
    ("date", "publishedTime"),
    ("site_name", "siteName"),
    ("description", "excerpt"),
    ("language", "lang"),
]

BYLINE_PREFIX = re.compile(r"^(written by|posted by|by)[:\s]+")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?$")


def norm(field, value):
    """`value` of `field` in comparable form, or None when empty."""
    if value is None:
        return None
    v = " ".join(html.unescape(str(value)).split()).lower()
    if field == "author":
        v = BYLINE_PREFIX.sub("", v)
    elif field == "date":
        m = DAY.match(v)
        v = "-".join(m.groups()) if m else v
    elif field == "language":
        v = v.replace("_", "-")
    return v or None


def in_half(key, half):
    """The split of shared/eval/common.py: first byte of the key's SHA-256."""
    if half is None:
        return True
    return ("a" if hashlib.sha256(key.encode("utf-8")).digest()[0] < 128 else "b") == half


def run_case(thresh, case_dir):
    src = os.path.join(case_dir, "source.html")
    data = open(src, "rb").read() if os.path.exists(src) else gzip.open(src + ".gz").read()
    proc = subprocess.run(
        [thresh, "--from", "html", "--to", "json"], input=data, capture_output=True, timeout=60
    )
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresh", default=os.path.join(here, "..", "target", "release", "thresh"))
    parser.add_argument(
        "--data", default=os.path.join(here, "..", "..", "shared", "data", "readability-pages")
    )
    parser.add_argument("--half", choices=["a", "b"], help="score one fixed half of the cases")
    parser.add_argument("--show", type=int, default=0, help="print N disagreements per field")
    args = parser.parse_args()

    cases = sorted(
        d
        for d in os.listdir(args.data)
        if os.path.exists(os.path.join(args.data, d, "expected-metadata.json"))
        and in_half(d, args.half)
    )
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outputs = list(pool.map(lambda c: run_case(args.thresh, os.path.join(args.data, c)), cases))
    expected = [
        json.load(open(os.path.join(args.data, c, "expected-metadata.json"), encoding="utf-8"))
        for c in cases
    ]

    failures = sum(1 for o in outputs if o is None)
    summary = []
    total_agree = total_n = 0
    for ours, theirs in FIELDS:
        agree = n = extra = 0
        misses = []
        for case, out, exp in zip(cases, outputs, expected):
            want = norm(ours, exp.get(theirs))
            got = norm(ours, (out or {}).get(ours))
            if want is None:
                extra += got is not None
                continue
            n += 1
            if got == want:
                agree += 1
            else:
                misses.append((case, exp.get(theirs), (out or {}).get(ours)))
        total_agree += agree
        total_n += n
        rate = agree / max(n, 1)
        summary.append(f"{ours}={rate:.3f}")
        print(f"{ours:12} {agree:4}/{n:<4} = {rate:.3f}   (+{extra} given where Readability has none)")
        for case, want, got in misses[: args.show]:
            print(f"    {case}: want {want!r} got {got!r}")
    dates = [o.get("date") for o in outputs if o and o.get("date")]
    iso = sum(1 for d in dates if ISO_8601.match(d))
    print(f"dates given: {len(dates)}, of which ISO 8601: {iso}")
    overall = total_agree / max(total_n, 1)
    print(f"overall={overall:.3f} {' '.join(summary)} N={len(cases)} FAIL={failures}")


if __name__ == "__main__":
    sys.exit(main())
