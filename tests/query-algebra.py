#!/usr/bin/env python3
"""query-algebra.py: the query language as an algebra, checked against sets (TAP output).

Each atom (a word, a phrase, a filter, a date) is searched alone for the articles it matches;
where the source files can say which articles an atom should match (Reuters TOPICS and DATE),
that set is computed from the files and the index must agree. Then every combination the
checks below build (every order and grouping of an AND, OR, NOT, '-', '*', De Morgan, and
random trees) must count exactly what the set algebra over the atoms' sets says.

--date-ranges N: N ranges date:A..B drawn from the articles' own dates (and the edges: whole
years, a year's last and next year's first day, a leap day, a range too wide for date terms)
must each match what date:A.. date:..B matches: the date terms (schema 3) against the value
slots on the same index. --same-as INDEX2: each range counts the same in INDEX2 too (the same
articles in an index of schema 2, whose dates are value slots alone).

usage: query-algebra.py SEARCH INDEX [--reuters DIR] [--random N] [--seed S]
                        [--date-ranges N [--same-as INDEX2]] ATOM...
"""
import argparse
import itertools
import json
import os
import random
import re
import subprocess
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        self.n += 1
        print(("ok" if cond else "not ok"), self.n, "-", what)
        if not cond:
            self.failed += 1
            for line in detail.splitlines():
                print("#  ", line)
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


class Search:
    def __init__(self, program, index):
        self.program, self.index = program, index

    def run(self, *args):
        return subprocess.run([self.program, "--index", self.index, *args],
                              capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))

    def ids(self, query):
        """The articles a query matches, as (file name, key or id)."""
        p = self.run("--all-versions", "--format", "json", "-n", "1000000", "--", query)
        if p.returncode not in (0, 1):
            raise RuntimeError("%s: %s" % (query, p.stderr.strip()))
        out = set()
        for r in json.loads(p.stdout)["results"]:
            o = r.get("origin") or {}
            out.add((os.path.basename(o.get("file") or ""), o.get("key") or r["id"]))
        return out

    def dates(self):
        """The dates of every article ("YYYY-MM-DD", the day its date span starts)."""
        p = self.run("--all-versions", "--format", "json", "-n", "1000000", "--", "*")
        return sorted(r["date"][:10] for r in json.loads(p.stdout)["results"] if r.get("date"))

    def count(self, query):
        """How many articles a query matches, asked of one dateline-search --stdin process
        (a query a line, a JSON answer a line), or an error message."""
        if not hasattr(self, "counter"):
            self.counter = subprocess.Popen(
                [self.program, "--index", self.index, "--stdin", "--count"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env=dict(os.environ, NO_COLOR="1"))
        self.counter.stdin.write(query + "\n")
        self.counter.stdin.flush()
        answer = json.loads(self.counter.stdout.readline())
        if "error" in answer:
            return "error: " + answer["error"]["message"]
        return answer["total"]


def reuters_labels(folder):
    """(file, NEWID) -> (set of TOPICS, 'YYYY-MM-DD' or None) from the SGML itself."""
    labels = {}
    for name in sorted(os.listdir(folder)):
        if not re.match(r"reut2-\d+\.sgm$", name):
            continue
        text = open(os.path.join(folder, name), "rb").read().decode("latin-1")
        for rec in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
            body = rec.group(2)
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", body, re.S)
            tset = set(re.findall(r"<D>(.*?)</D>", topics.group(1))) if topics else set()
            d = re.search(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})", body)
            day = "%s-%02d-%02d" % (d.group(3), MONTHS[d.group(2)], int(d.group(1))) if d else None
            labels[(name, rec.group(1))] = (tset, day)
    return labels


def source_set(labels, atom):
    """The articles an atom matches by the source's own labels, or None when they cannot say."""
    m = re.fullmatch(r"topic:(\S+)", atom)
    if m:
        return {k for k, (t, _) in labels.items() if m.group(1) in t}
    m = re.fullmatch(r"date:(\d{4}(?:-\d\d){0,2})(?:\.\.(\d{4}(?:-\d\d){0,2}))?", atom)
    if m:
        lo, hi = m.group(1), m.group(2) or m.group(1)
        return {k for k, (_, d) in labels.items() if d and lo <= d[:len(lo)] and d[:len(hi)] <= hi}
    return None


def date_ranges(dates, n, rng):
    """n ranges A..B between two of the dates, each end cut to a year, month or day at random,
    then the edge cases."""
    def cut(d):
        return d[:rng.choice([4, 7, 10])]
    out = []
    for _ in range(n):
        a, b = sorted(rng.sample(dates, 2) if len(dates) > 1 else dates * 2)
        lo, hi = cut(a), cut(b)
        out.append("%s..%s" % (lo, hi) if lo[:len(hi)] <= hi else "%s..%s" % (a, b))
    years = sorted({d[:4] for d in dates})
    out += years
    for y in years[:3]:
        out += ["%s-12-31..%04d-01-01" % (y, int(y) + 1), "%s-02-28..%s-03-01" % (y, y),
                "%s-02" % y, "%s-01-15..%04d-02-15" % (y, int(y) + 2)]
    out += ["1988-02-29", "0001..9999", "%s..%s" % (years[0], years[-1]) if years else "1987"]
    return out


def compare_dates(tap, s, other, ranges):
    """Each range by date terms and by the value slots (open ranges are always slots)."""
    matched = 0
    for r in ranges:
        lo, _, hi = r.partition("..")
        hi = hi or lo
        terms, slots = "date:%s" % r, "date:%s.. date:..%s" % (lo, hi)
        a, b, both = s.count(terms), s.count(slots), s.count("%s %s" % (terms, slots))
        tap.ok(a == b == both, "[%s] = [%s] = %s" % (terms, slots, b), "got %s, both %s" % (a, both))
        matched += isinstance(a, int) and a > 0
        if other:
            tap.ok(other.count(terms) == a, "[%s] counts %s in the index of schema 2 too" % (terms, a))
    tap.ok(matched * 2 >= len(ranges), "%d of %d date ranges match articles" % (matched, len(ranges)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("search")
    ap.add_argument("index")
    ap.add_argument("--reuters")
    ap.add_argument("--random", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--date-ranges", type=int, default=0)
    ap.add_argument("--same-as")
    ap.add_argument("atoms", nargs="*")
    a = ap.parse_args()
    tap = Tap()
    s = Search(a.search, a.index)
    rng = random.Random(a.seed)

    if a.date_ranges:
        compare_dates(tap, s, a.same_as and Search(a.search, a.same_as),
                      date_ranges(s.dates(), a.date_ranges, rng))
        if not a.atoms:
            tap.done()
    every = s.ids("*")
    tap.ok(len(every) == s.count("*"), "'*' lists as many articles as it counts (%d)" % len(every))
    sets = {}
    for atom in a.atoms:
        sets[atom] = s.ids(atom)
        tap.ok(len(sets[atom]) == s.count(atom) and sets[atom] <= every,
               "atom %s: %d articles, listed and counted alike" % (atom, len(sets[atom])))
    if a.reuters:
        labels = reuters_labels(a.reuters)
        tap.ok(set(labels) == every, "the index holds exactly the SGML's %d records" % len(labels))
        for atom in a.atoms:
            want = source_set(labels, atom)
            if want is not None:
                tap.ok(sets[atom] == want, "atom %s matches what the SGML labels say (%d)"
                       % (atom, len(want)),
                       "only in the index: %s\nonly in the SGML: %s"
                       % (sorted(sets[atom] - want)[:5], sorted(want - sets[atom])[:5]))
    atoms = list(a.atoms)

    def check(query, want, what):
        got = s.count(query)
        tap.ok(got == len(want), "%s: [%s] = %d" % (what, query, len(want)), "got %s" % got)

    # every order and grouping of the same AND, written with and without AND
    triples = [rng.sample(atoms, 3) for _ in range(4)]
    for t in triples:
        want = sets[t[0]] & sets[t[1]] & sets[t[2]]
        for p in itertools.permutations(t):
            check(" ".join(p), want, "AND in any order")
        check("%s AND %s AND %s" % tuple(t), want, "explicit AND")
        check("(%s %s) %s" % tuple(t), want, "grouped left")
        check("%s (%s AND %s)" % tuple(t), want, "grouped right")
        check("+%s +%s +%s" % tuple(t), want, "'+' is AND")
    for x, y in [rng.sample(atoms, 2) for _ in range(6)]:
        A, B = sets[x], sets[y]
        check("%s OR %s" % (x, y), A | B, "OR")
        check("%s NOT %s" % (x, y), A - B, "NOT")
        check("%s -%s" % (x, y), A - B, "'-'")
        check("-%s %s" % (y, x), A - B, "'-' first")
        check("%s AND NOT %s" % (x, y), A - B, "AND NOT")
        tap.ok(s.count("%s NOT %s" % (x, y)) == s.count(x) - s.count("%s %s" % (x, y)),
               "A NOT B = A - (A AND B) for %s, %s" % (x, y))
        check("-%s" % y, every - B, "a lone exclusion")
        check("* -%s" % y, every - B, "'*' less one")
        check("NOT %s" % y, every - B, "a lone NOT")
        check("-(%s OR %s)" % (x, y), every - (A | B), "De Morgan")
        check("-%s -%s" % (x, y), every - (A | B), "De Morgan, two exclusions")
        check("-(%s %s)" % (x, y), every - (A & B), "an excluded AND")

    # random trees
    def tree(depth):
        if depth == 0 or rng.random() < 0.3:
            atom = rng.choice(atoms)
            return atom, sets[atom]
        op = rng.choice(["and", "and", "or", "not", "neg"])
        n = rng.choice([2, 2, 3])
        kids = [tree(depth - 1) for _ in range(n)]
        if op == "and":
            want = set.intersection(*[k[1] for k in kids])
            text = rng.choice([" ", " AND "]).join("(%s)" % k[0] for k in kids)
        elif op == "or":
            want = set.union(*[k[1] for k in kids])
            text = " OR ".join("(%s)" % k[0] for k in kids)
        elif op == "not":
            want = kids[0][1] - kids[1][1]
            text = "(%s) NOT (%s)" % (kids[0][0], kids[1][0])
        else:
            want = kids[0][1] - kids[1][1]
            text = "-(%s) (%s)" % (kids[1][0], kids[0][0])
        return text, want
    for _ in range(a.random):
        text, want = tree(3)
        check(text, want, "random tree")
    tap.done()


if __name__ == "__main__":
    main()
