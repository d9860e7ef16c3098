/* How fast the engine is on its own, in one process and one thread, with the output written.
 *
 * usage: bench_engine_speed [TEXT_DIR [MEGABYTES]]
 *   TEXT_DIR   news articles (default ../shared/polnear/data/train/text); skipped when absent
 *   MEGABYTES  how much text to push through (default 50): the articles, repeated
 * Reports start-up (extract_init and a first tiny article), then MB/s of article text through
 * article_from_memory + extract_article + store_write (to /dev/null), CPU time of this process,
 * and the peak resident memory against the largest single input. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "model/article.h"
#include "model/extract/extract.h"
#include "model/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
	       (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
}

typedef struct Text {
	char *bytes;
	size_t size;
} Text;

static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *bytes = malloc((size_t)n + 1);
	if (!bytes || fread(bytes, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(bytes);
		return NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return bytes;
}

/* CPU seconds of this thread: each phase of an article is timed apart. */
static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds spent in each phase: loading the article (validation, indexes), the engine,
 * writing the YAML, freeing. */
typedef struct Phases {
	double load, extract, write, free;
} Phases;

static void run_one(const char *name, const char *bytes, size_t size, FILE *sink, Phases *phases)
{
	Diagnostics diag = {0};
	double t0 = thread_cpu();
	Article *article = article_from_memory(name, bytes, size, &diag);
	if (!article) {
		diagnostics_print(&diag, stderr);
		diagnostics_free(&diag);
		return;
	}
	double t1 = thread_cpu();
	AnnotationSet *set = extract_article(article);
	double t2 = thread_cpu();
	set->document_path = strdup(name);
	store_write(set, sink, name, &diag);
	double t3 = thread_cpu();
	annotation_set_free(set);
	diagnostics_free(&diag);
	double t4 = thread_cpu();
	if (phases) {
		phases->load += t1 - t0;
		phases->extract += t2 - t1;
		phases->write += t3 - t2;
		phases->free += t4 - t3;
	}
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/polnear/data/train/text";
	double megabytes = argc > 2 ? atof(argv[2]) : 50.0;
	DIR *d = opendir(dir);
	if (!d) {
		printf("skipped: %s not found\n", dir);
		return 77;
	}
	Text *texts = NULL;
	size_t count = 0, capacity = 0, corpus = 0, largest = 0;
	struct dirent *entry;
	while ((entry = readdir(d))) {
		size_t n = strlen(entry->d_name);
		if (n < 5 || strcmp(entry->d_name + n - 4, ".txt") != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
		size_t size;
		char *bytes = read_file(path, &size);
		if (!bytes)
			continue;
		if (count == capacity) {
			capacity = capacity ? capacity * 2 : 256;
			texts = realloc(texts, capacity * sizeof *texts);
		}
		texts[count++] = (Text){bytes, size};
		corpus += size;
		largest = size > largest ? size : largest;
	}
	closedir(d);
	if (!count) {
		printf("skipped: no articles in %s\n", dir);
		return 77;
	}
	FILE *sink = fopen("/dev/null", "w");

	/* Start-up: the engine's own (init, first article) apart from the first article load and
	 * YAML write, which pay one-time library costs (OpenSSL's SHA-256 set-up, libyaml). */
	const char tiny[] = "“We will win,” she said.\n";
	Diagnostics diag = {0};
	Article *first = article_from_memory("tiny", tiny, sizeof tiny - 1, &diag);
	double t0 = now();
	extract_init();
	double t1 = now();
	AnnotationSet *set = extract_article(first);
	double t2 = now();
	annotation_set_free(set);
	double t3 = now();
	run_one("tiny", tiny, sizeof tiny - 1, sink, NULL);
	double t4 = now();
	printf("start-up: extract_init %.1f us; first extract_article (tiny article) %.1f us; "
	       "load + extract + YAML write of a tiny article %.1f us (first time: library set-up)\n",
	       (t1 - t0) * 1e6, (t2 - t1) * 1e6, (t4 - t3) * 1e6);

	struct rusage before;
	getrusage(RUSAGE_SELF, &before);
	size_t target = (size_t)(megabytes * 1e6), done = 0, articles = 0;
	double c0 = cpu_seconds(), w0 = now();
	Phases phases = {0};
	while (done < target)
		for (size_t i = 0; i < count && done < target; i++) {
			run_one("article", texts[i].bytes, texts[i].size, sink, &phases);
			done += texts[i].size;
			articles++;
		}
	double w1 = now(), c1 = cpu_seconds();
	struct rusage after;
	getrusage(RUSAGE_SELF, &after);
	printf("corpus: %zu articles (%.1f MB, %zu distinct, %.1f MB) in %.2f s wall, %.2f s CPU: "
	       "%.1f MB/s wall, %.1f MB/s per core\n", articles, (double)done / 1e6, count, (double)corpus / 1e6,
	       w1 - w0, c1 - c0, (double)done / 1e6 / (w1 - w0), (double)done / 1e6 / (c1 - c0));
	double mb = (double)done / 1e6;
	printf("corpus phases, CPU: load %.2f s (%.0f MB/s), engine %.2f s (%.1f MB/s), YAML write "
	       "%.2f s (%.1f MB/s), free %.2f s; load + engine: %.1f MB/s per core\n",
	       phases.load, mb / phases.load, phases.extract, mb / phases.extract, phases.write,
	       mb / phases.write, phases.free, mb / (phases.load + phases.extract));
	printf("memory: peak RSS %.1f MB (the corpus held in memory for the run: %.1f MB; largest "
	       "article %.1f KB)\n", (double)after.ru_maxrss / 1024.0, (double)corpus / 1e6, (double)largest / 1e3);

	/* one large article: the articles joined, to see memory against the input */
	size_t big_size = corpus < (size_t)(10e6) ? corpus : (size_t)10e6;
	char *big = malloc(big_size + 1);
	size_t at = 0;
	for (size_t i = 0; i < count && at < big_size; i++) {
		size_t n = texts[i].size < big_size - at ? texts[i].size : big_size - at;
		memcpy(big + at, texts[i].bytes, n);
		at += n;
	}
	while (at > 0 && ((unsigned char)big[at - 1] & 0xC0) == 0x80)
		at--; /* never cut a character */
	if (at > 0 && (unsigned char)big[at - 1] >= 0xC0)
		at--;
	double b0 = now();
	run_one("big", big, at, sink, NULL);
	double b1 = now();
	struct rusage big_usage;
	getrusage(RUSAGE_SELF, &big_usage);
	printf("one article of %.1f MB: %.2f s, %.1f MB/s; peak RSS %.1f MB (%.1fx the input, the "
	       "corpus in memory included)\n", (double)at / 1e6, b1 - b0, (double)at / 1e6 / (b1 - b0),
	       (double)big_usage.ru_maxrss / 1024.0, (double)big_usage.ru_maxrss * 1024.0 / (double)at);
	free(big);
	fclose(sink);
	for (size_t i = 0; i < count; i++)
		free(texts[i].bytes);
	free(texts);
	return 0;
}
