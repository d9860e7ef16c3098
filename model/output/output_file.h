/* Output files that are either complete or not there: written to a temporary file in the
 * target's folder and renamed over the target only when every byte went out. A failed export
 * (full disk, a folder that is not writable) leaves an earlier version of the file untouched
 * and no half-written file behind. Standard output ("-") and targets that are not regular
 * files (a terminal, a pipe, /dev/full) are written directly: they cannot be replaced. */
#ifndef SAYWHO_OUTPUT_FILE_H
#define SAYWHO_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "model/diag.h"

typedef struct OutputFile {
	FILE *stream;     /* where to write */
	char *path;       /* the target, as given (for messages) */
	char *temporary;  /* NULL when writing directly */
} OutputFile;

/* Opens `path` ("-" or NULL: standard output) for writing. Returns false (diag says why, naming
 * the file) when it cannot be written. */
bool output_file_open(OutputFile *file, const char *path, Diagnostics *diag);
/* Flushes and closes. With `keep` and no write error, the temporary file replaces the target
 * (new files get the usual 0666 & ~umask permissions, existing ones keep theirs); otherwise it
 * is removed. Returns false (diag says why) on a write error. */
bool output_file_close(OutputFile *file, bool keep, Diagnostics *diag);

#endif
