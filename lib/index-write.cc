/* index-write.cc: writing in batches: one Xapian transaction per batch, committed when full, on
 * dateline_index_commit() and on close; a failed write drops its batch; deleting an article. */
#include <config.h>

#include <string>

#include "index-int.h"

using namespace dl;

namespace dl {

dateline_status_t commit_txn(dateline_index *idx)
{
    if (idx->in_txn) {
        size_t n = idx->pending;
        if (idx->on_commit)
            idx->on_commit(0, n, idx->on_commit_ctx);
        idx->in_txn = false;
        idx->pending = 0;
        idx->wdb->commit_transaction(); /* a flushed transaction: commits, synced unless asked */
        if (idx->on_commit)
            idx->on_commit(1, n, idx->on_commit_ctx);
    }
    return DATELINE_OK;
}

/* Opens the batch's transaction if it is not open yet. */
void begin_write(dateline_index *idx)
{
    if (!idx->in_txn) {
        idx->wdb->begin_transaction(true);
        idx->in_txn = true;
    }
}

/* After a failed write nothing more is written: Xapian's state is not to be trusted, so the
 * batch is dropped and the index stays at its last commit, which a failing disk may not have
 * touched. Every later write reports the first failure. */
void abandon(dateline_index *idx, dateline_status_t st)
{
    if (idx->in_txn) {
        try {
            idx->wdb->cancel_transaction();
        } catch (...) {
        }
        idx->in_txn = false;
        idx->pending = 0;
    }
    idx->failed = st;
    try {
        idx->failure = std::string(dateline_index_message(idx)) +
                       " (the batch being written was dropped: the index keeps its last commit)";
    } catch (...) {
        idx->failure.clear();
    }
    set_message(idx, st, idx->failure);
}

dateline_status_t writable(dateline_index *idx)
{
    if (!idx->wdb)
        return set_message(idx, DATELINE_READ_ONLY, "index is open read-only");
    if (idx->failed != DATELINE_OK)
        return set_message(idx, idx->failed, idx->failure);
    return DATELINE_OK;
}

} // namespace dl

extern "C" dateline_status_t dateline_index_on_commit(dateline_index_t *idx,
                                                      dateline_commit_fn fn, void *ctx)
{
    if (!idx)
        return DATELINE_BAD_ARGUMENT;
    idx->on_commit = fn;
    idx->on_commit_ctx = ctx;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_set_batch(dateline_index_t *idx, size_t n)
{
    if (!idx || !n)
        return DATELINE_BAD_ARGUMENT;
    idx->batch = n;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_commit(dateline_index_t *idx)
{
    if (!idx)
        return DATELINE_BAD_ARGUMENT;
    if (!idx->wdb)
        return set_message(idx, DATELINE_READ_ONLY, "index is open read-only");
    if (idx->failed != DATELINE_OK)
        return set_message(idx, idx->failed, idx->failure);
    dateline_status_t st = guard(idx, [&]() {
        commit_txn(idx);
        idx->wdb->commit();
        return DATELINE_OK;
    });
    if (st != DATELINE_OK)
        abandon(idx, st);
    return st;
}

extern "C" dateline_status_t dateline_index_delete(dateline_index_t *idx, const char *id)
{
    if (!idx || !id)
        return DATELINE_BAD_ARGUMENT;
    dateline_status_t st = writable(idx);
    if (st != DATELINE_OK)
        return st;
    st = guard(idx, [&]() {
        std::string t = id_term(id);
        if (idx->db->postlist_begin(t) == idx->db->postlist_end(t))
            return set_message(idx, DATELINE_NOT_FOUND, std::string("no article with id ") + id +
                                                            " in index " + idx->path);
        begin_write(idx);
        idx->wdb->delete_document(t);
        if (++idx->pending >= idx->batch)
            commit_txn(idx);
        return DATELINE_OK;
    });
    if (st != DATELINE_OK && st != DATELINE_NOT_FOUND)
        abandon(idx, st);
    return st;
}
