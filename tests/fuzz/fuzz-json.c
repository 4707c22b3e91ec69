/* fuzz-json.c: the JSON writer. Whatever bytes go into an article's fields, or straight into a
 * JSON string, what comes out is valid UTF-8 and valid JSON (checked by a strict parser here). */
#include <string.h>

#include "dateline.h"
#include "../../lib/dl.h"
#include "../../search/output.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* A strict JSON parser (RFC 8259) that only says whether the text is one valid value. */
static const char *value(const char *p, int depth);
static const char *ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}
static const char *string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        if ((unsigned char)*p < 0x20)
            return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
        p++;
    }
    return p + 1;
}
static const char *number(const char *p)
{
    const char *s = p;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (*p == '.') {
        if (!(*++p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return p > s ? p : NULL;
}
static const char *list(const char *p, int depth, char close, int keys)
{
    p = ws(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (keys) {
            if (!(p = string(p)) || *(p = ws(p)) != ':')
                return NULL;
            p = ws(p + 1);
        }
        if (!(p = value(p, depth + 1)))
            return NULL;
        p = ws(p);
        if (*p == close)
            return p + 1;
        if (*p != ',')
            return NULL;
        p = ws(p + 1);
    }
}
static const char *value(const char *p, int depth)
{
    if (depth > 64)
        return NULL;
    p = ws(p);
    switch (*p) {
    case '{': return list(p, depth, '}', 1);
    case '[': return list(p, depth, ']', 0);
    case '"': return string(p);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: return number(p);
    }
}

static void check_json(void (*write)(FILE *, const void *), const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    write(f, arg);
    if (fclose(f) != 0 || !buf)
        return;
    FUZZ_ASSERT(strlen(buf) == len); /* no NUL inside */
    FUZZ_ASSERT(dl_utf8_valid(buf, len));
    const char *end = value(buf, 0);
    FUZZ_ASSERT(end && *ws(end) == '\0');
    free(buf);
}

static void write_article(FILE *f, const void *a)
{
    out_show_t x = {NULL, 0, 0};
    out_article(f, OUT_JSON, a, NULL, &x);
}
static void write_string(FILE *f, const void *s) { out_json_string(f, s); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    if (!s)
        return 0;
    check_json(write_string, s);
    /* the input, cut at \x01 bytes, fills the fields in turn (the date only if it is one) */
    static const dateline_field_t fields[] = {
        DATELINE_FIELD_TITLE, DATELINE_FIELD_BODY, DATELINE_FIELD_DATELINE, DATELINE_FIELD_SOURCE,
        DATELINE_FIELD_FILE, DATELINE_FIELD_KEY, DATELINE_FIELD_PLACES, DATELINE_FIELD_GROUPS,
        DATELINE_FIELD_TOPICS, DATELINE_FIELD_DATE, DATELINE_FIELD_ID, DATELINE_FIELD_CHARSET};
    dateline_article_t *a;
    if (dateline_article_new(&a) == DATELINE_OK) {
        size_t k = 0;
        for (char *p = s, *next; p; p = next, k++) {
            next = strchr(p, '\x01');
            if (next)
                *next++ = '\0';
            dateline_article_set(a, fields[k % (sizeof fields / sizeof *fields)], p);
        }
        check_json(write_article, a);
        dateline_article_destroy(a);
    }
    free(s);
    return 0;
}
