#!/bin/bash
# dates.sh: dates known only to the month or year are stored and matched as spans.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$TMP/db"
mkdir -p "$TMP/in"
printf 'Month-only story\nOctober 2017\n\nRAQQA, Syria (Reuters) - Fighting went on in the city this month.\n' > "$TMP/in/month.txt"
printf 'Day story\nOctober 18, 2017\n\nRAQQA, Syria (Reuters) - Fighting went on in the city on Wednesday.\n' > "$TMP/in/day.txt"
printf 'Year-only story\n2016\n\nALEPPO, Syria (Reuters) - Fighting went on in the city all year.\n' > "$TMP/in/year.txt"
"$INDEX" -q --index "$DB" "$TMP/in" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 3, added 3, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 3" "three stories"
S() { "$SEARCH" --index "$DB" "$@"; }
titles() { S --format tsv --sort oldest "$@" | tail -n +2 | cut -f7 | tr '\n' '|'; }
is "$(S --format tsv 'month' | tail -n +2 | cut -f4)" "2017-10" "a month-only date is kept as the month"
is "$(titles 'date:2017-10')" "Month-only story|Day story|" "date:2017-10 matches the month and the day"
is "$(titles 'date:2017')" "Month-only story|Day story|" "date:2017 too"
is "$(titles 'date:2017-10-18')" "Day story|" "date:2017-10-18 only the day: the month-only story may be any day"
is "$(titles 'date:2017-10-15..2017-11-15')" "Day story|" "a range must hold the whole month"
is "$(titles 'date:2016..2017')" "Year-only story|Month-only story|Day story|" "a range holding all three"
is "$(titles 'date:2017-10-01..2017-10-20')" "Day story|" "a range from the month's first day to before its last: not the month-only story (its span ends 10-31)"
is "$(titles 'date:..2016-06')" "" "..B ending in June 2016: not the year-only story (its span ends in December)"
is "$(titles 'date:..2016')" "Year-only story|" "..B ending with the year: the year-only story"
is "$(titles 'date:2016-06')" "" "a year-only date is not in one of its months"
is "$(S -n 0 --format tsv --timeline day '*' | cut -f2,3 | tr '\t\n' ' |')" "2017-10-18 1|" "day timelines count only stories known to the day"
is "$(S -n 0 --format tsv --timeline month '*' | cut -f2,3 | tr '\t\n' ' |')" "2017-10 2|" "month timelines leave out the year-only story"
is "$(S -n 0 --format tsv --timeline year '*' | cut -f2,3 | tr '\t\n' ' |')" "2016 1|2017 2|" "year timelines count all three"
# the matches a timeline leaves out are counted: with an undated story too, by day two are
# dated too roughly (the month-only and the year-only story), by month one, by year none
printf 'Undated story\n\nRAQQA, Syria (Reuters) - Fighting went on in the city.\n' > "$TMP/undated.txt"
"$INDEX" -q --index "$DB" "$TMP/undated.txt" 2> /dev/null
is "$(S --count 'undated')" 1 "the undated story went in"
is "$(S -n 0 --timeline day '*' | tail -n 1)" "  1 of 4 matches in the timeline; 1 undated, 2 dated only to a month or year" "text by day: 1 undated, 2 too rough"
is "$(S -n 0 --timeline week '*' | tail -n 1)" "  1 of 4 matches in the timeline; 1 undated, 2 dated only to a month or year" "text by week: the same"
is "$(S -n 0 --timeline month '*' | tail -n 1)" "  2 of 4 matches in the timeline; 1 undated, 1 dated only to a year" "text by month: 1 undated, 1 too rough"
is "$(S -n 0 --timeline year '*' | tail -n 1)" "  3 of 4 matches in the timeline; 1 undated" "text by year: 1 undated"
if command -v python3 > /dev/null; then
    for p in day:1:2 week:1:2 month:1:1 year:1:0; do
        S -n 0 --format json --timeline "${p%%:*}" '*' > "$TMP/t.json"
        python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); t=d["timeline"]
want=tuple(int(x) for x in sys.argv[2].split(":")[1:])
assert (t["undated"], t["coarser"]) == want, (t["undated"], t["coarser"], want)
assert sum(p["count"] for p in t["periods"]) + t["undated"] + t["coarser"] == d["total"] == 4
' "$TMP/t.json" "$p"
        ok $? "JSON by ${p%%:*}: undated and coarser as counted, and periods + undated + coarser = total"
    done
    S --format svg --timeline day '*' > "$TMP/t.svg"
    python3 -c 'import sys, xml.etree.ElementTree as E
texts=[t.text for t in E.parse(sys.argv[1]).getroot().iter("{http://www.w3.org/2000/svg}text")]
assert "1 of 4 articles drawn; not drawn: 1 undated, 2 dated only to a month or year." in texts, texts
' "$TMP/t.svg"
    ok $? "the SVG notes what it does not draw"
fi
done_testing
