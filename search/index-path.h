/* index-path.h: which index folder the programs use when --index is not given. */
#ifndef DL_INDEX_PATH_H
#define DL_INDEX_PATH_H

/* The index folder: `given` (from --index) if not NULL, else $DATELINE_INDEX, else
 * $XDG_DATA_HOME/dateline/index (~/.local/share/dateline/index). With `create`, the folders
 * above it are made. Returns a malloc'ed path, or NULL when no folder can be named. */
char *dl_index_path(const char *given, int create);

/* How the default is described in --help. */
const char *dl_default_index_hint(void);

#endif
