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
    size_t files, read, added, updated, unchanged, duplicates, rejected;
    FILE *rejects;                /* --rejects: one line per rejection, or NULL */
    double bytes;                 /* input bytes read */
    struct timespec start, last;  /* run start, last progress line */
    int fatal;                    /* a fatal error happened */
    int verbose;                  /* 1: files and commits; 2: also each article */
    size_t batches, committed;    /* batches committed, articles in them */
    int topic_from_folder;        /* --topic-from-folder */
    size_t skipped;               /* files in folders that are not articles (checksum lists) */
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
    tsv_put(r->rejects, file);
    fprintf(r->rejects, "\t%zu\t", line);
    tsv_put(r->rejects, why);
    fputc('\n', r->rejects);
}

static void reject(run_t *r, const char *file, size_t line, const char *why)
{
    clear_progress(r);
    if (line)
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, line, why);
    else
        fprintf(stderr, "%s: %s\n", prog, why);
    record_reject(r, file, line, why);
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
    const char *dot = strrchr(base, '.');
    return dot && (strcmp(dot, ".sha256") == 0 || strcmp(dot, ".md5") == 0 ||
                   strcmp(dot, ".sig") == 0 || strcmp(dot, ".asc") == 0);
}

static void index_file(run_t *r, const char *path, const char *topic)
{
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: reading %s\n", prog, path);
    }
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_reader_options_t o = r->ropts;
    o.topic = topic;
    dateline_status_t st = dateline_reader_open_file(path, path, &o, &rd, &msg);
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
            record_reject(r, path, dateline_reader_position(rd), dateline_index_message(r->index));
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
        else if (what == DATELINE_DUPLICATE) {
            r->duplicates++;
            if (r->verbose) {
                clear_progress(r);
                fprintf(stderr, "%s: %s:%zu: a copy of article %s, read before from elsewhere\n",
                        prog, path, dateline_reader_position(rd),
                        dateline_article_get(a, DATELINE_FIELD_ID));
            }
        }
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

static void walk(run_t *r, const char *path, int depth)
{
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        index_file(r, path, NULL);
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
        if (depth > 0 && not_an_article(path)) {
            r->skipped++;
            if (r->verbose) {
                clear_progress(r);
                fprintf(stderr, "%s: %s: skipped: a checksum list or system file, not an "
                                "article (name it to read it anyway)\n", prog, path);
            }
            return;
        }
        char *topic = folder_topic(r, path, depth);
        index_file(r, path, topic);
        free(topic);
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        /* a pipe named on the command line (<(zcat news.gz)) is read; inside a folder, pipes,
         * sockets and devices are not (a pipe nobody writes to would wait for ever) */
        if (depth == 0 && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode)))
            index_file(r, path, NULL);
        else if (depth == 0)
            reject(r, path, 0, "not a file or folder: nothing to read");
        return;
    }
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

/* --stats: what the index holds. */
static int print_stats(const char *index_arg)
{
    char *path = dl_index_path(index_arg, 0);
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
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
    dateline_stats_t s;
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
    printf("origins    %zu files; %zu articles were read from more than one\n", s.origins,
           s.copies);
    printf("size       %.1f MB on disk\n", (double)s.bytes / 1e6);
    static const struct {
        const char *label;
        dateline_field_t field;
        size_t top;
    } lists[] = {{"charsets", DATELINE_FIELD_CHARSET, 20},
                 {"repaired", DATELINE_FIELD_REPAIRED, 20},
                 {"sources", DATELINE_FIELD_SOURCE, 10},
                 {"topics", DATELINE_FIELD_TOPICS, 10}};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        size_t count, i;
        const char *v;
        printf("%-10s ", lists[l].label);
        for (i = 0; (v = dateline_index_value(idx, lists[l].field, i, &count)) != NULL; i++)
            if (i < lists[l].top)
                printf("%s%s %zu", i ? ", " : "", v, count);
        if (i > lists[l].top)
            printf(", and %zu more", i - lists[l].top);
        printf("%s\n", i ? "" : "none");
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
            "standard input (-) into a Dateline index.\n"
            "\n"
            "Options:\n"
            "  -i, --index DIR       the index (default: $DATELINE_INDEX, else %s)\n"
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
            "      --rejects FILE    also write each rejected input to FILE, one per line:\n"
            "                        file, line and reason, tab-separated\n"
            "      --delete ID       delete the article with this id (repeatable)\n"
            "      --delete-origin PATH  forget a file or folder as it was named when read:\n"
            "                        articles read from nowhere else are deleted (repeatable)\n"
            "      --stats           print what the index holds, and change nothing\n"
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
        {"no-sync", no_argument, NULL, 'S'}, {"columns", required_argument, NULL, 'c'},
        {"fields", required_argument, NULL, 'F'},
        {"topic-from-folder", no_argument, NULL, 't'},
        {"rejects", required_argument, NULL, 'R'}, {"delete", required_argument, NULL, 'D'},
        {"delete-origin", required_argument, NULL, 'O'}, {"stats", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    dateline_reader_options_t ropts = DATELINE_READER_OPTIONS_INIT;
    const char *index_arg = NULL;
    size_t batch = 0;
    int quiet = 0, verbose = 0, no_sync = 0, topic_from_folder = 0, stats = 0, c;
    const char *rejects = NULL;
    char **deletes = NULL;  /* --delete and --delete-origin, in order */
    int *delete_kinds = NULL;
    size_t ndeletes = 0;
    double wait = 0; /* seconds to wait for the lock; < 0: no limit */
    while ((c = getopt_long(argc, argv, "i:f:e:d:b:qvw::hVc:F:t", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': index_arg = optarg; break;
        case 'f':
            ropts.format = dateline_format_from_name(optarg);
            if (ropts.format == DATELINE_FORMAT_AUTO && strcmp(optarg, "auto") != 0) {
                fprintf(stderr, "%s: unknown format '%s': use auto, text, sgml, csv, json, "
                                "mail, xml or html\n", prog, optarg);
                return 2;
            }
            break;
        case 'c': ropts.columns = optarg; break;
        case 'F': ropts.fields = optarg; break;
        case 't': topic_from_folder = 1; break;
        case 'R': rejects = optarg; break;
        case 'D':
        case 'O': {
            char **nd = realloc(deletes, (ndeletes + 1) * sizeof *nd);
            int *nk = realloc(delete_kinds, (ndeletes + 1) * sizeof *nk);
            if (nd)
                deletes = nd;
            if (nk)
                delete_kinds = nk;
            if (!nd || !nk) {
                fprintf(stderr, "%s: out of memory\n", prog);
                return 2;
            }
            deletes[ndeletes] = optarg;
            delete_kinds[ndeletes++] = c;
            break;
        }
        case 's': stats = 1; break;
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
    if (stats) {
        if (optind < argc || ndeletes) {
            fprintf(stderr, "%s: --stats changes nothing: give it without files or deletions\n",
                    prog);
            return 2;
        }
        int rc = print_stats(index_arg);
        free(deletes);
        free(delete_kinds);
        return rc;
    }
    if (optind >= argc && !ndeletes) {
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
    r.topic_from_folder = topic_from_folder;
    r.progress = !quiet && isatty(2);
    char *msg = NULL;
    unsigned mode = no_sync ? DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC
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
    if (rejects && !(r.rejects = fopen(rejects, "w"))) {
        fprintf(stderr, "%s: %s: cannot write: %s\n", prog, rejects, strerror(errno));
        dateline_index_close(r.index);
        free(path);
        return 2;
    }
    if (r.rejects)
        fputs("file\tline\treason\n", r.rejects);
    r.verbose = verbose;
    dateline_index_on_commit(r.index, on_commit, &r);
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last = r.start;
    size_t deleted = 0, kept = 0, missing = 0;
    for (size_t i = 0; i < ndeletes && !r.fatal; i++) {
        size_t d = 0, k = 0;
        st = delete_kinds[i] == 'D' ? dateline_index_delete(r.index, deletes[i])
                                    : dateline_index_delete_origin(r.index, deletes[i], &d, &k);
        if (st == DATELINE_OK && delete_kinds[i] == 'D')
            d = 1;
        if (st == DATELINE_NOT_FOUND || (st == DATELINE_OK && d + k == 0)) {
            fprintf(stderr, "%s: %s: %s\n", prog, deletes[i],
                    delete_kinds[i] == 'D' ? "no article has this id (dateline-search --format "
                                             "tsv shows ids in its third column)"
                                           : "no article was read from there (give the path as "
                                             "it was given when indexing)");
            missing++;
        } else if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(r.index));
            r.fatal = 1;
        }
        deleted += d;
        kept += k;
    }
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
    if (ndeletes)
        fprintf(stderr, "%s: deleted %zu article%s%s", prog, deleted, deleted == 1 ? "" : "s",
                kept ? "" : "\n");
    if (ndeletes && kept)
        fprintf(stderr, "; %zu kept, read from elsewhere too\n", kept);
    if (optind < argc || !ndeletes)
        fprintf(stderr,
                "%s: read %zu, added %zu, updated %zu, unchanged %zu, duplicates %zu, "
                "rejected %zu in %.2f s (%.1f MB/s)\n",
                prog, r.read, r.added, r.updated, r.unchanged, r.duplicates, r.rejected, t,
                t > 0 ? r.bytes / 1e6 / t : 0.0);
    if (r.skipped && !quiet)
        fprintf(stderr, "%s: %zu file%s skipped: checksum lists and system files (-v names "
                        "them)\n", prog, r.skipped, r.skipped == 1 ? "" : "s");
    if (r.rejects && fclose(r.rejects) != 0) {
        fprintf(stderr, "%s: %s: cannot write: %s\n", prog, rejects, strerror(errno));
        r.fatal = 1;
    }
    free(deletes);
    free(delete_kinds);
    if (r.fatal && r.added + r.updated > r.committed)
        fprintf(stderr, "%s: %zu of the articles added or updated were not committed and are not "
                        "in the index (it keeps its last commit): run again to add them\n",
                prog, r.added + r.updated - r.committed);
    free(path);
    if (r.fatal)
        return 2;
    return r.rejected || missing ? 1 : 0;
}
