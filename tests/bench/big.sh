#!/bin/bash
# big.sh: speed as the archive grows, the table of issue 13 in one run. Builds N articles from
# ../shared/corpora with big-archive.py (kept in bench-big/aN for the next run), ingests them into
# Dateline (bench-big/dbN) and into SQLite FTS5 (bench-big/ftsN.db, through python3's sqlite3),
# both kept once whole, and into scriptindex (bench-big/siN, Xapian's own indexer, given a dump
# written beforehand; SI=0 leaves it out), then times the query set in one process (bench-query,
# bench-fts5 and bench-xapian:
# p50/p99; the date: queries of the set apart) and as dateline-search processes (wall time per
# query). Run by `make bench-big N=40000` from the build folder; prints one Markdown row a size.
# BEFORE=DIR: also time the queries on DIR/dbN (an index another build wrote: the date queries
# before and after date terms, in the same run). Not part of make check: it takes minutes at
# 40,000 articles and hours at 1,000,000.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
C="$src/../shared/corpora"
[ -d "$C/reuters21578" ] || { echo "big.sh: no $C/reuters21578: the archive is built from the shared corpora" >&2; exit 1; }
ROUNDS=${ROUNDS:-5}
BOUND=${BOUND:-1000} # bench-query's bound on totals (dateline-search's default); 0: exact
OUT=${OUT:-bench-big}
Q="$src/tests/bench/queries.txt"
# the programs timed (another build's, to compare): DL_INDEX, DL_SEARCH, DL_QUERY
# (the built programs themselves, not libtool's wrapper scripts, whose shell would be timed)
if [ -z "${DL_SEARCH:-}" ] && [ -x .libs/dateline-search ]; then
    DL_SEARCH=.libs/dateline-search
    export LD_LIBRARY_PATH="$PWD/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
DL_INDEX=${DL_INDEX:-./dateline-index} DL_SEARCH=${DL_SEARCH:-./dateline-search}
DL_QUERY=${DL_QUERY:-./tests/bench/bench-query}
SEARCH_FLAGS=${SEARCH_FLAGS:-} # e.g. --exact-total
BEFORE=${BEFORE:-}
FTS=${FTS:-1} # 0: no FTS5 beside
SI=${SI:-1}   # 0: no scriptindex beside (Xapian's own indexer, from xapian-omega: ./setup bench)
command -v scriptindex > /dev/null || { [ "$SI" = 0 ] || say "no scriptindex (apt-get install xapian-omega): no column for it"; SI=0; }
say() { echo "big.sh: $*" >&2; }
ms() { echo "scale=2; $1 / 1000" | bc | sed 's/^\./0./'; }
mkdir -p "$OUT"
grep 'date:' "$Q" > "$OUT/queries.date" # the date filters, timed apart too
if [ "$SI" = 1 ]; then
    python3 "$src/tests/bench/baselines.py" queries xapian < "$Q" > "$OUT/queries.xapian"
    g++ -O2 -o "$OUT/bench-xapian" "$src/tests/bench/bench-xapian.cc" $(pkg-config --cflags --libs xapian-core 2>/dev/null || echo -lxapian)
fi
if [ "$FTS" = 1 ]; then
    python3 "$src/tests/bench/baselines.py" queries fts5 < "$Q" > "$OUT/queries.fts5"
    cc -O2 -o "$OUT/bench-fts5" "$src/tests/bench/bench-fts5.c" -lsqlite3
fi
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
# p50 / p99 of a bench-query or bench-fts5 summary line, in ms
lat() { echo "$(ms "$(field p50_us "$1")") / $(ms "$(field p99_us "$1")")"; }
x() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
echo "| articles | text | Dateline ingest: MB/s, CPU s/MB, peak RSS | Dateline p50 / p99 | date: queries p50 / p99 | dateline-search wall p50 / slowest | FTS5 p50 / p99 | FTS5 ingest MB/s | Dateline index (x text) | as written, before its compaction (s) | FTS5 (x text) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${@:-40000}"; do
    a="$OUT/a$n"
    if [ ! -f "$a/MANIFEST" ]; then
        say "writing $n articles to $a"
        python3 "$src/tests/bench/big-archive.py" "$C" "$a" "$n"
    fi
    bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$a/MANIFEST")
    if [ ! -f "$OUT/db$n.ok" ]; then
        say "indexing $n articles ($((bytes / 1048576)) MiB)"
        rm -rf "$OUT/db$n"
        /usr/bin/time -f '%e %U %S %M' -o "$OUT/db$n.time" "$DL_INDEX" --index "$OUT/db$n" "$a"/part-*.jsonl 2> "$OUT/db$n.log" || true
        grep -q "read $n, added $n," "$OUT/db$n.log" || { cat "$OUT/db$n.log" >&2; exit 1; }
        touch "$OUT/db$n.ok"
    fi
    if [ "$FTS" = 1 ] && [ ! -f "$OUT/fts$n.ok" ]; then
        say "loading $n articles into SQLite FTS5"
        rm -f "$OUT/fts$n.db"
        /usr/bin/time -f '%e %U %S %M' -o "$OUT/fts$n.time" python3 "$src/tests/bench/baselines.py" fts5-jsonl "$OUT/fts$n.db" "$a"/part-*.jsonl > "$OUT/fts$n.load"
        grep -q " $n\$" "$OUT/fts$n.load" || { cat "$OUT/fts$n.load" >&2; exit 1; }
        touch "$OUT/fts$n.ok"
    fi
    if [ "$SI" = 1 ] && [ ! -f "$OUT/si$n.ok" ]; then
        say "scriptindex: $n articles (the dump written first, then timed alone)"
        python3 "$src/tests/bench/baselines.py" dump-jsonl "$a"/part-*.jsonl > "$OUT/si$n.dump"
        rm -rf "$OUT/si$n"
        /usr/bin/time -f '%e %U %S %M' -o "$OUT/si$n.time" scriptindex "$OUT/si$n" "$src/tests/bench/scriptindex.def" "$OUT/si$n.dump" > "$OUT/si$n.log"
        rm -f "$OUT/si$n.dump"
        touch "$OUT/si$n.ok"
    fi
    read -r secs usr sys rss < "$OUT/db$n.time"
    mb=$(echo "$bytes / 1000000" | bc -l)
    "$DL_QUERY" "$OUT/db$n" "$Q" "$ROUNDS" plain "$BOUND" > "$OUT/q$n"
    "$DL_QUERY" "$OUT/db$n" "$OUT/queries.date" "$ROUNDS" plain "$BOUND" > "$OUT/qd$n"
    # one dateline-search process a query, its default text output; wall time in ms
    : > "$OUT/wall$n"
    grep -v '^#' "$Q" | cut -f2 | while IFS= read -r query; do
        t0=$(date +%s%N)
        "$DL_SEARCH" --index "$OUT/db$n" $SEARCH_FLAGS -- "$query" > /dev/null || [ $? = 1 ] # 1: no match
        echo $(( ($(date +%s%N) - t0) / 1000 )) >> "$OUT/wall$n"
    done
    sort -n "$OUT/wall$n" -o "$OUT/wall$n"
    lines=$(wc -l < "$OUT/wall$n")
    wp50=$(sed -n "$(( (lines + 1) / 2 ))p" "$OUT/wall$n"); wmax=$(tail -n 1 "$OUT/wall$n")
    dsize=$(du -sb "$OUT/db$n" | cut -f1)
    # the compaction dateline-index ends a large run with: "compacted DB in T s: X MB to Y MB"
    written=$(sed -n 's/.*compacted .* in \([0-9.]*\) s: \([0-9.]*\) MB to .*/\2 MB (\1 s)/p' "$OUT/db$n.log")
    fts="| | | "; fsize=""
    if [ "$FTS" = 1 ]; then
        "$OUT/bench-fts5" "$OUT/fts$n.db" "$OUT/queries.fts5" "$ROUNDS" > "$OUT/f$n"
        read -r fsecs _ < "$OUT/fts$n.time"
        fsize=$(du -sb "$OUT/fts$n.db" | cut -f1)
        fts="| $(lat "$OUT/f$n") ms | $(x "$mb" "$fsecs") | "
        fsize="$((fsize / 1048576)) MiB ($(x "$fsize" "$bytes")x)"
    fi
    si=""
    if [ "$SI" = 1 ]; then
        "$OUT/bench-xapian" "$OUT/si$n" "$OUT/queries.xapian" "$ROUNDS" > "$OUT/s$n"
        read -r ssecs _ < "$OUT/si$n.time"
        ssize=$(du -sb "$OUT/si$n" | cut -f1)
        si="scriptindex: ingest $(x "$mb" "$ssecs") MB/s, p50 / p99 $(lat "$OUT/s$n") ms, index $((ssize / 1048576)) MiB ($(x "$ssize" "$bytes")x)"
    fi
    echo "| $n | $((bytes / 1048576)) MiB | $(x "$mb" "$secs"), $(x "$(echo "$usr + $sys" | bc)" "$mb") ($(x "$sys" "$mb") kernel), $((rss / 1024)) MiB | $(lat "$OUT/q$n") ms | $(lat "$OUT/qd$n") ms | $(ms "$wp50") ms / $(ms "$wmax") ms $fts$((dsize / 1048576)) MiB ($(x "$dsize" "$bytes")x) | ${written:-not compacted} | $fsize |"
    if [ -n "$BEFORE" ] && [ -d "$BEFORE/db$n" ]; then
        "$DL_QUERY" "$BEFORE/db$n" "$Q" "$ROUNDS" plain "$BOUND" > "$OUT/bq$n"
        "$DL_QUERY" "$BEFORE/db$n" "$OUT/queries.date" "$ROUNDS" plain "$BOUND" > "$OUT/bqd$n"
        bsize=$(du -sb "$BEFORE/db$n" | cut -f1)
        echo "| $n, $BEFORE/db$n | | | $(lat "$OUT/bq$n") ms | $(lat "$OUT/bqd$n") ms | | | | $((bsize / 1048576)) MiB ($(x "$bsize" "$bytes")x) | | |"
    fi
    [ -z "$si" ] || say "$n: $si"
    say "matches: $(field hits "$OUT/q$n") (date queries $(field hits "$OUT/qd$n"))${BEFORE:+, before $(field hits "$OUT/bq$n" 2>/dev/null) ($(field hits "$OUT/bqd$n" 2>/dev/null))}"
done
