/* Shared helpers of the output tests: loading fixtures, running python scorers, JSON lookups. */
#ifndef SAYWHO_TESTS_OUTPUT_HELPERS_H
#define SAYWHO_TESTS_OUTPUT_HELPERS_H

#include <stdbool.h>

#include <jansson.h>

#include "model/annotation.h"

#define SEED_GOLD "samples/china-cyberattack-accusations.gold.yaml"
#define SEED_PRED "tests/output/fixtures/seed-pred.yaml"
#define SHARED_TOOLS "../shared/tools"

/* store_load that fails the test (printing the diagnostics) when the file does not load. */
AnnotationSet *load_fixture(const char *path);
/* Runs a shell command, returns its standard output parsed as JSON (NULL on failure). */
json_t *run_json(const char *command);
/* Whether python3 with PyYAML and the shared scorers are here (else parity tests skip). */
bool have_python_scorers(void);
/* Runs the shared Python scorers for several calls in one python3 process
 * (tests/output/run_scorers.py); each call is a script and its arguments separated by tabs,
 * "score.py\tGOLD\tPRED\t--json". Returns a JSON array of their outputs, in order. Skips the
 * test when python3, PyYAML or ../shared/tools is missing. */
json_t *python_scorers(const char *const *calls, size_t count);
/* A number at a path like "claim_overlap.f1" in an object. */
double json_number_at(json_t *object, const char *path);
/* The saywho binary (SAYWHO_BIN from meson), or NULL when unknown. */
const char *saywho_binary(void);
/* A fresh empty folder under /tmp; caller frees the name. */
char *make_temp_folder(void);
/* Reads a whole file (NUL-terminated); NULL when it cannot. */
char *read_file(const char *path);

#endif
