/* stats.cc: what an index holds as a whole: its counts (--stats) and the values of a filter
 * with how many articles have each (--list). */
#include <config.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include <dirent.h>
#include <sys/stat.h>

#include "index-int.h"

using namespace dl;

extern "C" dateline_status_t dateline_index_count(dateline_index_t *idx, size_t *out)
{
    if (!idx || !out)
        return DATELINE_BAD_ARGUMENT;
    return guard(idx, [&]() {
        *out = idx->db->get_doccount();
        return DATELINE_OK;
    });
}

static unsigned long long folder_bytes(const std::string &path)
{
    unsigned long long n = 0;
    DIR *d = opendir(path.c_str());
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != nullptr) {
        struct stat sb;
        std::string f = path + "/" + e->d_name;
        if (e->d_name[0] != '.' && stat(f.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))
            n += static_cast<unsigned long long>(sb.st_size);
    }
    closedir(d);
    return n;
}

static void iso_of_key(const std::string &key, char out[20])
{
    out[0] = '\0';
    if (key.size() >= 8)
        std::snprintf(out, 20, "%.4s-%.2s-%.2s", key.data(), key.data() + 4, key.data() + 6);
}

extern "C" dateline_status_t dateline_stats_init(dateline_stats_t *stats)
{
    if (!stats)
        return DATELINE_BAD_ARGUMENT;
    std::memset(stats, 0, sizeof *stats);
    stats->version = DATELINE_STATS_VERSION;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_stats(dateline_index_t *idx, dateline_stats_t *out)
{
    if (!idx || !out || out->version < 1 || out->version > DATELINE_STATS_VERSION)
        return DATELINE_BAD_ARGUMENT;
    /* Only the fields of the caller's version are written: when a version 2 adds fields, a
     * version 1 struct ends before them (its size becomes offsetof the first new field). */
    const size_t size_of[] = {0, sizeof(dateline_stats_t)};
    int version = out->version;
    std::memset(out, 0, size_of[version]);
    out->version = version;
    return guard(idx, [&]() {
        out->articles = idx->db->get_doccount();
        out->dated = idx->db->get_value_freq(DL_SLOT_DATE);
        if (out->dated) {
            /* Xapian's value bounds are not narrowed by deletions: the ends are looked up */
            Xapian::Enquire enq(*idx->db);
            enq.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, DL_SLOT_DATE, "0"));
            enq.set_weighting_scheme(Xapian::BoolWeight());
            for (int last = 0; last < 2; last++) {
                enq.set_sort_by_value(DL_SLOT_DATE, last == 1);
                Xapian::MSet m = enq.get_mset(0, 1);
                if (!m.empty())
                    iso_of_key(m.begin().get_document().get_value(DL_SLOT_DATE),
                               last ? out->last : out->first);
            }
        }
        for (Xapian::TermIterator t = idx->db->allterms_begin(DL_PREFIX_FILE);
             t != idx->db->allterms_end(DL_PREFIX_FILE); ++t)
            out->origins++;
        out->copies = idx->db->get_termfreq(DL_TERM_COPIES);
        out->repaired = idx->db->get_termfreq(DL_TERM_REPAIRED_YES);
        out->bytes = folder_bytes(idx->path);
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_index_value(dateline_index_t *idx, dateline_field_t field,
                                                  size_t i, const char **value, size_t *count)
{
    if (count)
        *count = 0;
    if (value)
        *value = nullptr;
    if (!idx || !value)
        return DATELINE_BAD_ARGUMENT;
    const char *prefix = nullptr;
    for (size_t f = 0; f < dl_nfilters; f++)
        if (dl_filters[f].field == field && (dl_filters[f].flags & DL_FILTER_BOOLEAN) &&
            !(dl_filters[f].flags & DL_FILTER_NAMED)) /* keys as written, not folded names */
            prefix = dl_filters[f].prefix;
    if (!prefix)
        return DATELINE_BAD_ARGUMENT;
    if (i == 0 || idx->values_field != (int)field) {
        dateline_status_t st = guard(idx, [&]() {
            idx->values.clear();
            idx->values_field = -1;
            for (Xapian::TermIterator t = idx->db->allterms_begin(prefix);
                 t != idx->db->allterms_end(prefix); ++t) {
                std::string v = (*t).substr(std::strlen(prefix));
                if (field == DATELINE_FIELD_REPAIRED && (v == "yes" || v == "no"))
                    continue;
                idx->values.emplace_back(v, t.get_termfreq());
            }
            std::stable_sort(idx->values.begin(), idx->values.end(),
                             [](const std::pair<std::string, size_t> &x,
                                const std::pair<std::string, size_t> &y) {
                                 return x.second > y.second;
                             });
            idx->values_field = (int)field;
            return DATELINE_OK;
        });
        if (st != DATELINE_OK)
            return st;
    }
    if (i >= idx->values.size())
        return DATELINE_END;
    if (count)
        *count = idx->values[i].second;
    *value = idx->values[i].first.c_str();
    return DATELINE_OK;
}
