/* unit-schema.c: one row of the schema's filter table (lib/schema.c) drives both sides: for every
 * row, the value an article holds in the row's field is found by the query language's
 * name:"value" and by nothing else, and a facetable row's facet counts it. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dl.h"
#include "tap.h"

/* What a row's field holds in the probe article (the story is the article's own id). */
static const char *value_of(const dl_filter_t *f)
{
    switch (f->field) {
    case DATELINE_FIELD_PLACE_IDS: return "probe-place"; /* held as the label "=probe-place" */
    case DATELINE_FIELD_GROUPS: return "Probe Group";
    case DATELINE_FIELD_AUTHOR: return "Probe Author";
    default: return NULL;
    }
}

static size_t count(dateline_index_t *idx, const char *text)
{
    dateline_query_t *q;
    size_t n = (size_t)-1;
    if (dateline_query_new(idx, text, &q) != DATELINE_OK) {
        printf("# %s: %s\n", text, dateline_index_message(idx));
        return n;
    }
    if (dateline_query_count(q, &n) != DATELINE_OK)
        n = (size_t)-1;
    dateline_query_destroy(q);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/dateline-schema.XXXXXX", path[64], names[9][32];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/db", dir);
    ok(dl_nfilters == 9, "the table has a row for each of the 9 filters");
    dateline_index_t *idx;
    if (dateline_index_open(path, DATELINE_OPEN_WRITE, &idx, NULL) != DATELINE_OK)
        return 1;
    dateline_article_t *a;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "A probe of the schema");
    dateline_article_set(a, DATELINE_FIELD_BODY, "Each filter of the table has a value here.");
    /* with PLACE_IDS set the article counts as extracted: its fields stay as set here */
    dateline_article_set(a, DATELINE_FIELD_PLACE_IDS, "=probe-place 1");
    for (size_t f = 0; f < dl_nfilters && f < 9; f++) {
        const dl_filter_t *flt = &dl_filters[f];
        snprintf(names[f], sizeof names[f], "probe-%s", flt->name);
        if (flt->field != DATELINE_FIELD_PLACE_IDS && flt->field != DATELINE_FIELD_STORY)
            dateline_article_set(a, flt->field, value_of(flt) ? value_of(flt) : names[f]);
    }
    is_int(dateline_index_add(idx, a, NULL), DATELINE_OK, "the probe article goes in");
    const char *id = dateline_article_get(a, DATELINE_FIELD_ID);
    for (size_t f = 0; f < dl_nfilters && f < 9; f++) {
        const dl_filter_t *flt = &dl_filters[f];
        const char *v = flt->field == DATELINE_FIELD_STORY ? id
                        : value_of(flt)                    ? value_of(flt)
                                                           : names[f];
        char q[128];
        snprintf(q, sizeof q, "%s:\"%s\"", flt->name, v);
        is_int(count(idx, q), 1, "%s finds what the writer indexed from its field", q);
        snprintf(q, sizeof q, "%s:\"%s-not\"", flt->name, v);
        is_int(count(idx, q), 0, "%s finds nothing", q);
    }
    dateline_query_t *all;
    dateline_results_t *r = NULL;
    int facets = 0;
    dateline_query_new(idx, "*", &all);
    for (size_t f = 0; f < dl_nfilters; f++)
        if (dl_filters[f].flags & DL_FILTER_FACETABLE) {
            dateline_query_add_facet(all, dl_filters[f].facet, 5);
            facets++;
        }
    is_int(facets, 5, "5 rows are facetable: place, group, topic, dateline, source");
    is_int(dateline_query_run(all, 0, 10, &r), DATELINE_OK, "a search for everything runs");
    for (size_t f = 0; f < dl_nfilters && f < 9; f++) {
        const dl_filter_t *flt = &dl_filters[f];
        if (!(flt->flags & DL_FILTER_FACETABLE))
            continue;
        size_t n = 0;
        const char *got = dateline_results_facet_get(r, flt->facet, 0, &n);
        const char *want = value_of(flt) ? value_of(flt) : names[f];
        is_str(got, want, "the %s facet counts the value of its field", flt->name);
        is_int(n, 1, "once");
        /* the facet goes by its row's name, both ways (--facet, and the printers' labels) */
        dateline_field_t back = DATELINE_FIELD_COUNT_;
        is_str(dateline_facet_name(flt->facet), flt->name, "the %s facet is named by its row",
               flt->name);
        ok(dateline_facet_from_name(flt->name, &back) == DATELINE_OK && back == flt->facet,
           "and that name gives its field back");
    }
    dateline_field_t none;
    is_int(dateline_facet_from_name("title", &none), DATELINE_NOT_FOUND,
           "a name no facet has is not found");
    ok(dateline_facet_name(DATELINE_FIELD_TITLE) == NULL, "and a field no facet counts has none");
    dateline_query_destroy(all);
    dateline_article_destroy(a);
    dateline_index_close(idx);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    done_testing();
}
