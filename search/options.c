/* options.c: dateline-search's command line: its options and their defaults, the values each
 * takes, what they imply and what they cannot do together; a word that only looks like an
 * option; and the query made of the words left. */
#include <config.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* a list's total is exact up to this many matches (--total-bound): counting past it would
 * cost a search over a large archive a pass over every match (issue 13); a count up to 10,000
 * was 44% of the query set's instructions at 200,000 articles, one up to 1,000 33% (README.md) */
enum { TOTAL_BOUND = 1000 };

#define SHORTOPTS "i:n:s:cf:hV"

enum { OPT_OFFSET = 256, OPT_SHOW, OPT_COLOR, OPT_FACET, OPT_TIMELINE, OPT_HALF_LIFE,
       OPT_ALL_VERSIONS, OPT_EXACT_TOTAL, OPT_TOTAL_BOUND, OPT_BY, OPT_STDIN, OPT_NO_PAGER,
       OPT_SIMILAR, OPT_EXPLAIN, OPT_ALLOW_PARTIAL };

static const struct option longopts[] = {
    {"index", required_argument, NULL, 'i'},  {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, OPT_OFFSET}, {"sort", required_argument, NULL, 's'},
    {"count", no_argument, NULL, 'c'},         {"show", required_argument, NULL, OPT_SHOW},
    {"all-versions", no_argument, NULL, OPT_ALL_VERSIONS},
    {"exact-total", no_argument, NULL, OPT_EXACT_TOTAL},
    {"total-bound", required_argument, NULL, OPT_TOTAL_BOUND},
    {"similar", required_argument, NULL, OPT_SIMILAR},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"format", required_argument, NULL, 'f'}, {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"facet", required_argument, NULL, OPT_FACET},
    {"timeline", required_argument, NULL, OPT_TIMELINE},
    {"by", required_argument, NULL, OPT_BY},
    {"half-life", required_argument, NULL, OPT_HALF_LIFE},
    {"stdin", no_argument, NULL, OPT_STDIN},
    {"no-pager", no_argument, NULL, OPT_NO_PAGER},
    {"allow-partial", no_argument, NULL, OPT_ALLOW_PARTIAL},
    {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

int cli_query_hint(const char *word)
{
    if (word)
        fprintf(stderr, "%s: if '%s' is part of the query, put the query after -- "
                        "(%s -- %s ...) or quote it whole ('... %s')\n",
                cli_prog, word, cli_prog, word, word);
    return 2;
}

/* The first letter of argv element `arg` that is no short option, when it is a cluster of
 * them ("-place:x": 'p'); NULL when it is an option, a long one, an option's value or a
 * word. Steps *i over the next element when that is the option's value. */
static const char *unknown_short(const char *arg, int *i)
{
    if (arg[0] != '-' || !arg[1])
        return NULL;
    if (arg[1] == '-') {
        /* a long option (or a unique prefix of one) that takes a value in the next element */
        size_t len = strcspn(arg + 2, "=");
        const struct option *hit = NULL;
        int n = 0;
        for (const struct option *o = longopts; o->name; o++)
            if (strncmp(o->name, arg + 2, len) == 0) {
                if (strlen(o->name) == len) {
                    hit = o, n = 1;
                    break;
                }
                hit = o, n++;
            }
        if (n == 1 && hit->has_arg == required_argument && !arg[2 + len])
            ++*i;
        return NULL;
    }
    for (const char *p = arg + 1; *p; p++) {
        const char *o = *p == ':' ? NULL : strchr(SHORTOPTS, *p);
        if (!o)
            return p;
        if (o[1] == ':') {
            if (!p[1])
                ++*i;
            return NULL;
        }
    }
    return NULL;
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    if (!*s || *s == '-' || ((v = strtoull(s, &end, 10)), *end)) {
        fprintf(stderr, "%s: %s takes a whole number, not '%s'\n", cli_prog, opt, s);
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

/* FIELD[:N] of --facet and --by, N from 1 to max (no bound when max is 0; def when not given).
 * The facets are the filter table's facetable rows (dateline_facet_from_name()). */
static int facet_arg(const char *opt, const char *arg, size_t def, size_t max,
                     dateline_field_t *field, size_t *top)
{
    size_t len = strcspn(arg, ":");
    char name[32];
    *top = def;
    int known = len < sizeof name;
    if (known) {
        memcpy(name, arg, len);
        name[len] = '\0';
        known = dateline_facet_from_name(name, field) == DATELINE_OK;
    }
    if (known && (arg[len] != ':' || parse_size(opt, arg + len + 1, top)) && *top >= 1 &&
        (!max || *top <= max))
        return 1;
    char bound[32] = "";
    if (max)
        snprintf(bound, sizeof bound, " (1 to %zu)", max);
    const char *names[DATELINE_FIELD_COUNT_];
    size_t n = 0;
    for (int f = 0; f < DATELINE_FIELD_COUNT_; f++)
        if ((names[n] = dateline_facet_name((dateline_field_t)f)) != NULL)
            n++;
    fprintf(stderr, "%s: %s takes", cli_prog, opt);
    for (size_t k = 0; k < n; k++)
        fprintf(stderr, "%s%s", k == 0 ? " " : k + 1 < n ? ", " : " or ", names[k]);
    fprintf(stderr, ", and :N for how many of its values%s, not '%s'\n", bound, arg);
    return 0;
}

/* The value of `word` among `names` (n of them) in *out; 0 when it is none of them. */
static int pick(const char *word, const char *const *names, size_t n, int *out)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(word, names[k]) == 0) {
            *out = (int)k;
            return 1;
        }
    return 0;
}

/* --sort, --color and --timeline. Returns -1 when the value is good, else the exit status. */
static int parse_choice(options_t *o, int c, const char *arg, const char *word)
{
    static const char *const sorts[] = {"relevance", "newest", "oldest", "recent"};
    static const dateline_sort_t sort_of[] = {DATELINE_SORT_RELEVANCE, DATELINE_SORT_NEWEST,
                                              DATELINE_SORT_OLDEST, DATELINE_SORT_RECENT};
    static const char *const colors[] = {"auto", "always", "never"};
    static const int color_of[] = {-1, 1, 0};
    static const char *const periods[] = {"day", "week", "month", "year"};
    static const dateline_timeline_t period_of[] = {DATELINE_TIMELINE_DAY, DATELINE_TIMELINE_WEEK,
                                                    DATELINE_TIMELINE_MONTH,
                                                    DATELINE_TIMELINE_YEAR};
    int k;
    if (c == 's') {
        if (pick(arg, sorts, 4, &k)) {
            o->sort = sort_of[k];
            return -1;
        }
        fprintf(stderr, "%s: unknown --sort '%s': use relevance, newest, oldest or recent\n",
                cli_prog, arg);
        return cli_query_hint(word);
    }
    if (c == OPT_COLOR) {
        if (pick(arg, colors, 3, &k)) {
            o->color = color_of[k];
            return -1;
        }
        fprintf(stderr, "%s: unknown --color '%s': use auto, always or never\n", cli_prog, arg);
        return 2;
    }
    o->period = arg;
    if (pick(arg, periods, 4, &k)) {
        o->timeline = period_of[k];
        return -1;
    }
    fprintf(stderr, "%s: unknown --timeline '%s': use day, week, month or year\n", cli_prog, arg);
    return 2;
}

/* One option c (its value optarg). Returns -1 to go on, else the exit status. `word`: the
 * argument a short option's value was attached to, which may have been a query word. */
static int parse_option(options_t *o, int c, const char *word)
{
    switch (c) {
    case 'i':
        if (o->nindexes == sizeof o->indexes / sizeof o->indexes[0]) {
            fprintf(stderr, "%s: %zu --index at most\n", cli_prog, o->nindexes);
            return 2;
        }
        if (!o->index_arg)
            o->index_arg = optarg;
        o->indexes[o->nindexes++] = optarg;
        o->index_word = word;
        return -1;
    case OPT_ALLOW_PARTIAL: o->allow_partial = 1; return -1;
    case 'n': return parse_size("--limit", optarg, &o->limit) ? -1 : cli_query_hint(word);
    case OPT_OFFSET: return parse_size("--offset", optarg, &o->offset) ? -1 : 2;
    case 's': case OPT_COLOR: case OPT_TIMELINE: return parse_choice(o, c, optarg, word);
    case 'c': o->count = 1; return -1;
    case OPT_SHOW: o->show = optarg; return -1;
    case OPT_EXPLAIN: o->explain = 1; return -1;
    case OPT_ALL_VERSIONS: o->all_versions = 1; return -1;
    case OPT_EXACT_TOTAL: o->total_bound = 0; return -1;
    case OPT_TOTAL_BOUND: return parse_size("--total-bound", optarg, &o->total_bound) ? -1 : 2;
    case OPT_STDIN: o->from_stdin = 1; return -1;
    case OPT_NO_PAGER: o->no_pager = 1; return -1;
    case OPT_SIMILAR: o->similar = optarg; return -1;
    case 'f':
        o->fmt_given = 1;
        if (out_format_from_name(optarg, &o->fmt))
            return -1;
        fprintf(stderr, "%s: unknown --format '%s': use", cli_prog, optarg);
        for (size_t k = 0, n = out_format_count(); k < n; k++)
            fprintf(stderr, "%s%s", k == 0 ? " " : k + 1 < n ? ", " : " or ",
                    out_format_name((out_format_t)k));
        fputc('\n', stderr);
        return cli_query_hint(word);
    case OPT_FACET:
        if (o->nfacets == 8) {
            fprintf(stderr, "%s: 8 facets at most\n", cli_prog);
            return 2;
        }
        if (!facet_arg("--facet", optarg, 10, 0, &o->facets[o->nfacets],
                       &o->facet_top[o->nfacets]))
            return 2;
        o->nfacets++;
        return -1;
    case OPT_BY: return facet_arg("--by", optarg, 5, 10, &o->by, &o->by_top) ? -1 : 2;
    case OPT_HALF_LIFE: {
        char *end;
        o->half_life = strtod(optarg, &end);
        if (!*end && o->half_life > 0)
            return -1;
        fprintf(stderr, "%s: --half-life takes a number of days above 0, not '%s'\n", cli_prog,
                optarg);
        return 2;
    }
    case 'h': cli_usage(stdout); return 0;
    case 'V': printf("%s (Dateline) %s\n", cli_prog, dateline_version()); return 0;
    default: fprintf(stderr, "Try '%s --help'.\n", cli_prog); return 2;
    }
}

int cli_parse_options(int argc, char **argv, options_t *o)
{
    int c, rc;
    *o = (options_t){.limit = 10, .total_bound = TOTAL_BOUND, .color = -1,
                     .sort = DATELINE_SORT_RELEVANCE, .fmt = OUT_TEXT,
                     .timeline = DATELINE_TIMELINE_NONE, .half_life = 30,
                     .by = DATELINE_FIELD_PLACES};
    /* Options may come anywhere (getopt permutes); a word that only looks like one is a query
     * word the person meant ("-saudi"): tell them how to pass it. */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *bad = unknown_short(argv[i], &i);
        if (bad) {
            fprintf(stderr, "%s: unknown option '-%c' in '%s'\n", cli_prog, *bad, argv[i]);
            cli_query_hint(argv[i]);
            return 2;
        }
    }
    while ((c = getopt_long(argc, argv, SHORTOPTS, longopts, NULL)) != -1) {
        /* a value attached to a short option ("-saudi" is -s audi) that proves wrong was more
         * likely a query word */
        const char *word = optarg && optind > 1 && optarg == argv[optind - 1] + 2 &&
                                   argv[optind - 1][0] == '-' ? argv[optind - 1] : NULL;
        if ((rc = parse_option(o, c, word)) >= 0)
            return rc;
    }
    /* an SVG is a timeline, and so are series: by month unless --timeline says otherwise */
    if ((out_is_chart(o->fmt) || o->by_top) && o->timeline == DATELINE_TIMELINE_NONE) {
        o->timeline = DATELINE_TIMELINE_MONTH;
        o->period = "month";
    }
    if (out_is_chart(o->fmt)) {
        o->limit = 0;
        if (o->show) {
            fprintf(stderr, "%s: --format svg draws a timeline; --show prints text or json\n",
                    cli_prog);
            return 2;
        }
    }
    if (!out_has_facets(o->fmt) && (o->nfacets || o->timeline != DATELINE_TIMELINE_NONE)) {
        fprintf(stderr, "%s: --format %s holds results only: for --facet and --timeline use "
                        "json or tsv\n", cli_prog, out_format_name(o->fmt));
        return 2;
    }
    if (o->explain && !o->show && o->fmt != OUT_JSON && o->fmt != OUT_JSONL) {
        fprintf(stderr, "%s: --explain explains --show's article, or the results of --format "
                        "json or jsonl\n", cli_prog);
        return 2;
    }
    if (o->explain && o->show && o->fmt != OUT_TEXT && o->fmt != OUT_JSON && o->fmt != OUT_JSONL) {
        fprintf(stderr, "%s: --show --explain prints text, json or jsonl\n", cli_prog);
        return 2;
    }
    if (o->color < 0) {
        const char *term = getenv("TERM"), *no = getenv("NO_COLOR");
        o->color = isatty(1) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
    }
    return -1;
}

char *cli_query_words(int argc, char **argv, options_t *o, char **label, int *rc)
{
    size_t qlen = 0;
    *rc = 2;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = malloc(2 * (qlen + 1) + (o->similar ? strlen(o->similar) + 16 : 0));
    if (!query) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        return NULL;
    }
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    const char *why = NULL;
    int blank = !query[strspn(query, " \t\n")];
    if (o->show && o->similar)
        fprintf(stderr, "%s: --show prints one article and --similar searches: give one of them\n",
                cli_prog);
    else if (o->from_stdin && (why = o->show || o->similar
                                         ? "--show and --similar ask for something else"
                                     : !blank ? "give no query on the command line"
                                     : o->fmt_given && o->fmt != OUT_JSON
                                         ? "give --format json or none" : NULL))
        fprintf(stderr, "%s: --stdin reads the queries from standard input, one a line, and "
                        "answers each in JSON: %s\n", cli_prog, why);
    else if (!o->from_stdin && !o->show && !o->similar && blank)
        fprintf(stderr, "%s: no query: give words to search for, or * for every article\n"
                        "Try '%s --help'.\n", cli_prog, cli_prog);
    else {
        *label = query;
        if (o->similar) {
            *label = query + qlen + 1;
            char *end = stpcpy(stpcpy(*label, "--similar "), o->similar);
            if (*query)
                memcpy(stpcpy(end, " "), query, strlen(query) + 1);
        }
        if (o->from_stdin)
            o->fmt = OUT_JSON;
        return query;
    }
    free(query);
    return NULL;
}
