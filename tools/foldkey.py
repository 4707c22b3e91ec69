"""foldkey.py: the matching key of a name, as lib/gazetteer.c computes it, from data/fold.tsv."""
import os

_TABLE = None
_SIGNS = ((0x2000, 0x2BFF), (0x3000, 0x303F), (0xFE00, 0xFE6F), (0xFF00, 0xFF20),
          (0xFEFF, 0xFEFF), (0xE000, 0xF8FF))


def _table():
    global _TABLE
    if _TABLE is None:
        _TABLE = {}
        path = os.path.join(os.path.dirname(__file__), '..', 'data', 'fold.tsv')
        with open(path, encoding='utf-8') as f:
            for line in f:
                cp, to = line.rstrip('\n').split('\t')
                _TABLE[int(cp, 16)] = to
    return _TABLE


def fold(s):
    """Lower case, accents gone, only letters and digits kept: "Deir ez-Zor" and "Deir Ezzor"
    both give "deirezzor", "Cờ Đỏ" gives "codo"."""
    t = _table()
    out = []
    for c in s:
        cp = ord(c)
        if cp < 0x80:
            if c.isalnum():
                out.append(c.lower())
        elif cp <= 0x1FFF:
            out.append(t.get(cp, ''))
        elif cp > 0xFFFF or not any(a <= cp <= b for a, b in _SIGNS):
            out.append(c)
    return ''.join(out)
