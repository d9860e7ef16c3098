/* Values of the annotation model: names, ids, position order, diagnostics formatting. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/annotation.h"
#include "model/diag.h"

static AnnotationSet *set_with_speakers(const char *const *ids, size_t count)
{
	AnnotationSet *set = annotation_set_new(NULL);
	for (size_t i = 0; i < count; i++) {
		Speaker speaker = { .id = (char *)ids[i], .name = (char *)ids[i], .type = SPEAKER_PERSON };
		annotation_set_append_speaker(set, &speaker);
	}
	return set;
}

static void assert_speaker_id(AnnotationSet *set, const char *name, const char *expected)
{
	char *id = annotation_set_new_speaker_id(set, name);
	cr_assert_str_eq(id, expected, "speaker id of \"%s\"", name);
	free(id);
}

Test(annotation, speaker_ids_are_slugs_without_apostrophes)
{
	AnnotationSet *set = set_with_speakers(NULL, 0);
	assert_speaker_id(set, "Zhao Lijian", "zhao-lijian");
	assert_speaker_id(set, "China’s embassy in Norway", "chinas-embassy-in-norway");
	assert_speaker_id(set, "China's embassy", "chinas-embassy");
	assert_speaker_id(set, "  the U.S. State Department! ", "the-u-s-state-department");
	assert_speaker_id(set, "李克强", "李克强");
	assert_speaker_id(set, "...", "speaker");
	annotation_set_free(set);
}

Test(annotation, taken_speaker_ids_get_a_suffix)
{
	static const char *const taken[] = { "zhao-lijian", "zhao-lijian-2" };
	AnnotationSet *set = set_with_speakers(taken, 2);
	assert_speaker_id(set, "Zhao Lijian", "zhao-lijian-3");
	annotation_set_free(set);
}

/* The engine's hashed ids must be the ones annotation_set_new_speaker_id() gives on the set
 * that grows with them, suffix gaps ("Zhao Lijian 4" taking zhao-lijian-4) included. */
Test(annotation, indexed_speaker_ids_match_the_linear_ones)
{
	static const char *const taken[] = { "zhao-lijian", "zhao-lijian-2", "he-3" };
	static const char *const names[] = { "Zhao Lijian", "he", "Zhao Lijian 4", "he", "Zhao Lijian",
					     "he", "He", "Zhao Lijian", "...", "...", "zhao lijian 6" };
	AnnotationSet *set = set_with_speakers(taken, 3);
	SpeakerIds *ids = speaker_ids_new(set);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *expected = annotation_set_new_speaker_id(set, names[i]);
		char *id = speaker_ids_new_id(ids, names[i]);
		cr_assert_str_eq(id, expected, "speaker %zu (\"%s\")", i, names[i]);
		Speaker speaker = { .id = id, .name = (char *)names[i], .type = SPEAKER_PERSON };
		annotation_set_append_speaker(set, &speaker);
		free(id);
		free(expected);
	}
	cr_assert_str_eq(set->speakers[set->speaker_count - 1].id, "zhao-lijian-6-2");
	speaker_ids_free(ids);
	annotation_set_free(set);
}

Test(annotation, new_annotation_ids_follow_the_largest)
{
	AnnotationSet *set = annotation_set_new(NULL);
	const char *ids[] = { "a2", "g7", "a10", "a9x" };
	for (size_t i = 0; i < 4; i++) {
		Annotation annotation = { .id = (char *)ids[i], .claim = { .present = true } };
		annotation_set_append(set, &annotation);
	}
	char *id = annotation_set_new_annotation_id(set);
	cr_assert_str_eq(id, "a11");
	free(id);
	annotation_set_free(set);
}

Test(annotation, position_order_is_start_end_then_numeric_id)
{
	AnnotationSet *set = annotation_set_new(NULL);
	struct { const char *id; size_t start, end; } rows[] = {
		{ "a10", 5, 9 }, { "a2", 5, 9 }, { "a3", 1, 20 }, { "a1", 5, 7 },
	};
	for (size_t i = 0; i < 4; i++) {
		Annotation annotation = { .id = (char *)rows[i].id,
			.claim = { .present = true, .start = rows[i].start, .end = rows[i].end } };
		annotation_set_append(set, &annotation);
	}
	annotation_set_sort(set);
	const char *expected[] = { "a3", "a1", "a2", "a10" };
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(set->annotations[i].id, expected[i]);
	annotation_set_free(set);
}

Test(annotation, an_empty_set_sorts)
{
	AnnotationSet *set = annotation_set_new(NULL);
	annotation_set_sort(set);
	cr_assert_eq(set->annotation_count, 0);
	annotation_set_free(set);
}

Test(annotation, names_parse_both_ways)
{
	for (int s = 0; s < STATUS_COUNT; s++) {
		AnnotationStatus parsed;
		cr_assert(annotation_status_parse(annotation_status_name((AnnotationStatus)s), &parsed));
		cr_assert_eq(parsed, (AnnotationStatus)s);
	}
	for (int k = KIND_DIRECT; k < KIND_COUNT; k++) {
		ClaimKind parsed;
		cr_assert(claim_kind_parse(claim_kind_name((ClaimKind)k), &parsed));
		cr_assert_eq(parsed, (ClaimKind)k);
	}
	for (int t = SPEAKER_PERSON; t < SPEAKER_TYPE_COUNT; t++) {
		SpeakerType parsed;
		cr_assert(speaker_type_parse(speaker_type_name((SpeakerType)t), &parsed));
		cr_assert_eq(parsed, (SpeakerType)t);
	}
	AnnotationStatus status;
	cr_assert_not(annotation_status_parse("maybe", &status));
	cr_assert_not(annotation_status_parse(NULL, &status));
}

Test(diag, messages_carry_file_line_and_column)
{
	Diagnostics diag = {0};
	diagnostics_add(&diag, DIAG_ERROR, "a.yaml", 3, 7, "unknown status '%s'", "maybe");
	diagnostics_add(&diag, DIAG_WARNING, "a.yaml", 0, 0, "sha256 does not match");
	char line[256];
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_assert_str_eq(line, "a.yaml:3:7: unknown status 'maybe'");
	diagnostic_format(&diag.items[1], line, sizeof line);
	cr_assert_str_eq(line, "a.yaml: warning: sha256 does not match");
	cr_assert_eq(diagnostics_error_count(&diag), 1);
	diagnostics_free(&diag);
}
