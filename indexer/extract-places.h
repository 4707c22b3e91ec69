/* extract-places.h: what the files of places share (indexer/extract-places*.c): a mention of a
 * place in a story's words, and how the place it stands for is chosen. */
#ifndef DL_EXTRACT_PLACES_H
#define DL_EXTRACT_PLACES_H

#include <stdint.h>
#include "extract.h"
#include "gazetteer.h"
#include "words.h"

#define PHRASE_MAX 96    /* bytes of the folded key of a phrase */
#define MAX_MENTIONS 512 /* per article: past this, the rest is not looked at */

/* Salience weights: where a place is named counts, and a name counts more than an adjective. */
enum { W_TITLE = 6, W_LEAD = 4, W_BODY = 2, W_DATELINE = 4, W_LABEL = 20 };

typedef struct {
    size_t first, count;           /* words */
    const dl_naming_t *namings;    /* the namings of its key */
    size_t nnamings;               /* (at most 64) */
    uint64_t usable;               /* bit k: namings[k] can stand for these words */
    int chosen;                    /* place index, or -1 */
    int within;                    /* a qualifier's place ("CANTON, Mass."), or -1 */
    int adjective;
    int weight;
    size_t qwords;                 /* words of the qualifier read with it */
} mention_t;


/* ---- choosing (extract-places-choose.c) ---- */
/* Whether a naming is weak: a single-word city or region that needs support from the story. */
int dl_places_weak(const dl_naming_t *nm);
/* How likely a place of its kind is to be the one a name means. */
double dl_places_kind_score(const dl_place_t *p);
/* The country place i belongs to, or i itself for countries and the like. */
int dl_places_country_of(int i);
/* The place a mention stands for in a story naming these countries, or -1. */
int dl_places_choose(const mention_t *m, const int *countries, size_t ncountries);
/* Records in tr (may be NULL) why each other candidate of m lost to m->chosen. */
void dl_places_beaten(dl_trace_t *tr, const mention_t *m, const int *countries, size_t nc);
/* The first-level region or country the n bytes of a qualifier name ("Mass."), one that holds
 * a place mention m (may be NULL) can stand for first; or -1. */
int dl_places_qualifier(const char *s, size_t n, const mention_t *m);
/* The usable namings of m less the small towns' (naming.town) its qualifier does not hold. */
uint64_t dl_places_qualified(const mention_t *m);
/* The first naming of a mention that can stand for its words, or NULL. */
const dl_naming_t *dl_places_first_usable(const mention_t *m);

/* ---- mentions (extract-places-mentions.c) ---- */
/* "London-based": a capitalised name before a hyphen and lower case ends at the hyphen. */
void dl_places_split_compounds(words_t *ws);
/* "St. Petersburg": an abbreviated Saint's full stop ends no name before a capitalised word. */
void dl_places_join_saints(words_t *ws);
/* "Iran-Iraq": words from `from` on made of places' names joined by hyphens are read as their
 * names; ws->failed when memory ran out. */
void dl_places_split_hyphens(words_t *ws, size_t from);
/* Fills ms (room for MAX_MENTIONS) with the mentions of places in the words, people's names
 * set aside; returns how many. */
size_t dl_places_find_mentions(const words_t *ws, mention_t *ms, int all_caps_title);
/* Drops the mentions that stand for sports teams; returns how many are kept. */
size_t dl_places_drop_teams(const words_t *ws, const size_t *parts, mention_t *ms, size_t nm);

#endif
