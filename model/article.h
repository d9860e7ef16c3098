/* The article: immutable UTF-8 text with the indexes every other part needs.
 *
 * Inside the program positions are byte offsets into the text; files count code points.
 * The conversion both ways is O(1) + a walk of at most ARTICLE_CP_STRIDE code points, thanks to
 * a table of the byte offset of every ARTICLE_CP_STRIDE-th code point.
 * Paragraphs are found at load, sentences and tokens on the first request for one (they take
 * twice the memory of the text; see article_tokenize_paragraph), all kept sorted, so that "which
 * sentence holds this byte" is a binary search. The const accessors fill that cache: an article
 * is used by one thread at a time. */
#ifndef SAYWHO_ARTICLE_H
#define SAYWHO_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/diag.h"

#define ARTICLE_CP_STRIDE 32

typedef struct Article Article;

typedef struct ByteRange {
	size_t start, end; /* byte offsets, end exclusive */
} ByteRange;

/* Tokens are found in paragraphs only (nothing between them but white space), in order.
 * - Words are runs of letters, combining marks and digits (Unicode categories L, M, N, so
 *   "naïve", "étè" with a combining accent and "東京" are words), with an inner ' ’ - . ‐ kept
 *   when a letter or digit follows: don't, don’t, co-op, 5.31, U.S.
 * - A possessive or contraction "’s" / "'s" after a word is its own word: "China’s" gives
 *   "China" and "’s", "it's" gives "it" and "'s". A ’ right after a word ending in s, with no
 *   letter after it and no single quote open in the paragraph, is a word too (plural
 *   possessive: "officials’"); otherwise it is a quote.
 * - An abbreviation keeps its dot (one word "Mr.", "U.S.", "e.g.", "J.", "Jan.", "Inc."), so a
 *   word token may end with '.'; a dot that ends a sentence is its own TOKEN_PUNCT.
 * - Punctuation and symbols are one grapheme cluster each (an emoji with a skin tone or a ZWJ
 *   sequence is one TOKEN_PUNCT). Invisible format characters (a BOM, a lone ZWJ) are no tokens.
 * A UTF-8 byte order mark is text like any other character: it is code point 0 of the article
 * (offsets count it, as Python's "utf-8" codec does), but not a token or part of a sentence. */
typedef enum {
	TOKEN_WORD,        /* letters/digits, with inner ' ’ - . (don't, U.S., 5.31, co-op) */
	TOKEN_PUNCT,       /* one punctuation or symbol character */
	TOKEN_QUOTE,       /* a quotation mark: " ' “ ” ‘ ’ « » ‹ › „ ‚ (an apostrophe inside a word is not) */
} TokenKind;

/* 12 bytes (a 10 MB article has about two million tokens): offsets fit in 32 bits because
 * articles are limited to ARTICLE_MAX_SIZE bytes. */
typedef struct Token {
	uint32_t start, end; /* byte offsets, end exclusive */
	TokenKind kind;
} Token;

/* The largest article (bytes) saywho loads: offsets are kept in 32 bits. */
#define ARTICLE_MAX_SIZE ((size_t)UINT32_MAX - 1)

/* Loads a file exactly as stored. Refuses (NULL, with a diagnostic naming the file and, for bad
 * bytes, the line and column of the first one): a directory, an unreadable file, a file larger
 * than ARTICLE_MAX_SIZE, a NUL byte,
 * invalid UTF-8 (overlong forms, surrogates and code points above U+10FFFF included). */
Article *article_load(const char *path, Diagnostics *diag);
/* The same checks on bytes in memory (copied); `name` is used in messages and as the name. */
Article *article_from_memory(const char *name, const char *bytes, size_t size, Diagnostics *diag);
void article_free(Article *article);
/* The same byte checks on one line of another text file (brat .ann, say), without making an
 * article: on the first NUL or invalid UTF-8 byte adds "NAME:LINE:COL: what is wrong" (COL in
 * characters, 1-based) and returns false. */
bool article_check_line(const char *name, unsigned line, const char *bytes, size_t size, Diagnostics *diag);

const char *article_name(const Article *article);
const char *article_text(const Article *article);  /* NUL-terminated */
size_t article_size(const Article *article);        /* bytes */
size_t article_length(const Article *article);      /* code points */
/* Lower-case hex SHA-256 of the bytes as stored (computed once, on first call). */
const char *article_sha256(const Article *article);

/* cp <= article_length; returns the byte offset where that code point starts (size at the end). */
size_t article_byte_of_cp(const Article *article, size_t cp);
/* The index of the code point that contains `byte` (byte <= size). */
size_t article_cp_of_byte(const Article *article, size_t byte);
bool article_is_char_boundary(const Article *article, size_t byte);
/* 1-based line, and 1-based column in code points, of a byte offset. O(log lines). */
void article_line_col(const Article *article, size_t byte, unsigned *line, unsigned *column);

/* Paragraphs: runs of non-blank lines (a blank line separates). Ranges exclude the newline. */
size_t article_paragraph_count(const Article *article);
ByteRange article_paragraph(const Article *article, size_t index);
/* Index of the paragraph containing `byte`, or of the next one after it (count if none). */
size_t article_paragraph_at(const Article *article, size_t byte);

/* Sentences never cross a paragraph. A sentence ends after . ! ? … (and further marks, closing
 * quotes or brackets that touch them: ?!  ."  .”)) before white space and an upper-case letter,
 * a letter of a script without case, a digit, an opening quote or bracket: `"We will win." He
 * left.` is two sentences, `"Really?" she asked.` one. 。！？ end a sentence without a space.
 * Abbreviations: titles (Mr. Mrs. Dr. St. Gov. Sen. Rep. Gen. ... vs. e.g. i.e.) never end one;
 * others (initialisms such as U.S., initials such as "J.", months, No., Inc., Corp., Jr.,
 * etc.) end one only before a word that typically opens a sentence ("The", "He", "But", ...)
 * or an opening quote, never before a number or another initial: "U.S. President", "No. 10",
 * "Jan. 5", "J. K. Rowling" stay in one sentence, "moved to the U.S. The move" is two.
 * A sentence range runs from its first token to the end of its last one. */
size_t article_sentence_count(const Article *article);
ByteRange article_sentence(const Article *article, size_t index);
/* Index of the sentence containing `byte`, or of the next one after it (count if none). */
size_t article_sentence_at(const Article *article, size_t byte);

size_t article_token_count(const Article *article);
const Token *article_tokens(const Article *article);
/* Index of the token containing `byte`, or of the next token after it (count if none). */
size_t article_token_at(const Article *article, size_t byte);

/* The tokens and the sentences of one paragraph, exactly those of article_tokens() and
 * article_sentence() that fall in it, computed afresh into buffers the caller keeps and reuses
 * (grown as needed; counts set, capacities kept). For a reader that goes through the text
 * paragraph by paragraph (the engine): the tokens of the whole text are never held. */
typedef struct TokenBuffer {
	Token *tokens;
	size_t token_count, token_capacity;
	ByteRange *sentences;
	size_t sentence_count, sentence_capacity;
} TokenBuffer;
void article_tokenize_paragraph(const Article *article, size_t paragraph, TokenBuffer *buffer);
void token_buffer_free(TokenBuffer *buffer);

/* Decodes the code point at `byte`; returns its length in bytes (0, with code point 0, at the
 * end or when `byte` is not a character boundary). */
size_t article_decode(const Article *article, size_t byte, unsigned *codepoint);

#endif
