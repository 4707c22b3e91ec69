/* fuzz-query.c: the query language, from the parser through the query builder to a search with
 * facets and snippets, over a small index built once. Any text gives either a query or a clear
 * syntax error, never a crash; hostile queries (thousands of wildcards, 10,000-character terms,
 * deep nesting) stay bounded. An input that starts with byte 1 is read instead as the choices
 * of an expression over known atoms, written in the language's many forms, whose count must be
 * what set algebra over the atoms' matches says (the oracle). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dateline.h"
#include "fuzz.h"

static dateline_index_t *idx;
static char dir[256];

static char *ids[4]; /* the four articles' ids */

static void cleanup(void)
{
    for (int i = 0; i < 4; i++)
        free(ids[i]);
    dateline_index_close(idx);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz-query: could not remove %s\n", dir);
}

/* The atoms of the oracle, and the articles each matches as a bit set over the four. */
static const char *atoms[] = {"raqqa", "oil", "place:syria", "topic:crude", "date:2017",
                              "date:1987..1988", "\"islamic state\"", "opec*", "title:cocoa",
                              "group:opec", "tokyo", "ghana OR brazil", "*", "rates NEAR/2 banks"};
#define NATOMS (sizeof atoms / sizeof *atoms)
#define EVERY 0xFu
static unsigned atom_set[NATOMS];

static unsigned matches(const char *text)
{
    dateline_query_t *q;
    dateline_results_t *res;
    unsigned set = 0;
    FUZZ_ASSERT(dateline_query_new(idx, text, &q) == DATELINE_OK);
    FUZZ_ASSERT(dateline_query_set_all_versions(q, 1) == DATELINE_OK);
    FUZZ_ASSERT(dateline_query_run(q, 0, 10, &res) == DATELINE_OK);
    for (size_t i = 0; i < dateline_results_size(res); i++) {
        const dateline_article_t *a;
        FUZZ_ASSERT(dateline_result_article(dateline_results_get(res, i), &a) == DATELINE_OK);
        for (unsigned k = 0; k < 4; k++)
            if (strcmp(ids[k], dateline_article_get(a, DATELINE_FIELD_ID)) == 0)
                set |= 1u << k;
    }
    dateline_query_destroy(q);
    return set;
}

typedef struct {
    const uint8_t *p, *end;
    char text[4096];
    size_t n;
} gen_t;

static unsigned byte(gen_t *g) { return g->p < g->end ? *g->p++ : 0; }
static void put(gen_t *g, const char *s)
{
    size_t k = strlen(s);
    if (g->n + k < sizeof g->text) {
        memcpy(g->text + g->n, s, k);
        g->n += k;
        g->text[g->n] = '\0';
    }
}

/* Writes an expression chosen by the bytes and returns the set it must match. */
static unsigned expr(gen_t *g, int depth)
{
    unsigned op = depth >= 4 ? 0 : byte(g) % 7, a, b;
    static const char *const and_forms[] = {" ", " AND ", "\t", "  +"};
    switch (op) {
    case 0: {
        unsigned k = byte(g) % NATOMS;
        put(g, "(");
        put(g, atoms[k]);
        put(g, ")");
        return atom_set[k];
    }
    case 1:
    case 2:
        put(g, "(");
        a = expr(g, depth + 1);
        put(g, and_forms[byte(g) % 4]);
        put(g, "("); /* +NOT is the word "not", required: '+' goes before a parenthesis */
        b = expr(g, depth + 1);
        put(g, "))");
        return a & b;
    case 3:
        put(g, "(");
        a = expr(g, depth + 1);
        put(g, " OR ");
        b = expr(g, depth + 1);
        put(g, ")");
        return a | b;
    case 4:
        put(g, "(");
        a = expr(g, depth + 1);
        put(g, byte(g) % 2 ? " NOT " : " AND NOT ");
        b = expr(g, depth + 1);
        put(g, ")");
        return a & ~b & EVERY;
    case 5:
        /* -NOT is the word "not" excluded: '-' goes before a parenthesis */
        put(g, byte(g) % 2 ? "-(" : "NOT (");
        a = expr(g, depth + 1);
        put(g, ")");
        return ~a & EVERY;
    default:
        put(g, "(");
        a = expr(g, depth + 1);
        put(g, " ");
        b = expr(g, depth + 1);
        put(g, byte(g) % 2 ? " *)" : " (*))"); /* '*' adds nothing to an AND */
        return a & b;
    }
}

static void oracle(const uint8_t *data, size_t size)
{
    gen_t g = {data, data + size, "", 0};
    unsigned want = expr(&g, 0);
    if (g.n + 1 >= sizeof g.text)
        return; /* cut short: no promise */
    dateline_query_t *q;
    size_t n;
    dateline_status_t st = dateline_query_new(idx, g.text, &q);
    if (st != DATELINE_OK)
        fprintf(stderr, "fuzz-query: [%s]: %s\n", g.text, dateline_index_message(idx));
    FUZZ_ASSERT(st == DATELINE_OK);
    FUZZ_ASSERT(dateline_query_count(q, &n) == DATELINE_OK);
    dateline_query_destroy(q);
    if (n != (size_t)__builtin_popcount(want) || matches(g.text) != want)
        fprintf(stderr, "fuzz-query: [%s] counts %zu, the algebra says %d (set %x)\n", g.text, n,
                __builtin_popcount(want), want);
    FUZZ_ASSERT(n == (size_t)__builtin_popcount(want));
    FUZZ_ASSERT(matches(g.text) == want);
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
    /* the oracle's atoms: what each matches, by article id */
    dateline_query_t *all;
    dateline_results_t *res;
    if (dateline_query_new(idx, "*", &all) != DATELINE_OK ||
        dateline_query_set_all_versions(all, 1) != DATELINE_OK ||
        dateline_query_run(all, 0, 10, &res) != DATELINE_OK || dateline_results_size(res) != 4)
        abort();
    for (size_t i = 0; i < 4; i++) {
        const dateline_article_t *a;
        if (dateline_result_article(dateline_results_get(res, i), &a) != DATELINE_OK ||
            !(ids[i] = strdup(dateline_article_get(a, DATELINE_FIELD_ID))))
            abort();
    }
    dateline_query_destroy(all);
    for (size_t k = 0; k < NATOMS; k++)
        atom_set[k] = matches(atoms[k]);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 20000)
        return 0;
    if (size && data[0] == 1) {
        oracle(data + 1, size - 1);
        return 0;
    }
    char *s = fuzz_string(data, size);
    if (!s)
        return 0;
    dateline_query_t *q;
    dateline_status_t st = dateline_query_new(idx, s, &q);
    FUZZ_ASSERT(st == DATELINE_OK || st == DATELINE_QUERY_SYNTAX || st == DATELINE_NO_MEMORY);
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
        size_t stories;
        FUZZ_ASSERT(dateline_results_stories(res, &stories) == DATELINE_OK);
        FUZZ_ASSERT(stories <= n && (n == 0) == (stories == 0));
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
