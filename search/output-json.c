/* output-json.c: JSON and JSON Lines: results, facets and timeline, counts, errors, articles. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "output-int.h"

void out_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', f);
    while (*p) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc((int)c, f);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
            case '\n': fputs("\\n", f); break;
            case '\t': fputs("\\t", f); break;
            case '\r': fputs("\\r", f); break;
            default: fprintf(f, "\\u%04x", c); break;
            }
            p++;
        } else if (c < 0x80) {
            fputc((int)c, f);
            p++;
        } else {
            /* copy a well-formed sequence, or write U+FFFD for one bad byte */
            size_t k = 0;
            unsigned need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            if (need && c <= 0xF4) {
                k = 1;
                while (k < need && (p[k] & 0xC0) == 0x80)
                    k++;
                if (k != need || (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
                    (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
                    k = 0;
            }
            if (k) {
                fwrite(p, 1, k, f);
                p += k;
            } else {
                fputs("\\ufffd", f);
                p++;
            }
        }
    }
    fputc('"', f);
}

static void json_field(FILE *f, const char *name, const char *v, int comma)
{
    fprintf(f, "%s\"%s\":", comma ? "," : "", name);
    if (v)
        out_json_string(f, v);
    else
        fputs("null", f);
}

static void json_list(FILE *f, const char *name, const dateline_article_t *a, dateline_field_t fl)
{
    size_t n = dateline_article_count(a, fl);
    fprintf(f, ",\"%s\":[", name);
    for (size_t i = 0; i < n; i++) {
        char *copy;
        if (i)
            fputc(',', f);
        out_json_string(f, out_shown(a, fl, i, &copy));
        free(copy);
    }
    fputc(']', f);
}

/* PLACE_IDS as objects: {"id","name","salience"} for each "ID SALIENCE" entry. A gazetteer
 * place is named by the gazetteer; a label it does not know ("=KEY") by the PLACES entry
 * beside it (the two lists run in step), else by its key. */
static void json_place_ids(FILE *f, const dateline_article_t *a)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS);
    int in_step = dateline_article_count(a, DATELINE_FIELD_PLACES) == n;
    fputs(",\"place_ids\":[", f);
    for (size_t i = 0; i < n; i++) {
        const char *e = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        const char *sp = strrchr(e, ' ');
        size_t idlen = sp ? (size_t)(sp - e) : strlen(e);
        char *id = malloc(idlen + 1);
        if (!id)
            continue;
        memcpy(id, e, idlen);
        id[idlen] = '\0';
        const char *name = id[0] == '=' ? in_step ? dateline_article_get_nth(
                                                        a, DATELINE_FIELD_PLACES, i)
                                                  : id + 1
                                        : dateline_place_name(id);
        fprintf(f, "%s{\"id\":", i ? "," : "");
        out_json_string(f, id);
        json_field(f, "name", name, 1);
        fprintf(f, ",\"salience\":%ld}", sp ? strtol(sp + 1, NULL, 10) : 0L);
        free(id);
    }
    fputc(']', f);
}

static void json_result(FILE *f, const row_t *w)
{
    const dateline_article_t *a = w->a;
    fputs("{\"id\":", f);
    out_json_string(f, dateline_article_get(a, DATELINE_FIELD_ID));
    fprintf(f, ",\"rank\":%zu,\"score\":%.4f,\"versions\":%zu", dateline_result_rank(w->r),
            dateline_result_score(w->r), w->versions);
    json_field(f, "story", dateline_article_get(a, DATELINE_FIELD_STORY), 1);
    json_field(f, "date", dateline_article_get(a, DATELINE_FIELD_DATE), 1);
    json_field(f, "dateline", dateline_article_get(a, DATELINE_FIELD_DATELINE), 1);
    json_field(f, "source", dateline_article_get(a, DATELINE_FIELD_SOURCE), 1);
    json_field(f, "title", dateline_article_get(a, DATELINE_FIELD_TITLE), 1);
    json_list(f, "places", a, DATELINE_FIELD_PLACES);
    json_list(f, "groups", a, DATELINE_FIELD_GROUPS);
    json_list(f, "topics", a, DATELINE_FIELD_TOPICS);
    json_place_ids(f, a);
    fputs(",\"origin\":{", f);
    json_field(f, "file", out_file_of(a), 0);
    json_field(f, "key", dateline_article_get(a, DATELINE_FIELD_KEY), 1);
    fputc('}', f);
    json_field(f, "snippet", w->snippet, 1);
    fputs(",\"highlights\":[", f);
    for (size_t k = 0; k < w->nspans; k++)
        fprintf(f, "%s[%zu,%zu]", k ? "," : "", w->spans[2 * k], w->spans[2 * k + 1]);
    fputc(']', f);
    if (w->e)
        out_entities_json(f, w->e);
    fputc('}', f);
}

static void json_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, o->query);
    fprintf(f, ",\"total\":%zu,", t->total);
    if (!t->exact)
        fprintf(f, "\"total_exact\":false,\"total_bound\":%zu,", t->bound);
    if (t->partial)
        fputs("\"partial\":true,", f);
    fprintf(f, "\"stories\":%zu,\"offset\":%zu,\"results\":[", t->stories, o->offset);
}
static void json_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o;
    if (i)
        fputc(',', f);
    json_result(f, w);
}
static void json_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown,
                     const char *tail, size_t taillen)
{
    (void)o, (void)t, (void)shown;
    fputc(']', f);
    fwrite(tail, 1, taillen, f); /* the members json_facets() wrote */
    fputs("}\n", f);
}

static void jsonl_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    json_result(f, w);
    fputc('\n', f);
}

static void json_count(FILE *f, const char *query, size_t total)
{
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, query);
    fprintf(f, ",\"total\":%zu}\n", total);
}

/* Each status by a name a program can test, the enum's name in lower case. */
static const char *const status_names[] = {
    [DATELINE_OK] = "ok",
    [DATELINE_NO_MEMORY] = "no_memory",
    [DATELINE_BAD_ARGUMENT] = "bad_argument",
    [DATELINE_FILE_ERROR] = "file_error",
    [DATELINE_LOCKED] = "locked",
    [DATELINE_MODIFIED] = "modified",
    [DATELINE_CORRUPT] = "corrupt",
    [DATELINE_VERSION] = "version",
    [DATELINE_QUERY_SYNTAX] = "query_syntax",
    [DATELINE_BAD_INPUT] = "bad_input",
    [DATELINE_CHARSET] = "charset",
    [DATELINE_XAPIAN_ERROR] = "xapian_error",
    [DATELINE_INTERNAL] = "internal",
    [DATELINE_NOT_FOUND] = "not_found",
    [DATELINE_END] = "end",
    [DATELINE_READ_ONLY] = "read_only",
};

void out_error(FILE *f, const char *query, dateline_status_t st, const char *message)
{
    size_t n = sizeof status_names / sizeof status_names[0];
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, query);
    fputs(",\"error\":{\"status\":", f);
    out_json_string(f, (size_t)st < n && status_names[st] ? status_names[st] : "internal");
    fputs(",\"message\":", f);
    out_json_string(f, message);
    fputs("}}\n", f);
}

/* The commonest values of `field` (places or groups) in period i of the timeline as a JSON list. */
static void json_top(FILE *f, const dateline_results_t *res, size_t i, dateline_field_t field)
{
    const char *v;
    fputc('[', f);
    for (size_t j = 0; (v = dateline_results_timeline_top(res, i, field, j, NULL)) != NULL; j++) {
        if (j)
            fputc(',', f);
        out_json_string(f, v);
    }
    fputc(']', f);
}

/* The timeline in JSON: the members of the "timeline" object. */
static void json_timeline(FILE *f, dateline_results_t *res, const char *period)
{
    size_t nt = dateline_results_timeline_size(res), ns = dateline_results_series_size(res);
    fprintf(f, ",\"timeline\":{\"period\":\"%s\",\"periods\":[", period);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        const char *label = dateline_results_timeline_get(res, i, &n);
        fprintf(f, "%s{\"period\":\"%s\",\"count\":%zu,\"places\":", i ? "," : "", label, n);
        json_top(f, res, i, DATELINE_FIELD_PLACES);
        fputs(",\"groups\":", f);
        json_top(f, res, i, DATELINE_FIELD_GROUPS);
        fputc('}', f);
    }
    fprintf(f, "],\"undated\":%zu,\"coarser\":%zu,\"by\":",
            dateline_results_timeline_undated(res), dateline_results_timeline_coarser(res));
    if (ns)
        fprintf(f, "\"%s\"", out_facet_name(dateline_results_series_field(res)));
    else
        fputs("null", f);
    fputs(",\"series\":[", f);
    for (size_t s = 0; s < ns; s++) {
        fprintf(f, "%s{\"value\":", s ? "," : "");
        out_json_string(f, dateline_results_series_get(res, s, NULL));
        fputs(",\"counts\":[", f);
        for (size_t i = 0; i < nt; i++)
            fprintf(f, "%s%zu", i ? "," : "", dateline_results_series_count(res, s, i));
        fputs("]}", f);
    }
    fputs("]}", f);
}

/* The facets and timeline in JSON: members of the results' object, which json_end() closes. */
static void json_facets(FILE *f, const out_t *o, dateline_results_t *res,
                        const dateline_field_t *fields, size_t nfields, const char *period)
{
    (void)o;
    if (nfields) {
        fputs(",\"facets\":{", f);
        for (size_t k = 0; k < nfields; k++) {
            fprintf(f, "%s\"%s\":[", k ? "," : "", out_facet_name(fields[k]));
            for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
                size_t n;
                const char *v = dateline_results_facet_get(res, fields[k], i, &n);
                fprintf(f, "%s{\"value\":", i ? "," : "");
                out_json_string(f, v);
                fprintf(f, ",\"count\":%zu}", n);
            }
            fputc(']', f);
        }
        fputc('}', f);
    }
    if (period)
        json_timeline(f, res, period);
}

/* An article in JSON (and JSON Lines): one object on one line. v: the nv other versions. */
static void json_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                         size_t nv, const out_show_t *x)
{
    fprintf(f, "{\"version\":%d", DL_JSON_VERSION);
    for (size_t i = 0; i < OUT_NORDER; i++) {
        dateline_field_t fl = out_order[i];
        if (fl == DATELINE_FIELD_PLACE_IDS)
            json_place_ids(f, a);
        else if ((fl >= DATELINE_FIELD_DATELINES && fl <= DATELINE_FIELD_ACRONYMS) ||
                 fl == DATELINE_FIELD_ORIGINS)
            json_list(f, dateline_field_name(fl), a, fl);
        else
            json_field(f, dateline_field_name(fl),
                       fl == DATELINE_FIELD_FILE ? out_file_of(a) : dateline_article_get(a, fl), 1);
    }
    fputs(",\"versions\":[", f);
    for (size_t i = 0; i < nv; i++) {
        fprintf(f, "%s{\"id\":", i ? "," : "");
        out_json_string(f, dateline_article_get(v[i], DATELINE_FIELD_ID));
        json_field(f, "date", dateline_article_get(v[i], DATELINE_FIELD_DATE), 1);
        json_field(f, "title", dateline_article_get(v[i], DATELINE_FIELD_TITLE), 1);
        json_field(f, "file", out_file_of(v[i]), 1);
        json_field(f, "key", dateline_article_get(v[i], DATELINE_FIELD_KEY), 1);
        fputc('}', f);
    }
    fputc(']', f);
    json_field(f, "body", dateline_article_get(a, DATELINE_FIELD_BODY), 1);
    if (x->e && x->print)
        out_entities_json(f, x->e);
    fputs("}\n", f);
}

/* JSON: one object of results, facets and timeline; JSON Lines: an object per result. */
const printer_t out_printer_json = {.name = "json", .stories = 1, .facets = 1, .begin = json_begin,
                                    .result = json_row, .facets_hook = json_facets, .end = json_end,
                                    .count = json_count, .article = json_article};
const printer_t out_printer_jsonl = {.name = "jsonl", .result = jsonl_row, .count = json_count,
                                     .article = json_article};
