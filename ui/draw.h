/* Drawing the workbench from a View: layout, article pane, candidate list, speakers view,
 * detail and status lines, the bottom line (messages, prompts), pickers, help, "too small".
 * Only the loop calls ui_draw, once per pass; the rest keeps the article scroll position
 * consistent with the pane's width (wrapping depends on it). */
#ifndef SAYWHO_UI_DRAW_H
#define SAYWHO_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "ui/term.h"
#include "ui/view.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
#define UI_STACK_BELOW_COLS 100

/* Computes the pane geometry for the current screen size into the view (article_rows ...).
 * Returns false when the terminal is too small. */
bool ui_layout(View *view, int rows, int cols);
/* Forgets the windows of a screen that term_close ended (term.c calls it). */
void ui_draw_forget(void);
/* Draws what `dirty` says (DIRTY_* of view.h), then one doupdate(). */
void ui_draw(Term *term, View *view, unsigned dirty);

/* Article scrolling, by wrapped lines of the current pane width. */
void ui_article_scroll(View *view, long lines);
/* Scrolls so that [start, end) is visible (its start a third of the way down when it moves). */
void ui_article_show(View *view, size_t start, size_t end);
/* The byte offset just after the last line on screen. */
size_t ui_article_bottom(const View *view);
/* The cursor one wrapped line up/down, keeping the column as well as it can. */
size_t ui_article_vertical(const View *view, size_t cursor, int direction);
/* Where a screen position falls: the article byte offset (true) or not in the article. */
bool ui_article_hit(const View *view, int y, int x, size_t *byte);

/* Text for other panes (compare): UTF-8 from column x, at most `width` columns, cut with "…";
 * returns the columns used. ui_fill paints `width` blank cells. */
int ui_put_text(WINDOW *window, int y, int x, int width, const char *text, int attributes);
void ui_fill(WINDOW *window, int y, int x, int width, int attributes);

#endif
