/* reader.h: what the format readers share: the reader object and each format's entry points. */
#ifndef DL_READER_H
#define DL_READER_H

#include "extract.h"

/* What a CSV column or JSON key holds (reader-fields.c). */
typedef enum {
    DL_COL_SKIP = 0, DL_COL_TITLE, DL_COL_TEXT, DL_COL_SUMMARY, DL_COL_DATE, DL_COL_TOPIC,
    DL_COL_PLACE, DL_COL_SOURCE, DL_COL_ID, DL_COL_AUTHOR, DL_COL_DATELINE
} dl_col_t;

/* --columns and --fields, parsed. */
typedef struct {
    dl_col_t *columns;   /* --columns: the kind of each column in order */
    size_t ncolumns;
    struct {
        dl_col_t kind;
        char *name;
    } *override;         /* --fields: KIND=NAME */
    size_t noverride;
} dl_map_t;

/* One field of a record: its kind, how good an id it is (lower is better), its raw UTF-8. */
typedef struct {
    dl_col_t kind;
    int rank;
    const char *v;
    size_t n;
} dl_value_t;

typedef struct dl_format_row dl_format_row_t;

struct dateline_reader {
    char *data;                        /* the whole input, NUL-terminated */
    size_t len;                        /* its length */
    char *name;                        /* origin file recorded in articles */
    char *encoding;                    /* charset for invalid UTF-8 (iconv name) */
    const char *declared;              /* what a byte-order mark said the input was ("utf-16"),
                                        * converted to UTF-8 on opening; or NULL */
    int force_encoding;                /* read everything as `encoding` */
    int has_date;                      /* `date` holds the run's --date */
    dl_date_t date;                    /* the run's --date */
    size_t pos;                        /* where the next record starts */
    size_t line;                       /* line number at pos, from 1 */
    size_t position;                   /* line of the record last returned or rejected */
    int done;                          /* no more records */
    dateline_article_t *article;       /* the article last returned */
    char *message;                     /* why the last record was rejected, or a note */
    size_t file_size;                  /* bytes of the file when only its start was read */
    dl_map_t map;                      /* --columns and --fields */
    char *topic;                       /* a topic for every article, or NULL */
    char *pending;                     /* a note from opening, told with the first article */
    const dl_format_row_t *row;        /* the format's row of the table */
    void *state;                       /* the format's own state (row->state_size bytes, zeroed
                                        * at opening), or NULL */
};

/* Limits that keep memory bounded whatever the input (README, Reliability):
 * an article's text beyond DL_MAX_ARTICLE bytes is not read (with a note), and of a file
 * larger than DL_MAX_FILE only enough for one article is read: a one-article file is cut like
 * any long article, a file of many articles is rejected with advice to split it. */
#define DL_MAX_ARTICLE ((size_t)4 << 20)
#define DL_MAX_FILE ((size_t)256 << 20)

/* One input format: a row of the format table. Each reader's file defines its row
 * (dl_format_csv in reader-csv.c); reader.c lists the rows in the order detection tries them. */
struct dl_format_row {
    dateline_format_t format;          /* its value in the public enum */
    const char *name;                  /* what --format takes and messages say: "csv" */
    const char *const *aliases;        /* other names --format takes ("tsv"), NULL-ended, or NULL */
    const char *const *extensions;     /* file name extensions that mean it when no content
                                        * does ("csv"), NULL-ended, or NULL */
    /* Whether the first n bytes of an input (at most 64 KB) are in this format; NULL: only the
     * extensions (or --format) say so. */
    int (*sniff)(const char *p, size_t n);
    /* Fills r->article from the next record, or returns END, or BAD_INPUT with r->message set
     * (dl_reader_say()) and r->position at the record's line; sets r->done after the last. */
    dateline_status_t (*next)(dateline_reader_t *r);
    size_t state_size;                 /* bytes of r->state, zeroed when the reader opens */
    void (*free)(void *state);         /* frees what the state holds (not the state itself), or
                                        * NULL when it holds no memory of its own */
};

/* The row of a format, or NULL (DATELINE_FORMAT_AUTO, or a value with no row). */
const dl_format_row_t *dl_format_row(dateline_format_t format);
/* The rows, in the order detection tries them: n of them. */
const dl_format_row_t *const *dl_format_rows(size_t *n);

/* --columns and --fields (reader-fields.c). dl_map_parse() sets *message on a bad value. */
dateline_status_t dl_map_parse(dl_map_t *m, const char *columns, const char *fields,
                               char **message);
void dl_map_free(dl_map_t *m);
/* The kind of the column or key `name` (n bytes): from --fields, else the usual names. */
dl_col_t dl_map_name(const dl_map_t *m, const char *name, size_t n, int *rank);
/* Fills r->article from a record's values; `what` is its origin key ("12" for row 12). */
dateline_status_t dl_reader_record(dateline_reader_t *r, const dl_value_t *vals, size_t nvals,
                                   const char *what);

/* Like dl_reader_decode(), but the bytes are said to be in `declared` (a MIME or XML charset;
 * NULL when nothing was declared): honoured when the bytes fit it, else read as they are. */
char *dl_reader_decode_declared(dateline_reader_t *r, const char *p, size_t n,
                                const char *declared, size_t *outlen, dateline_status_t *status);

/* ---- opening a reader (reader.c); a file's bytes come in through input.c ---- */
/* Opens a reader over len bytes at data (`name` in messages), as
 * dateline_reader_open_memory(); when `owned` points to data (malloc'ed, NUL-terminated), the
 * reader takes it instead of a copy and sets *owned to NULL. */
dateline_status_t dl_reader_open_any(const void *data, size_t len, const char *name,
                                     const dateline_reader_options_t *opt,
                                     dateline_reader_t **out, char **message, char **owned);
/* Whether the first block of an input is binary (a NUL, or many control characters), which
 * gzip and UTF-16 are not. */
int dl_binary_start(const char *p, size_t n);

/* Inflates gzip data (members one after another too) into out, at most `cap` bytes.
 * DATELINE_OK with *note set when the data was cut short or damaged after some text;
 * DATELINE_BAD_INPUT with *note saying why when nothing can be read or it inflates past cap. */
dateline_status_t dl_gunzip(const char *p, size_t n, size_t cap, dl_buf_t *out, char **note);

/* Turns n bytes of one article's input into clean-able UTF-8: kept as they are when valid
 * (and not forced), else converted from r->encoding. Sets the article's charset, and a note in
 * r->message when the bytes were not UTF-8. Returns malloc'ed text (length *outlen) or NULL. */
char *dl_reader_decode(dateline_reader_t *r, const char *p, size_t n, size_t *outlen,
                       dateline_status_t *status);

/* Sets the article's date from what the source gave, the dateline's day and month, or --date,
 * in that order of preference. `source_date` may be NULL. */
dateline_status_t dl_reader_date(dateline_reader_t *r, const dl_date_t *source_date,
                                 const dl_lead_t *lead);

/* How many line ends the n bytes at p hold. */
size_t dl_count_lines(const char *p, size_t n);

/* Records a note or a rejection reason (printf-style) in r->message. */
void dl_reader_say(dateline_reader_t *r, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Sets the dateline fields (DATELINE, DATELINES, SOURCE) from a parsed lead. */
dateline_status_t dl_reader_lead(dateline_article_t *a, const dl_lead_t *lead);

/* ---- the charset of XML and HTML, for reader-xml.c (markup-charset.c) ---- */
/* What libxml2 should read the n bytes at p as: the charset they declare when the bytes fit
 * it, else what they are (valid UTF-8, or r->encoding). Sets the article's CHARSET and
 * REPAIRED, with a note. Puts the iconv name into `use` (cap bytes). */
dateline_status_t dl_markup_charset(dateline_reader_t *r, const char *p, size_t n, char *use,
                                    size_t cap);

/* ---- MIME transfer encodings, for reader-mail.c (mime.c) ---- */
/* Appends the n bytes at p decoded from quoted-printable (RFC 2045), or from RFC 2047's Q
 * encoding when `q` ('_' is a space). */
void dl_mime_unqp(dl_buf_t *b, const char *p, size_t n, int q);
/* Appends the n bytes at p decoded from base64; characters outside the alphabet (line ends)
 * are skipped, and '=' ends it. */
void dl_mime_unbase64(dl_buf_t *b, const char *p, size_t n);
/* Decodes the RFC 2047 encoded word at p (before end), "=?charset?B|Q?text?=", to UTF-8 onto
 * out (read as `fallback` when the charset is unknown). Returns where the word ends, or NULL
 * when p starts none. */
const char *dl_mime_word(const char *p, const char *end, const char *fallback, dl_buf_t *out);

#endif
