/* extract-groups-table.c: the groups of one story, one entry per body however the story
 * writes it, and the built-in group list read for them. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract-groups-int.h"

/* One key per body, however the story writes it: words folded and spelt one way
 * (Organisation, Organization; Corporation, Corp), "the" and "U.S." in front and a company's
 * Inc, Corp, Co, Ltd, Plc or AG behind left out, "Department of Justice" read as "Justice
 * Department": all of these give "justicedepartment". */
void dl_groups_key(const char *name, char *out, size_t cap)
{
    static const char *const same[][2] = {
        {"organisation", "organization"}, {"corporation", "corp"}, {"incorporated", "inc"},
        {"company", "co"}, {"limited", "ltd"}, {"defence", "defense"}, {"centre", "center"},
        {"labour", "labor"}, {"programme", "program"}, {NULL, NULL}};
    static const char *const suffixes[] = {"inc", "corp", "co", "ltd", "plc", "ag", "sa", "nv",
                                           "llc", "gmbh", "spa", NULL};
    char w[16][48];
    size_t n = 0;
    for (const char *p = name; *p && n < 16;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        dl_gaz_fold(p, len, w[n], sizeof w[0]);
        for (int i = 0; same[i][0]; i++)
            if (strcmp(w[n], same[i][0]) == 0)
                snprintf(w[n], sizeof w[0], "%s", same[i][1]);
        n += w[n][0] != '\0';
        p += len;
    }
    size_t from = 0, to = n;
    while (to - from > 1 && (strcmp(w[from], "the") == 0 || strcmp(w[from], "us") == 0))
        from++;
    for (int more = 1; more && to - from > 1;) {
        more = 0;
        for (int i = 0; suffixes[i]; i++)
            if (strcmp(w[to - 1], suffixes[i]) == 0) {
                to--;
                more = 1;
                break;
            }
    }
    size_t o = 0;
    out[0] = '\0';
    int moved = to - from > 2 && strcmp(w[from + 1], "of") == 0 &&
                (strcmp(w[from], "department") == 0 || strcmp(w[from], "ministry") == 0);
    for (size_t i = from + (moved ? 2 : 0); i < to; i++)
        o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s", w[i]);
    if (moved && o < cap)
        snprintf(out + o, cap - o, "%s", w[from]);
    if (cap)
        out[cap - 1] = '\0';
}

/* The built-in name of the group the list holds under name spelt the other way ("North
 * Atlantic Treaty Organisation" for the list's "...Organization", "Ministry of Defense" for
 * "...Defence"), or NULL: one body keeps one name, whichever spelling the story uses. */
static const char *spelt_builtin(const char *name)
{
    static const char *const spellings[][2] = {
        {"organisation", "organization"}, {"defence", "defense"}, {"centre", "center"},
        {"programme", "program"}, {NULL, NULL}};
    for (int dir = 0; dir < 2; dir++) {
        char key[160], w[48];
        size_t n = 0;
        int changed = 0;
        for (const char *p = name; *p;) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (!len)
                break;
            dl_gaz_fold(p, len, w, sizeof w);
            for (int i = 0; spellings[i][0]; i++)
                if (strcmp(w, spellings[i][dir]) == 0) {
                    snprintf(w, sizeof w, "%s", spellings[i][!dir]);
                    changed = 1;
                }
            n += (size_t)snprintf(key + n, n < sizeof key ? sizeof key - n : 0, "%s", w);
            p += len;
        }
        size_t count;
        const dl_naming_t *nm = changed && n < sizeof key ? dl_grp_lookup(key, n, &count) : NULL;
        if (nm && !nm[0].weak && !nm[0].acronym)
            return dl_grp_get(nm[0].place)->name;
    }
    return NULL;
}

/* The built-in name of the body the list holds under key (dl_groups_key() of name), or
 * under key without a "Group" behind: "AT&T Inc" is the list's AT&T, "Exxon Mobil" its
 * ExxonMobil, "Goldman Sachs Group Inc" its Goldman Sachs. NULL when the list holds none
 * (its acronyms and weak names count only where name has a designator the key left out:
 * "Dow Inc" is the company, "NEWS" is no News Corp), or when name is the list's own. */
static const char *listed_by_key(const char *name, const char *key)
{
    char f[128];
    size_t n = strlen(key), count;
    size_t fn = dl_gaz_fold(name, strlen(name), f, sizeof f);
    int designated = strcmp(f, key) != 0;
    const dl_naming_t *own = dl_grp_lookup(f, fn, &count);
    for (size_t i = 0; own && i < count; i++)
        if (strcmp(dl_grp_get(own[i].place)->name, name) == 0)
            return NULL; /* a name of the list already */
    for (int pass = 0; pass < 2; pass++) {
        const dl_naming_t *nm = dl_grp_lookup(key, n, &count);
        for (size_t i = 0; nm && i < count; i++) {
            const char *body = dl_grp_get(nm[i].place)->name;
            /* an acronym counts only as the body's own name: "AT&T Inc", not "ICO Inc" */
            char bf[128];
            int own_name = dl_gaz_fold(body, strlen(body), bf, sizeof bf) == n &&
                           strncmp(bf, key, n) == 0;
            if ((!nm[i].acronym && !nm[i].weak) ||
                (designated && (nm[i].weak || own_name) && (!nm[i].acronym || own_name)))
                return body;
        }
        if (n <= 8 || strncmp(key + n - 5, "group", 5) != 0)
            break;
        n -= 5;
    }
    return NULL;
}

/* The index in g of the group of key, or NO_GROUP. */
static size_t find_key(const group_t *g, size_t ng, const char *key)
{
    for (size_t i = 0; i < ng; i++)
        if (strcmp(key, g[i].key) == 0)
            return i;
    return NO_GROUP;
}

/* Counts a mention of the group `name`; returns its index in g, or NO_GROUP. */
size_t dl_groups_add(group_t *g, size_t *ng, const char *name, int weight)
{
    char k1[128];
    dl_groups_key(name, k1, sizeof k1);
    if (!k1[0])
        return NO_GROUP;
    size_t i = find_key(g, *ng, k1);
    const char *listed = NULL;
    if (i == NO_GROUP) {
        /* one body, one name and key: the list's, however the story writes it (a key the
         * story has already is the list's already) */
        listed = spelt_builtin(name);
        listed = listed ? listed : listed_by_key(name, k1);
        if (listed) {
            dl_groups_key(listed, k1, sizeof k1);
            i = find_key(g, *ng, k1);
        }
    }
    if (i != NO_GROUP) {
        g[i].salience += weight;
        /* the built-in name shows, however the story first wrote the body */
        char f[128];
        size_t count, fn = dl_gaz_fold(name, strlen(name), f, sizeof f);
        const dl_naming_t *nm = dl_grp_lookup(f, fn, &count);
        if (nm && strcmp(dl_grp_get(nm[0].place)->name, name) == 0 &&
            strcmp(g[i].name, name) != 0) {
            size_t n = dl_utf8_fit(name, strlen(name), sizeof g[0].name);
            memcpy(g[i].name, name, n);
            g[i].name[n] = '\0';
        }
        return i;
    }
    if (*ng < MAX_GROUPS) {
        name = listed ? listed : name;
        size_t n = dl_utf8_fit(name, strlen(name), sizeof g[0].name);
        memcpy(g[*ng].name, name, n);
        g[*ng].name[n] = '\0';
        memcpy(g[*ng].key, k1, sizeof k1);
        g[*ng].salience = weight;
        g[*ng].first = *ng;
        return (*ng)++;
    }
    return NO_GROUP;
}

/* Whether name is one of the list's names. */
static int listed(const char *name)
{
    char f[128];
    size_t count, n = dl_gaz_fold(name, strlen(name), f, sizeof f);
    return dl_grp_lookup(f, n, &count) != NULL;
}

/* A name the story gives as the last words of a longer one it names too, the list not
 * holding it, is that body: "the Ethics Committee" after "the House Ethics Committee". Not
 * where two longer names end so ("the Senate and House Intelligence Committees"). */
void dl_groups_merge_short_forms(group_t *g, size_t *ng, dl_trace_t *tr)
{
    size_t into[MAX_GROUPS];
    for (size_t i = 0; i < *ng; i++) {
        const char *short_name = g[i].name;
        size_t n = strlen(short_name), count = 0;
        into[i] = NO_GROUP;
        for (size_t j = 0; j < *ng && strchr(short_name, ' '); j++) {
            size_t m = strlen(g[j].name);
            if (j != i && m > n + 1 && g[j].name[m - n - 1] == ' ' &&
                strcmp(g[j].name + m - n, short_name) == 0) {
                into[i] = j;
                count++;
            }
        }
        if (count != 1 || listed(short_name))
            into[i] = NO_GROUP;
    }
    size_t kept = 0;
    for (size_t i = 0; i < *ng; i++) {
        size_t r = into[i];
        while (r != NO_GROUP && into[r] != NO_GROUP) /* each longer than the last: no loop */
            r = into[r];
        if (r == NO_GROUP)
            continue;
        g[r].salience += g[i].salience;
        dl_trace_inherit(tr, DL_TRACE_GROUP, g[i].key, g[r].key, g[r].name,
                         "short form of a longer name");
    }
    for (size_t i = 0; i < *ng; i++)
        if (into[i] == NO_GROUP)
            g[kept++] = g[i];
    *ng = kept;
}

/* A weak name ("Foundation", "IS") counts where the story names its group otherwise. */
void dl_groups_confirm_pending(dl_story_t *s)
{
    for (size_t p = 0; p < s->npending; p++) {
        const dl_pending_t *pd = &s->pending[p];
        char key[128];
        dl_groups_key(pd->name, key, sizeof key);
        for (size_t q = 0; q < s->ng; q++)
            if (strcmp(s->g[q].key, key) == 0) {
                s->g[q].salience += pd->weight;
                const word_t *wn = pd->w + pd->n - 1;
                dl_groups_trace(s->tr, s->g, q, pd->w->p, wn->p + wn->n, "weak alias confirmed");
            }
    }
}

/* Records that the words from `from` to `to` were taken for group k by `rule`. */
void dl_groups_trace(dl_trace_t *tr, const group_t *g, size_t k, const char *from,
                     const char *to, const char *rule)
{
    if (k != NO_GROUP)
        dl_trace_mention(tr, DL_TRACE_GROUP, g[k].key, g[k].name, from, to, rule);
}

int dl_groups_by_salience(const void *a, const void *b)
{
    const group_t *x = a, *y = b;
    if (x->salience != y->salience)
        return y->salience - x->salience;
    return x->first < y->first ? -1 : 1;
}

/* The built-in group a folded key names, or NULL; when ws is not NULL, only a name that can
 * stand for the `words` words from word `at` ("Inc on" is no "Incon"). */
const dl_place_t *dl_groups_builtin(const char *key, size_t n, int need_caps, int caps,
                                    const words_t *ws, size_t at, size_t words, int *weak)
{
    size_t count;
    const dl_naming_t *nm = dl_grp_lookup(key, n, &count);
    for (size_t i = 0; nm && i < count; i++)
        if ((!nm[i].acronym || !need_caps || caps) &&
            (!ws || dl_words_fit(ws, at, words, nm[i].tokens, nm[i].parts))) {
            if (weak)
                *weak = nm[i].weak;
            return dl_grp_get(nm[i].place);
        }
    return NULL;
}

/* Records the other entries of the group list the same key names, which lost to group k
 * (explanations only): the list gives a key to its first entry that fits. */
void dl_groups_beaten(dl_trace_t *tr, const group_t *g, size_t k, const char *key, size_t n,
                      const dl_place_t *chosen)
{
    size_t count;
    const dl_naming_t *nm = tr && k != NO_GROUP ? dl_grp_lookup(key, n, &count) : NULL;
    for (size_t i = 0; nm && i < count; i++) {
        const dl_place_t *b = dl_grp_get(nm[i].place);
        if (b != chosen)
            dl_trace_beat(tr, DL_TRACE_GROUP, g[k].key, b->id, b->name, "%s",
                          nm[i].weak ? "a weak alias, counted only when confirmed"
                                     : "the group list names another entry first");
    }
}

/* The folded key of a source as a group: the built-in group it names, or its name. */
void dl_groups_source_key(const char *s, size_t n, char *out)
{
    char key[128];
    size_t k = dl_gaz_fold(s, n, key, sizeof key);
    const dl_place_t *b = dl_groups_builtin(key, k, 0, 0, NULL, 0, 0, NULL);
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)n, s);
    dl_groups_key(b ? b->name : name, out, 128);
}
