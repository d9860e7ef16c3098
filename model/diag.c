#include "model/diag.h"

#include <stdlib.h>
#include <string.h>

#include "model/annotation.h"

void diagnostics_vadd(Diagnostics *diag, DiagSeverity severity, const char *file, unsigned line,
		      unsigned column, const char *format, va_list args)
{
	if (!diag)
		return;
	if (diag->count == diag->capacity) {
		diag->capacity = diag->capacity ? diag->capacity * 2 : 8;
		diag->items = xrealloc(diag->items, diag->capacity * sizeof *diag->items);
	}
	char *message = xvasprintf(format, args);
	diag->items[diag->count++] = (Diagnostic){
		.severity = severity,
		.file = xstrdup(file ? file : "-"),
		.line = line,
		.column = column,
		.message = message,
	};
}

void diagnostics_add(Diagnostics *diag, DiagSeverity severity, const char *file, unsigned line,
		     unsigned column, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	diagnostics_vadd(diag, severity, file, line, column, format, args);
	va_end(args);
}

size_t diagnostics_error_count(const Diagnostics *diag)
{
	size_t errors = 0;
	for (size_t i = 0; diag && i < diag->count; i++)
		errors += diag->items[i].severity == DIAG_ERROR;
	return errors;
}

void diagnostic_format(const Diagnostic *d, char *out, size_t size)
{
	const char *level = d->severity == DIAG_WARNING ? "warning: " : "";
	if (d->line > 0)
		snprintf(out, size, "%s:%u:%u: %s%s", d->file, d->line, d->column ? d->column : 1,
			 level, d->message);
	else
		snprintf(out, size, "%s: %s%s", d->file, level, d->message);
}

void diagnostics_print(const Diagnostics *diag, FILE *out)
{
	for (size_t i = 0; diag && i < diag->count; i++) {
		char line[4096];
		diagnostic_format(&diag->items[i], line, sizeof line);
		fprintf(out, "%s\n", line);
	}
}

void diagnostics_clear(Diagnostics *diag)
{
	for (size_t i = 0; diag && i < diag->count; i++) {
		free(diag->items[i].file);
		free(diag->items[i].message);
	}
	if (diag)
		diag->count = 0;
}

void diagnostics_free(Diagnostics *diag)
{
	if (!diag)
		return;
	diagnostics_clear(diag);
	free(diag->items);
	*diag = (Diagnostics){0};
}
