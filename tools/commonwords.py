"""commonwords.py: which words are common words of English news, for the data builders."""
import os
import re
import sys

from foldkey import fold

DICTIONARY = '/usr/share/dict/words'  # Debian's wamerican (or wbritish)
CORPORA = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpora')


def common_words(least=10):
    """The words a dictionary writes in lower case that news writes so too: inside a sentence
    of the shared Reuters-21578 and ISOT texts, `least` times in lower case or more often than
    capitalised ("nice", "white"; not "Cologne", whose lower-case scent news seldom names)."""
    try:
        with open(DICTIONARY, encoding='utf-8') as f:
            words = {fold(w) for w in f.read().split() if w[:1].islower() and "'" not in w}
    except OSError:
        sys.exit('build-gazetteer.py: no %s: install a word list (apt-get install wamerican)'
                 % DICTIONARY)
    lower, upper = {}, {}
    texts = [os.path.join(CORPORA, 'reuters21578', f) for f in
             sorted(os.listdir(os.path.join(CORPORA, 'reuters21578'))) if f.endswith('.sgm')]
    texts.append(os.path.join(CORPORA, 'isot', 'True.csv'))
    for path in texts:
        with open(path, encoding='utf-8', errors='replace') as f:
            for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", f.read()):
                w = m.group(1)
                counts = lower if w[0].islower() else upper
                k = w.lower()
                if k in words:
                    counts[k] = counts.get(k, 0) + 1
    return {w for w in words if lower.get(w, 0) >= min(least, upper.get(w, 0))}


def common(name, words):
    """Whether a name is a common word or a phrase of common words ("White House",
    "Cornerstone")."""
    parts = [fold(w) for w in re.split(r"[\s\-']+", name) if fold(w)]
    return bool(parts) and all(w in words for w in parts)


def news_others(names, least=20, share=5):
    """Which of the one-word names (capitalised, as written) the shared Reuters-21578 and ISOT
    texts give mostly to persons or companies, not to a place: written `least` times or more,
    and fewer than one time in `share` after a word that puts something in a place (in, at,
    near, from, outside). A surname (Clinton, Moore, Taylor) or a company (Goodyear,
    Monsanto) is so; a town news names (Worthing, Stirling) is not, nor one news never
    names. Returns their folded keys."""
    wanted = {n for n in names if re.fullmatch(r"[A-Z][a-z]{3,}", n)}
    seen, placed = {}, {}
    before = re.compile(r"\b(?:in|at|near|from|outside) $")
    texts = [os.path.join(CORPORA, 'reuters21578', f) for f in
             sorted(os.listdir(os.path.join(CORPORA, 'reuters21578'))) if f.endswith('.sgm')]
    texts.append(os.path.join(CORPORA, 'isot', 'True.csv'))
    for path in texts:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text):
            w = m.group(0)
            if w in wanted:
                seen[w] = seen.get(w, 0) + 1
                if before.search(text, max(0, m.start() - 8), m.start()):
                    placed[w] = placed.get(w, 0) + 1
    return {fold(w) for w, n in seen.items() if n >= least and placed.get(w, 0) * share < n}
