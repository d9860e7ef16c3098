/* The user's configuration: key bindings per context, colours, the claim label set with a
 * one-line definition of each label, and the mouse.
 *
 * It lives in $XDG_CONFIG_HOME/saywho/config.yaml, else ~/.config/saywho/config.yaml; a missing
 * file means the defaults. Every problem is reported as `file:line:col: what` and the setting in
 * question keeps its default; the rest of the file still applies. `saywho --print-config` prints
 * the effective configuration in the same format, so its output can be saved as the file.
 *
 *   keys:                 # per context (main list article cursor speakers picker prompt help)
 *     main:
 *       j: next           # key name (app/keymap.h) -> command name (":help" lists them)
 *       x: none           # unbinds
 *   colors:               # per style: fg and bg colours, mono = attributes without colour
 *     claim: {fg: black, bg: yellow, mono: "reverse"}
 *   labels:               # the claim label set, in order, each with its one-line definition
 *     accusation: says that someone did something wrong
 *   mouse: false          # clicks select candidates and spans */
#ifndef SAYWHO_CONFIG_H
#define SAYWHO_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "app/app.h"
#include "model/diag.h"

typedef struct Config Config;

/* The configuration file's path for this user (malloc'ed), whether or not it exists. NULL when
 * neither XDG_CONFIG_HOME nor HOME is set. */
char *config_user_path(void);
/* Defaults only. */
Config *config_new(void);
/* Reads the user's file (config_user_path). Never NULL: problems are in diag (with positions),
 * and what could not be read keeps its default. */
Config *config_load_user(Diagnostics *diag);
/* The same from a given file (`saywho --config FILE`, tests); a missing file is an error here. */
Config *config_load_file(const char *path, Diagnostics *diag);
/* The same from memory; `name` is used in messages. */
Config *config_load_memory(const char *name, const char *yaml, size_t size, Diagnostics *diag);
void config_free(Config *config);

/* Applies the key bindings (keymap_bind) and colours (ui_style_set) on top of the defaults;
 * a name that is not a context, key, command, style, colour or attribute is reported at its
 * position and skipped. Returns false when anything was skipped. Call before term_open.
 * The problems in diag from this configuration's file on (those of loading it too) are then put
 * in file order, by line and column. */
bool config_apply(const Config *config, Diagnostics *diag);

/* The label set in order with definitions (owned by the config). */
const LabelDefinition *config_labels(const Config *config, size_t *count);
bool config_mouse(const Config *config);

/* Writes the effective configuration (the key tables and styles as applied now, the config's
 * labels and mouse) as YAML that config_load_* reads back to the same effect. */
void config_print(const Config *config, FILE *out);

/* `saywho --print-config`: loads and applies the user's configuration, prints its problems on
 * stderr and the effective configuration on out; returns the exit status (1 when the file has
 * problems, the printout then shows the defaults used for them). */
int config_print_main(FILE *out);
/* Its line for the workbench options in --help. */
void config_print_options(FILE *out);

#endif
