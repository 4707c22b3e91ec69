/* gazetteer-tables.h: the gazetteer's tables as the library reads them, and how they are made.
 * tools/gaz-pack reads data/gazetteer.tsv, data/groups.tsv and data/fold.tsv (compiled into it)
 * with lib/gazetteer-load.c and writes the tables out as C (lib/gazetteer-packed.c), so that
 * the library has them ready at no cost when a program starts: lib/gazetteer.c only looks up. */
#ifndef DL_GAZETTEER_TABLES_H
#define DL_GAZETTEER_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"

/* A slot of the open-addressing table over the folded keys. */
typedef struct {
    uint32_t hash;  /* of the key; 0: empty slot */
    uint32_t key;   /* offset of the NUL-terminated key in keys */
    uint32_t first; /* first of its namings in namings[] */
    uint16_t count; /* how many (a key has at most a few hundred) */
    uint16_t towns; /* and after them, how many of small towns (dl_gaz_lookup_all()) */
} dl_gaz_slot_t;

/* A place as built into the library: dl_place_t with offsets where it has pointers, so that
 * the tables are read-only data that no relocation touches when a program starts. */
typedef struct {
    uint32_t id, name; /* offsets in the table's strings */
    int country;
    int parents[DL_MAX_PARENTS];
    int nparents;
    uint32_t population;
    int kind; /* a dl_place_kind_t */
    int capital;
    uint32_t until;
    uint32_t territory; /* offset in the table's territory */
    int nterritory;
} dl_packed_place_t;

/* A table as built into the library (lib/gazetteer-packed.c). */
typedef struct {
    const dl_packed_place_t *places; /* sorted by id */
    size_t nplaces;
    const char *strings;  /* the places' ids and names, NUL-terminated */
    const int *territory; /* the historical states' territories, one after the other */
    const dl_naming_t *namings;
    size_t nnamings;
    const char *keys;
    const int *historical;
    size_t nhistorical;
    const dl_gaz_slot_t *slots;
    size_t nslots;
} dl_gaz_packed_t;

/* A table of places (or groups) and their namings, as lib/gazetteer-load.c reads it. */
typedef struct {
    const dl_place_t *places; /* sorted by id */
    size_t nplaces;
    const dl_naming_t *namings; /* grouped by key; a key's in the table's order */
    size_t nnamings;
    const char *keys; /* every key, NUL-terminated */
    size_t keybytes;
    const int *historical; /* indexes of the historical states */
    size_t nhistorical;
    const dl_gaz_slot_t *slots; /* a power of two of them */
    size_t nslots;
} dl_gaz_table_t;

/* What each code point from U+0080 to U+1FFF folds to: its base letters in lower case. */
#define DL_FOLD_FIRST 0x80
#define DL_FOLD_LAST 0x1FFF
typedef char dl_fold_row_t[8];

/* ---- lib/fold.c ---- */
/* dl_gaz_fold() with the fold table `to`. */
size_t dl_fold_using(const dl_fold_row_t *to, const char *s, size_t n, char *out, size_t cap);
/* The hash of a folded key (n bytes) in the slots; never 0. */
uint32_t dl_gaz_key_hash(const char *k, size_t n);

/* ---- the tables' text (lib/gazetteer-data.c and the like, by tools/tsv2c.awk) ---- */
extern const char dl_gazetteer_tsv[];
extern const size_t dl_gazetteer_tsv_len;
extern const char dl_groups_tsv[];
extern const size_t dl_groups_tsv_len;
extern const char dl_fold_tsv[];
extern const size_t dl_fold_tsv_len;

/* ---- lib/gazetteer-load.c (tools/gaz-pack only) ---- */
/* The fold table from data/fold.tsv's text (to: DL_FOLD_LAST - DL_FOLD_FIRST + 1 rows, zeroed). */
void dl_fold_from_text(dl_fold_row_t *to, const char *data, size_t size);
/* A table from the text of data/gazetteer.tsv or data/groups.tsv (sorted by id), keys folded
 * with `fold`. Returns 0 when memory ran out. The table's memory is never freed. */
int dl_gaz_table_from_text(dl_gaz_table_t *t, const char *data, size_t size,
                           const dl_fold_row_t *fold);

/* ---- lib/gazetteer-packed.c (written by tools/gaz-pack) ---- */
extern const dl_gaz_packed_t dl_packed_places;
extern const dl_gaz_packed_t dl_packed_groups;
extern const dl_fold_row_t dl_packed_fold[DL_FOLD_LAST - DL_FOLD_FIRST + 1];

#endif
