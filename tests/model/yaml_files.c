#include "tests/model/yaml_files.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

size_t for_each_yaml_file(const char *folder, void (*visit)(const char *path))
{
	DIR *dir = opendir(folder);
	if (!dir)
		return 0;
	size_t count = 0;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		size_t length = strlen(entry->d_name);
		if (length < 5 || strcmp(entry->d_name + length - 5, ".yaml") != 0)
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
		visit(path);
		count++;
	}
	closedir(dir);
	return count;
}

char *read_whole_file(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	int c;
	while ((c = getc(in)) != EOF)
		putc(c, out);
	fclose(out);
	fclose(in);
	return text;
}
