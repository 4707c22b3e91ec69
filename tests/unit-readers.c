/* unit-readers.c: the CSV, JSON and mail readers on the cases that break naive ones: quotes,
 * line ends and "" inside fields, byte-order marks, CRLF, tab-separated files, JSON escapes and
 * nesting, MIME encodings and parts, mbox quoting, declared charsets, and format detection. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dateline.h"
#include "dl.h"
#include "../indexer/reader.h"
#include "tap.h"

/* Every record of the input as one line "title|body|date|topics|places|key|identity|charset|
 * author|source", or "REJECT line: reason"; lines joined by '\n'. */
static char *read_all(const char *data, size_t len, const char *name,
                      const dateline_reader_options_t *o, dateline_format_t *format)
{
    dateline_reader_t *r;
    char *msg = NULL;
    dl_buf_t b;
    dl_buf_init(&b);
    if (dateline_reader_open_memory(data, len, name, o, &r, &msg) != DATELINE_OK) {
        dl_buf_printf(&b, "OPEN: %s", msg ? msg : "?");
        dateline_free(msg);
        return dl_buf_take(&b);
    }
    if (format)
        *format = dateline_reader_format(r);
    dateline_article_t *a;
    dateline_status_t st;
    while ((st = dateline_reader_next(r, &a)) != DATELINE_END) {
        if (b.len)
            dl_buf_addc(&b, '\n');
        if (st != DATELINE_OK) {
            dl_buf_printf(&b, "REJECT %zu: %s", dateline_reader_position(r),
                          dateline_reader_message(r));
            continue;
        }
        static const dateline_field_t fields[] = {
            DATELINE_FIELD_TITLE, DATELINE_FIELD_BODY, DATELINE_FIELD_DATE,
            DATELINE_FIELD_TOPICS, DATELINE_FIELD_PLACES, DATELINE_FIELD_KEY,
            DATELINE_FIELD_IDENTITY, DATELINE_FIELD_CHARSET, DATELINE_FIELD_AUTHOR,
            DATELINE_FIELD_SOURCE};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            if (f)
                dl_buf_addc(&b, '|');
            for (size_t i = 0; i < dateline_article_count(a, fields[f]); i++)
                dl_buf_printf(&b, "%s%s", i ? "," : "", dateline_article_get_nth(a, fields[f], i));
        }
    }
    dateline_reader_destroy(r);
    return dl_buf_take(&b);
}

static void reads(const char *data, const char *name, const dateline_reader_options_t *o,
                  dateline_format_t want_format, const char *want, const char *what)
{
    dateline_format_t f = DATELINE_FORMAT_AUTO;
    char *got = read_all(data, strlen(data), name, o, &f);
    is_str(got, want, "%s", what);
    if (want_format != DATELINE_FORMAT_AUTO)
        is_str(dateline_format_name(f), dateline_format_name(want_format), "%s: format", what);
    free(got);
}

/* How many values dateline_format_t has in the installed header (AUTO included): counted in
 * the text, so that a value added there without a row of the format table fails below. */
static int enum_values(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/include/dateline.h", top && *top ? top : ".");
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    int in = 0, n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, "} dateline_format_t;", 20) == 0)
            break;
        if (strncmp(p, "typedef enum", 12) == 0)
            in = 1, n = 0;
        else if (in && strncmp(p, "DATELINE_FORMAT_", 16) == 0)
            n++;
    }
    fclose(f);
    return n;
}

/* The format table: a row with a name for every value of the public enum, and no other row. */
static void format_table(void)
{
    size_t nrows;
    const dl_format_row_t *const *rows = dl_format_rows(&nrows);
    int values = enum_values();
    ok(values > 1, "dateline_format_t's values counted in include/dateline.h (%d)", values);
    is_int((int)nrows, values - 1, "one row per format of the public enum, AUTO aside");
    is_str(dateline_format_name(DATELINE_FORMAT_AUTO), "auto", "AUTO is named, with no row");
    ok(dl_format_row(DATELINE_FORMAT_AUTO) == NULL, "AUTO has no row");
    for (int f = 1; f < values; f++) {
        const dl_format_row_t *row = dl_format_row((dateline_format_t)f);
        ok(row && row->format == (dateline_format_t)f && row->name && *row->name && row->next,
           "format %d has a row with a name and a reader", f);
        if (!row)
            continue;
        is_str(dateline_format_name((dateline_format_t)f), row->name, "format %d: its name", f);
        is_int((int)dateline_format_from_name(row->name), f, "%s: its name reads back", row->name);
        ok(!row->free || row->state_size, "%s: frees only state it has", row->name);
        for (const char *const *a = row->aliases; a && *a; a++)
            is_int((int)dateline_format_from_name(*a), f, "%s: alias %s", row->name, *a);
        /* an extension means the format when the content says nothing */
        for (const char *const *e = row->extensions; e && *e; e++) {
            char name[64];
            dateline_format_t got = DATELINE_FORMAT_AUTO;
            snprintf(name, sizeof name, "story.%s", *e);
            char *all = read_all("nothing but words\n", 18, name, NULL, &got);
            free(all);
            is_str(dateline_format_name(got), row->name, "%s: a file named %s", row->name, name);
        }
    }
    for (size_t i = 0; i < nrows; i++)
        ok(dl_format_row(rows[i]->format) == rows[i], "row %zu (%s) is its format's only row", i,
           rows[i]->name);
    is_str(dateline_format_name((dateline_format_t)values), "unknown",
           "the value after the last has no name");
    is_int((int)dateline_format_from_name("nonesuch"), DATELINE_FORMAT_AUTO, "an unknown name");
    dateline_reader_options_t o = DATELINE_READER_OPTIONS_INIT;
    o.format = (dateline_format_t)values;
    dateline_reader_t *r = NULL;
    char *msg = NULL;
    is_int(dateline_reader_open_memory("x\n", 2, "x", &o, &r, &msg), DATELINE_BAD_ARGUMENT,
           "a format with no row is refused");
    ok(r == NULL && msg && strstr(msg, "unknown version or format"), "and said so: %s",
       msg ? msg : "(null)");
    dateline_free(msg);
}

/* The dateline and the dateline places ("DATELINE|PLACE,PLACE") of the first record of data. */
static char *datelines_of(const char *data, const char *name)
{
    dateline_reader_t *r;
    dateline_article_t *a;
    dl_buf_t b;
    dl_buf_init(&b);
    dateline_reader_options_t o = DATELINE_READER_OPTIONS_INIT;
    if (dateline_reader_open_memory(data, strlen(data), name, &o, &r, NULL) != DATELINE_OK)
        return dl_buf_take(&b);
    if (dateline_reader_next(r, &a) == DATELINE_OK) {
        const char *d = dateline_article_get(a, DATELINE_FIELD_DATELINE);
        dl_buf_printf(&b, "%s|", d ? d : "");
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_DATELINES); i++)
            dl_buf_printf(&b, "%s%s", i ? "," : "",
                          dateline_article_get_nth(a, DATELINE_FIELD_DATELINES, i));
    }
    dateline_reader_destroy(r);
    return dl_buf_take(&b);
}

int main(void)
{
    dateline_reader_options_t o = DATELINE_READER_OPTIONS_INIT;

    format_table();

    /* CSV */
    reads("\xEF\xBB\xBFtitle,text,date\r\n"
          "\"Quotes \"\"inside\"\"\",\"Line one\r\nline two, with a comma\",2019-05-14\r\n"
          "Plain,Text,\r\n",
          "x.csv", &o, DATELINE_FORMAT_CSV,
          "Quotes \"inside\"|Line one\nline two, with a comma|2019-05-14|||1||utf-8||\n"
          "Plain|Text||||2||utf-8||",
          "CSV: BOM, CRLF, quotes, a line end and a comma inside a field");
    reads("headline\tbody\tcategory\tid\nA\tB\tsport; tennis\t77\n", "y.tsv", &o,
          DATELINE_FORMAT_CSV, "A|B||sport,tennis||1|id:77|utf-8||",
          "TSV; a list column split on ';'; id column gives the identity");
    reads("Title,Story\n\nOne,First\n\n\nTwo,Second\n", "z.txt", &o, DATELINE_FORMAT_CSV,
          "One|First||||1||utf-8||\nTwo|Second||||2||utf-8||",
          "CSV found by its header; blank rows skipped");
    reads("title,text\nA,\"never closed\nB,fine\n", "q.csv", &o, DATELINE_FORMAT_CSV,
          "REJECT 2: row 1: a quoted field is never closed (a \" missing?); the row was skipped "
          "and reading goes on at the next line\nB|fine||||2||utf-8||",
          "an open quote at the end costs one line");
    reads("a,b\n1,2\n", "n.csv", &o, DATELINE_FORMAT_CSV,
          "REJECT 1: the first row ('a', 'b') names no title or text column: if the file has no "
          "header, say what each column holds with --columns (for example --columns "
          "topic,title,text); if its names are unusual, map them with --fields (for example "
          "--fields text=story)",
          "a .csv without a known header says what to do");
    o.columns = "-,title,text";
    reads("x,Headline,Body text\n", "n.csv", &o, DATELINE_FORMAT_CSV,
          "Headline|Body text||||1||utf-8||", "--columns: no header, a skipped column");
    reads("id,title,text\n9,Headline,Body text\n", "n.csv", &o, DATELINE_FORMAT_CSV,
          "Headline|Body text||||1||utf-8||", "--columns: a header of known names is skipped");
    o.columns = NULL;
    o.fields = "title=hed,text=copy";
    reads("hed,copy,title\nH,C,ignored\n", "f.csv", &o, DATELINE_FORMAT_CSV,
          "H|C||||1||utf-8||", "--fields: the named column wins over the usual name");
    o.fields = "title";
    reads("title,text\nA,B\n", "f.csv", &o, DATELINE_FORMAT_AUTO,
          "OPEN: --fields: 'title' is not FIELD=NAME with FIELD one of title, text, summary, "
          "date, topic, place, source, id, author, dateline or - (for example "
          "title=headline,text=story)", "a bad --fields is refused when opening");
    o.fields = NULL;
    reads("title,text\nCaf\xe9,\"na\xefve\"\n", "w.csv", &o, DATELINE_FORMAT_CSV,
          "Caf\xc3\xa9|na\xc3\xafve||||1||windows-1252||", "a Windows-1252 row");

    /* JSON */
    reads("{\"title\": \"Esc \\\"q\\\" \\u00e9 \\ud83d\\udcf0 \\ud800\", \"text\": \"a\\nb\", "
          "\"tags\": [\"x\"], \"topics\": [\"t1\", \"t2\"], \"author\": {\"name\": \"N\"}, "
          "\"n\": 1.5e3, \"ok\": true, \"no\": null, \"id\": 42}\n",
          "j.jsonl", &o, DATELINE_FORMAT_JSON,
          "Esc \"q\" \xc3\xa9 \xf0\x9f\x93\xb0 \xef\xbf\xbd|a\nb||t1,t2||1|id:42|utf-8|N|",
          "JSON: escapes, surrogate pairs, a lone surrogate, arrays, nested name, numbers");
    reads("[\n  {\"headline\": \"One\", \"body\": \"First\"},\n  {\"headline\": \"Two\", "
          "\"body\": \"Second\"}\n]\n",
          "a.json", &o, DATELINE_FORMAT_JSON,
          "One|First||||1||utf-8||\nTwo|Second||||2||utf-8||", "a JSON array of objects");
    reads("{\"title\": \"A\", \"text\": \"x\"}\n{\"title\": 1 2}\n{\"title\": \"C\", \"text\": "
          "\"z\"}\n",
          "b.jsonl", &o, DATELINE_FORMAT_JSON,
          "A|x||||1||utf-8||\nREJECT 2: object 2 is not valid JSON: a value without ',' or '}' "
          "after it\nC|z||||3||utf-8||",
          "a broken object between good ones");
    reads("{\"x\": \"only an unknown key\"}\n", "c.jsonl", &o, DATELINE_FORMAT_JSON,
          "REJECT 1: object 1 has no title and no text (its keys name neither: map them with "
          "--fields, for example --fields text=story)", "an object with no known key");

    /* mail */
    reads("From: =?UTF-8?B?Sm9zw6k=?= <j@example.org>\n"
          "Subject: =?ISO-8859-1?Q?Caf=E9_news?= =?UTF-8?Q?_today?=\n"
          "Date: Tue, 20 Apr 93 17:19:15 GMT\n"
          "Newsgroups: alt.news, misc.test\n"
          "Message-ID: <abc@host>\n"
          "Content-Type: text/plain; charset=\"utf-8\"\n"
          "Content-Transfer-Encoding: quoted-printable\n"
          "\n"
          "Soft=\n break and =C3=A9.\n",
          "m", &o, DATELINE_FORMAT_MAIL,
          "Caf\xc3\xa9 news today|Soft break and \xc3\xa9.|1993-04-20T17:19:15|alt.news,misc.test"
          "||abc@host|message-id:abc@host|utf-8|Jos\xc3\xa9 <j@example.org>|",
          "mail: encoded words, two-digit year, QP soft break, Newsgroups, Message-ID");
    reads("From: a@b\nSubject: Parts\nMIME-Version: 1.0\n"
          "Content-Type: multipart/mixed; boundary=OUTER\n\n"
          "preamble\n--OUTER\nContent-Type: multipart/alternative; boundary=\"IN\"\n\n"
          "--IN\nContent-Type: text/html\n\n<p>html &amp; tags</p>\n"
          "--IN\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: "
          "base64\n\nR3L832U=\n--IN--\n--OUTER\nContent-Type: application/pdf\n\nxx\n--OUTER--\n",
          "p", &o, DATELINE_FORMAT_MAIL, "Parts|Gr\xc3\xbc\xc3\x9f" "e||||||windows-1252|a@b|",
          "nested multipart: the plain part, base64, ISO-8859-1 read as Windows-1252");
    reads("From: a@b\nSubject: Only HTML\nContent-Type: text/html; charset=utf-8\n\n"
          "<html><style>p{}</style><p>One</p><p>Two &amp; three</p></html>\n",
          "h", &o, DATELINE_FORMAT_MAIL, "Only HTML|One\n\nTwo & three||||||utf-8|a@b|",
          "an HTML body without its tags");
    reads("From: a@b\nSubject: References\nContent-Type: text/html; charset=utf-8\n\n"
          "<p>It&#8217;s Caf&#xE9;&nbsp;Noir &#0; &eacute; &#39;q&#39;</p>\n",
          "r", &o, DATELINE_FORMAT_MAIL,
          "References|It\xe2\x80\x99s Caf\xc3\xa9 Noir &#0; &eacute; 'q'||||||utf-8|a@b|",
          "an HTML body's numeric references decoded (a NUL's and unknown names kept as written)");
    reads("From: a@b\nSubject: Declared wrongly\nContent-Type: text/plain; charset=us-ascii\n\n"
          "Z\xc3\xbcrich\n",
          "d", &o, DATELINE_FORMAT_MAIL, "Declared wrongly|Z\xc3\xbcrich||||||utf-8|a@b|",
          "UTF-8 declared as ASCII is read as UTF-8");
    reads("From x@y Mon Jan 1 00:00:00 2001\nFrom: x@y\nSubject: One\n\nBody one\n>From here\n\n"
          "From x@y Mon Jan 1 00:00:01 2001\nFrom: x@y\nSubject: Two\n\nBody two\n",
          "box", &o, DATELINE_FORMAT_MAIL,
          "One|Body one\nFrom here||||1||utf-8|x@y|\nTwo|Body two||||2||utf-8|x@y|",
          "mbox: two messages, '>From ' unquoted, numbered keys");
    reads("From: a@b (A)\nSubject: Parametric EQ\nArticle-I.D.: host.C4rI7o.4Bw\n"
          "Nntp-Posting-Host-[nntpd-23809]: ike\nX-Alt.reply-Address: c@d\nOrganization: "
          "Navy\n\nThree bands.\n",
          "u", &o, DATELINE_FORMAT_MAIL, "Parametric EQ|Three bands.||||||utf-8|a@b (A)|Navy",
          "Usenet field names with '.', '[' and ']' are headers (RFC 5322: any printable "
          "ASCII but ':')");
    reads(" uunet!olivea!sgigate!odin!fido\nSubject: Cut short\nFrom: e@f\n\nThe text.\n",
          "c", &o, DATELINE_FORMAT_MAIL, "Cut short|The text.||||||utf-8|e@f|",
          "a folded line first (a Path: cut short) and then headers: mail");
    reads("  An indented first line\nof plain text, no headers\n", "i", &o,
          DATELINE_FORMAT_TEXT,
          "An indented first line|An indented first line\nof plain text, no headers||||||utf-8||",
          "an indented text with no header after it stays text");
    reads("Subject: no blank line and no body\n", "e", &o, DATELINE_FORMAT_TEXT,
          "Subject: no blank line and no body|Subject: no blank line and no body||||||utf-8||",
          "one header line alone is plain text");

    /* NewsML and HTML */
    reads("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsitem itemid=\"7\" date=\"1996-08-20\">"
          "<headline>Caf&#233; &amp; bar</headline><dateline>PARIS 1996-08-20</dateline>"
          "<text><p>One.</p><p><![CDATA[Two <b>]]></p></text>"
          "<metadata><codes class=\"bip:topics:1.0\"><code code=\"GCAT\"/></codes>"
          "<codes class=\"bip:countries:1.0\"><code code=\"FRA\"/></codes></metadata>"
          "</newsitem>\n",
          "n.xml", &o, DATELINE_FORMAT_XML,
          "Caf\xc3\xa9 & bar|One.\n\nTwo <b>|1996-08-20|GCAT|FRA|7|newsml:7|utf-8||",
          "NewsML: entities, CDATA, paragraphs, codes, itemid");
    /* a NewsML dateline's qualifier is its place's, as in a lead: "BOGOTA, Colombia" */
    char *dls = datelines_of("<?xml version=\"1.0\"?><newsitem itemid=\"9\"><headline>H</headline>"
                             "<dateline>BOGOTA, Colombia 1996-08-22</dateline><text><p>T.</p></text>"
                             "</newsitem>", "d.xml");
    is_str(dls, "BOGOTA, Colombia|BOGOTA", "NewsML dateline: BOGOTA, qualified by Colombia");
    free(dls);
    dls = datelines_of("<?xml version=\"1.0\"?><newsitem itemid=\"10\"><headline>H</headline>"
                       "<dateline>LONDON/PARIS 1996-08-22</dateline><text><p>T.</p></text>"
                       "</newsitem>", "d.xml");
    is_str(dls, "LONDON/PARIS|LONDON,PARIS", "NewsML dateline of two places");
    free(dls);
    reads("<?xml version=\"1.0\"?><newsitem itemid=\"8\"><headline>No end",
          "c.xml", &o, DATELINE_FORMAT_XML, "No end|||||8|newsml:8|utf-8||",
          "NewsML cut short: what was read");
    reads("<?xml version=\"1.0\"?><feed><entry>no newsitem</entry></feed>", "e.xml", &o,
          DATELINE_FORMAT_XML, "REJECT 1: XML without a <newsitem> (NewsML) in it",
          "XML that is not NewsML is refused");
    reads("<html><head><title>Page | Site</title><meta name=\"pubdate\" content=\"20 May 2021\">"
          "<link rel=\"canonical\" href=\"https://x.example/a\"></head><body><nav><p>Menu</p></nav>"
          "<div class=\"share-tools\"><p>Share this</p></div><main><h1>Big news</h1>"
          "<p>By Jo Bloggs</p><p>First para.</p><script>var x;</script><p>Second &amp; last.</p>"
          "</main><footer><p>Footer</p></footer></body></html>",
          "p.html", &o, DATELINE_FORMAT_HTML,
          "Big news|First para.\n\nSecond & last.|2021-05-20|||https://x.example/a|"
          "id:https://x.example/a|utf-8||",
          "HTML: h1, meta date, canonical url, paragraphs without nav, share, byline, script");
    reads("<!DOCTYPE html><html><body><article><time datetime=\"2020-01-02T03:04:05Z\">x</time>"
          "<p>Text only.</p></article></body></html>",
          "q.htm", &o, DATELINE_FORMAT_HTML,
          "Text only|Text only.|2020-01-02T03:04:05|||||utf-8||",
          "HTML: a <time> gives the date, the text a headline");

    /* detection stays with text and SGML when nothing else fits */
    dateline_format_t f = DATELINE_FORMAT_AUTO;
    const char *text = "Syria: SDF take Raqqa\nOctober 18, 2017\n\nBEIRUT (Reuters) - Text.\n";
    free(read_all(text, strlen(text), "t.txt", &o, &f));
    is_str(dateline_format_name(f), "text", "a headline with a colon is still plain text");
    text = "title,text\nA,B\n";
    free(read_all(text, strlen(text), "notes.txt", &o, &f));
    is_str(dateline_format_name(f), "csv", "CSV is known by its content, whatever the name");
    is_int(dateline_format_from_name("jsonl"), DATELINE_FORMAT_JSON, "format name jsonl");
    is_int(dateline_format_from_name("mbox"), DATELINE_FORMAT_MAIL, "format name mbox");
    is_int(dateline_format_from_name("tsv"), DATELINE_FORMAT_CSV, "format name tsv");
    is_int(dateline_format_from_name("pdf"), DATELINE_FORMAT_AUTO, "unknown format name");

    /* files that sit beside articles and are not articles */
    static const struct {
        const char *data, *want, *what;
    } beside[] = {
        {"<!-- v1.1 -->\n<!ELEMENT LEWIS O O (REUTERS+)>\n", "a DTD", "a DTD after a comment"},
        {"  GNU GENERAL PUBLIC LICENSE\n  Version 2, June 1991\n", "a licence", "the GPL"},
        {"Copyright (c) 2020 A\n\nPermission is hereby granted, free of charge, to any person "
         "obtaining a copy\n", "a licence", "the MIT licence"},
        {"afghanistan\nalbania \nalgeria\n\nandorra\nangola\n", "a list of one word a line",
         "a word list (trailing spaces, a blank line)"},
        {"four\nwords\nonly\nhere\n", NULL, "four words are too few to call a list"},
        {"Syria: SDF take Raqqa\n\nBEIRUT (Reuters) - U.S.-backed forces took Raqqa on "
         "Tuesday.\n", NULL, "a wire story"},
        {"<REUTERS NEWID=\"1\"><TITLE>x</TITLE><BODY>y.</BODY></REUTERS>\n", NULL,
         "SGML records"},
    };
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
        dateline_reader_t *r = NULL;
        dateline_reader_open_memory(beside[i].data, strlen(beside[i].data), "x", &o, &r, NULL);
        const char *got = dateline_reader_not_article(r);
        is_str(got ? got : "(an article)", beside[i].want ? beside[i].want : "(an article)", "%s",
               beside[i].what);
        dateline_reader_destroy(r);
    }
    dl_buf_t table;
    dl_buf_init(&table);
    for (int i = 0; i < 25; i++)
        dl_buf_printf(&table, "Consumer Price Index (CPI)\nTrade (TRADE%d)\n", i);
    dateline_reader_t *r = NULL;
    dateline_reader_open_memory(table.p, table.len, "x", &o, &r, NULL);
    is_str(dateline_reader_not_article(r), "a list or table, not prose",
           "50 short lines without a sentence: a table");
    dateline_reader_destroy(r);
    dl_buf_t prose;
    dl_buf_init(&prose);
    for (int i = 0; i < 25; i++)
        dl_buf_printf(&prose, "Prices rose.\nThey fell again in May.\n");
    dateline_reader_open_memory(prose.p, prose.len, "x", &o, &r, NULL);
    ok(dateline_reader_not_article(r) == NULL, "50 short lines of sentences: prose");
    dateline_reader_destroy(r);
    dl_buf_free(&table);
    dl_buf_free(&prose);
    ok(dateline_reader_not_article(NULL) == NULL, "a NULL reader: NULL");
    done_testing();
}
