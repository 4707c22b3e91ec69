/* index-doc.cc: an article as the index holds it: the document of its record, terms and values,
 * and the record read back.
 *
 * Here is the index schema, version 2. Change it only with a new version number: the version
 * is stored in the index and checked on open, so an old program never misreads a new index.
 *
 * Documents: one per article.
 *
 * Terms
 *   Q<id>          the article's id (16 hex digits), unique; how an article is found again.
 *                  An id a program set that is longer than 200 bytes: its first bytes, "#"
 *                  and 16 hex digits of its hash (Xapian terms end at 245 bytes)
 *   Z<stem>        words of the body, stemmed (English), with positions
 *   ZS<stem>       words of the title, stemmed, with positions. Plain query words search
 *                  both (QueryParser's default field maps to "" and "S"); title: only S.
 *                  Every word is stored stemmed only (STEM_ALL_Z rather than STEM_SOME's
 *                  raw and stemmed pair): half the postings, ~30% faster ingest, and a
 *                  phrase still matches word for word, on stems. The Z is what Xapian's
 *                  snippet code looks for to highlight stemmed words.
 *   XP<id>         place, from PLACE_IDS: a gazetteer id ("sy", "sy.07", "g170794") for the
 *                  place and every place it lies within (Raqqa -> Ar-Raqqah -> Syria -> Middle
 *                  East, Asia), or "=" and the key of a label the gazetteer does not know.
 *                  Not boolean: its wdf is the place's salience (summed up the hierarchy), so
 *                  place: ranks stories about a place above stories that mention it.
 *                                                           place:NAME (any spelling)
 *   XG<key>        group      (GROUPS): the group's name folded as the gazetteer folds
 *                  ("syriandemocraticforces"); built-in groups under their display name
 *                                                           group:NAME or ACRONYM
 *   XA<key>        an acronym the text uses (ACRONYMS), folded ("sdf"): group: finds a
 *                  story by an alias learned after the story went in
 *   XT<key>        topic      (TOPICS)                      topic:KEY
 *   XD<key>        dateline place (DATELINES)               dateline:KEY
 *   XS<key>        source (SOURCE)                          source:KEY
 *   XU<key>        author (AUTHOR), and XU<word> for each word of the key
 *                                                           author:KEY or author:WORD
 *   XC<key>        charset the text was read as (CHARSET)   charset:KEY
 *   XR<key>        how the text was repaired (REPAIRED), and XRyes or XRno for any
 *                                                           repaired:KEY, repaired:yes|no
 *   XK<key>        the story chain (STORY): the id of its first article   story:ID
 *   XF<path>       each file the article was read from (FILE and ORIGINS), cut and hashed
 *                  like an id when long: --delete-origin finds them by prefix
 *   XW<hex>        each origin, its file, 0x1F and its key hashed (16 hex digits): an
 *                  edited file finds what it gave before
 *   XO             the article was read from more than one origin (--stats)
 *   XM<b><hex>     band b (0-7) of the MinHash signature: four values hashed to 8 hex
 *                  digits; articles sharing a band are compared for a story chain
 *   Keys are made by dl_key_normalize() on both sides (lower case, spaces as '-', at most
 *   200 bytes), so a filter written any way meets the term.
 *
 * Values
 *   0  date sort key "YYYYMMDDHHMMSS" (time 000000 when unknown) where the article's date
 *      span starts (its day, or the first day of its month or year when that is all that is
 *      known); absent when undated. --sort newest|oldest sorts by it.
 *   6  where the date span ends: "YYYYMMDD235959" of its day, month or year (the time itself
 *      when known). date:A..B matches an article whose whole span lies within A..B.
 *   1  content fingerprint: 16 hex digits of dl_hash64 over the stored fields but id and
 *      origin. Equal fingerprint under the same id: the article is unchanged and not rewritten.
 *   2  facet values of places: the names of the places found and of the countries and
 *      first-level regions they lie in, joined by 0x1F
 *   3  facet values of groups (GROUPS), 4 of topics (TOPICS), 5 of datelines (DATELINES),
 *      each joined by 0x1F. Facets and timelines read these in a MatchSpy over all matches.
 *   9  the source (SOURCE), for the source facet
 *   7  the MinHash signature: 32 values of 4 bytes, big-endian (absent for texts of fewer
 *      than three words)
 *   8  the story chain (as XK): searches collapse on it to list each story once
 *   Slot 9 and the XU terms came with the query language's rewrite: an older index of schema
 *   2 has no author: filter or source facet until its articles are added again.
 *   Slots 7 and 8 and the terms XR, XK, XF, XW, XO and XM came after the first indexes of
 *   schema 2: in an index written before them, articles are their own stories and
 *   --delete-origin, --stats' origins and repaired: see only what was added since. Every
 *   reader of schema 2 reads both.
 *   Origins (the record's ORIGINS and the XW terms) were first "FILE:KEY", split at the last
 *   ':', which cut a URL key ("b/page.html:https" was the file): they are now the file, 0x1F
 *   and the key. Records and terms written before stay readable: an ORIGINS entry without
 *   0x1F is split by origin_split(), an edited file also looks up its XW term of before, and
 *   --delete-origin also takes an XF term whose path goes on after a ':'; an article whose
 *   origins change is written the new way.
 *
 * Document data: the article record of store.c (every field, zlib-compressed).
 *   Why there and not in a store beside the index: a document's data is written in the same
 *   Xapian transaction as its terms, so after a crash the text and the index can never
 *   disagree, one lookup by docid returns everything a result needs, and the index stays one
 *   folder to copy, compact (xapian-compact) or serve remotely (xapian-tcpsrv).
 *
 * Metadata
 *   dateline.schema   "2"; an index without it (and not empty) or with another value is refused
 *   dateline.alias.<acronym key>   the display name of the group a text defined the acronym
 *                  for ("Syrian Democratic Forces (SDF)"): the first definition wins
 *   dateline.aliases.<group key>   the acronym keys learned for that group, space-separated
 */
#include <config.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <vector>

#include "gazetteer.h"
#include "index-int.h"

using namespace dl;

namespace {

/* XP terms for each place of PLACE_IDS and the places it lies within; wdf is salience. */
static void add_place_terms(Xapian::Document &doc, const dateline_article_t *a)
{
    std::map<std::string, Xapian::termcount> wdf;
    std::vector<std::string> facet; /* places found, their countries and regions */
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS);
    for (size_t i = 0; i < n; i++) {
        const char *e = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        const char *sp = std::strrchr(e, ' ');
        std::string id(e, sp ? static_cast<size_t>(sp - e) : std::strlen(e));
        long sal = sp ? std::strtol(sp + 1, nullptr, 10) : 1;
        Xapian::termcount w = static_cast<Xapian::termcount>(sal > 0 ? sal : 1);
        if (id.empty())
            continue;
        if (id[0] == '=') {
            wdf[id.substr(0, KEY_MAX)] += w;
            facet.push_back(id.substr(1));
            continue;
        }
        /* the place and everything it lies within, each once */
        std::vector<int> todo{dl_gaz_find_id(id.c_str())}, seen;
        while (!todo.empty()) {
            int k = todo.back();
            todo.pop_back();
            if (k < 0 || std::find(seen.begin(), seen.end(), k) != seen.end())
                continue;
            const dl_place_t *pl = dl_gaz_place(k);
            if (seen.empty() || pl->kind == DL_COUNTRY || pl->kind == DL_HISTORICAL ||
                pl->kind == DL_ADMIN1)
                if (std::find(facet.begin(), facet.end(), pl->name) == facet.end())
                    facet.push_back(pl->name);
            seen.push_back(k);
            wdf[pl->id] += w;
            for (int j = 0; j < pl->nparents; j++)
                todo.push_back(pl->parents[j]);
        }
    }
    for (const auto &t : wdf)
        doc.add_term("XP" + t.first, t.second);
    std::string v;
    for (const std::string &f : facet)
        v += (v.empty() ? "" : std::string(1, FACET_SEP)) + f;
    if (!v.empty())
        doc.add_value(SLOT_PLACES, v);
}

/* The values of a list field joined for a facet slot. */
static std::string facet_value(const dateline_article_t *a, dateline_field_t f)
{
    std::string v;
    for (size_t i = 0; i < dateline_article_count(a, f); i++)
        v += (i ? std::string(1, FACET_SEP) : std::string()) + dateline_article_get_nth(a, f, i);
    return v;
}

/* The boolean terms of groups, acronyms, repairs and every filter of dl_filters. */
void add_filter_terms(Xapian::Document &doc, const dateline_article_t *a)
{
    for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_GROUPS); i++)
        doc.add_boolean_term("XG" + folded(dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i)));
    for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_ACRONYMS); i++)
        doc.add_boolean_term("XA" + folded(dateline_article_get_nth(a, DATELINE_FIELD_ACRONYMS, i)));
    doc.add_boolean_term(dateline_article_get(a, DATELINE_FIELD_REPAIRED) ? "XRyes" : "XRno");
    for (size_t f = 0; f < dl_nfilters; f++) {
        if (dl_filters[f].field == DATELINE_FIELD_PLACE_IDS ||
            dl_filters[f].field == DATELINE_FIELD_GROUPS)
            continue;
        size_t n = dateline_article_count(a, dl_filters[f].field);
        for (size_t i = 0; i < n; i++) {
            std::string k = key_of(dateline_article_get_nth(a, dl_filters[f].field, i));
            if (!k.empty())
                doc.add_boolean_term(dl_filters[f].prefix + k);
            if (dl_filters[f].flags & DL_FILTER_WORDS) /* author:smith finds "John Smith" */
                for (const std::string &w : key_words(k))
                    doc.add_boolean_term(dl_filters[f].prefix + w);
        }
    }
}

} // namespace

namespace dl {

std::string folded(const std::string &s)
{
    char key[200];
    size_t n = dl_gaz_fold(s.data(), s.size(), key, sizeof key);
    return std::string(key, n);
}

/* The Q term of an id. Ids we make are 16 hex digits; an id a program sets may be longer than
 * a Xapian term can be (245 bytes), so a long one is cut and its hash appended. */
std::string id_term(const char *id)
{
    size_t n = std::strlen(id);
    if (n <= ID_MAX)
        return std::string("Q") + id;
    size_t cut = ID_MAX - 17;
    while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    char hex[17];
    dl_hex64(dl_hash64(id, n, 0), hex);
    return "Q" + std::string(id, cut) + "#" + hex;
}

std::string key_of(const char *v)
{
    char *k = dl_key_normalize(v, KEY_MAX);
    if (!k)
        throw std::bad_alloc();
    try {
        std::string s(k);
        std::free(k);
        return s;
    } catch (...) { /* the copy failed */
        std::free(k);
        throw;
    }
}

/* Stores an article's record as a document's data; the encoded record is freed whatever
 * throws (the copy into a std::string, or Xapian). */
void set_record(Xapian::Document &doc, const dateline_article_t *a)
{
    size_t len;
    uint64_t hash;
    char *rec = dl_store_encode(a, &len, &hash);
    if (!rec)
        throw std::bad_alloc();
    try {
        doc.set_data(std::string(rec, len));
    } catch (...) {
        std::free(rec);
        throw;
    }
    std::free(rec);
}

/* The document of article a: its record, its terms and its values, as the schema above says. */
void build_document(dateline_index *idx, const dateline_article_t *a, const char *title,
                    const char *body, const std::string &idterm, const char *hex,
                    const Signature &sig, const std::string &chain, Xapian::Document &doc)
{
    set_record(doc, a); /* the record carries the id; freed even when Xapian throws */
    doc.add_boolean_term(idterm);
    doc.add_value(SLOT_HASH, hex);
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    dl_date_t d;
    if (date && dl_date_parse_iso(date, &d)) {
        char key[15];
        dl_date_sortkey(&d, key);
        doc.add_value(SLOT_DATE, key);
        dl_date_endkey(&d, key);
        doc.add_value(SLOT_DATE_END, key);
    }
    if (sig.shingles) {
        doc.add_value(SLOT_MINHASH, sig.bin);
        for (const std::string &b : sig.bands)
            doc.add_boolean_term(b);
    }
    doc.add_value(SLOT_CHAIN, chain);
    idx->tg.set_document(doc);
    if (title) {
        idx->tg.index_text(title, 1, "S");
        idx->tg.increase_termpos(); /* no phrase runs from the headline into the body */
    }
    if (body)
        idx->tg.index_text(body);
    add_place_terms(doc, a);
    static const std::pair<Xapian::valueno, dateline_field_t> facets[] = {
        {SLOT_GROUPS, DATELINE_FIELD_GROUPS}, {SLOT_TOPICS, DATELINE_FIELD_TOPICS},
        {SLOT_DATELINES, DATELINE_FIELD_DATELINES}, {SLOT_SOURCE, DATELINE_FIELD_SOURCE}};
    for (const auto &fs : facets) {
        std::string v = facet_value(a, fs.second);
        if (!v.empty())
            doc.add_value(fs.first, v);
    }
    add_origin_terms(doc, a);
    add_filter_terms(doc, a);
}

dateline_status_t decode_doc(dateline_index *idx, const Xapian::Document &doc,
                                    dateline_article_t **out)
{
    std::string data = doc.get_data();
    dateline_status_t st = dl_store_decode(data.data(), data.size(), out);
    if (st == DATELINE_CORRUPT)
        return set_message(idx, st,
                           "stored article " + std::to_string(doc.get_docid()) + " in index " +
                               idx->path + " is damaged: rebuild the index from the sources");
    if (st != DATELINE_OK)
        return set_message(idx, st, dateline_status_to_string(st));
    return st;
}

} // namespace dl

extern "C" dateline_status_t dateline_index_get(dateline_index_t *idx, const char *id,
                                                dateline_article_t **out)
{
    if (!idx || !id || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    return guard(idx, [&]() {
        std::string term = id_term(id);
        Xapian::PostingIterator p = idx->db->postlist_begin(term);
        if (p == idx->db->postlist_end(term))
            return set_message(idx, DATELINE_NOT_FOUND,
                               std::string("no article with id ") + id + " in " + idx->path);
        return decode_doc(idx, idx->db->get_document(*p), out);
    });
}
