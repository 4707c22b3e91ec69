/* fuzz-reader.c: every reader (format detection, plain text, Reuters SGML, charset repair,
 * dates, datelines) and what the index does with an article before Xapian: place and group
 * extraction and the stored record, which must decode to the same article. The first byte
 * picks the format (auto, text, sgml, csv, json, mail, xml, html) and, with its top bit,
 * --columns. */
#include <string.h>

#include "dateline.h"
#include "../../indexer/extract.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void round_trip(const dateline_article_t *a)
{
    size_t len, len2;
    uint64_t h, h2;
    char *rec = dl_store_encode(a, &len, &h);
    if (!rec)
        return;
    dateline_article_t *back;
    FUZZ_ASSERT(dl_store_decode(rec, len, &back) == DATELINE_OK);
    char *rec2 = dl_store_encode(back, &len2, &h2);
    FUZZ_ASSERT(rec2 && len2 == len && memcmp(rec, rec2, len) == 0 && h == h2);
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++) {
        size_t n = dateline_article_count(a, (dateline_field_t)f);
        for (size_t i = 0; i < n; i++) {
            const char *v = dateline_article_get_nth(a, (dateline_field_t)f, i);
            if (!dl_utf8_valid(v, strlen(v)))
                fprintf(stderr, "field %s, value %zu: '%s'\n",
                        dateline_field_name((dateline_field_t)f), i, v);
            FUZZ_ASSERT(dl_utf8_valid(v, strlen(v)));
        }
    }
    free(rec);
    free(rec2);
    dateline_article_destroy(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    dateline_reader_options_t o = DATELINE_READER_OPTIONS_INIT;
    static const dateline_format_t formats[] = {DATELINE_FORMAT_AUTO, DATELINE_FORMAT_TEXT,
                                                DATELINE_FORMAT_SGML, DATELINE_FORMAT_CSV,
                                                DATELINE_FORMAT_JSON, DATELINE_FORMAT_MAIL,
                                                DATELINE_FORMAT_XML, DATELINE_FORMAT_HTML};
    o.format = formats[(data[0] & 0x7F) % 8];
    if (data[0] & 0x80)
        o.columns = "topic,title,text,date,id"; /* a CSV without a header */
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_status_t st = dateline_reader_open_memory(data + 1, size - 1, "fuzz", &o, &rd, &msg);
    dateline_free(msg);
    if (st != DATELINE_OK)
        return 0;
    dateline_article_t *a;
    for (int k = 0; k < 10000 && (st = dateline_reader_next(rd, &a)) != DATELINE_END; k++) {
        if (st != DATELINE_OK)
            continue;
        if (dl_extract_places(a) == DATELINE_OK) {
            dl_definition_t defs[16];
            size_t ndefs;
            dl_extract_groups(a, defs, 16, &ndefs, NULL, 0);
        }
        round_trip(a);
    }
    dateline_reader_destroy(rd);
    return 0;
}
