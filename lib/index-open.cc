/* index-open.cc: opening and closing an index: a new one made whole, the schema version checked,
 * the write lock and the file that names its holder, reopening a reader. */
#include <config.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index-int.h"

using namespace dl;

namespace {

const int OPEN_TRIES = 10;              /* opens of a revision a writer keeps replacing */
const char WRITER_FILE[] = "dateline.writer";

/* Records this process as the writer of idx (best effort: the lock does not depend on it). */
void write_pid(dateline_index *idx)
{
    idx->writer_file = idx->path + "/" + WRITER_FILE;
    const std::string &f = idx->writer_file;
    std::string tmp = f + ".tmp";
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    std::string line = std::to_string(static_cast<long>(getpid())) + "\n";
    bool ok = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    close(fd);
    if (ok && rename(tmp.c_str(), f.c_str()) == 0)
        idx->wrote_pid = true;
    else
        unlink(tmp.c_str());
}

/* Removes a folder of plain files (a half-made index); best effort. */
void remove_flat_folder(const std::string &dir)
{
    DIR *d = opendir(dir.c_str());
    if (!d)
        return;
    while (struct dirent *e = readdir(d))
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, ".."))
            unlink((dir + "/" + e->d_name).c_str());
    closedir(d);
    rmdir(dir.c_str());
}

/* Whether `path` is a folder with nothing in it. */
bool empty_folder(const std::string &path)
{
    DIR *d = opendir(path.c_str());
    if (!d)
        return false;
    bool empty = true;
    while (struct dirent *e = readdir(d))
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
            empty = false;
    closedir(d);
    return empty;
}

/* A new index comes into being whole or not at all. Xapian writes a new database's files one
 * by one, so a writer killed while creating one would leave a folder that is neither an index
 * nor empty, and that no later run could open. So the index is made in a folder beside it,
 * PATH.dateline-new.PID, and renamed into place once its first commit is durable. Folders
 * left by creators that died are removed here. */
void create_whole(const std::string &path, int flags)
{
    std::string parent = ".", base = path;
    while (base.size() > 1 && base.back() == '/')
        base.pop_back();
    size_t slash = base.rfind('/');
    if (slash != std::string::npos) {
        parent = slash ? base.substr(0, slash) : "/";
        base = base.substr(slash + 1);
    }
    std::string stem = base + ".dateline-new.";
    if (DIR *d = opendir(parent.c_str())) {
        while (struct dirent *e = readdir(d))
            if (std::strncmp(e->d_name, stem.c_str(), stem.size()) == 0) {
                long pid = std::strtol(e->d_name + stem.size(), nullptr, 10);
                if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
                    remove_flat_folder(parent + "/" + e->d_name);
            }
        closedir(d);
    }
    std::string tmp = parent + "/" + stem + std::to_string(static_cast<long>(getpid()));
    remove_flat_folder(tmp);
    try {
        Xapian::WritableDatabase db(tmp, Xapian::DB_CREATE | (flags & Xapian::DB_NO_SYNC));
        db.set_metadata(DL_SCHEMA_KEY, DL_SCHEMA_VERSION);
        db.commit();
        db.close();
    } catch (...) {
        remove_flat_folder(tmp);
        throw;
    }
    if (empty_folder(path))
        rmdir(path.c_str());
    if (rename(tmp.c_str(), path.c_str()) != 0) /* another writer made it first: use theirs */
        remove_flat_folder(tmp);
}

} // namespace

/* the schema versions this library reads (and writes: an index keeps its own) */
#define SCHEMAS_READ DL_SCHEMA_VERSION_NO_DATE_TERMS " and " DL_SCHEMA_VERSION

/* The process that holds the write lock of the index at `path`, as its WRITER_FILE says, when
 * that process is alive; else 0. Only asked when the lock is held, so a stale file left by a
 * killed writer is never believed: its process is gone, or the lock would not be held by
 * another. */
long dl::writer_pid(const std::string &path)
{
    std::string f = path + "/" + WRITER_FILE;
    int fd = open(f.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    long pid = std::strtol(buf, nullptr, 10);
    if (pid <= 0 || (kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM))
        return 0;
    return pid;
}

/* ---- opening and closing ---- */

/* dateline_index_open() without an extractor: indexer/index-defaults.c gives it the default. */
extern "C" dateline_status_t dl_index_open(const char *path, unsigned mode,
                                           dateline_index_t **out, char **message)
{
    if (message)
        *message = nullptr;
    unsigned m = mode;
    if (!path || !out || (m & ~3u) || m == DATELINE_OPEN_NO_SYNC)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    dateline_index *idx;
    try { /* its members (a TermGenerator, a stemmer) allocate and may throw */
        idx = new dateline_index;
    } catch (...) {
        return DATELINE_NO_MEMORY;
    }
    dateline_status_t st = guard(idx, [&]() {
        idx->path = path;
        struct stat sb;
        if (!(m & DATELINE_OPEN_WRITE)) {
            /* shard by shard (lib/shards.cc); a writer may commit twice while the first
             * blocks are read: open again */
            for (int attempt = 1;; attempt++) {
                try {
                    dateline_status_t got = open_shards(idx, {path}, false);
                    if (got != DATELINE_OK)
                        return got;
                    idx->db->get_metadata(DL_SCHEMA_KEY);
                    idx->db->get_doccount();
                    break;
                } catch (const Xapian::DatabaseModifiedError &) {
                    delete idx->db;
                    idx->db = nullptr;
                    if (attempt == OPEN_TRIES)
                        throw;
                }
            }
        } else {
            int flags = Xapian::DB_CREATE_OR_OPEN;
            if (m & DATELINE_OPEN_NO_SYNC)
                flags |= Xapian::DB_NO_SYNC;
            if ((stat(path, &sb) != 0 && errno == ENOENT) || empty_folder(path))
                create_whole(path, flags);
            idx->wdb = new Xapian::WritableDatabase(path, flags);
            idx->db = idx->wdb;
            write_pid(idx);
        }
        std::string v = idx->db->get_metadata(DL_SCHEMA_KEY);
        if (v.empty() && idx->db->get_doccount() == 0) {
            if (idx->wdb) {
                idx->wdb->set_metadata(DL_SCHEMA_KEY, DL_SCHEMA_VERSION);
                idx->wdb->commit();
            }
        } else if (v.empty()) {
            return set_message(idx, DATELINE_VERSION,
                               std::string(path) + " is a Xapian database but not a Dateline "
                                                   "index: give another --index folder");
        } else if (v != DL_SCHEMA_VERSION && v != DL_SCHEMA_VERSION_NO_DATE_TERMS) {
            return set_message(idx, DATELINE_VERSION,
                               std::string("index ") + path + " has schema version " + v +
                                   ", this Dateline reads versions " SCHEMAS_READ
                                   ": use the matching Dateline, or rebuild the index");
        }
        idx->tg.set_stemmer(idx->stem);
        idx->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        return DATELINE_OK;
    });
    if (st != DATELINE_OK) {
        if (message)
            *message = dl_strdup(dateline_index_message(idx));
        if (idx->wrote_pid)
            unlink(idx->writer_file.c_str());
        delete idx->db;
        delete idx;
        return st;
    }
    *out = idx;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_close(dateline_index_t *idx)
{
    if (!idx)
        return DATELINE_OK;
    while (!idx->queries.empty())
        dateline_query_destroy(idx->queries.back());
    dateline_status_t st = guard(idx, [&]() {
        if (idx->wdb && idx->failed == DATELINE_OK) {
            commit_txn(idx);
            idx->wdb->commit();
        }
        if (idx->failed != DATELINE_OK && idx->in_txn)
            abandon(idx, idx->failed);
        idx->db->close();
        return DATELINE_OK;
    });
    if (idx->wrote_pid) /* after close: the lock is gone before the name of its holder */
        unlink(idx->writer_file.c_str());
    files_free(idx->files);
    delete idx->db;
    delete idx;
    return st;
}

extern "C" dateline_status_t dateline_index_reopen(dateline_index_t *idx)
{
    if (!idx)
        return DATELINE_BAD_ARGUMENT;
    if (idx->wdb)
        return DATELINE_OK;
    return guard(idx, [&]() {
        for (int attempt = 1;; attempt++) {
            try {
                idx->db->reopen();
                return DATELINE_OK;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (attempt == OPEN_TRIES)
                    throw;
            }
        }
    });
}

void dl_index_set_extractor(dateline_index_t *idx, const dl_extractor_t *x)
{
    if (idx)
        idx->extractor = x;
}
