#!/bin/bash
# index-corpus.sh: corpus/ goes in with exact counts, rejections named, and re-ingest adds nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"

"$INDEX" --index "$DB" corpus > "$TMP/out" 2> "$TMP/err"
is "$?" 1 "exit 1: some input was rejected"
# formats, by file: text 33 wire stories and 3 odd ones; sgml 8 + 2 records (<REUTERS); csv
# 4 + 2 + 1 + 3 rows; json 2 + 3 + 4 + 4 + 4 objects; mail 2 in the mbox and the Usenet one;
# xml 1 + 2 + the truncated one; html 2. odd/binary.dat and odd/empty.txt are refused unread.
is "$(summary "$TMP/err")" "dateline-index: read 84, added 76, updated 0, unchanged 0, duplicates 0, rejected 8; formats: text 36, sgml 10, csv 10, json 17, mail 3, xml 4, html 2" "counts reconcile"
grep -v 'dateline-index: read' "$TMP/err" > "$TMP/index-corpus.stderr"
golden index-corpus.stderr
is "$(wc -c < "$TMP/out")" 0 "nothing on stdout"

"$INDEX" --index "$DB" corpus 2> "$TMP/err2"
is "$(summary "$TMP/err2")" "dateline-index: read 84, added 0, updated 0, unchanged 76, duplicates 0, rejected 8; formats: text 36, sgml 10, csv 10, json 17, mail 3, xml 4, html 2" "second run: all unchanged"
is "$("$SEARCH" --index "$DB" --count '*')" 76 "76 articles in the index"

# a changed Reuters record (same NEWID and date) replaces the old one
sed 's/Steady rain fell/Heavy rain fell/' corpus/sgml/wire-1987.sgm > "$TMP/wire-1987.sgm"
"$INDEX" --index "$DB" "$TMP/wire-1987.sgm" 2> "$TMP/err3"
is "$?" 0 "exit 0 when all went in"
is "$(summary "$TMP/err3")" "dateline-index: read 8, added 0, updated 1, unchanged 0, duplicates 7, rejected 0; formats: sgml 8" "one record updated, the others are copies from another file"
is "$("$SEARCH" --index "$DB" --count '*')" 76 "still 76 articles"
is "$("$SEARCH" --index "$DB" --count '"heavy rain fell"')" 1 "the new text is searchable"
is "$("$SEARCH" --index "$DB" --count 'steady rain')" 0 "the old text is gone"

# standard input, --date, --format
DB2="$TMP/db2"
"$INDEX" --index "$DB2" --date 2018-01-02 - < corpus/odd/no-headline.txt 2> "$TMP/err4"
is "$(summary "$TMP/err4")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "standard input"
"$SEARCH" --index "$DB2" --format tsv '*' | tail -n +2 | cut -f4,5,7,11 > "$TMP/stdin.tsv"
is "$(cat "$TMP/stdin.tsv")" "$(printf '2018-01-02\tZURICH\tSwiss voters rejected a plan to join the European Economic Area on Sunday, the government said...\t-')" "--date, dateline and derived headline, origin -"
"$INDEX" --index "$DB2" --format text corpus/odd/binary.dat 2> "$TMP/err5"
is "$(summary "$TMP/err5")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "--format text reads a binary file anyway"
"$INDEX" --index "$DB2" --encoding ISO-8859-15 corpus/odd/windows-1252.txt 2> /dev/null
"$SEARCH" --index "$DB2" --format tsv 'charset:iso-8859-15' | tail -n +2 | cut -f7 > "$TMP/enc"
is "$(cat "$TMP/enc")" "$(printf 'Caf\xc3\xa9 owners protest \xc2\x93new\xc2\x94 tax' | sed 's/\xc2\x93//; s/\xc2\x94//')" "--encoding chooses the charset (ISO-8859-15 has no curly quotes)"

# a missing path is a rejection, not the end of the run
"$INDEX" --index "$DB2" corpus/no-such-file corpus/odd/crlf.txt 2> "$TMP/err6"
is "$?" 1 "missing file: exit 1"
is "$(summary "$TMP/err6")" "dateline-index: read 2, added 1, updated 0, unchanged 0, duplicates 0, rejected 1; formats: text 1" "and the next file still goes in"
grep -q "corpus/no-such-file: cannot read: No such file or directory" "$TMP/err6"
ok $? "the missing file is named with the reason"
# UTF-16 with a byte-order mark (as Windows tools export text) is read as UTF-16
printf 'Zürich vote\nMarch 3, 1999\n\nZURICH (Reuters) - Swiss voters said no.\n' |
    iconv -f UTF-8 -t UTF-16 > "$TMP/utf16.txt"
"$INDEX" --index "$TMP/db16" "$TMP/utf16.txt" 2> "$TMP/err16"
is "$(summary "$TMP/err16")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "a UTF-16 file goes in"
is "$("$SEARCH" --index "$TMP/db16" --format tsv 'charset:utf-16' | tail -n +2 | cut -f4,5,7)" "$(printf '1999-03-03\tZURICH\tZ\xc3\xbcrich vote')" "as UTF-16, with its headline, date and dateline"

# UTF-16 without a byte-order mark, either byte order
printf 'Zürich vote\nMarch 3, 1999\n\nZURICH (Reuters) - Swiss voters said no.\n' | iconv -f UTF-8 -t UTF-16LE > "$TMP/le.txt"
printf 'Zürich vote\nMarch 3, 1999\n\nZURICH (Reuters) - Swiss voters said no.\n' | iconv -f UTF-8 -t UTF-16BE > "$TMP/be.txt"
"$INDEX" --index "$TMP/db16b" "$TMP/le.txt" "$TMP/be.txt" 2> "$TMP/err16b"
is "$(summary "$TMP/err16b")" "dateline-index: read 2, added 1, updated 0, unchanged 0, duplicates 1, rejected 0; formats: text 2" "UTF-16 without a mark, little- and big-endian: the same article"
is "$("$SEARCH" --index "$TMP/db16b" --format tsv 'charset:utf-16' | tail -n +2 | cut -f4,5,7)" "$(printf '1999-03-03\tZURICH\tZ\xc3\xbcrich vote')" "read as UTF-16"

# links inside a walk: to a file, read; to a folder (here, a loop), not followed
mkdir -p "$TMP/tree/sub"
cp corpus/odd/crlf.txt "$TMP/tree/sub/a.txt"
ln -s sub/a.txt "$TMP/tree/link.txt"
ln -s .. "$TMP/tree/sub/up"
"$INDEX" --index "$TMP/db3" "$TMP/tree" 2> "$TMP/err7"
is "$(summary "$TMP/err7")" "dateline-index: read 2, added 1, updated 0, unchanged 0, duplicates 1, rejected 0; formats: text 2" "a linked file is read (a copy of another), a linked folder is not"
grep -q "tree/sub/up: note: a link to a folder, not followed" "$TMP/err7"
ok $? "the link is named"
# one of a thing is "1 file", "1 article" (--stats, -v, the progress line)
is "$("$INDEX" --stats --index "$TMP/db3" | grep '^origins')" "origins    2 files; 1 article was read from more than one" "--stats: 1 article was"
"$INDEX" -v --index "$TMP/db1" corpus/odd/crlf.txt 2> "$TMP/err8"
is "$(grep 'committed batch' "$TMP/err8")" "dateline-index: committed batch 1: 1 article (1 in all)" "-v: 1 article"
is "$("$INDEX" --stats --index "$TMP/db1" | grep '^origins')" "origins    1 file; 0 articles were read from more than one" "--stats: 1 file"
if script -qec true /dev/null > /dev/null 2>&1; then
    script -qec "'$INDEX' --index '$TMP/db9' corpus/odd/crlf.txt" /dev/null < /dev/null | tr '\r' '\n' > "$TMP/tty"
    grep -q 'dateline-index: \[####################\] 100%; 1 file, 1 article, ' "$TMP/tty"
    ok $? "the progress line on a terminal: 1 file, 1 article"
    # a bar with the share of the input's bytes done (counted first), and the time left
    script -qec "'$INDEX' --index '$TMP/db10' corpus/wire corpus/sgml" /dev/null < /dev/null | tr '\r' '\n' > "$TMP/tty"
    is "$(grep -c '^dateline-index: \[....................\] ...%' "$TMP/tty")" "$(grep -c '^dateline-index: ' "$TMP/tty")" "every progress line has a bar and a percentage"
    is "$(grep -o '^dateline-index: \[[#.]*\] ...%' "$TMP/tty" | head -1)" "dateline-index: [....................]   0%" "the first, before reading: 0%"
    is "$(grep -o '^dateline-index: \[[#.]*\] ...%; 34 files, 41 articles' "$TMP/tty" | tail -1)" "dateline-index: [####################] 100%; 34 files, 41 articles" "the last: 100%, 34 files, 41 articles"
    grep -o '^dateline-index: \[[#.]*\] *[0-9]*%' "$TMP/tty" | sed 's/.*\] *//; s/%//' > "$TMP/shares"
    sort -n -c "$TMP/shares"
    ok $? "the share never goes back ($(tr '\n' ' ' < "$TMP/shares"))"
    # two files of one size with a pipe between them that gives its story after a second: half
    # the bytes are done at 1 s, so about 1 s is left
    mkdir -p "$TMP/half"
    cp corpus/wire/2017-07-10-mosul.txt "$TMP/half/a.txt"
    sed 's/Mosul/Musul/' corpus/wire/2017-07-10-mosul.txt > "$TMP/half/b.txt"
    mkfifo "$TMP/half/pipe"
    (sleep 1; cat corpus/wire/2011-03-12-fukushima.txt > "$TMP/half/pipe") &
    script -qec "'$INDEX' --index '$TMP/db11' '$TMP/half/a.txt' '$TMP/half/pipe' '$TMP/half/b.txt'" /dev/null < /dev/null | tr '\r' '\n' > "$TMP/tty"
    wait
    grep -Eq '^dateline-index: \[##########\.\.\.\.\.\.\.\.\.\.\]  50%, [12] s left; 2 files, 2 articles' "$TMP/tty"
    ok $? "half way after a second: 50%, 1 or 2 s left ($(grep -o '50%, [^;]*' "$TMP/tty" | tail -1))"
else
    ok 0 "# SKIP no script(1) to give the progress line a terminal"
fi
done_testing
