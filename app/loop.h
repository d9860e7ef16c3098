/* The main loop: read a key, run its command, draw once.
 *
 * loop_handle_key() and loop_draw() are the two halves of one pass, exposed so that key scripts
 * (tests, --replay, the benchmark) drive exactly the code the terminal drives. */
#ifndef SAYWHO_LOOP_H
#define SAYWHO_LOOP_H

#include <stdbool.h>

#include "app/app.h"

/* Runs until the app quits; the terminal is app->term. Returns the exit status. */
int loop_run(App *app);
/* One key: finds the command in the tables of the current mode, runs it; returns dirty flags.
 * Typed characters go to prompts and pickers. */
unsigned loop_handle_key(App *app, int key);
/* Draws what is dirty (everything after a resize), once. No-op without a terminal. */
void loop_draw(App *app, unsigned dirty);
/* Replays keys (keymap_parse_script) with a draw after each; resize keys (keymap_resize_key)
 * resize the screen. Stops early when the app quits. */
void loop_replay(App *app, const int *keys, size_t count);

#endif
