/* The workbench entry point: `saywho [OPTION]... FILE|DIR...` and `saywho review`. */
#ifndef SAYWHO_WORKBENCH_H
#define SAYWHO_WORKBENCH_H

#include <stdio.h>

/* Parses the workbench options and files, opens the interface; returns the exit status. */
int workbench_main(int argc, char **argv);
/* The workbench options, for the top-level --help. */
void workbench_print_options(FILE *out);

#endif
