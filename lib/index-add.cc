/* index-add.cc: dateline_index_add(): an article in, as named steps: its id, its places and
 * groups, what the index already holds of it (unchanged, a copy, a new version, an edited
 * file), its story chain, then its document written in the open batch. */
#include <config.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;


namespace {

/* Remembers that a text defined an acronym ("Syrian Democratic Forces (SDF)"). */
void learn_alias(dateline_index *idx, const dl_definition_t &d)
{
    std::string acr = folded(d.acronym), group = folded(d.name);
    if (acr.empty() || group.empty() || !idx->db->get_metadata(DL_ALIAS_KEY + acr).empty())
        return;
    idx->wdb->set_metadata(DL_ALIAS_KEY + acr, d.name);
    if (idx->shard && idx->seq_given) /* for the settle to keep the earliest over shards */
        idx->wdb->set_metadata(DL_ALIAS_SEQ_KEY + acr, std::to_string(idx->seq_given));
    std::string list = idx->db->get_metadata(DL_ALIASES_KEY + group);
    idx->wdb->set_metadata(DL_ALIASES_KEY + group, list.empty() ? acr : list + " " + acr);
}

/* The id comes from the article as its source gave it, before anything is derived from it: a
 * better gazetteer must not turn the same story into a new one. */
void give_id(dateline_article_t *a)
{
    uint64_t hash;
    if (!dateline_article_get(a, DATELINE_FIELD_ID)) {
        char id[17];
        if (!dl_store_fingerprint(a, &hash))
            throw std::bad_alloc();
        dl_article_make_id(a, hash, id);
        if (dl_article_put(a, DATELINE_FIELD_ID, id, 16) != DATELINE_OK)
            throw std::bad_alloc();
    }
}

/* The index's extractor completes the article (dl_extractor_t): places and groups are found
 * once, so an article with PLACE_IDS has been through this. The acronyms a text defines are
 * learned in the index's metadata. */
dateline_status_t extract(dateline_index *idx, dateline_article_t *a)
{
    if (idx->extractor && !dateline_article_count(a, DATELINE_FIELD_PLACE_IDS)) {
        dl_definition_t defs[16];
        size_t ndefs = 0;
        dateline_status_t st = idx->extractor->extract(a, defs, 16, &ndefs);
        if (st != DATELINE_OK)
            return set_message(idx, st, dateline_status_to_string(st));
        begin_write(idx);
        for (size_t i = 0; i < ndefs; i++)
            learn_alias(idx, defs[i]);
    }
    return DATELINE_OK;
}

/* The chains' signature the article carries: extraction computed it (dl_article_sign()). An
 * article given without one (by a library user with no extractor, or one that changed its
 * text after) gets it computed here the same way, so that its chain is found all the same. */
dl_signature_t carried_signature(const dateline_article_t *a, const char *title,
                                 const char *body)
{
    const dl_signature_t *s = dl_article_signature(a);
    if (s)
        return *s;
    dl_signature_t own;
    if (dl_signature_of(title, body, &own) != DATELINE_OK)
        throw std::bad_alloc();
    return own;
}

/* Whether the article is already listed with this content under its origin: the common case of
 * a re-run, told without reading the record. */
bool listed_here(dateline_index *idx, const dateline_article_t *a, Xapian::docid did)
{
    std::string ot = origin_term(origin_of(a));
    Xapian::PostingIterator o = idx->db->postlist_begin(ot);
    if (o != idx->db->postlist_end(ot))
        o.skip_to(did);
    return o != idx->db->postlist_end(ot) && *o == did;
}

/* The same article from another file or record: document did gains an origin. */
void gain_origin(dateline_index *idx, Xapian::Document &old, Xapian::docid did,
                 dateline_article_t *stored, const std::string &origin)
{
    if (dl_article_put(stored, DATELINE_FIELD_ORIGINS, origin.data(), origin.size()) !=
        DATELINE_OK)
        throw std::bad_alloc();
    set_record(old, stored);
    old.add_boolean_term(file_term(origin_file(origin)));
    old.add_boolean_term(origin_term(origin));
    old.add_boolean_term(DL_TERM_COPIES);
    begin_write(idx);
    idx->wdb->replace_document(did, old);
}

/* Changed: the new text replaces the old, and the other origins stay (a takes them). Those
 * that are where a was read from, as typed into an index written before origins were
 * canonical ("e/berlin.txt" for its absolute path), are not others. */
void keep_origins(dateline_article_t *a, const dateline_article_t *stored,
                  const std::function<bool(const std::string &)> &here_typed)
{
    std::string here = origin_of(a);
    for (size_t i = 0; stored && i < dateline_article_count(stored, DATELINE_FIELD_ORIGINS);
         i++) {
        std::string o = origin_now(dateline_article_get_nth(stored, DATELINE_FIELD_ORIGINS, i));
        if (here != o && !here_typed(o) &&
            dl_article_put(a, DATELINE_FIELD_ORIGINS, o.data(), o.size()) != DATELINE_OK)
            throw std::bad_alloc();
    }
    if (stored && origin_of(stored) != here && !here_typed(origin_of(stored))) {
        std::string o = origin_of(stored);
        if (dl_article_put(a, DATELINE_FIELD_ORIGINS, o.data(), o.size()) != DATELINE_OK)
            throw std::bad_alloc();
    }
}

/* The article is in the index under its id already (document did). Returns true when that is
 * all there is to do: the same content from an origin it has (UNCHANGED), or from a new one,
 * which it gains (DUPLICATE). Else the content changed, and a takes the stored one's other
 * origins. */
bool settle_existing(dateline_index *idx, dateline_article_t *a, Xapian::docid did,
                     const char *hex, dateline_outcome_t *out)
{
    Xapian::Document old = idx->db->get_document(did);
    if (old.get_value(DL_SLOT_HASH) == hex && listed_here(idx, a, did)) {
        if (out)
            *out = DATELINE_UNCHANGED;
        return true;
    }
    dateline_article_t *stored = nullptr;
    struct freer {
        dateline_article_t *&a;
        ~freer() { dateline_article_destroy(a); }
    } free_stored{stored};
    std::string data = old.get_data();
    if (dl_store_decode(data.data(), data.size(), &stored) == DATELINE_NO_MEMORY)
        throw std::bad_alloc();
    std::string origin = origin_of(a);
    /* an index written before origins were canonical knows it as it was typed */
    std::vector<std::string> spellings = origins_as_typed(idx, origin);
    spellings.push_back(origin);
    auto typed = [&](const std::string &o) {
        return std::find(spellings.begin(), spellings.end(), o) != spellings.end();
    };
    bool known = stored && typed(origin_of(stored));
    for (size_t i = 0; stored && !known &&
                       i < dateline_article_count(stored, DATELINE_FIELD_ORIGINS); i++)
        known = typed(origin_now(dateline_article_get_nth(stored, DATELINE_FIELD_ORIGINS, i)));
    if (old.get_value(DL_SLOT_HASH) == hex && (known || !stored)) {
        if (out)
            *out = DATELINE_UNCHANGED;
        return true;
    }
    if (old.get_value(DL_SLOT_HASH) == hex) {
        gain_origin(idx, old, did, stored, origin);
        if (out)
            *out = DATELINE_DUPLICATE;
        if (++idx->pending >= idx->batch)
            commit_txn(idx);
        return true;
    }
    keep_origins(a, stored, typed);
    return false;
}

/* The same file and record read before with other content (an edited file, a changed row
 * without an id): what was read from there is replaced (DATELINE_UPDATED). Standard input and
 * pipes (/dev/fd/63 for <(zcat ...)) are no place: each run's are new. */
dateline_outcome_t replace_edited(dateline_index *idx, const dateline_article_t *a)
{
    dateline_outcome_t fresh = DATELINE_ADDED;
    const char *from = dateline_article_get(a, DATELINE_FIELD_FILE);
    bool place = from && std::strcmp(from, "-") != 0 &&
                 std::strncmp(from, "/dev/", 5) != 0 && std::strncmp(from, "/proc/", 6) != 0;
    if (!place)
        return fresh;
    std::string origin = origin_of(a);
    std::vector<Xapian::docid> before;
    /* an index written before file and key were kept apart has the old term, one written
     * before origins were canonical the path as it was typed */
    std::vector<std::string> spellings = origins_as_typed(idx, origin);
    spellings.push_back(origin);
    for (const std::string &sp : spellings)
        for (const std::string &ot : {origin_term(sp), origin_term_before(sp)})
            for (Xapian::PostingIterator o = idx->db->postlist_begin(ot);
                 o != idx->db->postlist_end(ot); ++o)
                before.push_back(*o);
    std::sort(before.begin(), before.end());
    before.erase(std::unique(before.begin(), before.end()), before.end());
    for (Xapian::docid d : before) {
        begin_write(idx);
        if (drop_origins(idx, d, [&](const std::string &x) {
                return std::find(spellings.begin(), spellings.end(), x) != spellings.end();
            }) == DROPPED_ALL)
            fresh = DATELINE_UPDATED;
    }
    return fresh;
}

dateline_status_t add(dateline_index *idx, dateline_article_t *a, dateline_outcome_t *out,
                      const char *title, const char *body)
{
    return guard(idx, [&]() {
        give_id(a);
        dateline_status_t st = extract(idx, a);
        if (st != DATELINE_OK)
            return st;
        /* the fingerprint covers what was derived too: better extraction means "updated" */
        uint64_t hash;
        if (!dl_store_fingerprint(a, &hash))
            throw std::bad_alloc();
        char hex[17];
        dl_hex64(hash, hex);
        std::string idterm = id_term(dateline_article_get(a, DATELINE_FIELD_ID));
        Xapian::PostingIterator p = idx->db->postlist_begin(idterm);
        bool exists = p != idx->db->postlist_end(idterm);
        Xapian::docid did = exists ? *p : 0;
        if (exists && settle_existing(idx, a, did, hex, out))
            return DATELINE_OK;
        dateline_outcome_t fresh = exists ? DATELINE_ADDED : replace_edited(idx, a);
        begin_write(idx);
        unsigned long long seq = exists ? seq_of(*idx->db, did) : take_seq(idx);
        Signature sig = signature(carried_signature(a, title, body));
        std::string chain = chain_of(*idx->db, a, sig, did, seq);
        if (dl_article_put(a, DATELINE_FIELD_STORY, chain.data(), chain.size()) != DATELINE_OK)
            throw std::bad_alloc();

        Xapian::Document doc;
        build_document(idx, a, title, body, idterm, hex, sig, chain, doc);
        doc.add_value(DL_SLOT_SEQ, seq_value(seq));
        /* for the settle, which finds the new by their numbers: an update, or a signature too
         * short to tell from its values */
        if (idx->shard && (exists || (sig.shingles && short_signature(sig))))
            doc.add_boolean_term(std::string(DL_PREFIX_PENDING) + (exists ? "u" : "n") +
                                 (short_signature(sig) ? "s" : "l"));
        if (exists)
            idx->wdb->replace_document(did, doc);
        else
            idx->wdb->add_document(doc);
        if (out)
            *out = exists ? DATELINE_UPDATED : fresh;
        if (++idx->pending >= idx->batch)
            commit_txn(idx);
        return DATELINE_OK;
    });
}

} // namespace

extern "C" dateline_status_t dateline_index_add(dateline_index_t *idx, dateline_article_t *a,
                                                dateline_outcome_t *out)
{
    if (!idx || !a)
        return DATELINE_BAD_ARGUMENT;
    if (!idx->wdb)
        return set_message(idx, DATELINE_READ_ONLY, "index is open read-only");
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    if (!title && !body && !dateline_article_get(a, DATELINE_FIELD_IDENTITY))
        return set_message(idx, DATELINE_BAD_INPUT,
                           "article has no title, no body and no key of its source");
    if (idx->failed != DATELINE_OK)
        return set_message(idx, idx->failed, idx->failure);
    dateline_status_t st = add(idx, a, out, title, body);
    idx->seq_given = 0;
    if (st != DATELINE_OK)
        abandon(idx, st);
    return st;
}

extern "C" dateline_status_t dateline_article_ensure_id(dateline_article_t *a)
{
    if (!a)
        return DATELINE_BAD_ARGUMENT;
    try {
        give_id(a);
    } catch (...) {
        return DATELINE_NO_MEMORY;
    }
    return DATELINE_OK;
}
