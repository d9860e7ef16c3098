/* Drawing (see draw.h). Each pane is a curses window refreshed with wnoutrefresh when dirty;
 * ui_draw ends with one doupdate(). */
#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/article.h"
#include "ui/compare_pane.h"
#include "ui/draw.h"
#include "ui/text.h"

typedef struct Windows {
	WINDOW *article, *list, *separator, *detail, *status, *bottom, *overlay;
	int rows, cols;
	bool too_small;
	int bottom_lines;  /* rows of the bottom window now (a long message or question takes more) */
} Windows;

/* A message or question longer than the bottom line wraps onto up to this many lines: the status
 * line moves up over the detail lines meanwhile, so nothing is cut ("Recover? y/n" included). */
enum { BOTTOM_MAX_LINES = 3 };

static Windows windows;

/* ---- layout ---- */

bool ui_layout(View *view, int rows, int cols)
{
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS)
		return false;
	int panes = rows - 4; /* detail (2), status, bottom */
	view->stacked = view->force_stacked || cols < UI_STACK_BELOW_COLS;
	int percent = view->list_percent ? view->list_percent : 40;
	if (view->stacked) {
		int list_rows = panes * percent / 100;
		if (list_rows < 3)
			list_rows = 3;
		if (list_rows > panes - 3)
			list_rows = panes - 3;
		view->article_y = 0;
		view->article_x = 0;
		view->article_rows = panes - list_rows - 1;
		view->article_cols = cols;
		view->list_y = view->article_rows + 1;
		view->list_x = 0;
		view->list_rows = list_rows;
		view->list_cols = cols;
	} else {
		int list_cols = cols * percent / 100;
		if (list_cols < 30)
			list_cols = 30;
		if (list_cols > cols - 30)
			list_cols = cols - 30;
		view->article_y = 0;
		view->article_x = 0;
		view->article_rows = panes;
		view->article_cols = cols - list_cols - 1;
		view->list_y = 0;
		view->list_x = cols - list_cols;
		view->list_rows = panes;
		view->list_cols = list_cols;
	}
	return true;
}

static void delete_windows(void)
{
	WINDOW **all[] = {&windows.article, &windows.list, &windows.separator, &windows.detail,
			  &windows.status, &windows.bottom, &windows.overlay};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (*all[i]) {
			delwin(*all[i]);
			*all[i] = NULL;
		}
}

static void make_windows(View *view)
{
	delete_windows();
	windows.rows = LINES;
	windows.cols = COLS;
	windows.too_small = !ui_layout(view, LINES, COLS);
	if (windows.too_small)
		return;
	windows.article = newwin(view->article_rows, view->article_cols, view->article_y, view->article_x);
	windows.list = newwin(view->list_rows, view->list_cols, view->list_y, view->list_x);
	if (view->stacked)
		windows.separator = newwin(1, COLS, view->article_rows, 0);
	else
		windows.separator = newwin(view->article_rows, 1, 0, view->article_cols);
	windows.detail = newwin(2, COLS, LINES - 4, 0);
	windows.status = newwin(1, COLS, LINES - 2, 0);
	windows.bottom = newwin(1, COLS, LINES - 1, 0);
	windows.bottom_lines = 1;
}

/* ---- text primitives ---- */

static void put_cell(WINDOW *window, int y, int x, const UiCell *cell, int attributes)
{
	cchar_t cc;
	if (cell->escaped || cell->space) {
		for (int i = 0; i < cell->width; i++) {
			wchar_t one[2] = {cell->space ? L' ' : cell->chars[i], 0};
			setcchar(&cc, one, (attr_t)attributes, 0, NULL);
			mvwadd_wch(window, y, x + i, &cc);
		}
		return;
	}
	setcchar(&cc, cell->chars, (attr_t)attributes, 0, NULL);
	mvwadd_wch(window, y, x, &cc);
}

/* Draws UTF-8 text from column x, at most `width` columns (cut with "…" when longer); returns
 * the columns used. */
static int put_text(WINDOW *window, int y, int x, int width, const char *text, int attributes)
{
	if (!text || width <= 0)
		return 0;
	size_t size = strlen(text);
	int total = ui_text_width(text);
	int limit = total > width ? width - 1 : width;
	int column = 0;
	for (size_t pos = 0; pos < size;) {
		UiCell cell;
		ui_cell_at(text, size, pos, column, &cell);
		if (cell.newline) {
			cell.chars[0] = L' ';
			cell.chars[1] = 0;
			cell.width = 1;
			cell.space = true;
		}
		if (column + cell.width > limit)
			break;
		put_cell(window, y, x + column, &cell, attributes);
		column += cell.width;
		pos = cell.end;
	}
	if (total > width) {
		cchar_t cc;
		wchar_t ellipsis[2] = {L'…', 0};
		setcchar(&cc, ellipsis, (attr_t)attributes, 0, NULL);
		mvwadd_wch(window, y, x + column, &cc);
		column++;
	}
	return column;
}

static void fill(WINDOW *window, int y, int x, int width, int attributes)
{
	cchar_t cc;
	wchar_t space[2] = {L' ', 0};
	setcchar(&cc, space, (attr_t)attributes, 0, NULL);
	for (int i = 0; i < width; i++)
		mvwadd_wch(window, y, x + i, &cc);
}

/* compare: the same primitives for the other panes (ui/compare_pane.c) */
int ui_put_text(WINDOW *window, int y, int x, int width, const char *text, int attributes)
{
	return put_text(window, y, x, width, text, attributes);
}

void ui_fill(WINDOW *window, int y, int x, int width, int attributes)
{
	fill(window, y, x, width, attributes);
}

/* ---- the article ---- */

static const char *view_text(const View *view, size_t *size)
{
	const Article *article = view->set->article;
	*size = article_size(article);
	return article_text(article);
}

void ui_article_scroll(View *view, long lines)
{
	size_t size;
	const char *text = view_text(view, &size);
	int width = view->article_cols > 0 ? view->article_cols : 80;
	size_t top = ui_line_start_containing(text, size, view->article_top, width);
	for (; lines > 0; lines--) {
		size_t next;
		ui_wrap_line(text, size, top, width, &next);
		if (next >= size)
			break;
		top = next;
	}
	for (; lines < 0 && top > 0; lines++)
		top = ui_previous_line_start(text, size, top, width);
	view->article_top = top;
}

size_t ui_article_bottom(const View *view)
{
	size_t size;
	const char *text = view_text(view, &size);
	int width = view->article_cols > 0 ? view->article_cols : 80;
	size_t line = view->article_top;
	for (int row = 0; row < view->article_rows && line < size; row++) {
		size_t next;
		ui_wrap_line(text, size, line, width, &next);
		line = next;
	}
	return line;
}

void ui_article_show(View *view, size_t start, size_t end)
{
	size_t size;
	const char *text = view_text(view, &size);
	int width = view->article_cols > 0 ? view->article_cols : 80;
	view->article_top = ui_line_start_containing(text, size, view->article_top, width);
	size_t bottom = ui_article_bottom(view);
	bool fits_below = end <= bottom || bottom >= size;
	if (start >= view->article_top && (start < bottom || bottom >= size) && fits_below)
		return;
	view->article_top = ui_line_start_containing(text, size, start, width);
	ui_article_scroll(view, -(long)(view->article_rows / 3));
}

size_t ui_article_vertical(const View *view, size_t cursor, int direction)
{
	size_t size;
	const char *text = view_text(view, &size);
	int width = view->article_cols > 0 ? view->article_cols : 80;
	size_t line = ui_line_start_containing(text, size, cursor, width);
	int column = 0;
	for (size_t pos = line; pos < cursor;) {
		UiCell cell;
		ui_cell_at(text, size, pos, column, &cell);
		column += cell.width;
		pos = cell.end;
	}
	size_t target;
	if (direction > 0) {
		size_t next;
		ui_wrap_line(text, size, line, width, &next);
		if (next >= size)
			return cursor;
		target = next;
	} else {
		if (line == 0)
			return cursor;
		target = ui_previous_line_start(text, size, line, width);
	}
	size_t next;
	size_t end = ui_wrap_line(text, size, target, width, &next);
	int at = 0;
	size_t pos = target;
	while (pos < end) {
		UiCell cell;
		ui_cell_at(text, size, pos, at, &cell);
		if (at + cell.width > column)
			break;
		at += cell.width;
		pos = cell.end;
	}
	return pos < size ? pos : (size ? size - 1 : 0);
}

bool ui_article_hit(const View *view, int y, int x, size_t *byte)
{
	if (!view->line_starts || y < view->article_y || y >= view->article_y + view->article_rows ||
	    x < view->article_x || x >= view->article_x + view->article_cols)
		return false;
	size_t row = (size_t)(y - view->article_y);
	if (row + 1 >= view->line_start_count)
		return false;
	size_t size;
	const char *text = view_text(view, &size);
	size_t line = view->line_starts[row];
	size_t next;
	size_t end = ui_wrap_line(text, size, line, view->article_cols, &next);
	int column = 0;
	for (size_t pos = line; pos < end;) {
		UiCell cell;
		ui_cell_at(text, size, pos, column, &cell);
		if (x - view->article_x < column + cell.width) {
			*byte = pos;
			return true;
		}
		column += cell.width;
		pos = cell.end;
	}
	return false;
}

typedef struct VisibleSpans {
	const IndexedSpan **items;
	size_t count, capacity;
} VisibleSpans;

static bool collect_span(const IndexedSpan *span, void *context)
{
	VisibleSpans *visible = context;
	if (visible->count == visible->capacity) {
		visible->capacity = visible->capacity ? visible->capacity * 2 : 64;
		visible->items = xrealloc(visible->items, visible->capacity * sizeof *visible->items);
	}
	visible->items[visible->count++] = span;
	return true;
}

static const Annotation *selected_annotation(const View *view)
{
	if (!view->set || view->row_count == 0 || view->selected_row >= view->row_count)
		return NULL;
	return &view->set->annotations[view->rows[view->selected_row]];
}

static UiStyle status_style(AnnotationStatus status)
{
	switch (status) {
	case STATUS_ACCEPTED: return UI_STYLE_ACCEPTED;
	case STATUS_REJECTED: return UI_STYLE_REJECTED;
	case STATUS_CORRECTED: return UI_STYLE_CORRECTED;
	case STATUS_ADDED: return UI_STYLE_ADDED;
	default: return UI_STYLE_PENDING;
	}
}

/* The highlight of every byte on screen, computed once per draw from the spans in view, so that
 * a cell costs O(1) however many annotations overlap the screen. */
typedef struct Highlights {
	size_t base;                  /* byte offset of the first entry */
	size_t length;
	unsigned char *rank;          /* 0 = none */
	unsigned char *style;         /* UiStyle */
} Highlights;

static void mark_span(Highlights *highlights, size_t start, size_t end, int rank, UiStyle style)
{
	size_t low = start > highlights->base ? start - highlights->base : 0;
	size_t high = end > highlights->base ? end - highlights->base : 0;
	if (high > highlights->length)
		high = highlights->length;
	for (size_t i = low; i < high; i++)
		if (rank > highlights->rank[i]) {
			highlights->rank[i] = (unsigned char)rank;
			highlights->style[i] = (unsigned char)style;
		}
}

static void compute_highlights(const View *view, const VisibleSpans *spans, size_t selected_index,
			       const char *speaker_id, Highlights *highlights)
{
	memset(highlights->rank, 0, highlights->length);
	for (size_t i = 0; i < spans->count; i++) {
		const IndexedSpan *span = spans->items[i];
		const Annotation *annotation = &view->set->annotations[span->annotation];
		if (speaker_id) { /* speakers view: the selected speaker's mentions */
			if (span->role == SPAN_ROLE_SPEAKER && annotation->speaker.ref &&
			    strcmp(annotation->speaker.ref, speaker_id) == 0)
				mark_span(highlights, span->start, span->end, 10, UI_STYLE_SPEAKER);
			else if (span->role == SPAN_ROLE_CLAIM)
				mark_span(highlights, span->start, span->end, 1, status_style(annotation->status));
		} else if (span->annotation == selected_index) {
			if (span->role == SPAN_ROLE_CUE)
				mark_span(highlights, span->start, span->end, 12, UI_STYLE_CUE);
			else if (span->role == SPAN_ROLE_SPEAKER)
				mark_span(highlights, span->start, span->end, 11, UI_STYLE_SPEAKER);
			else
				mark_span(highlights, span->start, span->end, 10, UI_STYLE_CLAIM);
		} else if (span->role == SPAN_ROLE_CLAIM) {
			mark_span(highlights, span->start, span->end, 1, status_style(annotation->status));
		}
	}
}

static int article_attributes(const Term *term, const View *view, const Highlights *highlights,
			      size_t pos, bool escaped)
{
	if (view->mode == MODE_CURSOR) {
		if (pos == view->cursor)
			return term_style(term, UI_STYLE_CURSOR);
		if (view->selecting) {
			size_t low = view->anchor < view->cursor ? view->anchor : view->cursor;
			size_t high = view->anchor < view->cursor ? view->cursor : view->anchor;
			if (pos >= low && pos <= high)
				return term_style(term, UI_STYLE_SELECTION);
		}
	}
	if (view->has_match && pos >= view->match_start && pos < view->match_end)
		return term_style(term, UI_STYLE_MATCH);
	UiStyle best = escaped ? UI_STYLE_ESCAPED : UI_STYLE_TEXT;
	size_t at = pos - highlights->base;
	if (pos >= highlights->base && at < highlights->length && highlights->rank[at])
		best = (UiStyle)highlights->style[at];
	int attributes = term_style(term, best);
	if (escaped && best != UI_STYLE_ESCAPED)
		attributes |= term_style(term, UI_STYLE_ESCAPED) & ~A_COLOR;
	return attributes;
}

static void draw_article(const Term *term, View *view)
{
	WINDOW *window = windows.article;
	werase(window);
	size_t size;
	const char *text = view_text(view, &size);
	int width = view->article_cols, rows = view->article_rows;
	view->line_starts = xrealloc(view->line_starts, ((size_t)rows + 1) * sizeof(size_t));
	size_t *line_ends = xmalloc(((size_t)rows + 1) * sizeof(size_t));
	size_t line = view->article_top;
	int row = 0;
	for (; row < rows; row++) {
		view->line_starts[row] = line;
		line_ends[row] = line;
		if (line >= size && (row > 0 || size > 0)) {
			row++;
			break;
		}
		size_t next;
		line_ends[row] = ui_wrap_line(text, size, line, width, &next);
		line = next;
	}
	view->line_starts[row] = line;
	view->line_start_count = (size_t)row + 1;

	VisibleSpans spans = {0};
	span_index_query(&view->spans, view->article_top, line > view->article_top ? line : view->article_top + 1,
			 collect_span, &spans);
	const Annotation *selected = view->mode == MODE_SPEAKERS ? NULL : selected_annotation(view);
	size_t selected_index = selected ? (size_t)(selected - view->set->annotations) : SIZE_MAX;
	const char *speaker_id = NULL;
	if (view->mode == MODE_SPEAKERS && view->speaker_row_count)
		speaker_id = view->set->speakers[view->speaker_rows[view->speaker_selected]].id;

	Highlights highlights = {.base = view->article_top,
				 .length = line > view->article_top ? line - view->article_top : 0};
	highlights.rank = xmalloc(highlights.length + 1);
	highlights.style = xmalloc(highlights.length + 1);
	compute_highlights(view, &spans, selected_index, speaker_id, &highlights);
	if (view->compare) /* compare: the current disagreement's versions */
		compare_pane_highlight(view, highlights.base, highlights.length, highlights.rank, highlights.style);
	for (int r = 0; r + 1 < (int)view->line_start_count; r++) {
		size_t start = view->line_starts[r], next = view->line_starts[r + 1];
		size_t end = line_ends[r];
		int column = 0;
		for (size_t pos = start; pos < end;) {
			UiCell cell;
			ui_cell_at(text, size, pos, column, &cell);
			if (column + cell.width > width)
				break;
			int attributes = article_attributes(term, view, &highlights, pos, cell.escaped);
			put_cell(window, r, column, &cell, attributes);
			column += cell.width;
			pos = cell.end;
		}
		/* The cursor on a line end (the newline) or at the end of the text. */
		if (view->mode == MODE_CURSOR && view->cursor >= end && view->cursor < next + (next == size) &&
		    view->cursor == end && column < width)
			fill(window, r, column, 1, term_style(term, UI_STYLE_CURSOR));
	}
	free(spans.items);
	free(line_ends);
	free(highlights.rank);
	free(highlights.style);
	wnoutrefresh(window);
}

/* ---- the candidate list ---- */

static char status_mark(AnnotationStatus status)
{
	static const char marks[STATUS_COUNT] = {'?', '+', 'x', '~', '*'};
	return status < STATUS_COUNT ? marks[status] : ' ';
}

static const char *kind_short(ClaimKind kind)
{
	switch (kind) {
	case KIND_DIRECT: return "dir";
	case KIND_INDIRECT: return "ind";
	case KIND_MIXED: return "mix";
	default: return "   ";
	}
}

/* A span's text with white space folded, at most `limit` bytes. */
static void span_excerpt(const View *view, const Span *span, char *out, size_t size)
{
	out[0] = '\0';
	if (!span->present)
		return;
	const char *text = article_text(view->set->article);
	size_t length = 0;
	bool space = false;
	for (size_t pos = span->start; pos < span->end && length + 5 < size; pos++) {
		unsigned char c = (unsigned char)text[pos];
		if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
			space = length > 0;
			continue;
		}
		if (space)
			out[length++] = ' ';
		space = false;
		out[length++] = (char)c;
	}
	/* Never end inside a character. */
	while (length > 0 && ((unsigned char)out[length - 1] & 0xc0) == 0x80) {
		size_t lead = length - 1;
		while (lead > 0 && ((unsigned char)out[lead] & 0xc0) == 0x80)
			lead--;
		unsigned char c = (unsigned char)out[lead];
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (lead + need <= length)
			break;
		length = lead;
	}
	out[length] = '\0';
}

static size_t excerpt_size(int columns, size_t size)
{
	size_t wanted = (size_t)(columns > 0 ? columns : 0) * 4 + 12;
	return wanted < size ? wanted : size;
}

static void speaker_label(const View *view, const Annotation *annotation, char *out, size_t size)
{
	const Speaker *speaker = view_speaker_of(view, annotation);
	if (speaker && speaker->name)
		snprintf(out, size, "%s", speaker->name);
	else
		span_excerpt(view, &annotation->speaker, out, size);
}

static void draw_list(const Term *term, View *view)
{
	WINDOW *window = windows.list;
	werase(window);
	int width = view->list_cols, rows = view->list_rows - 1;
	char title[256];
	snprintf(title, sizeof title, " %zu shown of %zu%s%s%s%s", view->row_count,
		 view->set ? view->set->annotation_count : 0, *view->filter_text ? " | " : "",
		 view->filter_text, *view->sort_text ? " | sort " : "", view->sort_text);
	fill(window, 0, 0, width, term_style(term, UI_STYLE_HEADER) | A_REVERSE);
	put_text(window, 0, 0, width, title, term_style(term, UI_STYLE_HEADER) | A_REVERSE);
	if (rows <= 0)
		goto done;
	if (view->row_count && view->selected_row >= view->row_count)
		view->selected_row = view->row_count - 1;
	if (view->selected_row < view->list_top)
		view->list_top = view->selected_row;
	if (view->selected_row >= view->list_top + (size_t)rows)
		view->list_top = view->selected_row - (size_t)rows + 1;
	if (view->row_count == 0) {
		put_text(window, 1, 1, width - 1,
			 view->set && view->set->annotation_count ? "no annotation matches the filter"
								 : "no annotations: add one with A",
			 term_style(term, UI_STYLE_DIM));
		goto done;
	}
	int fixed = 2 + 4 + 5; /* mark, kind, confidence */
	int rest = width - fixed;
	int speaker_width = rest * 30 / 100, cue_width = rest * 15 / 100;
	/* "according", "dismissed", "rebutted" whole where there is room for them (the side-by-side
	 * list at 160 columns): a cue cut to "Accord…" has to be guessed. */
	if (cue_width < 10 && rest >= 45)
		cue_width = 10;
	if (cue_width < 6)
		cue_width = 6;
	if (speaker_width < 9)
		speaker_width = 9;
	int claim_width = rest - speaker_width - cue_width - 2;
	for (int r = 0; r < rows && view->list_top + (size_t)r < view->row_count; r++) {
		size_t row = view->list_top + (size_t)r;
		const Annotation *annotation = &view->set->annotations[view->rows[row]];
		bool selected = row == view->selected_row;
		int base = selected ? term_style(term, UI_STYLE_ROW) : term_style(term, UI_STYLE_TEXT);
		if (selected && view->focus == FOCUS_ARTICLE && view->mode != MODE_SPEAKERS)
			base |= A_DIM;
		fill(window, r + 1, 0, width, base);
		char mark[3] = {status_mark(annotation->status), ' ', 0};
		int mark_attributes = selected ? base : term_style(term, status_style(annotation->status));
		put_text(window, r + 1, 0, 2, mark, mark_attributes);
		put_text(window, r + 1, 2, 4, kind_short(annotation->kind), base);
		char buffer[512];
		/* Excerpts only as long as their column can show (4 bytes a column at most, and one
		 * more character so that put_text still marks the cut). */
		speaker_label(view, annotation, buffer, excerpt_size(speaker_width, sizeof buffer));
		int x = 6;
		put_text(window, r + 1, x, speaker_width, buffer, base);
		x += speaker_width + 1;
		span_excerpt(view, &annotation->cue, buffer, excerpt_size(cue_width, sizeof buffer));
		put_text(window, r + 1, x, cue_width, buffer, base);
		x += cue_width + 1;
		span_excerpt(view, &annotation->claim, buffer, excerpt_size(claim_width, sizeof buffer));
		put_text(window, r + 1, x, claim_width, buffer, base);
		if (annotation->has_confidence) {
			snprintf(buffer, sizeof buffer, "%4.2f", annotation->confidence);
			put_text(window, r + 1, width - 4, 4, buffer, base);
		}
	}
done:
	wnoutrefresh(window);
}

static void draw_speakers(const Term *term, View *view)
{
	WINDOW *window = windows.list;
	werase(window);
	int width = view->list_cols, rows = view->list_rows - 1;
	char title[128];
	snprintf(title, sizeof title, " Speakers: %zu (r rename, t type, m merge, Esc back)",
		 view->speaker_row_count);
	fill(window, 0, 0, width, term_style(term, UI_STYLE_HEADER) | A_REVERSE);
	put_text(window, 0, 0, width, title, term_style(term, UI_STYLE_HEADER) | A_REVERSE);
	if (view->speaker_selected < view->speaker_top)
		view->speaker_top = view->speaker_selected;
	if (rows > 0 && view->speaker_selected >= view->speaker_top + (size_t)rows)
		view->speaker_top = view->speaker_selected - (size_t)rows + 1;
	for (int r = 0; r < rows && view->speaker_top + (size_t)r < view->speaker_row_count; r++) {
		size_t row = view->speaker_top + (size_t)r;
		size_t index = view->speaker_rows[row];
		const Speaker *speaker = &view->set->speakers[index];
		int base = row == view->speaker_selected ? term_style(term, UI_STYLE_ROW)
							 : term_style(term, UI_STYLE_TEXT);
		fill(window, r + 1, 0, width, base);
		char right[64];
		const char *type = speaker_type_name(speaker->type);
		snprintf(right, sizeof right, "%-12s %5zu", type ? type : "-", view->speaker_claims[index]);
		int right_width = (int)strlen(right);
		put_text(window, r + 1, 1, width - right_width - 2, speaker->name ? speaker->name : speaker->id, base);
		put_text(window, r + 1, width - right_width, right_width, right, base);
	}
	wnoutrefresh(window);
}

static void draw_separator(const Term *term, const View *view)
{
	WINDOW *window = windows.separator;
	werase(window);
	int attributes = term_style(term, UI_STYLE_BORDER);
	wattrset(window, attributes);
	if (view->stacked)
		mvwhline_set(window, 0, 0, WACS_HLINE, COLS);
	else
		mvwvline_set(window, 0, 0, WACS_VLINE, view->article_rows);
	wattrset(window, A_NORMAL);
	wnoutrefresh(window);
}

/* ---- detail, status, bottom ---- */

static void draw_detail(const Term *term, const View *view)
{
	WINDOW *window = windows.detail;
	werase(window);
	char line[1024];
	int dim = term_style(term, UI_STYLE_DIM);
	if (view->compare && compare_pane_detail(term, view, window, COLS)) /* compare: undecided */
		return;
	if (view->mode == MODE_SPEAKERS && view->speaker_row_count) {
		const Speaker *speaker = &view->set->speakers[view->speaker_rows[view->speaker_selected]];
		const char *type = speaker_type_name(speaker->type);
		size_t claims = view->speaker_claims[view->speaker_rows[view->speaker_selected]];
		snprintf(line, sizeof line, "speaker %s: %s (%s), %zu claim%s", speaker->id,
			 speaker->name ? speaker->name : "", type ? type : "no type", claims, claims == 1 ? "" : "s");
		put_text(window, 0, 0, COLS, line, term_style(term, UI_STYLE_TEXT));
		wnoutrefresh(window);
		return;
	}
	const Annotation *annotation = selected_annotation(view);
	if (!annotation) {
		put_text(window, 0, 0, COLS, "nothing selected", dim);
		wnoutrefresh(window);
		return;
	}
	char speaker[512] = "no speaker";
	const Speaker *entry = view_speaker_of(view, annotation);
	if (entry) {
		const char *type = speaker_type_name(entry->type);
		snprintf(speaker, sizeof speaker, "%s (%s)", entry->name ? entry->name : entry->id,
			 type ? type : "no type");
	} else if (annotation->speaker.present) {
		span_excerpt(view, &annotation->speaker, speaker, sizeof speaker);
	}
	const char *kind = claim_kind_name(annotation->kind);
	snprintf(line, sizeof line, "%s %s · %s · %s · label: %s", annotation->id,
		 annotation_status_name(annotation->status), kind ? kind : "no kind", speaker,
		 annotation->label ? annotation->label : "none");
	put_text(window, 0, 0, COLS, line, term_style(term, UI_STYLE_TEXT) | A_BOLD);
	char origin[512];
	if (annotation->status == STATUS_ADDED)
		snprintf(origin, sizeof origin, "added by the analyst");
	else if (annotation->has_confidence)
		snprintf(origin, sizeof origin, "from the engine %s, confidence %.2f",
			 view->set->engine_name ? view->set->engine_name : "(not recorded)", annotation->confidence);
	else if (view->set->engine_name)
		snprintf(origin, sizeof origin, "from the engine %s", view->set->engine_name);
	else
		snprintf(origin, sizeof origin, "from the file (no engine recorded)");
	if (annotation->original) {
		static const char *const names[] = {"speaker", "cue", "claim", "kind", "label"};
		size_t length = strlen(origin);
		length += (size_t)snprintf(origin + length, sizeof origin - length, "; changed:");
		for (int i = 0; i < 5 && length < sizeof origin; i++)
			if (annotation->original->fields & (1u << i))
				length += (size_t)snprintf(origin + length, sizeof origin - length, " %s", names[i]);
	}
	snprintf(line, sizeof line, "%s%s%s", origin, annotation->note ? " · note: " : "",
		 annotation->note ? annotation->note : "");
	if (view->mode == MODE_PROMPT && *view->message) /* the bottom line is the prompt's */
		put_text(window, 1, 0, COLS, view->message,
			 term_style(term, view->message_is_error ? UI_STYLE_ERROR : UI_STYLE_TEXT));
	else
		put_text(window, 1, 0, COLS, line, dim);
	wnoutrefresh(window);
}

static void draw_status(const Term *term, const View *view)
{
	WINDOW *window = windows.status;
	int attributes = term_style(term, UI_STYLE_STATUS);
	fill(window, 0, 0, COLS, attributes);
	size_t total = 0, reviewed = 0;
	for (int s = 0; s < STATUS_COUNT; s++) {
		total += view->status_counts[s];
		if (annotation_status_is_reviewed((AnnotationStatus)s))
			reviewed += view->status_counts[s];
	}
	char rest[512];
	snprintf(rest, sizeof rest, "%s | %zu/%zu reviewed%s%s | %s ", view->modified ? " [+]" : "", reviewed,
		 total, *view->queue_label ? " | " : "", view->queue_label, view->mode_label);
	char hint[sizeof view->hint];
	snprintf(hint, sizeof hint, "%s", view->hint);
	int hint_width = ui_text_width(hint);
	/* A long file name gives way to the hint first: without its ".saywho.yaml", then cut
	 * ("china-cyberattack-a…") as far as that makes room; only then does the hint lose items. */
	char label[sizeof view->file_label];
	snprintf(label, sizeof label, "%s", view->file_label);
	char essential[sizeof view->hint]; /* the hint but its last item */
	snprintf(essential, sizeof essential, "%s", hint);
	char *separator = NULL;
	for (char *at = strstr(essential, "  "); at; at = strstr(at + 2, "  "))
		separator = at;
	if (separator)
		*separator = '\0';
	int essential_width = ui_text_width(essential);
	int room = COLS - 2 - ui_text_width(rest) - (essential_width ? essential_width + 1 : 0);
	if (ui_text_width(label) > room) {
		size_t length = strlen(label);
		static const char *const suffixes[] = {".saywho.yaml", ".yaml"};
		for (size_t i = 0; i < 2; i++) {
			size_t n = strlen(suffixes[i]);
			if (length > n && strcmp(label + length - n, suffixes[i]) == 0) {
				label[length - n] = '\0';
				break;
			}
		}
	}
	int label_width = ui_text_width(label);
	if (label_width > room) /* cut as far as it lets the hint fit, never below 10 columns */
		label_width = room >= 10 ? room : label_width < 16 ? label_width : 16;
	int used = put_text(window, 0, 0, COLS, " ", attributes);
	used += put_text(window, 0, used, label_width, label, attributes);
	used += put_text(window, 0, used, COLS - used, rest, attributes);
	/* The hint loses its last items ("  "-separated) until it fits. */
	while (hint_width > 0 && used + hint_width + 1 >= COLS) {
		char *cut = strstr(hint, "  ") ? hint + strlen(hint) : NULL;
		while (cut && cut > hint && strncmp(cut, "  ", 2) != 0)
			cut--;
		if (!cut || cut == hint) {
			hint[0] = '\0';
			break;
		}
		*cut = '\0';
		hint_width = ui_text_width(hint);
	}
	if (*hint)
		put_text(window, 0, COLS - hint_width - 1, hint_width, hint, attributes);
	wnoutrefresh(window);
}

/* What the bottom line says outside the prompt (a question or a message), or NULL. */
static const char *bottom_text(const Term *term, const View *view, int *attributes)
{
	if (view->mode == MODE_PROMPT)
		return NULL;
	if (view->mode == MODE_CONFIRM) {
		*attributes = term_style(term, UI_STYLE_HEADER);
		return view->confirm_question;
	}
	*attributes = term_style(term, view->message_is_error ? UI_STYLE_ERROR : UI_STYLE_TEXT);
	return *view->message ? view->message : NULL;
}

static int wrapped_lines(const char *text, int width, int most)
{
	size_t size = strlen(text), pos = 0, next;
	int lines = 0;
	while (pos < size && lines < most) {
		ui_wrap_line(text, size, pos, width, &next);
		pos = next > pos ? next : size;
		lines++;
	}
	return lines ? lines : 1;
}

/* Gives the bottom window `lines` rows, the status line just above it. */
static void set_bottom_lines(int lines)
{
	if (lines == windows.bottom_lines)
		return;
	if (lines > windows.bottom_lines) {
		mvwin(windows.bottom, LINES - lines, 0);
		wresize(windows.bottom, lines, COLS);
	} else {
		wresize(windows.bottom, lines, COLS);
		mvwin(windows.bottom, LINES - lines, 0);
	}
	mvwin(windows.status, LINES - 1 - lines, 0);
	windows.bottom_lines = lines;
}

static void draw_bottom(const Term *term, const View *view)
{
	WINDOW *window = windows.bottom;
	werase(window);
	int attributes = 0;
	const char *text = bottom_text(term, view, &attributes);
	if (text && windows.bottom_lines > 1) {
		size_t size = strlen(text), pos = 0;
		for (int y = 0; y < windows.bottom_lines && pos < size; y++) {
			size_t next;
			size_t end = ui_wrap_line(text, size, pos, COLS, &next);
			if (y == windows.bottom_lines - 1 && next < size)
				end = size; /* longer still: the last line ends with "…" */
			char line[sizeof view->message > sizeof view->confirm_question ? sizeof view->message
										  : sizeof view->confirm_question];
			snprintf(line, sizeof line, "%.*s", (int)(end - pos), text + pos);
			put_text(window, y, 0, COLS, line, attributes);
			pos = next > pos ? next : size;
		}
		wnoutrefresh(window);
		return;
	}
	if (view->mode == MODE_PROMPT) {
		int x = put_text(window, 0, 0, COLS, view->prompt.prefix, term_style(term, UI_STYLE_TEXT));
		char before[sizeof view->prompt.text];
		memcpy(before, view->prompt.text, view->prompt.cursor);
		before[view->prompt.cursor] = '\0';
		int before_width = ui_text_width(before);
		/* Keep the cursor on screen: show the end of long lines. */
		const char *shown = view->prompt.text;
		int room = COLS - x - 1;
		while (before_width > room && *shown) {
			size_t skip = 1;
			while (shown[skip] && ((unsigned char)shown[skip] & 0xc0) == 0x80)
				skip++;
			char one[8] = {0};
			memcpy(one, shown, skip < 8 ? skip : 7);
			before_width -= ui_text_width(one);
			shown += skip;
		}
		put_text(window, 0, x, COLS - x, shown, term_style(term, UI_STYLE_TEXT));
		fill(window, 0, x + before_width, 1, term_style(term, UI_STYLE_CURSOR));
		/* Draw the character under the cursor again, in the cursor style. */
		const char *at = view->prompt.text + view->prompt.cursor;
		if (*at) {
			UiCell cell;
			ui_cell_at(at, strlen(at), 0, 0, &cell);
			put_cell(window, 0, x + before_width, &cell, term_style(term, UI_STYLE_CURSOR));
		}
	} else if (view->mode == MODE_CONFIRM) {
		put_text(window, 0, 0, COLS, view->confirm_question, term_style(term, UI_STYLE_HEADER));
	} else if (*view->message) {
		put_text(window, 0, 0, COLS, view->message,
			 term_style(term, view->message_is_error ? UI_STYLE_ERROR : UI_STYLE_TEXT));
	}
	wnoutrefresh(window);
}

/* ---- overlays: picker, help, too small ---- */

static void draw_picker(const Term *term, const View *view)
{
	const Picker *picker = &view->picker;
	/* Wide enough on a wide terminal for a label's whole definition or a long speaker name. */
	int width = COLS - 4 < 110 ? COLS - 4 : 110;
	const char *create_name = *picker->filter ? picker->filter : picker->create_default;
	size_t shown = picker->shown_count + (picker->allow_create && *create_name ? 1 : 0);
	int height = (int)shown + 4;
	if (height > LINES - 4)
		height = LINES - 4;
	if (height < 5)
		height = 5;
	if (windows.overlay)
		delwin(windows.overlay);
	windows.overlay = newwin(height, width, (LINES - 2 - height) / 2, (COLS - width) / 2);
	WINDOW *window = windows.overlay;
	werase(window);
	wattrset(window, term_style(term, UI_STYLE_BORDER));
	box_set(window, WACS_VLINE, WACS_HLINE);
	wattrset(window, A_NORMAL);
	put_text(window, 0, 2, width - 4, picker->title, term_style(term, UI_STYLE_HEADER));
	char filter[300];
	snprintf(filter, sizeof filter, "> %s", picker->filter);
	int x = put_text(window, 1, 2, width - 4, filter, term_style(term, UI_STYLE_TEXT));
	if (x + 2 < width - 2)
		fill(window, 1, 2 + x, 1, term_style(term, UI_STYLE_CURSOR));
	int rows = height - 3;
	size_t top = picker->top;
	if (picker->selected < top)
		top = picker->selected;
	if (picker->selected >= top + (size_t)rows)
		top = picker->selected - (size_t)rows + 1;
	for (int r = 0; r < rows && top + (size_t)r < shown; r++) {
		size_t row = top + (size_t)r;
		int attributes = row == picker->selected ? term_style(term, UI_STYLE_ROW)
							 : term_style(term, UI_STYLE_TEXT);
		fill(window, 2 + r, 1, width - 2, attributes);
		if (row < picker->shown_count) {
			const PickerItem *item = &picker->items[picker->shown[row]];
			int used = put_text(window, 2 + r, 2, width - 4, item->label, attributes);
			if (item->detail && used + 4 < width - 4)
				put_text(window, 2 + r, 2 + used + 2, width - 4 - used - 2, item->detail,
					 attributes | (row == picker->selected ? 0 : term_style(term, UI_STYLE_DIM)));
		} else {
			char create[300];
			snprintf(create, sizeof create, "+ new: %s", create_name);
			put_text(window, 2 + r, 2, width - 4, create, attributes);
		}
	}
	wnoutrefresh(window);
}

/* One screen row of the help: a piece of a text line, indented when it continues one. */
typedef struct HelpRow {
	const char *start;
	size_t length;
	int indent;
	bool heading;
} HelpRow;

/* Splits the help into screen rows: lines wider than the screen continue under their
 * description column (or a little indented on narrow screens). */
static size_t help_rows(const char *text, int width, HelpRow *rows, size_t capacity)
{
	size_t count = 0;
	const char *p = text;
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t length = end ? (size_t)(end - p) : strlen(p);
		bool heading = length > 0 && p[0] != ' ';
		int indent = 0, continuation = width > 70 ? 40 : 4;
		size_t offset = 0;
		do {
			int room = width - indent;
			size_t next;
			size_t piece_end = ui_wrap_line(p, length, offset, room > 10 ? room : 10, &next);
			if (count < capacity)
				rows[count] = (HelpRow){p + offset, piece_end - offset, indent, heading};
			count++;
			offset = next;
			indent = continuation;
		} while (offset < length);
		p = end ? end + 1 : p + length;
	}
	return count;
}

static void draw_help(const Term *term, View *view)
{
	WINDOW *screen = stdscr;
	werase(screen);
	const char *text = view->help_text ? view->help_text : "";
	int rows = LINES - 2;
	size_t total = help_rows(text, COLS, NULL, 0);
	HelpRow *all = xmalloc((total + 1) * sizeof *all);
	help_rows(text, COLS, all, total);
	if (view->help_anchor != SIZE_MAX && view->help_text) {
		for (size_t r = 0; r < total; r++)
			if (all[r].start == view->help_text + view->help_anchor) {
				view->help_top = r;
				break;
			}
		view->help_anchor = SIZE_MAX;
	}
	/* The last page stays full. */
	if (total > (size_t)rows && view->help_top > total - (size_t)rows)
		view->help_top = total - (size_t)rows;
	if (total <= (size_t)rows)
		view->help_top = 0;
	for (int r = 0; r < rows && view->help_top + (size_t)r < total; r++) {
		const HelpRow *row = &all[view->help_top + (size_t)r];
		char buffer[512];
		snprintf(buffer, sizeof buffer, "%.*s", (int)(row->length < sizeof buffer ? row->length : sizeof buffer - 1),
			 row->start);
		put_text(screen, r, row->indent, COLS - row->indent, buffer,
			 row->heading ? term_style(term, UI_STYLE_HEADER) : term_style(term, UI_STYLE_TEXT));
	}
	free(all);
	wnoutrefresh(screen);
}

static void draw_too_small(const Term *term)
{
	werase(stdscr);
	char line[128];
	snprintf(line, sizeof line, "terminal too small: %dx%d, need %dx%d", COLS, LINES, UI_MIN_COLS,
		 UI_MIN_ROWS);
	int width = ui_text_width(line);
	int x = COLS > width ? (COLS - width) / 2 : 0;
	put_text(stdscr, LINES / 2, x, COLS, line, term_style(term, UI_STYLE_ERROR));
	if (LINES / 2 + 1 < LINES)
		put_text(stdscr, LINES / 2 + 1, COLS > 24 ? (COLS - 24) / 2 : 0, COLS,
			 "enlarge it, or q to quit", term_style(term, UI_STYLE_TEXT));
	wnoutrefresh(stdscr);
}

static View *laid_out_for;

void ui_draw_forget(void)
{
	/* The screen that owned the windows is gone (delscreen freed them): start afresh. */
	memset(&windows, 0, sizeof windows);
	laid_out_for = NULL;
}

void ui_draw(Term *term, View *view, unsigned dirty)
{
	if (windows.rows != LINES || windows.cols != COLS || !windows.bottom || laid_out_for != view)
		dirty |= DIRTY_LAYOUT;
	if (dirty & DIRTY_LAYOUT) {
		make_windows(view);
		laid_out_for = view;
		/* Everything is redrawn on a new layout, and what was under old windows goes. */
		werase(stdscr);
		wnoutrefresh(stdscr);
		dirty = DIRTY_ALL;
	}
	if (windows.too_small) {
		draw_too_small(term);
		doupdate();
		return;
	}
	int bottom_attributes;
	const char *bottom = bottom_text(term, view, &bottom_attributes);
	int lines = bottom ? wrapped_lines(bottom, COLS, BOTTOM_MAX_LINES) : 1;
	if (lines < windows.bottom_lines)
		dirty |= DIRTY_DETAIL; /* the status line goes back down: the detail lines show again */
	set_bottom_lines(lines);
	if (view->mode == MODE_HELP) {
		draw_help(term, view);
		draw_status(term, view);
		draw_bottom(term, view);
		doupdate();
		return;
	}
	if (view->compare) { /* compare: the article follows the current disagreement */
		bool follow = view->compare->follow;
		compare_pane_follow(view);
		if (follow)
			dirty |= DIRTY_ARTICLE;
	}
	if (view->selection_follows && view->mode != MODE_CURSOR && view->mode != MODE_SPEAKERS) {
		const Annotation *annotation = selected_annotation(view);
		if (annotation) {
			ui_article_show(view, annotation->claim.start, annotation->claim.end);
			dirty |= DIRTY_ARTICLE;
		}
		view->selection_follows = false;
	}
	bool overlay = view->mode == MODE_PICKER;
	if (overlay)
		dirty |= DIRTY_ALL; /* the overlay covers parts of every pane */
	if (dirty & DIRTY_ARTICLE)
		draw_article(term, view);
	if (dirty & DIRTY_LIST) {
		if (view->mode == MODE_SPEAKERS)
			draw_speakers(term, view);
		else if (view->compare) /* compare: the versions in place of the list */
			compare_pane_draw(term, view, windows.list);
		else
			draw_list(term, view);
	}
	if (dirty & DIRTY_LAYOUT || dirty == DIRTY_ALL)
		draw_separator(term, view);
	if (dirty & DIRTY_DETAIL)
		draw_detail(term, view);
	/* Two lines: cheaper to always draw than to track. */
	draw_status(term, view);
	draw_bottom(term, view);
	if (overlay)
		draw_picker(term, view);
	doupdate();
}
