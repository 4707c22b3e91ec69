/* reader-mail.c: RFC 5322 messages and Usenet articles, one per file, and mbox files of many:
 * Subject, From, Date, Newsgroups (topics), Organization (source), Message-ID (the origin key);
 * MIME charsets and encoded words, quoted-printable and base64 bodies, multipart messages. */
#include <config.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "reader.h"

/* What a mail reader keeps between messages. */
typedef struct {
    int started;          /* mbox or not is known */
    int mbox;             /* many messages, each after a "From " line */
    int header_fallback;  /* a header of this message was not UTF-8 */
    size_t record;        /* messages read, from 1 */
} mail_t;

#define MAX_HEADER 65536 /* header blocks longer than this are read no further */
#define MAX_PARTS 8      /* how deep multiparts are looked into */

typedef struct {
    const char *p;
    size_t n;
} span_t;

typedef struct {
    span_t subject, from, date, newsgroups, organization, message_id, content_type, encoding;
    span_t keywords;
} headers_t;

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl : end;
}

/* A header line "Name: value": the length of Name, or 0. A name is any printable ASCII but
 * ':' (RFC 5322, 3.6.8): Usenet has "Article-I.D.:" and "Nntp-Posting-Host-[nntpd-681]:". */
static size_t header_name(const char *p, const char *end)
{
    const char *s = p;
    while (s < end && s - p < 76 && *s > ' ' && *s < 0x7F && *s != ':')
        s++;
    return s > p && s < end && *s == ':' ? (size_t)(s - p) : 0;
}

static int blank_line(const char *p, const char *end)
{
    while (p < end && (*p == '\r' || *p == ' ' || *p == '\t'))
        p++;
    return p >= end || *p == '\n';
}

static int sniff_mail(const char *p, size_t n)
{
    const char *end = p + n, *s = p;
    if (n > 5 && memcmp(p, "From ", 5) == 0)
        s = line_end(p, end) + 1; /* mbox: its first message's headers follow */
    int lines = 0, known = 0;
    while (s < end && !blank_line(s, end) && s - p < MAX_HEADER) {
        const char *e = line_end(s, end);
        size_t k = header_name(s, e);
        /* a folded line first is the end of a header whose start was cut off (a Usenet
         * spool's Path: sometimes); the lines after it decide */
        if (!k && *s != ' ' && *s != '\t')
            return 0;
        if (k) {
            static const char *const names[] = {"from", "subject", "newsgroups", "message-id",
                                                "date", "path", "to", "mime-version"};
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                if (k == strlen(names[i]) && strncasecmp(s, names[i], k) == 0)
                    known++;
        }
        lines++;
        s = e + 1;
    }
    return known >= (s < end ? 1 : 2) && lines >= 2;
}

/* Reads the header block at p; returns where the body starts. */
static const char *read_headers(const char *p, const char *end, headers_t *h)
{
    memset(h, 0, sizeof *h);
    const char *start = p;
    while (p < end && !blank_line(p, end)) {
        const char *e = line_end(p, end);
        size_t k = header_name(p, e);
        /* a long block, or a line that is no header: the body starts here */
        if ((!k && *p != ' ' && *p != '\t') || p - start > MAX_HEADER)
            return p;
        const char *v = p + k + 1;
        /* continuation lines belong to the value */
        while (e + 1 < end && (e[1] == ' ' || e[1] == '\t'))
            e = line_end(e + 1, end);
        static const struct {
            const char *name;
            size_t off;
        } wanted[] = {{"subject", offsetof(headers_t, subject)},
                      {"from", offsetof(headers_t, from)},
                      {"date", offsetof(headers_t, date)},
                      {"newsgroups", offsetof(headers_t, newsgroups)},
                      {"organization", offsetof(headers_t, organization)},
                      {"organisation", offsetof(headers_t, organization)},
                      {"message-id", offsetof(headers_t, message_id)},
                      {"content-type", offsetof(headers_t, content_type)},
                      {"content-transfer-encoding", offsetof(headers_t, encoding)},
                      {"keywords", offsetof(headers_t, keywords)}};
        for (size_t i = 0; k && i < sizeof wanted / sizeof wanted[0]; i++)
            if (k == strlen(wanted[i].name) && strncasecmp(p, wanted[i].name, k) == 0) {
                span_t *s = (span_t *)((char *)h + wanted[i].off);
                if (!s->p) {
                    s->p = v;
                    s->n = (size_t)(e - v);
                }
            }
        p = e < end ? e + 1 : end;
    }
    /* past the blank line */
    if (p < end)
        p = line_end(p, end) + 1;
    return p < end ? p : end;
}

/* A parameter of a Content-Type value (charset=, boundary=), unquoted, into out. */
static int parameter(span_t v, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    const char *p = v.p, *end = v.p + v.n;
    while (p && p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        if (!semi)
            return 0;
        p = semi + 1;
        while (p < end && isspace((unsigned char)*p))
            p++;
        if ((size_t)(end - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
            const char *s = p + nl + 1, *e;
            if (s < end && *s == '"') {
                s++;
                e = memchr(s, '"', (size_t)(end - s));
                if (!e)
                    e = end;
            } else {
                e = s;
                while (e < end && *e != ';' && !isspace((unsigned char)*e))
                    e++;
            }
            size_t n = (size_t)(e - s);
            if (n == 0 || n >= cap)
                return 0;
            memcpy(out, s, n);
            out[n] = '\0';
            return 1;
        }
    }
    return 0;
}

/* Whether a Content-Type value starts with type (e.g. "multipart/", "text/plain"). */
static int type_is(span_t v, const char *type)
{
    const char *p = v.p;
    size_t n = v.n, k = strlen(type);
    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    return p && n >= k && strncasecmp(p, type, k) == 0;
}

/* A header value as UTF-8: RFC 2047 encoded words decoded, other bytes read as UTF-8 or the
 * fallback charset, folded onto one line. Returns malloc'ed text or NULL. */
static char *header_text(dateline_reader_t *r, span_t v)
{
    mail_t *m = r->state;
    dl_buf_t out;
    dl_buf_init(&out);
    const char *p = v.p, *end = v.p + v.n;
    int after_word = 0; /* white space between two encoded words is dropped */
    while (p && p < end) {
        const char *q = p;
        const char *w = dl_mime_word(p, end, r->encoding, &out);
        if (w) {
            p = w;
            after_word = 1;
            continue;
        }
        /* plain text up to the next encoded word */
        while (q < end && !(q[0] == '=' && q + 1 < end && q[1] == '?'))
            q++;
        if (q == p)
            q++;
        int all_space = 1;
        for (const char *k = p; k < q; k++)
            all_space = all_space && isspace((unsigned char)*k);
        if (!(after_word && all_space && q < end)) {
            if (dl_utf8_valid(p, (size_t)(q - p)))
                dl_buf_add(&out, p, (size_t)(q - p));
            else {
                dateline_status_t st = DATELINE_OK;
                size_t n;
                m->header_fallback = 1;
                char *u = dl_to_utf8(p, (size_t)(q - p), r->encoding, &n, &st);
                if (u)
                    dl_buf_add(&out, u, n);
                free(u);
            }
        }
        after_word = 0;
        p = q;
    }
    char *raw = dl_buf_take(&out);
    if (!raw)
        return out.failed ? NULL : dl_strdup("");
    char *clean = dl_text_clean(raw, strlen(raw), 1);
    free(raw);
    return clean;
}

/* The text of a body: for a multipart, its first text/plain part (or text/html, tags
 * removed), looked for `depth` levels down. Fills *charset with the declared charset.
 * Returns the decoded bytes (not yet UTF-8) in b, and whether the text is HTML. */
static int body_bytes(span_t ct, span_t cte, const char *p, const char *end, dl_buf_t *b,
                      char *charset, size_t cap, int depth)
{
    if (ct.p && type_is(ct, "multipart/") && depth < MAX_PARTS) {
        char boundary[200], delim[204];
        if (parameter(ct, "boundary", boundary, sizeof boundary)) {
            snprintf(delim, sizeof delim, "--%s", boundary);
            size_t dn = strlen(delim);
            span_t html_ct = {NULL, 0}, html_cte = {NULL, 0};
            const char *html_p = NULL, *html_end = NULL;
            const char *s = p;
            for (;;) {
                const char *d = memmem(s, (size_t)(end - s), delim, dn);
                while (d && d > p && d[-1] != '\n')
                    d = memmem(d + dn, (size_t)(end - d - dn), delim, dn);
                if (!d)
                    break;
                if (d + dn + 1 < end && d[dn] == '-' && d[dn + 1] == '-')
                    break; /* the closing delimiter */
                const char *part = line_end(d, end);
                part = part < end ? part + 1 : end;
                const char *next = memmem(part, (size_t)(end - part), delim, dn);
                while (next && next[-1] != '\n')
                    next = memmem(next + dn, (size_t)(end - next - dn), delim, dn);
                const char *part_end = next ? next : end;
                headers_t ph;
                const char *pb = read_headers(part, part_end, &ph);
                if (!ph.content_type.p || type_is(ph.content_type, "text/plain") ||
                    type_is(ph.content_type, "multipart/")) {
                    dl_buf_t sub;
                    dl_buf_init(&sub);
                    char cs[64] = "";
                    int html = body_bytes(ph.content_type, ph.encoding, pb, part_end, &sub, cs,
                                          sizeof cs, depth + 1);
                    if (sub.len || sub.failed) {
                        dl_buf_add(b, sub.p, sub.len);
                        b->failed |= sub.failed;
                        snprintf(charset, cap, "%s", cs);
                        dl_buf_free(&sub);
                        return html;
                    }
                    dl_buf_free(&sub);
                } else if (!html_p && type_is(ph.content_type, "text/html")) {
                    html_ct = ph.content_type;
                    html_cte = ph.encoding;
                    html_p = pb;
                    html_end = part_end;
                }
                if (!next)
                    break;
                s = next;
            }
            if (html_p)
                return body_bytes(html_ct, html_cte, html_p, html_end, b, charset, cap, depth + 1);
            return 0; /* no text part */
        }
    }
    if (ct.p)
        parameter(ct, "charset", charset, cap);
    if (cte.p && type_is(cte, "quoted-printable"))
        dl_mime_unqp(b, p, (size_t)(end - p), 0);
    else if (cte.p && type_is(cte, "base64"))
        dl_mime_unbase64(b, p, (size_t)(end - p));
    else
        dl_buf_add(b, p, (size_t)(end - p));
    return ct.p && type_is(ct, "text/html");
}

/* HTML as text, crudely: tags dropped (block tags as line ends), the commonest entities
 * decoded, script and style left out. Works in place on UTF-8. */
static void html_to_text(char *s)
{
    char *w = s, *p = s;
    while (*p) {
        if (*p == '<') {
            int skip = strncasecmp(p, "<script", 7) == 0 ? 1 : strncasecmp(p, "<style", 6) == 0 ? 2 : 0;
            int block = strncasecmp(p, "<p", 2) == 0 || strncasecmp(p, "<br", 3) == 0 ||
                        strncasecmp(p, "<div", 4) == 0 || strncasecmp(p, "</p", 3) == 0;
            char *gt = strchr(p, '>');
            if (!gt)
                break;
            p = gt + 1;
            if (skip) {
                char *close = strcasestr(p, skip == 1 ? "</script" : "</style");
                p = close ? close : p + strlen(p);
            }
            if (block)
                *w++ = '\n';
            continue;
        }
        unsigned long cp;
        size_t len = *p == '&' ? dl_entity(p, strnlen(p, 12), &cp) : 0;
        if (len && cp == 0xA0)
            cp = ' '; /* a no-break space is a space in text */
        if (len && (cp == '\n' || cp == '\t' ||
                    (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp <= 0x10FFFF &&
                     !(cp >= 0xD800 && cp < 0xE000)))) {
            /* never longer than the reference it replaces ("&#128;" is 6 bytes, U+0080 2) */
            w += dl_utf8_put(cp, w);
            p += len;
            continue;
        }
        *w++ = *p++;
    }
    *w = '\0';
}

/* mboxrd: a body line ">From " was "From " before the mbox quoted it. */
static void unquote_from(dl_buf_t *raw)
{
    char *s = raw->p, *w = raw->p, *e = raw->p + raw->len;
    int at_line = 1;
    while (s && s < e) {
        if (at_line && *s == '>') {
            char *k = s;
            while (k < e && *k == '>')
                k++;
            if (e - k >= 5 && memcmp(k, "From ", 5) == 0)
                s++;
        }
        at_line = *s == '\n';
        *w++ = *s++;
    }
    raw->len = (size_t)(w - raw->p);
}

/* The message's text from its body at [body, end): decoded, its charset recorded, HTML made
 * text, cleaned. Returns it (the caller frees it), or NULL with *st set. */
static char *message_text(dateline_reader_t *r, const headers_t *h, const char *body,
                          const char *end, dateline_status_t *st)
{
    dl_buf_t raw;
    dl_buf_init(&raw);
    char charset[64] = "";
    int html = body_bytes(h->content_type, h->encoding, body, end, &raw, charset, sizeof charset, 0);
    if (raw.failed) {
        dl_buf_free(&raw);
        *st = DATELINE_NO_MEMORY;
        return NULL;
    }
    if (((const mail_t *)r->state)->mbox && raw.len)
        unquote_from(&raw);
    size_t tlen = 0;
    char *text = raw.len ? dl_reader_decode_declared(r, raw.p, raw.len, charset[0] ? charset : NULL,
                                                     &tlen, st)
                         : dl_strdup("");
    dl_buf_free(&raw);
    if (!text) {
        *st = *st == DATELINE_OK ? DATELINE_NO_MEMORY : *st;
        return NULL;
    }
    if (html)
        html_to_text(text);
    char *clean = dl_text_clean(text, strlen(text), 0);
    free(text);
    if (!clean)
        *st = DATELINE_NO_MEMORY;
    return clean;
}

/* From and Organization as author and source (unless the article has them), Newsgroups as
 * topics. */
static dateline_status_t put_headers(dateline_reader_t *r, const headers_t *h)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    static const struct {
        size_t off;
        dateline_field_t field;
    } simple[] = {{offsetof(headers_t, from), DATELINE_FIELD_AUTHOR},
                  {offsetof(headers_t, organization), DATELINE_FIELD_SOURCE}};
    for (size_t i = 0; i < 2 && st == DATELINE_OK; i++) {
        const span_t *s = (const span_t *)((const char *)h + simple[i].off);
        if (!s->p)
            continue;
        char *v = header_text(r, *s);
        if (!v)
            st = DATELINE_NO_MEMORY;
        else if (*v && !dateline_article_get(a, simple[i].field))
            st = dl_article_put(a, simple[i].field, v, strlen(v));
        free(v);
    }
    if (st == DATELINE_OK && h->newsgroups.p) {
        /* Newsgroups: comp.os.linux, alt.news: each a topic */
        const char *s = h->newsgroups.p, *e = s + h->newsgroups.n;
        while (s < e && st == DATELINE_OK) {
            while (s < e && (*s == ',' || isspace((unsigned char)*s)))
                s++;
            const char *w = s;
            while (w < e && *w != ',' && !isspace((unsigned char)*w))
                w++;
            if (w > s && dl_utf8_valid(s, (size_t)(w - s)))
                st = dl_article_put(a, DATELINE_FIELD_TOPICS, s, (size_t)(w - s));
            s = w;
        }
    }
    return st;
}

/* The key and identity: the Message-ID names the message wherever a copy of it is; without
 * one, a message of an mbox is keyed by its number there. */
static dateline_status_t put_message_id(dateline_reader_t *r, const headers_t *h, size_t number)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    char *mid = h->message_id.p ? header_text(r, h->message_id) : NULL;
    if (mid && *mid) {
        char *k = mid;
        while (*k == ' ' || *k == '<')
            k++;
        char *gt = strchr(k, '>');
        if (gt)
            *gt = '\0';
        if (*k) {
            char *identity = dl_format("message-id:%s", k);
            st = dl_article_put(a, DATELINE_FIELD_KEY, k, strlen(k));
            if (st == DATELINE_OK)
                st = identity ? dl_article_put(a, DATELINE_FIELD_IDENTITY, identity,
                                               strlen(identity))
                              : DATELINE_NO_MEMORY;
            free(identity);
        }
    } else if (number) {
        char key[32];
        snprintf(key, sizeof key, "%zu", number);
        st = dl_article_put(a, DATELINE_FIELD_KEY, key, strlen(key));
    }
    free(mid);
    return st;
}

/* The text was UTF-8 (or ASCII) but a header was not: the article was read as both, and its
 * CHARSET says the other. */
static dateline_status_t header_charset(dateline_reader_t *r)
{
    const char *cs = dateline_article_get(r->article, DATELINE_FIELD_CHARSET);
    if (!((const mail_t *)r->state)->header_fallback || (cs && strcmp(cs, "utf-8") != 0))
        return DATELINE_OK;
    char *key = dl_key_normalize(r->encoding, 40);
    dateline_status_t st = key ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, key,
                                                strlen(key))
                               : DATELINE_NO_MEMORY;
    if (key)
        dl_reader_say(r, "a header is not UTF-8, read as %s (use --encoding to choose)",
                      r->encoding);
    free(key);
    return st;
}

/* One message in [p, end): fills the article. `number` counts messages in an mbox (0: a
 * single message). */
static dateline_status_t read_message(dateline_reader_t *r, const char *p, const char *end,
                                      size_t number)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    headers_t h;
    const char *body = read_headers(p, end, &h);
    ((mail_t *)r->state)->header_fallback = 0;
    char *clean = message_text(r, &h, body, end, &st);
    if (!clean)
        return st;
    dl_lead_t lead;
    int has_lead = dl_lead_parse(clean, strlen(clean), &lead);
    if (has_lead)
        st = dl_reader_lead(a, &lead);
    if (st == DATELINE_OK && *clean)
        st = dl_article_put(a, DATELINE_FIELD_BODY, clean, strlen(clean));
    char *subject = h.subject.p ? header_text(r, h.subject) : NULL;
    if (st == DATELINE_OK && subject && *subject)
        st = dl_article_put(a, DATELINE_FIELD_TITLE, subject, strlen(subject));
    else if (st == DATELINE_OK && *clean) {
        size_t skip = has_lead ? lead.length : 0;
        char *t = dl_headline_from_lead(clean + skip, strlen(clean) - skip, 100);
        st = t ? dl_article_put(a, DATELINE_FIELD_TITLE, t, strlen(t)) : DATELINE_NO_MEMORY;
        free(t);
    }
    free(subject);
    free(clean);
    if (st == DATELINE_OK)
        st = put_headers(r, &h);
    dl_date_t d;
    int has_date = h.date.p && dl_date_parse_any(h.date.p, h.date.n, &d);
    if (st == DATELINE_OK && h.date.p && !has_date) {
        char *v = header_text(r, h.date);
        dl_reader_say(r, "Date: '%.60s' not understood", v ? v : "?");
        free(v);
    }
    if (st == DATELINE_OK)
        st = dl_reader_date(r, has_date ? &d : NULL, has_lead ? &lead : NULL);
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_FILE, r->name, strlen(r->name));
    if (st == DATELINE_OK)
        st = header_charset(r);
    if (st == DATELINE_OK)
        st = put_message_id(r, &h, number);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_TITLE) &&
        !dateline_article_get(a, DATELINE_FIELD_BODY)) {
        dl_reader_say(r, "message%s has no subject and no text", number ? " in the mbox" : "");
        return DATELINE_BAD_INPUT;
    }
    return st;
}

/* The next "From " line that starts a message in an mbox, at or after p (at a line start). */
static const char *next_from(const char *p, const char *end)
{
    while (p < end) {
        if (end - p > 5 && memcmp(p, "From ", 5) == 0)
            return p;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    return NULL;
}

static dateline_status_t next_mail(dateline_reader_t *r)
{
    mail_t *m = r->state;
    const char *data = r->data, *end = r->data + r->len;
    if (!m->started) {
        m->started = 1;
        m->mbox = r->len > 5 && memcmp(data, "From ", 5) == 0;
    }
    if (!m->mbox) {
        r->done = 1;
        r->position = 1;
        return read_message(r, data, end, 0);
    }
    const char *start = next_from(data + r->pos, end);
    if (!start) {
        r->done = 1;
        return DATELINE_END;
    }
    r->line += dl_count_lines(data + r->pos, (size_t)(start - data - r->pos));
    r->position = r->line;
    const char *msg = line_end(start, end);
    msg = msg < end ? msg + 1 : end;
    /* the message ends where a "From " line follows a blank line */
    const char *stop = msg;
    for (;;) {
        const char *f = next_from(stop, end);
        if (!f) {
            stop = end;
            break;
        }
        if (f == msg || (f - 1 > msg && f[-1] == '\n' && (f[-2] == '\n' ||
                                                           (f[-2] == '\r' && f - 2 > msg && f[-3] == '\n')))) {
            stop = f;
            break;
        }
        stop = line_end(f, end);
        stop = stop < end ? stop + 1 : end;
    }
    r->line += dl_count_lines(start, (size_t)(stop - start));
    r->pos = (size_t)(stop - data);
    m->record++;
    return read_message(r, msg, stop, m->record);
}

static const char *const mail_aliases[] = {"mbox", "usenet", NULL};
static const char *const mail_extensions[] = {"mbox", NULL};

const dl_format_row_t dl_format_mail = {
    .format = DATELINE_FORMAT_MAIL,
    .name = "mail",
    .aliases = mail_aliases,
    .extensions = mail_extensions,
    .sniff = sniff_mail,
    .next = next_mail,
    .state_size = sizeof(mail_t),
};
