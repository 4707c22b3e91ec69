/* extract-parties.h: a party named by its members or its adjective (indexer/extract-parties.c). */
#ifndef DL_EXTRACT_PARTIES_H
#define DL_EXTRACT_PARTIES_H

#include "gazetteer.h"
#include "words.h"

/* The party word i of the story names, or NULL: a capitalised noun of its members
 * ("Republicans", "a Democrat", "the Socialists") or its adjective before a word of politics
 * ("a Republican senator", "Democratic lawmakers"), where the group list holds "ADJ Party of
 * COUNTRY" (country: the folded or written name of the story's country, or NULL) or else
 * "ADJ Party". Never the first word of a longer capitalised name or of a place's name, nor a
 * place's adjective ("Americans"). */
const dl_place_t *dl_party_at(const words_t *ws, size_t i, const char *country);

#endif
