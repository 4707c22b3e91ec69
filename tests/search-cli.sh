#!/bin/bash
# search-cli.sh: dateline-search's command line (options anywhere, --, --stdin) and its output
# formats (JSON, JSON Lines, CSV, TSV headers, streaming, wrapping, the pager).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
"$INDEX" -q --index "$DB" corpus/wire corpus/sgml corpus/odd 2> /dev/null
S() { "$SEARCH" --index "$DB" "$@"; }

# options anywhere on the line; -- ends them
is "$(S opec -n 1 --format tsv | tail -n +2 | wc -l)" 1 "an option after the query applies (-n 1)"
is "$(S opec -n 1 --format tsv)" "$(S -n 1 --format tsv opec)" "and gives what it gives before the query"
is "$(S -c opec)" 2 "two OPEC stories, both naming Kuwait and Saudi Arabia"
is "$(S -c -- -kuwait opec)" 1 "after --, -kuwait is a query word"
is "$(S -c opec -- -kuwait)" 1 "-- after the first words too"
is "$(S -c -- '*' -n 3)" 0 "after --, -n is a word, not the limit"
for w in -saudi -place:x -hamas -nato; do
    S opec "$w" > "$TMP/out" 2> "$TMP/err"
    is "$? $(wc -c < "$TMP/out")" "2 0" "opec $w: a usage error, nothing printed"
    grep -q "if '$w' is part of the query, put the query after --" "$TMP/err"
    ok $? "opec $w: the message says to put the query after --"
done
is "$(S -iraq oil 2>&1 | tail -n 1)" "dateline-search: if '-iraq' is part of the query, put the query after -- (dateline-search -- -iraq ...) or quote it whole ('... -iraq')" \
    "-iraq (an index named raq, which is not there): the hint follows the error"
# --help: its example of -- names the program, and --index's line the default folder (each
# had the other's text: the words after the usage lines took their values one place off)
S --help > "$TMP/help"
is "$(grep -F -e '-- -saudi opec' -e '$DATELINE_INDEX' -e 'dateline/index' "$TMP/help")" \
"(dateline-search -- -saudi opec), and so is everything inside quotes ('opec -saudi').
  -i, --index DIR        the index (default: \$DATELINE_INDEX, else
                         \$XDG_DATA_HOME/dateline/index): a folder, or shards: a folder" \
    "--help: the example of -- names the program, --index its default folder"
S --bogus oil > /dev/null 2> "$TMP/err"
is "$? $(grep -c 'unrecognized option' "$TMP/err")" "2 1" "an unknown long option: exit 2"
is "$(S --lim 1 --format=tsv oil | tail -n +2 | wc -l)" 1 "long options may be abbreviated, before or after the query"

# --stdin: a query a line, a JSON answer a line, each flushed before the next query is read
coproc Q { S --stdin -n 1 --sort oldest; }
qpid=$Q_PID  # bash unsets Q_PID once the coprocess ends
echo 'opec' >&"${Q[1]}"
IFS= read -t 20 -r a1 <&"${Q[0]}"; ok $? "--stdin: the first answer arrives while the process waits for more"
echo '"unclosed' >&"${Q[1]}"
IFS= read -t 20 -r a2 <&"${Q[0]}"; ok $? "--stdin: so does the answer to a bad query"
echo '*' >&"${Q[1]}"
IFS= read -t 20 -r a3 <&"${Q[0]}"; ok $? "--stdin: and the process carries on after it"
eval "exec ${Q[1]}>&-"
wait "$qpid"; is "$?" 0 "--stdin: exit 0 at the end of the input"
printf '%s\n' "$a1" "$a2" "$a3" > "$TMP/answers"
python3 -c 'import json,sys
a = [json.loads(l) for l in open(sys.argv[1])]
assert [x["query"] for x in a] == ["opec", "\"unclosed", "*"], a
assert a[0]["total"] == 2 and len(a[0]["results"]) == 1, a[0]
assert a[0]["results"][0]["date"] == "1987-03-02T09:14:22", "--sort oldest applies: " + a[0]["results"][0]["date"]
assert a[1]["error"] == {"status": "query_syntax", "message": "position 1: a quote that is never closed"}, a[1]
assert set(a[1]) == {"version", "query", "error"}, a[1].keys()
assert a[2]["total"] == 45 and len(a[2]["results"]) == 1, a[2]["total"]
' "$TMP/answers"
ok $? "--stdin: answers, the error with its status and message, options applied to each"
is "$(printf 'opec\n\n*\ndate:2017-13\n' | S --stdin --count)" \
   '{"version":2,"query":"opec","total":2}
{"version":2,"query":"","error":{"status":"bad_argument","message":"no query: give words to search for, or * for every article"}}
{"version":2,"query":"*","total":45}
{"version":2,"query":"date:2017-13","error":{"status":"query_syntax","message":"position 6: '"'2017-13'"' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B"}}' \
   "--stdin --count: one object a line; an empty line and an impossible date are errors"
is "$(printf 'opec\n' | S --stdin --facet place:1 | python3 -c 'import json,sys; d=json.loads(sys.stdin.readline()); print(d["facets"]["place"])')" \
   "[{'value': 'Saudi Arabia', 'count': 2}]" "--stdin --facet: facets in each answer"
for bad in "opec" "--show x" "--format tsv"; do
    S --stdin $bad < /dev/null > /dev/null 2> "$TMP/err"
    is "$? $(grep -c 'stdin reads the queries from standard input' "$TMP/err")" "2 1" "--stdin $bad: a usage error"
done
# a long-lived --stdin process sees what was indexed after it started
"$INDEX" -q --index "$TMP/grow" corpus/wire 2> /dev/null
coproc G { "$SEARCH" --index "$TMP/grow" --stdin --count; }
gpid=$G_PID
echo '*' >&"${G[1]}"; IFS= read -t 20 -r g1 <&"${G[0]}"
"$INDEX" -q --index "$TMP/grow" corpus/sgml 2> /dev/null
echo '*' >&"${G[1]}"; IFS= read -t 20 -r g2 <&"${G[0]}"
eval "exec ${G[1]}>&-"; wait "$gpid"
is "$g1 $g2" '{"version":2,"query":"*","total":33} {"version":2,"query":"*","total":41}' "--stdin: each query reads the newest revision"

# --count: a bare number in text and TSV, an object in JSON
is "$(S --count opec)" 2 "--count: a bare number"
is "$(S --count --format tsv opec)" 2 "--count --format tsv: a bare number"
is "$(S --count --format json 'opec "x')" "" "--count --format json: nothing on stdout for a bad query"
is "$(S --count --format json 'opec')" '{"version":2,"query":"opec","total":2}' "--count --format json: an object"
is "$(S --count --format json 'zzzzunknownword'; echo "rc $?")" '{"version":2,"query":"zzzzunknownword","total":0}
rc 1' "--count --format json: total 0, exit 1"

# --format jsonl, csv, and TSV's header line: the same results as --format json, field by field
S --format json -n 100 --sort oldest '*' > "$TMP/all.json"
S --format jsonl -n 100 --sort oldest '*' > "$TMP/all.jsonl"
S --format csv -n 100 --sort oldest '*' > "$TMP/all.csv"
S --format tsv -n 100 --sort oldest '*' > "$TMP/all.tsv"
python3 -c 'import csv,json,sys
d = json.load(open(sys.argv[1]))["results"]
lines = open(sys.argv[2]).read().split("\n")
assert lines[-1] == "" and len(lines) == 46, len(lines)
assert [json.loads(l) for l in lines[:-1]] == d, "jsonl: one result a line, as in json"
cols = ["rank","score","id","date","dateline","source","title","places","groups","topics","file","key","snippet"]
raw = open(sys.argv[3], newline="").read()
assert raw.count("\r\n") >= 46 and raw.endswith("\r\n"), "csv: lines end in CRLF"
rows = list(csv.reader(open(sys.argv[3], newline="")))
assert rows[0] == cols, rows[0]
assert len(rows) == 46, len(rows)
quoted = 0
for r, j in zip(rows[1:], d):
    x = dict(zip(cols, r))
    assert int(x["rank"]) == j["rank"] and x["id"] == j["id"] and x["title"] == (j["title"] or ""), (x, j)
    assert x["snippet"] == j["snippet"] and x["dateline"] == (j["dateline"] or ""), x["id"]
    assert x["places"] == ";".join(j["places"]) and x["topics"] == ";".join(j["topics"]), x["id"]
    assert x["key"] == (j["origin"]["key"] or "") and x["file"] == j["origin"]["file"], x["id"]
    quoted += "," in x["title"] or "\"" in x["snippet"]
assert quoted >= 2, quoted
t = open(sys.argv[4]).read().split("\n")
assert t[0] == "\t".join(cols), t[0]
assert [l.split("\t")[2] for l in t[1:-1]] == [j["id"] for j in d], "tsv: the header, then the results"
' "$TMP/all.json" "$TMP/all.jsonl" "$TMP/all.csv" "$TMP/all.tsv"
ok $? "jsonl and csv (RFC 4180, quoted where needed, a header) give what json gives; TSV has a header line"
is "$(S --format csv -n 1 'title:"output stays"' | tail -n 1)" \
   "$(printf '1,%s,c985ccfc1b26ba1e,1987-03-02T09:14:22,KUWAIT,Reuters,"OPEC OUTPUT STAYS BELOW CEILING, SURVEY SAYS",Kuwait;Saudi Arabia,Organization of Petroleum Exporting Countries,crude,corpus/sgml/wire-1987.sgm,90002,"Crude output by the Organization of Petroleum Exporting Countries stayed below its 15.8 mln barrels per day ceiling in February, a survey of oil company officials showed. Saudi Arabia and Kuwait pumped less than their quotas <to support..."\r' "$(S --format tsv -n 1 'title:"output stays"' | tail -n 1 | cut -f2)")" \
   "csv: a title and a snippet with commas are quoted, lists joined by ;"
is "$(S --format tsv -n 0 --facet topic:1 'opec' | head -n 1)" "$(printf 'facet\ttopic\tcrude\t1')" "tsv -n 0: no header when no result is asked for"
is "$(S --format csv 'zzzzunknownword' | tr -d '\r')" "rank,score,id,date,dateline,source,title,places,groups,topics,file,key,snippet" "csv: the header even when nothing matched"
is "$(S --format jsonl 'zzzzunknownword' | wc -c)" 0 "jsonl: nothing when nothing matched"
for f in jsonl csv; do
    S --format $f --facet place opec > "$TMP/out" 2> "$TMP/err"
    is "$? $(wc -c < "$TMP/out") $(grep -c 'for --facet and --timeline use json or tsv' "$TMP/err")" "2 0 1" "--format $f --facet: a usage error"
done
id=$(S --format jsonl -n 1 'cocoa bahia' | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
is "$(S --show "$id" --format jsonl)" "$(S --show "$id" --format json)" "--show --format jsonl: the JSON object, on one line"
is "$(S --show "$id" --format csv | head -n 2 | tr -d '\r')" "id,$id
title,RAINS EASE DROUGHT IN BRAZIL COCOA BELT" "--show --format csv: field,value lines"
is "$(S --count --format jsonl opec)" '{"version":2,"query":"opec","total":2}' "--count --format jsonl: the object"

# Streaming: results come from the library a page at a time (50, then more), each printed and
# flushed before the next is fetched. A shim holds the second fetch until told to go on.
SHIM="$TMP/run-gate.so"
${CC:-cc} -shared -fPIC -O1 -I include -o "$SHIM" tests/run-gate.c -ldl 2> "$TMP/cc.err" ||
    { echo "Bail out! cannot build the shim: $(head -c 300 "$TMP/cc.err")"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
stories "$TMP/many" 130
"$INDEX" -q --index "$TMP/big" "$TMP/many" 2> /dev/null
B() { "$SEARCH" --index "$TMP/big" --all-versions "$@"; }  # the stories repeat every 33: chains
gated() { env LD_PRELOAD="$SHIM" DL_GATE_LOG="$TMP/gate.log" DL_GATE_OPEN="$TMP/gate" "$SEARCH" --index "$TMP/big" --all-versions "$@"; }
held() { # held FILE: waits until the shim holds a fetch and FILE has a line (20 s at most)
    for _ in $(seq 200); do
        [ -s "$TMP/gate.log" ] && [ -s "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
rm -f "$TMP/gate" "$TMP/gate.log"
gated -n 100000 --format tsv --sort oldest '*' > "$TMP/stream.tsv" &
pid=$!
held "$TMP/stream.tsv"; ok $? "the second page is fetched while the process runs"
is "$(wc -l < "$TMP/stream.tsv") $(cat "$TMP/gate.log")" "51 held 50 100" \
   "the header and the first 50 results are out before the second page (100 more) is fetched"
touch "$TMP/gate"; wait "$pid"; is "$?" 0 "and the search ends well"
is "$(tail -n +2 "$TMP/stream.tsv" | cut -f1 | tr '\n' ' ')" "$(seq -s ' ' 1 130) " "every result once, ranks 1 to 130 in order"
is "$(tail -n +2 "$TMP/stream.tsv" | cut -f3 | sort -u | wc -l)" 130 "130 distinct articles"
is "$(tail -n +2 "$TMP/stream.tsv")" "$(B -n 130 --format tsv --sort oldest '*' | tail -n +2)" "the pages make the list one fetch gives"
B -n 100000 --format json --facet place:3 '*' > "$TMP/stream.json"
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 130 and len(d["results"]) == 130, (d["total"], len(d["results"]))
assert [r["rank"] for r in d["results"]] == list(range(1, 131))
assert len(d["facets"]["place"]) == 3
' "$TMP/stream.json"
ok $? "JSON over pages: one valid object, totals and facets from the first page, 130 results"
is "$(B -n 70 --offset 20 --format tsv --sort oldest '*' | tail -n +2 | cut -f1 | sed -n '1p;$p' | tr '\n' ' ')" "21 90 " "--offset and -n across pages"
is "$(B -n 75 '*' | tail -n 1)" "1-75 of 130 matches" "text: the last line counts what the pages printed"
# past the bound the total is a lower bound, not where the list ends: the pages go on to the
# last match (a bound under the first page's 50 once ended the list there)
is "$(B -n 100000 --total-bound 20 --format tsv --sort oldest -- 'serial -oil')" \
   "$(B -n 100000 --exact-total --format tsv --sort oldest -- 'serial -oil')" \
   "--total-bound 20 --format tsv: all 126 matches listed, as with --exact-total"
is "$(B -n 100000 --total-bound 20 --sort oldest -- 'serial -oil' | head -n -1)" \
   "$(B -n 100000 --exact-total --sort oldest -- 'serial -oil' | head -n -1)" \
   "--total-bound 20, text: all 126 matches listed"
is "$(B -n 100000 --total-bound 20 -- 'serial -oil' | tail -n 1)" \
   "1-126 of 126+ matches (--exact-total counts them all)" "and the total is at least what was listed"

# A reader that goes away ends the search quietly: killed by SIGPIPE (141), or, where SIGPIPE
# is ignored, at the EPIPE error with status 0, and no message either way.
for how in default ignored; do
    rm -f "$TMP/gate" "$TMP/gate.log" "$TMP/first" "$TMP/pipe.rc"
    { [ $how = ignored ] && trap '' PIPE
      gated -n 100000 --format tsv '*' 2> "$TMP/pipe.err"; echo $? > "$TMP/pipe.rc"; } | head -n 1 > "$TMP/first" &
    # the search is held at its second fetch, or already ended by a write to the closed pipe
    for _ in $(seq 200); do
        [ -s "$TMP/first" ] && { [ -s "$TMP/gate.log" ] || [ -s "$TMP/pipe.rc" ]; } && break
        sleep 0.1
    done
    sleep 0.2  # head has read its line and gone
    touch "$TMP/gate"; wait
    want=$([ $how = ignored ] && echo 0 || echo 141)
    is "$(cat "$TMP/pipe.rc") $(wc -c < "$TMP/pipe.err") $(cat "$TMP/first")" "$want 0 $(printf 'rank\tscore\tid\tdate\tdateline\tsource\ttitle\tplaces\tgroups\ttopics\tfile\tkey\tsnippet')" \
       "SIGPIPE $how: head -n 1 gets the header, the search ends with $want and says nothing"
done

# Text fits the terminal: words wrap at COLUMNS (display columns, not bytes), never cut
mkdir "$TMP/wide"
{ echo 'Café naïve résumé 東京 市場 株価 上昇 東京 市場 株価 上昇 東京 市場 株価 上昇 東京 市場 株価 上昇 extraordinarily-long-hyphenated-word-that-fits-no-line-at-all'
  echo; echo 'TOKYO (Reuters) - 東京 市場 株価 上昇 café naïve résumé “quoted” 東京 市場 株価 上昇 東京 市場 株価 上昇 東京 市場 déjà vu 株価 上昇 and so on.'; } > "$TMP/wide/a.txt"
"$INDEX" -q --index "$TMP/wdb" "$TMP/wide" corpus/wire 2> /dev/null
for q in '東京' 'islamic state' 'fighters OR troops'; do
    for w in 24 37 80; do COLUMNS=$w "$SEARCH" --index "$TMP/wdb" -n 5 "$q" > "$TMP/w$w"; done
    COLUMNS=100000 "$SEARCH" --index "$TMP/wdb" -n 5 "$q" > "$TMP/wfull"
    python3 -c 'import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
full = open(sys.argv[1], encoding="utf-8").read().split()
for w in (24, 37, 80):
    text = open(sys.argv[1][:-5] + "w%d" % w, encoding="utf-8").read()   # strict UTF-8: no character cut
    assert text.split() == full, "w%d: the same words in the same order" % w
    for line in text.split("\n"):
        if width(line) > w:
            assert len(line.split()) == 1 or line.startswith("     ") and len(line.split()) == 2 and line.split()[0].isalnum(), (w, line)
    lines = text.split("\n")
    assert any(width(l) > w - 8 for l in lines if len(l.split()) > 1), "lines are filled, not cut short"
' "$TMP/wfull"
    ok $? "wrapped at 24, 37 and 80 columns: [$q] has the same words, no line past the width but a word that cannot fit"
done
COLUMNS=24 "$SEARCH" --index "$TMP/wdb" -n 1 '東京' | grep -q '^     extraordinarily-long-hyphenated-word-that-fits-no-line-at-all$'
ok $? "a word longer than the line stands alone on its line, whole"
is "$(COLUMNS=30 "$SEARCH" --index "$TMP/wdb" -n 1 '東京' | head -n 2)" "  1. undated     Café naïve
     résumé 東京 市場 株価" "a wide character takes two columns, an accented one one"
COLUMNS=40 S --color=always -n 1 'deir ez-zor' | grep 'Zor.*city' > "$TMP/lit"
is "$(cat -v "$TMP/lit")" '     in ^[[1;31mDeir^[[0m ^[[1;31mez^[[0m-^[[1;31mZor^[[0m city on Friday,' "colour escapes take no width: 5 + 30 columns, and ' state' would pass 40"

# On a terminal (script(1) gives one): the size from the terminal, the pager, NO_COLOR
if script -qec true /dev/null > /dev/null 2>&1; then
    tty() { script -qec "$1" /dev/null < /dev/null | tr -d '\r'; }
    SS="'$SEARCH' --index '$DB'"
    longest=$(tty "stty cols 50 rows 100; COLUMNS=120 $SS -n 1 --no-pager 'islamic state'" | awk '{ print length($0) }' | sort -n | tail -n 1)
    [ "$longest" -le 50 ] && [ "$longest" -gt 44 ]
    ok $? "the terminal's width (50) wins over COLUMNS (120): the longest line has $longest columns"
    tty "stty cols 80 rows 20; PAGER='sed s/^/PAGED:/' $SS -n 10 'islamic state'" > "$TMP/paged"
    is "$(grep -c '^PAGED:' "$TMP/paged") $(grep -vc '^PAGED:' "$TMP/paged")" "25 0" "longer than the screen: all of it through \$PAGER"
    tty "stty cols 80 rows 20; PAGER='sed s/^/PAGED:/' $SS -n 2 'islamic state'" > "$TMP/paged"
    is "$(grep -c '^PAGED:' "$TMP/paged") $(wc -l < "$TMP/paged")" "0 13" "shorter than the screen: printed as it is"
    tty "stty cols 80 rows 20; PAGER='sed s/^/PAGED:/' $SS --no-pager -n 10 'islamic state'" > "$TMP/paged"
    is "$(grep -c '^PAGED:' "$TMP/paged") $(wc -l < "$TMP/paged")" "0 25" "--no-pager: no pager"
    tty "stty cols 80 rows 20; PAGER= $SS -n 10 'islamic state'" > "$TMP/paged"
    is "$(wc -l < "$TMP/paged")" 25 "an empty PAGER: no pager"
    mkdir "$TMP/bin"; printf '#!/bin/sh\necho "less $* LESS=$LESS"; cat > /dev/null\n' > "$TMP/bin/less"; chmod +x "$TMP/bin/less"
    is "$(tty "stty cols 80 rows 20; unset PAGER LESS; PATH='$TMP/bin':\$PATH $SS -n 10 'islamic state'")" "less -R LESS=FRX" \
       "no PAGER: less -R, with LESS=FRX as git sets it"
    tty "stty cols 80 rows 20; PAGER='head -n 3' $SS -n 1000 '*'; echo rc=\$?" > "$TMP/quit"
    is "$(wc -l < "$TMP/quit") $(tail -n 1 "$TMP/quit") $(grep -c dateline-search "$TMP/quit")" "4 rc=0 0" "a pager that quits early: exit 0, no message"
    has_color() { tty "stty cols 80 rows 100; export TERM=xterm; $1 $SS -n 1 --no-pager ${2:-} fighters" | grep -c $'\033\[1;31m'; }
    is "$(has_color 'unset NO_COLOR;')" 1 "on a terminal: colour"
    is "$(has_color 'NO_COLOR=1')" 0 "NO_COLOR=1: none"
    is "$(has_color 'NO_COLOR=')" 1 "an empty NO_COLOR: colour"
    is "$(has_color 'NO_COLOR=1' --color=always)" 1 "NO_COLOR=1 --color=always: colour"
    is "$(S -n 1 fighters | grep -c $'\033')" 0 "not a terminal: no colour"
    is "$(PAGER='sed s/^/PAGED:/' S -n 20 '*' | grep -c PAGED)" 0 "not a terminal: no pager"
else
    echo "# no script(1): the terminal tests are skipped"
fi

# JSON version 2: place_ids with names, highlights as byte offsets into the snippet
S --format json -n 100 '*' > "$TMP/v2.json"
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 2
n = 0
for r in d["results"]:
    assert [p["name"] for p in r["place_ids"]] == r["places"], (r["id"], r["place_ids"], r["places"])
    assert all(type(p["salience"]) is int and p["salience"] > 0 for p in r["place_ids"]), r["place_ids"]
    n += len(r["place_ids"])
    assert r["highlights"] == [], "* highlights nothing"
assert n > 60, n
ids = {p["id"]: p["name"] for r in d["results"] for p in r["place_ids"]}
assert ids["sy"] == "Syria" and ids["us"] == "United States" and ids["h-ussr"] == "Soviet Union", ids
' "$TMP/v2.json"
ok $? "place_ids: each {id, name, salience}, named as places names them (sy: Syria, h-ussr: Soviet Union)"
mkdir "$TMP/label"; printf 'title,text,location\nHarbour opens,The new harbour opened on Monday in the capital.,Ruritania\n' > "$TMP/label/a.csv"
"$INDEX" -q --index "$TMP/ldb" "$TMP/label/a.csv" 2> /dev/null
is "$("$SEARCH" --index "$TMP/ldb" --format jsonl harbour | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["place_ids"])')" \
   "[{'id': '=ruritania', 'name': 'Ruritania', 'salience': 20}]" "a label the gazetteer does not know: named as the source gave it"
# a small town, a place only with its qualifier, is found by place: under its name and its id
mkdir "$TMP/town"; printf 'title,text\nMarch remembered,"Thousands marched in Selma, Alabama on Sunday."\nFilm festival,"The film was shot in Paris, Texas last year."\n' > "$TMP/town/a.csv"
"$INDEX" -q --index "$TMP/tdb" "$TMP/town/a.csv" 2> /dev/null
is "$("$SEARCH" --index "$TMP/tdb" --format tsv place:selma | cut -f7,8 | tail -n +2)" "March remembered	Selma,Alabama" \
   "place:selma: the town of 'Selma, Alabama'"
is "$("$SEARCH" --index "$TMP/tdb" --format tsv place:g4717560 | cut -f7,8 | tail -n +2)" "Film festival	Paris,Texas" \
   "place:g4717560: Paris, Texas by its id"
is "$("$SEARCH" --index "$TMP/tdb" --format tsv place:france | tail -n +2)" "" "Paris, Texas is no story of France"
for q in 'islamic state' 'fighters' '"islamic state"' 'petro*' 'deir ez-zor' 'café' 'wheat NEAR soviet'; do
    S --format json -n 10 "$q" > "$TMP/h.json"
    COLUMNS=100000 S --color=always -n 10 "$q" > "$TMP/h.txt"
    python3 -c 'import json,re,sys
d = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
snips = [l[5:] for l in lines[1::3]][:len(d["results"])]
assert len(snips) == len(d["results"]) > 0
for r, t in zip(d["results"], snips):
    b = r["snippet"].encode()
    # the spans the colour output marks, as byte offsets into the plain snippet
    spans, plain, at = [], b"", 0
    for part in re.split(rb"(\x1b\[[0-9;]*m)", t.encode()):
        if part == b"\x1b[1;31m": start = len(plain)
        elif part == b"\x1b[0m": spans.append([start, len(plain)])
        else: plain += part
    assert plain == b, (plain, b)
    assert r["highlights"] == spans, (r["id"], r["highlights"], spans)
    for s, e in r["highlights"]:
        w = b[s:e].decode().lower()
        assert w.isalpha() or w.replace("é", "e").isalpha(), w
        assert w in sys.argv[3].lower() or w.startswith(sys.argv[3].lower().rstrip("*s")[:5]), (w, sys.argv[3])
    assert r["highlights"] or sys.argv[3] == "*", ("nothing highlighted", r["id"])
' "$TMP/h.json" "$TMP/h.txt" "$q"
    ok $? "highlights for [$q]: byte spans of query words, the ones the colour output marks"
done

done_testing
