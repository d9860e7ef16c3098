/* saywho export: reviewed annotations as jsonl, brat or conll. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/output/brat.h"
#include "model/output/corpus.h"
#include "model/output/export.h"
#include "model/output/output_file.h"
#include "model/path.h"

static void print_help(FILE *out)
{
	fputs("Usage: saywho export --format jsonl|brat|conll [OPTION]... FILE|DIR...\n"
	      "Write the annotations of annotation files (folders: every .yaml under them)\n"
	      "for training and for other tools. Only reviewed annotations (accepted,\n"
	      "corrected, added) go out unless told otherwise; files that still hold\n"
	      "candidates are named on standard error, so that nobody trains on half-reviewed\n"
	      "files by accident.\n"
	      "\n"
	      "Formats:\n"
	      "  jsonl   one JSON object per article (spaCy/Prodigy): text, meta, tokens,\n"
	      "          spans (SPEAKER, CUE, CLAIM; code-point offsets; attributes with the\n"
	      "          canonical speaker, kind, label, status and the engine's original of\n"
	      "          a correction) and relations (speaker_of, cue_of)\n"
	      "  brat    DIR/DOC.txt and DIR/DOC.ann: Source, Cue and Content text-bound\n"
	      "          annotations and Attribution events, as in the PolNeAR corpus\n"
	      "  conll   one token per line: TOKEN SOURCE CUE CONTENT (BIO tags, separated\n"
	      "          by tabs), a blank line between sentences, '# document: ID' first\n"
	      "\n"
	      "Options:\n"
	      "  -f, --format F         jsonl, brat or conll (required)\n"
	      "  -o, --output OUT       jsonl/conll: the file to write (default: standard\n"
	      "                         output); brat: the folder to write into (required)\n"
	      "      --layout L         brat: flat (DIR/DOC.txt + DIR/DOC.ann, the default)\n"
	      "                         or polnear (DIR/text/DOC.txt and\n"
	      "                         DIR/attributions/DOC_ANNOTATOR.ann, for several\n"
	      "                         annotators of one text)\n"
	      "      --include-rejected also rejected annotations, marked as negatives (jsonl:\n"
	      "                         \"negative\": true; conll: tags ending _REJECTED; brat:\n"
	      "                         attribute Status rejected)\n"
	      "      --include-pending  also candidates not yet reviewed (conll: _CANDIDATE)\n"
	      "  -h, --help             show this help and exit\n"
	      "\n"
	      "Exit status: 0 exported, 1 a file could not be read or written, 2 usage error.\n",
	      out);
}

typedef enum { FORMAT_JSONL, FORMAT_BRAT, FORMAT_CONLL } Format;

static bool parse_format(const char *name, Format *format)
{
	static const char *const names[] = {"jsonl", "brat", "conll"};
	for (int i = 0; i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*format = (Format)i;
			return true;
		}
	return false;
}

/* A document name usable as a file name. */
static char *file_safe(const char *name)
{
	char *safe = xstrdup(name);
	for (char *c = safe; *c; c++)
		if (*c == '/' || *c == '\\')
			*c = '_';
	return safe;
}

static bool document_names_unique(const Corpus *corpus, char **names)
{
	for (size_t i = 0; i < corpus->count; i++)
		for (size_t j = 0; j < i; j++)
			if (names[i] && names[j] && strcmp(names[i], names[j]) == 0) {
				fprintf(stderr, "saywho export: %s and %s are both document %s; "
						"use --layout polnear to keep both\n",
					corpus->files[j].path, corpus->files[i].path, names[i]);
				return false;
			}
	return true;
}

int subcommand_export(int argc, char **argv)
{
	enum { OPT_REJECTED = 256, OPT_PENDING, OPT_LAYOUT };
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"include-rejected", no_argument, NULL, OPT_REJECTED},
		{"include-pending", no_argument, NULL, OPT_PENDING},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *format_name = NULL, *output = NULL;
	ExportOptions export_options = {0};
	BratLayout layout = BRAT_LAYOUT_FLAT;
	bool layout_given = false;
	optind = 0;
	opterr = 0; /* cli_option_error says what was wrong, once */
	int c;
	while ((c = getopt_long(argc, argv, "+:f:o:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (format_name && strcmp(format_name, optarg) != 0)
				return cli_usage_error("export", "--format %s and --format %s: choose one",
						       format_name, optarg);
			format_name = optarg;
			break;
		case 'o': output = optarg; break;
		case OPT_REJECTED: export_options.include_rejected = true; break;
		case OPT_PENDING: export_options.include_pending = true; break;
		case OPT_LAYOUT:
			layout_given = true;
			if (strcmp(optarg, "flat") == 0)
				layout = BRAT_LAYOUT_FLAT;
			else if (strcmp(optarg, "polnear") == 0)
				layout = BRAT_LAYOUT_POLNEAR;
			else
				return cli_usage_error("export", "unknown layout '%s' (flat or polnear)", optarg);
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return cli_option_error("export", c, argv);
		}
	}
	Format format;
	if (!format_name)
		return cli_usage_error("export", "--format is required (jsonl, brat or conll)");
	if (!parse_format(format_name, &format))
		return cli_usage_error("export", "unknown format '%s' (jsonl, brat or conll)", format_name);
	if (optind >= argc)
		return cli_usage_error("export", "expected FILE or DIR arguments");
	if (layout_given && format != FORMAT_BRAT)
		return cli_usage_error("export", "--layout is for --format brat only");
	if (format == FORMAT_BRAT && !output)
		return cli_usage_error("export", "brat needs -o DIR, the folder to write into");

	Diagnostics diag = {0};
	Corpus corpus;
	bool ok = corpus_load(argv + optind, (size_t)(argc - optind), &corpus, &diag);
	diagnostics_print(&diag, stderr);
	diagnostics_clear(&diag);

	char **names = xcalloc(corpus.count ? corpus.count : 1, sizeof(char *));
	for (size_t i = 0; i < corpus.count; i++)
		if (corpus.files[i].set)
			names[i] = corpus_document_name(&corpus.files[i]);

	/* jsonl and conll go to one file, complete or not at all (output_file.h); brat writes
	 * files of its own into the folder */
	OutputFile target = {0};
	bool can_write;
	if (format == FORMAT_BRAT) {
		can_write = path_make_folders(output, &diag) &&
			    (layout != BRAT_LAYOUT_FLAT || document_names_unique(&corpus, names));
		diagnostics_print(&diag, stderr);
		diagnostics_clear(&diag);
	} else {
		can_write = output_file_open(&target, output, &diag);
		diagnostics_print(&diag, stderr);
		diagnostics_clear(&diag);
	}
	ok &= can_write;
	FILE *out = target.stream;

	size_t documents = 0, annotations = 0, unreviewed_files = 0;
	for (size_t i = 0; can_write && i < corpus.count; i++) {
		const CorpusFile *file = &corpus.files[i];
		if (!file->set)
			continue;
		size_t pending = export_pending_count(file->set);
		if (pending) {
			unreviewed_files++;
			fprintf(stderr, "%s: %zu candidate%s not reviewed%s\n", file->path, pending,
				pending == 1 ? "" : "s",
				export_options.include_pending ? " (exported as candidates)"
							       : " (left out; --include-pending adds them)");
		}
		bool written = true;
		switch (format) {
		case FORMAT_JSONL:
			written = export_jsonl_write(file->set, names[i], &export_options, out);
			break;
		case FORMAT_CONLL:
			written = export_conll_write(file->set, names[i], &export_options, out);
			break;
		case FORMAT_BRAT: {
			char *safe = file_safe(names[i]);
			size_t annotations_written;
			written = brat_export(file->set, safe, output, layout, &export_options,
					      &annotations_written, &diag);
			free(safe);
			diagnostics_print(&diag, stderr);
			diagnostics_clear(&diag);
			break;
		}
		}
		if (!written) {
			ok = false;
			if (format != FORMAT_BRAT)
				break; /* the rest could not go into the file either */
			continue;
		}
		documents++;
		for (size_t k = 0; k < file->set->annotation_count; k++)
			annotations += export_selects(&file->set->annotations[k], &export_options);
	}
	/* when every input failed, an earlier export stays as it was rather than being emptied */
	if (out && !output_file_close(&target, documents > 0 || ok, &diag)) {
		ok = false;
		documents = annotations = 0; /* nothing of it was kept */
	}
	diagnostics_print(&diag, stderr);
	fprintf(stderr, "exported %zu document%s, %zu annotation%s", documents, documents == 1 ? "" : "s",
		annotations, annotations == 1 ? "" : "s");
	if (unreviewed_files)
		fprintf(stderr, "; %zu file%s still hold%s candidates", unreviewed_files,
			unreviewed_files == 1 ? "" : "s", unreviewed_files == 1 ? "s" : "");
	fputc('\n', stderr);
	for (size_t i = 0; i < corpus.count; i++)
		free(names[i]);
	free(names);
	corpus_free(&corpus);
	diagnostics_free(&diag);
	return ok ? EXIT_OK : EXIT_WORK_FAILED;
}
