#!/bin/bash
# lock.sh: one writer at a time. A second writer is told at once who holds the index (exit 3),
# or waits with --wait; readers are never blocked; a writer killed with -9 leaves no lock.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
W1="corpus/wire/1988-11-28-opec-vienna.txt"
W2="corpus/wire/1989-11-10-berlin-wall.txt"

"$INDEX" -q --index "$DB" corpus/wire 2> /dev/null
is "$?" 0 "an index of corpus/wire"

# hold_lock: a writer that has opened the index and is reading standard input from a fifo;
# it holds the lock until the fifo is closed (release) or it is killed.
hold_lock() {
    rm -f "$TMP/fifo"; mkfifo "$TMP/fifo"
    "$INDEX" --index "$DB" - < "$TMP/fifo" 2> "$TMP/holder.err" &
    holder=$!
    exec 3> "$TMP/fifo"
    for _ in $(seq 100); do [ -s "$DB/dateline.writer" ] && break; sleep 0.05; done
}
release() { exec 3>&-; wait "$holder"; }

hold_lock
is "$(cat "$DB/dateline.writer")" "$holder" "the writer records its pid"
"$INDEX" --index "$DB" "$W1" > /dev/null 2> "$TMP/err" 3>&-
is "$?" 3 "a second writer exits 3 at once"
grep -q "is being written by another process (pid $holder)" "$TMP/err"
ok $? "and is told the holder's pid"
grep -q -- "--wait" "$TMP/err"
ok $? "and how to wait"
"$INDEX" --index "$DB" --wait=0.3 "$W1" > /dev/null 2> "$TMP/err"
is "$?" 3 "--wait=0.3 gives up with exit 3 when the lock stays held"
grep -q "waiting" "$TMP/err"
ok $? "saying it waited"
is "$("$SEARCH" --index "$DB" --count '*')" 33 "a reader is not blocked by the writer"

# a waiting writer goes in as soon as the holder is done
"$INDEX" --index "$DB" --wait "$W1" > /dev/null 2> "$TMP/waiter.err" 3>&- &
waiter=$!
sleep 0.3
printf 'Fifo story about cocoa\n\nThe cocoa harvest in Ghana was late.\n' >&3
release
is "$?" 0 "the holder finishes"
wait "$waiter"
is "$?" 0 "the waiting writer then gets the index"
is "$(summary "$TMP/waiter.err")" "dateline-index: read 1, added 0, updated 0, unchanged 1, duplicates 0, rejected 0; formats: text 1" "and does its work"
is "$("$SEARCH" --index "$DB" --count cocoa ghana)" 1 "the holder's article is in"
[ ! -e "$DB/dateline.writer" ]
ok $? "a writer that closes removes its pid file"

# kill -9: the kernel drops the lock with the process; the pid file left behind is not believed
hold_lock
kill -9 "$holder"; wait "$holder" 2> /dev/null
[ -e "$DB/dateline.writer" ]
ok $? "a killed writer leaves its pid file"
"$INDEX" --index "$DB" "$W2" > /dev/null 2> "$TMP/err"
is "$?" 0 "but no lock: the next writer goes straight in"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 0, updated 0, unchanged 1, duplicates 0, rejected 0; formats: text 1" "and works"
xapian-check "$DB" > /dev/null 2>&1
ok $? "xapian-check passes after the kill"

# a stale pid file naming a live process that does not hold the lock changes nothing
echo 1 > "$DB/dateline.writer"
"$INDEX" -q --index "$DB" "$W2" 2> /dev/null
is "$?" 0 "a stale pid file does not stop a writer"

# bad --wait values
"$INDEX" --index "$DB" --wait=soon "$W1" 2> "$TMP/err"
is "$?" 2 "--wait=soon is refused"
grep -q "wait takes seconds" "$TMP/err"
ok $? "with a message"
done_testing
