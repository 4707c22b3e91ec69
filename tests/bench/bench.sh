#!/bin/bash
# bench.sh: ingest and query speed on the shared Reuters-21578 files, against scriptindex and
# SQLite FTS5 on the same articles and queries. Run by `make bench` from the build folder;
# writes bench-out/ and prints a Markdown table. Not part of make check: it times things.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
R="$src/../shared/corpora/reuters21578"
if [ ! -d "$R" ]; then
    echo "bench: no $R: the benchmark reads the shared Reuters corpus beside the repository" >&2
    exit 1
fi
OUT=bench-out
ROUNDS=${ROUNDS:-5}
rm -rf "$OUT"; mkdir -p "$OUT"
files=("$R"/reut2-*.sgm)
bytes=$(cat "${files[@]}" | wc -c)
mb=$(echo "$bytes / 1000000" | bc -l)
size() { du -sb "$1" | cut -f1; }
mib() { echo "scale=1; $1 / 1048576" | bc; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
say() { echo "bench: $*" >&2; }

say "Dateline: indexing ${#files[@]} files, $(mib "$bytes") MiB"
# best of RUNS: this machine's timings vary by 20% from run to run
RUNS=${RUNS:-3}
best() { sort -n "$1" | head -n 1; }
for i in $(seq "$RUNS"); do
    rm -rf "$OUT/dl.db"
    /usr/bin/time -f '%e %M' -a -o "$OUT/dl.time" ./dateline-index -q --index "$OUT/dl.db" "${files[@]}" 2> "$OUT/dl.log" || true
    grep 'read 18000, added 18000' "$OUT/dl.log" > /dev/null || { cat "$OUT/dl.log" >&2; exit 1; }
done
read -r dl_s dl_rss < <(best "$OUT/dl.time")
xapian-compact "$OUT/dl.db" "$OUT/dl-compact.db" > /dev/null
./tests/bench/bench-extract "${files[@]}" > "$OUT/dl.extract"
say "Dateline: $ROUNDS rounds of $(grep -vc '^#' "$src/tests/bench/queries.txt") queries"
./tests/bench/bench-query "$OUT/dl.db" "$src/tests/bench/queries.txt" "$ROUNDS" > "$OUT/dl.q"
./tests/bench/bench-query "$OUT/dl.db" "$src/tests/bench/queries.txt" "$ROUNDS" snippets > "$OUT/dl-snip.q"

say "scriptindex: converting and indexing"
python3 "$src/tests/bench/baselines.py" dump "${files[@]}" > "$OUT/si.dump"
for i in $(seq "$RUNS"); do
    rm -rf "$OUT/si.db"
    /usr/bin/time -f '%e %M' -a -o "$OUT/si.time" scriptindex "$OUT/si.db" "$src/tests/bench/scriptindex.def" "$OUT/si.dump" > "$OUT/si.log"
done
read -r si_s si_rss < <(best "$OUT/si.time")
xapian-compact "$OUT/si.db" "$OUT/si-compact.db" > /dev/null
python3 "$src/tests/bench/baselines.py" queries xapian < "$src/tests/bench/queries.txt" > "$OUT/queries.xapian"
g++ -O2 -o "$OUT/bench-xapian" "$src/tests/bench/bench-xapian.cc" $(pkg-config --cflags --libs xapian-core 2>/dev/null || echo -lxapian)
"$OUT/bench-xapian" "$OUT/si.db" "$OUT/queries.xapian" "$ROUNDS" > "$OUT/si.q"

say "SQLite FTS5: loading and indexing"
for i in $(seq "$RUNS"); do
    rm -f "$OUT/fts.db"
    /usr/bin/time -f '%e %M' -a -o "$OUT/fts.time" python3 "$src/tests/bench/baselines.py" fts5 "$OUT/fts.db" "${files[@]}" >> "$OUT/fts.load"
done
read -r fts_s fts_n < <(best "$OUT/fts.load")
read -r _ fts_rss < <(best "$OUT/fts.time")
python3 "$src/tests/bench/baselines.py" queries fts5 < "$src/tests/bench/queries.txt" > "$OUT/queries.fts5"
cc -O2 -o "$OUT/bench-fts5" "$src/tests/bench/bench-fts5.c" -lsqlite3
"$OUT/bench-fts5" "$OUT/fts.db" "$OUT/queries.fts5" "$ROUNDS" > "$OUT/fts.q"

rate() { echo "scale=2; $mb / $1" | bc | sed 's/^\./0./'; }
# faster A B: how A compares with B where A and B are rates (higher is better)
faster() {
    if [ "$(echo "$1 >= $2" | bc)" = 1 ]; then echo "$(echo "scale=2; $1 / $2" | bc | sed 's/^\./0./')x faster"
    else echo "$(echo "scale=2; $2 / $1" | bc | sed 's/^\./0./')x slower"; fi
}
dl_mbs=$(rate "$dl_s"); si_mbs=$(rate "$si_s"); fts_mbs=$(rate "$fts_s")
ms() { echo "scale=3; $1 / 1000" | bc | sed 's/^\./0./'; }
{
echo "Reuters-21578, 18,000 articles, $(mib "$bytes") MiB of SGML; $(nproc) cores, one used; ingest best of $RUNS runs, queries over $((ROUNDS - 1)) warm rounds; $(date -u +%Y-%m-%d)."
echo
echo "| | Dateline | scriptindex | SQLite FTS5 | Dateline vs scriptindex | Dateline vs FTS5 |"
echo "|---|---|---|---|---|---|"
echo "| ingest, MB/s of input | $dl_mbs | $si_mbs | $fts_mbs | $(faster "$dl_mbs" "$si_mbs") | $(faster "$dl_mbs" "$fts_mbs") |"
echo "| ingest, articles/s | $(echo "18000 / $dl_s" | bc) | $(echo "18000 / $si_s" | bc) | $(echo "$fts_n / $fts_s" | bc) | | |"
echo "| ingest, seconds | $dl_s | $si_s | $fts_s | | |"
echo "| peak RSS, MiB | $(mib $((dl_rss * 1024))) | $(mib $((si_rss * 1024))) | $(mib $((fts_rss * 1024))) | | |"
echo "| index size, MiB | $(mib "$(size "$OUT/dl.db")") | $(mib "$(size "$OUT/si.db")") | $(mib "$(size "$OUT/fts.db")") | | |"
echo "| after xapian-compact, MiB | $(mib "$(size "$OUT/dl-compact.db")") | $(mib "$(size "$OUT/si-compact.db")") | | | |"
for p in p50 p99 mean; do
    d=$(field ${p}_us "$OUT/dl.q"); s=$(field ${p}_us "$OUT/si.q"); f=$(field ${p}_us "$OUT/fts.q")
    echo "| query $p, ms | $(ms "$d") | $(ms "$s") | $(ms "$f") | $(faster "$s" "$d") | $(faster "$f" "$d") |"
done
echo "| query p50 / p99 with snippets, ms | $(ms "$(field p50_us "$OUT/dl-snip.q")") / $(ms "$(field p99_us "$OUT/dl-snip.q")") | | | | |"
ex() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$OUT/dl.extract"; }
pct() { echo "scale=1; 100 * $1 / $dl_s" | bc; }
echo "| of Dateline's ingest: reading, places, groups, s (% of ingest) | $(ex reading_s) ($(pct "$(ex reading_s)")%), $(ex places_s) ($(pct "$(ex places_s)")%), $(ex groups_s) ($(pct "$(ex groups_s)")%) | | | | |"
echo "| gazetteer and group list load, ms | $(printf "%.1f" "$(echo "$(ex load_s) * 1000" | bc)") | | | | |"
echo "| matches over the query set | $(field hits "$OUT/dl.q") | $(field hits "$OUT/si.q") | $(field hits "$OUT/fts.q") | | |"
} | tee "$OUT/table.md"
