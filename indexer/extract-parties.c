/* extract-parties.c: a party named by its members or its adjective: "Republicans", "a
 * Democratic senator", "Democrats", "the Socialists" name the party the group list holds as
 * "Republican Party", "Democratic Party", "Socialist Party" (of the story's country first). */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include "gazetteer.h"
#include "extract-parties.h"

/* Words of politics after which the adjective is a party's: "a Republican senator",
 * "Republican Sen. John McCain", "Democratic lawmakers" (not "a Catholic school"). */
static const char *const politics[] = {
    "sen", "senator", "senators", "rep", "reps", "representative", "representatives",
    "congressman", "congresswoman", "congressmen", "gov", "governor", "governors", "leader",
    "leaders", "leadership", "lawmaker", "lawmakers", "legislator", "legislators", "mp", "mps",
    "presidential", "president", "candidate", "candidates", "nominee", "nomination", "party",
    "parties", "primary", "primaries", "majority", "minority", "members", "member", "voters",
    "colleagues", "caucus", "establishment", "strategist", "strategists", "donor", "donors",
    "incumbent", "challenger", "chairman", "chairwoman", "committee", "whip", "aides",
    "counterparts", "colleague", "politician", "politicians", "officials", "senate", "house",
    "control", "bill", "plan", "proposal", "tax", "opponents", "critics", NULL};

/* Words after a hyphen that make the adjective before it a party's: "Republican-led". */
static const char *const compounds[] = {"led", "controlled", "dominated", "backed", "held",
                                        "sponsored", "majority", "written", "drafted",
                                        NULL};
/* Words before the adjective that make it a noun: "a Republican", "fellow Republican". */
static const char *const determiners[] = {"a", "an", "the", "fellow", "another", "one", "each",
                                          "every", "no", "other", NULL};

/* The endings of a party's adjective or of its members' name, and what the adjective ends
 * in then: Republican(s) -an, Democrat(s) -crat to -cratic, Democratic -ic, Socialist(s)
 * -ist, Conservative(s) -ive, Liberal(s) -al, Tory/Tories -y. */
static const struct {
    const char *end;   /* as written, lower case */
    const char *adj;   /* the adjective's ending in its stead */
    int members;       /* the party's members ("Republicans", "a Democrat"): a noun */
} forms[] = {{"ans", "an", 1}, {"an", "an", 0}, {"crats", "cratic", 1}, {"crat", "cratic", 1},
             {"ic", "ic", 0}, {"ists", "ist", 1}, {"ist", "ist", 0}, {"ives", "ive", 1},
             {"ive", "ive", 0}, {"als", "al", 1}, {"al", "al", 0}, {"ies", "y", 1},
             {NULL, NULL, 0}};

/* The built-in group named by the folded key of stem + tail, or NULL. */
static const dl_place_t *named(const char *stem, size_t sn, const char *tail)
{
    char key[128];
    size_t n = dl_gaz_fold(stem, sn, key, sizeof key);
    n += dl_gaz_fold(tail, strlen(tail), key + n, sizeof key - n);
    size_t count;
    const dl_naming_t *nm = dl_grp_lookup(key, n, &count);
    return nm && !nm[0].weak ? dl_grp_get(nm[0].place) : NULL;
}

/* Whether the gazetteer holds a name of two or more words starting at word i ("Democratic
 * Republic of the Congo"): the adjective is then the place's. */
static int starts_place(const words_t *ws, size_t i)
{
    char key[160];
    size_t klen[6] = {0};
    size_t most = dl_words_keys(ws, i, 6, key, sizeof key, klen);
    for (size_t n = 2; n <= most; n++) {
        size_t count;
        const dl_naming_t *nm = dl_gaz_lookup(key, klen[n - 1], &count);
        for (size_t k = 0; nm && k < count; k++)
            if (!nm[k].adjective && dl_words_fit(ws, i, n, nm[k].tokens, nm[k].parts))
                return 1;
    }
    return 0;
}

/* Whether the first part of word w (up to a hyphen) is one of list: "Senator-elect" is a
 * senator, "Republican-led" is led. */
static int part_is(const word_t *w, size_t from, const char *const *list)
{
    const char *h = from ? NULL : memchr(w->p, '-', w->n);
    word_t part = *w;
    part.p += from;
    part.n = from ? w->n - from : h ? (size_t)(h - w->p) : w->n;
    return part.n && dl_word_is(&part, list);
}

const dl_place_t *dl_party_at(const words_t *ws, size_t i, const char *country)
{
    const word_t *w = &ws->w[i];
    if (!w->upper || w->caps || w->n < 4 || w->n > 40)
        return NULL; /* a capital first, not an acronym ("GOP" is the list's) */
    /* "Republican-led": the adjective before a hyphen and a word of politics in lower case */
    const char *hy = memchr(w->p, '-', w->n);
    size_t wn = hy ? (size_t)(hy - w->p) : w->n;
    if (hy && (wn + 1 >= w->n || !part_is(w, wn + 1, compounds)))
        return NULL;
    const word_t *next = i + 1 < ws->nw && !w->stop ? &ws->w[i + 1] : NULL;
    const word_t *prev = i ? &ws->w[i - 1] : NULL;
    int before_politics = hy || (next && part_is(next, 0, politics));
    if (!hy && next && next->upper && !before_politics)
        return NULL; /* the first word of a longer name: "National Hurricane Center" */
    /* a capital after "U.S." or "Sen." is the word's own, not a sentence's */
    int starts = w->sentence && !(prev && memchr(prev->p, '.', prev->n));
    /* "a Republican", "fellow Republican": the adjective as a noun, a member */
    int noun = !hy && prev && dl_word_is(prev, determiners) && (!next || !next->upper);
    char low[48];
    for (size_t k = 0; k < wn; k++)
        low[k] = (char)(w->p[k] >= 'A' && w->p[k] <= 'Z' ? w->p[k] + 32 : w->p[k]);
    int f = 0;
    for (; forms[f].end; f++) {
        size_t en = strlen(forms[f].end);
        if (wn > en + 2 && memcmp(low + wn - en, forms[f].end, en) == 0)
            break;
    }
    if (!forms[f].end || (hy && forms[f].members))
        return NULL;
    int member = forms[f].members || (noun && strcmp(forms[f].adj, "an") == 0);
    if (!member && (!before_politics || starts))
        return NULL; /* an adjective counts only before a word of politics, where its capital
                      * is its own */
    char stem[48];
    size_t sn = wn - strlen(forms[f].end), an = strlen(forms[f].adj), count;
    memcpy(stem, w->p, sn);
    memcpy(stem + sn, forms[f].adj, an);
    sn += an;
    char akey[64];
    size_t ak = dl_gaz_fold(stem, sn, akey, sizeof akey);
    if (dl_gaz_lookup(akey, ak, &count) || starts_place(ws, i))
        return NULL; /* a place's adjective or name: "Americans", "Democratic Republic of..." */
    const dl_place_t *p = NULL;
    if (country && country[0]) {
        char tail[96];
        snprintf(tail, sizeof tail, "party of %s", country);
        p = named(stem, sn, tail);
    }
    return p ? p : named(stem, sn, "party");
}
