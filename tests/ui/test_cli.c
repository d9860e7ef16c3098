/* The workbench from the command line: errors before the screen starts, key replays. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *program(void)
{
	const char *path = getenv("SAYWHO_BIN");
	cr_assert(path && *path, "SAYWHO_BIN is not set");
	return path;
}

/* Runs a shell command; returns its exit status and what it wrote (stdout and stderr). */
static int run(const char *command, char **output)
{
	FILE *pipe = popen(command, "r");
	cr_assert(pipe);
	size_t size = 0, capacity = 1 << 16;
	*output = malloc(capacity);
	size_t got;
	while ((got = fread(*output + size, 1, capacity - size - 1, pipe)) > 0)
		size += got;
	(*output)[size] = '\0';
	int status = pclose(pipe);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(cli, a_broken_file_is_reported_before_the_screen_and_exits_1)
{
	char dir[] = "/tmp/saywho-cli-XXXXXX";
	cr_assert(mkdtemp(dir));
	char path[128], command[512];
	snprintf(path, sizeof path, "%s/broken.saywho.yaml", dir);
	FILE *out = fopen(path, "w");
	fputs("saywho: 1\ndocument:\n  text: hello\n  length: 5\nannotations:\n- id: a1\n  status: maybe\n"
	      "  claim: {start: 0, end: 5, text: hello}\n", out);
	fclose(out);
	snprintf(command, sizeof command, "%s %s 2>&1 </dev/null", program(), path);
	char *output;
	int status = run(command, &output);
	cr_expect_eq(status, 1, "%s", output);
	char expected[256];
	snprintf(expected, sizeof expected, "%s:7:", path);
	cr_expect(strstr(output, expected), "file:line:col expected, got: %s", output);
	cr_expect(!strstr(output, "\x1b["), "no terminal control sequences");
	free(output);
	remove(path);
	rmdir(dir);
}

Test(cli, no_terminal_no_replay)
{
	char command[512], *output;
	snprintf(command, sizeof command, "%s tests/ui/fixtures/wide.saywho.yaml 2>&1 </dev/null | cat", program());
	run(command, &output);
	cr_expect(strstr(output, "the workbench needs a terminal"), "%s", output);
	free(output);
}

Test(cli, replay_prints_the_screen)
{
	char dir[] = "/tmp/saywho-cli-XXXXXX";
	cr_assert(mkdtemp(dir));
	char command[1024], *output;
	snprintf(command, sizeof command,
		 "cp tests/ui/fixtures/wide.txt tests/ui/fixtures/wide.saywho.yaml %s/ && printf 'j a' > %s/keys && "
		 "XDG_STATE_HOME=%s/state XDG_CONFIG_HOME=%s/config %s --replay %s/keys --size 80x24 --dump-screen %s/wide.saywho.yaml 2>&1; "
		 "rm -rf %s", dir, dir, dir, dir, program(), dir, dir, dir);
	int status = run(command, &output);
	cr_expect_eq(status, 0, "%s", output);
	cr_expect(strstr(output, "wide.saywho.yaml [+] | 1/3 reviewed"), "%s", output);
	cr_expect(strstr(output, "accepted a2"), "%s", output);
	free(output);
}

Test(cli, usage_errors_exit_2)
{
	char command[512], *output;
	snprintf(command, sizeof command, "%s --size 12 x.yaml 2>&1", program());
	cr_expect_eq(run(command, &output), 2, "%s", output);
	free(output);
	snprintf(command, sizeof command, "%s review --compare a.yaml 2>&1", program());
	int status = run(command, &output);
	cr_expect(status == 1 || status == 2, "%s", output);
	free(output);
}

/* review --help has what every subcommand's --help has: -h and the exit statuses. */
Test(cli, review_help_lists_h_and_the_exit_status)
{
	static const char *const forms[] = {"review --help", "review -h", "--help"};
	for (size_t i = 0; i < 3; i++) {
		char command[512], *output;
		snprintf(command, sizeof command, "%s %s 2>&1 </dev/null", program(), forms[i]);
		cr_expect_eq(run(command, &output), 0, "%s", forms[i]);
		cr_expect(strstr(output, "  -h, --help"), "%s: %s", forms[i], output);
		cr_expect(strstr(output, "\nExit status: 0 "), "%s: %s", forms[i], output);
		cr_expect(strstr(output, "--compare"), "%s", forms[i]);
		free(output);
	}
}

/* An empty folder is one clear line and status 1; no file at all says what to give. */
Test(cli, an_empty_folder_and_no_file_say_what_is_wrong_once)
{
	char dir[] = "/tmp/saywho-cli-empty-XXXXXX";
	cr_assert(mkdtemp(dir));
	char command[512], *output;
	snprintf(command, sizeof command, "%s %s 2>&1 </dev/null", program(), dir);
	cr_expect_eq(run(command, &output), 1);
	char expected[128];
	snprintf(expected, sizeof expected, "%s: no *.txt article in this folder\n", dir);
	cr_expect_str_eq(output, expected);
	free(output);
	rmdir(dir);
	snprintf(command, sizeof command, "%s 2>&1 </dev/null", program());
	cr_expect_eq(run(command, &output), 2);
	cr_expect(strstr(output, "no file to open: give an article (.txt)"), "%s", output);
	free(output);
}

/* Problems of the configuration are printed before the screen starts and named on it too (the
 * screen hides what was printed before it). */
Test(cli, configuration_problems_are_named_on_the_screen)
{
	char dir[] = "/tmp/saywho-cli-config-XXXXXX";
	cr_assert(mkdtemp(dir));
	char path[256], command[1024], *output;
	snprintf(path, sizeof path, "%s/saywho", dir);
	cr_assert(mkdir(path, 0755) == 0);
	snprintf(path, sizeof path, "%s/saywho/config.yaml", dir);
	FILE *out = fopen(path, "w");
	fputs("keys:\n  main:\n    j: nosuch\nmouse: maybe\n", out);
	fclose(out);
	snprintf(path, sizeof path, "%s/keys", dir);
	out = fopen(path, "w");
	fclose(out);
	snprintf(command, sizeof command,
		 "XDG_CONFIG_HOME=%s %s --replay %s --size 80x24 --dump-screen tests/ui/fixtures/wide.saywho.yaml 2>/dev/null",
		 dir, program(), path);
	cr_expect_eq(run(command, &output), 0);
	cr_expect(strstr(output, "config.yaml has 2 problems (defaults used; saywho --print-config lists them):"),
		  "%s", output);
	cr_expect(strstr(output, "3:8: unknown command 'nosuch'"), "%s", output);
	free(output);
	snprintf(command, sizeof command, "rm -r '%s'", dir);
	cr_assert(system(command) == 0);
}
