#include "app/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/workbench.h"
#include "model/file_stamp.h"
#include "model/store.h"

struct Session {
	App *app;
	Queue *queue;
	AppQueue app_queue;
	Journal *journal;
	bool journal_enabled;
	char *path;              /* the open document's annotation file */
	FileStamp stamp;         /* that file when it was opened or last saved */
	bool stamp_taken;
	bool overwrite_once;     /* the analyst chose to overwrite a file changed on disk */
	bool switching;          /* the app is moving to another document of the queue */
	bool positions;          /* restore and remember where the analyst was */
	JournalOptions journal_options; /* the adjudication's: whole session, decisions as notes */
};

static const char *document_path(const App *app)
{
	return app->set && app->set->file_path ? app->set->file_path : NULL;
}

static const char *file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The first problem as one line for the status bar. */
static void message_diagnostics(App *app, const Diagnostics *diag, bool is_error)
{
	if (!diag->count)
		return;
	char line[512];
	diagnostic_format(&diag->items[0], line, sizeof line);
	app_message(app, is_error, "%s", line);
}

/* hash = false at opening: hashing a 45 MB file would delay the first screen; the hash is
 * taken at the first change instead (file_stamp_hash_if_unchanged), while the file still has
 * the stat it had when it was loaded. */
static void take_stamp(Session *session, bool hash)
{
	Diagnostics diag = { 0 };
	session->stamp_taken = hash ? file_stamp_take(session->path, &session->stamp, &diag)
				    : file_stamp_take_stat(session->path, &session->stamp, &diag);
	diagnostics_free(&diag);
}

/* ---- the journal ---------------------------------------------------------------------------- */

static void open_journal(Session *session, JournalStart start)
{
	App *app = session->app;
	Diagnostics diag = { 0 };
	size_t replayed = 0;
	session->journal = journal_open_with(session->path, app->set, &session->stamp, start,
					     &session->journal_options, &replayed, &diag);
	if (session->journal)
		journal_set_enabled(session->journal, session->journal_enabled);
	if (start == JOURNAL_RECOVER) {
		app_reindex(app);
		if (diagnostics_error_count(&diag))
			message_diagnostics(app, &diag, true);
		else
			app_message(app, false, "recovered %zu change%s from the journal (u undoes them, Ctrl-S saves)",
				    replayed, replayed == 1 ? "" : "s");
	} else if (diag.count) {
		message_diagnostics(app, &diag, true);
	}
	diagnostics_free(&diag);
}

static void answer_recovery(App *app, void *context, int key)
{
	Session *session = context;
	if (key == 'y' || key == 'Y') {
		open_journal(session, JOURNAL_RECOVER);
		return;
	}
	/* Anything else keeps the file as it is on disk; the old journal goes. */
	open_journal(session, JOURNAL_FRESH);
	if (!app->view.message[0] || !app->view.message_is_error)
		app_message(app, false, "journal discarded: %s is as on disk", file_name(session->path));
}

/* A journal left behind: offer it, warn about a live one, or start afresh. */
static void start_journal(Session *session)
{
	App *app = session->app;
	JournalProbe probe;
	journal_probe(session->path, &probe);
	if (probe.live) {
		app_message(app, true, "another saywho (pid %ld%s%s) has %s open: saving here may overwrite its work",
			    probe.owner_pid, probe.owner_host[0] ? " on " : "", probe.owner_host, file_name(session->path));
	} else if (probe.exists && !probe.error && probe.step_count > 0) {
		char question[sizeof app->view.confirm_question];
		snprintf(question, sizeof question,
			 "%s has %zu unsaved change%s from a session that ended without saving%s (last: %s). "
			 "Recover? y/n",
			 file_name(session->path), probe.step_count, probe.step_count == 1 ? "" : "s",
			 probe.base_matches ? "" : ", made on an older version of the file",
			 probe.last_description ? probe.last_description : "?");
		app_confirm(app, question, answer_recovery, session);
	} else {
		if (probe.error && probe.exists)
			app_message(app, true, "%s: %s; starting a new journal", file_name(session->path), probe.error);
		open_journal(session, JOURNAL_FRESH);
	}
	journal_probe_clear(&probe);
}

/* ---- hooks ---------------------------------------------------------------------------------- */

static void on_open(void *context, App *app)
{
	Session *session = context;
	free(session->path);
	session->path = document_path(app) ? xstrdup(document_path(app)) : NULL;
	session->overwrite_once = false;
	if (!session->path)
		return;
	take_stamp(session, false);
	DocumentPosition position;
	if (session->positions && state_position_load(session->path, &position)) {
		size_t length = article_length(app->set->article);
		size_t top = article_byte_of_cp(app->set->article,
						position.top_codepoint < length ? position.top_codepoint : length);
		app_restore_position(app, position.selected_id, top);
		document_position_clear(&position);
	}
	if (session->journal_enabled)
		start_journal(session);
}

static void on_step(void *context, const AnnotationSet *set, const HistoryStep *step, int direction)
{
	Session *session = context;
	if (session->stamp_taken && session->path)
		file_stamp_hash_if_unchanged(&session->stamp, session->path);
	if (!session->journal)
		return;
	journal_on_step(session->journal, set, step, direction);
	const char *error = journal_error(session->journal);
	if (error)
		app_message(session->app, true, "%s", error);
}

static void on_close(void *context, App *app)
{
	Session *session = context;
	if (session->positions && session->path && app->set) {
		AppPosition where = app_position(app);
		DocumentPosition position = {
			.selected_id = (char *)where.selected_id,
			.top_codepoint = article_cp_of_byte(app->set->article, where.article_top),
		};
		state_position_save(session->path, &position);
	}
	/* Quitting or moving to another document is a decision (saved, or changes thrown away
	 * after the question): the journal goes. A crash never gets here; a lost terminal does
	 * (the loop ends without app->quit) and must leave the journal of unsaved changes. */
	bool deliberate = app->quit || session->switching || !app->set || !history_is_modified(app->set);
	journal_close(session->journal, deliberate);
	session->journal = NULL;
	session->switching = false;
	free(session->path);
	session->path = NULL;
}

static char *mine_path(const char *path)
{
	size_t length = strlen(path);
	if (length > 5 && strcmp(path + length - 5, ".yaml") == 0)
		length -= 5;
	char *mine = xmalloc(length + sizeof ".mine.yaml");
	memcpy(mine, path, length);
	memcpy(mine + length, ".mine.yaml", sizeof ".mine.yaml");
	return mine;
}

static void answer_changed_on_disk(App *app, void *context, int key)
{
	Session *session = context;
	switch (key) {
	case 'o':
	case 'O':
		session->overwrite_once = true;
		app_save(app);
		break;
	case 'w':
	case 'W': {
		/* Writes the analyst's version beside it; from now on that file is the document. */
		char *mine = mine_path(session->path);
		free(app->set->file_path);
		app->set->file_path = mine;
		session->overwrite_once = true;
		app_save(app);
		break;
	}
	case 'r':
	case 'R': {
		if (session->journal_options.whole_session) {
			app_message(app, false, "not saved");
			break;
		}
		Diagnostics diag = { 0 };
		bool engine_ran = false;
		char *path = xstrdup(session->path);
		AnnotationSet *set = workbench_open_document(path, &engine_ran, &diag);
		if (set) {
			app->engine_ran = engine_ran;
			session->switching = true; /* dropping the changes was the analyst's choice */
			app_open_set(app, set);
			app_message(app, false, "reloaded %s from disk; your changes were dropped", file_name(path));
		} else {
			message_diagnostics(app, &diag, true);
		}
		free(path);
		diagnostics_free(&diag);
		break;
	}
	default:
		app_message(app, false, "not saved");
		break;
	}
}

static bool before_save(void *context, App *app)
{
	Session *session = context;
	const char *path = document_path(app);
	if (!path || !session->path || strcmp(path, session->path) != 0 || !session->stamp_taken)
		return true; /* a new name: nothing of ours to protect there */
	if (session->overwrite_once) {
		session->overwrite_once = false;
		return true;
	}
	FileChange change = file_stamp_check(&session->stamp, path);
	if (change == FILE_UNCHANGED)
		return true;
	char question[sizeof app->view.confirm_question];
	char *mine = mine_path(path);
	/* A set rebuilt from other files (the adjudication) has no version on disk to go back to. */
	snprintf(question, sizeof question, "%s was %s: o overwrite it, w write yours as %s, %sother key: cancel",
		 file_name(path), file_change_describe(change), file_name(mine),
		 session->journal_options.whole_session ? "" : "r reload it (drops your changes), ");
	free(mine);
	app_confirm(app, question, answer_changed_on_disk, session);
	return false;
}

static void after_save(void *context, App *app)
{
	Session *session = context;
	const char *path = document_path(app);
	if (!path)
		return;
	if (!session->path || strcmp(path, session->path) != 0) {
		/* Saved under another name: the journal follows the document. */
		journal_close(session->journal, true);
		session->journal = NULL;
		free(session->path);
		session->path = xstrdup(path);
		take_stamp(session, true);
		if (session->journal_enabled)
			open_journal(session, JOURNAL_FRESH);
	} else {
		take_stamp(session, true);
		Diagnostics diag = { 0 };
		if (session->journal && !journal_saved(session->journal, &session->stamp, &diag))
			message_diagnostics(app, &diag, true);
		diagnostics_free(&diag);
	}
	if (session->queue)
		queue_document_saved(session->queue, app->set);
}

/* ---- the queue ------------------------------------------------------------------------------ */

static AnnotationSet *open_relative(void *context, int delta, Diagnostics *diag)
{
	Session *session = context;
	if (!queue_move(session->queue, delta))
		return NULL;
	const QueueEntry *entry = queue_entry(session->queue, queue_current(session->queue));
	bool engine_ran = false;
	AnnotationSet *set = workbench_open_document(entry->path, &engine_ran, diag);
	if (!set) {
		queue_move(session->queue, -delta); /* stay on the document that is open */
		return NULL;
	}
	session->app->engine_ran = engine_ran;
	session->switching = true; /* the app closes the current document next */
	return set;
}

static void describe(void *context, char *out, size_t size)
{
	Session *session = context;
	const View *view = &session->app->view;
	size_t annotations = 0, reviewed = 0;
	for (int s = 0; s < STATUS_COUNT; s++) {
		annotations += view->status_counts[s];
		if (annotation_status_is_reviewed((AnnotationStatus)s))
			reviewed += view->status_counts[s];
	}
	if (session->app->set)
		queue_describe_open(session->queue, annotations, reviewed, out, size);
	else
		queue_describe(session->queue, out, size);
}

Session *session_attach(App *app, Queue *queue)
{
	Session *session = xcalloc(1, sizeof *session);
	session->app = app;
	session->queue = queue;
	session->journal_enabled = true;
	session->positions = true;
	app_add_hooks(app, &(AppHooks){
				   .context = session,
				   .on_step = on_step,
				   .before_save = before_save,
				   .after_save = after_save,
				   .on_open = on_open,
				   .on_close = on_close,
			   });
	if (queue) {
		session->app_queue = (AppQueue){ .context = session, .open_relative = open_relative, .describe = describe };
		app_set_queue(app, &session->app_queue);
	}
	return session;
}

void session_detach(Session *session)
{
	if (!session)
		return;
	/* Still open here only when the document was never closed: keep it for recovery. */
	journal_close(session->journal, false);
	free(session->path);
	free(session);
}

void session_set_journal(Session *session, bool enabled)
{
	session->journal_enabled = enabled;
	journal_set_enabled(session->journal, enabled);
}

void session_set_positions(Session *session, bool enabled)
{
	session->positions = enabled;
}

Journal *session_journal(const Session *session)
{
	return session->journal;
}

void session_set_journal_options(Session *session, const JournalOptions *options)
{
	session->journal_options = *options;
}
