/* extract-places-choose.c: which place of the gazetteer a mention of a place stands for. */
#include <config.h>
#include <string.h>
#include "extract-places.h"

/* A single-word city or region is weak: common words ("Mobile", "Split") and surnames
 * ("Jackson") name cities too, so it needs support from the rest of the story. */
int dl_places_weak(const dl_naming_t *nm)
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

/* How likely a place of its kind is to be the one its name means, before the story is read. */
double dl_places_kind_score(const dl_place_t *p)
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
int dl_places_country_of(int i)
{
    const dl_place_t *p = dl_gaz_place(i);
    return p->country >= 0 ? p->country : i;
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
    double s = dl_places_kind_score(p) + (own_city ? 0 : magnitude(p->population));
    for (size_t c = 0; c < ncountries; c++)
        if (countries[c] == dl_places_country_of(m->namings[k].place) && p->kind != DL_COUNTRY)
            return s + 40;
    return s;
}

/* Picks the candidate of a mention that fits the story best (score()); ties go to the bigger
 * place, then to the smaller id. */
/* The best-scored usable candidate of a mention, those set aside left out unless `all`; -1
 * if none. */
static int best_of(const mention_t *m, const int *countries, size_t ncountries, int all)
{
    double best = -1;
    int pick = -1;
    for (size_t k = 0; k < m->nnamings; k++) {
        if (!(m->usable >> k & 1) || (!all && set_aside(m, k)))
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

int dl_places_choose(const mention_t *m, const int *countries, size_t ncountries)
{
    int pick = best_of(m, countries, ncountries, 0);
    /* a candidate set aside still beats none: in "Gaza, Gaza Strip" the city is set aside for
     * the country of its name, and the country for lying outside the qualifier */
    return pick >= 0 ? pick : best_of(m, countries, ncountries, 1);
}

/* Records why each other candidate of a mention lost to its choice (explanations only). */
void dl_places_beaten(dl_trace_t *tr, const mention_t *m, const int *countries, size_t nc)
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
        if (!(m->usable >> k & 1) && m->namings[k].town)
            dl_trace_beat(tr, DL_TRACE_PLACE, c->id, p->id, p->name,
                          "a small town, a place only with its region or country after it");
        else if (!(m->usable >> k & 1))
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

/* Whether one of the usable namings of mention m (NULL: none) lies in place q. */
static int holds(const mention_t *m, int q)
{
    for (size_t c = 0; m && c < m->nnamings; c++)
        if ((m->usable >> c & 1) && dl_gaz_within(m->namings[c].place, q))
            return 1;
    return 0;
}

/* The first-level region or country a qualifier names ("Mass.", "Ala.", "Iraq", "Georgia"),
 * dateline abbreviations included, the one that holds a place mention m (may be NULL) can
 * stand for first (Georgia the state after Atlanta), then a country; -1 if none. */
int dl_places_qualifier(const char *s, size_t n, const mention_t *m)
{
    char key[PHRASE_MAX];
    size_t count, k = dl_gaz_fold(s, n, key, sizeof key);
    const dl_naming_t *nmg = dl_gaz_lookup(key, k, &count);
    int pick = -1, held = 0;
    for (size_t c = 0; nmg && c < count; c++) {
        const dl_place_t *p = dl_gaz_place(nmg[c].place);
        int h = holds(m, nmg[c].place);
        if ((p->kind == DL_COUNTRY || p->kind == DL_ADMIN1 || p->kind == DL_HISTORICAL) &&
            !nmg[c].adjective && (pick < 0 || h > held || (h == held && p->kind == DL_COUNTRY))) {
            pick = nmg[c].place;
            held = h;
        }
    }
    return pick;
}

/* The usable namings of mention m less those of small towns that its qualifier does not hold
 * (all of them where it has none). */
uint64_t dl_places_qualified(const mention_t *m)
{
    uint64_t usable = m->usable;
    for (size_t k = 0; k < m->nnamings; k++)
        if (m->namings[k].town && (m->within < 0 || !dl_gaz_within(m->namings[k].place, m->within)))
            usable &= ~((uint64_t)1 << k);
    return usable;
}

/* The first naming of a mention that can stand for its words. */
const dl_naming_t *dl_places_first_usable(const mention_t *m)
{
    for (size_t k = 0; k < m->nnamings; k++)
        if (m->usable >> k & 1)
            return &m->namings[k];
    return NULL;
}
