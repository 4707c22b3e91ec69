#!/bin/bash
# rerun.sh (make bench-rerun): a living archive's nightly run. For the shared Reuters-21578
# folder (28 files: 18 of SGML records, 18,000 articles; the rest are skipped as not articles)
# and the 20 Newsgroups folder (18,846 files): the first ingest into a new index, then re-runs
# over the unchanged folder (best of 5), which must leave every file unread (dateline-index's
# per-file records) and take under 0.3 s; then re-runs after one file was touched (a new time
# over the same bytes: hashed, not read). Wall and CPU seconds (user + system), from a build
# folder; the load average is printed, since other work on the machine stretches wall times.
set -u
src="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
BIN="$(pwd)/.libs/dateline-index"
[ -x "$BIN" ] || BIN="$(pwd)/dateline-index"
export LD_LIBRARY_PATH="$(pwd)/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
C="${DATELINE_SHARED:-$src/../shared}/corpora"
[ -d "$C/20news-bydate" ] || { echo "rerun.sh: no $C (the shared corpora)"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-rerun.XXXXXX")
trap 'rm -rf "$T"' EXIT
run() { # run ARGS...: "WALL CPU" seconds of one run of dateline-index; its summary in $T/err
    /usr/bin/time -f "%e %U %S" -o "$T/time" "$BIN" -q --index "$T/db" "$@" 2> "$T/err"
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$T/time"
}
best() { # best N [touch FILE] ARGS...: the run of N with the shortest wall time ("WALL CPU")
    local n="$1" b="" e f=""; shift
    if [ "$1" = touch ]; then f="$2"; shift 2; fi
    for _ in $(seq "$n"); do
        [ -z "$f" ] || touch "$f"
        e=$(run "$@")
        if [ -z "$b" ] || [ "$(echo "${e% *} < ${b% *}" | bc)" = 1 ]; then b=$e; fi
    done
    echo "$b"
}
counts() { grep -o 'read [0-9]*, added [0-9]*, updated [0-9]*, unchanged [0-9]*' "$T/err"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "| folder | files | first ingest, s (CPU) | unchanged re-run, s (CPU), best of 5 | one file touched, s (CPU), best of 3 | re-run says |"
echo "|---|---|---|---|---|---|"
for name in reuters21578 20news-bydate; do
    rm -rf "$T/db"
    cp -a "$C/$name" "$T/$name" # a copy: one file of it is touched below
    first=$(run "$T/$name")
    again=$(best 5 "$T/$name")
    said=$(counts)
    f=$(find "$T/$name" -type f -name '[0-9r]*' | sort | head -n 1)
    touched=$(best 3 touch "$f" "$T/$name")
    printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) | %s |\n' "$name" "$(find "$T/$name" -type f | wc -l)" \
        ${first} ${again} ${touched} "$said"
    rm -rf "$T/$name"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
