# tsv2c.awk: turns a data/*.tsv table into a C string named `name`, so it is built into the library.
BEGIN {
    if (name == "") name = "dl_gazetteer_tsv"
    print "/* generated from a table in data/ by tools/tsv2c.awk; do not edit */"
    print "#include <stddef.h>"
    print "extern const char " name "[];"
    print "extern const size_t " name "_len;"
    print "const char " name "[] ="
}
{
    gsub(/\\/, "\\\\")
    gsub(/"/, "\\\"")
    gsub(/\t/, "\\t")
    print "\"" $0 "\\n\""
}
END {
    print ";"
    print "const size_t " name "_len = sizeof " name " - 1;"
}
