/* The YAML store: round trips that lose nothing, every refusal with its message and position,
 * atomic saves that fail cleanly, and the stable layout. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/history.h"
#include "model/store.h"
#include "model/yaml_value.h"
#include "tests/model/yaml_files.h"

#define FIXTURES "tests/fixtures/store"

/* ---- helpers ---- */

static void print_diagnostics(const Diagnostics *diag)
{
	for (size_t i = 0; i < diag->count; i++) {
		char line[2048];
		diagnostic_format(&diag->items[i], line, sizeof line);
		fprintf(stderr, "  %s\n", line);
	}
}

static AnnotationSet *load_file(const char *path)
{
	Diagnostics diag = {0};
	AnnotationSet *set = store_load(path, NULL, &diag);
	if (!set || diag.count)
		print_diagnostics(&diag);
	cr_assert_not_null(set, "%s did not load", path);
	cr_assert_eq(diag.count, 0, "%s: %zu diagnostics", path, diag.count);
	diagnostics_free(&diag);
	return set;
}

static AnnotationSet *load_text(const char *yaml, const char *base_dir)
{
	Diagnostics diag = {0};
	AnnotationSet *set = store_load_memory("mem.yaml", yaml, strlen(yaml), base_dir, NULL, &diag);
	if (!set || diag.count)
		print_diagnostics(&diag);
	cr_assert_not_null(set, "the YAML did not load:\n%s", yaml);
	cr_assert_eq(diag.count, 0);
	diagnostics_free(&diag);
	return set;
}

static char *write_text(AnnotationSet *set)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	Diagnostics diag = {0};
	bool ok = store_write(set, out, "out.yaml", &diag);
	fclose(out);
	print_diagnostics(&diag);
	cr_assert(ok, "store_write failed");
	diagnostics_free(&diag);
	return text;
}

static char *read_file(const char *path)
{
	char *text = read_whole_file(path);
	cr_assert_not_null(text, "cannot open %s", path);
	return text;
}

/* load -> save -> load -> save: equal models, identical bytes. Returns the second model. */
static AnnotationSet *round_trip(AnnotationSet *first, const char *base_dir)
{
	char *save1 = write_text(first);
	AnnotationSet *second = load_text(save1, base_dir);
	cr_assert(annotation_set_equal(first, second), "the model changed after a save and load");
	char *save2 = write_text(second);
	cr_assert_str_eq(save1, save2, "the second save differs from the first");
	free(save1);
	free(save2);
	return second;
}

/* The base file for the refusal tests (small.txt is "“Yes,” said Zhao. 北京 agreed.\n"). */
static const char base_yaml[] =
	"saywho: 1\n"                                                     /* 1 */
	"document:\n"                                                     /* 2 */
	"  path: small.txt\n"                                             /* 3 */
	"  length: 29\n"                                                  /* 4 */
	"  sha256: 19fda8f656881f6b91de86f3188f371cc7fc159b2a4788931bdf5aae9d7579f7\n" /* 5 */
	"labels: [position, denial]\n"                                    /* 6 */
	"speakers:\n"                                                     /* 7 */
	"  - {id: zhao, name: Zhao, type: person}\n"                      /* 8 */
	"annotations:\n"                                                  /* 9 */
	"  - id: a1\n"                                                    /* 10 */
	"    status: accepted\n"                                          /* 11 */
	"    speaker: {start: 12, end: 16, text: Zhao, ref: zhao}\n"      /* 12 */
	"    cue: {start: 7, end: 11, text: said}\n"                      /* 13 */
	"    claim: {start: 1, end: 5, text: \"Yes,\"}\n"                 /* 14 */
	"    label: position\n";                                          /* 15 */

/* base_yaml with the first `from` replaced by `to` (static buffer: one at a time). */
static const char *variant(const char *from, const char *to)
{
	static char text[8192];
	const char *at = strstr(base_yaml, from);
	cr_assert_not_null(at, "'%s' is not in the base file", from);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base_yaml), base_yaml, to,
		 at + strlen(from));
	return text;
}

/* Loads YAML that must be refused; returns the diagnostics. */
static Diagnostics refused(const char *yaml, const StoreLoadOptions *options)
{
	Diagnostics diag = {0};
	AnnotationSet *set = store_load_memory("bad.yaml", yaml, strlen(yaml), FIXTURES, options,
					       &diag);
	if (set)
		print_diagnostics(&diag);
	cr_assert_null(set, "accepted a bad file:\n%s", yaml);
	return diag;
}

/* Asserts that a diagnostic at line:column has a message containing `message`. */
static void expect_problem(const Diagnostics *diag, unsigned line, unsigned column,
			   const char *message)
{
	for (size_t i = 0; i < diag->count; i++) {
		const Diagnostic *d = &diag->items[i];
		if (d->line == line && d->column == column && strstr(d->message, message))
			return;
	}
	print_diagnostics(diag);
	cr_assert_fail("no diagnostic %u:%u: %s (got %zu)", line, column, message, diag->count);
}

/* One bad input: refused with exactly this error (and no other). */
static void expect_only(const char *yaml, unsigned line, unsigned column, const char *message)
{
	Diagnostics diag = refused(yaml, NULL);
	expect_problem(&diag, line, column, message);
	if (diagnostics_error_count(&diag) != 1)
		print_diagnostics(&diag);
	cr_expect_eq(diagnostics_error_count(&diag), 1, "expected one error for '%s', got %zu",
		     message, diagnostics_error_count(&diag));
	cr_expect_str_eq(diag.items[0].file, "bad.yaml");
	diagnostics_free(&diag);
}

/* ---- round trips ---- */

Test(store_round_trip, base_file_loads)
{
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	cr_assert_eq(set->annotation_count, 1);
	const Annotation *a = &set->annotations[0];
	const char *text = article_text(set->article);
	/* Spans are bytes in the program: “ is 3 bytes, so code point 1 is byte 3. */
	cr_expect_eq(a->claim.start, 3);
	cr_expect_eq(a->claim.end, 7);
	cr_expect_eq(strncmp(text + a->claim.start, "Yes,", 4), 0);
	cr_expect_str_eq(a->speaker.ref, "zhao");
	cr_expect_eq(a->status, STATUS_ACCEPTED);
	cr_expect_not(history_is_modified(set));
	annotation_set_free(round_trip(set, FIXTURES));
	annotation_set_free(set);
}

Test(store_round_trip, seed_gold)
{
	AnnotationSet *first = load_file("samples/china-cyberattack-accusations.gold.yaml");
	cr_expect_gt(first->annotation_count, 10);
	cr_expect(first->has_optional);
	AnnotationSet *second = round_trip(first, "samples");
	annotation_set_free(round_trip(second, "samples"));
	annotation_set_free(second);
	annotation_set_free(first);
}

Test(store_round_trip, every_field_unicode_unknown_keys)
{
	AnnotationSet *first = load_file(FIXTURES "/full.yaml");
	AnnotationSet *set = round_trip(first, FIXTURES);
	/* Nothing lost: look at every field after load, save and load again. */
	cr_expect_str_eq(set->document_path, "unicode.txt");
	cr_expect_str_eq(set->document_id, "unicode-sample");
	cr_expect_str_eq(set->document_sha256, article_sha256(set->article));
	cr_expect_str_eq(set->document_extras.items[0].key, "x-source");
	cr_expect(set->has_engine);
	cr_expect_str_eq(set->engine_name, "rules");
	cr_expect_str_eq(set->engine_version, "0.1.0");
	cr_expect_str_eq(set->engine_extras.items[0].key, "x-model");
	cr_expect_str_eq(set->annotator, "analyst-1");
	cr_expect_str_eq(set->updated, "2026-11-25T11:00:00Z");
	cr_assert_eq(set->label_count, 5);
	cr_expect_str_eq(set->labels[4], "yes");
	cr_assert_eq(set->speaker_count, 4);
	cr_expect_str_eq(set->speakers[0].extras.items[0].key, "x-wikidata");
	cr_expect_str_eq(set->speakers[1].name, "José, café owner");
	cr_expect_str_eq(set->speakers[3].name, "Amélie 🎬");
	cr_expect_eq(set->speakers[3].type, SPEAKER_UNSET);

	/* Sorted by position after load. */
	cr_assert_eq(set->annotation_count, 5);
	static const char *const ids[] = { "a1", "a0", "a2", "a3", "a4" };
	for (size_t i = 0; i < 5; i++)
		cr_expect_str_eq(set->annotations[i].id, ids[i]);
	const Annotation *a1 = &set->annotations[0];
	cr_expect_eq(a1->status, STATUS_CORRECTED);
	cr_expect_eq(a1->kind, KIND_DIRECT);
	cr_assert_eq(a1->claim.part_count, 2);
	char *part = xstrndup(article_text(set->article) + a1->claim.parts[1].start,
			      a1->claim.parts[1].end - a1->claim.parts[1].start);
	cr_expect_str_eq(part, "and we will win.");
	free(part);
	cr_expect_str_eq(a1->speaker.ref, "zhao-lijian");
	cr_expect_str_eq(a1->speaker.extras.items[0].key, "x-coref");
	cr_expect_eq(a1->confidence, 0.1);
	cr_expect_str_eq(a1->note, "interrupted quote; “curly” — emoji 🎉, CJK 北京, e\xCC\x81 combining");
	cr_assert_not_null(a1->original);
	cr_expect_eq(a1->original->fields, FIELD_SPEAKER | FIELD_CLAIM | FIELD_KIND | FIELD_LABEL);
	cr_expect_not(a1->original->speaker.present); /* speaker: null */
	cr_expect(a1->original->claim.present);
	cr_expect_str_eq(a1->original->claim.extras.items[0].key, "x-why");
	cr_expect_eq(a1->original->kind, KIND_INDIRECT);
	cr_expect_null(a1->original->label);
	cr_expect_str_eq(a1->original->extras.items[0].key, "x-engine-rule");
	cr_assert_eq(a1->extras.count, 1);
	const YamlValue *review = a1->extras.items[0].value;
	cr_assert_eq(review->type, YAML_VALUE_MAPPING);
	cr_expect_eq(review->count, 4);
	cr_expect_str_eq(review->items[3]->scalar, "two lines\nof text\n");
	cr_expect_eq(set->annotations[2].confidence, 0.3333333333333333);
	cr_expect_str_eq(set->annotations[4].label, "yes");
	cr_expect_str_eq(set->annotations[4].note, "123");

	cr_expect(set->has_optional);
	cr_assert_eq(set->optional_count, 1);
	cr_expect_str_eq(set->optional[0].extras.items[0].key, "x-why");

	cr_assert_eq(set->extras.count, 3);
	const YamlValue *list = set->extras.items[1].value;
	cr_assert_eq(list->count, 5);
	cr_expect_eq(list->items[0]->scalar_style, YAML_PLAIN_SCALAR_STYLE);
	cr_expect_neq(list->items[1]->scalar_style, YAML_PLAIN_SCALAR_STYLE); /* '1' stays a string */
	cr_expect_str_eq(list->items[2]->tag, "tag:yaml.org,2002:str");
	cr_expect(yaml_value_is_null(set->extras.items[2].value));
	annotation_set_free(set);
	annotation_set_free(first);
}

/* The first save of the hand-written file, pinned: layout, order, quoting. */
Test(store_round_trip, layout_is_pinned)
{
	AnnotationSet *set = load_file(FIXTURES "/full.yaml");
	char *saved = write_text(set);
	char *expected = read_file(FIXTURES "/full.expected.yaml");
	cr_expect_str_eq(saved, expected);
	free(saved);
	free(expected);
	annotation_set_free(set);
}

Test(store_round_trip, inline_document_text)
{
	AnnotationSet *first = load_file(FIXTURES "/inline.yaml");
	cr_expect(first->document_inline);
	cr_expect_null(first->document_path);
	char *expected = read_file(FIXTURES "/unicode.txt");
	cr_expect_str_eq(article_text(first->article), expected);
	free(expected);
	annotation_set_free(round_trip(first, NULL));
	annotation_set_free(first);
}

Test(store_round_trip, inline_text_is_a_literal_block)
{
	const char *text = "Line one, “quoted”.\n\n  Indented 北京 line.\n";
	Diagnostics diag = {0};
	AnnotationSet *set = annotation_set_new(article_from_memory("a", text, strlen(text), &diag));
	set->document_inline = true;
	char *saved = write_text(set);
	cr_expect(strstr(saved, "  text: |\n    Line one, “quoted”.\n\n      Indented 北京 line.\n") ||
		  strstr(saved, "  text: |2\n"), "%s", saved);
	AnnotationSet *again = load_text(saved, NULL);
	cr_expect_str_eq(article_text(again->article), text);
	free(saved);
	annotation_set_free(again);
	annotation_set_free(set);
}

Test(store_round_trip, strings_that_look_like_other_types_are_quoted)
{
	const char *yaml = "saywho: 1\n"
			   "document: {text: \"x\", length: 1}\n"
			   "annotator: 'true'\n"
			   "labels: ['1.5', 'null', '2026-01-01', '0x1F', '1e3', plain, '~', 'yes']\n"
			   "annotations: []\n";
	AnnotationSet *set = load_text(yaml, NULL);
	char *saved = write_text(set);
	cr_expect(strstr(saved, "annotator: 'true'\n"), "%s", saved);
	cr_expect(strstr(saved, "labels: ['1.5', 'null', '2026-01-01', '0x1F', '1e3', plain, '~', 'yes']"),
		  "%s", saved);
	free(saved);
	annotation_set_free(set);
}

Test(store_round_trip, confidence_shortest_decimal)
{
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	static const double values[] = { 0.1, 0.62, 1.0 / 3.0, 0.0, 1.0, 0.30000000000000004 };
	static const char *const texts[] = { "0.1", "0.62", "0.3333333333333333", "0", "1",
					     "0.30000000000000004" };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		set->annotations[0].has_confidence = true;
		set->annotations[0].confidence = values[i];
		char *saved = write_text(set);
		char expected[64];
		snprintf(expected, sizeof expected, "confidence: %s\n", texts[i]);
		cr_expect(strstr(saved, expected), "want %s in\n%s", expected, saved);
		AnnotationSet *again = load_text(saved, FIXTURES);
		cr_expect_eq(again->annotations[0].confidence, values[i]);
		annotation_set_free(again);
		free(saved);
	}
	annotation_set_free(set);
}

Test(store_round_trip, original_null_fields)
{
	AnnotationSet *set = load_text(
		variant("    label: position\n",
			"    label: position\n"
			"    original: {speaker: null, cue: null, kind: null, label: null}\n"),
		FIXTURES);
	const AnnotationOriginal *o = set->annotations[0].original;
	cr_assert_not_null(o);
	cr_expect_eq(o->fields, FIELD_SPEAKER | FIELD_CUE | FIELD_KIND | FIELD_LABEL);
	char *saved = write_text(set);
	cr_expect(strstr(saved, "  original:\n    speaker: null\n    cue: null\n    kind: null\n"
				"    label: null\n"),
		  "%s", saved);
	free(saved);
	annotation_set_free(round_trip(set, FIXTURES));
	annotation_set_free(set);
}

Test(store_round_trip, annotations_before_document_and_refs_before_speakers)
{
	const char *yaml = "annotations:\n"
			   "  - id: a1\n"
			   "    status: accepted\n"
			   "    speaker: {start: 12, end: 16, text: Zhao, ref: zhao}\n"
			   "    claim: {start: 1, end: 5, text: \"Yes,\"}\n"
			   "    label: position\n"
			   "speakers: [{id: zhao}]\n"
			   "labels: [position]\n"
			   "saywho: 1\n"
			   "document: {path: small.txt, length: 29}\n";
	AnnotationSet *set = load_text(yaml, FIXTURES);
	cr_assert_eq(set->annotation_count, 1);
	cr_expect_eq(set->annotations[0].claim.start, 3);
	char *saved = write_text(set);
	cr_expect_eq(strncmp(saved, "saywho: 1\ndocument:\n  path: small.txt\n", 38), 0, "%s", saved);
	free(saved);
	annotation_set_free(set);

	/* The same order with a wrong text and an unknown ref: still found. */
	Diagnostics diag = refused("annotations:\n"
				   "  - id: a1\n"
				   "    status: accepted\n"
				   "    speaker: {start: 12, end: 16, text: Zhao, ref: zhou}\n"
				   "    claim: {start: 1, end: 5, text: \"No,\"}\n"
				   "speakers: [{id: zhao}]\n"
				   "saywho: 1\n"
				   "document: {path: small.txt, length: 29}\n",
				   NULL);
	expect_problem(&diag, 4, 52, "speaker ref 'zhou' names no entry of speakers");
	expect_problem(&diag, 5, 37, "claim.text does not match the article");
	cr_expect_eq(diagnostics_error_count(&diag), 2);
	diagnostics_free(&diag);
}

/* ---- refusals: each has its own message and position ---- */

Test(store_refuses, yaml_syntax)
{
	expect_only(variant("labels: [position, denial]", "labels: [position, denial"), 7, 9,
		    "did not find expected ',' or ']'");
}

Test(store_refuses, invalid_utf8_in_yaml)
{
	expect_only(variant("name: Zhao", "name: Zh\xff"), 8, 24, "invalid leading UTF-8 octet");
}

Test(store_refuses, anchor)
{
	expect_only(variant("status: accepted", "status: &s accepted"), 11, 13,
		    "anchors (&s) are not supported");
}

Test(store_refuses, alias)
{
	expect_only(variant("    label: position\n", "    label: position\n    note: *n\n"), 16, 11,
		    "aliases (*n) are not supported");
}

Test(store_refuses, nesting_too_deep)
{
	char deep[4096] = "saywho: 1\nx-deep: ";
	for (int i = 0; i < STORE_MAX_DEPTH + 5; i++)
		strcat(deep, "[");
	Diagnostics diag = refused(deep, NULL);
	/* The top mapping is level 1, so level 65 is the 64th bracket, at column 9 + 63. */
	expect_problem(&diag, 2, 8 + STORE_MAX_DEPTH, "nesting deeper than 64 levels");
	cr_expect_eq(diagnostics_error_count(&diag), 1);
	diagnostics_free(&diag);
}

Test(store_refuses, newer_schema)
{
	expect_only(variant("saywho: 1", "saywho: 2"), 1, 9,
		    "schema version 2 is newer than this saywho reads (1)");
}

Test(store_refuses, schema_not_an_integer)
{
	expect_only(variant("saywho: 1", "saywho: one"), 1, 9,
		    "saywho (the schema version) must be an integer, not \"one\"");
}

Test(store_refuses, missing_required_keys)
{
	expect_only(variant("saywho: 1\n", ""), 1, 1, "missing required key 'saywho'");
	Diagnostics diag = refused("saywho: 1\nx: 1\n", NULL);
	expect_problem(&diag, 1, 1, "missing required key 'document'");
	expect_problem(&diag, 1, 1, "missing required key 'annotations'");
	diagnostics_free(&diag);
}

Test(store_refuses, document_path_and_text)
{
	expect_only(variant("  length: 29\n", "  length: 29\n  text: \"“Yes,” said Zhao. 北京 agreed.\\n\"\n"),
		    5, 3, "document has both path and text: keep one");
}

Test(store_refuses, document_without_path_or_text)
{
	Diagnostics diag = refused(variant("  path: small.txt\n", ""), NULL);
	expect_problem(&diag, 3, 3, "document needs path (the article file) or text (the article)");
	diagnostics_free(&diag);
}

Test(store_refuses, document_without_length)
{
	expect_only(variant("  length: 29\n", ""), 3, 3, "document needs length");
}

Test(store_refuses, annotation_without_id_status_claim)
{
	expect_only(variant("  - id: a1\n    status", "  - status"), 10, 5, "annotation needs an id");
	expect_only(variant("    status: accepted\n", ""), 10, 5, "annotation a1 needs a status");
	expect_only(variant("    claim: {start: 1, end: 5, text: \"Yes,\"}\n", ""), 10, 5,
		    "annotation a1 needs a claim");
}

Test(store_refuses, span_start_not_an_integer)
{
	expect_only(variant("{start: 1,", "{start: one,"), 14, 20,
		    "claim.start must be an integer, not \"one\"");
}

Test(store_refuses, span_without_end)
{
	expect_only(variant("cue: {start: 7, end: 11, text: said}", "cue: {start: 7, text: said}"),
		    13, 10, "cue needs end");
}

Test(store_refuses, span_out_of_range)
{
	expect_only(variant("{start: 1, end: 5, text: \"Yes,\"}", "{start: 1, end: 30}"), 14, 28,
		    "claim.end 30 is past the end of the article (29 code points)");
	expect_only(variant("{start: 1, end: 5, text: \"Yes,\"}", "{start: -1, end: 5}"), 14, 20,
		    "claim.start -1 is negative");
}

Test(store_refuses, span_start_after_end)
{
	expect_only(variant("{start: 1, end: 5, text: \"Yes,\"}", "{start: 5, end: 1}"), 14, 20,
		    "claim.start 5 is after claim.end 1");
}

Test(store_refuses, span_text_mismatch)
{
	expect_only(variant("text: \"Yes,\"", "text: \"Yes\""), 14, 37,
		    "claim.text does not match the article, which has \"Yes,\" at 1..5");
	/* Code points, not bytes: 北京 is at 18..20. */
	expect_only(variant("{start: 7, end: 11, text: said}", "{start: 18, end: 20, text: 北}"), 13,
		    37, "cue.text does not match the article, which has \"北京\" at 18..20");
}

Test(store_refuses, parts_outside_or_out_of_order)
{
	expect_only(variant("text: \"Yes,\"}", "text: \"Yes,\", parts: [{start: 1, end: 3}, {start: 4, end: 6}]}"),
		    14, 73, "claim.parts[1] (4..6) is outside claim (1..5)");
	expect_only(variant("text: \"Yes,\"}", "text: \"Yes,\", parts: [{start: 3, end: 5}, {start: 1, end: 2}]}"),
		    14, 73, "claim.parts[1] starts before claim.parts[0] ends (1 < 5)");
	expect_only(variant("text: \"Yes,\"}", "text: \"Yes,\", parts: [{start: 1, end: 3, text: Ye}, {start: 4, end: 5, text: x}]}"),
		    14, 108, "claim.parts[1].text does not match the article, which has \",\" at 4..5");
}

Test(store_refuses, wrong_value_type)
{
	expect_only(variant("    label: position\n", "    label: position\n    note: {start: 0}\n"),
		    16, 11, "note must be a string, not a mapping");
}

Test(store_refuses, unknown_status)
{
	expect_only(variant("status: accepted", "status: approved"), 11, 13,
		    "unknown status 'approved' (one of: candidate, accepted, rejected, corrected, added)");
}

Test(store_refuses, unknown_kind)
{
	expect_only(variant("    label: position\n", "    label: position\n    kind: quoted\n"), 16, 11,
		    "unknown kind 'quoted' (one of: direct, indirect, mixed)");
}

Test(store_refuses, unknown_speaker_type)
{
	expect_only(variant("type: person", "type: human"), 8, 34, "unknown speaker type 'human'");
}

Test(store_refuses, label_not_in_labels)
{
	expect_only(variant("label: position", "label: praise"), 15, 12,
		    "label 'praise' is not in labels");
}

Test(store_refuses, ref_without_speaker)
{
	expect_only(variant("ref: zhao", "ref: zhou"), 12, 52,
		    "speaker ref 'zhou' names no entry of speakers");
}

Test(store_refuses, duplicate_annotation_id)
{
	expect_only(variant("    label: position\n",
			    "    label: position\n"
			    "  - id: a1\n"
			    "    status: rejected\n"
			    "    claim: {start: 7, end: 11, text: said}\n"),
		    16, 9, "duplicate annotation id 'a1' (first at line 10)");
}

Test(store_refuses, duplicate_speaker_id)
{
	expect_only(variant("type: person}\n", "type: person}\n  - {id: zhao, name: Zhao Lijian}\n"), 9,
		    10, "duplicate speaker id 'zhao' (first at line 8)");
}

Test(store_refuses, duplicate_key)
{
	expect_only(variant("    label: position\n", "    label: position\n    status: rejected\n"), 16,
		    5, "duplicate key 'status'");
}

Test(store_refuses, document_length_mismatch)
{
	expect_only(variant("length: 29", "length: 30"), 4, 11,
		    "document.length is 30 but the article has 29 code points");
}

Test(store_refuses, sha256_mismatch_error_or_warning)
{
	const char *yaml = variant("sha256: 19fd", "sha256: 29fd");
	expect_only(yaml, 5, 11, "document.sha256 does not match the article (whose sha256 is 19fda8");

	Diagnostics diag = {0};
	StoreLoadOptions options = { .sha256_mismatch_is_warning = true };
	AnnotationSet *set = store_load_memory("w.yaml", yaml, strlen(yaml), FIXTURES, &options, &diag);
	cr_assert_not_null(set);
	cr_assert_eq(diag.count, 1);
	cr_expect_eq(diag.items[0].severity, DIAG_WARNING);
	/* Saving writes the hash of the article the spans were checked against. */
	char *saved = write_text(set);
	cr_expect(strstr(saved, "sha256: 19fda8f656881f6b91de86f3188f371cc7fc159b2a4788931bdf5aae9d7579f7\n"));
	free(saved);
	annotation_set_free(set);
	diagnostics_free(&diag);
}

Test(store_refuses, confidence_out_of_range)
{
	expect_only(variant("    label: position\n", "    label: position\n    confidence: 1.5\n"), 16,
		    17, "confidence must be a number from 0 to 1, not \"1.5\"");
}

Test(store_refuses, empty_file_and_wrong_root)
{
	expect_only("", 1, 1, "the file is empty");
	expect_only("- a\n- b\n", 1, 1, "the file must be a mapping with saywho, document and annotations, not a list");
}

Test(store_refuses, second_document)
{
	char yaml[4096];
	snprintf(yaml, sizeof yaml, "%s---\nsaywho: 1\n", base_yaml);
	expect_only(yaml, 16, 1, "a second YAML document: a file holds one");
}

Test(store_refuses, missing_article)
{
	Diagnostics diag = refused(variant("path: small.txt", "path: nowhere.txt"), NULL);
	expect_problem(&diag, 3, 9, "document.path: the article 'tests/fixtures/store/nowhere.txt' could not be read");
	cr_expect_str_eq(diag.items[0].file, "tests/fixtures/store/nowhere.txt");
	diagnostics_free(&diag);
}

Test(store_refuses, invalid_article)
{
	Diagnostics diag = refused(variant("path: small.txt", "path: bad-utf8.txt"), NULL);
	/* The article's own message names the article, with the line and column of the bad byte. */
	cr_assert_geq(diag.count, 2);
	cr_expect_str_eq(diag.items[0].file, "tests/fixtures/store/bad-utf8.txt");
	cr_expect_eq(diag.items[0].line, 2);
	cr_expect_eq(diag.items[0].column, 5);
	expect_problem(&diag, 3, 9, "could not be read");
	diagnostics_free(&diag);
}

Test(store_refuses, keeps_going_and_lists_every_problem)
{
	const char *yaml = "saywho: 1\n"
			   "document: {path: small.txt, length: 28}\n"
			   "labels: [position]\n"
			   "annotations:\n"
			   "  - id: a1\n"
			   "    status: fine\n"
			   "    claim: {start: 1, end: 5, text: \"Yes\"}\n"
			   "    label: other\n"
			   "  - id: a1\n"
			   "    status: accepted\n"
			   "    claim: {start: 9, end: 2}\n";
	Diagnostics diag = refused(yaml, NULL);
	expect_problem(&diag, 2, 37, "document.length is 28 but the article has 29 code points");
	expect_problem(&diag, 6, 13, "unknown status 'fine'");
	expect_problem(&diag, 7, 37, "claim.text does not match");
	expect_problem(&diag, 8, 12, "label 'other' is not in labels");
	expect_problem(&diag, 9, 9, "duplicate annotation id 'a1'");
	expect_problem(&diag, 11, 20, "claim.start 9 is after claim.end 2");
	cr_expect_eq(diagnostics_error_count(&diag), 6);
	diagnostics_free(&diag);
}

Test(store_refuses, null_optional_field_is_a_warning)
{
	Diagnostics diag = {0};
	const char *yaml = variant("    label: position\n", "    label: position\n    note: ~\n");
	AnnotationSet *set = store_load_memory("n.yaml", yaml, strlen(yaml), FIXTURES, NULL, &diag);
	cr_assert_not_null(set);
	cr_assert_eq(diag.count, 1);
	cr_expect_eq(diag.items[0].severity, DIAG_WARNING);
	cr_expect_str_eq(diag.items[0].message, "note is null: read as absent, and not written back");
	cr_expect_null(set->annotations[0].note);
	annotation_set_free(set);
	diagnostics_free(&diag);
}

/* ---- saving ---- */

static char temp_dir[64];

static void make_temp_dir(void)
{
	snprintf(temp_dir, sizeof temp_dir, "/tmp/saywho-store-test-XXXXXX");
	cr_assert_not_null(mkdtemp(temp_dir));
}

static void remove_temp_dir(void)
{
	DIR *dir = opendir(temp_dir);
	if (!dir)
		return;
	struct dirent *entry;
	char path[512];
	while ((entry = readdir(dir))) {
		if (entry->d_name[0] == '.' && (!entry->d_name[1] || !strcmp(entry->d_name, "..")))
			continue;
		snprintf(path, sizeof path, "%s/%s", temp_dir, entry->d_name);
		chmod(path, 0700);
		unlink(path);
	}
	closedir(dir);
	rmdir(temp_dir);
}

static size_t count_entries(const char *folder)
{
	DIR *dir = opendir(folder);
	cr_assert_not_null(dir);
	size_t n = 0;
	struct dirent *entry;
	while ((entry = readdir(dir)))
		n += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
	closedir(dir);
	return n;
}

static AnnotationSet *base_set_in_temp(char *path, size_t size)
{
	/* The article sits beside the file, as document.path says. */
	char article[512];
	snprintf(article, sizeof article, "%s/small.txt", temp_dir);
	FILE *out = fopen(article, "w");
	fputs("“Yes,” said Zhao. 北京 agreed.\n", out);
	fclose(out);
	snprintf(path, size, "%s/a.yaml", temp_dir);
	out = fopen(path, "w");
	fputs(base_yaml, out);
	fclose(out);
	return load_file(path);
}

TestSuite(store_save, .init = make_temp_dir, .fini = remove_temp_dir);

Test(store_save, new_file_then_replace_keeping_mode)
{
	char path[512];
	AnnotationSet *set = base_set_in_temp(path, sizeof path);
	char copy[512];
	snprintf(copy, sizeof copy, "%s/new.yaml", temp_dir);
	Diagnostics diag = {0};
	cr_assert(store_save(set, copy, &diag));
	cr_expect_eq(diag.count, 0);
	cr_expect_str_eq(set->file_path, copy);
	struct stat st;
	cr_assert_eq(stat(copy, &st), 0);
	mode_t mask = umask(0);
	umask(mask);
	cr_expect_eq(st.st_mode & 0777, 0644 & ~mask);

	char *saved = read_file(copy);
	char *expected = write_text(set);
	cr_expect_str_eq(saved, expected);
	free(saved);
	free(expected);

	cr_assert_eq(chmod(copy, 0600), 0);
	cr_assert(store_save(set, NULL, &diag));
	cr_assert_eq(stat(copy, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600, "permissions not kept: %o", st.st_mode & 0777);
	cr_expect_eq(count_entries(temp_dir), 3, "a temporary file was left behind");
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, without_sync_same_bytes)
{
	char path[512];
	AnnotationSet *set = base_set_in_temp(path, sizeof path);
	char copy[512];
	snprintf(copy, sizeof copy, "%s/batch.yaml", temp_dir);
	Diagnostics diag = {0};
	StoreSaveOptions options = { .no_sync = true };
	cr_assert(store_save_with(set, copy, &options, &diag));
	cr_expect_eq(diag.count, 0);
	char *saved = read_file(copy), *expected = write_text(set);
	cr_expect_str_eq(saved, expected);
	cr_expect_eq(count_entries(temp_dir), 3, "a temporary file was left behind");
	free(saved);
	free(expected);
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, failure_into_a_folder_that_is_a_file)
{
	char path[512];
	AnnotationSet *set = base_set_in_temp(path, sizeof path);
	char inside[600];
	snprintf(inside, sizeof inside, "%s/sub.yaml", path); /* a.yaml is a file, not a folder */
	Diagnostics diag = {0};
	cr_assert_not(store_save(set, inside, &diag));
	cr_assert_eq(diag.count, 1);
	cr_expect(strstr(diag.items[0].message, "not saved (the file on disk is unchanged)"));
	cr_expect(strstr(diag.items[0].message, strerror(ENOTDIR)), "%s", diag.items[0].message);
	char *still = read_file(path);
	cr_expect_str_eq(still, base_yaml);
	free(still);
	cr_expect_str_eq(set->file_path, path);
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, failure_in_a_read_only_folder)
{
	if (geteuid() == 0)
		cr_skip_test("running as root: a read-only folder does not stop root");
	char path[512];
	AnnotationSet *set = base_set_in_temp(path, sizeof path);
	cr_assert_eq(chmod(temp_dir, 0500), 0);
	Diagnostics diag = {0};
	bool saved = store_save(set, path, &diag);
	chmod(temp_dir, 0700);
	cr_assert_not(saved);
	cr_expect(strstr(diag.items[0].message, strerror(EACCES)), "%s", diag.items[0].message);
	char *still = read_file(path);
	cr_expect_str_eq(still, base_yaml);
	free(still);
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, write_error_says_why)
{
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		cr_skip_test("no /dev/full");
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	Diagnostics diag = {0};
	cr_expect_not(store_write(set, full, "/dev/full", &diag));
	fclose(full);
	cr_assert_eq(diag.count, 1);
	cr_expect_str_eq(diag.items[0].file, "/dev/full");
	cr_expect(strstr(diag.items[0].message, strerror(ENOSPC)), "%s", diag.items[0].message);
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, updated_changes_only_with_the_content)
{
	char path[512];
	AnnotationSet *set = base_set_in_temp(path, sizeof path);
	Diagnostics diag = {0};
	/* Unmodified: saved as loaded, no `updated` added. */
	char *expected = write_text(set);
	cr_assert(store_save(set, NULL, &diag));
	char *saved = read_file(path);
	cr_expect_str_eq(saved, expected);
	cr_expect_null(strstr(saved, "updated:"));
	free(saved);
	free(expected);
	/* A change stamps it (SAYWHO_NOW in the test environment). */
	setenv("SAYWHO_NOW", "2026-01-02T03:04:05Z", 1);
	cr_assert(annotation_set_reject(set, 0, NULL));
	cr_expect(history_is_modified(set));
	cr_assert(store_save(set, NULL, &diag));
	cr_expect_not(history_is_modified(set));
	saved = read_file(path);
	cr_expect(strstr(saved, "updated: 2026-01-02T03:04:05Z\n"), "%s", saved);
	cr_expect(strstr(saved, "status: rejected\n"));
	free(saved);
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_save, no_file_name)
{
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	Diagnostics diag = {0};
	cr_expect_not(store_save(set, NULL, &diag));
	cr_expect_str_eq(diag.items[0].message, "not saved: no file name to save to");
	diagnostics_free(&diag);
	annotation_set_free(set);
}

Test(store_load_file, directory_and_missing_file)
{
	Diagnostics diag = {0};
	cr_expect_null(store_load(FIXTURES, NULL, &diag));
	cr_expect_str_eq(diag.items[0].message, "cannot read: Is a directory");
	cr_expect_null(store_load(FIXTURES "/absent.yaml", NULL, &diag));
	cr_expect_str_eq(diag.items[1].message, "cannot read: No such file or directory");
	diagnostics_free(&diag);
}

Test(store_load_file, gold_in_shared_when_present)
{
	const char *path = "../shared/gold/000_f5134cf206b5ca94.gold.yaml";
	if (access(path, R_OK) != 0)
		cr_skip_test("../shared is absent");
	AnnotationSet *set = load_file(path);
	annotation_set_free(set);
}

/* Bad input never crashes: every prefix of a file, and every byte of it replaced. Each load
 * either succeeds or says why. */
Test(store_refuses, every_prefix_and_corruption_of_a_file)
{
	char *text = read_file(FIXTURES "/full.yaml");
	size_t size = strlen(text);
	char *copy = xmalloc(size + 1);
	static const char replacements[] = { '\0', ':', '[', '{', '&', '*', '"', '\n', '-', '\xff' };
	for (size_t cut = 0; cut <= size; cut++) {
		Diagnostics diag = {0};
		AnnotationSet *set = store_load_memory("cut.yaml", text, cut, FIXTURES, NULL, &diag);
		cr_assert(set || diagnostics_error_count(&diag) > 0, "refused without a reason at %zu", cut);
		annotation_set_free(set);
		diagnostics_free(&diag);
	}
	for (size_t at = 0; at < size; at += 7) {
		memcpy(copy, text, size + 1);
		copy[at] = replacements[at % sizeof replacements];
		Diagnostics diag = {0};
		AnnotationSet *set = store_load_memory("flip.yaml", copy, size, FIXTURES, NULL, &diag);
		cr_assert(set || diagnostics_error_count(&diag) > 0, "refused without a reason at %zu", at);
		annotation_set_free(set);
		diagnostics_free(&diag);
	}
	free(copy);
	free(text);
}

Test(store_refuses, unknown_key_in_a_part_is_a_warning)
{
	Diagnostics diag = {0};
	const char *yaml = variant("text: \"Yes,\"}", "text: \"Yes,\", parts: [{start: 1, end: 5, x: 1}]}");
	AnnotationSet *set = store_load_memory("p.yaml", yaml, strlen(yaml), FIXTURES, NULL, &diag);
	cr_assert_not_null(set);
	cr_assert_eq(diag.count, 1);
	cr_expect_eq(diag.items[0].severity, DIAG_WARNING);
	cr_expect_eq(diag.items[0].column, 72);
	cr_expect_str_eq(diag.items[0].message, "claim.parts[0]: unknown key 'x' is not kept");
	annotation_set_free(set);
	diagnostics_free(&diag);
}

/* Characters above U+FFFF (emoji) are written as they are, not as \U escapes, also when a
 * string holds thousands of them (the emitter's buffer boundaries fall inside them). */
Test(store_round_trip, emoji_written_as_they_are)
{
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	size_t count = 5000;
	char *note = xmalloc(count * 5 + 8);
	size_t n = 0;
	for (size_t i = 0; i < count; i++) {
		memcpy(note + n, i % 2 ? "\xF0\x9F\x8E\x89" : "\xF0\x9F\x91\x8D", 4); /* 🎉 👍 */
		n += 4;
		if (i % 7 == 0)
			note[n++] = 'x';
	}
	note[n] = '\0';
	set->annotations[0].note = note;
	char *saved = write_text(set);
	cr_expect_null(strstr(saved, "\\U"), "an escape was written");
	cr_expect(strstr(saved, "note: \xF0\x9F\x91\x8Dx\xF0\x9F\x8E\x89"), "%.200s", saved);
	AnnotationSet *again = load_text(saved, FIXTURES);
	cr_expect_str_eq(again->annotations[0].note, note);
	free(saved);
	annotation_set_free(again);
	annotation_set_free(set);
}

/* Private-use characters U+E000..U+E7FF in a file turn the emoji pairs off: escapes, still
 * exact. */
Test(store_round_trip, emoji_beside_private_use_characters)
{
	AnnotationSet *set = load_text(base_yaml, FIXTURES);
	set->annotations[0].note = xstrdup("\xEE\x80\x80\xEE\x90\x80 \xF0\x9F\x8E\x89");
	char *saved = write_text(set);
	cr_expect(strstr(saved, "\\U0001F389"), "%s", saved);
	AnnotationSet *again = load_text(saved, FIXTURES);
	cr_expect_str_eq(again->annotations[0].note, set->annotations[0].note);
	free(saved);
	annotation_set_free(again);
	annotation_set_free(set);
}
