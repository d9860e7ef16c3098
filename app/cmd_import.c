/* saywho import: brat standoff into schema-1 annotation files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "model/path.h"
#include "app/subcommands.h"
#include "model/output/brat.h"
#include "model/output/import.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho import --format brat [OPTION]... DIR|FILE.ann...\n"
	      "Read brat standoff annotations (the Source/Cue/Content/Attribution scheme of the\n"
	      "PolNeAR corpus) into schema-1 annotation files, one per text and annotator.\n"
	      "\n"
	      "A FILE.ann's text is FILE.txt beside it; for DOC_ANNOTATOR.ann (PolNeAR) it\n"
	      "is DOC.txt beside it or ../text/DOC.txt. A DIR gives its .ann files and those\n"
	      "of its attributions/ folder. Each attribution event becomes an annotation:\n"
	      "Content fragments its claim (several fragments become `parts`), Source its\n"
	      "speaker (none for Attribution-no-source), Cue its cue; status `added` unless\n"
	      "a Status attribute says otherwise (the attributes Id, Status, Kind, Label,\n"
	      "Confidence, Speaker, SpeakerType and the notes that `saywho export --format\n"
	      "brat` writes come back).\n"
	      "Output: DIR/DOC.yaml, or DIR/DOC.ANNOTATOR.yaml when the file name gives an\n"
	      "annotator.\n"
	      "\n"
	      "Options:\n"
	      "  -f, --format brat   the input format (only brat)\n"
	      "  -o, --output DIR    the folder to write into (created; default: .)\n"
	      "      --force         replace existing output files\n"
	      "  -h, --help          show this help and exit\n"
	      "\n"
	      "Exit status: 0 all imported, 1 a file could not be imported, 2 usage error.\n",
	      out);
}

int subcommand_import(int argc, char **argv)
{
	enum { OPT_FORCE = 256 };
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, OPT_FORCE},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *format = NULL, *output = ".";
	bool force = false;
	optind = 0;
	opterr = 0; /* cli_option_error says what was wrong, once */
	int c;
	while ((c = getopt_long(argc, argv, "+:f:o:h", options, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_FORCE: force = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return cli_option_error("import", c, argv);
		}
	}
	if (!format)
		return cli_usage_error("import", "--format is required (brat)");
	if (strcmp(format, "brat") != 0)
		return cli_usage_error("import", "unknown format '%s' (brat is the only one)", format);
	if (optind >= argc)
		return cli_usage_error("import", "expected DIR or FILE.ann arguments");
	Diagnostics diag = {0};
	if (!path_make_folders(output, &diag)) {
		diagnostics_print(&diag, stderr);
		diagnostics_free(&diag);
		return EXIT_WORK_FAILED;
	}
	bool ok = true;
	size_t files = 0, annotations = 0;
	for (int i = optind; i < argc; i++) {
		char **anns;
		size_t count;
		ok &= brat_list(argv[i], &anns, &count, &diag);
		for (size_t k = 0; k < count; k++) {
			ImportResult result;
			if (import_brat_file(anns[k], output, force, &result, &diag)) {
				printf("%s: %zu annotations -> %s\n", anns[k], result.annotation_count,
				       result.output_path);
				files++;
				annotations += result.annotation_count;
				free(result.output_path);
			} else {
				ok = false;
			}
			free(anns[k]);
		}
		free(anns);
		diagnostics_print(&diag, stderr);
		diagnostics_clear(&diag);
	}
	fprintf(stderr, "imported %zu file%s, %zu annotations\n", files, files == 1 ? "" : "s", annotations);
	diagnostics_free(&diag);
	return ok ? EXIT_OK : EXIT_WORK_FAILED;
}
