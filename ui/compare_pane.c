/* The adjudication mode's drawing (see compare_pane.h). */
#include "ui/compare_pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"

static const UiStyle annotator_styles[COMPARE_STYLE_COUNT] = {
	UI_STYLE_ANNOTATOR_1, UI_STYLE_ANNOTATOR_2, UI_STYLE_ANNOTATOR_3, UI_STYLE_ANNOTATOR_4,
};

UiStyle compare_pane_style(size_t annotator)
{
	return annotator_styles[annotator % COMPARE_STYLE_COUNT];
}

static const Adjudication *current_item(const View *view, size_t *item)
{
	const CompareView *compare = view->compare;
	if (!compare || !compare->adjudication || compare->current >= compare->adjudication->item_count)
		return NULL;
	*item = compare->current;
	return compare->adjudication;
}

void compare_pane_follow(View *view)
{
	CompareView *compare = (CompareView *)view->compare;
	size_t item;
	const Adjudication *adj = current_item(view, &item);
	if (!compare || !compare->follow || view->mode == MODE_CURSOR || view->mode == MODE_SPEAKERS)
		return;
	compare->follow = false;
	if (!adj)
		return;
	ui_article_show(view, adj->items[item].extent.start, adj->items[item].extent.end);
	/* the current item decides where the article is, not the list's selection */
	view->selection_follows = false;
}

static bool span_covers(const Span *span, size_t byte)
{
	if (!span->present || byte < span->start || byte >= span->end)
		return false;
	if (!span->parts)
		return true;
	for (size_t i = 0; i < span->part_count; i++)
		if (byte >= span->parts[i].start && byte < span->parts[i].end)
			return true;
	return false;
}

/* Marks one role (claim, speaker or cue) of every shown version: bytes every annotator has in
 * `agreed`, the others in the first covering annotator's style. */
static void mark_role(const Adjudication *adj, size_t item, int role, size_t base, size_t length,
		      unsigned char *rank, unsigned char *style, unsigned char level, UiStyle agreed)
{
	const Annotation *versions[16];
	size_t count = adj->set_count < 16 ? adj->set_count : 16;
	size_t low = SIZE_MAX, high = 0;
	for (size_t k = 0; k < count; k++) {
		const Annotation *a = adjudication_version(adj, item, k);
		versions[k] = a && a->status != STATUS_REJECTED ? a : NULL;
		const Span *span = !versions[k] ? NULL : role == 0 ? &a->claim : role == 1 ? &a->speaker : &a->cue;
		if (span && span->present) {
			low = span->start < low ? span->start : low;
			high = span->end > high ? span->end : high;
		}
	}
	if (low == SIZE_MAX)
		return;
	size_t from = low > base ? low - base : 0, to = high > base ? high - base : 0;
	if (to > length)
		to = length;
	for (size_t i = from; i < to; i++) {
		size_t byte = base + i, covering = 0, first = SIZE_MAX;
		for (size_t k = 0; k < count; k++) {
			const Annotation *a = versions[k];
			const Span *span = !a ? NULL : role == 0 ? &a->claim : role == 1 ? &a->speaker : &a->cue;
			if (span && span_covers(span, byte)) {
				covering++;
				if (first == SIZE_MAX)
					first = k;
			}
		}
		if (!covering || rank[i] > level)
			continue;
		rank[i] = level;
		style[i] = (unsigned char)(covering == adj->set_count ? agreed : compare_pane_style(first));
	}
}

void compare_pane_highlight(const View *view, size_t base, size_t length, unsigned char *rank,
			    unsigned char *style)
{
	size_t item;
	const Adjudication *adj = current_item(view, &item);
	if (!adj || view->mode == MODE_SPEAKERS)
		return;
	mark_role(adj, item, 0, base, length, rank, style, 20, UI_STYLE_CLAIM);
	mark_role(adj, item, 1, base, length, rank, style, 21, UI_STYLE_SPEAKER);
	mark_role(adj, item, 2, base, length, rank, style, 21, UI_STYLE_CUE);
}

static void differences_text(unsigned differences, char *out, size_t size)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ADJ_DIFF_PRESENCE, "presence"}, {ADJ_DIFF_CLAIM, "claim"}, {ADJ_DIFF_SPEAKER, "speaker"},
		{ADJ_DIFF_CUE, "cue"},           {ADJ_DIFF_KIND, "kind"},   {ADJ_DIFF_LABEL, "label"},
	};
	size_t length = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((differences & names[i].bit) && length < size)
			length += (size_t)snprintf(out + length, size - length, "%s%s", length ? ", " : "", names[i].name);
}

/* The claim's text, white space folded, in quotation marks. */
static void claim_excerpt(const AnnotationSet *set, const Annotation *a, char *out, size_t size)
{
	char *text = span_text(set->article, &a->claim);
	size_t length = 0;
	length += (size_t)snprintf(out, size, "“");
	bool space = false;
	for (const char *p = text; *p && length + 8 < size; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = true;
			continue;
		}
		if (space)
			out[length++] = ' ';
		space = false;
		out[length++] = *p;
	}
	snprintf(out + length, size - length, "”");
	free(text);
}

static bool chose_version(const AdjudicationItem *item, size_t k)
{
	return item->choice.kind == ADJ_CHOICE_VERSION && item->choice.annotator == k;
}

void compare_pane_draw(const Term *term, const View *view, WINDOW *window)
{
	werase(window);
	const CompareView *compare = view->compare;
	const Adjudication *adj = compare->adjudication;
	int width = view->list_cols, rows = view->list_rows;
	int header = term_style(term, UI_STYLE_HEADER) | A_REVERSE;
	int text = term_style(term, UI_STYLE_TEXT), dim = term_style(term, UI_STYLE_DIM);
	char line[1024];
	size_t total = adjudication_disagreement_count(adj);
	size_t item;
	bool has_item = current_item(view, &item) != NULL;
	size_t number = 0;
	for (size_t i = 0; has_item && i <= item; i++)
		number += !adjudication_item_agreed(&adj->items[i]);
	if (has_item) {
		char differ[128];
		differences_text(adj->items[item].differences, differ, sizeof differ);
		snprintf(line, sizeof line, " Disagreement %zu of %zu · differ: %s", number, total, differ);
	} else {
		snprintf(line, sizeof line, " Versions: %zu disagreement%s", total, total == 1 ? "" : "s");
	}
	ui_fill(window, 0, 0, width, header);
	ui_put_text(window, 0, 0, width, line, header);
	/* The legend: one style per annotator, and the style of what every annotator marks. */
	int x = 1;
	for (size_t k = 0; k < adj->set_count && x < width; k++) {
		snprintf(line, sizeof line, "%zu %s", k + 1, adj->annotators[k]);
		x += ui_put_text(window, 1, x, width - x, line, term_style(term, compare_pane_style(k))) + 2;
	}
	if (x < width)
		ui_put_text(window, 1, x, width - x, "all agree", term_style(term, UI_STYLE_CLAIM));
	if (!has_item) {
		ui_put_text(window, 3, 1, width - 1,
			    total ? "No disagreement selected." : "The annotators agree on every claim: save the merged file.",
			    dim);
		ui_put_text(window, 4, 1, width - 1, compare->keys, dim);
		wnoutrefresh(window);
		return;
	}
	const AdjudicationItem *current = &adj->items[item];
	/* Two lines per version (description, claim) when they fit, else one. */
	int needed = 2 + 2 * (int)adj->set_count + 2;
	bool two_lines = needed <= rows;
	int y = 2;
	for (size_t k = 0; k < adj->set_count && y < rows - 2; k++) {
		bool chosen = chose_version(current, k);
		int base = chosen ? term_style(term, UI_STYLE_ROW) : text;
		ui_fill(window, y, 0, width, base);
		ui_put_text(window, y, 0, 1, chosen ? "▶" : " ", base);
		snprintf(line, sizeof line, "%zu %s", k + 1, adj->annotators[k]);
		int used = 1 + ui_put_text(window, y, 1, width - 1, line, term_style(term, compare_pane_style(k)));
		char *description = adjudication_describe_version(adj, item, k);
		const Annotation *shown = adjudication_version(adj, item, k);
		char *mention = NULL;
		/* the description names the speaker; when the mentions differ, show the mention too */
		if (shown && (current->differences & ADJ_DIFF_SPEAKER) && shown->speaker.present)
			mention = span_text(adj->sets[k]->article, &shown->speaker);
		if (mention)
			snprintf(line, sizeof line, ": “%s” %s", mention, description);
		else
			snprintf(line, sizeof line, ": %s", description);
		free(mention);
		free(description);
		ui_put_text(window, y, used, width - used, line, base);
		y++;
		const Annotation *version = adjudication_version(adj, item, k);
		if (two_lines && y < rows - 2) {
			if (version) {
				claim_excerpt(adj->sets[k], version, line, sizeof line);
				ui_put_text(window, y, 4, width - 4, line, dim);
			}
			y++;
		}
	}
	if (y < rows) {
		bool none = current->choice.kind == ADJ_CHOICE_NONE;
		int base = none ? term_style(term, UI_STYLE_ROW) : text;
		ui_fill(window, y, 0, width, base);
		ui_put_text(window, y, 0, width, none ? "▶0 none: the claim is left out" : " 0 none: leave the claim out", base);
		y++;
	}
	if (y < rows) {
		snprintf(line, sizeof line, " merged: %s", compare->state);
		ui_put_text(window, y, 0, width, line, term_style(term, UI_STYLE_HEADER));
	}
	wnoutrefresh(window);
}

bool compare_pane_detail(const Term *term, const View *view, WINDOW *window, int cols)
{
	const CompareView *compare = view->compare;
	if (!compare || compare->merged_present || view->mode == MODE_SPEAKERS)
		return false;
	werase(window);
	size_t item;
	const Adjudication *adj = current_item(view, &item);
	char line[512];
	if (!adj) {
		ui_put_text(window, 0, 0, cols, "no disagreement selected", term_style(term, UI_STYLE_DIM));
	} else {
		snprintf(line, sizeof line, "merged: %s", compare->state);
		ui_put_text(window, 0, 0, cols, line, term_style(term, UI_STYLE_TEXT) | A_BOLD);
		ui_put_text(window, 1, 0, cols, compare->keys, term_style(term, UI_STYLE_DIM));
	}
	wnoutrefresh(window);
	return true;
}
