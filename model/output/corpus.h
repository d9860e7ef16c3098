/* A corpus: the annotation files named on a command line (files, or folders searched
 * recursively), loaded in a stable order, with the names by which documents are matched
 * across folders (gold against predictions, one annotator against another). */
#ifndef SAYWHO_OUTPUT_CORPUS_H
#define SAYWHO_OUTPUT_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"
#include "model/diag.h"

typedef struct CorpusFile {
	char *path;          /* as found (argument, or folder + relative name) */
	char *folder;        /* the folder it was found in ("." for a bare file name) */
	AnnotationSet *set;  /* NULL when it failed to load (diagnostics say why) */
} CorpusFile;

typedef struct Corpus {
	CorpusFile *files;
	size_t count;
} Corpus;

/* Expands paths: a file is taken as is; a folder gives every *.yaml / *.yml file under it,
 * recursively, hidden entries skipped, sorted by path. A path that does not exist, or a
 * folder with no annotation file under it, is an error in diag. Returns false when any path could not be read. */
bool corpus_list(char *const *paths, size_t count, char ***out, size_t *out_count, Diagnostics *diag);
void corpus_list_free(char **paths, size_t count);

/* Lists and loads (sha256 mismatches are warnings: the analysis still makes sense).
 * Files that fail to load stay in the corpus with set == NULL. Returns false when any failed. */
bool corpus_load(char *const *paths, size_t count, Corpus *corpus, Diagnostics *diag);
void corpus_free(Corpus *corpus);

/* The file name without folder and without .yaml/.yml and a following .saywho/.gold suffix:
 * "gold/000_f5.gold.yaml" -> "000_f5". Caller frees. */
char *corpus_file_stem(const char *path);
/* Whether two files are about the same document: equal document ids, or equal file stems
 * (or one's id is the other's stem) * (PolNeAR predictions are <doc>.saywho.yaml), or the same article file name (document.path
 * without folder and extension). */
bool corpus_same_document(const CorpusFile *a, const CorpusFile *b);
/* The name shown for a document: document.id, else the file stem. Caller frees. */
char *corpus_document_name(const CorpusFile *file);

#endif
