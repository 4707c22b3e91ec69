/* reader.c: opening input, telling its format, and what every format reader shares. */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <iconv.h>
#include "reader.h"

#define SNIFF_BYTES 65536

void dl_reader_say(dateline_reader_t *r, const char *fmt, ...)
{
    dl_buf_t b;
    va_list ap;
    char tmp[512];
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    dl_buf_init(&b);
    if (r->message) { /* a second note joins the first */
        dl_buf_adds(&b, r->message);
        dl_buf_adds(&b, "; ");
    }
    dl_buf_adds(&b, tmp);
    free(r->message);
    r->message = dl_buf_take(&b);
}

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

static int only_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
            return 0;
    return 1;
}

static dateline_format_t detect(const char *p, size_t n)
{
    size_t k = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    for (size_t i = 0; i + 8 <= k; i++)
        if (p[i] == '<' && memcmp(p + i, "<REUTERS", 8) == 0)
            return DATELINE_FORMAT_SGML;
    return DATELINE_FORMAT_TEXT;
}

static void set_message(char **message, const char *fmt, const char *name)
{
    if (message)
        *message = dl_format(fmt, name);
}

static dateline_status_t open_text(const void *data, size_t len, const char *name,
                                   const dateline_reader_options_t *opt, dateline_reader_t **out,
                                   char **message, const char *declared, char **owned);
static dateline_status_t open_any(const void *data, size_t len, const char *name,
                                  const dateline_reader_options_t *opt, dateline_reader_t **out,
                                  char **message, char **owned);

dateline_status_t dateline_reader_open_memory(const void *data, size_t len, const char *name,
                                              const dateline_reader_options_t *opt,
                                              dateline_reader_t **out, char **message)
{
    return open_any(data, len, name, opt, out, message, NULL);
}

/* Opens a reader over data; when `owned` points to data (malloc'ed, NUL-terminated), the reader
 * takes it instead of a copy and sets *owned to NULL. */
static dateline_status_t open_any(const void *data, size_t len, const char *name,
                                  const dateline_reader_options_t *opt, dateline_reader_t **out,
                                  char **message, char **owned)
{
    dateline_reader_options_t defaults = DATELINE_READER_OPTIONS_INIT;
    if (message)
        *message = NULL;
    if (!out || (!data && len))
        return DATELINE_BAD_ARGUMENT;
    *out = NULL;
    if (!opt)
        opt = &defaults;
    if (opt->version != DATELINE_READER_OPTIONS_VERSION || opt->format < DATELINE_FORMAT_AUTO ||
        opt->format > DATELINE_FORMAT_SGML) {
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
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        dateline_status_t cst = DATELINE_OK;
        size_t clen;
        if (!(converted = dl_to_utf8(data, len, "UTF-16", &clen, &cst))) {
            if (message)
                *message = dl_format("%s: a UTF-16 byte-order mark, but the text cannot be read "
                                     "as UTF-16", name ? name : "-");
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
    r->format = opt->format == DATELINE_FORMAT_AUTO ? detect(data, len) : opt->format;
    r->declared = declared;
    *out = r;
    return DATELINE_OK;
}

dateline_status_t dateline_reader_open_file(const char *path, const char *name,
                                            const dateline_reader_options_t *opt,
                                            dateline_reader_t **out, char **message)
{
    FILE *f;
    dl_buf_t b;
    char chunk[65536];
    size_t n;
    int is_stdin;
    if (message)
        *message = NULL;
    if (!path || !out)
        return DATELINE_BAD_ARGUMENT;
    is_stdin = strcmp(path, "-") == 0;
    if (!name)
        name = path;
    f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        if (message)
            *message = dl_format("%s: cannot open: %s", name, strerror(errno));
        return DATELINE_FILE_ERROR;
    }
    dl_buf_init(&b);
    /* Read up to DL_MAX_FILE bytes; past that, only what one article may hold is kept, and the
     * rest is counted without being stored. */
    size_t total = 0;
    int huge = 0;
    struct stat sb;
    if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (size_t)sb.st_size > DL_MAX_FILE) {
        /* a huge file: its start is all that can be used, so only its start is read */
        while (b.len < DL_MAX_ARTICLE + sizeof chunk && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            dl_buf_add(&b, chunk, n);
        total = (size_t)sb.st_size;
        huge = 1;
    }
    while (!huge && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        total += n;
        if (total <= DL_MAX_FILE)
            dl_buf_add(&b, chunk, n);
        else if (b.len > DL_MAX_ARTICLE + sizeof chunk)
            b.len = DL_MAX_ARTICLE + sizeof chunk; /* keep the start; drop the rest */
    }

    int err = ferror(f) ? errno : 0;
    if (!is_stdin)
        fclose(f);
    if (err) {
        dl_buf_free(&b);
        if (message)
            *message = dl_format("%s: cannot read: %s", name, strerror(err));
        return DATELINE_FILE_ERROR;
    }
    if (b.failed) {
        dl_buf_free(&b);
        return DATELINE_NO_MEMORY;
    }
    dateline_status_t st = open_any(b.p ? b.p : "", b.len, name, opt, out, message, &b.p);
    dl_buf_free(&b);
    if (st == DATELINE_OK && total > DL_MAX_FILE) {
        if ((*out)->format != DATELINE_FORMAT_TEXT) {
            dateline_reader_destroy(*out);
            *out = NULL;
            if (message)
                *message = dl_format("%s: a file of %.0f MB, more than the %zu MB a file of many "
                                     "articles may have: split it (split -C 200M) and index the "
                                     "parts", name, (double)total / 1048576.0, DL_MAX_FILE >> 20);
            return DATELINE_BAD_INPUT;
        }
        (*out)->file_size = total;
    }
    return st;
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
    if (!r->article && (st = dateline_article_new(&r->article)) != DATELINE_OK)
        return st;
    dl_article_clear(r->article);
    if ((st = dl_article_set_fallback(r->article, r->encoding)) != DATELINE_OK)
        return st;
    st = r->format == DATELINE_FORMAT_SGML ? dl_read_sgml(r) : dl_read_text(r);
    if (st == DATELINE_OK)
        *out = r->article;
    return st;
}

dateline_format_t dateline_reader_format(const dateline_reader_t *r)
{
    return r ? r->format : DATELINE_FORMAT_AUTO;
}

const char *dateline_reader_message(const dateline_reader_t *r) { return r ? r->message : NULL; }

size_t dateline_reader_position(const dateline_reader_t *r) { return r ? r->position : 0; }

size_t dateline_reader_size(const dateline_reader_t *r) { return r ? r->len : 0; }

void dateline_reader_destroy(dateline_reader_t *r)
{
    if (!r)
        return;
    free(r->data);
    free(r->name);
    free(r->encoding);
    free(r->message);
    dateline_article_destroy(r->article);
    free(r);
}

char *dl_reader_decode(dateline_reader_t *r, const char *p, size_t n, size_t *outlen,
                       dateline_status_t *status)
{
    const char *charset = "utf-8";
    char *text;
    /* the bytes the article had, when more than are read: 0 when it is read whole */
    size_t cut_from = r->file_size > n ? r->file_size : 0;
    if (n > DL_MAX_ARTICLE) {
        /* cut at the last line end before the limit (or a character boundary near it) */
        size_t cut = DL_MAX_ARTICLE;
        while (cut > DL_MAX_ARTICLE - 65536 && p[cut - 1] != '\n')
            cut--;
        if (p[cut - 1] != '\n')
            cut = dl_utf8_fit(p, n, DL_MAX_ARTICLE + 1);
        if (!cut_from)
            cut_from = n;
        n = cut;
    }
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 && !r->force_encoding) {
        p += 3; /* a UTF-8 byte-order mark */
        n -= 3;
    }
    if (!r->force_encoding && dl_utf8_valid(p, n)) {
        if (r->declared)
            charset = r->declared; /* read as UTF-16 when the reader opened */
        text = dl_strndup(p, n);
        *outlen = n;
        if (!text)
            *status = DATELINE_NO_MEMORY;
    } else {
        text = dl_to_utf8(p, n, r->encoding, outlen, status);
        charset = r->encoding;
        if (text && !r->force_encoding)
            dl_reader_say(r, "invalid UTF-8, read as %s (use --encoding to choose)", r->encoding);
    }
    if (text && cut_from) {
        char *before = r->message ? dl_strdup(r->message) : NULL;
        dl_reader_say(r, "%s%sarticle of %.1f MB: only its first %zu MB were read", before ? before : "",
                      before ? "; " : "", (double)cut_from / 1048576.0, DL_MAX_ARTICLE >> 20);
        free(before);
    }
    if (text) {
        char *key = dl_key_normalize(charset, 40);
        dateline_status_t st = key ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, key,
                                                    strlen(key))
                                   : DATELINE_NO_MEMORY;
        free(key);
        if (st != DATELINE_OK) {
            free(text);
            *status = st;
            return NULL;
        }
    }
    return text;
}

dateline_status_t dl_reader_date(dateline_reader_t *r, const dl_date_t *source_date,
                                 const dl_lead_t *lead)
{
    dl_date_t d;
    char iso[20];
    if (source_date) {
        d = *source_date;
    } else if (lead && lead->month && r->has_date) {
        memset(&d, 0, sizeof d);
        d.year = dl_date_year_near(lead->month, lead->day, &r->date);
        d.month = lead->month;
        d.day = lead->day;
        if (!dl_date_valid(d.year, d.month, d.day))
            d = r->date;
    } else if (r->has_date) {
        d = r->date;
    } else {
        return DATELINE_OK; /* undated: never 1970 */
    }
    dl_date_format(&d, iso);
    return dl_article_put(r->article, DATELINE_FIELD_DATE, iso, strlen(iso));
}

dateline_status_t dl_reader_lead(dateline_article_t *a, const dl_lead_t *lead)
{
    dateline_status_t st = dateline_article_set(a, DATELINE_FIELD_DATELINE, lead->text);
    for (int i = 0; i < lead->nplaces && st == DATELINE_OK; i++)
        st = dateline_article_set(a, DATELINE_FIELD_DATELINES, lead->places[i]);
    if (st == DATELINE_OK && lead->source[0])
        st = dateline_article_set(a, DATELINE_FIELD_SOURCE, lead->source);
    return st;
}
