/* extract-groups.c: finds the groups a story names, its rules in order: known ones, "Name (ACR)"
 * definitions, names headed by words such as Forces or Ministry (extract-groups-orgs.c), media
 * beside their kind (-media.c), bodies named bare (-bare.c), clubs and the tagger's (-tagged.c). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract-groups-int.h"
#include "extract-learn.h"
#include "extract-parties.h"
#include "tagger.h"

#define MAX_DEFINED_WORDS 12 /* "Rally for the Return of Refugees and Democracy in Rwanda (RDR)" */

/* Lower-case words that may stand inside a name: "Bank of America", "Deir al-Zor Council". */
const char *const dl_groups_connectors[] = {"of", "the", "for", "and", "&", "de", "du", "des",
                                            "la", "le", "al", "el", "on", NULL};
/* Lower-case words that stand inside a longer name only, never at its ends and never in a name
 * no list or definition confirms: "Organisation for Security and Cooperation in Europe". */
static const char *const inner[] = {"in", "at", "to", NULL};

/* A word that can be part of a capitalised name: a capital first, or "al-Zor". */
int dl_groups_name_word(const word_t *w)
{
    if (w->upper)
        return 1;
    return w->n > 3 && (strncmp(w->p, "al-", 3) == 0 || strncmp(w->p, "el-", 3) == 0) &&
           w->p[3] >= 'A' && w->p[3] <= 'Z';
}

/* Whether w is an acronym as written: 2 to 8 capitals and digits, at least 2 letters. */
static int acronym(const word_t *w)
{
    int letters = 0;
    if (w->n < 2 || w->n > 8)
        return 0;
    for (size_t i = 0; i < w->n; i++) {
        char c = w->p[i];
        if (c >= 'A' && c <= 'Z')
            letters++;
        else if (!(c >= '0' && c <= '9') && c != '-' && c != '&')
            return 0;
    }
    return letters >= 2;
}

/* Whether the folded acronym is the initials of the name's capitalised words. */
static int initials_of(const char *name, const char *acr)
{
    size_t k = 0;
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && *p >= 'A' && *p <= 'Z') {
            if (acr[k] != (char)(*p | 0x20))
                return 0;
            k++;
        }
    return k >= 2 && acr[k] == '\0';
}

/* Whether the acronym's letters are the initials of the name's words (connectors skipped). */
static int initials_match(const words_t *ws, size_t from, size_t to, const word_t *acr)
{
    char ini[MAX_DEFINED_WORDS + 1];
    size_t n = 0, k = 0;
    for (size_t i = from; i < to && n < MAX_DEFINED_WORDS; i++)
        if (!dl_word_is(&ws->w[i], dl_groups_connectors) && !dl_word_is(&ws->w[i], inner))
            ini[n++] = (char)(ws->w[i].p[0] | 0x20);
    ini[n] = '\0';
    /* every letter of the acronym, in order, among the initials, starting with the first */
    for (size_t i = 0; i < acr->n; i++) {
        char c = (char)(acr->p[i] | 0x20);
        if (c < 'a' || c > 'z')
            continue;
        while (k < n && ini[k] != c)
            k++;
        if (k == n)
            return 0;
        k++;
    }
    return n > 0 && ini[0] == (char)(acr->p[0] | 0x20) && k >= n - 1;
}

/* Whether a dash follows the word in brackets: "(Reuters) - ", "(AP) -- ", "(AFP) — ". */
static int credit_dash(const word_t *w)
{
    const char *p = w->p + w->n;
    if (*p != ')')
        return 0;
    for (p++; *p == ' '; p++)
        ;
    /* byte by byte: the text may end right after the bracket */
    return (p[0] == '-' && (p[1] == ' ' || (p[1] == '-' && p[2] == ' '))) ||
           ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
}

/* The group of the list whose name or acronym stands before the hyphen of a compound
 * adjective ("U.N.-backed", "NATO-led", "EU-funded": a word in lower case after it), or NULL;
 * not a weak name, and an acronym only as written in capitals. */
static const dl_place_t *modifier(const word_t *w)
{
    const char *h = memchr(w->p, '-', w->n);
    if (!h || h == w->p || h + 1 >= w->p + w->n || h[1] < 'a' || h[1] > 'z')
        return NULL;
    for (const char *p = h + 1; p < w->p + w->n; p++)
        if (!(*p >= 'a' && *p <= 'z') && *p != '-')
            return NULL;
    word_t part = *w;
    part.n = (size_t)(h - w->p);
    int caps = 1;
    for (size_t k = 0; k < part.n; k++)
        caps = caps && !(part.p[k] >= 'a' && part.p[k] <= 'z');
    char key[64];
    size_t n = dl_gaz_fold(part.p, part.n, key, sizeof key);
    int weak = 0;
    const dl_place_t *b = n ? dl_groups_builtin(key, n, 1, caps, NULL, 0, 0, &weak) : NULL;
    return b && !weak ? b : NULL;
}

/* Whether the word of the group list at word i (one word, not in capitals) is the first word
 * of a longer name, as the tagger reads it: the capitalised word after it goes on with its name
 * ("Labour Day", "Labour Department": not the Labour Party; "Fed Chairman Alan Greenspan" is
 * the Fed). Reading a person's name before it ("Tom Lehman") the same way cost more on the
 * modern yardstick ("via Natalia Veselnitskaya Facebook") than it gave. */
static int inside_name(const words_t *ws, const unsigned char *tags, size_t i, size_t n)
{
    if (n != 1 || ws->w[i].caps)
        return 0;
    const word_t *next = i + 1 < ws->nw ? &ws->w[i + 1] : NULL;
    unsigned char t = next ? tags[i + 1] : DL_TAG_O;
    return next && !ws->w[i].stop && next->upper &&
           (t == DL_TAG_I_ORG || t == DL_TAG_I_PER || t == DL_TAG_I_LOC || t == DL_TAG_I_MISC);
}

/* Counts the labels the source gave (Reuters ORGS), under the list's name where it knows them. */
static void read_labels(dl_story_t *s)
{
    size_t nlabels = dateline_article_count(s->a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < nlabels; i++) {
        const char *l = dateline_article_get_nth(s->a, DATELINE_FIELD_GROUPS, i);
        char key[128];
        size_t k = dl_gaz_fold(l, strlen(l), key, sizeof key);
        const dl_place_t *b = dl_groups_builtin(key, k, 0, 0, NULL, 0, 0, NULL);
        size_t at = dl_groups_add(s->g, &s->ng, b ? b->name : l, G_LABEL);
        dl_trace_text(s->tr, l, strlen(l), DATELINE_FIELD_GROUPS, i, 0);
        dl_groups_trace(s->tr, s->g, at, l, l + strlen(l), "source label");
    }
}

/* Splits the headline into words and tells whether it is in capitals or in title case. */
static void read_title(dl_story_t *s, const char *title)
{
    words_t *ws = &s->ws;
    dl_trace_text(s->tr, title, strlen(title), DATELINE_FIELD_TITLE, 0, 0);
    dl_words_split(ws, title, G_TITLE);
    s->caps_title = 1;
    for (size_t i = 0; i < ws->nw; i++)
        s->caps_title = s->caps_title && (ws->w[i].caps || !ws->w[i].upper);
    /* title case: a small word capitalised inside ("Willing To Testify In Front") */
    static const char *const small[] = {"to", "a", "an", "in", "on", "at", "for", "with",
                                        "by", "from", "is", "are", "of", "and", NULL};
    for (size_t i = 1; i < ws->nw && !s->caps_title; i++)
        s->title_case = s->title_case || (ws->w[i].upper && !ws->w[i].caps &&
                                          !ws->w[i - 1].stop && dl_word_is(&ws->w[i], small));
}

/* Splits the text into words: its first paragraph (the lead parsed off) weighs more. */
static void read_body(dl_story_t *s, const char *body)
{
    const char *text = body;
    dl_lead_t lead;
    if (dl_lead_parse(body, strlen(body), &lead))
        body += lead.length;
    const char *nl = strchr(body, '\n');
    s->first_par = dl_strndup(body, nl ? (size_t)(nl - body) : strlen(body));
    if (!s->first_par)
        s->ws.failed = 1;
    else {
        dl_trace_text(s->tr, s->first_par, strlen(s->first_par), DATELINE_FIELD_BODY, 0,
                      (size_t)(body - text));
        dl_words_split(&s->ws, s->first_par, G_LEAD);
    }
    if (nl) {
        dl_trace_text(s->tr, nl + 1, strlen(nl + 1), DATELINE_FIELD_BODY, 0,
                      (size_t)(nl + 1 - text));
        dl_words_split(&s->ws, nl + 1, G_BODY);
    }
}

/* Tags the words (the rules alone where the tagger has no weights); 0 when out of memory. */
static int tag_words(dl_story_t *s)
{
    const words_t *ws = &s->ws;
    s->taken = ws->failed ? NULL : calloc(ws->nw + 1, 1);
    s->tags = ws->failed ? NULL : malloc(ws->nw + 1);
    s->margin = ws->failed ? NULL : malloc((ws->nw + 1) * sizeof *s->margin);
    if (ws->failed || !s->taken || !s->tags || !s->margin)
        return 0;
    size_t text_words = 0; /* words outside the headline */
    for (size_t i = 0; i < ws->nw; i++)
        text_words += ws->w[i].weight != G_TITLE;
    s->headline_only = text_words < 4;
    if (!dl_tagger_tag(ws, s->tags, s->margin))
        memset(s->tags, DL_TAG_O, ws->nw); /* no weights: the rules alone */
    return 1;
}

/* The story's own source is its source, never one of its groups: the source field, and a
 * credit the lead parser did not take, "(Reuters) - " in the first words of the body
 * ("LONDON, (Reuters) - ", a byline before it). "told Reuters" is then no group either. */
static void find_sources(dl_story_t *s)
{
    words_t *ws = &s->ws;
    const char *src = dateline_article_get(s->a, DATELINE_FIELD_SOURCE);
    if (src)
        dl_groups_source_key(src, strlen(src), s->sources[0]);
    for (size_t j = 0; j < ws->nw && j < 16; j++)
        if (ws->w[j].weight == G_LEAD && ws->w[j].paren && credit_dash(&ws->w[j])) {
            dl_groups_source_key(ws->w[j].p, ws->w[j].n, s->sources[1]);
            ws->w[j].upper = 0; /* read as no name */
            break;
        }
}

/* The name of the story's country, whose parties its party words name first, or NULL. */
static const char *story_country(const dateline_article_t *a)
{
    if (!dateline_article_count(a, DATELINE_FIELD_PLACE_IDS))
        return NULL;
    char id[64];
    int p = sscanf(dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, 0), "%63s", id) == 1
                ? dl_gaz_find_id(id) : -1;
    const dl_place_t *pl = p >= 0 ? dl_gaz_place(p) : NULL;
    if (pl && pl->country >= 0 && dl_gaz_place(pl->country))
        return dl_gaz_place(pl->country)->name;
    return NULL;
}

/* 0. the groups the story teaches itself: "Acme Widgets Inc", "the Brussels-based Solvay" */
static void learn(dl_story_t *s)
{
    s->nlearned = dl_learn_groups(&s->ws, s->tags, s->learned, 16);
    for (size_t l = 0; l < s->nlearned && *s->ndefs < s->cap; l++) {
        if (s->learned[l].story)
            continue; /* a short form is this story's only */
        dl_definition_t *d = &s->defs[*s->ndefs]; /* the index learns the bare name for group: */
        dl_words_text(&s->ws, s->learned[l].from, s->learned[l].from + s->learned[l].n,
                      d->acronym, sizeof d->acronym);
        snprintf(d->name, sizeof d->name, "%s", s->learned[l].name);
        *s->ndefs += strcmp(d->acronym, d->name) != 0;
    }
}

/* 1. definitions: "Syrian Democratic Forces (SDF)" */
static void find_definitions(dl_story_t *s)
{
    const words_t *ws = &s->ws;
    for (size_t j = 1; j < ws->nw; j++) {
        const word_t *acr = &ws->w[j];
        if (!acr->paren || !acronym(acr) || ws->w[j - 1].stop)
            continue;
        size_t best = j;
        for (size_t from = j; from > 0 && j - from < MAX_DEFINED_WORDS;) {
            from--;
            const word_t *w = &ws->w[from];
            if ((w->stop && from != j - 1) ||
                (!dl_groups_name_word(w) && !dl_word_is(w, dl_groups_connectors) &&
                 !dl_word_is(w, inner)))
                break;
            if (dl_groups_name_word(w) && initials_match(ws, from, j, acr))
                best = from;
        }
        while (best < j && dl_word_is(&ws->w[best], dl_groups_connectors))
            best++; /* "The Syrian Democratic Forces (SDF)" is the Syrian Democratic Forces */
        if (best < j && *s->ndefs < s->cap) {
            dl_definition_t *d = &s->defs[(*s->ndefs)++];
            snprintf(d->acronym, sizeof d->acronym, "%.*s", (int)acr->n, acr->p);
            dl_words_text(ws, best, j, d->name, sizeof d->name);
            /* two mentions, the name and its acronym; their words are read here only */
            const word_t *last = &ws->w[j - 1];
            dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, d->name, ws->w[best].weight),
                            ws->w[best].p, last->p + last->n, "acronym defined in text");
            dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, d->name, acr->weight),
                            acr->p, acr->p + acr->n, "acronym defined in text");
            memset(s->taken + best, 1, j + 1 - best);
        }
    }
}

/* A name the story taught, at word i: its group, wherever it stands; returns how many words
 * it took (0: none). */
static size_t taught_at(dl_story_t *s, size_t i)
{
    const word_t *w = &s->ws.w[i];
    size_t l = 0;
    while (l < s->nlearned && !dl_learned_at(&s->ws, i, &s->learned[l]))
        l++;
    if (l == s->nlearned)
        return 0;
    size_t k = dl_groups_add(s->g, &s->ng, s->learned[l].name, w->weight);
    size_t n = s->learned[l].n + (i == s->learned[l].from ? s->learned[l].skip : 0);
    const word_t *last = &s->ws.w[i + n - 1];
    dl_groups_trace(s->tr, s->g, k, w->p, last->p + last->n,
                    i == s->learned[l].from ? "name with a designator" : "name the story taught");
    memset(s->taken + i, 1, n);
    return n;
}

/* Keeps the acronym w in the article's ACRONYMS, as a8 (16 bytes, whole UTF-8 characters). */
static dateline_status_t keep_acronym(dl_story_t *s, const word_t *w, char *a8)
{
    snprintf(a8, 16, "%.*s", (int)dl_utf8_fit(w->p, w->n, 16), w->p);
    return dl_article_put(s->a, DATELINE_FIELD_ACRONYMS, a8, strlen(a8));
}

/* An acronym means first what this story makes it mean: a definition here, or the initials
 * of a group the story names; only then what the built-in list says. What other stories
 * taught the index is applied by group: at query time, so that a story's groups never depend
 * on the order stories went in. Sets *used to 1 when the acronym at word i meant a group. */
static dateline_status_t acronym_meant(dl_story_t *s, size_t i, size_t *used)
{
    const word_t *w = &s->ws.w[i];
    char k1[32];
    const char *meant = NULL, *rule = "acronym defined in text";
    dl_gaz_fold(w->p, w->n, k1, sizeof k1);
    for (size_t d = 0; d < *s->ndefs && !meant; d++)
        if (strlen(s->defs[d].acronym) == w->n && memcmp(s->defs[d].acronym, w->p, w->n) == 0)
            meant = s->defs[d].name;
    for (size_t q = 0; q < s->ng && !meant; q++)
        if (initials_of(s->g[q].name, k1)) {
            meant = s->g[q].name;
            rule = "initials of a named group";
        }
    if (!meant)
        return DATELINE_OK;
    dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, meant, w->weight), w->p,
                    w->p + w->n, rule);
    char a8[16];
    dateline_status_t st = keep_acronym(s, w, a8);
    if (st != DATELINE_OK)
        return st;
    s->taken[i] = 1;
    *used = 1;
    return DATELINE_OK;
}

/* Whether a name of the group list of two words or more starts at word i: "EC Commission" is
 * read as that name, not "EC" as the initials of a group the story names. */
static int heads_listed(dl_story_t *s, size_t i)
{
    char key[160];
    size_t klen[MAX_NAME_WORDS] = {0};
    size_t maxn = dl_words_keys(&s->ws, i, MAX_NAME_WORDS, key, sizeof key, klen);
    for (size_t n = maxn; n >= 2; n--)
        if (dl_groups_builtin(key, klen[n - 1], 1, 0, &s->ws, i, n, NULL))
            return 1;
    return 0;
}

/* A group named at the head of the name of one of its bodies is named too: "the EC
 * Commission" and "the European Community Commission" are the European Commission, and the
 * story names the EC ("U.N. Security Council": the UN), as "U.N.-backed" does: a user who asks
 * for the EC wants what its Commission does. Counted before the body b of n words from word
 * i, so that "EC" alone later is the EC, not the Commission's initials. */
static void heading_group(dl_story_t *s, size_t i, size_t n, const dl_place_t *b)
{
    const words_t *ws = &s->ws;
    char key[160];
    size_t klen[MAX_NAME_WORDS] = {0};
    dl_words_keys(ws, i, n - 1, key, sizeof key, klen);
    for (size_t m = n - 1; m >= 1; m--) {
        int caps = 1, weak = 0;
        for (size_t k = i; k < i + m; k++)
            caps = caps && ws->w[k].caps;
        const dl_place_t *head = dl_groups_builtin(key, klen[m - 1], 1, caps, ws, i, m, &weak);
        if (!head || weak)
            continue;
        /* the head is a modifier: a capitalised name follows it, not "of" ("Patriotic Union of
         * Kurdistan" is no body of a Patriotic Union) */
        if (head != b && ws->w[i + m].upper && !ws->w[i + m - 1].stop) {
            const word_t *wn = &ws->w[i + m - 1];
            dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, head->name, ws->w[i].weight),
                            ws->w[i].p, wn->p + wn->n, "group heading a body's name");
        }
        return;
    }
}

/* 2. the longest name of the group list from word i, its words taken, or a weak one kept
 * pending; returns how many words it used (0: none). */
static size_t listed_at(dl_story_t *s, size_t i, int in_title)
{
    const words_t *ws = &s->ws;
    const word_t *w = &ws->w[i];
    char key[160];
    size_t klen[MAX_NAME_WORDS] = {0};
    size_t maxn = dl_words_keys(ws, i, MAX_NAME_WORDS, key, sizeof key, klen);
    size_t used = 0;
    for (size_t n = maxn; n >= 1 && !used; n--) {
        int caps = 1, names = 1;
        for (size_t k = 0; k < n; k++) {
            const word_t *wk = &ws->w[i + k];
            caps = caps && wk->caps;
            names = names && (dl_groups_name_word(wk) || dl_word_is(wk, dl_groups_connectors) ||
                              (k > 0 && k + 1 < n && dl_word_is(wk, inner)));
        }
        if (!names && !in_title)
            continue; /* "The union said" is no group called The Union */
        if (!in_title && inside_name(ws, s->tags, i, n))
            continue; /* "Labour Day", "Tom Lehman" */
        int weak = 0;
        const dl_place_t *b =
            dl_groups_builtin(key, klen[n - 1], 1, caps && !in_title, ws, i, n, &weak);
        if (!b && in_title && n == 1 && acronym(w)) {
            /* an acronym in a headline in capitals ("EC GRANTS LICENCES"), where it looks
             * like any word ("WHO"): counted where the text names its group too, or where
             * there is no text ("Blah blah blah.") */
            b = dl_groups_builtin(key, klen[0], 1, 1, ws, i, 1, &weak);
            weak = weak || (b && !s->headline_only);
        }
        if (!b || (n == 1 && !caps && w->sentence && b->name[0] != w->p[0]))
            continue;
        if (!weak) {
            if (n > 1)
                heading_group(s, i, n, b);
            size_t at = dl_groups_add(s->g, &s->ng, b->name, w->weight);
            const word_t *wn = &ws->w[i + n - 1];
            dl_groups_trace(s->tr, s->g, at, w->p, wn->p + wn->n,
                            n == 1 && acronym(w) ? "group list acronym" : "group list name");
            dl_groups_beaten(s->tr, s->g, at, key, klen[n - 1], b);
        } else if (s->npending < MAX_GROUPS) {
            dl_pending_t *p = &s->pending[s->npending++];
            p->name = b->name;
            p->w = w;
            p->n = n;
            p->weight = w->weight;
        }
        used = n;
        memset(s->taken + i, !weak, n);
    }
    return used;
}

/* 2. and 3.: the group named from word i, if any, counted; sets *step to how many words on
 * the next name may start. */
static dateline_status_t names_at(dl_story_t *s, size_t i, size_t *step)
{
    const word_t *w = &s->ws.w[i];
    int in_title = s->caps_title && w->weight == G_TITLE;
    dateline_status_t st = DATELINE_OK;
    size_t used = 0;
    *step = 1;
    if (!dl_groups_name_word(w) || dl_word_is(w, dl_groups_connectors) || s->taken[i])
        return DATELINE_OK; /* "The International Committee of the Red Cross" starts at
                             * International; a word a definition took is read there only */
    if ((used = taught_at(s, i)) != 0) {
        *step = used;
        return DATELINE_OK;
    }
    const dl_place_t *mod = in_title ? NULL : modifier(w);
    if (mod) { /* "the U.N.-backed government", "NATO-led forces" */
        dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, mod->name, w->weight), w->p,
                        (const char *)memchr(w->p, '-', w->n), "group as a modifier");
        s->taken[i] = 1;
        return DATELINE_OK;
    }
    if (acronym(w) && !in_title && !heads_listed(s, i) &&
        ((st = acronym_meant(s, i, &used)) != DATELINE_OK || used))
        return st;
    used = listed_at(s, i, in_title);
    if (!used && acronym(w) && !in_title) {
        /* an acronym nobody has explained yet: kept, so that group: finds this story
         * once another story teaches the index what it stands for */
        char a8[16];
        if ((st = keep_acronym(s, w, a8)) != DATELINE_OK)
            return st;
        dl_trace_mention(s->tr, DL_TRACE_ACRONYM, a8, a8, w->p, w->p + w->n, "acronym");
        used = 1;
        s->taken[i] = 1;
    }
    /* not in a headline in title case ("Michelle Obama Went To A Birthday Party") */
    if (!used && !in_title && !(s->title_case && w->weight == G_TITLE))
        used = dl_groups_org_name(s, i);
    if (!used && !in_title) {
        /* 3b. a party by its members or its adjective: "Republicans", "a Democratic
         * senator" */
        const dl_place_t *party = dl_party_at(&s->ws, i, s->country);
        if (party) {
            dl_groups_trace(s->tr, s->g, dl_groups_add(s->g, &s->ng, party->name, w->weight),
                            w->p, w->p + w->n, "party by its members or adjective");
            used = 1;
            s->taken[i] = 1;
        }
    }
    *step = used ? used : 1;
    return DATELINE_OK;
}

/* Sets the article's GROUPS: the story's source left out, most salient first. */
static dateline_status_t put_groups(dl_story_t *s, int *salience, size_t salience_cap)
{
    dateline_status_t st = DATELINE_OK;
    size_t kept = 0;
    for (size_t i = 0; i < s->ng; i++)
        if (strcmp(s->g[i].key, s->sources[0]) != 0 && strcmp(s->g[i].key, s->sources[1]) != 0)
            s->g[kept++] = s->g[i];
    s->ng = kept;
    qsort(s->g, s->ng, sizeof *s->g, dl_groups_by_salience);
    dl_article_clear_field(s->a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < s->ng && st == DATELINE_OK; i++) {
        const group_t *g = &s->g[i];
        st = dl_article_put(s->a, DATELINE_FIELD_GROUPS, g->name, strlen(g->name));
        dl_trace_final(s->tr, DL_TRACE_GROUP, g->key, g->name, g->salience);
        if (salience && i < salience_cap)
            salience[i] = g->salience;
    }
    return st;
}

/* Reads the story's text and runs the rules over it in order; the groups go into s->g. */
static dateline_status_t read_story(dl_story_t *s)
{
    const char *title = dateline_article_get(s->a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(s->a, DATELINE_FIELD_BODY);
    read_labels(s);
    if (title)
        read_title(s, title);
    if (body)
        read_body(s, body);
    if (!tag_words(s))
        return DATELINE_NO_MEMORY;
    find_sources(s);
    s->country = story_country(s->a);
    learn(s);
    find_definitions(s);
    for (size_t i = 0, step; i < s->ws.nw; i += step) {
        dateline_status_t st = names_at(s, i, &step);
        if (st != DATELINE_OK)
            return st;
    }
    dl_groups_confirm_pending(s);
    dl_groups_media(s);
    dl_groups_bare(s);
    dl_groups_teams(&s->ws, s->taken, s->tags, s->margin, s->g, &s->ng, s->tr);
    dateline_status_t st = dl_groups_tagged(&s->ws, s->taken, s->tags, s->margin, s->g, &s->ng,
                                            s->tr);
    dl_groups_merge_short_forms(s->g, &s->ng, s->tr);
    return st;
}

dateline_status_t dl_extract_groups(dateline_article_t *a, dl_definition_t *defs, size_t cap,
                                    size_t *ndefs, int *salience, size_t salience_cap)
{
    return dl_extract_groups_traced(a, defs, cap, ndefs, salience, salience_cap, NULL);
}

dateline_status_t dl_extract_groups_traced(dateline_article_t *a, dl_definition_t *defs,
                                           size_t cap, size_t *ndefs, int *salience,
                                           size_t salience_cap, dl_trace_t *tr)
{
    /* large (pending, learned): on the heap like the groups, not on a thread's stack */
    dl_story_t *s = malloc(sizeof *s);
    *ndefs = 0;
    if (!s || !dl_gaz_load()) {
        free(s);
        return DATELINE_NO_MEMORY;
    }
    *s = (dl_story_t){.a = a, .tr = tr, .defs = defs, .cap = cap, .ndefs = ndefs,
                      .g = malloc(MAX_GROUPS * sizeof *s->g)};
    if (!s->g) {
        free(s);
        return DATELINE_NO_MEMORY;
    }
    dateline_status_t st = read_story(s);
    if (st == DATELINE_OK)
        st = put_groups(s, salience, salience_cap);
    free(s->taken);
    free(s->tags);
    free(s->margin);
    free(s->first_par);
    free(s->ws.w);
    free(s->g);
    free(s);
    return st;
}
