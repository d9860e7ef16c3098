/* The YAML store, reading: schema-1 files in (libyaml events, checked as they stream by). The
 * writer and the atomic save are in store_write.c.
 *
 * Loading reads the file once, front to back, building the model as it goes: spans are turned
 * into byte offsets and their `text` compared with the article straight from libyaml's buffer,
 * so nothing is kept that the model does not need. That needs the article before the first
 * span; a file that puts `annotations` before `document` is read a second time for them.
 * Speaker refs and labels met before `speakers`/`labels` are checked at the end. */
#include "model/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "model/history.h"
#include "model/path.h"
#include "model/store_chunks.h"
#include "model/yaml_value.h"

/* ------------------------------------------------------------------------------------------ */
/* A string -> line table (ids, labels) with open addressing: checks stay O(1) on big files.   */

/* One slot holds key, hash and line together: a probe touches one cache line, not three
 * arrays (with 100,000 ids the table is far bigger than the cache). */
typedef struct NameSlot {
	const char *key; /* not owned: it points into the set being built; NULL: empty slot */
	uint32_t hash;   /* probing compares this before the strings */
	unsigned line;
} NameSlot;

typedef struct NameTable {
	NameSlot *slots;
	size_t capacity, count;
} NameTable;

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t name_table_slot(const NameTable *table, const char *key, uint32_t hash)
{
	size_t mask = table->capacity - 1;
	size_t i = hash & mask;
	const NameSlot *slots = table->slots;
	while (slots[i].key && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & mask;
	return i;
}

/* The line (>= 1) the key was first seen on, or 0 when it is not in the table. */
static unsigned name_table_find(const NameTable *table, const char *key)
{
	if (!table->capacity)
		return 0;
	const NameSlot *slot = &table->slots[name_table_slot(table, key, name_hash(key))];
	return slot->key ? slot->line : 0;
}

static void name_table_grow(NameTable *table)
{
	NameTable bigger = { .capacity = table->capacity ? table->capacity * 2 : 64 };
	bigger.slots = xcalloc(bigger.capacity, sizeof *bigger.slots);
	for (size_t i = 0; i < table->capacity; i++)
		if (table->slots[i].key)
			bigger.slots[name_table_slot(&bigger, table->slots[i].key,
						     table->slots[i].hash)] = table->slots[i];
	bigger.count = table->count;
	free(table->slots);
	*table = bigger;
}

/* Adds key (kept by pointer) unless present; returns the earlier line when it was present. */
static unsigned name_table_add(NameTable *table, const char *key, unsigned line)
{
	if ((table->count + 1) * 2 > table->capacity)
		name_table_grow(table);
	uint32_t hash = name_hash(key);
	NameSlot *slot = &table->slots[name_table_slot(table, key, hash)];
	if (slot->key)
		return slot->line;
	*slot = (NameSlot){ key, hash, line };
	table->count++;
	return 0;
}

/* Room for `count` keys without growing (a list whose size is known or estimated). */
static void name_table_reserve(NameTable *table, size_t count)
{
	size_t capacity = 64;
	while (capacity < count * 2)
		capacity *= 2;
	if (table->count || capacity <= table->capacity)
		return;
	free(table->slots);
	table->slots = xcalloc(capacity, sizeof *table->slots);
	table->capacity = capacity;
}

static void name_table_free(NameTable *table)
{
	free(table->slots);
	*table = (NameTable){0};
}

/* ------------------------------------------------------------------------------------------ */
/* The loader                                                                                  */

/* Stands in for an alias, which is refused: reported once, then skipped silently. */
static const char alias_placeholder_tag[] = "!saywho-refused-alias";

/* A reference checked at the end because `speakers` or `labels` came after it. */
typedef struct PendingName {
	char *name;
	yaml_mark_t mark;
	bool is_label; /* else a speaker ref */
} PendingName;

/* One piece of a span as read: code points, with where each value was. */
typedef struct RawRange {
	yaml_mark_t mark;
	bool start_seen, end_seen; /* the keys are there */
	bool has_start, has_end;   /* ... and their values are integers */
	long long start, end;
	yaml_mark_t start_mark, end_mark;
	const char *text; /* in text_event's value; NULL when the file has none */
	size_t text_length;
	yaml_mark_t text_mark;
	yaml_event_t text_event; /* kept until the text is compared (no copy), then released */
} RawRange;

enum { TOP_SAYWHO, TOP_DOCUMENT, TOP_ENGINE, TOP_ANNOTATOR, TOP_UPDATED, TOP_LABELS,
       TOP_SPEAKERS, TOP_ANNOTATIONS, TOP_OPTIONAL, TOP_KEY_COUNT };
static const char *const top_keys[TOP_KEY_COUNT] = {
	"saywho", "document", "engine", "annotator", "updated", "labels", "speakers",
	"annotations", "optional",
};

typedef struct Loader {
	yaml_parser_t parser;
	bool parser_open;
	const char *name;       /* the YAML file, for messages */
	const char *base_dir;   /* resolves document.path */
	const char *memory;     /* the input, when loading from memory */
	size_t memory_size;
	FILE *file;             /* the input, when loading from a file */
	Diagnostics *diag;
	const StoreLoadOptions *options;
	Article *given_article; /* options->article, until the set takes it */

	int depth;
	bool broken;            /* the YAML itself cannot be read further */
	bool second_pass;       /* re-reading for annotations that came before the document */
	bool deferred;          /* annotations were skipped in the first pass */
	size_t errors;

	AnnotationSet *set;
	bool document_read;     /* the document mapping has been read (article or not) */
	size_t article_length;  /* code points, when set->article */
	bool labels_read, speakers_read;
	NameTable speaker_ids, annotation_ids, label_names;
	PendingName *pending;
	size_t pending_count, pending_capacity;
	size_t optional_capacity;
	size_t input_size;      /* bytes of YAML: bounds how many annotations it can hold */

	/* Reading the annotation list in parallel (store_chunks.h): the main parser reads the
	 * file with the items replaced by a placeholder " []" on placeholder_line; when read_top
	 * meets it, the items' events come from the chunks (replaying) until they end. Anything
	 * unexpected sets chunk_failed, and the file is then read again serially (fall_back). */
	ChunkedParse *chunks;
	size_t placeholder_line;
	bool replaying, replayed, expect_placeholder_end, chunk_failed, fall_back;
} Loader;

static void vproblem(Loader *l, DiagSeverity severity, yaml_mark_t mark, const char *format,
		     va_list args)
{
	diagnostics_vadd(l->diag, severity, l->name, (unsigned)mark.line + 1,
			 (unsigned)mark.column + 1, format, args);
	if (severity == DIAG_ERROR)
		l->errors++;
}

static void problem_at(Loader *l, DiagSeverity severity, yaml_mark_t mark, const char *format, ...)
	__attribute__((format(printf, 4, 5)));
static void error_at(Loader *l, yaml_mark_t mark, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
static void warning_at(Loader *l, yaml_mark_t mark, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void problem_at(Loader *l, DiagSeverity severity, yaml_mark_t mark, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vproblem(l, severity, mark, format, args);
	va_end(args);
}

static void error_at(Loader *l, yaml_mark_t mark, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vproblem(l, DIAG_ERROR, mark, format, args);
	va_end(args);
}

static void warning_at(Loader *l, yaml_mark_t mark, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vproblem(l, DIAG_WARNING, mark, format, args);
	va_end(args);
}

/* "claim.start", "start" or "original.claim.start": only built when a message needs it. */
static const char *field_name(char *buffer, size_t size, const char *parent, const char *field)
{
	snprintf(buffer, size, "%s%s%s", parent ? parent : "", parent && *parent ? "." : "", field);
	return buffer;
}

/* A value for a message: at most 60 code points, quotes and line breaks escaped. */
static const char *quoted_snippet(char *out, size_t size, const char *text, size_t length)
{
	size_t n = 0, code_points = 0;
	out[n++] = '"';
	for (size_t i = 0; i < length && n + 8 < size; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c & 0xC0) != 0x80 && ++code_points > 60) {
			memcpy(out + n, "\xE2\x80\xA6", 3); /* … */
			n += 3;
			break;
		}
		if (c == '\n' || c == '\t' || c == '\r' || c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : (char)c;
		} else {
			out[n++] = (char)c;
		}
	}
	out[n++] = '"';
	out[n] = '\0';
	return out;
}

/* Line and column (code points) of a byte offset of the input: for libyaml's reader errors,
 * which give only the offset. */
static void input_position(Loader *l, size_t offset, yaml_mark_t *mark)
{
	*mark = (yaml_mark_t){0};
	FILE *in = l->memory ? NULL : fopen(l->name, "rb");
	for (size_t i = 0; i < offset; i++) {
		int c;
		if (l->memory)
			c = i < l->memory_size ? (unsigned char)l->memory[i] : EOF;
		else
			c = getc(in);
		if (c == EOF)
			break;
		if (c == '\n') {
			mark->line++;
			mark->column = 0;
		} else if ((c & 0xC0) != 0x80) {
			mark->column++;
		}
	}
	if (in)
		fclose(in);
}

static void report_parser_error(Loader *l)
{
	yaml_parser_t *p = &l->parser;
	const char *problem = p->problem ? p->problem : "the YAML could not be read";
	if (p->error == YAML_READER_ERROR) {
		yaml_mark_t mark;
		input_position(l, p->problem_offset, &mark);
		error_at(l, mark, "%s (the file must be UTF-8 text)", problem);
	} else if (p->error == YAML_MEMORY_ERROR) {
		diagnostics_add(l->diag, DIAG_ERROR, l->name, 0, 0, "out of memory reading the YAML");
		l->errors++;
	} else if (p->context) {
		error_at(l, p->problem_mark, "%s %s started at line %zu", problem, p->context,
			 p->context_mark.line + 1);
	} else {
		error_at(l, p->problem_mark, "%s", problem);
	}
}

/* Events from the chunks borrow their strings (store_chunks.h): they are never freed, and what is
 * kept is copied. */
static bool is_borrowed(const yaml_event_t *e)
{
	return e->end_mark.index == CHUNK_BORROWED_EVENT;
}

static void release_event(yaml_event_t *e)
{
	if (is_borrowed(e))
		e->type = YAML_NO_EVENT; /* nothing to free */
	else
		yaml_event_delete(e);
}

static yaml_char_t *copy_bytes(const yaml_char_t *s, size_t length)
{
	yaml_char_t *copy = xmalloc(length + 1);
	memcpy(copy, s, length);
	copy[length] = '\0';
	return copy;
}

static yaml_char_t *copy_optional(const yaml_char_t *s)
{
	return s ? copy_bytes(s, strlen((const char *)s)) : NULL;
}

/* Makes a borrowed event an ordinary one, owning its strings (for yaml_value.c). */
static void own_event(yaml_event_t *e)
{
	if (!is_borrowed(e))
		return;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		e->data.scalar.value = copy_bytes(e->data.scalar.value, e->data.scalar.length);
		e->data.scalar.tag = copy_optional(e->data.scalar.tag);
		e->data.scalar.anchor = copy_optional(e->data.scalar.anchor);
		break;
	case YAML_SEQUENCE_START_EVENT:
		e->data.sequence_start.tag = copy_optional(e->data.sequence_start.tag);
		e->data.sequence_start.anchor = copy_optional(e->data.sequence_start.anchor);
		break;
	case YAML_MAPPING_START_EVENT:
		e->data.mapping_start.tag = copy_optional(e->data.mapping_start.tag);
		e->data.mapping_start.anchor = copy_optional(e->data.mapping_start.anchor);
		break;
	case YAML_ALIAS_EVENT:
		e->data.alias.anchor = copy_optional(e->data.alias.anchor);
		break;
	default:
		break;
	}
	e->end_mark.index = e->start_mark.index;
}

/* The scalar's text as a string of the caller's; the event is consumed. */
static char *take_scalar_text(yaml_event_t *e)
{
	char *s;
	if (is_borrowed(e)) {
		s = (char *)copy_bytes(e->data.scalar.value, e->data.scalar.length);
	} else {
		s = (char *)e->data.scalar.value;
		e->data.scalar.value = NULL;
	}
	release_event(e);
	return s;
}

/* The next event of the input: the items from the chunks while replaying, else the parser. */
static bool pull_event(Loader *l, yaml_event_t *e)
{
	if (l->replaying) {
		if (chunked_parse_next(l->chunks, e))
			return true;
		l->replaying = false;
		if (chunked_parse_failed(l->chunks))
			return false;
		l->replayed = true;
		l->expect_placeholder_end = true;
	}
	if (!yaml_parser_parse(&l->parser, e))
		return false;
	if (l->expect_placeholder_end) {
		/* The placeholder's "]" must follow the items. */
		l->expect_placeholder_end = false;
		if (e->type != YAML_SEQUENCE_END_EVENT)
			l->chunk_failed = true;
	}
	return true;
}

static const yaml_char_t *event_anchor(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SCALAR_EVENT: return e->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return e->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return e->data.mapping_start.anchor;
	default: return NULL;
	}
}

/* The one door for events: refuses aliases and anchors, caps the nesting depth. */
static bool next_event(Loader *l, yaml_event_t *e)
{
	if (l->broken)
		return false;
	if (!pull_event(l, e)) {
		/* In a parallel read any failure sends the file to the serial read, which reports
		 * it exactly. */
		if (l->chunks)
			l->chunk_failed = true;
		else if (!l->second_pass)
			report_parser_error(l);
		l->broken = true;
		return false;
	}
	if (l->chunk_failed) {
		l->broken = true;
		release_event(e);
		return false;
	}
	const yaml_char_t *anchor = event_anchor(e);
	if (anchor && !l->second_pass)
		error_at(l, e->start_mark, "anchors (&%s) are not supported: write the value out", anchor);
	switch (e->type) {
	case YAML_ALIAS_EVENT: {
		if (!l->second_pass)
			error_at(l, e->start_mark,
				 "aliases (*%s) are not supported: write the value out",
				 e->data.alias.anchor);
		yaml_mark_t start = e->start_mark, end = e->end_mark;
		release_event(e);
		yaml_scalar_event_initialize(e, NULL, (yaml_char_t *)alias_placeholder_tag,
					     (yaml_char_t *)"", 0, 0, 0, YAML_PLAIN_SCALAR_STYLE);
		e->start_mark = start;
		e->end_mark = end;
		e->end_mark.index = start.index; /* its own strings, never borrowed */
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (++l->depth > STORE_MAX_DEPTH) {
			if (!l->second_pass)
				error_at(l, e->start_mark, "nesting deeper than %d levels",
					 STORE_MAX_DEPTH);
			release_event(e);
			l->broken = true;
			return false;
		}
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		l->depth--;
		break;
	default:
		break;
	}
	return true;
}

static bool event_source(void *context, yaml_event_t *e)
{
	if (!next_event(context, e))
		return false;
	own_event(e);
	return true;
}

static bool is_placeholder(const yaml_event_t *e)
{
	return e->type == YAML_SCALAR_EVENT && e->data.scalar.tag &&
	       strcmp((const char *)e->data.scalar.tag, alias_placeholder_tag) == 0;
}

static bool is_plain_scalar(const yaml_event_t *e)
{
	return e->type == YAML_SCALAR_EVENT && !e->data.scalar.tag &&
	       e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool is_null(const yaml_event_t *e)
{
	if (!is_plain_scalar(e))
		return false;
	const char *s = (const char *)e->data.scalar.value;
	switch (s[0]) {
	case '\0': return true;
	case '~': return !s[1];
	case 'n': return !strcmp(s, "null");
	case 'N': return !strcmp(s, "Null") || !strcmp(s, "NULL");
	default: return false;
	}
}

/* Consumes the rest of the node that `e` starts, and deletes `e`. False when reading broke. */
static bool skip_node(Loader *l, yaml_event_t *e)
{
	int depth = e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT;
	release_event(e);
	while (depth > 0) {
		yaml_event_t inner;
		if (!next_event(l, &inner))
			return false;
		if (inner.type == YAML_SEQUENCE_START_EVENT || inner.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (inner.type == YAML_SEQUENCE_END_EVENT || inner.type == YAML_MAPPING_END_EVENT)
			depth--;
		release_event(&inner);
	}
	return true;
}

static const char *describe_node(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SEQUENCE_START_EVENT: return "a list";
	case YAML_MAPPING_START_EVENT: return "a mapping";
	default: return "a scalar";
	}
}

/* Reports that the value is not what `field` needs and skips it. */
static void wrong_type(Loader *l, yaml_event_t *e, const char *parent, const char *field,
		       const char *expected)
{
	if (!is_placeholder(e)) {
		char name[128];
		error_at(l, e->start_mark, "%s must be %s, not %s",
			 field_name(name, sizeof name, parent, field), expected, describe_node(e));
	}
	skip_node(l, e);
}

/* Pulls the next key of a mapping: true with a scalar key event (the caller deletes it); false
 * at the end of the mapping or when reading broke. Other keys are reported and skipped. */
static bool next_key(Loader *l, yaml_event_t *key)
{
	for (;;) {
		if (!next_event(l, key))
			return false;
		if (key->type == YAML_MAPPING_END_EVENT) {
			release_event(key);
			return false;
		}
		if (key->type == YAML_SCALAR_EVENT && !is_placeholder(key))
			return true;
		if (!is_placeholder(key))
			error_at(l, key->start_mark, "a key must be a string, not %s",
				 describe_node(key));
		yaml_event_t value;
		if (!skip_node(l, key) || !next_event(l, &value) || !skip_node(l, &value))
			return false;
	}
}

static const char *key_text(const yaml_event_t *key)
{
	return (const char *)key->data.scalar.value;
}

/* Index of a known key, or -1 (unknown) or -2 (a known key seen before: reported). */
static int known_key(Loader *l, const yaml_event_t *key, const char *const *names, int count,
		     unsigned *seen)
{
	const char *text = key_text(key);
	for (int i = 0; i < count; i++) {
		if (names[i][0] != text[0] || strcmp(names[i], text) != 0)
			continue;
		if (*seen & (1u << i)) {
			if (!l->second_pass)
				error_at(l, key->start_mark, "duplicate key '%s'", names[i]);
			return -2;
		}
		*seen |= 1u << i;
		return i;
	}
	return -1;
}

/* Skips the value of a duplicate key. */
static bool skip_value(Loader *l)
{
	yaml_event_t value;
	return next_event(l, &value) && skip_node(l, &value);
}

/* Keeps the value of an unknown key (the key event is consumed). */
static bool keep_unknown(Loader *l, yaml_event_t *key, ExtraFields *extras)
{
	if (extra_fields_has(extras, key_text(key))) {
		error_at(l, key->start_mark, "duplicate key '%s'", key_text(key));
		release_event(key);
		return skip_value(l);
	}
	char *name = take_scalar_text(key);
	yaml_event_t first;
	YamlValue *value = event_source(l, &first) ? yaml_value_from_events(&first, event_source, l)
						   : NULL;
	if (!value) {
		free(name);
		return false;
	}
	extra_fields_add(extras, name, value);
	return true;
}

/* The next field of a mapping (after its start event): the index of a known key among `names`,
 * with its value's first event in *value (the caller consumes it) and the key's position in
 * *key_mark. Unknown keys are kept in `extras`, or, without extras, skipped with a warning that
 * names `where`; a known key met twice is reported and skipped. Returns -1 at the end of the
 * mapping or when reading broke (l->broken). */
static int next_field(Loader *l, const char *const *names, int count, unsigned *seen,
		      ExtraFields *extras, const char *where, yaml_event_t *value,
		      yaml_mark_t *key_mark)
{
	yaml_event_t key;
	while (next_key(l, &key)) {
		int index = known_key(l, &key, names, count, seen);
		if (index == -1 && extras) {
			if (!keep_unknown(l, &key, extras))
				return -1;
			continue;
		}
		if (index == -1)
			warning_at(l, key.start_mark, "%s: unknown key '%s' is not kept", where,
				   key_text(&key));
		*key_mark = key.start_mark;
		release_event(&key);
		if (index < 0) {
			if (!skip_value(l))
				return -1;
			continue;
		}
		return next_event(l, value) ? index : -1;
	}
	return -1;
}

/* A string value to look at, in the event (not consumed: the caller releases it after use);
 * NULL after a reported problem (then the event is consumed). No copy is made. */
static const char *view_string(Loader *l, yaml_event_t *e, const char *parent, const char *field)
{
	if (e->type != YAML_SCALAR_EVENT || is_placeholder(e)) {
		wrong_type(l, e, parent, field, "a string");
		return NULL;
	}
	return (const char *)e->data.scalar.value;
}

/* A string value, taken from the event (which is consumed); NULL after a reported problem. */
static char *take_string(Loader *l, yaml_event_t *e, const char *parent, const char *field)
{
	if (e->type != YAML_SCALAR_EVENT || is_placeholder(e)) {
		wrong_type(l, e, parent, field, "a string");
		return NULL;
	}
	return take_scalar_text(e);
}

/* An optional string: null reads as absent, with a warning that it will not be written back. */
static char *take_optional_string(Loader *l, yaml_event_t *e, const char *parent,
				  const char *field)
{
	if (is_null(e)) {
		char name[128];
		warning_at(l, e->start_mark, "%s is null: read as absent, and not written back",
			   field_name(name, sizeof name, parent, field));
		release_event(e);
		return NULL;
	}
	return take_string(l, e, parent, field);
}

/* An integer (plain decimal scalar); the event is consumed. */
static bool take_integer(Loader *l, yaml_event_t *e, const char *parent, const char *field,
			 long long *out)
{
	if (e->type != YAML_SCALAR_EVENT || is_placeholder(e)) {
		wrong_type(l, e, parent, field, "an integer");
		return false;
	}
	const char *s = (const char *)e->data.scalar.value;
	/* [+-]digits (up to a NUL, as strtoll reads it), within long long. */
	const char *digit = s + (*s == '-' || *s == '+');
	bool ok = is_plain_scalar(e) && *digit;
	unsigned long long magnitude = 0;
	const unsigned long long limit = (unsigned long long)LLONG_MAX + (*s == '-');
	for (; ok && *digit; digit++) {
		unsigned value = (unsigned)(*digit - '0');
		ok = value <= 9 && magnitude <= (limit - value) / 10;
		magnitude = magnitude * 10 + value;
	}
	if (ok)
		*out = *s == '-' ? (long long)(0 - magnitude) : (long long)magnitude;
	if (!ok) {
		char name[128], snippet[256];
		error_at(l, e->start_mark, "%s must be an integer, not %s",
			 field_name(name, sizeof name, parent, field),
			 quoted_snippet(snippet, sizeof snippet, s, e->data.scalar.length));
	}
	release_event(e);
	return ok;
}

static bool starts_mapping(Loader *l, yaml_event_t *e, const char *parent, const char *field,
			   const char *expected)
{
	if (e->type == YAML_MAPPING_START_EVENT)
		return true;
	wrong_type(l, e, parent, field, expected);
	return false;
}

static bool starts_sequence(Loader *l, yaml_event_t *e, const char *parent, const char *field,
			    const char *expected)
{
	if (e->type == YAML_SEQUENCE_START_EVENT)
		return true;
	wrong_type(l, e, parent, field, expected);
	return false;
}

static void add_pending(Loader *l, const char *name, yaml_mark_t mark, bool is_label)
{
	if (l->pending_count == l->pending_capacity) {
		l->pending_capacity = l->pending_capacity ? l->pending_capacity * 2 : 16;
		l->pending = xrealloc(l->pending, l->pending_capacity * sizeof *l->pending);
	}
	l->pending[l->pending_count++] = (PendingName){ xstrdup(name), mark, is_label };
}

static void check_label(Loader *l, const char *label, yaml_mark_t mark)
{
	if (!l->labels_read)
		add_pending(l, label, mark, true);
	else if (!name_table_find(&l->label_names, label))
		error_at(l, mark, "label '%s' is not in labels", label);
}

static void check_ref(Loader *l, const char *ref, yaml_mark_t mark)
{
	if (!l->speakers_read)
		add_pending(l, ref, mark, false);
	else if (!name_table_find(&l->speaker_ids, ref))
		error_at(l, mark, "speaker ref '%s' names no entry of speakers", ref);
}

/* ---- spans ---- */

enum { RANGE_START, RANGE_END, RANGE_TEXT, RANGE_REF, RANGE_PARTS, RANGE_KEY_COUNT };
static const char *const range_keys[RANGE_KEY_COUNT] = { "start", "end", "text", "ref", "parts" };

/* Reads the keys of a span mapping (after its start event) into `raw`; `ref`, `parts` and
 * unknown keys only when `span` is given (a part has none). */
static bool read_range(Loader *l, const char *name, RawRange *raw, Span *span, RawRange **parts,
		       size_t *part_count)
{
	unsigned seen = 0;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, range_keys, span ? RANGE_KEY_COUNT : RANGE_REF, &seen,
				   span ? &span->extras : NULL, name, &value, &key_mark)) >= 0) {
		yaml_mark_t mark = value.start_mark;
		switch (index) {
		case RANGE_START:
			raw->start_seen = true;
			raw->start_mark = mark;
			raw->has_start = take_integer(l, &value, name, "start", &raw->start);
			break;
		case RANGE_END:
			raw->end_seen = true;
			raw->end_mark = mark;
			raw->has_end = take_integer(l, &value, name, "end", &raw->end);
			break;
		case RANGE_TEXT:
			raw->text_mark = mark;
			raw->text_length = value.type == YAML_SCALAR_EVENT ? value.data.scalar.length : 0;
			release_event(&raw->text_event); /* (unset: a repeated key never gets here) */
			raw->text = view_string(l, &value, name, "text");
			if (raw->text)
				raw->text_event = value;
			break;
		case RANGE_REF:
			span->ref = take_string(l, &value, name, "ref");
			if (span->ref)
				check_ref(l, span->ref, mark);
			break;
		case RANGE_PARTS: {
			if (!starts_sequence(l, &value, name, "parts", "a list of {start, end}"))
				break;
			release_event(&value);
			size_t capacity = 0;
			for (;;) {
				yaml_event_t item;
				if (!next_event(l, &item))
					return false;
				if (item.type == YAML_SEQUENCE_END_EVENT) {
					release_event(&item);
					break;
				}
				if (!starts_mapping(l, &item, name, "parts", "a list of {start, end}"))
					continue;
				if (*part_count == capacity) {
					capacity = capacity ? capacity * 2 : 4;
					*parts = xrealloc(*parts, capacity * sizeof **parts);
				}
				RawRange *part = &(*parts)[(*part_count)++];
				*part = (RawRange){ .mark = item.start_mark };
				release_event(&item);
				char part_name[128];
				snprintf(part_name, sizeof part_name, "%s.parts[%zu]", name,
					 *part_count - 1);
				if (!read_range(l, part_name, part, NULL, NULL, NULL))
					return false;
			}
			break;
		}
		}
		if (l->broken)
			return false;
	}
	return !l->broken;
}

/* Checks one piece against the article and converts it to bytes. */
static bool check_range(Loader *l, const RawRange *raw, const char *name, ByteRange *out)
{
	if (!raw->start_seen || !raw->end_seen)
		error_at(l, raw->mark, "%s needs %s", name,
			 raw->start_seen ? "end" : raw->end_seen ? "start" : "start and end");
	/* A value that was there but not an integer has been reported already. */
	if (!raw->has_start || !raw->has_end)
		return false;
	bool ok = true;
	if (raw->start < 0) {
		error_at(l, raw->start_mark, "%s.start %lld is negative", name, raw->start);
		ok = false;
	}
	if (raw->end < 0) {
		error_at(l, raw->end_mark, "%s.end %lld is negative", name, raw->end);
		ok = false;
	}
	if (ok && raw->start > raw->end) {
		error_at(l, raw->start_mark, "%s.start %lld is after %s.end %lld", name, raw->start,
			 name, raw->end);
		ok = false;
	}
	Article *article = l->set->article;
	if (!article)
		return false;
	if (ok && (unsigned long long)raw->end > l->article_length) {
		if ((unsigned long long)raw->start > l->article_length)
			error_at(l, raw->start_mark,
				 "%s.start %lld is past the end of the article (%zu code points)",
				 name, raw->start, l->article_length);
		else
			error_at(l, raw->end_mark,
				 "%s.end %lld is past the end of the article (%zu code points)",
				 name, raw->end, l->article_length);
		ok = false;
	}
	if (!ok)
		return false;
	out->start = article_byte_of_cp(article, (size_t)raw->start);
	out->end = article_byte_of_cp(article, (size_t)raw->end);
	size_t length = out->end - out->start;
	const char *covered = article_text(article) + out->start;
	if (raw->text && (raw->text_length != length || memcmp(raw->text, covered, length) != 0)) {
		char snippet[512];
		error_at(l, raw->text_mark,
			 "%s.text does not match the article, which has %s at %lld..%lld", name,
			 quoted_snippet(snippet, sizeof snippet, covered, length), raw->start,
			 raw->end);
		return false;
	}
	return true;
}

/* Reads a span value (the event `e` is consumed). A null is allowed only where `null_ok`
 * (in `original`), and then leaves the span absent. */
static bool read_span(Loader *l, yaml_event_t *e, const char *name, Span *span)
{
	if (!starts_mapping(l, e, NULL, name, "a mapping {start, end, text}"))
		return !l->broken;
	RawRange raw = { .mark = e->start_mark };
	release_event(e);
	RawRange *parts = NULL;
	size_t part_count = 0;
	bool readable = read_range(l, name, &raw, span, &parts, &part_count);
	ByteRange whole;
	span->present = true;
	if (readable && check_range(l, &raw, name, &whole)) {
		span->start = whole.start;
		span->end = whole.end;
	}
	if (readable && part_count) {
		span->parts = xcalloc(part_count, sizeof *span->parts);
		span->part_count = part_count;
		for (size_t i = 0; i < part_count; i++) {
			char part_name[128];
			snprintf(part_name, sizeof part_name, "%s.parts[%zu]", name, i);
			const RawRange *part = &parts[i];
			if (!check_range(l, part, part_name, &span->parts[i]))
				continue;
			if (raw.has_start && raw.has_end &&
			    (part->start < raw.start || part->end > raw.end))
				error_at(l, part->mark, "%s (%lld..%lld) is outside %s (%lld..%lld)",
					 part_name, part->start, part->end, name, raw.start, raw.end);
			else if (i > 0 && parts[i - 1].has_end && part->start < parts[i - 1].end)
				error_at(l, part->mark, "%s starts before %s.parts[%zu] ends (%lld < %lld)",
					 part_name, name, i - 1, part->start, parts[i - 1].end);
		}
	}
	for (size_t i = 0; i < part_count; i++)
		release_event(&parts[i].text_event);
	free(parts);
	release_event(&raw.text_event);
	return !l->broken;
}

/* ---- annotations ---- */

enum { ANN_ID, ANN_STATUS, ANN_KIND, ANN_SPEAKER, ANN_CUE, ANN_CLAIM, ANN_LABEL, ANN_CONFIDENCE,
       ANN_NOTE, ANN_ORIGINAL, ANN_KEY_COUNT };
static const char *const annotation_keys[ANN_KEY_COUNT] = {
	"id", "status", "kind", "speaker", "cue", "claim", "label", "confidence", "note", "original",
};

enum { ORIG_SPEAKER, ORIG_CUE, ORIG_CLAIM, ORIG_KIND, ORIG_LABEL, ORIG_KEY_COUNT };
static const char *const original_keys[ORIG_KEY_COUNT] = {
	"speaker", "cue", "claim", "kind", "label",
};

static const char status_choices[] = "candidate, accepted, rejected, corrected, added";
static const char kind_choices[] = "direct, indirect, mixed";

static bool read_kind(Loader *l, yaml_event_t *e, const char *parent, ClaimKind *kind)
{
	yaml_mark_t mark = e->start_mark;
	const char *name = view_string(l, e, parent, "kind");
	if (!name)
		return !l->broken;
	if (!claim_kind_parse(name, kind)) {
		char field[128];
		error_at(l, mark, "unknown %s '%s' (one of: %s)",
			 field_name(field, sizeof field, parent, "kind"), name, kind_choices);
	}
	release_event(e);
	return !l->broken;
}

static bool read_original(Loader *l, yaml_event_t *e, AnnotationOriginal **out)
{
	if (!starts_mapping(l, e, NULL, "original", "a mapping of the engine's values"))
		return !l->broken;
	release_event(e);
	AnnotationOriginal *original = *out = xcalloc(1, sizeof *original);
	static const unsigned field_bits[ORIG_KEY_COUNT] = {
		FIELD_SPEAKER, FIELD_CUE, FIELD_CLAIM, FIELD_KIND, FIELD_LABEL,
	};
	unsigned seen = 0;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, original_keys, ORIG_KEY_COUNT, &seen, &original->extras,
				   "original", &value, &key_mark)) >= 0) {
		original->fields |= field_bits[index];
		/* null: the engine proposed nothing for this field. */
		if (is_null(&value)) {
			release_event(&value);
			continue;
		}
		yaml_mark_t mark = value.start_mark;
		switch (index) {
		case ORIG_SPEAKER: read_span(l, &value, "original.speaker", &original->speaker); break;
		case ORIG_CUE: read_span(l, &value, "original.cue", &original->cue); break;
		case ORIG_CLAIM: read_span(l, &value, "original.claim", &original->claim); break;
		case ORIG_KIND: read_kind(l, &value, "original", &original->kind); break;
		case ORIG_LABEL:
			original->label = take_string(l, &value, "original", "label");
			if (original->label)
				check_label(l, original->label, mark);
			break;
		}
		if (l->broken)
			return false;
	}
	return !l->broken;
}

static bool read_confidence(Loader *l, yaml_event_t *e, Annotation *a)
{
	if (e->type != YAML_SCALAR_EVENT || is_placeholder(e)) {
		wrong_type(l, e, NULL, "confidence", "a number from 0 to 1");
		return !l->broken;
	}
	const char *s = (const char *)e->data.scalar.value;
	char *end;
	errno = 0;
	double value = strtod(s, &end);
	if (!is_plain_scalar(e) || end == s || *end || errno || !(value >= 0.0 && value <= 1.0)) {
		char snippet[256];
		error_at(l, e->start_mark, "confidence must be a number from 0 to 1, not %s",
			 quoted_snippet(snippet, sizeof snippet, s, e->data.scalar.length));
	} else {
		a->has_confidence = true;
		a->confidence = value;
	}
	release_event(e);
	return true;
}

static void record_annotation_id(Loader *l, const char *id, yaml_mark_t mark)
{
	unsigned first = name_table_add(&l->annotation_ids, id, (unsigned)mark.line + 1);
	if (first)
		error_at(l, mark, "duplicate annotation id '%s' (first at line %u)", id, first);
}

/* Reads one annotation mapping (the event `e` is consumed) into `a`. */
static bool read_annotation(Loader *l, yaml_event_t *e, Annotation *a)
{
	yaml_mark_t mark = e->start_mark;
	if (!starts_mapping(l, e, NULL, "an annotation", "a mapping (id, status, claim...)"))
		return !l->broken;
	release_event(e);
	unsigned seen = 0;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, annotation_keys, ANN_KEY_COUNT, &seen, &a->extras,
				   "annotation", &value, &key_mark)) >= 0) {
		yaml_mark_t value_mark = value.start_mark;
		switch (index) {
		case ANN_ID:
			a->id = take_string(l, &value, NULL, "id");
			if (a->id)
				record_annotation_id(l, a->id, value_mark);
			break;
		case ANN_STATUS: {
			const char *status = view_string(l, &value, NULL, "status");
			if (!status)
				break;
			if (!annotation_status_parse(status, &a->status))
				error_at(l, value_mark, "unknown status '%s' (one of: %s)", status,
					 status_choices);
			release_event(&value);
			break;
		}
		case ANN_KIND:
			if (is_null(&value)) {
				warning_at(l, value_mark, "kind is null: read as absent, and not written back");
				release_event(&value);
			} else {
				read_kind(l, &value, NULL, &a->kind);
			}
			break;
		case ANN_SPEAKER:
		case ANN_CUE:
		case ANN_CLAIM: {
			Span *span = index == ANN_SPEAKER ? &a->speaker
				     : index == ANN_CUE   ? &a->cue
							  : &a->claim;
			if (index != ANN_CLAIM && is_null(&value)) {
				warning_at(l, value_mark, "%s is null: read as absent, and not written back",
					   annotation_keys[index]);
				release_event(&value);
				break;
			}
			read_span(l, &value, annotation_keys[index], span);
			break;
		}
		case ANN_LABEL:
			a->label = take_optional_string(l, &value, NULL, "label");
			if (a->label)
				check_label(l, a->label, value_mark);
			break;
		case ANN_CONFIDENCE:
			if (is_null(&value)) {
				warning_at(l, value_mark,
					   "confidence is null: read as absent, and not written back");
				release_event(&value);
			} else {
				read_confidence(l, &value, a);
			}
			break;
		case ANN_NOTE:
			a->note = take_optional_string(l, &value, NULL, "note");
			break;
		case ANN_ORIGINAL:
			read_original(l, &value, &a->original);
			break;
		}
		if (l->broken)
			return false;
	}
	if (l->broken)
		return false;
	if (!(seen & (1u << ANN_ID)))
		error_at(l, mark, "annotation needs an id");
	if (!(seen & (1u << ANN_STATUS)))
		error_at(l, mark, "annotation %s needs a status (one of: %s)", a->id ? a->id : "",
			 status_choices);
	if (!(seen & (1u << ANN_CLAIM)))
		error_at(l, mark, "annotation %s needs a claim", a->id ? a->id : "");
	return true;
}

/* The first block of the annotation list: room for as many annotations as the input could
 * hold (an annotation takes at least ~64 bytes of YAML), so that a big file never re-allocates.
 * Only the pages that get filled cost memory; they are asked for as transparent huge pages,
 * because faulting 4 KB pages one by one is a large part of loading on virtual machines. */
static Annotation *reserve_annotations(size_t input_size, size_t *capacity)
{
	const size_t huge_page = (size_t)2 << 20;
	*capacity = input_size / 64 > 64 ? input_size / 64 : 64;
	size_t bytes = *capacity * sizeof(Annotation);
	if (bytes < 2 * huge_page)
		return xmalloc(bytes);
	bytes = (bytes + huge_page - 1) / huge_page * huge_page;
	Annotation *memory = aligned_alloc(huge_page, bytes);
	if (!memory)
		return xmalloc(*capacity * sizeof(Annotation));
	madvise(memory, bytes, MADV_HUGEPAGE); /* advice only: failure changes nothing */
	return memory;
}

/* Appends by moving (no deep copy: these lists can hold 100,000 annotations). */
static Annotation *push_annotation(Loader *l, bool optional)
{
	AnnotationSet *set = l->set;
	if (optional) {
		if (set->optional_count == l->optional_capacity) {
			l->optional_capacity = l->optional_capacity ? l->optional_capacity * 2 : 16;
			set->optional = xrealloc(set->optional,
						 l->optional_capacity * sizeof *set->optional);
		}
		set->optional[set->optional_count] = (Annotation){0};
		return &set->optional[set->optional_count++];
	}
	if (!set->annotation_capacity)
		set->annotations = reserve_annotations(l->input_size, &set->annotation_capacity);
	if (set->annotation_count == set->annotation_capacity) {
		set->annotation_capacity *= 2;
		set->annotations = xrealloc(set->annotations,
					    set->annotation_capacity * sizeof *set->annotations);
	}
	set->annotations[set->annotation_count] = (Annotation){0};
	return &set->annotations[set->annotation_count++];
}

static bool read_annotations(Loader *l, yaml_event_t *e, bool optional)
{
	const char *field = optional ? "optional" : "annotations";
	if (!starts_sequence(l, e, NULL, field, "a list of annotations"))
		return !l->broken;
	release_event(e);
	if (optional)
		l->set->has_optional = true;
	else /* an annotation takes some 300 bytes of YAML, rarely less than 200 */
		name_table_reserve(&l->annotation_ids, l->chunks ? chunked_parse_item_count(l->chunks)
								 : l->input_size / 256);
	for (;;) {
		yaml_event_t item;
		if (!next_event(l, &item))
			return false;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			release_event(&item);
			return true;
		}
		if (!read_annotation(l, &item, push_annotation(l, optional)))
			return false;
	}
}

/* ---- header ---- */

static bool read_labels(Loader *l, yaml_event_t *e)
{
	AnnotationSet *set = l->set;
	if (!starts_sequence(l, e, NULL, "labels", "a list of label names"))
		return !l->broken;
	release_event(e);
	set->has_labels = true;
	size_t capacity = 0;
	for (;;) {
		yaml_event_t item;
		if (!next_event(l, &item))
			return false;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			release_event(&item);
			break;
		}
		yaml_mark_t mark = item.start_mark;
		char *label = take_string(l, &item, NULL, "a label");
		if (!label)
			continue;
		unsigned first = name_table_add(&l->label_names, label, (unsigned)mark.line + 1);
		if (first)
			error_at(l, mark, "duplicate label '%s' (first at line %u)", label, first);
		if (set->label_count == capacity) {
			capacity = capacity ? capacity * 2 : 8;
			set->labels = xrealloc(set->labels, capacity * sizeof *set->labels);
		}
		set->labels[set->label_count++] = label;
	}
	l->labels_read = true;
	return true;
}

enum { SPK_ID, SPK_NAME, SPK_TYPE, SPK_KEY_COUNT };
static const char *const speaker_keys[SPK_KEY_COUNT] = { "id", "name", "type" };

static bool read_speaker(Loader *l, yaml_event_t *e, Speaker *speaker)
{
	yaml_mark_t mark = e->start_mark;
	if (!starts_mapping(l, e, NULL, "a speaker", "a mapping (id, name, type)"))
		return !l->broken;
	release_event(e);
	unsigned seen = 0;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, speaker_keys, SPK_KEY_COUNT, &seen, &speaker->extras,
				   "speaker", &value, &key_mark)) >= 0) {
		yaml_mark_t value_mark = value.start_mark;
		if (index == SPK_ID) {
			speaker->id = take_string(l, &value, "speaker", "id");
			unsigned first = speaker->id ? name_table_add(&l->speaker_ids, speaker->id,
								      (unsigned)value_mark.line + 1)
						     : 0;
			if (first)
				error_at(l, value_mark, "duplicate speaker id '%s' (first at line %u)",
					 speaker->id, first);
		} else if (index == SPK_NAME) {
			speaker->name = take_optional_string(l, &value, "speaker", "name");
		} else {
			char *type = take_optional_string(l, &value, "speaker", "type");
			if (type && !speaker_type_parse(type, &speaker->type))
				error_at(l, value_mark,
					 "unknown speaker type '%s' (one of: person, organization, "
					 "government, media, document, other)",
					 type);
			free(type);
		}
		if (l->broken)
			return false;
	}
	if (!l->broken && !(seen & (1u << SPK_ID)))
		error_at(l, mark, "speaker needs an id");
	return !l->broken;
}

static bool read_speakers(Loader *l, yaml_event_t *e)
{
	AnnotationSet *set = l->set;
	if (!starts_sequence(l, e, NULL, "speakers", "a list of speakers"))
		return !l->broken;
	release_event(e);
	for (;;) {
		yaml_event_t item;
		if (!next_event(l, &item))
			return false;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			release_event(&item);
			break;
		}
		if (set->speaker_count == set->speaker_capacity) {
			set->speaker_capacity = set->speaker_capacity ? set->speaker_capacity * 2 : 8;
			set->speakers = xrealloc(set->speakers,
						 set->speaker_capacity * sizeof *set->speakers);
		}
		Speaker *speaker = &set->speakers[set->speaker_count++];
		*speaker = (Speaker){0};
		if (!read_speaker(l, &item, speaker))
			return false;
	}
	l->speakers_read = true;
	return true;
}

enum { ENG_NAME, ENG_VERSION, ENG_KEY_COUNT };
static const char *const engine_keys[ENG_KEY_COUNT] = { "name", "version" };

static bool read_engine(Loader *l, yaml_event_t *e)
{
	AnnotationSet *set = l->set;
	if (!starts_mapping(l, e, NULL, "engine", "a mapping {name, version}"))
		return !l->broken;
	release_event(e);
	set->has_engine = true;
	unsigned seen = 0;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, engine_keys, ENG_KEY_COUNT, &seen, &set->engine_extras,
				   "engine", &value, &key_mark)) >= 0) {
		char **field = index == ENG_NAME ? &set->engine_name : &set->engine_version;
		*field = take_optional_string(l, &value, "engine", engine_keys[index]);
	}
	return !l->broken;
}

enum { DOC_PATH, DOC_TEXT, DOC_ID, DOC_LENGTH, DOC_SHA256, DOC_KEY_COUNT };
static const char *const document_keys[DOC_KEY_COUNT] = { "path", "text", "id", "length", "sha256" };

/* Joins the folder of the YAML file and a relative document.path. */
static char *resolve_article_path(const char *base_dir, const char *path)
{
	if (path[0] == '/' || !base_dir || !*base_dir)
		return xstrdup(path);
	size_t size = strlen(base_dir) + strlen(path) + 2;
	char *joined = xmalloc(size);
	snprintf(joined, size, "%s/%s", base_dir, path);
	return joined;
}

static void open_article(Loader *l, const char *text, size_t text_length, yaml_mark_t doc_mark,
			 yaml_mark_t path_mark)
{
	AnnotationSet *set = l->set;
	if (l->given_article) {
		set->article = l->given_article;
		l->given_article = NULL;
	} else if (text) {
		char name[512];
		snprintf(name, sizeof name, "%s (document.text)", l->name);
		set->article = article_from_memory(name, text, text_length, l->diag);
		if (!set->article)
			error_at(l, doc_mark, "document.text is not a valid article");
	} else if (set->document_path) {
		char *path = resolve_article_path(l->base_dir, set->document_path);
		set->article = article_load(path, l->diag);
		if (!set->article)
			error_at(l, path_mark, "document.path: the article '%s' could not be read",
				 path);
		free(path);
	}
	if (set->article)
		l->article_length = article_length(set->article);
}

static bool read_document(Loader *l, yaml_event_t *e)
{
	AnnotationSet *set = l->set;
	yaml_mark_t doc_mark = e->start_mark;
	if (!starts_mapping(l, e, NULL, "document", "a mapping {path or text, length...}")) {
		l->document_read = true;
		return !l->broken;
	}
	release_event(e);
	unsigned seen = 0;
	char *text = NULL;
	size_t text_length = 0;
	bool has_length = false;
	long long length = 0;
	yaml_mark_t path_mark = doc_mark, text_mark = doc_mark, length_mark = doc_mark,
		    sha_mark = doc_mark;
	yaml_event_t value;
	yaml_mark_t key_mark;
	int index;
	while ((index = next_field(l, document_keys, DOC_KEY_COUNT, &seen, &set->document_extras,
				   "document", &value, &key_mark)) >= 0) {
		switch (index) {
		case DOC_PATH:
			path_mark = value.start_mark;
			set->document_path = take_string(l, &value, "document", "path");
			break;
		case DOC_TEXT:
			text_mark = key_mark;
			text_length = value.type == YAML_SCALAR_EVENT ? value.data.scalar.length : 0;
			text = take_string(l, &value, "document", "text");
			set->document_inline = text != NULL;
			break;
		case DOC_ID:
			set->document_id = take_optional_string(l, &value, "document", "id");
			break;
		case DOC_LENGTH:
			length_mark = value.start_mark;
			has_length = take_integer(l, &value, "document", "length", &length);
			break;
		case DOC_SHA256:
			sha_mark = value.start_mark;
			set->document_sha256 = take_optional_string(l, &value, "document", "sha256");
			break;
		}
		if (l->broken)
			goto out;
	}
	if (l->broken)
		goto out;
	bool has_path = seen & (1u << DOC_PATH), has_text = seen & (1u << DOC_TEXT);
	if (has_path && has_text)
		error_at(l, text_mark, "document has both path and text: keep one");
	else if (!has_path && !has_text && !l->given_article)
		error_at(l, doc_mark, "document needs path (the article file) or text (the article)");
	if (!(seen & (1u << DOC_LENGTH)))
		error_at(l, doc_mark, "document needs length (the article's length in code points)");

	open_article(l, text, text_length, doc_mark, path_mark);
	if (set->article && has_length && (unsigned long long)length != l->article_length)
		error_at(l, length_mark, "document.length is %lld but the article has %zu code points",
			 length, l->article_length);
	if (set->article && set->document_sha256 &&
	    strcasecmp(set->document_sha256, article_sha256(set->article)) != 0) {
		bool warn = l->options && l->options->sha256_mismatch_is_warning;
		problem_at(l, warn ? DIAG_WARNING : DIAG_ERROR, sha_mark,
			   "document.sha256 does not match the article (whose sha256 is %s)",
			   article_sha256(set->article));
	}
out:
	free(text);
	l->document_read = true;
	return !l->broken;
}

static bool read_schema(Loader *l, yaml_event_t *e)
{
	yaml_mark_t mark = e->start_mark;
	long long version;
	if (!take_integer(l, e, NULL, "saywho (the schema version)", &version))
		return !l->broken;
	if (version > 1) {
		error_at(l, mark, "schema version %lld is newer than this saywho reads (1): update saywho",
			 version);
		l->broken = true; /* what follows may mean something else: stop */
		return false;
	}
	if (version < 1)
		error_at(l, mark, "schema version %lld is not valid (this saywho reads 1)", version);
	l->set->schema = (int)version;
	return true;
}

/* The top mapping. In the second pass only annotations and optional are read. */
static bool read_top(Loader *l, yaml_mark_t mark)
{
	AnnotationSet *set = l->set;
	unsigned seen = 0;
	yaml_event_t key, value;
	while (next_key(l, &key)) {
		int index = known_key(l, &key, top_keys, TOP_KEY_COUNT, &seen);
		bool is_list = index == TOP_ANNOTATIONS || index == TOP_OPTIONAL;
		if (index == -1 && !l->second_pass) {
			if (!keep_unknown(l, &key, &set->extras))
				return false;
			continue;
		}
		release_event(&key);
		if (!next_event(l, &value))
			return false;
		if (l->chunks && index == TOP_ANNOTATIONS && !l->replaying && !l->replayed) {
			/* The placeholder of the items read in parallel, after the document. */
			if (l->document_read && value.type == YAML_SEQUENCE_START_EVENT &&
			    value.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE &&
			    value.start_mark.line == l->placeholder_line &&
			    value.start_mark.column == 1) {
				l->replaying = true;
			} else {
				l->chunk_failed = l->broken = true;
				release_event(&value);
				return false;
			}
		}
		if (index < 0 || (l->second_pass && !is_list) || (!l->second_pass && is_list &&
								  !l->document_read)) {
			if (is_list)
				l->deferred = true;
			if (!skip_node(l, &value))
				return false;
			continue;
		}
		switch (index) {
		case TOP_SAYWHO: read_schema(l, &value); break;
		case TOP_DOCUMENT: read_document(l, &value); break;
		case TOP_ENGINE: read_engine(l, &value); break;
		case TOP_ANNOTATOR:
			set->annotator = take_optional_string(l, &value, NULL, "annotator");
			break;
		case TOP_UPDATED:
			set->updated = take_optional_string(l, &value, NULL, "updated");
			break;
		case TOP_LABELS: read_labels(l, &value); break;
		case TOP_SPEAKERS: read_speakers(l, &value); break;
		case TOP_ANNOTATIONS: read_annotations(l, &value, false); break;
		case TOP_OPTIONAL: read_annotations(l, &value, true); break;
		}
		if (l->broken)
			return false;
	}
	if (l->broken || l->second_pass)
		return !l->broken;
	static const int required[] = { TOP_SAYWHO, TOP_DOCUMENT, TOP_ANNOTATIONS };
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!(seen & (1u << required[i])))
			error_at(l, mark, "missing required key '%s'", top_keys[required[i]]);
	/* A file without a document still gets its annotations checked for structure. */
	l->document_read = true;
	return true;
}

/* Reads the stream: one document whose root is the top mapping. */
static void read_stream(Loader *l)
{
	yaml_event_t e;
	if (!next_event(l, &e))
		return;
	release_event(&e); /* stream start */
	if (!next_event(l, &e))
		return;
	if (e.type == YAML_STREAM_END_EVENT) {
		release_event(&e);
		if (!l->second_pass)
			error_at(l, e.start_mark,
				 "the file is empty: it needs saywho, document and annotations");
		return;
	}
	if (l->chunks && (!e.data.document_start.implicit || e.data.document_start.version_directive ||
			  e.data.document_start.tag_directives.start !=
				  e.data.document_start.tag_directives.end)) {
		/* Directives would apply to the items, which the chunks parse without them. */
		l->chunk_failed = l->broken = true;
		release_event(&e);
		return;
	}
	release_event(&e); /* document start */
	if (!next_event(l, &e))
		return;
	if (e.type != YAML_MAPPING_START_EVENT) {
		if (!l->second_pass)
			error_at(l, e.start_mark,
				 "the file must be a mapping with saywho, document and annotations, not %s",
				 describe_node(&e));
		skip_node(l, &e);
		return;
	}
	yaml_mark_t mark = e.start_mark;
	release_event(&e);
	if (!read_top(l, mark))
		return;
	if (!next_event(l, &e))
		return;
	release_event(&e); /* document end */
	if (!next_event(l, &e))
		return;
	if (e.type == YAML_DOCUMENT_START_EVENT && !l->second_pass)
		error_at(l, e.start_mark, "a second YAML document: a file holds one");
	release_event(&e);
}

static void open_parser(Loader *l)
{
	yaml_parser_initialize(&l->parser);
	l->parser_open = true;
	if (l->memory) {
		yaml_parser_set_input_string(&l->parser, (const unsigned char *)l->memory,
					     l->memory_size);
	} else {
		rewind(l->file);
		yaml_parser_set_input_file(&l->parser, l->file);
	}
}

static void close_parser(Loader *l)
{
	if (l->parser_open)
		yaml_parser_delete(&l->parser);
	l->parser_open = false;
}

static void check_pending(Loader *l)
{
	for (size_t i = 0; i < l->pending_count; i++) {
		const PendingName *p = &l->pending[i];
		if (p->is_label && !name_table_find(&l->label_names, p->name) && l->labels_read)
			error_at(l, p->mark, "label '%s' is not in labels", p->name);
		if (!p->is_label && !name_table_find(&l->speaker_ids, p->name))
			error_at(l, p->mark, "speaker ref '%s' names no entry of speakers", p->name);
		free(p->name);
	}
	free(l->pending);
	l->pending = NULL;
	l->pending_count = 0;
}

static AnnotationSet *load(Loader *l)
{
	l->set = annotation_set_new(NULL);
	l->given_article = l->options ? l->options->article : NULL;
	open_parser(l);
	read_stream(l);
	close_parser(l);
	if (l->chunks && (l->chunk_failed || !l->replayed || l->deferred)) {
		/* The parallel read could not stand for the serial one: the caller reads again. */
		l->fall_back = true;
		for (size_t i = 0; i < l->pending_count; i++)
			free(l->pending[i].name);
		free(l->pending);
		name_table_free(&l->speaker_ids);
		name_table_free(&l->annotation_ids);
		name_table_free(&l->label_names);
		annotation_set_free(l->set);
		return NULL;
	}
	if (l->deferred && !l->broken) {
		l->second_pass = true;
		l->depth = 0;
		open_parser(l);
		read_stream(l);
		close_parser(l);
	}
	check_pending(l);
	name_table_free(&l->speaker_ids);
	name_table_free(&l->annotation_ids);
	name_table_free(&l->label_names);
	if (l->given_article) /* never reached the document: the set still takes ownership */
		article_free(l->given_article);
	AnnotationSet *set = l->set;
	if (l->errors || l->broken || !set->article) {
		annotation_set_free(set);
		return NULL;
	}
	/* Give back the growth slack of big lists. */
	if (set->annotation_capacity > set->annotation_count + 64) {
		set->annotations = xrealloc(set->annotations,
					    (set->annotation_count + 1) * sizeof *set->annotations);
		set->annotation_capacity = set->annotation_count + 1;
	}
	/* Files are usually in position order already (the store writes them so): then sorting,
	 * which moves every annotation, is skipped. */
	size_t *order = annotation_set_position_order(set);
	bool sorted = true;
	for (size_t i = 0; sorted && i < set->annotation_count; i++)
		sorted = order[i] == i;
	free(order);
	if (!sorted)
		annotation_set_sort(set);
	return set;
}

/* Below this size a file is read serially (threads would not pay). */
enum { PARALLEL_MIN_BYTES = 4 << 20 };

/* Tries to read `text` with the annotation list parsed in threads (store_chunks.h). Returns
 * false when the serial read is to be used (the file is small, not in the expected shape, or
 * something was doubtful); true with the result in *set otherwise. `base` holds the rest of
 * the loader's setup. */
/* Whether a parallel read is worth trying (the options allow it, the file is big enough). */
static bool parallel_wanted(const StoreLoadOptions *options, size_t size)
{
	unsigned threads = options ? options->parse_threads : 0;
	if (threads == 1 || (options && options->article))
		return false;
	return threads > 1 || (size >= PARALLEL_MIN_BYTES && sysconf(_SC_NPROCESSORS_ONLN) >= 2);
}

static bool load_in_parallel(const Loader *base, const char *text, size_t size, bool own_copy,
			     AnnotationSet **set)
{
	const StoreLoadOptions *options = base->options;
	StoreLoadReport *report = options ? options->report : NULL;
	unsigned threads = options ? options->parse_threads : 0;
	if (!parallel_wanted(options, size))
		return false;
	ChunkedParseSetup setup = {
		.chunk_bytes = options ? options->chunk_bytes : 0,
		.threads = threads ? threads - 1 : 0,
		.min_bytes = threads ? 0 : PARALLEL_MIN_BYTES / 2,
		.release_pages = own_copy,
	};
	char *main_text;
	size_t main_size;
	Loader l = *base;
	l.chunks = chunked_parse_start(text, size, &setup, &main_text, &main_size, &l.placeholder_line);
	if (!l.chunks)
		return false;
	Diagnostics attempt = {0};
	l.diag = &attempt;
	l.memory = main_text;
	l.memory_size = main_size;
	l.file = NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	AnnotationSet *result = load(&l);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	size_t chunks = chunked_parse_chunk_count(l.chunks);
	double worker_seconds = chunked_parse_worker_seconds(l.chunks);
	chunked_parse_free(l.chunks);
	free(main_text);
	if (l.fall_back) {
		diagnostics_free(&attempt);
		if (report)
			report->fell_back = true;
		return false;
	}
	for (size_t i = 0; i < attempt.count; i++) {
		const Diagnostic *d = &attempt.items[i];
		diagnostics_add(base->diag, d->severity, d->file, d->line, d->column, "%s", d->message);
	}
	diagnostics_free(&attempt);
	if (report) {
		report->parallel = true;
		report->chunks = chunks;
		report->loader_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		report->worker_seconds = worker_seconds;
	}
	*set = result;
	return true;
}

AnnotationSet *store_load(const char *path, const StoreLoadOptions *options, Diagnostics *diag)
{
	struct stat st;
	FILE *file = NULL;
	int error = 0;
	if (stat(path, &st) != 0)
		error = errno;
	else if (S_ISDIR(st.st_mode))
		error = EISDIR;
	else if (!(file = fopen(path, "rb")))
		error = errno;
	if (error) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(error));
		if (options)
			article_free(options->article);
		return NULL;
	}
	if (options && options->report)
		*options->report = (StoreLoadReport){0};
	char *base_dir = path_folder(path);
	Loader l = { .name = path, .base_dir = base_dir, .file = file, .diag = diag,
		     .options = options, .input_size = (size_t)st.st_size };
	AnnotationSet *set = NULL;
	bool done = false;
	if (st.st_size > 0 && S_ISREG(st.st_mode) && parallel_wanted(options, (size_t)st.st_size)) {
		/* The parallel read works on the file's bytes in memory: a private copy (a mapping of
		 * the file would crash on SIGBUS if someone truncated it meanwhile), whose pages are
		 * given back as the chunks are parsed. */
		size_t size = (size_t)st.st_size, huge_page = (size_t)2 << 20;
		char *base = mmap(NULL, size + huge_page, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base != MAP_FAILED) {
			/* In huge pages: faulting 4 KB pages one by one costs more than the copy on
			 * virtual machines (advice only). */
			char *copy = (char *)(((uintptr_t)base + huge_page - 1) / huge_page * huge_page);
			madvise(copy, size, MADV_HUGEPAGE);
			size_t got = 0;
			ssize_t n;
			while (got < size && (n = read(fileno(file), copy + got, size - got)) > 0)
				got += (size_t)n;
			if (got == size) /* else the file changed under us: read it serially */
				done = load_in_parallel(&l, copy, size, true, &set);
			munmap(base, size + huge_page);
		}
	}
	if (!done) {
		set = load(&l);
		if (set && ferror(file)) {
			diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
			annotation_set_free(set);
			set = NULL;
		}
	}
	fclose(file);
	free(base_dir);
	if (set)
		set->file_path = xstrdup(path);
	return set;
}

AnnotationSet *store_load_memory(const char *name, const char *yaml, size_t size,
				 const char *base_dir, const StoreLoadOptions *options,
				 Diagnostics *diag)
{
	if (options && options->report)
		*options->report = (StoreLoadReport){0};
	Loader l = { .name = name, .base_dir = base_dir, .memory = yaml ? yaml : "",
		     .memory_size = yaml ? size : 0, .diag = diag, .options = options,
		     .input_size = yaml ? size : 0 };
	AnnotationSet *set;
	if (yaml && load_in_parallel(&l, yaml, size, false, &set))
		return set;
	return load(&l);
}
