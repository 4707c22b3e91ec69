/* index-doc.cc: an article as the index holds it: the document of its record, terms and values,
 * and the record read back.
 *
 * The schema these follow (prefixes, slots, keys, and the filter table that drives which terms
 * an article's fields become) is lib/schema.h. */
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
        if (id[0] == DL_PLACE_LABEL) {
            wdf[id.substr(0, DL_KEY_MAX)] += w;
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
        doc.add_term(DL_PREFIX_PLACE + t.first, t.second);
    std::string v;
    for (const std::string &f : facet)
        v += (v.empty() ? "" : std::string(1, DL_FACET_SEP)) + f;
    if (!v.empty())
        doc.add_value(DL_SLOT_PLACES, v);
}

/* The values of a list field joined for a facet slot. */
static std::string facet_value(const dateline_article_t *a, dateline_field_t f)
{
    std::string v;
    for (size_t i = 0; i < dateline_article_count(a, f); i++)
        v += (i ? std::string(1, DL_FACET_SEP) : std::string()) + dateline_article_get_nth(a, f, i);
    return v;
}

/* The boolean terms of every filter of the schema's table, of acronyms and of repairs. Places
 * (DL_FILTER_PLACES) have their own: add_place_terms(). */
void add_filter_terms(Xapian::Document &doc, const dateline_article_t *a)
{
    for (size_t f = 0; f < dl_nfilters; f++) {
        const dl_filter_t &flt = dl_filters[f];
        if (!(flt.flags & DL_FILTER_BOOLEAN))
            continue;
        size_t n = dateline_article_count(a, flt.field);
        for (size_t i = 0; i < n; i++) {
            const char *v = dateline_article_get_nth(a, flt.field, i);
            if (flt.flags & DL_FILTER_NAMED) { /* a name, folded as the gazetteer folds it */
                doc.add_boolean_term(flt.prefix + folded(v));
                continue;
            }
            std::string k = key_of(v);
            if (!k.empty())
                doc.add_boolean_term(flt.prefix + k);
            if (flt.flags & DL_FILTER_WORDS) /* author:smith finds "John Smith" */
                for (const std::string &w : key_words(k))
                    doc.add_boolean_term(flt.prefix + w);
        }
    }
    for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_ACRONYMS); i++)
        doc.add_boolean_term(DL_PREFIX_ACRONYM + folded(dateline_article_get_nth(a, DATELINE_FIELD_ACRONYMS, i)));
    doc.add_boolean_term(dateline_article_get(a, DATELINE_FIELD_REPAIRED) ? DL_TERM_REPAIRED_YES
                                                                           : DL_TERM_REPAIRED_NO);
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
        return std::string(DL_PREFIX_ID) + id;
    size_t cut = ID_MAX - 17;
    while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    char hex[17];
    dl_hex64(dl_hash64(id, n, DL_SEED_LONG_ID), hex);
    return DL_PREFIX_ID + std::string(id, cut) + "#" + hex;
}

std::string key_of(const char *v)
{
    char *k = dl_key_normalize(v, DL_KEY_MAX);
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

/* The year, month and day terms of a date span from `start` to `end` (sort keys): one for each
 * of those its whole span lies within, so that date:A..B finds it by the units that tile A..B. */
static void add_date_terms(Xapian::Document &doc, const char *start, const char *end)
{
    static const struct {
        const char *prefix;
        size_t len; /* of the key's YYYY, YYYYMM or YYYYMMDD */
    } units[] = {{DL_PREFIX_YEAR, 4}, {DL_PREFIX_MONTH, 6}, {DL_PREFIX_DAY, 8}};
    for (const auto &u : units) {
        if (std::strncmp(start, end, u.len) != 0)
            return;
        doc.add_boolean_term(u.prefix + std::string(start, u.len));
    }
}

/* The document of article a: its record, its terms and its values, as the schema above says. */
void build_document(dateline_index *idx, const dateline_article_t *a, const char *title,
                    const char *body, const std::string &idterm, const char *hex,
                    const Signature &sig, const std::string &chain, Xapian::Document &doc)
{
    set_record(doc, a); /* the record carries the id; freed even when Xapian throws */
    doc.add_boolean_term(idterm);
    doc.add_value(DL_SLOT_HASH, hex);
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    dl_date_t d;
    if (date && dl_date_parse_iso(date, &d)) {
        char key[15];
        dl_date_sortkey(&d, key);
        doc.add_value(DL_SLOT_DATE, key);
        char end[15];
        dl_date_endkey(&d, end);
        doc.add_value(DL_SLOT_DATE_END, end);
        add_date_terms(doc, key, end);
    }
    if (sig.shingles) {
        doc.add_value(DL_SLOT_MINHASH, sig.bin);
        for (const std::string &b : sig.bands)
            doc.add_boolean_term(b);
    }
    doc.add_value(DL_SLOT_CHAIN, chain);
    idx->tg.set_document(doc);
    if (title) {
        idx->tg.index_text(title, 1, DL_PREFIX_TITLE_FIELD);
        idx->tg.increase_termpos(); /* no phrase runs from the headline into the body */
    }
    if (body)
        idx->tg.index_text(body);
    add_place_terms(doc, a);
    for (size_t f = 0; f < dl_nfilters; f++) { /* the facets' slots; places' has its names */
        const dl_filter_t &flt = dl_filters[f];
        if (!(flt.flags & DL_FILTER_FACETABLE) || (flt.flags & DL_FILTER_PLACES))
            continue;
        std::string v = facet_value(a, flt.field);
        if (!v.empty())
            doc.add_value(static_cast<Xapian::valueno>(flt.slot), v);
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
