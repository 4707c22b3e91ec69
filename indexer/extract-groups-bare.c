/* extract-groups-bare.c: rule 3d of group extraction, a body named by a bare word that the
 * story's context tells: "the House" where the story names Congress is the House of
 * Representatives. */
#include <config.h>
#include <string.h>
#include "extract-groups-int.h"

/* One body a bare word names, and what confirms it: a group the story names (keys as
 * dl_groups_key() gives them) or a word it writes in lower case. */
typedef struct {
    const char *word;               /* the bare word, capitalised in the story */
    const char *group;              /* the body's name as the list has it */
    const char *const *groups;      /* keys of groups that confirm it, or */
    const char *const *words;       /* words that do */
} bare_t;

static const char *const congress_groups[] = {"congress", "senate", NULL};
static const char *const congress_words[] = {"representatives", "congressman", "congresswoman",
                                             "congressmen", "congressional", NULL};
static const bare_t bare[] = {
    {"house", "House of Representatives", congress_groups, congress_words},
};

/* Whether the story confirms the row r: names one of its groups or writes one of its words. */
static int confirmed(const dl_story_t *s, const bare_t *r)
{
    for (size_t q = 0; q < s->ng; q++)
        for (size_t k = 0; r->groups[k]; k++)
            if (strcmp(s->g[q].key, r->groups[k]) == 0)
                return 1;
    for (size_t i = 0; i < s->ws.nw; i++)
        if (!s->ws.w[i].upper && dl_word_is(&s->ws.w[i], r->words))
            return 1;
    return 0;
}

/* Whether the word at i stands alone: not the end of a longer capitalised name ("White
 * House", "Opera House") nor the start of one with "of" ("House of Commons"). */
static int alone(const words_t *ws, size_t i)
{
    static const char *const of[] = {"of", NULL};
    const word_t *prev = i > 0 ? &ws->w[i - 1] : NULL;
    const word_t *next = i + 1 < ws->nw ? &ws->w[i + 1] : NULL;
    if (prev && prev->upper && !prev->stop && !ws->w[i].sentence &&
        prev->weight == ws->w[i].weight && !dl_word_is(prev, dl_groups_connectors))
        return 0; /* "White House", but "The House" */
    return !(next && !ws->w[i].stop && dl_word_is(next, of));
}

void dl_groups_bare(dl_story_t *s)
{
    const words_t *ws = &s->ws;
    for (size_t r = 0; r < sizeof bare / sizeof *bare; r++) {
        const char *const one[] = {bare[r].word, NULL};
        size_t len = strlen(bare[r].word);
        int ok = -1; /* read once, at the first bare word */
        for (size_t i = 0; i < ws->nw; i++) {
            const word_t *w = &ws->w[i];
            if (w->n != len || s->taken[i] || !w->upper || !dl_word_is(w, one) || !alone(ws, i) ||
                !(ok < 0 ? (ok = confirmed(s, &bare[r])) : ok))
                continue;
            dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, bare[r].group, w->weight),
                            w->p, w->p + w->n, "body named bare");
            s->taken[i] = 1;
        }
    }
}
