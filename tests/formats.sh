#!/bin/bash
# formats.sh: every input format of corpus/formats with exact counts and golden output; the
# options that name columns and fields, folder topics, gzip limits, charset repair, copies of
# an article as extra origins, deletions, --stats and --rejects.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
S() { "$SEARCH" --index "$DB" "$@"; }

# the good samples: 4 CSV rows, 3 JSON objects, 1 Usenet article, 2 mails, 2 gzip'd JSON,
# 3 NewsML items in 2 files, 1 HTML page
"$INDEX" --index "$DB" corpus/formats/export.csv corpus/formats/feed.jsonl \
    corpus/formats/usenet corpus/formats/mailbox.mbox corpus/formats/archive.jsonl.gz \
    corpus/formats/newsml corpus/formats/html 2> "$TMP/err"
is "$?" 0 "exit 0: every sample went in"
is "$(summary "$TMP/err")" "dateline-index: read 16, added 16, updated 0, unchanged 0, duplicates 0, rejected 0; formats: csv 4, json 5, mail 3, xml 3, html 1" "16 articles"
is "$(grep -c note "$TMP/err")" 0 "no notes"
S --format tsv --sort oldest '*' > "$TMP/formats.tsv"; golden formats.tsv
S --show "$(S --format tsv 'gotthard' | tail -n +2 | cut -f3)" --format json > "$TMP/show-usenet.json"; golden show-usenet.json
S --show "$(S --format tsv 'title:"metro strike"' | tail -n +2 | cut -f3)" --format json > "$TMP/show-mbox.json"; golden show-mbox.json
S --show "$(S --format tsv 'valletta' | tail -n +2 | cut -f3)" > "$TMP/show-html.txt"; golden show-html.txt
S --show "$(S --format tsv 'lisbon' | tail -n +2 | cut -f3)" > "$TMP/show-newsml.txt"; golden show-newsml.txt
is "$(S --count 'newsletter OR "rights reserved" OR "budget passes" OR "ferry leaves" OR analytics')" 0 "HTML: navigation, asides, captions, scripts and footers are not the story"
is "$(S --count 'topic:e31 AND dateline:lisbon AND date:1996-08-21')" 1 "NewsML: codes, dateline and date"
is "$(S --count 'charset:windows-1252 AND dom')" 1 "NewsML: the declared ISO-8859-1 is read (as Windows-1252)"
is "$(S --count 'topic:rec.travel.europe AND topic:ch.general')" 1 "Newsgroups: each group a topic"
is "$(S --count 'charset:windows-1252 AND gotthard')" 1 "a mail declared ISO-8859-1 is read as Windows-1252"
is "$(S --count '"from the harbour"')" 1 "mbox: '>From ' in a body is unquoted"
is "$(S --count 'source:"example networks zurich"')" 1 "Organization: is the source"
is "$(S --count 'topic:environment')" 2 "JSON: a category string and a list both give topics"
is "$(S --count 'place:nigeria')" 1 "CSV: the location column gives places"
is "$(S --count 'date:2019-07-01')" 1 "JSON: an ISO time with a zone is dated"
is "$(S --count 'date:2019-09-10')" 1 "mail: Date: is read"

# the same run again: nothing changes
"$INDEX" --index "$DB" corpus/formats/export.csv corpus/formats/feed.jsonl \
    corpus/formats/usenet corpus/formats/mailbox.mbox corpus/formats/archive.jsonl.gz \
    corpus/formats/newsml corpus/formats/html 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 16, added 0, updated 0, unchanged 16, duplicates 0, rejected 0; formats: csv 4, json 5, mail 3, xml 3, html 1" "a second run changes nothing"

# a copy elsewhere is the same articles: they gain an origin, no new articles
mkdir -p "$TMP/copy"
cp corpus/formats/export.csv "$TMP/copy/export.csv"
"$INDEX" --index "$DB" "$TMP/copy" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 0, duplicates 4, rejected 0; formats: csv 4" "a copied file: 4 duplicates"
is "$(S --count '*')" 16 "still 16 articles"
is "$(S --show 1290c805cfea884e --format tsv | grep '^origins')" "$(printf 'origins\t%s' "$TMP/copy/export.csv:2")" "the article lists the copy as an origin"
"$INDEX" --index "$DB" "$TMP/copy" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 0, updated 0, unchanged 4, duplicates 0, rejected 0; formats: csv 4" "the copy again: unchanged"
"$INDEX" --stats --index "$DB" | sed "s|$TMP|TMP|; /^size/d" > "$TMP/stats.txt"; golden stats.txt

# --delete-origin: the original goes, the copy keeps the articles; then the copy goes too
"$INDEX" --index "$DB" --delete-origin corpus/formats/export.csv 2> "$TMP/err"
is "$?" 0 "--delete-origin: exit 0"
is "$(cat "$TMP/err")" "dateline-index: deleted 0 articles; 4 kept, read from elsewhere too" "4 articles kept from the copy"
is "$(S --show 1290c805cfea884e --format tsv | grep '^file')" "$(printf 'file\t%s' "$TMP/copy/export.csv")" "the copy is now the article's file"
is "$(S --count '*')" 16 "16 articles"
"$INDEX" --index "$DB" --delete-origin "$TMP/copy" 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 4 articles" "a folder: its 4 articles deleted"
is "$(S --count '*')" 12 "12 articles"
"$INDEX" --index "$DB" --delete "$(S --format tsv 'iceland' | tail -n +2 | cut -f3)" 2> "$TMP/err"
is "$(cat "$TMP/err")" "dateline-index: deleted 1 article" "--delete ID"
is "$(S --count 'iceland')" 0 "it is gone"
"$INDEX" --index "$DB" --delete 0123456789abcdef --delete-origin no/such/file 2> "$TMP/err"
is "$?" 1 "exit 1 when nothing matched"
is "$(head -2 "$TMP/err")" "dateline-index: 0123456789abcdef: no article has this id (dateline-search --format tsv shows ids in its third column)
dateline-index: no/such/file: no article was read from there" "each says why"
xapian-check "$DB" > /dev/null 2>&1
ok $? "xapian-check passes after the deletions"

# an edited file replaces what was read from it; its copy elsewhere keeps the old text
mkdir -p "$TMP/edit"
cp corpus/wire/1989-11-10-berlin-wall.txt "$TMP/edit/a.txt"
cp corpus/wire/1989-11-10-berlin-wall.txt "$TMP/edit/b.txt"
cp corpus/wire/2005-07-07-london.txt "$TMP/edit/c.txt"
"$INDEX" --index "$TMP/dbe" "$TMP/edit" 2> /dev/null
sed -i 's/London/Londinium/g' "$TMP/edit/c.txt"
sed -i 's/East Germany/the GDR/g' "$TMP/edit/a.txt"
"$INDEX" --index "$TMP/dbe" "$TMP/edit" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 3, added 1, updated 1, unchanged 1, duplicates 0, rejected 0; formats: text 3" "edited files: one replaced, one new beside the copy that keeps the old text"
is "$("$SEARCH" --index "$TMP/dbe" --count '*') $("$SEARCH" --index "$TMP/dbe" --count 'londinium') $("$SEARCH" --index "$TMP/dbe" --count '"hit london"') $("$SEARCH" --index "$TMP/dbe" --count '"east germany"')" "3 1 0 1" "the edited text replaced the old; the copy keeps its own"
printf 'title,text\nOne,First text\nTwo,Second text\n' > "$TMP/rows.csv"
"$INDEX" --index "$TMP/dbe" "$TMP/rows.csv" 2> /dev/null
printf 'title,text\nOne,First text\nTwo,Second text corrected\n' > "$TMP/rows.csv"
"$INDEX" --index "$TMP/dbe" "$TMP/rows.csv" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 2, added 0, updated 1, unchanged 1, duplicates 0, rejected 0; formats: csv 2" "a changed CSV row without an id replaces its old text"
printf 'Plain story\n\nIt is text.\n' | "$INDEX" --index "$TMP/dbe" - 2> /dev/null
printf 'Another story\n\nMore text.\n' | "$INDEX" --index "$TMP/dbe" - 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "standard input twice: two articles, not one replacing the other"

# broken samples: what can be read goes in, the rest is named, counts reconcile
"$INDEX" --index "$TMP/db2" --rejects "$TMP/rejects.tsv" corpus/formats/broken 2> "$TMP/err"
is "$?" 1 "broken samples: exit 1"
is "$(summary "$TMP/err")" "dateline-index: read 16, added 11, updated 0, unchanged 0, duplicates 0, rejected 5; formats: csv 6, json 8, xml 1, html 1" "read 16 = 11 added + 5 rejected"
golden rejects.tsv
is "$("$SEARCH" --index "$TMP/db2" --count 'riga OR galway')" 2 "the rows after an open quote and a broken object are read"
is "$("$SEARCH" --index "$TMP/db2" --count 'walkway')" 3 "a gzip file cut short gives the articles it holds"
is "$("$SEARCH" --index "$TMP/db2" --count 'repaired:yes')" 2 "two articles repaired"
is "$("$SEARCH" --index "$TMP/db2" --count 'repaired:declared AND zürich')" 1 "HTML declared ISO-8859-1 but UTF-8: read as UTF-8"
is "$("$SEARCH" --index "$TMP/db2" --count 'gaia')" 1 "XML cut short: the items before the cut are read"
is "$("$SEARCH" --index "$TMP/db2" --count 'repaired:double-encoded AND title:montréal')" 1 "double-encoded UTF-8 put right"
is "$("$SEARCH" --index "$TMP/db2" --count 'repaired:no')" 9 "the others are not"
is "$("$SEARCH" --index "$TMP/db2" --count 'charset:windows-1252 AND café')" 1 "a row in Windows-1252 beside UTF-8 rows"

# --columns for a CSV without a header; --fields for unusual names
"$INDEX" --index "$TMP/db3" --columns topic,title,text corpus/formats/broken/no-header.csv 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 2, added 2, updated 0, unchanged 0, duplicates 0, rejected 0; formats: csv 2" "--columns topic,title,text"
is "$("$SEARCH" --index "$TMP/db3" --count 'topic:transport AND dateline:tallinn')" 1 "each column where it belongs"
printf '{"hed": "Ljubljana bans cars from centre", "story": "LJUBLJANA (Reuters) - The city closed its centre to cars.", "dt": "2020-03-02"}\n' > "$TMP/odd.jsonl"
"$INDEX" --index "$TMP/db3" --fields title=hed,text=story,date=dt "$TMP/odd.jsonl" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: json 1" "--fields maps JSON keys"
is "$("$SEARCH" --index "$TMP/db3" --format tsv 'ljubljana' | tail -n +2 | cut -f4,7)" "$(printf '2020-03-02\tLjubljana bans cars from centre')" "title and date from the mapped keys"
printf 'headline\tbody\tdate\nTirana opens ring road\tTIRANA (Reuters) - Albania opened a ring road around its capital.\t4 March 2020\n' > "$TMP/tabs.tsv"
"$INDEX" --index "$TMP/db3" "$TMP/tabs.tsv" 2> "$TMP/err"
is "$("$SEARCH" --index "$TMP/db3" --format tsv 'tirana' | tail -n +2 | cut -f4,5,7)" "$(printf '2020-03-04\tTIRANA\tTirana opens ring road')" "tab-separated"
"$INDEX" --index "$TMP/db3" --columns title,nonsense "$TMP/tabs.tsv" 2> "$TMP/err"
is "$?" 2 "a bad --columns: exit 2"
is "$(cat "$TMP/err")" "dateline-index: --columns: 'nonsense' is not a field: use title, text, summary, date, topic, place, source, id, author, dateline or -" "saying what it takes"

# --topic-from-folder: a folder of sections
mkdir -p "$TMP/sections/sport" "$TMP/sections/business"
cp corpus/wire/1998-06-14-bulls.txt "$TMP/sections/sport/"
cp corpus/wire/2008-09-15-lehman.txt corpus/wire/1987-10-19-wall-street-crash.txt "$TMP/sections/business/"
cp corpus/wire/1989-11-10-berlin-wall.txt "$TMP/sections/"
sha256sum "$TMP"/sections/*/*.txt > "$TMP/sections/SHA256SUMS"
"$INDEX" --index "$TMP/db4" --topic-from-folder "$TMP/sections" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 4, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 4" "4 stories; the checksum list is skipped"
is "$(tail -1 "$TMP/err")" "dateline-index: 1 file skipped, not articles: checksum lists, READMEs, DTDs, licences, lists (-v names them all)" "and the user is told"
is "$("$SEARCH" --index "$TMP/db4" --count 'topic:business') $("$SEARCH" --index "$TMP/db4" --count 'topic:sport') $("$SEARCH" --index "$TMP/db4" --count 'topic:sections')" "2 1 0" "each section's folder is its topic; the top folder is none"

# gzip: a file that inflates past the cap is refused, not read into memory
head -c 300000000 /dev/zero | gzip -1 > "$TMP/bomb.txt.gz"
"$INDEX" --index "$TMP/db5" "$TMP/bomb.txt.gz" 2> "$TMP/err"
is "$?" 1 "a gzip bomb: exit 1"
is "$(head -1 "$TMP/err")" "dateline-index: $TMP/bomb.txt.gz: decompresses to more than 256 MB (a gzip bomb, or an archive too big to read at once): gunzip it, split it (split -C 200M) and index the parts" "named as such"
gzip -c corpus/formats/export.csv > "$TMP/export.csv.gz"
"$INDEX" --index "$TMP/db5" "$TMP/export.csv.gz" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 4, updated 0, unchanged 0, duplicates 0, rejected 0; formats: csv 4" "a gzip'd CSV is read as CSV"
printf 'not gzip at all' | cat <(printf '\x1f\x8b\x08\x00') - > "$TMP/bad.gz"
"$INDEX" --index "$TMP/db5" "$TMP/bad.gz" 2> "$TMP/err"
want="dateline-index: $TMP/bad.gz: damaged gzip data ("
is "$(head -1 "$TMP/err" | cut -c1-${#want})" "$want" "damaged gzip data is named"
echo "1..$tap_n"
exit $((tap_failed > 0))
