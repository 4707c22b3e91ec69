#!/bin/bash
# watch.sh: dateline-index --watch reads what arrives in a folder (written and closed, moved in,
# new folders), under the walk's rules, one commit per quiet second, until Ctrl-C.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
[ "$(uname -s)" = Linux ] || skip_all "--watch needs inotify (Linux)"
D="$TMP/drop"
stories "$TMP/src" 8
mkdir -p "$D"
cp "$TMP/src/story-0001.txt" "$D/"
S() { "$SEARCH" --index "$TMP/db" --count '*'; }
# waits until FILE has PATTERN as often as COUNT (default 1), for up to 30 s
wait_for() {
    local i
    for i in $(seq 300); do
        [ "$(grep -c -- "$2" "$1" 2> /dev/null)" -ge "${3:-1}" ] && return 0
        sleep 0.1
    done
    return 1
}

"$INDEX" --watch --index "$TMP/db" "$D" 2> "$TMP/err" &
pid=$!
wait_for "$TMP/err" 'watching 1 folder; Ctrl-C ends'
ok $? "it reads the folder, then says it is watching"
is "$(head -1 "$TMP/err" | sed -E 's/ in [0-9.]+ s \([0-9.]+ MB\/s\)//')" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "what was there first"

# three files at once: one batch, one commit
cp "$TMP/src/story-0002.txt" "$TMP/src/story-0003.txt" "$TMP/src/story-0004.txt" "$D/"
wait_for "$TMP/err" 'watch: read'
ok $? "the files that arrived are read"
sleep 1.5
is "$(grep 'watch: read' "$TMP/err" | sed -E 's/ in [0-9.]+ s \([0-9.]+ MB\/s\)//')" "dateline-index: watch: read 3, added 3, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 3" "three files written together: one batch"
is "$(S)" 4 "and committed: 4 articles"

# moved in; a new folder with a story and a DTD; a hidden file; a file .datelineignore leaves out
printf '*.draft\n' > "$D/.datelineignore"
cp "$TMP/src/story-0005.txt" "$TMP/moving.txt"
mv "$TMP/moving.txt" "$D/moved.txt"
mkdir -p "$TMP/section"
cp "$TMP/src/story-0006.txt" "$TMP/section/"
printf '<!ELEMENT STORY - - (TITLE, BODY)>\n' > "$TMP/section/story.dtd"
mv "$TMP/section" "$D/section"
cp "$TMP/src/story-0007.txt" "$D/.hidden.txt"
cp "$TMP/src/story-0008.txt" "$D/next.draft"
wait_for "$TMP/err" 'watch: read' 2
ok $? "a second batch"
sleep 1.5
is "$(S)" 6 "moved.txt and the new folder's story are in: 6 articles"
is "$("$SEARCH" --index "$TMP/db" --format tsv -n 20 '*' | tail -n +2 | cut -f11 | sed "s|$D/||" | sort | tr '\n' ' ')" "moved.txt section/story-0006.txt story-0001.txt story-0002.txt story-0003.txt story-0004.txt " "not the hidden file, the DTD or the .draft"
grep -q "section/story.dtd: note: skipped, not an article: a DTD" "$TMP/err"
ok $? "the DTD is skipped with a note"
# a file rewritten in place replaces its article
sed -i 's/Story 0002/Story two/' "$D/story-0002.txt"
wait_for "$TMP/err" 'watch: read' 3
is "$(grep 'watch: read' "$TMP/err" | tail -1 | sed -E 's/ in [0-9.]+ s \([0-9.]+ MB\/s\)//')" "dateline-index: watch: read 1, added 0, updated 1, unchanged 0, duplicates 0, rejected 0; formats: text 1" "an edited file: its article updated"

kill -INT "$pid"
wait "$pid"
is "$?" 0 "Ctrl-C ends the watch: exit 0"
is "$(summary "$TMP/err" | tail -1)" "dateline-index: read 7, added 6, updated 1, unchanged 0, duplicates 0, rejected 0; formats: text 7" "the summary of the whole run"
is "$(S)" 6 "6 articles"

# a watch never ends by itself: it compacts the index as it grows, as a run that grew it ends
# by doing (DATELINE_COMPACT_ABOVE=1: every batch that grows it by a quarter), goes on reading
# what arrives, and leaves every article in; one index and shards alike
for jobs in 1 2; do
    C="$TMP/cdrop$jobs"
    mkdir -p "$C"
    cp "$TMP/src/story-0001.txt" "$C/"
    DATELINE_COMPACT_ABOVE=1 "$INDEX" --watch --jobs "$jobs" --index "$TMP/cdb$jobs" "$C" 2> "$TMP/cerr" &
    pid=$!
    wait_for "$TMP/cerr" 'watching 1 folder'
    cp "$TMP/src/story-0002.txt" "$TMP/src/story-0003.txt" "$C/"
    wait_for "$TMP/cerr" 'watch: read'
    wait_for "$TMP/cerr" '^dateline-index: compacted' 2
    ok $? "--jobs $jobs: the first reading and the first batch are each compacted while watching"
    cp "$TMP/src/story-0004.txt" "$C/"
    wait_for "$TMP/cerr" 'watch: read' 2
    ok $? "--jobs $jobs: the watch goes on reading after a compaction"
    sleep 0.5
    kill -INT "$pid"
    wait "$pid"
    is "$?" 0 "--jobs $jobs: Ctrl-C ends it: exit 0"
    is "$(summary "$TMP/cerr" | tail -1)" "dateline-index: read 4, added 4, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 4" "--jobs $jobs: the summary counts every article"
    is "$("$SEARCH" --index "$TMP/cdb$jobs" --count '*')" 4 "--jobs $jobs: all 4 searchable"
    is "$(grep -c 'not compacted\|cannot go on' "$TMP/cerr")" 0 "--jobs $jobs: no compaction failed"
    is "$(ls "$TMP" | grep -c 'dateline-compact')" 0 "--jobs $jobs: nothing left beside the index"
    bad=0
    for db in "$TMP/cdb$jobs" "$TMP/cdb$jobs"/shard-*; do
        [ -f "$db/iamglass" ] || continue
        xapian-check "$db" > /dev/null 2>&1 || bad=1
    done
    is "$bad" 0 "--jobs $jobs: xapian-check passes"
done
# --no-compact while watching: never
mkdir -p "$TMP/ndrop"
cp "$TMP/src/story-0001.txt" "$TMP/ndrop/"
DATELINE_COMPACT_ABOVE=1 "$INDEX" --watch --no-compact --index "$TMP/ndb" "$TMP/ndrop" 2> "$TMP/nerr" &
pid=$!
wait_for "$TMP/nerr" 'watching 1 folder'
cp "$TMP/src/story-0002.txt" "$TMP/ndrop/"
wait_for "$TMP/nerr" 'watch: read'
sleep 0.5
kill -INT "$pid"
wait "$pid"
is "$(grep -c compact "$TMP/nerr")" 0 "--no-compact: no compaction while watching"

"$INDEX" --watch --index "$TMP/db" "$D/story-0001.txt" 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "2:dateline-index: --watch watches folders: name one or more" "--watch without a folder"
done_testing
