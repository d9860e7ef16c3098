/* Benchmark of the core model: loading (validating and indexing) a large article, offset
 * conversions, SHA-256, and the edit history on a large annotation set.
 *
 * The article is generated in memory from a few hand-written sentences with multi-byte
 * characters (default 10 MB; the first argument overrides, in MB). Prints one line per figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/annotation.h"
#include "model/article.h"
#include "model/history.h"

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this process: on a shared machine, wall time also counts other programs. */
static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *generate_text(size_t size)
{
	static const char *const sentences[] = {
		"\xe2\x80\x9cThe harbour will reopen on Monday,\xe2\x80\x9d said the mayor, Ines Valdera. ",
		"Mr. Brekke of the U.S. branch called the decision \xe2\x80\x9cpremature\xe2\x80\x9d. ",
		"According to the ministry, 42 ships waited offshore on Jan. 5 \xe2\x80\x94 a record. ",
		"The \xe6\xb8\xaf\xe5\x8f\xa3 authority\xe2\x80\x99s chief said delays cost \xe2\x82\xac" "3 million a day. ",
		"\xe2\x80\x9cNobody listens to the workers!\xe2\x80\x9d he added \xf0\x9f\x9a\xa2.\n\n",
		"Officials at No. 10 declined to comment on the caf\xc3\xa9 owners\xe2\x80\x99 claims. ",
	};
	char *text = malloc(size + 64);
	size_t length = 0, k = 0;
	while (length < size) {
		const char *s = sentences[k++ % (sizeof sentences / sizeof *sentences)];
		size_t n = strlen(s);
		memcpy(text + length, s, n);
		length += n;
	}
	/* Cut at the last paragraph end before `size`: valid UTF-8, whole paragraphs. */
	while (length > size || (length > 2 && text[length - 1] != '\n'))
		length--;
	text[length] = '\0';
	return text;
}

int main(int argc, char **argv)
{
	double megabytes = argc > 1 ? atof(argv[1]) : 10.0;
	size_t size = (size_t)(megabytes * 1e6);
	char *text = generate_text(size);
	size = strlen(text);

	double best = 1e9, best_cpu = 1e9;
	Article *article = NULL;
	for (int round = 0; round < 5; round++) {
		article_free(article);
		Diagnostics diag = {0};
		double start = now_seconds(), start_cpu = cpu_seconds();
		article = article_from_memory("generated.txt", text, size, &diag);
		double elapsed = now_seconds() - start, elapsed_cpu = cpu_seconds() - start_cpu;
		if (elapsed_cpu < best_cpu)
			best_cpu = elapsed_cpu;
		if (!article) {
			diagnostics_print(&diag, stderr);
			return 1;
		}
		if (elapsed < best)
			best = elapsed;
	}
	printf("article load (validate + index) %.1f MB: %.1f ms wall, %.1f ms CPU (best of 5), "
	       "%.0f MB/s; %zu paragraphs, %zu sentences, %zu tokens\n",
	       (double)size / 1e6, best * 1e3, best_cpu * 1e3, (double)size / 1e6 / best,
	       article_paragraph_count(article), article_sentence_count(article),
	       article_token_count(article));

	size_t length = article_length(article), checksum = 0, conversions = 0;
	double start = now_seconds();
	for (size_t cp = 0; cp < length; cp += 13, conversions++)
		checksum += article_cp_of_byte(article, article_byte_of_cp(article, cp));
	double elapsed = now_seconds() - start;
	printf("cp -> byte -> cp: %.0f ns per round trip (%zu round trips, checksum %zu)\n",
	       elapsed * 1e9 / (double)conversions, conversions, checksum % 1000);

	start = now_seconds();
	const char *digest = article_sha256(article);
	printf("sha256: %.1f ms (%.8s...)\n", (now_seconds() - start) * 1e3, digest);

	/* History: 100,000 annotations, 20,000 operations, undone and redone in full. */
	AnnotationSet *set = annotation_set_new(article);
	const Token *tokens = article_tokens(article);
	size_t token_count = article_token_count(article);
	for (size_t i = 0; i < 100000 && i < token_count; i++) {
		char id[24];
		snprintf(id, sizeof id, "a%zu", i + 1);
		const Token *token = &tokens[i * (token_count / 100000 ? token_count / 100000 : 1)];
		Annotation a = {.id = id, .status = STATUS_CANDIDATE,
				.claim = {.present = true, .start = token->start, .end = token->end}};
		annotation_set_append(set, &a);
	}
	size_t operations = 0;
	start = now_seconds();
	for (size_t i = 0; i < 20000; i++) {
		size_t index = (i * 7919) % set->annotation_count;
		operations += i % 3 ? annotation_set_accept(set, index, NULL)
				    : annotation_set_reject(set, index, NULL);
	}
	double doing = now_seconds() - start;
	start = now_seconds();
	while (history_undo(set))
		;
	double undoing = now_seconds() - start;
	start = now_seconds();
	while (history_redo(set))
		;
	double redoing = now_seconds() - start;
	printf("history on %zu annotations: %zu operations %.2f us each; undo all %.2f us per step, "
	       "redo all %.2f us per step\n",
	       set->annotation_count, operations, doing * 1e6 / (double)operations,
	       undoing * 1e6 / (double)operations, redoing * 1e6 / (double)operations);
	/* One bulk step over every annotation (accept-above on a big file). */
	start = now_seconds();
	history_group_begin(set, "reset all");
	size_t bulk = 0;
	for (size_t i = 0; i < set->annotation_count; i++)
		bulk += annotation_set_reset_status(set, i, NULL);
	history_group_end(set);
	double grouping = now_seconds() - start;
	start = now_seconds();
	history_undo(set);
	double bulk_undo = now_seconds() - start;
	printf("one step of %zu changes: %.1f ms to do, %.1f ms to undo\n", bulk, grouping * 1e3,
	       bulk_undo * 1e3);
	annotation_set_free(set); /* frees the article too */
	free(text);
	return 0;
}
