/* unit-parties.c: a party named by its members or its adjective (indexer/extract-parties.c):
 * "Republicans" and "a Democratic senator" name the parties of the group list, the story's
 * country's first; other capitalised adjectives and plurals name none. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include "../indexer/extract.h"
#include "dl.h"
#include "story.h"
#include "tap.h"

/* The story's groups, "|"-separated, places found first (the story's country) as ingest does. */
static const char *groups(const char *body)
{
    return story_groups(NULL, body, STORY_PLACES, NULL, NULL);
}

int main(void)
{
    /* members and adjectives */
    is_str(groups("Republicans blocked the measure on Tuesday, officials said."),
           "Republican Party", "\"Republicans\": the members name the party");
    is_str(groups("The measure was blocked by a Democrat from Ohio, officials said."),
           "Democratic Party", "\"a Democrat\" names the Democratic Party");
    is_str(groups("The measure failed after Democrats walked out, officials said."),
           "Democratic Party", "\"Democrats\" too");
    is_str(groups("A Republican senator blocked the measure, officials said. Two Democratic "
                  "lawmakers walked out."),
           "Republican Party|Democratic Party", "adjectives before a word of politics");
    is_str(groups("The measure was blocked by Republican Sen. Amos Vogt, officials said."),
           "Republican Party", "before a title and a name");
    is_str(groups("Republicans and Democrats met. Republicans said little."),
           "Republican Party|Democratic Party", "named twice, one group, most named first");
    is_str(groups("The Republican-led Congress passed the bill, officials said."),
           "Republican Party|Congress", "\"Republican-led\": an adjective before a hyphen");
    is_str(groups("The state will certify Democratic Senator-elect Amos Vogt, officials said."),
           "Democratic Party", "before \"Senator-elect\"");
    is_str(groups("WASHINGTON - U.S. Republican Senator Amos Vogt will vote for the bill."),
           "Republican Party", "after \"U.S.\", whose full stop ends no sentence");
    is_str(groups("Vogt, a Republican, voted against it. A fellow Republican in the Senate did too."),
           "Republican Party|Senate", "\"a Republican\", \"fellow Republican\": a member");
    /* the story's country first */
    is_str(groups("In Albania, the Socialists accused the government of fraud on Monday."),
           "Socialist Party of Albania", "the party of the story's country");
    /* what names no party */
    is_str(groups("He taught at a Catholic school for twenty years, officials said."), "",
           "an adjective before no word of politics");
    is_str(groups("He taught at a Catholic-run school for twenty years, officials said."), "",
           "an adjective before a hyphen and another word");
    is_str(groups("Conservative voters stayed at home, officials said."), "",
           "an adjective at the start of a sentence, whose capital is the sentence's");
    is_str(groups("Most Americans stayed at home, officials said."), "",
           "a place's people are no party");
    is_str(groups("The troops crossed into the Democratic Republic of Congo on Monday."), "",
           "the first word of a place's name");
    is_str(groups("Rain was forecast by the Liberal Weather Service on Monday."),
           "Liberal Weather Service", "the first word of a longer capitalised name: no party");
    done_testing();
}
