/* unit-tagger.c: the name tagger (indexer/tagger.c): its weights load, sentences of our own get
 * the tags a reader gives them, two threads tag as one does, and any bytes are tagged without
 * harm. */
#include <config.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../indexer/tagger.h"
#include "../indexer/extract.h"
#include "dl.h"
#include "story.h"
#include "tap.h"

static const char *const kinds[DL_TAGS] = {"O", "B-ORG", "I-ORG", "B-PER", "I-PER",
                                           "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

/* The names the tagger finds in text as "KIND:words|...", KIND one of ORG, PER, LOC, MISC. */
static const char *names(const char *text)
{
    static char out[1024];
    words_t ws = {0};
    dl_words_split(&ws, text, 1);
    unsigned char tags[256];
    out[0] = '\0';
    if (ws.nw <= 256 && dl_tagger_tag(&ws, tags, NULL))
        for (size_t i = 0; i < ws.nw; i++) {
            if (tags[i] == DL_TAG_O || kinds[tags[i]][0] == 'I')
                continue;
            size_t end = i + 1;
            while (end < ws.nw && tags[end] == tags[i] + 1)
                end++;
            char words[256];
            dl_words_text(&ws, i, end, words, sizeof words);
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s:%s", out[0] ? "|" : "",
                     kinds[tags[i]] + 2, words);
        }
    free(ws.w);
    return out;
}

/* How sure the tagger is of word k of text (its margin), -1 when it is not tagged. */
static int margin_of(const char *text, size_t k)
{
    words_t ws = {0};
    dl_words_split(&ws, text, 1);
    unsigned char tags[256];
    int margin[256], m = -1;
    if (ws.nw <= 256 && k < ws.nw && dl_tagger_tag(&ws, tags, margin))
        m = tags[k] == DL_TAG_I_ORG ? margin[k] : -1;
    free(ws.w);
    return m;
}

static const char *story =
    "Shares in Halvorsen Shipping rose 4 percent on Tuesday after the company said its "
    "chairman, Erik Dahl, would step down. The Oslo Stock Exchange index fell.\n"
    "The European Commission said on Wednesday it would fine Volkswagen over emissions.";

/* The groups extraction finds in a story's body, "|"-separated. */
static const char *groups(const char *body)
{
    return story_groups(NULL, body, 0, NULL, NULL);
}

static unsigned char alone[256];
static size_t alone_n;

static void *tag_many(void *closure)
{
    int *same = closure;
    words_t ws = {0};
    dl_words_split(&ws, story, 1);
    unsigned char tags[256];
    *same = ws.nw == alone_n;
    for (int r = 0; r < 200 && *same; r++) {
        dl_tagger_tag(&ws, tags, NULL);
        *same = memcmp(tags, alone, ws.nw) == 0;
    }
    free(ws.w);
    return NULL;
}

/* Sentences of our own: the names a reader tags in them, and the groups extraction takes. */
static void check_names(void)
{
    /* names of our own, none in the group list: what a reader tags */
    is_str(names("Officials declined to comment, the newspaper Daily Courant reported."),
           "ORG:Daily Courant", "a newspaper");
    is_str(names("The chairman, Erik Dahl, would step down, the company said."),
           "PER:Erik Dahl", "a person, no organisation");
    is_str(names("The European Commission said on Wednesday it would fine the carmaker."),
           "ORG:European Commission", "a body, \"The\" left out");
    is_str(names("Talks between the Quorvia Party and the unions broke down in Lisbon."),
           "ORG:Quorvia Party|LOC:Lisbon", "a party and a place");

    /* a group no rule finds (no organisation word, not in the list): the tagger's */
    is_str(groups("Officials declined to comment, the newspaper Daily Courant reported on "
                  "Friday. The Daily Courant said the mayor had resigned."),
           "Daily Courant", "a group only the tagger finds, \"The\" left out");
    /* what a rule took is the rule's, and a person is no group */
    is_str(groups("Erik Dahl, chairman of the European Commission, said on Monday that Dahl "
                  "would stay."),
           "European Commission", "a person named twice is no group");

    /* how sure the tagger must be of a name written once: TAGGER_ONCE units for a proper name,
     * 24 where the story writes a word of it in lower case too (title-case prose); the names
     * below are read 20 units sure or more (tagged by the weights of data/tagger.tsv) */
    is_str(groups("Analysts at Nomura Securities said the market would recover."),
           "Nomura Securities", "a proper name 20 units sure is a group");
    is_str(groups("A spokesman for Real Madrid declined to comment. It was a surprise."),
           "Real Madrid", "  and another");
    is_str(groups("Analysts at Nomura Securities said the market would recover. It was a "
                  "securities surprise."),
           "", "  not where the story writes one of its words in lower case too");

    /* the story is read as a whole: a word it writes in lower case elsewhere is read less
     * surely as a name (29 units for "Securities" alone, 21 beside "securities") */
    int alone_m = margin_of("Analysts at Nomura Securities said the market would recover.", 3);
    int lower_m = margin_of("Analysts at Nomura Securities said the market would recover. It "
                            "was a securities surprise.", 3);
    ok(alone_m >= 24 * dl_tagger_scale() && lower_m < 24 * dl_tagger_scale(),
       "a word also written in lower case is read less surely (%d, then %d units)",
       alone_m / dl_tagger_scale(), lower_m / dl_tagger_scale());
    /* a slash between a letter and a capital parts two words: a photo credit's agency */
    is_str(groups("Featured image via Amos Vogtlander/Getty Images"), "Getty Images",
           "\"Vogtlander/Getty Images\": the agency after the slash");
    is_str(groups("Featured image via AFP/Getty Images"), "Agence France-Presse|Getty Images",
           "\"AFP/Getty Images\": both agencies");

}

/* Margins are never negative, and two threads at once tag as one thread did. */
static void check_margins_threads(void)
{
    words_t ws = {0};
    dl_words_split(&ws, story, 1);
    unsigned char tags[256];
    int margin[256], neg = 0;
    ok(ws.nw < 256 && dl_tagger_tag(&ws, tags, margin), "the story is tagged");
    for (size_t i = 0; i < ws.nw; i++)
        neg += margin[i] < 0;
    is_int(neg, 0, "no margin is negative");
    memcpy(alone, tags, ws.nw);
    alone_n = ws.nw;
    free(ws.w);

    /* two threads at once tag as one thread did */
    pthread_t t[2];
    int same[2] = {0, 0};
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, tag_many, &same[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    ok(same[0] && same[1], "two threads, 200 rounds each, give the tags of one");

    /* nothing: no words, no tags */
    words_t none = {0};
    ok(dl_tagger_tag(&none, tags, margin), "no words");
}

/* Any bytes: words cut from random text, long words, bytes past ASCII. */
static void check_any_bytes(void)
{
    unsigned s = 12345;
    int fine = 1;
    for (int r = 0; r < 300 && fine; r++) {
        char text[600];
        size_t n = (size_t)(r * 2 % 599);
        for (size_t k = 0; k < n; k++) {
            s = s * 1103515245u + 12345u;
            text[k] = (char)((s >> 16) % 255 + 1);
        }
        text[n] = '\0';
        words_t w = {0};
        dl_words_split(&w, text, 1);
        unsigned char *tg = malloc(w.nw + 1);
        int *mg = malloc((w.nw + 1) * sizeof *mg);
        fine = tg && mg && dl_tagger_tag(&w, tg, mg);
        for (size_t k = 0; fine && k < w.nw; k++)
            fine = tg[k] < DL_TAGS;
        free(tg);
        free(mg);
        free(w.w);
    }
    ok(fine, "300 texts of random bytes are tagged, every tag a tag");
}

int main(void)
{
    ok(dl_tagger_load(), "the weights built into the library load");
    ok(dl_tagger_scale() > 0, "with a scale (%d)", dl_tagger_scale());
    check_names();
    check_margins_threads();
    check_any_bytes();
    done_testing();
}
