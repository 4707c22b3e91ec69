/* unit-xml-errors.c: reading HTML and XML through libdateline leaves libxml2's error handlers
 * of the calling thread as the program set them, and tells them nothing of its own parsing. */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "dateline.h"
#include "tap.h"

static int generic_calls, structured_calls;
static int generic_ctx, structured_ctx; /* their addresses are the contexts */

static void host_generic(void *ctx, const char *msg, ...)
{
    (void)msg;
    if (ctx == &generic_ctx)
        generic_calls++;
}

static void host_structured(void *ctx, xmlErrorPtr e)
{
    (void)e;
    if (ctx == &structured_ctx)
        structured_calls++;
}

/* Reads every article of `text` through libdateline; returns how many it gave. */
static int read_all(const char *text, const char *name)
{
    dateline_reader_t *r;
    dateline_article_t *a;
    int n = 0;
    if (dateline_reader_open_memory(text, strlen(text), name, NULL, &r, NULL) != DATELINE_OK)
        return -1;
    while (dateline_reader_next(r, &a) == DATELINE_OK)
        n++;
    dateline_reader_destroy(r);
    return n;
}

/* Damaged on purpose: the tags are not closed in order, and a charset libxml2 does not know. */
static const char html[] =
    "<!DOCTYPE html><html><head><meta charset=\"x-no-such-charset\"><title>Port reopens</title>"
    "</head><body><article><h1>Port reopens</h1><p>LAGOS (Reuters) - The port reopened on "
    "<b>Monday <i>after</b> a strike.</i></p></article></body></html>\n";
static const char newsml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><NewsML><NewsItem><NewsComponent>"
    "<HeadLine>Copper strike ends</HeadLine><p>LIMA (Reuters) - Miners went back to work."
    "</NewsComponent></NewsItem></NewsML>\n";
static const char bad[] = "<a><b></a>";

int main(void)
{
    xmlSetGenericErrorFunc(&generic_ctx, host_generic);
    is_int(read_all(html, "page.html"), 1, "a damaged HTML page gives its article");
    is_int(read_all(newsml, "item.xml"), 1, "damaged NewsML gives its item");
    ok(xmlGenericError == host_generic && xmlGenericErrorContext == &generic_ctx,
       "the program's generic error handler is still in place");
    is_int(generic_calls, 0, "and was told nothing of libdateline's parsing");
    xmlDocPtr d = xmlReadMemory(bad, (int)strlen(bad), "bad.xml", NULL, 0);
    xmlFreeDoc(d);
    ok(generic_calls > 0, "it is called on a parse error of the program's own");

    xmlSetStructuredErrorFunc(&structured_ctx, host_structured);
    is_int(read_all(html, "page.html"), 1, "with a structured handler: the HTML page");
    is_int(read_all(newsml, "item.xml"), 1, "and the NewsML");
    ok(xmlStructuredError == host_structured && xmlStructuredErrorContext == &structured_ctx,
       "the program's structured error handler is still in place");
    ok(xmlGenericError == host_generic && xmlGenericErrorContext == &generic_ctx,
       "and its generic one");
    is_int(structured_calls, 0, "the structured handler was told nothing of libdateline's parsing");
    d = xmlReadMemory(bad, (int)strlen(bad), "bad.xml", NULL, 0);
    xmlFreeDoc(d);
    ok(structured_calls > 0, "it is called on a parse error of the program's own");
    done_testing();
}
