/* Shared conventions of the command line. */
#ifndef SAYWHO_CLI_H
#define SAYWHO_CLI_H

#include <stdbool.h>

enum { EXIT_OK = 0, EXIT_WORK_FAILED = 1, EXIT_USAGE = 2 };

/* Prints "saywho SUBCOMMAND: message" and a hint to --help on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *subcommand, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* The usage error for what getopt_long returned instead of an option (run it with opterr = 0
 * and an optstring that starts with "+:"): "unknown option '--x'" for '?', "option '-o' needs
 * an argument" for ':'. Returns EXIT_USAGE. */
int cli_option_error(const char *subcommand, int getopt_result, char *const *argv);

#endif
