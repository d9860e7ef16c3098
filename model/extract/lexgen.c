/* lexgen: builds the engine's lexicon table (lexicon.h) at build time.
 *
 * usage: lexgen CUES.txt OUT.c
 * Reads WordNet (wninit(); the database of the wordnet package) and the hand-kept cue list,
 * inflects every verb and noun, and writes an open-addressing hash table as C data, so that the
 * engine never opens a database: looking a word up at run time is one hash and a compare.
 *
 * Why WordNet: its lexicographer files already sort English verbs by meaning. verb.communication
 * and verb.cognition hold the verbs of saying and thinking (say, allege, reckon, surmise, ...),
 * noun.person and noun.group the heads of speaker descriptions (spokeswoman, senator, ministry,
 * committee), noun.communication the documents (report, statement, memo). A hand list alone
 * misses the long tail; WordNet alone cannot tell a cue that stands by itself ("said") from one
 * that needs a clause after it ("showed that"), which is what cues.txt adds. */
#define _POSIX_C_SOURCE 200809L /* strdup, getline, strtok_r: native targets get no project flags */

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wn.h>

#include "model/extract/lexicon.h"

/* WordNet's lexicographer file numbers (lexnames). */
enum { LEXFILE_NOUN_COMMUNICATION = 10, LEXFILE_NOUN_GROUP = 14, LEXFILE_NOUN_PERSON = 18,
       LEXFILE_VERB_COGNITION = 31, LEXFILE_VERB_COMMUNICATION = 32 };

typedef struct Form {
	char *word, *lemma;
	uint32_t flags;
	uint8_t label;
} Form;

static Form *forms;
static size_t form_count, form_capacity;

static void *checked(void *pointer)
{
	if (!pointer) {
		fprintf(stderr, "lexgen: out of memory\n");
		exit(1);
	}
	return pointer;
}

static void add_form(const char *word, const char *lemma, uint32_t flags, uint8_t label)
{
	if (form_count == form_capacity) {
		form_capacity = form_capacity ? form_capacity * 2 : 4096;
		forms = checked(realloc(forms, form_capacity * sizeof *forms));
	}
	forms[form_count++] = (Form){checked(strdup(word)), checked(strdup(lemma)), flags, label};
}

static bool is_vowel(char c)
{
	return strchr("aeiou", c) != NULL;
}

static bool ends_with(const char *word, const char *suffix)
{
	size_t n = strlen(word), m = strlen(suffix);
	return n >= m && strcmp(word + n - m, suffix) == 0;
}

/* Regular inflections of the first word of `lemma` (the rest, "for" in "call for", is kept);
 * irregular and doubled forms come from WordNet's verb.exc (see add_exceptions). */
static void add_inflections(const char *lemma, uint32_t flags, uint8_t label, bool verb)
{
	char head[128], rest[128], out[300];
	const char *space = strchr(lemma, ' ');
	size_t head_length = space ? (size_t)(space - lemma) : strlen(lemma);
	if (head_length >= sizeof head || strlen(lemma) >= sizeof rest)
		return;
	memcpy(head, lemma, head_length);
	head[head_length] = '\0';
	snprintf(rest, sizeof rest, "%s", space ? space : "");
	size_t n = head_length;
	char last = n ? head[n - 1] : '\0', before = n > 1 ? head[n - 2] : '\0';
	bool consonant_y = last == 'y' && !is_vowel(before);
	char stem[128];

	add_form(lemma, lemma, flags | (verb ? LEX_FORM_BASE : 0), label);
	/* -s: says, pushes, denies, vetoes; plural nouns the same way (spokesmen below) */
	snprintf(stem, sizeof stem, "%.*s", (int)(consonant_y ? n - 1 : n), head);
	const char *s_suffix = consonant_y ? "ies"
		: (ends_with(head, "s") || ends_with(head, "x") || ends_with(head, "z") ||
		   ends_with(head, "ch") || ends_with(head, "sh") || ends_with(head, "o")) ? "es" : "s";
	snprintf(out, sizeof out, "%s%s%s", stem, s_suffix, rest);
	add_form(out, lemma, flags | (verb ? LEX_FORM_S : LEX_NOUN_PLURAL), label);
	if (!verb) {
		if (ends_with(head, "man")) {
			snprintf(out, sizeof out, "%.*smen%s", (int)(n - 3), head, rest);
			add_form(out, lemma, flags | LEX_NOUN_PLURAL, label);
		}
		return;
	}
	/* -ed: said comes from verb.exc; denied, noted, asked */
	snprintf(out, sizeof out, "%s%s%s", stem, consonant_y ? "ied" : last == 'e' ? "d" : "ed", rest);
	add_form(out, lemma, flags | LEX_FORM_PAST, label);
	/* -ing: noting, denying, tying */
	if (ends_with(head, "ie"))
		snprintf(out, sizeof out, "%.*sying%s", (int)(n - 2), head, rest);
	else if (last == 'e' && before != 'e' && before != 'y' && before != 'o' && n > 2)
		snprintf(out, sizeof out, "%.*sing%s", (int)(n - 1), head, rest);
	else
		snprintf(out, sizeof out, "%sing%s", head, rest);
	add_form(out, lemma, flags | LEX_FORM_ING, label);
}

/* verb.exc / noun.exc: "said say", "spokesmen spokesman". Every form whose base is already in
 * the table gets that base's flags. */
static void add_exceptions(const char *path, bool verb)
{
	FILE *file = fopen(path, "r");
	if (!file) {
		fprintf(stderr, "lexgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	size_t known = form_count;
	char line[512];
	while (fgets(line, sizeof line, file)) {
		char form[256], base[256];
		if (sscanf(line, "%255s %255s", form, base) != 2)
			continue;
		for (char *c = form; *c; c++)
			if (*c == '_')
				*c = ' ';
		for (char *c = base; *c; c++)
			if (*c == '_')
				*c = ' ';
		uint32_t joined = 0;
		uint8_t label = LEX_LABEL_NONE;
		for (size_t i = 0; i < known; i++) {
			if (strcmp(forms[i].word, base) != 0 || strcmp(forms[i].lemma, base) != 0 ||
			    (verb && !(forms[i].flags & LEX_FORM_BASE)) ||
			    (!verb && (forms[i].flags & LEX_NOUN_PLURAL)))
				continue;
			joined |= forms[i].flags & ~(uint32_t)(LEX_FORM_BASE | LEX_FORM_S | LEX_FORM_PAST |
								LEX_FORM_ING | LEX_NOUN_PLURAL);
			if (!label)
				label = forms[i].label;
		}
		if (!joined)
			continue;
		uint32_t form_flag = !verb ? LEX_NOUN_PLURAL : ends_with(form, "ing") ? LEX_FORM_ING : LEX_FORM_PAST;
		add_form(form, base, joined | form_flag, label);
	}
	fclose(file);
}

/* The lexicographer file of the most frequent sense of `lemma` in `part_of_speech`, or -1. */
static int primary_lexfile(const char *lemma, int part_of_speech)
{
	char key[256];
	snprintf(key, sizeof key, "%s", lemma);
	for (char *c = key; *c; c++)
		if (*c == ' ')
			*c = '_';
	IndexPtr index = index_lookup(key, part_of_speech);
	if (!index)
		return -1;
	int lexfile = -1;
	if (index->off_cnt > 0) {
		SynsetPtr synset = read_synset(part_of_speech, (long)index->offset[0], "");
		if (synset) {
			lexfile = synset->fnum;
			free_synset(synset);
		}
	}
	free_index(index);
	return lexfile;
}

/* Reads one data file line by line: "offset lexfile ss_type w_cnt word lex_id ...". */
static void add_lexfile_words(const char *dir, int part_of_speech, const int *lexfiles,
			      const uint32_t *flag_of, size_t lexfile_count)
{
	/* A stream of our own: read_synset() seeks WordNet's datafps under our feet. */
	char path[512];
	snprintf(path, sizeof path, "%s/data.%s", dir, part_of_speech == VERB ? "verb" : "noun");
	FILE *data = fopen(path, "r");
	if (!data) {
		fprintf(stderr, "lexgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	char *line = NULL;
	size_t capacity = 0;
	while (getline(&line, &capacity, data) > 0) {
		if (line[0] == ' ')
			continue; /* the licence at the top */
		char *save = NULL;
		strtok_r(line, " ", &save);                 /* offset */
		int lexfile = atoi(strtok_r(NULL, " ", &save));
		strtok_r(NULL, " ", &save);                 /* ss_type */
		int word_count = (int)strtol(strtok_r(NULL, " ", &save), NULL, 16);
		uint32_t flags = 0;
		for (size_t i = 0; i < lexfile_count; i++)
			if (lexfiles[i] == lexfile)
				flags = flag_of[i];
		for (int w = 0; w < word_count; w++) {
			char *word = strtok_r(NULL, " ", &save);
			strtok_r(NULL, " ", &save); /* lex_id */
			if (!flags || !word)
				continue;
			bool proper = false;
			for (char *c = word; *c; c++) {
				if (*c == '_')
					*c = ' ';
				if (isupper((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '.')
					proper = true;
			}
			if (proper)
				continue; /* names are found by capitals; the table is for common words */
			int primary = primary_lexfile(word, part_of_speech);
			uint32_t primary_flag = part_of_speech == VERB ? LEX_VERB_PRIMARY : LEX_NOUN_PRIMARY;
			bool is_primary = false;
			for (size_t i = 0; i < lexfile_count; i++)
				if (lexfiles[i] == primary)
					is_primary = true;
			add_inflections(word, flags | (is_primary ? primary_flag : 0), LEX_LABEL_NONE,
					part_of_speech == VERB);
		}
	}
	free(line);
	fclose(data);
}

static uint8_t label_of(const char *name)
{
	static const char *const names[] = {"", "accusation", "denial", "statistic", "demand", "position"};
	for (uint8_t i = 1; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	fprintf(stderr, "lexgen: unknown label %s\n", name);
	exit(1);
}

static void add_cues(const char *path)
{
	FILE *file = fopen(path, "r");
	if (!file) {
		fprintf(stderr, "lexgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	char line[512];
	unsigned number = 0;
	while (fgets(line, sizeof line, file)) {
		number++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s:%u:1: expected a lemma, a tab and attributes\n", path, number);
			exit(1);
		}
		*tab = '\0';
		uint32_t flags = LEX_CUE;
		uint8_t label = LEX_LABEL_NONE;
		bool noun = false, fixed = false;
		char *save = NULL;
		for (char *attribute = strtok_r(tab + 1, " ", &save); attribute;
		     attribute = strtok_r(NULL, " ", &save)) {
			if (strcmp(attribute, "post") == 0)
				flags |= LEX_CUE_POSTPOSED;
			else if (strcmp(attribute, "object") == 0)
				flags |= LEX_CUE_OBJECT;
			else if (strcmp(attribute, "weak") == 0)
				flags |= LEX_CUE_WEAK;
			else if (strcmp(attribute, "hearer") == 0)
				flags |= LEX_CUE_OBJECT | LEX_CUE_HEARER;
			else if (strcmp(attribute, "belief") == 0)
				flags |= LEX_CUE_BELIEF;
			else if (strcmp(attribute, "noun") == 0)
				noun = true;
			else if (strcmp(attribute, "fixed") == 0)
				fixed = true;
			else if (strncmp(attribute, "label=", 6) == 0)
				label = label_of(attribute + 6);
			else {
				fprintf(stderr, "%s:%u:1: unknown attribute %s\n", path, number, attribute);
				exit(1);
			}
		}
		if (noun)
			add_inflections(line, LEX_CUE_NOMINAL | (flags & LEX_CUE_BELIEF), label, false);
		else if (fixed)
			add_form(line, line, flags, label);
		else
			add_inflections(line, flags, label, true);
	}
	fclose(file);
}

typedef struct Merged {
	const char *word, *lemma;
	uint32_t flags;
	uint8_t label, words;
	uint32_t word_offset, lemma_offset;
} Merged;

typedef struct Keyed {
	const char *word;
	size_t index;
} Keyed;

static int compare_keyed(const void *a, const void *b)
{
	const Keyed *x = a, *y = b;
	int c = strcmp(x->word, y->word);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: lexgen CUES.txt OUT.c\n");
		return 2;
	}
	if (wninit() != 0) {
		fprintf(stderr, "lexgen: cannot open the WordNet database (package wordnet-base)\n");
		return 1;
	}
	/* Curated cues first: where a form is also in WordNet, its lemma and label win. */
	add_cues(argv[1]);
	const char *dir = getenv("WNSEARCHDIR") ? getenv("WNSEARCHDIR") : "/usr/share/wordnet";
	static const int verb_files[] = {LEXFILE_VERB_COMMUNICATION, LEXFILE_VERB_COGNITION};
	static const uint32_t verb_flags[] = {LEX_VERB_COMMUNICATION, LEX_VERB_COGNITION};
	add_lexfile_words(dir, VERB, verb_files, verb_flags, 2);
	static const int noun_files[] = {LEXFILE_NOUN_PERSON, LEXFILE_NOUN_GROUP, LEXFILE_NOUN_COMMUNICATION};
	static const uint32_t noun_flags[] = {LEX_NOUN_PERSON, LEX_NOUN_GROUP, LEX_NOUN_COMMUNICATION};
	add_lexfile_words(dir, NOUN, noun_files, noun_flags, 3);
	char path[512];
	snprintf(path, sizeof path, "%s/verb.exc", dir);
	add_exceptions(path, true);
	snprintf(path, sizeof path, "%s/noun.exc", dir);
	add_exceptions(path, false);

	/* Merge duplicate forms: sorted by word, then by order of addition, so the first lemma and
	 * label (the curated one) win and the flags of all senses are joined. */
	Keyed *keyed = checked(malloc(form_count * sizeof *keyed));
	for (size_t i = 0; i < form_count; i++)
		keyed[i] = (Keyed){forms[i].word, i};
	qsort(keyed, form_count, sizeof *keyed, compare_keyed);
	Merged *merged = checked(calloc(form_count, sizeof *merged));
	size_t merged_count = 0;
	for (size_t i = 0; i < form_count; i++) {
		const Form *form = &forms[keyed[i].index];
		if (merged_count && strcmp(merged[merged_count - 1].word, form->word) == 0) {
			Merged *m = &merged[merged_count - 1];
			m->flags |= form->flags;
			if (!m->label)
				m->label = form->label;
			continue;
		}
		unsigned words = 1;
		for (const char *c = form->word; *c; c++)
			words += *c == ' ';
		merged[merged_count++] = (Merged){form->word, form->lemma, form->flags, form->label,
						  (uint8_t)words, 0, 0};
	}

	/* Flag the first word of every phrase, so the engine looks two words up only after one. */
	for (size_t i = 0; i < merged_count; i++) {
		const char *space = strchr(merged[i].word, ' ');
		if (!space)
			continue;
		size_t n = (size_t)(space - merged[i].word);
		for (size_t j = 0; j < merged_count; j++)
			if (strncmp(merged[j].word, merged[i].word, n) == 0 && merged[j].word[n] == '\0')
				merged[j].flags |= LEX_STARTS_PHRASE;
	}
	FILE *out = fopen(argv[2], "w");
	if (!out) {
		fprintf(stderr, "lexgen: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	fprintf(out, "/* Generated by lexgen from WordNet %s and cues.txt: do not edit. */\n"
		     "#include \"model/extract/lexicon.h\"\n\n", wnrelease ? wnrelease : "3.0");
	/* The string blob: each distinct word and lemma once, as numbers (no overlong literal). */
	fprintf(out, "const char lexicon_strings[] = {\n");
	uint32_t offset = 0;
	unsigned column = 0;
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < merged_count; i++) {
			const char *text = pass == 0 ? merged[i].word : merged[i].lemma;
			if (pass == 1) {
				/* a lemma that is also a form shares that form's bytes */
				size_t lo = 0, hi = merged_count;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					int c = strcmp(merged[mid].word, text);
					if (c == 0) {
						lo = mid;
						hi = mid + 1;
						break;
					}
					if (c < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				if (lo < merged_count && strcmp(merged[lo].word, text) == 0) {
					merged[i].lemma_offset = merged[lo].word_offset;
					continue;
				}
				merged[i].lemma_offset = offset;
			} else {
				merged[i].word_offset = offset;
			}
			for (const char *c = text;; c++) {
				fprintf(out, "%d,", (int)(unsigned char)*c);
				if (++column % 24 == 0)
					fputc('\n', out);
				offset++;
				if (!*c)
					break;
			}
		}
	}
	fprintf(out, "0};\n\n");
	fprintf(out, "const LexEntry lexicon_entries[] = {\n");
	for (size_t i = 0; i < merged_count; i++)
		fprintf(out, "{%u,%u,0x%x,%u,%u},\n", merged[i].word_offset, merged[i].lemma_offset,
			merged[i].flags, merged[i].label, merged[i].words);
	fprintf(out, "};\nconst uint32_t lexicon_entry_count = %zu;\n\n", merged_count);

	if (merged_count >= 0xFFFF) {
		fprintf(stderr, "lexgen: %zu forms: the slots hold 16-bit indexes\n", merged_count);
		return 1;
	}
	uint32_t slot_count = 1;
	while (slot_count < merged_count * 2)
		slot_count *= 2;
	uint32_t *slots = checked(calloc(slot_count, sizeof *slots));
	for (size_t i = 0; i < merged_count; i++) {
		uint32_t slot = lexicon_hash(merged[i].word, strlen(merged[i].word)) & (slot_count - 1);
		while (slots[slot])
			slot = (slot + 1) & (slot_count - 1);
		/* low half: entry index + 1; high half: the top of the hash, so that a probe rejects
		 * a different word without touching the entries (one cache line, not three) */
		slots[slot] = ((uint32_t)i + 1) | (lexicon_hash(merged[i].word, strlen(merged[i].word)) & 0xFFFF0000u);
	}
	fprintf(out, "const uint32_t lexicon_slots[] = {\n");
	for (uint32_t i = 0; i < slot_count; i++)
		fprintf(out, "%u,%s", slots[i], i % 16 == 15 ? "\n" : "");
	fprintf(out, "};\nconst uint32_t lexicon_slot_count = %u;\n\n", slot_count);

	if (fclose(out) != 0) {
		fprintf(stderr, "lexgen: %s: write failed\n", argv[2]);
		return 1;
	}
	fprintf(stderr, "lexgen: %zu forms\n", merged_count);
	return 0;
}
