/* The main loop (see loop.h): one key, one command, one draw. */
#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app/commands.h"
#include "app/compare.h"
#include "app/keymap.h"
#include "app/loop.h"
#include "ui/draw.h"
#include "ui/term.h"

static KeymapContext context_of(const View *view)
{
	switch (view->mode) {
	case MODE_CURSOR: return KEYMAP_CURSOR;
	case MODE_PROMPT: return KEYMAP_PROMPT;
	case MODE_PICKER: return KEYMAP_PICKER;
	case MODE_HELP: return KEYMAP_HELP;
	case MODE_SPEAKERS: return KEYMAP_SPEAKERS;
	default: return view->focus == FOCUS_ARTICLE ? KEYMAP_ARTICLE : KEYMAP_LIST;
	}
}

typedef struct SmallestClaim {
	const AnnotationSet *set;
	size_t best, best_length;
} SmallestClaim;

static bool keep_smallest(const IndexedSpan *span, void *context)
{
	SmallestClaim *smallest = context;
	size_t length = span->end - span->start;
	if (length < smallest->best_length) {
		smallest->best = span->annotation;
		smallest->best_length = length;
	}
	return true;
}

static unsigned handle_mouse(App *app)
{
	MEVENT event;
	if (!app->mouse || getmouse(&event) != OK)
		return 0;
	View *view = &app->view;
	if (event.bstate & BUTTON4_PRESSED)
		return command_run(app, CMD_SCROLL_UP, NULL) | command_run(app, CMD_SCROLL_UP, NULL);
	if (event.bstate & BUTTON5_PRESSED)
		return command_run(app, CMD_SCROLL_DOWN, NULL) | command_run(app, CMD_SCROLL_DOWN, NULL);
	if (!(event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) || view->mode != MODE_NORMAL)
		return 0;
	if (event.y > view->list_y && event.y < view->list_y + view->list_rows &&
	    event.x >= view->list_x && event.x < view->list_x + view->list_cols) {
		size_t row = view->list_top + (size_t)(event.y - view->list_y - 1);
		if (row < view->row_count) {
			view->selected_row = row;
			view->selection_follows = true;
			view->focus = FOCUS_LIST;
		}
		return DIRTY_ALL;
	}
	size_t byte;
	if (ui_article_hit(view, event.y, event.x, &byte)) {
		if (compare_click(app, byte)) /* compare: a click on a disagreement makes it current */
			return DIRTY_ALL;
		SmallestClaim smallest = {app->set, SIZE_MAX, SIZE_MAX};
		span_index_query(&view->spans, byte, byte, keep_smallest, &smallest);
		view->focus = FOCUS_ARTICLE;
		if (smallest.best != SIZE_MAX && !app_select_annotation(app, smallest.best))
			app_message(app, false, "the filter hides that annotation");
		view->selection_follows = false;
		return DIRTY_ALL;
	}
	return 0;
}

unsigned loop_handle_key(App *app, int key)
{
	View *view = &app->view;
	int rows, cols;
	if (keymap_is_resize(key, &rows, &cols)) {
		if (app->term)
			term_resize(app->term, rows, cols);
		return DIRTY_LAYOUT;
	}
	if (key == KEYMAP_SPECIAL + KEY_RESIZE)
		return DIRTY_LAYOUT;
	if (key == KEYMAP_SPECIAL + KEY_MOUSE)
		return handle_mouse(app);
	if (view->mode != MODE_PROMPT)
		view->message[0] = '\0';
	if (view->mode == MODE_CONFIRM) {
		view->mode = MODE_NORMAL;
		AppConfirmAnswer answer = app->confirm_answer;
		app->confirm_answer = NULL;
		if (answer)
			answer(app, app->confirm_context, key);
		if (view->mode != MODE_CONFIRM)
			app->quit_after_save = false; /* answered: a later save is not a :wq */
		app_sync(app);
		return DIRTY_ALL;
	}
	app->quit_after_save = false;
	KeymapContext context = context_of(view);
	CommandId command = keymap_lookup(context, key);
	/* compare: its table comes before list, article and main in the adjudication mode */
	if (app->compare && (context == KEYMAP_LIST || context == KEYMAP_ARTICLE)) {
		CommandId compare_command = keymap_lookup(KEYMAP_COMPARE, key);
		if (compare_command != CMD_NONE)
			command = compare_command;
	}
	if (command == CMD_NONE && (context == KEYMAP_LIST || context == KEYMAP_ARTICLE))
		command = keymap_lookup(KEYMAP_MAIN, key);
	if (command == CMD_NONE) {
		if ((context == KEYMAP_PROMPT || context == KEYMAP_PICKER) && key < KEYMAP_SPECIAL)
			return command_insert_character(app, key);
		char name[32];
		keymap_key_name(key, name, sizeof name);
		app_message(app, false, "%s does nothing here (? lists the keys)", name);
		return DIRTY_BOTTOM;
	}
	if (view->mode == MODE_PROMPT)
		view->message[0] = '\0';
	return command_run(app, command, NULL);
}

static void first_key_of(KeymapContext context, CommandId command, char *out, size_t size)
{
	char keys[64];
	keymap_keys_of(context, command, keys, sizeof keys);
	size_t length = strcspn(keys, ",");
	snprintf(out, size, "%.*s", (int)length, keys);
}

static void append_hint(char *hint, size_t size, KeymapContext context, CommandId command,
			const char *label)
{
	char key[32];
	first_key_of(context, command, key, sizeof key);
	if (!*key)
		return;
	size_t length = strlen(hint);
	snprintf(hint + length, size - length, "%s%s %s", length ? "  " : "", key, label);
}

static void update_labels(App *app)
{
	View *view = &app->view;
	view->modified = app_is_modified(app);
	char *hint = view->hint;
	size_t size = sizeof view->hint;
	hint[0] = '\0';
	switch (view->mode) {
	case MODE_CURSOR:
		snprintf(view->mode_label, sizeof view->mode_label, "%s", view->cursor_purpose);
		append_hint(hint, size, KEYMAP_CURSOR, CMD_SELECT, "select");
		append_hint(hint, size, KEYMAP_CURSOR, CMD_CHOOSE, "use");
		append_hint(hint, size, KEYMAP_CURSOR, CMD_CANCEL, "cancel");
		break;
	case MODE_PROMPT:
		snprintf(view->mode_label, sizeof view->mode_label, "typing");
		append_hint(hint, size, KEYMAP_PROMPT, CMD_CHOOSE, "done");
		append_hint(hint, size, KEYMAP_PROMPT, CMD_CANCEL, "cancel");
		break;
	case MODE_PICKER:
		snprintf(view->mode_label, sizeof view->mode_label, "choosing");
		append_hint(hint, size, KEYMAP_PICKER, CMD_CHOOSE, "choose");
		append_hint(hint, size, KEYMAP_PICKER, CMD_CANCEL, "cancel");
		break;
	case MODE_HELP:
		snprintf(view->mode_label, sizeof view->mode_label, "help");
		append_hint(hint, size, KEYMAP_HELP, CMD_CANCEL, "close");
		break;
	case MODE_SPEAKERS:
		snprintf(view->mode_label, sizeof view->mode_label, "speakers");
		append_hint(hint, size, KEYMAP_SPEAKERS, CMD_RENAME_SPEAKER, "rename");
		append_hint(hint, size, KEYMAP_SPEAKERS, CMD_MERGE_SPEAKER, "merge");
		append_hint(hint, size, KEYMAP_SPEAKERS, CMD_CANCEL, "back");
		break;
	case MODE_CONFIRM:
		snprintf(view->mode_label, sizeof view->mode_label, "question");
		break;
	default:
		snprintf(view->mode_label, sizeof view->mode_label, "%s",
			 view->focus == FOCUS_LIST ? "list" : "article");
		append_hint(hint, size, KEYMAP_MAIN, CMD_ACCEPT, "accept");
		append_hint(hint, size, KEYMAP_MAIN, CMD_REJECT, "reject");
		append_hint(hint, size, KEYMAP_MAIN, CMD_UNDO, "undo");
		/* Help before the command line: at 80 columns only the first four fit, and ? is the
		 * way to every other key. */
		append_hint(hint, size, KEYMAP_MAIN, CMD_HELP, "help");
		append_hint(hint, size, KEYMAP_MAIN, CMD_COMMAND_LINE, "command");
		break;
	}
	compare_update_labels(app); /* compare: disagreements left in the status line */
	if (app->queue && app->queue->describe)
		app->queue->describe(app->queue->context, view->queue_label, sizeof view->queue_label);
	else
		view->queue_label[0] = '\0';
}

void loop_draw(App *app, unsigned dirty)
{
	if (!app->term || !app->set)
		return;
	update_labels(app);
	if (app->force_clear) {
		clearok(curscr, TRUE);
		app->force_clear = false;
		dirty |= DIRTY_LAYOUT;
	}
	ui_draw(app->term, &app->view, dirty);
}

void loop_replay(App *app, const int *keys, size_t count)
{
	loop_draw(app, DIRTY_LAYOUT);
	for (size_t i = 0; i < count && !app->quit; i++)
		loop_draw(app, loop_handle_key(app, keys[i]));
}

int loop_run(App *app)
{
	loop_draw(app, DIRTY_LAYOUT);
	int failures = 0;
	while (!app->quit) {
		int key = term_read_key(app->term);
		if (key < 0) {
			/* No input any more (the terminal went away): stop rather than spin. */
			if (++failures > 100)
				break;
			continue;
		}
		failures = 0;
		loop_draw(app, loop_handle_key(app, key));
	}
	return app->exit_status;
}
