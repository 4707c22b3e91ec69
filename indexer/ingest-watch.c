/* ingest-watch.c: --watch: reading what arrives in the folders named, until Ctrl-C. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest.h"

#ifdef HAVE_WATCH
#include <sys/inotify.h>

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

/* Notes what the events in buf[0, len) name in w->pending: files written and closed or moved
 * in, and new folders (watched from now on). */
static void watch_events(run_t *r, watch_t *w, const char *buf, ssize_t len)
{
    for (const char *q = buf; len > 0 && q < buf + len;) {
        const struct inotify_event *ev = (const struct inotify_event *)q;
        q += sizeof *ev + ev->len;
        if (!ev->len || ev->name[0] == '.')
            continue;
        if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR))
            continue; /* a file is read once it is closed */
        const watched_t *in = NULL;
        for (size_t i = 0; i < w->n; i++)
            if (w->w[i].wd == ev->wd)
                in = &w->w[i];
        if (!in)
            continue;
        size_t n = strlen(in->path) + strlen(ev->name) + 2;
        char *path = malloc(n);
        if (!path)
            continue;
        snprintf(path, n, "%s%s%s", in->path,
                 in->path[strlen(in->path) - 1] == '/' ? "" : "/", ev->name);
        if (ev->mask & IN_ISDIR)
            watch_tree(r, w, path, in->root, in->depth + 1);
        if (w->npending == w->cappending) {
            size_t c = w->cappending ? w->cappending * 2 : 64;
            char **np = realloc(w->pending, c * sizeof *np);
            if (!np) {
                free(path);
                continue;
            }
            w->pending = np;
            w->cappending = c;
        }
        w->pending[w->npending++] = path;
    }
}

/* Reads the files w->pending names, in one batch, and commits it with a summary line. */
static void watch_batch(run_t *r, watch_t *w, char **roots, int nroots)
{
    run_t before = *r;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *is_dir = calloc(w->npending, 1);
    for (size_t i = 0; is_dir && i < w->npending; i++) {
        struct stat sb;
        is_dir[i] = lstat(w->pending[i], &sb) == 0 && S_ISDIR(sb.st_mode);
    }
    for (size_t i = 0; i < w->npending; i++) {
        const char *root = NULL;
        for (int k = 0; k < nroots && !root; k++) {
            size_t rl = strlen(roots[k]);
            if (strncmp(w->pending[i], roots[k], rl) == 0)
                root = roots[k];
        }
        /* the same name twice (written, then moved): read once, when last seen */
        int later = 0;
        for (size_t j = i + 1; j < w->npending && !later; j++)
            later = strcmp(w->pending[i], w->pending[j]) == 0;
        /* a file in a new folder is read with the folder */
        for (size_t j = 0; j < w->npending && is_dir && !later; j++) {
            size_t dl = strlen(w->pending[j]);
            later = j != i && is_dir[j] && strncmp(w->pending[i], w->pending[j], dl) == 0 &&
                    w->pending[i][dl] == '/';
        }
        /* gone since (an editor's or sed -i's temporary file): nothing to read */
        struct stat sb;
        if (root && !later && !got_signal && lstat(w->pending[i], &sb) == 0)
            watch_read(r, w->pending[i], root);
    }
    for (size_t i = 0; i < w->npending; i++)
        free(w->pending[i]);
    free(is_dir);
    w->npending = 0;
    if (idx_commit(r) != DATELINE_OK) {
        fprintf(stderr, "%s: the batch was not committed: %s\n", prog, idx_message(r));
        r->fatal = 1;
    }
    clear_progress(r);
    print_counts(r, &before, "watch: ", seconds_since(&t0));
    fflush(stderr);
}

/* --watch: after the first reading, reads what arrives in the folders named (and below):
 * files written and closed, or moved in, and new folders; one commit per quiet second. Ends
 * on SIGINT or SIGTERM. Compacts the index as it grows (watch_compact()). */
void watch(run_t *r, const options_t *o, const char *index_path, autocompact_t *ac,
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
            watch_events(r, &w, buf, read(w.fd, buf, sizeof buf));
            continue; /* until a second passes with nothing new */
        }
        if (!w.npending)
            continue;
        watch_batch(r, &w, roots, nroots);
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

/* --watch: the compaction a run that grew the index ends with, while watching (a watch never
 * ends by itself): when what was committed since the run began, or since the last such
 * compaction, is due (autocompact.c's rule), the index is closed, compacted where it is, and
 * opened again; files that arrive meanwhile wait in inotify's queue. A signal during the
 * compaction leaves the index as it was, opened again, and the watch ends. */
void watch_compact(run_t *r, const options_t *o, const char *path, autocompact_t *ac)
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
