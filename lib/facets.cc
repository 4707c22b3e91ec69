/* facets.cc: facets and timelines: a match spy counts the values of facet slots and the
 * periods of dates over every match, and the results hand them out, commonest first. */
#include <config.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "days.h"
#include "index-int.h"

using namespace dl;

namespace {

/* The date "YYYY-MM-DD" of a day number. */
static std::string civil_date(long days)
{
    long y, m, d;
    dl_day_date(days, &y, &m, &d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    return buf;
}

/* Floor division, for day numbers before 1970. */
static long floor_div(long a, long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The label of period `number` of a timeline by `period` (dl_period::number). */
static std::string period_label(dateline_timeline_t period, long number)
{
    char buf[64];
    switch (period) {
    case DATELINE_TIMELINE_DAY: return civil_date(number);
    case DATELINE_TIMELINE_WEEK: return civil_date(number * 7 + 4); /* day 4 was a Monday */
    case DATELINE_TIMELINE_MONTH:
        std::snprintf(buf, sizeof buf, "%04ld-%02ld", floor_div(number, 12),
                      number - floor_div(number, 12) * 12 + 1);
        return buf;
    default:
        std::snprintf(buf, sizeof buf, "%04ld", number);
        return buf;
    }
}

/* The `top` commonest of counts, most frequent first, ties by value. */
static std::vector<std::pair<std::string, size_t>> commonest(const std::map<std::string, size_t> &c,
                                                             size_t top)
{
    std::vector<std::pair<std::string, size_t>> v(c.begin(), c.end());
    std::sort(v.begin(), v.end(), [](const std::pair<std::string, size_t> &x,
                                     const std::pair<std::string, size_t> &y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (v.size() > top)
        v.resize(top);
    return v;
}

static const dl_period *period_at(const dateline_results_t *r, size_t i)
{
    long number = r->timeline.front().number + static_cast<long>(i);
    auto it = std::lower_bound(r->timeline.begin(), r->timeline.end(), number,
                               [](const dl_period &p, long n) { return p.number < n; });
    return it != r->timeline.end() && it->number == number ? &*it : nullptr;
}

} // namespace

namespace dl {

/* Day number (days since 1970-01-01) of a date sort key "YYYYMMDD...", into *out; false for a
 * value that is no such key (a damaged index): nothing here throws on bad values. */
bool day_number(const std::string &key, long *out)
{
    if (key.size() < 8)
        return false;
    long f[3] = {0, 0, 0};
    const int at[3] = {0, 4, 6}, len[3] = {4, 2, 2};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < len[i]; k++) {
            char c = key[static_cast<size_t>(at[i] + k)];
            if (c < '0' || c > '9')
                return false;
            f[i] = f[i] * 10 + (c - '0');
        }
    long y = f[0], m = f[1], d = f[2];
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    *out = dl_day_number(y, m, d);
    return true;
}

Xapian::valueno facet_slot(dateline_field_t f)
{
    const dl_filter_t *flt = dl_filter_of_facet(f);
    return flt ? static_cast<Xapian::valueno>(flt->slot) : Xapian::BAD_VALUENO;
}

/* Counts each value of a facet slot once (`times` times: the matches with that whole slot
 * value): a count is of matches that have the value. */
void FacetSpy::split(const std::string &v, std::map<std::string, size_t> &into, size_t times)
{
    std::vector<std::string> seen;
    for (size_t p = 0; p < v.size();) {
        size_t e = v.find(DL_FACET_SEP, p);
        if (e == std::string::npos)
            e = v.size();
        if (e > p)
            seen.push_back(v.substr(p, e - p));
        p = e + 1;
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (const std::string &s : seen)
        into[s] += times;
}

/* The counts of the series' field in a period. */
const std::map<std::string, size_t> &FacetSpy::by_counts(const Period &p) const
{
    return by == DL_SLOT_PLACES ? p.places : by == DL_SLOT_GROUPS ? p.groups : p.by;
}

/* The number of the period a date sort key "YYYYMMDD..." falls in, into *out; false for a
 * value that is no date key (a damaged index). */
bool FacetSpy::number(const std::string &key, long *out) const
{
    long days;
    if (!day_number(key, &days))
        return false;
    long y = std::atol(key.substr(0, 4).c_str()), m = std::atol(key.substr(4, 2).c_str());
    switch (period) {
    case DATELINE_TIMELINE_DAY: *out = days; return true;
    case DATELINE_TIMELINE_WEEK: *out = floor_div(days - 4, 7); return true;
    case DATELINE_TIMELINE_MONTH: *out = y * 12 + m - 1; return true;
    default: *out = y; return true;
    }
}

void FacetSpy::operator()(const Xapian::Document &doc, double)
{
    if (period == DATELINE_TIMELINE_NONE)
        return;
    if (by != Xapian::BAD_VALUENO)
        split(doc.get_value(by), by_all);
    std::string start = doc.get_value(DL_SLOT_DATE), stop = doc.get_value(DL_SLOT_DATE_END);
    long n;
    if (!number(start, &n)) { /* undated, or a date no one can read */
        undated++;
        return;
    }
    /* a story known only to its month has no day or week; its month or year it has */
    size_t len = period == DATELINE_TIMELINE_DAY || period == DATELINE_TIMELINE_WEEK ? 8
                 : period == DATELINE_TIMELINE_MONTH ? 6 : 4;
    if (start.compare(0, len, stop, 0, len) != 0) {
        coarser++;
        return;
    }
    Period &p = periods[n];
    p.n++;
    split(doc.get_value(DL_SLOT_PLACES), p.places);
    split(doc.get_value(DL_SLOT_GROUPS), p.groups);
    if (by != Xapian::BAD_VALUENO && by != DL_SLOT_PLACES && by != DL_SLOT_GROUPS)
        split(doc.get_value(by), p.by);
}

/* Puts what the spy counted for query q into its results r: facets, timeline and series. */
void spy_results(const dateline_query *q, FacetSpy &spy, dateline_results *r)
{
    for (const auto &f : q->facets)
        r->facets[f.first] = commonest(spy.facets[f.first].n, f.second);
    r->period = q->timeline;
    r->undated = spy.undated;
    r->coarser = spy.coarser;
    if (q->timeline != DATELINE_TIMELINE_NONE && q->by_top) {
        r->by = q->by;
        r->series = commonest(spy.by_all, q->by_top);
    }
    for (const auto &p : spy.periods) {
        dl_period d;
        d.number = p.first;
        d.label = period_label(q->timeline, p.first);
        d.count = p.second.n;
        d.places = commonest(p.second.places, 3);
        d.groups = commonest(p.second.groups, 3);
        const std::map<std::string, size_t> &by = spy.by_counts(p.second);
        for (const auto &v : r->series) {
            auto it = by.find(v.first);
            d.series.push_back(it == by.end() ? 0 : it->second);
        }
        r->timeline.push_back(d);
    }
}

} // namespace dl

extern "C" dateline_status_t dateline_query_add_facet(dateline_query_t *q, dateline_field_t f,
                                                      size_t top)
{
    if (!q || facet_slot(f) == Xapian::BAD_VALUENO || top == 0)
        return DATELINE_BAD_ARGUMENT;
    for (auto &have : q->facets)
        if (have.first == f) {
            have.second = top;
            return DATELINE_OK;
        }
    try {
        q->facets.emplace_back(f, top);
    } catch (...) {
        return DATELINE_NO_MEMORY;
    }
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_query_set_timeline(dateline_query_t *q,
                                                         dateline_timeline_t period)
{
    if (!q || period < DATELINE_TIMELINE_NONE || period > DATELINE_TIMELINE_YEAR)
        return DATELINE_BAD_ARGUMENT;
    q->timeline = period;
    return DATELINE_OK;
}

extern "C" size_t dateline_results_facet_size(const dateline_results_t *r, dateline_field_t f)
{
    if (!r)
        return 0;
    auto it = r->facets.find(f);
    return it == r->facets.end() ? 0 : it->second.size();
}

extern "C" const char *dateline_results_facet_get(const dateline_results_t *r,
                                                  dateline_field_t f, size_t i, size_t *count)
{
    if (!r)
        return nullptr;
    auto it = r->facets.find(f);
    if (it == r->facets.end() || i >= it->second.size())
        return nullptr;
    if (count)
        *count = it->second[i].second;
    return it->second[i].first.c_str();
}

extern "C" dateline_status_t dateline_query_set_timeline_by(dateline_query_t *q,
                                                            dateline_field_t field, size_t top)
{
    if (!q || (top && facet_slot(field) == Xapian::BAD_VALUENO))
        return DATELINE_BAD_ARGUMENT;
    q->by = field;
    q->by_top = top;
    return DATELINE_OK;
}

extern "C" size_t dateline_results_timeline_size(const dateline_results_t *r)
{
    if (!r || r->timeline.empty())
        return 0;
    return static_cast<size_t>(r->timeline.back().number - r->timeline.front().number) + 1;
}


extern "C" const char *dateline_results_timeline_get(const dateline_results_t *r, size_t i,
                                                     size_t *count)
{
    if (count)
        *count = 0;
    if (i >= dateline_results_timeline_size(r))
        return nullptr;
    const dl_period *p = period_at(r, i);
    if (!p) {
        try {
            r->label = period_label(r->period, r->timeline.front().number + static_cast<long>(i));
        } catch (...) { /* labels fit in std::string's own buffer, so nothing allocates and
                         * nothing throws; but no exception may reach C */
            return nullptr;
        }
    }
    if (count)
        *count = p ? p->count : 0;
    return p ? p->label.c_str() : r->label.c_str();
}

extern "C" const char *dateline_results_timeline_top(const dateline_results_t *r, size_t i,
                                                     dateline_field_t field, size_t j,
                                                     size_t *count)
{
    if (count)
        *count = 0;
    if (i >= dateline_results_timeline_size(r) ||
        (field != DATELINE_FIELD_PLACES && field != DATELINE_FIELD_GROUPS))
        return nullptr;
    const dl_period *p = period_at(r, i);
    if (!p)
        return nullptr;
    const auto &top = field == DATELINE_FIELD_PLACES ? p->places : p->groups;
    if (j >= top.size())
        return nullptr;
    if (count)
        *count = top[j].second;
    return top[j].first.c_str();
}

extern "C" size_t dateline_results_timeline_undated(const dateline_results_t *r)
{
    return r ? r->undated : 0;
}

extern "C" size_t dateline_results_timeline_coarser(const dateline_results_t *r)
{
    return r ? r->coarser : 0;
}

extern "C" dateline_field_t dateline_results_series_field(const dateline_results_t *r)
{
    return r && !r->series.empty() ? r->by : DATELINE_FIELD_COUNT_;
}

extern "C" size_t dateline_results_series_size(const dateline_results_t *r)
{
    return r ? r->series.size() : 0;
}

extern "C" const char *dateline_results_series_get(const dateline_results_t *r, size_t s,
                                                   size_t *count)
{
    if (!r || s >= r->series.size())
        return nullptr;
    if (count)
        *count = r->series[s].second;
    return r->series[s].first.c_str();
}

extern "C" size_t dateline_results_series_count(const dateline_results_t *r, size_t s, size_t i)
{
    if (!r || s >= r->series.size() || i >= dateline_results_timeline_size(r))
        return 0;
    const dl_period *p = period_at(r, i);
    return p ? p->series[s] : 0;
}
