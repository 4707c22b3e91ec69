/* chains.cc: story chains: the versions of one story (a text re-sent, corrected, re-headlined)
 * found by their MinHash signatures and given the chain of the first of them. */
#include <config.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;

namespace {

const int SAME_STORY = 24;        /* of 32 MinHashes equal (resemblance about 0.75 or more) */
const int BANDS = 8;              /* MinHash rows in bands of 4: a band term each */
const size_t MIN_SHINGLES = 8;    /* shorter texts join a chain only when identical */
const long CHAIN_DAYS = 3;        /* versions of a story are sent within this many days: the
                                   * same text a week later is a new report (a daily notice) */
const unsigned CHAIN_CANDIDATES = 200; /* articles looked at per add for a chain to join */

} // namespace

namespace dl {

/* The story chain: the chain of the most alike article already in, when their MinHash
 * signatures agree in SAME_STORY of 32 places, else a new chain named by this article's id.
 * Candidates share a band (4 rows) of the signature: pairs that alike share one with
 * probability 0.89 (resemblance 0.7), 0.985 (0.8), 0.9995 (0.9). The signature itself is the
 * article's (lib/signature.c): the body decides (a story re-sent under a new headline is the
 * same story); a body too short for that goes with its headline. */
Signature signature(const dl_signature_t &c)
{
    Signature s;
    s.shingles = c.shingles;
    const uint32_t *sig = c.sig;
    std::string &sigbin = s.bin; /* 4 bytes per value, big-endian */
    for (int k = 0; k < DL_MINHASHES; k++)
        for (int b = 3; b >= 0; b--)
            sigbin += static_cast<char>((sig[k] >> (8 * b)) & 0xFF);
    if (s.shingles) {
        const int rows = DL_MINHASHES / BANDS;
        for (int b = 0; b < BANDS; b++) {
            char t[16];
            uint64_t h = dl_hash64(sig + b * rows, rows * sizeof sig[0], (uint64_t)b);
            std::snprintf(t, sizeof t, DL_PREFIX_BAND "%d%08x", b, static_cast<unsigned>(h & 0xFFFFFFFF));
            s.bands.emplace_back(t);
        }
    }
    return s;
}

std::string chain_of(dateline_index *idx, const dateline_article_t *a, const Signature &sig,
                     Xapian::docid self)
{
    std::string chain = key_of(dateline_article_get(a, DATELINE_FIELD_ID));
    if (!sig.shingles)
        return chain;
    const std::vector<std::string> &bands = sig.bands;
    const std::string &sigbin = sig.bin;
    size_t shingles = sig.shingles;
    /* the articles sharing a band, read straight from the band terms' postings (a
     * band term is rare: an Enquire costs more than the lists themselves) */
    std::vector<Xapian::docid> cands;
    for (const std::string &t : bands)
        for (Xapian::PostingIterator c = idx->db->postlist_begin(t);
             c != idx->db->postlist_end(t) && cands.size() < CHAIN_CANDIDATES; ++c)
            cands.push_back(*c);
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    int best = shingles < MIN_SHINGLES ? DL_MINHASHES - 1 : SAME_STORY - 1;
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    long day = 0;
    bool dated = false;
    if (date) {
        dl_date_t dd;
        char key[15];
        if (dl_date_parse_iso(date, &dd) && dd.day) {
            dl_date_sortkey(&dd, key);
            dated = day_number(key, &day);
        }
    }
    for (Xapian::docid c : cands) {
        if (c == self)
            continue; /* the article's own older version */
        Xapian::Document cd = idx->db->get_document(c);
        long cday;
        if (dated && day_number(cd.get_value(DL_SLOT_DATE), &cday) &&
            std::labs(cday - day) > CHAIN_DAYS)
            continue;
        std::string v = cd.get_value(DL_SLOT_MINHASH);
        if (v.size() != sigbin.size())
            continue;
        int same = 0;
        for (int k = 0; k < DL_MINHASHES; k++)
            same += v.compare(4 * k, 4, sigbin, 4 * k, 4) == 0;
        std::string other = cd.get_value(DL_SLOT_CHAIN);
        if (same > best || (same == best && same >= SAME_STORY && other < chain)) {
            best = same;
            chain = other;
        }
    }
    return chain;
}

} // namespace dl
