/* article.c: the article object that readers fill, the index stores and results hand back. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"

typedef struct {
    char **v;   /* values, each NUL-terminated UTF-8 */
    size_t n;   /* how many */
    size_t cap; /* allocated slots */
} strlist_t;

struct dateline_article {
    strlist_t fields[DATELINE_FIELD_COUNT_]; /* single-valued fields hold at most one value */
    char *fallback;                          /* charset for invalid UTF-8; NULL: windows-1252 */
    int repaired;                            /* some text was read as the fallback charset */
    int has_sig;                             /* sig is the signature of TITLE and BODY now */
    dl_signature_t sig;                      /* the chains' signature extraction computed */
};

static const char *const field_names[DATELINE_FIELD_COUNT_] = {
    "id", "title", "body", "date", "dateline", "source", "file", "key", "charset", "identity",
    "datelines", "places", "groups", "topics", "place_ids", "acronyms", "author", "repaired", "origins", "story"};

const char *dateline_field_name(dateline_field_t f)
{
    return (unsigned)f < DATELINE_FIELD_COUNT_ ? field_names[f] : "unknown";
}

int dl_field_is_list(dateline_field_t f)
{
    return (f >= DATELINE_FIELD_DATELINES && f <= DATELINE_FIELD_ACRONYMS) ||
           f == DATELINE_FIELD_ORIGINS;
}

dateline_status_t dateline_article_new(dateline_article_t **out)
{
    if (!out)
        return DATELINE_BAD_ARGUMENT;
    *out = calloc(1, sizeof **out);
    return *out ? DATELINE_OK : DATELINE_NO_MEMORY;
}

static void list_clear(strlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

void dl_article_clear_field(dateline_article_t *a, dateline_field_t f)
{
    if ((unsigned)f < DATELINE_FIELD_COUNT_)
        list_clear(&a->fields[f]);
    if (f == DATELINE_FIELD_TITLE || f == DATELINE_FIELD_BODY)
        a->has_sig = 0;
}

void dl_article_clear(dateline_article_t *a)
{
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        list_clear(&a->fields[f]);
    a->repaired = 0;
    a->has_sig = 0;
}

void dateline_article_destroy(dateline_article_t *a)
{
    if (!a)
        return;
    dl_article_clear(a);
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        free(a->fields[f].v);
    free(a->fallback);
    free(a);
}

dateline_status_t dl_article_set_fallback(dateline_article_t *a, const char *charset)
{
    char *c = charset ? dl_strdup(charset) : NULL;
    if (charset && !c)
        return DATELINE_NO_MEMORY;
    free(a->fallback);
    a->fallback = c;
    return DATELINE_OK;
}

dateline_status_t dl_article_put(dateline_article_t *a, dateline_field_t f, const char *v,
                                 size_t n)
{
    strlist_t *l;
    char *copy;
    if (!a || (unsigned)f >= DATELINE_FIELD_COUNT_)
        return DATELINE_BAD_ARGUMENT;
    l = &a->fields[f];
    if (f == DATELINE_FIELD_TITLE || f == DATELINE_FIELD_BODY)
        a->has_sig = 0; /* the signature was of the text before */
    if (!dl_field_is_list(f))
        list_clear(l);
    if (!v || !n)
        return DATELINE_OK;
    if (dl_field_is_list(f)) /* a list holds each value once */
        for (size_t i = 0; i < l->n; i++)
            if (strlen(l->v[i]) == n && memcmp(l->v[i], v, n) == 0)
                return DATELINE_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 2;
        char **nv = realloc(l->v, cap * sizeof *nv);
        if (!nv)
            return DATELINE_NO_MEMORY;
        l->v = nv;
        l->cap = cap;
    }
    if (!(copy = dl_strndup(v, n)))
        return DATELINE_NO_MEMORY;
    l->v[l->n++] = copy;
    return DATELINE_OK;
}

dateline_status_t dateline_article_set(dateline_article_t *a, dateline_field_t f,
                                       const char *value)
{
    dateline_status_t st = DATELINE_OK;
    char *utf8 = NULL, *clean;
    size_t n;
    if (!a || (unsigned)f >= DATELINE_FIELD_COUNT_)
        return DATELINE_BAD_ARGUMENT;
    if (!value || !*value)
        return dl_article_put(a, f, NULL, 0);
    n = strlen(value);
    if (!dl_utf8_valid(value, n)) {
        const char *cs = a->fallback ? a->fallback : "Windows-1252";
        if (!(utf8 = dl_to_utf8(value, n, cs, &n, &st)))
            return st == DATELINE_CHARSET ? DATELINE_BAD_ARGUMENT : st;
        value = utf8;
        if (!a->repaired) {
            char *lower = dl_key_normalize(cs, 40);
            if (lower)
                st = dl_article_put(a, DATELINE_FIELD_CHARSET, lower, strlen(lower));
            free(lower);
        }
        a->repaired = 1;
    }
    clean = st == DATELINE_OK ? dl_text_clean(value, n, f != DATELINE_FIELD_BODY) : NULL;
    free(utf8);
    if (st != DATELINE_OK)
        return st;
    if (!clean)
        return DATELINE_NO_MEMORY;
    if (f == DATELINE_FIELD_DATE) {
        dl_date_t d;
        char iso[20];
        if (!dl_date_parse_iso(clean, &d)) {
            free(clean);
            return DATELINE_BAD_ARGUMENT;
        }
        dl_date_format(&d, iso);
        free(clean);
        return dl_article_put(a, f, iso, strlen(iso));
    }
    st = dl_article_put(a, f, clean, strlen(clean));
    free(clean);
    return st;
}

const char *dateline_article_get(const dateline_article_t *a, dateline_field_t f)
{
    return dateline_article_get_nth(a, f, 0);
}

size_t dateline_article_count(const dateline_article_t *a, dateline_field_t f)
{
    if (!a || (unsigned)f >= DATELINE_FIELD_COUNT_)
        return 0;
    return a->fields[f].n;
}

const char *dateline_article_get_nth(const dateline_article_t *a, dateline_field_t f, size_t i)
{
    if (!a || (unsigned)f >= DATELINE_FIELD_COUNT_ || i >= a->fields[f].n)
        return NULL;
    return a->fields[f].v[i];
}

void dl_article_set_signature(dateline_article_t *a, const dl_signature_t *s)
{
    a->sig = *s;
    a->has_sig = 1;
}

const dl_signature_t *dl_article_signature(const dateline_article_t *a)
{
    return a && a->has_sig ? &a->sig : NULL;
}

dateline_status_t dateline_article_copy(const dateline_article_t *a, dateline_article_t **out)
{
    if (!a || !out)
        return DATELINE_BAD_ARGUMENT;
    dateline_article_t *c;
    if (dateline_article_new(&c) != DATELINE_OK)
        return DATELINE_NO_MEMORY;
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        for (size_t i = 0; i < a->fields[f].n; i++)
            if (dl_article_put(c, (dateline_field_t)f, a->fields[f].v[i],
                               strlen(a->fields[f].v[i])) != DATELINE_OK)
                goto oom;
    if (a->fallback && dl_article_set_fallback(c, a->fallback) != DATELINE_OK)
        goto oom;
    c->repaired = a->repaired;
    c->sig = a->sig;
    c->has_sig = a->has_sig;
    *out = c;
    return DATELINE_OK;
oom:
    dateline_article_destroy(c);
    return DATELINE_NO_MEMORY;
}
