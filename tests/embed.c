/* embed.c: a C99 program that embeds libdateline through its installed header alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dateline.h>

static int fail(const char *what, dateline_status_t st, const char *msg)
{
    fprintf(stderr, "embed: %s: %s (%s)\n", what, dateline_status_to_string(st), msg ? msg : "");
    return 1;
}

/* A topic with a quote, a backslash and a star goes in, and dateline_query_quote() finds it. */
static int quoted_values(const char *path)
{
    static const char *const topics[] = {"say \"no\" * or \\ not", "plain"};
    dateline_index_t *idx;
    dateline_article_t *a;
    dateline_outcome_t what;
    dateline_query_t *q;
    char *msg = NULL, *text;
    size_t i, n = 0;
    dateline_status_t st = dateline_index_open(path, DATELINE_OPEN_WRITE, &idx, &msg);
    if (st != DATELINE_OK)
        return fail("open 2", st, msg);
    for (i = 0; i < 2; i++) {
        dateline_article_new(&a);
        dateline_article_set(a, DATELINE_FIELD_TITLE, i ? "Second" : "First");
        dateline_article_set(a, DATELINE_FIELD_BODY, "Words about the weather.");
        dateline_article_set(a, DATELINE_FIELD_TOPICS, topics[i]);
        dateline_index_add(idx, a, &what);
        dateline_article_destroy(a);
    }
    for (i = 0; i < 2; i++) {
        text = dateline_query_quote("topic", topics[i]);
        st = dateline_query_new(idx, text, &q);
        if (st == DATELINE_OK)
            st = dateline_query_count(q, &n);
        printf("quoted %s: %s %lu\n", text, dateline_status_to_string(st), (unsigned long)n);
        dateline_free(text);
    }
    text = dateline_query_quote(NULL, "about the");
    st = dateline_query_new(idx, text, &q);
    if (st == DATELINE_OK)
        st = dateline_query_count(q, &n);
    printf("phrase %s: %s %lu\n", text, dateline_status_to_string(st), (unsigned long)n);
    dateline_free(text);
    printf("bad field %s\n", dateline_query_quote("to pic", "x") ? "quoted" : "refused");
    dateline_index_close(idx);
    return 0;
}

int main(int argc, char **argv)
{
    dateline_index_t *idx;
    dateline_article_t *a;
    dateline_query_t *q;
    dateline_results_t *res;
    dateline_outcome_t what;
    dateline_status_t st;
    char *msg = NULL;
    size_t i, n;
    if (argc != 2)
        return 2;
    {
        char header[32];
        dateline_reader_options_t o, init = DATELINE_READER_OPTIONS_INIT;
        sprintf(header, "%d.%d.%d", DATELINE_VERSION_MAJOR, DATELINE_VERSION_MINOR,
                DATELINE_VERSION_MICRO);
        printf("version: library %s, header %s; numbers %s; check %d %d\n", dateline_version(),
               header, dateline_version_number() == DATELINE_VERSION_NUMBER ? "equal" : "differ",
               DATELINE_CHECK_VERSION(DATELINE_VERSION_MAJOR, DATELINE_VERSION_MINOR,
                                      DATELINE_VERSION_MICRO),
               DATELINE_CHECK_VERSION(DATELINE_VERSION_MAJOR, DATELINE_VERSION_MINOR,
                                      DATELINE_VERSION_MICRO + 1));
        memset(&o, 0x5A, sizeof o);
        st = dateline_reader_options_init(&o);
        printf("options init: %s, %s\n", dateline_status_to_string(st),
               o.version == init.version && o.format == init.format && !o.encoding &&
               !o.force_encoding && !o.date && !o.columns && !o.fields && !o.topic &&
               !o.max_decompressed ? "the defaults" : "not the defaults");
    }
    st = dateline_index_open(argv[1], DATELINE_OPEN_WRITE, &idx, &msg);
    if (st != DATELINE_OK)
        return fail("open", st, msg);
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "Embedded story about cocoa");
    dateline_article_set(a, DATELINE_FIELD_BODY, "ACCRA (Reuters) - Cocoa farmers in Ghana expect a good crop.");
    dateline_article_set(a, DATELINE_FIELD_DATE, "1999-06-01");
    dateline_article_set(a, DATELINE_FIELD_PLACES, "Ghana");
    st = dateline_index_add(idx, a, &what);
    if (st != DATELINE_OK)
        return fail("add", st, dateline_index_message(idx));
    printf("added %d id %s\n", (int)what, dateline_article_get(a, DATELINE_FIELD_ID));
    st = dateline_index_add(idx, a, &what);
    printf("again %d\n", (int)what);
    dateline_article_destroy(a);
    dateline_index_close(idx);

    st = dateline_index_open(argv[1], DATELINE_OPEN_READ, &idx, &msg);
    if (st != DATELINE_OK)
        return fail("reopen", st, msg);
    st = dateline_query_new(idx, "cocoa place:ghana date:1999", &q);
    if (st != DATELINE_OK)
        return fail("query", st, dateline_index_message(idx));
    st = dateline_query_run(q, 0, 10, &res);
    if (st != DATELINE_OK)
        return fail("run", st, dateline_index_message(idx));
    n = dateline_results_size(res);
    printf("total %lu\n", (unsigned long)dateline_results_total(res));
    for (i = 0; i < n; i++) {
        dateline_result_t *r = dateline_results_get(res, i);
        const dateline_article_t *art;
        const char *snip;
        dateline_result_article(r, &art);
        dateline_result_snippet(r, 100, "[", "]", &snip);
        printf("%lu %s | %s\n", (unsigned long)dateline_result_rank(r),
               dateline_article_get(art, DATELINE_FIELD_TITLE), snip);
    }
    /* facets and a timeline over every article */
    st = dateline_query_new(idx, "*", &q);
    if (st == DATELINE_OK)
        st = dateline_query_add_facet(q, DATELINE_FIELD_PLACES, 5);
    if (st == DATELINE_OK)
        st = dateline_query_set_timeline(q, DATELINE_TIMELINE_YEAR);
    if (st == DATELINE_OK)
        st = dateline_query_set_timeline_by(q, DATELINE_FIELD_PLACES, 2);
    if (st == DATELINE_OK)
        st = dateline_query_run(q, 0, 0, &res);
    if (st != DATELINE_OK)
        return fail("facets", st, dateline_index_message(idx));
    for (i = 0; i < dateline_results_facet_size(res, DATELINE_FIELD_PLACES); i++) {
        size_t c;
        const char *v = dateline_results_facet_get(res, DATELINE_FIELD_PLACES, i, &c);
        printf("facet %s %lu\n", v, (unsigned long)c);
    }
    for (i = 0; i < dateline_results_timeline_size(res); i++) {
        size_t c;
        size_t j, pc;
        const char *v, *label = dateline_results_timeline_get(res, i, &c);
        printf("period %s %lu", label, (unsigned long)c);
        for (j = 0; (v = dateline_results_timeline_top(res, i, DATELINE_FIELD_PLACES, j, &pc)); j++)
            printf(" place %s %lu", v, (unsigned long)pc);
        for (j = 0; (v = dateline_results_timeline_top(res, i, DATELINE_FIELD_GROUPS, j, &pc)); j++)
            printf(" group %s %lu", v, (unsigned long)pc);
        printf("\n");
    }
    printf("left out %lu undated %lu coarser\n",
           (unsigned long)dateline_results_timeline_undated(res),
           (unsigned long)dateline_results_timeline_coarser(res));
    for (i = 0; i < dateline_results_series_size(res); i++) {
        size_t c;
        const char *v = dateline_results_series_get(res, i, &c);
        printf("series %s %lu: %lu in the first period\n", v, (unsigned long)c,
               (unsigned long)dateline_results_series_count(res, i, 0));
    }
    st = dateline_query_new(idx, "date:2017-13-45", &q);
    printf("bad date: %s: %s\n", dateline_status_to_string(st), dateline_index_message(idx));
    dateline_index_close(idx); /* frees the queries and results still open */
    {
        char path[4096];
        snprintf(path, sizeof path, "%s-quoted", argv[1]);
        return quoted_values(path);
    }
}
