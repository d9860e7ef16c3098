/* What a file on disk looked like when we read it, to notice that someone else changed it.
 *
 * The workbench takes a stamp when it loads an annotation file and checks it before saving:
 * a file changed on disk by another program (or another saywho) is never silently overwritten.
 * The check is cheap when nothing changed (one stat); only when the stat differs is the content
 * hashed, so that a file touched or rewritten with the same bytes does not count as changed.
 * Store-agnostic: it looks at bytes, not at YAML. */
#ifndef SAYWHO_FILE_STAMP_H
#define SAYWHO_FILE_STAMP_H

#include <stdbool.h>
#include <stdint.h>

#include "model/diag.h"

typedef struct FileStamp {
	bool exists;          /* false: there was no file (an article opened before its first save) */
	uint64_t device, inode;
	uint64_t size;
	int64_t mtime_ns;     /* modification time, nanoseconds since the epoch */
	char sha256[65];      /* lower-case hex of the content; "" when the file did not exist */
} FileStamp;

typedef enum {
	FILE_UNCHANGED,       /* same content as stamped (or still absent) */
	FILE_CHANGED,         /* different content */
	FILE_REMOVED,         /* stamped as existing, now gone */
	FILE_CREATED,         /* stamped as absent, now there */
} FileChange;

/* Stats and hashes `path`. A missing file gives exists = false and true; any other failure
 * (unreadable, a directory) false with a diagnostic naming the file. */
bool file_stamp_take(const char *path, FileStamp *stamp, Diagnostics *diag);
/* The same without the hash (sha256 ""), for opening a large file fast; complete it later with
 * file_stamp_hash_if_unchanged. A stamp without hash counts any change of stat as a change. */
bool file_stamp_take_stat(const char *path, FileStamp *stamp, Diagnostics *diag);
/* Hashes the file into the stamp if its stat is still the stamped one (so the bytes are the ones
 * stamped); otherwise leaves the hash empty. Cheap when already hashed. */
void file_stamp_hash_if_unchanged(FileStamp *stamp, const char *path);
/* Compares `path` now with `stamp`. Unreadable now counts as FILE_CHANGED. */
FileChange file_stamp_check(const FileStamp *stamp, const char *path);
/* Whether two stamps name the same content (stat equal, or the hashes equal). */
bool file_stamp_same(const FileStamp *a, const FileStamp *b);
/* A short human description of a change: "changed on disk since it was opened", ... */
const char *file_change_describe(FileChange change);

/* Lower-case hex SHA-256 of a file's bytes; false (with errno set) when unreadable. */
bool file_sha256(const char *path, char out[65]);

#endif
