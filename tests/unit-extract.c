/* unit-extract.c: the extractor an index is given (dl_extractor_t) is what completes an article
 * in dateline_index_add(): by default indexer/'s places and groups, none when it is given NULL
 * or when lib/ opens the index alone (dl_index_open()),
 * and another one's groups and acronym definitions (learned as aliases) when given that. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dl.h"
#include "tap.h"

static const char BODY[] = "BEIRUT (Reuters) - Fighting went on in Syria on Tuesday.";

/* An extractor of our own: one group, and the acronym PGX its text defines for it. */
static dateline_status_t probe(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                               size_t *ndefs)
{
    dateline_article_set(a, DATELINE_FIELD_PLACE_IDS, "=probe-place 1");
    dateline_article_set(a, DATELINE_FIELD_GROUPS, "Probe Group Extra");
    if (cap) {
        strcpy(defs[0].acronym, "PGX");
        strcpy(defs[0].name, "Probe Group Extra");
        *ndefs = 1;
    }
    return DATELINE_OK;
}
static const dl_extractor_t probe_extractor = {probe};

/* Adds an article of BODY titled `title` and reads back how many values `field` holds. */
static size_t added(dateline_index_t *idx, const char *title, dateline_field_t field)
{
    dateline_article_t *a, *back = NULL;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, title);
    dateline_article_set(a, DATELINE_FIELD_BODY, BODY);
    size_t n = (size_t)-1;
    if (dateline_index_add(idx, a, NULL) == DATELINE_OK &&
        dateline_index_get(idx, dateline_article_get(a, DATELINE_FIELD_ID), &back) == DATELINE_OK)
        n = dateline_article_count(back, field);
    dateline_article_destroy(back);
    dateline_article_destroy(a);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/dateline-extract.XXXXXX", path[64];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/db", dir);
    dateline_index_t *idx;
    if (dateline_index_open(path, DATELINE_OPEN_WRITE, &idx, NULL) != DATELINE_OK)
        return 1;
    ok(added(idx, "By default", DATELINE_FIELD_PLACE_IDS) > 0,
       "by default an article gets the places indexer/ finds (Beirut, Syria)");
    dl_index_set_extractor(idx, NULL);
    is_int(added(idx, "Without", DATELINE_FIELD_PLACE_IDS), 0,
           "given no extractor, the index stores the article as it is given");
    dl_index_set_extractor(idx, &probe_extractor);
    is_int(added(idx, "With our own", DATELINE_FIELD_GROUPS), 1,
           "given another extractor, the index stores what that one found");
    dateline_index_commit(idx);
    dateline_query_t *q;
    size_t n = 0;
    if (dateline_query_new(idx, "group:PGX", &q) == DATELINE_OK) {
        dateline_query_count(q, &n);
        dateline_query_destroy(q);
    }
    is_int(n, 1, "the acronym it found defined is learned: group:PGX finds the group's article");
    dateline_index_close(idx);
    /* lib/'s own opening names no extractor: dateline_index_open() (indexer/) gives the default */
    snprintf(path, sizeof path, "%s/bare", dir);
    if (dl_index_open(path, DATELINE_OPEN_WRITE, &idx, NULL) != DATELINE_OK)
        return 1;
    is_int(added(idx, "Bare", DATELINE_FIELD_PLACE_IDS), 0,
           "an index lib/ opens alone (dl_index_open()) stores the article as it is given");
    dateline_index_close(idx);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    done_testing();
}
