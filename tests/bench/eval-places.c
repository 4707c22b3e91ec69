/* eval-places.c: place extraction scored against the Reuters-21578 PLACES labels, hidden from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../indexer/extract.h"
#include "gazetteer.h"

#define MAXP 64

typedef struct {
    char id[32];
    long tp, fp, fn, n; /* n: how often it is a label */
} score_t;

static score_t scores[4096];
static size_t nscores;

static score_t *score_of(const char *id)
{
    for (size_t i = 0; i < nscores; i++)
        if (strcmp(scores[i].id, id) == 0)
            return &scores[i];
    if (nscores == 4096)
        return &scores[0];
    snprintf(scores[nscores].id, sizeof scores[0].id, "%s", id);
    return &scores[nscores++];
}

/* The country-level place (country or historical state) a place counts for, or -1. */
static int country_level(int k)
{
    const dl_place_t *p = dl_gaz_place(k);
    if (!p)
        return -1;
    if (p->kind == DL_COUNTRY || p->kind == DL_HISTORICAL)
        return k;
    return p->country;
}

static int label_place(const char *label)
{
    char key[96];
    size_t count, n = dl_gaz_fold(label, strlen(label), key, sizeof key);
    const dl_naming_t *nm = dl_gaz_lookup(key, n, &count);
    for (size_t i = 0; nm && i < count; i++) {
        int c = country_level(nm[i].place);
        if (c >= 0)
            return c;
    }
    return -1;
}

static int by_n(const void *a, const void *b)
{
    const score_t *x = a, *y = b;
    return (int)(y->n - x->n);
}

int main(int argc, char **argv)
{
    /* A country is predicted when its salience (summed over its places) reaches MIN and is
     * at least SHARE percent of the story's top country. */
    int min = getenv("MIN") ? atoi(getenv("MIN")) : 4;
    int share = getenv("SHARE") ? atoi(getenv("SHARE")) : 30;
    long stories = 0, unknown = 0;
    for (int f = 1; f < argc; f++) {
        dateline_reader_t *r;
        char *msg;
        if (dateline_reader_open_file(argv[f], NULL, NULL, &r, &msg) != DATELINE_OK)
            continue;
        dateline_article_t *a;
        dateline_status_t st;
        while ((st = dateline_reader_next(r, &a)) != DATELINE_END) {
            if (st != DATELINE_OK || !dateline_article_count(a, DATELINE_FIELD_PLACES))
                continue;
            int labels[MAXP], nl = 0;
            for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_PLACES) && nl < MAXP; i++) {
                int k = label_place(dateline_article_get_nth(a, DATELINE_FIELD_PLACES, i));
                if (k < 0)
                    unknown++;
                else
                    labels[nl++] = k;
            }
            if (!nl)
                continue;
            stories++;
            /* the same story without its labels */
            dateline_article_t *b;
            dateline_article_new(&b);
            static const dateline_field_t copy[] = {DATELINE_FIELD_TITLE, DATELINE_FIELD_BODY,
                                                    DATELINE_FIELD_DATELINE, DATELINE_FIELD_DATELINES,
                                                    DATELINE_FIELD_DATE};
            for (size_t c = 0; c < sizeof copy / sizeof *copy; c++)
                for (size_t i = 0; i < dateline_article_count(a, copy[c]); i++)
                    dl_article_put(b, copy[c], dateline_article_get_nth(a, copy[c], i),
                                   strlen(dateline_article_get_nth(a, copy[c], i)));
            dl_extract_places(b);
            int pred[MAXP], sal[MAXP], np = 0, top = 0;
            for (size_t i = 0; i < dateline_article_count(b, DATELINE_FIELD_PLACE_IDS); i++) {
                const char *e = dateline_article_get_nth(b, DATELINE_FIELD_PLACE_IDS, i);
                char id[64];
                int s = 0;
                if (sscanf(e, "%63s %d", id, &s) != 2)
                    continue;
                int k = country_level(dl_gaz_find_id(id));
                if (k < 0)
                    continue;
                int j = 0;
                while (j < np && pred[j] != k)
                    j++;
                if (j == np && np < MAXP) {
                    pred[np] = k;
                    sal[np++] = 0;
                }
                if (j < np)
                    sal[j] += s;
            }
            /* when a historical state is predicted, its successor is what it was then:
             * Frankfurt in 1987 counts for West Germany, not for today's Germany */
            for (int j = 0; j < np; j++) {
                const dl_place_t *h = dl_gaz_place(pred[j]);
                if (h->kind != DL_HISTORICAL)
                    continue;
                for (int k = 0; k < np; k++)
                    for (int q = 0; q < h->nparents; q++)
                        if (pred[k] == h->parents[q])
                            sal[k] = 0;
            }
            for (int j = 0; j < np; j++)
                top = sal[j] > top ? sal[j] : top;
            for (int j = 0; j < np; j++) {
                if (sal[j] < min || sal[j] * 100 < top * share)
                    continue;
                int hit = 0;
                for (int l = 0; l < nl; l++)
                    hit = hit || labels[l] == pred[j];
                score_t *sc = score_of(dl_gaz_place(pred[j])->id);
                if (hit)
                    sc->tp++;
                else
                    sc->fp++;
            }
            for (int l = 0; l < nl; l++) {
                score_t *sc = score_of(dl_gaz_place(labels[l])->id);
                sc->n++;
                int hit = 0;
                for (int j = 0; j < np; j++)
                    hit = hit || (pred[j] == labels[l] && sal[j] >= min && sal[j] * 100 >= top * share);
                if (!hit)
                    sc->fn++;
                if (!hit && getenv("VERBOSE")) { /* a missed label: the story and what was found */
                    const char *t = dateline_article_get(a, DATELINE_FIELD_TITLE);
                    printf("missed %s in \"%.70s\" (dateline %s):", dl_gaz_place(labels[l])->id,
                           t ? t : "", dateline_article_count(a, DATELINE_FIELD_DATELINES)
                                           ? dateline_article_get_nth(a, DATELINE_FIELD_DATELINES, 0)
                                           : "none");
                    for (int j = 0; j < np; j++)
                        printf(" %s %d", dl_gaz_place(pred[j])->id, sal[j]);
                    printf("\n");
                }
            }
            dateline_article_destroy(b);
        }
        dateline_reader_destroy(r);
    }
    qsort(scores, nscores, sizeof scores[0], by_n);
    long tp = 0, fp = 0, fn = 0, tp30 = 0, fp30 = 0, fn30 = 0;
    printf("| place | labels | precision | recall | F1 |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < nscores; i++) {
        score_t *s = &scores[i];
        tp += s->tp, fp += s->fp, fn += s->fn;
        if (i < 30) {
            tp30 += s->tp, fp30 += s->fp, fn30 += s->fn;
            double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
            double rc = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
            printf("| %s | %ld | %.3f | %.3f | %.3f |\n", dl_gaz_place(dl_gaz_find_id(s->id))->name,
                   s->n, p, rc, p + rc > 0 ? 2 * p * rc / (p + rc) : 0);
        }
    }
    double p = (double)tp30 / (double)(tp30 + fp30), rc = (double)tp30 / (double)(tp30 + fn30);
    printf("\n30 commonest places: micro precision %.3f, recall %.3f, F1 %.3f\n", p, rc,
           2 * p * rc / (p + rc));
    p = (double)tp / (double)(tp + fp);
    rc = (double)tp / (double)(tp + fn);
    printf("all places: micro precision %.3f, recall %.3f, F1 %.3f over %ld labelled stories "
           "(%ld labels the gazetteer does not know; MIN=%d SHARE=%d)\n",
           p, rc, 2 * p * rc / (p + rc), stories, unknown, min, share);
    return 0;
}
