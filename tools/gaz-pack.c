/* gaz-pack.c: reads the gazetteer's tables from their text (data/gazetteer.tsv, data/groups.tsv
 * and data/fold.tsv, compiled in) as lib/gazetteer-load.c does, and writes them out as C: the
 * places, the namings grouped by key, the keys and their hash slots, ready in the library's
 * read-only data, so that a program that looks up one place pays nothing to load the others.
 * Usage: gaz-pack OUTPUT.c (run by the build; the output is lib/gazetteer-packed.c). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer-tables.h"

/* global, so that what they hold is still reachable when a leak checker looks at exit */
static dl_fold_row_t fold[DL_FOLD_LAST - DL_FOLD_FIRST + 1];
static dl_gaz_table_t places, groups;

/* n bytes of s as a C string literal, cut into lines of adjacent literals: every byte that is
 * not printable ASCII as a 3-digit octal escape, so that no escape runs into what follows. */
static void put_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0, col = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || c == '?')
            col += (size_t)fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F)
            col += (size_t)fprintf(f, "\\%03o", c);
        else
            col += (size_t)(fputc(c, f) != EOF);
        if (col >= 96 && i + 1 < n) {
            fputs("\"\n    \"", f);
            col = 0;
        }
    }
    fputc('"', f);
}

/* The places of t: their ids and names in one string, their territories in one array, and
 * each place with offsets into them. */
static void put_places(FILE *f, const char *name, const dl_gaz_table_t *t)
{
    fprintf(f, "static const char %s_strings[] =\n    ", name);
    size_t bytes = 0;
    for (size_t i = 0; i < t->nplaces; i++)
        bytes += strlen(t->places[i].id) + strlen(t->places[i].name) + 2;
    char *all = malloc(bytes + 1), *o = all;
    for (size_t i = 0; all && i < t->nplaces; i++) {
        o = stpcpy(o, t->places[i].id) + 1;
        o = stpcpy(o, t->places[i].name) + 1;
    }
    put_string(f, all ? all : "", all ? bytes : 0);
    free(all);
    fprintf(f, ";\n\nstatic const int %s_territory[] = {0", name);
    for (size_t i = 0; i < t->nplaces; i++)
        for (int k = 0; k < t->places[i].nterritory; k++)
            fprintf(f, ",%d", t->places[i].territory[k]);
    fprintf(f, "};\n\nstatic const dl_packed_place_t %s_places[] = {\n", name);
    size_t territory = 1, at = 0;
    for (size_t i = 0; i < t->nplaces; i++) {
        const dl_place_t *p = &t->places[i];
        size_t id = at, nm = at + strlen(p->id) + 1;
        at = nm + strlen(p->name) + 1;
        fprintf(f, "    {%zuu, %zuu, %d, {", id, nm, p->country);
        for (int k = 0; k < DL_MAX_PARENTS; k++)
            fprintf(f, "%s%d", k ? "," : "", p->parents[k]);
        fprintf(f, "}, %d, %luu, %d, %d, %luu, %zuu, %d},\n", p->nparents,
                (unsigned long)p->population, (int)p->kind, p->capital, (unsigned long)p->until,
                p->nterritory ? territory : 0, p->nterritory);
        territory += (size_t)p->nterritory;
    }
    if (!t->nplaces)
        fputs("    {0},\n", f);
    fputs("};\n\n", f);
}

static void put_table(FILE *f, const char *name, const dl_gaz_table_t *t)
{
    put_places(f, name, t);
    fprintf(f, "static const dl_naming_t %s_namings[] = {\n", name);
    for (size_t i = 0; i < t->nnamings; i++) {
        const dl_naming_t *m = &t->namings[i];
        fprintf(f, "    {%d,%u,%u,%u,%u,%u,%u,%u},\n", m->place, m->adjective, m->acronym,
                m->dateline, m->tokens, m->parts, m->weak, m->town);
    }
    if (!t->nnamings)
        fputs("    {0},\n", f);
    fprintf(f, "};\n\nstatic const char %s_keys[] =\n    ", name);
    put_string(f, t->keys, t->keybytes);
    fprintf(f, ";\n\nstatic const int %s_historical[] = {0", name);
    for (size_t i = 0; i < t->nhistorical; i++)
        fprintf(f, ",%d", t->historical[i]);
    fprintf(f, "};\n\nstatic const dl_gaz_slot_t %s_slots[%zu] = {\n", name, t->nslots);
    for (size_t s = 0; s < t->nslots; s++)
        if (t->slots[s].hash)
            fprintf(f, "    [%zu] = {%luu, %luu, %luu, %luu, %luu},\n", s,
                    (unsigned long)t->slots[s].hash, (unsigned long)t->slots[s].key,
                    (unsigned long)t->slots[s].first, (unsigned long)t->slots[s].count,
                    (unsigned long)t->slots[s].towns);
    fprintf(f, "};\n\nconst dl_gaz_packed_t dl_packed_%s = {\n"
               "    %s_places, %zu, %s_strings, %s_territory, %s_namings, %zu, %s_keys,\n"
               "    %s_historical + 1, %zu, %s_slots, %zu};\n\n",
            name, name, t->nplaces, name, name, name, t->nnamings, name, name, t->nhistorical,
            name, t->nslots);
}

static void put_fold(FILE *f)
{
    fputs("const dl_fold_row_t dl_packed_fold[DL_FOLD_LAST - DL_FOLD_FIRST + 1] = {\n", f);
    for (size_t i = 0; i < sizeof fold / sizeof fold[0]; i++)
        if (fold[i][0]) {
            fprintf(f, "    [0x%zx - DL_FOLD_FIRST] = ", i + DL_FOLD_FIRST);
            put_string(f, fold[i], strlen(fold[i]));
            fputs(",\n", f);
        }
    fputs("};\n", f);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gaz-pack OUTPUT.c\n");
        return 2;
    }
    dl_fold_from_text(fold, dl_fold_tsv, dl_fold_tsv_len);
    if (!dl_gaz_table_from_text(&places, dl_gazetteer_tsv, dl_gazetteer_tsv_len, fold) ||
        !dl_gaz_table_from_text(&groups, dl_groups_tsv, dl_groups_tsv_len, fold)) {
        fprintf(stderr, "gaz-pack: out of memory\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fputs("/* generated by tools/gaz-pack from data/gazetteer.tsv, data/groups.tsv and "
          "data/fold.tsv; do not edit */\n#include <stddef.h>\n#include \"gazetteer-tables.h\"\n\n",
          f);
    put_table(f, "places", &places);
    put_table(f, "groups", &groups);
    put_fold(f);
    if (ferror(f) | fclose(f)) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
