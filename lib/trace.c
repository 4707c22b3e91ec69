/* trace.c: the recorder of an extractor's decisions, and the explanation it becomes
 * (dateline_explanation_*: the getters of dateline_index_explain()'s answer). */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dl.h"
#include "gazetteer.h"
#include "trace.h"

typedef struct {
    dateline_field_t field; /* where the words stand */
    size_t nth, offset;     /* value of the field, byte in it */
    char *words;            /* as written */
    const char *rule;       /* a literal */
} mention_t;

typedef struct {
    char *id, *name, *why;
} candidate_t;

typedef struct {
    dl_trace_kind_t kind;
    char *key, *name;
    int salience;
    int order;              /* place in the extractor's answer (from 1); 0: not in it */
    mention_t *m;
    size_t nm, capm;
    candidate_t *c;
    size_t nc, capc;
} entity_t;

typedef struct {
    const char *p;
    size_t n, nth, offset;
    dateline_field_t field;
} text_t;

struct dateline_explanation {
    text_t *texts;          /* title, lead, body, labels and datelines of the article */
    size_t ntexts, captexts;
    entity_t *e;
    size_t ne, cap;
    int nfinal;             /* entities the extractor answered so far */
    int exact;
    int failed;             /* an allocation failed */
};

dl_trace_t *dl_trace_new(void)
{
    return calloc(1, sizeof(dl_trace_t));
}

static void entity_free(entity_t *e)
{
    for (size_t j = 0; j < e->nm; j++)
        free(e->m[j].words);
    for (size_t j = 0; j < e->nc; j++) {
        free(e->c[j].id);
        free(e->c[j].name);
        free(e->c[j].why);
    }
    free(e->m);
    free(e->c);
    free(e->key);
    free(e->name);
}

void dateline_explanation_destroy(dateline_explanation_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ne; i++)
        entity_free(&t->e[i]);
    free(t->e);
    free(t->texts);
    free(t);
}

void dl_trace_text(dl_trace_t *t, const char *p, size_t n, dateline_field_t field, size_t nth,
                   size_t offset)
{
    if (!t || !p)
        return;
    if (t->ntexts == t->captexts) {
        size_t cap = t->captexts ? 2 * t->captexts : 8;
        text_t *more = realloc(t->texts, cap * sizeof *more);
        if (!more) {
            t->failed = 1;
            return;
        }
        t->texts = more;
        t->captexts = cap;
    }
    text_t *x = &t->texts[t->ntexts++];
    x->p = p;
    x->n = n;
    x->field = field;
    x->nth = nth;
    x->offset = offset;
}

/* The entity of that kind and key, made when new; NULL when memory ran out. */
static entity_t *entity(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *name)
{
    for (size_t i = 0; i < t->ne; i++)
        if (t->e[i].kind == kind && strcmp(t->e[i].key, key) == 0)
            return &t->e[i];
    if (t->ne == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        entity_t *e = realloc(t->e, cap * sizeof *e);
        if (!e)
            return NULL;
        t->e = e;
        t->cap = cap;
    }
    entity_t *e = &t->e[t->ne];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->key = dl_strdup(key);
    e->name = dl_strdup(name ? name : key);
    if (!e->key || !e->name) {
        free(e->key);
        free(e->name);
        return NULL;
    }
    t->ne++;
    return e;
}

static int add_mention(entity_t *e, const mention_t *m)
{
    if (e->nm == e->capm) {
        size_t cap = e->capm ? 2 * e->capm : 4;
        mention_t *n = realloc(e->m, cap * sizeof *n);
        if (!n)
            return 0;
        e->m = n;
        e->capm = cap;
    }
    e->m[e->nm] = *m;
    e->m[e->nm].words = dl_strdup(m->words);
    return e->m[e->nm++].words != NULL;
}

void dl_trace_mention(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *name,
                      const char *from, const char *to, const char *rule)
{
    if (!t)
        return;
    entity_t *e = entity(t, kind, key, name);
    mention_t m = {DATELINE_FIELD_COUNT_, 0, 0, NULL, rule};
    for (size_t i = 0; i < t->ntexts; i++)
        if (from >= t->texts[i].p && to <= t->texts[i].p + t->texts[i].n) {
            m.field = t->texts[i].field;
            m.nth = t->texts[i].nth;
            m.offset = t->texts[i].offset + (size_t)(from - t->texts[i].p);
            break;
        }
    m.words = dl_strndup(from, to > from ? (size_t)(to - from) : 0);
    if (!e || !m.words || !add_mention(e, &m))
        t->failed = 1;
    free(m.words);
}

void dl_trace_beat(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *id,
                   const char *name, const char *why, ...)
{
    if (!t)
        return;
    entity_t *e = entity(t, kind, key, NULL);
    if (!e) {
        t->failed = 1;
        return;
    }
    for (size_t j = 0; j < e->nc; j++)
        if (strcmp(e->c[j].id, id) == 0)
            return;
    if (e->nc == e->capc) {
        size_t cap = e->capc ? 2 * e->capc : 4;
        candidate_t *n = realloc(e->c, cap * sizeof *n);
        if (!n) {
            t->failed = 1;
            return;
        }
        e->c = n;
        e->capc = cap;
    }
    char buf[256];
    va_list ap;
    va_start(ap, why);
    vsnprintf(buf, sizeof buf, why, ap);
    va_end(ap);
    candidate_t *c = &e->c[e->nc];
    c->id = dl_strdup(id);
    c->name = dl_strdup(name);
    c->why = dl_strdup(buf);
    if (!c->id || !c->name || !c->why) {
        free(c->id);
        free(c->name);
        free(c->why);
        t->failed = 1;
        return;
    }
    e->nc++;
}

/* Appends the mentions of `from` to `to` under another rule. */
static void copy_mentions(dl_trace_t *t, size_t from, entity_t *to, const char *rule)
{
    size_t n = t->e[from].nm;
    for (size_t j = 0; j < n; j++) {
        mention_t m = t->e[from].m[j]; /* a copy: `to` may move t->e's mentions' array */
        m.rule = rule;
        if (!add_mention(to, &m))
            t->failed = 1;
    }
}

void dl_trace_inherit(dl_trace_t *t, dl_trace_kind_t kind, const char *from, const char *to,
                      const char *to_name, const char *rule)
{
    if (!t)
        return;
    entity_t *dst = entity(t, kind, to, to_name);
    if (!dst) {
        t->failed = 1;
        return;
    }
    size_t d = (size_t)(dst - t->e);
    for (size_t i = 0; i < t->ne; i++)
        if (i != d && t->e[i].kind == kind && strcmp(t->e[i].key, from) == 0)
            copy_mentions(t, i, &t->e[d], rule);
}

void dl_trace_final(dl_trace_t *t, dl_trace_kind_t kind, const char *key, const char *name,
                    int salience)
{
    if (!t)
        return;
    entity_t *e = entity(t, kind, key, name);
    char *copy = dl_strdup(name);
    if (!e || !copy) {
        free(copy);
        t->failed = 1;
        return;
    }
    free(e->name);
    e->name = copy;
    e->salience = salience;
    e->order = ++t->nfinal;
}

void dl_trace_renumber(dl_trace_t *t, dateline_field_t field, const size_t *to, size_t n)
{
    for (size_t i = 0; t && i < t->ne; i++)
        for (size_t j = 0; j < t->e[i].nm; j++)
            if (t->e[i].m[j].field == field && t->e[i].m[j].nth < n)
                t->e[i].m[j].nth = to[t->e[i].m[j].nth];
}

void dl_trace_set_exact(dl_trace_t *t, int exact)
{
    if (t)
        t->exact = exact;
}

int dl_trace_acronym(const dl_trace_t *t, size_t i, const char **key)
{
    for (size_t k = 0; k < t->ne; k++)
        if (t->e[k].kind == DL_TRACE_ACRONYM && i-- == 0) {
            *key = t->e[k].key;
            return 1;
        }
    return 0;
}

void dl_trace_learned(dl_trace_t *t, const char *key, const char *group, const char *group_key,
                      const char *rule)
{
    size_t a = t->ne;
    for (size_t k = 0; k < t->ne && a == t->ne; k++)
        if (t->e[k].kind == DL_TRACE_ACRONYM && strcmp(t->e[k].key, key) == 0)
            a = k;
    if (a == t->ne)
        return;
    entity_t *to = NULL;
    for (size_t k = 0; k < t->ne && !to; k++) {
        char f[256];
        if (t->e[k].kind != DL_TRACE_GROUP || !t->e[k].order)
            continue;
        dl_gaz_fold(t->e[k].name, strlen(t->e[k].name), f, sizeof f);
        if (strcmp(f, group_key) == 0)
            to = &t->e[k];
    }
    if (!to)
        to = entity(t, DL_TRACE_LEARNED, group_key, group);
    if (!to)
        t->failed = 1;
    else
        copy_mentions(t, a, to, rule);
}

/* Answered entities in the extractor's order, then learned groups in the order they came. */
static int by_order(const void *x, const void *y)
{
    const entity_t *a = x, *b = y;
    int ka = a->order > 0 ? 0 : 1, kb = b->order > 0 ? 0 : 1;
    if (ka != kb)
        return ka - kb;
    return a->order - b->order;
}

dateline_status_t dl_trace_finish(dl_trace_t *t)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->ne; i++) {
        if (t->e[i].order || t->e[i].kind == DL_TRACE_LEARNED)
            t->e[kept++] = t->e[i];
        else
            entity_free(&t->e[i]);
    }
    t->ne = kept;
    /* learned groups keep the order they came in: qsort is not stable, so number them */
    for (size_t i = 0; i < t->ne; i++)
        if (!t->e[i].order)
            t->e[i].order = -(int)(t->ne - i);
    if (t->ne) /* qsort of no array: e may be NULL */
        qsort(t->e, t->ne, sizeof *t->e, by_order);
    for (size_t i = 0; i < t->ne; i++)
        if (t->e[i].order < 0)
            t->e[i].order = 0;
    return t->failed ? DATELINE_NO_MEMORY : DATELINE_OK;
}

size_t dateline_explanation_count(const dateline_explanation_t *t)
{
    return t ? t->ne : 0;
}

int dateline_explanation_exact(const dateline_explanation_t *t)
{
    return t ? t->exact : 0;
}

dateline_status_t dateline_explanation_entity(const dateline_explanation_t *t, size_t i,
                                              dateline_entity_kind_t *kind, const char **id,
                                              const char **name, int *salience)
{
    if (!t)
        return DATELINE_BAD_ARGUMENT;
    if (i >= t->ne)
        return DATELINE_END;
    if (kind)
        *kind = (dateline_entity_kind_t)t->e[i].kind;
    if (id)
        *id = t->e[i].key;
    if (name)
        *name = t->e[i].name;
    if (salience)
        *salience = t->e[i].salience;
    return DATELINE_OK;
}

dateline_status_t dateline_explanation_mentions(const dateline_explanation_t *t, size_t i,
                                                size_t *out)
{
    if (!t || !out)
        return DATELINE_BAD_ARGUMENT;
    if (i >= t->ne)
        return DATELINE_END;
    *out = t->e[i].nm;
    return DATELINE_OK;
}

dateline_status_t dateline_explanation_mention(const dateline_explanation_t *t, size_t i,
                                               size_t j, dateline_field_t *field, size_t *nth,
                                               size_t *offset, const char **words,
                                               const char **rule)
{
    if (!t)
        return DATELINE_BAD_ARGUMENT;
    if (i >= t->ne || j >= t->e[i].nm)
        return DATELINE_END;
    const mention_t *m = &t->e[i].m[j];
    if (field)
        *field = m->field;
    if (nth)
        *nth = m->nth;
    if (offset)
        *offset = m->offset;
    if (words)
        *words = m->words;
    if (rule)
        *rule = m->rule;
    return DATELINE_OK;
}

dateline_status_t dateline_explanation_candidates(const dateline_explanation_t *t, size_t i,
                                                  size_t *out)
{
    if (!t || !out)
        return DATELINE_BAD_ARGUMENT;
    if (i >= t->ne)
        return DATELINE_END;
    *out = t->e[i].nc;
    return DATELINE_OK;
}

dateline_status_t dateline_explanation_candidate(const dateline_explanation_t *t, size_t i,
                                                 size_t j, const char **id, const char **name,
                                                 const char **why)
{
    if (!t)
        return DATELINE_BAD_ARGUMENT;
    if (i >= t->ne || j >= t->e[i].nc)
        return DATELINE_END;
    if (id)
        *id = t->e[i].c[j].id;
    if (name)
        *name = t->e[i].c[j].name;
    if (why)
        *why = t->e[i].c[j].why;
    return DATELINE_OK;
}
