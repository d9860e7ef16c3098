/* How fast `saywho extract` is, with its output written.
 *
 * usage: bench_extract_speed SAYWHO [TRAIN_TEXT_DIR [MEGABYTES]]
 *   SAYWHO          the built saywho binary
 *   TRAIN_TEXT_DIR  news articles (default ../shared/polnear/data/train/text); skipped when absent
 *   MEGABYTES       how much text to push through each measurement (default 50)
 *
 * Three measurements, each reported on its own:
 * 1. start-up, in this process: extract_init() and the first tiny article, then a second one;
 *    and the whole command on a tiny article from standard input (exec, init, write);
 * 2. corpus: the articles, repeated until MEGABYTES, through `saywho extract -j 1 -o DIR` (one
 *    run per repetition into a fresh folder): MB/s of wall and of CPU time (one core), peak RSS;
 * 3. one large file: the articles concatenated until MEGABYTES, in one article: MB/s, and peak
 *    RSS against the input size; then the same in-process, phase by phase (load, extract,
 *    write), to show where the time and the memory go.
 * CPU time and peak RSS are those of the child processes (wait4), so they are the command's. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "model/extract/extract.h"
#include "model/store.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct Corpus {
	char **paths;
	size_t count;
	size_t bytes;
} Corpus;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool read_corpus(const char *dir, Corpus *corpus)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *entry;
	size_t capacity = 0;
	while ((entry = readdir(d))) {
		size_t length = strlen(entry->d_name);
		if (length < 5 || strcmp(entry->d_name + length - 4, ".txt") != 0)
			continue;
		if (corpus->count == capacity) {
			capacity = capacity ? capacity * 2 : 1024;
			corpus->paths = xrealloc(corpus->paths, capacity * sizeof *corpus->paths);
		}
		char *path = xmalloc(strlen(dir) + length + 2);
		sprintf(path, "%s/%s", dir, entry->d_name);
		struct stat info;
		if (stat(path, &info) == 0)
			corpus->bytes += (size_t)info.st_size;
		corpus->paths[corpus->count++] = path;
	}
	closedir(d);
	qsort(corpus->paths, corpus->count, sizeof *corpus->paths, by_name);
	return corpus->count > 0;
}

typedef struct Measure {
	int status;
	double wall, cpu;     /* seconds */
	double system;        /* of cpu: in the kernel (creating and writing the files) */
	long max_rss_kb;
} Measure;

/* Runs argv with standard input from `input` (NULL: /dev/null), output discarded. */
static Measure run(char *const argv[], const char *input)
{
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, input ? input : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	Measure m = { .status = -1 };
	double start = now();
	pid_t pid;
	if (posix_spawn(&pid, argv[0], &actions, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&actions);
		return m;
	}
	posix_spawn_file_actions_destroy(&actions);
	int status;
	struct rusage usage;
	wait4(pid, &status, 0, &usage);
	m.wall = now() - start;
	m.cpu = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
		(double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
	m.system = (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
	m.max_rss_kb = usage.ru_maxrss;
	m.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return m;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
	(void)info;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void startup(const char *saywho, const char *scratch)
{
	const char tiny[] = "\"It is fine,\" the minister said.\n";
	double t0 = now();
	extract_init();
	double t1 = now();
	AnnotationSet *set = extract_article(article_from_memory("tiny", tiny, sizeof tiny - 1, NULL));
	double t2 = now();
	annotation_set_free(set);
	set = extract_article(article_from_memory("tiny", tiny, sizeof tiny - 1, NULL));
	double t3 = now();
	annotation_set_free(set);
	printf("start-up: extract_init %.1f us, first tiny article %.1f us, second %.1f us\n",
	       (t1 - t0) * 1e6, (t2 - t1) * 1e6, (t3 - t2) * 1e6);

	char input[4096];
	snprintf(input, sizeof input, "%s/tiny.txt", scratch);
	FILE *f = fopen(input, "w");
	fputs(tiny, f);
	fclose(f);
	char *argv[] = { (char *)saywho, "extract", "-", NULL };
	double best = 1e9;
	for (int i = 0; i < 5; i++) {
		Measure m = run(argv, input);
		if (m.wall < best)
			best = m.wall;
	}
	printf("start-up: whole command on a tiny article from stdin (best of 5): %.2f ms\n", best * 1e3);
}

static int corpus_runs(const char *saywho, const Corpus *corpus, double megabytes, const char *scratch)
{
	size_t repetitions = (size_t)(megabytes * 1e6 / (double)corpus->bytes) + 1;
	char **argv = xcalloc(corpus->count + 8, sizeof *argv);
	char out[4096];
	argv[0] = (char *)saywho;
	argv[1] = "extract";
	argv[2] = "-q";
	argv[3] = "-j";
	argv[4] = "1";
	argv[5] = "-o";
	argv[6] = out;
	for (size_t i = 0; i < corpus->count; i++)
		argv[7 + i] = corpus->paths[i];
	double wall = 0, cpu = 0, system = 0;
	long rss = 0;
	int failures = 0;
	for (size_t r = 0; r < repetitions; r++) {
		snprintf(out, sizeof out, "%s/corpus-%zu", scratch, r);
		Measure m = run(argv, NULL);
		failures += m.status != 0;
		wall += m.wall;
		cpu += m.cpu;
		system += m.system;
		if (m.max_rss_kb > rss)
			rss = m.max_rss_kb;
	}
	/* Removed only now: creating files where thousands were just deleted costs ext4 a scan
	 * for recently deleted inodes that a real first run does not pay. */
	for (size_t r = 0; r < repetitions; r++) {
		snprintf(out, sizeof out, "%s/corpus-%zu", scratch, r);
		nftw(out, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	double mb = (double)corpus->bytes * (double)repetitions / 1e6;
	printf("corpus: %zu articles x %zu = %.1f MB, -j 1, files written: %.2f s wall, %.2f s CPU "
	       "(%.2f s user, %.2f s system); %.1f MB/s wall, %.1f MB/s per core (CPU); peak RSS "
	       "%.1f MB%s\n",
	       corpus->count, repetitions, mb, wall, cpu, cpu - system, system, mb / wall, mb / cpu,
	       (double)rss / 1024.0,
	       failures ? " (SOME RUNS FAILED)" : "");
	free(argv);
	return failures ? 1 : 0;
}

/* CPU time of this process: the machine may be shared, the phases are compared by work. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_mb(void)
{
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return (double)usage.ru_maxrss / 1024.0;
}

/* Where the time and memory of one large article go, in a child process of its own: loading
 * (text and indexes), extracting, writing. Peak RSS after each phase. */
static void phases(const char *article_path, const char *out, size_t size)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0) {
		waitpid(pid, NULL, 0);
		return;
	}
	double base = peak_mb(), t0 = cpu_now();
	Article *article = article_load(article_path, NULL);
	double t1 = cpu_now(), after_load = peak_mb();
	AnnotationSet *set = extract_article(article);
	double t2 = cpu_now(), after_extract = peak_mb();
	char path[4096 + 32];
	snprintf(path, sizeof path, "%s/phases.saywho.yaml", out);
	set->document_inline = false;
	set->document_path = xstrdup("large.txt");
	StoreSaveOptions options = { .no_sync = true };
	bool saved = store_save_with(set, path, &options, NULL);
	double t3 = cpu_now(), after_save = peak_mb();
	double mb = (double)size / 1e6;
	printf("one file, phases in-process, CPU time (%zu candidates%s): load %.2f s (%.0f MB/s), extract %.2f s "
	       "(%.1f MB/s), write %.2f s (%.0f MB/s); peak RSS above start after load %.0f MB (%.2f x), "
	       "extract %.0f MB (%.2f x), write %.0f MB (%.2f x)\n",
	       set->annotation_count, saved ? "" : ", SAVE FAILED", t1 - t0, mb / (t1 - t0), t2 - t1,
	       mb / (t2 - t1), t3 - t2, mb / (t3 - t2), after_load - base, (after_load - base) / mb,
	       after_extract - base, (after_extract - base) / mb, after_save - base,
	       (after_save - base) / mb);
	fflush(stdout);
	_exit(0);
}

static int large_file(const char *saywho, const Corpus *corpus, double megabytes, const char *scratch)
{
	char big[4096], out[4096];
	snprintf(big, sizeof big, "%s/large.txt", scratch);
	snprintf(out, sizeof out, "%s/large-out", scratch);
	FILE *f = fopen(big, "w");
	if (!f)
		return 1;
	size_t written = 0;
	while ((double)written < megabytes * 1e6) {
		for (size_t i = 0; i < corpus->count && (double)written < megabytes * 1e6; i++) {
			FILE *in = fopen(corpus->paths[i], "r");
			if (!in)
				continue;
			char chunk[65536];
			size_t got;
			while ((got = fread(chunk, 1, sizeof chunk, in)) > 0)
				written += fwrite(chunk, 1, got, f);
			fclose(in);
			written += (size_t)fprintf(f, "\n\n");
		}
	}
	fclose(f);
	char *argv[] = { (char *)saywho, "extract", "-q", "-o", out, big, NULL };
	Measure m = run(argv, NULL);
	phases(big, out, written);
	struct stat info;
	char yaml[4096 + 32];
	snprintf(yaml, sizeof yaml, "%s/large.saywho.yaml", out);
	long long yaml_size = stat(yaml, &info) == 0 ? (long long)info.st_size : -1;
	double mb = (double)written / 1e6;
	printf("one file: %.1f MB in one article, files written (%.1f MB of YAML): %.2f s wall, %.2f s CPU "
	       "(%.2f s system); "
	       "%.1f MB/s wall, %.1f MB/s per core (CPU); peak RSS %.1f MB = %.2f x the input%s\n",
	       mb, (double)yaml_size / 1e6, m.wall, m.cpu, m.system, mb / m.wall, mb / m.cpu,
	       (double)m.max_rss_kb / 1024.0, (double)m.max_rss_kb * 1024.0 / (double)written,
	       m.status ? " (FAILED)" : "");
	return m.status ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SAYWHO [TRAIN_TEXT_DIR [MEGABYTES]]\n", argv[0]);
		return 2;
	}
	const char *saywho = argv[1];
	const char *dir = argc > 2 ? argv[2] : "../shared/polnear/data/train/text";
	double megabytes = argc > 3 ? atof(argv[3]) : 50.0;
	Corpus corpus = {0};
	if (!read_corpus(dir, &corpus)) {
		printf("skipped: %s not found\n", dir);
		return 77;
	}
	char scratch[] = "/tmp/saywho-bench-XXXXXX";
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 1;
	}
	printf("input: %zu articles, %.2f MB (%s)\n", corpus.count, (double)corpus.bytes / 1e6, dir);
	startup(saywho, scratch);
	int failed = corpus_runs(saywho, &corpus, megabytes, scratch);
	failed |= large_file(saywho, &corpus, megabytes, scratch);
	nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	for (size_t i = 0; i < corpus.count; i++)
		free(corpus.paths[i]);
	free(corpus.paths);
	return failed;
}
