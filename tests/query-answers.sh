#!/bin/bash
# query-answers.sh: the query language gives right answers over corpus/: each wrong answer once
# found has a case here, and the algebra (every order and grouping of an AND, OR, NOT, '-') holds.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus 2> /dev/null
[ $? -le 1 ] || { echo "Bail out! the corpus index could not be built"; exit 1; }
C() { "$SEARCH" --index "$DB" --count -- "$1" 2>&1; }
same() { # same WANT QUERY...: every query counts WANT
    local want=$1 q
    shift
    for q in "$@"; do is "$(C "$q")" "$want" "[$q] = $want"; done
}

# A filter followed by date: narrowed nothing (Xapian's parser OR'd the two).
# From the files: the October 2017 wire stories that name Syria.
want=$(grep -li syria corpus/wire/2017-10-* | wc -l)
is "$want" 2 "two October 2017 wire stories name Syria"
same "$want" 'place:syria date:2017-10' 'date:2017-10 place:syria' 'place:syria AND date:2017-10' \
    '(place:syria) date:2017-10' 'date:2017-10 (place:syria)'
want=$(grep -li 'islamic state' corpus/wire/2017-10-* | xargs grep -li syria | wc -l)
same "$want" 'place:syria group:"islamic state" date:2017-10' \
    'date:2017-10 group:"islamic state" place:syria' 'group:"islamic state" date:2017-10 place:syria'
# Two dates intersect: a year and a month in it; two months have nothing in common.
same "$(C 'date:2017-10')" 'date:2017 date:2017-10' 'date:2017-10 date:2017' 'date:2017-10 AND date:2017'
same 0 'date:2017-10 date:2017-12' 'date:1987 date:2017'
same "$(( $(C 'date:2017-10') + $(C 'date:2017-12') ))" 'date:2017-10 OR date:2017-12'

# Exclusions alone, and of a date.
all=$(C '*')
oil=$(C oil)
same "$(( all - oil ))" '-oil' '* -oil' 'NOT oil'
same "$(( all - $(C 'place:iraq') ))" '-place:iraq' '* -place:iraq'
same "$(( oil - $(C 'oil date:1987..1989') ))" 'oil -date:1987..1989' 'oil NOT date:1987..1989'

# u.s. is U.S., however written; the phrase "U.S.-led coalition" is in two wire stories.
same "$(C 'U.S.')" 'u.s.' 'U.S' 'u.s'
want=$(grep -l 'U.S.-led coalition' corpus/wire/* | wc -l)
same "$want" '"u.s.-led coalition"' '"U.S.-led coalition"' '"u.s. led coalition"'

# An unknown field is an error that names the fields and the closest one.
check_error() { # check_error QUERY MESSAGE-PART
    local out rc
    out=$("$SEARCH" --index "$DB" --count -- "$1" 2>&1)
    rc=$?
    is "$rc" 2 "[$1] exits 2"
    case $out in *"$2"*) ok 0 "  says: $2" ;; *) ok 1 "  says: $2"; echo "#   got: $out" ;; esac
}
check_error 'palce:syria' "unknown field 'palce:' (did you mean place:?)"
check_error 'grain topik:grain' "position 7: unknown field 'topik:' (did you mean topic:?)"
check_error 'wildtitle:coc*' "unknown field 'wildtitle:'"
check_error '*troleum' "'*' can only end a word"
check_error 'place:new*' 'place: takes a whole place name'
check_error '(oil' 'a parenthesis that is never closed'
# Patterns: a word's beginning, in a phrase too, and a filter value's beginning.
want=$(grep -ril 'islamic stat' corpus | wc -l)
is "$want" 4 "four stories in corpus/ say 'Islamic State'"
same "$want" '"islamic stat*"' '"Islamic State*"' '"islamic state"'
same 0 '"islamic statehood*"'
same "$(C 'topic:grain OR topic:gcat')" 'topic:g*' 'topic:gr* OR topic:gc*'

# A part of an AND that matches nothing narrows it to nothing, even when it is a pattern that
# expands to no word or a word longer than the index keeps; "&" holds no word and asks nothing.
same 0 'oil "islamic zzzq*"' "oil $(printf 'a%.0s' $(seq 70))" 'oil zzzq*'
same "$oil" 'oil &' '-"islamic zzzq*" oil'
# Hostile queries are refused at once, with a reason: a phrase or NEAR of more than 32 words,
# more than 10 patterns.
check_error "$(printf 'oil NEAR %.0s' $(seq 40))oil" 'a phrase or NEAR of 41 words: at most 32'
check_error 'a* b* c* d* e* f* g* h* i* j* k*' "more than 10 patterns ending in '*'"
check_error '"islamic state" NEAR fighters' 'not a phrase: its order would not hold within NEAR'

# group: alone ranks by the group's mentions, as place: ranks by salience (it ranked all 0).
"$SEARCH" --index "$DB" --format tsv -n 10 'group:"islamic state"' | tail -n +2 | cut -f2 > "$TMP/scores"
is "$(grep -c '^0\.0000$' "$TMP/scores")" 0 "group: alone gives every match a score"
is "$(sort -rn "$TMP/scores" | tr '\n' ' ')" "$(tr '\n' ' ' < "$TMP/scores")" "  best first"
is "$("$SEARCH" --index "$DB" --format tsv -n 1 'group:"islamic state"' | tail -n +2 | cut -f7)" \
    "Iraq declares victory over Islamic State in Mosul" "  the story that names the group most first"

# author: finds a mail's From by any of its words.
same 1 'author:keller' 'author:"martina keller"' 'author:"Keller, Martina"' 'author:m.keller@example.ch'
same 2 'author:newsdesk'

# A snippet shows where NEAR holds, not where its words stand apart.
mkdir -p "$TMP/near"
{
    echo "Grain traders"
    echo "A glut of wheat, a glut of maize and a glut of barley weighed on grain markets."
    for i in $(seq 1 30); do printf 'Filler sentence number %s says nothing at all. ' "$i"; done
    echo "The oil glut is over, the minister said."
} > "$TMP/near/glut.txt"
"$INDEX" -q --index "$TMP/near.db" "$TMP/near/glut.txt" 2> /dev/null
hit=$(printf '\033[1;31m')
snip=$(COLUMNS=1000 "$SEARCH" --index "$TMP/near.db" --color=always -n 1 'oil NEAR/3 glut' | sed -n 2p)
case $snip in *"${hit}oil"*"${hit}glut"*) ok 0 "the NEAR snippet shows 'oil glut'" ;;
    *) ok 1 "the NEAR snippet shows 'oil glut'"; echo "#   got: $snip" ;; esac
# ... but only a phrase that matched: here 'grain' did, the phrase of the other branch did not
snip=$(COLUMNS=1000 "$SEARCH" --index "$TMP/near.db" --color=always -n 1 'grain OR ("oil glut" zebra)' | sed -n 2p)
case $snip in *"${hit}grain"*) ok 0 "an OR's unmatched phrase does not move the snippet" ;;
    *) ok 1 "an OR's unmatched phrase does not move the snippet"; echo "#   got: $snip" ;; esac

# The algebra, over every kind of atom.
python3 "$top_srcdir/tests/query-algebra.py" --random 60 "$SEARCH" "$DB" \
    oil syria 'place:iraq' 'place:usa' 'group:"islamic state"' 'topic:grain' 'date:2017' \
    'date:1987-03..1999' 'dateline:london' '"islamic state"' 'petro*' 'title:coc*' 'u.s.' \
    'source:reuters' > "$TMP/algebra.tap"
n=$(grep -c '^ok' "$TMP/algebra.tap")
grep '^not ok' "$TMP/algebra.tap" | head -20 | sed 's/^/# /'
ok "$(grep -c '^not ok' "$TMP/algebra.tap")" "the query algebra holds over corpus/ ($n checks)"
# Backslashes inside quotes: \" does not close, \* is no pattern, \\ is a backslash
# (dateline_query_quote() writes them). Each phrase or value means what it says without them.
same "$want" '"islamic \"state\""' '"\"islamic\" state"'
same "$(C '"oil prices"')" '"oil \\ prices"'
same 0 '"islamic stat\*"' 'topic:"gr\*"'
same "$(C 'topic:grain')" 'topic:"gr\ain"'
check_error '"oil \"' 'position 1: a quote that is never closed'
done_testing
