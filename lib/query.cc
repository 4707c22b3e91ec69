/* query.cc: turns a parsed query (lib/query-parse.c's tree) into a Xapian query, word for word as the
 * index was written: the same tokenizer and stemmer, the same filter keys, the same date slots. */
#include <config.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "gazetteer.h"
#include "index-int.h"

namespace dl {

namespace {

const Xapian::termcount WILDCARD_MAX = 1000; /* expansions of petro* or "oil pric*": the most
                                              * frequent kept */
const size_t MAX_RUN = 32; /* words of one phrase or NEAR: Xapian's positional match costs grow
                            * fast with them (a NEAR of 400 words took 33 s on Reuters) */

/* The words of some text as the index has them: stems (without the Z) and the words as written,
 * lower case, in order. Xapian's own TermGenerator cuts the words, as it did when indexing. */
struct Words {
    std::vector<std::string> stems, raw;
};

Words tokenize(const std::string &text, const Xapian::Stem &stem)
{
    Words w;
    for (int pass = 0; pass < 2; pass++) {
        Xapian::Document doc;
        Xapian::TermGenerator tg;
        if (pass == 0) {
            tg.set_stemmer(stem);
            tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        } else {
            tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
        }
        tg.set_document(doc);
        tg.index_text(text);
        std::vector<std::pair<Xapian::termpos, std::string>> at;
        for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                at.emplace_back(*p, pass == 0 ? (*t).substr(1) : *t);
        std::sort(at.begin(), at.end());
        for (const auto &x : at)
            (pass == 0 ? w.stems : w.raw).push_back(x.second);
    }
    if (w.raw.size() != w.stems.size())
        w.raw = w.stems; /* cannot happen: one tokenizer for both */
    return w;
}

/* "u.s." as the index has "U.S.": Xapian reads single capitals between dots as one word (US),
 * lower-case ones as single letters. Returns the text with such runs in capitals. */
std::string capital_acronyms(const std::string &s)
{
    auto alpha = [&](size_t k) { return k < s.size() && std::isalpha(static_cast<unsigned char>(s[k])); };
    auto alnum = [&](size_t k) { return k < s.size() && std::isalnum(static_cast<unsigned char>(s[k])); };
    std::string o = s;
    for (size_t i = 0; i < s.size(); i++) {
        if (!alpha(i) || (i && alnum(i - 1)))
            continue;
        size_t j = i, letters = 0;
        while (alpha(j) && j + 1 < s.size() && s[j + 1] == '.') {
            letters++;
            j += 2;
        }
        if (alpha(j) && !alnum(j + 1)) { /* "u.s" without its last dot */
            letters++;
            j++;
        }
        if (letters < 2 || alnum(j))
            continue;
        for (size_t k = i; k < j; k++)
            o[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[k])));
        i = j;
    }
    return o;
}

} // namespace

std::vector<std::string> key_words(const std::string &key)
{
    static const char trim[] = "()<>[]{}\"',;:!?";
    std::vector<std::string> words;
    for (size_t p = 0; p < key.size();) {
        size_t e = std::min(key.find('-', p), key.size());
        size_t b = p;
        while (b < e && std::strchr(trim, key[b]))
            b++;
        size_t z = e;
        while (z > b && std::strchr(trim, key[z - 1]))
            z--;
        if (z > b)
            words.push_back(key.substr(b, z - b));
        p = e + 1;
    }
    return words;
}

namespace {

/* Every article. Not Xapian::Query::MatchAll: that is one object for the whole process, and
 * copying it counts references without a lock, so threads that each build a query with it
 * race (tests/threads.sh crashed about once in 40 runs). */
Xapian::Query every() { return Xapian::Query(std::string()); }

/* What matches no article but, unlike an empty query, still counts in an AND: a term no index
 * holds (every term of the schema starts with a capital letter). */
Xapian::Query nothing() { return Xapian::Query(std::string("\x01", 1)); }

/* The subqueries joined by op; the one itself when there is one. */
Xapian::Query joined(Xapian::Query::op op, const std::vector<Xapian::Query> &qs)
{
    return qs.size() == 1 ? qs[0] : Xapian::Query(op, qs.begin(), qs.end());
}

/* The years, months and days that tile the days from lo to hi ("YYYYMMDD..." keys), as date
 * terms, each unit as large as fits: the union of their postings is every article whose date
 * span lies within lo..hi (a span is a day, month or year, or a moment, so it lies within one
 * unit of the tiling when it lies within the range). False when it takes more than
 * DL_DATE_TERMS_MAX terms. */
bool date_tiles(const char *lo, const char *hi, std::vector<std::string> &terms)
{
    auto num = [](const char *s, int at, int len) { return std::stoi(std::string(s + at, len)); };
    int y = num(lo, 0, 4), m = num(lo, 4, 2), d = num(lo, 6, 2);
    const int ey = num(hi, 0, 4), em = num(hi, 4, 2), ed = num(hi, 6, 2);
    const bool year_end = em == 12 && ed == 31, month_end = ed == dl_date_days_in_month(ey, em);
    char t[16];
    while (y * 10000 + m * 100 + d <= ey * 10000 + em * 100 + ed) {
        if (terms.size() == DL_DATE_TERMS_MAX)
            return false;
        if (d == 1 && m == 1 && (y < ey || year_end)) {
            std::snprintf(t, sizeof t, "%s%04d", DL_PREFIX_YEAR, y);
            y++;
        } else if (d == 1 && (y * 100 + m < ey * 100 + em || month_end)) {
            std::snprintf(t, sizeof t, "%s%04d%02d", DL_PREFIX_MONTH, y, m);
            if (++m > 12)
                m = 1, y++;
        } else {
            std::snprintf(t, sizeof t, "%s%04d%02d%02d", DL_PREFIX_DAY, y, m, d);
            if (++d > dl_date_days_in_month(y, m)) {
                d = 1;
                if (++m > 12)
                    m = 1, y++;
            }
        }
        terms.push_back(t);
    }
    return true;
}

class Builder {
    const Xapian::Database &db;
    const Xapian::Stem &stem;
    BuiltQuery &out;
    std::vector<Xapian::Query> salient; /* place and group terms asked for: they rank too */
    int alternatives = 0;               /* ORs above the node being built */
    bool date_terms;                    /* the index has date terms (schema 3) */

  public:
    Builder(const Xapian::Database &d, const Xapian::Stem &s, BuiltQuery &o)
        : db(d), stem(s), out(o),
          date_terms((o.metadata ? o.metadata(DL_SCHEMA_KEY) : d.get_metadata(DL_SCHEMA_KEY)) !=
                     DL_SCHEMA_VERSION_NO_DATE_TERMS) {}

    /* The most frequent terms that start with prefix, at most `cap`. */
    std::vector<std::string> expand(const std::string &prefix, size_t cap)
    {
        std::vector<std::pair<Xapian::doccount, std::string>> v;
        for (Xapian::TermIterator t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
            v.emplace_back(t.get_termfreq(), *t);
        std::stable_sort(v.begin(), v.end(), [](const std::pair<Xapian::doccount, std::string> &a,
                                                const std::pair<Xapian::doccount, std::string> &b) {
            return a.first > b.first;
        });
        std::vector<std::string> terms;
        for (size_t i = 0; i < v.size() && i < cap; i++)
            terms.push_back(v[i].second);
        return terms;
    }

    /* A metadata value: the one merged across independent indexes when there is one
     * (lib/shards.cc), else the database's (a database of shards reads its first shard's). */
    std::string metadata(const std::string &key)
    {
        return out.metadata ? out.metadata(key) : db.get_metadata(key);
    }

    /* A wildcard's terms, ORed. Wildcards are expanded here, against the whole database, and
     * not by OP_WILDCARD, which each shard (a remote server too) would expand apart: other
     * terms, other scores than one index's. */
    Xapian::Query any_of(const std::vector<std::string> &terms)
    {
        if (terms.empty())
            return nothing();
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

    /* Words in one field ("Z" body, "ZS" headline): a term, a phrase, or a wildcard. */
    Xapian::Query words_in(const Words &w, bool wild, const std::string &prefix)
    {
        size_t n = w.stems.size();
        if (n == 1 && !wild)
            return Xapian::Query(prefix + w.stems[0]);
        if (n == 1)
            return any_of(expand(prefix + w.raw[0], WILDCARD_MAX));
        std::vector<Xapian::Query> ts;
        for (size_t i = 0; i + (wild ? 1 : 0) < n; i++)
            ts.emplace_back(prefix + w.stems[i]);
        if (!wild)
            return Xapian::Query(Xapian::Query::OP_PHRASE, ts.begin(), ts.end(),
                                 static_cast<Xapian::termcount>(n));
        /* "oil pric*": the last position holds any word that starts so */
        std::vector<std::string> ends = expand(prefix + w.raw[n - 1], WILDCARD_MAX);
        if (ends.empty())
            return nothing();
        std::vector<Xapian::Query> any(ends.begin(), ends.end());
        ts.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
        return Xapian::Query(Xapian::Query::OP_PHRASE, ts.begin(), ts.end(),
                             static_cast<Xapian::termcount>(n));
    }

    /* Whether some word of the text is one the index cannot hold (longer than the tokenizer
     * keeps): such a text matches nothing, where one with no word at all ("&") asks nothing. */
    bool unindexable(const std::string &text)
    {
        for (size_t p = 0; p < text.size();) {
            size_t e = text.find_first_of(" \t\r\n", p);
            e = e == std::string::npos ? text.size() : e;
            std::string piece = text.substr(p, e - p);
            bool letters = false;
            for (unsigned char c : piece)
                letters = letters || std::isalnum(c) || c >= 0x80;
            if (letters && tokenize(piece, stem).stems.empty())
                return true;
            p = e + 1;
        }
        return false;
    }

    /* A run of words too long to match in reasonable time: a syntax error. */
    void check_run(const dl_qnode_t *n, size_t words)
    {
        if (words > MAX_RUN && out.error.empty())
            out.error = "position " + std::to_string(n->at) + ": a phrase or NEAR of " +
                        std::to_string(words) + " words: at most " + std::to_string(MAX_RUN);
    }

    /* A word or phrase, in the headline and the body (title: the headline only). Empty when
     * the text holds no word at all ("&"). */
    Xapian::Query words(const dl_qnode_t *n, bool positive)
    {
        std::vector<Xapian::Query> alts;
        std::vector<std::string> variants{n->text};
        std::string caps = capital_acronyms(n->text);
        if (caps != variants[0])
            variants.push_back(caps); /* u.s. as written, and as U.S. */
        if (unindexable(n->text))
            return nothing();
        for (const std::string &variant : variants) {
            Words w = tokenize(variant, stem);
            if (w.stems.empty())
                continue;
            check_run(n, w.stems.size());
            /* a snippet is cut where the phrase holds when every match holds it: not under an
             * OR (another branch may be what matched), not for title: (not in the body) */
            if (positive && !alternatives && w.stems.size() > 1 && !n->title)
                out.proximity.push_back(Proximity{
                    std::vector<std::string>(w.stems.begin(), w.stems.end() - (n->wild ? 1 : 0)),
                    static_cast<unsigned>(w.stems.size()), true});
            if (n->wild && positive)
                out.wildcards.push_back(DL_PREFIX_WORD + w.raw.back());
            if (!n->title)
                alts.push_back(words_in(w, n->wild, DL_PREFIX_WORD));
            alts.push_back(words_in(w, n->wild, DL_PREFIX_TITLE));
        }
        if (alts.empty())
            return Xapian::Query();
        return joined(Xapian::Query::OP_OR, alts);
    }

    /* a NEAR b NEAR/3 c: every word of every side, within the window of each other */
    Xapian::Query near(const dl_qnode_t *n, bool positive)
    {
        std::vector<std::string> stems;
        for (size_t i = 0; i < n->nkids; i++) {
            if (unindexable(n->kids[i]->text))
                return nothing();
            Words w = tokenize(capital_acronyms(n->kids[i]->text), stem);
            stems.insert(stems.end(), w.stems.begin(), w.stems.end());
        }
        if (stems.empty())
            return Xapian::Query();
        check_run(n, stems.size());
        /* NEAR/n as Xapian's own syntax reads it: the words within a window of n + (words - 1)
         * positions, so NEAR/1 is next to each other and NEAR/3 two words apart at most */
        Xapian::termcount window = static_cast<Xapian::termcount>(n->window + stems.size() - 1);
        if (positive && !alternatives)
            out.proximity.push_back(Proximity{stems, window, false});
        std::vector<Xapian::Query> fields;
        for (const char *prefix : {DL_PREFIX_WORD, DL_PREFIX_TITLE}) {
            std::vector<Xapian::Query> ts;
            for (const std::string &s : stems)
                ts.emplace_back(prefix + s);
            if (stems.size() == 1) /* the other sides held no word at all ("&") */
                fields.push_back(ts[0]);
            else
                fields.emplace_back(Xapian::Query::OP_NEAR, ts.begin(), ts.end(), window);
        }
        return Xapian::Query(Xapian::Query::OP_OR, fields.begin(), fields.end());
    }

    /* place:NAME: every place the gazetteer knows by that name (or id), small towns too (a story
     * lists Selma where it says "Selma, Alabama"), and a label of that key */
    static std::vector<std::string> place_terms(const std::string &value)
    {
        std::vector<std::string> terms{DL_PREFIX_PLACE + (DL_PLACE_LABEL + value)};
        char key[128];
        size_t n = dl_gaz_fold(value.data(), value.size(), key, sizeof key), count;
        const dl_naming_t *nm = dl_gaz_lookup_all(key, n, &count);
        for (size_t i = 0; nm && i < count; i++)
            terms.push_back(std::string(DL_PREFIX_PLACE) + dl_gaz_place(nm[i].place)->id);
        if (dl_gaz_find_id(value.c_str()) >= 0)
            terms.push_back(DL_PREFIX_PLACE + value);
        return terms;
    }

    /* group:NAME: the group by that name, built-in or learned, and every acronym learned for it;
     * group:ACRONYM: the same through the alias the index learned. */
    std::vector<std::string> group_terms(const std::string &value, std::vector<std::string> &names)
    {
        std::string k = folded(value);
        std::vector<std::string> groups{k}, acronyms{k};
        names.push_back(value);
        size_t count;
        const dl_naming_t *nm = dl_grp_lookup(k.data(), k.size(), &count);
        for (size_t i = 0; nm && i < count; i++) {
            groups.push_back(folded(dl_grp_get(nm[i].place)->name));
            names.push_back(dl_grp_get(nm[i].place)->name);
        }
        std::string named = metadata(DL_ALIAS_KEY + k);
        if (!named.empty()) {
            groups.push_back(folded(named));
            names.push_back(named);
        }
        for (const std::string &g : std::vector<std::string>(groups)) {
            std::string list = metadata(DL_ALIASES_KEY + g);
            for (size_t p = 0; p < list.size();) {
                size_t sp = list.find(' ', p);
                acronyms.push_back(list.substr(p, sp == std::string::npos ? sp : sp - p));
                p = sp == std::string::npos ? list.size() : sp + 1;
            }
        }
        std::vector<std::string> terms;
        for (const std::string &g : groups)
            if (!g.empty())
                terms.push_back(DL_PREFIX_GROUP + g);
        for (const std::string &a : acronyms)
            if (!a.empty()) {
                terms.push_back(DL_PREFIX_ACRONYM + a);
                names.push_back(a);
            }
        return terms;
    }

    /* Any of the names, as words of the headline or the body. */
    Xapian::Query mentions(const std::vector<std::string> &names)
    {
        std::vector<Xapian::Query> any;
        std::vector<std::vector<std::string>> seen;
        for (const std::string &name : names) {
            Words w = tokenize(name, stem);
            if (w.stems.empty() || std::find(seen.begin(), seen.end(), w.stems) != seen.end())
                continue; /* "islamic-state" and "Islamic State" are one name */
            seen.push_back(w.stems);
            any.push_back(words_in(w, false, DL_PREFIX_WORD));
            any.push_back(words_in(w, false, DL_PREFIX_TITLE));
        }
        return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
    }

    Xapian::Query filter(const dl_qnode_t *n, bool positive)
    {
        const dl_filter_t *f = n->filter;
        std::string key = n->text;
        Xapian::Query q;
        if (n->wild) {
            q = any_of(expand(f->prefix + key, WILDCARD_MAX));
        } else {
            std::vector<std::string> terms, names;
            if (f->flags & DL_FILTER_PLACES)
                terms = place_terms(key);
            else if (f->flags & DL_FILTER_NAMED)
                terms = group_terms(key, names);
            if (!terms.empty()) {
                std::sort(terms.begin(), terms.end());
                terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
                q = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
                /* A place's salience in each story (its XP wdf) ranks the stories; a group's
                 * mentions by any of its names do (its XG terms carry no weight: a wdf there
                 * would lengthen every document and so move every word's score). */
                if (positive && (f->flags & DL_FILTER_RANKED))
                    salient.push_back(q);
                if (positive && !names.empty())
                    salient.push_back(mentions(names));
            } else if (f->flags & DL_FILTER_WORDS) {
                /* author:"john smith": each word of the name, in any order */
                std::vector<Xapian::Query> ws;
                for (const std::string &w : key_words(key))
                    ws.emplace_back(f->prefix + w);
                q = ws.empty() ? Xapian::Query(f->prefix + key)
                               : Xapian::Query(Xapian::Query::OP_AND, ws.begin(), ws.end());
            } else {
                q = Xapian::Query(f->prefix + key);
            }
        }
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
    }

    /* date:A..B: the date terms that tile it where the index has them; else, and for open
     * ranges, the value slots, which Xapian checks article by article. */
    Xapian::Query date(const dl_qnode_t *n)
    {
        std::vector<std::string> terms;
        if (date_terms && n->lo[0] && n->hi[0] && date_tiles(n->lo, n->hi, terms))
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                 Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), 0.0);
        Xapian::Query from(Xapian::Query::OP_VALUE_GE, DL_SLOT_DATE, n->lo);
        Xapian::Query to(Xapian::Query::OP_VALUE_LE, DL_SLOT_DATE_END, n->hi);
        if (!n->lo[0])
            return to;
        if (!n->hi[0])
            return from;
        return Xapian::Query(Xapian::Query::OP_AND, from, to);
    }

    /* The query for n, n->neg aside. Empty (Query()) when it asks for nothing ("&"). */
    Xapian::Query build(const dl_qnode_t *n, bool positive)
    {
        switch (n->kind) {
        case DL_Q_WORDS: return words(n, positive);
        case DL_Q_NEAR: return near(n, positive);
        case DL_Q_FILTER: return filter(n, positive);
        case DL_Q_DATE: return date(n);
        case DL_Q_ALL: return every();
        case DL_Q_AND: {
            std::vector<Xapian::Query> pos, neg;
            bool all = false;
            for (size_t i = 0; i < n->nkids; i++) {
                const dl_qnode_t *k = n->kids[i];
                Xapian::Query q = build(k, positive != static_cast<bool>(k->neg));
                if (q.empty())
                    continue;
                if (k->neg)
                    neg.push_back(q);
                else if (k->kind == DL_Q_ALL)
                    all = true; /* '*' with anything else adds nothing */
                else
                    pos.push_back(q);
            }
            if (pos.empty() && neg.empty() && !all)
                return Xapian::Query(); /* nothing asked, or only words that are none ("&") */
            Xapian::Query q = pos.empty() ? every() : joined(Xapian::Query::OP_AND, pos);
            if (!neg.empty())
                q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, joined(Xapian::Query::OP_OR, neg));
            return q;
        }
        case DL_Q_OR: {
            std::vector<Xapian::Query> any;
            alternatives++;
            for (size_t i = 0; i < n->nkids; i++) {
                const dl_qnode_t *k = n->kids[i];
                Xapian::Query q = build(k, positive != static_cast<bool>(k->neg));
                if (q.empty())
                    continue;
                if (k->neg)
                    q = Xapian::Query(Xapian::Query::OP_AND_NOT, every(), q);
                any.push_back(q);
            }
            alternatives--;
            if (any.empty())
                return Xapian::Query();
            return joined(Xapian::Query::OP_OR, any);
        }
        }
        return Xapian::Query();
    }

    void run(const dl_qnode_t *root)
    {
        bool positive = !root->neg;
        Xapian::Query q = build(root, positive);
        if (root->neg)
            q = Xapian::Query(Xapian::Query::OP_AND_NOT, every(), q);
        if (!salient.empty())
            q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, joined(Xapian::Query::OP_OR, salient));
        out.query = q;
    }
};

} // namespace

void build_query(const dl_qnode_t *root, const Xapian::Database &db, const Xapian::Stem &stem,
                 BuiltQuery &out)
{
    Builder(db, stem, out).run(root);
}

} // namespace dl
