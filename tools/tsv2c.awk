# tsv2c.awk: turns data/gazetteer.tsv into a C string, so the gazetteer is built into the library.
BEGIN {
    print "/* gazetteer-data.c: generated from data/gazetteer.tsv by tools/tsv2c.awk; do not edit */"
    print "#include <stddef.h>"
    print "extern const char dl_gazetteer_tsv[];"
    print "extern const size_t dl_gazetteer_tsv_len;"
    print "const char dl_gazetteer_tsv[] ="
}
{
    gsub(/\\/, "\\\\")
    gsub(/"/, "\\\"")
    gsub(/\t/, "\\t")
    print "\"" $0 "\\n\""
}
END {
    print ";"
    print "const size_t dl_gazetteer_tsv_len = sizeof dl_gazetteer_tsv - 1;"
}
