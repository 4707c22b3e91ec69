/* jobs.h: dateline-index --jobs: the reading thread hands articles to one worker per shard. */
#ifndef DL_JOBS_H
#define DL_JOBS_H

#include <stddef.h>
#include "dateline.h"

typedef struct jobs jobs_t;

/* What a worker did with an article, told under the jobs' lock (one call at a time): the
 * file's name as given (for messages), the article's position in it, the tag given to jobs_add(), the status and outcome of dateline_index_add(), the index's message when
 * the status is not DATELINE_OK, and the article's id. */
typedef void (*jobs_done_fn)(void *closure, const char *file, size_t position, void *tag,
                             dateline_status_t st, dateline_outcome_t what, const char *message,
                             const char *id);

/* Opens the shards of the index folder `path` for writing, making them (n of them, n > 1)
 * when the folder is new or empty, and starts a worker for each. NULL with *status
 * DATELINE_OK when `path` is a plain index (written as before); NULL with another status
 * (and *message, to free with dateline_free()) when it cannot be opened. `mode` and `batch`
 * are dateline_index_open()'s and dateline_index_set_batch()'s (batch 0: the default);
 * `done` and `commit` are told from the workers, under the jobs' lock. */
jobs_t *jobs_open(const char *path, unsigned n, unsigned mode, size_t batch, jobs_done_fn done,
                  dateline_commit_fn commit, void *closure, dateline_status_t *status,
                  char **message);

/* The number of shards. */
unsigned jobs_count(const jobs_t *j);

/* Hands a copy of article a (read from `file`, at `position`; tag for the done call) to
 * the worker of its shard, with the next sequence number; waits while that worker's queue is
 * full. Returns DATELINE_OK, DATELINE_NO_MEMORY, or the first failure of a worker. */
dateline_status_t jobs_add(jobs_t *j, const dateline_article_t *a, const char *file,
                           size_t position, void *tag);

/* Waits until every worker has added all it was handed, then runs f on each shard's index in
 * turn (from this thread; the workers wait): the first status that is not DATELINE_OK stops
 * it and is returned, the index that gave it in *failed. f may be NULL (just wait). */
typedef dateline_status_t (*jobs_each_fn)(dateline_index_t *shard, unsigned k, void *closure);
dateline_status_t jobs_each(jobs_t *j, jobs_each_fn f, void *closure,
                            dateline_index_t **failed);

/* The shard's index for an article id (for jobs_each's callers). */
unsigned jobs_shard_of(const jobs_t *j, const char *id);

/* Waits for the workers, commits every shard, and settles global state over all of them
 * (dateline_shards_settle(), whose counts it gives). Returns its status; *message says why on failure. */
dateline_status_t jobs_settle(jobs_t *j, size_t *settled, size_t *replaced, char **message);

/* Stops the workers (after what they were handed) and closes the shards. Returns the first
 * failure. Accepts NULL. */
dateline_status_t jobs_close(jobs_t *j);

#endif
