/* cli.h: what the parts of the dateline-search program share, with a section for the interface
 * of each file. Not for the printers, which have output.h. */
#ifndef DL_CLI_H
#define DL_CLI_H

#include <stdio.h>
#include "dateline.h"
#include "output.h"

extern const char cli_prog[]; /* "dateline-search", which begins every message */

/* interface to code in search/usage.c */

/* Prints --help to f. */
void cli_usage(FILE *f);

/* interface to code in search/pager.c */

/* The size of the terminal on stdout: from the terminal itself, else $COLUMNS and $LINES,
 * else 80 by 24. */
void cli_screen_size(size_t *cols, size_t *rows);
/* A stream that holds what is printed until it passes a screen of rows lines of cols columns,
 * then sends it through $PAGER (unset: less -R); output that fits the screen goes to standard
 * output when the stream is closed. NULL when $PAGER is empty or the stream cannot be made.
 * fclose() waits for the pager and frees the stream. */
FILE *cli_pager_open(size_t rows, size_t cols);

#endif
