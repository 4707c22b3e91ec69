/* unit-normalize.c: UTF-8 checks, charset repair, text cleaning and filter keys. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"
#include "tap.h"

static void clean_is(const char *in, int one_line, const char *want, const char *what)
{
    char *got = dl_text_clean(in, strlen(in), one_line);
    is_str(got, want, "clean: %s", what);
    free(got);
}

static void key_is(const char *in, const char *want)
{
    char *got = dl_key_normalize(in, 200);
    is_str(got, want, "key of '%s'", in);
    free(got);
}

int main(void)
{
    ok(dl_utf8_valid("plain", 5), "ASCII is UTF-8");
    ok(dl_utf8_valid("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x93\xb0", 18), "2-, 3-, 4-byte sequences");
    ok(!dl_utf8_valid("caf\xe9", 4), "a lone Latin-1 byte is not UTF-8");
    ok(!dl_utf8_valid("\xc0\xaf", 2), "overlong form refused");
    ok(!dl_utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
    ok(!dl_utf8_valid("\xf4\x90\x80\x80", 4), "past U+10FFFF refused");
    ok(!dl_utf8_valid("\xe2\x80", 2), "cut sequence refused");

    dateline_status_t st = DATELINE_OK;
    size_t n;
    char *u = dl_to_utf8("\x93new\x94 caf\xe9 \x96 x", 14, "Windows-1252", &n, &st);
    is_str(u, "\xe2\x80\x9cnew\xe2\x80\x9d caf\xc3\xa9 \xe2\x80\x93 x", "Windows-1252 quotes, e-acute, dash");
    is_int(n, strlen(u ? u : ""), "length reported");
    free(u);
    u = dl_to_utf8("a\x81z", 3, "Windows-1252", &n, &st);
    is_str(u, "a\xef\xbf\xbdz", "byte Windows-1252 leaves undefined becomes U+FFFD");
    free(u);
    u = dl_to_utf8("x", 1, "NO-SUCH-CHARSET", &n, &st);
    ok(u == NULL && st == DATELINE_CHARSET, "unknown charset is DATELINE_CHARSET");
    u = dl_to_utf8("", 0, "ISO-8859-1", &n, &st);
    is_str(u, "", "empty input converts to empty");
    free(u);

    clean_is("a\r\nb\rc", 0, "a\nb\nc", "CRLF and CR become LF");
    clean_is("  a \t  b  \n", 0, "a b", "spaces and tabs collapse, ends trimmed");
    clean_is("a\x01\x02""b\x7f""c\xc2\x85""d", 0, "abcd", "C0, DEL and C1 controls go");
    clean_is("a\xc2\xa0""b", 0, "a b", "no-break space is a space");
    clean_is("p1\n\n\n\np2\n  p3", 0, "p1\n\np2\np3", "at most one empty line between paragraphs");
    clean_is("line one\nline two", 1, "line one line two", "one-line fields join lines");
    clean_is("\n\n  \n", 0, "", "only white space cleans to nothing");

    key_is("El Salvador", "el-salvador");
    key_is("  west_germany ", "west-germany");
    key_is("Deir al-Zor", "deir-al-zor");
    key_is("ZÜRICH", "zürich");
    key_is("a -- b", "a-b");
    char *k = dl_key_normalize("abcdefgh", 5);
    is_str(k, "abcde", "keys are cut at the limit");
    free(k);
    k = dl_key_normalize("ab\xc3\xa9", 3);
    is_str(k, "ab", "keys are never cut inside a character");
    free(k);

    dateline_article_t *a;
    dateline_article_new(&a);
    is_int(dateline_article_set(a, DATELINE_FIELD_TITLE, "Caf\xe9 owners"), DATELINE_OK, "set invalid UTF-8");
    is_str(dateline_article_get(a, DATELINE_FIELD_TITLE), "Caf\xc3\xa9 owners", "read as Windows-1252");
    is_str(dateline_article_get(a, DATELINE_FIELD_CHARSET), "windows-1252", "the article says so");
    is_int(dateline_article_set(a, DATELINE_FIELD_DATE, "2017-02-30"), DATELINE_BAD_ARGUMENT, "impossible date refused");
    is_int(dateline_article_set(a, DATELINE_FIELD_DATE, "2017-10-18"), DATELINE_OK, "real date taken");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "syria");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "syria");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "iraq");
    is_int(dateline_article_count(a, DATELINE_FIELD_PLACES), 2, "a list holds each value once");
    ok(dateline_article_get_nth(a, DATELINE_FIELD_PLACES, 2) == NULL, "past the end is NULL");
    dateline_article_destroy(a);
    dateline_article_destroy(NULL);
    /* double-encoded UTF-8 put back */
    const char *dbl[][3] = {
        {"Montr\xc3\x83\xc2\xa9" "al", "Montr\xc3\xa9" "al", "1"},              /* Ã© */
        {"the city\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", "the city\xe2\x80\x99s", "1"}, /* â€™ */
        {"\xc3\xa2\xe2\x82\xac\xc5\x93q\xc3\xa2\xe2\x82\xac\xc2\x9d", "\xe2\x80\x9cq\xe2\x80\x9d", "2"},
        {"caf\xc3\xa9 d\xc3\xa9j\xc3\xa0", "caf\xc3\xa9 d\xc3\xa9j\xc3\xa0", "0"}, /* good UTF-8 stays */
        {"\xc3\x83 alone", "\xc3\x83 alone", "0"},                           /* Ã then a space */
        {"\xc3\xa2\xe2\x82\xac", "\xc3\xa2\xe2\x82\xac", "0"},             /* â€ cut short */
        {"S\xc3\x83\xc2\xa3o Paulo \xc3\xb0\xc5\xb8\xe2\x80\x9c\xc2\xb0", "S\xc3\xa3o Paulo \xf0\x9f\x93\xb0", "2"},
        {"", "", "0"},
    };
    for (size_t i = 0; i < sizeof dbl / sizeof dbl[0]; i++) {
        size_t len2, fixed;
        char *out = dl_utf8_undouble(dbl[i][0], strlen(dbl[i][0]), &len2, &fixed);
        is_str(out, dbl[i][1], "undouble %zu: text", i);
        is_int(fixed, atoi(dbl[i][2]), "undouble %zu: repairs counted", i);
        ok(out && len2 == strlen(out) && dl_utf8_valid(out, len2),
           "undouble %zu: valid UTF-8 of its length", i);
        free(out);
    }

    /* the one UTF-8 encoder, and the one decoder of character references */
    {
        static const unsigned long cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x201C, 0xFFFF,
                                            0x10000, 0x1F4F0, 0x10FFFF};
        static const size_t lens[] = {1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
        for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
            char enc[4];
            size_t len = dl_utf8_put(cps[i], enc);
            ok(len == lens[i] && dl_utf8_valid(enc, len) &&
                   dl_utf8_seqlen((unsigned char *)enc, len) == len,
               "U+%04lX is %zu bytes of valid UTF-8", cps[i], lens[i]);
        }
        char e[4];
        ok(dl_utf8_put(0xE9, e) == 2 && memcmp(e, "\xc3\xa9", 2) == 0, "U+00E9 is C3 A9");
        static const struct { const char *in; size_t len; unsigned long cp; } refs[] = {
            {"&amp;x", 5, '&'}, {"&lt;", 4, '<'}, {"&gt;", 4, '>'}, {"&quot;", 6, '"'},
            {"&apos;", 6, '\''}, {"&nbsp;", 6, 0xA0}, {"&#39;", 5, '\''}, {"&#233;", 6, 0xE9},
            {"&#xE9;", 6, 0xE9}, {"&#X201c;", 8, 0x201C}, {"&#0;", 4, 0},
            {"&#1234567;", 10, 1234567}, {"&eacute;", 0, 0}, {"&amp", 0, 0}, {"&#;", 0, 0},
            {"&#x;", 0, 0}, {"&#12a;", 0, 0}, {"& amp;", 0, 0}, {"&#12345678901;", 0, 0},
            {"&AMP;", 0, 0}, {"x&amp;", 0, 0}};
        for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
            unsigned long cp = 0;
            size_t len = dl_entity(refs[i].in, strlen(refs[i].in), &cp);
            ok(len == refs[i].len && (!len || cp == refs[i].cp),
               "character reference '%s': %zu, U+%04lX", refs[i].in, len, cp);
        }
    }

    done_testing();
}
