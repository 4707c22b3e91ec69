/* compact-stall.c: an LD_PRELOAD shim for tests/autocompact.sh that stops a compaction just
 * before it puts the compact index in place (renameat2 from a "*.dateline-compact.*" folder):
 *   DL_STALL_FILE  created there, to tell the test that the compaction got that far
 *   DL_STALL_MODE  "wait": sleep until a signal ends the process; "crash": kill the parent
 *                  (dateline-index) and this process with SIGKILL, as a power cut would */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
    static int (*real)(int, const char *, int, const char *, unsigned);
    if (!real)
        real = (int (*)(int, const char *, int, const char *, unsigned))dlsym(RTLD_NEXT,
                                                                             "renameat2");
    const char *file = getenv("DL_STALL_FILE"), *mode = getenv("DL_STALL_MODE");
    if (file && *file && mode && strstr(from, ".dateline-compact.")) {
        int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0)
            close(fd);
        if (strcmp(mode, "crash") == 0) {
            kill(getppid(), SIGKILL);
            raise(SIGKILL);
        }
        for (;;)
            pause();
    }
    return real(fromfd, from, tofd, to, flags);
}
