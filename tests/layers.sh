#!/bin/bash
# layers.sh: data flows one way in the build too: no file of lib/ includes a header of indexer/ or
# search/, lib/ is compiled without their folders on the include path, and no object built from
# lib/ needs a symbol that an object built from indexer/ or search/ defines (nm on the objects
# of the build tree).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# The objects of a folder in a build tree: libtool's PIC objects when there are, else the plain
# ones; an object whose source is gone (a file moved since that build) is left out.
objects() { # objects BUILDDIR SRCDIR FOLDER
    local d="$1/$3/.libs" o name
    ls "$d"/*.o > /dev/null 2>&1 || d="$1/$3"
    for o in "$d"/*.o; do
        [ -e "$o" ] || continue
        name=$(basename "$o" .o)
        name=${name#libdlcore_la-}
        if [ -e "$2/$3/$name.c" ] || [ -e "$2/$3/$name.cc" ]; then echo "$o"; fi
    done
}

# Prints "OBJECT: SYMBOL" for each symbol an object of lib/ needs and one of indexer/ or search/
# defines.
back_edges() { # back_edges BUILDDIR SRCDIR
    local defined o
    defined=$(for o in $(objects "$1" "$2" indexer) $(objects "$1" "$2" search); do
                  nm --defined-only -g "$o" | awk 'NF == 3 {print $3}'
              done | sort -u)
    for o in $(objects "$1" "$2" lib); do
        nm -u "$o" | awk '{print $NF}' | sort -u | comm -12 - <(echo "$defined") |
            sed "s|^|${o#"$1"/}: |"
    done
}

command -v nm > /dev/null || skip_all "nm is not installed (binutils)"

# Prints "FILE: HEADER" for each header a file of lib/ includes in quotes that is not lib/'s or
# include/'s own: the compiler looks beside the file first, then on the include path, so a name
# found in neither lib/ nor include/ can only come from another folder (or nowhere).
include_edges() { # include_edges SRCDIR
    local f h
    for f in "$1"/lib/*.c "$1"/lib/*.cc "$1"/lib/*.h; do
        [ -e "$f" ] || continue
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while read -r h; do
                case $h in config.h) continue ;; esac
                in_folder "$1/lib" "$h" || in_folder "$1/include" "$h" || echo "lib/${f##*/}: $h"
            done
    done
}
# Whether header name H names a file of folder DIR itself ("../indexer/x.h" does not).
in_folder() { # in_folder DIR H
    [ -e "$1/$2" ] && [ "$(cd "$(dirname "$1/$2")" && pwd -P)" = "$(cd "$1" && pwd -P)" ]
}

# The made-up source tree for it: a lib/ file that reaches into indexer/ by a path, one that
# names an indexer/ header the include path would have to supply, one that is clean.
src="$TMP/src"
mkdir -p "$src/lib" "$src/include" "$src/indexer"
touch "$src/include/dateline.h" "$src/lib/dl.h" "$src/indexer/extract.h" "$src/indexer/reader.h"
printf '#include <config.h>\n#include "dl.h"\n#include "dateline.h"\n' > "$src/lib/clean.c"
printf '#include "dl.h"\n#include "../indexer/extract.h"\n' > "$src/lib/path.cc"
printf '  # include "reader.h"  /* the reader */\n' > "$src/lib/store.c"
is "$(include_edges "$src")" "lib/store.c: reader.h
lib/path.cc: ../indexer/extract.h" "a lib/ file that includes an indexer/ header is named, with the header"
rm "$src/lib/path.cc" "$src/lib/store.c"
is "$(include_edges "$src")" "" "lib/'s own headers and include/'s are no edge"

is "$(include_edges "$top_srcdir")" "" "no file of lib/ includes a header of indexer/ or search/"
# the flags every object of libdlcore (lib/'s too) is compiled with
flags=$(sed -n -e 's/^AM_CPPFLAGS *= *//p' -e 's/^libdlcore_la_CPPFLAGS *= *//p' "$top_srcdir/Makefile.am")
case $flags in
    *indexer*|*search*) fail=1 ;;
    *) fail=0 ;;
esac
is "$fail:$(echo "$flags" | wc -l)" "0:2" "lib/ is compiled without indexer/ or search/ on the include path ($(echo $flags))"


# The check itself, on a build tree made up for it: a lib/ object that calls into indexer/ is
# found, by name and symbol; one that calls only lib/ is not.
fake="$TMP/fake"
mkdir -p "$fake/src/lib" "$fake/src/indexer" "$fake/src/search" "$fake/lib" "$fake/indexer"
touch "$fake/src/lib/open.c" "$fake/src/lib/util.c" "$fake/src/indexer/extract.c"
cat > "$TMP/extract.c" << 'EOF'
int dl_fake_extract(int x) { return x + 1; }
EOF
cat > "$TMP/open.c" << 'EOF'
int dl_fake_extract(int x);
int dl_fake_util(int x);
int dl_fake_open(int x) { return dl_fake_extract(x) + dl_fake_util(x); }
EOF
cat > "$TMP/util.c" << 'EOF'
int dl_fake_util(int x) { return x * 2; }
EOF
CC_=${CC:-cc}
$CC_ -c -o "$fake/indexer/libdlcore_la-extract.o" "$TMP/extract.c" &&
    $CC_ -c -o "$fake/lib/libdlcore_la-open.o" "$TMP/open.c" &&
    $CC_ -c -o "$fake/lib/libdlcore_la-util.o" "$TMP/util.c"
ok $? "the made-up build tree compiles"
is "$(back_edges "$fake" "$fake/src")" "lib/libdlcore_la-open.o: dl_fake_extract" \
    "a lib/ object that calls into indexer/ is named, with the symbol"
rm "$fake/src/indexer/extract.c"
is "$(back_edges "$fake" "$fake/src")" "" "an object whose source is gone counts for nothing"

# The build tree itself.
n=$(objects "$top_builddir" "$top_srcdir" lib | wc -l)
[ "$n" -ge 20 ]
ok $? "the build tree has lib/'s objects ($n)"
m=$(objects "$top_builddir" "$top_srcdir" indexer | wc -l)
[ "$m" -ge 10 ]
ok $? "the build tree has indexer/'s objects ($m)"
back_edges "$top_builddir" "$top_srcdir" > "$TMP/edges"
is "$(cat "$TMP/edges")" "" "no object of lib/ needs a symbol of indexer/ or search/"
done_testing
