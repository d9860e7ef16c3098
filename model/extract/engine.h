/* Internals of the built-in engine, shared by its files (not a public interface).
 *
 * The engine works one paragraph at a time over the article's tokens (model/article.h):
 * words.c tags each token (lexicon entry, function-word class, quotation mark role);
 * extract.c finds quotes and cues and builds candidates; speakers.c turns speaker mentions into
 * entities (names, types, pronouns and descriptions resolved); label.c guesses the label;
 * confidence.c scores each candidate with the model fitted on PolNeAR train. */
#ifndef SAYWHO_EXTRACT_ENGINE_H
#define SAYWHO_EXTRACT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/annotation.h"
#include "model/extract/lexicon.h"

/* Function-word classes (words.c). */
enum {
	WORD_DETERMINER = 1u << 0,   /* the a an his their this */
	WORD_PRONOUN = 1u << 1,      /* he she they we i it (subjects) */
	WORD_PREPOSITION = 1u << 2,  /* of for in at from with to on by */
	WORD_AUXILIARY = 1u << 3,    /* is was has had will would */
	WORD_RELATIVE = 1u << 4,     /* that which who */
	WORD_CONJUNCTION = 1u << 5,  /* and or but */
	WORD_SUBORDINATOR = 1u << 6, /* because while when if although */
	WORD_ADVERB = 1u << 7,       /* also, later, -ly words */
	WORD_TIME = 1u << 8,         /* monday, yesterday, week: inside "on Tuesday" */
	WORD_CAPITALISED = 1u << 9,
	WORD_NUMBER = 1u << 10,
	WORD_OBJECT_PRONOUN = 1u << 11, /* him them us me */
	WORD_NEGATION = 1u << 12,
	WORD_COUNTRY = 1u << 13,     /* names of states: speakers of type government */
	WORD_MEDIA = 1u << 14,       /* newspaper, network, CNN: speakers of type media */
	WORD_GOVERNMENT = 1u << 15,  /* ministry, government, administration */
	WORD_ORGANISATION = 1u << 16,/* committee, party, campaign, university (capitalised names) */
	WORD_VERBLIKE = 1u << 17,    /* common verbs that end a noun phrase (led, made, took) */
};

typedef enum { MARK_NONE, MARK_OPEN, MARK_CLOSE, MARK_SPLICE, MARK_SINGLE, MARK_STRAIGHT } QuoteMark;

/* One token as the engine sees it. */
typedef struct Word {
	size_t start, end;        /* bytes */
	const LexEntry *lex;      /* NULL when not in the lexicon */
	uint32_t cls;             /* WORD_* */
	uint8_t kind;             /* TokenKind */
	uint8_t mark;             /* QuoteMark for quotation marks */
	uint8_t punct;            /* the ASCII punctuation character, or 0 */
	uint8_t in_quote;         /* inside a full quotation (cues there are not attributions) */
	uint8_t cue_words;        /* 0: not a cue; 1 or 2 ("called for"): see cue */
	const LexEntry *cue;      /* the cue starting here (its own entry or a two-word one) */
	size_t sentence;          /* index in the article */
} Word;

void words_init(void);
/* Tags `word` (its start/end/kind set) from the article text. */
void words_tag(const char *text, Word *word);
/* True when the word's text equals `lower` ignoring ASCII case. Inline: the rules call it
 * millions of times with a literal, whose length is then known, so most calls end there. */
static inline bool word_equals(const char *text, const Word *word, const char *lower)
{
	size_t n = word->end - word->start;
	if (strlen(lower) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = text[word->start + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return false;
	}
	return true;
}

/* True when the word equals one of `lowers` (a NULL-terminated list of lower-case words). */
static inline bool word_equals_any(const char *text, const Word *word, const char *const *lowers)
{
	for (size_t i = 0; lowers[i]; i++)
		if (word_equals(text, word, lowers[i]))
			return true;
	return false;
}

/* ---- speakers.c */

typedef enum {
	MENTION_NONE,
	MENTION_PRONOUN,
	MENTION_NAME,        /* capitalised name: Zhao Lijian, China, the Pentagon */
	MENTION_DESCRIPTION, /* a spokesperson for the embassy; media reports */
	MENTION_DEFINITE,    /* the spokesperson, the ministry: points back */
	MENTION_RELATIVE,    /* a report ... that (the antecedent of a relative pronoun) */
} MentionKind;

typedef enum {
	RESOLVED_NEW,       /* the first mention of its entity */
	RESOLVED_SAME_NAME, /* the same name again */
	RESOLVED_SURNAME,   /* a surname or first word of a known name */
	RESOLVED_PRONOUN,
	RESOLVED_DESCRIPTION,
	RESOLVED_NONE,      /* a pronoun with nothing to point to */
} ResolutionMethod;

typedef struct Entity {
	char *name;          /* canonical */
	SpeakerType type;
	char *head;          /* lower-case head noun of its descriptions (spokesperson), or NULL */
	bool plural;
	size_t last_seen;    /* byte of its latest mention */
	size_t speaker_index;/* in the annotation set, or (size_t)-1 before it is added */
} Entity;

typedef struct Entities {
	Entity *items;
	size_t count, capacity;
} Entities;

/* Resolves the mention words[first..last] (inclusive) to an entity, creating one when new.
 * Returns its index; *method says how. */
size_t speakers_resolve(Entities *entities, const char *text, const Word *words, size_t first,
			size_t last, MentionKind kind, ResolutionMethod *method);
void speakers_free(Entities *entities);

/* ---- label.c */
const char *label_guess(const char *text, size_t start, size_t end, LexLabel cue_label);

/* ---- confidence.c */

typedef enum {
	CONSTRUCTION_QUOTE_AFTER,   /* “...,” X said */
	CONSTRUCTION_QUOTE_BEFORE,  /* X said: “...” */
	CONSTRUCTION_SAID_THAT,     /* X said (that) ... */
	CONSTRUCTION_POSTPOSED,     /* ..., X said. */
	CONSTRUCTION_ACCORDING_TO,
	CONSTRUCTION_PARTICIPLE,    /* ..., adding that ... */
	CONSTRUCTION_FRAME,         /* a WordNet verb before "that" */
	CONSTRUCTION_BELIEF,        /* X believes/fears ... */
	CONSTRUCTION_QUOTE_ALONE,   /* a quotation with no attribution in its sentence */
	CONSTRUCTION_HEADLINE,      /* Kasich: We will win. / Trump Says He Will Win. */
	CONSTRUCTION_FALLBACK,      /* the last pass: X doubts ... in a sentence nothing else claimed */
	CONSTRUCTION_COUNT
} Construction;

typedef struct Features {
	Construction construction;
	ClaimKind kind;
	MentionKind mention;
	ResolutionMethod resolution;
	bool curated_cue;       /* in cues.txt (else only WordNet) */
	bool cue_said;          /* say/tell, the commonest and surest */
	size_t claim_words;
	size_t paragraph;       /* index in the article */
	bool parts;             /* interrupted quotation */
} Features;

enum { CONFIDENCE_FEATURES = 32 };
/* The model's inputs for a candidate (x[0] = 1); returns how many. Shared with the fitting
 * script through tests/bench/bench_engine_features (it prints them). */
size_t confidence_inputs(const Features *features, double x[CONFIDENCE_FEATURES]);
/* The probability that an analyst accepts the candidate unchanged. */
double confidence_of(const Features *features);

/* ---- extract.c */
/* extract_article(), and the features of each annotation in order (*features: owned by the
 * caller; one per annotation). */
AnnotationSet *extract_article_features(Article *article, Features **features);

#endif
