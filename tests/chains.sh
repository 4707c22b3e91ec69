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

# Reuters-21578: records with the same headline and text sent the same day are one chain
R="$SHARED/corpora/reuters21578"
if [ -d "$R" ]; then
    "$INDEX" -q --index "$TMP/reuters" "$R"/reut2-*.sgm 2> /dev/null
    "$SEARCH" --index "$TMP/reuters" --all-versions --format json -n 20000 '*' > "$TMP/all.json"
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
    is "$("$SEARCH" --index "$TMP/reuters" --format json -n 0 '*' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["stories"])')" "18000 17470" "18000 articles, 17470 stories"
else
    ok 0 "# SKIP no $R (the shared corpora sit beside the repository in CI)"
fi
echo "1..$tap_n"
exit $((tap_failed > 0))
