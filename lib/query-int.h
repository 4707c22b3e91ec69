/* query-int.h: what the query language's lexer (lib/query-lex.c) and parser (lib/query-parse.c)
 * share: the tokens, the parser's state, and the lexer's helpers. */
#ifndef DL_QUERY_INT_H
#define DL_QUERY_INT_H
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

/* ---- interface to code in lib/query-lex.c ---- */
/* Character position (from 1) of byte offset i, counting UTF-8 characters. */
size_t dl_qlex_charpos(const char *q, size_t i);
int dl_qlex_is_space(char c);
int dl_qlex_is_alpha(char c);
/* Whether the character at s[i] of a quoted text is made plain by a backslash before it. */
int dl_qlex_escaped(const char *s, size_t i);
/* The first '*' of s[0..n) that makes a pattern (in quotes: not escaped), or NULL. */
const char *dl_qlex_star_in(const char *s, size_t n, int quoted);
/* Records the first failure: st with message, which it takes (NULL: out of memory). */
void dl_qlex_fail(parser_t *p, dateline_status_t st, char *message);
/* Fails on a field name the filter table does not know, suggesting the nearest one. */
void dl_qlex_unknown_field(parser_t *p, const tok_t *t);
/* Reads the next token into p->tok. */
void dl_qlex_next(parser_t *p);

#endif
