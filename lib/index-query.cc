/* index-query.cc: running queries: a query made from the query language's tree (lib/query.cc
 * builds it), its sort (relevance, date, recency), its run into a page of results with facets
 * and a timeline counted on the way, and its count. */
#include <config.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;

namespace {


/* Sorts undated articles last in both directions: an empty date becomes "~", after digits. */
class DateKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document &doc) const override
    {
        std::string v = doc.get_value(DL_SLOT_DATE);
        return v.empty() ? std::string("~") : v;
    }
};

/* DATELINE_SORT_RECENT: a weight that halves every half-life back from the newest story. */
class Recency : public Xapian::ValuePostingSource {
    double weight, half_life;
    long newest = 0;

  public:
    Recency(double w, double hl) : Xapian::ValuePostingSource(DL_SLOT_DATE), weight(w), half_life(hl) {}
    void init(const Xapian::Database &database) override
    {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(weight);
        if (!day_number(database.get_value_upper_bound(DL_SLOT_DATE), &newest))
            newest = 0;
    }
    double get_weight() const override
    {
        long day;
        if (!day_number(get_value(), &day))
            return 0;
        long age = newest - day;
        return weight * std::exp2(-(age > 0 ? static_cast<double>(age) : 0.0) / half_life);
    }
    Recency *clone() const override { return new Recency(weight, half_life); }
    std::string name() const override { return "DatelineRecency"; }
};

static DateKey date_key; /* stateless, so one serves every query and thread */

static void configure(dateline_query *q, Xapian::Enquire &enq, DateKey &key)
{
    if (q->sort == DATELINE_SORT_RECENT) {
        /* the source is reference-counted and goes with the query */
        Xapian::Query bonus((new Recency(q->recency_weight, q->half_life))->release());
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, bonus));
        return;
    }
    enq.set_query(q->q);
    /* Undated articles come last either way: an empty value sorts lowest, so newest-first can
     * sort on the value itself, while oldest-first goes through DateKey's "~". */
    if (q->sort == DATELINE_SORT_NEWEST)
        enq.set_sort_by_value_then_relevance(DL_SLOT_DATE, true);
    else if (q->sort == DATELINE_SORT_OLDEST)
        enq.set_sort_by_key_then_relevance(&key, false);
}

} // namespace

namespace dl {

/* A new query of the index's, from what build_query() made: the index owns it until
 * dateline_query_destroy(). Throws std::bad_alloc, leaking nothing. */
dateline_query *hand_out(dateline_index *idx, const BuiltQuery &built)
{
    dateline_query *q = new dateline_query;
    q->index = idx;
    try {
        q->q = built.query;
        q->wildcards = built.wildcards;
        q->proximity = built.proximity;
        q->description = q->q.get_description();
        idx->queries.push_back(q);
    } catch (...) {
        delete q;
        throw;
    }
    return q;
}

} // namespace dl

extern "C" dateline_status_t dateline_query_new(dateline_index_t *idx, const char *text,
                                                dateline_query_t **out)
{
    if (!idx || !text || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    dl_qnode_t *tree = nullptr;
    char *msg = nullptr;
    dateline_status_t st = dl_query_parse(text, &tree, &msg);
    if (st != DATELINE_OK) {
        set_message(idx, st, msg ? msg : dateline_status_to_string(st));
        std::free(msg);
        return st;
    }
    st = guard(idx, [&]() {
        BuiltQuery built;
        build_query(tree, *idx->db, idx->stem, built);
        if (!built.error.empty())
            return set_message(idx, DATELINE_QUERY_SYNTAX, built.error);
        *out = hand_out(idx, built);
        return DATELINE_OK;
    });
    dl_qnode_free(tree);
    return st;
}

extern "C" void dateline_query_destroy(dateline_query_t *q)
{
    if (!q)
        return;
    while (!q->results.empty())
        dateline_results_destroy(q->results.back());
    forget(q->index->queries, q);
    delete q;
}

extern "C" dateline_status_t dateline_query_set_sort(dateline_query_t *q, dateline_sort_t sort)
{
    if (!q || sort < DATELINE_SORT_RELEVANCE || sort > DATELINE_SORT_RECENT)
        return DATELINE_BAD_ARGUMENT;
    q->sort = sort;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_query_set_half_life(dateline_query_t *q, double days,
                                                          double weight)
{
    if (!q || !(days > 0) || !(weight > 0))
        return DATELINE_BAD_ARGUMENT;
    q->half_life = days;
    q->recency_weight = weight;
    return DATELINE_OK;
}

extern "C" const char *dateline_query_describe(dateline_query_t *q)
{
    return q ? q->description.c_str() : "";
}

extern "C" dateline_status_t dateline_query_count(dateline_query_t *q, size_t *out)
{
    if (!q || !out)
        return DATELINE_BAD_ARGUMENT;
    return guard(q->index, [&]() {
        Xapian::Enquire enq(*q->index->db);
        enq.set_query(q->q);
        enq.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::doccount all = q->index->db->get_doccount();
        Xapian::MSet m = enq.get_mset(0, 0, all);
        *out = m.get_matches_estimated();
        return DATELINE_OK;
    });
}

/* How many matches a pass must look at for an exact total up to the query's bound (one more
 * than the bound, so that a total of exactly the bound is known to be exact), and never fewer
 * than the page needs. */
static Xapian::doccount checked(const dateline_query *q, size_t offset, size_t limit)
{
    Xapian::doccount all = q->index->db->get_doccount();
    if (q->total_bound == 0 || q->total_bound >= all)
        return all;
    size_t n = std::max(q->total_bound + 1, offset + limit);
    return n >= all ? all : static_cast<Xapian::doccount>(n);
}

/* The total from a pass's bounds: exact when they meet, else a lower bound: the bound, or the
 * last rank of the page past it (the pass looked at more matches than either). */
static void count_from(dateline_results *r, const Xapian::MSet &m, size_t offset)
{
    r->exact = r->query->total_bound == 0 ||
               m.get_matches_lower_bound() == m.get_matches_upper_bound();
    r->total = r->exact ? m.get_matches_estimated()
                        : std::max(r->query->total_bound, offset + r->mset.size());
}

extern "C" dateline_status_t dateline_query_run(dateline_query_t *q, size_t offset, size_t limit,
                                                dateline_results_t **out)
{
    if (!q || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    return guard(q->index, [&]() {
        Xapian::doccount all = q->index->db->get_doccount();
        dateline_results *r = new dateline_results{q, Xapian::Enquire(*q->index->db), {}, 0, 0, true, {}, {},
                                                    DATELINE_TIMELINE_NONE, 0, 0,
                                                    DATELINE_FIELD_COUNT_, {}, {}, {}};
        try {
            configure(q, r->enq, date_key);
            if (!q->all_versions)
                r->enq.set_collapse_key(DL_SLOT_CHAIN);
            FacetSpy spy;
            for (const auto &f : q->facets)
                spy.facets[f.first] = FacetSpy::Count{facet_slot(f.first), {}};
            spy.period = q->timeline;
            if (q->by_top)
                spy.by = facet_slot(q->by);
            if (!q->facets.empty() || q->timeline != DATELINE_TIMELINE_NONE)
                r->enq.add_matchspy(&spy);

            /* Every match is looked at when spies need them all; otherwise a page needs
             * only the matches that fill it, and the total is exact up to the bound. */
            bool spies = !q->facets.empty() || q->timeline != DATELINE_TIMELINE_NONE;
            Xapian::doccount check = spies ? all : checked(q, offset, limit);
            r->mset = r->enq.get_mset(static_cast<Xapian::doccount>(offset),
                                      static_cast<Xapian::doccount>(limit),
                                      q->all_versions ? check : (spies ? all : 0));
            r->enq.clear_matchspies();
            spy_results(q, spy, r);
            /* The count of articles is exact (up to the bound): when the list is of stories,
             * a weightless pass counts the articles (Xapian's count of collapsed matches is
             * an estimate). The count of stories is made when asked for. */
            if (q->all_versions) {
                count_from(r, r->mset, offset);
            } else {
                Xapian::Enquire ce(*q->index->db);
                ce.set_query(q->q);
                ce.set_weighting_scheme(Xapian::BoolWeight());
                count_from(r, ce.get_mset(0, 0, check), offset);
            }
            r->stories = SIZE_MAX;
            size_t i = 0;
            for (Xapian::MSetIterator it = r->mset.begin(); it != r->mset.end(); ++it, ++i) {
                dateline_result res;
                res.parent = r;
                res.it = it;
                res.did = *it;
                res.rank = offset + i + 1;
                res.score = it.get_weight();
                r->items.push_back(res);
            }
            q->results.push_back(r);
        } catch (...) {
            delete r;
            throw;
        }
        *out = r;
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_query_set_all_versions(dateline_query_t *q, int all)
{
    if (!q)
        return DATELINE_BAD_ARGUMENT;
    q->all_versions = all != 0;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_query_set_total_bound(dateline_query_t *q, size_t bound)
{
    if (!q)
        return DATELINE_BAD_ARGUMENT;
    q->total_bound = bound;
    return DATELINE_OK;
}
