/* origins.cc: where an article was read from (its file and key, and those of its copies): the
 * terms that find them again, an edited file's old articles replaced, --delete-origin. */
#include <config.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;

namespace {

/* Between an origin's file and key: a control character, which the readers clean out of
 * keys; a file name holding one (nothing else can) would be split at it. */
const char ORIGIN_SEP = DL_ORIGIN_SEP;

/* Whether an origin file lies at or under path. */
bool under(const std::string &file, const std::string &path)
{
    if (file == path)
        return true;
    if (file.size() <= path.size() || file.compare(0, path.size(), path) != 0)
        return false;
    return path.back() == '/' || file[path.size()] == '/';
}

} // namespace

namespace dl {

/* The XF term of an origin file: its path as given, cut and hashed like an id when long. */
std::string file_term(const std::string &file)
{
    return DL_PREFIX_FILE + id_term(file.c_str()).substr(DL_PREFIX_LEN(DL_PREFIX_ID));
}

/* An origin as ORIGINS records it: "FILE", 0x1F and "KEY" (empty without a key). */
std::string origin_of(const dateline_article_t *a)
{
    const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
    const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
    return std::string(file ? file : "-") + ORIGIN_SEP + (key ? key : "");
}

/* Where an ORIGINS entry's file ends and its key begins (after this position). Records
 * written before file and key were kept apart hold "FILE:KEY", which the last ':' splits
 * right unless the key holds a ':': the one kind of key that does is a URL (an HTML page's
 * canonical address), so the entry splits at the first ':' followed by a URL scheme and
 * "://", and else at the last ':'. */
size_t origin_split(const std::string &o)
{
    size_t sep = o.find(ORIGIN_SEP);
    if (sep != std::string::npos)
        return sep;
    for (size_t c = o.find(':'); c != std::string::npos; c = o.find(':', c + 1)) {
        size_t s = c + 1;
        while (s < o.size() && (std::isalnum(static_cast<unsigned char>(o[s])) || o[s] == '+' ||
                                o[s] == '-' || o[s] == '.'))
            s++;
        if (s > c + 1 && std::isalpha(static_cast<unsigned char>(o[c + 1])) &&
            o.compare(s, 3, "://") == 0)
            return c;
    }
    size_t last = o.rfind(':');
    return last == std::string::npos ? o.size() : last;
}

/* The file of an ORIGINS entry. */
std::string origin_file(const std::string &o)
{
    return o.substr(0, origin_split(o));
}

/* The key of an ORIGINS entry ("" when it has none). */
std::string origin_key(const std::string &o)
{
    size_t at = origin_split(o);
    return at < o.size() ? o.substr(at + 1) : std::string();
}

/* An ORIGINS entry as this version writes it, whichever version wrote it. */
std::string origin_now(const std::string &o)
{
    return origin_file(o) + ORIGIN_SEP + origin_key(o);
}

/* The XW term of one origin: finds the article last read from there. */
std::string origin_term(const std::string &o)
{
    std::string n = origin_now(o);
    char hex[17];
    dl_hex64(dl_hash64(n.data(), n.size(), DL_SEED_ORIGIN), hex);
    return std::string(DL_PREFIX_ORIGIN) + hex;
}

/* The XW term an index written before file and key were kept apart has for an origin: the
 * hash of "FILE:KEY". */
std::string origin_term_before(const std::string &o)
{
    std::string n = origin_file(o) + ":" + origin_key(o);
    char hex[17];
    dl_hex64(dl_hash64(n.data(), n.size(), DL_SEED_ORIGIN), hex);
    return std::string(DL_PREFIX_ORIGIN) + hex;
}

/* The XF, XW and XO terms of an article's origins: its file and key, and ORIGINS. */
void add_origin_terms(Xapian::Document &doc, const dateline_article_t *a)
{
    const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
    if (file)
        doc.add_boolean_term(file_term(file));
    doc.add_boolean_term(origin_term(origin_of(a)));
    for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_ORIGINS); i++) {
        std::string o = dateline_article_get_nth(a, DATELINE_FIELD_ORIGINS, i);
        doc.add_boolean_term(file_term(origin_file(o)));
        doc.add_boolean_term(origin_term(o));
    }
    if (dateline_article_count(a, DATELINE_FIELD_ORIGINS))
        doc.add_boolean_term(DL_TERM_COPIES);
}

/* Takes the origins `gone` says are gone from document did (it is shown each as origin_of()
 * makes them): when none is left the document is deleted (DROPPED_ALL), else the first left
 * becomes its file and key (DROPPED_SOME); when none is gone nothing is written
 * (DROPPED_NONE). Rewrites the origins of a record from before file and key were kept apart
 * as they are now written. Inside a transaction. */
dropped drop_origins(dateline_index *idx, Xapian::docid did,
                     const std::function<bool(const std::string &)> &gone)
{
    Xapian::Document doc = idx->db->get_document(did);
    std::string data = doc.get_data();
    dateline_article_t *a = nullptr;
    if (dl_store_decode(data.data(), data.size(), &a) == DATELINE_NO_MEMORY)
        throw std::bad_alloc();
    struct freer {
        dateline_article_t *&p;
        ~freer() { dateline_article_destroy(p); }
    } free_a{a};
    std::vector<std::string> left; /* the origins that stay, first one first */
    std::string first = a ? origin_of(a) : std::string();
    if (a && !gone(first))
        left.push_back(first);
    for (size_t i = 0; a && i < dateline_article_count(a, DATELINE_FIELD_ORIGINS); i++) {
        std::string o = origin_now(dateline_article_get_nth(a, DATELINE_FIELD_ORIGINS, i));
        if (!gone(o))
            left.push_back(o);
    }
    if (left.empty()) {
        idx->wdb->delete_document(did);
        return DROPPED_ALL;
    }
    if (left.size() == 1 + dateline_article_count(a, DATELINE_FIELD_ORIGINS))
        return DROPPED_NONE;
    /* the first origin left becomes the article's file and key */
    const std::string &o = left[0];
    std::string f = origin_file(o), k = origin_key(o);
    if (dl_article_put(a, DATELINE_FIELD_FILE, f.data(), f.size()) != DATELINE_OK ||
        dl_article_put(a, DATELINE_FIELD_KEY, k.empty() ? nullptr : k.data(), k.size()) !=
            DATELINE_OK)
        throw std::bad_alloc();
    dl_article_clear_field(a, DATELINE_FIELD_ORIGINS);
    for (size_t i = 1; i < left.size(); i++)
        if (dl_article_put(a, DATELINE_FIELD_ORIGINS, left[i].data(), left[i].size()) !=
            DATELINE_OK)
            throw std::bad_alloc();
    set_record(doc, a);
    std::vector<std::string> drop;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (has_prefix(*t, DL_PREFIX_FILE) || has_prefix(*t, DL_PREFIX_ORIGIN))
            drop.push_back(*t);
    for (const std::string &t : drop)
        doc.remove_term(t);
    for (const std::string &l : left) {
        doc.add_boolean_term(file_term(origin_file(l)));
        doc.add_boolean_term(origin_term(l));
    }
    if (left.size() < 2) {
        try {
            doc.remove_term(DL_TERM_COPIES);
        } catch (const Xapian::InvalidArgumentError &) {
        }
    }
    idx->wdb->replace_document(did, doc);
    return DROPPED_SOME;
}

} // namespace dl

extern "C" dateline_status_t dateline_index_delete_origin(dateline_index_t *idx, const char *path,
                                                          size_t *deleted, size_t *kept)
{
    if (deleted)
        *deleted = 0;
    if (kept)
        *kept = 0;
    if (!idx || !path || !*path)
        return DATELINE_BAD_ARGUMENT;
    dateline_status_t st = writable(idx);
    if (st != DATELINE_OK)
        return st;
    st = guard(idx, [&]() {
        std::string want(path);
        std::string exact = file_term(want);
        /* every XF term that names the path or a file under it; a long path's term is cut and
         * hashed, so it is matched by its exact term */
        std::vector<Xapian::docid> docs;
        const size_t n = DL_PREFIX_LEN(DL_PREFIX_FILE);
        std::string prefix = DL_PREFIX_FILE + want.substr(0, std::min(want.size(), ID_MAX - 17));
        for (Xapian::TermIterator t = idx->db->allterms_begin(prefix);
             t != idx->db->allterms_end(prefix); ++t) {
            std::string term = *t;
            /* an index written before file and key were kept apart may have "FILE:KEY-START"
             * (an HTML page's "b/page.html:https"): its file is that up to the ':' */
            if (term != exact && !under(term.substr(n), want) &&
                !under(term.substr(n, term.find(':', n) - n), want))
                continue;
            for (Xapian::PostingIterator p = idx->db->postlist_begin(term);
                 p != idx->db->postlist_end(term); ++p)
                docs.push_back(*p);
        }
        std::sort(docs.begin(), docs.end());
        docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
        for (Xapian::docid did : docs) {
            begin_write(idx);
            dropped d = drop_origins(idx, did,
                                     [&](const std::string &o) { return under(origin_file(o), want); });
            if (d == DROPPED_ALL && deleted)
                (*deleted)++;
            else if (d == DROPPED_SOME && kept)
                (*kept)++;
            if (++idx->pending >= idx->batch)
                commit_txn(idx);
        }
        files_forget_under(idx, want); /* read again, they are new */
        return DATELINE_OK;
    });
    if (st != DATELINE_OK)
        abandon(idx, st);
    return st;
}
