/* eval-groups.c: group extraction scored against the Reuters-21578 ORGS labels, hidden from it.
 * Usage: eval-groups FILE...; MIN=N the least salience that counts (2); VERBOSE=1 lists each
 * wrong and missed group with its story's headline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../indexer/extract.h"
#include "gazetteer.h"

/* Reuters codes that are no name of their body: the body they stand for. */
static const char *const codes[][2] = {
    {"ico-coffee", "International Coffee Organization"}, {"adb-asia", "Asian Development Bank"},
    {"adb-africa", "African Development Bank"}, {"iwc-wheat", "International Wheat Council"},
    {"worldbank", "World Bank"}, {"un", "United Nations"}, {NULL, NULL}};

/* The built-in group a label or name stands for, as its display name, or NULL. */
static const char *body(const char *s)
{
    for (int i = 0; codes[i][0]; i++)
        if (strcmp(s, codes[i][0]) == 0)
            s = codes[i][1];
    char key[160];
    size_t count, n = dl_gaz_fold(s, strlen(s), key, sizeof key);
    const dl_naming_t *nm = dl_grp_lookup(key, n, &count);
    return nm ? dl_grp_get(nm[0].place)->name : NULL;
}

typedef struct {
    const char *name;
    long tp, fp, fn, n;
} score_t;

static score_t sc[256];
static size_t nsc;

static score_t *of(const char *name)
{
    for (size_t i = 0; i < nsc; i++)
        if (strcmp(sc[i].name, name) == 0)
            return &sc[i];
    if (nsc == 256)
        return NULL;
    sc[nsc].name = name;
    return &sc[nsc++];
}

static int by_n(const void *a, const void *b)
{
    return (int)(((const score_t *)b)->n - ((const score_t *)a)->n);
}

int main(int argc, char **argv)
{
    int min = getenv("MIN") ? atoi(getenv("MIN")) : 2;
    int verbose = getenv("VERBOSE") != NULL; /* each wrong and missed group, by headline */
    /* the vocabulary: the bodies the labels name, read from the labels themselves */
    long stories = 0, unknown = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int f = 1; f < argc; f++) {
            dateline_reader_t *r;
            char *msg;
            if (dateline_reader_open_file(argv[f], NULL, NULL, &r, &msg) != DATELINE_OK)
                continue;
            dateline_article_t *a;
            dateline_status_t st;
            while ((st = dateline_reader_next(r, &a)) != DATELINE_END) {
                if (st != DATELINE_OK)
                    continue;
                const char *labels[16];
                size_t nl = 0;
                for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_GROUPS) && nl < 16; i++) {
                    const char *b = body(dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i));
                    if (!b) {
                        unknown += pass;
                        continue;
                    }
                    labels[nl++] = b;
                    if (pass == 0 && of(b))
                        of(b)->n++;
                }
                if (pass == 0)
                    continue;
                stories++;
                dateline_article_t *c;
                dateline_article_new(&c);
                static const dateline_field_t copy[] = {DATELINE_FIELD_TITLE, DATELINE_FIELD_BODY};
                for (size_t k = 0; k < 2; k++)
                    if (dateline_article_get(a, copy[k]))
                        dl_article_put(c, copy[k], dateline_article_get(a, copy[k]),
                                       strlen(dateline_article_get(a, copy[k])));
                dl_definition_t defs[16];
                size_t nd;
                int sal[64] = {0};
                dl_extract_groups(c, defs, 16, &nd, sal, 64);
                /* a story is about a group named in its headline or lead, or named again and
                 * again: salience MIN or more (see extract-groups.c for the weights) */
                size_t npred = dateline_article_count(c, DATELINE_FIELD_GROUPS);
                while (npred > 0 && (npred > 64 || sal[npred - 1] < min))
                    npred--;
                for (size_t i = 0; i < npred; i++) {
                    const char *g = body(dateline_article_get_nth(c, DATELINE_FIELD_GROUPS, i));
                    score_t *s = NULL;
                    for (size_t k = 0; g && k < nsc && !s; k++)
                        if (strcmp(sc[k].name, g) == 0)
                            s = &sc[k]; /* only bodies the labels use are scored */
                    if (!s)
                        continue;
                    int hit = 0;
                    for (size_t l = 0; l < nl; l++)
                        hit = hit || strcmp(labels[l], g) == 0;
                    if (hit)
                        s->tp++;
                    else
                        s->fp++;
                    if (!hit && verbose)
                        printf("wrong %s (salience %d, %zu labels): %s\n", g, sal[i], nl,
                               dateline_article_get(c, DATELINE_FIELD_TITLE)
                                   ? dateline_article_get(c, DATELINE_FIELD_TITLE) : "");
                }
                for (size_t l = 0; l < nl; l++) {
                    int hit = 0;
                    for (size_t i = 0; i < npred; i++) {
                        const char *g = body(dateline_article_get_nth(c, DATELINE_FIELD_GROUPS, i));
                        hit = hit || (g && strcmp(labels[l], g) == 0);
                    }
                    if (!hit)
                        of(labels[l])->fn++;
                    if (!hit && verbose)
                        printf("missed %s: %s\n", labels[l],
                               dateline_article_get(c, DATELINE_FIELD_TITLE)
                                   ? dateline_article_get(c, DATELINE_FIELD_TITLE) : "");
                }
                dateline_article_destroy(c);
            }
            dateline_reader_destroy(r);
        }
    qsort(sc, nsc, sizeof sc[0], by_n);
    long tp = 0, fp = 0, fn = 0;
    printf("| group | labels | precision | recall | F1 |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < nsc; i++) {
        tp += sc[i].tp, fp += sc[i].fp, fn += sc[i].fn;
        double p = sc[i].tp + sc[i].fp ? (double)sc[i].tp / (double)(sc[i].tp + sc[i].fp) : 0;
        double r = sc[i].tp + sc[i].fn ? (double)sc[i].tp / (double)(sc[i].tp + sc[i].fn) : 0;
        if (i < 15)
            printf("| %s | %ld | %.3f | %.3f | %.3f |\n", sc[i].name, sc[i].n, p, r,
                   p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
    double p = (double)tp / (double)(tp + fp), r = (double)tp / (double)(tp + fn);
    printf("\ngroups: micro precision %.3f, recall %.3f, F1 %.3f over %ld stories, on the %zu "
           "bodies the labels name (%ld labels the list does not know; MIN=%d)\n",
           p, r, 2 * p * r / (p + r), stories, nsc, unknown, min);
    return 0;
}
