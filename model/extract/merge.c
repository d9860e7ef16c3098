/* Merging new candidates into a reviewed file (see merge.h). */
#include "model/extract/merge.h"

#include <stdlib.h>
#include <string.h>

static ByteRange span_piece(const Span *span, size_t index)
{
	if (span->parts && span->part_count > 0)
		return span->parts[index];
	return (ByteRange){ span->start, span->end };
}

static size_t span_piece_count(const Span *span)
{
	return span->parts && span->part_count > 0 ? span->part_count : 1;
}

bool span_pieces_overlap(const Span *a, const Span *b)
{
	if (!a->present || !b->present || a->start >= b->end || b->start >= a->end)
		return false;
	for (size_t i = 0; i < span_piece_count(a); i++) {
		ByteRange x = span_piece(a, i);
		for (size_t j = 0; j < span_piece_count(b); j++) {
			ByteRange y = span_piece(b, j);
			if (x.start < y.end && y.start < x.end)
				return true;
		}
	}
	return false;
}

/* The id in `into` of a speaker of `from`, adding a copy when `into` has no equal one. */
static char *speaker_id_in(AnnotationSet *into, const AnnotationSet *from, const char *ref)
{
	const Speaker *speaker = annotation_set_find_speaker(from, ref);
	if (!speaker)
		return xstrdup(ref);
	for (size_t i = 0; i < into->speaker_count; i++) {
		const Speaker *existing = &into->speakers[i];
		if (existing->name && speaker->name && strcmp(existing->name, speaker->name) == 0 &&
		    existing->type == speaker->type)
			return xstrdup(existing->id);
	}
	Speaker copy;
	speaker_copy(&copy, speaker);
	if (annotation_set_find_speaker(into, copy.id)) {
		free(copy.id);
		copy.id = annotation_set_new_speaker_id(into, copy.name ? copy.name : ref);
	}
	annotation_set_append_speaker(into, &copy);
	char *id = xstrdup(copy.id);
	speaker_clear(&copy);
	return id;
}

static void add_label(AnnotationSet *set, const char *label)
{
	if (annotation_set_has_label(set, label))
		return;
	/* Copies: annotation_set_set_labels frees the set's own strings before copying the new. */
	size_t count = set->label_count + 1;
	char **labels = xcalloc(count, sizeof *labels);
	for (size_t i = 0; i < set->label_count; i++)
		labels[i] = xstrdup(set->labels[i]);
	labels[set->label_count] = xstrdup(label);
	annotation_set_set_labels(set, (const char *const *)labels, count);
	set->has_labels = true;
	for (size_t i = 0; i < count; i++)
		free(labels[i]);
	free(labels);
}

size_t extract_merge_candidates(AnnotationSet *into, const AnnotationSet *from)
{
	size_t existing = into->annotation_count, added = 0;
	for (size_t i = 0; i < from->annotation_count; i++) {
		const Annotation *candidate = &from->annotations[i];
		if (candidate->status != STATUS_CANDIDATE)
			continue;
		bool overlaps = false;
		for (size_t j = 0; j < existing && !overlaps; j++)
			overlaps = span_pieces_overlap(&candidate->claim, &into->annotations[j].claim);
		if (overlaps)
			continue;
		Annotation copy;
		annotation_copy(&copy, candidate);
		if (annotation_set_annotation_index(into, copy.id) != (size_t)-1) {
			free(copy.id);
			copy.id = annotation_set_new_annotation_id(into);
		}
		if (copy.speaker.present && copy.speaker.ref) {
			char *id = speaker_id_in(into, from, copy.speaker.ref);
			free(copy.speaker.ref);
			copy.speaker.ref = id;
		}
		if (copy.label)
			add_label(into, copy.label);
		annotation_set_append(into, &copy);
		annotation_clear(&copy);
		added++;
	}
	if (added > 0) {
		free(into->updated);
		into->updated = NULL;
		if (!into->has_engine && from->has_engine) {
			into->has_engine = true;
			into->engine_name = xstrdup(from->engine_name);
			into->engine_version = xstrdup(from->engine_version);
		}
	}
	return added;
}
