#!/bin/bash
# jobs-kill.sh: dateline-index --jobs 2 killed just before each of its commits in turn (an
# LD_PRELOAD shim, commit-kill.c, raises SIGKILL before the Nth glass commit under the index),
# so that every point between two shards' commits is hit, not only those a random kill finds
# (tests/crash.sh). After each kill the same command again must give the answers and counts of
# an uninterrupted run: no file is believed unchanged while some of its articles are missing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
shim commit-kill.c

# 40 story files (one article each: the corpus's 33 wire stories, then 7 of them again, which
# join their stories as versions, across shards too) and one feed of 12 articles, which go to
# both shards
SRC="$TMP/src"
stories "$SRC" 40
for i in $(seq -w 1 12); do
    printf '{"id":"feed-%s","title":"Harbour notice %s","text":"The port of Valletta posted notice %s about ferries to Gozo."}\n' "$i" "$i" "$i"
done > "$SRC/feed.jsonl"
N=52
queries=('*' 'place:malta' 'ferries' 'serial number' 'oil prices')
answers() { # answers DB: what a user would see
    for q in "${queries[@]}"; do
        "$SEARCH" --index "$1" --format json -n 1000 "$q"
        "$SEARCH" --index "$1" --facet place:5 --facet group:5 -n 0 "$q"
    done 2>&1
}

"$INDEX" -q --jobs 2 --index "$TMP/ref" "$SRC" 2> "$TMP/ref.err"
is "$(summary "$TMP/ref.err")" "dateline-index: read $N, added $N, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text 40, json 12" "the uninterrupted run"
answers "$TMP/ref" > "$TMP/ref.answers"
# the versions of a story in two shards join one chain in the settle, as in one index
"$INDEX" -q --jobs 1 --index "$TMP/one" "$SRC" 2> /dev/null
answers "$TMP/one" > "$TMP/one.answers"
diff "$TMP/one.answers" "$TMP/ref.answers" > /dev/null
ok $? "--jobs 2 answers as --jobs 1"
is "$(grep -o '"stories":[0-9]*' "$TMP/ref.answers" | head -n 1)" '"stories":45' "52 articles, 45 stories: the 7 stories sent again are versions of theirs"
s0=$(/usr/bin/python3 -c 'import sys,xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$TMP/ref/shard-0")
[ "$s0" -gt 0 ] && [ "$s0" -lt $N ]
ok $? "both shards hold articles (shard 0: $s0 of $N)"

# --batch 1000: the workers never commit on their own, so the commits are those of the end
# of a run, in the same order each time
at=1
while :; do
    DB="$TMP/db"; rm -rf "$DB"
    # in a subshell, whose report of the kill goes to /dev/null
    (env LD_PRELOAD="$SHIM" DL_KILL_PATH="$DB/shard-" DL_KILL_AT=$at \
        "$INDEX" -q --jobs 2 --batch 1000 --index "$DB" "$SRC" > /dev/null 2> "$TMP/err"
     exit $?) 2> /dev/null
    code=$?
    [ $code -eq 137 ] || break # 128 + SIGKILL; else the run had fewer commits: all were hit
    # a file counts as unchanged only when every shard holds the same record of it
    agreed=$(/usr/bin/python3 - "$DB" <<'PY'
import sys, xapian
recs = []
for k in (0, 1):
    try:
        db = xapian.Database("%s/shard-%d" % (sys.argv[1], k))
        recs.append({key: db.get_metadata(key) for key in db.metadata_keys(b"dateline.file.")})
    except xapian.DatabaseOpeningError:
        recs.append({})
print(sum(1 for key, v in recs[0].items() if recs[1].get(key) == v))
PY
)
    "$INDEX" -v --jobs 2 --batch 1000 --index "$DB" "$SRC" 2> "$TMP/rerun.err"
    is "$(grep -c 'not read again' "$TMP/rerun.err")" "$agreed" "killed before commit $at: the re-run leaves unread the $agreed files both shards record, and only those"
    counts=$(summary "$TMP/rerun.err" | sed -E 's/added ([0-9]+), updated 0, unchanged ([0-9]+),/added+unchanged \1+\2,/')
    added=$(echo "$counts" | sed -E 's/.*added\+unchanged ([0-9]+)\+([0-9]+),.*/\1/')
    unchanged=$(echo "$counts" | sed -E 's/.*added\+unchanged ([0-9]+)\+([0-9]+),.*/\2/')
    is "$(summary "$TMP/rerun.err" | sed -E 's/added [0-9]+, updated 0, unchanged [0-9]+,/added+unchanged,/')" \
        "dateline-index: read $N, added+unchanged, duplicates 0, rejected 0; formats: text 40, json 12" \
        "killed before commit $at: the re-run counts all as read, updates and duplicates none"
    is "$((added + unchanged))" "$N" "killed before commit $at: added $added + unchanged $unchanged"
    answers "$DB" > "$TMP/answers"
    diff "$TMP/ref.answers" "$TMP/answers" > "$TMP/diff"
    ok $? "killed before commit $at: the re-run answers as the uninterrupted run"
    head -n 6 "$TMP/diff" | cut -c1-200 | sed 's/^/#   /'
    "$INDEX" --jobs 2 --index "$DB" "$SRC" 2> "$TMP/again.err"
    is "$(summary "$TMP/again.err")" "dateline-index: read $N, added 0, updated 0, unchanged $N, duplicates 0, rejected 0; formats: text 40, json 12" \
        "killed before commit $at: a third run finds everything unchanged"
    at=$((at + 1))
done
is "$code" 0 "the run with the shim but fewer than $at commits under the index ends well"
[ $at -ge 5 ]
ok $? "a run commits the shards at least 4 times: $((at - 1)) kills, one before each"
done_testing
