/* dl.h (indexer/): a bridge for the files of indexer/ that include "dl.h" and use extraction's
 * declarations too (dateline-lead.c, extract-places.c, extract-groups.c, being changed on other
 * branches now): the compiler finds this file before lib/dl.h for them. Once they include
 * "extract.h" themselves, this file goes; nothing else includes it. */
#ifndef DL_INDEXER_BRIDGE_H
#define DL_INDEXER_BRIDGE_H
#include "extract.h"
#endif
