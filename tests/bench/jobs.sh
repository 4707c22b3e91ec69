#!/bin/bash
# jobs.sh (make bench-jobs): ingest speed with --jobs 1 and --jobs 2 in the same run, over the
# shared Reuters-21578 files and the 20 Newsgroups training set (Usenet), each into a new
# index: MB/s of input (as dateline-index's summary counts it), wall seconds, best of N (N=2,
# or $JOBS_RUNS), and the speed-up of the second core. The load average is printed before and
# after: other work on the shared machine takes cores from the second job first.
set -u
src="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
BIN="$(pwd)/.libs/dateline-index"
[ -x "$BIN" ] || BIN="$(pwd)/dateline-index"
export LD_LIBRARY_PATH="$(pwd)/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
C="${DATELINE_SHARED:-$src/../shared}/corpora"
[ -d "$C/reuters21578" ] || { echo "jobs.sh: no $C (the shared corpora)"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-jobs.XXXXXX")
trap 'rm -rf "$T"' EXIT
N=${JOBS_RUNS:-2}
one() { # one JOBS INPUT: "SECONDS MB" of one ingest into a new index
    rm -rf "$T/db"
    local t0 t1
    t0=$(date +%s.%N)
    "$BIN" -q --no-sync --jobs "$1" --index "$T/db" "$2" 2> "$T/err"
    t1=$(date +%s.%N)
    local mb
    mb=$(sed -n 's/.* in [0-9.]* s (\([0-9.]*\) MB\/s).*//p; s/.*read \([0-9]*\),.*/\1/p' "$T/err" | head -1)
    echo "$(echo "$t1 - $t0" | bc) $(du -sb "$2" | cut -f1)"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for input in "$C/reuters21578" "$C/20news-bydate/20news-bydate-train"; do
    for j in 1 2; do
        best=""
        for _ in $(seq "$N"); do
            e=$(one "$j" "$input")
            if [ -z "$best" ] || [ "$(echo "${e% *} < ${best% *}" | bc)" = 1 ]; then best=$e; fi
        done
        secs=${best% *}
        bytes=${best#* }
        eval "s$j=$secs"
        printf '%-28s --jobs %d: %7.2f s, %6.2f MB/s  (%s)\n' "$(basename "$input")" "$j" "$secs" \
            "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(grep -o 'read [0-9]*, added [0-9]*' "$T/err")"
    done
    printf '%-28s speed-up of the second core: %.2fx\n' "$(basename "$input")" "$(echo "$s1 / $s2" | bc -l)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
