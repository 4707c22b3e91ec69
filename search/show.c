/* show.c: --show, one stored article printed whole, with the other versions of its story and
 * its places and groups explained (--explain) or their mentions highlighted on a terminal. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The other articles of a's story chain, oldest first, in *chain, which belongs to the query
 * *cq (both left NULL when a has no story). */
static dateline_status_t story_chain(dateline_index_t *idx, const dateline_article_t *a,
                                     dateline_query_t **cq, dateline_results_t **chain)
{
    const char *story = dateline_article_get(a, DATELINE_FIELD_STORY);
    char *cqs = story ? malloc(strlen(story) + 16) : NULL;
    dateline_status_t st = DATELINE_OK;
    if (cqs) {
        sprintf(cqs, "story:%s", story);
        st = dateline_query_new(idx, cqs, cq);
        if (st == DATELINE_OK)
            st = dateline_query_set_all_versions(*cq, 1);
        if (st == DATELINE_OK)
            st = dateline_query_set_sort(*cq, DATELINE_SORT_OLDEST);
        if (st == DATELINE_OK)
            st = dateline_query_run(*cq, 0, 100, chain);
        free(cqs);
    }
    return st;
}

dateline_status_t cli_show(dateline_index_t *idx, const search_t *s, FILE *out, int *rc)
{
    dateline_article_t *a;
    dateline_status_t st = dateline_index_get(idx, s->show, &a);
    if (st == DATELINE_NOT_FOUND) {
        fprintf(stderr, "%s: %s\n", cli_prog, dateline_index_message(idx));
        *rc = 1;
        return DATELINE_OK;
    }
    if (st != DATELINE_OK)
        return st;
    dateline_results_t *chain = NULL;
    dateline_query_t *cq = NULL;
    st = story_chain(idx, a, &cq, &chain);
    /* its places and groups explained: printed (--explain), or their mentions highlighted on
     * a terminal */
    dateline_explanation_t *e = NULL;
    if (st == DATELINE_OK && (s->explain || (s->color && s->fmt == OUT_TEXT))) {
        st = dateline_index_explain(idx, s->show, &e);
        if (!s->explain && st != DATELINE_OK && st != DATELINE_MODIFIED)
            st = DATELINE_OK; /* no highlighting then */
    }
    out_show_t x = {e, s->explain, s->color};
    if (st == DATELINE_OK)
        st = out_article(out, s->fmt, a, chain, &x);
    dateline_explanation_destroy(e);
    dateline_query_destroy(cq);
    dateline_article_destroy(a);
    *rc = 0;
    return st;
}
