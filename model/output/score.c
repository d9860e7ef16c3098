/* Evaluation: a port of ../shared/tools/score.py and the scoring of polnear_score.py.
 *
 * Both scripts are the reference; every rule here follows a line of them, including the order
 * in which ties are broken, so that `saywho eval --json` and the scripts give the same numbers
 * on the same files (a test checks it when Python is installed). Where a script would crash
 * (a zero-length gold claim in polnear_score.py) we count a share of 0 instead. */
#include "model/output/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "model/article.h"

typedef struct Piece {
	size_t start, end; /* code points */
} Piece;

typedef struct Pieces {
	Piece *items;
	size_t count;
} Pieces;

/* One claim as the scripts see it. */
typedef struct Item {
	size_t index;        /* in the set's annotations (or optional) */
	Pieces claim;        /* as listed (parts or start..end) */
	Pieces claim_union;  /* sorted, merged: the set of code points (polnear_score.py chars()) */
	size_t cs, ce;       /* claim start, end */
	size_t trimmed_start, trimmed_end;
	Pieces speaker;      /* empty without a speaker span */
	Pieces speaker_union;
	char *name;          /* speakers[ref].name, else the mention text, else "" */
	const char *label;   /* NULL when absent */
	ClaimKind kind;
	bool quoted_content; /* polnear: a quotation mark inside the claim */
	bool quoted_around;  /* polnear: one inside the claim widened by a code point each side */
} Item;

typedef struct Items {
	Item *items;
	size_t count;
} Items;

/* score.py TRIM */
static const unsigned trim_characters[] = {' ', '\t', '\r', '\n', '"', '\'', 0x201C, 0x201D,
	0x2018, 0x2019, ',', '.', ';', ':', '!', '?', 0x2014, 0x2013};
/* polnear_score.py QUOTES */
static const unsigned quote_characters[] = {'"', 0x201C, 0x201D};

static bool is_one_of(unsigned codepoint, const unsigned *set, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (set[i] == codepoint)
			return true;
	return false;
}

static Pieces span_pieces(const Article *article, const Span *span)
{
	Pieces pieces = {0};
	if (!span->present)
		return pieces;
	size_t count = span->part_count ? span->part_count : 1;
	pieces.items = xcalloc(count, sizeof *pieces.items);
	pieces.count = count;
	for (size_t i = 0; i < count; i++) {
		ByteRange range = span->part_count ? span->parts[i] : (ByteRange){span->start, span->end};
		pieces.items[i].start = article_cp_of_byte(article, range.start);
		pieces.items[i].end = article_cp_of_byte(article, range.end);
	}
	return pieces;
}

static int compare_pieces(const void *a, const void *b)
{
	const Piece *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

static Pieces merged_pieces(const Pieces *pieces)
{
	Pieces merged = {xcalloc(pieces->count ? pieces->count : 1, sizeof(Piece)), 0};
	Piece *sorted = xcalloc(pieces->count ? pieces->count : 1, sizeof(Piece));
	if (pieces->count)
		memcpy(sorted, pieces->items, pieces->count * sizeof(Piece));
	qsort(sorted, pieces->count, sizeof(Piece), compare_pieces);
	for (size_t i = 0; i < pieces->count; i++) {
		if (sorted[i].end <= sorted[i].start)
			continue;
		if (merged.count && sorted[i].start <= merged.items[merged.count - 1].end) {
			if (sorted[i].end > merged.items[merged.count - 1].end)
				merged.items[merged.count - 1].end = sorted[i].end;
		} else {
			merged.items[merged.count++] = sorted[i];
		}
	}
	free(sorted);
	return merged;
}

/* score.py overlap(): summed over every pair of pieces (overlapping parts count twice, as there). */
static size_t pairwise_overlap(const Pieces *a, const Pieces *b)
{
	size_t total = 0;
	for (size_t i = 0; i < a->count; i++)
		for (size_t j = 0; j < b->count; j++) {
			size_t lo = a->items[i].start > b->items[j].start ? a->items[i].start : b->items[j].start;
			size_t hi = a->items[i].end < b->items[j].end ? a->items[i].end : b->items[j].end;
			if (hi > lo)
				total += hi - lo;
		}
	return total;
}

/* score.py size(): may be negative in Python for a reversed piece; the store refuses those. */
static size_t pieces_size(const Pieces *pieces)
{
	size_t total = 0;
	for (size_t i = 0; i < pieces->count; i++)
		if (pieces->items[i].end > pieces->items[i].start)
			total += pieces->items[i].end - pieces->items[i].start;
	return total;
}

static bool range_has_quote(const Article *article, size_t cp_start, size_t cp_end)
{
	size_t length = article_length(article);
	if (cp_end > length)
		cp_end = length;
	if (cp_start >= cp_end)
		return false;
	size_t byte = article_byte_of_cp(article, cp_start), end = article_byte_of_cp(article, cp_end);
	while (byte < end) {
		unsigned codepoint;
		byte += article_decode(article, byte, &codepoint);
		if (is_one_of(codepoint, quote_characters, sizeof quote_characters / sizeof *quote_characters))
			return true;
	}
	return false;
}

/* score.py trimmed(): strips TRIM from both ends of the claim text (the whole start..end). */
static void trim_claim(const Article *article, const Span *claim, Item *item)
{
	size_t leading = 0, trailing = 0;
	bool in_leading = true;
	for (size_t byte = claim->start; byte < claim->end;) {
		unsigned codepoint;
		byte += article_decode(article, byte, &codepoint);
		bool trimmable = is_one_of(codepoint, trim_characters,
					   sizeof trim_characters / sizeof *trim_characters);
		if (in_leading && trimmable)
			leading++;
		else
			in_leading = false;
		trailing = trimmable ? trailing + 1 : 0;
	}
	item->trimmed_start = item->cs + leading;
	item->trimmed_end = item->ce - trailing;
}

static char *speaker_name(const AnnotationSet *set, const Annotation *annotation)
{
	if (annotation->speaker.ref) {
		const Speaker *speaker = annotation_set_find_speaker(set, annotation->speaker.ref);
		if (speaker && speaker->name && *speaker->name)
			return xstrdup(speaker->name);
	}
	if (annotation->speaker.present)
		return span_text(set->article, &annotation->speaker);
	return xstrdup("");
}

static void item_from_annotation(const AnnotationSet *set, const Annotation *annotation, Item *item)
{
	const Article *article = set->article;
	*item = (Item){0};
	item->claim = span_pieces(article, &annotation->claim);
	item->claim_union = merged_pieces(&item->claim);
	item->cs = article_cp_of_byte(article, annotation->claim.start);
	item->ce = article_cp_of_byte(article, annotation->claim.end);
	trim_claim(article, &annotation->claim, item);
	item->speaker = span_pieces(article, &annotation->speaker);
	item->speaker_union = merged_pieces(&item->speaker);
	item->name = speaker_name(set, annotation);
	item->label = annotation->label;
	item->kind = annotation->kind;
	for (size_t i = 0; i < item->claim.count; i++) {
		const Piece *piece = &item->claim.items[i];
		if (range_has_quote(article, piece->start, piece->end))
			item->quoted_content = true;
		if (range_has_quote(article, piece->start ? piece->start - 1 : 0, piece->end + 1))
			item->quoted_around = true;
	}
}

static Items items_from(const AnnotationSet *set, const Annotation *annotations, size_t count,
			bool skip_rejected)
{
	Items items = {xcalloc(count ? count : 1, sizeof(Item)), 0};
	for (size_t i = 0; i < count; i++) {
		if (!annotations[i].claim.present)
			continue;
		if (skip_rejected && annotations[i].status == STATUS_REJECTED)
			continue;
		item_from_annotation(set, &annotations[i], &items.items[items.count]);
		items.items[items.count++].index = i;
	}
	return items;
}

static void items_free_contents(Items *items)
{
	for (size_t i = 0; i < items->count; i++) {
		Item *item = &items->items[i];
		free(item->claim.items);
		free(item->claim_union.items);
		free(item->speaker.items);
		free(item->speaker_union.items);
		free(item->name);
	}
}

static void items_free(Items *items)
{
	items_free_contents(items);
	free(items->items);
	*items = (Items){0};
}

static bool claims_match(const Item *p, const Item *g, size_t *overlap_out)
{
	size_t overlap = pairwise_overlap(&p->claim, &g->claim);
	size_t a = pieces_size(&p->claim), b = pieces_size(&g->claim);
	if (overlap_out)
		*overlap_out = overlap;
	return overlap > 0 && overlap * 2 >= (a < b ? a : b);
}

static bool claims_exact(const Item *p, const Item *g)
{
	size_t d0 = p->trimmed_start > g->trimmed_start ? p->trimmed_start - g->trimmed_start
							: g->trimmed_start - p->trimmed_start;
	size_t d1 = p->trimmed_end > g->trimmed_end ? p->trimmed_end - g->trimmed_end
						    : g->trimmed_end - p->trimmed_end;
	return d0 <= 2 && d1 <= 2;
}

/* ---- names (score.py words, proper, same_entity) ---- */

typedef struct Words {
	char **items;
	size_t count;
} Words;

static bool is_alnum_codepoint(utf8proc_int32_t c)
{
	utf8proc_category_t category = utf8proc_category(c);
	switch (category) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Decodes UTF-8 (already valid: it comes from a checked article or file) into code points. */
static utf8proc_int32_t *decode_all(const char *text, size_t *count)
{
	size_t length = strlen(text);
	utf8proc_int32_t *codepoints = xcalloc(length + 1, sizeof *codepoints);
	size_t n = 0;
	for (size_t i = 0; i < length;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
							 (utf8proc_ssize_t)(length - i), &c);
		if (step <= 0) {
			c = 0xFFFD;
			step = 1;
		}
		codepoints[n++] = c;
		i += (size_t)step;
	}
	*count = n;
	return codepoints;
}

static char *encode_run(const utf8proc_int32_t *codepoints, size_t count)
{
	char *out = xmalloc(count * 4 + 1);
	size_t n = 0;
	for (size_t i = 0; i < count; i++)
		n += (size_t)utf8proc_encode_char(codepoints[i], (utf8proc_uint8_t *)out + n);
	out[n] = '\0';
	return out;
}

/* re.findall(r"[^\W_]+", ...) on code points */
static Words find_words(const utf8proc_int32_t *codepoints, size_t count)
{
	Words words = {xcalloc(count + 1, sizeof(char *)), 0};
	for (size_t i = 0; i < count;) {
		if (!is_alnum_codepoint(codepoints[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < count && is_alnum_codepoint(codepoints[i]))
			i++;
		words.items[words.count++] = encode_run(codepoints + start, i - start);
	}
	return words;
}

static void words_free(Words *words)
{
	for (size_t i = 0; i < words->count; i++)
		free(words->items[i]);
	free(words->items);
}

/* score.py words(): lower-case, ’ -> ', drop 's before a word boundary, words, drop a leading
 * article. (Python's \w is a letter, a digit or '_'; a boundary after the s is a non-word
 * character or the end.) */
static Words name_words(const char *name)
{
	size_t count;
	utf8proc_int32_t *c = decode_all(name, &count);
	for (size_t i = 0; i < count; i++) {
		c[i] = utf8proc_tolower(c[i]);
		if (c[i] == 0x2019)
			c[i] = '\'';
	}
	size_t kept = 0;
	for (size_t i = 0; i < count; i++) {
		if (c[i] == '\'' && i + 1 < count && c[i + 1] == 's' &&
		    (i + 2 == count || !(is_alnum_codepoint(c[i + 2]) || c[i + 2] == '_'))) {
			i++;
			continue;
		}
		c[kept++] = c[i];
	}
	Words words = find_words(c, kept);
	free(c);
	if (words.count && (strcmp(words.items[0], "the") == 0 || strcmp(words.items[0], "a") == 0 ||
			    strcmp(words.items[0], "an") == 0)) {
		free(words.items[0]);
		memmove(words.items, words.items + 1, (words.count - 1) * sizeof(char *));
		words.count--;
	}
	return words;
}

/* score.py proper(): two or three words, each beginning with an upper-case letter. */
static bool is_proper_name(const char *name)
{
	size_t count;
	utf8proc_int32_t *c = decode_all(name, &count);
	for (size_t i = 0; i < count; i++)
		if (c[i] == 0x2019)
			c[i] = '\'';
	size_t words = 0;
	bool all_upper = true;
	for (size_t i = 0; i < count;) {
		if (!is_alnum_codepoint(c[i])) {
			i++;
			continue;
		}
		words++;
		if (utf8proc_category(c[i]) != UTF8PROC_CATEGORY_LU)
			all_upper = false;
		while (i < count && is_alnum_codepoint(c[i]))
			i++;
	}
	free(c);
	return words >= 2 && words <= 3 && all_upper;
}

static bool words_equal(const Words *a, const Words *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	return true;
}

/* The first code point of each word, concatenated. */
static bool is_initials_of(const char *one, const Words *full)
{
	char initials[4096];
	size_t n = 0;
	for (size_t i = 0; i < full->count; i++) {
		size_t length = 1;
		while (full->items[i][length] && (full->items[i][length] & 0xC0) == 0x80)
			length++;
		if (n + length >= sizeof initials)
			return false;
		memcpy(initials + n, full->items[i], length);
		n += length;
	}
	initials[n] = '\0';
	return strcmp(one, initials) == 0;
}

bool score_same_entity(const char *x, const char *y)
{
	x = x ? x : "";
	y = y ? y : "";
	Words a = name_words(x), b = name_words(y);
	bool same = false;
	if (!a.count || !b.count)
		goto done;
	if (words_equal(&a, &b)) {
		same = true;
		goto done;
	}
	struct {
		const Words *one, *full;
		const char *raw;
	} orders[] = {{&a, &b, y}, {&b, &a, x}};
	for (size_t k = 0; k < 2; k++) {
		const Words *one = orders[k].one, *full = orders[k].full;
		if (one->count == 1 && is_proper_name(orders[k].raw) &&
		    (strcmp(one->items[0], full->items[0]) == 0 ||
		     strcmp(one->items[0], full->items[full->count - 1]) == 0)) {
			same = true;
			goto done;
		}
	}
	if ((a.count == 1 && is_initials_of(a.items[0], &b)) ||
	    (b.count == 1 && is_initials_of(b.items[0], &a)))
		same = true;
done:
	words_free(&a);
	words_free(&b);
	return same;
}

/* score.py's attribution test: the speaker spans overlap, or the names are the same entity. */
static bool speakers_attributed(const Item *p, const Item *g)
{
	return (p->speaker.count && g->speaker.count && pairwise_overlap(&p->speaker, &g->speaker) > 0) ||
	       score_same_entity(p->name, g->name);
}

/* ---- score.py score() ---- */

typedef struct Pair {
	double iou;
	size_t gold_start, gold_end, pred_start, pred_end, gold, pred;
} Pair;

/* sorted((-iou, g.cs, g.ce, p.cs, p.ce, i, j)) */
static int compare_pairs(const void *a, const void *b)
{
	const Pair *x = a, *y = b;
	if (x->iou != y->iou)
		return x->iou > y->iou ? -1 : 1;
	const size_t kx[] = {x->gold_start, x->gold_end, x->pred_start, x->pred_end, x->gold, x->pred};
	const size_t ky[] = {y->gold_start, y->gold_end, y->pred_start, y->pred_end, y->gold, y->pred};
	for (size_t i = 0; i < 6; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

/* score.py's one-to-one pairing: candidate pairs by the matching rule, taken greedily in
 * order of overlap / union. target_used[i] tells whether target i is paired, with
 * pred_of_target[i]; pred_taken[j] whether prediction j is. */
static void pair_items(const Item *const *target_items, size_t targets, const Items *pred,
		       size_t *pred_of_target, bool *target_used, bool *pred_taken)
{
	size_t pair_count = 0, pair_capacity = 16;
	Pair *pairs = xcalloc(pair_capacity, sizeof *pairs);
	for (size_t j = 0; j < pred->count; j++)
		for (size_t i = 0; i < targets; i++) {
			const Item *p = &pred->items[j], *g = target_items[i];
			size_t overlap;
			if (!claims_match(p, g, &overlap))
				continue;
			if (pair_count == pair_capacity)
				pairs = xrealloc(pairs, (pair_capacity *= 2) * sizeof *pairs);
			double union_size = (double)pieces_size(&p->claim) + (double)pieces_size(&g->claim) -
					    (double)overlap;
			pairs[pair_count++] = (Pair){(double)overlap / union_size, g->cs, g->ce, p->cs,
						     p->ce, i, j};
		}
	qsort(pairs, pair_count, sizeof *pairs, compare_pairs);
	for (size_t k = 0; k < pair_count; k++) {
		if (target_used[pairs[k].gold] || pred_taken[pairs[k].pred])
			continue;
		target_used[pairs[k].gold] = true;
		pred_of_target[pairs[k].gold] = pairs[k].pred;
		pred_taken[pairs[k].pred] = true;
	}
	free(pairs);
}

static void score_matches(const Items *gold, const Items *optional, const Items *pred,
			  DocumentScore *out)
{
	size_t targets = gold->count + optional->count;
	const Item **target_items = xcalloc(targets ? targets : 1, sizeof *target_items);
	for (size_t i = 0; i < gold->count; i++)
		target_items[i] = &gold->items[i];
	for (size_t i = 0; i < optional->count; i++)
		target_items[gold->count + i] = &optional->items[i];
	size_t *pred_of_target = xcalloc(targets ? targets : 1, sizeof(size_t));
	bool *target_used = xcalloc(targets ? targets : 1, sizeof(bool));
	bool *pred_taken = xcalloc(pred->count ? pred->count : 1, sizeof(bool));
	pair_items(target_items, targets, pred, pred_of_target, target_used, pred_taken);
	free(target_items);

	ScoreCounts *c = &out->counts;
	c->gold = gold->count;
	for (size_t i = 0; i < gold->count; i++)
		out->kinds[gold->items[i].kind].gold++;
	size_t false_positives = 0;
	for (size_t j = 0; j < pred->count; j++) {
		bool ignored = false, counts = pred_taken[j];
		if (!pred_taken[j]) {
			for (size_t o = 0; o < optional->count && !ignored; o++)
				ignored = claims_match(&pred->items[j], &optional->items[o], NULL);
			if (!ignored) {
				false_positives++;
				counts = true;
			}
		} else {
			/* taken by an optional claim: neither credited nor penalised */
			for (size_t i = gold->count; i < targets; i++)
				if (target_used[i] && pred_of_target[i] == j)
					counts = false;
		}
		if (counts)
			out->kinds[pred->items[j].kind].pred++;
	}
	for (size_t i = 0; i < gold->count; i++) {
		if (!target_used[i])
			continue;
		const Item *g = &gold->items[i], *p = &pred->items[pred_of_target[i]];
		c->matched++;
		out->kinds[g->kind].matched_gold++;
		out->kinds[p->kind].matched_pred++;
		c->exact += claims_exact(p, g);
		bool attributed = speakers_attributed(p, g);
		if (attributed) {
			c->attributed++;
			out->kinds[g->kind].attributed_gold++;
			out->kinds[p->kind].attributed_pred++;
		}
		if (g->speaker.count) {
			c->resolution_n++;
			c->resolution_right += score_same_entity(p->name, g->name);
		}
		if (g->label && *g->label) {
			c->label_n++;
			c->label_right += p->label && strcmp(p->label, g->label) == 0;
		}
		if (g->kind != KIND_UNSET) {
			c->kind_n++;
			c->kind_right += p->kind == g->kind;
		}
	}
	c->pred = c->matched + false_positives;
	free(pred_of_target);
	free(target_used);
	free(pred_taken);
}

/* ---- polnear_score.py score_doc() ---- */

static size_t union_intersection(const Pieces *a, const Pieces *b)
{
	size_t total = 0, i = 0, j = 0;
	while (i < a->count && j < b->count) {
		size_t lo = a->items[i].start > b->items[j].start ? a->items[i].start : b->items[j].start;
		size_t hi = a->items[i].end < b->items[j].end ? a->items[i].end : b->items[j].end;
		if (hi > lo)
			total += hi - lo;
		if (a->items[i].end < b->items[j].end)
			i++;
		else
			j++;
	}
	return total;
}

static void score_polnear(const Items *gold, const Items *pred, DocumentScore *out)
{
	bool *used = xcalloc(pred->count ? pred->count : 1, sizeof(bool));
	for (size_t k = 0; k < POLNEAR_SUBSET_COUNT; k++)
		out->polnear[k].pred = 0;
	out->polnear[POLNEAR_ALL].pred = pred->count;
	for (size_t j = 0; j < pred->count; j++)
		out->polnear[POLNEAR_QUOTED].pred += pred->items[j].quoted_around;
	for (size_t i = 0; i < gold->count; i++) {
		const Item *g = &gold->items[i];
		size_t gold_size = pieces_size(&g->claim_union);
		size_t best = (size_t)-1;
		double share = 0.0;
		for (size_t j = 0; j < pred->count; j++) {
			if (used[j] || !pred->items[j].claim_union.count || !gold_size)
				continue;
			double s = (double)union_intersection(&g->claim_union, &pred->items[j].claim_union) /
				   (double)gold_size;
			if (s > share) {
				best = j;
				share = s;
			}
		}
		PolnearCounts *subsets[2] = {&out->polnear[POLNEAR_ALL],
					     g->quoted_content ? &out->polnear[POLNEAR_QUOTED] : NULL};
		bool lenient = best != (size_t)-1 && share >= 0.3;
		bool speaker_right = false;
		if (lenient) {
			used[best] = true;
			const Item *p = &pred->items[best];
			speaker_right = g->speaker_union.count
				? union_intersection(&p->speaker_union, &g->speaker_union) > 0
				: p->speaker_union.count == 0;
		}
		for (size_t k = 0; k < 2; k++) {
			if (!subsets[k])
				continue;
			subsets[k]->gold++;
			subsets[k]->lenient += lenient;
			subsets[k]->strict += lenient && share >= 0.8;
			subsets[k]->speaker_n += lenient;
			subsets[k]->speaker_right += speaker_right;
		}
	}
	free(used);
}

void score_sets(const AnnotationSet *gold, const AnnotationSet *pred, DocumentScore *out)
{
	*out = (DocumentScore){0};
	Items gold_items = items_from(gold, gold->annotations, gold->annotation_count, true);
	Items optional = items_from(gold, gold->optional, gold->optional_count, false);
	Items pred_items = pred ? items_from(pred, pred->annotations, pred->annotation_count, true)
				: (Items){0};
	score_matches(&gold_items, &optional, &pred_items, out);
	score_polnear(&gold_items, &pred_items, out);
	items_free(&gold_items);
	items_free(&optional);
	items_free(&pred_items);
}

size_t score_align(const AnnotationSet *a, const AnnotationSet *b, size_t *match)
{
	for (size_t i = 0; i < a->annotation_count; i++)
		match[i] = SCORE_NO_MATCH;
	Items ia = items_from(a, a->annotations, a->annotation_count, true);
	Items ib = items_from(b, b->annotations, b->annotation_count, true);
	const Item **targets = xcalloc(ia.count ? ia.count : 1, sizeof *targets);
	for (size_t i = 0; i < ia.count; i++)
		targets[i] = &ia.items[i];
	size_t *pred_of_target = xcalloc(ia.count ? ia.count : 1, sizeof(size_t));
	bool *used = xcalloc(ia.count ? ia.count : 1, sizeof(bool));
	bool *taken = xcalloc(ib.count ? ib.count : 1, sizeof(bool));
	pair_items(targets, ia.count, &ib, pred_of_target, used, taken);
	size_t pairs = 0;
	for (size_t i = 0; i < ia.count; i++)
		if (used[i]) {
			match[ia.items[i].index] = ib.items[pred_of_target[i]].index;
			pairs++;
		}
	free(targets);
	free(pred_of_target);
	free(used);
	free(taken);
	items_free(&ia);
	items_free(&ib);
	return pairs;
}

/* Two annotations as the scorer sees them, for the one-pair questions of agreement and
 * adjudication. */
typedef struct ItemPair {
	Item x, y;
} ItemPair;

static ItemPair item_pair(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			  const Annotation *y)
{
	ItemPair pair;
	item_from_annotation(a, x, &pair.x);
	item_from_annotation(b, y, &pair.y);
	return pair;
}

static void item_pair_free(ItemPair *pair)
{
	Items items = {&pair->x, 1};
	items_free_contents(&items);
	items = (Items){&pair->y, 1};
	items_free_contents(&items);
}

bool score_claims_exact(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			const Annotation *y)
{
	ItemPair pair = item_pair(a, x, b, y);
	bool exact = claims_exact(&pair.x, &pair.y);
	item_pair_free(&pair);
	return exact;
}

bool score_claims_overlap(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			  const Annotation *y, double *iou)
{
	ItemPair pair = item_pair(a, x, b, y);
	size_t overlap;
	bool match = claims_match(&pair.x, &pair.y, &overlap);
	if (iou)
		*iou = match ? (double)overlap / ((double)pieces_size(&pair.x.claim) +
						  (double)pieces_size(&pair.y.claim) - (double)overlap)
			     : 0.0;
	item_pair_free(&pair);
	return match;
}

bool score_speakers_agree(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			  const Annotation *y)
{
	ItemPair pair = item_pair(a, x, b, y);
	bool neither = !pair.x.speaker.count && !pair.y.speaker.count && !*pair.x.name && !*pair.y.name;
	bool same = neither || speakers_attributed(&pair.x, &pair.y);
	item_pair_free(&pair);
	return same;
}

void score_add(DocumentScore *total, const DocumentScore *d)
{
	ScoreCounts *t = &total->counts;
	const ScoreCounts *c = &d->counts;
	t->gold += c->gold;
	t->pred += c->pred;
	t->matched += c->matched;
	t->exact += c->exact;
	t->attributed += c->attributed;
	t->resolution_n += c->resolution_n;
	t->resolution_right += c->resolution_right;
	t->label_n += c->label_n;
	t->label_right += c->label_right;
	t->kind_n += c->kind_n;
	t->kind_right += c->kind_right;
	for (size_t k = 0; k < KIND_COUNT; k++) {
		KindCounts *tk = &total->kinds[k];
		const KindCounts *dk = &d->kinds[k];
		tk->gold += dk->gold;
		tk->pred += dk->pred;
		tk->matched_gold += dk->matched_gold;
		tk->matched_pred += dk->matched_pred;
		tk->attributed_gold += dk->attributed_gold;
		tk->attributed_pred += dk->attributed_pred;
	}
	for (size_t k = 0; k < POLNEAR_SUBSET_COUNT; k++) {
		PolnearCounts *tp = &total->polnear[k];
		const PolnearCounts *dp = &d->polnear[k];
		tp->gold += dp->gold;
		tp->pred += dp->pred;
		tp->lenient += dp->lenient;
		tp->strict += dp->strict;
		tp->speaker_n += dp->speaker_n;
		tp->speaker_right += dp->speaker_right;
	}
}

/* ---- reporting ---- */

double score_round3(double value)
{
	/* printf rounds the exact binary value, ties to even: what Python's round() does */
	char text[64];
	snprintf(text, sizeof text, "%.3f", value);
	return strtod(text, NULL);
}

typedef struct Prf {
	double p, r, f1;
} Prf;

static Prf prf(size_t k, size_t predicted, size_t gold)
{
	double p = predicted ? (double)k / (double)predicted : 0.0;
	double r = gold ? (double)k / (double)gold : 0.0;
	return (Prf){score_round3(p), score_round3(r), p + r > 0 ? score_round3(2 * p * r / (p + r)) : 0.0};
}

static double accuracy(size_t right, size_t n)
{
	return n ? score_round3((double)right / (double)n) : 0.0;
}

static json_t *prf_json(Prf v)
{
	return json_pack("{s:f,s:f,s:f}", "p", v.p, "r", v.r, "f1", v.f1);
}

static json_t *accuracy_json(size_t right, size_t n)
{
	return json_pack("{s:I,s:I,s:f}", "n", (json_int_t)n, "right", (json_int_t)right, "accuracy",
			 accuracy(right, n));
}

static json_t *polnear_json(const PolnearCounts *c)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:f}", "gold", (json_int_t)c->gold, "pred",
			 (json_int_t)c->pred, "lenient", prf_json(prf(c->lenient, c->pred, c->gold)),
			 "strict", prf_json(prf(c->strict, c->pred, c->gold)), "speaker_acc",
			 accuracy(c->speaker_right, c->speaker_n));
}

static const char *kind_key(ClaimKind kind)
{
	return kind == KIND_UNSET ? "unset" : claim_kind_name(kind);
}

/* Precision over predictions of the kind, recall over gold of the kind. */
static Prf kind_prf(size_t matched_pred, size_t pred, size_t matched_gold, size_t gold)
{
	double p = pred ? (double)matched_pred / (double)pred : 0.0;
	double r = gold ? (double)matched_gold / (double)gold : 0.0;
	return (Prf){score_round3(p), score_round3(r), p + r > 0 ? score_round3(2 * p * r / (p + r)) : 0.0};
}

json_t *score_to_json(const DocumentScore *s)
{
	const ScoreCounts *c = &s->counts;
	json_t *object = json_pack(
		"{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "gold", (json_int_t)c->gold, "pred",
		(json_int_t)c->pred, "claim_overlap", prf_json(prf(c->matched, c->pred, c->gold)),
		"claim_exact", prf_json(prf(c->exact, c->pred, c->gold)), "attribution",
		prf_json(prf(c->attributed, c->pred, c->gold)), "resolution",
		accuracy_json(c->resolution_right, c->resolution_n), "label",
		accuracy_json(c->label_right, c->label_n), "kind",
		accuracy_json(c->kind_right, c->kind_n));
	json_t *by_kind = json_object();
	for (int k = 0; k < KIND_COUNT; k++) {
		const KindCounts *kc = &s->kinds[k];
		if (!kc->gold && !kc->pred)
			continue;
		json_object_set_new(
			by_kind, kind_key((ClaimKind)k),
			json_pack("{s:I,s:I,s:o,s:o}", "gold", (json_int_t)kc->gold, "pred",
				  (json_int_t)kc->pred, "claim_overlap",
				  prf_json(kind_prf(kc->matched_pred, kc->pred, kc->matched_gold, kc->gold)),
				  "attribution",
				  prf_json(kind_prf(kc->attributed_pred, kc->pred, kc->attributed_gold,
						    kc->gold))));
	}
	json_object_set_new(object, "by_kind", by_kind);
	json_object_set_new(object, "polnear",
			    json_pack("{s:o,s:o}", "all", polnear_json(&s->polnear[POLNEAR_ALL]),
				      "quoted", polnear_json(&s->polnear[POLNEAR_QUOTED])));
	return object;
}

static void print_prf_row(FILE *out, const char *indent, const char *name, Prf v)
{
	fprintf(out, "%s%-14s P=%.3f R=%.3f F1=%.3f\n", indent, name, v.p, v.r, v.f1);
}

void score_print(const DocumentScore *s, FILE *out, const char *indent)
{
	const ScoreCounts *c = &s->counts;
	print_prf_row(out, indent, "claim_overlap", prf(c->matched, c->pred, c->gold));
	print_prf_row(out, indent, "claim_exact", prf(c->exact, c->pred, c->gold));
	print_prf_row(out, indent, "attribution", prf(c->attributed, c->pred, c->gold));
	fprintf(out, "%s%-14s %zu/%zu = %.3f\n", indent, "resolution", c->resolution_right,
		c->resolution_n, accuracy(c->resolution_right, c->resolution_n));
	fprintf(out, "%s%-14s %zu/%zu = %.3f\n", indent, "label", c->label_right, c->label_n,
		accuracy(c->label_right, c->label_n));
	fprintf(out, "%s%-14s %zu/%zu = %.3f\n", indent, "kind", c->kind_right, c->kind_n,
		accuracy(c->kind_right, c->kind_n));
	fprintf(out, "%sgold=%zu predicted=%zu\n", indent, c->gold, c->pred);
	for (int k = 0; k < KIND_COUNT; k++) {
		const KindCounts *kc = &s->kinds[k];
		if (!kc->gold && !kc->pred)
			continue;
		Prf overlap = kind_prf(kc->matched_pred, kc->pred, kc->matched_gold, kc->gold);
		Prf attribution = kind_prf(kc->attributed_pred, kc->pred, kc->attributed_gold, kc->gold);
		fprintf(out, "%s  %-12s gold=%-4zu pred=%-4zu claim F1=%.3f (P=%.3f R=%.3f) attribution F1=%.3f\n",
			indent, kind_key((ClaimKind)k), kc->gold, kc->pred, overlap.f1, overlap.p, overlap.r,
			attribution.f1);
	}
	static const char *const subset_names[] = {"all", "quoted"};
	for (int k = 0; k < POLNEAR_SUBSET_COUNT; k++) {
		const PolnearCounts *p = &s->polnear[k];
		Prf lenient = prf(p->lenient, p->pred, p->gold), strict = prf(p->strict, p->pred, p->gold);
		fprintf(out, "%spolnear %-7s gold=%zu pred=%zu lenient F1=%.3f (P=%.3f R=%.3f) strict F1=%.3f speaker acc=%.3f\n",
			indent, subset_names[k], p->gold, p->pred, lenient.f1, lenient.p, lenient.r,
			strict.f1, accuracy(p->speaker_right, p->speaker_n));
	}
}
