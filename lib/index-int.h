/* index-int.h: what the C++ files of the index share (the only files that include <xapian.h>):
 * the handles of the public API, guard(), and a section per file for the
 * interface to its code. Every extern "C" function in them runs its body inside guard(), which
 * turns each kind of Xapian exception, std::bad_alloc and anything else into a
 * dateline_status_t and a message: no exception ever reaches C. The index schema (prefixes,
 * slots, keys, the filter table) is lib/schema.h. */
#ifndef DL_INDEX_INT_H
#define DL_INDEX_INT_H

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "dl.h"

struct dateline_index;

namespace dl {

/* Whether term t starts with prefix p (a DL_PREFIX_* of schema.h). */
inline bool has_prefix(const std::string &t, const char *p)
{
    return t.compare(0, std::strlen(p), p) == 0;
}

const size_t DEFAULT_BATCH = 1000;     /* articles per transaction */
const size_t ID_MAX = 200;             /* longer ids are cut and hashed into the Q term */

/* ---- interface to code in lib/query.cc ---- */

/* The words of a filter key, for filters with DL_FILTER_WORDS: its '-'-separated parts without
 * the brackets and quotes around them ("m.keller@example.ch-(martina-keller)" -> m.keller@example.ch,
 * martina, keller). Indexing and queries both cut keys here. */
std::vector<std::string> key_words(const std::string &key);

/* Words that must stand together for a match (a phrase, or NEAR's window), so that a snippet
 * can be cut where they do. */
struct Proximity {
    std::vector<std::string> stems; /* in order, without prefix */
    unsigned window;                /* positions the whole match may span */
    bool phrase;                    /* in this order, next to each other */
};

/* What a parsed query becomes. */
struct BuiltQuery {
    Xapian::Query query;
    std::vector<std::string> wildcards; /* "Zpetro" for petro*: to highlight what it matched */
    std::vector<Proximity> proximity;   /* phrases and NEARs a match must hold */
    std::string error;                  /* when not empty, the query is refused: why */
    std::function<std::string(const std::string &)> metadata; /* in: when set, reads metadata */
};

/* Turns a query tree into a Xapian query over db. Throws Xapian errors and std::bad_alloc. */
void build_query(const dl_qnode_t *root, const Xapian::Database &db, const Xapian::Stem &stem,
                 BuiltQuery &out);

/* interface to lib/files.cc: the records of the files read (metadata dateline.file.) */
struct FileRecords;
void files_free(FileRecords *f);
/* Forgets the records of path and of every file under it. Inside a write. */
void files_forget_under(dateline_index *idx, const std::string &path);
/* For an origin ("FILE", 0x1F, "KEY") whose file is an absolute path: how an index written
 * before origins were canonical may name it, as it was typed then (the longest tail of the
 * path that it holds as an XF term, as it is or after "./"), or nothing. */
std::vector<std::string> origins_as_typed(dateline_index *idx, const std::string &origin);

/* the index's parts lib/files.cc works with (defined there) */
FileRecords *&index_files(dateline_index *idx);
const Xapian::Database &index_db(dateline_index *idx);
/* Opens the batch's transaction if needed: what is written goes in with the batch. */
Xapian::WritableDatabase &index_begin_write(dateline_index *idx);
/* Runs f inside the index's guard; with write, on a writable index only, and a failure drops
 * the batch as a failed add does. */
dateline_status_t index_run(dateline_index *idx, bool write,
                            const std::function<dateline_status_t()> &f);
dateline_status_t index_say(dateline_index *idx, dateline_status_t st, const std::string &m);
std::string index_file_term(const std::string &file);

} // namespace dl

/* ---- the handles of the public API ---- */

struct dateline_query;

struct dateline_index {
    Xapian::Database *db = nullptr;          // the database; a WritableDatabase in write mode
    Xapian::WritableDatabase *wdb = nullptr; // the same object when writable, else NULL
    std::string path;                        // folder, for messages
    std::string message;                     // why the last call failed
    size_t batch = dl::DEFAULT_BATCH;           // articles per transaction
    size_t pending = 0;                      // articles written in the open transaction
    bool in_txn = false;                     // a transaction is open
    Xapian::TermGenerator tg;                // reused for every article
    Xapian::Stem stem{"english"};
    std::vector<dateline_query *> queries;   // queries still alive, freed at close
    dateline_commit_fn on_commit = nullptr;  // told before and after each batch commits
    void *on_commit_ctx = nullptr;
    bool wrote_pid = false;                  // this handle wrote WRITER_FILE
    const char *oom = nullptr;               // when set, the message: building one failed
    std::string writer_file;                 // path of WRITER_FILE, made when opening
    dateline_status_t failed = DATELINE_OK;  // a write failed: the batch was abandoned
    std::string failure;                     // and why
    std::vector<std::pair<std::string, size_t>> values; // dateline_index_value()'s last list
    int values_field = -1;                   // and its field
    dl::FileRecords *files = nullptr;        // lib/files.cc's records, read on first use
    const dl_extractor_t *extractor = nullptr; // completes an article before it goes in
    unsigned long long seq_given = 0;        // the next new article's sequence number, or 0
    bool shard = false;                      // one shard of several: mark what is added
    bool remote = false;                     // some shard is remote: stock Xapian pieces only
    std::vector<std::string> dates;          // the date values held, for a remote recency
    bool dates_read = false;                 // (read once, on first use)
    std::vector<std::string> shards;         // the shards opened, as named (dl_shards_open)
    std::vector<std::string> dead;           // shards that did not answer (allow_partial)
    std::vector<Xapian::Database> parts;     // the shards apart, when more than one
    std::map<std::string, std::string> meta; // metadata merged across them, as read
    bool merged = false;                     // read metadata through merged_metadata()
};

struct dateline_result {
    dateline_results *parent = nullptr;
    Xapian::MSetIterator it;               // its place in the parent's mset
    Xapian::docid did = 0;
    size_t rank = 0;
    double score = 0;
    dateline_article_t *article = nullptr; // decoded on first use
    Xapian::Document doc;                  // read on first use (one round trip when remote)
    bool have_doc = false;
    std::string snippet;                   // last snippet asked for
    std::string highlighted;               // last field highlighted
};

/* A period of a timeline that has matches. The periods between them, which have none, are not
 * stored: dateline_results_timeline_get() makes them up from their number, so that a timeline by
 * day over centuries costs memory only for its days with matches. */
struct dl_period {
    long number = 0;            // the day, the week (Monday's day / 7), year * 12 + month - 1,
                                // or the year: consecutive periods have consecutive numbers
    std::string label;          // "2017-10"
    size_t count = 0;           // matches in it
    std::vector<std::pair<std::string, size_t>> places; // its commonest places, with counts
    std::vector<std::pair<std::string, size_t>> groups; // its commonest groups
    std::vector<size_t> series; // matches with each series value (dateline_results::series)
};

struct dateline_results {
    dateline_query *query = nullptr;
    Xapian::Enquire enq;      // what made mset: it knows which terms matched each document
    Xapian::MSet mset;
    size_t total = 0;
    size_t stories = 0;
    bool exact = true;        // total (and stories) exact; else lower bounds, past total_bound
    std::map<int, std::vector<std::pair<std::string, size_t>>> facets; // by field, commonest first
    std::vector<dl_period> timeline;  // periods with matches, oldest first
    dateline_timeline_t period = DATELINE_TIMELINE_NONE; // what the timeline counts by
    size_t undated = 0;               // matches without a (readable) date: in no period
    size_t coarser = 0;               // matches dated to a span longer than the period
    dateline_field_t by = DATELINE_FIELD_COUNT_;        // the field of the series
    std::vector<std::pair<std::string, size_t>> series; // the timeline's series values, with
                                                        // their matches, commonest first
    mutable std::string label;        // the label of the last empty period asked for
    std::vector<dateline_result> items;
    std::map<std::string, size_t> versions; // each chain of the page: its articles
    bool versions_read = false;       // (one query for the whole page)
    Xapian::MSet more;                // --sort oldest over remote shards: the undated
    size_t more_at = SIZE_MAX;        // matches, which items from this one on are in
};

struct dateline_query {
    dateline_index *index = nullptr;
    Xapian::Query q;
    std::string description;
    dateline_sort_t sort = DATELINE_SORT_RELEVANCE;
    std::vector<std::string> wildcards;      // "Zfight" for fight*: to highlight what it matched
    std::vector<dl::Proximity> proximity;    // phrases and NEARs: where a snippet must be cut
    std::vector<std::pair<dateline_field_t, size_t>> facets; // asked for, with how many to keep
    dateline_timeline_t timeline = DATELINE_TIMELINE_NONE;
    dateline_field_t by = DATELINE_FIELD_COUNT_; // the timeline's series: a facet field
    size_t by_top = 0;                           // and how many of its values (0: none)
    double half_life = 30;                   // days, for DATELINE_SORT_RECENT
    double recency_weight = 2.0;             // its bonus for the newest day
    bool all_versions = false;               // list every article, not each chain once
    size_t total_bound = 0;                  // count exactly up to this many matches (0: all)
    std::vector<dateline_results *> results; // result pages still alive
};

namespace dl {

/* ---- interface to code in lib/index-errors.cc ---- */

/* Sets the message of idx; when even that cannot be allocated, says "out of memory". */
dateline_status_t set_message(dateline_index *idx, dateline_status_t st, const char *m);
dateline_status_t set_message(dateline_index *idx, dateline_status_t st, const std::string &m);

/* Called inside a catch block: the status and message on idx of the exception being handled
 * (each kind of Xapian error, std::bad_alloc, anything else). Throws std::bad_alloc when the
 * message cannot be made. */
dateline_status_t caught(dateline_index *idx);

/* Runs f, mapping every exception to a status and a message on idx. Nothing escapes: when even
 * the message cannot be made, the status is DATELINE_NO_MEMORY. */
template <typename F> dateline_status_t guard(dateline_index *idx, F f)
{
    try {
        try {
            return f();
        } catch (...) {
            return caught(idx);
        }
    } catch (...) {
        if (idx)
            idx->oom = "out of memory";
        return DATELINE_NO_MEMORY;
    }
}

/* Removes a child from its parent's list of children still alive. */
template <typename T> void forget(std::vector<T *> &children, T *child)
{
    children.erase(std::remove(children.begin(), children.end(), child), children.end());
}

/* ---- interface to code in lib/index-open.cc ---- */

/* The process that holds the write lock of the index at `path`, when it is alive; else 0. */
long writer_pid(const std::string &path);

/* ---- interface to code in lib/shards-open.cc ---- */

/* Opens idx->db for reading from specs (folders, stub files, stub lines), one shard at a time;
 * with allow_partial, shards that do not answer are listed in idx->dead and left out. Sets
 * idx->shards, idx->remote, and idx->parts when there is more than one shard. Throws
 * std::bad_alloc; other failures are a status and idx's message. */
dateline_status_t open_shards(dateline_index *idx, const std::vector<std::string> &specs,
                              bool allow_partial);
/* A metadata value of an index of several shards, merged across them (see shards-open.cc). */
std::string merged_metadata(dateline_index *idx, const std::string &key);

/* ---- interface to code in lib/index-write.cc ---- */

/* Commits the open transaction, if any, telling on_commit before and after. */
dateline_status_t commit_txn(dateline_index *idx);
/* Opens the batch's transaction if it is not open yet. */
void begin_write(dateline_index *idx);
/* Drops the batch after a failed write: every later write reports this failure. */
void abandon(dateline_index *idx, dateline_status_t st);
/* DATELINE_OK when idx may be written, else the status and message why not. */
dateline_status_t writable(dateline_index *idx);

/* ---- interface to code in lib/index-doc.cc ---- */

/* A name folded as the gazetteer folds it ("Syrian Democratic Forces" -> "syriandemocraticforces"). */
std::string folded(const std::string &s);

struct Signature;
/* The document of article a: its record (set_record()), terms and values. title and body are
 * a's; sig and chain its story chain's (chains.cc). */
void build_document(dateline_index *idx, const dateline_article_t *a, const char *title,
                    const char *body, const std::string &idterm, const char *hex,
                    const Signature &sig, const std::string &chain, Xapian::Document &doc);

/* The Q term of an id: long ids cut and hashed. */
std::string id_term(const char *id);
/* A filter key (dl_key_normalize()) as a std::string. Throws std::bad_alloc. */
std::string key_of(const char *v);
/* Stores an article's record as a document's data. */
void set_record(Xapian::Document &doc, const dateline_article_t *a);
/* The article stored in doc, into *out (the caller destroys it). */
dateline_status_t decode_doc(dateline_index *idx, const Xapian::Document &doc,
                             dateline_article_t **out);

/* ---- interface to code in lib/chains.cc ---- */

/* An article's MinHash signature, for its story chain. */
struct Signature {
    size_t shingles = 0;            /* 0: too short to have one */
    std::string bin;                /* 4 bytes per value, big-endian (value slot 7) */
    std::vector<std::string> bands; /* its XM band terms */
};
/* An article's signature (dl_signature_t: lib/signature.c) as the index stores it: its bytes
 * for value slot 7 and its band terms. */
Signature signature(const dl_signature_t &c);
/* Whether a signature is too short to join a chain unless identical. */
bool short_signature(const Signature &sig);
/* The story chain article a (sequence number seq) joins: the chain of the most alike article
 * already in db that came before it (a lower sequence number), else a new one named by a's id.
 * `self` is a's own document (0 when new), never its own match. db may be several shards. */
std::string chain_of(const Xapian::Database &db, const dateline_article_t *a,
                     const Signature &sig, Xapian::docid self, unsigned long long seq);

/* ---- interface to code in lib/shards.cc ---- */

/* The sequence number of document did of db (value slot 10; its docid when it has none). */
unsigned long long seq_of(const Xapian::Database &db, Xapian::docid did);
/* A sequence number as value slot 10 holds it: 8 bytes, big-endian. */
std::string seq_value(unsigned long long n);
/* The sequence number a new article gets: the caller's (dateline_index_set_seq()), else the
 * index's counter; the counter moves past it. Inside a write. */
unsigned long long take_seq(dateline_index *idx);
/* Removes a folder and all it holds; best effort. */
void remove_tree(const std::string &dir);
/* The shards a stub file lists, as paths; empty for a plain index (lib/shards.cc). */
std::vector<std::string> shard_paths(const std::string &path);
/* A handle for guard()'s messages when no index is open. */
struct Scratch {
    dateline_index *idx = nullptr;
    explicit Scratch(const char *path)
    {
        idx = new dateline_index;
        idx->path = path;
    }
    ~Scratch()
    {
        files_free(idx->files); /* read by a settle (origins_as_typed()) */
        delete idx;
    }
    dateline_status_t fail(dateline_status_t st, char **message)
    {
        if (st != DATELINE_OK && message)
            *message = dl_strdup(dateline_index_message(idx));
        return st;
    }
};


/* ---- interface to code in lib/origins.cc ---- */

/* An origin as ORIGINS records it: "FILE", 0x1F and "KEY" (empty without a key). */
std::string origin_of(const dateline_article_t *a);
/* An ORIGINS entry as this version writes it, whichever version wrote it. */
std::string origin_now(const std::string &o);
/* The file of an ORIGINS entry. */
std::string origin_file(const std::string &o);
/* The XF term of an origin file, and the XW term of an origin (and as written before file and
 * key were kept apart). */
std::string file_term(const std::string &file);
std::string origin_term(const std::string &o);
std::string origin_term_before(const std::string &o);
/* The XF, XW and XO terms of an article's origins. */
void add_origin_terms(Xapian::Document &doc, const dateline_article_t *a);
enum dropped { DROPPED_NONE, DROPPED_SOME, DROPPED_ALL }; /* what drop_origins() took */
/* Takes the origins `gone` says are gone from document did (see origins.cc). */
dropped drop_origins(dateline_index *idx, Xapian::docid did,
                     const std::function<bool(const std::string &)> &gone);

/* ---- interface to code in lib/facets.cc ---- */

/* Day number (days since 1970-01-01) of a date sort key "YYYYMMDD...", into *out; false for a
 * value that is no such key. */
bool day_number(const std::string &key, long *out);
/* The value slot of a facet field, or Xapian::BAD_VALUENO. */
Xapian::valueno facet_slot(dateline_field_t f);

/* Counts timeline periods over every match (the matcher checks them all); its facets are
 * counted by Xapian's ValueCountMatchSpy, which remote shards run too. */
class FacetSpy : public Xapian::MatchSpy {
  public:
    struct Count {
        Xapian::valueno slot;
        std::map<std::string, size_t> n;
    };
    std::map<int, Count> facets;         // by field (counted by ValueCountMatchSpy)
    dateline_timeline_t period = DATELINE_TIMELINE_NONE;
    Xapian::valueno by = Xapian::BAD_VALUENO; // the slot of the series' field, if any
    std::map<std::string, size_t> by_all;     // its values over all matches
    struct Period {
        size_t n = 0;
        std::map<std::string, size_t> places, groups, by; // by: unless places or groups hold it
    };
    std::map<long, Period> periods;      // by number (dl_period::number)
    size_t undated = 0, coarser = 0;     // matches in no period, and why

    static void split(const std::string &v, std::map<std::string, size_t> &into,
                      size_t times = 1);
    const std::map<std::string, size_t> &by_counts(const Period &p) const;
    bool number(const std::string &key, long *out) const;
    void operator()(const Xapian::Document &doc, double) override;
};
/* Puts what the spy counted for query q into its results r: facets, timeline and series. */
void spy_results(const dateline_query *q, FacetSpy &spy, dateline_results *r);

/* ---- interface to code in lib/index-query.cc ---- */

/* A new query of the index's, from what build_query() made: the index owns it. */
dateline_query *hand_out(dateline_index *idx, const BuiltQuery &built);

} // namespace dl

#endif
