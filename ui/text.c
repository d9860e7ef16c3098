/* Cells, widths and wrapping by display width (see text.h). */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "ui/text.h"

static size_t decode(const char *text, size_t size, size_t pos, int32_t *codepoint)
{
	utf8proc_ssize_t length = utf8proc_iterate((const utf8proc_uint8_t *)text + pos,
						   (utf8proc_ssize_t)(size - pos), codepoint);
	if (length <= 0) {
		*codepoint = -1 - (unsigned char)text[pos]; /* an invalid byte, shown as <XX> */
		return 1;
	}
	return (size_t)length;
}

static bool is_combining(int32_t codepoint)
{
	if (codepoint < 0x300)
		return false;
	utf8proc_category_t category = utf8proc_category(codepoint);
	return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_ME;
}

/* Characters that must never reach the terminal as they are: controls, and format characters
 * that reorder or hide text (bidi overrides, zero-width spaces), except the joiner of emoji. */
static bool needs_escape(int32_t codepoint)
{
	if (codepoint < 0x20 || (codepoint >= 0x7f && codepoint < 0xa0))
		return true;
	utf8proc_category_t category = utf8proc_category(codepoint);
	if (category == UTF8PROC_CATEGORY_CF)
		return codepoint != 0x200d && codepoint != 0xad;
	return category == UTF8PROC_CATEGORY_CN || category == UTF8PROC_CATEGORY_CO ||
	       category == UTF8PROC_CATEGORY_CS;
}

static int char_width(int32_t codepoint)
{
	int width = wcwidth((wchar_t)codepoint);
	if (width < 0)
		width = utf8proc_charwidth(codepoint);
	return width > 2 ? 2 : width;
}

static void set_escape(UiCell *cell, int32_t codepoint)
{
	char buffer[32];
	if (codepoint < 0)
		snprintf(buffer, sizeof buffer, "<%02X>", (unsigned)(-1 - codepoint));
	else if (codepoint < 0x20)
		snprintf(buffer, sizeof buffer, "^%c", (char)(codepoint + 0x40));
	else if (codepoint == 0x7f)
		snprintf(buffer, sizeof buffer, "^?");
	else
		snprintf(buffer, sizeof buffer, "<U+%04X>", (unsigned)codepoint);
	size_t i = 0;
	for (; buffer[i] && i < UI_CELL_CHARS - 1; i++)
		cell->chars[i] = (wchar_t)buffer[i];
	cell->chars[i] = 0;
	cell->width = (int)i;
	cell->escaped = true;
}

void ui_cell_at(const char *text, size_t size, size_t pos, int column, UiCell *cell)
{
	unsigned char byte = (unsigned char)text[pos];
	if (byte >= 0x20 && byte < 0x7f && (pos + 1 >= size || (unsigned char)text[pos + 1] < 0x80)) {
		/* Printable ASCII not followed by a combining mark: the common case, kept fast. */
		cell->start = pos;
		cell->end = pos + 1;
		cell->width = 1;
		cell->chars[0] = (wchar_t)byte;
		cell->chars[1] = 0;
		cell->escaped = false;
		cell->space = byte == ' ';
		cell->newline = false;
		return;
	}
	int32_t codepoint;
	size_t length = decode(text, size, pos, &codepoint);
	memset(cell, 0, sizeof *cell);
	cell->start = pos;
	cell->end = pos + length;
	if (codepoint == '\n') {
		cell->newline = true;
		cell->width = 0;
		return;
	}
	if (codepoint == '\t') {
		cell->width = UI_TAB_WIDTH - column % UI_TAB_WIDTH;
		cell->chars[0] = L' ';
		cell->space = true;
		return;
	}
	if (codepoint < 0 || needs_escape(codepoint)) {
		set_escape(cell, codepoint);
		return;
	}
	size_t count = 0;
	int width = 1;
	if (is_combining(codepoint) || char_width(codepoint) == 0) {
		/* A mark with nothing to sit on (start of a line): give it a space. */
		cell->chars[count++] = L' ';
	} else {
		width = char_width(codepoint);
	}
	cell->chars[count++] = (wchar_t)codepoint;
	cell->space = codepoint == ' ';
	/* Fold the following combining marks (and joiners) into this cell. */
	while (cell->end < size) {
		int32_t next;
		size_t next_length = decode(text, size, cell->end, &next);
		if (next < 0 || !(is_combining(next) || next == 0x200d ||
				  (next >= 0xfe00 && next <= 0xfe0f)))
			break;
		if (count < UI_CELL_CHARS - 1)
			cell->chars[count++] = (wchar_t)next;
		cell->end += next_length;
		if (next == 0x200d && cell->end < size) {
			/* An emoji joined to the previous one draws in the same cell. */
			size_t joined_length = decode(text, size, cell->end, &next);
			if (next > 0 && !needs_escape(next)) {
				if (count < UI_CELL_CHARS - 1)
					cell->chars[count++] = (wchar_t)next;
				cell->end += joined_length;
			}
		}
	}
	cell->chars[count] = 0;
	cell->width = width;
}

size_t ui_wrap_line(const char *text, size_t size, size_t start, int width, size_t *next)
{
	if (width < 1)
		width = 1;
	int column = 0;
	size_t pos = start;
	size_t last_break = 0; /* just after the last space on this line, 0 = none */
	while (pos < size) {
		UiCell cell;
		ui_cell_at(text, size, pos, column, &cell);
		if (cell.newline) {
			*next = cell.end;
			return pos;
		}
		if (column + cell.width > width) {
			if (cell.space) {
				*next = cell.end; /* the space at the break is not drawn */
				return pos;
			}
			if (last_break > start) {
				*next = last_break;
				return last_break;
			}
			if (pos == start) { /* a cell wider than the pane: alone on its line */
				*next = cell.end;
				return cell.end;
			}
			*next = pos;
			return pos;
		}
		column += cell.width;
		pos = cell.end;
		if (cell.space)
			last_break = pos;
	}
	*next = size;
	return size;
}

static size_t logical_line_start(const char *text, size_t pos)
{
	while (pos > 0 && text[pos - 1] != '\n')
		pos--;
	return pos;
}

size_t ui_line_start_containing(const char *text, size_t size, size_t pos, int width)
{
	if (pos > size)
		pos = size;
	size_t line = logical_line_start(text, pos);
	for (;;) {
		size_t next;
		size_t end = ui_wrap_line(text, size, line, width, &next);
		if (next > pos || next >= size || next == line || (end == pos && text[end] == '\n'))
			return line;
		line = next;
	}
}

size_t ui_previous_line_start(const char *text, size_t size, size_t line_start, int width)
{
	if (line_start == 0)
		return 0;
	return ui_line_start_containing(text, size, line_start - 1, width);
}

int ui_text_width(const char *utf8)
{
	size_t size = strlen(utf8);
	int column = 0;
	for (size_t pos = 0; pos < size;) {
		UiCell cell;
		ui_cell_at(utf8, size, pos, column, &cell);
		column += cell.width;
		pos = cell.end;
	}
	return column;
}
