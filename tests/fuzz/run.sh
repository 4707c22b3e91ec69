#!/bin/bash
# run.sh: builds the fuzz targets with clang, libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, and fuzzes each for SECONDS (default 60), two at a time.
# Seeds: tests/fuzz/<target>/ and corpus/; dictionaries: tests/fuzz/<target>.dict.
# An input that breaks a target is kept in fuzz-build/crashes/: copy it into
# tests/fuzz/<target>/ so that make check replays it for ever after.
# Run from a configured build folder (it needs config.h and the generated gazetteer).
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]
set -u
SECONDS_EACH="${1:-60}"; shift || true
srcdir="$(cd "$(dirname "$0")/../.." && pwd)"
builddir="$(pwd)"
TARGETS=("$@"); [ ${#TARGETS[@]} -gt 0 ] || TARGETS=(reader charset date query json)
OUT="$builddir/fuzz-build"
[ -f "$builddir/config.h" ] && [ -f "$builddir/lib/gazetteer-packed.c" ] ||
    { echo "run.sh: run it from a configured and built folder (config.h, lib/gazetteer-packed.c)"; exit 2; }
command -v clang > /dev/null || { echo "run.sh: clang is missing (./setup test installs it)"; exit 2; }
mkdir -p "$OUT/obj" "$OUT/crashes"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-sanitize=vptr,function"
CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $SAN -I$builddir -I$srcdir/include -I$srcdir/lib $(pkg-config --cflags libxml-2.0)"
XFLAGS="$(xapian-config --cxxflags 2> /dev/null)"
LIBS="$(xapian-config --libs) $(pkg-config --libs zlib libxml-2.0) -lpthread"

# the library, instrumented
sources=("$srcdir"/lib/{util,status,normalize,date,article,store,signature,gazetteer,fold,schema,path,trace}.c
         "$srcdir"/indexer/{reader,input,record,reader-text,reader-sgml,reader-fields,reader-csv,reader-json,reader-mail,mime,reader-xml,markup-charset,dateline-lead,extract,explain,index-defaults,extract-places,extract-groups,extract-groups-table,extract-groups-tagged,extract-groups-orgs,extract-groups-media,extract-groups-bare,extract-learn,extract-parties,words,teams,tagger}.c
         "$srcdir"/indexer/extract-places-{mentions,choose}.c
         "$srcdir"/lib/query-lex.c "$srcdir"/lib/query-parse.c "$srcdir"/search/output{,-text,-json,-tsv,-svg}.c "$srcdir"/search/entities.c
         "$builddir"/lib/gazetteer-packed.c "$builddir"/lib/tagger-data.c)
# an object is kept only when newer than its source and than every header (a struct that
# grew in a header must not meet an object compiled with its old size)
header="$(ls -t "$srcdir"/include/*.h "$srcdir"/lib/*.h "$srcdir"/indexer/*.h "$srcdir"/search/*.h \
          "$builddir/config.h" | head -n 1)"
objs=()
for s in "${sources[@]}"; do
    o="$OUT/obj/$(basename "$(dirname "$s")")-$(basename "$s" .c).o"
    objs+=("$o")
    [ "$o" -nt "$s" ] && [ "$o" -nt "$header" ] || echo "clang -c $CFLAGS -o $o $s"
done > "$OUT/compile.txt"
for s in "$srcdir"/lib/*.cc; do
    o="$OUT/obj/$(basename "$s" .cc).o"; objs+=("$o")
    [ "$o" -nt "$s" ] && [ "$o" -nt "$header" ] ||
        echo "clang++ -c $CFLAGS $XFLAGS -o $o $s" >> "$OUT/compile.txt"
done
if [ -s "$OUT/compile.txt" ]; then
    echo "run.sh: compiling $(wc -l < "$OUT/compile.txt") files with clang"
    xargs -P 2 -I CMD sh -c CMD < "$OUT/compile.txt" || { echo "run.sh: compiling failed"; exit 2; }
fi
for t in "${TARGETS[@]}"; do
    clang -c $CFLAGS -o "$OUT/obj/fuzz-$t.o" "$srcdir/tests/fuzz/fuzz-$t.c" &&
    clang++ -fsanitize=fuzzer $SAN -o "$OUT/fuzz-$t" "$OUT/obj/fuzz-$t.o" "${objs[@]}" $LIBS ||
        { echo "run.sh: linking fuzz-$t failed"; exit 2; }
done

fuzz_one() {
    local t="$1" seeds=("$srcdir/tests/fuzz/$1") len=16384
    case $t in query) len=12000 ;; *) seeds+=("$srcdir/corpus/wire" "$srcdir/corpus/sgml" "$srcdir/corpus/odd") ;; esac
    mkdir -p "$OUT/corpus/$t"
    (cd "$OUT" && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$srcdir/tests/fuzz/lsan.supp" "$OUT/fuzz-$t" -max_total_time="$SECONDS_EACH" \
        -timeout=10 -rss_limit_mb=2048 -max_len=$len -print_final_stats=1 \
        -dict="$srcdir/tests/fuzz/$t.dict" -artifact_prefix="$OUT/crashes/$t-" \
        "$OUT/corpus/$t" "${seeds[@]}") > "$OUT/$t.log" 2>&1
    local rc=$?
    local execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$')
    local rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$')
    local cov=$(grep -o 'cov: [0-9]*' "$OUT/$t.log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        echo "fuzz-$t: ${execs:-?} runs in ${SECONDS_EACH} s (${rate:-?}/s), $cov, $(ls "$OUT/corpus/$t" | wc -l) inputs kept: no failure"
    else
        echo "fuzz-$t: FAILED (exit $rc): see $OUT/$t.log and $OUT/crashes/"
        grep -m 3 -A 12 'ERROR\|promise broken' "$OUT/$t.log" | head -n 30
    fi
    return $rc
}
failed=0
pids=()
for t in "${TARGETS[@]}"; do
    fuzz_one "$t" & pids+=($!)
    if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ $failed -eq 0 ] && echo "run.sh: every target ran ${SECONDS_EACH} s without a failure"
exit $failed
