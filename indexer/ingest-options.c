/* ingest-options.c: dateline-index's command line: --help, the options parsed and checked. */
#include <config.h>

#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest.h"
#include "../search/index-path.h"

/* A fingerprint of the options that change what a file gives: a file recorded as read with
 * others is read again. */
unsigned long long options_fingerprint(const dateline_reader_options_t *o, int topic)
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
unsigned default_jobs(void)
{
    const char *e = getenv("DATELINE_JOBS");
    char *end;
    unsigned long v = e ? strtoul(e, &end, 10) : 0;
    return e && *e && !*end && v > 0 && v <= 1024 ? (unsigned)v : 1;
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

/* The options of argv, into *o (getopt_long: optind is then the first argument left).
 * Returns -1 to go on, else the exit status (--help, --version, or a bad option: said why). */
int parse_options(options_t *o, int argc, char **argv)
{
    int c, rc = -1;
    while (rc < 0 && (c = getopt_long(argc, argv, "i:f:e:d:b:qvw::hVc:F:tWj:", longopts, NULL)) != -1)
        rc = parse_option(o, c);
    return rc;
}

/* What the options and the arguments left ask for, checked before the index is touched:
 * -1 to go on, else the exit status. */
int check_options(const options_t *o, int argc, char **argv)
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

void free_options(options_t *o)
{
    for (size_t i = 0; i < o->ncli; i++)
        free(o->cli[i].pattern);
    free(o->cli);
    free(o->deletes);
    free(o->delete_kinds);
}

/* The index to write, from --index or DATELINE_INDEX, checked: NULL when it cannot be. */
char *index_path(const options_t *o, int inputs)
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
