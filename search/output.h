/* output.h: how dateline-search prints results and articles: text for people, JSON, JSON Lines,
 * CSV and TSV for programs, an SVG chart of the timeline. Each format is a row of output.c's
 * printer table. */
#ifndef DL_OUTPUT_H
#define DL_OUTPUT_H

#include <stdio.h>
#include "dateline.h"

typedef enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_TSV, OUT_CSV, OUT_SVG, OUT_FORMATS_ } out_format_t;

/* The format named `name` ("jsonl") in *out; 0 when there is none of that name. */
int out_format_from_name(const char *name, out_format_t *out);
/* The name of a format ("jsonl"), and how many formats there are (0 to count - 1). */
const char *out_format_name(out_format_t fmt);
size_t out_format_count(void);
/* Whether the format prints facets and timelines (JSON Lines and CSV hold results only). */
int out_has_facets(out_format_t fmt);
/* Whether the format is a chart of the timeline (SVG), listing no result. */
int out_is_chart(out_format_t fmt);

/* JSON output's format version: bump it when a field changes meaning or goes away. */
#define DL_JSON_VERSION 2

/* Writes s as a JSON string (quoted), always valid UTF-8: bytes that are not become U+FFFD. */
void out_json_string(FILE *f, const char *s);

/* How a list of results is printed. */
typedef struct {
    out_format_t fmt;
    const char *query;  /* as given */
    size_t offset;      /* of the first result */
    int color;          /* text: highlight with terminal escapes */
    size_t width;       /* text: wrap lines at this many columns; 0: never */
    int header;         /* TSV and CSV: a first line naming the columns */
    int all_versions;   /* every article is listed, not each story once */
    dateline_index_t *explain; /* --explain: JSON results gain "entities" (index to ask) */
} out_t;

/* What the first page of results says of all matches. */
typedef struct {
    size_t total;       /* matching articles */
    size_t stories;     /* distinct stories among them (when out_wants_stories()) */
    int exact;          /* 0: total and stories are lower bounds, the matches passing bound */
    size_t bound;       /* counted exactly up to this many matches (0: all) */
    int partial;        /* a shard did not answer: these are the others' matches */
} out_totals_t;

/* Whether the format prints the number of stories, which costs a pass over the matches. */
int out_wants_stories(out_format_t fmt);

/* A list of results is printed by out_begin(), then out_result() for each result (i counts
 * them from 0), then out_end(); they may come in pages, each printed as soon as it is in
 * hand. out_facets() renders the facets and timeline of the first page (into a buffer of the
 * caller's), and out_end() prints them where the format puts them: what out_begin() opens,
 * out_end() closes. */
void out_begin(FILE *f, const out_t *o, const out_totals_t *t);
/* Returns DATELINE_OK, or the error reading the result (nothing is printed then). */
dateline_status_t out_result(FILE *f, const out_t *o, dateline_result_t *r, size_t i);
/* `shown`: how many results were printed. */
/* `facets`: the len bytes out_facets() printed. */
void out_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown, const char *facets,
             size_t len);

/* Display columns of n bytes of UTF-8 text on a terminal: wide characters take 2, combining
 * marks and escape sequences none. */
size_t out_width(const char *s, size_t n);

/* Prints the number of matches of --count: a bare number, or in JSON an object. */
void out_count(FILE *f, out_format_t fmt, const char *query, size_t total);

/* Prints a query's failure as a JSON line: {"version","query","error":{"status","message"}}. */
void out_error(FILE *f, const char *query, dateline_status_t st, const char *message);

/* Prints the facets and timeline the query asked for (nothing when it asked for none); SVG
 * draws the timeline as a bar chart (a whole document). For out_end(). */
void out_facets(FILE *f, const out_t *o, dateline_results_t *res, const dateline_field_t *fields,
                size_t nfields, const char *period);

/* What --show prints besides the article: its places and groups explained (--explain), and
 * whether text highlights their mentions (on a terminal). */
typedef struct {
    const dateline_explanation_t *e; /* NULL: none asked for */
    int print;                       /* --explain: e is printed (text) or "entities" (JSON) */
    int color;                       /* text: e's mentions highlighted */
} out_show_t;

/* An article in full (--show), with the versions of its story when `chain` (the results of
 * story:ID, oldest first) holds more than it. */
dateline_status_t out_article(FILE *f, out_format_t fmt, const dateline_article_t *a,
                              dateline_results_t *chain, const out_show_t *x);

/* ---- explanations (entities.c) ---- */
/* The explanation for people: each place and group, its mentions and rules, what it beat. */
void out_entities_text(FILE *f, const dateline_explanation_t *e);
/* The explanation as JSON members: ,"entities":[...],"entities_exact":true. */
void out_entities_json(FILE *f, const dateline_explanation_t *e);
/* Where the mentions of e stand in `field` (DATELINE_FIELD_TITLE or _BODY): byte offsets,
 * start and end of each, in order, *nspans of them. A malloc'ed array, NULL when memory ran
 * out. */
size_t *out_entity_spans(const dateline_explanation_t *e, dateline_field_t field, size_t *nspans);

#endif
