/* saywho check: validates annotation files and their articles, listing every problem. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/store.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho check [OPTION]... FILE.yaml...\n"
	      "Validate annotation files (schema 1) and the articles they point at.\n"
	      "\n"
	      "Each file is loaded with its article (document.path, relative to the file's folder,\n"
	      "or document.text) and checked: YAML syntax, no anchors or aliases, nesting depth,\n"
	      "schema version, required keys, span offsets (code points) inside the article with\n"
	      "start <= end and parts in order inside their span, each span's text equal to the\n"
	      "article's, statuses, kinds, speaker types, labels declared in `labels`, speaker refs\n"
	      "naming an entry of `speakers`, unique annotation and speaker ids, document.length and\n"
	      "document.sha256 against the article, and the article itself (UTF-8, no NUL bytes).\n"
	      "\n"
	      "Every problem is printed on standard output as FILE:LINE:COLUMN: MESSAGE (lines and\n"
	      "columns from 1, columns in characters), then one summary line, for example\n"
	      "  2 files checked: 1 valid, 1 with 3 problems\n"
	      "Warnings (\"warning: \") do not make a file invalid.\n"
	      "\n"
	      "Options:\n"
	      "  -h, --help   show this help and exit\n"
	      "\n"
	      "Exit status: 0 all files valid, 1 a file has problems, 2 usage error.\n",
	      out);
}

/* The store reports some problems when a span is complete, after problems further right on the
 * same line: print in file order. Messages about other files (the article) come first. */
static int compare_position(const void *x, const void *y)
{
	const Diagnostic *a = *(const Diagnostic *const *)x, *b = *(const Diagnostic *const *)y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return a < b ? -1 : a > b; /* stable: the order they were found in */
}

static void print_in_file_order(const Diagnostics *diag, const char *file)
{
	const Diagnostic **order = xmalloc((diag->count + 1) * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < diag->count; i++)
		if (strcmp(diag->items[i].file, file) != 0)
			order[n++] = &diag->items[i];
	size_t others = n;
	for (size_t i = 0; i < diag->count; i++)
		if (strcmp(diag->items[i].file, file) == 0)
			order[n++] = &diag->items[i];
	qsort(order + others, n - others, sizeof *order, compare_position);
	for (size_t i = 0; i < n; i++) {
		char line[4096];
		diagnostic_format(order[i], line, sizeof line);
		printf("%s\n", line);
	}
	free(order);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int subcommand_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c == 'h') {
			print_help(stdout);
			return EXIT_OK;
		}
		return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
	}
	if (optind == argc)
		return cli_usage_error("check", "expected one or more FILE.yaml");

	size_t files = 0, valid = 0, problems = 0, warnings = 0;
	for (int i = optind; i < argc; i++) {
		Diagnostics diag = {0};
		AnnotationSet *set = store_load(argv[i], NULL, &diag);
		print_in_file_order(&diag, argv[i]);
		size_t errors = diagnostics_error_count(&diag);
		/* A file that failed to load always counts as a problem, even if no message says so. */
		if (!set && errors == 0)
			errors = 1;
		files++;
		valid += errors == 0;
		problems += errors;
		warnings += diag.count - diagnostics_error_count(&diag);
		annotation_set_free(set);
		diagnostics_free(&diag);
	}
	size_t invalid = files - valid;
	printf("%zu %s checked: %zu valid", files, plural(files, "file", "files"), valid);
	if (invalid)
		printf(", %zu with %zu %s", invalid, problems, plural(problems, "problem", "problems"));
	if (warnings)
		printf(", %zu %s", warnings, plural(warnings, "warning", "warnings"));
	printf("\n");
	return invalid ? EXIT_WORK_FAILED : EXIT_OK;
}
