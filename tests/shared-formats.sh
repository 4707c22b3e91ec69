#!/bin/bash
# shared-formats.sh: the shared Usenet spool (18,846 articles, one per file) and the two ISOT CSV
# exports go in with exact counts: every article read, each repeat counted as a duplicate.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
N="$SHARED/corpora/20news-bydate"
I="$SHARED/corpora/isot"
[ -d "$N" ] && [ -d "$I" ] || skip_all "no $N or $I (the shared corpora sit beside the repository in CI)"
S() { "$SEARCH" --index "$TMP/news" "$@"; }

files=$(find "$N" -type f | wc -l)
is "$files" 18846 "the spool holds 18846 files"
"$INDEX" -q --index "$TMP/news" --topic-from-folder "$N" > /dev/null 2> "$TMP/err"
is "$?" 0 "exit 0: every file went in"
# Articles cross-posted to several groups are one file in each group's folder: with the folder
# as topic their fields differ, so they are separate articles. 13 files repeat another of their
# group but for headers Dateline does not keep (checked by hand: comp.windows.x 67434 and 67451
# differ only in "To: <xpert@...>" against "To: xpert@..."; the same post sent twice).
is "$(summary "$TMP/err")" "dateline-index: read 18846, added 18833, updated 0, unchanged 0, duplicates 13, rejected 0" "18846 read: 18833 added, 13 duplicates"
is "$(S --count '*')" 18833 "18833 articles"
groups=$(find "$N" -mindepth 2 -maxdepth 2 -type d -printf '%f\n' | sort -u | wc -l)
is "$(S --format tsv -n 0 --facet topic:40 '*' | grep -c '^facet	topic	')" "$groups" "every newsgroup is a topic ($groups)"
want=$(find "$N" -path '*/sci.space/*' -type f | wc -l)
got=$(S --count 'topic:sci.space')
[ "$got" -le "$want" ] && [ "$got" -ge $((want - 5)) ]
ok $? "topic:sci.space finds the group's $want files, less exact repeats ($got)"
# 73 files are not UTF-8; in one of them (misc.forsale/76361) the only such bytes are in a
# Keywords: header, which Dateline does not read
bad=$(/usr/bin/python3 -c '
import os, sys
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        try:
            open(os.path.join(root, f), "rb").read().decode("utf-8")
        except UnicodeDecodeError:
            n += 1
print(n)' "$N")
is "$bad" 73 "73 files are not UTF-8"
is "$(S --count 'charset:windows-1252')" 72 "72 of them are read as Windows-1252 (the 73rd: only a header Dateline skips)"

"$INDEX" -q --index "$TMP/isot" "$I" > /dev/null 2> "$TMP/err"
is "$?" 0 "ISOT: exit 0 (SHA256SUMS beside the CSVs is skipped)"
rows=$(/usr/bin/python3 -c '
import csv, sys
csv.field_size_limit(1 << 30)
print(sum(sum(1 for _ in csv.reader(open(p, encoding="utf-8", newline=""))) - 1 for p in sys.argv[1:]))' "$I/True.csv" "$I/Fake.csv")
is "$rows" 1518 "Python's csv module counts 1518 rows"
is "$(summary "$TMP/err")" "dateline-index: read 1518, added 1517, updated 0, unchanged 0, duplicates 1, rejected 0" "1518 read: rows 417 and 446 of True.csv are the same"
is "$("$SEARCH" --index "$TMP/isot" --count 'topic:politicsnews')" 499 "True.csv's subject is a topic (500 rows, one a copy)"
is "$("$SEARCH" --index "$TMP/isot" --show "$("$SEARCH" --index "$TMP/isot" --format tsv 'title:trigger AND title:stalls' | tail -n +2 | cut -f3)" --format tsv | grep -E '^(key|origins)')" "$(printf 'key\t417\norigins\t%s' "$I/True.csv:446")" "the copy is an origin of the first"
is "$("$SEARCH" --index "$TMP/isot" --count 'date:2017-12')" "$(grep -c 'December [0-9]*, 2017' "$I/True.csv" "$I/Fake.csv" | awk -F: '{s += $2} END {print s}')" "dates like 'December 31, 2017 ' are read"
want=$(/usr/bin/python3 -c '
import csv, re, sys
csv.field_size_limit(1 << 30)
rows = {tuple(r) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))[1:]}
n = 0
for r in rows:
    m = re.match(r"\s*([A-Z][A-Z .,/\x27-]*?)\s*\([^)]*\)\s*-", r[1])
    n += bool(m) and "WASHINGTON" in [p.strip() for p in m.group(1).split("/")]
print(n)' "$I/True.csv")
is "$("$SEARCH" --index "$TMP/isot" --count 'dateline:washington AND topic:politicsnews')" "$want" "datelines from the text's lead ($want distinct rows from WASHINGTON, some as WASHINGTON () -)"
echo "1..$tap_n"
exit $((tap_failed > 0))
