/* dateline-lead.c: the wire-story lead "BEIRUT (Reuters) - " and headlines made from lead sentences. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract.h"

/* A dateline is read in steps, each from offset i of s (n bytes) to the offset it returns:
 *
 *   preamble:  bracketed notes and a byline before it ("(Corrects ...) By Jane Doe ")
 *   places:    PLACE [, Qualifier] { / PLACE [, Qualifier] }   ("WEST PALM BEACH, Fla./WASHINGTON")
 *   date:      , Feb 26  |  , Oct. 18  |  , 2 March
 *   source:    (Reuters)  |  ()  -- a comma may stand before it: "LONDON, (Reuters)"
 *   dash:      " - ", " -- ", " — ", " – "
 *
 * A qualifier is the state or country that says which city is meant: it qualifies the city and
 * is no dateline place of its own. */

#define PLACE_MAX 60     /* bytes of one place name */
#define QUALIFIER_MAX 48 /* bytes of a qualifier: "Democratic Republic of Congo" */
#define PREAMBLE_MAX 400 /* bytes of notes and byline before a dateline */

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static int is_upper(const char *s, size_t n, size_t i)
{
    return i < n && isupper((unsigned char)s[i]);
}

/* The dash that ends a lead, with spaces around it: " - ", " -- ", " — ", " – ". Returns the
 * bytes up to the story's first, or 0. */
static size_t dash_at(const char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && s[i] == '-') {
        k = (i + 1 < n && s[i + 1] == '-') ? 2 : 1;
    } else if (i + 3 <= n && memcmp(s + i, "\xE2\x80", 2) == 0 &&
               ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
        k = 3;
    } else {
        return 0;
    }
    i += k;
    if (i < n && s[i] != ' ' && s[i] != '\n')
        return 0; /* "U.S.-backed" is no dash */
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Copies s (n bytes) into dst (cap bytes) without its outer spaces and trailing commas.
 * Returns 0 when it had to be cut to fit: no real place, qualifier or dateline is that long,
 * and a cut one would not read back as what was found. */
static int copy_trimmed(char *dst, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' '))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    size_t fit = dl_utf8_fit(s, n, cap);
    memcpy(dst, s, fit);
    dst[fit] = '\0';
    return fit == n;
}

/* The end of the bracketed group that starts at s[i] ('('), nested ones included, or 0. */
static size_t bracket_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    for (; i < n && s[i] != '\n'; i++) {
        depth += s[i] == '(';
        depth -= s[i] == ')';
        if (depth == 0)
            return i + 1;
    }
    return 0;
}

/* Where a dateline may start: past bracketed notes ("(Corrects paragraph 3 ...)") that are no
 * source credit (a credit is followed by the dash), and past a byline ("By Jane Doe and John
 * Roe", names in capitalised words, up to a word in capitals or the end of its line). */
static size_t skip_preamble(const char *s, size_t n)
{
    size_t i = skip_spaces(s, n, 0), e;
    while (i < n && s[i] == '(' && (e = bracket_end(s, n, i)) != 0 && e < PREAMBLE_MAX &&
           !dash_at(s + e, n - e))
        i = skip_spaces(s, n, e);
    while (i < n && s[i] == '\n')
        i = skip_spaces(s, n, i + 1);
    if (i + 3 < n && memcmp(s + i, "By ", 3) == 0 && is_upper(s, n, i + 3)) {
        size_t j = i + 3;
        while (j < n && j < i + 120) {
            size_t w = j;
            while (w < n && (isalpha((unsigned char)s[w]) || s[w] == '.' || s[w] == '\'' ||
                             s[w] == '-' || (unsigned char)s[w] >= 0x80))
                w++;
            int caps = w - j >= 2, lower_word = w - j == 3 && memcmp(s + j, "and", 3) == 0;
            for (size_t c = j; c < w; c++)
                caps = caps && !islower((unsigned char)s[c]);
            if (w == j || caps || (!is_upper(s, n, j) && !lower_word))
                break; /* a word in capitals starts the dateline */
            j = w;
            while (j < n && (s[j] == ' ' || s[j] == ','))
                j++;
            if (j < n && s[j] == '\n')
                return skip_spaces(s, n, j + 1);
        }
        return j; /* "By Jane Doe (Reuters) -" has no place */
    }
    return i;
}

/* A place name from i: words of capitals ("ST. LOUIS", "SÃO PAULO", "KING OF PRUSSIA") or of
 * capitalised words ("Beirut"), separated by single spaces. Returns its end (0: none) and
 * counts its lower-case letters in *lower. */
static size_t read_place(const char *s, size_t n, size_t i, int *lower)
{
    size_t start = i, end = 0;
    while (is_upper(s, n, i) || (i < n && (unsigned char)s[i] >= 0x80 && end)) {
        size_t w = i;
        while (w < n && (isalpha((unsigned char)s[w]) || (unsigned char)s[w] >= 0x80 ||
                         s[w] == '.' || s[w] == '\'' || s[w] == '-')) {
            *lower += islower((unsigned char)s[w]) != 0;
            w++;
        }
        if (w - start > PLACE_MAX)
            break;
        end = w;
        if (w + 1 < n && s[w] == ' ' && (isupper((unsigned char)s[w + 1]) ||
                                         (unsigned char)s[w + 1] >= 0x80))
            i = w + 1;
        else
            break;
    }
    if (end && s[end - 1] == '-')
        return 0; /* "U.S.-" */
    return end && end - start >= 2 ? end : 0;
}

/* A qualifier from i: capitalised words, abbreviations ("N.J.", "W. Va.") and the small words
 * between them ("Democratic Republic of Congo"). Returns its end, or 0. */
static size_t read_qualifier(const char *s, size_t n, size_t i)
{
    static const char *const small[] = {"of", "and", "the", "de", "du", "da", "del", "la", NULL};
    size_t start = i, end = 0;
    while (i < n && i - start < QUALIFIER_MAX) {
        size_t w = i;
        while (w < n && (isalpha((unsigned char)s[w]) || (unsigned char)s[w] >= 0x80 ||
                         s[w] == '.' || s[w] == '\'' || s[w] == '-'))
            w++;
        if (w == i)
            break;
        int connector = 0;
        for (int k = 0; small[k] && !connector; k++)
            connector = strlen(small[k]) == w - i && memcmp(s + i, small[k], w - i) == 0;
        if (!connector && !is_upper(s, n, i))
            return 0; /* "LONDON, said the minister" */
        if (!connector)
            end = w;
        if (w + 1 < n && s[w] == ' ' && isalpha((unsigned char)s[w + 1]))
            i = w + 1;
        else
            break;
    }
    return end && end - start <= QUALIFIER_MAX ? end : 0;
}

/* A date after a comma: "Feb 26", "Oct. 18", "2 March". Returns its end and fills l, or 0. */
static size_t read_date(const char *s, size_t n, size_t i, dl_lead_t *l)
{
    size_t m = i, w;
    int day = 0, nd = 0, mon;
    while (m < n && isdigit((unsigned char)s[m]) && nd < 2)
        day = day * 10 + (s[m++] - '0'), nd++;
    if (nd)
        m = skip_spaces(s, n, m);
    for (w = m; w < n && isalpha((unsigned char)s[w]);)
        w++;
    if (!(mon = dl_month_from_name(s + m, w - m)))
        return 0;
    if (w < n && s[w] == '.')
        w++;
    if (!nd) {
        w = skip_spaces(s, n, w);
        while (w < n && isdigit((unsigned char)s[w]) && nd < 2)
            day = day * 10 + (s[w++] - '0'), nd++;
    }
    if (!nd || day < 1 || day > 31 || (w < n && isalnum((unsigned char)s[w])))
        return 0;
    l->month = mon;
    l->day = day;
    return w;
}

/* The places from i, each with its qualifier, into l (places, qualifiers, nplaces). Returns
 * where they end (before any spaces), or 0; *lower counts the lower-case letters of the places
 * themselves. */
static size_t read_places(const char *s, size_t n, size_t i, dl_lead_t *l, int *lower)
{
    size_t end = 0;
    for (;;) {
        size_t p = read_place(s, n, i, lower), q = 0, j;
        if (!p || l->nplaces == DL_LEAD_MAX_PLACES)
            return 0;
        if (!copy_trimmed(l->places[l->nplaces], sizeof l->places[0], s + i, p - i))
            return 0;
        l->qualifiers[l->nplaces][0] = '\0';
        end = p;
        j = skip_spaces(s, n, p);
        if (j < n && s[j] == ',') {
            size_t k = skip_spaces(s, n, j + 1);
            if (!read_date(s, n, k, l) && (q = read_qualifier(s, n, k)) != 0) {
                if (!copy_trimmed(l->qualifiers[l->nplaces], sizeof l->qualifiers[0], s + k,
                                  q - k))
                    return 0;
                end = q;
                j = skip_spaces(s, n, q);
            }
        }
        l->nplaces++;
        if (j < n && s[j] == '/') {
            i = skip_spaces(s, n, j + 1);
            continue;
        }
        return end;
    }
}

/* After the places: ", Feb 26", a source in brackets (a comma may stand before either) and the
 * dash. Returns the lead's length, or 0. A place in capitalised words ("Beirut") is one only
 * when a date or a source follows. */
static size_t read_tail(const char *s, size_t n, size_t i, dl_lead_t *l, int title_case)
{
    size_t k;
    i = skip_spaces(s, n, i);
    if (i < n && s[i] == ',') {
        size_t j = skip_spaces(s, n, i + 1), d = read_date(s, n, j, l);
        if (d)
            i = skip_spaces(s, n, d), title_case = 0;
        else if (j < n && s[j] == '(')
            i = j; /* "LONDON, (Reuters) -" */
        else
            return 0;
    }
    if (i < n && s[i] == '(') {
        size_t j = bracket_end(s, n, i);
        if (!j || j - i > 60)
            return 0;
        copy_trimmed(l->source, sizeof l->source, s + i + 1, j - i - 2);
        i = j;
    } else if (title_case) {
        return 0;
    }
    if (!(k = dash_at(s + i, n - i)))
        return 0;
    return i + k;
}

int dl_lead_parse(const char *s, size_t n, dl_lead_t *out)
{
    dl_lead_t l;
    int lower = 0;
    memset(&l, 0, sizeof l);
    size_t start = skip_preamble(s, n);
    size_t end = read_places(s, n, start, &l, &lower);
    if (!end || !(l.length = read_tail(s, n, end, &l, lower > 0)) ||
        !copy_trimmed(l.text, sizeof l.text, s + start, end - start))
        return 0;
    *out = l;
    return 1;
}

int dl_lead_split(const char *printed, dl_lead_t *out)
{
    dl_lead_t l;
    int lower = 0;
    size_t n = strlen(printed);
    memset(&l, 0, sizeof l);
    size_t start = skip_spaces(printed, n, 0), end = read_places(printed, n, start, &l, &lower);
    if (!end || skip_spaces(printed, n, end) != n ||
        !copy_trimmed(l.text, sizeof l.text, printed + start, end - start))
        return 0;
    *out = l;
    return 1;
}

/* Whether a period at s[i] ends a sentence: it is followed by a space and a capital, and the
 * word before it is no abbreviation or initial ("Mr.", "U.S.", "J."). */
static int sentence_end(const char *s, size_t n, size_t i)
{
    static const char *const abbrev[] = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt",
                                         "sgt", "capt", "sen", "rep", "gov", "prof", "jan",
                                         "feb", "aug", "sept", "oct", "nov", "dec", "inc",
                                         "corp", "co", "ltd", "jr", "sr", "vs", NULL};
    if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\n')
        return 0;
    size_t w = i;
    while (w > 0 && isalpha((unsigned char)s[w - 1]))
        w--;
    size_t len = i - w;
    if (len == 1 && isupper((unsigned char)s[w]))
        return 0; /* an initial, or the last letter of U.S. */
    if (len == 2 && strncasecmp(s + w, "no", 2) == 0 && i + 2 < n && isdigit((unsigned char)s[i + 2]))
        return 0; /* "No. 2" */
    for (int a = 0; abbrev[a]; a++)
        if (strlen(abbrev[a]) == len && strncasecmp(s + w, abbrev[a], len) == 0)
            return 0;
    return 1;
}

char *dl_headline_from_lead(const char *s, size_t n, size_t max)
{
    size_t end = 0;
    while (end < n && s[end] != '\n') {
        if ((s[end] == '.' || s[end] == '!' || s[end] == '?') && sentence_end(s, n, end)) {
            if (s[end] != '.')
                end++;
            break;
        }
        end++;
    }
    if (end <= max)
        return dl_text_clean(s, end, 1);
    /* cut at the last clause break in the last third, else the last space before max, and
     * never inside a UTF-8 sequence */
    size_t cut = max;
    while (cut > max * 2 / 3 && !(s[cut] == ' ' && (s[cut - 1] == ',' || s[cut - 1] == ';')))
        cut--;
    if (cut <= max * 2 / 3)
        for (cut = max; cut > max / 2 && s[cut] != ' ';)
            cut--;
    if (s[cut] != ' ') {
        cut = max;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    while (cut > 0 && (s[cut - 1] == ',' || s[cut - 1] == ' ' || s[cut - 1] == ';'))
        cut--;
    dl_buf_t b;
    dl_buf_init(&b);
    char *head = dl_text_clean(s, cut, 1);
    if (!head)
        return NULL;
    dl_buf_adds(&b, head);
    dl_buf_adds(&b, "...");
    free(head);
    return dl_buf_take(&b);
}
