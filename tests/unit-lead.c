/* unit-lead.c: dateline leads ("BEIRUT (Reuters) - ") and headlines made from lead sentences. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../indexer/extract.h"
#include "tap.h"

static void lead_is(const char *s, const char *text, const char *places, const char *source,
                    int month, int day, const char *rest)
{
    dl_lead_t l;
    int got = dl_lead_parse(s, strlen(s), &l);
    char shown[31]; /* the test's name: the start of the text on one line */
    snprintf(shown, sizeof shown, "%s", s);
    for (char *c = shown; *c; c++)
        *c = *c == '\n' ? ' ' : *c;
    if (!text) {
        ok(!got, "no lead in '%s'", shown);
        return;
    }
    ok(got, "lead in '%s'", shown);
    if (!got)
        return;
    is_str(l.text, text, "  dateline as printed");
    char joined[256] = "";
    for (int i = 0; i < l.nplaces; i++) {
        if (i)
            strcat(joined, "|");
        strcat(joined, l.places[i]);
        if (l.qualifiers[i][0]) {
            strcat(joined, " (");
            strcat(joined, l.qualifiers[i]);
            strcat(joined, ")");
        }
    }
    is_str(joined, places, "  places");
    dl_lead_t back; /* the dateline as printed splits back into the same places */
    int same = dl_lead_split(l.text, &back) && back.nplaces == l.nplaces;
    for (int i = 0; same && i < l.nplaces; i++)
        same = strcmp(back.places[i], l.places[i]) == 0 && strcmp(back.qualifiers[i], l.qualifiers[i]) == 0;
    ok(same, "  the printed dateline splits back into them");
    is_str(l.source, source, "  source");
    ok(l.month == month && l.day == day, "  day %d/%d", l.month, l.day);
    is_str(s + l.length, rest, "  the story starts after it");
}

static void split_is(const char *printed, const char *places)
{
    dl_lead_t l;
    int got = dl_lead_split(printed, &l);
    if (!places) {
        ok(!got, "'%s' is no dateline as printed", printed);
        return;
    }
    char joined[256] = "";
    for (int i = 0; got && i < l.nplaces; i++) {
        strcat(joined, i ? "|" : "");
        strcat(joined, l.places[i]);
        if (l.qualifiers[i][0])
            strcat(strcat(strcat(joined, " ("), l.qualifiers[i]), ")");
    }
    is_str(joined, places, "'%s' splits into its places", printed);
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
    /* a qualifier is its city's, never a dateline place of its own */
    lead_is("MOSUL, Iraq (Reuters) - Iraq's", "MOSUL, Iraq", "MOSUL (Iraq)", "Reuters", 0, 0, "Iraq's");
    lead_is("    PORTLAND, Ore., March 2 - Shares", "PORTLAND, Ore.", "PORTLAND (Ore.)", "", 3, 2, "Shares");
    lead_is("CHARLESTON, W. Va. (Reuters) - A", "CHARLESTON, W. Va.", "CHARLESTON (W. Va.)", "Reuters", 0, 0, "A");
    lead_is("HO CHI MINH CITY, Vietnam (Reuters) - A", "HO CHI MINH CITY, Vietnam", "HO CHI MINH CITY (Vietnam)", "Reuters", 0, 0, "A");
    /* a qualifier with small words in it */
    lead_is("KITCHANGA, Democratic Republic of Congo (Reuters) - Rebels", "KITCHANGA, Democratic Republic of Congo",
            "KITCHANGA (Democratic Republic of Congo)", "Reuters", 0, 0, "Rebels");
    /* places with qualifiers, separated by '/' */
    lead_is("WEST PALM BEACH, Fla./WASHINGTON (Reuters) - U.S.", "WEST PALM BEACH, Fla./WASHINGTON",
            "WEST PALM BEACH (Fla.)|WASHINGTON", "Reuters", 0, 0, "U.S.");
    lead_is("KING OF PRUSSIA, Pennsylvania/WASHINGTON (Reuters) - In", "KING OF PRUSSIA, Pennsylvania/WASHINGTON",
            "KING OF PRUSSIA (Pennsylvania)|WASHINGTON", "Reuters", 0, 0, "In");
    lead_is("SAN JOSE, Calif./ NEWARK, N.J. (AP) - Both", "SAN JOSE, Calif./ NEWARK, N.J.",
            "SAN JOSE (Calif.)|NEWARK (N.J.)", "AP", 0, 0, "Both");
    /* a comma before the source, and an empty source */
    lead_is("LONDON, (Reuters) - Oil", "LONDON", "LONDON", "Reuters", 0, 0, "Oil");
    lead_is("WASHINGTON () - The top", "WASHINGTON", "WASHINGTON", "", 0, 0, "The top");
    lead_is("AMSTERDAM, 2 March - Dutch", "AMSTERDAM", "AMSTERDAM", "", 3, 2, "Dutch");
    /* too long for its fields: no dateline, rather than one cut short that would not read back
     * (a fuzzer found a cut dateline splitting into other places) */
    lead_is("WASHINGTON/NEW YORK/LOS ANGELES/SAN FRANCISCO (Reuters) - A", "WASHINGTON/NEW YORK/LOS ANGELES/SAN FRANCISCO",
            "WASHINGTON|NEW YORK|LOS ANGELES|SAN FRANCISCO", "Reuters", 0, 0, "A");
    lead_is("WEST PALM BEACH CITY OF THE COUNTY, Florida/NEW YORK CITY OF THE STATE, New York/"
            "LOS ANGELES, California/SAN FRANCISCO, California (Reuters) - A", NULL, NULL, NULL, 0, 0, NULL);
    /* notes and a byline before the dateline are part of the lead */
    lead_is(" (Corrects paragraph 7 to show the rule, not the ban) HAVANA (Reuters) - Cuba", "HAVANA", "HAVANA",
            "Reuters", 0, 0, "Cuba");
    lead_is("((This story has been corrected to change a year)) By Ann Roe HAVANA (Reuters) - Cuba", "HAVANA",
            "HAVANA", "Reuters", 0, 0, "Cuba");
    lead_is("By Jane Doe and John Roe NEW YORK (Reuters) - Banks", "NEW YORK", "NEW YORK", "Reuters", 0, 0, "Banks");
    lead_is("By Jane Doe, Reporter\nNEW YORK (Reuters) - Banks", "NEW YORK", "NEW YORK", "Reuters", 0, 0, "Banks");
    lead_is("(Refiles to fix a word) By Ann Roe (Reuters) - No place", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("(Reuters) - A lottery drawing", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("By the way, LONDON (Reuters) - is", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("LONDON, said the minister - who", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("U.S.-backed forces (SDF) - took", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("LONDON, Oct. 18 (AFP) -- Shares", "LONDON", "LONDON", "AFP", 10, 18, "Shares");
    lead_is("ST. LOUIS (Reuters) \xe2\x80\x94 Corn", "ST. LOUIS", "ST. LOUIS", "Reuters", 0, 0, "Corn");
    lead_is("Beirut (Reuters) - Lower case", "Beirut", "Beirut", "Reuters", 0, 0, "Lower case");
    lead_is("SÃO PAULO (Reuters) - Brazil", "SÃO PAULO", "SÃO PAULO", "Reuters", 0, 0, "Brazil");
    lead_is("A U.S.-backed campaign against Islamic State", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("The Syrian Democratic Forces (SDF), which announced", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("Beirut - no source and not capitals", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("NATO", NULL, NULL, NULL, 0, 0, NULL);
    lead_is("", NULL, NULL, NULL, 0, 0, NULL);

    split_is("CANTON, Mass./BOSTON", "CANTON (Mass.)|BOSTON");
    split_is("KITCHANGA, Democratic Republic of Congo", "KITCHANGA (Democratic Republic of Congo)");
    split_is("PORTLAND, Ore., March 2 -", NULL);

    headline_is("Swiss voters said no. Turnout was high.", 100, "Swiss voters said no");
    headline_is("Will they vote? Nobody knows.", 100, "Will they vote?");
    headline_is("Mr. Smith met Gen. Jones in the U.S. Senate on Monday. More.", 100,
                "Mr. Smith met Gen. Jones in the U.S. Senate on Monday");
    headline_is("A U.S.-backed campaign against Islamic State in eastern Syria will accelerate now the jihadist group has been defeated.", 60,
                "A U.S.-backed campaign against Islamic State in eastern...");
    headline_is("No full stop at all", 100, "No full stop at all");
    done_testing();
}
