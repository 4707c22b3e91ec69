/* unit-extract.c: the extractor an index is given (dl_extractor_t) is what completes an article
 * in dateline_index_add(): by default indexer/'s places and groups, none when it is given NULL
 * or when lib/ opens the index alone (dl_index_open()),
 * and another one's groups and acronym definitions (learned as aliases) when given that.
 * Extraction has the article carry its chains' signature, which the index stores as it is;
 * an article without one gets it computed the same way. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../indexer/extract.h"
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

/* A story long enough (over 30 shingles) for its body to decide its chain alone. */
static const char STORY_A[] =
    "The central bank raised its main interest rate by half a point on Thursday, the third "
    "rise this year, saying prices in the shops and wages in the factories were still rising "
    "faster than it had expected when it last met in the spring.";
static const char STORY_B[] =
    "Heavy rain flooded the lower town overnight and closed the two bridges over the river, "
    "while the fire brigade carried families from their roofs in boats and the army sent lorries "
    "with sandbags, blankets and drinking water to the schools.";

/* An article of title and body, added to idx; returns the story chain the index gave it (a
 * copy), and the article in *out when out is not NULL. `carry`, when not NULL, is the
 * signature the article carries in. */
static char *chained(dateline_index_t *idx, const char *title, const char *body,
                     const dl_signature_t *carry)
{
    dateline_article_t *a;
    char *story = NULL;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, title);
    dateline_article_set(a, DATELINE_FIELD_BODY, body);
    if (carry)
        dl_article_set_signature(a, carry);
    if (dateline_index_add(idx, a, NULL) == DATELINE_OK &&
        dateline_article_get(a, DATELINE_FIELD_STORY))
        story = strdup(dateline_article_get(a, DATELINE_FIELD_STORY));
    dateline_article_destroy(a);
    return story ? story : strdup("(none)");
}

/* Extraction carries the signature; the index stores what the article carries. */
static void signatures(const char *dir)
{
    dateline_article_t *a;
    dl_signature_t want;
    dl_definition_t defs[16];
    size_t ndefs = 0;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "Rates up");
    dateline_article_set(a, DATELINE_FIELD_BODY, STORY_A);
    ok(dl_article_signature(a) == NULL, "an article read carries no signature yet");
    ok(dl_extractors.extract(a, defs, 16, &ndefs) == DATELINE_OK, "extraction runs");
    dl_signature_of("Rates up", STORY_A, &want);
    const dl_signature_t *got = dl_article_signature(a);
    ok(got && got->shingles == want.shingles && got->shingles > 30 &&
           memcmp(got->sig, want.sig, sizeof want.sig) == 0,
       "extraction has the article carry its signature, the one of its text (%zu shingles)",
       got ? got->shingles : 0);
    dateline_article_set(a, DATELINE_FIELD_BODY, STORY_B);
    ok(dl_article_signature(a) == NULL, "a new body drops the signature it carried");
    dl_article_sign(a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "Floods");
    ok(dl_article_signature(a) == NULL, "so does a new headline");
    dateline_article_destroy(a);

    char path[64];
    dateline_index_t *idx;
    snprintf(path, sizeof path, "%s/chains", dir);
    if (dl_index_open(path, DATELINE_OPEN_WRITE, &idx, NULL) != DATELINE_OK) {
        ok(0, "an index for chains opens");
        return;
    }
    /* no extractor: articles come without a signature, and the index computes it */
    char *first = chained(idx, "Rates up", STORY_A, NULL);
    char *again = chained(idx, "Rates up again", STORY_A, NULL);
    char *other = chained(idx, "Floods", STORY_B, NULL);
    is_str(again, first, "without a signature, the same story under a new headline joins its chain");
    ok(strcmp(other, first) != 0, "and another story starts its own");
    /* a signature carried in is what the index goes by: the floods' text carrying the rate
     * story's signature joins the rate story's chain */
    dl_signature_t rates;
    dl_signature_of("Rates up", STORY_A, &rates);
    char *carried = chained(idx, "Floods, carried", STORY_B, &rates);
    is_str(carried, first, "the index stores the signature the article carries, not its own");
    dateline_index_close(idx);
    free(first);
    free(again);
    free(other);
    free(carried);
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
    signatures(dir);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    done_testing();
}
