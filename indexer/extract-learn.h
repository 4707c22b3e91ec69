/* extract-learn.h: the groups a story teaches itself (indexer/extract-learn.c). */
#ifndef DL_EXTRACT_LEARN_H
#define DL_EXTRACT_LEARN_H

#include <stddef.h>
#include "words.h"

/* A group the story defines: "Acme Widgets Inc" (a company's designator) or "the
 * Brussels-based Solvay" (a defining phrase). Its bare words stand for it all through the
 * story, before the definition too. */
typedef struct {
    size_t from, n;  /* the bare name: n words from word `from` of the story ("Acme Widgets") */
    size_t skip;     /* words after the bare name at the definition ("Inc"), read with it there */
    char name[128];  /* the group's name as defined: "Acme Widgets Inc", "Solvay" */
    int story;       /* a short form ("Acme"), for this story only: no alias for the index */
} dl_learned_t;

/* Finds the groups the story's words define, up to cap of them into out; returns how many.
 * tags (or NULL) are the name tagger's tags of the words (indexer/tagger.h). */
size_t dl_learn_groups(const words_t *ws, const unsigned char *tags, dl_learned_t *out,
                       size_t cap);
/* Whether the n words from word i are the bare name of learned group l (as written, the same
 * number of words). */
int dl_learned_at(const words_t *ws, size_t i, const dl_learned_t *l);

#endif
