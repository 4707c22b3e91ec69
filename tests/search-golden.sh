#!/bin/bash
# search-golden.sh: searches over corpus/ compared with golden outputs in text, JSON and TSV.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire corpus/sgml corpus/odd 2> /dev/null
S() { "$SEARCH" --index "$DB" "$@"; }

S 'islamic state' > "$TMP/islamic-state.txt"; golden islamic-state.txt
S --format json -n 3 'place:usa OR dateline:washington' > "$TMP/usa.json"; golden usa.json
S --format tsv --sort oldest -n 100 '*' > "$TMP/all-oldest.tsv"; golden all-oldest.tsv
S --format tsv --sort newest 'date:2017-10' > "$TMP/oct-2017.tsv"; golden oct-2017.tsv
S --show "$(S --format tsv 'cocoa bahia' | tail -n +2 | cut -f3)" > "$TMP/show-cocoa.txt"; golden show-cocoa.txt
S --show "$(S --format tsv 'café' | tail -n +2 | cut -f3)" --format json > "$TMP/show-cafe.json"; golden show-cafe.json
# highlighting: words, stems, a phrase, a wildcard, NEAR, a title wildcard
for q in 'deir ez-zor' 'fighters' '"islamic state"' 'petro*' 'wheat NEAR soviet' 'title:coc*'; do
    S --color=always -n 1 "$q"
done > "$TMP/color.txt"; golden color.txt

# each JSON output is valid JSON with the documented fields
if command -v python3 > /dev/null; then
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert set(d) == {"version","query","total","stories","offset","results"}, d.keys()
assert d["version"] == 2, d["version"]
for r in d["results"]:
    assert set(r) == {"id","rank","score","versions","story","date","dateline","source","title","places","groups","topics","place_ids","origin","snippet","highlights"}, r.keys()
    assert set(r["origin"]) == {"file","key"}, r["origin"].keys()
    for p in r["place_ids"]:
        assert set(p) == {"id","name","salience"} and type(p["salience"]) is int, p
    for h in r["highlights"]:
        assert len(h) == 2 and 0 <= h[0] < h[1] <= len(r["snippet"].encode()), h
' "$TMP/usa.json"
    ok $? "JSON has exactly the documented fields"
fi

# --sort recent: relevance plus a bonus halving every --half-life days
order() { S --format tsv -n 4 "$@" 'islamic state OR fighters OR troops' | tail -n +2 | cut -f7 | cut -c1-20 | tr '\n' '|'; }
is "$(order --sort relevance)" "Iraq declares victor|Syrian army presses |US-backed forces tak|Philippines ends fiv|" "by relevance, Raqqa before Marawi"
is "$(order --sort recent)" "Iraq declares victor|Syrian army presses |Philippines ends fiv|US-backed forces tak|" "recent: Marawi (23 Oct) before Raqqa (17 Oct)"
is "$(order --sort recent --half-life 3650)" "$(order --sort relevance)" "a ten-year half-life changes nothing here"

# facets and timelines, over all matches
S -n 0 --facet place:6 --facet group:4 --timeline year 'date:2010..' > "$TMP/facets.txt"; golden facets.txt
S -n 0 --format tsv --facet topic --timeline month 'date:1987' > "$TMP/facets.tsv"; golden facets.tsv
if command -v python3 > /dev/null; then
    S -n 2 --format json --facet place:50 --facet group:50 --timeline week '*' > "$TMP/f.json"
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
total=d["total"]; periods=d["timeline"]["periods"]
assert sum(p["count"] for p in periods) == total - 2, "every dated match in one week (2 undated)"
assert all(p["period"] < q["period"] for p, q in zip(periods, periods[1:])), "oldest first"
import datetime
assert all(datetime.date.fromisoformat(p["period"]).weekday() == 0 for p in periods), "weeks start on Monday"
places={f["value"]: f["count"] for f in d["facets"]["place"]}
assert places["United States"] == 11, places["United States"]
assert places["Syria"] == 2 and places["Iraq"] == 3, (places["Syria"], places["Iraq"])
groups={f["value"]: f["count"] for f in d["facets"]["group"]}
assert groups["Islamic State"] == 4, groups
' "$TMP/f.json"
    ok $? "JSON facets and weekly timeline: counts over all matches, Mondays, oldest first"
fi

# the timeline as an SVG chart: by month, empty months drawn too
S --format svg 'date:2017' > "$TMP/timeline.svg"; golden timeline.svg
if command -v python3 > /dev/null; then
    python3 -c 'import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("{http://www.w3.org/2000/svg}title") is not None]
assert len(bars) == 6, len(bars)   # 2017-07 to 2017-12
assert [b.find("{http://www.w3.org/2000/svg}title").text.split(":")[0] for b in bars][3] == "2017-10"
' "$TMP/timeline.svg"
    ok $? "the SVG is well-formed XML with a bar for each month from July to December 2017"
fi

count() { is "$(S --count "$1")" "$2" "count [$1] = $2"; }
count '*' 45
count 'date:2017' 6
count 'date:2017-10' 4
count 'date:2017-10-17' 1
count 'date:1987-03' 5
count 'date:1987-02..1987-03' 6
count 'date:2010..' 13
count 'date:..1989' 11
count 'date:1987..2017' 43
count 'islamic state' 4
count '"islamic state"' 4
count '"state islamic"' 0
count 'syria OR iraq' 3
count 'opec NOT saudi' 0
count 'opec -kuwait' 1
count 'petro*' 2
count 'wheat NEAR soviet' 1
count 'title:cocoa' 1
count 'place:west-germany' 2
count 'place:"West Germany"' 2
count 'place:usa place:japan' 2
count 'place:usa OR place:japan' 12
count 'topic:crude' 1
count 'group:opec' 2
count 'dateline:"new york"' 4
count 'dateline:new-york dateline:washington' 1
count 'dateline:iraq' 1
count 'source:afp' 1
count 'charset:windows-1252' 1
count 'fighters' 5
count 'fighter' 5
count 'café' 1
count 'cafe' 0
count '* date:1987' 9
# places found in the text: the gazetteer's names, spellings and hierarchy
count 'place:usa' 11
count 'place:"united states"' 11
count 'place:georgia' 2
count 'place:ge' 1
count 'place:us.ga' 1
count 'place:jordan' 0
count 'place:washington' 3
count 'place:"salt lake city"' 1
count 'place:lebanon' 1
count 'place:"middle east"' 9
count 'place:asia' 15
count 'place:"soviet union"' 2
count 'place:russia' 7
count 'place:"gaza strip"' 1
count 'place:"deir ez-zor"' 1
count 'place:"Deir al-Zor"' 1
count 'place:"deir ezzor"' 1
count 'place:raqqa' 1
count 'place:syria' 2
S --count 'zzzzunknownword' > /dev/null
is "$?" 1 "no match: exit 1"
S --offset 40 --format tsv --sort oldest '*' | tail -n +2 | cut -f1 | tr '\n' ' ' > "$TMP/page"
is "$(cat "$TMP/page")" "41 42 43 44 45 " "--offset pages through results"
S --format tsv 'place:usa' | tail -n +2 | cut -f7 | head -n 1 > "$TMP/rank"
is "$(cat "$TMP/rank")" "GENERAL MOTORS TO CLOSE TWO ASSEMBLY PLANTS" "place: ranks the story labelled usa first"
S --format tsv -n 50 'place:usa' | tail -n +2 | cut -f7 | tail -n 1 > "$TMP/rank"
is "$(cat "$TMP/rank")" "Putin signs treaty to take Crimea into Russia" "and a story that names it once last"
done_testing
