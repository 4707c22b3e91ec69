/* reader-text.c: plain wire text, one article per file: optional headline and date lines, then the story. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

#define HEADER_LINE_MAX 150 /* a longer first line is the story itself, not a headline */
#define HEADLINE_MAX 100    /* a headline made from the lead sentence is cut near this */

/* Length of the line at s (up to '\n' or the end). */
static size_t line_len(const char *s, const char *end)
{
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    return nl ? (size_t)(nl - s) : (size_t)(end - s);
}

static dateline_status_t next_text(dateline_reader_t *r)
{
    dateline_status_t st = DATELINE_OK;
    dateline_article_t *a = r->article;
    size_t rawlen;
    char *raw, *text;
    dl_lead_t lead;
    dl_date_t date;
    int has_lead, has_date = 0;
    const char *headline = NULL;
    size_t headline_len = 0;

    r->done = 1;
    r->position = 1;
    if (!(raw = dl_reader_decode(r, r->data, r->len, &rawlen, &st)))
        return st;
    text = dl_text_clean(raw, rawlen, 0);
    free(raw);
    if (!text)
        return DATELINE_NO_MEMORY;

    const char *body = text, *end = text + strlen(text);
    /* A header: up to three short lines before the first blank line, none of them a lead. */
    const char *blank = strstr(text, "\n\n");
    if (blank && blank[2]) {
        const char *p = text;
        int lines = 0, ok = 1;
        while (p < blank && ok) {
            size_t n = line_len(p, blank);
            lines++;
            if (n > HEADER_LINE_MAX || lines > 3 || dl_lead_parse(p, n, &lead))
                ok = 0;
            p += n + (p + n < blank ? 1 : 0);
        }
        if (ok) {
            for (p = text; p < blank;) {
                size_t n = line_len(p, blank);
                if (!has_date && dl_date_parse_line(p, n, &date))
                    has_date = 1;
                else if (!headline) {
                    headline = p;
                    headline_len = n;
                }
                p += n + (p + n < blank ? 1 : 0);
            }
            body = blank + 2;
        }
    }
    has_lead = dl_lead_parse(body, (size_t)(end - body), &lead);
    if (has_lead)
        st = dl_reader_lead(a, &lead);
    if (st == DATELINE_OK) {
        char *h = headline ? dl_strndup(headline, headline_len)
                           : dl_headline_from_lead(body + (has_lead ? lead.length : 0),
                                                   (size_t)(end - body) -
                                                       (has_lead ? lead.length : 0),
                                                   HEADLINE_MAX);
        st = h ? dl_article_put(a, DATELINE_FIELD_TITLE, h, strlen(h)) : DATELINE_NO_MEMORY;
        free(h);
    }
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_BODY, body, (size_t)(end - body));
    if (st == DATELINE_OK)
        st = dl_reader_date(r, has_date ? &date : NULL, has_lead ? &lead : NULL);
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_FILE, r->name, strlen(r->name));
    free(text);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_BODY) &&
        !dateline_article_get(a, DATELINE_FIELD_TITLE)) {
        dl_reader_say(r, "no text left after removing control characters");
        return DATELINE_BAD_INPUT;
    }
    return st;
}

const dl_format_row_t dl_format_text = {
    .format = DATELINE_FORMAT_TEXT,
    .name = "text",
    .next = next_text,
};
