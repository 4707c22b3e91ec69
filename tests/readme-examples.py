#!/usr/bin/env python3
"""readme-examples.py: every shell example in README.md runs and prints what the README shows.

A code block (no language given) whose lines start with "$ dateline-" holds examples: each
"$ command" runs with the programs of the build folder, from the source folder (so corpus/ is
there), with ~ a scratch home where ~/news.db (and the default index) hold corpus/ unless the
block builds it itself. The lines after a command are its output (stdout and stderr) and
must match exactly, but for timings and sizes, "/home/me" for the home, and a line "..."
(alone, or followed by two spaces and a comment), which stands for any lines. A command
without output lines must succeed (exit 0 or 1). TAP output.

usage: readme-examples.py README SRCDIR BUILDDIR TMPDIR
"""
import os
import re
import shutil
import subprocess
import sys

INDEX_CMD = "dateline-index --index ~/news.db corpus/"


def blocks(text):
    """(line number, [lines]) of each plain code block that holds examples; the block's lines
    start after line number `start` of the file (counted from 1)."""
    out, cur, start, lang = [], None, 0, None
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            if cur is None:
                cur, start, lang = [], n, line[3:].strip()
            else:
                if not lang and any(l.startswith("$ dateline-") for l in cur):
                    out.append((start, cur))
                cur = None
        elif cur is not None:
            cur.append(line)
    return out


def examples(lines):
    """[(command, [expected lines], index in lines of the first)] of one block."""
    out = []
    for i, line in enumerate(lines):
        if line.startswith("$ "):
            out.append((re.sub(r"\s+#\s.*$", "", line[2:]).strip(), [], i + 1))
        elif out:
            out[-1][1].append(line)
    return out


def sanitize(line, home):
    line = line.replace(home, "/home/me").rstrip()
    line = re.sub(r" in [0-9.]+ s \([0-9.]+ MB/s\)", " in T s (R MB/s)", line)
    return re.sub(r"^size( +)[0-9.]+ MB on disk", r"size\1S MB on disk", line)


def is_gap(line):
    return line == "..." or re.match(r"^\.\.\.\s{2,}", line) is not None


def match(want, got):
    """Whether got fits want, where a gap line stands for any lines."""
    if not want:
        return not got
    if is_gap(want[0]):
        return any(match(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0] == got[0] and match(want[1:], got[1:])


def main():
    readme, src, build, tmp = sys.argv[1:5]
    text = open(readme, encoding="utf-8").read()
    bless = os.environ.get("DATELINE_BLESS") == "1"
    file_lines = text.splitlines()
    replace = []  # (first line index in the file, how many, new lines) when blessing
    n = failed = 0
    for b, (start, lines) in enumerate(blocks(text)):
        home = os.path.join(tmp, "home%d" % b)
        os.makedirs(home)
        env = dict(os.environ, HOME=home, PATH=build + os.pathsep + os.environ["PATH"],
                   NO_COLOR="1", LC_ALL="C.UTF-8")
        env.pop("DATELINE_INDEX", None)
        env.pop("XDG_DATA_HOME", None)
        if not any(l.startswith("$ " + INDEX_CMD) for l in lines):
            subprocess.run(INDEX_CMD.replace("~", home) + " -q", shell=True, cwd=src, env=env,
                           capture_output=True)
            os.makedirs(os.path.join(home, ".local/share/dateline"))
            os.symlink(os.path.join(home, "news.db"),
                       os.path.join(home, ".local/share/dateline/index"))
        for cmd, want, first in examples(lines):
            m = re.match(r"export (\w+)=(.*)$", cmd)
            if m:
                env[m.group(1)] = m.group(2).replace("~", home)
                continue
            p = subprocess.run(cmd.replace("~/", home + "/"), shell=True, cwd=src, env=env,
                               capture_output=True, text=True)
            got = [sanitize(l, home) for l in (p.stderr + p.stdout).splitlines()]
            want = [sanitize(l, "\0") for l in want]
            blank = 0
            while want and not want[-1]:
                want.pop()  # the blank line before the next command
                blank += 1
            while got and not got[-1]:
                got.pop()
            if bless and want and not any(is_gap(l) for l in want) and not match(want, got):
                replace.append((start + first, len(want), [l.replace("/home/me", "/home/me")
                                                           for l in got]))
            n += 1
            if want:
                good = match(want, got)
            else:
                good = p.returncode in (0, 1) and not p.stderr
            print("%s %d - README.md:%d: %s" % ("ok" if good else "not ok", n, start, cmd))
            if not good:
                failed += 1
                print("#   exit %d; it printed:" % p.returncode)
                for l in got[:40]:
                    print("#   | " + l)
        shutil.rmtree(home)
    for at, count, new in sorted(replace, reverse=True):
        file_lines[at:at + count] = new
    if replace:
        with open(readme, "w", encoding="utf-8") as f:
            f.write("\n".join(file_lines) + "\n")
    print("1..%d" % n)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
