/* The subcommands of saywho: one list, from which main.c builds its dispatch and `--help`.
 * Each entry: name, synopsis, one-line summary. The handler is `int subcommand_<name>(int, char **)`
 * (argv[0] is the subcommand name), returning the exit status: 0 success, 1 failure in the work,
 * 2 usage error (see app/cli.h). */
#ifndef SAYWHO_SUBCOMMANDS_H
#define SAYWHO_SUBCOMMANDS_H

#define SUBCOMMAND_LIST(X) \
	X(check,   "check FILE.yaml...",                    "validate annotation files and their articles") \
	X(extract, "extract [-o DIR] [-j N] FILE...",       "propose annotations with the built-in or an external engine") \
	X(export,  "export --format F [-o OUT] FILE|DIR...", "write reviewed annotations as jsonl, brat or conll") \
	X(import,  "import --format brat [-o DIR] DIR|FILE.ann...", "read brat standoff annotations into schema-1 files") \
	X(eval,    "eval GOLD PRED",                        "score predicted annotations against gold") \
	X(stats,   "stats FILE|DIR...",                     "summarise a corpus: speakers, kinds, labels, review progress") \
	X(agree,   "agree A B [C...]",                      "agreement between annotators of the same articles") \
	X(review,  "review [--compare] FILE...",            "open files in the workbench (adjudicate with --compare)")

#define SUBCOMMAND_DECLARE(name, synopsis, summary) int subcommand_##name(int argc, char **argv);
SUBCOMMAND_LIST(SUBCOMMAND_DECLARE)
#undef SUBCOMMAND_DECLARE

#endif
