/* Values of the annotation model: names of enums, copies, comparisons, lookups, ids. */
#include "model/annotation.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/yaml_value.h"

static const char *const status_names[STATUS_COUNT] = {
	"candidate", "accepted", "rejected", "corrected", "added",
};
static const char *const kind_names[KIND_COUNT] = { NULL, "direct", "indirect", "mixed" };
static const char *const speaker_type_names[SPEAKER_TYPE_COUNT] = {
	NULL, "person", "organization", "government", "media", "document", "other",
};

const char *const annotation_default_labels[] = {
	"accusation", "denial", "statistic", "demand", "position", "other",
};
const size_t annotation_default_label_count =
	sizeof annotation_default_labels / sizeof annotation_default_labels[0];

/* Finds `name` in a table of names; index or -1. */
static int name_index(const char *const *names, int count, const char *name)
{
	for (int i = 0; name && i < count; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *annotation_status_name(AnnotationStatus status)
{
	return status < STATUS_COUNT ? status_names[status] : NULL;
}

bool annotation_status_parse(const char *name, AnnotationStatus *out)
{
	int i = name_index(status_names, STATUS_COUNT, name);
	if (i >= 0)
		*out = (AnnotationStatus)i;
	return i >= 0;
}

const char *claim_kind_name(ClaimKind kind)
{
	return kind < KIND_COUNT ? kind_names[kind] : NULL;
}

bool claim_kind_parse(const char *name, ClaimKind *out)
{
	int i = name_index(kind_names, KIND_COUNT, name);
	if (i >= 0)
		*out = (ClaimKind)i;
	return i >= 0;
}

const char *speaker_type_name(SpeakerType type)
{
	return type < SPEAKER_TYPE_COUNT ? speaker_type_names[type] : NULL;
}

bool speaker_type_parse(const char *name, SpeakerType *out)
{
	int i = name_index(speaker_type_names, SPEAKER_TYPE_COUNT, name);
	if (i >= 0)
		*out = (SpeakerType)i;
	return i >= 0;
}

bool annotation_status_is_reviewed(AnnotationStatus status)
{
	return status != STATUS_CANDIDATE;
}

static bool string_equal(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- spans ---- */

void span_copy(Span *dst, const Span *src)
{
	*dst = *src;
	dst->parts = NULL;
	if (src->part_count) {
		dst->parts = xmalloc(src->part_count * sizeof *dst->parts);
		memcpy(dst->parts, src->parts, src->part_count * sizeof *dst->parts);
	}
	dst->ref = xstrdup(src->ref);
	extra_fields_copy(&dst->extras, &src->extras);
}

void span_clear(Span *span)
{
	free(span->parts);
	free(span->ref);
	extra_fields_clear(&span->extras);
	*span = (Span){0};
}

bool span_equal(const Span *a, const Span *b)
{
	if (a->present != b->present)
		return false;
	if (!a->present)
		return true;
	if (a->start != b->start || a->end != b->end || a->part_count != b->part_count)
		return false;
	for (size_t i = 0; i < a->part_count; i++)
		if (a->parts[i].start != b->parts[i].start || a->parts[i].end != b->parts[i].end)
			return false;
	return string_equal(a->ref, b->ref) && extra_fields_equal(&a->extras, &b->extras);
}

char *span_text(const Article *article, const Span *span)
{
	if (!span->present)
		return NULL;
	return xstrndup(article_text(article) + span->start, span->end - span->start);
}

/* ---- annotations ---- */

static void original_copy(AnnotationOriginal *dst, const AnnotationOriginal *src)
{
	dst->fields = src->fields;
	span_copy(&dst->speaker, &src->speaker);
	span_copy(&dst->cue, &src->cue);
	span_copy(&dst->claim, &src->claim);
	dst->kind = src->kind;
	dst->label = xstrdup(src->label);
	extra_fields_copy(&dst->extras, &src->extras);
}

static void original_free(AnnotationOriginal *original)
{
	if (!original)
		return;
	span_clear(&original->speaker);
	span_clear(&original->cue);
	span_clear(&original->claim);
	free(original->label);
	extra_fields_clear(&original->extras);
	free(original);
}

static bool original_equal(const AnnotationOriginal *a, const AnnotationOriginal *b)
{
	if (!a || !b)
		return a == b;
	return a->fields == b->fields && span_equal(&a->speaker, &b->speaker) &&
	       span_equal(&a->cue, &b->cue) && span_equal(&a->claim, &b->claim) &&
	       a->kind == b->kind && string_equal(a->label, b->label) &&
	       extra_fields_equal(&a->extras, &b->extras);
}

void annotation_copy(Annotation *dst, const Annotation *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	span_copy(&dst->speaker, &src->speaker);
	span_copy(&dst->cue, &src->cue);
	span_copy(&dst->claim, &src->claim);
	dst->label = xstrdup(src->label);
	dst->note = xstrdup(src->note);
	dst->original = NULL;
	if (src->original) {
		dst->original = xcalloc(1, sizeof *dst->original);
		original_copy(dst->original, src->original);
	}
	extra_fields_copy(&dst->extras, &src->extras);
}

void annotation_clear(Annotation *annotation)
{
	free(annotation->id);
	span_clear(&annotation->speaker);
	span_clear(&annotation->cue);
	span_clear(&annotation->claim);
	free(annotation->label);
	free(annotation->note);
	original_free(annotation->original);
	extra_fields_clear(&annotation->extras);
	*annotation = (Annotation){0};
}

/* Confidences compare exactly: the store writes the shortest decimal that reads back equal. */
static bool confidence_equal(const Annotation *a, const Annotation *b)
{
	if (a->has_confidence != b->has_confidence)
		return false;
	return !a->has_confidence || a->confidence == b->confidence;
}

bool annotation_equal(const Annotation *a, const Annotation *b)
{
	return string_equal(a->id, b->id) && a->status == b->status && a->kind == b->kind &&
	       span_equal(&a->speaker, &b->speaker) && span_equal(&a->cue, &b->cue) &&
	       span_equal(&a->claim, &b->claim) && string_equal(a->label, b->label) &&
	       confidence_equal(a, b) && string_equal(a->note, b->note) &&
	       original_equal(a->original, b->original) &&
	       extra_fields_equal(&a->extras, &b->extras);
}

/* ---- speakers ---- */

void speaker_copy(Speaker *dst, const Speaker *src)
{
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->type = src->type;
	extra_fields_copy(&dst->extras, &src->extras);
}

void speaker_clear(Speaker *speaker)
{
	free(speaker->id);
	free(speaker->name);
	extra_fields_clear(&speaker->extras);
	*speaker = (Speaker){0};
}

bool speaker_equal(const Speaker *a, const Speaker *b)
{
	return string_equal(a->id, b->id) && string_equal(a->name, b->name) && a->type == b->type &&
	       extra_fields_equal(&a->extras, &b->extras);
}

/* ---- the set ---- */

AnnotationSet *annotation_set_new(Article *article)
{
	AnnotationSet *set = xcalloc(1, sizeof *set);
	set->schema = 1;
	set->article = article;
	return set;
}

static void free_annotations(Annotation *annotations, size_t count)
{
	for (size_t i = 0; i < count; i++)
		annotation_clear(&annotations[i]);
	free(annotations);
}

void annotation_set_free(AnnotationSet *set)
{
	if (!set)
		return;
	free(set->document_path);
	free(set->document_id);
	free(set->document_sha256);
	extra_fields_clear(&set->document_extras);
	free(set->engine_name);
	free(set->engine_version);
	extra_fields_clear(&set->engine_extras);
	free(set->annotator);
	free(set->updated);
	for (size_t i = 0; i < set->label_count; i++)
		free(set->labels[i]);
	free(set->labels);
	for (size_t i = 0; i < set->speaker_count; i++)
		speaker_clear(&set->speakers[i]);
	free(set->speakers);
	free_annotations(set->annotations, set->annotation_count);
	free_annotations(set->optional, set->optional_count);
	extra_fields_clear(&set->extras);
	article_free(set->article);
	free(set->file_path);
	history_free(set->history);
	free(set);
}

bool annotation_set_equal(const AnnotationSet *a, const AnnotationSet *b)
{
	if (a->schema != b->schema || !string_equal(a->document_path, b->document_path) ||
	    a->document_inline != b->document_inline ||
	    !string_equal(a->document_id, b->document_id) ||
	    !string_equal(a->document_sha256, b->document_sha256) ||
	    !extra_fields_equal(&a->document_extras, &b->document_extras) ||
	    a->has_engine != b->has_engine || !string_equal(a->engine_name, b->engine_name) ||
	    !string_equal(a->engine_version, b->engine_version) ||
	    !extra_fields_equal(&a->engine_extras, &b->engine_extras) ||
	    !string_equal(a->annotator, b->annotator) || !string_equal(a->updated, b->updated) ||
	    a->has_labels != b->has_labels || a->label_count != b->label_count ||
	    a->speaker_count != b->speaker_count || a->annotation_count != b->annotation_count ||
	    a->has_optional != b->has_optional || a->optional_count != b->optional_count ||
	    !extra_fields_equal(&a->extras, &b->extras))
		return false;
	for (size_t i = 0; i < a->label_count; i++)
		if (strcmp(a->labels[i], b->labels[i]) != 0)
			return false;
	for (size_t i = 0; i < a->speaker_count; i++)
		if (!speaker_equal(&a->speakers[i], &b->speakers[i]))
			return false;
	for (size_t i = 0; i < a->annotation_count; i++)
		if (!annotation_equal(&a->annotations[i], &b->annotations[i]))
			return false;
	for (size_t i = 0; i < a->optional_count; i++)
		if (!annotation_equal(&a->optional[i], &b->optional[i]))
			return false;
	return true;
}

Speaker *annotation_set_find_speaker(const AnnotationSet *set, const char *id)
{
	size_t i = annotation_set_speaker_index(set, id);
	return i == (size_t)-1 ? NULL : &set->speakers[i];
}

size_t annotation_set_speaker_index(const AnnotationSet *set, const char *id)
{
	for (size_t i = 0; id && i < set->speaker_count; i++)
		if (strcmp(set->speakers[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

size_t annotation_set_annotation_index(const AnnotationSet *set, const char *id)
{
	for (size_t i = 0; id && i < set->annotation_count; i++)
		if (set->annotations[i].id && strcmp(set->annotations[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

bool annotation_set_has_label(const AnnotationSet *set, const char *label)
{
	for (size_t i = 0; label && i < set->label_count; i++)
		if (strcmp(set->labels[i], label) == 0)
			return true;
	return false;
}

char *annotation_set_new_annotation_id(const AnnotationSet *set)
{
	/* One past the largest "a<number>" in use: O(count), only on add. */
	unsigned long largest = 0;
	for (size_t i = 0; i < set->annotation_count; i++) {
		const char *id = set->annotations[i].id;
		if (id && id[0] == 'a' && isdigit((unsigned char)id[1])) {
			char *end;
			unsigned long n = strtoul(id + 1, &end, 10);
			if (*end == '\0' && n > largest)
				largest = n;
		}
	}
	char buffer[32];
	snprintf(buffer, sizeof buffer, "a%lu", largest + 1);
	return xstrdup(buffer);
}

char *annotation_set_new_speaker_id(const AnnotationSet *set, const char *name)
{
	/* ASCII letters and digits kept (lower-cased), runs of anything else become one '-';
	 * non-ASCII letters are kept as they are, since ids are only compared, never parsed. */
	size_t length = strlen(name ? name : "");
	char *slug = xmalloc(length + 16);
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		/* ’ (U+2019) is an apostrophe too: "China’s embassy" -> "chinas-embassy" */
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) {
			p += 2;
			continue;
		}
		if (isalnum(*p) || *p >= 0x80) {
			slug[n++] = (char)tolower(*p);
		} else if (*p == '\'') {
			continue; /* "China's" -> "chinas", as the gold files do */
		} else if (n > 0 && slug[n - 1] != '-') {
			slug[n++] = '-';
		}
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	if (n == 0) {
		memcpy(slug, "speaker", 7);
		n = 7;
	}
	slug[n] = '\0';
	if (!annotation_set_find_speaker(set, slug))
		return slug;
	char *candidate = xmalloc(n + 24);
	for (unsigned long suffix = 2;; suffix++) {
		snprintf(candidate, n + 24, "%s-%lu", slug, suffix);
		if (!annotation_set_find_speaker(set, candidate))
			break;
	}
	free(slug);
	return candidate;
}

/* Open addressing over a power-of-two table; `next_suffix` is kept on a taken slug so that the
 * n-th "he" costs one probe, not n (ids are never given back, so every suffix below it is taken). */
typedef struct SpeakerIdSlot {
	char *id;
	unsigned long next_suffix;
} SpeakerIdSlot;

struct SpeakerIds {
	SpeakerIdSlot *slots;
	size_t count, capacity;
};

static size_t speaker_id_hash(const char *id)
{
	size_t hash = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		hash = (hash ^ *p) * 1099511628211u;
	return hash;
}

static SpeakerIdSlot *speaker_ids_slot(const SpeakerIds *ids, const char *id)
{
	size_t i = speaker_id_hash(id) & (ids->capacity - 1);
	while (ids->slots[i].id && strcmp(ids->slots[i].id, id) != 0)
		i = (i + 1) & (ids->capacity - 1);
	return &ids->slots[i];
}

/* Records `id` (copied) as taken; the slot it landed in. */
static SpeakerIdSlot *speaker_ids_take(SpeakerIds *ids, const char *id)
{
	if (2 * (ids->count + 1) > ids->capacity) {
		SpeakerIds grown = {xcalloc(ids->capacity * 2, sizeof *grown.slots), ids->count, ids->capacity * 2};
		for (size_t i = 0; i < ids->capacity; i++)
			if (ids->slots[i].id)
				*speaker_ids_slot(&grown, ids->slots[i].id) = ids->slots[i];
		free(ids->slots);
		*ids = grown;
	}
	SpeakerIdSlot *slot = speaker_ids_slot(ids, id);
	if (!slot->id) {
		slot->id = xstrdup(id);
		ids->count++;
	}
	return slot;
}

SpeakerIds *speaker_ids_new(const AnnotationSet *set)
{
	SpeakerIds *ids = xcalloc(1, sizeof *ids);
	ids->capacity = 16;
	ids->slots = xcalloc(ids->capacity, sizeof *ids->slots);
	for (size_t i = 0; i < set->speaker_count; i++)
		if (set->speakers[i].id)
			speaker_ids_take(ids, set->speakers[i].id);
	return ids;
}

char *speaker_ids_new_id(SpeakerIds *ids, const char *name)
{
	/* The bare slug is what annotation_set_new_speaker_id() gives when no id is taken. */
	AnnotationSet none;
	memset(&none, 0, sizeof none);
	char *slug = annotation_set_new_speaker_id(&none, name);
	SpeakerIdSlot *base = speaker_ids_slot(ids, slug);
	if (!base->id) {
		speaker_ids_take(ids, slug);
		return slug;
	}
	size_t size = strlen(slug) + 24;
	char *candidate = xmalloc(size);
	unsigned long suffix = base->next_suffix > 2 ? base->next_suffix : 2;
	for (;; suffix++) {
		snprintf(candidate, size, "%s-%lu", slug, suffix);
		if (!speaker_ids_slot(ids, candidate)->id)
			break;
	}
	base->next_suffix = suffix + 1; /* before the take below, which may move the slots */
	speaker_ids_take(ids, candidate);
	free(slug);
	return candidate;
}

void speaker_ids_free(SpeakerIds *ids)
{
	if (!ids)
		return;
	for (size_t i = 0; i < ids->capacity; i++)
		free(ids->slots[i].id);
	free(ids->slots);
	free(ids);
}

char *annotation_speaker_name(const AnnotationSet *set, const Annotation *annotation)
{
	if (!annotation->speaker.present)
		return NULL;
	const Speaker *speaker = annotation_set_find_speaker(set, annotation->speaker.ref);
	if (speaker && speaker->name)
		return xstrdup(speaker->name);
	return span_text(set->article, &annotation->speaker);
}

size_t annotation_set_append(AnnotationSet *set, const Annotation *annotation)
{
	if (set->annotation_count == set->annotation_capacity) {
		set->annotation_capacity = set->annotation_capacity ? set->annotation_capacity * 2 : 16;
		set->annotations = xrealloc(set->annotations,
					    set->annotation_capacity * sizeof *set->annotations);
	}
	annotation_copy(&set->annotations[set->annotation_count], annotation);
	return set->annotation_count++;
}

size_t annotation_set_append_speaker(AnnotationSet *set, const Speaker *speaker)
{
	if (set->speaker_count == set->speaker_capacity) {
		set->speaker_capacity = set->speaker_capacity ? set->speaker_capacity * 2 : 8;
		set->speakers = xrealloc(set->speakers, set->speaker_capacity * sizeof *set->speakers);
	}
	speaker_copy(&set->speakers[set->speaker_count], speaker);
	return set->speaker_count++;
}

void annotation_set_set_labels(AnnotationSet *set, const char *const *labels, size_t count)
{
	for (size_t i = 0; i < set->label_count; i++)
		free(set->labels[i]);
	free(set->labels);
	set->labels = xcalloc(count, sizeof *set->labels);
	for (size_t i = 0; i < count; i++)
		set->labels[i] = xstrdup(labels[i]);
	set->label_count = count;
	set->has_labels = true;
}

/* Position order: claim start, then end, then id (ids compare as "a2" < "a10"). */
static int compare_ids(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *end_a, *end_b;
			unsigned long na = strtoul(a, &end_a, 10), nb = strtoul(b, &end_b, 10);
			if (na != nb)
				return na < nb ? -1 : 1;
			a = end_a;
			b = end_b;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int compare_positions(const Annotation *a, const Annotation *b)
{
	if (a->claim.start != b->claim.start)
		return a->claim.start < b->claim.start ? -1 : 1;
	if (a->claim.end != b->claim.end)
		return a->claim.end < b->claim.end ? -1 : 1;
	return compare_ids(a->id, b->id);
}

/* qsort has no context argument; thread-local so that engine threads can sort at once. */
static _Thread_local const Annotation *sort_base;

static int compare_order(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = compare_positions(&sort_base[i], &sort_base[j]);
	return c ? c : (i < j ? -1 : i > j);
}

size_t *annotation_set_position_order(const AnnotationSet *set)
{
	size_t *order = xmalloc((set->annotation_count + 1) * sizeof *order);
	for (size_t i = 0; i < set->annotation_count; i++)
		order[i] = i;
	/* Already sorted is the common case (files we wrote, the engine): check before sorting. */
	bool sorted = true;
	for (size_t i = 1; sorted && i < set->annotation_count; i++)
		sorted = compare_positions(&set->annotations[i - 1], &set->annotations[i]) <= 0;
	if (!sorted) {
		sort_base = set->annotations;
		qsort(order, set->annotation_count, sizeof *order, compare_order);
		sort_base = NULL;
	}
	return order;
}

void annotation_set_sort(AnnotationSet *set)
{
	size_t *order = annotation_set_position_order(set);
	Annotation *sorted = xmalloc((set->annotation_count + 1) * sizeof *sorted);
	for (size_t i = 0; i < set->annotation_count; i++)
		sorted[i] = set->annotations[order[i]];
	if (set->annotation_count) /* memcpy to a NULL array is undefined even for 0 bytes */
		memcpy(set->annotations, sorted, set->annotation_count * sizeof *sorted);
	free(sorted);
	free(order);
}
