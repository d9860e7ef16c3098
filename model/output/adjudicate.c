/* Adjudication: alignment of annotators' versions and the merged set. */
#include "model/output/adjudicate.h"

#include <stdlib.h>
#include <string.h>

#include "model/output/score.h"

static bool is_engine(const Annotation *a)
{
	return a->status != STATUS_ADDED;
}

static bool is_kept(const Annotation *a)
{
	return a->status != STATUS_REJECTED;
}

static AdjudicationItem *add_item(Adjudication *adj)
{
	adj->items = xrealloc(adj->items, (adj->item_count + 1) * sizeof(AdjudicationItem));
	AdjudicationItem *item = &adj->items[adj->item_count++];
	*item = (AdjudicationItem){0};
	item->versions = xmalloc(adj->set_count * sizeof(size_t));
	for (size_t k = 0; k < adj->set_count; k++)
		item->versions[k] = ADJUDICATE_NONE;
	return item;
}

/* The item a version of annotator k joins: the same engine candidate by id, else the kept claim
 * it overlaps most (by the evaluation's rule) among items k is not in yet. */
static size_t find_item(const Adjudication *adj, size_t k, const Annotation *a)
{
	if (is_engine(a) && a->id)
		for (size_t i = 0; i < adj->item_count; i++) {
			if (adj->items[i].versions[k] != ADJUDICATE_NONE)
				continue;
			for (size_t j = 0; j < k; j++) {
				size_t v = adj->items[i].versions[j];
				const Annotation *other = v == ADJUDICATE_NONE ? NULL : &adj->sets[j]->annotations[v];
				if (other && is_engine(other) && other->id && strcmp(other->id, a->id) == 0)
					return i;
			}
		}
	if (!is_kept(a))
		return ADJUDICATE_NONE;
	size_t best = ADJUDICATE_NONE;
	double best_iou = 0;
	for (size_t i = 0; i < adj->item_count; i++) {
		if (adj->items[i].versions[k] != ADJUDICATE_NONE)
			continue;
		for (size_t j = 0; j < k; j++) {
			size_t v = adj->items[i].versions[j];
			if (v == ADJUDICATE_NONE || !is_kept(&adj->sets[j]->annotations[v]))
				continue;
			double iou;
			if (score_claims_overlap(adj->sets[k], a, adj->sets[j], &adj->sets[j]->annotations[v], &iou) &&
			    iou > best_iou) {
				best = i;
				best_iou = iou;
			}
		}
	}
	return best;
}

static bool same_span(const Span *a, const Span *b)
{
	if (a->present != b->present)
		return false;
	if (!a->present)
		return true;
	if (a->start != b->start || a->end != b->end || a->part_count != b->part_count)
		return false;
	for (size_t i = 0; i < a->part_count; i++)
		if (a->parts[i].start != b->parts[i].start || a->parts[i].end != b->parts[i].end)
			return false;
	return true;
}

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static unsigned differences_of(const Adjudication *adj, const AdjudicationItem *item)
{
	unsigned diff = 0;
	const Annotation *first = NULL;
	size_t first_set = 0;
	bool any_missing = false;
	for (size_t k = 0; k < adj->set_count; k++) {
		size_t v = item->versions[k];
		const Annotation *a = v == ADJUDICATE_NONE ? NULL : &adj->sets[k]->annotations[v];
		if (!a || !is_kept(a)) {
			any_missing = true;
			continue;
		}
		if (!first) {
			first = a;
			first_set = k;
			continue;
		}
		if (!same_span(&first->claim, &a->claim))
			diff |= ADJ_DIFF_CLAIM;
		char *n1 = annotation_speaker_name(adj->sets[first_set], first);
		char *n2 = annotation_speaker_name(adj->sets[k], a);
		if (!same_span(&first->speaker, &a->speaker) || !same_string(n1, n2))
			diff |= ADJ_DIFF_SPEAKER;
		free(n1);
		free(n2);
		if (!same_span(&first->cue, &a->cue))
			diff |= ADJ_DIFF_CUE;
		if (first->kind != a->kind)
			diff |= ADJ_DIFF_KIND;
		if (!same_string(first->label, a->label))
			diff |= ADJ_DIFF_LABEL;
	}
	/* all rejected (or all absent) is agreement; kept by some only is not */
	if (first && any_missing)
		diff |= ADJ_DIFF_PRESENCE;
	return diff;
}

static void compute_extent(const Adjudication *adj, AdjudicationItem *item)
{
	bool any = false;
	for (size_t k = 0; k < adj->set_count; k++) {
		size_t v = item->versions[k];
		if (v == ADJUDICATE_NONE)
			continue;
		const Span *claim = &adj->sets[k]->annotations[v].claim;
		if (!any || claim->start < item->extent.start)
			item->extent.start = claim->start;
		if (!any || claim->end > item->extent.end)
			item->extent.end = claim->end;
		any = true;
	}
}

static int compare_items(const void *x, const void *y)
{
	const AdjudicationItem *a = x, *b = y;
	if (a->extent.start != b->extent.start)
		return a->extent.start < b->extent.start ? -1 : 1;
	return (a->extent.end > b->extent.end) - (a->extent.end < b->extent.end);
}

Adjudication *adjudication_new(const AnnotationSet *const *sets, size_t count, Diagnostics *diag)
{
	if (count < 2) {
		diagnostics_add(diag, DIAG_ERROR, NULL, 0, 0, "adjudication needs at least two files");
		return NULL;
	}
	for (size_t k = 1; k < count; k++)
		if (strcmp(article_sha256(sets[k]->article), article_sha256(sets[0]->article)) != 0) {
			diagnostics_add(diag, DIAG_ERROR, sets[k]->file_path, 0, 0,
					"its article differs from that of %s: not the same document",
					sets[0]->file_path ? sets[0]->file_path : "the first file");
			return NULL;
		}
	Adjudication *adj = xcalloc(1, sizeof *adj);
	adj->sets = sets;
	adj->set_count = count;
	adj->annotators = xcalloc(count, sizeof(char *));
	for (size_t k = 0; k < count; k++) {
		char letter[8] = {(char)('A' + k % 26), '\0'};
		adj->annotators[k] = xstrdup(sets[k]->annotator ? sets[k]->annotator : letter);
	}
	for (size_t k = 0; k < count; k++) {
		size_t *order = annotation_set_position_order(sets[k]);
		for (size_t n = 0; n < sets[k]->annotation_count; n++) {
			const Annotation *a = &sets[k]->annotations[order[n]];
			if (!a->claim.present)
				continue;
			size_t i = find_item(adj, k, a);
			AdjudicationItem *item = i == ADJUDICATE_NONE ? add_item(adj) : &adj->items[i];
			item->versions[k] = order[n];
		}
		free(order);
	}
	for (size_t i = 0; i < adj->item_count; i++) {
		adj->items[i].differences = differences_of(adj, &adj->items[i]);
		compute_extent(adj, &adj->items[i]);
	}
	qsort(adj->items, adj->item_count, sizeof(AdjudicationItem), compare_items);
	return adj;
}

void adjudication_choice_clear(AdjudicationChoice *choice)
{
	if (choice->custom) {
		annotation_clear(choice->custom);
		free(choice->custom);
	}
	*choice = (AdjudicationChoice){0};
}

void adjudication_choice_copy(AdjudicationChoice *dst, const AdjudicationChoice *src)
{
	*dst = *src;
	if (src->custom) {
		dst->custom = xcalloc(1, sizeof(Annotation));
		annotation_copy(dst->custom, src->custom);
	}
}

void adjudication_free(Adjudication *adj)
{
	if (!adj)
		return;
	for (size_t i = 0; i < adj->item_count; i++) {
		free(adj->items[i].versions);
		adjudication_choice_clear(&adj->items[i].choice);
	}
	for (size_t k = 0; k < adj->set_count; k++)
		free(adj->annotators[k]);
	free(adj->annotators);
	free(adj->items);
	free(adj);
}

bool adjudication_item_agreed(const AdjudicationItem *item)
{
	return item->differences == 0;
}

size_t adjudication_disagreement_count(const Adjudication *adj)
{
	size_t n = 0;
	for (size_t i = 0; i < adj->item_count; i++)
		n += !adjudication_item_agreed(&adj->items[i]);
	return n;
}

size_t adjudication_unresolved_count(const Adjudication *adj)
{
	size_t n = 0;
	for (size_t i = 0; i < adj->item_count; i++)
		n += !adjudication_item_agreed(&adj->items[i]) &&
		     adj->items[i].choice.kind == ADJ_CHOICE_UNRESOLVED;
	return n;
}

size_t adjudication_next_disagreement(const Adjudication *adj, size_t from, int direction,
				      bool include_resolved)
{
	size_t n = adj->item_count;
	if (!n)
		return ADJUDICATE_NONE;
	size_t i = from == ADJUDICATE_NONE ? (direction > 0 ? 0 : n - 1)
					   : (direction > 0 ? from + 1 : from - 1);
	for (; i < n; i = direction > 0 ? i + 1 : i - 1) /* i wraps past 0 to SIZE_MAX: ends */
		if (!adjudication_item_agreed(&adj->items[i]) &&
		    (include_resolved || adj->items[i].choice.kind == ADJ_CHOICE_UNRESOLVED))
			return i;
	return ADJUDICATE_NONE;
}

size_t adjudication_item_at(const Adjudication *adj, size_t byte)
{
	for (size_t i = 0; i < adj->item_count; i++)
		if (adj->items[i].extent.start <= byte && byte < adj->items[i].extent.end)
			return i;
	return ADJUDICATE_NONE;
}

const Annotation *adjudication_version(const Adjudication *adj, size_t item, size_t annotator)
{
	if (item >= adj->item_count || annotator >= adj->set_count)
		return NULL;
	size_t v = adj->items[item].versions[annotator];
	return v == ADJUDICATE_NONE ? NULL : &adj->sets[annotator]->annotations[v];
}

char *adjudication_describe_version(const Adjudication *adj, size_t item, size_t annotator)
{
	const Annotation *a = adjudication_version(adj, item, annotator);
	if (!a)
		return xstrdup("(no such claim)");
	char *speaker = annotation_speaker_name(adj->sets[annotator], a);
	char *cue = a->cue.present ? span_text(adj->sets[annotator]->article, &a->cue) : NULL;
	const char *kind = claim_kind_name(a->kind);
	size_t size = (speaker ? strlen(speaker) : 12) + (cue ? strlen(cue) : 8) + (a->label ? strlen(a->label) : 8) + 64;
	char *text = xmalloc(size);
	snprintf(text, size, "%s · %s · %s · %s · %s", speaker ? speaker : "(no speaker)", cue ? cue : "(no cue)",
		 kind ? kind : "(no kind)", a->label ? a->label : "(no label)", annotation_status_name(a->status));
	free(speaker);
	free(cue);
	return text;
}

static bool check_item(const Adjudication *adj, size_t item, const char **why)
{
	if (item >= adj->item_count) {
		if (why)
			*why = "no such item";
		return false;
	}
	return true;
}

static bool check_version(const Adjudication *adj, size_t item, size_t annotator, const char **why)
{
	if (annotator >= adj->set_count) {
		if (why)
			*why = "no such annotator";
		return false;
	}
	if (!adjudication_version(adj, item, annotator)) {
		if (why)
			*why = "this annotator has no version of the claim";
		return false;
	}
	return true;
}

static void set_choice(Adjudication *adj, size_t item, AdjudicationChoice choice)
{
	adjudication_choice_clear(&adj->items[item].choice);
	adj->items[item].choice = choice;
}

bool adjudication_choose_version(Adjudication *adj, size_t item, size_t annotator, const char **why)
{
	if (!check_item(adj, item, why) || !check_version(adj, item, annotator, why))
		return false;
	set_choice(adj, item, (AdjudicationChoice){.kind = ADJ_CHOICE_VERSION, .annotator = annotator});
	return true;
}

bool adjudication_choose_none(Adjudication *adj, size_t item, const char **why)
{
	if (!check_item(adj, item, why))
		return false;
	set_choice(adj, item, (AdjudicationChoice){.kind = ADJ_CHOICE_NONE});
	return true;
}

bool adjudication_choose_fields(Adjudication *adj, size_t item, const size_t fields[ADJ_FIELD_COUNT],
				const char **why)
{
	if (!check_item(adj, item, why))
		return false;
	for (int f = 0; f < ADJ_FIELD_COUNT; f++)
		if (!check_version(adj, item, fields[f], why))
			return false;
	AdjudicationChoice choice = {.kind = ADJ_CHOICE_FIELDS, .annotator = fields[ADJ_FIELD_SPEAKER]};
	memcpy(choice.fields, fields, sizeof choice.fields);
	set_choice(adj, item, choice);
	return true;
}

bool adjudication_choose_custom(Adjudication *adj, size_t item, const Annotation *annotation,
				size_t speaker_source, const char **why)
{
	if (!check_item(adj, item, why))
		return false;
	if (speaker_source >= adj->set_count ||
	    (annotation->speaker.ref && !annotation_set_find_speaker(adj->sets[speaker_source], annotation->speaker.ref))) {
		if (why)
			*why = "the speaker is not one of that annotator's speakers";
		return false;
	}
	if (!annotation->claim.present) {
		if (why)
			*why = "an annotation needs a claim";
		return false;
	}
	AdjudicationChoice choice = {.kind = ADJ_CHOICE_CUSTOM, .annotator = speaker_source};
	choice.custom = xcalloc(1, sizeof(Annotation));
	annotation_copy(choice.custom, annotation);
	set_choice(adj, item, choice);
	return true;
}

void adjudication_unchoose(Adjudication *adj, size_t item)
{
	if (item < adj->item_count)
		set_choice(adj, item, (AdjudicationChoice){0});
}

void adjudication_restore_choice(Adjudication *adj, size_t item, AdjudicationChoice *choice)
{
	if (item < adj->item_count)
		set_choice(adj, item, *choice);
	else
		adjudication_choice_clear(choice);
	*choice = (AdjudicationChoice){0};
}

static Annotation *copy_of(const Annotation *a)
{
	Annotation *copy = xcalloc(1, sizeof *copy);
	annotation_copy(copy, a);
	return copy;
}

/* An agreed item's version: the first annotator's (every annotator has the same). */
static size_t first_version(const Adjudication *adj, const AdjudicationItem *item)
{
	for (size_t k = 0; k < adj->set_count; k++)
		if (item->versions[k] != ADJUDICATE_NONE)
			return k;
	return ADJUDICATE_NONE;
}

Annotation *adjudication_resolve(const Adjudication *adj, size_t index, size_t *speaker_source)
{
	if (index >= adj->item_count)
		return NULL;
	const AdjudicationItem *item = &adj->items[index];
	const AdjudicationChoice *choice = &item->choice;
	*speaker_source = 0;
	switch (choice->kind) {
	case ADJ_CHOICE_UNRESOLVED: {
		if (!adjudication_item_agreed(item))
			return NULL;
		size_t k = first_version(adj, item);
		if (k == ADJUDICATE_NONE)
			return NULL;
		*speaker_source = k;
		return copy_of(adjudication_version(adj, index, k));
	}
	case ADJ_CHOICE_VERSION:
		*speaker_source = choice->annotator;
		return copy_of(adjudication_version(adj, index, choice->annotator));
	case ADJ_CHOICE_NONE:
		return NULL;
	case ADJ_CHOICE_CUSTOM:
		*speaker_source = choice->annotator;
		return copy_of(choice->custom);
	case ADJ_CHOICE_FIELDS: {
		const Annotation *base = adjudication_version(adj, index, choice->fields[ADJ_FIELD_CLAIM]);
		Annotation *merged = copy_of(base);
		const Annotation *speaker = adjudication_version(adj, index, choice->fields[ADJ_FIELD_SPEAKER]);
		const Annotation *cue = adjudication_version(adj, index, choice->fields[ADJ_FIELD_CUE]);
		span_clear(&merged->speaker);
		span_copy(&merged->speaker, &speaker->speaker);
		span_clear(&merged->cue);
		span_copy(&merged->cue, &cue->cue);
		merged->kind = adjudication_version(adj, index, choice->fields[ADJ_FIELD_KIND])->kind;
		free(merged->label);
		merged->label = xstrdup(adjudication_version(adj, index, choice->fields[ADJ_FIELD_LABEL])->label);
		*speaker_source = choice->fields[ADJ_FIELD_SPEAKER];
		/* a merge of reviewed versions is reviewed: an engine annotation that now differs from
		 * the claim's version is a correction */
		if (merged->status == STATUS_CANDIDATE || merged->status == STATUS_REJECTED ||
		    (merged->status == STATUS_ACCEPTED && !annotation_equal(merged, base)))
			merged->status = STATUS_CORRECTED;
		return merged;
	}
	}
	return NULL;
}

/* The merged set's id for speaker `ref` of sets[k]: the same id when free or naming the same
 * speaker, else a new one. Copies the speaker in on first use. */
static char *merged_speaker(AnnotationSet *merged, const AnnotationSet *from, const char *ref)
{
	const Speaker *speaker = annotation_set_find_speaker(from, ref);
	if (!speaker)
		return NULL;
	const Speaker *existing = annotation_set_find_speaker(merged, ref);
	if (existing && same_string(existing->name, speaker->name))
		return xstrdup(ref);
	for (size_t i = 0; i < merged->speaker_count; i++)
		if (same_string(merged->speakers[i].name, speaker->name) && merged->speakers[i].type == speaker->type)
			return xstrdup(merged->speakers[i].id);
	Speaker copy;
	speaker_copy(&copy, speaker);
	if (existing) {
		free(copy.id);
		copy.id = annotation_set_new_speaker_id(merged, speaker->name ? speaker->name : ref);
	}
	annotation_set_append_speaker(merged, &copy);
	char *id = xstrdup(copy.id);
	speaker_clear(&copy);
	return id;
}

/* labels := labels + the set's new ones (copied first: set_labels replaces the old strings) */
static void add_labels(AnnotationSet *merged, const AnnotationSet *set)
{
	if (!set->has_labels)
		return;
	size_t count = 0;
	char **labels = xcalloc(merged->label_count + set->label_count + 1, sizeof(char *));
	for (size_t i = 0; i < merged->label_count; i++)
		labels[count++] = xstrdup(merged->labels[i]);
	for (size_t i = 0; i < set->label_count; i++)
		if (!annotation_set_has_label(merged, set->labels[i]))
			labels[count++] = xstrdup(set->labels[i]);
	annotation_set_set_labels(merged, (const char *const *)labels, count);
	for (size_t i = 0; i < count; i++)
		free(labels[i]);
	free(labels);
}

AnnotationSet *adjudication_build(const Adjudication *adj, const char *annotator, bool leave_out_unresolved,
				  Diagnostics *diag)
{
	const AnnotationSet *first = adj->sets[0];
	size_t unresolved = adjudication_unresolved_count(adj);
	if (unresolved && !leave_out_unresolved) {
		diagnostics_add(diag, DIAG_ERROR, first->file_path, 0, 0,
				"%zu disagreement%s not adjudicated yet", unresolved, unresolved == 1 ? "" : "s");
		return NULL;
	}
	if (unresolved)
		diagnostics_add(diag, DIAG_WARNING, first->file_path, 0, 0,
				"%zu disagreement%s not adjudicated: left out", unresolved, unresolved == 1 ? "" : "s");
	Diagnostics ignored = {0};
	Article *article = article_from_memory(article_name(first->article), article_text(first->article),
					       article_size(first->article), &ignored);
	diagnostics_free(&ignored);
	AnnotationSet *merged = annotation_set_new(article);
	merged->document_path = xstrdup(first->document_path);
	merged->document_inline = first->document_inline;
	merged->document_id = xstrdup(first->document_id);
	merged->document_sha256 = xstrdup(first->document_sha256);
	merged->annotator = xstrdup(annotator);
	if (first->has_engine) {
		merged->has_engine = true;
		merged->engine_name = xstrdup(first->engine_name);
		merged->engine_version = xstrdup(first->engine_version);
	}
	for (size_t k = 0; k < adj->set_count; k++)
		add_labels(merged, adj->sets[k]);
	for (size_t i = 0; i < adj->item_count; i++) {
		size_t source;
		Annotation *a = adjudication_resolve(adj, i, &source);
		if (!a)
			continue;
		if (a->speaker.ref) {
			char *id = merged_speaker(merged, adj->sets[source], a->speaker.ref);
			free(a->speaker.ref);
			a->speaker.ref = id;
		}
		if (!a->id || annotation_set_annotation_index(merged, a->id) != (size_t)-1) {
			free(a->id);
			a->id = annotation_set_new_annotation_id(merged);
		}
		annotation_set_append(merged, a);
		annotation_clear(a);
		free(a);
	}
	annotation_set_sort(merged);
	return merged;
}
