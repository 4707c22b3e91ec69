/* dateline-search.c: the program that answers questions from an index, for people and programs:
 * the index the options name, and main(). What it is made of is in cli.h: options.c (the
 * command line), usage.c (--help), answer.c (a search run and printed), show.c (--show),
 * pager.c (the terminal and its pager). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "index-path.h"

const char cli_prog[] = "dateline-search";

/* The index the options name, opened for reading; NULL when it cannot be (and said why).
 * Several --index, or --allow-partial, open the list of shards they name as one index; a
 * shard left out is named on stderr. */
static dateline_index_t *open_index(const options_t *o)
{
    char *path = dl_index_path(o->index_arg, 0), *msg = NULL;
    dateline_index_t *idx = NULL;
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n",
                cli_prog);
        return NULL;
    }
    for (size_t i = 0; i < (o->nindexes ? o->nindexes : 1); i++) {
        const char *p = o->nindexes ? o->indexes[i] : path;
        char *what = dl_index_path_check(p, 0);
        if (what) {
            fprintf(stderr, "%s: %s\n", cli_prog, what);
            free(what);
            free(path);
            return NULL;
        }
    }
    dateline_status_t st;
    if (o->nindexes > 1 || o->allow_partial) {
        const char *one[1] = {path};
        st = dateline_index_open_list(o->nindexes ? o->indexes : one,
                                      o->nindexes ? o->nindexes : 1,
                                      o->allow_partial ? DATELINE_OPEN_ALLOW_PARTIAL : 0, &idx,
                                      &msg);
    } else {
        st = dateline_index_open(path, DATELINE_OPEN_READ, &idx, &msg);
    }
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", cli_prog, msg ? msg : dateline_status_to_string(st));
        if (st == DATELINE_NOT_FOUND)
            cli_query_hint(o->index_word);
        dateline_free(msg);
    }
    for (size_t i = 0; st == DATELINE_OK && dateline_index_dead_shard(idx, i); i++)
        fprintf(stderr, "%s: warning: shard left out, the answer is partial: %s\n", cli_prog,
                dateline_index_dead_shard(idx, i));
    free(path);
    return st == DATELINE_OK ? idx : NULL;
}

int main(int argc, char **argv)
{
    options_t o;
    int rc = cli_parse_options(argc, argv, &o);
    if (rc >= 0)
        return rc;
    size_t cols, rows;
    cli_screen_size(&cols, &rows);
    char *label = NULL, *query = cli_query_words(argc, argv, &o, &label, &rc);
    if (!query)
        return rc;
    dateline_index_t *idx = open_index(&o);
    if (!idx) {
        free(query);
        return 2;
    }
    /* Everything is written to memory first and printed once the whole answer is in hand: when
     * a writer changes the index under the search, it starts again from a fresh revision, and
     * nothing half-done has been printed. */
    search_t sr = {query, o.show, o.fmt, o.color, o.sort, o.half_life, o.count, o.offset,
                   o.limit, o.facets, o.facet_top, o.nfacets, o.timeline, o.period,
                   o.all_versions, o.total_bound, o.by, o.by_top, cols, o.explain, o.similar,
                   label};
    rc = o.from_stdin ? cli_answer_lines(idx, &sr) : cli_run(idx, &sr, &o, rows, cols);
    dateline_index_close(idx);
    free(query);
    return rc;
}
