/* files.cc: what the index records of each file it read (size, time, hash, articles), so that a
 * re-run leaves unchanged files unread and can tell which files are gone.
 *
 * The records are Xapian metadata (see the schema at the top of index.cc):
 *   dateline.file.<path>   "1 SIZE MTIME MTIME_NS HASH OPTIONS ARTICLES FORMAT REJECTED", HASH and
 *                          OPTIONS in 16 hex digits; a path longer than 200 bytes is cut and
 *                          hashed in the key ("#" and 16 hex digits) and follows the value
 *                          after 0x1F.
 * They are written in the batch's transaction, after the file's articles: a record is never
 * committed before the articles it counts. All of them are read in one pass on first use.
 * Over shards (dateline-index --jobs), every shard commits its articles before any records
 * the files (indexer/dateline-index.c, idx_commit()), and a file counts as recorded only when
 * every shard records it the same. */
#include <config.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xapian.h>

#include "dl.h"
#include "index-int.h"

namespace dl {

const char FILE_KEY[] = "dateline.file.";
const size_t FILE_KEY_MAX = 200; /* longer paths are cut and hashed in the key */

struct FileRecords {
    bool loaded = false;
    std::map<std::string, dateline_file_t> recs; /* by path, so a folder's files are a range */
    int as_typed = -1;            /* the index holds origins as typed (before canonical
                                   * paths): 1, 0, or -1 not looked yet */
    std::string under;            /* dateline_index_file_nth()'s folder */
    std::vector<std::string> nth; /* and the paths under it, when i was 0 */
    std::set<std::string> unsure; /* over shards: recorded in some only, or not the same */
};

void files_free(FileRecords *f)
{
    delete f;
}

static FileRecords &records(dateline_index *idx)
{
    FileRecords *&f = index_files(idx);
    if (!f)
        f = new FileRecords;
    return *f;
}

static std::string record_key(const std::string &path)
{
    if (path.size() <= FILE_KEY_MAX)
        return FILE_KEY + path;
    size_t cut = FILE_KEY_MAX - 17;
    while (cut > 0 && (static_cast<unsigned char>(path[cut]) & 0xC0) == 0x80)
        cut--;
    char hex[17];
    dl_hex64(dl_hash64(path.data(), path.size(), 0), hex);
    return FILE_KEY + path.substr(0, cut) + "#" + hex;
}

/* Reads a record's value into *out and its path into path (when the key holds it cut).
 * Returns false for a value this version does not know. */
static bool parse(const std::string &v, dateline_file_t *out, std::string &path)
{
    /* strtoull() in turn: a sscanf() of each of 20,000 records costs more than reading them */
    const char *p = v.c_str();
    unsigned long long n[9];
    long long mtime = 0;
    char *end;
    for (int i = 0; i < 9; i++) {
        while (*p == ' ')
            p++;
        bool hex = i == 4 || i == 5;
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(*p)) : *p >= '0' && *p <= '9') &&
            !(i == 2 && *p == '-'))
            return false;
        errno = 0;
        if (i == 2)
            mtime = std::strtoll(p, &end, 10);
        else
            n[i] = std::strtoull(p, &end, hex ? 16 : 10);
        if (errno || end == p)
            return false;
        p = end;
    }
    unsigned long long size = n[1], ns = n[3], hash = n[4], options = n[5], articles = n[6],
                       format = n[7], rejected = n[8];
    if (n[0] != 1 || format > DATELINE_FORMAT_HTML || ns > 999999999)
        return false;
    size_t used = static_cast<size_t>(p - v.c_str());
    out->size = size;
    out->mtime = mtime;
    out->mtime_ns = static_cast<long>(ns);
    out->hash = hash;
    out->options = options;
    out->articles = static_cast<size_t>(articles);
    out->format = static_cast<dateline_format_t>(format);
    out->rejected = static_cast<size_t>(rejected);
    size_t sep = v.find('\x1f', static_cast<size_t>(used));
    if (sep != std::string::npos)
        path = v.substr(sep + 1);
    return true;
}

/* The records one database holds, into recs. */
static void read_records(const Xapian::Database &db, std::map<std::string, dateline_file_t> &recs)
{
    size_t plen = std::strlen(FILE_KEY);
    for (Xapian::TermIterator k = db.metadata_keys_begin(FILE_KEY);
         k != db.metadata_keys_end(FILE_KEY); ++k) {
        std::string key = *k, path = key.substr(plen);
        dateline_file_t rec;
        if (parse(db.get_metadata(key), &rec, path))
            recs[path] = rec;
    }
}

static bool same_record(const dateline_file_t &a, const dateline_file_t &b)
{
    return a.size == b.size && a.mtime == b.mtime && a.mtime_ns == b.mtime_ns &&
           a.hash == b.hash && a.options == b.options && a.articles == b.articles &&
           a.format == b.format && a.rejected == b.rejected;
}

/* The records of an index in shards, each shard read apart (the combined database's metadata
 * is the first shard's): the union, and in f.unsure the files that some shard does not record
 * the same, as a run killed between two shards' commits of the records leaves them. */
static void load_apart(dateline_index *idx, FileRecords &f)
{
    std::vector<std::map<std::string, dateline_file_t>> each(idx->parts.size());
    for (size_t i = 0; i < idx->parts.size(); i++)
        read_records(idx->parts[i], each[i]);
    for (size_t i = 0; i < each.size(); i++)
        for (auto &r : each[i]) {
            if (!f.recs.emplace(r.first, r.second).second)
                continue; /* met in a shard before */
            for (size_t j = 0; j < each.size(); j++) {
                auto o = each[j].find(r.first);
                if (o == each[j].end() || !same_record(o->second, r.second)) {
                    f.unsure.insert(r.first);
                    break;
                }
            }
        }
}

static void load(dateline_index *idx)
{
    FileRecords &f = records(idx);
    if (f.loaded)
        return;
    if (idx->parts.size() > 1)
        load_apart(idx, f);
    else
        read_records(index_db(idx), f.recs);
    f.loaded = true;
}

/* Whether path is folder or lies under it. */
static bool at_or_under(const std::string &path, const std::string &folder)
{
    if (path == folder || folder == "/")
        return path.compare(0, folder.size(), folder) == 0;
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
           path[folder.size()] == '/';
}

void files_forget_under(dateline_index *idx, const std::string &path)
{
    load(idx);
    FileRecords &f = records(idx);
    std::string folder = path;
    while (folder.size() > 1 && folder.back() == '/')
        folder.pop_back();
    std::vector<std::string> gone;
    for (auto it = f.recs.lower_bound(folder); it != f.recs.end() &&
                                               it->first.compare(0, folder.size(), folder) == 0;
         ++it)
        if (at_or_under(it->first, folder))
            gone.push_back(it->first);
    if (gone.empty())
        return;
    Xapian::WritableDatabase &w = index_begin_write(idx);
    for (const std::string &p : gone) {
        w.set_metadata(record_key(p), std::string()); /* an empty value deletes the key */
        f.recs.erase(p);
        f.unsure.erase(p);
    }
}

std::vector<std::string> origins_as_typed(dateline_index *idx, const std::string &origin)
{
    std::vector<std::string> out;
    if (origin.empty() || origin[0] != '/')
        return out;
    FileRecords &f = records(idx);
    const Xapian::Database &db = index_db(idx);
    if (f.as_typed < 0) {
        /* an XF term that is not an absolute path, nor "-" (standard input) */
        f.as_typed = 0;
        for (Xapian::TermIterator t = db.allterms_begin("XF"); t != db.allterms_end("XF");) {
            std::string term = *t;
            if (term != "XF-" && term.compare(0, 3, "XF/") != 0) {
                f.as_typed = 1;
                break;
            }
            if (term.compare(0, 3, "XF/") == 0)
                t.skip_to("XF0"); /* past every absolute path */
            else
                ++t;
        }
    }
    if (!f.as_typed)
        return out;
    size_t sep = origin.find('\x1f');
    std::string file = origin.substr(0, sep), rest = sep == std::string::npos ? "" : origin.substr(sep);
    /* the longest tail of the path at a '/' that the index knows as a file, as typed or
     * after "./": the most particular spelling wins */
    for (size_t p = file.find('/', 1); p != std::string::npos; p = file.find('/', p + 1)) {
        std::string tail = file.substr(p + 1);
        for (const std::string &c : {tail, "./" + tail}) {
            if (tail.empty())
                continue;
            std::string t = index_file_term(c);
            /* or, written before file and key were kept apart, "FILE:KEY-START" */
            Xapian::TermIterator at = db.allterms_begin(t);
            if (at != db.allterms_end(t) && (*at == t || (*at)[t.size()] == ':')) {
                out.push_back(c + rest);
                return out;
            }
        }
    }
    return out;
}

} // namespace dl

using namespace dl;

extern "C" dateline_status_t dateline_file_stat(const char *path, int hash, dateline_file_t *out)
{
    if (!path || !out)
        return DATELINE_BAD_ARGUMENT;
    std::memset(out, 0, sizeof *out);
    struct stat sb;
    int fd = -1;
    if (!hash) { /* the file is not opened */
        if (stat(path, &sb) != 0)
            return DATELINE_FILE_ERROR;
    } else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0)
            close(fd);
        return DATELINE_FILE_ERROR;
    }
    if (!S_ISREG(sb.st_mode)) {
        if (fd >= 0)
            close(fd);
        return DATELINE_BAD_ARGUMENT;
    }
    out->size = static_cast<unsigned long long>(sb.st_size);
    out->mtime = static_cast<long long>(sb.st_mtim.tv_sec);
    out->mtime_ns = static_cast<long>(sb.st_mtim.tv_nsec);
    out->format = DATELINE_FORMAT_AUTO;
    if (hash) {
        /* dl_hash64(bytes, 5) over the bytes as they come */
        uint64_t h = 0xcbf29ce484222325ULL ^ 5;
        unsigned char buf[65536];
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) != 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                close(fd);
                return DATELINE_FILE_ERROR;
            }
            h = dl_fnv_add(h, buf, static_cast<size_t>(n));
        }
        h = dl_hash_finish(h);
        out->hash = h;
        close(fd);
    }
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_file_get(dateline_index_t *idx, const char *path,
                                                     dateline_file_t *out)
{
    if (!idx || !path || !out)
        return DATELINE_BAD_ARGUMENT;
    return index_run(idx, false, [&]() {
        load(idx);
        FileRecords &f = records(idx);
        auto it = f.recs.find(path);
        if (it == f.recs.end())
            return index_say(idx, DATELINE_NOT_FOUND, std::string("no record of file ") + path);
        if (f.unsure.count(path))
            return index_say(idx, DATELINE_NOT_FOUND,
                             std::string("file ") + path +
                                 " is recorded in some shards only: read it again");
        *out = it->second;
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_index_file_set(dateline_index_t *idx, const char *path,
                                                     const dateline_file_t *file)
{
    if (!idx || !path || !*path || !file || file->format < DATELINE_FORMAT_AUTO ||
        file->format > DATELINE_FORMAT_HTML)
        return DATELINE_BAD_ARGUMENT;
    return index_run(idx, true, [&]() {
        load(idx);
        char v[160];
        std::snprintf(v, sizeof v, "1 %llu %lld %ld %016llx %016llx %llu %d %llu", file->size,
                      file->mtime, file->mtime_ns, file->hash, file->options,
                      static_cast<unsigned long long>(file->articles),
                      static_cast<int>(file->format),
                      static_cast<unsigned long long>(file->rejected));
        std::string p(path), key = record_key(p), value(v);
        if (key.size() != std::strlen(FILE_KEY) + p.size())
            value += '\x1f' + p;
        index_begin_write(idx).set_metadata(key, value);
        records(idx).recs[p] = *file;
        records(idx).unsure.erase(p);
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_index_file_nth(dateline_index_t *idx, const char *folder,
                                                     size_t i, const char **path,
                                                     dateline_file_t *out)
{
    if (path)
        *path = nullptr;
    if (!idx || !folder || !path)
        return DATELINE_BAD_ARGUMENT;
    const char *got = nullptr;
    dateline_status_t st = index_run(idx, false, [&]() {
        load(idx);
        FileRecords &f = records(idx);
        std::string under(folder);
        while (under.size() > 1 && under.back() == '/')
            under.pop_back();
        if (i == 0 || under != f.under) {
            f.under = under;
            f.nth.clear();
            for (auto it = f.recs.lower_bound(under);
                 it != f.recs.end() && it->first.compare(0, under.size(), under) == 0; ++it)
                if (at_or_under(it->first, under))
                    f.nth.push_back(it->first);
        }
        if (i < f.nth.size()) {
            got = f.nth[i].c_str();
            auto it = f.recs.find(f.nth[i]);
            if (out && it != f.recs.end())
                *out = it->second;
        }
        return DATELINE_OK;
    });
    if (st != DATELINE_OK)
        return st;
    *path = got;
    return got ? DATELINE_OK : DATELINE_END;
}

/* ---- the index's parts this file works with ---- */

dl::FileRecords *&dl::index_files(dateline_index *idx)
{
    return idx->files;
}

const Xapian::Database &dl::index_db(dateline_index *idx)
{
    return *idx->db;
}

Xapian::WritableDatabase &dl::index_begin_write(dateline_index *idx)
{
    begin_write(idx);
    return *idx->wdb;
}

dateline_status_t dl::index_run(dateline_index *idx, bool write,
                                const std::function<dateline_status_t()> &f)
{
    if (write) {
        dateline_status_t st = writable(idx);
        if (st != DATELINE_OK)
            return st;
    }
    dateline_status_t st = guard(idx, f);
    if (write && st != DATELINE_OK)
        abandon(idx, st);
    return st;
}

dateline_status_t dl::index_say(dateline_index *idx, dateline_status_t st, const std::string &m)
{
    return set_message(idx, st, m);
}

std::string dl::index_file_term(const std::string &file)
{
    return file_term(file);
}
