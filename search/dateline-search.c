/* dateline-search.c: the program that answers questions from an index, for people and programs. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dateline.h"
#include "index-path.h"
#include "output.h"

static const char *prog = "dateline-search";

enum { MAX_ATTEMPTS = 10 }; /* runs of a search the index changed under, before giving up */

static void usage(FILE *f)
{
    fprintf(f,
"Usage: %s [--index DIR] [options] QUERY...\n"
"       %s [--index DIR] --show ID\n"
"       %s [--index DIR] [options] --similar ID [QUERY...]\n"
"Search a Dateline index. Results are ranked by relevance (BM25) unless --sort says otherwise.\n"
"\n"
"The query language:\n"
"  syria raqqa            both words (AND is the default); stems match (fighters ~ fighter)\n"
"  \"islamic state\"        a phrase\n"
"  cocoa OR coffee        either word; group with parentheses: (cocoa OR coffee) brazil\n"
"  opec NOT saudi         the first without the second; also: opec -saudi\n"
"  petro*                 words that start with petro\n"
"  oil NEAR price         the words within 10 words of each other (NEAR/3 for 3)\n"
"  title:cocoa            the word in the headline\n"
"  place:syria            filters: place, group, topic, dateline, source, charset,\n"
"                         repaired (repaired:yes, repaired:double-encoded), story (the\n"
"                         versions of one story: story:ID);\n"
"  group:\"islamic state\"  each filter narrows the search (place:usa place:japan: both;\n"
"  dateline:beirut        place:usa OR place:japan: either); values are case-insensitive,\n"
"                         and spaces, hyphens and underscores in them are alike\n"
"  date:2017              a year, a month (date:2017-10), a day (date:2017-10-18),\n"
"  date:1987-02..1987-03  or a range: A..B, A.. (from A on), ..B (up to B)\n"
"  *                      every article (with filters: every article that passes them)\n"
"\n"
"Options:\n"
"  -i, --index DIR        the index (default: $DATELINE_INDEX, else %s)\n"
"  -n, --limit N          show N results (default 10)\n"
"      --offset N         skip the first N results (for paging)\n"
"  -s, --sort ORDER       relevance (default), newest or oldest (undated last), or recent:\n"
"                         relevance plus a bonus that halves every --half-life days (30)\n"
"                         back from the newest story in the index\n"
"  -c, --count            print only the exact number of matching articles\n"
"      --show ID          print the whole stored article with that id, and the other\n"
"                         versions of its story (repeats, updates, corrections)\n"
"      --similar ID       more like this: the stories that share the most distinctive\n"
"                         words with article ID, best first (not ID itself, nor the other\n"
"                         versions of its story); with a QUERY, only the ones matching it\n"
"      --all-versions     list every matching article; by default a story sent several\n"
"                         times is listed once (its best match, with how many versions)\n"
"      --facet F[:N]      also the N (default 10) commonest values of F over all matches,\n"
"                         with exact counts: place, group, topic or dateline (repeatable)\n"
"      --timeline P       also the matches per day, week, month or year, with each\n"
"                         period's commonest places and groups (-n 0: only these)\n"
"  -f, --format FORMAT    text (default), json, tsv, or svg: the timeline as a chart\n"
"      --color WHEN       auto (default: when stdout is a terminal), always or never\n"
"  -h, --help             this help\n"
"  -V, --version          the version\n"
"\n"
"Examples:\n"
"  %s 'place:syria group:\"islamic state\" date:2017-10'\n"
"  %s --sort newest --format json cocoa brazil\n"
"  %s --count 'topic:crude date:1987-03'\n"
"  %s --similar faaab925d6e47ed8 'date:2017'\n"
"\n"
"Exit status: 0 when something matched, 1 when nothing did (or --show or --similar named\n"
"an id the index does not hold), 2 on an error.\n",
            prog, prog, prog, dl_default_index_hint(), prog, prog, prog, prog);
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    if (!*s || *s == '-' || ((v = strtoull(s, &end, 10)), *end)) {
        fprintf(stderr, "%s: %s takes a whole number, not '%s'\n", prog, opt, s);
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

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
    const char *similar; /* --similar ID, with the query (when not empty) as its filter */
    const char *label;   /* what the output names the search by */
} search_t;

/* Runs a search once, printing to out, with the exit status in *rc. On DATELINE_MODIFIED the
 * caller reopens the index and runs it again. */
static dateline_status_t search_once(dateline_index_t *idx, const search_t *s, FILE *out, int *rc)
{
    dateline_status_t st;
    *rc = 2;
    if (s->show) {
        dateline_article_t *a;
        st = dateline_index_get(idx, s->show, &a);
        if (st == DATELINE_OK) {
            /* with the other articles of its story chain, oldest first */
            const char *story = dateline_article_get(a, DATELINE_FIELD_STORY);
            dateline_results_t *chain = NULL;
            dateline_query_t *cq = NULL;
            char *cqs = story ? malloc(strlen(story) + 16) : NULL;
            if (cqs) {
                sprintf(cqs, "story:%s", story);
                st = dateline_query_new(idx, cqs, &cq);
                if (st == DATELINE_OK)
                    st = dateline_query_set_all_versions(cq, 1);
                if (st == DATELINE_OK)
                    st = dateline_query_set_sort(cq, DATELINE_SORT_OLDEST);
                if (st == DATELINE_OK)
                    st = dateline_query_run(cq, 0, 100, &chain);
                free(cqs);
            }
            if (st == DATELINE_OK)
                st = out_article(out, s->fmt, a, chain);
            dateline_query_destroy(cq);
            dateline_article_destroy(a);
            *rc = 0;
        } else if (st == DATELINE_NOT_FOUND) {
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(idx));
            *rc = 1;
            st = DATELINE_OK;
        }
        return st;
    }
    dateline_query_t *q;
    if (s->similar) {
        const char *filter = s->query[strspn(s->query, " \t\n")] ? s->query : NULL;
        st = dateline_query_new_similar(idx, s->similar, filter, &q);
        if (st == DATELINE_NOT_FOUND) {
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(idx));
            *rc = 1;
            return DATELINE_OK;
        }
    } else {
        st = dateline_query_new(idx, s->query, &q);
    }
    if (st != DATELINE_OK)
        return st;
    st = dateline_query_set_sort(q, s->sort);
    if (st == DATELINE_OK)
        st = dateline_query_set_half_life(q, s->half_life, 2.0);
    if (st == DATELINE_OK)
        st = dateline_query_set_all_versions(q, s->all_versions);
    if (st == DATELINE_OK && s->count) {
        size_t n;
        st = dateline_query_count(q, &n);
        if (st == DATELINE_OK) {
            fprintf(out, "%zu\n", n);
            *rc = n ? 0 : 1;
        }
    } else if (st == DATELINE_OK) {
        dateline_results_t *res;
        for (size_t k = 0; k < s->nfacets && st == DATELINE_OK; k++)
            st = dateline_query_add_facet(q, s->facets[k], s->facet_top[k]);
        if (st == DATELINE_OK)
            st = dateline_query_set_timeline(q, s->timeline);
        if (st == DATELINE_OK)
            st = dateline_query_run(q, s->offset, s->limit, &res);
        if (st == DATELINE_OK && s->fmt == OUT_SVG)
            out_svg(out, s->label, res, s->period);
        else if (st == DATELINE_OK)
            st = out_results(out, s->fmt, s->color, s->label, s->offset, res);
        if (st == DATELINE_OK && s->fmt != OUT_SVG)
            out_facets(out, s->fmt, res, s->facets, s->nfacets, s->period);
        if (st == DATELINE_OK)
            *rc = dateline_results_total(res) ? 0 : 1;
    }
    dateline_query_destroy(q);
    return st;
}

int main(int argc, char **argv)
{
    enum { OPT_OFFSET = 256, OPT_SHOW, OPT_COLOR, OPT_FACET, OPT_TIMELINE, OPT_HALF_LIFE,
           OPT_ALL_VERSIONS, OPT_SIMILAR };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},  {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, OPT_OFFSET}, {"sort", required_argument, NULL, 's'},
        {"count", no_argument, NULL, 'c'},         {"show", required_argument, NULL, OPT_SHOW},
        {"all-versions", no_argument, NULL, OPT_ALL_VERSIONS},
        {"similar", required_argument, NULL, OPT_SIMILAR},
        {"format", required_argument, NULL, 'f'}, {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"facet", required_argument, NULL, OPT_FACET},
        {"timeline", required_argument, NULL, OPT_TIMELINE},
        {"half-life", required_argument, NULL, OPT_HALF_LIFE},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *index_arg = NULL, *show = NULL, *similar = NULL;
    int all_versions = 0;
    size_t limit = 10, offset = 0;
    int count = 0, color = -1, c;
    dateline_sort_t sort = DATELINE_SORT_RELEVANCE;
    out_format_t fmt = OUT_TEXT;
    dateline_field_t facets[8];
    size_t facet_top[8], nfacets = 0;
    dateline_timeline_t timeline = DATELINE_TIMELINE_NONE;
    const char *period = NULL;
    double half_life = 30;

    while ((c = getopt_long(argc, argv, "+i:n:s:cf:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': index_arg = optarg; break;
        case 'n':
            if (!parse_size("--limit", optarg, &limit))
                return 2;
            break;
        case OPT_OFFSET:
            if (!parse_size("--offset", optarg, &offset))
                return 2;
            break;
        case 's':
            if (strcmp(optarg, "relevance") == 0)
                sort = DATELINE_SORT_RELEVANCE;
            else if (strcmp(optarg, "newest") == 0)
                sort = DATELINE_SORT_NEWEST;
            else if (strcmp(optarg, "oldest") == 0)
                sort = DATELINE_SORT_OLDEST;
            else if (strcmp(optarg, "recent") == 0)
                sort = DATELINE_SORT_RECENT;
            else {
                fprintf(stderr, "%s: unknown --sort '%s': use relevance, newest, oldest or recent\n",
                        prog, optarg);
                return 2;
            }
            break;
        case 'c': count = 1; break;
        case OPT_SHOW: show = optarg; break;
        case OPT_ALL_VERSIONS: all_versions = 1; break;
        case OPT_SIMILAR: similar = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                fmt = OUT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                fmt = OUT_JSON;
            else if (strcmp(optarg, "tsv") == 0)
                fmt = OUT_TSV;
            else if (strcmp(optarg, "svg") == 0)
                fmt = OUT_SVG;
            else {
                fprintf(stderr, "%s: unknown --format '%s': use text, json, tsv or svg\n", prog,
                        optarg);
                return 2;
            }
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                color = -1;
            else if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else {
                fprintf(stderr, "%s: unknown --color '%s': use auto, always or never\n", prog,
                        optarg);
                return 2;
            }
            break;
        case OPT_FACET: {
            static const struct { const char *name; dateline_field_t field; } names[] = {
                {"place", DATELINE_FIELD_PLACES}, {"group", DATELINE_FIELD_GROUPS},
                {"topic", DATELINE_FIELD_TOPICS}, {"dateline", DATELINE_FIELD_DATELINES}};
            size_t len = strcspn(optarg, ":"), top = 10, k;
            for (k = 0; k < 4; k++)
                if (strlen(names[k].name) == len && strncmp(optarg, names[k].name, len) == 0)
                    break;
            if (k == 4 || (optarg[len] == ':' && !parse_size("--facet", optarg + len + 1, &top)) ||
                top == 0 || nfacets == 8) {
                fprintf(stderr, "%s: --facet takes place, group, topic or dateline, and :N for "
                                "how many (8 facets at most), not '%s'\n", prog, optarg);
                return 2;
            }
            facets[nfacets] = names[k].field;
            facet_top[nfacets++] = top;
            break;
        }
        case OPT_HALF_LIFE: {
            char *end;
            half_life = strtod(optarg, &end);
            if (*end || !(half_life > 0)) {
                fprintf(stderr, "%s: --half-life takes a number of days above 0, not '%s'\n",
                        prog, optarg);
                return 2;
            }
            break;
        }
        case OPT_TIMELINE:
            period = optarg;
            if (strcmp(optarg, "day") == 0)
                timeline = DATELINE_TIMELINE_DAY;
            else if (strcmp(optarg, "week") == 0)
                timeline = DATELINE_TIMELINE_WEEK;
            else if (strcmp(optarg, "month") == 0)
                timeline = DATELINE_TIMELINE_MONTH;
            else if (strcmp(optarg, "year") == 0)
                timeline = DATELINE_TIMELINE_YEAR;
            else {
                fprintf(stderr, "%s: unknown --timeline '%s': use day, week, month or year\n",
                        prog, optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("%s (Dateline) %s\n", prog, dateline_version()); return 0;
        default:
            fprintf(stderr, "Try '%s --help'.\n", prog);
            return 2;
        }
    }
    if (fmt == OUT_SVG) {
        /* an SVG is a timeline: by month unless --timeline says otherwise */
        if (timeline == DATELINE_TIMELINE_NONE) {
            timeline = DATELINE_TIMELINE_MONTH;
            period = "month";
        }
        limit = 0;
        if (show) {
            fprintf(stderr, "%s: --format svg draws a timeline; --show prints text or json\n", prog);
            return 2;
        }
    }
    if (color < 0) {
        const char *term = getenv("TERM");
        color = isatty(1) && !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
    }

    /* the query, from the words left */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = malloc(2 * (qlen + 1) + (similar ? strlen(similar) + 16 : 0));
    if (!query) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    if (show && similar) {
        fprintf(stderr, "%s: --show prints one article and --similar searches: give one of them\n",
                prog);
        free(query);
        return 2;
    }
    /* --similar's label, for JSON's "query" and the SVG's title: the arguments that ask again
     * (kept after the query in the same allocation) */
    char *label = query;
    if (similar) {
        label = query + qlen + 1;
        char *end = stpcpy(stpcpy(label, "--similar "), similar);
        if (*query)
            memcpy(stpcpy(end, " "), query, strlen(query) + 1);
    }
    if (!show && !similar && !query[strspn(query, " \t\n")]) {
        fprintf(stderr, "%s: no query: give words to search for, or * for every article\n"
                        "Try '%s --help'.\n", prog, prog);
        free(query);
        return 2;
    }

    char *path = dl_index_path(index_arg, 0), *msg = NULL;
    dateline_index_t *idx = NULL;
    if (!path) {
        fprintf(stderr, "%s: no index folder: give --index DIR or set DATELINE_INDEX\n", prog);
        free(query);
        return 2;
    }
    dateline_status_t st = dateline_index_open(path, DATELINE_OPEN_READ, &idx, &msg);
    if (st != DATELINE_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg ? msg : dateline_status_to_string(st));
        dateline_free(msg);
        free(path);
        free(query);
        return 2;
    }
    /* Everything is written to memory first and printed once the whole answer is in hand: when
     * a writer changes the index under the search, it starts again from a fresh revision, and
     * nothing half-done has been printed. */
    search_t sr = {query, show, fmt, color, sort, half_life, count, offset, limit,
                   facets, facet_top, nfacets, timeline, period, all_versions, similar, label};
    int rc = 2;
    for (int attempt = 1;; attempt++) {
        char *text = NULL;
        size_t textlen = 0;
        FILE *mem = open_memstream(&text, &textlen);
        if (!mem) {
            fprintf(stderr, "%s: out of memory\n", prog);
            break;
        }
        st = search_once(idx, &sr, mem, &rc);
        if (fclose(mem) != 0 && st == DATELINE_OK) {
            fprintf(stderr, "%s: out of memory\n", prog);
            rc = 2;
        } else if (st == DATELINE_OK) {
            fwrite(text, 1, textlen, stdout);
        }
        free(text);
        if (st != DATELINE_MODIFIED || attempt == MAX_ATTEMPTS)
            break;
        if ((st = dateline_index_reopen(idx)) != DATELINE_OK)
            break;
    }
    if (st != DATELINE_OK) {
        if (st == DATELINE_QUERY_SYNTAX || st == DATELINE_BAD_ARGUMENT)
            fprintf(stderr, "%s: in the query: %s\nTry '%s --help' for the query language.\n",
                    prog, dateline_index_message(idx), prog);
        else if (st == DATELINE_MODIFIED)
            fprintf(stderr, "%s: %s (tried %d times)\n", prog, dateline_index_message(idx),
                    MAX_ATTEMPTS);
        else
            fprintf(stderr, "%s: %s\n", prog, dateline_index_message(idx));
        rc = 2;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: cannot write the results\n", prog);
        rc = 2;
    }
    dateline_index_close(idx);
    free(path);
    free(query);
    return rc;
}
