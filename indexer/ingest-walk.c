/* ingest-walk.c: walking files and folders: --exclude and .datelineignore, --topic-from-folder, --prune. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest.h"

/* Adds a rule from a line of gitignore syntax to *rules; blank lines and '#' comments add
 * nothing. Returns 0 when out of memory. */
int add_rule(rule_t **rules, size_t *n, size_t *cap, const char *line, const char *base)
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

int is_excluded(const run_t *r, const char *path, int is_dir)
{
    int by_file = rules_say(r->rules, r->nrules, path, is_dir);
    int by_cli = rules_say(r->cli, r->ncli, path, is_dir);
    return by_cli >= 0 ? by_cli : by_file > 0;
}

/* Reads the .datelineignore of the folder at path, if it has one, into r->rules; an error is
 * told unless `quiet`. */
void read_ignore_file(run_t *r, const char *path, int quiet)
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

static void walk_at(run_t *r, const char *path, const char *canon, int depth, int dfd,
                    const char *name);

/* A regular file met by the walk (sb its stat): read, unless a file beside articles that
 * is none (a checksum list, a README) met inside a folder. */
static void walk_file(run_t *r, const char *path, const char *canon, int depth,
                      const struct stat *sb)
{
    if (depth > 0 && not_an_article(path)) {
        met(r, canon); /* read before only when named: --prune keeps it */
        r->skipped++;
        r->done_bytes += (double)sb->st_size;
        if (r->verbose) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: skipped: a checksum list, system file or README, not "
                            "an article (name it to read it anyway)\n", prog, shown(path));
        }
        return;
    }
    char *topic = folder_topic(r, path, depth);
    index_file(r, path, canon, topic, depth > 0, sb);
    free(topic);
    r->done_bytes += (double)sb->st_size;
}

/* What is neither a file nor a folder (sb its stat): a pipe or standard input named on the
 * command line is read; other devices are refused; inside a folder, they are skipped. */
static void walk_special(run_t *r, const char *path, int depth, const struct stat *sb)
{
    /* A pipe named on the command line (<(zcat news.gz)) is read, and so is standard input
     * named as a device; other devices are refused (/dev/zero never ends, a disk is no
     * article). Inside a folder, pipes, sockets and devices are not read: a pipe nobody
     * writes to would wait for ever. */
    int std_in = strcmp(path, "/dev/stdin") == 0 || strcmp(path, "/dev/fd/0") == 0 ||
                 strcmp(path, "/proc/self/fd/0") == 0;
    const char *kind = S_ISCHR(sb->st_mode)    ? "a character device"
                       : S_ISBLK(sb->st_mode)  ? "a block device"
                       : S_ISFIFO(sb->st_mode) ? "a pipe"
                       : S_ISSOCK(sb->st_mode) ? "a socket"
                                               : "not a file or folder";
    if (depth == 0 && (S_ISFIFO(sb->st_mode) || std_in)) {
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
}

/* The names in open folder d (at path) but hidden ones, as paths, sorted; *n of them. Sets
 * r->fatal when memory runs out (the names listed so far are returned). */
static char **list_folder(run_t *r, DIR *d, const char *path, size_t *n)
{
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && !r->fatal) {
        if (e->d_name[0] == '.') /* ., .., and hidden files such as .git */
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                r->fatal = 1;
                break;
            }
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[*n] = malloc(len))) {
            r->fatal = 1;
            break;
        }
        int slash = path[strlen(path) - 1] == '/';
        snprintf(names[*n], len, "%s%s%s", path, slash ? "" : "/", e->d_name);
        (*n)++;
    }
    if (names)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* A folder met by the walk: each name in it walked in name order, under its .datelineignore. */
static void walk_folder(run_t *r, const char *path, const char *canon, int depth)
{
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
    size_t n = 0, cl = strlen(canon);
    char **names = list_folder(r, d, path, &n);
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
    if (S_ISREG(sb.st_mode))
        walk_file(r, path, canon, depth, &sb);
    else if (!S_ISDIR(sb.st_mode))
        walk_special(r, path, depth, &sb);
    else
        walk_folder(r, path, canon, depth);
}

void walk(run_t *r, const char *path, const char *canon, int depth)
{
    walk_at(r, path, canon, depth, AT_FDCWD, path);
}

/* On a terminal, before reading: the size of the files a walk of path will read, into
 * r->total_bytes, by the walk's rules (links to folders, --exclude, .datelineignore). Costs
 * a stat per file. */
void measure(run_t *r, const char *path, int depth)
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
void prune(run_t *r, const char *path, const char *canon)
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
