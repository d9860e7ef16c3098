/* Drawing the adjudication mode (`saywho review --compare`): the versions of the current
 * disagreement, one style per annotator with a legend, in place of the candidate list; the
 * versions' spans highlighted in the article; the state of the merged annotation.
 *
 * app/compare.c fills a CompareView and points View.compare at it; ui/draw.c calls these
 * functions when View.compare is set. Like the rest of ui/, they only read. */
#ifndef SAYWHO_UI_COMPARE_PANE_H
#define SAYWHO_UI_COMPARE_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/output/adjudicate.h"
#include "ui/term.h"
#include "ui/view.h"

/* The annotator styles (annotator-1 ... in ui/term.h); annotator k uses style k % count. */
#define COMPARE_STYLE_COUNT 4

typedef struct CompareView {
	const Adjudication *adjudication;
	size_t current;          /* item index, or ADJUDICATE_NONE */
	bool merged_present;     /* the current item has an annotation in the merged set (selected) */
	char state[160];         /* what the merged set holds for it: "alice's version", "left out" ... */
	bool follow;             /* scroll the article to the current item on the next draw */
	char keys[256];          /* "1-3 pick · 0 none · j/k move ...", from the key tables */
} CompareView;

/* The style of annotator k. */
UiStyle compare_pane_style(size_t annotator);
/* Before drawing: scrolls the article to the current item when it asks to follow. */
void compare_pane_follow(View *view);
/* Adds the current item's versions to the article's per-byte highlights (rank/style arrays of
 * `length` bytes from byte `base`, as ui/draw.c keeps them): claims where every version agrees
 * in the claim style, elsewhere in the style of the first annotator that has the byte; speaker
 * mentions and cues the same way above the claims. */
void compare_pane_highlight(const View *view, size_t base, size_t length, unsigned char *rank,
			    unsigned char *style);
/* Draws the versions pane into `window` (the list's place, view->list_rows x list_cols). */
void compare_pane_draw(const Term *term, const View *view, WINDOW *window);
/* Draws the detail lines when the current item has no merged annotation to describe; false
 * when the normal detail (the selected, merged annotation) applies. */
bool compare_pane_detail(const Term *term, const View *view, WINDOW *window, int cols);

#endif
