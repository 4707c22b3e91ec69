#!/usr/bin/env python3
"""Picks the stories of the modern yardstick from ../shared/corpora, by a seeded rule.

The rule: stories of 60 to 300 words (a length one person can tag with care), drawn with
random.Random(12) (issue 12): 70 rows of ISOT True.csv (Reuters politics wire, 2016-17),
30 rows of ISOT Fake.csv (other sites, no datelines) and 50 posts of 20 Newsgroups
(talk.politics.mideast, talk.politics.misc, talk.politics.guns, sci.space; train and
test). The picks are then shuffled together with the same generator, so that the first N of
the list are a fair sample whatever N is tagged. Texts are never copied into the repository:
a story is named by corpus, file and row (CSV rows count from 1 after the header, as
dateline-index counts them) or post file.

  pick.py [--corpora DIR]            writes the list (stories.tsv beside this script) to stdout
  pick.py [--corpora DIR] --show ID  prints one story as read (for tagging by hand)
"""
import argparse
import csv
import os
import random
import sys

SEED = 12
MIN_WORDS, MAX_WORDS = 60, 300
ISOT = (("true", "isot/True.csv", 70), ("fake", "isot/Fake.csv", 30))
GROUPS = ("talk.politics.mideast", "talk.politics.misc", "talk.politics.guns", "sci.space")
POSTS = 50


def isot_rows(corpora, path):
    with open(os.path.join(corpora, path), encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=1):
            yield number, row


def post_split(raw):
    """Headers and body of a 20 Newsgroups post (the body starts after the first blank line)."""
    head, _, body = raw.partition("\n\n")
    return head, body


def read_post(corpora, rel):
    with open(os.path.join(corpora, "20news-bydate", rel), encoding="latin-1") as f:
        return f.read()


def words(text):
    return len(text.split())


def pick(corpora):
    rng = random.Random(SEED)
    chosen = []
    for tag, path, count in ISOT:
        pool = [n for n, row in isot_rows(corpora, path)
                if MIN_WORDS <= words(row["text"]) <= MAX_WORDS]
        for n in sorted(rng.sample(pool, count)):
            chosen.append(("%s:%d" % (tag, n), "isot", path, str(n)))
    pool = []
    for split in ("20news-bydate-train", "20news-bydate-test"):
        for group in GROUPS:
            folder = os.path.join(corpora, "20news-bydate", split, group)
            for name in sorted(os.listdir(folder), key=int):
                rel = "%s/%s/%s" % (split, group, name)
                if MIN_WORDS <= words(post_split(read_post(corpora, rel))[1]) <= MAX_WORDS:
                    pool.append(rel)
    for rel in sorted(rng.sample(pool, POSTS)):
        split, group, name = rel.split("/")
        chosen.append(("news:%s/%s" % (group, name), "20news-bydate", rel, ""))
    rng.shuffle(chosen)
    return chosen


def show(corpora, ident):
    for sid, corpus, path, row in pick(corpora):
        if sid != ident:
            continue
        if corpus == "isot":
            for n, r in isot_rows(corpora, path):
                if str(n) == row:
                    print("TITLE:", r["title"])
                    print("DATE:", r["date"])
                    print(r["text"])
        else:
            head, body = post_split(read_post(corpora, path))
            subject = [l for l in head.split("\n") if l.lower().startswith("subject:")]
            print("\n".join(subject))
            print(body)
        return 0
    print("pick.py: no story %s in the list" % ident, file=sys.stderr)
    return 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Pick the modern yardstick's stories.")
    ap.add_argument("--corpora", default=os.path.join(here, "..", "..", "..", "..",
                                                      "shared", "corpora"))
    ap.add_argument("--show", metavar="ID")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.corpora, "isot")):
        print("pick.py: no ISOT corpus in %s (give --corpora DIR)" % a.corpora, file=sys.stderr)
        return 1
    if a.show:
        return show(a.corpora, a.show)
    print("# id\tcorpus\tfile\trow (CSV rows from 1 after the header; empty for a post)")
    for item in pick(a.corpora):
        print("\t".join(item))
    return 0


if __name__ == "__main__":
    sys.exit(main())
