#!/usr/bin/env bash
# Site learning's memory on a long stream of many sites: N JSONL records of
# text pages (default 100,000) spread over H sites (default 5,000), generated
# on the fly, each site with its own widget lines, piped through the release
# build; prints the peak RSS (/usr/bin/time -v) for N/5 and N records, with
# and without site learning. Flat memory: the two peaks with learning are
# about the same.
#
#   scripts/site_memory.sh [N] [H]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
H=${2:-5000}
BIN=target/release/thresh
[ -x "$BIN" ] || cargo build --release --locked
gen() {
    python3 - "$1" "$H" <<'PY'
import json, random, sys
n, hosts = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
words = "river stone market council harbour winter bridge orchard school ferry mill road".split()
out = sys.stdout
for i in range(n):
    h = rng.randrange(hosts)
    body = [" ".join(rng.choice(words) for _ in range(rng.randint(12, 30))).capitalize() + "."
            for _ in range(rng.randint(6, 14))]
    text = "\n\n".join([f"Site {h} masthead", *body[:3], f"Site {h} lounge opens its doors",
                        *body[3:], f"Site {h} keeps its lamps lit with reader dues"])
    out.write(json.dumps({"id": i, "url": f"https://www.site{h}.example/{i}", "text": text}) + "\n")
PY
}
for n in $((N / 5)) "$N"; do
    for mode in "" "--no-site-learning"; do
        gen "$n" | /usr/bin/time -v "$BIN" --from jsonl -q $mode > /dev/null 2> /tmp/site_memory.time
        rss=$(awk '/Maximum resident set size/ {print $6}' /tmp/site_memory.time)
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' /tmp/site_memory.time)
        printf '%7d records, %5d sites %-20s peak RSS %6.1f MiB, wall %s\n' \
            "$n" "$H" "${mode:-site learning}" "$(echo "$rss / 1024" | bc -l)" "$secs"
    done
done
