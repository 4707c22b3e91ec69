/* entities.c: how dateline-search prints an explanation of an article's places and groups
 * (--explain): for people, and as JSON's "entities"; and where their mentions stand, for
 * --show to highlight them on a terminal. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"

static const char *const kinds[] = {"place", "group", "learned"};

/* A field's name, for a mention (never NULL). */
static const char *field_name(dateline_field_t fl)
{
    const char *name = dateline_field_name(fl);
    return name ? name : "none";
}

/* Where a mention stands, as people read it: "body 123", "dateline 1". */
static void position(FILE *f, dateline_field_t fl, size_t nth, size_t offset)
{
    if (fl == DATELINE_FIELD_TITLE || fl == DATELINE_FIELD_BODY)
        fprintf(f, "%s %zu", field_name(fl), offset);
    else if (fl == DATELINE_FIELD_PLACES || fl == DATELINE_FIELD_GROUPS)
        fprintf(f, "%s label %zu", fl == DATELINE_FIELD_PLACES ? "place" : "group", nth + 1);
    else
        fprintf(f, "%s %zu", field_name(fl), nth + 1);
}

void out_entities_text(FILE *f, const dateline_explanation_t *e)
{
    size_t n = dateline_explanation_count(e);
    fprintf(f, "\nplaces and groups, found again %s:\n",
            dateline_explanation_exact(e) ? "as stored"
                                          : "NOT as stored (the index was made by another "
                                            "version: dateline-index --force re-reads it)");
    for (size_t i = 0; i < n; i++) {
        dateline_entity_kind_t kind;
        const char *id, *name;
        int sal;
        size_t nm = 0, nc = 0;
        dateline_explanation_entity(e, i, &kind, &id, &name, &sal);
        fprintf(f, "%-8s %s [%s]", kinds[kind], name, id);
        if (kind != DATELINE_ENTITY_LEARNED)
            fprintf(f, "  salience %d", sal);
        fputc('\n', f);
        dateline_explanation_mentions(e, i, &nm);
        for (size_t j = 0; j < nm; j++) {
            dateline_field_t fl;
            size_t nth, off;
            const char *words, *rule;
            dateline_explanation_mention(e, i, j, &fl, &nth, &off, &words, &rule);
            fprintf(f, "         %-26s ", rule);
            position(f, fl, nth, off);
            fprintf(f, ": %s\n", words);
        }
        dateline_explanation_candidates(e, i, &nc);
        for (size_t j = 0; j < nc; j++) {
            const char *cid, *cname, *why;
            dateline_explanation_candidate(e, i, j, &cid, &cname, &why);
            fprintf(f, "         beat %s [%s]: %s\n", cname, cid, why);
        }
    }
}

void out_entities_json(FILE *f, const dateline_explanation_t *e)
{
    size_t n = dateline_explanation_count(e);
    fputs(",\"entities\":[", f);
    for (size_t i = 0; i < n; i++) {
        dateline_entity_kind_t kind;
        const char *id, *name;
        int sal;
        size_t nm = 0, nc = 0;
        dateline_explanation_entity(e, i, &kind, &id, &name, &sal);
        fprintf(f, "%s{\"kind\":\"%s\",\"id\":", i ? "," : "", kinds[kind]);
        out_json_string(f, id);
        fputs(",\"name\":", f);
        out_json_string(f, name);
        fprintf(f, ",\"salience\":%d,\"mentions\":[", sal);
        dateline_explanation_mentions(e, i, &nm);
        for (size_t j = 0; j < nm; j++) {
            dateline_field_t fl;
            size_t nth, off;
            const char *words, *rule;
            dateline_explanation_mention(e, i, j, &fl, &nth, &off, &words, &rule);
            fprintf(f, "%s{\"field\":\"%s\",\"nth\":%zu,\"offset\":%zu,\"words\":", j ? "," : "",
                    field_name(fl), nth, off);
            out_json_string(f, words);
            fputs(",\"rule\":", f);
            out_json_string(f, rule);
            fputc('}', f);
        }
        fputs("],\"beat\":[", f);
        dateline_explanation_candidates(e, i, &nc);
        for (size_t j = 0; j < nc; j++) {
            const char *cid, *cname, *why;
            dateline_explanation_candidate(e, i, j, &cid, &cname, &why);
            fputs(j ? ",{\"id\":" : "{\"id\":", f);
            out_json_string(f, cid);
            fputs(",\"name\":", f);
            out_json_string(f, cname);
            fputs(",\"why\":", f);
            out_json_string(f, why);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fprintf(f, "],\"entities_exact\":%s", dateline_explanation_exact(e) ? "true" : "false");
}

/* Orders spans by their start. */
static int by_start(const void *x, const void *y)
{
    const size_t *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

size_t *out_entity_spans(const dateline_explanation_t *e, dateline_field_t field, size_t *nspans)
{
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < dateline_explanation_count(e); i++) {
        size_t nm = 0;
        dateline_explanation_mentions(e, i, &nm);
        cap += nm;
    }
    size_t *spans = malloc((2 * cap + 1) * sizeof *spans);
    for (size_t i = 0; spans && i < dateline_explanation_count(e); i++) {
        size_t nm = 0;
        dateline_explanation_mentions(e, i, &nm);
        for (size_t j = 0; j < nm; j++) {
            dateline_field_t fl;
            size_t off;
            const char *words;
            dateline_explanation_mention(e, i, j, &fl, NULL, &off, &words, NULL);
            if (fl == field) {
                spans[2 * n] = off;
                spans[2 * n++ + 1] = off + strlen(words);
            }
        }
    }
    if (spans)
        qsort(spans, n, 2 * sizeof *spans, by_start);
    *nspans = n;
    return spans;
}
