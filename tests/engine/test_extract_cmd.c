/* End-to-end tests of `saywho extract`: the built binary (SAYWHO_BIN) run on articles written
 * into a fresh temporary folder, with the small engines of tests/engine/engines/. */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static char folder[64];

static void make_folder(void)
{
	snprintf(folder, sizeof folder, "/tmp/saywho-extract-test-XXXXXX");
	cr_assert_not_null(mkdtemp(folder));
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
	(void)info;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* What the tests read, freed when the test ends (so that a leak checker sees only saywho's). */
static void *allocations[512];
static size_t allocation_count;

static void *remember(void *pointer)
{
	if (allocation_count < sizeof allocations / sizeof allocations[0])
		allocations[allocation_count++] = pointer;
	return pointer;
}

static void remove_folder(void)
{
	nftw(folder, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	while (allocation_count > 0)
		free(allocations[--allocation_count]);
}

TestSuite(extract_cmd, .init = make_folder, .fini = remove_folder, .timeout = 60);

/* A path inside the test's folder (static buffers, a few at a time). */
static const char *in_folder(const char *name)
{
	static char paths[8][512];
	static int next;
	char *path = paths[next++ % 8];
	snprintf(path, sizeof paths[0], "%s/%s", folder, name);
	return path;
}

static void write_file(const char *path, const char *bytes, size_t size)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(bytes, 1, size, f), size);
	fclose(f);
}

static void write_text(const char *path, const char *text)
{
	write_file(path, text, strlen(text));
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *bytes = remember(malloc((size_t)size + 1));
	size_t got = fread(bytes, 1, (size_t)size, f);
	bytes[got] = '\0';
	fclose(f);
	return bytes;
}

static size_t count_of(const char *haystack, const char *needle)
{
	size_t count = 0;
	for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
		count++;
	return count;
}

typedef struct Result {
	int status; /* exit status, or 128 + signal */
	char *out, *err;
	double seconds;
} Result;

/* Runs saywho with `args` (NULL-terminated), `input` on standard input (NULL: empty). */
static Result run_saywho(const char *input, const char *const *args)
{
	const char *in_path = in_folder(".stdin"), *out_path = in_folder(".stdout"),
		   *err_path = in_folder(".stderr");
	write_text(in_path, input ? input : "");
	const char *argv[32] = { SAYWHO_BIN };
	size_t argc = 1;
	for (; args[argc - 1]; argc++) {
		cr_assert_lt(argc, 31);
		argv[argc] = args[argc - 1];
	}
	argv[argc] = NULL;
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, in_path, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&actions, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid;
	cr_assert_eq(posix_spawn(&pid, SAYWHO_BIN, &actions, NULL, (char **)argv, environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &end);
	Result result = {
		.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		.out = read_file(out_path),
		.err = read_file(err_path),
		.seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
	};
	return result;
}

#define RUN(input, ...) run_saywho(input, (const char *const[]){ __VA_ARGS__, NULL })

/* `sh /abs/path/tests/engine/engines/NAME`: the engines run from the saywho process. */
static const char *engine(const char *name)
{
	static char commands[4][1024];
	static int next;
	char *command = commands[next++ % 4];
	char *cwd = getcwd(NULL, 0);
	snprintf(command, sizeof commands[0], "sh %s/tests/engine/engines/%s", cwd, name);
	free(cwd);
	return command;
}

static const char article_one[] = "The minister said taxes will rise.\n\nShe added that nobody likes it.\n";

Test(extract_cmd, builtin_engine_writes_beside_the_article)
{
	write_text(in_folder("one.txt"), article_one);
	Result r = RUN(NULL, "extract", in_folder("one.txt"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	cr_assert_not_null(yaml);
	cr_assert(strstr(yaml, "saywho: 1"), "%s", yaml);
	cr_assert(strstr(yaml, "path: one.txt"), "%s", yaml);
	cr_assert(strstr(yaml, "id: one"), "%s", yaml);
	cr_assert(strstr(yaml, "length: 68"), "%s", yaml);
	cr_assert(strstr(yaml, "saywho-rules"), "%s", yaml);
	cr_assert_str_empty(r.err);
}

Test(extract_cmd, output_folder_is_created_and_path_is_relative_to_it)
{
	write_text(in_folder("one.txt"), article_one);
	Result r = RUN(NULL, "extract", "-o", in_folder("out/deep"), in_folder("one.txt"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	char *yaml = read_file(in_folder("out/deep/one.saywho.yaml"));
	cr_assert_not_null(yaml, "stderr: %s", r.err);
	cr_assert(strstr(yaml, "path: ../../one.txt"), "%s", yaml);
	/* And the file loads back: check resolves the path. */
	Result check = RUN(NULL, "check", in_folder("out/deep/one.saywho.yaml"));
	cr_assert_eq(check.status, 0, "check: %s%s", check.out, check.err);
}

Test(extract_cmd, standard_input_gives_yaml_with_the_text_on_standard_output)
{
	Result r = RUN(article_one, "extract", "-");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.out, "saywho: 1"), "%s", r.out);
	cr_assert(strstr(r.out, "text:"), "%s", r.out);
	cr_assert_null(strstr(r.out, "path:"), "%s", r.out);
	cr_assert(strstr(r.out, "sha256:"), "%s", r.out);
}

Test(extract_cmd, standard_input_with_an_external_engine)
{
	Result r = RUN(article_one, "extract", "--engine", engine("lines.sh"), "-");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert_eq(count_of(r.out, "status: candidate"), 2, "%s", r.out);
	cr_assert(strstr(r.out, "She added that nobody likes it."), "%s", r.out);
}

Test(extract_cmd, bad_utf8_is_reported_with_its_position_and_does_not_stop_the_others)
{
	write_text(in_folder("bad.txt"), "First line.\nAb\xff cd\n");
	write_text(in_folder("good.txt"), article_one);
	Result r = RUN(NULL, "extract", "-q", in_folder("bad.txt"), in_folder("missing.txt"),
		       in_folder("good.txt"));
	cr_assert_eq(r.status, 1);
	char expected[600];
	snprintf(expected, sizeof expected, "%s:2:3:", in_folder("bad.txt"));
	cr_assert(strstr(r.err, expected), "stderr: %s", r.err);
	cr_assert(strstr(r.err, in_folder("missing.txt")), "stderr: %s", r.err);
	cr_assert_null(read_file(in_folder("bad.saywho.yaml")));
	cr_assert_not_null(read_file(in_folder("good.saywho.yaml")));
}

Test(extract_cmd, usage_errors_exit_2)
{
	write_text(in_folder("one.txt"), article_one);
	const char *one = in_folder("one.txt");
	Result r = RUN(NULL, "extract");
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "no article given"), "%s", r.err);
	r = RUN(NULL, "extract", "--force", "--merge", one);
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "exclude each other"), "%s", r.err);
	r = RUN(NULL, "extract", "-j", "0", one);
	cr_assert_eq(r.status, 2);
	r = RUN(NULL, "extract", "-j", "two", one);
	cr_assert_eq(r.status, 2);
	r = RUN(NULL, "extract", "--timeout", "5", one);
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "--engine"), "%s", r.err);
	r = RUN(NULL, "extract", "--engine", "cat", "--timeout", "soon", one);
	cr_assert_eq(r.status, 2);
	r = RUN(NULL, "extract", "--bogus", one);
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "--bogus"), "%s", r.err);
	r = RUN(NULL, "extract", "-o");
	cr_assert_eq(r.status, 2);
	r = RUN(NULL, "extract", "-o", "", one);
	cr_assert_eq(r.status, 2);
	r = RUN(NULL, "extract", "-", "-");
	cr_assert_eq(r.status, 2);
	cr_assert_null(read_file(in_folder("one.saywho.yaml")));
}

Test(extract_cmd, help_describes_the_options)
{
	Result r = RUN(NULL, "extract", "--help");
	cr_assert_eq(r.status, 0);
	const char *options[] = { "--output", "--jobs", "--engine", "--timeout", "--force", "--merge",
				  "--quiet", "standard input" };
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		cr_assert(strstr(r.out, options[i]), "help lacks %s", options[i]);
}

Test(extract_cmd, external_engine_output_is_validated_and_written)
{
	write_text(in_folder("one.txt"), article_one);
	Result r = RUN(NULL, "extract", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	cr_assert_not_null(yaml);
	cr_assert_eq(count_of(yaml, "status: candidate"), 2, "%s", yaml);
	cr_assert(strstr(yaml, "name: lines"), "%s", yaml);
	cr_assert(strstr(yaml, "path: one.txt"), "%s", yaml);
	cr_assert(strstr(yaml, "The minister said taxes will rise."), "%s", yaml);
}

static void assert_engine_fails(const char *script, const char *message)
{
	write_text(in_folder("one.txt"), article_one);
	Result r = RUN(NULL, "extract", "--timeout", "20", "--engine", engine(script), in_folder("one.txt"));
	cr_assert_eq(r.status, 1, "%s: status %d, stderr: %s", script, r.status, r.err);
	char named[1200];
	snprintf(named, sizeof named, "%s: engine '%s'", in_folder("one.txt"), engine(script));
	cr_assert(strstr(r.err, named), "%s: not named in: %s", script, r.err);
	cr_assert(strstr(r.err, message), "%s: no '%s' in: %s", script, message, r.err);
	cr_assert_null(read_file(in_folder("one.saywho.yaml")), "%s wrote a file", script);
}

Test(extract_cmd, failing_engine_is_named_with_its_status_and_stderr)
{
	assert_engine_fails("fail.sh", "failed with exit status 3");
	assert_engine_fails("fail.sh", "said: model not found: en_core_web_sm");
}

Test(extract_cmd, engine_killed_by_a_signal)
{
	assert_engine_fails("crash.sh", "signal 11");
}

Test(extract_cmd, engine_that_writes_an_invalid_file)
{
	assert_engine_fails("nonsense.sh", "output:5:");
	assert_engine_fails("garbage.sh", "output:");
}

Test(extract_cmd, engine_that_claims_reviewed_work_is_refused)
{
	assert_engine_fails("reviewed.sh", "status 'accepted': an external engine proposes candidates only");
}

Test(extract_cmd, engine_that_writes_without_end_is_stopped)
{
	assert_engine_fails("flood.sh", "wrote more than");
}

Test(extract_cmd, engine_that_is_missing)
{
	assert_engine_fails("no-such-engine.sh", "failed with exit status");
	assert_engine_fails("no-such-engine.sh", "said: ");
}

Test(extract_cmd, engine_past_the_timeout_is_killed)
{
	write_text(in_folder("one.txt"), article_one);
	Result r = RUN(NULL, "extract", "--timeout", "0.5", "--engine", engine("slow.sh"),
		       in_folder("one.txt"));
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "timed out after 0.5 s"), "%s", r.err);
	cr_assert_lt(r.seconds, 10.0, "took %.1f s: the engine was not killed", r.seconds);
}

/* An article of 1 MB on a few long lines. */
static char *big_article(void)
{
	size_t size = 1 << 20;
	char *text = remember(malloc(size + 1));
	for (size_t i = 0; i < size; i++)
		text[i] = (i + 1) % 131072 == 0 ? '\n' : (char)('a' + i % 26);
	text[size] = '\0';
	return text;
}

Test(extract_cmd, engine_writing_before_reading_does_not_deadlock)
{
	char *text = big_article();
	write_text(in_folder("big.txt"), text);
	Result r = RUN(NULL, "extract", "--timeout", "50", "--engine", engine("chatty.sh"),
		       in_folder("big.txt"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	char *yaml = read_file(in_folder("big.saywho.yaml"));
	cr_assert_eq(count_of(yaml, "status: candidate"), 8);
}

Test(extract_cmd, engine_that_does_not_read_its_input_is_fine)
{
	char *text = big_article();
	write_text(in_folder("big.txt"), text);
	char command[1200];
	snprintf(command, sizeof command, "%s %zu", engine("deaf.sh"), strlen(text));
	Result r = RUN(NULL, "extract", "--engine", command, in_folder("big.txt"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert_not_null(read_file(in_folder("big.saywho.yaml")));
}

/* The annotation file an analyst has worked on: the first line accepted. */
static void write_reviewed_file(void)
{
	write_text(in_folder("one.txt"), article_one);
	write_text(in_folder("one.saywho.yaml"),
		   "saywho: 1\n"
		   "document: {path: one.txt, length: 68}\n"
		   "annotator: analyst-1\n"
		   "updated: 2025-01-01T00:00:00Z\n"
		   "labels: [accusation, denial, statistic, demand, position, other]\n"
		   "speakers:\n"
		   "  - {id: minister, name: Minister Smith, type: person}\n"
		   "annotations:\n"
		   "  - id: e1\n"
		   "    status: accepted\n"
		   "    claim: {start: 18, end: 33, text: taxes will rise}\n"
		   "    label: statistic\n");
}

Test(extract_cmd, reviewed_work_is_not_overwritten)
{
	write_reviewed_file();
	char *before = read_file(in_folder("one.saywho.yaml"));
	Result r = RUN(NULL, "extract", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, in_folder("one.saywho.yaml")), "%s", r.err);
	cr_assert(strstr(r.err, "holds 1 reviewed annotation;"), "%s", r.err);
	cr_assert_str_eq(read_file(in_folder("one.saywho.yaml")), before);
}

Test(extract_cmd, force_overwrites_reviewed_work)
{
	write_reviewed_file();
	Result r = RUN(NULL, "extract", "--force", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	cr_assert_eq(count_of(yaml, "status: accepted"), 0, "%s", yaml);
	cr_assert_eq(count_of(yaml, "status: candidate"), 2, "%s", yaml);
}

Test(extract_cmd, merge_adds_only_candidates_that_overlap_nothing)
{
	write_reviewed_file();
	Result r = RUN(NULL, "extract", "--merge", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.err, "merged 1 new candidate of 2 proposed; kept 1 annotation"), "%s", r.err);
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	cr_assert_eq(count_of(yaml, "status: accepted"), 1, "%s", yaml);
	cr_assert_eq(count_of(yaml, "status: candidate"), 1, "%s", yaml);
	cr_assert(strstr(yaml, "She added that nobody likes it."), "%s", yaml);
	cr_assert_null(strstr(yaml, "The minister said taxes will rise."), "%s", yaml);
	cr_assert(strstr(yaml, "annotator: analyst-1"), "%s", yaml);
	cr_assert(strstr(yaml, "label: statistic"), "%s", yaml);
	/* The new candidate's id did not clash with e1; its speaker "the minister" clashed by id
	 * with Minister Smith and was added under a new one; `updated` moved on. */
	cr_assert(strstr(yaml, "id: e2"), "%s", yaml);
	cr_assert(strstr(yaml, "name: Minister Smith"), "%s", yaml);
	cr_assert(strstr(yaml, "id: the-minister"), "%s", yaml);
	cr_assert(strstr(yaml, "ref: the-minister"), "%s", yaml);
	cr_assert_null(strstr(yaml, "2025-01-01T00:00:00Z"), "%s", yaml);

	/* Merging again adds nothing and changes nothing. */
	Result again = RUN(NULL, "extract", "--merge", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(again.status, 0, "%s", again.err);
	cr_assert(strstr(again.err, "merged 0 new candidates"), "%s", again.err);
	cr_assert_str_eq(read_file(in_folder("one.saywho.yaml")), yaml);
}

Test(extract_cmd, a_file_of_candidates_only_is_replaced_silently)
{
	write_text(in_folder("one.txt"), article_one);
	Result first = RUN(NULL, "extract", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(first.status, 0, "%s", first.err);
	Result second = RUN(NULL, "extract", in_folder("one.txt"));
	cr_assert_eq(second.status, 0, "%s", second.err);
	cr_assert_str_empty(second.err);
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	cr_assert_null(strstr(yaml, "name: lines"), "%s", yaml);
}

Test(extract_cmd, an_unreadable_existing_file_is_not_replaced)
{
	write_text(in_folder("one.txt"), article_one);
	write_text(in_folder("one.saywho.yaml"), "saywho: [broken\n");
	Result r = RUN(NULL, "extract", in_folder("one.txt"));
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "cannot be read, so it is not replaced"), "%s", r.err);
	cr_assert_str_eq(read_file(in_folder("one.saywho.yaml")), "saywho: [broken\n");
}

Test(extract_cmd, jobs_give_the_same_files_and_messages_in_the_same_order)
{
	const char *names[] = { "a.txt", "b.txt", "c.txt", "bad.txt", "d.txt", "e.txt", "f.txt" };
	const size_t count = sizeof names / sizeof names[0];
	const char *args[24] = { "extract", "-o", NULL, "-j", NULL, "--engine", engine("lines.sh") };
	for (size_t i = 0; i < count; i++) {
		char text[128];
		snprintf(text, sizeof text, "Line %zu of the article.\nAnother line, %zu.\n", i, i * 7);
		write_text(in_folder(names[i]), strcmp(names[i], "bad.txt") == 0 ? "bad \xc3\x28\n" : text);
	}
	char *outputs[2][8], *errors[2];
	const char *jobs[2] = { "1", "4" }, *dirs[2] = { "out1", "out4" };
	for (int run = 0; run < 2; run++) {
		char out_dir[512];
		snprintf(out_dir, sizeof out_dir, "%s", in_folder(dirs[run]));
		args[2] = out_dir;
		args[4] = jobs[run];
		char paths[8][512];
		for (size_t i = 0; i < count; i++) {
			snprintf(paths[i], sizeof paths[i], "%s", in_folder(names[i]));
			args[7 + i] = paths[i];
		}
		args[7 + count] = NULL;
		Result r = run_saywho(NULL, args);
		cr_assert_eq(r.status, 1, "%s", r.err);
		errors[run] = r.err;
		for (size_t i = 0; i < count; i++) {
			char file[600];
			snprintf(file, sizeof file, "%s/%.1s.saywho.yaml", out_dir, names[i]);
			outputs[run][i] = read_file(file);
		}
	}
	cr_assert_str_eq(errors[0], errors[1]);
	cr_assert(strstr(errors[0], "1 failed"), "%s", errors[0]);
	for (size_t i = 0; i < count; i++) {
		if (strcmp(names[i], "bad.txt") == 0)
			continue;
		cr_assert_not_null(outputs[0][i], "%s", names[i]);
		cr_assert_str_eq(outputs[0][i], outputs[1][i]);
	}
}

Test(extract_cmd, two_inputs_that_would_write_the_same_file)
{
	mkdir(in_folder("x"), 0777);
	mkdir(in_folder("y"), 0777);
	write_text(in_folder("x/same.txt"), article_one);
	write_text(in_folder("y/same.txt"), article_one);
	Result r = RUN(NULL, "extract", "-q", "-o", in_folder("out"), in_folder("x/same.txt"),
		       in_folder("y/same.txt"));
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "as "), "%s", r.err);
	char *yaml = read_file(in_folder("out/same.saywho.yaml"));
	cr_assert(strstr(yaml, "path: ../x/same.txt"), "%s", yaml);
}

/* Runs saywho with standard error on a pseudo-terminal; returns what it drew there. */
static char *run_on_terminal(const char *const *args, int *status)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0)
		cr_skip_test("no pseudo-terminals here: %s", strerror(errno));
	cr_assert_eq(grantpt(master), 0);
	cr_assert_eq(unlockpt(master), 0);
	const char *argv[32] = { SAYWHO_BIN };
	size_t argc = 1;
	for (; args[argc - 1]; argc++)
		argv[argc] = args[argc - 1];
	argv[argc] = NULL;
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 2, ptsname(master), O_RDWR | O_NOCTTY, 0);
	pid_t pid;
	cr_assert_eq(posix_spawn(&pid, SAYWHO_BIN, &actions, NULL, (char **)argv, environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	/* Read while it runs (a full terminal buffer would block it), until it has exited. */
	size_t size = 0, capacity = 1 << 16;
	char *screen = malloc(capacity);
	fcntl(master, F_SETFL, O_NONBLOCK);
	bool exited = false;
	for (;;) {
		ssize_t got = read(master, screen + size, capacity - size - 1);
		if (got > 0) {
			size += (size_t)got;
			if (size + 1 == capacity)
				screen = realloc(screen, capacity *= 2);
			continue;
		}
		if (exited && (got == 0 || errno == EIO || errno == EAGAIN))
			break;
		if (waitpid(pid, status, WNOHANG) == pid)
			exited = true;
		else
			usleep(1000);
	}
	screen[size] = '\0';
	close(master);
	return remember(screen);
}

Test(extract_cmd, progress_bar_on_a_terminal_with_several_files)
{
	write_text(in_folder("p1.txt"), article_one);
	write_text(in_folder("p2.txt"), article_one);
	write_text(in_folder("p3.txt"), article_one);
	int status;
	char *screen = run_on_terminal((const char *const[]){ "extract", in_folder("p1.txt"),
		in_folder("p2.txt"), in_folder("p3.txt"), NULL }, &status);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", screen);
	cr_assert(strstr(screen, "] 3/3"), "%s", screen);
	cr_assert(strstr(screen, "saywho extract: 3 of 3 files written"), "%s", screen);

	screen = run_on_terminal((const char *const[]){ "extract", "-q", in_folder("p1.txt"),
		in_folder("p2.txt"), NULL }, &status);
	cr_assert_str_empty(screen, "-q still drew: %s", screen);
	screen = run_on_terminal((const char *const[]){ "extract", in_folder("p1.txt"), NULL }, &status);
	cr_assert_str_empty(screen, "one file drew a bar: %s", screen);
}

Test(extract_cmd, an_article_that_is_a_link_is_referred_to_by_the_link)
{
	mkdir(in_folder("store"), 0777);
	mkdir(in_folder("corpus"), 0777);
	write_text(in_folder("store/original.txt"), article_one);
	cr_assert_eq(symlink("../store/original.txt", in_folder("corpus/linked.txt")), 0);
	Result r = RUN(NULL, "extract", "-o", in_folder("out"), in_folder("corpus/linked.txt"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	char *yaml = read_file(in_folder("out/linked.saywho.yaml"));
	cr_assert(strstr(yaml, "path: ../corpus/linked.txt"), "%s", yaml);
}

Test(extract_cmd, merge_refuses_a_file_made_for_another_text)
{
	write_reviewed_file();
	char *yaml = read_file(in_folder("one.saywho.yaml"));
	char changed[2048];
	snprintf(changed, sizeof changed, "%s", yaml);
	char *document = strstr(changed, "length: 68}");
	cr_assert_not_null(document);
	/* Same length, different text: the file's sha256 no longer matches. */
	const char sha[] = "length: 68, sha256: 0000000000000000000000000000000000000000000000000000000000000000}";
	char rebuilt[2048];
	snprintf(rebuilt, sizeof rebuilt, "%.*s%s%s", (int)(document - changed), changed, sha,
		 document + strlen("length: 68}"));
	write_text(in_folder("one.saywho.yaml"), rebuilt);
	Result r = RUN(NULL, "extract", "--merge", "--engine", engine("lines.sh"), in_folder("one.txt"));
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.err, "sha256"), "%s", r.err);
	cr_assert(strstr(r.err, "not replaced"), "%s", r.err);
	cr_assert_str_eq(read_file(in_folder("one.saywho.yaml")), rebuilt);
}
