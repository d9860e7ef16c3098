/* File-name arithmetic (see path.h). */
#include "model/path.h"

#include <stdbool.h>
#include <string.h>

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
