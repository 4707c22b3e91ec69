/* autocompact.h: the compaction dateline-index runs itself at the end of a run that wrote
 * much of the index (indexer/autocompact.c). */
#ifndef DATELINE_AUTOCOMPACT_H
#define DATELINE_AUTOCOMPACT_H

#include <signal.h>

#include <dateline.h>

typedef struct {
    unsigned long long before; /* the index's bytes when the run began */
    unsigned long long above;  /* the least growth compacted (DATELINE_COMPACT_ABOVE) */
    int bad_above;             /* DATELINE_COMPACT_ABOVE was set to something else */
} autocompact_t;

/* Notes the size of the index at `path` before the run writes. */
void autocompact_start(autocompact_t *ac, const char *path);

/* Whether an index of `after` bytes at the end is due: it grew by ac->above and by a quarter
 * of `after` at least. */
int autocompact_due(const autocompact_t *ac, unsigned long long after);

/* Whether the index at `path`, as it is now on disk, is due (autocompact_due()). */
int autocompact_due_now(const autocompact_t *ac, const char *path);

/* Compacts the index at `path` in place when it is due, saying so on stderr unless `quiet`.
 * Returns 0 (compacted, not due, or not compacted for a reason told: the run's status stands),
 * or 128 + the signal that interrupted it (the index is then as the run left it). The
 * compaction runs in a child process; a signal that reaches this process alone (*signalled,
 * set by its handler) is passed on to it. */
int autocompact_run(const autocompact_t *ac, const char *path, const char *prog, int quiet,
                    const volatile sig_atomic_t *signalled);

#endif
