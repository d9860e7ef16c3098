/* Test helpers shared by the store's tests: the .yaml files of a folder, a whole file read. */
#ifndef SAYWHO_TESTS_YAML_FILES_H
#define SAYWHO_TESTS_YAML_FILES_H

#include <stddef.h>

/* Calls `visit` with the path of every *.yaml file in `folder`; returns how many (0 when the
 * folder cannot be read). */
size_t for_each_yaml_file(const char *folder, void (*visit)(const char *path));
/* The file's bytes, NUL-terminated (to free); NULL when it cannot be read. */
char *read_whole_file(const char *path);

#endif
