#!/bin/bash
# crash.sh: kill -9 at random moments of an ingest. Each time the index must pass xapian-check,
# open, answer queries, and hold exactly the first K articles for some batch boundary K no
# smaller than what the indexer last reported committed; re-running the ingest must then give
# the same search output as a run that was never interrupted. A file the index records as read
# (for a re-run to leave it unread) must have its article in: a record is never committed
# before the articles it counts.
# DATELINE_KILLS sets how many kills (10 here; make check-long runs 200).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
KILLS="${DATELINE_KILLS:-10}"
N=400     # articles
BATCH=16  # so that commits are frequent and kills often land in one
command -v xapian-check > /dev/null || { echo "Bail out! xapian-check is missing (xapian-tools)"; exit 1; }

# N distinct articles: the corpus stories in turn, each numbered in its headline and body
SRC="$TMP/src"
stories "$SRC" $N

queries=('*' 'place:syria' 'group:opec' 'oil prices' 'date:1990..1999' '"serial number"')
answers() { # answers DB OUTFILE: what a user would see
    for q in "${queries[@]}"; do
        "$SEARCH" --index "$1" --format json -n 1000 "$q"
        "$SEARCH" --index "$1" --facet place:5 --facet group:5 -n 0 "$q"
    done > "$2" 2>&1
}
# the story numbers in an index, one per line, in order
numbers() { "$SEARCH" --index "$1" --all-versions --format tsv -n 100000 '*' | tail -n +2 | cut -f7 | sed -E 's/^Story ([0-9]+):.*/\1/' | sort; }

# the uninterrupted run, timed to know when to kill
REF="$TMP/ref"
t0=$(date +%s%N)
"$INDEX" -q --batch $BATCH --index "$REF" "$SRC" 2> "$TMP/ref.err"
t1=$(date +%s%N)
is "$(summary "$TMP/ref.err")" "dateline-index: read $N, added $N, updated 0, unchanged 0, duplicates 0, rejected 0; formats: text $N" "the uninterrupted run"
answers "$REF" "$TMP/ref.answers"
span=$(( (t1 - t0) / 1000 ))  # microseconds
echo "# uninterrupted ingest: $((span / 1000)) ms; killing $KILLS times"

# A killed run ends by the kill (137) or, when it finished first, with 0: anything else (a
# crash of its own, SIGSEGV's 139) is a failure, with its log kept.
died_by_itself() {
    [ "$1" -eq 0 ] || [ "$1" -eq 137 ] || echo "the run died by itself before the kill (exit $1): $(tail -n 2 "$TMP/log" | tr '\n' ' ')"
}
declare -A phase_kills=()
bad=0
for k in $(seq "$KILLS"); do
    DB="$TMP/db"; rm -rf "$DB"
    delay=$(( (RANDOM * 32768 + RANDOM) % (span + span / 10 + 1) ))
    "$INDEX" -vv --batch $BATCH --index "$DB" "$SRC" 2> "$TMP/log" &
    pid=$!
    sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    died=$(died_by_itself $?)
    last=$(grep -v '^dateline-index: read' "$TMP/log" | tail -n 1)
    case "$last" in
        *"committing batch"*) phase=committing ;;
        *indexing*|*"committed batch"*) phase=indexing ;;
        *reading*) phase=reading ;;
        "") phase=opening ;;
        *) phase=finished ;;
    esac
    phase_kills[$phase]=$(( ${phase_kills[$phase]:-0} + 1 ))
    reported=$(grep -o '([0-9]* in all)' "$TMP/log" | tail -n 1 | tr -dc 0-9)
    reported=${reported:-0}
    why="$died"
    if [ -e "$DB/iamglass" ]; then
        xapian-check "$DB" > "$TMP/check" 2>&1 || why="xapian-check fails: $(tail -n 2 "$TMP/check")"
        count=$("$SEARCH" --index "$DB" --count '*' 2> "$TMP/err")
        [ -n "$why" ] || [ -n "$count" ] || why="the index does not open: $(cat "$TMP/err")"
        if [ -z "$why" ]; then
            if [ "$count" -lt "$reported" ]; then why="holds $count articles, $reported were reported committed"
            elif [ $((count % BATCH)) -ne 0 ] && [ "$count" -ne $N ]; then why="holds $count articles: not whole batches"
            elif [ "$(numbers "$DB")" != "$(seq -f %04g 1 "$count" 2> /dev/null)" ] && [ "$count" -gt 0 ]; then
                why="its $count articles are not the first $count"
            else
                early=$(/usr/bin/python3 -c '
import sys, xapian
db = xapian.Database(sys.argv[1])
p = "dateline.file."
print(" ".join(k[len(p):].decode() for k in db.metadata_keys(p) if not db.term_exists(b"XF" + k[len(p):])))' "$DB" 2>&1)
                [ -z "$early" ] || why="files recorded without their articles: $early"
            fi
        fi
    elif [ "$reported" -gt 0 ]; then
        why="no index, but $reported articles were reported committed"
    fi
    # the same ingest again completes the index: the answers are those of the uninterrupted run
    if [ -z "$why" ]; then
        "$INDEX" -q --batch $BATCH --index "$DB" "$SRC" 2> "$TMP/rerun.err"
        answers "$DB" "$TMP/answers"
        cmp -s "$TMP/ref.answers" "$TMP/answers" ||
            why="after the re-run the answers differ: $(diff "$TMP/ref.answers" "$TMP/answers" | cut -c1-160 | grep '^[<>]' | head -n 6)"
    fi
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        echo "# kill $k after ${delay} us, while $phase ($reported reported committed): $why"
        # kept for a post-mortem: the index, the log of the killed run and what was answered
        keep="${TMPDIR:-/tmp}/dateline-crash-$$-$k"
        mkdir -p "$keep" && cp -r "$DB" "$TMP/log" "$TMP/answers" "$TMP/ref.answers" "$keep/" 2> /dev/null
        echo "#   kept in $keep"
    fi
done
report=""
for p in opening reading indexing committing finished; do report="$report $p ${phase_kills[$p]:-0},"; done
echo "# kills by phase:${report%,}"
is "$bad" 0 "$KILLS kills: every index checked, held a committed prefix, and came out the same"

# the same over two shards (--jobs 2): each shard passes xapian-check, the index opens, no file
# is recorded without its articles, and the same command again gives the answers of an
# uninterrupted --jobs 2 run, however far the killed one got (its parallel pass, its settle).
# 4 kills here, half of DATELINE_KILLS in make check-long (DATELINE_JOBS_KILLS sets them);
# tests/jobs-kill.sh kills before each commit of a run in turn.
JKILLS="${DATELINE_JOBS_KILLS:-$(( KILLS > 10 ? KILLS / 2 : 4 ))}"
REF2="$TMP/ref2"
t0=$(date +%s%N)
"$INDEX" -q --jobs 2 --batch $BATCH --index "$REF2" "$SRC" 2> "$TMP/ref2.err"
t1=$(date +%s%N)
is "$(summary "$TMP/ref2.err")" "$(summary "$TMP/ref.err")" "--jobs 2, uninterrupted: the counts of one index"
answers "$REF2" "$TMP/ref2.answers"
span=$(( (t1 - t0) / 1000 ))
echo "# uninterrupted ingest into 2 shards: $((span / 1000)) ms; killing $JKILLS times"
bad=0
for k in $(seq "$JKILLS"); do
    DB="$TMP/db2"; rm -rf "$DB"
    delay=$(( (RANDOM * 32768 + RANDOM) % (span + span / 10 + 1) ))
    "$INDEX" -v --jobs 2 --batch $BATCH --index "$DB" "$SRC" 2> "$TMP/log" &
    pid=$!
    sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    why=$(died_by_itself $?)
    for sh in "$DB"/shard-*; do
        [ -e "$sh/iamglass" ] || continue
        xapian-check "$sh" > "$TMP/check" 2>&1 || why="xapian-check fails on $sh: $(tail -n 2 "$TMP/check")"
    done
    if [ -z "$why" ] && [ -e "$DB/XAPIANDB" ]; then
        "$SEARCH" --index "$DB" --count '*' > /dev/null 2> "$TMP/err"
        [ $? -le 1 ] || why="the index does not open: $(cat "$TMP/err")" # 1: no article yet
        # each shard apart: the combined database's metadata is the first shard's
        early=$(/usr/bin/python3 -c '
import glob, sys, xapian
db = xapian.Database(sys.argv[1])
p = "dateline.file."
for sh in sorted(glob.glob(sys.argv[1] + "/shard-*")):
    one = xapian.Database(sh)
    print(" ".join(k[len(p):].decode() for k in one.metadata_keys(p) if not db.term_exists(b"XF" + k[len(p):])), end=" ")' "$DB" 2>&1)
        early=$(echo $early)
        [ -n "$why" ] || [ -z "$early" ] || why="files recorded without their articles: $early"
    fi
    if [ -z "$why" ]; then
        "$INDEX" -q --jobs 2 --batch $BATCH --index "$DB" "$SRC" 2> "$TMP/rerun.err"
        answers "$DB" "$TMP/answers"
        cmp -s "$TMP/ref2.answers" "$TMP/answers" ||
            why="after the re-run the answers differ: $(diff "$TMP/ref2.answers" "$TMP/answers" | cut -c1-160 | grep '^[<>]' | head -n 6)"
    fi
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        echo "# shards: kill $k after ${delay} us ($(grep -c 'committed batch' "$TMP/log") batches committed): $why"
        keep="${TMPDIR:-/tmp}/dateline-crash-$$-jobs-$k"
        mkdir -p "$keep" && cp -r "$DB" "$TMP/log" "$TMP/answers" "$TMP/ref2.answers" "$keep/" 2> /dev/null
        echo "#   kept in $keep"
    fi
done
is "$bad" 0 "$JKILLS kills of --jobs 2: every shard checked, and the re-run came out as an uninterrupted run"
done_testing
