/* File-name arithmetic shared by every part that turns one path into another (the article of
 * an annotation file, output files beside their inputs), and the making of output folders.
 * Only path_make_folders touches the file system. Results are new strings the caller frees. */
#ifndef SAYWHO_PATH_H
#define SAYWHO_PATH_H

#include <stdbool.h>

#include "model/diag.h"

/* The folder of a path, as dirname(3) would give it without changing its argument:
 * "a/b.yaml" -> "a", "b.yaml" -> ".", "/b.yaml" -> "/". */
char *path_folder(const char *path);
/* The last component of a path (a pointer into it): "a/b.yaml" -> "b.yaml". */
const char *path_base_name(const char *path);
/* `folder` + "/" + `name`, without doubling a slash that `folder` already ends with. */
char *path_join(const char *folder, const char *name);

/* mkdir -p: makes `path` and the folders above it that are missing. Returns false (diag names
 * the folder and says why) when one cannot be made or `path` exists and is not a folder. */
bool path_make_folders(const char *path, Diagnostics *diag);

#endif
