#!/usr/bin/python3
"""shard-split.py: splits one Dateline index into N shard databases, for tests/shards.sh.

Usage: shard-split.py SOURCE N OUT

Each article goes to shard hash(id) mod N (FNV-1a with the splitmix finish of lib/util.c's
dl_hash64, seed 11: a test's own routing; what matters is that it is fixed) as a copy of its
terms (with positions), values and data. An article without a global sequence number (value
slot 10, 8 bytes big-endian) gets its docid in the source as one, which keeps the order of
the source's ties. Every metadata key is copied into every shard, as dateline-index --jobs
writes global state. OUT/shard-K are the shards and OUT/XAPIANDB the stub listing them, so
that OUT opens as one database.
"""
import os
import struct
import sys

import xapian

SLOT_SEQ = 10
SEED = 11
MASK = (1 << 64) - 1


def hash64(data, seed):
    h = 0xcbf29ce484222325 ^ seed
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & MASK
    h ^= h >> 30
    h = (h * 0xbf58476d1ce4e5b9) & MASK
    h ^= h >> 27
    h = (h * 0x94d049bb133111eb) & MASK
    h ^= h >> 31
    return h


def article_id(doc):
    for t in doc.termlist():
        if t.term.startswith(b"Q"):
            return t.term[1:]
    return b""


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: shard-split.py SOURCE N OUT")
    src = xapian.Database(sys.argv[1])
    n = int(sys.argv[2])
    out = sys.argv[3]
    os.makedirs(out, exist_ok=True)
    shards = [xapian.WritableDatabase(os.path.join(out, "shard-%d" % k), xapian.DB_CREATE)
              for k in range(n)]
    for p in src.postlist(""):
        doc = src.get_document(p.docid)
        if not doc.get_value(SLOT_SEQ):
            doc.add_value(SLOT_SEQ, struct.pack(">Q", p.docid))
        shards[hash64(article_id(doc), SEED) % n].add_document(doc)
    for key in src.metadata_keys():
        for db in shards:
            db.set_metadata(key, src.get_metadata(key))
    for db in shards:
        db.commit()
        db.close()
    with open(os.path.join(out, "XAPIANDB"), "w") as stub:
        for k in range(n):
            stub.write("auto shard-%d\n" % k)


if __name__ == "__main__":
    main()
