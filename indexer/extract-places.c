/* extract-places.c: finds the places a story is about, with a salience each, using the gazetteer:
 * its mentions (extract-places-mentions.c) taken for places (extract-places-choose.c), the
 * source's labels, its dateline and the historical states its places lay in. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract-places.h"

/* A place found, and how much the story is about it. */
typedef struct {
    int place;
    int salience;
} found_t;

/* Adds weight to the salience of place among the *nf found, finding it anew if it is not. */
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

/* qsort(): the most salient first, then by id. */
static int by_salience(const void *a, const void *b)
{
    const found_t *x = a, *y = b;
    if (x->salience != y->salience)
        return y->salience - x->salience;
    return strcmp(dl_gaz_place(x->place)->id, dl_gaz_place(y->place)->id);
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

/* What the steps of one story's extraction share. */
typedef struct {
    dateline_article_t *a;
    dl_trace_t *tr;           /* may be NULL */
    words_t ws;               /* the headline's, the lead's and the rest's words */
    char *lead;               /* the words point into it: it lives until the end */
    size_t parts[3];          /* where the lead, the rest and the end start */
    int all_caps_title;
    mention_t *ms;            /* room for MAX_MENTIONS */
    size_t nm;
    found_t *found;           /* the places found, with their salience */
    size_t nf;
    int *countries;           /* the countries the story names for sure */
    size_t nc;
    char **unknown;           /* the source's labels the gazetteer does not know */
    size_t nunknown;
    uint32_t day;             /* the story's day (YYYYMMDD), or 0 */
} story_t;

/* Splits the headline and the body of the story into words, the lead apart from the rest;
 * the dateline lead ("BEIRUT (Reuters) -") is left out. s->ws.failed when memory ran out. */
static void read_words(story_t *s)
{
    const char *title = dateline_article_get(s->a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(s->a, DATELINE_FIELD_BODY);
    words_t *ws = &s->ws;
    if (title) {
        dl_trace_text(s->tr, title, strlen(title), DATELINE_FIELD_TITLE, 0, 0);
        dl_words_split(ws, title, W_TITLE);
        dl_places_split_hyphens(ws, 0);
        s->all_caps_title = 1;
        for (size_t i = 0; i < ws->nw; i++)
            s->all_caps_title = s->all_caps_title && (ws->w[i].caps || !ws->w[i].upper);
    }
    const char *text = body;
    s->parts[0] = s->parts[1] = s->parts[2] = ws->nw;
    if (!body)
        return;
    /* the dateline lead is where the story was filed, weighed below, not a mention */
    dl_lead_t dlead;
    if (dl_lead_parse(body, strlen(body), &dlead))
        body += dlead.length;
    /* the first paragraph is the lead */
    const char *nl = strchr(body, '\n');
    s->lead = dl_strndup(body, nl ? (size_t)(nl - body) : strlen(body));
    if (s->lead) {
        dl_trace_text(s->tr, s->lead, strlen(s->lead), DATELINE_FIELD_BODY, 0,
                      (size_t)(body - text));
        s->parts[0] = ws->nw;
        dl_words_split(ws, s->lead, W_LEAD);
        dl_places_split_hyphens(ws, s->parts[0]);
    } else
        ws->failed = 1;
    s->parts[1] = s->parts[2] = ws->nw;
    if (nl) {
        dl_trace_text(s->tr, nl + 1, strlen(nl + 1), DATELINE_FIELD_BODY, 0,
                      (size_t)(nl + 1 - text));
        size_t rest = ws->nw;
        dl_words_split(ws, nl + 1, W_BODY);
        dl_places_split_hyphens(ws, rest);
        s->parts[2] = ws->nw;
    }
}

/* The source's labels (Reuters PLACES) are the strongest evidence: each is credited to the
 * place it names, or kept in s->unknown when the gazetteer does not know it (DATELINE_NO_MEMORY
 * when it cannot be kept). */
static dateline_status_t credit_labels(story_t *s, size_t nlabels)
{
    for (size_t i = 0; i < nlabels; i++) {
        const char *label = dateline_article_get_nth(s->a, DATELINE_FIELD_PLACES, i);
        char key[PHRASE_MAX];
        size_t count, k = dl_gaz_fold(label, strlen(label), key, sizeof key);
        const dl_naming_t *nmg = dl_gaz_lookup(key, k, &count);
        int pick = -1;
        for (size_t c = 0; nmg && c < count; c++) {
            const dl_place_t *p = dl_gaz_place(nmg[c].place);
            if (pick < 0 || dl_places_kind_score(p) > dl_places_kind_score(dl_gaz_place(pick)))
                pick = nmg[c].place;
        }
        trace_label(s->tr, label, i, pick);
        if (pick >= 0) {
            credit(s->found, &s->nf, pick, W_LABEL);
            s->countries[s->nc++] = dl_places_country_of(pick);
        } else if ((s->unknown[s->nunknown] = dl_strdup(label)) != NULL) {
            s->nunknown++;
        } else {
            return DATELINE_NO_MEMORY;
        }
    }
    return DATELINE_OK;
}

/* Context: the countries of mentions that can only mean one thing. */
static void context_countries(story_t *s)
{
    for (size_t i = 0; i < s->nm; i++) {
        const mention_t *m = &s->ms[i];
        const dl_naming_t *n0 = dl_places_first_usable(m);
        int c0 = dl_places_country_of(n0->place), same = 1;
        for (size_t k = 0; k < m->nnamings; k++)
            if (m->usable >> k & 1)
                same = same && dl_places_country_of(m->namings[k].place) == c0;
        if (same && !dl_places_weak(n0))
            s->countries[s->nc++] = c0;
    }
}

/* Whether words i-1 and i credit a picture to its maker: "Featured image via Pool/Getty
 * Images", "photo via Reuters" says who made it, and puts nothing in a place. */
static int credits_picture(const words_t *ws, size_t i)
{
    static const char *const via[] = {"via", NULL};
    static const char *const picture[] = {"image", "images", "photo", "photos", "photograph",
                                          "picture", "pictures", "video", "videos", "footage",
                                          "screenshot", "screengrab", "graphic", "credit", NULL};
    return i >= 1 && !ws->w[i - 1].stop && !ws->w[i].stop && dl_word_is(&ws->w[i], via) &&
           dl_word_is(&ws->w[i - 1], picture);
}

/* Whether "of" at word i belongs to a word of place, or of a body or person of a place,
 * before it: "the mayor of Mobile", "the port of Split", "the University of Denver" put
 * something in a town, and so does a person's name ("Susan Collins of Maine"); "a moon of
 * Jupiter", "the Epistle of Paul" and the "Declaration of Independence" do not. */
static int of_a_place(const words_t *ws, size_t i)
{
    static const char *const of[] = {"of", NULL};
    static const char *const place_words[] = {
        "city", "town", "towns", "port", "village", "villages", "capital", "mayor", "governor",
        "people", "residents", "citizens", "inhabitants", "population", "outskirts", "streets",
        "centre", "center", "suburbs", "suburb", "heart", "parts", "part", "area", "areas",
        "region", "province", "state", "county", "district", "north", "south", "east", "west",
        "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
        "south-east", "south-west", "rest", "edge", "island", "coast",
        /* bodies of a place, and persons from it: "the University of Denver", "formerly of
         * Madison" (a place in an organisation's name is still evidence of the place) */
        "university", "univ", "college", "school", "institute", "bank", "church", "diocese",
        "archdiocese", "bishop", "archbishop", "mufti", "council", "government", "police",
        "formerly", "originally", "native", "natives", "resident", "voters", "senator", "sen",
        "congressman", "congresswoman", "representative", "rep", "lawmakers", "delegation", NULL};
    if (!dl_word_is(&ws->w[i], of))
        return 1; /* another preposition: "in Mobile" */
    if (i == 0 || ws->w[i - 1].stop)
        return 0;
    /* a person of the place: "Susan Collins of Maine", "Tom Carper of Delaware" */
    if (i > 1 && ws->w[i - 1].upper && ws->w[i - 2].upper && !ws->w[i - 2].stop &&
        !ws->w[i - 1].sentence)
        return 1;
    return dl_word_is(&ws->w[i - 1], place_words);
}

/* Whether a mention taken for its place through naming nmg counts: a weak name needs its
 * country named elsewhere, a preposition of place before it (not a picture's credit, and
 * "of" only after a word of place), or its own region or country after it as a qualifier
 * ("Cleveland, Ohio" under a signature); a dateline's abbreviation, read only as a qualifier
 * ("Keene, N.H."), needs nothing more. */
static int supported(const story_t *s, const mention_t *m, const dl_naming_t *nmg)
{
    if (!nmg || !dl_places_weak(nmg) || nmg->dateline ||
        (m->within >= 0 && dl_gaz_within(m->chosen, m->within)))
        return 1;
    const word_t *prev = m->first > 0 ? &s->ws.w[m->first - 1] : NULL;
    if (prev && !prev->stop && dl_word_is(prev, dl_words_locative) &&
        !credits_picture(&s->ws, m->first - 1) && of_a_place(&s->ws, m->first - 1))
        return 1;
    for (size_t c = 0; c < s->nc; c++)
        if (s->countries[c] == dl_places_country_of(m->chosen))
            return 1;
    return 0;
}

/* Chooses the place of each mention and credits those that count, with the state of a
 * qualifier that holds them. */
static void credit_mentions(story_t *s)
{
    dl_trace_t *tr = s->tr;
    for (size_t i = 0; i < s->nm; i++)
        s->ms[i].chosen = dl_places_choose(&s->ms[i], s->countries, s->nc);
    for (size_t i = 0; i < s->nm; i++) {
        mention_t *m = &s->ms[i];
        const dl_naming_t *nmg = NULL;
        for (size_t k = 0; k < m->nnamings; k++)
            if (m->namings[k].place == m->chosen && (m->usable >> k & 1))
                nmg = &m->namings[k];
        if (m->chosen < 0 || !supported(s, m, nmg))
            continue;
        /* "West German farmers" points at the country nearly as much as its name does */
        credit(s->found, &s->nf, m->chosen,
               nmg && nmg->adjective ? m->weight * 3 / 4 : m->weight);
        const word_t *w0 = &s->ws.w[m->first], *wn = &s->ws.w[m->first + m->count - 1];
        dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(m->chosen)->id,
                         dl_gaz_place(m->chosen)->name, w0->p, wn->p + wn->n, rule_of(nmg));
        dl_places_beaten(tr, m, s->countries, s->nc);
        if (m->within >= 0 && dl_gaz_within(m->chosen, m->within)) {
            credit(s->found, &s->nf, m->within, m->weight); /* "Kent, Washington": the state too */
            const word_t *q = &s->ws.w[m->first + m->count], *qn = q + m->qwords - 1;
            dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(m->within)->id,
                             dl_gaz_place(m->within)->name, q->p, qn->p + qn->n, "qualifier");
        }
    }
}

/* The day (YYYYMMDD) of a story's DATE, or 0. */
static uint32_t story_day(const dateline_article_t *a)
{
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    if (!date || strlen(date) < 10)
        return 0;
    return (uint32_t)strtoul(date, NULL, 10) * 10000 +
           (uint32_t)strtoul(date + 5, NULL, 10) * 100 + (uint32_t)strtoul(date + 8, NULL, 10);
}

/* Credits place d, value i of DATELINES, where the story's text points there (see
 * credit_datelines()); the places found before the dateline's are the first before ones.
 * printed, dltext: the dateline as printed, split and whole. */
static void credit_dateline(story_t *s, const char *d, size_t i, const dl_lead_t *printed,
                            const char *dltext, size_t before)
{
    dl_trace_t *tr = s->tr;
    char key[PHRASE_MAX];
    size_t count, k = dl_gaz_fold(d, strlen(d), key, sizeof key);
    const dl_naming_t *nmg = dl_gaz_lookup_all(key, k, &count);
    mention_t m = {0, 1, nmg, count > 64 ? 64 : count, ~(uint64_t)0, -1, -1, 0, 0, 0};
    dl_trace_text(tr, d, strlen(d), DATELINE_FIELD_DATELINES, i, 0);
    const char *qual = NULL; /* "Syria" of "RAQQA, Syria" */
    for (int p = 0; p < printed->nplaces; p++)
        if (printed->qualifiers[p][0] && strcasecmp(printed->places[p], d) == 0) {
            qual = printed->qualifiers[p];
            m.within = dl_places_qualifier(qual, strlen(qual), &m);
        }
    m.usable = dl_places_qualified(&m); /* "SELMA, Ala.": a small town with its state only */
    int pick = nmg ? dl_places_choose(&m, s->countries, s->nc) : -1;
    if (pick >= 0 && m.within >= 0 && !dl_gaz_within(pick, m.within))
        pick = -1; /* no place of that name in the qualifier's state */
    if (pick < 0)
        pick = m.within; /* a town the gazetteer lacks: its state or country */
    if (pick < 0)
        return;
    /* a story whose text names no place at all is about where it was filed */
    int here = s->nf == 0;
    for (size_t f = 0; f < s->nf && !here; f++) {
        int place = s->found[f].place;
        here = dl_gaz_within(place, pick) || dl_gaz_within(pick, place) ||
               in_territory(pick, place, s->day) ||
               (f < before && dl_places_country_of(place) == dl_places_country_of(pick));
    }
    if (!here)
        return;
    credit(s->found, &s->nf, pick, W_DATELINE);
    m.chosen = pick;
    dl_trace_mention(tr, DL_TRACE_PLACE, dl_gaz_place(pick)->id, dl_gaz_place(pick)->name, d,
                     d + strlen(d), "dateline");
    dl_places_beaten(tr, &m, s->countries, s->nc);
    if (m.within >= 0 && pick != m.within) {
        credit(s->found, &s->nf, m.within, W_DATELINE); /* "MOSUL, Iraq": Iraq too */
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

/* The dateline is where the story was filed: a place of the story only when the text also
 * points there (the place itself, one within or around it, or another of its country named
 * in the text: WASHINGTON on a story about Illinois), or points nowhere; a story filed from
 * Beirut about Syria is not about Lebanon. */
static void credit_datelines(story_t *s, size_t ndl)
{
    size_t before = s->nf;
    dl_lead_t printed; /* "CANTON, Mass./BOSTON": the qualifiers of the dateline's places */
    const char *dltext = dateline_article_get(s->a, DATELINE_FIELD_DATELINE);
    if (!dltext || !dl_lead_split(dltext, &printed))
        printed.nplaces = 0;
    for (size_t i = 0; i < ndl; i++)
        credit_dateline(s, dateline_article_get_nth(s->a, DATELINE_FIELD_DATELINES, i), i,
                        &printed, dltext, before);
}

/* Stores the places found into PLACES (display names, most salient first, the unknown labels
 * last, as they are) and PLACE_IDS ("id salience"). */
static dateline_status_t store_places(story_t *s)
{
    dateline_article_t *a = s->a;
    dateline_status_t st = DATELINE_OK;
    qsort(s->found, s->nf, sizeof *s->found, by_salience);
    dl_article_clear_field(a, DATELINE_FIELD_PLACES);
    dl_article_clear_field(a, DATELINE_FIELD_PLACE_IDS);
    for (size_t i = 0; i < s->nf && st == DATELINE_OK; i++) {
        const dl_place_t *p = dl_gaz_place(s->found[i].place);
        char entry[128];
        st = dl_article_put(a, DATELINE_FIELD_PLACES, p->name, strlen(p->name));
        snprintf(entry, sizeof entry, "%s %d", p->id, s->found[i].salience);
        dl_trace_final(s->tr, DL_TRACE_PLACE, p->id, p->name, s->found[i].salience);
        if (st == DATELINE_OK)
            st = dl_article_put(a, DATELINE_FIELD_PLACE_IDS, entry, strlen(entry));
    }
    for (size_t i = 0; i < s->nunknown && st == DATELINE_OK; i++) {
        /* a label the gazetteer does not know is kept as it is */
        const char *label = s->unknown[i];
        char entry[160];
        st = dl_article_put(a, DATELINE_FIELD_PLACES, label, strlen(label));
        char lid[128];
        label_id(label, lid, sizeof lid);
        snprintf(entry, sizeof entry, "%s %d", lid, W_LABEL);
        dl_trace_final(s->tr, DL_TRACE_PLACE, lid, label, W_LABEL);
        if (st == DATELINE_OK)
            st = dl_article_put(a, DATELINE_FIELD_PLACE_IDS, entry, strlen(entry));
    }
    return st;
}

dateline_status_t dl_extract_places(dateline_article_t *a)
{
    return dl_extract_places_traced(a, NULL);
}

dateline_status_t dl_extract_places_traced(dateline_article_t *a, dl_trace_t *tr)
{
    story_t s = {.a = a, .tr = tr};
    dateline_status_t st = DATELINE_OK;
    if (!dl_gaz_load())
        return DATELINE_NO_MEMORY;
    read_words(&s);
    size_t nlabels = dateline_article_count(a, DATELINE_FIELD_PLACES);
    size_t ndl = dateline_article_count(a, DATELINE_FIELD_DATELINES);
    size_t nhist;
    dl_gaz_historical(&nhist);
    s.ms = malloc(MAX_MENTIONS * sizeof *s.ms);
    s.found = malloc((MAX_MENTIONS + nlabels + ndl + nhist + 1) * sizeof *s.found);
    s.countries = malloc((MAX_MENTIONS + nlabels + 1) * sizeof *s.countries);
    if (!s.ws.failed && s.ms && s.found && s.countries)
        s.unknown = calloc(nlabels + 1, sizeof *s.unknown);
    if (!s.unknown) {
        st = DATELINE_NO_MEMORY;
        goto out;
    }
    dl_places_split_compounds(&s.ws);
    dl_places_join_saints(&s.ws);
    s.nm = dl_places_find_mentions(&s.ws, s.ms, s.all_caps_title);
    s.nm = dl_places_drop_teams(&s.ws, s.parts, s.ms, s.nm);
    if ((st = credit_labels(&s, nlabels)) != DATELINE_OK)
        goto out;
    context_countries(&s);
    credit_mentions(&s);
    /* A story from before a state ended: its places there were in that state too (Frankfurt
     * in 1987 is in West Germany). */
    s.day = story_day(a);
    credit_historical(s.found, &s.nf, 0, s.day, tr);
    size_t before_dateline = s.nf;
    credit_datelines(&s, ndl);
    credit_historical(s.found, &s.nf, before_dateline, s.day, tr);
    st = store_places(&s);
out:
    for (size_t i = 0; i < s.nunknown; i++)
        free(s.unknown[i]);
    free(s.unknown);
    free(s.lead);
    free(s.ws.w);
    free(s.ms);
    free(s.found);
    free(s.countries);
    return st;
}
