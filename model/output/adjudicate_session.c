/* Adjudication against a live merged set (see adjudicate_session.h). */
#include "model/output/adjudicate_session.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_claim(const Annotation *a, const Annotation *b)
{
	return a->claim.start == b->claim.start && a->claim.end == b->claim.end;
}

AnnotationSet *adjudication_start_merged(const Adjudication *adj, const char *annotator, char ***merged_ids,
					 Diagnostics *diag)
{
	/* adjudication_build warns that the disagreements are left out: that is the point here. */
	Diagnostics build_diag = {0};
	AnnotationSet *merged = adjudication_build(adj, annotator, true, &build_diag);
	for (size_t i = 0; i < build_diag.count; i++)
		if (build_diag.items[i].severity == DIAG_ERROR)
			diagnostics_add(diag, DIAG_ERROR, build_diag.items[i].file, build_diag.items[i].line,
					build_diag.items[i].column, "%s", build_diag.items[i].message);
	diagnostics_free(&build_diag);
	if (!merged)
		return NULL;
	char **ids = xcalloc(adj->item_count + 1, sizeof(char *));
	bool *taken = xcalloc(merged->annotation_count + 1, sizeof(bool));
	for (size_t i = 0; i < adj->item_count; i++) {
		size_t source;
		Annotation *a = adjudication_resolve(adj, i, &source);
		if (!a)
			continue;
		/* The build keeps an id unless it clashes, so the same id and claim first, then the claim. */
		size_t found = SIZE_MAX;
		for (int pass = 0; pass < 2 && found == SIZE_MAX; pass++)
			for (size_t j = 0; j < merged->annotation_count && found == SIZE_MAX; j++) {
				const Annotation *m = &merged->annotations[j];
				if (!taken[j] && same_claim(m, a) && m->status == a->status &&
				    (pass == 1 || same_name(m->id, a->id)))
					found = j;
			}
		if (found != SIZE_MAX) {
			taken[found] = true;
			ids[i] = xstrdup(merged->annotations[found].id);
		}
		annotation_clear(a);
		free(a);
	}
	free(taken);
	*merged_ids = ids;
	return merged;
}

static Annotation *annotation_dup(const Annotation *a)
{
	Annotation *copy = xcalloc(1, sizeof *copy);
	annotation_copy(copy, a);
	return copy;
}

/* The merged set's id for speaker `ref` of `from`; *insert gets a new entry to add when there is
 * none to reuse. */
static char *speaker_in_merged(const AnnotationSet *merged, const AnnotationSet *from, const char *ref,
			       Speaker **insert)
{
	*insert = NULL;
	const Speaker *speaker = annotation_set_find_speaker(from, ref);
	if (!speaker)
		return xstrdup(ref);
	const Speaker *existing = annotation_set_find_speaker(merged, ref);
	if (existing && same_name(existing->name, speaker->name))
		return xstrdup(ref);
	for (size_t i = 0; i < merged->speaker_count; i++)
		if (same_name(merged->speakers[i].name, speaker->name) && merged->speakers[i].type == speaker->type)
			return xstrdup(merged->speakers[i].id);
	Speaker *copy = xcalloc(1, sizeof *copy);
	speaker_copy(copy, speaker);
	if (existing) {
		free(copy->id);
		copy->id = annotation_set_new_speaker_id(merged, speaker->name ? speaker->name : ref);
	}
	*insert = copy;
	return xstrdup(copy->id);
}

/* Where `a` goes in position order (claim start, then end) among the annotations but `skip`. */
static size_t position_in(const AnnotationSet *merged, const Annotation *a, size_t skip)
{
	size_t index = 0;
	for (size_t j = 0; j < merged->annotation_count; j++) {
		if (j == skip)
			continue;
		const Span *claim = &merged->annotations[j].claim;
		if (claim->start < a->claim.start || (claim->start == a->claim.start && claim->end <= a->claim.end))
			index++;
	}
	return index;
}

bool adjudication_merge_step(const Adjudication *adj, size_t item, const AnnotationSet *merged,
			     const char *current_id, const char *description, HistoryStep *step, char **new_id)
{
	size_t source = 0;
	Annotation *a = adjudication_resolve(adj, item, &source);
	size_t current = current_id ? annotation_set_annotation_index(merged, current_id) : SIZE_MAX;
	if (!a && current == SIZE_MAX)
		return false;
	*step = (HistoryStep){.description = xstrdup(description ? description : "adjudicate")};
	Speaker *insert = NULL;
	if (a && a->speaker.present && a->speaker.ref) {
		char *id = speaker_in_merged(merged, adj->sets[source], a->speaker.ref, &insert);
		free(a->speaker.ref);
		a->speaker.ref = id;
	}
	if (a && (!a->id || (annotation_set_annotation_index(merged, a->id) != SIZE_MAX &&
			     annotation_set_annotation_index(merged, a->id) != current))) {
		free(a->id);
		a->id = annotation_set_new_annotation_id(merged);
	}
	if (a && current != SIZE_MAX && !insert && annotation_equal(a, &merged->annotations[current])) {
		annotation_clear(a);
		free(a);
		history_step_clear(step);
		return false;
	}
	if (insert)
		history_step_add_change(step, CHANGE_SPEAKER, merged->speaker_count, NULL, insert);
	size_t target = a ? position_in(merged, a, current) : SIZE_MAX;
	if (a && current != SIZE_MAX && target == current) {
		history_step_add_change(step, CHANGE_ANNOTATION, current, annotation_dup(&merged->annotations[current]), a);
	} else {
		if (current != SIZE_MAX)
			history_step_add_change(step, CHANGE_ANNOTATION, current, annotation_dup(&merged->annotations[current]), NULL);
		if (a)
			history_step_add_change(step, CHANGE_ANNOTATION, target, NULL, a);
	}
	*new_id = a ? xstrdup(a->id) : NULL;
	return true;
}

void adjudication_decision_step(const AnnotationSet *merged, const char *description, HistoryStep *step)
{
	*step = (HistoryStep){.description = xstrdup(description ? description : "adjudicate")};
	history_step_add_change(step, CHANGE_LABELS, 0, history_label_list_of_set(merged), history_label_list_of_set(merged));
}
