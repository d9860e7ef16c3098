/* The first guess of a claim's label, for the analyst to confirm: from the cue ("urged" is a
 * demand, "denied" a denial) and from words of the claim (figures, rebuttals, modal demands). */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "model/extract/engine.h"

static const char *const demand_words[] = {"should ", "must ", "call on", "calls on", "urge", "demand",
					   "need to", "needs to", "ought to", "let us", "let's", NULL};
static const char *const denial_words[] = {"groundless", "fabricat", "slander", "smear", "baseless",
					   "not true", "false", "untrue", "deny", "denies", "denied",
					   "no evidence", "never ", "nonsense", "lie ", "lies", "doubt",
					   "reject", NULL};
static const char *const accusation_words[] = {"accus", "attack", "espionage", "eavesdrop", "spy",
					       "hack", "abuse", "blame", "fault", "responsible for",
					       "carried out", "corrupt", "crime", "illegal", "fraud",
					       "liar", "racist", "threat", "undermin", NULL};
static const char *const statistic_words[] = {"percent", "per cent", "%", "million", "billion",
					      "thousand", "hundred", NULL};

/* The word lists, in the order their bits are numbered. */
enum { LIST_DEMAND, LIST_DENIAL, LIST_STATISTIC, LIST_ACCUSATION, LIST_COUNT };
static const char *const *const word_lists[LIST_COUNT] = {
	[LIST_DEMAND] = demand_words, [LIST_DENIAL] = denial_words,
	[LIST_STATISTIC] = statistic_words, [LIST_ACCUSATION] = accusation_words,
};

/* Every prefix of every list, grouped by first byte: a claim is read once, trying at each
 * place where a word can start only the prefixes that begin with its byte (a strstr per prefix
 * read each claim some fifty times). */
typedef struct Prefix {
	const char *text;
	size_t length;
	unsigned list;
} Prefix;
/* Room for every prefix (the lists' NULL terminators make it a little more than needed). */
#define MAX_PREFIXES (sizeof demand_words / sizeof *demand_words + sizeof denial_words / \
		      sizeof *denial_words + sizeof statistic_words / sizeof *statistic_words + \
		      sizeof accusation_words / sizeof *accusation_words)
static Prefix prefixes[MAX_PREFIXES];
static size_t prefixes_from[257]; /* prefixes of first byte b: [prefixes_from[b], prefixes_from[b + 1]) */
/* tolower() and isalpha() of every byte, taken once (in the locale of the first claim read: the
 * program sets its locale before any): two calls per byte of every claim otherwise. */
static unsigned char lower_of[256];
static bool letter[256];
static pthread_once_t prefixes_once = PTHREAD_ONCE_INIT;

static void index_prefixes(void)
{
	for (unsigned b = 0; b < 256; b++) {
		lower_of[b] = (unsigned char)tolower((int)b);
		letter[b] = isalpha((int)b) != 0;
	}
	size_t count = 0;
	for (unsigned b = 0; b < 256; b++) {
		prefixes_from[b] = count;
		for (unsigned list = 0; list < LIST_COUNT; list++)
			for (size_t i = 0; word_lists[list][i]; i++)
				if ((unsigned char)word_lists[list][i][0] == b)
					prefixes[count++] = (Prefix){word_lists[list][i],
								     strlen(word_lists[list][i]), list};
	}
	prefixes_from[256] = count;
}

/* Bit k set when list k has a prefix that occurs in lower[0, n) at the start of a word (at the
 * start, or after a byte that is no letter). */
static unsigned lists_found(const char *lower, size_t n)
{
	unsigned found = 0;
	for (size_t at = 0; at < n; at++) {
		if (at > 0 && letter[(unsigned char)lower[at - 1]])
			continue;
		unsigned char b = (unsigned char)lower[at];
		for (size_t k = prefixes_from[b]; k < prefixes_from[b + 1]; k++) {
			const Prefix *prefix = &prefixes[k];
			if (prefix->length <= n - at &&
			    (prefix->length == 1 || lower[at + 1] == prefix->text[1]) &&
			    memcmp(lower + at, prefix->text, prefix->length) == 0)
				found |= 1u << prefix->list;
		}
	}
	return found;
}

static bool has_figure(const char *lower)
{
	for (const char *p = lower; *p; p++)
		if (isdigit((unsigned char)*p) && (p == lower || !isalpha((unsigned char)p[-1])))
			return true;
	return false;
}

const char *label_guess(const char *text, size_t start, size_t end, LexLabel cue_label)
{
	switch (cue_label) {
	case LEX_LABEL_DEMAND: return "demand";
	case LEX_LABEL_DENIAL: return "denial";
	case LEX_LABEL_STATISTIC: return "statistic";
	default: break;
	}
	pthread_once(&prefixes_once, index_prefixes);
	char lower[1024];
	size_t n = end - start < sizeof lower - 1 ? end - start : sizeof lower - 1;
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)lower_of[(unsigned char)text[start + i]];
	lower[n] = '\0';
	unsigned found = lists_found(lower, n);
	if (found & (1u << LIST_DEMAND))
		return "demand";
	if (found & (1u << LIST_DENIAL))
		return "denial";
	if ((found & (1u << LIST_STATISTIC)) && has_figure(lower))
		return "statistic";
	if (cue_label == LEX_LABEL_ACCUSATION || (found & (1u << LIST_ACCUSATION)))
		return "accusation";
	if (cue_label == LEX_LABEL_POSITION)
		return "position";
	return "position";
}
