/* stats.h: the timing and the summary line the benchmark's query programs share. */
#ifndef DL_BENCH_STATS_H
#define DL_BENCH_STATS_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts the n samples and prints the line bench.sh reads; with no samples, says so on standard
 * error and returns 0 (1 otherwise). */
static int report(double *t, size_t n, size_t nq, size_t hits)
{
    double sum = 0;
    if (n == 0) {
        fprintf(stderr, "no timings: the query file held %zu queries\n", nq);
        return 0;
    }
    qsort(t, n, sizeof *t, by_value);
    for (size_t i = 0; i < n; i++)
        sum += t[i];
    printf("queries=%zu samples=%zu hits=%zu p50_us=%.1f p99_us=%.1f mean_us=%.1f\n", nq, n, hits,
           t[(size_t)(0.5 * (double)(n - 1) + 0.5)], t[(size_t)(0.99 * (double)(n - 1) + 0.5)],
           sum / (double)n);
    return 1;
}

#endif
