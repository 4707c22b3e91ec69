#!/usr/bin/env python3
"""Scores the datelines Dateline's readers find against datelines computed from the sources.

  datelines.py --dump PROGRAM --corpora DIR [--verbose]

The truth is taken from the raw files, without Dateline's parser:

- Reuters-21578 (reuters21578/reut2-*.sgm): the <DATELINE> element of each story, the places
  being what comes before its date ("PORTLAND, Ore., March 2 -" gives PORTLAND); a dateline
  with no date in it is left out of the score;
- ISOT True and Fake (isot/*.csv): the text before the first bracketed credit followed by a
  dash ("(Reuters) - ", "(LPC/IFR) - ", "() - ") in a story's first 600 characters, once
  bracketed notes ("(Corrects ... )") and a byline ("By Jane Doe") before it are taken off;
  without a credit, words in capitals that open the story before a dash ("WASHINGTON - ");
  a story with neither, or with nothing before its credit, has no dateline.

Places are split at "/", and a place's qualifier (", Fla.", ", Democratic Republic of Congo")
is no place of its own: the city is the dateline. A dateline place found is right when it is
one of the story's true places (compared in capitals, spaces collapsed); precision and recall
are micro-averaged over the places, for each corpus.
"""
import argparse
import csv
import glob
import html
import os
import re
import subprocess
import sys
from collections import defaultdict

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(r",?\s*(?:" + MONTH + r"\s+\d{1,2}|\d{1,2}\s+" + MONTH + r")(?![0-9a-z])", re.I)
CREDIT = re.compile(r"\(([A-Za-z/ ]*)\)\s+-")
CAPITALS = re.compile(r"([A-Z][A-Z.' ]*[A-Z.]) - ")


def norm(place):
    return " ".join(place.upper().split())


def places_of(printed):
    """The cities of a dateline as printed: split at '/', each without its qualifier."""
    out = []
    for part in printed.split("/"):
        city = norm(part.split(",")[0])
        if city:
            out.append(city)
    return out


def reuters_truth(path):
    """{NEWID: [places]} for the stories of one SGML file whose dateline has a date."""
    text = open(path, encoding="latin-1").read()
    truth = {}
    for story in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
        m = re.search(r"<DATELINE>(.*?)</DATELINE>", story.group(2), re.S)
        if not m:
            truth[story.group(1)] = []
            continue
        line = html.unescape(m.group(1))
        d = DATE.search(line)
        if d:
            truth[story.group(1)] = places_of(line[:d.start()])
    return truth


def strip_notes(s):
    """Takes bracketed notes ("(Corrects ...)", "((This story ...))") off the start."""
    s = s.strip()
    while s.startswith("("):
        depth = 0
        for i, c in enumerate(s):
            depth += c == "("
            depth -= c == ")"
            if depth == 0:
                break
        if depth:
            return s
        s = s[i + 1:].strip()
    return s


def isot_truth(text):
    m = CREDIT.search(text[:600])
    if not m:
        m = CAPITALS.match(strip_notes(text[:600]))  # "WASHINGTON - Some key senators"
        return places_of(m.group(1)) if m else []
    pre = strip_notes(text[:m.start()])
    if pre.startswith("By "):
        # "By Jane Doe and John Roe NEW YORK": the dateline starts at the first word in capitals
        words = pre.split()
        first = next((i for i, w in enumerate(words) if len(w) > 1 and w.isupper()), None)
        pre = " ".join(words[first:]) if first is not None else ""
    return places_of(pre)


def run_dump(dump, files):
    out = subprocess.run([dump] + files, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        f, nth, key, places = line.split("\t")
        rows.append((f, int(nth), key, [] if places in ("", "!") else [norm(p) for p in places.split("|")]))
    return rows


def score(name, pairs, verbose):
    tp = fp = fn = stories = 0  # places right, wrong, missed
    for ident, want, got in pairs:
        stories += 1
        w, g = set(want), set(got)
        tp += len(w & g)
        fp += len(g - w)
        fn += len(w - g)
        if verbose and w != g:
            print(f"  {name} {ident}: want {sorted(w)} got {sorted(g)}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name:28s} stories {stories:6d}  places {tp + fn:6d}  "
          f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (wrong {fp}, missed {fn})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", required=True)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpora, "reuters21578", "reut2-*.sgm")))
    if files:
        truth = {}
        for f in files:
            truth.update(reuters_truth(f))
        got = {key: places for _, _, key, places in run_dump(args.dump, files)}
        pairs = [(k, truth[k], got.get(k, [])) for k in sorted(truth, key=int)]
        score("Reuters-21578 <DATELINE>", pairs, args.verbose)

    csv.field_size_limit(1 << 30)
    for part in ("True", "Fake"):
        path = os.path.join(args.corpora, "isot", part + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            stories = [row["text"] for row in csv.DictReader(fh)]
        rows = run_dump(args.dump, [path])
        if len(rows) != len(stories):
            sys.exit(f"datelines.py: {path}: {len(rows)} articles read, {len(stories)} rows")
        pairs = [(i + 1, isot_truth(t), rows[i][3]) for i, t in enumerate(stories)]
        score(f"ISOT {part} (credit lead)", pairs, args.verbose)


if __name__ == "__main__":
    main()
