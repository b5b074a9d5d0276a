#!/usr/bin/env bash
# Peak memory of text mode: the release build cleans generated inputs of
# about SIZE MB (default 10) and /usr/bin/time -v reports the peak RSS:
#   - lines of `a` (the worst case: one block per two bytes);
#   - real-looking scraped text, the text-train inputs repeated.
# Prints peak RSS, its ratio to the input size, and the wall time.
#
#   scripts/text_memory.sh [SIZE_MB] [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-10}
BIN=${2:-target/release/thresh}
[ -x "$BIN" ] || cargo build --release --locked
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 - "$SIZE" "$DIR" <<'PY'
import pathlib, sys
size, out = int(sys.argv[1]) * 1_000_000, pathlib.Path(sys.argv[2])
(out / "a-lines.txt").write_bytes(b"a\n" * (size // 2))
train = sorted(pathlib.Path("../shared/data/text-train").glob("*.input.txt"))
pieces = [p.read_bytes() for p in train]
body = bytearray()
while len(body) < size:
    for p in pieces:
        body += p + b"\n"
(out / "scraped.txt").write_bytes(bytes(body[:size]).decode("utf-8", "ignore").encode())
PY
for input in a-lines scraped; do
    /usr/bin/time -v "$BIN" --from text "$DIR/$input.txt" > /dev/null 2> "$DIR/time"
    rss=$(awk '/Maximum resident set size/ {print $6}' "$DIR/time")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time")
    bytes=$(stat -c %s "$DIR/$input.txt")
    printf '%-9s %5.1f MB: peak RSS %7.1f MiB (%5.1fx the input), wall %s\n' "$input" \
        "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
        "$(echo "$rss * 1024 / $bytes" | bc -l)" "$secs"
done
