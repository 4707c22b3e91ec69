/* dateline.h: the public interface of libdateline, for programs that index and search news archives.
 *
 * Copyright (C) 2026 the Dateline authors. GPL-3.0-or-later.
 *
 * Conventions
 * - Every function that can fail returns a dateline_status_t; DATELINE_OK is zero.
 * - A result comes back through the last parameter, called `out`.
 * - Handles are opaque. Children are owned by their parent: a result by its results, the
 *   strings a result or article returns by that result or article. Freeing the parent frees them.
 * - Every *_destroy() and *_close() accepts NULL.
 * - Strings going in and coming out are NUL-terminated UTF-8.
 * - The library never prints and never exits. When a call on a handle fails,
 *   dateline_index_message() (or dateline_reader_message()) says why, naming the thing and
 *   what to do about it.
 * - One handle must not be used by two threads at once; separate handles may be.
 */
#ifndef DATELINE_H
#define DATELINE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define DATELINE_API __attribute__((visibility("default")))
#else
#define DATELINE_API
#endif

/* Version of this header; dateline_version() gives the library's. The MAJOR version changes
 * when a program built against an older header may no longer build or run as before (and the
 * library's soname with it); MINOR when functions or struct versions are added; MICRO for fixes
 * alone. */
#define DATELINE_VERSION_MAJOR 0
#define DATELINE_VERSION_MINOR 1
#define DATELINE_VERSION_MICRO 0
/* The header's version as one number, MAJOR * 10000 + MINOR * 100 + MICRO (100 is 0.1.0). */
#define DATELINE_VERSION_NUMBER \
    (DATELINE_VERSION_MAJOR * 10000 + DATELINE_VERSION_MINOR * 100 + DATELINE_VERSION_MICRO)
/* Nonzero when this header is version major.minor.micro or later, for #if:
 *   #if DATELINE_CHECK_VERSION(0, 2, 0)  ...use what 0.2 added...  #endif */
#define DATELINE_CHECK_VERSION(major, minor, micro) \
    (DATELINE_VERSION_NUMBER >= (major) * 10000 + (minor) * 100 + (micro))

/* What went wrong, distinct wherever a caller can act differently. */
typedef enum {
    DATELINE_OK = 0,
    DATELINE_NO_MEMORY,      /* an allocation failed */
    DATELINE_BAD_ARGUMENT,   /* a NULL handle, an unknown option, a bad value */
    DATELINE_FILE_ERROR,     /* a file or folder could not be read or written */
    DATELINE_LOCKED,         /* another writer holds the index */
    DATELINE_MODIFIED,       /* the index changed under a reader: reopen and retry */
    DATELINE_CORRUPT,        /* the index or a stored article is damaged */
    DATELINE_VERSION,        /* the index was written by another schema version */
    DATELINE_QUERY_SYNTAX,   /* the query could not be understood */
    DATELINE_BAD_INPUT,      /* an input article or record is malformed */
    DATELINE_CHARSET,        /* text could not be converted to UTF-8 */
    DATELINE_XAPIAN_ERROR,   /* any other error reported by Xapian */
    DATELINE_INTERNAL,       /* a bug in Dateline */
    DATELINE_NOT_FOUND,      /* no index, or no article with that id */
    DATELINE_END,            /* iteration is over (not an error) */
    DATELINE_READ_ONLY       /* a write to an index opened for reading only */
} dateline_status_t;

/* A short English description of a status, e.g. "index is locked". Never NULL. */
DATELINE_API const char *dateline_status_to_string(dateline_status_t status);

/* The library's version as "MAJOR.MINOR.MICRO". */
DATELINE_API const char *dateline_version(void);
/* The library's version as one number, as DATELINE_VERSION_NUMBER gives the header's: a
 * program can check at run time that the library it was linked with is not older than the
 * header it was built with (dateline_version_number() >= DATELINE_VERSION_NUMBER). */
DATELINE_API int dateline_version_number(void);

/* Frees memory the library handed over with "free with dateline_free()". Accepts NULL. */
DATELINE_API void dateline_free(void *p);

/* ------------------------------------------------------------------------------------------ */
/* Articles */

/* One news article: what a reader produces and what the index stores. */
typedef struct dateline_article dateline_article_t;

/* The fields of an article. Single-valued fields hold at most one string; list fields
 * (DATELINES, PLACES, GROUPS, TOPICS, PLACE_IDS, ACRONYMS) hold any number. New fields are
 * only ever added at the end. */
typedef enum {
    DATELINE_FIELD_ID = 0,    /* stable printable id; computed by the index when not set */
    DATELINE_FIELD_TITLE,     /* headline */
    DATELINE_FIELD_BODY,      /* full text, normalized */
    DATELINE_FIELD_DATE,      /* ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS; absent when undated */
    DATELINE_FIELD_DATELINE,  /* the dateline as printed, e.g. "WASHINGTON/NEW YORK" */
    DATELINE_FIELD_SOURCE,    /* e.g. "Reuters" */
    DATELINE_FIELD_FILE,      /* origin: the file it was read from, as the reader was given
                               * it: dateline-index gives dateline_path_canonical()'s form */
    DATELINE_FIELD_KEY,       /* origin: the key within that file (Reuters NEWID), or absent */
    DATELINE_FIELD_CHARSET,   /* what the input was read as: "utf-8", "windows-1252", ... */
    DATELINE_FIELD_IDENTITY,  /* what the id is derived from when the source gives a key */
    DATELINE_FIELD_DATELINES, /* list: dateline places, e.g. "WASHINGTON", "NEW YORK" */
    DATELINE_FIELD_PLACES,    /* list: places the story is about */
    DATELINE_FIELD_GROUPS,    /* list: organisations named */
    DATELINE_FIELD_TOPICS,    /* list: subject codes */
    DATELINE_FIELD_PLACE_IDS, /* list: "ID SALIENCE" per place found, most salient first, where
                               * ID is a gazetteer id ("sy", "g170794") or "=" and a label the
                               * gazetteer does not know; set by dateline_index_add() */
    DATELINE_FIELD_ACRONYMS,  /* list: acronyms the text uses ("SDF"), so that group: finds
                               * stories by an alias learned later; set by dateline_index_add() */
    DATELINE_FIELD_AUTHOR,    /* who wrote it, as the source names them (a mail's From) */
    DATELINE_FIELD_REPAIRED,  /* how the text was repaired, when it was: "double-encoded" (UTF-8
                               * read as Windows-1252 and encoded again, put back), "declared"
                               * (the declared charset did not fit the bytes); absent when not */
    DATELINE_FIELD_ORIGINS,   /* list: further origins of the same article, one for each copy
                               * read after the first (which FILE and KEY hold): the file, the
                               * byte 0x1F and the key (empty when none), since a key may hold
                               * ':' (a URL); articles stored before that hold
                               * "FILE:KEY" until the index rewrites them; set by
                               * dateline_index_add() */
    DATELINE_FIELD_STORY,     /* the story chain: the id of the first article of the same text or
                               * nearly the same (a repeat, an update, a correction); its own id
                               * when none came before; set by dateline_index_add() */
    DATELINE_FIELD_COUNT_     /* number of fields; not a field */
} dateline_field_t;

/* Creates an empty article in *out.
 * Returns DATELINE_OK, DATELINE_BAD_ARGUMENT (out is NULL) or DATELINE_NO_MEMORY.
 * Free with dateline_article_destroy(). */
DATELINE_API dateline_status_t dateline_article_new(dateline_article_t **out);

/* Frees an article and every string it returned. Accepts NULL. */
DATELINE_API void dateline_article_destroy(dateline_article_t *article);

/* A copy of `article` into *out, with every field (for a program that hands an article a
 * reader returned to another thread). Free it with dateline_article_destroy().
 * Returns DATELINE_OK, DATELINE_BAD_ARGUMENT or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_article_copy(const dateline_article_t *article,
                                                     dateline_article_t **out);

/* Sets a single-valued field (replacing it) or appends to a list field. The text is copied and
 * normalized: control characters go, runs of spaces and tabs become one space, line ends become
 * "\n", and bytes that are not valid UTF-8 are read as Windows-1252 (the article's charset then
 * says so). For DATELINE_FIELD_DATE the text must be an ISO date as described above.
 * A NULL or empty value clears a single-valued field and is ignored for a list field.
 * Returns DATELINE_OK, DATELINE_BAD_ARGUMENT (unknown field, or a date that is not a real
 * calendar date) or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_article_set(dateline_article_t *article,
                                                    dateline_field_t field, const char *value);

/* The value of a single-valued field, or the first value of a list field; NULL when absent.
 * The string belongs to the article. */
DATELINE_API const char *dateline_article_get(const dateline_article_t *article,
                                              dateline_field_t field);

/* How many values a field holds (0 or 1 for single-valued fields). */
DATELINE_API size_t dateline_article_count(const dateline_article_t *article,
                                           dateline_field_t field);

/* Value number i (from 0) of a field; NULL when out of range. Belongs to the article. */
DATELINE_API const char *dateline_article_get_nth(const dateline_article_t *article,
                                                  dateline_field_t field, size_t i);

/* The name of a field as used in JSON output ("title", "places", ...). */
DATELINE_API const char *dateline_field_name(dateline_field_t field);

/* The display name of a place of the built-in gazetteer by its id, as DATELINE_FIELD_PLACE_IDS
 * gives it: "Syria" for "sy", "Georgia" for "us.ga". NULL when `id` is NULL or no place has
 * that id (a label the gazetteer does not know, "=KEY", has none), and when loading the
 * gazetteer ran out of memory. The string is the library's and lasts as long as the
 * program; it may be called from any thread. */
DATELINE_API const char *dateline_place_name(const char *id);

/* ------------------------------------------------------------------------------------------ */
/* Readers: turn files in the formats archives come in into articles. */

typedef struct dateline_reader dateline_reader_t;

typedef enum {
    DATELINE_FORMAT_AUTO = 0, /* detect from the content (and the name's extension) */
    DATELINE_FORMAT_TEXT,     /* plain wire text, one article per file */
    DATELINE_FORMAT_SGML,     /* Reuters-21578 SGML, many <REUTERS> records per file */
    DATELINE_FORMAT_CSV,      /* CSV (RFC 4180) or tab-separated, one article per row */
    DATELINE_FORMAT_JSON,     /* JSON Lines (one object per line) or a JSON array of objects */
    DATELINE_FORMAT_MAIL,     /* RFC 5322 mail or a Usenet article, one per file, or an mbox */
    DATELINE_FORMAT_XML,      /* NewsML-style XML: each <newsitem> an article */
    DATELINE_FORMAT_HTML      /* a saved HTML article page */
} dateline_format_t;

/* The name of a format ("csv"), and the format of a name (DATELINE_FORMAT_AUTO if unknown). */
DATELINE_API const char *dateline_format_name(dateline_format_t format);
DATELINE_API dateline_format_t dateline_format_from_name(const char *name);

#define DATELINE_READER_OPTIONS_VERSION 2
typedef struct {
    int version;              /* DATELINE_READER_OPTIONS_VERSION (1 for a struct without the
                               * fields marked "version 2") */
    dateline_format_t format; /* DATELINE_FORMAT_AUTO unless forced */
    const char *encoding;     /* charset for input that is not valid UTF-8; NULL: windows-1252 */
    int force_encoding;       /* nonzero: read everything as `encoding`, even valid UTF-8 */
    const char *date;         /* "YYYY-MM-DD" for articles whose source gives no date; or NULL */
    /* version 2 */
    const char *columns;      /* CSV without a header: what each column holds, in order, e.g.
                               * "topic,title,text" ("-" for a column to skip); or NULL */
    const char *fields;       /* which input column or JSON key holds a field, overriding the
                               * usual names: "title=headline,text=story"; or NULL */
    const char *topic;        /* a topic every article gets (a folder's name); or NULL */
    size_t max_decompressed;  /* bytes a .gz file may inflate to; 0: the default, 256 MiB */
} dateline_reader_options_t;
#define DATELINE_READER_OPTIONS_INIT { DATELINE_READER_OPTIONS_VERSION, DATELINE_FORMAT_AUTO, \
                                       NULL, 0, NULL, NULL, NULL, NULL, 0 }
/* Sets *options to the defaults of this header's version (what DATELINE_READER_OPTIONS_INIT
 * gives), for callers that cannot use the initializer (other languages, options kept in heap
 * memory). Returns DATELINE_OK, or DATELINE_BAD_ARGUMENT when options is NULL. */
DATELINE_API dateline_status_t dateline_reader_options_init(dateline_reader_options_t *options);

/* Opens a reader over `len` bytes at `data`, which are copied. `name` is the origin file
 * recorded in each article (e.g. the path as the user gave it). `options` may be NULL.
 * Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (bad options, or an encoding iconv does not know);
 * DATELINE_BAD_INPUT when the data cannot hold any article (empty, or binary), with the reason in
 * *message if message is not NULL (free with dateline_free()); DATELINE_NO_MEMORY.
 * Free the reader with dateline_reader_destroy(). */
DATELINE_API dateline_status_t dateline_reader_open_memory(const void *data, size_t len,
                                                           const char *name,
                                                           const dateline_reader_options_t *options,
                                                           dateline_reader_t **out, char **message);

/* Like dateline_reader_open_memory() over the contents of the file at `path` ("-" reads standard
 * input). `name` may be NULL to record `path` itself. Also returns DATELINE_FILE_ERROR when the
 * file cannot be read. */
DATELINE_API dateline_status_t dateline_reader_open_file(const char *path, const char *name,
                                                         const dateline_reader_options_t *options,
                                                         dateline_reader_t **out, char **message);

/* Reads the next article into *out (owned by the reader, valid until the next call; take it
 * with dateline_index_add() before then).
 * Returns DATELINE_OK; DATELINE_END when there are no more; DATELINE_BAD_INPUT when one record
 * is malformed: *out is NULL, dateline_reader_message() says why and
 * dateline_reader_position() where, and the next call goes on with the following record;
 * DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_reader_next(dateline_reader_t *reader,
                                                    dateline_article_t **out);

/* The format the reader detected or was given (never DATELINE_FORMAT_AUTO). */
DATELINE_API dateline_format_t dateline_reader_format(const dateline_reader_t *reader);

/* Why the last dateline_reader_next() failed, or a note about the article it returned (such as
 * its text having been read as Windows-1252); NULL when there is nothing to say.
 * Belongs to the reader. */
DATELINE_API const char *dateline_reader_message(const dateline_reader_t *reader);

/* The line (from 1) where the record last returned or rejected starts. */
DATELINE_API size_t dateline_reader_position(const dateline_reader_t *reader);

/* Whether the reader's input looks like a file that sits beside articles in an archive rather
 * than an article: a DTD, a licence, or a list or table (five or more lines of one word each;
 * or twenty or more lines, half of them of three words or fewer, with hardly a sentence in
 * them). Returns what it looks like ("a DTD"), a static string, or NULL when it may be
 * articles; a reader of NULL gives NULL. A program walking a folder may skip such files. */
DATELINE_API const char *dateline_reader_not_article(const dateline_reader_t *reader);

/* How far through its input the reader has got, from 0 (nothing read) to 1 (all of it), by
 * the bytes of the records returned or rejected so far; for a progress display. A reader of
 * NULL gives 1. */
DATELINE_API double dateline_reader_progress(const dateline_reader_t *reader);

/* How many bytes of input the reader holds (its whole input). */
DATELINE_API size_t dateline_reader_size(const dateline_reader_t *reader);

/* Frees a reader and the article it last returned. Accepts NULL. */
DATELINE_API void dateline_reader_destroy(dateline_reader_t *reader);

/* ------------------------------------------------------------------------------------------ */
/* The index */

typedef struct dateline_index dateline_index_t;

/* How dateline_index_open() opens an index: one of these, or WRITE and NO_SYNC or'd together.
 * The function takes them as an unsigned, so that the or'd value (an int) passes in C++ as
 * well as in C; the type is kept for programs that declare a variable of it. */
typedef enum {
    DATELINE_OPEN_READ = 0,   /* search only; several readers may share an index */
    DATELINE_OPEN_WRITE = 1,  /* add articles; creates the index when it does not exist */
    DATELINE_OPEN_NO_SYNC = 2 /* with WRITE (DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC):
                               * commits are not flushed to disk. Faster, but a power cut (not
                               * a crash of the program) may lose or damage committed batches */
} dateline_mode_t;

/* Opens (or, for writing, creates) the index in folder `path`; `mode` is DATELINE_OPEN_READ,
 * DATELINE_OPEN_WRITE or DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC (anything else:
 * DATELINE_BAD_ARGUMENT).
 * One process at a time may write an index. A writer records its process id in the file
 * `dateline.writer` in the folder, so that a second writer can be told who holds the lock; the
 * lock itself is the kernel's and goes with the process, however it ends.
 * Returns DATELINE_OK; DATELINE_NOT_FOUND (no index there, read mode); DATELINE_LOCKED
 * (another process writes it); DATELINE_VERSION (written by another Dateline schema, or not a
 * Dateline index); DATELINE_CORRUPT; DATELINE_FILE_ERROR; DATELINE_XAPIAN_ERROR;
 * DATELINE_NO_MEMORY. On failure *message (when not NULL) says what happened and what to do;
 * free it with dateline_free(). Free the index with dateline_index_close(). */
DATELINE_API dateline_status_t dateline_index_open(const char *path, unsigned mode,
                                                   dateline_index_t **out, char **message);

/* dateline_index_open_list()'s flags. */
enum {
    DATELINE_OPEN_ALLOW_PARTIAL = 4 /* a shard that does not answer is left out (and listed by
                                     * dateline_index_dead_shard()) rather than an error */
};

/* Opens for reading, as one index, the shards that the n `specs` name, in order. A spec is an
 * index folder (a plain one, or one holding a Xapian stub file XAPIANDB, as dateline-index
 * --jobs writes), a stub file, or one line of a stub: "auto PATH", "remote HOST:PORT" (a
 * xapian-tcpsrv), "remote :PROGRAM ARGS" (a program speaking Xapian's remote protocol on its
 * standard input and output, e.g. "remote :ssh HOST xapian-progsrv PATH") or "tcp HOST PORT".
 * Stub files may hold all of these, one a line ('#' starts a comment); their paths are
 * relative to the stub's folder. dateline_index_open() in read mode takes the same one spec.
 * Each shard is opened apart and must be a Dateline index of this schema. With more than one
 * shard, learned aliases are merged: an acronym's group as the first shard that has one says,
 * a group's acronyms as their union. Remote shards run on the stock Xapian servers: every
 * search gives what one index of the same articles gives.
 * `flags`: 0 or DATELINE_OPEN_ALLOW_PARTIAL.
 * Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (no spec, an empty one, a bad stub line: the
 * message says which); DATELINE_NOT_FOUND (no index at a path); DATELINE_FILE_ERROR (a shard
 * does not answer: the message names it; or, with ALLOW_PARTIAL, none does); DATELINE_VERSION;
 * DATELINE_CORRUPT; DATELINE_XAPIAN_ERROR; DATELINE_NO_MEMORY. *message as for
 * dateline_index_open(). The index is read-only (writes: DATELINE_READ_ONLY); free it with
 * dateline_index_close(). */
DATELINE_API dateline_status_t dateline_index_open_list(const char *const *specs, size_t n,
                                                        unsigned flags, dateline_index_t **out,
                                                        char **message);

/* How many shards an index opened for reading searches (1 for a plain index). */
DATELINE_API size_t dateline_index_shards(const dateline_index_t *idx);

/* The i-th shard that did not answer when the index was opened with
 * DATELINE_OPEN_ALLOW_PARTIAL, as "NAME: WHY", or NULL past the last. Owned by the index. */
DATELINE_API const char *dateline_index_dead_shard(const dateline_index_t *idx, size_t i);

/* Commits what was added (in write mode) and frees the index with everything it returned.
 * Returns DATELINE_OK or the status of the failed commit. Accepts NULL. */
DATELINE_API dateline_status_t dateline_index_close(dateline_index_t *index);

/* Moves a read-only index to the latest committed revision. A reader sees one revision (a
 * consistent snapshot) from open until it reopens; when a writer has since committed twice,
 * Xapian may have reused the blocks the reader was reading, and calls fail with
 * DATELINE_MODIFIED: then reopen and run the whole query again. Queries stay valid; results
 * obtained before the reopen must not be used after it. In write mode it does nothing.
 * Returns DATELINE_OK, DATELINE_CORRUPT, DATELINE_FILE_ERROR or DATELINE_XAPIAN_ERROR. */
DATELINE_API dateline_status_t dateline_index_reopen(dateline_index_t *index);

/* Why the last call on this index failed. Belongs to the index; never NULL. */
DATELINE_API const char *dateline_index_message(const dateline_index_t *index);

/* How many articles to add between commits (default 1000). Each batch goes in inside one Xapian
 * transaction: after a crash the index holds whole batches only.
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT (0). */
DATELINE_API dateline_status_t dateline_index_set_batch(dateline_index_t *index, size_t articles);

/* Tells `fn` when a batch starts and finishes committing: `committed` is 0 before the commit
 * and 1 once it is durable (synced, unless DATELINE_OPEN_NO_SYNC); `articles` is how many
 * articles the batch wrote; `closure` is what was given here. fn may be NULL to stop.
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT. */
typedef void (*dateline_commit_fn)(int committed, size_t articles, void *closure);
DATELINE_API dateline_status_t dateline_index_on_commit(dateline_index_t *index,
                                                        dateline_commit_fn fn, void *closure);

/* What dateline_index_add() did with an article. */
typedef enum {
    DATELINE_ADDED = 0,     /* new to the index */
    DATELINE_UPDATED,       /* its id was there with other content, which it replaced; or
                             * its file and key (an edited file, a changed row) had given
                             * another article, which it replaced (that article stays only if
                             * it was read from elsewhere too; not for "-" and names under
                             * /dev/ or /proc/, whose contents are new each time) */
    DATELINE_UNCHANGED,     /* already there as it is, from the same origin: nothing was written */
    DATELINE_DUPLICATE      /* already there as it is, read from another file or record (a
                             * copy): nothing new was indexed, but the article now lists this
                             * origin too (ORIGINS) */
} dateline_outcome_t;

/* Adds an article: finds the places it is about (with the built-in gazetteer, its text, its
 * dateline and any PLACES labels its source gave, which it replaces with the places' names
 * and sets PLACE_IDS), computes its id when not set (from DATELINE_FIELD_IDENTITY when the
 * source gives a key, else from its content), stores it zlib-compressed and indexes it.
 * `out` may be NULL. Returns DATELINE_OK; DATELINE_BAD_INPUT (an article with no title, no body
 * and no identity: nothing was written, go on with the next); DATELINE_READ_ONLY (an index
 * opened for reading); DATELINE_BAD_ARGUMENT (a NULL pointer); DATELINE_LOCKED; DATELINE_XAPIAN_ERROR; DATELINE_FILE_ERROR (a full disk, an I/O error);
 * DATELINE_CORRUPT; DATELINE_NO_MEMORY. After any of these the batch being written is dropped,
 * the index keeps its last commit, and every later add or commit returns the same error: close
 * the index and start again. */
DATELINE_API dateline_status_t dateline_index_add(dateline_index_t *index,
                                                  dateline_article_t *article,
                                                  dateline_outcome_t *out);

/* Commits every article added so far, durably (synced unless DATELINE_OPEN_NO_SYNC). Returns
 * DATELINE_OK or an error as for _add(); after an error the index keeps its last commit. */
DATELINE_API dateline_status_t dateline_index_commit(dateline_index_t *index);

/* Deletes the article with id `id`. Returns DATELINE_OK, DATELINE_NOT_FOUND, or an error as for
 * _add(). Like an add, it takes effect at the next commit. */
DATELINE_API dateline_status_t dateline_index_delete(dateline_index_t *index, const char *id);

/* Forgets the origin `path`: a file as it was named when read (dateline-index names it by
 * dateline_path_canonical()), or a folder (every file under it). Articles read from nowhere
 * else are deleted (*deleted counts them); articles that have other origins keep them and
 * stay (*kept counts them). The records of the files (dateline_index_file_set()) at or under
 * `path` go too. Either count pointer may be NULL.
 * Returns DATELINE_OK (also when nothing came from there: both counts are then 0) or an error
 * as for _add(). */
DATELINE_API dateline_status_t dateline_index_delete_origin(dateline_index_t *index,
                                                            const char *path, size_t *deleted,
                                                            size_t *kept);

/* ---- shards (dateline-index --jobs) ----
 * An index folder may hold N shards (shard-0/ ... shard-<N-1>/, each a whole index) and a
 * Xapian stub file XAPIANDB listing them, so that dateline_index_open(READ) of the folder
 * searches them all. A writer opens each shard itself (dateline_index_open() of
 * "FOLDER/shard-K"), adds each article to shard dateline_shard_of(its id, N), and once every
 * shard is closed calls dateline_shards_settle(), which makes what is global whole. */

/* Sequence numbers (the order articles were first added in, which breaks ties in every
 * ranking): the next article that dateline_index_add() adds as new gets `seq` instead of the
 * index's counter (which moves past it); 0 returns to the counter. It holds for the next add
 * only. With `shard` nonzero the index is one shard of several: each article it adds or
 * updates is marked for dateline_shards_settle() (this lasts until set again).
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_index_set_seq(dateline_index_t *index,
                                                      unsigned long long seq, int shard);

/* The sequence number the index's next new article gets, into *out. Returns DATELINE_OK,
 * DATELINE_BAD_ARGUMENT or an error as for dateline_index_reopen(). */
DATELINE_API dateline_status_t dateline_index_next_seq(dateline_index_t *index,
                                                       unsigned long long *out);

/* The shard (0 to shards - 1) of the article with id `id` (dateline_article_ensure_id()):
 * a hash of the id, so that it is found again. 0 when shards < 2 or id is NULL. */
DATELINE_API unsigned dateline_shard_of(const char *id, unsigned shards);

/* Gives an article without an id the id dateline_index_add() would give it (from its source's
 * key, else its content), so that its shard can be known before it is added.
 * Returns DATELINE_OK, DATELINE_BAD_ARGUMENT or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_article_ensure_id(dateline_article_t *article);

/* How many shards the index folder `path` holds: 0 for a plain index (or none there). */
DATELINE_API unsigned dateline_shards_count(const char *path);

/* Makes folder `path` (it may exist, empty) an index of n shards (2 to 1024): the shards,
 * then the stub file, written whole last. Returns DATELINE_OK, DATELINE_BAD_ARGUMENT, or an
 * error as for dateline_index_open(), with *message (free it with dateline_free()). */
DATELINE_API dateline_status_t dateline_shards_create(const char *path, unsigned n,
                                                      char **message);

/* After a parallel pass over the shards of folder `path` (every shard closed): makes global
 * state whole in every shard: the learned aliases (the earliest teaching of each acronym wins,
 * as in one index), the sequence counter, and the story chains of the articles marked by the
 * pass (looked up over all shards, so that they are those one index gives). Re-runnable: after
 * a crash, running it again finishes the work. *settled (may be NULL) counts the articles
 * settled; *replaced (may be NULL) those that were, over all shards, an update: their file
 * and key had given another article, now gone (DATELINE_UPDATED, where a shard said
 * DATELINE_ADDED). Returns DATELINE_OK (also for a plain index: nothing to do), DATELINE_LOCKED, or an
 * error as for dateline_index_add(), with *message. */
DATELINE_API dateline_status_t dateline_shards_settle(const char *path, size_t *settled,
                                                      size_t *replaced, char **message);

/* Merges the shards of folder `path` into one compact index that replaces them (a plain index
 * is compacted): written beside it, then renamed into place, so that a crash leaves the old
 * folder or the new one. Metadata that the shards hold differently is resolved as
 * dateline_shards_settle() does (the sequence counter: the highest). Returns DATELINE_OK,
 * DATELINE_NOT_FOUND, DATELINE_LOCKED, DATELINE_FILE_ERROR or an error as for
 * dateline_index_open(), with *message. */
DATELINE_API dateline_status_t dateline_index_compact(const char *path, char **message);

/* Compacts the index at folder `path` where it is, changing nothing else: a plain index as
 * dateline_index_compact() does, an index of shards shard by shard, keeping its shards (so that
 * later writes still go to every core). Each database is written beside itself and swapped in
 * while its write lock is held: a search or a crash finds the old one or the new one, and no
 * writer's work can be lost in between. Every article keeps its internal number. What a
 * compaction killed before its end left beside the index is removed first (or, for an index
 * missing from `path` and an old copy beside it, the old copy put back). Needs free space for
 * the largest database's compact copy. Returns DATELINE_OK, DATELINE_NOT_FOUND,
 * DATELINE_LOCKED (a writer has it), DATELINE_FILE_ERROR or an error as for
 * dateline_index_open(), with *message. */
DATELINE_API dateline_status_t dateline_index_compact_in_place(const char *path, char **message);

/* The one spelling of a path that dateline-index records as an origin, so that "x", "./x" and
 * "/abs/x" name one file: an absolute path without "." or ".." or a doubled '/'; a folder that
 * exists is its real path (links resolved), anything else the canonical form of its folder and
 * its own name (a link to a file keeps its name; a file gone from disk can still be named).
 * "-" (standard input) stays "-". Returns a string to free with dateline_free(), or NULL (path
 * NULL or empty, no memory, or the current folder unreadable). */
DATELINE_API char *dateline_path_canonical(const char *path);

/* Files read: what the index records of each, so that a re-run leaves a file that has not
 * changed unread (as notmuch new does), and can tell which recorded files are gone. */
typedef struct {
    unsigned long long size;    /* bytes */
    long long mtime;            /* last modification, seconds since 1970 */
    long mtime_ns;              /* and its nanoseconds */
    unsigned long long hash;    /* a hash of its bytes (dateline_file_stat()) */
    unsigned long long options; /* the caller's fingerprint of how it was read (its options):
                                 * a record read otherwise does not count as unchanged */
    size_t articles;            /* the articles it gave that are in the index */
    dateline_format_t format;   /* the format they were read as */
    size_t rejected;            /* its records that were rejected (dateline-index reads a file
                                 * with rejections again on each run, to tell them again) */
} dateline_file_t;

/* The size and modification time of the regular file at `path` into *out, and with `hash`
 * nonzero, a 64-bit hash of its bytes (FNV-1a; it reads the whole file). The other fields are
 * 0 (format DATELINE_FORMAT_AUTO). Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (a NULL
 * argument, or not a regular file: a folder, a device, a pipe); DATELINE_FILE_ERROR (it
 * cannot be read: errno says why). */
DATELINE_API dateline_status_t dateline_file_stat(const char *path, int hash,
                                                  dateline_file_t *out);

/* The record of file `path` (as it was recorded: dateline-index records canonical paths)
 * into *out. The first call reads every record of the index in one pass. Over an index in
 * shards (a folder written by dateline-index --jobs), each shard's records are read apart, and
 * a file that some shard does not record, or records otherwise, has no record here (a run
 * killed between two shards' commits leaves it so: read it again); dateline_index_file_nth()
 * still lists it.
 * Returns DATELINE_OK; DATELINE_NOT_FOUND (no record); DATELINE_BAD_ARGUMENT;
 * DATELINE_CORRUPT, DATELINE_MODIFIED, DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_index_file_get(dateline_index_t *index, const char *path,
                                                       dateline_file_t *out);

/* Records what file `path` is and gave (replacing its record), in the batch being written:
 * call it once the file's last article was added, and the record is committed with them or
 * after them, never before (an interrupted run leaves the file unrecorded: the next reads it).
 * Returns DATELINE_OK, DATELINE_BAD_ARGUMENT (read-only index, a NULL or empty argument, an
 * unknown format) or an error as for _add(). */
DATELINE_API dateline_status_t dateline_index_file_set(dateline_index_t *index, const char *path,
                                                       const dateline_file_t *file);

/* Recorded file i (from 0, in byte order of their paths) at or under `folder`: its path in
 * *path, its record in *out (may be NULL). The list is made when i is 0 (or the folder
 * changes), so that the files can be forgotten (dateline_index_delete_origin()) while going
 * through it. The string belongs to the index and lasts until the next call with i 0.
 * Returns DATELINE_OK; DATELINE_END when i is past the last; DATELINE_BAD_ARGUMENT (a NULL
 * pointer); DATELINE_MODIFIED, DATELINE_CORRUPT, DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY,
 * with dateline_index_message() saying why. */
DATELINE_API dateline_status_t dateline_index_file_nth(dateline_index_t *index,
                                                       const char *folder, size_t i,
                                                       const char **path, dateline_file_t *out);

/* What an index holds (dateline_index_stats()). The caller sets `version` (with
 * DATELINE_STATS_INIT or dateline_stats_init()); the library fills the fields that version
 * has, so that a program built against an older header keeps working when fields are added. */
#define DATELINE_STATS_VERSION 1
typedef struct {
    int version;                /* DATELINE_STATS_VERSION */
    size_t articles;            /* articles */
    size_t dated;               /* articles with a date */
    char first[20], last[20];   /* the earliest and latest date ("" when none is dated) */
    size_t origins;             /* distinct files articles were read from */
    size_t copies;              /* articles read from more than one file or record */
    size_t repaired;            /* articles whose text was repaired (REPAIRED) */
    unsigned long long bytes;   /* size of the index's files on disk */
} dateline_stats_t;
#define DATELINE_STATS_INIT { DATELINE_STATS_VERSION, 0, 0, "", "", 0, 0, 0, 0 }
/* Sets *stats to zero and its version to DATELINE_STATS_VERSION. Returns DATELINE_OK, or
 * DATELINE_BAD_ARGUMENT when stats is NULL. */
DATELINE_API dateline_status_t dateline_stats_init(dateline_stats_t *stats);
/* Fills *out (its `version` set by the caller) with what the index holds.
 * Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (a NULL pointer, or a version this library does
 * not know: 0, or newer than it); DATELINE_MODIFIED, DATELINE_CORRUPT, DATELINE_XAPIAN_ERROR or
 * DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_index_stats(dateline_index_t *index,
                                                    dateline_stats_t *out);

/* The values a filter field takes in the index with how many articles have each, commonest
 * first: value i (from 0) of DATELINE_FIELD_CHARSET, _SOURCE, _TOPICS, _DATELINES or _REPAIRED
 * as its filter key ("windows-1252") in *value, with its count in *count (may be NULL). The
 * string belongs to the index and lasts until the next call.
 * Returns DATELINE_OK; DATELINE_END when i is past the last value; DATELINE_BAD_ARGUMENT (a
 * NULL pointer, or another field); DATELINE_MODIFIED, DATELINE_CORRUPT, DATELINE_XAPIAN_ERROR
 * or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_index_value(dateline_index_t *index,
                                                    dateline_field_t field, size_t i,
                                                    const char **value, size_t *count);

/* Reads the article with id `id` from the index into *out (free with
 * dateline_article_destroy()). Returns DATELINE_OK, DATELINE_NOT_FOUND, DATELINE_CORRUPT,
 * DATELINE_MODIFIED, DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_index_get(dateline_index_t *index, const char *id,
                                                  dateline_article_t **out);

/* Number of articles in the index. */
DATELINE_API dateline_status_t dateline_index_count(dateline_index_t *index, size_t *out);

/* ------------------------------------------------------------------------------------------ */
/* Explanations: why an article has its places and groups */

typedef struct dateline_explanation dateline_explanation_t;

typedef enum {
    DATELINE_ENTITY_PLACE = 0, /* a place of the article (DATELINE_FIELD_PLACE_IDS) */
    DATELINE_ENTITY_GROUP,     /* a group of the article (DATELINE_FIELD_GROUPS) */
    DATELINE_ENTITY_LEARNED    /* a group that group: finds the article by, through an acronym
                                * of its text that another article defined (an alias the
                                * index holds now); not among its stored groups */
} dateline_entity_kind_t;

/* Explains the places and groups of the article with id `id`: extraction runs again on the
 * stored article with its decisions recorded (extraction is deterministic, and nothing is
 * recorded while articles go in), then the aliases the index has learned are looked up for the
 * acronyms of its text (those it holds now: an alias learned after the article went in shows
 * too). The source's own labels (Reuters PLACES and ORGS) are not stored apart from what was
 * found; the explanation infers them from the stored saliences and order (a group label
 * that the text names too and that changes nothing in the order is counted as the text's
 * alone, its salience then without the label's part), and dateline_explanation_exact() says
 * whether its extraction gave exactly the stored places and groups. Entities come places first, then groups, each most salient first as stored,
 * then the learned groups.
 * Returns DATELINE_OK with *out (free with dateline_explanation_destroy()); DATELINE_NOT_FOUND
 * (no article with that id); DATELINE_BAD_ARGUMENT (a NULL pointer, or an index without an
 * extractor); DATELINE_CORRUPT, DATELINE_MODIFIED, DATELINE_XAPIAN_ERROR or
 * DATELINE_NO_MEMORY; dateline_index_message() says more. */
DATELINE_API dateline_status_t dateline_index_explain(dateline_index_t *index, const char *id,
                                                      dateline_explanation_t **out);

/* Frees an explanation and every string it gave. Accepts NULL. */
DATELINE_API void dateline_explanation_destroy(dateline_explanation_t *explanation);

/* How many entities (places and groups) it explains. */
DATELINE_API size_t dateline_explanation_count(const dateline_explanation_t *explanation);

/* Whether the extraction it records gave exactly the article's stored places (ids and
 * saliences), groups (in order) and acronyms: 1, or 0 (the stored ones came from another
 * version of the extractor or gazetteer, or the labels could not be inferred). */
DATELINE_API int dateline_explanation_exact(const dateline_explanation_t *explanation);

/* Entity i (from 0): its kind, its id (a place's gazetteer id, "=key" for a source's label the
 * gazetteer does not know; a group's folded key), its display name and its salience (what
 * the extractor ranks by: mentions weighed by where they stand; 0 for a learned group). Any
 * of the output pointers may be NULL. Strings belong to the explanation.
 * Returns DATELINE_OK; DATELINE_END when i is past the last; DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_explanation_entity(const dateline_explanation_t *explanation,
                                                           size_t i, dateline_entity_kind_t *kind,
                                                           const char **id, const char **name,
                                                           int *salience);

/* How many mentions entity i has, in *out. Returns DATELINE_OK, DATELINE_END (no entity i) or
 * DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_explanation_mentions(const dateline_explanation_t *explanation,
                                                             size_t i, size_t *out);

/* Mention j of entity i: where its words stand (value `nth` of `field`, from 0, at byte
 * `offset` of it: DATELINE_FIELD_TITLE or _BODY with nth 0 for the text; _PLACES or _GROUPS
 * for a label the source gave; _DATELINES for a place of the dateline), the words as written,
 * and the rule that took them: "dateline", "dateline qualifier", "gazetteer name", "gazetteer acronym",
 * "demonym", "qualifier", "historical state", "source label", "group list name", "group list acronym",
 * "weak alias confirmed", "acronym defined in text", "initials of a named group",
 * "organisation word", "party by its members or adjective", "group as a modifier",
 * "group heading a body's name", "medium beside its kind", "body named bare", "sports club",
 * "sports club's short name", "name with a designator", "name the story taught",
 * "short form of a longer name", "name tagger" or "learned alias" (README, "Why a place or a
 * group: --explain", says what each means). Any output pointer may be NULL; strings belong to
 * the explanation. Returns DATELINE_OK, DATELINE_END (no such mention) or
 * DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_explanation_mention(const dateline_explanation_t *explanation,
                                                            size_t i, size_t j,
                                                            dateline_field_t *field, size_t *nth,
                                                            size_t *offset, const char **words,
                                                            const char **rule);

/* How many candidates entity i beat, in *out: other entries of the gazetteer or the group
 * list that its words could have meant. Returns as dateline_explanation_mentions(). */
DATELINE_API dateline_status_t dateline_explanation_candidates(const dateline_explanation_t *explanation,
                                                               size_t i, size_t *out);

/* Candidate j of entity i: its id, its name and why it lost ("set aside: ..., scored 27
 * against 90 ..."). Any output pointer may be NULL; strings belong to the explanation.
 * Returns DATELINE_OK, DATELINE_END or DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_explanation_candidate(const dateline_explanation_t *explanation,
                                                              size_t i, size_t j, const char **id,
                                                              const char **name,
                                                              const char **why);

/* ------------------------------------------------------------------------------------------ */
/* Queries and results */

typedef struct dateline_query dateline_query_t;
typedef struct dateline_results dateline_results_t;
typedef struct dateline_result dateline_result_t;

typedef enum {
    DATELINE_SORT_RELEVANCE = 0, /* BM25 */
    DATELINE_SORT_NEWEST,        /* by date, newest first; undated last */
    DATELINE_SORT_OLDEST,        /* by date, oldest first; undated last */
    DATELINE_SORT_RECENT         /* BM25 plus a recency bonus that halves every half-life
                                  * (dateline_query_set_half_life()) back from the newest
                                  * story in the index; undated stories get none */
} dateline_sort_t;

/* Parses `text` in Dateline's query language (see dateline-search(1)) into *out.
 * Returns DATELINE_OK; DATELINE_QUERY_SYNTAX (also for an impossible date) with
 * dateline_index_message() giving the position (counted in characters from 1) and the problem;
 * DATELINE_NO_MEMORY. The query belongs to the index: free it with dateline_query_destroy(),
 * or it goes when the index is closed. */
DATELINE_API dateline_status_t dateline_query_new(dateline_index_t *index, const char *text,
                                                  dateline_query_t **out);

/* Writes a value so that the query language reads it back exactly: `field:"value"`, or the
 * phrase `"value"` when field is NULL or "". Inside the quotes, '"', '\' and '*' are escaped with
 * a backslash, so that the value is one term whatever it holds (a quote, a backslash, a star
 * that would otherwise make a pattern, the words OR and NOT, parentheses): for a program that
 * builds queries from values it was given,
 *   char *q = dateline_query_quote("place", user_place);   place:"Deir al-Zor"
 * Returns the text (free with dateline_free()), or NULL when value is NULL, field holds
 * anything but ASCII letters, or memory ran out. */
DATELINE_API char *dateline_query_quote(const char *field, const char *value);

/* "More like this": a query for the articles that share the most distinctive words with the
 * article whose id is `id`, best first. Its words are chosen by Xapian's relevance feedback
 * with the article as the one relevant document: the 40 body and headline words most
 * particular to it against the whole index (each then looked for in bodies and headlines
 * alike). The article itself and the other versions of its story chain are left out.
 * `filter` may be NULL; else it is a query in Dateline's query language (as for
 * dateline_query_new()) that every result must also match, without changing the order
 * ("date:2017", "place:syria"). The query runs, counts, facets, sorts and pages like any other.
 * Returns DATELINE_OK; DATELINE_NOT_FOUND (no article with that id; dateline_index_message()
 * says so); for the filter, what dateline_query_new() returns; DATELINE_BAD_ARGUMENT (index,
 * id or out is NULL); DATELINE_MODIFIED (reopen and retry), DATELINE_CORRUPT,
 * DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY. The query belongs to the index: free it with
 * dateline_query_destroy(), or it goes when the index is closed. */
DATELINE_API dateline_status_t dateline_query_new_similar(dateline_index_t *index, const char *id,
                                                          const char *filter,
                                                          dateline_query_t **out);

/* Frees a query and its results. Accepts NULL. */
DATELINE_API void dateline_query_destroy(dateline_query_t *query);

/* Sets the order of results. Returns DATELINE_OK or DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_query_set_sort(dateline_query_t *query,
                                                       dateline_sort_t sort);

/* The half-life of DATELINE_SORT_RECENT's bonus, in days (default 30). The bonus for a
 * story from the newest day is `weight` (default 2.0, about what one well-matched word
 * scores), half that a half-life earlier, and so on.
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT (a half-life or weight that is not above 0). */
DATELINE_API dateline_status_t dateline_query_set_half_life(dateline_query_t *query, double days,
                                                            double weight);

/* The query as Xapian understood it, for debugging. Belongs to the query. */
DATELINE_API const char *dateline_query_describe(dateline_query_t *query);

/* Counts every match exactly. Returns DATELINE_OK, DATELINE_MODIFIED (reopen and retry),
 * DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_query_count(dateline_query_t *query, size_t *out);

/* Whether results list every article (nonzero) or each story chain once (0, the default): its
 * best-ranked article, with dateline_result_versions() telling how many the chain has. Counts
 * (dateline_query_count(), dateline_results_total()) are of articles either way.
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_query_set_all_versions(dateline_query_t *query, int all);

/* How many matches dateline_query_run() counts exactly: past `bound` it stops counting once
 * the page is in hand, and dateline_results_total_exact() says 0. 0 (the default) counts every
 * match. A large archive answers a top-10 search in the time the top 10 takes with a bound
 * (dateline-search uses 1000); facets and timelines count every match whatever the bound.
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT (a NULL query). */
DATELINE_API dateline_status_t dateline_query_set_total_bound(dateline_query_t *query,
                                                              size_t bound);

/* Runs the query and returns matches offset .. offset+limit-1 in *out, with a total that is
 * exact up to the query's bound (dateline_query_set_total_bound(); exact by default).
 * The results belong to the query (free early with dateline_results_destroy()).
 * Returns as dateline_query_count(). */
DATELINE_API dateline_status_t dateline_query_run(dateline_query_t *query, size_t offset,
                                                  size_t limit, dateline_results_t **out);

/* Facets: the commonest values of a field over ALL matches, with exact counts. Ask for them
 * before dateline_query_run(); read them from its results. `field` is DATELINE_FIELD_PLACES,
 * _GROUPS, _TOPICS, _DATELINES or _SOURCE (an index written before the source facet has none);
 * `top` is how many values to keep (the most frequent).
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT. */
DATELINE_API dateline_status_t dateline_query_add_facet(dateline_query_t *query,
                                                        dateline_field_t field, size_t top);

/* The name a facet of `field` goes by, the same as its filter's in the query language
 * ("place" for DATELINE_FIELD_PLACES, "dateline" for _DATELINES); NULL when no facet counts
 * that field. The string is static. */
DATELINE_API const char *dateline_facet_name(dateline_field_t field);
/* The field of the facet named `name` ("group": DATELINE_FIELD_GROUPS) into *out. Returns
 * DATELINE_OK, DATELINE_NOT_FOUND when no facet has that name, or DATELINE_BAD_ARGUMENT (NULL). */
DATELINE_API dateline_status_t dateline_facet_from_name(const char *name, dateline_field_t *out);

/* Timelines: how many matches fall in each day, week (starting Monday), month or year, with
 * the commonest places and groups of each period. Ask before dateline_query_run().
 * A match is in the period its date falls in when its date is known at least that precisely:
 * an article dated only to a month is in no day or week (dateline_results_timeline_coarser()
 * counts it), one without a date in no period at all (dateline_results_timeline_undated()).
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT (no query, or no such period). */
typedef enum {
    DATELINE_TIMELINE_NONE = 0,
    DATELINE_TIMELINE_DAY,
    DATELINE_TIMELINE_WEEK,
    DATELINE_TIMELINE_MONTH,
    DATELINE_TIMELINE_YEAR
} dateline_timeline_t;
DATELINE_API dateline_status_t dateline_query_set_timeline(dateline_query_t *query,
                                                           dateline_timeline_t period);

/* Series: the timeline also counts, in each period, the matches that have each of the `top`
 * commonest values of facet `field` over all matches (dated or not), one series per value.
 * `field` is DATELINE_FIELD_PLACES, _GROUPS, _TOPICS or _DATELINES; `top` 0 asks for no
 * series (the default). The counts are exact. They are made only with a timeline
 * (dateline_query_set_timeline()). Ask before dateline_query_run().
 * Returns DATELINE_OK or DATELINE_BAD_ARGUMENT (no query, or another field with top > 0). */
DATELINE_API dateline_status_t dateline_query_set_timeline_by(dateline_query_t *query,
                                                              dateline_field_t field, size_t top);

/* How many values facet `field` has in these results (at most its `top`). */
DATELINE_API size_t dateline_results_facet_size(const dateline_results_t *results,
                                                dateline_field_t field);
/* Value i (from 0, most frequent first) of facet `field`: its display text (belongs to the
 * results) and count. Returns NULL when out of range. */
DATELINE_API const char *dateline_results_facet_get(const dateline_results_t *results,
                                                    dateline_field_t field, size_t i,
                                                    size_t *count);

/* How many periods the timeline has: every period from the first to the last that has
 * matches, oldest first, those between without matches too (with count 0); 0 when no match
 * has a date precise enough for the period. */
DATELINE_API size_t dateline_results_timeline_size(const dateline_results_t *results);
/* Period i (from 0): its label ("2017-10-16" for the week starting that Monday, "2017-10-16",
 * "2017-10", "2017") and, in *count (may be NULL), how many matches it has (0 for a period
 * between others without matches). The label belongs to the results; that of a period
 * without matches lasts until the next call of this function on them, the others as long as
 * the results. Returns NULL when i is out of range. */
DATELINE_API const char *dateline_results_timeline_get(const dateline_results_t *results,
                                                       size_t i, size_t *count);
/* Value j (from 0, commonest first; at most 3) of `field` (DATELINE_FIELD_PLACES or _GROUPS)
 * among the matches of period i, with in *count (may be NULL) how many of them have it.
 * The string belongs to the results. Returns NULL when i or j is out of range, for a period
 * without matches, or for another field. */
DATELINE_API const char *dateline_results_timeline_top(const dateline_results_t *results,
                                                       size_t i, dateline_field_t field,
                                                       size_t j, size_t *count);
/* How many matches are in no period of the timeline because they have no date (or one the
 * index cannot read), and how many because their date is less precise than the period: dated
 * only to a month or a year in a timeline by day or week, only to a year in one by month
 * (always 0 by year). These two and the counts of all periods add up to
 * dateline_results_total().
 * 0 when no timeline was asked for. */
DATELINE_API size_t dateline_results_timeline_undated(const dateline_results_t *results);
DATELINE_API size_t dateline_results_timeline_coarser(const dateline_results_t *results);

/* How many series the timeline has (dateline_query_set_timeline_by()): at most `top`, fewer when
 * the matches have fewer values. */
DATELINE_API size_t dateline_results_series_size(const dateline_results_t *results);
/* The field the series are values of (dateline_query_set_timeline_by()), or
 * DATELINE_FIELD_COUNT_ when the timeline has no series. */
DATELINE_API dateline_field_t dateline_results_series_field(const dateline_results_t *results);
/* Series s (from 0, commonest first, ties by value): its value (belongs to the results) and, in
 * *count (may be NULL), how many matches have it, dated or not. NULL when out of range. */
DATELINE_API const char *dateline_results_series_get(const dateline_results_t *results,
                                                     size_t s, size_t *count);
/* How many matches in period i of the timeline have the value of series s; 0 when either is
 * out of range. */
DATELINE_API size_t dateline_results_series_count(const dateline_results_t *results, size_t s,
                                                  size_t i);

/* Frees results and every result and string they returned. Accepts NULL. */
DATELINE_API void dateline_results_destroy(dateline_results_t *results);

/* The number of articles matching the query: exact when dateline_results_total_exact() says
 * so (always, unless a bound was set), else a lower bound: the bound, or the last rank of the
 * page when the page goes past it. */
DATELINE_API size_t dateline_results_total(const dateline_results_t *results);

/* 1 when dateline_results_total() and dateline_results_stories() are exact; 0 when the
 * matches passed the query's bound and they are lower bounds. */
DATELINE_API int dateline_results_total_exact(const dateline_results_t *results);

/* The number of distinct stories (chains) among them, in *out: exact when the total is, else a
 * lower bound (the stories among as many matches as the total says). Counted on first call
 * (a pass over the matches). Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (a NULL pointer);
 * DATELINE_MODIFIED (reopen and retry), DATELINE_CORRUPT, DATELINE_XAPIAN_ERROR or
 * DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_results_stories(const dateline_results_t *results,
                                                        size_t *out);

/* How many results this page holds. */
DATELINE_API size_t dateline_results_size(const dateline_results_t *results);

/* Result i (from 0) of this page, or NULL when out of range. Belongs to the results. */
DATELINE_API dateline_result_t *dateline_results_get(dateline_results_t *results, size_t i);

/* A result's rank over all matches, from 1. */
DATELINE_API size_t dateline_result_rank(const dateline_result_t *result);

/* How many articles the result's story chain holds in the index (1: no other version), in
 * *out. Returns DATELINE_OK; DATELINE_BAD_ARGUMENT (a NULL pointer); DATELINE_MODIFIED (reopen
 * and retry), DATELINE_CORRUPT, DATELINE_XAPIAN_ERROR or DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_result_versions(const dateline_result_t *result,
                                                        size_t *out);

/* A result's BM25 score (0 for filter-only queries). */
DATELINE_API double dateline_result_score(const dateline_result_t *result);

/* The stored article of a result in *out (belongs to the result).
 * Returns DATELINE_OK, DATELINE_CORRUPT, DATELINE_MODIFIED, DATELINE_XAPIAN_ERROR or
 * DATELINE_NO_MEMORY. */
DATELINE_API dateline_status_t dateline_result_article(dateline_result_t *result,
                                                       const dateline_article_t **out);

/* A passage of about `length` bytes of the article's body around the query's terms, with each
 * matching word between `hi_start` and `hi_end` (either may be NULL for none) and "..." where
 * text was cut. Plain text (no HTML escaping). *out belongs to the result and lasts until the
 * next call of this function on it. Returns as dateline_result_article(). */
DATELINE_API dateline_status_t dateline_result_snippet(dateline_result_t *result, size_t length,
                                                       const char *hi_start, const char *hi_end,
                                                       const char **out);

/* The whole headline (DATELINE_FIELD_TITLE) or body (DATELINE_FIELD_BODY) of a result with each
 * word the query matched between `hi_start` and `hi_end` (either may be NULL for none); an
 * empty string when the article has no such field. *out belongs to the result and lasts until
 * the next call of this function on it. Returns as dateline_result_article(), or
 * DATELINE_BAD_ARGUMENT for another field. */
DATELINE_API dateline_status_t dateline_result_highlight(dateline_result_t *result,
                                                         dateline_field_t field,
                                                         const char *hi_start, const char *hi_end,
                                                         const char **out);

#ifdef __cplusplus
}
#endif

#endif /* DATELINE_H */
