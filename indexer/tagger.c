/* tagger.c: the averaged-perceptron name tagger: its weights (data/tagger.tsv, built into the
 * library) loaded once, its features (of the word, its neighbours, the dictionaries, the tags
 * before it, and how the story writes the word elsewhere), and greedy left-to-right decoding.
 * The features are tools/train-tagger.py's, byte for byte: change one side, change the other
 * and retrain. */
#include <config.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"
#include "gazetteer.h"
#include "tagger.h"

extern const char dl_tagger_tsv[];
extern const size_t dl_tagger_tsv_len;

#define WORD_MAX 24   /* bytes of a word the features see */
#define MAX_PHRASE 4  /* words of a dictionary phrase */
#define ROW 16        /* a feature's weights, DL_TAGS of them padded: one aligned block the
                       * compiler adds as vectors */

typedef struct {
    uint32_t key;         /* a feature's hash */
    int32_t row;          /* its row in weights, -1 when the slot is empty */
} slot_t;

typedef struct {
    slot_t *slots;        /* open addressing, one cache line read per feature mostly */
    int16_t *weights;     /* ROW weights per feature (DL_TAGS used) */
    size_t mask;          /* slots - 1 */
    int shift;            /* 32 - log2(slots): a hash's slot is in its top bits */
    int scale;
} model_t;

static model_t model;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const tag_names[DL_TAGS] = {"O", "B-ORG", "I-ORG", "B-PER", "I-PER",
                                               "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h;
}
#define FNV0 2166136261u

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Where a hash's probe starts: Fibonacci hashing mixes FNV's bits into the top ones. */
static size_t slot(uint32_t h)
{
    return (size_t)((h * 2654435769u) >> model.shift);
}

/* The features' names, hashed once (FNV-1a runs byte by byte: a name's hash is where its
 * value's bytes start). */
enum { F_B, F_W, F_P1, F_N1, F_P2, F_N2, F_SH, F_PSH, F_NSH, F_PRE, F_SUF, F_SUF4, F_FL, F_D,
       F_PD, F_ND, F_PW, F_WN, F_DSH, F_DC, F_KINDS };
static const char *const feature_names[F_KINDS] = {
    "b", "w=", "p1=", "n1=", "p2=", "n2=", "sh=", "psh=", "nsh=", "pre=", "suf=", "suf4=",
    "fl=", "d=", "pd=", "nd=", "pw=", "wn=", "dsh=", "dc="};
static uint32_t prefix[F_KINDS];
/* The features of the tags before a word, by tag (DL_TAGS for none, "^"): "t1=TAG" and
 * "t12=TAG2|TAG1" whole, "t1w=TAG|" and "t1sh=TAG|" to go on with the word's form or shape. */
static uint32_t tag1[DL_TAGS + 1], tag12[DL_TAGS + 1][DL_TAGS + 1], tag1w[DL_TAGS + 1],
    tag1sh[DL_TAGS + 1];

static uint32_t text_hash(uint32_t h, const char *s) { return fnv(h, s, strlen(s)); }

static void hash_names(void)
{
    for (int k = 0; k < F_KINDS; k++)
        prefix[k] = text_hash(FNV0, feature_names[k]);
    for (int a = 0; a <= DL_TAGS; a++) {
        const char *ga = a < DL_TAGS ? tag_names[a] : "^";
        tag1[a] = text_hash(text_hash(FNV0, "t1="), ga);
        tag1w[a] = text_hash(text_hash(text_hash(FNV0, "t1w="), ga), "|");
        tag1sh[a] = text_hash(text_hash(text_hash(FNV0, "t1sh="), ga), "|");
        for (int b = 0; b <= DL_TAGS; b++) {
            const char *gb = b < DL_TAGS ? tag_names[b] : "^";
            tag12[b][a] = text_hash(text_hash(text_hash(text_hash(FNV0, "t12="), gb), "|"), ga);
        }
    }
}

/* Reads the table: "# scale\tN", "# tags\t..." (checked against tag_names), then one line per
 * feature, "HHHHHHHH\tTAG:WEIGHT TAG:WEIGHT...". */
static void load(void)
{
    const char *t = dl_tagger_tsv, *end = dl_tagger_tsv + dl_tagger_tsv_len;
    size_t lines = 0;
    for (const char *p = t; p < end; p++)
        lines += *p == '\n';
    size_t slots = 1;
    model.shift = 32;
    while (slots < 2 * lines + 4) { /* half empty: a feature not there is seen soon */
        slots *= 2;
        model.shift--;
    }
    model.slots = malloc(slots * sizeof *model.slots);
    model.weights = aligned_alloc(ROW * sizeof *model.weights,
                                  (lines + 1) * ROW * sizeof *model.weights);
    if (!model.slots || !model.weights)
        goto fail;
    memset(model.slots, 0xff, slots * sizeof *model.slots);
    model.mask = slots - 1;
    int32_t nrows = 0;
    int tags_ok = 0;
    for (const char *line = t; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;
        if (*line == '#') {
            if (strncmp(line, "# scale\t", 8) == 0)
                model.scale = atoi(line + 8);
            else if (strncmp(line, "# tags\t", 7) == 0) {
                char want[128] = "";
                for (int k = 0; k < DL_TAGS; k++) {
                    strcat(want, tag_names[k]);
                    strcat(want, k + 1 < DL_TAGS ? " " : "");
                }
                tags_ok = (size_t)(nl - line - 7) == strlen(want) &&
                          memcmp(line + 7, want, strlen(want)) == 0;
            }
            line = nl + 1;
            continue;
        }
        uint32_t h = 0;
        int i = 0;
        for (; i < 8 && line + i < nl && hexval(line[i]) >= 0; i++)
            h = h << 4 | (uint32_t)hexval(line[i]);
        if (i != 8 || line[8] != '\t')
            goto fail;
        int16_t *row = &model.weights[(size_t)nrows * ROW];
        memset(row, 0, ROW * sizeof *row);
        for (const char *c = line + 9; c < nl;) {
            char *e;
            long k = strtol(c, &e, 10);
            if (*e != ':' || k < 0 || k >= DL_TAGS)
                goto fail;
            long v = strtol(e + 1, &e, 10);
            if (v < INT16_MIN || v > INT16_MAX)
                goto fail;
            row[k] = (int16_t)v;
            c = e + (*e == ' ');
        }
        size_t s = slot(h);
        while (model.slots[s].row >= 0)
            s = (s + 1) & model.mask;
        model.slots[s].key = h;
        model.slots[s].row = nrows++;
        line = nl + 1;
    }
    if (!tags_ok || model.scale <= 0)
        goto fail;
    hash_names();
    loaded = 1;
    return;
fail:
    free(model.slots);
    free(model.weights);
    memset(&model, 0, sizeof model);
}

int dl_tagger_load(void)
{
    pthread_once(&once, load);
    return loaded;
}

int dl_tagger_scale(void)
{
    return dl_tagger_load() ? model.scale : 1;
}

/* Adds the weights of feature h to s. */
static void add(int *s, uint32_t h)
{
    for (size_t k = slot(h); model.slots[k].row >= 0; k = (k + 1) & model.mask)
        if (model.slots[k].key == h) {
            const int16_t *row = &model.weights[(size_t)model.slots[k].row * ROW];
            for (int t = 0; t < ROW; t++)
                s[t] += row[t];
            return;
        }
}

/* A feature: its name (its hash, from prefix[]), then its value. */
static uint32_t feat(int kind, const void *a, size_t an)
{
    return fnv(prefix[kind], a, an);
}

typedef struct {
    char low[WORD_MAX];
    size_t n;
    char shape[WORD_MAX];
    size_t sn;
} form_t;

static void form_of(const word_t *w, form_t *f)
{
    f->n = w->n < WORD_MAX ? w->n : WORD_MAX;
    f->sn = 0;
    for (size_t i = 0; i < f->n; i++) {
        unsigned char c = (unsigned char)w->p[i];
        f->low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        char s = (char)(c >= 'A' && c <= 'Z'   ? 'X'
                        : c >= 'a' && c <= 'z' ? 'x'
                        : c >= '0' && c <= '9' ? 'd'
                        : c < 0x80             ? (char)c
                                               : 'u');
        if (!f->sn || f->shape[f->sn - 1] != s)
            f->shape[f->sn++] = s;
    }
}

/* Whether word i is written in lower case (or is past the last word): a run of such words is
 * no name, and tagging leaves it out (the weights give them O; this is the time of ingest). */
static int plain(const words_t *ws, size_t i)
{
    return i >= ws->nw || (!ws->w[i].upper && !ws->w[i].caps);
}

/* Each word's dictionary mark: 'g'/'G' first or later word of a group's name, 'l'/'L' of a
 * place's, 'a' a place's adjective, '-' none; the longest phrase from a word wins, a group's
 * before a place's of the same length. */
static void dict_marks(const words_t *ws, char *marks)
{
    memset(marks, '-', ws->nw);
    for (size_t i = 0; i < ws->nw;) {
        if (plain(ws, i)) {
            i++; /* the time of ingest: names that start in lower case are left unmarked */
            continue;
        }
        char key[160];
        size_t len = 0, bestn = 0;
        char first = '-', rest = '-';
        for (size_t k = 0; k < MAX_PHRASE && i + k < ws->nw; k++) {
            const word_t *w = &ws->w[i + k];
            len += dl_gaz_fold(w->p, w->n, key + len, sizeof key - len);
            size_t count;
            const dl_naming_t *nm = dl_grp_lookup(key, len, &count);
            int group = 0, place = 0, adjective = 0;
            for (size_t j = 0; nm && j < count; j++)
                group = group || !nm[j].weak;
            nm = group ? NULL : dl_gaz_lookup(key, len, &count);
            for (size_t j = 0; nm && j < count; j++) {
                place = place || (!nm[j].adjective && !nm[j].dateline && !nm[j].weak);
                adjective = adjective || nm[j].adjective;
            }
            if (group || place) {
                bestn = k + 1;
                first = group ? 'g' : 'l';
                rest = group ? 'G' : 'L';
            } else if (k == 0 && adjective) {
                bestn = 1;
                first = rest = 'a';
            }
            if (w->stop || len >= sizeof key - 1)
                break;
        }
        if (!bestn) {
            i++;
            continue;
        }
        marks[i] = first;
        for (size_t j = 1; j < bestn; j++)
            marks[i + j] = rest;
        i += bestn;
    }
}

static int valid_tag(int prev, int k)
{
    if (k == DL_TAG_O || (k - 1) % 2 == 0)
        return 1; /* O or a B- tag */
    return prev == k || prev == k - 1; /* I-X after B-X or I-X */
}

/* What the document says of each of its words' lower-cased forms: written in lower case
 * somewhere (SEEN_LOWER), with a capital inside a sentence somewhere (SEEN_INSIDE). */
enum { SEEN_LOWER = 1, SEEN_INSIDE = 2 };
typedef struct {
    uint32_t key;         /* the form's hash, 0 for an empty slot */
    unsigned char how;
} seen_t;

typedef struct {
    const words_t *ws;
    form_t *forms;        /* each word's lower-cased form and shape */
    const char *marks;    /* dict_marks() */
    seen_t *seen;         /* open addressing over the forms */
    size_t mask;
    int shift;            /* 32 - log2(its slots) */
} doc_t;

static seen_t *seen_slot(const doc_t *d, uint32_t key)
{
    size_t k = (size_t)((key * 2654435769u) >> d->shift);
    while (d->seen[k].key && d->seen[k].key != key)
        k = (k + 1) & d->mask;
    return &d->seen[k];
}

static uint32_t form_key(const form_t *f)
{
    uint32_t h = fnv(FNV0, f->low, f->n);
    return h ? h : 1;
}

/* Fills d's forms and its table of forms; returns 0 when memory ran out. */
static int doc_read(doc_t *d, const words_t *ws, const char *marks)
{
    size_t n = 4;
    d->shift = 30;
    while (n < 2 * ws->nw) {
        n *= 2;
        d->shift--;
    }
    d->ws = ws;
    d->marks = marks;
    d->forms = malloc(ws->nw * sizeof *d->forms);
    d->seen = calloc(n, sizeof *d->seen);
    d->mask = n - 1;
    if (!d->forms || !d->seen)
        return 0;
    for (size_t i = 0; i < ws->nw; i++) {
        const word_t *w = &ws->w[i];
        form_of(w, &d->forms[i]);
        unsigned char how = !w->upper && !w->caps                 ? SEEN_LOWER
                            : w->upper && !w->caps && !w->sentence ? SEEN_INSIDE
                                                                   : 0;
        if (how) {
            seen_t *e = seen_slot(d, form_key(&d->forms[i]));
            e->key = form_key(&d->forms[i]);
            e->how |= how;
        }
    }
    return 1;
}

/* The hashes of word i's features into h (32 of them at most); returns how many. The words
 * before i are tagged already. */
static int word_features(const doc_t *d, size_t i, const unsigned char *tags, uint32_t *h)
{
    const words_t *ws = d->ws;
    const char *marks = d->marks;
    const word_t *w = &ws->w[i];
    int has_next = i + 1 < ws->nw, has_next2 = i + 2 < ws->nw;
    static const form_t start = {"^", 1, "^", 1}, end = {"$", 1, "$", 1};
    const form_t *prev2 = i > 1 ? &d->forms[i - 2] : &start, *prev = i ? &d->forms[i - 1] : &start;
    const form_t *cur = &d->forms[i];
    const form_t *next = has_next ? &d->forms[i + 1] : &end;
    const form_t *next2 = has_next2 ? &d->forms[i + 2] : &end;
    char fl[6] = {(char)('0' + !!w->upper), (char)('0' + !!w->caps),
                  (char)('0' + !!w->sentence), (char)('0' + !!w->stop),
                  (char)('0' + !!w->paren), (char)('0' + (i ? !!ws->w[i - 1].stop : 1))};
    char pm[2] = {i ? marks[i - 1] : '^', marks[i]};
    char nm[2] = {marks[i], has_next ? marks[i + 1] : '$'};
    unsigned char how = seen_slot(d, form_key(cur))->how;
    char dc[5] = {(char)('0' + !!(how & SEEN_LOWER)), (char)('0' + !!(how & SEEN_INSIDE)), fl[0],
                  fl[1], fl[2]};
    int nh = 0;
    h[nh++] = feat(F_B, "", 0);
    h[nh++] = feat(F_W, cur->low, cur->n);
    h[nh++] = feat(F_P1, prev->low, prev->n);
    h[nh++] = feat(F_N1, next->low, next->n);
    h[nh++] = feat(F_P2, prev2->low, prev2->n);
    h[nh++] = feat(F_N2, next2->low, next2->n);
    h[nh++] = feat(F_SH, cur->shape, cur->sn);
    h[nh++] = feat(F_PSH, prev->shape, prev->sn);
    h[nh++] = feat(F_NSH, next->shape, next->sn);
    h[nh++] = feat(F_PRE, cur->low, cur->n < 3 ? cur->n : 3);
    h[nh++] = feat(F_SUF, cur->low + (cur->n > 3 ? cur->n - 3 : 0), cur->n < 3 ? cur->n : 3);
    h[nh++] = feat(F_SUF4, cur->low + (cur->n > 4 ? cur->n - 4 : 0), cur->n < 4 ? cur->n : 4);
    h[nh++] = feat(F_FL, fl, 6);
    h[nh++] = feat(F_D, &marks[i], 1);
    h[nh++] = feat(F_PD, pm, 2);
    h[nh++] = feat(F_ND, nm, 2);
    h[nh++] = fnv(fnv(feat(F_PW, prev->low, prev->n), "|", 1), cur->low, cur->n);
    h[nh++] = fnv(fnv(feat(F_WN, cur->low, cur->n), "|", 1), next->low, next->n);
    char dsh[WORD_MAX + 3];
    dsh[0] = marks[i];
    memcpy(dsh + 1, cur->shape, cur->sn);
    memcpy(dsh + 1 + cur->sn, fl, 2);
    h[nh++] = feat(F_DSH, dsh, cur->sn + 3);
    h[nh++] = feat(F_DC, dc, 5);
    /* the tags before it */
    int g1 = i ? tags[i - 1] : DL_TAGS, g2 = i > 1 ? tags[i - 2] : DL_TAGS;
    h[nh++] = tag1[g1];
    h[nh++] = tag12[g2][g1];
    h[nh++] = fnv(tag1w[g1], cur->low, cur->n);
    h[nh++] = fnv(tag1sh[g1], cur->shape, cur->sn);
    return nh;
}

int dl_tagger_tag(const words_t *ws, unsigned char *tags, int *margin)
{
    memset(tags, DL_TAG_O, ws->nw);
    if (margin)
        memset(margin, 0, ws->nw * sizeof *margin);
    if (!ws->nw)
        return dl_tagger_load();
    char *marks = malloc(ws->nw);
    doc_t d = {0};
    if (!dl_tagger_load() || !marks || !doc_read(&d, ws, marks)) {
        free(marks);
        free(d.forms);
        free(d.seen);
        return 0;
    }
    dict_marks(ws, marks);
    for (size_t i = 0; i < ws->nw; i++) {
        if (plain(ws, i) && plain(ws, i + 1) && (i == 0 || plain(ws, i - 1)))
            continue; /* in lower case among words in lower case: O */
        uint32_t h[32];
        int nh = word_features(&d, i, tags, h);
        int t1 = i ? tags[i - 1] : -1;
        /* the features' slots fetched together, then read: their cache misses overlap */
#ifdef __GNUC__
        for (int k = 0; k < nh; k++)
            __builtin_prefetch(&model.slots[slot(h[k])]);
#endif
        int s[ROW] = {0};
        for (int k = 0; k < nh; k++)
            add(s, h[k]);
        int best = -1, second = -1;
        for (int k = 0; k < DL_TAGS; k++) {
            if (!valid_tag(t1, k))
                continue;
            if (best < 0 || s[k] > s[best]) {
                second = best;
                best = k;
            } else if (second < 0 || s[k] > s[second])
                second = k;
        }
        tags[i] = (unsigned char)best;
        if (margin)
            margin[i] = second >= 0 ? s[best] - s[second] : 0;
    }
    free(marks);
    free(d.forms);
    free(d.seen);
    return 1;
}
