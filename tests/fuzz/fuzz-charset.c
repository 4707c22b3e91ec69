/* fuzz-charset.c: charset repair (iconv, double-encoded UTF-8) and text cleaning. Whatever
 * the bytes, what comes out is valid UTF-8, and cleaning clean text changes nothing. */
#include <string.h>

#include "dateline.h"
#include "../../lib/dl.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_clean(const char *p, size_t n)
{
    for (int one_line = 0; one_line < 2; one_line++) {
        char *c = dl_text_clean(p, n, one_line);
        if (!c)
            continue;
        size_t len = strlen(c);
        FUZZ_ASSERT(dl_utf8_valid(c, len));
        char *again = dl_text_clean(c, len, one_line);
        FUZZ_ASSERT(!again || strcmp(again, c) == 0);
        free(again);
        free(c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *charsets[] = {"windows-1252", "iso-8859-1", "utf-16le", "utf-16be",
                                     "koi8-r", "utf-8"};
    const char *p = (const char *)data;
    for (size_t i = 0; i < sizeof charsets / sizeof *charsets; i++) {
        size_t len;
        dateline_status_t st;
        char *u = dl_to_utf8(p, size, charsets[i], &len, &st);
        if (!u)
            continue;
        FUZZ_ASSERT(len == strlen(u) || memchr(u, '\0', len));
        if (!dl_utf8_valid(u, strlen(u)))
            fprintf(stderr, "read as %s: not UTF-8\n", charsets[i]);
        FUZZ_ASSERT(dl_utf8_valid(u, strlen(u)));
        check_clean(u, strlen(u));
        free(u);
    }
    if (dl_utf8_valid(p, size)) {
        check_clean(p, size);
        /* double-encoding repair: valid UTF-8 in, valid UTF-8 out, never longer; and where
         * nothing was repaired, nothing changed */
        size_t len, fixed;
        char *u = dl_utf8_undouble(p, size, &len, &fixed);
        if (u) {
            FUZZ_ASSERT(dl_utf8_valid(u, len) && len <= size);
            FUZZ_ASSERT(fixed || (len == size && memcmp(u, p, size) == 0));
            free(u);
        }
    }
    /* an article field takes any bytes: invalid UTF-8 is read as Windows-1252 */
    dateline_article_t *a;
    char *s = fuzz_string(data, size);
    if (s && dateline_article_new(&a) == DATELINE_OK) {
        if (dateline_article_set(a, DATELINE_FIELD_BODY, s) == DATELINE_OK &&
            dateline_article_get(a, DATELINE_FIELD_BODY)) {
            const char *b = dateline_article_get(a, DATELINE_FIELD_BODY);
            FUZZ_ASSERT(dl_utf8_valid(b, strlen(b)));
        }
        dateline_article_destroy(a);
    }
    free(s);
    return 0;
}
