/* The store's writer: the canonical layout written straight into a buffer, and the atomic save.
 *
 * Until session 2 the store wrote through libyaml's emitter, which cost an allocation, a copy and
 * a trip through an event queue per scalar: ~40 % of `saywho extract`. This writer makes the
 * same decisions itself and gives the same bytes: every file written before is written again
 * unchanged (tests/model/test_store_writer.c compares it with the old writer on random models).
 * What it reproduces, from libyaml 0.2.5's emitter with the store's settings (UTF-8 output,
 * unicode on, indent 2, no line width):
 * - the analysis of each scalar (yaml_emitter_analyze_scalar): which of plain, single-quoted,
 *   double-quoted and block styles can hold it, and whether it spans lines;
 * - the choice of style from the one asked for (yaml_emitter_select_scalar_style);
 * - the writing of each style (quotes doubled, escapes, line breaks and indentation);
 * - the layout state: indentation per level, "- " and ": " indicators, flow collections,
 *   empty collections written as [] and {}, long or multi-line keys written as "? key";
 * - tags of unknown keys' values (the "!" and "!!" handles, verbatim !<...> otherwise).
 * Nothing is folded (width unlimited), so the column only matters right after a line break or an
 * indicator; elsewhere it is kept approximately (see put_text).
 *
 * Characters above U+FFFF: libyaml counts them as unprintable and escapes them (\U0001F389) in a
 * double-quoted string. The old writer carried them through libyaml as pairs of private-use
 * characters, which was possible only when the model had no U+E000..U+E7FF characters; values of
 * unknown keys never took that path. The same rule is kept here (Emitter.astral_printable), so
 * that the bytes stay the same. */
#include "model/store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "model/history.h"
#include "model/path.h"
#include "model/yaml_value.h"

enum {
	OUTPUT_BUFFER = 1 << 16, /* below malloc's mmap threshold: no fresh pages per save */
	INDENT = 2,            /* yaml_emitter_set_indent(2) */
	SIMPLE_KEY_MAX = 128,  /* a longer key is written "? key" (libyaml's check_simple_key) */
};

typedef struct Emitter {
	FILE *out;
	char *buffer;
	size_t used;
	bool ok;               /* sticky: after the first failure nothing more is written */
	int write_errno;       /* why the output failed, when it did */
	const char *problem;   /* why the YAML could not be made, when it could not */
	const Article *article;
	/* libyaml's emitter state, the part that decides bytes. */
	int indent;            /* -1 before the root node */
	int flow_level;
	long column;
	bool whitespace;       /* the last thing written was white space */
	bool indention;        /* only indentation since the last line break */
	int open_ended;        /* 2: a block scalar kept trailing line breaks ("..." at the end) */
	/* Whether characters above U+FFFF count as printable in the model's strings (see top). */
	bool astral_printable;
} Emitter;

/* What libyaml's emit_node is told: only these two flags change the output. */
typedef struct Context {
	bool mapping;    /* the node is a mapping's key or value */
	bool simple_key; /* the node is a simple (implicit) key */
} Context;

/* yaml_emitter_analyze_scalar's verdict. */
typedef struct ScalarInfo {
	size_t length; /* bytes as libyaml saw them (an astral character as a 6-byte pair) */
	bool valid;    /* valid UTF-8 (yaml_check_utf8) */
	bool astral_printable; /* characters above U+FFFF are written as they are */
	bool multiline, flow_plain_allowed, block_plain_allowed, single_quoted_allowed,
	     block_allowed;
} ScalarInfo;

typedef struct TagData {
	const char *handle, *suffix; /* NULL when absent */
	size_t handle_length, suffix_length;
} TagData;

/* A collection being written. */
typedef struct Collection {
	bool flow, first;
	int saved_indent;
} Collection;

/* ---- output ---- */

static void flush_output(Emitter *e)
{
	if (e->used && e->ok && fwrite(e->buffer, 1, e->used, e->out) != e->used) {
		e->write_errno = errno ? errno : EIO;
		e->ok = false;
	}
	e->used = 0;
}

/* Bytes that are part of one line (no line break): the column moves by the byte count, which
 * is the character count for ASCII and more for other text. That is exact enough: the column
 * is compared only with the indentation (write_indent) right after a line break or indentation
 * or an indicator, never after text (libyaml's other use, folding at a width, is off). */
static void put_text(Emitter *e, const char *bytes, size_t size)
{
	e->column += (long)size;
	if (size > OUTPUT_BUFFER - e->used) {
		flush_output(e);
		if (size >= OUTPUT_BUFFER) {
			if (e->ok && fwrite(bytes, 1, size, e->out) != size) {
				e->write_errno = errno ? errno : EIO;
				e->ok = false;
			}
			return;
		}
	}
	memcpy(e->buffer + e->used, bytes, size);
	e->used += size;
}

static void put(Emitter *e, char c)
{
	if (e->used == OUTPUT_BUFFER)
		flush_output(e);
	e->buffer[e->used++] = c;
	e->column++;
}

static void put_break(Emitter *e)
{
	put(e, '\n');
	e->column = 0;
}

static void fail(Emitter *e, const char *problem)
{
	if (e->ok && !e->problem)
		e->problem = problem;
	e->ok = false;
}

/* ---- characters, as libyaml's macros see them (bytes past the end read as NUL) ---- */

static unsigned char byte_at(const unsigned char *s, size_t n, size_t i)
{
	return i < n ? s[i] : 0;
}

static size_t width_of(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
}

static bool is_break_at(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c = byte_at(s, n, i);
	if (c == '\r' || c == '\n')
		return true;
	if (c == 0xC2)
		return byte_at(s, n, i + 1) == 0x85;
	if (c == 0xE2)
		return byte_at(s, n, i + 1) == 0x80 &&
		       (byte_at(s, n, i + 2) == 0xA8 || byte_at(s, n, i + 2) == 0xA9);
	return false;
}

static bool is_blankz_at(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c = byte_at(s, n, i);
	return c == ' ' || c == '\t' || c == '\0' || is_break_at(s, n, i);
}

/* IS_PRINTABLE, with characters above U+FFFF printable when asked. */
static bool is_printable_at(const unsigned char *s, size_t n, size_t i, bool astral_printable)
{
	unsigned char c = s[i], next = byte_at(s, n, i + 1);
	if (c < 0x80)
		return c == 0x0A || (c >= 0x20 && c <= 0x7E);
	if (c == 0xC2)
		return next >= 0xA0;
	if (c > 0xC2 && c < 0xED)
		return true;
	if (c == 0xED)
		return next < 0xA0;
	if (c == 0xEE)
		return true;
	if (c == 0xEF) {
		unsigned char third = byte_at(s, n, i + 2);
		return !(next == 0xBB && third == 0xBF) && !(next == 0xBF && (third == 0xBE || third == 0xBF));
	}
	/* F0..F4 start a character above U+FFFF (F5..F7: above U+10FFFF, never printable). */
	return astral_printable && c >= 0xF0 && c <= 0xF4;
}

/* yaml_check_utf8: complete sequences, no overlong forms (surrogates pass, as in libyaml). */
static bool valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t width = width_of(c);
		if (!width || i + width > n)
			return false;
		unsigned value = c & (width == 2 ? 0x1Fu : width == 3 ? 0x0Fu : 0x07u);
		for (size_t k = 1; k < width; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			value = (value << 6) | (s[i + k] & 0x3Fu);
		}
		if ((width == 2 && value < 0x80) || (width == 3 && value < 0x800) ||
		    (width == 4 && value < 0x10000))
			return false;
		i += width;
	}
	return true;
}

/* ---- analysis: yaml_emitter_analyze_scalar ---- */

/* What an ASCII byte means to the analysis; 0 for the printable characters that change nothing
 * after the first position (letters, digits, most punctuation): the common case, one test. */
enum {
	ASCII_SPACE = 1,
	ASCII_BREAK = 2,     /* \n \r */
	ASCII_SPECIAL = 4,   /* not printable: controls (tab, CR, NUL...), DEL */
	ASCII_FLOW = 8,      /* , ? [ ] { }: not plain in a flow collection */
	ASCII_COLON = 16,
	ASCII_HASH = 32,
	ASCII_BLANKZ = 64,   /* space, tab, NUL, \n, \r: white space for the indicators */
	NON_ASCII = 128,
};

static unsigned char classes_table[256];

static void fill_ascii_classes(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;
		if (c >= 0x80)
			k = NON_ASCII;
		else if (c != '\n' && (c < 0x20 || c == 0x7F))
			k |= ASCII_SPECIAL;
		if (c == ' ')
			k |= ASCII_SPACE;
		if (c == '\n' || c == '\r')
			k |= ASCII_BREAK;
		if (c && strchr(",?[]{}", c))
			k |= ASCII_FLOW;
		if (c == ':')
			k |= ASCII_COLON;
		if (c == '#')
			k |= ASCII_HASH;
		if (c == ' ' || c == '\t' || c == 0 || c == '\n' || c == '\r')
			k |= ASCII_BLANKZ;
		classes_table[c] = k;
	}
}

/* Filled once, whichever thread writes first (extract saves from several). */
static const unsigned char *ascii_classes(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, fill_ascii_classes);
	return classes_table;
}

/* One character of U+0080 and above at s[i]: its width (0: not valid UTF-8, as libyaml's
 * yaml_check_utf8 sees it), whether it is printable and whether it is a line break. */
static size_t non_ascii_char(const unsigned char *s, size_t n, size_t i, bool astral_printable,
			     bool *printable, bool *is_break)
{
	unsigned char c = s[i];
	size_t width = width_of(c);
	if (width < 2 || i + width > n)
		return 0;
	unsigned value = c & (width == 2 ? 0x1Fu : width == 3 ? 0x0Fu : 0x07u);
	for (size_t k = 1; k < width; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		value = (value << 6) | (s[i + k] & 0x3Fu);
	}
	if ((width == 2 && value < 0x80) || (width == 3 && value < 0x800) ||
	    (width == 4 && value < 0x10000))
		return 0;
	*is_break = value == 0x85 || value == 0x2028 || value == 0x2029;
	*printable = is_printable_at(s, n, i, astral_printable);
	return width;
}

static void analyze_scalar(const char *text, size_t n, bool astral_printable, ScalarInfo *info)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *classes = ascii_classes();
	*info = (ScalarInfo){ .length = n, .valid = true, .astral_printable = astral_printable };
	if (n == 0) {
		info->block_plain_allowed = true;
		info->single_quoted_allowed = true;
		return;
	}
	bool block_indicators = false, flow_indicators = false, line_breaks = false,
	     special_characters = false, leading_space = false, leading_break = false,
	     trailing_space = false, trailing_break = false, break_space = false,
	     space_break = false, previous_space = false, previous_break = false;
	if ((s[0] == '-' && byte_at(s, n, 1) == '-' && byte_at(s, n, 2) == '-') ||
	    (s[0] == '.' && byte_at(s, n, 1) == '.' && byte_at(s, n, 2) == '.')) {
		block_indicators = true;
		flow_indicators = true;
	}
	/* The first character's indicators. */
	bool first_followed_by_whitespace = is_blankz_at(s, n, width_of(s[0]));
	switch (s[0]) {
	case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
	case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
		flow_indicators = true;
		block_indicators = true;
		break;
	case '?': case ':':
		flow_indicators = true;
		if (first_followed_by_whitespace)
			block_indicators = true;
		break;
	case '-':
		if (first_followed_by_whitespace) {
			flow_indicators = true;
			block_indicators = true;
		}
		break;
	default:
		break;
	}
	bool preceded_by_whitespace = true;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		unsigned char k = classes[c];
		if (k == 0) { /* the common case: nothing to note */
			previous_space = previous_break = preceded_by_whitespace = false;
			i++;
			continue;
		}
		size_t width = 1;
		bool is_break, is_space = false;
		if (k & NON_ASCII) {
			bool printable;
			width = non_ascii_char(s, n, i, astral_printable, &printable, &is_break);
			if (!width) {
				info->valid = false;
				return;
			}
			if (!printable)
				special_characters = true;
			if (c >= 0xF0 && astral_printable)
				info->length += 2; /* it went through libyaml as two 3-byte characters */
		} else {
			/* Indicators inside the text (the first character's were seen above). */
			if (i > 0) {
				if (k & ASCII_FLOW)
					flow_indicators = true;
				if (k & ASCII_COLON) {
					flow_indicators = true;
					if (is_blankz_at(s, n, i + 1))
						block_indicators = true;
				}
				if ((k & ASCII_HASH) && preceded_by_whitespace)
					flow_indicators = block_indicators = true;
			}
			if (k & ASCII_SPECIAL)
				special_characters = true;
			is_break = k & ASCII_BREAK;
			is_space = k & ASCII_SPACE;
		}
		if (is_space) {
			if (i == 0)
				leading_space = true;
			if (i + 1 == n)
				trailing_space = true;
			if (previous_break)
				break_space = true;
			previous_space = true;
			previous_break = false;
		} else if (is_break) {
			line_breaks = true;
			if (i == 0)
				leading_break = true;
			if (i + width == n)
				trailing_break = true;
			if (previous_space)
				space_break = true;
			previous_space = false;
			previous_break = true;
		} else {
			previous_space = false;
			previous_break = false;
		}
		preceded_by_whitespace = (k & ASCII_BLANKZ) || is_break;
		i += width;
	}
	info->multiline = line_breaks;
	info->flow_plain_allowed = info->block_plain_allowed = true;
	info->single_quoted_allowed = info->block_allowed = true;
	if (leading_space || leading_break || trailing_space || trailing_break)
		info->flow_plain_allowed = info->block_plain_allowed = false;
	if (trailing_space)
		info->block_allowed = false;
	if (break_space)
		info->flow_plain_allowed = info->block_plain_allowed = info->single_quoted_allowed = false;
	if (space_break || special_characters)
		info->flow_plain_allowed = info->block_plain_allowed = info->single_quoted_allowed =
			info->block_allowed = false;
	if (line_breaks)
		info->flow_plain_allowed = info->block_plain_allowed = false;
	if (flow_indicators)
		info->flow_plain_allowed = false;
	if (block_indicators)
		info->block_plain_allowed = false;
}

/* yaml_emitter_analyze_tag with the default directives "!" -> "!" and "!!" -> the YAML tags. */
static TagData analyze_tag(Emitter *e, const char *tag)
{
	TagData data = {0};
	if (!tag)
		return data;
	size_t length = strlen(tag);
	if (!length || !valid_utf8((const unsigned char *)tag, length)) {
		fail(e, length ? "a tag is not valid UTF-8" : "tag value must not be empty");
		return data;
	}
	static const char yaml_prefix[] = "tag:yaml.org,2002:";
	size_t yaml_prefix_length = sizeof yaml_prefix - 1;
	if (length > 1 && tag[0] == '!') {
		data.handle = "!";
		data.handle_length = 1;
		data.suffix = tag + 1;
		data.suffix_length = length - 1;
	} else if (length > yaml_prefix_length && memcmp(tag, yaml_prefix, yaml_prefix_length) == 0) {
		data.handle = "!!";
		data.handle_length = 2;
		data.suffix = tag + yaml_prefix_length;
		data.suffix_length = length - yaml_prefix_length;
	} else {
		data.suffix = tag;
		data.suffix_length = length;
	}
	return data;
}

/* ---- layout: libyaml's write_indent and write_indicator ---- */

static void write_indent(Emitter *e)
{
	int indent = e->indent >= 0 ? e->indent : 0;
	if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
		put_break(e);
	while (e->column < indent)
		put(e, ' ');
	e->whitespace = true;
	e->indention = true;
}

static inline void write_indicator(Emitter *e, const char *indicator, bool need_whitespace,
				   bool is_whitespace, bool is_indention)
{
	if (need_whitespace && !e->whitespace)
		put(e, ' ');
	put_text(e, indicator, strlen(indicator)); /* inlined: a constant */
	e->whitespace = is_whitespace;
	e->indention = e->indention && is_indention;
}

static int increase_indent(Emitter *e, bool flow, bool indentless)
{
	int saved = e->indent;
	if (e->indent < 0)
		e->indent = flow ? INDENT : 0;
	else if (!indentless)
		e->indent += INDENT;
	return saved;
}

static void write_tag_content(Emitter *e, const char *value, size_t length, bool need_whitespace)
{
	if (need_whitespace && !e->whitespace)
		put(e, ' ');
	for (size_t i = 0; i < length;) {
		unsigned char c = (unsigned char)value[i];
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c && strchr("-;/?:@&=+$,_.~*'()[]", c))) {
			put(e, (char)c);
			i++;
			continue;
		}
		static const char hex[] = "0123456789ABCDEF";
		for (size_t width = width_of(c), k = 0; k < width && i < length; k++, i++) {
			unsigned char octet = (unsigned char)value[i];
			put(e, '%');
			put(e, hex[octet >> 4]);
			put(e, hex[octet & 0x0F]);
		}
	}
	e->whitespace = false;
	e->indention = false;
}

static void process_tag(Emitter *e, const TagData *tag)
{
	if (!tag || (!tag->handle && !tag->suffix))
		return;
	if (tag->handle) {
		if (!e->whitespace)
			put(e, ' ');
		put_text(e, tag->handle, tag->handle_length);
		e->whitespace = false;
		e->indention = false;
		if (tag->suffix)
			write_tag_content(e, tag->suffix, tag->suffix_length, false);
	} else {
		write_indicator(e, "!<", true, false, false);
		write_tag_content(e, tag->suffix, tag->suffix_length, false);
		write_indicator(e, ">", false, false, false);
	}
}

/* ---- the scalar styles ---- */

/* One character of a scalar (not a line break). */
static size_t write_char(Emitter *e, const char *s, size_t i)
{
	size_t width = width_of((unsigned char)s[i]);
	put_text(e, s + i, width);
	e->column -= (long)width - 1;
	return width;
}

/* One line break of a scalar: \n, or NEL/LS/PS copied as they are. */
static size_t write_break(Emitter *e, const char *s, size_t i)
{
	size_t width = width_of((unsigned char)s[i]);
	if (s[i] == '\n')
		put_break(e);
	else
		put_text(e, s + i, width);
	e->column = 0;
	return width;
}

static void write_plain(Emitter *e, const char *s, size_t n)
{
	if (!e->whitespace && (n || e->flow_level))
		put(e, ' ');
	/* A plain scalar has no line breaks (the analysis forbids it), so it is one run of text. */
	put_text(e, s, n);
	e->whitespace = false;
	e->indention = false;
}

static void write_single_quoted(Emitter *e, const char *s, size_t n, bool multiline)
{
	write_indicator(e, "'", true, false, false);
	const unsigned char *u = (const unsigned char *)s;
	bool breaks = false;
	size_t run = 0; /* start of the text not yet written */
	if (!multiline) { /* one line: only the quotes to double */
		const char *quote;
		while ((quote = memchr(s + run, '\'', n - run))) {
			size_t at = (size_t)(quote - s);
			put_text(e, s + run, at + 1 - run);
			run = at; /* the quote again */
			put_text(e, "'", 1);
			run = at + 1;
		}
		put_text(e, s + run, n - run);
		run = n;
	}
	for (size_t i = run; i < n;) {
		if (is_break_at(u, n, i)) {
			put_text(e, s + run, i - run);
			if (!breaks && s[i] == '\n')
				put_break(e);
			i += write_break(e, s, i);
			run = i;
			e->indention = true;
			breaks = true;
			continue;
		}
		if (breaks) {
			write_indent(e);
			breaks = false;
		}
		if (s[i] == '\'') {
			put_text(e, s + run, i + 1 - run); /* the quote, doubled */
			run = i;
		}
		e->indention = false;
		i += width_of(u[i]);
	}
	put_text(e, s + run, n - run);
	if (breaks)
		write_indent(e);
	write_indicator(e, "'", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void write_double_quoted(Emitter *e, const char *s, size_t n, bool astral_printable)
{
	write_indicator(e, "\"", true, false, false);
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
			i++;
			continue;
		}
		size_t width = width_of(c);
		bool escape = c == '"' || c == '\\' || !is_printable_at(u, n, i, astral_printable) ||
			      is_break_at(u, n, i) ||
			      (c == 0xEF && byte_at(u, n, i + 1) == 0xBB && byte_at(u, n, i + 2) == 0xBF);
		if (!escape) {
			i += width;
			continue;
		}
		put_text(e, s + run, i - run);
		unsigned value = width == 1 ? c : c & (width == 2 ? 0x1Fu : width == 3 ? 0x0Fu : 0x07u);
		for (size_t k = 1; k < width; k++)
			value = (value << 6) | (u[i + k] & 0x3Fu);
		i += width;
		run = i;
		char short_form = 0;
		switch (value) {
		case 0x00: short_form = '0'; break;
		case 0x07: short_form = 'a'; break;
		case 0x08: short_form = 'b'; break;
		case 0x09: short_form = 't'; break;
		case 0x0A: short_form = 'n'; break;
		case 0x0B: short_form = 'v'; break;
		case 0x0C: short_form = 'f'; break;
		case 0x0D: short_form = 'r'; break;
		case 0x1B: short_form = 'e'; break;
		case 0x22: short_form = '"'; break;
		case 0x5C: short_form = '\\'; break;
		case 0x85: short_form = 'N'; break;
		case 0xA0: short_form = '_'; break;
		case 0x2028: short_form = 'L'; break;
		case 0x2029: short_form = 'P'; break;
		default: break;
		}
		put(e, '\\');
		if (short_form) {
			put(e, short_form);
			continue;
		}
		int digits = value <= 0xFF ? 2 : value <= 0xFFFF ? 4 : 8;
		put(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
		for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
			put(e, "0123456789ABCDEF"[(value >> shift) & 0x0F]);
	}
	put_text(e, s + run, n - run);
	write_indicator(e, "\"", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

/* The start of the character before byte `end` (> 0). */
static size_t previous_char(const unsigned char *s, size_t end)
{
	do
		end--;
	while (end > 0 && (s[end] & 0xC0) == 0x80);
	return end;
}

static void write_block_scalar_hints(Emitter *e, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (byte_at(u, n, 0) == ' ' || is_break_at(u, n, 0)) {
		char hint[2] = { (char)('0' + INDENT), '\0' };
		write_indicator(e, hint, false, false, false);
	}
	e->open_ended = 0;
	const char *chomp = NULL;
	if (n == 0) {
		chomp = "-";
	} else {
		size_t last = previous_char(u, n);
		if (!is_break_at(u, n, last)) {
			chomp = "-";
		} else if (last == 0) {
			chomp = "+";
			e->open_ended = 2;
		} else if (is_break_at(u, n, previous_char(u, last))) {
			chomp = "+";
			e->open_ended = 2;
		}
	}
	if (chomp)
		write_indicator(e, chomp, false, false, false);
}

static void write_literal(Emitter *e, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	write_indicator(e, "|", true, false, false);
	write_block_scalar_hints(e, s, n);
	put_break(e);
	e->indention = true;
	e->whitespace = true;
	bool breaks = true;
	for (size_t i = 0; i < n;) {
		if (is_break_at(u, n, i)) {
			i += write_break(e, s, i);
			e->indention = true;
			breaks = true;
			continue;
		}
		if (breaks)
			write_indent(e);
		/* The rest of the line in one piece. */
		size_t end = i;
		while (end < n && !is_break_at(u, n, end))
			end += width_of(u[end]);
		put_text(e, s + i, end - i);
		i = end;
		e->indention = false;
		breaks = false;
	}
}

static void write_folded(Emitter *e, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	write_indicator(e, ">", true, false, false);
	write_block_scalar_hints(e, s, n);
	put_break(e);
	e->indention = true;
	e->whitespace = true;
	bool breaks = true, leading_spaces = true;
	for (size_t i = 0; i < n;) {
		if (is_break_at(u, n, i)) {
			if (!breaks && !leading_spaces && s[i] == '\n') {
				size_t k = i;
				while (is_break_at(u, n, k))
					k += width_of(u[k]);
				if (!is_blankz_at(u, n, k))
					put_break(e);
			}
			i += write_break(e, s, i);
			e->indention = true;
			breaks = true;
			continue;
		}
		if (breaks) {
			write_indent(e);
			leading_spaces = u[i] == ' ' || u[i] == '\t';
		}
		i += write_char(e, s, i);
		e->indention = false;
		breaks = false;
	}
}

/* ---- nodes ---- */

/* yaml_emitter_select_scalar_style */
static yaml_scalar_style_t select_style(const Emitter *e, Context context, const ScalarInfo *info,
					yaml_scalar_style_t style)
{
	if (style == YAML_ANY_SCALAR_STYLE)
		style = YAML_PLAIN_SCALAR_STYLE;
	if (context.simple_key && info->multiline)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (style == YAML_PLAIN_SCALAR_STYLE) {
		if ((e->flow_level && !info->flow_plain_allowed) ||
		    (!e->flow_level && !info->block_plain_allowed))
			style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
		if (!info->length && (e->flow_level || context.simple_key))
			style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	}
	if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && !info->single_quoted_allowed)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if ((style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) &&
	    (!info->block_allowed || e->flow_level || context.simple_key))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return style;
}

/* A scalar node whose analysis is known (`info`). */
static void scalar_node(Emitter *e, Context context, const char *s, size_t n,
			yaml_scalar_style_t style, const TagData *tag, const ScalarInfo *info)
{
	if (!e->ok)
		return;
	if (!info->valid) {
		fail(e, "a value is not valid UTF-8");
		return;
	}
	style = select_style(e, context, info, style);
	process_tag(e, tag);
	int saved = increase_indent(e, true, false);
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: write_single_quoted(e, s, n, info->multiline); break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: write_double_quoted(e, s, n, info->astral_printable); break;
	case YAML_LITERAL_SCALAR_STYLE: write_literal(e, s, n); break;
	case YAML_FOLDED_SCALAR_STYLE: write_folded(e, s, n); break;
	default: write_plain(e, s, n); break;
	}
	e->indent = saved;
}

static void scalar(Emitter *e, Context context, const char *s, size_t n, yaml_scalar_style_t style)
{
	ScalarInfo info;
	analyze_scalar(s, n, e->astral_printable, &info);
	scalar_node(e, context, s, n, style, NULL, &info);
}

/* A plain scalar known to need no quotes (digits, words of the schema): written as it is. */
static void plain_word(Emitter *e, const char *s, size_t n)
{
	write_plain(e, s, n);
}

static Collection sequence_start(Emitter *e, Context context, const TagData *tag, bool flow,
				 bool empty)
{
	process_tag(e, tag);
	Collection c = { .flow = e->flow_level || flow || empty, .first = true };
	if (c.flow) {
		write_indicator(e, "[", true, true, false);
		c.saved_indent = increase_indent(e, true, false);
		e->flow_level++;
	} else {
		c.saved_indent = increase_indent(e, false, context.mapping && !e->indention);
	}
	return c;
}

/* Before each item; returns the item's context. */
static Context sequence_item(Emitter *e, Collection *c)
{
	if (c->flow) {
		if (!c->first)
			write_indicator(e, ",", false, false, false);
	} else {
		write_indent(e);
		write_indicator(e, "-", true, false, true);
	}
	c->first = false;
	return (Context){0};
}

static void sequence_end(Emitter *e, const Collection *c)
{
	e->indent = c->saved_indent;
	if (c->flow) {
		e->flow_level--;
		write_indicator(e, "]", false, false, false);
	}
}

static Collection mapping_start(Emitter *e, const TagData *tag, bool flow, bool empty)
{
	process_tag(e, tag);
	Collection c = { .flow = e->flow_level || flow || empty, .first = true };
	if (c.flow) {
		write_indicator(e, "{", true, true, false);
		c.saved_indent = increase_indent(e, true, false);
		e->flow_level++;
	} else {
		c.saved_indent = increase_indent(e, false, false);
	}
	return c;
}

/* Before a key; returns the key's context. A key that is not simple gets "? ". */
static Context mapping_key(Emitter *e, Collection *c, bool simple)
{
	if (c->flow) {
		if (!c->first)
			write_indicator(e, ",", false, false, false);
		if (!simple)
			write_indicator(e, "?", true, false, false);
	} else {
		write_indent(e);
		if (!simple)
			write_indicator(e, "?", true, false, true);
	}
	c->first = false;
	return (Context){ .mapping = true, .simple_key = simple };
}

/* Between a key and its value; returns the value's context. */
static Context mapping_value(Emitter *e, const Collection *c, bool simple)
{
	if (simple) {
		write_indicator(e, ":", false, false, false);
	} else if (c->flow) {
		write_indicator(e, ":", true, false, false);
	} else {
		write_indent(e);
		write_indicator(e, ":", true, false, true);
	}
	return (Context){ .mapping = true };
}

static void mapping_end(Emitter *e, const Collection *c)
{
	e->indent = c->saved_indent;
	if (c->flow) {
		e->flow_level--;
		write_indicator(e, "}", false, false, false);
	}
}

/* A key of the schema ("id", "start"...): plain and simple. Returns the value's context. */
static Context known_key_n(Emitter *e, Collection *c, const char *key, size_t length)
{
	mapping_key(e, c, true);
	plain_word(e, key, length);
	return mapping_value(e, c, true);
}
/* (key "" : only a string literal compiles, so that sizeof is its length) */
#define known_key(e, c, key) known_key_n(e, c, key "", sizeof key - 1)

/* ---- values of unknown keys ---- */

/* The text of a scalar value as yaml_value_emit gave it to libyaml: an empty plain null in a
 * flow collection as "~". */
static void value_text(const YamlValue *value, bool in_flow, const char **text, size_t *length)
{
	*text = value->scalar ? value->scalar : "";
	*length = value->scalar_length;
	if (in_flow && *length == 0 && !value->tag && value->scalar_style == YAML_PLAIN_SCALAR_STYLE) {
		*text = "~";
		*length = 1;
	}
}

/* libyaml's check_simple_key for a value as key (`info`: the analysis of a scalar key). */
static bool simple_value_key(const YamlValue *key, bool in_flow, const TagData *tag,
			     ScalarInfo *info)
{
	size_t length = tag->handle_length + tag->suffix_length;
	if (key->type != YAML_VALUE_SCALAR)
		return key->count == 0 && length <= SIMPLE_KEY_MAX;
	const char *text;
	size_t text_length;
	value_text(key, in_flow, &text, &text_length);
	analyze_scalar(text, text_length, false, info);
	return !info->multiline && length + info->length <= SIMPLE_KEY_MAX;
}

/* A value of an unknown key, as yaml_value_emit gave it to libyaml; `known`: the analysis of a
 * scalar, when done already (NULL: not yet). Its strings never took the pairs (see top). */
static void yaml_value_node(Emitter *e, Context context, const YamlValue *value, bool in_flow,
			    const ScalarInfo *known)
{
	if (!e->ok)
		return;
	TagData tag = analyze_tag(e, value->tag);
	if (value->type == YAML_VALUE_SCALAR) {
		const char *text;
		size_t length;
		value_text(value, in_flow, &text, &length);
		ScalarInfo info;
		if (!known) {
			analyze_scalar(text, length, false, &info);
			known = &info;
		}
		scalar_node(e, context, text, length, value->scalar_style, &tag, known);
		return;
	}
	bool children_in_flow = in_flow || value->flow;
	if (value->type == YAML_VALUE_SEQUENCE) {
		Collection c = sequence_start(e, context, &tag, value->flow, value->count == 0);
		for (size_t i = 0; e->ok && i < value->count; i++)
			yaml_value_node(e, sequence_item(e, &c), value->items[i], children_in_flow, NULL);
		sequence_end(e, &c);
		return;
	}
	Collection c = mapping_start(e, &tag, value->flow, value->count == 0);
	for (size_t i = 0; e->ok && i < value->count; i++) {
		const YamlValue *key = value->keys[i];
		TagData key_tag = analyze_tag(e, key->tag);
		ScalarInfo info;
		bool simple = simple_value_key(key, children_in_flow, &key_tag, &info);
		yaml_value_node(e, mapping_key(e, &c, simple), key, children_in_flow,
				key->type == YAML_VALUE_SCALAR ? &info : NULL);
		yaml_value_node(e, mapping_value(e, &c, simple), value->items[i], children_in_flow,
				NULL);
	}
	mapping_end(e, &c);
}

/* ---- the model ---- */

static bool all_of(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return n > 0;
}

/* Whether a YAML 1.1 or 1.2 reader would take this plain scalar for something other than a
 * string (null, bool, number, timestamp, merge key): then it is written quoted. */
bool store_plain_would_not_be_string(const char *s, size_t n)
{
	static const char words[][8] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		"y", "Y", "n", "N", ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "<<", "=",
	};
	if (n == 0)
		return true;
	if (n <= 6) {
		const char *word = s + (n > 1 && (s[0] == '+' || s[0] == '-') && s[1] == '.');
		size_t word_length = n - (size_t)(word - s);
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (words[i][0] == word[0] && memcmp(words[i], word, word_length) == 0 &&
			    words[i][word_length] == '\0')
				return true;
	}
	size_t i = s[0] == '+' || s[0] == '-';
	if (i == n || !(s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
		return false;
	/* 2026-11-25, 2026-11-25T11:00:00Z */
	if (n - i >= 6 && all_of(s + i, 4, "0123456789") && s[i + 4] == '-')
		return true;
	if (n - i > 2 && s[i] == '0' && strchr("xXoObB", s[i + 1]))
		return all_of(s + i + 2, n - i - 2, "0123456789abcdefABCDEF_");
	/* digits [_ :] . digits [e[+-]digits] */
	bool digit = false;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == ':'))
		digit |= s[i++] != '_';
	if (i < n && s[i] == '.')
		for (i++; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
			digit = true;
	if (digit && i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exponent = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == exponent)
			return false;
	}
	return digit && i == n;
}

/* A string of the model: plain when a reader would read it back as this string, else quoted. */
static void string_value(Emitter *e, Context context, const char *s, size_t n)
{
	scalar(e, context, s, n,
	       store_plain_would_not_be_string(s, n) ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
}

static void string_field_n(Emitter *e, Collection *c, const char *key, size_t key_length,
			   const char *value)
{
	if (value)
		string_value(e, known_key_n(e, c, key, key_length), value, strlen(value));
}
#define string_field(e, c, key, value) string_field_n(e, c, key "", sizeof key - 1, value)

static void unsigned_value(Emitter *e, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	plain_word(e, digits + n, sizeof digits - n);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void double_value(Emitter *e, Context context, double value)
{
	/* Confidences are often hundredths: the shortest form of k/100 without printf. */
	long hundredths = lround(value * 100.0);
	if (hundredths >= 0 && hundredths <= 100 && (double)hundredths / 100.0 == value &&
	    !signbit(value)) {
		char short_form[5] = { '0', '.', (char)('0' + hundredths / 10),
				       (char)('0' + hundredths % 10), '\0' };
		if (hundredths == 100)
			plain_word(e, "1", 1);
		else if (hundredths == 0)
			plain_word(e, "0", 1);
		else
			plain_word(e, short_form, hundredths % 10 ? 4 : 3);
		return;
	}
	char text[40];
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*g", precision, value);
		if (strtod(text, NULL) == value)
			break;
	}
	/* Asked for as plain: a number always is; anything else (inf, nan) as libyaml would. */
	if (isdigit((unsigned char)text[0]) || (text[0] == '-' && isdigit((unsigned char)text[1])))
		plain_word(e, text, strlen(text));
	else
		scalar(e, context, text, strlen(text), YAML_PLAIN_SCALAR_STYLE);
}

static void extras(Emitter *e, Collection *c, const ExtraFields *fields, bool in_flow)
{
	for (size_t i = 0; e->ok && i < fields->count; i++) {
		const char *key = fields->items[i].key;
		size_t length = strlen(key);
		ScalarInfo info;
		analyze_scalar(key, length, e->astral_printable, &info);
		bool simple = !info.multiline && info.length <= SIMPLE_KEY_MAX;
		Context key_context = mapping_key(e, c, simple);
		scalar_node(e, key_context, key, length,
			    store_plain_would_not_be_string(key, length) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
								   : YAML_ANY_SCALAR_STYLE,
			    NULL, &info);
		yaml_value_node(e, mapping_value(e, c, simple), fields->items[i].value, in_flow, NULL);
	}
}

static void position_field_n(Emitter *e, Collection *c, const char *key, size_t key_length,
			     size_t byte)
{
	known_key_n(e, c, key, key_length);
	unsigned_value(e, article_cp_of_byte(e->article, byte));
}

#define position_field(e, c, key, byte) position_field_n(e, c, key "", sizeof key - 1, byte)

static void null_value(Emitter *e)
{
	plain_word(e, "null", 4);
}

static void span_value(Emitter *e, const Span *span)
{
	Collection c = mapping_start(e, NULL, true, false);
	position_field(e, &c, "start", span->start);
	position_field(e, &c, "end", span->end);
	string_value(e, known_key(e, &c, "text"), article_text(e->article) + span->start,
		     span->end - span->start);
	string_field(e, &c, "ref", span->ref);
	if (span->part_count) {
		known_key(e, &c, "parts");
		Collection parts = sequence_start(e, (Context){ .mapping = true }, NULL, true, false);
		for (size_t i = 0; i < span->part_count; i++) {
			sequence_item(e, &parts);
			Collection part = mapping_start(e, NULL, true, false);
			position_field(e, &part, "start", span->parts[i].start);
			position_field(e, &part, "end", span->parts[i].end);
			mapping_end(e, &part);
		}
		sequence_end(e, &parts);
	}
	extras(e, &c, &span->extras, true);
	mapping_end(e, &c);
}

static void span_field(Emitter *e, Collection *c, const char *key, size_t key_length,
		       const Span *span)
{
	known_key_n(e, c, key, key_length);
	span_value(e, span);
}

static void original_field(Emitter *e, Collection *c, const AnnotationOriginal *original)
{
	known_key(e, c, "original");
	bool empty = !original->fields && !original->extras.count;
	Collection o = mapping_start(e, NULL, false, empty);
	const Span *spans[] = { &original->speaker, &original->cue, &original->claim };
	static const unsigned bits[] = { FIELD_SPEAKER, FIELD_CUE, FIELD_CLAIM };
	static const char *const names[] = { "speaker", "cue", "claim" };
	for (size_t i = 0; i < 3; i++) {
		if (!(original->fields & bits[i]))
			continue;
		if (spans[i]->present) {
			span_field(e, &o, names[i], strlen(names[i]), spans[i]);
		} else {
			known_key_n(e, &o, names[i], strlen(names[i]));
			null_value(e);
		}
	}
	if (original->fields & FIELD_KIND) {
		known_key(e, &o, "kind");
		if (original->kind != KIND_UNSET)
			plain_word(e, claim_kind_name(original->kind), strlen(claim_kind_name(original->kind)));
		else
			null_value(e);
	}
	if (original->fields & FIELD_LABEL) {
		Context context = known_key(e, &o, "label");
		if (original->label)
			string_value(e, context, original->label, strlen(original->label));
		else
			null_value(e);
	}
	extras(e, &o, &original->extras, false);
	mapping_end(e, &o);
}

static void annotation_value(Emitter *e, const Annotation *a)
{
	Collection c = mapping_start(e, NULL, false, false); /* never empty: status is always there */
	string_field(e, &c, "id", a->id);
	known_key(e, &c, "status");
	const char *status = annotation_status_name(a->status);
	plain_word(e, status, strlen(status));
	if (a->kind != KIND_UNSET) {
		known_key(e, &c, "kind");
		plain_word(e, claim_kind_name(a->kind), strlen(claim_kind_name(a->kind)));
	}
	if (a->speaker.present)
		span_field(e, &c, "speaker", 7, &a->speaker);
	if (a->cue.present)
		span_field(e, &c, "cue", 3, &a->cue);
	if (a->claim.present)
		span_field(e, &c, "claim", 5, &a->claim);
	string_field(e, &c, "label", a->label);
	if (a->has_confidence)
		double_value(e, known_key(e, &c, "confidence"), a->confidence);
	string_field(e, &c, "note", a->note);
	if (a->original)
		original_field(e, &c, a->original);
	extras(e, &c, &a->extras, false);
	mapping_end(e, &c);
}

static void document_field(Emitter *e, Collection *root, const AnnotationSet *set)
{
	known_key(e, root, "document");
	Collection c = mapping_start(e, NULL, false, false); /* never empty: length */
	if (set->document_inline) {
		/* A literal block keeps the article readable; the style falls back to double quotes
		 * when the text cannot be one (trailing spaces, tabs, CR). */
		scalar(e, known_key(e, &c, "text"), article_text(set->article),
		       article_size(set->article), YAML_LITERAL_SCALAR_STYLE);
	} else {
		string_field(e, &c, "path", set->document_path);
	}
	string_field(e, &c, "id", set->document_id);
	known_key(e, &c, "length");
	unsigned_value(e, article_length(set->article));
	string_field(e, &c, "sha256", set->document_sha256);
	extras(e, &c, &set->document_extras, false);
	mapping_end(e, &c);
}

static void annotation_list(Emitter *e, Collection *root, const char *key, const Annotation *list,
			    const size_t *order, size_t count)
{
	Context context = known_key_n(e, root, key, strlen(key));
	Collection c = sequence_start(e, context, NULL, false, count == 0);
	for (size_t i = 0; e->ok && i < count; i++) {
		sequence_item(e, &c);
		annotation_value(e, &list[order ? order[i] : i]);
	}
	sequence_end(e, &c);
}

static void speaker_list(Emitter *e, Collection *root, const AnnotationSet *set)
{
	Context context = known_key(e, root, "speakers");
	Collection c = sequence_start(e, context, NULL, false, false);
	for (size_t i = 0; e->ok && i < set->speaker_count; i++) {
		const Speaker *speaker = &set->speakers[i];
		sequence_item(e, &c);
		bool empty = !speaker->id && !speaker->name && speaker->type == SPEAKER_UNSET &&
			     !speaker->extras.count;
		Collection s = mapping_start(e, NULL, false, empty);
		string_field(e, &s, "id", speaker->id);
		string_field(e, &s, "name", speaker->name);
		if (speaker->type != SPEAKER_UNSET) {
			known_key(e, &s, "type");
			const char *type = speaker_type_name(speaker->type);
			plain_word(e, type, strlen(type));
		}
		extras(e, &s, &speaker->extras, false);
		mapping_end(e, &s);
	}
	sequence_end(e, &c);
}

static void write_set(Emitter *e, const AnnotationSet *set, const size_t *order)
{
	Collection root = mapping_start(e, NULL, false, false);
	known_key(e, &root, "saywho");
	unsigned_value(e, (size_t)set->schema);
	document_field(e, &root, set);
	if (set->has_engine) {
		known_key(e, &root, "engine");
		bool empty = !set->engine_name && !set->engine_version && !set->engine_extras.count;
		Collection c = mapping_start(e, NULL, true, empty);
		string_field(e, &c, "name", set->engine_name);
		string_field(e, &c, "version", set->engine_version);
		extras(e, &c, &set->engine_extras, true);
		mapping_end(e, &c);
	}
	string_field(e, &root, "annotator", set->annotator);
	if (set->updated)
		scalar(e, known_key(e, &root, "updated"), set->updated, strlen(set->updated),
		       YAML_ANY_SCALAR_STYLE);
	if (set->has_labels) {
		Context context = known_key(e, &root, "labels");
		Collection c = sequence_start(e, context, NULL, true, set->label_count == 0);
		for (size_t i = 0; i < set->label_count; i++)
			string_value(e, sequence_item(e, &c), set->labels[i], strlen(set->labels[i]));
		sequence_end(e, &c);
	}
	if (set->speaker_count)
		speaker_list(e, &root, set);
	annotation_list(e, &root, "annotations", set->annotations, order, set->annotation_count);
	if (set->has_optional)
		annotation_list(e, &root, "optional", set->optional, NULL, set->optional_count);
	extras(e, &root, &set->extras, false);
	mapping_end(e, &root);
	/* Document end (implicit), then stream end. */
	write_indent(e);
	if (e->open_ended == 2) {
		write_indicator(e, "...", true, false, false);
		e->open_ended = 0;
		write_indent(e);
	}
}

/* ---- characters above U+FFFF (see the top) ---- */

static void pair_scan(const char *s, size_t n, bool *astral, bool *private_use)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xF0)
			*astral = true;
		else if (c == 0xEE && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
			*private_use = true;
	}
}

static void pair_scan_string(const char *s, bool *astral, bool *private_use)
{
	if (s)
		pair_scan(s, strlen(s), astral, private_use);
}

static void pair_scan_value(const YamlValue *v, bool *astral, bool *private_use)
{
	if (!v)
		return;
	pair_scan_string(v->tag, astral, private_use);
	if (v->scalar)
		pair_scan(v->scalar, v->scalar_length, astral, private_use);
	for (size_t i = 0; i < v->count; i++) {
		pair_scan_value(v->items[i], astral, private_use);
		if (v->keys)
			pair_scan_value(v->keys[i], astral, private_use);
	}
}

static void pair_scan_extras(const ExtraFields *extras, bool *astral, bool *private_use)
{
	for (size_t i = 0; i < extras->count; i++) {
		pair_scan_string(extras->items[i].key, astral, private_use);
		pair_scan_value(extras->items[i].value, astral, private_use);
	}
}

static void pair_scan_span(const Span *span, bool *astral, bool *private_use)
{
	pair_scan_string(span->ref, astral, private_use);
	pair_scan_extras(&span->extras, astral, private_use);
}

static void pair_scan_annotations(const Annotation *list, size_t count, bool *astral,
				  bool *private_use)
{
	for (size_t i = 0; i < count; i++) {
		const Annotation *a = &list[i];
		pair_scan_string(a->id, astral, private_use);
		pair_scan_string(a->label, astral, private_use);
		pair_scan_string(a->note, astral, private_use);
		pair_scan_span(&a->speaker, astral, private_use);
		pair_scan_span(&a->cue, astral, private_use);
		pair_scan_span(&a->claim, astral, private_use);
		pair_scan_extras(&a->extras, astral, private_use);
		if (a->original) {
			pair_scan_string(a->original->label, astral, private_use);
			pair_scan_span(&a->original->speaker, astral, private_use);
			pair_scan_span(&a->original->cue, astral, private_use);
			pair_scan_span(&a->original->claim, astral, private_use);
			pair_scan_extras(&a->original->extras, astral, private_use);
		}
	}
}

/* Whether the old writer's pairs were on: something above U+FFFF and no U+E000..U+E7FF
 * anywhere. The article's text covers every span text and an inline document. */
bool store_astral_characters_printable(const AnnotationSet *set)
{
	bool astral = false, private_use = false;
	pair_scan(article_text(set->article), article_size(set->article), &astral, &private_use);
	const char *strings[] = { set->document_path, set->document_id, set->document_sha256,
				  set->engine_name, set->engine_version, set->annotator, set->updated };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		pair_scan_string(strings[i], &astral, &private_use);
	for (size_t i = 0; i < set->label_count; i++)
		pair_scan_string(set->labels[i], &astral, &private_use);
	for (size_t i = 0; i < set->speaker_count; i++) {
		pair_scan_string(set->speakers[i].id, &astral, &private_use);
		pair_scan_string(set->speakers[i].name, &astral, &private_use);
		pair_scan_extras(&set->speakers[i].extras, &astral, &private_use);
	}
	pair_scan_annotations(set->annotations, set->annotation_count, &astral, &private_use);
	pair_scan_annotations(set->optional, set->optional_count, &astral, &private_use);
	pair_scan_extras(&set->extras, &astral, &private_use);
	pair_scan_extras(&set->document_extras, &astral, &private_use);
	pair_scan_extras(&set->engine_extras, &astral, &private_use);
	return astral && !private_use;
}

/* ---- entry points ---- */

void store_now_iso8601(char out[32])
{
	const char *now = getenv("SAYWHO_NOW");
	if (now && *now) {
		snprintf(out, 32, "%s", now);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool store_write(AnnotationSet *set, FILE *out, const char *name_for_messages, Diagnostics *diag)
{
	const char *name = name_for_messages ? name_for_messages : "-";
	if (!set->article) {
		diagnostics_add(diag, DIAG_ERROR, name, 0, 0, "cannot write: the set has no article");
		return false;
	}
	if (history_is_modified(set)) {
		char now[32];
		store_now_iso8601(now);
		free(set->updated);
		set->updated = xstrdup(now);
	}
	/* The spans were checked against this article: its hash is the one that is true now. */
	const char *sha256 = article_sha256(set->article);
	if (set->document_sha256 && strcasecmp(set->document_sha256, sha256) != 0) {
		free(set->document_sha256);
		set->document_sha256 = xstrdup(sha256);
	}

	Emitter e = { .out = out, .buffer = xmalloc(OUTPUT_BUFFER), .ok = true,
		      .article = set->article, .indent = -1, .whitespace = true, .indention = true };
	e.astral_printable = store_astral_characters_printable(set);
	size_t *order = annotation_set_position_order(set);
	errno = 0;
	write_set(&e, set, order);
	free(order);
	flush_output(&e);
	if (e.ok && fflush(out) != 0) {
		e.write_errno = errno ? errno : EIO;
		e.ok = false;
	}
	if (!e.ok) {
		if (e.problem)
			diagnostics_add(diag, DIAG_ERROR, name, 0, 0, "cannot write the YAML: %s", e.problem);
		else
			diagnostics_add(diag, DIAG_ERROR, name, 0, 0, "cannot write: %s",
					strerror(e.write_errno ? e.write_errno : EIO));
	}
	free(e.buffer);
	return e.ok;
}
/* ---- atomic save ---- */

static mode_t new_file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0644 & ~mask;
}

static void save_failed(Diagnostics *diag, const char *path, const char *what, const char *where,
			int error)
{
	diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "not saved (the file on disk is unchanged): %s %s: %s",
			what, where, strerror(error));
}

bool store_save(AnnotationSet *set, const char *path, Diagnostics *diag)
{
	return store_save_with(set, path, NULL, diag);
}

bool store_save_with(AnnotationSet *set, const char *path, const StoreSaveOptions *options,
		     Diagnostics *diag)
{
	bool sync = !(options && options->no_sync);
	if (!path)
		path = set->file_path;
	if (!path) {
		diagnostics_add(diag, DIAG_ERROR, "-", 0, 0, "not saved: no file name to save to");
		return false;
	}
	/* Replace what a symlink points at, not the link. */
	char *target = NULL;
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (exists && S_ISLNK(st.st_mode))
		target = realpath(path, NULL);
	if (!target)
		target = xstrdup(path);
	exists = stat(target, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		save_failed(diag, path, "cannot replace", "it (not a regular file)", EINVAL);
		free(target);
		return false;
	}
	mode_t mode = exists ? (st.st_mode & 07777) : new_file_mode();

	char *folder = path_folder(target);
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	size_t size = strlen(folder) + strlen(base) + 16;
	char *temp = xmalloc(size);
	snprintf(temp, size, "%s/.%s.XXXXXX", folder, base);

	bool ok = false;
	FILE *out = NULL;
	int fd = mkstemp(temp);
	if (fd < 0) {
		save_failed(diag, path, "cannot create a temporary file in", folder, errno);
		goto done;
	}
	out = fdopen(fd, "w");
	if (!out) {
		save_failed(diag, path, "cannot write", temp, errno);
		close(fd);
		goto remove_temp;
	}
	if (!store_write(set, out, path, diag))
		goto remove_temp;
	if (sync && fsync(fd) != 0) {
		save_failed(diag, path, "cannot sync", temp, errno);
		goto remove_temp;
	}
	if (fchmod(fd, mode) != 0) {
		save_failed(diag, path, "cannot set the permissions of", temp, errno);
		goto remove_temp;
	}
	int closed = fclose(out);
	out = NULL;
	if (closed != 0) {
		save_failed(diag, path, "cannot write", temp, errno);
		goto remove_temp;
	}
	if (rename(temp, target) != 0) {
		save_failed(diag, path, "cannot rename the temporary file over", target, errno);
		goto remove_temp;
	}
	ok = true;
	/* Make the rename itself durable. Some file systems cannot sync a folder (EINVAL). */
	int dir = sync ? open(folder, O_RDONLY | O_DIRECTORY) : -1;
	if (dir >= 0) {
		if (fsync(dir) != 0 && errno != EINVAL)
			diagnostics_add(diag, DIAG_WARNING, path, 0, 0,
					"saved, but syncing the folder %s failed: %s", folder,
					strerror(errno));
		close(dir);
	}
	history_mark_saved(set);
	if (!set->file_path || strcmp(set->file_path, path) != 0) {
		free(set->file_path);
		set->file_path = xstrdup(path);
	}
	goto done;
remove_temp:
	if (out)
		fclose(out);
	unlink(temp);
done:
	free(temp);
	free(folder);
	free(target);
	return ok;
}
