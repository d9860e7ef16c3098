/* What the screen shows: the state the drawing code reads.
 *
 * The app (app/) owns a View inside its App and changes it in command handlers; ui/ only reads
 * it when drawing. Indexes kept here make every draw cost what is on screen, not what is in the
 * document: annotations sorted by claim start, an interval index of every span (claim, speaker
 * mention, cue) for the highlights, speakers sorted by id, and the list's visible rows. */
#ifndef SAYWHO_UI_VIEW_H
#define SAYWHO_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annotation.h"

typedef enum { SPAN_ROLE_CLAIM, SPAN_ROLE_SPEAKER, SPAN_ROLE_CUE, SPAN_ROLE_COUNT } SpanRole;

typedef struct IndexedSpan {
	size_t start, end;   /* byte offsets */
	size_t max_end;      /* interval tree augmentation (max end in the implicit subtree) */
	unsigned annotation; /* index into set->annotations (kept small: one per span) */
	SpanRole role;
} IndexedSpan;

/* Every span of every annotation, sorted by start, with an implicit interval tree over the
 * array (Li's cgranges layout): overlap queries are O(log n + hits). */
typedef struct SpanIndex {
	IndexedSpan *spans;
	size_t count, capacity;
	int max_level;
} SpanIndex;

void span_index_build(SpanIndex *index, const AnnotationSet *set);
void span_index_free(SpanIndex *index);
/* Calls visit for each span overlapping [start, end) (or containing start when start == end),
 * in no particular order; stops when visit returns false. */
void span_index_query(const SpanIndex *index, size_t start, size_t end,
		      bool (*visit)(const IndexedSpan *span, void *context), void *context);

/* What a command changed, so the loop redraws only that (handlers return these). */
enum {
	DIRTY_ARTICLE = 1 << 0,
	DIRTY_LIST = 1 << 1,
	DIRTY_DETAIL = 1 << 2,
	DIRTY_STATUS = 1 << 3,
	DIRTY_BOTTOM = 1 << 4,   /* message / prompt line */
	DIRTY_LAYOUT = 1 << 5,   /* sizes changed: lay out and redraw everything */
	DIRTY_SELECTION = DIRTY_ARTICLE | DIRTY_LIST | DIRTY_DETAIL,
	DIRTY_REVIEW = DIRTY_ARTICLE | DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS,
	DIRTY_ALL = 0x3f,
};

typedef enum { FOCUS_LIST, FOCUS_ARTICLE } Focus;

/* The interaction mode: decides which key table applies and what the bottom line shows. */
typedef enum {
	MODE_NORMAL,
	MODE_CURSOR,    /* moving a cursor in the article, selecting a span */
	MODE_PROMPT,    /* the bottom line edits text (":" command, "/" search, note, name) */
	MODE_PICKER,    /* a filtered list to choose from (speaker, label, kind, type) */
	MODE_CONFIRM,   /* a question answered by one key */
	MODE_HELP,      /* the key help screen */
	MODE_SPEAKERS,  /* the speakers view replaces the list */
} Mode;

typedef struct PickerItem {
	char *label;        /* what is chosen ("Zhao Lijian") */
	char *detail;       /* shown after it, dimmer ("person, 4 claims"; a label's definition) */
	long value;         /* for the caller (speaker index, enum value); -1 = "create new" */
} PickerItem;

typedef struct Picker {
	char *title;
	PickerItem *items;
	size_t count;
	size_t *shown;      /* items matching the filter, in order */
	size_t shown_count;
	size_t selected;    /* index into shown */
	size_t top;         /* first shown row on screen */
	char filter[256];
	bool allow_create;  /* the last row offers to create `filter` as a new item */
	char create_default[256]; /* ... or this when nothing is typed (the selected mention's words) */
} Picker;

typedef struct Prompt {
	char prefix[64];     /* ":" "/" "note: " */
	char text[1024];
	size_t length;       /* bytes in text */
	size_t cursor;       /* byte offset in text */
} Prompt;

typedef struct View {
	const AnnotationSet *set;

	/* Indexes (rebuilt when spans or the annotation count change). */
	SpanIndex spans;
	size_t *by_start;           /* annotation indexes sorted by claim start */
	size_t by_start_count;
	size_t *speaker_order;      /* speaker indexes sorted by id (binary search by ref) */
	size_t speaker_order_count;

	/* The list: visible rows after filter and sort. */
	size_t *rows;               /* annotation indexes */
	size_t row_count;
	size_t *row_of;             /* annotation index -> row, or SIZE_MAX when filtered out */
	size_t row_of_count;
	size_t selected_row;        /* row index; meaningless when row_count == 0 */
	size_t list_top;            /* first row on screen */
	char filter_text[128];      /* shown in the list title; "" when none */
	char sort_text[32];

	/* Review counts (kept up to date on every change). */
	size_t status_counts[STATUS_COUNT];

	/* The article pane: `article_top` is the byte offset where the first screen line starts. */
	size_t article_top;
	bool selection_follows;     /* scroll the article to the selected annotation on next draw */

	/* Cursor mode. */
	size_t cursor;              /* byte offset */
	bool selecting;
	size_t anchor;              /* selection is [min(anchor,cursor), max(...) + char) */
	char cursor_purpose[64];    /* "new claim", "speaker of a3" ... for the status line */

	/* Search. */
	char search[256];
	bool has_match;
	size_t match_start, match_end;

	/* Speakers view. */
	size_t speaker_selected;    /* index into speaker_rows */
	size_t speaker_top;
	size_t *speaker_rows;       /* speaker indexes, sorted by name */
	size_t *speaker_claims;     /* claims per speaker (by speaker index) */
	size_t speaker_row_count;

	Mode mode;
	Focus focus;
	bool stacked;               /* panes above each other (forced, or narrow terminal) */
	bool force_stacked;         /* toggled by the analyst; narrow terminals always stack */
	int list_percent;           /* width (or height when stacked) of the list, 20..80 */
	size_t help_top;
	size_t help_anchor;         /* byte of help_text to show first (a context's heading), or SIZE_MAX */

	Prompt prompt;
	Picker picker;
	char confirm_question[256];

	char message[512];          /* the status message shown on the bottom line */
	bool message_is_error;

	/* Status line. */
	char file_label[256];       /* the file name as shown */
	char queue_label[64];       /* "3/120" when a queue is open; "" otherwise */
	char mode_label[96];        /* "list", "article", "cursor: new claim" ... */
	char hint[160];             /* the main keys, from the key tables */
	char *help_text;            /* the help screen (owned; generated from the key tables) */
	bool modified;

	/* Filled by drawing, read by the mouse: what is where. */
	int article_y, article_x, article_rows, article_cols;
	int list_y, list_x, list_rows, list_cols;
	size_t *line_starts;        /* byte offset at the start of each article screen line (+1 end) */
	size_t line_start_count;

	/* compare: the adjudication mode's pane (ui/compare_pane.h), or NULL */
	const struct CompareView *compare;
} View;

/* Frees a picker's items and empties it. */
void picker_clear(Picker *picker);
/* Annotation index -> its speaker entry (NULL when none), through the sorted index. */
const Speaker *view_speaker_of(const View *view, const Annotation *annotation);
const Speaker *view_find_speaker(const View *view, const char *id);
/* First index into by_start whose claim starts at or after `byte`. */
size_t view_first_at_or_after(const View *view, size_t byte);

#endif
