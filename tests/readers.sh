#!/bin/bash
# readers.sh: 8 processes search in a loop, through the library, while a writer ingests 3,000
# articles in small batches; two more loop over dateline-search itself. No search may fail:
# a reader that sees the index change under it reopens and runs the search again (up to 10
# times: the writer commits every 25 articles, far more often than a real ingest does).
# make check writes 800 articles (32 commits under the readers); make check-long writes 3,000.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# Xapian 1.4.22 leaks part of its query tree when a match is cut short by DatabaseModified-
# Error (seen with LeakSanitizer); this test counts failures, and the rest of the suite checks
# for leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
LOOP="$top_builddir/tests/reader-loop"
N=$([ -n "${DATELINE_LONG:-}" ] && echo 3000 || echo 800)
DB="$TMP/db"
SRC="$TMP/src"
stories "$SRC" $N
cat > "$TMP/queries" <<'Q'
oil prices
place:syria
group:opec
"islamic state"
*
date:1987..1990 place:europe
wall street
bank* -rate
Q
# a first batch so that the readers have an index to open
"$INDEX" -q --index "$DB" "$SRC/story-0001.txt" 2> /dev/null

run_readers() { # run_readers TAG: 8 library readers and 2 command loops until $TMP/stop exists
    for r in $(seq 8); do
        "$LOOP" "$DB" "$TMP/queries" "$TMP/stop" 120 > "$TMP/$1.$r" 2> "$TMP/$1.$r.err" &
    done
    for r in 1 2; do
        ( n=0; f=0; while [ ! -e "$TMP/stop" ] && [ $n -lt 2000 ]; do
              "$SEARCH" --index "$DB" --format json --facet place -n 5 'stocks OR oil' > /dev/null 2>> "$TMP/$1.cmd.err"
              [ $? -le 1 ] || f=$((f + 1))  # 1 is "nothing matched"; 2 an error
              n=$((n + 1))
          done; echo "$n $f" > "$TMP/$1.cmd.$r" ) &
    done
}
sum() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) s += $(i + 1) } END { print s + 0 }' "$TMP"/$1.[0-9]; }
med() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$TMP"/$1.[0-9] | sort -n | sed -n 4p; }

rm -f "$TMP/stop"
run_readers busy
"$INDEX" -q --batch 25 --index "$DB" "$SRC" 2> "$TMP/index.err"
is "$?" 0 "the writer finishes while 10 readers search"
touch "$TMP/stop"; wait
is "$(summary "$TMP/index.err")" "dateline-index: read $N, added $((N - 1)), updated 0, unchanged 1, duplicates 0, rejected 0; formats: text $N" "every article went in"
queries=$(sum busy queries); retries=$(sum busy retries); failures=$(sum busy failures)
cmd=$(cat "$TMP"/busy.cmd.* | awk '{ n += $1; f += $2 } END { print n + 0, f + 0 }')
echo "# while ingesting: $queries library searches, $retries retries, $failures failures; median p50 $(med busy p50_us) us, p99 $(med busy p99_us) us"
echo "# while ingesting: dateline-search runs and failures: $cmd"
[ "$queries" -gt 100 ]
ok $? "the readers searched during the ingest ($queries searches)"
is "$failures" 0 "no library search failed"
cat "$TMP"/busy.*.err | sort | uniq -c | head -n 5 | sed 's/^/# /'
is "${cmd#* }" 0 "no dateline-search run failed"

# the same readers on the idle index, for comparison
rm -f "$TMP/stop"
for r in $(seq 8); do "$LOOP" "$DB" "$TMP/queries" "$TMP/stop" 2 > "$TMP/idle.$r" 2> /dev/null & done
wait
echo "# idle: $(sum idle queries) searches in 2 s; median p50 $(med idle p50_us) us, p99 $(med idle p99_us) us"
is "$(sum idle failures)" 0 "no search fails on the idle index"
is "$("$SEARCH" --index "$DB" --count '*')" "$N" "the index holds every article"
done_testing
