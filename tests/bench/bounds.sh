#!/bin/bash
# bounds.sh: peak memory and time of dateline-index on inputs made to exhaust it: a 1 GB line,
# a 1 GB word, a 100 MB article, 1 GB on standard input, a 300 MB file of Reuters records.
# Run by make bench-bounds from a build folder; needs about 2.5 GB of space in TMPDIR.
set -u
top_srcdir="${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}"
BIN="$(pwd)/.libs/dateline-index"
export LD_LIBRARY_PATH="$(pwd)/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-bounds.XXXXXX")
trap 'rm -rf "$T"' EXIT
yes 'Syria oil prices rose in Damascus on Monday' | tr '\n' ' ' | head -c 1G > "$T/line-1g.txt"
head -c 1G /dev/zero | tr '\0' 'a' > "$T/word-1g.txt"
{ echo "A long report"; echo; yes 'The ministry said grain exports rose again this year.' | head -c 100M; } > "$T/article-100m.txt"
for i in $(seq 53000); do cat "$top_srcdir/corpus/sgml/wire-1987.sgm"; done > "$T/records-300m.sgm"
run() { # run NAME ARGS...
    rm -rf "$T/db"
    /usr/bin/time -f "%e %M" -o "$T/time" "$BIN" --index "$T/db" "${@:2}" 2> "$T/err" < "${STDIN:-/dev/null}"
    read -r secs kb < <(tail -n 1 "$T/time")
    printf '%-28s %7.2f s  peak RSS %6.1f MiB  %s\n' "$1" "$secs" "$(echo "$kb / 1024" | bc -l)" \
        "$(grep -v '^dateline-index: read' "$T/err" | head -n 1 | cut -c1-90)"
}
echo "input                        time       memory          note"
run "1 GB line" "$T/line-1g.txt"
run "1 GB word" "$T/word-1g.txt"
run "100 MB article" "$T/article-100m.txt"
STDIN="$T/line-1g.txt" run "1 GB line on stdin" -
run "300 MB of SGML records" "$T/records-300m.sgm"
