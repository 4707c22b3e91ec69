/* fuzz-date.c: the date and dateline parsers. A date they accept is a real calendar date
 * whose ISO form parses back to itself; a dateline they accept lies within the input. */
#include <string.h>

#include "dateline.h"
#include "../../indexer/extract.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_date(const dl_date_t *d)
{
    FUZZ_ASSERT(d->year >= 1 && d->year <= 9999);
    if (d->day)
        FUZZ_ASSERT(dl_date_valid(d->year, d->month, d->day));
    else if (d->month)
        FUZZ_ASSERT(d->month >= 1 && d->month <= 12);
    char iso[32], start[16], end[16];
    dl_date_format(d, iso);
    dl_date_t back;
    FUZZ_ASSERT(dl_date_parse_iso(iso, &back));
    FUZZ_ASSERT(back.year == d->year && back.month == d->month && back.day == d->day);
    dl_date_sortkey(d, start);
    dl_date_endkey(d, end);
    FUZZ_ASSERT(strlen(start) == 14 && strlen(end) == 14 && strcmp(start, end) <= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    if (!s)
        return 0;
    dl_date_t d;
    if (dl_date_parse_reuters(s, &d))
        check_date(&d);
    if (dl_date_parse_iso(s, &d))
        check_date(&d);
    if (dl_date_parse_line(s, size, &d))
        check_date(&d);
    if (dl_date_parse_any(s, size, &d))
        check_date(&d);
    dl_lead_t lead;
    if (dl_lead_parse(s, size, &lead)) {
        FUZZ_ASSERT(lead.length <= size);
        FUZZ_ASSERT(lead.nplaces >= 0 && lead.nplaces <= DL_LEAD_MAX_PLACES);
        FUZZ_ASSERT(memchr(lead.text, '\0', sizeof lead.text));
        if (dl_utf8_valid(s, size)) { /* valid text in, valid text out */
            FUZZ_ASSERT(dl_utf8_valid(lead.text, strlen(lead.text)));
            for (int i = 0; i < lead.nplaces; i++)
                FUZZ_ASSERT(dl_utf8_valid(lead.places[i], strlen(lead.places[i])) &&
                            dl_utf8_valid(lead.qualifiers[i], strlen(lead.qualifiers[i])));
        }
        /* the dateline as printed splits back into the same places and qualifiers: one too
         * long for its fields is no dateline, rather than a cut one */
        dl_lead_t back;
        FUZZ_ASSERT(dl_lead_split(lead.text, &back) && back.nplaces == lead.nplaces);
        for (int i = 0; i < lead.nplaces; i++)
            FUZZ_ASSERT(strcmp(back.places[i], lead.places[i]) == 0 &&
                        strcmp(back.qualifiers[i], lead.qualifiers[i]) == 0);
        if (lead.month)
            FUZZ_ASSERT(lead.month >= 1 && lead.month <= 12 && lead.day >= 1 && lead.day <= 31);
    }
    char *h = dl_headline_from_lead(s, size, 120);
    if (h)
        FUZZ_ASSERT(strlen(h) <= 120 + 3);
    free(h);
    free(s);
    return 0;
}
