/* reader-json.c: JSON Lines (one object per line) and JSON arrays of objects, one article per
 * object; keys are mapped to fields like CSV columns. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader.h"

/* What a JSON reader keeps between objects. */
typedef struct {
    int started;          /* a byte-order mark is passed */
    size_t record;        /* objects read, from 1 */
} json_t;

#define MAX_DEPTH 64    /* objects nested deeper than this are malformed for us */
#define MAX_VALUES 4096 /* values kept from one object */

typedef struct {
    const char *p, *end;
    dl_buf_t strings;   /* unescaped strings, each NUL-terminated */
    struct {
        dl_col_t kind;
        int rank;
        size_t off, n;
    } v[MAX_VALUES];
    size_t nv;
    const char *error;  /* what is wrong, or NULL */
} parser_t;

static void skip_ws(parser_t *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(const char *p, const char *end, unsigned *out)
{
    unsigned v = 0;
    if (end - p < 4)
        return 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static void put_utf8(dl_buf_t *b, unsigned c)
{
    char s[4];
    dl_buf_add(b, s, dl_utf8_put(c, s));
}

/* A string at ps->p (the opening quote), unescaped into ps->strings; returns its offset and
 * length, or 0 with ps->error set. */
static int string(parser_t *ps, size_t *off, size_t *n)
{
    ps->p++;
    *off = ps->strings.len;
    while (ps->p < ps->end && *ps->p != '"') {
        const char *run = ps->p;
        while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\')
            ps->p++;
        dl_buf_add(&ps->strings, run, (size_t)(ps->p - run));
        if (ps->p < ps->end && *ps->p == '\\') {
            if (ps->end - ps->p < 2)
                break;
            char e = ps->p[1];
            ps->p += 2;
            switch (e) {
            case 'n': dl_buf_addc(&ps->strings, '\n'); break;
            case 't': dl_buf_addc(&ps->strings, '\t'); break;
            case 'r': dl_buf_addc(&ps->strings, '\r'); break;
            case 'b': case 'f': dl_buf_addc(&ps->strings, ' '); break;
            case '"': case '\\': case '/': dl_buf_addc(&ps->strings, e); break;
            case 'u': {
                unsigned c, lo;
                if (!hex4(ps->p, ps->end, &c)) {
                    ps->error = "a \\u escape without four hex digits";
                    return 0;
                }
                ps->p += 4;
                if (c >= 0xD800 && c < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
                    ps->p[1] == 'u' && hex4(ps->p + 2, ps->end, &lo) && lo >= 0xDC00 &&
                    lo < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                    ps->p += 6;
                } else if (c >= 0xD800 && c < 0xE000) {
                    c = 0xFFFD; /* half a surrogate pair */
                }
                put_utf8(&ps->strings, c);
                break;
            }
            default:
                ps->error = "an unknown escape in a string";
                return 0;
            }
        }
    }
    if (ps->p >= ps->end) {
        ps->error = "a string is never closed";
        return 0;
    }
    ps->p++;
    *n = ps->strings.len - *off;
    dl_buf_addc(&ps->strings, '\0');
    return 1;
}

static void keep(parser_t *ps, dl_col_t kind, int rank, size_t off, size_t n)
{
    if (kind == DL_COL_SKIP || ps->nv >= MAX_VALUES)
        return;
    ps->v[ps->nv].kind = kind;
    ps->v[ps->nv].rank = rank;
    ps->v[ps->nv].off = off;
    ps->v[ps->nv].n = n;
    ps->nv++;
}

static int value(parser_t *ps, int depth, dl_col_t kind, int rank, const dl_map_t *map);

/* An object; at depth 0 its keys are fields; deeper, a key "name", "text" or "value" stands
 * for the object itself ("author": {"name": ...}). */
static int object(parser_t *ps, int depth, dl_col_t kind, int rank, const dl_map_t *map)
{
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return 1;
    }
    for (;;) {
        size_t koff, kn;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != '"') {
            ps->error = ps->p >= ps->end ? "an object is never closed" : "a key is not a string";
            return 0;
        }
        if (!string(ps, &koff, &kn))
            return 0;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':') {
            ps->error = "a key without ':' and a value";
            return 0;
        }
        ps->p++;
        skip_ws(ps);
        dl_col_t k = DL_COL_SKIP;
        int krank = 0;
        const char *key = ps->strings.p ? ps->strings.p + koff : "";
        if (depth == 0)
            k = dl_map_name(map, key, kn, &krank);
        else if (strcmp(key, "name") == 0 || strcmp(key, "text") == 0 ||
                 strcmp(key, "value") == 0) {
            k = kind;
            krank = rank;
        }
        if (!value(ps, depth + 1, k, krank, map))
            return 0;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            return 1;
        }
        ps->error = ps->p >= ps->end ? "an object is never closed" : "a value without ',' or '}' "
                                                                     "after it";
        return 0;
    }
}

static int value(parser_t *ps, int depth, dl_col_t kind, int rank, const dl_map_t *map)
{
    if (depth > MAX_DEPTH) {
        ps->error = "objects nested too deep";
        return 0;
    }
    skip_ws(ps);
    if (ps->p >= ps->end) {
        ps->error = "a value is missing";
        return 0;
    }
    char c = *ps->p;
    if (c == '"') {
        size_t off, n;
        if (!string(ps, &off, &n))
            return 0;
        keep(ps, kind, rank, off, n);
        return 1;
    }
    if (c == '{')
        return object(ps, depth, kind, rank, map);
    if (c == '[') {
        ps->p++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ']') {
            ps->p++;
            return 1;
        }
        for (;;) {
            if (!value(ps, depth + 1, kind, rank, map))
                return 0;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == ']') {
                ps->p++;
                return 1;
            }
            ps->error = "an array is never closed";
            return 0;
        }
    }
    /* numbers, true, false, null: a number or a word is kept as written (an id may be one) */
    const char *s = ps->p;
    while (ps->p < ps->end && (*ps->p == '-' || *ps->p == '+' || *ps->p == '.' ||
                               (*ps->p >= '0' && *ps->p <= '9') || (*ps->p >= 'a' && *ps->p <= 'z') ||
                               *ps->p == 'E'))
        ps->p++;
    if (ps->p == s) {
        ps->error = "not a JSON value";
        return 0;
    }
    size_t n = (size_t)(ps->p - s);
    if (!(n == 4 && memcmp(s, "null", 4) == 0) && !(n == 4 && memcmp(s, "true", 4) == 0) &&
        !(n == 5 && memcmp(s, "false", 5) == 0)) {
        if (!(*s == '-' || (*s >= '0' && *s <= '9'))) {
            ps->error = "not a JSON value";
            return 0;
        }
        size_t off = ps->strings.len;
        dl_buf_add(&ps->strings, s, n);
        dl_buf_addc(&ps->strings, '\0');
        keep(ps, kind, rank, off, n);
    }
    return 1;
}

static int sniff_json(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < n && p[i] == '[') {
        i++;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
            i++;
    }
    if (i >= n || p[i] != '{')
        return 0;
    i++;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i < n && (p[i] == '"' || p[i] == '}');
}

/* Where the object starting at p ends (just past its '}'), by brackets outside strings; NULL
 * when it does not end in the data. */
static const char *object_end(const char *p, const char *end)
{
    int depth = 0;
    while (p < end) {
        char c = *p++;
        if (c == '"') {
            while (p < end && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (p >= end)
                return NULL;
            p++;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return p;
        }
    }
    return NULL;
}

/* After a malformed object: the next line that starts an object. */
static void resync(dateline_reader_t *r, const char *from)
{
    const char *end = r->data + r->len, *p = from;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            r->pos = r->len;
            r->done = 1;
            return;
        }
        p = nl + 1;
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '{')
            break;
    }
    r->line += dl_count_lines(r->data + r->pos, (size_t)(p - r->data - r->pos));
    r->pos = (size_t)(p - r->data);
}

/* The values an object's parse found, as the record's article (dl_reader_record()). */
static dateline_status_t give_record(dateline_reader_t *r, const parser_t *ps)
{
    json_t *js = r->state;
    dateline_status_t st;
    dl_value_t *v = malloc((ps->nv ? ps->nv : 1) * sizeof *v);
    if (!v)
        return DATELINE_NO_MEMORY;
    for (size_t i = 0; i < ps->nv; i++) {
        v[i].kind = ps->v[i].kind;
        v[i].rank = ps->v[i].rank;
        v[i].v = ps->strings.p + ps->v[i].off;
        v[i].n = ps->v[i].n;
    }
    char what[32];
    snprintf(what, sizeof what, "%zu", js->record);
    st = dl_reader_record(r, v, ps->nv, what);
    if (st == DATELINE_BAD_INPUT) {
        free(r->message);
        r->message = NULL;
        dl_reader_say(r, "object %zu has no title and no text (its keys name neither: map "
                         "them with --fields, for example --fields text=story)", js->record);
    }
    free(v);
    return st;
}

static dateline_status_t next_json(dateline_reader_t *r)
{
    json_t *js = r->state;
    const char *data = r->data, *end = r->data + r->len;
    if (!js->started) {
        js->started = 1;
        if (r->len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
            r->pos = 3;
    }
    /* to the next '{', past blank lines and an array's '[', ',' and ']' */
    const char *p = data + r->pos;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',' ||
                       *p == '[' || *p == ']'))
        p++;
    r->line += dl_count_lines(data + r->pos, (size_t)(p - data - r->pos));
    r->pos = (size_t)(p - data);
    if (p >= end) {
        r->done = 1;
        return DATELINE_END;
    }
    js->record++;
    r->position = r->line;
    if (*p != '{') {
        dl_reader_say(r, "object %zu: not a JSON object (each line must hold one {...})",
                      js->record);
        resync(r, p);
        return DATELINE_BAD_INPUT;
    }
    const char *stop = object_end(p, end);
    if (!stop) {
        dl_reader_say(r, "object %zu is never closed (the file cut short?); reading goes on at "
                         "the next line that starts an object", js->record);
        resync(r, p);
        return DATELINE_BAD_INPUT;
    }
    dateline_status_t st = DATELINE_OK;
    size_t tlen;
    char *text = dl_reader_decode(r, p, (size_t)(stop - p), &tlen, &st);
    if (!text)
        return st;
    /* malloc, not calloc: the value table is large and only its first nv entries are used */
    parser_t *ps = malloc(sizeof *ps);
    if (!ps) {
        free(text);
        return DATELINE_NO_MEMORY;
    }
    ps->p = text;
    ps->end = text + tlen;
    ps->nv = 0;
    ps->error = NULL;
    dl_buf_init(&ps->strings);
    int ok = object(ps, 0, DL_COL_SKIP, 0, &r->map);
    if (ok) {
        skip_ws(ps);
        if (ps->p < ps->end) {
            ok = 0;
            ps->error = "text after the object's end";
        }
    }
    if (!ok || ps->strings.failed) {
        if (ps->strings.failed)
            st = DATELINE_NO_MEMORY;
        else {
            dl_reader_say(r, "object %zu is not valid JSON: %s", js->record, ps->error);
            resync(r, p);
            st = DATELINE_BAD_INPUT;
        }
        dl_buf_free(&ps->strings);
        free(ps);
        free(text);
        return st;
    }
    r->line += dl_count_lines(p, (size_t)(stop - p));
    r->pos = (size_t)(stop - data);
    st = give_record(r, ps);
    dl_buf_free(&ps->strings);
    free(ps);
    free(text);
    return st;
}

static const char *const json_aliases[] = {"jsonl", "ndjson", NULL};
static const char *const json_extensions[] = {"jsonl", "ndjson", NULL};

const dl_format_row_t dl_format_json = {
    .format = DATELINE_FORMAT_JSON,
    .name = "json",
    .aliases = json_aliases,
    .extensions = json_extensions,
    .sniff = sniff_json,
    .next = next_json,
    .state_size = sizeof(json_t),
};
