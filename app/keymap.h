/* Key bindings: one table per context, one key-name parser shared by the configuration, the key
 * scripts (tests, --replay) and the help screen.
 *
 * Key names: a single character ("j", ":", "é"), "C-x" for control keys, and the names
 * Enter Esc Tab S-Tab Space Backspace Delete Insert Up Down Left Right Home End PageUp PageDown
 * F1..F12 Mouse Resize. Keys are ints: a Unicode code point, or KEYMAP_SPECIAL + a curses KEY_*. */
#ifndef SAYWHO_KEYMAP_H
#define SAYWHO_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/commands.h"
#include "ui/term.h"

#define KEYMAP_SPECIAL TERM_KEY_SPECIAL

/* The contexts: which table applies. main applies in the normal mode under list and article. */
#define KEYMAP_CONTEXT_LIST(X) \
	X(MAIN,     "main",     "Everywhere in the normal mode") \
	X(LIST,     "list",     "The candidate list has the focus") \
	X(ARTICLE,  "article",  "The article has the focus") \
	X(COMPARE,  "compare",  "Adjudicating several annotators (review --compare)") \
	X(CURSOR,   "cursor",   "Moving a cursor in the article to select a span") \
	X(SPEAKERS, "speakers", "The speakers view") \
	X(PICKER,   "picker",   "Choosing from a list (type to filter)") \
	X(PROMPT,   "prompt",   "Editing the bottom line") \
	X(HELP,     "help",     "This help")

typedef enum {
#define KEYMAP_CONTEXT_ENUM(id, name, help) KEYMAP_##id,
	KEYMAP_CONTEXT_LIST(KEYMAP_CONTEXT_ENUM)
#undef KEYMAP_CONTEXT_ENUM
	KEYMAP_CONTEXT_COUNT
} KeymapContext;

const char *keymap_context_name(KeymapContext context);
const char *keymap_context_help(KeymapContext context);
bool keymap_context_parse(const char *name, KeymapContext *out);

/* Parses one key name; false when it is not a key. */
bool keymap_parse_key(const char *name, int *key);
/* The name of a key, as keymap_parse_key reads it. */
void keymap_key_name(int key, char *out, size_t size);

/* The command bound to a key in one context, or CMD_NONE. */
CommandId keymap_lookup(KeymapContext context, int key);
/* Binds (or with command "none", unbinds) a key in a context, replacing what it had: keeps one
 * command per key per context. False with a message in `error` when a name is unknown. */
bool keymap_bind(const char *context, const char *key, const char *command, char *error,
		 size_t error_size);
/* Back to the defaults (tests). */
void keymap_reset(void);

/* Calls visit for every binding of a context, in table order (help screen, --print-config). */
void keymap_each(KeymapContext context, void (*visit)(int key, CommandId command, void *ctx),
		 void *ctx);
/* The keys bound to a command in a context, as "j, Down" (empty when none). */
void keymap_keys_of(KeymapContext context, CommandId command, char *out, size_t size);

/* Splits a key script into keys: whitespace-separated key names; "quoted text" types each
 * character of the text (a lone " is the key "); # after white space starts a comment. Returns the number of keys (the
 * array is malloc'ed), or -1 with a message "script:line:col: what" in error. */
long keymap_parse_script(const char *name, const char *script, int **keys, char *error,
			 size_t error_size);

/* Key scripts can resize the virtual screen: the token "resize:COLSxROWS" is one key. */
int keymap_resize_key(int rows, int cols);
bool keymap_is_resize(int key, int *rows, int *cols);

/* Writes the help text generated from the tables (one section per context). */
void keymap_write_help(FILE *out);

#endif
