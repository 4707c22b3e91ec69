#!/bin/bash
# formats.sh (make bench-formats): for each input format, how long reading takes (opening,
# parsing, charset repair: bench-extract's reading_s) against a whole ingest of the same input
# (dateline-index --no-sync into a new index). The goal: reading under 10% of ingest.
set -u
src="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
C="${DATELINE_SHARED:-$src/../shared}/corpora"
[ -d "$C/20news-bydate" ] || { echo "formats.sh: no $C (the shared corpora)"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
# the same articles in the other formats, made here from the shared ones
/usr/bin/python3 - "$C/isot" "$T" <<'PY'
import csv, json, sys
csv.field_size_limit(1 << 30)
src, out = sys.argv[1], sys.argv[2]
with open(out + "/isot.jsonl", "w", encoding="utf-8") as j:
    for name in ("True.csv", "Fake.csv"):
        for row in csv.DictReader(open(src + "/" + name, encoding="utf-8", newline="")):
            j.write(json.dumps(row) + "\n")
PY
cat "$C/isot/True.csv" > "$T/isot.csv"; tail -n +2 "$C/isot/Fake.csv" >> "$T/isot.csv"
gzip -c "$T/isot.csv" > "$T/isot.csv.gz"
find "$C/20news-bydate" -type f | sort | while read -r f; do
    printf 'From news@example Mon Jan  1 00:00:00 1993\n'; sed 's/^From />From /' "$f"; printf '\n'
done > "$T/20news.mbox"
row() { # row NAME FILES...
    local name="$1"; shift
    local best=""
    for k in 1 2; do
        rm -rf "$T/db"
        local s=$(date +%s.%N)
        "$src/dateline-index" -q --no-sync --index "$T/db" "$@" > /dev/null 2>&1
        local e=$(echo "$(date +%s.%N) - $s" | bc)
        if [ -z "$best" ] || [ "$(echo "$e < $best" | bc)" = 1 ]; then best=$e; fi
    done
    local x=$("$src/tests/bench/bench-extract" "$@")
    local n=$(echo "$x" | sed -n 's/.*articles=\([0-9]*\).*/\1/p')
    local r=$(echo "$x" | sed -n 's/.*reading_s=\([0-9.]*\).*/\1/p')
    local mb=$(du -cb "$@" | tail -1 | cut -f1)
    printf '| %s | %s | %.1f | %.2f | %.3f | %.1f%% |\n' "$name" "$n" "$(echo "$mb / 1000000" | bc -l)" \
        "$best" "$r" "$(echo "100 * $r / $best" | bc -l)"
}
echo "| input | articles | MB | ingest, s | reading, s | reading / ingest |"
echo "|---|---|---|---|---|---|"
row "Reuters-21578 SGML" "$C"/reuters21578/reut2-*.sgm
row "20 Newsgroups, one file each" $(find "$C/20news-bydate" -type f | sort)
row "20 Newsgroups as one mbox" "$T/20news.mbox"
row "ISOT CSV" "$T/isot.csv"
row "ISOT CSV, gzip'd" "$T/isot.csv.gz"
row "ISOT as JSON Lines" "$T/isot.jsonl"
