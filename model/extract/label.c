/* The first guess of a claim's label, for the analyst to confirm: from the cue ("urged" is a
 * demand, "denied" a denial) and from words of the claim (figures, rebuttals, modal demands). */
#include <ctype.h>
#include <string.h>

#include "model/extract/engine.h"

static bool contains_word_prefix(const char *lower, const char *const *prefixes)
{
	for (size_t i = 0; prefixes[i]; i++)
		for (const char *p = strstr(lower, prefixes[i]); p; p = strstr(p + 1, prefixes[i]))
			if (p == lower || !isalpha((unsigned char)p[-1]))
				return true;
	return false;
}

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
	char lower[1024];
	size_t n = end - start < sizeof lower - 1 ? end - start : sizeof lower - 1;
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)text[start + i]);
	lower[n] = '\0';
	if (contains_word_prefix(lower, demand_words))
		return "demand";
	if (contains_word_prefix(lower, denial_words))
		return "denial";
	if (has_figure(lower) && contains_word_prefix(lower, statistic_words))
		return "statistic";
	if (cue_label == LEX_LABEL_ACCUSATION || contains_word_prefix(lower, accusation_words))
		return "accusation";
	if (cue_label == LEX_LABEL_POSITION)
		return "position";
	return "position";
}
