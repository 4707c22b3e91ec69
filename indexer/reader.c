/* reader.c: opening a reader over bytes, telling their format (the table of formats), the
 * reader's getters; a file comes in through input.c, and what formats share is in record.c. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <iconv.h>
#include <limits.h>
#include <zlib.h>
#include "reader.h"

#define SNIFF_BYTES 65536

/* Binary: a NUL, or more than one byte in ten a control character no text uses. */
static int looks_binary(const char *p, size_t n)
{
    size_t odd = 0;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0)
            return 1;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B)
            odd++;
    }
    return odd * 10 > n;
}

/* Whether the first block of an input is binary: looks_binary(), unless it is gzip or UTF-16
 * (whose zero bytes fall at every other offset), which dl_reader_open_any() reads. */
int dl_binary_start(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 2 && ((u[0] == 0x1F && u[1] == 0x8B) || (u[0] == 0xFF && u[1] == 0xFE) ||
                   (u[0] == 0xFE && u[1] == 0xFF)))
        return 0;
    size_t zero[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        zero[i % 2] += u[i] == 0;
    if ((zero[0] * 5 >= n / 2 * 2 && zero[1] * 10 <= n / 2) ||
        (zero[1] * 5 >= n / 2 * 2 && zero[0] * 10 <= n / 2))
        return 0; /* many zeros on one side only: UTF-16, perhaps */
    return looks_binary(p, n);
}

static int only_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
            return 0;
    return 1;
}

/* The extension of a file name, seen through a ".gz": "csv" for "x.csv.gz". Into out. */
static const char *extension(const char *name, char *out, size_t cap)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    size_t n = strlen(base);
    if (n > 3 && strcasecmp(base + n - 3, ".gz") == 0)
        n -= 3;
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (base[i] == '.')
            dot = base + i;
    size_t k = dot ? n - (size_t)(dot + 1 - base) : 0;
    if (k >= cap)
        k = 0;
    memcpy(out, dot ? dot + 1 : "", k);
    out[k] = '\0';
    return out;
}

/* The format table: every reader's row, in the order detection tries their sniffers. The order
 * matters: SGML first (a wire file may quote anything), mail before HTML (a mail's body may be
 * HTML), XML and HTML before JSON and CSV, whose sniffers look for less. Text sniffs nothing: it
 * is what an input is read as when no row claims it. */
extern const dl_format_row_t dl_format_sgml, dl_format_mail, dl_format_xml, dl_format_html,
    dl_format_json, dl_format_csv, dl_format_text;
static const dl_format_row_t *const rows[] = {
    &dl_format_sgml, &dl_format_mail, &dl_format_xml, &dl_format_html,
    &dl_format_json, &dl_format_csv,  &dl_format_text,
};
#define NROWS (sizeof rows / sizeof rows[0])

const dl_format_row_t *const *dl_format_rows(size_t *n)
{
    *n = NROWS;
    return rows;
}

const dl_format_row_t *dl_format_row(dateline_format_t format)
{
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i]->format == format)
            return rows[i];
    return NULL;
}

static int listed(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (strcasecmp(*list, name) == 0)
            return 1;
    return 0;
}

/* The format, from the content and the name's extension. A name says what a file is meant to
 * be, but only content decides between text and the rest: a "notes.csv" that is not CSV is
 * read as text. */
static const dl_format_row_t *detect(const char *p, size_t n, const char *name)
{
    size_t k = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    char extbuf[16];
    const char *ext = extension(name, extbuf, sizeof extbuf);
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i]->sniff && rows[i]->sniff(p, k))
            return rows[i];
    for (size_t i = 0; *ext && i < NROWS; i++)
        if (listed(rows[i]->extensions, ext))
            return rows[i]; /* no header it knows: it will say what to do */
    return &dl_format_text;
}

const char *dateline_format_name(dateline_format_t f)
{
    const dl_format_row_t *row = dl_format_row(f);
    return row ? row->name : f == DATELINE_FORMAT_AUTO ? "auto" : "unknown";
}

dateline_format_t dateline_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < NROWS; i++)
        if (strcasecmp(name, rows[i]->name) == 0 || listed(rows[i]->aliases, name))
            return rows[i]->format;
    return DATELINE_FORMAT_AUTO;
}

static void set_message(char **message, const char *fmt, const char *name)
{
    if (message)
        *message = dl_format(fmt, name);
}

static dateline_status_t open_text(const void *data, size_t len, const char *name,
                                   const dateline_reader_options_t *opt, dateline_reader_t **out,
                                   char **message, const char *declared, char **owned);

dateline_status_t dateline_reader_open_memory(const void *data, size_t len, const char *name,
                                              const dateline_reader_options_t *opt,
                                              dateline_reader_t **out, char **message)
{
    return dl_reader_open_any(data, len, name, opt, out, message, NULL);
}

/* Opens a reader over data; when `owned` points to data (malloc'ed, NUL-terminated), the reader
 * takes it instead of a copy and sets *owned to NULL. */
dateline_status_t dl_reader_open_any(const void *data, size_t len, const char *name,
                                     const dateline_reader_options_t *opt,
                                     dateline_reader_t **out, char **message, char **owned)
{
    dateline_reader_options_t defaults = DATELINE_READER_OPTIONS_INIT;
    if (message)
        *message = NULL;
    if (!out || (!data && len))
        return DATELINE_BAD_ARGUMENT;
    *out = NULL;
    if (opt && opt->version == 1) {
        /* a caller built against the first version: its struct ends after `date` */
        defaults.format = opt->format;
        defaults.encoding = opt->encoding;
        defaults.force_encoding = opt->force_encoding;
        defaults.date = opt->date;
        opt = &defaults;
    }
    if (!opt)
        opt = &defaults;
    if (opt->version != DATELINE_READER_OPTIONS_VERSION ||
        (opt->format != DATELINE_FORMAT_AUTO && !dl_format_row(opt->format))) {
        set_message(message, "%s: reader options of an unknown version or format", name ? name : "-");
        return DATELINE_BAD_ARGUMENT;
    }
    if (!name)
        name = "-";
    if (opt->encoding) {
        iconv_t cd = iconv_open("UTF-8", opt->encoding);
        if (cd == (iconv_t)-1) {
            if (message)
                *message = dl_format("unknown encoding '%s' (see iconv --list)", opt->encoding);
            return DATELINE_BAD_ARGUMENT;
        }
        iconv_close(cd);
    }
    /* A UTF-16 byte-order mark says what the bytes are: read them as that (iconv drops the
     * mark) before anything looks at them, and say so in each article. */
    char *converted = NULL;
    const char *declared = NULL;
    const unsigned char *u = data;
    /* Without a mark, text in UTF-16 still shows: the high byte of nearly every character of
     * Latin-script text is zero, at odd offsets (little-endian) or even ones (big-endian). */
    const char *utf16 = NULL;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        utf16 = "UTF-16";
    else if (len >= 16 && len % 2 == 0 && !opt->force_encoding) {
        size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, zero[2] = {0, 0};
        for (size_t i = 0; i < n; i++)
            zero[i % 2] += u[i] == 0;
        if (zero[1] * 10 >= n / 2 * 9 && zero[0] * 10 <= n / 2)
            utf16 = "UTF-16LE";
        else if (zero[0] * 10 >= n / 2 * 9 && zero[1] * 10 <= n / 2)
            utf16 = "UTF-16BE";
    }
    if (utf16) {
        dateline_status_t cst = DATELINE_OK;
        size_t clen;
        if (!(converted = dl_to_utf8(data, len, utf16, &clen, &cst))) {
            if (message)
                *message = dl_format("%s: %s, but the text cannot be read as UTF-16",
                                     name ? name : "-",
                                     utf16[6] ? "zero bytes where UTF-16 has them"
                                              : "a UTF-16 byte-order mark");
            return cst == DATELINE_NO_MEMORY ? DATELINE_NO_MEMORY : DATELINE_BAD_INPUT;
        }
        data = converted;
        len = clen;
        declared = "utf-16";
    }
    dateline_status_t st = open_text(data, len, name, opt, out, message, declared,
                                     converted ? &converted : owned);
    free(converted);
    return st;
}

static dateline_status_t open_text(const void *data, size_t len, const char *name,
                                   const dateline_reader_options_t *opt, dateline_reader_t **out,
                                   char **message, const char *declared, char **owned)
{
    dateline_reader_t *r;
    if (!name)
        name = "-";
    if (len == 0 || only_space(data, len)) {
        set_message(message, "%s: empty file, no article in it", name);
        return DATELINE_BAD_INPUT;
    }
    if (opt->format == DATELINE_FORMAT_AUTO && looks_binary(data, len)) {
        set_message(message,
                    "%s: binary data, not an article (use --format to read it as text anyway)",
                    name);
        return DATELINE_BAD_INPUT;
    }
    if (!(r = calloc(1, sizeof *r)))
        return DATELINE_NO_MEMORY;
    if (owned && *owned == data) {
        r->data = *owned;
        *owned = NULL;
    } else {
        r->data = dl_strndup(data, len);
    }
    r->name = dl_strdup(name);
    r->encoding = dl_strdup(opt->encoding ? opt->encoding : "Windows-1252");
    if (!r->data || !r->name || !r->encoding) {
        dateline_reader_destroy(r);
        return DATELINE_NO_MEMORY;
    }
    r->len = len;
    r->force_encoding = opt->force_encoding && opt->encoding;
    r->line = 1;
    if (opt->date) {
        if (!dl_date_parse_iso(opt->date, &r->date) || r->date.has_time) {
            if (message)
                *message = dl_format("bad date '%s': give a real day as YYYY-MM-DD", opt->date);
            dateline_reader_destroy(r);
            return DATELINE_BAD_ARGUMENT;
        }
        r->has_date = 1;
    }
    r->row = opt->format == DATELINE_FORMAT_AUTO ? detect(data, len, name)
                                                 : dl_format_row(opt->format);
    r->declared = declared;
    if (r->row->state_size && !(r->state = calloc(1, r->row->state_size))) {
        dateline_reader_destroy(r);
        return DATELINE_NO_MEMORY;
    }
    char *why = NULL;
    dateline_status_t mst = dl_map_parse(&r->map, opt->columns, opt->fields, &why);
    if (mst == DATELINE_OK && opt->topic && *opt->topic && !(r->topic = dl_strdup(opt->topic)))
        mst = DATELINE_NO_MEMORY;
    if (mst != DATELINE_OK) {
        if (message)
            *message = why;
        else
            free(why);
        dateline_reader_destroy(r);
        return mst;
    }
    *out = r;
    return DATELINE_OK;
}


dateline_status_t dateline_reader_next(dateline_reader_t *r, dateline_article_t **out)
{
    dateline_status_t st;
    if (!r || !out)
        return DATELINE_BAD_ARGUMENT;
    *out = NULL;
    free(r->message);
    r->message = NULL;
    if (r->done)
        return DATELINE_END;
    if (r->pending) {
        r->message = r->pending;
        r->pending = NULL;
    }
    if (!r->article && (st = dateline_article_new(&r->article)) != DATELINE_OK)
        return st;
    dl_article_clear(r->article);
    if ((st = dl_article_set_fallback(r->article, r->encoding)) != DATELINE_OK)
        return st;
    st = r->row->next(r);
    if (st == DATELINE_OK && r->topic) {
        /* the folder's topic, unless the source gave it already */
        int has = 0;
        for (size_t i = 0; i < dateline_article_count(r->article, DATELINE_FIELD_TOPICS); i++)
            has |= strcmp(dateline_article_get_nth(r->article, DATELINE_FIELD_TOPICS, i),
                          r->topic) == 0;
        if (!has)
            st = dl_article_put(r->article, DATELINE_FIELD_TOPICS, r->topic, strlen(r->topic));
    }
    if (st == DATELINE_OK)
        *out = r->article;
    return st;
}

dateline_format_t dateline_reader_format(const dateline_reader_t *r)
{
    return r ? r->row->format : DATELINE_FORMAT_AUTO;
}

const char *dateline_reader_message(const dateline_reader_t *r) { return r ? r->message : NULL; }

size_t dateline_reader_position(const dateline_reader_t *r) { return r ? r->position : 0; }

size_t dateline_reader_size(const dateline_reader_t *r) { return r ? r->len : 0; }

double dateline_reader_progress(const dateline_reader_t *r)
{
    if (!r || r->done || r->len == 0)
        return 1;
    return r->pos >= r->len ? 1 : (double)r->pos / (double)r->len;
}

/* Whether the text at p starts, past white space and comments, with an SGML or XML markup
 * declaration of the kind only a DTD holds. */
static int is_dtd(const char *p, const char *end)
{
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *c = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!c)
                return 0;
            p = c + 3;
            continue;
        }
        static const char *const decls[] = {"<!ELEMENT", "<!ENTITY", "<!ATTLIST", "<!NOTATION"};
        for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++)
            if ((size_t)(end - p) >= strlen(decls[i]) && memcmp(p, decls[i], strlen(decls[i])) == 0)
                return 1;
        return 0;
    }
}

const char *dateline_reader_not_article(const dateline_reader_t *r)
{
    if (!r)
        return NULL;
    const char *p = r->data, *end = r->data + r->len;
    if (is_dtd(p, end))
        return "a DTD";
    if (r->row != &dl_format_text)
        return NULL;
    /* the opening words of the common licences, near the start */
    static const char *const licences[] = {
        "GNU GENERAL PUBLIC LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE",
        "GNU AFFERO GENERAL PUBLIC LICENSE", "GNU Free Documentation License",
        "Permission is hereby granted, free of charge, to any person",
        "Redistribution and use in source and binary forms", "Apache License",
        "Mozilla Public License", "THE SOFTWARE IS PROVIDED \"AS IS\"",
        "This is free and unencumbered software", "Creative Commons Attribution",
        "Creative Commons Legal Code", "Permission to use, copy, modify, and/or distribute"};
    size_t head = r->len < 2048 ? r->len : 2048;
    for (size_t i = 0; i < sizeof licences / sizeof licences[0]; i++)
        if (memmem(p, head, licences[i], strlen(licences[i])))
            return "a licence";
    /* lines of one word each, or mostly short lines with hardly a sentence: a list or a table */
    size_t lines = 0, single = 0, shortl = 0, words = 0, ends = 0;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t w = 0;
        for (const char *s = p; s < e; s++) {
            if (!isspace((unsigned char)*s) && (s == p || isspace((unsigned char)s[-1])))
                w++;
            /* a sentence ends: a small letter, then . ! or ?, then a space or the line's end */
            if ((*s == '.' || *s == '!' || *s == '?') && s > p && islower((unsigned char)s[-1]) &&
                (s + 1 == e || isspace((unsigned char)s[1])))
                ends++;
        }
        if (w) {
            lines++;
            single += w == 1;
            shortl += w <= 3;
            words += w;
        }
        p = e + 1;
    }
    if (lines >= 5 && single == lines)
        return "a list of one word a line";
    if (lines >= 20 && shortl * 2 >= lines && ends * 200 < words)
        return "a list or table, not prose";
    return NULL;
}

void dateline_reader_destroy(dateline_reader_t *r)
{
    if (!r)
        return;
    free(r->data);
    free(r->name);
    free(r->encoding);
    free(r->message);
    free(r->topic);
    free(r->pending);
    if (r->state && r->row->free)
        r->row->free(r->state);
    free(r->state);
    dl_map_free(&r->map);
    dateline_article_destroy(r->article);
    free(r);
}
