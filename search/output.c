/* output.c: text, JSON, JSON Lines, CSV and TSV renderings of results and articles. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "days.h"
#include <unistd.h>
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

/* An origin's file as it is shown: dateline-index records absolute paths, and a file under
 * the current folder is shown relative to it ("corpus/wire/x.txt"), as people gave it. */
static const char *file_shown(const char *file)
{
    static char *cwd;
    static size_t n;
    if (!cwd && (cwd = getcwd(NULL, 0)) != NULL)
        n = strlen(cwd);
    if (!file || !cwd || file[0] != '/' || strncmp(file, cwd, n) != 0)
        return file;
    if (n == 1) /* in "/", absolute paths are as plain */
        return file;
    return file[n] == '/' && file[n + 1] ? file + n + 1 : file;
}

/* An article's file, as shown. */
static const char *file_of(const dateline_article_t *a)
{
    return file_shown(dateline_article_get(a, DATELINE_FIELD_FILE));
}

/* Value i of a field as people read it: an ORIGINS entry, which the library keeps as file,
 * 0x1F and key, is shown "FILE:KEY", or "FILE" without a key; a file as file_shown() shows it.
 * Returns the value itself or a copy in *copy (NULL when none was made), which the caller
 * frees. */
static const char *shown(const dateline_article_t *a, dateline_field_t fl, size_t i, char **copy)
{
    const char *v = dateline_article_get_nth(a, fl, i);
    if (fl == DATELINE_FIELD_FILE || fl == DATELINE_FIELD_ORIGINS)
        v = file_shown(v);
    const char *sep = v && fl == DATELINE_FIELD_ORIGINS ? strchr(v, '\x1f') : NULL;
    *copy = NULL;
    if (!sep || !(*copy = strdup(v)))
        return v;
    if (sep[1])
        (*copy)[sep - v] = ':';
    else
        (*copy)[sep - v] = '\0';
    return *copy;
}

static void json_list(FILE *f, const char *name, const dateline_article_t *a, dateline_field_t fl)
{
    size_t n = dateline_article_count(a, fl);
    fprintf(f, ",\"%s\":[", name);
    for (size_t i = 0; i < n; i++) {
        char *copy;
        if (i)
            fputc(',', f);
        out_json_string(f, shown(a, fl, i, &copy));
        free(copy);
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
        char *copy;
        if (i)
            fputc(',', f);
        tsv_value(f, shown(a, fl, i, &copy));
        free(copy);
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

/* Switches the terminal from style *cur to `want` (NULL: none). */
static void restyle(FILE *f, const char **cur, const char *want)
{
    if (*cur == want)
        return;
    if (*cur)
        fputs(C_OFF, f);
    if (want)
        fputs(want, f);
    *cur = want;
}

/* Prints plain text s from column *col, after `lead` spaces unless it starts a line, with
 * its spans in style `on` and the rest in style `base` (either may be NULL for none). With a
 * width, a word that would pass it goes on the next line, which starts with `indent` spaces
 * (the spaces before it go), and a line end in the text is a space; a word wider than the
 * line stands alone on it, whole. Without a width the text is printed as it is. */
static void wrap(FILE *f, const char *s, const size_t *spans, size_t nspans, const char *on,
                 const char *base, size_t *col, size_t lead, size_t indent, size_t width)
{
    size_t n = strlen(s), i = 0;
    size_t gap = lead;      /* spaces owed before the next word */
    const char *cur = NULL; /* the style in force */
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
            restyle(f, &cur, NULL); /* each word sets its own style again */
            fputc('\n', f);
            fprintf(f, "%*s", (int)indent, "");
            *col = indent;
            gap = 0;
        }
        if (gap) {
            /* the spaces between two words of one span, or of the base text, are styled so */
            int h = on && ws > 0 && lit(spans, nspans, ws - 1) && lit(spans, nspans, ws);
            restyle(f, &cur, h ? on : cur == on ? base : cur);
            fprintf(f, "%*s", (int)gap, "");
            *col += gap;
        }
        for (size_t p = ws; p < we; p++) {
            restyle(f, &cur, on && lit(spans, nspans, p) ? on : base);
            fputc(s[p], f);
        }
        *col += w;
        gap = 0;
        i = we;
    }
    restyle(f, &cur, NULL);
}

/* ---- Results, one format a row of the table below ---- */

/* What a format prints of one result. */
typedef struct {
    dateline_result_t *r;
    const dateline_article_t *a;
    const char *snippet;  /* plain text */
    const size_t *spans;  /* the query's words in it: byte offsets, start and end of each */
    size_t nspans;
    const char *title;    /* text: the headline, with */
    const size_t *tspans; /* the query's words in it */
    size_t ntspans;
    size_t versions;      /* articles in its story chain */
} row_t;

/* An output format: what it prints of a list of results (begin, each result, the facets and
 * timeline, end), of a count and of one article. */
typedef struct {
    const char *name;   /* for --format */
    int stories;        /* prints the number of stories (which costs a pass over the matches) */
    int facets;         /* prints facets and timelines (else they are refused) */
    int chart;          /* draws the timeline and lists no result */
    int marks_title;    /* highlights the query's words in the headline (on a terminal) */
    void (*begin)(FILE *f, const out_t *o, const out_totals_t *t);
    void (*result)(FILE *f, const out_t *o, const row_t *w, size_t i);
    /* the facets and timeline of the first page, kept and handed to end() */
    void (*facets_hook)(FILE *f, const out_t *o, dateline_results_t *res,
                        const dateline_field_t *fields, size_t nfields, const char *period);
    /* after the results: closes what begin() opened, around the facets' text */
    void (*end)(FILE *f, const out_t *o, const out_totals_t *t, size_t shown, const char *tail,
                size_t taillen);
    void (*count)(FILE *f, const char *query, size_t total);
    void (*article)(FILE *f, const dateline_article_t *a, const dateline_article_t **v, size_t nv);
} printer_t;

static void json_result(FILE *f, const row_t *w)
{
    const dateline_article_t *a = w->a;
    fputs("{\"id\":", f);
    out_json_string(f, dateline_article_get(a, DATELINE_FIELD_ID));
    fprintf(f, ",\"rank\":%zu,\"score\":%.4f,\"versions\":%zu", dateline_result_rank(w->r),
            dateline_result_score(w->r), w->versions);
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
    json_field(f, "file", file_of(a), 0);
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
    fprintf(f, ",\"total\":%zu,", t->total);
    if (!t->exact)
        fprintf(f, "\"total_exact\":false,\"total_bound\":%zu,", t->bound);
    if (t->partial)
        fputs("\"partial\":true,", f);
    fprintf(f, "\"stories\":%zu,\"offset\":%zu,\"results\":[", t->stories, o->offset);
}
static void json_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o;
    if (i)
        fputc(',', f);
    json_result(f, w);
}
static void json_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown,
                     const char *tail, size_t taillen)
{
    (void)o, (void)t, (void)shown;
    fputc(']', f);
    fwrite(tail, 1, taillen, f); /* the members json_facets() wrote */
    fputs("}\n", f);
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

/* TSV and CSV: the same columns, each with its own separator, line end and quoting. */
typedef struct {
    const char *sep, *end;                                              /* "\t", "\n" */
    void (*value)(FILE *f, const char *s);                              /* one field */
    void (*list)(FILE *f, const dateline_article_t *a, dateline_field_t fl); /* a list field */
} delimited_t;

static const delimited_t tsv = {"\t", "\n", tsv_value, tsv_list};
static const delimited_t csv = {",", "\r\n", csv_value, csv_list};

static void delimited_begin(FILE *f, const out_t *o, const delimited_t *d)
{
    const size_t n = sizeof columns / sizeof columns[0];
    for (size_t k = 0; o->header && k < n; k++)
        fprintf(f, "%s%s", columns[k], k + 1 < n ? d->sep : d->end);
}

static void delimited_row(FILE *f, const row_t *w, const delimited_t *d)
{
    const dateline_article_t *a = w->a;
    static const dateline_field_t fields[] = {
        DATELINE_FIELD_ID, DATELINE_FIELD_DATE, DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE,
        DATELINE_FIELD_TITLE, DATELINE_FIELD_PLACES, DATELINE_FIELD_GROUPS,
        DATELINE_FIELD_TOPICS, DATELINE_FIELD_FILE, DATELINE_FIELD_KEY};
    fprintf(f, "%zu%s%.4f%s", dateline_result_rank(w->r), d->sep, dateline_result_score(w->r),
            d->sep);
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (fields[k] >= DATELINE_FIELD_PLACES && fields[k] <= DATELINE_FIELD_TOPICS)
            d->list(f, a, fields[k]);
        else if (fields[k] == DATELINE_FIELD_FILE)
            d->value(f, file_of(a));
        else
            d->value(f, dateline_article_get(a, fields[k]));
        fputs(d->sep, f);
    }
    d->value(f, w->snippet);
    fputs(d->end, f);
}

static void tsv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    delimited_begin(f, o, &tsv);
}
static void tsv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    delimited_row(f, w, &tsv);
}
static void csv_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    (void)t;
    delimited_begin(f, o, &csv);
}
static void csv_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    (void)o, (void)i;
    delimited_row(f, w, &csv);
}

static void text_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    const dateline_article_t *a = w->a;
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    const char *dateline = dateline_article_get(a, DATELINE_FIELD_DATELINE);
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *id = dateline_article_get(a, DATELINE_FIELD_ID);
    const char *file = file_of(a);
    const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
    int color = o->color;
    (void)i;
    /* rank, day, dateline and headline; the snippet; the id and origin: each wraps under
     * the fifth column */
    int start = fprintf(f, "%s%3zu.%s ", color ? C_BOLD : "", dateline_result_rank(w->r),
                        color ? C_OFF : "");
    print_day(f, date);
    size_t col = (size_t)(start > 0 ? start : 0) - (color ? strlen(C_BOLD C_OFF) : 0) + 10;
    if (dateline)
        wrap(f, dateline, NULL, 0, NULL, NULL, &col, 2, 5, o->width);
    /* the headline in bold, the query's words in it as in the snippet */
    if (w->title)
        wrap(f, w->title, w->tspans, w->ntspans, color ? C_HIT : NULL, color ? C_BOLD : NULL,
             &col, 2, 5, o->width);
    else
        wrap(f, or_empty(title), NULL, 0, NULL, color ? C_BOLD : NULL, &col, 2, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    wrap(f, w->snippet, w->spans, w->nspans, color ? C_HIT : NULL, NULL, &col, 0, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    char *origin = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&origin, &len);
    if (mem) {
        fprintf(mem, "%s  %s%s%s", or_empty(id), or_empty(file), key ? ":" : "", or_empty(key));
        if (w->versions > 1)
            fprintf(mem, "  [%zu versions: --show %s]", w->versions,
                    or_empty(id));
        if (fclose(mem) == 0)
            wrap(f, origin, NULL, 0, NULL, color ? C_DIM : NULL, &col, 0, 5, o->width);
    }
    free(origin);
    fputc('\n', f);
}
static void text_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown,
                     const char *tail, size_t taillen)
{
    size_t offset = o->offset;
    const char *matches = t->total == 1 ? "match" : "matches";
    char range[48]; /* "3-12", or "3" for one */
    if (shown == 1)
        snprintf(range, sizeof range, "%zu", offset + 1);
    else
        snprintf(range, sizeof range, "%zu-%zu", offset + 1, offset + shown);
    if (!t->exact)
        fprintf(f, shown ? "%s of %zu+ matches (--exact-total counts them all)\n"
                         : "%s%zu+ matches (none on this page; --exact-total counts them all)\n",
                shown ? range : "", t->total);
    else if (shown && t->stories < t->total && !o->all_versions)
        fprintf(f, "%s of %zu %s (%zu matching articles; --all-versions lists each)\n", range,
                t->stories, t->stories == 1 ? "story" : "stories", t->total);
    else if (shown)
        fprintf(f, "%s of %zu %s\n", range, t->total, matches);
    else
        fprintf(f, "%zu %s%s\n", t->total, matches, t->total ? " (none on this page)" : "");
    fwrite(tail, 1, taillen, f);
}

static const printer_t *printer(out_format_t fmt);

/* The markers the snippet is asked for, to be taken out again: control characters, which
 * normalized text never holds. */
#define HI_START "\x01"
#define HI_END "\x02"

/* A text marked with HI_START and HI_END, without its marks, and where they were (byte
 * offsets into it, a start and an end each). Returns 0 when memory runs out. */
static int unmark(const char *marked, char **plain, size_t **spans, size_t *nspans)
{
    size_t len = strlen(marked), nmarks = 0, n = 0;
    for (size_t k = 0; k < len; k++)
        nmarks += marked[k] == HI_START[0];
    *plain = malloc(len + 1);
    *spans = malloc((2 * nmarks + 1) * sizeof **spans);
    *nspans = 0;
    if (!*plain || !*spans) {
        free(*plain);
        free(*spans);
        return 0;
    }
    for (size_t k = 0; k < len; k++) {
        if (marked[k] == HI_START[0] && *nspans < nmarks)
            (*spans)[2 * *nspans] = n;
        else if (marked[k] == HI_END[0] && *nspans < nmarks)
            (*spans)[2 * (*nspans)++ + 1] = n;
        else
            (*plain)[n++] = marked[k];
    }
    (*plain)[n] = '\0';
    return 1;
}

dateline_status_t out_result(FILE *f, const out_t *o, dateline_result_t *r, size_t i)
{
    row_t w = {r, NULL, NULL, NULL, 0, NULL, NULL, 0, 0};
    const char *marked, *mtitle = NULL;
    dateline_status_t st = dateline_result_article(r, &w.a);
    if (st == DATELINE_OK)
        st = dateline_result_versions(r, &w.versions);
    if (st == DATELINE_OK)
        st = dateline_result_snippet(r, SNIPPET_BYTES, HI_START, HI_END, &marked);
    if (st == DATELINE_OK && printer(o->fmt)->marks_title && o->color)
        st = dateline_result_highlight(r, DATELINE_FIELD_TITLE, HI_START, HI_END, &mtitle);
    if (st != DATELINE_OK)
        return st;
    char *plain = NULL, *title = NULL;
    size_t *spans = NULL, *tspans = NULL;
    if (!unmark(marked, &plain, &spans, &w.nspans) ||
        (mtitle && !unmark(mtitle, &title, &tspans, &w.ntspans))) {
        free(plain);
        free(spans);
        return DATELINE_NO_MEMORY;
    }
    w.snippet = plain;
    w.spans = spans;
    w.title = title;
    w.tspans = tspans;
    if (printer(o->fmt)->result)
        printer(o->fmt)->result(f, o, &w, i);
    free(plain);
    free(spans);
    free(title);
    free(tspans);
    return DATELINE_OK;
}

void out_count(FILE *f, out_format_t fmt, const char *query, size_t total)
{
    if (printer(fmt)->count)
        printer(fmt)->count(f, query, total);
    else
        fprintf(f, "%zu\n", total);
}

static void json_count(FILE *f, const char *query, size_t total)
{
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
    [DATELINE_READ_ONLY] = "read_only",
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
    case DATELINE_FIELD_SOURCE: return "source";
    default: return "dateline";
    }
}

/* The commonest values of `field` (places or groups) in period i of the timeline as a JSON list. */
static void json_top(FILE *f, const dateline_results_t *res, size_t i, dateline_field_t field)
{
    const char *v;
    fputc('[', f);
    for (size_t j = 0; (v = dateline_results_timeline_top(res, i, field, j, NULL)) != NULL; j++) {
        if (j)
            fputc(',', f);
        out_json_string(f, v);
    }
    fputc(']', f);
}

/* The same joined by ";" for the text, TSV and SVG outputs, in buf (whole values only). */
static const char *joined_top(const dateline_results_t *res, size_t i, dateline_field_t field,
                              char *buf, size_t size)
{
    const char *v;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; (v = dateline_results_timeline_top(res, i, field, j, NULL)) != NULL; j++) {
        size_t n = strlen(v);
        if (len + n + 2 > size)
            break;
        len += (size_t)snprintf(buf + len, size - len, "%s%s", j ? ";" : "", v);
    }
    return buf;
}

/* How many characters (not bytes) a UTF-8 string has, for lining up columns. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The line under a text timeline: where the matches that are in no period went. */
static void text_left_out(FILE *f, dateline_results_t *res, const char *period)
{
    size_t total = dateline_results_total(res), undated = dateline_results_timeline_undated(res);
    size_t coarser = dateline_results_timeline_coarser(res);
    size_t in = total - undated - coarser;
    fprintf(f, "  %zu of %zu matches in the timeline; %zu undated", in, total, undated);
    if (strcmp(period, "day") == 0 || strcmp(period, "week") == 0)
        fprintf(f, ", %zu dated only to a month or year", coarser);
    else if (strcmp(period, "month") == 0)
        fprintf(f, ", %zu dated only to a year", coarser);
    fputc('\n', f);
}

/* The series of a timeline (--by) as a table: a row per period, a column per value. */
static void text_series(FILE *f, dateline_results_t *res, const char *period)
{
    size_t ns = dateline_results_series_size(res), nt = dateline_results_timeline_size(res);
    if (!ns)
        return;
    fprintf(f, "\nby %s, the %zu commonest over all matches (matches per %s):\n",
            facet_name(dateline_results_series_field(res)), ns, period);
    fprintf(f, "  %-10s", period);
    for (size_t s = 0; s < ns; s++) {
        const char *v = dateline_results_series_get(res, s, NULL);
        size_t w = chars(v);
        fprintf(f, "  %*s%s", w < 6 ? (int)(6 - w) : 0, "", v);
    }
    fputc('\n', f);
    for (size_t i = 0; i < nt; i++) {
        fprintf(f, "  %-10s", dateline_results_timeline_get(res, i, NULL));
        for (size_t s = 0; s < ns; s++) {
            size_t w = chars(dateline_results_series_get(res, s, NULL));
            fprintf(f, "  %*zu", (int)(w < 6 ? 6 : w), dateline_results_series_count(res, s, i));
        }
        fputc('\n', f);
    }
}

/* The timeline in JSON: the members of the "timeline" object. */
static void json_timeline(FILE *f, dateline_results_t *res, const char *period)
{
    size_t nt = dateline_results_timeline_size(res), ns = dateline_results_series_size(res);
    fprintf(f, ",\"timeline\":{\"period\":\"%s\",\"periods\":[", period);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        const char *label = dateline_results_timeline_get(res, i, &n);
        fprintf(f, "%s{\"period\":\"%s\",\"count\":%zu,\"places\":", i ? "," : "", label, n);
        json_top(f, res, i, DATELINE_FIELD_PLACES);
        fputs(",\"groups\":", f);
        json_top(f, res, i, DATELINE_FIELD_GROUPS);
        fputc('}', f);
    }
    fprintf(f, "],\"undated\":%zu,\"coarser\":%zu,\"by\":",
            dateline_results_timeline_undated(res), dateline_results_timeline_coarser(res));
    if (ns)
        fprintf(f, "\"%s\"", facet_name(dateline_results_series_field(res)));
    else
        fputs("null", f);
    fputs(",\"series\":[", f);
    for (size_t s = 0; s < ns; s++) {
        fprintf(f, "%s{\"value\":", s ? "," : "");
        out_json_string(f, dateline_results_series_get(res, s, NULL));
        fputs(",\"counts\":[", f);
        for (size_t i = 0; i < nt; i++)
            fprintf(f, "%s%zu", i ? "," : "", dateline_results_series_count(res, s, i));
        fputs("]}", f);
    }
    fputs("]}", f);
}

/* The facets and timeline in JSON: members of the results' object, which json_end() closes. */
static void json_facets(FILE *f, const out_t *o, dateline_results_t *res,
                        const dateline_field_t *fields, size_t nfields, const char *period)
{
    (void)o;
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
    if (period)
        json_timeline(f, res, period);
}

/* A text timeline: a bar per period, scaled to the busiest. */
static void text_timeline(FILE *f, dateline_results_t *res, const char *period)
{
    size_t nt = dateline_results_timeline_size(res), most = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        dateline_results_timeline_get(res, i, &n);
        most = n > most ? n : most;
    }
    fprintf(f, "\ntimeline by %s:\n", period);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        char pb[1024], gb[1024];
        const char *label = dateline_results_timeline_get(res, i, &n);
        const char *pl = joined_top(res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = joined_top(res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
        size_t bar = most ? (n * 40 + most - 1) / most : 0;
        fprintf(f, "  %-10s %6zu", label, n);
        if (n) {
            fputc(' ', f);
            for (size_t b = 0; b < 40; b++)
                fputs(b < bar ? "#" : " ", f);
            fprintf(f, "  %s%s%s", pl, *pl && *gr ? " | " : "", gr);
        }
        fputc('\n', f);
    }
    text_left_out(f, res, period);
    text_series(f, res, period);
}

static void text_facets(FILE *f, const out_t *o, dateline_results_t *res,
                        const dateline_field_t *fields, size_t nfields, const char *period)
{
    (void)o;
    for (size_t k = 0; k < nfields; k++) {
        fprintf(f, "\n%s:\n", facet_name(fields[k]));
        for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
            size_t n;
            const char *v = dateline_results_facet_get(res, fields[k], i, &n);
            fprintf(f, "  %6zu  %s\n", n, v);
        }
    }
    if (period)
        text_timeline(f, res, period);
}

/* TSV: a line per facet value, then per period, then per period and series value. */
static void tsv_facets(FILE *f, const out_t *o, dateline_results_t *res,
                       const dateline_field_t *fields, size_t nfields, const char *period)
{
    (void)o;
    for (size_t k = 0; k < nfields; k++)
        for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
            size_t n;
            const char *v = dateline_results_facet_get(res, fields[k], i, &n);
            fprintf(f, "facet\t%s\t", facet_name(fields[k]));
            tsv_value(f, v);
            fprintf(f, "\t%zu\n", n);
        }
    if (!period)
        return;
    size_t nt = dateline_results_timeline_size(res);
    for (size_t i = 0; i < nt; i++) {
        size_t n;
        char pb[1024], gb[1024];
        const char *label = dateline_results_timeline_get(res, i, &n);
        const char *pl = joined_top(res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = joined_top(res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
        fprintf(f, "period\t%s\t%zu\t", label, n);
        tsv_value(f, pl);
        fputc('\t', f);
        tsv_value(f, gr);
        fputc('\n', f);
    }
    for (size_t i = 0; i < nt; i++)
        for (size_t s = 0; s < dateline_results_series_size(res); s++) {
            fprintf(f, "series\t%s\t", dateline_results_timeline_get(res, i, NULL));
            tsv_value(f, dateline_results_series_get(res, s, NULL));
            fprintf(f, "\t%zu\n", dateline_results_series_count(res, s, i));
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

/* The date of a day number, as "YYYY-MM-DD" into buf (at least 32 bytes). */
static void date_of(long days, char *buf)
{
    long y, m, d;
    dl_day_date(days, &y, &m, &d);
    snprintf(buf, 32, "%04ld-%02d-%02d", y, (int)m, (int)d);
}

/* The time axis of a chart: period i covers [i, i+1) in axis units, so that the axis is
 * time: a day, week, month or year per unit, empty periods included. */
typedef enum { AX_DAY, AX_WEEK, AX_MONTH, AX_YEAR } unit_t;
typedef struct {
    unit_t unit;  /* what a period is */
    long first;   /* the first period: its day (a week's Monday), y * 12 + m - 1, or year */
    size_t n;     /* periods */
} axis_t;

/* Where on the axis the day `day` starts (day and week axes only). */
static double axis_day(const axis_t *a, long day)
{
    return a->unit == AX_DAY ? (double)(day - a->first) : (double)(day - a->first) / 7.0;
}

/* Where month m (1-12) of year y starts. */
static double axis_month(const axis_t *a, long y, long m)
{
    if (a->unit == AX_MONTH)
        return (double)(y * 12 + m - 1 - a->first);
    if (a->unit == AX_YEAR)
        return (double)(y - a->first) + (double)(m - 1) / 12.0;
    return axis_day(a, dl_day_number(y, m, 1));
}

/* The year, month and day where the axis starts. */
static void axis_start(const axis_t *a, long *y, long *m)
{
    char buf[32];
    switch (a->unit) {
    case AX_DAY:
    case AX_WEEK:
        date_of(a->first, buf);
        sscanf(buf, "%ld-%ld", y, m);
        break;
    case AX_MONTH: *y = a->first / 12, *m = a->first % 12 + 1; break;
    case AX_YEAR: *y = a->first, *m = 1; break;
    }
}

enum { MAX_TICKS = 64 };
typedef struct {
    double at;      /* position in axis units */
    char text[32];  /* "2017-10-16", "2017-10" or "2017" */
} tick_t;

/* The labels of one level of the axis: every `step`th period of the axis's own unit (at the
 * periods' middles), or every `step`th month or year (at their starts); `unit` is the level's.
 * Returns how many (at most MAX_TICKS; more is reported as MAX_TICKS + 1). */
static size_t axis_ticks(const axis_t *a, unit_t unit, long step, tick_t *t)
{
    size_t k = 0;
    double end = (double)a->n;
    if (unit == a->unit) {
        long y, m;
        axis_start(a, &y, &m);
        for (size_t i = 0; i < a->n; i++) {
            long v = unit == AX_YEAR ? a->first + (long)i : unit == AX_MONTH ? a->first + (long)i
                                                                             : (long)i;
            if (unit == AX_YEAR ? v % step : unit == AX_MONTH ? (v % 12) % step : v % step)
                continue;
            if (k == MAX_TICKS)
                return MAX_TICKS + 1;
            t[k].at = (double)i + 0.5;
            if (unit == AX_YEAR)
                snprintf(t[k].text, sizeof t[k].text, "%04ld", v);
            else if (unit == AX_MONTH)
                snprintf(t[k].text, sizeof t[k].text, "%04ld-%02ld", v / 12, v % 12 + 1);
            else
                date_of(a->first + (long)i * (a->unit == AX_WEEK ? 7 : 1), t[k].text);
            k++;
        }
        return k;
    }
    /* months or years on a finer axis: a label where each begins */
    long y, m;
    axis_start(a, &y, &m);
    if (unit == AX_YEAR)
        m = 1;
    for (;; unit == AX_YEAR ? (void)y++ : (void)(m = m % 12 + 1, y += m == 1)) {
        double at = axis_month(a, y, m);
        if (at >= end)
            break;
        if (at < 0 || (unit == AX_YEAR ? y % step : (m - 1) % step))
            continue;
        if (k == MAX_TICKS)
            return MAX_TICKS + 1;
        t[k].at = at;
        if (unit == AX_YEAR)
            snprintf(t[k].text, sizeof t[k].text, "%04ld", y);
        else
            snprintf(t[k].text, sizeof t[k].text, "%04ld-%02ld", y, m);
        k++;
    }
    return k;
}

/* Labels for the axis that do not overlap: the finest level whose labels are `px` pixels apart
 * or more, `scale` pixels being one period. Returns how many are in t. */
static size_t axis_labels(const axis_t *a, double scale, tick_t *t)
{
    static const struct { unit_t unit; long step; } levels[] = {
        {AX_DAY, 1}, {AX_DAY, 2}, {AX_DAY, 7}, {AX_WEEK, 1}, {AX_WEEK, 2}, {AX_MONTH, 1}, {AX_MONTH, 2}, {AX_MONTH, 3}, {AX_MONTH, 6},
        {AX_YEAR, 1}, {AX_YEAR, 2}, {AX_YEAR, 5}, {AX_YEAR, 10}, {AX_YEAR, 20}, {AX_YEAR, 50},
        {AX_YEAR, 100}, {AX_YEAR, 200}, {AX_YEAR, 500}, {AX_YEAR, 1000}, {AX_YEAR, 2000}};
    for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
        unit_t u = levels[l].unit;
        if (u < a->unit || (u == AX_DAY && a->unit != AX_DAY) || (u == AX_WEEK && a->unit != AX_WEEK))
            continue;
        size_t k = axis_ticks(a, u, levels[l].step, t);
        if (k == 0 || k > MAX_TICKS)
            continue;
        double px = (double)strlen(t[0].text) * 6.5 + 12, gap = 1e9;
        for (size_t i = 1; i < k; i++)
            gap = (t[i].at - t[i - 1].at) * scale < gap ? (t[i].at - t[i - 1].at) * scale : gap;
        if (gap >= px)
            return k;
    }
    /* nothing fits (a span too long for any level): the first period alone */
    axis_ticks(a, a->unit, 1, t);
    return a->n ? 1 : 0;
}

/* A round step for the count axis (1, 2 or 5 times a power of ten) giving at most 5 steps up
 * to `most`, and the top of the axis in *top. */
static size_t count_step(size_t most, size_t *top)
{
    size_t step = 1;
    for (size_t p = 1;; p *= 10) {
        if (most <= 5 * p) { step = p; break; }
        if (most <= 10 * p) { step = 2 * p; break; }
        if (most <= 25 * p) { step = 5 * p; break; }
        if (p > (size_t)-1 / 100) { step = p * 10; break; }
    }
    *top = most ? (most + step - 1) / step * step : step;
    return step;
}

/* Writes at most `max` characters of s as XML text, with "..." (U+2026) when it was cut. */
static void xml_cut(FILE *f, const char *s, size_t max)
{
    size_t n = 0, len = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (; p[len]; len++)
        if ((p[len] & 0xC0) != 0x80 && n++ == max)
            break;
    char *copy = malloc(len + 1);
    if (!copy) {
        xml_text(f, s);
        return;
    }
    memcpy(copy, p, len);
    copy[len] = '\0';
    xml_text(f, copy);
    if (p[len])
        fputs("\xe2\x80\xa6", f);
    free(copy);
}

enum { SVG_EMPTY_BARS = 20000 }; /* periods beyond which empty ones get no bar of their own */

/* Colours of the series: distinct in hue and lightness, readable on white and in print. */
static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                      "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

static void svg_facets(FILE *f, const out_t *o, dateline_results_t *res,
                       const dateline_field_t *fields, size_t nfields, const char *period)
{
    const char *query = o->query;
    (void)fields, (void)nfields;
    size_t n = dateline_results_timeline_size(res), ns = dateline_results_series_size(res);
    size_t total = dateline_results_total(res), most = 0, drawn = 0;
    size_t undated = dateline_results_timeline_undated(res);
    size_t coarser = dateline_results_timeline_coarser(res);
    if (ns > sizeof palette / sizeof palette[0])
        ns = sizeof palette / sizeof palette[0];
    const int width = 900, height = 360, left = 64, top = 56, bottom = 84;
    const int right = ns ? 210 : 24;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    const double base = top + plot_h;
    axis_t ax = {AX_MONTH, 0, n};
    char first[32] = "", last[32] = "";
    if (strcmp(period, "day") == 0)
        ax.unit = AX_DAY;
    else if (strcmp(period, "week") == 0)
        ax.unit = AX_WEEK;
    else if (strcmp(period, "year") == 0)
        ax.unit = AX_YEAR;
    if (n) {
        long y = 0, m = 1, d = 1;
        snprintf(last, sizeof last, "%s", dateline_results_timeline_get(res, n - 1, NULL));
        snprintf(first, sizeof first, "%s", dateline_results_timeline_get(res, 0, NULL));
        sscanf(first, "%ld-%ld-%ld", &y, &m, &d);
        ax.first = ax.unit == AX_YEAR    ? y
                   : ax.unit == AX_MONTH ? y * 12 + m - 1
                                         : dl_day_number(y, m, d);
    }
    for (size_t i = 0; i < n; i++) {
        size_t c;
        dateline_results_timeline_get(res, i, &c);
        most = c > most ? c : most;
        drawn += c;
    }
    size_t ymax, ystep = count_step(most, &ymax);
    double scale = n ? plot_w / (double)n : plot_w; /* pixels per period */
    const char *noun = total == 1 ? "article" : "articles";

    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            width, height, width, height);
    fputs("<title>", f);
    xml_text(f, query);
    fprintf(f, ": %zu %s by %s", total, noun, period);
    if (n)
        fprintf(f, ", %s to %s", first, last);
    fputs("</title>\n", f);
    fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height);
    fprintf(f, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">", left);
    xml_cut(f, query, 70);
    fputs("</text>\n", f);
    fprintf(f, "<text x=\"%d\" y=\"42\" font-size=\"12\" fill=\"#444\">%zu %s by %s", left, total,
            noun, period);
    if (n)
        fprintf(f, ", %s to %s", first, last);
    fputs("</text>\n", f);

    /* the count axis: round steps, a grid line each */
    for (size_t v = 0; v <= ymax; v += ystep) {
        double y = base - plot_h * (double)v / (double)ymax;
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", left, y,
                left + plot_w, y, v ? "#e2e2e2" : "#444");
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n", left - 6, y + 4, v);
    }
    fprintf(f, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
               "articles</text>\n", top + plot_h / 2, top + plot_h / 2);

    /* a bar per period, placed by date; those without matches too (of height 0, with their
     * tooltip) unless they are too many to be worth the bytes: a bar a day over centuries */
    for (size_t i = 0; i < n; i++) {
        size_t c;
        char pb[1024], gb[1024];
        const char *label = dateline_results_timeline_get(res, i, &c);
        const char *pl = joined_top(res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = joined_top(res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
        if (!c && n > SVG_EMPTY_BARS)
            continue;
        double h = plot_h * (double)c / (double)ymax, x = left + scale * (double)i;
        double w = scale >= 4 ? scale * 0.8 : scale;
        if (c && w < 1.5) /* a day among decades: still a visible line */
            w = 1.5;
        double pad = (scale - w) / 2;
        fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"><title>",
                x + pad, base - h, w, h, ns ? "#c9d3de" : "#2b6cb0");
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
    }

    /* the series: side by side in front of each period's bar when they are 4 pixels wide or
     * more; else a line each through the middles of the periods */
    int grouped = ns && scale * 0.8 / (double)ns >= 4;
    for (size_t s = 0; grouped && s < ns; s++) {
        const char *v = dateline_results_series_get(res, s, NULL);
        double w = scale * 0.8 / (double)ns;
        fprintf(f, "<g fill=\"%s\">\n", palette[s]);
        for (size_t i = 0; i < n; i++) {
            size_t c = dateline_results_series_count(res, s, i);
            double h = plot_h * (double)c / (double)ymax;
            fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\"><title>",
                    left + scale * ((double)i + 0.1) + w * (double)s, base - h, w, h);
            xml_text(f, dateline_results_timeline_get(res, i, NULL));
            fputs(": ", f);
            xml_text(f, v);
            fprintf(f, " %zu</title></rect>\n", c);
        }
        fputs("</g>\n", f);
    }
    for (size_t s = 0; !grouped && s < ns; s++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                palette[s]);
        /* a point where the count changes is enough: runs of equal counts are straight */
        for (size_t i = 0, prev = 0, c, next = n ? dateline_results_series_count(res, s, 0) : 0;
             i < n; i++, prev = c) {
            c = next;
            next = i + 1 < n ? dateline_results_series_count(res, s, i + 1) : c;
            if (i == 0 || i + 1 == n || c != prev || c != next)
                fprintf(f, "%s%.2f,%.1f", i ? " " : "", left + scale * ((double)i + 0.5),
                        base - plot_h * (double)c / (double)ymax);
        }
        fputs("\"><title>", f);
        xml_text(f, dateline_results_series_get(res, s, NULL));
        fputs("</title></polyline>\n", f);
    }

    /* the time axis: labels that fit, a tick at each */
    tick_t ticks[MAX_TICKS + 1];
    size_t nticks = axis_labels(&ax, scale, ticks);
    for (size_t k = 0; k < nticks; k++) {
        double x = left + scale * ticks[k].at;
        if (x + (double)strlen(ticks[k].text) * 3.3 > width) /* it would be cut off */
            continue;
        fprintf(f, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#444\"/>\n", x,
                base, x, base + 5);
        fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, base + 18,
                ticks[k].text);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", left + plot_w / 2,
            base + 38, ax.unit == AX_WEEK ? "week (from Monday)" : period);

    /* what is not drawn */
    fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#444\">", left, height - 12);
    if (!total)
        fputs("No article matches.", f);
    else if (!undated && !coarser)
        fprintf(f, "All %zu %s are drawn.", total, noun);
    else {
        fprintf(f, "%zu of %zu %s drawn; not drawn: %zu undated", drawn, total, noun, undated);
        if (ax.unit != AX_YEAR)
            fprintf(f, ", %zu dated only to %s", coarser,
                    ax.unit == AX_MONTH ? "a year" : "a month or year");
        fputc('.', f);
    }
    fputs("</text>\n", f);

    /* the legend of the series */
    if (ns) {
        double x = left + plot_w + 24;
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-weight=\"bold\">by %s (articles)</text>\n", x,
                top + 4, facet_name(dateline_results_series_field(res)));
        fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#c9d3de\"/>\n", x,
                top + 14);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\">all %s (%zu)</text>\n", x + 18, top + 24, noun,
                total);
        for (size_t s = 0; s < ns; s++) {
            size_t c;
            const char *v = dateline_results_series_get(res, s, &c);
            int y = top + 34 + 18 * (int)s;
            if (grouped)
                fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                        x, y, palette[s]);
            else
                fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                           "stroke-width=\"3\"/>\n", x, y + 6, x + 12, y + 6, palette[s]);
            fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x + 18, y + 10);
            xml_cut(f, v, 22);
            fprintf(f, " (%zu)</text>\n", c);
        }
    }
    fputs("</svg>\n", f);
}

/* The fields of an article in full, in the order printed. */
static const dateline_field_t order[] = {
    DATELINE_FIELD_ID,     DATELINE_FIELD_TITLE,   DATELINE_FIELD_DATE,
    DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE, DATELINE_FIELD_DATELINES,
    DATELINE_FIELD_PLACES, DATELINE_FIELD_PLACE_IDS, DATELINE_FIELD_GROUPS,
    DATELINE_FIELD_ACRONYMS, DATELINE_FIELD_TOPICS,
    DATELINE_FIELD_AUTHOR, DATELINE_FIELD_FILE,    DATELINE_FIELD_KEY,
    DATELINE_FIELD_ORIGINS, DATELINE_FIELD_STORY,  DATELINE_FIELD_CHARSET,
    DATELINE_FIELD_REPAIRED};
#define NORDER (sizeof order / sizeof order[0])

/* An article in JSON (and JSON Lines): one object on one line. v: the nv other versions. */
static void json_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                         size_t nv)
{
    fprintf(f, "{\"version\":%d", DL_JSON_VERSION);
    for (size_t i = 0; i < NORDER; i++) {
        dateline_field_t fl = order[i];
        if (fl == DATELINE_FIELD_PLACE_IDS)
            json_place_ids(f, a);
        else if ((fl >= DATELINE_FIELD_DATELINES && fl <= DATELINE_FIELD_ACRONYMS) ||
                 fl == DATELINE_FIELD_ORIGINS)
            json_list(f, dateline_field_name(fl), a, fl);
        else
            json_field(f, dateline_field_name(fl),
                       fl == DATELINE_FIELD_FILE ? file_of(a) : dateline_article_get(a, fl), 1);
    }
    fputs(",\"versions\":[", f);
    for (size_t i = 0; i < nv; i++) {
        fprintf(f, "%s{\"id\":", i ? "," : "");
        out_json_string(f, dateline_article_get(v[i], DATELINE_FIELD_ID));
        json_field(f, "date", dateline_article_get(v[i], DATELINE_FIELD_DATE), 1);
        json_field(f, "title", dateline_article_get(v[i], DATELINE_FIELD_TITLE), 1);
        json_field(f, "file", file_of(v[i]), 1);
        json_field(f, "key", dateline_article_get(v[i], DATELINE_FIELD_KEY), 1);
        fputc('}', f);
    }
    fputc(']', f);
    json_field(f, "body", dateline_article_get(a, DATELINE_FIELD_BODY), 1);
    fputs("}\n", f);
}

/* An article in TSV or CSV: a line per field (its name, then its values), per version, and the
 * body last. */
static void delimited_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                              size_t nv, const delimited_t *d)
{
    for (size_t i = 0; i < NORDER; i++) {
        dateline_field_t fl = order[i];
        if (!dateline_article_count(a, fl))
            continue;
        fprintf(f, "%s%s", dateline_field_name(fl), d->sep);
        d->list(f, a, fl);
        fputs(d->end, f);
    }
    for (size_t i = 0; i < nv; i++) {
        fprintf(f, "version%s%s%s%s%s", d->sep,
                or_empty(dateline_article_get(v[i], DATELINE_FIELD_ID)), d->sep,
                or_empty(dateline_article_get(v[i], DATELINE_FIELD_DATE)), d->sep);
        d->value(f, dateline_article_get(v[i], DATELINE_FIELD_TITLE));
        fputs(d->end, f);
    }
    fprintf(f, "body%s", d->sep);
    d->value(f, dateline_article_get(a, DATELINE_FIELD_BODY));
    fputs(d->end, f);
}

static void tsv_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                        size_t nv)
{
    delimited_article(f, a, v, nv, &tsv);
}

static void csv_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                        size_t nv)
{
    delimited_article(f, a, v, nv, &csv);
}

/* An article as text: a line per field, the versions, a blank line and the body. */
static void text_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                         size_t nv)
{
    for (size_t i = 0; i < NORDER; i++) {
        dateline_field_t fl = order[i];
        size_t n = dateline_article_count(a, fl);
        if (!n)
            continue;
        fprintf(f, "%-11s", dateline_field_name(fl));
        for (size_t k = 0; k < n; k++) {
            char *copy;
            fprintf(f, "%s%s", k ? "; " : "", shown(a, fl, k, &copy));
            free(copy);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < nv; i++) {
        const char *vid = dateline_article_get(v[i], DATELINE_FIELD_ID);
        const char *vdate = dateline_article_get(v[i], DATELINE_FIELD_DATE);
        const char *vtitle = dateline_article_get(v[i], DATELINE_FIELD_TITLE);
        fprintf(f, "%-11s%s  %-19s  %s%s\n", i ? "" : "versions", or_empty(vid),
                vdate ? vdate : "undated", or_empty(vtitle),
                strcmp(or_empty(vid), or_empty(dateline_article_get(a, DATELINE_FIELD_ID)))
                    ? "" : "  (this one)");
    }
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    if (body)
        fprintf(f, "\n%s\n", body);
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
    if (printer(fmt)->article)
        printer(fmt)->article(f, a, v, nv);
    free(v);
    return DATELINE_OK;
}

/* ---- The printers ---- */

/* The output formats, one row each, in the order of out_format_t. A hook left NULL prints
 * nothing (count: a bare number). */
static const printer_t printers[] = {
    [OUT_TEXT] = {.name = "text", .stories = 1, .facets = 1, .marks_title = 1,
                  .result = text_row, .facets_hook = text_facets, .end = text_end,
                  .count = NULL, .article = text_article},
    [OUT_JSON] = {.name = "json", .stories = 1, .facets = 1, .begin = json_begin,
                  .result = json_row, .facets_hook = json_facets, .end = json_end,
                  .count = json_count, .article = json_article},
    [OUT_JSONL] = {.name = "jsonl", .result = jsonl_row, .count = json_count,
                   .article = json_article},
    [OUT_TSV] = {.name = "tsv", .facets = 1, .begin = tsv_begin, .result = tsv_row,
                 .facets_hook = tsv_facets, .article = tsv_article},
    [OUT_CSV] = {.name = "csv", .begin = csv_begin, .result = csv_row, .article = csv_article},
    [OUT_SVG] = {.name = "svg", .facets = 1, .chart = 1, .facets_hook = svg_facets},
};
#define NPRINTERS (sizeof printers / sizeof printers[0])

static const printer_t *printer(out_format_t fmt)
{
    return (size_t)fmt < NPRINTERS ? &printers[fmt] : &printers[OUT_TEXT];
}

int out_format_from_name(const char *name, out_format_t *out)
{
    for (size_t k = 0; k < NPRINTERS; k++)
        if (printers[k].name && strcmp(printers[k].name, name) == 0) {
            *out = (out_format_t)k;
            return 1;
        }
    return 0;
}

const char *out_format_name(out_format_t fmt) { return printer(fmt)->name; }

size_t out_format_count(void) { return NPRINTERS; }

int out_wants_stories(out_format_t fmt) { return printer(fmt)->stories; }

int out_has_facets(out_format_t fmt) { return printer(fmt)->facets; }

int out_is_chart(out_format_t fmt) { return printer(fmt)->chart; }

void out_begin(FILE *f, const out_t *o, const out_totals_t *t)
{
    if (printer(o->fmt)->begin)
        printer(o->fmt)->begin(f, o, t);
}

void out_facets(FILE *f, const out_t *o, dateline_results_t *res, const dateline_field_t *fields,
                size_t nfields, const char *period)
{
    if (printer(o->fmt)->facets_hook)
        printer(o->fmt)->facets_hook(f, o, res, fields, nfields, period);
}

void out_end(FILE *f, const out_t *o, const out_totals_t *t, size_t shown, const char *facets,
             size_t len)
{
    if (printer(o->fmt)->end)
        printer(o->fmt)->end(f, o, t, shown, facets, len);
    else
        fwrite(facets, 1, len, f);
}
