#!/bin/bash
# python.sh: the Python package (bindings/python) over the library just built: its pytest tests,
# then `pip install` into a fresh venv without the network, the pkg-config lookup, and
# `make install` for the system python3.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
LIB="$top_builddir/.libs/libdateline.so.0"
PKG="$top_srcdir/bindings/python"

# the first python3 that has pytest: configure's, the one on PATH, Debian's
PY= any=
for p in "${PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$p" ] && command -v "$p" > /dev/null || continue
    any=$p
    if "$p" -c 'import pytest' 2> /dev/null; then PY=$p; break; fi
done
[ -n "$any" ] || skip_all "python3 is missing (apt-get install python3; ./setup test installs it)"
[ -n "$PY" ] || skip_all "pytest is missing for $any (apt-get install python3-pytest; ./setup test installs it)"
[ -f "$LIB" ] || { echo "Bail out! $LIB is not built"; exit 1; }

# A sanitizer build leaves the ASan and UBSan runtimes out of the shared library (clang links
# them into programs only): python3 gets the shared runtime preloaded, without leak checks
# (leaks would be the interpreter's); the programs the tests run get neither (tests/conftest.py).
PYRUN=()
if nm -D "$LIB" 2> /dev/null | grep -q ' U __asan_'; then
    rt=$(${CC:-cc} -print-file-name=libclang_rt.asan-x86_64.so 2> /dev/null)
    [ -f "$rt" ] || skip_all "libdateline is built with AddressSanitizer and the shared ASan runtime is missing"
    export DATELINE_ASAN_PRELOAD="$rt" DATELINE_PROGRAM_ASAN_OPTIONS="${ASAN_OPTIONS:-}"
    PYRUN=(env LD_PRELOAD="$rt" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
fi

export DATELINE_LIBRARY="$LIB" DATELINE_SRCDIR="$top_srcdir" DATELINE_BUILDDIR="$top_builddir"
export DATELINE_SHARED="$SHARED" PYTHONDONTWRITEBYTECODE=1  # the source folder may be read-only
# each pytest test a TAP line (from its JUnit XML, which has each skip's reason)
(cd "$TMP" && PYTHONPATH="$PKG" "${PYRUN[@]}" "$PY" -m pytest -p no:cacheprovider -c /dev/null \
    --rootdir "$PKG/tests" --basetemp "$TMP/pytest" --junitxml "$TMP/junit.xml" -q -rs \
    "$PKG/tests") > "$TMP/pytest.log" 2>&1
status=$?
while IFS=$'\t' read -r outcome name why; do
    case $outcome in
    pass) ok 0 "$name" ;;
    skip) tap_n=$((tap_n + 1)); echo "ok $tap_n - $name # SKIP $why" ;;
    *) ok 1 "$name" ;;
    esac
done < <("$PY" - "$TMP/junit.xml" <<'PY' 2>&1
import sys, xml.etree.ElementTree as ET
for case in ET.parse(sys.argv[1]).iter("testcase"):
    kinds = {child.tag: child for child in case}
    if "skipped" in kinds:
        why = kinds["skipped"].get("message", "").replace("\n", " ")
        print("skip\t%s\t%s" % (case.get("name"), why))
    elif "failure" in kinds or "error" in kinds:
        print("fail\t%s" % case.get("name"))
    else:
        print("pass\t%s" % case.get("name"))
PY
)
ok "$status" "pytest: $(tail -n 1 "$TMP/pytest.log" | tr -d '=' | sed 's/^ *//; s/ *$//')"
[ "$status" -eq 0 ] || sed -n '/= FAILURES =/,$p' "$TMP/pytest.log" | head -120 | sed 's/^/# /'

# pip install into a fresh venv, offline: the build backend is in the package and needs nothing
if "$PY" -m venv "$TMP/venv" > "$TMP/venv.log" 2>&1 && [ -x "$TMP/venv/bin/pip" ]; then
    "$TMP/venv/bin/pip" install --no-index --no-cache-dir --disable-pip-version-check -q "$PKG" \
        > "$TMP/pip.log" 2>&1
    ok $? "pip install bindings/python in a fresh venv, without an index"
    sed 's/^/# /' "$TMP/pip.log" | head -20
    got=$(cd "$TMP" && "${PYRUN[@]}" "$TMP/venv/bin/python" -c \
          'import dateline, sys; print(dateline.__file__.startswith(sys.prefix), dateline.version())' 2>&1)
    is "$got" "True $("$SEARCH" --version | awk '{print $NF}')" "the venv imports it from the venv, over the built library"
else
    tap_n=$((tap_n + 1)); echo "ok $tap_n - pip install in a venv # SKIP $PY -m venv does not work here (apt-get install python3-venv)"
fi

# without DATELINE_LIBRARY, pkg-config's libdir names the library
mkdir -p "$TMP/pc"
printf 'libdir=%s\nName: dateline\nDescription: test\nVersion: 0.1.0\nLibs: -L${libdir} -ldateline\n' \
    "$(cd "$(dirname "$LIB")" && pwd)" > "$TMP/pc/dateline.pc"
got=$(cd "$TMP" && env -u DATELINE_LIBRARY PKG_CONFIG_PATH="$TMP/pc" PYTHONPATH="$PKG" "${PYRUN[@]}" "$PY" -c \
      'import dateline; print(dateline.library())' 2>&1)
is "$got" "$(cd "$(dirname "$LIB")" && pwd)/libdateline.so.0" "found through pkg-config's libdir"
got=$(cd "$TMP" && DATELINE_LIBRARY="$TMP/none.so" PYTHONPATH="$PKG" "${PYRUN[@]}" "$PY" -c 'import dateline' 2>&1 | tail -n 1)
case $got in *"cannot load libdateline ($TMP/none.so)"*"set DATELINE_LIBRARY"*) ok 0 "a library that is not there: told what to do" ;;
    *) ok 1 "a library that is not there: told what to do"; echo "# $got" ;; esac

# make install puts the package where the system python3 finds it (pythondir)
if grep -q '^install-datelinePYTHON:' "$top_builddir/Makefile"; then
    # a make of its own, not a sub-make of make check's (whose flags print directories)
    submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$top_builddir" "$@"; }
    submake install-datelinePYTHON DESTDIR="$TMP/inst" > "$TMP/inst.log" 2>&1
    ok $? "make install-datelinePYTHON DESTDIR=..."
    dir=$(submake print-pythondir 2> /dev/null | grep -v '^make')
    [ -f "$TMP/inst$dir/dateline/__init__.py" ] && [ -f "$TMP/inst$dir/dateline/_capi.py" ]
    ok $? "the package is installed into pythondir ($dir)"
    got=$(cd "$TMP" && PYTHONPATH="$TMP/inst$dir" "${PYRUN[@]}" "$PY" -c 'import dateline; print(dateline.__file__)' 2>&1)
    is "$got" "$TMP/inst$dir/dateline/__init__.py" "and imports from there"
else
    tap_n=$((tap_n + 1)); echo "ok $tap_n - make install for python3 # SKIP configure found no python3"
fi
done_testing
