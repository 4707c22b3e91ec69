/* answer.c: how dateline-search answers a search: the query made from the options, a list of
 * results fetched and printed page by page, a count or an article printed once whole, each run
 * again from a fresh revision when a writer changes the index under it; --stdin's queries one
 * a line; and what to say when something went wrong. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { MAX_ATTEMPTS = 10 }; /* runs of a search the index changed under, before giving up */
enum { FIRST_PAGE = 50, MAX_PAGE = 6400 }; /* results fetched at once: 50, then twice as many */

static int write_errno; /* why writing the results failed (EPIPE: the reader went away) */

/* The query with the search's order and, when `spies`, its facets and timeline. */
static dateline_status_t new_query(dateline_index_t *idx, const search_t *s, int spies,
                                   dateline_query_t **q)
{
    dateline_status_t st;
    if (s->similar) {
        const char *filter = s->query[strspn(s->query, " \t\n")] ? s->query : NULL;
        st = dateline_query_new_similar(idx, s->similar, filter, q);
    } else {
        st = dateline_query_new(idx, s->query, q);
    }
    if (st != DATELINE_OK)
        return st;
    st = dateline_query_set_sort(*q, s->sort);
    if (st == DATELINE_OK)
        st = dateline_query_set_half_life(*q, s->half_life, 2.0);
    if (st == DATELINE_OK)
        st = dateline_query_set_all_versions(*q, s->all_versions);
    if (st == DATELINE_OK)
        st = dateline_query_set_total_bound(*q, s->total_bound);
    for (size_t k = 0; spies && k < s->nfacets && st == DATELINE_OK; k++)
        st = dateline_query_add_facet(*q, s->facets[k], s->facet_top[k]);
    if (st == DATELINE_OK && spies)
        st = dateline_query_set_timeline(*q, s->timeline);
    if (st == DATELINE_OK && spies && s->by_top)
        st = dateline_query_set_timeline_by(*q, s->by, s->by_top);
    if (st != DATELINE_OK) {
        dateline_query_destroy(*q);
        *q = NULL;
    }
    return st;
}

/* Writes len bytes to out and flushes them; 0 (with write_errno set) when that fails. */
static int put(FILE *out, const char *text, size_t len)
{
    errno = 0;
    if (fwrite(text, 1, len, out) == len && fflush(out) == 0)
        return 1;
    write_errno = errno ? errno : EIO;
    return 0;
}

/* Fetches results from .. from+n-1 of q and prints them, in memory first and then to out at
 * once: a page that fails prints nothing. The first page (when t is not NULL) also prints
 * what goes before the results, fills *t, and keeps what goes after them (facets, timeline,
 * the SVG chart) in *tail, since results must not be read after a reopen. *got: how many
 * results the page held. */
static dateline_status_t page(dateline_query_t *q, const search_t *s, const out_t *o,
                              size_t from, size_t n, out_totals_t *t, char **tail,
                              size_t *taillen, FILE *out, size_t *got)
{
    dateline_results_t *res;
    char *text = NULL;
    size_t len = 0;
    dateline_status_t st = dateline_query_run(q, from, n, &res);
    if (st != DATELINE_OK)
        return st;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        dateline_results_destroy(res);
        return DATELINE_NO_MEMORY;
    }
    if (t) {
        t->total = dateline_results_total(res);
        t->exact = dateline_results_total_exact(res);
        t->bound = s->total_bound;
        /* past the bound, text prints no count of stories, JSON a lower bound */
        t->stories = t->total;
        if (out_wants_stories(s->fmt) && (t->exact || s->fmt != OUT_TEXT))
            st = dateline_results_stories(res, &t->stories);
        out_begin(mem, o, t);
        FILE *tm = open_memstream(tail, taillen);
        if (!tm)
            st = DATELINE_NO_MEMORY;
        else {
            out_facets(tm, o, res, s->facets, s->nfacets, s->period);
            if (fclose(tm) != 0)
                st = DATELINE_NO_MEMORY;
        }
    }
    *got = dateline_results_size(res);
    for (size_t k = 0; k < *got && st == DATELINE_OK; k++)
        st = out_result(mem, o, dateline_results_get(res, k), from - s->offset + k);
    if (fclose(mem) != 0 && st == DATELINE_OK)
        st = DATELINE_NO_MEMORY;
    if (st == DATELINE_OK && !put(out, text, len))
        st = DATELINE_FILE_ERROR;
    free(text);
    dateline_results_destroy(res);
    return st;
}

/* Lists the results page by page, each printed and flushed as soon as it is in hand, so that
 * the first results show (and `| head` ends the search) long before the last are found. The
 * totals, facets and timeline come with the first page. When a writer changes the index
 * under the search, the page is fetched again from a fresh revision: the first from the
 * start, a later one from where the list had got to. */
static dateline_status_t list(dateline_index_t *idx, const search_t *s, FILE *out, int *rc)
{
    out_t o = {s->fmt,         s->label,          s->offset,
               s->color,       s->width,          s->limit > 0,
               s->all_versions, s->explain ? idx : NULL};
    out_totals_t t = {0, 0, 1, 0, dateline_index_dead_shard(idx, 0) != NULL};
    dateline_query_t *q = NULL;
    dateline_status_t st;
    char *tail = NULL;
    size_t taillen = 0, shown = 0, size = s->limit < FIRST_PAGE ? s->limit : FIRST_PAGE, got = 0;
    for (int attempt = 1;; attempt++) {
        st = new_query(idx, s, 1, &q);
        if (st == DATELINE_OK)
            st = page(q, s, &o, s->offset, size, &t, &tail, &taillen, out, &got);
        dateline_query_destroy(q);
        q = NULL;
        if (st != DATELINE_MODIFIED || attempt == MAX_ATTEMPTS)
            break;
        free(tail);
        tail = NULL;
        if ((st = dateline_index_reopen(idx)) != DATELINE_OK)
            break;
    }
    /* the later pages, without facets and timeline, which the first page had; while a page
     * comes back full, since a total past the bound is a lower bound, not the list's end */
    shown = got;
    while (st == DATELINE_OK && got == size && shown < s->limit &&
           (!t.exact || s->offset + shown < t.total)) {
        size = size * 2 < MAX_PAGE ? size * 2 : MAX_PAGE;
        size = size < s->limit - shown ? size : s->limit - shown;
        for (int attempt = 1;; attempt++) {
            if (!q)
                st = new_query(idx, s, 0, &q);
            if (st == DATELINE_OK)
                st = page(q, s, &o, s->offset + shown, size, NULL, NULL, NULL, out, &got);
            if (st != DATELINE_MODIFIED || attempt == MAX_ATTEMPTS)
                break;
            if ((st = dateline_index_reopen(idx)) != DATELINE_OK)
                break;
        }
        shown += st == DATELINE_OK ? got : 0;
    }
    if (!t.exact && s->offset + shown > t.total) /* a lower bound: at least what was listed */
        t.total = s->offset + shown;
    dateline_query_destroy(q);
    if (st == DATELINE_OK) {
        char *end = NULL;
        size_t endlen = 0;
        FILE *mem = open_memstream(&end, &endlen);
        if (!mem)
            st = DATELINE_NO_MEMORY;
        else {
            out_end(mem, &o, &t, shown, tail, taillen);
            if (fclose(mem) != 0)
                st = DATELINE_NO_MEMORY;
            else if (!put(out, end, endlen))
                st = DATELINE_FILE_ERROR;
        }
        free(end);
    }
    free(tail);
    if (st == DATELINE_OK)
        *rc = t.total ? 0 : 1;
    return st;
}

/* Runs a search once, printing to out, with the exit status in *rc. On DATELINE_MODIFIED the
 * caller reopens the index and runs it again. */
static dateline_status_t search_once(dateline_index_t *idx, const search_t *s, FILE *out,
                                     int *rc)
{
    dateline_status_t st;
    *rc = 2;
    if (s->show)
        return cli_show(idx, s, out, rc);
    if (s->similar) {
        /* an id the index does not hold is "nothing matched", as for --show */
        dateline_query_t *q = NULL;
        st = new_query(idx, s, 0, &q);
        dateline_query_destroy(q);
        if (st == DATELINE_NOT_FOUND) {
            fprintf(stderr, "%s: %s\n", cli_prog, dateline_index_message(idx));
            *rc = 1;
            return DATELINE_OK;
        }
        if (st != DATELINE_OK)
            return st;
    }
    if (s->count) {
        dateline_query_t *q;
        size_t n;
        st = new_query(idx, s, 0, &q);
        if (st == DATELINE_OK)
            st = dateline_query_count(q, &n);
        if (st == DATELINE_OK) {
            out_count(out, s->fmt, s->label, n);
            *rc = n ? 0 : 1;
        }
        dateline_query_destroy(q);
        return st;
    }
    return list(idx, s, out, rc);
}

/* Runs a search and prints the whole answer to out once it is in hand: when a writer changes
 * the index under the search, it starts again from a fresh revision (up to MAX_ATTEMPTS
 * times), and nothing half-done has been printed. */
static dateline_status_t answer(dateline_index_t *idx, const search_t *s, FILE *out, int *rc)
{
    dateline_status_t st = DATELINE_OK;
    *rc = 2;
    for (int attempt = 1;; attempt++) {
        char *text = NULL;
        size_t textlen = 0;
        FILE *mem = open_memstream(&text, &textlen);
        if (!mem)
            return DATELINE_NO_MEMORY;
        st = search_once(idx, s, mem, rc);
        if (fclose(mem) != 0 && st == DATELINE_OK)
            st = DATELINE_NO_MEMORY;
        if (st == DATELINE_OK)
            fwrite(text, 1, textlen, out);
        free(text);
        if (st != DATELINE_MODIFIED || attempt == MAX_ATTEMPTS)
            return st;
        if ((st = dateline_index_reopen(idx)) != DATELINE_OK)
            return st;
    }
}

/* --stdin: each answer is flushed at once; a query that fails gets a line with "error" and
 * the next is read. Each query first moves to the newest revision, so a long-lived process
 * sees what was indexed since. */
int cli_answer_lines(dateline_index_t *idx, search_t *s)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int status = 0;
    while ((len = getline(&line, &cap, stdin)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        s->query = s->label = line;
        int rc;
        const char *why = NULL;
        dateline_status_t st = dateline_index_reopen(idx);
        if (st == DATELINE_OK && !line[strspn(line, " \t")]) {
            st = DATELINE_BAD_ARGUMENT;
            why = "no query: give words to search for, or * for every article";
        }
        if (st == DATELINE_OK)
            st = answer(idx, s, stdout, &rc);
        if (st != DATELINE_OK)
            out_error(stdout, line, st, why ? why : st == DATELINE_NO_MEMORY
                                                        ? dateline_status_to_string(st)
                                                        : dateline_index_message(idx));
        if (fflush(stdout) != 0) {
            status = 2;
            if (errno != EPIPE)
                fprintf(stderr, "%s: cannot write the answers: %s\n", cli_prog,
                        strerror(errno));
            break;
        }
    }
    if (ferror(stdin)) {
        fprintf(stderr, "%s: cannot read the queries: %s\n", cli_prog, strerror(errno));
        status = 2;
    }
    free(line);
    return status;
}

/* Tells what went wrong with a search or an article (when something did): the exit status. */
static int report(dateline_index_t *idx, dateline_status_t st, int rc)
{
    if (write_errno) {
        /* the reader went away (| head, a pager closed early): nothing to say */
        if (write_errno != EPIPE)
            fprintf(stderr, "%s: cannot write the results: %s\n", cli_prog,
                    strerror(write_errno));
        return write_errno == EPIPE ? 0 : 2;
    }
    if (st == DATELINE_OK)
        return rc;
    if (st == DATELINE_NO_MEMORY)
        fprintf(stderr, "%s: out of memory\n", cli_prog);
    else if (st == DATELINE_QUERY_SYNTAX || st == DATELINE_BAD_ARGUMENT)
        fprintf(stderr, "%s: in the query: %s\nTry '%s --help' for the query language.\n",
                cli_prog, dateline_index_message(idx), cli_prog);
    else if (st == DATELINE_MODIFIED)
        fprintf(stderr, "%s: %s (tried %d times)\n", cli_prog, dateline_index_message(idx),
                MAX_ATTEMPTS);
    else
        fprintf(stderr, "%s: %s\n", cli_prog, dateline_index_message(idx));
    return 2;
}

int cli_run(dateline_index_t *idx, const search_t *sr, const options_t *o, size_t rows,
            size_t cols)
{
    int rc = 2;
    FILE *pager = !o->no_pager && isatty(1) ? cli_pager_open(rows, cols) : NULL;
    FILE *out = pager ? pager : stdout;
    /* an article or a count is printed once whole; a list page by page */
    dateline_status_t st = o->show || o->count ? answer(idx, sr, out, &rc)
                                               : search_once(idx, sr, out, &rc);
    rc = report(idx, st, rc);
    errno = 0;
    if (!write_errno && (out != stdout ? fclose(out) : fflush(stdout)) != 0) {
        if (errno != EPIPE) {
            fprintf(stderr, "%s: cannot write the results: %s\n", cli_prog,
                    strerror(errno ? errno : EIO));
            rc = 2;
        }
    } else if (out != stdout && write_errno) {
        fclose(out);
    }
    return rc;
}
