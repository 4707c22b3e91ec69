#!/bin/bash
# explain.sh: dateline-search --explain over corpus/ (and tests/data/explain/, whose stories
# define an acronym and use it bare): text and JSON compared with golden outputs, the results'
# "entities" the same as --show's, and mentions highlighted in --show on a terminal only.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire corpus/sgml corpus/odd tests/data/explain 2> /dev/null
S() { "$SEARCH" --index "$DB" "$@"; }
id() { S --format tsv "$@" | sed -n 2p | cut -f3; }

# a dateline (ATLANTA), a name that beat others (Georgia the state, Georgia the country)
ATLANTA=$(id 'atlanta centennial')
S --show "$ATLANTA" --explain > "$TMP/explain-atlanta.txt"; golden explain-atlanta.txt
# a Reuters record: its labels (west-germany, bundesbank) and a historical state
BUNDESBANK=$(id 'bundesbank date:1987-03-09')
S --show "$BUNDESBANK" --explain > "$TMP/explain-bundesbank.txt"; golden explain-bundesbank.txt
# an acronym the text defines, and the same acronym bare in a later story (a learned alias)
DEFINED=$(id 'civilians observatory')
S --show "$DEFINED" --explain --format json > "$TMP/explain-defined.json"; golden explain-defined.json
LEARNED=$(id 'strikes villages')
S --show "$LEARNED" --explain --format json > "$TMP/explain-learned.json"; golden explain-learned.json
# results in JSON gain "entities" with --explain, and only then
S --format json -n 3 --explain 'syria OR georgia' > "$TMP/explain-results.json"
golden explain-results.json

python3 - "$TMP" "$DB" "$SEARCH" << 'PY'
import json, subprocess, sys
tmp, db, search = sys.argv[1:4]
def show(i):
    out = subprocess.run([search, "--index", db, "--show", i, "--explain", "--format", "json"],
                         capture_output=True, text=True).stdout
    return json.loads(out)
res = json.load(open(tmp + "/explain-results.json"))["results"]
same = all(r["entities"] == show(r["id"])["entities"] for r in res)
print("ok" if same and len(res) == 3 else "not ok", "- each result's entities are --show's")
fields = all(set(e) == {"kind", "id", "name", "salience", "mentions", "beat"} and
             all(set(m) == {"field", "nth", "offset", "words", "rule"} for m in e["mentions"]) and
             all(set(b) == {"id", "name", "why"} for b in e["beat"])
             for r in res for e in r["entities"])
print("ok" if fields else "not ok", "- entities have exactly the documented fields")
d = show(json.load(open(tmp + "/explain-defined.json"))["id"])
body = d["body"].encode()
placed = all(body[m["offset"]:m["offset"] + len(m["words"].encode())].decode() == m["words"]
             for e in d["entities"] for m in e["mentions"] if m["field"] == "body")
print("ok" if placed else "not ok", "- each body mention's words stand at its offset")
PY
tap_n=$((tap_n + 3))
plain=$(S --format json -n 1 'syria' | python3 -c 'import json,sys; print("entities" in json.load(sys.stdin)["results"][0])')
is "$plain" False "without --explain, no entities"

# highlighting: on a terminal (--color always stands for one), never in a pipe or with NO_COLOR
E=$'\e'
S --show "$ATLANTA" --color always | grep -q "${E}\[1;36mAtlanta${E}\[0m"
ok $? "--show on a terminal highlights the places and groups it names"
is "$(S --show "$ATLANTA" | grep -c "$E")" 0 "not in a pipe"
is "$(NO_COLOR=1 S --show "$ATLANTA" --color auto | grep -c "$E")" 0 "nor with NO_COLOR"

# --explain needs something to explain
S --explain 'syria' > /dev/null 2> "$TMP/err"
is "$?:$(cat "$TMP/err")" "2:dateline-search: --explain explains --show's article, or the results of --format json or jsonl" \
   "--explain of a text list: exit 2, and what it takes"
S --show 0123456789abcdef --explain > /dev/null 2>&1
is "$?" 1 "--show --explain of an id the index does not hold: exit 1"
done_testing
