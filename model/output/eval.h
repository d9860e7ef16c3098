/* `saywho eval`: pairs gold and predicted files by document and scores each pair
 * (model/output/score.h), with the corpus total. */
#ifndef SAYWHO_OUTPUT_EVAL_H
#define SAYWHO_OUTPUT_EVAL_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "model/diag.h"
#include "model/output/score.h"

typedef struct EvalDocument {
	char *name;       /* document id, else file stem */
	char *gold_file;
	char *pred_file;  /* NULL: no prediction for this document (scored as none) */
	DocumentScore score;
} EvalDocument;

typedef struct EvalReport {
	EvalDocument *documents;
	size_t count;
	DocumentScore total;
} EvalReport;

typedef struct EvalOptions {
	/* PolNeAR gold: every annotator's file is a gold document (default: the first in name order). */
	bool all_annotators;
} EvalOptions;

/* GOLD and PRED are both files, or both folders (files matched by document id, file stem or
 * article name), or GOLD is a PolNeAR split (a folder with attributions/ and text/) and PRED a
 * folder. Gold documents without a prediction count as predicting nothing; predictions without
 * gold are reported as warnings and left out. Returns false when a file could not be read (the
 * report then covers the rest). */
bool eval_paths(const char *gold, const char *pred, const EvalOptions *options, EvalReport *report,
		Diagnostics *diag);
/* {"documents": [{"document","gold","pred","scores": score_to_json()}], "total": {...}, "docs": N} */
json_t *eval_report_json(const EvalReport *report);
void eval_report_print(const EvalReport *report, FILE *out);
void eval_report_free(EvalReport *report);

/* True when `path` is a folder laid out like a PolNeAR split (attributions/ and text/). */
bool eval_is_polnear_split(const char *path);

#endif
