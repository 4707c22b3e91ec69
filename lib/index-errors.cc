/* index-errors.cc: how the index tells what went wrong: the exceptions of Xapian and C++ mapped to
 * a dateline_status_t and a message that names the thing and the remedy (guard() runs every
 * extern "C" function's body through caught()), and the per-handle last message. */
#include <config.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include <sys/stat.h>

#include "index-int.h"

namespace dl {

/* Sets the message of idx; when even that cannot be allocated, says "out of memory". */
dateline_status_t set_message(dateline_index *idx, dateline_status_t st, const char *m)
{
    if (idx) {
        try {
            idx->message = m;
            idx->oom = nullptr;
        } catch (...) {
            idx->oom = "out of memory";
        }
    }
    return st;
}

dateline_status_t set_message(dateline_index *idx, dateline_status_t st, const std::string &m)
{
    return set_message(idx, st, m.c_str());
}

namespace {

/* What to tell a user whose index Xapian found damaged. */
std::string damaged(const dateline_index *idx, const std::string &what)
{
    std::string p = idx ? idx->path : std::string();
    return "index " + p + " is damaged (Xapian: " + what + "): check it with `xapian-check " + p +
           "`, and rebuild it from the sources (dateline-index into a new folder) if it fails";
}

/* The system's reason behind a Xapian error, as " (No space left on device)", if any. */
std::string io_reason(const Xapian::Error &e)
{
    const char *why = e.get_error_string();
    return why ? std::string(" (") + why + ")" : std::string();
}

/* The shard that stopped answering, found by asking each in turn (a remote shard whose
 * connection is gone fails its keep-alive), as it was named when opened; or "" when none can
 * be told. */
std::string silent_shard(dateline_index *idx)
{
    if (!idx)
        return "";
    if (idx->parts.empty())
        return idx->shards.size() == 1 ? idx->shards[0] : "";
    for (size_t i = 0; i < idx->parts.size() && i < idx->shards.size(); i++) {
        try {
            idx->parts[i].keep_alive();
        } catch (const Xapian::Error &) {
            return idx->shards[i];
        }
    }
    return "";
}

} // namespace

/* The status of the exception being handled: rethrown here, each kind is told apart. */
dateline_status_t caught(dateline_index *idx)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        std::string p = idx ? idx->path : std::string();
        long pid = idx ? writer_pid(p) : 0;
        return set_message(idx, DATELINE_LOCKED,
                           "index " + p + " is being written by another process" +
                               (pid > 0 ? " (pid " + std::to_string(pid) + ")" : "") +
                               ": wait for it to finish (dateline-index --wait), then try again");
    } catch (const Xapian::DatabaseModifiedError &e) {
        std::string p = idx ? idx->path : std::string();
        return set_message(idx, DATELINE_MODIFIED,
                           "index " + p + " changed while it was read (" + e.get_msg() +
                               "): reopen it and run the search again; if nothing is writing "
                               "to it, it may be damaged: check it with `xapian-check " + p +
                               "`");
    } catch (const Xapian::DatabaseCorruptError &e) {
        return set_message(idx, DATELINE_CORRUPT, damaged(idx, e.get_msg()));
    } catch (const Xapian::DatabaseVersionError &e) {
        return set_message(idx, DATELINE_VERSION,
                           "index " + (idx ? idx->path : std::string()) +
                               " is in a format this Xapian cannot read (" + e.get_msg() +
                               "): rebuild it from the sources");
    } catch (const Xapian::DatabaseNotFoundError &e) {
        std::string p = idx ? idx->path : std::string();
        struct stat sb;
        if (stat((p + "/postlist.glass").c_str(), &sb) == 0) /* tables without a revision file */
            return set_message(idx, DATELINE_CORRUPT, damaged(idx, e.get_msg()));
        return set_message(idx, DATELINE_NOT_FOUND,
                           "no index at " + p + " (" + e.get_msg() +
                               "): build one with dateline-index --index " + p + " FILES...");
    } catch (const Xapian::DatabaseOpeningError &e) {
        return set_message(idx, DATELINE_FILE_ERROR,
                           "cannot open index " + (idx ? idx->path : std::string()) + ": " +
                               e.get_msg() + io_reason(e) +
                               ": if its files are damaged, check it with xapian-check or "
                               "rebuild it from the sources");
    } catch (const Xapian::FeatureUnavailableError &e) { /* a table file gone */
        return set_message(idx, DATELINE_CORRUPT, damaged(idx, e.get_msg()));
    } catch (const Xapian::QueryParserError &e) {
        return set_message(idx, DATELINE_QUERY_SYNTAX, "query syntax: " + e.get_msg());
    } catch (const Xapian::DatabaseError &e) {
        /* with an errno, the system refused (a full disk, an I/O error); without, Xapian found
         * something it could not read: a short or damaged file */
        std::string p = idx ? idx->path : std::string();
        if (e.get_error_string() == nullptr)
            return set_message(idx, DATELINE_CORRUPT, damaged(idx, e.get_msg()));
        /* the text of ENOSPC in this process's locale, as Xapian made it */
        bool full = std::strcmp(e.get_error_string(), std::strerror(ENOSPC)) == 0;
        return set_message(idx, DATELINE_FILE_ERROR,
                           "index " + p + ": " + e.get_msg() + io_reason(e) +
                               (full
                                    ? ": free some space and run again; the index keeps what "
                                      "was last committed"
                                    : ": the index keeps what was last committed; check it "
                                      "with xapian-check"));
    } catch (const Xapian::NetworkError &e) {
        /* a remote shard went away after it was opened: name it, as opening does */
        std::string name = silent_shard(idx);
        return set_message(idx, DATELINE_FILE_ERROR,
                           (name.empty() ? std::string("a remote shard") : "shard " + name) +
                               " stopped answering: " + e.get_msg() +
                               " (is its server running? search again: --allow-partial "
                               "searches the others if it stays silent)");
    } catch (const Xapian::Error &e) {
        return set_message(idx, DATELINE_XAPIAN_ERROR,
                           std::string(e.get_type()) + ": " + e.get_msg());
    } catch (const std::bad_alloc &) {
        return set_message(idx, DATELINE_NO_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        return set_message(idx, DATELINE_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return set_message(idx, DATELINE_INTERNAL, "internal error: unknown exception");
    }
}

} // namespace dl

extern "C" const char *dateline_index_message(const dateline_index_t *idx)
{
    return !idx ? "no index" : idx->oom ? idx->oom : idx->message.c_str();
}
