#!/bin/bash
# walk.sh: what a folder walk reads and what it leaves: files that are not articles (a README, a
# DTD, a licence, word lists, tables), --exclude and .datelineignore.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
D="$TMP/archive"
stories "$D/stories" 4
cp "$top_srcdir/corpus/wire/2017-07-10-mosul.txt" "$D/mosul.txt"
printf 'About this archive\n\nThe stories are in stories/, one a file.\n' > "$D/README.txt"
printf '<!-- the records -->\n<!ELEMENT STORY - - (TITLE, BODY)>\n<!ELEMENT TITLE - - (#PCDATA)>\n' > "$D/story.dtd"
printf '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n Everyone is permitted to copy and distribute verbatim copies.\n' > "$D/terms.txt"
printf 'acq\nalum\nbarley\nbop\ncarcass\ncocoa\n' > "$D/topics.lc.txt"
# a table: short lines, no sentences (like Reuters' cat-descriptions or a Prolog fact file)
for i in $(seq 1 30); do printf 'fact(%d, "country",\n"topic %d").\n' "$i" "$i"; done > "$D/facts.pl"
"$INDEX" --index "$TMP/db" "$D" 2> "$TMP/err"
is "$?" 0 "exit 0"
is "$(summary "$TMP/err")" "dateline-index: read 5, added 5, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 5" "the 5 articles only"
grep -v 'dateline-index: read' "$TMP/err" | sed "s|$TMP|TMP|g" > "$TMP/walk-skipped.stderr"
golden walk-skipped.stderr
is "$("$SEARCH" --index "$TMP/db" --format tsv -n 100 '*' | tail -n +2 | cut -f11 | sed "s|$D/||" | sort | tr '\n' ' ')" "mosul.txt stories/story-0001.txt stories/story-0002.txt stories/story-0003.txt stories/story-0004.txt " "the index holds the stories and nothing else"
# named on the command line, a file is read whatever it looks like
"$INDEX" --index "$TMP/db2" "$D/topics.lc.txt" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "a word list named on the command line is read"

# --exclude GLOB, repeatable; a pattern with a '/' is matched below the folder named
"$INDEX" -v --index "$TMP/db3" --exclude 'story-000[12].txt' --exclude stories/story-0003.txt "$D" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 2, added 2, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 2" "--exclude: 3 stories left out"
is "$(grep -c 'excluded (--exclude or .datelineignore)' "$TMP/err")" 3 "-v names each"
is "$(grep 'excluded by' "$TMP/err")" "dateline-index: 3 excluded by --exclude or .datelineignore (-v names them)" "and the count is said"
"$INDEX" --index "$TMP/db4" --exclude 'stories/' "$D" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 1, added 1, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 1" "--exclude DIR/: a folder left out"
"$INDEX" --index "$TMP/db4b" --exclude 'stories' "$D/stories" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 4, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 4" "a folder named on the command line is read even when a pattern matches its name"

# .datelineignore: globs, dir/, !negation, # comments; in the folder it sits in and below
mkdir -p "$D/drafts" "$D/stories/old"
stories "$TMP/more" 8
cp "$TMP/more/story-0005.txt" "$D/drafts/"
cp "$TMP/more/story-0006.txt" "$TMP/more/story-0007.txt" "$TMP/more/story-0008.txt" "$D/stories/old/"
printf '# not for the index\ndrafts/\n\n*.txt\n!story-*.txt\n' > "$D/.datelineignore"
printf 'story-0007.txt\n' > "$D/stories/old/.datelineignore"
"$INDEX" -v --index "$TMP/db5" "$D" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 6, added 6, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 6" ".datelineignore: mosul.txt, drafts/ and old/story-0007.txt left out"
is "$(grep 'excluded (' "$TMP/err" | sed "s|^dateline-index: $D/||; s|: excluded.*||" | tr '\n' ' ')" "README.txt drafts mosul.txt stories/old/story-0007.txt terms.txt topics.lc.txt " "each named: *.txt but story-*.txt, drafts/, and old/story-0007.txt by its folder's own file"
"$INDEX" --index "$TMP/db6" --exclude '!mosul.txt' "$D" 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 7, added 7, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 7" "--exclude '!GLOB' reads what an ignore file leaves out"
rm "$D/.datelineignore" "$D/stories/old/.datelineignore"

# names with a line end or an escape are shown in $'...' quoting, as ls shows them
mkdir -p "$TMP/odd"
printf 'Caf\xe9 news\n\nText.\n' > "$TMP/odd/"$'a\nb\\c\'d.txt'
: > "$TMP/odd/"$'e\e[31m.txt'
"$INDEX" --index "$TMP/db7" "$TMP/odd" 2> "$TMP/err"
is "$(grep -v 'dateline-index: read' "$TMP/err" | sed "s|$TMP|TMP|")" "dateline-index: \$'TMP/odd/a\\nb\\\\c\\'d.txt':1: note: invalid UTF-8, read as Windows-1252 (use --encoding to choose)
dateline-index: \$'TMP/odd/e\\x1B[31m.txt': empty file, no article in it" "a line end, a backslash, a quote and an escape, quoted"
is "$("$SEARCH" --index "$TMP/db7" --format json '*' | grep -o '"file":"[^"]*"' | sed "s|$TMP|TMP|")" '"file":"TMP/odd/a\nb\\c'"'"'d.txt"' "the origin keeps the real name"

# (the shared Reuters folder, as a folder: tests/reuters-shared.sh)
done_testing
