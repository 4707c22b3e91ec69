#!/usr/bin/env python3
"""big-archive.py: writes a reproducible archive of N articles from ../shared/corpora for the
speed benchmark (tests/bench/big.sh). Not stored data: the same N and seed give the same files.

Usage: big-archive.py CORPORA OUTDIR N [--seed S]

The articles are the real Reuters-21578, ISOT and 20 Newsgroups texts taken in turn, then, once
those are used, re-drawn variants of them: each variant keeps its model's headline words, dateline
lead, topics and places, gets a new id, a date shifted by whole years (so the archive spans many
years) and a body whose sentences are drawn afresh from the pool of every sentence read, so that
variants do not chain with their model or with each other. Output: OUTDIR/part-NNNN.jsonl, 5,000
articles a file, in the JSON Lines form dateline-index reads (id, title, text, date, topic, place,
source), and OUTDIR/MANIFEST with N, the seed and the byte count."""
import csv
import html
import json
import os
import random
import re
import sys

PER_FILE = 5000
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
LEAD = re.compile(r"^([A-Z][A-Z .,/'-]{2,40}(?:, [A-Za-z]{3} \d{1,2})?(?: \(Reuters\))? - )")


def sentences(text):
    return [s.strip() for s in SENT.split(" ".join(text.split())) if 20 <= len(s.strip()) <= 400]


def reuters(folder):
    rec = re.compile(r"<REUTERS.*?NEWID=\"(\d+)\">(.*?)</REUTERS>", re.S)
    field = lambda tag, s: (re.search(r"<%s>(.*?)</%s>" % (tag, tag), s, re.S) or [None, ""])[1]
    months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(folder, name), encoding="latin-1") as f:
            for m in rec.finditer(f.read()):
                s = m.group(2)
                body = html.unescape(field("BODY", s)).replace("\x03", "").replace(" Reuter", "")
                d = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4})", field("DATE", s))
                if not body.strip() or not d:
                    continue
                yield {"id": "reuters-" + m.group(1), "title": html.unescape(field("TITLE", s)),
                       "lead": " ".join(html.unescape(field("DATELINE", s)).split()) + " ",
                       "body": body, "date": "%s-%02d-%02d" % (d.group(3), months.index(d.group(2)) + 1, int(d.group(1))),
                       "topic": re.findall(r"<D>(.*?)</D>", field("TOPICS", s)),
                       "place": re.findall(r"<D>(.*?)</D>", field("PLACES", s)), "source": "Reuters"}


def isot(folder):
    months = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
    csv.field_size_limit(1 << 24)
    for name in ("True.csv", "Fake.csv"):
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                d = re.match(r"\s*([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4})", row.get("date", ""))
                text = row.get("text", "")
                if not d or d.group(1).lower() not in months or len(text) < 200:
                    continue
                lead = LEAD.match(text)
                yield {"id": "isot-%s-%d" % (name[0].lower(), i), "title": row["title"],
                       "lead": lead.group(1) if lead else "", "body": text[lead.end():] if lead else text,
                       "date": "%s-%02d-%02d" % (d.group(3), months[d.group(1).lower()], int(d.group(2))),
                       "topic": [row.get("subject", "")], "place": [], "source": "ISOT"}


def usenet(folder):
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            with open(os.path.join(root, name), encoding="latin-1") as f:
                head, _, body = f.read().partition("\n\n")
            subj = re.search(r"^Subject: *(.*)$", head, re.M)
            if len(body) < 200 or not subj:
                continue
            yield {"id": "usenet-" + os.path.relpath(os.path.join(root, name), folder).replace("/", "-"), "title": subj.group(1),
                   "lead": "", "body": body, "date": "1993-04-%02d" % (int(name) % 28 + 1),
                   "topic": [os.path.basename(root)], "place": [], "source": "Usenet"}


def variant(model, k, rng, pool):
    """The k-th re-drawn variant of model: new id, date k years on, sentences drawn afresh."""
    n = max(2, min(25, len(sentences(model["body"]))))
    year, rest = model["date"][:4], model["date"][4:]
    if rest.endswith("-02-29"):
        rest = "-02-28"
    words = model["title"].split()
    rng.shuffle(words)
    return dict(model, id="%s-v%d" % (model["id"], k), title=" ".join(words),
                date="%d%s" % (int(year) + k, rest),
                body=" ".join(pool[rng.randrange(len(pool))] for _ in range(n)))


def main():
    args = sys.argv[1:]
    seed = 13
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit("usage: big-archive.py CORPORA OUTDIR N [--seed S]")
    corpora, out, n = args[0], args[1], int(args[2])
    models = list(reuters(os.path.join(corpora, "reuters21578")))
    if os.path.isdir(os.path.join(corpora, "isot")):
        models += list(isot(os.path.join(corpora, "isot")))
    if os.path.isdir(os.path.join(corpora, "20news-bydate")):
        models += list(usenet(os.path.join(corpora, "20news-bydate")))
    rng = random.Random(seed)
    pool = [s for m in models for s in sentences(m["body"])]
    os.makedirs(out, exist_ok=True)
    total = 0
    for part in range((n + PER_FILE - 1) // PER_FILE):
        with open(os.path.join(out, "part-%04d.jsonl" % part), "w", encoding="utf-8") as f:
            for i in range(part * PER_FILE, min(n, (part + 1) * PER_FILE)):
                k, m = divmod(i, len(models))
                a = models[m] if k == 0 else variant(models[m], k, rng, pool)
                line = json.dumps({"id": a["id"], "title": a["title"], "text": a["lead"] + a["body"],
                                   "date": a["date"], "topic": a["topic"], "place": a["place"],
                                   "source": a["source"]}, ensure_ascii=False) + "\n"
                total += len(line.encode("utf-8"))
                f.write(line)
    with open(os.path.join(out, "MANIFEST"), "w") as f:
        f.write("articles=%d seed=%d models=%d sentences=%d bytes=%d\n" % (n, seed, len(models), len(pool), total))


if __name__ == "__main__":
    main()
