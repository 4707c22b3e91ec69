/* extract-groups.c: finds the groups a story names: known ones, "Name (ACR)" definitions, and
 * capitalised names headed by words such as Forces, Council or Ministry. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract-groups-int.h"
#include "extract-learn.h"
#include "extract-parties.h"
#include "tagger.h"

#define MAX_NAME_WORDS 8
#define MAX_DEFINED_WORDS 12 /* "Rally for the Return of Refugees and Democracy in Rwanda (RDR)" */

/* Words that head the name of an organisation. */
static const char *const org_words[] = {
    "forces", "council", "party", "ministry", "bank", "corp", "corporation", "inc", "ltd", "plc",
    "group", "union", "front", "army", "organization", "organisation", "agency", "committee",
    "coalition", "commission", "fund", "co", "company", "association", "federation",
    "movement", "brigade", "brigades", "authority", "department", "board", "institute",
    "court", "tribunal", "league", "alliance", "office", "bureau", "police", "guard",
    "militia", "exchange", "airlines", "holdings", "university", "college", NULL};
/* Lower-case words that may stand inside a name: "Bank of America", "Deir al-Zor Council". */
const char *const dl_groups_connectors[] = {"of", "the", "for", "and", "&", "de", "du", "des",
                                            "la", "le", "al", "el", "on", NULL};
/* Lower-case words that stand inside a longer name only, never at its ends and never in a name
 * no list or definition confirms: "Organisation for Security and Cooperation in Europe". */
static const char *const inner[] = {"in", "at", "to", NULL};
/* Connectors that join two parts of one name: "Ways and Means Committee", "Merck & Co". */
static const char *const joining[] = {"and", "&", NULL};

/* A word that can be part of a capitalised name: a capital first, or "al-Zor". */
static int name_word(const word_t *w)
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

/* Whether the acronym's letters are the initials of the name's words (dl_groups_connectors skipped). */
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

/* Whether a name the story taught starts at word i: "KeyCorp and Banc One Corp" is two. */
static int learned_from(const words_t *ws, size_t i, const dl_learned_t *l, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (dl_learned_at(ws, i, &l[k]))
            return 1;
    return 0;
}

/* Whether the word is a compound modifier, a hyphen and lower-case letters to its end:
 * "Minneapolis-based", "Mo.-based", "state-owned". */
static int compound(const word_t *w)
{
    const char *h = memchr(w->p, '-', w->n);
    if (!h || h + 1 == w->p + w->n)
        return 0;
    for (const char *p = h + 1; p < w->p + w->n; p++)
        if (!(*p >= 'a' && *p <= 'z'))
            return 0;
    return 1;
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
    words_t ws = {0};
    group_t *g = malloc(MAX_GROUPS * sizeof *g);
    size_t ng = 0;
    dateline_status_t st = DATELINE_OK;
    const char *title = dateline_article_get(a, DATELINE_FIELD_TITLE);
    const char *body = dateline_article_get(a, DATELINE_FIELD_BODY);
    int caps_title = 0;
    int title_case = 0; /* a headline in title case: no run of capitals is a name there */
    char *first_par = NULL; /* the words point into it */
    struct {
        const char *name;
        int weight;
        const word_t *w;   /* its first word, and */
        size_t n;          /* how many */
    } pending[MAX_GROUPS]; /* mentions by weak names, counted once confirmed */
    size_t npending = 0;
    unsigned char *taken = NULL; /* words some rule took for a group or an acronym */
    unsigned char *tags = NULL;  /* the name tagger's tags of the words, and */
    int *margin = NULL;          /* how sure it is of each */
    *ndefs = 0;
    if (!g || !dl_gaz_load()) {
        free(g);
        return DATELINE_NO_MEMORY;
    }
    /* labels the source gave (Reuters ORGS) */
    size_t nlabels = dateline_article_count(a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < nlabels; i++) {
        const char *l = dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, i);
        char key[128];
        size_t k = dl_gaz_fold(l, strlen(l), key, sizeof key);
        const dl_place_t *b = dl_groups_builtin(key, k, 0, 0, NULL, 0, 0, NULL);
        size_t at = dl_groups_add(g, &ng, b ? b->name : l, G_LABEL);
        dl_trace_text(tr, l, strlen(l), DATELINE_FIELD_GROUPS, i, 0);
        dl_groups_trace(tr, g, at, l, l + strlen(l), "source label");
    }
    if (title) {
        dl_trace_text(tr, title, strlen(title), DATELINE_FIELD_TITLE, 0, 0);
        dl_words_split(&ws, title, G_TITLE);
        caps_title = 1;
        for (size_t i = 0; i < ws.nw; i++)
            caps_title = caps_title && (ws.w[i].caps || !ws.w[i].upper);
        /* title case: a small word capitalised inside ("Willing To Testify In Front") */
        static const char *const small[] = {"to", "a", "an", "in", "on", "at", "for", "with",
                                            "by", "from", "is", "are", "of", "and", NULL};
        for (size_t i = 1; i < ws.nw && !caps_title; i++)
            title_case = title_case || (ws.w[i].upper && !ws.w[i].caps &&
                                        !ws.w[i - 1].stop && dl_word_is(&ws.w[i], small));
    }
    if (body) {
        const char *text = body;
        dl_lead_t lead;
        if (dl_lead_parse(body, strlen(body), &lead))
            body += lead.length;
        const char *nl = strchr(body, '\n');
        first_par = dl_strndup(body, nl ? (size_t)(nl - body) : strlen(body));
        if (!first_par)
            ws.failed = 1;
        else {
            dl_trace_text(tr, first_par, strlen(first_par), DATELINE_FIELD_BODY, 0,
                          (size_t)(body - text));
            dl_words_split(&ws, first_par, G_LEAD);
        }
        if (nl) {
            dl_trace_text(tr, nl + 1, strlen(nl + 1), DATELINE_FIELD_BODY, 0,
                          (size_t)(nl + 1 - text));
            dl_words_split(&ws, nl + 1, G_BODY);
        }
    }
    taken = ws.failed ? NULL : calloc(ws.nw + 1, 1);
    tags = ws.failed ? NULL : malloc(ws.nw + 1);
    margin = ws.failed ? NULL : malloc((ws.nw + 1) * sizeof *margin);
    if (ws.failed || !taken || !tags || !margin) {
        st = DATELINE_NO_MEMORY;
        goto out;
    }
    size_t text_words = 0; /* words outside the headline */
    for (size_t i = 0; i < ws.nw; i++)
        text_words += ws.w[i].weight != G_TITLE;
    int headline_only = text_words < 4;
    if (!dl_tagger_tag(&ws, tags, margin))
        memset(tags, DL_TAG_O, ws.nw); /* no weights: the rules alone */

    /* The story's own source is its source, never one of its groups: the source field, and a
     * credit the lead parser did not take, "(Reuters) - " in the first words of the body
     * ("LONDON, (Reuters) - ", a byline before it). "told Reuters" is then no group either. */
    char sources[2][128] = {"", ""};
    const char *src = dateline_article_get(a, DATELINE_FIELD_SOURCE);
    if (src)
        dl_groups_source_key(src, strlen(src), sources[0]);
    for (size_t j = 0; j < ws.nw && j < 16; j++)
        if (ws.w[j].weight == G_LEAD && ws.w[j].paren && credit_dash(&ws.w[j])) {
            dl_groups_source_key(ws.w[j].p, ws.w[j].n, sources[1]);
            ws.w[j].upper = 0; /* read as no name */
            break;
        }
    /* the story's country, whose parties its party words name first */
    const char *country = NULL;
    if (dateline_article_count(a, DATELINE_FIELD_PLACE_IDS)) {
        char id[64];
        int p = sscanf(dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, 0), "%63s", id) == 1
                    ? dl_gaz_find_id(id) : -1;
        const dl_place_t *pl = p >= 0 ? dl_gaz_place(p) : NULL;
        if (pl && pl->country >= 0 && dl_gaz_place(pl->country))
            country = dl_gaz_place(pl->country)->name;
    }
    /* 0. the groups the story teaches itself: "Acme Widgets Inc", "the Brussels-based Solvay" */
    dl_learned_t learned[16];
    size_t nlearned = dl_learn_groups(&ws, tags, learned, 16);
    for (size_t l = 0; l < nlearned && *ndefs < cap; l++) {
        if (learned[l].story)
            continue; /* a short form is this story's only */
        dl_definition_t *d = &defs[*ndefs]; /* the index learns the bare name for group: */
        dl_words_text(&ws, learned[l].from, learned[l].from + learned[l].n, d->acronym,
                   sizeof d->acronym);
        snprintf(d->name, sizeof d->name, "%s", learned[l].name);
        *ndefs += strcmp(d->acronym, d->name) != 0;
    }
    /* 1. definitions: "Syrian Democratic Forces (SDF)" */
    for (size_t j = 1; j < ws.nw; j++) {
        const word_t *acr = &ws.w[j];
        if (!acr->paren || !acronym(acr) || ws.w[j - 1].stop)
            continue;
        size_t best = j;
        for (size_t from = j; from > 0 && j - from < MAX_DEFINED_WORDS;) {
            from--;
            const word_t *w = &ws.w[from];
            if ((w->stop && from != j - 1) ||
                (!name_word(w) && !dl_word_is(w, dl_groups_connectors) && !dl_word_is(w, inner)))
                break;
            if (name_word(w) && initials_match(&ws, from, j, acr))
                best = from;
        }
        while (best < j && dl_word_is(&ws.w[best], dl_groups_connectors))
            best++; /* "The Syrian Democratic Forces (SDF)" is the Syrian Democratic Forces */
        if (best < j && *ndefs < cap) {
            dl_definition_t *d = &defs[(*ndefs)++];
            snprintf(d->acronym, sizeof d->acronym, "%.*s", (int)acr->n, acr->p);
            dl_words_text(&ws, best, j, d->name, sizeof d->name);
            /* two mentions, the name and its acronym; their words are read here only */
            const word_t *last = &ws.w[j - 1];
            dl_groups_trace(tr, g, dl_groups_add(g, &ng, d->name, ws.w[best].weight), ws.w[best].p,
                  last->p + last->n, "acronym defined in text");
            dl_groups_trace(tr, g, dl_groups_add(g, &ng, d->name, acr->weight), acr->p, acr->p + acr->n,
                  "acronym defined in text");
            memset(taken + best, 1, j + 1 - best);
        }
    }
    /* 2. known names and acronyms, and 3. names headed by an organisation word */
    for (size_t i = 0; i < ws.nw;) {
        const word_t *w = &ws.w[i];
        int in_title = caps_title && w->weight == G_TITLE;
        if (!name_word(w) || dl_word_is(w, dl_groups_connectors) || taken[i]) {
            i++; /* "The International Committee of the Red Cross" starts at International;
                  * a word a definition took is read there only */
            continue;
        }
        size_t l = 0; /* a name the story taught: its group, wherever it stands */
        while (l < nlearned && !dl_learned_at(&ws, i, &learned[l]))
            l++;
        if (l < nlearned) {
            size_t k = dl_groups_add(g, &ng, learned[l].name, w->weight);
            size_t n = learned[l].n + (i == learned[l].from ? learned[l].skip : 0);
            const word_t *last = &ws.w[i + n - 1];
            dl_groups_trace(tr, g, k, w->p, last->p + last->n,
                  i == learned[l].from ? "name with a designator" : "name the story taught");
            memset(taken + i, 1, n);
            i += n;
            continue;
        }
        const dl_place_t *mod = in_title ? NULL : modifier(w);
        if (mod) { /* "the U.N.-backed government", "NATO-led forces" */
            dl_groups_trace(tr, g, dl_groups_add(g, &ng, mod->name, w->weight), w->p,
                  (const char *)memchr(w->p, '-', w->n), "group as a modifier");
            taken[i++] = 1;
            continue;
        }
        char key[160];
        size_t klen[MAX_NAME_WORDS] = {0};
        size_t maxn = dl_words_keys(&ws, i, MAX_NAME_WORDS, key, sizeof key, klen);
        int caps = 1;
        size_t used = 0;
        /* An acronym means first what this story makes it mean: a definition here, or the
         * initials of a group the story names; only then what the built-in list says. What
         * other stories taught the index is applied by group: at query time, so that a
         * story's groups never depend on the order stories went in. */
        if (acronym(w) && !in_title) {
            char k1[32];
            const char *meant = NULL, *rule = "acronym defined in text";
            dl_gaz_fold(w->p, w->n, k1, sizeof k1);
            for (size_t d = 0; d < *ndefs && !meant; d++)
                if (strlen(defs[d].acronym) == w->n && memcmp(defs[d].acronym, w->p, w->n) == 0)
                    meant = defs[d].name;
            for (size_t q = 0; q < ng && !meant; q++)
                if (initials_of(g[q].name, k1)) {
                    meant = g[q].name;
                    rule = "initials of a named group";
                }
            if (meant) {
                dl_groups_trace(tr, g, dl_groups_add(g, &ng, meant, w->weight), w->p, w->p + w->n, rule);
                char a8[16];
                snprintf(a8, sizeof a8, "%.*s", (int)dl_utf8_fit(w->p, w->n, sizeof a8), w->p);
                st = dl_article_put(a, DATELINE_FIELD_ACRONYMS, a8, strlen(a8));
                if (st != DATELINE_OK)
                    goto out;
                taken[i++] = 1;
                continue;
            }
        }
        for (size_t n = maxn; n >= 1 && !used; n--) {
            caps = 1;
            int names = 1;
            for (size_t k = 0; k < n; k++) {
                const word_t *wk = &ws.w[i + k];
                caps = caps && wk->caps;
                names = names && (name_word(wk) || dl_word_is(wk, dl_groups_connectors) ||
                                  (k > 0 && k + 1 < n && dl_word_is(wk, inner)));
            }
            if (!names && !in_title)
                continue; /* "The union said" is no group called The Union */
            if (!in_title && inside_name(&ws, tags, i, n))
                continue; /* "Labour Day", "Tom Lehman" */
            int weak = 0;
            const dl_place_t *b = dl_groups_builtin(key, klen[n - 1], 1, caps && !in_title, &ws, i, n, &weak);
            if (!b && in_title && n == 1 && acronym(w)) {
                /* an acronym in a headline in capitals ("EC GRANTS LICENCES"), where it looks
                 * like any word ("WHO"): counted where the text names its group too, or where
                 * there is no text ("Blah blah blah.") */
                b = dl_groups_builtin(key, klen[0], 1, 1, &ws, i, 1, &weak);
                weak = weak || (b && !headline_only);
            }
            if (b && !(n == 1 && !caps && w->sentence && b->name[0] != w->p[0])) {
                if (!weak) {
                    size_t at = dl_groups_add(g, &ng, b->name, w->weight);
                    const word_t *wn = &ws.w[i + n - 1];
                    dl_groups_trace(tr, g, at, w->p, wn->p + wn->n,
                          n == 1 && acronym(w) ? "group list acronym" : "group list name");
                    dl_groups_beaten(tr, g, at, key, klen[n - 1], b);
                } else if (npending < MAX_GROUPS) {
                    pending[npending].name = b->name;
                    pending[npending].w = w;
                    pending[npending].n = n;
                    pending[npending++].weight = w->weight;
                }
                used = n;
                memset(taken + i, !weak, n);
            }
        }
        if (!used && acronym(w) && !in_title) {
            /* an acronym nobody has explained yet: kept, so that group: finds this story
             * once another story teaches the index what it stands for */
            char a8[16];
            snprintf(a8, sizeof a8, "%.*s", (int)dl_utf8_fit(w->p, w->n, sizeof a8), w->p);
            st = dl_article_put(a, DATELINE_FIELD_ACRONYMS, a8, strlen(a8));
            if (st != DATELINE_OK)
                goto out;
            dl_trace_mention(tr, DL_TRACE_ACRONYM, a8, a8, w->p, w->p + w->n, "acronym");
            used = 1;
            taken[i] = 1;
        }
        if (!used && !in_title && !(title_case && w->weight == G_TITLE)) {
            /* a run of capitalised words ending in an organisation word, or one starting
             * with it and going on with "of": "Deir al-Zor Military Council", "Bank of Japan";
             * not in a headline in title case ("Michelle Obama Went To A Birthday Party") */
            size_t end = i, last_org = 0;
            /* not into what another rule took, nor into an acronym in brackets: "In August
             * the National Association of X (NAX)" */
            while (end < ws.nw && end - i < MAX_NAME_WORDS && !taken[end] &&
                   !(end > i && (ws.w[end].paren || learned_from(&ws, end, learned, nlearned))) &&
                   (name_word(&ws.w[end]) || (end > i && dl_word_is(&ws.w[end], dl_groups_connectors)))) {
                if (name_word(&ws.w[end]) && dl_word_is(&ws.w[end], org_words))
                    last_org = end + 1;
                /* a possessive ends the name after its organisation word ("University of
                 * Michigan's August survey"), or after a person's or a place's name as the
                 * tagger reads it ("Suu Kyi's National League", "Germany's Agriculture
                 * Ministry"); not inside it ("People's Liberation Army") */
                unsigned char t = tags[end];
                if (ws.w[end].stop ||
                    (dl_word_possessive(&ws.w[end]) &&
                     (last_org || t == DL_TAG_B_PER || t == DL_TAG_I_PER || t == DL_TAG_B_LOC ||
                      t == DL_TAG_I_LOC))) {
                    end++;
                    break;
                }
                end++;
            }
            size_t from = i;
            while (from < ws.nw && dl_word_is(&ws.w[from], dl_groups_connectors))
                from++; /* "The Syrian..." */
            /* "Leaders of the European Commission": the name starts after the connector */
            for (size_t k = from; last_org && k < last_org; k++)
                if (dl_word_is(&ws.w[k], dl_groups_connectors) && !dl_word_is(&ws.w[k], joining) &&
                    !(k > from && dl_word_is(&ws.w[k - 1], org_words)))
                    from = k + 1;
            /* "the Paris-based International Chamber": a compound modifier is no part */
            for (size_t k = from; last_org && k < last_org; k++)
                if (compound(&ws.w[k]))
                    from = k + 1;
            /* "Central Bank of Russia", "Ministry of Defence": the name goes on after "of" */
            static const char *const of[] = {"of", "for", NULL};
            if (last_org && last_org < end && dl_word_is(&ws.w[last_org - 1], org_words) &&
                dl_word_is(&ws.w[last_org], of) && !ws.w[last_org - 1].stop)
                last_org = end;
            while (last_org > from && dl_word_is(&ws.w[last_org - 1], dl_groups_connectors))
                last_org--;
            /* a place is no group: "Soviet Union", "Russian Federation" */
            char pk[160];
            size_t pl = 0;
            for (size_t k = from; k < last_org && pl < sizeof pk - 1; k++)
                pl += dl_gaz_fold(ws.w[k].p, ws.w[k].n, pk + pl, sizeof pk - pl);
            size_t pc;
            if (last_org && dl_gaz_lookup(pk, pl, &pc))
                last_org = 0;
            if (last_org && last_org > from && last_org - from >= 2) {
                char name[128];
                dl_words_text(&ws, from, last_org, name, sizeof name);
                const word_t *wn = &ws.w[last_org - 1];
                dl_groups_trace(tr, g, dl_groups_add(g, &ng, name, w->weight), ws.w[from].p, wn->p + wn->n,
                      "organisation word");
                used = last_org - i;
                memset(taken + from, 1, last_org - from);
            }
        }
        if (!used && !in_title) {
            /* 3b. a party by its members or its adjective: "Republicans", "a Democratic
             * senator" */
            const dl_place_t *party = dl_party_at(&ws, i, country);
            if (party) {
                dl_groups_trace(tr, g, dl_groups_add(g, &ng, party->name, w->weight), w->p, w->p + w->n,
                      "party by its members or adjective");
                used = 1;
                taken[i] = 1;
            }
        }
        i += used ? used : 1;
    }
    /* a weak name ("Foundation", "IS") counts where the story names its group otherwise */
    for (size_t p = 0; p < npending; p++) {
        char key[128];
        dl_groups_key(pending[p].name, key, sizeof key);
        for (size_t q = 0; q < ng; q++)
            if (strcmp(g[q].key, key) == 0) {
                g[q].salience += pending[p].weight;
                const word_t *wn = pending[p].w + pending[p].n - 1;
                dl_groups_trace(tr, g, q, pending[p].w->p, wn->p + wn->n, "weak alias confirmed");
            }
    }
    dl_groups_teams(&ws, taken, tags, g, &ng, tr);
    st = dl_groups_tagged(&ws, taken, tags, margin, g, &ng, tr);
    if (st != DATELINE_OK)
        goto out;
    size_t kept = 0;
    for (size_t i = 0; i < ng; i++)
        if (strcmp(g[i].key, sources[0]) != 0 && strcmp(g[i].key, sources[1]) != 0)
            g[kept++] = g[i];
    ng = kept;
    qsort(g, ng, sizeof *g, dl_groups_by_salience);
    dl_article_clear_field(a, DATELINE_FIELD_GROUPS);
    for (size_t i = 0; i < ng && st == DATELINE_OK; i++) {
        st = dl_article_put(a, DATELINE_FIELD_GROUPS, g[i].name, strlen(g[i].name));
        dl_trace_final(tr, DL_TRACE_GROUP, g[i].key, g[i].name, g[i].salience);
        if (salience && i < salience_cap)
            salience[i] = g[i].salience;
    }
out:
    free(taken);
    free(tags);
    free(margin);
    free(first_par);
    free(ws.w);
    free(g);
    return st;
}
