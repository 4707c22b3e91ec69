/* index-defaults.c: dateline_index_open(), lib/'s index wired to indexer/'s extractors, so that
 * the library's index completes every article it is given while lib/ names none of indexer/. */
#include <config.h>
#include "extract.h"

dateline_status_t dateline_index_open(const char *path, unsigned mode, dateline_index_t **out,
                                      char **message)
{
    dateline_status_t st = dl_index_open(path, mode, out, message);
    if (st == DATELINE_OK)
        dl_index_set_extractor(*out, &dl_extractors);
    return st;
}
