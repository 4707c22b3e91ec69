/* commit-kill.c: an LD_PRELOAD shim that kills the process (SIGKILL, as kill -9 does) just
 * before the Nth commit of a Xapian glass database under some path, for tests/jobs-kill.sh.
 * A glass commit ends by renaming DB/v.tmp to DB/iamglass: what was renamed before is
 * committed, what comes after is not.
 *   DL_KILL_PATH  only commits whose iamglass path contains this string count
 *   DL_KILL_AT    the commit to die before (1: the first); unset or 0: never */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counted = 0;

/* Whether renaming to `to` is a counted commit, and the one to die before. */
static int fatal(const char *to)
{
    const char *want = getenv("DL_KILL_PATH"), *at = getenv("DL_KILL_AT");
    size_t n = strlen(to), k = strlen("/iamglass");
    if (!want || !*want || !at || atoi(at) <= 0 || n < k || strcmp(to + n - k, "/iamglass") != 0 ||
        !strstr(to, want))
        return 0;
    return __atomic_add_fetch(&counted, 1, __ATOMIC_SEQ_CST) == atoi(at);
}

int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    if (!real)
        real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    if (fatal(to)) {
        fflush(NULL);
        raise(SIGKILL);
    }
    return real(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
    static int (*real)(int, const char *, int, const char *);
    if (!real)
        real = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    if (fatal(to)) {
        fflush(NULL);
        raise(SIGKILL);
    }
    return real(fromfd, from, tofd, to);
}
