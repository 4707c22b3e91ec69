/* reader-sgml.c: Reuters-21578 SGML, many <REUTERS> records per file, each an article. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

typedef struct {
    const char *p; /* start of the content */
    size_t n;      /* its length; p is NULL when the element is absent */
} span_t;

static const char *find(const char *hay, size_t n, const char *needle)
{
    return memmem(hay, n, needle, strlen(needle));
}

/* The content of the first <name ...>...</name> in s, or p NULL. */
static span_t element(span_t s, const char *name)
{
    span_t r = {NULL, 0};
    char open[32], close[32];
    size_t on = (size_t)snprintf(open, sizeof open, "<%s", name);
    snprintf(close, sizeof close, "</%s>", name);
    const char *p = s.p, *end = s.p + s.n;
    while ((p = find(p, (size_t)(end - p), open)) != NULL) {
        const char *after = p + on;
        if (after < end && (*after == '>' || *after == ' ')) {
            const char *gt = memchr(after, '>', (size_t)(end - after));
            if (!gt)
                return r;
            const char *c = find(gt + 1, (size_t)(end - gt - 1), close);
            r.p = gt + 1;
            r.n = c ? (size_t)(c - r.p) : (size_t)(end - r.p); /* unclosed: to the record's end */
            return r;
        }
        p = after;
    }
    return r;
}

/* The value of attribute `name` in the tag at s (up to its '>'), copied into out. */
static int attribute(const char *s, size_t n, const char *name, char *out, size_t cap)
{
    const char *gt = memchr(s, '>', n);
    size_t tn = gt ? (size_t)(gt - s) : n;
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *a = find(s, tn, pat);
    if (!a)
        return 0;
    a += strlen(pat);
    const char *q = memchr(a, '"', (size_t)(s + tn - a));
    if (!q || (size_t)(q - a) >= cap)
        return 0;
    memcpy(out, a, (size_t)(q - a));
    out[q - a] = '\0';
    return 1;
}

/* SGML content as text: entities decoded (control characters among them dropped), tags
 * removed. Returns malloc'ed UTF-8 or NULL. */
static char *sgml_text(span_t s)
{
    dl_buf_t b;
    const char *p = s.p, *end = s.p + s.n;
    dl_buf_init(&b);
    dl_buf_reserve(&b, s.n);
    while (p < end) {
        if (*p == '<') {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (gt && gt - p < 64 && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
                p = gt + 1;
                continue;
            }
        } else if (*p == '&') {
            unsigned long cp = 0;
            size_t len = dl_entity(p, (size_t)(end - p), &cp);
            const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);
            if (!len && semi && semi - p >= 2 && semi - p <= 9 && isalpha((unsigned char)p[1]))
                len = (size_t)(semi - p + 1); /* an entity we do not know: dropped, never indexed */
            if (len) {
                /* controls go (but line ends and tabs stay white space) */
                if (cp == '\n' || cp == '\t' || cp == '\r')
                    dl_buf_addc(&b, ' ');
                else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) &&
                         cp <= 0x10FFFF && !(cp >= 0xD800 && cp < 0xE000)) {
                    char u[4];
                    dl_buf_add(&b, u, dl_utf8_put(cp, u));
                }
                p += len;
                continue;
            }
        }
        dl_buf_addc(&b, *p++);
    }
    return dl_buf_take(&b);
}

/* Reuters bodies are wrapped at 70 columns with indented paragraph starts: join the lines of a
 * paragraph and put each paragraph on a line of its own. */
static char *unwrap(const char *s)
{
    dl_buf_t b;
    dl_buf_init(&b);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        int indented = n > 0 && (s[0] == ' ' || s[0] == '\t');
        const char *t = s, *e = s + n;
        while (t < e && (*t == ' ' || *t == '\t' || *t == '\r'))
            t++;
        while (e > t && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (t < e) {
            if (b.len)
                dl_buf_addc(&b, indented ? '\n' : ' ');
            dl_buf_add(&b, t, (size_t)(e - t));
        }
        s += n + (nl ? 1 : 0);
    }
    return dl_buf_take(&b);
}

/* Adds each <D>value</D> in span s to a list field. */
static dateline_status_t add_list(dateline_article_t *a, dateline_field_t f, span_t s)
{
    dateline_status_t st = DATELINE_OK;
    span_t rest = s;
    while (rest.p && st == DATELINE_OK) {
        span_t d = element(rest, "D");
        if (!d.p)
            break;
        char *v = sgml_text(d);
        st = v ? dateline_article_set(a, f, v) : DATELINE_NO_MEMORY;
        free(v);
        size_t used = (size_t)(d.p + d.n - rest.p);
        rest.p += used;
        rest.n -= used;
    }
    return st;
}

static dateline_status_t set_text(dateline_article_t *a, dateline_field_t f, span_t s, int wrap)
{
    if (!s.p)
        return DATELINE_OK;
    char *v = sgml_text(s), *u = NULL;
    if (v && wrap) {
        u = unwrap(v);
        free(v);
        v = u;
    }
    if (!v)
        return DATELINE_NO_MEMORY;
    dateline_status_t st = dateline_article_set(a, f, v);
    free(v);
    return st;
}

/* The record's DATE in *date: 1, 0 (none, or unreadable: said) or -1 (out of memory). */
static int record_date(dateline_reader_t *r, span_t all, dl_date_t *date)
{
    span_t ds = element(all, "DATE");
    if (!ds.p)
        return 0;
    char *dt = sgml_text(ds);
    if (!dt)
        return -1;
    int has_date = dl_date_parse_reuters(dt, date);
    if (!has_date) {
        char *shown = dl_text_clean(dt, strlen(dt), 1);
        dl_reader_say(r, "unreadable DATE '%.40s', article left undated", shown ? shown : "");
        free(shown);
    }
    free(dt);
    return has_date;
}

/* The record's DATELINE: a lead read as one (*has_lead set), else kept as printed. */
static dateline_status_t set_dateline(dateline_article_t *a, span_t dateline, dl_lead_t *lead,
                                      int *has_lead)
{
    dateline_status_t st;
    char *dl = sgml_text(dateline);
    if (!dl)
        return DATELINE_NO_MEMORY;
    if ((*has_lead = dl_lead_parse(dl, strlen(dl), lead)) != 0)
        st = dl_reader_lead(a, lead);
    else {
        /* not the usual "PLACE, Mon DD -": keep it as printed */
        size_t k = strlen(dl);
        while (k && (dl[k - 1] == ' ' || dl[k - 1] == '-' || dl[k - 1] == '\n'))
            dl[--k] = '\0';
        st = dateline_article_set(a, DATELINE_FIELD_DATELINE, dl);
    }
    free(dl);
    return st;
}

static dateline_status_t read_record(dateline_reader_t *r, const char *rec, size_t n)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    char newid[32] = "";
    size_t len;
    char *text = dl_reader_decode(r, rec, n, &len, &st);
    if (!text)
        return st;
    span_t all = {text, len};
    attribute(text, len, "NEWID", newid, sizeof newid);

    /* the date */
    dl_date_t date;
    int has_date = record_date(r, all, &date);
    if (has_date < 0) {
        free(text);
        return DATELINE_NO_MEMORY;
    }

    /* labels */
    st = add_list(a, DATELINE_FIELD_TOPICS, element(all, "TOPICS"));
    if (st == DATELINE_OK)
        st = add_list(a, DATELINE_FIELD_PLACES, element(all, "PLACES"));
    if (st == DATELINE_OK)
        st = add_list(a, DATELINE_FIELD_GROUPS, element(all, "ORGS"));

    /* the story */
    span_t body = {NULL, 0}, title = {NULL, 0}, dateline = {NULL, 0};
    span_t ts = element(all, "TEXT");
    dl_lead_t lead;
    int has_lead = 0;
    if (ts.p) {
        title = element(ts, "TITLE");
        dateline = element(ts, "DATELINE");
        body = element(ts, "BODY");
        if (!title.p && !body.p)
            body = ts; /* TYPE="UNPROC": the text itself, unmarked */
    }
    if (st == DATELINE_OK)
        st = set_text(a, DATELINE_FIELD_TITLE, title, 0);
    if (st == DATELINE_OK)
        st = set_text(a, DATELINE_FIELD_BODY, body, 1);
    if (st == DATELINE_OK && dateline.p)
        st = set_dateline(a, dateline, &lead, &has_lead);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_SOURCE))
        st = dl_article_put(a, DATELINE_FIELD_SOURCE, "Reuters", 7);
    if (st == DATELINE_OK)
        st = dl_reader_date(r, has_date ? &date : NULL, has_lead ? &lead : NULL);
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_FILE, r->name, strlen(r->name));
    if (st == DATELINE_OK && newid[0]) {
        st = dl_article_put(a, DATELINE_FIELD_KEY, newid, strlen(newid));
        if (st == DATELINE_OK) {
            /* NEWID alone is not unique across archives: with the date it names one transmission */
            const char *d = dateline_article_get(a, DATELINE_FIELD_DATE);
            char *identity = dl_format("reuters-21578:%s:%s", newid, d ? d : "");
            st = identity ? dl_article_put(a, DATELINE_FIELD_IDENTITY, identity, strlen(identity))
                          : DATELINE_NO_MEMORY;
            free(identity);
        }
    }
    free(text);
    /* A record with no text at all is still a transmission the archive holds: it goes in with
     * its date and key, and the user is told. */
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_TITLE) &&
        !dateline_article_get(a, DATELINE_FIELD_BODY))
        dl_reader_say(r, "record NEWID=%s has no TITLE and no BODY text",
                      newid[0] ? newid : "?");
    return st;
}

/* Reuters-21578: a <REUTERS record anywhere in the first block. */
static int sniff_sgml(const char *p, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i++)
        if (p[i] == '<' && memcmp(p + i, "<REUTERS", 8) == 0)
            return 1;
    return 0;
}

static dateline_status_t next_sgml(dateline_reader_t *r)
{
    const char *data = r->data, *end = r->data + r->len;
    const char *start = find(data + r->pos, r->len - r->pos, "<REUTERS");
    while (start && start + 8 < end && start[8] != ' ' && start[8] != '>')
        start = find(start + 8, (size_t)(end - start - 8), "<REUTERS");
    if (!start) {
        r->done = 1;
        return DATELINE_END;
    }
    r->line += dl_count_lines(data + r->pos, (size_t)(start - data - r->pos));
    r->position = r->line;
    const char *close = find(start, (size_t)(end - start), "</REUTERS>");
    const char *next = find(start + 8, (size_t)(end - start - 8), "<REUTERS ");
    if (!close || (next && next < close)) {
        const char *resume = next ? next : end;
        r->line += dl_count_lines(start, (size_t)(resume - start));
        r->pos = (size_t)(resume - data);
        if (!next)
            r->done = 1;
        dl_reader_say(r, "<REUTERS> record with no </REUTERS> (file cut short?); skipped");
        return DATELINE_BAD_INPUT;
    }
    const char *stop = close + strlen("</REUTERS>");
    r->line += dl_count_lines(start, (size_t)(stop - start));
    r->pos = (size_t)(stop - data);
    return read_record(r, start, (size_t)(stop - start));
}

const dl_format_row_t dl_format_sgml = {
    .format = DATELINE_FORMAT_SGML,
    .name = "sgml",
    .sniff = sniff_sgml,
    .next = next_sgml,
};
