/* util.c: buffers, string copies and the hash that ids are made from. */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"

void dl_buf_init(dl_buf_t *b) { memset(b, 0, sizeof *b); }

void dl_buf_free(dl_buf_t *b)
{
    free(b->p);
    dl_buf_init(b);
}

int dl_buf_reserve(dl_buf_t *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    if (b->len + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + extra + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return 0;
        }
        b->p = p;
        b->cap = cap;
    }
    return 1;
}

void dl_buf_add(dl_buf_t *b, const void *p, size_t n)
{
    if (!dl_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void dl_buf_adds(dl_buf_t *b, const char *s) { dl_buf_add(b, s, strlen(s)); }

void dl_buf_addc(dl_buf_t *b, char c) { dl_buf_add(b, &c, 1); }

static void buf_vprintf(dl_buf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !dl_buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void dl_buf_printf(dl_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *dl_buf_take(dl_buf_t *b)
{
    char *p;
    if (b->failed) {
        dl_buf_free(b);
        return NULL;
    }
    if (!b->p && !dl_buf_reserve(b, 0))
        return NULL;
    if (!b->len)
        b->p[0] = '\0';
    p = b->p;
    dl_buf_init(b);
    return p;
}

char *dl_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dl_strdup(const char *s) { return s ? dl_strndup(s, strlen(s)) : NULL; }

char *dl_format(const char *fmt, ...)
{
    dl_buf_t b;
    va_list ap;
    dl_buf_init(&b);
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return dl_buf_take(&b);
}

uint64_t dl_fnv_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t dl_hash_finish(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/* FNV-1a over the bytes, then a splitmix64 finish so that near inputs spread over all bits. */
uint64_t dl_hash64(const void *p, size_t n, uint64_t seed)
{
    return dl_hash_finish(dl_fnv_add(0xcbf29ce484222325ULL ^ seed, p, n));
}

void dl_hex64(uint64_t h, char out[17])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = digits[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}
