/* saywho eval (placeholder until its issue lands). */
#include <stdio.h>

#include "app/cli.h"
#include "app/subcommands.h"

int subcommand_eval(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "saywho eval: not available in this build yet\n");
	return EXIT_WORK_FAILED;
}
