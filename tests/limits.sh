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
