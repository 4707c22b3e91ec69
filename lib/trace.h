/* trace.h: the recorder an extractor writes its decisions into when asked to explain an
 * article (dateline_index_explain()): which words it took for which place or group, by what
 * rule, and which candidates lost. During ingest no recorder is given (NULL) and every call
 * below returns at once. */
#ifndef DL_TRACE_H
#define DL_TRACE_H

#include <stddef.h>
#include "dateline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The recorder is the explanation being built: the public handle, seen from inside. */
typedef struct dateline_explanation dl_trace_t;

typedef enum {
    DL_TRACE_PLACE = DATELINE_ENTITY_PLACE,
    DL_TRACE_GROUP = DATELINE_ENTITY_GROUP,
    DL_TRACE_LEARNED = DATELINE_ENTITY_LEARNED,
    DL_TRACE_ACRONYM /* an acronym the text uses that nothing in it explains */
} dl_trace_kind_t;

/* A new, empty recorder (free with dateline_explanation_destroy()); NULL when memory ran out. */
dl_trace_t *dl_trace_new(void);
/* Says where the n bytes at p come from: value `nth` of `field`, from byte `offset` of it.
 * Mentions are located by the text their words point into. */
void dl_trace_text(dl_trace_t *t, const char *p, size_t n, dateline_field_t field, size_t nth,
                   size_t offset);
/* The words from `from` to `to` (pointers into a text given to dl_trace_text()) were taken for
 * the entity `key` of `kind` (a place id, a group's key), named `name`, by `rule`: a short
 * stable name that the explanation keeps as it is (a string literal). */
void dl_trace_mention(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *name,
                      const char *from, const char *to, const char *rule);
/* Another entry (id, name) lost to the entity `key` for the last words taken for it: why, as
 * printf would write it. The first reason given for a candidate is kept. */
void dl_trace_beat(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *id,
                   const char *name, const char *why, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Entity `to` counts the mentions entity `from` has so far, by `rule` (a historical state
 * counts the places that lay in it). */
void dl_trace_inherit(dl_trace_t *t, dl_trace_kind_t kind, const char *from, const char *to,
                      const char *to_name, const char *rule);
/* The extractor's answer: entity `key` is next in its list, named `name`, with `salience`.
 * Entities never given here were dropped and are not explained. */
void dl_trace_final(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *name,
                    int salience);
/* Mentions in value k of `field` (k < n) stand in value to[k] of it instead: labels given to
 * a run of extraction, renumbered as the article stores them. */
void dl_trace_renumber(dl_trace_t *t, dateline_field_t field, const size_t *to, size_t n);
/* Whether the extraction the trace records gave exactly the stored places and groups. */
void dl_trace_set_exact(dl_trace_t *t, int exact);

/* The acronyms recorded (DL_TRACE_ACRONYM): i-th key in *key, from 0; 0 past the last. */
int dl_trace_acronym(const dl_trace_t *t, size_t i, const char **key);
/* The mentions of acronym `key` are taken for a group by an alias the index learned
 * (`group` its display name, `group_key` its folded name): added to that group's mentions
 * when the article has it, else to a DL_TRACE_LEARNED entity. */
void dl_trace_learned(dl_trace_t *t, const char *key, const char *group, const char *group_key,
                      const char *rule);
/* Puts the explanation in its final order: the extractor's answer as given, then the groups of
 * learned aliases; everything else goes. Returns DATELINE_OK or DATELINE_NO_MEMORY (any
 * allocation that failed while recording). */
dateline_status_t dl_trace_finish(dl_trace_t *t);

#ifdef __cplusplus
}
#endif

#endif
