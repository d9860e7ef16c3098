/* Every change to an annotation set, as an undoable operation.
 *
 * Each operation records the before and after state of what it touched (whole annotations or
 * speakers, by index), so undo and redo of any depth are exact, and the same records can be
 * written to a journal and replayed after a crash. Operations applied between
 * history_group_begin() and history_group_end() are one step (bulk accept, merge).
 *
 * Rules the model enforces (not the interface):
 * - engine candidates are never deleted, only rejected; only `added` annotations can be deleted;
 *   an `added` annotation cannot be rejected, accepted or reset (delete it instead);
 * - the first time an analyst changes a field (speaker, cue, claim, kind, label) of an engine
 *   annotation (any status but `added`, rejected included), the engine's value goes into
 *   `original` and the status becomes `corrected`; later changes of that field keep the
 *   engine's value. A field set back to exactly the engine's value leaves `original`; when
 *   no field is left, `original` goes and the annotation is `accepted` (right as proposed).
 *   `added` annotations never get an `original` (add drops one if given). A note is the
 *   analyst's own field: editing it changes no status;
 * - accept makes a candidate (or a rejected one) `accepted`, or `corrected` when it has an
 *   `original`; reject makes any engine annotation `rejected` (its `original` is kept);
 * - spans set by an analyst are not empty, lie inside the article and start and end on
 *   character boundaries; a speaker `ref` must name a speaker; a label must be in the file's
 *   `labels` (a file without `labels` takes none: set a label list first);
 * - an analyst's annotation is inserted in position order (claim start, then end);
 * - a merge moves every current mention of a speaker to another and removes the merged entry,
 *   unless an engine proposal (`original`) or an optional annotation still names it: those
 *   records are not rewritten, and every ref in a file must name a speaker.
 * Functions return false (changing nothing) when the operation does not apply or would change
 * nothing, and set a short reason in *why when why is not NULL (valid until the next
 * operation on the set). Undo and redo are refused (NULL) while a group is open. */
#ifndef SAYWHO_HISTORY_H
#define SAYWHO_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"

typedef enum { CHANGE_ANNOTATION, CHANGE_SPEAKER, CHANGE_LABELS } ChangeTarget;

/* A CHANGE_LABELS slot: the whole `labels:` list (index 0; before and after never NULL).
 * present = the file has a `labels` key (has_labels). */
typedef struct LabelList {
	char **items;
	size_t count;
	bool present;
} LabelList;

/* One touched slot. `before` NULL = the slot was inserted at `index`; `after` NULL = removed. */
typedef struct Change {
	ChangeTarget target;
	size_t index;
	void *before, *after; /* Annotation*, Speaker* or LabelList* (owned copies) */
} Change;

typedef struct HistoryStep {
	char *description; /* "accept a3", "merge speaker zhao into zhao-lijian" */
	Change *changes;
	size_t change_count;
	unsigned long serial;  /* unique, increasing: identifies a state for "modified since save" */
} HistoryStep;

/* For code that builds a step to be replayed elsewhere (the adjudication session): appends a
 * change to `step`, which takes before/after; and a copy of a set's `labels:` for a
 * CHANGE_LABELS slot. */
void history_step_add_change(HistoryStep *step, ChangeTarget target, size_t index, void *before, void *after);
LabelList *history_label_list_of_set(const AnnotationSet *set);

/* Called after every completed step (do, undo or redo): for the journal. */
typedef void (*HistoryObserver)(void *context, const AnnotationSet *set, const HistoryStep *step,
				int direction /* +1 do/redo, -1 undo */);
void history_set_observer(AnnotationSet *set, HistoryObserver observer, void *context);

bool annotation_set_accept(AnnotationSet *set, size_t index, const char **why);
bool annotation_set_reject(AnnotationSet *set, size_t index, const char **why);
/* Back to candidate (an analyst's "unreview"); keeps `original`. */
bool annotation_set_reset_status(AnnotationSet *set, size_t index, const char **why);
/* mention may be NULL (or a span that is not present) to remove the speaker; its `ref`, when
 * set, must name a speaker. The cue is removed the same way. */
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

/* Replaces the label set (`labels:`; present afterwards). Refused when a label in use by an
 * annotation (its `original` or an optional annotation included) would go. */
bool annotation_set_change_labels(AnnotationSet *set, const char *const *labels, size_t count,
				  const char **why);

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

/* Deep copy of a step (for an observer that keeps steps), and its release. A step given to an
 * observer belongs to the history. */
void history_step_copy(HistoryStep *dst, const HistoryStep *src);
void history_step_clear(HistoryStep *step);

void history_free(History *history);

#endif
