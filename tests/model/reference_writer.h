/* The store's libyaml-based writer of session 1, for comparing the direct writer against. */
#ifndef SAYWHO_TESTS_REFERENCE_WRITER_H
#define SAYWHO_TESTS_REFERENCE_WRITER_H

#include <stdbool.h>
#include <stdio.h>

#include "model/store.h"

/* store_write as it was: the same arguments, the same side effects (updated, sha256). */
bool reference_store_write(AnnotationSet *set, FILE *out, const char *name_for_messages, Diagnostics *diag);

#endif
