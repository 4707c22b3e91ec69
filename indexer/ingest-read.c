/* ingest-read.c: reading a file's articles into the index, or handing them to the workers. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ingest.h"

/* Files that sit beside articles in archives and are not articles. */
int not_an_article(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static const char *const names[] = {"SHA256SUMS", "SHA512SUMS", "SHA1SUMS", "MD5SUMS",
                                        "Thumbs.db", "desktop.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(base, names[i]) == 0)
            return 1;
    /* a collection's documentation: README, README.txt, LICENSE.md, COPYING */
    static const char *const docs[] = {"README", "LICENSE", "LICENCE", "COPYING"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        size_t k = strlen(docs[i]);
        if (strncasecmp(base, docs[i], k) == 0 && (base[k] == '\0' || base[k] == '.'))
            return 1;
    }
    const char *dot = strrchr(base, '.');
    return dot && (strcmp(dot, ".sha256") == 0 || strcmp(dot, ".md5") == 0 ||
                   strcmp(dot, ".sig") == 0 || strcmp(dot, ".asc") == 0);
}

/* Notes that the walk met file `canon` (for --prune). */
void met(run_t *r, const char *canon)
{
    if (!r->seen)
        return;
    if (r->nseen == r->capseen) {
        size_t c = r->capseen * 2;
        char **ns = realloc(r->seen, c * sizeof *ns);
        if (!ns) {
            r->fatal = 1;
            return;
        }
        r->seen = ns;
        r->capseen = c;
    }
    if (!(r->seen[r->nseen] = strdup(canon)))
        r->fatal = 1;
    else
        r->nseen++;
}

/* Whether the index has the regular file `canon` as it is now, read with these options: then
 * it is not read again and its articles count as read and unchanged. A file whose time
 * changed but not its bytes (a copy, a touch) is unchanged too, and its record is updated.
 * Otherwise *now holds its size, time and hash, taken before it is read, for its record. */
static int unchanged_file(run_t *r, const char *path, const char *canon, const struct stat *sb,
                          dateline_file_t *now, int *hashed)
{
    dateline_file_t rec;
    int touched = 0; /* its time changed, not its bytes */
    *hashed = 0;
    memset(now, 0, sizeof *now);
    now->size = (unsigned long long)sb->st_size;
    now->mtime = (long long)sb->st_mtim.tv_sec;
    now->mtime_ns = (long)sb->st_mtim.tv_nsec;
    int known = !r->force && dateline_index_file_get(r->index, canon, &rec) == DATELINE_OK &&
                rec.options == r->options && rec.size == now->size && rec.rejected == 0;
    if (known && rec.mtime == now->mtime && rec.mtime_ns == now->mtime_ns)
        goto same;
    if (dateline_file_stat(path, 1, now) != DATELINE_OK)
        return 0;
    *hashed = 1;
    if (!known || rec.hash != now->hash)
        return 0;
    rec.mtime = now->mtime;
    rec.mtime_ns = now->mtime_ns;
    touched = 1;
    if (idx_file_set(r, canon, &rec) != DATELINE_OK) {
        clear_progress(r);
        fprintf(stderr, "%s: %s\n", prog, idx_message(r));
        r->fatal = 1;
        return 1;
    }
same:
    r->files++;
    r->skipped_unchanged++;
    r->read += rec.articles;
    r->unchanged += rec.articles;
    r->formats[rec.format > 0 && rec.format < MAX_FORMATS ? rec.format : 0] += rec.articles;
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: %s: %s since it was read (%zu %s): not read again\n", prog,
                shown(path), touched ? "a new time but the same bytes" : "unchanged",
                rec.articles, noun(rec.articles, "article", "articles"));
    }
    progress(r, 0);
    return 1;
}

/* What the index did with an article, counted (and, with -v, a copy told). */
static void count_outcome(run_t *r, const char *shown_path, size_t position,
                          dateline_outcome_t what, const char *id)
{
    if (what == DATELINE_ADDED)
        r->added++;
    else if (what == DATELINE_UPDATED)
        r->updated++;
    else if (what == DATELINE_DUPLICATE) {
        r->duplicates++;
        if (r->verbose) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: a copy of article %s, read before from elsewhere\n",
                    prog, shown_path, position, id);
        }
    } else
        r->unchanged++;
}

/* Adds article a, read by rd from path, to the one index: 0 when it went in, 1 when it was
 * rejected, -1 when the run must stop. */
static int add_one(run_t *r, const char *path, dateline_reader_t *rd, dateline_article_t *a)
{
    dateline_outcome_t what;
    dateline_status_t st = dateline_index_add(r->index, a, &what);
    size_t at = dateline_reader_position(rd);
    r->read++;
    r->formats[format_slot(rd)]++;
    if (st == DATELINE_BAD_INPUT) {
        r->rejected++;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, shown(path), at,
                dateline_index_message(r->index));
        record_reject(r, path, at, dateline_index_message(r->index));
        return 1;
    }
    if (st != DATELINE_OK) {
        r->read--;
        r->formats[format_slot(rd)]--;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, shown(path), at,
                dateline_index_message(r->index));
        r->fatal = 1;
        return -1;
    }
    count_outcome(r, shown(path), at, what, dateline_article_get(a, DATELINE_FIELD_ID));
    return 0;
}

/* With --jobs: hands article a to the worker of its shard (job_done() counts it later). */
static int hand_over(run_t *r, const char *path, dateline_reader_t *rd, dateline_article_t *a,
                     file_slot_t *slot)
{
    size_t at = dateline_reader_position(rd);
    dateline_status_t st = jobs_add(r->jobs, a, shown(path), at, slot);
    if (st != DATELINE_OK) {
        if (st == DATELINE_NO_MEMORY) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: out of memory\n", prog, shown(path), at);
        }
        r->fatal = 1; /* a worker's failure was told by job_done() */
        return -1;
    }
    r->read++;
    r->formats[format_slot(rd)]++;
    slot->rec.articles++;
    return 0;
}

/* What a worker did with an article (under the jobs' lock: one at a time). */
void job_done(void *closure, const char *file, size_t position, void *tag,
              dateline_status_t st, dateline_outcome_t what, const char *message,
              const char *id)
{
    run_t *r = closure;
    file_slot_t *slot = tag;
    if (st == DATELINE_BAD_INPUT) {
        r->add_rejected++;
        slot->rejected++;
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, position, message);
        record_reject(r, file, position, message);
    } else if (st != DATELINE_OK) {
        clear_progress(r);
        fprintf(stderr, "%s: %s:%zu: %s\n", prog, file, position, message);
        r->fatal = 1;
    } else {
        count_outcome(r, file, position, what, id);
    }
}

/* Opens the reader of file `path` (origin canon) into *out: 0 when it is open and holds
 * articles; 1 when there is nothing to read (rejected, skipped, or cut short by a signal). */
static int open_reader(run_t *r, const char *path, const char *canon, const char *topic,
                       int in_folder, dateline_reader_t **out)
{
    if (r->verbose) {
        clear_progress(r);
        fprintf(stderr, "%s: reading %s\n", prog, shown(path));
    }
    dateline_reader_t *rd;
    char *msg = NULL;
    dateline_reader_options_t o = r->ropts;
    o.topic = topic;
    dateline_status_t st = dateline_reader_open_file(path, canon, &o, &rd, &msg);
    size_t cn = strlen(canon);
    if (msg && canon != path && strncmp(msg, canon, cn) == 0 && msg[cn] == ':') {
        /* the reader names the file by its origin: messages name it as it was given */
        char *m = malloc(strlen(path) + strlen(msg + cn) + 1);
        if (m) {
            strcpy(m, path);
            strcat(m, msg + cn);
            dateline_free(msg);
            msg = m;
        }
    }
    if (st != DATELINE_OK && got_signal) {
        dateline_free(msg); /* a read from a pipe was cut short by the signal: no fault */
        return 1;
    }
    r->files++;
    if (st != DATELINE_OK) {
        if (st == DATELINE_NO_MEMORY) {
            fprintf(stderr, "%s: %s: out of memory\n", prog, shown(path));
            r->fatal = 1;
        } else {
            reject(r, path, 0, msg ? msg : dateline_status_to_string(st));
        }
        dateline_free(msg);
        return 1;
    }
    const char *what_it_is = in_folder ? dateline_reader_not_article(rd) : NULL;
    if (what_it_is) {
        r->files--;
        r->skipped++;
        if (!r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s: note: skipped, not an article: %s (name the file to read "
                            "it anyway)\n", prog, shown(path), what_it_is);
        }
        dateline_reader_destroy(rd);
        return 1;
    }
    *out = rd;
    return 0;
}

/* Reads every article of rd into the index (or, with --jobs, hands it over, counted in slot):
 * 1 when the file was read to its end. */
static int read_articles(run_t *r, const char *path, dateline_reader_t *rd, file_slot_t *slot)
{
    /* a file once begun gives at least its first article: a signal stops the run between two
     * articles, never between the "reading" line and the file's first article */
    for (int first = 1; first || !got_signal; first = 0) {
        dateline_article_t *a;
        dateline_status_t st = dateline_reader_next(rd, &a);
        if (st == DATELINE_END)
            return 1;
        if (st == DATELINE_BAD_INPUT) {
            reject(r, path, dateline_reader_position(rd), dateline_reader_message(rd));
            r->formats[format_slot(rd)]++;
            continue;
        }
        if (st != DATELINE_OK) {
            fprintf(stderr, "%s: %s: %s\n", prog, shown(path), dateline_status_to_string(st));
            r->fatal = 1;
            return 0;
        }
        if (dateline_reader_message(rd) && !r->quiet) {
            clear_progress(r);
            fprintf(stderr, "%s: %s:%zu: note: %s\n", prog, shown(path), dateline_reader_position(rd),
                    dateline_reader_message(rd));
        }
        if (r->verbose > 1) {
            clear_progress(r);
            fprintf(stderr, "%s: indexing %s:%zu\n", prog, shown(path), dateline_reader_position(rd));
        }
        if ((r->jobs ? hand_over(r, path, rd, a, slot) : add_one(r, path, rd, a)) < 0)
            return 0;
        progress(r, 0);
    }
    return 0;
}

/* Reads file `path` into the index, as origin `canon` (its canonical path, or NULL to keep
 * path: standard input, a pipe); `sb` is what stat() said of a regular file, which the index
 * keeps a record of, and NULL for anything else. */
void index_file(run_t *r, const char *path, const char *canon, const char *topic,
                int in_folder, const struct stat *sb)
{
    int regular = sb != NULL;
    if (got_signal)
        return; /* not begun: the next run reads it */
    if (!canon)
        canon = path;
    dateline_file_t now;
    int hashed = 0;
    dateline_reader_t *rd;
    if (regular) {
        met(r, canon);
        if (unchanged_file(r, path, canon, sb, &now, &hashed))
            return;
    }
    if (open_reader(r, path, canon, topic, in_folder, &rd))
        return;
    size_t gave = r->added + r->updated + r->unchanged + r->duplicates, rejected = r->rejected;
    file_slot_t *slot = r->jobs ? new_slot(r, canon) : NULL;
    if (r->jobs && !slot) {
        fprintf(stderr, "%s: out of memory\n", prog);
        r->fatal = 1;
        dateline_reader_destroy(rd);
        return;
    }
    r->bytes += (double)dateline_reader_size(rd);
    r->reading = rd;
    r->reading_size = sb ? (double)sb->st_size : 0;
    int ended = read_articles(r, path, rd, slot);
    r->reading = NULL;
    /* a file read to its end is recorded: the next run need not read it, unless it had
     * rejections, which are told again; --prune knows it. With --jobs, at the next commit,
     * once the workers said what they rejected */
    if (regular && hashed && ended && !r->fatal) {
        now.articles = slot ? slot->rec.articles
                            : r->added + r->updated + r->unchanged + r->duplicates - gave;
        now.rejected = r->rejected - rejected;
        now.format = dateline_reader_format(rd);
        now.options = r->options;
        if (slot) {
            slot->rec = now;
            slot->record = 1;
        } else if (dateline_index_file_set(r->index, canon, &now) != DATELINE_OK) {
            clear_progress(r);
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(r->index));
            r->fatal = 1;
        }
    }
    dateline_reader_destroy(rd);
}
