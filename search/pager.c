/* pager.c: the terminal dateline-search prints to: its size, and the pager that an answer longer
 * than the screen goes through. */
#include <config.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* The size of the terminal on stdout: from the terminal itself, else $COLUMNS and $LINES,
 * else 80 by 24. */
void cli_screen_size(size_t *cols, size_t *rows)
{
    struct winsize ws = {0};
    int tty = isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0;
    const char *c = getenv("COLUMNS"), *l = getenv("LINES");
    long v;
    *cols = tty && ws.ws_col ? ws.ws_col : c && (v = strtol(c, NULL, 10)) > 0 ? (size_t)v : 80;
    *rows = tty && ws.ws_row ? ws.ws_row : l && (v = strtol(l, NULL, 10)) > 0 ? (size_t)v : 24;
}

/* The pager: what is printed is held until it passes a screenful, then it goes through the
 * pager command, which reads it from a pipe; output that fits the screen goes straight to it. */
typedef struct {
    char *held;         /* what was printed while it fitted */
    size_t len, cap;
    size_t rows, col;   /* screen rows filled so far, and the column on the last one */
    size_t screen_rows, screen_cols;
    const char *cmd;    /* the shell command that pages */
    int fd;             /* where output goes now: the pager's pipe, 1, or -1 while held */
    pid_t pid;          /* the pager, or 0 */
} pager_t;

static int write_all(int fd, const char *buf, size_t n)
{
    while (n) {
        ssize_t k = write(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return 0;
        buf += k;
        n -= (size_t)k;
    }
    return 1;
}

/* Starts the pager with a pipe to its standard input; 0 when that cannot be done. */
static int pager_start(pager_t *p)
{
    int fds[2];
    fflush(stderr);
    if (pipe(fds) != 0)
        return 0;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return 0;
    }
    if (pid == 0) {
        dup2(fds[0], 0);
        close(fds[0]);
        close(fds[1]);
        /* like git: less quits by itself when the text fits, keeps colours, leaves the
         * screen as it was */
        setenv("LESS", "FRX", 0);
        execl("/bin/sh", "sh", "-c", p->cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    /* quitting the pager before the end is no error: writes then fail with EPIPE, and the
     * search stops quietly */
    signal(SIGPIPE, SIG_IGN);
    p->fd = fds[1];
    p->pid = pid;
    return 1;
}

static ssize_t pager_write(void *cookie, const char *buf, size_t n)
{
    pager_t *p = cookie;
    if (p->fd >= 0)
        return write_all(p->fd, buf, n) ? (ssize_t)n : -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n')
            p->rows++, p->col = 0;
        else if (b >= 0x20 && (b & 0xC0) != 0x80 && ++p->col > p->screen_cols)
            p->rows++, p->col = 1; /* a long line takes more rows (escapes overcounted) */
    }
    if (p->len + n > p->cap) {
        size_t cap = (p->len + n) * 2;
        char *h = realloc(p->held, cap);
        if (!h) {
            errno = ENOMEM;
            return -1;
        }
        p->held = h, p->cap = cap;
    }
    memcpy(p->held + p->len, buf, n);
    p->len += n;
    /* the screen holds rows - 1 lines and the prompt */
    if (p->rows < p->screen_rows)
        return (ssize_t)n;
    if (!pager_start(p))
        p->fd = 1;
    int done = write_all(p->fd, p->held, p->len);
    free(p->held);
    p->held = NULL;
    p->len = p->cap = 0;
    return done ? (ssize_t)n : -1;
}

static int pager_close(void *cookie)
{
    pager_t *p = cookie;
    int ok = 1;
    if (p->fd < 0)
        ok = write_all(1, p->held, p->len);
    free(p->held);
    if (p->pid) {
        close(p->fd);
        while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    free(p);
    return ok ? 0 : -1;
}

FILE *cli_pager_open(size_t rows, size_t cols)
{
    const char *cmd = getenv("PAGER");
    cmd = cmd ? cmd : "less -R";
    pager_t *p = *cmd ? malloc(sizeof *p) : NULL; /* an empty $PAGER: no pager */
    if (!p)
        return NULL;
    *p = (pager_t){NULL, 0, 0, 0, 0, rows, cols, cmd, -1, 0};
    cookie_io_functions_t io = {NULL, pager_write, NULL, pager_close};
    FILE *f = fopencookie(p, "w", io);
    if (!f)
        free(p);
    return f;
}
