#!/bin/bash
# dates.sh: dates known only to the month or year are stored and matched as spans.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$TMP/db"
mkdir -p "$TMP/in"
printf 'Month-only story\nOctober 2017\n\nRAQQA, Syria (Reuters) - Fighting went on in the city this month.\n' > "$TMP/in/month.txt"
printf 'Day story\nOctober 18, 2017\n\nRAQQA, Syria (Reuters) - Fighting went on in the city on Wednesday.\n' > "$TMP/in/day.txt"
printf 'Year-only story\n2016\n\nALEPPO, Syria (Reuters) - Fighting went on in the city all year.\n' > "$TMP/in/year.txt"
"$INDEX" -q --index "$DB" "$TMP/in" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 3, added 3, updated 0, unchanged 0, duplicates 0, rejected 0" "three stories"
S() { "$SEARCH" --index "$DB" "$@"; }
titles() { S --format tsv --sort oldest "$@" | tail -n +2 | cut -f7 | tr '\n' '|'; }
is "$(S --format tsv 'month' | tail -n +2 | cut -f4)" "2017-10" "a month-only date is kept as the month"
is "$(titles 'date:2017-10')" "Month-only story|Day story|" "date:2017-10 matches the month and the day"
is "$(titles 'date:2017')" "Month-only story|Day story|" "date:2017 too"
is "$(titles 'date:2017-10-18')" "Day story|" "date:2017-10-18 only the day: the month-only story may be any day"
is "$(titles 'date:2017-10-15..2017-11-15')" "Day story|" "a range must hold the whole month"
is "$(titles 'date:2016..2017')" "Year-only story|Month-only story|Day story|" "a range holding all three"
is "$(titles 'date:2016-06')" "" "a year-only date is not in one of its months"
is "$(S -n 0 --format tsv --timeline day '*' | cut -f2,3 | tr '\t\n' ' |')" "2017-10-18 1|" "day timelines count only stories known to the day"
is "$(S -n 0 --format tsv --timeline month '*' | cut -f2,3 | tr '\t\n' ' |')" "2017-10 2|" "month timelines leave out the year-only story"
is "$(S -n 0 --format tsv --timeline year '*' | cut -f2,3 | tr '\t\n' ' |')" "2016 1|2017 2|" "year timelines count all three"
done_testing
