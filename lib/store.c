/* store.c: an article's stored form (fields serialized, then zlib-compressed) and its id. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "dl.h"

/* Stored record, version 1:
 *   byte 0      'd' (0x64): a Dateline record
 *   byte 1      record version (1)
 *   varint      length of the serialized fields
 *   rest        zlib stream of the serialized fields (level 1: Xapian deflates the
 *               document data again anyway, and level 6 cost 6% of ingest time for
 *               records a few percent smaller)
 * Serialized fields: for each field that has values, varint field number, varint count, then
 * per value varint length and bytes. Content fields come first and origin fields (id, file,
 * key, identity) last, so the content fingerprint is a hash of a prefix. */
#define RECORD_MAGIC 'd'
#define RECORD_VERSION 1
#define MAX_RECORD (1u << 30) /* a decoded article may not claim more than 1 GiB */

static void put_varint(dl_buf_t *b, uint64_t v)
{
    unsigned char tmp[10];
    int n = 0;
    do {
        tmp[n++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    dl_buf_add(b, tmp, (size_t)n);
}

static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end)
            return 0;
        unsigned c = *(*p)++;
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *out = v;
            return 1;
        }
    }
    return 0;
}

static int is_origin(dateline_field_t f)
{
    return f == DATELINE_FIELD_ID || f == DATELINE_FIELD_FILE || f == DATELINE_FIELD_KEY ||
           f == DATELINE_FIELD_IDENTITY || f == DATELINE_FIELD_ORIGINS ||
           f == DATELINE_FIELD_STORY;
}

static void put_field(dl_buf_t *b, const dateline_article_t *a, dateline_field_t f)
{
    size_t n = dateline_article_count(a, f);
    if (!n)
        return;
    put_varint(b, (uint64_t)f);
    put_varint(b, n);
    for (size_t i = 0; i < n; i++) {
        const char *v = dateline_article_get_nth(a, f, i);
        size_t len = strlen(v);
        put_varint(b, len);
        dl_buf_add(b, v, len);
    }
}

void dl_article_make_id(const dateline_article_t *a, uint64_t content_hash, char out[17])
{
    const char *identity = dateline_article_get(a, DATELINE_FIELD_IDENTITY);
    if (identity)
        dl_hex64(dl_hash64(identity, strlen(identity), DL_SEED_IDENTITY), out);
    else
        dl_hex64(dl_hash64(&content_hash, 0, content_hash), out);
}

/* Serializes the content fields into raw and returns their fingerprint. */
static uint64_t put_content(dl_buf_t *raw, const dateline_article_t *a)
{
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        if (!is_origin((dateline_field_t)f))
            put_field(raw, a, (dateline_field_t)f);
    return dl_hash64(raw->p ? raw->p : "", raw->len, DL_SEED_FINGERPRINT);
}

int dl_store_fingerprint(const dateline_article_t *a, uint64_t *hash)
{
    dl_buf_t raw;
    dl_buf_init(&raw);
    *hash = put_content(&raw, a);
    int ok = !raw.failed;
    dl_buf_free(&raw);
    return ok;
}

char *dl_store_encode(const dateline_article_t *a, size_t *len, uint64_t *hash)
{
    dl_buf_t raw, out;
    dl_buf_init(&raw);
    *hash = put_content(&raw, a);
    if (raw.failed) {
        dl_buf_free(&raw);
        return NULL;
    }
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        if (is_origin((dateline_field_t)f))
            put_field(&raw, a, (dateline_field_t)f);
    if (raw.failed || raw.len > MAX_RECORD) {
        dl_buf_free(&raw);
        return NULL;
    }
    dl_buf_init(&out);
    dl_buf_addc(&out, RECORD_MAGIC);
    dl_buf_addc(&out, RECORD_VERSION);
    put_varint(&out, raw.len);
    uLongf zlen = compressBound((uLong)raw.len);
    if (dl_buf_reserve(&out, zlen) &&
        compress2((Bytef *)out.p + out.len, &zlen, (const Bytef *)(raw.p ? raw.p : ""),
                  (uLong)raw.len, Z_BEST_SPEED) == Z_OK) {
        out.len += zlen;
    } else {
        out.failed = 1;
    }
    dl_buf_free(&raw);
    *len = out.len;
    return dl_buf_take(&out);
}

dateline_status_t dl_store_decode(const char *p, size_t n, dateline_article_t **out)
{
    const unsigned char *s = (const unsigned char *)p, *end = s + n;
    uint64_t rawlen;
    dateline_article_t *a = NULL;
    dateline_status_t st;
    unsigned char *raw;
    if (n < 3 || s[0] != RECORD_MAGIC || s[1] != RECORD_VERSION)
        return DATELINE_CORRUPT;
    s += 2;
    if (!get_varint(&s, end, &rawlen) || rawlen > MAX_RECORD)
        return DATELINE_CORRUPT;
    if (!(raw = malloc(rawlen ? rawlen : 1)))
        return DATELINE_NO_MEMORY;
    uLongf got = (uLongf)rawlen;
    int zr = uncompress(raw, &got, s, (uLong)(end - s));
    if (zr != Z_OK || got != rawlen) {
        free(raw);
        return zr == Z_MEM_ERROR ? DATELINE_NO_MEMORY : DATELINE_CORRUPT;
    }
    if ((st = dateline_article_new(&a)) != DATELINE_OK) {
        free(raw);
        return st;
    }
    const unsigned char *q = raw, *qend = raw + rawlen;
    while (q < qend && st == DATELINE_OK) {
        uint64_t f, count, len;
        if (!get_varint(&q, qend, &f) || f >= DATELINE_FIELD_COUNT_ ||
            !get_varint(&q, qend, &count) || count > rawlen) {
            st = DATELINE_CORRUPT;
            break;
        }
        for (uint64_t i = 0; i < count && st == DATELINE_OK; i++) {
            if (!get_varint(&q, qend, &len) || len > (uint64_t)(qend - q)) {
                st = DATELINE_CORRUPT;
                break;
            }
            st = dl_article_put(a, (dateline_field_t)f, (const char *)q, (size_t)len);
            q += len;
        }
    }
    free(raw);
    if (st != DATELINE_OK) {
        dateline_article_destroy(a);
        return st;
    }
    *out = a;
    return DATELINE_OK;
}
