/* unit-lead.c: dateline leads ("BEIRUT (Reuters) - ") and headlines made from lead sentences. */
#include <config.h>
#include <stdlib.h>
#include "../indexer/extract.h"
#include "tap.h"

static void lead_is(const char *s, const char *text, const char *places, const char *source,
                    int month, int day, const char *rest)
{
    dl_lead_t l;
    int got = dl_lead_parse(s, strlen(s), &l);
    if (!text) {
        ok(!got, "no lead in '%.30s'", s);
        return;
    }
    ok(got, "lead in '%.30s'", s);
    if (!got)
        return;
    is_str(l.text, text, "  dateline as printed");
    char joined[256] = "";
    for (int i = 0; i < l.nplaces; i++) {
        if (i)
            strcat(joined, "|");
        strcat(joined, l.places[i]);
    }
    is_str(joined, places, "  places");
    is_str(l.source, source, "  source");
    ok(l.month == month && l.day == day, "  day %d/%d", l.month, l.day);
    is_str(s + l.length, rest, "  the story starts after it");
}

static void headline_is(const char *s, size_t max, const char *want)
{
    char *h = dl_headline_from_lead(s, strlen(s), max);
    is_str(h, want, "headline from '%.30s'", s);
    free(h);
}

int main(void)
{
    lead_is("BEIRUT (Reuters) - A U.S.-backed campaign", "BEIRUT", "BEIRUT", "Reuters", 0, 0, "A U.S.-backed campaign");
    lead_is("    SALVADOR, Feb 26 - ", "SALVADOR", "SALVADOR", "", 2, 26, "");
    lead_is("WASHINGTON/NEW YORK (Reuters) - The U.S.", "WASHINGTON/NEW YORK", "WASHINGTON|NEW YORK", "Reuters", 0, 0, "The U.S.");
    lead_is("MOSUL, Iraq (Reuters) - Iraq's", "MOSUL, Iraq", "MOSUL|Iraq", "Reuters", 0, 0, "Iraq's");
    lead_is("LONDON, Oct. 18 (AFP) -- Shares", "LONDON", "LONDON", "AFP", 10, 18, "Shares");
    lead_is("ST. LOUIS (Reuters) \xe2\x80\x94 Corn", "ST. LOUIS", "ST. LOUIS", "Reuters", 0, 0, "Corn");
    lead_is("Beirut (Reuters) - Lower case", "Beirut", "Beirut", "Reuters", 0, 0, "Lower case");
    lead_is("SÃO PAULO (Reuters) - Brazil", "SÃO PAULO", "SÃO PAULO", "Reuters", 0, 0, "Brazil");
    lead_is("A U.S.-backed campaign against Islamic State", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("The Syrian Democratic Forces (SDF), which announced", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("Beirut - no source and not capitals", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("NATO", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("", NULL, NULL, NULL, 0, 0, NULL);

    headline_is("Swiss voters said no. Turnout was high.", 100, "Swiss voters said no");
    headline_is("Will they vote? Nobody knows.", 100, "Will they vote?");
    headline_is("Mr. Smith met Gen. Jones in the U.S. Senate on Monday. More.", 100,
                "Mr. Smith met Gen. Jones in the U.S. Senate on Monday");
    headline_is("A U.S.-backed campaign against Islamic State in eastern Syria will accelerate now the jihadist group has been defeated.", 60,
                "A U.S.-backed campaign against Islamic State in eastern...");
    headline_is("No full stop at all", 100, "No full stop at all");
    done_testing();
}
