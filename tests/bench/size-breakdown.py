#!/usr/bin/python3
# size-breakdown.py: where an index's bytes go: each Xapian table's files, the terms of each
# prefix of lib/schema.h with their postings, and the stored records (as stored, and their
# serialized fields). Run by tests/bench/size.sh; needs the xapian module (/usr/bin/python3).
import os
import sys
import zlib

import xapian

# longest prefixes first: ZS before Z, XRyes under XR
PREFIXES = ["ZS", "Z", "Q", "XP", "XG", "XA", "XT", "XD", "XS", "XU", "XC", "XR", "XK",
            "XF", "XW", "XO", "XM", "XN", "Y", "M", "D"]


def prefix_of(term):
    for p in PREFIXES:
        if term.startswith(p.encode()):
            return p
    return "(other)"


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return v, i


def fields_len(data):
    """The serialized fields' length of a record (lib/store.c, version 1: 'd', 1, the length
    as a varint, the zlib stream), checked against the stream."""
    assert data[:2] == b"d\x01", "not a record of version 1"
    n, i = varint(data, 2)
    assert len(zlib.decompress(data[i:])) == n
    return n


def main(path, tables_only):
    tables = {}
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if os.path.isfile(full):
            table = name.split(".")[0]
            tables[table] = tables.get(table, 0) + os.path.getsize(full)
    total = sum(tables.values())
    print("table\tbytes\tshare")
    for t, b in sorted(tables.items(), key=lambda x: -x[1]):
        print(f"{t}\t{b}\t{b / total:.3f}")
    print(f"total\t{total}\t1.000")
    if tables_only:
        return
    db = xapian.Database(path)
    terms, postings = {}, {}
    once = {}
    for t in db.allterms():
        p = prefix_of(t.term)
        terms[p] = terms.get(p, 0) + 1
        postings[p] = postings.get(p, 0) + t.termfreq
        once[p] = once.get(p, 0) + (t.termfreq == 1)
    nterms = sum(terms.values())
    print("\nprefix\tterms\tshare\tin one article\tpostings")
    for p, n in sorted(terms.items(), key=lambda x: -x[1]):
        print(f"{p}\t{n}\t{n / nterms:.3f}\t{once[p]}\t{postings[p]}")
    print(f"all\t{nterms}\t1.000\t{sum(once.values())}\t{sum(postings.values())}")
    stored = raw = 0
    for i in range(1, db.get_lastdocid() + 1):
        try:
            data = db.get_document(i).get_data()
        except xapian.DocNotFoundError:
            continue
        stored += len(data)
        raw += fields_len(data)
    print(f"\nrecords\t{db.get_doccount()}")
    print(f"record bytes as given to Xapian (zlib level 1)\t{stored}")
    print(f"serialized fields\t{raw}\t(records {stored / raw:.2f} of them)")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or sys.argv[1:-1] not in ([], ["--tables"]):
        sys.exit("usage: size-breakdown.py [--tables] INDEX")
    main(sys.argv[-1], len(sys.argv) == 3)
