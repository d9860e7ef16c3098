/* The crash journal: every completed edit of an annotation set, on disk before the screen says
 * it is done, so that a crash, a kill -9 or a lost SSH connection loses nothing.
 *
 * The journal of `x.saywho.yaml` is `x.saywho-journal` beside it (other names: the `.yaml` or
 * `.yml` suffix replaced by `.saywho-journal`). It is a text file of JSON lines: a header naming
 * the annotation file and what it looked like when the session began (its FileStamp), then one
 * line per completed history step: "do" (with the before and after state of every annotation,
 * speaker or label list the step touched), "undo" or "redo". Each line is written with one
 * write() and fsync'd before journal_on_step returns. A last line cut short by a crash is
 * ignored; recovery replays the complete lines onto the set loaded from the same file, which
 * gives exactly the state after the last completed action, with the undo/redo stacks rebuilt.
 *
 * The open journal is also the lock that warns a second saywho on the same file: it holds an
 * exclusive flock(2) on it (released by the kernel when the process dies, even by SIGKILL).
 * After a successful save the journal is emptied (nothing to recover); on a clean close it is
 * removed. */
#ifndef SAYWHO_JOURNAL_H
#define SAYWHO_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/annotation.h"
#include "model/diag.h"
#include "model/file_stamp.h"
#include "model/history.h"

typedef struct Journal Journal;

/* What a journal left on disk holds, without changing anything. */
typedef struct JournalProbe {
	bool exists;              /* there is a journal file */
	bool live;                /* another process holds it: a second saywho on the same file */
	long owner_pid;           /* the pid that wrote it (0 when unknown) */
	char owner_host[64];      /* and its host name */
	size_t step_count;        /* complete do/undo/redo records */
	bool truncated_tail;      /* the last record was cut short (it will be ignored) */
	char *last_description;   /* of the last complete record (owned; free with journal_probe_clear) */
	bool base_matches;        /* it was made against the file as it is now */
	bool newer_than_file;     /* written after the file was last modified */
	char *error;              /* why the journal cannot be used (unreadable, not a journal...), or NULL */
} JournalProbe;

/* `x.saywho.yaml` -> `x.saywho-journal` (malloc'ed). */
char *journal_path_for(const char *annotation_path);

/* Reads the journal of `annotation_path` (if any). Recovery is worth offering when
 * exists && !live && step_count > 0 && !error. */
void journal_probe(const char *annotation_path, JournalProbe *probe);
void journal_probe_clear(JournalProbe *probe);

typedef enum {
	JOURNAL_FRESH,    /* start an empty journal (an old one, if any, is discarded) */
	JOURNAL_RECOVER,  /* replay the old journal onto the set, then go on appending to it */
} JournalStart;

/* Opens the journal of `annotation_path` for `set`, which was just loaded from that file
 * (`loaded` is the file's stamp taken before loading it; exists=false for a set not yet saved).
 * With JOURNAL_RECOVER the complete records are replayed (their count in *replayed) before
 * anything is appended. Does not install itself as the history observer: call journal_on_step
 * from the set's observer (or use journal_attach).
 * Returns NULL with a diagnostic when the journal cannot be created (read-only folder) or is
 * held by another saywho (the diagnostic says which pid); the caller warns and goes on without.
 * On a recovery that stops at a record that does not fit the file, the set holds the state after
 * the last record that fit, the error is in diag, and the journal is still returned. */
Journal *journal_open(const char *annotation_path, AnnotationSet *set, const FileStamp *loaded,
		      JournalStart start, size_t *replayed, Diagnostics *diag);

/* A program that keeps state of its own beside the set's history (the adjudication keeps which
 * version each disagreement took) and rebuilds the set from other files rather than loading it
 * from its own (so recovery needs every step of the session, not only those since the last save). */
typedef struct JournalOptions {
	/* A save appends a mark instead of emptying the journal: recovery replays the whole session
	 * onto the rebuilt set; what the probe counts and offers are the steps after the last mark. */
	bool whole_session;
	void *context;
	/* The note of a step being written as "do" (malloc'ed text, kept in the record), or NULL. */
	char *(*note_of)(void *context, const HistoryStep *step);
	/* During recovery, just before a "do" record with a note is applied to the set (so the set's
	 * observer, which then sees the step, knows what it was), and with NULL just after (whether
	 * the record could be applied or not). */
	void (*replaying)(void *context, const char *note);
} JournalOptions;

/* journal_open with options (NULL: the defaults of journal_open). */
Journal *journal_open_with(const char *annotation_path, AnnotationSet *set, const FileStamp *loaded,
			   JournalStart start, const JournalOptions *options, size_t *replayed, Diagnostics *diag);

/* A HistoryObserver: appends the step and fsyncs (context: the Journal). A failed write is kept
 * in journal_error() (the UI shows it) and journalling goes on with the next step. */
void journal_on_step(void *journal, const AnnotationSet *set, const HistoryStep *step, int direction);
/* Installs journal_on_step as the set's history observer (for programs with no other observer). */
void journal_attach(Journal *journal, AnnotationSet *set);

/* The file was saved (its new stamp): the journal is emptied, a new header written (with
 * whole_session: a mark with the new stamp is appended instead). */
bool journal_saved(Journal *journal, const FileStamp *saved, Diagnostics *diag);
/* Closes; remove = true on a clean exit (everything saved, or changes deliberately thrown
 * away), false to leave it for recovery. */
void journal_close(Journal *journal, bool remove);

/* With false, steps are not written (the benchmark's "journal off"). */
void journal_set_enabled(Journal *journal, bool enabled);
/* The last write failure ("cannot write x.saywho-journal: No space left on device"), or NULL. */
const char *journal_error(const Journal *journal);
const char *journal_path(const Journal *journal);

/* Time spent (nanoseconds) in write() and in fsync() since open, and records written. */
typedef struct JournalStats {
	unsigned long records;
	unsigned long long write_ns, fsync_ns;
} JournalStats;
JournalStats journal_stats(const Journal *journal);

/* Deletes the journal of `annotation_path` (the analyst declined recovery). */
bool journal_discard(const char *annotation_path, Diagnostics *diag);

#endif
