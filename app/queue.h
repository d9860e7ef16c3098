/* A queue of documents: several files, or a folder of articles, reviewed one after the other,
 * and the user's state folder that remembers where the analyst was in each document.
 *
 * A folder stands for its `*.txt` articles in name order, each with the `X.saywho.yaml` beside
 * `X.txt` when there is one; files are taken in the order given (`.txt` articles or annotation
 * files). Opening a queue reads no document: progress across it (documents done, annotations
 * reviewed) comes from a line scan of the annotation files that exist, cached by size and
 * modification time in the state folder, so a folder of 10,000 articles opens in a few tens of
 * milliseconds.
 *
 * The state folder is $XDG_STATE_HOME/saywho (else ~/.local/state/saywho):
 *   positions.tsv  where the analyst left each document (selected annotation, article scroll)
 *                  and which document of a folder queue was open last;
 *   summaries.tsv  the cached review counts of annotation files.
 * Nothing about the analyst's position is ever written into an annotation file. */
#ifndef SAYWHO_QUEUE_H
#define SAYWHO_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"
#include "model/diag.h"

typedef struct Queue Queue;

typedef struct QueueEntry {
	char *path;            /* what to open, as the user gave it (article .txt or annotation file) */
	char *annotation_path; /* the annotation file it is saved to (may not exist yet) */
	char *name;            /* for the status line: the file name */
} QueueEntry;

typedef struct QueueProgress {
	size_t documents;         /* in the queue */
	size_t documents_started; /* with an annotation file */
	size_t documents_done;    /* with an annotation file and no candidate left */
	size_t annotations;       /* in the annotation files that exist */
	size_t reviewed;          /* of those, not `candidate` */
} QueueProgress;

/* Whether these command-line paths make a queue (more than one, or a folder). */
bool queue_wants(char *const *paths, size_t count);
/* Lists the documents. NULL with diagnostics when a path cannot be read or nothing is left
 * (an empty folder). A folder queue starts at the document that was open last time. */
Queue *queue_open(char *const *paths, size_t count, Diagnostics *diag);
void queue_free(Queue *queue);

size_t queue_count(const Queue *queue);
const QueueEntry *queue_entry(const Queue *queue, size_t index);
size_t queue_current(const Queue *queue);
/* Moves by delta (+1 next, -1 previous); false (not moving) past either end. Remembers the
 * current document of a folder queue in the state folder. */
bool queue_move(Queue *queue, int delta);

/* Review progress across the queue (cached counts; files changed since are scanned again). */
void queue_progress(Queue *queue, QueueProgress *progress);
/* "doc 3/120 · 41 done · 1234/5678 reviewed" */
void queue_describe(Queue *queue, char *out, size_t size);
/* The same with the open (current) document's counts as they are now, saved or not. */
void queue_describe_open(Queue *queue, size_t annotations, size_t reviewed, char *out, size_t size);
/* The current document was saved: its counts come from the set (no scan). */
void queue_document_saved(Queue *queue, const AnnotationSet *set);

/* Counts the annotations of an annotation file and those reviewed without loading it (a line
 * scan of the block YAML that saywho writes; other layouts go through libyaml's parser).
 * False when the file cannot be read. */
bool queue_scan_counts(const char *annotation_path, size_t *annotations, size_t *reviewed);

/* ---- the state folder ---- */

/* $XDG_STATE_HOME/saywho, else ~/.local/state/saywho (malloc'ed); NULL without HOME. */
char *state_folder(void);

/* Where the analyst was in a document: the selected annotation and the first article line on
 * screen, as a code point (independent of how the program stores offsets). */
typedef struct DocumentPosition {
	char *selected_id;   /* NULL: none remembered */
	size_t top_codepoint;
} DocumentPosition;

/* Keyed by the absolute path of the annotation file. False when nothing is remembered. */
bool state_position_load(const char *annotation_path, DocumentPosition *position);
bool state_position_save(const char *annotation_path, const DocumentPosition *position);
void document_position_clear(DocumentPosition *position);

#endif
