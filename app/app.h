/* The workbench's state: the open document, what the screen shows, and the plugs through which
 * the journal, the configuration and the document queue join the loop.
 *
 * One App per process. The loop (app/loop.c) reads a key, finds its command in the key tables
 * of the current context (app/keymap.c), runs the command's handler (app/commands.c), which
 * changes the model through model/history.h and the View, and returns what it made dirty; then
 * the loop draws once.
 *
 * Plugging in (helper "session"):
 * - journal: app_add_hooks() with on_step (called after every completed do/undo/redo, before the
 *   screen says it is done), after_save, on_open; the app owns the history observer and fans out.
 * - config: keymap_bind() (app/keymap.h) for key bindings, ui_style_set() (ui/term.h) for colours,
 *   app_set_label_definitions() for labels with their one-line definitions.
 * - queue: app_set_queue() with an AppQueue; `>`/`<` call open_relative; the status line shows
 *   describe(); on_close/on_open hooks save and restore where the analyst left a document
 *   (app_position/app_restore_position). */
#ifndef SAYWHO_APP_H
#define SAYWHO_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"
#include "model/diag.h"
#include "model/history.h"
#include "ui/view.h"

typedef struct App App;
typedef struct Term Term; /* ui/term.h */

/* Hooks a part of the program registers; any member may be NULL. */
typedef struct AppHooks {
	void *context;
	/* After every completed history step (do/redo +1, undo -1): the journal appends, fsyncs. */
	HistoryObserver on_step;
	/* Before a save: return false to cancel it (say why with app_message). */
	bool (*before_save)(void *context, App *app);
	/* After a successful save (the journal starts afresh). */
	void (*after_save)(void *context, App *app);
	/* A document has just been opened (app->set is new): attach, restore the position. */
	void (*on_open)(void *context, App *app);
	/* The document is about to be closed (next/previous document, quit): remember the position. */
	void (*on_close)(void *context, App *app);
} AppHooks;

/* A queue of documents (several files or a folder). Without one the app has one document. */
typedef struct AppQueue {
	void *context;
	/* Opens the document `delta` places away (+1 next, -1 previous). NULL with no error in diag:
	 * there is no such document (the status line says "last document"). */
	AnnotationSet *(*open_relative)(void *context, int delta, Diagnostics *diag);
	/* Progress across the queue for the status line, e.g. "doc 3/120, 41 done". */
	void (*describe)(void *context, char *out, size_t size);
} AppQueue;

/* A claim label and its one-line definition (from the configuration). */
typedef struct LabelDefinition {
	const char *name;
	const char *definition;
} LabelDefinition;

/* Where the analyst is in a document (state folder; never in the annotation file). */
typedef struct AppPosition {
	const char *selected_id; /* NULL when nothing is selected */
	size_t article_top;      /* byte offset of the first article line on screen */
} AppPosition;

typedef void (*AppConfirmAnswer)(App *app, void *context, int key);

#define APP_MAX_HOOKS 8

typedef enum { SORT_POSITION, SORT_CONFIDENCE, SORT_STATUS, SORT_LABEL, SORT_SPEAKER, SORT_COUNT } AppSort;

/* Which annotations the list shows. */
typedef struct AppFilter {
	unsigned status_mask;     /* bit (1 << status) set = shown; 0 = every status */
	char *label;              /* NULL = any */
	char *speaker;            /* speaker id; NULL = any */
	bool has_min_confidence;
	double min_confidence;
} AppFilter;

struct App {
	AnnotationSet *set;          /* the open document (owned) */
	View view;                   /* what the screen shows (ui/view.h) */
	Term *term;                  /* NULL when running headless (key replay without drawing) */

	AppHooks hooks[APP_MAX_HOOKS];
	size_t hook_count;
	AppQueue *queue;             /* NULL: a single document */
	const LabelDefinition *label_definitions;
	size_t label_definition_count;

	bool quit;                   /* the loop ends after this pass */
	int exit_status;
	bool engine_ran;             /* the engine proposed this document's candidates just now */
	bool never_saved;            /* no file on disk yet (engine output): quitting asks */
	bool mouse;                  /* mouse clicks select (config or :mouse) */
	bool force_clear;            /* repaint the whole terminal on the next draw (C-l, resume) */
	bool quit_after_save;        /* :wq whose save waits for an answer (file changed on disk) */

	AppFilter filter;
	AppSort sort;
	/* Set by the history observer, acted on by app_sync() before the next use of the indexes. */
	bool needs_reindex;          /* annotations added or removed: everything */
	bool needs_span_index;       /* spans moved */
	bool needs_speaker_index;    /* speakers changed */
	size_t last_changed;         /* the annotation the last step touched (select it on undo) */
	size_t missed_position;      /* where "next missed" goes on from */
	Mode mode_before_help;

	/* A pending multi-step interaction (adding: claim, then speaker, then cue; confirm
	 * answers): handled in app/commands.c. */
	int flow;                    /* internal: what the current cursor/picker/prompt is for */
	size_t flow_annotation;      /* the annotation it works on */
	Span flow_span;              /* a span chosen in an earlier step */
	char *flow_text;             /* a name typed in an earlier step (new speaker) */
	bool adding;                 /* the add flow: claim, then mention and speaker, then cue */
	AppConfirmAnswer confirm_answer;
	void *confirm_context;
	int last_search_direction;
	struct Compare *compare;     /* compare: the adjudication mode (app/compare.h), or NULL */
};

/* A new app on an open document (takes ownership of set; may be NULL until app_open_set). */
App *app_new(AnnotationSet *set);
void app_free(App *app);

void app_add_hooks(App *app, const AppHooks *hooks);
void app_set_queue(App *app, AppQueue *queue);
void app_set_label_definitions(App *app, const LabelDefinition *labels, size_t count);

/* Replaces the open document (on_close hooks for the old one, on_open for the new one);
 * rebuilds the indexes. Takes ownership of set. */
void app_open_set(App *app, AnnotationSet *set);
/* Closes the document (on_close hooks, then frees it); app->set becomes NULL. app_free does
 * this too when a document is still open. */
void app_close_document(App *app);
/* Where the analyst is / put them back (unknown id: the first row; top clamped). */
AppPosition app_position(const App *app);
void app_restore_position(App *app, const char *selected_id, size_t article_top);

/* After opening a document the engine has just run on (app->engine_ran): marks it unsaved and
 * says so in the status line. */
void app_announce_engine(App *app);
/* Only says so (a document of a queue: moving on from it untouched does not ask to save). */
void app_tell_engine_ran(App *app);
/* Shows a message on the bottom line until the next key. */
void app_message(App *app, bool is_error, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds to the message already shown (joined by " · "; an error stays an error), or shows it:
 * for a second thing to say after the same key (a warning at opening, then the engine's news). */
void app_message_append(App *app, bool is_error, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Asks a question answered by one key (the answer callback gets the key; Esc/C-c included). */
void app_confirm(App *app, const char *question, AppConfirmAnswer answer, void *context);

/* Saves through store_save with the hooks; false (and a message) when it failed or was vetoed. */
bool app_save(App *app);

/* Rebuild indexes after a wholesale change of the set. */
void app_reindex(App *app);
/* Brings the indexes up to date after model changes (cheap when nothing changed). */
void app_sync(App *app);
/* Rebuilds the list's rows from the filter and sort, keeping the selected annotation. */
void app_rebuild_rows(App *app);
/* Selects an annotation (by index into set->annotations); false when the filter hides it. */
bool app_select_annotation(App *app, size_t index);
/* The selected annotation's index, or (size_t)-1. */
size_t app_selected(const App *app);
/* Rebuilds the speakers view's rows (sorted by name) and claim counts, keeping its selection. */
void app_build_speaker_rows(App *app);
/* Whether there are changes not on disk (history, or a document never saved). */
bool app_is_modified(const App *app);

#endif
