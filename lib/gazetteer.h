/* gazetteer.h: the built-in gazetteer: places, their names and parents, looked up by folded name. */
#ifndef DL_GAZETTEER_H
#define DL_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DL_CONTINENT, DL_REGION, DL_COUNTRY, DL_HISTORICAL, DL_ADMIN1, DL_CITY, DL_FEATURE,
    DL_GROUP /* an entry of the groups table */
} dl_place_kind_t;

#define DL_MAX_PARENTS 8

typedef struct {
    const char *id;           /* "sy", "sy.07", "g170794", "middle-east" */
    const char *name;         /* display name */
    int country;              /* index of its country, or -1 */
    int parents[DL_MAX_PARENTS]; /* indexes of its parents */
    int nparents;
    uint32_t population;
    dl_place_kind_t kind;
    int capital;              /* a country's capital city */
    uint32_t until;           /* historical states: last day, YYYYMMDD; 0 for others */
    const int *territory;     /* historical states: countries or regions they covered */
    int nterritory;
} dl_place_t;

/* One way of naming a place. */
typedef struct {
    int place;                /* index into the places */
    unsigned adjective : 1;   /* "Syrian": points to the place less strongly */
    unsigned acronym : 1;     /* "USA": must be written in capitals */
    unsigned dateline : 1;    /* "N.J.": only a dateline names a place so */
    unsigned tokens : 4;      /* how many words the name has */
    unsigned parts : 4;       /* and how many with its hyphens cutting words too */
    unsigned weak : 1;        /* "?Foundation": a group's name that counts only when confirmed */
    unsigned town : 1;        /* a small town's (kind "town" in the table): it names the town
                                 only with its region or country after it ("Selma, Alabama"),
                                 and only dl_gaz_lookup_all() gives it */
} dl_naming_t;

/* The gazetteer is built into the library (lib/gazetteer-packed.c, made by tools/gaz-pack):
 * looking up names and ids costs nothing to load. Its places are made into dl_place_t once,
 * on first use (dl_gaz_place(), dl_grp_get(), or this): 0 if memory ran out for them, and
 * then dl_gaz_place() and dl_grp_get() return NULL. */
int dl_gaz_load(void);
size_t dl_gaz_count(void);
const dl_place_t *dl_gaz_place(int i);
/* The place with this id, or -1. */
int dl_gaz_find_id(const char *id);
/* The namings whose folded key is `key` (n bytes); *count gets how many. NULL (and 0) when
 * there are none. The small towns' namings are not among them. */
const dl_naming_t *dl_gaz_lookup(const char *key, size_t n, size_t *count);
/* The same with the small towns' namings (naming.town) after the others: for the one reader
 * that checks a town's qualifier (indexer/extract-places-mentions.c). */
const dl_naming_t *dl_gaz_lookup_all(const char *key, size_t n, size_t *count);
/* Appends the folded key of n bytes of UTF-8 text to out (cap bytes, NUL-terminated);
 * returns the key's length. Letters lose their accents and case, everything but letters and
 * digits goes: "Deir ez-Zor" and "Deir Ezzor" both give "deirezzor". */
size_t dl_gaz_fold(const char *s, size_t n, char *out, size_t cap);
/* The built-in groups (data/groups.tsv), in the same form: namings by folded key, and a
 * group by index (its id is its key, its name the display name). */
const dl_naming_t *dl_grp_lookup(const char *key, size_t n, size_t *count);
const dl_place_t *dl_grp_get(int i);

/* The historical states (indexes), *count of them. */
const int *dl_gaz_historical(size_t *count);
/* Whether place a is b or lies within b (following parents). */
int dl_gaz_within(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
