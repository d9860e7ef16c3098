/* The adjudication mode (saywho review --compare): screens at 80x24 and 160x50, decisions, undo,
 * edits of the merged annotation, saving, and refusals. Fixtures: tests/ui/fixtures/compare/
 * (alice, bob and carol about compare.txt; make_compare_fixtures.py writes them). Between them:
 * a1 and a5 agreed; a2 label (bob: demand), a3 speaker mention (bob and carol: "Tom Reyes"),
 * a4 presence and claim (bob rejected it, carol cut it to "will carry 400 passengers"). */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/compare.h"
#include "app/keymap.h"
#include "app/loop.h"
#include "app/session.h"
#include "model/output/adjudicate.h"
#include "model/output/adjudicate_session.h"
#include "model/store.h"
#include "tests/ui/harness.h"
#include "ui/screen_dump.h"
#include "ui/term.h"

#define FIXTURES "tests/ui/fixtures/compare"

typedef struct CompareRun {
	UiRun run;
	Compare *compare;
	Session *session;             /* with a journal, as `saywho review --compare` has */
	FILE *in, *out;
	char files[3][600];
} CompareRun;

static void copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	cr_assert(in && out, "copy %s -> %s", from, to);
	char buffer[4096];
	size_t got;
	while ((got = fread(buffer, 1, sizeof buffer, in)) > 0)
		fwrite(buffer, 1, got, out);
	fclose(in);
	fclose(out);
}

static void make_dir_with_fixtures(CompareRun *c)
{
	snprintf(c->run.dir, sizeof c->run.dir, "/tmp/saywho-compare-test-XXXXXX");
	cr_assert(mkdtemp(c->run.dir));
	static const char *const names[] = {"compare.txt", "alice.saywho.yaml", "bob.saywho.yaml", "carol.saywho.yaml"};
	for (size_t i = 0; i < 4; i++) {
		char from[256], to[600];
		snprintf(from, sizeof from, FIXTURES "/%s", names[i]);
		snprintf(to, sizeof to, "%s/%s", c->run.dir, names[i]);
		copy(from, to);
		if (i > 0)
			snprintf(c->files[i - 1], sizeof c->files[i - 1], "%s", to);
	}
}

/* Opens the first `count` of the files of c (already there) in the compare mode at cols x rows,
 * with the journal of the workbench when `journal`. */
static void compare_open_files(CompareRun *c, size_t count, const char *output, int cols, int rows, bool journal)
{
	char *paths[3] = {c->files[0], c->files[1], c->files[2]};
	Diagnostics diag = {0};
	c->compare = compare_open(paths, count, output, NULL, &diag);
	if (!c->compare)
		diagnostics_print(&diag, stderr);
	cr_assert(c->compare, "compare_open failed");
	diagnostics_free(&diag);
	c->in = fopen("/dev/null", "r");
	c->out = fopen("/dev/null", "w");
	char error[256];
	Term *term = term_open(c->in, c->out, rows, cols, error, sizeof error);
	cr_assert(term, "term_open: %s", error);
	c->run.app = app_new(NULL);
	c->run.app->term = term;
	c->session = NULL;
	if (journal) {
		c->session = session_attach(c->run.app, NULL);
		JournalOptions options;
		compare_journal_options(c->compare, &options);
		session_set_journal_options(c->session, &options);
		session_set_positions(c->session, false);
	}
	app_open_set(c->run.app, compare_take_merged(c->compare));
	compare_attach(c->compare, c->run.app);
	loop_draw(c->run.app, DIRTY_LAYOUT);
}

/* Opens the first `count` of alice, bob, carol in the compare mode at cols x rows. */
static void compare_start(CompareRun *c, size_t count, const char *output, int cols, int rows)
{
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
	memset(c, 0, sizeof *c);
	make_dir_with_fixtures(c);
	compare_open_files(c, count, output, cols, rows, false);
}

/* Ends the program on c's files: as after q when `quit`, else as when the terminal goes away
 * (or the process is killed: the journal stays). */
static void compare_close(CompareRun *c, bool quit)
{
	Term *term = c->run.app->term;
	c->run.app->quit = quit;
	term_close(term);
	app_close_document(c->run.app);
	session_detach(c->session);
	c->session = NULL;
	app_free(c->run.app);
	compare_free(c->compare);
	fclose(c->in);
	fclose(c->out);
}

static void compare_stop(CompareRun *c)
{
	Term *term = c->run.app->term;
	app_free(c->run.app);
	term_close(term);
	compare_free(c->compare);
	fclose(c->in);
	fclose(c->out);
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", c->run.dir);
	if (system(command) != 0)
		fprintf(stderr, "could not remove %s\n", c->run.dir);
}

static void screen_test(size_t count, const char *keys, int cols, int rows, const char *name)
{
	CompareRun c;
	compare_start(&c, count, NULL, cols, rows);
	ui_keys(&c.run, keys);
	char full[128];
	snprintf(full, sizeof full, "%s-%dx%d", name, cols, rows);
	ui_expect_screen(full);
	compare_stop(&c);
}

static bool screen_has(const char *text)
{
	char *screen = ui_screen();
	bool found = strstr(screen, text) != NULL;
	if (!found)
		fprintf(stderr, "screen without '%s':\n%s\n", text, screen);
	free(screen);
	return found;
}

/* The number of undecided disagreements the status line shows. */
static size_t left(void)
{
	char *screen = ui_screen();
	const char *at = strstr(screen, "compare ");
	size_t n = (size_t)-1;
	if (at)
		sscanf(at, "compare %zu/", &n);
	free(screen);
	return n;
}

/* ---- screens ---- */

Test(compare_screen, three_annotators_open_at_80x24)
{
	screen_test(3, "", 80, 24, "compare-open");
}

Test(compare_screen, three_annotators_open_at_160x50)
{
	screen_test(3, "", 160, 50, "compare-open");
}

Test(compare_screen, a_decision_moves_on_at_80x24)
{
	screen_test(3, "2", 80, 24, "compare-picked");
}

Test(compare_screen, two_annotators_presence_at_160x50)
{
	screen_test(2, "] ]", 160, 50, "compare-presence");
}

Test(compare_screen, all_decided_at_160x50)
{
	screen_test(3, "2 1 3 k k", 160, 50, "compare-decided");
}

/* ---- what the screen says ---- */

Test(compare, status_line_counts_the_disagreements_left)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	cr_expect_eq(left(), 3);
	cr_expect(screen_has("compare 3/3 left"));
	cr_expect(screen_has("Disagreement 1 of 3 · differ: label"));
	cr_expect(screen_has("1 alice  2 bob  3 carol  all agree"), "the legend");
	ui_keys(&c.run, "2");
	cr_expect(screen_has("compare 2/3 left"));
	cr_expect(screen_has("Disagreement 2 of 3 · differ: speaker"));
	ui_keys(&c.run, "0");
	cr_expect(screen_has("compare 1/3 left"));
	ui_keys(&c.run, "u");
	cr_expect(screen_has("compare 2/3 left"), "undo takes the decision back");
	cr_expect(screen_has("Disagreement 2 of 3"), "undo goes back to the disagreement it undid");
	ui_keys(&c.run, "C-r");
	cr_expect(screen_has("compare 1/3 left"), "redo decides again");
	compare_stop(&c);
}

Test(compare, navigation_walks_disagreements_only)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	ui_keys(&c.run, "j");
	cr_expect(screen_has("Disagreement 2 of 3"));
	ui_keys(&c.run, "j j");
	cr_expect(screen_has("Disagreement 3 of 3"));
	cr_expect(screen_has("no further disagreement"));
	ui_keys(&c.run, "k k");
	cr_expect(screen_has("Disagreement 1 of 3"));
	ui_keys(&c.run, "1 ] [");
	cr_expect(screen_has("Disagreement 2 of 3"), "[ skips the decided first one");
	ui_keys(&c.run, "[");
	cr_expect(screen_has("no earlier disagreement"));
	compare_stop(&c);
}

Test(compare, versions_are_highlighted_in_their_annotators_styles)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	/* a3: alice's speaker mention "Opposition leader Tom Reyes", bob's and carol's "Tom Reyes". */
	ui_keys(&c.run, "j");
	cr_expect_neq(term_style(c.run.app->term, UI_STYLE_ANNOTATOR_1), term_style(c.run.app->term, UI_STYLE_ANNOTATOR_2));
	FILE *dump = tmpfile();
	screen_dump_attributes(dump);
	rewind(dump);
	char line[512];
	char rows[60][512];
	int count = 0;
	while (count < 60 && fgets(line, sizeof line, dump))
		snprintf(rows[count++], sizeof rows[0], "%s", line);
	fclose(dump);
	char *screen = ui_screen();
	/* the row of "Opposition leader Tom Reyes": "Opposition leader " only alice (underline), "Tom
	 * Reyes" everyone (the speaker style: bold underline), "a waste of money" everyone (claim). */
	const char *text = screen;
	int row = 0;
	const char *found = strstr(screen, "Opposition leader Tom Reyes called"); /* the article, not the pane */
	cr_assert(found);
	for (const char *p = text; p < found; p++)
		row += *p == '\n';
	const char *line_start = found;
	while (line_start > screen && line_start[-1] != '\n')
		line_start--;
	size_t column = (size_t)(found - line_start); /* ASCII before it on that line */
	if (rows[row][column] != 'u')
		fprintf(stderr, "row %d col %zu attributes:\n%s|\n%s|\n", row, column, rows[row], rows[row + 1]);
	cr_expect_eq(rows[row][column], 'u', "alice's mention part in annotator-1 (underline): '%c'", rows[row][column]);
	cr_expect_eq(rows[row][column + 18], 'U', "the common part in the speaker style: '%c'", rows[row][column + 18]);
	free(screen);
	compare_stop(&c);
}

Test(compare, a_click_in_the_article_picks_the_disagreement_there)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	const char *text = article_text(c.run.app->set->article);
	size_t reyes = (size_t)(strstr(text, "a waste of money") - text);
	cr_expect(compare_click(c.run.app, reyes));
	loop_draw(c.run.app, DIRTY_ALL);
	cr_expect(screen_has("Disagreement 2 of 3 · differ: speaker"));
	size_t ana = (size_t)(strstr(text, "Nobody asked") - text);
	cr_expect_not(compare_click(c.run.app, ana), "a5 is agreed: no disagreement there");
	cr_expect_not(compare_click(c.run.app, 0), "the title is no claim");
	compare_stop(&c);
}

/* ---- decisions and the merged set ---- */

Test(compare, decisions_make_the_merged_file)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	/* a2: bob's label; a3: alice's mention; a4: carol's shorter claim */
	ui_keys(&c.run, "2 1 3 C-s");
	cr_expect(screen_has("saved"), "saved without a question: everything decided");
	char path[700];
	snprintf(path, sizeof path, "%s/compare.adjudicated.yaml", c.run.dir);
	Diagnostics diag = {0};
	AnnotationSet *saved = store_load(path, NULL, &diag);
	cr_assert(saved, "the adjudicated file loads");
	cr_expect_str_eq(saved->annotator, "adjudicated");
	cr_expect_eq(saved->annotation_count, 5);
	size_t a2 = annotation_set_annotation_index(saved, "a2"), a3 = annotation_set_annotation_index(saved, "a3"),
	       a4 = annotation_set_annotation_index(saved, "a4");
	cr_assert(a2 != (size_t)-1 && a3 != (size_t)-1 && a4 != (size_t)-1);
	cr_expect_str_eq(saved->annotations[a2].label, "demand");
	cr_expect_eq(saved->annotations[a2].status, STATUS_CORRECTED);
	char *mention = span_text(saved->article, &saved->annotations[a3].speaker);
	cr_expect_str_eq(mention, "Opposition leader Tom Reyes");
	free(mention);
	char *claim = span_text(saved->article, &saved->annotations[a4].claim);
	cr_expect_str_eq(claim, "will carry 400 passengers");
	free(claim);
	cr_expect_str_eq(saved->document_path, "compare.txt");
	annotation_set_free(saved);
	diagnostics_free(&diag);
	compare_stop(&c);
}

Test(compare, a_rejected_version_stays_rejected_and_none_leaves_out)
{
	CompareRun c;
	compare_start(&c, 2, NULL, 160, 50);
	/* alice and bob: a2 label, a3 mention, a4 (bob rejected it) */
	ui_keys(&c.run, "1 1 2");
	const AnnotationSet *merged = c.run.app->set;
	size_t a4 = annotation_set_annotation_index(merged, "a4");
	cr_assert(a4 != (size_t)-1);
	cr_expect_eq(merged->annotations[a4].status, STATUS_REJECTED, "bob's decision comes with his version");
	ui_keys(&c.run, "k 0");
	cr_expect(screen_has("leave a3 out"));
	cr_expect_eq(annotation_set_annotation_index(c.run.app->set, "a3"), (size_t)-1, "none: not in the merged set");
	ui_keys(&c.run, "u");
	cr_expect_neq(annotation_set_annotation_index(c.run.app->set, "a3"), (size_t)-1, "undo brings it back");
	compare_stop(&c);
}

Test(compare, the_correction_keys_edit_the_merged_annotation)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	ui_keys(&c.run, "K");
	cr_expect(screen_has("nothing merged here yet: decide first"), "an undecided item has nothing to edit");
	ui_keys(&c.run, "1 k K");
	cr_expect(screen_has("indirect"), "the kind picker is open");
	ui_keys(&c.run, "\"indirect\" Enter");
	const AnnotationSet *merged = c.run.app->set;
	size_t a2 = annotation_set_annotation_index(merged, "a2");
	cr_expect_eq(merged->annotations[a2].kind, KIND_INDIRECT);
	cr_expect(screen_has("alice's version as a2, edited since"));
	cr_expect(screen_has("compare 2/3 left"), "an edit is no decision");
	ui_keys(&c.run, "u");
	cr_expect_eq(c.run.app->set->annotations[a2].kind, KIND_DIRECT, "undo of the edit");
	cr_expect(screen_has("compare 2/3 left"), "undoing the edit keeps the decision");
	ui_keys(&c.run, "u");
	cr_expect(screen_has("compare 3/3 left"), "then the decision goes");
	compare_stop(&c);
}

Test(compare, saving_with_undecided_disagreements_asks)
{
	CompareRun c;
	compare_start(&c, 3, NULL, 160, 50);
	ui_keys(&c.run, "2 C-s");
	cr_expect(screen_has("2 disagreements undecided: save anyway, leaving them out? (y/n)"));
	ui_keys(&c.run, "n");
	char path[700];
	snprintf(path, sizeof path, "%s/compare.adjudicated.yaml", c.run.dir);
	struct stat info;
	cr_expect_neq(stat(path, &info), 0, "no file after n");
	ui_keys(&c.run, "C-s y");
	cr_expect_eq(stat(path, &info), 0, "saved after y");
	Diagnostics diag = {0};
	AnnotationSet *saved = store_load(path, NULL, &diag);
	cr_assert(saved);
	cr_expect_eq(saved->annotation_count, 3, "a1, a2 (decided) and a5; a3 and a4 left out");
	annotation_set_free(saved);
	diagnostics_free(&diag);
	compare_stop(&c);
}

Test(compare, output_elsewhere_points_at_the_same_article)
{
	CompareRun c;
	char out_dir[] = "/tmp/saywho-compare-out-XXXXXX";
	cr_assert(mkdtemp(out_dir));
	char output[128];
	snprintf(output, sizeof output, "%s/gold.yaml", out_dir);
	compare_start(&c, 2, output, 80, 24);
	ui_keys(&c.run, "1 1 1 C-s");
	Diagnostics diag = {0};
	AnnotationSet *saved = store_load(output, NULL, &diag);
	diagnostics_print(&diag, stderr);
	cr_assert(saved, "the file written elsewhere finds its article");
	cr_expect_eq(saved->document_path[0], '/', "absolute: the article is not below %s", out_dir);
	annotation_set_free(saved);
	diagnostics_free(&diag);
	compare_stop(&c);
	char command[200];
	snprintf(command, sizeof command, "rm -rf '%s'", out_dir);
	cr_expect_eq(system(command), 0);
}

/* ---- refusals ---- */

Test(compare, files_of_different_articles_are_refused)
{
	char dir[] = "/tmp/saywho-compare-refuse-XXXXXX";
	cr_assert(mkdtemp(dir));
	char from[256], a[300], other_text[300], other[300];
	snprintf(a, sizeof a, "%s/alice.saywho.yaml", dir);
	snprintf(from, sizeof from, "%s/compare.txt", dir);
	copy(FIXTURES "/alice.saywho.yaml", a);
	copy(FIXTURES "/compare.txt", from);
	snprintf(other_text, sizeof other_text, "%s/other.txt", dir);
	snprintf(other, sizeof other, "%s/other.saywho.yaml", dir);
	FILE *out = fopen(other_text, "w");
	fputs("Another article, said nobody.\n", out);
	fclose(out);
	out = fopen(other, "w");
	fputs("saywho: 1\ndocument:\n  path: other.txt\n  length: 30\nannotations: []\n", out);
	fclose(out);
	char *paths[2] = {a, other};
	Diagnostics diag = {0};
	cr_expect_null(compare_open(paths, 2, NULL, NULL, &diag));
	cr_assert_eq(diagnostics_error_count(&diag), 1);
	char line[512];
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strstr(line, "other.saywho.yaml") && strstr(line, "not the same document"), "%s", line);
	diagnostics_free(&diag);
	char *one[1] = {a};
	cr_expect_null(compare_open(one, 1, NULL, NULL, &diag));
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strstr(line, "2 to 9"), "%s", line);
	diagnostics_free(&diag);
	char command[200];
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	cr_expect_eq(system(command), 0);
}

Test(compare, the_output_cannot_be_an_annotators_file_or_in_a_missing_folder)
{
	CompareRun c;
	make_dir_with_fixtures(&c);
	char *paths[2] = {c.files[0], c.files[1]};
	Diagnostics diag = {0};
	cr_expect_null(compare_open(paths, 2, c.files[1], NULL, &diag));
	char line[1024];
	cr_assert_eq(diag.count, 1);
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strstr(line, "bob.saywho.yaml: is one of the files being compared"), "%s", line);
	diagnostics_clear(&diag);
	char missing[700];
	snprintf(missing, sizeof missing, "%s/no/such/gold.yaml", c.run.dir);
	cr_expect_null(compare_open(paths, 2, missing, NULL, &diag));
	cr_assert_eq(diag.count, 1);
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strstr(line, "does not exist"), "%s", line);
	diagnostics_free(&diag);
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", c.run.dir);
	cr_expect_eq(system(command), 0);
}

Test(compare, default_output_is_beside_the_first_file)
{
	char *path = compare_default_output("some/dir/alice.saywho.yaml", "article.txt");
	cr_expect_str_eq(path, "some/dir/article.adjudicated.yaml");
	free(path);
	path = compare_default_output("alice.yaml", NULL);
	cr_expect_str_eq(path, "alice.adjudicated.yaml");
	free(path);
}

/* ---- the model side: model/output/adjudicate_session.c ---- */

static AnnotationSet *load_fixture(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, FIXTURES "/%s", name);
	Diagnostics diag = {0};
	AnnotationSet *set = store_load(path, NULL, &diag);
	diagnostics_print(&diag, stderr);
	diagnostics_free(&diag);
	cr_assert(set, "cannot load %s", path);
	return set;
}

static size_t item_of(const Adjudication *adj, const char *id)
{
	for (size_t i = 0; i < adj->item_count; i++) {
		const Annotation *a = adjudication_version(adj, i, 0);
		if (a && strcmp(a->id, id) == 0)
			return i;
	}
	cr_assert_fail("no item %s", id);
	return 0;
}

Test(adjudicate_session, a_clashing_speaker_gets_its_own_entry_and_undo_removes_it)
{
	AnnotationSet *sets[2] = {load_fixture("alice.saywho.yaml"), load_fixture("bob.saywho.yaml")};
	/* bob's "mayor" is someone else than alice's: same id, another name */
	Speaker *mayor = annotation_set_find_speaker(sets[1], "mayor");
	free(mayor->name);
	mayor->name = xstrdup("Mayor Jane Doe");
	Diagnostics diag = {0};
	Adjudication *adj = adjudication_new((const AnnotationSet *const *)sets, 2, &diag);
	cr_assert(adj);
	char **ids = NULL;
	AnnotationSet *merged = adjudication_start_merged(adj, "judge", &ids, &diag);
	cr_assert(merged);
	cr_expect_str_eq(merged->annotator, "judge");
	size_t a1 = item_of(adj, "a1"), a2 = item_of(adj, "a2");
	cr_expect_null(ids[a2], "a2 is disagreed: not merged yet");
	cr_expect_null(ids[a1], "a1 is disagreed too now (whose mayor?)");
	cr_expect_not_null(ids[item_of(adj, "a5")], "a5 is agreed: merged from the start");
	HistoryStep step;
	char *new_id = NULL;
	/* alice's a1 first: "mayor" is "the mayor" in the merged set */
	cr_assert(adjudication_choose_version(adj, a1, 0, NULL));
	cr_assert(adjudication_merge_step(adj, a1, merged, ids[a1], "take alice's", &step, &new_id));
	cr_assert(history_apply_step(merged, &step));
	history_step_clear(&step);
	cr_expect_str_eq(new_id, "a1");
	cr_expect_str_eq(merged->annotations[annotation_set_annotation_index(merged, "a1")].speaker.ref, "mayor");
	free(new_id);
	size_t speakers = merged->speaker_count;

	cr_assert(adjudication_choose_version(adj, a2, 1, NULL));
	cr_assert(adjudication_merge_step(adj, a2, merged, ids[a2], "take bob's", &step, &new_id));
	cr_assert(history_apply_step(merged, &step));
	history_step_clear(&step);
	cr_expect_str_eq(new_id, "a2");
	size_t index = annotation_set_annotation_index(merged, "a2");
	cr_assert(index != (size_t)-1);
	const char *ref = merged->annotations[index].speaker.ref;
	cr_expect_str_neq(ref, "mayor", "the clash gets a new id");
	const Speaker *entry = annotation_set_find_speaker(merged, ref);
	cr_assert(entry);
	cr_expect_str_eq(entry->name, "Mayor Jane Doe");
	cr_expect_eq(merged->speaker_count, speakers + 1);
	/* in position order: a1 before a2 before a5 */
	cr_expect_str_eq(merged->annotations[0].id, "a1");
	cr_expect_str_eq(merged->annotations[1].id, "a2");

	/* choosing the same again changes nothing: no step */
	cr_expect_not(adjudication_merge_step(adj, a2, merged, new_id, "again", &step, &(char *){NULL}));
	cr_expect(history_undo(merged));
	cr_expect_eq(merged->speaker_count, speakers, "undo removes the added speaker");
	cr_expect_eq(annotation_set_annotation_index(merged, "a2"), (size_t)-1);

	adjudication_decision_step(merged, "decide", &step);
	cr_expect(history_apply_step(merged, &step), "a decision without a change is a step too");
	history_step_clear(&step);
	cr_expect(history_is_modified(merged));

	free(new_id);
	for (size_t i = 0; i < adj->item_count; i++)
		free(ids[i]);
	free(ids);
	annotation_set_free(merged);
	adjudication_free(adj);
	annotation_set_free(sets[0]);
	annotation_set_free(sets[1]);
	diagnostics_free(&diag);
}

/* ---- never losing adjudication work: the journal ---- */

static void remove_dir(CompareRun *c)
{
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", c->run.dir);
	if (system(command) != 0)
		fprintf(stderr, "could not remove %s\n", c->run.dir);
}

static const char *label_of(const AnnotationSet *set, const char *id)
{
	size_t index = annotation_set_annotation_index(set, id);
	return index == (size_t)-1 ? "(absent)" : set->annotations[index].label ? set->annotations[index].label : "(none)";
}

Test(compare_journal, a_lost_adjudication_is_recovered_with_its_decisions)
{
	CompareRun c;
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
	memset(&c, 0, sizeof c);
	make_dir_with_fixtures(&c);
	char state[700];
	snprintf(state, sizeof state, "%s/state", c.run.dir);
	setenv("XDG_STATE_HOME", state, 1);
	compare_open_files(&c, 3, NULL, 160, 50, true);
	/* a2: bob's label; a3: left out, then taken back and alice's taken; a4 kind edited after carol's */
	ui_keys(&c.run, "2 0 u 1 3 K \"mixed\" Enter");
	cr_assert_eq(left(), 0);
	char *before = ui_screen();
	cr_expect_str_eq(label_of(c.run.app->set, "a2"), "demand");
	compare_close(&c, false); /* killed: nothing saved, the journal stays */

	compare_open_files(&c, 3, NULL, 160, 50, true);
	cr_assert_eq(c.run.app->view.mode, MODE_CONFIRM, "recovery is offered");
	cr_expect(strstr(c.run.app->view.confirm_question, "6 unsaved changes"), "%s", c.run.app->view.confirm_question);
	cr_expect_str_eq(label_of(c.run.app->set, "a2"), "(absent)", "nothing applied before the answer");
	ui_keys(&c.run, "y");
	cr_expect(strstr(c.run.app->view.message, "recovered 6 changes"), "%s", c.run.app->view.message);
	cr_expect_eq(left(), 0, "the decisions came back with the merged set");
	cr_expect_str_eq(label_of(c.run.app->set, "a2"), "demand");
	size_t a4 = annotation_set_annotation_index(c.run.app->set, "a4");
	cr_assert(a4 != (size_t)-1);
	cr_expect_eq(c.run.app->set->annotations[a4].kind, KIND_MIXED, "the edit after the decision too");
	/* The same screen but for the message line. */
	char *after = ui_screen();
	char *cut_before = strrchr(before, '\n'), *cut_after = strrchr(after, '\n');
	*cut_before = *cut_after = '\0';
	cut_before = strrchr(before, '\n');
	cut_after = strrchr(after, '\n');
	if (cut_before && cut_after)
		*cut_before = *cut_after = '\0';
	cr_expect_str_eq(after, before);
	free(before);
	free(after);
	/* Undo takes back the edit, then a decision (the count says so), redo decides again. */
	ui_keys(&c.run, "u");
	cr_expect_eq(c.run.app->set->annotations[a4].kind, KIND_INDIRECT);
	cr_expect_eq(left(), 0);
	ui_keys(&c.run, "u");
	cr_expect_eq(left(), 1, "undo of a recovered decision reopens it");
	ui_keys(&c.run, "C-r C-r");
	cr_expect_eq(left(), 0);
	cr_expect_eq(c.run.app->set->annotations[a4].kind, KIND_MIXED);

	/* Saved, then more work, then killed: the whole session comes back (the merged set is rebuilt
	 * from the annotators' files), and the question counts what was not saved. */
	ui_keys(&c.run, "C-s");
	cr_expect(screen_has("saved"));
	ui_keys(&c.run, "k 0");
	cr_expect_eq(left(), 0);
	cr_expect_str_eq(label_of(c.run.app->set, "a3"), "(absent)");
	compare_close(&c, false);
	compare_open_files(&c, 3, NULL, 160, 50, true);
	cr_assert_eq(c.run.app->view.mode, MODE_CONFIRM);
	cr_expect(strstr(c.run.app->view.confirm_question, "1 unsaved change "), "%s", c.run.app->view.confirm_question);
	cr_expect(!strstr(c.run.app->view.confirm_question, "older version"), "%s", c.run.app->view.confirm_question);
	ui_keys(&c.run, "y");
	cr_expect_eq(left(), 0);
	cr_expect_str_eq(label_of(c.run.app->set, "a3"), "(absent)", "left out after the save");
	cr_expect_str_eq(label_of(c.run.app->set, "a2"), "demand", "decided before the save");
	ui_keys(&c.run, "u");
	cr_expect_eq(left(), 0, "undo of 'leave a3 out' gives back the version it replaced");
	cr_expect_neq(annotation_set_annotation_index(c.run.app->set, "a3"), (size_t)-1);
	ui_keys(&c.run, "C-s");
	compare_close(&c, true);
	char adjudicated[700];
	snprintf(adjudicated, sizeof adjudicated, "%s/compare.adjudicated.saywho-journal", c.run.dir);
	struct stat info;
	cr_expect_neq(stat(adjudicated, &info), 0, "saved and quit: no journal left");
	remove_dir(&c);
}

Test(compare_journal, declining_recovery_starts_from_the_annotators_files)
{
	CompareRun c;
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
	memset(&c, 0, sizeof c);
	make_dir_with_fixtures(&c);
	compare_open_files(&c, 3, NULL, 160, 50, true);
	ui_keys(&c.run, "2 1");
	compare_close(&c, false);
	compare_open_files(&c, 3, NULL, 160, 50, true);
	ui_keys(&c.run, "n");
	cr_expect_eq(left(), 3);
	cr_expect(strstr(c.run.app->view.message, "journal discarded"), "%s", c.run.app->view.message);
	compare_close(&c, true);
	remove_dir(&c);
}

/* A journal whose second decision no longer fits (here: tampered with) stops the recovery there;
 * an edit made afterwards stays an edit and is not taken for that decision. */
Test(compare_journal, a_record_that_does_not_fit_stops_the_recovery_cleanly)
{
	CompareRun c;
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
	memset(&c, 0, sizeof c);
	make_dir_with_fixtures(&c);
	compare_open_files(&c, 3, NULL, 160, 50, true);
	ui_keys(&c.run, "2 1");
	compare_close(&c, false);
	char path[700];
	snprintf(path, sizeof path, "%s/compare.adjudicated.saywho-journal", c.run.dir);
	FILE *in = fopen(path, "rb");
	cr_assert(in);
	static char text[1 << 16];
	size_t size = fread(text, 1, sizeof text - 1, in);
	text[size] = '\0';
	fclose(in);
	char *at = strstr(text, "\"target\":\"speaker\",\"index\":2");
	cr_assert(at, "the second decision adds alice's speaker: %s", text);
	at[strlen("\"target\":\"speaker\",\"index\":")] = '9';
	FILE *out = fopen(path, "wb");
	fwrite(text, 1, size, out);
	fclose(out);

	compare_open_files(&c, 3, NULL, 160, 50, true);
	ui_keys(&c.run, "y");
	cr_expect(strstr(c.run.app->view.message, "recovery stopped"), "%s", c.run.app->view.message);
	cr_expect_eq(left(), 2, "the first decision came back, not the second");
	ui_keys(&c.run, "g 2 K \"mixed\" Enter");
	cr_expect_eq(left(), 2, "an edit is no decision, even after a recovery that stopped");
	ui_keys(&c.run, "u");
	cr_expect_eq(left(), 2, "undoing the edit changes no decision");
	compare_close(&c, true);
	remove_dir(&c);
}
