/* extract-groups-tagged.c: the groups the statistical name tagger offers where no rule took
 * their words: organisations it is sure of, and sports clubs named after their towns. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract-groups-int.h"
#include "tagger.h"

/* How far ahead of the next best tag each word of a name the tagger reads as an organisation
 * must be, in units of the perceptron, for the name to count as a group: written once, written
 * once with a word the story also writes in lower case ("Stock Market" in a story about the
 * market: title-case prose, which misleads the tagger), or written twice in the story. Tuned on
 * CoNLL-2003 valid and the modern yardstick (README, "How well groups are found"). */
#define TAGGER_ONCE 17
#define TAGGER_COMMON 24
#define TAGGER_TWICE 6
#define MAX_TAGGED 256 /* names the tagger offers, at most, in one story */

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

/* Whether a word of the name (dl_groups_connectors aside) is written in lower case elsewhere in the
 * story: "Stock Market" where the story speaks of the market. */
static int common_words(const words_t *ws, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        if (dl_word_is(&ws->w[k], dl_groups_connectors))
            continue;
        for (size_t i = 0; i < ws->nw; i++)
            if (!ws->w[i].upper && ws->w[i].n == ws->w[k].n &&
                strncasecmp(ws->w[i].p, ws->w[k].p, ws->w[k].n) == 0)
                return 1;
    }
    return 0;
}

/* Whether word w, a name by itself, names no body: a small word ("The Republicans'" where
 * the party is the rule's), a word that heads a body's name, standing for the body the
 * story named before ("the Department"), or one of fewer than three letters, which only a
 * list or the story's definition makes a body ("Irvine, CA 92717"). */
static int no_name(const word_t *w)
{
    static const char *const small[] = {"a", "an", "this", "that", "these", "those", "his",
                                        "her", "its", "our", "their", "my", "your", NULL};
    return w->n < 3 || dl_word_is(w, dl_groups_connectors) || dl_word_is(w, small) ||
           dl_word_is(w, dl_groups_org_words);
}

/* 4. the names the statistical tagger (tagger.c) reads as organisations where no rule took a
 * word of them: groups named by the words as written ("the" in front left out; the possessive
 * and the punctuation around are no part of the words), each word of the name at least
 * TAGGER_ONCE sure, or TAGGER_TWICE where the story writes the name twice so; in the text
 * only (a headline in capitals or title case misleads it), and never a name the story gives
 * a person elsewhere ("McConnell" after "Mitch McConnell"). A place the tagger reads as an
 * organisation stays one (CoNLL's national teams): vetoing places cost CoNLL more than it
 * gave the modern yardstick. */
dateline_status_t dl_groups_tagged(const words_t *ws, const unsigned char *taken,
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
            !(end - from == 1 && no_name(&ws->w[from])) && !a_person(ws, tags, from, end)) {
            char name[128];
            dl_words_text(ws, from, end, name, sizeof name);
            c[nc].from = from;
            c[nc].end = end;
            c[nc].margin = least;
            dl_groups_key(name, c[nc].key, sizeof c[nc].key);
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
        dl_groups_trace(tr, g, dl_groups_add(g, ng, name, ws->w[c[k].from].weight),
                        ws->w[c[k].from].p, wn->p + wn->n, "name tagger");
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

/* A club's name after its town, which the story may write alone ("the Yankees" after "the New
 * York Yankees", "RANGERS BEAT INDIANS" above "the Texas Rangers"). */
typedef struct {
    size_t from, n; /* its words */
    size_t k;       /* the club's group */
} short_t;

/* The clubs' short names (ns of them) written alone, capitalised and untaken, anywhere in the
 * story, headline too: mentions of their clubs, their words taken. */
static void club_short_names(const words_t *ws, unsigned char *taken, const short_t *sh,
                             size_t ns, group_t *g, size_t *ng, dl_trace_t *tr)
{
    for (size_t i = 0; i < ws->nw; i++)
        for (size_t s = 0; s < ns; s++) {
            size_t n = sh[s].n;
            /* not inside a longer name ("Blue Jays Stadium"), but in a headline in capitals */
            if (taken[i] || !ws->w[i].upper || i + n > ws->nw ||
                !dl_words_same(ws, i, sh[s].from, n, 1) ||
                (i + n < ws->nw && ws->w[i + n].upper && !ws->w[i + n - 1].stop &&
                 ws->w[i + n].weight == ws->w[i].weight && !ws->w[i].caps))
                continue;
            const word_t *wn = &ws->w[i + n - 1];
            size_t k = dl_groups_add(g, ng, g[sh[s].k].name, ws->w[i].weight);
            dl_groups_trace(tr, g, k, ws->w[i].p, wn->p + wn->n, "sports club's short name");
            memset(taken + i, 1, n);
            i += n - 1;
            break;
        }
}

/* The number of words of the name from word i (its part of the story ends at word `to`) the
 * tagger reads as an organisation, when it may be a club not named after a place ("Everton",
 * "Deportivo Coruna"); 0 when it is unsure of a word (less than TAGGER_TWICE: the context of
 * play is the second reading), when the name is a person's elsewhere, or when it runs on
 * past what the tagger read ("the 1993 BellSouth Classic", a tournament). */
static size_t club_name(const words_t *ws, const unsigned char *tags, const int *margin,
                        size_t i, size_t to)
{
    size_t n = 1;
    while (i + n < to && n < 5 && tags[i + n] == DL_TAG_I_ORG && !ws->w[i + n - 1].stop)
        n++;
    int least = margin[i];
    for (size_t k = i; k < i + n; k++)
        least = margin[k] < least ? margin[k] : least;
    if (least < TAGGER_TWICE * dl_tagger_scale() || a_person(ws, tags, i, i + n) ||
        (i + n < to && ws->w[i + n].upper && !ws->w[i + n - 1].stop))
        return 0;
    return n;
}

/* 5. sports clubs: a town or region named in a line of results of the text ("Leeds 2
 * Wimbledon 1"), or in a sports story before the club's name or beside a verb of play ("the
 * Toronto Blue Jays", "Liverpool beat Coventry"), is a club when the name tagger reads it as
 * an organisation too (at any margin: the context confirms it): a group, named as written,
 * the club's name after the town included (not past a possessive or into a person:
 * "Baltimore's Eddie Murray"). Not a country, not in brackets (a player's "(Sweden)"), not
 * after a word of place (the ground: "at Leicester"): the test that drops them from the
 * places (dl_places_drop_teams(), extract-places-mentions.c). A name that is no place is a
 * club in the same places when the tagger reads it as an organisation (club_name()): "Everton
 * beat Arsenal". The club's name after its town, written alone elsewhere, is the club's too
 * (club_short_names()). Their words are taken. */
void dl_groups_teams(const words_t *ws, unsigned char *taken, const unsigned char *tags,
                     const int *margin, group_t *g, size_t *ng, dl_trace_t *tr)
{
    int sports = -1; /* read once, when a name could be a team */
    short_t sh[16];
    size_t ns = 0;
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
        if (named == 0 && (n = club_name(ws, tags, margin, i, to)) != 0)
            named = 1;
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
        size_t k = dl_groups_add(g, ng, name, w->weight);
        dl_groups_trace(tr, g, k, w->p, wn->p + wn->n, "sports club");
        if (k != NO_GROUP && end > i + n && ns < sizeof sh / sizeof *sh)
            sh[ns++] = (short_t){i + n, end - (i + n), k};
        memset(taken + i, 1, end - i);
        i = end - 1;
    }
    club_short_names(ws, taken, sh, ns, g, ng, tr);
}
