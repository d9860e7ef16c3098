/* Diagnostics: problems found while reading files, each with a position.
 *
 * Every loader in model/ reports through a Diagnostics list instead of printing, so that the
 * command line prints them as `file:line:col: message`, the workbench shows them in its status
 * line, and tests assert on them. Lines and columns are 1-based; a column counts code points.
 * A line of 0 means "no position" (the whole file). */
#ifndef SAYWHO_DIAG_H
#define SAYWHO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct Diagnostic {
	DiagSeverity severity;
	char *file;         /* as given by the caller (the path the user typed) */
	unsigned line;      /* 1-based; 0 when the problem has no position */
	unsigned column;    /* 1-based, in code points */
	char *message;      /* "what is wrong", without the position prefix */
} Diagnostic;

typedef struct Diagnostics {
	Diagnostic *items;
	size_t count, capacity;
} Diagnostics;

void diagnostics_add(Diagnostics *diag, DiagSeverity severity, const char *file, unsigned line,
		     unsigned column, const char *format, ...)
	__attribute__((format(printf, 6, 7)));
void diagnostics_vadd(Diagnostics *diag, DiagSeverity severity, const char *file, unsigned line,
		      unsigned column, const char *format, va_list args);
size_t diagnostics_error_count(const Diagnostics *diag);
/* "file:line:col: message" (or "file: message" without a position); warnings say "warning: ". */
void diagnostic_format(const Diagnostic *d, char *out, size_t size);
void diagnostics_print(const Diagnostics *diag, FILE *out);
void diagnostics_clear(Diagnostics *diag);
void diagnostics_free(Diagnostics *diag);

#endif
