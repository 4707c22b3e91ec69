/* unit-sgml.c: the Reuters-21578 reader: records, entities, labels, odd records, bad bytes. */
#include <config.h>
#include <stdlib.h>
#include "dl.h"
#include "tap.h"

static const char sample[] =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n"
    "<DATE> 26-FEB-1987 15:01:01.79&#5;&#5;RM</DATE>\n"
    "<TOPICS><D>cocoa</D><D>trade</D></TOPICS>\n"
    "<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n"
    "<ORGS><D>ec</D></ORGS>\n"
    "<TEXT>&#2;\n<TITLE>COCOA &amp; COFFEE &lt;REVIEW&gt;</TITLE>\n"
    "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in\n"
    "the Bahia zone.\n    Second paragraph &#3; here.\n Reuter\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"8\">\n<DATE>27-FEB-1987 01:00:00.00</DATE>\n"
    "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>TITLE ONLY\n</TITLE>\n&#3;\n</TEXT>\n</REUTERS>\n"
    "<REUTERS NEWID=\"9\">\n<DATE>27-FEB-1987 02:00:00.00</DATE>\n<TEXT>\n<TITLE>CUT SHORT\n"
    "<REUTERS NEWID=\"10\">\n<DATE>28-FEB-1987 03:00:00.00</DATE>\n"
    "<TEXT TYPE=\"UNPROC\">&#2;\nRaw caf\xfc text.\n&#3;\n</TEXT>\n</REUTERS>\n"
    "<REUTERS NEWID=\"11\">\n<DATE>not a date</DATE>\n<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n</TEXT>\n</REUTERS>\n";

#define GET(f) dateline_article_get(a, DATELINE_FIELD_##f)

int main(void)
{
    dateline_reader_t *r;
    dateline_article_t *a;
    char *msg;
    is_int(dateline_reader_open_memory(sample, sizeof sample - 1, "t.sgm", NULL, &r, &msg),
           DATELINE_OK, "open");
    is_int(dateline_reader_format(r), DATELINE_FORMAT_SGML, "detected as SGML");

    is_int(dateline_reader_next(r, &a), DATELINE_OK, "record 1");
    is_str(GET(KEY), "7", "NEWID is the key");
    is_str(GET(DATE), "1987-02-26T15:01:01", "date despite spaces and junk");
    is_str(GET(TITLE), "COCOA & COFFEE <REVIEW>", "entities decoded in the title");
    is_str(GET(BODY), "Showers continued in the Bahia zone.\nSecond paragraph here.\nReuter",
           "body unwrapped into paragraphs, control entities dropped");
    is_str(GET(DATELINE), "SALVADOR", "dateline");
    is_str(GET(SOURCE), "Reuters", "source");
    is_str(GET(FILE), "t.sgm", "origin file");
    is_int(dateline_article_count(a, DATELINE_FIELD_PLACES), 2, "two places");
    is_str(dateline_article_get_nth(a, DATELINE_FIELD_PLACES, 1), "usa", "second place");
    is_str(GET(GROUPS), "ec", "ORGS become groups");
    is_str(dateline_article_get_nth(a, DATELINE_FIELD_TOPICS, 1), "trade", "topics");
    is_str(GET(CHARSET), "utf-8", "read as UTF-8");
    is_int(dateline_reader_position(r), 2, "record starts on line 2");
    ok(dateline_reader_message(r) == NULL, "nothing to say");

    is_int(dateline_reader_next(r, &a), DATELINE_OK, "record 2 (title only)");
    is_str(GET(TITLE), "TITLE ONLY", "title of a BRIEF record");
    ok(GET(BODY) == NULL, "no body");

    is_int(dateline_reader_next(r, &a), DATELINE_BAD_INPUT, "record 3 is cut short");
    ok(a == NULL, "no article for it");
    is_int(dateline_reader_position(r), 23, "its line is given");
    ok(strstr(dateline_reader_message(r), "no </REUTERS>") != NULL, "and the reason");

    is_int(dateline_reader_next(r, &a), DATELINE_OK, "record 4 after the cut one is not lost");
    is_str(GET(KEY), "10", "its key");
    is_str(GET(BODY), "Raw caf\xc3\xbc text.", "UNPROC text, 0xFC read as Windows-1252");
    is_str(GET(CHARSET), "windows-1252", "charset recorded");
    ok(dateline_reader_message(r) && strstr(dateline_reader_message(r), "invalid UTF-8"), "a note says so");

    is_int(dateline_reader_next(r, &a), DATELINE_OK, "record 5: no text, bad date, still an article");
    ok(GET(DATE) == NULL, "left undated, not 1970");
    ok(GET(TITLE) == NULL && GET(BODY) == NULL, "no text");
    ok(dateline_reader_message(r) && strstr(dateline_reader_message(r), "unreadable DATE"), "a note about the date");

    is_int(dateline_reader_next(r, &a), DATELINE_END, "then the end");
    is_int(dateline_reader_next(r, &a), DATELINE_END, "and it stays ended");
    dateline_reader_destroy(r);

    is_int(dateline_reader_open_memory("", 0, "e.txt", NULL, &r, &msg), DATELINE_BAD_INPUT, "empty input");
    is_str(msg, "e.txt: empty file, no article in it", "named in the message");
    dateline_free(msg);
    is_int(dateline_reader_open_memory("\x7f" "ELF\x02\x01\x00\x00", 8, "b", NULL, &r, &msg), DATELINE_BAD_INPUT, "binary input");
    dateline_free(msg);
    dateline_reader_options_t o = DATELINE_READER_OPTIONS_INIT;
    o.encoding = "NO-SUCH";
    is_int(dateline_reader_open_memory("x", 1, "x", &o, &r, &msg), DATELINE_BAD_ARGUMENT, "unknown encoding");
    dateline_free(msg);
    o.encoding = NULL;
    o.date = "2017-02-30";
    is_int(dateline_reader_open_memory("x", 1, "x", &o, &r, &msg), DATELINE_BAD_ARGUMENT, "impossible --date");
    dateline_free(msg);

    /* plain text: headline and date lines, lead, --date with a dateline day */
    static const char text[] = "Headline here\nOctober 18, 2017\n\nBEIRUT (Reuters) - Story text.\nMore.\n";
    is_int(dateline_reader_open_memory(text, sizeof text - 1, "s.txt", NULL, &r, &msg), DATELINE_OK, "text open");
    is_int(dateline_reader_next(r, &a), DATELINE_OK, "text article");
    is_str(GET(TITLE), "Headline here", "headline line");
    is_str(GET(DATE), "2017-10-18", "date line");
    is_str(GET(BODY), "BEIRUT (Reuters) - Story text.\nMore.", "body");
    is_str(GET(DATELINE), "BEIRUT", "dateline");
    ok(GET(KEY) == NULL, "no key for a one-article file");
    is_int(dateline_reader_next(r, &a), DATELINE_END, "one article per file");
    dateline_reader_destroy(r);

    static const char lead[] = "SALVADOR, Dec 31 - Rains fell. More rain.";
    o.date = "2018-01-02";
    is_int(dateline_reader_open_memory(lead, sizeof lead - 1, "l.txt", &o, &r, &msg), DATELINE_OK, "lead-only text");
    dateline_reader_next(r, &a);
    is_str(GET(DATE), "2017-12-31", "dateline day with --date's year, across the year end");
    is_str(GET(TITLE), "Rains fell", "headline from the lead sentence, without its full stop");
    dateline_reader_destroy(r);
    done_testing();
}
