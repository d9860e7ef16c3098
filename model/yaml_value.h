/* A YAML subtree kept as it was read: for keys this version does not know, so that they are
 * written back unchanged. Scalars keep their value, tag and style; collections their order and
 * flow/block style. (Implemented in yaml_value.c by the store.) */
#ifndef SAYWHO_YAML_VALUE_H
#define SAYWHO_YAML_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "model/annotation.h"

typedef enum { YAML_VALUE_SCALAR, YAML_VALUE_SEQUENCE, YAML_VALUE_MAPPING } YamlValueType;

struct YamlValue {
	YamlValueType type;
	char *tag;                 /* NULL when implicit */
	/* scalar */
	char *scalar;
	size_t scalar_length;
	yaml_scalar_style_t scalar_style;
	/* sequence: items; mapping: keys[i] -> items[i] */
	YamlValue **items;
	YamlValue **keys;
	size_t count;
	bool flow;
};

YamlValue *yaml_value_copy(const YamlValue *value);
/* Equal in meaning: same types, tags, scalar texts and plain-or-quoted-ness (a plain `12` is a
 * number, a quoted '12' a string), same order. Presentation (flow or block, which quotes, literal
 * or folded) is ignored: a block mapping nested in a span is written in flow style and must still
 * compare equal after a reload. */
bool yaml_value_equal(const YamlValue *a, const YamlValue *b);
void yaml_value_free(YamlValue *value);
/* Whether the value is a null: an untagged plain `~`, `null`, `Null`, `NULL` or nothing. */
bool yaml_value_is_null(const YamlValue *value);

/* Where yaml_value_from_events gets the events after the first one. Returns false when no event
 * could be produced (the source has reported why); an event it returns belongs to the caller. */
typedef bool (*YamlEventSource)(void *context, yaml_event_t *event);

/* Builds the value that starts with `first` (a scalar, sequence-start or mapping-start event,
 * which is consumed: its strings are taken over, the event is deleted), pulling the rest of the
 * node from `next`. Returns NULL when `next` fails or an event is not part of a node (an alias:
 * the source is expected to refuse those). */
YamlValue *yaml_value_from_events(yaml_event_t *first, YamlEventSource next, void *context);

/* Emits the value. `in_flow` says whether the emitter is inside a flow collection (where an
 * empty plain scalar cannot be written, so a null is written `~`). Returns false on the first
 * emitter failure (the emitter's error fields say why). */
bool yaml_value_emit(const YamlValue *value, yaml_emitter_t *emitter, bool in_flow);

void extra_fields_copy(ExtraFields *dst, const ExtraFields *src);
bool extra_fields_equal(const ExtraFields *a, const ExtraFields *b);
void extra_fields_clear(ExtraFields *fields);
/* Appends a field, taking ownership of key and value. */
void extra_fields_add(ExtraFields *fields, char *key, YamlValue *value);
bool extra_fields_has(const ExtraFields *fields, const char *key);

#endif
