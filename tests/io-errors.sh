#!/bin/bash
# io-errors.sh: a full disk or a failing one while ingesting (an LD_PRELOAD shim, io-fail.c,
# makes writes or syncs to the index fail). The indexer must stop with exit 2 and a message
# that says what happened, and leave the index as it was at its last commit, whole.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
shim io-fail.c
BATCH=16
SRC="$TMP/src"; mkdir "$SRC"  # 480 Reuters records: corpus/sgml's 8, in 60 files, renumbered
for i in $(seq 10 69); do
    sed "s/NEWID=\"\([0-9]*\)\"/NEWID=\"$i\1\"/" corpus/sgml/wire-1987.sgm > "$SRC/part-$i.sgm"
done
"$INDEX" -q --index "$TMP/ref" corpus/wire "$SRC" 2> /dev/null
ALL=$("$SEARCH" --index "$TMP/ref" --count '*')

failing_ingest() { # failing_ingest DB ENV...: the second ingest, with the shim
    env LD_PRELOAD="$SHIM" DL_FAIL_PATH="$1/" "${@:2}" \
        "$INDEX" --batch $BATCH --index "$1" "$SRC" > /dev/null 2> "$TMP/err"
}
after() { # after DB WHAT: the index is whole and holds its last commit
    local db="$1" what="$2" n
    xapian-check "$db" > "$TMP/check" 2>&1
    ok $? "$what: xapian-check passes"
    n=$("$SEARCH" --index "$db" --count '*')
    [ -n "$n" ] && [ "$n" -ge 33 ] && [ $(( (n - 33) % BATCH )) -eq 0 ]
    ok $? "$what: the index holds corpus/wire and whole batches ($n articles)"
    "$INDEX" -q --batch $BATCH --index "$db" "$SRC" 2> /dev/null
    is "$("$SEARCH" --index "$db" --count '*')" "$ALL" "$what: a run without the fault completes it"
}

for case in "ENOSPC 150000" "EIO 0"; do
    set -- $case
    DB="$TMP/db-$1"
    "$INDEX" -q --index "$DB" corpus/wire 2> /dev/null
    failing_ingest "$DB" DL_FAIL_ERRNO="$1" DL_FAIL_AFTER="$2"
    is "$?" 2 "$1 after $2 bytes: exit 2"
    msg=$(strerror=$([ "$1" = EIO ] && echo 'Input/output error' || echo 'No space left on device'); grep -c "index $DB.*($strerror)" "$TMP/err")
    [ "$msg" -ge 1 ]
    ok $? "$1: the message names the index and the system's reason"
    [ "$1" = ENOSPC ] && { grep -q "free some space" "$TMP/err"; ok $? "ENOSPC: and says to free space"; }
    grep -q "were not committed" "$TMP/err"
    ok $? "$1: and says what was not committed"
    after "$DB" "$1"
done

# a failing fsync: the commit is not durable, so it must not count as done
DB="$TMP/db-sync"
"$INDEX" -q --index "$DB" corpus/wire 2> /dev/null
failing_ingest "$DB" DL_FAIL_ERRNO=EIO DL_FAIL_AFTER=1000000000 DL_FAIL_SYNC=1
is "$?" 2 "fsync failing: exit 2"
after "$DB" "fsync failing"

# a new index on a full disk: nothing is left behind, not even a half-made folder
env LD_PRELOAD="$SHIM" DL_FAIL_PATH="$TMP/new" DL_FAIL_AFTER=0 "$INDEX" --index "$TMP/new" corpus/wire > /dev/null 2> "$TMP/err"
is "$?" 2 "a new index on a full disk: exit 2"
is "$(ls "$TMP" | grep -c '^new')" 0 "and no folder is left behind"
"$INDEX" -q --index "$TMP/new" corpus/wire 2> /dev/null
is "$("$SEARCH" --index "$TMP/new" --count '*')" 33 "the next run makes it"
done_testing
