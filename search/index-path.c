/* index-path.c: the one documented default index folder, shared by both programs. */
#include <config.h>
#include <errno.h>
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
