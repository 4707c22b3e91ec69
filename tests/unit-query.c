/* unit-query.c: the query language's parser: the tree it builds for every construct, and its
 * errors with positions. */
#include <config.h>
#include <stdlib.h>
#include "dl.h"
#include "tap.h"

/* The tree as an S-expression: (and ...), (or ...), (near/N ...), words "w", title "w",
 * filters place=key, dates [lo,hi], '*'; '-' before an excluded item, '~' after a pattern. */
static void show(dl_buf_t *b, const dl_qnode_t *n)
{
    if (n->neg)
        dl_buf_adds(b, "-");
    switch (n->kind) {
    case DL_Q_WORDS:
        dl_buf_printf(b, "%s%s%s%s%s", n->title ? "title:" : "", n->phrase ? "\"" : "", n->text,
                      n->wild ? "~" : "", n->phrase ? "\"" : "");
        return;
    case DL_Q_FILTER: dl_buf_printf(b, "%s=%s%s", n->filter->name, n->text, n->wild ? "~" : ""); return;
    case DL_Q_DATE: dl_buf_printf(b, "[%s,%s]", n->lo, n->hi); return;
    case DL_Q_ALL: dl_buf_adds(b, "*"); return;
    case DL_Q_AND: dl_buf_adds(b, "(and"); break;
    case DL_Q_OR: dl_buf_adds(b, "(or"); break;
    case DL_Q_NEAR: dl_buf_printf(b, "(near/%u", n->window); break;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        dl_buf_adds(b, " ");
        show(b, n->kids[i]);
    }
    dl_buf_adds(b, ")");
}

static void parses(const char *q, const char *want)
{
    dl_qnode_t *t = NULL;
    char *msg = NULL;
    dateline_status_t st = dl_query_parse(q, &t, &msg);
    dl_buf_t b;
    dl_buf_init(&b);
    if (st == DATELINE_OK)
        show(&b, t);
    char *got = dl_buf_take(&b);
    is_str(st == DATELINE_OK ? got : msg, want, "parse [%s]", q);
    free(got);
    free(msg);
    dl_qnode_free(t);
}

static void fails(const char *q, dateline_status_t want_st, const char *want)
{
    dl_qnode_t *t = NULL;
    char *msg = NULL;
    dateline_status_t st = dl_query_parse(q, &t, &msg);
    is_int(st, want_st, "status of [%s]", q);
    is_str(msg ? msg : "(none)", want, "  message");
    free(msg);
    dl_qnode_free(t);
}

int main(void)
{
    parses("syria raqqa", "(and syria raqqa)");
    parses("syria", "syria");
    parses("place:Syria", "place=syria");
    parses("place:\"Deir al-Zor\" SDF", "(and place=deir-al-zor SDF)");
    /* every kind of item narrows, in any order: a date after a filter is one more AND */
    parses("place:japan date:1987-04", "(and place=japan [19870401000000,19870430235959])");
    parses("date:2017 date:2017-10",
           "(and [20170101000000,20171231235959] [20171001000000,20171031235959])");
    parses("-place:iraq NOT topic:Crude", "(and -place=iraq -topic=crude)");
    parses("(place:syria OR place:iraq)", "(or place=syria place=iraq)");
    parses("a OR b c", "(or a (and b c))");
    parses("a b OR c", "(or (and a b) c)");
    parses("a AND (b OR c) NOT d", "(and a (or b c) -d)");
    parses("NOT NOT a", "a");
    parses("-(a OR b) c", "(and -(or a b) c)");
    /* a lone exclusion is every article but those */
    parses("-oil", "(and -oil)");
    parses("-place:x", "(and -place=x)");
    parses("* -oil", "(and * -oil)");
    parses("oil -date:1987", "(and oil -[19870101000000,19871231235959])");
    parses("+oil", "oil");
    parses("oil - gas", "(and oil gas)");
    parses("-OR a", "(and -OR a)");
    parses("--oil", "oil");
    parses("---(a OR b) c", "(and -(or a b) c)");
    parses("+-oil gas", "(and -oil gas)");
    parses("oil -- gas", "(and oil gas)");
    parses("date:2016-02", "[20160201000000,20160229235959]");
    parses("date:1987-02-26", "[19870226000000,19870226235959]");
    parses("date:1987-02..1987-03", "[19870201000000,19870331235959]");
    parses("date:2017..", "[20170101000000,]");
    parses("date:..1999-12", "[,19991231235959]");
    parses("DATE:1850", "[18500101000000,18501231235959]");
    parses("*", "*");
    parses("", "(and)");
    parses("* place:syria", "(and * place=syria)");
    parses("petro* \"islamic state\"", "(and petro~ \"islamic state\")");
    parses("\"oil pric*\"", "\"oil pric~\"");
    parses("title:cocoa* title:\"cocoa crop\"", "(and title:cocoa~ title:\"cocoa crop\")");
    parses("topic:gr*", "topic=gr~");
    parses("oil NEAR price", "(near/10 oil price)");
    parses("oil NEAR/3 glut NEAR/2 world", "(near/3 oil glut world)");
    parses("NEAR/x a", "(and NEAR/x a)");
    parses("10:30 1:0", "(and 10:30 1:0)");
    parses("author:\"John Smith\"", "author=john-smith");
    fails("date:2017-13-45", DATELINE_QUERY_SYNTAX,
          "position 6: '2017-13-45' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real "
          "day), or a range A..B, A.. or ..B");
    fails("oil date:2017-02-29", DATELINE_QUERY_SYNTAX,
          "position 10: '2017-02-29' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real "
          "day), or a range A..B, A.. or ..B");
    fails("date:2018..2017", DATELINE_QUERY_SYNTAX,
          "position 6: the date range '2018..2017' ends before it starts");
    fails("oil \"never closed", DATELINE_QUERY_SYNTAX, "position 5: a quote that is never closed");
    fails("café place:\"x", DATELINE_QUERY_SYNTAX, "position 12: a quote that is never closed");
    fails("place:", DATELINE_QUERY_SYNTAX, "position 1: place: needs a value, as in place:syria");
    fails("palce:syria", DATELINE_QUERY_SYNTAX,
          "position 1: unknown field 'palce:' (did you mean place:?); the fields are place:, "
          "group:, topic:, dateline:, source:, author:, charset:, repaired:, story:, date:, "
          "title:. To search for the text itself, put it in quotes");
    fails("grain topik:grain", DATELINE_QUERY_SYNTAX,
          "position 7: unknown field 'topik:' (did you mean topic:?); the fields are place:, "
          "group:, topic:, dateline:, source:, author:, charset:, repaired:, story:, date:, "
          "title:. To search for the text itself, put it in quotes");
    fails("*troleum", DATELINE_QUERY_SYNTAX,
          "position 1: '*' can only end a word (petro*) or a phrase (\"oil pric*\"): the index "
          "is in the order of word beginnings, so a pattern such as *troleum would have to be "
          "looked for in every word the index holds");
    fails("place:new*", DATELINE_QUERY_SYNTAX,
          "position 1: place: takes a whole place name, not a pattern (a place is found through "
          "the gazetteer by any of its names); join several with OR");
    fails("(oil", DATELINE_QUERY_SYNTAX, "position 1: a parenthesis that is never closed");
    fails("oil)", DATELINE_QUERY_SYNTAX, "position 4: ')' closes nothing");
    fails("oil OR", DATELINE_QUERY_SYNTAX,
          "position 7: the query ends where a word or a filter should follow");
    fails("OR oil", DATELINE_QUERY_SYNTAX,
          "position 1: OR where a word or a filter should be; to search for the word, write it "
          "in lower case or in quotes");
    fails("oil NEAR", DATELINE_QUERY_SYNTAX,
          "position 5: NEAR needs a word on each side, as in oil NEAR price (not a phrase: its "
          "order would not hold within NEAR)");
    fails("\"zebra quagga\" NEAR/1 walrus", DATELINE_QUERY_SYNTAX,
          "position 16: NEAR needs a word on each side, as in oil NEAR price (not a phrase: its "
          "order would not hold within NEAR)");
    fails("(oil AND)", DATELINE_QUERY_SYNTAX,
          "position 9: ')' where a word or a filter should be (the parentheses hold nothing "
          "after the operator)");
    fails("topic:gr-*", DATELINE_QUERY_SYNTAX,
          "position 1: topic: a pattern ends in a letter or a digit before its '*'");
    fails("a* b* c* d* e* f* g* h* i* j* k*", DATELINE_QUERY_SYNTAX,
          "position 31: more than 10 patterns ending in '*' in one query");
    fails("()", DATELINE_QUERY_SYNTAX, "position 1: empty parentheses");
    done_testing();
}
