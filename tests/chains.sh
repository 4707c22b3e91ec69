#!/bin/bash
# chains.sh: repeats, updates and corrections of a story are one chain. Searches list each chain
# once (its best match, with its number of versions), --all-versions every article; counts are
# of articles, with the stories beside them; --show lists the versions; story:ID finds them.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
S() { "$SEARCH" --index "$DB" "$@"; }
"$INDEX" --index "$DB" corpus/formats/repeats.jsonl 2> "$TMP/err"
is "$(summary "$TMP/err")" "dateline-index: read 4, added 4, updated 0, unchanged 0, duplicates 0, rejected 0; formats: json 4" "4 transmissions, each its own article (each has its own id)"
is "$(S --count 'danube')" 3 "--count counts articles"
S --format tsv 'danube' | tail -n +2 > "$TMP/one.tsv"
is "$(wc -l < "$TMP/one.tsv")" 1 "the original, its repeat and its correction are listed once"
is "$(S --all-versions --format tsv 'danube' | tail -n +2 | wc -l)" 3 "--all-versions lists all three"
S 'barge OR barges OR shippers' > "$TMP/chains.txt"; golden chains.txt
S --format json -n 0 'barge OR barges OR shippers' > "$TMP/json"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], d["stories"])' "$TMP/json")" "4 2" "JSON: total 4 articles, 2 stories"
S --format json 'danube' > "$TMP/json"
is "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["versions"])' "$TMP/json")" 3 "JSON: the result has 3 versions"
story=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["story"])' "$TMP/json")
is "$(S --count "story:$story")" 3 "story:ID finds the chain"
S --show "$(S --all-versions --format tsv 'title:corrected' | tail -n +2 | cut -f3)" > "$TMP/show-chain.txt"; golden show-chain.txt
is "$(S --count 'story:'"$(S --format tsv 'rhine' | tail -n +2 | cut -f3)")" 1 "another story is a chain of its own"

# the chain does not depend on how the input was split into runs
"$INDEX" -q --index "$TMP/db2" <(head -2 corpus/formats/repeats.jsonl) 2> /dev/null
"$INDEX" -q --index "$TMP/db2" <(tail -2 corpus/formats/repeats.jsonl) 2> /dev/null
is "$("$SEARCH" --index "$TMP/db2" --count "story:$story")" 3 "added in two runs: the same chain"

# a tie: a text as alike to two chains (the same text, sent 6 days apart, too far apart to be
# one chain) joins the one whose id is smaller, whichever went in first
mkdir -p "$TMP/tie"
for d in 1 4 7; do
    printf 'Grain barges wait at Vukovar\nOctober %d, 2017\n\nVUKOVAR, Croatia (Reuters) - Grain barges waited at Vukovar on the Danube for a third day as low water kept them from sailing downstream to the Black Sea ports, shippers said, and traders expected the delays to lift prices for wheat and corn loaded on the river.\n' "$d" > "$TMP/tie/oct$d.txt"
done
story_of() { "$SEARCH" --index "$1" --show "$2" --format tsv | sed -n 's/^story\t//p'; }
id_of() { "$SEARCH" --index "$1" --all-versions --format tsv "date:2017-10-0$2" | tail -n +2 | cut -f3; }
for order in "1 7" "7 1"; do
    for d in $order 4; do "$INDEX" -q --index "$TMP/tie-${order// /}" "$TMP/tie/oct$d.txt" 2> /dev/null; done
done
a=$(id_of "$TMP/tie-17" 1) b=$(id_of "$TMP/tie-17" 7)
is "$(story_of "$TMP/tie-17" "$a") $(story_of "$TMP/tie-17" "$b")" "$a $b" "6 days apart, the same text is two chains"
low=$(printf '%s\n%s\n' "$a" "$b" | sort | head -1)
is "$(story_of "$TMP/tie-17" "$(id_of "$TMP/tie-17" 4)")" "$low" "a text between them joins the chain of the smaller id (the 1st in first)"
is "$(story_of "$TMP/tie-71" "$(id_of "$TMP/tie-71" 4)")" "$low" "and so when the 7th went in first"

# an index written before chains: its articles have no chain (slot 8), no XK or XM terms and
# no signature (slot 7), made here by taking them from a new index; each is a story of its own
"$INDEX" -q --index "$TMP/before" corpus/formats/repeats.jsonl 2> /dev/null
/usr/bin/python3 - "$TMP/before" <<'PY'
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
for did in range(1, db.get_lastdocid() + 1):
    doc = db.get_document(did)
    for t in [t.term for t in doc.termlist() if t.term[:2] in (b"XK", b"XM")]:
        doc.remove_term(t)
    doc.remove_value(7)
    doc.remove_value(8)
    db.replace_document(did, doc)
db.commit()
PY
ok $? "the index is made as one written before chains"
B() { "$SEARCH" --index "$TMP/before" "$@"; }
is "$(B --format tsv 'danube' | tail -n +2 | wc -l)" 3 "each of the three danube articles is listed: none is folded into a chain"
is "$(B --format json -n 0 'barge OR barges OR shippers' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["stories"])')" "4 4" "JSON: 4 articles, 4 stories (each article one)"
is "$(B --format json 'danube' | python3 -c 'import json,sys; print(" ".join(str(r["versions"]) for r in json.load(sys.stdin)["results"]))')" "1 1 1" "each has one version"
# a new copy of the story goes in beside them as a story of its own: the old articles have no
# band terms to be found by, and the new one's chain is its own
"$INDEX" -q --index "$TMP/before" <(head -1 corpus/formats/repeats.jsonl | sed 's/"id": *"[^"]*"/"id":"resent-1"/') 2> /dev/null
is "$(B --format json -n 0 'danube' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["stories"])')" "4 4" "a re-sent copy: 4 articles, 4 stories"

# Reuters-21578: records with the same headline and text sent the same day are one chain
R="$SHARED/corpora/reuters21578"
if [ -d "$R" ]; then
    # the index tests/reuters-shared.sh made and checked (make runs it first), else our own
    RDB="$top_builddir/tests/reuters.db"
    if [ ! -s "$RDB.ok" ]; then
        RDB="$TMP/reuters"
        "$INDEX" -q --index "$RDB" "$R"/reut2-*.sgm 2> /dev/null
    fi
    "$SEARCH" --index "$RDB" --all-versions --format json -n 20000 '*' > "$TMP/all.json"
    read -r groups split < <(/usr/bin/python3 - "$TMP/all.json" "$R"/reut2-*.sgm <<'PY'
import collections, json, re, sys
story = {r["origin"]["key"]: r["story"] for r in json.load(open(sys.argv[1]))["results"]}
same = collections.defaultdict(list)
def words(rec, tag):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), rec, re.S)
    return " ".join(re.findall(r"\w+", m.group(1).lower())) if m else ""
for f in sys.argv[2:]:
    for m in re.finditer(r"<REUTERS.*?</REUTERS>", open(f, "rb").read().decode("latin-1"), re.S):
        rec = m.group(0)
        body, day = words(rec, "BODY"), re.search(r"<DATE>\s*(\S+)", rec).group(1)
        if body:
            same[(words(rec, "TITLE"), body, day)].append(re.search(r'NEWID="(\d+)"', rec).group(1))
groups = [v for v in same.values() if len(v) > 1]
print(len(groups), sum(1 for v in groups if len({story[n] for n in v}) > 1))
PY
)
    is "$groups" 214 "Reuters: 214 groups of records repeat a headline and text the same day"
    is "$split" 0 "each group is one chain"
    is "$("$SEARCH" --index "$RDB" --format json -n 0 '*' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["stories"])')" "18000 17470" "18000 articles, 17470 stories"
else
    ok 0 "# SKIP no $R (the shared corpora sit beside the repository in CI)"
fi
echo "1..$tap_n"
exit $((tap_failed > 0))
