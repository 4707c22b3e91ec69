#!/bin/bash
# fuzz-replay.sh: every fuzz target over its seeds, the corpus, and every input a fuzzer ever
# broke it with (tests/fuzz/<target>/). A broken promise aborts the target and fails here.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# in sanitizer builds: leaks that are Xapian's own are not ours to report (see the file)
export LSAN_OPTIONS="${LSAN_OPTIONS:-}${LSAN_OPTIONS:+:}suppressions=$top_srcdir/tests/fuzz/lsan.supp"
for t in reader charset date json query; do
    case $t in
        query) dirs=(tests/fuzz/query) ;;
        *) dirs=(tests/fuzz/$t corpus/wire corpus/sgml corpus/odd corpus/formats corpus/formats/broken corpus/formats/usenet corpus/formats/newsml corpus/formats/html) ;;
    esac
    out=$("$top_builddir/tests/fuzz/replay-$t" "${dirs[@]}" 2>&1)
    rc=$?
    n=$(printf '%s\n' "$out" | grep -c '^ok')
    [ $rc -eq 0 ] && [ "$n" -eq "${#dirs[@]}" ]
    ok $? "fuzz target $t replays $(printf '%s\n' "$out" | grep -o '[0-9]* inputs' | awk '{ s += $1 } END { print s }') inputs"
    [ $rc -eq 0 ] || printf '%s\n' "$out" | tail -n 5 | sed 's/^/# /'
done
done_testing
