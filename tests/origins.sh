#!/bin/bash
# origins.sh: where an article was read from, kept as file and key apart, so that a key with a
# ':' (an HTML page's canonical https URL) neither hides a copy from --delete-origin nor makes
# --stats count a file named "b/page.html:https"; and an index whose origins were written as
# "FILE:KEY" (tests/data/origins-before.tgz) still works. Files are recorded by their canonical
# path (absolute, its folder's real path): any spelling names them; dateline-search shows them
# relative to the current folder.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
HTML="$top_srcdir/corpus/formats/html/valletta-ferry.html"
TEXT="$top_srcdir/corpus/wire/1989-11-10-berlin-wall.txt"
URL=https://wire.example.com/2023/05/valletta-ferry-night
S() { "$SEARCH" --index "$DB" "$@"; }
show() { S --show "$(S --format tsv "$1" | tail -n +2 | cut -f3)" --format tsv | grep -E '^(file|key|origins)'; }
# the XF terms, with the test's folder w (its real path) as {w}
xf() { xapian-delve -a -1 "$DB" | grep '^XF' | sed "s|^XF$W/|XF{w}/|" | sort | tr '\n' ' '; }

# the same page in two folders, the same text (no key) in two folders, one with a ':'
mkdir -p "$TMP/w/a" "$TMP/w/b" "$TMP/w/c:d" "$TMP/w/e"
cp "$HTML" "$TMP/w/a/"; cp "$HTML" "$TMP/w/b/"
cp "$TEXT" "$TMP/w/e/berlin.txt"; cp "$TEXT" "$TMP/w/c:d/berlin.txt"
cd "$TMP/w" || exit 1
W=$(pwd -P)
DB="$TMP/new"
"$INDEX" --index "$DB" a b e c:d 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 2, updated 0, unchanged 0, duplicates 2, rejected 0; formats: text 2, html 2" "two articles, each read twice"
is "$("$INDEX" --stats --index "$DB" | grep '^origins')" "origins    4 files; 2 articles were read from more than one" "--stats: 4 files"
is "$(xf)" "XF{w}/a/valletta-ferry.html XF{w}/b/valletta-ferry.html XF{w}/c:d/berlin.txt XF{w}/e/berlin.txt " "each file is named by its absolute path"
is "$(show valletta)" "$(printf 'file\ta/valletta-ferry.html\nkey\t%s\norigins\tb/valletta-ferry.html:%s' "$URL" "$URL")" "the copy's origin is its file and the URL"
is "$(show berlin)" "$(printf 'file\te/berlin.txt\norigins\tc:d/berlin.txt')" "an origin without a key is its file"
"$INDEX" --index "$DB" a b e c:d 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 4, duplicates 0, rejected 0; formats: text 2, html 2" "a second run changes nothing"
"$INDEX" --index "$DB" --delete-origin b/valletta-ferry.html 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "0:dateline-index: deleted 0 articles; 1 kept, read from elsewhere too" "--delete-origin of the copy's file: the article stays"
is "$(show valletta)" "$(printf 'file\ta/valletta-ferry.html\nkey\t%s' "$URL")" "with its other origin only"
is "$("$INDEX" --stats --index "$DB" | grep '^origins')" "origins    3 files; 1 article was read from more than one" "--stats: 3 files"
"$INDEX" --index "$DB" a b 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 2, added 0, updated 0, unchanged 1, duplicates 1, rejected 0; formats: html 2" "read again, b is a copy again"
"$INDEX" --index "$DB" --delete-origin a 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 0 articles; 1 kept, read from elsewhere too" "--delete-origin of the first folder: kept"
is "$(show valletta)" "$(printf 'file\tb/valletta-ferry.html\nkey\t%s' "$URL")" "the copy is its file, the URL its key"
"$INDEX" --index "$DB" --delete-origin b 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 1 article" "--delete-origin of the second folder: deleted"
is "$(S --count valletta)" 0 "the page is gone"
"$INDEX" --index "$DB" --delete-origin c:d 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 0 articles; 1 kept, read from elsewhere too" "a folder with ':' in its name"
is "$(xf)" "XF{w}/e/berlin.txt " "one file left"

# Any spelling names one file: as typed, with "./", absolute, through a link to its folder,
# with ".." and "//"; the summary of each run counts them as one origin
mkdir -p f && cp "$TEXT" f/one.txt && ln -s "$W/f" "$TMP/link"
DB="$TMP/canon"
"$INDEX" --index "$DB" f/one.txt 2> /dev/null
"$INDEX" --index "$DB" --force ./f/one.txt "$W/f/one.txt" "$TMP/link" f/../f//one.txt "$TMP/link/one.txt" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 5, added 0, updated 0, unchanged 5, duplicates 0, rejected 0; formats: text 5" "five more spellings, read again: unchanged, not copies"
is "$(xf)" "XF{w}/f/one.txt " "one origin, its absolute path"
is "$("$INDEX" --stats --index "$DB" | grep '^origins')" "origins    1 file; 0 articles were read from more than one" "--stats: 1 file"
is "$(S --format tsv berlin | tail -n +2 | cut -f11)" "f/one.txt" "dateline-search shows it relative to the current folder"
is "$(cd / && S --format tsv berlin | tail -n +2 | cut -f11)" "$W/f/one.txt" "and absolute from elsewhere"
is "$(cd f && S --show "$(S --format tsv berlin | tail -n +2 | cut -f3)" | grep '^file')" "file       one.txt" "--show from the file's own folder"
"$INDEX" --index "$DB" --delete-origin ../w/./f//one.txt 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "0:dateline-index: deleted 1 article" "--delete-origin by another spelling"
"$INDEX" --index "$DB" "$TMP/link" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "its record went with it: the next run reads it"
rm f/one.txt
"$INDEX" --index "$DB" --delete-origin "$TMP/link/one.txt" 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "0:dateline-index: deleted 1 article" "a file gone from disk, named through the link to its folder"
"$INDEX" --index "$DB" --delete-origin f/one.txt 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "1:dateline-index: f/one.txt: no article was read from there
dateline-index: deleted 0 articles" "nothing left to delete"

# An index written while origins were "FILE:KEY", split at the last ':' (made by the commit
# before this test from the same folders: dateline-index --index db a b e c:d): its records
# hold "b/valletta-ferry.html:https://..." and "c:d/berlin.txt:", its terms XFb/valletta-
# ferry.html:https and the XW hash of "FILE:KEY".
tar xzf "$top_srcdir/tests/data/origins-before.tgz" -C "$TMP" || exit 1
DB="$TMP/db"
is "$(show valletta)" "$(printf 'file\ta/valletta-ferry.html\nkey\t%s\norigins\tb/valletta-ferry.html:%s' "$URL" "$URL")" "old index: the old origin reads right"
is "$(show berlin)" "$(printf 'file\te/berlin.txt\norigins\tc:d/berlin.txt:')" "old index: an old origin without a key shows as it was written"
"$INDEX" --index "$DB" a b e c:d 2> "$TMP/err"
# The Berlin story's places changed since the index was written (extraction found the Berlin
# Wall a person's name then), and a record's content includes them: the re-run writes it anew,
# without taking its own file, as typed then, for another origin.
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 1, unchanged 3, duplicates 0, rejected 0; formats: text 2, html 2" "old index: a re-run writes only what extraction now reads otherwise"
is "$(show berlin)" "$(printf 'file\te/berlin.txt\norigins\tc:d/berlin.txt')" "old index: the story rewritten keeps one origin each (e/berlin.txt as typed is its file)"
"$INDEX" --index "$DB" --delete-origin b/valletta-ferry.html 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "0:dateline-index: deleted 0 articles; 1 kept, read from elsewhere too" "old index: --delete-origin of the copy's file"
is "$(show valletta)" "$(printf 'file\ta/valletta-ferry.html\nkey\t%s' "$URL")" "old index: the article keeps its first origin"
sed -i 's/East Germany/the GDR/g' c:d/berlin.txt
"$INDEX" --index "$DB" c:d 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "old index: an edited file without a key gives a new article"
is "$(S --count berlin)" 2 "beside the old text"
is "$(S --show "$(S --format tsv 'berlin AND NOT gdr' | tail -n +2 | cut -f3)" --format tsv | grep -E '^(file|origins)')" "$(printf 'file\te/berlin.txt')" "old index: the old text lost the edited file's old origin (found by its old term)"
"$INDEX" --index "$DB" --delete-origin e 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 1 article" "old index: the old text goes with its last file"
is "$(xf)" "XFa/valletta-ferry.html XF{w}/c:d/berlin.txt " "old index: the files left are named right (the edited one as it is named now)"
xapian-check "$DB" > /dev/null 2>&1
ok $? "xapian-check passes"
done_testing
