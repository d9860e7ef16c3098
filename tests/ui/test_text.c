/* Display width, escaping and wrapping (ui/text.c), and the span interval index (ui/index.c). */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"

static void utf8(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(text, .init = utf8);

Test(text, widths_by_display_columns)
{
	cr_expect_eq(ui_text_width("abc"), 3);
	cr_expect_eq(ui_text_width("記者"), 4);           /* CJK: two columns each */
	cr_expect_eq(ui_text_width("“café”"), 6);         /* curly quotes and é: one each */
	cr_expect_eq(ui_text_width("e\xcc\x81"), 1);      /* e + combining acute: one cell */
	cr_expect_eq(ui_text_width("a\tb"), 9);           /* tab to column 8 */
	cr_expect_eq(ui_text_width("\x1b[31m"), 6);       /* ESC shown as ^[ */
}

Test(text, control_and_format_characters_are_escaped)
{
	UiCell cell;
	const char *text = "\x1b";
	ui_cell_at(text, 1, 0, 0, &cell);
	cr_expect(cell.escaped);
	cr_expect_eq(cell.chars[0], L'^');
	cr_expect_eq(cell.chars[1], L'[');
	const char *override = "\xe2\x80\xae"; /* U+202E RIGHT-TO-LEFT OVERRIDE */
	ui_cell_at(override, 3, 0, 0, &cell);
	cr_expect(cell.escaped);
	cr_expect_eq(cell.width, 8); /* <U+202E> */
	const char *bell = "\x07";
	ui_cell_at(bell, 1, 0, 0, &cell);
	cr_expect(cell.escaped && cell.chars[1] == L'G');
}

Test(text, combining_marks_stay_with_their_base)
{
	const char *text = "e\xcc\x81x";
	UiCell cell;
	ui_cell_at(text, strlen(text), 0, 0, &cell);
	cr_expect_eq(cell.end, 3u);
	cr_expect_eq(cell.width, 1);
	cr_expect_eq(cell.chars[0], L'e');
	cr_expect_eq(cell.chars[1], 0x301);
}

Test(text, wraps_at_spaces_and_never_splits_a_character)
{
	const char *text = "one two three 記者會上外交部發言人";
	size_t size = strlen(text), next;
	size_t end = ui_wrap_line(text, size, 0, 10, &next);
	cr_expect_eq(end, 8u); /* "one two " */
	cr_expect_eq(next, 8u);
	end = ui_wrap_line(text, size, next, 10, &next);
	cr_expect_eq(end, 14u); /* "three " */
	/* 9 columns: four CJK characters (8 columns) fit, the fifth does not. */
	end = ui_wrap_line(text, size, next, 9, &next);
	cr_expect_eq(end - 14, 12u);
	cr_expect_eq(next, end);
}

Test(text, line_starts_are_consistent_both_ways)
{
	const char *text = "alpha beta gamma delta\nepsilon zeta eta theta iota\n\nkappa";
	size_t size = strlen(text);
	size_t starts[32], count = 0, line = 0;
	while (line < size && count < 32) {
		starts[count++] = line;
		size_t next;
		ui_wrap_line(text, size, line, 11, &next);
		line = next;
	}
	for (size_t i = 1; i < count; i++)
		cr_expect_eq(ui_previous_line_start(text, size, starts[i], 11), starts[i - 1], "line %zu", i);
	for (size_t i = 0; i < count; i++)
		cr_expect_eq(ui_line_start_containing(text, size, starts[i] + (i + 1 < count && starts[i + 1] > starts[i] + 1), 11),
			     starts[i], "line %zu", i);
}

/* The interval index finds exactly what a scan finds. */
typedef struct Hits {
	size_t count;
	unsigned char seen[4000];
} Hits;

static bool note(const IndexedSpan *span, void *context)
{
	Hits *hits = context;
	hits->count++;
	hits->seen[span->annotation * 3 + span->role] = 1;
	return true;
}

Test(index, overlap_queries_match_a_scan)
{
	srand(7);
	enum { N = 1000 };
	AnnotationSet set;
	memset(&set, 0, sizeof set);
	Annotation *annotations = calloc(N, sizeof *annotations);
	for (size_t i = 0; i < N; i++) {
		size_t start = (size_t)(rand() % 20000);
		annotations[i].claim = (Span){.present = true, .start = start, .end = start + 1 + (size_t)(rand() % (i % 50 == 0 ? 5000 : 200))};
		if (i % 2) {
			size_t s = (size_t)(rand() % 20000);
			annotations[i].speaker = (Span){.present = true, .start = s, .end = s + 5};
		}
	}
	set.annotations = annotations;
	set.annotation_count = N;
	SpanIndex index = {0};
	span_index_build(&index, &set);
	for (int q = 0; q < 300; q++) {
		size_t a = (size_t)(rand() % 21000), b = a + (size_t)(rand() % 500);
		Hits hits;
		memset(&hits, 0, sizeof hits);
		span_index_query(&index, a, b, note, &hits);
		size_t expected = 0;
		for (size_t i = 0; i < N; i++) {
			const Span *spans[2] = {&annotations[i].claim, &annotations[i].speaker};
			for (int r = 0; r < 2; r++) {
				if (!spans[r]->present)
					continue;
				bool overlaps = a == b ? (spans[r]->start <= a && a < spans[r]->end)
						       : (spans[r]->start < b && spans[r]->end > a);
				if (overlaps) {
					expected++;
					cr_expect(hits.seen[i * 3 + (r ? SPAN_ROLE_SPEAKER : SPAN_ROLE_CLAIM)],
						  "query [%zu,%zu) missed annotation %zu", a, b, i);
				}
			}
		}
		cr_expect_eq(hits.count, expected, "query [%zu,%zu)", a, b);
	}
	span_index_free(&index);
	free(annotations);
}
