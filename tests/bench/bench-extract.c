/* bench-extract.c: how long reading (opening, parsing, charset repair) and extraction (places,
 * groups) take, apart from indexing. */
#include <stdio.h>
#include <time.h>
#include "../../indexer/extract.h"
#include "gazetteer.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double t0 = now();
    dl_gaz_load();
    double load = now() - t0, reading = 0, places = 0, groups = 0;
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        dateline_reader_t *r;
        char *msg = NULL;
        double topen = now(); /* reading is opening too: the file read, gzip inflated, UTF-16 */
        dateline_status_t ost = dateline_reader_open_file(argv[i], NULL, NULL, &r, &msg);
        reading += now() - topen;
        dateline_free(msg);
        if (ost != DATELINE_OK)
            continue;
        for (;;) {
            dateline_article_t *a;
            double t1 = now();
            dateline_status_t st = dateline_reader_next(r, &a);
            reading += now() - t1;
            if (st == DATELINE_END)
                break;
            if (st != DATELINE_OK)
                continue;
            double t2 = now();
            dl_extract_places(a);
            double t3 = now();
            dl_definition_t defs[16];
            size_t nd;
            dl_extract_groups(a, defs, 16, &nd, NULL, 0);
            groups += now() - t3;
            places += t3 - t2;
            n++;
        }
        dateline_reader_destroy(r);
    }
    printf("articles=%zu load_s=%.4f reading_s=%.3f places_s=%.3f groups_s=%.3f\n", n, load,
           reading, places, groups);
    return 0;
}
