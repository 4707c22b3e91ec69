/* compact.cc: dateline_index_compact(): the shards of an index folder merged into one compact
 * index (a plain index compacted) by Xapian's compaction, with our resolution of the metadata
 * the shards hold differently, written beside the folder and then put in its place;
 * dateline_index_compact_in_place(): an index compacted where it is, shard by shard. */
#include <config.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
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

/* Puts folder `fresh` in place of folder `path`, and leaves the old index at `fresh` (or at
 * `old`) for the caller to remove once it has let go of the old index's lock. Where the system
 * can, the two are exchanged in one step (renameat2's RENAME_EXCHANGE), so that a search or a
 * crash finds the old index or the new one at `path`, never none; else by two renames through
 * `old`, with SIGINT, SIGTERM and SIGHUP held back between them. Returns 0 with *gone set to
 * the folder that now holds the old index, or the errno of the failure (the old index is then
 * back at `path`, and `fresh` is removed). */
static int swap_in(const char *path, const std::string &fresh, const std::string &old,
                   std::string *gone)
{
#ifdef HAVE_RENAMEAT2
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path, RENAME_EXCHANGE) == 0) {
        *gone = fresh;
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        int e = errno;
        remove_tree(fresh);
        return e;
    }
#endif
    sigset_t hold, was;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &hold, &was);
    int e = 0;
    if (rename(path, old.c_str()) != 0 || rename(fresh.c_str(), path) != 0) {
        e = errno;
        rename(old.c_str(), path);
        remove_tree(fresh);
    }
    pthread_sigmask(SIG_SETMASK, &was, nullptr);
    *gone = old;
    return e;
}

/* Whether process pid still runs: it exists and is not a zombie (a process killed whose parent
 * went too, and which nothing reaps, as in a container without an init). */
static bool running(long pid)
{
    if (pid == static_cast<long>(getpid()))
        return false; /* what this process left of an earlier compaction */
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return true;
    size_t paren = line.rfind(')');
    return paren == std::string::npos || paren + 2 >= line.size() ||
           (line[paren + 2] != 'Z' && line[paren + 2] != 'X');
}

/* What a compaction killed before its end left beside `path` (its folder "P"): a half-written
 * "P.dateline-compact.PID", or the old index of a swap "P.dateline-old.PID", PID being a
 * process no longer running. The first is removed; the second too, when an index is at `path`,
 * and else put back there (a kill between the two renames of a system without renameat2). */
static void sweep_leftovers(const char *path)
{
    std::string p(path);
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    size_t slash = p.rfind('/');
    std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : p.substr(0, slash);
    std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
    DIR *d = opendir(dir.c_str());
    if (!d)
        return;
    std::vector<std::pair<std::string, bool>> found; /* name, is an old index */
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name.compare(0, base.size(), base) != 0)
            continue;
        std::string rest = name.substr(base.size());
        bool is_old = has_prefix(rest, ".dateline-old.");
        if (!is_old && !has_prefix(rest, ".dateline-compact."))
            continue;
        std::string digits = rest.substr(rest.find('.', 1) + 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        long pid = std::strtol(digits.c_str(), nullptr, 10);
        if (pid > 0 && !running(pid))
            found.emplace_back(dir + "/" + name, is_old);
    }
    closedir(d);
    struct stat sb;
    for (const auto &f : found)
        if (f.second && stat(path, &sb) != 0 && errno == ENOENT)
            rename(f.first.c_str(), path);
        else
            remove_tree(f.first);
}

/* Compacts the one Xapian database at `path` (a plain index, or one shard) where it is: written
 * beside it as PATH.dateline-compact.PID, then swapped in while the old one's write lock is
 * still held, so that no writer can slip in between and have its work replaced. `merge` (a
 * folder of shards, read through its stub) renumbers the articles into one run of ids;
 * otherwise every article keeps its id. */
static dateline_status_t compact_here(dateline_index *idx, const char *path, bool merge)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return set_message(idx, DATELINE_NOT_FOUND, std::string("no index at ") + path);
    sweep_leftovers(path);
    Xapian::WritableDatabase lock(path, Xapian::DB_OPEN); /* no writer meanwhile */
    std::string pid = std::to_string(static_cast<long>(getpid()));
    std::string fresh = std::string(path) + ".dateline-compact." + pid;
    std::string old = std::string(path) + ".dateline-old." + pid;
    remove_tree(fresh);
    Resolver resolver;
    try {
        Xapian::Database(path).compact(fresh,
                                       Xapian::DBCOMPACT_MULTIPASS |
                                           (merge ? 0 : Xapian::DBCOMPACT_NO_RENUMBER),
                                       0, resolver);
    } catch (...) {
        remove_tree(fresh);
        throw;
    }
    std::string gone;
    int e = swap_in(path, fresh, old, &gone);
    lock.close();
    if (e != 0)
        return set_message(idx, DATELINE_FILE_ERROR,
                           std::string("cannot put the compact index in place of ") + path +
                               ": " + std::strerror(e));
    remove_tree(gone);
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_compact(const char *path, char **message)
{
    if (message)
        *message = nullptr;
    if (!path)
        return DATELINE_BAD_ARGUMENT;
    bool shards = dateline_shards_count(path) > 1;
    if (shards) {
        dateline_status_t st = dateline_shards_settle(path, nullptr, nullptr, message);
        if (st != DATELINE_OK)
            return st;
    }
    Scratch s(path);
    dateline_status_t st = guard(s.idx, [&]() { return compact_here(s.idx, path, shards); });
    return s.fail(st, message);
}

extern "C" dateline_status_t dateline_index_compact_in_place(const char *path, char **message)
{
    if (message)
        *message = nullptr;
    if (!path)
        return DATELINE_BAD_ARGUMENT;
    Scratch s(path);
    dateline_status_t st = guard(s.idx, [&]() {
        std::vector<std::string> parts = shard_paths(path);
        if (parts.empty())
            return compact_here(s.idx, path, false);
        for (const std::string &part : parts) {
            dateline_status_t one = compact_here(s.idx, part.c_str(), false);
            if (one != DATELINE_OK)
                return one;
        }
        return DATELINE_OK;
    });
    return s.fail(st, message);
}
