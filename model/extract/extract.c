/* The built-in engine: quotations, cues, claims and speakers, one paragraph at a time.
 *
 * 1. Tag the paragraph's tokens (words.c) and decide what each quotation mark does: opens,
 *    closes, or is a mark spliced into a word by the page layout ("King“China dom").
 * 2. Pair the marks into quotations. A closing mark with no opening one in its paragraph closes
 *    a quotation that starts the paragraph (its opening mark was displaced); an opening mark
 *    with no closing one runs to the end of the paragraph (a quote continued in the next).
 * 3. Attribute quotations: “...,” X said / said X / X said: “...”; an attribution that ends in a
 *    comma followed by another quotation joins it as a second part of one claim.
 * 4. Attribute reported speech around each cue outside quotations: X said (that) ..., X told Y
 *    that ..., ..., X said., according to X, ..., ..., adding that ..., X and-coordinated cues,
 *    relative clauses ("a report that said ..."), WordNet verbs of saying before "that".
 * 5. Resolve the speaker mentions in text order (speakers.c), guess labels (label.c), score
 *    (confidence.c), and emit annotations a1, a2, ... in position order. */
#include <stdlib.h>
#include <string.h>

#include "model/extract/engine.h"
#include "model/extract/extract.h"

#ifndef SAYWHO_VERSION
#define SAYWHO_VERSION "0.0.0"
#endif

enum { MAX_PARTS = 8, MAX_NOUN_PHRASE = 22 };
/* The last pass (unclaimed_sentences): the cue within the sentence's first words, a sentence and
 * a clause long enough to be a statement. Tuned on PolNeAR train. */
enum { FALLBACK_CUE_WITHIN = 9, FALLBACK_MIN_BYTES = 30, FALLBACK_MIN_WORDS = 3 };
#define NO_WORD ((size_t)-1)

typedef struct Quote {
	size_t open, close;        /* word indexes of the marks; NO_WORD when missing */
	size_t start, end;         /* bytes of the content, without the marks */
	bool full;                 /* a quotation, not a scare-quoted fragment */
	bool attributed;
} Quote;

typedef struct Candidate {
	size_t claim_start, claim_end;
	ByteRange parts[MAX_PARTS];
	size_t part_count;
	size_t speaker_first, speaker_last; /* word indexes; NO_WORD when no speaker */
	size_t speaker_end_word;            /* last word of the speaker span (a relative pronoun) */
	MentionKind mention;
	size_t cue_first, cue_last;         /* NO_WORD when no cue */
	ClaimKind kind;
	LexLabel cue_label;
	Features features;
	size_t entity;
	size_t sentence;
	bool inherited;                     /* speaker (bytes) and entity taken from an earlier claim */
} Candidate;

/* A candidate of an earlier paragraph, as the engine keeps it until the end (Engine.all): spans
 * in bytes on 32 bits (articles are below 4 GiB), pieces apart (Engine.parts). A third of a
 * Candidate's size: a book-length article has hundreds of thousands of them. */
#define NO_BYTE UINT32_MAX
typedef struct Kept {
	uint32_t claim_start, claim_end;
	uint32_t speaker_start, speaker_end; /* NO_BYTE when no speaker */
	uint32_t cue_start, cue_end;         /* NO_BYTE when no cue */
	uint32_t entity;                     /* NO_BYTE when none */
	uint32_t first_part;                 /* its part_count pieces in Engine.parts */
	uint8_t part_count, kind, cue_label, mention;
	bool inherited;
	Features features;
} Kept;

/* Words [first, end) of one sentence of a paragraph: sentence `sentence` when the paragraph had
 * `count` words. */
typedef struct SentenceSpan {
	size_t first, end;
	size_t sentence, count;
} SentenceSpan;

typedef struct Paragraph {
	const char *text;
	Word *words;
	size_t count;
	SentenceSpan *sentence_cache; /* the last sentence_span() answer (see there) */
	Quote *quotes;
	size_t quote_count, quote_capacity;
	Candidate *candidates;
	size_t candidate_count, candidate_capacity;
	bool *used;                /* words that belong to an attribution already */
	size_t continued_candidate;/* the earlier candidate this paragraph's quotation continues */
	size_t index;              /* paragraph number */
} Paragraph;

/* What the engine keeps from paragraph to paragraph. */
typedef struct Engine {
	Article *article;
	const char *text;
	Entities entities;
	Kept *all;                 /* the candidates of the paragraphs done */
	size_t all_count, all_capacity;
	ByteRange *parts;          /* the pieces of interrupted claims of `all` */
	size_t part_count, part_capacity;
	Word *words;
	bool *used;
	size_t word_capacity;
	Quote *quotes;
	size_t quote_capacity;
	TokenBuffer tokens;        /* the current paragraph's tokens and sentences */
	size_t sentences_before;   /* sentences of the paragraphs before it */
	/* A quotation left open at the end of the previous paragraph goes on in this one when this
	 * one starts with an opening mark: either its candidate (open_candidate, in `all`) takes
	 * the next piece, or its pieces wait (pending) for the attribution that ends the quote. */
	size_t open_candidate;
	ByteRange pending[MAX_PARTS];
	size_t pending_count, pending_keep;
} Engine;

/* ------------------------------------------------------------------ kept candidates */

static uint32_t kept_offset(size_t value)
{
	return value == NO_WORD ? NO_BYTE : (uint32_t)value;
}

static size_t kept_value(uint32_t offset)
{
	return offset == NO_BYTE ? NO_WORD : offset;
}

/* Stores the candidate `c` (its spans in bytes) as all[index]: a new one when index is
 * all_count. A rewritten one (a quotation continued) gets its pieces anew at the end of the
 * pieces: rare enough that the old ones are left where they are. */
static void keep_candidate(Engine *engine, size_t index, const Candidate *c)
{
	if (index == engine->all_count) {
		if (engine->all_count == engine->all_capacity) {
			engine->all_capacity = engine->all_capacity ? engine->all_capacity * 2 : 32;
			engine->all = xrealloc(engine->all, engine->all_capacity * sizeof *engine->all);
		}
		engine->all_count++;
	}
	if (engine->part_count + c->part_count > engine->part_capacity) {
		engine->part_capacity = (engine->part_count + c->part_count) * 2;
		engine->parts = xrealloc(engine->parts, engine->part_capacity * sizeof *engine->parts);
	}
	Kept *k = &engine->all[index];
	*k = (Kept){
		.claim_start = kept_offset(c->claim_start), .claim_end = kept_offset(c->claim_end),
		.speaker_start = kept_offset(c->speaker_first), .speaker_end = kept_offset(c->speaker_last),
		.cue_start = kept_offset(c->cue_first), .cue_end = kept_offset(c->cue_last),
		.entity = kept_offset(c->entity), .first_part = (uint32_t)engine->part_count,
		.part_count = (uint8_t)c->part_count, .kind = (uint8_t)c->kind,
		.cue_label = (uint8_t)c->cue_label, .mention = (uint8_t)c->mention,
		.inherited = c->inherited, .features = c->features,
	};
	if (c->part_count) {
		memcpy(&engine->parts[engine->part_count], c->parts, c->part_count * sizeof *c->parts);
		engine->part_count += c->part_count;
	}
}

/* all[index] as a Candidate again (word indexes, which only mattered in its own paragraph,
 * are NO_WORD). */
static Candidate kept_candidate(const Engine *engine, size_t index)
{
	const Kept *k = &engine->all[index];
	Candidate c;
	memset(&c, 0, sizeof c);
	c.claim_start = k->claim_start;
	c.claim_end = k->claim_end;
	c.part_count = k->part_count;
	if (k->part_count) /* no pieces at all: engine->parts may be NULL */
		memcpy(c.parts, &engine->parts[k->first_part], k->part_count * sizeof *c.parts);
	c.speaker_first = kept_value(k->speaker_start);
	c.speaker_last = kept_value(k->speaker_end);
	c.speaker_end_word = NO_WORD;
	c.mention = (MentionKind)k->mention;
	c.cue_first = kept_value(k->cue_start);
	c.cue_last = kept_value(k->cue_end);
	c.kind = (ClaimKind)k->kind;
	c.cue_label = (LexLabel)k->cue_label;
	c.features = k->features;
	c.entity = kept_value(k->entity);
	c.sentence = NO_WORD;
	c.inherited = k->inherited;
	return c;
}

/* ------------------------------------------------------------------ word predicates */

static bool is_word(const Word *w)
{
	return w->kind == TOKEN_WORD;
}

static bool is_punct(const Word *w, char c)
{
	return w->kind == TOKEN_PUNCT && w->punct == (uint8_t)c;
}

static bool is_sentence_end(const Word *w)
{
	return is_punct(w, '.') || is_punct(w, '!') || is_punct(w, '?');
}

static uint32_t lex_flags(const Word *w)
{
	return w->lex ? w->lex->flags : 0;
}

static bool is_verb_form(const Word *w)
{
	return lex_flags(w) & (LEX_FORM_BASE | LEX_FORM_S | LEX_FORM_PAST | LEX_FORM_ING);
}

/* A lower-case word that can sit inside a noun phrase (an adjective or noun we cannot tell
 * apart without a tagger), not a function word and not a finite verb we know. */
static bool is_content_word(const Word *w)
{
	if (!is_word(w) || (w->cls & (WORD_DETERMINER | WORD_PRONOUN | WORD_PREPOSITION | WORD_AUXILIARY |
				     WORD_RELATIVE | WORD_CONJUNCTION | WORD_SUBORDINATOR | WORD_ADVERB |
				     WORD_OBJECT_PRONOUN | WORD_VERBLIKE)))
		return false;
	uint32_t f = lex_flags(w);
	if ((f & (LEX_FORM_PAST | LEX_FORM_S | LEX_FORM_ING)) && (f & (LEX_CUE | LEX_VERB_COMMUNICATION)) &&
	    !(f & (LEX_NOUN_PERSON | LEX_NOUN_GROUP | LEX_NOUN_COMMUNICATION)))
		return false;
	if ((f & LEX_FORM_PAST) && !(f & (LEX_NOUN_PERSON | LEX_NOUN_GROUP)))
		return false;
	return true;
}

static bool is_name_word(const Word *w)
{
	return is_word(w) && (w->cls & WORD_CAPITALISED) && !(w->cls & (WORD_PRONOUN | WORD_AUXILIARY |
		WORD_RELATIVE | WORD_SUBORDINATOR | WORD_CONJUNCTION)) &&
		!((w->cls & WORD_DETERMINER) && !(w->cls & WORD_CAPITALISED));
}

static bool ends_with_possessive(const char *text, const Word *w)
{
	size_t n = w->end - w->start;
	const char *t = text + w->start;
	return is_word(w) && ((n >= 2 && t[n - 2] == '\'' && t[n - 1] == 's') ||
			      (n >= 4 && (unsigned char)t[n - 4] == 0xE2 && (unsigned char)t[n - 3] == 0x80 &&
			       (unsigned char)t[n - 2] == 0x99 && t[n - 1] == 's'));
}

/* ------------------------------------------------------------------ quotation marks */

static bool is_space_byte(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static bool is_letter_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

/* Whether the character that ends just before byte `at` is white space, Unicode spaces
 * included: web copy often puts a no-break space (U+00A0) or a thin space before a quotation
 * mark, which is no letter the mark was spliced into. */
static bool space_ends_at(const char *text, size_t at, size_t floor)
{
	const unsigned char *t = (const unsigned char *)text;
	if (at <= floor)
		return true;
	if (is_space_byte(text[at - 1]))
		return true;
	if (at >= floor + 2 && t[at - 2] == 0xC2 && t[at - 1] == 0xA0)
		return true;
	/* U+2000..U+200B, U+202F, U+3000 */
	return at >= floor + 3 && ((t[at - 3] == 0xE2 && t[at - 2] == 0x80 && (t[at - 1] <= 0x8B || t[at - 1] == 0xAF)) ||
				   (t[at - 3] == 0xE3 && t[at - 2] == 0x80 && t[at - 1] == 0x80));
}

/* Whether white space (Unicode spaces included) starts at byte `at`. */
static bool space_starts_at(const char *text, size_t at, size_t end)
{
	const unsigned char *t = (const unsigned char *)text;
	if (at >= end || is_space_byte(text[at]))
		return true;
	if (at + 1 < end && t[at] == 0xC2 && t[at + 1] == 0xA0)
		return true;
	return at + 2 < end && ((t[at] == 0xE2 && t[at + 1] == 0x80 && (t[at + 2] <= 0x8B || t[at + 2] == 0xAF)) ||
				(t[at] == 0xE3 && t[at + 1] == 0x80 && t[at + 2] == 0x80));
}

/* Decides straight marks by their neighbours, finds splices, and folds the '' of some papers
 * into one mark. */
static void resolve_marks(Paragraph *p, size_t paragraph_start, size_t paragraph_end)
{
	const char *text = p->text;
	for (size_t i = 0; i < p->count; i++) {
		Word *w = &p->words[i];
		if (w->kind != TOKEN_QUOTE)
			continue;
		bool space_before = space_ends_at(text, w->start, paragraph_start) ||
			text[w->start - 1] == '(' || text[w->start - 1] == '[';
		bool space_after = space_starts_at(text, w->end, paragraph_end);
		if (w->mark == MARK_SINGLE && text[w->start] == '\'' && i + 1 < p->count &&
		    p->words[i + 1].kind == TOKEN_QUOTE && p->words[i + 1].start == w->end &&
		    text[w->end] == '\'') {
			/* '' as one double mark: the second token goes */
			size_t second_end = p->words[i + 1].end;
			bool after = space_starts_at(text, second_end, paragraph_end);
			w->mark = space_before && !after ? MARK_OPEN : MARK_CLOSE;
			w->end = second_end;
			memmove(&p->words[i + 1], &p->words[i + 2], (p->count - i - 2) * sizeof *p->words);
			p->count--;
			continue;
		}
		if (w->mark == MARK_STRAIGHT)
			w->mark = space_before && !space_after ? MARK_OPEN
				: !space_before ? MARK_CLOSE : MARK_OPEN;
		if (w->mark == MARK_OPEN && !space_ends_at(text, w->start, paragraph_start) &&
		    is_letter_byte(text[w->start - 1]) && !space_after)
			w->mark = MARK_SPLICE;
	}
}

static void add_quote(Paragraph *p, Quote q)
{
	if (p->quote_count == p->quote_capacity) {
		p->quote_capacity = p->quote_capacity ? p->quote_capacity * 2 : 8;
		p->quotes = xrealloc(p->quotes, p->quote_capacity * sizeof *p->quotes);
	}
	p->quotes[p->quote_count++] = q;
}

static size_t count_words(const Paragraph *p, size_t first, size_t end_word)
{
	size_t n = 0;
	for (size_t i = first; i < end_word && i < p->count; i++)
		n += is_word(&p->words[i]);
	return n;
}

static void find_quotes(Paragraph *p, size_t paragraph_start, size_t paragraph_end)
{
	size_t open = NO_WORD;
	for (size_t i = 0; i < p->count; i++) {
		Word *w = &p->words[i];
		if (w->mark == MARK_OPEN) {
			open = i; /* a second opening mark restarts: the first was a stray */
		} else if (w->mark == MARK_CLOSE) {
			if (open != NO_WORD) {
				add_quote(p, (Quote){open, i, p->words[open].end, w->start, false, false});
				open = NO_WORD;
			} else if (p->quote_count == 0 && i > 2) {
				/* its opening mark was displaced by the layout: the quotation starts the paragraph */
				add_quote(p, (Quote){NO_WORD, i, paragraph_start, w->start, false, false});
			}
		}
	}
	if (open != NO_WORD && open + 3 < p->count)
		add_quote(p, (Quote){open, NO_WORD, p->words[open].end, paragraph_end, false, false});
	for (size_t q = 0; q < p->quote_count; q++) {
		Quote *quote = &p->quotes[q];
		size_t first = quote->open == NO_WORD ? 0 : quote->open + 1;
		size_t end = quote->close == NO_WORD ? p->count : quote->close;
		size_t words = count_words(p, first, end);
		const Word *last = end > first ? &p->words[end - 1] : NULL;
		bool punctuated = last && (is_punct(last, ',') || is_sentence_end(last));
		quote->full = words >= 6 || (punctuated && words >= 1) || quote->open == NO_WORD ||
			quote->close == NO_WORD;
		for (size_t i = first; i < end; i++)
			p->words[i].in_quote = 1;
	}
}

/* ------------------------------------------------------------------ noun phrases */

/* The words [first, end) of the sentence of word i. The rules ask for it word after word, so the
 * last answer is kept and reused for the same sentence while the paragraph keeps its words (only
 * resolve_marks removes one, and words stay in sentence order): a walk over the sentence per word
 * made these two calls the engine's largest cost on long sentences. */
static SentenceSpan sentence_span(const Paragraph *p, size_t i)
{
	SentenceSpan *cache = p->sentence_cache;
	size_t s = p->words[i].sentence;
	if (cache->sentence == s && cache->count == p->count)
		return *cache;
	SentenceSpan span = {i, i, s, p->count};
	while (span.first > 0 && p->words[span.first - 1].sentence == s)
		span.first--;
	while (span.end < p->count && p->words[span.end].sentence == s)
		span.end++;
	*cache = span;
	return span;
}

static size_t sentence_first_word(const Paragraph *p, size_t i)
{
	return sentence_span(p, i).first;
}

static size_t sentence_end_word(const Paragraph *p, size_t i)
{
	return sentence_span(p, i).end;
}

/* Prepositions that attach a phrase to a noun: spokesperson for the embassy in London. */
static bool joins_noun_phrases(const Paragraph *p, const Word *w)
{
	return (w->cls & WORD_PREPOSITION) &&
		(word_equals(p->text, w, "of") || word_equals(p->text, w, "for") || word_equals(p->text, w, "in") ||
		 word_equals(p->text, w, "at") || word_equals(p->text, w, "from") || word_equals(p->text, w, "to"));
}

/* A quantifier standing for its people: "Most believe ...", "few think ...". */
static bool is_quantifier(const Paragraph *p, const Word *w)
{
	return word_equals(p->text, w, "most") || word_equals(p->text, w, "many") || word_equals(p->text, w, "few") ||
		word_equals(p->text, w, "some") || word_equals(p->text, w, "several") ||
		word_equals(p->text, w, "others");
}

static bool is_number_word(const Paragraph *p, const Word *w)
{
	static const char *const numbers[] = {"one", "two", "three", "four", "five", "six", "seven", "eight",
					      "nine", "ten", NULL};
	if (w->cls & WORD_NUMBER)
		return true;
	return word_equals_any(p->text, w, numbers);
}

/* The noun phrase that ends at word k, going left no further than `limit`: its first word, or
 * NO_WORD. */
static size_t noun_phrase_left(const Paragraph *p, size_t k, size_t limit)
{
	const Word *w = p->words;
	if (k != NO_WORD && k > limit + 2 && is_punct(&w[k], ')')) {
		/* "Gov. Pat McCrory (R) said": the name before the bracket */
		size_t open = k - 1;
		while (open > limit && k - open < 8 && !is_punct(&w[open], '('))
			open--;
		if (!is_punct(&w[open], '(') || open == limit || !is_name_word(&w[open - 1]))
			return NO_WORD;
		return noun_phrase_left(p, open - 1, limit);
	}
	if (k == NO_WORD || k < limit || !is_word(&w[k]) || w[k].in_quote)
		return NO_WORD;
	if (w[k].cls & WORD_PRONOUN)
		return k;
	/* the respondents of a poll: "two in three", "6 in 10", "those surveyed" */
	if (k >= limit + 2 && is_number_word(p, &w[k]) && word_equals(p->text, &w[k - 1], "in") &&
	    is_number_word(p, &w[k - 2]))
		return k - 2;
	if (k >= limit + 1 && word_equals(p->text, &w[k - 1], "those") && (lex_flags(&w[k]) & LEX_FORM_PAST))
		return k - 1;
	if (is_quantifier(p, &w[k]))
		return k;
	if (!is_name_word(&w[k]) && !is_content_word(&w[k]))
		return NO_WORD;
	size_t first = k, lower = 0;
	while (first > limit && k - first < MAX_NOUN_PHRASE) {
		const Word *prev = &w[first - 1];
		if (prev->in_quote && prev->mark == MARK_NONE)
			break;
		if (prev->mark == MARK_SPLICE && first >= limit + 2 && w[first - 2].end == prev->start) {
			first -= 2; /* King“China dom: the splice and the word it broke */
			continue;
		}
		if (is_punct(prev, ')')) {
			/* Gov. Pat McCrory (R), Rep. Jim Jordan (R-Ohio) */
			size_t open = first - 1;
			while (open > limit && first - open < 8 && !is_punct(&w[open], '('))
				open--;
			if (!is_punct(&w[open], '(') || open == limit || !is_name_word(&w[open - 1]))
				break;
			first = open;
			continue;
		}
		if (!is_word(prev))
			break;
		if (prev->cls & WORD_DETERMINER) {
			/* "for the embassy", "from a company": keep going past the preposition */
			if (first >= limit + 3 && joins_noun_phrases(p, &w[first - 2]) &&
			    (is_name_word(&w[first - 3]) || is_content_word(&w[first - 3]))) {
				first -= 2;
				continue;
			}
			first--;
			break;
		}
		if (is_name_word(prev) || (prev->cls & WORD_NUMBER)) {
			first--;
			continue;
		}
		if (first - 1 > limit && joins_noun_phrases(p, prev) &&
		    (is_name_word(&w[first - 2]) || is_content_word(&w[first - 2]))) {
			first--;
			continue;
		}
		if (word_equals(p->text, prev, "and") && first - 1 > limit && is_name_word(&w[first - 2]) &&
		    is_name_word(&w[first])) {
			first--;
			continue;
		}
		if (is_content_word(prev) && lower < 4) {
			lower++;
			first--;
			continue;
		}
		break;
	}
	/* Never start on a joining word. */
	while (first < k && (w[first].cls & (WORD_PREPOSITION | WORD_CONJUNCTION)))
		first++;
	return first;
}

/* The noun phrase that starts at word k, going right to before `limit`: its last word. */
static size_t noun_phrase_right(const Paragraph *p, size_t k, size_t limit)
{
	const Word *w = p->words;
	if (k >= limit || !is_word(&w[k]) || w[k].in_quote)
		return NO_WORD;
	if (w[k].cls & WORD_PRONOUN)
		return k;
	size_t i = k, last = NO_WORD;
	if (w[i].cls & WORD_DETERMINER)
		i++;
	while (i < limit && i - k < MAX_NOUN_PHRASE) {
		const Word *cur = &w[i];
		if (cur->mark == MARK_SPLICE && last != NO_WORD && i + 1 < limit && w[i - 1].end == cur->start) {
			i += 2; /* the splice and the stray word after it */
			continue;
		}
		if (is_punct(cur, '(') && last != NO_WORD && is_name_word(&w[last])) {
			size_t close = i + 1;
			while (close < limit && close - i < 8 && !is_punct(&w[close], ')'))
				close++;
			if (close >= limit || !is_punct(&w[close], ')'))
				break;
			last = close;
			i = close + 1;
			continue;
		}
		if (!is_word(cur))
			break;
		if (is_name_word(cur) || is_content_word(cur) || (cur->cls & WORD_NUMBER)) {
			last = i++;
			continue;
		}
		if ((cur->cls & WORD_DETERMINER) && last == NO_WORD) {
			i++;
			continue;
		}
		if (last != NO_WORD && i + 1 < limit && (cur->cls & WORD_PREPOSITION) &&
		    !word_equals(p->text, cur, "on") && !word_equals(p->text, cur, "during") &&
		    !word_equals(p->text, cur, "after") && !word_equals(p->text, cur, "before")) {
			size_t j = i + 1;
			if (w[j].cls & WORD_DETERMINER)
				j++;
			if (j < limit && (is_name_word(&w[j]) || is_content_word(&w[j]))) {
				i = j;
				continue;
			}
			break;
		}
		if (last != NO_WORD && word_equals(p->text, cur, "and") && i + 1 < limit &&
		    is_name_word(&w[i - 1]) && is_name_word(&w[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	/* a splice at the end keeps its broken word: "United King“China dom" */
	if (last != NO_WORD && last + 3 < limit + 1 && i <= limit && i > last + 1 && is_word(&w[i - 1]))
		last = i - 1;
	return last;
}

static MentionKind mention_kind(const Paragraph *p, size_t first, size_t last)
{
	const Word *w = p->words;
	if (first == last && (w[first].cls & WORD_PRONOUN))
		return MENTION_PRONOUN;
	if (word_equals(p->text, &w[first], "the") && last - first <= 3) {
		bool lower = true;
		for (size_t i = first + 1; i <= last; i++)
			lower = lower && !(w[i].cls & WORD_CAPITALISED);
		if (lower)
			return MENTION_DEFINITE;
	}
	if (w[last].cls & WORD_CAPITALISED)
		return MENTION_NAME;
	return MENTION_DESCRIPTION;
}

/* ------------------------------------------------------------------ candidates */

static Candidate *new_candidate(Paragraph *p)
{
	if (p->candidate_count == p->candidate_capacity) {
		p->candidate_capacity = p->candidate_capacity ? p->candidate_capacity * 2 : 8;
		p->candidates = xrealloc(p->candidates, p->candidate_capacity * sizeof *p->candidates);
	}
	Candidate *c = &p->candidates[p->candidate_count++];
	memset(c, 0, sizeof *c);
	c->speaker_first = c->speaker_last = c->speaker_end_word = NO_WORD;
	c->cue_first = c->cue_last = NO_WORD;
	return c;
}

static void set_speaker(Candidate *c, const Paragraph *p, size_t first, size_t last)
{
	c->speaker_first = first;
	c->speaker_last = last;
	c->speaker_end_word = last;
	c->mention = first == NO_WORD ? MENTION_NONE : mention_kind(p, first, last);
	c->features.mention = c->mention;
}

static void mark_used(Paragraph *p, size_t first, size_t last)
{
	if (first == NO_WORD)
		return;
	for (size_t i = first; i <= last && i < p->count; i++)
		p->used[i] = true;
}

/* Whether the claim of c overlaps bytes [start, end): its parts when it has some, so that a
 * claim may sit between two parts ("“A,” she said, adding that B. “C.”"). */
static bool claim_overlaps(const Candidate *c, size_t start, size_t end)
{
	if (!(start < c->claim_end && c->claim_start < end))
		return false;
	if (c->part_count < 2)
		return true;
	for (size_t k = 0; k < c->part_count; k++)
		if (start < c->parts[k].end && c->parts[k].start < end)
			return true;
	return false;
}

static bool overlaps_claim(const Paragraph *p, size_t start, size_t end)
{
	for (size_t i = 0; i < p->candidate_count; i++)
		if (claim_overlaps(&p->candidates[i], start, end))
			return true;
	return false;
}

/* A cue word at i: a verb of saying in a finite form (or a participle), with the words of a
 * two-word cue ("called for", "pointed out"). Returns the cue's last word, or NO_WORD. */
static size_t cue_at(const Paragraph *p, size_t i, const LexEntry **entry)
{
	const Word *w = &p->words[i];
	if (!w->cue_words || w->in_quote || p->used[i])
		return NO_WORD;
	*entry = w->cue;
	return i + w->cue_words - 1;
}

/* The lexical part of cue_at, once per word: a verb form of a cue, or a two-word cue. */
static void find_cue(Paragraph *p, size_t i)
{
	Word *w = &p->words[i];
	w->cue_words = 0;
	w->cue = NULL;
	if (!is_word(w) || !w->lex)
		return;
	if ((w->lex->flags & LEX_STARTS_PHRASE) && i + 1 < p->count) {
		char both[96];
		size_t a = w->end - w->start, b = p->words[i + 1].end - p->words[i + 1].start;
		if (is_word(&p->words[i + 1]) && a + b + 2 < sizeof both) {
			for (size_t k = 0; k < a; k++) {
				char ch = p->text[w->start + k];
				both[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
			}
			both[a] = ' ';
			memcpy(both + a + 1, p->text + p->words[i + 1].start, b);
			const LexEntry *two = lexicon_lookup(both, a + 1 + b);
			if (two && (two->flags & LEX_CUE) && !(two->flags & LEX_CUE_NOMINAL)) {
				w->cue = two;
				w->cue_words = 2;
				return;
			}
		}
	}
	uint32_t f = w->lex->flags;
	if (!(f & (LEX_FORM_PAST | LEX_FORM_S | LEX_FORM_ING | LEX_FORM_BASE)) ||
	    (w->cls & (WORD_AUXILIARY | WORD_VERBLIKE | WORD_PREPOSITION | WORD_DETERMINER)))
		return;
	if (!(f & (LEX_CUE | LEX_VERB_COMMUNICATION | LEX_VERB_COGNITION)))
		return;
	w->cue = w->lex;
	w->cue_words = 1;
}

/* Whether a noun phrase can start at word `first`: at the sentence start, or after a comma, a
 * dash, a colon, "and" or "but". */
static bool starts_phrase(const Paragraph *p, size_t first, size_t limit)
{
	if (first <= limit)
		return true;
	const Word *prev = &p->words[first - 1];
	return is_punct(prev, ',') || is_punct(prev, '-') || is_punct(prev, ':') || is_punct(prev, ';') ||
		word_equals(p->text, prev, "and") || word_equals(p->text, prev, "but");
}

/* A word that can end the noun phrase of a speaker: a name, a noun of a person or group. */
static bool is_speaker_head(const Word *w)
{
	return is_name_word(w) || (is_content_word(w) && (lex_flags(w) & (LEX_NOUN_PERSON | LEX_NOUN_GROUP))) ||
		is_punct(w, ')'); /* Sen. Ann Ford (D-Maine), who ... */
}

/* The subject of a cue that follows "NAME, apposition," (the comma before the cue at `comma`):
 * the first word of NAME, or NO_WORD. The appositions may be phrases, ages or relative clauses
 * ("Jimmy Ghazal, 39, a man visiting Nice with his family, told"); the nearest comma or dash
 * after a noun phrase that starts a phrase wins. When none does, a name between the last two
 * commas is the speaker ("One delegate not on the slate, Kelly Schmidt, told"). */
static size_t apposition_left(const Paragraph *p, size_t comma, size_t limit)
{
	const Word *w = p->words;
	size_t k = comma, last_segment = NO_WORD;
	if (is_punct(&w[comma], '-')) {
		/* "Many speakers — including A, B and C — said": the dash's pair closes the aside */
		size_t open = comma;
		while (open > limit && comma - open < 30 && !is_punct(&w[open - 1], '-') && w[open - 1].mark == MARK_NONE)
			open--;
		if (open > limit + 1 && is_punct(&w[open - 1], '-') && is_speaker_head(&w[open - 2])) {
			size_t first = noun_phrase_left(p, open - 2, limit);
			if (first != NO_WORD && starts_phrase(p, first, limit))
				return first;
		}
	}
	while (k > limit && comma - k < 40) {
		k--;
		if (w[k].mark != MARK_NONE || w[k].in_quote)
			return NO_WORD;
		if (!is_punct(&w[k], ',') && !is_punct(&w[k], '-'))
			continue;
		if (k + 1 >= comma)
			return NO_WORD;
		if (last_segment == NO_WORD)
			last_segment = k + 1;
		if (k > limit && is_speaker_head(&w[k - 1])) {
			size_t first = noun_phrase_left(p, k - 1, limit);
			if (first != NO_WORD && starts_phrase(p, first, limit))
				return first;
		}
	}
	if (last_segment != NO_WORD && is_name_word(&w[comma - 1]) &&
	    noun_phrase_left(p, comma - 1, last_segment) == last_segment)
		return last_segment;
	/* "Sen. Jack Reed (D-R.I.), said": a noun phrase from the sentence start to the comma */
	if (last_segment == NO_WORD && comma > limit && is_speaker_head(&w[comma - 1]) &&
	    noun_phrase_left(p, comma - 1, limit) == limit)
		return limit;
	return NO_WORD;
}

/* Skips adverbs and auxiliaries to the left of a cue; NO_WORD if the cue is passive or an
 * infinitive ("was asked", "to say"), which are not attributions by their subject. */
static size_t subject_end(const Paragraph *p, size_t cue, size_t limit, bool *passive)
{
	*passive = false;
	size_t k = cue;
	while (k > limit) {
		const Word *prev = &p->words[k - 1];
		if (!is_word(prev))
			break;
		if (prev->cls & WORD_ADVERB) {
			k--;
			continue;
		}
		if (prev->cls & WORD_AUXILIARY) {
			if (word_equals(p->text, prev, "is") || word_equals(p->text, prev, "was") ||
			    word_equals(p->text, prev, "were") || word_equals(p->text, prev, "are") ||
			    word_equals(p->text, prev, "been") || word_equals(p->text, prev, "be") ||
			    word_equals(p->text, prev, "being"))
				if (lex_flags(&p->words[cue]) & LEX_FORM_PAST)
					*passive = true;
			k--;
			continue;
		}
		if (word_equals(p->text, prev, "to"))
			*passive = true;
		break;
	}
	return k == limit ? NO_WORD : k - 1;
}

static size_t trim_claim_end(const Paragraph *p, size_t first, size_t end_word, size_t *end_byte)
{
	/* drop a final full stop or comma; keep a closing mark that ends a quotation inside */
	while (end_word > first) {
		const Word *last = &p->words[end_word - 1];
		if (is_punct(last, '.') || is_punct(last, ',') || is_punct(last, ';') || is_punct(last, ':') ||
		    is_punct(last, '-')) {
			end_word--;
			continue;
		}
		break;
	}
	*end_byte = end_word > first ? p->words[end_word - 1].end : p->words[first].start;
	return end_word;
}

/* Claim kind and bounds: a claim that is exactly one quotation is direct, without the marks;
 * one holding quotation marks is mixed. */
static void set_claim(Candidate *c, const Paragraph *p, size_t first, size_t end_word)
{
	size_t end_byte;
	end_word = trim_claim_end(p, first, end_word, &end_byte);
	size_t start = p->words[first].start;
	c->kind = KIND_INDIRECT;
	for (size_t q = 0; q < p->quote_count; q++) {
		const Quote *quote = &p->quotes[q];
		if (quote->open == first && (quote->close == end_word - 1 ||
					     (quote->close == NO_WORD && end_word >= p->count))) {
			c->kind = KIND_DIRECT;
			start = quote->start;
			end_byte = quote->end;
			break;
		}
		if (quote->open != NO_WORD && quote->open >= first && quote->open < end_word)
			c->kind = KIND_MIXED;
	}
	c->claim_start = start;
	c->claim_end = end_byte;
}

/* ------------------------------------------------------------------ quotations */

/* A verb that can introduce or follow a quotation: a curated cue, or a verb whose commonest
 * sense is one of communication (WordNet). */
static bool quotes_verb(const LexEntry *entry)
{
	return (entry->flags & (LEX_CUE_POSTPOSED)) ||
		((entry->flags & LEX_VERB_COMMUNICATION) && (entry->flags & LEX_VERB_PRIMARY) &&
		 !(entry->flags & LEX_CUE_NOMINAL));
}

/* Whether an attribution that ends before word k closes there, rather than going on with a
 * reported clause of its own ("said on Monday." and "said after the rally" close; "said that",
 * "says they" do not). */
static bool attribution_closes(const Paragraph *p, size_t k, size_t limit)
{
	if (k >= limit || k >= p->count)
		return true;
	const Word *w = &p->words[k];
	/* "She says they are going ...": a clause follows, so this cue introduces its own claim */
	return !(is_word(w) && (word_equals(p->text, w, "that") || (w->cls & WORD_PRONOUN)));
}

static size_t attribution_after_in_sentence(Paragraph *p, size_t i, Candidate *c);

/* After a closing mark: [,] X said | said X, up to the end of the sentence or a comma. Returns
 * the word after the attribution, or NO_WORD. */
static size_t attribution_after(Paragraph *p, size_t after, Candidate *c)
{
	size_t n = p->count, i = after;
	/* “...” ― Jorge Falcon: a dash and a name that ends the line */
	if (i < n && is_punct(&p->words[i], '-') && i + 1 < n && is_name_word(&p->words[i + 1])) {
		size_t last = noun_phrase_right(p, i + 1, p->count);
		if (last != NO_WORD && (last + 1 >= p->count || is_sentence_end(&p->words[last + 1]) ||
					p->text[p->words[last].end] == '\n' || p->words[last + 1].mark == MARK_OPEN)) {
			set_speaker(c, p, i + 1, last);
			c->cue_first = c->cue_last = i;
			c->cue_label = LEX_LABEL_NONE;
			return last + 1;
		}
	}
	if (i < n && is_punct(&p->words[i], ','))
		i++;
	if (i >= n || !is_word(&p->words[i]))
		return NO_WORD;
	/* “...” The agency said ...: a new sentence is this quotation's attribution only when it is
	 * nothing else (“... missing.” Trump said.) */
	bool new_sentence = after > 0 && p->words[i].sentence != p->words[after - 1].sentence;
	if (new_sentence && memchr(p->text + p->words[after - 1].end, '\n', p->words[i].start - p->words[after - 1].end))
		return NO_WORD; /* a line of its own */
	size_t end = attribution_after_in_sentence(p, i, c);
	if (end != NO_WORD && new_sentence && !(end < n && is_sentence_end(&p->words[end]) &&
						 p->words[end].sentence == p->words[i].sentence))
		return NO_WORD;
	return end;
}

/* attribution_after() from its first word i, in i's sentence. */
static size_t attribution_after_in_sentence(Paragraph *p, size_t i, Candidate *c)
{
	const LexEntry *entry = NULL;
	size_t limit = sentence_end_word(p, i);
	/* said X */
	size_t cue_last = cue_at(p, i, &entry);
	if (cue_last != NO_WORD && quotes_verb(entry) && !(entry->flags & LEX_FORM_ING)) {
		size_t last = noun_phrase_right(p, cue_last + 1, limit);
		/* said Maria Lopez, the council leader. */
		if (last != NO_WORD && last + 2 < limit && is_punct(&p->words[last + 1], ',') &&
		    !(p->words[cue_last + 1].cls & WORD_PRONOUN)) {
			size_t apposition = noun_phrase_right(p, last + 2, limit);
			if (apposition != NO_WORD && (apposition + 1 >= limit || is_sentence_end(&p->words[apposition + 1]) ||
						      is_punct(&p->words[apposition + 1], ',')))
				last = apposition;
		}
		if (last != NO_WORD && attribution_closes(p, last + 1, limit)) {
			set_speaker(c, p, cue_last + 1, last);
			c->cue_first = i;
			c->cue_last = cue_last;
			c->cue_label = entry->label;
			c->features.curated_cue = entry->flags & LEX_CUE;
			return last + 1;
		}
	}
	/* X said; X, a former aide, said */
	size_t last = noun_phrase_right(p, i, limit);
	if (last == NO_WORD)
		return NO_WORD;
	if (last + 2 < limit && is_punct(&p->words[last + 1], ',') && !(p->words[i].cls & WORD_PRONOUN)) {
		/* to the comma that closes the apposition (a phrase or a relative clause) */
		for (size_t k = last + 2; k < limit && k < last + 32; k++) {
			if (p->words[k].mark != MARK_NONE || is_sentence_end(&p->words[k]))
				break;
			if (is_punct(&p->words[k], ',')) {
				if (k > last + 2)
					last = k;
				break;
			}
		}
	}
	size_t k = last + 1;
	while (k < limit && is_word(&p->words[k]) &&
	       (p->words[k].cls & (WORD_ADVERB | WORD_AUXILIARY)))
		k++;
	if (k >= limit)
		return NO_WORD;
	cue_last = cue_at(p, k, &entry);
	if (cue_last == NO_WORD || !quotes_verb(entry) ||
	    (entry->flags & LEX_FORM_ING && !(entry->flags & LEX_FORM_PAST)) ||
	    !attribution_closes(p, cue_last + 1, limit))
		return NO_WORD;
	set_speaker(c, p, i, last);
	c->cue_first = k;
	c->cue_last = cue_last;
	c->cue_label = entry->label;
	c->features.curated_cue = entry->flags & LEX_CUE;
	return cue_last + 1;
}

/* Before an opening mark: X said[,:] “... Returns true when found. */
static bool attribution_before(Paragraph *p, size_t open, Candidate *c)
{
	if (open == NO_WORD || open == 0)
		return false;
	size_t k = open - 1;
	bool punctuated = is_punct(&p->words[k], ',') || is_punct(&p->words[k], ':');
	if (punctuated) {
		if (k == 0)
			return false;
		k--;
	}
	size_t limit = sentence_first_word(p, k);
	const LexEntry *entry = NULL;
	/* the cue may be two words (“pointed out:”): try the word before too */
	size_t cue_first = k;
	size_t cue_last = cue_at(p, k, &entry);
	if (cue_last != k && k > limit) {
		cue_last = cue_at(p, k - 1, &entry);
		cue_first = k - 1;
		if (cue_last != k)
			return false;
	}
	if (cue_last == NO_WORD || (entry->flags & LEX_CUE_NOMINAL) || !quotes_verb(entry))
		return false;
	/* "whom he called “the most divisive figure”" names, it does not quote */
	if (!punctuated && !(entry->flags & LEX_CUE_POSTPOSED))
		return false;
	/* says “the wind is at our backs” despite ...: the quotation is part of a longer claim */
	if (!punctuated) {
		size_t close = NO_WORD;
		for (size_t q = 0; q < p->quote_count; q++)
			if (p->quotes[q].open == open)
				close = p->quotes[q].close;
		if (close != NO_WORD && close + 1 < p->count && !is_sentence_end(&p->words[close + 1]) &&
		    !is_sentence_end(&p->words[close - 1]) && !is_punct(&p->words[close - 1], ','))
			return false;
	}
	bool passive;
	size_t end = subject_end(p, cue_first, limit, &passive);
	if (passive || end == NO_WORD)
		return false;
	size_t first = NO_WORD;
	if (is_punct(&p->words[end], ',') && end > limit + 2) {
		first = apposition_left(p, end, limit);
		end--;
	} else {
		first = noun_phrase_left(p, end, limit);
	}
	if (first == NO_WORD)
		return false;
	set_speaker(c, p, first, end);
	c->cue_first = cue_first;
	c->cue_last = cue_last;
	c->cue_label = entry->label;
	c->features.curated_cue = entry->flags & LEX_CUE;
	return true;
}

/* A short quotation in title case ("Sunday Morning Futures,") names a show or a book. */
static bool is_title_quote(const Paragraph *p, const Quote *quote)
{
	if (quote->open == NO_WORD || quote->close == NO_WORD)
		return false;
	size_t words = 0;
	for (size_t i = quote->open + 1; i < quote->close; i++) {
		const Word *w = &p->words[i];
		if (!is_word(w))
			continue;
		words++;
		if (!(w->cls & WORD_CAPITALISED) && !(w->cls & (WORD_PREPOSITION | WORD_DETERMINER | WORD_CONJUNCTION)))
			return false;
	}
	return words >= 1 && words <= 6;
}

static void attribute_quotes(Paragraph *p)
{
	for (size_t q = 0; q < p->quote_count; q++) {
		Quote *quote = &p->quotes[q];
		if (!quote->full || quote->attributed)
			continue;
		Candidate trial;
		memset(&trial, 0, sizeof trial);
		trial.speaker_first = trial.speaker_last = trial.speaker_end_word = NO_WORD;
		trial.cue_first = trial.cue_last = NO_WORD;
		size_t after_attribution = NO_WORD;
		Construction construction = CONSTRUCTION_QUOTE_AFTER;
		if (quote->close != NO_WORD)
			after_attribution = attribution_after(p, quote->close + 1, &trial);
		/* “Sunday Morning Futures,” Rep. Ann Lee said the ...: the title is no quotation */
		if (after_attribution != NO_WORD && after_attribution < p->count &&
		    is_word(&p->words[after_attribution]) && is_title_quote(p, quote))
			continue;
		if (after_attribution == NO_WORD) {
			if (!attribution_before(p, quote->open, &trial))
				continue;
			construction = CONSTRUCTION_QUOTE_BEFORE;
		}
		Candidate *c = new_candidate(p);
		*c = trial;
		c->kind = KIND_DIRECT;
		c->claim_start = quote->start;
		c->claim_end = quote->end;
		c->parts[0] = (ByteRange){quote->start, quote->end};
		c->part_count = 1;
		c->features.construction = construction;
		c->sentence = p->words[c->cue_first].sentence;
		quote->attributed = true;
		mark_used(p, c->speaker_first, c->speaker_last);
		mark_used(p, c->cue_first, c->cue_last);
		/* “...,” he said, “...”  and  “...,” he said. “...” with no attribution of its own */
		size_t next = after_attribution;
		while (next != NO_WORD && next < p->count && q + 1 < p->quote_count &&
		       c->part_count < MAX_PARTS) {
			Quote *following = &p->quotes[q + 1];
			size_t k = next;
			/* past the rest of the attribution: ", Republican of South Carolina." A participle
			 * with a claim of its own (", adding that ...") is passed only to a quotation that
			 * starts the next sentence: "said, adding that ... “...”" quotes in the participle's
			 * claim. */
			bool own_claim = false;
			while (k < p->count && k < next + 25 && p->words[k].mark == MARK_NONE &&
			       !is_sentence_end(&p->words[k]) && !(is_punct(&p->words[k], ',') && k + 1 < p->count &&
								    p->words[k + 1].mark == MARK_OPEN)) {
				/* ", adding that", ", saying": a participle with a claim of its own */
				own_claim = own_claim || (k > next && is_punct(&p->words[k - 1], ',') &&
							  p->words[k].cue_words && (p->words[k].cue->flags & LEX_CUE) &&
							  (lex_flags(&p->words[k]) & LEX_FORM_ING));
				k++;
			}
			if (k < p->count && (is_punct(&p->words[k], ',') || is_sentence_end(&p->words[k]) ||
					     is_punct(&p->words[k], ':')))
				k++;
			/* the next quotation follows punctuation: "told the hosts of “Morning Joe”" is a title */
			if (following->open != k || !following->full || k == 0 ||
			    !(p->words[k - 1].kind == TOKEN_PUNCT || k == next) ||
			    (own_claim && !is_sentence_end(&p->words[k - 1])))
				break;
			Candidate probe;
			memset(&probe, 0, sizeof probe);
			if (following->close != NO_WORD && attribution_after(p, following->close + 1, &probe) != NO_WORD &&
			    probe.speaker_first != NO_WORD &&
			    !(probe.mention == MENTION_PRONOUN))
				break; /* it has a speaker of its own */
			c->parts[c->part_count++] = (ByteRange){following->start, following->end};
			c->claim_end = following->end;
			c->features.parts = true;
			following->attributed = true;
			q++;
			if (following->close == NO_WORD)
				break;
			size_t after2 = attribution_after(p, following->close + 1, &probe);
			if (after2 == NO_WORD)
				break;
			mark_used(p, probe.speaker_first, probe.speaker_last);
			mark_used(p, probe.cue_first, probe.cue_last);
			next = after2;
		}
		if (c->part_count == 1)
			c->part_count = 0;
	}
}

/* ------------------------------------------------------------------ reported speech */

static bool is_clause_start(const Word *w)
{
	return is_word(w) && !(w->cls & (WORD_PREPOSITION | WORD_CONJUNCTION));
}

/* Nouns that name the occasion of a statement: "said in an interview", "on Twitter". */
static bool is_occasion(const Paragraph *p, const Word *w)
{
	static const char *const occasions[] = {"statement", "interview", "interviews", "tweet", "tweets",
		"post", "speech", "rally", "appearance", "briefing", "conference", "twitter", "facebook",
		"radio", "television", "tv", "show", "event", "letter", "email", "e-mail", "call", "debate",
		"meeting", "hearing", "address", "release", "video", "message", "op-ed", "remarks", "forum",
		"instagram", "podcast", "program", "programme", NULL};
	if (w->cls & WORD_TIME)
		return true;
	return word_equals_any(p->text, w, occasions);
}

/* Past the time and occasion of a statement after its cue ("on Tuesday", "last week", "in an
 * interview with CNN on Sunday,"): the word where the reported clause may start, or k itself. */
static size_t skip_occasion(const Paragraph *p, size_t k, size_t end)
{
	const Word *w = p->words;
	for (int rounds = 0; rounds < 4 && k < end; rounds++) {
		if (w[k].cls & WORD_TIME) {
			k++;
			while (k < end && (w[k].cls & WORD_TIME))
				k++; /* Tuesday night */
			continue;
		}
		if (k + 1 < end && (word_equals(p->text, &w[k], "last") || word_equals(p->text, &w[k], "this") ||
				    word_equals(p->text, &w[k], "next") || word_equals(p->text, &w[k], "earlier")) &&
		    (w[k + 1].cls & WORD_TIME)) {
			k += 2;
			continue;
		}
		if (k + 1 < end && (w[k].cls & WORD_PREPOSITION) && !word_equals(p->text, &w[k], "of") &&
		    !word_equals(p->text, &w[k], "about") && !word_equals(p->text, &w[k], "to")) {
			/* a phrase of up to six words whose head is a time or an occasion */
			size_t j = k + 1, head = NO_WORD;
			while (j < end && j < k + 7 && is_word(&w[j]) && w[j].mark == MARK_NONE &&
			       !(w[j].cls & (WORD_PRONOUN | WORD_AUXILIARY | WORD_RELATIVE | WORD_SUBORDINATOR)) &&
			       !(is_verb_form(&w[j]) && !(w[j].cls & WORD_CAPITALISED) && !is_occasion(p, &w[j]))) {
				if (is_occasion(p, &w[j]))
					head = j;
				j++;
				if (head != NO_WORD && j < end && !(w[j].cls & (WORD_PREPOSITION | WORD_TIME)) &&
				    !(w[j].cls & WORD_CAPITALISED))
					break;
			}
			if (head == NO_WORD)
				break;
			k = head + 1;
			/* "with CNN", "in Iowa" after the occasion belong to it */
			if (k + 1 < end && (word_equals(p->text, &w[k], "with") || word_equals(p->text, &w[k], "in")) &&
			    is_name_word(&w[k + 1])) {
				k += 2;
				while (k < end && is_name_word(&w[k]))
					k++;
			}
			continue;
		}
		break;
	}
	if (k < end && is_punct(&w[k], ','))
		k++;
	return k;
}

/* "about half", "at least six", "more than 40": a clause that starts with a quantity. */
static bool starts_quantity(const Paragraph *p, size_t k, size_t end)
{
	const Word *w = p->words;
	if (k + 1 >= end)
		return false;
	if (word_equals(p->text, &w[k], "at") && (word_equals(p->text, &w[k + 1], "least") ||
						   word_equals(p->text, &w[k + 1], "most")))
		return true;
	return (word_equals(p->text, &w[k], "about") || word_equals(p->text, &w[k], "around") ||
		word_equals(p->text, &w[k], "over") || word_equals(p->text, &w[k], "under") ||
		word_equals(p->text, &w[k], "nearly") || word_equals(p->text, &w[k], "almost")) &&
		((w[k + 1].cls & WORD_NUMBER) || word_equals(p->text, &w[k + 1], "half") ||
		 word_equals(p->text, &w[k + 1], "a"));
}

/* Where the reported clause after a cue begins: after "that", after the hearer of "told", after
 * a prepositional phrase before "that" ("said at a briefing on Tuesday that"). NO_WORD when a
 * cue that needs a clause has none. */
static size_t content_start(const Paragraph *p, size_t after, size_t end, uint32_t flags, bool *needs_that)
{
	const Word *w = p->words;
	*needs_that = false;
	if (after >= end)
		return NO_WORD;
	if (is_punct(&w[after], ':') && after + 1 < end)
		return after + 1;
	if (word_equals(p->text, &w[after], "that"))
		return after + 1 < end ? after + 1 : NO_WORD;
	if (w[after].mark == MARK_OPEN)
		return after;
	/* a "that" a few words on, past the hearer or a place and time */
	bool may_skip = (flags & LEX_CUE_OBJECT) || (w[after].cls & (WORD_PREPOSITION | WORD_TIME | WORD_ADVERB |
								      WORD_OBJECT_PRONOUN));
	for (size_t i = after; may_skip && i < end && i < after + 12; i++) {
		if (word_equals(p->text, &w[i], "that") && i + 1 < end) {
			/* "a study from Ohio that said ...": a relative pronoun, not the clause's "that" */
			if (i > after && (lex_flags(&w[i + 1]) & (LEX_FORM_PAST | LEX_FORM_S)) && w[i + 1].cue_words &&
			    !(lex_flags(&w[i + 1]) & (LEX_NOUN_PERSON | LEX_NOUN_GROUP | LEX_NOUN_COMMUNICATION)) &&
			    !(w[i + 1].cls & (WORD_CAPITALISED | WORD_DETERMINER | WORD_PRONOUN | WORD_NUMBER)) &&
			    (is_name_word(&w[i - 1]) || is_content_word(&w[i - 1])))
				break;
			bool plain = true;
			for (size_t j = after; j < i; j++)
				if (!is_word(&w[j]) || (w[j].cls & (WORD_RELATIVE | WORD_SUBORDINATOR)) ||
				    (is_verb_form(&w[j]) && (lex_flags(&w[j]) & LEX_CUE)))
					plain = false;
			if (plain)
				return i + 1;
			break;
		}
		if (!is_word(&w[i]) || w[i].mark != MARK_NONE)
			break;
	}
	if (!(flags & LEX_CUE) && !((flags & LEX_VERB_PRIMARY) && (flags & (LEX_VERB_COMMUNICATION))))
		return NO_WORD;
	if (flags & (LEX_CUE_WEAK) && !(flags & LEX_CUE_OBJECT))
		return NO_WORD;
	if ((flags & LEX_CUE_POSTPOSED) && !(flags & LEX_CUE_BELIEF)) {
		/* "reported on Wednesday the Secret Service had ...", "said about half of ..." */
		size_t k = skip_occasion(p, after, end);
		if (k > after && k + 1 < end && is_word(&w[k]) &&
		    (w[k].cls & (WORD_PRONOUN | WORD_DETERMINER | WORD_CAPITALISED | WORD_NUMBER)) &&
		    !(w[k].cls & WORD_PREPOSITION)) {
			*needs_that = true;
			return k;
		}
		if (starts_quantity(p, after, end)) {
			*needs_that = true;
			return after;
		}
	}
	bool infinitive = word_equals(p->text, &w[after], "to") && after + 1 < end && is_word(&w[after + 1]) &&
			  !(w[after + 1].cls & (WORD_DETERMINER | WORD_CAPITALISED | WORD_PRONOUN | WORD_OBJECT_PRONOUN));
	if (flags & LEX_CUE_BELIEF) {
		if ((w[after].cls & (WORD_PRONOUN | WORD_DETERMINER | WORD_CAPITALISED | WORD_NUMBER)))
			return after;
		/* wants to run, plans to spend, hopes to win: the infinitive is the claim */
		if (infinitive)
			return after;
		return NO_WORD;
	}
	if (flags & LEX_CUE_HEARER) {
		/* "told POLITICO she was leaning ...": the clause starts after the hearer */
		size_t hearer = (w[after].cls & WORD_OBJECT_PRONOUN) ? after : noun_phrase_right(p, after, end);
		if (hearer != NO_WORD && hearer + 2 < end &&
		    (w[hearer + 1].cls & (WORD_PRONOUN | WORD_DETERMINER | WORD_CAPITALISED | WORD_NUMBER)) &&
		    !(w[hearer + 1].cls & WORD_PREPOSITION))
			return hearer + 1;
	}
	if (flags & LEX_CUE_OBJECT || !(flags & LEX_CUE))
		return is_clause_start(&w[after]) || word_equals(p->text, &w[after], "to") ? after : NO_WORD;
		/* urged X to ..., endorsed X, wants to ...: the object is the claim */
	if (infinitive)
		return after; /* pledged to impose, refused to say: the infinitive is the claim */
	if ((w[after].cls & (WORD_PREPOSITION)) || is_punct(&w[after], ',') || is_sentence_end(&w[after]) ||
	    !is_clause_start(&w[after]))
		return NO_WORD;
	*needs_that = true;
	return after;
}

/* A reported clause whose quotation runs on past a full stop ("said that “A. B.”") ends with
 * the sentence that closes the quotation. */
static size_t extend_through_quotes(const Paragraph *p, size_t start, size_t end)
{
	for (size_t q = 0; q < p->quote_count; q++) {
		const Quote *quote = &p->quotes[q];
		if (quote->open == NO_WORD || quote->open < start || quote->open >= end)
			continue;
		size_t close = quote->close == NO_WORD ? p->count - 1 : quote->close;
		if (close >= end)
			end = sentence_end_word(p, close);
	}
	return end;
}

/* The end of a reported clause: the sentence end, or before a following attribution in the same
 * sentence (", adding that", "and urged", ", according to", ", X said"). */
static size_t content_end(const Paragraph *p, size_t first, size_t sentence_end)
{
	const Word *w = p->words;
	for (size_t i = first + 1; i < sentence_end; i++) {
		if (w[i].in_quote)
			continue;
		const LexEntry *entry;
		/* a comma inside a closing mark counts: defense of “New York values,” saying ... */
		bool quoted_comma = w[i - 1].mark == MARK_CLOSE && i >= first + 2 && is_punct(&w[i - 2], ',');
		if ((is_punct(&w[i - 1], ',') || quoted_comma || word_equals(p->text, &w[i - 1], "and")) &&
		    is_word(&w[i])) {
			size_t cue = i;
			while (cue < sentence_end && (w[cue].cls & WORD_ADVERB))
				cue++;
			if (cue < sentence_end && cue_at(p, cue, &entry) != NO_WORD && !(entry->flags & LEX_CUE_NOMINAL) &&
			    !(w[cue].cls & WORD_CAPITALISED) &&
			    (((entry->flags & LEX_CUE) && (lex_flags(&w[cue]) & (LEX_FORM_ING | LEX_FORM_PAST | LEX_FORM_S))) ||
			     /* ", encouraging ...", ", contradicting ...": any verb of saying as a participle */
			     (!word_equals(p->text, &w[i - 1], "and") && (lex_flags(&w[cue]) & LEX_FORM_ING) &&
			      !(lex_flags(&w[cue]) & LEX_FORM_PAST) &&
			      (lex_flags(&w[cue]) & LEX_VERB_COMMUNICATION) && (lex_flags(&w[cue]) & LEX_VERB_PRIMARY))))
				return quoted_comma ? i : i - 1;
		}
		/* "..., though she acknowledged ...", "... but he said ...": a clause with its own subject
		 * and cue */
		if (word_equals(p->text, &w[i], "but") || word_equals(p->text, &w[i], "though") ||
		    word_equals(p->text, &w[i], "although") || word_equals(p->text, &w[i], "while")) {
			size_t k = i + 1;
			if (k < sentence_end && (w[k].cls & WORD_PRONOUN)) {
				k++;
			} else {
				size_t last = noun_phrase_right(p, k, sentence_end);
				k = last != NO_WORD && last < k + 5 ? last + 1 : sentence_end;
			}
			while (k < sentence_end && is_word(&w[k]) && (w[k].cls & (WORD_ADVERB | WORD_AUXILIARY)))
				k++;
			if (k < sentence_end && cue_at(p, k, &entry) != NO_WORD && (entry->flags & LEX_CUE_POSTPOSED) &&
			    !(entry->flags & (LEX_CUE_NOMINAL | LEX_CUE_WEAK)) &&
			    (lex_flags(&w[k]) & (LEX_FORM_PAST | LEX_FORM_S)) && !(w[k].cls & WORD_CAPITALISED))
				return is_punct(&w[i - 1], ',') ? i - 1 : i;
		}
		if (is_punct(&w[i], ',') && i + 2 < sentence_end && word_equals(p->text, &w[i + 1], "according") &&
		    word_equals(p->text, &w[i + 2], "to"))
			return i;
	}
	return sentence_end;
}

static void add_reported(Paragraph *p, size_t cue_first, size_t cue_last, const LexEntry *entry,
			 size_t speaker_first, size_t speaker_last, size_t claim_first, size_t claim_end,
			 Construction construction)
{
	if (claim_end <= claim_first || count_words(p, claim_first, claim_end) < 2)
		return;
	Candidate trial;
	memset(&trial, 0, sizeof trial);
	set_claim(&trial, p, claim_first, claim_end);
	if (trial.claim_end <= trial.claim_start || overlaps_claim(p, trial.claim_start, trial.claim_end))
		return;
	Candidate *c = new_candidate(p);
	c->claim_start = trial.claim_start;
	c->claim_end = trial.claim_end;
	c->kind = trial.kind;
	set_speaker(c, p, speaker_first, speaker_last);
	c->cue_first = cue_first;
	c->cue_last = cue_last;
	c->cue_label = entry ? entry->label : LEX_LABEL_NONE;
	c->features.construction = construction;
	c->features.curated_cue = entry && (entry->flags & LEX_CUE);
	c->sentence = p->words[cue_first].sentence;
	mark_used(p, speaker_first, speaker_last);
	mark_used(p, cue_first, cue_last);
}

/* Whether words [first, end) hold a relative clause with a cue: "a report that said". */
static bool holds_attribution(const Paragraph *p, size_t first, size_t end)
{
	const Word *w = p->words;
	for (size_t j = first; j + 1 < end; j++) {
		if (!(w[j].cls & WORD_RELATIVE) || w[j].in_quote)
			continue;
		size_t k = j + 1;
		while (k < end && (w[k].cls & (WORD_ADVERB | WORD_AUXILIARY)))
			k++;
		if (k < end && w[k].cue_words && (w[k].cue->flags & LEX_CUE_POSTPOSED) &&
		    (lex_flags(&w[k]) & (LEX_FORM_PAST | LEX_FORM_S)))
			return true;
	}
	return false;
}

/* The candidate of this sentence whose cue is the latest before word i, or NULL. */
static Candidate *previous_in_sentence(Paragraph *p, size_t i)
{
	Candidate *best = NULL;
	size_t sentence = p->words[i].sentence;
	for (size_t k = 0; k < p->candidate_count; k++) {
		Candidate *c = &p->candidates[k];
		if (c->sentence == sentence && c->cue_first != NO_WORD && c->cue_first < i &&
		    (!best || c->cue_first > best->cue_first))
			best = c;
	}
	return best;
}

static void according_to(Paragraph *p, size_t i, size_t sentence_first, size_t sentence_end)
{
	const Word *w = p->words;
	const LexEntry *cue = lexicon_lookup("according to", 12);
	/* the source runs to the next comma or the end: "according to Andy Smith, director of ..." */
	size_t last = i + 1;
	while (last + 1 < sentence_end && last - i < 30 && !is_punct(&w[last + 1], ',') &&
	       !is_sentence_end(&w[last + 1]) && w[last + 1].mark == MARK_NONE)
		last++;
	if (last == i + 1 || !is_word(&w[i + 2]))
		return;
	bool after_comma = i > sentence_first + 1 && is_punct(&w[i - 1], ',');
	if (after_comma) {
		/* claim, according to X.  /  claim, according to X, rest of the claim. */
		size_t rest = last + 2;
		add_reported(p, i, i + 1, cue, i + 2, last, sentence_first, i - 1, CONSTRUCTION_ACCORDING_TO);
		if (rest < sentence_end && is_punct(&w[last + 1], ',') && count_words(p, rest, sentence_end) >= 3 &&
		    p->candidate_count && p->candidates[p->candidate_count - 1].cue_first == i) {
			Candidate *c = &p->candidates[p->candidate_count - 1];
			size_t end_byte;
			size_t end_word = trim_claim_end(p, rest, extend_through_quotes(p, rest, sentence_end), &end_byte);
			if (end_word > rest) {
				c->parts[0] = (ByteRange){c->claim_start, c->claim_end};
				c->parts[1] = (ByteRange){w[rest].start, end_byte};
				c->part_count = 2;
				c->claim_end = end_byte;
			}
		}
		return;
	}
	/* according to X, claim. */
	if (last + 2 < sentence_end && is_punct(&w[last + 1], ','))
		add_reported(p, i, i + 1, cue, i + 2, last, last + 2,
			     content_end(p, last + 2, extend_through_quotes(p, last + 2, sentence_end)),
			     CONSTRUCTION_ACCORDING_TO);
}

/* "Asked whether ..., X said": the question put to someone is an attribution with no source of
 * its own in the sentence (the asker is the reporter). The claim runs from the question word
 * (if, whether, what, who, about) to the comma that closes the clause. */
static bool asked_question(Paragraph *p, size_t i, size_t sentence_first, size_t sentence_end)
{
	const Word *w = p->words;
	if (!word_equals(p->text, &w[i], "asked"))
		return false;
	if (i != sentence_first && !(i == sentence_first + 1 && (word_equals(p->text, &w[i - 1], "when") ||
								 word_equals(p->text, &w[i - 1], "while"))))
		return false;
	size_t first = NO_WORD, cue_last = i;
	for (size_t k = i + 1; k < sentence_end && k < i + 8 && is_word(&w[k]); k++) {
		if (word_equals(p->text, &w[k], "about")) {
			if (k == i + 1)
				cue_last = k;
			first = k == i + 1 ? k + 1 : k;
			break;
		}
		if (word_equals(p->text, &w[k], "if") || word_equals(p->text, &w[k], "whether") ||
		    word_equals(p->text, &w[k], "who") || word_equals(p->text, &w[k], "what") ||
		    word_equals(p->text, &w[k], "how") || word_equals(p->text, &w[k], "why") ||
		    word_equals(p->text, &w[k], "which") || word_equals(p->text, &w[k], "when") ||
		    word_equals(p->text, &w[k], "where")) {
			first = k;
			break;
		}
	}
	if (first == NO_WORD || first >= sentence_end)
		return false;
	size_t end = first;
	while (end < sentence_end && !is_punct(&w[end], ',') && !w[end].in_quote)
		end++;
	if (end >= sentence_end)
		return false; /* the main clause after the comma is what makes it a question put */
	add_reported(p, i, cue_last, NULL, NO_WORD, NO_WORD, first, end, CONSTRUCTION_PARTICIPLE);
	return true;
}

/* "The crowd seemed to cheer", "the team appears ready": an impression the writer reports. The
 * claim is the subject and what follows the verb, in two parts; no source in the sentence. */
static bool seems_so(Paragraph *p, size_t i, size_t sentence_first, size_t sentence_end)
{
	const Word *w = p->words;
	static const char *const verbs[] = {"seem", "seems", "seemed", "appear", "appears", "appeared"};
	bool found = false;
	for (size_t v = 0; v < sizeof verbs / sizeof *verbs && !found; v++)
		found = word_equals(p->text, &w[i], verbs[v]);
	/* "the vote is expected to pass": the same impression, with its auxiliary in the cue */
	bool expected = !found && i > sentence_first + 1 && word_equals(p->text, &w[i], "expected") &&
			i + 1 < sentence_end && word_equals(p->text, &w[i + 1], "to") &&
			(word_equals(p->text, &w[i - 1], "is") || word_equals(p->text, &w[i - 1], "are") ||
			 word_equals(p->text, &w[i - 1], "was") || word_equals(p->text, &w[i - 1], "were"));
	size_t cue_first = expected ? i - 1 : i;
	if (!(found || expected) || i == sentence_first || i + 2 >= sentence_end || !is_word(&w[i + 1]) ||
	    (w[i + 1].cls & (WORD_SUBORDINATOR | WORD_RELATIVE)) ||
	    (word_equals(p->text, &w[i + 1], "to") && !is_word(&w[i + 2])))
		return false;
	if (!word_equals(p->text, &w[i + 1], "to") && (w[i + 1].cls & WORD_PREPOSITION))
		return false;
	size_t subject_last = cue_first - 1;
	while (subject_last > sentence_first && (w[subject_last].cls & WORD_ADVERB))
		subject_last--;
	size_t subject_first = noun_phrase_left(p, subject_last, sentence_first);
	if (subject_first == NO_WORD || !is_word(&w[subject_last]) || w[subject_last].in_quote)
		return false;
	size_t end = content_end(p, i + 1, extend_through_quotes(p, i + 1, sentence_end));
	size_t count = p->candidate_count;
	add_reported(p, cue_first, i, NULL, NO_WORD, NO_WORD, i + 1, end, CONSTRUCTION_BELIEF);
	if (p->candidate_count == count)
		return false;
	Candidate *c = &p->candidates[count];
	ByteRange subject = {w[subject_first].start, w[subject_last].end};
	if (overlaps_claim(p, subject.start, subject.end))
		return true;
	c->parts[0] = subject;
	c->parts[1] = (ByteRange){c->claim_start, c->claim_end};
	c->part_count = 2;
	c->claim_start = subject.start;
	return true;
}

/* "Mr. Lee's position is that the tax must go", "China's view that ...": a nominal cue after a
 * possessive name; the name is the speaker, the clause after "is (that)" or "that" the claim. */
static bool position_is(Paragraph *p, size_t i, size_t sentence_first, size_t sentence_end)
{
	const Word *w = p->words;
	if (i <= sentence_first + 1 || i + 3 >= sentence_end || !w[i].lex || !(w[i].lex->flags & LEX_CUE_NOMINAL) ||
	    (w[i].lex->flags & LEX_NOUN_PLURAL) || !ends_with_possessive(p->text, &w[i - 1]))
		return false;
	/* the owner: "China's" in one token, or "China" and "'s" */
	size_t owner = w[i - 1].end - w[i - 1].start <= 4 && !is_name_word(&w[i - 1]) ? i - 2 : i - 1;
	if (!is_speaker_head(&w[owner]))
		return false;
	size_t start = i + 1;
	if (word_equals(p->text, &w[start], "is") || word_equals(p->text, &w[start], "was") ||
	    word_equals(p->text, &w[start], "has been"))
		start++;
	else if (!word_equals(p->text, &w[start], "that"))
		return false;
	if (word_equals(p->text, &w[start], "that"))
		start++;
	if (start >= sentence_end || !is_clause_start(&w[start]) || count_words(p, start, sentence_end) < 3)
		return false;
	size_t first = noun_phrase_left(p, owner, sentence_first);
	if (first == NO_WORD)
		return false;
	size_t before = p->candidate_count;
	add_reported(p, i, i, w[i].lex, first, owner, start,
		     content_end(p, start, extend_through_quotes(p, start, sentence_end)), CONSTRUCTION_SAID_THAT);
	return p->candidate_count > before;
}

/* "In a CBS News poll last month, she led by 20 points.": a poll, survey or study that opens the
 * sentence is the source of the clause after it. */
static bool in_a_poll(Paragraph *p, size_t i, size_t sentence_first, size_t sentence_end)
{
	static const char *const sources[] = {"poll", "polls", "survey", "surveys", "study", "analysis",
					      "count", "tally", "estimate", "estimates", "data", "report", NULL};
	const Word *w = p->words;
	if (i != sentence_first || !word_equals(p->text, &w[i], "in"))
		return false;
	size_t comma = i + 1, head = NO_WORD;
	while (comma < sentence_end && comma < i + 14 && !is_punct(&w[comma], ',')) {
		if (!is_word(&w[comma]) && !is_punct(&w[comma], '/') && !is_punct(&w[comma], '-'))
			return false;
		for (size_t k = 0; sources[k] && head == NO_WORD; k++)
			if (word_equals(p->text, &w[comma], sources[k]))
				head = comma;
		comma++;
	}
	if (head == NO_WORD || comma >= sentence_end || count_words(p, comma + 1, sentence_end) < 4 ||
	    !(w[comma + 1].cls & (WORD_CAPITALISED | WORD_NUMBER | WORD_PRONOUN | WORD_DETERMINER)))
		return false;
	size_t before = p->candidate_count;
	add_reported(p, i, i, NULL, i + 1, comma - 1, comma + 1,
		     content_end(p, comma + 1, extend_through_quotes(p, comma + 1, sentence_end)),
		     CONSTRUCTION_ACCORDING_TO);
	return p->candidate_count > before;
}

/* "..., said Rita Katz, the director of the institute.": the cue before its speaker at the end
 * of the sentence, the claim before them. */
static bool said_after_claim(Paragraph *p, size_t i, size_t cue_last, const LexEntry *entry,
			     size_t sentence_first, size_t sentence_end)
{
	const Word *w = p->words;
	if (i < sentence_first + 4 || !is_punct(&w[i - 1], ',') || !(entry->flags & LEX_CUE_POSTPOSED) ||
	    !(lex_flags(&w[i]) & (LEX_FORM_PAST | LEX_FORM_S)) || w[i - 2].mark == MARK_CLOSE)
		return false;
	/* "Chris Lee, a supporter, said ...": the comma closes the subject's apposition */
	if (apposition_left(p, i - 1, sentence_first) != NO_WORD)
		return false;
	size_t limit = sentence_end;
	while (limit > cue_last + 1 && is_sentence_end(&w[limit - 1]))
		limit--;
	size_t last = noun_phrase_right(p, cue_last + 1, limit);
	if (last == NO_WORD || (w[cue_last + 1].cls & WORD_PRONOUN) || count_words(p, cue_last + 1, last + 1) > 10)
		return false;
	size_t speaker_last = last;
	if (last + 1 < limit) {
		/* an apposition or a relative clause to the end of the sentence is part of the mention;
		 * a time or place ("on Tuesday", "in an interview") is not */
		const Word *next = &w[last + 1];
		if (is_punct(next, ',') && limit - last < 30 && limit > last + 2) {
			for (size_t k = last + 2; k < limit; k++)
				if (w[k].mark != MARK_NONE)
					return false;
			speaker_last = limit - 1;
		} else if (!(next->cls & (WORD_PREPOSITION | WORD_TIME)) || limit - last > 10) {
			return false;
		}
	}
	size_t first = sentence_first;
	Candidate *prev = previous_in_sentence(p, i);
	if (prev && prev->claim_end <= w[i - 1].start) {
		first = i - 1;
		while (first > sentence_first && w[first - 1].end > prev->claim_end)
			first--;
	}
	if (count_words(p, first, i - 1) < 3)
		return false;
	size_t before = p->candidate_count;
	add_reported(p, i, cue_last, entry, cue_last + 1, speaker_last, first, i - 1, CONSTRUCTION_POSTPOSED);
	return p->candidate_count > before;
}

static void reported_speech(Paragraph *p)
{
	const Word *w = p->words;
	for (size_t i = 0; i < p->count; i++) {
		if (p->used[i] || w[i].in_quote || !is_word(&w[i]))
			continue;
		size_t sentence_first = sentence_first_word(p, i);
		size_t sentence_end = sentence_end_word(p, i);
		if (word_equals(p->text, &w[i], "according") && i + 2 < sentence_end &&
		    word_equals(p->text, &w[i + 1], "to")) {
			according_to(p, i, sentence_first, sentence_end);
			continue;
		}
		if (asked_question(p, i, sentence_first, sentence_end) || seems_so(p, i, sentence_first, sentence_end) ||
		    in_a_poll(p, i, sentence_first, sentence_end) || position_is(p, i, sentence_first, sentence_end))
			continue;
		const LexEntry *entry = NULL;
		size_t cue_last = cue_at(p, i, &entry);
		/* a cue that is a noun too (claims, calls, promises) is a verb after a name or a pronoun:
		 * "Lynch calls North Carolina her home", not "the calls" */
		bool verb_after_subject = i > sentence_first && (lex_flags(&w[i]) & (LEX_FORM_S | LEX_FORM_PAST)) &&
			((w[i - 1].cls & WORD_PRONOUN) || (is_name_word(&w[i - 1]) && !ends_with_possessive(p->text, &w[i - 1])));
		if (cue_last == NO_WORD || (entry->flags & LEX_CUE_NOMINAL && !(entry->flags & LEX_FORM_BASE &&
			entry->flags & (LEX_CUE_POSTPOSED | LEX_CUE_OBJECT)) && !verb_after_subject))
			continue;
		uint32_t flags = entry->flags | (w[i].lex ? w[i].lex->flags & (LEX_FORM_BASE | LEX_FORM_S |
			LEX_FORM_PAST | LEX_FORM_ING) : 0);
		if (w[i].cls & WORD_CAPITALISED && i != sentence_first)
			continue; /* a name (Says, Post) */
		/* a noun, not a verb: "the report", "Clinton's release", "an immigration rally" */
		if (i > sentence_first && !(lex_flags(&w[i]) & LEX_FORM_PAST) &&
		    (((w[i - 1].cls & WORD_DETERMINER) && !(w[i - 1].cls & WORD_PRONOUN) && !is_quantifier(p, &w[i - 1])) ||
		     ends_with_possessive(p->text, &w[i - 1]) ||
		     (!(entry->flags & LEX_CUE) && is_content_word(&w[i - 1]))))
			continue;
		if (cue_last + 1 < sentence_end && (lex_flags(&w[i]) & (LEX_NOUN_PERSON | LEX_NOUN_GROUP |
			LEX_NOUN_COMMUNICATION | LEX_CUE_NOMINAL)) && !(lex_flags(&w[i]) & LEX_FORM_PAST)) {
			/* a noun before the verb: "media reports said", "polls show" */
			const LexEntry *next_entry;
			size_t next = cue_last + 1;
			while (next < sentence_end && (w[next].cls & WORD_ADVERB))
				next++;
			if (next < sentence_end && cue_at(p, next, &next_entry) != NO_WORD && (next_entry->flags & LEX_CUE))
				continue;
		}
		if (said_after_claim(p, i, cue_last, entry, sentence_first, sentence_end))
			continue;
		Candidate *coordinated = NULL;
		size_t coordination = NO_WORD;
		bool participle = (lex_flags(&w[i]) & LEX_FORM_ING) && !(lex_flags(&w[i]) & (LEX_FORM_PAST | LEX_FORM_S));
		bool passive = false;
		size_t speaker_first = NO_WORD, speaker_last = NO_WORD;
		Construction construction = (entry->flags & LEX_CUE) ? CONSTRUCTION_SAID_THAT : CONSTRUCTION_FRAME;
		if (entry->flags & LEX_CUE_BELIEF)
			construction = CONSTRUCTION_BELIEF;
		size_t end = subject_end(p, i, sentence_first, &passive);
		if (passive)
			continue;
		size_t reduced = NO_WORD; /* "with 50 percent saying she is prepared" */
		if (participle && end != NO_WORD && is_word(&w[end]) && !(w[end].cls & (WORD_PREPOSITION |
			WORD_CONJUNCTION | WORD_AUXILIARY | WORD_TIME | WORD_ADVERB)))
			reduced = noun_phrase_left(p, end, sentence_first);
		if (reduced != NO_WORD) {
			speaker_first = reduced;
			speaker_last = end;
			construction = CONSTRUCTION_PARTICIPLE;
		} else if (participle) {
			bool quoted_comma = end != NO_WORD && end > sentence_first && w[end].mark == MARK_CLOSE &&
				is_punct(&w[end - 1], ',');
			if (end == NO_WORD || !(is_punct(&w[end], ',') || quoted_comma || word_equals(p->text, &w[end], "and") ||
						word_equals(p->text, &w[end], "by") || word_equals(p->text, &w[end], "in")))
				continue;
			Candidate *prev = previous_in_sentence(p, i);
			if (prev && prev->speaker_first != NO_WORD) {
				speaker_first = prev->speaker_first;
				speaker_last = prev->speaker_last;
			} else {
				/* the subject of the sentence: its first noun phrase after an opening phrase */
				size_t s = sentence_first;
				if (w[s].cls & (WORD_PREPOSITION | WORD_SUBORDINATOR | WORD_TIME | WORD_ADVERB))
					for (size_t k = sentence_first; k + 2 < i && k < sentence_first + 10; k++)
						if (is_punct(&w[k], ',')) {
							s = k + 1;
							break;
						}
				size_t last = noun_phrase_right(p, s, i);
				if (last == NO_WORD || last + 1 >= i || !is_word(&w[last + 1]) ||
				    (w[s].cls & (WORD_TIME | WORD_ADVERB | WORD_PREPOSITION)))
					continue;
				speaker_first = s;
				speaker_last = last;
			}
			construction = CONSTRUCTION_PARTICIPLE;
		} else if (end != NO_WORD && word_equals(p->text, &w[end], "and")) {
			/* "X rebutted ... and urged ...": the same subject, a cue of its own */
			Candidate *prev = previous_in_sentence(p, i);
			if (!(entry->flags & LEX_CUE) || (entry->flags & LEX_CUE_WEAK) ||
			    !(lex_flags(&w[i]) & (LEX_FORM_PAST | LEX_FORM_S)))
				continue;
			if (prev && prev->speaker_first != NO_WORD) {
				speaker_first = prev->speaker_first;
				speaker_last = prev->speaker_last;
				coordinated = prev;
				coordination = end;
			} else {
				/* the subject of the first verb: "The council rejected ... and called for" */
				size_t last = noun_phrase_right(p, sentence_first, i);
				if (last == NO_WORD || last + 1 >= i || !is_word(&w[last + 1]) ||
				    (w[last + 1].cls & (WORD_CAPITALISED | WORD_PREPOSITION | WORD_CONJUNCTION)))
					continue;
				speaker_first = sentence_first;
				speaker_last = last;
			}
		} else if (end != NO_WORD && (w[end].cls & WORD_RELATIVE) && end > sentence_first) {
			/* "Podesta, who said ...": the antecedent before the comma */
			size_t antecedent = end - 1;
			if (is_punct(&w[antecedent], ',') && antecedent > sentence_first)
				antecedent--;
			size_t first = noun_phrase_left(p, antecedent, sentence_first);
			if (first == NO_WORD)
				continue;
			speaker_first = first;
			speaker_last = antecedent;
		} else if (end != NO_WORD && (is_punct(&w[end], ',') || is_punct(&w[end], '-')) && end > sentence_first + 2) {
			/* Sam Nunberg, a former aide, said; Paris, who used to work there, said */
			size_t first = apposition_left(p, end, sentence_first);
			if (first == NO_WORD)
				continue;
			speaker_first = first;
			speaker_last = end - 1;
		} else {
			if (end == NO_WORD)
				continue;
			size_t first = noun_phrase_left(p, end, sentence_first);
			if (first == NO_WORD)
				continue;
			speaker_first = first;
			speaker_last = end;
		}
		/* ..., X said.  /  ..., X told reporters. */
		size_t after = cue_last + 1, close_at = after; /* the punctuation that ends the attribution */
		bool closes = after >= sentence_end || is_sentence_end(&w[after]) ||
			(is_punct(&w[after], ',') && !(after + 1 < sentence_end && w[after + 1].mark == MARK_OPEN) &&
			 speaker_first > sentence_first && is_punct(&w[speaker_first - 1], ','));
		if (!closes && (flags & (LEX_CUE_POSTPOSED)) && speaker_first > sentence_first &&
		    is_punct(&w[speaker_first - 1], ',') &&
		    ((w[after].cls & (WORD_PREPOSITION | WORD_TIME | WORD_ADVERB)) || (flags & LEX_CUE_OBJECT))) {
			/* "said in a statement." / "told reporters on Monday." / "said Tuesday in Paris, noting" */
			size_t k = after;
			while (k < sentence_end && k < after + 8 && is_word(&w[k]) && w[k].mark == MARK_NONE &&
			       !word_equals(p->text, &w[k], "that") && !(w[k].cls & (WORD_PRONOUN | WORD_AUXILIARY)))
				k++;
			closes = k >= sentence_end || is_sentence_end(&w[k]) ||
				(is_punct(&w[k], ',') && !(k + 1 < sentence_end && w[k + 1].mark == MARK_OPEN));
			close_at = k;
		}
		if (closes && speaker_first > sentence_first + 1 && is_punct(&w[speaker_first - 1], ',') &&
		    (flags & (LEX_CUE_POSTPOSED | LEX_CUE))) {
			if (w[speaker_first - 2].mark == MARK_CLOSE)
				continue; /* a quotation's: handled with quotations */
			size_t before_words = count_words(p, sentence_first, speaker_first - 1);
			bool short_opening = before_words < 4 || ((w[sentence_first].cls & WORD_PREPOSITION) && before_words < 7);
			if (close_at < sentence_end && is_punct(&w[close_at], ',') &&
			    count_words(p, close_at + 1, sentence_end) >= 3 && short_opening) {
				/* "In contrast, Berkman said, there seem to be ...": the claim follows */
				add_reported(p, i, cue_last, entry, speaker_first, speaker_last, close_at + 1,
					     content_end(p, close_at + 1, extend_through_quotes(p, close_at + 1, sentence_end)),
					     CONSTRUCTION_POSTPOSED);
				continue;
			}
			if (short_opening)
				continue; /* "In the deposition, Mr. Trump said his ...": not a claim before */
			Candidate *prev = previous_in_sentence(p, i);
			size_t first = sentence_first;
			if (prev && prev->claim_end <= w[speaker_first - 1].start) {
				first = speaker_first - 1;
				while (first > sentence_first && w[first - 1].end > prev->claim_end)
					first--;
			}
			add_reported(p, i, cue_last, entry, speaker_first, speaker_last, first, speaker_first - 1,
				     CONSTRUCTION_POSTPOSED);
			continue;
		}
		bool needs_that;
		size_t start = content_start(p, after, sentence_end, flags, &needs_that);
		if (start == NO_WORD && construction == CONSTRUCTION_PARTICIPLE &&
		    (flags & (LEX_VERB_COMMUNICATION | LEX_VERB_COGNITION)) && is_punct(&w[i - 1], ',') &&
		    after < sentence_end && is_word(&w[after])) {
			/* "..., she said, referencing the bank's drive": the object of any participle of
			 * saying after an attribution */
			start = after;
			if ((w[start].cls & WORD_PREPOSITION) && !word_equals(p->text, &w[start], "to"))
				start++;
			if (start >= sentence_end || !is_word(&w[start]) || count_words(p, start, sentence_end) < FALLBACK_MIN_WORDS)
				continue;
		}
		if (start == NO_WORD)
			continue;
		size_t end_word = content_end(p, start, extend_through_quotes(p, start, sentence_end));
		/* "cited a report that said ...": the object holds an attribution of its own, whose claim
		 * is the one to propose (nested attribution) */
		if (!(flags & LEX_CUE_POSTPOSED) && holds_attribution(p, start, end_word))
			continue;
		size_t before = p->candidate_count;
		size_t coordinated_index = coordinated ? (size_t)(coordinated - p->candidates) : NO_WORD;
		size_t saved_end = coordinated ? coordinated->claim_end : 0;
		if (coordinated && coordinated->claim_end > w[coordination].start &&
		    coordinated->claim_start < w[coordination].start) {
			/* the first claim ends before "and urged" */
			size_t e;
			trim_claim_end(p, 0, coordination, &e);
			coordinated->claim_end = e;
		}
		add_reported(p, i, cue_last, entry, speaker_first, speaker_last, start, end_word, construction);
		if (p->candidate_count == before) {
			if (coordinated_index != NO_WORD)
				p->candidates[coordinated_index].claim_end = saved_end;
			continue;
		}
		p->candidates[p->candidate_count - 1].speaker_end_word =
			(end != NO_WORD && (w[end].cls & WORD_RELATIVE)) ? end : speaker_last;
	}
}

/* ------------------------------------------------------------------ the last pass */

/* A subject that can hold a view: a pronoun, a name, a noun of a person, group or document ("the
 * report", "pollsters"), an institution, a quantifier ("most"). */
static bool holds_views(const Paragraph *p, const Word *w)
{
	if (w->cls & (WORD_PRONOUN | WORD_MEDIA | WORD_GOVERNMENT | WORD_ORGANISATION | WORD_COUNTRY))
		return !word_equals(p->text, w, "it") && !word_equals(p->text, w, "you");
	return is_name_word(w) || is_quantifier(p, w) ||
		(lex_flags(w) & (LEX_NOUN_PERSON | LEX_NOUN_GROUP | LEX_NOUN_COMMUNICATION));
}

/* The last pass, over the sentences no candidate touches: a subject that can hold a view right
 * before a verb of saying or thinking, early in the sentence, makes what follows the verb a claim:
 * "The study concludes most voters ...", "Analysts doubt the plan will pass" (the plain form after
 * a plural subject), "Trump is promoting his plan" (the progressive), "She complained about the
 * fees" (without the preposition). The long tail of stance verbs that no rule above knows; a
 * construction of its own, so that the confidence model gives it the low confidence it earns. */
static void unclaimed_sentences(Paragraph *p)
{
	const Word *w = p->words;
	for (size_t s = 0; s < p->count;) {
		size_t first = sentence_first_word(p, s), end = sentence_end_word(p, s);
		s = end > s ? end : s + 1;
		while (first < end && !is_word(&w[first]))
			first++;
		if (first >= end || w[end - 1].end - w[first].start < FALLBACK_MIN_BYTES ||
		    overlaps_claim(p, w[first].start, w[end - 1].end))
			continue;
		for (size_t i = first + 1; i < end && i < first + FALLBACK_CUE_WITHIN; i++) {
			uint32_t flags = lex_flags(&w[i]);
			if (w[i].cue_words != 1 || w[i].in_quote || p->used[i] || (w[i].cls & WORD_CAPITALISED) ||
			    !(flags & (LEX_FORM_S | LEX_FORM_PAST | LEX_FORM_BASE | LEX_FORM_ING)) ||
			    !(flags & (LEX_VERB_COMMUNICATION | LEX_VERB_COGNITION | LEX_CUE)))
				continue;
			bool passive;
			size_t subject = subject_end(p, i, first, &passive);
			if (passive || subject == NO_WORD || !holds_views(p, &w[subject]))
				continue;
			/* the progressive after its auxiliary: "Trump is promoting ..." */
			if ((flags & LEX_FORM_ING) && !(flags & (LEX_FORM_S | LEX_FORM_PAST)) &&
			    !(w[i - 1].cls & WORD_AUXILIARY))
				continue;
			/* the plain form after a plural subject: "Economists doubt ...", "they argue ..." */
			if (!(flags & (LEX_FORM_S | LEX_FORM_PAST | LEX_FORM_ING)) && subject + 1 == i &&
			    !(lex_flags(&w[subject]) & LEX_NOUN_PLURAL) && !word_equals(p->text, &w[subject], "they") &&
			    !word_equals(p->text, &w[subject], "we") && !word_equals(p->text, &w[subject], "i"))
				continue;
			size_t speaker_first = noun_phrase_left(p, subject, first);
			if (speaker_first == NO_WORD || !starts_phrase(p, speaker_first, first))
				continue;
			size_t start = i + 1;
			/* "that", or the preposition of "complained about", "warned against" */
			if (start < end && (word_equals(p->text, &w[start], "that") || ((w[start].cls & WORD_PREPOSITION) &&
			    !word_equals(p->text, &w[start], "to"))))
				start++;
			if (start >= end || !is_word(&w[start]) || count_words(p, start, end) < FALLBACK_MIN_WORDS)
				break;
			add_reported(p, i, i, w[i].cue, speaker_first, subject, start,
				     content_end(p, start, extend_through_quotes(p, start, end)), CONSTRUCTION_FALLBACK);
			break;
		}
	}
}

/* ------------------------------------------------------------------ paragraphs */

/* Headlines, bylines, datelines and credits never carry attributions we propose. */
static bool is_furniture(const Paragraph *p, const Article *article, size_t index)
{
	const Word *w = p->words;
	if (p->count == 0)
		return true;
	/* "By CUI CHAOQUN in London", "- By Ann Lee": a short line of "by" and a name (not "By now,
	 * the mayor said ...") */
	size_t by = is_punct(&w[0], '-') ? 1 : 0;
	if (by + 1 < p->count && word_equals(p->text, &w[by], "by") && (w[by + 1].cls & WORD_CAPITALISED) &&
	    p->count < 25)
		return true;
	bool has_end = false;
	for (size_t i = 0; i < p->count; i++)
		has_end = has_end || is_sentence_end(&w[i]) || w[i].mark == MARK_CLOSE;
	if (!has_end && p->count < 30)
		return true;
	if (index == 0 && article_paragraph_count(article) > 2 && p->count < 30 &&
	    w[p->count - 1].sentence == w[0].sentence)
		return true;
	return false;
}

/* Whether the headline words [first, end) are a label ("The Latest", "BREAKING", "Watch"), not a
 * speaker. */
static bool is_headline_label(const Paragraph *p, size_t first, size_t end)
{
	static const char *const labels[] = {"latest", "breaking", "watch", "exclusive", "update", "revealed",
					     "wow", "look", "bombshell", "byline", "report", "analysis", "opinion",
					     "editorial", "video", "live", "photos", "just in", NULL};
	bool lower = false;
	for (size_t i = first; i < end; i++)
		for (size_t c = p->words[i].start; c < p->words[i].end; c++)
			lower = lower || (p->text[c] >= 'a' && p->text[c] <= 'z');
	if (!lower)
		return true; /* "FIX IS IN:", "BOOM:" */
	return word_equals_any(p->text, &p->words[end - 1], labels);
}

/* A headline (the article's first line, one sentence): "Graham: Trump's rhetoric is hateful."
 * (a speaker, a colon, the claim) or "Trump Says He Will Win." (a speaker, a cue verb of
 * saying, the claim; capitals allowed, headlines are often in title case). */
static void headline(Paragraph *p)
{
	const Word *w = p->words;
	size_t end = p->count;
	while (end > 0 && (w[end - 1].kind == TOKEN_PUNCT || (w[end - 1].mark != MARK_NONE && w[end - 1].mark != MARK_SINGLE)))
		end--;
	size_t first = 0;
	for (size_t i = 1; i + 2 < end && i < 14; i++) {
		if (!is_punct(&w[i], ':'))
			continue;
		if (is_headline_label(p, first, i)) {
			first = i + 1; /* "The Latest: Sanders says ..." */
			continue;
		}
		if (!(w[first].cls & WORD_CAPITALISED) || count_words(p, i + 1, end) < 2)
			return;
		Candidate *c = new_candidate(p);
		set_speaker(c, p, first, i - 1);
		c->cue_first = c->cue_last = i;
		set_claim(c, p, i + 1, p->count);
		c->features.construction = CONSTRUCTION_HEADLINE;
		c->sentence = w[i].sentence;
		return;
	}
	for (size_t i = first + 1; i + 1 < end && i < first + 8; i++) {
		const Word *cue = &w[i];
		if (!is_word(cue) || !cue->cue_words || !(cue->cue->flags & LEX_CUE) ||
		    (cue->cue->flags & (LEX_CUE_NOMINAL | LEX_CUE_BELIEF)) ||
		    !(lex_flags(cue) & (LEX_FORM_S | LEX_FORM_BASE)) || (lex_flags(cue) & LEX_FORM_PAST))
			continue;
		if (!(w[first].cls & WORD_CAPITALISED) || !(is_name_word(&w[i - 1]) || is_content_word(&w[i - 1])) ||
		    count_words(p, i + cue->cue_words, end) < 1)
			return;
		size_t claim = i + cue->cue_words;
		if ((cue->cue->flags & LEX_CUE_HEARER) && !(w[claim].cls & WORD_CAPITALISED)) {
			size_t hearer = noun_phrase_right(p, claim, end); /* "tells voters she's with them" */
			if (hearer != NO_WORD && hearer + 1 < end && (w[hearer + 1].cls & (WORD_PRONOUN | WORD_CAPITALISED)))
				claim = hearer + 1;
		}
		for (size_t k = first; k < i; k++)
			if (!is_word(&w[k]) && !is_punct(&w[k], ','))
				return;
		Candidate *c = new_candidate(p);
		set_speaker(c, p, first, i - 1);
		c->cue_first = i;
		c->cue_last = i + cue->cue_words - 1;
		c->cue_label = cue->cue->label;
		c->features.curated_cue = true;
		set_claim(c, p, claim, p->count);
		c->features.construction = CONSTRUCTION_HEADLINE;
		c->sentence = cue->sentence;
		return;
	}
}

/* A transcript line: "PENCE: Well, look, ..." (a name of one to four words and a colon at the
 * start of the paragraph, a quotation mark before it allowed). */
static void transcript_line(Paragraph *p)
{
	const Word *w = p->words;
	size_t k = 0;
	if (k < p->count && w[k].mark != MARK_NONE)
		k++;
	size_t first = k;
	while (k < p->count && k - first < 4 && is_name_word(&w[k]) && !(w[k].cls & WORD_DETERMINER))
		k++;
	if (k == first || k + 4 >= p->count || !is_punct(&w[k], ':') || count_words(p, k + 1, p->count) < 4)
		return;
	size_t end_byte;
	size_t end_word = trim_claim_end(p, k + 1, p->count, &end_byte);
	while (end_word > k + 1 && w[end_word - 1].mark != MARK_NONE)
		end_word--;
	if (end_word <= k + 1)
		return;
	Candidate *c = new_candidate(p);
	set_speaker(c, p, first, k - 1);
	c->cue_first = c->cue_last = k;
	c->claim_start = w[k + 1].start;
	c->claim_end = w[end_word - 1].end;
	c->kind = KIND_DIRECT;
	c->features.construction = CONSTRUCTION_QUOTE_BEFORE;
	c->sentence = w[k].sentence;
	mark_used(p, first, p->count - 1);
	for (size_t q = 0; q < p->quote_count; q++)
		p->quotes[q].attributed = true;
}

/* A quotation standing alone, with no attribution in its sentence: news copy gives it to the
 * speaker of the claim before it (in this paragraph or the one before). */
static void lone_quotes(Engine *engine, Paragraph *p)
{
	for (size_t q = 0; q < p->quote_count; q++) {
		Quote *quote = &p->quotes[q];
		if (quote->attributed || !quote->full || quote->open == NO_WORD)
			continue;
		size_t first = quote->open + 1, end = quote->close == NO_WORD ? p->count : quote->close;
		if (count_words(p, first, end) < 6 || overlaps_claim(p, quote->start, quote->end))
			continue;
		size_t sentence_first = sentence_first_word(p, quote->open);
		if (sentence_first != quote->open) {
			/* inside a sentence with no cue we know: its subject is the likeliest source */
			size_t s = sentence_first;
			if (p->words[s].cls & (WORD_PREPOSITION | WORD_SUBORDINATOR | WORD_TIME | WORD_ADVERB))
				for (size_t k = s; k + 2 < quote->open && k < s + 10; k++)
					if (is_punct(&p->words[k], ',')) {
						s = k + 1;
						break;
					}
			size_t last = noun_phrase_right(p, s, quote->open);
			if (last == NO_WORD || last + 1 >= quote->open || !is_word(&p->words[last + 1]) ||
			    (p->words[last + 1].cls & (WORD_PREPOSITION | WORD_CONJUNCTION)))
				continue;
			Candidate *c = new_candidate(p);
			set_speaker(c, p, s, last);
			c->claim_start = quote->start;
			c->claim_end = quote->end;
			c->kind = KIND_DIRECT;
			c->features.construction = CONSTRUCTION_QUOTE_ALONE;
			c->sentence = p->words[first].sentence;
			quote->attributed = true;
			continue;
		}
		const Candidate *before = NULL;
		for (size_t k = 0; k < p->candidate_count; k++) {
			const Candidate *c = &p->candidates[k];
			if (c->speaker_first != NO_WORD && !c->inherited && c->claim_end <= quote->start &&
			    (!before || c->claim_end > before->claim_end))
				before = c;
		}
		const Candidate *earlier = NULL;
		Candidate last_kept;
		if (!before && engine->all_count) {
			last_kept = kept_candidate(engine, engine->all_count - 1);
			if (last_kept.speaker_first != NO_WORD && last_kept.features.paragraph + 1 >= p->index &&
			    last_kept.entity != NO_WORD)
				earlier = &last_kept;
		}
		if (!before && !earlier)
			continue;
		Candidate copy = before ? *before : *earlier;
		Candidate *c = new_candidate(p);
		c->speaker_first = copy.speaker_first;
		c->speaker_last = copy.speaker_last;
		c->speaker_end_word = copy.speaker_end_word;
		c->mention = copy.mention;
		c->inherited = earlier != NULL;
		c->entity = copy.entity;
		c->features.mention = copy.mention;
		c->claim_start = quote->start;
		c->claim_end = quote->end;
		c->kind = KIND_DIRECT;
		c->features.construction = CONSTRUCTION_QUOTE_ALONE;
		c->sentence = p->words[first].sentence;
		quote->attributed = true;
	}
}

static void add_part(Candidate *c, ByteRange part, bool at_front)
{
	if (c->part_count == 0) {
		c->parts[0] = (ByteRange){c->claim_start, c->claim_end};
		c->part_count = 1;
	}
	if (c->part_count >= MAX_PARTS)
		return;
	if (at_front) {
		memmove(&c->parts[1], &c->parts[0], c->part_count * sizeof *c->parts);
		c->parts[0] = part;
		c->claim_start = part.start;
	} else {
		c->parts[c->part_count] = part;
		c->claim_end = part.end;
	}
	c->part_count++;
	c->features.parts = true;
}

/* A paragraph that opens with a quotation mark continues a quotation the previous paragraph
 * left open (the convention of news copy: no closing mark before the paragraph break). */
static void continue_quotes(Engine *engine, Paragraph *p)
{
	Quote *first = p->quote_count ? &p->quotes[0] : NULL;
	bool continues = first && first->open == 0;
	if (!continues) {
		engine->open_candidate = NO_WORD;
		engine->pending_count = 0;
		return;
	}
	if (engine->open_candidate != NO_WORD && !first->attributed) {
		Candidate c = kept_candidate(engine, engine->open_candidate);
		add_part(&c, (ByteRange){first->start, first->end}, false);
		keep_candidate(engine, engine->open_candidate, &c);
		first->attributed = true;
		if (first->close == NO_WORD)
			p->continued_candidate = engine->open_candidate;
		return;
	}
	if (engine->pending_count && first->attributed) {
		for (size_t i = 0; i < p->candidate_count; i++) {
			Candidate *c = &p->candidates[i];
			if (c->claim_start != first->start)
				continue;
			for (size_t k = engine->pending_count; k > 0; k--)
				add_part(c, engine->pending[k - 1], true);
			break;
		}
		engine->pending_count = 0;
		return;
	}
	if (engine->pending_count && !first->attributed && first->close == NO_WORD)
		engine->pending_keep = engine->pending_count; /* the quotation goes on: keep its pieces */
}

static void process_paragraph(Engine *engine, size_t index)
{
	Article *article = engine->article;
	ByteRange range = article_paragraph(article, index);
	/* The paragraph's tokens and sentences, made for it alone: the article's index of the whole
	 * text would double the memory of a long article. */
	TokenBuffer *own = &engine->tokens;
	article_tokenize_paragraph(article, index, own);
	size_t first_sentence = engine->sentences_before;
	engine->sentences_before += own->sentence_count;
	size_t n = own->token_count;
	if (n == 0)
		return;
	if (n > engine->word_capacity) {
		engine->word_capacity = n * 2;
		engine->words = xrealloc(engine->words, engine->word_capacity * sizeof *engine->words);
		engine->used = xrealloc(engine->used, engine->word_capacity * sizeof *engine->used);
	}
	const Token *tokens = own->tokens;
	size_t sentence = 0; /* in the paragraph; the article's index is first_sentence + sentence */
	ByteRange sentence_range = own->sentences[0];
	for (size_t i = 0; i < n; i++) {
		Word *w = &engine->words[i];
		w->start = tokens[i].start;
		w->end = tokens[i].end;
		w->kind = (uint8_t)tokens[i].kind;
		words_tag(engine->text, w);
		while (w->start >= sentence_range.end && sentence + 1 < own->sentence_count) {
			sentence++;
			sentence_range = own->sentences[sentence];
		}
		w->sentence = first_sentence + sentence;
		engine->used[i] = false;
	}
	SentenceSpan sentence_cache = {0, 0, NO_WORD, 0};
	Paragraph p = {.text = engine->text, .words = engine->words, .count = n, .used = engine->used,
		       .sentence_cache = &sentence_cache,
		       .index = index, .quotes = engine->quotes, .quote_capacity = engine->quote_capacity,
		       .continued_candidate = NO_WORD};
	if (is_furniture(&p, article, index)) {
		/* a headline that is a sentence (it ends with a full stop): "Kasich: We will win." */
		size_t last = n - 1;
		while (last > 0 && p.words[last].kind == TOKEN_QUOTE)
			last--; /* Kasich: ‘We Will Win.’ */
		if (index == 0 && n < 40 && is_sentence_end(&p.words[last]) && article_paragraph_count(article) > 2) {
			resolve_marks(&p, range.start, range.end);
			for (size_t i = 0; i < p.count; i++)
				find_cue(&p, i);
			find_quotes(&p, range.start, range.end);
			headline(&p);
		}
	} else {
		resolve_marks(&p, range.start, range.end);
		for (size_t i = 0; i < p.count; i++)
			find_cue(&p, i);
		find_quotes(&p, range.start, range.end);
		transcript_line(&p);
		attribute_quotes(&p);
		reported_speech(&p);
		lone_quotes(engine, &p);
		unclaimed_sentences(&p);
	}
	engine->quotes = p.quotes;
	engine->quote_capacity = p.quote_capacity;
	continue_quotes(engine, &p);

	/* Speakers in text order, so that "he" finds the latest person before it. */
	size_t *order = xmalloc((p.candidate_count + 1) * sizeof *order);
	for (size_t i = 0; i < p.candidate_count; i++)
		order[i] = i;
	for (size_t i = 1; i < p.candidate_count; i++)
		for (size_t j = i; j > 0; j--) {
			const Candidate *a = &p.candidates[order[j - 1]], *b = &p.candidates[order[j]];
			size_t ka = a->speaker_first == NO_WORD || a->inherited ? a->claim_start
				: p.words[a->speaker_first].start;
			size_t kb = b->speaker_first == NO_WORD || b->inherited ? b->claim_start
				: p.words[b->speaker_first].start;
			if (ka <= kb)
				break;
			size_t t = order[j - 1];
			order[j - 1] = order[j];
			order[j] = t;
		}
	size_t left_open = NO_WORD; /* the candidate whose quotation runs past this paragraph */
	for (size_t k = 0; k < p.candidate_count; k++) {
		Candidate *c = &p.candidates[order[k]];
		if (p.quote_count && p.quotes[p.quote_count - 1].close == NO_WORD &&
		    c->claim_end == p.quotes[p.quote_count - 1].end && c->kind == KIND_DIRECT)
			left_open = engine->all_count;
		if (!c->inherited)
			c->entity = NO_WORD;
		c->features.resolution = RESOLVED_NONE;
		if (c->speaker_first != NO_WORD && !c->inherited) {
			ResolutionMethod method;
			c->entity = speakers_resolve(&engine->entities, engine->text, p.words, c->speaker_first,
						     c->speaker_last, c->mention, &method);
			c->features.resolution = method;
		}
		c->features.kind = c->kind;
		c->features.paragraph = index;
		/* Byte ranges replace word indexes before the words are reused. */
		if (c->speaker_first != NO_WORD && !c->inherited) {
			size_t s = p.words[c->speaker_first].start, e = p.words[c->speaker_end_word].end;
			c->speaker_first = s;
			c->speaker_last = e;
		}
		if (c->cue_first != NO_WORD) {
			size_t s = p.words[c->cue_first].start, e = p.words[c->cue_last].end;
			c->cue_first = s;
			c->cue_last = e;
		}
		keep_candidate(engine, engine->all_count, c);
	}
	free(order);
	free(p.candidates);
	engine->open_candidate = left_open != NO_WORD ? left_open : p.continued_candidate;
	engine->pending_count = engine->pending_keep;
	engine->pending_keep = 0;
	if (left_open == NO_WORD && p.quote_count && p.quotes[p.quote_count - 1].close == NO_WORD &&
	    !p.quotes[p.quote_count - 1].attributed && engine->pending_count < MAX_PARTS - 1) {
		const Quote *last = &p.quotes[p.quote_count - 1];
		engine->pending[engine->pending_count++] = (ByteRange){last->start, last->end};
	}
}

static int by_claim(const void *a, const void *b)
{
	const Kept *x = a, *y = b;
	if (x->claim_start != y->claim_start)
		return x->claim_start < y->claim_start ? -1 : 1;
	return (x->claim_end > y->claim_end) - (x->claim_end < y->claim_end);
}

static size_t words_in(const char *text, size_t start, size_t end)
{
	size_t n = 0;
	bool in_word = false;
	for (size_t i = start; i < end; i++) {
		bool letter = is_letter_byte(text[i]) || (text[i] >= '0' && text[i] <= '9');
		n += letter && !in_word;
		in_word = letter;
	}
	return n;
}

static bool cue_is_say(const char *text, size_t start, size_t end)
{
	static const char *const says[] = {"said", "says", "say", "saying", "told", "tells", "tell", NULL};
	for (size_t i = 0; says[i]; i++)
		if (strlen(says[i]) == end - start && strncmp(text + start, says[i], end - start) == 0)
			return true;
	return false;
}

void extract_init(void)
{
	words_init();
}

AnnotationSet *extract_article_features(Article *article, Features **features_out)
{
	Engine engine = {.article = article, .text = article_text(article), .open_candidate = NO_WORD};
	size_t paragraphs = article_paragraph_count(article);
	for (size_t i = 0; i < paragraphs; i++)
		process_paragraph(&engine, i);
	if (engine.all_count) /* qsort of a NULL array is undefined, even of 0 items */
		qsort(engine.all, engine.all_count, sizeof *engine.all, by_claim);

	AnnotationSet *set = annotation_set_new(article);
	set->has_engine = true;
	set->engine_name = xstrdup(EXTRACT_ENGINE_NAME);
	set->engine_version = xstrdup(SAYWHO_VERSION);
	annotation_set_set_labels(set, annotation_default_labels, annotation_default_label_count);
	SpeakerIds *speaker_ids = speaker_ids_new(set);
	Features *features = features_out ? xcalloc(engine.all_count + 1, sizeof *features) : NULL;
	size_t kept = 0;
	Candidate reaching; /* the kept candidate that reaches furthest (a claim in its gap is no overlap) */
	reaching.claim_start = reaching.claim_end = 0;
	reaching.part_count = 0;
	for (size_t i = 0; i < engine.all_count; i++) {
		Candidate restored = kept_candidate(&engine, i);
		Candidate *c = &restored;
		if (claim_overlaps(&reaching, c->claim_start, c->claim_end) || c->claim_end <= c->claim_start)
			continue; /* overlapping proposals: the earlier wins */
		if (c->claim_end > reaching.claim_end)
			reaching = *c;
		Annotation a;
		memset(&a, 0, sizeof a);
		char id[32];
		snprintf(id, sizeof id, "a%zu", kept + 1);
		a.id = id;
		a.status = STATUS_CANDIDATE;
		a.kind = c->kind;
		a.claim.present = true;
		a.claim.start = c->claim_start;
		a.claim.end = c->claim_end;
		ByteRange parts[MAX_PARTS];
		if (c->part_count > 1) {
			memcpy(parts, c->parts, c->part_count * sizeof *parts);
			a.claim.parts = parts;
			a.claim.part_count = c->part_count;
		}
		if (c->cue_first != NO_WORD) {
			a.cue.present = true;
			a.cue.start = c->cue_first;
			a.cue.end = c->cue_last;
		}
		if (c->speaker_first != NO_WORD && c->entity != NO_WORD) {
			Entity *entity = &engine.entities.items[c->entity];
			if (entity->speaker_index == (size_t)-1) {
				Speaker s;
				memset(&s, 0, sizeof s);
				s.id = speaker_ids_new_id(speaker_ids, entity->name);
				s.name = entity->name;
				s.type = entity->type;
				entity->speaker_index = annotation_set_append_speaker(set, &s);
				free(s.id);
			}
			a.speaker.present = true;
			a.speaker.start = c->speaker_first;
			a.speaker.end = c->speaker_last;
			a.speaker.ref = set->speakers[entity->speaker_index].id;
		}
		a.label = (char *)label_guess(engine.text, c->claim_start, c->claim_end, (LexLabel)c->cue_label);
		c->features.claim_words = words_in(engine.text, c->claim_start, c->claim_end);
		c->features.cue_said = c->cue_first != NO_WORD && cue_is_say(engine.text, c->cue_first, c->cue_last);
		a.has_confidence = true;
		a.confidence = confidence_of(&c->features);
		annotation_set_append(set, &a);
		if (features)
			features[kept] = c->features;
		kept++;
	}
	if (features_out)
		*features_out = features;
	speaker_ids_free(speaker_ids);
	speakers_free(&engine.entities);
	free(engine.all);
	free(engine.parts);
	token_buffer_free(&engine.tokens);
	free(engine.words);
	free(engine.used);
	free(engine.quotes);
	return set;
}

AnnotationSet *extract_article(Article *article)
{
	return extract_article_features(article, NULL);
}
