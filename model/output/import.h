/* `saywho import`: brat standoff files into schema-1 annotation files. */
#ifndef SAYWHO_OUTPUT_IMPORT_H
#define SAYWHO_OUTPUT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/diag.h"

typedef struct ImportResult {
	char *output_path;       /* the file written (caller frees) */
	size_t annotation_count;
} ImportResult;

/* Reads one .ann (its text found by brat_locate_text) and saves it as OUT_DIR/<doc>.yaml, or
 * OUT_DIR/<doc>.<annotator>.yaml when the file name names an annotator (PolNeAR
 * <doc>_<annotator>.ann), with document.path relative to OUT_DIR. An existing output file is
 * replaced only when `overwrite`. Returns false (diagnostics say why) on failure. */
bool import_brat_file(const char *ann_path, const char *out_dir, bool overwrite, ImportResult *result,
		      Diagnostics *diag);

/* The path of `target` relative to the folder `from_dir` (both must exist). Caller frees. */
char *import_relative_path(const char *from_dir, const char *target);

#endif
