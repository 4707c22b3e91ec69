/* output-text.c: text for people: results wrapped to the terminal and highlighted, facets and
 * timeline as tables and bars, articles. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "output-int.h"

#define C_BOLD "\033[1m"
#define C_HIT "\033[1;31m"
#define C_DIM "\033[2m"
#define C_OFF "\033[0m"

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

static void text_row(FILE *f, const out_t *o, const row_t *w, size_t i)
{
    const dateline_article_t *a = w->a;
    const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
    const char *dateline = dateline_article_get(a, DATELINE_FIELD_DATELINE);
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *id = dateline_article_get(a, DATELINE_FIELD_ID);
    const char *file = out_file_of(a);
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
        wrap(f, out_or_empty(title), NULL, 0, NULL, color ? C_BOLD : NULL, &col, 2, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    wrap(f, w->snippet, w->spans, w->nspans, color ? C_HIT : NULL, NULL, &col, 0, 5, o->width);
    fputs("\n     ", f);
    col = 5;
    char *origin = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&origin, &len);
    if (mem) {
        fprintf(mem, "%s  %s%s%s", out_or_empty(id), out_or_empty(file), key ? ":" : "", out_or_empty(key));
        if (w->versions > 1)
            fprintf(mem, "  [%zu versions: --show %s]", w->versions,
                    out_or_empty(id));
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
            out_facet_name(dateline_results_series_field(res)), ns, period);
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
        const char *pl = out_joined_top(res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = out_joined_top(res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
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
        fprintf(f, "\n%s:\n", out_facet_name(fields[k]));
        for (size_t i = 0; i < dateline_results_facet_size(res, fields[k]); i++) {
            size_t n;
            const char *v = dateline_results_facet_get(res, fields[k], i, &n);
            fprintf(f, "  %6zu  %s\n", n, v);
        }
    }
    if (period)
        text_timeline(f, res, period);
}

/* Text of a field with the mentions of places and groups highlighted (on a terminal), else as
 * it is. */
#define C_ENTITY "\033[1;36m"
static void text_marked(FILE *f, const char *s, dateline_field_t fl, const out_show_t *x)
{
    size_t n = 0, col = 0, *spans = x->e && x->color ? out_entity_spans(x->e, fl, &n) : NULL;
    if (spans)
        wrap(f, s, spans, n, C_ENTITY, NULL, &col, 0, 0, 0);
    else
        fputs(s, f);
    free(spans);
}

/* An article as text: a line per field, the versions, a blank line and the body. */
static void text_article(FILE *f, const dateline_article_t *a, const dateline_article_t **v,
                         size_t nv, const out_show_t *x)
{
    for (size_t i = 0; i < OUT_NORDER; i++) {
        dateline_field_t fl = out_order[i];
        size_t n = dateline_article_count(a, fl);
        if (!n)
            continue;
        fprintf(f, "%-11s", dateline_field_name(fl));
        if (fl == DATELINE_FIELD_TITLE) {
            text_marked(f, dateline_article_get(a, fl), fl, x);
            fputc('\n', f);
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            char *copy;
            fprintf(f, "%s%s", k ? "; " : "", out_shown(a, fl, k, &copy));
            free(copy);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < nv; i++) {
        const char *vid = dateline_article_get(v[i], DATELINE_FIELD_ID);
        const char *vdate = dateline_article_get(v[i], DATELINE_FIELD_DATE);
        const char *vtitle = dateline_article_get(v[i], DATELINE_FIELD_TITLE);
        fprintf(f, "%-11s%s  %-19s  %s%s\n", i ? "" : "versions", out_or_empty(vid),
                vdate ? vdate : "undated", out_or_empty(vtitle),
                strcmp(out_or_empty(vid), out_or_empty(dateline_article_get(a, DATELINE_FIELD_ID)))
                    ? "" : "  (this one)");
    }
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    if (body) {
        fputc('\n', f);
        text_marked(f, body, DATELINE_FIELD_BODY, x);
        fputc('\n', f);
    }
    if (x->e && x->print)
        out_entities_text(f, x->e);
}

const printer_t out_printer_text = {.name = "text", .stories = 1, .facets = 1, .marks_title = 1,
                                    .result = text_row, .facets_hook = text_facets, .end = text_end,
                                    .count = NULL, .article = text_article};
