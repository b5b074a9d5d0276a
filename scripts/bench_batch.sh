#!/usr/bin/env bash
# Batch-mode benchmark: peak memory while streaming JSONL, and throughput with
# one worker against two.
#
#   scripts/bench_batch.sh                 # 10k and 100k records for memory, 3k for speed
#   ROUNDS=5 scripts/bench_batch.sh        # more speed runs on a busy machine
#   SMALL=2000 BIG=20000 SPEED=1000 scripts/bench_batch.sh   # a quicker run
#
# Records are generated on the fly from the pages of ../shared/data/traf-dev/html
# (cycled; each record {"id", "url", "html"}), piped into thresh, never stored,
# except the speed run's input, written once to a temporary file so both runs
# read the same bytes. Peak RSS comes from GNU time (`apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${PAGES:-../shared/data/traf-dev/html}
SMALL=${SMALL:-10000}
BIG=${BIG:-100000}
SPEED=${SPEED:-3000}
BIN=target/release/thresh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -d "$PAGES" ] || { echo "no pages in $PAGES" >&2; exit 1; }
cargo build --release --locked --quiet

# gen N: N JSONL records on standard output.
gen() {
    python3 - "$PAGES" "$1" <<'PY'
import glob, gzip, json, os, sys
pages_dir, n = sys.argv[1], int(sys.argv[2])
pages = []
for path in sorted(glob.glob(os.path.join(pages_dir, "*.html*"))):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    name = os.path.basename(path).replace(".gz", "")
    # Pages that are not UTF-8 keep their characters through latin-1 here;
    # the bench measures throughput and memory, not charsets.
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    pages.append((name, json.dumps(text)))
out = sys.stdout
for i in range(n):
    name, html = pages[i % len(pages)]
    out.write('{"id":%d,"url":"https://example.com/%s","html":%s}\n' % (i, name, html))
PY
}

# memory N: peak RSS of thresh (all cores) streaming N generated records.
memory() {
    local n=$1
    gen "$n" | /usr/bin/time -v "$BIN" --from jsonl -q --stats "$TMP/mem-$n.json" \
        2> "$TMP/time-$n.txt" | wc -l > "$TMP/lines-$n.txt"
    local kb lines
    kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$TMP/time-$n.txt")
    lines=$(cat "$TMP/lines-$n.txt")
    python3 - "$TMP/mem-$n.json" "$n" "$lines" "$kb" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, lines, kb = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"memory  {n:>7} records: {lines} lines out, peak RSS {kb/1024:.1f} MiB, "
      f"{s['mb_in']:.0f} MB in {s['seconds']:.1f} s ({s['records_per_second']:.0f} records/s, "
      f"{s['mb_per_second']:.1f} MB/s), {s['errors']} errors")
assert lines == n, "one output line per record"
PY
}

# speed: throughput with -j1 and -j2 over the same SPEED records, runs
# interleaved (the machine may be shared), best of ROUNDS for each.
speed() {
    for run in $(seq "${ROUNDS:-3}"); do
        for j in 1 2; do
            /usr/bin/time -f "%U %S" -o "$TMP/cpu-$j-$run.txt" \
                "$BIN" --from jsonl -q -j "$j" --stats "$TMP/speed-$j-$run.json" "$TMP/speed.jsonl" > /dev/null
        done
    done
    python3 - "$TMP" <<'PY'
import glob, json, os, sys
tmp = sys.argv[1]
best = {}
for j in (1, 2):
    runs = []
    for path in sorted(glob.glob(f"{tmp}/speed-{j}-*.json")):
        s = json.load(open(path))
        user, system = map(float, open(path.replace("speed-", "cpu-").replace(".json", ".txt")).read().split())
        s["cpu"] = user + system
        runs.append(s)
    b = max(runs, key=lambda s: s["records_per_second"])
    best[j] = b
    print(f"speed   -j{j}: {b['records']} records, {b['mb_in']:.0f} MB in {b['seconds']:.2f} s: "
          f"{b['records_per_second']:.0f} records/s, {b['mb_per_second']:.1f} MB/s, {b['cpu']:.2f} s CPU "
          f"(all runs: {', '.join('%.0f' % r['records_per_second'] for r in runs)} records/s)")
print(f"speedup -j2/-j1: {best[2]['records_per_second'] / best[1]['records_per_second']:.2f}x")
PY
}

echo "thresh $(git rev-parse --short HEAD), $(nproc) cores, pages from $PAGES"
memory "$SMALL"
memory "$BIG"
gen "$SPEED" > "$TMP/speed.jsonl"
speed
uptime
