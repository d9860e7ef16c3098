/* Opening one document the way the workbench does (see workbench.h). Kept apart from
 * workbench.c so that the queue, tests and benchmarks use it without the command line. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/workbench.h"
#include "model/extract/extract.h"
#include "model/store.h"

static bool has_suffix(const char *path, const char *suffix)
{
	size_t length = strlen(path), suffix_length = strlen(suffix);
	return length >= suffix_length && strcmp(path + length - suffix_length, suffix) == 0;
}

bool workbench_is_annotation_file(const char *path)
{
	return has_suffix(path, ".yaml") || has_suffix(path, ".yml");
}

char *workbench_annotation_path(const char *article_path)
{
	size_t length = strlen(article_path);
	if (has_suffix(article_path, ".txt"))
		length -= 4;
	char *path = xmalloc(length + sizeof ".saywho.yaml");
	memcpy(path, article_path, length);
	strcpy(path + length, ".saywho.yaml");
	return path;
}

AnnotationSet *workbench_open_document(const char *path, bool *engine_ran, Diagnostics *diag)
{
	*engine_ran = false;
	if (workbench_is_annotation_file(path))
		return store_load(path, NULL, diag);
	char *annotation_path = workbench_annotation_path(path);
	struct stat info;
	if (stat(annotation_path, &info) == 0) {
		AnnotationSet *set = store_load(annotation_path, NULL, diag);
		free(annotation_path);
		return set;
	}
	Article *article = article_load(path, diag);
	if (!article) {
		free(annotation_path);
		return NULL;
	}
	extract_init();
	AnnotationSet *set = extract_article(article);
	if (!set) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "the engine could not read the article");
		free(annotation_path);
		return NULL;
	}
	free(set->file_path);
	set->file_path = annotation_path;
	if (!set->document_path && !set->document_inline) {
		const char *slash = strrchr(path, '/');
		set->document_path = xstrdup(slash ? slash + 1 : path);
	}
	*engine_ran = true;
	return set;
}

