/* shards.cc: an index in shards (dateline-index --jobs): the global sequence number, the folder
 * of shards and its stub, the settle that makes global state whole after a parallel pass
 * (aliases, the sequence counter, story chains across shards), and compaction. */
#include <config.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index-int.h"

using namespace dl;

namespace dl {

std::string seq_value(unsigned long long n)
{
    std::string v(8, '\0');
    for (int i = 7; i >= 0; i--, n >>= 8)
        v[i] = static_cast<char>(n & 0xFF);
    return v;
}

static unsigned long long seq_of_value(const std::string &v)
{
    unsigned long long n = 0;
    for (unsigned char c : v)
        n = n << 8 | c;
    return n;
}

unsigned long long seq_of(const Xapian::Database &db, Xapian::docid did)
{
    std::string v = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(DL_SLOT_SEQ);
    if (v.size() != 8)
        return did; /* written before sequence numbers: its docid is its place */
    return seq_of_value(v);
}

/* The index's counter: the next number, or get_lastdocid() + 1 in an index written before. */
static unsigned long long counter(const Xapian::Database &db)
{
    std::string v = db.get_metadata(DL_SEQ_KEY);
    return v.empty() ? db.get_lastdocid() + 1ULL : std::strtoull(v.c_str(), nullptr, 10);
}

unsigned long long take_seq(dateline_index *idx)
{
    /* a shard's counter is the one the last settle wrote: a run numbers its articles from it
     * in the order it reads them, so a run killed and run again numbers them as one that was
     * not; the settle moves it past what the shards hold */
    if (idx->shard && idx->seq_given)
        return idx->seq_given;
    unsigned long long next = counter(*idx->db);
    unsigned long long n = idx->seq_given ? idx->seq_given : next;
    idx->wdb->set_metadata(DL_SEQ_KEY, std::to_string(std::max(next, n + 1)));
    return n;
}

} // namespace dl

/* The shards a stub file lists ("auto shard-0" ...), as paths; empty for a plain index. */
std::vector<std::string> dl::shard_paths(const std::string &path)
{
    std::vector<std::string> out;
    std::ifstream stub(path + "/XAPIANDB");
    std::string kind, name;
    while (stub >> kind >> name)
        if (kind == "auto")
            out.push_back(name[0] == '/' ? name : path + "/" + name);
    return out;
}

namespace {

/* Every shard open for writing, and all of them as one database. */
struct Shards {
    std::vector<Xapian::WritableDatabase> one;
    Xapian::WritableDatabase all;
    explicit Shards(const std::vector<std::string> &paths)
    {
        for (const std::string &p : paths) {
            one.emplace_back(p, Xapian::DB_OPEN);
            all.add_database(one.back());
        }
    }
};

/* An alias as the settle keeps it: the group's name and the number of the article that taught
 * it (0: learned before, already the same in every shard). */
struct Alias {
    std::string name;
    unsigned long long seq;
    size_t place; /* its place in its group's list in the first shard, for those of before */
};

/* The aliases of every shard, the earliest teaching of each acronym kept, as one index keeps
 * its first; then each group's list, in the order they were taught. */
void settle_aliases(Shards &s)
{
    std::map<std::string, Alias> won;
    std::vector<std::string> groups;
    for (Xapian::WritableDatabase &db : s.one) {
        for (Xapian::TermIterator k = db.metadata_keys_begin(DL_ALIASES_KEY);
             k != db.metadata_keys_end(DL_ALIASES_KEY); ++k)
            groups.push_back(*k);
        for (Xapian::TermIterator k = db.metadata_keys_begin(DL_ALIAS_KEY);
             k != db.metadata_keys_end(DL_ALIAS_KEY); ++k) {
            std::string acr = (*k).substr(DL_PREFIX_LEN(DL_ALIAS_KEY));
            std::string sv = db.get_metadata(DL_ALIAS_SEQ_KEY + acr);
            Alias a{db.get_metadata(*k), sv.empty() ? 0 : std::strtoull(sv.c_str(), nullptr, 10),
                    0};
            auto w = won.find(acr);
            if (w == won.end() || a.seq < w->second.seq)
                won[acr] = a;
        }
    }
    std::map<std::string, std::vector<std::pair<std::tuple<unsigned long long, size_t>,
                                                std::string>>> lists;
    for (auto &w : won) {
        std::string g = folded(w.second.name);
        std::string before = " " + s.one[0].get_metadata(DL_ALIASES_KEY + g) + " ";
        size_t at = before.find(" " + w.first + " ");
        lists[g].push_back({{w.second.seq, at}, w.first});
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    for (Xapian::WritableDatabase &db : s.one) {
        for (auto &w : won) {
            db.set_metadata(DL_ALIAS_KEY + w.first, w.second.name);
            db.set_metadata(DL_ALIAS_SEQ_KEY + w.first,
                            w.second.seq ? std::to_string(w.second.seq) : "");
        }
        for (const std::string &key : groups) {
            auto &l = lists[key.substr(DL_PREFIX_LEN(DL_ALIASES_KEY))];
            std::sort(l.begin(), l.end());
            std::string v;
            for (auto &e : l)
                v += (v.empty() ? "" : " ") + e.second;
            db.set_metadata(key, v);
        }
    }
}

/* The signature an article was given, read back from its document: its values (slot 7), its
 * band terms, and whether it was short (the pending term's last letter). */
Signature stored_signature(const Xapian::Document &doc, bool is_short)
{
    Signature sig;
    sig.bin = doc.get_value(DL_SLOT_MINHASH);
    if (sig.bin.empty())
        return sig;
    sig.shingles = is_short ? 1 : 1000;
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(DL_PREFIX_BAND); t != doc.termlist_end() && has_prefix(*t, DL_PREFIX_BAND);
         ++t)
        sig.bands.push_back(*t);
    return sig;
}

/* The band terms of a document, into out. */
void add_bands(const Xapian::Document &doc, std::set<std::string> &out)
{
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(DL_PREFIX_BAND); t != doc.termlist_end() && has_prefix(*t, DL_PREFIX_BAND);
         ++t)
        out.insert(*t);
}

/* What lets the settle pass over an article as its worker wrote it. */
struct Shortcut {
    std::set<std::string> dirty; /* band terms of articles whose chain the settle changed */
    bool off = false;            /* origins as typed, or of before file and key were apart */
};

/* Whether a shard holds an XF term other than "-" or an absolute path without ':': then
 * settle_edited() may find an origin under another spelling, and no article is passed over. */
bool odd_origins(Shards &s)
{
    for (Xapian::WritableDatabase &db : s.one)
        for (Xapian::TermIterator t = db.allterms_begin(DL_PREFIX_FILE);
             t != db.allterms_end(DL_PREFIX_FILE); ++t) {
            const std::string &x = *t;
            if (x != DL_PREFIX_FILE "-" && (x.compare(0, 3, DL_PREFIX_FILE "/") != 0 ||
                                            x.find(':') != std::string::npos))
                return true;
        }
    return false;
}

/* Whether article did, new and unmarked, must be settled: a band term of it is in another
 * shard or dirty, or an origin of it is in another shard. Else its worker, seeing its own
 * shard, gave it the chain one index gives, and no origin elsewhere is its to take. */
bool must_settle(Shards &s, const Shortcut &k, Xapian::docid did)
{
    size_t n = s.one.size(), lane = (did - 1) % n;
    Xapian::Document doc = s.one[lane].get_document((did - 1) / n + 1);
    auto elsewhere = [&](const std::string &t) {
        for (size_t j = 0; j < n; j++)
            if (j != lane && s.one[j].term_exists(t))
                return true;
        return false;
    };
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(DL_PREFIX_BAND); t != doc.termlist_end() && has_prefix(*t, DL_PREFIX_BAND);
         ++t)
        if (k.dirty.count(*t) || elsewhere(*t))
            return true;
    for (t.skip_to(DL_PREFIX_ORIGIN);
         t != doc.termlist_end() && has_prefix(*t, DL_PREFIX_ORIGIN); ++t)
        if (elsewhere(*t))
            return true;
    return false;
}

/* A new article's file and key that gave other articles before it, in other shards (its own
 * shard's worker saw to its own): they lose that origin, as in one index (replace_edited() in
 * index-add.cc), and those that had no other are deleted. Whether one was: the article was
 * an update. idx reads and writes all shards. */
bool settle_edited(dateline_index *idx, const dateline_article_t *a, Xapian::docid did,
                   unsigned long long seq, std::set<std::string> &dirty)
{
    const char *from = dateline_article_get(a, DATELINE_FIELD_FILE);
    if (!from || std::strcmp(from, "-") == 0 || std::strncmp(from, "/dev/", 5) == 0 ||
        std::strncmp(from, "/proc/", 6) == 0)
        return false;
    std::string origin = origin_of(a);
    std::vector<std::string> spellings = origins_as_typed(idx, origin);
    spellings.push_back(origin);
    std::vector<Xapian::docid> before;
    for (const std::string &sp : spellings)
        for (const std::string &ot : {origin_term(sp), origin_term_before(sp)})
            for (Xapian::PostingIterator o = idx->db->postlist_begin(ot);
                 o != idx->db->postlist_end(ot); ++o)
                if (*o != did && seq_of(*idx->db, *o) < seq)
                    before.push_back(*o);
    std::sort(before.begin(), before.end());
    before.erase(std::unique(before.begin(), before.end()), before.end());
    bool replaced = false;
    for (Xapian::docid d : before) {
        add_bands(idx->db->get_document(d), dirty); /* its chain may go: later ones look again */
        replaced |= drop_origins(idx, d, [&](const std::string &x) {
                        return std::find(spellings.begin(), spellings.end(), x) !=
                               spellings.end();
                    }) == DROPPED_ALL;
    }
    return replaced;
}

/* Article did (pending term `mark`) joins the story chain one index would have given it: its
 * candidates are looked up in every shard. Its record, XK term and slot 8 follow. A new one
 * first takes its file and key from articles of other shards (settle_edited()): true when it
 * replaced one. */
bool settle_chain(dateline_index *idx, Xapian::WritableDatabase &all, Xapian::docid did,
                  unsigned long long seq, const std::string &mark, Shortcut &k)
{
    Xapian::Document doc = all.get_document(did);
    dateline_article_t *a = nullptr;
    dateline_status_t st = decode_doc(idx, doc, &a);
    if (st == DATELINE_NO_MEMORY)
        throw std::bad_alloc();
    if (st != DATELINE_OK)
        throw Xapian::DatabaseCorruptError(idx->message);
    struct freer {
        dateline_article_t *a;
        ~freer() { dateline_article_destroy(a); }
    } free_a{a};
    bool replaced = mark[DL_PREFIX_LEN(DL_PREFIX_PENDING)] == 'n' &&
                    settle_edited(idx, a, did, seq, k.dirty);
    Signature sig = stored_signature(doc, mark.back() == 's');
    std::string chain = chain_of(all, a, sig, did, seq);
    std::string was = doc.get_value(DL_SLOT_CHAIN);
    bool marked = doc.termlist_count() && [&]() {
        Xapian::TermIterator t = doc.termlist_begin();
        t.skip_to(mark);
        return t != doc.termlist_end() && *t == mark;
    }();
    if (chain == was && !marked)
        return replaced; /* the common case: nothing to write */
    if (marked)
        doc.remove_term(mark);
    if (chain != was) {
        k.dirty.insert(sig.bands.begin(), sig.bands.end());
        dl_article_clear_field(a, DATELINE_FIELD_STORY);
        if (dl_article_put(a, DATELINE_FIELD_STORY, chain.data(), chain.size()) != DATELINE_OK)
            throw std::bad_alloc();
        set_record(doc, a);
        try {
            doc.remove_term(DL_PREFIX_STORY + was);
        } catch (const Xapian::InvalidArgumentError &) {
        }
        doc.add_boolean_term(DL_PREFIX_STORY + chain);
        doc.add_value(DL_SLOT_CHAIN, chain);
    }
    all.replace_document(did, doc);
    return replaced;
}

/* The articles added or updated since the last settle, by sequence number, each given its
 * chain over all shards. In sequence order, each sees the chains of those before it settled,
 * as in one index. */
size_t settle_chains(dateline_index *idx, Shards &s, size_t *replaced)
{
    /* the new: numbered from the counter the last settle left (the lowest of the shards', if
     * a settle was cut short); updates and short signatures carry a pending term */
    unsigned long long from = ~0ULL;
    for (Xapian::WritableDatabase &db : s.one)
        from = std::min(from, counter(db));
    std::map<Xapian::docid, std::pair<unsigned long long, std::string>> todo;
    Xapian::Enquire enq(s.all);
    enq.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, DL_SLOT_SEQ, seq_value(from)));
    enq.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = enq.get_mset(0, s.all.get_doccount());
    for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i)
        todo[*i] = {seq_of(s.all, *i), ""}; /* new, not marked: "nl" */
    for (const char *k : {"nl", "ns", "ul", "us"}) {
        std::string t = std::string(DL_PREFIX_PENDING) + k;
        for (Xapian::PostingIterator p = s.all.postlist_begin(t); p != s.all.postlist_end(t);
             ++p)
            todo[*p] = {seq_of(s.all, *p), t};
    }
    std::vector<std::tuple<unsigned long long, Xapian::docid, std::string>> order;
    for (auto &t : todo)
        order.emplace_back(t.second.first, t.first, t.second.second);
    std::sort(order.begin(), order.end());
    struct borrow { /* idx reads and writes all shards while they settle */
        dateline_index *idx;
        ~borrow() { idx->db = idx->wdb = nullptr; }
    } lend{idx};
    idx->db = idx->wdb = &s.all;
    Shortcut k;
    k.off = odd_origins(s);
    for (auto &t : order) {
        const std::string &mark = std::get<2>(t);
        if (mark.empty() && !k.off && !must_settle(s, k, std::get<1>(t)))
            continue; /* most: nothing in another shard concerns them */
        *replaced += settle_chain(idx, s.all, std::get<1>(t), std::get<0>(t),
                                  mark.empty() ? std::string(DL_PREFIX_PENDING) + "nl" : mark, k);
    }
    return order.size();
}

/* Writes a file whole or not at all: beside it, synced, then renamed over it. */
bool write_whole(const std::string &path, const std::string &text)
{
    std::string tmp = path + ".tmp";
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp.c_str(), path.c_str()) == 0)
        return true;
    unlink(tmp.c_str());
    return false;
}

} // namespace

namespace {

int remove_entry(const char *p, const struct stat *, int, struct FTW *)
{
    return remove(p);
}

} // namespace

/* Removes a folder and all it holds; best effort. */
void dl::remove_tree(const std::string &dir)
{
    nftw(dir.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}


extern "C" dateline_status_t dateline_index_set_seq(dateline_index_t *idx,
                                                    unsigned long long seq, int shard)
{
    if (!idx)
        return DATELINE_BAD_ARGUMENT;
    idx->seq_given = seq;
    idx->shard = shard != 0;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_index_next_seq(dateline_index_t *idx,
                                                     unsigned long long *out)
{
    if (!idx || !out)
        return DATELINE_BAD_ARGUMENT;
    return guard(idx, [&]() {
        *out = counter(*idx->db);
        return DATELINE_OK;
    });
}

extern "C" unsigned dateline_shard_of(const char *id, unsigned shards)
{
    if (!id || shards < 2)
        return 0;
    return static_cast<unsigned>(dl_hash64(id, std::strlen(id), DL_SEED_SHARD) % shards);
}

extern "C" unsigned dateline_shards_count(const char *path)
{
    return path ? static_cast<unsigned>(shard_paths(path).size()) : 0;
}

namespace {

/* Makes the shards and the stub in folder `dir`. */
dateline_status_t make_shards(dateline_index *idx, const std::string &dir, unsigned n)
{
    if (mkdir(dir.c_str(), 0777) != 0)
        return set_message(idx, DATELINE_FILE_ERROR,
                           "cannot make folder " + dir + ": " + std::strerror(errno));
    std::string stub;
    for (unsigned k = 0; k < n; k++) {
        std::string shard = dir + "/shard-" + std::to_string(k);
        Xapian::WritableDatabase db(shard, Xapian::DB_CREATE);
        db.set_metadata(DL_SCHEMA_KEY, DL_SCHEMA_VERSION);
        db.set_metadata(DL_SEQ_KEY, "1"); /* numbers start at 1 */
        db.commit();
        db.close();
        stub += "auto shard-" + std::to_string(k) + "\n";
    }
    if (!write_whole(dir + "/XAPIANDB", stub))
        return set_message(idx, DATELINE_FILE_ERROR,
                           "cannot write the stub file of " + dir + ": " + std::strerror(errno));
    return DATELINE_OK;
}

} // namespace

/* Like a plain index (create_whole() in index-open.cc), a folder of shards comes into being
 * whole or not at all: made beside its place, PATH.dateline-new.PID, then renamed into it. */
extern "C" dateline_status_t dateline_shards_create(const char *path, unsigned n,
                                                    char **message)
{
    if (message)
        *message = nullptr;
    if (!path || n < 2 || n > 1024)
        return DATELINE_BAD_ARGUMENT;
    Scratch s(path);
    dateline_status_t st = guard(s.idx, [&]() {
        std::string base = path;
        while (base.size() > 1 && base.back() == '/')
            base.pop_back();
        std::string tmp = base + ".dateline-new." + std::to_string(static_cast<long>(getpid()));
        remove_tree(tmp);
        dateline_status_t made;
        try {
            made = make_shards(s.idx, tmp, n);
        } catch (...) {
            remove_tree(tmp);
            throw;
        }
        if (made != DATELINE_OK) {
            remove_tree(tmp);
            return made;
        }
        rmdir(base.c_str()); /* an empty folder given for the index */
        if (rename(tmp.c_str(), base.c_str()) != 0) {
            int e = errno;
            remove_tree(tmp);
            return set_message(s.idx, DATELINE_FILE_ERROR,
                               "cannot make the index " + base + ": " + std::strerror(e));
        }
        return DATELINE_OK;
    });
    return s.fail(st, message);
}

extern "C" dateline_status_t dateline_shards_settle(const char *path, size_t *settled,
                                                    size_t *replaced, char **message)
{
    if (message)
        *message = nullptr;
    if (!path)
        return DATELINE_BAD_ARGUMENT;
    Scratch s(path);
    dateline_status_t st = guard(s.idx, [&]() {
        std::vector<std::string> paths = shard_paths(path);
        if (paths.size() < 2)
            return DATELINE_OK;
        Shards sh(paths);
        unsigned long long next = 1;
        for (Xapian::WritableDatabase &db : sh.one) {
            next = std::max(next, counter(db));
            std::string top = db.get_value_upper_bound(DL_SLOT_SEQ);
            if (top.size() == 8)
                next = std::max(next, seq_of_value(top) + 1);
        }
        settle_aliases(sh);
        size_t r = 0, n = settle_chains(s.idx, sh, &r);
        if (settled)
            *settled = n;
        if (replaced)
            *replaced = r;
        for (Xapian::WritableDatabase &db : sh.one) {
            db.set_metadata(DL_SEQ_KEY, std::to_string(next));
            db.commit();
        }
        return DATELINE_OK;
    });
    return s.fail(st, message);
}
