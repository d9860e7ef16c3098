#include "helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <limits.h>

#include "model/store.h"

AnnotationSet *load_fixture(const char *path)
{
	Diagnostics diag = {0};
	AnnotationSet *set = store_load(path, NULL, &diag);
	if (!set || diagnostics_error_count(&diag))
		diagnostics_print(&diag, stderr);
	cr_assert_not_null(set, "fixture %s did not load", path);
	diagnostics_free(&diag);
	return set;
}

json_t *run_json(const char *command)
{
	FILE *pipe = popen(command, "r");
	if (!pipe)
		return NULL;
	/* read everything before closing, so that the writer never meets a closed pipe */
	size_t size = 0, capacity = 4096;
	char *output = malloc(capacity);
	size_t got;
	while ((got = fread(output + size, 1, capacity - size - 1, pipe)) > 0) {
		size += got;
		if (capacity - size < 1024)
			output = realloc(output, capacity *= 2);
	}
	output[size] = '\0';
	int status = pclose(pipe);
	json_error_t error;
	json_t *value = json_loads(output, 0, &error);
	free(output);
	if (!value)
		fprintf(stderr, "%s: %s (line %d)\n", command, error.text, error.line);
	if (status != 0 && value) {
		fprintf(stderr, "%s: exit status %d\n", command, status);
	}
	return value;
}

/* Whether python3 is on PATH, found without starting a process (each start costs seconds on
 * a loaded machine; whether PyYAML is there, python_scorers finds out). */
static bool python_on_path(void)
{
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char *copy = strdup(path), *save = NULL;
	bool found = false;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char candidate[PATH_MAX];
		snprintf(candidate, sizeof candidate, "%s/python3", dir);
		found = access(candidate, X_OK) == 0;
	}
	free(copy);
	return found;
}

bool have_python_scorers(void)
{
	return access(SHARED_TOOLS "/score.py", R_OK) == 0 && access(SHARED_TOOLS "/polnear_score.py", R_OK) == 0 &&
	       python_on_path();
}

json_t *python_scorers(const char *const *calls, size_t count)
{
	if (!have_python_scorers())
		cr_skip_test("python3 or ../shared/tools not found");
	size_t size = 64 + strlen(SHARED_TOOLS);
	for (size_t i = 0; i < count; i++)
		size += strlen(calls[i]) + 3;
	char *command = xmalloc(size);
	int used = sprintf(command, "python3 tests/output/run_scorers.py %s", SHARED_TOOLS);
	for (size_t i = 0; i < count; i++)
		used += sprintf(command + used, " '%s'", calls[i]);
	FILE *pipe = popen(command, "r");
	cr_assert_not_null(pipe);
	char *output = NULL;
	size_t length = 0;
	FILE *buffer = open_memstream(&output, &length);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, pipe)) > 0)
		fwrite(chunk, 1, got, buffer);
	fclose(buffer);
	int status = pclose(pipe);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		cr_skip_test("python3 has no PyYAML");
	json_error_t error;
	json_t *results = json_loads(output, 0, &error);
	cr_assert(results && json_array_size(results) == count, "%s: %s", command, output);
	free(output);
	free(command);
	return results;
}

double json_number_at(json_t *object, const char *path)
{
	char *copy = strdup(path), *save = NULL;
	json_t *value = object;
	for (char *key = strtok_r(copy, ".", &save); key && value; key = strtok_r(NULL, ".", &save))
		value = json_object_get(value, key);
	free(copy);
	cr_assert(value && json_is_number(value), "no number at %s", path);
	return json_number_value(value);
}

const char *saywho_binary(void)
{
	const char *bin = getenv("SAYWHO_BIN");
	return bin && access(bin, X_OK) == 0 ? bin : NULL;
}

char *make_temp_folder(void)
{
	char *name = strdup("/tmp/saywho-output-test-XXXXXX");
	cr_assert_not_null(mkdtemp(name));
	return name;
}

char *read_file(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	long size = ftell(in);
	fseek(in, 0, SEEK_SET);
	char *data = malloc((size_t)size + 1);
	size_t got = fread(data, 1, (size_t)size, in);
	data[got] = '\0';
	fclose(in);
	return data;
}
