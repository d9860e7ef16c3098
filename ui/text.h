/* Text on a terminal: cells by display width, wrapping, escaping.
 *
 * A cell is what one screen position (or two, for wide characters) shows: a character with the
 * combining marks that follow it, a tab expanded to the next multiple of 8, or an escape such as
 * "^[" or "<U+202E>" for a control or format character, which is never sent to the terminal. */
#ifndef SAYWHO_UI_TEXT_H
#define SAYWHO_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define UI_TAB_WIDTH 8
#define UI_CELL_CHARS 12

typedef struct UiCell {
	size_t start, end;            /* the bytes shown */
	int width;                    /* columns, >= 1 */
	wchar_t chars[UI_CELL_CHARS]; /* what to draw: a character and its marks, or an escape text */
	bool escaped;                 /* chars holds an escape (drawn in its own style) */
	bool space;                   /* a space or tab: a place to wrap */
	bool newline;                 /* a line feed: ends the line, draws nothing */
} UiCell;

/* The cell starting at byte `pos` (< size) of valid UTF-8, drawn at `column` (for tabs). */
void ui_cell_at(const char *text, size_t size, size_t pos, int column, UiCell *cell);
/* One wrapped line starting at `start`: returns where its text ends (exclusive, before a line
 * feed or the break) and sets *next to where the following line starts (size at the end). */
size_t ui_wrap_line(const char *text, size_t size, size_t start, int width, size_t *next);
/* The start of the wrapped line that contains byte `pos` (pos itself when it starts one). */
size_t ui_line_start_containing(const char *text, size_t size, size_t pos, int width);
/* The start of the wrapped line before the one starting at `line_start` (0 stays 0). */
size_t ui_previous_line_start(const char *text, size_t size, size_t line_start, int width);
/* The display width of a UTF-8 string (escapes counted as drawn). */
int ui_text_width(const char *utf8);

#endif
