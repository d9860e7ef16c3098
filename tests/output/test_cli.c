/* The subcommands through the saywho program: exit statuses, --help, JSON on standard output,
 * messages on standard error, and `saywho eval --json` against score.py. Skipped (saying so)
 * when the program is not built. */
#include <criterion/criterion.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define EDGE_GOLD "tests/output/fixtures/edge.gold.yaml"
#define EDGE_PRED "tests/output/fixtures/edge.pred.yaml"

static const char *program(void)
{
	const char *bin = saywho_binary();
	if (!bin)
		cr_skip_test("the saywho program is not built (SAYWHO_BIN)");
	return bin;
}

/* Runs `SHELL_PREFIX saywho ARGS` in sh, returns the exit status; stdout and stderr into the
 * buffers (if given). */
static int run_after(const char *shell_prefix, const char *args, char **out, char **err)
{
	char *dir = make_temp_folder();
	char command[PATH_MAX * 2];
	snprintf(command, sizeof command, "%s %s %s >'%s/out' 2>'%s/err'", shell_prefix, program(), args,
		 dir, dir);
	int status = system(command);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/out", dir);
	char *o = read_file(path);
	snprintf(path, sizeof path, "%s/err", dir);
	char *e = read_file(path);
	if (out)
		*out = o;
	else
		free(o);
	if (err)
		*err = e;
	else
		free(e);
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	system(command);
	free(dir);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run(const char *args, char **out, char **err)
{
	return run_after("", args, out, err);
}

/* `saywho ARGS` exits with `status` and says `message` on standard error. */
static void expect_error(const char *args, int status, const char *message)
{
	char *err;
	cr_assert_eq(run(args, NULL, &err), status, "%s: %s", args, err);
	cr_assert(strstr(err, message), "%s: expected \"%s\", got %s", args, message, err);
	free(err);
}

Test(cli, help_of_every_subcommand)
{
	const char *names[] = {"eval", "export", "import", "stats", "agree"};
	for (size_t i = 0; i < 5; i++) {
		char args[64], *out;
		snprintf(args, sizeof args, "%s --help", names[i]);
		cr_assert_eq(run(args, &out, NULL), 0, "%s --help", names[i]);
		char usage[64];
		snprintf(usage, sizeof usage, "Usage: saywho %s", names[i]);
		cr_assert(strstr(out, usage), "%s --help says: %.80s", names[i], out);
		cr_assert(strstr(out, "Exit status"), "%s --help names the exit statuses", names[i]);
		free(out);
	}
}

Test(cli, usage_errors_exit_2)
{
	char *err;
	cr_assert_eq(run("eval " SEED_GOLD, NULL, &err), 2);
	cr_assert(strstr(err, "expected GOLD and PRED"), "%s", err);
	free(err);
	cr_assert_eq(run("export " SEED_GOLD, NULL, &err), 2);
	cr_assert(strstr(err, "--format is required"), "%s", err);
	free(err);
	cr_assert_eq(run("export --format xml " SEED_GOLD, NULL, NULL), 2);
	cr_assert_eq(run("export --format brat " SEED_GOLD, NULL, NULL), 2, "brat needs -o");
	cr_assert_eq(run("import --format conll x.ann", NULL, NULL), 2);
	cr_assert_eq(run("agree " SEED_GOLD, NULL, NULL), 2);
	cr_assert_eq(run("stats", NULL, NULL), 2);
	cr_assert_eq(run("stats --bogus " SEED_GOLD, NULL, NULL), 2);
}

Test(cli, missing_and_bad_files_exit_1_with_the_file_named)
{
	char *err;
	cr_assert_eq(run("eval " SEED_GOLD " tests/output/fixtures/none.yaml", NULL, &err), 1);
	cr_assert(strstr(err, "tests/output/fixtures/none.yaml"), "%s", err);
	free(err);
	cr_assert_eq(run("stats tests/output/fixtures/edge.txt", NULL, &err), 1);
	cr_assert(strstr(err, "tests/output/fixtures/edge.txt:"), "%s", err);
	free(err);
}

Test(cli, eval_json_matches_score_py)
{
	const char *pairs[][2] = {{SEED_GOLD, SEED_PRED}, {EDGE_GOLD, EDGE_PRED}, {EDGE_PRED, EDGE_GOLD}};
	char calls[3][PATH_MAX];
	for (size_t k = 0; k < 3; k++)
		snprintf(calls[k], sizeof calls[k], "score.py\t%s\t%s\t--json", pairs[k][0], pairs[k][1]);
	const char *const call_list[] = {calls[0], calls[1], calls[2]};
	json_t *python = python_scorers(call_list, 3);
	for (size_t k = 0; k < 3; k++) {
		char command[PATH_MAX * 2];
		json_t *theirs = json_incref(json_array_get(python, k));
		snprintf(command, sizeof command, "%s eval --json %s %s", program(), pairs[k][0], pairs[k][1]);
		json_t *report = run_json(command);
		cr_assert_not_null(theirs);
		cr_assert_not_null(report);
		json_t *ours = json_object_get(json_array_get(json_object_get(report, "documents"), 0), "scores");
		const char *keys[] = {"gold", "pred", "claim_overlap", "claim_exact", "attribution", "resolution", "label"};
		for (size_t i = 0; i < 7; i++)
			cr_expect(json_equal(json_object_get(ours, keys[i]), json_object_get(theirs, keys[i])),
				  "%s vs %s: %s differs", pairs[k][0], pairs[k][1], keys[i]);
		json_decref(theirs);
		json_decref(report);
	}
	json_decref(python);
}

Test(cli, eval_table_and_folders)
{
	char *out;
	cr_assert_eq(run("eval " SEED_GOLD " " SEED_PRED, &out, NULL), 0);
	cr_assert(strstr(out, "claim_overlap  P=0.952 R=0.870 F1=0.909"), "%s", out);
	cr_assert(strstr(out, "polnear all"), "%s", out);
	free(out);
	cr_assert_eq(run("eval --total " SEED_GOLD " " SEED_PRED, &out, NULL), 0);
	cr_assert(strncmp(out, "total over 1 document\n  claim_overlap  P=0.952", 46) == 0, "%s", out);
	free(out);
	/* folders paired by document: samples/ holds the gold; agree/ three predictions of it */
	char *err;
	cr_assert_eq(run("eval --json samples tests/output/fixtures/agree", &out, &err), 0);
	json_t *report = json_loads(out, 0, NULL);
	cr_assert_not_null(report);
	cr_assert_eq(json_number_at(report, "docs"), 1);
	json_t *document = json_array_get(json_object_get(report, "documents"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(document, "pred")), "tests/output/fixtures/agree/a.yaml");
	cr_assert(strstr(err, "agree/b.yaml: warning: another prediction for"), "%s", err);
	free(err);
	free(out);
	json_decref(report);
}

Test(cli, export_reports_pending_and_writes_json_lines)
{
	char *out, *err;
	cr_assert_eq(run("export --format jsonl " SEED_PRED, &out, &err), 0);
	cr_assert(strstr(err, "22 candidates not reviewed"), "%s", err);
	json_t *line = json_loads(out, 0, NULL);
	cr_assert_not_null(line, "not one JSON line: %.100s", out);
	cr_assert_eq(json_array_size(json_object_get(line, "spans")), 0);
	json_decref(line);
	free(out);
	free(err);
	cr_assert_eq(run("export --format conll --include-pending " SEED_PRED, &out, &err), 0);
	cr_assert(strstr(out, "B-CONTENT_CANDIDATE"));
	free(out);
	free(err);
}

Test(cli, brat_export_import_eval_round_trip)
{
	char *dir = make_temp_folder();
	char args[PATH_MAX * 2], *out;
	snprintf(args, sizeof args, "export --format brat -o %s/brat " SEED_GOLD, dir);
	cr_assert_eq(run(args, NULL, NULL), 0);
	snprintf(args, sizeof args, "import --format brat -o %s/back %s/brat", dir, dir);
	cr_assert_eq(run(args, NULL, NULL), 0);
	snprintf(args, sizeof args, "eval --json " SEED_GOLD " %s/back", dir);
	cr_assert_eq(run(args, &out, NULL), 0);
	json_t *report = json_loads(out, 0, NULL);
	cr_assert_eq(json_number_at(report, "total.claim_exact.f1"), 1);
	cr_assert_eq(json_number_at(report, "total.attribution.f1"), 1);
	cr_assert_eq(json_number_at(report, "total.label.accuracy"), 1);
	json_decref(report);
	free(out);
	snprintf(args, sizeof args, "rm -rf '%s'", dir);
	system(args);
	free(dir);
}

Test(cli, stats_and_agree_json)
{
	char *out;
	cr_assert_eq(run("stats --json tests/output/fixtures/agree", &out, NULL), 0);
	json_t *stats = json_loads(out, 0, NULL);
	cr_assert_eq(json_number_at(stats, "files"), 3);
	json_decref(stats);
	free(out);
	cr_assert_eq(run("agree --json tests/output/fixtures/agree/a.yaml tests/output/fixtures/agree/b.yaml", &out, NULL), 0);
	json_t *agree = json_loads(out, 0, NULL);
	cr_assert_eq(json_number_at(agree, "total.decisions.kappa"), 0.617);
	json_decref(agree);
	free(out);
	cr_assert_eq(run("agree tests/output/fixtures/agree/a.yaml tests/output/fixtures/agree/b.yaml", &out, NULL), 0);
	cr_assert(strstr(out, "decision   p5: ann-a=accept ann-b=reject"), "%s", out);
	free(out);
}

/* A folder with no annotation file is a wrong path, not an empty corpus: exit 1, named. */
Test(cli, empty_folder_is_an_error)
{
	char *dir = make_temp_folder();
	char args[PATH_MAX * 2];
	const char *commands[] = {"export --format jsonl %s", "stats %s", "agree %s " SEED_GOLD,
				  "eval %s " SEED_PRED, "eval " SEED_GOLD " %s", "import --format brat -o %s %s"};
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		snprintf(args, sizeof args, commands[i], dir, dir);
		char expected[PATH_MAX];
		snprintf(expected, sizeof expected, "%s: no .%s files", dir, i == 5 ? "ann" : "yaml");
		expect_error(args, 1, expected);
	}
	snprintf(args, sizeof args, "rm -rf '%s'", dir);
	system(args);
	free(dir);
}

static void write_text(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	cr_assert_not_null(out);
	fputs(text, out);
	fclose(out);
}

/* An export that cannot be written completely says so and leaves the earlier file as it was,
 * with no temporary file beside it; one whose inputs all fail does not empty it either. */
Test(cli, failed_export_keeps_the_earlier_file)
{
	char *dir = make_temp_folder();
	char target[PATH_MAX], args[PATH_MAX * 2], *err;
	snprintf(target, sizeof target, "%s/train.jsonl", dir);
	write_text(target, "earlier\n");
	/* a file size limit of one block: the write fails with EFBIG (the signal ignored) */
	snprintf(args, sizeof args, "export --format jsonl -o %s " SEED_GOLD, target);
	cr_assert_eq(run_after("trap '' XFSZ; ulimit -f 1;", args, NULL, &err), 1);
	cr_assert(strstr(err, "train.jsonl: cannot write: File too large"), "%s", err);
	free(err);
	char *kept = read_file(target);
	cr_assert_str_eq(kept, "earlier\n");
	free(kept);
	snprintf(args, sizeof args, "export --format jsonl -o %s tests/output/fixtures/none.yaml", target);
	cr_assert_eq(run(args, NULL, NULL), 1);
	kept = read_file(target);
	cr_assert_str_eq(kept, "earlier\n");
	free(kept);
	snprintf(args, sizeof args, "ls -A '%s' | wc -l | grep -qx 1", dir);
	cr_assert_eq(system(args), 0, "a temporary file was left in %s", dir);
	/* and a complete one replaces it */
	snprintf(args, sizeof args, "export --format jsonl -o %s " SEED_GOLD, target);
	cr_assert_eq(run(args, NULL, NULL), 0);
	kept = read_file(target);
	cr_assert(strncmp(kept, "{\"text\":", 8) == 0, "%.40s", kept);
	free(kept);
	snprintf(args, sizeof args, "rm -rf '%s'", dir);
	system(args);
	free(dir);
}

Test(cli, full_disk_and_wrong_targets_are_named)
{
	expect_error("export --format jsonl -o /dev/full " SEED_GOLD, 1, "/dev/full: cannot write: No space left on device");
	expect_error("export --format conll -o /dev/full " SEED_GOLD, 1, "/dev/full: cannot write: No space left on device");
	expect_error("export --format brat -o " SEED_GOLD " " SEED_GOLD, 1,
		     SEED_GOLD ": cannot write into it: not a folder\nexported 0 documents");
}

Test(cli, conflicting_and_unknown_options_are_usage_errors)
{
	expect_error("export --format jsonl --format conll " SEED_GOLD, 2, "--format jsonl and --format conll: choose one");
	expect_error("export --format conll --layout polnear " SEED_GOLD, 2, "--layout is for --format brat only");
	/* one message in the program's own words (getopt's "export: unrecognized option" is off) */
	char *err;
	cr_assert_eq(run("export --format jsonl --bogus " SEED_GOLD, NULL, &err), 2);
	cr_assert(strncmp(err, "saywho export: unknown option '--bogus'\n", 40) == 0, "%s", err);
	free(err);
	cr_assert_eq(run("eval -x " SEED_GOLD " " SEED_GOLD, NULL, &err), 2);
	cr_assert(strncmp(err, "saywho eval: unknown option '-x'\n", 33) == 0, "%s", err);
	free(err);
	expect_error("export --format jsonl -o", 2, "saywho export: option '-o' needs an argument");
	/* an option that would change nothing is not silently ignored */
	expect_error("eval --all-annotators " SEED_GOLD " " SEED_PRED, 2, "--all-annotators is for a PolNeAR split");
}

/* Annotators of different articles: nothing to compare is not perfect agreement (it printed
 * "F1=1.000" over 0 documents and exited 0). */
Test(cli, agree_without_a_shared_document_is_an_error)
{
	expect_error("agree " SEED_GOLD " tests/output/fixtures/cjk.yaml", 1,
		     "saywho agree: no document is annotated by two of the annotators");
}

/* -o names a folder that is "created" (--help): the folders above it too, as mkdir -p. */
Test(cli, output_folders_are_made_with_their_parents)
{
	char *dir = make_temp_folder();
	char args[PATH_MAX * 2], path[PATH_MAX];
	snprintf(args, sizeof args, "export --format brat -o %s/a/b " SEED_GOLD, dir);
	cr_assert_eq(run(args, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/a/b/000_f5134cf206b5ca94.ann", dir);
	cr_assert_eq(access(path, R_OK), 0, "%s", path);
	snprintf(args, sizeof args, "import --format brat -o %s/c/d %s/a/b", dir, dir);
	cr_assert_eq(run(args, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/c/d/000_f5134cf206b5ca94.yaml", dir);
	cr_assert_eq(access(path, R_OK), 0, "%s", path);
	snprintf(args, sizeof args, "rm -rf '%s'", dir);
	system(args);
	free(dir);
}

/* The disagreement list is one line per disagreement: claims that start with blank lines or
 * hold newlines are previewed on one line, cut on a character boundary. */
Test(cli, agree_lists_each_disagreement_on_one_line)
{
	char *out = NULL;
	cr_assert_eq(run("agree tests/output/fixtures/agree/a.yaml tests/output/fixtures/agree/b.yaml", &out, NULL), 0);
	cr_assert(strstr(out, "p90 [1841,1900) \"In February this year alone"), "%s", out);
	cr_assert(strstr(out, "“Chinese State-backed actors” to carry ou…\""), "%s", out);
	free(out);
}
