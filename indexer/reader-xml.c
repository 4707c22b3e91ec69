/* reader-xml.c: NewsML-style XML (RCV1's <newsitem itemid date> with <headline>, <dateline>,
 * <text><p>, <codes>) and saved HTML article pages (title, published date from meta tags, the
 * article's paragraphs without navigation), both through libxml2's parsers. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <iconv.h>
#include <pthread.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include "reader.h"

/* What the XML reader keeps between <newsitem>s (libxml2's types, kept opaque here). */
typedef struct {
    int started;          /* the document is parsed */
    void *doc;            /* the parsed document (xmlDocPtr) */
    const void *item;     /* the <newsitem> last read */
    char *charset;        /* what the file was read as */
    int repaired;         /* its declared charset did not fit the bytes */
    int broken;           /* not well-formed: read what could be */
    size_t error_line;    /* where it stopped being well-formed */
} xml_t;

#define SNIFF 4096 /* where an HTML page shows itself */

static int sniff_xml(const char *p, size_t n)
{
    size_t k = n < 65536 ? n : 65536;
    return memmem(p, k, "<newsitem", 9) != NULL;
}

static int sniff_html(const char *p, size_t n)
{
    size_t k = n < SNIFF ? n : SNIFF;
    for (size_t i = 0; i + 5 <= k; i++)
        if (p[i] == '<' && (strncasecmp(p + i, "<html", 5) == 0 ||
                            (i + 14 <= k && strncasecmp(p + i, "<!doctype html", 14) == 0)))
            return 1;
    return 0;
}

static int named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

static const char *attr(const xmlNode *n, const char *name, char *buf, size_t cap)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->content) {
            snprintf(buf, cap, "%s", (const char *)a->children->content);
            return buf;
        }
    return NULL;
}

/* Elements whose text is never the article's: navigation, scripts, page furniture. */
static int furniture(const xmlNode *n)
{
    static const char *const names[] = {"nav", "header", "footer", "aside", "script", "style",
                                        "noscript", "form", "button", "iframe", "svg", "template",
                                        "figure", "select"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (named(n, names[i]))
            return 1;
    char buf[256];
    const char *role = attr(n, "role", buf, sizeof buf);
    if (role && (strcmp(role, "navigation") == 0 || strcmp(role, "banner") == 0 ||
                 strcmp(role, "contentinfo") == 0 || strcmp(role, "complementary") == 0))
        return 1;
    /* what pages call their bylines, share buttons, related links and the like */
    static const char *const words[] = {"byline", "author", "share", "social", "related",
                                        "promo", "newsletter", "caption", "credit", "advert",
                                        "subscribe", "breadcrumb", "comment", "tags", "sidebar"};
    for (int k = 0; k < 2; k++) {
        const char *v = attr(n, k ? "id" : "class", buf, sizeof buf);
        for (size_t i = 0; v && i < sizeof words / sizeof words[0]; i++)
            if (strcasestr(v, words[i]))
                return 1;
    }
    return 0;
}

/* Appends the text under n (its furniture left out) to b. */
static void text_of(const xmlNode *n, dl_buf_t *b)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                dl_buf_adds(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !furniture(c)) {
            if (named(c, "br"))
                dl_buf_addc(b, '\n');
            text_of(c, b);
        }
    }
}

/* Appends each paragraph (<p>, and headings between them) under n, a blank line apart. */
static void paragraphs(const xmlNode *n, dl_buf_t *b, int *count)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || furniture(c))
            continue;
        if (named(c, "p") || named(c, "h2") || named(c, "h3") || named(c, "blockquote") ||
            named(c, "li")) {
            dl_buf_t t;
            dl_buf_init(&t);
            text_of(c, &t);
            /* a first paragraph "By Ana Sousa" is a byline, not the story */
            size_t k = 0;
            while (k < t.len && isspace((unsigned char)t.p[k]))
                k++;
            int byline = !*count && t.len - k < 80 && t.len - k > 3 &&
                         strncmp(t.p + k, "By ", 3) == 0;
            if (!byline && t.len) {
                if (b->len)
                    dl_buf_adds(b, "\n\n");
                dl_buf_add(b, t.p, t.len);
                (*count)++;
            }
            b->failed |= t.failed;
            dl_buf_free(&t);
        } else {
            paragraphs(c, b, count);
        }
    }
}

/* The first element named `name` under n, in document order (not inside furniture when
 * `skip_furniture`), or one with attribute attr_name=attr_value when name is NULL. */
static const xmlNode *find(const xmlNode *n, const char *name, const char *attr_name,
                           const char *attr_value, int skip_furniture)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (skip_furniture && furniture(c))
            continue;
        if (name && named(c, name))
            return c;
        char buf[128];
        const char *v = attr_name ? attr(c, attr_name, buf, sizeof buf) : NULL;
        if (!name && v && strcasecmp(v, attr_value) == 0)
            return c;
        const xmlNode *f = find(c, name, attr_name, attr_value, skip_furniture);
        if (f)
            return f;
    }
    return NULL;
}

static dateline_status_t put_text(dateline_article_t *a, dateline_field_t f, const char *s,
                                  size_t n, int one_line)
{
    if (!s || !n)
        return DATELINE_OK;
    /* libxml2 hands out UTF-8, but not always valid UTF-8 (a damaged document, a charset it
     * misreads): what is not becomes U+FFFD */
    char *fixed = NULL;
    if (!dl_utf8_valid(s, n)) {
        dateline_status_t cst = DATELINE_OK;
        if (!(fixed = dl_to_utf8(s, n, "UTF-8", &n, &cst)))
            return cst == DATELINE_NO_MEMORY ? cst : DATELINE_OK;
        s = fixed;
    }
    char *clean = dl_text_clean(s, n, one_line);
    free(fixed);
    if (!clean)
        return DATELINE_NO_MEMORY;
    dateline_status_t st = DATELINE_OK;
    if (*clean && (dl_field_is_list(f) || !dateline_article_get(a, f)))
        st = dl_article_put(a, f, clean, strlen(clean));
    free(clean);
    return st;
}

static dateline_status_t put_node_text(dateline_article_t *a, dateline_field_t f,
                                       const xmlNode *n)
{
    if (!n)
        return DATELINE_OK;
    dl_buf_t b;
    dl_buf_init(&b);
    text_of(n, &b);
    dateline_status_t st = b.failed ? DATELINE_NO_MEMORY : put_text(a, f, b.p, b.len, 1);
    dl_buf_free(&b);
    return st;
}

/* The body: the paragraphs under n, or all its text when it has none. */
static dateline_status_t put_body(dateline_article_t *a, const xmlNode *n)
{
    if (!n)
        return DATELINE_OK;
    dl_buf_t b;
    dl_buf_init(&b);
    int count = 0;
    paragraphs(n, &b, &count);
    if (!count)
        text_of(n, &b);
    dateline_status_t st = b.failed ? DATELINE_NO_MEMORY
                                    : put_text(a, DATELINE_FIELD_BODY, b.p, b.len, 0);
    dl_buf_free(&b);
    return st;
}

/* The body's lead gives dateline places and source; a date given by the source wins over it. */
static dateline_status_t finish(dateline_reader_t *r, const char *date_text, const char *key,
                                const char *identity)
{
    dateline_article_t *a = r->article;
    dateline_status_t st = DATELINE_OK;
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    dl_lead_t lead;
    int has_lead = body && dl_lead_parse(body, strlen(body), &lead);
    if (has_lead && !dateline_article_get(a, DATELINE_FIELD_DATELINE))
        st = dl_reader_lead(a, &lead);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_TITLE) && body) {
        size_t skip = has_lead ? lead.length : 0;
        char *h = dl_headline_from_lead(body + skip, strlen(body) - skip, 100);
        st = h ? dl_article_put(a, DATELINE_FIELD_TITLE, h, strlen(h)) : DATELINE_NO_MEMORY;
        free(h);
    }
    dl_date_t d;
    int has_date = date_text && dl_date_parse_any(date_text, strlen(date_text), &d);
    if (st == DATELINE_OK && date_text && !has_date)
        dl_reader_say(r, "date '%.60s' not understood", date_text);
    if (st == DATELINE_OK)
        st = dl_reader_date(r, has_date ? &d : NULL, has_lead ? &lead : NULL);
    if (st == DATELINE_OK)
        st = dl_article_put(a, DATELINE_FIELD_FILE, r->name, strlen(r->name));
    if (st == DATELINE_OK && key)
        st = put_text(a, DATELINE_FIELD_KEY, key, strlen(key), 1);
    if (st == DATELINE_OK && identity)
        st = put_text(a, DATELINE_FIELD_IDENTITY, identity, strlen(identity), 1);
    if (st == DATELINE_OK && !dateline_article_get(a, DATELINE_FIELD_TITLE) &&
        !dateline_article_get(a, DATELINE_FIELD_BODY)) {
        dl_reader_say(r, "no headline and no text in it");
        return DATELINE_BAD_INPUT;
    }
    return st;
}

/* Reads one <newsitem>. */
static dateline_status_t newsitem(dateline_reader_t *r, const xmlNode *item)
{
    dateline_article_t *a = r->article;
    dateline_status_t st;
    char itemid[128], date[64], buf[256];
    const char *id = attr(item, "itemid", itemid, sizeof itemid);
    const char *day = attr(item, "date", date, sizeof date);
    const xmlNode *h = find(item, "headline", NULL, NULL, 0);
    st = put_node_text(a, DATELINE_FIELD_TITLE, h ? h : find(item, "title", NULL, NULL, 0));
    if (st == DATELINE_OK)
        st = put_node_text(a, DATELINE_FIELD_AUTHOR, find(item, "byline", NULL, NULL, 0));
    const xmlNode *dl = find(item, "dateline", NULL, NULL, 0);
    if (st == DATELINE_OK && dl) {
        /* "LONDON 1996-08-20": the place, without the date after it */
        dl_buf_t b;
        dl_buf_init(&b);
        text_of(dl, &b);
        if (b.failed)
            st = DATELINE_NO_MEMORY;
        else if (b.len) {
            size_t k = 0;
            while (k < b.len && !isdigit((unsigned char)b.p[k]))
                k++;
            while (k && (b.p[k - 1] == ' ' || b.p[k - 1] == ','))
                k--;
            st = put_text(a, DATELINE_FIELD_DATELINE, b.p, k ? k : b.len, 1);
            /* "BOGOTA, Colombia": its places, each qualifier its place's (as in a lead) */
            dl_lead_t lead;
            const char *printed = dateline_article_get(a, DATELINE_FIELD_DATELINE);
            if (st == DATELINE_OK && k && printed && dl_lead_split(printed, &lead))
                for (int i = 0; i < lead.nplaces && st == DATELINE_OK; i++)
                    st = dateline_article_set(a, DATELINE_FIELD_DATELINES, lead.places[i]);
            else if (st == DATELINE_OK && k)
                st = put_text(a, DATELINE_FIELD_DATELINES, b.p, k, 1);
        }
        dl_buf_free(&b);
    }
    if (st == DATELINE_OK)
        st = put_body(a, find(item, "text", NULL, NULL, 0));
    /* <codes class="bip:countries:1.0"><code code="USA"/>: places; topics likewise */
    const xmlNode *meta = find(item, "metadata", NULL, NULL, 0);
    if (meta)
        for (const xmlNode *codes = meta->children; codes && st == DATELINE_OK;
             codes = codes->next) {
            char cls[64];
            if (!named(codes, "codes") || !attr(codes, "class", cls, sizeof cls))
                continue;
            dateline_field_t f = strstr(cls, "countries") ? DATELINE_FIELD_PLACES
                                 : strstr(cls, "topics")  ? DATELINE_FIELD_TOPICS
                                                          : DATELINE_FIELD_COUNT_;
            for (const xmlNode *k = codes->children; k && f != DATELINE_FIELD_COUNT_; k = k->next)
                if (named(k, "code") && attr(k, "code", buf, sizeof buf) &&
                    (st = put_text(a, f, buf, strlen(buf), 1)) != DATELINE_OK)
                    break;
        }
    /* <dc element="dc.publisher" value="...">: the source */
    for (const xmlNode *c = meta ? meta->children : NULL; c && st == DATELINE_OK; c = c->next) {
        char el[64];
        if (named(c, "dc") && attr(c, "element", el, sizeof el) &&
            (strcmp(el, "dc.source") == 0 || strcmp(el, "dc.publisher") == 0) &&
            attr(c, "value", buf, sizeof buf))
            st = put_text(a, DATELINE_FIELD_SOURCE, buf, strlen(buf), 1);
    }
    char identity[160];
    if (id)
        snprintf(identity, sizeof identity, "newsml:%s", id);
    return st == DATELINE_OK ? finish(r, day, id, id ? identity : NULL) : st;
}

static const xmlNode *next_item(const xmlNode *n, const xmlNode *after, int *passed)
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (named(c, "newsitem")) {
            if (*passed || !after)
                return c;
            if (c == after)
                *passed = 1;
            continue;
        }
        const xmlNode *f = next_item(c->children, after, passed);
        if (f)
            return f;
    }
    return NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* libxml2's error handlers of the calling thread, which a program embedding Dateline may have
 * set for its own parsing: each parse silences them (a damaged file is told through its
 * ctxt's last error, never printed) and puts them back after. libxml2 2.9 has no per-parser
 * handler for every error (xmlCtxtSetErrorHandler came in 2.13): some, of charsets and of
 * memory, reach the thread's handlers whatever the parser's options. */
typedef struct {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} handlers_t;

static void quiet(handlers_t *h)
{
    h->generic = xmlGenericError;
    h->generic_ctx = xmlGenericErrorContext;
    h->structured = xmlStructuredError;
    h->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

static void restore(const handlers_t *h)
{
    xmlSetGenericErrorFunc(h->generic_ctx, h->generic);
    xmlSetStructuredErrorFunc(h->structured_ctx, h->structured);
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

static dateline_status_t next_xml(dateline_reader_t *r)
{
    xml_t *x = r->state;
    pthread_once(&xml_once, xml_init);
    if (!x->started) {
        x->started = 1;
        char use[48];
        dateline_status_t st = dl_markup_charset(r, r->data, r->len, use, sizeof use);
        if (st != DATELINE_OK)
            return st;
        /* kept for every article of the file */
        free(x->charset);
        x->charset = dl_strdup(use);
        x->repaired = dateline_article_get(r->article, DATELINE_FIELD_REPAIRED) != NULL;
        if (!x->charset)
            return DATELINE_NO_MEMORY;
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        if (!ctxt)
            return DATELINE_NO_MEMORY;
        handlers_t saved;
        quiet(&saved);
        /* no network, no external entities, no DTD: the file alone */
        x->doc = xmlCtxtReadMemory(ctxt, r->data, (int)(r->len > INT32_MAX ? INT32_MAX : r->len),
                                   r->name, use[0] ? use : NULL,
                                   XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                       XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
        restore(&saved);
        if (!ctxt->wellFormed) {
            const xmlError *e = xmlCtxtGetLastError(ctxt);
            x->error_line = e && e->line > 0 ? (size_t)e->line : 0;
            x->broken = 1;
        }
        xmlFreeParserCtxt(ctxt);
        if (!x->doc) {
            r->done = 1;
            r->position = x->error_line ? x->error_line : 1;
            dl_reader_say(r, "not XML that can be read, even in part");
            return DATELINE_BAD_INPUT;
        }
    } else {
        /* every article records the charset the file was read as */
        char *key = dl_key_normalize(x->charset ? x->charset : "utf-8", 40);
        dateline_status_t st = key ? dl_article_put(r->article, DATELINE_FIELD_CHARSET, key,
                                                    strlen(key))
                                   : DATELINE_NO_MEMORY;
        free(key);
        if (st == DATELINE_OK && x->repaired)
            st = dl_article_put(r->article, DATELINE_FIELD_REPAIRED, "declared", 8);
        if (st != DATELINE_OK)
            return st;
    }
    int passed = 0;
    const xmlNode *item = next_item(xmlDocGetRootElement((xmlDocPtr)x->doc),
                                    (const xmlNode *)x->item, &passed);
    if (!item) {
        r->done = 1;
        if (!x->item) {
            r->position = 1;
            dl_reader_say(r, "XML without a <newsitem> (NewsML) in it");
            return DATELINE_BAD_INPUT;
        }
        return DATELINE_END;
    }
    x->item = item;
    r->position = (size_t)xmlGetLineNo(item) > 0 ? (size_t)xmlGetLineNo(item) : 1;
    dateline_status_t st = newsitem(r, item);
    passed = 0;
    if (st == DATELINE_OK && x->broken &&
        !next_item(xmlDocGetRootElement((xmlDocPtr)x->doc), item, &passed))
        dl_reader_say(r, "the XML is not well-formed (cut short?) from line %zu: this, the last "
                         "article read from it, may be incomplete", x->error_line);
    return st;
}

/* <meta property|name|itemprop=key content=...>: content into buf. */
static const char *meta(const xmlNode *root, const char *const *keys, char *buf, size_t cap)
{
    for (const char *const *k = keys; *k; k++) {
        static const char *const attrs[] = {"property", "name", "itemprop"};
        for (size_t i = 0; i < 3; i++) {
            const xmlNode *m = find(root, NULL, attrs[i], *k, 0);
            if (m && named(m, "meta") && attr(m, "content", buf, cap) && *buf)
                return buf;
            if (m && named(m, "time") && attr(m, "datetime", buf, cap) && *buf)
                return buf;
        }
    }
    return NULL;
}

static dateline_status_t next_html(dateline_reader_t *r)
{
    dateline_article_t *a = r->article;
    r->done = 1;
    r->position = 1;
    char use[48], buf[1024], date[128], url[512];
    pthread_once(&xml_once, xml_init);
    dateline_status_t st = dl_markup_charset(r, r->data, r->len, use, sizeof use);
    if (st != DATELINE_OK)
        return st;
    handlers_t saved;
    quiet(&saved);
    htmlDocPtr doc = htmlReadMemory(r->data, (int)(r->len > INT32_MAX ? INT32_MAX : r->len), r->name,
                                    use[0] ? use : NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING);
    restore(&saved);
    if (!doc) {
        dl_reader_say(r, "not HTML that can be read");
        return DATELINE_BAD_INPUT;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    static const char *const title_keys[] = {"og:title", "twitter:title", "headline", NULL};
    static const char *const date_keys[] = {"article:published_time", "datePublished",
                                            "og:published_time", "pubdate", "publishdate",
                                            "date", "dc.date.issued", "dc.date", "sailthru.date",
                                            NULL};
    static const char *const author_keys[] = {"author", "article:author", "byl", NULL};
    static const char *const site_keys[] = {"og:site_name", "application-name", NULL};
    static const char *const url_keys[] = {"og:url", NULL};
    /* the article: <article>, else what says it is the body, else <main>, else <body> */
    const xmlNode *art = find(root, "article", NULL, NULL, 1);
    if (!art)
        art = find(root, NULL, "itemprop", "articleBody", 1);
    if (!art)
        art = find(root, "main", NULL, NULL, 1);
    if (!art)
        art = find(root, "body", NULL, NULL, 0);
    const char *t = meta(root, title_keys, buf, sizeof buf);
    if (t)
        st = put_text(a, DATELINE_FIELD_TITLE, t, strlen(t), 1);
    else {
        const xmlNode *h1 = find(art, "h1", NULL, NULL, 1);
        st = put_node_text(a, DATELINE_FIELD_TITLE, h1 ? h1 : find(root, "title", NULL, NULL, 0));
    }
    const char *d = meta(root, date_keys, date, sizeof date);
    if (!d) {
        const xmlNode *tm = find(art, "time", NULL, NULL, 1);
        d = tm ? attr(tm, "datetime", date, sizeof date) : NULL;
    }
    if (st == DATELINE_OK && (t = meta(root, author_keys, buf, sizeof buf)) != NULL)
        st = put_text(a, DATELINE_FIELD_AUTHOR, t, strlen(t), 1);
    if (st == DATELINE_OK && (t = meta(root, site_keys, buf, sizeof buf)) != NULL)
        st = put_text(a, DATELINE_FIELD_SOURCE, t, strlen(t), 1);
    const char *u = meta(root, url_keys, url, sizeof url);
    const xmlNode *canon = find(root, NULL, "rel", "canonical", 0);
    if (!u && canon && named(canon, "link"))
        u = attr(canon, "href", url, sizeof url);
    if (st == DATELINE_OK)
        st = put_body(a, art);
    char identity[600];
    if (u)
        snprintf(identity, sizeof identity, "id:%s", u);
    if (st == DATELINE_OK)
        st = finish(r, d, u, u ? identity : NULL);
    xmlFreeDoc(doc);
    return st;
}

static void free_xml(void *state)
{
    xml_t *x = state;
    if (x->doc)
        xmlFreeDoc((xmlDocPtr)x->doc);
    free(x->charset);
}

static const char *const xml_aliases[] = {"newsml", NULL};
static const char *const xml_extensions[] = {"xml", NULL};

const dl_format_row_t dl_format_xml = {
    .format = DATELINE_FORMAT_XML,
    .name = "xml",
    .aliases = xml_aliases,
    .extensions = xml_extensions,
    .sniff = sniff_xml,
    .next = next_xml,
    .state_size = sizeof(xml_t),
    .free = free_xml,
};

static const char *const html_aliases[] = {"htm", NULL};
static const char *const html_extensions[] = {"html", "htm", NULL};

const dl_format_row_t dl_format_html = {
    .format = DATELINE_FORMAT_HTML,
    .name = "html",
    .aliases = html_aliases,
    .extensions = html_extensions,
    .sniff = sniff_html,
    .next = next_html,
};
