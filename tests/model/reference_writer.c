/* The store's writer as it was up to session 2 (libyaml's emitter), kept for the tests only: the
 * direct writer of model/store_write.c must give the same bytes (tests/model/test_store_writer.c).
 * This is the old code unchanged but for its entry point, reference_store_write(). */
#include "tests/model/reference_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "model/history.h"
#include "model/store.h"
#include "model/yaml_value.h"

/* libyaml 0.2.5 writes every character above U+FFFF (emoji) as a \U escape in a double-quoted
 * string. To keep them readable, the writer carries each one through the emitter as a pair of
 * private-use characters (U+E000 + the high 10 bits, U+E400 + the low 10 bits), which libyaml
 * writes as they are, and the output handler turns every such pair back into the character.
 * That is exact only when nothing written contains characters of U+E000..U+E7FF itself: the
 * writer checks the whole model first and otherwise lets libyaml escape (still exact). */
enum { PAIR_BYTES = 6 };

typedef struct Writer {
	yaml_emitter_t emitter;
	FILE *out;
	bool ok;          /* sticky: after the first failure nothing more is emitted */
	int write_errno;  /* why the output failed, when it did */
	const Article *article;
	bool pairs;       /* characters above U+FFFF travel as private-use pairs */
	unsigned char carry[PAIR_BYTES]; /* the start of a pair cut by a buffer boundary */
	size_t carry_length;
} Writer;

static bool write_bytes(Writer *w, const unsigned char *bytes, size_t size)
{
	if (size && fwrite(bytes, 1, size, w->out) != size) {
		w->write_errno = errno ? errno : EIO;
		return false;
	}
	return true;
}

/* How many bytes at `p` (of `n`) match a private-use pair; PAIR_BYTES is a whole pair. */
static size_t pair_prefix(const unsigned char *p, size_t n)
{
	static const unsigned char low[PAIR_BYTES] = { 0xEE, 0x80, 0x80, 0xEE, 0x90, 0x80 };
	static const unsigned char high[PAIR_BYTES] = { 0xEE, 0x8F, 0xBF, 0xEE, 0x9F, 0xBF };
	size_t i = 0;
	while (i < n && i < PAIR_BYTES && p[i] >= low[i] && p[i] <= high[i])
		i++;
	return i;
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	Writer *w = data;
	if (!w->pairs)
		return write_bytes(w, buffer, size);
	/* Decode into a copy that starts with what the last call left over. */
	size_t total = w->carry_length + size, n = 0;
	unsigned char *in = xmalloc(total), *out = xmalloc(total);
	memcpy(in, w->carry, w->carry_length);
	memcpy(in + w->carry_length, buffer, size);
	w->carry_length = 0;
	for (size_t i = 0; i < total;) {
		size_t match = in[i] == 0xEE ? pair_prefix(in + i, total - i) : 0;
		if (match == PAIR_BYTES) {
			unsigned high = ((in[i + 1] & 0x0Fu) << 6) | (in[i + 2] & 0x3Fu);
			unsigned low = ((in[i + 4] & 0x0Fu) << 6) | (in[i + 5] & 0x3Fu);
			unsigned cp = 0x10000 + (high << 10) + low;
			out[n++] = (unsigned char)(0xF0 | (cp >> 18));
			out[n++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
			out[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (unsigned char)(0x80 | (cp & 0x3F));
			i += PAIR_BYTES;
		} else if (match && i + match == total) {
			memcpy(w->carry, in + i, match); /* may continue in the next buffer */
			w->carry_length = match;
			break;
		} else {
			out[n++] = in[i++];
		}
	}
	bool ok = write_bytes(w, out, n);
	free(in);
	free(out);
	return ok;
}

/* A copy of `text` with every character above U+FFFF as a private-use pair; NULL if none. */
static char *pair_encode(const char *text, size_t length, size_t *encoded_length)
{
	size_t astral = 0;
	for (size_t i = 0; i < length; i++)
		astral += (unsigned char)text[i] >= 0xF0;
	if (!astral)
		return NULL;
	char *out = xmalloc(length + astral * 2 + 1);
	size_t n = 0;
	for (size_t i = 0; i < length;) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0xF0 || i + 4 > length) {
			out[n++] = text[i++];
			continue;
		}
		unsigned cp = ((c & 0x07u) << 18) | (((unsigned char)text[i + 1] & 0x3Fu) << 12) |
			      (((unsigned char)text[i + 2] & 0x3Fu) << 6) |
			      ((unsigned char)text[i + 3] & 0x3Fu);
		unsigned value = cp - 0x10000, high = value >> 10, low = value & 0x3FF;
		const unsigned char pair[PAIR_BYTES] = {
			0xEE, (unsigned char)(0x80 | (high >> 6)), (unsigned char)(0x80 | (high & 0x3F)),
			0xEE, (unsigned char)(0x90 | (low >> 6)), (unsigned char)(0x80 | (low & 0x3F)),
		};
		memcpy(out + n, pair, PAIR_BYTES);
		n += PAIR_BYTES;
		i += 4;
	}
	out[n] = '\0';
	*encoded_length = n;
	return out;
}

static void emit(Writer *w, yaml_event_t *event, int initialized)
{
	if (!initialized) {
		w->ok = false;
		return;
	}
	if (!w->ok) {
		yaml_event_delete(event);
		return;
	}
	w->ok = yaml_emitter_emit(&w->emitter, event);
}

static void emit_scalar(Writer *w, const char *text, size_t length, yaml_scalar_style_t style)
{
	if (!w->ok)
		return;
	char *encoded = w->pairs ? pair_encode(text, length, &length) : NULL;
	yaml_event_t event;
	emit(w, &event, yaml_scalar_event_initialize(&event, NULL, NULL,
						     (yaml_char_t *)(encoded ? encoded : text),
						     (int)length, 1, 1, style));
	free(encoded);
}

static void emit_string_n(Writer *w, const char *s, size_t n)
{
	emit_scalar(w, s, n,
		    store_plain_would_not_be_string(s, n) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
						    : YAML_ANY_SCALAR_STYLE);
}

static void emit_string(Writer *w, const char *s)
{
	emit_string_n(w, s, strlen(s));
}

static void emit_plain(Writer *w, const char *s)
{
	emit_scalar(w, s, strlen(s), YAML_PLAIN_SCALAR_STYLE);
}

static void emit_null(Writer *w)
{
	emit_plain(w, "null");
}

static void emit_unsigned(Writer *w, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	emit_scalar(w, digits + n, sizeof digits - n, YAML_PLAIN_SCALAR_STYLE);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void emit_double(Writer *w, double value)
{
	char text[40];
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*g", precision, value);
		if (strtod(text, NULL) == value)
			break;
	}
	emit_plain(w, text);
}

/* Starts or ends a mapping or a sequence. */
static void emit_collection(Writer *w, yaml_event_type_t type, bool flow)
{
	if (!w->ok)
		return;
	yaml_event_t event;
	int initialized = 0;
	switch (type) {
	case YAML_MAPPING_START_EVENT:
		initialized = yaml_mapping_start_event_initialize(
			&event, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
		break;
	case YAML_SEQUENCE_START_EVENT:
		initialized = yaml_sequence_start_event_initialize(
			&event, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
		break;
	case YAML_MAPPING_END_EVENT: initialized = yaml_mapping_end_event_initialize(&event); break;
	case YAML_SEQUENCE_END_EVENT: initialized = yaml_sequence_end_event_initialize(&event); break;
	default: break;
	}
	emit(w, &event, initialized);
}

static void begin_mapping(Writer *w, bool flow)
{
	emit_collection(w, YAML_MAPPING_START_EVENT, flow);
}

static void end_mapping(Writer *w)
{
	emit_collection(w, YAML_MAPPING_END_EVENT, false);
}

static void begin_sequence(Writer *w, bool flow)
{
	emit_collection(w, YAML_SEQUENCE_START_EVENT, flow);
}

static void end_sequence(Writer *w)
{
	emit_collection(w, YAML_SEQUENCE_END_EVENT, false);
}

static void emit_extras(Writer *w, const ExtraFields *extras, bool in_flow)
{
	for (size_t i = 0; w->ok && i < extras->count; i++) {
		emit_string(w, extras->items[i].key);
		if (w->ok)
			w->ok = yaml_value_emit(extras->items[i].value, &w->emitter, in_flow);
	}
}

static void emit_optional_string(Writer *w, const char *key, const char *value)
{
	if (!value)
		return;
	emit_plain(w, key);
	emit_string(w, value);
}

static void emit_position(Writer *w, const char *key, size_t byte)
{
	emit_plain(w, key);
	emit_unsigned(w, article_cp_of_byte(w->article, byte));
}

static void emit_span(Writer *w, const char *key, const Span *span)
{
	emit_plain(w, key);
	begin_mapping(w, true);
	emit_position(w, "start", span->start);
	emit_position(w, "end", span->end);
	emit_plain(w, "text");
	emit_string_n(w, article_text(w->article) + span->start, span->end - span->start);
	emit_optional_string(w, "ref", span->ref);
	if (span->part_count) {
		emit_plain(w, "parts");
		begin_sequence(w, true);
		for (size_t i = 0; i < span->part_count; i++) {
			begin_mapping(w, true);
			emit_position(w, "start", span->parts[i].start);
			emit_position(w, "end", span->parts[i].end);
			end_mapping(w);
		}
		end_sequence(w);
	}
	emit_extras(w, &span->extras, true);
	end_mapping(w);
}

static void emit_original(Writer *w, const AnnotationOriginal *original)
{
	emit_plain(w, "original");
	begin_mapping(w, false);
	const Span *spans[] = { &original->speaker, &original->cue, &original->claim };
	static const unsigned bits[] = { FIELD_SPEAKER, FIELD_CUE, FIELD_CLAIM };
	static const char *const names[] = { "speaker", "cue", "claim" };
	for (size_t i = 0; i < 3; i++) {
		if (!(original->fields & bits[i]))
			continue;
		if (spans[i]->present) {
			emit_span(w, names[i], spans[i]);
		} else {
			emit_plain(w, names[i]);
			emit_null(w);
		}
	}
	if (original->fields & FIELD_KIND) {
		emit_plain(w, "kind");
		if (original->kind != KIND_UNSET)
			emit_plain(w, claim_kind_name(original->kind));
		else
			emit_null(w);
	}
	if (original->fields & FIELD_LABEL) {
		emit_plain(w, "label");
		if (original->label)
			emit_string(w, original->label);
		else
			emit_null(w);
	}
	emit_extras(w, &original->extras, false);
	end_mapping(w);
}

static void emit_annotation(Writer *w, const Annotation *a)
{
	begin_mapping(w, false);
	emit_optional_string(w, "id", a->id);
	emit_plain(w, "status");
	emit_plain(w, annotation_status_name(a->status));
	if (a->kind != KIND_UNSET) {
		emit_plain(w, "kind");
		emit_plain(w, claim_kind_name(a->kind));
	}
	if (a->speaker.present)
		emit_span(w, "speaker", &a->speaker);
	if (a->cue.present)
		emit_span(w, "cue", &a->cue);
	if (a->claim.present)
		emit_span(w, "claim", &a->claim);
	emit_optional_string(w, "label", a->label);
	if (a->has_confidence) {
		emit_plain(w, "confidence");
		emit_double(w, a->confidence);
	}
	emit_optional_string(w, "note", a->note);
	if (a->original)
		emit_original(w, a->original);
	emit_extras(w, &a->extras, false);
	end_mapping(w);
}

static void emit_document(Writer *w, const AnnotationSet *set)
{
	emit_plain(w, "document");
	begin_mapping(w, false);
	if (set->document_inline) {
		emit_plain(w, "text");
		/* A literal block keeps the article readable; libyaml falls back to a quoted
		 * style when the text cannot be one (trailing spaces, tabs, CR). */
		emit_scalar(w, article_text(set->article), article_size(set->article),
			    YAML_LITERAL_SCALAR_STYLE);
	} else if (set->document_path) {
		emit_plain(w, "path");
		emit_string(w, set->document_path);
	}
	emit_optional_string(w, "id", set->document_id);
	emit_plain(w, "length");
	emit_unsigned(w, article_length(set->article));
	emit_optional_string(w, "sha256", set->document_sha256);
	emit_extras(w, &set->document_extras, false);
	end_mapping(w);
}

static void emit_annotation_list(Writer *w, const char *key, const Annotation *list,
				 const size_t *order, size_t count)
{
	emit_plain(w, key);
	begin_sequence(w, false);
	for (size_t i = 0; w->ok && i < count; i++)
		emit_annotation(w, &list[order ? order[i] : i]);
	end_sequence(w);
}

static void emit_set(Writer *w, const AnnotationSet *set, const size_t *order)
{
	yaml_event_t event;
	emit(w, &event, yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
	emit(w, &event, yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1));
	begin_mapping(w, false);
	emit_plain(w, "saywho");
	emit_unsigned(w, (size_t)set->schema);
	emit_document(w, set);
	if (set->has_engine) {
		emit_plain(w, "engine");
		begin_mapping(w, true);
		emit_optional_string(w, "name", set->engine_name);
		emit_optional_string(w, "version", set->engine_version);
		emit_extras(w, &set->engine_extras, true);
		end_mapping(w);
	}
	emit_optional_string(w, "annotator", set->annotator);
	if (set->updated) {
		emit_plain(w, "updated");
		emit_scalar(w, set->updated, strlen(set->updated), YAML_ANY_SCALAR_STYLE);
	}
	if (set->has_labels) {
		emit_plain(w, "labels");
		begin_sequence(w, true);
		for (size_t i = 0; i < set->label_count; i++)
			emit_string(w, set->labels[i]);
		end_sequence(w);
	}
	if (set->speaker_count) {
		emit_plain(w, "speakers");
		begin_sequence(w, false);
		for (size_t i = 0; i < set->speaker_count; i++) {
			const Speaker *speaker = &set->speakers[i];
			begin_mapping(w, false);
			emit_optional_string(w, "id", speaker->id);
			emit_optional_string(w, "name", speaker->name);
			if (speaker->type != SPEAKER_UNSET) {
				emit_plain(w, "type");
				emit_plain(w, speaker_type_name(speaker->type));
			}
			emit_extras(w, &speaker->extras, false);
			end_mapping(w);
		}
		end_sequence(w);
	}
	emit_annotation_list(w, "annotations", set->annotations, order, set->annotation_count);
	if (set->has_optional)
		emit_annotation_list(w, "optional", set->optional, NULL, set->optional_count);
	emit_extras(w, &set->extras, false);
	end_mapping(w);
	emit(w, &event, yaml_document_end_event_initialize(&event, 1));
	emit(w, &event, yaml_stream_end_event_initialize(&event));
}

bool reference_store_write(AnnotationSet *set, FILE *out, const char *name_for_messages, Diagnostics *diag)
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

	Writer w = { .out = out, .ok = true, .article = set->article,
		     .pairs = store_astral_characters_printable(set) };
	yaml_emitter_initialize(&w.emitter);
	yaml_emitter_set_output(&w.emitter, write_handler, &w);
	yaml_emitter_set_unicode(&w.emitter, 1);
	yaml_emitter_set_width(&w.emitter, -1);
	yaml_emitter_set_indent(&w.emitter, 2);
	size_t *order = annotation_set_position_order(set);
	errno = 0;
	emit_set(&w, set, order);
	free(order);
	if (w.ok)
		w.ok = yaml_emitter_flush(&w.emitter);
	if (w.ok && w.carry_length) /* cannot happen: the emitter ends with a line break */
		w.ok = write_bytes(&w, w.carry, w.carry_length);
	if (w.ok && fflush(out) != 0) {
		w.write_errno = errno;
		w.ok = false;
	}
	if (!w.ok) {
		if (w.write_errno || w.emitter.error == YAML_WRITER_ERROR)
			diagnostics_add(diag, DIAG_ERROR, name, 0, 0, "cannot write: %s",
					strerror(w.write_errno ? w.write_errno : EIO));
		else
			diagnostics_add(diag, DIAG_ERROR, name, 0, 0, "cannot write the YAML: %s",
					w.emitter.problem ? w.emitter.problem : "emitter failure");
	}
	yaml_emitter_delete(&w.emitter);
	return w.ok;
}
