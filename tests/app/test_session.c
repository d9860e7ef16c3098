/* The session hooks in the workbench (app/session.c), in process on a virtual screen: recovery
 * offered after a session ends without saving, a file changed on disk never silently
 * overwritten, a second saywho warned, positions restored from the state folder, a queue. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/keymap.h"
#include "app/loop.h"
#include "app/queue.h"
#include "app/session.h"
#include "app/workbench.h"
#include "ui/screen_dump.h"
#include "ui/term.h"

static char folder[64];
static char yaml_path[128];
static FILE *null_in, *null_out;

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	cr_assert(in && out, "copy %s -> %s", from, to);
	char buffer[8192];
	size_t n;
	while ((n = fread(buffer, 1, sizeof buffer, in)) > 0)
		fwrite(buffer, 1, n, out);
	fclose(in);
	fclose(out);
}

static bool file_contains(const char *path, const char *text)
{
	FILE *file = fopen(path, "rb");
	if (!file)
		return false;
	static char buffer[1 << 17];
	size_t n = fread(buffer, 1, sizeof buffer - 1, file);
	buffer[n] = '\0';
	fclose(file);
	return strstr(buffer, text) != NULL;
}

static void setup(void)
{
	snprintf(folder, sizeof folder, "/tmp/saywho-session-XXXXXX");
	cr_assert(mkdtemp(folder));
	char path[256];
	snprintf(path, sizeof path, "%s/state", folder);
	setenv("XDG_STATE_HOME", path, 1);
	snprintf(yaml_path, sizeof yaml_path, "%s/seed.saywho.yaml", folder);
	copy_file("tests/ui/fixtures/seed.saywho.yaml", yaml_path);
	snprintf(path, sizeof path, "%s/seed.txt", folder);
	copy_file("tests/ui/fixtures/seed.txt", path);
	null_in = fopen("/dev/null", "r");
	null_out = fopen("/dev/null", "w");
}

static void teardown(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", folder);
	cr_assert(system(command) == 0);
}

TestSuite(session, .init = setup, .fini = teardown);

typedef struct Open {
	App *app;
	Session *session;
	Term *term;
} Open;

static void open_document(Open *open, const char *path, Queue *queue)
{
	Diagnostics diag = { 0 };
	bool engine_ran = false;
	AnnotationSet *set = workbench_open_document(path, &engine_ran, &diag);
	cr_assert(set, "cannot open %s", path);
	diagnostics_free(&diag);
	char error[256];
	open->term = term_open(null_in, null_out, 40, 120, error, sizeof error);
	cr_assert(open->term, "%s", error);
	open->app = app_new(NULL);
	open->app->term = open->term;
	open->session = session_attach(open->app, queue);
	open->app->engine_ran = engine_ran;
	app_open_set(open->app, set);
	app_announce_engine(open->app); /* as workbench_main does */
	loop_draw(open->app, DIRTY_LAYOUT);
}

static void keys(Open *open, const char *script)
{
	int *codes = NULL;
	char error[256];
	long count = keymap_parse_script("keys", script, &codes, error, sizeof error);
	cr_assert(count >= 0, "%s", error);
	loop_replay(open->app, codes, (size_t)count);
	free(codes);
}

/* quit: as after q (a decision); otherwise as when the terminal goes away. */
static void close_document(Open *open, bool quit)
{
	open->app->quit = quit;
	term_close(open->term);
	app_close_document(open->app);
	session_detach(open->session);
	app_free(open->app);
}

static AnnotationStatus status_of(const Open *open, const char *id)
{
	size_t index = annotation_set_annotation_index(open->app->set, id);
	cr_assert(index != (size_t)-1, "no %s", id);
	return open->app->set->annotations[index].status;
}

static bool journal_exists(void)
{
	char *path = journal_path_for(yaml_path);
	bool exists = access(path, F_OK) == 0;
	free(path);
	return exists;
}

Test(session, a_lost_session_is_offered_and_recovered)
{
	Open open;
	open_document(&open, yaml_path, NULL);
	keys(&open, "a x a u");
	cr_expect_eq(status_of(&open, "a1"), STATUS_ACCEPTED);
	cr_expect_eq(status_of(&open, "a2"), STATUS_REJECTED);
	close_document(&open, false); /* the terminal went away: no decision */
	cr_assert(journal_exists(), "the journal stays after a session that did not quit");

	open_document(&open, yaml_path, NULL);
	cr_expect_eq(open.app->view.mode, MODE_CONFIRM);
	cr_expect(strstr(open.app->view.confirm_question, "4 unsaved changes"), "%s",
		  open.app->view.confirm_question);
	cr_expect(strstr(open.app->view.confirm_question, "(last: undo"), "%s", open.app->view.confirm_question);
	cr_expect(!strstr(open.app->view.confirm_question, "older version"), "the file is as it was: %s",
		  open.app->view.confirm_question);
	cr_expect_eq(status_of(&open, "a1"), STATUS_CANDIDATE, "nothing applied before the answer");
	keys(&open, "y");
	cr_expect(strstr(open.app->view.message, "recovered 4 changes"), "%s", open.app->view.message);
	cr_expect_eq(status_of(&open, "a1"), STATUS_ACCEPTED);
	cr_expect_eq(status_of(&open, "a2"), STATUS_REJECTED);
	cr_expect_eq(status_of(&open, "a3"), STATUS_CANDIDATE);
	/* The undo history came back: the redo of a3's accept, then undo of the rest. */
	keys(&open, "C-r");
	cr_expect_eq(status_of(&open, "a3"), STATUS_ACCEPTED);
	keys(&open, "u u u");
	cr_expect_eq(status_of(&open, "a1"), STATUS_CANDIDATE);
	keys(&open, "C-r C-r C-s");
	cr_expect(file_contains(yaml_path, "status: rejected"));
	close_document(&open, true);
	cr_expect(!journal_exists(), "saved and quit: no journal");
}

Test(session, a_declined_journal_is_discarded)
{
	Open open;
	open_document(&open, yaml_path, NULL);
	keys(&open, "a");
	close_document(&open, false);
	open_document(&open, yaml_path, NULL);
	cr_expect_eq(open.app->view.mode, MODE_CONFIRM);
	keys(&open, "n");
	cr_expect(strstr(open.app->view.message, "journal discarded"), "%s", open.app->view.message);
	cr_expect_eq(status_of(&open, "a1"), STATUS_CANDIDATE);
	close_document(&open, true);
	cr_expect(!journal_exists());
	open_document(&open, yaml_path, NULL);
	cr_expect_neq(open.app->view.mode, MODE_CONFIRM, "nothing left to offer");
	close_document(&open, true);
}

Test(session, quitting_without_saving_removes_the_journal)
{
	Open open;
	open_document(&open, yaml_path, NULL);
	keys(&open, "a x");
	cr_expect(journal_exists());
	close_document(&open, true); /* :q! */
	cr_expect(!journal_exists());
}

static void append_to(const char *path, const char *text)
{
	FILE *file = fopen(path, "a");
	fputs(text, file);
	fclose(file);
}

Test(session, a_file_changed_on_disk_is_never_silently_overwritten)
{
	Open open;
	open_document(&open, yaml_path, NULL);
	keys(&open, "a");
	append_to(yaml_path, "# changed by someone else\n");
	cr_expect(!app_save(open.app));
	cr_expect_eq(open.app->view.mode, MODE_CONFIRM);
	cr_expect(strstr(open.app->view.confirm_question, "changed on disk since it was opened"), "%s",
		  open.app->view.confirm_question);
	keys(&open, "c");
	cr_expect(file_contains(yaml_path, "# changed by someone else"), "cancel keeps their version");
	cr_expect(history_is_modified(open.app->set));

	/* w: ours beside theirs, and ours is the document from now on. */
	keys(&open, "C-s w");
	char mine[256];
	snprintf(mine, sizeof mine, "%s/seed.saywho.mine.yaml", folder);
	cr_expect(file_contains(mine, "status: accepted"));
	cr_expect(file_contains(yaml_path, "# changed by someone else"));
	cr_expect_str_eq(open.app->set->file_path, mine);
	cr_expect(!history_is_modified(open.app->set));
	close_document(&open, true);

	/* o: overwrite, deliberately. */
	open_document(&open, yaml_path, NULL);
	keys(&open, "x");
	append_to(yaml_path, "# again\n");
	keys(&open, "C-s o");
	cr_expect(!file_contains(yaml_path, "# again"));
	cr_expect(file_contains(yaml_path, "status: rejected"));
	/* After our own save, the next one goes through without a question. */
	keys(&open, "a C-s");
	cr_expect_neq(open.app->view.mode, MODE_CONFIRM);
	close_document(&open, true);

	/* r: reload theirs. */
	open_document(&open, yaml_path, NULL);
	keys(&open, "g a");
	append_to(yaml_path, "# theirs\n");
	keys(&open, "C-s r");
	cr_expect(strstr(open.app->view.message, "reloaded"), "%s", open.app->view.message);
	cr_expect(!history_is_modified(open.app->set));
	cr_expect(file_contains(yaml_path, "# theirs"));
	close_document(&open, true);
}

Test(session, a_second_saywho_is_warned)
{
	Open first, second;
	open_document(&first, yaml_path, NULL);
	open_document(&second, yaml_path, NULL);
	char expected[64];
	snprintf(expected, sizeof expected, "another saywho (pid %ld", (long)getpid());
	cr_expect(strstr(second.app->view.message, expected), "%s", second.app->view.message);
	close_document(&second, true);
	cr_expect(journal_exists(), "the second one does not remove the first one's journal");
	close_document(&first, true);
}

/* An article without its annotation file: the engine runs in both, and the second one says both
 * things, the warning first, on as many lines as they need. */
Test(session, a_second_saywho_on_a_new_article_is_warned_and_told_about_the_engine)
{
	char article[128];
	snprintf(article, sizeof article, "%s/fresh.txt", folder);
	copy_file("tests/ui/fixtures/seed.txt", article);
	Open first, second;
	open_document(&first, article, NULL);
	cr_assert(first.app->engine_ran);
	open_document(&second, article, NULL);
	cr_assert(second.app->engine_ran);
	const char *message = second.app->view.message;
	char expected[64];
	snprintf(expected, sizeof expected, "another saywho (pid %ld", (long)getpid());
	const char *warning = strstr(message, expected);
	const char *engine = strstr(message, "no fresh.saywho.yaml yet: the built-in engine proposed");
	cr_expect(warning && engine && warning < engine, "%s", message);
	cr_expect(second.app->view.message_is_error, "shown as the warning it starts with");
	char *screen = screen_dump_string();
	cr_expect(strstr(screen, "another saywho (pid"), "%s", screen);
	cr_expect(strstr(screen, "(Ctrl-S saves)"), "the end of the second message is on screen too:\n%s", screen);
	free(screen);
	close_document(&second, true);
	close_document(&first, true);
}

Test(session, the_position_comes_back_from_the_state_folder)
{
	Open open;
	open_document(&open, yaml_path, NULL);
	keys(&open, "j j j j j");
	size_t selected = app_selected(open.app);
	cr_assert(selected != (size_t)-1);
	char id[32];
	snprintf(id, sizeof id, "%s", open.app->set->annotations[selected].id);
	close_document(&open, true);
	cr_expect(!file_contains(yaml_path, "selected"), "nothing about the position in the file");

	open_document(&open, yaml_path, NULL);
	selected = app_selected(open.app);
	cr_assert(selected != (size_t)-1);
	cr_expect_str_eq(open.app->set->annotations[selected].id, id);
	close_document(&open, true);
}

Test(session, a_queue_moves_through_a_folder)
{
	char docs[128], path[256];
	snprintf(docs, sizeof docs, "%s/docs", folder);
	mkdir(docs, 0755);
	snprintf(path, sizeof path, "%s/a.txt", docs);
	copy_file("tests/ui/fixtures/seed.txt", path);
	snprintf(path, sizeof path, "%s/b.saywho.yaml", docs);
	copy_file(yaml_path, path);
	/* b.saywho.yaml names seed.txt as its article */
	snprintf(path, sizeof path, "%s/seed.txt", docs);
	copy_file("tests/ui/fixtures/seed.txt", path);
	snprintf(path, sizeof path, "%s/b.txt", docs);
	copy_file("tests/ui/fixtures/seed.txt", path);
	char *paths[] = { docs };
	Queue *queue = queue_open(paths, 1, NULL);
	cr_assert(queue);
	cr_assert_eq(queue_count(queue), 3); /* a, b, seed */
	Open open;
	open_document(&open, queue_entry(queue, queue_current(queue))->path, queue);
	cr_expect(open.app->engine_ran, "a.txt has no annotation file: the engine ran");
	char line[128];
	open.app->queue->describe(open.app->queue->context, line, sizeof line);
	/* b's saved 23 and the open a's (the engine's, not saved yet: counted as they are now; their
	 * number is the engine's, which improves, so it is read from the open document) */
	char expected[128];
	snprintf(expected, sizeof expected, "doc 1/3 · 0 done · 0/%zu reviewed", 23 + open.app->set->annotation_count);
	cr_expect_str_eq(line, expected);
	keys(&open, "q n"); /* a.txt: the engine's output is not saved; stay in the queue with > */
	open.app->quit = false;
	Diagnostics diag = { 0 };
	AnnotationSet *next = open.app->queue->open_relative(open.app->queue->context, +1, &diag);
	cr_assert(next, "b");
	app_open_set(open.app, next);
	cr_expect_eq(queue_current(queue), 1);
	cr_expect(strstr(open.app->set->file_path, "b.saywho.yaml"));
	keys(&open, "a C-s");
	open.app->queue->describe(open.app->queue->context, line, sizeof line);
	cr_expect_str_eq(line, "doc 2/3 · 0 done · 1/23 reviewed");
	cr_expect_null(open.app->queue->open_relative(open.app->queue->context, +2, &diag), "past the end");
	cr_expect_eq(queue_current(queue), 1);
	close_document(&open, true);
	queue_free(queue);
	diagnostics_free(&diag);
}
