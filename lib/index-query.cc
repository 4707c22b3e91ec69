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

/* DATELINE_SORT_RECENT: a weight that halves every half-life back from the newest story. The
 * newest day is the whole index's, taken once by the client: a source is given each shard of a
 * database apart, which would otherwise measure from each shard's own newest story. */
double recency(double weight, double half_life, long newest, const std::string &date)
{
    long day;
    if (!day_number(date, &day))
        return 0;
    long age = newest - day;
    return weight * std::exp2(-(age > 0 ? static_cast<double>(age) : 0.0) / half_life);
}

class Recency : public Xapian::ValuePostingSource {
    double weight, half_life;
    long newest;

  public:
    Recency(double w, double hl, long n)
        : Xapian::ValuePostingSource(DL_SLOT_DATE), weight(w), half_life(hl), newest(n) {}
    void init(const Xapian::Database &database) override
    {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(weight);
    }
    double get_weight() const override { return recency(weight, half_life, newest, get_value()); }
    Recency *clone() const override { return new Recency(weight, half_life, newest); }
    std::string name() const override { return "DatelineRecency"; }
};

/* The recency bonus as a source a stock remote server runs: Xapian's ValueMapPostingSource,
 * given the bonus of every date the index holds (read once per open: one weightless pass). */
Xapian::PostingSource *recency_map(dateline_query *q, long newest)
{
    dateline_index *idx = q->index;
    if (!idx->dates_read) {
        Xapian::Enquire all(*idx->db);
        all.set_query(Xapian::Query::MatchAll);
        all.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy dates(DL_SLOT_DATE);
        all.add_matchspy(&dates);
        all.get_mset(0, 0, idx->db->get_doccount());
        idx->dates.clear();
        for (Xapian::TermIterator v = dates.values_begin(); v != dates.values_end(); ++v)
            idx->dates.push_back(*v);
        idx->dates_read = true;
    }
    Xapian::ValueMapPostingSource *src = new Xapian::ValueMapPostingSource(DL_SLOT_DATE);
    src->set_default_weight(0);
    for (const std::string &d : idx->dates)
        src->add_mapping(d, recency(q->recency_weight, q->half_life, newest, d));
    return src;
}

static DateKey date_key; /* stateless, so one serves every query and thread */

static void configure(dateline_query *q, Xapian::Enquire &enq, DateKey &key)
{
    if (q->sort == DATELINE_SORT_RECENT) {
        long newest = 0;
        if (!day_number(q->index->db->get_value_upper_bound(DL_SLOT_DATE), &newest))
            newest = 0;
        /* the source is reference-counted and goes with the query */
        Xapian::PostingSource *src =
            q->index->remote ? recency_map(q, newest)
                             : new Recency(q->recency_weight, q->half_life, newest);
        Xapian::Query bonus(src->release());
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, bonus));
    } else {
        enq.set_query(q->q);
    }
    /* Ties go by the global sequence number (value slot DL_SLOT_SEQ), then by docid: over shards
     * as in one index, whose articles without the slot keep their docid order. Sorts by date
     * break their ties on the client (settle_ties()): Xapian sorts on one value only. */
    if (q->sort == DATELINE_SORT_RELEVANCE || q->sort == DATELINE_SORT_RECENT)
        enq.set_sort_by_relevance_then_value(DL_SLOT_SEQ, false);
    /* Undated articles come last either way: an empty value sorts lowest, so newest-first can
     * sort on the value itself, while oldest-first goes through DateKey's "~". */
    else if (q->sort == DATELINE_SORT_NEWEST)
        enq.set_sort_by_value_then_relevance(DL_SLOT_DATE, true);
    else if (q->sort == DATELINE_SORT_OLDEST && !q->index->remote)
        enq.set_sort_by_key_then_relevance(&key, false);
    else if (q->sort == DATELINE_SORT_OLDEST) /* the page is made by oldest_remote() */
        enq.set_sort_by_value_then_relevance(DL_SLOT_DATE, false);
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
        if (idx->merged)
            built.metadata = [idx](const std::string &k) { return merged_metadata(idx, k); };
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
static void count_from(dateline_results *r, const Xapian::MSet &m, size_t offset, size_t page)
{
    r->exact = r->query->total_bound == 0 ||
               m.get_matches_lower_bound() == m.get_matches_upper_bound();
    r->total = r->exact ? m.get_matches_estimated()
                        : std::max(r->query->total_bound, offset + page);
}

/* Matches a sort by date fetches on each side of its page, to see its ties whole. */
const size_t TIE_PAD = 8;

/* Whether two matches tie in a sort by date: the same date key and the same relevance. */
static bool tied(const Xapian::MSetIterator &a, const Xapian::MSetIterator &b)
{
    return a.get_sort_key() == b.get_sort_key() && a.get_weight() == b.get_weight();
}

/* The positions in r->mset, which holds the matches from rank `first` on, of the page
 * [offset, offset + limit), ties ordered by the global sequence number. Xapian orders a sort
 * by date's ties by docid, which interleaves shards; so the page is fetched with TIE_PAD
 * matches on each side, more while a tie reaches past them, and each tie that touches the
 * page is ordered by DL_SLOT_SEQ (stable: an index without it keeps the docid order). */
static std::vector<Xapian::doccount> settle_ties(dateline_results *r, size_t first,
                                                 size_t offset, size_t limit,
                                                 Xapian::doccount check)
{
    for (size_t pad = TIE_PAD;; pad *= 4) {
        size_t n = r->mset.size(), p0 = std::min(offset - first, n),
               p1 = std::min(p0 + limit, n);
        std::vector<Xapian::doccount> at;
        for (size_t i = p0; i < p1; i++)
            at.push_back(static_cast<Xapian::doccount>(i));
        if (p0 == p1)
            return at;
        bool left = first > 0 && tied(r->mset[0], r->mset[static_cast<Xapian::doccount>(p0)]);
        bool right = n == offset - first + limit + pad &&
                     tied(r->mset[static_cast<Xapian::doccount>(n - 1)],
                          r->mset[static_cast<Xapian::doccount>(p1 - 1)]);
        if (left || right) {
            size_t more = pad * 4;
            first = offset > more ? offset - more : 0;
            r->mset = r->enq.get_mset(static_cast<Xapian::doccount>(first),
                                      static_cast<Xapian::doccount>(offset - first + limit + more),
                                      check);
            continue;
        }
        /* each run of ties in the window, sorted by sequence number */
        std::vector<Xapian::doccount> order;
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && tied(r->mset[static_cast<Xapian::doccount>(i)],
                                 r->mset[static_cast<Xapian::doccount>(j)]))
                j++;
            std::vector<std::pair<std::string, Xapian::doccount>> run;
            for (size_t k = i; k < j; k++)
                run.emplace_back(j - i > 1 && j > p0 && i < p1
                                     ? r->mset[static_cast<Xapian::doccount>(k)]
                                           .get_document().get_value(DL_SLOT_SEQ)
                                     : std::string(),
                                 static_cast<Xapian::doccount>(k));
            std::stable_sort(run.begin(), run.end(),
                             [](const std::pair<std::string, Xapian::doccount> &a,
                                const std::pair<std::string, Xapian::doccount> &b) {
                                 return a.first < b.first;
                             });
            for (const auto &e : run)
                order.push_back(e.second);
            i = j;
        }
        return std::vector<Xapian::doccount>(order.begin() + static_cast<long>(p0),
                                             order.begin() + static_cast<long>(p1));
    }
}

/* Facets counted by Xapian's own ValueCountMatchSpy, which a stock remote server runs: each
 * counts the whole values of a facet slot, split here at DL_FACET_SEP. Exact: an article adds
 * one to exactly one whole value, so to each of its parts once. */
struct FacetCounts {
    std::vector<std::pair<int, Xapian::ValueCountMatchSpy *>> spies;
    /* what the spies counted, split, into spy's facets */
    void into(FacetSpy &spy) const
    {
        for (const auto &c : spies)
            for (Xapian::TermIterator v = c.second->values_begin(); v != c.second->values_end();
                 ++v)
                FacetSpy::split(*v, spy.facets[c.first].n, v.get_termfreq());
    }
    ~FacetCounts()
    {
        for (auto &s : spies)
            delete s.second;
    }
};

/* The page's results, at positions `page` of r->mset (and of r->more from r->more_at on). */
static void fill_items(dateline_results *r, const std::vector<Xapian::doccount> &page,
                       size_t offset)
{
    r->more_at = std::min(r->more_at, page.size());
    size_t i = 0;
    for (Xapian::doccount at : page) {
        Xapian::MSetIterator it = i < r->more_at ? r->mset[at] : r->more[at];
        dateline_result res;
        res.parent = r;
        res.it = it;
        res.did = *it;
        res.rank = offset + i + 1;
        res.score = it.get_weight();
        r->items.push_back(res);
        i++;
    }
}

/* The timeline of a query over remote shards, which cannot run FacetSpy: its matches' values,
 * read on the client in one weightless pass (FacetSpy sees every match, as here). */
static void timeline_on_client(dateline_query *q, FacetSpy &spy)
{
    Xapian::Enquire e(*q->index->db);
    e.set_query(q->q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, q->index->db->get_doccount());
    m.fetch();
    for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
        spy(it.get_document(), 0);
}

/* --sort oldest over remote shards, which take no KeyMaker (DateKey): the dated matches
 * oldest first, then the undated by relevance, in two lists. Listing stories, the undated
 * list leaves out the stories the dated one has (DateKey keeps a story's oldest dated
 * version); its ties go by sequence number, as a relevance sort's. The page's results go
 * into r->items' places, as positions of r->mset (dated) and of r->more (undated, from
 * r->more_at on). */
static std::vector<Xapian::doccount> oldest_remote(dateline_results *r, size_t offset,
                                                   size_t limit, Xapian::doccount check)
{
    dateline_query *q = r->query;
    const Xapian::Database &db = *q->index->db;
    Xapian::Query dated(Xapian::Query::OP_VALUE_GE, DL_SLOT_DATE, "0");
    Xapian::Query a(Xapian::Query::OP_FILTER, q->q, dated);
    /* how long the dated list is, and its stories' chains */
    Xapian::Enquire ce(db);
    ce.set_query(a);
    ce.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy chains(DL_SLOT_CHAIN);
    ce.add_matchspy(&chains);
    Xapian::MSet cm = ce.get_mset(0, 0, db.get_doccount());
    size_t seen = chains.get_total(), chained = 0, distinct = 0;
    std::vector<Xapian::Query> stories;
    for (Xapian::TermIterator v = chains.values_begin(); v != chains.values_end(); ++v) {
        distinct++;
        chained += v.get_termfreq();
        stories.emplace_back(DL_PREFIX_STORY + *v);
    }
    size_t na = q->all_versions ? cm.get_matches_estimated()
                                : distinct + (seen - std::min(chained, seen));
    r->enq.set_query(a);
    size_t pad = limit ? TIE_PAD : 0, first = offset > pad ? offset - pad : 0;
    r->mset = r->enq.get_mset(static_cast<Xapian::doccount>(first),
                              static_cast<Xapian::doccount>(offset - first + limit + pad), check);
    std::vector<Xapian::doccount> page = settle_ties(r, first, offset, limit, check);
    r->more_at = page.size();
    if (offset + limit <= na)
        return page;
    Xapian::Query u(Xapian::Query::OP_AND_NOT, q->q, dated);
    if (!q->all_versions && !stories.empty())
        u = Xapian::Query(Xapian::Query::OP_AND_NOT, u,
                          Xapian::Query(Xapian::Query::OP_OR, stories.begin(), stories.end()));
    Xapian::Enquire b(db);
    b.set_query(u);
    b.set_sort_by_relevance_then_value(DL_SLOT_SEQ, false);
    if (!q->all_versions)
        b.set_collapse_key(DL_SLOT_CHAIN);
    size_t from = offset > na ? offset - na : 0;
    r->more = b.get_mset(static_cast<Xapian::doccount>(from),
                         static_cast<Xapian::doccount>(offset + limit - na - from));
    for (Xapian::doccount i = 0; i < r->more.size(); i++)
        page.push_back(i);
    return page;
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
                                                    DATELINE_FIELD_COUNT_, {}, {}, {}, {}, false, {}, SIZE_MAX};
        try {
            configure(q, r->enq, date_key);
            if (!q->all_versions)
                r->enq.set_collapse_key(DL_SLOT_CHAIN);
            FacetSpy spy;
            FacetCounts counts;
            for (const auto &f : q->facets) {
                spy.facets[f.first] = FacetSpy::Count{facet_slot(f.first), {}};
                counts.spies.emplace_back(f.first, nullptr);
                counts.spies.back().second = new Xapian::ValueCountMatchSpy(facet_slot(f.first));
                r->enq.add_matchspy(counts.spies.back().second);
            }
            spy.period = q->timeline;
            if (q->by_top)
                spy.by = facet_slot(q->by);
            if (q->timeline != DATELINE_TIMELINE_NONE && !q->index->remote)
                r->enq.add_matchspy(&spy);

            /* Every match is looked at when spies need them all; otherwise a page needs
             * only the matches that fill it, and the total is exact up to the bound. */
            bool spies = !q->facets.empty() || q->timeline != DATELINE_TIMELINE_NONE;
            bool by_date = q->sort == DATELINE_SORT_NEWEST || q->sort == DATELINE_SORT_OLDEST;
            size_t pad = by_date && limit ? TIE_PAD : 0;
            size_t first = offset > pad ? offset - pad : 0;
            Xapian::doccount check = spies ? all : checked(q, offset, limit + pad);
            r->mset = r->enq.get_mset(static_cast<Xapian::doccount>(first),
                                      static_cast<Xapian::doccount>(offset - first + limit + pad),
                                      q->all_versions ? check : (spies ? all : 0));
            r->enq.clear_matchspies();
            Xapian::MSet counted = r->mset;
            counts.into(spy);
            if (q->timeline != DATELINE_TIMELINE_NONE && q->index->remote)
                timeline_on_client(q, spy);
            spy_results(q, spy, r);
            std::vector<Xapian::doccount> page;
            if (q->sort == DATELINE_SORT_OLDEST && q->index->remote) {
                page = oldest_remote(r, offset, limit,
                                     q->all_versions ? check : (spies ? all : 0));
            } else if (by_date) {
                page = settle_ties(r, first, offset, limit,
                                   q->all_versions ? check : (spies ? all : 0));
            } else {
                for (Xapian::doccount i = 0; i < r->mset.size(); i++)
                    page.push_back(i);
            }
            /* The count of articles is exact (up to the bound): when the list is of stories,
             * a weightless pass counts the articles (Xapian's count of collapsed matches is
             * an estimate). The count of stories is made when asked for. */
            if (q->all_versions) {
                count_from(r, counted, offset, page.size());
            } else {
                Xapian::Enquire ce(*q->index->db);
                ce.set_query(q->q);
                ce.set_weighting_scheme(Xapian::BoolWeight());
                count_from(r, ce.get_mset(0, 0, check), offset, page.size());
            }
            r->stories = SIZE_MAX;
            fill_items(r, page, offset);
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
