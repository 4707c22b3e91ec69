/* query.c: Dateline's query language, rewritten into the form Xapian's QueryParser reads. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dl.h"

const dl_filter_t dl_filters[] = {
    {"place", "XP", DATELINE_FIELD_PLACE_IDS},
    {"group", "XG", DATELINE_FIELD_GROUPS},
    {"topic", "XT", DATELINE_FIELD_TOPICS},
    {"dateline", "XD", DATELINE_FIELD_DATELINES},
    {"source", "XS", DATELINE_FIELD_SOURCE},
    {"charset", "XC", DATELINE_FIELD_CHARSET},
    {"repaired", "XR", DATELINE_FIELD_REPAIRED},
    {"story", "XK", DATELINE_FIELD_STORY},
};
const size_t dl_nfilters = sizeof dl_filters / sizeof dl_filters[0];

#define KEY_MAX 200 /* filter keys are cut here, well inside Xapian's 245-byte term limit */

typedef struct {
    const char *q;   /* the whole query */
    char *message;   /* what went wrong */
} ctx_t;

/* Character position (from 1) of byte offset i, counting UTF-8 characters. */
static size_t charpos(const char *q, size_t i)
{
    size_t pos = 1;
    for (size_t k = 0; k < i; k++)
        if (((unsigned char)q[k] & 0xC0) != 0x80)
            pos++;
    return pos;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* One end of a date range: YYYY, YYYY-MM or YYYY-MM-DD. `last` picks the span's last second. */
static int date_bound(const char *s, size_t n, int last, char out[15])
{
    int y = 0, m = 0, d = 0;
    size_t i;
    for (i = 0; i < 4; i++) {
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    if (i < n) {
        if (s[i] != '-' || n < 7 || s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
            return 0;
        m = (s[5] - '0') * 10 + (s[6] - '0');
        i = 7;
        if (i < n) {
            if (n != 10 || s[7] != '-' || s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
                return 0;
            d = (s[8] - '0') * 10 + (s[9] - '0');
        }
    }
    if (y < 1 || (m && (m < 1 || m > 12)) || (d && !dl_date_valid(y, m, d)))
        return 0;
    dl_date_t t;
    memset(&t, 0, sizeof t);
    t.year = y;
    t.month = m ? m : (last ? 12 : 1);
    t.day = d ? d : (last ? dl_date_days_in_month(y, t.month) : 1);
    if (last) {
        t.hour = 23;
        t.minute = 59;
        t.second = 59;
    }
    dl_date_sortkey(&t, out);
    return 1;
}

static int rewrite_date(ctx_t *c, dl_buf_t *b, const char *v, size_t n, size_t at)
{
    char lo[15] = "", hi[15] = "";
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    int ok;
    if (!dots) {
        ok = n > 0 && date_bound(v, n, 0, lo) && date_bound(v, n, 1, hi);
    } else {
        size_t an = (size_t)(dots - v), bn = n - an - 2;
        ok = (an || bn) && (!an || date_bound(v, an, 0, lo)) && (!bn || date_bound(dots + 2, bn, 1, hi));
    }
    if (!ok) {
        c->message = dl_format("position %zu: '%.*s' is not a date: write YYYY, YYYY-MM or "
                               "YYYY-MM-DD (a real day), or a range A..B, A.. or ..B",
                               charpos(c->q, at), (int)n, v);
        return 0;
    }
    if (lo[0] && hi[0] && strcmp(lo, hi) > 0) {
        c->message = dl_format("position %zu: the date range '%.*s' ends before it starts",
                               charpos(c->q, at), (int)n, v);
        return 0;
    }
    dl_buf_printf(b, "date:%s..%s", lo, hi);
    return 1;
}

dateline_status_t dl_query_rewrite(const char *q, char **out, int *match_all, char **message)
{
    ctx_t c = {q, NULL};
    dl_buf_t b;
    size_t i = 0, n = strlen(q);
    int words = 0; /* anything kept besides lone '*' */
    dateline_status_t st = DATELINE_OK;
    dl_buf_init(&b);
    *out = NULL;
    *message = NULL;
    while (i < n && st == DATELINE_OK) {
        if (is_space(q[i])) {
            dl_buf_addc(&b, ' ');
            i++;
            continue;
        }
        if (q[i] == '"') {
            const char *close = strchr(q + i + 1, '"');
            if (!close) {
                c.message = dl_format("position %zu: a quote that is never closed",
                                      charpos(q, i));
                st = DATELINE_QUERY_SYNTAX;
                break;
            }
            dl_buf_add(&b, q + i, (size_t)(close - q - i) + 1);
            i = (size_t)(close - q) + 1;
            words++;
            continue;
        }
        /* a word: up to white space, or a quote that is not a filter's value */
        size_t start = i;
        size_t lead = 0; /* '-', '+' or '(' before a filter */
        while (start + lead < n && (q[start + lead] == '-' || q[start + lead] == '+' ||
                                     q[start + lead] == '('))
            lead++;
        const char *w = q + start + lead;
        const char *colon = NULL;
        for (const char *p = w; *p && !is_space(*p) && *p != '"' && *p != '('; p++)
            if (*p == ':') {
                colon = p;
                break;
            }
        const dl_filter_t *filter = NULL;
        int is_date = 0;
        if (colon) {
            size_t nn = (size_t)(colon - w);
            if (nn == 4 && strncasecmp(w, "date", 4) == 0)
                is_date = 1;
            for (size_t f = 0; f < dl_nfilters && !is_date; f++)
                if (strlen(dl_filters[f].name) == nn && strncasecmp(w, dl_filters[f].name, nn) == 0)
                    filter = &dl_filters[f];
        }
        if (filter || is_date) {
            const char *v = colon + 1, *vend;
            size_t after;
            if (*v == '"') {
                const char *close = strchr(v + 1, '"');
                if (!close) {
                    c.message = dl_format("position %zu: a quote that is never closed",
                                          charpos(q, (size_t)(v - q)));
                    st = DATELINE_QUERY_SYNTAX;
                    break;
                }
                v++;
                vend = close;
                after = (size_t)(close - q) + 1;
            } else {
                vend = v;
                while (*vend && !is_space(*vend) && *vend != ')')
                    vend++;
                after = (size_t)(vend - q);
            }
            dl_buf_add(&b, q + start, lead);
            if (is_date) {
                if (!rewrite_date(&c, &b, v, (size_t)(vend - v), (size_t)(v - q)))
                    st = DATELINE_BAD_ARGUMENT;
            } else {
                char *raw = dl_strndup(v, (size_t)(vend - v));
                char *key = raw ? dl_key_normalize(raw, KEY_MAX) : NULL;
                free(raw);
                if (!key) {
                    st = DATELINE_NO_MEMORY;
                } else if (!*key) {
                    c.message = dl_format("position %zu: %s: needs a value, as in %s:syria",
                                          charpos(q, (size_t)(w - q)), filter->name,
                                          filter->name);
                    st = DATELINE_QUERY_SYNTAX;
                } else {
                    dl_buf_printf(&b, "%s:%s", filter->name, key);
                }
                free(key);
            }
            i = after;
            words++;
            continue;
        }
        /* an ordinary word; a lone '*' means every article */
        size_t end = i;
        while (end < n && !is_space(q[end]) && q[end] != '"')
            end++;
        if (end - i == 1 && q[i] == '*') {
            i = end;
            continue;
        }
        if (end - i > 1 && q[end - 1] == '*') {
            /* Words are indexed as Z-prefixed stems: a wildcard must expand over those, so it
             * goes to a field mapped to Z and ZS (wildtitle: to ZS alone). */
            size_t ws = i;
            while (ws < end && (q[ws] == '-' || q[ws] == '+' || q[ws] == '('))
                ws++;
            dl_buf_add(&b, q + i, ws - i);
            if (end - ws > 6 && strncasecmp(q + ws, "title:", 6) == 0) {
                dl_buf_adds(&b, "wildtitle:");
                ws += 6;
            } else if (!memchr(q + ws, ':', end - ws)) {
                dl_buf_adds(&b, "wild:");
            }
            dl_buf_add(&b, q + ws, end - ws);
            i = end;
            words++;
            continue;
        }
        dl_buf_add(&b, q + i, end - i);
        i = end;
        words++;
    }
    if (st != DATELINE_OK) {
        dl_buf_free(&b);
        *message = c.message ? c.message : dl_strdup("out of memory");
        return st;
    }
    free(c.message);
    *match_all = words == 0;
    if (!(*out = dl_buf_take(&b)))
        return DATELINE_NO_MEMORY;
    return DATELINE_OK;
}
