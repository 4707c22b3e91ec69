/* record.c: what every format's next() shares to fill its article: notes, line counts, text
 * decoded (its charset recorded, double-encoded UTF-8 repaired), the date and the dateline lead. */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

void dl_reader_say(dateline_reader_t *r, const char *fmt, ...)
{
    dl_buf_t b;
    va_list ap;
    char tmp[512];
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    dl_buf_init(&b);
    if (r->message) { /* a second note joins the first */
        dl_buf_adds(&b, r->message);
        dl_buf_adds(&b, "; ");
    }
    dl_buf_adds(&b, tmp);
    free(r->message);
    r->message = dl_buf_take(&b);
}

size_t dl_count_lines(const char *p, size_t n)
{
    size_t lines = 0;
    const char *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    return lines;
}

char *dl_reader_decode(dateline_reader_t *r, const char *p, size_t n, size_t *outlen,
                       dateline_status_t *status)
{
    const char *charset = "utf-8";
    char *text;
    /* the bytes the article had, when more than are read: 0 when it is read whole */
    size_t cut_from = r->file_size > n ? r->file_size : 0;
    if (n > DL_MAX_ARTICLE) {
        /* cut at the last line end before the limit (or a character boundary near it) */
        size_t cut = DL_MAX_ARTICLE;
        while (cut > DL_MAX_ARTICLE - 65536 && p[cut - 1] != '\n')
            cut--;
        if (p[cut - 1] != '\n')
            cut = dl_utf8_fit(p, n, DL_MAX_ARTICLE + 1);
        if (!cut_from)
            cut_from = n;
        n = cut;
    }
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 && !r->force_encoding) {
        p += 3; /* a UTF-8 byte-order mark */
        n -= 3;
    }
    if (!r->force_encoding && dl_utf8_valid(p, n)) {
        if (r->declared)
            charset = r->declared; /* read as UTF-16 when the reader opened */
        size_t fixed = 0;
        text = dl_utf8_undouble(p, n, outlen, &fixed);
        if (!text)
            *status = DATELINE_NO_MEMORY;
        else if (fixed) {
            dl_reader_say(r, "UTF-8 that had been read as Windows-1252 and encoded again "
                             "(\"\xC3\x83\xC2\xA9\" for \"\xC3\xA9\"): %zu characters put right", fixed);
            if (dl_article_put(r->article, DATELINE_FIELD_REPAIRED, "double-encoded", 14) !=
                DATELINE_OK) {
                free(text);
                text = NULL;
                *status = DATELINE_NO_MEMORY;
            }
        }
    } else {
        text = dl_to_utf8(p, n, r->encoding, outlen, status);
        charset = r->encoding;
        if (text && !r->force_encoding)
            dl_reader_say(r, "invalid UTF-8, read as %s (use --encoding to choose)", r->encoding);
    }
    if (text && cut_from) /* joins a note said before (invalid UTF-8) by itself */
        dl_reader_say(r, "article of %.1f MB: only its first %zu MB were read",
                      (double)cut_from / 1048576.0, DL_MAX_ARTICLE >> 20);
    if (text) {
        char *key = dl_key_normalize(charset, 40);
        dateline_status_t st = key ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, key,
                                                    strlen(key))
                                   : DATELINE_NO_MEMORY;
        free(key);
        if (st != DATELINE_OK) {
            free(text);
            *status = st;
            return NULL;
        }
    }
    return text;
}

char *dl_reader_decode_declared(dateline_reader_t *r, const char *p, size_t n,
                                const char *declared, size_t *outlen, dateline_status_t *status)
{
    if (!declared || r->force_encoding)
        return dl_reader_decode(r, p, n, outlen, status);
    char *key = dl_key_normalize(declared, 40);
    if (!key) {
        *status = DATELINE_NO_MEMORY;
        return NULL;
    }
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)p[i] < 0x80;
    int utf8_declared = strcmp(key, "utf-8") == 0 || strcmp(key, "utf8") == 0;
    int valid = dl_utf8_valid(p, n);
    char *text = NULL;
    if (ascii || utf8_declared || valid) {
        /* ASCII is ASCII whatever was declared; UTF-8 is checked by dl_reader_decode, and
         * valid UTF-8 with non-ASCII bytes under another declaration is UTF-8 all the same
         * (no Latin-1 text is valid UTF-8 by chance) */
        text = dl_reader_decode(r, p, n, outlen, status);
        if (text && !ascii && (utf8_declared ? !valid : 1)) {
            dl_reader_say(r, "declared %s, but the bytes are %s: read as %s", declared,
                          valid ? "UTF-8" : "not UTF-8", valid ? "UTF-8" : r->encoding);
            if (!dateline_article_get(r->article, DATELINE_FIELD_REPAIRED) &&
                dl_article_put(r->article, DATELINE_FIELD_REPAIRED, "declared", 8) != DATELINE_OK) {
                free(text);
                text = NULL;
                *status = DATELINE_NO_MEMORY;
            }
        }
        free(key);
        return text;
    }
    /* Latin-1 as declared is Windows-1252 in practice (0x80-0x9F are its quotes and dashes) */
    const char *cs = strcmp(key, "iso-8859-1") == 0 || strcmp(key, "latin1") == 0 ||
                             strcmp(key, "us-ascii") == 0 || strcmp(key, "ascii") == 0
                         ? "windows-1252"
                         : declared;
    dateline_status_t st = DATELINE_OK;
    text = dl_to_utf8(p, n, cs, outlen, &st);
    if (!text && st == DATELINE_CHARSET) {
        dl_reader_say(r, "declared charset '%s' is unknown to iconv: read as %s", declared,
                      r->encoding);
        free(key);
        return dl_reader_decode(r, p, n, outlen, status);
    }
    if (!text) {
        free(key);
        *status = st;
        return NULL;
    }
    char *k2 = dl_key_normalize(cs, 40);
    st = k2 ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, k2, strlen(k2))
            : DATELINE_NO_MEMORY;
    free(k2);
    free(key);
    if (st != DATELINE_OK) {
        free(text);
        *status = st;
        return NULL;
    }
    return text;
}

dateline_status_t dl_reader_date(dateline_reader_t *r, const dl_date_t *source_date,
                                 const dl_lead_t *lead)
{
    dl_date_t d;
    char iso[20];
    if (source_date) {
        d = *source_date;
    } else if (lead && lead->month && r->has_date) {
        memset(&d, 0, sizeof d);
        d.year = dl_date_year_near(lead->month, lead->day, &r->date);
        d.month = lead->month;
        d.day = lead->day;
        if (!dl_date_valid(d.year, d.month, d.day))
            d = r->date;
    } else if (r->has_date) {
        d = r->date;
    } else {
        return DATELINE_OK; /* undated: never 1970 */
    }
    dl_date_format(&d, iso);
    return dl_article_put(r->article, DATELINE_FIELD_DATE, iso, strlen(iso));
}

dateline_status_t dl_reader_lead(dateline_article_t *a, const dl_lead_t *lead)
{
    dateline_status_t st = dateline_article_set(a, DATELINE_FIELD_DATELINE, lead->text);
    for (int i = 0; i < lead->nplaces && st == DATELINE_OK; i++)
        st = dateline_article_set(a, DATELINE_FIELD_DATELINES, lead->places[i]);
    if (st == DATELINE_OK && lead->source[0])
        st = dateline_article_set(a, DATELINE_FIELD_SOURCE, lead->source);
    return st;
}
