/* The tokens of an export: article tokens cut at span boundaries (see export.h). */
#include "model/output/export.h"

#include <stdlib.h>

static int compare_sizes(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

typedef struct Cuts {
	size_t *items;
	size_t count, capacity;
} Cuts;

static void add_cut(Cuts *cuts, size_t byte)
{
	if (cuts->count == cuts->capacity) {
		cuts->capacity = cuts->capacity ? cuts->capacity * 2 : 64;
		cuts->items = xrealloc(cuts->items, cuts->capacity * sizeof(size_t));
	}
	cuts->items[cuts->count++] = byte;
}

static void add_span_cuts(Cuts *cuts, const Span *span)
{
	if (!span->present)
		return;
	add_cut(cuts, span->start);
	add_cut(cuts, span->end);
	for (size_t p = 0; p < span->part_count; p++) {
		add_cut(cuts, span->parts[p].start);
		add_cut(cuts, span->parts[p].end);
	}
}

void export_tokens_build(const AnnotationSet *set, const ExportOptions *options, ExportTokens *tokens)
{
	Cuts cuts = {0};
	for (size_t k = 0; k < set->annotation_count; k++) {
		const Annotation *a = &set->annotations[k];
		if (!export_selects(a, options))
			continue;
		add_span_cuts(&cuts, &a->speaker);
		add_span_cuts(&cuts, &a->cue);
		add_span_cuts(&cuts, &a->claim);
	}
	if (cuts.count) /* qsort wants an array, even of nothing */
		qsort(cuts.items, cuts.count, sizeof(size_t), compare_sizes);

	const Article *article = set->article;
	const Token *article_token = article_tokens(article);
	size_t article_count = article_token_count(article);
	/* each cut adds at most one token */
	size_t capacity = article_count + cuts.count + 1;
	*tokens = (ExportTokens){xmalloc(capacity * sizeof(ByteRange)), xmalloc(capacity * sizeof(size_t)), 0};
	size_t c = 0;
	for (size_t t = 0; t < article_count; t++) {
		size_t start = article_token[t].start, end = article_token[t].end;
		size_t sentence = article_sentence_at(article, start);
		while (c < cuts.count && cuts.items[c] <= start)
			c++;
		for (; c < cuts.count && cuts.items[c] < end; c++) {
			if (cuts.items[c] == start)
				continue; /* the same cut twice */
			tokens->ranges[tokens->count] = (ByteRange){start, cuts.items[c]};
			tokens->sentences[tokens->count++] = sentence;
			start = cuts.items[c];
		}
		tokens->ranges[tokens->count] = (ByteRange){start, end};
		tokens->sentences[tokens->count++] = sentence;
	}
	free(cuts.items);
}

size_t export_tokens_at(const ExportTokens *tokens, size_t byte)
{
	size_t low = 0, high = tokens->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (tokens->ranges[middle].end <= byte)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

void export_tokens_free(ExportTokens *tokens)
{
	free(tokens->ranges);
	free(tokens->sentences);
	*tokens = (ExportTokens){0};
}
