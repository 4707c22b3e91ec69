#!/bin/bash
# autocompact.sh: dateline-index compacts the index at the end of a run that grew it by a quarter
# and by DATELINE_COMPACT_ABOVE (default 32M), and changes nothing else: the answers are those
# of the index left as written, shards stay shards, and an interrupted or crashed compaction
# leaves the index whole with nothing of it beside (tests/compact-stall.c stops it before the
# swap).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
shim compact-stall.c

SRC="$TMP/src"
stories "$SRC" 60
queries=('*' 'place:malta' 'ferries' 'serial number' 'oil prices' 'date:1987')
answers() { # answers DB: what a user would see
    for q in "${queries[@]}"; do
        "$SEARCH" --index "$1" --format json -n 1000 "$q"
        "$SEARCH" --index "$1" --facet place:5 --facet group:5 --timeline -n 0 "$q"
    done 2>&1
}
bytes() { du -sb "$1" | cut -f1; }
docids() { /usr/bin/python3 -c '
import sys, xapian
db = xapian.Database(sys.argv[1])
print(" ".join(str(p.docid) for p in db.postlist("")))' "$1"; }
left_beside() { ls -a "$(dirname "$1")" | grep -c -- "$(basename "$1")\.dateline-" ; }

# the reference: the same run, not compacted
"$INDEX" --no-compact --index "$TMP/ref" "$SRC" 2> "$TMP/ref.err"
is "$(grep -c compact "$TMP/ref.err")" 0 "--no-compact: no compaction"
answers "$TMP/ref" > "$TMP/ref.answers"

# the default threshold: 32M, which 60 stories are far from
"$INDEX" --index "$TMP/small" "$SRC" 2> "$TMP/small.err"
is "$(grep -c compact "$TMP/small.err")" 0 "a run that wrote less than 32M: not compacted"

# due: a quarter of the index and DATELINE_COMPACT_ABOVE written by the run
DATELINE_COMPACT_ABOVE=0 "$INDEX" --index "$TMP/db" "$SRC" 2> "$TMP/db.err"
code=$?
is "$code" 0 "compacted at the end: status 0"
is "$(grep -c '^dateline-index: compacting .*/db (.* MB, .* MB of it written by this run; --no-compact leaves it as it is)$' "$TMP/db.err")" 1 "the compaction is announced, with the way to skip it"
grep -q "^dateline-index: compacted .*/db in [0-9.]* s: [0-9.]* MB to [0-9.]* MB$" "$TMP/db.err"
ok $? "and its result told: $(grep '^dateline-index: compacted' "$TMP/db.err" | sed 's/.*: //')"
[ "$(bytes "$TMP/db")" -lt "$(bytes "$TMP/ref")" ]
ok $? "smaller than the index left as written ($(bytes "$TMP/db") bytes against $(bytes "$TMP/ref"))"
answers "$TMP/db" > "$TMP/db.answers"
diff "$TMP/ref.answers" "$TMP/db.answers" > "$TMP/diff"
ok $? "the same answers as the index left as written"
is "$(docids "$TMP/db")" "$(docids "$TMP/ref")" "every article keeps its internal number"
xapian-check "$TMP/db" > "$TMP/check" 2>&1
ok $? "xapian-check finds the compact index sound"
is "$(left_beside "$TMP/db")" 0 "nothing left beside the index"

# a second run over the same files writes nothing: not compacted again
DATELINE_COMPACT_ABOVE=0 "$INDEX" --index "$TMP/db" "$SRC" 2> "$TMP/again.err"
is "$(summary "$TMP/again.err")" "dateline-index: read 60, added 0, updated 0, unchanged 60, duplicates 0, rejected 0; formats: text 60" "the re-run finds every file unchanged"
is "$(grep -c compact "$TMP/again.err")" 0 "and does not compact"
# a run that writes less than DATELINE_COMPACT_ABOVE: not compacted (that a run must also
# write a quarter of the index is checked on Reuters-21578, tests/reuters-shared.sh: Xapian
# writes a few blocks of each table at each commit, which is a quarter of an index this small)
mkdir "$TMP/more"; cp "$SRC/story-0001.txt" "$TMP/more/extra.txt"; echo "One more line." >> "$TMP/more/extra.txt"
DATELINE_COMPACT_ABOVE=4M "$INDEX" --index "$TMP/db" "$TMP/more" 2> "$TMP/more.err"
is "$(grep -c compact "$TMP/more.err")" 0 "one article more, under DATELINE_COMPACT_ABOVE=4M: not compacted"
is "$("$SEARCH" --index "$TMP/db" --count '"one more line"')" 1 "the compact index takes new articles"

# -q: silent; an unreadable threshold: said, and the default taken
DATELINE_COMPACT_ABOVE=0 "$INDEX" -q --index "$TMP/quiet" "$SRC" 2> "$TMP/quiet.err"
is "$(grep -c compact "$TMP/quiet.err")" 0 "-q: the compaction says nothing"
[ "$(bytes "$TMP/quiet")" -lt "$(bytes "$TMP/ref")" ]
ok $? "-q: compacted all the same"
DATELINE_COMPACT_ABOVE=lots "$INDEX" --index "$TMP/bad" "$SRC" 2> "$TMP/bad.err"
is "$(grep -c "DATELINE_COMPACT_ABOVE='lots' is not a size (bytes, or with k, M or G): 32M taken" "$TMP/bad.err")" 1 "a threshold that is not a size is named"
is "$(grep -c compacting "$TMP/bad.err")" 0 "and 32M taken: not compacted"
DATELINE_COMPACT_ABOVE=1k "$INDEX" --index "$TMP/kilo" "$SRC" 2> "$TMP/kilo.err"
is "$(grep -c '^dateline-index: compacting' "$TMP/kilo.err")" 1 "DATELINE_COMPACT_ABOVE=1k: compacted"

# shards: each compacted where it is, still shards
DATELINE_COMPACT_ABOVE=0 "$INDEX" --jobs 2 --index "$TMP/sh" "$SRC" 2> "$TMP/sh.err"
is "$(grep -c '^dateline-index: compacted each shard of .*/sh in' "$TMP/sh.err")" 1 "shards: each compacted"
is "$(cat "$TMP/sh/XAPIANDB")" "auto shard-0
auto shard-1" "and still the two shards"
answers "$TMP/sh" > "$TMP/sh.answers"
diff "$TMP/ref.answers" "$TMP/sh.answers" > /dev/null
ok $? "shards compacted answer as one index"
is "$(left_beside "$TMP/sh/shard-0")$(left_beside "$TMP/sh/shard-1")" 00 "nothing left beside the shards"
mkdir "$TMP/more2"; cp "$SRC"/story-000[2-9].txt "$TMP/more2/"; sed -i 's/^Story/Story again/' "$TMP/more2"/*.txt
"$INDEX" -q --jobs 2 --index "$TMP/sh" "$TMP/more2" 2> "$TMP/sh2.err"
is "$(summary "$TMP/sh2.err")" "dateline-index: read 8, added 8, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 8" "the compact shards take new articles on two cores"

# interrupted: SIGTERM (or Ctrl-C) while the compaction runs ends it at once; the index stays
# as the run left it, whole, and nothing is left beside it
for sig in TERM INT; do
    DB="$TMP/stop$sig"; rm -f "$TMP/stalled"
    DATELINE_COMPACT_ABOVE=0 LD_PRELOAD="$SHIM" DL_STALL_FILE="$TMP/stalled" DL_STALL_MODE=wait \
        "$INDEX" --index "$DB" "$SRC" 2> "$TMP/stop.err" &
    pid=$!
    for _ in $(seq 1 600); do [ -e "$TMP/stalled" ] && break; sleep 0.05; done
    if [ "$sig" = INT ]; then kill -INT -- "$pid" "$(pgrep -P "$pid")"; else kill -TERM "$pid"; fi
    wait "$pid"
    code=$?
    is "$code" "$([ $sig = INT ] && echo 130 || echo 143)" "SIG$sig during the compaction: the status of SIG$sig"
    is "$(grep -c "compaction interrupted by SIG$sig: .*/stop$sig is as the run left it, whole" "$TMP/stop.err")" 1 "SIG$sig: said"
    is "$(left_beside "$DB")" 0 "SIG$sig: nothing left beside the index"
    answers "$DB" > "$TMP/stop.answers"
    diff "$TMP/ref.answers" "$TMP/stop.answers" > /dev/null
    ok $? "SIG$sig: the index answers as the run left it"
done

# a crash (both processes killed) before the swap leaves the half-written copy beside the index;
# the next compaction removes it, and the index was whole all along
DB="$TMP/crash"; rm -f "$TMP/stalled"
(DATELINE_COMPACT_ABOVE=0 LD_PRELOAD="$SHIM" DL_STALL_FILE="$TMP/stalled" DL_STALL_MODE=crash \
    "$INDEX" --index "$DB" "$SRC" > /dev/null 2>&1; exit $?) 2> /dev/null
is "$?" 137 "a crash during the compaction"
is "$(left_beside "$DB")" 1 "leaves the compaction's copy beside the index"
answers "$DB" > "$TMP/crash.answers"
diff "$TMP/ref.answers" "$TMP/crash.answers" > /dev/null
ok $? "the index answers as the run left it"
"$INDEX" --index "$DB" --compact 2> "$TMP/crash.err"
ok $? "--compact after the crash"
is "$(left_beside "$DB")" 0 "removes what the crashed compaction left"
answers "$DB" > "$TMP/crash2.answers"
diff "$TMP/ref.answers" "$TMP/crash2.answers" > /dev/null
ok $? "and the index answers the same"
done_testing
