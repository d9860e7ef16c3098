/* The terminal: curses set-up on given streams, restore on every exit, styles.
 *
 * term_open() takes its input and output streams, so tests and benchmarks draw into a virtual
 * screen (newterm on a pipe or /dev/null at a fixed size) with no terminal. Keys come in raw mode
 * (Ctrl-S, Ctrl-C, Ctrl-Z reach the program). Fatal signals restore the terminal before dying. */
#ifndef SAYWHO_UI_TERM_H
#define SAYWHO_UI_TERM_H

#include <stdbool.h>
#include <stdio.h>

typedef struct Term Term;

/* Keys are ints: a Unicode code point, or TERM_KEY_SPECIAL + a curses KEY_* code (special keys
 * live above the last code point so they never collide with characters). */
#define TERM_KEY_SPECIAL 0x110000

/* Styles of the screen. X(id, name, colour fg, colour bg, attributes without colour).
 * Colours: default black red green yellow blue magenta cyan white, or 0-255. */
#define UI_STYLE_LIST(X) \
	X(TEXT,       "text",       "default", "default", "normal") \
	X(CLAIM,      "claim",      "black",   "yellow",  "reverse") \
	X(SPEAKER,    "speaker",    "black",   "cyan",    "bold,underline") \
	X(CUE,        "cue",        "black",   "magenta", "underline") \
	X(PENDING,    "pending",    "yellow",  "default", "underline") \
	X(ACCEPTED,   "accepted",   "green",   "default", "normal") \
	X(REJECTED,   "rejected",   "red",     "default", "dim") \
	X(CORRECTED,  "corrected",  "cyan",    "default", "normal") \
	X(ADDED,      "added",      "blue",    "default", "normal") \
	X(MATCH,      "match",      "black",   "green",   "reverse,bold") \
	X(CURSOR,     "cursor",     "white",   "red",     "reverse,blink") \
	X(SELECTION,  "selection",  "black",   "white",   "reverse") \
	X(ESCAPED,    "escaped",    "red",     "default", "bold") \
	X(ROW,        "row",        "black",   "cyan",    "reverse") \
	X(HEADER,     "header",     "default", "default", "bold") \
	X(STATUS,     "status",     "black",   "white",   "reverse") \
	X(ERROR,      "error",      "red",     "default", "bold") \
	X(DIM,        "dim",        "default", "default", "dim") \
	X(BORDER,     "border",     "default", "default", "normal") \
	/* compare: one style per annotator (review --compare) */ \
	X(ANNOTATOR_1, "annotator-1", "white", "blue",    "underline") \
	X(ANNOTATOR_2, "annotator-2", "black", "green",   "bold") \
	X(ANNOTATOR_3, "annotator-3", "black", "red",     "reverse") \
	X(ANNOTATOR_4, "annotator-4", "white", "magenta", "bold,underline")

typedef enum {
#define UI_STYLE_ENUM(id, name, fg, bg, mono) UI_STYLE_##id,
	UI_STYLE_LIST(UI_STYLE_ENUM)
#undef UI_STYLE_ENUM
	UI_STYLE_COUNT
} UiStyle;

/* Sets a style's colours ("red", "default", "208") and/or its attributes without colour
 * ("bold,underline"); NULL leaves a part. False with a message when a name is unknown.
 * Call before term_open (the configuration). */
bool ui_style_set(const char *style, const char *fg, const char *bg, const char *attributes,
		  char *error, size_t error_size);
/* Writes the effective styles as YAML lines ("  claim: {fg: black, bg: yellow, mono: reverse}"). */
void ui_style_write(FILE *out, const char *indent);
void ui_style_reset(void);

/* Opens curses on the streams. rows/cols > 0 force a size (virtual screens). NULL on failure
 * (message in error). Colours are used when the terminal has them and NO_COLOR is unset. */
Term *term_open(FILE *in, FILE *out, int rows, int cols, char *error, size_t error_size);
/* Ends curses and restores the terminal. Safe to call twice. */
void term_close(Term *term);
/* The curses attributes of a style (colour pair or mono attributes). */
int term_style(const Term *term, UiStyle style);
bool term_has_colors(const Term *term);
/* Reads one key (blocking): a code point, or TERM_KEY_SPECIAL + KEY_*; -1 at end of input.
 * Enter is '\r' however it arrives; Backspace is TERM_KEY_SPECIAL + KEY_BACKSPACE. */
int term_read_key(Term *term);
/* Leaves curses, stops the process (as Ctrl-Z), and comes back. */
void term_suspend(Term *term);
/* Resizes the virtual screen (tests, replay) or takes the new real size. */
void term_resize(Term *term, int rows, int cols);
void term_mouse(Term *term, bool on);

#endif
