# lib.sh: what the command tests share: TAP output, the programs, a scratch folder, golden files.
# Sourced by tests/*.sh, which automake runs with top_srcdir and top_builddir set.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
INDEX="$top_builddir/dateline-index"
SEARCH="$top_builddir/dateline-search"
GOLDEN="$top_srcdir/tests/golden"
SHARED="${DATELINE_SHARED:-$top_srcdir/../shared}"  # the shared corpora; setup names it for builds elsewhere
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dateline-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
unset DATELINE_INDEX DATELINE_COMPACT_ABOVE
# make check-valgrind: each program runs under valgrind, and a memory error or a definite leak
# makes it exit 99, which no test expects.
if [ -n "${DATELINE_VALGRIND:-}" ]; then
    for p in index search; do
        cat > "$TMP/vg-$p" <<VG
#!/bin/sh
exec "$top_builddir/libtool" --mode=execute valgrind --quiet --error-exitcode=99 \\
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
    "$top_builddir/dateline-$p" "\$@"
VG
        chmod +x "$TMP/vg-$p"
    done
    INDEX="$TMP/vg-index" SEARCH="$TMP/vg-search"
fi
export LC_ALL=C.UTF-8 NO_COLOR=1 COLUMNS=80  # text output wraps at COLUMNS
# one plain index unless a test asks for --jobs (as the default is; a user may set DATELINE_JOBS)
export DATELINE_JOBS=${DATELINE_TEST_JOBS:-1}  # DATELINE_TEST_JOBS=2: the tests over shards

tap_n=0
tap_failed=0
ok() { # ok CONDITION-STATUS DESCRIPTION
    tap_n=$((tap_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2"
    else
        echo "not ok $tap_n - $2"
        tap_failed=$((tap_failed + 1))
    fi
}
is() { # is GOT WANT DESCRIPTION
    if [ "$1" = "$2" ]; then ok 0 "$3"; else
        ok 1 "$3"; printf '#   got  [%s]\n#   want [%s]\n' "$1" "$2"
    fi
}
# golden NAME: compares $TMP/NAME (what a command printed) with tests/golden/NAME.
# With DATELINE_BLESS=1 it writes the golden file instead (review the diff before committing).
golden() {
    if [ "${DATELINE_BLESS:-}" = 1 ]; then cp "$TMP/$1" "$GOLDEN/$1"; fi
    if diff -u "$GOLDEN/$1" "$TMP/$1" > "$TMP/$1.diff" 2>&1; then ok 0 "golden $1"; else
        ok 1 "golden $1"; sed 's/^/# /' "$TMP/$1.diff" | head -40
    fi
}
# The summary line without its timing, which varies.
summary() { grep 'dateline-index: read [0-9]' "$1" | sed -E 's/ in [0-9.]+ s \([0-9.]+ MB\/s\)//'; }
# stories DIR N: N distinct articles in DIR (story-0001.txt ...): the corpus/wire stories in
# turn, each numbered in its headline ("Story 0001: ...") and body.
stories() {
    mkdir -p "$1"
    local all=("$top_srcdir"/corpus/wire/*.txt) i f
    for i in $(seq -f %04g 1 "$2"); do
        f="${all[$(( (10#$i - 1) % ${#all[@]} ))]}"
        { IFS= read -r title; printf 'Story %s: %s\n' "$i" "$title"; cat; printf '\nSerial number %s.\n' "$i"; } \
            < "$f" > "$1/story-$i.txt"
    done
}
# shim SOURCE: builds an LD_PRELOAD shim from tests/SOURCE into $SHIM (without the sanitizer
# flags of the build, which a preloaded library cannot carry), or bails out
shim() {
    SHIM="$TMP/${1%.c}.so"
    ${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$top_srcdir/tests/$1" -ldl 2> "$TMP/cc.err" ||
        { echo "Bail out! cannot build the shim: $(head -c 300 "$TMP/cc.err")"; exit 1; }
    export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
}
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; exit $?; }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
