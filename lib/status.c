/* status.c: the words for each dateline_status_t, the version, options' defaults, and
 * dateline_free(). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "dl.h"

const char *dateline_status_to_string(dateline_status_t status)
{
    switch (status) {
    case DATELINE_OK: return "success";
    case DATELINE_NO_MEMORY: return "out of memory";
    case DATELINE_BAD_ARGUMENT: return "bad argument";
    case DATELINE_FILE_ERROR: return "file error";
    case DATELINE_LOCKED: return "index is locked by another writer";
    case DATELINE_MODIFIED: return "index was modified while being read";
    case DATELINE_CORRUPT: return "index or stored article is corrupt";
    case DATELINE_VERSION: return "index was written by another version";
    case DATELINE_QUERY_SYNTAX: return "query syntax error";
    case DATELINE_BAD_INPUT: return "malformed input";
    case DATELINE_CHARSET: return "charset conversion failed";
    case DATELINE_XAPIAN_ERROR: return "Xapian error";
    case DATELINE_INTERNAL: return "internal error";
    case DATELINE_NOT_FOUND: return "not found";
    case DATELINE_END: return "end of input";
    case DATELINE_READ_ONLY: return "index is open read-only";
    }
    return "unknown status";
}

const char *dateline_version(void) { return PACKAGE_VERSION; }

int dateline_version_number(void)
{
    int major = 0, minor = 0, micro = 0;
    if (sscanf(PACKAGE_VERSION, "%d.%d.%d", &major, &minor, &micro) < 2)
        return 0;
    return major * 10000 + minor * 100 + micro;
}

dateline_status_t dateline_reader_options_init(dateline_reader_options_t *options)
{
    if (!options)
        return DATELINE_BAD_ARGUMENT;
    const dateline_reader_options_t defaults = DATELINE_READER_OPTIONS_INIT;
    *options = defaults;
    return DATELINE_OK;
}

void dateline_free(void *p) { free(p); }
