/* gazetteer-load.c: the gazetteer's tables read from their text (data/gazetteer.tsv,
 * data/groups.tsv, data/fold.tsv): rows cut into places, each place's parents, country and
 * territory linked by id, every naming folded into its key, the keys hashed. Only tools/gaz-pack
 * runs this, at build time; the library gets the result as C (lib/gazetteer-packed.c). */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "gazetteer-tables.h"

/* A table being built: what dl_gaz_table_t holds, writable. */
typedef struct {
    dl_place_t *places;
    size_t nplaces;
    dl_naming_t *namings;
    size_t nnamings;
    char *keys;
    size_t keybytes; /* used */
    int *historical;
    size_t nhistorical;
    dl_gaz_slot_t *slots;
    size_t nslots;
    int *territory; /* 24 a place */
    const dl_fold_row_t *fold;
} build_t;

void dl_fold_from_text(dl_fold_row_t *to, const char *data, size_t size)
{
    const char *p = data, *end = data + size;
    while (p < end) {
        char *tab;
        unsigned long cp = strtoul(p, &tab, 16);
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        if (*tab == '\t' && cp >= DL_FOLD_FIRST && cp <= DL_FOLD_LAST) {
            size_t n = (size_t)(nl - tab - 1);
            if (n < sizeof to[0])
                memcpy(to[cp - DL_FOLD_FIRST], tab + 1, n);
        }
        p = nl + 1;
    }
}


static dl_place_kind_t kind_of(const char *s, int *capital)
{
    *capital = strcmp(s, "capital") == 0;
    if (strcmp(s, "continent") == 0) return DL_CONTINENT;
    if (strcmp(s, "region") == 0) return DL_REGION;
    if (strcmp(s, "country") == 0) return DL_COUNTRY;
    if (strcmp(s, "historical") == 0) return DL_HISTORICAL;
    if (strcmp(s, "admin1") == 0) return DL_ADMIN1;
    if (strcmp(s, "feature") == 0) return DL_FEATURE;
    if (strcmp(s, "city") == 0 || strcmp(s, "town") == 0 || *capital) return DL_CITY;
    return DL_GROUP;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const dl_place_t *)a)->id, ((const dl_place_t *)b)->id);
}

static int find_id_in(const build_t *t, const char *id)
{
    dl_place_t key;
    key.id = id;
    const dl_place_t *p = bsearch(&key, t->places, t->nplaces, sizeof key, cmp_id);
    return p ? (int)(p - t->places) : -1;
}

typedef struct {
    uint32_t key;      /* offset into keys */
    uint32_t len;
    dl_naming_t naming;
} raw_t;

/* The columns of the table's rows that are resolved once every row is read. */
typedef struct {
    char **country, **parents, **names, **territory;
    char **kind; /* "town": a small town, named only with its qualifier */
} columns_t;

/* Cuts the table's text t into rows of fields (id kind name country parents population names,
 * and until territory for a historical place), counting the namings and their keys' bytes. */
static void cut_rows(build_t *g, char *t, columns_t *cols, size_t *nnames, size_t *keybytes)
{
    for (char *line = t; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *f[9] = {0};
        int nf = 0;
        for (char *c = line; nf < 9; nf++) {
            f[nf] = c;
            char *tab = strchr(c, '\t');
            if (!tab) {
                nf++;
                break;
            }
            *tab = '\0';
            c = tab + 1;
        }
        if (nf == 7 || nf == 9) {
            dl_place_t *p = &g->places[g->nplaces];
            if (nf == 9) {
                p->until = (uint32_t)strtoul(f[7], NULL, 10);
                cols->territory[g->nplaces] = f[8];
                g->historical[g->nhistorical++] = (int)g->nplaces;
            }
            p->id = f[0];
            p->kind = kind_of(f[1], &p->capital);
            p->name = f[2];
            p->population = (uint32_t)strtoul(f[5], NULL, 10);
            cols->country[g->nplaces] = f[3];
            cols->parents[g->nplaces] = f[4];
            cols->names[g->nplaces] = f[6];
            cols->kind[g->nplaces] = f[1];
            *nnames += 1;
            *keybytes += strlen(f[2]) + 1;
            for (char *c = f[6]; *c; c++)
                if (*c == '|')
                    (*nnames)++;
            if (*f[6])
                (*nnames)++;
            *keybytes += strlen(f[6]) + 1;
            g->nplaces++;
        }
        if (!nl)
            break;
        line = nl + 1;
    }
}

/* Each place's country, territory and parents by index: the table is sorted by id, so they
 * are found by binary search. */
static void link_places(build_t *g, const columns_t *cols)
{
    for (size_t i = 0; i < g->nplaces; i++) {
        dl_place_t *p = &g->places[i];
        p->country = *cols->country[i] ? find_id_in(g, cols->country[i]) : -1;
        p->territory = g->territory + 24 * i;
        for (char *c = cols->territory[i]; c && *c && p->nterritory < 24;) {
            char *comma = strchr(c, ',');
            if (comma)
                *comma = '\0';
            int k = find_id_in(g, c);
            if (k >= 0)
                g->territory[24 * i + (size_t)p->nterritory++] = k;
            if (!comma)
                break;
            c = comma + 1;
        }
        for (char *c = cols->parents[i]; *c && p->nparents < DL_MAX_PARENTS;) {
            char *comma = strchr(c, ',');
            if (comma)
                *comma = '\0';
            int k = find_id_in(g, c);
            if (k >= 0 && k != (int)i)
                p->parents[p->nparents++] = k;
            if (!comma)
                break;
            c = comma + 1;
        }
    }
}

/* Every naming of every place (its name, and each of its names, '|'-separated) into raw, with
 * its folded key in g->keys. Returns how many. */
static size_t fold_namings(build_t *g, const columns_t *cols, raw_t *raw, size_t keybytes)
{
    size_t nraw = 0, ko = 0;
    for (size_t i = 0; i < g->nplaces; i++) {
        const char *list[2] = {g->places[i].name, cols->names[i]};
        int town = strcmp(cols->kind[i], "town") == 0;
        for (int l = 0; l < 2; l++) {
            for (const char *c = list[l]; *c;) {
                const char *bar = l ? strchr(c, '|') : NULL;
                size_t len = bar ? (size_t)(bar - c) : strlen(c);
                int adjective = *c == '~', dateline = *c == '!', weak = *c == '?';
                const char *nm = c + adjective + dateline + weak;
                size_t nl = len - (size_t)(adjective + dateline + weak);
                size_t klen = dl_fold_using(g->fold, nm, nl, g->keys + ko, keybytes + 1 - ko);
                if (klen) {
                    int upper = 0, lower = 0, words = 1, parts = 1;
                    for (size_t j = 0; j < nl; j++) {
                        upper += nm[j] >= 'A' && nm[j] <= 'Z';
                        lower += nm[j] >= 'a' && nm[j] <= 'z';
                        words += nm[j] == ' ';
                        parts += nm[j] == ' ' || (nm[j] == '-' && j && nm[j - 1] != ' ');
                    }
                    raw[nraw].key = (uint32_t)ko;
                    raw[nraw].len = (uint32_t)klen;
                    raw[nraw].naming.place = (int)i;
                    raw[nraw].naming.adjective = (unsigned)adjective;
                    raw[nraw].naming.acronym = upper >= 2 && !lower;
                    raw[nraw].naming.dateline = (unsigned)dateline;
                    raw[nraw].naming.weak = (unsigned)weak;
                    raw[nraw].naming.town = (unsigned)town;
                    raw[nraw].naming.tokens = (unsigned)(words > 15 ? 15 : words);
                    raw[nraw].naming.parts = (unsigned)(parts > 15 ? 15 : parts);
                    nraw++;
                    ko += klen + 1;
                }
                if (!bar)
                    break;
                c = bar + 1;
            }
        }
    }
    g->keybytes = ko;
    return nraw;
}

/* The namings (raw, nraw of them) into g->namings, grouped by key, each key's run found through
 * the hash table g->slots; within a run, in the table's order, the small towns' last. No sort:
 * one pass finds each naming's slot and counts, one gives each key its run, one fills the
 * runs. Returns 0 when memory ran out. */
static int hash_namings(build_t *g, const raw_t *raw, size_t nraw)
{
    const size_t mask = g->nslots - 1;
    uint32_t *slot_of = malloc((nraw ? nraw : 1) * sizeof *slot_of);
    uint32_t *filled = calloc(g->nslots * 2, sizeof *filled); /* others', then towns' */
    if (!slot_of || !filled) {
        free(slot_of);
        free(filled);
        return 0;
    }
    for (size_t i = 0; i < nraw; i++) {
        const char *k = g->keys + raw[i].key;
        uint32_t h = dl_gaz_key_hash(k, raw[i].len);
        size_t s = h & mask;
        while (g->slots[s].hash &&
               !(g->slots[s].hash == h && strcmp(g->keys + g->slots[s].key, k) == 0))
            s = (s + 1) & mask;
        if (!g->slots[s].hash) {
            g->slots[s].hash = h;
            g->slots[s].key = raw[i].key;
        }
        if (raw[i].naming.town)
            g->slots[s].towns++;
        else
            g->slots[s].count++;
        slot_of[i] = (uint32_t)s;
    }
    uint32_t next = 0;
    for (size_t i = 0; i < nraw; i++) { /* runs in the order keys first appear */
        dl_gaz_slot_t *sl = &g->slots[slot_of[i]];
        if (!filled[slot_of[i]]++) {
            sl->first = next;
            next += sl->count + sl->towns;
        }
    }
    memset(filled, 0, g->nslots * 2 * sizeof *filled);
    for (size_t i = 0; i < nraw; i++) {
        const dl_gaz_slot_t *sl = &g->slots[slot_of[i]];
        size_t at = raw[i].naming.town ? sl->count + filled[g->nslots + slot_of[i]]++
                                       : filled[slot_of[i]]++;
        g->namings[sl->first + at] = raw[i].naming;
    }
    g->nnamings = nraw;
    free(slot_of);
    free(filled);
    return 1;
}

int dl_gaz_table_from_text(dl_gaz_table_t *out, const char *data, size_t size,
                           const dl_fold_row_t *fold)
{
    build_t b = {0}, *g = &b;
    g->fold = fold;
    char *t = malloc(size + 1);
    if (!t)
        return 0;
    memcpy(t, data, size);
    t[size] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += t[i] == '\n';
    g->places = calloc(lines, sizeof *g->places);
    columns_t cols = {calloc(lines, sizeof(char *)), calloc(lines, sizeof(char *)),
                      calloc(lines, sizeof(char *)), calloc(lines, sizeof(char *)),
                      calloc(lines, sizeof(char *))};
    g->historical = calloc(lines, sizeof *g->historical);
    g->territory = calloc(lines * 24, sizeof *g->territory);
    if (!g->places || !cols.country || !cols.parents || !cols.names || !cols.territory ||
        !cols.kind || !g->historical || !g->territory)
        return 0;
    size_t nnames = 0, keybytes = 0;
    cut_rows(g, t, &cols, &nnames, &keybytes);
    link_places(g, &cols);
    raw_t *raw = malloc((nnames ? nnames : 1) * sizeof *raw);
    g->keys = malloc(keybytes + 1);
    if (!raw || !g->keys)
        return 0;
    size_t nraw = fold_namings(g, &cols, raw, keybytes);
    g->namings = malloc((nraw ? nraw : 1) * sizeof *g->namings);
    g->nslots = 1;
    while (g->nslots < nraw * 2)
        g->nslots *= 2;
    g->slots = calloc(g->nslots, sizeof *g->slots);
    if (!g->namings || !g->slots || !hash_namings(g, raw, nraw))
        return 0;
    free(raw);
    free(cols.country);
    free(cols.parents);
    free(cols.names);
    free(cols.territory);
    free(cols.kind);
    *out = (dl_gaz_table_t){g->places, g->nplaces, g->namings, g->nnamings, g->keys,
                            g->keybytes, g->historical, g->nhistorical, g->slots, g->nslots};
    return 1;
}
