/* threads.c: 8 threads, each with its own index handle, run the same queries at once and must
 * get exactly the answers one thread gets alone: the same totals, ids, facets and snippets.
 * (The setup and sanitizer builds run it under AddressSanitizer too.)
 * Usage: threads INDEX (tests/threads.sh builds the index). Prints TAP. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline.h"

enum { THREADS = 8, ROUNDS = 25 };

static const char *queries[] = {
    "oil prices", "place:syria", "group:opec", "\"islamic state\"", "*",
    "date:1987..1995 place:europe", "wall street", "bank* -rate", "title:raqqa OR mosul",
    "place:iraq group:\"islamic state\" date:2017"};
#define NQ (sizeof queries / sizeof *queries)

static const char *index_path;

/* One query's answer as text: total, then id, facet values and snippet of each of the top 10. */
static char *answer(dateline_index_t *idx, const char *text)
{
    dateline_query_t *q;
    dateline_results_t *res;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    if (dateline_query_new(idx, text, &q) != DATELINE_OK ||
        dateline_query_add_facet(q, DATELINE_FIELD_PLACES, 5) != DATELINE_OK ||
        dateline_query_run(q, 0, 10, &res) != DATELINE_OK) {
        fprintf(f, "error: %s\n", dateline_index_message(idx));
        fclose(f);
        return buf;
    }
    fprintf(f, "total %zu\n", dateline_results_total(res));
    for (size_t i = 0; i < dateline_results_facet_size(res, DATELINE_FIELD_PLACES); i++) {
        size_t n;
        const char *v = dateline_results_facet_get(res, DATELINE_FIELD_PLACES, i, &n);
        fprintf(f, "facet %s %zu\n", v, n);
    }
    for (size_t i = 0; i < dateline_results_size(res); i++) {
        dateline_result_t *r = dateline_results_get(res, i);
        const dateline_article_t *a;
        const char *snip = "";
        if (dateline_result_article(r, &a) != DATELINE_OK ||
            dateline_result_snippet(r, 120, "[", "]", &snip) != DATELINE_OK) {
            fprintf(f, "error: %s\n", dateline_index_message(idx));
            continue;
        }
        fprintf(f, "%zu %.4f %s %s\n", dateline_result_rank(r), dateline_result_score(r),
                dateline_article_get(a, DATELINE_FIELD_ID), snip);
    }
    dateline_query_destroy(q);
    fclose(f);
    return buf;
}

static char *expected[NQ];

typedef struct {
    int n;
    size_t runs, wrong;
} job_t;

static void *worker(void *arg)
{
    job_t *job = arg;
    dateline_index_t *idx;
    char *msg;
    if (dateline_index_open(index_path, DATELINE_OPEN_READ, &idx, &msg) != DATELINE_OK) {
        fprintf(stderr, "# thread %d: %s\n", job->n, msg);
        dateline_free(msg);
        job->wrong++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < NQ; k++) {
            size_t i = (k + (size_t)job->n) % NQ; /* threads start on different queries */
            char *got = answer(idx, queries[i]);
            job->runs++;
            if (!got || !expected[i] || strcmp(got, expected[i]) != 0) {
                if (!job->wrong)
                    fprintf(stderr, "# thread %d, '%s': got\n%s# want\n%s", job->n, queries[i],
                            got ? got : "(nothing)\n", expected[i] ? expected[i] : "\n");
                job->wrong++;
            }
            free(got);
        }
    dateline_index_close(idx);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: threads INDEX\n");
        return 2;
    }
    index_path = argv[1];
    /* the answers of one thread alone */
    dateline_index_t *idx;
    char *msg;
    if (dateline_index_open(index_path, DATELINE_OPEN_READ, &idx, &msg) != DATELINE_OK) {
        printf("Bail out! %s\n", msg);
        return 1;
    }
    int errors = 0;
    for (size_t i = 0; i < NQ; i++) {
        expected[i] = answer(idx, queries[i]);
        if (!expected[i] || strncmp(expected[i], "error", 5) == 0)
            errors++;
    }
    dateline_index_close(idx);
    int n = 0;
    printf("%s %d - one thread answers all %zu queries\n", errors ? "not ok" : "ok", ++n, NQ);

    pthread_t t[THREADS];
    job_t jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job_t){i, 0, 0};
        if (pthread_create(&t[i], NULL, worker, &jobs[i]) != 0) {
            printf("Bail out! cannot start thread %d\n", i);
            return 1;
        }
    }
    size_t runs = 0, wrong = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        runs += jobs[i].runs;
        wrong += jobs[i].wrong;
    }
    printf("%s %d - %d threads, own handles: %zu searches, all the same as one thread's\n",
           wrong || runs != (size_t)THREADS * ROUNDS * NQ ? "not ok" : "ok", ++n, THREADS, runs);
    if (wrong)
        printf("# %zu answers differed\n", wrong);
    for (size_t i = 0; i < NQ; i++)
        free(expected[i]);
    printf("1..%d\n", n);
    return errors || wrong ? 1 : 0;
}
