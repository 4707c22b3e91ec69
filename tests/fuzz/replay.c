/* replay.c: runs a fuzz target over files and folders of inputs without libFuzzer, so that
 * every build replays the seeds and every crash ever found. Prints TAP: one line per folder. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return 0;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 1;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int t = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        size_t ran = 0;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                    continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
                    ran += (size_t)run_file(path);
            }
            if (d)
                closedir(d);
        } else {
            ran += (size_t)run_file(argv[i]);
        }
        /* a broken promise aborts before this line */
        printf("%s %d - %s: %zu inputs\n", ran ? "ok" : "not ok", ++t, argv[i], ran);
    }
    printf("1..%d\n", t);
    return 0;
}
