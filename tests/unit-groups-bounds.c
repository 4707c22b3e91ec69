/* unit-groups-bounds.c: where the name of a group starts and ends (issue 12, class 7), on
 * stories of our own: not into a defined acronym or a word before it, not over a person or a
 * modifier in front, over the small words inside a listed or defined name; a listed word that
 * begins a longer name; a headline in title case; sports clubs, named after their towns or
 * not, and a club's name alone after its town. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include "../indexer/extract.h"
#include "dl.h"
#include "story.h"
#include "tap.h"

/* The story's groups as "Name=salience|...", most salient first. */
static const char *groups(const char *title, const char *body)
{
    return story_groups(title, body, STORY_SALIENCE, NULL, NULL);
}

int main(void)
{
    /* a definition is two mentions (2 + 2 in the lead), its acronym a third (1); its words
     * are read once, as the definition */
    is_str(groups(NULL, "Prices rose in August, the National Association of Quelvor Managers "
                        "(NAQM) said.\nThe NAQM index rose."),
           "National Association of Quelvor Managers=5",
           "a word before a defined name is no part of it (\"August National...\")");
    is_str(groups(NULL, "Ms Zorbel's National League for Quelvor (NLQ) won.\nThe NLQ said."),
           "National League for Quelvor=5", "nor a person's possessive before it");
    is_str(groups(NULL, "The Quelvor Union of Managers (QUM) met on Monday."),
           "Quelvor Union of Managers=4", "the acronym in brackets is no part of the name");
    /* an article that starts a sentence is no part of a name (issue 12, class 7) */
    is_str(groups(NULL, "Talks went on. A Quelvor Department official said so. An Ostrava "
                        "Mining Corp engineer agreed."),
           "Quelvor Department=2|Ostrava Mining Corp=2", "\"A ...\", \"An ...\" left out");
    /* a small word or an organisation's head word is no name by itself (the tagger's) */
    is_str(groups(NULL, "Remind everyone what Trump said of Jones win: The Republicans will have "
                        "another shot at this seat in a very short period of time."),
           "Republican Party=2", "\"The Republicans\": no group \"The\"");
    is_str(groups(NULL, "The agency cut funds by ninety percent. The Department also cut grants "
                        "for navigators, who help people enrol."),
           "", "\"The Department\" alone is no group");
    is_str(groups(NULL, "Wilson was at the funeral of fallen soldier La David Johnson while "
                        "Trump was playing golf, Reid said."),
           "", "\"La David Johnson\": no group \"La\"");
    is_str(groups(NULL, "The UN clearly is content to sit on its hands.\n\n--\nTim Clock  "
                        "Ph.D./Graduate student\nHome tel#: 714,8563446    Irvine, CA 92717"),
           "United Nations=2", "\"Irvine, CA 92717\": CA, of two letters, is no group");
    /* a name runs past no end of a short line, as in a signature */
    is_str(groups(NULL, "I agree with you.\n\n--\nLawrence Quelby\nOstrava Oil Company, "
                        "Information Center    Houston, TX"),
           "Ostrava Oil Company=1", "a person's name over a company's: two names");
    /* a party's adjective before a body the list holds is the members' party */
    is_str(groups(NULL, "In Washington, Republican Senate Quelvor Committee Chairman Mike Crapo "
                        "said it would act. The Republican Quelvor Committee met."),
           "Republican Party=2|Senate Quelvor Committee=2|Republican Quelvor Committee=2",
           "Republican Senate Quelvor Committee: the party, then the Senate's committee");
    /* small words inside a name the list holds or a definition confirms */
    is_str(groups(NULL, "The Organisation for Security and Cooperation in Europe said on "
                        "Monday it would send monitors."),
           "Organization for Security and Cooperation in Europe=2",
           "\"in\" inside a listed name");
    is_str(groups(NULL, "The Council for Quelvor Studies in Europe (CQSE) met.\nCQSE said."),
           "Council for Quelvor Studies in Europe=5", "\"in\" inside a defined name");
    is_str(groups(NULL, "The Quelvor Council in Europe met on Monday."), "Quelvor Council=2",
           "not in a name nothing confirms");
    /* a listed word that begins a longer name is no group of its own */
    is_str(groups(NULL, "Markets will be closed on Monday for Labour Day, traders said."), "",
           "\"Labour Day\" is no Labour Party");
    is_str(groups(NULL, "Shares fell after the Labour Department's July employment report."),
           "Labour Department=2", "\"Labour Department\" is the department");
    is_str(groups(NULL, "Labour won the vote in Leeds on Thursday."), "Labour Party=2",
           "\"Labour\" alone is the party");
    is_str(groups(NULL, "Fed Chairman Alan Greenspan spoke on Tuesday."), "Federal Reserve=2",
           "\"Fed Chairman\": a title after it");
    /* a possessive ends a name */
    is_str(groups(NULL, "Analysts read the Quelvor Institute of Zorbel's August survey."),
           "Quelvor Institute of Zorbel=2", "\"...of Zorbel's August survey\"");
    is_str(groups(NULL, "The Quelvor Party's leader resigned on Monday."), "Quelvor Party=2",
           "the group's own possessive");
    is_str(groups(NULL, "Officials of Germany's Quelvor Ministry said on Monday."),
           "Quelvor Ministry=2", "a place's possessive before the name");
    is_str(groups(NULL, "Troops of the People's Liberation Army crossed the border."),
           "People's Liberation Army=2", "a possessive inside the name");
    /* universities and colleges are organisations (the modern tags and CoNLL's) */
    is_str(groups(NULL, "Researchers at the University of Quelvor said on Monday."),
           "University of Quelvor=2", "\"University of ...\"");
    is_str(groups(NULL, "Students of Zorbel College marched on Monday."), "Zorbel College=2",
           "\"... College\"");
    /* a headline in title case is no run of names */
    is_str(groups("Jane Zorbel Went To A Birthday Party, And Critics Pounced",
                  "She went on Monday, her office said."),
           "", "\"...Went To A Birthday Party\" in a title-case headline");
    is_str(groups("Quelvor Union of Managers to meet", "They meet on Monday, it said."),
           "Quelvor Union of Managers=3", "a headline in sentence case keeps its names");
    /* sports clubs named after their towns (issue 12, CoNLL tags them as organisations) */
    is_str(groups(NULL, "Leeds beat Wimbledon 2-1 in the league on Saturday.\nThe goals came "
                        "late in the match, and the coach said the season had turned."),
           "Leeds=2|Wimbledon=2", "towns beside a verb of play in a sports story are clubs");
    is_str(groups(NULL, "Leeds beat forecasts on Monday as the city council cut its costs.\n"
                        "The council said rents would rise."),
           "", "not outside a sports story");
    is_str(groups(NULL, "Eddie Murray hit a homer as Baltimore's Eddie Murray led the league.\n"
                        "The Toronto Blue Jays lost the game and their coach said the season "
                        "was over."),
           "Baltimore=2|Toronto Blue Jays=1",
           "the club's name goes on after the town, not past a possessive into a person");
    is_str(groups(NULL, "At Leicester: Leicestershire 343-8 v Hampshire.\nThe match, the first "
                        "of the season, was a draw and the league leaders kept the "
                        "championship lead."),
           "Leicestershire=2|Hampshire=2", "a line of results; the ground is no club");
    is_str(groups(NULL, "England beat Italy 2-0 in the World Cup qualifier on Saturday.\nThe "
                        "goals came late in the match; the coach said the season had begun."),
           "", "a national side is its country, a place");
    /* clubs not named after a place, read by the tagger beside a verb of play or in results */
    is_str(groups(NULL, "Zorbel Rovers beat Real Quelvor 2-1 in the league on Saturday.\n"
                        "The goals came late in the match, and the coach said the season had "
                        "turned."),
           "Zorbel Rovers=2|Real Quelvor=2", "clubs beside a verb of play in a sports story");
    is_str(groups(NULL, "Zorbel Rovers beat forecasts on Monday as its shares rose.\nThe "
                        "company said profits would rise."),
           "", "not outside a sports story");
    is_str(groups(NULL, "Woods has won once since the 1993 BellSouth Classic, where he beat the "
                        "field.\nHis game, he said after the tournament, had improved this "
                        "season and his coach agreed."),
           "", "a tournament's name running on past the tagger's is no club");
    /* the club's name after its town, written alone, is the club */
    is_str(groups("BLUE JAYS BEAT ORIOLES",
                  "The Toronto Blue Jays beat the Baltimore Orioles 5-3 on Friday.\nThe Blue "
                  "Jays scored three runs in the first inning and the Orioles never led in the "
                  "game, their coach said after the season's longest match."),
           "Toronto Blue Jays=6|Baltimore Orioles=6",
           "the club's name alone, in the text and in a headline in capitals");
    done_testing();
}
