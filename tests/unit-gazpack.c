/* unit-gazpack.c: the gazetteer built into the library (lib/gazetteer-packed.c, by tools/gaz-pack)
 * answers exactly as the tables read from their text (lib/gazetteer-load.c) do: every place and
 * group with every field, every key's namings in order, every id, and the fold of every code
 * point of the fold table. */
#include <config.h>
#include <stdio.h>
#include <string.h>

#include "dateline.h"
#include "gazetteer-tables.h"
#include "tap.h"

static dl_fold_row_t fold[DL_FOLD_LAST - DL_FOLD_FIRST + 1];
static dl_gaz_table_t places, groups;

static int same_place(const dl_place_t *a, const dl_place_t *b)
{
    if (!a || !b || strcmp(a->id, b->id) != 0 || strcmp(a->name, b->name) != 0 ||
        a->country != b->country || a->nparents != b->nparents ||
        a->population != b->population || a->kind != b->kind || a->capital != b->capital ||
        a->until != b->until || a->nterritory != b->nterritory ||
        memcmp(a->parents, b->parents, sizeof a->parents) != 0)
        return 0;
    for (int k = 0; k < a->nterritory; k++)
        if (a->territory[k] != b->territory[k])
            return 0;
    return 1;
}

static int same_naming(const dl_naming_t *a, const dl_naming_t *b)
{
    return a->place == b->place && a->adjective == b->adjective && a->acronym == b->acronym &&
           a->dateline == b->dateline && a->tokens == b->tokens && a->parts == b->parts &&
           a->weak == b->weak && a->town == b->town;
}

/* How many of t's places differ from what get() returns. */
static size_t places_differ(const dl_gaz_table_t *t, const dl_place_t *(*get)(int))
{
    size_t bad = 0;
    for (size_t i = 0; i < t->nplaces; i++)
        if (!same_place(&t->places[i], get((int)i))) {
            if (!bad)
                printf("# place %zu (%s) differs\n", i, t->places[i].id);
            bad++;
        }
    return bad + (get((int)t->nplaces) != NULL);
}

/* How many of t's keys look up to other namings than t's. */
static size_t keys_differ(const dl_gaz_table_t *t,
                          const dl_naming_t *(*find)(const char *, size_t, size_t *))
{
    size_t bad = 0, keys = 0;
    for (size_t s = 0; s < t->nslots; s++) {
        const dl_gaz_slot_t *sl = &t->slots[s];
        if (!sl->hash)
            continue;
        keys++;
        const char *k = t->keys + sl->key;
        size_t n = 0;
        const dl_naming_t *got = find(k, strlen(k), &n);
        int same = n == sl->count + sl->towns && got;
        for (size_t j = 0; same && j < n; j++) /* field by field: a bit-field's padding is noise */
            same = same_naming(&got[j], &t->namings[sl->first + j]);
        if (!same) {
            if (!bad)
                printf("# key '%s' differs\n", k);
            bad++;
        }
    }
    return keys ? bad : 1;
}

int main(void)
{
    dl_fold_from_text(fold, dl_fold_tsv, dl_fold_tsv_len);
    ok(dl_gaz_table_from_text(&places, dl_gazetteer_tsv, dl_gazetteer_tsv_len, fold) &&
           dl_gaz_table_from_text(&groups, dl_groups_tsv, dl_groups_tsv_len, fold),
       "the tables read from their text");
    ok(places.nplaces > 10000 && groups.nplaces > 3000, "  %zu places, %zu groups",
       places.nplaces, groups.nplaces);
    ok(dl_gaz_load(), "the built-in tables are there");
    is_int(dl_gaz_count(), places.nplaces, "the same number of places");
    is_int(places_differ(&places, dl_gaz_place), 0, "every place the same, field by field");
    is_int(places_differ(&groups, dl_grp_get), 0, "every group the same, field by field");
    is_int(keys_differ(&places, dl_gaz_lookup_all), 0, "every key of a place: the same namings");
    is_int(keys_differ(&groups, dl_grp_lookup), 0, "every key of a group: the same namings");
    size_t ids = 0, names = 0;
    for (size_t i = 0; i < places.nplaces; i++) {
        ids += dl_gaz_find_id(places.places[i].id) == (int)i;
        const char *nm = dateline_place_name(places.places[i].id);
        names += nm && strcmp(nm, places.places[i].name) == 0;
    }
    is_int(ids, places.nplaces, "every id found at its place");
    is_int(names, places.nplaces, "every id's display name");
    ok(dl_gaz_find_id("no-such-place") == -1 && !dateline_place_name("zz.99.x") &&
           !dateline_place_name(NULL),
       "an unknown id: none");
    size_t n = 0, hist = 0;
    const int *h = dl_gaz_historical(&n);
    for (size_t i = 0; i < n && i < places.nhistorical; i++)
        hist += h[i] == places.historical[i];
    ok(n == places.nhistorical && hist == n && n > 0, "the %zu historical states", n);
    size_t folds = 0, points = 0;
    for (unsigned cp = DL_FOLD_FIRST; cp <= DL_FOLD_LAST; cp++) {
        char s[4], a[32], b[32];
        size_t len = cp < 0x800 ? 2 : 3;
        if (len == 2)
            s[0] = (char)(0xC0 | cp >> 6), s[1] = (char)(0x80 | (cp & 0x3F));
        else
            s[0] = (char)(0xE0 | cp >> 12), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
            s[2] = (char)(0x80 | (cp & 0x3F));
        size_t x = dl_gaz_fold(s, len, a, sizeof a), y = dl_fold_using(fold, s, len, b, sizeof b);
        folds += x == y && strcmp(a, b) == 0;
        points++;
    }
    is_int(folds, points, "every code point from U+0080 to U+1FFF folds the same");
    done_testing();
}
