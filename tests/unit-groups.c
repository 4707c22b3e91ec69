/* unit-groups.c: the rules of indexer/extract-groups.c on stories of our own: one body keeps
 * one name however the story spells it; a group as the modifier of a compound adjective; an
 * acronym in a headline in capitals; the S&P 500 companies of the list; newspapers and
 * agencies beside the word for their kind. */
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
    /* the list spells it Organization: the story's Organisation is the same body, named as
     * the list names it, and its acronym counts for it */
    is_str(groups(NULL, "The North Atlantic Treaty Organisation's spokesman declined to "
                        "comment on Saturday.\nA NATO official said the talks went on."),
           "North Atlantic Treaty Organization=3", "Organisation: the list's name, NATO merged");
    is_str(groups(NULL, "The Organisation of the Islamic Conference met on Monday."),
           "Organization of the Islamic Conference=2", "\"Organisation of ...\" too");
    /* a name the list does not hold keeps the story's spelling */
    /* a body the list holds, written with a designator or run together otherwise: the
     * list's name (issue 12, class 8) */
    is_str(groups(NULL, "Talks went on. Goldman Sachs Group Inc said on Monday it would sell. "
                        "Goldman Sachs declined to say more."),
           "Goldman Sachs=4", "Goldman Sachs Group Inc is the list's Goldman Sachs");
    is_str(groups(NULL, "Talks went on. Analysts at AT&T Inc said prices rose."), "AT&T=2",
           "AT&T Inc is the list's AT&T");
    is_str(groups(NULL, "Talks went on. Exxon Mobil said prices rose."), "ExxonMobil=2",
           "Exxon Mobil is the list's ExxonMobil");
    is_str(groups(NULL, "Talks went on. Shares of ICO Inc fell on Monday."), "ICO Inc=2",
           "  but ICO Inc is no International Coffee Organization (ICO)");
    /* a short form of a longer name the story gives, the list not holding it */
    is_str(groups(NULL, "The House Quelvor Committee opened an inquiry on Monday. The Quelvor "
                        "Committee said it would report in May."),
           "House Quelvor Committee=4", "the Quelvor Committee after the House Quelvor Committee");
    is_str(groups(NULL, "The Senate Quelvor Committee and the House Quelvor Committee met. The "
                        "Quelvor Committee heard them."),
           "House Quelvor Committee=2|Quelvor Committee=2|Senate Quelvor Committee=2",
           "  not where two longer names end so");
    is_str(groups(NULL, "The Quelvor Defence Organisation said on Monday it would sell."),
           "Quelvor Defence Organisation=2", "a name the list does not hold, as written");
    /* a group before the hyphen of a compound adjective */
    is_str(groups(NULL, "He met the prime minister of the U.N.-backed government on Friday."),
           "United Nations=2", "\"U.N.-backed\" names the United Nations");
    is_str(groups(NULL, "Troops of the NATO-led force patrolled the town."),
           "North Atlantic Treaty Organization=2", "\"NATO-led\" too");
    is_str(groups(NULL, "Fighters took the IS-held town on Friday."), "",
           "not a weak name (\"IS\") the story does not confirm");
    is_str(groups(NULL, "Talks with the Al-Qaeda leader failed."), "al Qaeda=2",
           "a capital after the hyphen: the name itself, the list's");
    /* an acronym in a headline in capitals, where any word looks like one */
    is_str(groups("EC GRANTS SUGAR EXPORT LICENCES", "Blah blah blah."),
           "European Community=3", "a story that is its headline: the acronym counts");
    is_str(groups("EC SETS SUGAR REBATE", "The European Community set the rebate on Monday, "
                                          "traders said."),
           "European Community=5", "where the text names the group too: 3 more");
    is_str(groups("WHO SAYS PRICES WILL RISE", "Prices will rise next year, the minister "
                                               "said on Monday."),
           "", "not where the text does not");
    /* the S&P 500 companies (tools/build-groups.py): by name; a short form of one word
     * ("Dow", "Nasdaq") only where the story names the company otherwise too */
    is_str(groups(NULL, "Dow Inc. said on Friday it would cut jobs.\nDow said the cuts would "
                        "save $1 billion."),
           "Dow Inc.=3", "a listed company, its short form confirmed");
    is_str(groups(NULL, "The Dow fell 120 points and the Nasdaq lost 1 percent on Friday, "
                        "traders said."),
           "", "\"the Dow\" and \"the Nasdaq\" alone are no companies");
    is_str(groups(NULL, "Ameriprise Financial raised its dividend on Monday."),
           "Ameriprise Financial=2", "a company the list holds by name");
    /* one body, one key (issue 12, class 8); a group heading its body's name is named too */
    is_str(groups(NULL, "The U.N. Security Council met on Monday.\nThe Security Council said "
                        "it would meet again."),
           "UN Security Council=3|United Nations=2",
           "\"Security Council\" is the UN Security Council, which names the UN");
    is_str(groups(NULL, "The EC Commission set the tender on Monday.\nThe Commission of the "
                        "European Communities said EC farm ministers would meet."),
           "European Community=3|European Commission=3",
           "the EC Commission is the European Commission; \"EC\" alone later is the EC");
    is_str(groups(NULL, "The European Community Commission said on Monday it would act."),
           "European Community=2|European Commission=2", "\"European Community Commission\"");
    is_str(groups(NULL, "The Patriotic Union of Kurdistan said on Monday it would fight."),
           "Patriotic Union of Kurdistan=2", "a group before \"of\" heads no body of its own");
    /* a body named by a bare word its context tells */
    is_str(groups(NULL, "The House voted on Thursday and the Senate will vote next week.\n"
                        "House Speaker Zorbel said the House had done its part."),
           "House of Representatives=4|Senate=2", "\"House\" beside the Senate");
    is_str(groups(NULL, "The House voted 230-198 on Thursday, representatives said."),
           "House of Representatives=2", "\"House\" where the story writes \"representatives\"");
    is_str(groups(NULL, "The House of Zorbel opened a shop and the Quelvor House hotel closed; "
                        "Congress met."),
           "Congress=2", "not a longer name's word, not without a context of Congress");
    /* newspapers, agencies and broadcasters beside the word for their kind (issue 12, 10) */
    is_str(groups(NULL, "Zorbelhap news agency said prices would rise on Friday."),
           "Zorbelhap=2", "a name before \"news agency\"");
    is_str(groups(NULL, "Zycie Zorbelu daily said the sale was near."), "Zycie Zorbelu=2",
           "a foreign title before \"daily\", though the tagger reads a person there");
    is_str(groups(NULL, "The minister told the weekly Der Quelvor, which printed it on Friday."),
           "Der Quelvor=2", "a name after its kind, ending the clause");
    is_str(groups(NULL, "Average daily sales rose.\nA Beirut newspaper and Italian television "
                        "said so, and Murdoch newspapers agreed."),
           "", "no adjective of kind, no place or adjective, no owner");
    is_str(groups(NULL, "But Le Zorbel newspaper said Britain's Daily Quelvor newspaper was "
                        "wrong."),
           "Le Zorbel=2|Daily Quelvor=2",
           "not a sentence's first word, nor a place's possessive before the name");
    is_str(groups(NULL, "Prices will rise, the Quelvor Daily said on Saturday.\nThe war must "
                        "end, state-run Damascus Radio said."),
           "Quelvor Daily=2|Damascus Radio=1", "a name headed by a medium's word");
    is_str(groups(NULL, "He was quoted as saying so in Sydney's Daily Telegraph newspaper."),
           "Daily Telegraph=2", "read at its last head word, after a place's possessive");
    is_str(groups(NULL, "The editor of Zeri i Quelvorit newspaper was freed."),
           "Zeri i Quelvorit=2", "a letter inside a foreign title");
    done_testing();
}
