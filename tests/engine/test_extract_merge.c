/* extract_merge_candidates(): what `saywho extract --merge` adds to a file analysts worked on. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "model/extract/merge.h"

static const char text[] = "\"We will win,\" she said, \"and soon.\" Critics said it was late.";

static AnnotationSet *new_set(void)
{
	Article *article = article_from_memory("t.txt", text, strlen(text), NULL);
	cr_assert_not_null(article);
	return annotation_set_new(article);
}

static Span span_of(size_t start, size_t end)
{
	return (Span){ .present = true, .start = start, .end = end };
}

static void add(AnnotationSet *set, const char *id, AnnotationStatus status, Span claim,
		const char *speaker_ref, const char *label)
{
	Annotation a = { .id = (char *)id, .status = status, .claim = claim, .label = (char *)label };
	if (speaker_ref) {
		a.speaker = span_of(15, 18); /* "she" */
		a.speaker.ref = (char *)speaker_ref;
	}
	annotation_set_append(set, &a);
}

static void add_speaker(AnnotationSet *set, const char *id, const char *name, SpeakerType type)
{
	Speaker s = { .id = (char *)id, .name = (char *)name, .type = type };
	annotation_set_append_speaker(set, &s);
}

Test(extract_merge, pieces_overlap_only_where_they_share_a_character)
{
	/* "We will win," (1..12) and "and soon." (26..35) as one claim in two parts. */
	ByteRange parts[] = { { 1, 12 }, { 26, 35 } };
	Span quote = { .present = true, .start = 1, .end = 35, .parts = parts, .part_count = 2 };
	Span attribution = span_of(15, 23); /* "she said": between the parts */
	Span soon = span_of(30, 34);
	cr_assert_not(span_pieces_overlap(&quote, &attribution));
	cr_assert_not(span_pieces_overlap(&attribution, &quote));
	cr_assert(span_pieces_overlap(&quote, &soon));
	Span touching = span_of(12, 15);
	cr_assert_not(span_pieces_overlap(&quote, &touching));
	Span absent = { 0 };
	cr_assert_not(span_pieces_overlap(&quote, &absent));
}

Test(extract_merge, keeps_everything_and_adds_only_what_overlaps_nothing)
{
	AnnotationSet *into = new_set();
	add_speaker(into, "s1", "Jane Doe", SPEAKER_PERSON);
	add(into, "a1", STATUS_REJECTED, span_of(1, 12), "s1", NULL);
	into->updated = xstrdup("2025-01-01T00:00:00Z");

	AnnotationSet *from = new_set();
	add_speaker(from, "jane", "Jane Doe", SPEAKER_PERSON);
	add_speaker(from, "s1", "Critics", SPEAKER_OTHER);
	add(from, "a1", STATUS_CANDIDATE, span_of(3, 7), "jane", "position");  /* inside the rejected one */
	add(from, "a2", STATUS_CANDIDATE, span_of(26, 35), "jane", "position");
	add(from, "a3", STATUS_CANDIDATE, span_of(50, 61), "s1", "forecast");

	size_t added = extract_merge_candidates(into, from);
	cr_assert_eq(added, 2);
	cr_assert_eq(into->annotation_count, 3);
	cr_assert_str_eq(into->annotations[0].id, "a1");
	cr_assert_eq(into->annotations[0].status, STATUS_REJECTED);
	/* a2 keeps its id: the file has no a2. */
	const Annotation *soon = &into->annotations[1];
	cr_assert_str_eq(soon->id, "a2");
	cr_assert_eq(soon->claim.start, 26);
	/* The same speaker (name and type) is reused under the file's id. */
	cr_assert_str_eq(soon->speaker.ref, "s1");
	/* "Critics" clashes by id with Jane Doe's s1: a new speaker with a new id. */
	const Annotation *late = &into->annotations[2];
	cr_assert_str_neq(late->speaker.ref, "s1");
	const Speaker *critics = annotation_set_find_speaker(into, late->speaker.ref);
	cr_assert_not_null(critics);
	cr_assert_str_eq(critics->name, "Critics");
	cr_assert_eq(into->speaker_count, 2);
	/* A label the file did not declare is declared; `updated` will be stamped again. */
	cr_assert(annotation_set_has_label(into, "forecast"));
	cr_assert_null(into->updated);

	annotation_set_free(into);
	annotation_set_free(from);
}

Test(extract_merge, nothing_new_changes_nothing)
{
	AnnotationSet *into = new_set();
	add(into, "a1", STATUS_ACCEPTED, span_of(1, 35), NULL, NULL);
	into->updated = xstrdup("2025-01-01T00:00:00Z");
	AnnotationSet *from = new_set();
	add(from, "x", STATUS_CANDIDATE, span_of(26, 35), NULL, NULL);
	cr_assert_eq(extract_merge_candidates(into, from), 0);
	cr_assert_eq(into->annotation_count, 1);
	cr_assert_str_eq(into->updated, "2025-01-01T00:00:00Z");
	annotation_set_free(into);
	annotation_set_free(from);
}
