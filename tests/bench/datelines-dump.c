/* datelines-dump.c: each article's dateline places as the readers give them, for datelines.py. */
#include <stdio.h>
#include <string.h>
#include "../indexer/extract.h"

/* One line an article, in the files' order: "FILE<TAB>ORDINAL<TAB>KEY<TAB>PLACE|PLACE..." (the
 * source's key, such as Reuters' NEWID, or empty; the DATELINES field, empty when the reader
 * found no dateline; "!" for a record the reader rejected). */
int main(int argc, char **argv)
{
    for (int f = 1; f < argc; f++) {
        dateline_reader_t *r;
        char *msg = NULL;
        if (dateline_reader_open_file(argv[f], NULL, NULL, &r, &msg) != DATELINE_OK) {
            fprintf(stderr, "datelines-dump: %s: %s\n", argv[f], msg ? msg : "cannot read");
            return 1;
        }
        dateline_article_t *a;
        dateline_status_t st;
        long nth = 0;
        while ((st = dateline_reader_next(r, &a)) != DATELINE_END) {
            nth++;
            if (st != DATELINE_OK) {
                printf("%s\t%ld\t\t!\n", argv[f], nth); /* a rejected record keeps its place */
                continue;
            }
            const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
            printf("%s\t%ld\t%s\t", argv[f], nth, key ? key : "");
            for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_DATELINES); i++)
                printf("%s%s", i ? "|" : "", dateline_article_get_nth(a, DATELINE_FIELD_DATELINES, i));
            putchar('\n');
        }
        dateline_reader_destroy(r);
    }
    return 0;
}
