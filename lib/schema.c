/* schema.c: the filter table of the schema (schema.h): one row per filter of the query language,
 * which is also what the writer indexes for it. */
#include <config.h>
#include <string.h>
#include "schema.h"

const dl_filter_t dl_filters[] = {
    {"place", DL_PREFIX_PLACE, DATELINE_FIELD_PLACE_IDS,
     DL_FILTER_RANKED | DL_FILTER_PLACES | DL_FILTER_FACETABLE, DATELINE_FIELD_PLACES,
     DL_SLOT_PLACES},
    {"group", DL_PREFIX_GROUP, DATELINE_FIELD_GROUPS,
     DL_FILTER_BOOLEAN | DL_FILTER_NAMED | DL_FILTER_FACETABLE, DATELINE_FIELD_GROUPS,
     DL_SLOT_GROUPS},
    {"topic", DL_PREFIX_TOPIC, DATELINE_FIELD_TOPICS, DL_FILTER_BOOLEAN | DL_FILTER_FACETABLE,
     DATELINE_FIELD_TOPICS, DL_SLOT_TOPICS},
    {"dateline", DL_PREFIX_DATELINE, DATELINE_FIELD_DATELINES,
     DL_FILTER_BOOLEAN | DL_FILTER_FACETABLE, DATELINE_FIELD_DATELINES, DL_SLOT_DATELINES},
    {"source", DL_PREFIX_SOURCE, DATELINE_FIELD_SOURCE, DL_FILTER_BOOLEAN | DL_FILTER_FACETABLE,
     DATELINE_FIELD_SOURCE, DL_SLOT_SOURCE},
    {"author", DL_PREFIX_AUTHOR, DATELINE_FIELD_AUTHOR, DL_FILTER_BOOLEAN | DL_FILTER_WORDS,
     DATELINE_FIELD_COUNT_, -1},
    {"charset", DL_PREFIX_CHARSET, DATELINE_FIELD_CHARSET, DL_FILTER_BOOLEAN,
     DATELINE_FIELD_COUNT_, -1},
    {"repaired", DL_PREFIX_REPAIRED, DATELINE_FIELD_REPAIRED, DL_FILTER_BOOLEAN,
     DATELINE_FIELD_COUNT_, -1},
    {"story", DL_PREFIX_STORY, DATELINE_FIELD_STORY, DL_FILTER_BOOLEAN, DATELINE_FIELD_COUNT_, -1},
};
const size_t dl_nfilters = sizeof dl_filters / sizeof dl_filters[0];

const dl_filter_t *dl_filter_of_facet(dateline_field_t field)
{
    for (size_t f = 0; f < dl_nfilters; f++)
        if ((dl_filters[f].flags & DL_FILTER_FACETABLE) && dl_filters[f].facet == field)
            return &dl_filters[f];
    return NULL;
}

const char *dateline_facet_name(dateline_field_t field)
{
    const dl_filter_t *f = dl_filter_of_facet(field);
    return f ? f->name : NULL;
}

dateline_status_t dateline_facet_from_name(const char *name, dateline_field_t *out)
{
    if (!name || !out)
        return DATELINE_BAD_ARGUMENT;
    for (size_t f = 0; f < dl_nfilters; f++)
        if ((dl_filters[f].flags & DL_FILTER_FACETABLE) && strcmp(dl_filters[f].name, name) == 0) {
            *out = dl_filters[f].facet;
            return DATELINE_OK;
        }
    return DATELINE_NOT_FOUND;
}
