/* extract-learn.c: the groups a story teaches itself: a name written once with a company's
 * designator ("Acme Widgets Inc") or in a defining phrase ("the Brussels-based Solvay",
 * "Solvay, a Brussels-based company") is that group wherever the story writes it bare. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "extract.h"
#include "gazetteer.h"
#include "extract-learn.h"
#include "tagger.h"

#define LEARN_WORDS 6 /* words of a bare name */

/* The designators that make a name a company's: "Merck & Co Inc", "Acme Widgets Corp". */
static const char *const designators[] = {"inc", "corp", "corporation", "ltd", "plc", "llc",
                                          "co", "incorporated", "limited", "holdings", NULL};
/* Small words that may stand inside a name: "Procter & Gamble", "Bank of America"; not "and",
 * which in news joins two companies more often than two words of one name ("Ohio-based KeyCorp
 * and Banc One Corp"). */
static const char *const inside[] = {"&", "of", "for", NULL};
static const char *const of[] = {"of", NULL};
/* Capitalised words that start a sentence and no name: "On Monday Acme Inc said". */
static const char *const starters[] = {"the", "a", "an", "on", "in", "at", "by", "for", "but",
                                       "and", "as", "when", "while", "after", "before", "with",
                                       "from", "if", "its", "his", "her", "their", "rival",
                                       "monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "january", "february", "march",
                                       "april", "june", "july", "august", "september", "october",
                                       "november", "december", NULL};
/* What a defining phrase calls a group: "a Paris-based company". */
static const char *const kinds[] = {"company", "group", "firm", "bank", "maker", "manufacturer",
                                    "carrier", "airline", "insurer", "lender", "retailer",
                                    "producer", "organization", "organisation", "agency",
                                    "charity", "conglomerate", "broker", "developer", "operator",
                                    "supplier", "utility", "fund", "network", "newspaper",
                                    "think-tank", "institute", NULL};
static const char *const articles[] = {"a", "an", "the", NULL};

/* Whether the word ends in "-based" after a capitalised place: "Brussels-based", "U.S.-based". */
static int based(const word_t *w)
{
    return w->upper && w->n > 6 && strncasecmp(w->p + w->n - 6, "-based", 6) == 0;
}

/* The folded key of the n words from word `from` into key (cap bytes); returns its length. */
static size_t words_key(const words_t *ws, size_t from, size_t n, char *key, size_t cap)
{
    size_t k = 0;
    for (size_t i = from; i < from + n && k + 1 < cap; i++)
        k += dl_gaz_fold(ws->w[i].p, ws->w[i].n, key + k, cap - k);
    return k;
}

/* A name needs more than a place (a designator on "China" teaches nothing about China) and,
 * alone, more than two letters. */
static int teachable(const words_t *ws, size_t from, size_t n)
{
    char key[160];
    size_t count;
    if (n == 0 || (n == 1 && ws->w[from].n < 3))
        return 0;
    size_t k = words_key(ws, from, n, key, sizeof key);
    return !dl_gaz_lookup(key, k, &count);
}

/* Whether word i is a middle initial: one capital and a full stop, after a capitalised word
 * ("Edward D. Jones & Co"). */
static int initial(const words_t *ws, size_t i)
{
    const word_t *w = &ws->w[i];
    return w->n == 1 && w->upper && w->p[1] == '.' && i > 0 && ws->w[i - 1].upper &&
           !ws->w[i - 1].stop;
}

/* The first word of the name that ends before word `end`: back over capitalised words and the
 * small words inside names, not past punctuation or a change of paragraph; then
 * past a compound modifier ("Minneapolis-based First Bank System Inc"), and past "of" where
 * the tagger (tags, or NULL) reads the words before it as no organisation's: a person of a
 * company ("Lynn Reaser of Barnett Banks Inc") or a common word ("Shares of Douglas & Lomason
 * Co"), not "Bank of America". */
static size_t name_start(const words_t *ws, size_t end, const unsigned char *tags)
{
    size_t from = end;
    while (from > 0 && end - from < LEARN_WORDS) {
        const word_t *w = &ws->w[from - 1];
        if ((w->stop && from != end && !initial(ws, from - 1)) ||
            w->weight != ws->w[end - 1].weight || !(w->upper || dl_word_is(w, inside)))
            break;
        from--;
    }
    while (from < end && (dl_word_is(&ws->w[from], starters) || dl_word_is(&ws->w[from], inside)))
        from++;
    for (size_t k = from; k < end; k++)
        if (dl_word_compound(&ws->w[k]) ||
            (k > from && tags && dl_word_is(&ws->w[k], of) && tags[from] != DL_TAG_B_ORG &&
             tags[from] != DL_TAG_I_ORG && teachable(ws, k + 1, end - k - 1)))
            from = k + 1; /* not "Gold Fields of South Africa Ltd" */
    while (from < end && dl_word_is(&ws->w[from], inside))
        from++;
    return from;
}

/* "Acme Widgets Inc": a designator after a name. */
static int designated(const words_t *ws, const unsigned char *tags, size_t d,
                      dl_learned_t *out)
{
    const word_t *w = &ws->w[d];
    if (!w->upper || !dl_word_is(w, designators) || d == 0 || ws->w[d - 1].stop)
        return 0;
    size_t from = name_start(ws, d, tags), bare = d, end = d + 1;
    while (bare > from && (dl_word_is(&ws->w[bare - 1], designators) ||
                           dl_word_is(&ws->w[bare - 1], inside)))
        bare--; /* "Merck & Co Inc" is Merck */
    while (end < ws->nw && !ws->w[end - 1].stop && ws->w[end].upper &&
           dl_word_is(&ws->w[end], designators))
        end++;
    if (bare == from || !teachable(ws, from, bare - from))
        return 0;
    out->from = from;
    out->n = bare - from;
    out->skip = end - bare;
    out->story = 0;
    dl_words_text(ws, from, end, out->name, sizeof out->name);
    /* a group the list knows by the bare name keeps the list's name ("Tokyo Electric Power") */
    char key[160];
    size_t count, k = words_key(ws, from, bare - from, key, sizeof key);
    const dl_naming_t *nm = dl_grp_lookup(key, k, &count);
    if (nm && !nm[0].acronym)
        snprintf(out->name, sizeof out->name, "%s", dl_grp_get(nm[0].place)->name);
    return 1;
}

/* "the Brussels-based Solvay", "the London-based group Acme", "Solvay, a Brussels-based
 * company": a name that a phrase of place defines as a group. */
static int defined(const words_t *ws, const unsigned char *tags, size_t b, dl_learned_t *out)
{
    size_t from, to;
    if (!based(&ws->w[b]) || ws->w[b].stop)
        return 0;
    to = b + 1;
    if (to < ws->nw && dl_word_is(&ws->w[to], kinds) && !ws->w[to].stop)
        to++; /* "the London-based group Acme" */
    from = to;
    while (to < ws->nw && to - from < LEARN_WORDS &&
           (ws->w[to].upper || (to > from && dl_word_is(&ws->w[to], inside)))) {
        if (to > from && dl_word_is(&ws->w[to], designators))
            return 0; /* "the Minneapolis-based Acme Widgets Inc": designated() reads it */
        to++;
        if (ws->w[to - 1].stop || dl_word_possessive(&ws->w[to - 1]))
            break; /* "the Ontario-based Magna's North American business" is Magna */
    }
    while (to > from && !ws->w[to - 1].upper)
        to--;
    if (to == from && b >= 2 && dl_word_is(&ws->w[b - 1], articles) && ws->w[b - 2].stop &&
        ws->w[b - 2].upper && b + 1 < ws->nw && dl_word_is(&ws->w[b + 1], kinds)) {
        to = b - 1; /* "Solvay, a Brussels-based company" */
        from = name_start(ws, to, tags);
    }
    if (to == from || !teachable(ws, from, to - from))
        return 0;
    out->from = from;
    out->n = to - from;
    out->skip = 0;
    out->story = 0;
    dl_words_text(ws, from, to, out->name, sizeof out->name);
    return 1;
}

/* Whether the story writes word w in lower case somewhere: "first", "commerce". */
static int common(const words_t *ws, const word_t *w)
{
    for (size_t i = 0; i < ws->nw; i++)
        if (!ws->w[i].upper && ws->w[i].n == w->n && strncasecmp(ws->w[i].p, w->p, w->n) == 0)
            return 1;
    return 0;
}

/* The short form of the learned name l[k], into out: its first words, where the story writes
 * them alone as a name ("Barnett Banks Inc ... Barnett said"; "First Chicago NBD Corp ...
 * First Chicago"). Not a place, a listed group or a word the story writes in lower case ("First
 * Bank System" gives no "First"), not the first words of another name the story taught, and
 * not a name the tagger reads inside a person's ("Johnson Controls Inc ... Lynn Johnson").
 * The story's own: the index learns no alias from it. Returns 1 when there is one. */
static int short_form(const words_t *ws, const unsigned char *tags, const dl_learned_t *l,
                      size_t nl, size_t k, dl_learned_t *out)
{
    const word_t *first = &ws->w[l[k].from];
    for (size_t n = l[k].n - 1; n >= 1; n--) {
        *out = l[k];
        out->n = n;
        out->skip = 0;
        out->story = 1;
        int seen = 0, ok = ws->w[l[k].from + n - 1].upper;
        for (size_t i = 0; i + n <= ws->nw && ok; i++) /* written alone: cheapest test first */
            if (i != l[k].from && ws->w[i].n == first->n && ws->w[i].p[0] == first->p[0] &&
                dl_learned_at(ws, i, out)) {
                ok = !tags || tags[i] != DL_TAG_I_PER;
                seen = 1;
            }
        ok = ok && seen && teachable(ws, l[k].from, n);
        for (size_t j = 0; j < n && ok; j++)
            ok = !common(ws, &ws->w[l[k].from + j]);
        for (size_t j = 0; j < nl && ok; j++)
            ok = j == k || l[j].n < n || !dl_words_same(ws, l[j].from, out->from, n, 0);
        char key[160];
        size_t count, kl = ok ? words_key(ws, l[k].from, n, key, sizeof key) : 0;
        if (ok && !dl_grp_lookup(key, kl, &count))
            return 1;
    }
    return 0;
}

size_t dl_learn_groups(const words_t *ws, const unsigned char *tags, dl_learned_t *out,
                       size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < ws->nw && n < cap; i++) {
        dl_learned_t l;
        if (!designated(ws, tags, i, &l) && !defined(ws, tags, i, &l))
            continue;
        int known = 0; /* the first definition of a bare name wins */
        for (size_t k = 0; k < n && !known; k++)
            known = dl_learned_at(ws, l.from, &out[k]);
        if (!known)
            out[n++] = l;
    }
    for (size_t k = 0, full = n; k < full && n < cap; k++)
        n += short_form(ws, tags, out, full, k, &out[n]);
    return n;
}

int dl_learned_at(const words_t *ws, size_t i, const dl_learned_t *l)
{
    if (i + l->n > ws->nw)
        return 0;
    for (size_t k = 0; k < l->n; k++) {
        const word_t *a = &ws->w[i + k], *b = &ws->w[l->from + k];
        if (a->n != b->n || memcmp(a->p, b->p, a->n) != 0 ||
            (k + 1 < l->n && a->stop && !initial(ws, i + k)))
            return 0;
    }
    /* "Acme Widgets International" is another name, "Acme Widgets Inc" the same */
    const word_t *next = i + l->n < ws->nw ? &ws->w[i + l->n] : NULL;
    return !next || ws->w[i + l->n - 1].stop || dl_word_possessive(&ws->w[i + l->n - 1]) ||
           !next->upper || dl_word_is(next, designators);
}
