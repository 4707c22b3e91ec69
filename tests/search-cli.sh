#!/bin/bash
# search-cli.sh: dateline-search's command line (options anywhere, --, --stdin) and its output
# formats (JSON, JSON Lines, CSV, TSV headers, streaming, wrapping, the pager).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire corpus/sgml corpus/odd 2> /dev/null
S() { "$SEARCH" --index "$DB" "$@"; }

# options anywhere on the line; -- ends them
is "$(S opec -n 1 --format tsv | wc -l)" 1 "an option after the query applies (-n 1)"
is "$(S opec -n 1 --format tsv)" "$(S -n 1 --format tsv opec)" "and gives what it gives before the query"
is "$(S -c opec)" 2 "two OPEC stories, both naming Kuwait and Saudi Arabia"
is "$(S -c -- -kuwait opec)" 1 "after --, -kuwait is a query word"
is "$(S -c opec -- -kuwait)" 1 "-- after the first words too"
is "$(S -c -- '*' -n 3)" 0 "after --, -n is a word, not the limit"
for w in -saudi -place:x -hamas -nato; do
    S opec "$w" > "$TMP/out" 2> "$TMP/err"
    is "$? $(wc -c < "$TMP/out")" "2 0" "opec $w: a usage error, nothing printed"
    grep -q "if '$w' is part of the query, put the query after --" "$TMP/err"
    ok $? "opec $w: the message says to put the query after --"
done
is "$(S -iraq oil 2>&1 | tail -n 1)" "dateline-search: if '-iraq' is part of the query, put the query after -- (dateline-search -- -iraq ...) or quote it whole ('... -iraq')" \
    "-iraq (an index named raq, which is not there): the hint follows the error"
S --bogus oil > /dev/null 2> "$TMP/err"
is "$? $(grep -c 'unrecognized option' "$TMP/err")" "2 1" "an unknown long option: exit 2"
is "$(S --lim 1 --format=tsv oil | wc -l)" 1 "long options may be abbreviated, before or after the query"

done_testing
