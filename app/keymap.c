/* Key tables and key names (see keymap.h). */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app/keymap.h"
#include "model/annotation.h"

typedef struct Binding {
	int key;
	CommandId command;
} Binding;

typedef struct Table {
	Binding *items;
	size_t count, capacity;
} Table;

static Table tables[KEYMAP_CONTEXT_COUNT];
static bool tables_ready;

static const char *const context_names[] = {
#define KEYMAP_CONTEXT_NAME(id, name, help) name,
	KEYMAP_CONTEXT_LIST(KEYMAP_CONTEXT_NAME)
#undef KEYMAP_CONTEXT_NAME
};
static const char *const context_helps[] = {
#define KEYMAP_CONTEXT_HELP(id, name, help) help,
	KEYMAP_CONTEXT_LIST(KEYMAP_CONTEXT_HELP)
#undef KEYMAP_CONTEXT_HELP
};

const char *keymap_context_name(KeymapContext context)
{
	return context < KEYMAP_CONTEXT_COUNT ? context_names[context] : "?";
}

const char *keymap_context_help(KeymapContext context)
{
	return context < KEYMAP_CONTEXT_COUNT ? context_helps[context] : "?";
}

bool keymap_context_parse(const char *name, KeymapContext *out)
{
	for (int i = 0; i < KEYMAP_CONTEXT_COUNT; i++)
		if (strcmp(name, context_names[i]) == 0) {
			*out = (KeymapContext)i;
			return true;
		}
	return false;
}

/* ---- key names ---- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", '\r'},
	{"Esc", 27},
	{"Tab", '\t'},
	{"Space", ' '},
	{"S-Tab", KEYMAP_SPECIAL + KEY_BTAB},
	{"Backspace", KEYMAP_SPECIAL + KEY_BACKSPACE},
	{"Delete", KEYMAP_SPECIAL + KEY_DC},
	{"Insert", KEYMAP_SPECIAL + KEY_IC},
	{"Up", KEYMAP_SPECIAL + KEY_UP},
	{"Down", KEYMAP_SPECIAL + KEY_DOWN},
	{"Left", KEYMAP_SPECIAL + KEY_LEFT},
	{"Right", KEYMAP_SPECIAL + KEY_RIGHT},
	{"Home", KEYMAP_SPECIAL + KEY_HOME},
	{"End", KEYMAP_SPECIAL + KEY_END},
	{"PageUp", KEYMAP_SPECIAL + KEY_PPAGE},
	{"PageDown", KEYMAP_SPECIAL + KEY_NPAGE},
	{"Mouse", KEYMAP_SPECIAL + KEY_MOUSE},
	{"Resize", KEYMAP_SPECIAL + KEY_RESIZE},
	/* Aliases (read, never written). */
	{"Return", '\r'},
	{"Escape", 27},
	{"PgUp", KEYMAP_SPECIAL + KEY_PPAGE},
	{"PgDn", KEYMAP_SPECIAL + KEY_NPAGE},
	{"Del", KEYMAP_SPECIAL + KEY_DC},
	{"BS", KEYMAP_SPECIAL + KEY_BACKSPACE},
};

bool keymap_parse_key(const char *name, int *key)
{
	if (!name || !*name)
		return false;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(name, key_names[i].name) == 0) {
			*key = key_names[i].key;
			return true;
		}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long number = strtol(name + 1, &end, 10);
		if (!*end && number >= 1 && number <= 12) {
			*key = KEYMAP_SPECIAL + KEY_F((int)number);
			return true;
		}
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if (c >= 'a' && c <= 'z') {
			*key = c - 'a' + 1;
			return true;
		}
		if (c == '[' || c == '\\' || c == ']' || c == '^' || c == '_') {
			*key = c - '@';
			return true;
		}
		return false;
	}
	/* A single character. */
	mbstate_t state;
	memset(&state, 0, sizeof state);
	wchar_t wc;
	size_t length = strlen(name);
	size_t used = mbrtowc(&wc, name, length, &state);
	if (used == (size_t)-1 || used == (size_t)-2 || used != length || wc < 0x20 || wc == 0x7f)
		return false;
	*key = (int)wc;
	return true;
}

void keymap_key_name(int key, char *out, size_t size)
{
	int rows, cols;
	if (keymap_is_resize(key, &rows, &cols)) {
		snprintf(out, size, "resize:%dx%d", cols, rows);
		return;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	if (key >= KEYMAP_SPECIAL + KEY_F(1) && key <= KEYMAP_SPECIAL + KEY_F(12)) {
		snprintf(out, size, "F%d", key - KEYMAP_SPECIAL - KEY_F(0));
		return;
	}
	if (key >= 1 && key <= 26) {
		snprintf(out, size, "C-%c", 'a' + key - 1);
		return;
	}
	if (key > 26 && key < 32) {
		snprintf(out, size, "C-%c", key + '@');
		return;
	}
	if (key >= KEYMAP_SPECIAL) {
		snprintf(out, size, "key%d", key - KEYMAP_SPECIAL);
		return;
	}
	mbstate_t state;
	memset(&state, 0, sizeof state);
	char bytes[MB_LEN_MAX + 1];
	size_t length = wcrtomb(bytes, (wchar_t)key, &state);
	if (length == (size_t)-1)
		length = 0;
	bytes[length] = '\0';
	snprintf(out, size, "%s", bytes);
}

int keymap_resize_key(int rows, int cols)
{
	return KEYMAP_SPECIAL + 0x100000 + rows * 1024 + cols;
}

bool keymap_is_resize(int key, int *rows, int *cols)
{
	if (key < KEYMAP_SPECIAL + 0x100000)
		return false;
	int value = key - KEYMAP_SPECIAL - 0x100000;
	*rows = value / 1024;
	*cols = value % 1024;
	return true;
}

/* ---- tables ---- */

static void table_set(Table *table, int key, CommandId command)
{
	for (size_t i = 0; i < table->count; i++)
		if (table->items[i].key == key) {
			if (command == CMD_NONE) {
				memmove(&table->items[i], &table->items[i + 1],
					(table->count - i - 1) * sizeof table->items[0]);
				table->count--;
			} else {
				table->items[i].command = command;
			}
			return;
		}
	if (command == CMD_NONE)
		return;
	if (table->count == table->capacity) {
		table->capacity = table->capacity ? table->capacity * 2 : 32;
		table->items = xrealloc(table->items, table->capacity * sizeof table->items[0]);
	}
	table->items[table->count++] = (Binding){key, command};
}

typedef struct DefaultBinding {
	KeymapContext context;
	const char *key;
	CommandId command;
} DefaultBinding;

static const DefaultBinding default_bindings[] = {
	{KEYMAP_MAIN, "j", CMD_NEXT},
	{KEYMAP_MAIN, "k", CMD_PREVIOUS},
	{KEYMAP_MAIN, "]", CMD_NEXT_PENDING},
	{KEYMAP_MAIN, "[", CMD_PREVIOUS_PENDING},
	{KEYMAP_MAIN, "g", CMD_FIRST},
	{KEYMAP_MAIN, "G", CMD_LAST},
	{KEYMAP_MAIN, ">", CMD_NEXT_DOCUMENT},
	{KEYMAP_MAIN, "<", CMD_PREVIOUS_DOCUMENT},
	{KEYMAP_MAIN, "PageDown", CMD_PAGE_DOWN},
	{KEYMAP_MAIN, "PageUp", CMD_PAGE_UP},
	{KEYMAP_MAIN, "Space", CMD_PAGE_DOWN},
	{KEYMAP_MAIN, "C-e", CMD_SCROLL_DOWN},
	{KEYMAP_MAIN, "C-y", CMD_SCROLL_UP},
	{KEYMAP_MAIN, "Tab", CMD_FOCUS},
	{KEYMAP_MAIN, "/", CMD_SEARCH},
	{KEYMAP_MAIN, "n", CMD_SEARCH_NEXT},
	{KEYMAP_MAIN, "N", CMD_SEARCH_PREVIOUS},
	{KEYMAP_MAIN, "f", CMD_NEXT_MISSED},
	{KEYMAP_MAIN, "a", CMD_ACCEPT},
	{KEYMAP_MAIN, "x", CMD_REJECT},
	{KEYMAP_MAIN, "R", CMD_RESET},
	{KEYMAP_MAIN, "B", CMD_ACCEPT_ABOVE},
	{KEYMAP_MAIN, "u", CMD_UNDO},
	{KEYMAP_MAIN, "C-r", CMD_REDO},
	{KEYMAP_MAIN, "s", CMD_SPEAKER},
	{KEYMAP_MAIN, "m", CMD_MENTION},
	{KEYMAP_MAIN, "c", CMD_CUE},
	{KEYMAP_MAIN, "C", CMD_CLAIM},
	{KEYMAP_MAIN, "K", CMD_KIND},
	{KEYMAP_MAIN, "L", CMD_LABEL},
	{KEYMAP_MAIN, "i", CMD_NOTE},
	{KEYMAP_MAIN, "A", CMD_ADD},
	{KEYMAP_MAIN, "D", CMD_DELETE},
	{KEYMAP_MAIN, "F", CMD_FILTER},
	{KEYMAP_MAIN, "o", CMD_SORT},
	{KEYMAP_MAIN, "S", CMD_SPEAKERS},
	{KEYMAP_MAIN, "|", CMD_SPLIT},
	{KEYMAP_MAIN, "}", CMD_LIST_WIDER},
	{KEYMAP_MAIN, "{", CMD_LIST_NARROWER},
	{KEYMAP_MAIN, "M", CMD_MOUSE},
	{KEYMAP_MAIN, "?", CMD_HELP},
	{KEYMAP_MAIN, ":", CMD_COMMAND_LINE},
	{KEYMAP_MAIN, "C-l", CMD_REDRAW},
	{KEYMAP_MAIN, "C-z", CMD_SUSPEND},
	{KEYMAP_MAIN, "C-s", CMD_WRITE},
	{KEYMAP_MAIN, "q", CMD_QUIT},
	{KEYMAP_MAIN, "Esc", CMD_CANCEL},
	{KEYMAP_MAIN, "C-c", CMD_QUIT},

	{KEYMAP_LIST, "Down", CMD_NEXT},
	{KEYMAP_LIST, "Up", CMD_PREVIOUS},
	{KEYMAP_LIST, "Home", CMD_FIRST},
	{KEYMAP_LIST, "End", CMD_LAST},

	{KEYMAP_ARTICLE, "Down", CMD_SCROLL_DOWN},
	{KEYMAP_ARTICLE, "Up", CMD_SCROLL_UP},

	/* compare (app/compare.c): looked up before list, article and main in review --compare */
	{KEYMAP_COMPARE, "j", CMD_COMPARE_NEXT},
	{KEYMAP_COMPARE, "Down", CMD_COMPARE_NEXT},
	{KEYMAP_COMPARE, "k", CMD_COMPARE_PREVIOUS},
	{KEYMAP_COMPARE, "Up", CMD_COMPARE_PREVIOUS},
	{KEYMAP_COMPARE, "]", CMD_COMPARE_NEXT_OPEN},
	{KEYMAP_COMPARE, "[", CMD_COMPARE_PREV_OPEN},
	{KEYMAP_COMPARE, "1", CMD_PICK_1},
	{KEYMAP_COMPARE, "2", CMD_PICK_2},
	{KEYMAP_COMPARE, "3", CMD_PICK_3},
	{KEYMAP_COMPARE, "4", CMD_PICK_4},
	{KEYMAP_COMPARE, "5", CMD_PICK_5},
	{KEYMAP_COMPARE, "6", CMD_PICK_6},
	{KEYMAP_COMPARE, "7", CMD_PICK_7},
	{KEYMAP_COMPARE, "8", CMD_PICK_8},
	{KEYMAP_COMPARE, "9", CMD_PICK_9},
	{KEYMAP_COMPARE, "0", CMD_PICK_NONE},
	{KEYMAP_COMPARE, "=", CMD_PICK_REOPEN},

	{KEYMAP_CURSOR, "h", CMD_CURSOR_LEFT},
	{KEYMAP_CURSOR, "Left", CMD_CURSOR_LEFT},
	{KEYMAP_CURSOR, "l", CMD_CURSOR_RIGHT},
	{KEYMAP_CURSOR, "Right", CMD_CURSOR_RIGHT},
	{KEYMAP_CURSOR, "k", CMD_CURSOR_UP},
	{KEYMAP_CURSOR, "Up", CMD_CURSOR_UP},
	{KEYMAP_CURSOR, "j", CMD_CURSOR_DOWN},
	{KEYMAP_CURSOR, "Down", CMD_CURSOR_DOWN},
	{KEYMAP_CURSOR, "w", CMD_WORD_NEXT},
	{KEYMAP_CURSOR, "b", CMD_WORD_PREVIOUS},
	{KEYMAP_CURSOR, "e", CMD_WORD_END},
	{KEYMAP_CURSOR, ")", CMD_SENTENCE_NEXT},
	{KEYMAP_CURSOR, "(", CMD_SENTENCE_PREVIOUS},
	{KEYMAP_CURSOR, "v", CMD_SELECT},
	{KEYMAP_CURSOR, "o", CMD_OTHER_END},
	{KEYMAP_CURSOR, "\"", CMD_SELECT_QUOTE},
	{KEYMAP_CURSOR, "s", CMD_SELECT_SENTENCE},
	{KEYMAP_CURSOR, "-", CMD_NO_SPAN},
	/* To where the claim is: the last search's matches and what no annotation covers. */
	{KEYMAP_CURSOR, "n", CMD_SEARCH_NEXT},
	{KEYMAP_CURSOR, "N", CMD_SEARCH_PREVIOUS},
	{KEYMAP_CURSOR, "f", CMD_NEXT_MISSED},
	{KEYMAP_CURSOR, "PageDown", CMD_PAGE_DOWN},
	{KEYMAP_CURSOR, "PageUp", CMD_PAGE_UP},
	{KEYMAP_CURSOR, "Enter", CMD_CHOOSE},
	{KEYMAP_CURSOR, "Esc", CMD_CANCEL},
	{KEYMAP_CURSOR, "C-c", CMD_CANCEL},
	{KEYMAP_CURSOR, "C-l", CMD_REDRAW},
	{KEYMAP_CURSOR, "C-z", CMD_SUSPEND},
	{KEYMAP_CURSOR, "?", CMD_HELP},

	{KEYMAP_SPEAKERS, "j", CMD_NEXT},
	{KEYMAP_SPEAKERS, "Down", CMD_NEXT},
	{KEYMAP_SPEAKERS, "k", CMD_PREVIOUS},
	{KEYMAP_SPEAKERS, "Up", CMD_PREVIOUS},
	{KEYMAP_SPEAKERS, "g", CMD_FIRST},
	{KEYMAP_SPEAKERS, "G", CMD_LAST},
	{KEYMAP_SPEAKERS, "r", CMD_RENAME_SPEAKER},
	{KEYMAP_SPEAKERS, "t", CMD_RETYPE_SPEAKER},
	{KEYMAP_SPEAKERS, "m", CMD_MERGE_SPEAKER},
	{KEYMAP_SPEAKERS, "u", CMD_UNDO},
	{KEYMAP_SPEAKERS, "C-r", CMD_REDO},
	{KEYMAP_SPEAKERS, "C-s", CMD_WRITE},
	{KEYMAP_SPEAKERS, ":", CMD_COMMAND_LINE},
	{KEYMAP_SPEAKERS, "?", CMD_HELP},
	{KEYMAP_SPEAKERS, "S", CMD_CANCEL},
	{KEYMAP_SPEAKERS, "q", CMD_CANCEL},
	{KEYMAP_SPEAKERS, "Esc", CMD_CANCEL},
	{KEYMAP_SPEAKERS, "C-c", CMD_CANCEL},
	{KEYMAP_SPEAKERS, "C-l", CMD_REDRAW},
	{KEYMAP_SPEAKERS, "C-z", CMD_SUSPEND},

	{KEYMAP_PICKER, "Down", CMD_NEXT},
	{KEYMAP_PICKER, "C-n", CMD_NEXT},
	{KEYMAP_PICKER, "Up", CMD_PREVIOUS},
	{KEYMAP_PICKER, "C-p", CMD_PREVIOUS},
	{KEYMAP_PICKER, "PageDown", CMD_PAGE_DOWN},
	{KEYMAP_PICKER, "PageUp", CMD_PAGE_UP},
	{KEYMAP_PICKER, "Enter", CMD_CHOOSE},
	{KEYMAP_PICKER, "Esc", CMD_CANCEL},
	{KEYMAP_PICKER, "C-c", CMD_CANCEL},
	{KEYMAP_PICKER, "Backspace", CMD_EDIT_BACKSPACE},
	{KEYMAP_PICKER, "C-u", CMD_EDIT_KILL},
	{KEYMAP_PICKER, "C-w", CMD_EDIT_KILL_WORD},

	{KEYMAP_PROMPT, "Enter", CMD_CHOOSE},
	{KEYMAP_PROMPT, "Esc", CMD_CANCEL},
	{KEYMAP_PROMPT, "C-c", CMD_CANCEL},
	{KEYMAP_PROMPT, "Tab", CMD_COMPLETE},
	{KEYMAP_PROMPT, "Left", CMD_EDIT_LEFT},
	{KEYMAP_PROMPT, "Right", CMD_EDIT_RIGHT},
	{KEYMAP_PROMPT, "Home", CMD_EDIT_HOME},
	{KEYMAP_PROMPT, "C-a", CMD_EDIT_HOME},
	{KEYMAP_PROMPT, "End", CMD_EDIT_END},
	{KEYMAP_PROMPT, "C-e", CMD_EDIT_END},
	{KEYMAP_PROMPT, "Backspace", CMD_EDIT_BACKSPACE},
	{KEYMAP_PROMPT, "Delete", CMD_EDIT_DELETE},
	{KEYMAP_PROMPT, "C-u", CMD_EDIT_KILL},
	{KEYMAP_PROMPT, "C-w", CMD_EDIT_KILL_WORD},

	{KEYMAP_HELP, "j", CMD_NEXT},
	{KEYMAP_HELP, "Down", CMD_NEXT},
	{KEYMAP_HELP, "k", CMD_PREVIOUS},
	{KEYMAP_HELP, "Up", CMD_PREVIOUS},
	{KEYMAP_HELP, "PageDown", CMD_PAGE_DOWN},
	{KEYMAP_HELP, "Space", CMD_PAGE_DOWN},
	{KEYMAP_HELP, "PageUp", CMD_PAGE_UP},
	{KEYMAP_HELP, "g", CMD_FIRST},
	{KEYMAP_HELP, "G", CMD_LAST},
	{KEYMAP_HELP, "q", CMD_CANCEL},
	{KEYMAP_HELP, "?", CMD_CANCEL},
	{KEYMAP_HELP, "Esc", CMD_CANCEL},
	{KEYMAP_HELP, "C-c", CMD_CANCEL},
};

void keymap_reset(void)
{
	for (int i = 0; i < KEYMAP_CONTEXT_COUNT; i++)
		tables[i].count = 0;
	for (size_t i = 0; i < sizeof default_bindings / sizeof default_bindings[0]; i++) {
		int key;
		if (keymap_parse_key(default_bindings[i].key, &key))
			table_set(&tables[default_bindings[i].context], key, default_bindings[i].command);
	}
	tables_ready = true;
}

static void ensure_tables(void)
{
	if (!tables_ready)
		keymap_reset();
}

CommandId keymap_lookup(KeymapContext context, int key)
{
	ensure_tables();
	const Table *table = &tables[context];
	for (size_t i = 0; i < table->count; i++)
		if (table->items[i].key == key)
			return table->items[i].command;
	return CMD_NONE;
}

bool keymap_bind(const char *context, const char *key, const char *command, char *error,
		 size_t error_size)
{
	ensure_tables();
	KeymapContext which;
	if (!keymap_context_parse(context, &which)) {
		snprintf(error, error_size,
			 "unknown key context '%s' (main, list, article, compare, cursor, speakers, picker, prompt, help)",
			 context);
		return false;
	}
	int code;
	if (!keymap_parse_key(key, &code)) {
		snprintf(error, error_size, "unknown key name '%s'", key);
		return false;
	}
	CommandId id = strcmp(command, "none") == 0 ? CMD_NONE : command_lookup(command);
	if (id == CMD_NONE && strcmp(command, "none") != 0) {
		snprintf(error, error_size, "unknown command '%s'", command);
		return false;
	}
	table_set(&tables[which], code, id);
	return true;
}

void keymap_each(KeymapContext context, void (*visit)(int key, CommandId command, void *ctx),
		 void *ctx)
{
	ensure_tables();
	for (size_t i = 0; i < tables[context].count; i++)
		visit(tables[context].items[i].key, tables[context].items[i].command, ctx);
}

void keymap_keys_of(KeymapContext context, CommandId command, char *out, size_t size)
{
	ensure_tables();
	size_t length = 0;
	out[0] = '\0';
	for (size_t i = 0; i < tables[context].count; i++) {
		if (tables[context].items[i].command != command)
			continue;
		char name[32];
		keymap_key_name(tables[context].items[i].key, name, sizeof name);
		int written = snprintf(out + length, size - length, "%s%s", length ? ", " : "", name);
		if (written < 0 || (size_t)written >= size - length)
			break;
		length += (size_t)written;
	}
}

/* ---- key scripts ---- */

static long script_error(char *error, size_t error_size, const char *name, int line, int column,
			 const char *what, const char *token)
{
	snprintf(error, error_size, "%s:%d:%d: %s '%s'", name, line, column, what, token);
	return -1;
}

long keymap_parse_script(const char *name, const char *script, int **keys, char *error,
			 size_t error_size)
{
	size_t count = 0, capacity = 64;
	int *out = xmalloc(capacity * sizeof *out);
	int line = 1;
	const char *line_start = script;
	const char *p = script;
	while (*p) {
		if (*p == '\n') {
			line++;
			p++;
			line_start = p;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (*p == '#' && (p == line_start || p[-1] == ' ' || p[-1] == '\t')) {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		int column = (int)(p - line_start) + 1;
		if (count + 1024 >= capacity) {
			capacity *= 2;
			out = xrealloc(out, capacity * sizeof *out);
		}
		if (*p == '"' && p[1] && p[1] != ' ' && p[1] != '\t' && p[1] != '\n' && p[1] != '\r') {
			/* "typed text" */
			p++;
			mbstate_t state;
			memset(&state, 0, sizeof state);
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				wchar_t wc;
				size_t used = mbrtowc(&wc, p, strlen(p), &state);
				if (used == (size_t)-1 || used == (size_t)-2 || used == 0) {
					free(out);
					return script_error(error, error_size, name, line, column, "invalid text", "\"");
				}
				if (count + 1 >= capacity) {
					capacity *= 2;
					out = xrealloc(out, capacity * sizeof *out);
				}
				out[count++] = (int)wc;
				p += used;
			}
			if (*p != '"') {
				free(out);
				return script_error(error, error_size, name, line, column, "unterminated text", "\"");
			}
			p++;
			continue;
		}
		const char *end = p;
		while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
			end++;
		char token[64];
		snprintf(token, sizeof token, "%.*s", (int)(end - p < 63 ? end - p : 63), p);
		int key, rows, cols;
		if (strncmp(token, "resize:", 7) == 0 && sscanf(token + 7, "%dx%d", &cols, &rows) == 2 &&
		    rows > 0 && cols > 0 && rows < 1000 && cols < 1000) {
			out[count++] = keymap_resize_key(rows, cols);
		} else if (keymap_parse_key(token, &key)) {
			out[count++] = key;
		} else {
			free(out);
			return script_error(error, error_size, name, line, column, "unknown key", token);
		}
		p = end;
	}
	*keys = out;
	return (long)count;
}

/* ---- help ---- */

typedef struct HelpContext {
	KeymapContext context;
	bool seen[CMD_COUNT];
	FILE *out;
} HelpContext;

static void help_binding(int key, CommandId command, void *ctx)
{
	HelpContext *help = ctx;
	if (help->seen[command])
		return;
	help->seen[command] = true;
	char keys[128];
	keymap_keys_of(help->context, command, keys, sizeof keys);
	fprintf(help->out, "  %-18s %-18s %s\n", keys, command_name(command), command_help(command));
}

void keymap_write_help(FILE *out)
{
	ensure_tables();
	fprintf(out, "saywho workbench keys (q or Esc closes this help; j/k scroll)\n");
	fprintf(out, "List marks: ? pending, + accepted, x rejected, ~ corrected, * added\n");
	for (int context = 0; context < KEYMAP_CONTEXT_COUNT; context++) {
		HelpContext help = {.context = (KeymapContext)context, .out = out};
		fprintf(out, "\n%s (%s)\n", keymap_context_help((KeymapContext)context),
			keymap_context_name((KeymapContext)context));
		keymap_each((KeymapContext)context, help_binding, &help);
	}
	fprintf(out, "\nCommands without a key run from the command line (:name argument):\n");
	bool bound[CMD_COUNT] = {false};
	for (int context = 0; context < KEYMAP_CONTEXT_COUNT; context++)
		for (size_t i = 0; i < tables[context].count; i++)
			bound[tables[context].items[i].command] = true;
	for (int command = 1; command < CMD_COUNT; command++)
		if (!bound[command])
			fprintf(out, "  %-37s %s\n", command_name((CommandId)command),
				command_help((CommandId)command));
	fprintf(out, "\nAlso :w save, :q quit, :wq save and quit, :q! quit without saving, :goto ID.\n");
}
