#!/usr/bin/env python3
"""Scores site learning on invented crawls made by scripts/site_crawl.py.

For each crawl: runs thresh over its JSONL (site learning on, and off as the
baseline), then counts, per page, the chaff lines still in the output (kept
chaff), the content lines missing from it (lost content, as a multiset: a
line the article repeats must be there twice) and whether the output is the
content exactly (strict).

    python3 scripts/site_score.py --thresh target/release/thresh            # both sets, 5/10/25/30 pages
    python3 scripts/site_score.py --crawl /tmp/crawl-a-25 --args '--site-warmup 0'
"""

import argparse
import collections
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = {
    # name: (family, bodies, seed)
    "tune": ("a", "text-train", 1),
    "test": ("b", "dragnet", 2),
}


def run_thresh(thresh, crawl, extra):
    cmd = [thresh, "--from", "jsonl", "-q"] + extra + [crawl + ".jsonl"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    texts = {}
    for line in out.splitlines():
        rec = json.loads(line)
        texts[rec["id"]] = rec["text"] or ""
    return texts


def score(crawl, texts):
    chaff = kept = content = lost = strict = pages = 0
    with open(crawl + ".truth.jsonl", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            out = [l for l in texts.get(t["id"], "").splitlines() if l.strip()]
            have = collections.Counter(out)
            want = collections.Counter(t["content"])
            pages += 1
            content += len(t["content"])
            lost += sum((want - have).values())
            chaff += len(t["chaff"])
            kept += sum(1 for c in t["chaff"] if have[c] > want[c])
            strict += out == t["content"]
    return {
        "pages": pages,
        "chaff_kept": kept / max(chaff, 1),
        "chaff": chaff,
        "content_lost": lost / max(content, 1),
        "lost": lost,
        "content": content,
        "strict": strict / max(pages, 1),
    }


def row(name, n, label, s):
    return "%-5s %3d  %-18s chaff kept %5.1f%% (%4d)  content lost %6.3f%% (%d/%d)  strict %5.1f%%" % (
        name, n, label, 100 * s["chaff_kept"], s["chaff"], 100 * s["content_lost"],
        s["lost"], s["content"], 100 * s["strict"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--thresh", default=os.path.join(HERE, "..", "target", "release", "thresh"))
    ap.add_argument("--crawl", help="score this crawl only (path without .jsonl)")
    ap.add_argument("--args", default="", help="extra thresh arguments")
    ap.add_argument("--pages", default="5,10,25,30")
    ap.add_argument("--sets", default="tune,test")
    ap.add_argument("--sites", type=int, default=8)
    ap.add_argument("--tmp", default="/tmp/thresh-site-crawl")
    ap.add_argument("--baseline", action="store_true", help="also score --no-site-learning")
    args = ap.parse_args()
    extra = shlex.split(args.args)
    if args.crawl:
        print(row("crawl", 0, "site learning", score(args.crawl, run_thresh(args.thresh, args.crawl, extra))))
        if args.baseline:
            print(row("crawl", 0, "baseline", score(args.crawl, run_thresh(args.thresh, args.crawl, ["--no-site-learning"]))))
        return
    os.makedirs(args.tmp, exist_ok=True)
    for name in args.sets.split(","):
        family, bodies, seed = SETS[name]
        for n in [int(x) for x in args.pages.split(",")]:
            crawl = os.path.join(args.tmp, "%s-%d" % (name, n))
            subprocess.run([sys.executable, os.path.join(HERE, "site_crawl.py"), "--family", family,
                            "--bodies", bodies, "--seed", str(seed), "--sites", str(args.sites),
                            "--pages", str(n), "--out", crawl], check=True)
            print(row(name, n, "site learning", score(crawl, run_thresh(args.thresh, crawl, extra))), flush=True)
            if args.baseline:
                print(row(name, n, "baseline", score(crawl, run_thresh(args.thresh, crawl, ["--no-site-learning"]))), flush=True)


if __name__ == "__main__":
    main()
