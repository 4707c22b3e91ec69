/* fuzz-query.c: the query language, from Dateline's pre-lexer through Xapian's QueryParser and
 * our field processors to a search with facets and snippets, over a small index built once.
 * Any text gives either a query or a clear syntax error, never a crash; hostile queries
 * (thousands of wildcards, 10,000-character terms, deep nesting) stay bounded. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dateline.h"
#include "fuzz.h"

static dateline_index_t *idx;
static char dir[256];

static void cleanup(void)
{
    dateline_index_close(idx);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz-query: could not remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char *stories[][3] = {
        {"Syrian forces take Raqqa", "2017-10-17",
         "RAQQA, Syria (Reuters) - The Syrian Democratic Forces (SDF) said they had taken Raqqa "
         "from Islamic State. Fighting went on near Deir al-Zor."},
        {"OPEC agrees output ceiling", "1988-11-28",
         "VIENNA (Reuters) - Oil ministers of OPEC agreed on a ceiling; prices rose in London."},
        {"Cocoa harvest late in Ghana", "1987-03",
         "ACCRA - The cocoa harvest in Ghana was late, traders in Brazil and New York said."},
        {"Undated note", NULL, "A note without a date about banks and rates in Tokyo."}};
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/dateline-fuzz-query.XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        abort();
    char *msg;
    if (dateline_index_open(dir, DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC, &idx, &msg) !=
        DATELINE_OK)
        abort();
    for (size_t i = 0; i < sizeof stories / sizeof *stories; i++) {
        dateline_article_t *a;
        if (dateline_article_new(&a) != DATELINE_OK)
            abort();
        dateline_article_set(a, DATELINE_FIELD_TITLE, stories[i][0]);
        dateline_article_set(a, DATELINE_FIELD_DATE, stories[i][1]);
        dateline_article_set(a, DATELINE_FIELD_BODY, stories[i][2]);
        dateline_article_set(a, DATELINE_FIELD_TOPICS, "crude");
        if (dateline_index_add(idx, a, NULL) != DATELINE_OK)
            abort();
        dateline_article_destroy(a);
    }
    if (dateline_index_commit(idx) != DATELINE_OK)
        abort();
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 20000)
        return 0;
    char *s = fuzz_string(data, size);
    if (!s)
        return 0;
    dateline_query_t *q;
    dateline_status_t st = dateline_query_new(idx, s, &q);
    FUZZ_ASSERT(st == DATELINE_OK || st == DATELINE_QUERY_SYNTAX ||
                st == DATELINE_BAD_ARGUMENT || st == DATELINE_NO_MEMORY);
    FUZZ_ASSERT(dateline_index_message(idx) != NULL);
    if (st == DATELINE_OK) {
        dateline_results_t *res;
        size_t n;
        dateline_query_add_facet(q, DATELINE_FIELD_PLACES, 3);
        dateline_query_set_timeline(q, DATELINE_TIMELINE_MONTH);
        dateline_query_set_sort(q, (dateline_sort_t)(size % 4));
        FUZZ_ASSERT(dateline_query_count(q, &n) == DATELINE_OK);
        FUZZ_ASSERT(dateline_query_run(q, 0, 10, &res) == DATELINE_OK);
        FUZZ_ASSERT(dateline_results_total(res) == n);
        FUZZ_ASSERT(dateline_results_stories(res) <= n && (n == 0) == (dateline_results_stories(res) == 0));
        for (size_t i = 0; i < dateline_results_size(res); i++) {
            const char *snip;
            FUZZ_ASSERT(dateline_result_snippet(dateline_results_get(res, i), 100, "[", "]",
                                                &snip) == DATELINE_OK);
        }
        dateline_query_destroy(q);
    }
    free(s);
    return 0;
}
