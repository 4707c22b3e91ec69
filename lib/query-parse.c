/* query-parse.c: Dateline's query language, parsed into a tree that the index turns into a
 * Xapian query (lib/query.cc); its tokens come from lib/query-lex.c.
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
#include "query-int.h"

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
        dl_qlex_fail(p, DATELINE_NO_MEMORY, NULL);
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
        dl_qlex_fail(p, DATELINE_NO_MEMORY, NULL);
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
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: '%.*s' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a "
                       "real day), or a range A..B, A.. or ..B",
                       dl_qlex_charpos(p->q, at), (int)n, v));
    } else if (d->lo[0] && d->hi[0] && strcmp(d->lo, d->hi) > 0) {
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: the date range '%.*s' ends before it starts",
                       dl_qlex_charpos(p->q, at), (int)n, v));
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
    dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
         dl_format("position %zu: more than %d patterns ending in '*' in one query",
                   dl_qlex_charpos(p->q, at), MAX_PATTERNS));
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
    if (n > 1 && s[n - 1] == '*' && !dl_qlex_is_space(s[n - 2]) &&
        !(phrase && dl_qlex_escaped(s, n - 1))) {
        w->wild = 1;
        n--;
        if (!pattern_budget(p, at)) {
            dl_qnode_free(w);
            return NULL;
        }
    }
    const char *star = dl_qlex_star_in(s, n, phrase);
    if (star) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: '*' can only end a word (petro*) or a phrase (\"oil "
                           "pric*\"): the index is in the order of word beginnings, so a "
                           "pattern such as *troleum would have to be looked for in every "
                           "word the index holds",
                           dl_qlex_charpos(p->q, at + (size_t)(star - s) + (phrase ? 1 : 0))));
            dl_qnode_free(w);
            return NULL;
        }
    if (!(w->text = dl_strndup(s, n))) {
        dl_qlex_fail(p, DATELINE_NO_MEMORY, NULL);
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
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: title: needs a word or a phrase, as in title:cocoa",
                           dl_qlex_charpos(p->q, t->at)));
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
        dl_qlex_unknown_field(p, t);
        return NULL;
    }
    size_t n = t->n;
    int wild = n > 1 && t->s[n - 1] == '*' && !(t->quoted && dl_qlex_escaped(t->s, n - 1));
    if (wild)
        n--;
    if (wild && (dl_qlex_is_space(t->s[n - 1]) || t->s[n - 1] == '-' || t->s[n - 1] == '_')) {
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: a pattern ends in a letter or a digit before its '*'",
                       dl_qlex_charpos(p->q, t->at), filter->name));
        return NULL;
    }
    if (wild && !pattern_budget(p, t->at))
        return NULL;
    if (dl_qlex_star_in(t->s, n, t->quoted) ||
        (wild && filter->field == DATELINE_FIELD_PLACE_IDS)) {
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: takes %s", dl_qlex_charpos(p->q, t->at), filter->name,
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
        dl_qlex_fail(p, DATELINE_NO_MEMORY, NULL);
        return NULL;
    }
    if (!*key) {
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             dl_format("position %zu: %s: needs a value, as in %s:%s", dl_qlex_charpos(p->q, t->at),
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
    dl_qlex_next(p);
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
        dl_qlex_next(p);
        if (p->tok.kind != T_WORD || p->tok.sign || first.kind == T_PHRASE) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NEAR needs a word on each side, as in oil NEAR price "
                           "(not a phrase: its order would not hold within NEAR)",
                           dl_qlex_charpos(p->q, at)));
            break;
        }
        tok_t t = p->tok;
        dl_qnode_t *k = words_node(p, t.s, t.n, t.at, 0, t.kind == T_PHRASE);
        dl_qlex_next(p);
        if (!k || !adopt(p, near, k))
            break;
        if (k->wild || near->kids[0]->wild) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NEAR takes whole words, not patterns ending in '*'",
                           dl_qlex_charpos(p->q, at)));
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
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: parentheses nested more than %d deep",
                           dl_qlex_charpos(p->q, t.at), MAX_DEPTH));
            return NULL;
        }
        dl_qlex_next(p);
        if (p->tok.kind == T_RPAREN) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: empty parentheses", dl_qlex_charpos(p->q, t.at)));
            return NULL;
        }
        dl_qnode_t *n = parse_or(p);
        if (n && p->tok.kind != T_RPAREN) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: a parenthesis that is never closed",
                           dl_qlex_charpos(p->q, t.at)));
            dl_qnode_free(n);
            return NULL;
        }
        p->depth--;
        dl_qlex_next(p);
        return n;
    }
    case T_PHRASE:
    case T_WORD: return parse_words(p);
    case T_FIELD: {
        dl_qnode_t *n = field_node(p, &t);
        dl_qlex_next(p);
        return n;
    }
    case T_ALL: {
        dl_qnode_t *n = node(p, DL_Q_ALL, t.at);
        dl_qlex_next(p);
        return n;
    }
    default:
        dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
             t.kind == T_END
                 ? dl_format("position %zu: the query ends where a word or a filter should "
                             "follow", dl_qlex_charpos(p->q, t.at))
                 : dl_format("position %zu: %s where a word or a filter should be%s",
                             dl_qlex_charpos(p->q, t.at), tok_name(&t),
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
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: NOT nested more than %d deep", dl_qlex_charpos(p->q, at),
                           MAX_DEPTH));
            return NULL;
        }
        dl_qlex_next(p);
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
            dl_qlex_next(p);
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
        dl_qlex_next(p);
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
    dl_qlex_next(&p);
    dl_qnode_t *root = NULL;
    if (p.st == DATELINE_OK && p.tok.kind == T_END) {
        root = node(&p, DL_Q_AND, 0); /* nothing asked: nothing matches */
    } else if (p.st == DATELINE_OK) {
        root = parse_or(&p);
        if (root && p.tok.kind != T_END)
            dl_qlex_fail(&p, DATELINE_QUERY_SYNTAX,
                 dl_format("position %zu: %s%s", dl_qlex_charpos(q, p.tok.at), tok_name(&p.tok),
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
            if (!dl_qlex_is_alpha(*c))
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
