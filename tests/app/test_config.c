/* The configuration file (app/config.c): reading, errors with positions, applying, printing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/config.h"
#include "app/keymap.h"
#include "ui/term.h"

static Config *load(const char *yaml, Diagnostics *diag)
{
	return config_load_memory("config.yaml", yaml, strlen(yaml), diag);
}

static const char *first_message(const Diagnostics *diag, char *out, size_t size)
{
	if (!diag->count)
		return "";
	diagnostic_format(&diag->items[0], out, size);
	return out;
}

static int key(const char *name)
{
	int code = 0;
	cr_assert(keymap_parse_key(name, &code), "key %s", name);
	return code;
}

Test(config, defaults_have_the_schema_labels_with_definitions)
{
	Config *config = config_new();
	size_t count;
	const LabelDefinition *labels = config_labels(config, &count);
	cr_assert_eq(count, annotation_default_label_count);
	for (size_t i = 0; i < count; i++) {
		cr_expect_str_eq(labels[i].name, annotation_default_labels[i]);
		cr_expect(strlen(labels[i].definition) > 10, "%s has a definition", labels[i].name);
	}
	cr_expect(!config_mouse(config));
	config_free(config);
}

Test(config, reads_keys_colours_labels_and_mouse)
{
	Diagnostics diag = { 0 };
	Config *config = load("keys:\n"
			      "  main:\n"
			      "    j: previous\n"
			      "    x: none\n"
			      "    \"C-x\": accept\n"
			      "colors:\n"
			      "  claim: {fg: red, bg: \"208\", mono: \"bold,underline\"}\n"
			      "labels:\n"
			      "  blame: says someone did wrong\n"
			      "  praise: \"says someone did well: # not a comment\"\n"
			      "mouse: true\n",
			      &diag);
	char message[256];
	cr_expect_eq(diag.count, 0, "%s", first_message(&diag, message, sizeof message));
	cr_assert(config_apply(config, &diag));
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("j")), command_lookup("previous"));
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("x")), CMD_NONE);
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("C-x")), command_lookup("accept"));
	size_t count;
	const LabelDefinition *labels = config_labels(config, &count);
	cr_assert_eq(count, 2);
	cr_expect_str_eq(labels[0].name, "blame");
	cr_expect_str_eq(labels[1].definition, "says someone did well: # not a comment");
	cr_expect(config_mouse(config));
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	ui_style_write(out, "  ");
	fclose(out);
	cr_expect(strstr(text, "claim: {fg: red, bg: 208, mono: \"bold,underline\"}"), "%s", text);
	free(text);
	config_free(config);
	diagnostics_free(&diag);
}

Test(config, problems_are_reported_at_their_position_and_defaults_kept)
{
	Diagnostics diag = { 0 };
	Config *config = load("keys:\n"
			      "  main:\n"
			      "    j: nosuchcommand\n"
			      "    \"C-nope\": next\n"
			      "    k: previous\n"
			      "    k: next\n"
			      "  elsewhere:\n"
			      "    a: accept\n"
			      "colors:\n"
			      "  claim: {fg: chartreuse}\n"
			      "  cue: {fg: red, sparkle: yes}\n"
			      "labels:\n"
			      "  good: fine\n"
			      "  two words: not a label\n"
			      "mouse: sometimes\n"
			      "colour-scheme: dark\n",
			      &diag);
	config_apply(config, &diag);
	const char *expected[] = {
		"config.yaml:3:8: unknown command 'nosuchcommand'",
		"config.yaml:4:5: unknown key name 'C-nope'",
		"config.yaml:6:5: 'k' is given twice (first at line 5)",
		"config.yaml:7:3: unknown key context 'elsewhere'",
		"config.yaml:10:3: unknown colour 'chartreuse'", /* found when applied, shown in file order */
		"config.yaml:11:18: unknown style field 'sparkle' (fg, bg, mono)",
		"config.yaml:14:3: a label is one word without spaces: 'two words'",
		"config.yaml:15:8: mouse: expected true or false",
		"config.yaml:16:1: unknown setting 'colour-scheme' (keys, colors, labels, mouse)",
	};
	cr_assert_eq(diag.count, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < diag.count; i++) {
		char line[256];
		diagnostic_format(&diag.items[i], line, sizeof line);
		cr_expect(strncmp(line, expected[i], strlen(expected[i])) == 0, "got %s, want %s", line, expected[i]);
	}
	/* What was wrong keeps its default; what was right applies. */
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("j")), command_lookup("next"));
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("k")), command_lookup("previous"));
	size_t count;
	const LabelDefinition *labels = config_labels(config, &count);
	cr_expect_eq(count, annotation_default_label_count, "half a label set is not used");
	cr_expect_str_eq(labels[0].name, "accusation");
	config_free(config);
	diagnostics_free(&diag);
}

Test(config, broken_yaml_means_defaults)
{
	Diagnostics diag = { 0 };
	Config *config = load("keys:\n  main: {j: next\n", &diag);
	cr_assert_eq(diag.count, 1);
	char line[256];
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strncmp(line, "config.yaml:3:1: ", 17) == 0, "%s", line);
	cr_expect(config_apply(config, &diag));
	config_free(config);
	diagnostics_free(&diag);

	config = load("base: &a {x: 1}\nkeys: *a\n", &diag);
	cr_assert_geq(diag.count, 1);
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strstr(line, "anchors are not allowed"), "%s", line);
	config_free(config);
	diagnostics_free(&diag);

	config = load("", &diag);
	cr_expect_eq(diag.count, 0);
	config_free(config);
	config = load("- a list\n", &diag);
	cr_expect_eq(diag.count, 1);
	config_free(config);
	diagnostics_free(&diag);
}

static char *print(const Config *config)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	config_print(config, out);
	fclose(out);
	return text;
}

Test(config, printed_configuration_loads_back_to_the_same)
{
	Diagnostics diag = { 0 };
	Config *config = load("keys:\n"
			      "  main:\n"
			      "    j: previous\n"
			      "    x: none\n"
			      "    \":\": none\n"
			      "  list:\n"
			      "    \"#\": accept\n"
			      "colors:\n"
			      "  cue: {fg: \"33\", bg: default, mono: reverse}\n"
			      "labels:\n"
			      "  \"odd:name\": \"a \\\"quoted\\\" definition\"\n"
			      "mouse: on\n",
			      &diag);
	cr_assert(config_apply(config, &diag));
	char *first = print(config);
	cr_expect(strstr(first, "\"x\": none"), "an unbound default key is printed as none");
	cr_expect(strstr(first, "\"\\\"\": select-quote") || !strstr(first, "select-quote"), "quotes escaped");
	config_free(config);

	/* Load the printout over fresh defaults: the same tables, the same printout. */
	keymap_reset();
	ui_style_reset();
	config = config_load_memory("printed.yaml", first, strlen(first), &diag);
	char message[256];
	cr_expect_eq(diag.count, 0, "%s", first_message(&diag, message, sizeof message));
	cr_assert(config_apply(config, &diag));
	char *second = print(config);
	cr_expect_str_eq(second, first);
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key("j")), command_lookup("previous"));
	cr_expect_eq(keymap_lookup(KEYMAP_LIST, key("#")), command_lookup("accept"));
	cr_expect(config_mouse(config));
	free(first);
	free(second);
	config_free(config);
	diagnostics_free(&diag);
}

Test(config, the_file_is_found_through_xdg_then_home)
{
	setenv("XDG_CONFIG_HOME", "/x/config", 1);
	char *path = config_user_path();
	cr_expect_str_eq(path, "/x/config/saywho/config.yaml");
	free(path);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/analyst", 1);
	path = config_user_path();
	cr_expect_str_eq(path, "/home/analyst/.config/saywho/config.yaml");
	free(path);
	/* No file: defaults, no complaint. */
	setenv("XDG_CONFIG_HOME", "/nonexistent-saywho-config", 1);
	Diagnostics diag = { 0 };
	Config *config = config_load_user(&diag);
	cr_expect_eq(diag.count, 0);
	config_free(config);
	/* An explicit file that is missing is an error. */
	config = config_load_file("/nonexistent-saywho-config/x.yaml", &diag);
	cr_expect_eq(diag.count, 1);
	config_free(config);
	diagnostics_free(&diag);
}
