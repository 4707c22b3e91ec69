/* unit-date.c: the date parsers, calendar checks and the year of a dateline's "Feb 26". */
#include <config.h>
#include "days.h"
#include "dl.h"
#include "tap.h"

static void fmt_is(int parsed, const dl_date_t *d, const char *want, const char *what)
{
    char buf[20] = "";
    if (parsed)
        dl_date_format(d, buf);
    is_str(parsed ? buf : "(none)", want, "%s", what);
}

int main(void)
{
    dl_date_t d;
    fmt_is(dl_date_parse_reuters("26-FEB-1987 15:01:01.79", &d), &d, "1987-02-26T15:01:01", "Reuters date");
    fmt_is(dl_date_parse_reuters("  9-MAR-1987 11:30:00.00\x05\x05RM", &d), &d, "1987-03-09T11:30:00", "leading spaces, trailing junk");
    fmt_is(dl_date_parse_reuters(" 2-MAR-1987", &d), &d, "1987-03-02", "no time");
    fmt_is(dl_date_parse_reuters("30-FEB-1987 10:00:00", &d), &d, "(none)", "30 February refused");
    fmt_is(dl_date_parse_reuters("not a date", &d), &d, "(none)", "junk refused");

    fmt_is(dl_date_parse_iso("2017-10-18", &d), &d, "2017-10-18", "ISO day");
    fmt_is(dl_date_parse_iso("2017-10-18T09:12:00Z", &d), &d, "2017-10-18T09:12:00", "ISO with time");
    fmt_is(dl_date_parse_iso("2017-13-01", &d), &d, "(none)", "month 13 refused");
    fmt_is(dl_date_parse_iso("2017-10-18x", &d), &d, "(none)", "trailing text refused");
    fmt_is(dl_date_parse_iso("1850-06-01", &d), &d, "1850-06-01", "before 1970");
    fmt_is(dl_date_parse_iso("2051-06-01", &d), &d, "2051-06-01", "after 2038");

    const char *lines[][2] = {
        {"October 18, 2017", "2017-10-18"},
        {"December 31, 2017 ", "2017-12-31"},
        {"Oct 18, 2017", "2017-10-18"},
        {"Oct. 18 2017", "2017-10-18"},
        {"18 October 2017", "2017-10-18"},
        {"Wed, 18 Oct 2017 09:12:00 +0000", "2017-10-18T09:12:00"},
        {"Wed Oct 18, 2017 | 9:12pm EDT", "2017-10-18T21:12:00"},
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
        {"1995-05-15", "1995-05-15"},
        {"Sept 3, 1999", "1999-09-03"},
        {"February 29, 2001", "(none)"},
        {"Syrian militias to speed up campaign", "(none)"},
        {"May the best team win", "(none)"},
        {"March 3, 1999 and more words", "(none)"},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        fmt_is(dl_date_parse_line(lines[i][0], strlen(lines[i][0]), &d), &d, lines[i][1], lines[i][0]);

    ok(dl_date_valid(2000, 2, 29), "2000 is a leap year");
    ok(!dl_date_valid(1900, 2, 29), "1900 is not");
    ok(dl_date_valid(2016, 2, 29), "2016 is");
    ok(!dl_date_valid(0, 1, 1), "year 0 refused");
    is_int(dl_month_from_name("sept", 4), 9, "Sept");
    is_int(dl_month_from_name("DECEMBER", 8), 12, "DECEMBER");
    is_int(dl_month_from_name("Mayday", 6), 0, "Mayday is no month");

    dl_date_t ref = {2018, 1, 2, 0, 0, 0, 0};
    is_int(dl_date_year_near(12, 31, &ref), 2017, "Dec 31 seen on 2018-01-02 is 2017");
    dl_date_t ref2 = {2017, 12, 30, 0, 0, 0, 0};
    is_int(dl_date_year_near(1, 2, &ref2), 2018, "Jan 2 seen on 2017-12-30 is 2018");
    dl_date_t ref3 = {1987, 2, 26, 0, 0, 0, 0};
    is_int(dl_date_year_near(2, 26, &ref3), 1987, "same day, same year");
    dl_date_t ref4 = {2017, 3, 1, 0, 0, 0, 0};
    is_int(dl_date_year_near(2, 29, &ref4), 2016, "Feb 29 falls in the nearest leap year");

    fmt_is(dl_date_parse_iso("2017-10", &d), &d, "2017-10", "ISO month");
    fmt_is(dl_date_parse_iso("2017", &d), &d, "2017", "ISO year");
    fmt_is(dl_date_parse_iso("2017-13", &d), &d, "(none)", "month 13 refused");
    fmt_is(dl_date_parse_line("October 2017", 12, &d), &d, "2017-10", "a month line");
    fmt_is(dl_date_parse_line("Oct. 2017 ", 10, &d), &d, "2017-10", "an abbreviated month line");
    char span[15];
    dl_date_parse_iso("2016-02", &d);
    dl_date_sortkey(&d, span);
    is_str(span, "20160201000000", "a month's span starts on its first day");
    dl_date_endkey(&d, span);
    is_str(span, "20160229235959", "and ends on its last (a leap February)");
    dl_date_parse_iso("1850", &d);
    dl_date_endkey(&d, span);
    is_str(span, "18501231235959", "a year's span ends on 31 December");
    char key[15];
    dl_date_t k = {1987, 2, 26, 15, 1, 1, 1};
    dl_date_sortkey(&k, key);
    is_str(key, "19870226150101", "sort key");
    /* dates as CSV, JSON and mail give them */
    const char *any[][2] = {
        {"2017-10-18T09:30:00Z", "2017-10-18T09:30:00"},
        {"2017-10-18T09:30:00.123+02:00", "2017-10-18T09:30:00"},
        {"2017-10-18 09:30:00-0500", "2017-10-18T09:30:00"},
        {"2017-10-18T09:30+01", "2017-10-18T09:30:00"},
        {" December 31, 2017 ", "2017-12-31"},
        {"Tue, 20 Apr 93 17:19:15 GMT", "1993-04-20T17:19:15"},
        {"20 Apr 05 17:19:15 +0000", "2005-04-20T17:19:15"},
        {"Fri, 2 Aug 2019 09:41:12 +0200", "2019-08-02T09:41:12"},
        {"Wed, 11 Sep 2019 12:29:40 +0000 (UTC)", "2019-09-11T12:29:40"},
        {"2017-10-18T09:30:00Zjunk", "(none)"},
        {"2017-10-18T09:30:00.+02:00", "(none)"},
        {"Tue, 31 Feb 93 10:00:00 GMT", "(none)"},
        {"yesterday", "(none)"},
        {"", "(none)"},
    };
    for (size_t i = 0; i < sizeof any / sizeof any[0]; i++)
        fmt_is(dl_date_parse_any(any[i][0], strlen(any[i][0]), &d), &d, any[i][1], any[i][0]);

    /* day numbers, the one implementation the index and the SVG chart share */
    static const struct { long y, m, d, n; } days[] = {
        {1970, 1, 1, 0}, {1969, 12, 31, -1}, {2000, 3, 1, 11017}, {1987, 2, 26, 6265},
        {1, 1, 1, -719162}, {9999, 12, 31, 2932896}, {1600, 2, 29, -135081}};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        is_int(dl_day_number(days[i].y, days[i].m, days[i].d), days[i].n,
               "day number of %04ld-%02ld-%02ld", days[i].y, days[i].m, days[i].d);
    long bad = 0, prev_y = 0, prev_m = 0, prev_d = 0;
    for (long n = -719162; n <= 2932896; n++) {
        long y, m, dd;
        dl_day_date(n, &y, &m, &dd);
        /* each day is the next of the one before, and reads back to its number */
        int next = n == -719162 || (y == prev_y && m == prev_m && dd == prev_d + 1) ||
                   (y == prev_y && m == prev_m + 1 && dd == 1) || (y == prev_y + 1 && m == 1 && dd == 1);
        bad += !next || dl_day_number(y, m, dd) != n || dd > dl_date_days_in_month((int)y, (int)m);
        prev_y = y, prev_m = m, prev_d = dd;
    }
    is_int(bad, 0, "every day from 0001-01-01 to 9999-12-31 follows the one before and reads back");

    done_testing();
}
