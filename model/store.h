/* The YAML store: schema-1 files in and out (see ../shared/SCHEMA.md, doc/SCHEMA-NOTES in README).
 *
 * Loading uses libyaml's event API. Every problem is a diagnostic `file:line:col: what` (1-based);
 * anchors/aliases are refused, nesting is capped at STORE_MAX_DEPTH, schema > 1 refused; spans
 * out of range, start > end, a `text` that does not match the article, an unknown status, kind or
 * type, a label not in `labels`, a `ref` with no speaker, a duplicate id and a sha256 that does
 * not match the article each have their own message. Loading goes on after a problem where it
 * can, so `saywho check` lists them all.
 *
 * Saving is atomic (temporary file in the same folder, fsync, rename, permissions kept) and
 * stable: the same model gives the same bytes; annotations are written one block each, ordered
 * by position; spans as one-line flow mappings; unknown keys after the known ones. */
#ifndef SAYWHO_STORE_H
#define SAYWHO_STORE_H

#include <stdbool.h>
#include <stdio.h>

#include "model/annotation.h"
#include "model/diag.h"

#define STORE_MAX_DEPTH 64

typedef struct StoreLoadOptions {
	/* When not NULL, the article to use (ownership passes to the set, also on failure):
	 * for files whose `document.path` is not to be read (a stream, an external engine). */
	Article *article;
	/* Report a sha256 mismatch as a warning instead of an error. */
	bool sha256_mismatch_is_warning;
	/* The annotation list of a big file is parsed in threads (model/store_chunks.h), with the
	 * same result as a serial read, which is used whenever anything is doubtful.
	 * parse_threads: 0 = automatic (files of 4 MB and more, one thread per online processor),
	 * 1 = serial, N = the loader and N-1 workers, for any size (tests); chunk_bytes: the size
	 * of a chunk (0 = 1 MB; tests use tiny ones). */
	unsigned parse_threads;
	size_t chunk_bytes;
	/* When not NULL: how the file was read. */
	struct StoreLoadReport *report;
} StoreLoadOptions;

typedef struct StoreLoadReport {
	bool parallel;  /* the list was parsed in chunks */
	size_t chunks;
	bool fell_back; /* a parallel read was tried and the file was read serially instead */
	/* CPU seconds of the loading thread and of the busiest worker: on an idle machine the
	 * wall-clock time is about the larger of the two (for benchmarks on a shared one). */
	double loader_seconds, worker_seconds;
} StoreLoadReport;

/* Loads `path` and its article (document.path relative to the file's folder, or document.text).
 * Returns NULL when any error was found; all found problems are in diag. options may be NULL. */
AnnotationSet *store_load(const char *path, const StoreLoadOptions *options, Diagnostics *diag);
/* The same from memory; `name` is used in messages, `base_dir` resolves document.path. */
AnnotationSet *store_load_memory(const char *name, const char *yaml, size_t size,
				 const char *base_dir, const StoreLoadOptions *options, Diagnostics *diag);

/* Writes the set as YAML. When the set is modified (history_is_modified), `updated` is set to
 * the current UTC time first (SAYWHO_NOW, an ISO 8601 time, overrides the clock: tests);
 * otherwise it is written as loaded (absent stays absent), so the same model always gives the
 * same bytes. document.length is the article's; a document.sha256 that differs from the
 * article's (loaded with sha256_mismatch_is_warning) is replaced by the article's, since the
 * spans were checked against that text. Fails (with a diagnostic saying why) on a write error. */
bool store_write(AnnotationSet *set, FILE *out, const char *name_for_messages, Diagnostics *diag);
/* Atomic save to `path` (set->file_path when NULL); on success marks the history saved and
 * records the path. A failure leaves any existing file intact and says why. */
bool store_save(AnnotationSet *set, const char *path, Diagnostics *diag);

typedef struct StoreSaveOptions {
	/* Skip the fsync of the file and of its folder; the rename stays atomic (a crash may
	 * lose the new file, never mix old and new). For batch writers of regenerable files that
	 * sync once at the end (saywho extract). */
	bool no_sync;
} StoreSaveOptions;
/* store_save with options; NULL options: the defaults, exactly store_save. */
bool store_save_with(AnnotationSet *set, const char *path, const StoreSaveOptions *options,
		     Diagnostics *diag);

/* The current time as ISO 8601 UTC "2026-11-25T11:00:00Z" (SAYWHO_NOW overrides). */
void store_now_iso8601(char out[32]);

/* Whether characters above U+FFFF are written as they are (true) or as \U escapes: as they are
 * when the set has some and no U+E000..U+E7FF character anywhere (the rule of the libyaml-based
 * writer the files were first written with; kept so that files stay byte-identical). Shared
 * with the tests' reference writer. */
bool store_astral_characters_printable(const AnnotationSet *set);
/* Whether a YAML 1.1 or 1.2 reader would take the plain scalar s[0..n) for something other than
 * a string (null, bool, number, timestamp, merge key), so that the writer quotes it. Shared with
 * the tests' reference writer. */
bool store_plain_would_not_be_string(const char *s, size_t n);

#endif
