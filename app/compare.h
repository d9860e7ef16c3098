/* The adjudication mode: `saywho review --compare A.yaml B.yaml [C.yaml...] [-o OUT] [--annotator NAME]`.
 *
 * Several annotators' files about one article are aligned (model/output/adjudicate.h). Where they
 * agree the annotation is taken; the disagreements are walked with the keyboard (context
 * "compare" of the key tables), each version highlighted in the article in its annotator's style,
 * and decided: one annotator's version (keys 1..9), or none (0). The merged (gold) file is the
 * workbench's open set, so the normal correction commands edit the merged annotation, and every
 * decision is a history step of that set: undo and redo take decisions back like any edit.
 * Saving writes the merged set (atomic, store_save) to OUT, by default
 * ARTICLE.adjudicated.yaml beside the first file, annotator "adjudicated". */
#ifndef SAYWHO_COMPARE_H
#define SAYWHO_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/app.h"
#include "app/commands.h"
#include "model/diag.h"
#include "model/journal.h"

typedef struct Compare Compare;

/* Loads the files (2 to 9 annotation files about the same article: the same text, by sha256;
 * refused with a message naming the file otherwise), aligns them and builds the merged set to
 * start from. output and annotator may be NULL (the defaults). NULL with diagnostics on failure. */
Compare *compare_open(char *const *paths, size_t count, const char *output, const char *annotator,
		      Diagnostics *diag);
/* The merged set, for app_open_set (the app owns it from then on). */
AnnotationSet *compare_take_merged(Compare *compare);
/* Joins the app after app_open_set(app, merged): hooks (undo of decisions, the question before
 * saving with undecided disagreements), the pane, the first undecided disagreement. */
void compare_attach(Compare *compare, App *app);
/* The journal of the merged file (app/session.h): the whole session is kept, since recovery
 * rebuilds the merged set from the annotators' files, and each decision goes with its step as a
 * note, so that recovery gives back the decisions as well as the merged set. */
void compare_journal_options(Compare *compare, JournalOptions *options);
/* Frees everything but the merged set (the app's); after app_free. */
void compare_free(Compare *compare);

/* Called by the loop and the command table (NULL-safe through app->compare):
 * whether a command may run now (an edit needs the current disagreement's merged annotation,
 * which it selects; refused with a message otherwise); */
bool compare_allows(App *app, CommandId command);
/* the mode label (disagreements left / total) and the key hint of the status line; */
void compare_update_labels(App *app);
/* a click on the article at `byte`: true when it falls in a disagreement, which becomes current. */
bool compare_click(App *app, size_t byte);

/* The options of --compare, for `saywho review --help`. */
void compare_print_options(FILE *out);
/* OUT for the first file: ARTICLE.adjudicated.yaml beside it (malloc'ed). */
char *compare_default_output(const char *first_path, const char *document_path);

#endif
