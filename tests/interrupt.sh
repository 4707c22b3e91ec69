#!/bin/bash
# interrupt.sh: SIGINT or SIGTERM during an ingest: the run stops between two articles, commits
# what it read, says so with what to run to finish, and exits 130 (143); running the same
# command again completes the index.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
N=1000
stories "$TMP/src" "$N"
S() { "$SEARCH" --index "$1" --count '*'; }

# waits until FILE has a line matching PATTERN (or the process PID is gone)
wait_for() {
    local i
    for i in $(seq 600); do
        grep -q "$2" "$1" 2> /dev/null && return 0
        kill -0 "$3" 2> /dev/null || return 1
        sleep 0.05
    done
    return 1
}

for sig in INT TERM; do
    DB="$TMP/db-$sig"
    "$INDEX" -v --batch 50 --index "$DB" "$TMP/src" 2> "$TMP/err-$sig" &
    pid=$!
    wait_for "$TMP/err-$sig" 'committed batch 2:' "$pid"
    ok $? "SIG$sig: the ingest has committed two batches"
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    want=$([ "$sig" = INT ] && echo 130 || echo 143)
    is "$rc" "$want" "SIG$sig: exit status $want"
    # the summary, then what to run
    read -r _ _ read _ < <(summary "$TMP/err-$sig" | tr -d ',')
    last=$(tail -1 "$TMP/err-$sig")
    is "$last" "dateline-index: interrupted by SIG$sig: the $read articles read before it are in the index; to finish, run the same command again (what is in already counts as unchanged)" "SIG$sig: told what happened and what to run"
    [ "$read" -gt 0 ] && [ "$read" -lt "$N" ]
    ok $? "SIG$sig: stopped part way ($read of $N read)"
    is "$(summary "$TMP/err-$sig")" "dateline-index: read $read, added $read, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text $read" "SIG$sig: the summary counts what was read"
    is "$(S "$DB")" "$read" "SIG$sig: every article read is in the index, the open batch committed"
    is "$(grep -c '^dateline-index: reading ' "$TMP/err-$sig")" "$read" "SIG$sig: no file was begun and left"
    xapian-check "$DB" > /dev/null 2>&1
    ok $? "SIG$sig: xapian-check passes"
    "$INDEX" --index "$DB" "$TMP/src" 2> "$TMP/again-$sig"
    is "$?" 0 "SIG$sig: the same command again: exit 0"
    is "$(summary "$TMP/again-$sig")" "dateline-index: read $N, added $((N - read)), updated 0, unchanged $read, duplicates 0, rejected 0; formats: text $N" "SIG$sig: it adds the rest; what was in is unchanged"
    is "$(S "$DB")" "$N" "SIG$sig: all $N articles"
done

# a second signal ends the process at once; the index keeps its last commit
DB="$TMP/db-twice"
"$INDEX" -v --batch 50 --index "$DB" "$TMP/src" 2> "$TMP/err-twice" &
pid=$!
wait_for "$TMP/err-twice" 'committed batch 1:' "$pid"
kill -INT "$pid"; kill -INT "$pid" 2> /dev/null
wait "$pid"
rc=$?
[ "$rc" = 130 ]
ok $? "two SIGINTs: status 130 either way ($rc)"
xapian-check "$DB" > /dev/null 2>&1
ok $? "the index is sound"
"$INDEX" --index "$DB" "$TMP/src" 2> /dev/null
is "$(S "$DB")" "$N" "the same command again completes it"
done_testing
