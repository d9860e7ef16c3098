/* Every change to an annotation set, as an undoable operation.
 *
 * Each operation records the before and after state of what it touched (whole annotations or
 * speakers, by index), so undo and redo of any depth are exact, and the same records can be
 * written to a journal and replayed after a crash. Operations applied between
 * history_group_begin() and history_group_end() are one step (bulk accept, merge).
 *
 * Rules the model enforces (not the interface):
 * - engine candidates are never deleted, only rejected; only `added` annotations can be deleted;
 * - the first time an analyst changes a field of an engine annotation, the engine's value goes
 *   into `original` and the status becomes `corrected`;
 * - accept makes a candidate `accepted` (a corrected annotation stays `corrected`).
 * Functions return false (changing nothing) when the operation does not apply, and set a short
 * reason in *why when why is not NULL. */
#ifndef SAYWHO_HISTORY_H
#define SAYWHO_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"

typedef enum { CHANGE_ANNOTATION, CHANGE_SPEAKER, CHANGE_LABELS } ChangeTarget;

/* One touched slot. `before` NULL = the slot was inserted at `index`; `after` NULL = removed. */
typedef struct Change {
	ChangeTarget target;
	size_t index;
	void *before, *after; /* Annotation* or Speaker* (owned copies); labels: AnnotationSet-owned list */
} Change;

typedef struct HistoryStep {
	char *description; /* "accept a3", "merge speaker zhao into zhao-lijian" */
	Change *changes;
	size_t change_count;
	unsigned long serial;  /* unique, increasing: identifies a state for "modified since save" */
} HistoryStep;

/* Called after every completed step (do, undo or redo): for the journal. */
typedef void (*HistoryObserver)(void *context, const AnnotationSet *set, const HistoryStep *step,
				int direction /* +1 do/redo, -1 undo */);
void history_set_observer(AnnotationSet *set, HistoryObserver observer, void *context);

bool annotation_set_accept(AnnotationSet *set, size_t index, const char **why);
bool annotation_set_reject(AnnotationSet *set, size_t index, const char **why);
/* Back to candidate (an analyst's "unreview"); keeps `original`. */
bool annotation_set_reset_status(AnnotationSet *set, size_t index, const char **why);
/* mention may be NULL to remove the speaker; its `ref` must name a speaker. */
bool annotation_set_set_speaker(AnnotationSet *set, size_t index, const Span *mention, const char **why);
bool annotation_set_set_cue(AnnotationSet *set, size_t index, const Span *cue, const char **why);
bool annotation_set_set_claim(AnnotationSet *set, size_t index, const Span *claim, const char **why);
bool annotation_set_set_kind(AnnotationSet *set, size_t index, ClaimKind kind, const char **why);
bool annotation_set_set_label(AnnotationSet *set, size_t index, const char *label, const char **why);
bool annotation_set_set_note(AnnotationSet *set, size_t index, const char *note, const char **why);
/* Adds an analyst's annotation (status forced to `added`, id generated when NULL). Returns its
 * index, or (size_t)-1. */
size_t annotation_set_add(AnnotationSet *set, const Annotation *annotation, const char **why);
bool annotation_set_delete(AnnotationSet *set, size_t index, const char **why);

/* Speakers. add returns the new index (id generated from the name) or (size_t)-1. */
size_t annotation_set_add_speaker(AnnotationSet *set, const char *name, SpeakerType type, const char **why);
bool annotation_set_rename_speaker(AnnotationSet *set, size_t index, const char *name, const char **why);
bool annotation_set_retype_speaker(AnnotationSet *set, size_t index, SpeakerType type, const char **why);
/* Points every mention of `from` at `into` (through set_speaker, so engine annotations become
 * corrected) and removes `from`: one step. */
bool annotation_set_merge_speakers(AnnotationSet *set, size_t from, size_t into, const char **why);

void history_group_begin(AnnotationSet *set, const char *description);
void history_group_end(AnnotationSet *set);

/* Undo/redo one step; description (owned by the history) of what was undone/redone, or NULL
 * when there is nothing to undo/redo. */
const char *history_undo(AnnotationSet *set);
const char *history_redo(AnnotationSet *set);
size_t history_undo_depth(const AnnotationSet *set);
size_t history_redo_depth(const AnnotationSet *set);

/* Whether the set differs from what was last loaded or saved (undoing back to it: unmodified). */
bool history_is_modified(const AnnotationSet *set);
void history_mark_saved(AnnotationSet *set);
/* Apply a recorded step again (journal replay): same effect as the original operation. */
bool history_apply_step(AnnotationSet *set, const HistoryStep *step);

void history_free(History *history);

#endif
