/* ingest.h: what the parts of dateline-index share: the run, the command line, and the
 * functions one part calls in another (indexer/dateline-index.c and indexer/ingest-*.c). */
#ifndef DATELINE_INGEST_H
#define DATELINE_INGEST_H

#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "dateline.h"
#include "autocompact.h"
#include "jobs.h"

#ifdef __linux__
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

/* What --delete and --delete-origin took out. */
typedef struct {
    size_t deleted;  /* articles deleted */
    size_t kept;     /* articles kept, read from elsewhere too */
    size_t missing;  /* deletions that found nothing */
} deletions_t;

typedef struct options options_t;

extern const char *prog; /* "dateline-index", for messages */
/* SIGINT or SIGTERM, once one came (ingest-report.c): the run stops between two articles. */
extern volatile sig_atomic_t got_signal;

/* ingest-report.c */
int format_slot(const dateline_reader_t *rd);
const char *noun(size_t n, const char *one, const char *many);
double seconds_since(const struct timespec *t);
void progress(run_t *r, int force);
void clear_progress(const run_t *r);
void record_reject(run_t *r, const char *file, size_t line, const char *why);
const char *shown(const char *name);
void reject(run_t *r, const char *file, size_t line, const char *why);
void on_commit(int done, size_t articles, void *closure);
void print_counts(const run_t *r, const run_t *from, const char *what, double t);
void catch_signals(void);
int summary(run_t *r, const options_t *o, const deletions_t *d, int inputs);

/* ingest-write.c */
const char *idx_message(const run_t *r);
file_slot_t *new_slot(run_t *r, const char *canon);
void free_slots(run_t *r);
dateline_status_t idx_file_set(run_t *r, const char *canon, const dateline_file_t *rec);
dateline_status_t idx_commit(run_t *r);
dateline_status_t idx_delete_origin(run_t *r, const char *path, size_t *d, size_t *k);
dateline_status_t idx_delete(run_t *r, const char *id);
dateline_status_t open_index(run_t *r, const options_t *o, const char *path,
                             unsigned mode, char **msg);
int open_for_writing(run_t *r, const options_t *o, const char *path);

/* ingest-read.c */
int not_an_article(const char *path);
void met(run_t *r, const char *canon);
void job_done(void *closure, const char *file, size_t position, void *tag,
              dateline_status_t st, dateline_outcome_t what, const char *message,
              const char *id);
void index_file(run_t *r, const char *path, const char *canon, const char *topic,
                int in_folder, const struct stat *sb);

/* ingest-walk.c */
int add_rule(rule_t **rules, size_t *n, size_t *cap, const char *line, const char *base);
int is_excluded(const run_t *r, const char *path, int is_dir);
void read_ignore_file(run_t *r, const char *path, int quiet);
void walk(run_t *r, const char *path, const char *canon, int depth);
void measure(run_t *r, const char *path, int depth);
void prune(run_t *r, const char *path, const char *canon);

/* ingest-watch.c */
void watch(run_t *r, const options_t *o, const char *index_path, autocompact_t *ac,
           char **roots, int nroots);
void watch_compact(run_t *r, const options_t *o, const char *path, autocompact_t *ac);

/* ingest-options.c */
unsigned long long options_fingerprint(const dateline_reader_options_t *o, int topic);
unsigned default_jobs(void);
int parse_options(options_t *o, int argc, char **argv);
int check_options(const options_t *o, int argc, char **argv);
void free_options(options_t *o);
char *index_path(const options_t *o, int inputs);

#endif
