/* output-svg.c: the timeline as an SVG bar chart (a whole document), series as bars or lines. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "days.h"
#include "output-int.h"

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

/* A chart being drawn: its frame, its axes and what the timeline holds. */
typedef struct {
    FILE *f;
    dateline_results_t *res;
    const char *period;          /* "day", "week", "month" or "year" */
    size_t n, ns;                /* periods; series drawn (at most one per colour) */
    size_t total, most, drawn;   /* matches; the most in one period; matches in the periods */
    size_t undated, coarser;     /* matches in no period: undated, dated too coarsely */
    int width, height, left, top, bottom, right; /* the picture and its margins, in pixels */
    double plot_w, plot_h, base; /* the plot area, and the y of its bottom line */
    double scale;                /* pixels per period */
    size_t ymax, ystep;          /* the count axis: its top and its step */
    axis_t ax;                   /* the time axis */
    char first[32], last[32];    /* the first and last periods' labels */
    const char *noun;            /* "article" or "articles" */
    int grouped;                 /* series as bars side by side, else a line each */
} chart_t;

/* The chart's geometry and axes, from the timeline. */
static void chart_measure(chart_t *c, FILE *f, dateline_results_t *res, const char *period)
{
    memset(c, 0, sizeof *c);
    c->f = f, c->res = res, c->period = period;
    size_t n = c->n = dateline_results_timeline_size(res);
    c->ns = dateline_results_series_size(res);
    c->total = dateline_results_total(res);
    c->undated = dateline_results_timeline_undated(res);
    c->coarser = dateline_results_timeline_coarser(res);
    if (c->ns > sizeof palette / sizeof palette[0])
        c->ns = sizeof palette / sizeof palette[0];
    c->width = 900, c->height = 360, c->left = 64, c->top = 56, c->bottom = 84;
    c->right = c->ns ? 210 : 24;
    c->plot_w = c->width - c->left - c->right, c->plot_h = c->height - c->top - c->bottom;
    c->base = c->top + c->plot_h;
    c->ax = (axis_t){AX_MONTH, 0, n};
    if (strcmp(period, "day") == 0)
        c->ax.unit = AX_DAY;
    else if (strcmp(period, "week") == 0)
        c->ax.unit = AX_WEEK;
    else if (strcmp(period, "year") == 0)
        c->ax.unit = AX_YEAR;
    if (n) {
        long y = 0, m = 1, d = 1;
        snprintf(c->last, sizeof c->last, "%s", dateline_results_timeline_get(res, n - 1, NULL));
        snprintf(c->first, sizeof c->first, "%s", dateline_results_timeline_get(res, 0, NULL));
        sscanf(c->first, "%ld-%ld-%ld", &y, &m, &d);
        c->ax.first = c->ax.unit == AX_YEAR    ? y
                      : c->ax.unit == AX_MONTH ? y * 12 + m - 1
                                               : dl_day_number(y, m, d);
    }
    for (size_t i = 0; i < n; i++) {
        size_t k;
        dateline_results_timeline_get(res, i, &k);
        c->most = k > c->most ? k : c->most;
        c->drawn += k;
    }
    c->ystep = count_step(c->most, &c->ymax);
    c->scale = n ? c->plot_w / (double)n : c->plot_w;
    c->noun = c->total == 1 ? "article" : "articles";
    c->grouped = c->ns && c->scale * 0.8 / (double)c->ns >= 4;
}

/* The document's head, its title and the heading over the chart. */
static void svg_head(const chart_t *c, const char *query)
{
    FILE *f = c->f;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            c->width, c->height, c->width, c->height);
    fputs("<title>", f);
    xml_text(f, query);
    fprintf(f, ": %zu %s by %s", c->total, c->noun, c->period);
    if (c->n)
        fprintf(f, ", %s to %s", c->first, c->last);
    fputs("</title>\n", f);
    fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", c->width, c->height);
    fprintf(f, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">", c->left);
    xml_cut(f, query, 70);
    fputs("</text>\n", f);
    fprintf(f, "<text x=\"%d\" y=\"42\" font-size=\"12\" fill=\"#444\">%zu %s by %s", c->left,
            c->total, c->noun, c->period);
    if (c->n)
        fprintf(f, ", %s to %s", c->first, c->last);
    fputs("</text>\n", f);
}

/* The count axis: round steps, a grid line each. */
static void svg_count_axis(const chart_t *c)
{
    FILE *f = c->f;
    for (size_t v = 0; v <= c->ymax; v += c->ystep) {
        double y = c->base - c->plot_h * (double)v / (double)c->ymax;
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                c->left, y, c->left + c->plot_w, y, v ? "#e2e2e2" : "#444");
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n", c->left - 6,
                y + 4, v);
    }
    fprintf(f, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
               "articles</text>\n", c->top + c->plot_h / 2, c->top + c->plot_h / 2);
}

/* A bar per period, placed by date; those without matches too (of height 0, with their
 * tooltip) unless they are too many to be worth the bytes: a bar a day over centuries. */
static void svg_bars(const chart_t *c)
{
    FILE *f = c->f;
    for (size_t i = 0; i < c->n; i++) {
        size_t k;
        char pb[1024], gb[1024];
        const char *label = dateline_results_timeline_get(c->res, i, &k);
        const char *pl = out_joined_top(c->res, i, DATELINE_FIELD_PLACES, pb, sizeof pb);
        const char *gr = out_joined_top(c->res, i, DATELINE_FIELD_GROUPS, gb, sizeof gb);
        if (!k && c->n > SVG_EMPTY_BARS)
            continue;
        double h = c->plot_h * (double)k / (double)c->ymax, x = c->left + c->scale * (double)i;
        double w = c->scale >= 4 ? c->scale * 0.8 : c->scale;
        if (k && w < 1.5) /* a day among decades: still a visible line */
            w = 1.5;
        double pad = (c->scale - w) / 2;
        fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"><title>",
                x + pad, c->base - h, w, h, c->ns ? "#c9d3de" : "#2b6cb0");
        xml_text(f, label);
        fprintf(f, ": %zu", k);
        if (*pl || *gr) {
            fputs(" (", f);
            xml_text(f, pl);
            fputs(*pl && *gr ? " | " : "", f);
            xml_text(f, gr);
            fputs(")", f);
        }
        fputs("</title></rect>\n", f);
    }
}

/* The series: side by side in front of each period's bar when they are 4 pixels wide or more;
 * else a line each through the middles of the periods. */
static void svg_series(const chart_t *c)
{
    FILE *f = c->f;
    size_t n = c->n;
    for (size_t s = 0; c->grouped && s < c->ns; s++) {
        const char *v = dateline_results_series_get(c->res, s, NULL);
        double w = c->scale * 0.8 / (double)c->ns;
        fprintf(f, "<g fill=\"%s\">\n", palette[s]);
        for (size_t i = 0; i < n; i++) {
            size_t k = dateline_results_series_count(c->res, s, i);
            double h = c->plot_h * (double)k / (double)c->ymax;
            fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\"><title>",
                    c->left + c->scale * ((double)i + 0.1) + w * (double)s, c->base - h, w, h);
            xml_text(f, dateline_results_timeline_get(c->res, i, NULL));
            fputs(": ", f);
            xml_text(f, v);
            fprintf(f, " %zu</title></rect>\n", k);
        }
        fputs("</g>\n", f);
    }
    for (size_t s = 0; !c->grouped && s < c->ns; s++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                palette[s]);
        /* a point where the count changes is enough: runs of equal counts are straight */
        for (size_t i = 0, prev = 0, k, next = n ? dateline_results_series_count(c->res, s, 0) : 0;
             i < n; i++, prev = k) {
            k = next;
            next = i + 1 < n ? dateline_results_series_count(c->res, s, i + 1) : k;
            if (i == 0 || i + 1 == n || k != prev || k != next)
                fprintf(f, "%s%.2f,%.1f", i ? " " : "", c->left + c->scale * ((double)i + 0.5),
                        c->base - c->plot_h * (double)k / (double)c->ymax);
        }
        fputs("\"><title>", f);
        xml_text(f, dateline_results_series_get(c->res, s, NULL));
        fputs("</title></polyline>\n", f);
    }
}

/* The time axis: labels that fit, a tick at each, and its name. */
static void svg_time_axis(const chart_t *c)
{
    FILE *f = c->f;
    tick_t ticks[MAX_TICKS + 1];
    size_t nticks = axis_labels(&c->ax, c->scale, ticks);
    for (size_t k = 0; k < nticks; k++) {
        double x = c->left + c->scale * ticks[k].at;
        if (x + (double)strlen(ticks[k].text) * 3.3 > c->width) /* it would be cut off */
            continue;
        fprintf(f, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#444\"/>\n", x,
                c->base, x, c->base + 5);
        fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x,
                c->base + 18, ticks[k].text);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
            c->left + c->plot_w / 2, c->base + 38,
            c->ax.unit == AX_WEEK ? "week (from Monday)" : c->period);
}

/* The line under the chart: what is not drawn. */
static void svg_left_out(const chart_t *c)
{
    FILE *f = c->f;
    fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#444\">", c->left, c->height - 12);
    if (!c->total)
        fputs("No article matches.", f);
    else if (!c->undated && !c->coarser)
        fprintf(f, "All %zu %s are drawn.", c->total, c->noun);
    else {
        fprintf(f, "%zu of %zu %s drawn; not drawn: %zu undated", c->drawn, c->total, c->noun,
                c->undated);
        if (c->ax.unit != AX_YEAR)
            fprintf(f, ", %zu dated only to %s", c->coarser,
                    c->ax.unit == AX_MONTH ? "a year" : "a month or year");
        fputc('.', f);
    }
    fputs("</text>\n", f);
}

/* The legend of the series, right of the plot. */
static void svg_legend(const chart_t *c)
{
    FILE *f = c->f;
    if (!c->ns)
        return;
    double x = c->left + c->plot_w + 24;
    int top = c->top;
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-weight=\"bold\">by %s (articles)</text>\n", x,
            top + 4, out_facet_name(dateline_results_series_field(c->res)));
    fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#c9d3de\"/>\n", x,
            top + 14);
    fprintf(f, "<text x=\"%.1f\" y=\"%d\">all %s (%zu)</text>\n", x + 18, top + 24, c->noun,
            c->total);
    for (size_t s = 0; s < c->ns; s++) {
        size_t k;
        const char *v = dateline_results_series_get(c->res, s, &k);
        int y = top + 34 + 18 * (int)s;
        if (c->grouped)
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    x, y, palette[s]);
        else
            fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                       "stroke-width=\"3\"/>\n", x, y + 6, x + 12, y + 6, palette[s]);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x + 18, y + 10);
        xml_cut(f, v, 22);
        fprintf(f, " (%zu)</text>\n", k);
    }
}

/* The timeline as a chart, a whole SVG document: the facets themselves are not drawn. */
static void svg_facets(FILE *f, const out_t *o, dateline_results_t *res,
                       const dateline_field_t *fields, size_t nfields, const char *period)
{
    chart_t c;
    (void)fields, (void)nfields;
    chart_measure(&c, f, res, period);
    svg_head(&c, o->query);
    svg_count_axis(&c);
    svg_bars(&c);
    svg_series(&c);
    svg_time_axis(&c);
    svg_left_out(&c);
    svg_legend(&c);
    fputs("</svg>\n", f);
}

const printer_t out_printer_svg = {.name = "svg", .facets = 1, .chart = 1, .facets_hook = svg_facets};
