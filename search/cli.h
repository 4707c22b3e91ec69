/* cli.h: what the parts of the dateline-search program share: the command line parsed, a
 * search as it runs, and a section for the interface of each file. Not for the printers, which
 * have output.h. */
#ifndef DL_CLI_H
#define DL_CLI_H

#include <stdio.h>
#include "dateline.h"
#include "output.h"

extern const char cli_prog[]; /* "dateline-search", which begins every message */

/* The command line, parsed. */
typedef struct {
    const char *index_arg;      /* --index (the first) */
    const char *indexes[64];    /* every --index, in order */
    size_t nindexes;
    int allow_partial;          /* --allow-partial */
    const char *index_word;     /* the word --index came from ("-iran"), for cli_query_hint() */
    const char *show, *similar; /* --show ID, --similar ID */
    int all_versions, count, from_stdin, no_pager;
    int explain;                /* --explain */
    size_t total_bound;         /* --total-bound N, --exact-total (0) */
    int color;                  /* --color: 1, 0, or -1 for auto */
    int fmt_given;              /* --format was given */
    size_t limit, offset;
    dateline_sort_t sort;
    out_format_t fmt;
    dateline_field_t facets[8]; /* --facet, in order */
    size_t facet_top[8], nfacets;
    dateline_timeline_t timeline;
    const char *period;         /* --timeline's word ("month"), or NULL */
    double half_life;           /* --half-life, in days */
    dateline_field_t by;        /* --by: the timeline's series */
    size_t by_top;              /* and how many (0: none) */
} options_t;

/* What to search for and how to print it. */
typedef struct {
    const char *query, *show;
    out_format_t fmt;
    int color;
    dateline_sort_t sort;
    double half_life;
    int count;
    size_t offset, limit;
    const dateline_field_t *facets;
    const size_t *facet_top;
    size_t nfacets;
    dateline_timeline_t timeline;
    const char *period;
    int all_versions;
    size_t total_bound; /* count matches exactly up to this many (0: all, --exact-total) */
    dateline_field_t by;    /* --by: the timeline's series */
    size_t by_top;          /* and how many (0: none) */
    size_t width;       /* text: the terminal's width */
    int explain;        /* --explain */
    const char *similar; /* --similar ID, with the query (when not empty) as its filter */
    const char *label;   /* what the output names the search by */
} search_t;

/* interface to code in search/usage.c */

/* Prints --help to f. */
void cli_usage(FILE *f);

/* interface to code in search/options.c */

/* The options of argv, into *o (which needs no setting before: the defaults are given there);
 * then what they imply, and what they cannot do together, said on stderr. Returns -1 to go on,
 * else the exit status (0 after --help and --version). */
int cli_parse_options(int argc, char **argv, options_t *o);
/* The query from the words left after the options, followed in the same allocation by its
 * label (*label: --similar's, the arguments that ask again, for JSON's "query" and the SVG's
 * title; else the query): the caller frees the query, and the label with it. NULL with *rc
 * set (and said on stderr) when the words do not fit the options. */
char *cli_query_words(int argc, char **argv, options_t *o, char **label, int *rc);
/* Says how to search for a word that starts with '-' (nothing when word is NULL). Returns 2,
 * the exit status. */
int cli_query_hint(const char *word);

/* interface to code in search/answer.c */

/* --stdin: answers each line of standard input as a query, one JSON line each. Returns the
 * exit status: 0 at the end of the input, 2 when the answers cannot be written. */
int cli_answer_lines(dateline_index_t *idx, search_t *s);
/* Answers the search on standard output (through the pager on a terminal, unless o says
 * --no-pager), and says on stderr what went wrong. Returns the exit status. */
int cli_run(dateline_index_t *idx, const search_t *s, const options_t *o, size_t rows,
            size_t cols);

/* interface to code in search/show.c */

/* --show: prints s->show's article to out, with the other versions of its story and (with
 * --explain, or to highlight on a terminal) its places and groups explained. An id the index
 * does not hold is said on stderr, with *rc 1 and DATELINE_OK; an article found sets *rc to
 * 0; the status is the index's (*rc left as it was when the article could not be read). */
dateline_status_t cli_show(dateline_index_t *idx, const search_t *s, FILE *out, int *rc);

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
