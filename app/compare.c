/* The adjudication mode (see compare.h).
 *
 * Decisions live in two places that must move together: the Adjudication's choice per item (what
 * is decided: the count in the status line, the pane) and the merged set (what is saved). Every
 * decision is therefore applied as one history step of the merged set, and remembered here by
 * that step's serial with the choice before and after it; the history observer (an AppHooks
 * on_step) puts the matching choice back when the step is undone or redone. Edits of a merged
 * annotation with the normal commands are ordinary steps: they change no choice. */
#include "app/compare.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/keymap.h"
#include "app/workbench.h"
#include "model/output/adjudicate_session.h"
#include "model/store.h"
#include "ui/compare_pane.h"

#define COMPARE_MAX_FILES 9 /* keys 1..9 */

typedef struct CompareRecord {
	unsigned long serial;
	size_t item;
	AdjudicationChoice before, after;
	char *before_id, *after_id; /* the item's annotation in the merged set */
} CompareRecord;

struct Compare {
	AnnotationSet **sets;
	size_t set_count;
	Adjudication *adjudication;
	AnnotationSet *merged;        /* until the app takes it */
	char **merged_ids;            /* per item: its annotation's id in the merged set, or NULL */
	CompareView view;
	CompareRecord *records;
	size_t record_count;
	CompareRecord *pending;       /* the decision being applied: its step's serial comes next */
	CompareRecord replayed;       /* a decision read back from the journal: its step comes next */
	bool replaying;
	bool recovered;               /* decisions came back: select the last one's annotation */
	bool save_anyway;             /* the analyst said yes to saving with undecided disagreements */
	bool output_existed;
	App *app;
};

/* ---- opening ---- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

static char *stem_of(const char *name)
{
	static const char *const suffixes[] = {".saywho.yaml", ".saywho.yml", ".yaml", ".yml", ".txt"};
	size_t length = strlen(name);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t suffix = strlen(suffixes[i]);
		if (length > suffix && strcmp(name + length - suffix, suffixes[i]) == 0)
			return xstrndup(name, length - suffix);
	}
	return xstrdup(name);
}

char *compare_default_output(const char *first_path, const char *document_path)
{
	char *folder = folder_of(first_path);
	char *stem = stem_of(base_name(document_path ? document_path : first_path));
	char *path = strchr(first_path, '/') ? xasprintf("%s/%s.adjudicated.yaml", folder, stem)
					     : xasprintf("%s.adjudicated.yaml", stem);
	free(folder);
	free(stem);
	return path;
}

/* document.path is relative to the file's folder: written elsewhere, it must point at the same
 * article from there (relative when the article is below that folder, else absolute). */
static void repoint_document(AnnotationSet *merged, const char *first_path, const char *output)
{
	if (!merged->document_path || merged->document_inline || merged->document_path[0] == '/')
		return;
	char *first_folder = folder_of(first_path), *out_folder = folder_of(output);
	char *article = xasprintf("%s/%s", first_folder, merged->document_path);
	char article_real[PATH_MAX], out_real[PATH_MAX], first_real[PATH_MAX];
	if (realpath(article, article_real) && realpath(out_folder, out_real) &&
	    realpath(first_folder, first_real) && strcmp(out_real, first_real) != 0) {
		size_t length = strlen(out_real);
		free(merged->document_path);
		if (strncmp(article_real, out_real, length) == 0 && article_real[length] == '/')
			merged->document_path = xstrdup(article_real + length + 1);
		else
			merged->document_path = xstrdup(article_real);
	}
	free(article);
	free(first_folder);
	free(out_folder);
}

/* Two files by the same annotator (or none named) would look alike: show their file names. */
static void name_annotators(Compare *compare, char *const *paths)
{
	Adjudication *adj = compare->adjudication;
	for (size_t k = 0; k < adj->set_count; k++)
		for (size_t j = 0; j < adj->set_count; j++)
			if (j != k && strcmp(adj->annotators[k], adj->annotators[j]) == 0) {
				for (size_t i = 0; i < adj->set_count; i++) {
					free(adj->annotators[i]);
					adj->annotators[i] = stem_of(base_name(paths[i]));
				}
				return;
			}
}

/* The adjudicated file must not replace an annotator's file, and its folder must exist (better
 * said now than after an hour of decisions). */
static bool output_is_usable(const char *output, char *const *paths, size_t count, Diagnostics *diag)
{
	struct stat out_info, info;
	if (stat(output, &out_info) == 0)
		for (size_t k = 0; k < count; k++)
			if (stat(paths[k], &info) == 0 && info.st_dev == out_info.st_dev && info.st_ino == out_info.st_ino) {
				diagnostics_add(diag, DIAG_ERROR, output, 0, 0,
						"is one of the files being compared: the adjudicated file needs its own name (-o)");
				return false;
			}
	char *folder = folder_of(output);
	bool folder_exists = stat(folder, &info) == 0 && S_ISDIR(info.st_mode);
	if (!folder_exists)
		diagnostics_add(diag, DIAG_ERROR, output, 0, 0, "its folder %s does not exist", folder);
	free(folder);
	return folder_exists;
}

Compare *compare_open(char *const *paths, size_t count, const char *output, const char *annotator,
		      Diagnostics *diag)
{
	if (count < 2 || count > COMPARE_MAX_FILES) {
		diagnostics_add(diag, DIAG_ERROR, NULL, 0, 0,
				"--compare takes 2 to %d annotation files of one article, not %zu",
				COMPARE_MAX_FILES, count);
		return NULL;
	}
	Compare *compare = xcalloc(1, sizeof *compare);
	compare->sets = xcalloc(count, sizeof *compare->sets);
	compare->set_count = count;
	bool failed = false;
	for (size_t k = 0; k < count; k++) {
		if (!workbench_is_annotation_file(paths[k])) {
			diagnostics_add(diag, DIAG_ERROR, paths[k], 0, 0,
					"not an annotation file: --compare takes the annotators' .yaml files");
			failed = true;
			continue;
		}
		compare->sets[k] = store_load(paths[k], NULL, diag);
		failed |= !compare->sets[k];
	}
	if (!failed) {
		compare->adjudication = adjudication_new((const AnnotationSet *const *)compare->sets, count, diag);
		failed = !compare->adjudication;
	}
	if (!failed) {
		compare->merged = adjudication_start_merged(compare->adjudication, annotator ? annotator : "adjudicated",
							    &compare->merged_ids, diag);
		failed = !compare->merged;
	}
	if (failed) {
		compare_free(compare);
		return NULL;
	}
	name_annotators(compare, paths);
	char *path = output ? xstrdup(output) : compare_default_output(paths[0], compare->sets[0]->document_path);
	if (!output_is_usable(path, paths, count, diag)) {
		free(path);
		compare_free(compare);
		return NULL;
	}
	repoint_document(compare->merged, paths[0], path);
	struct stat info;
	compare->output_existed = stat(path, &info) == 0;
	free(compare->merged->file_path);
	compare->merged->file_path = path;
	compare->view.adjudication = compare->adjudication;
	compare->view.current = ADJUDICATE_NONE;
	return compare;
}

AnnotationSet *compare_take_merged(Compare *compare)
{
	AnnotationSet *merged = compare->merged;
	compare->merged = NULL;
	return merged;
}

static void record_clear(CompareRecord *record)
{
	adjudication_choice_clear(&record->before);
	adjudication_choice_clear(&record->after);
	free(record->before_id);
	free(record->after_id);
}

void compare_free(Compare *compare)
{
	if (!compare)
		return;
	for (size_t i = 0; i < compare->record_count; i++)
		record_clear(&compare->records[i]);
	free(compare->records);
	record_clear(&compare->replayed);
	if (compare->merged_ids && compare->adjudication)
		for (size_t i = 0; i < compare->adjudication->item_count; i++)
			free(compare->merged_ids[i]);
	free(compare->merged_ids);
	adjudication_free(compare->adjudication);
	annotation_set_free(compare->merged);
	for (size_t k = 0; k < compare->set_count; k++)
		annotation_set_free(compare->sets[k]);
	free(compare->sets);
	free(compare);
}

/* ---- the current item ---- */

static size_t merged_index(const Compare *compare, size_t item)
{
	const char *id = item < compare->adjudication->item_count ? compare->merged_ids[item] : NULL;
	return id && compare->app->set ? annotation_set_annotation_index(compare->app->set, id) : SIZE_MAX;
}

/* Whether the merged annotation is still what the decision took (not edited since). */
static bool same_as_decided(const Compare *compare, size_t item, const Annotation *merged)
{
	size_t source;
	Annotation *decided = adjudication_resolve(compare->adjudication, item, &source);
	if (!decided)
		return false;
	bool same = span_equal(&decided->claim, &merged->claim) && span_equal(&decided->cue, &merged->cue) &&
		    decided->speaker.present == merged->speaker.present &&
		    decided->speaker.start == merged->speaker.start && decided->speaker.end == merged->speaker.end &&
		    decided->kind == merged->kind && decided->status == merged->status &&
		    ((!decided->label && !merged->label) ||
		     (decided->label && merged->label && strcmp(decided->label, merged->label) == 0));
	annotation_clear(decided);
	free(decided);
	return same;
}

static void update_state(Compare *compare)
{
	CompareView *view = &compare->view;
	size_t item = view->current;
	size_t index = merged_index(compare, item);
	view->merged_present = index != SIZE_MAX;
	if (item == ADJUDICATE_NONE || item >= compare->adjudication->item_count) {
		snprintf(view->state, sizeof view->state, "nothing selected");
		return;
	}
	const AdjudicationChoice *choice = &compare->adjudication->items[item].choice;
	const char *id = index != SIZE_MAX ? compare->app->set->annotations[index].id : NULL;
	switch (choice->kind) {
	case ADJ_CHOICE_UNRESOLVED:
		snprintf(view->state, sizeof view->state, "undecided");
		break;
	case ADJ_CHOICE_NONE:
		snprintf(view->state, sizeof view->state, "left out");
		break;
	case ADJ_CHOICE_VERSION:
		if (!id)
			snprintf(view->state, sizeof view->state, "%s's version, deleted since",
				 compare->adjudication->annotators[choice->annotator]);
		else
			snprintf(view->state, sizeof view->state, "%s's version as %s%s",
				 compare->adjudication->annotators[choice->annotator], id,
				 same_as_decided(compare, item, &compare->app->set->annotations[index]) ? ""
													  : ", edited since");
		break;
	default:
		snprintf(view->state, sizeof view->state, "merged as %s", id ? id : "nothing");
		break;
	}
}

static void go_to(Compare *compare, size_t item)
{
	compare->view.current = item;
	compare->view.follow = true;
	size_t index = merged_index(compare, item);
	if (index != SIZE_MAX) {
		app_sync(compare->app);
		app_select_annotation(compare->app, index);
	}
	update_state(compare);
}

/* ---- decisions ---- */

typedef enum { DECIDE_VERSION, DECIDE_NONE, DECIDE_REOPEN } Decision;

static bool choices_equal(const AdjudicationChoice *a, const AdjudicationChoice *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == ADJ_CHOICE_VERSION)
		return a->annotator == b->annotator;
	return a->kind != ADJ_CHOICE_FIELDS && a->kind != ADJ_CHOICE_CUSTOM;
}

static const char *item_name(const Compare *compare, size_t item)
{
	const Adjudication *adj = compare->adjudication;
	for (size_t k = 0; k < adj->set_count; k++) {
		const Annotation *a = adjudication_version(adj, item, k);
		if (a && a->id)
			return a->id;
	}
	return "the claim";
}

static unsigned decide(App *app, Decision decision, size_t annotator)
{
	Compare *compare = app->compare;
	Adjudication *adj = compare->adjudication;
	size_t item = compare->view.current;
	if (item == ADJUDICATE_NONE) {
		app_message(app, true, "no disagreement selected: %s", compare->view.keys);
		return 0;
	}
	if (decision == DECIDE_VERSION && annotator >= adj->set_count) {
		app_message(app, true, "there are %zu annotators here: no annotator %zu", adj->set_count, annotator + 1);
		return 0;
	}
	AdjudicationChoice before;
	adjudication_choice_copy(&before, &adj->items[item].choice);
	const char *why = NULL;
	bool chosen = true;
	if (decision == DECIDE_VERSION)
		chosen = adjudication_choose_version(adj, item, annotator, &why);
	else if (decision == DECIDE_NONE)
		chosen = adjudication_choose_none(adj, item, &why);
	else
		adjudication_unchoose(adj, item);
	if (!chosen) {
		adjudication_choice_clear(&before);
		app_message(app, true, "%s", why ? why : "that does not apply here");
		return 0;
	}
	char description[256];
	const char *name = item_name(compare, item);
	if (decision == DECIDE_VERSION)
		snprintf(description, sizeof description, "take %s's version of %s", adj->annotators[annotator], name);
	else if (decision == DECIDE_NONE)
		snprintf(description, sizeof description, "leave %s out", name);
	else
		snprintf(description, sizeof description, "reopen %s", name);
	HistoryStep step;
	char *new_id = NULL;
	bool changes_set = adjudication_merge_step(adj, item, app->set, compare->merged_ids[item], description,
						   &step, &new_id);
	if (!changes_set) {
		if (choices_equal(&before, &adj->items[item].choice)) {
			adjudication_choice_clear(&before);
			app_message(app, false, "already so: %s", compare->view.state);
			return 0;
		}
		new_id = compare->merged_ids[item] ? xstrdup(compare->merged_ids[item]) : NULL;
		adjudication_decision_step(app->set, description, &step);
	}
	CompareRecord record = {.item = item, .before = before, .after_id = new_id};
	adjudication_choice_copy(&record.after, &adj->items[item].choice);
	record.before_id = compare->merged_ids[item] ? xstrdup(compare->merged_ids[item]) : NULL;
	compare->pending = &record;
	bool applied = history_apply_step(app->set, &step);
	compare->pending = NULL;
	history_step_clear(&step);
	if (!applied) {
		adjudication_restore_choice(adj, item, &record.before);
		record_clear(&record);
		app_message(app, true, "could not change the merged set for %s", name);
		return 0;
	}
	free(compare->merged_ids[item]);
	compare->merged_ids[item] = record.after_id ? xstrdup(record.after_id) : NULL;
	compare->records = xrealloc(compare->records, (compare->record_count + 1) * sizeof *compare->records);
	compare->records[compare->record_count++] = record;
	app_sync(app);
	size_t left = adjudication_unresolved_count(adj);
	/* Like accept, a decision moves on to the next undecided one (k comes back to edit it). */
	size_t next = decision == DECIDE_REOPEN ? item : adjudication_next_disagreement(adj, item, +1, false);
	if (next == ADJUDICATE_NONE)
		next = adjudication_next_disagreement(adj, ADJUDICATE_NONE, +1, false);
	go_to(compare, next == ADJUDICATE_NONE ? item : next);
	size_t total = adjudication_disagreement_count(adj);
	app_message(app, false, "%s; %zu of %zu disagreement%s left%s", description, left, total, total == 1 ? "" : "s",
		    left ? "" : ": save with C-s");
	return 0;
}

/* ---- the journal: each decision's step carries it as a note, so that recovery after a crash
 * gives back the decisions (the count, the pane, undo) along with the merged set ---- */

static const char *const choice_words[] = {
	[ADJ_CHOICE_UNRESOLVED] = "reopen", [ADJ_CHOICE_VERSION] = "version", [ADJ_CHOICE_NONE] = "none",
};

/* "decision ITEM WORD ANNOTATOR [ID]" for the step of the decision being applied. */
static char *note_of_step(void *context, const HistoryStep *step)
{
	(void)step;
	Compare *compare = context;
	const CompareRecord *record = compare->pending;
	if (!record || record->after.kind > ADJ_CHOICE_NONE)
		return NULL;
	return xasprintf("decision %zu %s %zu%s%s", record->item, choice_words[record->after.kind],
			 record->after.annotator, record->after_id ? " " : "", record->after_id ? record->after_id : "");
}

static void replaying_note(void *context, const char *note)
{
	Compare *compare = context;
	size_t item, annotator;
	char word[16];
	int used = 0;
	compare->replaying = false;
	if (!note) { /* the record is over: a step that did not fit must not be taken for it later */
		record_clear(&compare->replayed);
		compare->replayed = (CompareRecord){0};
		return;
	}
	if (sscanf(note, "decision %zu %15s %zu%n", &item, word, &annotator, &used) != 3 ||
	    item >= compare->adjudication->item_count || annotator >= compare->adjudication->set_count)
		return; /* not ours, or for other files: the step is replayed as a plain edit */
	AdjudicationChoiceKind kind = ADJ_CHOICE_UNRESOLVED;
	while (kind <= ADJ_CHOICE_NONE && strcmp(word, choice_words[kind]) != 0)
		kind++;
	if (kind > ADJ_CHOICE_NONE)
		return;
	CompareRecord *record = &compare->replayed;
	record_clear(record);
	*record = (CompareRecord){.item = item, .after = {.kind = kind, .annotator = annotator}};
	const char *id = note + used;
	record->after_id = *id == ' ' && id[1] ? xstrdup(id + 1) : NULL;
	compare->replaying = true;
}

/* The step of a decision read back from the journal: decided again, exactly as decide() did. */
static void take_replayed(Compare *compare, unsigned long serial)
{
	compare->replaying = false;
	CompareRecord record = compare->replayed;
	compare->replayed = (CompareRecord){0};
	Adjudication *adj = compare->adjudication;
	record.serial = serial;
	adjudication_choice_copy(&record.before, &adj->items[record.item].choice);
	record.before_id = compare->merged_ids[record.item] ? xstrdup(compare->merged_ids[record.item]) : NULL;
	AdjudicationChoice choice;
	adjudication_choice_copy(&choice, &record.after);
	adjudication_restore_choice(adj, record.item, &choice);
	free(compare->merged_ids[record.item]);
	compare->merged_ids[record.item] = record.after_id ? xstrdup(record.after_id) : NULL;
	compare->records = xrealloc(compare->records, (compare->record_count + 1) * sizeof *compare->records);
	compare->records[compare->record_count++] = record;
	compare->view.current = record.item;
	compare->view.follow = true;
	compare->recovered = true;
}

void compare_journal_options(Compare *compare, JournalOptions *options)
{
	*options = (JournalOptions){.whole_session = true, .context = compare, .note_of = note_of_step,
				    .replaying = replaying_note};
}

/* The history observer: a decision's step done, undone or redone. */
static void on_step(void *context, const AnnotationSet *set, const HistoryStep *step, int direction)
{
	Compare *compare = context;
	if (compare->pending && direction > 0) {
		compare->pending->serial = step->serial;
		return;
	}
	if (compare->replaying && direction > 0) {
		take_replayed(compare, step->serial);
		return;
	}
	for (size_t i = compare->record_count; i-- > 0;) {
		CompareRecord *record = &compare->records[i];
		if (record->serial != step->serial)
			continue;
		AdjudicationChoice choice;
		adjudication_choice_copy(&choice, direction < 0 ? &record->before : &record->after);
		adjudication_restore_choice(compare->adjudication, record->item, &choice);
		const char *id = direction < 0 ? record->before_id : record->after_id;
		free(compare->merged_ids[record->item]);
		compare->merged_ids[record->item] = id ? xstrdup(id) : NULL;
		compare->view.current = record->item;
		compare->view.follow = true;
		return;
	}
}

static void answer_save(App *app, void *context, int key)
{
	Compare *compare = context;
	if (key != 'y' && key != 'Y') {
		app_message(app, false, "not saved");
		return;
	}
	compare->save_anyway = true;
	app_save(app);
	compare->save_anyway = false;
}

static bool before_save(void *context, App *app)
{
	Compare *compare = context;
	size_t left = adjudication_unresolved_count(compare->adjudication);
	if (!left || compare->save_anyway)
		return true;
	char question[256];
	snprintf(question, sizeof question,
		 "%zu disagreement%s undecided: save anyway, leaving %s out? (y/n)", left, left == 1 ? "" : "s",
		 left == 1 ? "it" : "them");
	app_confirm(app, question, answer_save, compare);
	return false;
}

static void after_save(void *context, App *app)
{
	Compare *compare = context;
	compare->output_existed = true;
}

static void describe_keys(Compare *compare)
{
	char first[16], last[16], none[16], next[16], open[16];
	keymap_keys_of(KEYMAP_COMPARE, CMD_PICK_1, first, sizeof first);
	keymap_keys_of(KEYMAP_COMPARE, (CommandId)(CMD_PICK_1 + (int)compare->set_count - 1), last, sizeof last);
	keymap_keys_of(KEYMAP_COMPARE, CMD_PICK_NONE, none, sizeof none);
	keymap_keys_of(KEYMAP_COMPARE, CMD_COMPARE_NEXT, next, sizeof next);
	keymap_keys_of(KEYMAP_COMPARE, CMD_COMPARE_NEXT_OPEN, open, sizeof open);
	first[strcspn(first, ",")] = last[strcspn(last, ",")] = none[strcspn(none, ",")] = '\0';
	next[strcspn(next, ",")] = open[strcspn(open, ",")] = '\0';
	snprintf(compare->view.keys, sizeof compare->view.keys,
		 "%s-%s take a version · %s none · %s next · %s next undecided · then the correction keys edit it",
		 first, last, none, next, open);
}

void compare_attach(Compare *compare, App *app)
{
	compare->app = app;
	app->compare = compare;
	app->view.compare = &compare->view;
	app->never_saved = true; /* the merged file is new */
	app_add_hooks(app, &(AppHooks){.context = compare, .on_step = on_step, .before_save = before_save,
				       .after_save = after_save});
	describe_keys(compare);
	Adjudication *adj = compare->adjudication;
	size_t total = adjudication_disagreement_count(adj);
	size_t first = adjudication_next_disagreement(adj, ADJUDICATE_NONE, +1, false);
	go_to(compare, first);
	char names[256] = "";
	size_t length = 0;
	for (size_t k = 0; k < adj->set_count && length < sizeof names; k++)
		length += (size_t)snprintf(names + length, sizeof names - length, "%s%s",
					   k == 0 ? "" : k + 1 == adj->set_count ? " and " : ", ", adj->annotators[k]);
	app_message(app, false, "%zu disagreement%s between %s, %zu claim%s agreed%s", total, total == 1 ? "" : "s",
		    names, adj->item_count - total, adj->item_count - total == 1 ? "" : "s",
		    compare->output_existed ? " (saving replaces the existing file)" : "");
}

/* ---- the hooks of the loop and the command table ---- */

bool compare_allows(App *app, CommandId command)
{
	Compare *compare = app->compare;
	if (!compare)
		return true;
	switch (command) {
	case CMD_ACCEPT:
	case CMD_REJECT:
	case CMD_RESET:
	case CMD_SPEAKER:
	case CMD_MENTION:
	case CMD_CUE:
	case CMD_CLAIM:
	case CMD_KIND:
	case CMD_LABEL:
	case CMD_NOTE:
	case CMD_DELETE:
		break;
	default:
		return true;
	}
	if (app->view.mode != MODE_NORMAL)
		return true;
	size_t index = merged_index(compare, compare->view.current);
	if (index == SIZE_MAX) {
		app_message(app, true, "%s: decide first (%s)",
			    compare->view.current == ADJUDICATE_NONE ? "no disagreement selected" : "nothing merged here yet",
			    compare->view.keys);
		return false;
	}
	app_select_annotation(app, index);
	return true;
}

void compare_update_labels(App *app)
{
	Compare *compare = app->compare;
	if (!compare)
		return;
	if (compare->recovered) {
		/* After the journal's replay (the app is indexed again by now). */
		compare->recovered = false;
		go_to(compare, compare->view.current);
	}
	update_state(compare);
	View *view = &app->view;
	if (view->mode != MODE_NORMAL)
		return;
	snprintf(view->mode_label, sizeof view->mode_label, "compare %zu/%zu left",
		 adjudication_unresolved_count(compare->adjudication),
		 adjudication_disagreement_count(compare->adjudication));
	char first[16], last[16], none[16], open[16], undo[16], help[16];
	keymap_keys_of(KEYMAP_COMPARE, CMD_PICK_1, first, sizeof first);
	keymap_keys_of(KEYMAP_COMPARE, (CommandId)(CMD_PICK_1 + (int)compare->set_count - 1), last, sizeof last);
	keymap_keys_of(KEYMAP_COMPARE, CMD_PICK_NONE, none, sizeof none);
	keymap_keys_of(KEYMAP_COMPARE, CMD_COMPARE_NEXT_OPEN, open, sizeof open);
	keymap_keys_of(KEYMAP_MAIN, CMD_UNDO, undo, sizeof undo);
	keymap_keys_of(KEYMAP_MAIN, CMD_HELP, help, sizeof help);
	first[strcspn(first, ",")] = last[strcspn(last, ",")] = none[strcspn(none, ",")] = '\0';
	open[strcspn(open, ",")] = undo[strcspn(undo, ",")] = help[strcspn(help, ",")] = '\0';
	snprintf(view->hint, sizeof view->hint, "%s-%s pick  %s none  %s next  %s undo  %s help", first, last, none,
		 open, undo, help);
}

bool compare_click(App *app, size_t byte)
{
	Compare *compare = app->compare;
	if (!compare)
		return false;
	const Adjudication *adj = compare->adjudication;
	for (size_t i = 0; i < adj->item_count; i++)
		if (!adjudication_item_agreed(&adj->items[i]) && adj->items[i].extent.start <= byte &&
		    byte < adj->items[i].extent.end) {
			go_to(compare, i);
			return true;
		}
	return false;
}

/* ---- the commands ---- */

static unsigned walk(App *app, int direction, bool include_decided)
{
	Compare *compare = app->compare;
	if (!compare) {
		app_message(app, true, "this command belongs to saywho review --compare");
		return 0;
	}
	size_t next = adjudication_next_disagreement(compare->adjudication, compare->view.current, direction,
						     include_decided);
	if (next == ADJUDICATE_NONE) {
		size_t total = adjudication_disagreement_count(compare->adjudication);
		app_message(app, false, "%s", !total ? "no disagreements: save with C-s"
					      : direction > 0 ? "no further disagreement (k goes back)"
							      : "no earlier disagreement");
		return 0;
	}
	go_to(compare, next);
	return 0;
}

static unsigned pick(App *app, Decision decision, size_t annotator)
{
	if (!app->compare) {
		app_message(app, true, "this command belongs to saywho review --compare");
		return 0;
	}
	return decide(app, decision, annotator);
}

unsigned compare_cmd_next(App *app, const char *argument) { return walk(app, +1, true); }
unsigned compare_cmd_previous(App *app, const char *argument) { return walk(app, -1, true); }
unsigned compare_cmd_next_open(App *app, const char *argument) { return walk(app, +1, false); }
unsigned compare_cmd_previous_open(App *app, const char *argument) { return walk(app, -1, false); }
unsigned compare_cmd_pick_1(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 0); }
unsigned compare_cmd_pick_2(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 1); }
unsigned compare_cmd_pick_3(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 2); }
unsigned compare_cmd_pick_4(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 3); }
unsigned compare_cmd_pick_5(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 4); }
unsigned compare_cmd_pick_6(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 5); }
unsigned compare_cmd_pick_7(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 6); }
unsigned compare_cmd_pick_8(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 7); }
unsigned compare_cmd_pick_9(App *app, const char *argument) { return pick(app, DECIDE_VERSION, 8); }
unsigned compare_cmd_pick_none(App *app, const char *argument) { return pick(app, DECIDE_NONE, 0); }
unsigned compare_cmd_reopen(App *app, const char *argument) { return pick(app, DECIDE_REOPEN, 0); }

void compare_print_options(FILE *out)
{
	fprintf(out,
		"Adjudication (saywho review --compare A.yaml B.yaml [C.yaml...]):\n"
		"  --compare         several annotators' files of one article: walk their disagreements,\n"
		"                    pick a version (1-9) or none (0), edit, save the adjudicated file\n"
		"  -o, --output OUT  where --compare saves (default ARTICLE.adjudicated.yaml beside the\n"
		"                    first file)\n"
		"  --annotator NAME  the annotator of the adjudicated file (default \"adjudicated\")\n");
}
