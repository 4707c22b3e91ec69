/* jobs.c: dateline-index --jobs: the reading thread numbers the articles it parses and hands
 * each to the worker of its shard (a hash of its id) through a bounded queue; each worker owns
 * one shard's index and extracts, tokenizes and writes there. What is global is made whole by
 * dateline_shards_settle() once the workers are done.
 *
 * Thread safety: each worker has its own dateline_index_t (its own Xapian objects, term
 * generator and stemmer). Extraction reads the gazetteer and group tables and the fold table,
 * which are built once under pthread_once (lib/gazetteer.c) and only read after; readers
 * (libxml2, iconv handles) run in the reading thread only. Between two articles a worker
 * touches nothing shared but the queues and the done and commit callbacks, under one lock. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "jobs.h"

#define QUEUE 64 /* articles waiting per worker: enough to ride out one slow article */

typedef struct {
    dateline_article_t *a;  /* a copy, the worker's to free */
    char *file;             /* the file's name as given */
    size_t position;
    void *tag;              /* the caller's, for done */
    unsigned long long seq; /* its sequence number */
} item_t;

typedef struct {
    struct jobs *j;
    unsigned k;             /* its shard */
    dateline_index_t *idx;  /* the shard's index: the worker's own while it works */
    item_t q[QUEUE];        /* a ring */
    size_t head, n;
    int busy;               /* adding an article it took from the queue */
    pthread_t thread;
    int started;
} worker_t;

struct jobs {
    pthread_mutex_t lock;
    pthread_cond_t more, room, idle; /* an item queued; an item taken; a worker idle */
    worker_t *w;
    unsigned n;
    int stop;
    dateline_status_t failed;  /* the first failure of a worker */
    unsigned long long seq;    /* the next sequence number */
    char *path;
    unsigned mode;
    size_t batch;
    jobs_done_fn done;
    dateline_commit_fn commit;
    void *closure;
};

unsigned jobs_count(const jobs_t *j)
{
    return j->n;
}

unsigned jobs_shard_of(const jobs_t *j, const char *id)
{
    return dateline_shard_of(id, j->n);
}

/* A worker's commits, told to the program's callback under the lock; not those that wrote
 * only the files' records, which one index writes with its last batch. */
static void on_commit(int committed, size_t articles, void *closure)
{
    worker_t *w = closure;
    pthread_mutex_lock(&w->j->lock);
    if (w->j->commit && articles)
        w->j->commit(committed, articles, w->j->closure);
    pthread_mutex_unlock(&w->j->lock);
}

/* Adds one article taken from the queue, and tells what it did. Called and returns locked. */
static void work_one(worker_t *w, item_t it)
{
    jobs_t *j = w->j;
    w->busy = 1;
    pthread_cond_signal(&j->room);
    pthread_mutex_unlock(&j->lock);
    dateline_outcome_t what = DATELINE_ADDED;
    dateline_status_t st = DATELINE_OK;
    if (j->failed == DATELINE_OK) {
        dateline_index_set_seq(w->idx, it.seq, 1);
        st = dateline_index_add(w->idx, it.a, &what);
    }
    pthread_mutex_lock(&j->lock);
    if (j->failed == DATELINE_OK || st != DATELINE_OK)
        j->done(j->closure, it.file, it.position, it.tag, st, what,
                st == DATELINE_OK ? NULL : dateline_index_message(w->idx),
                dateline_article_get(it.a, DATELINE_FIELD_ID));
    if (st != DATELINE_OK && st != DATELINE_BAD_INPUT && j->failed == DATELINE_OK)
        j->failed = st;
    dateline_article_destroy(it.a);
    free(it.file);
    w->busy = 0;
    pthread_cond_broadcast(&j->idle);
}

static void *work(void *arg)
{
    worker_t *w = arg;
    jobs_t *j = w->j;
    pthread_mutex_lock(&j->lock);
    for (;;) {
        while (!w->n && !j->stop)
            pthread_cond_wait(&j->more, &j->lock);
        if (!w->n)
            break;
        item_t it = w->q[w->head];
        w->head = (w->head + 1) % QUEUE;
        w->n--;
        work_one(w, it);
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Opens shard k's index for its worker. */
static dateline_status_t open_shard(jobs_t *j, unsigned k, char **message)
{
    size_t len = strlen(j->path) + 32;
    char *p = malloc(len);
    if (!p)
        return DATELINE_NO_MEMORY;
    snprintf(p, len, "%s/shard-%u", j->path, k);
    dateline_status_t st = dateline_index_open(p, j->mode, &j->w[k].idx, message);
    free(p);
    if (st != DATELINE_OK)
        return st;
    if (j->batch)
        dateline_index_set_batch(j->w[k].idx, j->batch);
    dateline_index_on_commit(j->w[k].idx, on_commit, &j->w[k]);
    return DATELINE_OK;
}

/* Opens every shard's index; the next sequence number is the highest of their counters. */
static dateline_status_t open_shards(jobs_t *j, char **message)
{
    j->seq = 1;
    for (unsigned k = 0; k < j->n; k++) {
        unsigned long long next = 0;
        dateline_status_t st = open_shard(j, k, message);
        if (st == DATELINE_OK && (st = dateline_index_next_seq(j->w[k].idx, &next)) != DATELINE_OK)
            *message = strdup(dateline_index_message(j->w[k].idx));
        if (st != DATELINE_OK)
            return st;
        if (next > j->seq)
            j->seq = next;
    }
    return DATELINE_OK;
}

/* Whether `path` is a folder with something in it (an index, plain or not), or not a folder. */
static int taken(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0;
    DIR *d = opendir(path);
    if (!d)
        return 1;
    struct dirent *e;
    int any = 0;
    while (!any && (e = readdir(d)))
        any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return any;
}

static jobs_t *jobs_new(const char *path, unsigned n)
{
    jobs_t *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->n = n;
    j->w = calloc(n, sizeof *j->w);
    j->path = strdup(path);
    if (!j->w || !j->path) {
        free(j->w);
        free(j->path);
        free(j);
        return NULL;
    }
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->more, NULL);
    pthread_cond_init(&j->room, NULL);
    pthread_cond_init(&j->idle, NULL);
    for (unsigned k = 0; k < n; k++) {
        j->w[k].j = j;
        j->w[k].k = k;
    }
    return j;
}

jobs_t *jobs_open(const char *path, unsigned n, unsigned mode, size_t batch, jobs_done_fn done,
                  dateline_commit_fn commit, void *closure, dateline_status_t *status,
                  char **message)
{
    *status = DATELINE_OK;
    *message = NULL;
    unsigned have = dateline_shards_count(path);
    if (!have && (n < 2 || taken(path)))
        return NULL; /* one plain index: as before */
    if (!have && (*status = dateline_shards_create(path, n, message)) != DATELINE_OK)
        return NULL;
    jobs_t *j = jobs_new(path, have ? have : n);
    if (!j) {
        *status = DATELINE_NO_MEMORY;
        return NULL;
    }
    j->mode = mode;
    j->batch = batch;
    j->done = done;
    j->commit = commit;
    j->closure = closure;
    if ((*status = open_shards(j, message)) != DATELINE_OK) {
        jobs_close(j);
        return NULL;
    }
    for (unsigned k = 0; k < j->n; k++)
        if (pthread_create(&j->w[k].thread, NULL, work, &j->w[k]) == 0)
            j->w[k].started = 1;
        else {
            *status = DATELINE_NO_MEMORY;
            jobs_close(j);
            return NULL;
        }
    return j;
}

dateline_status_t jobs_add(jobs_t *j, const dateline_article_t *a, const char *file,
                           size_t position, void *tag)
{
    item_t it = {NULL, NULL, position, tag, 0};
    if (dateline_article_copy(a, &it.a) != DATELINE_OK || !(it.file = strdup(file)) ||
        dateline_article_ensure_id(it.a) != DATELINE_OK) {
        dateline_article_destroy(it.a);
        free(it.file);
        return DATELINE_NO_MEMORY;
    }
    worker_t *w = &j->w[dateline_shard_of(dateline_article_get(it.a, DATELINE_FIELD_ID), j->n)];
    pthread_mutex_lock(&j->lock);
    while (w->n == QUEUE && j->failed == DATELINE_OK)
        pthread_cond_wait(&j->room, &j->lock);
    dateline_status_t st = j->failed;
    if (st == DATELINE_OK) {
        it.seq = j->seq++;
        w->q[(w->head + w->n) % QUEUE] = it;
        w->n++;
        pthread_cond_broadcast(&j->more);
    }
    pthread_mutex_unlock(&j->lock);
    if (st != DATELINE_OK) {
        dateline_article_destroy(it.a);
        free(it.file);
    }
    return st;
}

/* Waits until every queue is empty and no worker is adding. */
static void quiesce(jobs_t *j)
{
    pthread_mutex_lock(&j->lock);
    for (;;) {
        unsigned k = 0;
        while (k < j->n && !j->w[k].n && !j->w[k].busy)
            k++;
        if (k == j->n)
            break;
        pthread_cond_wait(&j->idle, &j->lock);
    }
    pthread_mutex_unlock(&j->lock);
}

dateline_status_t jobs_each(jobs_t *j, jobs_each_fn f, void *closure,
                            dateline_index_t **failed)
{
    quiesce(j);
    if (j->failed != DATELINE_OK)
        return j->failed;
    for (unsigned k = 0; f && k < j->n; k++) {
        dateline_status_t st = f(j->w[k].idx, k, closure);
        if (st != DATELINE_OK) {
            if (failed)
                *failed = j->w[k].idx;
            return st;
        }
    }
    return DATELINE_OK;
}

dateline_status_t jobs_settle(jobs_t *j, size_t *settled, size_t *replaced, char **message)
{
    *message = NULL;
    quiesce(j);
    dateline_status_t st = j->failed;
    for (unsigned k = 0; k < j->n; k++) {
        dateline_status_t c = dateline_index_close(j->w[k].idx);
        j->w[k].idx = NULL;
        if (st == DATELINE_OK)
            st = c;
    }
    if (st == DATELINE_OK)
        st = dateline_shards_settle(j->path, settled, replaced, message);
    if (st == DATELINE_OK)
        st = open_shards(j, message);
    if (st != DATELINE_OK && j->failed == DATELINE_OK)
        j->failed = st;
    return st;
}

dateline_status_t jobs_close(jobs_t *j)
{
    if (!j)
        return DATELINE_OK;
    pthread_mutex_lock(&j->lock);
    j->stop = 1;
    pthread_cond_broadcast(&j->more);
    pthread_mutex_unlock(&j->lock);
    dateline_status_t st = j->failed;
    for (unsigned k = 0; k < j->n; k++) {
        if (j->w[k].started)
            pthread_join(j->w[k].thread, NULL);
        dateline_status_t c = dateline_index_close(j->w[k].idx);
        if (st == DATELINE_OK)
            st = c;
    }
    pthread_mutex_destroy(&j->lock);
    pthread_cond_destroy(&j->more);
    pthread_cond_destroy(&j->room);
    pthread_cond_destroy(&j->idle);
    free(j->w);
    free(j->path);
    free(j);
    return st;
}
