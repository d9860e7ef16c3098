/* The annotation list parsed in threads (model/store_chunks.c) gives exactly what the serial read
 * gives: the same model, the same saved bytes, the same diagnostics (messages, lines, columns,
 * order), on the fixtures, on odd but valid YAML and on broken files; and it falls back to the
 * serial read whenever the cut could be wrong. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/store.h"
#include "tests/model/yaml_files.h"

#define FIXTURES "tests/fixtures/store"

static char *written(AnnotationSet *set)
{
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);
	Diagnostics diag = {0};
	cr_assert(store_write(set, out, "out", &diag));
	fclose(out);
	diagnostics_free(&diag);
	return text;
}

static char *diagnostics_text(const Diagnostics *diag)
{
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);
	diagnostics_print(diag, out);
	fclose(out);
	return text;
}

typedef enum { EXPECT_ANY, EXPECT_PARALLEL, EXPECT_FALL_BACK } Expect;

/* Loads `yaml` serially and in parallel with several chunk sizes; everything must agree. */
static void compare_ways(const char *what, const char *yaml, Expect expect)
{
	Diagnostics serial_diag = {0};
	StoreLoadOptions serial_options = { .parse_threads = 1 };
	AnnotationSet *serial = store_load_memory("in.yaml", yaml, strlen(yaml), FIXTURES,
						  &serial_options, &serial_diag);
	char *serial_messages = diagnostics_text(&serial_diag);
	char *serial_bytes = serial ? written(serial) : NULL;
	static const size_t chunk_sizes[] = { 1, 60, 150, 1 << 20 };
	static const unsigned thread_counts[] = { 2, 3, 2, 4 };
	for (size_t k = 0; k < sizeof chunk_sizes / sizeof chunk_sizes[0]; k++) {
		Diagnostics diag = {0};
		StoreLoadReport report;
		StoreLoadOptions options = { .parse_threads = thread_counts[k],
					     .chunk_bytes = chunk_sizes[k], .report = &report };
		AnnotationSet *set = store_load_memory("in.yaml", yaml, strlen(yaml), FIXTURES,
						       &options, &diag);
		char *messages = diagnostics_text(&diag);
		cr_expect_str_eq(messages, serial_messages, "%s (chunks of %zu): the diagnostics differ",
				 what, chunk_sizes[k]);
		cr_expect_eq(set != NULL, serial != NULL, "%s (chunks of %zu): loaded %d, serially %d",
			     what, chunk_sizes[k], set != NULL, serial != NULL);
		if (set && serial) {
			cr_expect(annotation_set_equal(set, serial), "%s (chunks of %zu): the models differ",
				  what, chunk_sizes[k]);
			char *bytes = written(set);
			cr_expect_str_eq(bytes, serial_bytes, "%s (chunks of %zu): saved differently", what,
					 chunk_sizes[k]);
			free(bytes);
		}
		if (k == 0 && expect == EXPECT_PARALLEL)
			cr_expect(report.parallel && !report.fell_back && report.chunks > 1,
				  "%s: not read in parallel (parallel %d, chunks %zu, fell back %d)", what,
				  report.parallel, report.chunks, report.fell_back);
		if (k == 0 && expect == EXPECT_FALL_BACK)
			cr_expect(!report.parallel, "%s: read in parallel, but it should not have been",
				  what);
		free(messages);
		annotation_set_free(set);
		diagnostics_free(&diag);
	}
	free(serial_messages);
	free(serial_bytes);
	annotation_set_free(serial);
	diagnostics_free(&serial_diag);
}

static const char header[] =
	"saywho: 1\n"
	"document:\n"
	"  path: small.txt\n"
	"  length: 29\n"
	"labels: [position, denial]\n"
	"speakers:\n"
	"- {id: zhao, name: Zhao, type: person}\n"
	"- {id: beijing, name: 北京, type: government}\n"
	"annotations:\n";

/* Three plain items (small.txt is "“Yes,” said Zhao. 北京 agreed.\n"). */
static const char items[] =
	"- id: a1\n"
	"  status: accepted\n"
	"  speaker: {start: 12, end: 16, text: Zhao, ref: zhao}\n"
	"  cue: {start: 7, end: 11, text: said}\n"
	"  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
	"  label: position\n"
	"- id: a2\n"
	"  status: candidate\n"
	"  speaker: {start: 18, end: 20, text: 北京, ref: beijing}\n"
	"  claim: {start: 21, end: 27, text: agreed}\n"
	"  confidence: 0.5\n"
	"- id: a3\n"
	"  status: rejected\n"
	"  claim: {start: 7, end: 16, text: said Zhao}\n"
	"  note: plain\n";

static char *file_of(const char *head, const char *body, const char *tail)
{
	return xasprintf("%s%s%s", head, body, tail);
}

static void compare_body(const char *what, const char *body, const char *tail, Expect expect)
{
	char *yaml = file_of(header, body, tail);
	compare_ways(what, yaml, expect);
	free(yaml);
}

Test(store_parallel, canonical_items_are_read_in_parallel)
{
	compare_body("plain items", items, "", EXPECT_PARALLEL);
	compare_body("without a last line break", "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}", "", EXPECT_PARALLEL);
	compare_body("keys after the list", items,
		     "optional:\n- id: o1\n  status: candidate\n  claim: {start: 7, end: 11, text: said}\n"
		     "x-extra: {a: 1}\n", EXPECT_PARALLEL);
}

Test(store_parallel, odd_but_valid_yaml)
{
	/* indented list, comments, blank lines */
	compare_body("indented", "  - id: a1\n    status: accepted\n    claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "\n  # a comment\n  - id: a2\n    status: accepted\n    claim: {start: 7, end: 11, text: said}\n"
		     "# a comment at the left\n  - id: a3\n    status: rejected\n    claim: {start: 7, end: 16, text: said Zhao}\n",
		     "", EXPECT_PARALLEL);
	/* the item's mapping on the next line */
	compare_body("item on the next line", "-\n  id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- \n  id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_ANY);
	/* multi-line scalars: quoted, plain, literal, folded, with lines that look like items */
	compare_body("multi-line scalars",
		     "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "  note: 'one\n    - two\n\n    three'\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n"
		     "  note: plain\n    continued\n    - still the note\n"
		     "- id: a3\n  status: rejected\n  claim: {start: 7, end: 16, text: said Zhao}\n"
		     "  note: |\n    - a line\n    another\n  x-folded: >\n    a\n    - b\n",
		     "", EXPECT_PARALLEL);
	/* flow collections over several lines */
	compare_body("flow over lines",
		     "- id: a1\n  status: accepted\n  claim: {start: 1,\n    end: 5, text: \"Yes,\"}\n"
		     "- {id: a2, status: accepted,\n   claim: {start: 7, end: 11, text: said}}\n"
		     "- id: a3\n  status: rejected\n  claim: {start: 7, end: 16, text: said Zhao}\n  x-list: [a,\n   b]\n",
		     "", EXPECT_PARALLEL);
	/* tags, unknown keys, a double-quoted multi-line scalar */
	compare_body("tags and unknown keys",
		     "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n  x-t: !!str 12\n"
		     "  x-local: !mine {a: [1, 2]}\n- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n"
		     "  note: \"two\n    lines\\n and an escape \\u00e9\"\n", "", EXPECT_PARALLEL);
	/* CRLF line endings */
	compare_body("CRLF", "- id: a1\r\n  status: accepted\r\n  claim: {start: 1, end: 5, text: \"Yes,\"}\r\n"
		     "- id: a2\r\n  status: accepted\r\n  claim: {start: 7, end: 11, text: said}\r\n", "", EXPECT_ANY);
}

/* Where a cut could be wrong, the file is read serially: same result, including the messages. */
Test(store_parallel, doubtful_cuts_fall_back_to_the_serial_read)
{
	/* a quoted scalar whose next line starts at the left with "- " */
	compare_body("quoted line at the left",
		     "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "  note: 'one\n- two'\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_FALL_BACK);
	compare_body("double-quoted line at the left",
		     "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "  note: \"one\n- two\n- id: a9\"\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_FALL_BACK);
	/* line breaks libyaml counts and a line scan does not: a lone CR, NEL, LS */
	compare_body("lone CR", "- id: a1\n  status: accepted\r  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n  note: x\n", "", EXPECT_FALL_BACK);
	compare_body("LS in a scalar", "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "  note: a\xE2\x80\xA8 b\n- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n  note: x\n",
		     "", EXPECT_FALL_BACK);
	/* directives apply to the items */
	char *tagged = xasprintf("%%TAG !e! tag:example.com,2000:\n---\n%s%s", header,
				 "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n  x: !e!foo 1\n"
				 "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n");
	compare_ways("%TAG directive", tagged, EXPECT_FALL_BACK);
	free(tagged);
	/* annotations before the document */
	char *before = xasprintf("saywho: 1\nannotations:\n%sdocument:\n  path: small.txt\n  length: 29\n", items);
	compare_ways("annotations before the document", before, EXPECT_FALL_BACK);
	free(before);
	/* "annotations:" inside a quoted scalar of the header */
	char *inside = xasprintf("saywho: 1\ndocument:\n  path: small.txt\n  length: 29\nx-note: 'a\nannotations:\n- b'\n"
				 "annotations:\n%s", items);
	compare_ways("annotations line inside a scalar", inside, EXPECT_ANY);
	free(inside);
	/* a tab-indented line that ends the list early */
	compare_body("tab", "- id: a1\n  status: accepted\n\tclaim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_ANY);
}

/* Problems in the items are reported by the same code on the same events: same messages. */
Test(store_parallel, problems_in_items_same_messages)
{
	compare_body("bad values",
		     "- id: a1\n  status: maybe\n  claim: {start: 1, end: 5, text: \"No\"}\n  label: nope\n"
		     "- id: a1\n  status: accepted\n  speaker: {start: 12, end: 16, text: Zhao, ref: nobody}\n"
		     "  claim: {start: 9, end: 3, text: x}\n  confidence: 2\n"
		     "- id: a3\n  claim: {start: 7, end: 99}\n  kind: sideways\n", "", EXPECT_ANY);
	compare_body("anchors and aliases", "- &x id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- id: a2\n  status: *x\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_ANY);
	compare_body("syntax error in an item", "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "- id: a2\n  status: [accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_ANY);
	compare_body("syntax error after the list", items, "x-bad: [1, 2\n", EXPECT_ANY);
	compare_body("bad indentation", "- id: a1\n  status: accepted\n   claim: {start: 1, end: 5, text: \"Yes,\"}\n", "", EXPECT_ANY);
	compare_body("nesting too deep", "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
		     "  x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
		     "- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n", "", EXPECT_ANY);
	compare_body("a second document", items, "---\nfoo: 1\n", EXPECT_ANY);
	compare_body("an item that is not a mapping", "- just text\n- id: a2\n  status: accepted\n  claim: {start: 7, end: 11, text: said}\n",
		     "", EXPECT_ANY);
	compare_body("invalid UTF-8 in an item", "- id: a1\n  status: accepted\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n  note: \xC3(\n",
		     "", EXPECT_ANY);
}

/* Every prefix of a file with several items: cut anywhere, the two reads agree. */
Test(store_parallel, every_prefix_agrees)
{
	char *yaml = file_of(header, items, "optional:\n- id: o1\n  status: candidate\n  claim: {start: 7, end: 11, text: said}\n");
	size_t length = strlen(yaml);
	for (size_t n = strlen(header) - 5; n <= length; n++) {
		char *prefix = xstrndup(yaml, n);
		char what[64];
		snprintf(what, sizeof what, "prefix of %zu bytes", n);
		compare_ways(what, prefix, EXPECT_ANY);
		free(prefix);
	}
	free(yaml);
}

static void compare_file(const char *path)
{
	char *text = read_whole_file(path);
	cr_assert_not_null(text, "cannot read %s", path);
	compare_ways(path, text, EXPECT_ANY);
	free(text);
}

Test(store_parallel, fixtures_agree)
{
	cr_expect_gt(for_each_yaml_file(FIXTURES, compare_file), 3);
}

/* A file on disk (the mapped path, pages given back as chunks are read), big enough for the
 * automatic choice: read in parallel by default, and equal to the serial read. */
Test(store_parallel, big_file_automatic, .timeout = 120)
{
	char folder[] = "/tmp/saywho-parallel-XXXXXX";
	cr_assert_not_null(mkdtemp(folder));
	char *article_path = xasprintf("%s/small.txt", folder);
	FILE *out = fopen(article_path, "w");
	fputs("“Yes,” said Zhao. 北京 agreed.\n", out);
	fclose(out);
	char *path = xasprintf("%s/big.yaml", folder);
	out = fopen(path, "w");
	fputs(header, out);
	size_t count = 30000; /* ~5 MB */
	for (size_t i = 0; i < count; i++)
		fprintf(out, "- id: a%zu\n  status: %s\n  speaker: {start: 12, end: 16, text: Zhao, ref: zhao}\n"
			"  cue: {start: 7, end: 11, text: said}\n  claim: {start: 1, end: 5, text: \"Yes,\"}\n"
			"  label: position\n  confidence: 0.%02zu\n  note: 'note number %zu, with some words to make it longer'\n",
			i, i % 3 ? "candidate" : "accepted", i % 100, i);
	fclose(out);

	Diagnostics diag = {0}, serial_diag = {0};
	StoreLoadReport report;
	StoreLoadOptions options = { .report = &report }, serial_options = { .parse_threads = 1 };
	AnnotationSet *set = store_load(path, &options, &diag);
	AnnotationSet *serial = store_load(path, &serial_options, &serial_diag);
	cr_assert_not_null(set);
	cr_assert_not_null(serial);
	cr_expect_eq(diag.count, 0);
	cr_expect(report.parallel && !report.fell_back && report.chunks >= 4,
		  "parallel %d, chunks %zu, fell back %d", report.parallel, report.chunks, report.fell_back);
	cr_expect_eq(set->annotation_count, count);
	cr_expect(annotation_set_equal(set, serial));
	annotation_set_free(set);
	annotation_set_free(serial);
	diagnostics_free(&diag);
	diagnostics_free(&serial_diag);
	unlink(path);
	unlink(article_path);
	rmdir(folder);
	free(path);
	free(article_path);
}
