/* extract-groups-orgs.c: rule 3 of group extraction, names headed by an organisation word:
 * "Deir al-Zor Military Council", "Bank of Japan". */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract-groups-int.h"
#include "extract-parties.h"
#include "tagger.h"

/* Words that head the name of an organisation. */
const char *const dl_groups_org_words[] = {
    "forces", "council", "party", "ministry", "bank", "corp", "corporation", "inc", "ltd", "plc",
    "group", "union", "front", "army", "organization", "organisation", "agency", "committee",
    "coalition", "commission", "fund", "co", "company", "association", "federation",
    "movement", "brigade", "brigades", "authority", "department", "board", "institute",
    "court", "tribunal", "league", "alliance", "office", "bureau", "police", "guard",
    "militia", "exchange", "airlines", "holdings", "university", "college", NULL};
/* Connectors that join two parts of one name: "Ways and Means Committee", "Merck & Co". */
static const char *const joining[] = {"and", "&", NULL};

/* Whether a name the story taught starts at word i: "KeyCorp and Banc One Corp" is two. */
static int learned_from(const words_t *ws, size_t i, const dl_learned_t *l, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (dl_learned_at(ws, i, &l[k]))
            return 1;
    return 0;
}

/* The run of capitalised words (and connectors) from word i: sets *end past it and returns
 * the end of its last organisation word (0 when none). */
static size_t org_run(const dl_story_t *s, size_t i, size_t *end_out)
{
    const words_t *ws = &s->ws;
    size_t end = i, last_org = 0;
    /* not into what another rule took, nor into an acronym in brackets: "In August
     * the National Association of X (NAX)" */
    while (end < ws->nw && end - i < MAX_NAME_WORDS && !s->taken[end] &&
           !(end > i && (ws->w[end].paren || learned_from(ws, end, s->learned, s->nlearned))) &&
           (dl_groups_name_word(&ws->w[end]) ||
            (end > i && dl_word_is(&ws->w[end], dl_groups_connectors)))) {
        if (dl_groups_name_word(&ws->w[end]) && dl_word_is(&ws->w[end], dl_groups_org_words))
            last_org = end + 1;
        /* a possessive ends the name after its organisation word ("University of
         * Michigan's August survey"), or after a person's or a place's name as the
         * tagger reads it ("Suu Kyi's National League", "Germany's Agriculture
         * Ministry"); not inside it ("People's Liberation Army") */
        unsigned char t = s->tags[end];
        if (ws->w[end].stop ||
            (dl_word_possessive(&ws->w[end]) &&
             (last_org || t == DL_TAG_B_PER || t == DL_TAG_I_PER || t == DL_TAG_B_LOC ||
              t == DL_TAG_I_LOC))) {
            end++;
            break;
        }
        end++;
    }
    *end_out = end;
    return last_org;
}

/* 3. a run of capitalised words ending in an organisation word, or one starting with it and
 * going on with "of", from word i: the group is counted and its words taken; returns how many
 * words from i it used (0: none). */
size_t dl_groups_org_name(dl_story_t *s, size_t i)
{
    const words_t *ws = &s->ws;
    size_t end, last_org = org_run(s, i, &end);
    size_t from = i;
    /* "The Syrian...", and an article that starts a sentence: "A State Department official" */
    static const char *const article[] = {"a", "an", NULL};
    while (from < ws->nw && (dl_word_is(&ws->w[from], dl_groups_connectors) ||
                             (from == i && dl_word_is(&ws->w[from], article))))
        from++;
    /* "Leaders of the European Commission": the name starts after the connector */
    for (size_t k = from; last_org && k < last_org; k++)
        if (dl_word_is(&ws->w[k], dl_groups_connectors) && !dl_word_is(&ws->w[k], joining) &&
            !(k > from && dl_word_is(&ws->w[k - 1], dl_groups_org_words)))
            from = k + 1;
    /* "the Republican Senate Banking Committee": a party's adjective before a body the list
     * holds ("Senate") is the members' party, no part of the name; the Republican National
     * Committee keeps it */
    const dl_place_t *party = last_org && from + 3 <= last_org
                                  ? dl_party_at(ws, from, s->country) : NULL;
    const word_t *pw = &ws->w[from];
    if (party) {
        char f[64];
        size_t count, fn = dl_gaz_fold(ws->w[from + 1].p, ws->w[from + 1].n, f, sizeof f);
        if (dl_grp_lookup(f, fn, &count))
            from++;
        else
            party = NULL;
    }
    /* "the Paris-based International Chamber": a compound modifier is no part */
    for (size_t k = from; last_org && k < last_org; k++)
        if (dl_word_compound(&ws->w[k]))
            from = k + 1;
    /* "Central Bank of Russia", "Ministry of Defence": the name goes on after "of" */
    static const char *const of[] = {"of", "for", NULL};
    if (last_org && last_org < end && dl_word_is(&ws->w[last_org - 1], dl_groups_org_words) &&
        dl_word_is(&ws->w[last_org], of) && !ws->w[last_org - 1].stop)
        last_org = end;
    while (last_org > from && dl_word_is(&ws->w[last_org - 1], dl_groups_connectors))
        last_org--;
    /* a place is no group: "Soviet Union", "Russian Federation" */
    char pk[160];
    size_t pl = 0;
    for (size_t k = from; k < last_org && pl < sizeof pk - 1; k++)
        pl += dl_gaz_fold(ws->w[k].p, ws->w[k].n, pk + pl, sizeof pk - pl);
    size_t pc;
    if (last_org && dl_gaz_lookup(pk, pl, &pc))
        last_org = 0;
    if (!(last_org && last_org > from && last_org - from >= 2))
        return 0;
    if (party) /* the members' party, read as rule 3b would */
        dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, party->name, pw->weight), pw->p,
                        pw->p + pw->n, "party by its members or adjective");
    char name[128];
    dl_words_text(ws, from, last_org, name, sizeof name);
    const word_t *wn = &ws->w[last_org - 1];
    dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, name, ws->w[i].weight), ws->w[from].p,
                    wn->p + wn->n, "organisation word");
    memset(s->taken + from, 1, last_org - from);
    return last_org - i;
}
