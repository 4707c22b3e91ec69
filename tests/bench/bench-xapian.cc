// bench-xapian.cc: the same query set against the scriptindex-built database, straight through Xapian.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::cerr << "usage: bench-xapian DB QUERIES [ROUNDS]\n";
        return 2;
    }
    int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    std::vector<std::string> queries;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            queries.push_back(line);
    if (!in.eof() || queries.empty()) {
        std::cerr << "bench-xapian: " << argv[2] << ": no queries read (one query a line)\n";
        return 2;
    }
    Xapian::Database db(argv[1]);
    Xapian::Stem stem("english");
    std::vector<double> t;
    size_t hits = 0;
    for (int r = 0; r < rounds; r++) {
        for (const auto &qs : queries) {
            auto t0 = std::chrono::steady_clock::now();
            // the same parser set-up as libdateline's, on scriptindex's default STEM_SOME terms
            Xapian::QueryParser qp;
            qp.set_database(db);
            qp.set_stemmer(stem);
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.set_default_op(Xapian::Query::OP_AND);
            qp.add_prefix("", "");
            qp.add_prefix("", "S");
            qp.add_boolean_prefix("place", "XP", false);
            qp.add_boolean_prefix("topic", "XT", false);
            Xapian::RangeProcessor dates(0, "date:");
            qp.add_rangeprocessor(&dates);
            Xapian::Query q = qp.parse_query(qs, Xapian::QueryParser::FLAG_PHRASE |
                                                     Xapian::QueryParser::FLAG_BOOLEAN |
                                                     Xapian::QueryParser::FLAG_LOVEHATE |
                                                     Xapian::QueryParser::FLAG_WILDCARD |
                                                     Xapian::QueryParser::FLAG_PURE_NOT);
            Xapian::Enquire enq(db);
            enq.set_query(q);
            Xapian::MSet m = enq.get_mset(0, 10, db.get_doccount());
            size_t bytes = 0;
            for (auto it = m.begin(); it != m.end(); ++it)
                bytes += it.get_document().get_data().size();
            if (r == 0)
                hits += m.get_matches_estimated();
            double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
            if (r > 0 && bytes < (size_t)-1)
                t.push_back(us);
        }
    }
    if (t.empty()) {
        std::cerr << "bench-xapian: no timings (ROUNDS must be 2 or more)\n";
        return 2;
    }
    std::sort(t.begin(), t.end());
    double sum = 0;
    for (double x : t)
        sum += x;
    auto pct = [&](double p) { return t[(size_t)(p * (double)(t.size() - 1) + 0.5)]; };
    std::printf("queries=%zu samples=%zu hits=%zu p50_us=%.1f p99_us=%.1f mean_us=%.1f\n",
                queries.size(), t.size(), hits, pct(0.5), pct(0.99), sum / (double)t.size());
    return 0;
}
