// embed-cxx.cc: a C++11 program that embeds libdateline through its installed header alone,
// opening an index with the open flags or'd together (an int in C++, which an enum parameter
// refused).
#include <cstdio>
#include <dateline.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    dateline_index_t *idx = nullptr;
    char *msg = nullptr;
    dateline_status_t st =
        dateline_index_open(argv[1], DATELINE_OPEN_WRITE | DATELINE_OPEN_NO_SYNC, &idx, &msg);
    if (st != DATELINE_OK) {
        std::fprintf(stderr, "embed-cxx: open: %s (%s)\n", dateline_status_to_string(st),
                     msg ? msg : "");
        dateline_free(msg);
        return 1;
    }
    dateline_article_t *a = nullptr;
    dateline_outcome_t what = DATELINE_UNCHANGED;
    dateline_article_new(&a);
    dateline_article_set(a, DATELINE_FIELD_TITLE, "Embedded from C++");
    dateline_article_set(a, DATELINE_FIELD_BODY, "LIMA (Reuters) - Copper miners in Peru struck.");
    st = dateline_index_add(idx, a, &what);
    dateline_article_destroy(a);
    dateline_index_close(idx);
    dateline_mode_t read = DATELINE_OPEN_READ; // the type stays for programs that use it
    st = st == DATELINE_OK ? dateline_index_open(argv[1], read, &idx, &msg) : st;
    if (st != DATELINE_OK) {
        std::fprintf(stderr, "embed-cxx: %s\n", dateline_status_to_string(st));
        return 1;
    }
    dateline_query_t *q = nullptr;
    size_t n = 0;
    if (dateline_query_new(idx, "copper", &q) == DATELINE_OK)
        dateline_query_count(q, &n);
    std::printf("added %d, copper %zu\n", static_cast<int>(what), n);
    dateline_index_close(idx);
    return 0;
}
