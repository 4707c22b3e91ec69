/* extract.c: what completes an article before the index stores it (its places, groups, the
 * acronyms its text defines and its chains' signature), as the table of extractors an index is
 * given (dl_extractor_t). */
#include <config.h>
#include "extract.h"

/* Places, then groups (which read the places); the acronyms the text defines go to defs; then
 * the signature by which the index finds the other versions of the story. */
static dateline_status_t extract(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                 size_t *ndefs)
{
    dateline_status_t st = dl_extract_places(a);
    if (st == DATELINE_OK)
        st = dl_extract_groups(a, defs, cap, ndefs, NULL, 0);
    if (st == DATELINE_OK)
        st = dl_article_sign(a);
    return st;
}

const dl_extractor_t dl_extractors = {extract, dl_extract_explain};
