/* date.c: calendar checks and the ways news sources write dates; no time_t, so any year 1..9999. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "dl.h"

static const char *const month_names[12] = {"january", "february", "march", "april",
                                            "may", "june", "july", "august",
                                            "september", "october", "november", "december"};

int dl_date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int dl_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= dl_date_days_in_month(y, m);
}

int dl_month_from_name(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    if (n == 4 && strncasecmp(s, "sept", 4) == 0)
        return 9;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if ((n == 3 || n == full) && n <= full && strncasecmp(s, month_names[m], n) == 0)
            return m + 1;
    }
    return 0;
}

/* Reads up to `max` digits (at least `min`) at *s into *out; advances *s. */
static int digits(const char **s, int min, int max, int *out)
{
    int v = 0, k = 0;
    while (k < max && isdigit((unsigned char)(*s)[k])) {
        v = v * 10 + ((*s)[k] - '0');
        k++;
    }
    if (k < min)
        return 0;
    *s += k;
    *out = v;
    return 1;
}

static void clear(dl_date_t *d) { memset(d, 0, sizeof *d); }

/* "HH:MM[:SS[.frac]]" at *s; fills the time and advances. Returns 1 if a time was read. */
static int time_of_day(const char **s, dl_date_t *d)
{
    const char *p = *s;
    int h, mi, se = 0;
    if (!digits(&p, 1, 2, &h) || *p != ':')
        return 0;
    p++;
    if (!digits(&p, 2, 2, &mi))
        return 0;
    if (*p == ':') {
        p++;
        if (!digits(&p, 2, 2, &se))
            return 0;
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    if (h > 23 || mi > 59 || se > 60)
        return 0;
    d->hour = h;
    d->minute = mi;
    d->second = se > 59 ? 59 : se;
    d->has_time = 1;
    *s = p;
    return 1;
}

int dl_date_parse_reuters(const char *s, dl_date_t *out)
{
    dl_date_t d;
    int day, y;
    clear(&d);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!digits(&s, 1, 2, &day) || *s != '-')
        return 0;
    s++;
    const char *m = s;
    while (isalpha((unsigned char)*s))
        s++;
    int mon = dl_month_from_name(m, (size_t)(s - m));
    if (!mon || *s != '-')
        return 0;
    s++;
    if (!digits(&s, 4, 4, &y) || !dl_date_valid(y, mon, day))
        return 0;
    d.year = y;
    d.month = mon;
    d.day = day;
    while (*s == ' ')
        s++;
    time_of_day(&s, &d); /* optional; whatever follows is junk the source left */
    *out = d;
    return 1;
}

int dl_date_parse_iso(const char *s, dl_date_t *out)
{
    dl_date_t d;
    int y, m, day;
    clear(&d);
    if (!digits(&s, 4, 4, &y) || y < 1)
        return 0;
    if (!*s) { /* "2017": known to the year */
        d.year = y;
        *out = d;
        return 1;
    }
    if (*s++ != '-' || !digits(&s, 2, 2, &m) || m < 1 || m > 12)
        return 0;
    if (!*s) { /* "2017-10": known to the month */
        d.year = y;
        d.month = m;
        *out = d;
        return 1;
    }
    if (*s++ != '-' || !digits(&s, 2, 2, &day) || !dl_date_valid(y, m, day))
        return 0;
    d.year = y;
    d.month = m;
    d.day = day;
    if (*s == 'T' || *s == ' ') {
        s++;
        if (!time_of_day(&s, &d))
            return 0;
        if (*s == 'Z')
            s++;
    }
    if (*s)
        return 0;
    *out = d;
    return 1;
}

static const char *skip_blank(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
        s++;
    return s;
}

/* A word of letters at s; its length. */
static size_t word_len(const char *s, const char *end)
{
    const char *p = s;
    while (p < end && isalpha((unsigned char)*p))
        p++;
    return (size_t)(p - s);
}

/* Past an optional weekday at p: "Wed," or "Wednesday". */
static const char *skip_weekday(const char *p, const char *end)
{
    size_t w = word_len(p, end);
    static const char *const weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int i = 0; w >= 3 && i < 7; i++)
        if (strncasecmp(p, weekdays[i], 3) == 0) {
            p = skip_blank(p + w, end);
            if (p < end && *p == '.')
                p++;
            p = skip_blank(p, end);
            break;
        }
    return p;
}

/* The time that may follow a date at *pp, with "pm" or "am", into d; *pp goes past it. 0 when
 * the zone after it is longer than a zone is. */
static int time_after(const char **pp, const char *end, dl_date_t *d)
{
    const char *p = *pp;
    if (*p && time_of_day(&p, d)) {
        if (strncasecmp(p, "pm", 2) == 0 || strncasecmp(p, "p.m.", 4) == 0) {
            if (d->hour < 12)
                d->hour += 12;
        } else if (strncasecmp(p, "am", 2) == 0 || strncasecmp(p, "a.m.", 4) == 0) {
            if (d->hour == 12)
                d->hour = 0;
        }
        while (*p && *p != ' ')
            p++;
        p = skip_blank(p, end);
        /* one zone we keep no account of: "EDT", "+0000", "(UTC)" */
        const char *z = p;
        if (*p == '(')
            p++;
        while (*p && (isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '+' ||
                      *p == '-' || *p == ':'))
            p++;
        if (*p == ')')
            p++;
        if (p - z > 8)
            return 0;
        p = skip_blank(p, end);
    }
    *pp = p;
    return 1;
}

int dl_date_parse_line(const char *s, size_t n, dl_date_t *out)
{
    char buf[80];
    const char *p, *end;
    dl_date_t d;
    int day = 0, mon = 0, y = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (dl_date_parse_iso(buf, out))
        return 1;
    clear(&d);
    p = buf;
    end = buf + n;
    p = skip_weekday(p, end);
    size_t w;
    if (isdigit((unsigned char)*p)) {
        /* "18 October 2017" or Reuters "26-FEB-1987" */
        const char *q = p;
        if (!digits(&q, 1, 2, &day))
            return 0;
        if (*q == '-')
            return dl_date_parse_reuters(p, out) ? 1 : 0;
        q = skip_blank(q, end);
        w = word_len(q, end);
        if (!(mon = dl_month_from_name(q, w)))
            return 0;
        q = skip_blank(q + w, end);
        if (q < end && *q == '.')
            q = skip_blank(q + 1, end);
        if (!digits(&q, 4, 4, &y))
            return 0;
        p = q;
    } else {
        /* "October 18, 2017", "Oct. 18 2017", or only "October 2017" */
        w = word_len(p, end);
        if (!(mon = dl_month_from_name(p, w)))
            return 0;
        p += w;
        if (p < end && *p == '.')
            p++;
        p = skip_blank(p, end);
        const char *q = p;
        if (digits(&q, 4, 4, &y) && !*skip_blank(q, end)) {
            d.year = y;
            d.month = mon;
            *out = d;
            return y >= 1;
        }
        if (!digits(&p, 1, 2, &day))
            return 0;
        p = skip_blank(p, end);
        if (!digits(&p, 4, 4, &y))
            return 0;
    }
    if (!dl_date_valid(y, mon, day))
        return 0;
    d.year = y;
    d.month = mon;
    d.day = day;
    p = skip_blank(p, end);
    if (*p == '|' || *p == '/' || *p == '-')
        p = skip_blank(p + 1, end);
    if (!time_after(&p, end, &d))
        return 0;
    if (*p)
        return 0;
    *out = d;
    return 1;
}

/* Days from 0001-01-01 to y-m-d, for comparing dates. */
static long day_number(int y, int m, int d)
{
    long n = 365L * (y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
    for (int i = 1; i < m; i++)
        n += dl_date_days_in_month(y, i);
    return n + d;
}

int dl_date_year_near(int month, int day, const dl_date_t *ref)
{
    int best = ref->year;
    long bestdist = -1;
    long r = day_number(ref->year, ref->month ? ref->month : 1, ref->day ? ref->day : 1);
    for (int y = ref->year - 1; y <= ref->year + 1; y++) {
        if (!dl_date_valid(y, month, day))
            continue;
        long dist = day_number(y, month, day) - r;
        if (dist < 0)
            dist = -dist;
        if (bestdist < 0 || dist < bestdist) {
            best = y;
            bestdist = dist;
        }
    }
    return best;
}

void dl_date_format(const dl_date_t *d, char *out)
{
    if (!d->month)
        snprintf(out, 20, "%04d", d->year);
    else if (!d->day)
        snprintf(out, 20, "%04d-%02d", d->year, d->month);
    else if (d->has_time)
        snprintf(out, 20, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day, d->hour,
                 d->minute, d->second);
    else
        snprintf(out, 20, "%04d-%02d-%02d", d->year, d->month, d->day);
}

void dl_date_sortkey(const dl_date_t *d, char *out)
{
    snprintf(out, 15, "%04d%02d%02d%02d%02d%02d", d->year, d->month ? d->month : 1,
             d->day ? d->day : 1, d->hour, d->minute, d->second);
}

void dl_date_endkey(const dl_date_t *d, char *out)
{
    int m = d->month ? d->month : 12;
    int day = d->day ? d->day : dl_date_days_in_month(d->year, m);
    if (d->has_time)
        dl_date_sortkey(d, out);
    else
        snprintf(out, 15, "%04d%02d%02d235959", d->year, m, day);
}

/* What is left after an ISO time: fractions of a second and a zone ("Z", "+01:00", "-0500"),
 * which are dropped like the zones of dl_date_parse_line(). */
static int iso_tail(const char *p)
{
    if (*p == '.' || *p == ',') {
        p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'Z' || *p == 'z')
        p++;
    else if (*p == '+' || *p == '-') {
        p++;
        for (int i = 0; i < 4; i++) {
            if (i == 2 && *p == ':')
                p++;
            if (!isdigit((unsigned char)*p))
                return i == 2; /* "+01" */
            p++;
        }
    }
    return *p == '\0';
}

int dl_date_parse_any(const char *s, size_t n, dl_date_t *out)
{
    char buf[80];
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n == 0 || n >= sizeof buf)
        return 0;
    if (dl_date_parse_line(s, n, out))
        return 1;
    /* a comment after a zone, as mail has: "+0000 (UTC)" */
    if (s[n - 1] == ')') {
        size_t k = n;
        while (k > 0 && s[k - 1] != '(')
            k--;
        if (k > 1 && s[k - 2] == ' ')
            return dl_date_parse_any(s, k - 2, out);
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* ISO 8601 with seconds' fractions or a zone: "2017-10-18T09:30:00.000Z" */
    if (n > 19 && buf[4] == '-' && buf[7] == '-' && (buf[10] == 'T' || buf[10] == ' ') &&
        buf[13] == ':' && buf[16] == ':' && iso_tail(buf + 19)) {
        buf[19] = '\0';
        return dl_date_parse_iso(buf, out);
    }
    if (n > 16 && buf[4] == '-' && buf[7] == '-' && (buf[10] == 'T' || buf[10] == ' ') &&
        buf[13] == ':' && !isdigit((unsigned char)buf[16]) && buf[16] != ':' &&
        iso_tail(buf + 16)) {
        buf[16] = '\0';
        return dl_date_parse_iso(buf, out);
    }
    /* RFC 822's two-digit years, as old mail and Usenet have them: "Tue, 20 Apr 93 17:19:15
     * GMT" (50-99 are 19xx, 00-49 20xx, as RFC 5322 says) */
    char *p = buf;
    if (isalpha((unsigned char)*p)) {
        while (isalpha((unsigned char)*p))
            p++;
        if (*p == ',')
            p++;
        while (*p == ' ')
            p++;
    }
    if (isdigit((unsigned char)p[0])) {
        p += isdigit((unsigned char)p[1]) ? 2 : 1;
        if (*p == ' ' || *p == '-') {
            p++;
            while (isalpha((unsigned char)*p))
                p++;
            if ((*p == ' ' || *p == '-') && isdigit((unsigned char)p[1]) &&
                isdigit((unsigned char)p[2]) && (p[3] == ' ' || p[3] == '\0') &&
                n + 2 < sizeof buf) {
                char fixed[80];
                int yy = (p[1] - '0') * 10 + (p[2] - '0');
                size_t head = (size_t)(p + 1 - buf);
                snprintf(fixed, sizeof fixed, "%.*s%d%s", (int)head, buf,
                         yy < 50 ? 2000 + yy : 1900 + yy, p + 3);
                for (char *q = fixed; *q && q < fixed + head; q++)
                    if (*q == '-')
                        *q = ' ';
                return dl_date_parse_line(fixed, strlen(fixed), out);
            }
        }
    }
    return 0;
}
