/* The document queue and the state folder (app/queue.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/queue.h"
#include "model/history.h"
#include "model/store.h"

static char root[64];

static void write_file(const char *folder, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", folder, name);
	FILE *file = fopen(path, "w");
	cr_assert(file, "cannot write %s", path);
	fputs(text, file);
	fclose(file);
}

static char *read_text(const char *path)
{
	FILE *file = fopen(path, "rb");
	cr_assert(file);
	static char buffer[1 << 16];
	size_t n = fread(buffer, 1, sizeof buffer - 1, file);
	buffer[n] = '\0';
	fclose(file);
	return buffer;
}

/* Every test: a fresh folder for documents and a fresh state folder. */
static void setup(void)
{
	snprintf(root, sizeof root, "/tmp/saywho-queue-XXXXXX");
	cr_assert(mkdtemp(root));
	char path[128];
	snprintf(path, sizeof path, "%s/state", root);
	setenv("XDG_STATE_HOME", path, 1);
	snprintf(path, sizeof path, "%s/docs", root);
	mkdir(path, 0755);
}

static void teardown(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", root);
	cr_assert(system(command) == 0);
}

TestSuite(queue, .init = setup, .fini = teardown);

static const char three_annotations[] =
	"saywho: 1\n"
	"document: {path: b.txt, length: 3}\n"
	"annotations:\n"
	"- id: a1\n"
	"  status: accepted\n"
	"  claim: {start: 0, end: 1, text: x}\n"
	"  original:\n"
	"    speaker: null\n"
	"- id: a2\n"
	"  status: candidate\n"
	"  note: |\n"
	"    status: accepted\n"
	"  claim: {start: 1, end: 2, text: y}\n"
	"- claim: {start: 2, end: 3, text: z}\n"
	"  status: \"rejected\"\n"
	"  id: a3\n"
	"optional:\n"
	"- id: o1\n"
	"  status: accepted\n"
	"  claim: {start: 0, end: 1, text: x}\n";

Test(queue, wants_a_queue_for_a_folder_or_several_files)
{
	char docs[128];
	snprintf(docs, sizeof docs, "%s/docs", root);
	char *folder[] = { docs }, *one[] = { "a.txt" }, *two[] = { "a.txt", "b.txt" };
	cr_expect(queue_wants(folder, 1));
	cr_expect(!queue_wants(one, 1));
	cr_expect(queue_wants(two, 2));
}

Test(queue, block_scan_counts_annotations_and_reviewed)
{
	char docs[128], path[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "b.saywho.yaml", three_annotations);
	snprintf(path, sizeof path, "%s/b.saywho.yaml", docs);
	size_t annotations, reviewed;
	cr_assert(queue_scan_counts(path, &annotations, &reviewed));
	/* optional: is not counted; the note's "status:" line is not a status. */
	cr_expect_eq(annotations, 3);
	cr_expect_eq(reviewed, 2);
}

Test(queue, flow_style_goes_through_the_yaml_parser)
{
	char docs[128], path[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "f.saywho.yaml",
		   "saywho: 1\ndocument: {path: f.txt, length: 3}\n"
		   "annotations: [{id: a1, status: accepted, claim: {start: 0, end: 1}},\n"
		   "  {id: a2, status: candidate, claim: {start: 1, end: 2}, original: {status: x}},\n"
		   "  {id: a3, status: added, claim: {start: 2, end: 3}}]\n");
	snprintf(path, sizeof path, "%s/f.saywho.yaml", docs);
	size_t annotations, reviewed;
	cr_assert(queue_scan_counts(path, &annotations, &reviewed));
	cr_expect_eq(annotations, 3);
	cr_expect_eq(reviewed, 2);
}

Test(queue, empty_list_and_gold_sample)
{
	char docs[128], path[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "e.saywho.yaml", "saywho: 1\ndocument: {path: e.txt, length: 0}\nannotations: []\n");
	snprintf(path, sizeof path, "%s/e.saywho.yaml", docs);
	size_t annotations = 9, reviewed = 9;
	cr_assert(queue_scan_counts(path, &annotations, &reviewed));
	cr_expect_eq(annotations, 0);
	cr_expect_eq(reviewed, 0);
	/* The gold sample: 23 annotations, all reviewed (its optional ones are not counted). */
	cr_assert(queue_scan_counts("samples/china-cyberattack-accusations.gold.yaml", &annotations, &reviewed));
	cr_expect_eq(annotations, 23);
	cr_expect_eq(reviewed, 23);
	cr_expect(!queue_scan_counts("no/such/file.yaml", &annotations, &reviewed));
}

Test(queue, folder_lists_articles_in_order_with_their_files)
{
	char docs[128];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "c.txt", "ccc");
	write_file(docs, "a.txt", "aaa");
	write_file(docs, "b.txt", "bbb");
	write_file(docs, ".hidden.txt", "x");
	write_file(docs, "notes.md", "x");
	write_file(docs, "b.saywho.yaml", three_annotations);
	char *paths[] = { docs };
	Diagnostics diag = { 0 };
	Queue *queue = queue_open(paths, 1, &diag);
	cr_assert(queue);
	cr_assert_eq(queue_count(queue), 3);
	cr_expect_str_eq(queue_entry(queue, 0)->name, "a.txt");
	cr_expect_str_eq(queue_entry(queue, 1)->name, "b.txt");
	cr_expect_str_eq(queue_entry(queue, 2)->name, "c.txt");
	char expected[256];
	snprintf(expected, sizeof expected, "%s/b.saywho.yaml", docs);
	cr_expect_str_eq(queue_entry(queue, 1)->annotation_path, expected);
	QueueProgress progress;
	queue_progress(queue, &progress);
	cr_expect_eq(progress.documents, 3);
	cr_expect_eq(progress.documents_started, 1);
	cr_expect_eq(progress.documents_done, 0);
	cr_expect_eq(progress.annotations, 3);
	cr_expect_eq(progress.reviewed, 2);
	char line[128];
	queue_describe(queue, line, sizeof line);
	cr_expect_str_eq(line, "doc 1/3 · 0 done · 2/3 reviewed");
	cr_expect(!queue_move(queue, -1));
	cr_expect(queue_move(queue, +1));
	cr_expect(queue_move(queue, +1));
	cr_expect(!queue_move(queue, +1));
	cr_expect_eq(queue_current(queue), 2);
	queue_free(queue);
	diagnostics_free(&diag);
}

/* The totals the status line shows after every key are kept as documents are saved, not added
 * up again: a save changes them by that document's counts. */
Test(queue, a_save_updates_the_progress)
{
	char docs[128], yaml[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "a.txt", "xyz");
	write_file(docs, "b.txt", "xyz");
	write_file(docs, "b.saywho.yaml", three_annotations);
	char *paths[] = { docs };
	Queue *queue = queue_open(paths, 1, NULL);
	cr_assert(queue);
	QueueProgress progress;
	queue_progress(queue, &progress);
	cr_expect_eq(progress.documents_started, 1);
	cr_expect_eq(progress.annotations, 3);
	cr_expect_eq(progress.reviewed, 2);

	snprintf(yaml, sizeof yaml, "%s/b.saywho.yaml", docs);
	Diagnostics diag = { 0 };
	AnnotationSet *set = store_load(yaml, NULL, &diag);
	cr_assert(set, "b.saywho.yaml loads");
	cr_assert_eq(queue_current(queue), 0);
	queue_document_saved(queue, set); /* a.txt saved with b's three annotations */
	queue_progress(queue, &progress);
	cr_expect_eq(progress.documents_started, 2);
	cr_expect_eq(progress.annotations, 6);
	cr_expect_eq(progress.reviewed, 4);
	cr_expect_eq(progress.documents_done, 0);

	const char *why = NULL;
	cr_assert(annotation_set_accept(set, 1, &why), "%s", why ? why : "");
	queue_document_saved(queue, set); /* saved again, all reviewed: replaces its first counts */
	queue_progress(queue, &progress);
	cr_expect_eq(progress.documents_started, 2);
	cr_expect_eq(progress.annotations, 6);
	cr_expect_eq(progress.reviewed, 5);
	cr_expect_eq(progress.documents_done, 1);
	char line[128];
	queue_describe(queue, line, sizeof line);
	cr_expect_str_eq(line, "doc 1/2 · 1 done · 5/6 reviewed");
	annotation_set_free(set);
	diagnostics_free(&diag);
	queue_free(queue);
}

Test(queue, progress_comes_from_the_cache_until_a_file_changes)
{
	char docs[128], state[256], yaml[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "b.txt", "bbb");
	write_file(docs, "b.saywho.yaml", three_annotations);
	char *paths[] = { docs };
	Queue *queue = queue_open(paths, 1, NULL);
	QueueProgress progress;
	queue_progress(queue, &progress);
	queue_free(queue);
	snprintf(state, sizeof state, "%s/state/saywho/summaries.tsv", root);
	char *cache = read_text(state);
	cr_expect(strstr(cache, "\t3\t2\t"), "cache: %s", cache);
	cr_expect(strstr(cache, "/docs/b.saywho.yaml\n"), "cache: %s", cache);

	/* A cached count is believed while size and time match: prove it by editing the cache. */
	char *tab = strstr(cache, "\t3\t2\t");
	tab[3] = '1';
	FILE *out = fopen(state, "w");
	fputs(cache, out);
	fclose(out);
	queue = queue_open(paths, 1, NULL);
	queue_progress(queue, &progress);
	cr_expect_eq(progress.reviewed, 1);
	queue_free(queue);

	/* The file changes (size differs): scanned again. */
	snprintf(yaml, sizeof yaml, "%s/b.saywho.yaml", docs);
	out = fopen(yaml, "a");
	fputs("# reviewed later\n", out);
	fclose(out);
	queue = queue_open(paths, 1, NULL);
	queue_progress(queue, &progress);
	cr_expect_eq(progress.reviewed, 2);
	queue_free(queue);
}

Test(queue, a_folder_reopens_at_the_last_document)
{
	char docs[128];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "a.txt", "a");
	write_file(docs, "b.txt", "b");
	write_file(docs, "c.txt", "c");
	char *paths[] = { docs };
	Queue *queue = queue_open(paths, 1, NULL);
	cr_expect_eq(queue_current(queue), 0);
	queue_move(queue, 2);
	queue_free(queue);
	queue = queue_open(paths, 1, NULL);
	cr_expect_eq(queue_current(queue), 2);
	cr_expect_str_eq(queue_entry(queue, queue_current(queue))->name, "c.txt");
	queue_free(queue);
}

Test(queue, files_are_taken_in_the_order_given)
{
	char a[256], y[256];
	snprintf(a, sizeof a, "%s/docs/z.txt", root);
	snprintf(y, sizeof y, "%s/docs/g.gold.yaml", root);
	write_file(root, "docs/z.txt", "z");
	write_file(root, "docs/g.gold.yaml", three_annotations);
	char *paths[] = { a, y };
	Queue *queue = queue_open(paths, 2, NULL);
	cr_assert(queue);
	cr_assert_eq(queue_count(queue), 2);
	cr_expect(strstr(queue_entry(queue, 0)->annotation_path, "/docs/z.saywho.yaml"));
	cr_expect_str_eq(queue_entry(queue, 1)->annotation_path, y);
	queue_free(queue);
}

Test(queue, missing_paths_and_empty_folders_are_errors)
{
	char *missing[] = { "/nonexistent/folder/x.txt" };
	Diagnostics diag = { 0 };
	cr_expect_null(queue_open(missing, 1, &diag));
	cr_assert_eq(diag.count, 1);
	char text[256];
	diagnostic_format(&diag.items[0], text, sizeof text);
	cr_expect(strstr(text, "/nonexistent/folder/x.txt: cannot open"), "%s", text);
	diagnostics_free(&diag);

	char docs[128];
	snprintf(docs, sizeof docs, "%s/docs", root);
	char *empty[] = { docs };
	cr_expect_null(queue_open(empty, 1, &diag));
	cr_expect(diag.count >= 1);
	diagnostics_free(&diag);
}

Test(queue, positions_are_kept_in_the_state_folder_not_the_file)
{
	char docs[128], yaml[256];
	snprintf(docs, sizeof docs, "%s/docs", root);
	write_file(docs, "b.saywho.yaml", three_annotations);
	snprintf(yaml, sizeof yaml, "%s/b.saywho.yaml", docs);
	DocumentPosition position = { .selected_id = "a2", .top_codepoint = 1234 };
	cr_assert(state_position_save(yaml, &position));
	DocumentPosition loaded;
	/* Found through a relative path too: the key is the absolute path. */
	cr_assert(chdir(docs) == 0);
	cr_assert(state_position_load("b.saywho.yaml", &loaded));
	cr_expect_str_eq(loaded.selected_id, "a2");
	cr_expect_eq(loaded.top_codepoint, 1234);
	document_position_clear(&loaded);
	/* Updated, not duplicated. */
	position.selected_id = NULL;
	position.top_codepoint = 7;
	cr_assert(state_position_save(yaml, &position));
	cr_assert(state_position_load(yaml, &loaded));
	cr_expect_null(loaded.selected_id);
	cr_expect_eq(loaded.top_codepoint, 7);
	cr_expect_str_eq(read_text(yaml), three_annotations);
	char state[256];
	snprintf(state, sizeof state, "%s/state/saywho/positions.tsv", root);
	const char *text = read_text(state);
	const char *first = strstr(text, "b.saywho.yaml");
	cr_expect(first && !strstr(first + 1, "b.saywho.yaml"), "one line: %s", text);
	cr_expect(!state_position_load("other.saywho.yaml", &loaded));
}

Test(queue, state_folder_follows_xdg_then_home)
{
	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *folder = state_folder();
	cr_expect_str_eq(folder, "/x/state/saywho");
	free(folder);
	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/analyst", 1);
	folder = state_folder();
	cr_expect_str_eq(folder, "/home/analyst/.local/state/saywho");
	free(folder);
}
