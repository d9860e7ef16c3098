/* The annotation list of a big file parsed by libyaml in several threads (store.c's loader uses
 * it; not a public API).
 *
 * The file's top-level `annotations:` block sequence is cut into chunks at lines that start an
 * item at the sequence's indentation; each chunk is parsed on its own by libyaml in a worker
 * thread into a compact list of events, with every check that the cut was right: the chunk is
 * one block sequence, with as many items as item lines, each starting on its line, and libyaml
 * counted the same lines. The main parser reads the rest of the file, in which the items are
 * replaced by " []" and as many empty lines: every event outside the list keeps its line and
 * column. The loader then takes the items' events in file order from chunked_parse_next(), with
 * the lines they have in the file, exactly the events a serial parse would give (the end marks
 * aside, which the loader does not use). When anything is doubtful the chunks report a failure
 * and the loader parses the whole file serially instead. */
#ifndef SAYWHO_STORE_CHUNKS_H
#define SAYWHO_STORE_CHUNKS_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* The end_mark.index of an event whose strings belong to the chunk (borrowed, valid until the
 * next chunk is started): store.c copies what it keeps and never frees them. */
#define CHUNK_BORROWED_EVENT ((size_t)-1)

typedef struct ChunkedParse ChunkedParse;

typedef struct ChunkedParseSetup {
	size_t chunk_bytes;  /* target size of a chunk; 0: the default */
	unsigned threads;    /* worker threads; 0: one per online processor but one */
	size_t min_bytes;    /* smaller lists are not worth it: NULL is returned */
	bool release_pages;  /* `text` is the loader's own page-aligned copy: the pages of parsed
			      * chunks are given back (madvise) while the model grows */
} ChunkedParseSetup;

/* Starts parsing the items of `text`'s top-level annotations list in worker threads. Returns
 * NULL when the file does not have the expected shape (then parse serially). `text` must stay
 * valid until chunked_parse_free. *main_text (to free) is what the main parser reads;
 * *placeholder_line is the (0-based) line of its " []". */
ChunkedParse *chunked_parse_start(const char *text, size_t size, const ChunkedParseSetup *setup,
				  char **main_text, size_t *main_size, size_t *placeholder_line);
/* The next event of the items, in file order (its strings borrowed, see above). Returns false
 * after the last one, or when a chunk failed (chunked_parse_failed says which). */
bool chunked_parse_next(ChunkedParse *parse, yaml_event_t *event);
bool chunked_parse_failed(const ChunkedParse *parse);
size_t chunked_parse_chunk_count(const ChunkedParse *parse);
/* The items of the list (one per item line). */
size_t chunked_parse_item_count(const ChunkedParse *parse);
/* Stops the workers and returns the CPU time of the busiest one (for reports). */
double chunked_parse_worker_seconds(ChunkedParse *parse);
/* Stops the workers (if still running) and frees everything. */
void chunked_parse_free(ChunkedParse *parse);

#endif
