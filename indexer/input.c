/* input.c: a file into a reader: read whole from disk, a pipe or stdin within the size caps,
 * gunzipped when it is gzip (dateline_reader_open_file(), dl_gunzip()). */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <limits.h>
#include <zlib.h>
#include "reader.h"

extern const dl_format_row_t dl_format_text; /* reader-text.c: what any size of text may be */

dateline_status_t dl_gunzip(const char *p, size_t n, size_t cap, dl_buf_t *out, char **note)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    dl_buf_init(out);
    *note = NULL;
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return DATELINE_NO_MEMORY;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)(n > UINT_MAX ? UINT_MAX : n);
    size_t left = n - z.avail_in;
    int zr = Z_OK;
    for (;;) {
        if (!dl_buf_reserve(out, 1 << 20)) {
            inflateEnd(&z);
            dl_buf_free(out);
            return DATELINE_NO_MEMORY;
        }
        z.next_out = (Bytef *)out->p + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        size_t before = z.avail_out;
        zr = inflate(&z, Z_NO_FLUSH);
        out->len += before - z.avail_out;
        if (out->len > cap) {
            inflateEnd(&z);
            dl_buf_free(out);
            *note = dl_format("decompresses to more than %zu MB (a gzip bomb, or an archive too "
                              "big to read at once): gunzip it, split it (split -C 200M) and "
                              "index the parts", cap >> 20);
            return DATELINE_BAD_INPUT;
        }
        if (z.avail_in == 0 && left) {
            size_t more = left > UINT_MAX ? UINT_MAX : left;
            z.avail_in = (uInt)more;
            left -= more;
        }
        if (zr == Z_STREAM_END) {
            /* gzip members one after another are one file (RFC 1952) */
            if (z.avail_in == 0)
                break;
            if (inflateReset(&z) != Z_OK)
                break;
            continue;
        }
        if (zr == Z_BUF_ERROR && z.avail_in == 0) {
            *note = dl_format("the gzip data is cut short: only the first %zu bytes of text "
                              "could be read, and the last article may be incomplete", out->len);
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            if (zr == Z_MEM_ERROR) {
                inflateEnd(&z);
                dl_buf_free(out);
                return DATELINE_NO_MEMORY;
            }
            if (out->len == 0) {
                inflateEnd(&z);
                dl_buf_free(out);
                *note = dl_format("damaged gzip data (%s): nothing could be read from it",
                                  z.msg ? z.msg : "bad data");
                return DATELINE_BAD_INPUT;
            }
            *note = dl_format("damaged gzip data (%s) after %zu bytes of text: the rest is "
                              "lost, and the last article may be incomplete",
                              z.msg ? z.msg : "bad data", out->len);
            break;
        }
    }
    inflateEnd(&z);
    out->p[out->len] = '\0';
    return DATELINE_OK;
}

/* What reading a file brought in. */
typedef struct {
    dl_buf_t b;   /* the bytes kept: all of them, or the start of a file too big to keep */
    size_t total; /* bytes the file had (or the pipe gave) */
    int huge;     /* a regular file past DL_MAX_FILE, of which only the start was read */
    int endless;  /* a pipe or device, read no further than DL_MAX_FILE */
} input_t;

/* Reads the open file f (`name` in messages) into in. Up to DL_MAX_FILE bytes are kept; past
 * that, only what one article may hold, and the rest is counted without being stored. Returns
 * DATELINE_OK, FILE_ERROR or BAD_INPUT (binary data) with *message set, or NO_MEMORY. */
static dateline_status_t read_input(FILE *f, int is_stdin, const char *name,
                                    const dateline_reader_options_t *opt, input_t *in,
                                    char **message)
{
    char chunk[65536];
    size_t n;
    struct stat sb;
    dl_buf_init(&in->b);
    in->total = 0;
    in->huge = in->endless = 0;
    if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (size_t)sb.st_size > DL_MAX_FILE) {
        /* a huge file: its start is all that can be used, so only its start is read */
        while (in->b.len < DL_MAX_ARTICLE + sizeof chunk &&
               (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            dl_buf_add(&in->b, chunk, n);
        in->total = (size_t)sb.st_size;
        in->huge = 1;
    }
    /* a pipe or a device may never end (/dev/zero): past the bound it is read no further */
    int stream = fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode);
    int sniff = !opt || opt->format == DATELINE_FORMAT_AUTO;
    while (!in->huge && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (in->total == 0 && sniff && dl_binary_start(chunk, n)) {
            /* binary from its first block (NUL bytes only, random bytes): no need for more */
            dl_buf_free(&in->b);
            if (message)
                *message = dl_format("%s: binary data, not an article (use --format to read it "
                                     "as text anyway)", name);
            return DATELINE_BAD_INPUT;
        }
        in->total += n;
        if (in->total <= DL_MAX_FILE)
            dl_buf_add(&in->b, chunk, n);
        else if (in->b.len > DL_MAX_ARTICLE + sizeof chunk)
            in->b.len = DL_MAX_ARTICLE + sizeof chunk; /* keep the start; drop the rest */
        if (stream && in->total > DL_MAX_FILE) {
            in->endless = 1;
            break;
        }
    }
    int err = ferror(f) ? errno : 0;
    if (err) {
        dl_buf_free(&in->b);
        if (message)
            *message = dl_format("%s: cannot read: %s", name, strerror(err));
        return DATELINE_FILE_ERROR;
    }
    if (in->b.failed) {
        dl_buf_free(&in->b);
        return DATELINE_NO_MEMORY;
    }
    return DATELINE_OK;
}

/* Inflates in when it holds gzip data; *note says what was lost (or, for a pipe read no
 * further, that it was). Returns DATELINE_OK, or an error with *message set (in freed). */
static dateline_status_t inflate_input(input_t *in, const char *name,
                                       const dateline_reader_options_t *opt, char **note,
                                       char **message)
{
    dl_buf_t *b = &in->b;
    *note = NULL;
    if (b->len >= 2 && (unsigned char)b->p[0] == 0x1F && (unsigned char)b->p[1] == 0x8B) {
        size_t cap = opt && opt->version >= 2 && opt->max_decompressed ? opt->max_decompressed
                                                                       : DL_MAX_FILE;
        if (in->huge || in->total > DL_MAX_FILE) {
            dl_buf_free(b);
            if (message)
                *message = dl_format("%s: a gzip file of %.0f MB: gunzip it, split it (split -C "
                                     "200M) and index the parts", name,
                                     (double)in->total / 1048576.0);
            return DATELINE_BAD_INPUT;
        }
        dl_buf_t z;
        dateline_status_t zst = dl_gunzip(b->p, b->len, cap, &z, note);
        dl_buf_free(b);
        if (zst != DATELINE_OK) {
            if (message && *note)
                *message = dl_format("%s: %s", name, *note);
            free(*note);
            *note = NULL;
            return zst;
        }
        *b = z;
        in->total = b->len;
    } else if (in->endless) {
        *note = dl_format("more than %zu MB from a pipe or device: read no further",
                          DL_MAX_FILE >> 20);
    }
    return DATELINE_OK;
}

dateline_status_t dateline_reader_open_file(const char *path, const char *name,
                                            const dateline_reader_options_t *opt,
                                            dateline_reader_t **out, char **message)
{
    if (message)
        *message = NULL;
    if (!path || !out)
        return DATELINE_BAD_ARGUMENT;
    int is_stdin = strcmp(path, "-") == 0;
    if (!name)
        name = path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        if (message)
            *message = dl_format("%s: cannot open: %s", name, strerror(errno));
        return DATELINE_FILE_ERROR;
    }
    input_t in;
    dateline_status_t st = read_input(f, is_stdin, name, opt, &in, message);
    if (!is_stdin)
        fclose(f);
    char *note = NULL;
    if (st == DATELINE_OK)
        st = inflate_input(&in, name, opt, &note, message);
    if (st != DATELINE_OK)
        return st;
    st = dl_reader_open_any(in.b.p ? in.b.p : "", in.b.len, name, opt, out, message, &in.b.p);
    dl_buf_free(&in.b);
    if (st == DATELINE_OK && in.total > DL_MAX_FILE) {
        if ((*out)->row != &dl_format_text) {
            dateline_reader_destroy(*out);
            *out = NULL;
            if (message && in.endless)
                *message = dl_format("%s: more than the %zu MB a file of many articles may have, "
                                     "from a pipe or device: split it (split -C 200M) and index "
                                     "the parts", name, DL_MAX_FILE >> 20);
            else if (message)
                *message = dl_format("%s: a file of %.0f MB, more than the %zu MB a file of many "
                                     "articles may have: split it (split -C 200M) and index the "
                                     "parts", name, (double)in.total / 1048576.0,
                                     DL_MAX_FILE >> 20);
            free(note);
            return DATELINE_BAD_INPUT;
        }
        (*out)->file_size = in.total;
    }
    if (st == DATELINE_OK && note) {
        (*out)->pending = note; /* told with the first article */
        note = NULL;
    }
    free(note);
    return st;
}
