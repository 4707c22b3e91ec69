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
# date: by the date terms (schema 3) and by the value slots answer alike, for ranges drawn from
# corpus/'s dates and for articles dated to a year, a month, a day and a moment, around year
# ends and leap days; an index of schema 2 (no date terms) answers as before, by the slots.
python3 "$top_srcdir/tests/query-algebra.py" --date-ranges 60 "$SEARCH" "$DB" > "$TMP/dates.tap"
grep '^not ok' -A2 "$TMP/dates.tap" | head -20 | sed 's/^/# /'
ok "$(grep -c '^not ok' "$TMP/dates.tap")" "date terms and value slots agree over corpus/ ($(grep -c '^ok' "$TMP/dates.tap") checks)"
python3 - > "$TMP/spans.jsonl" <<'PY'
import json
n = 0
for y in (1987, 1988, 1999, 2000):
    for d in ("%d", "%d-02", "%d-12", "%d-01-01", "%d-02-28", "%d-02-29", "%d-03-01", "%d-12-31",
              "%d-03-01T00:00:00", "%d-12-31T23:59:59", "%d-06-15T12:30:00"):
        date = d % y
        if date.endswith("02-29") and y % 4:
            continue
        n += 1
        print(json.dumps({"id": "span-%d" % n, "title": "span %d" % n, "date": date,
                          "text": "An article dated %s, one of many spans." % date}))
PY
"$INDEX" -q --index "$TMP/spans.db" "$TMP/spans.jsonl" 2> /dev/null
is "$("$SEARCH" --index "$TMP/spans.db" --count '*')" 42 "42 articles of every span"
# counted from the list above: 1987 has 10 dates (no leap day), 1988 its leap day once
DB="$TMP/spans.db" same 10 'date:1987' 'date:1987-01..1987-12' 'date:1987-01-01..1987-12-31'
DB="$TMP/spans.db" same 11 'date:1986-12-31..1988-01-01'
DB="$TMP/spans.db" same 1 'date:1988-02-29' 'date:1988-02-29..1988-02-29'
DB="$TMP/spans.db" same 2 'date:1988-12-31'
DB="$TMP/spans.db" same 3 'date:1987-12-31..1988-01-01' 'date:2000-02'
DB="$TMP/spans.db" same 4 'date:1988-02-28..1988-03-01'
PY3=python3; [ -x /usr/bin/python3 ] && PY3=/usr/bin/python3  # Debian's, which has python3-xapian
if $PY3 -c 'import xapian' 2> /dev/null; then
    cp -r "$TMP/spans.db" "$TMP/spans2.db"
    $PY3 - "$TMP/spans2.db" <<'PY'
import re, sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
for p in list(db.postlist("")):
    doc = db.get_document(p.docid)
    for t in [t.term for t in doc.termlist() if re.match(rb"[YMD]\d", t.term)]:
        doc.remove_term(t)
    db.replace_document(p.docid, doc)
db.set_metadata("dateline.schema", "2")
db.commit()
PY
    is "$("$SEARCH" --index "$TMP/spans2.db" --count '*')" 42 "the index of schema 2 is read"
    same2=(--same-as "$TMP/spans2.db")
    # a list of indexes of both schemas: date terms only where every index has them
    for q in 'date:1987' 'date:1986-12-31..1988-01-01' 'date:1988-02-28..1988-03-01'; do
        one=$("$SEARCH" --index "$TMP/spans.db" --count "$q")
        for order in "$TMP/spans.db $TMP/spans2.db" "$TMP/spans2.db $TMP/spans.db"; do
            set -- $order
            label="schema 3 then 2"; [ "$1" = "$TMP/spans2.db" ] && label="schema 2 then 3"
            is "$("$SEARCH" --index "$1" --index "$2" --count "$q")" $((2 * one)) \
                "indexes of $label together: $q counts in both"
        done
    done
else
    echo "# no Python with xapian: the index of schema 2 is not made, nor compared"
    same2=()
fi
python3 "$top_srcdir/tests/query-algebra.py" --date-ranges 80 "${same2[@]}" "$SEARCH" "$TMP/spans.db" > "$TMP/spans.tap"
grep '^not ok' -A2 "$TMP/spans.tap" | head -20 | sed 's/^/# /'
ok "$(grep -c '^not ok' "$TMP/spans.tap")" "date terms, value slots and schema 2 agree over every span ($(grep -c '^ok' "$TMP/spans.tap") checks)"
done_testing
