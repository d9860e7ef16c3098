/* Speakers: from a mention to an entity with a canonical name and a type.
 *
 * Names: "Foreign Ministry spokesman Zhao Lijian" is Zhao Lijian (a role noun before a name);
 * "a spokesperson for the embassy" drops its article; a word broken by a quotation mark spliced
 * into it by the page layout ("United King“China dom") is mended. Resolution: a name again or a
 * surname goes to the entity that has it; he/she to the latest person that spoke; they/it to
 * the latest organisation; "the spokesperson" to the latest entity described by that noun. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/extract/engine.h"

static const char *const titles[] = {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.",
				     "prof.", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "sir",
				     "lady", "lord", "rev.", NULL};

static bool is_title(const char *text, const Word *word)
{
	return word_equals_any(text, word, titles);
}

static bool is_role_noun(const Word *word)
{
	return word->lex && (word->lex->flags & LEX_NOUN_PERSON) && !(word->cls & WORD_CAPITALISED &&
		!(word->lex->flags & LEX_NOUN_PRIMARY));
}

/* Appends the mention's text with splices mended: a mark glued to the end of a letter, and the
 * word after it, are left out, and the rest of the broken word is joined back on. */
static void append_text(char *out, size_t size, size_t *n, const char *text, const Word *words,
			size_t first, size_t last)
{
	size_t cursor = words[first].start;
	for (size_t i = first; i <= last; i++) {
		if (words[i].mark == MARK_SPLICE && i > first && words[i - 1].end == words[i].start &&
		    i + 2 <= last && words[i + 1].start == words[i].end) {
			size_t length = words[i].start - cursor;
			if (*n + length + 1 < size) {
				memcpy(out + *n, text + cursor, length);
				*n += length;
			}
			cursor = words[i + 2].start; /* skip the mark, the stray word and the space */
			i += 1;
			continue;
		}
	}
	size_t length = words[last].end - cursor;
	if (*n + length + 1 < size) {
		memcpy(out + *n, text + cursor, length);
		*n += length;
	}
	out[*n] = '\0';
}

/* The canonical name of a mention, in `out`; true when it is a person's name after a role or
 * title ("spokesman Zhao Lijian", "Mr. Trump"). */
static bool canonical_name(const char *text, const Word *words, size_t first, size_t last,
			   char *out, size_t size)
{
	while (first < last && (words[first].cls & WORD_DETERMINER) && !(words[first].cls & WORD_CAPITALISED &&
		!word_equals(text, &words[first], "the")))
		first++;
	/* "Sen. Ann Ford (D-Maine)": the party in brackets is not part of the name */
	if (last > first + 1 && words[last].kind == TOKEN_PUNCT && words[last].punct == ')') {
		size_t open = last;
		while (open > first && !(words[open].kind == TOKEN_PUNCT && words[open].punct == '('))
			open--;
		if (open > first)
			last = open - 1;
	}
	while (first < last && (word_equals(text, &words[first], "the") || word_equals(text, &words[first], "a") ||
				word_equals(text, &words[first], "an")))
		first++;
	/* A role or title before a name at the end: the name. */
	size_t name_start = last + 1;
	while (name_start > first && (words[name_start - 1].cls & WORD_CAPITALISED) &&
	       !is_title(text, &words[name_start - 1]) && !is_role_noun(&words[name_start - 1]) &&
	       !(words[name_start - 1].cls & (WORD_GOVERNMENT | WORD_ORGANISATION | WORD_MEDIA)))
		name_start--;
	bool named = false;
	if (name_start > first && name_start <= last &&
	    (is_title(text, &words[name_start - 1]) || is_role_noun(&words[name_start - 1]))) {
		first = name_start;
		named = true;
	}
	size_t n = 0;
	append_text(out, size, &n, text, words, first, last);
	return named;
}

static bool is_person_name(const char *text, const Word *words, size_t first, size_t last)
{
	size_t capitals = 0;
	for (size_t i = first; i <= last; i++) {
		if (words[i].kind != TOKEN_WORD)
			continue;
		if (!(words[i].cls & WORD_CAPITALISED) || (words[i].cls & (WORD_COUNTRY | WORD_MEDIA |
			WORD_GOVERNMENT | WORD_ORGANISATION)))
			return false;
		if (words[i].lex && (words[i].lex->flags & (LEX_NOUN_GROUP)) && !(words[i].lex->flags & LEX_NOUN_PERSON))
			return false;
		capitals++;
	}
	(void)text;
	return capitals >= 1 && capitals <= 4;
}

/* The head of a description: the last word before its first preposition or relative. */
static size_t head_of(const Word *words, size_t first, size_t last)
{
	size_t head = last;
	for (size_t i = first + 1; i <= last; i++)
		if (words[i].cls & (WORD_PREPOSITION | WORD_RELATIVE) || words[i].punct == ',') {
			head = i - 1;
			break;
		}
	return head;
}

static SpeakerType type_of_head(const char *text, const Word *words, size_t first, size_t last)
{
	size_t head = head_of(words, first, last);
	const Word *h = &words[head];
	uint32_t all = 0;
	for (size_t i = first; i <= head; i++)
		all |= words[i].cls;
	if (h->lex && (h->lex->flags & LEX_NOUN_PERSON) && (h->lex->flags & LEX_NOUN_PRIMARY) &&
	    !(h->cls & (WORD_ORGANISATION | WORD_GOVERNMENT | WORD_MEDIA)))
		return SPEAKER_PERSON;
	if (h->cls & WORD_MEDIA || (all & WORD_MEDIA))
		return SPEAKER_MEDIA;
	if (h->cls & (WORD_GOVERNMENT | WORD_COUNTRY))
		return SPEAKER_GOVERNMENT;
	if (h->cls & WORD_ORGANISATION)
		return SPEAKER_ORGANIZATION;
	if (h->lex && (h->lex->flags & LEX_NOUN_COMMUNICATION) && !(h->cls & WORD_CAPITALISED))
		return SPEAKER_DOCUMENT;
	if (h->lex && (h->lex->flags & LEX_NOUN_GROUP))
		return SPEAKER_ORGANIZATION;
	if (h->lex && (h->lex->flags & LEX_NOUN_PERSON))
		return SPEAKER_PERSON;
	if (is_person_name(text, words, first, head))
		return SPEAKER_PERSON;
	if (h->cls & WORD_CAPITALISED)
		return SPEAKER_ORGANIZATION;
	return SPEAKER_OTHER;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* spokesman, spokeswoman, spokesperson, spokespeople are one role. */
static void normalise_head(char *head)
{
	if (strncmp(head, "spokes", 6) == 0)
		strcpy(head, "spokesperson");
	size_t n = strlen(head);
	if (n > 3 && head[n - 1] == 's' && head[n - 2] != 's')
		head[n - 1] = '\0'; /* officials -> official */
}

static size_t add_entity(Entities *entities, const char *name, SpeakerType type, const char *head,
			 bool plural, size_t at)
{
	if (entities->count == entities->capacity) {
		entities->capacity = entities->capacity ? entities->capacity * 2 : 8;
		entities->items = xrealloc(entities->items, entities->capacity * sizeof *entities->items);
	}
	entities->items[entities->count] = (Entity){xstrdup(name), type, head ? xstrdup(head) : NULL,
						    plural, at, (size_t)-1};
	return entities->count++;
}

static bool same_words(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = (char)tolower((unsigned char)*a), y = (char)tolower((unsigned char)*b);
		if (x != y)
			return false;
	}
	return !*a && !*b;
}

/* Whether `word` is the first or last word of `name` (a surname, or a family name first). */
static bool names_word(const char *name, const char *word)
{
	size_t n = strlen(word);
	if (!n)
		return false;
	if (strncasecmp(name, word, n) == 0 && name[n] == ' ')
		return true;
	size_t m = strlen(name);
	return m > n && name[m - n - 1] == ' ' && strcasecmp(name + m - n, word) == 0;
}

/* Searches look at the latest entities only, so that a book-length input stays linear. */
enum { RECENT_ENTITIES = 200 };

static size_t recent_start(const Entities *entities)
{
	return entities->count > RECENT_ENTITIES ? entities->count - RECENT_ENTITIES : 0;
}

static size_t latest(const Entities *entities, bool (*fits)(const Entity *, const void *), const void *arg)
{
	size_t best = (size_t)-1;
	for (size_t i = recent_start(entities); i < entities->count; i++)
		if (fits(&entities->items[i], arg) &&
		    (best == (size_t)-1 || entities->items[i].last_seen >= entities->items[best].last_seen))
			best = i;
	return best;
}

static bool fits_person(const Entity *e, const void *arg)
{
	(void)arg;
	return e->type == SPEAKER_PERSON && !e->plural;
}

static bool fits_group(const Entity *e, const void *arg)
{
	(void)arg;
	return e->type != SPEAKER_PERSON || e->plural;
}

static bool fits_thing(const Entity *e, const void *arg)
{
	(void)arg;
	return e->type != SPEAKER_PERSON;
}

static bool fits_head(const Entity *e, const void *arg)
{
	return e->head && strcmp(e->head, (const char *)arg) == 0;
}

enum { NO_COMMA = 0 }; /* word indexes of commas are never 0 in a mention (it starts with a word) */

size_t speakers_resolve(Entities *entities, const char *text, const Word *words, size_t first,
			size_t last, MentionKind kind, ResolutionMethod *method)
{
	size_t at = words[first].start;
	if (kind == MENTION_PRONOUN) {
		const Word *w = &words[first];
		bool person = word_equals(text, w, "he") || word_equals(text, w, "she") || word_equals(text, w, "i");
		bool group = word_equals(text, w, "they") || word_equals(text, w, "we");
		size_t found = latest(entities, person ? fits_person : group ? fits_group : fits_thing, NULL);
		if (found == (size_t)-1 && group)
			found = latest(entities, fits_person, NULL);
		if (found != (size_t)-1) {
			*method = RESOLVED_PRONOUN;
			entities->items[found].last_seen = at;
			return found;
		}
		*method = RESOLVED_NONE;
		char pronoun[16] = "";
		size_t n = w->end - w->start < sizeof pronoun - 1 ? w->end - w->start : sizeof pronoun - 1;
		memcpy(pronoun, text + w->start, n);
		pronoun[n] = '\0';
		return add_entity(entities, pronoun, person ? SPEAKER_PERSON : SPEAKER_OTHER, NULL, group, at);
	}

	/* "Sam Nunberg, a former Trump aide," is named by what comes before the comma; "one of
	 * his aides, Tad Ross," by the part that is a person's name. */
	size_t first_comma = NO_COMMA, segment = first;
	bool named = false;
	for (size_t i = first + 1; i <= last + 1 && !named; i++) {
		if (i <= last && !(words[i].kind == TOKEN_PUNCT && words[i].punct == ','))
			continue;
		if (i <= last && first_comma == NO_COMMA)
			first_comma = i;
		if (first_comma != NO_COMMA && i > segment && words[i - 1].kind == TOKEN_WORD &&
		    (words[i - 1].cls & WORD_CAPITALISED) && is_person_name(text, words, segment, i - 1)) {
			first = segment;
			last = i - 1;
			named = true;
		}
		segment = i + 1;
	}
	if (!named && first_comma != NO_COMMA && (words[first].cls & WORD_CAPITALISED))
		last = first_comma - 1;
	char name[256];
	bool titled = canonical_name(text, words, first, last, name, sizeof name);
	size_t head_index = head_of(words, first, last);
	char head[64] = "";
	const Word *h = &words[head_index];
	if (h->kind == TOKEN_WORD && !(h->cls & WORD_CAPITALISED) && h->end - h->start < sizeof head) {
		memcpy(head, text + h->start, h->end - h->start);
		head[h->end - h->start] = '\0';
		lower_ascii(head);
		normalise_head(head);
	}
	/* A role noun anywhere in a name mention ("Foreign Ministry spokesman Zhao Lijian") is
	 * the head that "the spokesman" points back to. */
	if (!head[0])
		for (size_t i = first; i <= last; i++)
			if (words[i].kind == TOKEN_WORD && is_role_noun(&words[i]) &&
			    words[i].end - words[i].start < sizeof head) {
				memcpy(head, text + words[i].start, words[i].end - words[i].start);
				head[words[i].end - words[i].start] = '\0';
				lower_ascii(head);
				normalise_head(head);
				break;
			}
	bool plural = h->lex && (h->lex->flags & LEX_NOUN_PLURAL);

	if (kind == MENTION_DEFINITE && head[0]) {
		size_t found = latest(entities, fits_head, head);
		if (found != (size_t)-1) {
			*method = RESOLVED_DESCRIPTION;
			entities->items[found].last_seen = at;
			return found;
		}
	}
	for (size_t i = recent_start(entities); i < entities->count; i++)
		if (same_words(entities->items[i].name, name)) {
			*method = RESOLVED_SAME_NAME;
			entities->items[i].last_seen = at;
			if (head[0] && !entities->items[i].head)
				entities->items[i].head = xstrdup(head);
			return i;
		}
	SpeakerType type = titled ? SPEAKER_PERSON : type_of_head(text, words, first, last);
	if (kind == MENTION_NAME && !strchr(name, ' ')) {
		for (size_t i = recent_start(entities); i < entities->count; i++)
			if (entities->items[i].type == SPEAKER_PERSON && names_word(entities->items[i].name, name)) {
				*method = RESOLVED_SURNAME;
				entities->items[i].last_seen = at;
				return i;
			}
	}
	if (kind == MENTION_NAME && type == SPEAKER_PERSON && strchr(name, ' ')) {
		/* "Trump" first, "Donald Trump" later: one entity with the fuller name. */
		for (size_t i = recent_start(entities); i < entities->count; i++)
			if (!strchr(entities->items[i].name, ' ') && entities->items[i].type == SPEAKER_PERSON &&
			    names_word(name, entities->items[i].name)) {
				free(entities->items[i].name);
				entities->items[i].name = xstrdup(name);
				*method = RESOLVED_SURNAME;
				entities->items[i].last_seen = at;
				return i;
			}
	}
	*method = RESOLVED_NEW;
	return add_entity(entities, name, type, head[0] ? head : NULL, plural, at);
}

void speakers_free(Entities *entities)
{
	for (size_t i = 0; i < entities->count; i++) {
		free(entities->items[i].name);
		free(entities->items[i].head);
	}
	free(entities->items);
	*entities = (Entities){0};
}
