/* output.h: how dateline-search prints results and articles: text for people, JSON and TSV for programs. */
#ifndef DL_OUTPUT_H
#define DL_OUTPUT_H

#include <stdio.h>
#include "dateline.h"

typedef enum { OUT_TEXT, OUT_JSON, OUT_TSV, OUT_SVG } out_format_t;

/* JSON output's format version: bump it when a field changes meaning or goes away. */
#define DL_JSON_VERSION 1

/* Writes s as a JSON string (quoted), always valid UTF-8: bytes that are not become U+FFFD. */
void out_json_string(FILE *f, const char *s);

/* Prints one page of results. Returns DATELINE_OK or the first error reading a result. In
 * JSON the object is left open for out_facets(), which must follow and closes it. */
dateline_status_t out_results(FILE *f, out_format_t fmt, int color, const char *query,
                              size_t offset, dateline_results_t *res);

/* Prints the number of matches of --count: a bare number, or in JSON an object. */
void out_count(FILE *f, out_format_t fmt, const char *query, size_t total);

/* Prints a query's failure as a JSON line: {"version","query","error":{"status","message"}}. */
void out_error(FILE *f, const char *query, dateline_status_t st, const char *message);

/* Prints the facets and timeline the query asked for (nothing when it asked for none). */
void out_facets(FILE *f, out_format_t fmt, dateline_results_t *res, const dateline_field_t *fields,
                size_t nfields, const char *period);

/* Draws the timeline of the results as an SVG bar chart (a whole document). */
void out_svg(FILE *f, const char *query, dateline_results_t *res, const char *period);

/* Prints one whole article. */
/* An article in full (--show), with the versions of its story when `chain` (the results of
 * story:ID, oldest first) holds more than it. */
dateline_status_t out_article(FILE *f, out_format_t fmt, const dateline_article_t *a,
                              dateline_results_t *chain);

#endif
