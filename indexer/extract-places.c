/* extract-places.c: finds the places a story is about, with a salience each, using the gazetteer. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract.h"
#include "gazetteer.h"
#include "words.h"

#define MAX_WORDS 6      /* the longest place name matched, in words */
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

static const char *const titles[] = {"mr", "mrs", "ms", "dr", "president", "minister", "senator",
                                     "sen", "rep", "gen", "general", "gov", "king", "queen", "prince",
                                     "sheikh", "judge", "governor", "mayor", "pope", "col",
                                     "colonel", "captain", "lt", "sir", "lord", "lady", NULL};
/* Words that start sentences in capitals without being names. */
static const char *const function_words[] = {
    "the", "a", "an", "in", "at", "on", "for", "from", "to", "by", "with", "after", "before",
    "but", "and", "or", "as", "if", "when", "while", "since", "both", "many", "some", "all",
    "most", "this", "that", "these", "those", "its", "his", "her", "their", "our", "other",
    "several", "two", "three", "four", "five", "during", "under", "over", "about", "across",
    "neither", "either", "both", "every", "each", "no", "not", "then", "there", "here", "where",
    "western", "eastern", "northern", "southern", "central", "north", "south", "east", "west",
    NULL};
static const char *const speech[] = {"said", "says", "say", "has", "have", "had", "would", "will",
                                     "wants", "wanted", "accused", "warned", "told", "urged",
                                     "demanded", "rejected", "denied", "announced", "insisted",
                                     "believes", "argues", "argued", "hopes", "fears", NULL};
static const char *const locative[] = {"in", "at", "from", "near", "to", "outside", "across",
                                       "into", "towards", "toward", "around", "of", "inside",
                                       "via", "through", "north", "south", "east", "west", NULL};

/* A single-word city or region is weak: common words ("Mobile", "Split") and surnames
 * ("Jackson") name cities too, so it needs support from the rest of the story. */
static int weak(const dl_naming_t *nm)
{
    const dl_place_t *p = dl_gaz_place(nm->place);
    if (nm->tokens > 1 || nm->acronym)
        return 0;
    if (p->kind == DL_CITY)
        return !(p->population >= 1000000 || (p->capital && p->population >= 300000));
    /* a region of a million people is named in news as itself (England, Texas); its
     * population is that of its towns, none where its name is a common word (Delta) */
    return p->kind == DL_ADMIN1 && p->population < 1000000;
}

static double kind_score(const dl_place_t *p)
{
    switch (p->kind) {
    case DL_COUNTRY: return 50;
    case DL_HISTORICAL: case DL_REGION: case DL_FEATURE: case DL_CONTINENT: return 40;
    case DL_ADMIN1: return 22;
    /* a capital is the likelier of namesakes, unless it is a small town: Victoria of the
     * Seychelles (23,000 people) is no rival for the state of Victoria or Victoria, BC, nor
     * Plymouth of Montserrat for Plymouth, England */
    case DL_CITY: return 20 + (p->capital && p->population >= 100000 ? 10 : 0);
    case DL_GROUP: return 0;
    }
    return 0;
}

/* The country a place belongs to, or the place itself for countries and the like. */
static int country_of(int i)
{
    const dl_place_t *p = dl_gaz_place(i);
    return p->country >= 0 ? p->country : i;
}

typedef struct {
    int place;
    int salience;
} found_t;

static void credit(found_t *f, size_t *nf, int place, int weight)
{
    for (size_t i = 0; i < *nf; i++)
        if (f[i].place == place) {
            f[i].salience += weight;
            return;
        }
    f[*nf].place = place;
    f[(*nf)++].salience = weight;
}

static int by_salience(const void *a, const void *b)
{
    const found_t *x = a, *y = b;
    if (x->salience != y->salience)
        return y->salience - x->salience;
    return strcmp(dl_gaz_place(x->place)->id, dl_gaz_place(y->place)->id);
}

/* How many digits a population has: a bigger place wins a tie, by orders of magnitude. */
static int magnitude(uint32_t n)
{
    int d = 0;
    for (; n; n /= 10)
        d++;
    return d;
}

/* Whether candidate k of a mention is set aside for another: a sub-unit of a country the
 * same name names (Mexico the state, for Mexico), or a place outside the qualifier
 * ("CANTON, Mass." is no Guangzhou) when some candidate lies within it. */
static int set_aside(const mention_t *m, size_t k)
{
    int place = m->namings[k].place, inside = 0;
    const dl_place_t *p = dl_gaz_place(place);
    for (size_t j = 0; j < m->nnamings; j++) {
        if (!(m->usable >> j & 1))
            continue;
        const dl_place_t *q = dl_gaz_place(m->namings[j].place);
        if (p->kind != DL_COUNTRY && q->kind == DL_COUNTRY && p->country == m->namings[j].place)
            return 1;
        inside = inside || (m->within >= 0 && dl_gaz_within(m->namings[j].place, m->within));
    }
    return inside && !dl_gaz_within(place, m->within);
}

/* How well candidate k of a mention fits the story: its kind, a place of a country the story
 * names, then its size. */
static double score(const mention_t *m, size_t k, const int *countries, size_t ncountries)
{
    const dl_place_t *p = dl_gaz_place(m->namings[k].place);
    /* a region's population, the sum of its towns', is a prior against the namesakes of other
     * lands (Virginia the state, not the South African town), not against its own city of
     * the name: New York is the city before the state */
    int own_city = 0;
    for (size_t j = 0; j < m->nnamings && p->kind == DL_ADMIN1 && !own_city; j++)
        own_city = (m->usable >> j & 1) && dl_gaz_place(m->namings[j].place)->kind == DL_CITY &&
                   dl_gaz_within(m->namings[j].place, m->namings[k].place);
    double s = kind_score(p) + (own_city ? 0 : magnitude(p->population));
    for (size_t c = 0; c < ncountries; c++)
        if (countries[c] == country_of(m->namings[k].place) && p->kind != DL_COUNTRY)
            return s + 40;
    return s;
}

/* Picks the candidate of a mention that fits the story best (score()); ties go to the bigger
 * place, then to the smaller id. */
static int choose(const mention_t *m, const int *countries, size_t ncountries)
{
    double best = -1;
    int pick = -1;
    for (size_t k = 0; k < m->nnamings; k++) {
        if (!(m->usable >> k & 1) || set_aside(m, k))
            continue;
        const dl_place_t *p = dl_gaz_place(m->namings[k].place);
        double s = score(m, k, countries, ncountries);
        const dl_place_t *b = pick >= 0 ? dl_gaz_place(pick) : NULL;
        if (s > best || (s == best && (p->population > b->population ||
                                       (p->population == b->population &&
                                        strcmp(p->id, b->id) < 0)))) {
            best = s;
            pick = m->namings[k].place;
        }
    }
    return pick;
}

/* Records why each other candidate of a mention lost to its choice (explanations only). */
static void beaten(dl_trace_t *tr, const mention_t *m, const int *countries, size_t nc)
{
    if (!tr)
        return;
    const dl_place_t *c = dl_gaz_place(m->chosen);
    double best = 0;
    for (size_t k = 0; k < m->nnamings; k++)
        if (m->namings[k].place == m->chosen && (m->usable >> k & 1))
            best = score(m, k, countries, nc);
    for (size_t k = 0; k < m->nnamings; k++) {
        const dl_place_t *p = dl_gaz_place(m->namings[k].place);
        double s = score(m, k, countries, nc);
        if (m->namings[k].place == m->chosen)
            continue;
        if (!(m->usable >> k & 1))
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name,
                          "its name cannot stand for these words (capitals, words, dateline)");
        else if (set_aside(m, k) && m->within >= 0 && !dl_gaz_within(m->namings[k].place, m->within))
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name, "outside the qualifier %s",
                          dl_gaz_place(m->within)->name);
        else if (set_aside(m, k))
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name,
                          "a part of a country the same name names");
        else if (s < best)
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name,
                          "scored %.0f against %.0f (kind, population, a country the story names)",
                          s, best);
        else
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name,
                          "same score %.0f: the bigger place, then the smaller id wins", s);
    }
}

/* The rule that took a mention's words for its place. */
static const char *rule_of(const dl_naming_t *nmg)
{
    return nmg && nmg->adjective ? "demonym" : nmg && nmg->acronym ? "gazetteer acronym"
                                                                   : "gazetteer name";
}

/* The id a source's label the gazetteer does not know is kept under: "=" and its key. */
static void label_id(const char *label, char *out, size_t cap)
{
    char *key = dl_key_normalize(label, 100);
    snprintf(out, cap, "=%s", key ? key : "");
    free(key);
}

/* Records a label the source gave, value i of PLACES, taken for place pick (-1: none the
 * gazetteer knows). */
static void trace_label(dl_trace_t *tr, const char *label, size_t i, int pick)
{
    char lid[128];
    if (!tr)
        return;
    label_id(label, lid, sizeof lid);
    dl_trace_text(tr, label, strlen(label), DATELINE_FIELD_PLACES, i, 0);
    dl_trace_mention(tr, DL_TRACE_PLACE, pick >= 0 ? dl_gaz_place(pick)->id : lid,
                     pick >= 0 ? dl_gaz_place(pick)->name : label, label, label + strlen(label),
                     "source label");
}

/* The first-level region or country a qualifier names ("Mass.", "Ala.", "Iraq", "Georgia"),
 * dateline abbreviations included; -1 if none. */
static int qualifier(const char *s, size_t n)
{
    char key[PHRASE_MAX];
    size_t count, k = dl_gaz_fold(s, n, key, sizeof key);
    const dl_naming_t *nmg = dl_gaz_lookup(key, k, &count);
    int pick = -1;
    for (size_t c = 0; nmg && c < count; c++) {
        const dl_place_t *p = dl_gaz_place(nmg[c].place);
        if ((p->kind == DL_COUNTRY || p->kind == DL_ADMIN1 || p->kind == DL_HISTORICAL) &&
            !nmg[c].adjective && (pick < 0 || p->kind == DL_COUNTRY))
            pick = nmg[c].place;
    }
    return pick;
}

/* Whether place p lay in historical state h on day (YYYYMMDD): Cologne in West Germany. */
static int in_territory(int p, int h, uint32_t day)
{
    const dl_place_t *hp = dl_gaz_place(h);
    if (hp->kind != DL_HISTORICAL || !day || day > hp->until)
        return 0;
    for (int t = 0; t < hp->nterritory; t++)
        if (dl_gaz_within(p, hp->territory[t]))
            return 1;
    return 0;
}

/* Credits each historical state that existed on day with the salience of the places found
 * from index `from` on that lay in it. */
static void credit_historical(found_t *found, size_t *nf, size_t from, uint32_t day,
                              dl_trace_t *tr)
{
    size_t nh, end = *nf;
    const int *hist = dl_gaz_historical(&nh);
    if (!day)
        return;
    for (size_t h = 0; h < nh; h++) {
        int sal = 0;
        for (size_t f = from; f < end; f++)
            if (found[f].place != hist[h] && in_territory(found[f].place, hist[h], day)) {
                sal += found[f].salience;
                dl_trace_inherit(tr, DL_TRACE_PLACE, dl_gaz_place(found[f].place)->id,
                                 dl_gaz_place(hist[h])->id, dl_gaz_place(hist[h])->name,
                                 "historical state");
            }
        if (sal)
            credit(found, nf, hist[h], sal);
    }
}

/* The first naming of a mention that can stand for its words. */
static const dl_naming_t *first_usable(const mention_t *m)
{
    for (size_t k = 0; k < m->nnamings; k++)
        if (m->usable >> k & 1)
            return &m->namings[k];
    return NULL;
}

/* "U.S.-led", "London-based", "Kashmir-born": a name before a hyphen and a word in lower case
 * is read as the name alone, which ends a name there. */
static void split_compounds(words_t *ws)
{
    for (size_t i = 0; i < ws->nw; i++) {
        word_t *w = &ws->w[i];
        size_t h = w->n;
        while (h > 0 && w->p[h - 1] >= 'a' && w->p[h - 1] <= 'z')
            h--;
        if (h < 2 || h == w->n || w->p[h - 1] != '-' || !w->upper)
            continue;
        w->n = h - 1;
        w->stop = 1;
        int lower = 0, up = 0;
        for (size_t k = 0; k < w->n; k++) {
            lower += w->p[k] >= 'a' && w->p[k] <= 'z';
            up += w->p[k] >= 'A' && w->p[k] <= 'Z';
        }
        w->caps = up > 0 && !lower;
    }
}

/* "Turkey-Cyprus-Bosnia", "U.S.-Japan", "Iran-Iraq": a word of places' names joined by
 * hyphens, which the gazetteer does not know whole ("Guinea-Bissau", "Winston-Salem" stay),
 * is read as its names, one after the other, none running into the next. Words from `from`
 * on; ws->failed when memory ran out. */
static void split_hyphens(words_t *ws, size_t from)
{
    for (size_t i = from; i < ws->nw; i++) {
        if (!ws->w[i].upper || !memchr(ws->w[i].p, '-', ws->w[i].n))
            continue;
        word_t w = ws->w[i];
        size_t parts = 1, k;
        int names = 1;
        for (k = 0; k < w.n && names; k++)
            if (w.p[k] == '-') {
                names = k + 2 < w.n && w.p[k + 1] >= 'A' && w.p[k + 1] <= 'Z' && w.p[k - 1] != '-';
                parts++;
            }
        char key[PHRASE_MAX];
        size_t count;
        if (!names || parts < 2 || w.p[w.n - 1] == '-' ||
            dl_gaz_lookup(key, dl_gaz_fold(w.p, w.n, key, sizeof key), &count))
            continue;
        /* every part a name of the gazetteer ("Mao Tse-Tung", "Pro-Moscow", "German-Jewish"
         * are no list of places), or a people in the plural ("Armenia-Azeris") */
        for (const char *p = w.p, *end = w.p + w.n; p < end && names;) {
            const char *h = memchr(p, '-', (size_t)(end - p));
            size_t kl = dl_gaz_fold(p, (size_t)((h ? h : end) - p), key, sizeof key);
            names = dl_gaz_lookup(key, kl, &count) != NULL ||
                    (kl > 4 && key[kl - 1] == 's' && dl_gaz_lookup(key, kl - 1, &count) != NULL);
            p = h ? h + 1 : end;
        }
        if (!names)
            continue;
        if (ws->nw + parts - 1 > ws->cap) {
            size_t cap = ws->cap * 2 + parts;
            word_t *nw = realloc(ws->w, cap * sizeof *nw);
            if (!nw) {
                ws->failed = 1;
                return;
            }
            ws->w = nw;
            ws->cap = cap;
        }
        memmove(&ws->w[i + parts], &ws->w[i + 1], (ws->nw - i - 1) * sizeof *ws->w);
        ws->nw += parts - 1;
        const char *p = w.p, *end = w.p + w.n;
        for (size_t j = 0; j < parts; j++) {
            const char *h = memchr(p, '-', (size_t)(end - p));
            word_t *x = &ws->w[i + j];
            *x = w;
            x->p = p;
            x->n = (size_t)((h ? h : end) - p);
            x->sentence = j == 0 && w.sentence;
            x->stop = j + 1 < parts || w.stop;
            int lower = 0, up = 0;
            for (size_t c = 0; c < x->n; c++) {
                lower += x->p[c] >= 'a' && x->p[c] <= 'z';
                up += x->p[c] >= 'A' && x->p[c] <= 'Z';
            }
            x->caps = up > 0 && !lower;
            p = h ? h + 1 : end;
        }
        i += parts - 1;
    }
}

/* Whether the adjective at word i names a language, not its place: "the English language",
 * "English-speaking", "written in English." */
static int language(const words_t *ws, size_t i)
{
    static const char *const after[] = {"language", "languages", "speaking", "speaker",
                                        "speakers", NULL};
    static const char *const before[] = {"in", "into", "speak", "speaks", "spoke", "speaking",
                                         NULL};
    const word_t *w = &ws->w[i];
    const char *e = w->p + w->n;
    if (*e == '-') { /* "English-language", cut by split_compounds() */
        for (int k = 0; after[k]; k++)
            if (strncasecmp(e + 1, after[k], strlen(after[k])) == 0)
                return 1;
    }
    if (i + 1 < ws->nw && !w->stop && dl_word_is(&ws->w[i + 1], after))
        return 1;
    return i > 0 && w->stop && !ws->w[i - 1].stop && dl_word_is(&ws->w[i - 1], before);
}

/* Whether word i ends in a possessive as written: "Britain's Brent". */
static int possessive(const word_t *w)
{
    const char *e = w->p + w->n;
    return (e[0] == '\'' && e[1] == 's') || strncmp(e, "\xE2\x80\x99s", 4) == 0;
}

/* Whether the n words from word i that a place's name fits stand for a person: 2 where the
 * words around say so ("Michael Jordan", "President Chad"), which holds all through the story,
 * 1 where the name is only the first of two capitalised words ("Jordan Peterson", "Paris
 * Hilton"), which holds here only; 0 otherwise. A place that goes before a title ("Wisconsin
 * Senator"), an organisation's longer name ("London Metal Exchange") or a possessive
 * ("Britain's Brent") is a place used as a modifier, still evidence of the place. */
static int reads_as_person(const words_t *ws, size_t i, size_t n, int caps_ok,
                           const dl_naming_t *first)
{
    const word_t *w = &ws->w[i];
    const word_t *prev = i > 0 ? &ws->w[i - 1] : NULL;
    const word_t *next = i + n < ws->nw ? &ws->w[i + n] : NULL;
    if (n != 1)
        return 0;
    /* "Hidemichi Tanaka (Japan)": a name in brackets is no part of the name before it */
    if (prev && !w->sentence && !prev->stop && !w->paren && prev->upper && !prev->caps &&
        !w->caps && !caps_ok && !dl_word_is(prev, function_words))
        return 2;
    /* "Mr. Moore": an abbreviated title's full stop ends no sentence */
    static const char *const abbreviated[] = {"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col",
                                              "lt", "gov", NULL};
    if (prev && (!prev->stop || (prev->p[prev->n] == '.' && dl_word_is(prev, abbreviated))) &&
        dl_word_is(prev, titles))
        return 2;
    if (!next || w->stop || !next->upper || next->caps || caps_ok || first->adjective ||
        w->caps || possessive(w) || dl_word_is(next, titles))
        return 0;
    /* "London Metal Exchange": a third capitalised word makes it an organisation's name,
     * which a weak name only lends ("Centennial Olympic Games" are no town's); not at the
     * start of a sentence or line, where a name and a title stand ("Wales Larrison Space
     * Technology Investor" under a post) */
    const word_t *after = i + 2 < ws->nw && !next->stop && !weak(first) && !w->sentence
                              ? &ws->w[i + 2] : NULL;
    return after && after->upper && !dl_word_is(after, function_words) ? 0 : 1;
}

/* Finds the mentions in the words. */
static size_t find_mentions(const words_t *ws, mention_t *ms, int all_caps_title)
{
    size_t nm = 0;
    const dl_naming_t *people[32]; /* names used for a person here: "Michael Jordan" */
    size_t npeople = 0;
    for (size_t i = 0; i < ws->nw && nm < MAX_MENTIONS;) {
        const word_t *w = &ws->w[i];
        int caps_ok = all_caps_title && w->weight == W_TITLE;
        if (!w->upper) {
            i++;
            continue;
        }
        char key[PHRASE_MAX];
        size_t klen[MAX_WORDS] = {0};
        size_t maxn = dl_words_keys(ws, i, MAX_WORDS, key, sizeof key, klen);
        size_t used = 1;
        for (size_t n = maxn; n >= 1; n--) {
            size_t count;
            const dl_naming_t *nmg = dl_gaz_lookup(key, klen[n - 1], &count);
            /* "Americans", "Russians": a people, its country's adjective in the plural */
            int plural = !nmg && klen[n - 1] > 4 && key[klen[n - 1] - 1] == 's';
            if (plural) /* "East Germans" too */
                nmg = dl_gaz_lookup(key, klen[n - 1] - 1, &count);
            if (!nmg)
                continue;
            /* acronyms must be written in capitals, and not only because the line is; one
             * written with full stops ("U.S.", "U.K.") is no word of a headline in capitals */
            int caps = 1, dotted = 0;
            for (size_t k = 0; k < n; k++) {
                caps = caps && ws->w[i + k].caps;
                dotted = dotted || memchr(ws->w[i + k].p, '.', ws->w[i + k].n) != NULL;
            }
            if (count > 64)
                count = 64;
            uint64_t usable = 0;
            const dl_naming_t *first = NULL;
            for (size_t c = 0; c < count; c++) {
                if ((nmg[c].acronym && (!caps || (caps_ok && !dotted))) || nmg[c].dateline ||
                    (plural && !nmg[c].adjective) ||
                    !dl_words_fit(ws, i, n, nmg[c].tokens, nmg[c].parts))
                    continue;
                if (!first)
                    first = &nmg[c];
                usable |= (uint64_t)1 << c;
            }
            if (!usable)
                continue;
            mention_t *m = &ms[nm];
            m->first = i;
            m->count = n;
            m->namings = nmg;
            m->nnamings = count;
            m->usable = usable;
            m->chosen = -1;
            m->within = -1;
            /* "Birmingham, Ala.", "Athens, Georgia": the qualifier after a comma */
            const word_t *last = &ws->w[i + n - 1];
            size_t qwords = 0;
            if (i + n < ws->nw && last->p[last->n] == ',' && ws->w[i + n].upper) {
                const word_t *q = &ws->w[i + n];
                if (!q->stop && i + n + 1 < ws->nw) /* "Dallas, New Mexico" */
                    m->within = qualifier(q->p, (size_t)(ws->w[i + n + 1].p + ws->w[i + n + 1].n - q->p));
                qwords = m->within >= 0 ? 2 : 0;
                if (m->within < 0)
                    m->within = qualifier(q->p, q->n);
                qwords = m->within >= 0 && !qwords ? 1 : qwords;
            }
            m->qwords = qwords;
            /* a qualifier is one only when the name has a place in it: "France, Germany" */
            int inside = 0;
            for (size_t c = 0; c < count && m->within >= 0 && !inside; c++)
                inside = (usable >> c & 1) && dl_gaz_within(nmg[c].place, m->within);
            if (!inside) {
                m->within = -1;
                qwords = m->qwords = 0;
            }
            m->adjective = first->adjective;
            m->weight = w->weight;
            /* people: "Michael Jordan", "President Chad"; metonymy: "Washington said" */
            int person = reads_as_person(ws, i, n, caps_ok, first);
            if (!person && n == 1 && first->adjective && language(ws, i))
                person = 1; /* no person, but no place either: a language */
            const dl_place_t *p0 = dl_gaz_place(first->place);
            const word_t *next = i + n < ws->nw ? &ws->w[i + n] : NULL;
            /* "Washington said" is its government; "officials in Birmingham said", the city */
            const word_t *before = i > 0 && !ws->w[i - 1].stop ? &ws->w[i - 1] : NULL;
            int said = next && !ws->w[i + n - 1].stop && dl_word_is(next, speech) &&
                       p0->kind == DL_CITY && !(before && dl_word_is(before, locative));
            if (!person && !said)
                nm++;
            else if (person == 2 && npeople < 32)
                people[npeople++] = first;
            used = n + (!person && !said ? qwords : 0); /* the qualifier is read with it */
            break;
        }
        i += used;
    }
    /* a name that stood for a person once does so all through the story, unless the story
     * also puts something in it ("Miss Venezuela" ... "in Venezuela"); one speaks "to Moore"
     * and hears "from Moore", which puts nothing in a town, though exports go "to Brazil" */
    static const char *const in[] = {"in", "at", "near", "outside", "inside", "across", "into",
                                     "around", "through", "via", NULL};
    for (size_t k = 0; k < npeople; k++) {
        int kind = people[k] ? dl_gaz_place(people[k]->place)->kind : DL_CITY;
        const char *const *lift = kind == DL_COUNTRY || kind == DL_HISTORICAL ? locative : in;
        for (size_t i = 0; i < nm && people[k]; i++)
            if (ms[i].count == 1 && first_usable(&ms[i]) == people[k] && ms[i].first > 0 &&
                !ws->w[ms[i].first - 1].stop && dl_word_is(&ws->w[ms[i].first - 1], lift))
                people[k] = NULL;
    }
    size_t kept = 0;
    for (size_t i = 0; i < nm; i++) {
        int person = 0;
        for (size_t k = 0; k < npeople && !person; k++)
            person = ms[i].count == 1 && first_usable(&ms[i]) == people[k];
        if (!person)
            ms[kept++] = ms[i];
    }
    return kept;
}

/* Drops the mentions that stand for sports teams: a town or region named in a line of results
 * of the text ("Oakland 5 Seattle 3", "Stoke 4 3 1 0 7 4 10"), or in a sports story before a
 * club's name or beside a verb of play ("the Toronto Blue Jays", "Liverpool beat Coventry"),
 * not in brackets (a player's "(Sweden)") nor after a word of place (the ground). A country
 * is kept: news tags a national side by its country. parts: the first words of the lead, of
 * the rest of the text and past its end (the headline is none). Returns the mentions kept. */
static size_t drop_teams(const words_t *ws, const size_t *parts, mention_t *ms, size_t nm)
{
    static const char *const at[] = {"at", NULL};
    size_t kept = 0;
    int sports = -1; /* whether it is a sports story: read once, when a name could be a team */
    for (size_t i = 0; i < nm; i++) {
        size_t w = ms[i].first, from = w >= parts[1] ? parts[1] : parts[0];
        size_t to = w >= parts[1] ? parts[2] : parts[1];
        int country = 0;
        for (size_t k = 0; k < ms[i].nnamings && !country; k++) {
            int kind = dl_gaz_place(ms[i].namings[k].place)->kind;
            country = (ms[i].usable >> k & 1) && (kind == DL_COUNTRY || kind == DL_HISTORICAL);
        }
        /* "At Leicester: Leicestershire 343-8 ... v Hampshire", "(at Oxford)", "in Leeds":
         * the ground is a place; "Milwaukee at Minnesota" two teams */
        const word_t *prev = w > 0 ? &ws->w[w - 1] : NULL;
        int ground = prev && !prev->stop && dl_word_is(prev, locative) &&
                     !(dl_word_is(prev, at) && !prev->upper && !prev->paren);
        size_t last = w + ms[i].count - 1;
        int team = (w >= parts[0] && (dl_words_in_results(ws, from, to, w) ||
                                      dl_words_in_results(ws, from, to, last))) ||
                   (!country && dl_words_team_name(ws, w, last) &&
                    (sports < 0 ? (sports = dl_words_sports(ws)) : sports));
        if (country || ground || ws->w[w].paren || !team)
            ms[kept++] = ms[i];
    }
    return kept;
}

dateline_status_t dl_extract_places(dateline_article_t *a)
{
    return dl_extract_places_traced(a, NULL);
}

dateline_status_t dl_extract_places_traced(dateline_article_t *a, dl_trace_t *tr)
{
    words_t ws = {0};
    dateline_status_t st = DATELINE_OK;
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    int all_caps_title = 0;
    if (!dl_gaz_load())
        return DATELINE_NO_MEMORY;
    if (title) {
        dl_trace_text(tr, title, strlen(title), DATELINE_FIELD_TITLE, 0, 0);
        dl_words_split(&ws, title, W_TITLE);
        split_hyphens(&ws, 0);
        all_caps_title = 1;
        for (size_t i = 0; i < ws.nw; i++)
            all_caps_title = all_caps_title && (ws.w[i].caps || !ws.w[i].upper);
    }
    char *lead = NULL; /* the words point into it: it lives until the end */
    const char *text = body;
    size_t parts[3] = {ws.nw, ws.nw, ws.nw}; /* where the lead, the rest and the end start */
    if (body) {
        /* the dateline lead is where the story was filed, weighed below, not a mention */
        dl_lead_t dlead;
        if (dl_lead_parse(body, strlen(body), &dlead))
            body += dlead.length;
        /* the first paragraph is the lead */
        const char *nl = strchr(body, '\n');
        lead = dl_strndup(body, nl ? (size_t)(nl - body) : strlen(body));
        if (lead) {
            dl_trace_text(tr, lead, strlen(lead), DATELINE_FIELD_BODY, 0, (size_t)(body - text));
            parts[0] = ws.nw;
            dl_words_split(&ws, lead, W_LEAD);
            split_hyphens(&ws, parts[0]);
        } else
            ws.failed = 1;
        parts[1] = parts[2] = ws.nw;
        if (nl) {
            dl_trace_text(tr, nl + 1, strlen(nl + 1), DATELINE_FIELD_BODY, 0,
                          (size_t)(nl + 1 - text));
            size_t rest = ws.nw;
            dl_words_split(&ws, nl + 1, W_BODY);
            split_hyphens(&ws, rest);
            parts[2] = ws.nw;
        }
    }
    mention_t *ms = malloc(MAX_MENTIONS * sizeof *ms);
    size_t nlabels = dateline_article_count(a, DATELINE_FIELD_PLACES);
    size_t ndl = dateline_article_count(a, DATELINE_FIELD_DATELINES);
    size_t nhist;
    dl_gaz_historical(&nhist);
    found_t *found = malloc((MAX_MENTIONS + nlabels + ndl + nhist + 1) * sizeof *found);
    int *countries = malloc((MAX_MENTIONS + nlabels + 1) * sizeof *countries);
    if (ws.failed || !ms || !found || !countries) {
        st = DATELINE_NO_MEMORY;
        goto out;
    }
    split_compounds(&ws);
    size_t nm = find_mentions(&ws, ms, all_caps_title), nf = 0, nc = 0;
    nm = drop_teams(&ws, parts, ms, nm);

    /* The source's labels (Reuters PLACES) are the strongest evidence. */
    char **unknown = calloc(nlabels + 1, sizeof *unknown);
    size_t nunknown = 0;
    if (!unknown) {
        st = DATELINE_NO_MEMORY;
        goto out;
    }
    for (size_t i = 0; i < nlabels; i++) {
        const char *label = dateline_article_get_nth(a, DATELINE_FIELD_PLACES, i);
        char key[PHRASE_MAX];
        size_t count, k = dl_gaz_fold(label, strlen(label), key, sizeof key);
        const dl_naming_t *nmg = dl_gaz_lookup(key, k, &count);
        int pick = -1;
        for (size_t c = 0; nmg && c < count; c++) {
            const dl_place_t *p = dl_gaz_place(nmg[c].place);
            if (pick < 0 || kind_score(p) > kind_score(dl_gaz_place(pick)))
                pick = nmg[c].place;
        }
        trace_label(tr, label, i, pick);
        if (pick >= 0) {
            credit(found, &nf, pick, W_LABEL);
            countries[nc++] = country_of(pick);
        } else {
            unknown[nunknown++] = dl_strdup(label);
        }
    }
    /* Context: the countries of mentions that can only mean one thing. */
    for (size_t i = 0; i < nm; i++) {
        const dl_naming_t *n0 = first_usable(&ms[i]);
        int c0 = country_of(n0->place), same = 1;
        for (size_t k = 0; k < ms[i].nnamings; k++)
            if (ms[i].usable >> k & 1)
                same = same && country_of(ms[i].namings[k].place) == c0;
        if (same && !weak(n0))
            countries[nc++] = c0;
    }
    for (size_t i = 0; i < nm; i++)
        ms[i].chosen = choose(&ms[i], countries, nc);
    for (size_t i = 0; i < nm; i++) {
        mention_t *m = &ms[i];
        const dl_naming_t *nmg = NULL;
        for (size_t k = 0; k < m->nnamings; k++)
            if (m->namings[k].place == m->chosen && (m->usable >> k & 1))
                nmg = &m->namings[k];
        if (nmg && weak(nmg)) {
            /* a weak name needs its country named elsewhere, or a preposition of place */
            int supported = 0;
            const word_t *prev = m->first > 0 ? &ws.w[m->first - 1] : NULL;
            if (prev && !prev->stop && dl_word_is(prev, locative))
                supported = 1;
            for (size_t c = 0; c < nc && !supported; c++)
                supported = countries[c] == country_of(m->chosen);
            if (!supported)
                continue;
        }
        /* "West German farmers" points at the country nearly as much as its name does */
        credit(found, &nf, m->chosen, nmg && nmg->adjective ? m->weight * 3 / 4 : m->weight);
        const word_t *w0 = &ws.w[m->first], *wn = &ws.w[m->first + m->count - 1];
        dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(m->chosen)->id,
                         dl_gaz_place(m->chosen)->name, w0->p, wn->p + wn->n, rule_of(nmg));
        beaten(tr, m, countries, nc);
        if (m->within >= 0 && dl_gaz_within(m->chosen, m->within)) {
            credit(found, &nf, m->within, m->weight); /* "Kent, Washington": the state too */
            const word_t *q = &ws.w[m->first + m->count], *qn = q + m->qwords - 1;
            dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(m->within)->id,
                             dl_gaz_place(m->within)->name, q->p, qn->p + qn->n, "qualifier");
        }
    }
    /* A story from before a state ended: its places there were in that state too (Frankfurt
     * in 1987 is in West Germany). */
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    uint32_t day = 0;
    if (date && strlen(date) >= 10)
        day = (uint32_t)strtoul(date, NULL, 10) * 10000 +
              (uint32_t)strtoul(date + 5, NULL, 10) * 100 + (uint32_t)strtoul(date + 8, NULL, 10);
    credit_historical(found, &nf, 0, day, tr);
    size_t before_dateline = nf;
    /* The dateline is where the story was filed: a place of the story only when the text
     * also points there (the place itself, one within or around it, or another of its
     * country named in the text: WASHINGTON on a story about Illinois), or points nowhere; a story filed from
     * Beirut about Syria is not about Lebanon. */
    dl_lead_t printed; /* "CANTON, Mass./BOSTON": the qualifiers of the dateline's places */
    const char *dltext = dateline_article_get(a, DATELINE_FIELD_DATELINE);
    if (!dltext || !dl_lead_split(dltext, &printed))
        printed.nplaces = 0;
    for (size_t i = 0; i < ndl; i++) {
        const char *d = dateline_article_get_nth(a, DATELINE_FIELD_DATELINES, i);
        char key[PHRASE_MAX];
        size_t count, k = dl_gaz_fold(d, strlen(d), key, sizeof key);
        const dl_naming_t *nmg = dl_gaz_lookup(key, k, &count);
        mention_t m = {0, 1, nmg, count > 64 ? 64 : count, ~(uint64_t)0, -1, -1, 0, 0, 0};
        dl_trace_text(tr, d, strlen(d), DATELINE_FIELD_DATELINES, i, 0);
        const char *qual = NULL; /* "Syria" of "RAQQA, Syria" */
        for (int p = 0; p < printed.nplaces; p++)
            if (printed.qualifiers[p][0] && strcasecmp(printed.places[p], d) == 0) {
                qual = printed.qualifiers[p];
                m.within = qualifier(qual, strlen(qual));
            }
        int pick = nmg ? choose(&m, countries, nc) : -1;
        if (pick >= 0 && m.within >= 0 && !dl_gaz_within(pick, m.within))
            pick = -1; /* no place of that name in the qualifier's state */
        if (pick < 0)
            pick = m.within; /* a town the gazetteer lacks: its state or country */
        if (pick < 0)
            continue;
        /* a story whose text names no place at all is about where it was filed */
        int here = nf == 0;
        for (size_t f = 0; f < nf && !here; f++)
            here = dl_gaz_within(found[f].place, pick) || dl_gaz_within(pick, found[f].place) ||
                   in_territory(pick, found[f].place, day) ||
                   (f < before_dateline && country_of(found[f].place) == country_of(pick));
        if (here) {
            credit(found, &nf, pick, W_DATELINE);
            m.chosen = pick;
            dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(pick)->id,
                             dl_gaz_place(pick)->name, d, d + strlen(d), "dateline");
            beaten(tr, &m, countries, nc);
        }
        if (here && m.within >= 0 && pick != m.within) {
            credit(found, &nf, m.within, W_DATELINE); /* "MOSUL, Iraq": Iraq too */
            /* the mention is the qualifier's words in the dateline as printed */
            const char *at = tr && qual ? strstr(dltext, qual) : NULL;
            if (at) {
                dl_trace_text(tr, dltext, strlen(dltext), DATELINE_FIELD_DATELINE, 0, 0);
                dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(m.within)->id,
                                 dl_gaz_place(m.within)->name, at, at + strlen(qual),
                                 "dateline qualifier");
            }
        }
    }
    credit_historical(found, &nf, before_dateline, day, tr);
    qsort(found, nf, sizeof *found, by_salience);
    /* PLACES: display names, most salient first (labels included); PLACE_IDS: "id salience" */
    dl_article_clear_field(a, DATELINE_FIELD_PLACES);
    dl_article_clear_field(a, DATELINE_FIELD_PLACE_IDS);
    for (size_t i = 0; i < nf && st == DATELINE_OK; i++) {
        const dl_place_t *p = dl_gaz_place(found[i].place);
        char entry[128];
        st = dl_article_put(a, DATELINE_FIELD_PLACES, p->name, strlen(p->name));
        snprintf(entry, sizeof entry, "%s %d", p->id, found[i].salience);
        dl_trace_final(tr, DL_TRACE_PLACE, p->id, p->name, found[i].salience);
        if (st == DATELINE_OK)
            st = dl_article_put(a, DATELINE_FIELD_PLACE_IDS, entry, strlen(entry));
    }
    for (size_t i = 0; i < nunknown && st == DATELINE_OK; i++) {
        /* a label the gazetteer does not know is kept as it is */
        char entry[160];
        st = dl_article_put(a, DATELINE_FIELD_PLACES, unknown[i], strlen(unknown[i]));
        char lid[128];
        label_id(unknown[i], lid, sizeof lid);
        snprintf(entry, sizeof entry, "%s %d", lid, W_LABEL);
        dl_trace_final(tr, DL_TRACE_PLACE, lid, unknown[i], W_LABEL);
        if (st == DATELINE_OK)
            st = dl_article_put(a, DATELINE_FIELD_PLACE_IDS, entry, strlen(entry));
    }
    for (size_t i = 0; i < nunknown; i++)
        free(unknown[i]);
    free(unknown);
out:
    free(lead);
    free(ws.w);
    free(ms);
    free(found);
    free(countries);
    return st;
}
