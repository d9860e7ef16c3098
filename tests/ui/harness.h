/* In-process screen tests: a fixture copied to a temporary folder, a key script, the virtual
 * screen compared with tests/ui/expected/NAME.txt (SAYWHO_UPDATE_EXPECTED=1 rewrites it). */
#ifndef SAYWHO_TESTS_UI_HARNESS_H
#define SAYWHO_TESTS_UI_HARNESS_H

#include "app/app.h"

typedef struct UiRun {
	App *app;
	char dir[256];       /* the temporary copy of the fixture */
	char path[512];      /* the opened file in it */
} UiRun;

/* Copies the fixture (FILE.saywho.yaml and FILE.txt, or only FILE.txt) and opens it at
 * cols x rows on a virtual screen. */
void ui_open(UiRun *run, const char *fixture, int cols, int rows);
/* Replays a key script (keymap_parse_script syntax); the screen is drawn after every key. */
void ui_keys(UiRun *run, const char *script);
/* The screen as text (malloc'ed). */
char *ui_screen(void);
/* Compares the screen with tests/ui/expected/NAME.txt. */
void ui_expect_screen(const char *name);
/* The annotation with this id. */
const Annotation *ui_annotation(UiRun *run, const char *id);
void ui_close(UiRun *run);

#endif
