/* normalize.c: turning any bytes into the clean UTF-8 that is both stored and indexed. */
#include <config.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"

size_t dl_utf8_put(unsigned long cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t dl_entity(const char *p, size_t n, unsigned long *cp)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } names[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
                 {"nbsp", 0xA0}};
    if (n < 4 || p[0] != '&')
        return 0;
    if (p[1] == '#') {
        int hex = p[2] == 'x' || p[2] == 'X';
        size_t i = hex ? 3 : 2, start = i;
        unsigned long v = 0;
        for (; i < n && i < 11; i++) { /* the ";" within 12 bytes */
            int c = (unsigned char)p[i], digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                digit = (c | 0x20) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + (unsigned long)digit;
        }
        if (i == start || i >= n || p[i] != ';')
            return 0;
        *cp = v;
        return i + 1;
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t len = strlen(names[k].name);
        if (n >= len + 2 && memcmp(p + 1, names[k].name, len) == 0 && p[len + 1] == ';') {
            *cp = names[k].cp;
            return len + 2;
        }
    }
    return 0;
}

size_t dl_utf8_seqlen(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
    if (c == 0xF0 && p[1] < 0x90)
        return 0; /* overlong */
    if (c == 0xF4 && p[1] >= 0x90)
        return 0; /* past U+10FFFF */
    return 4;
}

size_t dl_utf8_fit(const char *s, size_t n, size_t cap)
{
    if (cap == 0)
        return 0;
    if (n < cap)
        return n;
    n = cap - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues the sequence that would be cut: cut before its start */
    return n;
}

int dl_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = dl_utf8_seqlen(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

char *dl_to_utf8(const char *p, size_t n, const char *from, size_t *outlen,
                 dateline_status_t *status)
{
    iconv_t cd = iconv_open("UTF-8", from);
    dl_buf_t b;
    if (cd == (iconv_t)-1) {
        *status = DATELINE_CHARSET;
        return NULL;
    }
    dl_buf_init(&b);
    char *in = (char *)p;
    size_t inleft = n;
    while (inleft > 0 || in == p) {
        if (!dl_buf_reserve(&b, inleft * 4 + 16))
            break;
        char *out = b.p + b.len;
        size_t outleft = b.cap - b.len - 1;
        size_t r = iconv(cd, &in, &inleft, &out, &outleft);
        b.len = (size_t)(out - b.p);
        if (r != (size_t)-1) {
            if (!inleft)
                break;
            continue;
        }
        if (errno == E2BIG)
            continue;
        /* EILSEQ or EINVAL: a byte the charset does not define, or a cut sequence */
        dl_buf_add(&b, "\xEF\xBF\xBD", 3);
        in++;
        inleft--;
        if (!inleft)
            break;
    }
    iconv_close(cd);
    if (b.p)
        b.p[b.len] = '\0'; /* iconv wrote into the buffer behind dl_buf's back */
    if (b.failed) {
        dl_buf_free(&b);
        *status = DATELINE_NO_MEMORY;
        return NULL;
    }
    if (!dl_utf8_valid(b.p ? b.p : "", b.len)) {
        /* iconv's UTF-8 reaches past U+10FFFF (glibc passes F5..F7 sequences through when
         * reading "UTF-8"): what is not RFC 3629 UTF-8 becomes U+FFFD here */
        dl_buf_t v;
        dl_buf_init(&v);
        for (size_t i = 0; i < b.len;) {
            size_t k = dl_utf8_seqlen((const unsigned char *)b.p + i, b.len - i);
            if (k) {
                dl_buf_add(&v, b.p + i, k);
                i += k;
            } else {
                dl_buf_add(&v, "\xEF\xBF\xBD", 3);
                i++;
            }
        }
        dl_buf_free(&b);
        if (v.failed) {
            dl_buf_free(&v);
            *status = DATELINE_NO_MEMORY;
            return NULL;
        }
        b = v;
    }
    if (outlen)
        *outlen = b.len;
    char *r = dl_buf_take(&b);
    if (!r)
        *status = DATELINE_NO_MEMORY;
    return r;
}

/* Width in bytes of a character that counts as white space, or 0. Tab, space, U+00A0. */
static size_t space_at(const unsigned char *p, size_t n)
{
    if (p[0] == ' ' || p[0] == '\t' || p[0] == '\f' || p[0] == '\v')
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    return 0;
}

/* Width in bytes of a control character to drop, or 0. */
static size_t control_at(const unsigned char *p, size_t n)
{
    if (p[0] < 0x20 && p[0] != '\n' && p[0] != '\r' && p[0] != '\t')
        return 1;
    if (p[0] == 0x7F)
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    return 0;
}

char *dl_text_clean(const char *s, size_t n, int one_line)
{
    const unsigned char *p = (const unsigned char *)s;
    dl_buf_t b;
    size_t i = 0;
    int pending_space = 0; /* a space is owed before the next visible character */
    int newlines = 0;      /* line ends owed before the next visible character */
    dl_buf_init(&b);
    if (!dl_buf_reserve(&b, n))
        return NULL;
    while (i < n) {
        size_t k;
        if (p[i] == '\r' || p[i] == '\n') {
            if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
            i++;
            if (one_line)
                pending_space = 1;
            else if (b.len) {
                newlines++;
                pending_space = 0;
            }
            continue;
        }
        if ((k = space_at(p + i, n - i)) != 0) {
            pending_space = 1;
            i += k;
            continue;
        }
        if ((k = control_at(p + i, n - i)) != 0) {
            i += k;
            continue;
        }
        if (newlines) {
            dl_buf_add(&b, "\n\n", newlines > 1 ? 2 : 1);
            newlines = 0;
            pending_space = 0;
        } else if (pending_space && b.len) {
            dl_buf_addc(&b, ' ');
        }
        pending_space = 0;
        dl_buf_addc(&b, (char)p[i]);
        i++;
    }
    return dl_buf_take(&b);
}

char *dl_key_normalize(const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    dl_buf_t b;
    int dash = 0;
    dl_buf_init(&b);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = c < 0x80 ? 1 : dl_utf8_seqlen(p + i, n - i);
        if (!k) { /* not UTF-8: skip the byte */
            i++;
            continue;
        }
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\n' || c == '\r') {
            dash = 1;
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            i++;
            continue;
        }
        if (b.len + k + (dash ? 1 : 0) > max)
            break;
        if (dash && b.len)
            dl_buf_addc(&b, '-');
        dash = 0;
        if (c >= 'A' && c <= 'Z') {
            dl_buf_addc(&b, (char)(c + 32));
        } else if (c == 0xC3 && k == 2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E && p[i + 1] != 0x97) {
            /* U+00C0..U+00DE, not U+00D7: Latin-1 capitals are 0x20 below their small letters */
            dl_buf_addc(&b, (char)0xC3);
            dl_buf_addc(&b, (char)(p[i + 1] + 0x20));
        } else {
            dl_buf_add(&b, p + i, k);
        }
        i += k;
    }
    return dl_buf_take(&b);
}

/* The Windows-1252 byte a character came from when UTF-8 was misread as Windows-1252 (or as
 * Latin-1, whose C1 controls stand for themselves), or -1. */
static int cp1252_byte(unsigned c)
{
    static const unsigned short high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    if (c >= 0xA0 && c <= 0xFF)
        return (int)c;
    if (c >= 0x80 && c <= 0x9F)
        return (int)c;
    for (int i = 0; i < 32; i++)
        if (high[i] == c)
            return 0x80 + i;
    return -1;
}

/* One character of valid UTF-8 at p: its code point and length. */
static unsigned next_char(const unsigned char *p, size_t n, size_t *len)
{
    size_t k = dl_utf8_seqlen(p, n);
    unsigned c = p[0];
    if (k == 2)
        c = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    else if (k == 3)
        c = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    else if (k == 4)
        c = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    *len = k ? k : 1;
    return c;
}

char *dl_utf8_undouble(const char *s, size_t n, size_t *outlen, size_t *fixed)
{
    const unsigned char *p = (const unsigned char *)s;
    dl_buf_t b;
    *fixed = 0;
    dl_buf_init(&b);
    dl_buf_reserve(&b, n);
    size_t i = 0;
    while (i < n) {
        /* a misread lead byte C2-F4 is U+00C2-U+00F4, which UTF-8 writes C3 xx: copy up to
         * the next C3 (in valid UTF-8 always a character's first byte) */
        const unsigned char *c3 = memchr(p + i, 0xC3, n - i);
        size_t run = c3 ? (size_t)(c3 - (p + i)) : n - i;
        if (run) {
            dl_buf_add(&b, p + i, run);
            i += run;
            continue;
        }
        size_t len;
        unsigned c = next_char(p + i, n - i, &len);
        int lead = cp1252_byte(c);
        size_t want = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                      : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        unsigned char bytes[4];
        size_t j = i + len, got = 0;
        if (want) {
            bytes[got++] = (unsigned char)lead;
            while (got < want && j < n) {
                size_t l2;
                int byte = cp1252_byte(next_char(p + j, n - j, &l2));
                if (byte < 0x80 || byte > 0xBF)
                    break;
                bytes[got++] = (unsigned char)byte;
                j += l2;
            }
        }
        if (want && got == want && dl_utf8_seqlen(bytes, want) == want) {
            dl_buf_add(&b, bytes, want);
            (*fixed)++;
            i = j;
        } else {
            dl_buf_add(&b, p + i, len);
            i += len;
        }
    }
    if (b.failed) {
        dl_buf_free(&b);
        return NULL;
    }
    *outlen = b.len;
    if (!b.p)
        return dl_strdup("");
    return dl_buf_take(&b);
}
