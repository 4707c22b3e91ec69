/* index-path.c: the one documented default index folder, shared by both programs. */
#include <config.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "index-path.h"

const char *dl_default_index_hint(void) { return "$XDG_DATA_HOME/dateline/index"; }

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", a, b);
    return p;
}

/* mkdir -p of every folder above path. */
static void make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST)
                break;
            *s = '/';
        }
    free(p);
}

static char *message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *m = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (m) {
        va_start(ap, fmt);
        vsnprintf(m, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return m;
}

/* Whether the file at path is a Xapian stub file: its first line that is neither empty nor a
 * comment starts with a word that starts a stub line. */
static int is_stub(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512], word[16];
    int stub = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, " %15s", word) != 1 || word[0] == '#')
            continue;
        stub = strcmp(word, "auto") == 0 || strcmp(word, "remote") == 0 ||
               strcmp(word, "tcp") == 0 || strcmp(word, "glass") == 0 ||
               strcmp(word, "chert") == 0;
        break;
    }
    if (f)
        fclose(f);
    return stub;
}

char *dl_index_path_check(const char *path, int writing)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return NULL; /* not there: made when writing, "no index at" when reading */
    const char *remedy = writing ? "give --index a new or empty folder to build an index in"
                                 : "give --index the folder an index was built in";
    if (S_ISREG(sb.st_mode) && !writing && is_stub(path))
        return NULL; /* a stub file listing shards: the library reads it */
    if (!S_ISDIR(sb.st_mode))
        return message("%s is %s, not an index folder: %s", path,
                       S_ISREG(sb.st_mode) ? "a file" : "not a file or folder", remedy);
    DIR *d = opendir(path);
    if (!d)
        return NULL; /* the library says why it cannot be read */
    /* what other programs keep in their folders; a Xapian database is left to the library,
     * which tells a Dateline index from another */
    static const struct {
        const char *name; /* an entry's name, or its start when it ends in '*' */
        const char *what; /* NULL: a Xapian database */
    } marks[] = {{"iamglass", NULL}, {"iamhoney", NULL}, {"iamchert", NULL},
                 {"postlist.glass", NULL}, {"XAPIANDB", NULL} /* a stub: shards */,
                 {".notmuch", "a notmuch mail store"},
                 {"segments_*", "a Lucene or Elasticsearch index"},
                 {".git", "a git working tree"}, {"PG_VERSION", "a PostgreSQL data folder"}};
    size_t entries = 0;
    char first[256] = "";
    const char *other = NULL;
    int xapian = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        entries++;
        for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
            size_t k = strlen(marks[i].name);
            int match = marks[i].name[k - 1] == '*' ? strncmp(e->d_name, marks[i].name, k - 1) == 0
                                                    : strcmp(e->d_name, marks[i].name) == 0;
            if (match && marks[i].what)
                other = marks[i].what;
            else if (match)
                xapian = 1;
        }
        if (!first[0] || strcmp(e->d_name, first) < 0)
            snprintf(first, sizeof first, "%s", e->d_name);
    }
    closedir(d);
    if (xapian)
        return NULL;
    if (other)
        return message("%s is %s, not a Dateline index: %s", path, other, remedy);
    if (entries == 0)
        return writing ? NULL
                       : message("%s is an empty folder, not an index yet: build one with "
                                 "dateline-index --index %s FILES...", path, path);
    return message("%s is a folder of other things (%zu %s, such as '%s'), not a Dateline "
                   "index: %s", path, entries, entries == 1 ? "entry" : "entries", first,
                   remedy);
}

char *dl_index_path(const char *given, int create)
{
    const char *env = getenv("DATELINE_INDEX");
    char *path;
    if (given && *given)
        return strdup(given);
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg == '/')
        path = join(xdg, "/dateline/index");
    else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return NULL;
        path = join(home, "/.local/share/dateline/index");
    }
    if (path && create)
        make_parents(path);
    return path;
}
