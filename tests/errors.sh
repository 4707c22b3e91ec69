#!/bin/bash
# errors.sh: mistakes get exit 2 and a message that says what to do.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire 2> /dev/null

check() { # check WANT-EXIT WANT-STDERR-FIRST-LINE COMMAND...
    local want=$1 msg=$2; shift 2
    "$@" > "$TMP/o" 2> "$TMP/e"
    local rc=$?
    is "$rc" "$want" "exit $want: $*"
    is "$(head -n 1 "$TMP/e")" "$msg" "  message"
}
check 2 "dateline-search: no index at $TMP/none: build one with dateline-index --index $TMP/none FILES..." "$SEARCH" --index "$TMP/none" oil
check 2 "dateline-search: in the query: position 6: '2017-13-45' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B" "$SEARCH" --index "$DB" 'date:2017-13-45'
check 2 "dateline-search: in the query: position 5: a quote that is never closed" "$SEARCH" --index "$DB" 'oil "price'
check 2 "dateline-search: no query: give words to search for, or * for every article" "$SEARCH" --index "$DB"
check 2 "dateline-search: unknown --format 'xml': use text, json, jsonl, tsv, csv or svg" "$SEARCH" --index "$DB" --format xml oil
check 2 "dateline-search: --limit takes a whole number, not 'ten'" "$SEARCH" --index "$DB" -n ten oil
check 1 "dateline-search: no article with id 0000000000000000 in $DB" "$SEARCH" --index "$DB" --show 0000000000000000
check 2 "dateline-index: no input: name files or folders to read, or - for standard input" "$INDEX" --index "$DB"
check 2 "dateline-index: bad date '2017-02-30': give a real day as YYYY-MM-DD" "$INDEX" --index "$DB" --date 2017-02-30 corpus/odd/crlf.txt
check 2 "dateline-index: unknown encoding 'KLINGON' (see iconv --list)" "$INDEX" --index "$DB" --encoding KLINGON corpus/odd/crlf.txt
check 2 "dateline-index: unknown format 'pdf': use auto, text, sgml, csv, json, mail, xml or html" "$INDEX" --index "$DB" --format pdf corpus
check 2 "dateline-search: --facet takes source, dateline, place, group or topic, and :N for how many of its values, not 'colour'" "$SEARCH" --index "$DB" --facet colour oil
check 2 "dateline-search: unknown --timeline 'hour': use day, week, month or year" "$SEARCH" --index "$DB" --timeline hour oil
check 2 "dateline-search: --by takes source, dateline, place, group or topic, and :N for how many of its values (1 to 10), not 'country'" "$SEARCH" --index "$DB" --by country oil
check 2 "dateline-search: --by takes source, dateline, place, group or topic, and :N for how many of its values (1 to 10), not 'place:11'" "$SEARCH" --index "$DB" --by place:11 oil
check 2 "dateline-search: --half-life takes a number of days above 0, not '-3'" "$SEARCH" --index "$DB" --sort recent --half-life -3 oil
mkdir -p "$TMP/notdb"
check 2 "dateline-search: $TMP/notdb is an empty folder, not an index yet: build one with dateline-index --index $TMP/notdb FILES..." "$SEARCH" --index "$TMP/notdb" oil

# --index that is not an index: said plainly, by both programs, and nothing is written there
mkdir -p "$TMP/docs"; echo "my notes" > "$TMP/docs/notes.txt"; echo x > "$TMP/docs/a.txt"
check 2 "dateline-index: $TMP/docs is a folder of other things (2 entries, such as 'a.txt'), not a Dateline index: give --index a new or empty folder to build an index in" "$INDEX" --index "$TMP/docs" corpus/wire
is "$(ls "$TMP/docs" | tr '\n' ' ')" "a.txt notes.txt " "  nothing written among them"
check 2 "dateline-search: $TMP/docs is a folder of other things (2 entries, such as 'a.txt'), not a Dateline index: give --index the folder an index was built in" "$SEARCH" --index "$TMP/docs" oil
check 2 "dateline-index: $TMP/docs is a folder of other things (2 entries, such as 'a.txt'), not a Dateline index: give --index the folder an index was built in" "$INDEX" --stats --index "$TMP/docs"
check 2 "dateline-index: $TMP/docs/notes.txt is a file, not an index folder: give --index a new or empty folder to build an index in" "$INDEX" --index "$TMP/docs/notes.txt" corpus/wire
is "$(cat "$TMP/docs/notes.txt")" "my notes" "  the file is untouched"
check 2 "dateline-search: $TMP/docs/notes.txt is a file, not an index folder: give --index the folder an index was built in" "$SEARCH" --index "$TMP/docs/notes.txt" oil
mkdir -p "$TMP/mail/.notmuch" "$TMP/mail/cur"
check 2 "dateline-index: $TMP/mail is a notmuch mail store, not a Dateline index: give --index a new or empty folder to build an index in" "$INDEX" --index "$TMP/mail" corpus/wire
/usr/bin/python3 -c 'import sys, xapian; db = xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE); d = xapian.Document(); d.add_term("x"); db.add_document(d); db.commit()' "$TMP/xap"
check 2 "dateline-search: $TMP/xap is a Xapian database but not a Dateline index: give another --index folder" "$SEARCH" --index "$TMP/xap" oil
mkdir -p "$TMP/fresh"
"$INDEX" -q --index "$TMP/fresh" corpus/wire/2017-07-10-mosul.txt 2> /dev/null
is "$?:$("$SEARCH" --index "$TMP/fresh" --count '*')" "0:1" "an empty folder is built in"

# the environment variable names the index when --index is not given
is "$(DATELINE_INDEX="$DB" "$SEARCH" --count '*')" 33 "DATELINE_INDEX is used"
# --help teaches the query language
"$SEARCH" --help | grep -q 'date:1987-02..1987-03'
ok $? "--help shows date ranges"
done_testing
