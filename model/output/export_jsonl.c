/* JSON lines export (spaCy / Prodigy shape). */
#include "model/output/export.h"

#include <stdlib.h>
#include <string.h>

bool export_selects(const Annotation *annotation, const ExportOptions *options)
{
	switch (annotation->status) {
	case STATUS_ACCEPTED: case STATUS_CORRECTED: case STATUS_ADDED:
		return annotation->claim.present;
	case STATUS_REJECTED:
		return options->include_rejected && annotation->claim.present;
	case STATUS_CANDIDATE:
		return options->include_pending && annotation->claim.present;
	default:
		return false;
	}
}

size_t export_pending_count(const AnnotationSet *set)
{
	size_t pending = 0;
	for (size_t i = 0; i < set->annotation_count; i++)
		pending += set->annotations[i].status == STATUS_CANDIDATE;
	return pending;
}

bool output_json_print(json_t *value, FILE *out, bool pretty)
{
	size_t flags = JSON_REAL_PRECISION(10);
	flags |= pretty ? JSON_INDENT(2) : JSON_COMPACT;
	if (json_dumpf(value, out, flags) != 0)
		return false;
	return fputc('\n', out) != EOF;
}

static json_int_t cp(const Article *article, size_t byte)
{
	return (json_int_t)article_cp_of_byte(article, byte);
}

static json_t *span_object(const AnnotationSet *set, const Span *span)
{
	if (!span->present)
		return json_null();
	char *text = span_text(set->article, span);
	json_t *object = json_pack("{s:I,s:I,s:s}", "start", cp(set->article, span->start), "end",
				   cp(set->article, span->end), "text", text);
	free(text);
	if (span->part_count) {
		json_t *parts = json_array();
		for (size_t i = 0; i < span->part_count; i++)
			json_array_append_new(parts, json_pack("{s:I,s:I}", "start",
							       cp(set->article, span->parts[i].start), "end",
							       cp(set->article, span->parts[i].end)));
		json_object_set_new(object, "parts", parts);
	}
	if (span->ref)
		json_object_set_new(object, "ref", json_string(span->ref));
	return object;
}

static json_t *original_object(const AnnotationSet *set, const AnnotationOriginal *original)
{
	json_t *object = json_object();
	if (original->fields & FIELD_SPEAKER)
		json_object_set_new(object, "speaker", span_object(set, &original->speaker));
	if (original->fields & FIELD_CUE)
		json_object_set_new(object, "cue", span_object(set, &original->cue));
	if (original->fields & FIELD_CLAIM)
		json_object_set_new(object, "claim", span_object(set, &original->claim));
	if (original->fields & FIELD_KIND)
		json_object_set_new(object, "kind", original->kind == KIND_UNSET
							    ? json_null()
							    : json_string(claim_kind_name(original->kind)));
	if (original->fields & FIELD_LABEL)
		json_object_set_new(object, "label", original->label ? json_string(original->label) : json_null());
	return object;
}

/* What every span of an annotation carries: the annotation's identity and decisions. */
static json_t *annotation_attributes(const AnnotationSet *set, const Annotation *a)
{
	json_t *attributes = json_pack("{s:s,s:s}", "annotation", a->id ? a->id : "", "status",
				       annotation_status_name(a->status));
	if (a->kind != KIND_UNSET)
		json_object_set_new(attributes, "kind", json_string(claim_kind_name(a->kind)));
	if (a->label)
		json_object_set_new(attributes, "label", json_string(a->label));
	char *name = annotation_speaker_name(set, a);
	if (name)
		json_object_set_new(attributes, "speaker", json_string(name));
	free(name);
	if (a->speaker.present && a->speaker.ref) {
		json_object_set_new(attributes, "speaker_id", json_string(a->speaker.ref));
		const Speaker *speaker = annotation_set_find_speaker(set, a->speaker.ref);
		if (speaker && speaker->type != SPEAKER_UNSET)
			json_object_set_new(attributes, "speaker_type",
					    json_string(speaker_type_name(speaker->type)));
	}
	if (a->has_confidence)
		json_object_set_new(attributes, "confidence", json_real(a->confidence));
	if (a->status == STATUS_REJECTED)
		json_object_set_new(attributes, "negative", json_true());
	return attributes;
}

typedef struct SpanRef {
	json_t *object;
	json_int_t token_start;
} SpanRef;

static SpanRef add_span(json_t *spans, const AnnotationSet *set, const ExportTokens *tokens,
			const Span *span, const char *label, json_t *attributes)
{
	const Article *article = set->article;
	size_t first = export_tokens_at(tokens, span->start);
	size_t last = span->end > span->start ? export_tokens_at(tokens, span->end - 1) : first;
	if (last >= tokens->count && tokens->count)
		last = tokens->count - 1;
	if (first > last)
		first = last;
	json_t *object = json_pack("{s:I,s:I,s:I,s:I,s:s,s:o}", "start", cp(article, span->start),
				   "end", cp(article, span->end), "token_start", (json_int_t)first,
				   "token_end", (json_int_t)last, "label", label, "attributes", attributes);
	if (span->part_count) {
		json_t *parts = json_array();
		for (size_t i = 0; i < span->part_count; i++)
			json_array_append_new(parts, json_pack("{s:I,s:I}", "start",
							       cp(article, span->parts[i].start), "end",
							       cp(article, span->parts[i].end)));
		json_object_set_new(object, "parts", parts);
	}
	json_array_append_new(spans, object);
	return (SpanRef){object, (json_int_t)first};
}

static json_t *span_summary(json_t *span)
{
	static const char *const keys[] = {"start", "end", "token_start", "token_end", "label"};
	json_t *summary = json_object();
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		json_object_set(summary, keys[i], json_object_get(span, keys[i]));
	return summary;
}

static void add_relation(json_t *relations, SpanRef head, SpanRef child, const char *label)
{
	json_array_append_new(relations, json_pack("{s:I,s:I,s:o,s:o,s:s}", "head", head.token_start,
						   "child", child.token_start, "head_span",
						   span_summary(head.object), "child_span",
						   span_summary(child.object), "label", label));
}

static json_t *tokens_array(const Article *article, const ExportTokens *export_tokens)
{
	json_t *tokens = json_array();
	const ByteRange *token = export_tokens->ranges;
	for (size_t i = 0; i < export_tokens->count; i++) {
		char *text = xstrndup(article_text(article) + token[i].start, token[i].end - token[i].start);
		json_array_append_new(tokens, json_pack("{s:s,s:I,s:I,s:I}", "text", text, "start",
							cp(article, token[i].start), "end",
							cp(article, token[i].end), "id", (json_int_t)i));
		free(text);
	}
	return tokens;
}

json_t *export_jsonl_object(const AnnotationSet *set, const char *document_id, const ExportOptions *options)
{
	json_t *meta = json_pack("{s:s}", "id", document_id ? document_id : "");
	if (set->annotator)
		json_object_set_new(meta, "annotator", json_string(set->annotator));
	if (set->has_engine)
		json_object_set_new(meta, "engine", json_pack("{s:s?,s:s?}", "name", set->engine_name,
							       "version", set->engine_version));
	json_object_set_new(meta, "sha256", json_string(article_sha256(set->article)));
	json_object_set_new(meta, "pending", json_integer((json_int_t)export_pending_count(set)));

	ExportTokens tokens;
	export_tokens_build(set, options, &tokens);
	json_t *spans = json_array(), *relations = json_array();
	size_t *order = annotation_set_position_order(set);
	for (size_t k = 0; k < set->annotation_count; k++) {
		const Annotation *a = &set->annotations[order[k]];
		if (!export_selects(a, options))
			continue;
		json_t *claim_attributes = annotation_attributes(set, a);
		if (a->original)
			json_object_set_new(claim_attributes, "original", original_object(set, a->original));
		SpanRef claim = add_span(spans, set, &tokens, &a->claim, "CLAIM", claim_attributes);
		if (a->speaker.present) {
			SpanRef speaker = add_span(spans, set, &tokens, &a->speaker, "SPEAKER",
						   annotation_attributes(set, a));
			add_relation(relations, speaker, claim, "speaker_of");
		}
		if (a->cue.present) {
			SpanRef cue = add_span(spans, set, &tokens, &a->cue, "CUE", annotation_attributes(set, a));
			add_relation(relations, cue, claim, "cue_of");
		}
	}
	free(order);
	json_t *object = json_pack("{s:s,s:o,s:o,s:o,s:o}", "text", article_text(set->article), "meta", meta,
				   "tokens", tokens_array(set->article, &tokens), "spans", spans,
				   "relations", relations);
	export_tokens_free(&tokens);
	return object;
}

bool export_jsonl_write(const AnnotationSet *set, const char *document_id, const ExportOptions *options,
			FILE *out)
{
	json_t *object = export_jsonl_object(set, document_id, options);
	bool ok = output_json_print(object, out, false);
	json_decref(object);
	return ok;
}
