/* The article: loading and refusing files, offsets, lines, paragraphs, sentences, tokens. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/annotation.h"
#include "model/article.h"

static Article *from_text(const char *text)
{
	Diagnostics diag = {0};
	Article *article = article_from_memory("test.txt", text, strlen(text), &diag);
	cr_assert_not_null(article, "unexpected refusal of valid text");
	cr_assert_eq(diag.count, 0);
	diagnostics_free(&diag);
	return article;
}

/* Loads bytes that must be refused and checks the one diagnostic: position and message. */
static void expect_refused(const char *bytes, size_t size, unsigned line, unsigned column,
			   const char *message)
{
	Diagnostics diag = {0};
	Article *article = article_from_memory("bad.txt", bytes, size, &diag);
	cr_assert_null(article, "accepted bad input (expected \"%s\")", message);
	cr_assert_eq(diag.count, 1);
	cr_expect_str_eq(diag.items[0].file, "bad.txt");
	cr_expect_eq(diag.items[0].severity, DIAG_ERROR);
	cr_expect_eq(diag.items[0].line, line, "line %u, expected %u (%s)", diag.items[0].line, line,
		     message);
	cr_expect_eq(diag.items[0].column, column, "column %u, expected %u (%s)",
		     diag.items[0].column, column, message);
	cr_expect_str_eq(diag.items[0].message, message);
	diagnostics_free(&diag);
}

#define REFUSED(literal, line, column, message) \
	expect_refused(literal, sizeof literal - 1, line, column, message)

/* ------------------------------------------------------------------ refusing bad input */

Test(article_refuses, nul_byte)
{
	REFUSED("ab\ncd\0ef", 2, 3, "NUL byte (not a text file?)");
}

Test(article_refuses, stray_continuation_byte)
{
	REFUSED("\xe2\x80\x9cQuote\xe2\x80\x9d \x80", 1, 9, "invalid UTF-8: stray continuation byte 0x80");
	REFUSED("x\xbf", 1, 2, "invalid UTF-8: stray continuation byte 0xBF");
}

Test(article_refuses, truncated_sequences)
{
	REFUSED("abc\xe2\x80", 1, 4, "invalid UTF-8: truncated 3-byte sequence");   /* at the end */
	REFUSED("\xe2\x80x", 1, 1, "invalid UTF-8: truncated 3-byte sequence");     /* interrupted */
	REFUSED("ok\n\xc3", 2, 1, "invalid UTF-8: truncated 2-byte sequence");
	REFUSED("\xf0\x9f\x98 ", 1, 1, "invalid UTF-8: truncated 4-byte sequence");
}

Test(article_refuses, overlong_encodings)
{
	REFUSED("\xc0\xaf", 1, 1, "invalid UTF-8: overlong encoding of U+002F");
	REFUSED("a\xc1\xbf", 1, 2, "invalid UTF-8: overlong encoding of U+007F");
	REFUSED("\xe0\x80\xaf", 1, 1, "invalid UTF-8: overlong encoding of U+002F");
	REFUSED("\xe0\x9f\xbf", 1, 1, "invalid UTF-8: overlong encoding of U+07FF");
	REFUSED("\xf0\x82\x82\xac", 1, 1, "invalid UTF-8: overlong encoding of U+20AC");
}

Test(article_refuses, surrogates)
{
	REFUSED("\xed\xa0\x80", 1, 1, "invalid UTF-8: surrogate U+D800");
	REFUSED("caf\xc3\xa9 \xed\xbf\xbf", 1, 6, "invalid UTF-8: surrogate U+DFFF");
}

Test(article_refuses, above_unicode)
{
	REFUSED("\xf4\x90\x80\x80", 1, 1, "invalid UTF-8: U+110000 is above U+10FFFF");
	REFUSED("\xf5\x80\x80\x80", 1, 1, "invalid UTF-8: U+140000 is above U+10FFFF");
	REFUSED("\xf8\x88\x80\x80\x80", 1, 1, "invalid UTF-8: byte 0xF8 never occurs in UTF-8");
	REFUSED("\xff", 1, 1, "invalid UTF-8: byte 0xFF never occurs in UTF-8");
}

Test(article_refuses, column_counts_code_points_not_bytes)
{
	/* Line 3 starts with a CJK character, an emoji and a combining accent: 4 code points in
	 * 11 bytes before the bad byte. */
	REFUSED("one\ntwo\n\xe6\x9d\xb1\xf0\x9f\x91\x8d" "e\xcc\x81\xfe", 3, 5,
		"invalid UTF-8: byte 0xFE never occurs in UTF-8");
}

Test(article_refuses, the_largest_code_points_are_fine)
{
	Article *article = from_text("\xf4\x8f\xbf\xbf \xef\xbf\xbf \xed\x9f\xbf \xee\x80\x80");
	cr_expect_eq(article_length(article), 7);
	article_free(article);
}

static void expect_file_refused(const char *path, unsigned line, unsigned column,
				const char *message)
{
	Diagnostics diag = {0};
	cr_assert_null(article_load(path, &diag));
	cr_assert_eq(diag.count, 1);
	cr_expect_str_eq(diag.items[0].file, path);
	cr_expect_eq(diag.items[0].line, line);
	cr_expect_eq(diag.items[0].column, column);
	cr_expect_str_eq(diag.items[0].message, message);
	char formatted[512];
	diagnostic_format(&diag.items[0], formatted, sizeof formatted);
	char expected[512];
	if (line)
		snprintf(expected, sizeof expected, "%s:%u:%u: %s", path, line, column, message);
	else
		snprintf(expected, sizeof expected, "%s: %s", path, message);
	cr_expect_str_eq(formatted, expected);
	diagnostics_free(&diag);
}

Test(article_refuses, files)
{
	expect_file_refused("tests/fixtures/article", 0, 0, "is a directory, not an article");
	expect_file_refused("tests/fixtures/article/no-such-file.txt", 0, 0,
			    "cannot open: No such file or directory");
	expect_file_refused("tests/fixtures/article/binary.png", 1, 1,
			    "invalid UTF-8: stray continuation byte 0x89");
	expect_file_refused("tests/fixtures/article/nul.txt", 1, 14, "NUL byte (not a text file?)");
	expect_file_refused("tests/fixtures/article/truncated.txt", 2, 33,
			    "invalid UTF-8: truncated 3-byte sequence");
}

Test(article_refuses, unreadable_file)
{
	if (geteuid() == 0)
		cr_skip_test("root can read any file");
	char path[] = "/tmp/saywho-unreadable-XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "text", 4), 4);
	close(fd);
	chmod(path, 0);
	expect_file_refused(path, 0, 0, "cannot open: Permission denied");
	unlink(path);
}

/* ------------------------------------------------------------------ loading */

Test(article_load, keeps_bytes_exactly)
{
	Diagnostics diag = {0};
	Article *article = article_load("tests/fixtures/article/crlf.txt", &diag);
	cr_assert_not_null(article);
	static const char expected[] = "One paragraph,\r\nstill the first.\r\n\r\nThe second one.\r\n";
	cr_expect_eq(article_size(article), sizeof expected - 1);
	cr_expect_str_eq(article_text(article), expected);
	cr_expect_str_eq(article_name(article), "tests/fixtures/article/crlf.txt");
	/* Paragraphs exclude the whole line break, \r included. */
	cr_assert_eq(article_paragraph_count(article), 2);
	ByteRange first = article_paragraph(article, 0), second = article_paragraph(article, 1);
	cr_expect_eq(first.start, 0);
	cr_expect_eq(first.end, strlen("One paragraph,\r\nstill the first."));
	cr_expect_eq(second.start, strlen("One paragraph,\r\nstill the first.\r\n\r\n"));
	cr_expect_eq(second.end, sizeof expected - 1 - 2);
	article_free(article);
}

Test(article_load, byte_order_mark_is_kept_as_text)
{
	Diagnostics diag = {0};
	Article *article = article_load("tests/fixtures/article/bom.txt", &diag);
	cr_assert_not_null(article);
	/* U+FEFF is code point 0, as Python's utf-8 codec (not utf-8-sig) and spaCy count it. */
	cr_expect_eq(article_byte_of_cp(article, 0), 0);
	cr_expect_eq(article_byte_of_cp(article, 1), 3);
	unsigned codepoint;
	cr_expect_eq(article_decode(article, 0, &codepoint), 3);
	cr_expect_eq(codepoint, 0xFEFF);
	/* ...but it is not a token and does not start the first sentence. */
	cr_assert_gt(article_token_count(article), 0);
	cr_expect_eq(article_tokens(article)[0].start, 3);
	cr_expect_eq(article_sentence(article, 0).start, 3);
	cr_expect_eq(article_paragraph(article, 0).start, 0);
	article_free(article);
}

Test(article_load, empty)
{
	Article *article = from_text("");
	cr_expect_eq(article_size(article), 0);
	cr_expect_eq(article_length(article), 0);
	cr_expect_eq(article_byte_of_cp(article, 0), 0);
	cr_expect_eq(article_cp_of_byte(article, 0), 0);
	cr_expect(article_is_char_boundary(article, 0));
	cr_expect_eq(article_paragraph_count(article), 0);
	cr_expect_eq(article_sentence_count(article), 0);
	cr_expect_eq(article_token_count(article), 0);
	cr_expect_eq(article_paragraph_at(article, 0), 0);
	unsigned line, column;
	article_line_col(article, 0, &line, &column);
	cr_expect_eq(line, 1);
	cr_expect_eq(column, 1);
	cr_expect_str_eq(article_sha256(article),
			 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	article_free(article);
}

Test(article_load, sha256_of_the_bytes)
{
	Article *article = from_text("abc");
	cr_expect_str_eq(article_sha256(article),
			 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* Computed once: the same buffer comes back. */
	cr_expect_eq(article_sha256(article), article_sha256(article));
	article_free(article);
}

/* ------------------------------------------------------------------ offsets */

/* Byte length of each character of a UTF-8 string, walking it independently of the article. */
static size_t reference_length(unsigned char lead)
{
	return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* Checks every code point and every byte of `text` against an independent walk. */
static void check_offsets(const char *text)
{
	Article *article = from_text(text);
	size_t size = strlen(text);
	size_t *start_of_cp = malloc((size + 1) * sizeof *start_of_cp);
	size_t *cp_of = malloc((size + 1) * sizeof *cp_of);
	size_t cps = 0;
	for (size_t at = 0; at < size; cps++) {
		size_t length = reference_length((unsigned char)text[at]);
		start_of_cp[cps] = at;
		for (size_t k = 0; k < length; k++)
			cp_of[at + k] = cps;
		at += length;
	}
	start_of_cp[cps] = size;
	cp_of[size] = cps;
	cr_assert_eq(article_length(article), cps);
	cr_assert_eq(article_size(article), size);
	for (size_t cp = 0; cp <= cps; cp++) {
		size_t byte = article_byte_of_cp(article, cp);
		cr_assert_eq(byte, start_of_cp[cp], "byte_of_cp(%zu) = %zu, expected %zu", cp, byte,
			     start_of_cp[cp]);
		cr_assert_eq(article_cp_of_byte(article, byte), cp);
		cr_assert(article_is_char_boundary(article, byte));
	}
	for (size_t byte = 0; byte <= size; byte++) {
		size_t cp = article_cp_of_byte(article, byte);
		cr_assert_eq(cp, cp_of[byte], "cp_of_byte(%zu) = %zu, expected %zu", byte, cp,
			     cp_of[byte]);
		bool boundary = byte == size || start_of_cp[cp] == byte;
		cr_assert_eq(article_is_char_boundary(article, byte), boundary, "boundary at %zu", byte);
		/* The start of the containing character maps back to the same code point. */
		cr_assert_eq(article_byte_of_cp(article, article_cp_of_byte(article, byte)), start_of_cp[cp]);
	}
	cr_expect_not(article_is_char_boundary(article, size + 1));
	free(start_of_cp);
	free(cp_of);
	article_free(article);
}

/* Characters of every UTF-8 length: curly quotes, CJK, emoji (with a skin tone modifier),
 * combining marks and a 4-byte CJK extension character. */
static const char *const pieces[] = {
	"a", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", "\xe6\x9d\xb1", "\xe4\xba\xac",
	"\xf0\x9f\x91\x8d", "\xf0\x9f\x8f\xbd", "e\xcc\x81", "\xc3\xa9", "\xf0\xa0\x80\x80", " ",
	"\n", "Z",
};

Test(article_offsets, every_boundary_across_strides)
{
	/* Several hundred code points (many strides), with a varying ASCII prefix so that the
	 * stride marks fall on every byte of the multi-byte characters. */
	for (size_t prefix = 0; prefix < 4; prefix++) {
		char text[8192] = "";
		for (size_t k = 0; k < prefix; k++)
			strcat(text, "x");
		unsigned seed = 7 + (unsigned)prefix;
		for (size_t k = 0; k < 700; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(text, pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)]);
		}
		check_offsets(text);
	}
}

Test(article_offsets, runs_of_one_length)
{
	char text[4096] = "";
	for (size_t k = 0; k < 100; k++)
		strcat(text, "\xf0\x9f\x98\x80"); /* only 4-byte characters */
	check_offsets(text);
	text[0] = '\0';
	for (size_t k = 0; k < 100; k++)
		strcat(text, "\xe2\x80\x94"); /* only 3-byte characters */
	check_offsets(text);
	check_offsets("plain ASCII text that is longer than one stride of thirty-two characters");
	check_offsets("\xc3\xa9");
}

Test(article_offsets, line_and_column)
{
	/* line 1: “Hi” é\n  line 2: 東京\n  line 3: (empty)  line 4: x */
	Article *article = from_text("\xe2\x80\x9cHi\xe2\x80\x9d \xc3\xa9\n\xe6\x9d\xb1\xe4\xba\xac\n\nx");
	struct {
		size_t byte;
		unsigned line, column;
	} cases[] = {
		{0, 1, 1}, {3, 1, 2}, {4, 1, 3}, {5, 1, 4}, {8, 1, 5}, {9, 1, 6}, {11, 1, 7},
		{12, 2, 1}, {15, 2, 2}, {18, 2, 3}, {19, 3, 1}, {20, 4, 1}, {21, 4, 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unsigned line = 0, column = 0;
		article_line_col(article, cases[i].byte, &line, &column);
		cr_expect_eq(line, cases[i].line, "byte %zu: line %u", cases[i].byte, line);
		cr_expect_eq(column, cases[i].column, "byte %zu: column %u", cases[i].byte, column);
	}
	article_free(article);
}

Test(article_offsets, decode)
{
	Article *article = from_text("a\xc3\xa9\xe2\x80\x9c\xf0\x9f\x91\x8d");
	unsigned codepoint = 0;
	cr_expect_eq(article_decode(article, 0, &codepoint), 1);
	cr_expect_eq(codepoint, 'a');
	cr_expect_eq(article_decode(article, 1, &codepoint), 2);
	cr_expect_eq(codepoint, 0xE9);
	cr_expect_eq(article_decode(article, 3, &codepoint), 3);
	cr_expect_eq(codepoint, 0x201C);
	cr_expect_eq(article_decode(article, 6, &codepoint), 4);
	cr_expect_eq(codepoint, 0x1F44D);
	cr_expect_eq(article_decode(article, 10, &codepoint), 0); /* the end */
	cr_expect_eq(article_decode(article, 2, &codepoint), 0);  /* inside a character */
	cr_expect_eq(codepoint, 0);
	article_free(article);
}

/* ------------------------------------------------------------------ paragraphs */

Test(article_paragraphs, blank_lines_separate)
{
	const char *text = "\n\nFirst paragraph\nstill first.\n  \t\nSecond.\n\n\n\xe7\xac\xac\xe4\xb8\x89.";
	Article *article = from_text(text);
	cr_assert_eq(article_paragraph_count(article), 3);
	ByteRange expected[] = {
		{2, 2 + strlen("First paragraph\nstill first.")},
		{strlen("\n\nFirst paragraph\nstill first.\n  \t\n"),
		 strlen("\n\nFirst paragraph\nstill first.\n  \t\nSecond.")},
		{strlen(text) - 7, strlen(text)},
	};
	for (size_t i = 0; i < 3; i++) {
		ByteRange range = article_paragraph(article, i);
		cr_expect_eq(range.start, expected[i].start, "paragraph %zu start %zu", i, range.start);
		cr_expect_eq(range.end, expected[i].end, "paragraph %zu end %zu", i, range.end);
	}
	/* In a paragraph: that one; in the gap before one: the next; after the last: count. */
	cr_expect_eq(article_paragraph_at(article, 0), 0);
	cr_expect_eq(article_paragraph_at(article, 5), 0);
	cr_expect_eq(article_paragraph_at(article, expected[0].end), 1);
	cr_expect_eq(article_paragraph_at(article, expected[1].start), 1);
	cr_expect_eq(article_paragraph_at(article, expected[2].end - 1), 2);
	cr_expect_eq(article_paragraph_at(article, expected[2].end), 3);
	article_free(article);
}

/* ------------------------------------------------------------------ sentences */

/* Splits `text` and compares the sentences with the NULL-terminated list. */
static void expect_sentences(const char *text, const char *const *expected)
{
	Article *article = from_text(text);
	size_t count = 0;
	while (expected[count])
		count++;
	for (size_t i = 0; i < article_sentence_count(article) && i < count; i++) {
		ByteRange range = article_sentence(article, i);
		char got[1024];
		snprintf(got, sizeof got, "%.*s", (int)(range.end - range.start),
			 article_text(article) + range.start);
		cr_expect_str_eq(got, expected[i], "sentence %zu", i);
	}
	cr_expect_eq(article_sentence_count(article), count, "%zu sentences, expected %zu",
		     article_sentence_count(article), count);
	article_free(article);
}

#define SENTENCES(text, ...) expect_sentences(text, (const char *const[]){__VA_ARGS__, NULL})

Test(article_sentences, plain)
{
	SENTENCES("The minister spoke. Reporters listened! Did anyone ask? Nobody did.",
		  "The minister spoke.", "Reporters listened!", "Did anyone ask?", "Nobody did.");
	SENTENCES("It rose 5.31 percent in 2020. Prices fell.", "It rose 5.31 percent in 2020.",
		  "Prices fell.");
	SENTENCES("Wait... What happened?! Nothing.", "Wait...", "What happened?!", "Nothing.");
	SENTENCES("No final stop", "No final stop");
}

Test(article_sentences, titles_never_end_a_sentence)
{
	SENTENCES("Mr. Lindqvist met Mrs. Okafor and Dr. Brandt. They talked.",
		  "Mr. Lindqvist met Mrs. Okafor and Dr. Brandt.", "They talked.");
	SENTENCES("Gov. Harlow and Sen. Ruiz spoke to Rep. Baines on St. Mark's Day.",
		  "Gov. Harlow and Sen. Ruiz spoke to Rep. Baines on St. Mark's Day.");
	SENTENCES("It was red vs. blue. Red won.", "It was red vs. blue.", "Red won.");
	SENTENCES("Some fruit, e.g. Apples, i.e. Red ones, sold well.",
		  "Some fruit, e.g. Apples, i.e. Red ones, sold well.");
}

Test(article_sentences, numbered_abbreviations)
{
	SENTENCES("He left No. 10 on Jan. 5 and returned on Feb. 12. Then he spoke.",
		  "He left No. 10 on Jan. 5 and returned on Feb. 12.", "Then he spoke.");
}

Test(article_sentences, initialisms)
{
	SENTENCES("The U.S. President flew to the U.K. capital. He landed at noon.",
		  "The U.S. President flew to the U.K. capital.", "He landed at noon.");
	SENTENCES("They moved to the U.S. The move was quick.", "They moved to the U.S.",
		  "The move was quick.");
	SENTENCES("Acme Inc. said profits rose. It sold Brightline Corp. The deal closed.",
		  "Acme Inc. said profits rose.", "It sold Brightline Corp.", "The deal closed.");
	SENTENCES("Paper, ink, etc. were bought. We paid.", "Paper, ink, etc. were bought.",
		  "We paid.");
	SENTENCES("U.S. 10-year bonds fell.", "U.S. 10-year bonds fell.");
}

Test(article_sentences, initials_of_names)
{
	SENTENCES("J. K. Rowling wrote it. T. S. A. Marsh read it.", "J. K. Rowling wrote it.",
		  "T. S. A. Marsh read it.");
	SENTENCES("Martin Kell Jr. spoke first. Then others.", "Martin Kell Jr. spoke first.",
		  "Then others.");
	SENTENCES("Senators such as Ann Voss Jr. (D-XY) and then-Sen. Pauls agreed.",
		  "Senators such as Ann Voss Jr. (D-XY) and then-Sen. Pauls agreed.");
	SENTENCES("They moved to the U.S. \"Nobody stayed,\" she said.", "They moved to the U.S.",
		  "\"Nobody stayed,\" she said.");
}

Test(article_sentences, quotes_with_punctuation_inside)
{
	SENTENCES("\"We will win.\" He left.", "\"We will win.\"", "He left.");
	SENTENCES("\"Really?\" she asked. \"Yes!\" he said.", "\"Really?\" she asked.",
		  "\"Yes!\" he said.");
	SENTENCES("\xe2\x80\x9cWe are ready.\xe2\x80\x9d The crowd cheered.",
		  "\xe2\x80\x9cWe are ready.\xe2\x80\x9d", "The crowd cheered.");
	SENTENCES("\xe2\x80\x9cIs it over?\xe2\x80\x9d asked the mayor.",
		  "\xe2\x80\x9cIs it over?\xe2\x80\x9d asked the mayor.");
	SENTENCES("She said: \xe2\x80\x9cGo.\xe2\x80\x9d \xe2\x80\x9cNow?\xe2\x80\x9d",
		  "She said: \xe2\x80\x9cGo.\xe2\x80\x9d", "\xe2\x80\x9cNow?\xe2\x80\x9d");
	SENTENCES("He nodded (as expected.) Then he left.", "He nodded (as expected.)",
		  "Then he left.");
	SENTENCES("It ended. \xe2\x80\x98" "Fine,\xe2\x80\x99 she said.", "It ended.",
		  "\xe2\x80\x98" "Fine,\xe2\x80\x99 she said.");
}

Test(article_sentences, never_cross_a_paragraph)
{
	SENTENCES("A headline without a stop\n\nThe body starts here. It ends\nhere.",
		  "A headline without a stop", "The body starts here.", "It ends\nhere.");
}

Test(article_sentences, other_scripts)
{
	SENTENCES("\xe4\xbb\x8a\xe6\x97\xa5\xe3\x81\xaf\xe3\x80\x82\xe6\x98\x8e\xe6\x97\xa5\xe3\x80\x82",
		  "\xe4\xbb\x8a\xe6\x97\xa5\xe3\x81\xaf\xe3\x80\x82", "\xe6\x98\x8e\xe6\x97\xa5\xe3\x80\x82");
	SENTENCES("Caf\xc3\xa9 closed. \xc3\x89mile left.", "Caf\xc3\xa9 closed.", "\xc3\x89mile left.");
}

Test(article_sentences, lookup)
{
	Article *article = from_text("One here.  Two there.\n\nThree.");
	cr_assert_eq(article_sentence_count(article), 3);
	cr_expect_eq(article_sentence_at(article, 0), 0);
	cr_expect_eq(article_sentence_at(article, 8), 0);
	cr_expect_eq(article_sentence_at(article, 9), 1);  /* the gap: the next one */
	cr_expect_eq(article_sentence_at(article, 11), 1);
	cr_expect_eq(article_sentence_at(article, 23), 2);
	cr_expect_eq(article_sentence_at(article, 29), 3);
	article_free(article);
}

/* ------------------------------------------------------------------ tokens */

typedef struct {
	const char *text;
	TokenKind kind;
} ExpectedToken;

static void expect_tokens(const char *text, const ExpectedToken *expected, size_t count)
{
	Article *article = from_text(text);
	const Token *tokens = article_tokens(article);
	for (size_t i = 0; i < article_token_count(article) && i < count; i++) {
		char got[256];
		snprintf(got, sizeof got, "%.*s", (int)(tokens[i].end - tokens[i].start),
			 text + tokens[i].start);
		cr_expect_str_eq(got, expected[i].text, "token %zu", i);
		cr_expect_eq(tokens[i].kind, expected[i].kind, "token %zu (%s) kind %d", i, got,
			     tokens[i].kind);
	}
	cr_expect_eq(article_token_count(article), count, "%zu tokens, expected %zu",
		     article_token_count(article), count);
	article_free(article);
}

#define TOKENS(text, ...)                                                                  \
	expect_tokens(text, (const ExpectedToken[]){__VA_ARGS__},                          \
		      sizeof((const ExpectedToken[]){__VA_ARGS__}) / sizeof(ExpectedToken))

Test(article_tokens, words_keep_inner_joiners)
{
	TOKENS("Don't co-op 5.31 U.S. mid\xe2\x80\x90" "day",
	       {"Don't", TOKEN_WORD}, {"co-op", TOKEN_WORD}, {"5.31", TOKEN_WORD},
	       {"U.S.", TOKEN_WORD}, {"mid\xe2\x80\x90" "day", TOKEN_WORD});
	TOKENS("don\xe2\x80\x99t stop", {"don\xe2\x80\x99t", TOKEN_WORD}, {"stop", TOKEN_WORD});
}

Test(article_tokens, possessives_are_separate_words)
{
	TOKENS("China\xe2\x80\x99s envoy", {"China", TOKEN_WORD}, {"\xe2\x80\x99s", TOKEN_WORD},
	       {"envoy", TOKEN_WORD});
	TOKENS("it's Anna's", {"it", TOKEN_WORD}, {"'s", TOKEN_WORD}, {"Anna", TOKEN_WORD},
	       {"'s", TOKEN_WORD});
	/* A plural possessive apostrophe is a word too, unless a single quote is open. */
	TOKENS("the officials\xe2\x80\x99 claims", {"the", TOKEN_WORD}, {"officials", TOKEN_WORD},
	       {"\xe2\x80\x99", TOKEN_WORD}, {"claims", TOKEN_WORD});
	TOKENS("\xe2\x80\x98the hackers\xe2\x80\x99 work", {"\xe2\x80\x98", TOKEN_QUOTE},
	       {"the", TOKEN_WORD}, {"hackers", TOKEN_WORD}, {"\xe2\x80\x99", TOKEN_QUOTE},
	       {"work", TOKEN_WORD});
}

Test(article_tokens, quotes_and_punctuation)
{
	TOKENS("\xe2\x80\x9cYes,\xe2\x80\x9d he said: \"no\" \xc2\xab oui \xc2\xbb!",
	       {"\xe2\x80\x9c", TOKEN_QUOTE}, {"Yes", TOKEN_WORD}, {",", TOKEN_PUNCT},
	       {"\xe2\x80\x9d", TOKEN_QUOTE}, {"he", TOKEN_WORD}, {"said", TOKEN_WORD},
	       {":", TOKEN_PUNCT}, {"\"", TOKEN_QUOTE}, {"no", TOKEN_WORD}, {"\"", TOKEN_QUOTE},
	       {"\xc2\xab", TOKEN_QUOTE}, {"oui", TOKEN_WORD}, {"\xc2\xbb", TOKEN_QUOTE},
	       {"!", TOKEN_PUNCT});
	TOKENS("a\xe2\x80\x94" "b end.", {"a", TOKEN_WORD}, {"\xe2\x80\x94", TOKEN_PUNCT},
	       {"b", TOKEN_WORD}, {"end", TOKEN_WORD}, {".", TOKEN_PUNCT});
}

Test(article_tokens, non_ascii_words_and_symbols)
{
	/* Accented letters, a combining accent, CJK, an emoji with a skin tone (one symbol). */
	TOKENS("na\xc3\xafve e\xcc\x81t\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok",
	       {"na\xc3\xafve", TOKEN_WORD}, {"e\xcc\x81t\xc3\xa9", TOKEN_WORD},
	       {"\xe6\x9d\xb1\xe4\xba\xac", TOKEN_WORD},
	       {"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", TOKEN_PUNCT}, {"ok", TOKEN_WORD});
}

Test(article_tokens, abbreviations_keep_their_dot)
{
	TOKENS("Mr. Kell met J. Doe.", {"Mr.", TOKEN_WORD}, {"Kell", TOKEN_WORD},
	       {"met", TOKEN_WORD}, {"J.", TOKEN_WORD}, {"Doe", TOKEN_WORD}, {".", TOKEN_PUNCT});
}

Test(article_tokens, lookup)
{
	Article *article = from_text("ab  cd.");
	cr_assert_eq(article_token_count(article), 3);
	cr_expect_eq(article_token_at(article, 0), 0);
	cr_expect_eq(article_token_at(article, 1), 0);
	cr_expect_eq(article_token_at(article, 2), 1); /* white space: the next token */
	cr_expect_eq(article_token_at(article, 4), 1);
	cr_expect_eq(article_token_at(article, 6), 2);
	cr_expect_eq(article_token_at(article, 7), 3);
	article_free(article);
}

Test(article_tokens, nothing_outside_paragraphs_and_sorted)
{
	Article *article = from_text(" \n x y\n\n z ");
	const Token *tokens = article_tokens(article);
	cr_assert_eq(article_token_count(article), 3);
	for (size_t i = 1; i < article_token_count(article); i++)
		cr_expect_leq(tokens[i - 1].end, tokens[i].start);
	article_free(article);
}

/* ------------------------------------------------------------------ random inputs */

/* Random mixes of the characters that drive the splitters, now and then with a random byte:
 * loading never crashes, refuses only with a position, and the indexes are consistent. */
Test(article_random, indexes_stay_consistent)
{
	static const char *const alphabet[] = {
		"a", "Z", ".", " ", "\n", "\n\n", "'", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\"", "?", "!", "Mr", "U.S", "s", "5", "\xe6\x9d\xb1", "\xf0\x9f\x91\x8d", "\xcc\x81",
		"\xef\xbb\xbf", "\xe2\x80\x8d", "-", "(", ")", "\xe3\x80\x82", "\r", "\t", "The",
	};
	unsigned long long state = 88172645463325252ull;
	for (int iteration = 0; iteration < 3000; iteration++) {
		char text[2048] = "";
		state ^= state << 13, state ^= state >> 7, state ^= state << 17;
		for (unsigned k = 0, n = (unsigned)(state % 80); k < n; k++) {
			state ^= state << 13, state ^= state >> 7, state ^= state << 17;
			strcat(text, alphabet[state % (sizeof alphabet / sizeof *alphabet)]);
		}
		size_t size = strlen(text);
		if (size && state % 7 == 0)
			text[(state >> 8) % size] = (char)(state >> 20); /* may break the UTF-8 */
		Diagnostics diag = {0};
		Article *article = article_from_memory("random.txt", text, size, &diag);
		if (!article) {
			cr_assert_eq(diag.count, 1);
			cr_assert_geq(diag.items[0].line, 1);
			cr_assert_geq(diag.items[0].column, 1);
			diagnostics_free(&diag);
			continue;
		}
		for (size_t byte = 0; byte <= size; byte++)
			if (article_is_char_boundary(article, byte))
				cr_assert_eq(article_byte_of_cp(article, article_cp_of_byte(article, byte)),
					     byte);
		const Token *tokens = article_tokens(article);
		for (size_t i = 0; i < article_token_count(article); i++) {
			cr_assert_lt(tokens[i].start, tokens[i].end);
			cr_assert(article_is_char_boundary(article, tokens[i].start));
			cr_assert(article_is_char_boundary(article, tokens[i].end));
			if (i)
				cr_assert_leq(tokens[i - 1].end, tokens[i].start);
		}
		for (size_t i = 0; i < article_sentence_count(article); i++) {
			ByteRange sentence = article_sentence(article, i);
			cr_assert_lt(sentence.start, sentence.end);
			cr_assert_eq(article_paragraph_at(article, sentence.start),
				     article_paragraph_at(article, sentence.end - 1),
				     "a sentence crosses a paragraph");
			if (i)
				cr_assert_leq(article_sentence(article, i - 1).end, sentence.start);
		}
		article_free(article);
	}
}

/* The engine's paragraph-by-paragraph tokens (article_tokenize_paragraph, before the article's
 * own index is ever asked for) are exactly the article's tokens and sentences, paragraph after
 * paragraph, on random mixes of the characters that drive the splitters. */
Test(article_tokens, paragraph_by_paragraph_equals_the_whole)
{
	static const char *const alphabet[] = {
		"a", "Z", ".", " ", "\n", "\n\n", "'", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\"", "?", "!", "Mr", "U.S", "s", "5", "\xe6\x9d\xb1", "\xf0\x9f\x91\x8d", "\xcc\x81",
		"\xe2\x80\x8d", "-", "(", ")", "\xe3\x80\x82", "\r", "\t", "The", "He", " \n \n",
	};
	unsigned long long state = 2463534242ull;
	TokenBuffer buffer = {0};
	for (int iteration = 0; iteration < 2000; iteration++) {
		char text[2048] = "";
		state ^= state << 13, state ^= state >> 7, state ^= state << 17;
		for (unsigned k = 0, n = (unsigned)(state % 120); k < n; k++) {
			state ^= state << 13, state ^= state >> 7, state ^= state << 17;
			strcat(text, alphabet[state % (sizeof alphabet / sizeof *alphabet)]);
		}
		Article *article = from_text(text);
		size_t paragraphs = article_paragraph_count(article);
		Token *tokens = NULL;
		ByteRange *sentences = NULL;
		size_t token_count = 0, sentence_count = 0;
		for (size_t p = 0; p < paragraphs; p++) {
			article_tokenize_paragraph(article, p, &buffer);
			ByteRange paragraph = article_paragraph(article, p);
			tokens = realloc(tokens, (token_count + buffer.token_count + 1) * sizeof *tokens);
			sentences = realloc(sentences, (sentence_count + buffer.sentence_count + 1) *
							       sizeof *sentences);
			for (size_t i = 0; i < buffer.token_count; i++) {
				cr_assert_geq(buffer.tokens[i].start, paragraph.start);
				cr_assert_leq(buffer.tokens[i].end, paragraph.end);
				tokens[token_count++] = buffer.tokens[i];
			}
			for (size_t i = 0; i < buffer.sentence_count; i++)
				sentences[sentence_count++] = buffer.sentences[i];
		}
		cr_assert_eq(token_count, article_token_count(article), "%s", text);
		for (size_t i = 0; i < token_count; i++) {
			const Token *whole = &article_tokens(article)[i];
			cr_assert(tokens[i].start == whole->start && tokens[i].end == whole->end &&
				  tokens[i].kind == whole->kind, "token %zu of \"%s\"", i, text);
		}
		cr_assert_eq(sentence_count, article_sentence_count(article), "%s", text);
		for (size_t i = 0; i < sentence_count; i++) {
			ByteRange whole = article_sentence(article, i);
			cr_assert(sentences[i].start == whole.start && sentences[i].end == whole.end,
				  "sentence %zu of \"%s\"", i, text);
		}
		free(tokens);
		free(sentences);
		article_free(article);
	}
	token_buffer_free(&buffer);
}
