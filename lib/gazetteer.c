/* gazetteer.c: loads the built-in gazetteer (data/gazetteer.tsv, compiled in) and finds places by name. */
#include <config.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"
#include "gazetteer.h"

extern const char dl_gazetteer_tsv[];
extern const size_t dl_gazetteer_tsv_len;
extern const char dl_groups_tsv[];
extern const size_t dl_groups_tsv_len;

typedef struct {
    uint32_t hash;      /* of the key; 0: empty slot */
    uint32_t key;       /* offset of the NUL-terminated key in keys */
    uint32_t first;     /* first of its namings in namings[] */
    uint32_t count;     /* how many */
} slot_t;

typedef struct {
    char *text;             /* a copy of the table, cut into NUL-terminated fields */
    dl_place_t *places;
    size_t nplaces;
    dl_naming_t *namings;   /* grouped by key */
    size_t nnamings;
    char *keys;             /* every key, NUL-terminated */
    int *historical;        /* indexes of the historical states */
    size_t nhistorical;
    slot_t *slots;          /* open addressing over keys */
    size_t nslots;
    int ok;
} table_t;

static table_t gaz;  /* the places */
static table_t grp;  /* the groups */


static pthread_once_t once = PTHREAD_ONCE_INIT;

/* What each code point from U+0080 to U+1FFF folds to (data/fold.tsv, which the data builders
 * read too): its base letters in lower case, or nothing. */
#define FOLD_FIRST 0x80
#define FOLD_LAST 0x1FFF
extern const char dl_fold_tsv[];
extern const size_t dl_fold_tsv_len;
static char fold_to[FOLD_LAST - FOLD_FIRST + 1][8];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void load_fold(void)
{
    const char *p = dl_fold_tsv, *end = dl_fold_tsv + dl_fold_tsv_len;
    while (p < end) {
        char *tab;
        unsigned long cp = strtoul(p, &tab, 16);
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        if (*tab == '\t' && cp >= FOLD_FIRST && cp <= FOLD_LAST) {
            size_t n = (size_t)(nl - tab - 1);
            if (n < sizeof fold_to[0])
                memcpy(fold_to[cp - FOLD_FIRST], tab + 1, n);
        }
        p = nl + 1;
    }
}

/* Past the table: punctuation and signs fold to nothing, other characters (CJK) to themselves. */
static int sign(unsigned cp)
{
    return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20) || cp == 0xFEFF ||
           (cp >= 0xE000 && cp <= 0xF8FF);
}

size_t dl_gaz_fold(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    pthread_once(&fold_once, load_fold);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (o + 1 < cap)
                    out[o++] = (char)c;
            } else if (c >= 'A' && c <= 'Z') {
                if (o + 1 < cap)
                    out[o++] = (char)(c + 32);
            }
            i++;
            continue;
        }
        size_t k = dl_utf8_seqlen(p + i, n - i);
        if (!k) {
            i++;
            continue;
        }
        unsigned cp = k == 2 ? ((c & 0x1F) << 6) | (p[i + 1] & 0x3F) : 0;
        if (k == 3)
            cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        const char *to = NULL;
        size_t tn = 0;
        if (cp >= FOLD_FIRST && cp <= FOLD_LAST) {
            to = fold_to[cp - FOLD_FIRST];
            tn = strlen(to);
        } else if (k == 4 || !sign(cp)) {
            to = s + i;
            tn = k;
        }
        if (tn && o + tn < cap) { /* a sign is dropped: nothing to copy (to is NULL) */
            memcpy(out + o, to, tn);
            o += tn;
        }
        i += k;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return o;
}

static uint32_t hash_key(const char *k, size_t n)
{
    uint32_t h = (uint32_t)dl_hash64(k, n, 7);
    return h ? h : 1;
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
    if (strcmp(s, "city") == 0 || *capital) return DL_CITY;
    return DL_GROUP;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const dl_place_t *)a)->id, ((const dl_place_t *)b)->id);
}

static int find_id_in(const table_t *t, const char *id)
{
    dl_place_t key;
    key.id = id;
    const dl_place_t *p = bsearch(&key, t->places, t->nplaces, sizeof key, cmp_id);
    return p ? (int)(p - t->places) : -1;
}

static int find_id(const char *id) { return find_id_in(&gaz, id); }

int dl_gaz_find_id(const char *id) { return dl_gaz_load() ? find_id(id) : -1; }

typedef struct {
    uint32_t key;      /* offset into keys */
    uint32_t len;
    dl_naming_t naming;
} raw_t;

/* The columns of the table's rows that are resolved once every row is read. */
typedef struct {
    char **country, **parents, **names, **territory;
} columns_t;

/* Cuts the table's text t into rows of fields (id kind name country parents population names,
 * and until territory for a historical place), counting the namings and their keys' bytes. */
static void cut_rows(table_t *g, char *t, columns_t *cols, size_t *nnames, size_t *keybytes)
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
static void link_places(table_t *g, const columns_t *cols)
{
    for (size_t i = 0; i < g->nplaces; i++) {
        dl_place_t *p = &g->places[i];
        p->country = *cols->country[i] ? find_id_in(g, cols->country[i]) : -1;
        for (char *c = cols->territory[i]; c && *c && p->nterritory < 24;) {
            char *comma = strchr(c, ',');
            if (comma)
                *comma = '\0';
            int k = find_id_in(g, c);
            if (k >= 0)
                p->territory[p->nterritory++] = k;
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
static size_t fold_namings(table_t *g, char **names, raw_t *raw, size_t keybytes)
{
    size_t nraw = 0, ko = 0;
    for (size_t i = 0; i < g->nplaces; i++) {
        const char *list[2] = {g->places[i].name, names[i]};
        for (int l = 0; l < 2; l++) {
            for (const char *c = list[l]; *c;) {
                const char *bar = l ? strchr(c, '|') : NULL;
                size_t len = bar ? (size_t)(bar - c) : strlen(c);
                int adjective = *c == '~', dateline = *c == '!', weak = *c == '?';
                const char *nm = c + adjective + dateline + weak;
                size_t nl = len - (size_t)(adjective + dateline + weak);
                size_t klen = dl_gaz_fold(nm, nl, g->keys + ko, keybytes + 1 - ko);
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
    return nraw;
}

/* The namings (raw, nraw of them) into g->namings, grouped by key, each key's run found through
 * the hash table g->slots; within a run, in the table's order. No sort: one pass finds each
 * naming's slot and counts, one gives each key its run, one fills the runs. Returns 0 when
 * memory ran out. */
static int hash_namings(table_t *g, const raw_t *raw, size_t nraw)
{
    const size_t mask = g->nslots - 1;
    uint32_t *slot_of = malloc((nraw ? nraw : 1) * sizeof *slot_of);
    uint32_t *filled = calloc(g->nslots, sizeof *filled);
    if (!slot_of || !filled) {
        free(slot_of);
        free(filled);
        return 0;
    }
    for (size_t i = 0; i < nraw; i++) {
        const char *k = g->keys + raw[i].key;
        uint32_t h = hash_key(k, raw[i].len);
        size_t s = h & mask;
        while (g->slots[s].hash &&
               !(g->slots[s].hash == h && strcmp(g->keys + g->slots[s].key, k) == 0))
            s = (s + 1) & mask;
        if (!g->slots[s].hash) {
            g->slots[s].hash = h;
            g->slots[s].key = raw[i].key;
        }
        g->slots[s].count++;
        slot_of[i] = (uint32_t)s;
    }
    uint32_t next = 0;
    for (size_t i = 0; i < nraw; i++) { /* runs in the order keys first appear */
        slot_t *sl = &g->slots[slot_of[i]];
        if (!filled[slot_of[i]]++) {
            sl->first = next;
            next += sl->count;
        }
    }
    memset(filled, 0, g->nslots * sizeof *filled);
    for (size_t i = 0; i < nraw; i++)
        g->namings[g->slots[slot_of[i]].first + filled[slot_of[i]]++] = raw[i].naming;
    g->nnamings = nraw;
    free(slot_of);
    free(filled);
    return 1;
}

static void load_table(table_t *g, const char *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        return;
    memcpy(t, data, size + 1);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += t[i] == '\n';
    g->places = calloc(lines, sizeof *g->places);
    columns_t cols = {calloc(lines, sizeof(char *)), calloc(lines, sizeof(char *)),
                      calloc(lines, sizeof(char *)), calloc(lines, sizeof(char *))};
    g->historical = calloc(lines, sizeof *g->historical);
    if (!g->places || !cols.country || !cols.parents || !cols.names || !cols.territory ||
        !g->historical)
        goto out;
    size_t nnames = 0, keybytes = 0;
    cut_rows(g, t, &cols, &nnames, &keybytes);
    g->text = t;
    link_places(g, &cols);
    raw_t *raw = malloc(nnames * sizeof *raw);
    g->keys = malloc(keybytes + 1);
    if (!raw || !g->keys) {
        free(raw);
        goto out;
    }
    size_t nraw = fold_namings(g, cols.names, raw, keybytes);
    g->namings = malloc((nraw ? nraw : 1) * sizeof *g->namings);
    g->nslots = 1;
    while (g->nslots < nraw * 2)
        g->nslots *= 2;
    g->slots = calloc(g->nslots, sizeof *g->slots);
    if (!g->namings || !g->slots) {
        free(raw);
        goto out;
    }
    g->ok = hash_namings(g, raw, nraw);
    free(raw);
out:
    free(cols.country);
    free(cols.parents);
    free(cols.names);
    free(cols.territory);
}

static void load(void)
{
    load_table(&gaz, dl_gazetteer_tsv, dl_gazetteer_tsv_len);
    load_table(&grp, dl_groups_tsv, dl_groups_tsv_len);
    gaz.ok = gaz.ok && grp.ok;
}

const int *dl_gaz_historical(size_t *count)
{
    *count = dl_gaz_load() ? gaz.nhistorical : 0;
    return gaz.historical;
}

int dl_gaz_load(void)
{
    if (!gaz.ok)
        pthread_once(&once, load);
    return gaz.ok;
}

size_t dl_gaz_count(void) { return dl_gaz_load() ? gaz.nplaces : 0; }

const dl_place_t *dl_gaz_place(int i)
{
    return dl_gaz_load() && i >= 0 && (size_t)i < gaz.nplaces ? &gaz.places[i] : NULL;
}

static const dl_naming_t *lookup(const table_t *g, const char *key, size_t n, size_t *count)
{
    *count = 0;
    if (!n || !dl_gaz_load())
        return NULL;
    uint32_t h = hash_key(key, n);
    for (size_t s = h & (g->nslots - 1); g->slots[s].hash; s = (s + 1) & (g->nslots - 1)) {
        const slot_t *sl = &g->slots[s];
        const char *k = g->keys + sl->key;
        if (sl->hash == h && strncmp(k, key, n) == 0 && k[n] == '\0') {
            *count = sl->count;
            return g->namings + sl->first;
        }
    }
    return NULL;
}

const dl_naming_t *dl_gaz_lookup(const char *key, size_t n, size_t *count)
{
    return lookup(&gaz, key, n, count);
}

const dl_naming_t *dl_grp_lookup(const char *key, size_t n, size_t *count)
{
    return lookup(&grp, key, n, count);
}

const dl_place_t *dl_grp_get(int i)
{
    return dl_gaz_load() && i >= 0 && (size_t)i < grp.nplaces ? &grp.places[i] : NULL;
}

static int within(int a, int b, int depth)
{
    if (a == b)
        return 1;
    if (depth > 8 || a < 0)
        return 0;
    const dl_place_t *p = &gaz.places[a];
    for (int i = 0; i < p->nparents; i++)
        if (within(p->parents[i], b, depth + 1))
            return 1;
    return 0;
}

int dl_gaz_within(int a, int b) { return dl_gaz_load() && within(a, b, 0); }

const char *dateline_place_name(const char *id)
{
    int i = id ? dl_gaz_find_id(id) : -1;
    const dl_place_t *p = i >= 0 ? dl_gaz_place(i) : NULL;
    return p ? p->name : NULL;
}
