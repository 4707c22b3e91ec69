/* index.cc: the index, queries and results over Xapian; the only code that includes <xapian.h>.
 *
 * Here is the index schema, version 2. Change it only with a new version number: the version
 * is stored in the index and checked on open, so an old program never misreads a new index.
 *
 * Documents: one per article.
 *
 * Terms
 *   Q<id>          the article's id (16 hex digits), unique; how an article is found again.
 *                  An id a program set that is longer than 200 bytes: its first bytes, "#"
 *                  and 16 hex digits of its hash (Xapian terms end at 245 bytes)
 *   Z<stem>        words of the body, stemmed (English), with positions
 *   ZS<stem>       words of the title, stemmed, with positions. Plain query words search
 *                  both (QueryParser's default field maps to "" and "S"); title: only S.
 *                  Every word is stored stemmed only (STEM_ALL_Z rather than STEM_SOME's
 *                  raw and stemmed pair): half the postings, ~30% faster ingest, and a
 *                  phrase still matches word for word, on stems. The Z is what Xapian's
 *                  snippet code looks for to highlight stemmed words.
 *   XP<id>         place, from PLACE_IDS: a gazetteer id ("sy", "sy.07", "g170794") for the
 *                  place and every place it lies within (Raqqa -> Ar-Raqqah -> Syria -> Middle
 *                  East, Asia), or "=" and the key of a label the gazetteer does not know.
 *                  Not boolean: its wdf is the place's salience (summed up the hierarchy), so
 *                  place: ranks stories about a place above stories that mention it.
 *                                                           place:NAME (any spelling)
 *   XG<key>        group      (GROUPS): the group's name folded as the gazetteer folds
 *                  ("syriandemocraticforces"); built-in groups under their display name
 *                                                           group:NAME or ACRONYM
 *   XA<key>        an acronym the text uses (ACRONYMS), folded ("sdf"): group: finds a
 *                  story by an alias learned after the story went in
 *   XT<key>        topic      (TOPICS)                      topic:KEY
 *   XD<key>        dateline place (DATELINES)               dateline:KEY
 *   XS<key>        source (SOURCE)                          source:KEY
 *   XU<key>        author (AUTHOR), and XU<word> for each word of the key
 *                                                           author:KEY or author:WORD
 *   XC<key>        charset the text was read as (CHARSET)   charset:KEY
 *   XR<key>        how the text was repaired (REPAIRED), and XRyes or XRno for any
 *                                                           repaired:KEY, repaired:yes|no
 *   XK<key>        the story chain (STORY): the id of its first article   story:ID
 *   XF<path>       each file the article was read from (FILE and ORIGINS), cut and hashed
 *                  like an id when long: --delete-origin finds them by prefix. dateline-index
 *                  gives its canonical path (dateline_path_canonical(): absolute, its folder's
 *                  real path and its name), "-" for standard input
 *   XW<hex>        each origin, its file, 0x1F and its key hashed (16 hex digits): an
 *                  edited file finds what it gave before
 *   XO             the article was read from more than one origin (--stats)
 *   XM<b><hex>     band b (0-7) of the MinHash signature: four values hashed to 8 hex
 *                  digits; articles sharing a band are compared for a story chain
 *   Keys are made by dl_key_normalize() on both sides (lower case, spaces as '-', at most
 *   200 bytes), so a filter written any way meets the term.
 *
 * Values
 *   0  date sort key "YYYYMMDDHHMMSS" (time 000000 when unknown) where the article's date
 *      span starts (its day, or the first day of its month or year when that is all that is
 *      known); absent when undated. --sort newest|oldest sorts by it.
 *   6  where the date span ends: "YYYYMMDD235959" of its day, month or year (the time itself
 *      when known). date:A..B matches an article whose whole span lies within A..B.
 *   1  content fingerprint: 16 hex digits of dl_hash64 over the stored fields but id and
 *      origin. Equal fingerprint under the same id: the article is unchanged and not rewritten.
 *   2  facet values of places: the names of the places found and of the countries and
 *      first-level regions they lie in, joined by 0x1F
 *   3  facet values of groups (GROUPS), 4 of topics (TOPICS), 5 of datelines (DATELINES),
 *      each joined by 0x1F. Facets and timelines read these in a MatchSpy over all matches.
 *   9  the source (SOURCE), for the source facet
 *   7  the MinHash signature: 32 values of 4 bytes, big-endian (absent for texts of fewer
 *      than three words)
 *   8  the story chain (as XK): searches collapse on it to list each story once
 *   Slot 9 and the XU terms came with the query language's rewrite: an older index of schema
 *   2 has no author: filter or source facet until its articles are added again.
 *   Slots 7 and 8 and the terms XR, XK, XF, XW, XO and XM came after the first indexes of
 *   schema 2: in an index written before them, articles are their own stories and
 *   --delete-origin, --stats' origins and repaired: see only what was added since. Every
 *   reader of schema 2 reads both.
 *   Origins (the record's ORIGINS and the XW terms) were first "FILE:KEY", split at the last
 *   ':', which cut a URL key ("b/page.html:https" was the file): they are now the file, 0x1F
 *   and the key. Records and terms written before stay readable: an ORIGINS entry without
 *   0x1F is split by origin_split(), an edited file also looks up its XW term of before, and
 *   --delete-origin also takes an XF term whose path goes on after a ':'; an article whose
 *   origins change is written the new way.
 *   Paths were first recorded as they were typed ("a/x", "./a/x"): an article read again under
 *   its canonical path knows such an origin as its own (origins_as_typed() in files.cc: the
 *   longest tail of the path the index has as an XF term), and dateline-index
 *   --delete-origin tries the path as typed when its canonical path finds nothing.
 *
 * Document data: the article record of store.c (every field, zlib-compressed).
 *   Why there and not in a store beside the index: a document's data is written in the same
 *   Xapian transaction as its terms, so after a crash the text and the index can never
 *   disagree, one lookup by docid returns everything a result needs, and the index stays one
 *   folder to copy, compact (xapian-compact) or serve remotely (xapian-tcpsrv).
 *
 * Metadata
 *   dateline.schema   "2"; an index without it (and not empty) or with another value is refused
 *   dateline.alias.<acronym key>   the display name of the group a text defined the acronym
 *                  for ("Syrian Democratic Forces (SDF)"): the first definition wins
 *   dateline.aliases.<group key>   the acronym keys learned for that group, space-separated
 *   dateline.file.<path>   what the file at canonical path <path> was when it was last read
 *                  and what it gave, for a re-run to leave it unread if it has not changed:
 *                  "1 SIZE MTIME MTIME_NS HASH OPTIONS ARTICLES FORMAT REJECTED" (lib/files.cc
 *                  reads and writes them, in the batch's transaction after the file's
 *                  articles). An index without them (written before) reads every file once more.
 *
 * Every extern "C" function here runs its body inside guard(), which turns each kind of Xapian
 * exception, std::bad_alloc and anything else into a dateline_status_t and a message: no
 * exception ever reaches C.
 */
#include <config.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xapian.h>

#include "dl.h"
#include "gazetteer.h"
#include "index-int.h"

using namespace dl;

namespace {

const char SCHEMA_KEY[] = "dateline.schema";
const char SCHEMA_VERSION[] = "2"; /* 2: facet value slots 2-5 */
const int SAME_STORY = 24;        /* of 32 MinHashes equal (resemblance about 0.75 or more) */
const int BANDS = 8;              /* MinHash rows in bands of 4: a band term each */
const size_t BODY_SHINGLES = 30;  /* a body this long decides alone; a shorter one goes with
                                   * its headline (a dividend notice differs from another one
                                   * only in the company its headline names) */
const size_t MIN_SHINGLES = 8;    /* shorter texts join a chain only when identical */
const long CHAIN_DAYS = 3;        /* versions of a story are sent within this many days: the
                                   * same text a week later is a new report (a daily notice) */
const unsigned CHAIN_CANDIDATES = 200; /* articles looked at per add for a chain to join */
const char FACET_SEP = '\x1f';
const size_t DEFAULT_BATCH = 1000;
const size_t KEY_MAX = 200;
const size_t ID_MAX = 200;              /* longer ids are cut and hashed into the Q term */
const int OPEN_TRIES = 10;              /* opens of a revision a writer keeps replacing */
const char WRITER_FILE[] = "dateline.writer";

} // namespace

struct dateline_query;

struct dateline_index {
    Xapian::Database *db = nullptr;          // the database; a WritableDatabase in write mode
    Xapian::WritableDatabase *wdb = nullptr; // the same object when writable, else NULL
    std::string path;                        // folder, for messages
    std::string message;                     // why the last call failed
    size_t batch = DEFAULT_BATCH;            // articles per transaction
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
};

struct dateline_result {
    dateline_results *parent = nullptr;
    Xapian::MSetIterator it;               // its place in the parent's mset
    Xapian::docid did = 0;
    size_t rank = 0;
    double score = 0;
    dateline_article_t *article = nullptr; // decoded on first use
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
    std::string places;         // its commonest places, ";"-separated
    std::string groups;         // its commonest groups
    std::vector<size_t> series; // matches with each series value (dateline_results::series)
};

struct dateline_results {
    dateline_query *query = nullptr;
    Xapian::Enquire enq;      // what made mset: it knows which terms matched each document
    Xapian::MSet mset;
    size_t total = 0;
    size_t stories = 0;
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
    std::vector<dateline_results *> results; // result pages still alive
};

namespace {

/* Sorts undated articles last in both directions: an empty date becomes "~", after digits. */
class DateKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document &doc) const override
    {
        std::string v = doc.get_value(SLOT_DATE);
        return v.empty() ? std::string("~") : v;
    }
};

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

/* The process that holds the write lock of the index at `path`, as its WRITER_FILE says, when
 * that process is alive; else 0. Only asked when the lock is held, so a stale file left by a
 * killed writer is never believed: its process is gone, or the lock would not be held by
 * another. */
long writer_pid(const std::string &path)
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
        db.set_metadata(SCHEMA_KEY, SCHEMA_VERSION);
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

/* The Q term of an id. Ids we make are 16 hex digits; an id a program sets may be longer than
 * a Xapian term can be (245 bytes), so a long one is cut and its hash appended. */
std::string id_term(const char *id)
{
    size_t n = std::strlen(id);
    if (n <= ID_MAX)
        return std::string("Q") + id;
    size_t cut = ID_MAX - 17;
    while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    char hex[17];
    dl_hex64(dl_hash64(id, n, 0), hex);
    return "Q" + std::string(id, cut) + "#" + hex;
}

/* The XF term of an origin file: its path as given, cut and hashed like an id when long. */
std::string file_term(const std::string &file)
{
    std::string t = id_term(file.c_str());
    t[0] = 'F';
    return "X" + t;
}

/* Between an origin's file and key: a control character, which the readers clean out of
 * keys; a file name holding one (nothing else can) would be split at it. */
const char ORIGIN_SEP = '\x1f';

/* An origin as ORIGINS records it: "FILE", 0x1F and "KEY" (empty without a key). */
std::string origin_of(const dateline_article_t *a)
{
    const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
    const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
    return std::string(file ? file : "-") + ORIGIN_SEP + (key ? key : "");
}

/* Where an ORIGINS entry's file ends and its key begins (after this position). Records
 * written before file and key were kept apart hold "FILE:KEY", which the last ':' splits
 * right unless the key holds a ':': the one kind of key that does is a URL (an HTML page's
 * canonical address), so the entry splits at the first ':' followed by a URL scheme and
 * "://", and else at the last ':'. */
size_t origin_split(const std::string &o)
{
    size_t sep = o.find(ORIGIN_SEP);
    if (sep != std::string::npos)
        return sep;
    for (size_t c = o.find(':'); c != std::string::npos; c = o.find(':', c + 1)) {
        size_t s = c + 1;
        while (s < o.size() && (std::isalnum(static_cast<unsigned char>(o[s])) || o[s] == '+' ||
                                o[s] == '-' || o[s] == '.'))
            s++;
        if (s > c + 1 && std::isalpha(static_cast<unsigned char>(o[c + 1])) &&
            o.compare(s, 3, "://") == 0)
            return c;
    }
    size_t last = o.rfind(':');
    return last == std::string::npos ? o.size() : last;
}

/* The file of an ORIGINS entry. */
std::string origin_file(const std::string &o)
{
    return o.substr(0, origin_split(o));
}

/* The key of an ORIGINS entry ("" when it has none). */
std::string origin_key(const std::string &o)
{
    size_t at = origin_split(o);
    return at < o.size() ? o.substr(at + 1) : std::string();
}

/* An ORIGINS entry as this version writes it, whichever version wrote it. */
std::string origin_now(const std::string &o)
{
    return origin_file(o) + ORIGIN_SEP + origin_key(o);
}

/* The XW term of one origin: finds the article last read from there. */
std::string origin_term(const std::string &o)
{
    std::string n = origin_now(o);
    char hex[17];
    dl_hex64(dl_hash64(n.data(), n.size(), 3), hex);
    return std::string("XW") + hex;
}

/* The XW term an index written before file and key were kept apart has for an origin: the
 * hash of "FILE:KEY". */
std::string origin_term_before(const std::string &o)
{
    std::string n = origin_file(o) + ":" + origin_key(o);
    char hex[17];
    dl_hex64(dl_hash64(n.data(), n.size(), 3), hex);
    return std::string("XW") + hex;
}

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

template <typename F> dateline_status_t guard_inner(dateline_index *idx, F f);

/* Runs f, mapping every exception to a status and a message on idx. Nothing escapes: when even
 * the message cannot be made, the status is DATELINE_NO_MEMORY. */
template <typename F> dateline_status_t guard(dateline_index *idx, F f)
{
    try {
        return guard_inner(idx, f);
    } catch (...) {
        if (idx)
            idx->oom = "out of memory";
        return DATELINE_NO_MEMORY;
    }
}

template <typename F> dateline_status_t guard_inner(dateline_index *idx, F f)
{
    try {
        return f();
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

std::string key_of(const char *v)
{
    char *k = dl_key_normalize(v, KEY_MAX);
    if (!k)
        throw std::bad_alloc();
    try {
        std::string s(k);
        std::free(k);
        return s;
    } catch (...) { /* the copy failed */
        std::free(k);
        throw;
    }
}

/* Removes a child from its parent's list of children still alive. */
template <typename T> void forget(std::vector<T *> &children, T *child)
{
    children.erase(std::remove(children.begin(), children.end(), child), children.end());
}

dateline_status_t commit_txn(dateline_index *idx)
{
    if (idx->in_txn) {
        size_t n = idx->pending;
        if (idx->on_commit)
            idx->on_commit(idx->on_commit_ctx, 0, n);
        idx->in_txn = false;
        idx->pending = 0;
        idx->wdb->commit_transaction(); /* a flushed transaction: commits, synced unless asked */
        if (idx->on_commit)
            idx->on_commit(idx->on_commit_ctx, 1, n);
    }
    return DATELINE_OK;
}

} // namespace

static void abandon(dateline_index *idx, dateline_status_t st);

/* ---- opening and closing ---- */

extern "C" dateline_status_t dateline_index_open(const char *path, unsigned mode,
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
            if (stat(path, &sb) != 0)
                return set_message(idx, DATELINE_NOT_FOUND,
                                   std::string("no index at ") + path +
                                       ": build one with dateline-index --index " + path +
                                       " FILES...");
            /* a writer may commit twice while the first blocks are read: open again */
            for (int attempt = 1;; attempt++) {
                try {
                    idx->db = new Xapian::Database(path);
                    idx->db->get_metadata(SCHEMA_KEY);
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
        std::string v = idx->db->get_metadata(SCHEMA_KEY);
        if (v.empty() && idx->db->get_doccount() == 0) {
            if (idx->wdb) {
                idx->wdb->set_metadata(SCHEMA_KEY, SCHEMA_VERSION);
                idx->wdb->commit();
            }
        } else if (v.empty()) {
            return set_message(idx, DATELINE_VERSION,
                               std::string(path) + " is a Xapian database but not a Dateline "
                                                   "index: give another --index folder");
        } else if (v != SCHEMA_VERSION) {
            return set_message(idx, DATELINE_VERSION,
                               std::string("index ") + path + " has schema version " + v +
                                   ", this Dateline reads version " + SCHEMA_VERSION +
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
    dl::files_free(idx->files);
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

extern "C" dateline_status_t dateline_index_on_commit(dateline_index_t *idx,
                                                      dateline_commit_fn fn, void *ctx)
{
    if (!idx)
        return DATELINE_BAD_ARGUMENT;
    idx->on_commit = fn;
    idx->on_commit_ctx = ctx;
    return DATELINE_OK;
}

extern "C" const char *dateline_index_message(const dateline_index_t *idx)
{
    return !idx ? "no index" : idx->oom ? idx->oom : idx->message.c_str();
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
        return set_message(idx, DATELINE_BAD_ARGUMENT, "index is open read-only");
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

extern "C" dateline_status_t dateline_index_count(dateline_index_t *idx, size_t *out)
{
    if (!idx || !out)
        return DATELINE_BAD_ARGUMENT;
    return guard(idx, [&]() {
        *out = idx->db->get_doccount();
        return DATELINE_OK;
    });
}

/* ---- adding ---- */

std::string dl::folded(const std::string &s)
{
    char key[200];
    size_t n = dl_gaz_fold(s.data(), s.size(), key, sizeof key);
    return std::string(key, n);
}

const char dl::ALIAS_KEY[] = "dateline.alias.";
const char dl::ALIASES_KEY[] = "dateline.aliases.";

/* Remembers that a text defined an acronym ("Syrian Democratic Forces (SDF)"). */
static void learn_alias(dateline_index *idx, const dl_definition_t &d)
{
    std::string acr = folded(d.acronym), group = folded(d.name);
    if (acr.empty() || group.empty() || !idx->db->get_metadata(ALIAS_KEY + acr).empty())
        return;
    idx->wdb->set_metadata(ALIAS_KEY + acr, d.name);
    std::string list = idx->db->get_metadata(ALIASES_KEY + group);
    idx->wdb->set_metadata(ALIASES_KEY + group, list.empty() ? acr : list + " " + acr);
}

/* XP terms for each place of PLACE_IDS and the places it lies within; wdf is salience. */
static void add_place_terms(Xapian::Document &doc, const dateline_article_t *a)
{
    std::map<std::string, Xapian::termcount> wdf;
    std::vector<std::string> facet; /* places found, their countries and regions */
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS);
    for (size_t i = 0; i < n; i++) {
        const char *e = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        const char *sp = std::strrchr(e, ' ');
        std::string id(e, sp ? static_cast<size_t>(sp - e) : std::strlen(e));
        long sal = sp ? std::strtol(sp + 1, nullptr, 10) : 1;
        Xapian::termcount w = static_cast<Xapian::termcount>(sal > 0 ? sal : 1);
        if (id.empty())
            continue;
        if (id[0] == '=') {
            wdf[id.substr(0, KEY_MAX)] += w;
            facet.push_back(id.substr(1));
            continue;
        }
        /* the place and everything it lies within, each once */
        std::vector<int> todo{dl_gaz_find_id(id.c_str())}, seen;
        while (!todo.empty()) {
            int k = todo.back();
            todo.pop_back();
            if (k < 0 || std::find(seen.begin(), seen.end(), k) != seen.end())
                continue;
            const dl_place_t *pl = dl_gaz_place(k);
            if (seen.empty() || pl->kind == DL_COUNTRY || pl->kind == DL_HISTORICAL ||
                pl->kind == DL_ADMIN1)
                if (std::find(facet.begin(), facet.end(), pl->name) == facet.end())
                    facet.push_back(pl->name);
            seen.push_back(k);
            wdf[pl->id] += w;
            for (int j = 0; j < pl->nparents; j++)
                todo.push_back(pl->parents[j]);
        }
    }
    for (const auto &t : wdf)
        doc.add_term("XP" + t.first, t.second);
    std::string v;
    for (const std::string &f : facet)
        v += (v.empty() ? "" : std::string(1, FACET_SEP)) + f;
    if (!v.empty())
        doc.add_value(SLOT_PLACES, v);
}

/* The values of a list field joined for a facet slot. */
static std::string facet_value(const dateline_article_t *a, dateline_field_t f)
{
    std::string v;
    for (size_t i = 0; i < dateline_article_count(a, f); i++)
        v += (i ? std::string(1, FACET_SEP) : std::string()) + dateline_article_get_nth(a, f, i);
    return v;
}

static dateline_status_t add(dateline_index *idx, dateline_article_t *a, dateline_outcome_t *out,
                             const char *title, const char *body);

extern "C" dateline_status_t dateline_index_add(dateline_index_t *idx, dateline_article_t *a,
                                                dateline_outcome_t *out)
{
    if (!idx || !a)
        return DATELINE_BAD_ARGUMENT;
    if (!idx->wdb)
        return set_message(idx, DATELINE_BAD_ARGUMENT, "index is open read-only");
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    if (!title && !body && !dateline_article_get(a, DATELINE_FIELD_IDENTITY))
        return set_message(idx, DATELINE_BAD_ARGUMENT,
                           "article has no title, no body and no key of its source");
    if (idx->failed != DATELINE_OK)
        return set_message(idx, idx->failed, idx->failure);
    dateline_status_t st = add(idx, a, out, title, body);
    if (st != DATELINE_OK)
        abandon(idx, st);
    return st;
}

/* After a failed write nothing more is written: Xapian's state is not to be trusted, so the
 * batch is dropped and the index stays at its last commit, which a failing disk may not have
 * touched. Every later write reports the first failure. */
static void abandon(dateline_index *idx, dateline_status_t st)
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

/* Stores an article's record as a document's data; the encoded record is freed whatever
 * throws (the copy into a std::string, or Xapian). */
static void set_record(Xapian::Document &doc, const dateline_article_t *a)
{
    size_t len;
    uint64_t hash;
    char *rec = dl_store_encode(a, &len, &hash);
    if (!rec)
        throw std::bad_alloc();
    try {
        doc.set_data(std::string(rec, len));
    } catch (...) {
        std::free(rec);
        throw;
    }
    std::free(rec);
}

/* Opens the batch's transaction if it is not open yet. */
static void begin_write(dateline_index *idx)
{
    if (!idx->in_txn) {
        idx->wdb->begin_transaction(true);
        idx->in_txn = true;
    }
}

static bool day_number(const std::string &key, long *out);
enum dropped { DROPPED_NONE, DROPPED_SOME, DROPPED_ALL }; /* what drop_origins() took */
template <typename F> static dropped drop_origins(dateline_index *idx, Xapian::docid did, F gone);

static dateline_status_t add(dateline_index *idx, dateline_article_t *a, dateline_outcome_t *out,
                             const char *title, const char *body)
{
    return guard(idx, [&]() {
        uint64_t hash;
        /* The id comes from the article as its source gave it, before anything is derived
         * from it: a better gazetteer must not turn the same story into a new one. */
        if (!dateline_article_get(a, DATELINE_FIELD_ID)) {
            char id[17];
            if (!dl_store_fingerprint(a, &hash))
                throw std::bad_alloc();
            dl_article_make_id(a, hash, id);
            if (dl_article_put(a, DATELINE_FIELD_ID, id, 16) != DATELINE_OK)
                throw std::bad_alloc();
        }
        /* places and groups are found once: an article with PLACE_IDS has been through this */
        if (!dateline_article_count(a, DATELINE_FIELD_PLACE_IDS)) {
            dl_definition_t defs[16];
            size_t ndefs = 0;
            dateline_status_t st = dl_extract_places(a);
            if (st == DATELINE_OK)
                st = dl_extract_groups(a, defs, 16, &ndefs, nullptr, 0);
            if (st != DATELINE_OK)
                return set_message(idx, st, dateline_status_to_string(st));
            begin_write(idx);
            for (size_t i = 0; i < ndefs; i++)
                learn_alias(idx, defs[i]);
        }
        /* the fingerprint covers what was derived too: better extraction means "updated" */
        if (!dl_store_fingerprint(a, &hash))
            throw std::bad_alloc();
        char hex[17];
        dl_hex64(hash, hex);
        std::string idterm = id_term(dateline_article_get(a, DATELINE_FIELD_ID));

        Xapian::PostingIterator p = idx->db->postlist_begin(idterm);
        bool exists = p != idx->db->postlist_end(idterm);
        dateline_article_t *stored = nullptr;
        struct freer {
            dateline_article_t *&a;
            ~freer() { dateline_article_destroy(a); }
        } free_stored{stored};
        if (exists) {
            Xapian::Document old = idx->db->get_document(*p);
            /* the common case of a re-run, told without reading the record: the same content
             * already listed under this origin */
            if (old.get_value(SLOT_HASH) == hex) {
                std::string ot = origin_term(origin_of(a));
                Xapian::PostingIterator o = idx->db->postlist_begin(ot);
                if (o != idx->db->postlist_end(ot))
                    o.skip_to(*p);
                if (o != idx->db->postlist_end(ot) && *o == *p) {
                    if (out)
                        *out = DATELINE_UNCHANGED;
                    return DATELINE_OK;
                }
            }
            std::string data = old.get_data();
            if (dl_store_decode(data.data(), data.size(), &stored) == DATELINE_NO_MEMORY)
                throw std::bad_alloc();
            std::string origin = origin_of(a);
            /* an index written before origins were canonical knows it as it was typed */
            std::vector<std::string> spellings = origins_as_typed(idx, origin);
            spellings.push_back(origin);
            auto typed = [&](const std::string &o) {
                return std::find(spellings.begin(), spellings.end(), o) != spellings.end();
            };
            bool known = stored && typed(origin_of(stored));
            for (size_t i = 0; stored && !known &&
                               i < dateline_article_count(stored, DATELINE_FIELD_ORIGINS); i++)
                known = typed(origin_now(dateline_article_get_nth(stored, DATELINE_FIELD_ORIGINS, i)));
            if (old.get_value(SLOT_HASH) == hex && (known || !stored)) {
                if (out)
                    *out = DATELINE_UNCHANGED;
                return DATELINE_OK;
            }
            if (old.get_value(SLOT_HASH) == hex) {
                /* the same article from another file or record: it gains an origin */
                if (dl_article_put(stored, DATELINE_FIELD_ORIGINS, origin.data(), origin.size()) !=
                    DATELINE_OK)
                    throw std::bad_alloc();
                set_record(old, stored);
                old.add_boolean_term(file_term(origin_file(origin)));
                old.add_boolean_term(origin_term(origin));
                old.add_boolean_term("XO");
                begin_write(idx);
                idx->wdb->replace_document(*p, old);
                if (out)
                    *out = DATELINE_DUPLICATE;
                if (++idx->pending >= idx->batch)
                    commit_txn(idx);
                return DATELINE_OK;
            }
            /* changed: the new text replaces the old, and the other origins stay */
            std::string here = origin_of(a);
            for (size_t i = 0; stored && i < dateline_article_count(stored, DATELINE_FIELD_ORIGINS);
                 i++) {
                std::string o = origin_now(dateline_article_get_nth(stored, DATELINE_FIELD_ORIGINS, i));
                if (here != o &&
                    dl_article_put(a, DATELINE_FIELD_ORIGINS, o.data(), o.size()) != DATELINE_OK)
                    throw std::bad_alloc();
            }
            if (stored && origin_of(stored) != here) {
                std::string o = origin_of(stored);
                if (dl_article_put(a, DATELINE_FIELD_ORIGINS, o.data(), o.size()) != DATELINE_OK)
                    throw std::bad_alloc();
            }
        }

        /* The same file and record read before with other content (an edited file, a
         * changed row without an id): what was read from there is replaced. Standard input
         * and pipes (/dev/fd/63 for <(zcat ...)) are no place: each run's are new. */
        dateline_outcome_t fresh = DATELINE_ADDED;
        const char *from = dateline_article_get(a, DATELINE_FIELD_FILE);
        bool place = from && std::strcmp(from, "-") != 0 &&
                     std::strncmp(from, "/dev/", 5) != 0 && std::strncmp(from, "/proc/", 6) != 0;
        if (!exists && place) {
            std::string origin = origin_of(a);
            std::vector<Xapian::docid> before;
            /* an index written before file and key were kept apart has the old term, one
             * written before origins were canonical the path as it was typed */
            std::vector<std::string> spellings = origins_as_typed(idx, origin);
            spellings.push_back(origin);
            for (const std::string &sp : spellings)
                for (const std::string &ot : {origin_term(sp), origin_term_before(sp)})
                    for (Xapian::PostingIterator o = idx->db->postlist_begin(ot);
                         o != idx->db->postlist_end(ot); ++o)
                        before.push_back(*o);
            std::sort(before.begin(), before.end());
            before.erase(std::unique(before.begin(), before.end()), before.end());
            for (Xapian::docid d : before) {
                begin_write(idx);
                if (drop_origins(idx, d, [&](const std::string &x) {
                        return std::find(spellings.begin(), spellings.end(), x) !=
                               spellings.end();
                    }) == DROPPED_ALL)
                    fresh = DATELINE_UPDATED;
            }
        }
        /* The story chain: the chain of the most alike article already in, when their
         * MinHash signatures agree in SAME_STORY of 32 places, else a new chain named by this
         * article's id. Candidates share a band (4 rows) of the signature: pairs that alike
         * share one with probability 0.89 (resemblance 0.7), 0.985 (0.8), 0.9995 (0.9). */
        /* The body decides (a story re-sent under a new headline is the same story); a body
         * too short for that goes with its headline. */
        size_t shingles = 0;
        uint32_t sig[DL_MINHASHES];
        if (body)
            dl_minhash(body, sig, &shingles);
        if (shingles < BODY_SHINGLES) {
            std::string title_body = std::string(title ? title : "") + "\n" + (body ? body : "");
            dl_minhash(title_body.c_str(), sig, &shingles);
        }
        std::string sigbin; /* 4 bytes per value, big-endian */
        for (int k = 0; k < DL_MINHASHES; k++)
            for (int b = 3; b >= 0; b--)
                sigbin += static_cast<char>((sig[k] >> (8 * b)) & 0xFF);
        std::string chain = key_of(dateline_article_get(a, DATELINE_FIELD_ID));
        std::vector<std::string> bands;
        if (shingles) {
            const int rows = DL_MINHASHES / BANDS;
            for (int b = 0; b < BANDS; b++) {
                char t[16];
                uint64_t h = dl_hash64(sig + b * rows, rows * sizeof sig[0], (uint64_t)b);
                std::snprintf(t, sizeof t, "XM%d%08x", b, static_cast<unsigned>(h & 0xFFFFFFFF));
                bands.emplace_back(t);
            }
            /* the articles sharing a band, read straight from the band terms' postings (a
             * band term is rare: an Enquire costs more than the lists themselves) */
            std::vector<Xapian::docid> cands;
            for (const std::string &t : bands)
                for (Xapian::PostingIterator c = idx->db->postlist_begin(t);
                     c != idx->db->postlist_end(t) && cands.size() < CHAIN_CANDIDATES; ++c)
                    cands.push_back(*c);
            std::sort(cands.begin(), cands.end());
            cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
            int best = shingles < MIN_SHINGLES ? DL_MINHASHES - 1 : SAME_STORY - 1;
            const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
            long day = 0;
            bool dated = false;
            if (date) {
                dl_date_t dd;
                char key[15];
                if (dl_date_parse_iso(date, &dd) && dd.day) {
                    dl_date_sortkey(&dd, key);
                    dated = day_number(key, &day);
                }
            }
            for (Xapian::docid c : cands) {
                if (exists && c == *p)
                    continue; /* the article's own older version */
                Xapian::Document cd = idx->db->get_document(c);
                long cday;
                if (dated && day_number(cd.get_value(SLOT_DATE), &cday) &&
                    std::labs(cday - day) > CHAIN_DAYS)
                    continue;
                std::string v = cd.get_value(SLOT_MINHASH);
                if (v.size() != sigbin.size())
                    continue;
                int same = 0;
                for (int k = 0; k < DL_MINHASHES; k++)
                    same += v.compare(4 * k, 4, sigbin, 4 * k, 4) == 0;
                std::string other = cd.get_value(SLOT_CHAIN);
                if (same > best || (same == best && same >= SAME_STORY && other < chain)) {
                    best = same;
                    chain = other;
                }
            }
        }
        if (dl_article_put(a, DATELINE_FIELD_STORY, chain.data(), chain.size()) != DATELINE_OK)
            throw std::bad_alloc();

        Xapian::Document doc;
        set_record(doc, a); /* the record carries the id; freed even when Xapian throws */
        doc.add_boolean_term(idterm);
        doc.add_value(SLOT_HASH, hex);
        const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
        dl_date_t d;
        if (date && dl_date_parse_iso(date, &d)) {
            char key[15];
            dl_date_sortkey(&d, key);
            doc.add_value(SLOT_DATE, key);
            dl_date_endkey(&d, key);
            doc.add_value(SLOT_DATE_END, key);
        }
        if (shingles) {
            doc.add_value(SLOT_MINHASH, sigbin);
            for (const std::string &b : bands)
                doc.add_boolean_term(b);
        }
        doc.add_value(SLOT_CHAIN, chain);
        idx->tg.set_document(doc);
        if (title) {
            idx->tg.index_text(title, 1, "S");
            idx->tg.increase_termpos(); /* no phrase runs from the headline into the body */
        }
        if (body)
            idx->tg.index_text(body);
        add_place_terms(doc, a);
        static const std::pair<Xapian::valueno, dateline_field_t> facets[] = {
            {SLOT_GROUPS, DATELINE_FIELD_GROUPS}, {SLOT_TOPICS, DATELINE_FIELD_TOPICS},
            {SLOT_DATELINES, DATELINE_FIELD_DATELINES}, {SLOT_SOURCE, DATELINE_FIELD_SOURCE}};
        for (const auto &fs : facets) {
            std::string v = facet_value(a, fs.second);
            if (!v.empty())
                doc.add_value(fs.first, v);
        }
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_GROUPS); i++)
            doc.add_boolean_term("XG" + folded(dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i)));
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_ACRONYMS); i++)
            doc.add_boolean_term("XA" + folded(dateline_article_get_nth(a, DATELINE_FIELD_ACRONYMS, i)));
        const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
        if (file)
            doc.add_boolean_term(file_term(file));
        doc.add_boolean_term(origin_term(origin_of(a)));
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_ORIGINS); i++) {
            std::string o = dateline_article_get_nth(a, DATELINE_FIELD_ORIGINS, i);
            doc.add_boolean_term(file_term(origin_file(o)));
            doc.add_boolean_term(origin_term(o));
        }
        if (dateline_article_count(a, DATELINE_FIELD_ORIGINS))
            doc.add_boolean_term("XO");
        doc.add_boolean_term(dateline_article_get(a, DATELINE_FIELD_REPAIRED) ? "XRyes" : "XRno");
        for (size_t f = 0; f < dl_nfilters; f++) {
            if (dl_filters[f].field == DATELINE_FIELD_PLACE_IDS ||
                dl_filters[f].field == DATELINE_FIELD_GROUPS)
                continue;
            size_t n = dateline_article_count(a, dl_filters[f].field);
            for (size_t i = 0; i < n; i++) {
                std::string k = key_of(dateline_article_get_nth(a, dl_filters[f].field, i));
                if (!k.empty())
                    doc.add_boolean_term(dl_filters[f].prefix + k);
                if (dl_filters[f].flags & DL_FILTER_WORDS) /* author:smith finds "John Smith" */
                    for (const std::string &w : key_words(k))
                        doc.add_boolean_term(dl_filters[f].prefix + w);
            }
        }

        begin_write(idx);
        if (exists)
            idx->wdb->replace_document(*p, doc);
        else
            idx->wdb->add_document(doc);
        if (out)
            *out = exists ? DATELINE_UPDATED : fresh;
        if (++idx->pending >= idx->batch)
            commit_txn(idx);
        return DATELINE_OK;
    });
}

/* ---- deleting, and what the index holds ---- */

static dateline_status_t writable(dateline_index *idx)
{
    if (!idx->wdb)
        return set_message(idx, DATELINE_BAD_ARGUMENT, "index is open read-only");
    if (idx->failed != DATELINE_OK)
        return set_message(idx, idx->failed, idx->failure);
    return DATELINE_OK;
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

/* Whether an origin file lies at or under path. */
static bool under(const std::string &file, const std::string &path)
{
    if (file == path)
        return true;
    if (file.size() <= path.size() || file.compare(0, path.size(), path) != 0)
        return false;
    return path.back() == '/' || file[path.size()] == '/';
}

/* Takes the origins `gone` says are gone from document did (it is shown each as origin_of()
 * makes them): when none is left the document is deleted (DROPPED_ALL), else the first left
 * becomes its file and key (DROPPED_SOME); when none is gone nothing is written
 * (DROPPED_NONE). Rewrites the origins of a record from before file and key were kept apart
 * as they are now written. Inside a transaction. */
template <typename F>
static dropped drop_origins(dateline_index *idx, Xapian::docid did, F gone)
{
    Xapian::Document doc = idx->db->get_document(did);
    std::string data = doc.get_data();
    dateline_article_t *a = nullptr;
    if (dl_store_decode(data.data(), data.size(), &a) == DATELINE_NO_MEMORY)
        throw std::bad_alloc();
    struct freer {
        dateline_article_t *&p;
        ~freer() { dateline_article_destroy(p); }
    } free_a{a};
    std::vector<std::string> left; /* the origins that stay, first one first */
    std::string first = a ? origin_of(a) : std::string();
    if (a && !gone(first))
        left.push_back(first);
    for (size_t i = 0; a && i < dateline_article_count(a, DATELINE_FIELD_ORIGINS); i++) {
        std::string o = origin_now(dateline_article_get_nth(a, DATELINE_FIELD_ORIGINS, i));
        if (!gone(o))
            left.push_back(o);
    }
    if (left.empty()) {
        idx->wdb->delete_document(did);
        return DROPPED_ALL;
    }
    if (left.size() == 1 + dateline_article_count(a, DATELINE_FIELD_ORIGINS))
        return DROPPED_NONE;
    /* the first origin left becomes the article's file and key */
    const std::string &o = left[0];
    std::string f = origin_file(o), k = origin_key(o);
    if (dl_article_put(a, DATELINE_FIELD_FILE, f.data(), f.size()) != DATELINE_OK ||
        dl_article_put(a, DATELINE_FIELD_KEY, k.empty() ? nullptr : k.data(), k.size()) !=
            DATELINE_OK)
        throw std::bad_alloc();
    dl_article_clear_field(a, DATELINE_FIELD_ORIGINS);
    for (size_t i = 1; i < left.size(); i++)
        if (dl_article_put(a, DATELINE_FIELD_ORIGINS, left[i].data(), left[i].size()) !=
            DATELINE_OK)
            throw std::bad_alloc();
    set_record(doc, a);
    std::vector<std::string> drop;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if ((*t).compare(0, 2, "XF") == 0 || (*t).compare(0, 2, "XW") == 0)
            drop.push_back(*t);
    for (const std::string &t : drop)
        doc.remove_term(t);
    for (const std::string &l : left) {
        doc.add_boolean_term(file_term(origin_file(l)));
        doc.add_boolean_term(origin_term(l));
    }
    if (left.size() < 2) {
        try {
            doc.remove_term("XO");
        } catch (const Xapian::InvalidArgumentError &) {
        }
    }
    idx->wdb->replace_document(did, doc);
    return DROPPED_SOME;
}

extern "C" dateline_status_t dateline_index_delete_origin(dateline_index_t *idx, const char *path,
                                                          size_t *deleted, size_t *kept)
{
    if (deleted)
        *deleted = 0;
    if (kept)
        *kept = 0;
    if (!idx || !path || !*path)
        return DATELINE_BAD_ARGUMENT;
    dateline_status_t st = writable(idx);
    if (st != DATELINE_OK)
        return st;
    st = guard(idx, [&]() {
        std::string want(path);
        std::string exact = file_term(want);
        /* every XF term that names the path or a file under it; a long path's term is cut and
         * hashed, so it is matched by its exact term */
        std::vector<Xapian::docid> docs;
        std::string prefix = "XF" + want.substr(0, std::min(want.size(), ID_MAX - 17));
        for (Xapian::TermIterator t = idx->db->allterms_begin(prefix);
             t != idx->db->allterms_end(prefix); ++t) {
            std::string term = *t;
            /* an index written before file and key were kept apart may have "FILE:KEY-START"
             * (an HTML page's "b/page.html:https"): its file is that up to the ':' */
            if (term != exact && !under(term.substr(2), want) &&
                !under(term.substr(2, term.find(':', 2) - 2), want))
                continue;
            for (Xapian::PostingIterator p = idx->db->postlist_begin(term);
                 p != idx->db->postlist_end(term); ++p)
                docs.push_back(*p);
        }
        std::sort(docs.begin(), docs.end());
        docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
        for (Xapian::docid did : docs) {
            begin_write(idx);
            dropped d = drop_origins(idx, did,
                                     [&](const std::string &o) { return under(origin_file(o), want); });
            if (d == DROPPED_ALL && deleted)
                (*deleted)++;
            else if (d == DROPPED_SOME && kept)
                (*kept)++;
            if (++idx->pending >= idx->batch)
                commit_txn(idx);
        }
        files_forget_under(idx, want); /* read again, they are new */
        return DATELINE_OK;
    });
    if (st != DATELINE_OK)
        abandon(idx, st);
    return st;
}

static unsigned long long folder_bytes(const std::string &path)
{
    unsigned long long n = 0;
    DIR *d = opendir(path.c_str());
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != nullptr) {
        struct stat sb;
        std::string f = path + "/" + e->d_name;
        if (e->d_name[0] != '.' && stat(f.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))
            n += static_cast<unsigned long long>(sb.st_size);
    }
    closedir(d);
    return n;
}

static void iso_of_key(const std::string &key, char out[20])
{
    out[0] = '\0';
    if (key.size() >= 8)
        std::snprintf(out, 20, "%.4s-%.2s-%.2s", key.data(), key.data() + 4, key.data() + 6);
}

extern "C" dateline_status_t dateline_index_stats(dateline_index_t *idx, dateline_stats_t *out)
{
    if (!idx || !out)
        return DATELINE_BAD_ARGUMENT;
    std::memset(out, 0, sizeof *out);
    return guard(idx, [&]() {
        out->articles = idx->db->get_doccount();
        out->dated = idx->db->get_value_freq(SLOT_DATE);
        if (out->dated) {
            /* Xapian's value bounds are not narrowed by deletions: the ends are looked up */
            Xapian::Enquire enq(*idx->db);
            enq.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, SLOT_DATE, "0"));
            enq.set_weighting_scheme(Xapian::BoolWeight());
            for (int last = 0; last < 2; last++) {
                enq.set_sort_by_value(SLOT_DATE, last == 1);
                Xapian::MSet m = enq.get_mset(0, 1);
                if (!m.empty())
                    iso_of_key(m.begin().get_document().get_value(SLOT_DATE),
                               last ? out->last : out->first);
            }
        }
        for (Xapian::TermIterator t = idx->db->allterms_begin("XF");
             t != idx->db->allterms_end("XF"); ++t)
            out->origins++;
        out->copies = idx->db->get_termfreq("XO");
        out->repaired = idx->db->get_termfreq("XRyes");
        out->bytes = folder_bytes(idx->path);
        return DATELINE_OK;
    });
}

extern "C" const char *dateline_index_value(dateline_index_t *idx, dateline_field_t field,
                                            size_t i, size_t *count)
{
    if (count)
        *count = 0;
    if (!idx)
        return nullptr;
    const char *prefix = nullptr;
    for (size_t f = 0; f < dl_nfilters; f++)
        if (dl_filters[f].field == field && field != DATELINE_FIELD_PLACE_IDS &&
            field != DATELINE_FIELD_GROUPS)
            prefix = dl_filters[f].prefix;
    if (!prefix)
        return nullptr;
    if (i == 0 || idx->values_field != (int)field) {
        dateline_status_t st = guard(idx, [&]() {
            idx->values.clear();
            idx->values_field = -1;
            for (Xapian::TermIterator t = idx->db->allterms_begin(prefix);
                 t != idx->db->allterms_end(prefix); ++t) {
                std::string v = (*t).substr(std::strlen(prefix));
                if (field == DATELINE_FIELD_REPAIRED && (v == "yes" || v == "no"))
                    continue;
                idx->values.emplace_back(v, t.get_termfreq());
            }
            std::stable_sort(idx->values.begin(), idx->values.end(),
                             [](const std::pair<std::string, size_t> &x,
                                const std::pair<std::string, size_t> &y) {
                                 return x.second > y.second;
                             });
            idx->values_field = (int)field;
            return DATELINE_OK;
        });
        if (st != DATELINE_OK)
            return nullptr;
    }
    if (i >= idx->values.size())
        return nullptr;
    if (count)
        *count = idx->values[i].second;
    return idx->values[i].first.c_str();
}

/* ---- reading one article ---- */

static dateline_status_t decode_doc(dateline_index *idx, const Xapian::Document &doc,
                                    dateline_article_t **out)
{
    std::string data = doc.get_data();
    dateline_status_t st = dl_store_decode(data.data(), data.size(), out);
    if (st == DATELINE_CORRUPT)
        return set_message(idx, st,
                           "stored article " + std::to_string(doc.get_docid()) + " in index " +
                               idx->path + " is damaged: rebuild the index from the sources");
    if (st != DATELINE_OK)
        return set_message(idx, st, dateline_status_to_string(st));
    return st;
}

extern "C" dateline_status_t dateline_index_get(dateline_index_t *idx, const char *id,
                                                dateline_article_t **out)
{
    if (!idx || !id || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    return guard(idx, [&]() {
        std::string term = id_term(id);
        Xapian::PostingIterator p = idx->db->postlist_begin(term);
        if (p == idx->db->postlist_end(term))
            return set_message(idx, DATELINE_NOT_FOUND,
                               std::string("no article with id ") + id + " in " + idx->path);
        return decode_doc(idx, idx->db->get_document(*p), out);
    });
}

/* ---- queries ---- */

/* A new query of the index's, from what build_query() made: the index owns it until
 * dateline_query_destroy(). Throws std::bad_alloc, leaking nothing. */
static dateline_query *hand_out(dateline_index *idx, const BuiltQuery &built)
{
    dateline_query *q = new dateline_query;
    q->index = idx;
    try {
        q->q = built.query;
        q->wildcards = built.wildcards;
        q->proximity = built.proximity;
        q->description = q->q.get_description();
        idx->queries.push_back(q);
    } catch (...) {
        delete q;
        throw;
    }
    return q;
}

extern "C" dateline_status_t dateline_query_new(dateline_index_t *idx, const char *text,
                                                dateline_query_t **out)
{
    if (!idx || !text || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    dl_qnode_t *tree = nullptr;
    char *msg = nullptr;
    dateline_status_t st = dl_query_parse(text, &tree, &msg);
    if (st != DATELINE_OK) {
        set_message(idx, st, msg ? msg : dateline_status_to_string(st));
        std::free(msg);
        return st;
    }
    st = guard(idx, [&]() {
        BuiltQuery built;
        build_query(tree, *idx->db, idx->stem, built);
        if (!built.error.empty())
            return set_message(idx, DATELINE_QUERY_SYNTAX, built.error);
        *out = hand_out(idx, built);
        return DATELINE_OK;
    });
    dl_qnode_free(tree);
    return st;
}

extern "C" void dateline_query_destroy(dateline_query_t *q)
{
    if (!q)
        return;
    while (!q->results.empty())
        dateline_results_destroy(q->results.back());
    forget(q->index->queries, q);
    delete q;
}

extern "C" dateline_status_t dateline_query_set_sort(dateline_query_t *q, dateline_sort_t sort)
{
    if (!q || sort < DATELINE_SORT_RELEVANCE || sort > DATELINE_SORT_RECENT)
        return DATELINE_BAD_ARGUMENT;
    q->sort = sort;
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_query_set_half_life(dateline_query_t *q, double days,
                                                          double weight)
{
    if (!q || !(days > 0) || !(weight > 0))
        return DATELINE_BAD_ARGUMENT;
    q->half_life = days;
    q->recency_weight = weight;
    return DATELINE_OK;
}

extern "C" const char *dateline_query_describe(dateline_query_t *q)
{
    return q ? q->description.c_str() : "";
}

/* Day number (days since 1970-01-01) of a date sort key "YYYYMMDD...", into *out; false for a
 * value that is no such key (a damaged index): nothing here throws on bad values. */
static bool day_number(const std::string &key, long *out)
{
    if (key.size() < 8)
        return false;
    long f[3] = {0, 0, 0};
    const int at[3] = {0, 4, 6}, len[3] = {4, 2, 2};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < len[i]; k++) {
            char c = key[static_cast<size_t>(at[i] + k)];
            if (c < '0' || c > '9')
                return false;
            f[i] = f[i] * 10 + (c - '0');
        }
    long y = f[0], m = f[1], d = f[2];
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    *out = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return true;
}

/* The date "YYYY-MM-DD" of a day number. */
static std::string civil_date(long days)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
    return buf;
}

/* Floor division, for day numbers before 1970. */
static long floor_div(long a, long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The label of period `number` of a timeline by `period` (dl_period::number). */
static std::string period_label(dateline_timeline_t period, long number)
{
    char buf[64];
    switch (period) {
    case DATELINE_TIMELINE_DAY: return civil_date(number);
    case DATELINE_TIMELINE_WEEK: return civil_date(number * 7 + 4); /* day 4 was a Monday */
    case DATELINE_TIMELINE_MONTH:
        std::snprintf(buf, sizeof buf, "%04ld-%02ld", floor_div(number, 12),
                      number - floor_div(number, 12) * 12 + 1);
        return buf;
    default:
        std::snprintf(buf, sizeof buf, "%04ld", number);
        return buf;
    }
}

/* Counts facet values and timeline periods over every match (the matcher checks them all). */
class FacetSpy : public Xapian::MatchSpy {
  public:
    struct Count {
        Xapian::valueno slot;
        std::map<std::string, size_t> n;
    };
    std::map<int, Count> facets;         // by field
    dateline_timeline_t period = DATELINE_TIMELINE_NONE;
    Xapian::valueno by = Xapian::BAD_VALUENO; // the slot of the series' field, if any
    std::map<std::string, size_t> by_all;     // its values over all matches
    struct Period {
        size_t n = 0;
        std::map<std::string, size_t> places, groups, by; // by: unless places or groups hold it
    };
    std::map<long, Period> periods;      // by number (dl_period::number)
    size_t undated = 0, coarser = 0;     // matches in no period, and why

    /* Counts each value of a facet slot once: a count is of matches that have the value. */
    static void split(const std::string &v, std::map<std::string, size_t> &into)
    {
        std::vector<std::string> seen;
        for (size_t p = 0; p < v.size();) {
            size_t e = v.find(FACET_SEP, p);
            if (e == std::string::npos)
                e = v.size();
            if (e > p)
                seen.push_back(v.substr(p, e - p));
            p = e + 1;
        }
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        for (const std::string &s : seen)
            into[s]++;
    }

    /* The counts of the series' field in a period. */
    const std::map<std::string, size_t> &by_counts(const Period &p) const
    {
        return by == SLOT_PLACES ? p.places : by == SLOT_GROUPS ? p.groups : p.by;
    }

    /* The number of the period a date sort key "YYYYMMDD..." falls in, into *out; false for a
     * value that is no date key (a damaged index). */
    bool number(const std::string &key, long *out) const
    {
        long days;
        if (!day_number(key, &days))
            return false;
        long y = std::atol(key.substr(0, 4).c_str()), m = std::atol(key.substr(4, 2).c_str());
        switch (period) {
        case DATELINE_TIMELINE_DAY: *out = days; return true;
        case DATELINE_TIMELINE_WEEK: *out = floor_div(days - 4, 7); return true;
        case DATELINE_TIMELINE_MONTH: *out = y * 12 + m - 1; return true;
        default: *out = y; return true;
        }
    }

    void operator()(const Xapian::Document &doc, double) override
    {
        for (auto &f : facets)
            split(doc.get_value(f.second.slot), f.second.n);
        if (period == DATELINE_TIMELINE_NONE)
            return;
        if (by != Xapian::BAD_VALUENO)
            split(doc.get_value(by), by_all);
        std::string start = doc.get_value(SLOT_DATE), stop = doc.get_value(SLOT_DATE_END);
        long n;
        if (!number(start, &n)) { /* undated, or a date no one can read */
            undated++;
            return;
        }
        /* a story known only to its month has no day or week; its month or year it has */
        size_t len = period == DATELINE_TIMELINE_DAY || period == DATELINE_TIMELINE_WEEK ? 8
                     : period == DATELINE_TIMELINE_MONTH ? 6 : 4;
        if (start.compare(0, len, stop, 0, len) != 0) {
            coarser++;
            return;
        }
        Period &p = periods[n];
        p.n++;
        split(doc.get_value(SLOT_PLACES), p.places);
        split(doc.get_value(SLOT_GROUPS), p.groups);
        if (by != Xapian::BAD_VALUENO && by != SLOT_PLACES && by != SLOT_GROUPS)
            split(doc.get_value(by), p.by);
    }
};

/* The `top` commonest of counts, most frequent first, ties by value. */
static std::vector<std::pair<std::string, size_t>> commonest(const std::map<std::string, size_t> &c,
                                                             size_t top)
{
    std::vector<std::pair<std::string, size_t>> v(c.begin(), c.end());
    std::sort(v.begin(), v.end(), [](const std::pair<std::string, size_t> &x,
                                     const std::pair<std::string, size_t> &y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (v.size() > top)
        v.resize(top);
    return v;
}

static Xapian::valueno facet_slot(dateline_field_t f)
{
    switch (f) {
    case DATELINE_FIELD_PLACES: return SLOT_PLACES;
    case DATELINE_FIELD_GROUPS: return SLOT_GROUPS;
    case DATELINE_FIELD_TOPICS: return SLOT_TOPICS;
    case DATELINE_FIELD_DATELINES: return SLOT_DATELINES;
    case DATELINE_FIELD_SOURCE: return SLOT_SOURCE;
    default: return Xapian::BAD_VALUENO;
    }
}

/* DATELINE_SORT_RECENT: a weight that halves every half-life back from the newest story. */
class Recency : public Xapian::ValuePostingSource {
    double weight, half_life;
    long newest = 0;

  public:
    Recency(double w, double hl) : Xapian::ValuePostingSource(SLOT_DATE), weight(w), half_life(hl) {}
    void init(const Xapian::Database &database) override
    {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(weight);
        if (!day_number(database.get_value_upper_bound(SLOT_DATE), &newest))
            newest = 0;
    }
    double get_weight() const override
    {
        long day;
        if (!day_number(get_value(), &day))
            return 0;
        long age = newest - day;
        return weight * std::exp2(-(age > 0 ? static_cast<double>(age) : 0.0) / half_life);
    }
    Recency *clone() const override { return new Recency(weight, half_life); }
    std::string name() const override { return "DatelineRecency"; }
};

static DateKey date_key; /* stateless, so one serves every query and thread */

static void configure(dateline_query *q, Xapian::Enquire &enq, DateKey &key)
{
    if (q->sort == DATELINE_SORT_RECENT) {
        /* the source is reference-counted and goes with the query */
        Xapian::Query bonus((new Recency(q->recency_weight, q->half_life))->release());
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, bonus));
        return;
    }
    enq.set_query(q->q);
    /* Undated articles come last either way: an empty value sorts lowest, so newest-first can
     * sort on the value itself, while oldest-first goes through DateKey's "~". */
    if (q->sort == DATELINE_SORT_NEWEST)
        enq.set_sort_by_value_then_relevance(SLOT_DATE, true);
    else if (q->sort == DATELINE_SORT_OLDEST)
        enq.set_sort_by_key_then_relevance(&key, false);
}

extern "C" dateline_status_t dateline_query_count(dateline_query_t *q, size_t *out)
{
    if (!q || !out)
        return DATELINE_BAD_ARGUMENT;
    return guard(q->index, [&]() {
        Xapian::Enquire enq(*q->index->db);
        enq.set_query(q->q);
        enq.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::doccount all = q->index->db->get_doccount();
        Xapian::MSet m = enq.get_mset(0, 0, all);
        *out = m.get_matches_estimated();
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_query_run(dateline_query_t *q, size_t offset, size_t limit,
                                                dateline_results_t **out)
{
    if (!q || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    return guard(q->index, [&]() {
        Xapian::doccount all = q->index->db->get_doccount();
        dateline_results *r = new dateline_results{q, Xapian::Enquire(*q->index->db), {}, 0, 0, {}, {},
                                                    DATELINE_TIMELINE_NONE, 0, 0,
                                                    DATELINE_FIELD_COUNT_, {}, {}, {}};
        try {
            configure(q, r->enq, date_key);
            if (!q->all_versions)
                r->enq.set_collapse_key(SLOT_CHAIN);
            FacetSpy spy;
            for (const auto &f : q->facets)
                spy.facets[f.first] = FacetSpy::Count{facet_slot(f.first), {}};
            spy.period = q->timeline;
            if (q->by_top)
                spy.by = facet_slot(q->by);
            if (!q->facets.empty() || q->timeline != DATELINE_TIMELINE_NONE)
                r->enq.add_matchspy(&spy);

            /* Every match is looked at when the counts come from this pass or spies need
             * them all; a list of stories (counted by a weightless pass below) needs only
             * enough matches to fill the page, and collapsing is cheaper for that. */
            bool spies = !q->facets.empty() || q->timeline != DATELINE_TIMELINE_NONE;
            r->mset = r->enq.get_mset(static_cast<Xapian::doccount>(offset),
                                      static_cast<Xapian::doccount>(limit),
                                      q->all_versions || spies ? all : 0);
            r->enq.clear_matchspies();
            for (const auto &f : q->facets)
                r->facets[f.first] = commonest(spy.facets[f.first].n, f.second);
            r->period = q->timeline;
            r->undated = spy.undated;
            r->coarser = spy.coarser;
            if (q->timeline != DATELINE_TIMELINE_NONE && q->by_top) {
                r->by = q->by;
                r->series = commonest(spy.by_all, q->by_top);
            }
            for (const auto &p : spy.periods) {
                dl_period d;
                d.number = p.first;
                d.label = period_label(q->timeline, p.first);
                d.count = p.second.n;
                for (const auto &v : commonest(p.second.places, 3))
                    d.places += (d.places.empty() ? "" : ";") + v.first;
                for (const auto &v : commonest(p.second.groups, 3))
                    d.groups += (d.groups.empty() ? "" : ";") + v.first;
                const std::map<std::string, size_t> &by = spy.by_counts(p.second);
                for (const auto &v : r->series) {
                    auto it = by.find(v.first);
                    d.series.push_back(it == by.end() ? 0 : it->second);
                }
                r->timeline.push_back(d);
            }
            /* The count of articles is exact: when the list is of stories, a weightless pass
             * counts the articles (Xapian's count of collapsed matches is an estimate). The
             * count of stories is made when asked for (dateline_results_stories()). */
            if (q->all_versions) {
                r->total = r->mset.get_matches_estimated();
            } else {
                Xapian::Enquire ce(*q->index->db);
                ce.set_query(q->q);
                ce.set_weighting_scheme(Xapian::BoolWeight());
                r->total = ce.get_mset(0, 0, all).get_matches_estimated();
            }
            r->stories = SIZE_MAX;
            size_t i = 0;
            for (Xapian::MSetIterator it = r->mset.begin(); it != r->mset.end(); ++it, ++i) {
                dateline_result res;
                res.parent = r;
                res.it = it;
                res.did = *it;
                res.rank = offset + i + 1;
                res.score = it.get_weight();
                r->items.push_back(res);
            }
            q->results.push_back(r);
        } catch (...) {
            delete r;
            throw;
        }
        *out = r;
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_query_add_facet(dateline_query_t *q, dateline_field_t f,
                                                      size_t top)
{
    if (!q || facet_slot(f) == Xapian::BAD_VALUENO || top == 0)
        return DATELINE_BAD_ARGUMENT;
    for (auto &have : q->facets)
        if (have.first == f) {
            have.second = top;
            return DATELINE_OK;
        }
    try {
        q->facets.emplace_back(f, top);
    } catch (...) {
        return DATELINE_NO_MEMORY;
    }
    return DATELINE_OK;
}

extern "C" dateline_status_t dateline_query_set_timeline(dateline_query_t *q,
                                                         dateline_timeline_t period)
{
    if (!q || period < DATELINE_TIMELINE_NONE || period > DATELINE_TIMELINE_YEAR)
        return DATELINE_BAD_ARGUMENT;
    q->timeline = period;
    return DATELINE_OK;
}

extern "C" size_t dateline_results_facet_size(const dateline_results_t *r, dateline_field_t f)
{
    if (!r)
        return 0;
    auto it = r->facets.find(f);
    return it == r->facets.end() ? 0 : it->second.size();
}

extern "C" const char *dateline_results_facet_get(const dateline_results_t *r,
                                                  dateline_field_t f, size_t i, size_t *count)
{
    if (!r)
        return nullptr;
    auto it = r->facets.find(f);
    if (it == r->facets.end() || i >= it->second.size())
        return nullptr;
    if (count)
        *count = it->second[i].second;
    return it->second[i].first.c_str();
}

extern "C" dateline_status_t dateline_query_set_timeline_by(dateline_query_t *q,
                                                            dateline_field_t field, size_t top)
{
    if (!q || (top && facet_slot(field) == Xapian::BAD_VALUENO))
        return DATELINE_BAD_ARGUMENT;
    q->by = field;
    q->by_top = top;
    return DATELINE_OK;
}

extern "C" size_t dateline_results_timeline_size(const dateline_results_t *r)
{
    if (!r || r->timeline.empty())
        return 0;
    return static_cast<size_t>(r->timeline.back().number - r->timeline.front().number) + 1;
}

/* The stored period i of the timeline (from its first), or NULL when it has no matches. */
static const dl_period *period_at(const dateline_results_t *r, size_t i)
{
    long number = r->timeline.front().number + static_cast<long>(i);
    auto it = std::lower_bound(r->timeline.begin(), r->timeline.end(), number,
                               [](const dl_period &p, long n) { return p.number < n; });
    return it != r->timeline.end() && it->number == number ? &*it : nullptr;
}

extern "C" const char *dateline_results_timeline_get(const dateline_results_t *r, size_t i,
                                                     size_t *count, const char **places,
                                                     const char **groups)
{
    if (i >= dateline_results_timeline_size(r))
        return nullptr;
    const dl_period *p = period_at(r, i);
    if (!p) {
        try {
            r->label = period_label(r->period, r->timeline.front().number + static_cast<long>(i));
        } catch (...) { /* labels fit in std::string's own buffer, so nothing allocates and
                         * nothing throws; but no exception may reach C */
            return nullptr;
        }
    }
    if (count)
        *count = p ? p->count : 0;
    if (places)
        *places = p ? p->places.c_str() : "";
    if (groups)
        *groups = p ? p->groups.c_str() : "";
    return p ? p->label.c_str() : r->label.c_str();
}

extern "C" size_t dateline_results_timeline_undated(const dateline_results_t *r)
{
    return r ? r->undated : 0;
}

extern "C" size_t dateline_results_timeline_coarser(const dateline_results_t *r)
{
    return r ? r->coarser : 0;
}

extern "C" dateline_field_t dateline_results_series_field(const dateline_results_t *r)
{
    return r && !r->series.empty() ? r->by : DATELINE_FIELD_COUNT_;
}

extern "C" size_t dateline_results_series_size(const dateline_results_t *r)
{
    return r ? r->series.size() : 0;
}

extern "C" const char *dateline_results_series_get(const dateline_results_t *r, size_t s,
                                                   size_t *count)
{
    if (!r || s >= r->series.size())
        return nullptr;
    if (count)
        *count = r->series[s].second;
    return r->series[s].first.c_str();
}

extern "C" size_t dateline_results_series_count(const dateline_results_t *r, size_t s, size_t i)
{
    if (!r || s >= r->series.size() || i >= dateline_results_timeline_size(r))
        return 0;
    const dl_period *p = period_at(r, i);
    return p ? p->series[s] : 0;
}

extern "C" void dateline_results_destroy(dateline_results_t *r)
{
    if (!r)
        return;
    for (auto &res : r->items)
        dateline_article_destroy(res.article);
    forget(r->query->results, r);
    delete r;
}

extern "C" size_t dateline_results_total(const dateline_results_t *r) { return r ? r->total : 0; }

extern "C" size_t dateline_results_stories(const dateline_results_t *cr)
{
    if (!cr)
        return 0;
    dateline_results *r = const_cast<dateline_results *>(cr);
    if (r->stories != SIZE_MAX)
        return r->stories;
    /* the distinct chains among all the matches, counted by a spy on the chain slot in a
     * weightless pass (documents without a chain count one each) */
    dateline_status_t st = guard(r->query->index, [&]() {
        Xapian::Enquire ce(*r->query->index->db);
        ce.set_query(r->query->q);
        ce.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy chains(SLOT_CHAIN);
        ce.add_matchspy(&chains);
        ce.get_mset(0, 0, r->query->index->db->get_doccount());
        size_t seen = chains.get_total(), chained = 0, distinct = 0;
        for (Xapian::TermIterator v = chains.values_begin(); v != chains.values_end(); ++v) {
            distinct++;
            chained += v.get_termfreq();
        }
        r->stories = distinct + (seen - std::min(chained, seen));
        return DATELINE_OK;
    });
    return st == DATELINE_OK ? r->stories : r->total;
}

extern "C" dateline_status_t dateline_query_set_all_versions(dateline_query_t *q, int all)
{
    if (!q)
        return DATELINE_BAD_ARGUMENT;
    q->all_versions = all != 0;
    return DATELINE_OK;
}

extern "C" size_t dateline_result_versions(const dateline_result_t *res)
{
    if (!res)
        return 0;
    size_t n = 1;
    dateline_status_t st = guard(res->parent->query->index, [&]() {
        std::string chain = res->parent->query->index->db->get_document(res->did).get_value(SLOT_CHAIN);
        if (!chain.empty())
            n = std::max<size_t>(1, res->parent->query->index->db->get_termfreq("XK" + chain));
        return DATELINE_OK;
    });
    return st == DATELINE_OK ? n : 1;
}

extern "C" size_t dateline_results_size(const dateline_results_t *r)
{
    return r ? r->items.size() : 0;
}

extern "C" dateline_result_t *dateline_results_get(dateline_results_t *r, size_t i)
{
    return r && i < r->items.size() ? &r->items[i] : nullptr;
}

extern "C" size_t dateline_result_rank(const dateline_result_t *res) { return res ? res->rank : 0; }

extern "C" double dateline_result_score(const dateline_result_t *res)
{
    return res ? res->score : 0.0;
}

extern "C" dateline_status_t dateline_result_article(dateline_result_t *res,
                                                     const dateline_article_t **out)
{
    if (!res || !out)
        return DATELINE_BAD_ARGUMENT;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        if (!res->article) {
            dateline_status_t st = decode_doc(idx, idx->db->get_document(res->did), &res->article);
            if (st != DATELINE_OK)
                return st;
        }
        *out = res->article;
        return DATELINE_OK;
    });
}

/* MSet::snippet() escapes for HTML; our callers want the text as it is. */
static std::string unescape_html(const std::string &s)
{
    std::string o;
    o.reserve(s.size());
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '&') {
            static const struct {
                const char *ent;
                char c;
            } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                        {"&#39;", '\''}, {"&apos;", '\''}};
            bool done = false;
            for (const auto &e : ents) {
                size_t n = std::strlen(e.ent);
                if (s.compare(i, n, e.ent) == 0) {
                    o += e.c;
                    i += n - 1;
                    done = true;
                    break;
                }
            }
            if (done)
                continue;
        }
        o += s[i];
    }
    return o;
}

/* s with the snippet's markers \x01 and \x02 replaced by the caller's, line ends by spaces. */
static std::string markers(const std::string &s, const char *hi_start, const char *hi_end,
                           bool one_line = true)
{
    std::string o;
    o.reserve(s.size() + 32);
    for (char c : s) {
        if (c == '\x01')
            o += hi_start ? hi_start : "";
        else if (c == '\x02')
            o += hi_end ? hi_end : "";
        else
            o += c == '\n' && one_line ? ' ' : c;
    }
    return o;
}

/* Xapian 1.4's snippets find stemmed words but not phrases of stems (STEM_ALL_Z) nor
 * wildcards over them. So snippets come from an MSet of the words that matched this document
 * (wildcards expanded), ORed: each word of a phrase, NEAR or wildcard is highlighted. For the
 * headline, the words that matched there (ZS) are taken, as the snippet code spells words (Z). */
static Xapian::MSet word_mset(dateline_result *res, bool title)
{
    std::vector<std::string> terms;
    const Xapian::Enquire &enq = res->parent->enq;
    for (auto t = enq.get_matching_terms_begin(res->it); t != enq.get_matching_terms_end(res->it); ++t) {
        bool headline = (*t).compare(0, 2, "ZS") == 0;
        if (title && headline)
            terms.push_back("Z" + (*t).substr(2));
        else if (!title && !headline && !(*t).empty() && (*t)[0] == 'Z')
            terms.push_back(*t);
    }
    Xapian::Database &db = *res->parent->query->index->db;
    for (const std::string &w : res->parent->query->wildcards) {
        std::string prefix = title ? "ZS" + w.substr(1) : w;
        Xapian::TermIterator t = db.termlist_begin(res->did);
        for (t.skip_to(prefix);
             t != db.termlist_end(res->did) && (*t).compare(0, prefix.size(), prefix) == 0; ++t)
            terms.push_back("Z" + (*t).substr(title ? 2 : 1));
    }
    Xapian::Enquire words(db);
    words.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    return words.get_mset(0, 0);
}

/* The words of a text with where each starts and ends, stemmed, cut about as Xapian cuts them. */
struct TextWord {
    size_t start, end;
    std::string stem;
};

static std::vector<TextWord> text_words(const std::string &text, const Xapian::Stem &stem)
{
    std::vector<TextWord> words;
    std::string w;
    size_t start = 0;
    Xapian::Utf8Iterator it(text), end;
    for (;; ++it) {
        bool in = it != end && (Xapian::Unicode::is_wordchar(*it) ||
                                (*it == '\'' && !w.empty()));
        size_t at = it != end ? static_cast<size_t>(it.raw() - text.data()) : text.size();
        if (in) {
            if (w.empty())
                start = at;
            Xapian::Unicode::append_utf8(w, Xapian::Unicode::tolower(*it));
        } else if (!w.empty()) {
            while (!w.empty() && w.back() == '\'')
                w.pop_back();
            words.push_back(TextWord{start, at, stem(w)});
            w.clear();
        }
        if (it == end)
            break;
    }
    return words;
}

/* Where in text the first phrase or NEAR of the query holds: [*from, *to) in bytes. */
static bool proximity_at(const std::vector<dl::Proximity> &prox, const std::string &text,
                         const Xapian::Stem &stem, size_t *from, size_t *to)
{
    std::vector<TextWord> words = text_words(text, stem);
    for (const dl::Proximity &p : prox) {
        size_t n = p.stems.size();
        if (!n)
            continue;
        for (size_t i = 0; i < words.size(); i++) {
            if (p.phrase) {
                size_t k = 0;
                while (k < n && i + k < words.size() && words[i + k].stem == p.stems[k])
                    k++;
                if (k == n) {
                    *from = words[i].start;
                    *to = words[i + n - 1].end;
                    return true;
                }
                continue;
            }
            /* NEAR: every word within the window that starts here, the first one here */
            if (std::find(p.stems.begin(), p.stems.end(), words[i].stem) == p.stems.end())
                continue;
            std::vector<bool> seen(n, false);
            size_t last = i, found = 0;
            for (size_t k = i; k < words.size() && k < i + p.window; k++)
                for (size_t s = 0; s < n; s++)
                    if (!seen[s] && words[k].stem == p.stems[s]) {
                        seen[s] = true;
                        found++;
                        last = k;
                        break;
                    }
            if (found == n) {
                *from = words[i].start;
                *to = words[last].end;
                return true;
            }
        }
    }
    return false;
}

extern "C" dateline_status_t dateline_result_snippet(dateline_result_t *res, size_t length,
                                                     const char *hi_start, const char *hi_end,
                                                     const char **out)
{
    if (!res || !out)
        return DATELINE_BAD_ARGUMENT;
    const dateline_article_t *a;
    dateline_status_t st = dateline_result_article(res, &a);
    if (st != DATELINE_OK)
        return st;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        const char *text = dateline_article_get(a, DATELINE_FIELD_BODY);
        if (!text)
            text = dateline_article_get(a, DATELINE_FIELD_TITLE);
        std::string body = text ? text : "";
        /* A phrase or NEAR must be seen holding: Xapian's snippet weighs words one by one and
         * may pick a passage where they stand apart, so it is given the passage around the
         * first place they hold together. */
        std::string before, after;
        size_t from = 0, to = 0;
        /* only the phrases and NEARs whose every word matched this article's body: another
         * branch of an OR may be what matched */
        std::vector<dl::Proximity> held;
        if (body.size() > length && !res->parent->query->proximity.empty()) {
            std::vector<std::string> matched;
            const Xapian::Enquire &enq = res->parent->enq;
            for (auto t = enq.get_matching_terms_begin(res->it);
                 t != enq.get_matching_terms_end(res->it); ++t)
                if ((*t).size() > 1 && (*t)[0] == 'Z' && (*t)[1] != 'S')
                    matched.push_back((*t).substr(1));
            for (const dl::Proximity &p : res->parent->query->proximity)
                if (std::all_of(p.stems.begin(), p.stems.end(), [&](const std::string &w) {
                        return std::find(matched.begin(), matched.end(), w) != matched.end();
                    }))
                    held.push_back(p);
        }
        if (!held.empty() && proximity_at(held, body, idx->stem, &from, &to)) {
            size_t span = to - from, lead = span < length ? (length - span) / 5 : 0;
            size_t b = from > lead ? from - lead : 0;
            while (b > 0 && b < from && body[b - 1] != ' ')
                b++; /* start on a word */
            size_t e = std::min(body.size(), b + std::max(length, span));
            while (e < body.size() && e > to && body[e - 1] != ' ')
                e--;
            if (b > 0)
                before = "...";
            if (e < body.size())
                after = "...";
            body = body.substr(b, e - b);
        }
        /* markers that cannot occur in text, swapped for the caller's after unescaping */
        /* no background model, not exhaustive: 1.1 ms for a page of ten instead of 2.9 */
        const unsigned flags = Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
        std::string s = word_mset(res, false).snippet(body, length, idx->stem, flags, "\x01", "\x02",
                                               "...");
        if (s.empty()) {
            /* no word of the query is in the text (a filter-only query): show how it starts */
            s = body.substr(0, std::min(body.size(), length));
            if (s.size() < body.size()) {
                size_t sp = s.rfind(' ');
                if (sp != std::string::npos && sp > length / 2)
                    s.erase(sp);
                else
                    while (!s.empty() && (static_cast<unsigned char>(body[s.size()]) & 0xC0) == 0x80)
                        s.erase(s.size() - 1); /* not inside a character */
                s += "...";
            }
        } else {
            s = unescape_html(s);
            if (!before.empty() && s.compare(0, 3, "...") != 0)
                s = before + s;
            if (!after.empty() && (s.size() < 3 || s.compare(s.size() - 3, 3, "...") != 0))
                s += after;
        }
        res->snippet = markers(s, hi_start, hi_end);
        *out = res->snippet.c_str();
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_result_highlight(dateline_result_t *res, dateline_field_t field,
                                                       const char *hi_start, const char *hi_end,
                                                       const char **out)
{
    if (!res || !out || (field != DATELINE_FIELD_TITLE && field != DATELINE_FIELD_BODY))
        return DATELINE_BAD_ARGUMENT;
    const dateline_article_t *a;
    dateline_status_t st = dateline_result_article(res, &a);
    if (st != DATELINE_OK)
        return st;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        const char *text = dateline_article_get(a, field);
        std::string t = text ? text : "";
        std::string s;
        if (!t.empty())
            s = word_mset(res, field == DATELINE_FIELD_TITLE)
                    .snippet(t, t.size() + 1, idx->stem, 0, "\x01", "\x02", "");
        s = unescape_html(s);
        res->highlighted = markers(s.empty() ? t : s, hi_start, hi_end, false);
        *out = res->highlighted.c_str();
        return DATELINE_OK;
    });
}

/* ---- more like this ---- */

namespace {

/* How many of an article's most distinctive word terms make its "more like this" query.
 * Measured on the 9,747 Reuters-21578 articles with topic labels (400 drawn at random): the
 * top result shares a topic with the article for 64% of them with 10 terms, 77% with 20, 80%
 * with 30, 81.5% with 40, and no more with 60 or 100 (80.7%, 81.2%), while every term makes
 * the query slower. A random article shares one 18% of the time. */
const Xapian::termcount SIMILAR_TERMS = 40;

/* The word terms of the schema: Z (body) and ZS (title) stems. */
class WordTerm : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string &t) const override { return !t.empty() && t[0] == 'Z'; }
};

/* The stem of a word term: "ZSraqqa" and "Zraqqa" are both "raqqa" (stems are lower case,
 * so the S of a title term cannot be a stem's first letter). */
std::string stem_of(const std::string &t)
{
    return t.compare(0, 2, "ZS") == 0 ? t.substr(2) : t.substr(1);
}

} // namespace

extern "C" dateline_status_t dateline_query_new_similar(dateline_index_t *idx, const char *id,
                                                        const char *filter,
                                                        dateline_query_t **out)
{
    if (!idx || !id || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = nullptr;
    /* the filter goes through the query language's own parser, then is taken as a whole */
    dateline_query_t *fq = nullptr;
    if (filter) {
        dateline_status_t st = dateline_query_new(idx, filter, &fq);
        if (st != DATELINE_OK)
            return st;
    }
    dateline_status_t st = guard(idx, [&]() {
        std::string term = id_term(id);
        Xapian::PostingIterator p = idx->db->postlist_begin(term);
        if (p == idx->db->postlist_end(term))
            return set_message(idx, DATELINE_NOT_FOUND,
                               std::string("no article with id ") + id + " in " + idx->path +
                                   ": take an id from a search's results (the 16 hex digits "
                                   "after each result, or --format tsv's third column)");
        Xapian::docid did = *p;

        /* Relevance feedback with the article as the one relevant document: the ESet ranks its
         * word terms by how much likelier they are in it than in the index as a whole, so the
         * article's names and subject come first and words every story uses last. */
        Xapian::RSet rset;
        rset.add_document(did);
        Xapian::Enquire enq(*idx->db);
        WordTerm words;
        Xapian::ESet eset = enq.get_eset(SIMILAR_TERMS, rset, &words);
        /* each stem is looked for in bodies and headlines alike, as a query word is: a place
         * in this article's headline counts in another's body (81.5% against 79.5% for the
         * terms as they are, in the measurement above) */
        std::vector<Xapian::Query> parts;
        std::vector<std::string> seen;
        for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) {
            std::string s = stem_of(*t);
            if (std::find(seen.begin(), seen.end(), s) != seen.end())
                continue;
            seen.push_back(s);
            parts.push_back(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Z" + s),
                                          Xapian::Query("ZS" + s)));
        }
        Xapian::Query like(Xapian::Query::OP_OR, parts.begin(), parts.end());

        /* not the article itself, nor the other versions of its story */
        Xapian::Query self(term);
        std::string chain = idx->db->get_document(did).get_value(SLOT_CHAIN);
        if (!chain.empty())
            self = Xapian::Query(Xapian::Query::OP_OR, self, Xapian::Query("XK" + chain));
        like = Xapian::Query(Xapian::Query::OP_AND_NOT, like, self);
        if (fq)
            like = Xapian::Query(Xapian::Query::OP_FILTER, like, fq->q);

        BuiltQuery built;
        built.query = like;
        *out = hand_out(idx, built);
        return DATELINE_OK;
    });
    dateline_query_destroy(fq);
    return st;
}

/* ---- what lib/files.cc uses ---- */

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
