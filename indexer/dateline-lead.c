/* dateline-lead.c: the wire-story lead "BEIRUT (Reuters) - " and headlines made from lead sentences. */
#include <config.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dl.h"

/* Whether the byte can be part of a place name in capitals. Bytes >= 0x80 are accepted so that
 * "SÃO PAULO" and "ZÜRICH" read; what makes a name is that its ASCII letters are capitals. */
static int place_byte(unsigned char c, int *lower)
{
    if (c >= 'a' && c <= 'z') {
        (*lower)++;
        return 1;
    }
    return (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '.' || c == '\'' || c == '-' || c == ' ';
}

/* The dash that ends a lead, with spaces around it: " - ", " -- ", " — ", " – ". */
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

static void copy_trimmed(char *dst, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' '))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    n = dl_utf8_fit(s, n, cap);
    memcpy(dst, s, n);
    dst[n] = '\0';
}

int dl_lead_parse(const char *s, size_t n, dl_lead_t *out)
{
    dl_lead_t l;
    size_t i = 0, start, k;
    int lower = 0, upper = 0;
    memset(&l, 0, sizeof l);
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    start = i;
    /* the places: capitals, separated by '/' */
    while (i < n && i - start < 100) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/' || place_byte(c, &lower)) {
            if (c >= 'A' && c <= 'Z')
                upper++;
            i++;
            continue;
        }
        break;
    }
    if (i == n || upper + lower < 2 || !isupper((unsigned char)s[start]))
        return 0;
    size_t place_end = i;
    /* back off a trailing space, and a trailing dash that belongs to the lead's end */
    while (place_end > start && (s[place_end - 1] == ' ' || s[place_end - 1] == '-'))
        place_end--;
    if (place_end == start)
        return 0;
    /* places must be in capitals, unless a source in brackets follows ("Beirut (Reuters) -") */
    int title_case = lower > 0;
    i = place_end;
    while (i < n && s[i] == ' ')
        i++;
    char qualifier[64] = "";
    for (int commas = 0; i < n && s[i] == ',' && commas < 2; commas++) {
        /* ", Feb 26" or a country or state after the place: ", Iraq" */
        size_t j = i + 1;
        while (j < n && s[j] == ' ')
            j++;
        size_t w = j;
        while (w < n && isalpha((unsigned char)s[w]))
            w++;
        int mon = dl_month_from_name(s + j, w - j);
        size_t m = w;
        if (m < n && s[m] == '.')
            m++;
        while (m < n && s[m] == ' ')
            m++;
        int day = 0, nd = 0;
        while (m < n && isdigit((unsigned char)s[m]) && nd < 2)
            day = day * 10 + (s[m++] - '0'), nd++;
        if (mon && nd && day >= 1 && day <= 31 && !l.month) {
            l.month = mon;
            l.day = day;
            i = m;
        } else if (!qualifier[0] && !l.month && j < n && isupper((unsigned char)s[j])) {
            /* words, each starting with a capital: "Iraq", "New Mexico", "D.C." */
            size_t q = j;
            while (q < n && q - j < 40) {
                if (!isupper((unsigned char)s[q]))
                    break;
                while (q < n && (isalpha((unsigned char)s[q]) || s[q] == '.' || s[q] == '-' ||
                                 s[q] == '\''))
                    q++;
                if (q + 1 < n && s[q] == ' ' && isupper((unsigned char)s[q + 1]))
                    q++;
                else
                    break;
            }
            copy_trimmed(qualifier, sizeof qualifier, s + j, q - j);
            i = q;
        } else {
            return 0;
        }
        while (i < n && s[i] == ' ')
            i++;
    }
    if (i < n && s[i] == '(') {
        size_t j = i + 1;
        while (j < n && s[j] != ')' && s[j] != '\n' && j - i < 60)
            j++;
        if (j >= n || s[j] != ')')
            return 0;
        copy_trimmed(l.source, sizeof l.source, s + i + 1, j - i - 1);
        i = j + 1;
    } else if (title_case) {
        return 0;
    }
    if (!(k = dash_at(s + i, n - i)))
        return 0;
    l.length = i + k;
    copy_trimmed(l.text, sizeof l.text, s + start, place_end - start);
    if (qualifier[0] && strlen(l.text) + strlen(qualifier) + 3 < sizeof l.text) {
        strcat(l.text, ", ");
        strcat(l.text, qualifier);
    }
    /* split on '/' */
    const char *p = l.text;
    while (*p && l.nplaces < DL_LEAD_MAX_PLACES) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        copy_trimmed(l.places[l.nplaces], sizeof l.places[0], p, len);
        if (l.places[l.nplaces][0])
            l.nplaces++;
        if (!slash)
            break;
        p = slash + 1;
    }
    if (!l.nplaces)
        return 0;
    /* "MOSUL, Iraq": the qualifier is where the place is, a dateline place too */
    char *comma = strchr(l.places[l.nplaces - 1], ',');
    if (comma) {
        *comma = '\0';
        if (l.nplaces < DL_LEAD_MAX_PLACES)
            copy_trimmed(l.places[l.nplaces++], sizeof l.places[0], qualifier, strlen(qualifier));
    }
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
