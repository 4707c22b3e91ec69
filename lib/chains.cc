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

bool short_signature(const Signature &sig)
{
    return sig.shingles < MIN_SHINGLES;
}

/* The articles that share a band with sig and came before sequence number seq: band by band,
 * each band's in sequence order, CHAIN_CANDIDATES in all. In one index (and in each shard) the
 * docid order is the sequence order, so each shard gives at most CHAIN_CANDIDATES of a band
 * and stops at the first later article: over shards the same candidates as one index. (A
 * compacted index of shards holds them shard after shard: there a later article is passed
 * over, not taken as the end.) */
static std::vector<Xapian::docid> candidates(const Xapian::Database &db, const Signature &sig,
                                             Xapian::docid self, unsigned long long seq)
{
    size_t lanes = std::max<size_t>(db.size(), 1);
    std::vector<Xapian::docid> cands;
    for (const std::string &t : sig.bands) {
        std::vector<std::pair<unsigned long long, Xapian::docid>> band;
        std::vector<size_t> taken(lanes);
        size_t full = 0; /* shards that gave enough */
        for (Xapian::PostingIterator c = db.postlist_begin(t);
             c != db.postlist_end(t) && cands.size() < CHAIN_CANDIDATES && full < lanes; ++c) {
            size_t lane = (*c - 1) % lanes;
            if (*c == self || taken[lane] >= CHAIN_CANDIDATES)
                continue; /* the article's own older version; a shard that gave enough */
            unsigned long long s = seq_of(db, *c);
            if (s >= seq && lanes > 1) {
                taken[lane] = CHAIN_CANDIDATES; /* the rest of this shard came later */
                full++;
            } else if (s < seq) {
                full += ++taken[lane] == CHAIN_CANDIDATES;
                band.emplace_back(s, *c);
            }
        }
        std::sort(band.begin(), band.end());
        for (size_t i = 0; i < band.size() && cands.size() < CHAIN_CANDIDATES; i++)
            cands.push_back(band[i].second);
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    return cands;
}

std::string chain_of(const Xapian::Database &db, const dateline_article_t *a,
                     const Signature &sig, Xapian::docid self, unsigned long long seq)
{
    std::string chain = key_of(dateline_article_get(a, DATELINE_FIELD_ID));
    if (!sig.shingles)
        return chain;
    const std::string &sigbin = sig.bin;
    size_t shingles = sig.shingles;
    std::vector<Xapian::docid> cands = candidates(db, sig, self, seq);
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
        Xapian::Document cd = db.get_document(c);
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
