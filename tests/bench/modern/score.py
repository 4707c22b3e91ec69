#!/usr/bin/env python3
"""Scores Dateline's places and groups against the modern yardstick's hand tags (issue 12).

The stories of stories.tsv are copied from ../shared/corpora into a temporary folder (the ISOT
rows as two CSV files with the corpus's header, the Usenet posts as files), indexed with the
built dateline-index, and read back with dateline-search --format json. Each story's places
(place_ids) and groups are then compared with tags.tsv:

- a listed place is right when it bears the name of a place tagged in the story (its
  gazetteer name or any alternate name, folded), in the tagged place's country, or when it is
  the country of a tagged place or lies above one (a state above its city);
- a tagged place is found when a listed place bears its name in its country, or when it is
  the story's dateline (the dateline is a place Dateline attaches to the story);
- a listed group is right when its folded name or its acronym is a tagged organisation's
  (written or canonical name); a tagged organisation is found when a listed group is.

Tags marked "optional" make a listing right but are no miss when absent. Precision and recall
are micro-averaged over the stories, for all of them and for each corpus part.

  score.py [--build DIR] [--corpora DIR] [--verbose] [--keep DIR]
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
PARTS = (("true", "ISOT True (Reuters)"), ("fake", "ISOT Fake (other sites)"),
         ("news", "20 Newsgroups"))
GOALS = {"places": (0.97, 0.90), "groups": (0.92, 0.70)}


def fold(s):
    """Lower case, accents and everything but letters and digits dropped."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s.lower() if c.isalnum())


def name_forms(name):
    """The forms a tagged name is matched in: as written, without a bracketed
    qualifier ("Georgia (U.S. state)"), and before its first comma ("Jackson, Mississippi")."""
    forms = {name}
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    forms.add(bare)
    forms.add(bare.split(",")[0].strip())
    return {fold(f) for f in forms if fold(f)}


DESIGNATORS = ("the ", "u.s. ", "us ", "united states ", "american ")
SUFFIXES = (" inc", " inc.", " corp", " corp.", " corporation", " co", " co.", " ltd",
            " ltd.", " plc", " ag", " llc", " group")
SMALL = {"of", "and", "the", "for", "on", "in", "at", "to", "&", "a", "an"}


def group_forms(name):
    """Folded forms of an organisation's name: whole, and without a leading "The" or "U.S."
    and a trailing company designator (Inc, Corp, Co, Ltd, Plc, AG, LLC, Group)."""
    low = name.strip().lower()
    cands = {low}
    for d in DESIGNATORS:
        if low.startswith(d):
            cands.add(low[len(d):])
    for c in list(cands):
        for s in SUFFIXES:
            if c.endswith(s):
                cands.add(c[: -len(s)].rstrip(","))
    return {fold(c) for c in cands if fold(c)}


def acronym(name):
    """The initials of a name of two words or more, small words left out
    (Federal Bureau of Investigation: fbi), or None."""
    words = [w for w in re.split(r"[\s\-/]+", name) if w]
    initials = "".join(w[0] for w in words if w.lower() not in SMALL and w[0].isalnum())
    return fold(initials) if len(words) >= 2 and len(initials) >= 2 else None


def group_names_match(a, b):
    """Two sets of names of a body (each a list of names) match by a folded form, or by the
    acronym of one being a folded form of the other (never acronym against acronym)."""
    fa = set().union(*(group_forms(n) for n in a))
    fb = set().union(*(group_forms(n) for n in b))
    if fa & fb:
        return True
    return (any(acronym(n) in fb for n in a if acronym(n))
            or any(acronym(n) in fa for n in b if acronym(n)))


def read_groups(path):
    """Dateline's built-in groups: folded canonical name -> the names it is known by."""
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(col) < 3:
                continue
            alts = [a for a in (col[6] if len(col) > 6 else "").split("|") if a]
            known[fold(col[2])] = [col[2]] + alts
    return known


def read_gazetteer(path):
    """id -> (kind, folded names, country, parent ids)."""
    gaz = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            col = line.rstrip("\n").split("\t")
            while len(col) < 7:
                col.append("")
            gid, kind, name, country, parent = col[0], col[1], col[2], col[3], col[4]
            names = {fold(name)}
            for alt in col[6].split("|"):
                alt = alt.strip().lstrip("~!").rstrip("*").strip()
                if fold(alt):
                    names.add(fold(alt))
            parents = [p for p in parent.split(",") if p]
            gaz[gid] = (kind, names, country, parents)
    return gaz


def country_of(gaz, gid):
    kind, _, country, parents = gaz.get(gid, ("", set(), "", []))
    if country:
        return country
    if kind in ("country",):
        return gid
    for p in parents:  # a feature's parent may be its country (Gaza Strip in ps)
        if p in gaz and gaz[p][0] == "country":
            return p
    return gid


def ancestors(gaz, gid):
    seen, todo = set(), list(gaz.get(gid, ("", set(), "", []))[3])
    while todo:
        p = todo.pop()
        if p in seen or p not in gaz:
            continue
        seen.add(p)
        todo.extend(gaz[p][3])
    return seen


def read_stories(path):
    stories = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            sid, corpus, rel, row = line.rstrip("\n").split("\t")
            stories.append((sid, corpus, rel, row))
    return stories


def read_tags(path):
    """story -> {"LOC": [tag], "ORG": [tag]}; a tag is a dict."""
    tags = defaultdict(lambda: {"LOC": [], "ORG": []})
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            col = line.rstrip("\n").split("\t")
            if len(col) < 5 or col[1] not in ("LOC", "ORG", "NONE"):
                sys.exit("score.py: %s:%d: want story, LOC/ORG/NONE, written, canonical, "
                         "country[, optional]" % (path, n))
            tags[col[0]]  # a story tagged NONE is still a tagged story
            if col[1] == "NONE":
                continue
            names = [col[2]] + [c for c in col[3].split("|") if c]
            tags[col[0]][col[1]].append({
                "written": col[2], "canonical": col[3].split("|")[0], "names": names,
                "country": col[4], "optional": len(col) > 5 and col[5] == "optional"})
    return tags


def stage(corpora, stories, folder):
    """Writes the stories into folder; returns {(file, key): story id}."""
    where = {}
    by_csv = defaultdict(list)
    for sid, corpus, rel, row in stories:
        if corpus == "isot":
            by_csv[rel].append((int(row), sid))
        else:
            dest = os.path.join(folder, "news", rel.replace("/", "_"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(os.path.join(corpora, "20news-bydate", rel), dest)
            where[(os.path.join("in", "news", rel.replace("/", "_")), None)] = sid
    for rel, wanted in by_csv.items():
        rows = {}
        with open(os.path.join(corpora, rel), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            for n, r in enumerate(reader, 1):
                rows[n] = r
        name = os.path.basename(rel).lower()
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for k, (n, sid) in enumerate(sorted(wanted), 1):
                w.writerow(rows[n])
                where[(os.path.join("in", name), str(k))] = sid
    return where


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode not in (0, 1):
        sys.exit("score.py: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr))
    return p


def place_matches(gaz, gid, tag):
    kind, names, _, _ = gaz.get(gid, ("", set(), "", []))
    if not any(f in names for n in tag["names"] for f in name_forms(n)):
        return False
    return (not tag["country"] or kind == "historical"
            or country_of(gaz, gid) == tag["country"] or gid == tag["country"])


def tag_place_ids(gaz, tag, cache={}):
    """Gazetteer places that bear a tag's name in its country (for 'lies above')."""
    if "by-name" not in cache:
        by_name = defaultdict(set)
        for gid, (_, names, _, _) in gaz.items():
            for n in names:
                by_name[n].add(gid)
        cache["by-name"] = by_name
    key = (tuple(tag["names"]), tag["country"])
    if key not in cache:
        cands = set()
        for n in tag["names"]:
            for f in name_forms(n):
                cands |= cache["by-name"].get(f, set())
        cache[key] = {g for g in cands if place_matches(gaz, g, tag)}
    return cache[key]


def score_story(gaz, known, result, tags):
    listed = [(p["id"], p["name"]) for p in (result or {}).get("place_ids", [])]
    groups = list((result or {}).get("groups", []))
    dateline = (result or {}).get("dateline") or ""
    locs, orgs = tags["LOC"], tags["ORG"]
    out = {"places": {"tp": 0, "fp": [], "found": 0, "miss": [], "dateline_only": 0},
           "groups": {"tp": 0, "fp": [], "found": 0, "miss": []}}
    above = set()
    for t in locs:
        for g in tag_place_ids(gaz, t):
            above |= ancestors(gaz, g)
    countries = {t["country"] for t in locs if t["country"]}
    for gid, name in listed:
        right = (any(place_matches(gaz, gid, t) for t in locs) or gid in countries
                 or gid in above)
        if right:
            out["places"]["tp"] += 1
        else:
            out["places"]["fp"].append("%s (%s)" % (name, gid))
    dl = fold(dateline.split(",")[0]) if dateline else ""
    for t in locs:
        if t["optional"]:
            continue
        if any(place_matches(gaz, gid, t) for gid, _ in listed):
            out["places"]["found"] += 1
        elif dl and any(dl in name_forms(n) for n in t["names"]):
            out["places"]["found"] += 1
            out["places"]["dateline_only"] += 1
        else:
            out["places"]["miss"].append(t["written"] + (" (%s)" % t["country"]
                                                        if t["country"] else ""))
    for g in groups:
        names = known.get(fold(g), [g])
        if any(group_names_match(names, t["names"]) for t in orgs):
            out["groups"]["tp"] += 1
        else:
            out["groups"]["fp"].append(g)
    listed_names = [known.get(fold(g), [g]) for g in groups]
    for t in orgs:
        if t["optional"]:
            continue
        if any(group_names_match(names, t["names"]) for names in listed_names):
            out["groups"]["found"] += 1
        else:
            out["groups"]["miss"].append(t["written"])
    return out


def ratio(a, b):
    return a / b if b else 0.0


def self_test(gaz, known):
    """The matching rules on cases drawn from the yardstick's stories, one line each:
    0 (held) or 1 (failed), then what is checked; the status is 1 when one failed."""
    def loc(name, country, optional=False):
        names = [name]
        return {"written": name, "canonical": name, "names": names, "country": country,
                "optional": optional}

    def org(*names):
        return {"written": names[0], "canonical": names[0], "names": list(names),
                "country": "", "optional": False}

    def story(places, groups, dateline=None):
        return {"place_ids": [{"id": i, "name": i} for i in places],
                "groups": groups, "dateline": dateline}

    def scored(places, groups, locs, orgs, dateline=None):
        s = score_story(gaz, known, story(places, groups, dateline),
                        {"LOC": locs, "ORG": orgs})
        return (s["places"]["tp"], len(s["places"]["fp"]), s["places"]["found"],
                s["groups"]["tp"], len(s["groups"]["fp"]), s["groups"]["found"])

    wdc = loc("Washington, D.C.|Washington", "us")
    wdc["names"] = ["WASHINGTON", "Washington, D.C.", "Washington"]
    cases = [
        ("Casablanca (its alternate name White House) is wrong on a Washington story",
         scored(["g2553604"], [], [wdc], []), (0, 1, 0, 0, 0, 0)),
        ("the US state Georgia is right for Georgia (U.S. state), the country Georgia wrong",
         scored(["us.ga", "ge"], [], [loc("Georgia (U.S. state)", "us")], []),
         (1, 1, 1, 0, 0, 0)),
        ("a country is right as the country of a tagged city (United States for Jackson)",
         scored(["us"], [], [loc("Jackson, Mississippi", "us")], []), (1, 0, 0, 0, 0, 0)),
        ("a state is right when it lies above a tagged city (Texas above Waco)",
         scored(["us.tx"], [], [loc("Waco, Texas", "us")], []), (1, 0, 0, 0, 0, 0)),
        ("a tagged place is found through an alternate name (USSR is the Soviet Union)",
         scored(["h-ussr"], [], [loc("USSR", "su")], []), (1, 0, 1, 0, 0, 0)),
        ("the dateline finds its tagged place when the places do not list it",
         scored([], [], [wdc], [], "WASHINGTON"), (0, 0, 1, 0, 0, 0)),
        ("an optional tag makes a listing right and is no miss when absent",
         scored(["g524901"], [],
                [loc("Moscow", "ru", True), loc("Libya", "ly")], []), (1, 0, 0, 0, 0, 0)),
        ("an acronym matches its expansion (FBI, Federal Bureau of Investigation)",
         scored([], ["Federal Bureau of Investigation"], [], [org("FBI")]), (0, 0, 0, 1, 0, 1)),
        ("a company designator is folded away (Ford Motor, Ford Motor Co)",
         scored([], ["Ford Motor"], [], [org("Ford Motor Co")]), (0, 0, 0, 1, 0, 1)),
        ("acronyms are never matched with each other (Comcast Corp is not the Chamber of "
         "Commerce)", scored([], ["Comcast Corp"], [], [org("Chamber of Commerce")]),
         (0, 0, 0, 0, 1, 0)),
        ("a name cut at the wrong word is wrong (But House Rules Committee)",
         scored([], ["But House Rules Committee"], [], [org("House Rules Committee")]),
         (0, 0, 0, 0, 1, 0)),
        ("a listed group's built-in aliases count (Mara Salvatruchas is MS-13)",
         scored([], ["Mara Salvatruchas"], [], [org("MS-13")]), (0, 0, 0, 1, 0, 1)),
        ("the story's own source listed as a group is wrong (Reuters)",
         scored([], ["Reuters"], [], [org("Congress")]), (0, 0, 0, 0, 1, 0)),
    ]
    failed = 0
    for what, got, want in cases:
        print("%d %s" % (got != want, what))
        if got != want:
            print("# got %s, want %s" % (got, want))
            failed += 1
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description="Score places and groups on the modern yardstick.")
    ap.add_argument("--build", default=os.getcwd(),
                    help="the folder holding the built dateline-index and dateline-search")
    ap.add_argument("--corpora", default=os.path.join(TOP, "..", "shared", "corpora"))
    ap.add_argument("--stories", default=os.path.join(HERE, "stories.tsv"))
    ap.add_argument("--tags", default=os.path.join(HERE, "tags.tsv"))
    ap.add_argument("--gazetteer", default=os.path.join(TOP, "data", "gazetteer.tsv"))
    ap.add_argument("--groups", default=os.path.join(TOP, "data", "groups.tsv"))
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="each story's wrong listings and misses")
    ap.add_argument("--keep", metavar="DIR", help="build the index in DIR and keep it")
    ap.add_argument("--self-test", action="store_true",
                    help="check the matching rules on cases of the yardstick (no corpora needed)")
    a = ap.parse_args()
    if a.self_test:
        return self_test(read_gazetteer(a.gazetteer), read_groups(a.groups))

    for need in (os.path.join(a.corpora, "isot", "True.csv"),
                 os.path.join(a.corpora, "20news-bydate")):
        if not os.path.exists(need):
            sys.exit("score.py: no %s: the yardstick reads its stories from ../shared/corpora "
                     "(give --corpora DIR)" % need)
    tools = [os.path.join(os.path.abspath(a.build), p)
             for p in ("dateline-index", "dateline-search")]
    for t in tools:
        if not os.access(t, os.X_OK):
            sys.exit("score.py: no %s: build first (make), or give --build DIR" % t)

    stories = read_stories(a.stories)
    tags = read_tags(a.tags)
    unknown = set(tags) - {s[0] for s in stories}
    if unknown:
        sys.exit("score.py: tags for stories not in %s: %s" % (a.stories, sorted(unknown)[:5]))
    stories = [s for s in stories if s[0] in tags]
    gaz = read_gazetteer(a.gazetteer)
    known = read_groups(a.groups)

    work = a.keep or tempfile.mkdtemp(prefix="dateline-modern-")
    try:
        if a.keep and os.path.exists(os.path.join(work, "in")):
            shutil.rmtree(work)
        os.makedirs(os.path.join(work, "in"), exist_ok=True)
        where = stage(a.corpora, stories, os.path.join(work, "in"))
        p = run([tools[0], "--index", "idx", "in"], work)
        summary = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
        p = run([tools[1], "--index", "idx", "--format", "json", "--all-versions",
                 "-n", str(10 * len(stories) + 10), "*"], work)
        results = {}
        for r in json.loads(p.stdout).get("results", []):
            o = r.get("origin") or {}
            key = (o.get("file"), o.get("key") if o.get("file", "").endswith(".csv") else None)
            if key in where:
                results[where[key]] = r
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)

    totals = {part: {"places": [0, 0, 0, 0], "groups": [0, 0, 0, 0]}
              for part in [p for p, _ in PARTS] + ["all"]}
    dateline_only = 0
    not_indexed = [sid for sid, _, _, _ in stories if sid not in results]
    for sid, corpus, rel, row in stories:
        s = score_story(gaz, known, results.get(sid), tags[sid])
        part = sid.split(":")[0]
        for kind in ("places", "groups"):
            req = sum(1 for t in tags[sid]["LOC" if kind == "places" else "ORG"]
                      if not t["optional"])
            listed = s[kind]["tp"] + len(s[kind]["fp"])
            for p in (part, "all"):
                t = totals[p][kind]
                t[0] += s[kind]["tp"]
                t[1] += listed
                t[2] += s[kind]["found"]
                t[3] += req
        dateline_only += s["places"]["dateline_only"]
        if a.verbose and (s["places"]["fp"] or s["places"]["miss"] or s["groups"]["fp"]
                          or s["groups"]["miss"]):
            title = (results.get(sid) or {}).get("title") or "(not indexed)"
            print("%s  %s" % (sid, title[:70]))
            for kind in ("places", "groups"):
                if s[kind]["fp"]:
                    print("  %s wrong: %s" % (kind, "; ".join(s[kind]["fp"])))
                if s[kind]["miss"]:
                    print("  %s missed: %s" % (kind, "; ".join(s[kind]["miss"])))
    if a.verbose:
        print()
    print("Modern yardstick: %d stories tagged by hand (%s)" % (len(stories), ", ".join(
        "%d %s" % (sum(1 for s in stories if s[0].startswith(p + ":")), label)
        for p, label in PARTS)))
    if summary:
        print("  " + summary)
    if not_indexed:
        print("  not in the index (all their tags missed): %s" % ", ".join(not_indexed))
    print("%-26s %9s %8s %6s   %9s %8s %6s" % ("", "places P", "R", "F1", "groups P", "R", "F1"))
    for p, label in list(PARTS) + [("all", "all stories")]:
        row = []
        for kind in ("places", "groups"):
            tp, listed, found, req = totals[p][kind]
            pr, rc = ratio(tp, listed), ratio(found, req)
            f1 = ratio(2 * pr * rc, pr + rc)
            row.append("%9.3f %8.3f %6.3f" % (pr, rc, f1))
        print("%-26s %s   %s" % (label, row[0], row[1]))
    for kind in ("places", "groups"):
        tp, listed, found, req = totals["all"][kind]
        gp, gr = GOALS[kind]
        print("%s: %d listed, %d right; %d tagged, %d found%s; goals precision >= %.2f, "
              "recall >= %.2f" % (kind, listed, tp, req, found,
                                  " (%d through the dateline only)" % dateline_only
                                  if kind == "places" else "", gp, gr))
    return 0


if __name__ == "__main__":
    sys.exit(main())
