/* reader-loop.c: one reader of tests/readers.sh. Runs a set of queries over and over through
 * libdateline while another process writes the index, the way an embedding program would: when
 * the index changes under a search (DATELINE_MODIFIED) it reopens and runs the whole search
 * again, up to 10 times. Prints what it did on one line:
 *   queries N retries N failures N p50_us N p99_us N
 * Usage: reader-loop INDEX QUERIES-FILE STOP-FILE [MAX-SECONDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dateline.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* One search as a user sees it: the top 10 with their articles and snippets. */
static dateline_status_t search(dateline_index_t *idx, const char *text)
{
    dateline_query_t *q;
    dateline_results_t *res;
    dateline_status_t st = dateline_query_new(idx, text, &q);
    if (st != DATELINE_OK)
        return st;
    st = dateline_query_add_facet(q, DATELINE_FIELD_PLACES, 5);
    if (st == DATELINE_OK)
        st = dateline_query_run(q, 0, 10, &res);
    for (size_t i = 0; st == DATELINE_OK && i < dateline_results_size(res); i++) {
        const dateline_article_t *a;
        const char *snip;
        dateline_result_t *r = dateline_results_get(res, i);
        st = dateline_result_article(r, &a);
        if (st == DATELINE_OK)
            st = dateline_result_snippet(r, 200, "[", "]", &snip);
    }
    dateline_query_destroy(q);
    return st;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: reader-loop INDEX QUERIES-FILE STOP-FILE [MAX-SECONDS]\n");
        return 2;
    }
    double limit = argc > 4 ? atof(argv[4]) * 1e6 : 600e6;
    char *queries[256];
    size_t nq = 0;
    char line[1024];
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    while (nq < 256 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            queries[nq++] = strdup(line);
    }
    fclose(f);
    if (!nq)
        return 2;
    dateline_index_t *idx;
    char *msg;
    dateline_status_t st;
    /* the writer may not have created the index yet */
    while ((st = dateline_index_open(argv[1], DATELINE_OPEN_READ, &idx, &msg)) != DATELINE_OK) {
        dateline_free(msg);
        if (access(argv[3], F_OK) == 0) {
            printf("queries 0 retries 0 failures 1 p50_us 0 p99_us 0\n");
            return 1;
        }
        usleep(10000);
    }
    size_t cap = 1024, n = 0, retries = 0, failures = 0;
    double *lat = malloc(cap * sizeof *lat), start = now_us();
    for (size_t k = 0; access(argv[3], F_OK) != 0 && now_us() - start < limit; k++) {
        const char *text = queries[k % nq];
        double t = now_us();
        int attempt = 1;
        while ((st = search(idx, text)) == DATELINE_MODIFIED && attempt < 10) {
            retries++;
            attempt++;
            if ((st = dateline_index_reopen(idx)) != DATELINE_OK)
                break;
        }
        if (st != DATELINE_OK) {
            failures++;
            fprintf(stderr, "reader-loop: '%s': %s\n", text, dateline_index_message(idx));
        }
        if (n == cap && !(lat = realloc(lat, (cap *= 2) * sizeof *lat)))
            return 2;
        lat[n++] = now_us() - t;
        /* follow the writer, as a long-running embedder would between requests */
        if (k % 16 == 15)
            dateline_index_reopen(idx);
    }
    qsort(lat, n, sizeof *lat, by_value);
    printf("queries %zu retries %zu failures %zu p50_us %.0f p99_us %.0f\n", n, retries, failures,
           n ? lat[n / 2] : 0.0, n ? lat[n * 99 / 100] : 0.0);
    free(lat);
    for (size_t i = 0; i < nq; i++)
        free(queries[i]);
    dateline_index_close(idx);
    return failures ? 1 : 0;
}
