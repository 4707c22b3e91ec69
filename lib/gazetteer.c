/* gazetteer.c: the built-in gazetteer and groups, looked up by folded name and by id. The tables
 * are built into the library as read-only data (lib/gazetteer-packed.c, written at build time by
 * tools/gaz-pack from data/gazetteer.tsv, data/groups.tsv and data/fold.tsv), so there is nothing
 * to load: a lookup touches only the pages it reads, and the places are made into dl_place_t
 * (pointers, not offsets) once, when one is first asked for. */
#include <config.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "gazetteer-tables.h"

static const dl_gaz_packed_t *const gaz = &dl_packed_places; /* the places */
static const dl_gaz_packed_t *const grp = &dl_packed_groups; /* the groups */

/* The places of a table as dl_place_t, made on first use: lookups by name or id need none. */
typedef struct {
    const dl_gaz_packed_t *from;
    dl_place_t *places;
    pthread_once_t once;
} expanded_t;

static expanded_t gaz_places = {&dl_packed_places, NULL, PTHREAD_ONCE_INIT};
static expanded_t grp_places = {&dl_packed_groups, NULL, PTHREAD_ONCE_INIT};

static void expand(expanded_t *e)
{
    const dl_gaz_packed_t *t = e->from;
    dl_place_t *all = calloc(t->nplaces ? t->nplaces : 1, sizeof *all);
    for (size_t i = 0; all && i < t->nplaces; i++) {
        const dl_packed_place_t *q = &t->places[i];
        dl_place_t *p = &all[i];
        p->id = t->strings + q->id;
        p->name = t->strings + q->name;
        p->country = q->country;
        memcpy(p->parents, q->parents, sizeof p->parents);
        p->nparents = q->nparents;
        p->population = q->population;
        p->kind = (dl_place_kind_t)q->kind;
        p->capital = q->capital;
        p->until = q->until;
        p->territory = q->nterritory ? t->territory + q->territory : NULL;
        p->nterritory = q->nterritory;
    }
    e->places = all;
}

static void expand_gaz(void) { expand(&gaz_places); }
static void expand_grp(void) { expand(&grp_places); }

/* Place i of a table, or NULL (i out of range, or no memory for the places). */
static const dl_place_t *place_in(expanded_t *e, void (*once)(void), int i)
{
    if (i < 0 || (size_t)i >= e->from->nplaces)
        return NULL;
    pthread_once(&e->once, once);
    return e->places ? &e->places[i] : NULL;
}

size_t dl_gaz_fold(const char *s, size_t n, char *out, size_t cap)
{
    return dl_fold_using(dl_packed_fold, s, n, out, cap);
}

int dl_gaz_find_id(const char *id)
{
    size_t lo = 0, hi = gaz->nplaces;
    while (id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, gaz->strings + gaz->places[mid].id);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

const int *dl_gaz_historical(size_t *count)
{
    *count = gaz->nhistorical;
    return gaz->historical;
}

int dl_gaz_load(void)
{
    return place_in(&gaz_places, expand_gaz, 0) && place_in(&grp_places, expand_grp, 0);
}

size_t dl_gaz_count(void) { return gaz->nplaces; }

const dl_place_t *dl_gaz_place(int i) { return place_in(&gaz_places, expand_gaz, i); }

static const dl_naming_t *lookup(const dl_gaz_packed_t *g, const char *key, size_t n,
                                 size_t *count, int towns)
{
    *count = 0;
    if (!n)
        return NULL;
    uint32_t h = dl_gaz_key_hash(key, n);
    for (size_t s = h & (g->nslots - 1); g->slots[s].hash; s = (s + 1) & (g->nslots - 1)) {
        const dl_gaz_slot_t *sl = &g->slots[s];
        const char *k = g->keys + sl->key;
        if (sl->hash == h && strncmp(k, key, n) == 0 && k[n] == '\0') {
            *count = sl->count + (towns ? sl->towns : 0);
            return *count ? g->namings + sl->first : NULL;
        }
    }
    return NULL;
}

const dl_naming_t *dl_gaz_lookup(const char *key, size_t n, size_t *count)
{
    return lookup(gaz, key, n, count, 0);
}

const dl_naming_t *dl_gaz_lookup_all(const char *key, size_t n, size_t *count)
{
    return lookup(gaz, key, n, count, 1);
}

const dl_naming_t *dl_grp_lookup(const char *key, size_t n, size_t *count)
{
    return lookup(grp, key, n, count, 0);
}

const dl_place_t *dl_grp_get(int i) { return place_in(&grp_places, expand_grp, i); }

static int within(int a, int b, int depth)
{
    if (a == b)
        return 1;
    if (depth > 8 || a < 0)
        return 0;
    const dl_packed_place_t *p = &gaz->places[a];
    for (int i = 0; i < p->nparents; i++)
        if (within(p->parents[i], b, depth + 1))
            return 1;
    return 0;
}

int dl_gaz_within(int a, int b) { return within(a, b, 0); }

const char *dateline_place_name(const char *id)
{
    int i = dl_gaz_find_id(id);
    return i >= 0 ? gaz->strings + gaz->places[i].name : NULL;
}
