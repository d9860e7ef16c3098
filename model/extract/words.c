/* Token tagging: lexicon entries, function-word classes, quotation mark roles. */
#include <string.h>

#include "model/article.h"
#include "model/extract/engine.h"

typedef struct FunctionWord {
	const char *word;
	uint32_t cls;
} FunctionWord;

static const FunctionWord function_words[] = {
	{"the", WORD_DETERMINER}, {"a", WORD_DETERMINER}, {"an", WORD_DETERMINER},
	{"this", WORD_DETERMINER}, {"these", WORD_DETERMINER}, {"those", WORD_DETERMINER},
	{"his", WORD_DETERMINER}, {"her", WORD_DETERMINER | WORD_OBJECT_PRONOUN},
	{"its", WORD_DETERMINER}, {"their", WORD_DETERMINER}, {"our", WORD_DETERMINER},
	{"my", WORD_DETERMINER}, {"your", WORD_DETERMINER}, {"some", WORD_DETERMINER},
	{"many", WORD_DETERMINER}, {"most", WORD_DETERMINER}, {"several", WORD_DETERMINER},
	{"each", WORD_DETERMINER}, {"every", WORD_DETERMINER}, {"all", WORD_DETERMINER},
	{"both", WORD_DETERMINER}, {"other", WORD_DETERMINER}, {"another", WORD_DETERMINER},
	{"two", WORD_DETERMINER}, {"three", WORD_DETERMINER}, {"four", WORD_DETERMINER},
	{"few", WORD_DETERMINER}, {"more", WORD_DETERMINER}, {"one", WORD_DETERMINER},
	{"he", WORD_PRONOUN}, {"she", WORD_PRONOUN}, {"they", WORD_PRONOUN}, {"we", WORD_PRONOUN},
	{"i", WORD_PRONOUN}, {"it", WORD_PRONOUN}, {"you", WORD_PRONOUN},
	{"him", WORD_OBJECT_PRONOUN}, {"them", WORD_OBJECT_PRONOUN}, {"us", WORD_OBJECT_PRONOUN},
	{"me", WORD_OBJECT_PRONOUN},
	{"of", WORD_PREPOSITION}, {"for", WORD_PREPOSITION}, {"in", WORD_PREPOSITION},
	{"at", WORD_PREPOSITION}, {"from", WORD_PREPOSITION}, {"with", WORD_PREPOSITION},
	{"to", WORD_PREPOSITION}, {"on", WORD_PREPOSITION}, {"by", WORD_PREPOSITION},
	{"about", WORD_PREPOSITION}, {"during", WORD_PREPOSITION}, {"against", WORD_PREPOSITION},
	{"after", WORD_PREPOSITION | WORD_SUBORDINATOR}, {"before", WORD_PREPOSITION | WORD_SUBORDINATOR},
	{"into", WORD_PREPOSITION}, {"over", WORD_PREPOSITION}, {"under", WORD_PREPOSITION},
	{"through", WORD_PREPOSITION}, {"across", WORD_PREPOSITION}, {"among", WORD_PREPOSITION},
	{"between", WORD_PREPOSITION}, {"within", WORD_PREPOSITION}, {"via", WORD_PREPOSITION},
	{"is", WORD_AUXILIARY}, {"are", WORD_AUXILIARY}, {"was", WORD_AUXILIARY},
	{"were", WORD_AUXILIARY}, {"be", WORD_AUXILIARY}, {"been", WORD_AUXILIARY},
	{"being", WORD_AUXILIARY}, {"has", WORD_AUXILIARY}, {"have", WORD_AUXILIARY},
	{"had", WORD_AUXILIARY}, {"will", WORD_AUXILIARY}, {"would", WORD_AUXILIARY},
	{"can", WORD_AUXILIARY}, {"could", WORD_AUXILIARY}, {"may", WORD_AUXILIARY},
	{"might", WORD_AUXILIARY}, {"must", WORD_AUXILIARY}, {"shall", WORD_AUXILIARY},
	{"should", WORD_AUXILIARY}, {"do", WORD_AUXILIARY}, {"does", WORD_AUXILIARY},
	{"did", WORD_AUXILIARY},
	{"that", WORD_RELATIVE}, {"which", WORD_RELATIVE}, {"who", WORD_RELATIVE},
	{"whom", WORD_RELATIVE}, {"whose", WORD_RELATIVE},
	{"and", WORD_CONJUNCTION}, {"or", WORD_CONJUNCTION}, {"but", WORD_CONJUNCTION},
	{"nor", WORD_CONJUNCTION}, {"so", WORD_CONJUNCTION}, {"yet", WORD_CONJUNCTION},
	{"because", WORD_SUBORDINATOR}, {"while", WORD_SUBORDINATOR}, {"when", WORD_SUBORDINATOR},
	{"if", WORD_SUBORDINATOR}, {"although", WORD_SUBORDINATOR}, {"though", WORD_SUBORDINATOR},
	{"as", WORD_SUBORDINATOR}, {"since", WORD_SUBORDINATOR}, {"unless", WORD_SUBORDINATOR},
	{"whether", WORD_SUBORDINATOR}, {"until", WORD_SUBORDINATOR}, {"where", WORD_SUBORDINATOR},
	{"what", WORD_SUBORDINATOR}, {"how", WORD_SUBORDINATOR}, {"why", WORD_SUBORDINATOR},
	{"than", WORD_SUBORDINATOR},
	{"also", WORD_ADVERB}, {"later", WORD_ADVERB}, {"then", WORD_ADVERB}, {"again", WORD_ADVERB},
	{"still", WORD_ADVERB}, {"even", WORD_ADVERB}, {"just", WORD_ADVERB}, {"once", WORD_ADVERB},
	{"already", WORD_ADVERB}, {"now", WORD_ADVERB}, {"often", WORD_ADVERB}, {"further", WORD_ADVERB},
	{"never", WORD_ADVERB | WORD_NEGATION}, {"not", WORD_ADVERB | WORD_NEGATION},
	{"always", WORD_ADVERB}, {"too", WORD_ADVERB}, {"long", WORD_ADVERB}, {"ever", WORD_ADVERB},
	{"monday", WORD_TIME}, {"tuesday", WORD_TIME}, {"wednesday", WORD_TIME},
	{"thursday", WORD_TIME}, {"friday", WORD_TIME}, {"saturday", WORD_TIME}, {"sunday", WORD_TIME},
	{"yesterday", WORD_TIME}, {"today", WORD_TIME}, {"tonight", WORD_TIME},
	{"week", WORD_TIME}, {"month", WORD_TIME}, {"year", WORD_TIME}, {"night", WORD_TIME},
	{"morning", WORD_TIME}, {"afternoon", WORD_TIME}, {"evening", WORD_TIME},
	{"china", WORD_COUNTRY}, {"us", WORD_OBJECT_PRONOUN | WORD_COUNTRY}, {"u.s.", WORD_COUNTRY},
	{"uk", WORD_COUNTRY}, {"u.k.", WORD_COUNTRY}, {"britain", WORD_COUNTRY},
	{"russia", WORD_COUNTRY}, {"france", WORD_COUNTRY}, {"germany", WORD_COUNTRY},
	{"japan", WORD_COUNTRY}, {"india", WORD_COUNTRY}, {"iran", WORD_COUNTRY},
	{"israel", WORD_COUNTRY}, {"mexico", WORD_COUNTRY}, {"canada", WORD_COUNTRY},
	{"australia", WORD_COUNTRY}, {"norway", WORD_COUNTRY}, {"denmark", WORD_COUNTRY},
	{"ukraine", WORD_COUNTRY}, {"syria", WORD_COUNTRY}, {"turkey", WORD_COUNTRY},
	{"italy", WORD_COUNTRY}, {"spain", WORD_COUNTRY}, {"taiwan", WORD_COUNTRY},
	{"korea", WORD_COUNTRY}, {"pakistan", WORD_COUNTRY}, {"egypt", WORD_COUNTRY},
	{"washington", WORD_COUNTRY}, {"beijing", WORD_COUNTRY}, {"moscow", WORD_COUNTRY},
	{"pentagon", WORD_GOVERNMENT}, {"kremlin", WORD_GOVERNMENT},
	{"ministry", WORD_GOVERNMENT}, {"government", WORD_GOVERNMENT},
	{"administration", WORD_GOVERNMENT}, {"department", WORD_GOVERNMENT},
	{"senate", WORD_GOVERNMENT}, {"congress", WORD_GOVERNMENT}, {"parliament", WORD_GOVERNMENT},
	{"court", WORD_GOVERNMENT}, {"police", WORD_GOVERNMENT}, {"agency", WORD_GOVERNMENT},
	{"house", WORD_GOVERNMENT}, {"cabinet", WORD_GOVERNMENT},
	{"media", WORD_MEDIA}, {"newspaper", WORD_MEDIA}, {"times", WORD_MEDIA}, {"post", WORD_MEDIA},
	{"cnn", WORD_MEDIA}, {"msnbc", WORD_MEDIA}, {"fox", WORD_MEDIA}, {"news", WORD_MEDIA},
	{"reuters", WORD_MEDIA}, {"ap", WORD_MEDIA}, {"journal", WORD_MEDIA}, {"press", WORD_MEDIA},
	{"politico", WORD_MEDIA}, {"breitbart", WORD_MEDIA}, {"nbc", WORD_MEDIA}, {"abc", WORD_MEDIA},
	{"cbs", WORD_MEDIA},
	{"committee", WORD_ORGANISATION}, {"party", WORD_ORGANISATION}, {"campaign", WORD_ORGANISATION},
	{"university", WORD_ORGANISATION}, {"institute", WORD_ORGANISATION},
	{"association", WORD_ORGANISATION}, {"council", WORD_ORGANISATION},
	{"embassy", WORD_ORGANISATION}, {"mission", WORD_ORGANISATION}, {"center", WORD_ORGANISATION},
	{"centre", WORD_ORGANISATION}, {"company", WORD_ORGANISATION}, {"group", WORD_ORGANISATION},
	{"foundation", WORD_ORGANISATION}, {"union", WORD_ORGANISATION}, {"organization", WORD_ORGANISATION},
	{"inc.", WORD_ORGANISATION}, {"corp.", WORD_ORGANISATION}, {"bank", WORD_ORGANISATION},
	{"led", WORD_VERBLIKE}, {"made", WORD_VERBLIKE}, {"took", WORD_VERBLIKE}, {"put", WORD_VERBLIKE},
	{"got", WORD_VERBLIKE}, {"gave", WORD_VERBLIKE}, {"went", WORD_VERBLIKE}, {"came", WORD_VERBLIKE},
	{"won", WORD_VERBLIKE}, {"lost", WORD_VERBLIKE}, {"ran", WORD_VERBLIKE}, {"held", WORD_VERBLIKE},
	{"kept", WORD_VERBLIKE}, {"left", WORD_VERBLIKE}, {"met", WORD_VERBLIKE}, {"sent", WORD_VERBLIKE},
	{"spent", WORD_VERBLIKE}, {"voted", WORD_VERBLIKE}, {"attended", WORD_VERBLIKE},
	{"there", WORD_ADVERB}, {"here", WORD_ADVERB}, {"meanwhile", WORD_ADVERB},
	{"however", WORD_ADVERB}, {"instead", WORD_ADVERB}, {"separately", WORD_ADVERB},
	{"earlier", WORD_ADVERB}, {"despite", WORD_PREPOSITION}, {"without", WORD_PREPOSITION},
	{"like", WORD_PREPOSITION}, {"including", WORD_PREPOSITION},
};

enum { FUNCTION_SLOTS = 1024 };
static int16_t function_slots[FUNCTION_SLOTS]; /* index + 1 */
static uint8_t function_lengths[sizeof function_words / sizeof *function_words];

void words_init(void)
{
	for (size_t i = 0; i < sizeof function_words / sizeof *function_words; i++) {
		const char *w = function_words[i].word;
		function_lengths[i] = (uint8_t)strlen(w);
		uint32_t slot = lexicon_hash(w, strlen(w)) & (FUNCTION_SLOTS - 1);
		while (function_slots[slot]) {
			const FunctionWord *other = &function_words[function_slots[slot] - 1];
			if (strcmp(other->word, w) == 0)
				break;
			slot = (slot + 1) & (FUNCTION_SLOTS - 1);
		}
		if (!function_slots[slot])
			function_slots[slot] = (int16_t)(i + 1);
	}
}

/* `hash`: lexicon_hash() of the form, shared with the lexicon lookup. */
static uint32_t function_class(const char *lower, size_t length, uint32_t hash)
{
	for (uint32_t slot = hash & (FUNCTION_SLOTS - 1);; slot = (slot + 1) & (FUNCTION_SLOTS - 1)) {
		int16_t index = function_slots[slot];
		if (!index)
			return 0;
		if (function_lengths[index - 1] == length &&
		    memcmp(function_words[index - 1].word, lower, length) == 0)
			return function_words[index - 1].cls;
	}
}

/* The lexicon is a table of a megabyte and a half: a lookup that leaves the processor's caches
 * costs three memory reads, and words_tag asks for every content word. News repeats a few
 * thousand words most of the time, so each thread keeps the latest answer for each of a few
 * thousand hash values (NULL answers too), which stays in the cache close at hand. */
enum { RECENT_SLOTS = 2048, RECENT_WORD = 19 };
typedef struct RecentLookup {
	uint32_t hash;
	uint8_t length;            /* 0: empty */
	char word[RECENT_WORD];
	const LexEntry *entry;
} RecentLookup;
static _Thread_local RecentLookup recent_lookups[RECENT_SLOTS];

static const LexEntry *lookup(const char *lower, size_t length, uint32_t hash)
{
	if (length > RECENT_WORD)
		return lexicon_lookup_hashed(lower, length, hash);
	RecentLookup *recent = &recent_lookups[hash & (RECENT_SLOTS - 1)];
	if (recent->hash == hash && recent->length == length && memcmp(recent->word, lower, length) == 0)
		return recent->entry;
	recent->hash = hash;
	recent->length = (uint8_t)length;
	memcpy(recent->word, lower, length);
	recent->entry = lexicon_lookup_hashed(lower, length, hash);
	return recent->entry;
}

/* ’ (e2 80 99) becomes ' so that "China’s" and "China's" look the same. */
static size_t lower_copy(const char *text, size_t start, size_t end, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)text[i];
		if (n + 1 >= size)
			return 0;
		if (c == 0xE2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80 &&
		    (unsigned char)text[i + 2] == 0x99) {
			out[n++] = '\'';
			i += 2;
			continue;
		}
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[n] = '\0';
	return n;
}

static unsigned decode(const char *text, size_t at)
{
	const unsigned char *s = (const unsigned char *)text + at;
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xE0) == 0xC0)
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	if ((s[0] & 0xF0) == 0xE0)
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

void words_tag(const char *text, Word *word)
{
	word->lex = NULL;
	word->cls = 0;
	word->mark = MARK_NONE;
	word->punct = 0;
	word->in_quote = 0;
	unsigned first = decode(text, word->start);
	if (word->kind == TOKEN_QUOTE) {
		switch (first) {
		case 0x201C: case 0x00AB: case 0x201E: /* “ « „ */
			word->mark = MARK_OPEN;
			break;
		case 0x201D: case 0x00BB: /* ” » */
			word->mark = MARK_CLOSE;
			break;
		case '"':
			word->mark = MARK_STRAIGHT; /* open or close: decided by context in extract.c */
			break;
		default:
			word->mark = MARK_SINGLE;
			break;
		}
		return;
	}
	if (word->kind == TOKEN_PUNCT) {
		bool dash = first == 0x2013 || first == 0x2014 || first == 0x2015; /* – — ― */
		word->punct = first < 0x80 ? (uint8_t)first : dash ? '-' : '~';
		return;
	}
	if (first >= 'A' && first <= 'Z')
		word->cls |= WORD_CAPITALISED;
	else if (first >= '0' && first <= '9')
		word->cls |= WORD_NUMBER;
	else if (first >= 0x80) {
		/* Accented capitals (Á..Þ) count as capitals; enough for names in news. */
		if ((first >= 0xC0 && first <= 0xDE) || (first >= 0x100 && first < 0x180 && !(first & 1)))
			word->cls |= WORD_CAPITALISED;
	}
	char lower[64];
	size_t n = lower_copy(text, word->start, word->end, lower, sizeof lower);
	if (!n)
		return;
	uint32_t hash = lexicon_hash(lower, n);
	word->cls |= function_class(lower, n, hash);
	/* Function words are half of all tokens and none is a cue or a speaker's head noun. */
	if (!(word->cls & (WORD_DETERMINER | WORD_PRONOUN | WORD_PREPOSITION | WORD_AUXILIARY |
			   WORD_RELATIVE | WORD_CONJUNCTION | WORD_SUBORDINATOR | WORD_OBJECT_PRONOUN)))
		word->lex = lookup(lower, n, hash);
	if (!(word->cls & (WORD_CAPITALISED | WORD_NUMBER)) && n > 4 && lower[n - 1] == 'y' &&
	    lower[n - 2] == 'l' && !(word->lex && (word->lex->flags & (LEX_NOUN_PERSON | LEX_NOUN_GROUP |
								     LEX_NOUN_COMMUNICATION | LEX_CUE))))
		word->cls |= WORD_ADVERB;
}

/* A cue of cues.txt that needs no clause after it and is no stance verb of the object kind
 * ("want", "see", "support": attributions in PolNeAR, but everyday words elsewhere). A form that
 * is also a noun (reports, claims, state) or the verb of an accusation or demand (attacks, calls)
 * is a noun as often as a cue: only its past tense counts (reported, attacked). */
static bool is_standalone_cue(const LexEntry *entry, bool phrase)
{
	uint32_t f = entry->flags;
	if (!(f & LEX_CUE) || (f & LEX_CUE_WEAK))
		return false;
	bool ambiguous = (f & (LEX_NOUN_PERSON | LEX_NOUN_GROUP | LEX_NOUN_COMMUNICATION)) != 0;
	bool speech = (f & LEX_CUE_POSTPOSED) || ((f & LEX_CUE_BELIEF) && !(f & LEX_CUE_OBJECT));
	if (!speech) {
		if (entry->label == LEX_LABEL_NONE)
			return false;
		ambiguous = ambiguous || !phrase;
	}
	return !ambiguous || (f & LEX_FORM_PAST);
}

bool extract_is_cue_word(const char *word, size_t length, const char *next, size_t next_length)
{
	char lower[96];
	size_t n = lower_copy(word, 0, length, lower, sizeof lower);
	if (!n)
		return false;
	const LexEntry *entry = lexicon_lookup(lower, n);
	if (entry && (entry->flags & (LEX_FORM_BASE | LEX_FORM_S | LEX_FORM_PAST | LEX_FORM_ING)) &&
	    is_standalone_cue(entry, false))
		return true;
	if (!next || !next_length || n + 1 + next_length + 1 > sizeof lower)
		return false;
	/* "according" is no entry of its own: try the phrase. */
	lower[n] = ' ';
	size_t both = lower_copy(next, 0, next_length, lower + n + 1, sizeof lower - n - 1);
	if (!both)
		return false;
	const LexEntry *phrase = lexicon_lookup(lower, n + 1 + both);
	return phrase && !(phrase->flags & LEX_CUE_NOMINAL) && is_standalone_cue(phrase, true);
}
