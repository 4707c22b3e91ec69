# dateline.bash: bash completion for dateline-search and dateline-index.
#
# Installed as bash-completion/completions/dateline-search and .../dateline-index (the names
# bash-completion loads a completion by); without installing, `source completion/dateline.bash`
# (in ~/.bashrc, say). It needs no bash-completion helpers.
#
# The tables below are the programs' options and values: tests/completion.sh checks them
# against each program's --help and error messages, so a new option cannot be forgotten here.

_dateline_search_opts='--index --limit --offset --sort --half-life --count --show --explain --similar
    --all-versions --total-bound --exact-total --facet --timeline --by --format --color --no-pager --allow-partial --stdin --help --version'
_dateline_search_args='--index|-i|--limit|-n|--offset|--sort|-s|--half-life|--show|--similar|--total-bound|--facet|--by|--timeline|--format|-f|--color|--colour'
_dateline_search_formats='text json jsonl tsv csv svg'
_dateline_search_sorts='relevance newest oldest recent'
_dateline_search_facets='place group topic dateline source'
_dateline_search_periods='day week month year'
_dateline_colors='auto always never'
# the query's fields, completed at the start of a query word
_dateline_fields='place: group: topic: dateline: source: charset: repaired: story: date: title: author:'
_dateline_repaired='yes no double-encoded declared'

_dateline_index_opts='--index --format --columns --fields --topic-from-folder --exclude --rejects
    --delete --delete-origin --stats --encoding --date --batch --no-sync --wait --watch --force
    --prune --no-prune --jobs --compact --no-compact --quiet
    --verbose --help --version'
_dateline_index_args='--index|-i|--format|-f|--columns|-c|--fields|-F|--exclude|--rejects|--delete|--delete-origin|--encoding|-e|--date|-d|--batch|-b|--jobs|-j'
_dateline_index_formats='auto text sgml csv json mail xml html'
_dateline_index_columns='title text summary date topic place source id author dateline -'

# Reads the line up to the cursor as the shell will pass it (bash's own COMP_WORDS breaks
# words at ':' and '=' too): _dl_words, the words before the one being completed, and _dl_cur,
# that word, without their quotes; _dl_open, when the word has an unclosed quote, what follows
# the quote (what readline will replace), else unset.
_dateline_words()
{
    local line=${COMP_LINE:0:COMP_POINT} i c q= word= inword=
    _dl_words=()
    unset _dl_open
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [[ -n $q ]]; then
            if [[ $c == "$q" ]]; then q=; else word+=$c; _dl_open+=$c; fi
        elif [[ $c == [\"\'] ]]; then
            q=$c inword=1 _dl_open=
        elif [[ $c == '\' && $((i + 1)) -lt ${#line} ]]; then
            word+=${line:i+1:1} inword=1
            ((i++))
        elif [[ $c == [[:space:]] ]]; then
            [[ -n $inword ]] && _dl_words+=("$word")
            word= inword=
        else
            word+=$c inword=1
        fi
    done
    [[ -n $q ]] || unset _dl_open
    _dl_cur=$word
}

# Offers the words of $2 that start with $1, each followed by a space unless $3 is "nospace".
# Bash replaces only what follows the last character of COMP_WORDBREAKS in the word (':',
# '=', '(' by default), so that much is cut from each offer.
_dateline_offer()
{
    local cur=$1 IFS=$' \t\n' w k cut=
    COMPREPLY=()
    for w in $2; do
        [[ $w == "$cur"* ]] && COMPREPLY+=("$w")
    done
    for ((k = ${#cur} - 1; k >= 0; k--)); do
        if [[ ${cur:k:1} != [\"\'] && $COMP_WORDBREAKS == *"${cur:k:1}"* ]]; then
            cut=${cur:0:k+1}
            break
        fi
    done
    for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=${COMPREPLY[k]#"$cut"}; done
    [[ ${3-} == nospace ]] && compopt -o nospace 2> /dev/null
    return 0
}

# Offers files (or with $2 = -d, folders) named by the value being completed, _dl_val (after
# "--opt=", which stays when bash does not break words at '=').
_dateline_files()
{
    local IFS=$'\n' pre=${_dl_cur%"$_dl_val"} i
    COMPREPLY=($(compgen "${1:--f}" -- "$_dl_val"))
    if [[ -n $pre && $COMP_WORDBREAKS != *=* ]]; then
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$pre${COMPREPLY[i]}; done
    fi
    compopt -o filenames 2> /dev/null
    return 0
}

# The option whose value is being completed, in _dl_opt ("--format" for "--format js" and
# "--format=js"; empty when none), and the value typed so far in _dl_val. $1: the options
# that take a value, as a case pattern.
_dateline_option()
{
    local prev=${_dl_words[-1]-}
    _dl_opt= _dl_val=$_dl_cur
    if [[ $_dl_cur == --*=* ]]; then
        _dl_opt=${_dl_cur%%=*} _dl_val=${_dl_cur#*=}
    elif [[ ${#_dl_words[@]} -gt 1 && $prev == -?* && $prev != *=* ]]; then
        eval "case \$prev in $1) _dl_opt=\$prev;; esac"
    fi
}

_dateline_search()
{
    local _dl_words _dl_cur _dl_opt _dl_val i w query=0
    _dateline_words
    # where the query starts: options stop at the first word that is neither one nor a value
    for ((i = 1; i < ${#_dl_words[@]}; i++)); do
        w=${_dl_words[i]}
        if [[ $w == -- ]]; then query=1; break; fi
        if [[ $w != -* || $w == - ]]; then query=1; break; fi
        eval "case \$w in $_dateline_search_args) ((i++));; esac"
    done
    if ((query == 0)); then
        _dateline_option "$_dateline_search_args"
        case $_dl_opt in
        --index | -i) _dateline_files -d; return ;;
        --format | -f) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_search_formats")"; return ;;
        --sort | -s) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_search_sorts")"; return ;;
        --color | --colour) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_colors")"; return ;;
        --timeline) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_search_periods")"; return ;;
        --facet | --by) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_search_facets")"; return ;;
        ?*) COMPREPLY=(); return ;; # a number or an id
        esac
        if [[ $_dl_cur == -* ]]; then
            _dateline_offer "$_dl_cur" "$_dateline_search_opts"
            return 0
        fi
    fi
    _dateline_query_word "$_dl_cur"
}

# "--format=" before each value when the word is written --format=VALUE.
_dateline_prefixed()
{
    local cur=$1 w
    if [[ $cur == --*=* ]]; then
        for w in $2; do printf '%s\n' "${cur%%=*}=$w"; done
    else
        printf '%s\n' $2
    fi
}

# A word of the query: a field name at its start (after any "(" and one "-" or "+"), or the
# values of repaired:. Inside a quoted query ('syria pla), the last word of it: readline
# replaces all that follows the quote, so what comes before the word is kept in each offer.
_dateline_query_word()
{
    local cur=$1 keep= w offers= IFS=$' \t\n'
    if [[ ${_dl_open+set} ]]; then
        cur=${_dl_open##*[[:space:]]}
        keep=${_dl_open%"$cur"}
    fi
    local lead=${cur%%[!(]*}
    [[ ${cur:${#lead}:1} == [+-] ]] && lead+=${cur:${#lead}:1}
    local word=${cur#"$lead"}
    if [[ $word == repaired:* ]]; then
        for w in $_dateline_repaired; do offers+=" $lead""repaired:$w"; done
    elif [[ $word != *:* ]]; then
        for w in $_dateline_fields; do offers+=" $lead$w"; done
    fi
    COMPREPLY=()
    if [[ ${_dl_open+set} ]]; then
        # offered whole, as readline replaces the whole quoted text (no word breaks in it)
        for w in $offers; do [[ $w == "$cur"* ]] && COMPREPLY+=("$keep$w"); done
    else
        _dateline_offer "$cur" "$offers"
    fi
    [[ $word == repaired:* ]] || compopt -o nospace 2> /dev/null
    return 0
}

_dateline_index()
{
    local _dl_words _dl_cur _dl_opt _dl_val w
    _dateline_words
    for w in "${_dl_words[@]:1}"; do
        if [[ $w == -- ]]; then _dl_val=$_dl_cur; _dateline_files; return; fi # no more options
    done
    _dateline_option "$_dateline_index_args"
    case $_dl_opt in
    --index | -i) _dateline_files -d; return ;;
    --format | -f) _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$_dateline_index_formats")"; return ;;
    --columns | -c)
        # a comma-separated list: the field after the last comma
        local done=${_dl_cur%"${_dl_val##*,}"} offers=
        for w in $_dateline_index_columns; do offers+=" $done$w"; done
        _dateline_offer "$_dl_cur" "$offers" nospace
        return ;;
    --fields | -F)
        local done=${_dl_cur%"${_dl_val##*,}"} offers=
        if [[ ${_dl_val##*,} != *=* ]]; then
            for w in $_dateline_index_columns; do [[ $w == - ]] || offers+=" $done$w="; done
        fi
        _dateline_offer "$_dl_cur" "$offers" nospace
        return ;;
    --encoding | -e)
        local names
        names=$(iconv --list 2> /dev/null | tr ', ' '\n\n' | sed -n 's,//*$,,p' | tr '[:upper:]' '[:lower:]')
        _dateline_offer "$_dl_cur" "$(_dateline_prefixed "$_dl_cur" "$names")"
        return ;;
    --rejects | --delete-origin) _dateline_files; return ;;
    ?*) COMPREPLY=(); return ;; # an id, a date, a number
    esac
    if [[ $_dl_cur == -* && $_dl_cur != - ]]; then
        _dateline_offer "$_dl_cur" "$_dateline_index_opts"
        return
    fi
    _dateline_files # files and folders to read
}

complete -F _dateline_search dateline-search
complete -F _dateline_index dateline-index
