/* The workbench entry point: `saywho [OPTION]... FILE|DIR...` and `saywho review`. */
#ifndef SAYWHO_WORKBENCH_H
#define SAYWHO_WORKBENCH_H

#include <stdio.h>

/* Parses the workbench options and files, opens the interface; returns the exit status. */
int workbench_main(int argc, char **argv);
/* The workbench options, for the top-level --help. */
void workbench_print_options(FILE *out);
/* What follows the options in --help: queues, the ? key. */
void workbench_print_notes(FILE *out);

#include <stdbool.h>

#include "model/annotation.h"
#include "model/diag.h"

/* Opens one document as the workbench does: an annotation file (.yaml/.yml) directly; an
 * article with ARTICLE.saywho.yaml beside it (ARTICLE.txt -> ARTICLE.saywho.yaml); otherwise the
 * article run through the built-in engine (*engine_ran = true; file_path set to the annotation
 * path beside it, not yet written). NULL with diagnostics on failure. */
AnnotationSet *workbench_open_document(const char *path, bool *engine_ran, Diagnostics *diag);
/* ARTICLE.txt -> ARTICLE.saywho.yaml (malloc'ed). */
char *workbench_annotation_path(const char *article_path);
bool workbench_is_annotation_file(const char *path);

#endif
