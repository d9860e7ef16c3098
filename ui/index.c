/* The view's indexes (see view.h): an implicit interval tree over spans sorted by start
 * (after Heng Li's cgranges), annotations by claim start, speakers by id. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/view.h"

static void push_span(SpanIndex *index, const Span *span, size_t annotation, SpanRole role)
{
	if (!span->present)
		return;
	if (index->count == index->capacity) {
		index->capacity = index->capacity ? index->capacity * 2 : 256;
		index->spans = xrealloc(index->spans, index->capacity * sizeof *index->spans);
	}
	IndexedSpan *item = &index->spans[index->count++];
	item->start = span->start;
	item->end = span->end;
	item->max_end = span->end;
	item->annotation = (unsigned)annotation;
	item->role = role;
}

static int compare_spans(const void *a, const void *b)
{
	const IndexedSpan *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->annotation != y->annotation)
		return x->annotation < y->annotation ? -1 : 1;
	return (int)x->role - (int)y->role;
}

/* The implicit tree: node i at level k has children i -/+ 2^(k-1); leaves are even indexes. */
static void augment(SpanIndex *index)
{
	size_t n = index->count;
	IndexedSpan *a = index->spans;
	if (n == 0) {
		index->max_level = -1;
		return;
	}
	size_t last_i = 0, last = 0;
	for (size_t i = 0; i < n; i += 2) {
		last_i = i;
		last = a[i].max_end = a[i].end;
	}
	int k = 1;
	for (; ((size_t)1 << k) <= n; k++) {
		size_t x = (size_t)1 << (k - 1), i0 = ((size_t)1 << k) - 1, step = (size_t)1 << (k + 1);
		for (size_t i = i0; i < n; i += step) {
			size_t el = a[i - x].max_end;
			size_t er = i + x < n ? a[i + x].max_end : last;
			size_t e = a[i].end;
			e = e > el ? e : el;
			e = e > er ? e : er;
			a[i].max_end = e;
		}
		last_i = (last_i >> k & 1) ? last_i - x : last_i + x;
		if (last_i < n && a[last_i].max_end > last)
			last = a[last_i].max_end;
	}
	index->max_level = k - 1;
}

static const Span *span_of(const AnnotationSet *set, const IndexedSpan *item)
{
	const Annotation *annotation = &set->annotations[item->annotation];
	return item->role == SPAN_ROLE_CLAIM ? &annotation->claim
	       : item->role == SPAN_ROLE_SPEAKER ? &annotation->speaker : &annotation->cue;
}

static size_t present_span_count(const AnnotationSet *set)
{
	size_t count = 0;
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *annotation = &set->annotations[i];
		count += annotation->claim.present + annotation->speaker.present +
			 annotation->cue.present;
	}
	return count;
}

/* After an edit that moved a few spans (a boundary, a speaker mention) the index still lists
 * the same (annotation, role) pairs: refresh their offsets, take out the ones that moved, sort
 * those few and merge them back: O(n + k log k) instead of a full sort (20 ms on 300,000 spans).
 * Returns false when the pairs differ (a span or an annotation added or removed): the caller
 * then rebuilds from scratch. */
static bool span_index_refresh(SpanIndex *index, const AnnotationSet *set)
{
	if (index->count == 0 || present_span_count(set) != index->count)
		return false;
	/* The pairs, each once, are as many as the set's spans: when each is still present they
	 * are the same pairs. (A pair that is not present leaves the array half refreshed: the
	 * caller's full rebuild overwrites it.) */
	IndexedSpan *moved = NULL;
	size_t moved_count = 0, moved_capacity = 0, kept = 0;
	for (size_t i = 0; i < index->count; i++) {
		IndexedSpan item = index->spans[i];
		if (item.annotation >= set->annotation_count || !span_of(set, &item)->present) {
			free(moved);
			return false;
		}
		const Span *span = span_of(set, &item);
		if (span->start == item.start && span->end == item.end) {
			index->spans[kept++] = item; /* still in order among the unchanged */
			continue;
		}
		if (moved_count == moved_capacity) {
			moved_capacity = moved_capacity ? moved_capacity * 2 : 16;
			moved = xrealloc(moved, moved_capacity * sizeof *moved);
		}
		item.start = span->start;
		item.end = span->end;
		moved[moved_count++] = item;
	}
	if (moved_count) {
		qsort(moved, moved_count, sizeof *moved, compare_spans);
		/* Merge from the back so that nothing is overwritten before it is read. */
		size_t out = index->count, a = kept, b = moved_count;
		while (b > 0) {
			if (a > 0 && compare_spans(&index->spans[a - 1], &moved[b - 1]) > 0)
				index->spans[--out] = index->spans[--a];
			else
				index->spans[--out] = moved[--b];
		}
	}
	free(moved);
	augment(index);
	return true;
}

void span_index_build(SpanIndex *index, const AnnotationSet *set)
{
	if (span_index_refresh(index, set))
		return;
	index->count = 0;
	/* At most three spans per annotation: allocate once rather than doubling (peak memory). */
	size_t needed = set->annotation_count * 3;
	if (needed > index->capacity) {
		free(index->spans);
		index->spans = xmalloc((needed ? needed : 1) * sizeof *index->spans);
		index->capacity = needed ? needed : 1;
	}
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *annotation = &set->annotations[i];
		push_span(index, &annotation->claim, i, SPAN_ROLE_CLAIM);
		push_span(index, &annotation->speaker, i, SPAN_ROLE_SPEAKER);
		push_span(index, &annotation->cue, i, SPAN_ROLE_CUE);
	}
	if (index->count)
		qsort(index->spans, index->count, sizeof *index->spans, compare_spans);
	augment(index);
}

void span_index_free(SpanIndex *index)
{
	free(index->spans);
	memset(index, 0, sizeof *index);
}

static bool overlaps(const IndexedSpan *span, size_t start, size_t end)
{
	if (start == end) /* a point: spans containing it (empty spans at it too) */
		return span->start <= start && (start < span->end || span->start == span->end);
	if (span->start == span->end)
		return span->start >= start && span->start < end;
	return span->start < end && span->end > start;
}

void span_index_query(const SpanIndex *index, size_t start, size_t end,
		      bool (*visit)(const IndexedSpan *span, void *context), void *context)
{
	if (index->count == 0 || index->max_level < 0)
		return;
	const IndexedSpan *a = index->spans;
	size_t n = index->count;
	/* An explicit stack instead of recursion: (node, level, left-done). */
	struct {
		size_t x;
		int k;
		int w;
	} stack[128];
	int top = 0;
	stack[top].k = index->max_level;
	stack[top].x = ((size_t)1 << index->max_level) - 1;
	stack[top].w = 0;
	top++;
	size_t query_end = end > start ? end : start + 1;
	while (top > 0) {
		top--;
		size_t x = stack[top].x;
		int k = stack[top].k, w = stack[top].w;
		if (k <= 3) { /* small subtree: scan it */
			size_t i0 = x >> k << k, i1 = i0 + ((size_t)1 << (k + 1)) - 1;
			if (i1 > n)
				i1 = n;
			for (size_t i = i0; i < i1 && a[i].start < query_end; i++)
				if (overlaps(&a[i], start, end) && !visit(&a[i], context))
					return;
		} else if (w == 0) { /* before the left child */
			size_t y = x - ((size_t)1 << (k - 1));
			stack[top].w = 1;
			top++;
			if (y >= n || a[y].max_end > start || (start == end && a[y].max_end >= start)) {
				stack[top].x = y;
				stack[top].k = k - 1;
				stack[top].w = 0;
				top++;
			}
		} else if (x < n && a[x].start < query_end) { /* this node, then the right child */
			if (overlaps(&a[x], start, end) && !visit(&a[x], context))
				return;
			stack[top].x = x + ((size_t)1 << (k - 1));
			stack[top].k = k - 1;
			stack[top].w = 0;
			top++;
		}
	}
}

const Speaker *view_find_speaker(const View *view, const char *id)
{
	if (!id || !view->set)
		return NULL;
	size_t low = 0, high = view->speaker_order_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const Speaker *speaker = &view->set->speakers[view->speaker_order[middle]];
		int order = strcmp(speaker->id, id);
		if (order == 0)
			return speaker;
		if (order < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

const Speaker *view_speaker_of(const View *view, const Annotation *annotation)
{
	if (!annotation->speaker.present)
		return NULL;
	return view_find_speaker(view, annotation->speaker.ref);
}

size_t view_first_at_or_after(const View *view, size_t byte)
{
	size_t low = 0, high = view->by_start_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (view->set->annotations[view->by_start[middle]].claim.start < byte)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

void picker_clear(Picker *picker)
{
	for (size_t i = 0; i < picker->count; i++) {
		free(picker->items[i].label);
		free(picker->items[i].detail);
	}
	free(picker->items);
	free(picker->shown);
	free(picker->title);
	memset(picker, 0, sizeof *picker);
}
