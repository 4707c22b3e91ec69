/* index-int.h: what the C++ files of the index share: the schema's slots and keys, and the
 * query builder (query.cc). The schema itself is described at the top of index.cc. */
#ifndef DL_INDEX_INT_H
#define DL_INDEX_INT_H

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dl.h"

struct dateline_index;

namespace dl {

const Xapian::valueno SLOT_DATE = 0;
const Xapian::valueno SLOT_HASH = 1;
const Xapian::valueno SLOT_PLACES = 2;
const Xapian::valueno SLOT_GROUPS = 3;
const Xapian::valueno SLOT_TOPICS = 4;
const Xapian::valueno SLOT_DATELINES = 5;
const Xapian::valueno SLOT_DATE_END = 6;
const Xapian::valueno SLOT_MINHASH = 7;
const Xapian::valueno SLOT_CHAIN = 8;
const Xapian::valueno SLOT_SOURCE = 9;

extern const char ALIAS_KEY[];   /* "dateline.alias.": + acronym key -> group's display name */
extern const char ALIASES_KEY[]; /* "dateline.aliases.": + group key -> its acronym keys */

/* A name folded as the gazetteer folds it ("Syrian Democratic Forces" -> "syriandemocraticforces"). */
std::string folded(const std::string &s);

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

/* what index.cc gives lib/files.cc */
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

#endif
