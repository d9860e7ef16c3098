/* brat -> schema 1 files. */
#include "model/output/import.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/output/brat.h"
#include "model/store.h"

/* Number of leading characters of `a` and `b` that are whole common folders. */
static size_t common_folder_prefix(const char *from, const char *to)
{
	size_t common = 0, i = 0;
	while (from[i] && from[i] == to[i]) {
		i++;
		if (from[i] == '/' && to[i] == '/')
			common = i;
	}
	if (from[i] == '\0' && to[i] == '/')
		common = i; /* `from` is a folder above `to` */
	return common;
}

char *import_relative_path(const char *from_dir, const char *target)
{
	char from[PATH_MAX], to[PATH_MAX];
	if (!realpath(from_dir, from) || !realpath(target, to))
		return xstrdup(target);
	size_t common = strcmp(from, "/") == 0 ? 0 : common_folder_prefix(from, to);
	size_t ups = 0;
	for (size_t i = common; from[i] && strcmp(from, "/") != 0; i++)
		ups += from[i] == '/';
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	char *out = xmalloc(ups * 3 + strlen(rest) + 1);
	out[0] = '\0';
	for (size_t i = 0; i < ups; i++)
		strcat(out, "../");
	strcat(out, rest);
	return out;
}

bool import_brat_file(const char *ann_path, const char *out_dir, bool overwrite, ImportResult *result,
		      Diagnostics *diag)
{
	*result = (ImportResult){0};
	char *text_path, *document, *annotator;
	if (!brat_locate_text(ann_path, &text_path, &document, &annotator, diag))
		return false;
	bool ok = false;
	Article *article = article_load(text_path, diag);
	AnnotationSet *set = article ? brat_read(ann_path, article, document, annotator, diag) : NULL;
	if (set) {
		size_t size = strlen(out_dir) + strlen(document) + (annotator ? strlen(annotator) : 0) + 16;
		char *output = xmalloc(size);
		if (annotator)
			snprintf(output, size, "%s/%s.%s.yaml", out_dir, document, annotator);
		else
			snprintf(output, size, "%s/%s.yaml", out_dir, document);
		struct stat st;
		if (!overwrite && stat(output, &st) == 0) {
			diagnostics_add(diag, DIAG_ERROR, output, 0, 0,
					"exists already (--force replaces it)");
			free(output);
		} else {
			set->document_path = import_relative_path(out_dir, text_path);
			ok = store_save(set, output, diag);
			result->output_path = output;
			result->annotation_count = set->annotation_count;
			if (!ok) {
				free(output);
				result->output_path = NULL;
			}
		}
		annotation_set_free(set);
	}
	free(text_path);
	free(document);
	free(annotator);
	return ok;
}
