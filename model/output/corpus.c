/* Listing and loading the annotation files of a corpus. */
#include "model/output/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/path.h"
#include "model/store.h"

typedef struct PathList {
	char **items;
	size_t count, capacity;
} PathList;

static void path_list_add(PathList *list, char *path)
{
	if (list->count == list->capacity) {
		list->capacity = list->capacity ? list->capacity * 2 : 16;
		list->items = xrealloc(list->items, list->capacity * sizeof(char *));
	}
	list->items[list->count++] = path;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool walk_folder(const char *folder, PathList *list, Diagnostics *diag, unsigned depth)
{
	if (depth > 32) {
		diagnostics_add(diag, DIAG_ERROR, folder, 0, 0, "folders nested too deep");
		return false;
	}
	DIR *dir = opendir(folder);
	if (!dir) {
		diagnostics_add(diag, DIAG_ERROR, folder, 0, 0, "cannot read folder: %s", strerror(errno));
		return false;
	}
	PathList entries = {0};
	struct dirent *entry;
	while ((entry = readdir(dir)))
		if (entry->d_name[0] != '.')
			path_list_add(&entries, path_join(folder, entry->d_name));
	closedir(dir);
	if (entries.count) /* an empty folder has no array: qsort(NULL) is undefined */
		qsort(entries.items, entries.count, sizeof(char *), compare_strings);
	bool ok = true;
	for (size_t i = 0; i < entries.count; i++) {
		struct stat st;
		if (stat(entries.items[i], &st) != 0) {
			free(entries.items[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			ok &= walk_folder(entries.items[i], list, diag, depth + 1);
			free(entries.items[i]);
		} else if (has_suffix(entries.items[i], ".yaml") || has_suffix(entries.items[i], ".yml")) {
			path_list_add(list, entries.items[i]);
		} else {
			free(entries.items[i]);
		}
	}
	free(entries.items);
	return ok;
}

bool corpus_list(char *const *paths, size_t count, char ***out, size_t *out_count, Diagnostics *diag)
{
	PathList list = {0};
	bool ok = true;
	for (size_t i = 0; i < count; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diagnostics_add(diag, DIAG_ERROR, paths[i], 0, 0, "%s", strerror(errno));
			ok = false;
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = list.count;
			ok &= walk_folder(paths[i], &list, diag, 0);
			/* an empty folder is almost always a wrong path: a silent empty result would
			 * look like a corpus with nothing to report */
			if (list.count == before) {
				diagnostics_add(diag, DIAG_ERROR, paths[i], 0, 0, "no .yaml files in this folder");
				ok = false;
			}
		} else {
			path_list_add(&list, xstrdup(paths[i]));
		}
	}
	*out = list.items;
	*out_count = list.count;
	return ok;
}

void corpus_list_free(char **paths, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}

bool corpus_load(char *const *paths, size_t count, Corpus *corpus, Diagnostics *diag)
{
	char **files;
	size_t file_count;
	bool ok = corpus_list(paths, count, &files, &file_count, diag);
	corpus->files = xcalloc(file_count ? file_count : 1, sizeof(CorpusFile));
	corpus->count = file_count;
	StoreLoadOptions options = {.sha256_mismatch_is_warning = true};
	for (size_t i = 0; i < file_count; i++) {
		CorpusFile *file = &corpus->files[i];
		file->path = files[i];
		file->folder = path_folder(files[i]);
		file->set = store_load(files[i], &options, diag);
		if (!file->set)
			ok = false;
	}
	free(files);
	return ok;
}

void corpus_free(Corpus *corpus)
{
	for (size_t i = 0; i < corpus->count; i++) {
		free(corpus->files[i].path);
		free(corpus->files[i].folder);
		if (corpus->files[i].set)
			annotation_set_free(corpus->files[i].set);
	}
	free(corpus->files);
	*corpus = (Corpus){0};
}

static void strip_suffix(char *s, const char *suffix)
{
	if (has_suffix(s, suffix) && strlen(s) > strlen(suffix))
		s[strlen(s) - strlen(suffix)] = '\0';
}

char *corpus_file_stem(const char *path)
{
	char *stem = xstrdup(path_base_name(path));
	strip_suffix(stem, ".yaml");
	strip_suffix(stem, ".yml");
	strip_suffix(stem, ".saywho");
	strip_suffix(stem, ".gold");
	strip_suffix(stem, ".txt");
	return stem;
}

static bool equal_nonnull(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool corpus_same_document(const CorpusFile *a, const CorpusFile *b)
{
	if (a->set && b->set && equal_nonnull(a->set->document_id, b->set->document_id))
		return true;
	char *sa = corpus_file_stem(a->path), *sb = corpus_file_stem(b->path);
	bool same = strcmp(sa, sb) == 0 || (a->set && equal_nonnull(a->set->document_id, sb)) ||
		    (b->set && equal_nonnull(b->set->document_id, sa));
	free(sa);
	free(sb);
	if (!same && a->set && b->set && a->set->document_path && b->set->document_path) {
		char *ta = corpus_file_stem(a->set->document_path), *tb = corpus_file_stem(b->set->document_path);
		same = equal_nonnull(ta, tb);
		free(ta);
		free(tb);
	}
	return same;
}

char *corpus_document_name(const CorpusFile *file)
{
	if (file->set && file->set->document_id)
		return xstrdup(file->set->document_id);
	return corpus_file_stem(file->path);
}
