#!/bin/bash
# layers.sh: data flows one way in the build too: no object built from lib/ needs a symbol that
# an object built from indexer/ or search/ defines (nm on the objects of the build tree).
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
