/* Usage errors for options getopt_long did not accept (see cli.h). */
#include <getopt.h>

#include "app/cli.h"

int cli_option_error(const char *subcommand, int getopt_result, char *const *argv)
{
	/* argv[optind - 1] is the word as typed ("--bogus", "-o", "--output"); for an unknown
	 * short option inside a cluster ("-xz") only optopt names it */
	const char *word = argv[optind - 1];
	if (getopt_result == ':')
		return cli_usage_error(subcommand, "option '%s' needs an argument", word);
	if (optopt && word[0] == '-' && word[1] != '-')
		return cli_usage_error(subcommand, "unknown option '-%c'", optopt);
	return cli_usage_error(subcommand, "unknown option '%s'", word);
}
