/* dateline-index.c: the program that reads wire articles from files and folders into an index. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dateline.h"
#include "../search/index-path.h"

#define MAX_DEPTH 64 /* folders nested deeper than this are not walked (a link loop, most likely) */

typedef struct {
    dateline_index_t *index;
    dateline_reader_options_t ropts;
    int progress;                 /* stderr is a terminal */
    int quiet;                    /* no notes */
    size_t files, read, added, updated, unchanged, rejected;
    double bytes;                 /* input bytes read */
    struct timespec start, last;  /* run start, last progress line */
    int fatal;                    /* a fatal error happened */
    int verbose;                  /* 1: files and commits; 2: also each article */
    size_t batches, committed;    /* batches committed, articles in them */
} run_t;

static const char *prog = "dateline-index";

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress(run_t *r, int force)
{
    if (!r->progress || (!force && seconds_since(&r->last) < 0.25))
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    double t = seconds_since(&r->start);
    fprintf(stderr, "\r%s: %zu files, %zu articles, %.1f MB/s   ", prog, r->files, r->read,
            t > 0 ? r->bytes / 1e6 / t : 0.0);
    fflush(stderr);
}

/* Clears the progress line before another message goes to stderr. */
static void clear_progress(const run_t *r)
{
    if (r->progress)
        fputs("\r\033[K", stderr);
}

static void reject(run_t *r, const char *file, size_t line, const char *why)
{
    clear_progress(r);
    if (line)
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, line, why);
    else
        fprintf(stderr, "%s: %s\n", prog, why);
    r->read++;
    r->rejected++;
}

/* With --verbose, what is happening, one line each, so that a log shows how far a run got. */
static void on_commit(void *ctx, int done, size_t articles)
{
    run_t *r = ctx;
    if (done) {
        r->batches++;
        r->committed += articles;
    }
    if (r->verbose) {
        clear_progress(r);
        if (done)
            fprintf(stderr, "%s: committed batch %zu: %zu articles (%zu in all)\n", prog,
                    r->batches, articles, r->committed);
        else
            fprintf(stderr, "%s: committing batch %zu: %zu articles\n", prog, r->batches + 1,
                    articles);
        fflush(stderr);
    }
}

static void index_file(run_t *r, const char *path)
{
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: reading %s\n", prog, path);
    }
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_status_t st = dateline_reader_open_file(path, path, &r->ropts, &rd, &msg);
    r->files++;
    if (st != DATELINE_OK) {
        if (st == DATELINE_NO_MEMORY) {
            fprintf(stderr, "%s: %s: out of memory\n", prog, path);
            r->fatal = 1;
        } else {
            reject(r, path, 0, msg ? msg : dateline_status_to_string(st));
        }
        dateline_free(msg);
        return;
    }
    r->bytes += (double)dateline_reader_size(rd);
    for (;;) {
        dateline_article_t *a;
        st = dateline_reader_next(rd, &a);
        if (st == DATELINE_END)
            break;
        if (st == DATELINE_BAD_INPUT) {
            reject(r, path, dateline_reader_position(rd), dateline_reader_message(rd));
            continue;
        }
        if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s: %s\n", prog, path, dateline_status_to_string(st));
            r->fatal = 1;
            break;
        }
        if (dateline_reader_message(rd) && !r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: note: %s\n", prog, path, dateline_reader_position(rd),
                    dateline_reader_message(rd));
        }
        if (r->verbose > 1) {
            clear_progress(r);
            fprintf(stderr, "%s: indexing %s:%zu\n", prog, path, dateline_reader_position(rd));
        }
        dateline_outcome_t what;
        st = dateline_index_add(r->index, a, &what);
        r->read++;
        if (st == DATELINE_BAD_ARGUMENT) {
            r->rejected++;
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: %s\n", prog, path, dateline_reader_position(rd),
                    dateline_index_message(r->index));
            continue;
        }
        if (st != DATELINE_OK) {
            r->read--;
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: %s\n", prog, path, dateline_reader_position(rd),
                    dateline_index_message(r->index));
            r->fatal = 1;
            break;
        }
        if (what == DATELINE_ADDED)
            r->added++;
        else if (what == DATELINE_UPDATED)
            r->updated++;
        else
            r->unchanged++;
        progress(r, 0);
    }
    dateline_reader_destroy(rd);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(run_t *r, const char *path, int depth)
{
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        index_file(r, path);
        return;
    }
    /* Inside a folder, a link to a folder is not followed: two links back up the tree would
     * make the walk grow without end. A link named on the command line is followed. */
    if (depth > 0 && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 &&
        S_ISDIR(sb.st_mode)) {
        if (!r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: note: a link to a folder, not followed\n", prog, path);
        }
        return;
    }
    if (stat(path, &sb) != 0) {
        char *why = NULL;
        int e = errno;
        size_t n = strlen(path) + strlen(strerror(e)) + 64;
        if ((why = malloc(n)) != NULL)
            snprintf(why, n, "%s: cannot read: %s", path, strerror(e));
        reject(r, path, 0, why ? why : path);
        free(why);
        return;
    }
    if (S_ISREG(sb.st_mode)) {
        index_file(r, path);
        return;
    }
    if (!S_ISDIR(sb.st_mode))
        return; /* sockets, devices: nothing to read */
    if (depth >= MAX_DEPTH) {
        clear_progress(r);
        fprintf(stderr, "%s: %s: folders nested deeper than %d are not read\n", prog, path,
                MAX_DEPTH);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        char why[512];
        snprintf(why, sizeof why, "%s: cannot open folder: %s", path, strerror(errno));
        reject(r, path, 0, why);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
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
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (!r->fatal)
            walk(r, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [--index DIR] [options] PATH...\n"
            "Read news articles from files, folders (walked recursively, in name order) or\n"
            "standard input (-) into a Dateline index.\n"
            "\n"
            "Options:\n"
            "  -i, --index DIR       the index (default: $DATELINE_INDEX, else %s)\n"
            "  -f, --format FORMAT   auto (default), text (one article per file) or sgml\n"
            "                        (Reuters-21578 <REUTERS> records)\n"
            "  -e, --encoding CS     read input that is not valid UTF-8 as CS (default\n"
            "                        Windows-1252; any name `iconv --list` knows)\n"
            "  -d, --date YYYY-MM-DD the date of articles whose source gives none\n"
            "  -b, --batch N         articles per committed batch (default 1000); a crash or\n"
            "                        kill loses at most the batch being written\n"
            "      --no-sync         do not flush commits to disk: faster, but a power cut\n"
            "                        may lose or damage what was committed\n"
            "  -w, --wait[=SECONDS]  when another process is writing the index, wait for it\n"
            "                        (without SECONDS: as long as it takes)\n"
            "  -q, --quiet           no notes, no progress; errors and the summary only\n"
            "  -v, --verbose         also each file read and each batch committed (twice:\n"
            "                        each article too)\n"
            "  -h, --help            this help\n"
            "  -V, --version         the version\n"
            "\n"
            "Exit status: 0 all input went in, 1 some input was rejected (each rejection is\n"
            "on stderr with its file and line), 2 a fatal error, 3 another process is\n"
            "writing the index (nothing was read).\n"
            "Example: %s --index ~/news.db corpus/\n",
            prog, dl_default_index_hint(), prog);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'}, {"format", required_argument, NULL, 'f'},
        {"encoding", required_argument, NULL, 'e'}, {"date", required_argument, NULL, 'd'},
        {"batch", required_argument, NULL, 'b'}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'}, {"wait", optional_argument, NULL, 'w'},
        {"no-sync", no_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    dateline_reader_options_t ropts = DATELINE_READER_OPTIONS_INIT;
    const char *index_arg = NULL;
    size_t batch = 0;
    int quiet = 0, verbose = 0, no_sync = 0, c;
    double wait = 0; /* seconds to wait for the lock; < 0: no limit */
    while ((c = getopt_long(argc, argv, "i:f:e:d:b:qvw::hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': index_arg = optarg; break;
        case 'f':
            if (strcmp(optarg, "auto") == 0)
                ropts.format = DATELINE_FORMAT_AUTO;
            else if (strcmp(optarg, "text") == 0)
                ropts.format = DATELINE_FORMAT_TEXT;
            else if (strcmp(optarg, "sgml") == 0)
                ropts.format = DATELINE_FORMAT_SGML;
            else {
                fprintf(stderr, "%s: unknown format '%s': use auto, text or sgml\n", prog, optarg);
                return 2;
            }
            break;
        case 'e': ropts.encoding = optarg; break;
        case 'd': ropts.date = optarg; break;
        case 'b': {
            char *end;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || v == 0 || optarg[0] == '-') {
                fprintf(stderr, "%s: --batch takes a whole number above 0, not '%s'\n", prog,
                        optarg);
                return 2;
            }
            batch = v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'v': verbose++; break;
        case 'S': no_sync = 1; break;
        case 'w': {
            char *end;
            if (!optarg) {
                wait = -1;
                break;
            }
            wait = strtod(optarg, &end);
            if (*end || end == optarg || !(wait >= 0) || wait > 1e9) {
                fprintf(stderr, "%s: --wait takes seconds (0 or more), not '%s'\n", prog,
                        optarg);
                return 2;
            }
            break;
        }
        case 'h': usage(stdout); return 0;
        case 'V': printf("%s (Dateline) %s\n", prog, dateline_version()); return 0;
        default:
            fprintf(stderr, "Try '%s --help'.\n", prog);
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no input: name files or folders to read, or - for standard input\n"
                        "Try '%s --help'.\n", prog, prog);
        return 2;
    }
    /* options are checked before the index is touched */
    {
        dateline_reader_t *probe;
        char *msg = NULL;
        dateline_status_t st = dateline_reader_open_memory("x", 1, "-", &ropts, &probe, &msg);
        if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
            dateline_free(msg);
            return 2;
        }
        dateline_reader_destroy(probe);
    }
    char *path = dl_index_path(index_arg, 1);
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
        return 2;
    }
    run_t r;
    memset(&r, 0, sizeof r);
    r.ropts = ropts;
    r.quiet = quiet;
    r.progress = !quiet && isatty(2);
    char *msg = NULL;
    dateline_mode_t mode = no_sync ? DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC
                                   : DATELINE_OPEN_WRITE;
    struct timespec asked;
    clock_gettime(CLOCK_MONOTONIC, &asked);
    int told = 0;
    dateline_status_t st;
    while ((st = dateline_index_open(path, mode, &r.index, &msg)) == DATELINE_LOCKED &&
           (wait < 0 || seconds_since(&asked) < wait)) {
        if (!told++ && !quiet)
            fprintf(stderr, "%s: %s\n%s: waiting\n", prog, msg, prog);
        dateline_free(msg);
        msg = NULL;
        struct timespec nap = {0, 100 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        free(path);
        return st == DATELINE_LOCKED ? 3 : 2;
    }
    if (batch)
        dateline_index_set_batch(r.index, batch);
    r.verbose = verbose;
    dateline_index_on_commit(r.index, on_commit, &r);
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last = r.start;
    for (int i = optind; i < argc && !r.fatal; i++)
        walk(&r, argv[i], 0);
    st = dateline_index_commit(r.index);
    if (st != DATELINE_OK) {
        clear_progress(&r);
        fprintf(stderr, "%s: the last batch was not committed: %s\n", prog,
                dateline_index_message(r.index));
        r.fatal = 1;
    }
    if (dateline_index_close(r.index) != DATELINE_OK && st == DATELINE_OK) {
        fprintf(stderr, "%s: closing %s failed\n", prog, path);
        r.fatal = 1;
    }
    double t = seconds_since(&r.start);
    progress(&r, 1);
    clear_progress(&r);
    fprintf(stderr,
            "%s: read %zu, added %zu, updated %zu, unchanged %zu, rejected %zu in %.2f s "
            "(%.1f MB/s)\n",
            prog, r.read, r.added, r.updated, r.unchanged, r.rejected, t,
            t > 0 ? r.bytes / 1e6 / t : 0.0);
    if (r.fatal && r.added + r.updated > r.committed)
        fprintf(stderr, "%s: %zu of the articles added or updated were not committed and are not "
                        "in the index (it keeps its last commit): run again to add them\n",
                prog, r.added + r.updated - r.committed);
    free(path);
    if (r.fatal)
        return 2;
    return r.rejected ? 1 : 0;
}
