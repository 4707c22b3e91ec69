/* reader-csv.c: CSV (RFC 4180) and tab-separated exports, one article per row: quoted fields
 * with line ends and "" inside, a byte-order mark, CRLF; a header row names the columns, or
 * --columns does. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

/* What a CSV reader keeps between rows. */
typedef struct {
    int started;          /* the header is read */
    char delim;           /* ',' or '\t' */
    dl_col_t *cols;       /* the kind of each column */
    int *ranks;           /* and its rank as an id */
    size_t ncols;
    size_t record;        /* rows read, from 1 */
} csv_t;

#define MAX_COLUMNS 4096   /* more fields in a row than this are not looked at */
#define SNIFF_LINE 65536   /* the header is looked for in this many bytes */

typedef struct {
    const char *p;
    size_t n;
} field_t;

/* Where the row starting at p ends: just past its line end (or at end). Sets *lines to the line
 * ends it holds and *open when a quoted field is still open at the end of the data. */
static const char *row_end(const char *p, const char *end, char delim, size_t *lines, int *open)
{
    int start = 1; /* at the start of a field */
    *lines = 0;
    *open = 0;
    while (p < end) {
        char c = *p;
        if (start && c == '"') {
            /* a quoted field: to the closing quote; "" is a quote inside it */
            const char *q = p + 1;
            for (;;) {
                const char *quote = memchr(q, '"', (size_t)(end - q));
                const char *stop = quote ? quote : end;
                for (const char *k = q; (k = memchr(k, '\n', (size_t)(stop - k))) != NULL; k++)
                    (*lines)++;
                if (!quote) {
                    *open = 1;
                    return end;
                }
                if (quote + 1 < end && quote[1] == '"') {
                    q = quote + 2;
                    continue;
                }
                p = quote + 1;
                break;
            }
            start = 0;
            continue;
        }
        if (c == '\n') {
            (*lines)++;
            return p + 1;
        }
        start = c == delim;
        p++;
    }
    return end;
}

/* Splits one row's text (already UTF-8) into fields, unquoting them in place.
 * Returns the number of fields (at most cap are stored). */
static size_t split(char *s, size_t n, char delim, field_t *out, size_t cap)
{
    size_t nf = 0;
    char *p = s, *end = s + n;
    /* the row's line end is not part of its last field */
    if (end > s && end[-1] == '\n')
        end--;
    if (end > s && end[-1] == '\r')
        end--;
    for (;;) {
        char *w = p, *begin = p;
        if (p < end && *p == '"') {
            p++;
            while (p < end) {
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        *w++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                *w++ = *p++;
            }
            /* anything between the closing quote and the delimiter is kept as written */
            while (p < end && *p != delim)
                *w++ = *p++;
        } else {
            while (p < end && *p != delim)
                p++;
            w = p;
        }
        if (nf < cap) {
            out[nf].p = begin;
            out[nf].n = (size_t)(w - begin);
        }
        nf++;
        if (p >= end)
            break;
        p++; /* the delimiter */
    }
    return nf;
}

/* The delimiter of a header line: a tab when it has tabs and no commas. */
static char delimiter(const char *p, size_t n)
{
    const char *nl = memchr(p, '\n', n);
    size_t len = nl ? (size_t)(nl - p) : n;
    size_t commas = 0, tabs = 0;
    for (size_t i = 0; i < len; i++) {
        commas += p[i] == ',';
        tabs += p[i] == '\t';
    }
    return tabs > commas ? '\t' : ',';
}

static int sniff_csv(const char *p, size_t n)
{
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    const char *nl = memchr(p, '\n', n < SNIFF_LINE ? n : SNIFF_LINE);
    if (!nl)
        return 0;
    char delim = delimiter(p, (size_t)(nl - p));
    char *line = dl_strndup(p, (size_t)(nl - p));
    field_t f[64];
    dl_map_t none;
    memset(&none, 0, sizeof none);
    if (!line)
        return 0;
    size_t nf = split(line, strlen(line), delim, f, 64);
    int text = 0, known = 0;
    for (size_t i = 0; i < nf && i < 64; i++) {
        int rank;
        dl_col_t k = dl_map_name(&none, f[i].p, f[i].n, &rank);
        known += k != DL_COL_SKIP;
        text += k == DL_COL_TITLE || k == DL_COL_TEXT || k == DL_COL_SUMMARY;
    }
    free(line);
    return nf >= 2 && text && known >= 2;
}

/* Rejects the file whose header (or --columns) names no column of text, naming the first
 * row's fields (nf of them at f). */
static void no_text_column(dateline_reader_t *r, const field_t *f, size_t nf)
{
    dl_buf_t names;
    dl_buf_init(&names);
    for (size_t i = 0; i < nf && i < 8; i++) {
        char *clean = dl_text_clean(f[i].p, f[i].n < 40 ? f[i].n : 40, 1);
        dl_buf_printf(&names, "%s'%s'", i ? ", " : "", clean ? clean : "?");
        free(clean);
    }
    if (nf > 8)
        dl_buf_adds(&names, ", ...");
    char *list = dl_buf_take(&names);
    r->position = r->line;
    r->done = 1;
    if (r->map.ncolumns)
        dl_reader_say(r, "--columns names no title or text column: name at least one");
    else
        dl_reader_say(r, "the first row (%s) names no title or text column: if the file has "
                         "no header, say what each column holds with --columns (for example "
                         "--columns topic,title,text); if its names are unusual, map them with "
                         "--fields (for example --fields text=story)", list ? list : "?");
    free(list);
}

/* Reads the header (or takes --columns). Returns DATELINE_OK, or BAD_INPUT with the file
 * rejected. */
static dateline_status_t header(dateline_reader_t *r)
{
    csv_t *c = r->state;
    const char *data = r->data, *end = r->data + r->len;
    c->started = 1;
    if (r->len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    /* blank lines before the header */
    while (r->pos < r->len && (data[r->pos] == '\n' || data[r->pos] == '\r')) {
        if (data[r->pos] == '\n')
            r->line++;
        r->pos++;
    }
    size_t nl = r->len - r->pos;
    const char *tab = strrchr(r->name, '.');
    c->delim = tab && strcmp(tab, ".tsv") == 0 ? '\t' : delimiter(data + r->pos, nl);
    size_t lines;
    int open;
    const char *stop = row_end(data + r->pos, end, c->delim, &lines, &open);
    dateline_status_t st = DATELINE_OK;
    size_t tlen = (size_t)(stop - data - r->pos);
    char *text = dl_utf8_valid(data + r->pos, tlen)
                     ? dl_strndup(data + r->pos, tlen)
                     : dl_to_utf8(data + r->pos, tlen, r->encoding, &tlen, &st);
    if (!text)
        return st == DATELINE_NO_MEMORY ? st : DATELINE_BAD_INPUT;
    field_t *f = malloc(MAX_COLUMNS * sizeof *f);
    if (!f) {
        free(text);
        return DATELINE_NO_MEMORY;
    }
    size_t nf = split(text, tlen, c->delim, f, MAX_COLUMNS);
    if (nf > MAX_COLUMNS)
        nf = MAX_COLUMNS;
    size_t ncols = r->map.ncolumns ? r->map.ncolumns : nf;
    c->cols = calloc(ncols ? ncols : 1, sizeof *c->cols);
    c->ranks = calloc(ncols ? ncols : 1, sizeof *c->ranks);
    if (!c->cols || !c->ranks) {
        free(f);
        free(text);
        return DATELINE_NO_MEMORY;
    }
    c->ncols = ncols;
    int is_header = 1, text_col = 0;
    for (size_t i = 0; i < nf; i++) {
        int rank;
        dl_col_t k = dl_map_name(&r->map, f[i].p, f[i].n, &rank);
        if (k == DL_COL_SKIP && f[i].n)
            is_header = r->map.ncolumns ? 0 : is_header;
        if (!r->map.ncolumns) {
            c->cols[i] = k;
            c->ranks[i] = rank;
        }
    }
    if (r->map.ncolumns) {
        /* --columns: the first row is a header only when every name in it is a known one */
        memcpy(c->cols, r->map.columns, ncols * sizeof *c->cols);
    }
    for (size_t i = 0; i < ncols; i++)
        text_col += c->cols[i] == DL_COL_TITLE || c->cols[i] == DL_COL_TEXT ||
                    c->cols[i] == DL_COL_SUMMARY;
    if (!text_col) {
        no_text_column(r, f, nf);
        free(f);
        free(text);
        return DATELINE_BAD_INPUT;
    }
    free(f);
    free(text);
    if (!r->map.ncolumns || is_header) {
        r->pos = (size_t)(stop - data);
        r->line += lines;
    }
    return DATELINE_OK;
}

/* Steps over blank rows, which are nothing. Returns 0 (the reader done) at the end. */
static int skip_blank_rows(dateline_reader_t *r)
{
    const char *data = r->data;
    for (;;) {
        size_t k = r->pos;
        while (k < r->len && (data[k] == '\r' || data[k] == ' ' || data[k] == '\t'))
            k++;
        if (k < r->len && data[k] == '\n') {
            r->pos = k + 1;
            r->line++;
            continue;
        }
        if (k >= r->len) {
            r->done = 1;
            return 0;
        }
        return 1;
    }
}

/* Rejects the row at start, where a quote is never closed: the row ends with its line, and
 * reading goes on after it. */
static dateline_status_t unclosed_quote(dateline_reader_t *r, const char *start)
{
    csv_t *c = r->state;
    const char *end = r->data + r->len;
    const char *nl = memchr(start, '\n', (size_t)(end - start));
    const char *stop = nl ? nl + 1 : end;
    r->line += nl ? 1 : 0;
    r->pos = (size_t)(stop - r->data);
    if (!nl)
        r->done = 1;
    dl_reader_say(r, "row %zu: a quoted field is never closed (a \" missing?); the row was "
                     "skipped and reading goes on at the next line", c->record);
    return DATELINE_BAD_INPUT;
}

static dateline_status_t next_csv(dateline_reader_t *r)
{
    csv_t *c = r->state;
    dateline_status_t st;
    const char *data = r->data, *end = r->data + r->len;
    if (!c->started && (st = header(r)) != DATELINE_OK)
        return st;
    if (!skip_blank_rows(r))
        return DATELINE_END;
    const char *start = data + r->pos;
    size_t lines;
    int open;
    const char *stop = row_end(start, end, c->delim, &lines, &open);
    c->record++;
    r->position = r->line;
    if (open)
        return unclosed_quote(r, start);
    size_t tlen;
    st = DATELINE_OK;
    char *text = dl_reader_decode(r, start, (size_t)(stop - start), &tlen, &st);
    if (!text)
        return st;
    size_t cap = c->ncols + 1;
    field_t *f = malloc(cap * sizeof *f);
    dl_value_t *v = malloc(cap * sizeof *v);
    if (!f || !v) {
        free(f);
        free(v);
        free(text);
        return DATELINE_NO_MEMORY;
    }
    size_t nf = split(text, tlen, c->delim, f, cap);
    if (nf > c->ncols && lines > 1) {
        /* More fields than the header over several lines: a quote left open swallowed the
         * line end and the quote of the next row. Only this row's first line is given up;
         * reading goes on at the next. */
        const char *nl = memchr(start, '\n', (size_t)(end - start));
        r->line++;
        r->pos = (size_t)(nl + 1 - data);
        free(f);
        free(v);
        free(text);
        free(r->message);
        r->message = NULL;
        dl_reader_say(r, "row %zu has %zu fields over %zu lines, the header %zu: a quote left "
                         "open (a \" missing?); the row's first line was skipped and reading "
                         "goes on at the next", c->record, nf, lines, c->ncols);
        return DATELINE_BAD_INPUT;
    }
    r->line += lines;
    r->pos = (size_t)(stop - data);
    size_t nv = 0;
    for (size_t i = 0; i < nf && i < c->ncols; i++)
        if (c->cols[i] != DL_COL_SKIP) {
            v[nv].kind = c->cols[i];
            v[nv].rank = c->ranks[i];
            v[nv].v = f[i].p;
            v[nv].n = f[i].n;
            nv++;
        }
    if (nf > c->ncols)
        dl_reader_say(r, "row %zu has %zu fields, the header %zu: the last %zu were ignored "
                         "(an unquoted delimiter in a value?)", c->record, nf, c->ncols,
                      nf - c->ncols);
    char what[32];
    snprintf(what, sizeof what, "%zu", c->record);
    st = dl_reader_record(r, v, nv, what);
    if (st == DATELINE_BAD_INPUT) {
        free(r->message);
        r->message = NULL;
        dl_reader_say(r, "row %zu has no title and no text", c->record);
    }
    free(f);
    free(v);
    free(text);
    return st;
}

static void free_csv(void *state)
{
    csv_t *c = state;
    free(c->cols);
    free(c->ranks);
}

static const char *const csv_aliases[] = {"tsv", NULL};
static const char *const csv_extensions[] = {"csv", "tsv", NULL};

const dl_format_row_t dl_format_csv = {
    .format = DATELINE_FORMAT_CSV,
    .name = "csv",
    .aliases = csv_aliases,
    .extensions = csv_extensions,
    .sniff = sniff_csv,
    .next = next_csv,
    .state_size = sizeof(csv_t),
    .free = free_csv,
};
