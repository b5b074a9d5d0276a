#!/usr/bin/env python3
"""Compares thresh's metadata with Mozilla Readability's expected metadata.

For every case of the readability-pages set (../shared/data/readability-pages/
NAME/source.html[.gz] with expected-metadata.json), runs `thresh --to json`
and compares title (with "title"), author (with "byline") and language (with
"lang"). Values are compared after collapsing whitespace, lowercasing and
dropping a leading "by"; a field counts only for the cases where Readability
gives a value. Standard library only.

    scripts/metadata_check.py [--thresh target/release/thresh] [--data DIR] [--show N]
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import re
import subprocess
import sys

FIELDS = [("title", "title"), ("author", "byline"), ("language", "lang")]


def norm(value):
    if value is None:
        return None
    v = " ".join(str(value).split()).lower()
    v = re.sub(r"^(written by|posted by|by)[:\s]+", "", v)
    return v or None


SITE_PART = re.compile(r"\s+[|\-–—·/\\>»:]+\s+[^|\-–—·/\\>»]*$")


def without_site_part(value):
    """A title without its last " | Site" part (Readability keeps it, thresh drops it)."""
    return SITE_PART.sub("", value) if value else value


def run_case(thresh, case_dir):
    src = os.path.join(case_dir, "source.html")
    if os.path.exists(src):
        data = open(src, "rb").read()
    else:
        data = gzip.open(src + ".gz").read()
    proc = subprocess.run(
        [thresh, "--from", "html", "--to", "json"],
        input=data,
        capture_output=True,
        timeout=30,
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
    parser.add_argument("--show", type=int, default=0, help="print N disagreements per field")
    args = parser.parse_args()

    cases = sorted(
        d for d in os.listdir(args.data)
        if os.path.exists(os.path.join(args.data, d, "expected-metadata.json"))
    )
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outputs = list(pool.map(lambda c: run_case(args.thresh, os.path.join(args.data, c)), cases))

    failures = sum(1 for o in outputs if o is None)
    total_agree = total_n = 0
    for ours_key, theirs_key in FIELDS:
        agree = n = extra = lenient = 0
        misses = []
        for case, out in zip(cases, outputs):
            expected = json.load(open(os.path.join(args.data, case, "expected-metadata.json")))
            want = norm(expected.get(theirs_key))
            got = norm((out or {}).get(ours_key))
            if want is None:
                extra += got is not None
                continue
            n += 1
            if got == want:
                agree += 1
                lenient += 1
            elif ours_key == "title" and got == without_site_part(want):
                lenient += 1
                misses.append((case, expected.get(theirs_key), (out or {}).get(ours_key)))
            elif ours_key == "author" and got and want.startswith(got):
                lenient += 1
                misses.append((case, expected.get(theirs_key), (out or {}).get(ours_key)))
            else:
                misses.append((case, expected.get(theirs_key), (out or {}).get(ours_key)))
        total_agree += agree
        total_n += n
        note = {
            "title": f", {lenient / max(n, 1):.3f} ignoring a site-name part",
            "author": f", {lenient / max(n, 1):.3f} counting a name that starts Readability's byline",
        }.get(ours_key, "")
        print(f"{ours_key:9} {agree:4}/{n:<4} = {agree / max(n, 1):.3f}   "
              f"(+{extra} given where Readability has none{note})")
        for case, want, got in misses[: args.show]:
            print(f"    {case}: want {want!r} got {got!r}")
    print(f"overall   {total_agree:4}/{total_n:<4} = {total_agree / max(total_n, 1):.3f}   "
          f"cases={len(cases)} failures={failures}")


if __name__ == "__main__":
    sys.exit(main())
