/* The engine's lexicon: word forms of saying, believing, and of people and groups.
 *
 * The table is generated at build time by lexgen (model/extract/lexgen.c) from WordNet's
 * lexicographer files verb.communication, verb.cognition, noun.person, noun.group and
 * noun.communication, with their inflections, plus the hand-kept cue list cues.txt. It is an
 * open-addressing hash table in read-only data, so looking a word up costs one hash and a
 * comparison or two, and start-up costs nothing. */
#ifndef SAYWHO_EXTRACT_LEXICON_H
#define SAYWHO_EXTRACT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	LEX_VERB_COMMUNICATION = 1u << 0, /* some sense of the verb is in verb.communication */
	LEX_VERB_COGNITION = 1u << 1,     /* ... in verb.cognition */
	LEX_VERB_PRIMARY = 1u << 2,       /* the verb's most frequent sense is one of those */
	LEX_NOUN_PERSON = 1u << 3,        /* a sense of the noun is in noun.person */
	LEX_NOUN_GROUP = 1u << 4,         /* noun.group */
	LEX_NOUN_COMMUNICATION = 1u << 5, /* noun.communication (statement, report, interview) */
	LEX_NOUN_PRIMARY = 1u << 6,       /* the noun's most frequent sense is one of those */
	LEX_NOUN_PLURAL = 1u << 7,
	LEX_FORM_BASE = 1u << 8,          /* say */
	LEX_FORM_S = 1u << 9,             /* says */
	LEX_FORM_PAST = 1u << 10,         /* said (past tense or participle) */
	LEX_FORM_ING = 1u << 11,          /* saying */
	LEX_CUE = 1u << 12,               /* in cues.txt: a verb of attribution on its own */
	LEX_CUE_OBJECT = 1u << 13,        /* takes the hearer first: told reporters (that) ... */
	LEX_CUE_POSTPOSED = 1u << 14,     /* can follow its content: "...," she said. */
	LEX_CUE_WEAK = 1u << 15,          /* needs a clause after it (that, a quote, a colon) */
	LEX_CUE_NOMINAL = 1u << 16,       /* a noun that carries attribution (statement, claim) */
	LEX_CUE_BELIEF = 1u << 17,        /* believing, hoping, wanting: not speech */
	LEX_STARTS_PHRASE = 1u << 18,     /* the first word of a cue of several words (called for) */
	LEX_CUE_HEARER = 1u << 19,        /* the object is the hearer, not the claim: told POLITICO he ... */
};

/* Label hints of cues.txt, as indexes into the default label set's names. */
typedef enum {
	LEX_LABEL_NONE,
	LEX_LABEL_ACCUSATION,
	LEX_LABEL_DENIAL,
	LEX_LABEL_STATISTIC,
	LEX_LABEL_DEMAND,
	LEX_LABEL_POSITION,
} LexLabel;

typedef struct LexEntry {
	uint32_t word;  /* offset of the NUL-terminated form in lexicon_strings */
	uint32_t lemma; /* offset of its lemma */
	uint32_t flags;
	uint8_t label;  /* LexLabel */
	uint8_t words;  /* number of words of the form ("call for": 2) */
} LexEntry;

extern const char lexicon_strings[];
extern const LexEntry lexicon_entries[];
extern const uint32_t lexicon_entry_count;
/* Slots hold entry index + 1 in their low 16 bits (0 = empty) and the top 16 bits of the
 * form's hash in their high bits; lexicon_slot_count is a power of two. */
extern const uint32_t lexicon_slots[];
extern const uint32_t lexicon_slot_count;

/* FNV-1a over the bytes: the generator and the lookup must agree. */
static inline uint32_t lexicon_hash(const char *bytes, size_t length)
{
	uint32_t hash = 2166136261u;
	for (size_t i = 0; i < length; i++) {
		hash ^= (unsigned char)bytes[i];
		hash *= 16777619u;
	}
	return hash;
}

/* The entry of a lower-case form (words separated by one space), or NULL. */
const LexEntry *lexicon_lookup(const char *form, size_t length);
/* The same with the form's lexicon_hash() already computed (the engine hashes each word once). */
const LexEntry *lexicon_lookup_hashed(const char *form, size_t length, uint32_t hash);
/* True when `word` (`length` bytes, any ASCII case, ’ read as ') is a word of attribution of
 * the curated cue list (cues.txt): a verb of saying that can report speech on its own (said,
 * told, claimed, denied, warned), of accusing or demanding (accused, urged), or of believing
 * (believes, fears); not the weak cues that need a clause after them (post, continue), nor the
 * stance verbs that are common outside attribution (want, see, find). With `next` (the word that
 * follows, or NULL), the first word of a two-word cue counts too (according to, pointed out,
 * called for). For finding what an annotator has not covered yet: the workbench's `f`. */
bool extract_is_cue_word(const char *word, size_t length, const char *next, size_t next_length);
static inline const char *lexicon_word(const LexEntry *entry)
{
	return lexicon_strings + entry->word;
}
static inline const char *lexicon_lemma(const LexEntry *entry)
{
	return lexicon_strings + entry->lemma;
}

#endif
