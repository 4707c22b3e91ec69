/* output.c: text, JSON, JSON Lines, CSV and TSV renderings of results and articles. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"

#define SNIPPET_BYTES 240

#define C_BOLD "\033[1m"
#define C_HIT "\033[1;31m"
#define C_DIM "\033[2m"
#define C_OFF "\033[0m"

void out_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', f);
    while (*p) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc((int)c, f);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
            case '\n': fputs("\\n", f); break;
            case '\t': fputs("\\t", f); break;
            case '\r': fputs("\\r", f); break;
            default: fprintf(f, "\\u%04x", c); break;
            }
            p++;
        } else if (c < 0x80) {
            fputc((int)c, f);
            p++;
        } else {
            /* copy a well-formed sequence, or write U+FFFD for one bad byte */
            size_t k = 0;
            unsigned need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            if (need && c <= 0xF4) {
                k = 1;
                while (k < need && (p[k] & 0xC0) == 0x80)
                    k++;
                if (k != need || (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
                    (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
                    k = 0;
            }
            if (k) {
                fwrite(p, 1, k, f);
                p += k;
            } else {
                fputs("\\ufffd", f);
                p++;
            }
        }
    }
    fputc('"', f);
}

static void json_field(FILE *f, const char *name, const char *v, int comma)
{
    fprintf(f, "%s\"%s\":", comma ? "," : "", name);
    if (v)
        out_json_string(f, v);
    else
        fputs("null", f);
}

static void json_list(FILE *f, const char *name, const dateline_article_t *a, dateline_field_t fl)
{
    size_t n = dateline_article_count(a, fl);
    fprintf(f, ",\"%s\":[", name);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        out_json_string(f, dateline_article_get_nth(a, fl, i));
    }
    fputc(']', f);
}

/* PLACE_IDS as objects: {"id","name","salience"} for each "ID SALIENCE" entry. A gazetteer
 * place is named by the gazetteer; a label it does not know ("=KEY") by the PLACES entry
 * beside it (the two lists run in step), else by its key. */
static void json_place_ids(FILE *f, const dateline_article_t *a)
{
    size_t n = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS);
    int in_step = dateline_article_count(a, DATELINE_FIELD_PLACES) == n;
    fputs(",\"place_ids\":[", f);
    for (size_t i = 0; i < n; i++) {
        const char *e = dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i);
        const char *sp = strrchr(e, ' ');
        size_t idlen = sp ? (size_t)(sp - e) : strlen(e);
        char *id = malloc(idlen + 1);
        if (!id)
            continue;
        memcpy(id, e, idlen);
        id[idlen] = '\0';
        const char *name = id[0] == '=' ? in_step ? dateline_article_get_nth(
                                                        a, DATELINE_FIELD_PLACES, i)
                                                  : id + 1
                                        : dateline_place_name(id);
        fprintf(f, "%s{\"id\":", i ? "," : "");
        out_json_string(f, id);
        json_field(f, "name", name, 1);
        fprintf(f, ",\"salience\":%ld}", sp ? strtol(sp + 1, NULL, 10) : 0L);
        free(id);
    }
    fputc(']', f);
}

/* A field for TSV: tabs and line ends become spaces so each record stays one line. */
static void tsv_value(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* A field for CSV (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or
 * a line end. */
static void csv_value(FILE *f, const char *s)
{
    s = s ? s : "";
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A list field joined by `sep`, each value written by `put` (the whole list is one field). */
static void joined(FILE *f, const dateline_article_t *a, dateline_field_t fl, const char *sep)
{
    size_t n = dateline_article_count(a, fl);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(sep, f);
        fputs(dateline_article_get_nth(a, fl, i), f);
    }
}

static void tsv_list(FILE *f, const dateline_article_t *a, dateline_field_t fl)
{
    size_t n = dateline_article_count(a, fl);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        tsv_value(f, dateline_article_get_nth(a, fl, i));
    }
}

/* A CSV list: the values joined by ";" inside one field. */
static void csv_list(FILE *f, const dateline_article_t *a, dateline_field_t fl)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
        joined(mem, a, fl, ";");
        if (fclose(mem) == 0)
            csv_value(f, text);
    }
    free(text);
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The day of an ISO date (its first ten characters), or dashes when undated. */
static void print_day(FILE *f, const char *date)
{
    if (date)
        fprintf(f, "%.10s", date);
    else
        fputs("undated   ", f);
}

/* ---- Display width, for wrapping text to the terminal ---- */

/* Decodes the UTF-8 character at s (n > 0 bytes left) into *cp; returns its length, or 1
 * with *cp = 0xFFFD for a byte that starts no valid character. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0], need = c < 0x80 ? 1 : c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3
                              : c >= 0xC2 ? 2 : 0;
    if (need == 1) {
        *cp = c;
        return 1;
    }
    if (!need || need > n)
        goto bad;
    unsigned v = c & (0x7F >> need);
    for (unsigned k = 1; k < need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            goto bad;
        v = v << 6 | (s[k] & 0x3F);
    }
    if ((need == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (need == 4 && (v < 0x10000 || v > 0x10FFFF)))
        goto bad;
    *cp = v;
    return need;
bad:
    *cp = 0xFFFD;
    return 1;
}

/* Columns a character takes on a terminal: 0 for combining marks, zero-width spaces and
 * joiners, 2 for East Asian wide and full-width characters and emoji, 1 for the rest. */
static int cp_width(unsigned c)
{
    static const unsigned zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
        {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2028, 0x202E},
        {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
        {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF}};
    static const unsigned wide[][2] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
        {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F},
        {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
        {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (c >= zero[i][0] && c <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (c >= wide[i][0] && c <= wide[i][1])
            return 2;
    return 1;
}

size_t out_width(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t cols = 0;
    for (size_t i = 0; i < n;) {
        if (p[i] == 0x1B) { /* an escape sequence: ESC [ parameters final-byte, no width */
            i++;
            if (i < n && p[i] == '[') {
                i++;
                while (i < n && !(p[i] >= 0x40 && p[i] <= 0x7E))
                    i++;
            }
            i += i < n;
            continue;
        }
        unsigned cp;
        i += utf8_next(p + i, n - i, &cp);
        cols += (size_t)cp_width(cp);
    }
    return cols;
}

/* Whether byte `at` of a text lies in one of its highlighted spans (start, end pairs). */
static int lit(const size_t *spans, size_t nspans, size_t at)
{
    for (size_t k = 0; k < nspans; k++)
        if (at >= spans[2 * k] && at < spans[2 * k + 1])
            return 1;
    return 0;
}

/* Prints plain text s from column *col, after `lead` spaces unless it starts a line, with
 * its spans between `on` and C_OFF (when on is not NULL). With a width, a word that would
 * pass it goes on the next line, which starts with `indent` spaces (the spaces before it
 * go), and a line end in the text is a space; a word wider than the line stands alone on
 * it, whole. Without a width the text is printed as it is. */
static void wrap(FILE *f, const char *s, const size_t *spans, size_t nspans, const char *on,
                 size_t *col, size_t lead, size_t indent, size_t width)
{
    size_t n = strlen(s), i = 0;
    size_t gap = lead;   /* spaces owed before the next word */
    int in = 0;          /* in a highlighted span */
    while (i < n) {
        size_t ws = i;
        if (width) {
            while (ws < n && strchr(" \t\n\r", s[ws]))
                ws++;
            gap = ws > i && !gap ? ws - i : gap; /* as many as the text has */
        }
        if (ws == n)
            break;
        size_t we = ws;
        while (we < n && (!width || !strchr(" \t\n\r", s[we])))
            we++;
        size_t w = out_width(s + ws, we - ws);
        if (width && *col > indent && *col + gap + w > width) {
            if (in)
                fputs(C_OFF, f);
            fputc('\n', f);
            fprintf(f, "%*s", (int)indent, "");
            if (in)
                fputs(on, f);
            *col = indent;
            gap = 0;
        }
        if (gap) {
            int h = on && ws > 0 && lit(spans, nspans, ws - 1);
            if (h != in)
                fputs(h ? on : C_OFF, f);
            in = h;
            fprintf(f, "%*s", (int)gap, "");
            *col += gap;
        }
        for (size_t p = ws; p < we; p++) {
            int h = on && lit(spans, nspans, p);
            if (h != in)
                fputs(h ? on : C_OFF, f);
            in = h;
            fputc(s[p], f);
        }
        if (in && !lit(spans, nspans, we)) { /* the span ends with the word */
            fputs(C_OFF, f);
            in = 0;
        }
        *col += w;
        gap = 0;
        i = we;
    }
    if (in)
        fputs(C_OFF, f);
}

/* ---- Results, one format a row of the table below ---- */

/* What a format prints of one result. */
typedef struct {
    dateline_result_t *r;
    const dateline_article_t *a;
    const char *snippet;  /* plain text */
    const size_t *spans;  /* the query's words in it: byte offsets, start and end of each */
    size_t nspans;
} row_t;

static void json_result(FILE *f, const row_t *w)
{
    const dateline_article_t *a = w->a;
    fputs("{\"id\":", f);
    out_json_string(f, dateline_article_get(a, DATELINE_FIELD_ID));
    fprintf(f, ",\"rank\":%zu,\"score\":%.4f,\"versions\":%zu", dateline_result_rank(w->r),
            dateline_result_score(w->r), dateline_result_versions(w->r));
    json_field(f, "story", dateline_article_get(a, DATELINE_FIELD_STORY), 1);
    json_field(f, "date", dateline_article_get(a, DATELINE_FIELD_DATE), 1);
    json_field(f, "dateline", dateline_article_get(a, DATELINE_FIELD_DATELINE), 1);
    json_field(f, "source", dateline_article_get(a, DATELINE_FIELD_SOURCE), 1);
    json_field(f, "title", dateline_article_get(a, DATELINE_FIELD_TITLE), 1);
    json_list(f, "places", a, DATELINE_FIELD_PLACES);
    json_list(f, "groups", a, DATELINE_FIELD_GROUPS);
    json_list(f, "topics", a, DATELINE_FIELD_TOPICS);
    json_place_ids(f, a);
    fputs(",\"origin\":{", f);
    json_field(f, "file", dateline_article_get(a, DATELINE_FIELD_FILE), 0);
    json_field(f, "key", dateline_article_get(a, DATELINE_FIELD_KEY), 1);
    fputc('}', f);
    json_field(f, "snippet", w->snippet, 1);
    fputs(",\"highlights\":[", f);
    for (size_t k = 0; k < w->nspans; k++)
        fprintf(f, "%s[%zu,%zu]", k ? "," : "", w->spans[2 * k], w->spans[2 * k + 1]);
    fputs("]}", f);
}

static void json_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, o->query);
    fprintf(f, ",\"total\":%zu,\"stories\":%zu,\"offset\":%zu,\"results\":[", t->total,
            t->stories, o->offset);
}
static void json_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o;
    if (i)
        fputc(',', f);
    json_result(f, w);
}
static void json_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown)
{
    (void)o, (void)t, (void)shown;
    fputc(']', f); /* the object is closed by out_facets() */
}

static void jsonl_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    json_result(f, w);
    fputc('\n', f);
}

static const char *const columns[] = {"rank", "score", "id", "date", "dateline", "source",
                                      "title", "places", "groups", "topics", "file", "key",
                                      "snippet"};

static void tsv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    for (size_t k = 0; o->header && k < sizeof columns / sizeof columns[0]; k++)
        fprintf(f, "%s%s", columns[k], k + 1 < sizeof columns / sizeof columns[0] ? "\t" : "\n");
}
static void tsv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    const dateline_article_t *a = w->a;
    (void)o, (void)i;
    fprintf(f, "%zu\t%.4f\t%s\t%s\t", dateline_result_rank(w->r), dateline_result_score(w->r),
            or_empty(dateline_article_get(a, DATELINE_FIELD_ID)),
            or_empty(dateline_article_get(a, DATELINE_FIELD_DATE)));
    static const dateline_field_t fields[] = {
        DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE, DATELINE_FIELD_TITLE,
        DATELINE_FIELD_PLACES, DATELINE_FIELD_GROUPS, DATELINE_FIELD_TOPICS,
        DATELINE_FIELD_FILE, DATELINE_FIELD_KEY};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (fields[k] >= DATELINE_FIELD_PLACES && fields[k] <= DATELINE_FIELD_TOPICS)
            tsv_list(f, a, fields[k]);
        else
            tsv_value(f, dateline_article_get(a, fields[k]));
        fputc('\t', f);
    }
    tsv_value(f, w->snippet);
    fputc('\n', f);
}

static void csv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    for (size_t k = 0; o->header && k < sizeof columns / sizeof columns[0]; k++)
        fprintf(f, "%s%s", columns[k], k + 1 < sizeof columns / sizeof columns[0] ? "," : "\r\n");
}
static void csv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    const dateline_article_t *a = w->a;
    (void)o, (void)i;
    fprintf(f, "%zu,%.4f,", dateline_result_rank(w->r), dateline_result_score(w->r));
    static const dateline_field_t fields[] = {
        DATELINE_FIELD_ID, DATELINE_FIELD_DATE, DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE,
        DATELINE_FIELD_TITLE, DATELINE_FIELD_PLACES, DATELINE_FIELD_GROUPS,
        DATELINE_FIELD_TOPICS, DATELINE_FIELD_FILE, DATELINE_FIELD_KEY};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (fields[k] >= DATELINE_FIELD_PLACES && fields[k] <= DATELINE_FIELD_TOPICS)
            csv_list(f, a, fields[k]);
        else
            csv_value(f, dateline_article_get(a, fields[k]));
        fputc(',', f);
    }
    csv_value(f, w->snippet);
    fputs("\r\n", f);
}

static void text_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    const dateline_article_t *a = w->a;
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    const char *dateline = dateline_article_get(a, DATELINE_FIELD_DATELINE);
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *id = dateline_article_get(a, DATELINE_FIELD_ID);
    const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
    const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
    int color = o->color;
    (void)i;
    /* rank, day, dateline and headline; the snippet; the id and origin: each wraps under
     * the fifth column */
    int start = fprintf(f, "%s%3zu.%s ", color ? C_BOLD : "", dateline_result_rank(w->r),
                        color ? C_OFF : "");
    print_day(f, date);
    size_t col = (size_t)(start > 0 ? start : 0) - (color ? strlen(C_BOLD C_OFF) : 0) + 10;
    size_t whole[2] = {0, SIZE_MAX};
    if (dateline)
        wrap(f, dateline, NULL, 0, NULL, &col, 2, 5, o->width);
    wrap(f, or_empty(title), whole, 1, color ? C_BOLD : NULL, &col, 2, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    wrap(f, w->snippet, w->spans, w->nspans, color ? C_HIT : NULL, &col, 0, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    char *origin = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&origin, &len);
    if (mem) {
        fprintf(mem, "%s  %s%s%s", or_empty(id), or_empty(file), key ? ":" : "", or_empty(key));
        if (dateline_result_versions(w->r) > 1)
            fprintf(mem, "  [%zu versions: --show %s]", dateline_result_versions(w->r),
                    or_empty(id));
        if (fclose(mem) == 0)
            wrap(f, origin, whole, 1, color ? C_DIM : NULL, &col, 0, 5, o->width);
    }
    free(origin);
    fputc('\n', f);
}
static void text_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown)
{
    size_t offset = o->offset;
    if (shown && t->stories < t->total && !o->all_versions)
        fprintf(f, "%zu-%zu of %zu stories (%zu matching articles; --all-versions lists "
                   "each)\n", offset + 1, offset + shown, t->stories, t->total);
    else if (shown)
        fprintf(f, "%zu-%zu of %zu matches\n", offset + 1, offset + shown, t->total);
    else
        fprintf(f, "%zu matches%s\n", t->total, t->total ? " (none on this page)" : "");
}

/* The formats: what each prints before the results, for each one and after them (NULL:
 * nothing). Adding a format is adding a row (and its value in out_format_t). */
static const struct {
    const char *name;
    int stories; /* prints the number of stories (which costs a pass over the matches) */
    void (*begin)(FILE *f, const out_t *o, const out_totals_t *t);
    void (*row)(FILE *f, const out_t *o, const row_t *w, size_t i);
    void (*end)(FILE *f, const out_t *o, const out_totals_t *t, size_t shown);
} formats[] = {
    [OUT_TEXT] = {"text", 1, NULL, text_row, text_end},
    [OUT_JSON] = {"json", 1, json_begin, json_row, json_end},
    [OUT_JSONL] = {"jsonl", 0, NULL, jsonl_row, NULL},
    [OUT_TSV] = {"tsv", 0, tsv_begin, tsv_row, NULL},
    [OUT_CSV] = {"csv", 0, csv_begin, csv_row, NULL},
    [OUT_SVG] = {"svg", 0, NULL, NULL, NULL}, /* out_svg() draws it */
};

int out_format_from_name(const char *name, out_format_t *out)
{
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++)
        if (strcmp(formats[k].name, name) == 0) {
            *out = (out_format_t)k;
            return 1;
        }
    return 0;
}

int out_wants_stories(out_format_t fmt) { return formats[fmt].stories; }

void out_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    if (formats[o->fmt].begin)
        formats[o->fmt].begin(f, o, t);
}

void out_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown)
{
    if (formats[o->fmt].end)
        formats[o->fmt].end(f, o, t, shown);
}

/* The markers the snippet is asked for, to be taken out again: control characters, which
 * normalized text never holds. */
#define HI_START "\x01"
#define HI_END "\x02"

dateline_status_t out_result(FILE *f, const out_t *o, dateline_result_t *r, size_t i)
{
    row_t w = {r, NULL, NULL, NULL, 0};
    const char *marked;
    dateline_status_t st = dateline_result_article(r, &w.a);
    if (st == DATELINE_OK)
        st = dateline_result_snippet(r, SNIPPET_BYTES, HI_START, HI_END, &marked);
    if (st != DATELINE_OK)
        return st;
    /* the snippet without its markers, and where they were */
    size_t len = strlen(marked), nmarks = 0;
    for (size_t k = 0; k < len; k++)
        nmarks += marked[k] == HI_START[0];
    char *plain = malloc(len + 1);
    size_t *spans = malloc((2 * nmarks + 1) * sizeof *spans);
    if (!plain || !spans) {
        free(plain);
        free(spans);
        return DATELINE_NO_MEMORY;
    }
    size_t n = 0;
    for (size_t k = 0; k < len; k++) {
        if (marked[k] == HI_START[0] && w.nspans < nmarks)
            spans[2 * w.nspans] = n;
        else if (marked[k] == HI_END[0] && w.nspans < nmarks)
            spans[2 * w.nspans++ + 1] = n;
        else
            plain[n++] = marked[k];
    }
    plain[n] = '\0';
    w.snippet = plain;
    w.spans = spans;
    formats[o->fmt].row(f, o, &w, i);
    free(plain);
    free(spans);
    return DATELINE_OK;
}

void out_count(FILE *f, out_format_t fmt, const char *query, size_t total)
{
    if (fmt != OUT_JSON && fmt != OUT_JSONL) {
        fprintf(f, "%zu\n", total);
        return;
    }
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, query);
    fprintf(f, ",\"total\":%zu}\n", total);
}

/* Each status by a name a program can test, the enum's name in lower case. */
static const char *const status_names[] = {
    [DATELINE_OK] = "ok",
    [DATELINE_NO_MEMORY] = "no_memory",
    [DATELINE_BAD_ARGUMENT] = "bad_argument",
    [DATELINE_FILE_ERROR] = "file_error",
    [DATELINE_LOCKED] = "locked",
    [DATELINE_MODIFIED] = "modified",
    [DATELINE_CORRUPT] = "corrupt",
    [DATELINE_VERSION] = "version",
    [DATELINE_QUERY_SYNTAX] = "query_syntax",
    [DATELINE_BAD_INPUT] = "bad_input",
    [DATELINE_CHARSET] = "charset",
    [DATELINE_XAPIAN_ERROR] = "xapian_error",
    [DATELINE_INTERNAL] = "internal",
    [DATELINE_NOT_FOUND] = "not_found",
    [DATELINE_END] = "end",
};

void out_error(FILE *f, const char *query, dateline_status_t st, const char *message)
{
    size_t n = sizeof status_names / sizeof status_names[0];
    fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
    out_json_string(f, query);
    fputs(",\"error\":{\"status\":", f);
    out_json_string(f, (size_t)st < n && status_names[st] ? status_names[st] : "internal");
    fputs(",\"message\":", f);
    out_json_string(f, message);
    fputs("}}\n", f);
}

static const char *facet_name(dateline_field_t fl)
{
    switch (fl) {
    case DATELINE_FIELD_PLACES: return "place";
    case DATELINE_FIELD_GROUPS: return "group";
    case DATELINE_FIELD_TOPICS: return "topic";
    default: return "dateline";
    }
}

/* Writes a ";"-separated list as a JSON array. */
static void json_split(FILE *f, const char *s)
{
    fputc('[', f);
    for (int first = 1; s && *s; first = 0) {
        const char *e = strchr(s, ';');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), s);
        if (!first)
            fputc(',', f);
        out_json_string(f, buf);
        s = e ? e + 1 : s + n;
    }
    fputc(']', f);
}

void out_facets(FILE *f, out_format_t fmt, dateline_results_t *res, const dateline_field_t *fields,
                size_t nfields, const char *period)
{
    size_t nt = dateline_results_timeline_size(res), most = 0;
    if (fmt == OUT_JSON) {
        if (nfields) {
            fputs(",\"facets\":{", f);
            for (size_t k = 0; k < nfields; k++) {
                fprintf(f, "%s\"%s\":[", k ? "," : "", facet_name(fields[k]));
                for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
                    size_t n;
                    const char *v = dateline_results_facet_get(res, fields[k], i, &n);
                    fprintf(f, "%s{\"value\":", i ? "," : "");
                    out_json_string(f, v);
                    fprintf(f, ",\"count\":%zu}", n);
                }
                fputc(']', f);
            }
            fputc('}', f);
        }
        if (period) {
            fprintf(f, ",\"timeline\":{\"period\":\"%s\",\"periods\":[", period);
            for (size_t i = 0; i < nt; i++) {
                size_t n;
                const char *pl, *gr, *label = dateline_results_timeline_get(res, i, &n, &pl, &gr);
                fprintf(f, "%s{\"period\":\"%s\",\"count\":%zu,\"places\":", i ? "," : "", label, n);
                json_split(f, pl);
                fputs(",\"groups\":", f);
                json_split(f, gr);
                fputc('}', f);
            }
            fputs("]}", f);
        }
        fputs("}\n", f);
        return;
    }
    for (size_t k = 0; k < nfields; k++) {
        if (fmt == OUT_TEXT)
            fprintf(f, "\n%s:\n", facet_name(fields[k]));
        for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
            size_t n;
            const char *v = dateline_results_facet_get(res, fields[k], i, &n);
            if (fmt == OUT_TSV) {
                fprintf(f, "facet\t%s\t", facet_name(fields[k]));
                tsv_value(f, v);
                fprintf(f, "\t%zu\n", n);
            } else {
                fprintf(f, "  %6zu  %s\n", n, v);
            }
        }
    }
    if (!period)
        return;
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        dateline_results_timeline_get(res, i, &n, NULL, NULL);
        most = n > most ? n : most;
    }
    if (fmt == OUT_TEXT)
        fprintf(f, "\ntimeline by %s:\n", period);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        const char *pl, *gr, *label = dateline_results_timeline_get(res, i, &n, &pl, &gr);
        if (fmt == OUT_TSV) {
            fprintf(f, "period\t%s\t%zu\t%s\t%s\n", label, n, pl, gr);
            continue;
        }
        size_t bar = most ? (n * 40 + most - 1) / most : 0;
        fprintf(f, "  %-10s %6zu ", label, n);
        for (size_t b = 0; b < 40; b++)
            fputs(b < bar ? "#" : " ", f);
        fprintf(f, "  %s%s%s\n", pl, *pl && *gr ? " | " : "", gr);
    }
}

/* Writes text for XML: the five special characters escaped, never a bad byte. */
static void xml_text(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            if (*p >= 0x20 || *p == '\t')
                fputc(*p, f);
        }
    }
}

typedef struct {
    char label[16];
    size_t count;
    const char *places, *groups;
} bar_t;

/* The periods to draw: by year or month every period from the first to the last, those
 * without stories too, so that the axis is time; by week or day the ones with stories. */
static bar_t *svg_bars(dateline_results_t *res, const char *period, size_t *nbars)
{
    size_t n = dateline_results_timeline_size(res), k = 0, cap = n;
    int yearly = strcmp(period, "year") == 0, monthly = strcmp(period, "month") == 0;
    int y0 = 0, m0 = 0, y1 = 0, m1 = 0;
    if (n && (yearly || monthly)) {
        const char *first = dateline_results_timeline_get(res, 0, NULL, NULL, NULL);
        const char *last = dateline_results_timeline_get(res, n - 1, NULL, NULL, NULL);
        sscanf(first, "%d-%d", &y0, &m0);
        sscanf(last, "%d-%d", &y1, &m1);
        size_t span = yearly ? (size_t)(y1 - y0 + 1) : (size_t)((y1 - y0) * 12 + m1 - m0 + 1);
        if (span <= 2400)
            cap = span;
        else
            yearly = monthly = 0;
    }
    bar_t *b = calloc(cap ? cap : 1, sizeof *b);
    if (!b)
        return NULL;
    if (yearly || monthly) {
        for (int y = y0, m = monthly ? m0 : 1; k < cap; k++) {
            if (yearly)
                snprintf(b[k].label, sizeof b[k].label, "%04d", y++);
            else {
                snprintf(b[k].label, sizeof b[k].label, "%04d-%02d", y, m);
                if (++m > 12)
                    m = 1, y++;
            }
            b[k].places = b[k].groups = "";
        }
        for (size_t i = 0, j = 0; i < n; i++) {
            size_t c;
            const char *pl, *gr, *label = dateline_results_timeline_get(res, i, &c, &pl, &gr);
            while (j < k && strcmp(b[j].label, label) < 0)
                j++;
            if (j < k && strcmp(b[j].label, label) == 0) {
                b[j].count = c;
                b[j].places = pl;
                b[j].groups = gr;
            }
        }
    } else {
        for (; k < n; k++) {
            const char *label = dateline_results_timeline_get(res, k, &b[k].count, &b[k].places,
                                                              &b[k].groups);
            snprintf(b[k].label, sizeof b[k].label, "%s", label);
        }
    }
    *nbars = k;
    return b;
}

void out_svg(FILE *f, const char *query, dateline_results_t *res, const char *period)
{
    const int width = 900, height = 320, left = 56, right = 16, top = 40, bottom = 64;
    size_t n = 0, most = 0;
    bar_t *bars = svg_bars(res, period, &n);
    if (!bars)
        n = 0;
    for (size_t i = 0; i < n; i++)
        most = bars[i].count > most ? bars[i].count : most;
    double plot_w = width - left - right, plot_h = height - top - bottom;
    double bar = n ? plot_w / (double)n : plot_w;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            width, height, width, height);
    fputs("<title>", f);
    xml_text(f, query);
    fprintf(f, ": stories by %s</title>\n", period);
    fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height);
    fprintf(f, "<text x=\"%d\" y=\"22\" font-size=\"14\">", left);
    xml_text(f, query);
    fprintf(f, " \xe2\x80\x94 %zu stories by %s</text>\n",
            dateline_results_total(res), period);
    /* the axis: 0 and the largest count */
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left,
            top + (int)plot_h, width - right, top + (int)plot_h);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left - 6,
            top + (int)plot_h);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text>\n", left - 6,
            top + 10, most);
    size_t every = n > 24 ? (n + 23) / 24 : 1; /* at most 24 labels */
    for (size_t i = 0; i < n; i++) {
        size_t c = bars[i].count;
        const char *pl = bars[i].places, *gr = bars[i].groups, *label = bars[i].label;
        double h = most ? plot_h * (double)c / (double)most : 0;
        double x = left + bar * (double)i;
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                   "fill=\"#2b6cb0\"><title>",
                x + bar * 0.1, top + plot_h - h, bar * 0.8, h);
        xml_text(f, label);
        fprintf(f, ": %zu", c);
        if (*pl || *gr) {
            fputs(" (", f);
            xml_text(f, pl);
            fputs(*pl && *gr ? " | " : "", f);
            xml_text(f, gr);
            fputs(")", f);
        }
        fputs("</title></rect>\n", f);
        if (i % every == 0) {
            fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" "
                       "transform=\"rotate(-45 %.1f %d)\">",
                    x + bar / 2, top + (int)plot_h + 14, x + bar / 2, top + (int)plot_h + 14);
            xml_text(f, label);
            fputs("</text>\n", f);
        }
    }
    fputs("</svg>\n", f);
    free(bars);
}

dateline_status_t out_article(FILE *f, out_format_t fmt, const dateline_article_t *a,
                              dateline_results_t *chain)
{
    /* the other versions of the story: id, date and title of each, oldest first */
    size_t nv = chain ? dateline_results_size(chain) : 0;
    const dateline_article_t **v = nv > 1 ? calloc(nv, sizeof *v) : NULL;
    if (nv > 1 && !v)
        return DATELINE_NO_MEMORY;
    for (size_t i = 0; v && i < nv; i++) {
        dateline_status_t st = dateline_result_article(dateline_results_get(chain, i), &v[i]);
        if (st != DATELINE_OK) {
            free(v);
            return st;
        }
    }
    if (!v)
        nv = 0;
    static const dateline_field_t order[] = {
        DATELINE_FIELD_ID,     DATELINE_FIELD_TITLE,   DATELINE_FIELD_DATE,
        DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE, DATELINE_FIELD_DATELINES,
        DATELINE_FIELD_PLACES, DATELINE_FIELD_PLACE_IDS, DATELINE_FIELD_GROUPS,
        DATELINE_FIELD_ACRONYMS, DATELINE_FIELD_TOPICS,
        DATELINE_FIELD_AUTHOR, DATELINE_FIELD_FILE,    DATELINE_FIELD_KEY,
        DATELINE_FIELD_ORIGINS, DATELINE_FIELD_STORY,  DATELINE_FIELD_CHARSET,
        DATELINE_FIELD_REPAIRED};
    const size_t norder = sizeof order / sizeof order[0];
    if (fmt == OUT_JSON || fmt == OUT_JSONL) {
        fprintf(f, "{\"version\":%d", DL_JSON_VERSION);
        for (size_t i = 0; i < norder; i++) {
            dateline_field_t fl = order[i];
            if (fl == DATELINE_FIELD_PLACE_IDS)
                json_place_ids(f, a);
            else if ((fl >= DATELINE_FIELD_DATELINES && fl <= DATELINE_FIELD_ACRONYMS) ||
                     fl == DATELINE_FIELD_ORIGINS)
                json_list(f, dateline_field_name(fl), a, fl);
            else
                json_field(f, dateline_field_name(fl), dateline_article_get(a, fl), 1);
        }
        fputs(",\"versions\":[", f);
        for (size_t i = 0; i < nv; i++) {
            fprintf(f, "%s{\"id\":", i ? "," : "");
            out_json_string(f, dateline_article_get(v[i], DATELINE_FIELD_ID));
            json_field(f, "date", dateline_article_get(v[i], DATELINE_FIELD_DATE), 1);
            json_field(f, "title", dateline_article_get(v[i], DATELINE_FIELD_TITLE), 1);
            json_field(f, "file", dateline_article_get(v[i], DATELINE_FIELD_FILE), 1);
            json_field(f, "key", dateline_article_get(v[i], DATELINE_FIELD_KEY), 1);
            fputc('}', f);
        }
        fputc(']', f);
        json_field(f, "body", dateline_article_get(a, DATELINE_FIELD_BODY), 1);
        fputs("}\n", f);
        free(v);
        return DATELINE_OK;
    }
    for (size_t i = 0; i < norder; i++) {
        dateline_field_t fl = order[i];
        size_t n = dateline_article_count(a, fl);
        if (!n)
            continue;
        if (fmt == OUT_TSV) {
            fprintf(f, "%s\t", dateline_field_name(fl));
            tsv_list(f, a, fl);
            fputc('\n', f);
            continue;
        }
        if (fmt == OUT_CSV) {
            fprintf(f, "%s,", dateline_field_name(fl));
            csv_list(f, a, fl);
            fputs("\r\n", f);
            continue;
        }
        fprintf(f, "%-11s", dateline_field_name(fl));
        for (size_t k = 0; k < n; k++)
            fprintf(f, "%s%s", k ? "; " : "", dateline_article_get_nth(a, fl, k));
        fputc('\n', f);
    }
    for (size_t i = 0; i < nv; i++) {
        const char *vid = dateline_article_get(v[i], DATELINE_FIELD_ID);
        const char *vdate = dateline_article_get(v[i], DATELINE_FIELD_DATE);
        const char *vtitle = dateline_article_get(v[i], DATELINE_FIELD_TITLE);
        if (fmt == OUT_TSV) {
            fprintf(f, "version\t%s\t%s\t", or_empty(vid), or_empty(vdate));
            tsv_value(f, vtitle);
            fputc('\n', f);
        } else if (fmt == OUT_CSV) {
            fprintf(f, "version,%s,%s,", or_empty(vid), or_empty(vdate));
            csv_value(f, vtitle);
            fputs("\r\n", f);
        } else {
            fprintf(f, "%-11s%s  %-19s  %s%s\n", i ? "" : "versions", or_empty(vid),
                    vdate ? vdate : "undated", or_empty(vtitle),
                    strcmp(or_empty(vid), or_empty(dateline_article_get(a, DATELINE_FIELD_ID)))
                        ? "" : "  (this one)");
        }
    }
    free(v);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    if (fmt == OUT_TSV) {
        fputs("body\t", f);
        tsv_value(f, body);
        fputc('\n', f);
    } else if (fmt == OUT_CSV) {
        fputs("body,", f);
        csv_value(f, body);
        fputs("\r\n", f);
    } else if (body) {
        fprintf(f, "\n%s\n", body);
    }
    return DATELINE_OK;
}
