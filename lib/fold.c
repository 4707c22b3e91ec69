/* fold.c: folding a name into its gazetteer key (lower case, no accents, letters and digits
 * only), the same in the library and in tools/gaz-pack, which builds the keys. */
#include <config.h>
#include <string.h>

#include "dl.h"
#include "gazetteer-tables.h"

/* Past the table: punctuation and signs fold to nothing, other characters (CJK) to themselves. */
static int sign(unsigned cp)
{
    return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20) || cp == 0xFEFF ||
           (cp >= 0xE000 && cp <= 0xF8FF);
}

size_t dl_fold_using(const dl_fold_row_t *to_of, const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (o + 1 < cap)
                    out[o++] = (char)c;
            } else if (c >= 'A' && c <= 'Z') {
                if (o + 1 < cap)
                    out[o++] = (char)(c + 32);
            }
            i++;
            continue;
        }
        size_t k = dl_utf8_seqlen(p + i, n - i);
        if (!k) {
            i++;
            continue;
        }
        unsigned cp = k == 2 ? ((c & 0x1F) << 6) | (p[i + 1] & 0x3F) : 0;
        if (k == 3)
            cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        const char *to = NULL;
        size_t tn = 0;
        if (cp >= DL_FOLD_FIRST && cp <= DL_FOLD_LAST) {
            to = to_of[cp - DL_FOLD_FIRST];
            tn = strlen(to);
        } else if (k == 4 || !sign(cp)) {
            to = s + i;
            tn = k;
        }
        if (tn && o + tn < cap) { /* a sign is dropped: nothing to copy (to is NULL) */
            memcpy(out + o, to, tn);
            o += tn;
        }
        i += k;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return o;
}

uint32_t dl_gaz_key_hash(const char *k, size_t n)
{
    uint32_t h = (uint32_t)dl_hash64(k, n, 7);
    return h ? h : 1;
}
