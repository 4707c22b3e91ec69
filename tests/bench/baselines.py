#!/usr/bin/env python3
"""baselines.py: feeds the benchmark's baselines (scriptindex, SQLite FTS5) the same articles and queries.

  baselines.py dump SGML...            scriptindex input on stdout
  baselines.py dump-jsonl JSONL...     the same from big-archive.py's JSON Lines (make bench-big)
  baselines.py fts5 DB SGML...         loads an FTS5 table; prints the seconds spent inserting
  baselines.py fts5-jsonl DB JSONL...  the same from big-archive.py's JSON Lines (make bench-big)
  baselines.py queries xapian|fts5     translates queries.txt (stdin) for bench-xapian/bench-fts5

It parses Reuters-21578 SGML on its own, so the baselines' input does not depend on Dateline.
"""
import html
import json
import re
import sqlite3
import sys
import time

RECORD = re.compile(rb'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
MONTHS = {m: i + 1 for i, m in enumerate(
    'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split())}
CONTROL = re.compile('[\x00-\x08\x0b-\x1f\x7f]')


def element(rec, name):
    m = re.search(r'<%s(?:\s[^>]*)?>(.*?)</%s>' % (name, name), rec, re.S)
    return m.group(1) if m else None


def text(s):
    return CONTROL.sub('', html.unescape(re.sub(r'<[^>]+>', '', s or ''))).strip()


def articles(paths):
    for path in paths:
        data = open(path, 'rb').read()
        for m in RECORD.finditer(data):
            raw = m.group(2)
            try:
                rec = raw.decode('utf-8')
            except UnicodeDecodeError:
                rec = raw.decode('cp1252', errors='replace')
            d = re.match(r'\s*(\d+)-([A-Z]+)-(\d{4})', element(rec, 'DATE') or '')
            date = '%s%02d%02d' % (d.group(3), MONTHS[d.group(2)], int(d.group(1))) if d else ''
            title, body = element(rec, 'TITLE'), element(rec, 'BODY')
            if title is None and body is None:
                body = element(rec, 'TEXT')
            places = re.findall(r'<D>(.*?)</D>', element(rec, 'PLACES') or '')
            topics = re.findall(r'<D>(.*?)</D>', element(rec, 'TOPICS') or '')
            yield (m.group(1).decode(), text(title), text(body), date, places, topics)


def dump(paths, records=None):
    out = sys.stdout
    for newid, title, body, date, places, topics in records or articles(paths):
        out.write('id=%s\n' % newid)
        for name, value in (('title', title), ('body', body), ('date', date)):
            if value:
                out.write('%s=%s\n' % (name, value.replace('\n', '\n=')))
        for p in places:
            out.write('places=%s\n' % p)
        for t in topics:
            out.write('topics=%s\n' % t)
        out.write('\n')


def fts5(db, paths):
    fts5_load(db, [(t, b, ' '.join(p), ' '.join(tp), d) for _, t, b, d, p, tp in articles(paths)])


def jsonl_rows(paths):
    """big-archive.py's articles as FTS5 rows: title, body, places, topics, date (YYYYMMDD)."""
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for line in f:
                a = json.loads(line)
                yield (a['title'], a['text'], ' '.join(a['place']), ' '.join(a['topic']),
                       a['date'].replace('-', ''))


def jsonl_records(paths):
    """big-archive.py's articles as articles() gives them: id, title, body, date, places, topics."""
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for line in f:
                a = json.loads(line)
                yield (a['id'], a['title'], a['text'], a['date'].replace('-', ''), a['place'],
                       a['topic'])


def fts5_load(db, rows):
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE a USING fts5(title, body, places, topics, date UNINDEXED, "
                "tokenize='porter unicode61')")
    start = time.perf_counter()
    n = [0]

    def counted():
        for row in rows:
            n[0] += 1
            yield row
    with con:
        con.executemany('INSERT INTO a VALUES (?, ?, ?, ?, ?)', counted())
    seconds = time.perf_counter() - start
    con.close()
    print('%.3f %d' % (seconds, n[0]))


def date_bounds(v):
    """date:A..B in Dateline's language as (YYYYMMDD, YYYYMMDD)."""
    def bound(s, last):
        parts = s.split('-')
        y = parts[0]
        m = parts[1] if len(parts) > 1 else ('12' if last else '01')
        d = parts[2] if len(parts) > 2 else ('31' if last else '01')
        return y + m + d
    a, _, b = v.partition('..') if '..' in v else (v, '', v)
    return (bound(a, False) if a else '00000000', bound(b, True) if b else '99999999')


def queries(kind):
    for line in sys.stdin:
        if line.startswith('#') or '\t' not in line:
            continue
        q = line.rstrip('\n').split('\t', 1)[1]
        tokens = re.findall(r'"[^"]*"|\S+', q)
        words, filters, lo, hi = [], [], '00000000', '99999999'
        for tok in tokens:
            if tok.startswith('date:'):
                lo, hi = date_bounds(tok[5:])
            elif tok.startswith(('place:', 'topic:')):
                filters.append(tok.split(':', 1))
            else:
                words.append(tok)
        if kind == 'xapian':
            parts = words + ['%s:%s' % (f, v) for f, v in filters]
            if lo != '00000000' or hi != '99999999':
                parts.append('date:%s..%s' % (lo, hi))
            print(' '.join(parts))
        else:
            column = {'place': 'places', 'topic': 'topics'}
            parts = words + ['%s : "%s"' % (column[f], v.replace('-', ' ')) for f, v in filters]
            print('%s\t%s\t%s' % (' AND '.join(parts), lo, hi))


if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'dump':
        dump(sys.argv[2:])
    elif cmd == 'dump-jsonl':
        dump(None, jsonl_records(sys.argv[2:]))
    elif cmd == 'fts5':
        fts5(sys.argv[2], sys.argv[3:])
    elif cmd == 'fts5-jsonl':
        fts5_load(sys.argv[2], jsonl_rows(sys.argv[3:]))
    elif cmd == 'queries':
        queries(sys.argv[2])
    else:
        sys.exit(__doc__)
