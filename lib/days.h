/* days.h: day numbers (days since 1970-01-01, proleptic Gregorian calendar) and back, inline so
 * that the programs, which link only the public library, share them with the index. */
#ifndef DL_DAYS_H
#define DL_DAYS_H

/* The day number of year y, month m (1-12), day d. */
static inline long dl_day_number(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The year, month (1-12) and day of a day number. */
static inline void dl_day_date(long days, long *y, long *m, long *d)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097, doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

#endif
