#!/bin/bash
# jobs.sh: sequence numbers (dense, in ingest order, kept by an update, continued by the next
# run), and dateline-index --jobs 2, whose shards answer every search as one index does.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1

# the sequence numbers of an index, in docid order, and its counter
seqs() {
    /usr/bin/python3 - "$1" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
out = []
for p in db.postlist(""):
    v = db.get_document(p.docid).get_value(10)
    out.append(str(int.from_bytes(v, "big")) if len(v) == 8 else "-")
print(" ".join(out), "next", db.get_metadata("dateline.seq").decode())
PY
}

"$INDEX" -q --jobs 1 --index "$TMP/one" corpus 2> "$TMP/err1"
n=$("$SEARCH" --index "$TMP/one" --count '*')
is "$n" 76 "corpus/: 76 articles"
is "$(seqs "$TMP/one")" "$(seq -s ' ' 1 76) next 77" "numbers 1 to 76 in the order they went in; the counter says 77"

# an update keeps its number; a second run goes on from the counter
printf '{"id":"seq-a","title":"Ferry resumes","text":"The ferry to Gozo resumed on Monday after the storm."}\n{"id":"seq-b","title":"Port closed","text":"The port of Valletta closed for a day."}\n' > "$TMP/feed.jsonl"
"$INDEX" -q --jobs 1 --index "$TMP/one" "$TMP/feed.jsonl" 2> /dev/null
sed -i 's/for a day/for two days/' "$TMP/feed.jsonl"
"$INDEX" --jobs 1 --index "$TMP/one" "$TMP/feed.jsonl" 2> "$TMP/err2"
is "$(summary "$TMP/err2")" "dateline-index: read 2, added 0, updated 1, unchanged 1, duplicates 0, rejected 0; formats: json 2" "the edited record is an update"
is "$(seqs "$TMP/one")" "$(seq -s ' ' 1 78) next 79" "the two new ones are 77 and 78; the update kept 78"

# an index written before the counter: numbers go on after its last docid
/usr/bin/python3 - "$TMP/one" <<'PY'
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
db.set_metadata("dateline.seq", "")
for p in list(db.postlist("")):
    d = db.get_document(p.docid); d.remove_value(10); db.replace_document(p.docid, d)
db.commit()
PY
printf '{"id":"seq-c","title":"Bridge opens","text":"A new bridge opened over the harbour at Marsa."}\n' > "$TMP/more.jsonl"
"$INDEX" -q --jobs 1 --index "$TMP/one" "$TMP/more.jsonl" 2> /dev/null
is "$(seqs "$TMP/one")" "$(printf -- '- %.0s' $(seq 78))79 next 80" "an index without numbers: the next is its last docid + 1"

# --jobs 2: a folder of two shards and a stub; the same counts
"$INDEX" --jobs 2 --index "$TMP/two" corpus 2> "$TMP/err3"
"$INDEX" --jobs 1 --index "$TMP/plain" corpus 2> "$TMP/err4"
is "$(summary "$TMP/err3")" "$(summary "$TMP/err4")" "--jobs 2 counts as --jobs 1 does"
is "$(cat "$TMP/two/XAPIANDB")" "auto shard-0
auto shard-1" "the stub lists the two shards"
sorted() { seqs "$1" | tr ' ' '\n' | sort -n | tr '\n' ' '; }
is "$(sorted "$TMP/two")" "$(sorted "$TMP/plain")" "the shards hold the numbers one index holds, and its counter"
a0=$(/usr/bin/python3 -c 'import sys,xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$TMP/two/shard-0")
[ "$a0" -gt 20 ] && [ "$a0" -lt 56 ]
ok $? "both shards hold articles (shard 0: $a0 of 76)"
same_meta() {
    /usr/bin/python3 - "$@" <<'PY'
import sys, xapian
def meta(p):
    db = xapian.Database(p)
    return sorted((k, db.get_metadata(k)) for k in db.metadata_keys() if not k.startswith(b"dateline.aliasseq."))
m = [meta(p) for p in sys.argv[1:]]
print("same" if all(x == m[0] for x in m) else "differ")
PY
}
is "$(same_meta "$TMP/plain" "$TMP/two/shard-0" "$TMP/two/shard-1")" same "every shard holds the metadata one index holds (aliases, counter, file records)"
is "$(/usr/bin/python3 -c 'import sys,xapian; print(xapian.Database(sys.argv[1]).get_termfreq("XNnl")+xapian.Database(sys.argv[1]).get_termfreq("XNns"))' "$TMP/two")" 0 "the settle left no article marked"

# searches: byte for byte what one index prints (searches without ties of score: the order of
# ties is the search side's, by sequence number)
QUERIES=$(cat <<'Q'
--count '*'
--count syria
--count -- place:syria
--count group:sdf
--count group:isis
--format tsv raqqa
--format json raqqa
--format tsv -n 100 ''
--format json -n 0 --facet place --facet group --facet topic --facet dateline --facet source ''
--facet place --facet group -n 0 ''
--format json -n 0 'barge OR barges OR shippers'
--format json -n 0 danube
--timeline month -n 0 ''
--format json --timeline week -n 0 syria
--format tsv --sort oldest ''
--format tsv --sort newest -n 100 ''
--show cba21c0a52ff4a26
--format json --show cba21c0a52ff4a26
--format tsv 'title:ferry'
--format json -n 0 'group:"islamic state"'
Q
)
same_searches() { # same_searches INDEX-A INDEX-B LABEL
    local a=$1 b=$2 label=$3 q
    while IFS= read -r q; do
        eval "set -- $q"
        "$SEARCH" --index "$a" "$@" > "$TMP/s1" 2>&1
        "$SEARCH" --index "$b" "$@" > "$TMP/s2" 2>&1
        cmp -s "$TMP/s1" "$TMP/s2"
        ok $? "$label: $q"
    done <<< "$QUERIES"
}
same_searches "$TMP/plain" "$TMP/two" "--jobs 2 prints what --jobs 1 prints"

# --compact: the shards merged into one index that answers the same
cp -r "$TMP/two" "$TMP/packed"
"$INDEX" --compact --index "$TMP/packed" 2> "$TMP/err7"
is "$(cat "$TMP/err7")" "dateline-index: $TMP/packed: 2 shards merged into one compact index" "--compact says what it did"
[ -f "$TMP/packed/iamglass" ] && [ ! -e "$TMP/packed/XAPIANDB" ] && [ -z "$(ls -d "$TMP"/packed.* 2>/dev/null)" ]
ok $? "one plain index in the folder's place, nothing left beside it"
same_searches "$TMP/plain" "$TMP/packed" "compacted"
is "$(same_meta "$TMP/plain" "$TMP/packed")" same "the compact index holds the metadata of one index"
is "$(sorted "$TMP/packed")" "$(sorted "$TMP/plain")" "and its numbers"
"$INDEX" -q --compact --index "$TMP/packed" && "$INDEX" --index "$TMP/packed" corpus 2> "$TMP/err8"
is "$(summary "$TMP/err8")" "dateline-index: read 84, added 0, updated 0, unchanged 76, duplicates 0, rejected 8; formats: text 36, sgml 10, csv 10, json 17, mail 3, xml 4, html 2" "a plain index compacted: a re-run finds everything unchanged"

# a second run over the shards: nothing new, the unchanged check made before parsing
"$INDEX" --jobs 2 --index "$TMP/two" corpus 2> "$TMP/err5"
is "$(summary "$TMP/err5")" "dateline-index: read 84, added 0, updated 0, unchanged 76, duplicates 0, rejected 8; formats: text 36, sgml 10, csv 10, json 17, mail 3, xml 4, html 2" "second run over shards: all unchanged"
# the shard count is the folder's: --jobs 1 writes into its two shards
"$INDEX" -q --jobs 1 --index "$TMP/two" "$TMP/feed.jsonl" 2> /dev/null
is "$("$SEARCH" --index "$TMP/two" --count 'gozo OR valletta')" "$("$SEARCH" --index "$TMP/one" --count 'gozo OR valletta')" "--jobs 1 into two shards"
is "$(cat "$TMP/two/XAPIANDB" | wc -l)" 2 "still two shards"
# --delete-origin over shards
"$INDEX" --jobs 2 --index "$TMP/two" --delete-origin "$TMP/feed.jsonl" 2> "$TMP/err6"
is "$(head -1 "$TMP/err6")" "dateline-index: deleted 2 articles" "--delete-origin finds the articles in every shard"
is "$("$SEARCH" --index "$TMP/two" --count 'gozo OR valletta')" "$("$SEARCH" --index "$TMP/plain" --count 'gozo OR valletta')" "they are gone"

done_testing
