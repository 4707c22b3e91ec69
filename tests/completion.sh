#!/bin/bash
# completion.sh: the shell completions offer exactly the options each program's --help names and
# the values its error messages list, and bash's completes what it should.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
BASHC="$top_srcdir/completion/dateline.bash"
ZSHC="$top_srcdir/completion/_dateline"
list() { tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' '; }

# Completes LINE (the cursor at its end) with FUNCTION in a bash that sourced the completion,
# printing COMPREPLY one per line. COMP_WORDS is split as bash splits it by default (at spaces,
# ':' and '='); the completion reads COMP_LINE itself.
cat > "$TMP/complete" <<'SH'
. "$1"
COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
COMP_LINE=$3 COMP_POINT=${#3}
read -r -a COMP_WORDS <<< "${3//[:=]/ & }"
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
[[ $3 == *[[:space:]] ]] && COMP_CWORD=${#COMP_WORDS[@]}
COMPREPLY=()
"$2" || exit 1
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
SH
complete_line() { # complete_line FUNCTION LINE
    bash --norc --noprofile "$TMP/complete" "$BASHC" "$1" "$2"
}
offers() { complete_line "$@" | list; }

# Every long option --help names (but in `quotes`, another program's), and no other, is
# offered by bash (for "--") and by zsh (its _arguments specs, without their [descriptions]
# and (exclusions)).
for prog in dateline-search dateline-index; do
    want=$("$top_builddir/$prog" --help | sed 's/`[^`]*`//g' | grep -o -- '--[a-z][a-z-]*' | list)
    fn=_${prog//-/_}
    is "$(offers "$fn" "$prog --")" "$want" "bash offers every long option of $prog --help, and no other"
    got=$(sed -n "/^$prog)/,/;;/p" "$ZSHC" | grep -v '^ *#' | sed -E 's/\[[^]]*\]//g; s/\([^)]*\)//g' |
          grep -o -- '--[a-z][a-z-]*' | list)
    is "$got" "$want" "zsh offers every long option of $prog --help, and no other"
done

# Every value an option takes, as the program's message for a wrong one lists them, and no
# other. The message says "use A, B or C", "takes A, B or C, and ..." or "one of A, B or C".
allowed() { # allowed PROGRAM OPTION
    "$top_builddir/$1" "$2" zz-bogus -- x 2>&1 >/dev/null | head -n 1 |
        sed -E 's/.*(use|takes|one of) //; s/ \(for example.*//; s/, and .*//; s/ or /, /; s/, / /g' | list
}
zsh_values() { # zsh_values PROGRAM OPTION: the (values) of the option's spec
    sed -n "/^$1)/,/;;/p" "$ZSHC" | grep -- "$2=" | sed -E 's/\[[^]]*\]//; s/.*:\(([^)]*)\).*/\1/' | list
}
for case in 'dateline-search --format' 'dateline-search --sort' 'dateline-search --color' \
            'dateline-search --timeline' 'dateline-search --facet' 'dateline-index --format'; do
    set -- $case
    want=$(allowed "$1" "$2")
    [ -n "$want" ]; ok $? "$1 $2 zz-bogus lists the values"
    is "$(offers "_${1//-/_}" "$1 $2 ")" "$want" "bash offers the values of $1 $2"
    is "$(zsh_values "$1" "$2")" "$want" "zsh offers the values of $1 $2"
done
want=$(allowed dateline-index --columns)
is "$(offers _dateline_index 'dateline-index --columns ')" "$want" "bash offers the fields of --columns"
is "$(sed -n "/^dateline-index)/,/;;/p" "$ZSHC" | grep -- '--columns=' | sed "s/.*compadd - //; s/'.*//" | list)" \
   "$want" "zsh offers the fields of --columns"
# --fields FIELD=NAME: the same fields but '-' (which only --columns gives a meaning)
want=$(allowed dateline-index --fields | tr ' ' '\n' | grep -vx -- - | sed 's/$/=/' | list)
is "$(offers _dateline_index 'dateline-index --fields ')" "$want" "bash offers FIELD= for --fields"

# what bash completes
is "$(offers _dateline_search 'dateline-search --format ')" "csv json jsonl svg text tsv " "--format: text json jsonl tsv csv svg"
is "$(offers _dateline_search 'dateline-search -f js')" "json jsonl " "-f js: json jsonl"
is "$(offers _dateline_search 'dateline-search --format=t')" "text tsv " "--format=t: the part after '=' (bash breaks the word there)"
is "$(offers _dateline_search 'dateline-search pla')" "place: " "pla in the query: place:"
is "$(offers _dateline_search 'dateline-search -n 5 --sort newest syria d')" "date: dateline: " "a later query word: date: dateline:"
is "$(offers _dateline_search 'dateline-search syria -gr')" "-group: " "after a NOT: -group:"
is "$(complete_line _dateline_search "dateline-search 'syria (gr")" "syria (group:" "inside a quoted query: the whole quoted text, ending in group:"
is "$(offers _dateline_search 'dateline-search syria --')" "" "in the query, -- is a word, not an option"
is "$(offers _dateline_search 'dateline-search repaired:d')" "declared double-encoded " "repaired:d: its values, after the ':'"
is "$(offers _dateline_search 'dateline-search --s')" "--show --similar --sort --stdin " "--s: --show --similar --sort --stdin"
is "$(offers _dateline_search 'dateline-search -n ')" "" "-n takes a number: nothing"
is "$(offers _dateline_search 'dateline-search --show ')" "" "--show takes an id: nothing"
is "$(offers _dateline_search 'dateline-search --show 0123 pla')" "place: " "after --show ID, a query word"
is "$(offers _dateline_index 'dateline-index --columns topic,ti')" "topic,title " "--columns topic,ti: the field after the comma"
is "$(offers _dateline_index 'dateline-index --encoding windows-125')" \
   "$(seq -f 'windows-125%g' 0 8 | list)" "--encoding: iconv's charsets, lower case"
mkdir -p "$TMP/dirs/news-a" "$TMP/dirs/news-b" && touch "$TMP/dirs/news-c.txt"
is "$(cd "$TMP/dirs" && offers _dateline_search 'dateline-search --index news')" "news-a news-b " "--index: folders only"
is "$(cd "$TMP/dirs" && offers _dateline_search 'dateline-search --index=news-a')" "news-a " "--index=...: folders too"
is "$(cd "$TMP/dirs" && offers _dateline_index 'dateline-index --index db news')" "news-a news-b news-c.txt " "files and folders to read"
is "$(cd "$TMP/dirs" && offers _dateline_index 'dateline-index -- --')" "" "after --, no options: files named --..."

command -v zsh > /dev/null || echo "# zsh is not installed (./setup test installs it)"
zsh -n "$ZSHC"; ok $? "zsh -n reads completion/_dateline"
bash -n "$BASHC"; ok $? "bash -n reads completion/dateline.bash"
done_testing
