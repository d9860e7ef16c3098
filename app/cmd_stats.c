/* saywho stats: a summary of a corpus of annotation files. */
#include <getopt.h>
#include <stdio.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/output/export.h"
#include "model/output/stats.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho stats [OPTION]... FILE|DIR...\n"
	      "Summarise annotation files (folders: every .yaml under them):\n"
	      "  - who is quoted how often: claims per canonical speaker (speakers[ref].name,\n"
	      "    else the mention) with its type and in how many documents; claims per\n"
	      "    speaker type;\n"
	      "  - claims by kind (direct, indirect, mixed) and by label;\n"
	      "  - review progress per folder and per annotator: files, files with no candidate\n"
	      "    left, annotations by status, share reviewed;\n"
	      "  - engine acceptance by confidence band (0.2 wide): of the engine's annotations\n"
	      "    reviewed, the share accepted as proposed, and the share kept (accepted or\n"
	      "    corrected).\n"
	      "Claims are the annotations not rejected (candidates count as the engine\n"
	      "proposed them).\n"
	      "\n"
	      "Options:\n"
	      "      --json     print one JSON object instead of tables\n"
	      "  -h, --help     show this help and exit\n"
	      "\n"
	      "Exit status: 0 done, 1 a file could not be read (the others are counted),\n"
	      "2 usage error.\n",
	      out);
}

int subcommand_stats(int argc, char **argv)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false;
	optind = 0;
	opterr = 0; /* cli_option_error says what was wrong, once */
	int c;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return cli_option_error("stats", c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("stats", "expected FILE or DIR arguments");
	Diagnostics diag = {0};
	Corpus corpus;
	bool ok = corpus_load(argv + optind, (size_t)(argc - optind), &corpus, &diag);
	diagnostics_print(&diag, stderr);
	json_t *stats = stats_compute(&corpus);
	if (json)
		ok &= output_json_print(stats, stdout, false);
	else
		stats_print(stats, stdout);
	json_decref(stats);
	corpus_free(&corpus);
	diagnostics_free(&diag);
	return ok ? EXIT_OK : EXIT_WORK_FAILED;
}
