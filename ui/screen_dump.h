/* The virtual screen as text, for tests: what a terminal of that size would show. */
#ifndef SAYWHO_UI_SCREEN_DUMP_H
#define SAYWHO_UI_SCREEN_DUMP_H

#include <stdio.h>

/* Writes every row of the current screen as UTF-8, trailing blanks removed, one line per row
 * (a wide character is written once). */
void screen_dump(FILE *out);
/* The same into a malloc'ed string. */
char *screen_dump_string(void);
/* One line per row with one letter per column for the attributes: ' ' normal, 'r' reverse,
 * 'b' bold, 'u' underline, 'd' dim, 'k' blink, 'R' reverse+bold, 'U' underline+bold, '?' other. */
void screen_dump_attributes(FILE *out);

#endif
