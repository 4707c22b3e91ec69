"""conftest: where the tests find the build (tests/python.sh sets the variables) and the
index of corpus/ that they share, written by dateline-index."""
import os
import subprocess

import pytest

SRCDIR = os.environ.get("DATELINE_SRCDIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILDDIR = os.environ.get("DATELINE_BUILDDIR") or SRCDIR
SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(SRCDIR, "..", "shared")


def program(name):
    return os.path.join(BUILDDIR, name)


def program_env():
    """The environment for the programs: in a sanitizer build, without the ASan runtime
    preloaded for python3 (the programs have their own) and with their ASAN_OPTIONS."""
    env = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1")
    if env.get("DATELINE_ASAN_PRELOAD"):
        env.pop("LD_PRELOAD", None)
        env["ASAN_OPTIONS"] = env.get("DATELINE_PROGRAM_ASAN_OPTIONS", "")
    return env


def run(name, *args, check=True):
    """A program of the build, run in the source folder, with what it printed."""
    return subprocess.run([program(name), *args], cwd=SRCDIR, capture_output=True, text=True,
                          env=program_env(), check=check)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """An index of corpus/ written by dateline-index (read-only for the tests)."""
    db = str(tmp_path_factory.mktemp("corpus") / "db")
    p = run("dateline-index", "--index", db, "corpus", check=False)
    assert p.returncode in (0, 1), p.stderr  # corpus/odd holds files made to be rejected
    return db

