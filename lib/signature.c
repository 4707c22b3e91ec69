/* signature.c: the MinHash signature of an article's text, by which the index finds the other
 * versions of its story (lib/chains.cc). Extraction computes it and the article carries it
 * (dl_article_sign()); the index computes it the same way for an article given without one. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"

/* A body this long (in shingles) decides alone; a shorter one goes with its headline (a
 * dividend notice differs from another one only in the company its headline names). */
#define BODY_SHINGLES 30

void dl_minhash(const char *s, uint32_t sig[DL_MINHASHES], size_t *shingles)
{
    /* words: runs of letters and digits (bytes of UTF-8 sequences count as letters), ASCII
     * folded to lower case. Each shingle of three words is hashed once; hash function k is
     * that hash times an odd multiplier, plus a constant, top 32 bits (a family of
     * permutations good enough to estimate resemblance). */
    uint64_t mul[DL_MINHASHES], add[DL_MINHASHES];
    uint64_t x = 1; /* fixed constants, the same in every process: splitmix64 from 1 */
    for (int k = 0; k < DL_MINHASHES; k++) {
        uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        mul[k] = (z ^ (z >> 31)) | 1;
        add[k] = z * 0x2545F4914F6CDD1DULL;
    }
    for (int k = 0; k < DL_MINHASHES; k++)
        sig[k] = UINT32_MAX;
    uint64_t w[3] = {0, 0, 0};
    size_t nwords = 0;
    *shingles = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && !(isalnum(*p) || *p >= 0x80))
            p++;
        if (!*p)
            break;
        uint64_t h = 1469598103934665603ULL;
        while (*p && (isalnum(*p) || *p >= 0x80)) {
            h = (h ^ (uint64_t)tolower(*p)) * 1099511628211ULL;
            p++;
        }
        w[0] = w[1];
        w[1] = w[2];
        w[2] = h;
        if (++nwords < 3)
            continue;
        uint64_t sh = dl_hash64(w, sizeof w, DL_SEED_SHINGLE);
        for (int k = 0; k < DL_MINHASHES; k++) {
            uint32_t v = (uint32_t)((sh * mul[k] + add[k]) >> 32);
            if (v < sig[k])
                sig[k] = v;
        }
        (*shingles)++;
    }
}

dateline_status_t dl_signature_of(const char *title, const char *body, dl_signature_t *out)
{
    out->shingles = 0;
    if (body)
        dl_minhash(body, out->sig, &out->shingles);
    if (out->shingles >= BODY_SHINGLES)
        return DATELINE_OK;
    size_t tn = title ? strlen(title) : 0, bn = body ? strlen(body) : 0;
    char *both = malloc(tn + bn + 2);
    if (!both)
        return DATELINE_NO_MEMORY;
    memcpy(both, title ? title : "", tn);
    both[tn] = '\n';
    memcpy(both + tn + 1, body ? body : "", bn);
    both[tn + 1 + bn] = '\0';
    dl_minhash(both, out->sig, &out->shingles);
    free(both);
    return DATELINE_OK;
}

dateline_status_t dl_article_sign(dateline_article_t *a)
{
    dl_signature_t s;
    dateline_status_t st = dl_signature_of(dateline_article_get(a, DATELINE_FIELD_TITLE),
                                           dateline_article_get(a, DATELINE_FIELD_BODY), &s);
    if (st == DATELINE_OK)
        dl_article_set_signature(a, &s);
    return st;
}
