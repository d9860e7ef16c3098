/* Exports of annotation sets for training and other tools: JSON lines in the shape spaCy and
 * Prodigy users load, and CoNLL-style BIO columns. (brat standoff: model/output/brat.h.)
 *
 * Only reviewed annotations go out unless the options say otherwise: accepted, corrected and
 * added always; rejected ones with include_rejected (marked as negatives); candidates with
 * include_pending. Output is deterministic: annotations in position order, keys in a fixed
 * order. */
#ifndef SAYWHO_OUTPUT_EXPORT_H
#define SAYWHO_OUTPUT_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "model/annotation.h"

typedef struct ExportOptions {
	bool include_rejected;
	bool include_pending;
} ExportOptions;

/* Whether an annotation goes out under these options. */
bool export_selects(const Annotation *annotation, const ExportOptions *options);
/* How many annotations are still candidates. */
size_t export_pending_count(const AnnotationSet *set);

/* The tokens of an export: the article's tokens, cut at every boundary of the spans that go
 * out, so that each span starts and ends on a token boundary (training tools refuse spans that
 * do not): a speaker and a cue in one run of CJK characters, "他说", become two tokens. */
typedef struct ExportTokens {
	ByteRange *ranges;   /* in order, byte offsets */
	size_t *sentences;   /* the article's sentence index of each token */
	size_t count;
} ExportTokens;

void export_tokens_build(const AnnotationSet *set, const ExportOptions *options, ExportTokens *tokens);
/* Index of the token containing `byte`, or of the next one after it (count if none). */
size_t export_tokens_at(const ExportTokens *tokens, size_t byte);
void export_tokens_free(ExportTokens *tokens);

/* One article as a JSON object:
 *   {"text", "meta": {"id", "annotator", "engine", ...},
 *    "tokens": [{"text","start","end","id"}],
 *    "spans": [{"start","end","token_start","token_end","label": SPEAKER|CUE|CLAIM,
 *               "attributes": {"annotation","status","kind","label","speaker","speaker_id",
 *                              "speaker_type","confidence","original",...}}],
 *    "relations": [{"head","child","head_span","child_span","label": speaker_of|cue_of}]}
 * Offsets in code points; head/child are token indices (the first token of each span). */
json_t *export_jsonl_object(const AnnotationSet *set, const char *document_id,
			    const ExportOptions *options);
/* The object on one line, with a newline. Returns false on a write error. */
bool export_jsonl_write(const AnnotationSet *set, const char *document_id,
			const ExportOptions *options, FILE *out);

/* CoNLL: "# document: ID" then one token per line, `TOKEN\tSOURCE\tCUE\tCONTENT` with BIO tags
 * (B-SOURCE, I-CUE, O, ...), a blank line after each sentence. Tags of rejected annotations
 * end in _REJECTED, of candidates in _CANDIDATE. Returns false on a write error. */
bool export_conll_write(const AnnotationSet *set, const char *document_id,
			const ExportOptions *options, FILE *out);

/* A JSON value written compactly (one line) or indented, deterministic, with a final newline. */
bool output_json_print(json_t *value, FILE *out, bool pretty);

#endif
