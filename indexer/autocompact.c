/* autocompact.c: dateline-index compacts the index itself at the end of a run that wrote much
 * of it. Xapian's B-trees, written a batch of articles at a time, leave about half of their
 * blocks empty; a compaction writes them again full, about half the size on disk (Reuters-21578:
 * 5.3 times the text to 2.8 times), for about a tenth of the ingest's time.
 *
 * The rule: the run grew the index by at least DATELINE_COMPACT_ABOVE bytes (default 32 MiB) and
 * by at least a quarter of its size at the end. So a small or nightly run never pays for a whole
 * rewrite, and over an archive's life the compactions cost at most a few times its final size
 * (each one follows growth of a quarter of the index; their sizes form a geometric series).
 *
 * The compaction runs in a child process: Ctrl-C or SIGTERM ends it at once, and the parent
 * removes what the child had half written; the index stays as the run left it. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "autocompact.h"

#define DEFAULT_ABOVE (32ULL << 20)

/* Calls visit(PATH/NAME, its lstat, closure) for each entry of folder `path` but . and .. */
static void each_entry(const char *path, void (*visit)(const char *, const struct stat *, void *),
                       void *closure)
{
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        struct stat sb;
        if (p && snprintf(p, n, "%s/%s", path, e->d_name) > 0 && lstat(p, &sb) == 0)
            visit(p, &sb, closure);
        free(p);
    }
    closedir(d);
}

typedef struct {
    unsigned long long sum, largest; /* all bytes; the most in one subfolder */
    int depth;
} sizes_t;

static void add_size(const char *p, const struct stat *sb, void *closure)
{
    sizes_t *z = closure;
    if (S_ISREG(sb->st_mode))
        z->sum += (unsigned long long)sb->st_size;
    else if (S_ISDIR(sb->st_mode) && z->depth < 8) {
        sizes_t sub = {0, 0, z->depth + 1};
        each_entry(p, add_size, &sub);
        z->sum += sub.sum;
        if (sub.sum > z->largest)
            z->largest = sub.sum;
    }
}

/* The bytes of the regular files in folder `path` and below (what `du -sb` counts); *largest
 * (may be NULL) the most held by one subfolder: a shard, for an index of shards. */
static unsigned long long folder_bytes(const char *path, unsigned long long *largest)
{
    sizes_t z = {0, 0, 0};
    each_entry(path, add_size, &z);
    if (largest)
        *largest = z.largest;
    return z.sum;
}

/* DATELINE_COMPACT_ABOVE: bytes, or with a k, M or G suffix (powers of 1024); -1 if unset or
 * not such a number. */
static long long compact_above(void)
{
    const char *v = getenv("DATELINE_COMPACT_ABOVE");
    if (!v || !*v)
        return -1;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    int shift = *end == 'k' || *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || end == v || *end || *v == '-' || n > (1ULL << 40))
        return -1;
    return (long long)(n << shift);
}

void autocompact_start(autocompact_t *ac, const char *path)
{
    ac->before = folder_bytes(path, NULL);
    long long above = compact_above();
    ac->above = above >= 0 ? (unsigned long long)above : DEFAULT_ABOVE;
    ac->bad_above = above < 0 && getenv("DATELINE_COMPACT_ABOVE") &&
                    *getenv("DATELINE_COMPACT_ABOVE");
}

int autocompact_due(const autocompact_t *ac, unsigned long long after)
{
    unsigned long long wrote = after > ac->before ? after - ac->before : 0;
    return wrote > 0 && wrote >= ac->above && wrote >= after / 4;
}

int autocompact_due_now(const autocompact_t *ac, const char *path)
{
    return autocompact_due(ac, folder_bytes(path, NULL));
}

static void remove_entry(const char *p, const struct stat *sb, void *closure)
{
    (void)closure;
    if (S_ISDIR(sb->st_mode)) {
        each_entry(p, remove_entry, NULL);
        rmdir(p);
    } else
        unlink(p);
}

/* Removes folder `path` and all it holds; best effort. */
static void remove_folder(const char *path)
{
    each_entry(path, remove_entry, NULL);
    rmdir(path);
}

static void remove_if_left(const char *p, const struct stat *sb, void *closure)
{
    const char *suffix = closure;
    size_t l = strlen(p), sl = strlen(suffix);
    if (S_ISDIR(sb->st_mode) && l > sl && strcmp(p + l - sl, suffix) == 0)
        remove_folder(p);
}

/* What a child killed before its end left: PATH.dateline-compact.PID beside the index, or beside
 * each of its shards (PATH/NAME, a folder). */
static void clean_after(const char *path, pid_t child)
{
    char suffix[64];
    snprintf(suffix, sizeof suffix, ".dateline-compact.%ld", (long)child);
    size_t n = strlen(path) + sizeof suffix + 1;
    char *p = malloc(n);
    if (p) {
        snprintf(p, n, "%s%s", path, suffix);
        remove_folder(p);
        free(p);
    }
    each_entry(path, remove_if_left, suffix);
}

/* Runs dateline_index_compact_in_place() in a child; its message comes back through a pipe.
 * Returns its status, or -1 when a signal (*sig) ended it. */
static int compact_in_child(const char *path, char *message, size_t cap, int *sig,
                            const volatile sig_atomic_t *signalled)
{
    int fds[2];
    *sig = 0;
    message[0] = '\0';
    if (pipe(fds) != 0)
        return DATELINE_FILE_ERROR;
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        close(fds[0]);
        close(fds[1]);
        snprintf(message, cap, "cannot start the compaction: %s", strerror(errno));
        return DATELINE_FILE_ERROR;
    }
    if (child == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        close(fds[0]);
        char *msg = NULL;
        dateline_status_t st = dateline_index_compact_in_place(path, &msg);
        if (msg && write(fds[1], msg, strlen(msg)) < 0)
            st = DATELINE_FILE_ERROR;
        _exit((int)st);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t k;
    int passed = 0; /* a signal sent to this process alone is passed on to the child */
    while (got + 1 < cap && ((k = read(fds[0], message + got, cap - 1 - got)) > 0 ||
                             (k < 0 && errno == EINTR))) {
        got += k > 0 ? (size_t)k : 0;
        if (k < 0 && *signalled && !passed++)
            kill(child, (int)*signalled);
    }
    message[got] = '\0';
    close(fds[0]);
    int ws;
    while (waitpid(child, &ws, 0) < 0 && errno == EINTR)
        if (*signalled && !passed++)
            kill(child, (int)*signalled);
    if (WIFSIGNALED(ws)) {
        *sig = WTERMSIG(ws);
        clean_after(path, child);
        return -1;
    }
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : DATELINE_INTERNAL;
}

int autocompact_run(const autocompact_t *ac, const char *path, const char *prog, int quiet,
                    const volatile sig_atomic_t *signalled)
{
    if (ac->bad_above && !quiet)
        fprintf(stderr, "%s: DATELINE_COMPACT_ABOVE='%s' is not a size (bytes, or with k, M or "
                        "G): 32M taken\n", prog, getenv("DATELINE_COMPACT_ABOVE"));
    unsigned long long largest, after = folder_bytes(path, &largest);
    if (!autocompact_due(ac, after))
        return 0;
    unsigned shards = dateline_shards_count(path);
    unsigned long long need = shards > 1 ? largest : after;
    struct statvfs fs;
    if (statvfs(path, &fs) == 0 && (unsigned long long)fs.f_bavail * fs.f_frsize < need) {
        if (!quiet)
            fprintf(stderr, "%s: %s not compacted: that needs %.1f MB free beside it, and %.1f "
                            "MB are; `%s --index %s --compact` does it when there is room\n",
                    prog, path, need / 1e6, (double)fs.f_bavail * fs.f_frsize / 1e6, prog, path);
        return 0;
    }
    if (!quiet)
        fprintf(stderr, "%s: compacting %s (%.1f MB, %.1f MB of it written by this run; "
                        "--no-compact leaves it as it is)\n",
                prog, path, after / 1e6, (after - ac->before) / 1e6);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char msg[1024];
    int sig, st = compact_in_child(path, msg, sizeof msg, &sig, signalled);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (st < 0) {
        fprintf(stderr, "%s: compaction interrupted by %s: %s is as the run left it, "
                        "whole\n", prog, sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM"
                                                                       : strsignal(sig), path);
        return 128 + sig;
    }
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s not compacted: %s; the index is as the run left it\n", prog,
                path, *msg ? msg : dateline_status_to_string((dateline_status_t)st));
        return 0;
    }
    if (!quiet)
        fprintf(stderr, "%s: compacted %s%s in %.1f s: %.1f MB to %.1f MB\n", prog,
                shards > 1 ? "each shard of " : "", path, secs, after / 1e6,
                folder_bytes(path, NULL) / 1e6);
    return 0;
}
