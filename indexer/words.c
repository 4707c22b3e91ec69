/* words.c: cutting a story into words for the place and group finders. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dl.h"
#include "gazetteer.h"
#include "words.h"

static int is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

static int opening(unsigned char c) { return c == '(' || c == '"' || c == '\'' || c == '['; }

static int closing(unsigned char c)
{
    return c == ')' || c == '"' || c == '\'' || c == ']' || c == ',' || c == ';' || c == ':' ||
           c == '.' || c == '!' || c == '?';
}

static int letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Whether a slash at s[i] parts two words: a letter before it, a capital after it, as in a
 * photo credit ("Mark Wilson/Getty Images", "AFP/Getty Images"). */
static int slash(const char *s, size_t i, size_t start)
{
    return s[i] == '/' && i > start && letter(s[i - 1]) && s[i + 1] >= 'A' && s[i + 1] <= 'Z';
}

int dl_words_grow(words_t *ws, size_t cap)
{
    word_t *nw = realloc(ws->w, cap * sizeof *nw);
    if (!nw) {
        ws->failed = 1;
        return 0;
    }
    ws->w = nw;
    ws->cap = cap;
    return 1;
}

int dl_word_caps(const char *p, size_t n)
{
    int lower = 0, up = 0;
    for (size_t k = 0; k < n; k++) {
        lower += p[k] >= 'a' && p[k] <= 'z';
        up += p[k] >= 'A' && p[k] <= 'Z';
    }
    return up > 0 && !lower;
}

/* Whether the word ending at byte i of s (n bytes) ends a short line, as in a signature
 * ("Lawrence Overacker" over "Shell Oil Company"), which wrapped prose does not make: no
 * name runs past it. */
static int short_line_end(const char *s, size_t n, size_t i, size_t line_start)
{
    if (i - line_start >= 40)
        return 0;
    size_t k = i;
    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
        k++;
    return k < n && s[k] == '\n';
}

/* Splits text into words, each marked as above. */
void dl_words_split(words_t *ws, const char *s, int weight)
{
    size_t n = strlen(s), i = 0, line_start = 0;
    int sentence = 1;
    while (i < n) {
        while (i < n && is_space((unsigned char)s[i])) {
            if (s[i] == '\n') {
                sentence = 1;
                line_start = i + 1;
            }
            i++;
        }
        size_t start = i;
        while (i < n && !is_space((unsigned char)s[i]) &&
               !(s[i] == '/' && slash(s, i, start)))
            i++;
        size_t a = start, b = i;
        while (a < b && (opening((unsigned char)s[a]) || (a == start && start && slash(s, start, start - 1))))
            a++;
        /* curly quotes and dashes around a word */
        while (b - a >= 3 && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80)
            a += 3;
        int stop = 0;
        while (b > a) {
            unsigned char c = (unsigned char)s[b - 1];
            if (b - a >= 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80) {
                b -= 3;
                stop = 1;
                continue;
            }
            if (!closing(c))
                break;
            /* "U.S." keeps its last full stop: a period inside the word makes it an abbreviation */
            if (c == '.' && memchr(s + a, '.', b - a - 1) && b - a <= 6)
                break;
            stop = 1;
            b--;
        }
        stop = stop || (i < n && s[i] == '/') || short_line_end(s, n, i, line_start);
        /* the possessive goes: "Syria's" is Syria */
        if (b - a > 2 && s[b - 2] == '\'' && s[b - 1] == 's')
            b -= 2;
        else if (b - a > 4 && memcmp(s + b - 4, "\xE2\x80\x99s", 4) == 0)
            b -= 4;
        if (b > a) {
            if (ws->nw == ws->cap && !dl_words_grow(ws, ws->cap ? ws->cap * 2 : 256))
                return;
            word_t *w = &ws->w[ws->nw++];
            w->p = s + a;
            w->n = b - a;
            w->upper = (s[a] >= 'A' && s[a] <= 'Z') || (unsigned char)s[a] >= 0xC3;
            w->caps = dl_word_caps(s + a, b - a);
            w->sentence = sentence;
            w->stop = stop;
            w->weight = weight;
            w->paren = start < a && s[start] == '(';
            unsigned char last = (unsigned char)s[i - 1];
            sentence = last == '.' || last == '!' || last == '?';
        }
    }
    if (ws->nw)
        ws->w[ws->nw - 1].stop = 1; /* no name runs from one part into the next */
}

int dl_word_is(const word_t *w, const char *const *list)
{
    if (!w->n)
        return 0;
    /* the lists are in lower case: the first letter, folded, rules out most at once (the
     * rules ask this of nearly every word) */
    char c = w->p[0] >= 'A' && w->p[0] <= 'Z' ? (char)(w->p[0] + 32) : w->p[0];
    for (int i = 0; list[i]; i++)
        if (list[i][0] == c && strlen(list[i]) == w->n && strncasecmp(w->p, list[i], w->n) == 0)
            return 1;
    return 0;
}


size_t dl_words_keys(const words_t *ws, size_t i, size_t most, char *key, size_t cap,
                     size_t *klen)
{
    size_t len = 0, n = 0;
    for (size_t k = 0; k < most && i + k < ws->nw; k++) {
        const word_t *x = &ws->w[i + k];
        len += dl_gaz_fold(x->p, x->n, key + len, cap - len);
        klen[k] = len;
        n = k + 1;
        if (x->stop || len >= cap - 1)
            break;
    }
    return n;
}

/* A capital first, or after a particle: "al-Zor", "d'Ivoire". */
static int capitalised(const word_t *w)
{
    if (w->upper)
        return 1;
    for (size_t k = 1; k + 1 < w->n; k++)
        if ((w->p[k] == '-' || w->p[k] == '\'') && w->p[k + 1] >= 'A' && w->p[k + 1] <= 'Z')
            return 1;
    return 0;
}

int dl_words_fit(const words_t *ws, size_t i, size_t n, unsigned tokens, unsigned parts)
{
    if (n < tokens || n > parts)
        return 0;
    return capitalised(&ws->w[i]) && capitalised(&ws->w[i + n - 1]);
}

void dl_words_text(const words_t *ws, size_t from, size_t to, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = from; i < to && o + 1 < cap; i++) {
        if (i > from)
            out[o++] = ' ';
        const word_t *w = &ws->w[i];
        size_t n = dl_utf8_fit(w->p, w->n, cap - o);
        memcpy(out + o, w->p, n);
        o += n;
        /* inside a name, a possessive and an initial's full stop are the name's: "Boatmen's
         * Bancshares", "Edward D. Jones & Co" */
        size_t more = 0;
        if (i + 1 < to && n == w->n && w->p[n] == '\'' && w->p[n + 1] == 's')
            more = 2;
        else if (i + 1 < to && n == w->n && (unsigned char)w->p[n] == 0xE2 &&
                 (unsigned char)w->p[n + 1] == 0x80 && (unsigned char)w->p[n + 2] == 0x99 &&
                 w->p[n + 3] == 's')
            more = 4;
        else if (i + 1 < to && n == 1 && w->upper && w->p[1] == '.')
            more = 1;
        if (o + more < cap) {
            memcpy(out + o, w->p + n, more);
            o += more;
        }
    }
    out[o] = '\0';
}

int dl_word_possessive(const word_t *w)
{
    const char *e = w->p + w->n;
    return (e[0] == '\'' && e[1] == 's') ||
           ((unsigned char)e[0] == 0xE2 && (unsigned char)e[1] == 0x80 &&
            (unsigned char)e[2] == 0x99 && e[3] == 's');
}

int dl_word_compound(const word_t *w)
{
    const char *h = memchr(w->p, '-', w->n);
    if (!h || h + 1 == w->p + w->n)
        return 0;
    for (const char *p = h + 1; p < w->p + w->n; p++)
        if (!(*p >= 'a' && *p <= 'z'))
            return 0;
    return 1;
}

int dl_words_same(const words_t *ws, size_t a, size_t b, size_t n, int any_case)
{
    for (size_t k = 0; k < n; k++) {
        const word_t *x = &ws->w[a + k], *y = &ws->w[b + k];
        if (x->n != y->n ||
            (any_case ? strncasecmp(x->p, y->p, y->n) : memcmp(x->p, y->p, y->n)) != 0)
            return 0;
    }
    return 1;
}

int dl_word_a_place(const word_t *w)
{
    char key[96];
    size_t count, n = dl_gaz_fold(w->p, w->n, key, sizeof key);
    return n && dl_gaz_lookup(key, n, &count) != NULL;
}
