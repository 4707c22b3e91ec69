/* unit-nomem.c: allocation-failure injection, as curl and SQLite do it. malloc and its kin are
 * replaced here by versions that fail at the Nth call; each scenario is run with N = 1, 2, ...
 * (every allocation for the first 100 or 500, then a sample across the rest). Whatever fails,
 * the library must return an error (never crash) and leave nothing allocated behind. Every
 * reader is failed inside, and the index adds, updates, copies, deletes and chains articles
 * with new text in every run (a serial number), so that no run takes the "unchanged" way out.
 * In sanitizer builds ASan owns malloc, so there the test says so and stops: the plain build
 * runs it. */
#include <config.h>

#include <dlfcn.h>
#include <execinfo.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dateline.h"
#include "../indexer/extract.h"
#include "tap.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

/* seen by the shared libraries too (the build hides symbols by default) */
#define EXPORT __attribute__((visibility("default")))

static long countdown = -1; /* allocations left before one fails; -1: none fails */
static long calls, live, failures;
static int in_xapian; /* the allocation made to fail was Xapian's own */

/* Whether the allocation being made is made inside the library named `lib`, or (when `fn` is
 * not NULL) inside one of its exported functions whose name holds `fn`. */
__attribute__((noinline)) static int made_in(const char *lib, const char *fn)
{
    void *frames[24];
    int n = backtrace(frames, 24); /* loaded in main(), so it allocates nothing here */
    for (int i = 0; i < n; i++) {
        Dl_info info;
        if (dladdr(frames[i], &info) && info.dli_fname && strstr(info.dli_fname, lib) &&
            (!fn || (info.dli_sname && strstr(info.dli_sname, fn))))
            return 1;
    }
    return 0;
}

/* Notes whether the failing allocation was made inside libxapian: Xapian 1.4.22 leaks some
 * of its query tree when an allocation fails inside its matcher, which is not ours to fix. */
__attribute__((noinline)) void failed_here(void)
{
    in_xapian = made_in("libxapian", NULL);
}
static int hold; /* nonzero: allocations neither count nor fail (see search()) */

static int fail_now(void)
{
    if (hold)
        return 0;
    calls++;
    if (countdown < 0)
        return 0;
    /* Two places where the libraries cannot fail an allocation, so that the next one made
     * elsewhere fails instead: libxml2 2.9.14's HTML parser loops for ever when one of its
     * own allocations fails, and Xapian 1.4.22 ends the process (std::terminate: a bad_alloc
     * through a noexcept function) when one fails while it writes a commit. */
    if (countdown == 0 && (made_in("libxml2", NULL) ||
                           made_in("libxapian", "WritableDatabase18commit_transaction") ||
                           made_in("libxapian", "WritableDatabase6commit") ||
                           made_in("libxapian", "WritableDatabaseD")))
        return 0;
    if (countdown-- == 0) {
        failures++;
        failed_here(); /* a place for a debugger's breakpoint */
        return 1;
    }
    return 0;
}

EXPORT void *malloc(size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __libc_malloc(n);
    live += p != NULL;
    return p;
}

EXPORT void *calloc(size_t k, size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __libc_calloc(k, n);
    live += p != NULL;
    return p;
}

EXPORT void *realloc(void *old, size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __libc_realloc(old, n);
    if (!old)
        live += p != NULL;
    else if (n == 0 && !p)
        live--;
    return p;
}

EXPORT void *aligned_alloc(size_t a, size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __libc_memalign(a, n);
    live += p != NULL;
    return p;
}

EXPORT int posix_memalign(void **out, size_t a, size_t n)
{
    if (fail_now())
        return 12; /* ENOMEM */
    *out = __libc_memalign(a, n);
    live += *out != NULL;
    return *out ? 0 : 12;
}

EXPORT void free(void *p)
{
    if (p)
        live--;
    __libc_free(p);
}

static char dir[256];

/* Articles through the C code: set, extract places and groups, store and read back. */
static int articles(void)
{
    dateline_article_t *a;
    if (dateline_article_new(&a) != DATELINE_OK)
        return 1;
    int bad = 0;
    if (dateline_article_set(a, DATELINE_FIELD_TITLE, "SDF takes Raqqa from Islamic State") ||
        dateline_article_set(a, DATELINE_FIELD_BODY,
                             "BEIRUT (Reuters) - The Syrian Democratic Forces (SDF) said they "
                             "took Raqqa. Caf\xe9 owners in Deir al-Zor and Damascus cheered.") ||
        dateline_article_set(a, DATELINE_FIELD_DATE, "2017-10-17") ||
        dateline_article_set(a, DATELINE_FIELD_PLACES, "ruritania")) /* a label none knows */
        bad = 1;
    if (!bad && dl_extract_places(a) == DATELINE_OK) {
        dl_definition_t defs[16];
        size_t ndefs, len;
        uint64_t h;
        if (dl_extract_groups(a, defs, 16, &ndefs, NULL, 0) == DATELINE_OK) {
            char *rec = dl_store_encode(a, &len, &h);
            dateline_article_t *back;
            if (rec && dl_store_decode(rec, len, &back) == DATELINE_OK)
                dateline_article_destroy(back);
            free(rec);
        }
    }
    dateline_article_destroy(a);
    return 0;
}

/* The inputs of the reader scenarios: two written here, the others corpus/formats' samples
 * (read before any allocation fails), so that every reader is failed inside. */
static struct input {
    const char *name; /* the scenario's */
    const char *file; /* under corpus/formats, or NULL for text */
    char *text;
    size_t len;
} inputs[] = {
    {"reader sgml", NULL,
     "<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE><PLACES><D>el-salvador</D>"
     "</PLACES><TEXT><TITLE>COCOA RAINS</TITLE><DATELINE>SALVADOR, Feb 26 - </DATELINE>"
     "<BODY>Showers continued &lt;OPEC&gt; in Bahia.</BODY></TEXT></REUTERS>\n"
     "<REUTERS NEWID=\"8\"><TEXT><TITLE>ONLY A TITLE</TITLE></TEXT></REUTERS>\n", 0},
    {"reader text", NULL,
     "Headline \x93quoted\x94\n\nOctober 18, 2017\n\nMOSUL, Iraq (Reuters) - Iraqi forces "
     "advanced.\n", 0},
    {"reader csv", "export.csv", NULL, 0},
    {"reader json", "feed.jsonl", NULL, 0},
    {"reader mbox", "mailbox.mbox", NULL, 0},
    {"reader usenet", "usenet/20190802-rec-travel-europe", NULL, 0},
    {"reader html", "html/valletta-ferry.html", NULL, 0},
    {"reader newsml", "newsml/19960822-two-items.xml", NULL, 0},
};
static const struct input *input; /* the reader scenario's */

static int load_inputs(void)
{
    const char *top = getenv("top_srcdir");
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        if (!inputs[i].file) {
            inputs[i].len = strlen(inputs[i].text);
            continue;
        }
        char path[512];
        snprintf(path, sizeof path, "%s/corpus/formats/%s", top ? top : ".", inputs[i].file);
        FILE *f = fopen(path, "rb");
        if (!f)
            return 0;
        inputs[i].text = malloc(1 << 16);
        inputs[i].len = inputs[i].text ? fread(inputs[i].text, 1, 1 << 16, f) : 0;
        fclose(f);
        if (!inputs[i].len)
            return 0;
    }
    return 1;
}

/* A reader over one input, every article to the end. */
static int reader_one(void)
{
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_status_t st =
        dateline_reader_open_memory(input->text, input->len, input->name, NULL, &rd, &msg);
    dateline_free(msg);
    if (st != DATELINE_OK)
        return 0;
    dateline_article_t *a;
    while ((st = dateline_reader_next(rd, &a)) == DATELINE_OK || st == DATELINE_BAD_INPUT)
        ;
    dateline_reader_destroy(rd);
    return 0;
}

/* The scenarios' index ("write", which the index scenarios fill, or "read", which search
 * reads), or NULL when opening it failed. */
static dateline_index_t *open_db(const char *name, unsigned mode)
{
    dateline_index_t *idx;
    char *msg = NULL;
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (dateline_index_open(path, mode, &idx, &msg) != DATELINE_OK) {
        dateline_free(msg);
        return NULL;
    }
    return idx;
}

static long serial; /* numbers each run's texts, so that every run brings new content */

/* Opens the write index for a scenario that fails only what it adds and deletes: opening,
 * committing and closing (failed by the updates scenario) are held. */
static dateline_index_t *open_held(void)
{
    hold = 1;
    dateline_index_t *idx = open_db("write", DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC);
    hold = 0;
    return idx;
}

static void close_held(dateline_index_t *idx)
{
    hold = 1;
    dateline_index_close(idx);
    hold = 0;
}

/* Adds an article from FILE and KEY (either may be NULL) with that id (NULL: made from the
 * content), dated 2017-10-17, whose body is 40 words drawn by the run's serial number, so
 * that runs neither repeat nor resemble each other (one story chain across all runs would
 * make every add compare with hundreds of candidates), then `what`. */
static dateline_status_t add_one(dateline_index_t *idx, const char *file, const char *key,
                                 const char *id, const char *what, dateline_outcome_t *out)
{
    static const char *words[] = {
        "oil",    "grain",   "ministers", "output",  "talks",    "Vienna",  "Lagos",  "cartel",
        "prices", "rose",    "fell",      "agreed",  "steady",   "quota",   "barrel", "exports",
        "said",   "Tuesday", "reporters", "night",   "council",  "banks",   "rates",  "shipping",
        "port",   "strike",  "union",     "wages",   "farmers",  "rain",    "harvest", "cocoa",
        "copper", "mine",    "budget",    "deficit", "bonds",    "yields",  "traders", "futures",
        "court",  "ruling",  "appeal",    "police",  "border",   "customs", "tariff", "steel",
        "ferry",  "airport", "pilots",    "fuel",    "refinery", "tanker",  "pipeline", "gas",
        "power",  "grid",    "storm",     "flood",   "election", "vote",    "party",  "leader"};
    dateline_article_t *a;
    dateline_status_t st = dateline_article_new(&a);
    if (st != DATELINE_OK)
        return st;
    char body[1024];
    size_t len = (size_t)snprintf(body, sizeof body, "VIENNA (Reuters) -");
    unsigned long x = (unsigned long)serial * 2654435761UL + 12345;
    for (int w = 0; w < 40; w++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        len += (size_t)snprintf(body + len, sizeof body - len, " %s", words[(x >> 33) % 64]);
    }
    snprintf(body + len, sizeof body - len, ". %s", what);
    if ((st = dateline_article_set(a, DATELINE_FIELD_TITLE, "OPEC holds output steady")) ||
        (st = dateline_article_set(a, DATELINE_FIELD_BODY, body)) ||
        (st = dateline_article_set(a, DATELINE_FIELD_DATE, "2017-10-17")) ||
        (file && (st = dateline_article_set(a, DATELINE_FIELD_FILE, file))) ||
        (key && (st = dateline_article_set(a, DATELINE_FIELD_KEY, key))) ||
        (id && (st = dateline_article_set(a, DATELINE_FIELD_ID, id)))) {
        dateline_article_destroy(a);
        return st;
    }
    st = dateline_index_add(idx, a, out);
    dateline_article_destroy(a);
    return st;
}

/* Copies and updates: an article with an id of its own gets new text each run from one file
 * (updated, keeping the copy's origin), then the same text from a copy (a duplicate: it gains
 * an origin). */
static int index_updates(void)
{
    dateline_index_t *idx = open_db("write", DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC);
    if (!idx)
        return 0;
    serial++;
    if (add_one(idx, "u/one.csv", "1", "update-me", "", NULL) == DATELINE_OK)
        add_one(idx, "u/two.csv", "1", "update-me", "", NULL);
    dateline_index_commit(idx);
    dateline_index_close(idx);
    return 0;
}

/* An edited file: the same file and key with new text replaces what it gave, which another
 * file gave too (it keeps that origin). */
static int index_edits(void)
{
    dateline_index_t *idx = open_held();
    if (!idx)
        return 0;
    serial++;
    if (add_one(idx, "e/a.txt", NULL, NULL, "Edited.", NULL) == DATELINE_OK)
        add_one(idx, "e/b.txt", NULL, NULL, "Edited.", NULL);
    close_held(idx);
    return 0;
}

/* Deletes: by id, an origin read once (the article goes), a folder holding one of two copies
 * (the article stays). */
static int index_deletes(void)
{
    dateline_index_t *idx = open_held();
    if (!idx)
        return 0;
    serial++;
    char id[32], file[48];
    size_t deleted, kept;
    snprintf(id, sizeof id, "delete-%ld", serial);
    snprintf(file, sizeof file, "d/%ld.txt", serial);
    if (add_one(idx, "d/x.txt", "1", id, "By id.", NULL) == DATELINE_OK)
        dateline_index_delete(idx, id);
    if (add_one(idx, file, NULL, NULL, "By file.", NULL) == DATELINE_OK)
        dateline_index_delete_origin(idx, file, &deleted, &kept);
    if (add_one(idx, "k1/x.txt", NULL, NULL, "Two copies.", NULL) == DATELINE_OK &&
        add_one(idx, "k2/x.txt", NULL, NULL, "Two copies.", NULL) == DATELINE_OK)
        dateline_index_delete_origin(idx, "k1", &deleted, &kept);
    close_held(idx);
    return 0;
}

/* Story chains: a second version of a story (a word changed, other key) joins the first's. */
static int index_chains(void)
{
    dateline_index_t *idx = open_held();
    if (!idx)
        return 0;
    serial++;
    if (add_one(idx, "c/wire.csv", "1", NULL, "First version.", NULL) == DATELINE_OK)
        add_one(idx, "c/wire.csv", "2", NULL, "Second version.", NULL);
    close_held(idx);
    return 0;
}

/* What search reads: three articles, made once before any allocation fails. */
static int search_index(void)
{
    dateline_index_t *idx = open_db("read", DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC);
    if (!idx)
        return 0;
    for (int i = 0; i < 3; i++) {
        dateline_article_t *a;
        if (dateline_article_new(&a) != DATELINE_OK)
            return 0;
        char title[64];
        snprintf(title, sizeof title, "Story %d about OPEC oil in Vienna", i);
        dateline_article_set(a, DATELINE_FIELD_TITLE, title);
        dateline_article_set(a, DATELINE_FIELD_BODY, "VIENNA (Reuters) - OPEC ministers met.");
        dateline_status_t st = dateline_index_add(idx, a, NULL);
        dateline_article_destroy(a);
        if (st != DATELINE_OK)
            return 0;
    }
    return dateline_index_close(idx) == DATELINE_OK;
}

/* Searching: facets, results, articles and snippets. The query is parsed outside the
 * injection: Xapian 1.4.22's QueryParser frees a wild pointer when an allocation fails inside
 * it (seen here), which no code of ours can guard against. */
static int search(void)
{
    dateline_index_t *idx = open_db("read", DATELINE_OPEN_READ);
    if (!idx)
        return 0;
    dateline_query_t *q;
    hold = 1;
    dateline_status_t st = dateline_query_new(idx, "oil place:austria date:..2030", &q);
    hold = 0;
    if (st == DATELINE_OK) {
        dateline_results_t *res;
        size_t n;
        dateline_query_count(q, &n);
        dateline_query_add_facet(q, DATELINE_FIELD_PLACES, 3);
        dateline_query_set_timeline(q, DATELINE_TIMELINE_MONTH);
        dateline_query_set_timeline_by(q, DATELINE_FIELD_GROUPS, 2);
        if (dateline_query_run(q, 0, 10, &res) == DATELINE_OK && dateline_results_size(res)) {
            const char *snip;
            const dateline_article_t *a;
            dateline_result_article(dateline_results_get(res, 0), &a);
            dateline_result_snippet(dateline_results_get(res, 0), 80, "[", "]", &snip);
        }
        dateline_query_destroy(q);
    }
    dateline_index_close(idx);
    return 0;
}

/* More like this: the relevance feedback, the query and its run. The id is found, and the
 * filter parsed, outside the injection (see search()); a similar query without a filter
 * parses nothing. */
static int similar(void)
{
    dateline_index_t *idx = open_db("read", DATELINE_OPEN_READ);
    if (!idx)
        return 0;
    dateline_query_t *q = NULL, *first = NULL;
    dateline_results_t *res;
    char id[64] = "";
    const dateline_article_t *a;
    hold = 1;
    if (dateline_query_new(idx, "oil", &first) == DATELINE_OK &&
        dateline_query_run(first, 0, 1, &res) == DATELINE_OK && dateline_results_size(res) &&
        dateline_result_article(dateline_results_get(res, 0), &a) == DATELINE_OK)
        snprintf(id, sizeof id, "%s", dateline_article_get(a, DATELINE_FIELD_ID));
    dateline_query_destroy(first);
    hold = 0;
    if (*id && dateline_query_new_similar(idx, id, NULL, &q) == DATELINE_OK) {
        size_t n;
        dateline_query_count(q, &n);
        if (dateline_query_run(q, 0, 10, &res) == DATELINE_OK && dateline_results_size(res)) {
            const char *snip;
            dateline_result_snippet(dateline_results_get(res, 0), 80, "[", "]", &snip);
        }
        dateline_query_destroy(q);
    }
    dateline_index_close(idx);
    return 0;
}

/* Explaining an article: its extraction run again with a recorder, the learned aliases, the
 * getters. The id is found outside the injection (see search()). */
static int explain(void)
{
    dateline_index_t *idx = open_db("read", DATELINE_OPEN_READ);
    if (!idx)
        return 0;
    dateline_query_t *first = NULL;
    dateline_results_t *res;
    dateline_explanation_t *e = NULL;
    char id[64] = "";
    const dateline_article_t *a;
    hold = 1;
    if (dateline_query_new(idx, "oil", &first) == DATELINE_OK &&
        dateline_query_run(first, 0, 1, &res) == DATELINE_OK && dateline_results_size(res) &&
        dateline_result_article(dateline_results_get(res, 0), &a) == DATELINE_OK)
        snprintf(id, sizeof id, "%s", dateline_article_get(a, DATELINE_FIELD_ID));
    dateline_query_destroy(first);
    hold = 0;
    if (*id && dateline_index_explain(idx, id, &e) == DATELINE_OK) {
        const char *name, *words;
        size_t n;
        dateline_explanation_entity(e, 0, NULL, NULL, &name, NULL);
        dateline_explanation_mentions(e, 0, &n);
        dateline_explanation_mention(e, 0, 0, NULL, NULL, NULL, &words, NULL);
    }
    dateline_explanation_destroy(e);
    dateline_index_close(idx);
    return 0;
}

typedef int (*scenario_fn)(void);

/* A scenario fails every one of its first `first` allocations in turn, then about SPREAD
 * more spread over the rest (make check must stay fast: a run of an index scenario writes
 * and commits an index). */
enum { SPREAD = 150 };

/* Runs a scenario failing at each allocation in turn; returns how many runs leaked. */
static void inject(const char *name, scenario_fn f, long first)
{
    countdown = -1;
    f(); /* once whole: one-time caches (iconv modules, the gazetteer) fill here */
    f();
    long before = live, c0 = calls;
    f();
    long total = calls - c0, leaked_whole = live - before;
    long runs = 0, leaks = 0, xapian_leaks = 0;
    long step = total > first ? (total - first) / SPREAD + 1 : 1;
    for (long n = 0; n < total; n += n < first ? 1 : step) {
        before = live;
        in_xapian = 0;
        countdown = n;
        f();
        countdown = -1;
        runs++;
        if (live != before && in_xapian) {
            xapian_leaks++;
        } else if (live != before) {
            if (!leaks)
                printf("# %s: failing allocation %ld of %ld leaves %ld allocations behind\n",
                       name, n + 1, total, live - before);
            leaks++;
        }
    }
    is_int(leaked_whole, 0, "%s: nothing left behind when nothing fails", name);
    if (xapian_leaks)
        printf("# %s: %ld runs failed an allocation inside Xapian's matcher, which then leaked "
               "(a Xapian limitation; none of these is in Dateline's code)\n", name, xapian_leaks);
    ok(leaks == 0, "%s: %ld runs, each failing one of its %ld allocations: no crash, no leak of ours",
       name, runs, total);
}

int main(void)
{
    void *warm[2];
    backtrace(warm, 2); /* loads libgcc's unwinder now, not while counting */
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/dateline-nomem.XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("Bail out! no temporary folder\n");
        return 1;
    }
    /* iconv's modules stay loaded while one is open: glibc unloads an unused one a few
     * iconv_open()s later, which would count as allocations freed by another run */
    static const char *charsets[] = {"WINDOWS-1252", "ISO-8859-1", "US-ASCII", "UTF-16LE",
                                     "UTF-16BE"};
    for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
        iconv_open("UTF-8", charsets[i]);
    if (!load_inputs() || !search_index()) {
        printf("Bail out! cannot read corpus/formats (top_srcdir) or write an index in %s\n", dir);
        return 1;
    }
    inject("articles", articles, 500);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        input = &inputs[i];
        inject(input->name, reader_one, 500);
    }
    inject("index updates", index_updates, 300);
    inject("index edits", index_edits, 100000);
    inject("index deletes", index_deletes, 800);
    inject("index chains", index_chains, 100000);
    inject("search", search, 500);
    inject("similar", similar, 500);
    inject("explain", explain, 500);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    done_testing();
}
#else
int main(void)
{
    printf("1..0 # SKIP AddressSanitizer owns malloc here; the plain build injects failures\n");
    return 0;
}
#endif
