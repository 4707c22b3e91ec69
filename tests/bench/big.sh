#!/bin/bash
# big.sh: search speed as the archive grows. Builds N articles from ../shared/corpora with
# big-archive.py (kept in bench-big/aN for the next run), ingests them, then times the query set
# in one process (bench-query: p50/p99) and as dateline-search processes (wall time per query).
# Run by `make bench-big N=40000` from the build folder; prints one Markdown row a size.
# Not part of make check: it takes minutes at 40,000 articles and hours at 1,000,000.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
C="$src/../shared/corpora"
[ -d "$C/reuters21578" ] || { echo "big.sh: no $C/reuters21578: the archive is built from the shared corpora" >&2; exit 1; }
ROUNDS=${ROUNDS:-5}
BOUND=${BOUND:-10000} # bench-query's bound on totals (dateline-search's default); 0: exact
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
say() { echo "big.sh: $*" >&2; }
ms() { echo "scale=2; $1 / 1000" | bc | sed 's/^\./0./'; }
mkdir -p "$OUT"
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
        /usr/bin/time -f '%e %M' -o "$OUT/db$n.time" "$DL_INDEX" -q --index "$OUT/db$n" "$a"/part-*.jsonl 2> "$OUT/db$n.log" || true
        grep -q "read $n, added $n," "$OUT/db$n.log" || { cat "$OUT/db$n.log" >&2; exit 1; }
        touch "$OUT/db$n.ok"
    fi
    read -r secs rss < "$OUT/db$n.time"
    "$DL_QUERY" "$OUT/db$n" "$Q" "$ROUNDS" plain "$BOUND" > "$OUT/q$n"
    p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' "$OUT/q$n")
    p99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' "$OUT/q$n")
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
    echo "| $n | $((bytes / 1048576)) MiB | $(echo "scale=1; $bytes / 1048576 / $secs" | bc) MB/s, $((rss / 1024)) MiB RSS | $(ms "$p50") ms / $(ms "$p99") ms | $(ms "$wp50") ms / $(ms "$wmax") ms | $(( $(du -sb "$OUT/db$n" | cut -f1) / 1048576 )) MiB |"
done
