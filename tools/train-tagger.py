#!/usr/bin/env python3
"""train-tagger.py: trains indexer/tagger.c's averaged perceptron on CoNLL-2003 and writes
data/tagger.tsv.

Usage: train-tagger.py CONLL_DIR OUT.tsv [--epochs N]

Trains on CONLL_DIR/train.txt only, 16 epochs unless told, each word learned from with the
tags the perceptron itself gave the two words before it (its best guesses, as
indexer/tagger.c will tag them, but without decoding's rule that I-X follows X);
after each epoch the averaged weights are scored on CONLL_DIR/valid.txt (ORG and LOC spans,
exact match) and the weights of the epoch with the best ORG F1 are written. The
words are cut as indexer/words.c cuts a text (punctuation marks the word before it, a
possessive goes, "(" marks the word after it), and the features are the ones
indexer/tagger.c computes, byte for byte, so a feature string hashes to the same number on
both sides (32-bit FNV-1a). The output is deterministic: documents are visited in an order
drawn from a fixed linear congruential sequence, ties go to the lower tag, and the table is
sorted by hash.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foldkey import fold  # noqa: E402

TAGS = ['O', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC']
SCALE = 64            # weights are stored as integers: round(weight * SCALE)
MAX_PHRASE = 4        # dictionary phrases looked up, in words
OPENING = b'("\'['
CLOSING = b')"\']' + b',;:.!?'


class Word:
    __slots__ = ('p', 'upper', 'caps', 'stop', 'sentence', 'paren', 'tag')


def cut(token):
    """A CoNLL token as indexer/words.c would cut it when it stands alone: (text, stop) or
    None when nothing of it is left."""
    s = token.encode('utf-8')
    a, b = 0, len(s)
    while a < b and s[a] in OPENING:
        a += 1
    stop = 0
    while b > a:
        c = s[b - 1]
        if c not in CLOSING:
            break
        if c == ord('.') and b'.' in s[a:b - 1] and b - a <= 6:
            break
        stop = 1
        b -= 1
    if b - a > 2 and s[b - 2:b] == b"'s":
        b -= 2
    if b <= a:
        return None
    return s[a:b], stop


def words_of(sentence):
    """The words of one sentence (a list of (token, tag)), marked as words.c marks them."""
    out = []
    paren = 0
    sent = 1
    for token, tag in sentence:
        c = cut(token)
        if c is None:
            # punctuation alone: it ends the word before; "(" marks the next one
            if token == '(':
                paren = 1
            elif out and any(ch in CLOSING for ch in token.encode()):
                out[-1].stop = 1
                if token in ('.', '!', '?'):
                    sent = 1
            continue
        if token == "'s":
            continue
        p, stop = c
        w = Word()
        w.p = p
        up = sum(1 for ch in p if 65 <= ch <= 90)
        low = sum(1 for ch in p if 97 <= ch <= 122)
        w.upper = 1 if (65 <= p[0] <= 90 or p[0] >= 0xC3) else 0
        w.caps = 1 if up > 0 and not low else 0
        w.stop = stop
        w.sentence = sent
        w.paren = paren
        w.tag = TAGS.index(tag) if tag in TAGS else 0
        out.append(w)
        paren = 0
        sent = 1 if token.endswith(('.', '!', '?')) else 0
    if out:
        out[-1].stop = 1
    return out


def read_conll(path):
    """Documents as lists of words."""
    docs, doc, sent = [], [], []

    def end_sentence():
        if sent:
            doc.extend(words_of(sent))
            sent.clear()

    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if not parts:
                end_sentence()
                continue
            if parts[0] == '-DOCSTART-':
                end_sentence()
                if doc:
                    docs.append(doc)
                doc = []
                continue
            sent.append((parts[0], parts[-1]))
    end_sentence()
    if doc:
        docs.append(doc)
    return docs


def load_dicts(data):
    """Folded keys of the groups' names (weak ones left out), of the gazetteer's names and of
    its adjectives, as lib/gazetteer.c reads data/groups.tsv and data/gazetteer.tsv."""
    sets = {}
    for table in ('groups', 'gazetteer'):
        names, adjectives = set(), set()
        with open(os.path.join(data, table + '.tsv'), encoding='utf-8') as f:
            for line in f:
                f_ = line.rstrip('\n').split('\t')
                if len(f_) not in (7, 9) or f_[1] == 'town':
                    continue  # small towns are read only with their qualifier, never looked up
                for i, nm in enumerate([f_[2]] + (f_[6].split('|') if f_[6] else [])):
                    kind = nm[:1] if i and nm[:1] in '~!?' else ''
                    k = fold(nm[1:] if kind else nm)
                    if not k:
                        continue
                    if kind == '~':
                        adjectives.add(k)
                    elif kind == '':
                        names.add(k)
        sets[table] = (names, adjectives)
    return sets[groups_key()][0], sets['gazetteer'][0], sets['gazetteer'][1]


def groups_key():
    return 'groups'


def lower(p):
    return bytes(ch + 32 if 65 <= ch <= 90 else ch for ch in p[:24])


def shape(p):
    out = bytearray()
    for ch in p[:24]:
        c = (88 if 65 <= ch <= 90 else 120 if 97 <= ch <= 122 else 100 if 48 <= ch <= 57
             else ch if ch < 0x80 else 117)
        if len(out) < 1 or out[-1] != c:
            out.append(c)
    return bytes(out)


def dict_marks(ws, groups, places, adjectives):
    """Each word's dictionary mark: 'g' or 'G' (first or later word of a group's name),
    'l' or 'L' (a place's), 'a' (an adjective of a place), '-' (none); the longest phrase
    from a word wins, a group's before a place's."""
    marks = [b'-'] * len(ws)
    i = 0
    while i < len(ws):
        key = ''
        best = None
        for k in range(MAX_PHRASE):
            if i + k >= len(ws):
                break
            key += fold(ws[i + k].p.decode('utf-8', 'replace'))
            if key in groups:
                best = (k + 1, b'g', b'G')
            elif key in places and (best is None or best[1] != b'g' or best[0] < k + 1):
                best = (k + 1, b'l', b'L')
            elif k == 0 and key in adjectives and best is None:
                best = (1, b'a', b'a')
            if ws[i + k].stop:
                break
        if best:
            n, first, rest = best
            marks[i] = first
            for j in range(1, n):
                marks[i + j] = rest
            i += n
        else:
            i += 1
    return marks


def doc_sets(ws):
    """The document's words (lower-cased as lower() does) written in lower case somewhere, and
    those written with a capital inside a sentence somewhere."""
    lc, uc = set(), set()
    for w in ws:
        if not w.upper and not w.caps:
            lc.add(lower(w.p))
        elif w.upper and not w.caps and not w.sentence:
            uc.add(lower(w.p))
    return lc, uc


def features(ws, i, marks, t1, t2, sets):
    """The features of word i given the tags of the two words before it (indexes) and the
    document's doc_sets()."""
    w = ws[i]
    lw = lower(w.p)
    prev = ws[i - 1] if i > 0 else None
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    p2 = lower(ws[i - 2].p) if i > 1 else b'^'
    n2 = lower(ws[i + 2].p) if i + 2 < len(ws) else b'$'
    lp = lower(prev.p) if prev else b'^'
    ln = lower(nxt.p) if nxt else b'$'
    sh = shape(w.p)
    fl = bytes([48 + w.upper, 48 + w.caps, 48 + w.sentence, 48 + w.stop, 48 + w.paren,
                48 + (prev.stop if prev else 1)])
    tg1 = TAGS[t1].encode() if t1 >= 0 else b'^'
    tg2 = TAGS[t2].encode() if t2 >= 0 else b'^'
    pm = marks[i - 1] if i > 0 else b'^'
    nm = marks[i + 1] if i + 1 < len(ws) else b'$'
    return [
        b'b',
        b'w=' + lw,
        b'p1=' + lp,
        b'n1=' + ln,
        b'p2=' + p2,
        b'n2=' + n2,
        b'sh=' + sh,
        b'psh=' + (shape(prev.p) if prev else b'^'),
        b'nsh=' + (shape(nxt.p) if nxt else b'$'),
        b'pre=' + lw[:3],
        b'suf=' + lw[-3:],
        b'suf4=' + lw[-4:],
        b'fl=' + fl,
        b'd=' + marks[i],
        b'pd=' + pm + marks[i],
        b'nd=' + marks[i] + nm,
        b't1=' + tg1,
        b't12=' + tg2 + b'|' + tg1,
        b't1w=' + tg1 + b'|' + lw,
        b't1sh=' + tg1 + b'|' + sh,
        b'pw=' + lp + b'|' + lw,
        b'wn=' + lw + b'|' + ln,
        b'dsh=' + marks[i] + sh + fl[:2],
        b'dc=' + bytes([48 + (lw in sets[0]), 48 + (lw in sets[1])]) + fl[:3],
    ]


def fnv(b):
    h = 2166136261
    for ch in b:
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


class Perceptron:
    def __init__(self):
        self.w = {}       # hash -> [weights]
        self.total = {}   # hash -> [summed weights]
        self.stamp = {}   # hash -> [last update]
        self.t = 0

    def scores(self, feats, weights):
        s = [0.0] * len(TAGS)
        for f in feats:
            row = weights.get(f)
            if row:
                for k in range(len(TAGS)):
                    s[k] += row[k]
        return s

    def update(self, feats, good, bad):
        for f in feats:
            row = self.w.get(f)
            if row is None:
                row = self.w[f] = [0.0] * len(TAGS)
                self.total[f] = [0.0] * len(TAGS)
                self.stamp[f] = [0] * len(TAGS)
            tot, st = self.total[f], self.stamp[f]
            for k, d in ((good, 1.0), (bad, -1.0)):
                tot[k] += (self.t - st[k]) * row[k]
                st[k] = self.t
                row[k] += d

    def averaged(self):
        out = {}
        for f, row in self.w.items():
            tot, st = self.total[f], self.stamp[f]
            out[f] = [(tot[k] + (self.t - st[k]) * row[k]) / max(self.t, 1)
                      for k in range(len(TAGS))]
        return out


def best(s):
    """The highest score's tag; ties go to the lower tag."""
    k = 0
    for j in range(1, len(s)):
        if s[j] > s[k]:
            k = j
    return k


def valid_tag(prev, k):
    """An I- tag continues its own kind only (greedy decoding keeps BIO well formed)."""
    tag = TAGS[k]
    return not tag.startswith('I-') or (prev >= 0 and TAGS[prev][2:] == tag[2:])


def decode(ws, marks, weights, feats_cache):
    tags = []
    for i in range(len(ws)):
        t1 = tags[-1] if tags else -1
        t2 = tags[-2] if len(tags) > 1 else -1
        s = Perceptron.scores(None, feats_cache(i, t1, t2), weights)
        k = -1
        for j in range(len(TAGS)):
            if valid_tag(t1, j) and (k < 0 or s[j] > s[k]):
                k = j
        tags.append(k)
    return tags


def spans(tags, kind):
    out, i = set(), 0
    while i < len(tags):
        if TAGS[tags[i]] == 'B-' + kind or (TAGS[tags[i]] == 'I-' + kind and
                                             (i == 0 or TAGS[tags[i - 1]][2:] != kind)):
            j = i + 1
            while j < len(tags) and TAGS[tags[j]] == 'I-' + kind:
                j += 1
            out.add((i, j))
            i = j
        else:
            i += 1
    return out


def prepared(docs, dicts):
    out = []
    for ws in docs:
        marks = dict_marks(ws, *dicts)
        sets = doc_sets(ws)
        static = []
        for i in range(len(ws)):
            static.append(features(ws, i, marks, -1, -1, sets))
        out.append((ws, marks, static))
    return out


def feats_of(ws, marks, static, i, t1, t2):
    """The hashed features of word i: the static ones with those of the tags before it."""
    f = static[i]
    lw = lower(ws[i].p)
    sh = shape(ws[i].p)
    tg1 = TAGS[t1].encode() if t1 >= 0 else b'^'
    tg2 = TAGS[t2].encode() if t2 >= 0 else b'^'
    dyn = [b't1=' + tg1, b't12=' + tg2 + b'|' + tg1, b't1w=' + tg1 + b'|' + lw,
           b't1sh=' + tg1 + b'|' + sh]
    return f[0] + [fnv(x) for x in dyn]


def hashed(prep):
    """The static features hashed once; the tag features are left for decoding."""
    out = []
    for ws, marks, static in prep:
        hs = []
        for fs in static:
            hs.append(([fnv(x) for x in fs if not x.startswith(b't1')],))
        out.append((ws, marks, hs))
    return out


def evaluate(prep, weights, kinds=('ORG', 'LOC')):
    """Exact-span P, R, F1 of each kind on prep, as a list in the order of kinds."""
    counts = [[0, 0, 0] for _ in kinds]
    for ws, marks, hs in prep:
        tags = decode(ws, marks, weights, lambda i, t1, t2: feats_of(ws, marks, hs, i, t1, t2))
        for c, kind in zip(counts, kinds):
            gold = spans([w.tag for w in ws], kind)
            got = spans(tags, kind)
            c[0] += len(gold & got)
            c[1] += len(got - gold)
            c[2] += len(gold - got)
    out = []
    for tp, fp, fn in counts:
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        out.append((p, r, 2 * p * r / max(p + r, 1e-9)))
    return out


def order(n, epoch):
    """A fixed permutation of range(n) for each epoch (a linear congruential sequence)."""
    keys = []
    x = 12345 + epoch
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        keys.append((x, i))
    return [i for _, i in sorted(keys)]


def write(path, weights, epoch, score, ntrain):
    """Writes the table; score is the epoch's (ORG, LOC) scores on valid."""
    rows = []
    for f in sorted(weights):
        q = [int(round(v * SCALE)) for v in weights[f]]
        cells = ['%d:%d' % (k, v) for k, v in enumerate(q) if v]
        if cells:
            rows.append('%08x\t%s' % (f, ' '.join(cells)))
    with open(path, 'w', encoding='ascii', newline='\n') as out:
        out.write('# data/tagger.tsv: weights of indexer/tagger.c, written by '
                  'tools/train-tagger.py; do not edit\n')
        out.write('# trained on CoNLL-2003 train.txt (%d documents), epoch %d of the best '
                  'ORG F1 on valid.txt: P %.3f R %.3f F1 %.3f (LOC P %.3f R %.3f F1 %.3f)\n' %
                  ((ntrain, epoch) + score[0] + score[1]))
        out.write('# tags\t%s\n' % ' '.join(TAGS))
        out.write('# scale\t%d\n' % SCALE)
        out.write('\n'.join(rows) + '\n')
    return len(rows)


def main():
    args = sys.argv[1:]
    epochs = 16
    if '--epochs' in args:
        k = args.index('--epochs')
        epochs = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit('usage: train-tagger.py CONLL_DIR OUT.tsv [--epochs N]')
    conll, out = args
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
    dicts = load_dicts(data)
    train = hashed(prepared(read_conll(os.path.join(conll, 'train.txt')), dicts))
    valid = hashed(prepared(read_conll(os.path.join(conll, 'valid.txt')), dicts))
    model = Perceptron()
    best_w, best_score, best_epoch = None, ((0, 0, -1), (0, 0, 0)), 0
    for epoch in range(1, epochs + 1):
        for d in order(len(train), epoch):
            ws, marks, hs = train[d]
            tags = []
            for i in range(len(ws)):
                t1 = tags[-1] if tags else -1
                t2 = tags[-2] if len(tags) > 1 else -1
                fs = feats_of(ws, marks, hs, i, t1, t2)
                s = model.scores(fs, model.w)
                k = best(s)
                model.t += 1
                if k != ws[i].tag:
                    model.update(fs, ws[i].tag, k)
                tags.append(k)  # trained on its own history, as it will tag
        w = model.averaged()
        org, loc = evaluate(valid, w)
        print('epoch %d: valid ORG P %.3f R %.3f F1 %.3f, LOC P %.3f R %.3f F1 %.3f '
              '(%d features)' % ((epoch,) + org + loc + (len(w),)), file=sys.stderr)
        if org[2] > best_score[0][2]:
            best_w, best_score, best_epoch = w, (org, loc), epoch
    n = write(out, best_w, best_epoch, best_score, len(train))
    print('wrote %s: %d features, epoch %d' % (out, n, best_epoch), file=sys.stderr)


if __name__ == '__main__':
    main()
