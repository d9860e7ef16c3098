/* saywho: the command line. Without a subcommand it opens files in the workbench. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "app/workbench.h"

typedef struct Subcommand {
	const char *name, *synopsis, *summary;
	int (*run)(int argc, char **argv);
} Subcommand;

#define SUBCOMMAND_ENTRY(name, synopsis, summary) { #name, synopsis, summary, subcommand_##name },
static const Subcommand subcommands[] = { SUBCOMMAND_LIST(SUBCOMMAND_ENTRY) };
#undef SUBCOMMAND_ENTRY

int cli_usage_error(const char *subcommand, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fprintf(stderr, "saywho%s%s: ", subcommand ? " " : "", subcommand ? subcommand : "");
	vfprintf(stderr, format, args);
	va_end(args);
	fprintf(stderr, "\nTry 'saywho %s%s--help' for more information.\n",
		subcommand ? subcommand : "", subcommand ? " " : "");
	return EXIT_USAGE;
}

static void print_help(FILE *out)
{
	fprintf(out,
		"Usage: saywho [OPTION]... FILE|DIR...\n"
		"       saywho SUBCOMMAND [OPTION]... [ARG]...\n"
		"\n"
		"Annotate who said what in news. Without a subcommand, opens articles (.txt) or\n"
		"annotation files (.yaml) in the full-screen workbench; an article without an\n"
		"annotation file beside it is first run through the built-in engine.\n"
		"\n"
		"Subcommands:\n");
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(out, "  %-48s %s\n", subcommands[i].synopsis, subcommands[i].summary);
	fprintf(out, "\n");
	workbench_print_options(out);
	fprintf(out,
		"Options:\n"
		"  -h, --help        show this help and exit\n"
		"  -V, --version     show the version and exit\n"
		"\n");
	workbench_print_notes(out);
	fprintf(out,
		"'saywho SUBCOMMAND --help' describes each subcommand. See saywho(1).\n"
		"\n"
		"Exit status: 0 success, 1 a failure in the work, 2 a usage error.\n");
}

int main(int argc, char **argv)
{
	if (argc >= 2) {
		for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
			if (strcmp(argv[1], subcommands[i].name) == 0)
				return subcommands[i].run(argc - 1, argv + 1);
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			print_help(stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
			printf("saywho %s\n", SAYWHO_VERSION);
			return EXIT_OK;
		}
	}
	return workbench_main(argc, argv);
}
