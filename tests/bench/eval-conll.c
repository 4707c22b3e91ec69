/* eval-conll.c: places and groups scored against the hand-tagged LOC and ORG mentions of
 * CoNLL-2003 (Reuters RCV1, 1996), document by document.
 *
 * Each document is rebuilt from its tokens as RCV1 gave it: the first sentence is the headline,
 * a second sentence "BRUSSELS 1996-08-22" is the dateline and the date (as the NewsML reader
 * reads them), every other sentence a line of the body. The tags are hidden from extraction.
 * A tagged LOC is found when a place listed for the document bears its name (any naming of the
 * gazetteer); a listed place is right when it bears the name of a tagged LOC or lies above one
 * (a country above a tagged city). Groups likewise against ORG: a listed group is right when its
 * name, or the built-in group a tagged name stands for, or the words of one of its mentions (as
 * --explain gives them) are the tagged name folded, and a tagged name is found when a listed
 * group is so: one body is one group however the story writes it ("Barnett Banks Inc" and
 * "Barnett"; "Kurdistan Democratic Party" and "KDP"), where CoNLL tags each writing apart.
 * NAMES_ONLY=1 scores by the group's name alone, as before. Each distinct tagged name counts
 * once per document.
 *
 * A document is a result table (sports scores, standings, market prices) when at least half
 * of its body lines have fewer than 3 words in lower case; the others are news.
 * Usage: eval-conll FILE... (train.txt valid.txt); VERBOSE=1 lists the misses and errors,
 * DUMP=N prints document N as extraction reads it and the places it lists. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../indexer/extract.h"
#include "../../indexer/tagger.h"
#include "../../indexer/words.h"
#include "gazetteer.h"
#include "trace.h"

#define MAXTOK 20000
#define MAXNAMES 256
#define KEYCAP 160

typedef struct {
    char *word;
    char type;   /* 'L', 'O', or 0 */
    int begins;  /* starts a tagged name */
    int sentence; /* index of its sentence */
} token_t;

typedef struct {
    long tp_found, gold, tp_right, listed; /* found gold names, gold names, right listed, listed */
} tally_t;

typedef struct {
    tally_t places, groups;
    long docs;
} part_t;

static token_t toks[MAXTOK];
static size_t ntoks;
static int verbose;
static long dump = -1; /* DUMP=N prints document N and its places */
static int names_only;  /* NAMES_ONLY=1: a listed group matches by its name alone */
/* Why the groups of news documents were missed (VERBOSE=1): (a) no rule and no tagger
 * proposed the name, (b) the tagger read it as an organisation but its thresholds or
 * conditions dropped it, (c) a group with a longer or shorter name was listed (naming and
 * merging), (d) the gazetteer holds the name (a place is never a group). */
static long why[4];

/* Joins tokens [from, to) into text, undoing CoNLL's splitting of punctuation. */
static void join(size_t from, size_t to, char *out, size_t cap)
{
    size_t o = 0;
    int quote_open = 0, glue = 1;
    for (size_t i = from; i < to; i++) {
        const char *w = toks[i].word;
        int attach_left = strchr(",.;:)]?!%", w[0]) && strlen(w) == 1;
        attach_left = attach_left || (w[0] == '\'' && strlen(w) > 1) || strcmp(w, "n't") == 0;
        int attach_right = strcmp(w, "(") == 0 || strcmp(w, "[") == 0 || strcmp(w, "$") == 0;
        if (strcmp(w, "\"") == 0) {
            quote_open = !quote_open;
            attach_left = !quote_open;
            attach_right = quote_open;
        }
        size_t n = strlen(w);
        if (o && !glue && !attach_left && o + 1 < cap)
            out[o++] = ' ';
        if (o + n + 1 >= cap)
            break;
        memcpy(out + o, w, n);
        o += n;
        glue = attach_right;
    }
    out[o] = '\0';
}

/* The distinct tagged names of a type, folded, into names (their text into texts). */
static size_t tagged(char type, char names[][KEYCAP], char texts[][KEYCAP])
{
    size_t n = 0;
    for (size_t i = 0; i < ntoks; i++) {
        if (toks[i].type != type || !toks[i].begins)
            continue;
        size_t j = i + 1;
        while (j < ntoks && toks[j].type == type && !toks[j].begins &&
               toks[j].sentence == toks[i].sentence)
            j++;
        char text[KEYCAP], key[KEYCAP];
        join(i, j, text, sizeof text);
        dl_gaz_fold(text, strlen(text), key, sizeof key);
        int seen = !key[0];
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(names[k], key) == 0;
        if (!seen && n < MAXNAMES) {
            strcpy(names[n], key);
            strcpy(texts[n++], text);
        }
    }
    return n;
}

/* Whether the place bears a name with this folded key (a small town's too). */
static int bears(int place, const char *key)
{
    size_t count;
    const dl_naming_t *nm = dl_gaz_lookup_all(key, strlen(key), &count);
    for (size_t i = 0; nm && i < count; i++)
        if (nm[i].place == place)
            return 1;
    return 0;
}

/* Whether the place lies above a place bearing this name (Germany above Bonn). */
static int above(int place, const char *key)
{
    size_t count;
    const dl_naming_t *nm = dl_gaz_lookup(key, strlen(key), &count);
    for (size_t i = 0; nm && i < count; i++)
        if (nm[i].place != place && dl_gaz_within(nm[i].place, place))
            return 1;
    return 0;
}

/* The folded name of the built-in group a folded name stands for, or the name itself. */
static void group_key(const char *key, char *out, size_t cap)
{
    size_t count;
    const dl_naming_t *nm = dl_grp_lookup(key, strlen(key), &count);
    const char *name = nm ? dl_grp_get(nm[0].place)->name : NULL;
    if (name)
        dl_gaz_fold(name, strlen(name), out, cap);
    else
        snprintf(out, cap, "%s", key);
}

/* A result table: at least half of its body lines (after headline and dateline) have fewer
 * than 3 words in lower case; a news sentence has more ("NEW YORK 72 53 .576 -" has none). */
static int is_table(void)
{
    int lines = 0, short_lines = 0, last = -1, lower = 0;
    for (size_t i = 0; i <= ntoks; i++) {
        if (i == ntoks || toks[i].sentence != last) {
            if (last >= 2) {
                lines++;
                short_lines += lower < 3;
            }
            if (i == ntoks)
                break;
            last = toks[i].sentence;
            lower = 0;
        }
        lower += islower((unsigned char)toks[i].word[0]) != 0;
    }
    return lines && short_lines * 2 >= lines;
}

/* The folded names the tagger reads as organisations in title and body ("the" in front
 * left out), at any margin, into keys; returns how many. */
static size_t tagger_orgs(const char *title, const char *body, char keys[][KEYCAP], size_t cap)
{
    words_t ws = {0};
    size_t n = 0;
    if (title)
        dl_words_split(&ws, title, 3);
    if (body)
        dl_words_split(&ws, body, 1);
    unsigned char *tags = ws.failed ? NULL : malloc(ws.nw + 1);
    if (tags && dl_tagger_tag(&ws, tags, NULL))
        for (size_t i = 0; i < ws.nw && n < cap; i++) {
            if (tags[i] != DL_TAG_B_ORG)
                continue;
            size_t end = i + 1;
            while (end < ws.nw && tags[end] == DL_TAG_I_ORG)
                end++;
            static const char *const the[] = {"the", NULL};
            size_t from = i + (end - i > 1 && dl_word_is(&ws.w[i], the));
            char text[KEYCAP];
            dl_words_text(&ws, from, end, text, sizeof text);
            dl_gaz_fold(text, strlen(text), keys[n++], KEYCAP);
        }
    free(tags);
    free(ws.w);
    return n;
}

/* The class (0 to 3 for a to d: see why) of a missed group with folded name key, given the
 * document's listed groups (folded) and the tagger's organisations. */
static int miss_class(const char *key, char listed[][KEYCAP], size_t nl, char orgs[][KEYCAP],
                      size_t no)
{
    size_t count;
    if (dl_gaz_lookup(key, strlen(key), &count))
        return 3;
    for (size_t k = 0; k < nl; k++)
        if (strlen(key) >= 3 && strlen(listed[k]) >= 3 &&
            (strstr(listed[k], key) || strstr(key, listed[k])))
            return 2;
    for (size_t k = 0; k < no; k++)
        if (strcmp(orgs[k], key) == 0)
            return 1;
    return 0;
}

/* Whether the listed group `name` bears the tagged name (folded `key`, `group` the folded
 * name of the built-in group it stands for): its name does, or, unless NAMES_ONLY, the words
 * of one of its mentions in the explanation tr. */
static int names_group(const dateline_explanation_t *tr, const char *name, const char *key,
                       const char *group)
{
    char k[KEYCAP];
    dl_gaz_fold(name, strlen(name), k, sizeof k);
    if (strcmp(k, key) == 0 || strcmp(k, group) == 0)
        return 1;
    for (size_t i = 0; !names_only && i < dateline_explanation_count(tr); i++) {
        dateline_entity_kind_t kind;
        const char *ename, *words;
        size_t nm = 0;
        if (dateline_explanation_entity(tr, i, &kind, NULL, &ename, NULL) != DATELINE_OK ||
            kind != DATELINE_ENTITY_GROUP || strcmp(ename, name) != 0)
            continue;
        dateline_explanation_mentions(tr, i, &nm);
        for (size_t j = 0; j < nm; j++)
            if (dateline_explanation_mention(tr, i, j, NULL, NULL, NULL, &words, NULL) ==
                DATELINE_OK) {
                dl_gaz_fold(words, strlen(words), k, sizeof k);
                if (strcmp(k, key) == 0)
                    return 1;
            }
    }
    return 0;
}

static void score(part_t *parts, int table, long docno)
{
    static char text[1 << 17], title[4096];
    static char lnames[MAXNAMES][KEYCAP], ltexts[MAXNAMES][KEYCAP];
    static char onames[MAXNAMES][KEYCAP], otexts[MAXNAMES][KEYCAP];
    size_t s1 = 0;
    while (s1 < ntoks && toks[s1].sentence == 0)
        s1++;
    join(0, s1, title, sizeof title);
    dateline_article_t *a;
    if (dateline_article_new(&a) != DATELINE_OK)
        exit(2);
    dl_article_put(a, DATELINE_FIELD_TITLE, title, strlen(title));
    /* the dateline: capitalised words and a date, "BRUSSELS 1996-08-22" */
    size_t s2 = s1;
    while (s2 < ntoks && toks[s2].sentence == 1)
        s2++;
    size_t from = s1;
    if (s2 > s1 + 1 && strlen(toks[s2 - 1].word) == 10 && toks[s2 - 1].word[4] == '-' &&
        isdigit((unsigned char)toks[s2 - 1].word[0])) {
        char place[256];
        join(s1, s2 - 1, place, sizeof place);
        size_t n = strlen(place);
        while (n && place[n - 1] == ',')
            place[--n] = '\0';
        /* as the NewsML reader: "BOGOTA, Colombia" is BOGOTA, qualified by Colombia */
        dl_lead_t lead;
        dl_article_put(a, DATELINE_FIELD_DATELINE, place, n);
        if (dl_lead_split(place, &lead))
            for (int i = 0; i < lead.nplaces; i++)
                dl_article_put(a, DATELINE_FIELD_DATELINES, lead.places[i],
                               strlen(lead.places[i]));
        else
            dl_article_put(a, DATELINE_FIELD_DATELINES, place, n);
        dl_article_put(a, DATELINE_FIELD_DATE, toks[s2 - 1].word, 10);
        from = s2;
    }
    size_t o = 0;
    for (size_t i = from; i < ntoks;) {
        size_t j = i;
        while (j < ntoks && toks[j].sentence == toks[i].sentence)
            j++;
        if (o)
            text[o++] = '\n';
        join(i, j, text + o, sizeof text - o - 1);
        o += strlen(text + o);
        i = j;
    }
    text[o] = '\0';
    if (o)
        dl_article_put(a, DATELINE_FIELD_BODY, text, o);
    dl_extract_places(a);
    if (dump == docno) {
        printf("TITLE: %s\nDATELINE: %s\n%s\nPLACES:", title,
               dateline_article_get(a, DATELINE_FIELD_DATELINES) ?
               dateline_article_get(a, DATELINE_FIELD_DATELINES) : "", text);
        for (size_t i = 0; i < dateline_article_count(a, DATELINE_FIELD_PLACE_IDS); i++)
            printf(" [%s]", dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i));
        printf("\n");
    }
    dl_definition_t defs[16];
    size_t nd;
    dl_trace_t *tr = dl_trace_new();
    dl_extract_groups_traced(a, defs, 16, &nd, NULL, 0, tr);
    if (!tr || dl_trace_finish(tr) != DATELINE_OK)
        exit(2);

    size_t nl = tagged('L', lnames, ltexts), no = tagged('O', onames, otexts);
    size_t np = dateline_article_count(a, DATELINE_FIELD_PLACE_IDS);
    size_t ng = dateline_article_count(a, DATELINE_FIELD_GROUPS);
    int places[MAXNAMES];
    size_t nplaces = 0;
    for (size_t i = 0; i < np && nplaces < MAXNAMES; i++) {
        char id[64];
        if (sscanf(dateline_article_get_nth(a, DATELINE_FIELD_PLACE_IDS, i), "%63s", id) == 1 &&
            dl_gaz_find_id(id) >= 0)
            places[nplaces++] = dl_gaz_find_id(id);
    }
    for (int p = 0; p < 2; p++) {
        part_t *pt = &parts[p];
        if (p == 1 && table)
            continue;
        pt->docs++;
        /* places */
        for (size_t g = 0; g < nl; g++) {
            int found = 0;
            for (size_t k = 0; k < nplaces && !found; k++)
                found = bears(places[k], lnames[g]);
            pt->places.gold++;
            pt->places.tp_found += found;
            if (!found && verbose && p == 0)
                printf("doc %ld%s place missed: %s\n", docno, table ? " table" : "", ltexts[g]);
        }
        for (size_t k = 0; k < nplaces; k++) {
            int right = 0;
            for (size_t g = 0; g < nl && !right; g++)
                right = bears(places[k], lnames[g]) || above(places[k], lnames[g]);
            pt->places.listed++;
            pt->places.tp_right += right;
            if (!right && verbose && p == 0)
                printf("doc %ld%s place wrong: %s (%s)\n", docno, table ? " table" : "", dl_gaz_place(places[k])->name,
                       dl_gaz_place(places[k])->id);
        }
        /* groups */
        char keys[MAXNAMES][KEYCAP];
        for (size_t g = 0; g < no; g++)
            group_key(onames[g], keys[g], KEYCAP);
        for (size_t g = 0; g < no; g++) {
            int found = 0;
            for (size_t k = 0; k < ng && !found; k++)
                found = names_group(tr, dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, k),
                                    onames[g], keys[g]);
            pt->groups.gold++;
            pt->groups.tp_found += found;
            if (!found && verbose && p == 1) {
                static char listed[MAXNAMES][KEYCAP], orgs[MAXNAMES][KEYCAP];
                size_t nls = 0;
                for (size_t k = 0; k < ng && nls < MAXNAMES; k++) {
                    const char *name = dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, k);
                    dl_gaz_fold(name, strlen(name), listed[nls++], KEYCAP);
                }
                size_t nor = tagger_orgs(title, o ? text : NULL, orgs, MAXNAMES);
                int c = miss_class(onames[g], listed, nls, orgs, nor);
                why[c]++;
                printf("doc %ld news group missed (%c): %s\n", docno, 'a' + c, otexts[g]);
            }
            if (!found && verbose && p == 0)
                printf("doc %ld%s group missed: %s\n", docno, table ? " table" : "", otexts[g]);
        }
        for (size_t k = 0; k < ng; k++) {
            const char *name = dateline_article_get_nth(a, DATELINE_FIELD_GROUPS, k);
            char key[KEYCAP];
            dl_gaz_fold(name, strlen(name), key, sizeof key);
            int right = 0;
            for (size_t g = 0; g < no && !right; g++)
                right = names_group(tr, name, onames[g], keys[g]);
            pt->groups.listed++;
            pt->groups.tp_right += right;
            if (!right && verbose && p == 0)
                printf("doc %ld%s group wrong: %s\n", docno, table ? " table" : "", name);
        }
    }
    dateline_explanation_destroy(tr);
    dateline_article_destroy(a);
}

static void report(const char *what, const char *part, const tally_t *t, long docs)
{
    double p = t->listed ? (double)t->tp_right / (double)t->listed : 0;
    double r = t->gold ? (double)t->tp_found / (double)t->gold : 0;
    printf("%-6s %-4s precision %.3f (%ld of %ld listed), recall %.3f (%ld of %ld tagged), "
           "F1 %.3f over %ld documents\n",
           what, part, p, t->tp_right, t->listed, r, t->tp_found, t->gold,
           p + r > 0 ? 2 * p * r / (p + r) : 0, docs);
}

int main(int argc, char **argv)
{
    part_t parts[2]; /* all documents, news documents */
    memset(parts, 0, sizeof parts);
    verbose = getenv("VERBOSE") != NULL;
    dump = getenv("DUMP") ? atol(getenv("DUMP")) : -1;
    names_only = getenv("NAMES_ONLY") != NULL;
    if (!dl_gaz_load())
        return 2;
    long docno = 0, tables = 0;
    for (int f = 1; f < argc; f++) {
        FILE *in = fopen(argv[f], "r");
        if (!in) {
            perror(argv[f]);
            return 2;
        }
        char line[1024];
        int sentence = 0, blank = 1;
        ntoks = 0;
        for (;;) {
            char *got = fgets(line, sizeof line, in);
            if (!got || strncmp(line, "-DOCSTART-", 10) == 0) {
                if (ntoks) {
                    int t = is_table();
                    tables += t;
                    score(parts, t, ++docno);
                }
                for (size_t i = 0; i < ntoks; i++)
                    free(toks[i].word);
                ntoks = 0;
                sentence = 0;
                blank = 1;
                if (!got)
                    break;
                continue;
            }
            char word[512], tag[32];
            if (sscanf(line, "%511s %31s", word, tag) != 2) {
                if (!blank)
                    sentence++;
                blank = 1;
                continue;
            }
            blank = 0;
            if (ntoks == MAXTOK)
                continue;
            token_t *t = &toks[ntoks];
            t->word = strdup(word);
            t->type = strcmp(tag + 1, "-LOC") == 0 ? 'L' : strcmp(tag + 1, "-ORG") == 0 ? 'O' : 0;
            /* IOB2, and IOB1 too: a name begins at B-, or at I- after another type */
            t->begins = t->type && (tag[0] == 'B' || ntoks == 0 || toks[ntoks - 1].type != t->type ||
                                    toks[ntoks - 1].sentence != sentence);
            t->sentence = sentence;
            ntoks++;
        }
        fclose(in);
    }
    report("places", "all", &parts[0].places, parts[0].docs);
    report("places", "news", &parts[1].places, parts[1].docs);
    report("groups", "all", &parts[0].groups, parts[0].docs);
    report("groups", "news", &parts[1].groups, parts[1].docs);
    if (verbose)
        printf("news groups missed: (a) never proposed %ld, (b) tagger dropped %ld, "
               "(c) named otherwise %ld, (d) a place's name %ld\n",
               why[0], why[1], why[2], why[3]);
    printf("(%ld result tables of %ld documents)\n", tables, docno);
    return 0;
}
