/* Adjudication: several annotators' files for one article, aligned claim by claim, and the
 * adjudicated (merged) set built from the analyst's choices.
 *
 * An item is one claim as the annotators saw it: for each annotator the index of its version
 * (or ADJUDICATE_NONE when that annotator has nothing there). Versions are aligned first by
 * annotation id between engine annotations (the same candidate reviewed by each annotator: an
 * `accepted` against a `rejected` is a disagreement on the decision), then by the evaluation's
 * claim matching (overlap of at least half the shorter claim, largest overlap / union first).
 * Where every annotator has the same claim, speaker, cue, kind, label and decision, the item is
 * agreed and taken as it is; elsewhere it waits for a choice:
 *   - one annotator's version (its decision included: a rejected version stays rejected);
 *   - none (the claim is left out);
 *   - a merge: each field (claim, speaker, cue, kind, label) from a chosen annotator;
 *   - an edited annotation given by the caller.
 * Choices are values: the view keeps the previous one to undo (adjudication_choice_copy).
 * Nothing here draws; the workbench's --compare view (ui helper) drives it. */
#ifndef SAYWHO_OUTPUT_ADJUDICATE_H
#define SAYWHO_OUTPUT_ADJUDICATE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"
#include "model/diag.h"

#define ADJUDICATE_NONE ((size_t)-1)

/* What differs between the versions of an item (bits). */
enum {
	ADJ_DIFF_PRESENCE = 1 << 0, /* some annotators have no such claim (or rejected it) */
	ADJ_DIFF_CLAIM = 1 << 1,    /* boundaries or parts */
	ADJ_DIFF_SPEAKER = 1 << 2,  /* speaker span or canonical name */
	ADJ_DIFF_CUE = 1 << 3,
	ADJ_DIFF_KIND = 1 << 4,
	ADJ_DIFF_LABEL = 1 << 5,
};

typedef enum {
	ADJ_FIELD_CLAIM,
	ADJ_FIELD_SPEAKER,
	ADJ_FIELD_CUE,
	ADJ_FIELD_KIND,
	ADJ_FIELD_LABEL,
	ADJ_FIELD_COUNT
} AdjudicationField;

typedef enum {
	ADJ_CHOICE_UNRESOLVED, /* disagreed and not decided yet (agreed items take their version) */
	ADJ_CHOICE_VERSION,    /* `annotator`'s version */
	ADJ_CHOICE_NONE,       /* left out */
	ADJ_CHOICE_FIELDS,     /* field f from fields[f] (an annotator index) */
	ADJ_CHOICE_CUSTOM,     /* `custom`, whose speaker.ref names a speaker of `annotator`'s set */
} AdjudicationChoiceKind;

typedef struct AdjudicationChoice {
	AdjudicationChoiceKind kind;
	size_t annotator;
	size_t fields[ADJ_FIELD_COUNT];
	Annotation *custom; /* owned */
} AdjudicationChoice;

typedef struct AdjudicationItem {
	size_t *versions;        /* per annotator: index into sets[k]->annotations, or ADJUDICATE_NONE */
	unsigned differences;    /* ADJ_DIFF_* (0: agreed) */
	ByteRange extent;        /* the claims of all versions together: for scrolling and drawing */
	AdjudicationChoice choice;
} AdjudicationItem;

typedef struct Adjudication {
	const AnnotationSet *const *sets; /* borrowed; all about the same article */
	size_t set_count;
	char **annotators;                /* display names: `annotator:`, else "A", "B"... */
	AdjudicationItem *items;          /* by position of their extent */
	size_t item_count;
} Adjudication;

/* Aligns the sets (at least two; the caller keeps them alive and unchanged while the adjudication
 * lives). Refuses (NULL, with a diagnostic naming the file) sets whose articles differ. */
Adjudication *adjudication_new(const AnnotationSet *const *sets, size_t count, Diagnostics *diag);
void adjudication_free(Adjudication *adjudication);

bool adjudication_item_agreed(const AdjudicationItem *item);
/* Disagreements still without a choice: the number for the status line. */
size_t adjudication_unresolved_count(const Adjudication *adjudication);
size_t adjudication_disagreement_count(const Adjudication *adjudication);
/* The next (direction +1) or previous (-1) disagreement after `from` (ADJUDICATE_NONE: from the
 * start or the end), resolved ones included when `include_resolved`; ADJUDICATE_NONE when none. */
size_t adjudication_next_disagreement(const Adjudication *adjudication, size_t from, int direction,
				      bool include_resolved);
/* The item whose extent contains `byte` (the first), or ADJUDICATE_NONE. */
size_t adjudication_item_at(const Adjudication *adjudication, size_t byte);

/* The version of annotator k in an item: NULL when it has none. */
const Annotation *adjudication_version(const Adjudication *adjudication, size_t item, size_t annotator);
/* "Zhao Lijian · said · indirect · denial · accepted", or "(no such claim)": one line for a
 * version, as the view lists them. Caller frees. */
char *adjudication_describe_version(const Adjudication *adjudication, size_t item, size_t annotator);

/* Choices. Each returns false (changing nothing, *why set when not NULL) when it does not apply:
 * an annotator index out of range, or a version the annotator does not have. */
bool adjudication_choose_version(Adjudication *adjudication, size_t item, size_t annotator, const char **why);
bool adjudication_choose_none(Adjudication *adjudication, size_t item, const char **why);
bool adjudication_choose_fields(Adjudication *adjudication, size_t item,
				const size_t fields[ADJ_FIELD_COUNT], const char **why);
/* `annotation` is copied; its speaker.ref (if any) must name a speaker of sets[speaker_source]. */
bool adjudication_choose_custom(Adjudication *adjudication, size_t item, const Annotation *annotation,
				size_t speaker_source, const char **why);
/* Back to undecided (agreed items: back to their agreed version). */
void adjudication_unchoose(Adjudication *adjudication, size_t item);
/* For undo in the view: copy out a choice, and put one back (the item takes ownership). */
void adjudication_choice_copy(AdjudicationChoice *dst, const AdjudicationChoice *src);
void adjudication_choice_clear(AdjudicationChoice *choice);
void adjudication_restore_choice(Adjudication *adjudication, size_t item, AdjudicationChoice *choice);

/* The annotation an item resolves to (a new value the caller clears and frees), or NULL when it
 * resolves to nothing (left out, or unresolved). Its speaker.ref names a speaker of
 * sets[*speaker_source]. */
Annotation *adjudication_resolve(const Adjudication *adjudication, size_t item, size_t *speaker_source);

/* The adjudicated set: a new set on a copy of the article, with the first set's document fields,
 * the labels of all sets, the speakers the chosen annotations use (ids kept; a clash of names
 * gets a new id), `annotator` as given. Unresolved disagreements are an error naming how many
 * (NULL) unless `leave_out_unresolved`, which drops them with a warning. */
AnnotationSet *adjudication_build(const Adjudication *adjudication, const char *annotator,
				  bool leave_out_unresolved, Diagnostics *diag);

#endif
