/* snippets.cc: a result's snippet (a passage of its text around what matched, a phrase or NEAR
 * seen holding) and its headline or body with every matching word highlighted. */
#include <config.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "index-int.h"

using namespace dl;

namespace {

/* MSet::snippet() escapes for HTML; our callers want the text as it is. */
static std::string unescape_html(const std::string &s)
{
    std::string o;
    o.reserve(s.size());
    for (size_t i = 0; i < s.size(); i++) {
        unsigned long cp;
        size_t n = s[i] == '&' ? dl_entity(s.data() + i, s.size() - i, &cp) : 0;
        if (n && cp < 0x80 && cp) { /* what the escaping writes: &amp; &lt; &gt; &quot; &#39; */
            o += static_cast<char>(cp);
            i += n - 1;
            continue;
        }
        o += s[i];
    }
    return o;
}

/* s with the snippet's markers \x01 and \x02 replaced by the caller's, line ends by spaces. */
static std::string markers(const std::string &s, const char *hi_start, const char *hi_end,
                           bool one_line = true)
{
    std::string o;
    o.reserve(s.size() + 32);
    for (char c : s) {
        if (c == '\x01')
            o += hi_start ? hi_start : "";
        else if (c == '\x02')
            o += hi_end ? hi_end : "";
        else
            o += c == '\n' && one_line ? ' ' : c;
    }
    return o;
}

/* Xapian 1.4's snippets find stemmed words but not phrases of stems (STEM_ALL_Z) nor
 * wildcards over them. So snippets come from an MSet of the words that matched this document
 * (wildcards expanded), ORed: each word of a phrase, NEAR or wildcard is highlighted. For the
 * headline, the words that matched there (ZS) are taken, as the snippet code spells words (Z). */
static Xapian::MSet word_mset(dateline_result *res, bool title)
{
    std::vector<std::string> terms;
    const Xapian::Enquire &enq = res->parent->enq;
    for (auto t = enq.get_matching_terms_begin(res->it); t != enq.get_matching_terms_end(res->it); ++t) {
        bool headline = has_prefix(*t, DL_PREFIX_TITLE);
        if (title && headline)
            terms.push_back(DL_PREFIX_WORD + (*t).substr(DL_PREFIX_LEN(DL_PREFIX_TITLE)));
        else if (!title && !headline && has_prefix(*t, DL_PREFIX_WORD))
            terms.push_back(*t);
    }
    Xapian::Database &db = *res->parent->query->index->db;
    for (const std::string &w : res->parent->query->wildcards) {
        std::string prefix = title ? DL_PREFIX_TITLE + w.substr(DL_PREFIX_LEN(DL_PREFIX_WORD)) : w;
        Xapian::TermIterator t = db.termlist_begin(res->did);
        for (t.skip_to(prefix);
             t != db.termlist_end(res->did) && (*t).compare(0, prefix.size(), prefix) == 0; ++t)
            terms.push_back(DL_PREFIX_WORD + (*t).substr(title ? DL_PREFIX_LEN(DL_PREFIX_TITLE)
                                                                : DL_PREFIX_LEN(DL_PREFIX_WORD)));
    }
    Xapian::Enquire words(db);
    words.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    return words.get_mset(0, 0);
}

/* The words of a text with where each starts and ends, stemmed, cut about as Xapian cuts them. */
struct TextWord {
    size_t start, end;
    std::string stem;
};

static std::vector<TextWord> text_words(const std::string &text, const Xapian::Stem &stem)
{
    std::vector<TextWord> words;
    std::string w;
    size_t start = 0;
    Xapian::Utf8Iterator it(text), end;
    for (;; ++it) {
        bool in = it != end && (Xapian::Unicode::is_wordchar(*it) ||
                                (*it == '\'' && !w.empty()));
        size_t at = it != end ? static_cast<size_t>(it.raw() - text.data()) : text.size();
        if (in) {
            if (w.empty())
                start = at;
            Xapian::Unicode::append_utf8(w, Xapian::Unicode::tolower(*it));
        } else if (!w.empty()) {
            while (!w.empty() && w.back() == '\'')
                w.pop_back();
            words.push_back(TextWord{start, at, stem(w)});
            w.clear();
        }
        if (it == end)
            break;
    }
    return words;
}

/* Where in text the first phrase or NEAR of the query holds: [*from, *to) in bytes. */
static bool proximity_at(const std::vector<dl::Proximity> &prox, const std::string &text,
                         const Xapian::Stem &stem, size_t *from, size_t *to)
{
    std::vector<TextWord> words = text_words(text, stem);
    for (const dl::Proximity &p : prox) {
        size_t n = p.stems.size();
        if (!n)
            continue;
        for (size_t i = 0; i < words.size(); i++) {
            if (p.phrase) {
                size_t k = 0;
                while (k < n && i + k < words.size() && words[i + k].stem == p.stems[k])
                    k++;
                if (k == n) {
                    *from = words[i].start;
                    *to = words[i + n - 1].end;
                    return true;
                }
                continue;
            }
            /* NEAR: every word within the window that starts here, the first one here */
            if (std::find(p.stems.begin(), p.stems.end(), words[i].stem) == p.stems.end())
                continue;
            std::vector<bool> seen(n, false);
            size_t last = i, found = 0;
            for (size_t k = i; k < words.size() && k < i + p.window; k++)
                for (size_t s = 0; s < n; s++)
                    if (!seen[s] && words[k].stem == p.stems[s]) {
                        seen[s] = true;
                        found++;
                        last = k;
                        break;
                    }
            if (found == n) {
                *from = words[i].start;
                *to = words[last].end;
                return true;
            }
        }
    }
    return false;
}

} // namespace

extern "C" dateline_status_t dateline_result_snippet(dateline_result_t *res, size_t length,
                                                     const char *hi_start, const char *hi_end,
                                                     const char **out)
{
    if (!res || !out)
        return DATELINE_BAD_ARGUMENT;
    const dateline_article_t *a;
    dateline_status_t st = dateline_result_article(res, &a);
    if (st != DATELINE_OK)
        return st;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        const char *text = dateline_article_get(a, DATELINE_FIELD_BODY);
        if (!text)
            text = dateline_article_get(a, DATELINE_FIELD_TITLE);
        std::string body = text ? text : "";
        /* A phrase or NEAR must be seen holding: Xapian's snippet weighs words one by one and
         * may pick a passage where they stand apart, so it is given the passage around the
         * first place they hold together. */
        std::string before, after;
        size_t from = 0, to = 0;
        /* only the phrases and NEARs whose every word matched this article's body: another
         * branch of an OR may be what matched */
        std::vector<dl::Proximity> held;
        if (body.size() > length && !res->parent->query->proximity.empty()) {
            std::vector<std::string> matched;
            const Xapian::Enquire &enq = res->parent->enq;
            for (auto t = enq.get_matching_terms_begin(res->it);
                 t != enq.get_matching_terms_end(res->it); ++t)
                if ((*t).size() > 1 && has_prefix(*t, DL_PREFIX_WORD) && !has_prefix(*t, DL_PREFIX_TITLE))
                    matched.push_back((*t).substr(DL_PREFIX_LEN(DL_PREFIX_WORD)));
            for (const dl::Proximity &p : res->parent->query->proximity)
                if (std::all_of(p.stems.begin(), p.stems.end(), [&](const std::string &w) {
                        return std::find(matched.begin(), matched.end(), w) != matched.end();
                    }))
                    held.push_back(p);
        }
        if (!held.empty() && proximity_at(held, body, idx->stem, &from, &to)) {
            size_t span = to - from, lead = span < length ? (length - span) / 5 : 0;
            size_t b = from > lead ? from - lead : 0;
            while (b > 0 && b < from && body[b - 1] != ' ')
                b++; /* start on a word */
            size_t e = std::min(body.size(), b + std::max(length, span));
            while (e < body.size() && e > to && body[e - 1] != ' ')
                e--;
            if (b > 0)
                before = "...";
            if (e < body.size())
                after = "...";
            body = body.substr(b, e - b);
        }
        /* markers that cannot occur in text, swapped for the caller's after unescaping */
        /* no background model, not exhaustive: 1.1 ms for a page of ten instead of 2.9 */
        const unsigned flags = Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
        std::string s = word_mset(res, false).snippet(body, length, idx->stem, flags, "\x01", "\x02",
                                               "...");
        if (s.empty()) {
            /* no word of the query is in the text (a filter-only query): show how it starts */
            s = body.substr(0, std::min(body.size(), length));
            if (s.size() < body.size()) {
                size_t sp = s.rfind(' ');
                if (sp != std::string::npos && sp > length / 2)
                    s.erase(sp);
                else
                    while (!s.empty() && (static_cast<unsigned char>(body[s.size()]) & 0xC0) == 0x80)
                        s.erase(s.size() - 1); /* not inside a character */
                s += "...";
            }
        } else {
            s = unescape_html(s);
            if (!before.empty() && s.compare(0, 3, "...") != 0)
                s = before + s;
            if (!after.empty() && (s.size() < 3 || s.compare(s.size() - 3, 3, "...") != 0))
                s += after;
        }
        res->snippet = markers(s, hi_start, hi_end);
        *out = res->snippet.c_str();
        return DATELINE_OK;
    });
}

extern "C" dateline_status_t dateline_result_highlight(dateline_result_t *res, dateline_field_t field,
                                                       const char *hi_start, const char *hi_end,
                                                       const char **out)
{
    if (!res || !out || (field != DATELINE_FIELD_TITLE && field != DATELINE_FIELD_BODY))
        return DATELINE_BAD_ARGUMENT;
    const dateline_article_t *a;
    dateline_status_t st = dateline_result_article(res, &a);
    if (st != DATELINE_OK)
        return st;
    dateline_index *idx = res->parent->query->index;
    return guard(idx, [&]() {
        const char *text = dateline_article_get(a, field);
        std::string t = text ? text : "";
        std::string s;
        if (!t.empty())
            s = word_mset(res, field == DATELINE_FIELD_TITLE)
                    .snippet(t, t.size() + 1, idx->stem, 0, "\x01", "\x02", "");
        s = unescape_html(s);
        res->highlighted = markers(s.empty() ? t : s, hi_start, hi_end, false);
        *out = res->highlighted.c_str();
        return DATELINE_OK;
    });
}
