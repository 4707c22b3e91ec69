/* story.h: what the unit tests of group extraction share: the groups a story of ours gets, as
 * one string to compare. */
#ifndef DATELINE_TESTS_STORY_H
#define DATELINE_TESTS_STORY_H

#include <stdio.h>
#include <string.h>
#include "../indexer/extract.h"
#include "dl.h"

enum { STORY_PLACES = 1, STORY_SALIENCE = 2 };

/* The groups extraction finds in a story (title may be NULL), "|"-separated, most salient
 * first: with STORY_PLACES, its places found first, as an ingest does (the story's country);
 * with STORY_SALIENCE, each as "Name=salience". The definitions it makes go to defs (room for
 * 16) and *ndefs when defs is given. The string is static: the next call writes over it. */
static const char *story_groups(const char *title, const char *body, int flags,
                                dl_definition_t *defs, size_t *ndefs)
{
    static char out[512];
    dl_definition_t scratch[16];
    size_t nscratch = 0;
    int sal[32], salience = flags & STORY_SALIENCE;
    if (!defs) {
        defs = scratch;
        ndefs = &nscratch;
    }
    *ndefs = 0;
    dateline_article_t *a;
    dateline_article_new(&a);
    if (title)
        dateline_article_set(a, DATELINE_FIELD_TITLE, title);
    dateline_article_set(a, DATELINE_FIELD_BODY, body);
    out[0] = '\0';
    if ((!(flags & STORY_PLACES) || dl_extract_places(a) == DATELINE_OK) &&
        dl_extract_groups(a, defs, 16, ndefs, salience ? sal : NULL, salience ? 32 : 0) ==
            DATELINE_OK)
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_GROUPS) &&
                           (!salience || i < 32); i++) {
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? "|" : "",
                     dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i));
            if (salience)
                snprintf(out + strlen(out), sizeof out - strlen(out), "=%d", sal[i]);
        }
    dateline_article_destroy(a);
    return out;
}

#endif
