/* Annotations, speakers and the annotation set: the contents of one schema-1 file in memory.
 *
 * Spans are byte offsets into the article (files count code points; model/store converts).
 * A span's `text` is not stored: it is always the article's bytes, checked at load.
 * Fields that a file may omit have an explicit "absent" state so that a file is written back
 * with exactly the keys it had (a reader fills in no defaults).
 *
 * All changes go through the operations in model/history.h so that they can be undone; the
 * functions here only build, copy, compare and free values. */
#ifndef SAYWHO_ANNOTATION_H
#define SAYWHO_ANNOTATION_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/article.h"

typedef enum {
	STATUS_CANDIDATE,
	STATUS_ACCEPTED,
	STATUS_REJECTED,
	STATUS_CORRECTED,
	STATUS_ADDED,
	STATUS_COUNT
} AnnotationStatus;

typedef enum { KIND_UNSET, KIND_DIRECT, KIND_INDIRECT, KIND_MIXED, KIND_COUNT } ClaimKind;

typedef enum {
	SPEAKER_UNSET,
	SPEAKER_PERSON,
	SPEAKER_ORGANIZATION,
	SPEAKER_GOVERNMENT,
	SPEAKER_MEDIA,
	SPEAKER_DOCUMENT,
	SPEAKER_OTHER,
	SPEAKER_TYPE_COUNT
} SpeakerType;

const char *annotation_status_name(AnnotationStatus status); /* "candidate", ... */
bool annotation_status_parse(const char *name, AnnotationStatus *out);
const char *claim_kind_name(ClaimKind kind);                 /* NULL for KIND_UNSET */
bool claim_kind_parse(const char *name, ClaimKind *out);
const char *speaker_type_name(SpeakerType type);             /* NULL for SPEAKER_UNSET */
bool speaker_type_parse(const char *name, SpeakerType *out);
/* Reviewed = accepted, corrected, added or rejected; pending = candidate. */
bool annotation_status_is_reviewed(AnnotationStatus status);

/* A YAML subtree this version does not understand, kept to be written back unchanged.
 * Defined in model/yaml_value.h; here only carried around. */
typedef struct YamlValue YamlValue;

typedef struct ExtraField {
	char *key;
	YamlValue *value;
} ExtraField;

typedef struct ExtraFields {
	ExtraField *items;
	size_t count;
} ExtraFields;

typedef struct Span {
	bool present;
	size_t start, end;     /* byte offsets; end exclusive; start <= end */
	ByteRange *parts;      /* pieces of an interrupted span, in order; NULL = one piece */
	size_t part_count;
	char *ref;             /* speaker spans: id of an entry of `speakers`; NULL otherwise */
	ExtraFields extras;
} Span;

/* Which fields an `original:` records. */
enum {
	FIELD_SPEAKER = 1 << 0,
	FIELD_CUE = 1 << 1,
	FIELD_CLAIM = 1 << 2,
	FIELD_KIND = 1 << 3,
	FIELD_LABEL = 1 << 4,
};

/* What the engine proposed for the fields the analyst changed. A field in `fields` whose span
 * is not present means the engine proposed none (written as `speaker: null`). */
typedef struct AnnotationOriginal {
	unsigned fields;
	Span speaker, cue, claim;
	ClaimKind kind;
	char *label;
	ExtraFields extras;
} AnnotationOriginal;

typedef struct Annotation {
	char *id;
	AnnotationStatus status;
	ClaimKind kind;           /* KIND_UNSET when the file has no `kind` */
	Span speaker, cue, claim; /* claim is required in files; speaker/cue optional */
	char *label;              /* NULL when absent */
	bool has_confidence;
	double confidence;        /* 0..1 */
	char *note;               /* NULL when absent */
	AnnotationOriginal *original; /* NULL when absent */
	ExtraFields extras;
} Annotation;

typedef struct Speaker {
	char *id;
	char *name;
	SpeakerType type;
	ExtraFields extras;
} Speaker;

typedef struct AnnotationSet AnnotationSet;
typedef struct History History; /* model/history.h */

struct AnnotationSet {
	int schema;                 /* `saywho:`; 1 */
	/* document: */
	char *document_path;        /* `path`, as written (relative to the file's folder); or NULL */
	bool document_inline;       /* the file carries `text` (the article is in the file) */
	char *document_id;          /* NULL when absent */
	char *document_sha256;      /* as written; NULL when absent */
	ExtraFields document_extras;
	/* engine: {name, version} */
	bool has_engine;
	char *engine_name, *engine_version;
	ExtraFields engine_extras;
	char *annotator;            /* NULL when absent */
	char *updated;              /* NULL when absent; ISO 8601 UTC */
	bool has_labels;
	char **labels;
	size_t label_count;
	Speaker *speakers;
	size_t speaker_count, speaker_capacity;
	Annotation *annotations;    /* in file order after load (sorted by position by the store) */
	size_t annotation_count, annotation_capacity;
	bool has_optional;
	Annotation *optional;       /* gold files: defensible either way; not edited */
	size_t optional_count;
	ExtraFields extras;         /* unknown top-level keys */

	Article *article;           /* owned */
	char *file_path;            /* the YAML file it was loaded from / will be saved to; or NULL */
	History *history;           /* owned; created on demand by history.h */
};

/* An empty set for an article (takes ownership of `article`): schema 1, no annotations. */
AnnotationSet *annotation_set_new(Article *article);
void annotation_set_free(AnnotationSet *set);

/* Deep copies and frees of values. */
void span_copy(Span *dst, const Span *src);
void span_clear(Span *span);
bool span_equal(const Span *a, const Span *b);
void annotation_copy(Annotation *dst, const Annotation *src);
void annotation_clear(Annotation *annotation);
bool annotation_equal(const Annotation *a, const Annotation *b);
void speaker_copy(Speaker *dst, const Speaker *src);
void speaker_clear(Speaker *speaker);
bool speaker_equal(const Speaker *a, const Speaker *b);
/* Compares everything a file holds (header, labels, speakers, annotations, optional, extras). */
bool annotation_set_equal(const AnnotationSet *a, const AnnotationSet *b);

/* Lookups. NULL / (size_t)-1 when missing. O(count); callers on the keystroke path keep indexes. */
Speaker *annotation_set_find_speaker(const AnnotationSet *set, const char *id);
size_t annotation_set_speaker_index(const AnnotationSet *set, const char *id);
size_t annotation_set_annotation_index(const AnnotationSet *set, const char *id);
bool annotation_set_has_label(const AnnotationSet *set, const char *label);
/* A new id not used by any annotation, like "a17". */
char *annotation_set_new_annotation_id(const AnnotationSet *set);
/* A slug of the name ("Zhao Lijian" -> "zhao-lijian"), suffixed -2, -3... when taken. */
char *annotation_set_new_speaker_id(const AnnotationSet *set, const char *name);
/* The same ids for many speakers added to one set (the engine on a book-length article): a hash
 * of the ids taken, O(1) per new id instead of a search of every speaker. speaker_ids_new()
 * takes the set's current ids; speaker_ids_new_id() gives what annotation_set_new_speaker_id()
 * would on the set with every id given so far appended, and counts it as taken. */
typedef struct SpeakerIds SpeakerIds;
SpeakerIds *speaker_ids_new(const AnnotationSet *set);
char *speaker_ids_new_id(SpeakerIds *ids, const char *name);
void speaker_ids_free(SpeakerIds *ids);
/* The canonical display name of an annotation's speaker: speakers[ref].name, else the mention
 * text; NULL when it has no speaker. The returned string is owned by the caller. */
char *annotation_speaker_name(const AnnotationSet *set, const Annotation *annotation);

/* Low-level appends used by loaders and the engine (not undoable; no history). They copy. */
size_t annotation_set_append(AnnotationSet *set, const Annotation *annotation);
size_t annotation_set_append_speaker(AnnotationSet *set, const Speaker *speaker);
void annotation_set_set_labels(AnnotationSet *set, const char *const *labels, size_t count);
/* The default label set of SCHEMA.md. */
extern const char *const annotation_default_labels[];
extern const size_t annotation_default_label_count;

/* Sorts annotations by claim start, then end, then id (stable). Used after load and by save. */
void annotation_set_sort(AnnotationSet *set);
/* Index permutation in save order without moving anything (order[i] = index). */
size_t *annotation_set_position_order(const AnnotationSet *set);

/* Sets `text` of a span from the article: helper for exports and drawing (NUL-terminated copy). */
char *span_text(const Article *article, const Span *span);

/* Helper for str duplication that aborts on out-of-memory (model code never returns ENOMEM). */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* They never return NULL: telling the compiler spares callers false "null pointer" warnings. */
void *xmalloc(size_t size) __attribute__((returns_nonnull, malloc));
void *xcalloc(size_t count, size_t size) __attribute__((returns_nonnull, malloc));
void *xrealloc(void *ptr, size_t size) __attribute__((returns_nonnull));
/* printf into a new string (added by core for history descriptions; diag.c could use it). */
char *xvasprintf(const char *format, va_list args);
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
