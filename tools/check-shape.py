#!/usr/bin/env python3
"""check-shape.py: fails when a source file is over MAX_FILE lines or a function over MAX_FUNC.

Usage: check-shape.py [--max-file N] [--max-func N] FILE...

A function is counted from the first line of its declaration (after the comment above it) to its
closing brace. Functions are found by matching braces in the text with comments, strings and
character constants blanked out: a brace block whose head ends in ')' (and qualifiers such as
const or override) is a function; namespaces, extern "C" blocks, classes and structs are looked
into for the functions (methods) they hold; anything else (an initializer, an enum) is skipped.
Prints one line per file or function over its limit and exits 1 if there is any.
"""
import re
import sys

QUALIFIERS = re.compile(r'\)\s*(?:(?:const|override|final|noexcept|volatile|&|&&)\s*)*$')
CONTAINER = re.compile(r'(?:^|[\s;}])(namespace\b[^{]*|extern\s*"\s*"\s*|(?:class|struct|union)\b[^=(){]*)$')


def blank(text):
    """The text with comments, string literals and character constants turned into spaces
    (line ends kept), so that braces inside them are not counted."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r'[^\n]', ' ', text[i + 1:j - 1]) + c)
            i = j
        elif c == '#' and (i == 0 or text[i - 1] == '\n'):
            j = i  # a preprocessor line, with its continuations
            while True:
                e = text.find('\n', j)
                if e < 0:
                    e = n
                    break
                if text[e - 1] != '\\':
                    break
                j = e + 1
            out.append(re.sub(r'[^\n]', ' ', text[i:e]))
            i = e
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def line_of(text, pos):
    return text.count('\n', 0, pos) + 1


def functions(code, start, end, found):
    """Appends (first line, last line, name) of each function in code[start:end] to found."""
    head_start = start
    i = start
    while i < end:
        c = code[i]
        if c in ';}':
            head_start = i + 1
        elif c == '{':
            close = match(code, i)
            head = code[head_start:i].strip()
            access = re.match(r'\s*(?:(?:public|private|protected)\s*:\s*)+', code[head_start:i])
            if access:  # a method's head starts after "public:"
                head_start += access.end()
                head = code[head_start:i].strip()
            if QUALIFIERS.search(head):
                if not re.search(r'\b(?:if|for|while|switch)\s*\(', head):
                    first = head_start + (len(code[head_start:i]) - len(code[head_start:i].lstrip()))
                    name = re.findall(r'([~\w:]+|operator\s*\S+)\s*\(', head)
                    found.append((line_of(code, first), line_of(code, close),
                                  name[0] if name else head[:40]))
            elif CONTAINER.search(head):
                functions(code, i + 1, close, found)
            i = close
            head_start = close + 1
        i += 1


def match(code, i):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == '{':
            depth += 1
        elif code[j] == '}':
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def main(argv):
    max_file, max_func = 600, 80
    files = []
    args = iter(argv)
    for a in args:
        if a == '--max-file':
            max_file = int(next(args))
        elif a == '--max-func':
            max_func = int(next(args))
        else:
            files.append(a)
    bad = 0
    for f in files:
        with open(f, encoding='utf-8', errors='replace') as fh:
            text = fh.read()
        lines = text.count('\n')
        if lines > max_file:
            print(f'{f}: {lines} lines (at most {max_file})')
            bad += 1
        found = []
        functions(blank(text), 0, len(text), found)
        for first, last, name in found:
            if last - first + 1 > max_func:
                print(f'{f}:{first}: {name}() is {last - first + 1} lines (at most {max_func})')
                bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
