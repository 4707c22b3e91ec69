/* reader-fields.c: articles from named fields, as CSV rows and JSON objects give them: which
 * column holds what (the usual names, --columns, --fields) and the article made from them. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "reader.h"

/* The usual names of each kind of column, compared without case, spaces, '_' or '-'.
 * For ids, the earlier names win when a row has several (an id over a url). */
static const struct {
    const char *name;
    dl_col_t kind;
} usual[] = {
    {"title", DL_COL_TITLE},       {"headline", DL_COL_TITLE},     {"head", DL_COL_TITLE},
    {"text", DL_COL_TEXT},         {"body", DL_COL_TEXT},          {"content", DL_COL_TEXT},
    {"story", DL_COL_TEXT},        {"article", DL_COL_TEXT},       {"articlebody", DL_COL_TEXT},
    {"fulltext", DL_COL_TEXT},     {"description", DL_COL_SUMMARY}, {"summary", DL_COL_SUMMARY},
    {"abstract", DL_COL_SUMMARY},  {"date", DL_COL_DATE},          {"published", DL_COL_DATE},
    {"publishedat", DL_COL_DATE},  {"pubdate", DL_COL_DATE},       {"publicationdate", DL_COL_DATE},
    {"datepublished", DL_COL_DATE}, {"time", DL_COL_DATE},         {"datetime", DL_COL_DATE},
    {"timestamp", DL_COL_DATE},    {"subject", DL_COL_TOPIC},      {"category", DL_COL_TOPIC},
    {"categories", DL_COL_TOPIC},  {"section", DL_COL_TOPIC},      {"topic", DL_COL_TOPIC},
    {"topics", DL_COL_TOPIC},      {"place", DL_COL_PLACE},        {"places", DL_COL_PLACE},
    {"location", DL_COL_PLACE},    {"locations", DL_COL_PLACE},    {"country", DL_COL_PLACE},
    {"countries", DL_COL_PLACE},   {"source", DL_COL_SOURCE},      {"publisher", DL_COL_SOURCE},
    {"agency", DL_COL_SOURCE},     {"id", DL_COL_ID},              {"articleid", DL_COL_ID},
    {"itemid", DL_COL_ID},         {"guid", DL_COL_ID},            {"uuid", DL_COL_ID},
    {"url", DL_COL_ID},            {"link", DL_COL_ID},            {"permalink", DL_COL_ID},
    {"author", DL_COL_AUTHOR},     {"authors", DL_COL_AUTHOR},     {"byline", DL_COL_AUTHOR},
    {"creator", DL_COL_AUTHOR},    {"dateline", DL_COL_DATELINE},
};
#define NUSUAL (sizeof usual / sizeof usual[0])

/* The names --columns and --fields take for each kind (the first of each in the table above,
 * with "text" also standing for a summary). */
static const struct {
    const char *name;
    dl_col_t kind;
} kinds[] = {{"-", DL_COL_SKIP},        {"title", DL_COL_TITLE},   {"text", DL_COL_TEXT},
             {"summary", DL_COL_SUMMARY}, {"date", DL_COL_DATE},   {"topic", DL_COL_TOPIC},
             {"place", DL_COL_PLACE},   {"source", DL_COL_SOURCE}, {"id", DL_COL_ID},
             {"author", DL_COL_AUTHOR}, {"dateline", DL_COL_DATELINE}};
#define NKINDS (sizeof kinds / sizeof kinds[0])
#define KIND_NAMES "title, text, summary, date, topic, place, source, id, author, dateline or -"

/* A column name folded for comparing: lower case, letters and digits only. */
static void fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (isalnum((unsigned char)s[i]))
            out[k++] = (char)tolower((unsigned char)s[i]);
    out[k] = '\0';
}

static int kind_of_name(const char *s, size_t n)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strlen(kinds[i].name) == n && strncasecmp(kinds[i].name, s, n) == 0)
            return (int)kinds[i].kind;
    return -1;
}

static const char *trim(const char *s, size_t *n)
{
    while (*n && isspace((unsigned char)*s)) {
        s++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

void dl_map_free(dl_map_t *m)
{
    for (size_t i = 0; i < m->noverride; i++)
        free(m->override[i].name);
    free(m->override);
    free(m->columns);
    memset(m, 0, sizeof *m);
}

dateline_status_t dl_map_parse(dl_map_t *m, const char *columns, const char *fields,
                               char **message)
{
    memset(m, 0, sizeof *m);
    for (const char *p = columns; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *s = trim(p, &n);
        int k = kind_of_name(s, n);
        if (k < 0) {
            *message = dl_format("--columns: '%.*s' is not a field: use " KIND_NAMES, (int)n, s);
            dl_map_free(m);
            return DATELINE_BAD_ARGUMENT;
        }
        dl_col_t *nc = realloc(m->columns, (m->ncolumns + 1) * sizeof *nc);
        if (!nc) {
            dl_map_free(m);
            return DATELINE_NO_MEMORY;
        }
        m->columns = nc;
        m->columns[m->ncolumns++] = (dl_col_t)k;
        p = comma ? comma + 1 : p + n;
    }
    for (const char *p = fields; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        size_t kn = eq ? (size_t)(eq - p) : 0;
        const char *ks = trim(p, &kn);
        int k = eq ? kind_of_name(ks, kn) : -1;
        size_t vn = eq ? n - kn - 1 : 0;
        const char *vs = eq ? trim(eq + 1, &vn) : NULL;
        if (!eq || k <= 0 || vn == 0) {
            *message = dl_format("--fields: '%.*s' is not FIELD=NAME with FIELD one of " KIND_NAMES
                                 " (for example title=headline,text=story)", (int)n, p);
            dl_map_free(m);
            return DATELINE_BAD_ARGUMENT;
        }
        void *no = realloc(m->override, (m->noverride + 1) * sizeof *m->override);
        if (!no) {
            dl_map_free(m);
            return DATELINE_NO_MEMORY;
        }
        m->override = no;
        m->override[m->noverride].kind = (dl_col_t)k;
        if (!(m->override[m->noverride].name = dl_strndup(vs, vn))) {
            dl_map_free(m);
            return DATELINE_NO_MEMORY;
        }
        m->noverride++;
        p = comma ? comma + 1 : p + n;
    }
    return DATELINE_OK;
}

dl_col_t dl_map_name(const dl_map_t *m, const char *name, size_t n, int *rank)
{
    char f[64];
    const char *nul = memchr(name, '\0', n); /* a CSV field is not NUL-terminated */
    if (nul)
        n = (size_t)(nul - name);
    name = trim(name, &n);
    *rank = 0;
    for (size_t i = 0; i < m->noverride; i++)
        if (strlen(m->override[i].name) == n && strncasecmp(m->override[i].name, name, n) == 0)
            return m->override[i].kind;
    fold(name, n, f, sizeof f);
    for (size_t i = 0; i < NUSUAL; i++)
        if (strcmp(f, usual[i].name) == 0) {
            /* a kind given by --fields comes from its named column only */
            for (size_t k = 0; k < m->noverride; k++)
                if (m->override[k].kind == usual[i].kind)
                    return DL_COL_SKIP;
            *rank = (int)i;
            return usual[i].kind;
        }
    return DL_COL_SKIP;
}

/* Appends each part of a list value ("Syria; Iraq", "a|b") to a list field. */
static dateline_status_t put_list(dateline_article_t *a, dateline_field_t f, const char *v,
                                  size_t n)
{
    dateline_status_t st = DATELINE_OK;
    const char *end = v + n;
    while (v < end && st == DATELINE_OK) {
        const char *p = v;
        while (p < end && *p != ';' && *p != '|')
            p++;
        size_t k = (size_t)(p - v);
        const char *s = trim(v, &k);
        if (k) {
            char *clean = dl_text_clean(s, k, 1);
            if (!clean)
                return DATELINE_NO_MEMORY;
            if (*clean)
                st = dl_article_put(a, f, clean, strlen(clean));
            free(clean);
        }
        v = p + 1;
    }
    return st;
}

static dateline_status_t put_clean(dateline_article_t *a, dateline_field_t f, const char *v,
                                   size_t n, int one_line)
{
    char *clean = dl_text_clean(v, n, one_line);
    if (!clean)
        return DATELINE_NO_MEMORY;
    dateline_status_t st = *clean ? dl_article_put(a, f, clean, strlen(clean)) : DATELINE_OK;
    free(clean);
    return st;
}

/* The date of a record's date value in *d; 1, or 0 with a note when it is not understood
 * (the article is then dated by --date, by its dateline lead when it has one, or not). */
static int record_date(dateline_reader_t *r, const dl_value_t *date, const dl_lead_t *lead,
                       dl_date_t *d)
{
    if (dl_date_parse_any(date->v, date->n, d))
        return 1;
    size_t n = date->n;
    const char *s = trim(date->v, &n);
    char *clean = dl_text_clean(s, n < 60 ? n : 60, 1);
    dl_reader_say(r, "date '%s' not understood: the article is dated %s", clean ? clean : "?",
                  r->has_date ? "by --date" : lead && lead->month ? "by its dateline"
                                                                  : "by nothing");
    free(clean);
    return 0;
}

/* The record's id value as the article's identity, "id:VALUE". */
static dateline_status_t put_identity(dateline_article_t *a, const dl_value_t *id)
{
    size_t n = id->n;
    const char *s = trim(id->v, &n);
    char *clean = dl_text_clean(s, n, 1);
    char *identity = clean ? dl_format("id:%s", clean) : NULL;
    dateline_status_t st = identity ? dl_article_put(a, DATELINE_FIELD_IDENTITY, identity,
                                                     strlen(identity))
                                    : DATELINE_NO_MEMORY;
    free(clean);
    free(identity);
    return st;
}

dateline_status_t dl_reader_record(dateline_reader_t *r, const dl_value_t *vals, size_t nvals,
                                   const char *what)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    const dl_value_t *title = NULL, *text = NULL, *summary = NULL, *date = NULL, *id = NULL;
    const dl_value_t *dateline = NULL;
    for (size_t i = 0; i < nvals; i++) {
        const dl_value_t *v = &vals[i];
        size_t n = v->n;
        trim(v->v, &n);
        if (!n)
            continue;
        switch (v->kind) {
        case DL_COL_TITLE: if (!title) title = v; break;
        case DL_COL_TEXT: if (!text) text = v; break;
        case DL_COL_SUMMARY: if (!summary) summary = v; break;
        case DL_COL_DATE: if (!date) date = v; break;
        case DL_COL_DATELINE: if (!dateline) dateline = v; break;
        case DL_COL_ID: if (!id || v->rank < id->rank) id = v; break;
        case DL_COL_TOPIC: st = put_list(a, DATELINE_FIELD_TOPICS, v->v, v->n); break;
        case DL_COL_PLACE: st = put_list(a, DATELINE_FIELD_PLACES, v->v, v->n); break;
        case DL_COL_SOURCE:
            if (!dateline_article_get(a, DATELINE_FIELD_SOURCE))
                st = put_clean(a, DATELINE_FIELD_SOURCE, v->v, v->n, 1);
            break;
        case DL_COL_AUTHOR:
            if (!dateline_article_get(a, DATELINE_FIELD_AUTHOR))
                st = put_clean(a, DATELINE_FIELD_AUTHOR, v->v, v->n, 1);
            break;
        default: break;
        }
        if (st != DATELINE_OK)
            return st;
    }
    if (!text)
        text = summary;

    char *body = text ? dl_text_clean(text->v, text->n, 0) : NULL;
    if (text && !body)
        return DATELINE_NO_MEMORY;
    dl_lead_t lead;
    int has_lead = body && dl_lead_parse(body, strlen(body), &lead);
    if (has_lead)
        st = dl_reader_lead(a, &lead);
    if (st == DATELINE_OK && dateline)
        st = put_clean(a, DATELINE_FIELD_DATELINE, dateline->v, dateline->n, 1);
    if (st == DATELINE_OK && body && *body)
        st = dl_article_put(a, DATELINE_FIELD_BODY, body, strlen(body));
    if (st == DATELINE_OK && title)
        st = put_clean(a, DATELINE_FIELD_TITLE, title->v, title->n, 1);
    else if (st == DATELINE_OK && body && *body) {
        size_t skip = has_lead ? lead.length : 0;
        char *h = dl_headline_from_lead(body + skip, strlen(body) - skip, 100);
        st = h ? dl_article_put(a, DATELINE_FIELD_TITLE, h, strlen(h)) : DATELINE_NO_MEMORY;
        free(h);
    }
    free(body);
    dl_date_t d;
    int has_date = st == DATELINE_OK && date && record_date(r, date, has_lead ? &lead : NULL, &d);
    if (st == DATELINE_OK)
        st = dl_reader_date(r, has_date ? &d : NULL, has_lead ? &lead : NULL);
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_FILE, r->name, strlen(r->name));
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_KEY, what, strlen(what));
    if (st == DATELINE_OK && id)
        st = put_identity(a, id);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_TITLE) &&
        !dateline_article_get(a, DATELINE_FIELD_BODY)) {
        dl_reader_say(r, "%s has no title and no text", what);
        return DATELINE_BAD_INPUT;
    }
    return st;
}
