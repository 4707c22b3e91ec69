/* tagger.h: a statistical tagger of names (organisations, persons, places, others) over the
 * words of indexer/words.c, an averaged perceptron trained on CoNLL-2003 (data/tagger.tsv,
 * tools/train-tagger.py). */
#ifndef DL_TAGGER_H
#define DL_TAGGER_H

#include "words.h"

/* The tags, in data/tagger.tsv's order: Begin and Inside of each kind of name. */
typedef enum {
    DL_TAG_O, DL_TAG_B_ORG, DL_TAG_I_ORG, DL_TAG_B_PER, DL_TAG_I_PER, DL_TAG_B_LOC,
    DL_TAG_I_LOC, DL_TAG_B_MISC, DL_TAG_I_MISC, DL_TAGS
} dl_tag_t;

/* Loads the weights built into the library, once (thread-safe, pthread_once); afterwards
 * dl_tagger_tag() reads them from any thread. Returns 1, or 0 when memory ran out or the
 * table is malformed. */
int dl_tagger_load(void);
/* Tags the ws->nw words of ws, left to right: tags[i] gets word i's tag and, when margin is
 * not NULL, margin[i] how far its score is ahead of the next best tag that could stand there
 * (in the table's units: data/tagger.tsv's scale is one unit of the perceptron). tags and
 * margin have room for ws->nw each (the caller's). Returns 1, or 0 when the weights could not
 * be loaded (tags are then all DL_TAG_O). */
int dl_tagger_tag(const words_t *ws, unsigned char *tags, int *margin);
/* The scale of margins: a margin of dl_tagger_scale() is one unit of the perceptron. */
int dl_tagger_scale(void);

#endif
