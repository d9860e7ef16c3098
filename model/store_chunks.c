/* The annotation list parsed in chunks by worker threads: see store_chunks.h. */
#include "model/store_chunks.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "model/annotation.h"

enum {
	DEFAULT_CHUNK_BYTES = 1 << 20,
	/* Chunks parsed ahead of the loader at most: bounds the memory of parsed events (~3.5 MB a
	 * chunk of 1 MB) while the loader is busy (with the article, at first). */
	WINDOW_CHUNKS = 4,
	MAX_THREADS = 16,
};

/* An event as the loader needs it, its strings in the chunk's arena. */
typedef struct StoredEvent {
	uint32_t line, column;   /* start mark; the line counted from the chunk's first line */
	uint32_t value, length;  /* scalar value, or an alias's anchor: arena offset and length */
	uint32_t tag, anchor;    /* arena offset + 1; 0 when there is none */
	uint8_t type, style, implicit, quoted_implicit;
} StoredEvent;

typedef enum { CHUNK_WAITING, CHUNK_PARSING, CHUNK_DONE, CHUNK_FAILED } ChunkState;

typedef struct Chunk {
	size_t start, end;        /* bytes of the file */
	size_t first_line;        /* the file's line (0-based) the chunk starts on */
	size_t newlines;          /* '\n' in the chunk */
	size_t first_item, items; /* its items among ChunkedParse.item_lines */
	StoredEvent *events;
	size_t event_count, event_capacity;
	char *arena;
	size_t arena_size, arena_capacity;
	ChunkState state;         /* under the lock */
} Chunk;

struct ChunkedParse {
	const char *text;
	size_t size;
	unsigned column;          /* the sequence's indentation */
	bool release_pages;       /* text is the loader's copy (ChunkedParseSetup) */
	size_t *item_lines;       /* the file's line of each item's "-" */
	size_t item_count;
	Chunk *chunks;
	size_t chunk_count;
	pthread_t threads[MAX_THREADS];
	unsigned thread_count;
	double worker_seconds[MAX_THREADS]; /* CPU time of each worker, when it ended */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next_to_claim;     /* chunks are claimed in order, by the workers or the loader */
	size_t consumed;          /* chunks before this one are read by the loader and freed */
	bool stop;
	bool failed;
	/* buffers of chunks already read, for the next ones (no fresh pages per chunk) */
	struct ChunkBuffers {
		StoredEvent *events;
		size_t event_capacity;
		char *arena;
		size_t arena_capacity;
	} pool[WINDOW_CHUNKS + MAX_THREADS + 2];
	size_t pool_count;
	/* the loader's position */
	size_t current, position;
	bool current_ready;
};

/* ---- parsing one chunk ---- */

static uint32_t arena_add(Chunk *c, const yaml_char_t *s, size_t length)
{
	if (c->arena_size + length + 1 > c->arena_capacity) {
		c->arena_capacity = (c->arena_size + length + 1) * 2;
		c->arena = xrealloc(c->arena, c->arena_capacity);
	}
	uint32_t offset = (uint32_t)c->arena_size;
	memcpy(c->arena + offset, s, length);
	c->arena[offset + length] = '\0';
	c->arena_size += length + 1;
	return offset;
}

static uint32_t arena_add_optional(Chunk *c, const yaml_char_t *s)
{
	return s ? arena_add(c, s, strlen((const char *)s)) + 1 : 0;
}

static void store_collection(Chunk *c, StoredEvent *s, const yaml_char_t *tag,
			     const yaml_char_t *anchor, int style, int implicit)
{
	s->tag = arena_add_optional(c, tag);
	s->anchor = arena_add_optional(c, anchor);
	s->style = (uint8_t)style;
	s->implicit = (uint8_t)implicit;
}

static void store_event(Chunk *c, const yaml_event_t *e)
{
	if (c->event_count == c->event_capacity) {
		c->event_capacity = c->event_capacity ? c->event_capacity * 2 : 4096;
		c->events = xrealloc(c->events, c->event_capacity * sizeof *c->events);
	}
	StoredEvent *s = &c->events[c->event_count++];
	*s = (StoredEvent){ .line = (uint32_t)e->start_mark.line,
			    .column = (uint32_t)e->start_mark.column, .type = (uint8_t)e->type };
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		s->value = arena_add(c, e->data.scalar.value, e->data.scalar.length);
		s->length = (uint32_t)e->data.scalar.length;
		s->tag = arena_add_optional(c, e->data.scalar.tag);
		s->anchor = arena_add_optional(c, e->data.scalar.anchor);
		s->style = (uint8_t)e->data.scalar.style;
		s->implicit = (uint8_t)e->data.scalar.plain_implicit;
		s->quoted_implicit = (uint8_t)e->data.scalar.quoted_implicit;
		break;
	case YAML_SEQUENCE_START_EVENT:
		store_collection(c, s, e->data.sequence_start.tag, e->data.sequence_start.anchor,
				 e->data.sequence_start.style, e->data.sequence_start.implicit);
		break;
	case YAML_MAPPING_START_EVENT:
		store_collection(c, s, e->data.mapping_start.tag, e->data.mapping_start.anchor,
				 e->data.mapping_start.style, e->data.mapping_start.implicit);
		break;
	case YAML_ALIAS_EVENT: {
		size_t length = strlen((const char *)e->data.alias.anchor);
		s->value = arena_add(c, e->data.alias.anchor, length);
		s->length = (uint32_t)length;
		break;
	}
	default:
		break;
	}
}

/* Gives the chunk buffers from the pool (or new ones), sized for its bytes. */
static void take_buffers(ChunkedParse *p, Chunk *c)
{
	pthread_mutex_lock(&p->lock);
	if (p->pool_count) {
		struct ChunkBuffers *b = &p->pool[--p->pool_count];
		c->events = b->events;
		c->event_capacity = b->event_capacity;
		c->arena = b->arena;
		c->arena_capacity = b->arena_capacity;
	}
	pthread_mutex_unlock(&p->lock);
	/* ~1 event per 11 bytes of YAML in saywho files; scalars are at most the bytes. */
	size_t bytes = c->end - c->start;
	if (c->event_capacity < bytes / 8 + 64) {
		c->event_capacity = bytes / 8 + 64;
		c->events = xrealloc(c->events, c->event_capacity * sizeof *c->events);
	}
	if (c->arena_capacity < bytes + 64) {
		c->arena_capacity = bytes + 64;
		c->arena = xrealloc(c->arena, c->arena_capacity);
	}
}

/* Parses the chunk and checks that it is what the cut promised; false on any doubt. */
static bool parse_chunk(ChunkedParse *p, Chunk *c)
{
	take_buffers(p, c);
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)p->text + c->start,
				     c->end - c->start);
	bool ok = true;
	size_t items = 0, depth = 0;
	/* 0: stream start, 1: document start, 2: the sequence start, 3: items, 4: document end,
	 * 5: stream end, 6: done */
	int stage = 0;
	while (ok && stage < 6) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e)) {
			ok = false;
			break;
		}
		switch (stage) {
		case 0:
			ok = e.type == YAML_STREAM_START_EVENT;
			stage = 1;
			break;
		case 1:
			ok = e.type == YAML_DOCUMENT_START_EVENT && e.data.document_start.implicit &&
			     !e.data.document_start.version_directive &&
			     e.data.document_start.tag_directives.start ==
				     e.data.document_start.tag_directives.end;
			stage = 2;
			break;
		case 2:
			ok = e.type == YAML_SEQUENCE_START_EVENT &&
			     e.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE &&
			     !e.data.sequence_start.tag && !e.data.sequence_start.anchor &&
			     e.start_mark.line == 0 && e.start_mark.column == p->column;
			stage = 3;
			break;
		case 3:
			if (depth == 0 && e.type == YAML_SEQUENCE_END_EVENT) {
				stage = 4;
				break;
			}
			if (depth == 0) {
				/* An item: it must start on its own "-" line, before the next one. */
				size_t line = c->first_line + e.start_mark.line;
				size_t item = c->first_item + items;
				ok = items++ < c->items && line >= p->item_lines[item] &&
				     (item + 1 == p->item_count || line < p->item_lines[item + 1]);
			}
			if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT)
				depth++;
			else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT)
				depth--;
			store_event(c, &e);
			break;
		case 4:
			ok = e.type == YAML_DOCUMENT_END_EVENT && e.data.document_end.implicit;
			stage = 5;
			break;
		case 5: {
			/* libyaml counted the lines we did (a lone CR or a Unicode line break would make
			 * them differ); at the end it adds one for a last line without a line break. */
			bool last_line_open = c->end > c->start && p->text[c->end - 1] != '\n';
			ok = e.type == YAML_STREAM_END_EVENT &&
			     e.start_mark.line == c->newlines + last_line_open;
			stage = 6;
			break;
		}
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	return ok && items == c->items && c->arena_size <= UINT32_MAX;
}

/* Gives back the pages wholly inside [start, end) of the caller's copy of the file: a parsed
 * chunk's bytes are not read again. */
static void release_pages(const ChunkedParse *p, size_t start, size_t end)
{
	if (!p->release_pages)
		return;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)(p->text + start) + page - 1) / page * page;
	uintptr_t to = (uintptr_t)(p->text + end) / page * page;
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
}

static void finish_chunk(ChunkedParse *p, Chunk *c, bool ok)
{
	release_pages(p, c->start, c->end);
	pthread_mutex_lock(&p->lock);
	c->state = ok ? CHUNK_DONE : CHUNK_FAILED;
	if (!ok)
		p->failed = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static double thread_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct WorkerStart {
	ChunkedParse *parse;
	unsigned index;
} WorkerStart;

static void *worker(void *argument)
{
	WorkerStart start = *(WorkerStart *)argument;
	free(argument);
	ChunkedParse *p = start.parse;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->stop && !p->failed && p->next_to_claim < p->chunk_count &&
		       p->next_to_claim >= p->consumed + WINDOW_CHUNKS)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || p->failed || p->next_to_claim >= p->chunk_count) {
			p->worker_seconds[start.index] = thread_seconds();
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		Chunk *c = &p->chunks[p->next_to_claim++];
		c->state = CHUNK_PARSING;
		pthread_mutex_unlock(&p->lock);
		finish_chunk(p, c, parse_chunk(p, c));
	}
}

/* ---- cutting ---- */

/* The end of the line that starts at `at` (its '\n' included, or the end of the text). */
static size_t line_end(const char *text, size_t size, size_t at)
{
	const char *newline = memchr(text + at, '\n', size - at);
	return newline ? (size_t)(newline - text) + 1 : size;
}

static size_t leading_spaces(const char *text, size_t start, size_t end)
{
	size_t i = start;
	while (i < end && text[i] == ' ')
		i++;
	return i - start;
}

/* Whether the line [start, end) is an item of a sequence at `column`: "-" then a space or the
 * end of the line. */
static bool item_line(const char *text, size_t start, size_t end, size_t column)
{
	size_t at = start + column;
	return leading_spaces(text, start, end) == column && at < end && text[at] == '-' &&
	       (at + 1 == end || text[at + 1] == ' ' || text[at + 1] == '\n' || text[at + 1] == '\r');
}

static size_t count_newlines(const char *text, size_t start, size_t end)
{
	size_t count = 0;
	for (const char *p = text + start, *stop = text + end;
	     (p = memchr(p, '\n', (size_t)(stop - p))); p++)
		count++;
	return count;
}

static unsigned online_processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

ChunkedParse *chunked_parse_start(const char *text, size_t size, const ChunkedParseSetup *setup,
				  char **main_text, size_t *main_size, size_t *placeholder_line)
{
	/* UTF-16 or UTF-32 files (a byte-order mark other than UTF-8's): read serially. */
	if (size >= 2 && ((unsigned char)text[0] == 0xFE || (unsigned char)text[0] == 0xFF ||
			  text[0] == '\0' || text[1] == '\0'))
		return NULL;
	/* The top-level key: a line that is exactly "annotations:". */
	static const char key[] = "annotations:\n";
	size_t key_start = 0;
	while (key_start < size && (size - key_start < sizeof key - 1 ||
				    memcmp(text + key_start, key, sizeof key - 1) != 0))
		key_start = line_end(text, size, key_start);
	if (key_start >= size)
		return NULL;
	size_t region_start = key_start + sizeof key - 1;
	/* Blank and comment lines may come before the first item. */
	while (region_start < size) {
		size_t end = line_end(text, size, region_start);
		size_t spaces = leading_spaces(text, region_start, end);
		char c = region_start + spaces < end ? text[region_start + spaces] : '\n';
		if (c != '\n' && c != '#')
			break;
		region_start = end;
	}
	if (region_start >= size)
		return NULL;
	size_t region_end = line_end(text, size, region_start);
	size_t column = leading_spaces(text, region_start, region_end);
	if (!item_line(text, region_start, region_end, column))
		return NULL;

	/* The item lines, up to the first line at or left of the sequence's indentation that is
	 * not an item, a blank line or a comment. */
	size_t first_line = count_newlines(text, 0, region_start);
	size_t capacity = 1024, count = 0;
	size_t *item_lines = xmalloc(capacity * sizeof *item_lines);
	size_t *item_starts = xmalloc(capacity * sizeof *item_starts);
	size_t line = first_line, at = region_start;
	while (at < size) {
		size_t end = line_end(text, size, at);
		size_t spaces = leading_spaces(text, at, end);
		if (spaces <= column && at + spaces < end && text[at + spaces] != '\n' &&
		    text[at + spaces] != '#') {
			if (!item_line(text, at, end, column))
				break;
			if (count == capacity) {
				capacity *= 2;
				item_lines = xrealloc(item_lines, capacity * sizeof *item_lines);
				item_starts = xrealloc(item_starts, capacity * sizeof *item_starts);
			}
			item_lines[count] = line;
			item_starts[count++] = at;
		}
		at = end;
		line += text[end - 1] == '\n';
	}
	region_end = at;
	size_t min_bytes = setup && setup->min_bytes ? setup->min_bytes : 0;
	if (region_end - region_start < min_bytes || count == 0) {
		free(item_lines);
		free(item_starts);
		return NULL;
	}

	ChunkedParse *p = xcalloc(1, sizeof *p);
	p->text = text;
	p->size = size;
	p->release_pages = setup && setup->release_pages;
	p->column = (unsigned)column;
	p->item_lines = item_lines;
	p->item_count = count;
	size_t chunk_bytes = setup && setup->chunk_bytes ? setup->chunk_bytes : DEFAULT_CHUNK_BYTES;
	p->chunks = xcalloc(count, sizeof *p->chunks);
	for (size_t i = 0; i < count;) {
		Chunk *c = &p->chunks[p->chunk_count++];
		c->start = item_starts[i];
		c->first_item = i;
		c->first_line = item_lines[i];
		size_t j = i + 1;
		while (j < count && item_starts[j] - c->start < chunk_bytes)
			j++;
		c->end = j < count ? item_starts[j] : region_end;
		c->items = j - i;
		c->newlines = (j < count ? item_lines[j] : line) - c->first_line;
		i = j;
	}
	free(item_starts);

	/* What the main parser reads: the items become " []" and empty lines. */
	size_t region_newlines = line - first_line;
	*main_size = region_start + 3 + region_newlines + (size - region_end);
	char *rest = *main_text = xmalloc(*main_size + 1);
	memcpy(rest, text, region_start);
	rest += region_start;
	memcpy(rest, " []", 3);
	rest += 3;
	memset(rest, '\n', region_newlines);
	rest += region_newlines;
	memcpy(rest, text + region_end, size - region_end);
	(*main_text)[*main_size] = '\0';
	*placeholder_line = first_line;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	unsigned threads = setup && setup->threads ? setup->threads : online_processors() - 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads > p->chunk_count)
		threads = (unsigned)p->chunk_count;
	/* The workers take no signals (they inherit the mask): the program's handlers keep
	 * running in the thread that expects them. */
	sigset_t all, saved;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &saved);
	for (unsigned i = 0; i < threads; i++) {
		WorkerStart *start = xmalloc(sizeof *start);
		*start = (WorkerStart){ p, p->thread_count };
		if (pthread_create(&p->threads[p->thread_count], NULL, worker, start) == 0)
			p->thread_count++;
		else
			free(start);
	}
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	/* Without a worker (one processor) the loader parses every chunk itself, in turn. */
	return p;
}

/* ---- reading ---- */

static void free_chunk_results(Chunk *c)
{
	free(c->events);
	free(c->arena);
	c->events = NULL;
	c->arena = NULL;
	c->event_count = c->arena_size = c->event_capacity = c->arena_capacity = 0;
}

/* The loader is done with the chunk: its buffers go back to the pool. */
static void recycle_chunk(ChunkedParse *p, Chunk *c)
{
	pthread_mutex_lock(&p->lock);
	if (c->events && p->pool_count < sizeof p->pool / sizeof p->pool[0]) {
		p->pool[p->pool_count++] = (struct ChunkBuffers){ c->events, c->event_capacity,
								 c->arena, c->arena_capacity };
		c->events = NULL;
		c->arena = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	free_chunk_results(c);
}

/* Waits for the current chunk. Rather than wait idle, the loader parses chunks itself: the
 * current one when no worker has taken it, else the next one not taken yet. */
static bool current_chunk_ready(ChunkedParse *p)
{
	Chunk *c = &p->chunks[p->current];
	pthread_mutex_lock(&p->lock);
	for (;;) {
		if (p->failed || c->state == CHUNK_DONE || c->state == CHUNK_FAILED)
			break;
		size_t next = p->next_to_claim;
		if (next < p->chunk_count && next < p->consumed + WINDOW_CHUNKS) {
			Chunk *mine = &p->chunks[p->next_to_claim++];
			mine->state = CHUNK_PARSING;
			pthread_mutex_unlock(&p->lock);
			finish_chunk(p, mine, parse_chunk(p, mine));
			pthread_mutex_lock(&p->lock);
			continue;
		}
		pthread_cond_wait(&p->changed, &p->lock);
	}
	bool ok = c->state == CHUNK_DONE;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

bool chunked_parse_next(ChunkedParse *p, yaml_event_t *event)
{
	while (p->current < p->chunk_count) {
		Chunk *c = &p->chunks[p->current];
		if (!p->current_ready) {
			if (!current_chunk_ready(p)) {
				p->failed = true;
				return false;
			}
			p->current_ready = true;
			p->position = 0;
		}
		if (p->position < c->event_count) {
			const StoredEvent *s = &c->events[p->position++];
			/* Every field the event's type has is set (no memset: this runs per event). */
			event->type = (yaml_event_type_t)s->type;
			event->start_mark.index = c->start; /* (byte offsets are not kept) */
			event->start_mark.line = c->first_line + s->line;
			event->start_mark.column = s->column;
			event->end_mark = event->start_mark;
			event->end_mark.index = CHUNK_BORROWED_EVENT;
			yaml_char_t *arena = (yaml_char_t *)c->arena;
			yaml_char_t *tag = s->tag ? arena + s->tag - 1 : NULL;
			yaml_char_t *anchor = s->anchor ? arena + s->anchor - 1 : NULL;
			switch (event->type) {
			case YAML_SCALAR_EVENT:
				event->data.scalar.value = arena + s->value;
				event->data.scalar.length = s->length;
				event->data.scalar.tag = tag;
				event->data.scalar.anchor = anchor;
				event->data.scalar.style = (yaml_scalar_style_t)s->style;
				event->data.scalar.plain_implicit = s->implicit;
				event->data.scalar.quoted_implicit = s->quoted_implicit;
				break;
			case YAML_SEQUENCE_START_EVENT:
				event->data.sequence_start.tag = tag;
				event->data.sequence_start.anchor = anchor;
				event->data.sequence_start.style = (yaml_sequence_style_t)s->style;
				event->data.sequence_start.implicit = s->implicit;
				break;
			case YAML_MAPPING_START_EVENT:
				event->data.mapping_start.tag = tag;
				event->data.mapping_start.anchor = anchor;
				event->data.mapping_start.style = (yaml_mapping_style_t)s->style;
				event->data.mapping_start.implicit = s->implicit;
				break;
			case YAML_ALIAS_EVENT:
				event->data.alias.anchor = arena + s->value;
				break;
			default:
				break;
			}
			return true;
		}
		/* The loader is past this chunk: its events are no longer referred to. */
		recycle_chunk(p, c);
		p->current++;
		p->current_ready = false;
		pthread_mutex_lock(&p->lock);
		p->consumed = p->current;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	return false;
}

bool chunked_parse_failed(const ChunkedParse *p)
{
	return p->failed;
}

size_t chunked_parse_chunk_count(const ChunkedParse *p)
{
	return p->chunk_count;
}

size_t chunked_parse_item_count(const ChunkedParse *p)
{
	return p->item_count;
}

double chunked_parse_worker_seconds(ChunkedParse *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	double most = 0;
	for (unsigned i = 0; i < p->thread_count; i++) {
		pthread_join(p->threads[i], NULL);
		if (p->worker_seconds[i] > most)
			most = p->worker_seconds[i];
	}
	p->thread_count = 0;
	return most;
}

void chunked_parse_free(ChunkedParse *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (unsigned i = 0; i < p->thread_count; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->chunk_count; i++)
		free_chunk_results(&p->chunks[i]);
	for (size_t i = 0; i < p->pool_count; i++) {
		free(p->pool[i].events);
		free(p->pool[i].arena);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->chunks);
	free(p->item_lines);
	free(p);
}
