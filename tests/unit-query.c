/* unit-query.c: the query language's rewriting: filters, dates, '*', and errors with positions. */
#include <config.h>
#include <stdlib.h>
#include "dl.h"
#include "tap.h"

static void rw_is(const char *q, const char *want, int want_all)
{
    char *out = NULL, *msg = NULL;
    int all = -1;
    dateline_status_t st = dl_query_rewrite(q, &out, &all, &msg);
    is_str(st == DATELINE_OK ? out : msg, want, "rewrite [%s]", q);
    if (st == DATELINE_OK)
        is_int(all, want_all, "  matches all: %d", want_all);
    free(out);
    free(msg);
}

int main(void)
{
    rw_is("syria raqqa", "syria raqqa", 0);
    rw_is("place:Syria", "place:syria", 0);
    rw_is("place:\"Deir al-Zor\" SDF", "place:deir-al-zor SDF", 0);
    rw_is("-place:iraq NOT topic:Crude", "-place:iraq NOT topic:crude", 0);
    rw_is("(place:syria OR place:iraq)", "(place:syria OR place:iraq)", 0);
    rw_is("date:2017", "date:20170101000000..20171231235959", 0);
    rw_is("date:2016-02", "date:20160201000000..20160229235959", 0);
    rw_is("date:1987-02-26", "date:19870226000000..19870226235959", 0);
    rw_is("date:1987-02..1987-03", "date:19870201000000..19870331235959", 0);
    rw_is("date:2017..", "date:20170101000000..", 0);
    rw_is("date:..1999-12", "date:..19991231235959", 0);
    rw_is("DATE:1850", "date:18500101000000..18501231235959", 0);
    rw_is("*", "", 1);
    rw_is("* place:syria", " place:syria", 0);
    rw_is("petro* \"islamic state\"", "wild:petro* \"islamic state\"", 0);
    rw_is("-oil* title:cocoa* +(gr*", "-wild:oil* wildtitle:cocoa* +(wild:gr*", 0);
    rw_is("title:cocoa", "title:cocoa", 0);
    rw_is("date:2017-13-45", "position 6: '2017-13-45' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B", 0);
    rw_is("oil date:2017-02-29", "position 10: '2017-02-29' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B", 0);
    rw_is("date:2018..2017", "position 6: the date range '2018..2017' ends before it starts", 0);
    rw_is("date:..", "position 6: '..' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day), or a range A..B, A.. or ..B", 0);
    rw_is("oil \"never closed", "position 5: a quote that is never closed", 0);
    rw_is("café place:\"x", "position 12: a quote that is never closed", 0);
    rw_is("place:", "position 1: place: needs a value, as in place:syria", 0);
    done_testing();
}
