/* External extraction engines: any program that reads an article on standard input and writes a
 * schema-1 annotation file on standard output (the contract is in the README, "External
 * engines").
 *
 * The program runs through `/bin/sh -c COMMAND` in its own process group, with the article's
 * bytes on its standard input and its standard output and error captured. Input and output are
 * moved concurrently with poll(), so an engine that writes before it has read everything never
 * deadlocks. It fails, with a diagnostic naming the engine, when it cannot be started, exits with
 * a non-zero status or on a signal, runs past the time limit (its whole process group is then
 * killed), writes more than the output limit, or writes a file that does not load. Its output
 * is validated like any file (store_load_memory against the article), and an external engine
 * proposes candidates only: an annotation with any other status, or an `optional` list, is
 * refused. The last lines of its standard error are added to the diagnostics when it fails.
 *
 * Thread-safe: several engines may run at once from different threads. SIGPIPE (an engine that
 * exits without reading its input) is blocked and consumed in the calling thread. */
#ifndef SAYWHO_EXTERNAL_H
#define SAYWHO_EXTERNAL_H

#include <stddef.h>

#include "model/annotation.h"
#include "model/diag.h"

#define EXTERNAL_DEFAULT_TIMEOUT_SECONDS 60.0
/* The default output limit: generous for any annotation file of the article (spans repeat
 * its text), small enough to stop a runaway engine before it fills memory. */
#define EXTERNAL_OUTPUT_BASE ((size_t)64 << 20)
#define EXTERNAL_OUTPUT_PER_ARTICLE_BYTE 16

typedef struct ExternalEngine {
	const char *command;       /* run as /bin/sh -c command */
	double timeout_seconds;    /* wall clock, from start to exit; <= 0: no limit */
	size_t max_output;         /* bytes of standard output accepted; 0: the default,
				    * EXTERNAL_OUTPUT_BASE + 16 x the article's size */
} ExternalEngine;

/* Runs the engine on `article` (ownership passes to the result, also on failure) and returns
 * the annotation set it proposed, or NULL with the reasons in diag. The diagnostics are filed
 * under the article's name. The set has no document path and no file path: the caller decides
 * where it goes. When the output has no `engine:`, the command is recorded as its name; when it
 * has no `labels:`, the default label set is used. */
AnnotationSet *external_extract(const ExternalEngine *engine, Article *article, Diagnostics *diag);

#endif
