/* extract-groups.c: finds the groups a story names: known ones, "Name (ACR)" definitions, and
 * capitalised names headed by words such as Forces, Council or Ministry. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract.h"
#include "gazetteer.h"
#include "words.h"
#include "extract-learn.h"
#include "extract-parties.h"
#include "tagger.h"

#define MAX_NAME_WORDS 8
#define MAX_DEFINED_WORDS 12 /* "Rally for the Return of Refugees and Democracy in Rwanda (RDR)" */
#define MAX_GROUPS 64
/* How far ahead of the next best tag each word of a name the tagger reads as an organisation
 * must be, in units of the perceptron, for the name to count as a group: written once, written
 * once with a word the story also writes in lower case ("Stock Market" in a story about the
 * market: title-case prose, which misleads the tagger), or written twice in the story. Tuned on
 * CoNLL-2003 valid and the modern yardstick (README, "How well groups are found"). */
#define TAGGER_ONCE 17
#define TAGGER_COMMON 24
#define TAGGER_TWICE 6
#define MAX_TAGGED 256 /* names the tagger offers, at most, in one story */

/* Words that head the name of an organisation. */
static const char *const org_words[] = {
    "forces", "council", "party", "ministry", "bank", "corp", "corporation", "inc", "ltd", "plc",
    "group", "union", "front", "army", "organization", "organisation", "agency", "committee",
    "coalition", "commission", "fund", "co", "company", "association", "federation",
    "movement", "brigade", "brigades", "authority", "department", "board", "institute",
    "court", "tribunal", "league", "alliance", "office", "bureau", "police", "guard",
    "militia", "exchange", "airlines", "holdings", "university", "college", NULL};
/* Lower-case words that may stand inside a name: "Bank of America", "Deir al-Zor Council". */
static const char *const connectors[] = {"of", "the", "for", "and", "&", "de", "du", "des", "la",
                                         "le", "al", "el", "on", NULL};
/* Lower-case words that stand inside a longer name only, never at its ends and never in a name
 * no list or definition confirms: "Organisation for Security and Cooperation in Europe". */
static const char *const inner[] = {"in", "at", "to", NULL};
/* Connectors that join two parts of one name: "Ways and Means Committee", "Merck & Co". */
static const char *const joining[] = {"and", "&", NULL};

/* A word that can be part of a capitalised name: a capital first, or "al-Zor". */
static int name_word(const word_t *w)
{
    if (w->upper)
        return 1;
    return w->n > 3 && (strncmp(w->p, "al-", 3) == 0 || strncmp(w->p, "el-", 3) == 0) &&
           w->p[3] >= 'A' && w->p[3] <= 'Z';
}

/* Whether w is an acronym as written: 2 to 8 capitals and digits, at least 2 letters. */
static int acronym(const word_t *w)
{
    int letters = 0;
    if (w->n < 2 || w->n > 8)
        return 0;
    for (size_t i = 0; i < w->n; i++) {
        char c = w->p[i];
        if (c >= 'A' && c <= 'Z')
            letters++;
        else if (!(c >= '0' && c <= '9') && c != '-' && c != '&')
            return 0;
    }
    return letters >= 2;
}

typedef struct {
    char name[128];
    char key[128];     /* the name folded, to tell the same group written otherwise */
    int salience;      /* mentions weighed by where they stand */
    size_t first;      /* order of first mention, for ties */
} group_t;

/* Weights of a mention: headline, lead (first paragraph), the rest; labels count most. */
enum { G_TITLE = 3, G_LEAD = 2, G_BODY = 1, G_LABEL = 10 };

/* One key per body, however the story writes it: words folded and spelt one way
 * (Organisation, Organization; Corporation, Corp), "the" and "U.S." in front and a company's
 * Inc, Corp, Co, Ltd, Plc or AG behind left out, "Department of Justice" read as "Justice
 * Department": all of these give "justicedepartment". */
static void canon_key(const char *name, char *out, size_t cap)
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

#define NO_GROUP ((size_t)-1)

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

/* Counts a mention of the group `name`; returns its index in g, or NO_GROUP. */
static size_t add_group(group_t *g, size_t *ng, const char *name, int weight)
{
    char k1[128];
    canon_key(name, k1, sizeof k1);
    if (!k1[0])
        return NO_GROUP;
    for (size_t i = 0; i < *ng; i++)
        if (strcmp(k1, g[i].key) == 0) {
            g[i].salience += weight;
            /* the built-in name shows, however the story first wrote the body */
            char f[128];
            size_t count, fn = dl_gaz_fold(name, strlen(name), f, sizeof f);
            const dl_naming_t *nm = dl_grp_lookup(f, fn, &count);
            if (nm && strcmp(dl_grp_get(nm[0].place)->name, name) == 0 && strcmp(g[i].name, name) != 0) {
                size_t n = dl_utf8_fit(name, strlen(name), sizeof g[0].name);
                memcpy(g[i].name, name, n);
                g[i].name[n] = '\0';
            }
            return i;
        }
    if (*ng < MAX_GROUPS) {
        const char *builtin_name = spelt_builtin(name);
        name = builtin_name ? builtin_name : name;
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

/* Records that the words from `from` to `to` were taken for group k by `rule`. */
static void trace(dl_trace_t *tr, const group_t *g, size_t k, const char *from, const char *to,
                  const char *rule)
{
    if (k != NO_GROUP)
        dl_trace_mention(tr, DL_TRACE_GROUP, g[k].key, g[k].name, from, to, rule);
}

static int by_salience(const void *a, const void *b)
{
    const group_t *x = a, *y = b;
    if (x->salience != y->salience)
        return y->salience - x->salience;
    return x->first < y->first ? -1 : 1;
}

/* The built-in group a folded key names, or NULL; when ws is not NULL, only a name that can
 * stand for the `words` words from word `at` ("Inc on" is no "Incon"). */
static const dl_place_t *builtin(const char *key, size_t n, int need_caps, int caps,
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
static void beaten(dl_trace_t *tr, const group_t *g, size_t k, const char *key, size_t n,
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

/* Whether the folded acronym is the initials of the name's capitalised words. */
static int initials_of(const char *name, const char *acr)
{
    size_t k = 0;
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && *p >= 'A' && *p <= 'Z') {
            if (acr[k] != (char)(*p | 0x20))
                return 0;
            k++;
        }
    return k >= 2 && acr[k] == '\0';
}

/* Whether the acronym's letters are the initials of the name's words (connectors skipped). */
static int initials_match(const words_t *ws, size_t from, size_t to, const word_t *acr)
{
    char ini[MAX_DEFINED_WORDS + 1];
    size_t n = 0, k = 0;
    for (size_t i = from; i < to && n < MAX_DEFINED_WORDS; i++)
        if (!dl_word_is(&ws->w[i], connectors) && !dl_word_is(&ws->w[i], inner))
            ini[n++] = (char)(ws->w[i].p[0] | 0x20);
    ini[n] = '\0';
    /* every letter of the acronym, in order, among the initials, starting with the first */
    for (size_t i = 0; i < acr->n; i++) {
        char c = (char)(acr->p[i] | 0x20);
        if (c < 'a' || c > 'z')
            continue;
        while (k < n && ini[k] != c)
            k++;
        if (k == n)
            return 0;
        k++;
    }
    return n > 0 && ini[0] == (char)(acr->p[0] | 0x20) && k >= n - 1;
}

/* The folded key of a source as a group: the built-in group it names, or its name. */
static void source_key(const char *s, size_t n, char *out)
{
    char key[128];
    size_t k = dl_gaz_fold(s, n, key, sizeof key);
    const dl_place_t *b = builtin(key, k, 0, 0, NULL, 0, 0, NULL);
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)n, s);
    canon_key(b ? b->name : name, out, 128);
}

/* Whether a dash follows the word in brackets: "(Reuters) - ", "(AP) -- ", "(AFP) — ". */
static int credit_dash(const word_t *w)
{
    const char *p = w->p + w->n;
    if (*p != ')')
        return 0;
    for (p++; *p == ' '; p++)
        ;
    /* byte by byte: the text may end right after the bracket */
    return (p[0] == '-' && (p[1] == ' ' || (p[1] == '-' && p[2] == ' '))) ||
           ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
}

/* The group of the list whose name or acronym stands before the hyphen of a compound
 * adjective ("U.N.-backed", "NATO-led", "EU-funded": a word in lower case after it), or NULL;
 * not a weak name, and an acronym only as written in capitals. */
static const dl_place_t *modifier(const word_t *w)
{
    const char *h = memchr(w->p, '-', w->n);
    if (!h || h == w->p || h + 1 >= w->p + w->n || h[1] < 'a' || h[1] > 'z')
        return NULL;
    for (const char *p = h + 1; p < w->p + w->n; p++)
        if (!(*p >= 'a' && *p <= 'z') && *p != '-')
            return NULL;
    word_t part = *w;
    part.n = (size_t)(h - w->p);
    int caps = 1;
    for (size_t k = 0; k < part.n; k++)
        caps = caps && !(part.p[k] >= 'a' && part.p[k] <= 'z');
    char key[64];
    size_t n = dl_gaz_fold(part.p, part.n, key, sizeof key);
    int weak = 0;
    const dl_place_t *b = n ? builtin(key, n, 1, caps, NULL, 0, 0, &weak) : NULL;
    return b && !weak ? b : NULL;
}

/* Whether the word of the group list at word i (one word, not in capitals) is the first word
 * of a longer name, as the tagger reads it: the capitalised word after it goes on with its name
 * ("Labour Day", "Labour Department": not the Labour Party; "Fed Chairman Alan Greenspan" is
 * the Fed). Reading a person's name before it ("Tom Lehman") the same way cost more on the
 * modern yardstick ("via Natalia Veselnitskaya Facebook") than it gave. */
static int inside_name(const words_t *ws, const unsigned char *tags, size_t i, size_t n)
{
    if (n != 1 || ws->w[i].caps)
        return 0;
    const word_t *next = i + 1 < ws->nw ? &ws->w[i + 1] : NULL;
    unsigned char t = next ? tags[i + 1] : DL_TAG_O;
    return next && !ws->w[i].stop && next->upper &&
           (t == DL_TAG_I_ORG || t == DL_TAG_I_PER || t == DL_TAG_I_LOC || t == DL_TAG_I_MISC);
}

/* Whether a name the story taught starts at word i: "KeyCorp and Banc One Corp" is two. */
static int learned_from(const words_t *ws, size_t i, const dl_learned_t *l, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (dl_learned_at(ws, i, &l[k]))
            return 1;
    return 0;
}

/* Whether the word is a compound modifier, a hyphen and lower-case letters to its end:
 * "Minneapolis-based", "Mo.-based", "state-owned". */
static int compound(const word_t *w)
{
    const char *h = memchr(w->p, '-', w->n);
    if (!h || h + 1 == w->p + w->n)
        return 0;
    for (const char *p = h + 1; p < w->p + w->n; p++)
        if (!(*p >= 'a' && *p <= 'z'))
            return 0;
    return 1;
}

/* Whether the words from..to are written elsewhere in the story as (part of) a name the
 * tagger reads as a person's: "McConnell" after "Mitch McConnell". */
static int a_person(const words_t *ws, const unsigned char *tags, size_t from, size_t to)
{
    for (size_t i = 0; i + (to - from) <= ws->nw; i++) {
        if (tags[i] != DL_TAG_B_PER && tags[i] != DL_TAG_I_PER)
            continue;
        size_t k = 0;
        while (k < to - from && (tags[i + k] == DL_TAG_B_PER || tags[i + k] == DL_TAG_I_PER) &&
               ws->w[i + k].n == ws->w[from + k].n &&
               memcmp(ws->w[i + k].p, ws->w[from + k].p, ws->w[from + k].n) == 0)
            k++;
        if (k == to - from)
            return 1;
    }
    return 0;
}

/* Whether a word of the name (connectors aside) is written in lower case elsewhere in the
 * story: "Stock Market" where the story speaks of the market. */
static int common_words(const words_t *ws, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        if (dl_word_is(&ws->w[k], connectors))
            continue;
        for (size_t i = 0; i < ws->nw; i++)
            if (!ws->w[i].upper && ws->w[i].n == ws->w[k].n &&
                strncasecmp(ws->w[i].p, ws->w[k].p, ws->w[k].n) == 0)
                return 1;
    }
    return 0;
}

/* 4. the names the statistical tagger (tagger.c) reads as organisations where no rule took a
 * word of them: groups named by the words as written ("the" in front left out; the possessive
 * and the punctuation around are no part of the words), each word of the name at least
 * TAGGER_ONCE sure, or TAGGER_TWICE where the story writes the name twice so; in the text
 * only (a headline in capitals or title case misleads it), and never a name the story gives
 * a person elsewhere ("McConnell" after "Mitch McConnell"). A place the tagger reads as an
 * organisation stays one (CoNLL's national teams): vetoing places cost CoNLL more than it
 * gave the modern yardstick. */
static dateline_status_t tagged_groups(const words_t *ws, const unsigned char *taken,
                                       const unsigned char *tags, const int *margin, group_t *g,
                                       size_t *ng, dl_trace_t *tr)
{
    int scale = dl_tagger_scale();
    int thr = TAGGER_ONCE * scale;
    int common = TAGGER_COMMON * scale;
    int low = TAGGER_TWICE * scale;
    struct {
        size_t from, end;
        int margin;       /* the least of its words' */
        char key[128];
    } *c = NULL;
    size_t nc = 0;
    if ((c = malloc(MAX_TAGGED * sizeof *c)) == NULL)
        return DATELINE_NO_MEMORY;
    for (size_t i = 0; i < ws->nw && nc < MAX_TAGGED;) {
        if (tags[i] != DL_TAG_B_ORG) {
            i++;
            continue;
        }
        size_t end = i + 1;
        while (end < ws->nw && tags[end] == DL_TAG_I_ORG && !ws->w[end - 1].stop)
            end++;
        int sure = 1, least = margin[i];
        for (size_t k = i; k < end; k++) {
            sure = sure && !taken[k] && ws->w[k].weight != G_TITLE;
            least = margin[k] < least ? margin[k] : least;
        }
        size_t from = i;
        static const char *const the[] = {"the", NULL};
        if (end - from > 1 && dl_word_is(&ws->w[from], the))
            from++;
        if (sure && least >= low && (ws->w[from].upper || ws->w[from].caps) &&
            !a_person(ws, tags, from, end)) {
            char name[128];
            dl_words_text(ws, from, end, name, sizeof name);
            c[nc].from = from;
            c[nc].end = end;
            c[nc].margin = least;
            canon_key(name, c[nc].key, sizeof c[nc].key);
            nc++;
        }
        i = end;
    }
    for (size_t k = 0; k < nc; k++) {
        int seen = 0, best = 0;
        for (size_t j = 0; j < nc; j++)
            if (strcmp(c[j].key, c[k].key) == 0) {
                seen++;
                best = c[j].margin > best ? c[j].margin : best;
            }
        int need = common_words(ws, c[k].from, c[k].end) ? common : thr;
        if (best < need && seen < 2)
            continue;
        char name[128];
        dl_words_text(ws, c[k].from, c[k].end, name, sizeof name);
        const word_t *wn = &ws->w[c[k].end - 1];
        trace(tr, g, add_group(g, ng, name, ws->w[c[k].from].weight), ws->w[c[k].from].p,
              wn->p + wn->n, "name tagger");
    }
    free(c);
    return DATELINE_OK;
}

/* The place the gazetteer names by the n words from word i, as a town or region may name a
 * club: 0 when none fits, 1 when one does, 2 when one is a country (news names a national
 * side by its country, which stays a place). Adjectives, datelines' abbreviations and
 * acronyms not written in capitals name no club. */
static int place_named(const words_t *ws, size_t i, size_t n, const char *key, size_t klen)
{
    size_t count;
    const dl_naming_t *nm = dl_gaz_lookup(key, klen, &count);
    int found = 0;
    for (size_t k = 0; nm && k < count; k++) {
        if (nm[k].adjective || nm[k].dateline || (nm[k].acronym && !ws->w[i].caps) ||
            !dl_words_fit(ws, i, n, nm[k].tokens, nm[k].parts))
            continue;
        int kind = dl_gaz_place(nm[k].place)->kind;
        found = kind == DL_COUNTRY || kind == DL_HISTORICAL ? 2 : found ? found : 1;
    }
    return found;
}

/* 5. sports clubs named after their towns: a town or region named in a line of results of
 * the text ("Leeds 2 Wimbledon 1"), or in a sports story before the club's name or beside a
 * verb of play ("the Toronto Blue Jays", "Liverpool beat Coventry"), is a club when the name
 * tagger reads it as an organisation too (at any margin: the context confirms it): a group,
 * named as written, the club's name after the town included (not past a possessive or into
 * a person: "Baltimore's Eddie Murray"). Not a country, not in brackets (a player's
 * "(Sweden)"), not after a word of place (the ground: "at Leicester"): the test that drops
 * them from the places (extract-places.c). Their words are taken. */
static void team_groups(const words_t *ws, unsigned char *taken, const unsigned char *tags,
                        group_t *g, size_t *ng, dl_trace_t *tr)
{
    int sports = -1; /* read once, when a name could be a team */
    size_t from = 0, to = 0; /* the part of the story (lead, rest) word i is in */
    for (size_t i = 0; i < ws->nw; i++) {
        const word_t *w = &ws->w[i];
        if (i >= to)
            for (from = i, to = i; to < ws->nw && ws->w[to].weight == w->weight;)
                to++;
        if (taken[i] || w->weight == G_TITLE || !w->upper || w->paren || tags[i] != DL_TAG_B_ORG ||
            dl_words_at_ground(ws, i))
            continue;
        char key[160];
        size_t klen[3] = {0}, n = 0;
        size_t maxn = dl_words_keys(ws, i, 3, key, sizeof key, klen);
        int named = 0;
        for (size_t m = maxn; m >= 1 && !named; m--)
            if ((named = place_named(ws, i, m, key, klen[m - 1])) != 0)
                n = m;
        if (named != 1 || (!dl_words_in_results(ws, from, to, i) &&
                           !dl_words_in_results(ws, from, to, i + n - 1) &&
                           !(dl_words_team_name(ws, i, i + n - 1) &&
                             (sports < 0 ? (sports = dl_words_sports(ws)) : sports))))
            continue;
        size_t end = i + n; /* "Toronto Blue Jays": the club's name goes on after the town */
        while (end < to && end - i < 5 && !ws->w[end - 1].stop &&
               !dl_word_possessive(&ws->w[end - 1]) && ws->w[end].upper &&
               !ws->w[end].sentence && !ws->w[end].paren && !taken[end] &&
               tags[end] != DL_TAG_B_PER && tags[end] != DL_TAG_I_PER)
            end++;
        char name[128];
        dl_words_text(ws, i, end, name, sizeof name);
        const word_t *wn = &ws->w[end - 1];
        trace(tr, g, add_group(g, ng, name, w->weight), w->p, wn->p + wn->n, "sports club");
        memset(taken + i, 1, end - i);
        i = end - 1;
    }
}

dateline_status_t dl_extract_groups(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                    size_t *ndefs, int *salience, size_t salience_cap)
{
    return dl_extract_groups_traced(a, defs, cap, ndefs, salience, salience_cap, NULL);
}

dateline_status_t dl_extract_groups_traced(dateline_article_t *a, dl_definition_t *defs,
                                           size_t cap, size_t *ndefs, int *salience,
                                           size_t salience_cap, dl_trace_t *tr)
{
    words_t ws = {0};
    group_t *g = malloc(MAX_GROUPS * sizeof *g);
    size_t ng = 0;
    dateline_status_t st = DATELINE_OK;
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    int caps_title = 0;
    int title_case = 0; /* a headline in title case: no run of capitals is a name there */
    char *first_par = NULL; /* the words point into it */
    struct {
        const char *name;
        int weight;
        const word_t *w;   /* its first word, and */
        size_t n;          /* how many */
    } pending[MAX_GROUPS]; /* mentions by weak names, counted once confirmed */
    size_t npending = 0;
    unsigned char *taken = NULL; /* words some rule took for a group or an acronym */
    unsigned char *tags = NULL;  /* the name tagger's tags of the words, and */
    int *margin = NULL;          /* how sure it is of each */
    *ndefs = 0;
    if (!g || !dl_gaz_load()) {
        free(g);
        return DATELINE_NO_MEMORY;
    }
    /* labels the source gave (Reuters ORGS) */
    size_t nlabels = dateline_article_count(a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < nlabels; i++) {
        const char *l = dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i);
        char key[128];
        size_t k = dl_gaz_fold(l, strlen(l), key, sizeof key);
        const dl_place_t *b = builtin(key, k, 0, 0, NULL, 0, 0, NULL);
        size_t at = add_group(g, &ng, b ? b->name : l, G_LABEL);
        dl_trace_text(tr, l, strlen(l), DATELINE_FIELD_GROUPS, i, 0);
        trace(tr, g, at, l, l + strlen(l), "source label");
    }
    if (title) {
        dl_trace_text(tr, title, strlen(title), DATELINE_FIELD_TITLE, 0, 0);
        dl_words_split(&ws, title, G_TITLE);
        caps_title = 1;
        for (size_t i = 0; i < ws.nw; i++)
            caps_title = caps_title && (ws.w[i].caps || !ws.w[i].upper);
        /* title case: a small word capitalised inside ("Willing To Testify In Front") */
        static const char *const small[] = {"to", "a", "an", "in", "on", "at", "for", "with",
                                            "by", "from", "is", "are", "of", "and", NULL};
        for (size_t i = 1; i < ws.nw && !caps_title; i++)
            title_case = title_case || (ws.w[i].upper && !ws.w[i].caps &&
                                        !ws.w[i - 1].stop && dl_word_is(&ws.w[i], small));
    }
    if (body) {
        const char *text = body;
        dl_lead_t lead;
        if (dl_lead_parse(body, strlen(body), &lead))
            body += lead.length;
        const char *nl = strchr(body, '\n');
        first_par = dl_strndup(body, nl ? (size_t)(nl - body) : strlen(body));
        if (!first_par)
            ws.failed = 1;
        else {
            dl_trace_text(tr, first_par, strlen(first_par), DATELINE_FIELD_BODY, 0,
                          (size_t)(body - text));
            dl_words_split(&ws, first_par, G_LEAD);
        }
        if (nl) {
            dl_trace_text(tr, nl + 1, strlen(nl + 1), DATELINE_FIELD_BODY, 0,
                          (size_t)(nl + 1 - text));
            dl_words_split(&ws, nl + 1, G_BODY);
        }
    }
    taken = ws.failed ? NULL : calloc(ws.nw + 1, 1);
    tags = ws.failed ? NULL : malloc(ws.nw + 1);
    margin = ws.failed ? NULL : malloc((ws.nw + 1) * sizeof *margin);
    if (ws.failed || !taken || !tags || !margin) {
        st = DATELINE_NO_MEMORY;
        goto out;
    }
    size_t text_words = 0; /* words outside the headline */
    for (size_t i = 0; i < ws.nw; i++)
        text_words += ws.w[i].weight != G_TITLE;
    int headline_only = text_words < 4;
    if (!dl_tagger_tag(&ws, tags, margin))
        memset(tags, DL_TAG_O, ws.nw); /* no weights: the rules alone */

    /* The story's own source is its source, never one of its groups: the source field, and a
     * credit the lead parser did not take, "(Reuters) - " in the first words of the body
     * ("LONDON, (Reuters) - ", a byline before it). "told Reuters" is then no group either. */
    char sources[2][128] = {"", ""};
    const char *src = dateline_article_get(a, DATELINE_FIELD_SOURCE);
    if (src)
        source_key(src, strlen(src), sources[0]);
    for (size_t j = 0; j < ws.nw && j < 16; j++)
        if (ws.w[j].weight == G_LEAD && ws.w[j].paren && credit_dash(&ws.w[j])) {
            source_key(ws.w[j].p, ws.w[j].n, sources[1]);
            ws.w[j].upper = 0; /* read as no name */
            break;
        }
    /* the story's country, whose parties its party words name first */
    const char *country = NULL;
    if (dateline_article_count(a, DATELINE_FIELD_PLACE_IDS)) {
        char id[64];
        int p = sscanf(dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, 0), "%63s", id) == 1
                    ? dl_gaz_find_id(id) : -1;
        const dl_place_t *pl = p >= 0 ? dl_gaz_place(p) : NULL;
        if (pl && pl->country >= 0 && dl_gaz_place(pl->country))
            country = dl_gaz_place(pl->country)->name;
    }
    /* 0. the groups the story teaches itself: "Acme Widgets Inc", "the Brussels-based Solvay" */
    dl_learned_t learned[16];
    size_t nlearned = dl_learn_groups(&ws, tags, learned, 16);
    for (size_t l = 0; l < nlearned && *ndefs < cap; l++) {
        if (learned[l].story)
            continue; /* a short form is this story's only */
        dl_definition_t *d = &defs[*ndefs]; /* the index learns the bare name for group: */
        dl_words_text(&ws, learned[l].from, learned[l].from + learned[l].n, d->acronym,
                   sizeof d->acronym);
        snprintf(d->name, sizeof d->name, "%s", learned[l].name);
        *ndefs += strcmp(d->acronym, d->name) != 0;
    }
    /* 1. definitions: "Syrian Democratic Forces (SDF)" */
    for (size_t j = 1; j < ws.nw; j++) {
        const word_t *acr = &ws.w[j];
        if (!acr->paren || !acronym(acr) || ws.w[j - 1].stop)
            continue;
        size_t best = j;
        for (size_t from = j; from > 0 && j - from < MAX_DEFINED_WORDS;) {
            from--;
            const word_t *w = &ws.w[from];
            if ((w->stop && from != j - 1) ||
                (!name_word(w) && !dl_word_is(w, connectors) && !dl_word_is(w, inner)))
                break;
            if (name_word(w) && initials_match(&ws, from, j, acr))
                best = from;
        }
        while (best < j && dl_word_is(&ws.w[best], connectors))
            best++; /* "The Syrian Democratic Forces (SDF)" is the Syrian Democratic Forces */
        if (best < j && *ndefs < cap) {
            dl_definition_t *d = &defs[(*ndefs)++];
            snprintf(d->acronym, sizeof d->acronym, "%.*s", (int)acr->n, acr->p);
            dl_words_text(&ws, best, j, d->name, sizeof d->name);
            /* two mentions, the name and its acronym; their words are read here only */
            const word_t *last = &ws.w[j - 1];
            trace(tr, g, add_group(g, &ng, d->name, ws.w[best].weight), ws.w[best].p,
                  last->p + last->n, "acronym defined in text");
            trace(tr, g, add_group(g, &ng, d->name, acr->weight), acr->p, acr->p + acr->n,
                  "acronym defined in text");
            memset(taken + best, 1, j + 1 - best);
        }
    }
    /* 2. known names and acronyms, and 3. names headed by an organisation word */
    for (size_t i = 0; i < ws.nw;) {
        const word_t *w = &ws.w[i];
        int in_title = caps_title && w->weight == G_TITLE;
        if (!name_word(w) || dl_word_is(w, connectors) || taken[i]) {
            i++; /* "The International Committee of the Red Cross" starts at International;
                  * a word a definition took is read there only */
            continue;
        }
        size_t l = 0; /* a name the story taught: its group, wherever it stands */
        while (l < nlearned && !dl_learned_at(&ws, i, &learned[l]))
            l++;
        if (l < nlearned) {
            size_t k = add_group(g, &ng, learned[l].name, w->weight);
            size_t n = learned[l].n + (i == learned[l].from ? learned[l].skip : 0);
            const word_t *last = &ws.w[i + n - 1];
            trace(tr, g, k, w->p, last->p + last->n,
                  i == learned[l].from ? "name with a designator" : "name the story taught");
            memset(taken + i, 1, n);
            i += n;
            continue;
        }
        const dl_place_t *mod = in_title ? NULL : modifier(w);
        if (mod) { /* "the U.N.-backed government", "NATO-led forces" */
            trace(tr, g, add_group(g, &ng, mod->name, w->weight), w->p,
                  (const char *)memchr(w->p, '-', w->n), "group as a modifier");
            taken[i++] = 1;
            continue;
        }
        char key[160];
        size_t klen[MAX_NAME_WORDS] = {0};
        size_t maxn = dl_words_keys(&ws, i, MAX_NAME_WORDS, key, sizeof key, klen);
        int caps = 1;
        size_t used = 0;
        /* An acronym means first what this story makes it mean: a definition here, or the
         * initials of a group the story names; only then what the built-in list says. What
         * other stories taught the index is applied by group: at query time, so that a
         * story's groups never depend on the order stories went in. */
        if (acronym(w) && !in_title) {
            char k1[32];
            const char *meant = NULL, *rule = "acronym defined in text";
            dl_gaz_fold(w->p, w->n, k1, sizeof k1);
            for (size_t d = 0; d < *ndefs && !meant; d++)
                if (strlen(defs[d].acronym) == w->n && memcmp(defs[d].acronym, w->p, w->n) == 0)
                    meant = defs[d].name;
            for (size_t q = 0; q < ng && !meant; q++)
                if (initials_of(g[q].name, k1)) {
                    meant = g[q].name;
                    rule = "initials of a named group";
                }
            if (meant) {
                trace(tr, g, add_group(g, &ng, meant, w->weight), w->p, w->p + w->n, rule);
                char a8[16];
                snprintf(a8, sizeof a8, "%.*s", (int)dl_utf8_fit(w->p, w->n, sizeof a8), w->p);
                st = dl_article_put(a, DATELINE_FIELD_ACRONYMS, a8, strlen(a8));
                if (st != DATELINE_OK)
                    goto out;
                taken[i++] = 1;
                continue;
            }
        }
        for (size_t n = maxn; n >= 1 && !used; n--) {
            caps = 1;
            int names = 1;
            for (size_t k = 0; k < n; k++) {
                const word_t *wk = &ws.w[i + k];
                caps = caps && wk->caps;
                names = names && (name_word(wk) || dl_word_is(wk, connectors) ||
                                  (k > 0 && k + 1 < n && dl_word_is(wk, inner)));
            }
            if (!names && !in_title)
                continue; /* "The union said" is no group called The Union */
            if (!in_title && inside_name(&ws, tags, i, n))
                continue; /* "Labour Day", "Tom Lehman" */
            int weak = 0;
            const dl_place_t *b = builtin(key, klen[n - 1], 1, caps && !in_title, &ws, i, n, &weak);
            if (!b && in_title && n == 1 && acronym(w)) {
                /* an acronym in a headline in capitals ("EC GRANTS LICENCES"), where it looks
                 * like any word ("WHO"): counted where the text names its group too, or where
                 * there is no text ("Blah blah blah.") */
                b = builtin(key, klen[0], 1, 1, &ws, i, 1, &weak);
                weak = weak || (b && !headline_only);
            }
            if (b && !(n == 1 && !caps && w->sentence && b->name[0] != w->p[0])) {
                if (!weak) {
                    size_t at = add_group(g, &ng, b->name, w->weight);
                    const word_t *wn = &ws.w[i + n - 1];
                    trace(tr, g, at, w->p, wn->p + wn->n,
                          n == 1 && acronym(w) ? "group list acronym" : "group list name");
                    beaten(tr, g, at, key, klen[n - 1], b);
                } else if (npending < MAX_GROUPS) {
                    pending[npending].name = b->name;
                    pending[npending].w = w;
                    pending[npending].n = n;
                    pending[npending++].weight = w->weight;
                }
                used = n;
                memset(taken + i, !weak, n);
            }
        }
        if (!used && acronym(w) && !in_title) {
            /* an acronym nobody has explained yet: kept, so that group: finds this story
             * once another story teaches the index what it stands for */
            char a8[16];
            snprintf(a8, sizeof a8, "%.*s", (int)dl_utf8_fit(w->p, w->n, sizeof a8), w->p);
            st = dl_article_put(a, DATELINE_FIELD_ACRONYMS, a8, strlen(a8));
            if (st != DATELINE_OK)
                goto out;
            dl_trace_mention(tr, DL_TRACE_ACRONYM, a8, a8, w->p, w->p + w->n, "acronym");
            used = 1;
            taken[i] = 1;
        }
        if (!used && !in_title && !(title_case && w->weight == G_TITLE)) {
            /* a run of capitalised words ending in an organisation word, or one starting
             * with it and going on with "of": "Deir al-Zor Military Council", "Bank of Japan";
             * not in a headline in title case ("Michelle Obama Went To A Birthday Party") */
            size_t end = i, last_org = 0;
            /* not into what another rule took, nor into an acronym in brackets: "In August
             * the National Association of X (NAX)" */
            while (end < ws.nw && end - i < MAX_NAME_WORDS && !taken[end] &&
                   !(end > i && (ws.w[end].paren || learned_from(&ws, end, learned, nlearned))) &&
                   (name_word(&ws.w[end]) || (end > i && dl_word_is(&ws.w[end], connectors)))) {
                if (name_word(&ws.w[end]) && dl_word_is(&ws.w[end], org_words))
                    last_org = end + 1;
                /* a possessive ends the name after its organisation word ("University of
                 * Michigan's August survey"), or after a person's or a place's name as the
                 * tagger reads it ("Suu Kyi's National League", "Germany's Agriculture
                 * Ministry"); not inside it ("People's Liberation Army") */
                unsigned char t = tags[end];
                if (ws.w[end].stop ||
                    (dl_word_possessive(&ws.w[end]) &&
                     (last_org || t == DL_TAG_B_PER || t == DL_TAG_I_PER || t == DL_TAG_B_LOC ||
                      t == DL_TAG_I_LOC))) {
                    end++;
                    break;
                }
                end++;
            }
            size_t from = i;
            while (from < ws.nw && dl_word_is(&ws.w[from], connectors))
                from++; /* "The Syrian..." */
            /* "Leaders of the European Commission": the name starts after the connector */
            for (size_t k = from; last_org && k < last_org; k++)
                if (dl_word_is(&ws.w[k], connectors) && !dl_word_is(&ws.w[k], joining) &&
                    !(k > from && dl_word_is(&ws.w[k - 1], org_words)))
                    from = k + 1;
            /* "the Paris-based International Chamber": a compound modifier is no part */
            for (size_t k = from; last_org && k < last_org; k++)
                if (compound(&ws.w[k]))
                    from = k + 1;
            /* "Central Bank of Russia", "Ministry of Defence": the name goes on after "of" */
            static const char *const of[] = {"of", "for", NULL};
            if (last_org && last_org < end && dl_word_is(&ws.w[last_org - 1], org_words) &&
                dl_word_is(&ws.w[last_org], of) && !ws.w[last_org - 1].stop)
                last_org = end;
            while (last_org > from && dl_word_is(&ws.w[last_org - 1], connectors))
                last_org--;
            /* a place is no group: "Soviet Union", "Russian Federation" */
            char pk[160];
            size_t pl = 0;
            for (size_t k = from; k < last_org && pl < sizeof pk - 1; k++)
                pl += dl_gaz_fold(ws.w[k].p, ws.w[k].n, pk + pl, sizeof pk - pl);
            size_t pc;
            if (last_org && dl_gaz_lookup(pk, pl, &pc))
                last_org = 0;
            if (last_org && last_org > from && last_org - from >= 2) {
                char name[128];
                dl_words_text(&ws, from, last_org, name, sizeof name);
                const word_t *wn = &ws.w[last_org - 1];
                trace(tr, g, add_group(g, &ng, name, w->weight), ws.w[from].p, wn->p + wn->n,
                      "organisation word");
                used = last_org - i;
                memset(taken + from, 1, last_org - from);
            }
        }
        if (!used && !in_title) {
            /* 3b. a party by its members or its adjective: "Republicans", "a Democratic
             * senator" */
            const dl_place_t *party = dl_party_at(&ws, i, country);
            if (party) {
                trace(tr, g, add_group(g, &ng, party->name, w->weight), w->p, w->p + w->n,
                      "party by its members or adjective");
                used = 1;
                taken[i] = 1;
            }
        }
        i += used ? used : 1;
    }
    /* a weak name ("Foundation", "IS") counts where the story names its group otherwise */
    for (size_t p = 0; p < npending; p++) {
        char key[128];
        canon_key(pending[p].name, key, sizeof key);
        for (size_t q = 0; q < ng; q++)
            if (strcmp(g[q].key, key) == 0) {
                g[q].salience += pending[p].weight;
                const word_t *wn = pending[p].w + pending[p].n - 1;
                trace(tr, g, q, pending[p].w->p, wn->p + wn->n, "weak alias confirmed");
            }
    }
    team_groups(&ws, taken, tags, g, &ng, tr);
    st = tagged_groups(&ws, taken, tags, margin, g, &ng, tr);
    if (st != DATELINE_OK)
        goto out;
    size_t kept = 0;
    for (size_t i = 0; i < ng; i++)
        if (strcmp(g[i].key, sources[0]) != 0 && strcmp(g[i].key, sources[1]) != 0)
            g[kept++] = g[i];
    ng = kept;
    qsort(g, ng, sizeof *g, by_salience);
    dl_article_clear_field(a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < ng && st == DATELINE_OK; i++) {
        st = dl_article_put(a, DATELINE_FIELD_GROUPS, g[i].name, strlen(g[i].name));
        dl_trace_final(tr, DL_TRACE_GROUP, g[i].key, g[i].name, g[i].salience);
        if (salience && i < salience_cap)
            salience[i] = g[i].salience;
    }
out:
    free(taken);
    free(tags);
    free(margin);
    free(first_par);
    free(ws.w);
    free(g);
    return st;
}
