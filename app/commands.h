/* Every command of the workbench, in one table: id, name (for ":" and the configuration), help
 * text (for "?" and the docs), handler, and what it always makes dirty on screen.
 *
 * A handler gets the app and an optional argument (the text after the name on the command line,
 * or NULL from a key) and returns further dirty flags (ui/view.h). Handlers change the model only
 * through model/history.h, and answer in the status line with app_message. */
#ifndef SAYWHO_COMMANDS_H
#define SAYWHO_COMMANDS_H

#include <stdio.h>

#include "ui/view.h"

typedef struct App App;

/* X(id, name, help, dirty) -- the handler of X(FOO, ...) is cmd_foo in app/commands.c. */
#define COMMAND_LIST(X) \
	/* moving */ \
	X(NEXT,              "next",              "next candidate (or row, in pickers, views and help)", DIRTY_SELECTION) \
	X(PREVIOUS,          "previous",          "previous candidate (or row)", DIRTY_SELECTION) \
	X(NEXT_PENDING,      "next-pending",      "next candidate still pending", DIRTY_SELECTION) \
	X(PREVIOUS_PENDING,  "previous-pending",  "previous candidate still pending", DIRTY_SELECTION) \
	X(FIRST,             "first",             "first candidate", DIRTY_SELECTION) \
	X(LAST,              "last",              "last candidate", DIRTY_SELECTION) \
	X(NEXT_DOCUMENT,     "next-document",     "next document of the queue", DIRTY_ALL) \
	X(PREVIOUS_DOCUMENT, "previous-document", "previous document of the queue", DIRTY_ALL) \
	X(PAGE_DOWN,         "page-down",         "scroll the article (or list, help) down a page", DIRTY_SELECTION) \
	X(PAGE_UP,           "page-up",           "scroll the article (or list, help) up a page", DIRTY_SELECTION) \
	X(SCROLL_DOWN,       "scroll-down",       "scroll the article down a line", DIRTY_SELECTION) \
	X(SCROLL_UP,         "scroll-up",         "scroll the article up a line", DIRTY_SELECTION) \
	X(FOCUS,             "focus",             "move the focus between the list and the article", DIRTY_ALL) \
	X(SEARCH,            "search",            "search the article: search TEXT", DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(SEARCH_NEXT,       "search-next",       "next match of the search", DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(SEARCH_PREVIOUS,   "search-previous",   "previous match of the search", DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(GOTO,              "goto",              "select an annotation by id: goto ID", DIRTY_SELECTION) \
	X(NEXT_MISSED,       "next-missed",       "jump to the next quotation mark or cue word no annotation covers", DIRTY_ALL) \
	/* reviewing */ \
	X(ACCEPT,            "accept",            "accept the candidate and go to the next pending", DIRTY_REVIEW) \
	X(REJECT,            "reject",            "reject the candidate and go to the next pending", DIRTY_REVIEW) \
	X(RESET,             "reset",             "make the annotation a pending candidate again", DIRTY_REVIEW) \
	X(ACCEPT_ABOVE,      "accept-above",      "accept every shown candidate with confidence >= N (one undo step): accept-above N", DIRTY_REVIEW) \
	X(UNDO,              "undo",              "undo the last change (any depth)", DIRTY_ALL) \
	X(REDO,              "redo",              "redo the last undone change", DIRTY_ALL) \
	/* correcting and adding */ \
	X(SPEAKER,           "speaker",           "choose the speaker among the article's speakers, or create one", DIRTY_ALL) \
	X(MENTION,           "mention",           "re-point the speaker mention in the article", DIRTY_ALL) \
	X(CUE,               "cue",               "re-point the cue in the article", DIRTY_ALL) \
	X(CLAIM,             "claim",             "re-point the claim boundaries in the article", DIRTY_ALL) \
	X(KIND,              "kind",              "change the kind: kind [direct|indirect|mixed]", DIRTY_ALL) \
	X(LABEL,             "label",             "change the label (the picker shows definitions): label [NAME]", DIRTY_ALL) \
	X(NOTE,              "note",              "write a note on the annotation: note [TEXT]", DIRTY_ALL) \
	X(ADD,               "add",               "add a claim: select it in the article, then its speaker and cue", DIRTY_ALL) \
	X(DELETE,            "delete",            "delete an added annotation (candidates are rejected instead)", DIRTY_ALL) \
	/* the list and the screen */ \
	X(FILTER,            "filter",            "show only some: filter status=S label=L speaker=ID confidence>=N (none: all)", DIRTY_ALL) \
	X(SORT,              "sort",              "sort the list: sort position|confidence|status|label|speaker (none: next)", DIRTY_ALL) \
	X(SPEAKERS,          "speakers",          "open or close the speakers view", DIRTY_ALL) \
	X(RENAME_SPEAKER,    "rename-speaker",    "rename the selected speaker: rename-speaker NAME", DIRTY_ALL) \
	X(RETYPE_SPEAKER,    "retype-speaker",    "change the selected speaker's type", DIRTY_ALL) \
	X(MERGE_SPEAKER,     "merge-speaker",     "merge the selected speaker into another", DIRTY_ALL) \
	X(SPLIT,             "split",             "toggle the panes side by side / stacked", DIRTY_ALL) \
	X(LIST_WIDER,        "list-wider",        "make the list wider (taller when stacked)", DIRTY_ALL) \
	X(LIST_NARROWER,     "list-narrower",     "make the list narrower (shorter when stacked)", DIRTY_ALL) \
	X(MOUSE,             "mouse",             "toggle mouse clicks to select", DIRTY_BOTTOM) \
	X(HELP,              "help",              "show the keys and commands", DIRTY_ALL) \
	X(COMMAND_LINE,      "command-line",      "type a command by name (Tab completes)", DIRTY_BOTTOM) \
	X(REDRAW,            "redraw",            "redraw the screen", DIRTY_ALL) \
	X(SUSPEND,           "suspend",           "suspend to the shell (fg resumes)", DIRTY_ALL) \
	/* files */ \
	X(WRITE,             "write",             "save the file (atomic); also :w", DIRTY_STATUS | DIRTY_BOTTOM) \
	X(QUIT,              "quit",              "quit, asking first when there are unsaved changes; also :q", DIRTY_BOTTOM) \
	X(WRITE_QUIT,        "write-quit",        "save and quit; also :wq", DIRTY_BOTTOM) \
	X(QUIT_DISCARD,      "quit!",             "quit without saving; also :q!", DIRTY_BOTTOM) \
	/* cursor mode */ \
	X(CURSOR_LEFT,       "cursor-left",       "cursor one character left", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_RIGHT,      "cursor-right",      "cursor one character right", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_UP,         "cursor-up",         "cursor one line up", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_DOWN,       "cursor-down",       "cursor one line down", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_NEXT,         "word-next",         "cursor to the start of the next word", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_PREVIOUS,     "word-previous",     "cursor to the start of the previous word", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_END,          "word-end",          "cursor to the end of the word", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SENTENCE_NEXT,     "sentence-next",     "cursor to the start of the next sentence", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SENTENCE_PREVIOUS, "sentence-previous", "cursor to the start of the sentence (or the previous one)", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT,            "select",            "start or stop selecting from the cursor", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(OTHER_END,         "other-end",         "move the cursor to the other end of the selection", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT_QUOTE,      "select-quote",      "select inside the quotation marks around the cursor", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT_SENTENCE,   "select-sentence",   "select the sentence around the cursor", DIRTY_ARTICLE | DIRTY_STATUS) \
	X(NO_SPAN,           "none",              "no span here (no speaker mention or cue)", DIRTY_ALL) \
	/* prompts and pickers */ \
	X(CHOOSE,            "choose",            "use the selection / choice / line", DIRTY_ALL) \
	X(CANCEL,            "cancel",            "cancel (close the prompt, picker, view or mode)", DIRTY_ALL) \
	X(COMPLETE,          "complete",          "complete the command name", DIRTY_BOTTOM) \
	X(EDIT_LEFT,         "edit-left",         "move left in the line", DIRTY_BOTTOM) \
	X(EDIT_RIGHT,        "edit-right",        "move right in the line", DIRTY_BOTTOM) \
	X(EDIT_HOME,         "edit-home",         "to the start of the line", DIRTY_BOTTOM) \
	X(EDIT_END,          "edit-end",          "to the end of the line", DIRTY_BOTTOM) \
	X(EDIT_BACKSPACE,    "edit-backspace",    "delete the character before the cursor", DIRTY_ALL) \
	X(EDIT_DELETE,       "edit-delete",       "delete the character under the cursor", DIRTY_ALL) \
	X(EDIT_KILL,         "edit-kill",         "delete the whole line", DIRTY_ALL) \
	X(EDIT_KILL_WORD,    "edit-kill-word",    "delete the word before the cursor", DIRTY_ALL)

typedef enum {
	CMD_NONE,
#define COMMAND_ENUM(id, name, help, dirty) CMD_##id,
	COMMAND_LIST(COMMAND_ENUM)
#undef COMMAND_ENUM
	CMD_COUNT
} CommandId;

const char *command_name(CommandId command);
const char *command_help(CommandId command);
/* By name or alias (w, q, wq, x, q!); CMD_NONE when unknown. */
CommandId command_lookup(const char *name);
/* Runs a command; returns what to redraw (the table's flags and the handler's). */
unsigned command_run(App *app, CommandId command, const char *argument);
/* Runs a command line ("goto a3", "w", "filter status=candidate"); messages on error. */
unsigned command_run_line(App *app, const char *line);
/* Completes a command name prefix in place (common prefix; lists choices in the message). */
void command_complete(App *app, char *line, size_t size);
/* Handles a typed character in a prompt or picker (inserts it). */
unsigned command_insert_character(App *app, int codepoint);

#endif
