/* ingest-write.c: the index a run writes: one, or its shards through the workers (indexer/jobs.c). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest.h"
#include "../search/index-path.h"

/* Why the last call on the index failed. */
const char *idx_message(const run_t *r)
{
    return dateline_index_message(r->failed ? r->failed : r->index);
}

/* A new file slot for `canon` (with --jobs), or NULL when out of memory. */
file_slot_t *new_slot(run_t *r, const char *canon)
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

void free_slots(run_t *r)
{
    for (size_t i = 0; i < r->nslots; i++) {
        free(r->slots[i]->canon);
        free(r->slots[i]);
    }
    r->nslots = 0;
}

/* Records file canon: at once in one index, at the next commit over shards. */
dateline_status_t idx_file_set(run_t *r, const char *canon, const dateline_file_t *rec)
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
dateline_status_t idx_commit(run_t *r)
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

dateline_status_t idx_delete_origin(run_t *r, const char *path, size_t *d, size_t *k)
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

dateline_status_t idx_delete(run_t *r, const char *id)
{
    r->failed = NULL;
    if (!r->jobs)
        return dateline_index_delete(r->index, id);
    delete_t d = {id, jobs_shard_of(r->jobs, id)};
    return jobs_each(r->jobs, delete_in, &d, &r->failed);
}

/* Opens the index at path for writing: one index into r->index, or its shards (r->jobs, with
 * all of them opened to read in r->index, for the files' records). */
dateline_status_t open_index(run_t *r, const options_t *o, const char *path,
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
int open_for_writing(run_t *r, const options_t *o, const char *path)
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
