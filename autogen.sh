#!/bin/sh
# autogen.sh: makes ./configure from configure.ac and Makefile.am (needs autoconf, automake,
# libtool and gettext, for AM_ICONV's config.rpath).
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
for f in /usr/share/gettext/config.rpath /usr/local/share/gettext/config.rpath; do
    if [ -f "$f" ]; then cp "$f" build-aux/config.rpath; break; fi
done
[ -f build-aux/config.rpath ] || { echo "autogen.sh: config.rpath not found: install gettext" >&2; exit 1; }
autoreconf -fi
