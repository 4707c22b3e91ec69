/* index-path.h: which index folder the programs use when --index is not given. */
#ifndef DL_INDEX_PATH_H
#define DL_INDEX_PATH_H

/* The index folder: `given` (from --index) if not NULL, else $DATELINE_INDEX, else
 * $XDG_DATA_HOME/dateline/index (~/.local/share/dateline/index). With `create`, the folders
 * above it are made. Returns a malloc'ed path, or NULL when no folder can be named. */
char *dl_index_path(const char *given, int create);

/* Whether path can be the index: NULL when it is a Dateline index, a Xapian database (the
 * library says whether it is Dateline's), does not exist yet, or (when `writing`) is an empty
 * folder; else a malloc'ed message saying what path is instead (a file, a folder of other
 * things, another program's index) and what to do. */
char *dl_index_path_check(const char *path, int writing);

/* How the default is described in --help. */
const char *dl_default_index_hint(void);

#endif
