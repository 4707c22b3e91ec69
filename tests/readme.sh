#!/bin/bash
# readme.sh: every shell example in README.md runs and prints what the README shows.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
exec python3 "$top_srcdir/tests/readme-examples.py" "$top_srcdir/README.md" "$top_srcdir" \
    "$(cd "$top_builddir" && pwd)" "$TMP"
