/* mime.c: MIME's transfer encodings, quoted-printable and base64 (RFC 2045), and the encoded
 * words of headers (RFC 2047): for reader-mail.c. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Quoted-printable (RFC 2045), or RFC 2047's Q encoding when `q` ('_' is a space). */
void dl_mime_unqp(dl_buf_t *b, const char *p, size_t n, int q)
{
    const char *end = p + n;
    while (p < end) {
        if (*p == '=' && end - p >= 3 && hexval((unsigned char)p[1]) >= 0 &&
            hexval((unsigned char)p[2]) >= 0) {
            dl_buf_addc(b, (char)(hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2])));
            p += 3;
        } else if (*p == '=' && !q) {
            /* a soft line break: "=" at a line's end, spaces allowed before it */
            const char *s = p + 1;
            while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
                s++;
            if (s < end && *s == '\n')
                p = s + 1;
            else if (s >= end)
                p = end;
            else
                dl_buf_addc(b, *p++);
        } else if (*p == '_' && q) {
            dl_buf_addc(b, ' ');
            p++;
        } else {
            dl_buf_addc(b, *p++);
        }
    }
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Base64; characters outside the alphabet (line ends, '=') are skipped. */
void dl_mime_unbase64(dl_buf_t *b, const char *p, size_t n)
{
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64val((unsigned char)p[i]);
        if (p[i] == '=')
            break;
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            dl_buf_addc(b, (char)((acc >> bits) & 0xFF));
        }
    }
}

/* An RFC 2047 encoded word at p, "=?charset?B|Q?text?=" (a charset with an RFC 2231 language
 * "*en" too), decoded to UTF-8 onto out: read as `fallback` when the charset is unknown. */
const char *dl_mime_word(const char *p, const char *end, const char *fallback, dl_buf_t *out)
{
    if (!(end - p > 8 && p[0] == '=' && p[1] == '?'))
        return NULL;
    const char *cs = p + 2;
    const char *e1 = memchr(cs, '?', (size_t)(end - cs));
    if (!(e1 && e1 + 3 < end && e1[2] == '?' && e1 - cs < 40))
        return NULL;
    char enc = (char)toupper((unsigned char)e1[1]);
    const char *txt = e1 + 3;
    const char *e2 = txt;
    while (e2 + 1 < end && !(e2[0] == '?' && e2[1] == '='))
        e2++;
    if (!((enc == 'B' || enc == 'Q') && e2 + 1 < end))
        return NULL;
    char charset[48];
    size_t cn = (size_t)(e1 - cs);
    memcpy(charset, cs, cn);
    charset[cn] = '\0';
    char *star = strchr(charset, '*'); /* RFC 2231 language */
    if (star)
        *star = '\0';
    dl_buf_t raw;
    dl_buf_init(&raw);
    if (enc == 'B')
        dl_mime_unbase64(&raw, txt, (size_t)(e2 - txt));
    else
        dl_mime_unqp(&raw, txt, (size_t)(e2 - txt), 1);
    dateline_status_t st = DATELINE_OK;
    size_t n;
    char *u = raw.len ? dl_to_utf8(raw.p, raw.len, charset, &n, &st) : NULL;
    if (!u && raw.len && st == DATELINE_CHARSET)
        u = dl_to_utf8(raw.p, raw.len, fallback, &n, &st);
    if (u)
        dl_buf_add(out, u, n);
    free(u);
    dl_buf_free(&raw);
    return e2 + 2;
}
