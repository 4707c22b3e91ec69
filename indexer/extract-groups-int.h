/* extract-groups-int.h: what the files of group extraction share (indexer/extract-groups*.c). */
#ifndef DL_EXTRACT_GROUPS_INT_H
#define DL_EXTRACT_GROUPS_INT_H

#include "extract.h"
#include "gazetteer.h"
#include "words.h"
#include "extract-learn.h"

#define MAX_GROUPS 64
#define MAX_NAME_WORDS 8

typedef struct {
    char name[128];
    char key[128];     /* the name folded, to tell the same group written otherwise */
    int salience;      /* mentions weighed by where they stand */
    size_t first;      /* order of first mention, for ties */
} group_t;

/* Weights of a mention: headline, lead (first paragraph), the rest; labels count most. */
enum { G_TITLE = 3, G_LEAD = 2, G_BODY = 1, G_LABEL = 10 };

#define NO_GROUP ((size_t)-1)

/* A mention by a weak name ("Foundation", "IS"), counted once the story names its group
 * otherwise. */
typedef struct {
    const char *name;
    int weight;
    const word_t *w;   /* its first word, and */
    size_t n;          /* how many */
} dl_pending_t;

/* What the rules share while they read one story (extract-groups.c). */
typedef struct {
    dateline_article_t *a;
    dl_trace_t *tr;                   /* may be NULL */
    words_t ws;                       /* the headline's and the text's words */
    char *first_par;                  /* the words of the lead point into it */
    group_t *g;                       /* the groups found (MAX_GROUPS), ng of them */
    size_t ng;
    dl_definition_t *defs;            /* the definitions found, *ndefs of cap */
    size_t cap, *ndefs;
    int caps_title;                   /* a headline in capitals */
    int title_case;                   /* a headline in title case: no run of capitals is a
                                       * name there */
    int headline_only;                /* fewer than 4 words outside the headline */
    unsigned char *taken;             /* words some rule took for a group or an acronym */
    unsigned char *tags;              /* the name tagger's tags of the words, and */
    int *margin;                      /* how sure it is of each */
    char sources[2][128];             /* keys of the story's own source, never its group */
    const char *country;              /* the story's country, whose parties its party words
                                       * name first */
    dl_learned_t learned[16];         /* the groups the story teaches itself */
    size_t nlearned;
    dl_pending_t pending[MAX_GROUPS]; /* mentions by weak names, counted once confirmed */
    size_t npending;
} dl_story_t;

/* Lower-case words that may stand inside a name (extract-groups.c). */
extern const char *const dl_groups_connectors[];
/* Whether w can be part of a capitalised name: a capital first, or "al-Zor" (extract-groups.c). */
int dl_groups_name_word(const word_t *w);

/* 3. the name headed by an organisation word from word i (extract-groups-orgs.c): counted, its
 * words taken; returns how many words from i it used (0: none). */
size_t dl_groups_org_name(dl_story_t *s, size_t i);
/* Words that head the name of an organisation ("Council", "Department", "Corp"). */
extern const char *const dl_groups_org_words[];

/* 3c. newspapers, agencies and broadcasters named beside the word for their kind, in words no
 * rule took (extract-groups-media.c): "Yonhap news agency said", "the weekly Der Spiegel
 * reported". Counted, their words taken. */
void dl_groups_media(dl_story_t *s);

/* 3d. a body named by a bare word the story's context tells (extract-groups-bare.c): "the
 * House" where the story names Congress or the Senate, or writes "representatives", is the
 * House of Representatives. Counted, the word taken. */
void dl_groups_bare(dl_story_t *s);

/* ---- the groups of one story (extract-groups-table.c) ---- */
/* One key per body, however the story writes it, into out (cap bytes): "Department of
 * Justice" and "the Justice Department" both give "justicedepartment". */
void dl_groups_key(const char *name, char *out, size_t cap);
/* Counts a mention of the group `name` with `weight` in g (*ng of MAX_GROUPS kept); returns
 * its index in g, or NO_GROUP when the name has no key or g is full. */
size_t dl_groups_add(group_t *g, size_t *ng, const char *name, int weight);
/* Merges each group named by the last words of exactly one longer group's name into it (the
 * list not holding the shorter name), its mentions explained so. */
void dl_groups_merge_short_forms(group_t *g, size_t *ng, dl_trace_t *tr);
/* A weak name ("Foundation", "IS") counts where the story names its group otherwise. */
void dl_groups_confirm_pending(dl_story_t *s);
/* Records that the words from `from` to `to` were taken for group k by `rule` (tr may be
 * NULL; nothing for NO_GROUP). */
void dl_groups_trace(dl_trace_t *tr, const group_t *g, size_t k, const char *from,
                     const char *to, const char *rule);
/* qsort's order of groups: most salient first, then first mentioned first. */
int dl_groups_by_salience(const void *a, const void *b);
/* The built-in group a folded key of n bytes names, or NULL: an acronym only where caps or
 * !need_caps; when ws is not NULL, only a name that can stand for the `words` words from word
 * `at` ("Inc on" is no "Incon"). *weak (when weak is not NULL) says whether the name is weak. */
const dl_place_t *dl_groups_builtin(const char *key, size_t n, int need_caps, int caps,
                                    const words_t *ws, size_t at, size_t words, int *weak);
/* Records the other entries of the group list the same key names, which lost to group k
 * (explanations only; nothing when tr is NULL). */
void dl_groups_beaten(dl_trace_t *tr, const group_t *g, size_t k, const char *key, size_t n,
                      const dl_place_t *chosen);
/* The folded key (128 bytes) of a source of n bytes as a group: the built-in group it names,
 * or its name. */
void dl_groups_source_key(const char *s, size_t n, char *out);

/* ---- groups the name tagger offers (extract-groups-tagged.c) ---- */
/* 4. the names the tagger reads as organisations where no rule took a word of them (taken:
 * one byte a word; tags and margin: the tagger's): added to g. DATELINE_NO_MEMORY or
 * DATELINE_OK. */
dateline_status_t dl_groups_tagged(const words_t *ws, const unsigned char *taken,
                                   const unsigned char *tags, const int *margin, group_t *g,
                                   size_t *ng, dl_trace_t *tr);
/* 5. sports clubs, named after their towns or read by the tagger (margin: its certainty) in a
 * context of play: added to g, their words marked in taken. */
void dl_groups_teams(const words_t *ws, unsigned char *taken, const unsigned char *tags,
                     const int *margin, group_t *g, size_t *ng, dl_trace_t *tr);

#endif
