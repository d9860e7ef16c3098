/* brat import: round trips through the export, PolNeAR layouts and files, bad input. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "model/output/brat.h"
#include "model/output/import.h"
#include "model/store.h"

#define EDGE_PRED "tests/output/fixtures/edge.pred.yaml"
#define POLNEAR_DEV "../shared/polnear/data/dev"

static void remove_folder(char *dir)
{
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	system(command);
	free(dir);
}

/* Everything brat carries back: not `original` (the engine's proposal stays in the YAML). */
static void expect_same_annotations(const AnnotationSet *before, const AnnotationSet *after, size_t expected)
{
	cr_assert_eq(after->annotation_count, expected);
	for (size_t i = 0; i < after->annotation_count; i++) {
		const Annotation *b = &after->annotations[i];
		size_t index = annotation_set_annotation_index(before, b->id);
		cr_assert_neq(index, (size_t)-1, "unknown id %s after the round trip", b->id);
		const Annotation *a = &before->annotations[index];
		cr_expect_eq(a->status, b->status, "%s: status", a->id);
		cr_expect_eq(a->kind, b->kind, "%s: kind", a->id);
		cr_expect(span_equal(&a->claim, &b->claim), "%s: claim", a->id);
		cr_expect(span_equal(&a->speaker, &b->speaker), "%s: speaker", a->id);
		cr_expect(span_equal(&a->cue, &b->cue), "%s: cue", a->id);
		cr_expect((!a->label && !b->label) || (a->label && b->label && !strcmp(a->label, b->label)),
			  "%s: label", a->id);
		cr_expect_eq(a->has_confidence, b->has_confidence, "%s: confidence", a->id);
		if (a->has_confidence)
			cr_expect_eq(a->confidence, b->confidence, "%s: confidence", a->id);
		cr_expect((!a->note && !b->note) || (a->note && b->note && !strcmp(a->note, b->note)), "%s: note", a->id);
		if (a->speaker.ref) {
			const Speaker *sa = annotation_set_find_speaker(before, a->speaker.ref);
			const Speaker *sb = annotation_set_find_speaker(after, b->speaker.ref);
			cr_assert_not_null(sb);
			cr_expect_eq(sa->type, sb->type);
			if (sa->name && *sa->name)
				cr_expect_str_eq(sa->name, sb->name);
		}
	}
}

static AnnotationSet *round_trip(const char *fixture, const ExportOptions *options, BratLayout layout,
				 const char *annotator, size_t *written)
{
	AnnotationSet *set = load_fixture(fixture);
	if (annotator) {
		free(set->annotator);
		set->annotator = strdup(annotator);
	}
	char *dir = make_temp_folder();
	Diagnostics diag = {0};
	cr_assert(brat_export(set, "doc", dir, layout, options, written, &diag));
	char ann[600], out[600];
	if (layout == BRAT_LAYOUT_FLAT)
		snprintf(ann, sizeof ann, "%s/doc.ann", dir);
	else
		snprintf(ann, sizeof ann, "%s/attributions/doc_%s.ann", dir, annotator);
	snprintf(out, sizeof out, "%s/out", dir);
	mkdir(out, 0777);
	ImportResult result;
	bool imported = import_brat_file(ann, out, false, &result, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert(imported);
	cr_assert_eq(result.annotation_count, *written);
	/* the file written loads (its article found through document.path) */
	diagnostics_clear(&diag);
	AnnotationSet *back = store_load(result.output_path, NULL, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert_not_null(back, "the imported file does not load");
	cr_assert_str_eq(back->document_id, "doc");
	if (annotator)
		cr_assert_str_eq(back->annotator, annotator);
	expect_same_annotations(set, back, *written);
	free(result.output_path);
	diagnostics_free(&diag);
	remove_folder(dir);
	annotation_set_free(set);
	return back;
}

Test(import_brat, round_trip_of_the_gold)
{
	ExportOptions options = {0};
	size_t written;
	AnnotationSet *back = round_trip(SEED_GOLD, &options, BRAT_LAYOUT_FLAT, NULL, &written);
	cr_assert_eq(written, 23);
	annotation_set_free(back);
}

Test(import_brat, round_trip_with_parts_rejected_candidates_and_no_speaker)
{
	ExportOptions options = {.include_rejected = true, .include_pending = true};
	size_t written;
	AnnotationSet *back = round_trip(EDGE_PRED, &options, BRAT_LAYOUT_POLNEAR, "ann-2", &written);
	cr_assert_eq(written, 11);
	size_t parts = 0, speakerless = 0;
	for (size_t i = 0; i < back->annotation_count; i++) {
		parts += back->annotations[i].claim.part_count;
		speakerless += !back->annotations[i].speaker.present;
	}
	cr_assert_eq(parts, 2);
	cr_assert_eq(speakerless, 1);
	annotation_set_free(back);
}

Test(import_brat, several_annotators_give_one_file_each)
{
	char *dir = make_temp_folder();
	AnnotationSet *gold = load_fixture(SEED_GOLD);
	ExportOptions options = {0};
	size_t written;
	Diagnostics diag = {0};
	const char *names[] = {"4b22", "d473"};
	for (int k = 0; k < 2; k++) {
		free(gold->annotator);
		gold->annotator = strdup(names[k]);
		cr_assert(brat_export(gold, "seed", dir, BRAT_LAYOUT_POLNEAR, &options, &written, &diag));
	}
	char **anns;
	size_t count;
	cr_assert(brat_list(dir, &anns, &count, &diag));
	cr_assert_eq(count, 2);
	char out[600];
	snprintf(out, sizeof out, "%s/out", dir);
	mkdir(out, 0777);
	for (size_t i = 0; i < count; i++) {
		ImportResult result;
		cr_assert(import_brat_file(anns[i], out, false, &result, &diag));
		char expected[700];
		snprintf(expected, sizeof expected, "%s/seed.%s.yaml", out, names[i]);
		cr_assert_str_eq(result.output_path, expected);
		cr_assert_eq(access(expected, R_OK), 0);
		free(result.output_path);
		free(anns[i]);
	}
	free(anns);
	/* a second import refuses to replace without being told */
	ImportResult again;
	char ann[700];
	snprintf(ann, sizeof ann, "%s/attributions/seed_4b22.ann", dir);
	cr_assert_not(import_brat_file(ann, out, false, &again, &diag));
	cr_assert(import_brat_file(ann, out, true, &again, &diag));
	free(again.output_path);
	diagnostics_free(&diag);
	annotation_set_free(gold);
	remove_folder(dir);
}

static AnnotationSet *read_ann(const char *ann_text, const char *article_text, Diagnostics *diag)
{
	char *dir = make_temp_folder();
	char path[600];
	snprintf(path, sizeof path, "%s/x.ann", dir);
	FILE *f = fopen(path, "w");
	fputs(ann_text, f);
	fclose(f);
	Article *article = article_from_memory("x.txt", article_text, strlen(article_text), diag);
	AnnotationSet *set = brat_read(path, article, "x", NULL, diag);
	remove_folder(dir);
	return set;
}

Test(import_brat, discontinuous_spans_and_events_without_a_source)
{
	Diagnostics diag = {0};
	const char *text = "“One,” she said, “two.” Reports claimed more.\n";
	AnnotationSet *set = read_ann(
		"T1\tContent 1 5;18 22\tOne, two.\n"
		"T2\tSource 7 10\tshe\n"
		"T3\tCue 11 15\tsaid\n"
		"T4\tAttribution 11 15\tsaid\n"
		"E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
		"T5\tCue 32 39\tclaimed\n"
		"T6\tContent 40 44\tmore\n"
		"T7\tAttribution-no-source 32 39\tclaimed\n"
		"E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
		"#1\tAnnotatorNotes T6\ta note on the content\n"
		"T8\tDiscard 0 1\t“\n",
		text, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert_not_null(set);
	cr_assert_eq(set->annotation_count, 2);
	const Annotation *a = &set->annotations[0];
	cr_assert_eq(a->claim.part_count, 2);
	cr_assert_eq(article_cp_of_byte(set->article, a->claim.parts[1].start), 18);
	cr_assert_eq(a->status, STATUS_ADDED);
	cr_assert(a->speaker.present);
	cr_assert_not(set->annotations[1].speaker.present);
	cr_assert_str_eq(set->annotations[1].note, "a note on the content");
	annotation_set_free(set);
	diagnostics_free(&diag);
}

Test(import_brat, bad_lines_have_positions)
{
	Diagnostics diag = {0};
	AnnotationSet *set = read_ann("T1\tContent 1 5\t1234\nT2\tContent 3 x\tq\n", "0123456789\n", &diag);
	cr_assert_null(set);
	cr_assert_eq(diag.count, 1);
	char message[512];
	diagnostic_format(&diag.items[0], message, sizeof message);
	cr_assert(strstr(message, "x.ann:2:14: expected an END offset"), "got %s", message);
	diagnostics_free(&diag);
	set = read_ann("T1\tContent 1 50\tabcd\n", "0123456789\n", &diag);
	cr_assert_null(set);
	diagnostic_format(&diag.items[0], message, sizeof message);
	cr_assert(strstr(message, "x.ann:1:"), "got %s", message);
	cr_assert(strstr(message, "outside the text"), "got %s", message);
	diagnostics_free(&diag);
}

/* The text brat repeats after the offsets must be the article's: else the file was made for
 * another version of the text, which the analyst must hear about. */
Test(import_brat, text_that_disagrees_with_the_offsets_is_a_warning)
{
	Diagnostics diag = {0};
	AnnotationSet *set = read_ann("T1\tContent 1 5\tabcd\nT2\tContent 1 3;6 8\t12 67\n"
				      "T3\tAttribution 0 1\t0\nE1\tAttribution:T3 Content:T1\n",
				      "0123456789\n", &diag);
	cr_assert_not_null(set, "a warning, not an error");
	cr_assert_eq(diag.count, 1, "only T1 disagrees (T2's fragments are joined by a space)");
	char message[512];
	diagnostic_format(&diag.items[0], message, sizeof message);
	cr_assert(strstr(message, "x.ann:1:16: warning: T1 says \"abcd\" but the article has \"1234\""),
		  "got %s", message);
	annotation_set_free(set);
	diagnostics_free(&diag);
}

/* Bytes that are not UTF-8 text would reach the YAML file and fail there, unexplained. */
Test(import_brat, invalid_utf8_in_the_ann_is_an_error_with_its_position)
{
	Diagnostics diag = {0};
	AnnotationSet *set = read_ann("T1\tContent 1 5\t1234\n#1\tAnnotatorNotes T1\tbad \xff note\n",
				      "0123456789\n", &diag);
	cr_assert_null(set);
	char message[512];
	diagnostic_format(&diag.items[diag.count - 1], message, sizeof message);
	cr_assert(strstr(message, "x.ann:2:26: invalid UTF-8: byte 0xFF never occurs in UTF-8"), "got %s", message);
	diagnostics_free(&diag);
}

/* A real PolNeAR file (read in place, never copied): every event with a content is imported. */
Test(import_brat, polnear_dev_file)
{
	if (access(POLNEAR_DEV "/attributions", R_OK) != 0)
		cr_skip_test("../shared/polnear not found");
	char **anns;
	size_t count;
	Diagnostics diag = {0};
	cr_assert(brat_list(POLNEAR_DEV, &anns, &count, &diag));
	cr_assert_gt(count, 50);
	char *text, *document, *annotator;
	cr_assert(brat_locate_text(anns[0], &text, &document, &annotator, &diag));
	cr_assert_not_null(annotator, "PolNeAR names the annotator in the file name");
	cr_assert_eq(strlen(annotator), 4);
	Article *article = article_load(text, &diag);
	AnnotationSet *set = brat_read(anns[0], article, document, annotator, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert_not_null(set);
	char command[700];
	snprintf(command, sizeof command, "grep -c '^E' '%s'", anns[0]);
	FILE *p = popen(command, "r");
	int events = 0;
	cr_assert_eq(fscanf(p, "%d", &events), 1);
	pclose(p);
	cr_assert_eq(set->annotation_count, (size_t)events);
	annotation_set_free(set);
	for (size_t i = 0; i < count; i++)
		free(anns[i]);
	free(anns);
	free(text);
	free(document);
	free(annotator);
	diagnostics_free(&diag);
}
