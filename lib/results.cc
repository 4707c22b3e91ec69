/* results.cc: a page of results: its items (rank, score, the article read on first use), the
 * count of articles and of stories, and how many versions a result's story has. */
#include <config.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;

extern "C" void dateline_results_destroy(dateline_results_t *r)
{
    if (!r)
        return;
    for (auto &res : r->items)
        dateline_article_destroy(res.article);
    forget(r->query->results, r);
    delete r;
}

extern "C" size_t dateline_results_total(const dateline_results_t *r) { return r ? r->total : 0; }

extern "C" int dateline_results_total_exact(const dateline_results_t *r)
{
    return r ? r->exact : 1;
}

extern "C" dateline_status_t dateline_results_stories(const dateline_results_t *cr, size_t *out)
{
    if (!cr || !out)
        return DATELINE_BAD_ARGUMENT;
    dateline_results *r = const_cast<dateline_results *>(cr);
    *out = 0;
    if (r->stories != SIZE_MAX) {
        *out = r->stories;
        return DATELINE_OK;
    }
    /* the distinct chains among all the matches, counted by a spy on the chain slot in a
     * weightless pass (documents without a chain count one each); past the total's bound,
     * among as many matches as the total says, which is a lower bound */
    dateline_status_t st = guard(r->query->index, [&]() {
        Xapian::Enquire ce(*r->query->index->db);
        ce.set_query(r->query->q);
        ce.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy chains(DL_SLOT_CHAIN);
        ce.add_matchspy(&chains);
        Xapian::doccount all = r->query->index->db->get_doccount();
        ce.get_mset(0, 0, r->exact ? all : static_cast<Xapian::doccount>(r->total));
        size_t seen = chains.get_total(), chained = 0, distinct = 0;
        for (Xapian::TermIterator v = chains.values_begin(); v != chains.values_end(); ++v) {
            distinct++;
            chained += v.get_termfreq();
        }
        r->stories = distinct + (seen - std::min(chained, seen));
        return DATELINE_OK;
    });
    if (st == DATELINE_OK)
        *out = r->stories;
    return st;
}

/* A result's document, read once: its article and its chain both come from it. */
static const Xapian::Document &result_doc(dateline_result *res)
{
    if (!res->have_doc) {
        res->doc = res->parent->query->index->db->get_document(res->did);
        res->have_doc = true;
    }
    return res->doc;
}

/* How many articles each chain of the page has, in one weightless query for the whole page
 * (over remote shards a round trip per page, not per result): a spy on the chain slot over
 * the articles of the page's chains. */
static void read_versions(dateline_results *r)
{
    std::vector<std::string> terms;
    for (dateline_result &it : r->items) {
        std::string chain = result_doc(&it).get_value(DL_SLOT_CHAIN);
        if (!chain.empty())
            terms.push_back(DL_PREFIX_STORY + chain);
    }
    r->versions.clear();
    if (!terms.empty()) {
        const Xapian::Database &db = *r->query->index->db;
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        e.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy chains(DL_SLOT_CHAIN);
        e.add_matchspy(&chains);
        e.get_mset(0, 0, db.get_doccount());
        for (Xapian::TermIterator v = chains.values_begin(); v != chains.values_end(); ++v)
            r->versions[*v] = v.get_termfreq();
    }
    r->versions_read = true;
}

extern "C" dateline_status_t dateline_result_versions(const dateline_result_t *cres, size_t *out)
{
    if (!cres || !out)
        return DATELINE_BAD_ARGUMENT;
    dateline_result *res = const_cast<dateline_result *>(cres);
    size_t n = 1;
    dateline_status_t st = guard(res->parent->query->index, [&]() {
        if (!res->parent->versions_read)
            read_versions(res->parent);
        auto it = res->parent->versions.find(result_doc(res).get_value(DL_SLOT_CHAIN));
        if (it != res->parent->versions.end())
            n = std::max<size_t>(1, it->second);
        return DATELINE_OK;
    });
    *out = st == DATELINE_OK ? n : 0;
    return st;
}

extern "C" size_t dateline_results_size(const dateline_results_t *r)
{
    return r ? r->items.size() : 0;
}

extern "C" dateline_result_t *dateline_results_get(dateline_results_t *r, size_t i)
{
    return r && i < r->items.size() ? &r->items[i] : nullptr;
}

extern "C" size_t dateline_result_rank(const dateline_result_t *res) { return res ? res->rank : 0; }

extern "C" double dateline_result_score(const dateline_result_t *res)
{
    return res ? res->score : 0.0;
}

extern "C" dateline_status_t dateline_result_article(dateline_result_t *res,
                                                     const dateline_article_t **out)
{
    if (!res || !out)
        return DATELINE_BAD_ARGUMENT;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        if (!res->article) {
            dateline_status_t st = decode_doc(idx, result_doc(res), &res->article);
            if (st != DATELINE_OK)
                return st;
        }
        *out = res->article;
        return DATELINE_OK;
    });
}
