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
bool yaml_value_equal(const YamlValue *a, const YamlValue *b);
void yaml_value_free(YamlValue *value);

void extra_fields_copy(ExtraFields *dst, const ExtraFields *src);
bool extra_fields_equal(const ExtraFields *a, const ExtraFields *b);
void extra_fields_clear(ExtraFields *fields);

#endif
