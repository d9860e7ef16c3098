/* The workbench (placeholder until the workbench issue lands): prints a summary. */
#include <stdio.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "app/workbench.h"

void workbench_print_options(FILE *out)
{
	fprintf(out, "Workbench options:\n");
}

int workbench_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "saywho: the workbench is not available in this build yet\n");
	return EXIT_WORK_FAILED;
}

int subcommand_review(int argc, char **argv)
{
	return workbench_main(argc, argv);
}
