/* io-fail.c: an LD_PRELOAD shim that makes writes to some files fail, as a full disk or a dying
 * one would, for tests/io-errors.sh.
 *   DL_FAIL_PATH   only files whose path contains this string are touched
 *   DL_FAIL_AFTER  bytes that may still be written to them before writes fail (default 0)
 *   DL_FAIL_ERRNO  ENOSPC (default) or EIO
 *   DL_FAIL_SYNC   when set, fsync and fdatasync of those files fail, whatever the budget
 * It never touches other files, so the program can still print its messages. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long budget = -1; /* bytes left; -1: not read yet */
static int fail_errno = ENOSPC;

static int matches(int fd)
{
    const char *want = getenv("DL_FAIL_PATH");
    if (!want || !*want)
        return 0;
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    if (!strstr(path, want))
        return 0;
    if (budget < 0) {
        const char *a = getenv("DL_FAIL_AFTER"), *e = getenv("DL_FAIL_ERRNO");
        budget = a ? atoll(a) : 0;
        fail_errno = e && strcmp(e, "EIO") == 0 ? EIO : ENOSPC;
    }
    return 1;
}

/* Whether a write of n bytes to fd must fail; counts it against the budget when not. */
static int must_fail(int fd, size_t n)
{
    if (!matches(fd))
        return 0;
    if ((long long)n > budget) {
        budget = 0;
        errno = fail_errno;
        return 1;
    }
    budget -= (long long)n;
    return 0;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef int (*sync_fn)(int);
/* the C library's own function of that name */
#define NEXT(name, type)                                                                       \
    static type real;                                                                          \
    if (!real)                                                                                 \
    real = (type)dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buf, size_t n)
{
    NEXT("write", write_fn);
    return must_fail(fd, n) ? -1 : real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    NEXT("pwrite", pwrite_fn);
    return must_fail(fd, n) ? -1 : real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    NEXT("pwrite64", pwrite_fn);
    return must_fail(fd, n) ? -1 : real(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *v, int cnt)
{
    NEXT("writev", writev_fn);
    size_t n = 0;
    for (int i = 0; i < cnt; i++)
        n += v[i].iov_len;
    return must_fail(fd, n) ? -1 : real(fd, v, cnt);
}

static int sync_fails(int fd)
{
    if (!getenv("DL_FAIL_SYNC") || !matches(fd))
        return 0;
    errno = fail_errno;
    return 1;
}

int fsync(int fd)
{
    NEXT("fsync", sync_fn);
    return sync_fails(fd) ? -1 : real(fd);
}

int fdatasync(int fd)
{
    NEXT("fdatasync", sync_fn);
    return sync_fails(fd) ? -1 : real(fd);
}
