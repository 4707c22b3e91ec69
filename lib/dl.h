/* dl.h: what the parts of libdateline share with each other and with the unit tests, not with users. */
#ifndef DL_H
#define DL_H

#include <stddef.h>
#include <stdint.h>
#include "dateline.h"
#include "schema.h"
#include "trace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- growable byte buffer (util.c) ---- */
typedef struct {
    char *p;       /* bytes, always NUL-terminated when p is not NULL */
    size_t len;    /* bytes used, not counting the NUL */
    size_t cap;    /* bytes allocated */
    int failed;    /* an allocation failed; further appends are ignored */
} dl_buf_t;

void dl_buf_init(dl_buf_t *b);
void dl_buf_free(dl_buf_t *b);
int dl_buf_reserve(dl_buf_t *b, size_t extra);
void dl_buf_add(dl_buf_t *b, const void *p, size_t n);
void dl_buf_adds(dl_buf_t *b, const char *s);
void dl_buf_addc(dl_buf_t *b, char c);
void dl_buf_printf(dl_buf_t *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the bytes over (caller frees with free()); NULL if an allocation failed. */
char *dl_buf_take(dl_buf_t *b);

char *dl_strndup(const char *s, size_t n);
char *dl_strdup(const char *s);
char *dl_format(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* 64-bit hash used for ids and content fingerprints. Stable across versions and machines:
 * changing it changes every id, so it is part of the schema. */
uint64_t dl_hash64(const void *p, size_t n, uint64_t seed);
/* dl_hash64() in steps, for bytes that come in pieces: h = dl_fnv_add(0xcbf29ce484222325 ^
 * seed, piece, n) for each piece in turn, then dl_hash_finish(h). */
uint64_t dl_fnv_add(uint64_t h, const void *p, size_t n);
uint64_t dl_hash_finish(uint64_t h);
/* Writes 16 lower-case hex digits and a NUL into out[17]. */
void dl_hex64(uint64_t h, char out[17]);

/* ---- text (normalize.c) ---- */
/* Whether n bytes at p are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
int dl_utf8_valid(const char *p, size_t n);
/* How many of the n bytes at s fit in a buffer of `cap` bytes with its NUL, without cutting a
 * UTF-8 sequence in two: n itself when it fits, else cap - 1 backed up to a character start. */
size_t dl_utf8_fit(const char *s, size_t n, size_t cap);
/* Length of the valid UTF-8 sequence at p (1..4), or 0 when the bytes there are not one. */
size_t dl_utf8_seqlen(const unsigned char *p, size_t n);
/* Writes code point cp (at most U+10FFFF) as UTF-8 into out; returns its length (1..4). */
size_t dl_utf8_put(unsigned long cp, char out[4]);
/* The character reference of HTML or SGML at p (n bytes, from its '&'): a number (&#233;
 * &#xE9;) or one of the names markup escapes with (amp, lt, gt, quot, apos, nbsp). Returns its
 * length through the ';' with the code point in *cp, unchecked (it may be 0, a control or past
 * U+10FFFF); 0 when p holds none of these. */
size_t dl_entity(const char *p, size_t n, unsigned long *cp);
/* Converts n bytes from charset `from` to UTF-8 through iconv. Bytes the charset does not define
 * become U+FFFD. Returns a malloc'ed NUL-terminated string (length in *outlen when not NULL),
 * or NULL with *status set (DATELINE_CHARSET: unknown charset; DATELINE_NO_MEMORY). */
char *dl_to_utf8(const char *p, size_t n, const char *from, size_t *outlen,
                 dateline_status_t *status);
/* Valid UTF-8 with double-encoded sequences put right: UTF-8 that was read as Windows-1252
 * (or Latin-1) and encoded again ("Ã©" for "é", "â€™" for "’") goes back to what it was.
 * *fixed counts the characters repaired. Returns a malloc'ed string or NULL. */
char *dl_utf8_undouble(const char *s, size_t n, size_t *outlen, size_t *fixed);
/* Cleans valid UTF-8 text: drops control characters (C0 but tab and line ends, DEL, C1),
 * turns CRLF and CR into LF, tabs, no-break spaces and runs of spaces into one space, trims
 * each line, keeps at most one empty line between paragraphs and trims the whole.
 * With `one_line`, line ends become spaces too. Returns a malloc'ed string or NULL. */
char *dl_text_clean(const char *p, size_t n, int one_line);
/* A filter key: lower-case (ASCII and Latin-1 letters), with runs of spaces, underscores and
 * hyphens as one '-', trimmed, at most `max` bytes (cut on a character boundary). Index terms
 * and query filters both go through it, so `place:"El Salvador"` meets `el-salvador`. */
char *dl_key_normalize(const char *s, size_t max);
/* The longest filter key, in bytes: index terms and query filters are cut here (by
 * dl_key_normalize()), well inside Xapian's 245-byte term limit. */
#define DL_KEY_MAX 200

/* ---- dates (date.c) ---- */
typedef struct {
    int year, month, day;   /* month and day are 0 when unknown */
    int hour, minute, second;
    int has_time;
} dl_date_t;

int dl_date_days_in_month(int year, int month);
/* Whether y-m-d is a real calendar day (years 1..9999). */
int dl_date_valid(int year, int month, int day);
/* Month number from an English name or its three-letter abbreviation, any case; 0 if none.
 * `n` is the name's length. */
int dl_month_from_name(const char *s, size_t n);
/* Reuters-21578: "26-FEB-1987 15:01:01.79", leading spaces and trailing junk allowed. */
int dl_date_parse_reuters(const char *s, dl_date_t *out);
/* ISO 8601: "YYYY-MM-DD" optionally followed by "THH:MM[:SS]" (or a space); nothing else after;
 * or "YYYY-MM" or "YYYY" for a date known only to the month or year (day or month left 0). */
int dl_date_parse_iso(const char *s, dl_date_t *out);
/* A line that is wholly a date as news sources write one: ISO, Reuters, "October 18, 2017",
 * "Oct 18, 2017", "18 October 2017", with an optional weekday in front and time after; or a
 * month, "October 2017". */
int dl_date_parse_line(const char *s, size_t n, dl_date_t *out);
/* Any date a source's date field may hold: what dl_date_parse_line() reads, ISO 8601 with
 * fractions and a zone ("2017-10-18T09:30:00.123+02:00"), and mail's two-digit years
 * ("Tue, 20 Apr 93 17:19:15 GMT"). Zones are dropped: the time is the one written. */
int dl_date_parse_any(const char *s, size_t n, dl_date_t *out);
/* The year for a day and month given without one (a dateline's "Feb 26"): whichever of the
 * reference year and its neighbours puts it nearest the reference date. */
int dl_date_year_near(int month, int day, const dl_date_t *ref);
/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" into out (at least 20 bytes). */
void dl_date_format(const dl_date_t *d, char *out);
/* The sortable value-slot key "YYYYMMDDHHMMSS" into out (at least 15 bytes): where the date's
 * span starts (a date known to the month starts on its first day). */
void dl_date_sortkey(const dl_date_t *d, char *out);
/* Where the date's span ends: the last second of its day, month or year, or the time itself. */
void dl_date_endkey(const dl_date_t *d, char *out);

/* ---- articles (article.c) and their stored form (store.c) ---- */
int dl_field_is_list(dateline_field_t f);
/* Sets or appends without normalizing (the value is already clean UTF-8). */
dateline_status_t dl_article_put(dateline_article_t *a, dateline_field_t f, const char *v,
                                 size_t n);
void dl_article_clear(dateline_article_t *a);
void dl_article_clear_field(dateline_article_t *a, dateline_field_t f);

/* ---- extraction: what lib/ takes from it (indexer/extract.h has the extractors) ---- */
/* A short name the text defined for a group: an acronym, "Syrian Democratic Forces (SDF)", or
 * a name written bare after it was written with a designator, "Acme Widgets Inc". */
typedef struct {
    char acronym[64];  /* "SDF", "Acme Widgets" */
    char name[128];    /* "Syrian Democratic Forces", "Acme Widgets Inc" */
} dl_definition_t;
/* What completes an article before an index stores it: an index is given one and runs it in
 * dateline_index_add() on an article without PLACE_IDS. lib/ names no extractor: the default,
 * dl_extractors, is given by dateline_index_open() (indexer/index-defaults.c). */
typedef struct {
    /* Sets the article's PLACE_IDS, PLACES, GROUPS and ACRONYMS and has it carry its chains'
     * signature (dl_article_sign(); the index computes one for an article without), and puts
     * up to `cap` acronym definitions its text makes in defs (*ndefs of them, 0 before the
     * call): the index learns them as aliases (its metadata dateline.alias. and
     * dateline.aliases.). */
    dateline_status_t (*extract)(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                 size_t *ndefs);
    /* Runs extraction again on a stored article (a, as dateline_index_get() gave it: not
     * changed) with its decisions recorded in trace, then dl_trace_final() for each place and
     * group found and dl_trace_set_exact(): whether they are the stored ones. NULL: the
     * extractor explains nothing (dateline_index_explain() says so). */
    dateline_status_t (*explain)(const dateline_article_t *a, dl_trace_t *trace);
} dl_extractor_t;
/* Gives idx the extractor its dateline_index_add() runs; NULL: articles go in as they are
 * given (lib/index-open.cc). */
void dl_index_set_extractor(dateline_index_t *idx, const dl_extractor_t *x);
/* dateline_index_open() as lib/ does it: an index with no extractor (lib/index-open.cc). Same
 * parameters, statuses and ownership. */
dateline_status_t dl_index_open(const char *path, unsigned mode, dateline_index_t **out,
                                char **message);

/* Sets the fallback charset used by dateline_article_set() for invalid UTF-8. */
dateline_status_t dl_article_set_fallback(dateline_article_t *a, const char *charset);

/* The serialized article, zlib-compressed, with the 64-bit fingerprint of its content (every
 * field but id and origin) in *hash. Returns a malloc'ed buffer of *len bytes, or NULL. */
char *dl_store_encode(const dateline_article_t *a, size_t *len, uint64_t *hash);
/* The content fingerprint alone, without compressing; 0 if an allocation failed. */
int dl_store_fingerprint(const dateline_article_t *a, uint64_t *hash);
/* Decodes what dl_store_encode() wrote. DATELINE_CORRUPT when the bytes are not such a record. */
dateline_status_t dl_store_decode(const char *p, size_t n, dateline_article_t **out);
/* The id an article gets: from its identity when set, else from its content fingerprint. */
void dl_article_make_id(const dateline_article_t *a, uint64_t content_hash, char out[17]);

/* ---- the chains' signature (signature.c), carried on the article (article.c) ---- */
/* MinHash signature of a text over its three-word shingles: the share of equal entries in two
 * signatures estimates the resemblance (Jaccard) of the two texts' shingle sets. *shingles
 * says how many shingles there were (0 for fewer than three words). The sig is all
 * UINT32_MAX for those. */
#define DL_MINHASHES 32
void dl_minhash(const char *s, uint32_t sig[DL_MINHASHES], size_t *shingles);
typedef struct {
    uint32_t sig[DL_MINHASHES]; /* the MinHashes */
    size_t shingles;            /* shingles they were taken over; 0: too short to have one */
} dl_signature_t;
/* The signature by which an article's story chain is found: of its body, or of its headline
 * and body when the body is short. DATELINE_OK, or DATELINE_NO_MEMORY. */
dateline_status_t dl_signature_of(const char *title, const char *body, dl_signature_t *out);
/* Computes the article's signature from its TITLE and BODY (dl_signature_of()) and has the
 * article carry it: extraction does, so that the index only stores it. */
dateline_status_t dl_article_sign(dateline_article_t *a);
/* Has the article carry signature s (copied); it is dropped when TITLE or BODY changes. */
void dl_article_set_signature(dateline_article_t *a, const dl_signature_t *s);
/* The signature the article carries, or NULL: none was given, or its text changed since. */
const dl_signature_t *dl_article_signature(const dateline_article_t *a);

/* ---- queries (lib/query-lex.c, lib/query-parse.c) ---- */
/* A parsed query: a tree that the index turns into a Xapian query (lib/query.cc). */
typedef enum {
    DL_Q_WORDS,  /* text: one word, or several as a phrase (text) */
    DL_Q_FILTER, /* filter's value (text: the key, dl_key_normalize'd) */
    DL_Q_DATE,   /* articles whose date span lies within lo..hi */
    DL_Q_ALL,    /* every article */
    DL_Q_AND,    /* every kid (kids with neg set: none of them); no kids: nothing */
    DL_Q_OR,     /* any kid (a kid with neg set: every article but its matches) */
    DL_Q_NEAR    /* the kids' words within `window` words of each other */
} dl_qkind_t;

typedef struct dl_qnode dl_qnode_t;
struct dl_qnode {
    dl_qkind_t kind;
    int neg;                   /* excluded: -x or NOT x */
    size_t at;                 /* character position in the query (from 1), for messages */
    char *text;                /* WORDS: the words as written; FILTER: the key */
    int title;                 /* WORDS: in the headline only (title:) */
    int phrase;                /* WORDS: written in quotes */
    int wild;                  /* WORDS, FILTER: the last word or the key is a beginning (x*) */
    const dl_filter_t *filter; /* FILTER: which one */
    char lo[15], hi[15];       /* DATE: sort keys of the range's ends, "" when open */
    unsigned window;           /* NEAR: NEAR/n's n */
    dl_qnode_t **kids;         /* AND, OR, NEAR: owned */
    size_t nkids;
};

/* Parses a query in Dateline's language (see the grammar in lib/query-parse.c). Returns
 * DATELINE_OK with the tree in *out (free it with dl_qnode_free()), or DATELINE_QUERY_SYNTAX or
 * DATELINE_BAD_ARGUMENT (a bad date) with a malloc'ed message naming the position in
 * *message, or DATELINE_NO_MEMORY. */
dateline_status_t dl_query_parse(const char *q, dl_qnode_t **out, char **message);
void dl_qnode_free(dl_qnode_t *n);

#ifdef __cplusplus
}
#endif

#endif
