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
order() { S --format tsv -n 3 "$@" 'fighters OR troops OR militants' | tail -n +2 | cut -f7 | cut -c1-20 | tr '\n' '|'; }
is "$(order --sort relevance)" "Philippines ends fiv|US-backed forces tak|Syrian army presses |" "by relevance, Raqqa before Deir ez-Zor"
is "$(order --sort recent)" "Philippines ends fiv|Syrian army presses |US-backed forces tak|" "recent: Deir ez-Zor (20 Oct) before Raqqa (17 Oct)"
is "$(order --sort recent --half-life 3650)" "$(order --sort relevance)" "a ten-year half-life changes nothing here"

# facets and timelines, over all matches
S -n 0 --facet place:6 --facet group:4 --timeline year 'date:2010..' > "$TMP/facets.txt"; golden facets.txt
S -n 0 --format tsv --facet topic --timeline month 'date:1987' > "$TMP/facets.tsv"; golden facets.tsv
# every period from the first to the last with matches is listed, those without matches with
# count 0: corpus/wire has stories of 15, 17, 20 and 23 October 2017 (see the file names)
periods() { S -n 0 --format tsv "$@" | grep '^period' | cut -f2,3 | tr '\t\n' ' |'; }
is "$(periods --timeline day 'date:2017-10')" \
   "2017-10-15 1|2017-10-16 0|2017-10-17 1|2017-10-18 0|2017-10-19 0|2017-10-20 1|2017-10-21 0|2017-10-22 0|2017-10-23 1|" \
   "a timeline by day lists the days without matches"
# 2017: Mon 10 July (Mosul), the October four, Wed 20 December: 24 weeks from 10 July to 18 December
is "$(periods --timeline week 'date:2017' | tr '|' '\n' | grep -c .)" 24 "by week: 24 weeks from 2017-07-10 to 2017-12-18"
is "$(periods --timeline week 'date:2017' | tr '|' '\n' | grep -v ' 0$' | tr '\n' '|')" \
   "2017-07-10 1|2017-10-09 1|2017-10-16 2|2017-10-23 1|2017-12-18 1|" "by week: the weeks with matches"
# 1987: corpus/sgml's February to April records, odd/truncated.sgm (14 April) and the October crash
is "$(periods --timeline month 'date:1987')" \
   "1987-02 1|1987-03 5|1987-04 2|1987-05 0|1987-06 0|1987-07 0|1987-08 0|1987-09 0|1987-10 1|" \
   "a timeline by month lists the months without matches"
is "$(periods --timeline year 'date:2010..')" "2011 2|2012 1|2013 0|2014 2|2015 1|2016 1|2017 6|" \
   "a timeline by year lists 2013, which has no story"
# the text says where the matches in no period went: corpus/ has two undated articles (the
# SGML record whose DATE is "not a date at all", and odd/no-headline.txt)
is "$(S -n 0 --timeline day '*' | tail -n 1)" \
   "  43 of 45 matches in the timeline; 2 undated, 0 dated only to a month or year" \
   "the text timeline says how many matches are undated"
if command -v python3 > /dev/null; then
    S -n 2 --format json --facet place:50 --facet group:50 --timeline week '*' > "$TMP/f.json"
    python3 -c 'import json,sys,datetime
d=json.load(open(sys.argv[1]))
total=d["total"]; t=d["timeline"]; periods=t["periods"]
assert set(t) == {"period","periods","undated","coarser","by","series"}, t.keys()
assert (t["undated"], t["coarser"]) == (2, 0), (t["undated"], t["coarser"])
assert sum(p["count"] for p in periods) + t["undated"] + t["coarser"] == total, "periods + undated + coarser = total"
days=[datetime.date.fromisoformat(p["period"]) for p in periods]
assert all(d.weekday() == 0 for d in days), "weeks start on Monday"
assert all((b - a).days == 7 for a, b in zip(days, days[1:])), "every week, one after another"
assert (days[0], days[-1]) == (datetime.date(1987, 2, 23), datetime.date(2017, 12, 18)), (days[0], days[-1])
places={f["value"]: f["count"] for f in d["facets"]["place"]}
assert places["United States"] == 13, places["United States"]
assert places["Syria"] == 2 and places["Iraq"] == 3, (places["Syria"], places["Iraq"])
groups={f["value"]: f["count"] for f in d["facets"]["group"]}
assert groups["Islamic State"] == 4, groups
' "$TMP/f.json"
    ok $? "JSON facets and weekly timeline: counts over all matches, every Monday, oldest first, the undated counted"
    # --by: the three commonest datelines over all matches and where each falls, from the
    # file names of corpus/wire: NEW YORK 1987, 2001, 2008, 2017 (WASHINGTON/NEW YORK);
    # LONDON 2005, 2012, 2016; MOSCOW 1991, 1998, 2014 (no corpus/sgml record has these)
    S -n 0 --format json --timeline year --by dateline:3 '*' > "$TMP/by.json"
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); t=d["timeline"]
years=[int(p["period"]) for p in t["periods"]]
assert years == list(range(1987, 2018)), years
want={"NEW YORK": [1987, 2001, 2008, 2017], "LONDON": [2005, 2012, 2016], "MOSCOW": [1991, 1998, 2014]}
assert t["by"] == "dateline", t["by"]
assert [s["value"] for s in t["series"]] == ["NEW YORK", "LONDON", "MOSCOW"], [s["value"] for s in t["series"]]
for s in t["series"]:
    assert set(s) == {"value", "counts"}, s.keys()
    got=[y for y, c in zip(years, s["counts"]) for _ in range(c)]
    assert got == want[s["value"]], (s["value"], got)
' "$TMP/by.json"
    ok $? "--by dateline:3: exact counts per year of the three commonest datelines"
fi
S -n 0 --timeline month --by place:3 'date:2017' > "$TMP/timeline-by.txt"; golden timeline-by.txt
is "$(S -n 0 --format tsv --by dateline:2 'date:2017-12 OR date:1987-10' | grep '^series' | grep -v '	0$' | tr '\t\n' ' |')" \
   "series 1987-10 NEW YORK 1|series 2017-12 NEW YORK 1|series 2017-12 WASHINGTON 1|" \
   "--by in TSV: a line per period and value; by month unless --timeline says"

# the timeline as an SVG chart: by month, empty months drawn too
S --format svg 'date:2017' > "$TMP/timeline.svg"; golden timeline.svg
S --format svg --by place:3 'date:2017' > "$TMP/timeline-by.svg"; golden timeline-by.svg
if command -v python3 > /dev/null; then
    python3 -c 'import sys, re, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
root = E.parse(sys.argv[1]).getroot()
assert root.find(ns + "title").text == "date:2017: 6 articles by month, 2017-07 to 2017-12", root.find(ns + "title").text
texts = [t.text for t in root.iter(ns + "text")]
assert "stories" not in " ".join(texts), texts
assert "6 articles by month, 2017-07 to 2017-12" in texts and "articles" in texts and "month" in texts, texts
assert "All 6 articles are drawn." in texts, texts
bars = [r for r in root.iter(ns + "rect") if r.find(ns + "title") is not None]
assert len(bars) == 6, len(bars)   # 2017-07 to 2017-12
labels = [b.find(ns + "title").text.split(":")[0] for b in bars]
assert labels == ["2017-%02d" % m for m in range(7, 13)], labels
assert [b.find(ns + "title").text.split(" ")[1] for b in bars] == ["1", "0", "0", "4", "0", "1"]
# the count axis: 0 to 4 in steps of 1, a grid line each
ticks = [t.text for t in root.iter(ns + "text") if t.get("text-anchor") == "end"]
assert ticks == ["0", "1", "2", "3", "4"], ticks
assert len([l for l in root.iter(ns + "line") if l.get("stroke") == "#e2e2e2"]) == 4
' "$TMP/timeline.svg"
    ok $? "the SVG is well-formed XML: articles, a bar for each month from July to December 2017, round ticks"
    python3 -c 'import sys, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
root = E.parse(sys.argv[1]).getroot()
groups = root.findall(ns + "g")
assert len(groups) == 3, len(groups)   # a series each: United States, Syria, Ar Raqqah
counts = [[int(r.find(ns + "title").text.rsplit(" ", 1)[1]) for r in g.iter(ns + "rect")] for g in groups]
assert counts == [[1, 0, 0, 1, 0, 1], [0, 0, 0, 2, 0, 0], [0, 0, 0, 1, 0, 0]], counts
texts = [t.text for t in root.iter(ns + "text")]
assert "by place (articles)" in texts and "all articles (6)" in texts and "Syria (2)" in texts, texts
assert "United States (3)" in texts, texts
' "$TMP/timeline-by.svg"
    ok $? "the SVG with --by place:3: a series of bars each, with a legend"
    # by day over 31 years: a bar for each of the 11256 days, labels that do not overlap, a note
    S --format svg --timeline day --by dateline:3 '*' > "$TMP/days.svg"
    python3 -c 'import sys, datetime, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
root = E.parse(sys.argv[1]).getroot()
days = (datetime.date(2017, 12, 20) - datetime.date(1987, 2, 26)).days + 1
bars = [r for r in root.iter(ns + "rect") if r.find(ns + "title") is not None]
assert len(bars) == days, (len(bars), days)
assert sum(int(b.find(ns + "title").text.split(" ")[1]) for b in bars) == 43
assert len(root.findall(ns + "polyline")) == 3
texts = list(root.iter(ns + "text"))
assert "43 of 45 articles drawn; not drawn: 2 undated, 0 dated only to a month or year." in [t.text for t in texts]
axis = [(float(t.get("x")), t.text) for t in texts if t.get("text-anchor") == "middle" and t.text[:2] in ("19", "20")]
assert len(axis) >= 5, axis
assert all(b[0] - a[0] >= 6.5 * len(a[1]) for a, b in zip(axis, axis[1:])), axis
' "$TMP/days.svg"
    ok $? "the SVG by day: a bar per day over 31 years, labels apart, the undated told"
    # 9 articles in 1987 (corpus/sgml, odd/truncated.sgm and the crash): steps of 2 up to 10
    S --format svg --timeline year '*' > "$TMP/years.svg"
    python3 -c 'import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
ticks = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("text-anchor") == "end"]
assert ticks == ["0", "2", "4", "6", "8", "10"], ticks
' "$TMP/years.svg"
    ok $? "the count axis goes in round steps: 0 to 10 by 2 for a largest bar of 9"
    # every text is escaped
    S --format svg 'cocoa OR "a&b <c>" OR '"'"'x'"'" > "$TMP/esc.svg"
    python3 -c 'import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
t = root.find("{http://www.w3.org/2000/svg}title").text
assert t.startswith("cocoa OR \"a&b <c>\" OR '"'"'x'"'"': 1 article by month"), t
' "$TMP/esc.svg"
    ok $? "the SVG escapes the query"
    S --format svg --by topic 'zzzzunknownword' > "$TMP/none.svg"
    is "$?" 1 "an SVG of nothing: exit 1"
    python3 -c 'import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
assert "No article matches." in texts and "0 articles by month" in texts, texts
' "$TMP/none.svg"
    ok $? "an SVG of nothing is well-formed and says so"
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
count 'place:usa OR place:japan' 14
count 'topic:crude' 1
count 'group:opec' 2
count 'dateline:"new york"' 4
count 'dateline:new-york dateline:washington' 1
count 'dateline:mosul' 1
count 'dateline:iraq' 0 # MOSUL, Iraq: the qualifier is no dateline of its own
count 'source:afp' 1
count 'charset:windows-1252' 1
count 'fighters' 5
count 'fighter' 5
count 'café' 1
count 'cafe' 0
count '* date:1987' 9
# places found in the text: the gazetteer's names, spellings and hierarchy
count 'place:usa' 13
count 'place:"united states"' 13
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
# the story that names the U.S. in its headline and text twice (salience 27) before the one
# labelled usa (20)
is "$(cat "$TMP/rank")" "SOVIET UNION BUYS U.S. WHEAT, TRADERS SAY" "place: ranks the story most about the usa first"
S --format tsv -n 50 'place:usa' | tail -n +2 | cut -f7 | tail -n 1 > "$TMP/rank"
is "$(cat "$TMP/rank")" "Iraq declares victory over Islamic State in Mosul" "and a story that names it once last (U.S.-led)"
done_testing
