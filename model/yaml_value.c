/* Unknown YAML subtrees: read from events, written back as events, copied, compared, freed. */
#include "model/yaml_value.h"

#include <stdlib.h>
#include <string.h>

static YamlValue *value_new(YamlValueType type, char *tag)
{
	YamlValue *value = xcalloc(1, sizeof *value);
	value->type = type;
	value->tag = tag;
	return value;
}

void yaml_value_free(YamlValue *value)
{
	if (!value)
		return;
	for (size_t i = 0; i < value->count; i++) {
		yaml_value_free(value->items[i]);
		if (value->keys)
			yaml_value_free(value->keys[i]);
	}
	free(value->items);
	free(value->keys);
	free(value->scalar);
	free(value->tag);
	free(value);
}

YamlValue *yaml_value_copy(const YamlValue *value)
{
	if (!value)
		return NULL;
	YamlValue *copy = value_new(value->type, xstrdup(value->tag));
	copy->flow = value->flow;
	copy->scalar_style = value->scalar_style;
	copy->scalar_length = value->scalar_length;
	if (value->scalar) {
		copy->scalar = xmalloc(value->scalar_length + 1);
		memcpy(copy->scalar, value->scalar, value->scalar_length + 1);
	}
	copy->count = value->count;
	if (value->count) {
		copy->items = xmalloc(value->count * sizeof *copy->items);
		if (value->keys)
			copy->keys = xmalloc(value->count * sizeof *copy->keys);
		for (size_t i = 0; i < value->count; i++) {
			copy->items[i] = yaml_value_copy(value->items[i]);
			if (value->keys)
				copy->keys[i] = yaml_value_copy(value->keys[i]);
		}
	}
	return copy;
}

static bool tags_equal(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool yaml_value_equal(const YamlValue *a, const YamlValue *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || !tags_equal(a->tag, b->tag) || a->count != b->count)
		return false;
	if (a->type == YAML_VALUE_SCALAR)
		return (a->scalar_style == YAML_PLAIN_SCALAR_STYLE) ==
			       (b->scalar_style == YAML_PLAIN_SCALAR_STYLE) &&
		       a->scalar_length == b->scalar_length &&
		       memcmp(a->scalar, b->scalar, a->scalar_length) == 0;
	for (size_t i = 0; i < a->count; i++) {
		if (!yaml_value_equal(a->items[i], b->items[i]))
			return false;
		if (a->type == YAML_VALUE_MAPPING && !yaml_value_equal(a->keys[i], b->keys[i]))
			return false;
	}
	return true;
}

bool yaml_value_is_null(const YamlValue *value)
{
	if (!value || value->type != YAML_VALUE_SCALAR || value->tag ||
	    value->scalar_style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(value->scalar, nulls[i]) == 0)
			return true;
	return false;
}

/* Takes the tag string out of an event so that yaml_event_delete leaves it to us. */
static char *take_string(yaml_char_t **field)
{
	char *s = (char *)*field;
	*field = NULL;
	return s;
}

static void append_child(YamlValue *parent, YamlValue *key, YamlValue *item, size_t *capacity)
{
	if (parent->count == *capacity) {
		*capacity = *capacity ? *capacity * 2 : 4;
		parent->items = xrealloc(parent->items, *capacity * sizeof *parent->items);
		if (parent->type == YAML_VALUE_MAPPING)
			parent->keys = xrealloc(parent->keys, *capacity * sizeof *parent->keys);
	}
	parent->items[parent->count] = item;
	if (parent->type == YAML_VALUE_MAPPING)
		parent->keys[parent->count] = key;
	parent->count++;
}

YamlValue *yaml_value_from_events(yaml_event_t *first, YamlEventSource next, void *context)
{
	YamlValue *value = NULL;
	yaml_event_type_t end_type;
	switch (first->type) {
	case YAML_SCALAR_EVENT:
		value = value_new(YAML_VALUE_SCALAR, take_string(&first->data.scalar.tag));
		value->scalar_length = first->data.scalar.length;
		value->scalar = take_string(&first->data.scalar.value);
		value->scalar_style = first->data.scalar.style;
		yaml_event_delete(first);
		return value;
	case YAML_SEQUENCE_START_EVENT:
		value = value_new(YAML_VALUE_SEQUENCE, take_string(&first->data.sequence_start.tag));
		value->flow = first->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		end_type = YAML_SEQUENCE_END_EVENT;
		break;
	case YAML_MAPPING_START_EVENT:
		value = value_new(YAML_VALUE_MAPPING, take_string(&first->data.mapping_start.tag));
		value->flow = first->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		end_type = YAML_MAPPING_END_EVENT;
		break;
	default:
		yaml_event_delete(first);
		return NULL;
	}
	yaml_event_delete(first);

	size_t capacity = 0;
	for (;;) {
		yaml_event_t event;
		if (!next(context, &event))
			goto failed;
		if (event.type == end_type) {
			yaml_event_delete(&event);
			return value;
		}
		YamlValue *key = NULL;
		if (value->type == YAML_VALUE_MAPPING) {
			key = yaml_value_from_events(&event, next, context);
			if (!key || !next(context, &event)) {
				yaml_value_free(key);
				goto failed;
			}
		}
		YamlValue *item = yaml_value_from_events(&event, next, context);
		if (!item) {
			yaml_value_free(key);
			goto failed;
		}
		append_child(value, key, item, &capacity);
	}
failed:
	yaml_value_free(value);
	return NULL;
}

bool yaml_value_emit(const YamlValue *value, yaml_emitter_t *emitter, bool in_flow)
{
	yaml_event_t event;
	yaml_char_t *tag = (yaml_char_t *)value->tag;
	int implicit = tag == NULL;
	switch (value->type) {
	case YAML_VALUE_SCALAR: {
		const char *text = value->scalar;
		size_t length = value->scalar_length;
		/* An empty plain scalar (a null) cannot stand in a flow collection: libyaml would
		 * quote it, turning the null into an empty string. */
		if (in_flow && length == 0 && !tag && value->scalar_style == YAML_PLAIN_SCALAR_STYLE) {
			text = "~";
			length = 1;
		}
		if (!yaml_scalar_event_initialize(&event, NULL, tag, (yaml_char_t *)text, (int)length,
						  implicit, implicit, value->scalar_style))
			return false;
		return yaml_emitter_emit(emitter, &event);
	}
	case YAML_VALUE_SEQUENCE:
		if (!yaml_sequence_start_event_initialize(
			    &event, NULL, tag, implicit,
			    value->flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(emitter, &event))
			return false;
		break;
	case YAML_VALUE_MAPPING:
		if (!yaml_mapping_start_event_initialize(
			    &event, NULL, tag, implicit,
			    value->flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE) ||
		    !yaml_emitter_emit(emitter, &event))
			return false;
		break;
	}
	bool children_in_flow = in_flow || value->flow;
	for (size_t i = 0; i < value->count; i++) {
		if (value->type == YAML_VALUE_MAPPING &&
		    !yaml_value_emit(value->keys[i], emitter, children_in_flow))
			return false;
		if (!yaml_value_emit(value->items[i], emitter, children_in_flow))
			return false;
	}
	if (value->type == YAML_VALUE_SEQUENCE ? !yaml_sequence_end_event_initialize(&event)
					       : !yaml_mapping_end_event_initialize(&event))
		return false;
	return yaml_emitter_emit(emitter, &event);
}

void extra_fields_add(ExtraFields *fields, char *key, YamlValue *value)
{
	/* Unknown keys are rare: grow by one. */
	fields->items = xrealloc(fields->items, (fields->count + 1) * sizeof *fields->items);
	fields->items[fields->count++] = (ExtraField){ .key = key, .value = value };
}

bool extra_fields_has(const ExtraFields *fields, const char *key)
{
	for (size_t i = 0; i < fields->count; i++)
		if (strcmp(fields->items[i].key, key) == 0)
			return true;
	return false;
}

void extra_fields_copy(ExtraFields *dst, const ExtraFields *src)
{
	dst->count = src->count;
	dst->items = NULL;
	if (!src->count)
		return;
	dst->items = xmalloc(src->count * sizeof *dst->items);
	for (size_t i = 0; i < src->count; i++) {
		dst->items[i].key = xstrdup(src->items[i].key);
		dst->items[i].value = yaml_value_copy(src->items[i].value);
	}
}

bool extra_fields_equal(const ExtraFields *a, const ExtraFields *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i].key, b->items[i].key) != 0 ||
		    !yaml_value_equal(a->items[i].value, b->items[i].value))
			return false;
	return true;
}

void extra_fields_clear(ExtraFields *fields)
{
	for (size_t i = 0; i < fields->count; i++) {
		free(fields->items[i].key);
		yaml_value_free(fields->items[i].value);
	}
	free(fields->items);
	fields->items = NULL;
	fields->count = 0;
}
