/* shards-open.cc: opening an index for reading as a list of shards, local or remote: an index
 * folder (plain, or holding a XAPIANDB stub), a stub file, or a stub line ("remote HOST:PORT",
 * "remote :PROGRAM ARGS", "tcp HOST PORT", "auto PATH"), each shard opened apart so that one
 * that does not answer is named; and the metadata of independent indexes merged. */
#include <config.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "index-int.h"

using namespace dl;

namespace {

const int STUB_DEPTH = 8; /* stubs naming stubs, at most */

/* A shard to open: how Xapian reaches it, and its name for messages. */
struct Shard {
    std::string kind; /* "local", "tcp" or "prog" */
    std::string a, b; /* local: the path; tcp: host and port; prog: program and arguments */
    std::string name; /* as written, and where */
};

/* A failure to open, with the whole message. */
struct OpenError {
    dateline_status_t status;
    std::string message;
};

std::string trimmed(const std::string &s)
{
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string dir_of(const std::string &path)
{
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

void resolve(const std::string &spec, const std::string &base, int depth,
             std::vector<Shard> &out);

/* The shards of one stub line (Xapian's stub syntax, and "tcp HOST PORT"); `base` is the folder
 * relative paths start from, `where` says where the line is. */
void stub_line(const std::string &line, const std::string &base, int depth,
               const std::string &where, std::vector<Shard> &out)
{
    std::string l = trimmed(line);
    size_t sp = l.find_first_of(" \t");
    std::string word = l.substr(0, sp), rest = sp == std::string::npos ? "" : trimmed(l.substr(sp));
    const std::string usage = ": a shard is written 'auto PATH', 'remote HOST:PORT', "
                              "'remote :PROGRAM ARGS' or 'tcp HOST PORT'";
    if (rest.empty())
        throw OpenError{DATELINE_BAD_ARGUMENT, "'" + l + "'" + where + " names no shard" + usage};
    if (word == "auto" || word == "glass" || word == "chert") {
        resolve(rest[0] == '/' ? rest : base + "/" + rest, base, depth + 1, out);
    } else if (word == "remote" && rest[0] == ':') {
        size_t s2 = rest.find_first_of(" \t");
        out.push_back(Shard{"prog", rest.substr(1, s2 == std::string::npos ? s2 : s2 - 1),
                            s2 == std::string::npos ? "" : trimmed(rest.substr(s2)),
                            "'" + l + "'" + where});
    } else if (word == "remote" || word == "tcp") {
        size_t colon = word == "remote" ? rest.rfind(':') : rest.find_first_of(" \t");
        std::string host = colon == std::string::npos ? "" : trimmed(rest.substr(0, colon));
        std::string port = colon == std::string::npos ? "" : trimmed(rest.substr(colon + 1));
        char *end = nullptr;
        long p = std::strtol(port.c_str(), &end, 10);
        if (host.empty() || port.empty() || *end || p < 1 || p > 65535)
            throw OpenError{DATELINE_BAD_ARGUMENT,
                            "'" + l + "'" + where + ": no host and port" + usage};
        out.push_back(Shard{"tcp", host, port, "'" + l + "'" + where});
    } else {
        throw OpenError{DATELINE_BAD_ARGUMENT, "'" + l + "'" + where + " is no stub line" + usage};
    }
}

/* The shards of a stub file. */
void stub_file(const std::string &file, int depth, std::vector<Shard> &out)
{
    std::ifstream in(file);
    if (!in)
        throw OpenError{DATELINE_FILE_ERROR, "cannot read the stub file " + file};
    std::string line;
    size_t before = out.size();
    for (int n = 1; std::getline(in, line); n++) {
        std::string l = trimmed(line);
        if (!l.empty() && l[0] != '#')
            stub_line(l, dir_of(file), depth, " (line " + std::to_string(n) + " of " + file + ")",
                      out);
    }
    if (out.size() == before)
        throw OpenError{DATELINE_BAD_ARGUMENT, "the stub file " + file + " names no shard"};
}

/* The shards of a spec: a stub line, a stub file, a folder holding XAPIANDB, or a database. */
void resolve(const std::string &spec, const std::string &base, int depth,
             std::vector<Shard> &out)
{
    if (depth > STUB_DEPTH)
        throw OpenError{DATELINE_BAD_ARGUMENT,
                        "stub files name each other more than " + std::to_string(STUB_DEPTH) +
                            " deep at " + spec + ": does a stub name itself?"};
    std::string word = spec.substr(0, spec.find_first_of(" \t"));
    struct stat sb;
    if (word != spec && (word == "remote" || word == "tcp" || word == "auto") &&
        stat(spec.c_str(), &sb) != 0) {
        stub_line(spec, base, depth, "", out);
    } else if (stat(spec.c_str(), &sb) == 0 && S_ISREG(sb.st_mode)) {
        stub_file(spec, depth, out);
    } else if (stat((spec + "/XAPIANDB").c_str(), &sb) == 0) {
        stub_file(spec + "/XAPIANDB", depth, out);
    } else if (stat(spec.c_str(), &sb) != 0) {
        throw OpenError{DATELINE_NOT_FOUND, "no index at " + spec + ": build one with "
                                            "dateline-index --index " + spec + " FILES..."};
    } else {
        out.push_back(Shard{"local", spec, "", spec});
    }
}

/* Opens one shard; Xapian's exceptions go on. */
Xapian::Database open_one(const Shard &s)
{
    if (s.kind == "tcp")
        return Xapian::Remote::open(s.a, static_cast<unsigned>(std::atoi(s.b.c_str())));
    if (s.kind == "prog")
        return Xapian::Remote::open(s.a, s.b);
    return Xapian::Database(s.a);
}

/* The schema version of a shard: refused unless this Dateline reads it. `many`: the index has
 * more than one shard, so the message names the shard. */
void check_schema(const Shard &s, const Xapian::Database &db, bool many)
{
    std::string v = db.get_metadata(DL_SCHEMA_KEY);
    if (v == DL_SCHEMA_VERSION || v == DL_SCHEMA_VERSION_NO_DATE_TERMS ||
        (v.empty() && db.get_doccount() == 0))
        return;
    std::string what = many ? "shard " + s.name : s.name;
    throw OpenError{DATELINE_VERSION,
                    v.empty() ? what + " is a Xapian database but not a Dateline index: give "
                                       "another --index folder"
                              : (many ? what : "index " + what) + " has schema version " + v +
                                    ", this Dateline reads versions " DL_SCHEMA_VERSION_NO_DATE_TERMS
                                    " and " DL_SCHEMA_VERSION +
                                    ": use the matching Dateline, or rebuild the index"};
}

} // namespace

/* Metadata of an index of several shards, read from each shard on first use (a round trip per
 * remote shard, for the keys a query asks for only) and kept: an alias (an acronym's group)
 * as the first shard that has one says, a group's list of acronyms as their union in order. */
std::string dl::merged_metadata(dateline_index *idx, const std::string &key)
{
    auto have = idx->meta.find(key);
    if (have != idx->meta.end())
        return have->second;
    std::string v;
    bool list = has_prefix(key, DL_ALIASES_KEY);
    for (const Xapian::Database &db : idx->parts) {
        std::string one = db.get_metadata(key);
        if (key == DL_SCHEMA_KEY) {
            /* the oldest: date terms are used only when every shard has them */
            if (!one.empty() && (v.empty() || std::atoi(one.c_str()) < std::atoi(v.c_str())))
                v = one;
            continue;
        }
        if (!list && !one.empty()) {
            v = one;
            break;
        }
        for (size_t p = 0; p < one.size();) {
            size_t sp = one.find(' ', p);
            std::string a = one.substr(p, sp == std::string::npos ? sp : sp - p);
            p = sp == std::string::npos ? one.size() : sp + 1;
            if (!a.empty() && (" " + v + " ").find(" " + a + " ") == std::string::npos)
                v += (v.empty() ? "" : " ") + a;
        }
    }
    idx->meta[key] = v;
    return v;
}

/* Opens idx->db for reading from the specs: see dateline_index_open_list(). */
dateline_status_t dl::open_shards(dateline_index *idx, const std::vector<std::string> &specs,
                                  bool allow_partial)
{
    idx->shards.clear(); /* from an attempt before, which a writer's commit undid */
    idx->parts.clear();
    idx->dead.clear();
    idx->meta.clear();
    std::vector<Shard> shards;
    try {
        for (const std::string &s : specs)
            resolve(s, ".", 0, shards);
    } catch (const OpenError &e) {
        return set_message(idx, e.status, e.message);
    }
    Xapian::Database *db = new Xapian::Database;
    idx->db = db;
    bool many = shards.size() > 1;
    for (const Shard &s : shards) {
        try {
            Xapian::Database one = open_one(s);
            check_schema(s, one, many);
            if (many)
                idx->parts.push_back(one);
            db->add_database(one);
            idx->shards.push_back(s.name);
            idx->remote = idx->remote || s.kind != "local";
        } catch (const OpenError &e) {
            return set_message(idx, e.status, e.message);
        } catch (const Xapian::DatabaseNotFoundError &e) {
            return set_message(idx, DATELINE_NOT_FOUND,
                               "no index at " + s.a + (s.name != s.a ? " (" + s.name + ")" : "") +
                                   ": build one with dateline-index --index " + s.a + " FILES...");
        } catch (const Xapian::DatabaseModifiedError &) {
            throw; /* the caller opens again */
        } catch (const Xapian::NetworkError &e) {
            if (allow_partial) {
                idx->dead.push_back(s.name + ": " + e.get_msg());
                continue;
            }
            return set_message(idx, DATELINE_FILE_ERROR,
                               "shard " + s.name + " does not answer: " + e.get_msg() +
                                   " (is its server running? --allow-partial searches the "
                                   "others)");
        } catch (const Xapian::Error &) {
            dateline_status_t st = caught(idx);
            return set_message(idx, st, "shard " + s.name + ": " + idx->message);
        }
    }
    if (idx->shards.empty())
        return set_message(idx, DATELINE_FILE_ERROR,
                           "no shard answers: " + (idx->dead.empty() ? std::string("none named")
                                                                     : idx->dead.front()));
    idx->merged = many;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_open_list(const char *const *specs, size_t n,
                                                      unsigned flags, dateline_index_t **out,
                                                      char **message)
{
    if (message)
        *message = nullptr;
    if (!specs || n == 0 || !out || (flags & ~static_cast<unsigned>(DATELINE_OPEN_ALLOW_PARTIAL)))
        return DATELINE_BAD_ARGUMENT;
    for (size_t i = 0; i < n; i++)
        if (!specs[i] || !*specs[i])
            return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    dateline_index *idx;
    try {
        idx = new dateline_index;
    } catch (...) {
        return DATELINE_NO_MEMORY;
    }
    dateline_status_t st = guard(idx, [&]() {
        std::vector<std::string> list(specs, specs + n);
        for (const std::string &s : list)
            idx->path += (idx->path.empty() ? "" : " + ") + s;
        dateline_status_t got =
            open_shards(idx, list, (flags & DATELINE_OPEN_ALLOW_PARTIAL) != 0);
        if (got != DATELINE_OK)
            return got;
        idx->tg.set_stemmer(idx->stem);
        idx->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        return DATELINE_OK;
    });
    if (st != DATELINE_OK) {
        if (message)
            *message = dl_strdup(dateline_index_message(idx));
        delete idx->db;
        delete idx;
        return st;
    }
    *out = idx;
    return DATELINE_OK;
}

extern "C" size_t dateline_index_shards(const dateline_index_t *idx)
{
    return idx ? idx->shards.size() : 0;
}

extern "C" const char *dateline_index_dead_shard(const dateline_index_t *idx, size_t i)
{
    return idx && i < idx->dead.size() ? idx->dead[i].c_str() : nullptr;
}
