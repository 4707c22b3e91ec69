/* output-int.h: what the printers of search/ share: a result as they get it, a printer's row
 * (its hooks), each format's row (defined in its own file, listed in output.c's table) and the
 * helpers in output.c that more than one printer uses. Not for dateline-search, which has
 * output.h. */
#ifndef DL_OUTPUT_INT_H
#define DL_OUTPUT_INT_H

#include <stdio.h>
#include "output.h"

/* What a format prints of one result. */
typedef struct {
    dateline_result_t *r;
    const dateline_article_t *a;
    const char *snippet;  /* plain text */
    const size_t *spans;  /* the query's words in it: byte offsets, start and end of each */
    size_t nspans;
    const char *title;    /* text: the headline, with */
    const size_t *tspans; /* the query's words in it */
    size_t ntspans;
    size_t versions;      /* articles in its story chain */
    const dateline_explanation_t *e; /* --explain: its places and groups explained */
} row_t;

/* An output format: what it prints of a list of results (begin, each result, the facets and
 * timeline, end), of a count and of one article. */
typedef struct {
    const char *name;   /* for --format */
    int stories;        /* prints the number of stories (which costs a pass over the matches) */
    int facets;         /* prints facets and timelines (else they are refused) */
    int chart;          /* draws the timeline and lists no result */
    int marks_title;    /* highlights the query's words in the headline (on a terminal) */
    void (*begin)(FILE *f, const out_t *o, const out_totals_t *t);
    void (*result)(FILE *f, const out_t *o, const row_t *w, size_t i);
    /* the facets and timeline of the first page, kept and handed to end() */
    void (*facets_hook)(FILE *f, const out_t *o, dateline_results_t *res,
                        const dateline_field_t *fields, size_t nfields, const char *period);
    /* after the results: closes what begin() opened, around the facets' text */
    void (*end)(FILE *f, const out_t *o, const out_totals_t *t, size_t shown, const char *tail,
                size_t taillen);
    void (*count)(FILE *f, const char *query, size_t total);
    void (*article)(FILE *f, const dateline_article_t *a, const dateline_article_t **v, size_t nv,
                    const out_show_t *x);
} printer_t;

/* ---- the rows: one per format, each in its file (output.c lists them in out_format_t's order) ---- */
extern const printer_t out_printer_text;  /* output-text.c */
extern const printer_t out_printer_json;  /* output-json.c */
extern const printer_t out_printer_jsonl; /* output-json.c */
extern const printer_t out_printer_tsv;   /* output-tsv.c */
extern const printer_t out_printer_csv;   /* output-tsv.c */
extern const printer_t out_printer_svg;   /* output-svg.c */

/* ---- interface to code in output.c: what more than one printer uses ---- */

/* An article's file, as shown: under the current folder, relative to it. */
const char *out_file_of(const dateline_article_t *a);
/* Value i of a field as people read it: an ORIGINS entry "FILE:KEY" (or "FILE"), a file
 * relative to the current folder. Returns the value itself or a copy in *copy (NULL when none
 * was made), which the caller frees. */
const char *out_shown(const dateline_article_t *a, dateline_field_t fl, size_t i, char **copy);
/* s, or "" for NULL. */
const char *out_or_empty(const char *s);
/* A facet's name as --facet takes it ("place"). */
const char *out_facet_name(dateline_field_t fl);
/* The commonest values of `field` in period i of the timeline joined by ";" in buf (size bytes,
 * whole values only). Returns buf. */
const char *out_joined_top(const dateline_results_t *res, size_t i, dateline_field_t field,
                           char *buf, size_t size);
/* The fields of an article in full (--show), in the order printed. */
extern const dateline_field_t out_order[];
#define OUT_NORDER 18

#endif
