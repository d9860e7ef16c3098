/* `saywho check` end to end: the built binary (SAYWHO_BIN) on the store's fixtures. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs `saywho check ARGS` with stdout and stderr apart; returns the exit status. */
static int run_check(const char *args, char **out, char **err)
{
	char command[2048];
	snprintf(command, sizeof command, "%s check %s 2>/tmp/saywho-check-err.%d", SAYWHO_BIN, args,
		 (int)getpid());
	FILE *pipe = popen(command, "r");
	cr_assert_not_null(pipe);
	size_t size = 0;
	FILE *collect = open_memstream(out, &size);
	int c;
	while ((c = getc(pipe)) != EOF)
		putc(c, collect);
	fclose(collect);
	int status = pclose(pipe);

	char err_path[64];
	snprintf(err_path, sizeof err_path, "/tmp/saywho-check-err.%d", (int)getpid());
	FILE *in = fopen(err_path, "r");
	size = 0;
	collect = open_memstream(err, &size);
	while (in && (c = getc(in)) != EOF)
		putc(c, collect);
	fclose(collect);
	if (in)
		fclose(in);
	remove(err_path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(check_cmd, valid_files)
{
	char *out, *err;
	int status = run_check("samples/china-cyberattack-accusations.gold.yaml "
			       "tests/fixtures/store/full.yaml tests/fixtures/store/inline.yaml",
			       &out, &err);
	cr_expect_eq(status, 0, "%s%s", out, err);
	cr_expect_str_eq(out, "3 files checked: 3 valid\n");
	cr_expect_str_eq(err, "");
	free(out);
	free(err);
}

Test(check_cmd, every_problem_in_file_order_then_a_summary)
{
	char *out, *err;
	int status = run_check("tests/fixtures/store/bad.yaml tests/fixtures/store/full.yaml", &out,
			       &err);
	cr_expect_eq(status, 1);
	cr_expect_str_eq(
		out,
		"tests/fixtures/store/bad.yaml:2:37: document.length is 28 but the article has 29 code points\n"
		"tests/fixtures/store/bad.yaml:4:29: unknown speaker type 'human' (one of: person, organization, government, media, document, other)\n"
		"tests/fixtures/store/bad.yaml:7:13: unknown status 'fine' (one of: candidate, accepted, rejected, corrected, added)\n"
		"tests/fixtures/store/bad.yaml:8:37: claim.text does not match the article, which has \"Yes,\" at 1..5\n"
		"tests/fixtures/store/bad.yaml:8:52: claim.parts[0] (1..9) is outside claim (1..5)\n"
		"tests/fixtures/store/bad.yaml:9:12: label 'other' is not in labels\n"
		"tests/fixtures/store/bad.yaml:10:11: warning: note is null: read as absent, and not written back\n"
		"2 files checked: 1 valid, 1 with 6 problems, 1 warning\n");
	free(out);
	free(err);
}

Test(check_cmd, unreadable_file)
{
	char *out, *err;
	int status = run_check("tests/fixtures/store/absent.yaml", &out, &err);
	cr_expect_eq(status, 1);
	cr_expect_str_eq(out, "tests/fixtures/store/absent.yaml: cannot read: No such file or directory\n"
			      "1 file checked: 0 valid, 1 with 1 problem\n");
	free(out);
	free(err);
}

Test(check_cmd, usage_errors_and_help)
{
	char *out, *err;
	cr_expect_eq(run_check("", &out, &err), 2);
	cr_expect(strstr(err, "saywho check: expected one or more FILE.yaml"), "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run_check("--frobnicate x.yaml", &out, &err), 2);
	cr_expect(strstr(err, "unknown option '--frobnicate'"), "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run_check("--help", &out, &err), 0);
	cr_expect(strstr(out, "Usage: saywho check [OPTION]... FILE.yaml..."), "%s", out);
	free(out);
	free(err);
}

Test(check_cmd, shared_gold_when_present)
{
	FILE *gold = fopen("../shared/gold/000_f5134cf206b5ca94.gold.yaml", "r");
	if (!gold)
		cr_skip_test("../shared is absent");
	fclose(gold);
	char *out, *err;
	int status = run_check("../shared/gold/000_f5134cf206b5ca94.gold.yaml", &out, &err);
	cr_expect_eq(status, 0, "%s", out);
	cr_expect_str_eq(out, "1 file checked: 1 valid\n");
	free(out);
	free(err);
}
