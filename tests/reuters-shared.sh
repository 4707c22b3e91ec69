#!/bin/bash
# reuters-shared.sh: all of ../shared/corpora/reuters21578 goes in, as a folder: its .sgm files'
# records and nothing else (not its README, DTD, category lists and notes); article and date
# counts match the SGML.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
R="$SHARED/corpora/reuters21578"
[ -d "$R" ] || skip_all "no $R (the shared corpora sit beside the repository in CI)"
# The index is kept in the build folder for tests/chains.sh (make runs that test after this
# one), with a mark written once the ingest is checked, so that Reuters goes in once per check.
DB="$top_builddir/tests/reuters.db"
rm -rf "$DB" "$DB.ok"
"$INDEX" --index "$DB" "$R" > /dev/null 2> "$TMP/err"
rc=$?
records=$(cat "$R"/reut2-*.sgm | grep -c '<REUTERS ')
sgm=$(ls "$R"/*.sgm | wc -l)
others=$(find "$R" -maxdepth 1 -type f ! -name '*.sgm' | wc -l)
is "$sgm $records $others" "18 18000 10" "the folder: 18 .sgm files (reut2-000 to 017) of 18000 records, and 10 other files"
is "$(summary "$TMP/err")" "dateline-index: read 18000, added 18000, updated 0, unchanged 0, duplicates 0, rejected 0; formats: sgml 18000" "every record read and added, and nothing else"
is "$rc" 0 "exit 0"
is "$(grep -c 'skipped, not an article' "$TMP/err")" 8 "8 files skipped with a note (5 word lists, the category notes, the Prolog facts, the DTD)"
is "$(grep 'files skipped' "$TMP/err")" "dateline-index: $others files skipped, not articles: checksum lists, READMEs, DTDs, licences, lists (-v names them all)" "all $others counted (README.txt and SHA256SUMS by their names)"
is "$("$SEARCH" --index "$DB" --count '*')" "$records" "index count equals the record count"
[ "$rc" = 0 ] && [ "$("$SEARCH" --index "$DB" --count '*')" = "$records" ] && echo "$records" > "$DB.ok"
# a run that wrote more than 32M and more than a quarter of the index compacts it at the end:
# about 2.8 times the SGML's bytes, where the index as written is 5.3 times (README, Benchmark)
is "$(grep -c '^dateline-index: compacting .* MB of it written by this run' "$TMP/err")" 1 "the ingest compacts the index at the end"
ratio=$(echo "$(du -sb "$DB" | cut -f1) $(cat "$R"/*.sgm | wc -c)" | awk '{printf "%.2f", $1 / $2}')
awk -v r="$ratio" 'BEGIN { exit !(r > 2 && r < 3) }'
ok $? "the compact index is 2 to 3 times the SGML ($ratio)"

# The dates, computed from the SGML itself: DATE is D-MON-YYYY with stray spaces.
sed -n 's/^<DATE> *\([0-9]*\)-\([A-Z]*\)-\([0-9]*\).*/\3 \2 \1/p' "$R"/reut2-*.sgm > "$TMP/dates"
is "$(wc -l < "$TMP/dates")" "$records" "every record has a DATE line"
mon() { case $1 in JAN) echo 01;; FEB) echo 02;; MAR) echo 03;; APR) echo 04;; MAY) echo 05;; JUN) echo 06;;
    JUL) echo 07;; AUG) echo 08;; SEP) echo 09;; OCT) echo 10;; NOV) echo 11;; DEC) echo 12;; esac; }
while read -r y m d; do printf '%s-%s-%02d\n' "$y" "$(mon "$m")" "$((10#$d))"; done < "$TMP/dates" | sort > "$TMP/days"
# every month, and a few days and ranges
for month in $(cut -c1-7 "$TMP/days" | sort -u); do
    want=$(grep -c "^$month" "$TMP/days")
    is "$("$SEARCH" --index "$DB" --count "date:$month")" "$want" "date:$month"
done
for day in 1987-02-26 1987-03-02 1987-04-07 1987-10-19; do
    want=$(grep -c "^$day" "$TMP/days")
    is "$("$SEARCH" --index "$DB" --count "date:$day")" "$want" "date:$day"
done
want=$(awk '$0 >= "1987-03-01" && $0 <= "1987-03-15"' "$TMP/days" | wc -l)
is "$("$SEARCH" --index "$DB" --count 'date:1987-03-01..1987-03-15')" "$want" "date:1987-03-01..1987-03-15"
want=$(awk '$0 >= "1987-04"' "$TMP/days" | wc -l)
is "$("$SEARCH" --index "$DB" --count 'date:1987-04..')" "$want" "date:1987-04.."
# the record with a raw 0xFC byte was read as Windows-1252
is "$("$SEARCH" --index "$DB" --count 'charset:windows-1252')" 1 "one record read as Windows-1252"
# labels become filters
# labels are kept: every record labelled ussr is found by place:ussr (the text finds more)
awk '/<REUTERS /{match($0, /NEWID="[0-9]+"/); id = substr($0, RSTART + 7, RLENGTH - 8)}
     /<PLACES>.*<D>ussr<\/D>/ {print id}' "$R"/reut2-*.sgm | sort > "$TMP/labelled"
"$SEARCH" --index "$DB" --all-versions --format tsv -n 100000 'place:ussr' | tail -n +2 | cut -f12 | sort > "$TMP/found"
is "$(wc -l < "$TMP/labelled")" 194 "194 records labelled ussr"
is "$(comm -23 "$TMP/labelled" "$TMP/found" | wc -l)" 0 "place:ussr finds every one of them"
is "$("$SEARCH" --index "$DB" --count 'place:"soviet union"')" "$(wc -l < "$TMP/found")" "place:\"soviet union\" is place:ussr"
# ORGS labels are kept: every record labelled opec is found by group:opec
awk '/<REUTERS /{match($0, /NEWID="[0-9]+"/); id = substr($0, RSTART + 7, RLENGTH - 8)}
     /<ORGS>.*<D>opec<\/D>/ {print id}' "$R"/reut2-*.sgm | sort > "$TMP/opec"
"$SEARCH" --index "$DB" --all-versions --format tsv -n 100000 'group:opec' | tail -n +2 | cut -f12 | sort > "$TMP/opec-found"
is "$(comm -23 "$TMP/opec" "$TMP/opec-found" | wc -l)" 0 "group:opec finds all $(wc -l < "$TMP/opec") records labelled opec"
# no entity or control character reached a title or the start of a story
"$SEARCH" --index "$DB" --all-versions --format tsv -n 20000 '*' | tail -n +2 > "$TMP/all.tsv"
is "$(wc -l < "$TMP/all.tsv")" "$records" "every article listed"
is "$(cut -f7,13 --output-delimiter=' ' "$TMP/all.tsv" | grep -cE '&(lt|gt|amp|#[0-9]+);|[[:cntrl:]]')" 0 "no entity or control character in titles and leads"
# The query algebra over the whole archive: topic: and date: atoms are checked against the
# SGML's own TOPICS and DATE, and every combination against set algebra over the atoms.
# Date ranges drawn from the archive's days count alike by date terms and by value slots.
python3 "$top_srcdir/tests/query-algebra.py" --reuters "$R" --random 40 --date-ranges 40 "$SEARCH" "$DB" \
    topic:crude topic:grain 'place:japan' 'place:usa' 'group:opec' date:1987-04 date:1987-03 \
    date:1987-03-02..1987-03-20 'dateline:london' oil price '"trade deficit"' 'petro*' \
    'title:bank' 'u.s.' > "$TMP/algebra.tap"
grep '^not ok' -A3 "$TMP/algebra.tap" | head -30 | sed 's/^/# /'
ok "$(grep -c '^not ok' "$TMP/algebra.tap")" "the query algebra holds over Reuters ($(grep -c '^ok' "$TMP/algebra.tap") checks)"
# past the default bound (1000) a list's total is marked, --count and --exact-total exact
n=$("$SEARCH" --index "$DB" --count -- 'said -oil')
ok "$([ "$n" -gt 1000 ]; echo $?)" "said -oil: $n articles, past the default bound"
is "$("$SEARCH" --index "$DB" -- 'said -oil' | tail -n 1)" "1-10 of 1000+ matches (--exact-total counts them all)" "said -oil: text says 1000+"
is "$("$SEARCH" --index "$DB" --format json -- 'said -oil' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["total_exact"], d["total_bound"])')" "1000 False 1000" "said -oil: JSON marks the total, bound 1000"
is "$("$SEARCH" --index "$DB" --exact-total --format json -- 'said -oil' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], "total_exact" in d)')" "$n False" "said -oil: --exact-total gives --count's total"
# a second run adds nothing
"$INDEX" -q --index "$DB" "$R/reut2-000.sgm" 2> "$TMP/err2"
is "$(summary "$TMP/err2")" "dateline-index: read 1000, added 0, updated 0, unchanged 1000, duplicates 0, rejected 0; formats: sgml 1000" "re-ingest: all unchanged"
# a run that writes less than a quarter of the index does not compact it, whatever the threshold
printf 'Harbour notice\n\nThe port of Valletta posted a notice about ferries to Gozo.\n' > "$TMP/one.txt"
DATELINE_COMPACT_ABOVE=0 "$INDEX" --index "$DB" "$TMP/one.txt" 2> "$TMP/err3"
is "$(summary "$TMP/err3")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "one article more"
is "$(grep -c compact "$TMP/err3")" 0 "one article on 18,000 (DATELINE_COMPACT_ABOVE=0): under a quarter, not compacted"
"$INDEX" -q --index "$DB" --delete-origin "$TMP/one.txt" 2> /dev/null
is "$("$SEARCH" --index "$DB" --count '*')" "$records" "and taken out again, for tests/chains.sh"
done_testing
