/* explain.cc: dateline_index_explain(): the stored article handed to the index's extractor to
 * explain, and the acronyms of its text looked up among the aliases the index has learned. */
#include <config.h>

#include <string>

#include "index-int.h"

using namespace dl;

namespace {

/* Each acronym the extraction recorded, when the index has learned what it stands for: its
 * mentions go to that group ("learned alias"). */
void learned(dateline_index *idx, dl_trace_t *t)
{
    const char *acr;
    for (size_t i = 0; dl_trace_acronym(t, i, &acr); i++) {
        std::string group = idx->db->get_metadata(DL_ALIAS_KEY + folded(acr));
        if (!group.empty())
            dl_trace_learned(t, acr, group.c_str(), folded(group).c_str(), "learned alias");
    }
}

} // namespace

extern "C" dateline_status_t dateline_index_explain(dateline_index_t *idx, const char *id,
                                                    dateline_explanation_t **out)
{
    if (!idx || !id || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    if (!idx->extractor || !idx->extractor->explain)
        return set_message(idx, DATELINE_BAD_ARGUMENT,
                           "this index has no extractor to explain articles with: open it "
                           "with dateline_index_open()");
    dateline_article_t *a;
    dateline_status_t st = dateline_index_get(idx, id, &a);
    if (st != DATELINE_OK)
        return st;
    dl_trace_t *t = dl_trace_new();
    if (!t) {
        dateline_article_destroy(a);
        return set_message(idx, DATELINE_NO_MEMORY, "out of memory");
    }
    st = idx->extractor->explain(a, t);
    dateline_article_destroy(a);
    if (st == DATELINE_OK)
        st = guard(idx, [&]() {
            learned(idx, t);
            return DATELINE_OK;
        });
    if (st == DATELINE_OK)
        st = dl_trace_finish(t);
    if (st != DATELINE_OK) {
        dateline_explanation_destroy(t);
        return st == DATELINE_NO_MEMORY ? set_message(idx, st, "out of memory") : st;
    }
    *out = t;
    return DATELINE_OK;
}
