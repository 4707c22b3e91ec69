/* output.c: text, JSON and TSV renderings of results and articles. */
#include <config.h>
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

/* A field for TSV: tabs and line ends become spaces so each record stays one line. */
static void tsv_value(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
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

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The day of an ISO date (its first ten characters), or dashes when undated. */
static void print_day(FILE *f, const char *date)
{
    if (date)
        fprintf(f, "%.10s", date);
    else
        fputs("undated   ", f);
}

dateline_status_t out_results(FILE *f, out_format_t fmt, int color, const char *query,
                              size_t offset, dateline_results_t *res)
{
    size_t n = dateline_results_size(res);
    size_t total = dateline_results_total(res);
    if (fmt == OUT_JSON) {
        fprintf(f, "{\"version\":%d,\"query\":", DL_JSON_VERSION);
        out_json_string(f, query);
        fprintf(f, ",\"total\":%zu,\"stories\":%zu,\"offset\":%zu,\"results\":[", total,
                dateline_results_stories(res), offset);
    }
    for (size_t i = 0; i < n; i++) {
        dateline_result_t *r = dateline_results_get(res, i);
        const dateline_article_t *a;
        const char *snip;
        dateline_status_t st = dateline_result_article(r, &a);
        if (st == DATELINE_OK)
            st = dateline_result_snippet(r, SNIPPET_BYTES,
                                         fmt == OUT_TEXT && color ? C_HIT : NULL,
                                         fmt == OUT_TEXT && color ? C_OFF : NULL, &snip);
        if (st != DATELINE_OK) {
            if (fmt == OUT_JSON)
                fputs("]}\n", f);
            return st;
        }
        const char *date = dateline_article_get(a, DATELINE_FIELD_DATE);
        const char *dateline = dateline_article_get(a, DATELINE_FIELD_DATELINE);
        const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
        const char *id = dateline_article_get(a, DATELINE_FIELD_ID);
        const char *file = dateline_article_get(a, DATELINE_FIELD_FILE);
        const char *key = dateline_article_get(a, DATELINE_FIELD_KEY);
        switch (fmt) {
        case OUT_JSON:
            fprintf(f, "%s{\"id\":", i ? "," : "");
            out_json_string(f, id);
            fprintf(f, ",\"rank\":%zu,\"score\":%.4f,\"versions\":%zu", dateline_result_rank(r),
                    dateline_result_score(r), dateline_result_versions(r));
            json_field(f, "story", dateline_article_get(a, DATELINE_FIELD_STORY), 1);
            json_field(f, "date", date, 1);
            json_field(f, "dateline", dateline, 1);
            json_field(f, "source", dateline_article_get(a, DATELINE_FIELD_SOURCE), 1);
            json_field(f, "title", title, 1);
            json_list(f, "places", a, DATELINE_FIELD_PLACES);
            json_list(f, "groups", a, DATELINE_FIELD_GROUPS);
            json_list(f, "topics", a, DATELINE_FIELD_TOPICS);
            fputs(",\"origin\":{", f);
            json_field(f, "file", file, 0);
            json_field(f, "key", key, 1);
            fputc('}', f);
            json_field(f, "snippet", snip, 1);
            fputc('}', f);
            break;
        case OUT_TSV:
            fprintf(f, "%zu\t%.4f\t%s\t%s\t", dateline_result_rank(r), dateline_result_score(r),
                    or_empty(id), or_empty(date));
            tsv_value(f, dateline);
            fputc('\t', f);
            tsv_value(f, dateline_article_get(a, DATELINE_FIELD_SOURCE));
            fputc('\t', f);
            tsv_value(f, title);
            fputc('\t', f);
            tsv_list(f, a, DATELINE_FIELD_PLACES);
            fputc('\t', f);
            tsv_list(f, a, DATELINE_FIELD_GROUPS);
            fputc('\t', f);
            tsv_list(f, a, DATELINE_FIELD_TOPICS);
            fputc('\t', f);
            tsv_value(f, file);
            fputc('\t', f);
            tsv_value(f, key);
            fputc('\t', f);
            tsv_value(f, snip);
            fputc('\n', f);
            break;
        case OUT_SVG: /* drawn by out_svg() */
            break;
        case OUT_TEXT:
            fprintf(f, "%s%3zu.%s ", color ? C_BOLD : "", dateline_result_rank(r),
                    color ? C_OFF : "");
            print_day(f, date);
            fprintf(f, "  %s%s%s%s%s\n", dateline ? dateline : "", dateline ? "  " : "",
                    color ? C_BOLD : "", or_empty(title), color ? C_OFF : "");
            fprintf(f, "     %s\n", snip);
            fprintf(f, "     %s%s  %s%s%s", color ? C_DIM : "", or_empty(id), or_empty(file),
                    key ? ":" : "", or_empty(key));
            if (dateline_result_versions(r) > 1)
                fprintf(f, "  [%zu versions: --show %s]", dateline_result_versions(r), or_empty(id));
            fprintf(f, "%s\n", color ? C_OFF : "");
            break;
        }
    }
    if (fmt == OUT_JSON)
        fputs("]", f); /* the object is closed by out_facets() */
    else if (fmt == OUT_TEXT) {
        size_t stories = dateline_results_stories(res);
        if (n && stories < total)
            fprintf(f, "%zu-%zu of %zu stories (%zu matching articles; --all-versions lists "
                       "each)\n", offset + 1, offset + n, stories, total);
        else if (n)
            fprintf(f, "%zu-%zu of %zu matches\n", offset + 1, offset + n, total);
        else
            fprintf(f, "%zu matches%s\n", total, total ? " (none on this page)" : "");
    }
    return DATELINE_OK;
}

void out_count(FILE *f, out_format_t fmt, const char *query, size_t total)
{
    if (fmt != OUT_JSON) {
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
    if (fmt == OUT_JSON) {
        fprintf(f, "{\"version\":%d", DL_JSON_VERSION);
        for (size_t i = 0; i < norder; i++) {
            dateline_field_t fl = order[i];
            if ((fl >= DATELINE_FIELD_DATELINES && fl <= DATELINE_FIELD_ACRONYMS) ||
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
    } else if (body) {
        fprintf(f, "\n%s\n", body);
    }
    return DATELINE_OK;
}
