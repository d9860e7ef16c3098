/* saywho eval: scores predicted annotations against gold. */
#include <getopt.h>
#include <stdio.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/output/eval.h"
#include "model/output/export.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho eval [OPTION]... GOLD PRED\n"
	      "Score predicted annotations (PRED) against gold-standard ones (GOLD).\n"
	      "\n"
	      "GOLD and PRED are two annotation files, or two folders whose files are paired\n"
	      "by document (document.id, else the file name without .gold/.saywho/.yaml, else\n"
	      "the article's file name). GOLD may also be a PolNeAR split (a folder holding\n"
	      "text/ and attributions/DOC_ANNOTATOR.ann); PRED is then a folder of\n"
	      "DOC.saywho.yaml. A gold document without a prediction predicts nothing.\n"
	      "\n"
	      "Scores (per document and in total, summed over documents):\n"
	      "  claim_overlap, claim_exact,   precision, recall, F1 (as tools/score.py)\n"
	      "  attribution\n"
	      "  resolution, label, kind       accuracy over the matched claims\n"
	      "  by kind (direct, indirect,    claim and attribution P/R/F1\n"
	      "  mixed)\n"
	      "  polnear all/quoted            lenient (>= 0.3) and strict (>= 0.8) matching\n"
	      "                                with speaker accuracy (as\n"
	      "                                tools/polnear_score.py)\n"
	      "\n"
	      "Options:\n"
	      "      --json             print the scores as one JSON object\n"
	      "      --total            only the total, not each document\n"
	      "      --all-annotators   PolNeAR gold: score against every annotator's file\n"
	      "                         (default: the first of each text in name order)\n"
	      "  -h, --help             show this help and exit\n"
	      "\n"
	      "Exit status: 0 scored, 1 a file could not be read, 2 usage error.\n",
	      out);
}

int subcommand_eval(int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_ALL_ANNOTATORS, OPT_TOTAL };
	static const struct option options[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{"all-annotators", no_argument, NULL, OPT_ALL_ANNOTATORS},
		{"total", no_argument, NULL, OPT_TOTAL},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false, total_only = false;
	EvalOptions eval_options = {0};
	optind = 0;
	opterr = 0; /* cli_option_error says what was wrong, once */
	int c;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = true; break;
		case OPT_ALL_ANNOTATORS: eval_options.all_annotators = true; break;
		case OPT_TOTAL: total_only = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return cli_option_error("eval", c, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("eval", "expected GOLD and PRED (got %d argument%s)", argc - optind,
				       argc - optind == 1 ? "" : "s");
	if (eval_options.all_annotators && !eval_is_polnear_split(argv[optind]))
		return cli_usage_error("eval", "--all-annotators is for a PolNeAR split as GOLD "
					       "(a folder with text/ and attributions/); %s is not one", argv[optind]);
	Diagnostics diag = {0};
	EvalReport report;
	bool ok = eval_paths(argv[optind], argv[optind + 1], &eval_options, &report, &diag);
	diagnostics_print(&diag, stderr);
	if (json) {
		json_t *object = eval_report_json(&report);
		if (total_only)
			json_object_del(object, "documents");
		ok &= output_json_print(object, stdout, false);
		json_decref(object);
	} else if (total_only) {
		fprintf(stdout, "total over %zu document%s\n", report.count, report.count == 1 ? "" : "s");
		score_print(&report.total, stdout, "  ");
	} else {
		eval_report_print(&report, stdout);
	}
	ok &= report.count > 0 || diagnostics_error_count(&diag) == 0;
	eval_report_free(&report);
	diagnostics_free(&diag);
	return ok ? EXIT_OK : EXIT_WORK_FAILED;
}
