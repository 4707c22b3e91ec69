/* explain.c: the extractors' explanation of a stored article (dl_extractor_t's explain): the
 * source's labels inferred from what was stored, then extraction run again with its decisions
 * recorded, and whether it gave the stored places and groups. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "extract.h"

#define MAX_ROUNDS 8 /* label guesses tried before the explanation says it is not exact */

/* What extraction wrote: the fields compared with the stored ones. */
static const dateline_field_t found_fields[] = {DATELINE_FIELD_PLACES, DATELINE_FIELD_PLACE_IDS,
                                                DATELINE_FIELD_GROUPS, DATELINE_FIELD_ACRONYMS};

static int is_found(dateline_field_t f)
{
    for (size_t i = 0; i < sizeof found_fields / sizeof *found_fields; i++)
        if (found_fields[i] == f)
            return 1;
    return 0;
}

/* The article as it was before extraction, but for the source's labels: places[] and groups[]
 * (np and ng of them), which are given as its PLACES and GROUPS. NULL when memory ran out. */
static dateline_article_t *before(const dateline_article_t *a, const char **places, size_t np,
                                  const char **groups, size_t ng)
{
    dateline_article_t *c;
    dateline_status_t st = dateline_article_new(&c);
    for (int f = 0; f < DATELINE_FIELD_COUNT_ && st == DATELINE_OK; f++)
        for (size_t i = 0; !is_found((dateline_field_t)f) &&
                           i < dateline_article_count(a, (dateline_field_t)f) && st == DATELINE_OK;
             i++) {
            const char *v = dateline_article_get_nth(a, (dateline_field_t)f, i);
            st = dl_article_put(c, (dateline_field_t)f, v, strlen(v));
        }
    for (size_t i = 0; i < np && st == DATELINE_OK; i++)
        st = dl_article_put(c, DATELINE_FIELD_PLACES, places[i], strlen(places[i]));
    for (size_t i = 0; i < ng && st == DATELINE_OK; i++)
        st = dl_article_put(c, DATELINE_FIELD_GROUPS, groups[i], strlen(groups[i]));
    if (st != DATELINE_OK) {
        dateline_article_destroy(c);
        return NULL;
    }
    return c;
}

/* Extraction of the article with those labels, recorded in tr when not NULL. */
static dateline_status_t run(const dateline_article_t *a, const char **places, size_t np,
                             const char **groups, size_t ng, dl_trace_t *tr,
                             dateline_article_t **out)
{
    dl_definition_t defs[16];
    size_t ndefs = 0;
    dateline_article_t *c = before(a, places, np, groups, ng);
    if (!c)
        return DATELINE_NO_MEMORY;
    dateline_status_t st = dl_extract_places_traced(c, tr);
    if (st == DATELINE_OK)
        st = dl_extract_groups_traced(c, defs, 16, &ndefs, NULL, 0, tr);
    if (st != DATELINE_OK) {
        dateline_article_destroy(c);
        return st;
    }
    *out = c;
    return DATELINE_OK;
}

static int same_field(const dateline_article_t *x, const dateline_article_t *y, dateline_field_t f)
{
    size_t n = dateline_article_count(x, f);
    if (n != dateline_article_count(y, f))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(dateline_article_get_nth(x, f, i), dateline_article_get_nth(y, f, i)) != 0)
            return 0;
    return 1;
}

/* The salience of place `id` in an extracted article, -1 when it has none. */
static long salience_of(const dateline_article_t *a, const char *id)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS), len = strlen(id);
    for (size_t i = 0; i < n; i++) {
        const char *e = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        if (strncmp(e, id, len) == 0 && e[len] == ' ')
            return strtol(e + len + 1, NULL, 10);
    }
    return -1;
}

/* Where group `name` stands in an extracted article's list, or its length when absent. */
static size_t rank_of(const dateline_article_t *a, const char *name)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_GROUPS), i = 0;
    while (i < n && strcmp(dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i), name) != 0)
        i++;
    return i;
}

/* The stored places that were the source's labels: those the stored article gives more
 * salience than the text alone does (a label counts with the text), adjusted until
 * extraction gives the stored places or the rounds run out. places[] gets the labels (the
 * stored display names), *np of them. */
static dateline_status_t place_labels(const dateline_article_t *a, const char **places,
                                      size_t *np)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS), nl = 0;
    char *label = calloc(n + 1, 1); /* label[i]: stored place i is taken for a label */
    const char **ids = calloc(n + 1, sizeof *ids);
    dateline_status_t st = label && ids ? DATELINE_OK : DATELINE_NO_MEMORY;
    for (size_t i = 0; i < n && st == DATELINE_OK; i++) {
        ids[i] = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        label[i] = ids[i][0] == '='; /* a label the gazetteer does not know */
    }
    for (int round = 0; round < MAX_ROUNDS && st == DATELINE_OK; round++) {
        dateline_article_t *r;
        nl = 0;
        for (size_t i = 0; i < n; i++)
            if (label[i])
                places[nl++] = dateline_article_get_nth(a, DATELINE_FIELD_PLACES, i);
        st = run(a, places, nl, NULL, 0, NULL, &r);
        if (st != DATELINE_OK || same_field(r, a, DATELINE_FIELD_PLACE_IDS)) {
            if (st == DATELINE_OK)
                dateline_article_destroy(r);
            break;
        }
        int changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (ids[i][0] == '=')
                continue;
            size_t len = strcspn(ids[i], " ");
            char id[128];
            memcpy(id, ids[i], len < sizeof id ? len : sizeof id - 1);
            id[len < sizeof id ? len : sizeof id - 1] = '\0';
            long want = strtol(ids[i] + len, NULL, 10), got = salience_of(r, id);
            if ((want > got && !label[i]) || (want < got && label[i])) {
                label[i] = !label[i];
                changed = 1;
            }
        }
        dateline_article_destroy(r);
        if (!changed)
            break;
    }
    *np = nl;
    free(label);
    free(ids);
    return st;
}

/* The stored groups that were the source's labels: first those the text does not name, then,
 * one at a time, the first stored group that stands lower in extraction's list than stored. */
static dateline_status_t group_labels(const dateline_article_t *a, const char **places,
                                      size_t np, const char **groups, size_t *ng)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_GROUPS), nl = 0;
    dateline_article_t *r;
    dateline_status_t st = run(a, places, np, NULL, 0, NULL, &r);
    for (size_t i = 0; i < n && st == DATELINE_OK; i++) {
        const char *g = dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i);
        if (rank_of(r, g) == dateline_article_count(r, DATELINE_FIELD_GROUPS))
            groups[nl++] = g;
    }
    for (int round = 0; round < MAX_ROUNDS && st == DATELINE_OK; round++) {
        dateline_article_destroy(r);
        r = NULL;
        st = run(a, places, np, groups, nl, NULL, &r);
        if (st != DATELINE_OK || same_field(r, a, DATELINE_FIELD_GROUPS))
            break;
        size_t i = 0;
        while (i < n && rank_of(r, dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i)) <= i)
            i++;
        const char *g = i < n ? dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i) : NULL;
        for (size_t k = 0; g && k < nl; k++)
            if (groups[k] == g)
                g = NULL; /* already a label: guessing more would not help */
        if (!g)
            break;
        groups[nl++] = g;
    }
    if (st == DATELINE_OK)
        dateline_article_destroy(r);
    *ng = nl;
    return st;
}

/* Mentions in the labels given to the run stand in the stored values they came from. Returns
 * 0 when memory ran out. */
static int renumber(const dateline_article_t *a, dl_trace_t *tr, dateline_field_t field,
                     const char **labels, size_t n)
{
    size_t *to = malloc((n + 1) * sizeof *to), stored = dateline_article_count(a, field);
    for (size_t i = 0; to && i < n; i++)
        for (to[i] = 0; to[i] < stored && dateline_article_get_nth(a, field, to[i]) != labels[i];)
            to[i]++;
    if (to)
        dl_trace_renumber(tr, field, to, n);
    free(to);
    return to != NULL;
}

dateline_status_t dl_extract_explain(const dateline_article_t *a, dl_trace_t *tr)
{
    size_t np = dateline_article_count(a, DATELINE_FIELD_PLACES), ng = 0;
    size_t nstored = dateline_article_count(a, DATELINE_FIELD_GROUPS);
    const char **places = calloc(np + 1, sizeof *places);
    const char **groups = calloc(nstored + 1, sizeof *groups);
    dateline_article_t *r = NULL;
    dateline_status_t st = places && groups ? DATELINE_OK : DATELINE_NO_MEMORY;
    if (st == DATELINE_OK)
        st = place_labels(a, places, &np);
    if (st == DATELINE_OK)
        st = group_labels(a, places, np, groups, &ng);
    if (st == DATELINE_OK)
        st = run(a, places, np, groups, ng, tr, &r);
    if (st == DATELINE_OK) {
        int exact = 1;
        for (size_t i = 0; i < sizeof found_fields / sizeof *found_fields; i++)
            exact = exact && same_field(r, a, found_fields[i]);
        dl_trace_set_exact(tr, exact);
        if (!renumber(a, tr, DATELINE_FIELD_PLACES, places, np) ||
            !renumber(a, tr, DATELINE_FIELD_GROUPS, groups, ng))
            st = DATELINE_NO_MEMORY;
        dateline_article_destroy(r);
    }
    free(places);
    free(groups);
    return st;
}
