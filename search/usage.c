/* usage.c: dateline-search's --help: how to call it, the query language, the options by what
 * they do, examples and exit statuses. */
#include <config.h>
#include <stdio.h>

#include "cli.h"
#include "index-path.h"

/* How to call it, and the query language. */
static void usage_query(FILE *f)
{
    fprintf(f,
"Usage: %s [--index DIR] [options] QUERY... [options]\n"
"       %s [--index DIR] --show ID\n"
"       %s [--index DIR] [options] --similar ID [QUERY...]\n"
"Search a Dateline index. Results are ranked by relevance (BM25) unless --sort says otherwise.\n"
"Options may come before or after the query's words; after --, every word is the query's\n"
"(%s -- -saudi opec), and so is everything inside quotes ('opec -saudi').\n"
"\n"
"The query language:\n"
"  syria raqqa            both words (AND is the default); stems match (fighters ~ fighter)\n"
"  \"islamic state\"        a phrase; u.s. and U.S. are the same word\n"
"  cocoa OR coffee        either word; group with parentheses: (cocoa OR coffee) brazil\n"
"  opec NOT saudi         the first without the second; also: opec -saudi, and alone:\n"
"                         -saudi or NOT saudi (every article but those)\n"
"  petro*  \"oil pric*\"    words that start with petro; a phrase ending so (a '*' can\n"
"                         only end a word: *troleum is an error)\n"
"  oil NEAR price         the words within 10 words of each other (NEAR/3 for 3)\n"
"  title:cocoa            the word in the headline (title:\"cocoa crop\", title:coc*)\n"
"  place:syria            filters: place, group, topic, dateline, source, author (any\n"
"                         word of the name: author:smith), charset, repaired\n"
"                         (repaired:yes, repaired:double-encoded), story (the versions\n"
"  group:\"islamic state\"  of one story: story:ID); values are case-insensitive, and\n"
"  dateline:beirut        spaces, hyphens and underscores in them are alike; topic:gr*\n"
"                         for values that start so (not place:, which takes a name)\n"
"  date:2017              a year, a month (date:2017-10), a day (date:2017-10-18),\n"
"  date:1987-02..1987-03  or a range: A..B, A.. (from A on), ..B (up to B)\n"
"  *                      every article (with filters: every article that passes them)\n"
"  Every word, phrase, filter and date narrows the search, in any order and grouping\n"
"  (place:usa date:1987 is date:1987 place:usa); OR and NOT say otherwise. AND, OR, NOT\n"
"  and NEAR are operators in capitals only. An unknown field (palce:) is an error: quote\n"
"  text that has a colon in it.\n"
"\n",
            cli_prog, cli_prog, cli_prog, cli_prog);
}

/* The options. */
static void usage_options(FILE *f)
{
    fprintf(f,
"Options:\n"
"  -i, --index DIR        the index (default: $DATELINE_INDEX, else\n"
"                         %s): a folder, or shards: a folder\n"
"                         or Xapian stub file listing them, or a stub line ('remote\n"
"                         HOST:PORT', 'remote :ssh HOST xapian-progsrv PATH', 'tcp HOST\n"
"                         PORT'); repeat --index to search several indexes as one\n"
"      --allow-partial    when a shard does not answer, search the others, warn on\n"
"                         stderr and mark the JSON \"partial\":true (default: an error)\n"
"  -n, --limit N          show N results (default 10)\n"
"      --offset N         skip the first N results (for paging)\n"
"  -s, --sort ORDER       relevance (default), newest or oldest (undated last), or recent:\n"
"                         relevance plus a bonus that halves every --half-life days (30)\n"
"                         back from the newest story in the index\n"
"  -c, --count            print only the exact number of matching articles (with\n"
"                         --format json: {\"version\",\"query\",\"total\"})\n"
"      --stdin            read queries from standard input, one a line, and answer each\n"
"                         at once with one line of JSON (errors too: {\"error\":...});\n"
"                         the other options apply to every query\n"
"      --show ID          print the whole stored article with that id, and the other\n"
"                         versions of its story (repeats, updates, corrections)\n"
"      --explain          why the article has its places and groups: each with its\n"
"                         salience, every mention (offset and words), the rule that took\n"
"                         it and the candidates it beat; with --show (text, json, jsonl)\n"
"                         or results in json or jsonl (\"entities\" of each result)\n"
"      --similar ID       more like this: the stories that share the most distinctive\n"
"                         words with article ID, best first (not ID itself, nor the other\n"
"                         versions of its story); with a QUERY, only the ones matching it\n"
"      --total-bound N    count a list's matches exactly up to N (default 1000); past\n"
"                         N say \"N+ matches\" (JSON: \"total_exact\":false and\n"
"                         \"total_bound\") and count no stories in text; --count,\n"
"                         --facet and --timeline are always exact\n"
"      --exact-total      count every match of a list (--total-bound 0)\n"
"      --all-versions     list every matching article; by default a story sent several\n"
"                         times is listed once (its best match, with how many versions)\n"
"      --facet F[:N]      also the N (default 10) commonest values of F over all matches,\n"
"                         with exact counts: place, group, topic, dateline or source\n"
"                         (repeatable)\n"
"      --timeline P       also the matches per day, week, month or year, with each\n"
"                         period's commonest places and groups (-n 0: only these); every\n"
"                         period from the first to the last, and how many matches are\n"
"                         undated or dated too roughly for the period\n"
"      --by F[:N]         with the timeline (by month unless --timeline says), the matches\n"
"                         per period of each of the N (default 5, at most 10) commonest\n"
"                         values of F over all matches: place, group, topic, dateline or\n"
"                         source\n"
"  -f, --format FORMAT    text (default); json (every field, with each result's place_ids\n"
"                         and highlights, in dateline-search(1)); jsonl (a JSON object a\n"
"                         result a line); tsv or csv (RFC 4180), each with a header line\n"
"                         naming the columns; or svg: the timeline as a chart\n"
"      --color WHEN       auto (default: when stdout is a terminal and NO_COLOR is\n"
"                         empty or unset), always or never\n"
"      --no-pager         never page; by default, on a terminal, an answer longer than\n"
"                         the screen goes through $PAGER (unset: less -R; empty: none)\n"
"  -h, --help             this help\n"
"  -V, --version          the version\n"
"\n",
            dl_default_index_hint());
}

/* Examples, and what the program tells by its exit status. */
static void usage_examples(FILE *f)
{
    fprintf(f,
"Examples:\n"
"  %s 'place:syria group:\"islamic state\" date:2017-10'\n"
"  %s --sort newest --format json cocoa brazil\n"
"  %s --count 'topic:crude date:1987-03'\n"
"  %s --similar f69af18e2cbba19f 'date:2017'\n"
"\n"
"Text is wrapped to the terminal's width (else $COLUMNS, else 80 columns).\n"
"Exit status: 0 when something matched, 1 when nothing did (or --show or --similar named\n"
"an id the index does not hold), 2 on an error.\n",
            cli_prog, cli_prog, cli_prog, cli_prog);
}

void cli_usage(FILE *f)
{
    usage_query(f);
    usage_options(f);
    usage_examples(f);
}
