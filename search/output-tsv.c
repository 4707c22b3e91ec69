/* output-tsv.c: TSV and CSV, which share their columns: results, facets and timeline (TSV), articles. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output-int.h"

/* A field for TSV: tabs and line ends become spaces so each record stays one line. */
static void tsv_value(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* A field for CSV (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or
 * a line end. */
static void csv_value(FILE *f, const char *s)
{
    s = s ? s : "";
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A list field joined by `sep`, each value written by `put` (the whole list is one field). */
static void joined(FILE *f, const dateline_article_t *a, dateline_field_t fl, const char *sep)
{
    size_t n = dateline_article_count(a, fl);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(sep, f);
        fputs(dateline_article_get_nth(a, fl, i), f);
    }
}

static void tsv_list(FILE *f, const dateline_article_t *a, dateline_field_t fl)
{
    size_t n = dateline_article_count(a, fl);
    for (size_t i = 0; i < n; i++) {
        char *copy;
        if (i)
            fputc(',', f);
        tsv_value(f, out_shown(a, fl, i, &copy));
        free(copy);
    }
}

/* A CSV list: the values joined by ";" inside one field. */
static void csv_list(FILE *f, const dateline_article_t *a, dateline_field_t fl)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
        joined(mem, a, fl, ";");
        if (fclose(mem) == 0)
            csv_value(f, text);
    }
    free(text);
}

static const char *const columns[] = {"rank", "score", "id", "date", "dateline", "source",
                                      "title", "places", "groups", "topics", "file", "key",
                                      "snippet"};

/* TSV and CSV: the same columns, each with its own separator, line end and quoting. */
typedef struct {
    const char *sep, *end;                                              /* "\t", "\n" */
    void (*value)(FILE *f, const char *s);                              /* one field */
    void (*list)(FILE *f, const dateline_article_t *a, dateline_field_t fl); /* a list field */
} delimited_t;

static const delimited_t tsv = {"\t", "\n", tsv_value, tsv_list};
static const delimited_t csv = {",", "\r\n", csv_value, csv_list};

static void delimited_begin(FILE *f, const out_t *o, const delimited_t *d)
{
    const size_t n = sizeof columns / sizeof columns[0];
    for (size_t k = 0; o->header && k < n; k++)
        fprintf(f, "%s%s", columns[k], k + 1 < n ? d->sep : d->end);
}

static void delimited_row(FILE *f, const row_t *w, const delimited_t *d)
{
    const dateline_article_t *a = w->a;
    static const dateline_field_t fields[] = {
        DATELINE_FIELD_ID, DATELINE_FIELD_DATE, DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE,
        DATELINE_FIELD_TITLE, DATELINE_FIELD_PLACES, DATELINE_FIELD_GROUPS,
        DATELINE_FIELD_TOPICS, DATELINE_FIELD_FILE, DATELINE_FIELD_KEY};
    fprintf(f, "%zu%s%.4f%s", dateline_result_rank(w->r), d->sep, dateline_result_score(w->r),
            d->sep);
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (fields[k] >= DATELINE_FIELD_PLACES && fields[k] <= DATELINE_FIELD_TOPICS)
            d->list(f, a, fields[k]);
        else if (fields[k] == DATELINE_FIELD_FILE)
            d->value(f, out_file_of(a));
        else
            d->value(f, dateline_article_get(a, fields[k]));
        fputs(d->sep, f);
    }
    d->value(f, w->snippet);
    fputs(d->end, f);
}

static void tsv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    delimited_begin(f, o, &tsv);
}
static void tsv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    delimited_row(f, w, &tsv);
}
static void csv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    delimited_begin(f, o, &csv);
}
static void csv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    delimited_row(f, w, &csv);
}

/* TSV: a line per facet value, then per period, then per period and series value. */
static void tsv_facets(FILE *f, const out_t *o, dateline_results_t *res,
                       const dateline_field_t *fields, size_t nfields, const char *period)
{
    (void)o;
    for (size_t k = 0; k < nfields; k++)
        for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
            size_t n;
            const char *v = dateline_results_facet_get(res, fields[k], i, &n);
            fprintf(f, "facet\t%s\t", out_facet_name(fields[k]));
            tsv_value(f, v);
            fprintf(f, "\t%zu\n", n);
        }
    if (!period)
        return;
    size_t nt = dateline_results_timeline_size(res);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        char pb[1024], gb[1024];
        const char *label = dateline_results_timeline_get(res, i, &n);
        const char *pl = out_joined_top(res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = out_joined_top(res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
        fprintf(f, "period\t%s\t%zu\t", label, n);
        tsv_value(f, pl);
        fputc('\t', f);
        tsv_value(f, gr);
        fputc('\n', f);
    }
    for (size_t i = 0; i < nt; i++)
        for (size_t s = 0; s < dateline_results_series_size(res); s++) {
            fprintf(f, "series\t%s\t", dateline_results_timeline_get(res, i, NULL));
            tsv_value(f, dateline_results_series_get(res, s, NULL));
            fprintf(f, "\t%zu\n", dateline_results_series_count(res, s, i));
        }
}

/* An article in TSV or CSV: a line per field (its name, then its values), per version, and the
 * body last. */
static void delimited_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                              size_t nv, const delimited_t *d)
{
    for (size_t i = 0; i < OUT_NORDER; i++) {
        dateline_field_t fl = out_order[i];
        if (!dateline_article_count(a, fl))
            continue;
        fprintf(f, "%s%s", dateline_field_name(fl), d->sep);
        d->list(f, a, fl);
        fputs(d->end, f);
    }
    for (size_t i = 0; i < nv; i++) {
        fprintf(f, "version%s%s%s%s%s", d->sep,
                out_or_empty(dateline_article_get(v[i], DATELINE_FIELD_ID)), d->sep,
                out_or_empty(dateline_article_get(v[i], DATELINE_FIELD_DATE)), d->sep);
        d->value(f, dateline_article_get(v[i], DATELINE_FIELD_TITLE));
        fputs(d->end, f);
    }
    fprintf(f, "body%s", d->sep);
    d->value(f, dateline_article_get(a, DATELINE_FIELD_BODY));
    fputs(d->end, f);
}

static void tsv_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                        size_t nv, const out_show_t *x)
{
    (void)x;
    delimited_article(f, a, v, nv, &tsv);
}

static void csv_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                        size_t nv, const out_show_t *x)
{
    (void)x;
    delimited_article(f, a, v, nv, &csv);
}

const printer_t out_printer_tsv = {.name = "tsv", .facets = 1, .begin = tsv_begin, .result = tsv_row,
                                   .facets_hook = tsv_facets, .article = tsv_article};
const printer_t out_printer_csv = {.name = "csv", .begin = csv_begin, .result = csv_row,
                                   .article = csv_article};
