/* schema.h: the on-disk format of a Dateline index in one place: its term prefixes, value slots,
 * metadata keys and hash seeds, and the filter table (lib/schema.c) that drives both what the
 * writer indexes and what the query language finds. C and the C++ of lib/ both include it.
 *
 * Here is the index schema, version 3. Change it only with a new version number: the version
 * is stored in the index and checked on open, so an old program never misreads a new index.
 * Version 3 added the date terms (Y, M, D below); an index of version 2 is still read and
 * written, its version left as it is, and its date: filters are answered from the value slots
 * 0 and 6 alone, as before, since its older articles have no date terms.
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
 *   XN<n|u><s|l>   only in a shard of a sharded index (below), between a run's parallel pass
 *                  and its settle: the article was new (n) or updated (u), its signature
 *                  short (s: fewer than 8 shingles) or long; only on updates and on short
 *                  signatures (the settle finds the other new articles by their numbers,
 *                  from the counter it left). The settle takes it away
 *   Y<YYYY>        the year, month and day the article's whole date span lies within (values
 *   M<YYYYMM>      0 and 6 below): a day's article has all three, a month's Y and M, a year's
 *   D<YYYYMMDD>    Y alone. date:A..B over whole days (the only bounds the language has) is
 *                  the union of the years, months and days that tile A..B: postings, where the
 *                  value slots are checked article by article. Open ranges (A.., ..B) and
 *                  tilings of more than DL_DATE_TERMS_MAX terms use the slots. (Schema 3)
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
 *  10  the global sequence number, 8 bytes big-endian: the order articles were first added
 *      in (an update keeps its number). An article written before it has none: its number
 *      is its docid, where the counter (dateline.seq) starts, at get_lastdocid() + 1
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
 *   dateline.schema   "3" (or "2", written before the date terms); an index without it (and
 *                  not empty) or with another value is refused
 *   dateline.seq      the next sequence number (value slot 10), decimal
 *   dateline.aliasseq.<acronym key>   in a shard: the sequence number of the article that
 *                  taught the alias, so that the settle keeps the earliest, as one index does
 *   dateline.alias.<acronym key>   the display name of the group a text defined the acronym
 *                  for ("Syrian Democratic Forces (SDF)"): the first definition wins
 *   dateline.aliases.<group key>   the acronym keys learned for that group, space-separated
 *   dateline.file.<path>   what the file at canonical path <path> was when it was last read
 *                  and what it gave, for a re-run to leave it unread if it has not changed:
 *                  "1 SIZE MTIME MTIME_NS HASH OPTIONS ARTICLES FORMAT REJECTED" (lib/files.cc
 *                  reads and writes them, in the batch's transaction after the file's
 *                  articles). An index without them (written before) reads every file once more.
 *
 * Shards (dateline-index --jobs N, N > 1): the folder holds a Xapian stub file XAPIANDB with the
 * lines "auto shard-0" ... "auto shard-<N-1>" and the shards shard-K/, each a whole index of
 * this schema. An article lives in shard dl_hash64(id, DL_SEED_SHARD) mod N. Global metadata
 * (aliases, the sequence counter, the file records) is the same in every shard once a run's
 * settle (lib/shards.cc) is done.
 */

#ifndef DL_SCHEMA_H
#define DL_SCHEMA_H

#include <stddef.h>
#include "dateline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- metadata ---- */
#define DL_SCHEMA_KEY "dateline.schema"
#define DL_SCHEMA_VERSION "3"               /* 3: date terms Y, M, D */
#define DL_SCHEMA_VERSION_NO_DATE_TERMS "2" /* still read and written: dates by value slot */
#define DL_ALIAS_KEY "dateline.alias."      /* + acronym key -> group's display name */
#define DL_ALIASES_KEY "dateline.aliases."  /* + group key -> its acronym keys */
#define DL_SEQ_KEY "dateline.seq"           /* the next global sequence number (decimal) */
#define DL_ALIAS_SEQ_KEY "dateline.aliasseq." /* + acronym key -> sequence number of the article
                                             * that taught it, in a shard (the earliest wins) */

/* ---- term prefixes ---- */
#define DL_PREFIX_ID "Q"           /* the article's id */
#define DL_PREFIX_WORD "Z"         /* a stemmed word of the body (and the Z of every word term) */
#define DL_PREFIX_TITLE_FIELD "S"  /* the title's field: TermGenerator writes Z + S + stem */
#define DL_PREFIX_TITLE "ZS"       /* a stemmed word of the title */
#define DL_PREFIX_PLACE "XP"
#define DL_PREFIX_GROUP "XG"
#define DL_PREFIX_ACRONYM "XA"
#define DL_PREFIX_TOPIC "XT"
#define DL_PREFIX_DATELINE "XD"
#define DL_PREFIX_SOURCE "XS"
#define DL_PREFIX_AUTHOR "XU"
#define DL_PREFIX_CHARSET "XC"
#define DL_PREFIX_REPAIRED "XR"
#define DL_TERM_REPAIRED_YES "XRyes"
#define DL_TERM_REPAIRED_NO "XRno"
#define DL_PREFIX_STORY "XK"
#define DL_PREFIX_FILE "XF"
#define DL_PREFIX_ORIGIN "XW"
#define DL_TERM_COPIES "XO"
#define DL_PREFIX_BAND "XM"
#define DL_PREFIX_PENDING "XN"     /* in a shard: added or updated since the last settle */
#define DL_PREFIX_YEAR "Y"         /* + YYYY: the date span lies within that year (schema 3) */
#define DL_PREFIX_MONTH "M"        /* + YYYYMM: ... within that month */
#define DL_PREFIX_DAY "D"          /* + YYYYMMDD: ... within that day */
#define DL_DATE_TERMS_MAX 128      /* a date: range tiled by more terms uses the value slots */
#define DL_PLACE_LABEL '='         /* XP= and a key: a place label the gazetteer does not know */
/* the length of a prefix macro, without its NUL */
#define DL_PREFIX_LEN(p) (sizeof p - 1)

/* ---- value slots ---- */
enum {
    DL_SLOT_DATE = 0,      /* date span's start "YYYYMMDDHHMMSS" */
    DL_SLOT_HASH = 1,      /* content fingerprint, 16 hex digits */
    DL_SLOT_PLACES = 2,    /* facet: places, their countries and regions */
    DL_SLOT_GROUPS = 3,    /* facet: groups */
    DL_SLOT_TOPICS = 4,    /* facet: topics */
    DL_SLOT_DATELINES = 5, /* facet: datelines */
    DL_SLOT_DATE_END = 6,  /* date span's end */
    DL_SLOT_MINHASH = 7,   /* MinHash signature, 32 x 4 bytes big-endian */
    DL_SLOT_CHAIN = 8,     /* story chain */
    DL_SLOT_SOURCE = 9,    /* facet: source */
    DL_SLOT_SEQ = 10       /* global sequence number: 8 bytes, big-endian; the order articles were
                            * first added in, the same in one index and in its shards. Every
                            * ranking breaks ties by it (then by docid, for an index without it) */
};
#define DL_FACET_SEP '\x1f' /* between the values of a facet slot */
#define DL_ORIGIN_SEP '\x1f' /* between an origin's file and key */

/* ---- hash seeds of dl_hash64(): changing one changes what is on disk ---- */
enum {
    DL_SEED_FINGERPRINT = 0, /* the content fingerprint (slot 1; ids without identity) */
    DL_SEED_LONG_ID = 0,     /* the hash after a long id's cut in its Q term */
    DL_SEED_IDENTITY = 1,    /* an id from the source's identity (its key) */
    DL_SEED_ORIGIN = 3,      /* an origin's XW term */
    DL_SEED_SHINGLE = 7,     /* a three-word shingle of the MinHash signature */
    DL_SEED_SHARD = 11       /* an article's shard: dl_hash64(id) mod the number of shards */
    /* a band's XM term: the band's number (0-7); an id from content: the fingerprint */
};

/* ---- the filter table ---- */
/* The filters of the query language, each with its term prefix and the article field whose
 * values become its terms: one row each drives the writer (lib/index-doc.cc), the query
 * language (lib/query-parse.c parses the names, lib/query.cc builds the terms), facets
 * (lib/facets.cc) and --list (lib/stats.cc). */
enum {
    DL_FILTER_BOOLEAN = 1,   /* each value is a boolean term: prefix + its key (dl_key_normalize) */
    DL_FILTER_RANKED = 2,    /* the terms carry a weight (wdf) that ranks a filter's matches */
    DL_FILTER_FACETABLE = 4, /* a facet counts it, from value slot `slot` */
    DL_FILTER_WORDS = 8,     /* each word of a value is a term too (author:smith) */
    DL_FILTER_PLACES = 16,   /* values are gazetteer places: a place and all it lies within */
    DL_FILTER_NAMED = 32     /* values are names, folded as the gazetteer folds them; acronyms
                              * learned for a name (XA) find it too */
};
typedef struct {
    const char *name;       /* as written in queries: "place" */
    const char *prefix;     /* term prefix: "XP" */
    dateline_field_t field; /* article field whose values become the terms */
    unsigned flags;         /* DL_FILTER_* */
    dateline_field_t facet; /* FACETABLE: the field a facet of it is asked for by */
    int slot;               /* FACETABLE: the value slot its facet counts; else -1 */
} dl_filter_t;
extern const dl_filter_t dl_filters[];
extern const size_t dl_nfilters;

/* The filter facets of `field` count (dateline_query_add_facet()), or NULL. */
const dl_filter_t *dl_filter_of_facet(dateline_field_t field);

#ifdef __cplusplus
}
#endif

#endif
