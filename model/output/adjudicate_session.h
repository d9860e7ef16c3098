/* Adjudication against a live merged set: the workbench's `review --compare` keeps the merged
 * (gold) set as an ordinary AnnotationSet with its history, so that picking a version, leaving a
 * claim out, the normal correction commands and undo/redo are all history steps of one set.
 *
 * The Adjudication (model/output/adjudicate.h) says what each item resolves to; these functions
 * turn that into the history step that makes the merged set hold it, and find the merged
 * annotations of agreed items. No curses here. */
#ifndef SAYWHO_OUTPUT_ADJUDICATE_SESSION_H
#define SAYWHO_OUTPUT_ADJUDICATE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "model/history.h"
#include "model/output/adjudicate.h"

/* The merged set to start from: every agreed item taken (adjudication_build leaving the
 * disagreements out), its annotator `annotator`. *merged_ids gets one id per item (malloc'ed
 * array of malloc'ed strings, NULL where the item has no annotation in the set yet). */
AnnotationSet *adjudication_start_merged(const Adjudication *adjudication, const char *annotator,
					 char ***merged_ids, Diagnostics *diag);

/* The step that replaces the item's annotation in `merged` (the one with id `current_id`, or
 * none when NULL or missing) by what the item resolves to now (adjudication_resolve): the
 * annotation copied with its status, its speaker entry added to `merged` when it has no such
 * speaker yet (same id and name, or same name and type, is reused), its id kept unless another
 * annotation of `merged` has it. Fills `step` (the caller applies it with history_apply_step and
 * clears it) and *new_id (malloc'ed, NULL when the item resolves to nothing). Returns false,
 * filling nothing, when the step would change nothing. */
bool adjudication_merge_step(const Adjudication *adjudication, size_t item, const AnnotationSet *merged,
			     const char *current_id, const char *description, HistoryStep *step,
			     char **new_id);

/* A step that records a decision without changing the merged set (its only change keeps the
 * `labels:` list as it is): choosing "none" for a claim the merged set does not hold yet is still
 * a step, so that undo and the journal see it like any other. */
void adjudication_decision_step(const AnnotationSet *merged, const char *description, HistoryStep *step);

#endif
