/* The workbench entry point: options, opening documents, the terminal, the loop. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/cli.h"
#include "app/compare.h"
#include "app/config.h"
#include "app/keymap.h"
#include "app/loop.h"
#include "app/queue.h"
#include "app/session.h"
#include "app/subcommands.h"
#include "app/workbench.h"
#include "model/extract/extract.h"
#include "model/store.h"
#include "ui/screen_dump.h"
#include "ui/term.h"

void workbench_print_options(FILE *out)
{
	fprintf(out,
		"Workbench options:\n"
		"  --replay KEYS     run the key script KEYS (key names separated by spaces, \"text\"\n"
		"                    typed as is, resize:COLSxROWS) on a virtual screen, no terminal\n"
		"  --size COLSxROWS  the virtual screen's size for --replay (default 80x24)\n"
		"  --dump-screen     after --replay, print the screen as text\n");
	config_print_options(out);
	fprintf(out, "\n");
	compare_print_options(out); /* compare */
	fprintf(out, "\n");
}

void workbench_print_notes(FILE *out)
{
	fprintf(out, "Several files, or a folder of .txt articles, open as a queue (> and < move through it).\n"
		     "In the workbench, ? lists every key and command.\n");
}

static int open_failed(const char *path, Diagnostics *diag)
{
	diagnostics_print(diag, stderr);
	if (diagnostics_error_count(diag) == 0)
		fprintf(stderr, "saywho: cannot open %s\n", path);
	diagnostics_free(diag);
	return EXIT_WORK_FAILED;
}

static bool parse_size(const char *text, int *rows, int *cols)
{
	return sscanf(text, "%dx%d", cols, rows) == 2 && *rows >= 1 && *cols >= 1 && *rows < 1000 &&
	       *cols < 1000;
}

static char *read_file(const char *path)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!in)
		return NULL;
	size_t size = 0, capacity = 4096;
	char *text = xmalloc(capacity);
	size_t got;
	while ((got = fread(text + size, 1, capacity - size - 1, in)) > 0) {
		size += got;
		if (size + 1 == capacity) {
			capacity *= 2;
			text = xrealloc(text, capacity);
		}
	}
	text[size] = '\0';
	if (in != stdin)
		fclose(in);
	return text;
}

int workbench_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bool review = argc > 0 && strcmp(argv[0], "review") == 0;
	const char *subcommand = review ? "review" : NULL;
	static const struct option options[] = {
		{"replay", required_argument, NULL, 'r'},
		{"size", required_argument, NULL, 's'},
		{"dump-screen", no_argument, NULL, 'd'},
		{"compare", no_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},      /* compare */
		{"annotator", required_argument, NULL, 'a'},   /* compare */
		{"print-config", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *replay = NULL;
	int rows = 24, cols = 80;
	bool dump = false;
	bool compare = false;
	const char *output = NULL, *annotator = NULL;
	optind = 1;
	opterr = 0;
	int option;
	while ((option = getopt_long(argc, argv, "+ho:", options, NULL)) != -1) {
		switch (option) {
		case 'r':
			replay = optarg;
			break;
		case 's':
			if (!parse_size(optarg, &rows, &cols))
				return cli_usage_error(subcommand, "--size wants COLSxROWS, like 80x24, not '%s'", optarg);
			break;
		case 'd':
			dump = true;
			break;
		case 'c':
			if (!review)
				return cli_usage_error(subcommand, "--compare belongs to 'saywho review'");
			compare = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'a':
			annotator = optarg;
			break;
		case 'p':
			return config_print_main(stdout);
		case 'h':
			printf("Usage: saywho %s[OPTION]... FILE|DIR...\n"
			       "       saywho review --compare [-o OUT] [--annotator NAME] A.yaml B.yaml [C.yaml...]\n\n"
			       "Opens an article (ARTICLE.txt, with ARTICLE.saywho.yaml beside it, or the built-in\n"
			       "engine's candidates when there is none) or an annotation file in the workbench.\n\n",
			       review ? "review " : "");
			workbench_print_options(stdout);
			printf("Options:\n"
			       "  -h, --help        show this help and exit\n\n");
			workbench_print_notes(stdout);
			printf("See saywho(1).\n\n"
			       "Exit status: 0 closed normally, 1 a file could not be opened (or no terminal),\n"
			       "2 usage error.\n");
			return EXIT_OK;
		default:
			return cli_usage_error(subcommand, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(subcommand, "no file to open: give an article (.txt), an annotation file "
						   "(.yaml) or a folder of articles");
	char *const *paths = argv + optind;
	size_t path_count = (size_t)(argc - optind);
	const char *path = paths[0];
	if (dump && !replay)
		return cli_usage_error(subcommand, "--dump-screen goes with --replay");
	/* compare: its options, and the number of files it takes */
	if ((output || annotator) && !compare)
		return cli_usage_error(subcommand, "%s goes with --compare", output ? "-o/--output" : "--annotator");
	if (compare && (path_count < 2 || path_count > 9))
		return cli_usage_error(subcommand, "--compare takes 2 to 9 annotators' files of one article, not %zu",
				       path_count);
	if (output && !*output)
		return cli_usage_error(subcommand, "-o wants a file name");

	int *keys = NULL;
	long key_count = 0;
	if (replay) {
		char *script = read_file(replay);
		if (!script) {
			fprintf(stderr, "saywho: %s: %s\n", replay, strerror(errno));
			return EXIT_WORK_FAILED;
		}
		char error[256];
		key_count = keymap_parse_script(replay, script, &keys, error, sizeof error);
		free(script);
		if (key_count < 0) {
			fprintf(stderr, "%s\n", error);
			return EXIT_WORK_FAILED;
		}
	}

	/* The configuration: its problems are printed before the screen starts (and named again on
	 * it: the screen hides what was printed); defaults stand in. */
	Diagnostics diag = {0};
	Config *config = config_load_user(&diag);
	config_apply(config, &diag);
	diagnostics_print(&diag, stderr);
	size_t config_problems = diag.count;
	char first_config_problem[512] = "";
	if (config_problems) {
		const Diagnostic *first = &diag.items[0];
		const char *slash = first->file ? strrchr(first->file, '/') : NULL;
		snprintf(first_config_problem, sizeof first_config_problem, "%s has %zu problem%s (defaults used; "
			 "saywho --print-config lists them): %u:%u: %s", slash ? slash + 1 : first->file ? first->file : "",
			 config_problems, config_problems == 1 ? "" : "s", first->line, first->column, first->message);
	}
	diagnostics_clear(&diag);

	Queue *queue = NULL;
	Compare *comparing = NULL;
	bool engine_ran = false;
	AnnotationSet *set = NULL;
	if (compare) { /* compare: the annotators' files, and the merged set to start from */
		comparing = compare_open(paths, path_count, output, annotator, &diag);
		if (!comparing) {
			config_free(config);
			free(keys);
			return open_failed(path, &diag);
		}
		set = compare_take_merged(comparing);
	} else if (queue_wants(paths, path_count)) {
		queue = queue_open(paths, path_count, &diag);
		if (!queue) {
			config_free(config);
			free(keys);
			return open_failed(path, &diag);
		}
		path = queue_entry(queue, queue_current(queue))->path;
	}
	if (!set)
		set = workbench_open_document(path, &engine_ran, &diag);
	if (!set) {
		queue_free(queue);
		config_free(config);
		free(keys);
		return open_failed(path, &diag);
	}
	/* Warnings (a sha256 mismatch made a warning...) are printed before the screen takes over. */
	diagnostics_print(&diag, stderr);
	if (!replay && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "saywho: the workbench needs a terminal (--replay KEYS runs a key script without one)\n");
		annotation_set_free(set);
		compare_free(comparing); /* compare */
		diagnostics_free(&diag);
		queue_free(queue);
		config_free(config);
		return EXIT_WORK_FAILED;
	}

	char error[256];
	FILE *in = stdin, *out = stdout;
	if (replay) {
		in = fopen("/dev/null", "r");
		out = fopen("/dev/null", "w");
	}
	Term *term = in && out ? term_open(in, out, replay ? rows : 0, replay ? cols : 0, error, sizeof error) : NULL;
	if (!term) {
		fprintf(stderr, "saywho: %s\n", in && out ? error : strerror(errno));
		annotation_set_free(set);
		compare_free(comparing);
		diagnostics_free(&diag);
		queue_free(queue);
		config_free(config);
		free(keys);
		return EXIT_WORK_FAILED;
	}
	App *app = app_new(NULL);
	app->term = term;
	size_t label_count = 0;
	const LabelDefinition *labels = config_labels(config, &label_count);
	app_set_label_definitions(app, labels, label_count);
	if (config_mouse(config)) {
		app->mouse = true;
		term_mouse(term, true);
	}
	Session *session = session_attach(app, comparing ? NULL : queue);
	if (comparing) {
		JournalOptions journal_options;
		compare_journal_options(comparing, &journal_options);
		session_set_journal_options(session, &journal_options);
		session_set_positions(session, false); /* it starts at the first disagreement */
	}
	if (replay) {
		/* A replay is a test or a demonstration: it leaves no journal and no remembered
		 * position behind, so that the next replay starts the same way. */
		session_set_journal(session, false);
		session_set_positions(session, false);
	}
	app->engine_ran = engine_ran;
	app_open_set(app, set);
	if (comparing)
		compare_attach(comparing, app);
	if (config_problems)
		app_message_append(app, true, "%s", first_config_problem);
	/* In a queue, moving on from an article the engine has just read asks nothing (as for the
	 * queue's other documents); alone, quitting it asks. */
	if (queue)
		app_tell_engine_ran(app);
	else
		app_announce_engine(app);
	if (!engine_ran && diag.count && !*app->view.message) {
		char line[512];
		diagnostic_format(&diag.items[0], line, sizeof line);
		app_message(app, false, "%s", line);
	}
	diagnostics_free(&diag);

	int status;
	if (replay) {
		loop_replay(app, keys, (size_t)key_count);
		status = app->exit_status;
	} else {
		status = loop_run(app);
	}
	char *screen = dump ? screen_dump_string() : NULL;
	term_close(term);
	if (replay) {
		fclose(in);
		fclose(out);
	}
	if (screen) {
		fputs(screen, stdout);
		free(screen);
	}
	app_close_document(app);
	session_detach(session);
	app_free(app);
	compare_free(comparing);
	queue_free(queue);
	config_free(config);
	free(keys);
	return status;
}

int subcommand_review(int argc, char **argv)
{
	return workbench_main(argc, argv);
}
