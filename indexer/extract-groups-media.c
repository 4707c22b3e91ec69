/* extract-groups-media.c: rule 3c of group extraction, newspapers, agencies and broadcasters
 * named beside the word for their kind ("Yonhap news agency said", "the weekly Der Spiegel")
 * or by a name headed by one ("the China Daily said", "Damascus Radio"). */
#include <config.h>
#include <string.h>
#include "extract-groups-int.h"
#include "tagger.h"

/* Lower-case words for a kind of news medium. */
static const char *const media[] = {"newspaper", "newspapers", "daily", "weekly", "magazine",
                                    "tabloid", "radio", "television", NULL};
/* Verbs by which a medium is cited, after its name: "the weekly Der Spiegel reported". */
static const char *const citing[] = {"said", "says", "reported", "reports", "quoted", "quotes",
                                     "wrote", "writes", "published", "cited", "added", NULL};
/* Lower-case words inside a medium's name: "Gazzetta dello Sport", "Le Monde". */
static const char *const inside[] = {"of", "the", "de", "du", "des", "la", "le", "al", "el",
                                     "del", "della", "dello", "di", NULL};
/* Words of kind that are adjectives too ("Average daily shipments"): after a name, a kind only
 * where the medium is cited. */
static const char *const adjectives[] = {"daily", "weekly", NULL};

/* Whether word i ends a clause or cites a medium: the story's end, punctuation before it, or
 * a verb of citing. */
static int cited(const words_t *ws, size_t i)
{
    return i >= ws->nw || ws->w[i - 1].stop || dl_word_is(&ws->w[i], citing);
}

/* Whether w may stand inside a medium's name in lower case: a word of `inside`, or a letter
 * other than "a" ("Zeri i Popullit", "Diario y Noticias"). */
static int inside_word(const word_t *w)
{
    return dl_word_is(w, inside) || (w->n == 1 && w->p[0] >= 'b' && w->p[0] <= 'z');
}

/* Words that stand before a medium's kind without naming it: "Sunday newspapers". */
static const char *const not_names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a",
    "state", "national", "local", "official", "government", "opposition", NULL};

/* The number of words (1 or 2) of the medium's kind at word i: "newspaper", "news agency";
 * 0 when none stands there. */
static size_t kind_at(const words_t *ws, size_t i)
{
    static const char *const news[] = {"news", NULL}, *const agency[] = {"agency", NULL};
    const word_t *w = &ws->w[i];
    /* asked of nearly every word: the kinds' lengths and first letters rule out most at once */
    if (w->upper || w->n < 4 || w->n > 10 || !memchr("ndwmtr", w->p[0], 6))
        return 0;
    if (dl_word_is(w, news) && !w->stop && i + 1 < ws->nw && dl_word_is(&ws->w[i + 1], agency))
        return 2;
    return dl_word_is(w, media) ? 1 : 0;
}

/* Whether the words from..to can be a medium's name: capitalised words untaken (connectors
 * inside), not a place's or an adjective's name the gazetteer holds ("a Beirut newspaper",
 * "Italian television"), not a day nor a word of kind, not a language's name as the tagger
 * reads it ("Arabic newspapers"), nor one word it reads as a person's ("Murdoch
 * newspapers", an owner): a longer name it reads so may be a foreign title ("Zycie
 * Warszawy daily"), which the word of kind makes a medium. */
static int medium_name(const dl_story_t *s, size_t from, size_t to)
{
    const words_t *ws = &s->ws;
    if (from >= to || to - from > MAX_NAME_WORDS || !ws->w[from].upper ||
        !ws->w[to - 1].upper || dl_word_is(&ws->w[from], not_names))
        return 0;
    char key[160];
    size_t kl = 0, count;
    for (size_t k = from; k < to; k++) {
        unsigned char t = s->tags[k];
        if (s->taken[k] || ws->w[k].weight == G_TITLE || ws->w[k].paren ||
            (k + 1 < to && ws->w[k].stop) || t == DL_TAG_B_MISC || t == DL_TAG_I_MISC ||
            (to - from == 1 && t == DL_TAG_B_PER) ||
            !(ws->w[k].upper || inside_word(&ws->w[k])))
            return 0;
        if (kl < sizeof key - 1)
            kl += dl_gaz_fold(ws->w[k].p, ws->w[k].n, key + kl, sizeof key - kl);
    }
    return dl_gaz_lookup(key, kl, &count) == NULL;
}

/* Where a medium's name before its kind starts in the words from..to: after a possessive
 * ("Britain's Sun"), past a word that is capitalised as a sentence's first only and that the
 * tagger reads as no name ("But Le Matin"), and past lower-case words. */
static size_t name_start(const dl_story_t *s, size_t from, size_t to)
{
    const words_t *ws = &s->ws;
    for (size_t k = from; k + 1 < to; k++) {
        unsigned char t = s->tags[k];
        if (dl_word_possessive(&ws->w[k]) &&
            ((t != DL_TAG_B_ORG && t != DL_TAG_I_ORG) || dl_word_a_place(&ws->w[k])))
            from = k + 1; /* not inside the name: "People's Daily" */
    }
    while (from < to && (!ws->w[from].upper ||
                         (from + 1 < to && ws->w[from].sentence && s->tags[from] == DL_TAG_O)))
        from++;
    return from;
}

/* Counts the medium named by words from..to, its words taken. */
static void count_medium(dl_story_t *s, size_t from, size_t to)
{
    const words_t *ws = &s->ws;
    char name[128];
    dl_words_text(ws, from, to, name, sizeof name);
    const word_t *wn = &ws->w[to - 1];
    dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, name, ws->w[from].weight),
                    ws->w[from].p, wn->p + wn->n, "medium beside its kind");
    memset(s->taken + from, 1, to - from);
}

/* Whether a name ends at word i in a word that heads a medium's name ("China Daily",
 * "Damascus Radio", "the Hong Kong Standard") and the tagger reads it as an organisation's;
 * sets *from to the name's first word. */
static int headed_name(const dl_story_t *s, size_t i, size_t *from)
{
    static const char *const heads[] = {"daily", "times", "post", "herald", "tribune",
                                        "journal", "gazette", "telegraph", "standard", "radio",
                                        "television", "tv", NULL};
    const words_t *ws = &s->ws;
    unsigned char t = s->tags[i];
    if (!ws->w[i].upper || (t != DL_TAG_B_ORG && t != DL_TAG_I_ORG) ||
        !dl_word_is(&ws->w[i], heads) ||
        (i + 1 < ws->nw && ws->w[i + 1].upper && !ws->w[i].stop &&
         ws->w[i + 1].weight == ws->w[i].weight))
        return 0; /* the name goes on: "the Daily Telegraph" is read at Telegraph */
    size_t f = i;
    while (f > 0 && i - f < MAX_NAME_WORDS && !ws->w[f - 1].stop &&
           ws->w[f - 1].weight == ws->w[i].weight &&
           (ws->w[f - 1].upper || inside_word(&ws->w[f - 1])))
        f--;
    *from = name_start(s, f, i);
    return *from < i && medium_name(s, *from, i + 1);
}

void dl_groups_media(dl_story_t *s)
{
    const words_t *ws = &s->ws;
    for (size_t i = 1; i < ws->nw; i++) {
        size_t n = kind_at(ws, i), head;
        if (!n && headed_name(s, i, &head))
            count_medium(s, head, i + 1);
        if (!n)
            continue;
        /* before the kind: "Yonhap news agency", "Zycie Warszawy daily" */
        size_t from = i;
        while (from > 0 && i - from < MAX_NAME_WORDS && !ws->w[from - 1].stop &&
               ws->w[from - 1].weight == ws->w[i].weight &&
               (ws->w[from - 1].upper || inside_word(&ws->w[from - 1])))
            from--;
        from = name_start(s, from, i);
        if (from < i && !ws->w[i - 1].stop && !dl_word_possessive(&ws->w[i - 1]) &&
            (cited(ws, i + n) || !dl_word_is(&ws->w[i], adjectives)) &&
            medium_name(s, from, i)) {
            count_medium(s, from, i);
            continue;
        }
        /* after it, where the name ends the clause or is cited: "the weekly Der Spiegel," */
        size_t at = i + n, to = at;
        if (ws->w[i + n - 1].stop)
            continue;
        while (to < ws->nw && to - at < MAX_NAME_WORDS && ws->w[to].weight == ws->w[i].weight &&
               (ws->w[to].upper || (to > at && inside_word(&ws->w[to])))) {
            if (ws->w[to++].stop)
                break;
        }
        if (to > at && cited(ws, to) &&
            !dl_word_possessive(&ws->w[to - 1]) && medium_name(s, at, to))
            count_medium(s, at, to);
    }
}
