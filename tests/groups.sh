#!/bin/bash
# groups.sh: groups found in the text, aliases learned from "Name (ACR)", and the seed story.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
DB="$TMP/db"
S() { "$SEARCH" --index "$DB" "$@"; }

# An acronym-only story goes in before another story teaches the index what it means.
mkdir -p "$TMP/in"
printf 'Rebels shell town\nMay 2, 2016\n\nKOBANI (Reuters) - YPG fighters shelled the town overnight, residents said.\n' > "$TMP/in/1.txt"
printf 'Kurdish militia advances\nMay 3, 2016\n\nQAMISHLI (Reuters) - The Kurdish Democratic Union Militia (KDUM) advanced on Tuesday.\nKDUM commanders said the road was open.\n' > "$TMP/in/2.txt"
printf 'Militia holds positions\nMay 4, 2016\n\nHASAKA (Reuters) - KDUM units held their positions on Wednesday, a spokesman said.\n' > "$TMP/in/3.txt"
printf 'Early report\nMay 1, 2016\n\nAMUDA (Reuters) - KDUM patrols entered the village, witnesses said.\n' > "$TMP/in/0.txt"
"$INDEX" -q --index "$DB" "$TMP/in/0.txt" "$TMP/in/1.txt" "$TMP/in/2.txt" "$TMP/in/3.txt" 2> /dev/null
is "$(S --count 'group:"kurdish democratic union militia"')" 3 "the group by name: the defining story, a later one, and one ingested before the definition"
is "$(S --count 'group:kdum')" 3 "the group by its acronym: the same three"
is "$(S --count 'group:ypg')" 1 "a built-in acronym (YPG)"
is "$(S --count "group:\"people's protection units\"")" 1 "and its name"

# The story's own source is no group (issue 12, class 9): its credit, "(Reuters) - ", where the
# lead parser takes it (the source field) or not ("LONDON, (Reuters) -"), and "told Reuters"
# then; another agency's story that names Reuters has it as a group.
mkdir -p "$TMP/src"
printf 'Shares fall\nMay 2, 2016\n\nLONDON, (Reuters) - Shares fell on Monday, a trader told Reuters.\n' > "$TMP/src/1.txt"
printf 'Shares fall again\nMay 3, 2016\n\nLONDON (Reuters) - Shares fell again on Tuesday, a trader told Reuters.\n' > "$TMP/src/2.txt"
printf 'Agency story\nMay 4, 2016\n\nWASHINGTON (AP) - An official told Reuters and the BBC on Wednesday that talks went on.\n' > "$TMP/src/3.txt"
"$INDEX" -q --index "$TMP/dbs" "$TMP/src" 2> /dev/null
is "$("$SEARCH" --index "$TMP/dbs" --count 'group:reuters')" 1 "group:reuters: only the AP story that names it"
is "$("$SEARCH" --index "$TMP/dbs" --count 'group:reuters date:2016-05-04')" 1 "and that one is the AP story"

# A weak name of a group (a common word, a 2-letter acronym of an armed group) counts only where
# the story names the group otherwise too (issue 12, class 6).
mkdir -p "$TMP/weak"
printf 'Charity opens school\nMay 2, 2016\n\nCHICAGO (Reuters) - The Foundation said on Monday it would open a school. IS and AN were the pupils'"'"' initials.\n' > "$TMP/weak/1.txt"
printf 'Fighters retreat\nMay 3, 2016\n\nBEIRUT (Reuters) - Islamic State fighters fell back on Tuesday. IS commanders said they would return.\n' > "$TMP/weak/2.txt"
"$INDEX" -q --index "$TMP/dbw" "$TMP/weak" 2> /dev/null
W() { "$SEARCH" --index "$TMP/dbw" --count "$1"; }
is "$(W 'group:"el rukn"')" 0 "\"The Foundation\" alone is no El Rukn"
is "$(W 'group:"aryan nations"')" 0 "\"AN\" alone is no Aryan Nations"
is "$(W 'group:"islamic state"')" 1 "\"IS\" alone is no Islamic State; with its name it is"

# Government bodies, media and party short forms are built in (issue 12, class 10).
mkdir -p "$TMP/gov"
printf 'Vote count\nMay 5, 2016\n\nLONDON (Reuters) - Labour and the Tories traded blame on Thursday, the BBC said, while Interfax reported that the State Duma met. The FBI said it was told of it.\n' > "$TMP/gov/1.txt"
"$INDEX" -q --index "$TMP/dbg" "$TMP/gov" 2> /dev/null
printf 'Launch delayed\nMay 6, 2016\n\nWASHINGTON (Reuters) - NASA put off the launch on Friday, CNN reported, as the Supreme Court heard a case the EPA had brought. A photo by Getty Images showed the pad.\n' > "$TMP/gov/2.txt"
"$INDEX" -q --index "$TMP/dbg" "$TMP/gov" 2> /dev/null
for q in 'group:"labour party"' 'group:"conservative party"' 'group:bbc' 'group:interfax' 'group:"state duma"' 'group:"federal bureau of investigation"' \
         'group:"national aeronautics and space administration"' 'group:cnn' 'group:"supreme court"' 'group:"environmental protection agency"' 'group:"getty images"'; do
    is "$("$SEARCH" --index "$TMP/dbg" --count "$q")" 1 "$q"
done

# One body, one group, however the story writes it (issue 12, class 8).
mkdir -p "$TMP/one"
printf 'Oil output\nMay 6, 2016\n\nBAGHDAD (Reuters) - The Ministry of Oil said output rose.\nThe Oil Ministry added that exports would follow.\nThe Arab Oil Organisation agreed. The Arab Oil Organization met in June.\n' > "$TMP/one/1.txt"
"$INDEX" -q --index "$TMP/db1" "$TMP/one" 2> /dev/null
is "$("$SEARCH" --index "$TMP/db1" --format=tsv '*' | cut -f9 | tail -n 1)" "Ministry of Oil,Arab Oil Organisation" \
    "Ministry of Oil and Oil Ministry are one group, Organisation and Organization one"

# A name runs over "and" and "&" (issue 12, class 7): not "Co Inc", not "Means Committee".
mkdir -p "$TMP/amp"
printf 'Drug deal\nMay 6, 2016\n\nNEW YORK (Reuters) - Quelvor & Co Inc said on Monday it would buy a rival.\nThe House Ways and Means Committee will look at the deal, as will Britain and France.\n' > "$TMP/amp/1.txt"
# a company of the S&P 500 list is named as the list names it
printf 'Drug deal\nMay 7, 2016\n\nNEW YORK (Reuters) - Merck & Co Inc said on Monday it would buy a rival.\n' > "$TMP/amp/2.txt"
"$INDEX" -q --index "$TMP/dba" "$TMP/amp" 2> /dev/null
is "$("$SEARCH" --index "$TMP/dba" --format=tsv --sort oldest '*' | cut -f9 | tail -n +2)" "Quelvor & Co Inc,House Ways and Means Committee
Merck & Co." \
    "Quelvor & Co Inc and the House Ways and Means Committee whole; Merck & Co Inc is the list's Merck & Co."

# A name once written with a designator, or defined by a phrase, is that group where the story
# writes it bare, and the index learns the bare name (issue 12, class 10).
mkdir -p "$TMP/learn"
printf 'Valve maker cuts jobs\nMay 7, 2016\n\nCHICAGO (Reuters) - Zorbel Widgets Inc said on Monday it would cut 300 jobs.\nZorbel Widgets makes valves.\n' > "$TMP/learn/1.txt"
printf 'Chemicals sale\nMay 8, 2016\n\nBRUSSELS (Reuters) - The Brussels-based Quelvor said on Tuesday it would sell a plant.\nQuelvor shares fell.\n' > "$TMP/learn/2.txt"
"$INDEX" -q --index "$TMP/dbl" "$TMP/learn" 2> /dev/null
L() { "$SEARCH" --index "$TMP/dbl" "$@"; }
is "$(L --format=tsv 'valves' | cut -f9 | tail -n 1)" "Zorbel Widgets Inc" "the bare name later is the same group, listed once"
is "$(L --count 'group:"zorbel widgets inc"')" 1 "group: by the name as defined"
is "$(L --count 'group:"zorbel widgets"')" 1 "group: by the bare name the index learned"
is "$(L --count 'group:quelvor')" 1 "\"the Brussels-based Quelvor\" is a group"

# corpus/
DB2="$TMP/db2"
"$INDEX" -q --index "$DB2" corpus 2> /dev/null
C() { "$SEARCH" --index "$DB2" --count "$1"; }
is "$(C 'group:"islamic state"')" 4 "group:\"islamic state\""
is "$(C 'group:isis')" 4 "ISIS is Islamic State"
is "$(C 'group:opec')" 2 "group:opec: the label and the name"
is "$(C 'group:"international monetary fund"')" 2 "IMF by name"
is "$(C 'group:imf')" 2 "and by acronym"
is "$(C 'group:"european community"')" 1 "EC in the headline's text"
is "$(C 'group:"syrian democratic forces"')" 1 "the Raqqa story"
is "$(C 'group:"soviet union"')" 0 "a place is no group"
is "$(C 'group:"international committee"')" 0 "no half names"

# the seed story (issue 3): filed from Beirut, about Syria
SEED="$SHARED/corpora/seed/000_1644d3fc511c4341.txt"
if [ -f "$SEED" ]; then
    DB3="$TMP/db3"
    "$INDEX" -q --index "$DB3" "$SEED" 2> /dev/null
    for q in 'place:syria' 'place:raqqa' 'place:"deir al-zor"' 'place:iraq' 'dateline:beirut' \
             'group:sdf' 'group:"syrian democratic forces"' 'group:"islamic state"'; do
        is "$("$SEARCH" --index "$DB3" --count "$q")" 1 "seed matches $q"
    done
    for q in 'place:lebanon' 'group:"islamic jihad"'; do
        is "$("$SEARCH" --index "$DB3" --count "$q")" 0 "seed does not match $q"
    done
else
    echo "# $SEED is absent: the seed checks are skipped (CI has ../shared)"
fi
done_testing
