#!/bin/bash
# incremental.sh: a re-run leaves files that have not changed unread (same size and time, or a
# new time over the same bytes), as notmuch new does, and counts their articles from the index's
# record of them; --force reads them; a folder's re-run removes what files gone from it (or now
# left out) gave (--prune, on by default; --no-prune).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
D="$TMP/archive"
stories "$TMP/s" 5
mkdir -p "$D/a" "$D/b"
mv "$TMP"/s/story-000[123].txt "$D/a/" && mv "$TMP"/s/story-000[45].txt "$D/b/"
printf 'Two stories in one file\n\nThe first of a pair.\n' > "$D/pair-1.txt"
DB="$TMP/db"
reads() { grep -c ': reading ' "$1"; }
run() { "$INDEX" -v --index "$DB" "$@" 2> "$TMP/err"; }

run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 6, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 6" "first run: 6 articles"
is "$(xapian-delve -1 -a "$DB" | grep -c '^XF')" 6 "6 files"

run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 0, updated 0, unchanged 6, duplicates 0, rejected 0; formats: text 6" "unchanged re-run: read counts the recorded articles"
is "$(reads "$TMP/err")" 0 "no file was read"
is "$(grep -c 'unchanged since it was read (1 article): not read again' "$TMP/err")" 6 "-v says so of each"

# a file that cannot be read any more but has not changed is not opened: no error (root
# reads it anyway: then a file that holds no article, with its size and time, stands in)
if [ "$(id -u)" != 0 ]; then
    chmod 000 "$D/a/story-0001.txt"
else
    T=$(stat -c %y "$D/a/story-0001.txt")
    head -c "$(stat -c %s "$D/a/story-0001.txt")" /dev/zero > "$D/a/story-0001.txt"
    touch -d "$T" "$D/a/story-0001.txt"
    cp "$D/a/story-0001.txt" "$TMP/zeros"
fi
run "$D"
is "$?:$(summary "$TMP/err")" "0:dateline-index: read 6, added 0, updated 0, unchanged 6, duplicates 0, rejected 0; formats: text 6" "a file that cannot be read now but has not changed is not opened"
if [ -f "$TMP/zeros" ]; then
    "$INDEX" --index "$TMP/db-zeros" "$TMP/zeros" 2> /dev/null
    is "$?" 1 "(what stood in is rejected when it is read)"
fi
stories "$TMP/again" 1 && cp "$TMP/again/story-0001.txt" "$D/a/story-0001.txt" && chmod 644 "$D/a/story-0001.txt"
# a new time over the same bytes: unchanged, and the record takes the new time
touch -d '2020-01-02 03:04:05' "$D/a/story-0002.txt"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 0, updated 0, unchanged 6, duplicates 0, rejected 0; formats: text 6" "touched: unchanged"
is "$(grep -c 'story-0002.txt: a new time but the same bytes since it was read (1 article): not read again' "$TMP/err"):$(reads "$TMP/err")" "1:0" "told by its bytes, not read"
run "$D"
is "$(grep -c 'story-0002.txt: unchanged since it was read' "$TMP/err")" 1 "its record has the new time"

# the same size and a new time over other bytes: read, updated
sed -i 's/Story 0003/Story 9993/' "$D/a/story-0003.txt"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 0, updated 1, unchanged 5, duplicates 0, rejected 0; formats: text 6" "edited, same size: updated"
is "$(reads "$TMP/err")" 1 "the edited file alone is read"
is "$("$SEARCH" --index "$DB" --count '"story 9993"')" 1 "its new text is in"

# the same size and the same time over other bytes is taken as unchanged (as notmuch does);
# --force reads it
T=$(stat -c %y "$D/a/story-0003.txt")
sed -i 's/Story 9993/Story 8883/' "$D/a/story-0003.txt"
touch -d "$T" "$D/a/story-0003.txt"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 0, updated 0, unchanged 6, duplicates 0, rejected 0; formats: text 6" "same size and time: not read"
run --force "$D"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 0, updated 1, unchanged 5, duplicates 0, rejected 0; formats: text 6" "--force reads every file: the edit is found"
is "$(reads "$TMP/err")" 6 "--force: 6 files read"

# other options that change what a file gives: read again
run --date 2001-02-03 "$D"
is "$(reads "$TMP/err")" 6 "another --date: every file is read again"
run --date 2001-02-03 "$D"
is "$(reads "$TMP/err")" 0 "and the same --date again: none"

# a file with a rejected record is read again each time, and its rejection told again
printf 'title,text\n"A row","with its text"\n"",""\n' > "$D/rows.csv"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 8, added 1, updated 1, unchanged 5, duplicates 0, rejected 1; formats: text 6, csv 2" "without --date, all read again (pair-1.txt loses its date); a CSV with an empty row: 1 added, 1 rejected"
run "$D"
is "$(summary "$TMP/err"):$(reads "$TMP/err")" "dateline-index: read 8, added 0, updated 0, unchanged 7, duplicates 0, rejected 1; formats: text 6, csv 2:1" "read again: its rejection is told again"
rm "$D/rows.csv"

# --prune: files gone from the folder; a copy read from elsewhere too keeps that origin
cp "$D/b/story-0004.txt" "$TMP/copy.txt"
"$INDEX" --index "$DB" "$TMP/copy.txt" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 0, updated 0, unchanged 0, duplicates 1, rejected 0; formats: text 1" "a copy outside the folder"
rm "$D/b/story-0004.txt" "$D/b/story-0005.txt"
run --no-prune "$D"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 4, duplicates 0, rejected 0; formats: text 4" "--no-prune: nothing removed"
is "$("$SEARCH" --index "$DB" --count '*')" 7 "7 articles still (the CSV's one too)"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 4, duplicates 0, rejected 0, removed 2; formats: text 4" "pruned: removed 2 (the CSV's row and story 0005)"
is "$(grep 'gone or left out since read' "$TMP/err")" "dateline-index: 3 files gone or left out since read: 2 articles removed, others kept (read from elsewhere too) (--no-prune keeps them; -v names them)" "the note"
is "$(grep -c 'gone or left out since it was read' "$TMP/err")" 3 "-v names each file"
is "$("$SEARCH" --index "$DB" --count '*')" 5 "5 articles"
is "$("$SEARCH" --index "$DB" --format tsv '"story 0004"' | tail -n +2 | cut -f11 | sed "s|$TMP/||")" "copy.txt" "story 0004 lives on as the copy"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 4, duplicates 0, rejected 0; formats: text 4" "then nothing more to remove"

# a file now left out by .datelineignore or --exclude is removed, as notmuch new does
printf 'pair-*.txt\n' > "$D/.datelineignore"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 3, added 0, updated 0, unchanged 3, duplicates 0, rejected 0, removed 1; formats: text 3" ".datelineignore: the file it leaves out is removed"
rm "$D/.datelineignore"
run "$D"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 1, updated 0, unchanged 3, duplicates 0, rejected 0; formats: text 4" "and comes back when the rule goes"

# only under the folder named: a sibling folder's files stay; a file named alone prunes nothing
run "$D/a"
is "$(summary "$TMP/err")" "dateline-index: read 3, added 0, updated 0, unchanged 3, duplicates 0, rejected 0; formats: text 3" "a subfolder: nothing of its siblings removed"
rm "$D/a/story-0002.txt"
run "$D/a/story-0001.txt"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 0, updated 0, unchanged 1, duplicates 0, rejected 0; formats: text 1" "a file named alone: no prune"
run "$D/a/"
is "$(summary "$TMP/err")" "dateline-index: read 2, added 0, updated 0, unchanged 2, duplicates 0, rejected 0, removed 1; formats: text 2" "its folder: the gone file's article removed"

# a folder the walk could not read is not taken for gone: one nested too deep (and, but for
# root, one that cannot be opened)
deep="$D/a/$(printf 'd/%.0s' $(seq 1 64))"
mkdir -p "$deep"
rm "$D/a/story-0003.txt"
run "$D"
is "$(grep -c 'not pruned, since part of it could not be read' "$TMP/err"):$("$SEARCH" --index "$DB" --count '*')" "1:4" "a file gone, but a folder nested too deep: nothing pruned"
rm -r "$D/a/d"
if [ "$(id -u)" != 0 ]; then
    chmod 000 "$D/b"
    run "$D"
    is "$(grep -c 'not pruned, since part of it could not be read' "$TMP/err"):$("$SEARCH" --index "$DB" --count '*')" "1:4" "an unreadable folder: nothing pruned"
    chmod 755 "$D/b"
fi
run "$D"
is "$(summary "$TMP/err"):$("$SEARCH" --index "$DB" --count '*')" "dateline-index: read 2, added 0, updated 0, unchanged 2, duplicates 0, rejected 0, removed 1; formats: text 2:3" "the whole folder walked again: pruned"

# an index written before the records (tests/data/origins-before.tgz): its files are read once
# more and recorded; nothing is pruned of what it never recorded
tar xzf "$top_srcdir/tests/data/origins-before.tgz" -C "$TMP" || exit 1
mkdir -p "$TMP/w/a" && cp "$top_srcdir/corpus/formats/html/valletta-ferry.html" "$TMP/w/a/"
cd "$TMP/w" || exit 1
"$INDEX" -v --index "$TMP/db" a 2> "$TMP/err"
is "$(summary "$TMP/err"):$(reads "$TMP/err")" "dateline-index: read 1, added 0, updated 0, unchanged 1, duplicates 0, rejected 0; formats: html 1:1" "old index: read once more, unchanged"
is "$("$SEARCH" --index "$TMP/db" --count '*')" 2 "old index: the files it never recorded are not pruned"
"$INDEX" -v --index "$TMP/db" a 2> "$TMP/err"
is "$(reads "$TMP/err")" 0 "old index: then recorded"
xapian-check "$DB" > /dev/null 2>&1
ok $? "xapian-check passes"
done_testing
