/* The screen-test harness (see harness.h). */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/keymap.h"
#include "app/loop.h"
#include "app/workbench.h"
#include "tests/ui/harness.h"
#include "ui/screen_dump.h"
#include "ui/term.h"

static char *read_all(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	long size = ftell(in);
	fseek(in, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	size_t got = fread(text, 1, (size_t)size, in);
	text[got] = '\0';
	fclose(in);
	return text;
}

static void write_all(const char *path, const char *text)
{
	FILE *out = fopen(path, "wb");
	cr_assert(out, "cannot write %s", path);
	fputs(text, out);
	fclose(out);
}

static void copy_file(const char *from, const char *to)
{
	char *text = read_all(from);
	cr_assert(text, "missing fixture %s", from);
	write_all(to, text);
	free(text);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static FILE *null_in, *null_out;

void ui_open(UiRun *run, const char *fixture, int cols, int rows)
{
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
	memset(run, 0, sizeof *run);
	snprintf(run->dir, sizeof run->dir, "/tmp/saywho-ui-test-XXXXXX");
	cr_assert(mkdtemp(run->dir), "mkdtemp");
	snprintf(run->path, sizeof run->path, "%s/%s", run->dir, base_name(fixture));
	copy_file(fixture, run->path);
	const char *suffix = ".saywho.yaml";
	size_t length = strlen(fixture);
	if (length > strlen(suffix) && strcmp(fixture + length - strlen(suffix), suffix) == 0) {
		char article[512], copy[1024];
		snprintf(article, sizeof article, "%.*s.txt", (int)(length - strlen(suffix)), fixture);
		snprintf(copy, sizeof copy, "%s/%s", run->dir, base_name(article));
		copy_file(article, copy);
	}
	Diagnostics diag = {0};
	bool engine_ran = false;
	AnnotationSet *set = workbench_open_document(run->path, &engine_ran, &diag);
	if (!set)
		diagnostics_print(&diag, stderr);
	cr_assert(set, "cannot open %s", run->path);
	diagnostics_free(&diag);
	null_in = fopen("/dev/null", "r");
	null_out = fopen("/dev/null", "w");
	char error[256];
	Term *term = term_open(null_in, null_out, rows, cols, error, sizeof error);
	cr_assert(term, "term_open: %s", error);
	run->app = app_new(NULL);
	run->app->term = term;
	run->app->engine_ran = engine_ran;
	app_open_set(run->app, set);
	app_announce_engine(run->app);
	loop_draw(run->app, DIRTY_LAYOUT);
}

void ui_keys(UiRun *run, const char *script)
{
	int *keys = NULL;
	char error[256];
	long count = keymap_parse_script("keys", script, &keys, error, sizeof error);
	cr_assert(count >= 0, "%s", error);
	loop_replay(run->app, keys, (size_t)count);
	free(keys);
}

char *ui_screen(void)
{
	return screen_dump_string();
}

void ui_expect_screen(const char *name)
{
	char path[512], actual_path[512];
	snprintf(path, sizeof path, "tests/ui/expected/%s.txt", name);
	snprintf(actual_path, sizeof actual_path, "/tmp/saywho-ui-actual-%s.txt", name);
	char *actual = ui_screen();
	const char *update = getenv("SAYWHO_UPDATE_EXPECTED");
	if (update && *update == '1') {
		write_all(path, actual);
		free(actual);
		return;
	}
	char *expected = read_all(path);
	write_all(actual_path, actual);
	cr_assert(expected, "no expected screen %s (the actual one is in %s)", path, actual_path);
	cr_expect_str_eq(actual, expected, "screen %s differs: diff %s %s", name, path, actual_path);
	free(expected);
	free(actual);
}

const Annotation *ui_annotation(UiRun *run, const char *id)
{
	size_t index = annotation_set_annotation_index(run->app->set, id);
	cr_assert(index != (size_t)-1, "no annotation %s", id);
	return &run->app->set->annotations[index];
}

void ui_close(UiRun *run)
{
	Term *term = run->app->term;
	app_free(run->app);
	term_close(term);
	fclose(null_in);
	fclose(null_out);
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", run->dir);
	if (system(command) != 0)
		fprintf(stderr, "could not remove %s\n", run->dir);
}
