/* Exports: jsonl parsed back, conll columns, brat files; selection by status; determinism. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/output/brat.h"
#include "model/output/export.h"

#define EDGE_PRED "tests/output/fixtures/edge.pred.yaml"

static char *jsonl_of(const AnnotationSet *set, const ExportOptions *options)
{
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	cr_assert(export_jsonl_write(set, "doc", options, out));
	fclose(out);
	return buffer;
}

/* The substring of `text` from code point `start` to `end`. */
static char *cp_substring(const char *text, size_t start, size_t end)
{
	size_t cp = 0, from = 0, to = 0, i = 0;
	for (; text[i]; i++) {
		if (((unsigned char)text[i] & 0xC0) == 0x80)
			continue;
		if (cp == start)
			from = i;
		if (cp == end)
			break;
		cp++;
	}
	to = text[i] ? i : strlen(text);
	if (end == cp && !text[i])
		to = i;
	return strndup(text + from, to - from);
}

static json_t *jsonl_object_of(const AnnotationSet *set, const ExportOptions *options)
{
	char *line = jsonl_of(set, options);
	json_t *object = json_loads(line, 0, NULL);
	cr_assert_not_null(object);
	free(line);
	return object;
}

static size_t count_label(json_t *spans, const char *label)
{
	size_t n = 0, i;
	json_t *span;
	json_array_foreach(spans, i, span)
		n += strcmp(json_string_value(json_object_get(span, "label")), label) == 0;
	return n;
}

Test(export_jsonl, gold_parses_back_with_spans_relations_and_offsets)
{
	AnnotationSet *gold = load_fixture(SEED_GOLD);
	ExportOptions options = {0};
	char *line = jsonl_of(gold, &options);
	cr_assert_eq(strchr(line, '\n'), line + strlen(line) - 1, "one line per article");
	json_error_t error;
	json_t *object = json_loads(line, 0, &error);
	cr_assert_not_null(object, "invalid JSON: %s", error.text);
	const char *text = json_string_value(json_object_get(object, "text"));
	cr_assert_str_eq(text, article_text(gold->article));
	json_t *spans = json_object_get(object, "spans");
	cr_assert_eq(count_label(spans, "CLAIM"), 23);
	cr_assert_eq(count_label(spans, "SPEAKER"), 23);
	cr_assert_eq(count_label(spans, "CUE"), 23);
	cr_assert_eq(json_array_size(json_object_get(object, "relations")), 46);
	/* the first claim of the seed (g1), in code points, with its text and attributes */
	json_t *first = json_array_get(spans, 0);
	cr_assert_eq(json_integer_value(json_object_get(first, "start")), 145);
	cr_assert_eq(json_integer_value(json_object_get(first, "end")), 254);
	json_t *attributes = json_object_get(first, "attributes");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "speaker")), "China");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "speaker_type")), "government");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "kind")), "mixed");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "label")), "denial");
	/* every span's offsets cover the text its annotation says */
	size_t i;
	json_t *span;
	json_t *tokens = json_object_get(object, "tokens");
	json_array_foreach(spans, i, span) {
		size_t start = (size_t)json_integer_value(json_object_get(span, "start"));
		size_t end = (size_t)json_integer_value(json_object_get(span, "end"));
		json_t *token = json_array_get(tokens, (size_t)json_integer_value(json_object_get(span, "token_start")));
		cr_assert_leq((size_t)json_integer_value(json_object_get(token, "start")), start);
		cr_assert_lt(start, end);
	}
	char *claim = cp_substring(text, 145, 254);
	cr_assert(strncmp(claim, "the groundless claim", 20) == 0, "got '%s'", claim);
	free(claim);
	/* relations point from speaker and cue to the claim */
	json_t *relation = json_array_get(json_object_get(object, "relations"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(relation, "label")), "speaker_of");
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(relation, "child_span"), "label")), "CLAIM");
	/* deterministic */
	char *again = jsonl_of(gold, &options);
	cr_assert_str_eq(line, again);
	free(again);
	free(line);
	json_decref(object);
	annotation_set_free(gold);
}

Test(export_jsonl, selection_by_status_and_original)
{
	AnnotationSet *pred = load_fixture(EDGE_PRED);
	ExportOptions reviewed = {0}, with_rejected = {.include_rejected = true},
		      everything = {.include_rejected = true, .include_pending = true};
	cr_assert_eq(export_pending_count(pred), 9);
	json_t *o = jsonl_object_of(pred, &reviewed);
	json_t *spans = json_object_get(o, "spans");
	cr_assert_eq(count_label(spans, "CLAIM"), 1, "only the corrected p3 is reviewed and kept");
	json_t *attributes = json_object_get(json_array_get(spans, 0), "attributes");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "status")), "corrected");
	json_t *original = json_object_get(attributes, "original");
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(original, "speaker"), "ref")), "eu");
	cr_assert_str_eq(json_string_value(json_object_get(original, "kind")), "mixed");
	cr_assert_str_eq(json_string_value(json_object_get(attributes, "speaker")), "EU");
	cr_assert_eq(json_array_size(json_object_get(json_array_get(spans, 0), "parts")), 2);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(o, "meta"), "pending")), 9);
	json_decref(o);

	o = jsonl_object_of(pred, &with_rejected);
	spans = json_object_get(o, "spans");
	cr_assert_eq(count_label(spans, "CLAIM"), 2);
	size_t i, negatives = 0;
	json_t *span;
	json_array_foreach(spans, i, span)
		negatives += json_is_true(json_object_get(json_object_get(span, "attributes"), "negative"));
	cr_assert_eq(negatives, 2, "the rejected claim and its speaker are marked negative");
	json_decref(o);

	o = jsonl_object_of(pred, &everything);
	cr_assert_eq(count_label(json_object_get(o, "spans"), "CLAIM"), 11);
	json_decref(o);
	annotation_set_free(pred);
}

static char *conll_of(const AnnotationSet *set, const ExportOptions *options)
{
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	cr_assert(export_conll_write(set, "doc", options, out));
	fclose(out);
	return buffer;
}

static size_t count_substring(const char *text, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Strict IOB2 in every column: an I-X only right after a B-X or an I-X of the same sentence. */
static void expect_iob2(const char *conll)
{
	char *copy = strdup(conll), *save = NULL;
	char previous[3][64] = {"O", "O", "O"};
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *tag = strchr(line, '\t');
		for (int column = 0; column < 3 && tag; column++) {
			tag++;
			size_t length = strcspn(tag, "\t");
			if (tag[0] == 'I')
				cr_expect(strncmp(previous[column] + 1, tag + 1, length - 1) == 0 &&
						  previous[column][length] == '\0' && previous[column][0] != 'O',
					  "I after %s: %s", previous[column], line);
			snprintf(previous[column], sizeof previous[column], "%.*s", (int)length, tag);
			tag = strchr(tag, '\t');
		}
	}
	free(copy);
}

/* An interrupted quotation (claim in parts): each piece begins with B-CONTENT. */
Test(export_conll, each_piece_of_a_claim_in_parts_begins_with_b)
{
	AnnotationSet *pred = load_fixture(EDGE_PRED);
	ExportOptions options = {0};
	char *conll = conll_of(pred, &options);
	/* p3: "the plan" and "unfair,”" with "was “" between */
	cr_expect_not_null(strstr(conll, "\nThe\tB-SOURCE"), "%s", conll);
	cr_expect_not_null(strstr(conll, "\nplan\tO\tO\tI-CONTENT\n"), "%s", conll);
	cr_expect_not_null(strstr(conll, "\nwas\tO\tO\tO\n"), "%s", conll);
	cr_expect_not_null(strstr(conll, "\nunfair\tO\tO\tB-CONTENT\n"), "%s", conll);
	expect_iob2(conll);
	free(conll);
	ExportOptions everything = {.include_rejected = true, .include_pending = true};
	conll = conll_of(pred, &everything);
	expect_iob2(conll);
	free(conll);
	annotation_set_free(pred);
}

Test(export_conll, bio_columns_and_sentences)
{
	AnnotationSet *gold = load_fixture(SEED_GOLD);
	ExportOptions options = {0};
	char *conll = conll_of(gold, &options);
	cr_assert(strncmp(conll, "# document: doc\n", 16) == 0);
	cr_assert_eq(count_substring(conll, "\tB-CONTENT\n"), 23, "one B per claim");
	cr_assert_gt(count_substring(conll, "\tI-CONTENT\n"), 100);
	cr_assert_gt(count_substring(conll, "\n\n"), 20, "blank lines between sentences");
	/* every token line has four columns and valid tags */
	char *copy = strdup(conll), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *tab1 = strchr(line, '\t');
		cr_assert_not_null(tab1, "line without columns: %s", line);
		char *tab2 = strchr(tab1 + 1, '\t'), *tab3 = tab2 ? strchr(tab2 + 1, '\t') : NULL;
		cr_assert(tab2 && tab3 && !strchr(tab3 + 1, '\t'), "not four columns: %s", line);
		cr_assert(tab1[1] == 'O' || tab1[1] == 'B' || tab1[1] == 'I');
	}
	/* "China rebutted the groundless claim": source, cue, content starts */
	cr_assert_not_null(strstr(conll, "China\tB-SOURCE\tO\tO\n"));
	cr_assert_not_null(strstr(conll, "rebutted\tO\tB-CUE\tO\n"));
	cr_assert_not_null(strstr(conll, "groundless\tO\tO\tI-CONTENT\n"));
	expect_iob2(conll);
	free(copy);
	free(conll);
	annotation_set_free(gold);

	AnnotationSet *pred = load_fixture(EDGE_PRED);
	ExportOptions everything = {.include_rejected = true, .include_pending = true};
	conll = conll_of(pred, &everything);
	cr_assert_gt(count_substring(conll, "_REJECTED"), 0);
	cr_assert_gt(count_substring(conll, "B-CONTENT_CANDIDATE"), 5);
	free(conll);
	annotation_set_free(pred);
}

/* A speaker and a cue in one run of CJK characters ("他说" is one word of the article) must
 * still be tokens of their own: a token tagged both SOURCE and CUE, or a span that does not
 * start and end on token boundaries, is refused by the training tools. */
#define CJK "tests/output/fixtures/cjk.yaml"

Test(export_conll, tokens_cut_at_span_boundaries)
{
	AnnotationSet *set = load_fixture(CJK);
	ExportOptions options = {0};
	char *conll = conll_of(set, &options);
	cr_assert_not_null(strstr(conll, "\n他\tB-SOURCE\tO\tO\n说\tO\tB-CUE\tO\n"), "%s", conll);
	cr_assert_null(strstr(conll, "他说"), "%s", conll);
	free(conll);
	annotation_set_free(set);
}

Test(export_jsonl, every_span_on_token_boundaries)
{
	AnnotationSet *set = load_fixture(CJK);
	ExportOptions options = {0};
	char *line = jsonl_of(set, &options);
	json_error_t error;
	json_t *object = json_loads(line, 0, &error);
	cr_assert_not_null(object, "%s", error.text);
	json_t *tokens = json_object_get(object, "tokens"), *spans = json_object_get(object, "spans");
	cr_assert_eq(json_array_size(spans), 3);
	size_t i;
	json_t *span;
	json_array_foreach(spans, i, span) {
		json_int_t first = json_integer_value(json_object_get(span, "token_start"));
		json_int_t last = json_integer_value(json_object_get(span, "token_end"));
		json_t *first_token = json_array_get(tokens, (size_t)first), *last_token = json_array_get(tokens, (size_t)last);
		cr_assert_eq(json_integer_value(json_object_get(first_token, "start")),
			     json_integer_value(json_object_get(span, "start")), "span %zu starts inside a token", i);
		cr_assert_eq(json_integer_value(json_object_get(last_token, "end")),
			     json_integer_value(json_object_get(span, "end")), "span %zu ends inside a token", i);
	}
	json_decref(object);
	free(line);
	annotation_set_free(set);
}

Test(export_brat, files_in_the_polnear_scheme)
{
	AnnotationSet *gold = load_fixture(SEED_GOLD);
	char *dir = make_temp_folder();
	ExportOptions options = {0};
	size_t written;
	Diagnostics diag = {0};
	cr_assert(brat_export(gold, "seed", dir, BRAT_LAYOUT_FLAT, &options, &written, &diag));
	cr_assert_eq(written, 23);
	char path[512];
	snprintf(path, sizeof path, "%s/seed.txt", dir);
	char *text = read_file(path);
	cr_assert_str_eq(text, article_text(gold->article), "the .txt is the article's bytes");
	snprintf(path, sizeof path, "%s/seed.ann", dir);
	char *ann = read_file(path);
	cr_assert_not_null(ann);
	cr_assert(strncmp(ann, "T1\tSource 117 122\tChina\nT2\tCue 136 144\trebutted\nT3\tContent 145 254\t", 66) == 0,
		  "got: %.120s", ann);
	cr_assert_not_null(strstr(ann, "\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"));
	cr_assert_eq(count_substring(ann, "\nE"), 23);
	cr_assert_not_null(strstr(ann, "\tSpeaker T1 china\n"));
	cr_assert_not_null(strstr(ann, "\tAnnotatorNotes T1\tspeaker: China\n"));
	free(text);
	free(ann);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	system(path);
	free(dir);
	diagnostics_free(&diag);
	annotation_set_free(gold);
}
