#include "app/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "app/commands.h"
#include "app/keymap.h"
#include "ui/term.h"

/* The claim labels of SCHEMA.md with what each means, used when the file names none. */
static const LabelDefinition default_labels[] = {
	{ "accusation", "says that someone did something wrong: blames, alleges, charges" },
	{ "denial", "rejects an accusation or a claim as false" },
	{ "statistic", "reports a number, an amount or a measurement" },
	{ "demand", "calls on someone to do something or to stop doing it" },
	{ "position", "states a stance, an opinion, a policy or an intention" },
	{ "other", "an attributed claim that fits none of the other labels" },
};

typedef struct Binding {
	char *context, *key, *command;
	unsigned line, column;
} Binding;

typedef struct Style {
	char *name, *fg, *bg, *mono;
	unsigned line, column;
} Style;

struct Config {
	char *name; /* the file, for messages */
	Binding *bindings;
	size_t binding_count;
	Style *styles;
	size_t style_count;
	LabelDefinition *labels; /* strings owned (cast away from const on free) */
	size_t label_count;
	bool labels_owned;
	bool mouse;
};

/* ---- a small YAML tree with positions ------------------------------------------------------- */

typedef enum { NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING } NodeType;

typedef struct Node {
	NodeType type;
	char *scalar;
	bool plain;             /* an unquoted scalar: `null` and `~` mean nothing there */
	unsigned line, column;  /* 1-based */
	struct Node **items;    /* sequence items; mapping values */
	struct Node **keys;     /* mapping keys */
	size_t count;
} Node;

#define CONFIG_MAX_DEPTH 16

static void node_free(Node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->count; i++) {
		node_free(node->items[i]);
		if (node->keys)
			node_free(node->keys[i]);
	}
	free(node->items);
	free(node->keys);
	free(node->scalar);
	free(node);
}

typedef struct Parser {
	yaml_parser_t yaml;
	const char *name;
	Diagnostics *diag;
	bool failed;
} Parser;

static void parser_error(Parser *parser, const yaml_mark_t *mark, const char *message)
{
	if (parser->failed)
		return;
	parser->failed = true;
	diagnostics_add(parser->diag, DIAG_ERROR, parser->name, (unsigned)mark->line + 1,
			(unsigned)mark->column + 1, "%s", message);
}

static bool next_event(Parser *parser, yaml_event_t *event)
{
	if (yaml_parser_parse(&parser->yaml, event))
		return true;
	char message[256];
	snprintf(message, sizeof message, "%s%s%s", parser->yaml.problem ? parser->yaml.problem : "bad YAML",
		 parser->yaml.context ? " " : "", parser->yaml.context ? parser->yaml.context : "");
	parser_error(parser, &parser->yaml.problem_mark, message);
	return false;
}

static Node *parse_node(Parser *parser, yaml_event_t *event, int depth);

static void node_append(Node *node, Node *key, Node *value)
{
	node->items = xrealloc(node->items, (node->count + 1) * sizeof *node->items);
	node->items[node->count] = value;
	if (node->type == NODE_MAPPING) {
		node->keys = xrealloc(node->keys, (node->count + 1) * sizeof *node->keys);
		node->keys[node->count] = key;
	}
	node->count++;
}

/* Takes over `event` (deletes it). NULL after an error (reported). */
static Node *parse_node(Parser *parser, yaml_event_t *event, int depth)
{
	Node *node = xcalloc(1, sizeof *node);
	node->line = (unsigned)event->start_mark.line + 1;
	node->column = (unsigned)event->start_mark.column + 1;
	yaml_event_type_t end_type = YAML_NO_EVENT;
	const yaml_char_t *anchor = NULL;
	switch (event->type) {
	case YAML_SCALAR_EVENT:
		node->type = NODE_SCALAR;
		node->scalar = xstrndup((const char *)event->data.scalar.value, event->data.scalar.length);
		node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		anchor = event->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		node->type = NODE_SEQUENCE;
		end_type = YAML_SEQUENCE_END_EVENT;
		anchor = event->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		node->type = NODE_MAPPING;
		end_type = YAML_MAPPING_END_EVENT;
		anchor = event->data.mapping_start.anchor;
		break;
	default:
		parser_error(parser, &event->start_mark, "aliases are not allowed in the configuration");
		break;
	}
	if (anchor)
		parser_error(parser, &event->start_mark, "anchors are not allowed in the configuration");
	if (depth > CONFIG_MAX_DEPTH)
		parser_error(parser, &event->start_mark, "nested too deeply");
	yaml_event_delete(event);
	while (!parser->failed && end_type != YAML_NO_EVENT) {
		yaml_event_t next;
		if (!next_event(parser, &next))
			break;
		if (next.type == end_type) {
			yaml_event_delete(&next);
			break;
		}
		Node *key = NULL;
		if (node->type == NODE_MAPPING) {
			key = parse_node(parser, &next, depth + 1);
			if (!key || !next_event(parser, &next)) {
				node_free(key);
				break;
			}
		}
		Node *value = parse_node(parser, &next, depth + 1);
		if (!value) {
			node_free(key);
			break;
		}
		node_append(node, key, value);
	}
	if (parser->failed) {
		node_free(node);
		return NULL;
	}
	return node;
}

/* The document's root node; NULL for an empty document or after an error (reported). */
static Node *parse_document(const char *name, const char *yaml, size_t size, Diagnostics *diag, bool *failed)
{
	Parser parser = { .name = name, .diag = diag };
	yaml_parser_initialize(&parser.yaml);
	yaml_parser_set_input_string(&parser.yaml, (const unsigned char *)yaml, size);
	Node *root = NULL;
	yaml_event_t event;
	while (!parser.failed && next_event(&parser, &event)) {
		yaml_event_type_t type = event.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&event);
			break;
		}
		if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT || type == YAML_ALIAS_EVENT) {
			if (root) {
				parser_error(&parser, &event.start_mark, "only one document is allowed");
				yaml_event_delete(&event);
				break;
			}
			root = parse_node(&parser, &event, 0);
		} else {
			yaml_event_delete(&event);
		}
	}
	yaml_parser_delete(&parser.yaml);
	*failed = parser.failed;
	if (parser.failed) {
		node_free(root);
		return NULL;
	}
	return root;
}

/* ---- reading the settings ------------------------------------------------------------------- */

static void node_error(Config *config, Diagnostics *diag, const Node *node, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

static void node_error(Config *config, Diagnostics *diag, const Node *node, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	diagnostics_vadd(diag, DIAG_ERROR, config->name, node->line, node->column, format, args);
	va_end(args);
}

static bool is_null(const Node *node)
{
	return node->type == NODE_SCALAR && node->plain &&
	       (!*node->scalar || strcmp(node->scalar, "~") == 0 || strcmp(node->scalar, "null") == 0);
}

static bool expect(Config *config, Diagnostics *diag, const Node *node, NodeType type, const char *what)
{
	if (node->type == type)
		return true;
	node_error(config, diag, node, "%s", what);
	return false;
}

/* The index of the first earlier key equal to keys[i] (YAML forbids duplicates), or i. */
static size_t first_key(const Node *mapping, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (mapping->keys[j]->type == NODE_SCALAR && mapping->keys[i]->type == NODE_SCALAR &&
		    strcmp(mapping->keys[j]->scalar, mapping->keys[i]->scalar) == 0)
			return j;
	return i;
}

static bool unique_scalar_key(Config *config, Diagnostics *diag, const Node *mapping, size_t i)
{
	const Node *key = mapping->keys[i];
	if (!expect(config, diag, key, NODE_SCALAR, "expected a name here"))
		return false;
	size_t first = first_key(mapping, i);
	if (first != i) {
		node_error(config, diag, key, "'%s' is given twice (first at line %u)", key->scalar,
			   mapping->keys[first]->line);
		return false;
	}
	return true;
}

static void read_keys(Config *config, const Node *node, Diagnostics *diag)
{
	if (!expect(config, diag, node, NODE_MAPPING, "keys: expected a mapping of contexts (main: {j: next})"))
		return;
	for (size_t c = 0; c < node->count; c++) {
		if (!unique_scalar_key(config, diag, node, c))
			continue;
		const Node *context = node->keys[c], *table = node->items[c];
		KeymapContext id;
		if (!keymap_context_parse(context->scalar, &id)) {
			node_error(config, diag, context, "unknown key context '%s'", context->scalar);
			continue;
		}
		if (is_null(table))
			continue;
		if (!expect(config, diag, table, NODE_MAPPING, "expected key: command pairs"))
			continue;
		for (size_t k = 0; k < table->count; k++) {
			if (!unique_scalar_key(config, diag, table, k))
				continue;
			const Node *key = table->keys[k], *command = table->items[k];
			int code;
			if (!keymap_parse_key(key->scalar, &code)) {
				node_error(config, diag, key, "unknown key name '%s'", key->scalar);
				continue;
			}
			if (!expect(config, diag, command, NODE_SCALAR, "expected a command name"))
				continue;
			if (strcmp(command->scalar, "none") != 0 && command_lookup(command->scalar) == CMD_NONE) {
				node_error(config, diag, command, "unknown command '%s'", command->scalar);
				continue;
			}
			config->bindings = xrealloc(config->bindings, (config->binding_count + 1) * sizeof *config->bindings);
			config->bindings[config->binding_count++] = (Binding){
				.context = xstrdup(context->scalar),
				.key = xstrdup(key->scalar),
				.command = xstrdup(command->scalar),
				.line = key->line,
				.column = key->column,
			};
		}
	}
}

static void read_colors(Config *config, const Node *node, Diagnostics *diag)
{
	if (!expect(config, diag, node, NODE_MAPPING, "colors: expected a mapping of styles"))
		return;
	for (size_t s = 0; s < node->count; s++) {
		if (!unique_scalar_key(config, diag, node, s))
			continue;
		const Node *name = node->keys[s], *value = node->items[s];
		if (!expect(config, diag, value, NODE_MAPPING, "expected {fg: COLOUR, bg: COLOUR, mono: ATTRIBUTES}"))
			continue;
		Style style = { .line = name->line, .column = name->column };
		bool ok = true;
		for (size_t f = 0; f < value->count && ok; f++) {
			const Node *field = value->keys[f], *setting = value->items[f];
			ok = unique_scalar_key(config, diag, value, f) &&
			     expect(config, diag, setting, NODE_SCALAR, "expected a colour or attribute names");
			if (!ok)
				break;
			char **slot = strcmp(field->scalar, "fg") == 0	      ? &style.fg
				      : strcmp(field->scalar, "bg") == 0      ? &style.bg
				      : strcmp(field->scalar, "mono") == 0 ||
						      strcmp(field->scalar, "attributes") == 0
					      ? &style.mono
					      : NULL;
			if (!slot) {
				node_error(config, diag, field, "unknown style field '%s' (fg, bg, mono)", field->scalar);
				ok = false;
				break;
			}
			*slot = xstrdup(setting->scalar);
		}
		if (!ok) {
			free(style.fg);
			free(style.bg);
			free(style.mono);
			continue;
		}
		style.name = xstrdup(name->scalar);
		config->styles = xrealloc(config->styles, (config->style_count + 1) * sizeof *config->styles);
		config->styles[config->style_count++] = style;
	}
}

static void read_labels(Config *config, const Node *node, Diagnostics *diag)
{
	if (!expect(config, diag, node, NODE_MAPPING,
		    "labels: expected label: definition pairs (accusation: says that someone did wrong)"))
		return;
	LabelDefinition *labels = xcalloc(node->count, sizeof *labels);
	size_t count = 0;
	bool ok = true;
	for (size_t i = 0; i < node->count && ok; i++) {
		const Node *name = node->keys[i], *definition = node->items[i];
		ok = unique_scalar_key(config, diag, node, i) &&
		     expect(config, diag, definition, NODE_SCALAR, "expected a one-line definition");
		if (!ok)
			break;
		if (!*name->scalar || strpbrk(name->scalar, " \t\n")) {
			node_error(config, diag, name, "a label is one word without spaces: '%s'", name->scalar);
			ok = false;
		} else if (strchr(definition->scalar, '\n')) {
			node_error(config, diag, definition, "a label's definition is one line");
			ok = false;
		} else {
			labels[count].name = xstrdup(name->scalar);
			labels[count].definition = xstrdup(is_null(definition) ? "" : definition->scalar);
			count++;
		}
	}
	/* A label set is one thing: half of one would silently drop labels, so keep the defaults. */
	if (!ok || count == 0) {
		if (ok)
			node_error(config, diag, node, "labels: the label set is empty");
		for (size_t i = 0; i < count; i++) {
			free((char *)labels[i].name);
			free((char *)labels[i].definition);
		}
		free(labels);
		return;
	}
	config->labels = labels;
	config->label_count = count;
	config->labels_owned = true;
}

static void read_mouse(Config *config, const Node *node, Diagnostics *diag)
{
	static const char *const yes[] = { "true", "yes", "on" }, *const no[] = { "false", "no", "off" };
	if (node->type == NODE_SCALAR)
		for (size_t i = 0; i < 3; i++) {
			if (strcmp(node->scalar, yes[i]) == 0) {
				config->mouse = true;
				return;
			}
			if (strcmp(node->scalar, no[i]) == 0) {
				config->mouse = false;
				return;
			}
		}
	node_error(config, diag, node, "mouse: expected true or false");
}

static void read_config(Config *config, const Node *root, Diagnostics *diag)
{
	if (!root || is_null(root))
		return;
	if (!expect(config, diag, root, NODE_MAPPING, "expected a mapping: keys, colors, labels, mouse"))
		return;
	for (size_t i = 0; i < root->count; i++) {
		if (!unique_scalar_key(config, diag, root, i))
			continue;
		const char *key = root->keys[i]->scalar;
		const Node *value = root->items[i];
		if (is_null(value))
			continue;
		if (strcmp(key, "keys") == 0)
			read_keys(config, value, diag);
		else if (strcmp(key, "colors") == 0 || strcmp(key, "colours") == 0)
			read_colors(config, value, diag);
		else if (strcmp(key, "labels") == 0)
			read_labels(config, value, diag);
		else if (strcmp(key, "mouse") == 0)
			read_mouse(config, value, diag);
		else
			node_error(config, diag, root->keys[i], "unknown setting '%s' (keys, colors, labels, mouse)", key);
	}
}

/* ---- loading -------------------------------------------------------------------------------- */

Config *config_new(void)
{
	Config *config = xcalloc(1, sizeof *config);
	config->labels = (LabelDefinition *)default_labels;
	config->label_count = sizeof default_labels / sizeof default_labels[0];
	return config;
}

Config *config_load_memory(const char *name, const char *yaml, size_t size, Diagnostics *diag)
{
	Config *config = config_new();
	config->name = xstrdup(name);
	bool failed;
	Node *root = parse_document(name, yaml, size, diag, &failed);
	read_config(config, root, diag);
	node_free(root);
	return config;
}

static Config *load_path(const char *path, bool missing_is_error, Diagnostics *diag)
{
	FILE *file = fopen(path, "rb");
	if (!file) {
		if (errno != ENOENT || missing_is_error)
			diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read the configuration: %s; using the defaults",
					strerror(errno));
		Config *config = config_new();
		config->name = xstrdup(path);
		return config;
	}
	char *bytes = NULL;
	size_t size = 0, capacity = 0;
	for (;;) {
		if (size + 4096 > capacity)
			bytes = xrealloc(bytes, capacity = capacity ? capacity * 2 : 8192);
		size_t got = fread(bytes + size, 1, capacity - size, file);
		size += got;
		if (got == 0)
			break;
	}
	bool read_error = ferror(file);
	fclose(file);
	Config *config;
	if (read_error) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read the configuration; using the defaults");
		config = config_new();
		config->name = xstrdup(path);
	} else {
		config = config_load_memory(path, bytes, size, diag);
	}
	free(bytes);
	return config;
}

Config *config_load_file(const char *path, Diagnostics *diag)
{
	return load_path(path, true, diag);
}

char *config_user_path(void)
{
	const char *base = getenv("XDG_CONFIG_HOME");
	const char *suffix = "/saywho/config.yaml";
	/* The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored. */
	if (!base || base[0] != '/') {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return NULL;
		base = home;
		suffix = "/.config/saywho/config.yaml";
	}
	size_t size = strlen(base) + strlen(suffix) + 1;
	char *path = xmalloc(size);
	snprintf(path, size, "%s%s", base, suffix);
	return path;
}

Config *config_load_user(Diagnostics *diag)
{
	char *path = config_user_path();
	Config *config = path ? load_path(path, false, diag) : config_new();
	free(path);
	return config;
}

void config_free(Config *config)
{
	if (!config)
		return;
	for (size_t i = 0; i < config->binding_count; i++) {
		free(config->bindings[i].context);
		free(config->bindings[i].key);
		free(config->bindings[i].command);
	}
	free(config->bindings);
	for (size_t i = 0; i < config->style_count; i++) {
		free(config->styles[i].name);
		free(config->styles[i].fg);
		free(config->styles[i].bg);
		free(config->styles[i].mono);
	}
	free(config->styles);
	if (config->labels_owned) {
		for (size_t i = 0; i < config->label_count; i++) {
			free((char *)config->labels[i].name);
			free((char *)config->labels[i].definition);
		}
		free(config->labels);
	}
	free(config->name);
	free(config);
}

/* Problems of loading come out in the order the parser met them, those of applying after them
 * (bindings, then colours): the analyst reads the file from the top, so do we. Stable, from the
 * first problem of this configuration's file (problems without a position first). */
static void sort_problems(const Config *config, Diagnostics *diag)
{
	size_t first = 0;
	while (first < diag->count &&
	       !(diag->items[first].file && config->name && strcmp(diag->items[first].file, config->name) == 0))
		first++;
	for (size_t i = first + 1; i < diag->count; i++) {
		Diagnostic item = diag->items[i];
		size_t j = i;
		while (j > first && (diag->items[j - 1].line > item.line ||
				     (diag->items[j - 1].line == item.line && diag->items[j - 1].column > item.column))) {
			diag->items[j] = diag->items[j - 1];
			j--;
		}
		diag->items[j] = item;
	}
}

bool config_apply(const Config *config, Diagnostics *diag)
{
	bool ok = true;
	char error[256];
	for (size_t i = 0; i < config->binding_count; i++) {
		const Binding *b = &config->bindings[i];
		if (!keymap_bind(b->context, b->key, b->command, error, sizeof error)) {
			diagnostics_add(diag, DIAG_ERROR, config->name, b->line, b->column, "%s", error);
			ok = false;
		}
	}
	for (size_t i = 0; i < config->style_count; i++) {
		const Style *s = &config->styles[i];
		if (!ui_style_set(s->name, s->fg, s->bg, s->mono, error, sizeof error)) {
			diagnostics_add(diag, DIAG_ERROR, config->name, s->line, s->column, "%s", error);
			ok = false;
		}
	}
	sort_problems(config, diag);
	return ok;
}

const LabelDefinition *config_labels(const Config *config, size_t *count)
{
	*count = config->label_count;
	return config->labels;
}

bool config_mouse(const Config *config)
{
	return config->mouse;
}

/* ---- printing ------------------------------------------------------------------------------- */

/* A YAML double-quoted scalar: safe for any key name (":", "#", "[", "'") and any text. */
static void write_quoted(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(out, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			fprintf(out, "\\x%02x", *c);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

typedef struct KeyList {
	int *keys;
	CommandId *commands;
	size_t count;
} KeyList;

static void collect_binding(int key, CommandId command, void *context)
{
	KeyList *list = context;
	list->keys = xrealloc(list->keys, (list->count + 1) * sizeof *list->keys);
	list->commands = xrealloc(list->commands, (list->count + 1) * sizeof *list->commands);
	list->keys[list->count] = key;
	list->commands[list->count++] = command;
}

static bool key_list_has(const KeyList *list, int key)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->keys[i] == key)
			return true;
	return false;
}

static void print_key(FILE *out, int key, const char *command)
{
	char name[64];
	keymap_key_name(key, name, sizeof name);
	fputs("    ", out);
	write_quoted(out, name);
	fprintf(out, ": %s\n", command);
}

/* The bindings now, and the default keys that are no longer bound ("none"): loading that back
 * over the defaults gives these tables again. The defaults are read by resetting the tables
 * and binding the current state again. */
static void print_keys(FILE *out)
{
	KeyList current[KEYMAP_CONTEXT_COUNT] = { 0 }, defaults[KEYMAP_CONTEXT_COUNT] = { 0 };
	for (int c = 0; c < KEYMAP_CONTEXT_COUNT; c++)
		keymap_each((KeymapContext)c, collect_binding, &current[c]);
	keymap_reset();
	char error[256];
	for (int c = 0; c < KEYMAP_CONTEXT_COUNT; c++) {
		keymap_each((KeymapContext)c, collect_binding, &defaults[c]);
		const char *context = keymap_context_name((KeymapContext)c);
		char name[64];
		for (size_t i = 0; i < defaults[c].count; i++)
			if (!key_list_has(&current[c], defaults[c].keys[i])) {
				keymap_key_name(defaults[c].keys[i], name, sizeof name);
				keymap_bind(context, name, "none", error, sizeof error);
			}
		for (size_t i = 0; i < current[c].count; i++) {
			keymap_key_name(current[c].keys[i], name, sizeof name);
			keymap_bind(context, name, command_name(current[c].commands[i]), error, sizeof error);
		}
	}
	for (int c = 0; c < KEYMAP_CONTEXT_COUNT; c++) {
		if (current[c].count || defaults[c].count)
			fprintf(out, "  %s:\n", keymap_context_name((KeymapContext)c));
		for (size_t i = 0; i < current[c].count; i++)
			print_key(out, current[c].keys[i], command_name(current[c].commands[i]));
		for (size_t i = 0; i < defaults[c].count; i++)
			if (!key_list_has(&current[c], defaults[c].keys[i]))
				print_key(out, defaults[c].keys[i], "none");
		free(current[c].keys);
		free(current[c].commands);
		free(defaults[c].keys);
		free(defaults[c].commands);
	}
}

void config_print(const Config *config, FILE *out)
{
	fprintf(out, "# saywho configuration: the effective settings (saywho --print-config).\n"
		     "# Save as $XDG_CONFIG_HOME/saywho/config.yaml (else ~/.config/saywho/config.yaml).\n"
		     "keys:\n");
	print_keys(out);
	fprintf(out, "colors:\n");
	ui_style_write(out, "  ");
	fprintf(out, "labels:\n");
	for (size_t i = 0; i < config->label_count; i++) {
		fputs("  ", out);
		write_quoted(out, config->labels[i].name);
		fputs(": ", out);
		write_quoted(out, config->labels[i].definition);
		fputc('\n', out);
	}
	fprintf(out, "mouse: %s\n", config->mouse ? "true" : "false");
}

int config_print_main(FILE *out)
{
	Diagnostics diag = { 0 };
	Config *config = config_load_user(&diag);
	config_apply(config, &diag);
	diagnostics_print(&diag, stderr);
	config_print(config, out);
	int status = diagnostics_error_count(&diag) ? 1 : 0;
	config_free(config);
	diagnostics_free(&diag);
	return status;
}

void config_print_options(FILE *out)
{
	fprintf(out, "  --print-config    print the effective configuration (keys, colors, labels,\n"
		     "                    mouse) as YAML and exit; the file it comes from:\n"
		     "                    $XDG_CONFIG_HOME/saywho/config.yaml (else ~/.config/saywho/)\n");
}
