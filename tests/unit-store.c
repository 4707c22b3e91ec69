/* unit-store.c: an article's stored form round-trips, damaged records are refused, ids are stable. */
#include <config.h>
#include <stdlib.h>
#include "dl.h"
#include "tap.h"

int main(void)
{
    dateline_article_t *a, *b;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "Syrian militias to speed up campaign");
    dateline_article_set(a, DATELINE_FIELD_BODY, "BEIRUT (Reuters) - Line one.\nLine two \xe2\x80\x94 caf\xc3\xa9.");
    dateline_article_set(a, DATELINE_FIELD_DATE, "2017-10-18");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "syria");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "iraq");
    dateline_article_set(a, DATELINE_FIELD_FILE, "seed.txt");

    size_t len;
    uint64_t h1, h2;
    char *rec = dl_store_encode(a, &len, &h1);
    ok(rec != NULL && len > 3, "encoded");
    is_int(dl_store_decode(rec, len, &b), DATELINE_OK, "decoded");
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++) {
        size_t n = dateline_article_count(a, (dateline_field_t)f);
        int same = n == dateline_article_count(b, (dateline_field_t)f);
        for (size_t i = 0; same && i < n; i++)
            same = strcmp(dateline_article_get_nth(a, (dateline_field_t)f, i),
                          dateline_article_get_nth(b, (dateline_field_t)f, i)) == 0;
        ok(same, "field %s round-trips", dateline_field_name((dateline_field_t)f));
    }
    dateline_article_destroy(b);

    /* the origin is not content: the same story from another file has the same fingerprint */
    dateline_article_set(a, DATELINE_FIELD_FILE, "copy/elsewhere.txt");
    size_t len2;
    free(dl_store_encode(a, &len2, &h2));
    ok(h1 == h2, "fingerprint ignores the origin");
    char id[17];
    dl_article_make_id(a, h1, id);
    is_int(strlen(id), 16, "ids are 16 hex digits");
    dateline_article_set(a, DATELINE_FIELD_IDENTITY, "reuters-21578:5:1987-02-26");
    dl_article_make_id(a, h1, id);
    is_str(id, "22497577ba874136", "an id from a source key is the same on every machine and run");

    /* damaged records are refused, never read past their end */
    size_t bad = 0;
    for (size_t cut = 0; cut < len; cut++)
        if (dl_store_decode(rec, cut, &b) == DATELINE_OK) {
            dateline_article_destroy(b);
            bad++;
        }
    is_int(bad, 0, "every truncation refused");
    size_t flipped = 0;
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            rec[i] ^= (char)(1 << bit);
            if (dl_store_decode(rec, len, &b) == DATELINE_OK) {
                dateline_article_destroy(b);
                flipped++;
            }
            rec[i] ^= (char)(1 << bit);
        }
    }
    ok(1, "%zu of %zu single-bit flips decoded, none crashed", flipped, len * 8);
    is_int(dl_store_decode("d\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 12, &b), DATELINE_CORRUPT,
           "a huge claimed length is refused");
    free(rec);
    dateline_article_destroy(a);
    done_testing();
}
