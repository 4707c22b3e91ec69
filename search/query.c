/* query.c: Dateline's query language, parsed into a tree that the index turns into a Xapian query.
 *
 * The grammar (operators are upper case, as in Xapian's own syntax):
 *
 *   query   := or
 *   or      := and { OR and }
 *   and     := unary { [AND] unary | NOT unary }      juxtaposition is AND
 *   unary   := NOT unary | -unary | +unary | primary   NOT and '-' exclude
 *   primary := ( query ) | "phrase" | field:value | field:"value" | * | word { NEAR[/n] word }
 *
 * Every item of an AND narrows, whatever it is (word, phrase, filter or date) and in whatever
 * order or grouping it comes: the tree says so, and no second parser gets to reinterpret it.
 * The filters (field:value) are the rows of the schema's filter table, lib/schema.c. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dl.h"

#define MAX_DEPTH 100 /* parentheses and NOTs nested deeper than this are refused */

typedef enum { T_END, T_WORD, T_PHRASE, T_FIELD, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_NEAR,
               T_ALL } tok_kind_t;

typedef struct {
    tok_kind_t kind;
    int sign;             /* '-' or '+' written before it, else 0 */
    size_t at;            /* byte offset where it starts (after the sign) */
    const char *s;        /* T_WORD, T_PHRASE: the text; T_FIELD: the value */
    size_t n;
    const char *name;     /* T_FIELD: the field name as written */
    size_t name_n;
    int quoted;           /* T_FIELD: the value was in quotes */
    unsigned window;      /* T_NEAR: NEAR/n's n (10 when not given) */
} tok_t;

typedef struct {
    const char *q;        /* the whole query */
    size_t i, n;          /* where the lexer is */
    tok_t tok;            /* the current token */
    int depth;
    size_t at_byte, at_char; /* the last position counted, so that counting is not quadratic */
    int patterns;         /* words and values ending in '*' so far */
    char *message;        /* what went wrong, when something did */
    dateline_status_t st;
} parser_t;

/* Character position (from 1) of byte offset i, counting UTF-8 characters. */
static size_t charpos(const char *q, size_t i)
{
    size_t pos = 1;
    for (size_t k = 0; k < i; k++)
        if (((unsigned char)q[k] & 0xC0) != 0x80)
            pos++;
    return pos;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Inside quotes a backslash makes the next character plain: \" is a quote that does not close,
 * \\ a backslash, \* a star that does not make a pattern (dateline_query_quote() writes them).
 * The closing quote of one opened at byte i, or NULL. */
static const char *close_quote(const char *q, size_t i, size_t n)
{
    for (size_t k = i + 1; k < n; k++) {
        if (q[k] == '\\' && k + 1 < n)
            k++;
        else if (q[k] == '"')
            return q + k;
    }
    return NULL;
}

/* Whether the character at s[i] of a quoted text is made plain by a backslash before it. */
static int escaped(const char *s, size_t i)
{
    size_t k = 0;
    while (k < i && s[i - 1 - k] == '\\')
        k++;
    return k % 2;
}

/* The first '*' of s[0..n) that makes a pattern (in quotes: not escaped), or NULL. */
static const char *star_in(const char *s, size_t n, int quoted)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '*' && !(quoted && escaped(s, i)))
            return s + i;
    return NULL;
}

static void fail(parser_t *p, dateline_status_t st, char *message)
{
    if (p->st != DATELINE_OK) {
        free(message);
        return;
    }
    p->st = message ? st : DATELINE_NO_MEMORY;
    p->message = message;
}

/* Edit distance of two short ASCII names (insertions, deletions, substitutions, swaps). */
static size_t distance(const char *a, size_t an, const char *b, size_t bn)
{
    size_t d[16][16];
    if (an > 15 || bn > 15)
        return 99;
    for (size_t i = 0; i <= an; i++)
        for (size_t j = 0; j <= bn; j++) {
            if (!i || !j) {
                d[i][j] = i + j;
                continue;
            }
            size_t cost = (a[i - 1] | 0x20) != (b[j - 1] | 0x20);
            size_t v = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && (a[i - 1] | 0x20) == (b[j - 2] | 0x20) &&
                (a[i - 2] | 0x20) == (b[j - 1] | 0x20) && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[an][bn];
}

/* The names a field may have, in the order --help lists them. */
static const char *const other_fields[] = {"date", "title"};

static void unknown_field(parser_t *p, const tok_t *t)
{
    const char *best = NULL;
    size_t best_d = 3;
    dl_buf_t known;
    dl_buf_init(&known);
    for (size_t f = 0; f < dl_nfilters + 2; f++) {
        const char *name = f < dl_nfilters ? dl_filters[f].name : other_fields[f - dl_nfilters];
        dl_buf_printf(&known, "%s%s:", f ? ", " : "", name);
        size_t d = distance(t->name, t->name_n, name, strlen(name));
        if (d < best_d) {
            best_d = d;
            best = name;
        }
    }
    char *k = dl_buf_take(&known);
    char hint[64] = "";
    if (best)
        snprintf(hint, sizeof hint, " (did you mean %s:?)", best);
    fail(p, DATELINE_QUERY_SYNTAX,
         dl_format("position %zu: unknown field '%.*s:'%s; the fields are %s. To search for the "
                   "text itself, put it in quotes",
                   charpos(p->q, t->at), (int)t->name_n, t->name, hint, k ? k : ""));
    free(k);
}

/* Reads the next token into p->tok. */
static void next(parser_t *p)
{
    const char *q = p->q;
    tok_t *t = &p->tok;
    memset(t, 0, sizeof *t);
    for (;;) {
        while (p->i < p->n && is_space(q[p->i]))
            p->i++;
        if (p->i >= p->n) {
            t->kind = T_END;
            t->at = p->n;
            return;
        }
        /* signs before an item: each '-' excludes once more (--x is x), '+' says nothing */
        size_t k = p->i;
        int minus = 0;
        while (k < p->n && (q[k] == '-' || q[k] == '+'))
            minus ^= q[k++] == '-';
        if (k == p->i)
            break;
        p->i = k;
        if (k < p->n && !is_space(q[k])) {
            t->sign = minus ? '-' : '+';
            break;
        }
        /* lone signs say nothing */
    }
    size_t i = p->i;
    t->at = i;
    if (q[i] == '(' || q[i] == ')') {
        t->kind = q[i] == '(' ? T_LPAREN : T_RPAREN;
        p->i = i + 1;
        return;
    }
    if (q[i] == '"') {
        const char *close = close_quote(q, i, p->n);
        if (!close) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: a quote that is never closed", charpos(q, i)));
            t->kind = T_END;
            return;
        }
        t->kind = T_PHRASE;
        t->s = q + i + 1;
        t->n = (size_t)(close - q) - i - 1;
        p->i = (size_t)(close - q) + 1;
        return;
    }
    size_t end = i;
    while (end < p->n && !is_space(q[end]) && q[end] != '(' && q[end] != ')' && q[end] != '"')
        end++;
    /* field:value, where the name is letters only (10:30 and 1:0 are words) */
    size_t name_n = 0;
    while (i + name_n < end && is_alpha(q[i + name_n]))
        name_n++;
    if (name_n && i + name_n < p->n && q[i + name_n] == ':') {
        t->kind = T_FIELD;
        t->name = q + i;
        t->name_n = name_n;
        size_t v = i + name_n + 1;
        if (v < p->n && q[v] == '"') {
            const char *close = close_quote(q, v, p->n);
            if (!close) {
                fail(p, DATELINE_QUERY_SYNTAX,
                     dl_format("position %zu: a quote that is never closed", charpos(q, v)));
                t->kind = T_END;
                return;
            }
            t->quoted = 1;
            t->s = q + v + 1;
            t->n = (size_t)(close - q) - v - 1;
            p->i = (size_t)(close - q) + 1;
        } else {
            t->s = q + v;
            t->n = end > v ? end - v : 0;
            p->i = end > v ? end : v;
        }
        return;
    }
    p->i = end;
    t->s = q + i;
    t->n = end - i;
    t->kind = T_WORD;
    if (t->sign)
        return; /* -OR is the word "or" excluded, not an operator */
    if (t->n == 1 && q[i] == '*')
        t->kind = T_ALL;
    else if (t->n == 3 && memcmp(q + i, "AND", 3) == 0)
        t->kind = T_AND;
    else if (t->n == 2 && memcmp(q + i, "OR", 2) == 0)
        t->kind = T_OR;
    else if (t->n == 3 && memcmp(q + i, "NOT", 3) == 0)
        t->kind = T_NOT;
    else if (t->n >= 4 && memcmp(q + i, "NEAR", 4) == 0) {
        if (t->n == 4) {
            t->kind = T_NEAR;
            t->window = 10;
        } else if (q[i + 4] == '/' && t->n > 5 && t->n <= 8) {
            unsigned w = 0;
            size_t k;
            for (k = i + 5; k < end && q[k] >= '0' && q[k] <= '9'; k++)
                w = w * 10 + (unsigned)(q[k] - '0');
            if (k == end && w >= 1) {
                t->kind = T_NEAR;
                t->window = w;
            }
        }
    }
}

/* A quoted value as meant: each backslash makes the next character plain and goes. */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

static dl_qnode_t *node(parser_t *p, dl_qkind_t kind, size_t at)
{
    dl_qnode_t *n = calloc(1, sizeof *n);
    if (!n) {
        fail(p, DATELINE_NO_MEMORY, NULL);
        return NULL;
    }
    n->kind = kind;
    if (at < p->at_byte) { /* positions mostly grow: count on from the last one */
        p->at_byte = 0;
        p->at_char = 1;
    }
    for (; p->at_byte < at; p->at_byte++)
        if (((unsigned char)p->q[p->at_byte] & 0xC0) != 0x80)
            p->at_char++;
    n->at = p->at_char;
    return n;
}

void dl_qnode_free(dl_qnode_t *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        dl_qnode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

/* Adds kid to n's children; frees kid and fails when memory runs out. */
static int adopt(parser_t *p, dl_qnode_t *n, dl_qnode_t *kid)
{
    dl_qnode_t **k = realloc(n->kids, (n->nkids + 1) * sizeof *k);
    if (!k) {
        dl_qnode_free(kid);
        fail(p, DATELINE_NO_MEMORY, NULL);
        return 0;
    }
    n->kids = k;
    n->kids[n->nkids++] = kid;
    return 1;
}

/* One end of a date range: YYYY, YYYY-MM or YYYY-MM-DD. `last` picks the span's last second. */
static int date_bound(const char *s, size_t n, int last, char out[15])
{
    int y = 0, m = 0, d = 0;
    size_t i;
    for (i = 0; i < 4; i++) {
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    if (i < n) {
        if (s[i] != '-' || n < 7 || s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
            return 0;
        m = (s[5] - '0') * 10 + (s[6] - '0');
        i = 7;
        if (i < n) {
            if (n != 10 || s[7] != '-' || s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
                return 0;
            d = (s[8] - '0') * 10 + (s[9] - '0');
        }
    }
    if (y < 1 || (m && (m < 1 || m > 12)) || (d && !dl_date_valid(y, m, d)))
        return 0;
    dl_date_t t;
    memset(&t, 0, sizeof t);
    t.year = y;
    t.month = m ? m : (last ? 12 : 1);
    t.day = d ? d : (last ? dl_date_days_in_month(y, t.month) : 1);
    if (last) {
        t.hour = 23;
        t.minute = 59;
        t.second = 59;
    }
    dl_date_sortkey(&t, out);
    return 1;
}

static dl_qnode_t *date_node(parser_t *p, const tok_t *t)
{
    const char *v = t->s;
    size_t n = t->n, at = (size_t)(v - p->q);
    dl_qnode_t *d = node(p, DL_Q_DATE, t->at);
    if (!d)
        return NULL;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    int ok;
    if (!dots) {
        ok = n > 0 && date_bound(v, n, 0, d->lo) && date_bound(v, n, 1, d->hi);
    } else {
        size_t an = (size_t)(dots - v), bn = n - an - 2;
        ok = (an || bn) && (!an || date_bound(v, an, 0, d->lo)) &&
             (!bn || date_bound(dots + 2, bn, 1, d->hi));
    }
    if (!ok) {
        fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: '%.*s' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a "
                       "real day), or a range A..B, A.. or ..B",
                       charpos(p->q, at), (int)n, v));
    } else if (d->lo[0] && d->hi[0] && strcmp(d->lo, d->hi) > 0) {
        fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: the date range '%.*s' ends before it starts",
                       charpos(p->q, at), (int)n, v));
    } else {
        return d;
    }
    dl_qnode_free(d);
    return NULL;
}

#define MAX_PATTERNS 10 /* each expands to up to 1,000 words; 300 of them took minutes */

/* Counts one more pattern (x*); fails past MAX_PATTERNS. */
static int pattern_budget(parser_t *p, size_t at)
{
    if (++p->patterns <= MAX_PATTERNS)
        return 1;
    fail(p, DATELINE_QUERY_SYNTAX,
         dl_format("position %zu: more than %d patterns ending in '*' in one query",
                   charpos(p->q, at), MAX_PATTERNS));
    return 0;
}

/* Words as written (a word or a phrase), in the headline only when `title`. */
static dl_qnode_t *words_node(parser_t *p, const char *s, size_t n, size_t at, int title,
                              int phrase)
{
    dl_qnode_t *w = node(p, DL_Q_WORDS, at);
    if (!w)
        return NULL;
    w->title = title;
    w->phrase = phrase;
    /* a trailing '*' asks for every word that starts so (in a phrase too: "oil pric*") */
    if (n > 1 && s[n - 1] == '*' && !is_space(s[n - 2]) && !(phrase && escaped(s, n - 1))) {
        w->wild = 1;
        n--;
        if (!pattern_budget(p, at)) {
            dl_qnode_free(w);
            return NULL;
        }
    }
    const char *star = star_in(s, n, phrase);
    if (star) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: '*' can only end a word (petro*) or a phrase (\"oil "
                           "pric*\"): the index is in the order of word beginnings, so a "
                           "pattern such as *troleum would have to be looked for in every "
                           "word the index holds",
                           charpos(p->q, at + (size_t)(star - s) + (phrase ? 1 : 0))));
            dl_qnode_free(w);
            return NULL;
        }
    if (!(w->text = dl_strndup(s, n))) {
        fail(p, DATELINE_NO_MEMORY, NULL);
        dl_qnode_free(w);
        return NULL;
    }
    return w;
}

static dl_qnode_t *field_node(parser_t *p, const tok_t *t)
{
    if (t->name_n == 4 && strncasecmp(t->name, "date", 4) == 0)
        return date_node(p, t);
    if (t->name_n == 5 && strncasecmp(t->name, "title", 5) == 0) {
        if (!t->n) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: title: needs a word or a phrase, as in title:cocoa",
                           charpos(p->q, t->at)));
            return NULL;
        }
        return words_node(p, t->s, t->n, (size_t)(t->s - p->q) - (t->quoted ? 1 : 0), 1,
                          t->quoted);
    }
    const dl_filter_t *filter = NULL;
    for (size_t f = 0; f < dl_nfilters; f++)
        if (strlen(dl_filters[f].name) == t->name_n &&
            strncasecmp(t->name, dl_filters[f].name, t->name_n) == 0)
            filter = &dl_filters[f];
    if (!filter) {
        unknown_field(p, t);
        return NULL;
    }
    size_t n = t->n;
    int wild = n > 1 && t->s[n - 1] == '*' && !(t->quoted && escaped(t->s, n - 1));
    if (wild)
        n--;
    if (wild && (is_space(t->s[n - 1]) || t->s[n - 1] == '-' || t->s[n - 1] == '_')) {
        fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: a pattern ends in a letter or a digit before its '*'",
                       charpos(p->q, t->at), filter->name));
        return NULL;
    }
    if (wild && !pattern_budget(p, t->at))
        return NULL;
    if (star_in(t->s, n, t->quoted) || (wild && filter->field == DATELINE_FIELD_PLACE_IDS)) {
        fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: takes %s", charpos(p->q, t->at), filter->name,
                       filter->field == DATELINE_FIELD_PLACE_IDS
                           ? "a whole place name, not a pattern (a place is found through the "
                             "gazetteer by any of its names); join several with OR"
                           : "a value, or the beginning of one ending in '*' (topic:gr*)"));
        return NULL;
    }
    char *raw = t->quoted ? unescape(t->s, n) : dl_strndup(t->s, n);
    char *key = raw ? dl_key_normalize(raw, DL_KEY_MAX) : NULL;
    free(raw);
    if (!key) {
        fail(p, DATELINE_NO_MEMORY, NULL);
        return NULL;
    }
    if (!*key) {
        fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: needs a value, as in %s:%s", charpos(p->q, t->at),
                       filter->name, filter->name,
                       filter->field == DATELINE_FIELD_PLACE_IDS ? "syria" : "..."));
        free(key);
        return NULL;
    }
    dl_qnode_t *f = node(p, DL_Q_FILTER, t->at);
    if (!f) {
        free(key);
        return NULL;
    }
    f->filter = filter;
    f->text = key;
    f->wild = wild;
    return f;
}

static dl_qnode_t *parse_or(parser_t *p);

static const char *tok_name(const tok_t *t)
{
    switch (t->kind) {
    case T_AND: return "AND";
    case T_OR: return "OR";
    case T_NOT: return "NOT";
    case T_NEAR: return "NEAR";
    case T_RPAREN: return "')'";
    default: return "the end";
    }
}

/* A word or a phrase, and the words NEAR it. */
static dl_qnode_t *parse_words(parser_t *p)
{
    tok_t first = p->tok;
    dl_qnode_t *w = words_node(p, first.s, first.n, first.kind == T_PHRASE ? first.at : first.at,
                               0, first.kind == T_PHRASE);
    next(p);
    if (!w || p->tok.kind != T_NEAR)
        return w;
    dl_qnode_t *near = node(p, DL_Q_NEAR, first.at);
    if (!near || !adopt(p, near, w)) {
        dl_qnode_free(near);
        return NULL;
    }
    near->window = 0;
    while (p->st == DATELINE_OK && p->tok.kind == T_NEAR) {
        if (p->tok.window > near->window)
            near->window = p->tok.window;
        size_t at = p->tok.at;
        next(p);
        if (p->tok.kind != T_WORD || p->tok.sign || first.kind == T_PHRASE) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NEAR needs a word on each side, as in oil NEAR price "
                           "(not a phrase: its order would not hold within NEAR)",
                           charpos(p->q, at)));
            break;
        }
        tok_t t = p->tok;
        dl_qnode_t *k = words_node(p, t.s, t.n, t.at, 0, t.kind == T_PHRASE);
        next(p);
        if (!k || !adopt(p, near, k))
            break;
        if (k->wild || near->kids[0]->wild) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NEAR takes whole words, not patterns ending in '*'",
                           charpos(p->q, at)));
            break;
        }
    }
    if (p->st != DATELINE_OK) {
        dl_qnode_free(near);
        return NULL;
    }
    return near;
}

static dl_qnode_t *parse_primary(parser_t *p)
{
    tok_t t = p->tok;
    switch (t.kind) {
    case T_LPAREN: {
        if (++p->depth > MAX_DEPTH) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: parentheses nested more than %d deep",
                           charpos(p->q, t.at), MAX_DEPTH));
            return NULL;
        }
        next(p);
        if (p->tok.kind == T_RPAREN) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: empty parentheses", charpos(p->q, t.at)));
            return NULL;
        }
        dl_qnode_t *n = parse_or(p);
        if (n && p->tok.kind != T_RPAREN) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: a parenthesis that is never closed",
                           charpos(p->q, t.at)));
            dl_qnode_free(n);
            return NULL;
        }
        p->depth--;
        next(p);
        return n;
    }
    case T_PHRASE:
    case T_WORD: return parse_words(p);
    case T_FIELD: {
        dl_qnode_t *n = field_node(p, &t);
        next(p);
        return n;
    }
    case T_ALL: {
        dl_qnode_t *n = node(p, DL_Q_ALL, t.at);
        next(p);
        return n;
    }
    default:
        fail(p, DATELINE_QUERY_SYNTAX,
             t.kind == T_END
                 ? dl_format("position %zu: the query ends where a word or a filter should "
                             "follow", charpos(p->q, t.at))
                 : dl_format("position %zu: %s where a word or a filter should be%s",
                             charpos(p->q, t.at), tok_name(&t),
                             t.kind != T_RPAREN ? "; to search for the word, write it in "
                                                  "lower case or in quotes"
                             : p->depth ? " (the parentheses hold nothing after the operator)"
                                        : " (it closes nothing)"));
        return NULL;
    }
}

static dl_qnode_t *parse_unary(parser_t *p)
{
    if (p->tok.kind == T_NOT) {
        size_t at = p->tok.at;
        if (++p->depth > MAX_DEPTH) {
            fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NOT nested more than %d deep", charpos(p->q, at),
                           MAX_DEPTH));
            return NULL;
        }
        next(p);
        dl_qnode_t *n = parse_unary(p);
        p->depth--;
        if (n)
            n->neg = !n->neg;
        return n;
    }
    int sign = p->tok.sign;
    dl_qnode_t *n = parse_primary(p);
    if (n && sign == '-')
        n->neg = !n->neg;
    return n;
}

static int starts_item(tok_kind_t k)
{
    return k == T_WORD || k == T_PHRASE || k == T_FIELD || k == T_LPAREN || k == T_ALL ||
           k == T_NOT;
}

static dl_qnode_t *parse_and(parser_t *p)
{
    size_t at = p->tok.at;
    dl_qnode_t *first = parse_unary(p);
    if (!first)
        return NULL;
    if (p->tok.kind != T_AND && !starts_item(p->tok.kind)) {
        if (!first->neg)
            return first;
    }
    dl_qnode_t *and = node(p, DL_Q_AND, at);
    if (!and || !adopt(p, and, first)) {
        dl_qnode_free(and);
        return NULL;
    }
    while (p->st == DATELINE_OK && (p->tok.kind == T_AND || starts_item(p->tok.kind))) {
        if (p->tok.kind == T_AND) {
            next(p);
            if (!starts_item(p->tok.kind)) {
                parse_primary(p); /* says what is wrong */
                break;
            }
        }
        dl_qnode_t *k = parse_unary(p);
        if (!k || !adopt(p, and, k))
            break;
    }
    if (p->st != DATELINE_OK) {
        dl_qnode_free(and);
        return NULL;
    }
    return and;
}

static dl_qnode_t *parse_or(parser_t *p)
{
    size_t at = p->tok.at;
    dl_qnode_t *first = parse_and(p);
    if (!first || p->tok.kind != T_OR)
        return first;
    dl_qnode_t *or = node(p, DL_Q_OR, at);
    if (!or || !adopt(p, or, first)) {
        dl_qnode_free(or);
        return NULL;
    }
    while (p->st == DATELINE_OK && p->tok.kind == T_OR) {
        next(p);
        dl_qnode_t *k = parse_and(p);
        if (!k || !adopt(p, or, k))
            break;
    }
    if (p->st != DATELINE_OK) {
        dl_qnode_free(or);
        return NULL;
    }
    return or;
}

dateline_status_t dl_query_parse(const char *q, dl_qnode_t **out, char **message)
{
    parser_t p;
    memset(&p, 0, sizeof p);
    p.q = q;
    p.n = strlen(q);
    p.st = DATELINE_OK;
    p.at_char = 1;
    *out = NULL;
    *message = NULL;
    next(&p);
    dl_qnode_t *root = NULL;
    if (p.st == DATELINE_OK && p.tok.kind == T_END) {
        root = node(&p, DL_Q_AND, 0); /* nothing asked: nothing matches */
    } else if (p.st == DATELINE_OK) {
        root = parse_or(&p);
        if (root && p.tok.kind != T_END)
            fail(&p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: %s%s", charpos(q, p.tok.at), tok_name(&p.tok),
                           p.tok.kind == T_RPAREN ? " closes nothing" : " is out of place"));
    }
    if (p.st != DATELINE_OK) {
        dl_qnode_free(root);
        *message = p.message ? p.message : dl_strdup("out of memory");
        return p.st;
    }
    free(p.message);
    *out = root;
    return DATELINE_OK;
}

char *dateline_query_quote(const char *field, const char *value)
{
    if (!value)
        return NULL;
    if (field)
        for (const char *c = field; *c; c++)
            if (!is_alpha(*c))
                return NULL;
    dl_buf_t b;
    dl_buf_init(&b);
    if (field && *field)
        dl_buf_printf(&b, "%s:", field);
    dl_buf_addc(&b, '"');
    for (const char *c = value; *c; c++) {
        if (*c == '"' || *c == '\\' || *c == '*')
            dl_buf_addc(&b, '\\');
        dl_buf_addc(&b, *c);
    }
    dl_buf_addc(&b, '"');
    return dl_buf_take(&b);
}
