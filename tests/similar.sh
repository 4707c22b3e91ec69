#!/bin/bash
# similar.sh: --similar ID (more like this) over corpus/: who comes first and why, what is left
# out (the article, the versions of its story), a QUERY as a filter, paging, counts and errors.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire corpus/sgml corpus/odd corpus/formats/repeats.jsonl 2> /dev/null
S() { "$SEARCH" --index "$DB" "$@"; }
T() { S --format tsv "$@" | tail -n +2; }   # TSV rows without the header line
id_of() { T --all-versions "$1" | cut -f3; }   # the one article a query finds
titles() { cut -f7 | tr '\n' '|'; }

raqqa=$(id_of 'title:raqqa')
opec87=$(id_of 'title:survey title:opec')
corrected=$(id_of 'title:corrected')
is "$(printf '%s\n' "$raqqa" "$opec87" "$corrected" | grep -c '^[0-9a-f]\{16\}$')" 3 "three articles to start from"

# The top result is the one a reader would pick:
# - the 1987 survey of OPEC's output below its ceiling: the 1988 story of OPEC ministers agreeing
#   a new output ceiling, the only other story about OPEC's production (opec, output, ceiling,
#   barrels, Kuwait, Saudi);
# - the taking of Raqqa from Islamic State by US-backed forces: the other city retaken from
#   Islamic State by a US-led coalition, Mosul (islamic, state, coalition, forces, militants);
# - the Danube barges halted by low water: the Rhine's shippers sailing half-empty for the same
#   low water on the same day (river, barges, shippers, low, water, tuesday), the other two
#   versions of the Danube story being left out.
is "$(T -n 1 --similar "$opec87" | titles)" "OPEC ministers agree new output ceiling|" "like the 1987 OPEC survey: the 1988 OPEC ceiling"
is "$(T -n 1 --similar "$raqqa" | titles)" "Iraq declares victory over Islamic State in Mosul|" "like Raqqa: Mosul"
is "$(T -n 1 --similar "$corrected" | titles)" "Rhine shippers add surcharges as levels drop|" "like the Danube correction: the Rhine's low water"

# what is left out: the article itself, and every version of its story, even with --all-versions
T --all-versions -n 1000 --similar "$raqqa" | cut -f3 > "$TMP/raqqa.ids"
is "$(grep -c "^$raqqa\$" "$TMP/raqqa.ids")" 0 "Raqqa is not in its own list"
is "$(wc -l < "$TMP/raqqa.ids")" "$(S --count --similar "$raqqa")" "the list holds every match (--count agrees)"
story=$(S --format json 'title:corrected' | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["story"])')
is "$(S --count "story:$story")" 3 "the Danube story has 3 versions"
is "$(S --count --similar "$corrected" "story:$story")" 0 "none of them is like the correction"
T --all-versions -n 1000 --similar "$corrected" | cut -f3 > "$TMP/corrected.ids"
is "$(T --all-versions 'danube' | cut -f3 | grep -cxFf - "$TMP/corrected.ids")" 0 "no Danube version in the list, with --all-versions"
is "$(S --count --similar "$(id_of 'title:danube -title:corrected' | head -n 1)" 'danube')" 0 "nor from the first version"

# a QUERY filters without changing the order: the 2017 stories like Raqqa are the 2017 rows of
# the whole list, in the same order; all five others of 2017 share words with it
T -n 1000 --similar "$raqqa" > "$TMP/all.tsv"
is "$(T -n 100 --similar "$raqqa" 'date:2017' | titles)" \
   "$(awk -F'\t' '$4 ~ /^2017/' "$TMP/all.tsv" | titles)" "--similar ID date:2017: the 2017 rows of the whole list, in order"
is "$(S --count --similar "$raqqa" 'date:2017')" 5 "five 2017 stories besides Raqqa"
is "$(T -n 2 --similar "$raqqa" 'date:2017' | titles)" \
   "Iraq declares victory over Islamic State in Mosul|Syrian army presses on in Deir ez-Zor|" "Mosul, then Deir ez-Zor"
# the four stories about Iraq or the Philippines (Mosul, Marawi, Baghdad in 2003, and OPEC's 1988
# ceiling, which names Iraq), none of them Raqqa, all share words with it
is "$(S --count --similar "$raqqa" 'place:iraq OR place:philippines')" 4 "filters on places too"
is "$(S --count --similar "$raqqa" 'zzzzunknownword')" 0 "a filter nothing passes"
is "$(S --count --similar "$raqqa" ' ')" "$(S --count --similar "$raqqa")" "a blank QUERY filters nothing"
S --similar "$raqqa" 'zzzzunknownword' > /dev/null
is "$?" 1 "nothing matched: exit 1"

# pages like any other search
is "$(T -n 2 --offset 2 --similar "$raqqa" | cut -f1,3 | tr '\n\t' '| ')" \
   "$(sed -n 3,4p "$TMP/all.tsv" | cut -f1,3 | tr '\n\t' '| ')" "--offset 2 -n 2: ranks 3 and 4 of the whole list"
is "$(S --format json -n 0 --similar "$raqqa" 'date:2017' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["query"], d["total"])')" \
   "--similar $raqqa date:2017 5" "JSON: the query is named by the arguments that ask it again"
# highlighting: the words the result shares with the article
S --color=always -n 2 --similar "$raqqa" 'date:2017' > "$TMP/similar.txt"; golden similar.txt

# errors
S --similar 0123456789abcdef > "$TMP/out" 2> "$TMP/err"
is "$?" 1 "an unknown id: exit 1"
is "$(cat "$TMP/err")" "dateline-search: no article with id 0123456789abcdef in $DB: take an id from a search's results (the 16 hex digits after each result, or --format tsv's third column)" "and a message naming it and the remedy"
is "$(wc -c < "$TMP/out")" 0 "nothing on stdout"
S --similar "$raqqa" 'date:2017-13' > /dev/null 2> "$TMP/err"
is "$?" 2 "a bad QUERY: exit 2"
grep -q "in the query: position 6" "$TMP/err"
ok $? "with the query language's message"
S --similar "$raqqa" --show "$raqqa" > /dev/null 2> "$TMP/err"
is "$?" 2 "--similar with --show: exit 2"
is "$(cat "$TMP/err")" "dateline-search: --show prints one article and --similar searches: give one of them" "and why"
done_testing
