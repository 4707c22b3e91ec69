/* output.c: the printer table (a row per output format, each defined in its output-*.c file),
 * what dateline-search calls to print, and the helpers more than one printer shares. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "output-int.h"

#define SNIPPET_BYTES 240

/* The output formats, one row each, in the order of out_format_t; each row is defined in the
 * format's file. A hook left NULL prints nothing (count: a bare number). */
static const printer_t *const printers[] = {
    [OUT_TEXT] = &out_printer_text,   [OUT_JSON] = &out_printer_json,
    [OUT_JSONL] = &out_printer_jsonl, [OUT_TSV] = &out_printer_tsv,
    [OUT_CSV] = &out_printer_csv,     [OUT_SVG] = &out_printer_svg,
};
#define NPRINTERS (sizeof printers / sizeof printers[0])
/* a format added to out_format_t without its row here fails to compile */
_Static_assert(NPRINTERS == OUT_FORMATS_, "every output format has a row in printers[]");

static const printer_t *printer(out_format_t fmt)
{
    return (size_t)fmt < NPRINTERS && printers[fmt] ? printers[fmt] : printers[OUT_TEXT];
}

int out_format_from_name(const char *name, out_format_t *out)
{
    for (size_t k = 0; k < NPRINTERS; k++)
        if (printers[k] && printers[k]->name && strcmp(printers[k]->name, name) == 0) {
            *out = (out_format_t)k;
            return 1;
        }
    return 0;
}

const char *out_format_name(out_format_t fmt) { return printer(fmt)->name; }

size_t out_format_count(void) { return NPRINTERS; }

int out_wants_stories(out_format_t fmt) { return printer(fmt)->stories; }

int out_has_facets(out_format_t fmt) { return printer(fmt)->facets; }

int out_is_chart(out_format_t fmt) { return printer(fmt)->chart; }

void out_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    if (printer(o->fmt)->begin)
        printer(o->fmt)->begin(f, o, t);
}

void out_facets(FILE *f, const out_t *o, dateline_results_t *res, const dateline_field_t *fields,
                size_t nfields, const char *period)
{
    if (printer(o->fmt)->facets_hook)
        printer(o->fmt)->facets_hook(f, o, res, fields, nfields, period);
}

void out_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown, const char *facets,
             size_t len)
{
    if (printer(o->fmt)->end)
        printer(o->fmt)->end(f, o, t, shown, facets, len);
    else
        fwrite(facets, 1, len, f);
}

/* The markers the snippet is asked for, to be taken out again: control characters, which
 * normalized text never holds. */
#define HI_START "\x01"
#define HI_END "\x02"

/* A text marked with HI_START and HI_END, without its marks, and where they were (byte
 * offsets into it, a start and an end each). Returns 0 when memory runs out. */
static int unmark(const char *marked, char **plain, size_t **spans, size_t *nspans)
{
    size_t len = strlen(marked), nmarks = 0, n = 0;
    for (size_t k = 0; k < len; k++)
        nmarks += marked[k] == HI_START[0];
    *plain = malloc(len + 1);
    *spans = malloc((2 * nmarks + 1) * sizeof **spans);
    *nspans = 0;
    if (!*plain || !*spans) {
        free(*plain);
        free(*spans);
        return 0;
    }
    for (size_t k = 0; k < len; k++) {
        if (marked[k] == HI_START[0] && *nspans < nmarks)
            (*spans)[2 * *nspans] = n;
        else if (marked[k] == HI_END[0] && *nspans < nmarks)
            (*spans)[2 * (*nspans)++ + 1] = n;
        else
            (*plain)[n++] = marked[k];
    }
    (*plain)[n] = '\0';
    return 1;
}

/* The explanation of a result's article when --explain asks for one, in *out (NULL else). */
static dateline_status_t explained(const out_t *o, const dateline_article_t *a,
                                   dateline_explanation_t **out)
{
    *out = NULL;
    if (!o->explain)
        return DATELINE_OK;
    return dateline_index_explain(o->explain, dateline_article_get(a, DATELINE_FIELD_ID), out);
}

dateline_status_t out_result(FILE *f, const out_t *o, dateline_result_t *r, size_t i)
{
    row_t w = {r, NULL, NULL, NULL, 0, NULL, NULL, 0, 0, NULL};
    const char *marked, *mtitle = NULL;
    dateline_explanation_t *e = NULL;
    dateline_status_t st = dateline_result_article(r, &w.a);
    if (st == DATELINE_OK)
        st = explained(o, w.a, &e);
    w.e = e;
    if (st == DATELINE_OK)
        st = dateline_result_versions(r, &w.versions);
    if (st == DATELINE_OK)
        st = dateline_result_snippet(r, SNIPPET_BYTES, HI_START, HI_END, &marked);
    if (st == DATELINE_OK && printer(o->fmt)->marks_title && o->color)
        st = dateline_result_highlight(r, DATELINE_FIELD_TITLE, HI_START, HI_END, &mtitle);
    if (st != DATELINE_OK) {
        dateline_explanation_destroy(e);
        return st;
    }
    char *plain = NULL, *title = NULL;
    size_t *spans = NULL, *tspans = NULL;
    if (!unmark(marked, &plain, &spans, &w.nspans) ||
        (mtitle && !unmark(mtitle, &title, &tspans, &w.ntspans))) {
        free(plain);
        free(spans);
        dateline_explanation_destroy(e);
        return DATELINE_NO_MEMORY;
    }
    w.snippet = plain;
    w.spans = spans;
    w.title = title;
    w.tspans = tspans;
    if (printer(o->fmt)->result)
        printer(o->fmt)->result(f, o, &w, i);
    free(plain);
    free(spans);
    free(title);
    free(tspans);
    dateline_explanation_destroy(e);
    return DATELINE_OK;
}

void out_count(FILE *f, out_format_t fmt, const char *query, size_t total)
{
    if (printer(fmt)->count)
        printer(fmt)->count(f, query, total);
    else
        fprintf(f, "%zu\n", total);
}

dateline_status_t out_article(FILE *f, out_format_t fmt, const dateline_article_t *a,
                              dateline_results_t *chain, const out_show_t *x)
{
    /* the other versions of the story: id, date and title of each, oldest first */
    size_t nv = chain ? dateline_results_size(chain) : 0;
    const dateline_article_t **v = nv > 1 ? calloc(nv, sizeof *v) : NULL;
    if (nv > 1 && !v)
        return DATELINE_NO_MEMORY;
    for (size_t i = 0; v && i < nv; i++) {
        dateline_status_t st = dateline_result_article(dateline_results_get(chain, i), &v[i]);
        if (st != DATELINE_OK) {
            free(v);
            return st;
        }
    }
    if (!v)
        nv = 0;
    if (printer(fmt)->article)
        printer(fmt)->article(f, a, v, nv, x);
    free(v);
    return DATELINE_OK;
}

/* ---- what more than one printer uses ---- */

/* An origin's file as it is shown: dateline-index records absolute paths, and a file under
 * the current folder is shown relative to it ("corpus/wire/x.txt"), as people gave it. */
static const char *file_shown(const char *file)
{
    static char *cwd;
    static size_t n;
    if (!cwd && (cwd = getcwd(NULL, 0)) != NULL)
        n = strlen(cwd);
    if (!file || !cwd || file[0] != '/' || strncmp(file, cwd, n) != 0)
        return file;
    if (n == 1) /* in "/", absolute paths are as plain */
        return file;
    return file[n] == '/' && file[n + 1] ? file + n + 1 : file;
}

/* An article's file, as shown. */
const char *out_file_of(const dateline_article_t *a)
{
    return file_shown(dateline_article_get(a, DATELINE_FIELD_FILE));
}

/* Value i of a field as people read it: an ORIGINS entry, which the library keeps as file,
 * 0x1F and key, is shown "FILE:KEY", or "FILE" without a key; a file as file_shown() shows it.
 * Returns the value itself or a copy in *copy (NULL when none was made), which the caller
 * frees. */
const char *out_shown(const dateline_article_t *a, dateline_field_t fl, size_t i, char **copy)
{
    const char *v = dateline_article_get_nth(a, fl, i);
    if (fl == DATELINE_FIELD_FILE || fl == DATELINE_FIELD_ORIGINS)
        v = file_shown(v);
    const char *sep = v && fl == DATELINE_FIELD_ORIGINS ? strchr(v, '\x1f') : NULL;
    *copy = NULL;
    if (!sep || !(*copy = strdup(v)))
        return v;
    if (sep[1])
        (*copy)[sep - v] = ':';
    else
        (*copy)[sep - v] = '\0';
    return *copy;
}

const char *out_or_empty(const char *s) { return s ? s : ""; }

const char *out_facet_name(dateline_field_t fl)
{
    const char *name = dateline_facet_name(fl); /* the filter table's (lib/schema.c) */
    return name ? name : "dateline";
}

/* The commonest values of a field in a period joined by ";" for the text, TSV and SVG outputs,
 * in buf (whole values only). */
const char *out_joined_top(const dateline_results_t *res, size_t i, dateline_field_t field,
                           char *buf, size_t size)
{
    const char *v;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; (v = dateline_results_timeline_top(res, i, field, j, NULL)) != NULL; j++) {
        size_t n = strlen(v);
        if (len + n + 2 > size)
            break;
        len += (size_t)snprintf(buf + len, size - len, "%s%s", j ? ";" : "", v);
    }
    return buf;
}

/* The fields of an article in full, in the order printed. */
const dateline_field_t out_order[OUT_NORDER] = {
    DATELINE_FIELD_ID,     DATELINE_FIELD_TITLE,   DATELINE_FIELD_DATE,
    DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE, DATELINE_FIELD_DATELINES,
    DATELINE_FIELD_PLACES, DATELINE_FIELD_PLACE_IDS, DATELINE_FIELD_GROUPS,
    DATELINE_FIELD_ACRONYMS, DATELINE_FIELD_TOPICS,
    DATELINE_FIELD_AUTHOR, DATELINE_FIELD_FILE,    DATELINE_FIELD_KEY,
    DATELINE_FIELD_ORIGINS, DATELINE_FIELD_STORY,  DATELINE_FIELD_CHARSET,
    DATELINE_FIELD_REPAIRED};
