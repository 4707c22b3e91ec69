/* run-gate.c: an LD_PRELOAD shim for tests/search-cli.sh that holds every call of
 * dateline_query_run() after the first until a file appears, so that a test can look at what
 * dateline-search printed before it fetched its second page of results.
 *   DL_GATE_LOG   a file to which it appends "held OFFSET LIMIT" when it starts holding a call
 *   DL_GATE_OPEN  the file whose existence lets the call go on (it waits 60 s at most) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "dateline.h"

typedef dateline_status_t (*run_fn)(dateline_query_t *, size_t, size_t, dateline_results_t **);

dateline_status_t dateline_query_run(dateline_query_t *q, size_t offset, size_t limit,
                                     dateline_results_t **out)
{
    static int calls;
    run_fn real = (run_fn)dlsym(RTLD_NEXT, "dateline_query_run");
    const char *log = getenv("DL_GATE_LOG"), *gate = getenv("DL_GATE_OPEN");
    if (++calls > 1 && log && gate) {
        FILE *f = fopen(log, "a");
        if (f) {
            fprintf(f, "held %zu %zu\n", offset, limit);
            fclose(f);
        }
        for (int i = 0; i < 6000 && access(gate, F_OK) != 0; i++)
            usleep(10000);
    }
    return real ? real(q, offset, limit, out) : DATELINE_INTERNAL;
}
