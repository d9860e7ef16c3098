/* CoNLL-style BIO export: one token per line, a column per layer (source, cue, content). */
#include "model/output/export.h"

#include <stdlib.h>
#include <string.h>

enum { LAYER_SOURCE, LAYER_CUE, LAYER_CONTENT, LAYER_COUNT };
static const char *const layer_names[LAYER_COUNT] = {"SOURCE", "CUE", "CONTENT"};

typedef struct Tag {
	char bio;               /* 'O', 'B' or 'I' */
	AnnotationStatus status;
} Tag;

/* Tags the tokens of each piece of a span, strict IOB2: B on the first token of each piece (the
 * second piece of an interrupted quotation starts after O tokens, and an I there would be a
 * chunk without a beginning to most readers), I on the others. A token already tagged in this
 * layer by an earlier annotation keeps its tag (overlapping spans read as one chunk). */
static void tag_span(const ExportTokens *tokens, const Span *span, AnnotationStatus status, Tag *tags)
{
	size_t count = span->part_count ? span->part_count : 1;
	for (size_t p = 0; p < count; p++) {
		bool first = true;
		ByteRange range = span->part_count ? span->parts[p] : (ByteRange){span->start, span->end};
		for (size_t t = export_tokens_at(tokens, range.start);
		     t < tokens->count && tokens->ranges[t].start < range.end; t++) {
			if (tags[t].bio == 'O')
				tags[t] = (Tag){first ? 'B' : 'I', status};
			first = false;
		}
	}
}

static void print_tag(FILE *out, const Tag *tag, int layer)
{
	if (tag->bio == 'O') {
		fputs("O", out);
		return;
	}
	const char *suffix = tag->status == STATUS_REJECTED ? "_REJECTED"
			     : tag->status == STATUS_CANDIDATE ? "_CANDIDATE" : "";
	fprintf(out, "%c-%s%s", tag->bio, layer_names[layer], suffix);
}

bool export_conll_write(const AnnotationSet *set, const char *document_id, const ExportOptions *options,
			FILE *out)
{
	const Article *article = set->article;
	ExportTokens tokens;
	export_tokens_build(set, options, &tokens);
	size_t token_count = tokens.count;
	Tag *tags[LAYER_COUNT];
	for (int l = 0; l < LAYER_COUNT; l++) {
		tags[l] = xcalloc(token_count ? token_count : 1, sizeof(Tag));
		for (size_t t = 0; t < token_count; t++)
			tags[l][t].bio = 'O';
	}
	size_t *order = annotation_set_position_order(set);
	for (size_t k = 0; k < set->annotation_count; k++) {
		const Annotation *a = &set->annotations[order[k]];
		if (!export_selects(a, options))
			continue;
		if (a->speaker.present)
			tag_span(&tokens, &a->speaker, a->status, tags[LAYER_SOURCE]);
		if (a->cue.present)
			tag_span(&tokens, &a->cue, a->status, tags[LAYER_CUE]);
		tag_span(&tokens, &a->claim, a->status, tags[LAYER_CONTENT]);
	}
	free(order);

	fprintf(out, "# document: %s\n", document_id ? document_id : "");
	size_t sentence = (size_t)-1;
	for (size_t t = 0; t < token_count; t++) {
		size_t here = tokens.sentences[t];
		if (sentence != (size_t)-1 && here != sentence)
			fputc('\n', out);
		sentence = here;
		ByteRange range = tokens.ranges[t];
		fwrite(article_text(article) + range.start, 1, range.end - range.start, out);
		for (int l = 0; l < LAYER_COUNT; l++) {
			fputc('\t', out);
			print_tag(out, &tags[l][t], l);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
	for (int l = 0; l < LAYER_COUNT; l++)
		free(tags[l]);
	export_tokens_free(&tokens);
	return !ferror(out);
}
