/* bench-query.c: query latency through libdateline, in one process, over a fixed query set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "stats.h"
#include "dateline.h"

#define MAXQ 1000

int main(int argc, char **argv)
{
    char *queries[MAXQ], line[1024];
    size_t nq = 0;
    int rounds = argc > 3 ? atoi(argv[3]) : 5, snippets = argc > 4 && strcmp(argv[4], "snippets") == 0;
    /* BOUND: totals exact up to it (dateline_query_set_total_bound(); 0, the default: all) */
    size_t bound = argc > 5 ? (size_t)strtoull(argv[5], NULL, 10) : 0;
    if (argc < 3 || rounds < 2) {
        fprintf(stderr, "usage: bench-query INDEX QUERIES [ROUNDS>=2] [snippets|plain] [BOUND]\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    while (nq < MAXQ && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        queries[nq++] = strdup(tab + 1);
    }
    fclose(f);
    if (nq == 0) {
        fprintf(stderr, "bench-query: %s: no queries (each line NAME<tab>QUERY; # starts a comment)\n",
                argv[2]);
        return 2;
    }
    dateline_index_t *idx;
    char *msg;
    if (dateline_index_open(argv[1], DATELINE_OPEN_READ, &idx, &msg) != DATELINE_OK) {
        fprintf(stderr, "bench-query: %s\n", msg);
        return 2;
    }
    double *t = malloc(sizeof *t * nq * (size_t)rounds);
    size_t nt = 0, hits = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < nq; i++) {
            dateline_query_t *q;
            dateline_results_t *res;
            double t0 = now_us();
            if (dateline_query_new(idx, queries[i], &q) != DATELINE_OK ||
                dateline_query_set_total_bound(q, bound) != DATELINE_OK ||
                dateline_query_run(q, 0, 10, &res) != DATELINE_OK) {
                fprintf(stderr, "bench-query: %s: %s\n", queries[i], dateline_index_message(idx));
                return 2;
            }
            for (size_t k = 0; k < dateline_results_size(res); k++) {
                const dateline_article_t *a;
                const char *s;
                dateline_result_article(dateline_results_get(res, k), &a);
                if (snippets)
                    dateline_result_snippet(dateline_results_get(res, k), 240, "", "", &s);
            }
            if (r == 0)
                hits += dateline_results_total(res);
            dateline_query_destroy(q);
            if (r > 0) /* the first round warms the caches */
                t[nt++] = now_us() - t0;
        }
    }
    int ok = report(t, nt, nq, hits);
    dateline_index_close(idx);
    free(t);
    for (size_t i = 0; i < nq; i++)
        free(queries[i]);
    return ok ? 0 : 2;
}
