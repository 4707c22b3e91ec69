#!/bin/bash
# modern-yardstick.sh: issue 12's modern yardstick stays sound: its scorer's matching rules hold
# (always), and where ../shared/corpora is present, pick.py still picks the listed stories,
# every story is tagged, and the scorer indexes all 150 and scores them.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
M="$top_srcdir/tests/bench/modern"
python3 "$M/score.py" --self-test > "$TMP/self" 2>&1
rc=$?
while read -r status what; do
    case $status in 0|1) ok "$status" "scorer: $what";; *) echo "$status $what";; esac
done < "$TMP/self"
is "$rc" 0 "scorer self-test exits 0"

C="$SHARED/corpora"
if [ ! -d "$C/isot" ] || [ ! -d "$C/20news-bydate" ]; then
    echo "# no $C/isot and 20news-bydate: the pick and the scoring run are not checked"
    done_testing
fi
python3 "$M/pick.py" --corpora "$C" > "$TMP/stories.tsv"
ok $? "pick.py runs"
if diff -u "$M/stories.tsv" "$TMP/stories.tsv" > "$TMP/pick.diff"; then ok 0 "pick.py picks stories.tsv again"; else
    ok 1 "pick.py picks stories.tsv again"; sed 's/^/# /' "$TMP/pick.diff" | head -20
fi
grep -v '^#' "$M/stories.tsv" | cut -f1 | sort > "$TMP/picked"
is "$(wc -l < "$TMP/picked") $(cut -d: -f1 "$TMP/picked" | sort | uniq -c | tr -s ' ' | tr '\n' ',')" \
    "150  30 fake, 50 news, 70 true," "150 stories: 70 ISOT True, 30 ISOT Fake, 50 posts"
grep -v '^#' "$M/tags.tsv" | cut -f1 | sort -u > "$TMP/tagged"
if diff "$TMP/picked" "$TMP/tagged" > "$TMP/tags.diff"; then ok 0 "every story tagged, no tag for another"; else
    ok 1 "every story tagged, no tag for another"; sed 's/^/# /' "$TMP/tags.diff" | head -10
fi
is "$(grep -v '^#' "$M/tags.tsv" | awk -F'\t' '$2 !~ /^(LOC|ORG|NONE)$/ || (NF == 6 && $6 != "optional") || NF < 5 || NF > 6' | wc -l)" 0 \
    "every tag line: story, LOC/ORG/NONE, written, canonical, country[, optional]"
python3 "$M/score.py" --build "$top_builddir" --corpora "$C" > "$TMP/score" 2>&1
ok $? "score.py runs on the built programs"
is "$(sed -n 's/^  dateline-index: \(read [0-9]*, added [0-9]*\).*\(rejected [0-9]*\).*/\1 \2/p' "$TMP/score")" \
    "read 150, added 150 rejected 0" "all 150 stories indexed"
is "$(grep -c '^all stories  *[01]\.[0-9]\{3\} ' "$TMP/score")" 1 "precision and recall printed for all stories"
done_testing
