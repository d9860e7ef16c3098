/* Reading the screen back from curses (see screen_dump.h). */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/screen_dump.h"

static void dump_row(FILE *out, int y)
{
	char line[8192];
	size_t length = 0, kept = 0;
	for (int x = 0; x < COLS; x++) {
		cchar_t cc;
		if (mvwin_wch(curscr, y, x, &cc) == ERR)
			break;
		wchar_t chars[CCHARW_MAX + 1];
		attr_t attributes;
		short pair;
		getcchar(&cc, chars, &attributes, &pair, NULL);
		if (chars[0] == 0)
			continue; /* the right half of a wide character */
		for (size_t i = 0; chars[i] && i < CCHARW_MAX; i++) {
			char bytes[MB_LEN_MAX];
			mbstate_t state;
			memset(&state, 0, sizeof state);
			size_t n = wcrtomb(bytes, chars[i], &state);
			if (n == (size_t)-1 || length + n >= sizeof line)
				continue;
			memcpy(line + length, bytes, n);
			length += n;
		}
		if (!(chars[0] == L' ' && chars[1] == 0))
			kept = length;
		int width = wcwidth(chars[0]);
		if (width == 2)
			x++;
	}
	fprintf(out, "%.*s\n", (int)kept, line);
}

void screen_dump(FILE *out)
{
	for (int y = 0; y < LINES; y++)
		dump_row(out, y);
}

char *screen_dump_string(void)
{
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	if (!out)
		return NULL;
	screen_dump(out);
	fclose(out);
	return buffer;
}

void screen_dump_attributes(FILE *out)
{
	for (int y = 0; y < LINES; y++) {
		char line[4096];
		int length = 0, kept = 0;
		for (int x = 0; x < COLS && length < (int)sizeof line - 1; x++) {
			cchar_t cc;
			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				break;
			wchar_t chars[CCHARW_MAX + 1];
			attr_t attributes;
			short pair;
			getcchar(&cc, chars, &attributes, &pair, NULL);
			attributes &= ~(attr_t)A_COLOR;
			char c;
			if (attributes == A_NORMAL)
				c = ' ';
			else if (attributes == A_REVERSE)
				c = 'r';
			else if (attributes == A_BOLD)
				c = 'b';
			else if (attributes == A_UNDERLINE)
				c = 'u';
			else if (attributes == A_DIM)
				c = 'd';
			else if (attributes == (A_REVERSE | A_BLINK))
				c = 'k';
			else if (attributes == (A_REVERSE | A_BOLD))
				c = 'R';
			else if (attributes == (A_UNDERLINE | A_BOLD))
				c = 'U';
			else
				c = '?';
			line[length++] = c;
			if (c != ' ')
				kept = length;
		}
		fprintf(out, "%.*s\n", kept, line);
	}
}
