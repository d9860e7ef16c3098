#include "model/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/store.h"
#include "model/yaml_value.h"

#define JOURNAL_FORMAT 1

/* LabelList (model/history.h) has no public free: the journal frees the ones it parsed. */
static void label_list_clear(LabelList *labels)
{
	for (size_t i = 0; i < labels->count; i++)
		free(labels->items[i]);
	free(labels->items);
}

#define JOURNAL_SUFFIX ".saywho-journal"

struct Journal {
	char *path;
	char *annotation_name;  /* base name of the annotation file, for the header */
	int fd;
	bool enabled;
	bool replaying;         /* steps come from our own replay: track them, do not write them */
	bool new_file;          /* created by us: its folder is synced with the first step */
	char *error;
	JournalStats stats;
	/* Serials of the steps undone most recently (a stack): a +1 step with the serial on top is
	 * a redo, anything else a new step (which empties the stack, as it empties the redo stack). */
	unsigned long *undone;
	size_t undone_count, undone_capacity;
	JournalOptions options;
};

/* ---- names ---------------------------------------------------------------------------------- */

static bool has_suffix(const char *s, size_t length, const char *suffix)
{
	size_t n = strlen(suffix);
	return length >= n && memcmp(s + length - n, suffix, n) == 0;
}

char *journal_path_for(const char *annotation_path)
{
	size_t length = strlen(annotation_path);
	if (has_suffix(annotation_path, length, ".yaml"))
		length -= 5;
	else if (has_suffix(annotation_path, length, ".yml"))
		length -= 4;
	/* "x.saywho" + ".saywho-journal" would say saywho twice. */
	if (has_suffix(annotation_path, length, ".saywho"))
		length -= 7;
	char *path = xmalloc(length + sizeof JOURNAL_SUFFIX);
	memcpy(path, annotation_path, length);
	memcpy(path + length, JOURNAL_SUFFIX, sizeof JOURNAL_SUFFIX);
	return path;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- values to JSON ------------------------------------------------------------------------- */

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *yaml_value_to_json(const YamlValue *value)
{
	json_t *object = json_object();
	if (value->tag)
		json_object_set_new(object, "tag", json_string(value->tag));
	switch (value->type) {
	case YAML_VALUE_SCALAR: {
		json_t *scalar = json_stringn(value->scalar ? value->scalar : "", value->scalar_length);
		json_object_set_new(object, "s", scalar ? scalar : json_string(""));
		json_object_set_new(object, "style", json_integer(value->scalar_style));
		break;
	}
	case YAML_VALUE_SEQUENCE: {
		json_t *items = json_array();
		for (size_t i = 0; i < value->count; i++)
			json_array_append_new(items, yaml_value_to_json(value->items[i]));
		json_object_set_new(object, "seq", items);
		break;
	}
	case YAML_VALUE_MAPPING: {
		json_t *pairs = json_array();
		for (size_t i = 0; i < value->count; i++)
			json_array_append_new(pairs, json_pack("[oo]", yaml_value_to_json(value->keys[i]),
							       yaml_value_to_json(value->items[i])));
		json_object_set_new(object, "map", pairs);
		break;
	}
	}
	if (value->flow)
		json_object_set_new(object, "flow", json_true());
	return object;
}

static void set_extras(json_t *object, const ExtraFields *extras)
{
	if (!extras->count)
		return;
	json_t *list = json_array();
	for (size_t i = 0; i < extras->count; i++)
		json_array_append_new(list, json_pack("[so]", extras->items[i].key,
						      yaml_value_to_json(extras->items[i].value)));
	json_object_set_new(object, "extras", list);
}

static json_t *span_to_json(const Span *span)
{
	if (!span->present)
		return json_null();
	json_t *object = json_pack("{sIsI}", "start", (json_int_t)span->start, "end", (json_int_t)span->end);
	if (span->parts) {
		json_t *parts = json_array();
		for (size_t i = 0; i < span->part_count; i++)
			json_array_append_new(parts, json_pack("[II]", (json_int_t)span->parts[i].start,
							       (json_int_t)span->parts[i].end));
		json_object_set_new(object, "parts", parts);
	}
	if (span->ref)
		json_object_set_new(object, "ref", json_string(span->ref));
	set_extras(object, &span->extras);
	return object;
}

static void set_span(json_t *object, const char *key, const Span *span)
{
	if (span->present)
		json_object_set_new(object, key, span_to_json(span));
}

static json_t *original_to_json(const AnnotationOriginal *original)
{
	json_t *object = json_pack("{sI}", "fields", (json_int_t)original->fields);
	/* A field listed in `fields` with no span is "the engine proposed none": written as null. */
	static const struct { unsigned field; const char *key; size_t offset; } spans[] = {
		{ FIELD_SPEAKER, "speaker", offsetof(AnnotationOriginal, speaker) },
		{ FIELD_CUE, "cue", offsetof(AnnotationOriginal, cue) },
		{ FIELD_CLAIM, "claim", offsetof(AnnotationOriginal, claim) },
	};
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		const Span *span = (const Span *)((const char *)original + spans[i].offset);
		if (span->present || (original->fields & spans[i].field))
			json_object_set_new(object, spans[i].key, span_to_json(span));
	}
	if (original->kind != KIND_UNSET)
		json_object_set_new(object, "kind", json_string(claim_kind_name(original->kind)));
	if (original->label)
		json_object_set_new(object, "label", json_string(original->label));
	set_extras(object, &original->extras);
	return object;
}

static json_t *annotation_to_json(const Annotation *annotation)
{
	json_t *object = json_pack("{soss}", "id", string_or_null(annotation->id), "status",
				   annotation_status_name(annotation->status));
	if (annotation->kind != KIND_UNSET)
		json_object_set_new(object, "kind", json_string(claim_kind_name(annotation->kind)));
	set_span(object, "speaker", &annotation->speaker);
	set_span(object, "cue", &annotation->cue);
	set_span(object, "claim", &annotation->claim);
	if (annotation->label)
		json_object_set_new(object, "label", json_string(annotation->label));
	if (annotation->has_confidence)
		json_object_set_new(object, "confidence", json_real(annotation->confidence));
	if (annotation->note)
		json_object_set_new(object, "note", json_string(annotation->note));
	if (annotation->original)
		json_object_set_new(object, "original", original_to_json(annotation->original));
	set_extras(object, &annotation->extras);
	return object;
}

static json_t *speaker_to_json(const Speaker *speaker)
{
	json_t *object = json_pack("{soso}", "id", string_or_null(speaker->id), "name",
				   string_or_null(speaker->name));
	if (speaker->type != SPEAKER_UNSET)
		json_object_set_new(object, "type", json_string(speaker_type_name(speaker->type)));
	set_extras(object, &speaker->extras);
	return object;
}

static json_t *labels_to_json(const LabelList *labels)
{
	json_t *list = json_array();
	for (size_t i = 0; i < labels->count; i++)
		json_array_append_new(list, json_string(labels->items[i]));
	return json_pack("{sbso}", "present", labels->present, "items", list);
}

static const char *const target_names[] = {
	[CHANGE_ANNOTATION] = "annotation",
	[CHANGE_SPEAKER] = "speaker",
	[CHANGE_LABELS] = "labels",
};

static json_t *slot_to_json(ChangeTarget target, const void *value)
{
	if (!value)
		return json_null();
	switch (target) {
	case CHANGE_ANNOTATION:
		return annotation_to_json(value);
	case CHANGE_SPEAKER:
		return speaker_to_json(value);
	case CHANGE_LABELS:
		return labels_to_json(value);
	}
	return json_null();
}

/* A record is built in one buffer, change by change (a bulk step touches 100,000 annotations:
 * one JSON tree for all of them would cost gigabytes), then written with one write(). */
typedef struct Buffer {
	char *data;
	size_t length, capacity;
} Buffer;

static int buffer_append(const char *text, size_t size, void *context)
{
	Buffer *buffer = context;
	if (buffer->length + size + 2 > buffer->capacity) {
		buffer->capacity = 2 * (buffer->length + size + 2) + 1024;
		buffer->data = xrealloc(buffer->data, buffer->capacity);
	}
	memcpy(buffer->data + buffer->length, text, size);
	buffer->length += size;
	return 0;
}

static void buffer_text(Buffer *buffer, const char *text)
{
	buffer_append(text, strlen(text), buffer);
}

#define JOURNAL_JSON_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(17))

/* Appends the value and releases it. */
static void buffer_json(Buffer *buffer, json_t *value)
{
	json_dump_callback(value, buffer_append, buffer, JOURNAL_JSON_FLAGS | JSON_ENCODE_ANY);
	json_decref(value);
}

/* One change. `after` is written as the keys that differ from `before` ("after_set") and the
 * keys it no longer has ("after_unset") when both exist: an accept is then {"status": ...}. */
static void buffer_change(Buffer *buffer, const Change *change)
{
	json_t *before = slot_to_json(change->target, change->before);
	json_t *after = slot_to_json(change->target, change->after);
	json_t *object = json_pack("{sssIso}", "target", target_names[change->target], "index",
				   (json_int_t)change->index, "before", before);
	if (json_is_object(before) && json_is_object(after)) {
		json_t *set = json_object(), *unset = json_array();
		const char *key;
		json_t *value;
		json_object_foreach(after, key, value)
			if (!json_equal(value, json_object_get(before, key)))
				json_object_set(set, key, value);
		json_object_foreach(before, key, value)
			if (!json_object_get(after, key))
				json_array_append_new(unset, json_string(key));
		json_object_set_new(object, "after_set", set);
		if (json_array_size(unset))
			json_object_set_new(object, "after_unset", unset);
		else
			json_decref(unset);
		json_decref(after);
	} else {
		json_object_set_new(object, "after", after);
	}
	buffer_json(buffer, object);
}

/* ---- JSON to values ------------------------------------------------------------------------- */

/* Parsing stops at the first thing that is not as this file writes it: `error` says what. */
typedef struct Reader {
	const char *error;
} Reader;

static void reader_fail(Reader *reader, const char *error)
{
	if (!reader->error)
		reader->error = error;
}

static char *read_string(Reader *reader, const json_t *value, bool required, const char *what)
{
	if (!value || json_is_null(value)) {
		if (required)
			reader_fail(reader, what);
		return NULL;
	}
	if (!json_is_string(value)) {
		reader_fail(reader, what);
		return NULL;
	}
	return xstrndup(json_string_value(value), json_string_length(value));
}

static size_t read_offset(Reader *reader, const json_t *value, const char *what)
{
	if (!json_is_integer(value) || json_integer_value(value) < 0) {
		reader_fail(reader, what);
		return 0;
	}
	return (size_t)json_integer_value(value);
}

static YamlValue *yaml_value_from_json(Reader *reader, const json_t *object, int depth)
{
	if (!json_is_object(object) || depth > STORE_MAX_DEPTH) {
		reader_fail(reader, "bad extra value");
		return NULL;
	}
	YamlValue *value = xcalloc(1, sizeof *value);
	value->tag = read_string(reader, json_object_get(object, "tag"), false, "bad tag");
	value->flow = json_is_true(json_object_get(object, "flow"));
	const json_t *scalar = json_object_get(object, "s");
	const json_t *sequence = json_object_get(object, "seq");
	const json_t *mapping = json_object_get(object, "map");
	if (scalar) {
		value->type = YAML_VALUE_SCALAR;
		value->scalar = read_string(reader, scalar, true, "bad scalar");
		value->scalar_length = json_is_string(scalar) ? json_string_length(scalar) : 0;
		value->scalar_style = (yaml_scalar_style_t)json_integer_value(json_object_get(object, "style"));
	} else if (json_is_array(sequence)) {
		value->type = YAML_VALUE_SEQUENCE;
		value->count = json_array_size(sequence);
		value->items = xcalloc(value->count, sizeof *value->items);
		for (size_t i = 0; i < value->count; i++)
			value->items[i] = yaml_value_from_json(reader, json_array_get(sequence, i), depth + 1);
	} else if (json_is_array(mapping)) {
		value->type = YAML_VALUE_MAPPING;
		value->count = json_array_size(mapping);
		value->items = xcalloc(value->count, sizeof *value->items);
		value->keys = xcalloc(value->count, sizeof *value->keys);
		for (size_t i = 0; i < value->count; i++) {
			const json_t *pair = json_array_get(mapping, i);
			value->keys[i] = yaml_value_from_json(reader, json_array_get(pair, 0), depth + 1);
			value->items[i] = yaml_value_from_json(reader, json_array_get(pair, 1), depth + 1);
		}
	} else {
		reader_fail(reader, "bad extra value");
	}
	return value;
}

static void read_extras(Reader *reader, const json_t *object, ExtraFields *extras)
{
	const json_t *list = json_object_get(object, "extras");
	if (!list)
		return;
	if (!json_is_array(list)) {
		reader_fail(reader, "bad extras");
		return;
	}
	extras->count = json_array_size(list);
	extras->items = xcalloc(extras->count, sizeof *extras->items);
	for (size_t i = 0; i < extras->count; i++) {
		const json_t *pair = json_array_get(list, i);
		extras->items[i].key = read_string(reader, json_array_get(pair, 0), true, "bad extra key");
		extras->items[i].value = yaml_value_from_json(reader, json_array_get(pair, 1), 0);
	}
}

static void read_span(Reader *reader, const json_t *object, Span *span)
{
	memset(span, 0, sizeof *span);
	if (!object || json_is_null(object))
		return;
	if (!json_is_object(object)) {
		reader_fail(reader, "bad span");
		return;
	}
	span->present = true;
	span->start = read_offset(reader, json_object_get(object, "start"), "bad span start");
	span->end = read_offset(reader, json_object_get(object, "end"), "bad span end");
	const json_t *parts = json_object_get(object, "parts");
	if (json_is_array(parts)) {
		span->part_count = json_array_size(parts);
		span->parts = xcalloc(span->part_count, sizeof *span->parts);
		for (size_t i = 0; i < span->part_count; i++) {
			const json_t *part = json_array_get(parts, i);
			span->parts[i].start = read_offset(reader, json_array_get(part, 0), "bad span part");
			span->parts[i].end = read_offset(reader, json_array_get(part, 1), "bad span part");
		}
	}
	span->ref = read_string(reader, json_object_get(object, "ref"), false, "bad speaker ref");
	read_extras(reader, object, &span->extras);
}

static ClaimKind read_kind(Reader *reader, const json_t *value)
{
	ClaimKind kind = KIND_UNSET;
	if (value && (!json_is_string(value) || !claim_kind_parse(json_string_value(value), &kind)))
		reader_fail(reader, "bad kind");
	return kind;
}

static AnnotationOriginal *original_from_json(Reader *reader, const json_t *object)
{
	if (!json_is_object(object)) {
		reader_fail(reader, "bad original");
		return NULL;
	}
	AnnotationOriginal *original = xcalloc(1, sizeof *original);
	original->fields = (unsigned)read_offset(reader, json_object_get(object, "fields"), "bad original fields");
	read_span(reader, json_object_get(object, "speaker"), &original->speaker);
	read_span(reader, json_object_get(object, "cue"), &original->cue);
	read_span(reader, json_object_get(object, "claim"), &original->claim);
	original->kind = read_kind(reader, json_object_get(object, "kind"));
	original->label = read_string(reader, json_object_get(object, "label"), false, "bad original label");
	read_extras(reader, object, &original->extras);
	return original;
}

static Annotation *annotation_from_json(Reader *reader, const json_t *object)
{
	if (!json_is_object(object)) {
		reader_fail(reader, "bad annotation");
		return NULL;
	}
	Annotation *annotation = xcalloc(1, sizeof *annotation);
	annotation->id = read_string(reader, json_object_get(object, "id"), true, "annotation without id");
	const json_t *status = json_object_get(object, "status");
	if (!json_is_string(status) || !annotation_status_parse(json_string_value(status), &annotation->status))
		reader_fail(reader, "bad status");
	annotation->kind = read_kind(reader, json_object_get(object, "kind"));
	read_span(reader, json_object_get(object, "speaker"), &annotation->speaker);
	read_span(reader, json_object_get(object, "cue"), &annotation->cue);
	read_span(reader, json_object_get(object, "claim"), &annotation->claim);
	annotation->label = read_string(reader, json_object_get(object, "label"), false, "bad label");
	const json_t *confidence = json_object_get(object, "confidence");
	if (confidence) {
		if (!json_is_number(confidence))
			reader_fail(reader, "bad confidence");
		annotation->has_confidence = true;
		annotation->confidence = json_number_value(confidence);
	}
	annotation->note = read_string(reader, json_object_get(object, "note"), false, "bad note");
	const json_t *original = json_object_get(object, "original");
	if (original)
		annotation->original = original_from_json(reader, original);
	read_extras(reader, object, &annotation->extras);
	return annotation;
}

static Speaker *speaker_from_json(Reader *reader, const json_t *object)
{
	if (!json_is_object(object)) {
		reader_fail(reader, "bad speaker");
		return NULL;
	}
	Speaker *speaker = xcalloc(1, sizeof *speaker);
	speaker->id = read_string(reader, json_object_get(object, "id"), true, "speaker without id");
	speaker->name = read_string(reader, json_object_get(object, "name"), false, "bad speaker name");
	const json_t *type = json_object_get(object, "type");
	if (type && (!json_is_string(type) || !speaker_type_parse(json_string_value(type), &speaker->type)))
		reader_fail(reader, "bad speaker type");
	read_extras(reader, object, &speaker->extras);
	return speaker;
}

static LabelList *labels_from_json(Reader *reader, const json_t *object)
{
	const json_t *list = json_object_get(object, "items");
	if (!json_is_array(list)) {
		reader_fail(reader, "bad labels");
		return NULL;
	}
	LabelList *labels = xcalloc(1, sizeof *labels);
	labels->present = json_is_true(json_object_get(object, "present"));
	labels->count = json_array_size(list);
	labels->items = xcalloc(labels->count + 1, sizeof *labels->items);
	for (size_t i = 0; i < labels->count; i++)
		labels->items[i] = read_string(reader, json_array_get(list, i), true, "bad label");
	return labels;
}

static void *slot_from_json(Reader *reader, ChangeTarget target, const json_t *value)
{
	if (!value || json_is_null(value))
		return NULL;
	switch (target) {
	case CHANGE_ANNOTATION:
		return annotation_from_json(reader, value);
	case CHANGE_SPEAKER:
		return speaker_from_json(reader, value);
	case CHANGE_LABELS:
		return labels_from_json(reader, value);
	}
	return NULL;
}

static void slot_free(ChangeTarget target, void *value)
{
	if (!value)
		return;
	switch (target) {
	case CHANGE_ANNOTATION:
		annotation_clear(value);
		break;
	case CHANGE_SPEAKER:
		speaker_clear(value);
		break;
	case CHANGE_LABELS:
		label_list_clear(value);
		break;
	}
	free(value);
}

static void step_free(HistoryStep *step)
{
	for (size_t i = 0; i < step->change_count; i++) {
		slot_free(step->changes[i].target, step->changes[i].before);
		slot_free(step->changes[i].target, step->changes[i].after);
	}
	free(step->changes);
	free(step->description);
	memset(step, 0, sizeof *step);
}

static bool step_from_json(Reader *reader, const json_t *record, HistoryStep *step)
{
	memset(step, 0, sizeof *step);
	step->description = read_string(reader, json_object_get(record, "desc"), false, "bad description");
	const json_t *changes = json_object_get(record, "changes");
	if (!json_is_array(changes)) {
		reader_fail(reader, "record without changes");
		return false;
	}
	step->change_count = json_array_size(changes);
	step->changes = xcalloc(step->change_count, sizeof *step->changes);
	for (size_t i = 0; i < step->change_count && !reader->error; i++) {
		const json_t *object = json_array_get(changes, i);
		Change *change = &step->changes[i];
		const char *target = json_string_value(json_object_get(object, "target"));
		size_t t = 0;
		while (t < sizeof target_names / sizeof target_names[0] &&
		       !(target && strcmp(target, target_names[t]) == 0))
			t++;
		if (t == sizeof target_names / sizeof target_names[0]) {
			reader_fail(reader, "bad change target");
			break;
		}
		change->target = (ChangeTarget)t;
		change->index = read_offset(reader, json_object_get(object, "index"), "bad change index");
		const json_t *before = json_object_get(object, "before");
		change->before = slot_from_json(reader, change->target, before);
		const json_t *set = json_object_get(object, "after_set");
		if (set) {
			/* after = before with the keys that changed */
			const json_t *unset = json_object_get(object, "after_unset");
			if (!json_is_object(before) || !json_is_object(set) || (unset && !json_is_array(unset))) {
				reader_fail(reader, "bad change");
				break;
			}
			json_t *after = json_deep_copy(before);
			json_object_update(after, (json_t *)set);
			for (size_t k = 0; unset && k < json_array_size(unset); k++)
				json_object_del(after, json_string_value(json_array_get(unset, k)));
			change->after = slot_from_json(reader, change->target, after);
			json_decref(after);
		} else {
			change->after = slot_from_json(reader, change->target, json_object_get(object, "after"));
		}
	}
	return !reader->error;
}

/* ---- writing -------------------------------------------------------------------------------- */

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void set_error(Journal *journal, const char *what)
{
	free(journal->error);
	const char *reason = strerror(errno);
	size_t size = strlen(what) + strlen(journal->path) + strlen(reason) + 8;
	journal->error = xmalloc(size);
	snprintf(journal->error, size, "%s %s: %s", what, journal->path, reason);
}

static void sync_directory_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *directory = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	int fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(directory);
}

/* One write() per line so that a crash leaves whole lines plus at most one cut-short last line;
 * then fdatasync: the data and the new size reach the disk before the caller goes on. */
/* sync = false for the header: nothing is lost if it never reaches the disk (there is nothing
 * to recover without a step), and the first screen does not wait for a disk flush; the first
 * step's flush carries it (and the new file's directory entry) along. */
static bool write_line(Journal *journal, Buffer *line, bool sync)
{
	buffer_append("\n", 1, line);
	char *text = line->data;
	size_t length = line->length - 1; /* the newline is the last of length + 1 bytes */
	int64_t started = now_ns();
	size_t done = 0;
	while (done < length + 1) {
		ssize_t wrote = write(journal->fd, text + done, length + 1 - done);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote < 0) {
			set_error(journal, "cannot write");
			return false;
		}
		done += (size_t)wrote;
	}
	int64_t written = now_ns();
	journal->stats.write_ns += (unsigned long long)(written - started);
	journal->stats.records++;
	if (!sync)
		return true;
	if (fdatasync(journal->fd) != 0) {
		set_error(journal, "cannot flush");
		return false;
	}
	if (journal->new_file) {
		sync_directory_of(journal->path);
		journal->new_file = false;
	}
	journal->stats.fsync_ns += (unsigned long long)(now_ns() - written);
	return true;
}

static json_t *stamp_to_json(const FileStamp *stamp)
{
	if (!stamp || !stamp->exists)
		return json_pack("{sb}", "exists", 0);
	return json_pack("{sbsIsIsIsIss}", "exists", 1, "device", (json_int_t)stamp->device, "inode",
			 (json_int_t)stamp->inode, "size", (json_int_t)stamp->size, "mtime_ns",
			 (json_int_t)stamp->mtime_ns, "sha256", stamp->sha256);
}

static bool stamp_from_json(const json_t *object, FileStamp *stamp)
{
	memset(stamp, 0, sizeof *stamp);
	if (!json_is_object(object))
		return false;
	stamp->exists = json_is_true(json_object_get(object, "exists"));
	if (!stamp->exists)
		return true;
	stamp->device = (uint64_t)json_integer_value(json_object_get(object, "device"));
	stamp->inode = (uint64_t)json_integer_value(json_object_get(object, "inode"));
	stamp->size = (uint64_t)json_integer_value(json_object_get(object, "size"));
	stamp->mtime_ns = (int64_t)json_integer_value(json_object_get(object, "mtime_ns"));
	/* "" is a stamp taken without the hash (file_stamp_take_stat: the workbench opens a large
	 * file without reading it twice); it compares by stat alone. */
	const char *sha = json_string_value(json_object_get(object, "sha256"));
	if (!sha || (strlen(sha) != 64 && *sha))
		return false;
	memcpy(stamp->sha256, sha, strlen(sha) + 1);
	return true;
}

static json_t *owner_fields(json_t *object)
{
	char host[64] = "";
	gethostname(host, sizeof host - 1);
	char now[32];
	store_now_iso8601(now);
	json_object_set_new(object, "pid", json_integer((json_int_t)getpid()));
	json_object_set_new(object, "host", json_string(host));
	json_object_set_new(object, "started", json_string(now));
	return object;
}

static bool write_header(Journal *journal, const FileStamp *base)
{
	json_t *header = json_pack("{sissso}", "saywho_journal", JOURNAL_FORMAT, "file",
				   journal->annotation_name, "base", stamp_to_json(base));
	Buffer line = { 0 };
	buffer_json(&line, owner_fields(header));
	bool ok = write_line(journal, &line, false);
	free(line.data);
	return ok;
}

void journal_on_step(void *context, const AnnotationSet *set, const HistoryStep *step, int direction)
{
	(void)set;
	Journal *journal = context;
	const char *op = "do";
	if (direction < 0) {
		op = "undo";
		if (journal->undone_count == journal->undone_capacity) {
			journal->undone_capacity = journal->undone_capacity ? 2 * journal->undone_capacity : 16;
			journal->undone = xrealloc(journal->undone, journal->undone_capacity * sizeof *journal->undone);
		}
		journal->undone[journal->undone_count++] = step->serial;
	} else if (journal->undone_count && journal->undone[journal->undone_count - 1] == step->serial) {
		op = "redo";
		journal->undone_count--;
	} else {
		journal->undone_count = 0;
	}
	if (journal->replaying || !journal->enabled || journal->fd < 0)
		return;
	Buffer line = { 0 };
	buffer_text(&line, "{\"op\":\"");
	buffer_text(&line, op);
	buffer_text(&line, "\",\"desc\":");
	buffer_json(&line, string_or_null(step->description));
	buffer_text(&line, ",\"changes\":[");
	for (size_t i = 0; i < step->change_count; i++) {
		if (i)
			buffer_text(&line, ",");
		buffer_change(&line, &step->changes[i]);
	}
	buffer_text(&line, "]");
	char *note = direction > 0 && strcmp(op, "do") == 0 && journal->options.note_of
			     ? journal->options.note_of(journal->options.context, step) : NULL;
	if (note) {
		buffer_text(&line, ",\"note\":");
		buffer_json(&line, json_string(note));
		free(note);
	}
	buffer_text(&line, "}");
	if (write_line(journal, &line, true)) {
		free(journal->error);
		journal->error = NULL;
	}
	free(line.data);
}

void journal_attach(Journal *journal, AnnotationSet *set)
{
	history_set_observer(set, journal_on_step, journal);
}

/* ---- reading -------------------------------------------------------------------------------- */

typedef struct JournalContent {
	char *bytes;
	size_t size;
	json_t *header;           /* the first line, parsed */
	size_t complete_end;      /* bytes of the file up to the end of the last complete record */
	bool truncated_tail;
	const char *error;        /* the file is not a journal (or is corrupt before its end) */
	size_t error_line;
} JournalContent;

static bool read_all(int fd, char **bytes, size_t *size)
{
	size_t capacity = 1 << 14, length = 0;
	char *buffer = xmalloc(capacity);
	for (;;) {
		if (length + 1 >= capacity)
			buffer = xrealloc(buffer, capacity *= 2);
		ssize_t got = pread(fd, buffer + length, capacity - length - 1, (off_t)length);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buffer);
			return false;
		}
		if (got == 0)
			break;
		length += (size_t)got;
	}
	buffer[length] = '\0';
	*bytes = buffer;
	*size = length;
	return true;
}

/* Calls visit(record, line number) for each complete record line after the header, until it
 * returns false. Lines end with '\n'; a last line without one was cut short by a crash. */
static void each_record(JournalContent *content, bool (*visit)(json_t *record, size_t line, void *ctx), void *ctx)
{
	size_t offset = 0, line = 0;
	content->complete_end = 0;
	content->truncated_tail = false;
	while (offset < content->size) {
		char *newline = memchr(content->bytes + offset, '\n', content->size - offset);
		line++;
		if (!newline) {
			content->truncated_tail = true;
			return;
		}
		json_error_t json_error;
		json_t *record = json_loadb(content->bytes + offset, (size_t)(newline - content->bytes) - offset,
					    0, &json_error);
		if (!record || !json_is_object(record)) {
			json_decref(record);
			/* Only the last line can be cut short: garbage before it is corruption. */
			if ((size_t)(newline - content->bytes) + 1 == content->size) {
				content->truncated_tail = true;
			} else {
				content->error = "unreadable record";
				content->error_line = line;
			}
			return;
		}
		size_t end = (size_t)(newline - content->bytes) + 1;
		if (line == 1) {
			if (json_integer_value(json_object_get(record, "saywho_journal")) != JOURNAL_FORMAT) {
				json_decref(record);
				content->error = "not a saywho journal (or a newer format)";
				content->error_line = 1;
				return;
			}
			json_decref(content->header); /* a second pass reads it again */
			content->header = record;
			content->complete_end = end;
		} else {
			bool go_on = visit(record, line, ctx);
			json_decref(record);
			if (!go_on)
				return;
			content->complete_end = end;
		}
		offset = end;
	}
}

static void content_free(JournalContent *content)
{
	free(content->bytes);
	json_decref(content->header);
	memset(content, 0, sizeof *content);
}

typedef struct ProbeVisit {
	JournalProbe *probe;
	const json_t *base;  /* the stamp of the header or of the last "saved" mark (borrowed) */
	json_t *saved_mark;  /* that mark (ours) */
} ProbeVisit;

static bool probe_visit(json_t *record, size_t line, void *ctx)
{
	(void)line;
	ProbeVisit *visit = ctx;
	JournalProbe *probe = visit->probe;
	const char *op = json_string_value(json_object_get(record, "op"));
	if (op && strcmp(op, "session") == 0) {
		probe->owner_pid = (long)json_integer_value(json_object_get(record, "pid"));
		const char *host = json_string_value(json_object_get(record, "host"));
		snprintf(probe->owner_host, sizeof probe->owner_host, "%s", host ? host : "");
		return true;
	}
	if (op && strcmp(op, "saved") == 0) {
		/* A whole-session journal: what is unsaved starts here. */
		json_decref(visit->saved_mark);
		visit->saved_mark = json_incref(record);
		visit->base = json_object_get(record, "base");
		probe->step_count = 0;
		free(probe->last_description);
		probe->last_description = NULL;
		return true;
	}
	probe->step_count++;
	free(probe->last_description);
	/* "undo accept a3": what the analyst did last, not only what it was about. */
	const char *description = json_string_value(json_object_get(record, "desc"));
	bool again = op && (strcmp(op, "undo") == 0 || strcmp(op, "redo") == 0);
	size_t size = (description ? strlen(description) : 0) + 8;
	probe->last_description = xmalloc(size);
	snprintf(probe->last_description, size, "%s%s%s", again ? op : "", again ? " " : "",
		 description ? description : "");
	return true;
}

static void probe_owner(JournalProbe *probe, const json_t *header)
{
	probe->owner_pid = (long)json_integer_value(json_object_get(header, "pid"));
	const char *host = json_string_value(json_object_get(header, "host"));
	snprintf(probe->owner_host, sizeof probe->owner_host, "%s", host ? host : "");
}

/* Reads the journal open on fd into content and fills the probe. */
static void probe_fd(int fd, const char *annotation_path, JournalProbe *probe, JournalContent *content)
{
	if (!read_all(fd, &content->bytes, &content->size)) {
		probe->error = xstrdup(strerror(errno));
		return;
	}
	ProbeVisit visit = { .probe = probe };
	each_record(content, probe_visit, &visit);
	probe->truncated_tail = content->truncated_tail;
	if (content->error) {
		char message[128];
		snprintf(message, sizeof message, "line %zu: %s", content->error_line, content->error);
		probe->error = xstrdup(message);
	}
	if (!content->header) {
		json_decref(visit.saved_mark);
		return;
	}
	long session_pid = probe->owner_pid;
	char session_host[sizeof probe->owner_host];
	memcpy(session_host, probe->owner_host, sizeof session_host);
	probe_owner(probe, content->header);
	if (session_pid) {
		probe->owner_pid = session_pid;
		memcpy(probe->owner_host, session_host, sizeof session_host);
	}
	const char *file = json_string_value(json_object_get(content->header, "file"));
	if (!file || strcmp(file, base_name(annotation_path)) != 0) {
		if (!probe->error)
			probe->error = xstrdup("the journal belongs to another file");
	}
	FileStamp base;
	if (stamp_from_json(visit.base ? visit.base : json_object_get(content->header, "base"), &base))
		probe->base_matches = file_stamp_check(&base, annotation_path) == FILE_UNCHANGED;
	json_decref(visit.saved_mark);
}

void journal_probe(const char *annotation_path, JournalProbe *probe)
{
	memset(probe, 0, sizeof *probe);
	char *path = journal_path_for(annotation_path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT) {
			probe->exists = true;
			probe->error = xstrdup(strerror(errno));
		}
		free(path);
		return;
	}
	probe->exists = true;
	/* A live saywho holds an exclusive lock; a shared one here fails exactly then. */
	if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK)
		probe->live = true;
	JournalContent content = { 0 };
	probe_fd(fd, annotation_path, probe, &content);
	struct stat journal_stat, file_stat;
	if (fstat(fd, &journal_stat) == 0) {
		if (stat(annotation_path, &file_stat) != 0)
			probe->newer_than_file = true;
		else
			probe->newer_than_file =
				journal_stat.st_mtim.tv_sec > file_stat.st_mtim.tv_sec ||
				(journal_stat.st_mtim.tv_sec == file_stat.st_mtim.tv_sec &&
				 journal_stat.st_mtim.tv_nsec >= file_stat.st_mtim.tv_nsec);
	}
	content_free(&content);
	close(fd);
	free(path);
}

void journal_probe_clear(JournalProbe *probe)
{
	free(probe->last_description);
	free(probe->error);
	memset(probe, 0, sizeof *probe);
}

/* ---- replay --------------------------------------------------------------------------------- */

static size_t slot_count(const AnnotationSet *set, ChangeTarget target)
{
	return target == CHANGE_ANNOTATION ? set->annotation_count
	       : target == CHANGE_SPEAKER  ? set->speaker_count
					   : 1;
}

static bool slot_matches(const AnnotationSet *set, const Change *change, const void *expected)
{
	switch (change->target) {
	case CHANGE_ANNOTATION:
		return change->index < set->annotation_count &&
		       annotation_equal(&set->annotations[change->index], expected);
	case CHANGE_SPEAKER:
		return change->index < set->speaker_count &&
		       speaker_equal(&set->speakers[change->index], expected);
	case CHANGE_LABELS: {
		const LabelList *labels = expected;
		if (labels->present != set->has_labels || labels->count != set->label_count)
			return false;
		for (size_t i = 0; i < labels->count; i++)
			if (strcmp(labels->items[i], set->labels[i]) != 0)
				return false;
		return true;
	}
	}
	return false;
}

/* Whether the set is in the state a step starts from (forward: its `before` slots; backward:
 * its `after` slots). Indexes after an insertion or removal of the same kind refer to the
 * shifted array, so only the slots before the first such change are checked. */
static bool step_fits(const AnnotationSet *set, const HistoryStep *step, bool forward)
{
	bool shifted[3] = { false, false, false };
	for (size_t k = 0; k < step->change_count; k++) {
		const Change *change = &step->changes[forward ? k : step->change_count - 1 - k];
		const void *from = forward ? change->before : change->after;
		const void *to = forward ? change->after : change->before;
		if (shifted[change->target])
			continue;
		if (from && !slot_matches(set, change, from))
			return false;
		if (!from && change->index > slot_count(set, change->target))
			return false;
		if (!from || !to)
			shifted[change->target] = true;
	}
	return true;
}

/* The same step backwards: undoing it is applying this. */
static void step_invert(HistoryStep *step)
{
	for (size_t i = 0, j = step->change_count ? step->change_count - 1 : 0; i < j; i++, j--) {
		Change swap = step->changes[i];
		step->changes[i] = step->changes[j];
		step->changes[j] = swap;
	}
	for (size_t i = 0; i < step->change_count; i++) {
		void *swap = step->changes[i].before;
		step->changes[i].before = step->changes[i].after;
		step->changes[i].after = swap;
	}
}

typedef struct Replay {
	Journal *journal;
	AnnotationSet *set;
	size_t replayed;
	/* Steps that this replay put on the set's undo / redo stacks: an undo or redo in the
	 * journal is replayed through history_undo/redo while they cover it (so the stacks come
	 * back as they were); past them (steps from before a save) the recorded changes are
	 * applied instead. */
	size_t undoable, redoable;
	const char *error;
	size_t error_line;
} Replay;

static bool replay_visit(json_t *record, size_t line, void *ctx)
{
	Replay *replay = ctx;
	const char *op = json_string_value(json_object_get(record, "op"));
	if (op && (strcmp(op, "session") == 0 || strcmp(op, "saved") == 0))
		return true;
	bool undo = op && strcmp(op, "undo") == 0, redo = op && strcmp(op, "redo") == 0;
	if (!op || (!undo && !redo && strcmp(op, "do") != 0)) {
		replay->error = "unknown record";
		replay->error_line = line;
		return false;
	}
	Reader reader = { 0 };
	HistoryStep step;
	bool ok = step_from_json(&reader, record, &step);
	if (!ok) {
		replay->error = reader.error;
	} else if (!step_fits(replay->set, &step, !undo)) {
		replay->error = "the record does not fit the file (was the file changed?)";
		ok = false;
	} else if (undo && replay->undoable) {
		ok = history_undo(replay->set) != NULL;
		replay->undoable--;
		replay->redoable++;
	} else if (redo && replay->redoable) {
		ok = history_redo(replay->set) != NULL;
		replay->redoable--;
		replay->undoable++;
	} else if (undo) {
		/* An undo of a step from before the last save: its inverse becomes a new step here,
		 * which a later undo must not take back as if it were the undone step's redo. */
		step_invert(&step);
		ok = history_apply_step(replay->set, &step);
		replay->redoable = 0;
	} else {
		const char *note = json_string_value(json_object_get(record, "note"));
		const JournalOptions *options = &replay->journal->options;
		if (note && options->replaying)
			options->replaying(options->context, note);
		ok = history_apply_step(replay->set, &step);
		if (note && options->replaying)
			options->replaying(options->context, NULL); /* applied or not, that record is over */
		replay->undoable++;
		replay->redoable = 0;
	}
	if (!ok && !replay->error)
		replay->error = "the step could not be applied";
	step_free(&step);
	if (!ok) {
		replay->error_line = line;
		return false;
	}
	replay->replayed++;
	return true;
}

/* ---- open, save, close ---------------------------------------------------------------------- */


static Journal *journal_new(const char *annotation_path)
{
	Journal *journal = xcalloc(1, sizeof *journal);
	journal->path = journal_path_for(annotation_path);
	journal->annotation_name = xstrdup(base_name(annotation_path));
	journal->fd = -1;
	journal->enabled = true;
	return journal;
}

static void journal_free(Journal *journal)
{
	if (journal->fd >= 0)
		close(journal->fd);
	free(journal->path);
	free(journal->annotation_name);
	free(journal->error);
	free(journal->undone);
	free(journal);
}

static bool start_fresh(Journal *journal, const FileStamp *base, Diagnostics *diag)
{
	if (ftruncate(journal->fd, 0) != 0 || !write_header(journal, base)) {
		if (!journal->error)
			set_error(journal, "cannot write");
		diagnostics_add(diag, DIAG_ERROR, journal->path, 0, 0, "%s", journal->error);
		return false;
	}
	return true;
}

static void recover(Journal *journal, AnnotationSet *set, const char *annotation_path,
		    size_t *replayed, Diagnostics *diag)
{
	JournalProbe probe = { 0 };
	JournalContent content = { 0 };
	probe_fd(journal->fd, annotation_path, &probe, &content);
	if (probe.error && !content.header) {
		diagnostics_add(diag, DIAG_ERROR, journal->path, (unsigned)content.error_line, 0,
				"cannot recover: %s", probe.error);
	} else {
		if (!probe.base_matches)
			diagnostics_add(diag, DIAG_WARNING, journal->path, 0, 0,
					"the file was changed after this journal began; replaying what still fits");
		Replay replay = { .journal = journal, .set = set };
		content.error = NULL;
		journal->replaying = true;
		each_record(&content, replay_visit, &replay);
		journal->replaying = false;
		*replayed = replay.replayed;
		if (replay.error || content.error)
			diagnostics_add(diag, DIAG_ERROR, journal->path,
					(unsigned)(replay.error ? replay.error_line : content.error_line), 0,
					"recovery stopped: %s", replay.error ? replay.error : content.error);
	}
	/* Whatever was replayed is the state now: keep those records, drop the rest (a cut-short
	 * last line would otherwise glue itself to the next record), and note who goes on. */
	if (content.header && ftruncate(journal->fd, (off_t)content.complete_end) == 0) {
		Buffer line = { 0 };
		buffer_json(&line, owner_fields(json_pack("{ss}", "op", "session")));
		write_line(journal, &line, false);
		free(line.data);
	} else {
		FileStamp base;
		file_stamp_take(annotation_path, &base, NULL);
		start_fresh(journal, &base, diag);
	}
	content_free(&content);
	journal_probe_clear(&probe);
}

Journal *journal_open(const char *annotation_path, AnnotationSet *set, const FileStamp *loaded,
		      JournalStart start, size_t *replayed, Diagnostics *diag)
{
	return journal_open_with(annotation_path, set, loaded, start, NULL, replayed, diag);
}

Journal *journal_open_with(const char *annotation_path, AnnotationSet *set, const FileStamp *loaded,
			   JournalStart start, const JournalOptions *options, size_t *replayed, Diagnostics *diag)
{
	size_t replayed_none = 0;
	if (!replayed)
		replayed = &replayed_none;
	*replayed = 0;
	Journal *journal = journal_new(annotation_path);
	if (options)
		journal->options = *options;
	bool existed = access(journal->path, F_OK) == 0;
	journal->fd = open(journal->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (journal->fd < 0) {
		diagnostics_add(diag, DIAG_ERROR, journal->path, 0, 0,
				"cannot create the journal (edits are not protected against a crash): %s",
				strerror(errno));
		journal_free(journal);
		return NULL;
	}
	if (flock(journal->fd, LOCK_EX | LOCK_NB) != 0) {
		JournalProbe probe = { 0 };
		JournalContent content = { 0 };
		probe_fd(journal->fd, annotation_path, &probe, &content);
		diagnostics_add(diag, DIAG_ERROR, annotation_path, 0, 0,
				"another saywho (pid %ld on %s) has this file open; changes made here may be overwritten",
				probe.owner_pid, probe.owner_host[0] ? probe.owner_host : "this machine");
		content_free(&content);
		journal_probe_clear(&probe);
		journal_free(journal);
		return NULL;
	}
	if (start == JOURNAL_RECOVER && existed)
		recover(journal, set, annotation_path, replayed, diag);
	else if (!start_fresh(journal, loaded, diag)) {
		journal_free(journal);
		return NULL;
	}
	journal->new_file = !existed;
	return journal;
}

bool journal_saved(Journal *journal, const FileStamp *saved, Diagnostics *diag)
{
	if (!journal || journal->fd < 0)
		return false;
	if (!journal->options.whole_session)
		return start_fresh(journal, saved, diag);
	Buffer line = { 0 };
	buffer_json(&line, json_pack("{ssso}", "op", "saved", "base", stamp_to_json(saved)));
	bool ok = write_line(journal, &line, true);
	free(line.data);
	if (!ok)
		diagnostics_add(diag, DIAG_ERROR, journal->path, 0, 0, "%s", journal->error);
	return ok;
}

void journal_close(Journal *journal, bool remove)
{
	if (!journal)
		return;
	/* Unlink while still holding the lock, so nobody locks a file that is about to vanish. */
	if (remove)
		unlink(journal->path);
	journal_free(journal);
}

void journal_set_enabled(Journal *journal, bool enabled)
{
	if (journal)
		journal->enabled = enabled;
}

const char *journal_error(const Journal *journal)
{
	return journal ? journal->error : NULL;
}

const char *journal_path(const Journal *journal)
{
	return journal->path;
}

JournalStats journal_stats(const Journal *journal)
{
	return journal ? journal->stats : (JournalStats){ 0 };
}

bool journal_discard(const char *annotation_path, Diagnostics *diag)
{
	char *path = journal_path_for(annotation_path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok = true;
	if (fd >= 0) {
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "in use by another saywho; not removed");
			ok = false;
		} else if (unlink(path) != 0) {
			diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "cannot remove: %s", strerror(errno));
			ok = false;
		}
		close(fd);
	}
	free(path);
	return ok;
}
