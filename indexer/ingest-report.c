/* ingest-report.c: what a run says: its progress line, notes, rejections and summary. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest.h"

/* Where the articles a reader reads are counted: its format's slot of run_t's formats. */
int format_slot(const dateline_reader_t *rd)
{
    int f = (int)dateline_reader_format(rd);
    return f > 0 && f < MAX_FORMATS ? f : 0;
}

/* SIGINT or SIGTERM, once one came: the run stops between two articles, commits what it read
 * and says how to finish. A second one ends the process at once (SA_RESETHAND): the index
 * keeps its last commit, as after any kill. */
volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* "file" or "files": the noun for a count. */
const char *noun(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* A duration as people read it: "8 s", "3 min 05 s", "2 h 10 min". */
static void duration(char *out, size_t cap, double secs)
{
    long s = (long)(secs + 0.5);
    if (s < 60)
        snprintf(out, cap, "%ld s", s);
    else if (s < 3600)
        snprintf(out, cap, "%ld min %02ld s", s / 60, s % 60);
    else
        snprintf(out, cap, "%ld h %02ld min", s / 3600, s / 60 % 60);
}

void progress(run_t *r, int force)
{
    if (!r->progress || (!force && seconds_since(&r->last) < 0.25))
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    double t = seconds_since(&r->start);
    fprintf(stderr, "\r%s: ", prog);
    if (r->total_bytes > 0) {
        /* a bar, the share of the input's bytes done, and the time left at the pace so far */
        double share = (r->done_bytes + (r->reading ? r->reading_size *
                                          dateline_reader_progress(r->reading) : 0)) /
                       r->total_bytes;
        if (share > 1)
            share = 1;
        char bar[21], left[64] = "";
        int filled = (int)(share * 20);
        for (int i = 0; i < 20; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[20] = '\0';
        if (share > 0 && share < 1 && t > 0.5) {
            char d[40];
            duration(d, sizeof d, t * (1 - share) / share);
            snprintf(left, sizeof left, ", %s left", d);
        }
        fprintf(stderr, "[%s] %3d%%%s; ", bar, (int)(share * 100), left);
    }
    fprintf(stderr, "%zu %s, %zu %s, %.1f MB/s   \033[K", r->files,
            noun(r->files, "file", "files"), r->read, noun(r->read, "article", "articles"),
            t > 0 ? r->bytes / 1e6 / t : 0.0);
    fflush(stderr);
}

/* Clears the progress line before another message goes to stderr. */
void clear_progress(const run_t *r)
{
    if (r->progress)
        fputs("\r\033[K", stderr);
}

/* A value for a TSV line: tabs and line ends as spaces. */
static void tsv_put(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void record_reject(run_t *r, const char *file, size_t line, const char *why)
{
    if (!r->rejects)
        return;
    size_t n = strlen(file);
    if (strncmp(why, file, n) == 0 && strncmp(why + n, ": ", 2) == 0)
        why += n + 2; /* the file is in its own column */
    flockfile(r->rejects); /* one line at a time: with --jobs, workers reject too */
    tsv_put(r->rejects, file);
    fprintf(r->rejects, "\t%zu\t", line);
    tsv_put(r->rejects, why);
    fputc('\n', r->rejects);
    funlockfile(r->rejects);
}

/* A file name as messages show it: as it is, or, when it holds a control character (a line
 * end, an escape), in the shell's $'...' quoting with C escapes, as ls shows it ($'a\nb').
 * The string lives until the fourth call after this one. */
const char *shown(const char *name)
{
    static char *ring[4];
    static unsigned next;
    const unsigned char *u = (const unsigned char *)name;
    size_t i;
    for (i = 0; u[i] && u[i] >= 0x20 && u[i] != 0x7F; i++)
        ;
    if (!u[i])
        return name;
    size_t cap = strlen(name) * 4 + 4;
    char *q = malloc(cap), *w = q;
    if (!q)
        return "(a name with control characters)";
    *w++ = '$';
    *w++ = '\'';
    for (i = 0; u[i]; i++) {
        static const char esc[] = "\a\b\t\n\v\f\r";
        const char *e = u[i] && u[i] < 0x20 ? strchr(esc, u[i]) : NULL;
        if (e) {
            *w++ = '\\';
            *w++ = "abtnvfr"[e - esc];
        } else if (u[i] < 0x20 || u[i] == 0x7F) {
            w += sprintf(w, "\\x%02X", u[i]);
        } else {
            if (u[i] == '\\' || u[i] == '\'')
                *w++ = '\\';
            *w++ = (char)u[i];
        }
    }
    *w++ = '\'';
    *w = '\0';
    free(ring[next % 4]);
    ring[next++ % 4] = q;
    return q;
}

void reject(run_t *r, const char *file, size_t line, const char *why)
{
    clear_progress(r);
    size_t n = strlen(file);
    if (line)
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, shown(file), line, why);
    else if (strncmp(why, file, n) == 0 && strncmp(why + n, ": ", 2) == 0)
        fprintf(stderr, "%s: %s%s\n", prog, shown(file), why + n); /* the library's "FILE: ..." */
    else if (strcmp(file, "-") != 0 && strcmp(why, file) != 0)
        fprintf(stderr, "%s: %s: %s\n", prog, shown(file), why);
    else
        fprintf(stderr, "%s: %s\n", prog, why);
    record_reject(r, file, line, why);
    r->read++;
    r->rejected++;
}

/* With --verbose, what is happening, one line each, so that a log shows how far a run got. */
void on_commit(int done, size_t articles, void *closure)
{
    run_t *r = closure;
    if (done) {
        r->batches++;
        r->committed += articles;
    }
    if (r->verbose) {
        clear_progress(r);
        if (done)
            fprintf(stderr, "%s: committed batch %zu: %zu %s (%zu in all)\n", prog,
                    r->batches, articles, noun(articles, "article", "articles"), r->committed);
        else
            fprintf(stderr, "%s: committing batch %zu: %zu %s\n", prog, r->batches + 1,
                    articles, noun(articles, "article", "articles"));
        fflush(stderr);
    }
}

/* The summary line: the counts since `from` (all of them when NULL), the time and the
 * formats; `what` goes first ("watch: " for a batch while watching). */
void print_counts(const run_t *r, const run_t *from, const char *what, double t)
{
    static const run_t zero;
    if (!from)
        from = &zero;
    double bytes = r->bytes - from->bytes;
    fprintf(stderr,
            "%s: %sread %zu, added %zu, updated %zu, unchanged %zu, duplicates %zu, "
            "rejected %zu",
            prog, what, r->read - from->read, r->added - from->added,
            r->updated - from->updated, r->unchanged - from->unchanged,
            r->duplicates - from->duplicates, r->rejected - from->rejected);
    if (r->pruned - from->pruned) /* files gone: what only they gave was removed */
        fprintf(stderr, ", removed %zu", r->removed - from->removed);
    fprintf(stderr, " in %.2f s (%.1f MB/s)", t, t > 0 ? bytes / 1e6 / t : 0.0);
    /* what each reader read, so that a drift in format detection shows */
    const char *sep = "; formats: ";
    for (int f = DATELINE_FORMAT_TEXT; f < MAX_FORMATS; f++)
        if (r->formats[f] - from->formats[f]) {
            fprintf(stderr, "%s%s %zu", sep, dateline_format_name((dateline_format_t)f),
                    r->formats[f] - from->formats[f]);
            sep = ", ";
        }
    fputc('\n', stderr);
}

/* SIGINT and SIGTERM stop the run between two articles (on_signal). */
void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* no SA_RESTART: a read waiting on a pipe stops too */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* The summary at the end of a run, and its exit status. `inputs`: files or folders were named. */
int summary(run_t *r, const options_t *o, const deletions_t *d, int inputs)
{
    double t = seconds_since(&r->start);
    progress(r, 1);
    clear_progress(r);
    if (o->ndeletes)
        fprintf(stderr, "%s: deleted %zu article%s%s", prog, d->deleted,
                d->deleted == 1 ? "" : "s", d->kept ? "" : "\n");
    if (o->ndeletes && d->kept)
        fprintf(stderr, "; %zu kept, read from elsewhere too\n", d->kept);
    if (inputs || !o->ndeletes)
        print_counts(r, NULL, "", t);
    if (r->skipped && !o->quiet)
        fprintf(stderr, "%s: %zu file%s skipped, not articles: checksum lists, READMEs, DTDs, "
                        "licences, lists (-v names them all)\n", prog, r->skipped,
                r->skipped == 1 ? "" : "s");
    if (r->pruned && !o->quiet)
        fprintf(stderr, "%s: %zu %s gone or left out since read: %zu %s removed%s (--no-prune "
                        "keeps them; -v names them)\n", prog, r->pruned,
                noun(r->pruned, "file", "files"), r->removed, noun(r->removed, "article", "articles"),
                r->removed_kept ? ", others kept (read from elsewhere too)" : "");
    if (r->excluded && !o->quiet)
        fprintf(stderr, "%s: %zu excluded by --exclude or .datelineignore (-v names them)\n",
                prog, r->excluded);
    if (r->rejects && fclose(r->rejects) != 0) {
        fprintf(stderr, "%s: %s: cannot write: %s\n", prog, o->rejects, strerror(errno));
        r->fatal = 1;
    }
    if (r->fatal && r->added + r->updated > r->committed)
        fprintf(stderr, "%s: %zu of the articles added or updated were not committed and are not "
                        "in the index (it keeps its last commit): run again to add them\n",
                prog, r->added + r->updated - r->committed);
    if (got_signal && !r->fatal && !o->watching) {
        fprintf(stderr, "%s: interrupted by %s: the %zu article%s read before it %s in the "
                        "index; to finish, run the same command again (what is in already "
                        "counts as unchanged)\n", prog, got_signal == SIGINT ? "SIGINT" : "SIGTERM",
                r->read - r->rejected, r->read - r->rejected == 1 ? "" : "s",
                r->read - r->rejected == 1 ? "is" : "are");
        return 128 + got_signal;
    }
    if (r->fatal)
        return 2;
    return r->rejected || d->missing ? 1 : 0;
}
