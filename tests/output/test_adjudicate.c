/* Adjudication (model side): alignment of annotators' versions, disagreements, choices, undo and
 * the merged set. Fixtures: tests/output/fixtures/agree (a, b, c review the same engine output). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/output/adjudicate.h"
#include "model/store.h"

#define A "tests/output/fixtures/agree/a.yaml"
#define B "tests/output/fixtures/agree/b.yaml"
#define C "tests/output/fixtures/agree/c.yaml"

static size_t item_of(const Adjudication *adj, size_t annotator, const char *id)
{
	for (size_t i = 0; i < adj->item_count; i++) {
		const Annotation *a = adjudication_version(adj, i, annotator);
		if (a && strcmp(a->id, id) == 0)
			return i;
	}
	cr_assert_fail("no item with %s", id);
	return ADJUDICATE_NONE;
}

Test(adjudicate, aligns_and_finds_the_disagreements)
{
	AnnotationSet *a = load_fixture(A), *b = load_fixture(B);
	const AnnotationSet *sets[] = {a, b};
	Diagnostics diag = {0};
	Adjudication *adj = adjudication_new(sets, 2, &diag);
	cr_assert_not_null(adj);
	cr_assert_str_eq(adj->annotators[0], "ann-a");
	cr_assert_eq(adj->item_count, 24, "23 shared candidates and b's added a1");
	/* p5: a kept, b rejected; p90 the other way; p4 label; a1 only b */
	cr_assert_eq(adjudication_disagreement_count(adj), 4);
	cr_assert_eq(adjudication_unresolved_count(adj), 4);
	size_t p4 = item_of(adj, 0, "p4"), p5 = item_of(adj, 0, "p5"), p10 = item_of(adj, 0, "p10");
	cr_assert_eq(adj->items[p4].differences, ADJ_DIFF_LABEL);
	cr_assert_eq(adj->items[p5].differences, ADJ_DIFF_PRESENCE);
	cr_assert(adjudication_item_agreed(&adj->items[p10]), "both rejected p10: agreed");
	size_t a1 = item_of(adj, 1, "a1");
	cr_assert_null(adjudication_version(adj, a1, 0));
	char *text = adjudication_describe_version(adj, a1, 0);
	cr_assert_str_eq(text, "(no such claim)");
	free(text);
	text = adjudication_describe_version(adj, p4, 1);
	cr_assert(strstr(text, " · position · corrected"), "got %s", text);
	free(text);
	/* items are in position order: walking forward meets the disagreements in text order */
	size_t first = adjudication_next_disagreement(adj, ADJUDICATE_NONE, +1, false);
	size_t last = adjudication_next_disagreement(adj, ADJUDICATE_NONE, -1, false);
	cr_assert_lt(adj->items[first].extent.start, adj->items[last].extent.start);
	size_t seen = 0;
	for (size_t i = first; i != ADJUDICATE_NONE; i = adjudication_next_disagreement(adj, i, +1, false))
		seen++;
	cr_assert_eq(seen, 4);
	cr_assert_eq(adjudication_item_at(adj, adj->items[p4].extent.start), p4);
	adjudication_free(adj);
	annotation_set_free(a);
	annotation_set_free(b);
	diagnostics_free(&diag);
}

Test(adjudicate, choices_undo_and_the_merged_set)
{
	AnnotationSet *a = load_fixture(A), *b = load_fixture(B);
	const AnnotationSet *sets[] = {a, b};
	Diagnostics diag = {0};
	Adjudication *adj = adjudication_new(sets, 2, &diag);
	cr_assert_null(adjudication_build(adj, "judge", false, &diag), "refused while undecided");
	char message[256];
	diagnostic_format(&diag.items[0], message, sizeof message);
	cr_assert(strstr(message, "4 disagreements not adjudicated yet"), "%s", message);
	diagnostics_clear(&diag);

	size_t p4 = item_of(adj, 0, "p4"), p5 = item_of(adj, 0, "p5"), p90 = item_of(adj, 0, "p90");
	size_t a1 = item_of(adj, 1, "a1");
	const char *why = NULL;
	cr_assert_not(adjudication_choose_version(adj, a1, 0, &why), "a has no a1");
	cr_assert_str_eq(why, "this annotator has no version of the claim");
	cr_assert(adjudication_choose_version(adj, p5, 1, NULL)); /* b: rejected */
	cr_assert(adjudication_choose_none(adj, p90, NULL));
	size_t fields[ADJ_FIELD_COUNT] = {0, 0, 0, 0, 1};       /* a's, with b's label */
	cr_assert(adjudication_choose_fields(adj, p4, fields, NULL));
	cr_assert_eq(adjudication_unresolved_count(adj), 1);
	/* undo a choice: keep the old one, choose, put it back */
	AdjudicationChoice saved;
	adjudication_choice_copy(&saved, &adj->items[p90].choice);
	cr_assert(adjudication_choose_version(adj, p90, 1, NULL));
	adjudication_restore_choice(adj, p90, &saved);
	cr_assert_eq(adj->items[p90].choice.kind, ADJ_CHOICE_NONE);
	cr_assert(adjudication_choose_version(adj, a1, 1, NULL));
	cr_assert_eq(adjudication_unresolved_count(adj), 0);
	cr_assert_eq(adjudication_next_disagreement(adj, ADJUDICATE_NONE, +1, false), ADJUDICATE_NONE);

	AnnotationSet *merged = adjudication_build(adj, "judge", false, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert_not_null(merged);
	cr_assert_eq(merged->annotation_count, 23, "24 items, p90 left out");
	size_t p4_index = annotation_set_annotation_index(merged, "p4");
	cr_assert_str_eq(merged->annotations[p4_index].label, "position");
	cr_assert_eq(merged->annotations[p4_index].status, STATUS_CORRECTED);
	cr_assert_eq(merged->annotations[annotation_set_annotation_index(merged, "p5")].status, STATUS_REJECTED);
	cr_assert_eq(merged->annotations[annotation_set_annotation_index(merged, "a1")].status, STATUS_ADDED);
	cr_assert_str_eq(merged->annotator, "judge");
	/* it is a valid schema-1 file: written and read back */
	char *yaml = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&yaml, &size);
	cr_assert(store_write(merged, out, "merged.yaml", &diag));
	fclose(out);
	AnnotationSet *back = store_load_memory("merged.yaml", yaml, size, "tests/output/fixtures/agree", NULL, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert_not_null(back);
	cr_assert_eq(back->annotation_count, 23);
	annotation_set_free(back);
	free(yaml);
	annotation_set_free(merged);
	adjudication_free(adj);
	annotation_set_free(a);
	annotation_set_free(b);
	diagnostics_free(&diag);
}

Test(adjudicate, three_annotators_and_leaving_out)
{
	AnnotationSet *a = load_fixture(A), *b = load_fixture(B), *c = load_fixture(C);
	const AnnotationSet *sets[] = {a, b, c};
	Diagnostics diag = {0};
	Adjudication *adj = adjudication_new(sets, 3, &diag);
	cr_assert_eq(adjudication_disagreement_count(adj), 5, "c's rejection of p6 too");
	AnnotationSet *merged = adjudication_build(adj, "judge", true, &diag);
	cr_assert_not_null(merged);
	cr_assert_eq(diag.count, 1);
	cr_assert_eq(diag.items[0].severity, DIAG_WARNING);
	cr_assert_eq(merged->annotation_count, 24 - 5, "only the agreed items");
	annotation_set_free(merged);
	adjudication_free(adj);
	annotation_set_free(a);
	annotation_set_free(b);
	annotation_set_free(c);
	diagnostics_free(&diag);
}

Test(adjudicate, custom_annotation_and_different_articles)
{
	AnnotationSet *a = load_fixture(A), *b = load_fixture(B), *edge = load_fixture("tests/output/fixtures/edge.gold.yaml");
	Diagnostics diag = {0};
	const AnnotationSet *wrong[] = {a, edge};
	cr_assert_null(adjudication_new(wrong, 2, &diag));
	cr_assert_eq(diag.count, 1);
	diagnostics_clear(&diag);
	const AnnotationSet *sets[] = {a, b};
	Adjudication *adj = adjudication_new(sets, 2, &diag);
	size_t p4 = item_of(adj, 0, "p4");
	Annotation edited;
	annotation_copy(&edited, adjudication_version(adj, p4, 0));
	free(edited.label);
	edited.label = strdup("demand");
	const char *why;
	free(edited.speaker.ref);
	edited.speaker.ref = strdup("nobody");
	cr_assert_not(adjudication_choose_custom(adj, p4, &edited, 0, &why));
	free(edited.speaker.ref);
	edited.speaker.ref = strdup("zhao-lijian");
	cr_assert(adjudication_choose_custom(adj, p4, &edited, 0, &why));
	size_t source;
	Annotation *resolved = adjudication_resolve(adj, p4, &source);
	cr_assert_str_eq(resolved->label, "demand");
	annotation_clear(resolved);
	free(resolved);
	annotation_clear(&edited);
	adjudication_free(adj);
	annotation_set_free(a);
	annotation_set_free(b);
	annotation_set_free(edge);
	diagnostics_free(&diag);
}
