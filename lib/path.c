/* path.c: the one spelling of a file's path that the index records as its origin. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dl.h"

/* dir + "/" + name, without a doubled '/' after the root. */
static char *join(const char *dir, const char *name, size_t n)
{
    size_t d = strlen(dir);
    int slash = d > 0 && dir[d - 1] == '/';
    char *p = malloc(d + n + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, d);
    if (!slash)
        p[d++] = '/';
    memcpy(p + d, name, n);
    p[d + n] = '\0';
    return p;
}

/* The canonical form of an absolute path (no trailing '/' but for "/"): a folder that exists
 * is its real path; anything else is the canonical form of the folder it is in and its name,
 * so that a file keeps its own name (a link is not resolved) and a file gone from disk can
 * still be named. "." and ".." of folders that are gone are taken lexically. */
static char *canon(char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    struct stat sb;
    if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        char *r = realpath(p, NULL);
        if (r || errno == ENOMEM)
            return r;
    }
    if (n == 1) /* "/" itself, which stat failed on */
        return dl_strdup("/");
    char *slash = strrchr(p, '/');
    const char *base = slash + 1;
    size_t bn = strlen(base);
    char *dir;
    if (slash == p) {
        dir = dl_strdup("/");
    } else {
        *slash = '\0';
        dir = canon(p);
        *slash = '/';
    }
    if (!dir)
        return NULL;
    if (bn == 1 && base[0] == '.')
        return dir;
    if (bn == 2 && base[0] == '.' && base[1] == '.') {
        char *up = strrchr(dir, '/');
        if (up == dir)
            up[1] = '\0';
        else if (up)
            *up = '\0';
        return dir;
    }
    char *r = join(dir, base, bn);
    free(dir);
    return r;
}

char *dateline_path_canonical(const char *path)
{
    if (!path || !*path)
        return NULL;
    if (strcmp(path, "-") == 0)
        return dl_strdup(path);
    char *abs;
    if (path[0] == '/') {
        abs = dl_strdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        if (!cwd)
            return NULL;
        abs = join(cwd, path, strlen(path));
        free(cwd);
    }
    if (!abs)
        return NULL;
    /* "//" inside is one '/' */
    char *w = abs, prev = '\0';
    for (const char *s = abs; *s; s++) {
        if (!(*s == '/' && prev == '/'))
            *w++ = *s;
        prev = *s;
    }
    *w = '\0';
    char *r = canon(abs);
    free(abs);
    return r;
}
