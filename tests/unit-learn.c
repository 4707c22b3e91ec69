/* unit-learn.c: the groups a story teaches itself (indexer/extract-learn.c): a name written
 * with a designator or in a defining phrase is that group wherever the story writes it bare. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include "dl.h"
#include "story.h"
#include "tap.h"

static dl_definition_t defs[16];
static size_t ndefs;

/* The story's groups as "Name=salience|...", most salient first; its definitions in defs. */
static const char *groups(const char *title, const char *body)
{
    return story_groups(title, body, STORY_SALIENCE, defs, &ndefs);
}

int main(void)
{
    /* a designator: the bare name later (body: 1 each), in the headline (3) and before it */
    is_str(groups(NULL, "Zorbel Widgets Inc said on Monday it would cut jobs.\n"
                        "Zorbel Widgets makes valves. Shares in Zorbel Widgets fell."),
           "Zorbel Widgets Inc=4", "a name with Inc is that group where it stands bare");
    is_str(groups("Zorbel Widgets to cut jobs", "Zorbel Widgets Corp said on Monday it would cut jobs."),
           "Zorbel Widgets Corp=5", "the headline's bare name too (3 + 2)");
    is_int(ndefs, 1, "one definition for the index");
    is_str(defs[0].acronym, "Zorbel Widgets", "  its bare name");
    is_str(defs[0].name, "Zorbel Widgets Corp", "  its group");
    is_str(groups(NULL, "Zorbel Widgets makes valves, a trader said."), "",
           "a bare name the story never defines is no group");
    is_str(groups(NULL, "Grummel & Co Ltd said on Monday it would sell.\nGrummel gained 2 percent."),
           "Grummel & Co Ltd=3", "Merck & Co: the name before the designators");
    is_str(groups(NULL, "Zorbel Widgets Plc said on Monday it would sell.\n"
                        "Zorbel Widgets International was not for sale."),
           "Zorbel Widgets Plc=2", "a longer name is another name");
    /* defining phrases */
    is_str(groups(NULL, "The Brussels-based Quelvor said on Monday it would sell.\nQuelvor shares fell."),
           "Quelvor=3", "\"the Brussels-based Quelvor\"");
    is_str(groups(NULL, "Shares in the London-based group Varnhold Mining rose.\nVarnhold Mining said."),
           "Varnhold Mining=3", "\"the London-based group Varnhold Mining\"");
    is_str(groups(NULL, "Quelvor, a Paris-based company, said on Monday it would sell.\nQuelvor shares fell."),
           "Quelvor=3", "\"Quelvor, a Paris-based company\"");
    is_int(ndefs, 0, "a phrase teaches the name itself: no alias to learn");
    /* what teaches nothing */
    is_str(groups(NULL, "The Texas-based designer Jane Roe said on Monday she would sell."), "",
           "\"the Texas-based designer Jane Roe\" is a person");
    is_str(groups(NULL, "China Inc is what some call the state's companies.\nChina grew."), "China Inc=2",
           "a place with a designator is a group there, and the place stays a place");
    is_str(groups(NULL, "Analysts said Zorbel Inc would sell.\nZorbel fell."), "Zorbel Inc=3",
           "the name starts after the lower-case words before it");
    /* where the name starts and ends (issue 12, class 7) */
    is_str(groups(NULL, "Analysts said Minneapolis-based Quelvor Widgets Inc would bid.\n"
                        "Quelvor Widgets declined to comment."),
           "Quelvor Widgets Inc=3", "a compound modifier in front is no part of the name");
    is_str(groups(NULL, "The Ohio-based Zorbel Widgets and Grummel Valves Corp may bid.\n"
                        "Grummel Valves declined to comment."),
           "Grummel Valves Corp=3|Zorbel Widgets=2",
           "\"and\" joins two companies: neither name runs over it");
    is_str(groups(NULL, "\"Prices will rise,\" said John Smith of Quelvor Widgets Inc.\n"
                        "Quelvor Widgets makes valves."),
           "Quelvor Widgets Inc=3", "a person of a company is no part of its name");
    is_str(groups(NULL, "Shares of Grummel & Lomax Co rose on Monday.\nThe shares of "
                        "Grummel & Lomax gained 2 percent."),
           "Grummel & Lomax Co=3", "nor a common word of the sentence's start");
    is_str(groups(NULL, "Gold Fields of South Africa Ltd said on Monday it would sell."),
           "Gold Fields of South Africa Ltd=2", "a place after \"of\" keeps the name whole");
    is_str(groups(NULL, "He is an analyst at Edward D. Quelvor & Co in St. Louis."),
           "Edward D. Quelvor & Co=2", "a middle initial is the name's, with its full stop");
    is_str(groups(NULL, "The sale of Grummel's Bancshares Inc was agreed on Monday."),
           "Grummel's Bancshares Inc=2", "and a possessive inside it");
    is_str(groups(NULL, "It will help the Ontario-based Zorbel's North American business."),
           "Zorbel=2", "a possessive ends a name a defining phrase gives");
    /* the first words alone, in this story (issue 12, class 10) */
    is_str(groups(NULL, "Quelvor Banks Inc said on Monday its profit rose.\n"
                        "Quelvor said it would open ten branches."),
           "Quelvor Banks Inc=3", "\"Quelvor Banks Inc ... Quelvor said\": one group");
    is_int(ndefs, 1, "  the index learns the bare name only");
    is_str(defs[0].acronym, "Quelvor Banks", "  not the short form");
    is_str(groups(NULL, "Zorbel Controls Inc said on Monday it would buy a plant.\n"
                        "The analyst Jim Zorbel said the deal was fair."),
           "Zorbel Controls Inc=2", "not where the story gives the words to a person");
    is_str(groups(NULL, "Grummel Widgets Inc and Grummel Valves Corp said on Monday they "
                        "would merge.\nGrummel said the deal was fair."),
           "Grummel Widgets Inc=2|Grummel Valves Corp=2",
           "not the first words of two names the story taught");
    is_str(groups(NULL, "Varnhold Mining Corp said on Monday it would sell.\n"
                        "Varnhold Street was closed and mining stopped."),
           "Varnhold Mining Corp=2", "not before another capitalised word");
    done_testing();
}
