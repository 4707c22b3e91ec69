/* extract.h: what indexer/ shares about extraction: datelines (dateline-lead.c), places
 * (extract-places.c), groups (extract-groups.c) and the extractors an index is given
 * (extract.c). lib/ sees none of it: its interface to extraction is dl_extractor_t (lib/dl.h). */
#ifndef DL_EXTRACT_H
#define DL_EXTRACT_H

#include "../lib/dl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- datelines (indexer/dateline-lead.c) ---- */
#define DL_LEAD_MAX_PLACES 4
typedef struct {
    size_t length;                        /* bytes of the lead, dash and following spaces included */
    char text[128];                       /* the dateline as printed: "WASHINGTON/NEW YORK" */
    char places[DL_LEAD_MAX_PLACES][64];  /* each place: "WASHINGTON", "NEW YORK" */
    char qualifiers[DL_LEAD_MAX_PLACES][64]; /* each place's state or country: "Fla.", or "" */
    int nplaces;
    char source[64];                      /* "Reuters", or empty */
    int month, day;                       /* "Feb 26", or 0 */
} dl_lead_t;
/* Recognises a dateline lead at the start of s (n bytes): "BEIRUT (Reuters) - ",
 * "SALVADOR, Feb 26 - ", "WEST PALM BEACH, Fla./WASHINGTON (Reuters) - ", after bracketed
 * notes and a byline. A qualifier ("Fla.") is its place's, not a place. Returns 1 and fills
 * out (length covers notes and byline too), or 0; also 0 when the dateline, a place or a
 * qualifier would not fit its field (no real one is that long). */
int dl_lead_parse(const char *s, size_t n, dl_lead_t *out);
/* Splits a dateline as printed ("CANTON, Mass./BOSTON", the DATELINE field) into its places
 * and their qualifiers. Returns 1 and fills out (text, places, qualifiers), or 0. */
int dl_lead_split(const char *printed, dl_lead_t *out);
/* A headline from a lead sentence: its first sentence, cut at a word boundary near `max` bytes
 * with "..." added when cut. Returns a malloc'ed string or NULL. */
char *dl_headline_from_lead(const char *s, size_t n, size_t max);

/* ---- places (extract-places.c) ---- */
/* Finds the places of an article (see dateline_index_add()). */
dateline_status_t dl_extract_places(dateline_article_t *a);
/* The same, with each decision recorded in trace (lib/trace.h) when it is not NULL. */
dateline_status_t dl_extract_places_traced(dateline_article_t *a, dl_trace_t *trace);

/* ---- groups (extract-groups.c) ---- */
/* Finds the groups of an article: sets GROUPS (display names, most salient first; labels its
 * source gave are replaced by the built-in names they match) and ACRONYMS, and puts up to
 * `cap` definitions the text makes in defs (*ndefs of them). When `salience` is not NULL it
 * gets each group's salience (up to salience_cap of them). Depends on the article alone. */
dateline_status_t dl_extract_groups(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                    size_t *ndefs, int *salience, size_t salience_cap);
/* The same, with each decision recorded in trace (lib/trace.h) when it is not NULL. */
dateline_status_t dl_extract_groups_traced(dateline_article_t *a, dl_definition_t *defs,
                                           size_t cap, size_t *ndefs, int *salience,
                                           size_t salience_cap, dl_trace_t *trace);

/* ---- explaining (explain.c) ---- */
/* The explain entry of the extractors: the source's labels, which are not stored apart, are
 * inferred from the stored saliences and order. */
dateline_status_t dl_extract_explain(const dateline_article_t *a, dl_trace_t *trace);

/* ---- the extractors (extract.c) ---- */
/* The extractors of indexer/ (places, then groups), given to an index by dateline_index_open()
 * (index-defaults.c). */
extern const dl_extractor_t dl_extractors;
#ifdef __cplusplus
}
#endif

#endif
