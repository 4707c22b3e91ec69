/* extract.c: what completes an article before the index stores it (its places, groups and the
 * acronyms its text defines), as the table of extractors an index is given (dl_extractor_t). */
#include <config.h>
#include "dl.h"

/* Places, then groups (which read the places); the acronyms the text defines go to defs. */
static dateline_status_t extract(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                 size_t *ndefs)
{
    dateline_status_t st = dl_extract_places(a);
    if (st == DATELINE_OK)
        st = dl_extract_groups(a, defs, cap, ndefs, NULL, 0);
    return st;
}

const dl_extractor_t dl_extractors = {extract, dl_extract_explain};
