#!/bin/bash
# threads.sh: the library used from 8 threads at once, each with its own index handle.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
"$INDEX" -q --index "$TMP/db" corpus 2> /dev/null
[ $? -le 1 ] || { echo "Bail out! the corpus index could not be built"; exit 1; }
exec "$top_builddir/tests/threads" "$TMP/db"
