/* reader.h: what the format readers share: the reader object and each format's entry points. */
#ifndef DL_READER_H
#define DL_READER_H

#include "dl.h"

struct dateline_reader {
    char *data;                        /* the whole input, NUL-terminated */
    size_t len;                        /* its length */
    char *name;                        /* origin file recorded in articles */
    dateline_format_t format;          /* detected or forced */
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
};

/* Limits that keep memory bounded whatever the input (README, Reliability):
 * an article's text beyond DL_MAX_ARTICLE bytes is not read (with a note), and of a file
 * larger than DL_MAX_FILE only enough for one article is read: a one-article file is cut like
 * any long article, a file of many articles is rejected with advice to split it. */
#define DL_MAX_ARTICLE ((size_t)4 << 20)
#define DL_MAX_FILE ((size_t)256 << 20)

/* Each reader fills r->article from its next record or returns END / BAD_INPUT (with
 * r->message set). */
dateline_status_t dl_read_text(dateline_reader_t *r);
dateline_status_t dl_read_sgml(dateline_reader_t *r);

/* Turns n bytes of one article's input into clean-able UTF-8: kept as they are when valid
 * (and not forced), else converted from r->encoding. Sets the article's charset, and a note in
 * r->message when the bytes were not UTF-8. Returns malloc'ed text (length *outlen) or NULL. */
char *dl_reader_decode(dateline_reader_t *r, const char *p, size_t n, size_t *outlen,
                       dateline_status_t *status);

/* Sets the article's date from what the source gave, the dateline's day and month, or --date,
 * in that order of preference. `source_date` may be NULL. */
dateline_status_t dl_reader_date(dateline_reader_t *r, const dl_date_t *source_date,
                                 const dl_lead_t *lead);

/* Records a note or a rejection reason (printf-style) in r->message. */
void dl_reader_say(dateline_reader_t *r, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Sets the dateline fields (DATELINE, DATELINES, SOURCE) from a parsed lead. */
dateline_status_t dl_reader_lead(dateline_article_t *a, const dl_lead_t *lead);

#endif
