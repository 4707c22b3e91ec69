/* markup-charset.c: what XML and HTML bytes are read as: the charset they declare (XML's
 * encoding="", HTML's <meta charset>) when the bytes fit it, else what they are. For
 * reader-xml.c. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>
#include "reader.h"

#define SNIFF 4096 /* where a declared charset is looked for */

/* The charset the bytes declare (XML prolog's encoding="", HTML's <meta charset> or
 * http-equiv content="...; charset=..."), lower case, into out; "" when none. */
static void declared_charset(const char *p, size_t n, char *out, size_t cap)
{
    size_t k = n < SNIFF ? n : SNIFF;
    static const char *const keys[] = {"encoding=", "charset="};
    out[0] = '\0';
    for (size_t w = 0; w < 2; w++) {
        const char *at = memmem(p, k, keys[w], strlen(keys[w]));
        if (!at)
            continue;
        at += strlen(keys[w]);
        if (at < p + k && (*at == '"' || *at == '\''))
            at++;
        size_t i = 0;
        while (at + i < p + k && i + 1 < cap &&
               (isalnum((unsigned char)at[i]) || at[i] == '-' || at[i] == '_' || at[i] == '.' ||
                at[i] == ':')) {
            out[i] = (char)tolower((unsigned char)at[i]);
            i++;
        }
        out[i] = '\0';
        if (i)
            return;
    }
}

/* What libxml2 should read the bytes as: the declared charset when the bytes fit it, else what
 * they are (valid UTF-8, or r->encoding). Sets the article's CHARSET and REPAIRED. Returns
 * the iconv name into `use` (empty: let libxml2 follow the declaration). */
dateline_status_t dl_markup_charset(dateline_reader_t *r, const char *p, size_t n, char *use,
                                    size_t cap)
{
    char decl[48];
    declared_charset(p, n, decl, sizeof decl);
    int valid = dl_utf8_valid(p, n), ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)p[i] < 0x80;
    const char *read_as;
    int repaired = 0;
    use[0] = '\0';
    if (r->force_encoding) {
        read_as = r->encoding;
    } else if (!decl[0] || strcmp(decl, "utf-8") == 0 || strcmp(decl, "utf8") == 0) {
        read_as = valid ? "utf-8" : r->encoding;
        repaired = !valid && decl[0];
        if (!valid)
            dl_reader_say(r, "%s, but the bytes are not UTF-8: read as %s",
                          decl[0] ? "declared UTF-8" : "no charset declared", r->encoding);
    } else if (valid && !ascii) {
        read_as = "utf-8"; /* no other charset's text is valid UTF-8 by chance */
        repaired = 1;
        dl_reader_say(r, "declared %s, but the bytes are UTF-8: read as UTF-8", decl);
    } else if (strcmp(decl, "iso-8859-1") == 0 || strcmp(decl, "latin1") == 0 ||
               strcmp(decl, "us-ascii") == 0 || strcmp(decl, "ascii") == 0) {
        read_as = "windows-1252"; /* what Latin-1 declarations mean in practice */
    } else {
        iconv_t cd = iconv_open("UTF-8", decl);
        if (cd == (iconv_t)-1) {
            read_as = valid ? "utf-8" : r->encoding;
            repaired = 1;
            dl_reader_say(r, "declared charset '%s' is unknown: read as %s", decl, read_as);
        } else {
            iconv_close(cd);
            read_as = decl;
        }
    }
    snprintf(use, cap, "%s", read_as);
    char *key = dl_key_normalize(read_as, 40);
    dateline_status_t st = key ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, key,
                                                strlen(key))
                               : DATELINE_NO_MEMORY;
    free(key);
    if (st == DATELINE_OK && repaired)
        st = dl_article_put(r->article, DATELINE_FIELD_REPAIRED, "declared", 8);
    return st;
}
