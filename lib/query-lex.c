/* query-lex.c: the query language's lexer: the text of a query read as tokens (words, phrases,
 * field:value, parentheses, operators), with the positions its messages give. The grammar is
 * in lib/query-parse.c. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "query-int.h"

/* Character position (from 1) of byte offset i, counting UTF-8 characters. */
size_t dl_qlex_charpos(const char *q, size_t i)
{
    size_t pos = 1;
    for (size_t k = 0; k < i; k++)
        if (((unsigned char)q[k] & 0xC0) != 0x80)
            pos++;
    return pos;
}

int dl_qlex_is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
int dl_qlex_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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
int dl_qlex_escaped(const char *s, size_t i)
{
    size_t k = 0;
    while (k < i && s[i - 1 - k] == '\\')
        k++;
    return k % 2;
}

/* The first '*' of s[0..n) that makes a pattern (in quotes: not escaped), or NULL. */
const char *dl_qlex_star_in(const char *s, size_t n, int quoted)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '*' && !(quoted && dl_qlex_escaped(s, i)))
            return s + i;
    return NULL;
}

void dl_qlex_fail(parser_t *p, dateline_status_t st, char *message)
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

void dl_qlex_unknown_field(parser_t *p, const tok_t *t)
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
    dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
         dl_format("position %zu: unknown field '%.*s:'%s; the fields are %s. To search for the "
                   "text itself, put it in quotes",
                   dl_qlex_charpos(p->q, t->at), (int)t->name_n, t->name, hint, k ? k : ""));
    free(k);
}

/* The token at i is field:value (name_n letters, then ':'), the value unquoted up to end. */
static void field_token(parser_t *p, size_t i, size_t name_n, size_t end)
{
    const char *q = p->q;
    tok_t *t = &p->tok;
    t->kind = T_FIELD;
    t->name = q + i;
    t->name_n = name_n;
    size_t v = i + name_n + 1;
    if (v < p->n && q[v] == '"') {
        const char *close = close_quote(q, v, p->n);
        if (!close) {
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                         dl_format("position %zu: a quote that is never closed",
                                   dl_qlex_charpos(q, v)));
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
}

/* A word that is an operator (AND, OR, NOT, NEAR, NEAR/n) or '*' gets its kind. */
static void word_kind(tok_t *t, const char *q, size_t i, size_t end)
{
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

/* Reads the next token into p->tok. */
void dl_qlex_next(parser_t *p)
{
    const char *q = p->q;
    tok_t *t = &p->tok;
    memset(t, 0, sizeof *t);
    for (;;) {
        while (p->i < p->n && dl_qlex_is_space(q[p->i]))
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
        if (k < p->n && !dl_qlex_is_space(q[k])) {
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
            dl_qlex_fail(p, DATELINE_QUERY_SYNTAX,
                         dl_format("position %zu: a quote that is never closed",
                                   dl_qlex_charpos(q, i)));
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
    while (end < p->n && !dl_qlex_is_space(q[end]) && q[end] != '(' && q[end] != ')' &&
           q[end] != '"')
        end++;
    /* field:value, where the name is letters only (10:30 and 1:0 are words) */
    size_t name_n = 0;
    while (i + name_n < end && dl_qlex_is_alpha(q[i + name_n]))
        name_n++;
    if (name_n && i + name_n < p->n && q[i + name_n] == ':') {
        field_token(p, i, name_n, end);
        return;
    }
    p->i = end;
    t->s = q + i;
    t->n = end - i;
    t->kind = T_WORD;
    if (t->sign)
        return; /* -OR is the word "or" excluded, not an operator */
    word_kind(t, q, i, end);
}
