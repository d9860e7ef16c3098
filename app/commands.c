/* The command handlers and the command table (see commands.h).
 *
 * Multi-step interactions (adding a claim, choosing a speaker, prompts) keep their state in
 * App.flow*: a handler opens a cursor, a picker or a prompt with a flow, and "choose" finishes
 * the step according to the flow. */
#include <ctype.h>
#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/commands.h"
#include "app/compare.h"
#include "app/keymap.h"
#include "model/article.h"
#include "model/extract/lexicon.h"
#include "model/history.h"
#include "model/store.h"
#include "ui/draw.h"
#include "ui/term.h"

enum Flow {
	FLOW_NONE,
	/* prompts */
	FLOW_COMMAND,
	FLOW_SEARCH,
	FLOW_NOTE,
	FLOW_RENAME,
	FLOW_ACCEPT_ABOVE,
	FLOW_FILTER,
	/* cursor */
	FLOW_CURSOR_NEW_CLAIM,
	FLOW_CURSOR_CLAIM,
	FLOW_CURSOR_MENTION,
	FLOW_CURSOR_CUE,
	/* pickers */
	FLOW_PICK_SPEAKER,
	FLOW_PICK_NEW_SPEAKER_TYPE,
	FLOW_PICK_KIND,
	FLOW_PICK_LABEL,
	FLOW_PICK_RETYPE,
	FLOW_PICK_MERGE,
};

/* One-line definitions of the default labels, used when the configuration gives none. */
static const LabelDefinition default_label_definitions[] = {
	{"accusation", "blames someone for a wrong"},
	{"denial", "rejects an accusation or a claim"},
	{"statistic", "a number or measurement"},
	{"demand", "calls on someone to act"},
	{"position", "states a stance, view or policy"},
	{"other", "none of the above"},
};

/* ---- small helpers ---- */

static const char *text_of(const App *app)
{
	return article_text(app->set->article);
}

static size_t text_size(const App *app)
{
	return article_size(app->set->article);
}

static Annotation *selected_annotation(App *app)
{
	size_t index = app_selected(app);
	return index == SIZE_MAX ? NULL : &app->set->annotations[index];
}

static unsigned need_selection(App *app)
{
	app_message(app, true, "no annotation selected");
	return 0;
}

static unsigned model_failed(App *app, const char *why, const char *what)
{
	app_message(app, true, "%s: %s", what, why ? why : "not possible");
	return DIRTY_ALL;
}

static size_t next_char(const App *app, size_t pos)
{
	size_t size = text_size(app);
	if (pos >= size)
		return size;
	unsigned codepoint;
	return pos + article_decode(app->set->article, pos, &codepoint);
}

static size_t previous_char(const App *app, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && !article_is_char_boundary(app->set->article, pos))
		pos--;
	return pos;
}

static void set_mode(App *app, Mode mode)
{
	app->view.mode = mode;
}

static void end_flow(App *app)
{
	app->flow = FLOW_NONE;
	app->adding = false;
	span_clear(&app->flow_span);
	free(app->flow_text);
	app->flow_text = NULL;
	app->view.selecting = false;
	set_mode(app, MODE_NORMAL);
}

/* ---- moving in the list ---- */

static void select_row(App *app, size_t row)
{
	View *view = &app->view;
	if (view->row_count == 0)
		return;
	if (row >= view->row_count)
		row = view->row_count - 1;
	view->selected_row = row;
	view->selection_follows = true;
	view->has_match = false;
}

/* Moves to the next (direction 1) or previous (-1) pending row, wrapping once; false if none. */
static bool move_to_pending(App *app, int direction, bool include_current)
{
	View *view = &app->view;
	size_t count = view->row_count;
	if (count == 0)
		return false;
	size_t row = view->selected_row;
	for (size_t step = include_current ? 0 : 1; step <= count; step++) {
		size_t candidate = direction > 0 ? (row + step) % count : (row + count - step % count) % count;
		if (app->set->annotations[view->rows[candidate]].status == STATUS_CANDIDATE) {
			if ((direction > 0 && candidate < row) || (direction < 0 && candidate > row))
				app_message(app, false, "wrapped around the list");
			select_row(app, candidate);
			return true;
		}
	}
	return false;
}

/* After the article scrolled: keep the selection on screen by selecting the first annotation
 * whose claim starts in view (the row follows the article). */
static void follow_article(App *app)
{
	View *view = &app->view;
	size_t bottom = ui_article_bottom(view);
	size_t selected = app_selected(app);
	if (selected != SIZE_MAX) {
		size_t start = app->set->annotations[selected].claim.start;
		if (start >= view->article_top && start < bottom)
			return;
	}
	for (size_t i = view_first_at_or_after(view, view->article_top); i < view->by_start_count; i++) {
		size_t index = view->by_start[i];
		if (app->set->annotations[index].claim.start >= bottom)
			break;
		if (view->row_of[index] != SIZE_MAX) {
			view->selected_row = view->row_of[index];
			return;
		}
	}
}

static size_t speaker_count_rows(const App *app)
{
	return app->view.speaker_row_count;
}

static void speaker_show_first_mention(App *app);

static unsigned move_rows(App *app, long delta, bool absolute)
{
	View *view = &app->view;
	switch (view->mode) {
	case MODE_HELP:
		if (absolute)
			view->help_top = delta < 0 ? 0 : SIZE_MAX / 2;
		else if (delta < 0 && (size_t)-delta > view->help_top)
			view->help_top = 0;
		else
			view->help_top += (size_t)delta;
		return DIRTY_ALL;
	case MODE_PICKER: {
		Picker *picker = &view->picker;
		size_t total = picker->shown_count + (picker->allow_create ? 1 : 0);
		if (total == 0)
			return DIRTY_ALL;
		long target = absolute ? (delta < 0 ? 0 : (long)total - 1) : (long)picker->selected + delta;
		if (target < 0)
			target = 0;
		if (target >= (long)total)
			target = (long)total - 1;
		picker->selected = (size_t)target;
		return DIRTY_ALL;
	}
	case MODE_SPEAKERS: {
		size_t total = speaker_count_rows(app);
		if (total == 0)
			return DIRTY_ALL;
		long target = absolute ? (delta < 0 ? 0 : (long)total - 1) : (long)view->speaker_selected + delta;
		if (target < 0)
			target = 0;
		if (target >= (long)total)
			target = (long)total - 1;
		view->speaker_selected = (size_t)target;
		speaker_show_first_mention(app);
		return DIRTY_ALL;
	}
	default:
		break;
	}
	if (view->row_count == 0) {
		app_message(app, false, "the list is empty");
		return 0;
	}
	long target = absolute ? (delta < 0 ? 0 : (long)view->row_count - 1) : (long)view->selected_row + delta;
	if (target < 0)
		target = 0;
	if (target >= (long)view->row_count)
		target = (long)view->row_count - 1;
	select_row(app, (size_t)target);
	return 0;
}

static unsigned cmd_next(App *app, const char *argument)
{
	return move_rows(app, argument ? atol(argument) : 1, false);
}

static unsigned cmd_previous(App *app, const char *argument)
{
	return move_rows(app, argument ? -atol(argument) : -1, false);
}

static unsigned cmd_first(App *app, const char *argument)
{
	return move_rows(app, -1, true);
}

static unsigned cmd_last(App *app, const char *argument)
{
	return move_rows(app, 1, true);
}

static unsigned cmd_next_pending(App *app, const char *argument)
{
	if (!move_to_pending(app, 1, false))
		app_message(app, false, "no candidate pending: all reviewed");
	return 0;
}

static unsigned cmd_previous_pending(App *app, const char *argument)
{
	if (!move_to_pending(app, -1, false))
		app_message(app, false, "no candidate pending: all reviewed");
	return 0;
}

/* ---- documents ---- */

static void switch_document(App *app, int delta)
{
	Diagnostics diag = {0};
	AnnotationSet *set = app->queue->open_relative(app->queue->context, delta, &diag);
	if (!set) {
		if (diagnostics_error_count(&diag)) {
			char line[512];
			diagnostic_format(&diag.items[0], line, sizeof line);
			app_message(app, true, "%s", line);
		} else {
			app_message(app, false, delta > 0 ? "this is the last document" : "this is the first document");
		}
		diagnostics_free(&diag);
		return;
	}
	diagnostics_free(&diag);
	app->never_saved = false;
	app_open_set(app, set);
	/* Opening may have warned (another saywho has it open): that stays, the news follows. */
	if (app->engine_ran)
		app_tell_engine_ran(app);
	else
		app_message_append(app, false, "opened %s", app->view.file_label);
}

static void answer_switch(App *app, void *context, int key)
{
	int delta = (int)(intptr_t)context;
	if (key == 'y' || key == 'Y') {
		if (app_save(app))
			switch_document(app, delta);
	} else if (key == 'n' || key == 'N') {
		switch_document(app, delta);
	} else {
		app_message(app, false, "stayed");
	}
}

static unsigned change_document(App *app, int delta)
{
	if (!app->queue) {
		app_message(app, false, "one document is open (open several files or a folder for a queue)");
		return 0;
	}
	if (app_is_modified(app)) {
		char question[400];
		snprintf(question, sizeof question, "Save %s before leaving it? (y)es, (n)o, Esc stays",
			 app->view.file_label);
		app_confirm(app, question, answer_switch, (void *)(intptr_t)delta);
		return DIRTY_BOTTOM;
	}
	switch_document(app, delta);
	return DIRTY_ALL;
}

static unsigned cmd_next_document(App *app, const char *argument)
{
	return change_document(app, 1);
}

static unsigned cmd_previous_document(App *app, const char *argument)
{
	return change_document(app, -1);
}

/* ---- scrolling ---- */

static unsigned scroll_article(App *app, long lines)
{
	View *view = &app->view;
	if (view->mode == MODE_HELP || view->mode == MODE_PICKER)
		return move_rows(app, lines, false);
	ui_article_scroll(view, lines);
	view->selection_follows = false;
	if (view->mode == MODE_CURSOR) {
		size_t bottom = ui_article_bottom(view);
		if (view->cursor < view->article_top || view->cursor >= bottom)
			view->cursor = view->article_top;
	} else if (view->mode == MODE_NORMAL) {
		follow_article(app);
	}
	return DIRTY_ALL;
}

static long page_lines(const App *app)
{
	int rows = app->view.mode == MODE_HELP ? LINES - 3 : app->view.article_rows - 2;
	return rows > 1 ? rows : 1;
}

static unsigned cmd_page_down(App *app, const char *argument)
{
	return scroll_article(app, page_lines(app));
}

static unsigned cmd_page_up(App *app, const char *argument)
{
	return scroll_article(app, -page_lines(app));
}

static unsigned cmd_scroll_down(App *app, const char *argument)
{
	return scroll_article(app, 1);
}

static unsigned cmd_scroll_up(App *app, const char *argument)
{
	return scroll_article(app, -1);
}

static unsigned cmd_focus(App *app, const char *argument)
{
	app->view.focus = app->view.focus == FOCUS_LIST ? FOCUS_ARTICLE : FOCUS_LIST;
	app_message(app, false, "focus: %s", app->view.focus == FOCUS_LIST ? "list" : "article");
	return 0;
}

/* ---- prompts ---- */

static void open_prompt(App *app, int flow, const char *prefix, const char *initial)
{
	Prompt *prompt = &app->view.prompt;
	snprintf(prompt->prefix, sizeof prompt->prefix, "%s", prefix);
	snprintf(prompt->text, sizeof prompt->text, "%s", initial ? initial : "");
	prompt->length = strlen(prompt->text);
	prompt->cursor = prompt->length;
	app->flow = flow;
	set_mode(app, MODE_PROMPT);
}

/* ---- search ---- */

static bool match_at(const char *text, size_t size, size_t pos, const char *pattern, size_t length,
		     bool fold)
{
	if (pos + length > size)
		return false;
	if (!fold)
		return memcmp(text + pos, pattern, length) == 0;
	for (size_t i = 0; i < length; i++)
		if (tolower((unsigned char)text[pos + i]) != (unsigned char)pattern[i])
			return false;
	return true;
}

static bool find(const App *app, const char *pattern, size_t from, int direction, size_t *found)
{
	const char *text = text_of(app);
	size_t size = text_size(app), length = strlen(pattern);
	if (length == 0 || length > size)
		return false;
	bool fold = true; /* smart case: a capital in the pattern makes it exact */
	for (const char *p = pattern; *p; p++)
		if (isupper((unsigned char)*p))
			fold = false;
	if (direction > 0) {
		for (size_t pass = 0; pass < 2; pass++) {
			size_t start = pass ? 0 : from, end = pass ? from : size;
			for (size_t pos = start; pos + length <= size && pos < end; pos++) {
				if (fold) {
					const char *hit = pos < size ? text + pos : NULL;
					/* jump to the next possible first byte quickly */
					unsigned char first = (unsigned char)pattern[0];
					if (isalpha(first)) {
						while (pos < end && tolower((unsigned char)text[pos]) != first)
							pos++;
					} else {
						hit = memchr(text + pos, first, end - pos);
						if (!hit)
							break;
						pos = (size_t)(hit - text);
					}
					if (pos >= end)
						break;
				} else {
					const char *hit = memchr(text + pos, pattern[0], end - pos);
					if (!hit)
						break;
					pos = (size_t)(hit - text);
				}
				if (match_at(text, size, pos, pattern, length, fold)) {
					*found = pos;
					return true;
				}
			}
		}
	} else {
		for (size_t pass = 0; pass < 2; pass++) {
			size_t low = pass ? from : 0;
			size_t pos = pass ? size - length + 1 : from;
			while (pos > low) {
				pos--;
				if (match_at(text, size, pos, pattern, length, fold)) {
					*found = pos;
					return true;
				}
			}
		}
	}
	return false;
}

static unsigned search(App *app, int direction)
{
	View *view = &app->view;
	if (!*view->search) {
		app_message(app, true, "no search yet: / searches");
		return 0;
	}
	size_t from;
	if (view->has_match)
		from = direction > 0 ? view->match_start + 1 : view->match_start;
	else
		from = direction > 0 ? view->article_top : view->article_top;
	if (from > text_size(app))
		from = text_size(app);
	size_t found;
	if (!find(app, view->search, from, direction, &found)) {
		view->has_match = false;
		app_message(app, true, "not found: %s", view->search);
		return DIRTY_ALL;
	}
	view->has_match = true;
	view->match_start = found;
	view->match_end = found + strlen(view->search);
	ui_article_show(view, view->match_start, view->match_end);
	view->selection_follows = false;
	if (view->mode == MODE_CURSOR)
		view->cursor = found;
	unsigned line, column;
	article_line_col(app->set->article, found, &line, &column);
	app_message(app, false, "/%s: line %u, column %u", view->search, line, column);
	app->last_search_direction = direction;
	return DIRTY_ALL;
}

static unsigned cmd_search(App *app, const char *argument)
{
	if (!argument) {
		open_prompt(app, FLOW_SEARCH, "/", "");
		return DIRTY_BOTTOM;
	}
	snprintf(app->view.search, sizeof app->view.search, "%.255s", argument);
	app->view.has_match = false;
	return search(app, 1);
}

static unsigned cmd_search_next(App *app, const char *argument)
{
	return search(app, 1);
}

static unsigned cmd_search_previous(App *app, const char *argument)
{
	return search(app, -1);
}

static void clear_filter(App *app)
{
	free(app->filter.label);
	free(app->filter.speaker);
	memset(&app->filter, 0, sizeof app->filter);
	app->view.filter_text[0] = '\0';
}

static unsigned cmd_goto(App *app, const char *argument)
{
	if (!argument) {
		open_prompt(app, FLOW_COMMAND, ":", "goto ");
		return DIRTY_BOTTOM;
	}
	size_t index = annotation_set_annotation_index(app->set, argument);
	if (index == SIZE_MAX) {
		app_message(app, true, "no annotation with id '%s'", argument);
		return 0;
	}
	if (!app_select_annotation(app, index)) {
		clear_filter(app);
		app_rebuild_rows(app);
		app_select_annotation(app, index);
		app_message(app, false, "the filter hid %s: showing all", argument);
	}
	return DIRTY_ALL;
}

/* ---- finding what the engine missed ---- */

/* A cue word of the engine's lexicon at token i (with the next word for "according to"). */
static bool is_cue_word(const char *text, const Token *tokens, size_t count, size_t i)
{
	const Token *token = &tokens[i];
	const Token *next = i + 1 < count && tokens[i + 1].kind == TOKEN_WORD ? &tokens[i + 1] : NULL;
	return extract_is_cue_word(text + token->start, token->end - token->start,
				   next ? text + next->start : NULL, next ? next->end - next->start : 0);
}

static bool found_any(const IndexedSpan *span, void *context)
{
	*(bool *)context = true;
	return false;
}

static bool covered(const App *app, size_t start, size_t end)
{
	bool any = false;
	span_index_query(&app->view.spans, start, end, found_any, &any);
	return any;
}

static unsigned cmd_next_missed(App *app, const char *argument)
{
	const Article *article = app->set->article;
	const Token *tokens = article_tokens(article);
	size_t count = article_token_count(article);
	const char *text = text_of(app);
	size_t size = text_size(app);
	size_t from = app->missed_position;
	for (int pass = 0; pass < 2; pass++) {
		size_t first = article_token_at(article, pass ? 0 : from);
		size_t last = pass ? article_token_at(article, from) : count;
		for (size_t i = first; i < last && i < count; i++) {
			const Token *token = &tokens[i];
			bool quote = token->kind == TOKEN_QUOTE;
			if (!quote && !(token->kind == TOKEN_WORD && is_cue_word(text, tokens, count, i)))
				continue;
			/* A quotation mark next to a claim is that claim's. */
			size_t low = quote && token->start > 0 ? token->start - 1 : token->start;
			size_t high = quote && token->end < size ? token->end + 1 : token->end;
			if (covered(app, low, high))
				continue;
			View *view = &app->view;
			view->has_match = true;
			view->match_start = token->start;
			view->match_end = token->end;
			ui_article_show(view, token->start, token->end);
			view->selection_follows = false;
			app->missed_position = token->end;
			if (view->mode == MODE_CURSOR)
				view->cursor = token->start;
			unsigned line, column;
			article_line_col(article, token->start, &line, &column);
			/* Name the word (a lexicon form, short): "cue word" alone leaves the analyst hunting. */
			const char *around = quote ? "" : "\"";
			app_message(app, false, "%s %s%.*s%s not covered by any annotation (line %u): A adds a claim",
				    quote ? "quotation mark" : "cue word", around, (int)(token->end - token->start),
				    text + token->start, around, line);
			return DIRTY_ALL;
		}
	}
	app_message(app, false, "every quotation mark and cue word is covered");
	return 0;
}

/* ---- reviewing ---- */

static unsigned review(App *app, bool accept)
{
	size_t index = app_selected(app);
	if (index == SIZE_MAX)
		return need_selection(app);
	const char *why = NULL;
	char id[128];
	snprintf(id, sizeof id, "%s", app->set->annotations[index].id);
	bool ok = accept ? annotation_set_accept(app->set, index, &why)
			 : annotation_set_reject(app->set, index, &why);
	if (!ok)
		return model_failed(app, why, accept ? "cannot accept" : "cannot reject");
	app_sync(app);
	if (move_to_pending(app, 1, false))
		app_message(app, false, "%s %s", accept ? "accepted" : "rejected", id);
	else
		app_message(app, false, "%s %s; no candidate pending: all reviewed",
			    accept ? "accepted" : "rejected", id);
	return 0;
}

static unsigned cmd_accept(App *app, const char *argument)
{
	return review(app, true);
}

static unsigned cmd_reject(App *app, const char *argument)
{
	return review(app, false);
}

static unsigned cmd_reset(App *app, const char *argument)
{
	size_t index = app_selected(app);
	if (index == SIZE_MAX)
		return need_selection(app);
	const char *why = NULL;
	if (!annotation_set_reset_status(app->set, index, &why))
		return model_failed(app, why, "cannot reset");
	app_message(app, false, "%s is pending again", app->set->annotations[index].id);
	return 0;
}

static unsigned cmd_accept_above(App *app, const char *argument)
{
	if (!argument) {
		open_prompt(app, FLOW_ACCEPT_ABOVE, "accept shown candidates with confidence >= ", "");
		return DIRTY_BOTTOM;
	}
	char *end;
	double threshold = strtod(argument, &end);
	if (end == argument || *end || threshold < 0 || threshold > 1) {
		app_message(app, true, "accept-above: give a confidence between 0 and 1, not '%s'", argument);
		return 0;
	}
	char description[96];
	snprintf(description, sizeof description, "accept shown candidates >= %.2f", threshold);
	size_t accepted = 0;
	history_group_begin(app->set, description);
	for (size_t row = 0; row < app->view.row_count; row++) {
		size_t index = app->view.rows[row];
		const Annotation *annotation = &app->set->annotations[index];
		if (annotation->status == STATUS_CANDIDATE && annotation->has_confidence &&
		    annotation->confidence >= threshold && annotation_set_accept(app->set, index, NULL))
			accepted++;
	}
	history_group_end(app->set);
	app_message(app, false, "accepted %zu candidate%s with confidence >= %.2f (u undoes %s)", accepted,
		    accepted == 1 ? "" : "s", threshold, accepted == 1 ? "it" : "them all");
	return 0;
}

static unsigned after_history(App *app, const char *description, const char *verb)
{
	if (!description) {
		app_message(app, false, "nothing to %s", verb);
		return 0;
	}
	app_sync(app);
	if (app->last_changed < app->set->annotation_count)
		app_select_annotation(app, app->last_changed);
	app_message(app, false, "%s: %s", strcmp(verb, "undo") == 0 ? "undid" : "redid", description);
	return 0;
}

static unsigned cmd_undo(App *app, const char *argument)
{
	app->last_changed = SIZE_MAX;
	return after_history(app, history_undo(app->set), "undo");
}

static unsigned cmd_redo(App *app, const char *argument)
{
	app->last_changed = SIZE_MAX;
	return after_history(app, history_redo(app->set), "redo");
}

/* ---- pickers ---- */

static void picker_add(Picker *picker, const char *label, const char *detail, long value)
{
	picker->items = xrealloc(picker->items, (picker->count + 1) * sizeof *picker->items);
	picker->items[picker->count].label = xstrdup(label);
	picker->items[picker->count].detail = detail ? xstrdup(detail) : NULL;
	picker->items[picker->count].value = value;
	picker->count++;
}

static bool contains_folded(const char *haystack, const char *needle)
{
	size_t length = strlen(needle);
	if (length == 0)
		return true;
	for (const char *p = haystack; *p; p++)
		if (strncasecmp(p, needle, length) == 0)
			return true;
	return false;
}

static void picker_refilter(Picker *picker)
{
	free(picker->shown);
	picker->shown = xmalloc((picker->count + 1) * sizeof(size_t));
	picker->shown_count = 0;
	for (size_t i = 0; i < picker->count; i++)
		if (contains_folded(picker->items[i].label, picker->filter) ||
		    (picker->items[i].detail && contains_folded(picker->items[i].detail, picker->filter)))
			picker->shown[picker->shown_count++] = i;
	picker->selected = 0;
	picker->top = 0;
}

static void picker_reset(App *app, int flow, const char *title, bool allow_create)
{
	Picker *picker = &app->view.picker;
	picker_clear(picker);
	picker->title = xstrdup(title);
	picker->allow_create = allow_create;
	app->flow = flow;
}

static void picker_open(App *app)
{
	picker_refilter(&app->view.picker);
	set_mode(app, MODE_PICKER);
}

static void open_speaker_picker(App *app, int flow, const char *title, size_t exclude)
{
	picker_reset(app, flow, title, flow == FLOW_PICK_SPEAKER);
	for (size_t i = 0; i < app->set->speaker_count; i++) {
		if (i == exclude)
			continue;
		const Speaker *speaker = &app->set->speakers[i];
		const char *type = speaker_type_name(speaker->type);
		char detail[160];
		snprintf(detail, sizeof detail, "%s, %s", type ? type : "no type", speaker->id);
		picker_add(&app->view.picker, speaker->name ? speaker->name : speaker->id, detail, (long)i);
	}
	picker_open(app);
}

static void open_type_picker(App *app, int flow, const char *title)
{
	picker_reset(app, flow, title, false);
	for (int type = SPEAKER_PERSON; type < SPEAKER_TYPE_COUNT; type++)
		picker_add(&app->view.picker, speaker_type_name((SpeakerType)type), NULL, type);
	picker_open(app);
}

/* ---- cursor mode ---- */

static void enter_cursor(App *app, int flow, const Span *preselect, size_t at, const char *purpose)
{
	View *view = &app->view;
	app->flow = flow;
	if (preselect && preselect->present && preselect->end > preselect->start) {
		view->anchor = preselect->start;
		view->cursor = previous_char(app, preselect->end);
		view->selecting = true;
	} else {
		view->cursor = at < text_size(app) ? at : (text_size(app) ? previous_char(app, text_size(app)) : 0);
		view->selecting = false;
	}
	snprintf(view->cursor_purpose, sizeof view->cursor_purpose, "%s", purpose);
	set_mode(app, MODE_CURSOR);
	ui_article_show(view, view->cursor, next_char(app, view->cursor));
	app_message(app, false, "%s: move with w b e ( ), v selects, \" inside quotes, s sentence, Enter uses it%s",
		    purpose, flow == FLOW_CURSOR_MENTION || flow == FLOW_CURSOR_CUE ? ", - none" : "");
}

static bool is_trim_char(const App *app, size_t pos, bool quotes)
{
	unsigned codepoint;
	article_decode(app->set->article, pos, &codepoint);
	if (codepoint == ' ' || codepoint == '\n' || codepoint == '\t' || codepoint == '\r' || codepoint == 0xa0)
		return true;
	return quotes && (codepoint == '"' || codepoint == 0x201c || codepoint == 0x201d ||
			  codepoint == 0x2018 || codepoint == 0x2019 || codepoint == 0xab || codepoint == 0xbb ||
			  (codepoint == '\'' ));
}

/* The selection (or the word under the cursor), trimmed of white space (and, for claims, of the
 * quotation marks, which a claim never includes). */
static bool cursor_span(App *app, bool is_claim, Span *out)
{
	View *view = &app->view;
	const Article *article = app->set->article;
	size_t start, end;
	if (view->selecting) {
		start = view->anchor < view->cursor ? view->anchor : view->cursor;
		end = next_char(app, view->anchor < view->cursor ? view->cursor : view->anchor);
	} else {
		size_t index = article_token_at(article, view->cursor);
		const Token *tokens = article_tokens(article);
		if (index < article_token_count(article) && tokens[index].start <= view->cursor &&
		    view->cursor < tokens[index].end) {
			start = tokens[index].start;
			end = tokens[index].end;
		} else {
			start = view->cursor;
			end = next_char(app, view->cursor);
		}
	}
	while (start < end && is_trim_char(app, start, is_claim))
		start = next_char(app, start);
	while (end > start && is_trim_char(app, previous_char(app, end), is_claim))
		end = previous_char(app, end);
	if (end <= start) {
		app_message(app, true, "nothing selected: move the cursor onto the text");
		return false;
	}
	memset(out, 0, sizeof *out);
	out->present = true;
	out->start = start;
	out->end = end;
	return true;
}

static unsigned cursor_moved(App *app)
{
	View *view = &app->view;
	ui_article_show(view, view->cursor, next_char(app, view->cursor));
	view->selection_follows = false;
	return DIRTY_ARTICLE;
}

static bool in_cursor(App *app)
{
	return app->view.mode == MODE_CURSOR;
}

/* Cursor motions: where the cursor goes from `cursor`. */
typedef size_t (*Motion)(const App *app, size_t cursor);

static unsigned move_cursor(App *app, Motion motion)
{
	if (!in_cursor(app))
		return 0;
	app->view.cursor = motion(app, app->view.cursor);
	return cursor_moved(app);
}

static size_t motion_left(const App *app, size_t cursor)
{
	return previous_char(app, cursor);
}

static size_t motion_right(const App *app, size_t cursor)
{
	size_t next = next_char(app, cursor);
	return next < text_size(app) ? next : cursor;
}

static size_t motion_up(const App *app, size_t cursor)
{
	return ui_article_vertical(&app->view, cursor, -1);
}

static size_t motion_down(const App *app, size_t cursor)
{
	return ui_article_vertical(&app->view, cursor, 1);
}

static size_t motion_word_next(const App *app, size_t cursor)
{
	const Article *article = app->set->article;
	const Token *tokens = article_tokens(article);
	size_t count = article_token_count(article);
	size_t i = article_token_at(article, cursor);
	if (i < count && tokens[i].start <= cursor)
		i++;
	return i < count ? tokens[i].start : cursor;
}

static size_t motion_word_previous(const App *app, size_t cursor)
{
	const Article *article = app->set->article;
	const Token *tokens = article_tokens(article);
	size_t count = article_token_count(article);
	size_t i = article_token_at(article, cursor);
	/* The last token starting before the cursor. */
	while (i > 0 && (i >= count || tokens[i].start >= cursor))
		i--;
	return i < count && tokens[i].start < cursor ? tokens[i].start : cursor;
}

static size_t motion_word_end(const App *app, size_t cursor)
{
	const Article *article = app->set->article;
	const Token *tokens = article_tokens(article);
	size_t count = article_token_count(article);
	size_t i = article_token_at(article, cursor);
	if (i < count && previous_char(app, tokens[i].end) <= cursor)
		i++;
	return i < count ? previous_char(app, tokens[i].end) : cursor;
}

static size_t motion_sentence_next(const App *app, size_t cursor)
{
	const Article *article = app->set->article;
	size_t count = article_sentence_count(article);
	size_t i = article_sentence_at(article, cursor);
	if (i < count && article_sentence(article, i).start <= cursor)
		i++;
	return i < count ? article_sentence(article, i).start : cursor;
}

static size_t motion_sentence_previous(const App *app, size_t cursor)
{
	const Article *article = app->set->article;
	size_t count = article_sentence_count(article);
	size_t i = article_sentence_at(article, cursor);
	/* The start of this sentence, or of the previous one when already there. */
	while (i > 0 && (i >= count || article_sentence(article, i).start >= cursor))
		i--;
	return i < count && article_sentence(article, i).start < cursor ? article_sentence(article, i).start
									 : cursor;
}

static unsigned cmd_cursor_left(App *app, const char *argument)
{
	return move_cursor(app, motion_left);
}

static unsigned cmd_cursor_right(App *app, const char *argument)
{
	return move_cursor(app, motion_right);
}

static unsigned cmd_cursor_up(App *app, const char *argument)
{
	return move_cursor(app, motion_up);
}

static unsigned cmd_cursor_down(App *app, const char *argument)
{
	return move_cursor(app, motion_down);
}

static unsigned cmd_word_next(App *app, const char *argument)
{
	return move_cursor(app, motion_word_next);
}

static unsigned cmd_word_previous(App *app, const char *argument)
{
	return move_cursor(app, motion_word_previous);
}

static unsigned cmd_word_end(App *app, const char *argument)
{
	return move_cursor(app, motion_word_end);
}

static unsigned cmd_sentence_next(App *app, const char *argument)
{
	return move_cursor(app, motion_sentence_next);
}

static unsigned cmd_sentence_previous(App *app, const char *argument)
{
	return move_cursor(app, motion_sentence_previous);
}

static unsigned cmd_select(App *app, const char *argument)
{
	if (!in_cursor(app))
		return 0;
	View *view = &app->view;
	view->selecting = !view->selecting;
	view->anchor = view->cursor;
	return DIRTY_ARTICLE;
}

static unsigned cmd_other_end(App *app, const char *argument)
{
	if (!in_cursor(app) || !app->view.selecting)
		return 0;
	size_t swap = app->view.anchor;
	app->view.anchor = app->view.cursor;
	app->view.cursor = swap;
	return cursor_moved(app);
}

static unsigned cmd_select_quote(App *app, const char *argument)
{
	if (!in_cursor(app))
		return 0;
	const Article *article = app->set->article;
	const Token *tokens = article_tokens(article);
	size_t count = article_token_count(article);
	ByteRange paragraph = article_paragraph(article, article_paragraph_at(article, app->view.cursor));
	size_t here = article_token_at(article, app->view.cursor);
	size_t open = SIZE_MAX, close = SIZE_MAX;
	for (size_t i = here; i-- > 0 && tokens[i].start >= paragraph.start;)
		if (tokens[i].kind == TOKEN_QUOTE) {
			open = i;
			break;
		}
	for (size_t i = here; i < count && tokens[i].end <= paragraph.end; i++)
		if (tokens[i].kind == TOKEN_QUOTE && (open == SIZE_MAX || i > open) &&
		    tokens[i].start > app->view.cursor - (app->view.cursor > 0)) {
			close = i;
			break;
		}
	if (here < count && tokens[here].kind == TOKEN_QUOTE && tokens[here].start <= app->view.cursor) {
		/* On a mark: it opens what follows. */
		open = here;
		close = SIZE_MAX;
		for (size_t i = here + 1; i < count && tokens[i].end <= paragraph.end; i++)
			if (tokens[i].kind == TOKEN_QUOTE) {
				close = i;
				break;
			}
	}
	if (open == SIZE_MAX || close == SIZE_MAX || tokens[close].start <= tokens[open].end) {
		app_message(app, true, "no quotation marks around the cursor in this paragraph");
		return DIRTY_BOTTOM;
	}
	app->view.anchor = tokens[open].end;
	app->view.cursor = previous_char(app, tokens[close].start);
	app->view.selecting = true;
	return cursor_moved(app);
}

static unsigned cmd_select_sentence(App *app, const char *argument)
{
	if (!in_cursor(app))
		return 0;
	const Article *article = app->set->article;
	size_t i = article_sentence_at(article, app->view.cursor);
	if (i >= article_sentence_count(article))
		return 0;
	ByteRange sentence = article_sentence(article, i);
	app->view.anchor = sentence.start;
	app->view.cursor = previous_char(app, sentence.end);
	app->view.selecting = true;
	return cursor_moved(app);
}

/* ---- correcting ---- */

static bool is_quote_at(const App *app, size_t pos)
{
	if (pos >= text_size(app))
		return false;
	size_t index = article_token_at(app->set->article, pos);
	return index < article_token_count(app->set->article) &&
	       article_tokens(app->set->article)[index].start == pos &&
	       article_tokens(app->set->article)[index].kind == TOKEN_QUOTE;
}

static void start_cue_step(App *app);

static void finish_adding(App *app)
{
	size_t index = app->flow_annotation;
	char id[128] = "";
	if (index < app->set->annotation_count)
		snprintf(id, sizeof id, "%s", app->set->annotations[index].id);
	end_flow(app);
	app_message(app, false, "added %s (s changes the speaker, K the kind, L the label)", id);
}

/* Points the annotation's speaker at speaker `speaker_index`, with the mention in flow_span (or
 * its current mention). */
static void apply_speaker(App *app, size_t speaker_index)
{
	size_t index = app->flow_annotation;
	Annotation *annotation = &app->set->annotations[index];
	Span mention;
	span_copy(&mention, app->flow_span.present ? &app->flow_span : &annotation->speaker);
	free(mention.ref);
	mention.ref = xstrdup(app->set->speakers[speaker_index].id);
	const char *why = NULL;
	bool ok = annotation_set_set_speaker(app->set, index, &mention, &why);
	char name[256];
	snprintf(name, sizeof name, "%s", app->set->speakers[speaker_index].name ? app->set->speakers[speaker_index].name : "");
	span_clear(&mention);
	if (!ok) {
		model_failed(app, why, "cannot set the speaker");
		end_flow(app);
		return;
	}
	app_sync(app);
	if (app->adding) {
		span_clear(&app->flow_span);
		start_cue_step(app);
		return;
	}
	end_flow(app);
	app_message(app, false, "speaker: %s", name);
}

static void open_speaker_choice(App *app, const char *default_name)
{
	free(app->flow_text);
	app->flow_text = default_name ? xstrdup(default_name) : NULL;
	open_speaker_picker(app, FLOW_PICK_SPEAKER, "Speaker (type to filter; the last row creates one)", SIZE_MAX);
	/* The mention's words are the new speaker's name until the analyst types another. */
	if (default_name)
		snprintf(app->view.picker.create_default, sizeof app->view.picker.create_default, "%s", default_name);
}

static unsigned cmd_speaker(App *app, const char *argument)
{
	Annotation *annotation = selected_annotation(app);
	if (!annotation)
		return need_selection(app);
	app->flow_annotation = app_selected(app);
	span_clear(&app->flow_span);
	if (!annotation->speaker.present) {
		enter_cursor(app, FLOW_CURSOR_MENTION, NULL, annotation->claim.end,
			     "select the speaker mention first");
		return DIRTY_ALL;
	}
	char *mention = span_text(app->set->article, &annotation->speaker);
	open_speaker_choice(app, mention);
	free(mention);
	return DIRTY_ALL;
}

static unsigned cmd_mention(App *app, const char *argument)
{
	Annotation *annotation = selected_annotation(app);
	if (!annotation)
		return need_selection(app);
	app->flow_annotation = app_selected(app);
	enter_cursor(app, FLOW_CURSOR_MENTION, &annotation->speaker, annotation->claim.end,
		     "speaker mention");
	return DIRTY_ALL;
}

static unsigned cmd_cue(App *app, const char *argument)
{
	Annotation *annotation = selected_annotation(app);
	if (!annotation)
		return need_selection(app);
	app->flow_annotation = app_selected(app);
	enter_cursor(app, FLOW_CURSOR_CUE, &annotation->cue, annotation->claim.end, "cue");
	return DIRTY_ALL;
}

static unsigned cmd_claim(App *app, const char *argument)
{
	Annotation *annotation = selected_annotation(app);
	if (!annotation)
		return need_selection(app);
	app->flow_annotation = app_selected(app);
	enter_cursor(app, FLOW_CURSOR_CLAIM, &annotation->claim, annotation->claim.start, "claim");
	return DIRTY_ALL;
}

static void set_kind(App *app, size_t index, ClaimKind kind)
{
	const char *why = NULL;
	if (!annotation_set_set_kind(app->set, index, kind, &why))
		model_failed(app, why, "cannot change the kind");
	else
		app_message(app, false, "kind: %s", claim_kind_name(kind));
}

static unsigned cmd_kind(App *app, const char *argument)
{
	size_t index = app_selected(app);
	if (index == SIZE_MAX)
		return need_selection(app);
	if (argument) {
		ClaimKind kind;
		if (!claim_kind_parse(argument, &kind)) {
			app_message(app, true, "kind: direct, indirect or mixed, not '%s'", argument);
			return 0;
		}
		set_kind(app, index, kind);
		return 0;
	}
	app->flow_annotation = index;
	picker_reset(app, FLOW_PICK_KIND, "Kind", false);
	picker_add(&app->view.picker, "direct", "the words inside quotation marks", KIND_DIRECT);
	picker_add(&app->view.picker, "indirect", "reported speech, paraphrase", KIND_INDIRECT);
	picker_add(&app->view.picker, "mixed", "paraphrase with quoted fragments", KIND_MIXED);
	picker_open(app);
	return DIRTY_ALL;
}

static const char *label_definition(const App *app, const char *label)
{
	for (size_t i = 0; i < app->label_definition_count; i++)
		if (strcmp(app->label_definitions[i].name, label) == 0)
			return app->label_definitions[i].definition;
	for (size_t i = 0; i < sizeof default_label_definitions / sizeof default_label_definitions[0]; i++)
		if (strcmp(default_label_definitions[i].name, label) == 0)
			return default_label_definitions[i].definition;
	return NULL;
}

static void set_label(App *app, size_t index, const char *label)
{
	const char *why = NULL;
	if (!annotation_set_set_label(app->set, index, label, &why))
		model_failed(app, why, "cannot change the label");
	else
		app_message(app, false, "label: %s", label);
}

static unsigned cmd_label(App *app, const char *argument)
{
	size_t index = app_selected(app);
	if (index == SIZE_MAX)
		return need_selection(app);
	if (argument) {
		set_label(app, index, argument);
		return 0;
	}
	app->flow_annotation = index;
	picker_reset(app, FLOW_PICK_LABEL, "Label", false);
	const char *const *labels = (const char *const *)app->set->labels;
	size_t count = app->set->label_count;
	if (!app->set->has_labels || count == 0) {
		labels = annotation_default_labels;
		count = annotation_default_label_count;
	}
	for (size_t i = 0; i < count; i++)
		picker_add(&app->view.picker, labels[i], label_definition(app, labels[i]), (long)i);
	picker_open(app);
	return DIRTY_ALL;
}

static void set_note(App *app, size_t index, const char *note)
{
	const char *why = NULL;
	if (!annotation_set_set_note(app->set, index, note && *note ? note : NULL, &why))
		model_failed(app, why, "cannot write the note");
	else
		app_message(app, false, note && *note ? "note written" : "note removed");
}

static unsigned cmd_note(App *app, const char *argument)
{
	Annotation *annotation = selected_annotation(app);
	if (!annotation)
		return need_selection(app);
	if (argument) {
		set_note(app, app_selected(app), argument);
		return 0;
	}
	app->flow_annotation = app_selected(app);
	open_prompt(app, FLOW_NOTE, "note: ", annotation->note);
	return DIRTY_BOTTOM;
}

static unsigned cmd_add(App *app, const char *argument)
{
	app->adding = false;
	/* At what f or a search just found, when it is on screen: that is why the analyst adds. */
	View *view = &app->view;
	bool match_shown = view->has_match && view->match_start >= view->article_top &&
			   view->match_start < ui_article_bottom(view);
	enter_cursor(app, FLOW_CURSOR_NEW_CLAIM, NULL, match_shown ? view->match_start : view->article_top,
		     "new claim");
	return DIRTY_ALL;
}

static void start_cue_step(App *app)
{
	const Annotation *annotation = &app->set->annotations[app->flow_annotation];
	char purpose[64];
	snprintf(purpose, sizeof purpose, "cue of %s", annotation->id);
	enter_cursor(app, FLOW_CURSOR_CUE, NULL,
		     annotation->speaker.present ? annotation->speaker.end : annotation->claim.end, purpose);
}

static void add_claim(App *app, const Span *claim)
{
	Annotation annotation;
	memset(&annotation, 0, sizeof annotation);
	annotation.status = STATUS_ADDED;
	annotation.claim = *claim;
	/* Between quotation marks: a direct quote. */
	size_t before = claim->start ? previous_char(app, claim->start) : SIZE_MAX;
	annotation.kind = before != SIZE_MAX && is_quote_at(app, before) &&
				  (is_quote_at(app, claim->end) ||
				   (claim->end > 0 && is_quote_at(app, previous_char(app, claim->end))))
			  ? KIND_DIRECT : KIND_INDIRECT;
	const char *why = NULL;
	size_t index = annotation_set_add(app->set, &annotation, &why);
	if (index == (size_t)-1) {
		model_failed(app, why, "cannot add the claim");
		end_flow(app);
		return;
	}
	app_sync(app);
	if (!app_select_annotation(app, index)) {
		clear_filter(app);
		app_rebuild_rows(app);
		app_select_annotation(app, index);
	}
	app->flow_annotation = index;
	app->adding = true;
	char purpose[64];
	snprintf(purpose, sizeof purpose, "speaker mention of %s", app->set->annotations[index].id);
	enter_cursor(app, FLOW_CURSOR_MENTION, NULL, claim->end, purpose);
}

static unsigned cmd_delete(App *app, const char *argument)
{
	size_t index = app_selected(app);
	if (index == SIZE_MAX)
		return need_selection(app);
	if (app->set->annotations[index].status != STATUS_ADDED) {
		app_message(app, true, "only added annotations can be deleted: x rejects a candidate");
		return 0;
	}
	char id[128];
	snprintf(id, sizeof id, "%s", app->set->annotations[index].id);
	const char *why = NULL;
	if (!annotation_set_delete(app->set, index, &why))
		return model_failed(app, why, "cannot delete");
	app->last_changed = SIZE_MAX;
	app_sync(app);
	app_message(app, false, "deleted %s", id);
	return 0;
}

/* ---- the list: filter and sort ---- */

static unsigned cmd_filter(App *app, const char *argument)
{
	if (!argument) {
		open_prompt(app, FLOW_FILTER, "filter (status= label= speaker= confidence>=; all): ",
			    app->view.filter_text);
		return DIRTY_BOTTOM;
	}
	AppFilter filter = {0};
	char buffer[512];
	snprintf(buffer, sizeof buffer, "%s", argument);
	bool ok = true;
	for (char *save = NULL, *word = strtok_r(buffer, " ", &save); word && ok;
	     word = strtok_r(NULL, " ", &save)) {
		if (strcmp(word, "all") == 0 || strcmp(word, "none") == 0)
			continue;
		if (strncmp(word, "status=", 7) == 0) {
			char *values = word + 7;
			for (char *inner = NULL, *name = strtok_r(values, ",", &inner); name;
			     name = strtok_r(NULL, ",", &inner)) {
				AnnotationStatus status;
				if (strcmp(name, "pending") == 0)
					status = STATUS_CANDIDATE;
				else if (strcmp(name, "reviewed") == 0) {
					filter.status_mask |= (1u << STATUS_ACCEPTED) | (1u << STATUS_REJECTED) |
							      (1u << STATUS_CORRECTED) | (1u << STATUS_ADDED);
					continue;
				} else if (!annotation_status_parse(name, &status)) {
					app_message(app, true, "filter: unknown status '%s'", name);
					ok = false;
					break;
				}
				filter.status_mask |= 1u << status;
			}
		} else if (strncmp(word, "label=", 6) == 0) {
			free(filter.label);
			filter.label = xstrdup(word + 6);
		} else if (strncmp(word, "speaker=", 8) == 0) {
			free(filter.speaker);
			filter.speaker = xstrdup(word + 8);
		} else if (strncmp(word, "confidence>=", 12) == 0) {
			char *end;
			filter.min_confidence = strtod(word + 12, &end);
			filter.has_min_confidence = true;
			if (end == word + 12 || *end) {
				app_message(app, true, "filter: confidence>= needs a number, not '%s'", word + 12);
				ok = false;
			}
		} else {
			app_message(app, true, "filter: '%s' is not status=, label=, speaker= or confidence>=", word);
			ok = false;
		}
	}
	if (!ok) {
		free(filter.label);
		free(filter.speaker);
		return DIRTY_BOTTOM;
	}
	clear_filter(app);
	app->filter = filter;
	bool any = filter.status_mask || filter.label || filter.speaker || filter.has_min_confidence;
	snprintf(app->view.filter_text, sizeof app->view.filter_text, "%s", any ? argument : "");
	app_rebuild_rows(app);
	app_message(app, false, any ? "%zu shown (:filter all shows everything)" : "%zu shown", app->view.row_count);
	return 0;
}

static const char *const sort_names[SORT_COUNT] = {"position", "confidence", "status", "label", "speaker"};

static unsigned cmd_sort(App *app, const char *argument)
{
	AppSort sort = (AppSort)((app->sort + 1) % SORT_COUNT);
	if (argument) {
		size_t i = 0;
		while (i < SORT_COUNT && strcmp(argument, sort_names[i]) != 0)
			i++;
		if (i == SORT_COUNT) {
			app_message(app, true, "sort: position, confidence, status, label or speaker, not '%s'", argument);
			return 0;
		}
		sort = (AppSort)i;
	}
	app->sort = sort;
	snprintf(app->view.sort_text, sizeof app->view.sort_text, "%s", sort == SORT_POSITION ? "" : sort_names[sort]);
	app_rebuild_rows(app);
	app_message(app, false, "sorted by %s", sort_names[sort]);
	return 0;
}

/* ---- speakers view ---- */

static void speaker_show_first_mention(App *app)
{
	View *view = &app->view;
	if (!view->speaker_row_count)
		return;
	const char *id = app->set->speakers[view->speaker_rows[view->speaker_selected]].id;
	for (size_t i = 0; i < view->by_start_count; i++) {
		const Annotation *annotation = &app->set->annotations[view->by_start[i]];
		if (annotation->speaker.present && annotation->speaker.ref &&
		    strcmp(annotation->speaker.ref, id) == 0) {
			ui_article_show(view, annotation->speaker.start, annotation->speaker.end);
			return;
		}
	}
}

static unsigned cmd_speakers(App *app, const char *argument)
{
	if (app->view.mode == MODE_SPEAKERS) {
		set_mode(app, MODE_NORMAL);
		app->view.selection_follows = true;
		return DIRTY_ALL;
	}
	app_build_speaker_rows(app);
	set_mode(app, MODE_SPEAKERS);
	speaker_show_first_mention(app);
	app_message(app, false, "%zu speaker%s: r renames, t changes the type, m merges into another",
		    app->view.speaker_row_count, app->view.speaker_row_count == 1 ? "" : "s");
	return DIRTY_ALL;
}

static size_t selected_speaker(App *app)
{
	View *view = &app->view;
	if (view->mode != MODE_SPEAKERS || !view->speaker_row_count)
		return SIZE_MAX;
	return view->speaker_rows[view->speaker_selected];
}

static unsigned need_speaker(App *app)
{
	app_message(app, true, "open the speakers view first (S) and select a speaker");
	return DIRTY_BOTTOM;
}

static unsigned cmd_rename_speaker(App *app, const char *argument)
{
	size_t index = selected_speaker(app);
	if (index == SIZE_MAX)
		return need_speaker(app);
	if (!argument) {
		open_prompt(app, FLOW_RENAME, "rename to: ", app->set->speakers[index].name);
		return DIRTY_BOTTOM;
	}
	const char *why = NULL;
	if (!annotation_set_rename_speaker(app->set, index, argument, &why))
		return model_failed(app, why, "cannot rename");
	app_sync(app);
	app_build_speaker_rows(app);
	app_message(app, false, "renamed to %s", argument);
	return DIRTY_ALL;
}

static unsigned cmd_retype_speaker(App *app, const char *argument)
{
	size_t index = selected_speaker(app);
	if (index == SIZE_MAX)
		return need_speaker(app);
	if (argument) {
		SpeakerType type;
		if (!speaker_type_parse(argument, &type)) {
			app_message(app, true, "type: person, organization, government, media, document or other");
			return DIRTY_BOTTOM;
		}
		const char *why = NULL;
		if (!annotation_set_retype_speaker(app->set, index, type, &why))
			return model_failed(app, why, "cannot change the type");
		app_message(app, false, "type: %s", argument);
		return DIRTY_ALL;
	}
	open_type_picker(app, FLOW_PICK_RETYPE, "Speaker type");
	return DIRTY_ALL;
}

static unsigned cmd_merge_speaker(App *app, const char *argument)
{
	size_t index = selected_speaker(app);
	if (index == SIZE_MAX)
		return need_speaker(app);
	char title[300];
	snprintf(title, sizeof title, "Merge %s into", app->set->speakers[index].name ? app->set->speakers[index].name : "");
	open_speaker_picker(app, FLOW_PICK_MERGE, title, index);
	return DIRTY_ALL;
}

/* ---- screen ---- */

static unsigned cmd_split(App *app, const char *argument)
{
	app->view.force_stacked = !app->view.force_stacked;
	if (!app->view.force_stacked && COLS < UI_STACK_BELOW_COLS)
		app_message(app, false, "below %d columns the panes stay stacked", UI_STACK_BELOW_COLS);
	return DIRTY_LAYOUT;
}

static unsigned resize_list(App *app, int delta)
{
	int percent = app->view.list_percent + delta;
	app->view.list_percent = percent < 20 ? 20 : percent > 80 ? 80 : percent;
	return DIRTY_LAYOUT;
}

static unsigned cmd_list_wider(App *app, const char *argument)
{
	return resize_list(app, 5);
}

static unsigned cmd_list_narrower(App *app, const char *argument)
{
	return resize_list(app, -5);
}

static unsigned cmd_mouse(App *app, const char *argument)
{
	app->mouse = !app->mouse;
	if (app->term)
		term_mouse(app->term, app->mouse);
	app_message(app, false, "mouse %s", app->mouse ? "on: click a row or a highlight to select it" : "off");
	return 0;
}

static unsigned cmd_help(App *app, const char *argument)
{
	if (app->view.mode == MODE_HELP)
		return 0;
	free(app->view.help_text);
	size_t size = 0;
	app->view.help_text = NULL;
	FILE *out = open_memstream(&app->view.help_text, &size);
	if (out) {
		keymap_write_help(out);
		fclose(out);
	}
	app->mode_before_help = app->view.mode;
	app->view.help_top = 0;
	/* Open at the keys of where the analyst is (the cursor mode's, the speakers view's...). */
	KeymapContext context = KEYMAP_MAIN;
	if (app->view.mode == MODE_CURSOR)
		context = KEYMAP_CURSOR;
	else if (app->view.mode == MODE_SPEAKERS)
		context = KEYMAP_SPEAKERS;
	else if (app->compare)
		context = KEYMAP_COMPARE;
	app->view.help_anchor = SIZE_MAX;
	if (context != KEYMAP_MAIN && app->view.help_text) {
		char heading[160];
		snprintf(heading, sizeof heading, "\n%s (%s)\n", keymap_context_help(context), keymap_context_name(context));
		const char *at = strstr(app->view.help_text, heading);
		if (at)
			app->view.help_anchor = (size_t)(at + 1 - app->view.help_text);
	}
	set_mode(app, MODE_HELP);
	return DIRTY_LAYOUT;
}

static unsigned cmd_command_line(App *app, const char *argument)
{
	open_prompt(app, FLOW_COMMAND, ":", argument);
	return DIRTY_BOTTOM;
}

static unsigned cmd_redraw(App *app, const char *argument)
{
	app->force_clear = true;
	return DIRTY_LAYOUT;
}

static unsigned cmd_suspend(App *app, const char *argument)
{
	if (app->term)
		term_suspend(app->term);
	app->force_clear = true;
	return DIRTY_LAYOUT;
}

/* ---- files ---- */

static unsigned cmd_write(App *app, const char *argument)
{
	if (argument) {
		Diagnostics diag = {0};
		if (!store_save(app->set, argument, &diag)) {
			char line[512] = "save failed";
			if (diag.count)
				diagnostic_format(&diag.items[0], line, sizeof line);
			app_message(app, true, "%s", line);
		} else {
			app->never_saved = false;
			app_message(app, false, "saved %s", argument);
		}
		diagnostics_free(&diag);
		return 0;
	}
	app_save(app);
	return 0;
}

static void answer_quit(App *app, void *context, int key)
{
	if (key == 'y' || key == 'Y') {
		if (app_save(app))
			app->quit = true;
	} else if (key == 'n' || key == 'N') {
		app->quit = true;
	} else {
		app_message(app, false, "not quitting");
	}
}

static unsigned cmd_quit(App *app, const char *argument)
{
	if (!app_is_modified(app)) {
		app->quit = true;
		return 0;
	}
	char question[400];
	snprintf(question, sizeof question, "Save changes to %s? (y)es, (n)o: quit without saving, Esc: stay",
		 app->view.file_label);
	app_confirm(app, question, answer_quit, NULL);
	return 0;
}

static unsigned cmd_write_quit(App *app, const char *argument)
{
	/* When a hook asks first (the file changed on disk), the save that follows the answer quits. */
	app->quit_after_save = true;
	if (app_save(app))
		app->quit = true;
	return 0;
}

static unsigned cmd_quit_discard(App *app, const char *argument)
{
	app->quit = true;
	return 0;
}

/* ---- choose and cancel ---- */

static unsigned choose_prompt(App *app)
{
	char text[sizeof app->view.prompt.text];
	snprintf(text, sizeof text, "%s", app->view.prompt.text);
	int flow = app->flow;
	size_t index = app->flow_annotation;
	end_flow(app);
	switch (flow) {
	case FLOW_COMMAND:
		return command_run_line(app, text);
	case FLOW_SEARCH:
		if (!*text)
			return search(app, 1);
		return cmd_search(app, text);
	case FLOW_NOTE:
		set_note(app, index, text);
		return DIRTY_ALL;
	case FLOW_RENAME:
		set_mode(app, MODE_SPEAKERS);
		if (!*text) {
			app_message(app, true, "a speaker needs a name");
			return DIRTY_ALL;
		}
		return cmd_rename_speaker(app, text);
	case FLOW_ACCEPT_ABOVE:
		return *text ? cmd_accept_above(app, text) : 0;
	case FLOW_FILTER:
		return cmd_filter(app, text);
	default:
		return DIRTY_ALL;
	}
}

static unsigned choose_picker(App *app)
{
	Picker *picker = &app->view.picker;
	bool create = picker->allow_create && picker->selected == picker->shown_count;
	long value = -1;
	char label[256] = "";
	if (!create) {
		if (picker->shown_count == 0) {
			app_message(app, true, "nothing matches '%s'", picker->filter);
			return DIRTY_ALL;
		}
		const PickerItem *item = &picker->items[picker->shown[picker->selected]];
		value = item->value;
		snprintf(label, sizeof label, "%s", item->label);
	}
	int flow = app->flow;
	size_t index = app->flow_annotation;
	switch (flow) {
	case FLOW_PICK_SPEAKER:
		if (create) {
			const char *name = *picker->filter ? picker->filter : app->flow_text;
			if (!name || !*name) {
				app_message(app, true, "type the new speaker's name");
				return DIRTY_ALL;
			}
			char *copy = xstrdup(name);
			free(app->flow_text);
			app->flow_text = copy;
			char title[300];
			snprintf(title, sizeof title, "Type of the new speaker %s", copy);
			open_type_picker(app, FLOW_PICK_NEW_SPEAKER_TYPE, title);
			return DIRTY_ALL;
		}
		apply_speaker(app, (size_t)value);
		return DIRTY_ALL;
	case FLOW_PICK_NEW_SPEAKER_TYPE: {
		char description[300];
		snprintf(description, sizeof description, "new speaker %s", app->flow_text);
		history_group_begin(app->set, description);
		const char *why = NULL;
		size_t speaker = annotation_set_add_speaker(app->set, app->flow_text, (SpeakerType)value, &why);
		if (speaker == (size_t)-1) {
			history_group_end(app->set);
			model_failed(app, why, "cannot create the speaker");
			end_flow(app);
			return DIRTY_ALL;
		}
		app_sync(app);
		bool adding = app->adding;
		apply_speaker(app, speaker);
		history_group_end(app->set);
		if (!adding)
			app_message(app, false, "new speaker %s (%s)", app->set->speakers[speaker].name, label);
		return DIRTY_ALL;
	}
	case FLOW_PICK_KIND:
		end_flow(app);
		set_kind(app, index, (ClaimKind)value);
		return DIRTY_ALL;
	case FLOW_PICK_LABEL:
		end_flow(app);
		set_label(app, index, label);
		return DIRTY_ALL;
	case FLOW_PICK_RETYPE:
		set_mode(app, MODE_SPEAKERS);
		app->flow = FLOW_NONE;
		return cmd_retype_speaker(app, label);
	case FLOW_PICK_MERGE: {
		set_mode(app, MODE_SPEAKERS);
		app->flow = FLOW_NONE;
		size_t from = selected_speaker(app);
		const char *why = NULL;
		char from_name[256];
		snprintf(from_name, sizeof from_name, "%s", app->set->speakers[from].name ? app->set->speakers[from].name : "");
		if (!annotation_set_merge_speakers(app->set, from, (size_t)value, &why))
			return model_failed(app, why, "cannot merge");
		app_sync(app);
		app_build_speaker_rows(app);
		app_message(app, false, "merged %s into %s", from_name, label);
		return DIRTY_ALL;
	}
	default:
		end_flow(app);
		return DIRTY_ALL;
	}
}

/* "claim of a1 is now “the groundless claim it…”": what the keys selected, in words (the
 * highlight alone is easy to misread on a busy line). */
static void say_span_changed(App *app, const char *what, size_t index, const Span *span)
{
	char *text = span_text(app->set->article, span);
	size_t length = strlen(text ? text : ""), cut = length;
	if (cut > 64) { /* at a space when there is one not too far back, else a character boundary */
		cut = 64;
		size_t space = cut;
		while (space > 40 && text[space] != ' ')
			space--;
		if (text[space] == ' ')
			cut = space;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	app_message(app, false, "%s of %s is now “%.*s%s”", what, app->set->annotations[index].id, (int)cut,
		    text ? text : "", cut < length ? "…" : "");
	free(text);
}

static unsigned choose_cursor(App *app)
{
	int flow = app->flow;
	size_t index = app->flow_annotation;
	Span span;
	if (!cursor_span(app, flow == FLOW_CURSOR_NEW_CLAIM || flow == FLOW_CURSOR_CLAIM, &span))
		return DIRTY_ALL;
	const char *why = NULL;
	switch (flow) {
	case FLOW_CURSOR_NEW_CLAIM:
		add_claim(app, &span);
		return DIRTY_ALL;
	case FLOW_CURSOR_CLAIM:
		end_flow(app);
		if (!annotation_set_set_claim(app->set, index, &span, &why))
			return model_failed(app, why, "cannot change the claim");
		app_sync(app);
		app_select_annotation(app, index);
		say_span_changed(app, "claim", index, &span);
		return DIRTY_ALL;
	case FLOW_CURSOR_MENTION: {
		const Annotation *annotation = &app->set->annotations[index];
		if (annotation->speaker.present && annotation->speaker.ref && !app->adding) {
			span.ref = annotation->speaker.ref; /* re-point: same speaker */
			end_flow(app);
			if (!annotation_set_set_speaker(app->set, index, &span, &why))
				return model_failed(app, why, "cannot change the mention");
			say_span_changed(app, "speaker mention", index, &span);
			return DIRTY_ALL;
		}
		span_clear(&app->flow_span);
		app->flow_span = span;
		app->view.selecting = false;
		char *mention = span_text(app->set->article, &span);
		open_speaker_choice(app, mention);
		free(mention);
		return DIRTY_ALL;
	}
	case FLOW_CURSOR_CUE: {
		bool adding = app->adding;
		if (!annotation_set_set_cue(app->set, index, &span, &why)) {
			end_flow(app);
			return model_failed(app, why, "cannot change the cue");
		}
		if (adding)
			finish_adding(app);
		else {
			end_flow(app);
			say_span_changed(app, "cue", index, &span);
		}
		return DIRTY_ALL;
	}
	default:
		end_flow(app);
		return DIRTY_ALL;
	}
}

static unsigned cmd_choose(App *app, const char *argument)
{
	switch (app->view.mode) {
	case MODE_PROMPT:
		return choose_prompt(app);
	case MODE_PICKER:
		return choose_picker(app);
	case MODE_CURSOR:
		return choose_cursor(app);
	default:
		return 0;
	}
}

static unsigned cmd_no_span(App *app, const char *argument)
{
	if (!in_cursor(app))
		return 0;
	size_t index = app->flow_annotation;
	const char *why = NULL;
	Span none;
	memset(&none, 0, sizeof none);
	if (app->flow == FLOW_CURSOR_MENTION) {
		if (app->adding) {
			start_cue_step(app);
			return DIRTY_ALL;
		}
		end_flow(app);
		if (app->set->annotations[index].speaker.present &&
		    !annotation_set_set_speaker(app->set, index, NULL, &why))
			return model_failed(app, why, "cannot remove the speaker");
		app_message(app, false, "no speaker");
		return DIRTY_ALL;
	}
	if (app->flow == FLOW_CURSOR_CUE) {
		bool adding = app->adding;
		if (app->set->annotations[index].cue.present &&
		    !annotation_set_set_cue(app->set, index, &none, &why)) {
			end_flow(app);
			return model_failed(app, why, "cannot remove the cue");
		}
		if (adding)
			finish_adding(app);
		else {
			end_flow(app);
			app_message(app, false, "no cue");
		}
		return DIRTY_ALL;
	}
	app_message(app, true, "a claim cannot be empty: Esc cancels");
	return DIRTY_BOTTOM;
}

static unsigned cmd_cancel(App *app, const char *argument)
{
	View *view = &app->view;
	switch (view->mode) {
	case MODE_HELP:
		set_mode(app, app->mode_before_help == MODE_HELP ? MODE_NORMAL : app->mode_before_help);
		return DIRTY_LAYOUT;
	case MODE_SPEAKERS:
		set_mode(app, MODE_NORMAL);
		view->selection_follows = true;
		return DIRTY_ALL;
	case MODE_PICKER:
		if (app->flow == FLOW_PICK_RETYPE || app->flow == FLOW_PICK_MERGE) {
			app->flow = FLOW_NONE;
			set_mode(app, MODE_SPEAKERS);
			return DIRTY_ALL;
		}
		/* fall through */
	case MODE_PROMPT:
		if (app->flow == FLOW_RENAME) {
			app->flow = FLOW_NONE;
			set_mode(app, MODE_SPEAKERS);
			return DIRTY_ALL;
		}
		/* fall through */
	case MODE_CURSOR: {
		bool adding = app->adding;
		end_flow(app);
		app_message(app, false, adding ? "stopped: the claim is added without the rest (D deletes it)" : "cancelled");
		view->selection_follows = true;
		return DIRTY_ALL;
	}
	default:
		view->has_match = false;
		view->message[0] = '\0';
		return DIRTY_ALL;
	}
}

/* ---- line editing (prompts, picker filters) ---- */

static char *edit_buffer(App *app, size_t *length, size_t *cursor, size_t *capacity)
{
	if (app->view.mode == MODE_PROMPT) {
		*length = app->view.prompt.length;
		*cursor = app->view.prompt.cursor;
		*capacity = sizeof app->view.prompt.text;
		return app->view.prompt.text;
	}
	if (app->view.mode == MODE_PICKER) {
		*length = strlen(app->view.picker.filter);
		*cursor = *length;
		*capacity = sizeof app->view.picker.filter;
		return app->view.picker.filter;
	}
	return NULL;
}

static unsigned edit_done(App *app, size_t length, size_t cursor)
{
	if (app->view.mode == MODE_PROMPT) {
		app->view.prompt.length = length;
		app->view.prompt.cursor = cursor;
	} else if (app->view.mode == MODE_PICKER) {
		picker_refilter(&app->view.picker);
	}
	return DIRTY_ALL;
}

static size_t utf8_previous(const char *text, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)text[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

static size_t utf8_next(const char *text, size_t length, size_t pos)
{
	if (pos >= length)
		return length;
	pos++;
	while (pos < length && ((unsigned char)text[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

unsigned command_insert_character(App *app, int codepoint)
{
	size_t length, cursor, capacity;
	char *text = edit_buffer(app, &length, &cursor, &capacity);
	if (!text || codepoint < 0x20 || codepoint == 0x7f || codepoint >= 0x110000)
		return 0;
	char bytes[8];
	mbstate_t state;
	memset(&state, 0, sizeof state);
	size_t n = wcrtomb(bytes, (wchar_t)codepoint, &state);
	if (n == (size_t)-1 || length + n + 1 > capacity)
		return 0;
	memmove(text + cursor + n, text + cursor, length - cursor + 1);
	memcpy(text + cursor, bytes, n);
	return edit_done(app, length + n, cursor + n);
}

static unsigned cmd_edit_left(App *app, const char *argument)
{
	if (app->view.mode == MODE_PROMPT)
		app->view.prompt.cursor = utf8_previous(app->view.prompt.text, app->view.prompt.cursor);
	return 0;
}

static unsigned cmd_edit_right(App *app, const char *argument)
{
	if (app->view.mode == MODE_PROMPT)
		app->view.prompt.cursor = utf8_next(app->view.prompt.text, app->view.prompt.length,
						    app->view.prompt.cursor);
	return 0;
}

static unsigned cmd_edit_home(App *app, const char *argument)
{
	app->view.prompt.cursor = 0;
	return 0;
}

static unsigned cmd_edit_end(App *app, const char *argument)
{
	app->view.prompt.cursor = app->view.prompt.length;
	return 0;
}

static unsigned cmd_edit_backspace(App *app, const char *argument)
{
	size_t length, cursor, capacity;
	char *text = edit_buffer(app, &length, &cursor, &capacity);
	if (!text)
		return 0;
	if (length == 0 && app->view.mode == MODE_PROMPT)
		return cmd_cancel(app, NULL); /* backspace on an empty line closes it, as in vim */
	if (cursor == 0)
		return 0;
	size_t start = utf8_previous(text, cursor);
	memmove(text + start, text + cursor, length - cursor + 1);
	return edit_done(app, length - (cursor - start), start);
}

static unsigned cmd_edit_delete(App *app, const char *argument)
{
	size_t length, cursor, capacity;
	char *text = edit_buffer(app, &length, &cursor, &capacity);
	if (!text || cursor >= length)
		return 0;
	size_t end = utf8_next(text, length, cursor);
	memmove(text + cursor, text + end, length - end + 1);
	return edit_done(app, length - (end - cursor), cursor);
}

static unsigned cmd_edit_kill(App *app, const char *argument)
{
	size_t length, cursor, capacity;
	char *text = edit_buffer(app, &length, &cursor, &capacity);
	if (!text)
		return 0;
	text[0] = '\0';
	return edit_done(app, 0, 0);
}

static unsigned cmd_edit_kill_word(App *app, const char *argument)
{
	size_t length, cursor, capacity;
	char *text = edit_buffer(app, &length, &cursor, &capacity);
	if (!text)
		return 0;
	size_t start = cursor;
	while (start > 0 && text[start - 1] == ' ')
		start--;
	while (start > 0 && text[start - 1] != ' ')
		start--;
	memmove(text + start, text + cursor, length - cursor + 1);
	return edit_done(app, length - (cursor - start), start);
}

static unsigned cmd_complete(App *app, const char *argument)
{
	if (app->view.mode != MODE_PROMPT || app->flow != FLOW_COMMAND)
		return 0;
	command_complete(app, app->view.prompt.text, sizeof app->view.prompt.text);
	app->view.prompt.length = strlen(app->view.prompt.text);
	app->view.prompt.cursor = app->view.prompt.length;
	return DIRTY_BOTTOM;
}

/* ---- the table ---- */

typedef unsigned (*CommandHandler)(App *app, const char *argument);

typedef struct Command {
	const char *name, *help;
	CommandHandler handler;
	unsigned dirty;
} Command;

static const Command commands[CMD_COUNT] = {
	[CMD_NONE] = {"none", "nothing (unbinds a key)", NULL, 0},
#define COMMAND_ENTRY(id, name, help, handler, dirty) [CMD_##id] = {name, help, handler, dirty},
	COMMAND_LIST(COMMAND_ENTRY)
#undef COMMAND_ENTRY
};

static const struct {
	const char *alias;
	CommandId command;
} aliases[] = {
	{"w", CMD_WRITE}, {"q", CMD_QUIT}, {"wq", CMD_WRITE_QUIT}, {"x", CMD_WRITE_QUIT},
	{"q!", CMD_QUIT_DISCARD}, {"quit-discard", CMD_QUIT_DISCARD},
};

const char *command_name(CommandId command)
{
	return command < CMD_COUNT ? commands[command].name : "?";
}

const char *command_help(CommandId command)
{
	return command < CMD_COUNT ? commands[command].help : "";
}

CommandId command_lookup(const char *name)
{
	for (int i = 1; i < CMD_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return (CommandId)i;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].alias, name) == 0)
			return aliases[i].command;
	return CMD_NONE;
}

unsigned command_run(App *app, CommandId command, const char *argument)
{
	if (command <= CMD_NONE || command >= CMD_COUNT || !commands[command].handler || !app->set)
		return 0;
	/* compare: an edit there works on the current disagreement's merged annotation */
	if (app->compare && !compare_allows(app, command))
		return DIRTY_BOTTOM;
	unsigned dirty = commands[command].handler(app, argument);
	app_sync(app);
	return dirty | commands[command].dirty;
}

/* Edit distance of two short names (for "did you mean"); capped at 9. */
static size_t name_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 9;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb] < 9 ? row[lb] : 9;
}

unsigned command_run_line(App *app, const char *line)
{
	while (*line == ' ')
		line++;
	char name[64];
	size_t length = strcspn(line, " ");
	if (length == 0)
		return 0;
	if (length >= sizeof name) {
		app_message(app, true, "unknown command '%.*s'", (int)length, line);
		return DIRTY_BOTTOM;
	}
	memcpy(name, line, length);
	name[length] = '\0';
	const char *argument = line + length;
	while (*argument == ' ')
		argument++;
	char trimmed[1024];
	snprintf(trimmed, sizeof trimmed, "%s", argument);
	size_t end = strlen(trimmed);
	while (end > 0 && trimmed[end - 1] == ' ')
		trimmed[--end] = '\0';
	CommandId command = command_lookup(name);
	if (command == CMD_NONE) {
		/* A typo gets the command it is one or two letters away from. */
		const char *closest = NULL;
		size_t best = 3;
		for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			size_t distance = name_distance(name, command_name((CommandId)c));
			if (distance < best) {
				best = distance;
				closest = command_name((CommandId)c);
			}
		}
		if (closest)
			app_message(app, true, "unknown command '%s': did you mean '%s'? (Tab completes, ? lists them)", name,
				    closest);
		else
			app_message(app, true, "unknown command '%s' (Tab completes, ? lists them)", name);
		return DIRTY_BOTTOM;
	}
	return command_run(app, command, *trimmed ? trimmed : NULL) | DIRTY_BOTTOM;
}

void command_complete(App *app, char *line, size_t size)
{
	if (strchr(line, ' '))
		return; /* only the command name completes */
	size_t length = strlen(line);
	const char *first = NULL;
	size_t common = 0, matches = 0;
	char list[400] = "";
	for (int i = 1; i < CMD_COUNT; i++) {
		const char *name = commands[i].name;
		if (strncmp(name, line, length) != 0)
			continue;
		matches++;
		if (!first) {
			first = name;
			common = strlen(name);
		} else {
			size_t j = 0;
			while (j < common && first[j] == name[j])
				j++;
			common = j;
		}
		if (strlen(list) + strlen(name) + 2 < sizeof list) {
			if (*list)
				strcat(list, " ");
			strcat(list, name);
		}
	}
	if (!matches) {
		app_message(app, true, "no command starts with '%s'", line);
		return;
	}
	if (matches == 1) {
		snprintf(line, size, "%s ", first);
		return;
	}
	if (common > length && common < size)
		snprintf(line, size, "%.*s", (int)common, first);
	app_message(app, false, "%s", list);
}
