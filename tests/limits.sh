#!/bin/bash
# limits.sh: inputs past the limits that keep memory bounded, and terms past Xapian's 245 bytes.
# Long articles are cut with a note; a file of many articles too big to hold is rejected with
# advice; over-long words and names never stop an ingest. (Peak memory on 1 GB inputs:
# tests/bench/bounds.sh.)
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"

# a 6 MB article: read up to 4 MB, cut at a line end, with a note
{ echo "A long report"; echo; echo "FIRSTWORD begins it."
  yes 'The ministry said grain exports rose again this year.' | head -c 6000000; echo
  echo "LASTWORD ends it."; } > "$TMP/long.txt"
"$INDEX" --index "$DB" "$TMP/long.txt" > /dev/null 2> "$TMP/err"
is "$?" 0 "a 6 MB article goes in"
grep -q "long.txt:1: note: article of 5.[0-9] MB: only its first 4 MB were read" "$TMP/err"
ok $? "with a note that it was cut"
is "$("$SEARCH" --index "$DB" --count firstword)" 1 "its start is searchable"
is "$("$SEARCH" --index "$DB" --count lastword)" 0 "what was past the limit is not"

# the same in Latin-1: each note once, joined (the charset's note was said twice)
{ echo "A long report"; echo; printf 'Caf\xe9 FIRSTWORD begins it.\n'
  yes 'The ministry said grain exports rose again this year.' | head -c 6000000; echo; } > "$TMP/long-latin1.txt"
"$INDEX" --index "$DB" "$TMP/long-latin1.txt" > /dev/null 2> "$TMP/err"
is "$(grep note "$TMP/err" | sed "s|$TMP/||")" "dateline-index: long-latin1.txt:1: note: invalid UTF-8, read as Windows-1252 (use --encoding to choose); article of 5.7 MB: only its first 4 MB were read" "a long article not in UTF-8: each note once"

# a 300 MB file of Reuters records (5 MB of them, then a hole: cheap to make): rejected, and
# not read into memory
for i in $(seq 800); do cat corpus/sgml/wire-1987.sgm; done > "$TMP/huge.sgm"
truncate -s 300M "$TMP/huge.sgm"
"$INDEX" --index "$DB" "$TMP/huge.sgm" > /dev/null 2> "$TMP/err"
is "$?" 1 "a 300 MB file of many articles is rejected"
grep -q "huge.sgm: a file of 300 MB, more than the 256 MB a file of many articles may have: split it" "$TMP/err"
ok $? "with advice to split it"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 0, updated 0, unchanged 0, duplicates 0, rejected 1" "and counted"

# a long article that also has another note: each note is told once
{ echo "A long report"; echo; printf 'Caf\xe9 society.\n'
  yes 'The ministry said grain exports rose again this year.' | head -c 5000000; echo; } > "$TMP/long1252.txt"
"$INDEX" --index "$DB" "$TMP/long1252.txt" > /dev/null 2> "$TMP/err"
is "$(grep -c 'note' "$TMP/err") $(grep -o 'invalid UTF-8' "$TMP/err" | wc -l)" "1 1" "a cut Windows-1252 article: one note, 'invalid UTF-8' in it once"

# devices, pipes and input that never ends: refused or cut at once (timeout: 124 if not)
timeout -k 10 20 "$INDEX" --index "$DB" /dev/zero > /dev/null 2> "$TMP/err"
is "$?" 1 "/dev/zero named: refused at once"
is "$(head -1 "$TMP/err")" "dateline-index: /dev/zero: a character device, not a file: nothing to read (to read what it gives, pipe it: cat DEVICE | dateline-index -)" "saying what it is"
timeout -k 10 20 "$INDEX" --index "$DB" - < /dev/zero > /dev/null 2> "$TMP/err"
is "$?" 1 "zero bytes on standard input: refused at the first block"
is "$(head -1 "$TMP/err")" "dateline-index: -: binary data, not an article (use --format to read it as text anyway)" "as binary"
timeout -k 10 20 "$INDEX" --index "$DB" - < /dev/urandom > /dev/null 2> "$TMP/err"
is "$?" 1 "random bytes on standard input: refused at the first block"
(cat /dev/zero | tr '\0' 'z' | timeout -k 10 60 "$INDEX" --index "$DB" - > /dev/null 2> "$TMP/err"; echo "$?" > "$TMP/rc")
is "$(cat "$TMP/rc")" 0 "text that never ends on a pipe: read up to 256 MB, then cut"
is "$(grep -c 'note: more than 256 MB from a pipe or device: read no further; article of 256.[0-9] MB: only its first 4 MB were read' "$TMP/err")" 1 "with a note"
echo "A story from a terminal" | timeout -k 10 20 "$INDEX" --index "$DB" /dev/stdin 2> "$TMP/err"
is "$?" 0 "/dev/stdin is read"
dev=$(find /dev -maxdepth 1 -type b 2>/dev/null | head -1)
if [ -n "$dev" ]; then
    timeout -k 10 20 "$INDEX" --index "$DB" "$dev" > /dev/null 2> "$TMP/err"
    is "$?:$(head -1 "$TMP/err")" "1:dateline-index: $dev: a block device, not a file: nothing to read (to read what it gives, pipe it: cat DEVICE | dateline-index -)" "a block device ($dev) is refused"
else
    ok 0 "# SKIP no block device in /dev"
fi
mkdir -p "$TMP/drop"
cp corpus/wire/2017-07-10-mosul.txt "$TMP/drop/"
mkfifo "$TMP/drop/pipe"
timeout -k 10 20 "$INDEX" -v --index "$TMP/dbd" "$TMP/drop" > /dev/null 2> "$TMP/err"
is "$?" 0 "a pipe in a folder does not stop the walk"
is "$(grep 'pipe' "$TMP/err" | sed "s|$TMP|TMP|")" "dateline-index: TMP/drop/pipe: skipped: a pipe, not a file" "it is skipped (-v says so)"

# words and names far past Xapian's term limit
{ echo "Ministry of $(head -c 3000 /dev/zero | tr '\0' 'x') Affairs says"; echo
  echo "BEIRUT (Reuters) - The $(printf 'Very%.0s' $(seq 200)) Long Organisation Council met."
  echo "A word: $(head -c 10000 /dev/zero | tr '\0' 'q') and Syria."; } > "$TMP/terms.txt"
"$INDEX" --index "$DB" "$TMP/terms.txt" > /dev/null 2> "$TMP/err"
is "$?" 0 "10,000-byte words and 3,000-byte names go in"
is "$("$SEARCH" --index "$DB" --count 'place:syria')" 1 "and the article is indexed"
"$SEARCH" --index "$DB" "group:$(head -c 5000 /dev/zero | tr '\0' 'x')" > /dev/null 2> "$TMP/err"
is "$?" 1 "a 5,000-byte filter value finds nothing, without an error"
done_testing
