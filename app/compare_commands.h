/* The commands of the adjudication mode (`saywho review --compare`), joined to the workbench's
 * command table (app/commands.h includes this list at the end of COMMAND_LIST), so that they have
 * names for ":" and the configuration, help lines and key bindings (context "compare") like every
 * other command. Handlers live in app/compare.c. */
#ifndef SAYWHO_COMPARE_COMMANDS_H
#define SAYWHO_COMPARE_COMMANDS_H

#include "ui/view.h"

typedef struct App App;

/* X(id, name, help, handler, dirty) as in COMMAND_LIST. */
#define COMPARE_COMMAND_LIST(X) \
	X(COMPARE_NEXT,       "next-disagreement",     "next disagreement between the annotators (decided ones too)", compare_cmd_next, DIRTY_ALL) \
	X(COMPARE_PREVIOUS,   "prev-disagreement",     "previous disagreement (decided ones too)", compare_cmd_previous, DIRTY_ALL) \
	X(COMPARE_NEXT_OPEN,  "next-undecided",        "next disagreement still undecided", compare_cmd_next_open, DIRTY_ALL) \
	X(COMPARE_PREV_OPEN,  "previous-undecided",    "previous disagreement still undecided", compare_cmd_previous_open, DIRTY_ALL) \
	X(PICK_1,             "pick-1",                "take annotator 1's version (with its accept or reject decision)", compare_cmd_pick_1, DIRTY_ALL) \
	X(PICK_2,             "pick-2",                "take annotator 2's version", compare_cmd_pick_2, DIRTY_ALL) \
	X(PICK_3,             "pick-3",                "take annotator 3's version", compare_cmd_pick_3, DIRTY_ALL) \
	X(PICK_4,             "pick-4",                "take annotator 4's version", compare_cmd_pick_4, DIRTY_ALL) \
	X(PICK_5,             "pick-5",                "take annotator 5's version", compare_cmd_pick_5, DIRTY_ALL) \
	X(PICK_6,             "pick-6",                "take annotator 6's version", compare_cmd_pick_6, DIRTY_ALL) \
	X(PICK_7,             "pick-7",                "take annotator 7's version", compare_cmd_pick_7, DIRTY_ALL) \
	X(PICK_8,             "pick-8",                "take annotator 8's version", compare_cmd_pick_8, DIRTY_ALL) \
	X(PICK_9,             "pick-9",                "take annotator 9's version", compare_cmd_pick_9, DIRTY_ALL) \
	X(PICK_NONE,          "pick-none",             "leave the claim out of the merged file (none of the versions)", compare_cmd_pick_none, DIRTY_ALL) \
	X(PICK_REOPEN,        "reopen",                "make the disagreement undecided again (its merged annotation goes)", compare_cmd_reopen, DIRTY_ALL)

#define COMPARE_COMMAND_PROTOTYPE(id, name, help, handler, dirty) \
	unsigned handler(App *app, const char *argument);
COMPARE_COMMAND_LIST(COMPARE_COMMAND_PROTOTYPE)
#undef COMPARE_COMMAND_PROTOTYPE

#endif
