/* Every command of the workbench, in one table: id, name (for ":" and the configuration), help
 * text (for "?" and the docs), handler, and what it always makes dirty on screen.
 *
 * A handler gets the app and an optional argument (the text after the name on the command line,
 * or NULL from a key) and returns further dirty flags (ui/view.h). Handlers change the model only
 * through model/history.h, and answer in the status line with app_message. */
#ifndef SAYWHO_COMMANDS_H
#define SAYWHO_COMMANDS_H

#include <stdio.h>

#include "app/compare_commands.h" /* compare: the adjudication mode's commands */
#include "ui/view.h"

typedef struct App App;

/* X(id, name, help, handler, dirty): the handlers are static functions of app/commands.c. */
#define COMMAND_LIST(X) \
	/* moving */ \
	X(NEXT,              "next",              "next candidate (or row, in pickers, views and help)", cmd_next, DIRTY_SELECTION) \
	X(PREVIOUS,          "previous",          "previous candidate (or row)", cmd_previous, DIRTY_SELECTION) \
	X(NEXT_PENDING,      "next-pending",      "next candidate still pending", cmd_next_pending, DIRTY_SELECTION) \
	X(PREVIOUS_PENDING,  "previous-pending",  "previous candidate still pending", cmd_previous_pending, DIRTY_SELECTION) \
	X(FIRST,             "first",             "first candidate", cmd_first, DIRTY_SELECTION) \
	X(LAST,              "last",              "last candidate", cmd_last, DIRTY_SELECTION) \
	X(NEXT_DOCUMENT,     "next-document",     "next document of the queue", cmd_next_document, DIRTY_ALL) \
	X(PREVIOUS_DOCUMENT, "previous-document", "previous document of the queue", cmd_previous_document, DIRTY_ALL) \
	X(PAGE_DOWN,         "page-down",         "scroll the article (or list, help) down a page", cmd_page_down, DIRTY_SELECTION) \
	X(PAGE_UP,           "page-up",           "scroll the article (or list, help) up a page", cmd_page_up, DIRTY_SELECTION) \
	X(SCROLL_DOWN,       "scroll-down",       "scroll the article down a line", cmd_scroll_down, DIRTY_SELECTION) \
	X(SCROLL_UP,         "scroll-up",         "scroll the article up a line", cmd_scroll_up, DIRTY_SELECTION) \
	X(FOCUS,             "focus",             "move the focus between the list and the article", cmd_focus, DIRTY_ALL) \
	X(SEARCH,            "search",            "search the article: search TEXT", cmd_search, DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(SEARCH_NEXT,       "search-next",       "next match of the search", cmd_search_next, DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(SEARCH_PREVIOUS,   "search-previous",   "previous match of the search", cmd_search_previous, DIRTY_SELECTION | DIRTY_BOTTOM) \
	X(GOTO,              "goto",              "select an annotation by id: goto ID", cmd_goto, DIRTY_SELECTION) \
	X(NEXT_MISSED,       "next-missed",       "jump to the next quotation mark or cue word no annotation covers", cmd_next_missed, DIRTY_ALL) \
	/* reviewing */ \
	X(ACCEPT,            "accept",            "accept the candidate and go to the next pending", cmd_accept, DIRTY_REVIEW) \
	X(REJECT,            "reject",            "reject the candidate and go to the next pending", cmd_reject, DIRTY_REVIEW) \
	X(RESET,             "reset",             "make the annotation a pending candidate again", cmd_reset, DIRTY_REVIEW) \
	X(ACCEPT_ABOVE,      "accept-above",      "accept every shown candidate with confidence >= N (one undo step): accept-above N", cmd_accept_above, DIRTY_REVIEW) \
	X(UNDO,              "undo",              "undo the last change (any depth)", cmd_undo, DIRTY_ALL) \
	X(REDO,              "redo",              "redo the last undone change", cmd_redo, DIRTY_ALL) \
	/* correcting and adding */ \
	X(SPEAKER,           "speaker",           "choose the speaker among the article's speakers, or create one", cmd_speaker, DIRTY_ALL) \
	X(MENTION,           "mention",           "re-point the speaker mention in the article", cmd_mention, DIRTY_ALL) \
	X(CUE,               "cue",               "re-point the cue in the article", cmd_cue, DIRTY_ALL) \
	X(CLAIM,             "claim",             "re-point the claim boundaries in the article", cmd_claim, DIRTY_ALL) \
	X(KIND,              "kind",              "change the kind: kind [direct|indirect|mixed]", cmd_kind, DIRTY_ALL) \
	X(LABEL,             "label",             "change the label (the picker shows definitions): label [NAME]", cmd_label, DIRTY_ALL) \
	X(NOTE,              "note",              "write a note on the annotation: note [TEXT]", cmd_note, DIRTY_ALL) \
	X(ADD,               "add",               "add a claim: select it in the article, then its speaker and cue", cmd_add, DIRTY_ALL) \
	X(DELETE,            "delete",            "delete an added annotation (candidates are rejected instead)", cmd_delete, DIRTY_ALL) \
	/* the list and the screen */ \
	X(FILTER,            "filter",            "show only some: filter status=S label=L speaker=ID confidence>=N, or filter all", cmd_filter, DIRTY_ALL) \
	X(SORT,              "sort",              "sort the list: sort position|confidence|status|label|speaker (none: next)", cmd_sort, DIRTY_ALL) \
	X(SPEAKERS,          "speakers",          "open or close the speakers view", cmd_speakers, DIRTY_ALL) \
	X(RENAME_SPEAKER,    "rename-speaker",    "rename the selected speaker: rename-speaker NAME", cmd_rename_speaker, DIRTY_ALL) \
	X(RETYPE_SPEAKER,    "retype-speaker",    "change the selected speaker's type", cmd_retype_speaker, DIRTY_ALL) \
	X(MERGE_SPEAKER,     "merge-speaker",     "merge the selected speaker into another", cmd_merge_speaker, DIRTY_ALL) \
	X(SPLIT,             "split",             "toggle the panes side by side / stacked", cmd_split, DIRTY_ALL) \
	X(LIST_WIDER,        "list-wider",        "make the list wider (taller when stacked)", cmd_list_wider, DIRTY_ALL) \
	X(LIST_NARROWER,     "list-narrower",     "make the list narrower (shorter when stacked)", cmd_list_narrower, DIRTY_ALL) \
	X(MOUSE,             "mouse",             "toggle mouse clicks to select", cmd_mouse, DIRTY_BOTTOM) \
	X(HELP,              "help",              "show the keys and commands", cmd_help, DIRTY_ALL) \
	X(COMMAND_LINE,      "command-line",      "type a command by name (Tab completes)", cmd_command_line, DIRTY_BOTTOM) \
	X(REDRAW,            "redraw",            "redraw the screen", cmd_redraw, DIRTY_ALL) \
	X(SUSPEND,           "suspend",           "suspend to the shell (fg resumes)", cmd_suspend, DIRTY_ALL) \
	/* files */ \
	X(WRITE,             "write",             "save the file (atomic); also :w", cmd_write, DIRTY_STATUS | DIRTY_BOTTOM) \
	X(QUIT,              "quit",              "quit, asking first when there are unsaved changes; also :q", cmd_quit, DIRTY_BOTTOM) \
	X(WRITE_QUIT,        "write-quit",        "save and quit; also :wq", cmd_write_quit, DIRTY_BOTTOM) \
	X(QUIT_DISCARD,      "quit!",             "quit without saving; also :q!", cmd_quit_discard, DIRTY_BOTTOM) \
	/* cursor mode */ \
	X(CURSOR_LEFT,       "cursor-left",       "cursor one character left", cmd_cursor_left, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_RIGHT,      "cursor-right",      "cursor one character right", cmd_cursor_right, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_UP,         "cursor-up",         "cursor one line up", cmd_cursor_up, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(CURSOR_DOWN,       "cursor-down",       "cursor one line down", cmd_cursor_down, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_NEXT,         "word-next",         "cursor to the start of the next word", cmd_word_next, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_PREVIOUS,     "word-previous",     "cursor to the start of the previous word", cmd_word_previous, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(WORD_END,          "word-end",          "cursor to the end of the word", cmd_word_end, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SENTENCE_NEXT,     "sentence-next",     "cursor to the start of the next sentence", cmd_sentence_next, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SENTENCE_PREVIOUS, "sentence-previous", "cursor to the start of the sentence (or the previous one)", cmd_sentence_previous, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT,            "select",            "start or stop selecting from the cursor", cmd_select, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(OTHER_END,         "other-end",         "move the cursor to the other end of the selection", cmd_other_end, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT_QUOTE,      "select-quote",      "select inside the quotation marks around the cursor", cmd_select_quote, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(SELECT_SENTENCE,   "select-sentence",   "select the sentence around the cursor", cmd_select_sentence, DIRTY_ARTICLE | DIRTY_STATUS) \
	X(NO_SPAN,           "no-span",           "no span here (no speaker mention or cue)", cmd_no_span, DIRTY_ALL) \
	/* prompts and pickers */ \
	X(CHOOSE,            "choose",            "use the selection / choice / line", cmd_choose, DIRTY_ALL) \
	X(CANCEL,            "cancel",            "cancel (close the prompt, picker, view or mode)", cmd_cancel, DIRTY_ALL) \
	X(COMPLETE,          "complete",          "complete the command name", cmd_complete, DIRTY_BOTTOM | DIRTY_DETAIL) \
	X(EDIT_LEFT,         "edit-left",         "move left in the line", cmd_edit_left, DIRTY_BOTTOM) \
	X(EDIT_RIGHT,        "edit-right",        "move right in the line", cmd_edit_right, DIRTY_BOTTOM) \
	X(EDIT_HOME,         "edit-home",         "to the start of the line", cmd_edit_home, DIRTY_BOTTOM) \
	X(EDIT_END,          "edit-end",          "to the end of the line", cmd_edit_end, DIRTY_BOTTOM) \
	X(EDIT_BACKSPACE,    "edit-backspace",    "delete the character before the cursor", cmd_edit_backspace, DIRTY_ALL) \
	X(EDIT_DELETE,       "edit-delete",       "delete the character under the cursor", cmd_edit_delete, DIRTY_ALL) \
	X(EDIT_KILL,         "edit-kill",         "delete the whole line", cmd_edit_kill, DIRTY_ALL) \
	X(EDIT_KILL_WORD,    "edit-kill-word",    "delete the word before the cursor", cmd_edit_kill_word, DIRTY_ALL) \
	/* compare: adjudicating several annotators (app/compare.c) */ \
	COMPARE_COMMAND_LIST(X)

typedef enum {
	CMD_NONE,
#define COMMAND_ENUM(id, name, help, handler, dirty) CMD_##id,
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
