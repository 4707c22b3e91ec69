#!/bin/bash
# embed.sh: the installed header and dateline.pc are enough for a -std=c99 -pedantic program.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DEST="$TMP/dest"
make -s -C "$top_builddir" install DESTDIR="$DEST" > "$TMP/install.log" 2>&1
ok $? "make install DESTDIR=..."
pc=$(find "$DEST" -name dateline.pc | head -n 1)
[ -n "$pc" ]; ok $? "dateline.pc installed"
for f in dateline-index dateline-search; do
    [ -n "$(find "$DEST" -name "$f" -type f)" ]; ok $? "$f installed"
done
for m in dateline-index.1 dateline-search.1 libdateline.3; do
    [ -n "$(find "$DEST" -name "$m" -type f)" ]; ok $? "man page $m installed"
done
# shell completion: bash-completion looks a command's up by its name, zsh in site-functions
for f in bash-completion/completions/dateline-search bash-completion/completions/dateline-index \
         zsh/site-functions/_dateline; do
    [ -n "$(find "$DEST" -path "*/share/$f" -type f)" ]; ok $? "completion share/$f installed"
done
export PKG_CONFIG_SYSROOT_DIR="$DEST" PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs dateline)
ok $? "pkg-config knows dateline"
# the build's own compiler and flags, so that a sanitizer build links its runtime
${CC:-cc} -std=c99 -pedantic -Werror -Wall ${BUILD_CFLAGS:-} -o "$TMP/embed" "$top_srcdir/tests/embed.c" \
    $flags ${BUILD_LDFLAGS:-} 2> "$TMP/cc.log"
ok $? "embed.c compiles as C99 -pedantic against the installed header"
sed 's/^/# /' "$TMP/cc.log"
so=$(find "$DEST" -name 'libdateline.so.*' -type f | head -n 1)
LD_LIBRARY_PATH="$(dirname "$so")" "$TMP/embed" "$TMP/db" > "$TMP/embed.out" 2>&1
ok $? "embed runs"
id=$(sed -n 's/^added 0 id //p' "$TMP/embed.out")
version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
cat > "$TMP/want" <<OUT
version: library $version, header $version; numbers equal; check 1 0
options init: success, the defaults
added 0 id $id
again 2
total 1
1 Embedded story about cocoa | ACCRA (Reuters) - [Cocoa] farmers in Ghana expect a good crop.
facet Ghana 1
period 1999 1 place Ghana 1
left out 0 undated 0 coarser
series Ghana 1: 1 in the first period
bad date: query syntax error: position 6: '2017-13-45' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B
quoted topic:"say \\"no\\" \\* or \\\\ not": success 1
quoted topic:"plain": success 1
phrase "about the": success 2
bad field refused
OUT
diff -u "$TMP/want" "$TMP/embed.out" > "$TMP/d"; ok $? "embed output"; sed 's/^/# /' "$TMP/d"
# C++: the open flags or'd together (an int there) are a mode
${CXX:-c++} -std=c++11 -Wall -Wextra -Werror ${BUILD_CXXFLAGS:-} -o "$TMP/embed-cxx" \
    "$top_srcdir/tests/embed-cxx.cc" $flags ${BUILD_LDFLAGS:-} 2> "$TMP/cxx.log"
ok $? "embed-cxx.cc compiles as C++11 -Wall -Werror against the installed header"
sed 's/^/# /' "$TMP/cxx.log"
is "$(LD_LIBRARY_PATH="$(dirname "$so")" "$TMP/embed-cxx" "$TMP/db-cxx" 2>&1)" "added 0, copper 1" "embed-cxx runs: WRITE | NO_SYNC opens for writing"
# only dateline_* leaves the shared library
bad=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^dateline_' | grep -v '^_' | head -5)
is "$bad" "" "the shared library exports only dateline_*"
done_testing
