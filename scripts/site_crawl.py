#!/usr/bin/env python3
"""Generates a development crawl of invented sites for site learning (#14).

Each invented site has its own boilerplate, in wording of its own that no
lexicon of thresh holds: masthead and trail lines at the top, widget lines
in the middle of the article, member notices, a form label and a footer
sentence at the bottom. Each line shows on most of the site's pages, not all;
one of them changes with the page's desk. Pages carry article bodies from a
dev set, and recurring lines that must stay: a standard disclaimer inside
the body of every article of some sites, an article that repeats one of its
own lines (a pull quote), and an article published twice on its site.

Two wording families: `a` (tune on it) and `b` (test on it) share no
template, word bank or layout detail, so figures on `b` with settings tuned
on `a` say how well the rules carry to sites never seen.

Writes CRAWL.jsonl (id, url, text; records of all sites interleaved, each
site's pages in order) and CRAWL.truth.jsonl (id, content lines in order,
chaff lines). Nothing from the dev sets is copied anywhere but the output.

    python3 scripts/site_crawl.py --family a --bodies text-train --seed 1 \\
        --sites 8 --pages 25 --out /tmp/crawl-a-25
"""

import argparse
import glob
import json
import os
import random
import re

DATA = os.environ.get("THRESH_DATA", "/work/shared/data")

FAMILIES = {
    "a": {
        "names": ["Tidewater", "Juniper", "Copperline", "Marrowby", "Fernhill", "Saltmarsh",
                  "Kestrel", "Briarwood", "Lanternfield", "Quarrytown", "Thistledown", "Oakhollow"],
        "nouns": ["Ledger", "Almanac", "Lookout", "Beacon", "Porchlight", "Parlor", "Courier"],
        "clubs": ["lounge", "parlour", "clubhouse", "reading room", "back porch", "snug"],
        "desks": ["coastal", "valley", "harbour", "uplands", "market", "riverside", "orchard"],
        "boxes": ["satchel", "pigeonhole", "mail sack", "letterbox"],
        "regions": ["the northern estuary", "the high moors", "the old canal towns",
                    "the orchard country", "the three valleys"],
        "outfits": ["newsroom", "reporting cooperative", "press house", "writers' guild"],
        "top": [
            "The {Name} {Noun}",
            "{Name} {Noun} \u27e9 {desk} desk",
            "Field notes from the {Name} {club}",
            "{Name} {Noun} \u00b7 {desk} edition \u00b7 since {year}",
        ],
        "mid": [
            "Step inside the {Name} {club} \u203a",
            "{Club} regulars hear it first \u2014 pull up a chair",
            "Pinned by the {Name} night crew",
            "\u2192 More tales from the {desk} desk await in the {club}",
        ],
        "bottom": [
            "{Club} regulars: this one reached your {box} on {day}",
            "Pull up a chair in the {Name} {club}",
            "The {Name} {Noun} is an independent {outfit} rooted in {region}.",
            "Your word for the {desk} desk",
            "Send your word to the {Name} {desk} desk",
            "{Name} {Noun} keeps its lamps lit thanks to {club} regulars like you.",
            "Back to the {Name} {Noun} front porch",
        ],
        "disclaimers": [
            "This article is general information and should not be taken as {kind} advice for any particular situation.",
            "Figures quoted here come from the {Name} {Noun} archive and were correct when this piece was filed.",
        ],
        "kinds": ["financial", "legal", "medical", "professional"],
        "tlds": [".com", ".org", ".co.uk", ".net"],
    },
    "b": {
        "names": ["Ashgrove", "Pelican", "Northwind", "Cobaltine", "Meadowlark", "Rookery",
                  "Driftwood", "Larkspur", "Ironbridge", "Wrenfield", "Gullhaven", "Emberly"],
        "nouns": ["Bulletin", "Herald", "Compass", "Notebook", "Lamp", "Observer", "Record"],
        "clubs": ["circle", "crew", "guild", "roundtable", "kitchen table", "bench"],
        "desks": ["tideline", "city hall", "fieldwork", "hill country", "kitchen", "weather"],
        "boxes": ["inbox tray", "morning post", "dispatch bag"],
        "regions": ["the lower delta", "four island towns", "the mill district", "the salt flats"],
        "outfits": ["nonprofit newsroom", "reader-owned paper", "community press"],
        "top": [
            "{NAME} | {desk} pages",
            "Filed under {desk} at {Name}",
            "{Name} {Noun} \u2014 the {desk} beat, every morning",
            "\u2302 {Name} / {desk} / stories",
        ],
        "mid": [
            "\u2726 {Name} {club} folk see the full map here",
            "Ring the {Name} bell for the {day} round-up",
            "[ {Name} {club} pick ]",
            "Keep scrolling, {club} friends \u2193",
        ],
        "bottom": [
            "Made by the {Name} {club} for readers who care about {region}.",
            "Questions for the {desk} table go here",
            "Your note to the {Name} {Noun}",
            "{Name} {Noun} runs on {club} dues and nothing else",
            "Circle back to {Name} {Noun} on {day}",
            "All {Name} {Noun} pages are put together in {region}.",
            "\u2190 Back to {desk} at {Name}",
        ],
        "disclaimers": [
            "Numbers in this story were checked against public records available at the time of writing and may since have changed.",
            "The {Name} {Noun} accepts no payment from the people and places it covers, and none shaped this report.",
        ],
        "kinds": [],
        "tlds": [".com", ".net", ".com.au", ".org"],
    },
}

COMMENTS_MARKER = "!@#$%^&*() COMMENTS"
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def text_train_bodies():
    bodies = []
    for path in sorted(glob.glob(os.path.join(DATA, "text-train", "*.expected.txt"))):
        with open(path, encoding="utf-8") as f:
            lines = [l.strip() for l in f.read().splitlines()]
        lines = [l for l in lines if l]
        if 3 <= len(lines) <= 120:
            bodies.append(lines)
    return bodies


def dragnet_bodies():
    bodies = []
    for path in sorted(glob.glob(os.path.join(DATA, "dragnet-dev", "gold", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [re.sub(r"\s+", " ", l).strip() for l in f.read().splitlines()]
        lines = [l for l in lines if len(l) >= 3]
        # Dragnet's gold holds the article, then this marker, then the
        # reader comments: the article alone is the body.
        if COMMENTS_MARKER in lines:
            lines = lines[:lines.index(COMMENTS_MARKER)]
        if 3 <= len(lines) <= 120:
            bodies.append(lines)
    return bodies


def fill(template, site, rng):
    return template.format(
        Name=site["name"], NAME=site["name"].upper(), Noun=site["noun"],
        club=site["club"], Club=site["club"].capitalize(), desk=rng.choice(site["desks"]),
        box=site["box"], day=site["day"], region=site["region"], outfit=site["outfit"],
        year=site["year"], kind=site["kind"])


def make_site(family, index, rng):
    fam = FAMILIES[family]
    name = fam["names"][index % len(fam["names"])]
    site = {
        "name": name,
        "noun": rng.choice(fam["nouns"]),
        "club": rng.choice(fam["clubs"]),
        "desks": rng.sample(fam["desks"], 2),
        "box": rng.choice(fam["boxes"]),
        "day": rng.choice(DAYS),
        "region": rng.choice(fam["regions"]),
        "outfit": rng.choice(fam["outfits"]),
        "year": rng.randint(1950, 2015),
        "kind": rng.choice(fam["kinds"]) if fam["kinds"] else "",
    }
    site["domain"] = (name + site["noun"]).lower() + rng.choice(fam["tlds"])
    fixed = random.Random(rng.random())  # the site's own line wordings
    lines = []  # (where, text or None, variants, probability)
    for where, count in (("top", rng.randint(1, 3)), ("mid", rng.randint(1, 2)),
                         ("bottom", rng.randint(2, 4))):
        for template in rng.sample(fam[where], count):
            if "{desk}" in template and not any(l[2] for l in lines):
                # The line that changes with the page's desk: two variants.
                variants = [template.format(**{**fill_args(site), "desk": d})
                            for d in site["desks"]]
                lines.append((where, None, variants, 0.95))
            else:
                lines.append((where, fill(template, site, fixed), None,
                              rng.choice([0.8, 0.9, 1.0, 1.0])))
    site["chaff"] = lines
    site["disclaimer"] = (fill(rng.choice(fam["disclaimers"]), site, fixed)
                          if rng.random() < 0.5 else None)
    return site


def fill_args(site):
    return dict(Name=site["name"], NAME=site["name"].upper(), Noun=site["noun"],
                club=site["club"], Club=site["club"].capitalize(), box=site["box"],
                day=site["day"], region=site["region"], outfit=site["outfit"],
                year=site["year"], kind=site["kind"])


def make_page(site, body, rng):
    """The page's lines and its truth: content lines in order, chaff lines."""
    top, mid, bottom = [], [], []
    for where, text, variants, p in site["chaff"]:
        if rng.random() >= p:
            continue
        if variants:
            text = variants[0] if rng.random() < 0.7 else variants[1]
        {"top": top, "mid": mid, "bottom": bottom}[where].append(text)
    content = list(body)
    if site["disclaimer"] and len(content) >= 2:
        at = rng.randint(1, len(content) - 1)  # inside the body, content after it
        content.insert(at, site["disclaimer"])
    if rng.random() < 0.3:
        quotes = [l for l in body if 40 <= len(l) <= 160]
        if quotes and len(content) >= 3:
            content.insert(rng.randint(2, len(content) - 1), rng.choice(quotes))
    lines = list(content)
    for text in mid:
        if len(lines) >= 3:
            lines.insert(rng.randint(1, len(lines) - 1), text)
    lines = top + lines + bottom
    return lines, content, top + mid + bottom


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--family", choices=sorted(FAMILIES), default="a")
    ap.add_argument("--bodies", choices=["text-train", "dragnet"], default="text-train")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=8)
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--out", required=True, help="output path without extension")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    pool = text_train_bodies() if args.bodies == "text-train" else dragnet_bodies()
    records, truths = [], []
    for s in range(args.sites):
        site = make_site(args.family, s + args.seed, rng)
        bodies = rng.sample(pool, min(args.pages, len(pool)))
        if args.pages >= 5:
            bodies[-1] = bodies[1]  # one article published twice
        pages = []
        for i in range(args.pages):
            lines, content, chaff = make_page(site, bodies[i % len(bodies)], rng)
            sub = "www" if i % 3 else "m"
            pid = "%s-%02d" % (site["name"].lower(), i)
            pages.append(({"id": pid, "url": "https://%s.%s/%d/story-%d" % (sub, site["domain"], 2020 + i % 4, i),
                           "text": "\n\n".join(lines)},
                          {"id": pid, "site": site["domain"], "content": content, "chaff": chaff}))
        records.append(pages)
    # Interleave the sites, each site's pages in order.
    order = [s for s in range(len(records)) for _ in records[s]]
    rng.shuffle(order)
    cursor = [0] * len(records)
    with open(args.out + ".jsonl", "w", encoding="utf-8") as out, \
            open(args.out + ".truth.jsonl", "w", encoding="utf-8") as truth:
        for s in order:
            record, t = records[s][cursor[s]]
            cursor[s] += 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth.write(json.dumps(t, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
