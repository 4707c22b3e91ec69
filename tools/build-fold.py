#!/usr/bin/env python3
"""build-fold.py: writes data/fold.tsv, the letter folding shared by lib/gazetteer.c and the
data builders, from Python's Unicode database.

    tools/build-fold.py > data/fold.tsv

One line per code point from U+0080 to U+1FFF that folds to something: its hexadecimal number,
a tab, what it folds to. A letter or decimal digit folds to its base letters in lower case, without
accents ("Ờ" to "o", "Đ" to "d", "ß" to "ss", "Æ" to "ae"); a letter of a script with no Latin
base (Greek, Cyrillic, Arabic) to itself in lower case without its marks. Everything else in
that range (signs, punctuation, combining marks) folds to nothing and has no line. Past U+1FFF,
lib/gazetteer.c drops punctuation and signs (U+2000 to U+2BFF, U+3000 to U+303F, U+FE00 to
U+FE6F, U+FF00 to U+FF20) and keeps other characters as they are (CJK has no case).
"""
import sys
import unicodedata

# Letters whose decomposition gives no Latin base, and what they are in Latin.
SPECIAL = {'ß': 'ss', 'ẞ': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'đ': 'd', 'ð': 'd', 'þ': 'th',
           'ł': 'l', 'ı': 'i', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l', 'ĸ': 'k', 'ŋ': 'n', 'ſ': 's',
           'ƀ': 'b', 'ɓ': 'b', 'ƈ': 'c', 'ɗ': 'd', 'ƒ': 'f', 'ɠ': 'g', 'ƙ': 'k', 'ƚ': 'l',
           'ɲ': 'n', 'ƞ': 'n', 'ɵ': 'o', 'ƥ': 'p', 'ʠ': 'q', 'ƫ': 't', 'ƭ': 't', 'ʈ': 't',
           'ʋ': 'v', 'ƴ': 'y', 'ƶ': 'z', 'ȥ': 'z', 'ɨ': 'i', 'ʉ': 'u', 'ɇ': 'e', 'ɉ': 'j',
           'ɍ': 'r', 'ɏ': 'y', 'ȼ': 'c', 'ƣ': 'oi', 'ȸ': 'db', 'ȹ': 'qp'}


def fold_char(c):
    if unicodedata.category(c) not in ('Lu', 'Ll', 'Lt', 'Lo', 'Nd'):
        return ''  # modifier letters (the apostrophe of "ŉ") are signs
    low = c.lower()
    if len(low) == 1 and low in SPECIAL:
        return SPECIAL[low]
    base = ''.join(x for x in unicodedata.normalize('NFKD', low) if not unicodedata.combining(x))
    out = ''
    for x in base:
        if x in SPECIAL:
            out += SPECIAL[x]
        elif 'a' <= x <= 'z' or '0' <= x <= '9':
            out += x
        elif x.isascii():
            continue
        elif unicodedata.category(x) in ('Lu', 'Ll', 'Lt', 'Lo', 'Nd'):
            out += x.lower()
    return out


def main():
    for cp in range(0x80, 0x2000):
        f = fold_char(chr(cp))
        if f:
            sys.stdout.write('%04X\t%s\n' % (cp, f))


if __name__ == '__main__':
    main()
