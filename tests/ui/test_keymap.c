/* Key names, key tables, key scripts, and the help generated from the tables (pinned). */
#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/keymap.h"

static void setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
}

TestSuite(keymap, .init = setup);

Test(keymap, key_names_round_trip)
{
	const char *names[] = {"j", ":", "é", "C-r", "C-s", "Enter", "Esc", "Tab", "S-Tab", "Space",
			       "Backspace", "Delete", "Up", "Down", "Left", "Right", "Home", "End",
			       "PageUp", "PageDown", "F1", "F12", "?", "\"", "記"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int key;
		cr_assert(keymap_parse_key(names[i], &key), "%s", names[i]);
		char back[32];
		keymap_key_name(key, back, sizeof back);
		cr_expect_str_eq(back, names[i]);
	}
	int key;
	cr_expect(keymap_parse_key("PgDn", &key) && key == KEYMAP_SPECIAL + KEY_NPAGE);
	cr_expect(!keymap_parse_key("Ctrl-x", &key));
	cr_expect(!keymap_parse_key("jj", &key));
	cr_expect(!keymap_parse_key("", &key));
}

Test(keymap, defaults_match_the_issue)
{
	struct {
		KeymapContext context;
		const char *key;
		CommandId command;
	} expected[] = {
		{KEYMAP_MAIN, "j", CMD_NEXT},          {KEYMAP_MAIN, "k", CMD_PREVIOUS},
		{KEYMAP_LIST, "Down", CMD_NEXT},       {KEYMAP_LIST, "Up", CMD_PREVIOUS},
		{KEYMAP_MAIN, "]", CMD_NEXT_PENDING},  {KEYMAP_MAIN, "[", CMD_PREVIOUS_PENDING},
		{KEYMAP_MAIN, "g", CMD_FIRST},         {KEYMAP_MAIN, "G", CMD_LAST},
		{KEYMAP_MAIN, ">", CMD_NEXT_DOCUMENT}, {KEYMAP_MAIN, "<", CMD_PREVIOUS_DOCUMENT},
		{KEYMAP_MAIN, "PageDown", CMD_PAGE_DOWN}, {KEYMAP_MAIN, "Tab", CMD_FOCUS},
		{KEYMAP_MAIN, "/", CMD_SEARCH},        {KEYMAP_MAIN, "n", CMD_SEARCH_NEXT},
		{KEYMAP_MAIN, "N", CMD_SEARCH_PREVIOUS}, {KEYMAP_MAIN, "a", CMD_ACCEPT},
		{KEYMAP_MAIN, "x", CMD_REJECT},        {KEYMAP_MAIN, "u", CMD_UNDO},
		{KEYMAP_MAIN, "C-r", CMD_REDO},        {KEYMAP_MAIN, ":", CMD_COMMAND_LINE},
		{KEYMAP_MAIN, "C-s", CMD_WRITE},       {KEYMAP_MAIN, "q", CMD_QUIT},
		{KEYMAP_MAIN, "?", CMD_HELP},          {KEYMAP_CURSOR, "w", CMD_WORD_NEXT},
		{KEYMAP_CURSOR, "b", CMD_WORD_PREVIOUS}, {KEYMAP_CURSOR, "e", CMD_WORD_END},
		{KEYMAP_CURSOR, "(", CMD_SENTENCE_PREVIOUS}, {KEYMAP_CURSOR, ")", CMD_SENTENCE_NEXT},
		{KEYMAP_CURSOR, "v", CMD_SELECT},
	};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		int key;
		cr_assert(keymap_parse_key(expected[i].key, &key));
		cr_expect_eq(keymap_lookup(expected[i].context, key), expected[i].command, "%s in %s",
			     expected[i].key, keymap_context_name(expected[i].context));
	}
}

typedef struct Seen {
	int keys[512];
	size_t count;
	bool duplicate;
} Seen;

static void record(int key, CommandId command, void *context)
{
	Seen *seen = context;
	for (size_t i = 0; i < seen->count; i++)
		if (seen->keys[i] == key)
			seen->duplicate = true;
	seen->keys[seen->count++] = key;
}

Test(keymap, no_key_is_bound_twice_in_a_context)
{
	for (int context = 0; context < KEYMAP_CONTEXT_COUNT; context++) {
		Seen seen = {.count = 0};
		keymap_each((KeymapContext)context, record, &seen);
		cr_expect(!seen.duplicate, "context %s", keymap_context_name((KeymapContext)context));
		/* list and article fall back to main: they must not shadow it silently either */
		if (context == KEYMAP_LIST || context == KEYMAP_ARTICLE)
			for (size_t i = 0; i < seen.count; i++)
				cr_expect_eq(keymap_lookup(KEYMAP_MAIN, seen.keys[i]), CMD_NONE,
					     "a key of %s is also in main", keymap_context_name((KeymapContext)context));
	}
}

Test(keymap, rebinding_replaces_and_none_unbinds)
{
	char error[200];
	int key;
	keymap_parse_key("j", &key);
	cr_assert(keymap_bind("main", "j", "accept", error, sizeof error), "%s", error);
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key), CMD_ACCEPT);
	cr_assert(keymap_bind("main", "j", "none", error, sizeof error));
	cr_expect_eq(keymap_lookup(KEYMAP_MAIN, key), CMD_NONE);
	cr_expect(!keymap_bind("nowhere", "j", "accept", error, sizeof error));
	cr_expect(strstr(error, "unknown key context 'nowhere'"));
	cr_expect(!keymap_bind("main", "Ctrl-j", "accept", error, sizeof error));
	cr_expect(strstr(error, "unknown key name 'Ctrl-j'"));
	cr_expect(!keymap_bind("main", "j", "fly", error, sizeof error));
	cr_expect(strstr(error, "unknown command 'fly'"));
}

Test(keymap, scripts_read_keys_text_and_resizes)
{
	int *keys;
	char error[200];
	long count = keymap_parse_script("s", "j  C-r # comment\n\"a b\" Enter resize:100x30\n", &keys,
					 error, sizeof error);
	cr_assert_eq(count, 7, "%s", error);
	cr_expect_eq(keys[0], 'j');
	cr_expect_eq(keys[1], 18);
	cr_expect_eq(keys[2], 'a');
	cr_expect_eq(keys[3], ' ');
	cr_expect_eq(keys[4], 'b');
	cr_expect_eq(keys[5], '\r');
	int rows, cols;
	cr_expect(keymap_is_resize(keys[6], &rows, &cols) && rows == 30 && cols == 100);
	free(keys);
	count = keymap_parse_script("s", "\" \"ab\"", &keys, error, sizeof error);
	cr_assert_eq(count, 3, "a lone \" is the key: %s", error);
	cr_expect_eq(keys[0], '"');
	cr_expect_eq(keys[1], 'a');
	free(keys);
	count = keymap_parse_script("s", "j\n  Foo", &keys, error, sizeof error);
	cr_expect_eq(count, -1);
	cr_expect_str_eq(error, "s:2:3: unknown key 'Foo'");
}

Test(keymap, every_command_has_a_name_and_help)
{
	for (int command = 1; command < CMD_COUNT; command++) {
		cr_expect(command_name((CommandId)command)[0]);
		cr_expect(command_help((CommandId)command)[0]);
		cr_expect_eq(command_lookup(command_name((CommandId)command)), command);
	}
	cr_expect_eq(command_lookup("w"), CMD_WRITE);
	cr_expect_eq(command_lookup("wq"), CMD_WRITE_QUIT);
	cr_expect_eq(command_lookup("q!"), CMD_QUIT_DISCARD);
}

/* The help screen comes from the tables: pinned, so a change of keys shows up here. */
Test(keymap, help_is_generated_from_the_tables)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	keymap_write_help(out);
	fclose(out);
	FILE *in = fopen("tests/ui/expected/help.txt", "rb");
	const char *update = getenv("SAYWHO_UPDATE_EXPECTED");
	if (update && *update == '1') {
		FILE *pin = fopen("tests/ui/expected/help.txt", "wb");
		fputs(text, pin);
		fclose(pin);
	} else {
		cr_assert(in, "tests/ui/expected/help.txt is missing");
		char expected[65536];
		size_t got = fread(expected, 1, sizeof expected - 1, in);
		expected[got] = '\0';
		cr_expect_str_eq(text, expected);
	}
	if (in)
		fclose(in);
	/* Rebinding shows in the help. */
	char error[100];
	keymap_bind("main", "y", "accept", error, sizeof error);
	free(text);
	out = open_memstream(&text, &size);
	keymap_write_help(out);
	fclose(out);
	cr_expect(strstr(text, "a, y ") != NULL);
	free(text);
}
