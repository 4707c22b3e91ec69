/* extract-places-mentions.c: finds the words of a story that name places, and sets aside
 * those that name a person, a language, a government or a sports team. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract-places.h"

#define MAX_WORDS 6 /* the longest place name matched, in words */

/* Titles before a person's name: "President Chad". */
static const char *const titles[] = {"mr", "mrs", "ms", "dr", "president", "minister", "senator",
                                     "sen", "rep", "gen", "general", "gov", "king", "queen", "prince",
                                     "sheikh", "judge", "governor", "mayor", "pope", "col",
                                     "colonel", "captain", "lt", "sir", "lord", "lady", NULL};
/* A party's member or adjective after a place, which makes the place a modifier as a title does:
 * "Arizona Republican Senator Jeff Flake", "an Alabama Democrat"; not after a weak name, which
 * only lends its name to a party ("Kurdistan Democratic Party"). */
static const char *const members[] = {"republican", "republicans", "democrat", "democrats",
                                      "democratic", NULL};
/* Words that start sentences in capitals without being names. */
static const char *const function_words[] = {
    "the", "a", "an", "in", "at", "on", "for", "from", "to", "by", "with", "after", "before",
    "but", "and", "or", "as", "if", "when", "while", "since", "both", "many", "some", "all",
    "most", "this", "that", "these", "those", "its", "his", "her", "their", "our", "other",
    "several", "two", "three", "four", "five", "during", "under", "over", "about", "across",
    "neither", "either", "both", "every", "each", "no", "not", "then", "there", "here", "where",
    "western", "eastern", "northern", "southern", "central", "north", "south", "east", "west",
    NULL};
/* Verbs of a government named by its capital: "Washington said". */
static const char *const speech[] = {"said", "says", "say", "has", "have", "had", "would", "will",
                                     "wants", "wanted", "accused", "warned", "told", "urged",
                                     "demanded", "rejected", "denied", "announced", "insisted",
                                     "believes", "argues", "argued", "hopes", "fears", NULL};
/* "U.S.-led", "London-based", "Kashmir-born": a name before a hyphen and a word in lower case
 * is read as the name alone, which ends a name there. */
void dl_places_split_compounds(words_t *ws)
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
        w->caps = dl_word_caps(w->p, w->n);
    }
}

/* "St. Petersburg", "Ste. Foy": the abbreviation's full stop ends no name where a capitalised
 * word follows, so that the gazetteer's "St. Petersburg" can match. */
void dl_places_join_saints(words_t *ws)
{
    static const char *const saint[] = {"st", "ste", NULL};
    for (size_t i = 0; i + 1 < ws->nw; i++) {
        word_t *w = &ws->w[i];
        if (w->stop && w->p[w->n] == '.' && w->upper && ws->w[i + 1].upper &&
            w->weight == ws->w[i + 1].weight && dl_word_is(w, saint)) {
            w->stop = 0;
            ws->w[i + 1].sentence = 0; /* the full stop ended no sentence either */
        }
    }
}

/* "Turkey-Cyprus-Bosnia", "U.S.-Japan", "Iran-Iraq": a word of places' names joined by
 * hyphens, which the gazetteer does not know whole ("Guinea-Bissau", "Winston-Salem" stay),
 * is read as its names, one after the other, none running into the next. Words from `from`
 * on; ws->failed when memory ran out. */
void dl_places_split_hyphens(words_t *ws, size_t from)
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
        if (ws->nw + parts - 1 > ws->cap && !dl_words_grow(ws, ws->cap * 2 + parts))
            return;
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
            x->caps = dl_word_caps(x->p, x->n);
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
    if (*e == '-') { /* "English-language", cut by dl_places_split_compounds() */
        for (int k = 0; after[k]; k++)
            if (strncasecmp(e + 1, after[k], strlen(after[k])) == 0)
                return 1;
    }
    if (i + 1 < ws->nw && !w->stop && dl_word_is(&ws->w[i + 1], after))
        return 1;
    return i > 0 && w->stop && !ws->w[i - 1].stop && dl_word_is(&ws->w[i - 1], before);
}

/* Whether the story writes word w in lower case somewhere: then, capitalised, it is a
 * headline's or a sentence's capital ("Top Belarus politician", "Using California's Law"), no
 * first name ("Michael Jordan"). */
static int written_lower(const words_t *ws, const word_t *w)
{
    for (size_t k = 0; k < ws->nw; k++)
        if (!ws->w[k].upper && ws->w[k].n == w->n && strncasecmp(ws->w[k].p, w->p, w->n) == 0)
            return 1;
    return 0;
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
        !w->caps && !caps_ok && !dl_word_is(prev, function_words) && !written_lower(ws, prev)) {
        /* a headline capitalises words that are no names ("Win In Deep-Red Alabama"): there
         * the reading of a town or region holds for the headline alone; a country's spreads
         * ("Michael Jordan retires" ... "Jordan was named") */
        int kind = dl_gaz_place(first->place)->kind;
        return w->weight == W_TITLE && kind != DL_COUNTRY && kind != DL_HISTORICAL ? 1 : 2;
    }
    /* "Mr. Moore": an abbreviated title's full stop ends no sentence */
    static const char *const abbreviated[] = {"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col",
                                              "lt", "gov", NULL};
    if (prev && (!prev->stop || (prev->p[prev->n] == '.' && dl_word_is(prev, abbreviated))) &&
        dl_word_is(prev, titles))
        return 2;
    /* "Frederick M. Brown", "Lawrence O Donnell": a first name, its middle initial and a name */
    const word_t *after_initial = i + 2 < ws->nw ? &ws->w[i + 2] : NULL;
    if (next && !w->stop && next->n == 1 && next->upper && *next->p != 'A' && *next->p != 'I' &&
        after_initial && after_initial->upper && !after_initial->caps && w->weight != W_TITLE &&
        !first->adjective && !w->caps)
        return 2;
    /* a name at the end of its line is no first name of the next line's first word:
     * "Enterprise, Alabama" under a signature, then a quotation ("It's a strange quirk"); nor
     * of a place in brackets ("Greece (Armenia)"; a surname there is one: "Paul (Manafort)"),
     * nor of a word the story writes in lower case ("Everyone in Waco Today!" with "today" in
     * the text) */
    if (!next || w->stop || !next->upper || next->caps || caps_ok || first->adjective ||
        w->caps || dl_word_possessive(w) || dl_word_is(next, titles) || next->sentence ||
        (next->paren && dl_word_a_place(next)) ||
        (dl_word_is(next, members) && !dl_places_weak(first)) || written_lower(ws, next))
        return 0;
    /* "London Metal Exchange": a third capitalised word makes it an organisation's name,
     * which a weak name only lends ("Centennial Olympic Games" are no town's); not at the
     * start of a sentence or line, where a name and a title stand ("Wales Larrison Space
     * Technology Investor" under a post) */
    const word_t *after = i + 2 < ws->nw && !next->stop && !dl_places_weak(first) && !w->sentence
                              ? &ws->w[i + 2] : NULL;
    return after && after->upper && !dl_word_is(after, function_words) ? 0 : 1;
}

/* Which of the count namings nmg of the n words from word i can stand for them, as bits;
 * *first: the first of them. Acronyms must be written in capitals, and not only because the
 * line is (caps_ok); one written with full stops ("U.S.", "U.K.") is no word of a headline
 * in capitals; a plural (plural) can only be a people's adjective; a dateline's abbreviation
 * ("N.H.", "Calif.") names its state in the text too where it qualifies a capitalised word
 * before its comma, as a dateline would ("Keene, N.H. -- A man was"), written with its full
 * stop ("Military, VA, TAX CUTS" is Veterans Affairs). */
static uint64_t usable_namings(const words_t *ws, size_t i, size_t n, const dl_naming_t *nmg,
                               size_t count, int plural, int caps_ok, const dl_naming_t **first)
{
    const word_t *prev = i > 0 ? &ws->w[i - 1] : NULL, *last = &ws->w[i + n - 1];
    int qualifies = prev && prev->upper && prev->p[prev->n] == ',' &&
                    (memchr(last->p, '.', last->n) || last->p[last->n] == '.');
    int caps = 1, dotted = 0;
    for (size_t k = 0; k < n; k++) {
        caps = caps && ws->w[i + k].caps;
        dotted = dotted || memchr(ws->w[i + k].p, '.', ws->w[i + k].n) != NULL;
    }
    uint64_t usable = 0;
    *first = NULL;
    for (size_t c = 0; c < count; c++) {
        if ((nmg[c].acronym && (!caps || (caps_ok && !dotted))) ||
            (nmg[c].dateline && !qualifies) ||
            (plural && !nmg[c].adjective) ||
            !dl_words_fit(ws, i, n, nmg[c].tokens, nmg[c].parts))
            continue;
        if (!*first)
            *first = &nmg[c];
        usable |= (uint64_t)1 << c;
    }
    return usable;
}

/* Reads the qualifier after a mention's comma into m->within and m->qwords ("Birmingham,
 * Ala.", "Athens, Georgia"; without the comma too, as addresses write it: "Atlanta Georgia"):
 * none (-1 and 0) unless one of its usable namings lies in it. */
static void read_qualifier(const words_t *ws, mention_t *m)
{
    size_t i = m->first, n = m->count;
    const word_t *last = &ws->w[i + n - 1];
    size_t qwords = 0;
    /* not in brackets without a comma: "Lindsay Davenport (U.S.)" is a player's country */
    if (i + n < ws->nw && ws->w[i + n].upper &&
        (last->p[last->n] == ',' || (!last->stop && !ws->w[i + n].paren))) {
        const word_t *q = &ws->w[i + n];
        if (!q->stop && i + n + 1 < ws->nw) /* "Dallas, New Mexico" */
            m->within = dl_places_qualifier(q->p, (size_t)(ws->w[i + n + 1].p +
                                                           ws->w[i + n + 1].n - q->p), m);
        qwords = m->within >= 0 ? 2 : 0;
        if (m->within < 0)
            m->within = dl_places_qualifier(q->p, q->n, m);
        qwords = m->within >= 0 && !qwords ? 1 : qwords;
    }
    m->qwords = qwords;
    /* a qualifier is one only when the name has a place in it: "France, Germany" */
    int inside = 0;
    for (size_t c = 0; c < m->nnamings && m->within >= 0 && !inside; c++)
        inside = (m->usable >> c & 1) && dl_gaz_within(m->namings[c].place, m->within);
    if (!inside) {
        m->within = -1;
        m->qwords = 0;
    }
}

/* Whether the n words from word i, first naming a city, stand for its government:
 * "Washington said" does; "officials in Birmingham said" is the city. */
static int speaks(const words_t *ws, size_t i, size_t n, const dl_naming_t *first)
{
    const dl_place_t *p0 = dl_gaz_place(first->place);
    const word_t *next = i + n < ws->nw ? &ws->w[i + n] : NULL;
    const word_t *before = i > 0 && !ws->w[i - 1].stop ? &ws->w[i - 1] : NULL;
    return next && !ws->w[i + n - 1].stop && dl_word_is(next, speech) &&
           p0->kind == DL_CITY && !(before && dl_word_is(before, dl_words_locative));
}

/* Drops the nm mentions of the names people[] stood for as a person: a name that stood for a
 * person once does so all through the story, unless the story also puts something in it
 * ("Miss Venezuela" ... "in Venezuela"); one speaks "to Moore" and hears "from Moore", which
 * puts nothing in a town, though exports go "to Brazil". Returns the mentions kept. */
static size_t drop_people(const words_t *ws, mention_t *ms, size_t nm,
                          const dl_naming_t **people, size_t npeople)
{
    static const char *const in[] = {"in", "at", "near", "outside", "inside", "across", "into",
                                     "around", "through", "via", NULL};
    for (size_t k = 0; k < npeople; k++) {
        int kind = people[k] ? dl_gaz_place(people[k]->place)->kind : DL_CITY;
        const char *const *lift =
            kind == DL_COUNTRY || kind == DL_HISTORICAL ? dl_words_locative : in;
        for (size_t i = 0; i < nm && people[k]; i++)
            if (ms[i].count == 1 && dl_places_first_usable(&ms[i]) == people[k] &&
                ms[i].first > 0 && !ws->w[ms[i].first - 1].stop &&
                dl_word_is(&ws->w[ms[i].first - 1], lift))
                people[k] = NULL;
    }
    size_t kept = 0;
    for (size_t i = 0; i < nm; i++) {
        int person = 0;
        for (size_t k = 0; k < npeople && !person; k++)
            person = ms[i].count == 1 && dl_places_first_usable(&ms[i]) == people[k];
        if (!person)
            ms[kept++] = ms[i];
    }
    return kept;
}

/* Finds the mentions in the words: at each capitalised word, the longest name of the
 * gazetteer that fits, unless it reads as a person's, a language or a government's. */
size_t dl_places_find_mentions(const words_t *ws, mention_t *ms, int all_caps_title)
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
            const dl_naming_t *nmg = dl_gaz_lookup_all(key, klen[n - 1], &count);
            /* "Americans", "Russians": a people, its country's adjective in the plural */
            int plural = !nmg && klen[n - 1] > 4 && key[klen[n - 1] - 1] == 's';
            if (plural) /* "East Germans" too */
                nmg = dl_gaz_lookup(key, klen[n - 1] - 1, &count);
            if (!nmg)
                continue;
            /* a headline in capitals writes words as names: "LOSS FROM SALE" is no Salé where
             * the story writes "sale" in lower case */
            if (n == 1 && caps_ok && written_lower(ws, w))
                continue;
            if (count > 64)
                count = 64;
            const dl_naming_t *first;
            uint64_t usable = usable_namings(ws, i, n, nmg, count, plural, caps_ok, &first);
            if (!usable)
                continue;
            /* "Kane County", "Orleans Parish": a county the gazetteer does not hold, named
             * after a town elsewhere, no mention of the town */
            static const char *const county[] = {"county", "parish", "township", NULL};
            if (i + n < ws->nw && !ws->w[i + n - 1].stop && ws->w[i + n].upper &&
                dl_word_is(&ws->w[i + n], county)) {
                used = n + 1;
                break;
            }
            mention_t *m = &ms[nm];
            m->first = i;
            m->count = n;
            m->namings = nmg;
            m->nnamings = count;
            m->usable = usable;
            m->chosen = -1;
            m->within = -1;
            read_qualifier(ws, m);
            /* a small town only with its qualifier: "Selma, Alabama" */
            if (!(m->usable = dl_places_qualified(m)))
                continue;
            first = dl_places_first_usable(m);
            m->adjective = first->adjective;
            m->weight = w->weight;
            /* people: "Michael Jordan", "President Chad"; metonymy: "Washington said" */
            int person = m->within >= 0 ? 0 : reads_as_person(ws, i, n, caps_ok, first);
            if (!person && n == 1 && first->adjective && language(ws, i))
                person = 1; /* no person, but no place either: a language */
            int said = speaks(ws, i, n, first);
            if (!person && !said)
                nm++;
            else if (person == 2 && npeople < 32)
                people[npeople++] = first;
            used = n + (!person && !said ? m->qwords : 0); /* the qualifier is read with it */
            break;
        }
        i += used;
    }
    return drop_people(ws, ms, nm, people, npeople);
}

/* Drops the mentions that stand for sports teams: a town or region named in a line of results
 * of the text ("Oakland 5 Seattle 3", "Stoke 4 3 1 0 7 4 10"), or in a sports story before a
 * club's name or beside a verb of play ("the Toronto Blue Jays", "Liverpool beat Coventry"),
 * not in brackets (a player's "(Sweden)") nor after a word of place (the ground). A country
 * is kept: news tags a national side by its country. parts: the first words of the lead, of
 * the rest of the text and past its end (the headline is none). Returns the mentions kept. */
size_t dl_places_drop_teams(const words_t *ws, const size_t *parts, mention_t *ms, size_t nm)
{
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
        int ground = dl_words_at_ground(ws, w);
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
