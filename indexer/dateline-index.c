/* dateline-index.c: the program that reads wire articles from files and folders into an index. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dateline.h"
#include "autocompact.h"
#include "jobs.h"
#include "../search/index-path.h"
#ifdef __linux__
#include <sys/inotify.h>
#define HAVE_WATCH 1
#endif

#define MAX_DEPTH 64 /* folders nested deeper than this are not walked (a link loop, most likely) */
#define MAX_FORMATS 32 /* more than dateline_format_t has values: a new one needs no change */

/* A rule of --exclude or of a folder's .datelineignore (gitignore's syntax). */
typedef struct {
    char *pattern;    /* without its '!' and trailing '/' */
    const char *base; /* the folder it is relative to (points into the walk's path) */
    int negate;       /* "!pattern": what it matches is read after all */
    int dir_only;     /* "pattern/": matches folders only */
    int anchored;     /* a '/' inside: matched against the path below base, else the name */
} rule_t;

/* With --jobs, a file read: its record is written to every shard at the next commit, once the
 * workers have added its articles and said how many they rejected. */
typedef struct {
    char *canon;          /* its canonical path */
    dateline_file_t rec;  /* its record (articles: those handed to the workers) */
    int record;           /* read to its end: record it */
    size_t rejected;      /* of its articles, how many the workers rejected */
} file_slot_t;

typedef struct {
    dateline_index_t *index;      /* the index; with --jobs, all its shards opened to read */
    dateline_reader_options_t ropts;
    int progress;                 /* stderr is a terminal */
    int quiet;                    /* no notes */
    size_t files, read, added, updated, unchanged, duplicates, rejected;
    FILE *rejects;                /* --rejects: one line per rejection, or NULL */
    double bytes;                 /* input bytes read */
    struct timespec start, last;  /* run start, last progress line */
    int fatal;                    /* a fatal error happened */
    int verbose;                  /* 1: files and commits; 2: also each article */
    size_t batches, committed;    /* batches committed, articles in them */
    int topic_from_folder;        /* --topic-from-folder */
    size_t skipped;               /* files in folders that are not articles (checksum lists) */
    size_t formats[MAX_FORMATS];  /* articles read by each format's reader */
    size_t excluded;              /* files and folders left out by --exclude or .datelineignore */
    rule_t *rules;                /* each .datelineignore of the folders being walked, outer first */
    size_t nrules, caprules;
    rule_t *cli;                  /* --exclude: the last word, over any .datelineignore */
    size_t ncli, capcli;
    double total_bytes;           /* on a terminal: the size of the files to read, or 0 */
    double done_bytes;            /* the size of the files read or skipped so far */
    const dateline_reader_t *reading; /* the reader of the file being read, or NULL */
    double reading_size;          /* and that file's size on disk */
    int force;                    /* --force: read files the index has as unchanged */
    unsigned long long options;   /* a fingerprint of the options that change what is read */
    size_t skipped_unchanged;     /* files not read: as they were when last read */
    int prune;                    /* a folder's walk forgets its recorded files it did not meet */
    char **seen;                  /* while walking a folder to prune: the files met (canonical) */
    size_t nseen, capseen;
    size_t removed, removed_kept, pruned; /* by --prune: articles deleted, kept; files gone */
    size_t unwalked;              /* folders that could not be walked (unreadable, too deep) */
    jobs_t *jobs;                 /* --jobs over shards, or NULL: index is the index written */
    dateline_index_t *failed;     /* the index whose message says why the last call failed */
    file_slot_t **slots;          /* with jobs: the files read, their records waiting (each
                                   * its own allocation: the workers hold pointers to them) */
    size_t nslots, capslots;
    size_t add_rejected;          /* with jobs: articles the workers rejected */
} run_t;

static const char *prog = "dateline-index";

typedef struct options options_t; /* the command line (below) */

/* Where the articles a reader reads are counted: its format's slot of run_t's formats. */
static int format_slot(const dateline_reader_t *rd)
{
    int f = (int)dateline_reader_format(rd);
    return f > 0 && f < MAX_FORMATS ? f : 0;
}

/* SIGINT or SIGTERM, once one came: the run stops between two articles, commits what it read
 * and says how to finish. A second one ends the process at once (SA_RESETHAND): the index
 * keeps its last commit, as after any kill. */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* "file" or "files": the noun for a count. */
static const char *noun(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static double seconds_since(const struct timespec *t)
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

static void progress(run_t *r, int force)
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
static void clear_progress(const run_t *r)
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

static void record_reject(run_t *r, const char *file, size_t line, const char *why)
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
static const char *shown(const char *name)
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

static void reject(run_t *r, const char *file, size_t line, const char *why)
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
static void on_commit(int done, size_t articles, void *closure)
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

/* ---- the index written: one, or its shards through the workers (indexer/jobs.c) ---- */

/* Why the last call on the index failed. */
static const char *idx_message(const run_t *r)
{
    return dateline_index_message(r->failed ? r->failed : r->index);
}

/* A new file slot for `canon` (with --jobs), or NULL when out of memory. */
static file_slot_t *new_slot(run_t *r, const char *canon)
{
    if (r->nslots == r->capslots) {
        size_t c = r->capslots ? 2 * r->capslots : 64;
        file_slot_t **ns = realloc(r->slots, c * sizeof *ns);
        if (!ns)
            return NULL;
        r->slots = ns;
        r->capslots = c;
    }
    file_slot_t *f = calloc(1, sizeof *f);
    if (!f || !(f->canon = strdup(canon))) {
        free(f);
        return NULL;
    }
    return r->slots[r->nslots++] = f;
}

static void free_slots(run_t *r)
{
    for (size_t i = 0; i < r->nslots; i++) {
        free(r->slots[i]->canon);
        free(r->slots[i]);
    }
    r->nslots = 0;
}

/* Records file canon: at once in one index, at the next commit over shards. */
static dateline_status_t idx_file_set(run_t *r, const char *canon, const dateline_file_t *rec)
{
    r->failed = NULL;
    if (!r->jobs)
        return dateline_index_file_set(r->index, canon, rec);
    file_slot_t *f = new_slot(r, canon);
    if (!f)
        return DATELINE_NO_MEMORY;
    f->rec = *rec;
    f->record = 1;
    return DATELINE_OK;
}

/* Phase one of a commit over shards: a shard commits the articles it was given. */
static dateline_status_t commit_shard(dateline_index_t *shard, unsigned k, void *closure)
{
    (void)k;
    (void)closure;
    return dateline_index_commit(shard);
}

/* Phase two: a shard records each file read since the last commit, and commits that. */
static dateline_status_t set_records(dateline_index_t *shard, unsigned k, void *closure)
{
    run_t *r = closure;
    (void)k;
    for (size_t i = 0; i < r->nslots; i++) {
        file_slot_t *f = r->slots[i];
        if (!f->record)
            continue;
        dateline_file_t rec = f->rec;
        rec.articles -= f->rejected;
        rec.rejected += f->rejected;
        dateline_status_t st = dateline_index_file_set(shard, f->canon, &rec);
        if (st != DATELINE_OK)
            return st;
    }
    return dateline_index_commit(shard);
}

/* Commits what was added. Over shards, in two phases, so that a kill between two shards'
 * commits loses nothing: first every shard commits its articles, then the files' records go
 * into every shard (a file whose record some shard lacks is read again: see
 * dateline_index_file_get()); then global state is settled (dateline_shards_settle()). */
static dateline_status_t idx_commit(run_t *r)
{
    r->failed = NULL;
    if (!r->jobs)
        return dateline_index_commit(r->index);
    dateline_status_t st = jobs_each(r->jobs, commit_shard, r, &r->failed);
    if (st == DATELINE_OK)
        st = jobs_each(r->jobs, set_records, r, &r->failed);
    r->rejected += r->add_rejected; /* the workers are done: their counts are whole */
    r->add_rejected = 0;
    free_slots(r);
    char *msg = NULL;
    size_t settled = 0, replaced = 0;
    if (st == DATELINE_OK && (st = jobs_settle(r->jobs, &settled, &replaced, &msg)) != DATELINE_OK) {
        clear_progress(r);
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
    } else if (st == DATELINE_OK && r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: settled %zu %s over %u shards\n", prog, settled,
                noun(settled, "article", "articles"), jobs_count(r->jobs));
    }
    dateline_free(msg);
    r->added -= replaced; /* new to their shard, but over all an update */
    r->updated += replaced;
    if (st == DATELINE_OK)
        st = dateline_index_reopen(r->index);
    return st;
}

/* --delete-origin and --prune over shards: each forgets the origin; the counts add up. */
typedef struct {
    const char *path;
    size_t deleted, kept;
} forget_t;

static dateline_status_t forget_in(dateline_index_t *shard, unsigned k, void *closure)
{
    forget_t *f = closure;
    size_t d = 0, kept = 0;
    (void)k;
    dateline_status_t st = dateline_index_delete_origin(shard, f->path, &d, &kept);
    f->deleted += d;
    f->kept += kept;
    return st;
}

static dateline_status_t idx_delete_origin(run_t *r, const char *path, size_t *d, size_t *k)
{
    r->failed = NULL;
    if (!r->jobs)
        return dateline_index_delete_origin(r->index, path, d, k);
    forget_t f = {path, 0, 0};
    dateline_status_t st = jobs_each(r->jobs, forget_in, &f, &r->failed);
    *d = f.deleted;
    *k = f.kept;
    return st;
}

/* --delete ID over shards: in the shard of the id. */
typedef struct {
    const char *id;
    unsigned shard;
} delete_t;

static dateline_status_t delete_in(dateline_index_t *shard, unsigned k, void *closure)
{
    delete_t *d = closure;
    return k == d->shard ? dateline_index_delete(shard, d->id) : DATELINE_OK;
}

static dateline_status_t idx_delete(run_t *r, const char *id)
{
    r->failed = NULL;
    if (!r->jobs)
        return dateline_index_delete(r->index, id);
    delete_t d = {id, jobs_shard_of(r->jobs, id)};
    return jobs_each(r->jobs, delete_in, &d, &r->failed);
}

/* Files that sit beside articles in archives and are not articles. */
static int not_an_article(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static const char *const names[] = {"SHA256SUMS", "SHA512SUMS", "SHA1SUMS", "MD5SUMS",
                                        "Thumbs.db", "desktop.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(base, names[i]) == 0)
            return 1;
    /* a collection's documentation: README, README.txt, LICENSE.md, COPYING */
    static const char *const docs[] = {"README", "LICENSE", "LICENCE", "COPYING"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        size_t k = strlen(docs[i]);
        if (strncasecmp(base, docs[i], k) == 0 && (base[k] == '\0' || base[k] == '.'))
            return 1;
    }
    const char *dot = strrchr(base, '.');
    return dot && (strcmp(dot, ".sha256") == 0 || strcmp(dot, ".md5") == 0 ||
                   strcmp(dot, ".sig") == 0 || strcmp(dot, ".asc") == 0);
}

/* Notes that the walk met file `canon` (for --prune). */
static void met(run_t *r, const char *canon)
{
    if (!r->seen)
        return;
    if (r->nseen == r->capseen) {
        size_t c = r->capseen * 2;
        char **ns = realloc(r->seen, c * sizeof *ns);
        if (!ns) {
            r->fatal = 1;
            return;
        }
        r->seen = ns;
        r->capseen = c;
    }
    if (!(r->seen[r->nseen] = strdup(canon)))
        r->fatal = 1;
    else
        r->nseen++;
}

/* Whether the index has the regular file `canon` as it is now, read with these options: then
 * it is not read again and its articles count as read and unchanged. A file whose time
 * changed but not its bytes (a copy, a touch) is unchanged too, and its record is updated.
 * Otherwise *now holds its size, time and hash, taken before it is read, for its record. */
static int unchanged_file(run_t *r, const char *path, const char *canon, const struct stat *sb,
                          dateline_file_t *now, int *hashed)
{
    dateline_file_t rec;
    int touched = 0; /* its time changed, not its bytes */
    *hashed = 0;
    memset(now, 0, sizeof *now);
    now->size = (unsigned long long)sb->st_size;
    now->mtime = (long long)sb->st_mtim.tv_sec;
    now->mtime_ns = (long)sb->st_mtim.tv_nsec;
    int known = !r->force && dateline_index_file_get(r->index, canon, &rec) == DATELINE_OK &&
                rec.options == r->options && rec.size == now->size && rec.rejected == 0;
    if (known && rec.mtime == now->mtime && rec.mtime_ns == now->mtime_ns)
        goto same;
    if (dateline_file_stat(path, 1, now) != DATELINE_OK)
        return 0;
    *hashed = 1;
    if (!known || rec.hash != now->hash)
        return 0;
    rec.mtime = now->mtime;
    rec.mtime_ns = now->mtime_ns;
    touched = 1;
    if (idx_file_set(r, canon, &rec) != DATELINE_OK) {
        clear_progress(r);
        fprintf(stderr, "%s: %s\n", prog, idx_message(r));
        r->fatal = 1;
        return 1;
    }
same:
    r->files++;
    r->skipped_unchanged++;
    r->read += rec.articles;
    r->unchanged += rec.articles;
    r->formats[rec.format > 0 && rec.format < MAX_FORMATS ? rec.format : 0] += rec.articles;
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: %s: %s since it was read (%zu %s): not read again\n", prog,
                shown(path), touched ? "a new time but the same bytes" : "unchanged",
                rec.articles, noun(rec.articles, "article", "articles"));
    }
    progress(r, 0);
    return 1;
}

/* What the index did with an article, counted (and, with -v, a copy told). */
static void count_outcome(run_t *r, const char *shown_path, size_t position,
                          dateline_outcome_t what, const char *id)
{
    if (what == DATELINE_ADDED)
        r->added++;
    else if (what == DATELINE_UPDATED)
        r->updated++;
    else if (what == DATELINE_DUPLICATE) {
        r->duplicates++;
        if (r->verbose) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: a copy of article %s, read before from elsewhere\n",
                    prog, shown_path, position, id);
        }
    } else
        r->unchanged++;
}

/* Adds article a, read by rd from path, to the one index: 0 when it went in, 1 when it was
 * rejected, -1 when the run must stop. */
static int add_one(run_t *r, const char *path, dateline_reader_t *rd, dateline_article_t *a)
{
    dateline_outcome_t what;
    dateline_status_t st = dateline_index_add(r->index, a, &what);
    size_t at = dateline_reader_position(rd);
    r->read++;
    r->formats[format_slot(rd)]++;
    if (st == DATELINE_BAD_INPUT) {
        r->rejected++;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, shown(path), at,
                dateline_index_message(r->index));
        record_reject(r, path, at, dateline_index_message(r->index));
        return 1;
    }
    if (st != DATELINE_OK) {
        r->read--;
        r->formats[format_slot(rd)]--;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, shown(path), at,
                dateline_index_message(r->index));
        r->fatal = 1;
        return -1;
    }
    count_outcome(r, shown(path), at, what, dateline_article_get(a, DATELINE_FIELD_ID));
    return 0;
}

/* With --jobs: hands article a to the worker of its shard (job_done() counts it later). */
static int hand_over(run_t *r, const char *path, dateline_reader_t *rd, dateline_article_t *a,
                     file_slot_t *slot)
{
    size_t at = dateline_reader_position(rd);
    dateline_status_t st = jobs_add(r->jobs, a, shown(path), at, slot);
    if (st != DATELINE_OK) {
        if (st == DATELINE_NO_MEMORY) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: out of memory\n", prog, shown(path), at);
        }
        r->fatal = 1; /* a worker's failure was told by job_done() */
        return -1;
    }
    r->read++;
    r->formats[format_slot(rd)]++;
    slot->rec.articles++;
    return 0;
}

/* What a worker did with an article (under the jobs' lock: one at a time). */
static void job_done(void *closure, const char *file, size_t position, void *tag,
                     dateline_status_t st, dateline_outcome_t what, const char *message,
                     const char *id)
{
    run_t *r = closure;
    file_slot_t *slot = tag;
    if (st == DATELINE_BAD_INPUT) {
        r->add_rejected++;
        slot->rejected++;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, position, message);
        record_reject(r, file, position, message);
    } else if (st != DATELINE_OK) {
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, position, message);
        r->fatal = 1;
    } else {
        count_outcome(r, file, position, what, id);
    }
}

/* Opens the reader of file `path` (origin canon) into *out: 0 when it is open and holds
 * articles; 1 when there is nothing to read (rejected, skipped, or cut short by a signal). */
static int open_reader(run_t *r, const char *path, const char *canon, const char *topic,
                       int in_folder, dateline_reader_t **out)
{
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: reading %s\n", prog, shown(path));
    }
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_reader_options_t o = r->ropts;
    o.topic = topic;
    dateline_status_t st = dateline_reader_open_file(path, canon, &o, &rd, &msg);
    size_t cn = strlen(canon);
    if (msg && canon != path && strncmp(msg, canon, cn) == 0 && msg[cn] == ':') {
        /* the reader names the file by its origin: messages name it as it was given */
        char *m = malloc(strlen(path) + strlen(msg + cn) + 1);
        if (m) {
            strcpy(m, path);
            strcat(m, msg + cn);
            dateline_free(msg);
            msg = m;
        }
    }
    if (st != DATELINE_OK && got_signal) {
        dateline_free(msg); /* a read from a pipe was cut short by the signal: no fault */
        return 1;
    }
    r->files++;
    if (st != DATELINE_OK) {
        if (st == DATELINE_NO_MEMORY) {
            fprintf(stderr, "%s: %s: out of memory\n", prog, shown(path));
            r->fatal = 1;
        } else {
            reject(r, path, 0, msg ? msg : dateline_status_to_string(st));
        }
        dateline_free(msg);
        return 1;
    }
    const char *what_it_is = in_folder ? dateline_reader_not_article(rd) : NULL;
    if (what_it_is) {
        r->files--;
        r->skipped++;
        if (!r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: note: skipped, not an article: %s (name the file to read "
                            "it anyway)\n", prog, shown(path), what_it_is);
        }
        dateline_reader_destroy(rd);
        return 1;
    }
    *out = rd;
    return 0;
}

/* Reads every article of rd into the index (or, with --jobs, hands it over, counted in slot):
 * 1 when the file was read to its end. */
static int read_articles(run_t *r, const char *path, dateline_reader_t *rd, file_slot_t *slot)
{
    /* a file once begun gives at least its first article: a signal stops the run between two
     * articles, never between the "reading" line and the file's first article */
    for (int first = 1; first || !got_signal; first = 0) {
        dateline_article_t *a;
        dateline_status_t st = dateline_reader_next(rd, &a);
        if (st == DATELINE_END)
            return 1;
        if (st == DATELINE_BAD_INPUT) {
            reject(r, path, dateline_reader_position(rd), dateline_reader_message(rd));
            r->formats[format_slot(rd)]++;
            continue;
        }
        if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s: %s\n", prog, shown(path), dateline_status_to_string(st));
            r->fatal = 1;
            return 0;
        }
        if (dateline_reader_message(rd) && !r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: note: %s\n", prog, shown(path), dateline_reader_position(rd),
                    dateline_reader_message(rd));
        }
        if (r->verbose > 1) {
            clear_progress(r);
            fprintf(stderr, "%s: indexing %s:%zu\n", prog, shown(path), dateline_reader_position(rd));
        }
        if ((r->jobs ? hand_over(r, path, rd, a, slot) : add_one(r, path, rd, a)) < 0)
            return 0;
        progress(r, 0);
    }
    return 0;
}

/* Reads file `path` into the index, as origin `canon` (its canonical path, or NULL to keep
 * path: standard input, a pipe); `sb` is what stat() said of a regular file, which the index
 * keeps a record of, and NULL for anything else. */
static void index_file(run_t *r, const char *path, const char *canon, const char *topic,
                       int in_folder, const struct stat *sb)
{
    int regular = sb != NULL;
    if (got_signal)
        return; /* not begun: the next run reads it */
    if (!canon)
        canon = path;
    dateline_file_t now;
    int hashed = 0;
    dateline_reader_t *rd;
    if (regular) {
        met(r, canon);
        if (unchanged_file(r, path, canon, sb, &now, &hashed))
            return;
    }
    if (open_reader(r, path, canon, topic, in_folder, &rd))
        return;
    size_t gave = r->added + r->updated + r->unchanged + r->duplicates, rejected = r->rejected;
    file_slot_t *slot = r->jobs ? new_slot(r, canon) : NULL;
    if (r->jobs && !slot) {
        fprintf(stderr, "%s: out of memory\n", prog);
        r->fatal = 1;
        dateline_reader_destroy(rd);
        return;
    }
    r->bytes += (double)dateline_reader_size(rd);
    r->reading = rd;
    r->reading_size = sb ? (double)sb->st_size : 0;
    int ended = read_articles(r, path, rd, slot);
    r->reading = NULL;
    /* a file read to its end is recorded: the next run need not read it, unless it had
     * rejections, which are told again; --prune knows it. With --jobs, at the next commit,
     * once the workers said what they rejected */
    if (regular && hashed && ended && !r->fatal) {
        now.articles = slot ? slot->rec.articles
                            : r->added + r->updated + r->unchanged + r->duplicates - gave;
        now.rejected = r->rejected - rejected;
        now.format = dateline_reader_format(rd);
        now.options = r->options;
        if (slot) {
            slot->rec = now;
            slot->record = 1;
        } else if (dateline_index_file_set(r->index, canon, &now) != DATELINE_OK) {
            clear_progress(r);
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(r->index));
            r->fatal = 1;
        }
    }
    dateline_reader_destroy(rd);
}

/* Adds a rule from a line of gitignore syntax to *rules; blank lines and '#' comments add
 * nothing. Returns 0 when out of memory. */
static int add_rule(rule_t **rules, size_t *n, size_t *cap, const char *line, const char *base)
{
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
        len--;
    if (len == 0 || line[0] == '#')
        return 1;
    rule_t rule = {NULL, base, 0, 0, 0};
    if (line[0] == '!') {
        rule.negate = 1;
        line++;
        len--;
    }
    if (len && line[len - 1] == '/') {
        rule.dir_only = 1;
        len--;
    }
    if (len && line[0] == '/') {
        rule.anchored = 1;
        line++;
        len--;
    }
    if (len == 0)
        return 1;
    if (memchr(line, '/', len))
        rule.anchored = 1;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        rule_t *nr = realloc(*rules, c * sizeof *nr);
        if (!nr)
            return 0;
        *rules = nr;
        *cap = c;
    }
    if (!(rule.pattern = malloc(len + 1)))
        return 0;
    memcpy(rule.pattern, line, len);
    rule.pattern[len] = '\0';
    (*rules)[(*n)++] = rule;
    return 1;
}

/* What the rules say of path (a folder when is_dir): 1 left out, 0 read, -1 nothing. The last
 * rule that matches decides, as in gitignore. */
static int rules_say(const rule_t *rules, size_t n, const char *path, int is_dir)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    int say = -1;
    for (size_t i = 0; i < n; i++) {
        const rule_t *u = &rules[i];
        if (u->dir_only && !is_dir)
            continue;
        const char *subject = name;
        if (u->anchored) {
            size_t bl = strlen(u->base);
            while (bl > 1 && u->base[bl - 1] == '/')
                bl--;
            if (strncmp(path, u->base, bl) != 0 || path[bl] != '/')
                continue;
            subject = path + bl + 1;
        }
        if (fnmatch(u->pattern, subject, u->anchored ? FNM_PATHNAME : 0) == 0)
            say = !u->negate;
    }
    return say;
}

static int is_excluded(const run_t *r, const char *path, int is_dir)
{
    int by_file = rules_say(r->rules, r->nrules, path, is_dir);
    int by_cli = rules_say(r->cli, r->ncli, path, is_dir);
    return by_cli >= 0 ? by_cli : by_file > 0;
}

/* Reads the .datelineignore of the folder at path, if it has one, into r->rules; an error is
 * told unless `quiet`. */
static void read_ignore_file(run_t *r, const char *path, int quiet)
{
    size_t n = strlen(path) + sizeof "/.datelineignore";
    char *file = malloc(n);
    if (!file) {
        r->fatal = 1;
        return;
    }
    snprintf(file, n, "%s%s.datelineignore", path, path[strlen(path) - 1] == '/' ? "" : "/");
    FILE *f = fopen(file, "r");
    if (!f) {
        if (errno != ENOENT && !quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: cannot read: %s (its rules are not applied)\n", prog, shown(file),
                    strerror(errno));
        }
        free(file);
        return;
    }
    char line[4096];
    while (fgets(line, sizeof line, f))
        if (!add_rule(&r->rules, &r->nrules, &r->caprules, line, path))
            r->fatal = 1;
    fclose(f);
    free(file);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* With --topic-from-folder, a file's topic is the name of the folder it is in, when that is a
 * folder inside one named on the command line (a section of the archive). */
static char *folder_topic(const run_t *r, const char *path, int depth)
{
    if (!r->topic_from_folder || depth < 2)
        return NULL;
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    const char *start = slash;
    while (start > path && start[-1] != '/')
        start--;
    size_t n = (size_t)(slash - start);
    char *t = malloc(n + 1);
    if (t) {
        memcpy(t, start, n);
        t[n] = '\0';
    }
    return t;
}

/* Walks path (a file or a folder) whose canonical form is canon (NULL for standard input).
 * Below the top, dfd is the open folder it is in, so that a stat looks up its name alone
 * (on an unchanged re-run of 18,846 files, the kernel's path lookups were half the time);
 * AT_FDCWD and the path do too. */
static void walk_at(run_t *r, const char *path, const char *canon, int depth, int dfd,
                    const char *name)
{
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        index_file(r, path, NULL, NULL, 0, NULL);
        return;
    }
    /* Inside a folder, a link to a folder is not followed: two links back up the tree would
     * make the walk grow without end. A link named on the command line is followed. */
    int known = 0; /* sb holds what path is (an lstat of what is not a link) */
    if (depth > 0 && fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (!r->quiet) {
                clear_progress(r);
                fprintf(stderr, "%s: %s: note: a link to a folder, not followed\n", prog,
                        shown(path));
            }
            return;
        }
        known = !S_ISLNK(sb.st_mode);
    }
    if (!known && stat(path, &sb) != 0) {
        char *why = NULL;
        int e = errno;
        size_t n = strlen(path) + strlen(strerror(e)) + 64;
        if ((why = malloc(n)) != NULL)
            snprintf(why, n, "%s: cannot read: %s", path, strerror(e));
        reject(r, path, 0, why ? why : path);
        free(why);
        return;
    }
    if (depth > 0 && (S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)) &&
        is_excluded(r, path, S_ISDIR(sb.st_mode))) {
        r->excluded++;
        if (r->verbose) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: excluded (--exclude or .datelineignore)\n", prog, shown(path));
        }
        return;
    }
    if (S_ISREG(sb.st_mode)) {
        if (depth > 0 && not_an_article(path)) {
            met(r, canon); /* read before only when named: --prune keeps it */
            r->skipped++;
            r->done_bytes += (double)sb.st_size;
            if (r->verbose) {
                clear_progress(r);
                fprintf(stderr, "%s: %s: skipped: a checksum list, system file or README, not "
                                "an article (name it to read it anyway)\n", prog, shown(path));
            }
            return;
        }
        char *topic = folder_topic(r, path, depth);
        index_file(r, path, canon, topic, depth > 0, &sb);
        free(topic);
        r->done_bytes += (double)sb.st_size;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        /* A pipe named on the command line (<(zcat news.gz)) is read, and so is standard input
         * named as a device; other devices are refused (/dev/zero never ends, a disk is no
         * article). Inside a folder, pipes, sockets and devices are not read: a pipe nobody
         * writes to would wait for ever. */
        int std_in = strcmp(path, "/dev/stdin") == 0 || strcmp(path, "/dev/fd/0") == 0 ||
                     strcmp(path, "/proc/self/fd/0") == 0;
        const char *kind = S_ISCHR(sb.st_mode)    ? "a character device"
                           : S_ISBLK(sb.st_mode)  ? "a block device"
                           : S_ISFIFO(sb.st_mode) ? "a pipe"
                           : S_ISSOCK(sb.st_mode) ? "a socket"
                                                  : "not a file or folder";
        if (depth == 0 && (S_ISFIFO(sb.st_mode) || std_in)) {
            index_file(r, path, NULL, NULL, 0, NULL);
        } else if (depth == 0) {
            char why[256];
            snprintf(why, sizeof why, "%s, not a file: nothing to read (to read what it gives, "
                                      "pipe it: cat DEVICE | %s -)", kind, prog);
            reject(r, path, 0, why);
        } else if (r->verbose) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: skipped: %s, not a file\n", prog, shown(path), kind);
        }
        return;
    }
    if (depth >= MAX_DEPTH) {
        r->unwalked++;
        clear_progress(r);
        fprintf(stderr, "%s: %s: folders nested deeper than %d are not read\n", prog, shown(path),
                MAX_DEPTH);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        char why[512];
        snprintf(why, sizeof why, "%s: cannot open folder: %s", path, strerror(errno));
        reject(r, path, 0, why);
        r->unwalked++;
        return;
    }
    size_t outer_rules = r->nrules;
    if (depth == 0)
        for (size_t i = 0; i < r->ncli; i++)
            r->cli[i].base = path; /* --exclude's patterns are relative to the folder named */
    read_ignore_file(r, path, 0);
    char **names = NULL;
    size_t n = 0, cap = 0, cl = strlen(canon);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && !r->fatal) {
        if (e->d_name[0] == '.') /* ., .., and hidden files such as .git */
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                r->fatal = 1;
                break;
            }
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            r->fatal = 1;
            break;
        }
        int slash = path[strlen(path) - 1] == '/';
        snprintf(names[n], len, "%s%s%s", path, slash ? "" : "/", e->d_name);
        n++;
    }
    if (names)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        /* a folder met here is a real one (links to folders are not followed): the canonical
         * path of what it holds is its own and the name */
        const char *base = strrchr(names[i], '/') + 1;
        char *child = malloc(cl + strlen(base) + 2);
        if (!child)
            r->fatal = 1;
        else
            sprintf(child, "%s%s%s", canon, cl && canon[cl - 1] == '/' ? "" : "/", base);
        if (!r->fatal && !got_signal)
            walk_at(r, names[i], child, depth + 1, dirfd(d), base);
        free(child);
        free(names[i]);
    }
    closedir(d);
    free(names);
    while (r->nrules > outer_rules)
        free(r->rules[--r->nrules].pattern);
}

static void walk(run_t *r, const char *path, const char *canon, int depth)
{
    walk_at(r, path, canon, depth, AT_FDCWD, path);
}

/* On a terminal, before reading: the size of the files a walk of path will read, into
 * r->total_bytes, by the walk's rules (links to folders, --exclude, .datelineignore). Costs
 * a stat per file. */
static void measure(run_t *r, const char *path, int depth)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || r->fatal)
        return;
    if (depth > 0 && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 &&
        S_ISDIR(sb.st_mode))
        return;
    if (stat(path, &sb) != 0)
        return;
    if (depth > 0 && (S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)) &&
        is_excluded(r, path, S_ISDIR(sb.st_mode)))
        return;
    if (S_ISREG(sb.st_mode))
        r->total_bytes += (double)sb.st_size;
    if (!S_ISDIR(sb.st_mode) || depth >= MAX_DEPTH)
        return;
    size_t outer_rules = r->nrules;
    if (depth == 0)
        for (size_t i = 0; i < r->ncli; i++)
            r->cli[i].base = path;
    read_ignore_file(r, path, 1);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && !got_signal) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *name = malloc(len);
        if (!name)
            break;
        snprintf(name, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        measure(r, name, depth + 1);
        free(name);
    }
    if (d)
        closedir(d);
    while (r->nrules > outer_rules)
        free(r->rules[--r->nrules].pattern);
}

static int by_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --prune, after the walk of folder `canon` (named `path`): the files recorded at or under it
 * that the walk did not meet (gone from disk, or left out by --exclude or .datelineignore) are
 * forgotten, and what only they gave is deleted. */
static void prune(run_t *r, const char *path, const char *canon)
{
    if (r->unwalked) {
        clear_progress(r);
        fprintf(stderr, "%s: %s: note: not pruned, since part of it could not be read\n", prog,
                shown(path));
        return;
    }
    qsort(r->seen, r->nseen, sizeof *r->seen, by_ptr);
    char **gone = NULL;
    size_t ngone = 0;
    const char *f;
    dateline_status_t st;
    for (size_t i = 0; (st = dateline_index_file_nth(r->index, canon, i, &f, NULL)) == DATELINE_OK;
         i++) {
        if (bsearch(&f, r->seen, r->nseen, sizeof *r->seen, by_ptr))
            continue;
        char **ng = realloc(gone, (ngone + 1) * sizeof *ng);
        if (!ng || !(ng[ngone] = strdup(f))) {
            gone = ng ? ng : gone;
            r->fatal = 1;
            break;
        }
        gone = ng;
        ngone++;
    }
    if (st != DATELINE_OK && st != DATELINE_END && !r->fatal) {
        clear_progress(r);
        fprintf(stderr, "%s: %s\n", prog, dateline_index_message(r->index));
        r->fatal = 1;
    }
    for (size_t i = 0; i < ngone; i++) {
        size_t d = 0, k = 0;
        if (!r->fatal && idx_delete_origin(r, gone[i], &d, &k) != DATELINE_OK) {
            clear_progress(r);
            fprintf(stderr, "%s: %s\n", prog, idx_message(r));
            r->fatal = 1;
        }
        if (!r->fatal) {
            r->pruned++;
            r->removed += d;
            r->removed_kept += k;
            if (r->verbose) {
                clear_progress(r);
                fprintf(stderr, "%s: %s: gone or left out since it was read: %zu %s removed%s\n",
                        prog, shown(gone[i]), d, noun(d, "article", "articles"),
                        k ? ", some kept (read from elsewhere too)" : "");
            }
        }
        free(gone[i]);
    }
    free(gone);
}

/* The summary line: the counts since `from` (all of them when NULL), the time and the
 * formats; `what` goes first ("watch: " for a batch while watching). */
static void print_counts(const run_t *r, const run_t *from, const char *what, double t)
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

#ifdef HAVE_WATCH
/* --watch: the folders watched, by inotify's watch descriptor. */
typedef struct {
    int wd;
    char *path;       /* the folder */
    const char *root; /* the folder named on the command line it lies in */
    int depth;        /* below root: 0 for root itself */
} watched_t;

typedef struct {
    int fd;
    watched_t *w;
    size_t n, cap;
    char **pending; /* files and folders that arrived since the last commit, in order */
    size_t npending, cappending;
} watch_t;

/* Watches folder path and every folder below it (but hidden ones and links). */
static void watch_tree(run_t *r, watch_t *w, const char *path, const char *root, int depth)
{
    if (depth >= MAX_DEPTH)
        return;
    int wd = inotify_add_watch(w->fd, path, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
        clear_progress(r);
        fprintf(stderr, "%s: %s: cannot watch: %s%s\n", prog, shown(path), strerror(errno),
                errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
        return;
    }
    if (w->n == w->cap) {
        size_t c = w->cap ? w->cap * 2 : 16;
        watched_t *nw = realloc(w->w, c * sizeof *nw);
        if (!nw) {
            r->fatal = 1;
            return;
        }
        w->w = nw;
        w->cap = c;
    }
    watched_t *slot = &w->w[w->n];
    if (!(slot->path = strdup(path))) {
        r->fatal = 1;
        return;
    }
    slot->wd = wd;
    slot->root = root;
    slot->depth = depth;
    w->n++;
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *sub = malloc(len);
        struct stat sb;
        if (!sub)
            break;
        snprintf(sub, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
            watch_tree(r, w, sub, root, depth + 1);
        free(sub);
    }
    if (d)
        closedir(d);
}

/* Reads what a file that arrived in a watched folder holds, under the walk's rules: the
 * .datelineignore files from its root down and --exclude apply to it and its folders. */
static void watch_read(run_t *r, const char *path, const char *root)
{
    size_t outer_rules = r->nrules, rl = strlen(root);
    while (rl > 1 && root[rl - 1] == '/')
        rl--;
    for (size_t i = 0; i < r->ncli; i++)
        r->cli[i].base = root;
    read_ignore_file(r, root, 0);
    char *cur = strdup(path);
    int depth = 1, ok = cur != NULL;
    /* each folder between root and the file: not hidden, not left out; its rules apply */
    for (char *s = cur ? cur + rl + 1 : NULL; ok && s && (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        const char *name = strrchr(cur, '/') + 1;
        ok = name[0] != '.' && !is_excluded(r, cur, 1);
        if (ok)
            read_ignore_file(r, cur, 0);
        *s = '/';
        depth++;
    }
    const char *base = strrchr(path, '/');
    char *canon = ok && base && base[1] != '.' ? dateline_path_canonical(path) : NULL;
    if (canon)
        walk(r, path, canon, depth);
    free(canon);
    free(cur);
    while (r->nrules > outer_rules)
        free(r->rules[--r->nrules].pattern);
}

static void watch_compact(run_t *r, const options_t *o, const char *path, autocompact_t *ac);

/* --watch: after the first reading, reads what arrives in the folders named (and below):
 * files written and closed, or moved in, and new folders; one commit per quiet second. Ends
 * on SIGINT or SIGTERM. Compacts the index as it grows (watch_compact()). */
static void watch(run_t *r, const options_t *o, const char *index_path, autocompact_t *ac,
                  char **roots, int nroots)
{
    watch_t w = {inotify_init1(IN_CLOEXEC), NULL, 0, 0, NULL, 0, 0};
    if (w.fd < 0) {
        fprintf(stderr, "%s: cannot watch: %s\n", prog, strerror(errno));
        r->fatal = 1;
        return;
    }
    for (int i = 0; i < nroots; i++) {
        struct stat sb;
        if (stat(roots[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            watch_tree(r, &w, roots[i], roots[i], 0);
    }
    if (!r->quiet) {
        clear_progress(r);
        fprintf(stderr, "%s: watching %zu folder%s; Ctrl-C ends\n", prog, w.n,
                w.n == 1 ? "" : "s");
    }
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!got_signal && !r->fatal) {
        struct pollfd p = {w.fd, POLLIN, 0};
        int ready = poll(&p, 1, 1000);
        if (ready < 0 && errno != EINTR) {
            fprintf(stderr, "%s: cannot watch: %s\n", prog, strerror(errno));
            r->fatal = 1;
            break;
        }
        if (ready > 0) {
            ssize_t len = read(w.fd, buf, sizeof buf);
            for (char *q = buf; len > 0 && q < buf + len;) {
                struct inotify_event *ev = (struct inotify_event *)q;
                q += sizeof *ev + ev->len;
                if (!ev->len || ev->name[0] == '.')
                    continue;
                if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR))
                    continue; /* a file is read once it is closed */
                const watched_t *in = NULL;
                for (size_t i = 0; i < w.n; i++)
                    if (w.w[i].wd == ev->wd)
                        in = &w.w[i];
                if (!in)
                    continue;
                size_t n = strlen(in->path) + strlen(ev->name) + 2;
                char *path = malloc(n);
                if (!path)
                    continue;
                snprintf(path, n, "%s%s%s", in->path,
                         in->path[strlen(in->path) - 1] == '/' ? "" : "/", ev->name);
                if (ev->mask & IN_ISDIR)
                    watch_tree(r, &w, path, in->root, in->depth + 1);
                if (w.npending == w.cappending) {
                    size_t c = w.cappending ? w.cappending * 2 : 64;
                    char **np = realloc(w.pending, c * sizeof *np);
                    if (!np) {
                        free(path);
                        continue;
                    }
                    w.pending = np;
                    w.cappending = c;
                }
                w.pending[w.npending++] = path;
            }
            continue; /* until a second passes with nothing new */
        }
        if (!w.npending)
            continue;
        run_t before = *r;
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        char *is_dir = calloc(w.npending, 1);
        for (size_t i = 0; is_dir && i < w.npending; i++) {
            struct stat sb;
            is_dir[i] = lstat(w.pending[i], &sb) == 0 && S_ISDIR(sb.st_mode);
        }
        for (size_t i = 0; i < w.npending; i++) {
            const char *root = NULL;
            for (int k = 0; k < nroots && !root; k++) {
                size_t rl = strlen(roots[k]);
                if (strncmp(w.pending[i], roots[k], rl) == 0)
                    root = roots[k];
            }
            /* the same name twice (written, then moved): read once, when last seen */
            int later = 0;
            for (size_t j = i + 1; j < w.npending && !later; j++)
                later = strcmp(w.pending[i], w.pending[j]) == 0;
            /* a file in a new folder is read with the folder */
            for (size_t j = 0; j < w.npending && is_dir && !later; j++) {
                size_t dl = strlen(w.pending[j]);
                later = j != i && is_dir[j] && strncmp(w.pending[i], w.pending[j], dl) == 0 &&
                        w.pending[i][dl] == '/';
            }
            /* gone since (an editor's or sed -i's temporary file): nothing to read */
            struct stat sb;
            if (root && !later && !got_signal && lstat(w.pending[i], &sb) == 0)
                watch_read(r, w.pending[i], root);
        }
        for (size_t i = 0; i < w.npending; i++)
            free(w.pending[i]);
        free(is_dir);
        w.npending = 0;
        if (idx_commit(r) != DATELINE_OK) {
            fprintf(stderr, "%s: the batch was not committed: %s\n", prog, idx_message(r));
            r->fatal = 1;
        }
        clear_progress(r);
        print_counts(r, &before, "watch: ", seconds_since(&t0));
        fflush(stderr);
        watch_compact(r, o, index_path, ac);
    }
    for (size_t i = 0; i < w.npending; i++)
        free(w.pending[i]);
    free(w.pending);
    for (size_t i = 0; i < w.n; i++)
        free(w.w[i].path);
    free(w.w);
    close(w.fd);
}
#endif

/* A fingerprint of the options that change what a file gives: a file recorded as read with
 * others is read again. */
static unsigned long long options_fingerprint(const dateline_reader_options_t *o, int topic)
{
    char n[64];
    const char *parts[] = {dateline_format_name(o->format), o->encoding, o->force_encoding ? "1" : "0",
                           o->date, o->columns, o->fields, topic ? "1" : "0", n};
    snprintf(n, sizeof n, "%zu", o->max_decompressed);
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        for (const char *c = parts[i] ? parts[i] : "(none)"; *c; c++) {
            h ^= (unsigned char)*c;
            h *= 0x100000001b3ULL;
        }
        h ^= 0x1f; /* between two parts */
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Without --jobs: $DATELINE_JOBS, else 1: one plain index, what a user gets without asking. A
 * second worker pays on a large import (1.3-1.8x on 2 cores: README, "Every core"). */
static unsigned default_jobs(void)
{
    const char *e = getenv("DATELINE_JOBS");
    char *end;
    unsigned long v = e ? strtoul(e, &end, 10) : 0;
    return e && *e && !*end && v > 0 && v <= 1024 ? (unsigned)v : 1;
}

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

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [--index DIR] [options] PATH...\n"
            "Read news articles from files, folders (walked recursively, in name order) or\n"
            "standard input (-) into a Dateline index. A folder walk skips what is not\n"
            "articles (READMEs, DTDs, licences, word lists; a file named is always read).\n"
            "\n"
            "Options:\n"
            "  -i, --index DIR       the index (default: $DATELINE_INDEX, else %s);\n"
            "                        built only in a new or empty folder\n"
            "  -f, --format FORMAT   auto (default: from the content and the name's\n"
            "                        extension), text (one article per file), sgml\n"
            "                        (Reuters-21578), csv (also tab-separated), json (JSON\n"
            "                        Lines or an array of objects), mail (RFC 5322 mail,\n"
            "                        Usenet articles, mbox), xml (NewsML), html (a saved\n"
            "                        article page); .gz files are read through zlib\n"
            "  -c, --columns LIST    CSV without a header: what each column holds, in order,\n"
            "                        from title, text, summary, date, topic, place, source,\n"
            "                        id, author, dateline, - (skip): e.g. topic,title,text\n"
            "  -F, --fields MAP      take a field from a column or JSON key of another name:\n"
            "                        e.g. title=headline,text=story_body\n"
            "  -t, --topic-from-folder  a file's folder (below the folder named) is its topic\n"
            "      --exclude GLOB    in folders, leave out what matches GLOB (repeatable;\n"
            "                        gitignore syntax, like a folder's .datelineignore:\n"
            "                        *.bak, drafts/, 2019/*.txt, !keep.txt)\n"
            "      --force           read every file again, also those the index has as\n"
            "                        unchanged (same size and time, or same bytes)\n"
            "      --no-prune        keep what files gone from a folder named (or now left\n"
            "                        out by --exclude or .datelineignore) gave; by default\n"
            "                        it is removed (--prune)\n"
            "      --rejects FILE    also write each rejected input to FILE, one per line:\n"
            "                        file, line and reason, tab-separated\n"
            "      --delete ID       delete the article with this id (repeatable)\n"
            "      --delete-origin PATH  forget a file or folder (any spelling of its path):\n"
            "                        articles read from nowhere else are deleted (repeatable)\n"
            "      --stats           print what the index holds, and change nothing\n"
            "  -j, --jobs N          parse once and write on N cores (default: $DATELINE_JOBS,\n"
            "                        else 1): a new index becomes N\n"
            "                        shards (an index folder of N parts); an index has the\n"
            "                        number of shards it was made with; 1: one plain index\n"
            "      --compact         merge the shards of the index into one compact index\n"
            "                        (a plain index is compacted), and change nothing else\n"
            "      --no-compact      do not compact the index at the end of a run that\n"
            "                        grew it by a quarter (and by $DATELINE_COMPACT_ABOVE,\n"
            "                        else 32M), as is done by default (with --watch, each\n"
            "                        time it has grown so)\n"
            "  -e, --encoding CS     read input that is not valid UTF-8 as CS (default\n"
            "                        Windows-1252; any name `iconv --list` knows)\n"
            "  -d, --date YYYY-MM-DD the date of articles whose source gives none\n"
            "  -b, --batch N         articles per committed batch (default 1000); a crash or\n"
            "                        kill loses at most the batch being written\n"
            "      --no-sync         do not flush commits to disk: faster, but a power cut\n"
            "                        may lose or damage what was committed\n"
            "  -w, --wait[=SECONDS]  when another process is writing the index, wait for it\n"
            "                        (without SECONDS: as long as it takes)\n"
            "  -W, --watch           after reading, stay and read what arrives in the\n"
            "                        folders named (inotify), one commit per quiet second;\n"
            "                        Ctrl-C ends it (with the summary, status 0 or 1)\n"
            "  -q, --quiet           no notes, no progress; errors and the summary only\n"
            "  -v, --verbose         also each file read and each batch committed (twice:\n"
            "                        each article too)\n"
            "  -h, --help            this help\n"
            "  -V, --version         the version\n"
            "\n"
            "Exit status: 0 all input went in, 1 some input was rejected (each rejection is\n"
            "on stderr with its file and line), 2 a fatal error, 3 another process is\n"
            "writing the index (nothing was read), 130 (143) interrupted by SIGINT (SIGTERM):\n"
            "what was read is committed; run the same command again to finish.\n"
            "Example: %s --index ~/news.db corpus/\n",
            prog, dl_default_index_hint(), prog);
}

/* The command line, parsed. */
struct options {
    dateline_reader_options_t ropts; /* --format, --encoding, --date, --columns, --fields */
    const char *index_arg;           /* --index */
    const char *rejects;             /* --rejects FILE */
    size_t batch;                    /* --batch, or 0 */
    int quiet, verbose, no_sync, topic_from_folder, stats, watching;
    int force, no_prune;             /* --force, --no-prune */
    unsigned jobs;                   /* --jobs: shards of a new index, workers */
    int compact;                     /* --compact */
    int no_compact;                  /* --no-compact: none at the end of the run */
    const char **deletes;            /* --delete and --delete-origin, in order */
    int *delete_kinds;               /* 'D' or 'O' for each */
    size_t ndeletes;
    double wait;                     /* seconds to wait for the lock; < 0: no limit */
    rule_t *cli;                     /* --exclude */
    size_t ncli, capcli;
};

static const struct option longopts[] = {
    {"index", required_argument, NULL, 'i'}, {"format", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'}, {"date", required_argument, NULL, 'd'},
    {"batch", required_argument, NULL, 'b'}, {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'}, {"wait", optional_argument, NULL, 'w'},
    {"no-sync", no_argument, NULL, 'S'}, {"columns", required_argument, NULL, 'c'},
    {"fields", required_argument, NULL, 'F'},
    {"topic-from-folder", no_argument, NULL, 't'},
    {"rejects", required_argument, NULL, 'R'}, {"delete", required_argument, NULL, 'D'},
    {"delete-origin", required_argument, NULL, 'O'}, {"stats", no_argument, NULL, 's'},
    {"exclude", required_argument, NULL, 'x'}, {"watch", no_argument, NULL, 'W'},
    {"force", no_argument, NULL, 'A'}, {"prune", no_argument, NULL, 'P'},
    {"no-prune", no_argument, NULL, 'N'}, {"jobs", required_argument, NULL, 'j'},
    {"compact", no_argument, NULL, 'C'}, {"no-compact", no_argument, NULL, 'K'},
    {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* --format: the names of the formats come from the library ("auto, text, ... or html"). */
static int parse_format(options_t *o, const char *arg)
{
    o->ropts.format = dateline_format_from_name(arg);
    if (o->ropts.format != DATELINE_FORMAT_AUTO || strcmp(arg, "auto") == 0)
        return -1;
    fprintf(stderr, "%s: unknown format '%s': use", prog, arg);
    int n = 0;
    while (n < MAX_FORMATS && strcmp(dateline_format_name((dateline_format_t)n), "unknown") != 0)
        n++;
    for (int f = 0; f < n; f++)
        fprintf(stderr, "%s%s", f == 0 ? " " : f + 1 < n ? ", " : " or ",
                dateline_format_name((dateline_format_t)f));
    fputc('\n', stderr);
    return 2;
}

/* --delete ID and --delete-origin FILE[:KEY], kept in order. */
static int add_delete(options_t *o, int kind, const char *arg)
{
    const char **nd = realloc(o->deletes, (o->ndeletes + 1) * sizeof *nd);
    int *nk = realloc(o->delete_kinds, (o->ndeletes + 1) * sizeof *nk);
    if (nd)
        o->deletes = nd;
    if (nk)
        o->delete_kinds = nk;
    if (!nd || !nk) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    o->deletes[o->ndeletes] = arg;
    o->delete_kinds[o->ndeletes++] = kind;
    return -1;
}

/* --batch N, --jobs N and --wait[=SECONDS]. */
static int parse_number(options_t *o, int c, const char *arg)
{
    char *end;
    if (c == 'j') {
        unsigned long v = strtoul(arg, &end, 10);
        if (*end || v == 0 || v > 1024 || arg[0] == '-') {
            fprintf(stderr, "%s: --jobs takes a whole number from 1 to 1024, not '%s'\n", prog,
                    arg);
            return 2;
        }
        o->jobs = (unsigned)v;
        return -1;
    }
    if (c == 'b') {
        unsigned long v = strtoul(arg, &end, 10);
        if (*end || v == 0 || arg[0] == '-') {
            fprintf(stderr, "%s: --batch takes a whole number above 0, not '%s'\n", prog, arg);
            return 2;
        }
        o->batch = v;
        return -1;
    }
    if (!arg) {
        o->wait = -1;
        return -1;
    }
    o->wait = strtod(arg, &end);
    if (*end || end == arg || !(o->wait >= 0) || o->wait > 1e9) {
        fprintf(stderr, "%s: --wait takes seconds (0 or more), not '%s'\n", prog, arg);
        return 2;
    }
    return -1;
}

/* One option c (its value optarg). Returns -1 to go on, else the exit status. */
static int parse_option(options_t *o, int c)
{
    switch (c) {
    case 'i': o->index_arg = optarg; return -1;
    case 'f': return parse_format(o, optarg);
    case 'c': o->ropts.columns = optarg; return -1;
    case 'F': o->ropts.fields = optarg; return -1;
    case 't': o->topic_from_folder = 1; return -1;
    case 'R': o->rejects = optarg; return -1;
    case 'D': case 'O': return add_delete(o, c, optarg);
    case 's': o->stats = 1; return -1;
    case 'W': o->watching = 1; return -1;
    case 'A': o->force = 1; return -1;
    case 'P': o->no_prune = 0; return -1;
    case 'N': o->no_prune = 1; return -1;
    case 'x':
        if (add_rule(&o->cli, &o->ncli, &o->capcli, optarg, ""))
            return -1;
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    case 'e': o->ropts.encoding = optarg; return -1;
    case 'd': o->ropts.date = optarg; return -1;
    case 'b': case 'w': case 'j': return parse_number(o, c, optarg);
    case 'C': o->compact = 1; return -1;
    case 'K': o->no_compact = 1; return -1;
    case 'q': o->quiet = 1; return -1;
    case 'v': o->verbose++; return -1;
    case 'S': o->no_sync = 1; return -1;
    case 'h': usage(stdout); return 0;
    case 'V': printf("%s (Dateline) %s\n", prog, dateline_version()); return 0;
    default: fprintf(stderr, "Try '%s --help'.\n", prog); return 2;
    }
}

/* What the options and the arguments left ask for, checked before the index is touched:
 * -1 to go on, else the exit status. */
static int check_options(const options_t *o, int argc, char **argv)
{
    if (o->watching) {
#ifdef HAVE_WATCH
        int folders = 0;
        for (int i = optind; i < argc; i++) {
            struct stat sb;
            folders += stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode);
        }
        if (!folders) {
            fprintf(stderr, "%s: --watch watches folders: name one or more\n", prog);
            return 2;
        }
#else
        fprintf(stderr, "%s: --watch needs inotify, which this system lacks: run dateline-index "
                        "from cron instead\n", prog);
        return 2;
#endif
    }
    if (optind >= argc && !o->ndeletes) {
        fprintf(stderr, "%s: no input: name files or folders to read, or - for standard input\n"
                        "Try '%s --help'.\n", prog, prog);
        return 2;
    }
    /* the reader's options, on a probe */
    dateline_reader_t *probe;
    char *msg = NULL;
    dateline_status_t st = dateline_reader_open_memory("x", 1, "-", &o->ropts, &probe, &msg);
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        return 2;
    }
    dateline_reader_destroy(probe);
    return -1;
}

/* Opens the index at path for writing: one index into r->index, or its shards (r->jobs, with
 * all of them opened to read in r->index, for the files' records). */
static dateline_status_t open_index(run_t *r, const options_t *o, const char *path,
                                    unsigned mode, char **msg)
{
    dateline_status_t st;
    r->jobs = jobs_open(path, o->jobs, mode, o->batch, job_done, on_commit, r, &st, msg);
    if (!r->jobs)
        return st != DATELINE_OK ? st : dateline_index_open(path, mode, &r->index, msg);
    st = dateline_index_open(path, DATELINE_OPEN_READ, &r->index, msg);
    if (st != DATELINE_OK) {
        jobs_close(r->jobs);
        r->jobs = NULL;
    }
    return st;
}

/* Opens the index at path for writing into r->index, waiting for the lock as --wait says:
 * -1 when it is open, else the exit status (said why). */
static int open_for_writing(run_t *r, const options_t *o, const char *path)
{
    char *msg = NULL;
    unsigned mode = o->no_sync ? DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC
                               : DATELINE_OPEN_WRITE;
    struct timespec asked;
    clock_gettime(CLOCK_MONOTONIC, &asked);
    int told = 0;
    dateline_status_t st;
    while ((st = open_index(r, o, path, mode, &msg)) == DATELINE_LOCKED &&
           (o->wait < 0 || seconds_since(&asked) < o->wait)) {
        if (!told++ && !o->quiet)
            fprintf(stderr, "%s: %s\n%s: waiting\n", prog, msg, prog);
        dateline_free(msg);
        msg = NULL;
        struct timespec nap = {0, 100 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        return st == DATELINE_LOCKED ? 3 : 2;
    }
    if (o->batch && !r->jobs)
        dateline_index_set_batch(r->index, o->batch);
    if (o->rejects && !(r->rejects = fopen(o->rejects, "w"))) {
        fprintf(stderr, "%s: %s: cannot write: %s\n", prog, o->rejects, strerror(errno));
        jobs_close(r->jobs);
        dateline_index_close(r->index);
        return 2;
    }
    if (r->rejects)
        fputs("file\tline\treason\n", r->rejects);
    return -1;
}

#ifdef HAVE_WATCH
/* --watch: the compaction a run that grew the index ends with, while watching (a watch never
 * ends by itself): when what was committed since the run began, or since the last such
 * compaction, is due (autocompact.c's rule), the index is closed, compacted where it is, and
 * opened again; files that arrive meanwhile wait in inotify's queue. A signal during the
 * compaction leaves the index as it was, opened again, and the watch ends. */
static void watch_compact(run_t *r, const options_t *o, const char *path, autocompact_t *ac)
{
    if (o->no_compact || r->fatal || got_signal || !autocompact_due_now(ac, path))
        return;
    dateline_status_t st = r->jobs ? jobs_close(r->jobs) : DATELINE_OK;
    r->jobs = NULL;
    if (dateline_index_close(r->index) != DATELINE_OK)
        st = DATELINE_FILE_ERROR;
    r->index = NULL;
    r->failed = NULL;
    if (st == DATELINE_OK)
        autocompact_run(ac, path, prog, r->quiet, &got_signal);
    char *msg = NULL;
    unsigned mode = o->no_sync ? DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC
                               : DATELINE_OPEN_WRITE;
    if (st != DATELINE_OK || (st = open_index(r, o, path, mode, &msg)) != DATELINE_OK) {
        fprintf(stderr, "%s: %s: cannot go on watching after the compaction: %s\n", prog, path,
                msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        r->index = NULL;
        r->fatal = 1;
        return;
    }
    if (o->batch && !r->jobs)
        dateline_index_set_batch(r->index, o->batch);
    dateline_index_on_commit(r->index, on_commit, r);
    autocompact_start(ac, path);
    fflush(stderr);
}

#endif

/* SIGINT and SIGTERM stop the run between two articles (on_signal). */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* no SA_RESTART: a read waiting on a pipe stops too */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* What --delete and --delete-origin took out. */
typedef struct {
    size_t deleted;  /* articles deleted */
    size_t kept;     /* articles kept, read from elsewhere too */
    size_t missing;  /* deletions that found nothing */
} deletions_t;

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

/* The summary at the end of a run, and its exit status. `inputs`: files or folders were named. */
static int summary(run_t *r, const options_t *o, const deletions_t *d, int inputs)
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

static void free_options(options_t *o)
{
    for (size_t i = 0; i < o->ncli; i++)
        free(o->cli[i].pattern);
    free(o->cli);
    free(o->deletes);
    free(o->delete_kinds);
}

/* The index to write, from --index or DATELINE_INDEX, checked: NULL when it cannot be. */
static char *index_path(const options_t *o, int inputs)
{
    char *path = dl_index_path(o->index_arg, 1);
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
        return NULL;
    }
    /* the index is not written among other files, nor over a file */
    char *what = dl_index_path_check(path, inputs);
    if (what) {
        fprintf(stderr, "%s: %s\n", prog, what);
        free(what);
        free(path);
        return NULL;
    }
    return path;
}

int main(int argc, char **argv)
{
    options_t o = {.ropts = DATELINE_READER_OPTIONS_INIT};
    int c, rc = -1;
    while (rc < 0 && (c = getopt_long(argc, argv, "i:f:e:d:b:qvw::hVc:F:tWj:", longopts, NULL)) != -1)
        rc = parse_option(&o, c);
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
