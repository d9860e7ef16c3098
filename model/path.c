/* File-name arithmetic (see path.h). */
#include "model/path.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/annotation.h"

char *path_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

const char *path_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *path_join(const char *folder, const char *name)
{
	size_t length = strlen(folder);
	bool slash = length && folder[length - 1] == '/';
	char *path = xmalloc(length + strlen(name) + 2);
	memcpy(path, folder, length);
	if (!slash)
		path[length++] = '/';
	strcpy(path + length, name);
	return path;
}

bool path_make_folders(const char *path, Diagnostics *diag)
{
	char *copy = xstrdup(path);
	bool ok = true;
	/* each prefix that ends before a '/' (or the whole path), from the top down */
	for (char *p = copy + 1; ok; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			diagnostics_add(diag, DIAG_ERROR, copy, 0, 0, "cannot create folder: %s", strerror(errno));
			ok = false;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat st;
	if (ok && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot write into it: not a folder");
		ok = false;
	}
	free(copy);
	return ok;
}
