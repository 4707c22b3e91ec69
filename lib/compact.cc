/* compact.cc: dateline_index_compact(): the shards of an index folder merged into one compact
 * index (a plain index compacted) by Xapian's compaction, with our resolution of the metadata
 * the shards hold differently, written beside the folder and then put in its place. */
#include <config.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index-int.h"

using namespace dl;

namespace {

/* Metadata the shards hold differently: the counter, the highest; an alias's number, the
 * lowest; anything else (settled: the same in each) the first shard's. */
class Resolver : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string &key, size_t n,
                                           const std::string tags[]) override
    {
        bool seq = key == DL_SEQ_KEY, alias = has_prefix(key, DL_ALIAS_SEQ_KEY);
        if (!seq && !alias)
            return tags[0];
        size_t best = 0;
        for (size_t i = 1; i < n; i++) {
            unsigned long long a = std::strtoull(tags[i].c_str(), nullptr, 10),
                               b = std::strtoull(tags[best].c_str(), nullptr, 10);
            if (seq ? a > b : a < b)
                best = i;
        }
        return tags[best];
    }
};

} // namespace

/* Puts folder `fresh` in place of folder `path`, and removes the old one. Where the system
 * can, the two are exchanged in one step (renameat2's RENAME_EXCHANGE), so that a search or a
 * crash finds the old index or the new one at `path`, never none; else by two renames through
 * `old`. Returns 0, or the errno of the failure (the old index is then back at `path`). */
static int swap_in(const char *path, const std::string &fresh, const std::string &old)
{
#ifdef HAVE_RENAMEAT2
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path, RENAME_EXCHANGE) == 0) {
        remove_tree(fresh); /* the old index, now */
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        int e = errno;
        remove_tree(fresh);
        return e;
    }
#endif
    if (rename(path, old.c_str()) != 0 || rename(fresh.c_str(), path) != 0) {
        int e = errno;
        rename(old.c_str(), path);
        remove_tree(fresh);
        return e;
    }
    remove_tree(old);
    return 0;
}

extern "C" dateline_status_t dateline_index_compact(const char *path, char **message)
{
    if (message)
        *message = nullptr;
    if (!path)
        return DATELINE_BAD_ARGUMENT;
    if (dateline_shards_count(path) > 1) {
        dateline_status_t st = dateline_shards_settle(path, nullptr, nullptr, message);
        if (st != DATELINE_OK)
            return st;
    }
    Scratch s(path);
    dateline_status_t st = guard(s.idx, [&]() {
        struct stat sb;
        if (stat(path, &sb) != 0)
            return set_message(s.idx, DATELINE_NOT_FOUND, std::string("no index at ") + path);
        Xapian::WritableDatabase lock(path, Xapian::DB_OPEN); /* no writer meanwhile */
        std::string pid = std::to_string(static_cast<long>(getpid()));
        std::string fresh = std::string(path) + ".dateline-compact." + pid;
        std::string old = std::string(path) + ".dateline-old." + pid;
        remove_tree(fresh);
        Resolver resolver;
        try {
            Xapian::Database(path).compact(fresh, Xapian::DBCOMPACT_MULTIPASS, 0, resolver);
        } catch (...) {
            remove_tree(fresh);
            throw;
        }
        lock.close();
        int e = swap_in(path, fresh, old);
        if (e != 0)
            return set_message(s.idx, DATELINE_FILE_ERROR,
                               std::string("cannot put the compact index in place of ") + path +
                                   ": " + std::strerror(e));
        return DATELINE_OK;
    });
    return s.fail(st, message);
}
