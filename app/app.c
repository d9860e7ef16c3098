/* The app state (see app.h): hooks, indexes, selection, messages, saving. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "model/store.h"
#include "ui/draw.h"

static void on_step(void *context, const AnnotationSet *set, const HistoryStep *step, int direction)
{
	App *app = context;
	for (size_t i = 0; i < step->change_count; i++) {
		const Change *change = &step->changes[i];
		if (change->target == CHANGE_SPEAKER) {
			app->needs_speaker_index = true;
			continue;
		}
		if (change->target != CHANGE_ANNOTATION)
			continue;
		const Annotation *before = change->before, *after = change->after;
		if (direction < 0) {
			const Annotation *swap = before;
			before = after;
			after = swap;
		}
		app->last_changed = change->index;
		if (app->view.mode == MODE_SPEAKERS)
			app->needs_speaker_index = true; /* claim counts */
		if (!before || !after) {
			app->needs_reindex = true;
			continue;
		}
		if (before->status < STATUS_COUNT && app->view.status_counts[before->status] > 0)
			app->view.status_counts[before->status]--;
		if (after->status < STATUS_COUNT)
			app->view.status_counts[after->status]++;
		if (!span_equal(&before->claim, &after->claim) ||
		    !span_equal(&before->speaker, &after->speaker) || !span_equal(&before->cue, &after->cue))
			app->needs_span_index = true;
		if (before->claim.start != after->claim.start)
			app->needs_reindex = true; /* position order changes */
		else if ((before->speaker.ref || after->speaker.ref) &&
			 (!before->speaker.ref || !after->speaker.ref ||
			  strcmp(before->speaker.ref, after->speaker.ref) != 0))
			app->needs_speaker_index = true; /* claim counts per speaker */
	}
	for (size_t i = 0; i < app->hook_count; i++)
		if (app->hooks[i].on_step)
			app->hooks[i].on_step(app->hooks[i].context, set, step, direction);
}

App *app_new(AnnotationSet *set)
{
	App *app = xcalloc(1, sizeof *app);
	app->view.list_percent = 40;
	app->view.focus = FOCUS_LIST;
	app->last_changed = SIZE_MAX;
	if (set)
		app_open_set(app, set);
	return app;
}

static void free_view_indexes(View *view)
{
	span_index_free(&view->spans);
	free(view->by_start);
	free(view->speaker_order);
	free(view->rows);
	free(view->row_of);
	free(view->speaker_rows);
	free(view->speaker_claims);
	view->by_start = view->speaker_order = view->rows = view->row_of = NULL;
	view->speaker_rows = view->speaker_claims = NULL;
	view->by_start_count = view->speaker_order_count = view->row_count = view->row_of_count = 0;
	view->speaker_row_count = 0;
}

void app_close_document(App *app)
{
	if (!app->set)
		return;
	for (size_t i = 0; i < app->hook_count; i++)
		if (app->hooks[i].on_close)
			app->hooks[i].on_close(app->hooks[i].context, app);
	annotation_set_free(app->set);
	app->set = NULL;
	app->view.set = NULL;
}

void app_free(App *app)
{
	if (!app)
		return;
	app_close_document(app);
	free_view_indexes(&app->view);
	picker_clear(&app->view.picker);
	free(app->view.line_starts);
	free(app->view.help_text);
	free(app->filter.label);
	free(app->filter.speaker);
	span_clear(&app->flow_span);
	free(app->flow_text);
	free(app);
}

void app_add_hooks(App *app, const AppHooks *hooks)
{
	if (app->hook_count < APP_MAX_HOOKS)
		app->hooks[app->hook_count++] = *hooks;
}

void app_set_queue(App *app, AppQueue *queue)
{
	app->queue = queue;
}

void app_set_label_definitions(App *app, const LabelDefinition *labels, size_t count)
{
	app->label_definitions = labels;
	app->label_definition_count = count;
}

/* ---- indexes ---- */

static const AnnotationSet *sort_set;

static int compare_by_start(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const Annotation *p = &sort_set->annotations[x], *q = &sort_set->annotations[y];
	if (p->claim.start != q->claim.start)
		return p->claim.start < q->claim.start ? -1 : 1;
	if (p->claim.end != q->claim.end)
		return p->claim.end < q->claim.end ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int compare_speaker_ids(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return strcmp(sort_set->speakers[x].id, sort_set->speakers[y].id);
}

static void build_speaker_index(App *app)
{
	View *view = &app->view;
	const AnnotationSet *set = app->set;
	free(view->speaker_order);
	view->speaker_order = xmalloc((set->speaker_count + 1) * sizeof(size_t));
	for (size_t i = 0; i < set->speaker_count; i++)
		view->speaker_order[i] = i;
	sort_set = set;
	qsort(view->speaker_order, set->speaker_count, sizeof(size_t), compare_speaker_ids);
	view->speaker_order_count = set->speaker_count;
	app->needs_speaker_index = false;
}

static void count_statuses(App *app)
{
	memset(app->view.status_counts, 0, sizeof app->view.status_counts);
	for (size_t i = 0; i < app->set->annotation_count; i++)
		if (app->set->annotations[i].status < STATUS_COUNT)
			app->view.status_counts[app->set->annotations[i].status]++;
}

void app_reindex(App *app)
{
	View *view = &app->view;
	const AnnotationSet *set = app->set;
	view->set = set;
	span_index_build(&view->spans, set);
	free(view->by_start);
	view->by_start = xmalloc((set->annotation_count + 1) * sizeof(size_t));
	for (size_t i = 0; i < set->annotation_count; i++)
		view->by_start[i] = i;
	sort_set = set;
	qsort(view->by_start, set->annotation_count, sizeof(size_t), compare_by_start);
	view->by_start_count = set->annotation_count;
	build_speaker_index(app);
	count_statuses(app);
	app->needs_reindex = app->needs_span_index = false;
	app_rebuild_rows(app);
	if (view->speaker_rows)
		app_build_speaker_rows(app);
}

void app_sync(App *app)
{
	if (!app->set)
		return;
	if (app->needs_reindex) {
		size_t selected = app_selected(app);
		app_reindex(app);
		/* After an insert or removal, select what the last step touched. */
		if (app->last_changed < app->set->annotation_count)
			app_select_annotation(app, app->last_changed);
		else if (selected != SIZE_MAX && app->view.row_count)
			app->view.selected_row = app->view.selected_row < app->view.row_count
							 ? app->view.selected_row : app->view.row_count - 1;
		return;
	}
	if (app->needs_span_index) {
		span_index_build(&app->view.spans, app->set);
		app->needs_span_index = false;
	}
	if (app->needs_speaker_index) {
		build_speaker_index(app);
		if (app->view.speaker_rows)
			app_build_speaker_rows(app);
	}
}

/* ---- the list ---- */

static bool shown_by_filter(const App *app, const Annotation *annotation)
{
	const AppFilter *filter = &app->filter;
	if (filter->status_mask && !(filter->status_mask & (1u << annotation->status)))
		return false;
	if (filter->label && (!annotation->label || strcmp(filter->label, annotation->label) != 0))
		return false;
	if (filter->speaker && (!annotation->speaker.present || !annotation->speaker.ref ||
				strcmp(filter->speaker, annotation->speaker.ref) != 0))
		return false;
	if (filter->has_min_confidence &&
	    (!annotation->has_confidence || annotation->confidence < filter->min_confidence))
		return false;
	return true;
}

static const App *sort_app;

static int compare_strings(const char *a, const char *b)
{
	if (!a || !b)
		return a ? -1 : b ? 1 : 0; /* absent values last */
	return strcmp(a, b);
}

static int compare_rows(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const AnnotationSet *set = sort_app->set;
	const Annotation *p = &set->annotations[x], *q = &set->annotations[y];
	int order = 0;
	switch (sort_app->sort) {
	case SORT_CONFIDENCE: {
		double cp = p->has_confidence ? p->confidence : -1, cq = q->has_confidence ? q->confidence : -1;
		order = cp > cq ? -1 : cp < cq ? 1 : 0; /* most confident first */
		break;
	}
	case SORT_STATUS:
		order = (int)p->status - (int)q->status;
		break;
	case SORT_LABEL:
		order = compare_strings(p->label, q->label);
		break;
	case SORT_SPEAKER: {
		const Speaker *sp = view_speaker_of(&sort_app->view, p), *sq = view_speaker_of(&sort_app->view, q);
		order = compare_strings(sp ? sp->name : NULL, sq ? sq->name : NULL);
		break;
	}
	default:
		break;
	}
	if (order)
		return order;
	/* Then by position (the order of by_start), which rows already follow: keep it. */
	if (p->claim.start != q->claim.start)
		return p->claim.start < q->claim.start ? -1 : 1;
	return x < y ? -1 : x > y;
}

void app_rebuild_rows(App *app)
{
	View *view = &app->view;
	const AnnotationSet *set = app->set;
	size_t keep = SIZE_MAX;
	if (view->rows && view->row_count && view->selected_row < view->row_count)
		keep = view->rows[view->selected_row];
	free(view->rows);
	view->rows = xmalloc((set->annotation_count + 1) * sizeof(size_t));
	view->row_count = 0;
	for (size_t i = 0; i < view->by_start_count; i++) {
		size_t index = view->by_start[i];
		if (shown_by_filter(app, &set->annotations[index]))
			view->rows[view->row_count++] = index;
	}
	if (app->sort != SORT_POSITION) {
		sort_app = app;
		qsort(view->rows, view->row_count, sizeof(size_t), compare_rows);
	}
	free(view->row_of);
	view->row_of = xmalloc((set->annotation_count + 1) * sizeof(size_t));
	for (size_t i = 0; i < set->annotation_count; i++)
		view->row_of[i] = SIZE_MAX;
	for (size_t row = 0; row < view->row_count; row++)
		view->row_of[view->rows[row]] = row;
	view->row_of_count = set->annotation_count;
	if (keep != SIZE_MAX && keep < set->annotation_count && view->row_of[keep] != SIZE_MAX)
		view->selected_row = view->row_of[keep];
	else if (view->selected_row >= view->row_count)
		view->selected_row = view->row_count ? view->row_count - 1 : 0;
	view->selection_follows = true;
}

bool app_select_annotation(App *app, size_t index)
{
	View *view = &app->view;
	if (index >= view->row_of_count || view->row_of[index] == SIZE_MAX)
		return false;
	view->selected_row = view->row_of[index];
	view->selection_follows = true;
	return true;
}

size_t app_selected(const App *app)
{
	const View *view = &app->view;
	if (!app->set || view->row_count == 0 || view->selected_row >= view->row_count)
		return SIZE_MAX;
	return view->rows[view->selected_row];
}

bool app_is_modified(const App *app)
{
	return app->set && (history_is_modified(app->set) || app->never_saved);
}

/* ---- documents ---- */

static void label_file(App *app)
{
	const char *path = app->set->file_path ? app->set->file_path : article_name(app->set->article);
	const char *slash = path ? strrchr(path, '/') : NULL;
	snprintf(app->view.file_label, sizeof app->view.file_label, "%s", slash ? slash + 1 : path ? path : "");
}

void app_open_set(App *app, AnnotationSet *set)
{
	app_close_document(app);
	app->set = set;
	history_set_observer(set, on_step, app);
	app->view.set = set;
	app->view.selected_row = 0;
	app->view.list_top = 0;
	app->view.article_top = 0;
	app->view.has_match = false;
	app->missed_position = 0;
	app->last_changed = SIZE_MAX;
	free(app->view.rows);
	app->view.rows = NULL;
	app->view.row_count = 0;
	app_reindex(app);
	app->view.selected_row = 0;
	app->view.selection_follows = true;
	label_file(app);
	for (size_t i = 0; i < app->hook_count; i++)
		if (app->hooks[i].on_open)
			app->hooks[i].on_open(app->hooks[i].context, app);
}

AppPosition app_position(const App *app)
{
	AppPosition position = {NULL, app->view.article_top};
	size_t selected = app_selected(app);
	if (selected != SIZE_MAX)
		position.selected_id = app->set->annotations[selected].id;
	return position;
}

void app_restore_position(App *app, const char *selected_id, size_t article_top)
{
	if (!app->set)
		return;
	size_t size = article_size(app->set->article);
	if (selected_id) {
		size_t index = annotation_set_annotation_index(app->set, selected_id);
		if (index != SIZE_MAX)
			app_select_annotation(app, index);
	}
	if (article_top <= size) {
		while (article_top > 0 && !article_is_char_boundary(app->set->article, article_top))
			article_top--;
		app->view.article_top = article_top;
		app->view.selection_follows = false;
	}
}

/* ---- messages, questions, saving ---- */

void app_message(App *app, bool is_error, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(app->view.message, sizeof app->view.message, format, args);
	va_end(args);
	app->view.message_is_error = is_error;
}

void app_message_append(App *app, bool is_error, const char *format, ...)
{
	View *view = &app->view;
	size_t length = strlen(view->message);
	bool was_error = length && view->message_is_error;
	if (length && length + 4 < sizeof view->message) {
		snprintf(view->message + length, sizeof view->message - length, " · ");
		length = strlen(view->message);
	}
	va_list args;
	va_start(args, format);
	vsnprintf(view->message + length, sizeof view->message - length, format, args);
	va_end(args);
	view->message_is_error = is_error || was_error;
}

void app_confirm(App *app, const char *question, AppConfirmAnswer answer, void *context)
{
	snprintf(app->view.confirm_question, sizeof app->view.confirm_question, "%s", question);
	app->confirm_answer = answer;
	app->confirm_context = context;
	app->view.mode = MODE_CONFIRM;
}

bool app_save(App *app)
{
	for (size_t i = 0; i < app->hook_count; i++)
		if (app->hooks[i].before_save && !app->hooks[i].before_save(app->hooks[i].context, app))
			return false;
	Diagnostics diag = {0};
	bool ok = store_save(app->set, NULL, &diag);
	if (!ok) {
		char line[512] = "save failed";
		if (diag.count)
			diagnostic_format(&diag.items[0], line, sizeof line);
		app_message(app, true, "%s", line);
		diagnostics_free(&diag);
		return false;
	}
	diagnostics_free(&diag);
	app->never_saved = false;
	if (app->quit_after_save)
		app->quit = true;
	label_file(app);
	for (size_t i = 0; i < app->hook_count; i++)
		if (app->hooks[i].after_save)
			app->hooks[i].after_save(app->hooks[i].context, app);
	size_t reviewed = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		if (annotation_status_is_reviewed((AnnotationStatus)s))
			reviewed += app->view.status_counts[s];
	app_message(app, false, "saved %s (%zu/%zu reviewed)", app->set->file_path ? app->set->file_path : "",
		    reviewed, app->set->annotation_count);
	return true;
}

void app_tell_engine_ran(App *app)
{
	if (!app->engine_ran || !app->set)
		return;
	/* After what opening had to say (another saywho has the file open), not instead of it. */
	app_message_append(app, false, "no %s yet: the built-in engine proposed %zu candidate%s (Ctrl-S saves)",
			   app->view.file_label, app->set->annotation_count, app->set->annotation_count == 1 ? "" : "s");
}

void app_announce_engine(App *app)
{
	if (!app->engine_ran || !app->set)
		return;
	app->never_saved = true;
	app_tell_engine_ran(app);
}

/* ---- the speakers view ---- */

static const AnnotationSet *name_sort_set;

static int compare_speaker_names(const void *a, const void *b)
{
	const Speaker *x = &name_sort_set->speakers[*(const size_t *)a];
	const Speaker *y = &name_sort_set->speakers[*(const size_t *)b];
	int order = strcasecmp(x->name ? x->name : x->id, y->name ? y->name : y->id);
	return order ? order : strcmp(x->id, y->id);
}

void app_build_speaker_rows(App *app)
{
	View *view = &app->view;
	const AnnotationSet *set = app->set;
	size_t keep = view->speaker_row_count && view->speaker_selected < view->speaker_row_count
			      ? view->speaker_rows[view->speaker_selected] : SIZE_MAX;
	free(view->speaker_rows);
	free(view->speaker_claims);
	view->speaker_rows = xmalloc((set->speaker_count + 1) * sizeof(size_t));
	view->speaker_claims = xcalloc(set->speaker_count + 1, sizeof(size_t));
	for (size_t i = 0; i < set->speaker_count; i++)
		view->speaker_rows[i] = i;
	name_sort_set = set;
	qsort(view->speaker_rows, set->speaker_count, sizeof(size_t), compare_speaker_names);
	view->speaker_row_count = set->speaker_count;
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *annotation = &set->annotations[i];
		if (annotation->status == STATUS_REJECTED || !annotation->speaker.present)
			continue;
		const Speaker *speaker = view_find_speaker(view, annotation->speaker.ref);
		if (speaker)
			view->speaker_claims[speaker - set->speakers]++;
	}
	if (view->speaker_selected >= view->speaker_row_count)
		view->speaker_selected = view->speaker_row_count ? view->speaker_row_count - 1 : 0;
	for (size_t row = 0; keep != SIZE_MAX && row < view->speaker_row_count; row++)
		if (view->speaker_rows[row] == keep)
			view->speaker_selected = row;
}

