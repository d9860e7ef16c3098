/* The article: validation, offset tables, paragraphs, tokens and sentences (see article.h).
 *
 * Everything is computed once, in passes that are linear in the size of the text:
 * 1. (at load) validate the UTF-8 while recording the byte offset of every ARTICLE_CP_STRIDE-th
 *    code point and the start of every line;
 * 2. (at load) paragraphs from the lines;
 * 3. (on the first request for a token or a sentence) tokens, paragraph by paragraph (so no
 *    token and no quote state crosses a paragraph);
 * 4. (with 3) sentences from the tokens of each paragraph.
 * The tokens take twice the memory of the text; a reader that goes paragraph by paragraph (the
 * engine) gets them for one paragraph at a time from article_tokenize_paragraph() instead, so
 * that those of the whole text are never held. */
#include "model/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <utf8proc.h>

#include "model/annotation.h"

struct Article {
	char *name;
	char *text;           /* NUL-terminated copy of the bytes */
	size_t size;          /* bytes */
	size_t length;        /* code points */
	/* Offsets fit in 32 bits (size <= ARTICLE_MAX_SIZE): half the memory of size_t. */
	uint32_t *cp_marks;   /* cp_marks[k] = byte offset of code point k * ARTICLE_CP_STRIDE */
	uint32_t *byte_marks; /* byte_marks[k] = code point containing byte k * ARTICLE_CP_STRIDE */
	uint32_t *line_starts; /* byte offset of the first byte of every line */
	size_t line_count;
	ByteRange *paragraphs;
	size_t paragraph_count;
	/* Sentences and tokens: built on first request (indexed), like the digest. */
	bool indexed;
	ByteRange *sentences;
	size_t sentence_count;
	Token *tokens;
	size_t token_count;
	bool has_sha256;      /* the digest is computed on first request (most commands never ask) */
	char sha256[65];
};

/* ---------------------------------------------------------------- growable arrays */

static void *grow(void *items, size_t *capacity, size_t count, size_t item_size)
{
	if (count < *capacity)
		return items;
	*capacity = *capacity ? *capacity * 2 : 64;
	return xrealloc(items, *capacity * item_size);
}

/* Arrays of many megabytes (the text, the tokens) are first touched once, while being filled.
 * On machines where a page fault is expensive (virtual machines) faulting 4 KB pages costs as
 * much as tokenizing, so large arrays ask for transparent huge pages. Freed with free(). */
static void *allocate_large(size_t bytes)
{
	const size_t huge_page = (size_t)2 << 20;
	if (bytes < huge_page)
		return xmalloc(bytes);
	size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
	void *memory = aligned_alloc(huge_page, rounded);
	if (!memory)
		return xmalloc(bytes);
	madvise(memory, rounded, MADV_HUGEPAGE); /* advice only: failure changes nothing */
	return memory;
}

/* ---------------------------------------------------------------- UTF-8 validation */

/* Length of the character whose lead byte is `lead`; only called on validated text. */
static size_t char_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xE0)
		return 2;
	if (lead < 0xF0)
		return 3;
	return 4;
}

/* Decodes one character of untrusted bytes. Returns NULL when valid (with its length and code
 * point), else a description of the problem written into `why`. */
static const char *decode_checked(const unsigned char *s, size_t available, size_t *length,
				  unsigned *codepoint, char *why, size_t why_size)
{
	static const unsigned smallest[5] = {0, 0, 0x80, 0x800, 0x10000};
	unsigned char lead = s[0];
	size_t n;
	unsigned value;
	if (lead < 0x80) {
		*length = 1;
		*codepoint = lead;
		return NULL;
	}
	if (lead < 0xC0) {
		snprintf(why, why_size, "invalid UTF-8: stray continuation byte 0x%02X", lead);
		return why;
	}
	if (lead < 0xE0) {
		n = 2;
		value = lead & 0x1Fu;
	} else if (lead < 0xF0) {
		n = 3;
		value = lead & 0x0Fu;
	} else if (lead < 0xF8) {
		n = 4;
		value = lead & 0x07u;
	} else {
		snprintf(why, why_size, "invalid UTF-8: byte 0x%02X never occurs in UTF-8", lead);
		return why;
	}
	for (size_t k = 1; k < n; k++) {
		if (k >= available || (s[k] & 0xC0) != 0x80) {
			snprintf(why, why_size, "invalid UTF-8: truncated %zu-byte sequence", n);
			return why;
		}
		value = (value << 6) | (s[k] & 0x3Fu);
	}
	if (value < smallest[n]) {
		snprintf(why, why_size, "invalid UTF-8: overlong encoding of U+%04X", value);
		return why;
	}
	if (value >= 0xD800 && value <= 0xDFFF) {
		snprintf(why, why_size, "invalid UTF-8: surrogate U+%04X", value);
		return why;
	}
	if (value > 0x10FFFF) {
		snprintf(why, why_size, "invalid UTF-8: U+%X is above U+10FFFF", value);
		return why;
	}
	*length = n;
	*codepoint = value;
	return NULL;
}

bool article_check_line(const char *name, unsigned line, const char *bytes, size_t size, Diagnostics *diag)
{
	const unsigned char *s = (const unsigned char *)bytes;
	unsigned column = 1;
	for (size_t i = 0; i < size; column++) {
		char why[96];
		size_t length = 1;
		unsigned codepoint;
		const char *problem = s[i] == 0 ? "NUL byte (not a text file?)"
				      : s[i] < 0x80 ? NULL
				      : decode_checked(s + i, size - i, &length, &codepoint, why, sizeof why);
		if (problem) {
			diagnostics_add(diag, DIAG_ERROR, name, line, column, "%s", problem);
			return false;
		}
		i += length;
	}
	return true;
}

/* Pass 1: validates and fills cp_marks, byte_marks, line_starts and length. */
static bool scan_text(Article *article, Diagnostics *diag)
{
	const unsigned char *s = (const unsigned char *)article->text;
	size_t size = article->size;
	/* A code point takes at least one byte, so this many marks always suffice. */
	article->cp_marks = allocate_large((size / ARTICLE_CP_STRIDE + 2) * sizeof *article->cp_marks);
	article->byte_marks = allocate_large((size / ARTICLE_CP_STRIDE + 2) *
					     sizeof *article->byte_marks);
	size_t line_capacity = 0;
	article->line_starts = grow(NULL, &line_capacity, 0, sizeof *article->line_starts);
	article->line_starts[article->line_count++] = 0;
	size_t cp = 0, line_start_cp = 0, i = 0;
	while (i < size) {
		if (cp % ARTICLE_CP_STRIDE == 0)
			article->cp_marks[cp / ARTICLE_CP_STRIDE] = (uint32_t)i;
		if (i % ARTICLE_CP_STRIDE == 0)
			article->byte_marks[i / ARTICLE_CP_STRIDE] = (uint32_t)cp;
		unsigned char c = s[i];
		if (c < 0x80 && c != 0) {
			if (c == '\n') {
				article->line_starts = grow(article->line_starts, &line_capacity,
							    article->line_count,
							    sizeof *article->line_starts);
				article->line_starts[article->line_count++] = (uint32_t)(i + 1);
				line_start_cp = cp + 1;
			}
			i++;
			cp++;
			continue;
		}
		char why[96];
		size_t length;
		unsigned codepoint;
		const char *problem = c == 0 ? "NUL byte (not a text file?)"
					     : decode_checked(s + i, size - i, &length, &codepoint, why,
							      sizeof why);
		if (problem) {
			diagnostics_add(diag, DIAG_ERROR, article->name, (unsigned)article->line_count,
					(unsigned)(cp - line_start_cp + 1), "%s", problem);
			return false;
		}
		/* A mark that falls inside this character belongs to it. */
		if ((i + length - 1) / ARTICLE_CP_STRIDE != i / ARTICLE_CP_STRIDE)
			article->byte_marks[(i + length - 1) / ARTICLE_CP_STRIDE] = (uint32_t)cp;
		i += length;
		cp++;
	}
	if (cp % ARTICLE_CP_STRIDE == 0)
		article->cp_marks[cp / ARTICLE_CP_STRIDE] = (uint32_t)size;
	article->length = cp;
	return true;
}

/* ---------------------------------------------------------------- character classes */

typedef enum {
	CLASS_SPACE,   /* white space and control characters: separate tokens */
	CLASS_WORD,    /* letters, marks, digits */
	CLASS_QUOTE,   /* quotation marks */
	CLASS_FORMAT,  /* invisible format characters (ZWJ, soft hyphen, BOM): kept inside words */
	CLASS_OTHER,   /* punctuation and symbols */
} CharClass;

static bool is_quote_codepoint(unsigned c)
{
	switch (c) {
	case '"': case '\'':
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: /* “ ” ‘ ’ */
	case 0x00AB: case 0x00BB: case 0x2039: case 0x203A: /* « » ‹ › */
	case 0x201E: case 0x201A: case 0x201F: case 0x201B: /* „ ‚ ‟ ‛ */
		return true;
	default:
		return false;
	}
}

static inline bool is_ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static inline CharClass classify(unsigned c)
{
	if (c < 0x80) {
		if (is_ascii_alnum(c))
			return CLASS_WORD;
		if (c <= ' ' || c == 0x7F)
			return CLASS_SPACE;
		return c == '"' || c == '\'' ? CLASS_QUOTE : CLASS_OTHER;
	}
	if (is_quote_codepoint(c))
		return CLASS_QUOTE;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return CLASS_WORD;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return CLASS_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return CLASS_FORMAT;
	default:
		return CLASS_OTHER;
	}
}

static inline unsigned decode_at(const Article *article, size_t byte, size_t *length)
{
	const unsigned char *s = (const unsigned char *)article->text + byte;
	if (s[0] < 0x80) {
		*length = 1;
		return s[0];
	}
	size_t n = char_length(s[0]);
	unsigned value = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t k = 1; k < n; k++)
		value = (value << 6) | (s[k] & 0x3Fu);
	*length = n;
	return value;
}

/* The code point at `byte`, or 0 at or past `limit` (so that look-ahead needs no bounds checks). */
static unsigned codepoint_before_limit(const Article *article, size_t byte, size_t limit, size_t *length)
{
	if (byte >= limit) {
		*length = 0;
		return 0;
	}
	return decode_at(article, byte, length);
}

/* The code point that ends just before `byte` (which is > 0 and a boundary). */
static unsigned codepoint_before(const Article *article, size_t byte)
{
	size_t start = byte - 1, length;
	while (start > 0 && ((unsigned char)article->text[start] & 0xC0) == 0x80)
		start--;
	return decode_at(article, start, &length);
}

static bool is_apostrophe(unsigned c)
{
	return c == '\'' || c == 0x2019;
}

/* Characters that stay inside a word when a letter or digit follows: don't, U.S, 5.31, co-op. */
static bool is_word_joiner(unsigned c)
{
	return is_apostrophe(c) || c == '-' || c == '.' || c == 0x2010 || c == 0x2011;
}

/* ---------------------------------------------------------------- abbreviations */

typedef enum {
	ABBREVIATION_NONE,
	ABBREVIATION_TITLE,     /* always followed by more of the sentence: Mr. Dr. vs. e.g. */
	/* Ends a sentence only before a typical sentence opener, never before a number:
	 * "in the U.S. The", "Apple Inc. It" end; "U.S. President", "No. 10", "Jan. 5" do not. */
	ABBREVIATION_MAY_END,
} AbbreviationKind;

static bool word_in_list(const char *word, size_t length, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (list[i][0] == word[0] && strncmp(list[i], word, length) == 0 &&
		    list[i][length] == '\0')
			return true;
	return false;
}

static const char *const title_abbreviations[] = {
	"Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "St", "Ste", "Mt", "Ft", "Gov",
	"Sen", "Sens", "Rep", "Reps", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt",
	"Cpl", "Pvt", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Amb", "Atty", "Ald", "Fr",
	"vs", "Vs", "cf", "approx", NULL,
};
static const char *const may_end_abbreviations[] = {
	"No", "Nos", "Art", "Vol", "vol", "p", "pp", "Fig", "fig", "Ch", "ch", "Sec", "sec",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "Sr", "Plc", "LLC", "etc", "al", "Ave", "Blvd",
	"Rd", "Dept", "Univ", "est", NULL,
};

/* "U.S", "e.g", "a.m": single letters joined by dots (the final dot is not part of `word`). */
static bool is_initialism(const Article *article, size_t start, size_t end)
{
	size_t letters = 0, at = start;
	while (at < end) {
		size_t length;
		unsigned c = decode_at(article, at, &length);
		if (classify(c) != CLASS_WORD || (c >= '0' && c <= '9'))
			return false;
		letters++;
		at += length;
		if (at == end)
			break;
		if (article->text[at] != '.')
			return false;
		at++;
	}
	return letters >= 2 && at == end;
}

static bool is_upper_letter(unsigned c)
{
	utf8proc_category_t category = utf8proc_category((utf8proc_int32_t)c);
	return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

/* What kind of abbreviation the word [start, end) is when a dot follows it. */
static AbbreviationKind abbreviation_kind(const Article *article, size_t start, size_t end)
{
	/* "then-Sen.", "ex-Gov.": the part after the last hyphen decides. */
	for (size_t at = end; at > start + 1; at--)
		if (article->text[at - 1] == '-') {
			start = at;
			break;
		}
	const char *word = article->text + start;
	size_t length = end - start;
	if (length == 3 && (memcmp(word, "e.g", 3) == 0 || memcmp(word, "i.e", 3) == 0))
		return ABBREVIATION_TITLE;
	if (word_in_list(word, length, title_abbreviations))
		return ABBREVIATION_TITLE;
	if (word_in_list(word, length, may_end_abbreviations) || is_initialism(article, start, end))
		return ABBREVIATION_MAY_END;
	size_t first_length;
	unsigned first = decode_at(article, start, &first_length);
	if (first_length == length && is_upper_letter(first))
		return ABBREVIATION_MAY_END; /* an initial: "J. K. Rowling", or "Plan B." */
	return ABBREVIATION_NONE;
}

/* Capitalised words that typically open a sentence: after "U.S." or "Inc." they mean a new
 * sentence, where a capitalised name ("U.S. President") does not. */
static const char *const sentence_openers[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
	"Their", "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here", "But",
	"And", "Or", "So", "Yet", "Nor", "In", "On", "At", "For", "With", "As", "If", "When",
	"While", "After", "Before", "Since", "Although", "Though", "However", "Meanwhile", "Also",
	"Some", "Many", "Most", "All", "Both", "Each", "Every", "Other", "Another", "No", "Not",
	"What", "Who", "Why", "How", "Where", "Which", "Then", "Now", "Still", "Even", "Only",
	"Such", "By", "From", "To", "Under", "Over", "During", "Despite", "Because", "Instead",
	"Thus", "Therefore", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Last", "Next",
	"Asked", "According", NULL,
};

/* ---------------------------------------------------------------- tokens */

/* Tokens and sentences are appended to a TokenBuffer: the article's own (the whole text), or a
 * caller's (one paragraph). */
typedef struct TokenBuilder {
	const Article *article;
	TokenBuffer *out;
} TokenBuilder;

static inline void add_token(TokenBuilder *builder, size_t start, size_t end, TokenKind kind)
{
	TokenBuffer *out = builder->out;
	if (out->token_count == out->token_capacity)
		out->tokens = grow(out->tokens, &out->token_capacity, out->token_count,
				   sizeof *out->tokens);
	out->tokens[out->token_count++] = (Token){(uint32_t)start, (uint32_t)end, kind};
}

/* The end of the word that starts at `start` (a word character). Joiners stay inside when a
 * word character follows, except an apostrophe that starts a possessive or contraction "’s",
 * which becomes its own token so that "China’s" gives "China" and "’s". */
static size_t scan_word(const Article *article, size_t start, size_t limit)
{
	const unsigned char *text = (const unsigned char *)article->text;
	size_t at = start;
	while (at < limit) {
		if (is_ascii_alnum(text[at])) { /* the common case, without decoding */
			at++;
			continue;
		}
		size_t length;
		unsigned c = decode_at(article, at, &length);
		CharClass class = classify(c);
		if (class == CLASS_WORD) {
			at += length;
			continue;
		}
		if (class != CLASS_FORMAT && !is_word_joiner(c))
			break; /* white space or punctuation: the word ends, whatever follows */
		size_t next_length;
		unsigned next = codepoint_before_limit(article, at + length, limit, &next_length);
		if (classify(next) != CLASS_WORD)
			break;
		if (is_apostrophe(c) && (next == 's' || next == 'S')) {
			size_t after_length;
			unsigned after = codepoint_before_limit(article, at + length + next_length, limit,
								&after_length);
			if (classify(after) != CLASS_WORD)
				break;
		}
		at += length + next_length;
	}
	return at;
}

/* Extends a punctuation or symbol token over its whole grapheme cluster (emoji sequences,
 * combining marks on a symbol). */
static size_t scan_grapheme(const Article *article, size_t start, size_t limit)
{
	size_t length;
	unsigned previous = decode_at(article, start, &length);
	size_t at = start + length;
	utf8proc_int32_t state = 0;
	while (at < limit) {
		unsigned c = decode_at(article, at, &length);
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)previous, (utf8proc_int32_t)c,
						     &state))
			break;
		previous = c;
		at += length;
	}
	return at;
}

static void tokenize_paragraph(TokenBuilder *builder, ByteRange paragraph)
{
	const Article *article = builder->article;
	const TokenBuffer *out = builder->out;
	bool single_quote_open = false; /* decides whether a trailing ’ is a quote or a possessive */
	size_t at = paragraph.start;
	while (at < paragraph.end) {
		if (article->text[at] == ' ' || article->text[at] == '\n') {
			at++;
			continue;
		}
		size_t length;
		unsigned c = decode_at(article, at, &length);
		CharClass class = classify(c);
		if (class == CLASS_SPACE || class == CLASS_FORMAT) {
			at += length;
			continue;
		}
		if (class == CLASS_WORD) {
			size_t end = scan_word(article, at, paragraph.end);
			if (end < paragraph.end && article->text[end] == '.' &&
			    abbreviation_kind(article, at, end) != ABBREVIATION_NONE)
				end++; /* "Mr." "U.S." are one token; the sentence splitter looks at them */
			add_token(builder, at, end, TOKEN_WORD);
			at = end;
			continue;
		}
		if (class == CLASS_QUOTE && is_apostrophe(c)) {
			bool after_word = out->token_count > 0 &&
					  out->tokens[out->token_count - 1].end == at &&
					  out->tokens[out->token_count - 1].kind == TOKEN_WORD &&
					  at > paragraph.start;
			size_t next_length;
			unsigned next = codepoint_before_limit(article, at + length, paragraph.end,
							       &next_length);
			if (after_word && (next == 's' || next == 'S')) {
				/* "’s" after a word: a possessive or a contraction, its own word. */
				add_token(builder, at, at + length + next_length, TOKEN_WORD);
				at += length + next_length;
				continue;
			}
			unsigned before = after_word ? codepoint_before(article, at) : 0;
			if (after_word && !single_quote_open && (before == 's' || before == 'S') &&
			    classify(next) != CLASS_WORD) {
				/* "the officials’ claims": a plural possessive, not a closing quote. */
				add_token(builder, at, at + length, TOKEN_WORD);
				at += length;
				continue;
			}
			/* An apostrophe before a word opens a quote; any other one closes it. */
			single_quote_open = !after_word && classify(next) == CLASS_WORD;
		} else if (c == 0x2018) {
			single_quote_open = true;
		}
		if (class == CLASS_QUOTE) {
			add_token(builder, at, at + length, TOKEN_QUOTE);
			at += length;
			continue;
		}
		size_t end = scan_grapheme(article, at, paragraph.end);
		add_token(builder, at, end, TOKEN_PUNCT);
		at = end;
	}
}

/* ---------------------------------------------------------------- paragraphs */

static bool is_blank(const Article *article, size_t start, size_t end)
{
	size_t at = start;
	while (at < end) {
		size_t length;
		CharClass class = classify(decode_at(article, at, &length));
		if (class != CLASS_SPACE && class != CLASS_FORMAT)
			return false;
		at += length;
	}
	return true;
}

static void find_paragraphs(Article *article)
{
	size_t capacity = 0;
	bool in_paragraph = false;
	for (size_t line = 0; line < article->line_count; line++) {
		size_t start = article->line_starts[line];
		size_t end = line + 1 < article->line_count ? article->line_starts[line + 1] - 1
							    : article->size;
		if (end > start && article->text[end - 1] == '\r')
			end--; /* CRLF files: the paragraph excludes the whole line break */
		if (is_blank(article, start, end)) {
			in_paragraph = false;
			continue;
		}
		if (in_paragraph) {
			article->paragraphs[article->paragraph_count - 1].end = end;
			continue;
		}
		article->paragraphs = grow(article->paragraphs, &capacity, article->paragraph_count,
					   sizeof *article->paragraphs);
		article->paragraphs[article->paragraph_count++] = (ByteRange){start, end};
		in_paragraph = true;
	}
}

/* ---------------------------------------------------------------- sentences */

static unsigned token_first_codepoint(const Article *article, const Token *token)
{
	size_t length;
	return decode_at(article, token->start, &length);
}

/* 。！？: Chinese and Japanese sentence ends, which need no space after them. */
static bool is_fullwidth_terminal(unsigned c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static bool is_terminal_punct(const Article *article, const Token *token)
{
	if (token->kind != TOKEN_PUNCT)
		return false;
	unsigned c = token_first_codepoint(article, token);
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || is_fullwidth_terminal(c);
}

static bool is_closing(const Article *article, const Token *token)
{
	unsigned c = token_first_codepoint(article, token);
	if (token->kind == TOKEN_QUOTE)
		return c != 0x201C && c != 0x2018 && c != 0x00AB && c != 0x201E && c != 0x201A;
	return token->kind == TOKEN_PUNCT && (c == ')' || c == ']' || c == '}');
}

static bool opens_sentence(const Article *article, const Token *token)
{
	unsigned c = token_first_codepoint(article, token);
	if (token->kind == TOKEN_QUOTE)
		return c != 0x201D && c != 0x00BB && c != 0x203A; /* any quote that can open */
	if (token->kind == TOKEN_PUNCT)
		return c == '(' || c == '[';
	if (c >= '0' && c <= '9')
		return true;
	utf8proc_category_t category = utf8proc_category((utf8proc_int32_t)c);
	/* Upper-case letters, and letters of scripts without case (CJK, Arabic...). */
	return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT ||
	       category == UTF8PROC_CATEGORY_LO;
}

static bool is_single_initial(const Article *article, const Token *token)
{
	size_t length;
	unsigned c = decode_at(article, token->start, &length);
	return token->kind == TOKEN_WORD && token->start + length + 1 == token->end &&
	       article->text[token->end - 1] == '.' && is_upper_letter(c);
}

/* Whether the sentence ends after the terminator `mark` (with any marks and closing quotes
 * that touch it), given the token `next` that follows after white space. */
static bool ends_sentence(const Article *article, const Token *mark, const Token *next)
{
	if (!opens_sentence(article, next))
		return false;
	if (mark->kind != TOKEN_WORD)
		return true; /* a plain . ! ? … */
	/* A word that took its dot: an abbreviation. */
	if (abbreviation_kind(article, mark->start, mark->end - 1) == ABBREVIATION_TITLE)
		return false;
	unsigned first = token_first_codepoint(article, next);
	if (first >= '0' && first <= '9')
		return false; /* "No. 10", "Jan. 5", "U.S. 10-year bonds" */
	if (is_single_initial(article, next))
		return false; /* "J. K. Rowling" */
	if (next->kind == TOKEN_QUOTE)
		return true; /* an opening quote after "U.S." starts something new */
	if (next->kind != TOKEN_WORD)
		return false; /* "Bob Casey Jr. (D-PA)" */
	return word_in_list(article->text + next->start, next->end - next->start, sentence_openers);
}

static bool is_sentence_mark(const Article *article, const Token *token)
{
	if (token->kind == TOKEN_WORD)
		return article->text[token->end - 1] == '.';
	return is_terminal_punct(article, token);
}

static void add_sentence(TokenBuffer *out, size_t start, size_t end)
{
	out->sentences = grow(out->sentences, &out->sentence_capacity, out->sentence_count,
			      sizeof *out->sentences);
	out->sentences[out->sentence_count++] = (ByteRange){start, end};
}

/* The sentences of the tokens [first, limit) of one paragraph. */
static void split_sentences(TokenBuilder *builder, size_t first, size_t limit)
{
	const Article *article = builder->article;
	TokenBuffer *out = builder->out;
	const Token *tokens = out->tokens;
	if (first >= limit)
		return;
	size_t sentence_start = tokens[first].start;
	for (size_t k = first; k < limit; k++) {
		if (!is_sentence_mark(article, &tokens[k]))
			continue;
		/* The end runs over further marks and closing quotes or brackets that touch it:
		 * ?!  ...  ."  .”)  */
		size_t last = k;
		while (last + 1 < limit && tokens[last + 1].start == tokens[last].end &&
		       (is_terminal_punct(article, &tokens[last + 1]) ||
			is_closing(article, &tokens[last + 1])))
			last++;
		bool spaced = last + 1 < limit && (tokens[last + 1].start > tokens[last].end ||
						     is_fullwidth_terminal(token_first_codepoint(
							     article, &tokens[k])));
		if (spaced && ends_sentence(article, &tokens[k], &tokens[last + 1])) {
			add_sentence(out, sentence_start, tokens[last].end);
			sentence_start = tokens[last + 1].start;
		}
		k = last;
	}
	add_sentence(out, sentence_start, tokens[limit - 1].end);
}

/* The whole text's tokens and sentences, on the first request for one (see article.h: an
 * article is used by one thread at a time, so the const accessors may fill this cache). */
static void ensure_indexed(const Article *article)
{
	Article *cache = (Article *)article;
	if (cache->indexed)
		return;
	/* News text has about one token per five bytes: reserving for one per four avoids copying
	 * tens of megabytes while growing; pages of the excess are never touched, so cost nothing. */
	TokenBuffer all = {0};
	all.token_capacity = article->size / 4 + 64;
	all.tokens = allocate_large(all.token_capacity * sizeof *all.tokens);
	all.sentence_capacity = article->size / 64 + 16;
	all.sentences = xmalloc(all.sentence_capacity * sizeof *all.sentences);
	TokenBuilder builder = {article, &all};
	for (size_t p = 0; p < article->paragraph_count; p++) {
		size_t first = all.token_count;
		tokenize_paragraph(&builder, article->paragraphs[p]);
		split_sentences(&builder, first, all.token_count);
	}
	cache->sentences = xrealloc(all.sentences, (all.sentence_count ? all.sentence_count : 1) *
						       sizeof *all.sentences);
	cache->sentence_count = all.sentence_count;
	/* Give back the unused reservation (for a large block realloc shrinks the mapping in
	 * place, no copy), so that nothing beyond the tokens found stays allocated. */
	cache->tokens = all.token_count ? xrealloc(all.tokens, all.token_count * sizeof *all.tokens)
				       : all.tokens;
	cache->token_count = all.token_count;
	cache->indexed = true;
}

void article_tokenize_paragraph(const Article *article, size_t paragraph, TokenBuffer *buffer)
{
	buffer->token_count = 0;
	buffer->sentence_count = 0;
	TokenBuilder builder = {article, buffer};
	tokenize_paragraph(&builder, article->paragraphs[paragraph]);
	split_sentences(&builder, 0, buffer->token_count);
}

void token_buffer_free(TokenBuffer *buffer)
{
	free(buffer->tokens);
	free(buffer->sentences);
	*buffer = (TokenBuffer){0};
}

/* ---------------------------------------------------------------- load */

/* Builds an article on `text` (size + 1 bytes, owned from now on, also on failure). */
static Article *article_adopt(const char *name, char *text, size_t size, Diagnostics *diag)
{
	Article *article = xcalloc(1, sizeof *article);
	article->name = xstrdup(name ? name : "-");
	article->text = text;
	article->text[size] = '\0';
	article->size = size;
	if (size > ARTICLE_MAX_SIZE) {
		diagnostics_add(diag, DIAG_ERROR, article->name, 0, 0,
				"too large: %zu bytes (articles are limited to %zu bytes)", size,
				ARTICLE_MAX_SIZE);
		article_free(article);
		return NULL;
	}
	if (!scan_text(article, diag)) {
		article_free(article);
		return NULL;
	}
	find_paragraphs(article);
	return article;
}

Article *article_from_memory(const char *name, const char *bytes, size_t size, Diagnostics *diag)
{
	char *text = allocate_large(size + 1);
	if (size)
		memcpy(text, bytes, size);
	return article_adopt(name, text, size, diag);
}

/* Reads to the end; the buffer keeps one spare byte for the terminating NUL. */
static bool read_all(int fd, char **bytes, size_t *size, size_t hint)
{
	size_t capacity = hint + 2, length = 0;
	char *buffer = allocate_large(capacity);
	for (;;) {
		if (length + 1 == capacity) {
			capacity *= 2;
			buffer = xrealloc(buffer, capacity);
		}
		ssize_t got = read(fd, buffer + length, capacity - 1 - length);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			free(buffer);
			return false;
		}
		if (got == 0)
			break;
		length += (size_t)got;
	}
	*bytes = buffer;
	*size = length;
	return true;
}

Article *article_load(const char *path, Diagnostics *diag)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat info;
	if (fstat(fd, &info) != 0) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(info.st_mode)) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "is a directory, not an article");
		close(fd);
		return NULL;
	}
	char *bytes;
	size_t size;
	bool ok = read_all(fd, &bytes, &size, S_ISREG(info.st_mode) ? (size_t)info.st_size : 65536);
	int read_errno = errno;
	close(fd);
	if (!ok) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(read_errno));
		return NULL;
	}
	return article_adopt(path, bytes, size, diag);
}

void article_free(Article *article)
{
	if (!article)
		return;
	free(article->name);
	free(article->text);
	free(article->cp_marks);
	free(article->byte_marks);
	free(article->line_starts);
	free(article->paragraphs);
	free(article->sentences);
	free(article->tokens);
	free(article);
}

/* ---------------------------------------------------------------- accessors */

const char *article_name(const Article *article)
{
	return article->name;
}

const char *article_text(const Article *article)
{
	return article->text;
}

size_t article_size(const Article *article)
{
	return article->size;
}

size_t article_length(const Article *article)
{
	return article->length;
}

const char *article_sha256(const Article *article)
{
	/* The cache is logically part of the immutable value; the object itself is never const. */
	Article *cache = (Article *)article;
	if (!cache->has_sha256) {
		unsigned char digest[EVP_MAX_MD_SIZE];
		unsigned int digest_length = 0;
		if (EVP_Digest(article->text, article->size, digest, &digest_length, EVP_sha256(),
			       NULL) != 1 || digest_length != 32) {
			fprintf(stderr, "saywho: libcrypto could not compute SHA-256\n");
			abort();
		}
		static const char hex[] = "0123456789abcdef";
		for (unsigned i = 0; i < digest_length; i++) {
			cache->sha256[2 * i] = hex[digest[i] >> 4];
			cache->sha256[2 * i + 1] = hex[digest[i] & 15];
		}
		cache->sha256[2 * digest_length] = '\0';
		cache->has_sha256 = true;
	}
	return cache->sha256;
}

/* ---------------------------------------------------------------- offsets */

size_t article_byte_of_cp(const Article *article, size_t cp)
{
	if (cp >= article->length)
		return article->size;
	size_t byte = article->cp_marks[cp / ARTICLE_CP_STRIDE];
	for (size_t walk = cp % ARTICLE_CP_STRIDE; walk > 0; walk--)
		byte += char_length((unsigned char)article->text[byte]);
	return byte;
}

size_t article_cp_of_byte(const Article *article, size_t byte)
{
	if (byte >= article->size)
		return article->length;
	/* The code point at the last mark at or before `byte`, then a walk of fewer than
	 * ARTICLE_CP_STRIDE bytes. */
	const unsigned char *text = (const unsigned char *)article->text;
	size_t at = byte / ARTICLE_CP_STRIDE * ARTICLE_CP_STRIDE;
	size_t cp = article->byte_marks[byte / ARTICLE_CP_STRIDE];
	if ((text[at] & 0xC0) == 0x80) { /* the mark is inside character cp: skip its rest */
		while ((text[at] & 0xC0) == 0x80)
			at++;
		if (at > byte)
			return cp;
		cp++;
	}
	for (;;) {
		size_t next = at + char_length(text[at]);
		if (next > byte)
			return cp;
		at = next;
		cp++;
	}
}

bool article_is_char_boundary(const Article *article, size_t byte)
{
	if (byte > article->size)
		return false;
	return byte == article->size || ((unsigned char)article->text[byte] & 0xC0) != 0x80;
}

void article_line_col(const Article *article, size_t byte, unsigned *line, unsigned *column)
{
	if (byte > article->size)
		byte = article->size;
	size_t low = 0, high = article->line_count;
	while (high - low > 1) {
		size_t middle = low + (high - low) / 2;
		if (article->line_starts[middle] <= byte)
			low = middle;
		else
			high = middle;
	}
	size_t column_cps = article_cp_of_byte(article, byte) -
			    article_cp_of_byte(article, article->line_starts[low]);
	if (line)
		*line = (unsigned)(low + 1);
	if (column)
		*column = (unsigned)(column_cps + 1);
}

size_t article_decode(const Article *article, size_t byte, unsigned *codepoint)
{
	size_t length = 0;
	unsigned value = byte < article->size && article_is_char_boundary(article, byte)
				 ? decode_at(article, byte, &length)
				 : 0;
	if (codepoint)
		*codepoint = value;
	return length;
}

/* ---------------------------------------------------------------- paragraphs, sentences, tokens */

/* Index of the first item whose end is after `byte` (items sorted and disjoint): one search
 * for the ranges (paragraphs, sentences) and the tokens, whose offsets have another type. */
#define FIRST_ENDING_AFTER(items, count, byte)                                                  \
	do {                                                                                    \
		size_t low_ = 0, high_ = (count);                                               \
		while (low_ < high_) {                                                          \
			size_t middle_ = low_ + (high_ - low_) / 2;                             \
			if ((items)[middle_].end > (byte))                                      \
				high_ = middle_;                                                \
			else                                                                    \
				low_ = middle_ + 1;                                             \
		}                                                                               \
		return low_;                                                                    \
	} while (0)

static size_t range_ending_after(const ByteRange *ranges, size_t count, size_t byte)
{
	FIRST_ENDING_AFTER(ranges, count, byte);
}

size_t article_paragraph_count(const Article *article)
{
	return article->paragraph_count;
}

ByteRange article_paragraph(const Article *article, size_t index)
{
	return article->paragraphs[index];
}

size_t article_paragraph_at(const Article *article, size_t byte)
{
	return range_ending_after(article->paragraphs, article->paragraph_count, byte);
}

size_t article_sentence_count(const Article *article)
{
	ensure_indexed(article);
	return article->sentence_count;
}

ByteRange article_sentence(const Article *article, size_t index)
{
	ensure_indexed(article);
	return article->sentences[index];
}

size_t article_sentence_at(const Article *article, size_t byte)
{
	ensure_indexed(article);
	return range_ending_after(article->sentences, article->sentence_count, byte);
}

size_t article_token_count(const Article *article)
{
	ensure_indexed(article);
	return article->token_count;
}

const Token *article_tokens(const Article *article)
{
	ensure_indexed(article);
	return article->tokens;
}

size_t article_token_at(const Article *article, size_t byte)
{
	ensure_indexed(article);
	FIRST_ENDING_AFTER(article->tokens, article->token_count, byte);
}
