/* The edit history: every change to an annotation set as a step of before/after records.
 *
 * An operation validates everything first, then builds the new value of each slot it touches
 * (a copy of the old one, changed), and applies it through apply_change(), which also records
 * the Change in the open step. So a step's changes, applied in order, turn the `before` state
 * into the `after` state; applied backwards in reverse order, they undo it. Undo, redo and the
 * journal's replay (history_apply_step) all go through the same apply_change().
 *
 * "Modified since save" compares state serials: the serial of the step on top of the undo
 * stack (0 for none) is the current state; saving records it. Serials are never reused, so a
 * saved state dropped with the redo branch can never be reached again (modified for good). */
#include "model/history.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/yaml_value.h"

typedef struct StepStack {
	HistoryStep *items;
	size_t count, capacity;
} StepStack;

struct History {
	StepStack undo;                /* done steps, oldest first */
	StepStack redo;                /* undone steps, the next to redo last */
	unsigned long last_serial;
	unsigned long saved_serial;    /* state serial when last loaded or saved */
	HistoryObserver observer;
	void *observer_context;
	HistoryStep open;              /* the step being built (an operation or a group) */
	bool step_open;
	int group_depth;
	char reason[256];              /* formatted reasons returned through *why */
};

/* ------------------------------------------------------------------ values of slots */

LabelList *history_label_list_of_set(const AnnotationSet *set)
{
	LabelList *list = xcalloc(1, sizeof *list);
	list->present = set->has_labels;
	list->count = set->label_count;
	list->items = xcalloc(set->label_count + 1, sizeof *list->items);
	for (size_t i = 0; i < set->label_count; i++)
		list->items[i] = xstrdup(set->labels[i]);
	return list;
}

static void label_list_free(LabelList *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	free(list);
}

static void *slot_copy(ChangeTarget target, const void *value)
{
	if (!value)
		return NULL;
	switch (target) {
	case CHANGE_ANNOTATION: {
		Annotation *copy = xcalloc(1, sizeof *copy);
		annotation_copy(copy, value);
		return copy;
	}
	case CHANGE_SPEAKER: {
		Speaker *copy = xcalloc(1, sizeof *copy);
		speaker_copy(copy, value);
		return copy;
	}
	case CHANGE_LABELS: {
		const LabelList *list = value;
		LabelList *copy = xcalloc(1, sizeof *copy);
		copy->present = list->present;
		copy->count = list->count;
		copy->items = xcalloc(list->count + 1, sizeof *copy->items);
		for (size_t i = 0; i < list->count; i++)
			copy->items[i] = xstrdup(list->items[i]);
		return copy;
	}
	}
	return NULL;
}

static void slot_free(ChangeTarget target, void *value)
{
	if (!value)
		return;
	switch (target) {
	case CHANGE_ANNOTATION:
		annotation_clear(value);
		free(value);
		break;
	case CHANGE_SPEAKER:
		speaker_clear(value);
		free(value);
		break;
	case CHANGE_LABELS:
		label_list_free(value);
		break;
	}
}

void history_step_clear(HistoryStep *step)
{
	for (size_t i = 0; i < step->change_count; i++) {
		slot_free(step->changes[i].target, step->changes[i].before);
		slot_free(step->changes[i].target, step->changes[i].after);
	}
	free(step->changes);
	free(step->description);
	*step = (HistoryStep){0};
}

void history_step_copy(HistoryStep *dst, const HistoryStep *src)
{
	*dst = (HistoryStep){.description = xstrdup(src->description), .serial = src->serial,
			     .change_count = src->change_count,
			     .changes = xcalloc(src->change_count + 1, sizeof *dst->changes)};
	for (size_t i = 0; i < src->change_count; i++) {
		const Change *change = &src->changes[i];
		dst->changes[i] = (Change){change->target, change->index,
					   slot_copy(change->target, change->before),
					   slot_copy(change->target, change->after)};
	}
}

static void stack_push(StepStack *stack, HistoryStep step)
{
	if (stack->count == stack->capacity) {
		stack->capacity = stack->capacity ? stack->capacity * 2 : 32;
		stack->items = xrealloc(stack->items, stack->capacity * sizeof *stack->items);
	}
	stack->items[stack->count++] = step;
}

static void stack_clear(StepStack *stack)
{
	for (size_t i = 0; i < stack->count; i++)
		history_step_clear(&stack->items[i]);
	stack->count = 0;
}

/* ------------------------------------------------------------------ applying changes */

/* Makes room at `index` in an array of `count` items of `size` bytes (capacity grown). */
static void *insert_gap(void *items, size_t *count, size_t *capacity, size_t size, size_t index)
{
	if (*count == *capacity) {
		*capacity = *capacity ? *capacity * 2 : 16;
		items = xrealloc(items, *capacity * size);
	}
	char *bytes = items;
	memmove(bytes + (index + 1) * size, bytes + index * size, (*count - index) * size);
	(*count)++;
	return items;
}

static void remove_item(void *items, size_t *count, size_t size, size_t index)
{
	char *bytes = items;
	memmove(bytes + index * size, bytes + (index + 1) * size, (*count - index - 1) * size);
	(*count)--;
}

/* Whether the change can be applied in this direction (indexes in range). */
static bool change_fits(const AnnotationSet *set, const Change *change, bool forward)
{
	const void *from = forward ? change->before : change->after;
	const void *to = forward ? change->after : change->before;
	if (!from && !to)
		return false;
	size_t count = change->target == CHANGE_ANNOTATION ? set->annotation_count
		       : change->target == CHANGE_SPEAKER  ? set->speaker_count
							   : 1;
	if (change->target == CHANGE_LABELS)
		return change->index == 0 && from && to;
	return from ? change->index < count : change->index <= count;
}

/* Puts the change's `after` (forward) or `before` (backward) value into the set. */
static void apply_change(AnnotationSet *set, const Change *change, bool forward)
{
	const void *from = forward ? change->before : change->after;
	const void *to = forward ? change->after : change->before;
	size_t index = change->index;
	switch (change->target) {
	case CHANGE_ANNOTATION:
		if (from && to) {
			annotation_clear(&set->annotations[index]);
			annotation_copy(&set->annotations[index], to);
		} else if (to) {
			set->annotations = insert_gap(set->annotations, &set->annotation_count,
						      &set->annotation_capacity, sizeof(Annotation), index);
			annotation_copy(&set->annotations[index], to);
		} else {
			annotation_clear(&set->annotations[index]);
			remove_item(set->annotations, &set->annotation_count, sizeof(Annotation), index);
		}
		break;
	case CHANGE_SPEAKER:
		if (from && to) {
			speaker_clear(&set->speakers[index]);
			speaker_copy(&set->speakers[index], to);
		} else if (to) {
			set->speakers = insert_gap(set->speakers, &set->speaker_count,
						   &set->speaker_capacity, sizeof(Speaker), index);
			speaker_copy(&set->speakers[index], to);
		} else {
			speaker_clear(&set->speakers[index]);
			remove_item(set->speakers, &set->speaker_count, sizeof(Speaker), index);
		}
		break;
	case CHANGE_LABELS: {
		const LabelList *list = to;
		annotation_set_set_labels(set, (const char *const *)list->items, list->count);
		set->has_labels = list->present;
		break;
	}
	}
}

/* ------------------------------------------------------------------ steps */

static History *history_of(AnnotationSet *set)
{
	if (!set->history)
		set->history = xcalloc(1, sizeof *set->history);
	return set->history;
}

/* Opens the step of one operation (inside a group, the group's step stays the one). */
static void begin_step(AnnotationSet *set, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
static void begin_step(AnnotationSet *set, const char *format, ...)
{
	History *history = history_of(set);
	if (history->step_open)
		return;
	va_list args;
	va_start(args, format);
	history->open = (HistoryStep){.description = xvasprintf(format, args)};
	va_end(args);
	history->step_open = true;
}

static void notify(AnnotationSet *set, const HistoryStep *step, int direction)
{
	History *history = set->history;
	if (history->observer)
		history->observer(history->observer_context, set, step, direction);
}

/* Pushes a finished step: a new state, so the redo branch is gone. */
static void push_done_step(AnnotationSet *set, HistoryStep step)
{
	History *history = set->history;
	stack_clear(&history->redo);
	step.serial = ++history->last_serial;
	stack_push(&history->undo, step);
	notify(set, &history->undo.items[history->undo.count - 1], +1);
}

/* Closes the step of one operation (a no-op inside a group: the group closes it). */
static void end_step(AnnotationSet *set)
{
	History *history = set->history;
	if (history->group_depth > 0)
		return;
	HistoryStep step = history->open;
	history->open = (HistoryStep){0};
	history->step_open = false;
	if (step.change_count == 0) {
		history_step_clear(&step);
		return;
	}
	push_done_step(set, step);
}

void history_step_add_change(HistoryStep *step, ChangeTarget target, size_t index, void *before, void *after)
{
	/* Capacity doubles at each power of two, so a bulk step of n changes costs O(n). */
	size_t count = step->change_count;
	if ((count & (count - 1)) == 0)
		step->changes = xrealloc(step->changes, (count ? 2 * count : 1) * sizeof *step->changes);
	step->changes[step->change_count++] = (Change){target, index, before, after};
}

/* Applies a change and records it (taking ownership of before/after) in the open step. */
static void record(AnnotationSet *set, ChangeTarget target, size_t index, void *before, void *after)
{
	HistoryStep *step = &history_of(set)->open;
	history_step_add_change(step, target, index, before, after);
	apply_change(set, &step->changes[step->change_count - 1], true);
}

/* Records the replacement of annotation `index` by `changed` (which the history takes). */
static void replace_annotation(AnnotationSet *set, size_t index, Annotation *changed)
{
	record(set, CHANGE_ANNOTATION, index, slot_copy(CHANGE_ANNOTATION, &set->annotations[index]),
	       changed);
}

static void replace_speaker(AnnotationSet *set, size_t index, Speaker *changed)
{
	record(set, CHANGE_SPEAKER, index, slot_copy(CHANGE_SPEAKER, &set->speakers[index]), changed);
}

void history_set_observer(AnnotationSet *set, HistoryObserver observer, void *context)
{
	History *history = history_of(set);
	history->observer = observer;
	history->observer_context = context;
}

void history_group_begin(AnnotationSet *set, const char *description)
{
	History *history = history_of(set);
	if (history->group_depth++ == 0) {
		history->open = (HistoryStep){.description = xstrdup(description ? description : "edit")};
		history->step_open = true;
	}
}

void history_group_end(AnnotationSet *set)
{
	History *history = history_of(set);
	if (history->group_depth == 0)
		return;
	if (--history->group_depth == 0)
		end_step(set);
}

/* ------------------------------------------------------------------ refusals */

static bool refuse(AnnotationSet *set, const char **why, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
static bool refuse(AnnotationSet *set, const char **why, const char *format, ...)
{
	History *history = history_of(set);
	va_list args;
	va_start(args, format);
	vsnprintf(history->reason, sizeof history->reason, format, args);
	va_end(args);
	if (why)
		*why = history->reason;
	return false;
}

static bool check_index(AnnotationSet *set, size_t index, const char **why)
{
	if (index < set->annotation_count)
		return true;
	return refuse(set, why, "there is no annotation number %zu", index + 1);
}

static bool check_speaker_index(AnnotationSet *set, size_t index, const char **why)
{
	if (index < set->speaker_count)
		return true;
	return refuse(set, why, "there is no speaker number %zu", index + 1);
}

/* A span an analyst sets: present, not empty, inside the article, on character boundaries;
 * parts in order inside it. */
static bool check_span(AnnotationSet *set, const Span *span, const char *what, const char **why)
{
	const Article *article = set->article;
	size_t size = article ? article_size(article) : 0;
	if (!span->present)
		return refuse(set, why, "the %s span is missing", what);
	if (span->start >= span->end)
		return refuse(set, why, "the %s span is empty", what);
	if (span->end > size)
		return refuse(set, why, "the %s span ends after the article", what);
	if (!article_is_char_boundary(article, span->start) ||
	    !article_is_char_boundary(article, span->end))
		return refuse(set, why, "the %s span cuts a character", what);
	size_t previous_end = span->start;
	for (size_t i = 0; i < span->part_count; i++) {
		ByteRange part = span->parts[i];
		if (part.start < previous_end || part.start >= part.end || part.end > span->end)
			return refuse(set, why, "the %s parts are not in order inside the span", what);
		if (!article_is_char_boundary(article, part.start) ||
		    !article_is_char_boundary(article, part.end))
			return refuse(set, why, "a %s part cuts a character", what);
		previous_end = part.end;
	}
	return true;
}

static bool check_mention(AnnotationSet *set, const Span *mention, const char **why)
{
	if (!check_span(set, mention, "speaker", why))
		return false;
	if (mention->ref && !annotation_set_find_speaker(set, mention->ref))
		return refuse(set, why, "there is no speaker '%s'", mention->ref);
	return true;
}

static bool check_label(AnnotationSet *set, const char *label, const char **why)
{
	if (!label || (set->has_labels && annotation_set_has_label(set, label)))
		return true;
	return refuse(set, why, "label '%s' is not in this file's labels", label);
}

/* ------------------------------------------------------------------ original and status */

static bool is_engine_annotation(const Annotation *annotation)
{
	return annotation->status != STATUS_ADDED;
}

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* One engine field, wherever it lives (an annotation or its `original`). */
typedef struct FieldValue {
	const Span *span; /* speaker, cue, claim */
	ClaimKind kind;
	const char *label;
} FieldValue;

static FieldValue field_of(const Span *speaker, const Span *cue, const Span *claim, ClaimKind kind,
			   const char *label, unsigned field)
{
	switch (field) {
	case FIELD_SPEAKER: return (FieldValue){.span = speaker};
	case FIELD_CUE: return (FieldValue){.span = cue};
	case FIELD_CLAIM: return (FieldValue){.span = claim};
	case FIELD_KIND: return (FieldValue){.kind = kind};
	default: return (FieldValue){.label = label};
	}
}

static FieldValue annotation_field(const Annotation *a, unsigned field)
{
	return field_of(&a->speaker, &a->cue, &a->claim, a->kind, a->label, field);
}

static FieldValue original_field(const AnnotationOriginal *o, unsigned field)
{
	return field_of(&o->speaker, &o->cue, &o->claim, o->kind, o->label, field);
}

static bool field_values_equal(FieldValue x, FieldValue y)
{
	if (x.span || y.span)
		return x.span && y.span && span_equal(x.span, y.span);
	return x.kind == y.kind && same_string(x.label, y.label);
}

/* Copies field `field` of `from` into `original` (which holds none of it yet). */
static void original_take_field(AnnotationOriginal *original, const Annotation *from, unsigned field)
{
	switch (field) {
	case FIELD_SPEAKER: span_copy(&original->speaker, &from->speaker); break;
	case FIELD_CUE: span_copy(&original->cue, &from->cue); break;
	case FIELD_CLAIM: span_copy(&original->claim, &from->claim); break;
	case FIELD_KIND: original->kind = from->kind; break;
	case FIELD_LABEL: original->label = xstrdup(from->label); break;
	}
	original->fields |= field;
}

static void original_drop_field(AnnotationOriginal *original, unsigned field)
{
	switch (field) {
	case FIELD_SPEAKER: span_clear(&original->speaker); break;
	case FIELD_CUE: span_clear(&original->cue); break;
	case FIELD_CLAIM: span_clear(&original->claim); break;
	case FIELD_KIND: original->kind = KIND_UNSET; break;
	case FIELD_LABEL:
		free(original->label);
		original->label = NULL;
		break;
	}
	original->fields &= ~field;
}

/* `changed` is `current` with `field` changed. For an engine annotation the engine's value goes
 * into `original` unless it is there already (a second change keeps the engine's value); a
 * field back at the engine's value leaves it. An engine annotation with an `original` is
 * corrected; one left without any (every change undone by hand) is accepted as proposed. */
static void record_correction(Annotation *changed, const Annotation *current, unsigned field)
{
	if (!is_engine_annotation(changed))
		return;
	if (!changed->original)
		changed->original = xcalloc(1, sizeof *changed->original);
	AnnotationOriginal *original = changed->original;
	if (!(original->fields & field))
		original_take_field(original, current, field);
	else if (field_values_equal(original_field(original, field), annotation_field(changed, field)))
		original_drop_field(original, field);
	if (original->fields == 0 && original->extras.count == 0) {
		free(original);
		changed->original = NULL;
	}
	changed->status = changed->original ? STATUS_CORRECTED : STATUS_ACCEPTED;
}

/* The working copy of annotation `index`, to be changed and then recorded. */
static Annotation *working_copy(const AnnotationSet *set, size_t index)
{
	return slot_copy(CHANGE_ANNOTATION, &set->annotations[index]);
}

/* Records `changed` (taken) as the new annotation `index` in a step described by `description`
 * (taken), or refuses when nothing changed. */
static bool commit_annotation(AnnotationSet *set, size_t index, Annotation *changed,
			      const char **why, char *description)
{
	if (annotation_equal(changed, &set->annotations[index])) {
		slot_free(CHANGE_ANNOTATION, changed);
		free(description);
		return refuse(set, why, "%s: nothing changes", set->annotations[index].id);
	}
	History *history = history_of(set);
	if (!history->step_open) {
		history->open = (HistoryStep){.description = description};
		history->step_open = true;
	} else {
		free(description); /* inside a group: the group's description stands */
	}
	replace_annotation(set, index, changed);
	end_step(set);
	return true;
}

/* The same for a change of one engine field (already made in `changed`). */
static bool commit_field(AnnotationSet *set, size_t index, Annotation *changed, unsigned field,
			 const char **why, char *description)
{
	const Annotation *current = &set->annotations[index];
	if (field_values_equal(annotation_field(changed, field), annotation_field(current, field))) {
		slot_free(CHANGE_ANNOTATION, changed);
		free(description);
		return refuse(set, why, "%s: nothing changes", current->id);
	}
	record_correction(changed, current, field);
	return commit_annotation(set, index, changed, why, description);
}

/* ------------------------------------------------------------------ statuses */

bool annotation_set_accept(AnnotationSet *set, size_t index, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	const Annotation *current = &set->annotations[index];
	if (current->status == STATUS_ADDED)
		return refuse(set, why, "%s was added by an analyst: there is nothing to accept",
			      current->id);
	/* A correction stays one (also a file's `corrected` without an `original`). */
	AnnotationStatus status = current->original || current->status == STATUS_CORRECTED
					  ? STATUS_CORRECTED
					  : STATUS_ACCEPTED;
	if (current->status == status)
		return refuse(set, why, "%s is already %s", current->id,
			      annotation_status_name(status));
	Annotation *changed = working_copy(set, index);
	changed->status = status;
	return commit_annotation(set, index, changed, why, xasprintf("accept %s", current->id));
}

bool annotation_set_reject(AnnotationSet *set, size_t index, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	const Annotation *current = &set->annotations[index];
	if (current->status == STATUS_ADDED)
		return refuse(set, why, "%s was added by an analyst: delete it instead of rejecting it",
			      current->id);
	if (current->status == STATUS_REJECTED)
		return refuse(set, why, "%s is already rejected", current->id);
	Annotation *changed = working_copy(set, index);
	changed->status = STATUS_REJECTED;
	return commit_annotation(set, index, changed, why, xasprintf("reject %s", current->id));
}

bool annotation_set_reset_status(AnnotationSet *set, size_t index, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	const Annotation *current = &set->annotations[index];
	if (current->status == STATUS_ADDED)
		return refuse(set, why, "%s was added by an analyst: it was never a candidate",
			      current->id);
	if (current->status == STATUS_CANDIDATE)
		return refuse(set, why, "%s is already a candidate", current->id);
	Annotation *changed = working_copy(set, index);
	changed->status = STATUS_CANDIDATE;
	return commit_annotation(set, index, changed, why,
				 xasprintf("reset %s to candidate", current->id));
}

/* ------------------------------------------------------------------ fields */

/* Replaces one span field of the working copy (NULL = absent); `keep_ref` for speaker spans,
 * the only ones that name a speaker. */
static void replace_span(Span *field, const Span *value, bool keep_ref)
{
	span_clear(field);
	if (!value)
		return;
	span_copy(field, value);
	if (!keep_ref) {
		free(field->ref);
		field->ref = NULL;
	}
}

/* What a mention's description says: its speaker id, else its text. */
static char *mention_name(const AnnotationSet *set, const Span *mention)
{
	if (mention->ref)
		return xstrdup(mention->ref);
	char *text = span_text(set->article, mention);
	char *quoted = xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", text);
	free(text);
	return quoted;
}

bool annotation_set_set_speaker(AnnotationSet *set, size_t index, const Span *mention,
				const char **why)
{
	if (mention && !mention->present)
		mention = NULL;
	if (!check_index(set, index, why) || (mention && !check_mention(set, mention, why)))
		return false;
	Annotation *changed = working_copy(set, index);
	replace_span(&changed->speaker, mention, true);
	const char *id = set->annotations[index].id;
	char *description;
	if (mention) {
		char *name = mention_name(set, mention);
		description = xasprintf("change speaker of %s to %s", id, name);
		free(name);
	} else {
		description = xasprintf("remove speaker of %s", id);
	}
	return commit_field(set, index, changed, FIELD_SPEAKER, why, description);
}

bool annotation_set_set_cue(AnnotationSet *set, size_t index, const Span *cue, const char **why)
{
	if (cue && !cue->present)
		cue = NULL;
	if (!check_index(set, index, why) || (cue && !check_span(set, cue, "cue", why)))
		return false;
	Annotation *changed = working_copy(set, index);
	replace_span(&changed->cue, cue, false);
	const char *id = set->annotations[index].id;
	return commit_field(set, index, changed, FIELD_CUE, why,
			    xasprintf(cue ? "change cue of %s" : "remove cue of %s", id));
}

bool annotation_set_set_claim(AnnotationSet *set, size_t index, const Span *claim, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	if (!claim)
		return refuse(set, why, "an annotation always has a claim");
	if (!check_span(set, claim, "claim", why))
		return false;
	Annotation *changed = working_copy(set, index);
	replace_span(&changed->claim, claim, false);
	return commit_field(set, index, changed, FIELD_CLAIM, why,
			    xasprintf("change claim of %s", set->annotations[index].id));
}

bool annotation_set_set_kind(AnnotationSet *set, size_t index, ClaimKind kind, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	if ((int)kind < 0 || kind >= KIND_COUNT)
		return refuse(set, why, "unknown kind %d", (int)kind);
	Annotation *changed = working_copy(set, index);
	changed->kind = kind;
	const char *id = set->annotations[index].id;
	char *description = kind == KIND_UNSET
				    ? xasprintf("remove kind of %s", id)
				    : xasprintf("change kind of %s to %s", id, claim_kind_name(kind));
	return commit_field(set, index, changed, FIELD_KIND, why, description);
}

bool annotation_set_set_label(AnnotationSet *set, size_t index, const char *label, const char **why)
{
	if (!check_index(set, index, why) || !check_label(set, label, why))
		return false;
	Annotation *changed = working_copy(set, index);
	free(changed->label);
	changed->label = xstrdup(label);
	const char *id = set->annotations[index].id;
	char *description = label ? xasprintf("change label of %s to %s", id, label)
				  : xasprintf("remove label of %s", id);
	return commit_field(set, index, changed, FIELD_LABEL, why, description);
}

bool annotation_set_set_note(AnnotationSet *set, size_t index, const char *note, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	/* A note is the analyst's own: it is not an engine field and changes no status. */
	Annotation *changed = working_copy(set, index);
	free(changed->note);
	changed->note = xstrdup(note);
	const char *id = set->annotations[index].id;
	return commit_annotation(set, index, changed, why,
				 xasprintf(note ? "edit note of %s" : "remove note of %s", id));
}

/* ------------------------------------------------------------------ add, delete */

/* Where an annotation goes to keep the array in position order (after equal positions). */
static size_t insertion_index(const AnnotationSet *set, const Annotation *annotation)
{
	size_t index = set->annotation_count;
	while (index > 0) {
		const Span *claim = &set->annotations[index - 1].claim;
		if (claim->start < annotation->claim.start ||
		    (claim->start == annotation->claim.start && claim->end <= annotation->claim.end))
			break;
		index--;
	}
	return index;
}

size_t annotation_set_add(AnnotationSet *set, const Annotation *annotation, const char **why)
{
	const size_t refused = (size_t)-1;
	if (!check_span(set, &annotation->claim, "claim", why) ||
	    (annotation->speaker.present && !check_mention(set, &annotation->speaker, why)) ||
	    (annotation->cue.present && !check_span(set, &annotation->cue, "cue", why)) ||
	    !check_label(set, annotation->label, why))
		return refused;
	if ((int)annotation->kind < 0 || annotation->kind >= KIND_COUNT) {
		refuse(set, why, "unknown kind %d", (int)annotation->kind);
		return refused;
	}
	if (annotation->has_confidence &&
	    !(annotation->confidence >= 0.0 && annotation->confidence <= 1.0)) {
		refuse(set, why, "a confidence is between 0 and 1");
		return refused;
	}
	if (annotation->id && annotation_set_annotation_index(set, annotation->id) != refused) {
		refuse(set, why, "there is already an annotation %s", annotation->id);
		return refused;
	}
	Annotation *added = slot_copy(CHANGE_ANNOTATION, annotation);
	added->status = STATUS_ADDED;
	if (added->original) { /* the analyst's own annotation has no engine values */
		AnnotationOriginal *original = added->original;
		for (unsigned field = FIELD_SPEAKER; field <= FIELD_LABEL; field <<= 1)
			original_drop_field(original, field);
		extra_fields_clear(&original->extras);
		free(original);
		added->original = NULL;
	}
	if (!added->id || !added->id[0]) {
		free(added->id);
		added->id = annotation_set_new_annotation_id(set);
	}
	free(added->cue.ref); /* only speaker spans name a speaker */
	free(added->claim.ref);
	added->cue.ref = added->claim.ref = NULL;
	size_t index = insertion_index(set, added);
	begin_step(set, "add %s", added->id);
	record(set, CHANGE_ANNOTATION, index, NULL, added);
	end_step(set);
	return index;
}

bool annotation_set_delete(AnnotationSet *set, size_t index, const char **why)
{
	if (!check_index(set, index, why))
		return false;
	const Annotation *current = &set->annotations[index];
	if (current->status != STATUS_ADDED)
		return refuse(set, why, "%s was proposed by the engine: reject it instead of deleting it",
			      current->id);
	begin_step(set, "delete %s", current->id);
	record(set, CHANGE_ANNOTATION, index, slot_copy(CHANGE_ANNOTATION, current), NULL);
	end_step(set);
	return true;
}

/* ------------------------------------------------------------------ labels */

/* Whether any annotation (its original and the optional ones included) uses `label`. */
static const char *label_user(const AnnotationSet *set, const char *label)
{
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *a = &set->annotations[i];
		if ((a->label && strcmp(a->label, label) == 0) ||
		    (a->original && a->original->label && strcmp(a->original->label, label) == 0))
			return a->id;
	}
	for (size_t i = 0; i < set->optional_count; i++)
		if (set->optional[i].label && strcmp(set->optional[i].label, label) == 0)
			return set->optional[i].id;
	return NULL;
}

bool annotation_set_change_labels(AnnotationSet *set, const char *const *labels, size_t count,
				  const char **why)
{
	for (size_t i = 0; i < count; i++) {
		if (!labels[i] || !labels[i][0])
			return refuse(set, why, "a label cannot be empty");
		for (size_t j = 0; j < i; j++)
			if (strcmp(labels[i], labels[j]) == 0)
				return refuse(set, why, "label '%s' is listed twice", labels[i]);
	}
	for (size_t i = 0; i < set->label_count; i++) {
		bool kept = false;
		for (size_t j = 0; j < count && !kept; j++)
			kept = strcmp(set->labels[i], labels[j]) == 0;
		const char *user = kept ? NULL : label_user(set, set->labels[i]);
		if (user)
			return refuse(set, why, "label '%s' is used by %s", set->labels[i], user);
	}
	LabelList *before = history_label_list_of_set(set);
	LabelList *after = xcalloc(1, sizeof *after);
	after->present = true;
	after->count = count;
	after->items = xcalloc(count + 1, sizeof *after->items);
	for (size_t i = 0; i < count; i++)
		after->items[i] = xstrdup(labels[i]);
	if (before->present && before->count == count) {
		bool same = true;
		for (size_t i = 0; i < count && same; i++)
			same = strcmp(before->items[i], labels[i]) == 0;
		if (same) {
			label_list_free(before);
			label_list_free(after);
			return refuse(set, why, "the labels are already these");
		}
	}
	begin_step(set, "change labels");
	record(set, CHANGE_LABELS, 0, before, after);
	end_step(set);
	return true;
}

/* ------------------------------------------------------------------ speakers */

size_t annotation_set_add_speaker(AnnotationSet *set, const char *name, SpeakerType type,
				  const char **why)
{
	if (!name || !name[0]) {
		refuse(set, why, "a speaker needs a name");
		return (size_t)-1;
	}
	if ((int)type < 0 || type >= SPEAKER_TYPE_COUNT) {
		refuse(set, why, "unknown speaker type %d", (int)type);
		return (size_t)-1;
	}
	Speaker *speaker = xcalloc(1, sizeof *speaker);
	speaker->id = annotation_set_new_speaker_id(set, name);
	speaker->name = xstrdup(name);
	speaker->type = type;
	size_t index = set->speaker_count;
	begin_step(set, "add speaker %s", speaker->id);
	record(set, CHANGE_SPEAKER, index, NULL, speaker);
	end_step(set);
	return index;
}

bool annotation_set_rename_speaker(AnnotationSet *set, size_t index, const char *name,
				   const char **why)
{
	if (!check_speaker_index(set, index, why))
		return false;
	if (!name || !name[0])
		return refuse(set, why, "a speaker needs a name");
	const Speaker *current = &set->speakers[index];
	if (current->name && strcmp(current->name, name) == 0)
		return refuse(set, why, "%s is already called %s", current->id, name);
	/* The id stays: annotations and `original` records point at it. */
	Speaker *changed = slot_copy(CHANGE_SPEAKER, current);
	free(changed->name);
	changed->name = xstrdup(name);
	begin_step(set, "rename speaker %s to \xe2\x80\x9c%s\xe2\x80\x9d", current->id, name);
	replace_speaker(set, index, changed);
	end_step(set);
	return true;
}

bool annotation_set_retype_speaker(AnnotationSet *set, size_t index, SpeakerType type,
				   const char **why)
{
	if (!check_speaker_index(set, index, why))
		return false;
	if ((int)type < 0 || type >= SPEAKER_TYPE_COUNT)
		return refuse(set, why, "unknown speaker type %d", (int)type);
	const Speaker *current = &set->speakers[index];
	if (current->type == type)
		return refuse(set, why, "%s is already of that type", current->id);
	Speaker *changed = slot_copy(CHANGE_SPEAKER, current);
	changed->type = type;
	if (type == SPEAKER_UNSET)
		begin_step(set, "remove type of speaker %s", current->id);
	else
		begin_step(set, "change type of speaker %s to %s", current->id, speaker_type_name(type));
	replace_speaker(set, index, changed);
	end_step(set);
	return true;
}

static bool span_refers_to(const Span *span, const char *id)
{
	return span->present && span->ref && strcmp(span->ref, id) == 0;
}

/* Whether a record the merge does not rewrite still names speaker `id`: an engine proposal in
 * `original`, or an optional annotation of a gold file. */
static bool speaker_still_recorded(const AnnotationSet *set, const char *id)
{
	for (size_t i = 0; i < set->annotation_count; i++) {
		const AnnotationOriginal *original = set->annotations[i].original;
		if (original && (original->fields & FIELD_SPEAKER) &&
		    span_refers_to(&original->speaker, id))
			return true;
	}
	for (size_t i = 0; i < set->optional_count; i++)
		if (span_refers_to(&set->optional[i].speaker, id))
			return true;
	return false;
}

bool annotation_set_merge_speakers(AnnotationSet *set, size_t from, size_t into, const char **why)
{
	if (!check_speaker_index(set, from, why) || !check_speaker_index(set, into, why))
		return false;
	if (from == into)
		return refuse(set, why, "a speaker cannot be merged into itself");
	char *from_id = xstrdup(set->speakers[from].id);
	char *into_id = xstrdup(set->speakers[into].id);
	char description[512];
	snprintf(description, sizeof description, "merge speaker %s into %s", from_id, into_id);
	history_group_begin(set, description);
	size_t changes_before = set->history->open.change_count;
	/* As set_speaker does, without re-checking the mention spans: every one moves, even one
	 * a file brought that an analyst could not set (so that no ref is left dangling). */
	for (size_t i = 0; i < set->annotation_count; i++) {
		if (!span_refers_to(&set->annotations[i].speaker, from_id))
			continue;
		Annotation *changed = working_copy(set, i);
		free(changed->speaker.ref);
		changed->speaker.ref = xstrdup(into_id);
		commit_field(set, i, changed, FIELD_SPEAKER, NULL, xstrdup(description));
	}
	/* The entry goes, unless an engine proposal (`original`) or an optional annotation still
	 * names it: every ref in a file must name a speaker, and those records are not rewritten. */
	size_t from_index = annotation_set_speaker_index(set, from_id);
	if (!speaker_still_recorded(set, from_id))
		record(set, CHANGE_SPEAKER, from_index,
		       slot_copy(CHANGE_SPEAKER, &set->speakers[from_index]), NULL);
	bool changed = set->history->open.change_count > changes_before;
	history_group_end(set);
	if (!changed)
		refuse(set, why, "%s has no mentions to move, and engine proposals still name it",
		       from_id);
	free(from_id);
	free(into_id);
	return changed;
}

/* ------------------------------------------------------------------ undo, redo, replay */

const char *history_undo(AnnotationSet *set)
{
	History *history = set->history;
	if (!history || history->group_depth > 0 || history->undo.count == 0)
		return NULL;
	HistoryStep step = history->undo.items[--history->undo.count];
	for (size_t k = step.change_count; k-- > 0;)
		apply_change(set, &step.changes[k], false);
	stack_push(&history->redo, step);
	const HistoryStep *undone = &history->redo.items[history->redo.count - 1];
	notify(set, undone, -1);
	return undone->description;
}

const char *history_redo(AnnotationSet *set)
{
	History *history = set->history;
	if (!history || history->group_depth > 0 || history->redo.count == 0)
		return NULL;
	HistoryStep step = history->redo.items[--history->redo.count];
	for (size_t k = 0; k < step.change_count; k++)
		apply_change(set, &step.changes[k], true);
	stack_push(&history->undo, step);
	const HistoryStep *redone = &history->undo.items[history->undo.count - 1];
	notify(set, redone, +1);
	return redone->description;
}

size_t history_undo_depth(const AnnotationSet *set)
{
	return set->history ? set->history->undo.count : 0;
}

size_t history_redo_depth(const AnnotationSet *set)
{
	return set->history ? set->history->redo.count : 0;
}

static unsigned long current_state(const History *history)
{
	return history->undo.count ? history->undo.items[history->undo.count - 1].serial : 0;
}

bool history_is_modified(const AnnotationSet *set)
{
	return set->history && current_state(set->history) != set->history->saved_serial;
}

void history_mark_saved(AnnotationSet *set)
{
	History *history = history_of(set);
	history->saved_serial = current_state(history);
}

bool history_apply_step(AnnotationSet *set, const HistoryStep *step)
{
	History *history = history_of(set);
	if (history->group_depth > 0 || !step || step->change_count == 0)
		return false;
	HistoryStep copy;
	history_step_copy(&copy, step);
	if (!copy.description)
		copy.description = xstrdup("edit");
	/* Change by change; on one that does not fit, roll back what was done. */
	for (size_t k = 0; k < copy.change_count; k++) {
		const Change *change = &copy.changes[k];
		if (change->target > CHANGE_LABELS || !change_fits(set, change, true)) {
			while (k-- > 0)
				apply_change(set, &copy.changes[k], false);
			history_step_clear(&copy);
			return false;
		}
		apply_change(set, change, true);
	}
	push_done_step(set, copy);
	return true;
}

void history_free(History *history)
{
	if (!history)
		return;
	stack_clear(&history->undo);
	stack_clear(&history->redo);
	free(history->undo.items);
	free(history->redo.items);
	history_step_clear(&history->open);
	free(history);
}
