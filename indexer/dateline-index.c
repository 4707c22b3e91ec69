/* dateline-index.c: the program that reads wire articles from files and folders into an index. */
#include <config.h>

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest.h"
#include "../search/index-path.h"

const char *prog = "dateline-index";

/* --compact: the shards merged into one compact index (a plain one compacted). */
static int compact(const char *index_arg, int quiet)
{
    char *path = dl_index_path(index_arg, 0);
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
        return 2;
    }
    unsigned shards = dateline_shards_count(path);
    char *msg = NULL;
    dateline_status_t st = dateline_index_compact(path, &msg);
    if (st != DATELINE_OK)
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
    else if (!quiet && shards)
        fprintf(stderr, "%s: %s: %u shards merged into one compact index\n", prog, path, shards);
    else if (!quiet)
        fprintf(stderr, "%s: %s: compacted\n", prog, path);
    dateline_free(msg);
    free(path);
    return st == DATELINE_OK ? 0 : st == DATELINE_LOCKED ? 3 : 2;
}

/* --stats: what the index holds. */
static int print_stats(const char *index_arg)
{
    char *path = dl_index_path(index_arg, 0);
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
        return 2;
    }
    char *what = dl_index_path_check(path, 0);
    if (what) {
        fprintf(stderr, "%s: %s\n", prog, what);
        free(what);
        free(path);
        return 2;
    }
    dateline_index_t *idx;
    char *msg = NULL;
    dateline_status_t st = dateline_index_open(path, DATELINE_OPEN_READ, &idx, &msg);
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        free(path);
        return 2;
    }
    dateline_stats_t s = DATELINE_STATS_INIT;
    if ((st = dateline_index_stats(idx, &s)) != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, dateline_index_message(idx));
        dateline_index_close(idx);
        free(path);
        return 2;
    }
    printf("index      %s\n", path);
    printf("articles   %zu\n", s.articles);
    if (s.dated)
        printf("dates      %s to %s (%zu dated, %zu undated)\n", s.first, s.last, s.dated,
               s.articles - s.dated);
    else
        printf("dates      none dated\n");
    printf("origins    %zu %s; %zu %s read from more than one\n", s.origins,
           noun(s.origins, "file", "files"), s.copies,
           noun(s.copies, "article was", "articles were"));
    printf("size       %.1f MB on disk\n", (double)s.bytes / 1e6);
    static const struct {
        const char *label;
        dateline_field_t field;
        size_t top;
    } lists[] = {{"charsets", DATELINE_FIELD_CHARSET, 20},
                 {"repaired", DATELINE_FIELD_REPAIRED, 20},
                 {"sources", DATELINE_FIELD_SOURCE, 10},
                 {"topics", DATELINE_FIELD_TOPICS, 10}};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0] && st == DATELINE_OK; l++) {
        size_t count, i;
        const char *v;
        printf("%-10s ", lists[l].label);
        for (i = 0; (st = dateline_index_value(idx, lists[l].field, i, &v, &count)) == DATELINE_OK;
             i++)
            if (i < lists[l].top)
                printf("%s%s %zu", i ? ", " : "", v, count);
        if (st != DATELINE_END)
            break;
        st = DATELINE_OK;
        if (i > lists[l].top)
            printf(", and %zu more", i - lists[l].top);
        printf("%s\n", i ? "" : "none");
    }
    if (st != DATELINE_OK) {
        fflush(stdout);
        fprintf(stderr, "\n%s: %s\n", prog, dateline_index_message(idx));
        dateline_index_close(idx);
        free(path);
        return 2;
    }
    dateline_index_close(idx);
    free(path);
    return 0;
}

static void delete_all(run_t *r, const options_t *o, deletions_t *out)
{
    for (size_t i = 0; i < o->ndeletes && !r->fatal; i++) {
        size_t d = 0, k = 0;
        int by_id = o->delete_kinds[i] == 'D';
        char *canon = by_id ? NULL : dateline_path_canonical(o->deletes[i]);
        dateline_status_t st =
            by_id ? idx_delete(r, o->deletes[i])
                  : idx_delete_origin(r, canon ? canon : o->deletes[i], &d, &k);
        /* an index written before origins were canonical has the path as it was typed */
        if (st == DATELINE_OK && d + k == 0 && canon && strcmp(canon, o->deletes[i]) != 0)
            st = idx_delete_origin(r, o->deletes[i], &d, &k);
        free(canon);
        if (st == DATELINE_OK && by_id)
            d = 1;
        if (st == DATELINE_NOT_FOUND || (st == DATELINE_OK && d + k == 0)) {
            fprintf(stderr, "%s: %s: %s\n", prog, o->deletes[i],
                    by_id ? "no article has this id (dateline-search --format "
                            "tsv shows ids in its third column)"
                          : "no article was read from there");
            out->missing++;
        } else if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s\n", prog, idx_message(r));
            r->fatal = 1;
        }
        out->deleted += d;
        out->kept += k;
    }
}

/* Walks a file or folder named on the command line; a folder's files that the index records
 * and the walk did not meet are pruned after it (--prune). */
static void walk_named(run_t *r, const char *name)
{
    char *canon = dateline_path_canonical(name);
    struct stat sb;
    if (r->prune && strcmp(name, "-") != 0 && stat(name, &sb) == 0 && S_ISDIR(sb.st_mode) &&
        canon && (r->seen = malloc(64 * sizeof *r->seen)) != NULL) {
        r->capseen = 64;
        r->nseen = 0;
        r->unwalked = 0;
    }
    walk(r, name, canon ? canon : name, 0);
    if (r->seen && !r->fatal && !got_signal)
        prune(r, name, canon);
    for (size_t k = 0; k < r->nseen; k++)
        free(r->seen[k]);
    free(r->seen);
    r->seen = NULL;
    r->nseen = 0;
    free(canon);
}

/* Reads the files and folders named (with a progress bar on a terminal), then, with --watch,
 * what arrives in them; commits and closes the index. */
static void read_all(run_t *r, const options_t *o, char **names, int n, const char *path,
                     autocompact_t *ac)
{
    if (r->progress) {
        for (int i = 0; i < n && !got_signal; i++)
            measure(r, names[i], 0);
        progress(r, 1);
    }
    for (int i = 0; i < n && !r->fatal && !got_signal; i++)
        walk_named(r, names[i]);
    dateline_status_t st;
#ifdef HAVE_WATCH
    if (o->watching && !r->fatal && !got_signal) {
        /* what was there is in; then what arrives, until Ctrl-C */
        if ((st = idx_commit(r)) != DATELINE_OK) {
            fprintf(stderr, "%s: the batch was not committed: %s\n", prog, idx_message(r));
            r->fatal = 1;
        } else {
            progress(r, 1);
            clear_progress(r);
            print_counts(r, NULL, "", seconds_since(&r->start));
            r->progress = 0; /* a progress line would sit under the watch's lines */
            watch_compact(r, o, path, ac);
            watch(r, o, path, ac, names, n);
        }
    }
#else
    (void)o;
    (void)ac;
#endif
    if (!r->index) /* not opened again after a compaction while watching: said why */
        return;
    st = r->fatal && r->jobs ? DATELINE_INTERNAL : idx_commit(r);
    if (st != DATELINE_OK && !(r->fatal && r->jobs)) {
        clear_progress(r);
        fprintf(stderr, "%s: the last batch was not committed: %s\n", prog, idx_message(r));
        r->fatal = 1;
    }
    if (r->jobs && jobs_close(r->jobs) != DATELINE_OK && st == DATELINE_OK) {
        fprintf(stderr, "%s: closing the shards of %s failed\n", prog, path);
        r->fatal = 1;
    }
    r->jobs = NULL;
    free_slots(r);
    free(r->slots);
    if (dateline_index_close(r->index) != DATELINE_OK && st == DATELINE_OK) {
        fprintf(stderr, "%s: closing %s failed\n", prog, path);
        r->fatal = 1;
    }
}

int main(int argc, char **argv)
{
    options_t o = {.ropts = DATELINE_READER_OPTIONS_INIT};
    int rc = parse_options(&o, argc, argv);
    if (rc < 0 && o.stats) {
        if (optind < argc || o.ndeletes)
            fprintf(stderr, "%s: --stats changes nothing: give it without files or deletions\n",
                    prog);
        rc = optind < argc || o.ndeletes ? 2 : print_stats(o.index_arg);
    }
    if (rc < 0 && o.compact)
        rc = optind < argc || o.ndeletes ? 2 : compact(o.index_arg, o.quiet);
    if (rc < 0 && !o.jobs)
        o.jobs = default_jobs();
    if (rc < 0)
        rc = check_options(&o, argc, argv);
    char *path = rc < 0 ? index_path(&o, optind < argc) : NULL;
    if (rc < 0 && !path)
        rc = 2;
    run_t r;
    memset(&r, 0, sizeof r);
    if (rc < 0) {
        r.ropts = o.ropts;
        r.quiet = o.quiet;
        r.cli = o.cli;
        r.ncli = o.ncli;
        r.topic_from_folder = o.topic_from_folder;
        r.progress = !o.quiet && isatty(2);
        r.force = o.force;
        r.prune = !o.no_prune;
        r.options = options_fingerprint(&o.ropts, o.topic_from_folder);
        rc = open_for_writing(&r, &o, path);
    }
    if (rc < 0) {
        deletions_t d = {0, 0, 0};
        autocompact_t ac;
        autocompact_start(&ac, path);
        r.verbose = o.verbose;
        dateline_index_on_commit(r.index, on_commit, &r);
        catch_signals();
        clock_gettime(CLOCK_MONOTONIC, &r.start);
        r.last = r.start;
        delete_all(&r, &o, &d);
        read_all(&r, &o, argv + optind, argc - optind, path, &ac);
        rc = summary(&r, &o, &d, optind < argc);
        if ((rc == 0 || rc == 1) && !o.no_compact && !o.watching && !got_signal) {
            int ended = autocompact_run(&ac, path, prog, o.quiet, &got_signal);
            rc = ended ? ended : rc;
        }
    }
    free(r.rules);
    free(path);
    free_options(&o);
    return rc;
}
