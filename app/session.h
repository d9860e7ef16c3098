/* What keeps an analyst's work safe and in place across sessions, plugged into the app as hooks:
 *
 * - on opening a document: a second saywho on the same file is warned; a journal left by a
 *   crash is offered for recovery (y recovers exactly the state after the last completed
 *   action, n discards it); the file's stamp is taken; the analyst is put back where they left
 *   the document (state folder);
 * - on every completed step: the step is appended to the journal and fsync'd before the screen
 *   says it is done;
 * - before a save: a file changed (or removed, or created) on disk by someone else since it was
 *   opened is never silently overwritten: the analyst chooses to overwrite, to write theirs
 *   beside it as FILE.mine.yaml, to reload the file from disk, or to cancel;
 * - after a save: the journal is emptied, the stamp retaken, the queue's progress updated;
 * - on closing: the position is remembered, the journal removed;
 * - a queue, when given: `>`/`<` open the next/previous document, the status line shows the
 *   progress across the queue. */
#ifndef SAYWHO_SESSION_H
#define SAYWHO_SESSION_H

#include <stdbool.h>

#include "app/app.h"
#include "app/queue.h"
#include "model/journal.h"

typedef struct Session Session;

/* Adds the hooks to app (before the first app_open_set) and, with a queue, makes it the app's
 * queue (the queue stays the caller's; it must outlive the session). */
Session *session_attach(App *app, Queue *queue);
/* After the last document is closed (app_close_document): frees the session. */
void session_detach(Session *session);

/* Journal on or off (on by default). Off before the first document opens: no journal file at
 * all (key replays of tests, which must leave nothing behind); off later: nothing more written
 * (the benchmark's "journal off"). */
void session_set_journal(Session *session, bool enabled);
/* Remember and restore positions in the state folder (on by default; off for key replays, whose
 * screens must not depend on an earlier run). */
void session_set_positions(Session *session, bool enabled);
/* How the journal is kept (before the first document opens): the adjudication's set is rebuilt
 * from the annotators' files, so its journal keeps the whole session and its decisions as notes. */
void session_set_journal_options(Session *session, const JournalOptions *options);
/* The open document's journal (NULL when none could be opened). */
Journal *session_journal(const Session *session);

#endif
