/* Shared conventions of the command line. */
#ifndef SAYWHO_CLI_H
#define SAYWHO_CLI_H

#include <stdbool.h>

enum { EXIT_OK = 0, EXIT_WORK_FAILED = 1, EXIT_USAGE = 2 };

/* Prints "saywho SUBCOMMAND: message" and a hint to --help on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *subcommand, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

#endif
