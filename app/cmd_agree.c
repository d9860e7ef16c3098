/* saywho agree: agreement between annotators of the same articles. */
#include <getopt.h>
#include <stdio.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/output/agree.h"
#include "model/output/export.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho agree [OPTION]... A B [C...]\n"
	      "Measure agreement between annotators of the same articles. Each argument is one\n"
	      "annotator: an annotation file, or a folder of them (documents are paired by\n"
	      "document.id, file name or article name).\n"
	      "\n"
	      "Per document and in total, for each pair of annotators:\n"
	      "  claims            span-level F1 of the claims, aligned as `saywho eval`\n"
	      "                    pairs them (overlap of at least half the shorter claim)\n"
	      "  claims exact      aligned claims with the same boundaries (within 2 code\n"
	      "                    points after trimming quotes and punctuation)\n"
	      "  attribution       aligned claims given to the same speaker\n"
	      "  speaker mentions  F1 of the speaker spans\n"
	      "and on the engine's candidates that every annotator reviewed (same id): accept\n"
	      "(accepted or corrected) or reject, Cohen's kappa for two annotators, Fleiss'\n"
	      "kappa for three or more. Then the disagreements: a claim only one annotator has,\n"
	      "different boundaries, speaker, label or kind, and different decisions.\n"
	      "\n"
	      "Options:\n"
	      "      --json     print one JSON object\n"
	      "      --brief    leave out the list of disagreements (their count stays)\n"
	      "  -h, --help     show this help and exit\n"
	      "\n"
	      "Exit status: 0 compared, 1 a file could not be read, 2 usage error.\n",
	      out);
}

int subcommand_agree(int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_BRIEF };
	static const struct option options[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{"brief", no_argument, NULL, OPT_BRIEF},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false, brief = false;
	optind = 0;
	opterr = 0; /* cli_option_error says what was wrong, once */
	int c;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = true; break;
		case OPT_BRIEF: brief = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return cli_option_error("agree", c, argv);
		}
	}
	if (argc - optind < 2)
		return cli_usage_error("agree", "expected at least two annotators (files or folders)");
	Diagnostics diag = {0};
	bool ok;
	json_t *report = agree_compute(argv + optind, (size_t)(argc - optind), &diag, &ok);
	diagnostics_print(&diag, stderr);
	if (json)
		ok &= output_json_print(report, stdout, false);
	else
		agree_print(report, stdout, !brief);
	json_decref(report);
	diagnostics_free(&diag);
	return ok ? EXIT_OK : EXIT_WORK_FAILED;
}
