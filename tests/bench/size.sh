#!/bin/bash
# size.sh: where the bytes of an index go, on the shared Reuters-21578 files: the index against
# its text before and after xapian-compact, each Xapian table, the terms of each prefix with
# their postings, and the stored records (tests/bench/size-breakdown.py). Run by `make
# bench-size` from the build folder; BATCH=N ingests with --batch N. Writes bench-size/.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
R="$src/../shared/corpora/reuters21578"
if [ ! -d "$R" ]; then
    echo "bench-size: no $R: it reads the shared Reuters corpus beside the repository" >&2
    exit 1
fi
OUT=bench-size
rm -rf "$OUT"; mkdir -p "$OUT"
files=("$R"/reut2-*.sgm)
text=$(cat "${files[@]}" | wc -c)
batch=()
[ -n "${BATCH:-}" ] && batch=(--batch "$BATCH")
/usr/bin/time -f '%e %U %S %M' -o "$OUT/time" ./dateline-index -q "${batch[@]}" --index "$OUT/dl.db" "${files[@]}" 2> "$OUT/log"
grep -q 'read 18000, added 18000' "$OUT/log" || { cat "$OUT/log" >&2; exit 1; }
xapian-compact "$OUT/dl.db" "$OUT/dl-compact.db" > /dev/null
read -r wall user sys rss < "$OUT/time"
size() { du -sb "$1" | cut -f1; }
ratio() { echo "scale=2; $1 / $text" | bc; }
echo "text: $text bytes in ${#files[@]} files; ingest ${wall} s wall, ${user} s user, ${sys} s kernel, peak RSS ${rss} KB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "index: $(size "$OUT/dl.db") bytes ($(ratio "$(size "$OUT/dl.db")")x the text); after xapian-compact $(size "$OUT/dl-compact.db") ($(ratio "$(size "$OUT/dl-compact.db")")x)"
echo; echo "## before compaction"; /usr/bin/python3 "$src/tests/bench/size-breakdown.py" "$OUT/dl.db"
echo; echo "## after xapian-compact (tables only)"
/usr/bin/python3 "$src/tests/bench/size-breakdown.py" --tables "$OUT/dl-compact.db"
