/* Benchmark of the YAML store against libyaml itself, on a generated 100,000-annotation file.
 *
 *   bench_store [ANNOTATIONS [DIR]]   (default 100000: a ~10 MB article and a ~45 MB file;
 *                                      with DIR the files are made there and kept)
 *
 * Each phase runs in its own child process, so that its peak memory is its own:
 *   raw parse   libyaml's event parser over the file, events only        (MB of file / s)
 *   raw emit    libyaml's emitter writing the same events to a file      (MB written / s)
 *   load        store_load: the article, every check, the model          (MB of file / s)
 *   write       store_write of the loaded model to a file                (MB written / s)
 *   save        store_save: the same, atomic (temporary file, fsync, rename)
 * and the peak resident memory of the load (getrusage ru_maxrss) against the file size.
 * Targets (issue 2): load >= 50 % of raw parse, write >= 50 % of raw emit, peak < 3x the file.
 * store_load parses a big file's annotation list in threads: the load target is judged on a
 * serial load (parse_threads 1: the loader against libyaml, thread for thread); the default
 * load is reported beside it with the CPU time of all its threads, its critical path (the
 * busier thread: the wall time on an idle machine) and its wall-clock time.
 * Exit status 0 when every target holds, 1 when one does not. Timings: CPU time, best of 5
 * runs, raw and store runs alternating so that both see the same load on the machine.
 * Without DIR the files are made in a temporary folder, removed at the end. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "model/store.h"

enum { RUNS = 5 };

/* CPU time of the process: the machine may be busy with other work, and every phase but the
 * fsync of store_save is CPU-bound, so this compares like with like. */
static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double wall_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double file_mb(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0.0;
}

static double peak_rss_mb(void)
{
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return (double)usage.ru_maxrss * 1024.0 / 1e6; /* Linux: kilobytes */
}

static void die(const char *what)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, errno ? strerror(errno) : "failed");
	exit(2);
}

static void die_diagnostics(const char *what, Diagnostics *diag)
{
	diagnostics_print(diag, stderr);
	errno = 0;
	die(what);
}

static char *path_in(const char *dir, const char *name)
{
	size_t size = strlen(dir) + strlen(name) + 2;
	char *path = xmalloc(size);
	snprintf(path, size, "%s/%s", dir, name);
	return path;
}

/* ---- generation: an article of sentences, and annotations on it ---- */

static uint64_t random_state = 0x9E3779B97F4A7C15u;

static uint32_t random_below(uint32_t n)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return (uint32_t)(random_state % n);
}

static const char *const words[] = {
	"the", "minister", "said", "that", "government", "would", "not", "accept", "claims",
	"about", "cyberattacks", "on", "Microsoft", "Exchange", "servers", "café", "naïve",
	"officials", "北京", "spokesman", "Zhao", "Lijian", "embassy", "in", "United", "Kingdom",
	"accused", "China", "of", "hacking", "and", "stressed", "its", "position", "résumé",
	"report", "—", "added", "urged", "allies", "to", "stop", "東京", "Amélie", "data",
	"security", "initiative", "was", "groundless", "“sheer", "slander”", "fabrication", "👍",
};
static const char *const labels[] = { "accusation", "denial", "statistic", "demand", "position",
				      "other" };
static const char *const statuses[] = { "accepted", "accepted", "corrected", "rejected",
					"candidate" };
static const char *const kinds[] = { "direct", "indirect", "mixed" };

static void write_article(const char *path, size_t target_bytes, char **text_out,
			  size_t **cp_bytes_out, size_t *length_out)
{
	char *text = xmalloc(target_bytes + 256);
	size_t n = 0, in_sentence = 0, sentences = 0;
	while (n < target_bytes) {
		const char *word = words[random_below(sizeof words / sizeof words[0])];
		size_t length = strlen(word);
		memcpy(text + n, word, length);
		n += length;
		if (++in_sentence < 8 + random_below(14)) {
			text[n++] = ' ';
			continue;
		}
		in_sentence = 0;
		text[n++] = '.';
		text[n++] = ++sentences % 6 ? ' ' : '\n';
	}
	text[n++] = '\n';
	text[n] = '\0';
	FILE *out = fopen(path, "w");
	if (!out || fwrite(text, 1, n, out) != n || fclose(out) != 0)
		die(path);
	size_t *cp_bytes = xmalloc((n + 1) * sizeof *cp_bytes);
	size_t length = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			cp_bytes[length++] = i;
	cp_bytes[length] = n;
	*text_out = text;
	*cp_bytes_out = cp_bytes;
	*length_out = length;
}

static void write_quoted(FILE *out, const char *text, size_t size)
{
	putc('"', out);
	for (size_t i = 0; i < size; i++) {
		char c = text[i];
		if (c == '\n')
			fputs("\\n", out);
		else if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static void write_span(FILE *out, const char *key, const char *text, const size_t *cp_bytes,
		       size_t start, size_t end, unsigned ref)
{
	fprintf(out, "  %s: {start: %zu, end: %zu, text: ", key, start, end);
	write_quoted(out, text + cp_bytes[start], cp_bytes[end] - cp_bytes[start]);
	if (ref)
		fprintf(out, ", ref: speaker-%u", ref);
	fputs("}\n", out);
}

/* Writes article.txt and generated.yaml (our layout, but every text double-quoted). */
static void generate(const char *dir, unsigned count)
{
	char *article_path = path_in(dir, "article.txt");
	char *text;
	size_t *cp_bytes, length;
	write_article(article_path, (size_t)count * 100, &text, &cp_bytes, &length);
	Diagnostics diag = {0};
	Article *article = article_load(article_path, &diag);
	if (!article)
		die_diagnostics("the article", &diag);

	char *yaml_path = path_in(dir, "generated.yaml");
	FILE *out = fopen(yaml_path, "w");
	if (!out)
		die(yaml_path);
	fprintf(out, "saywho: 1\ndocument:\n  path: article.txt\n  id: bench\n  length: %zu\n"
		     "  sha256: %s\nengine: {name: rules, version: 0.1.0}\nannotator: bench\n"
		     "labels: [accusation, denial, statistic, demand, position, other]\nspeakers:\n",
		length, article_sha256(article));
	enum { SPEAKERS = 2000 };
	for (unsigned i = 1; i <= SPEAKERS; i++)
		fprintf(out, "- id: speaker-%u\n  name: Speaker Number %u\n  type: %s\n", i, i,
			i % 3 ? "person" : "organization");
	fputs("annotations:\n", out);
	size_t spacing = (length - 600) / count;
	for (unsigned i = 0; i < count; i++) {
		size_t claim_start = i * spacing + random_below(40);
		size_t claim_end = claim_start + 110 + random_below(120);
		size_t cue_start = claim_end + 2 + random_below(4);
		size_t cue_end = cue_start + 4 + random_below(4);
		size_t speaker_start = cue_end + 1;
		size_t speaker_end = speaker_start + 8 + random_below(24);
		fprintf(out, "- id: a%u\n  status: %s\n  kind: %s\n", i + 1,
			statuses[random_below(5)], kinds[random_below(3)]);
		write_span(out, "speaker", text, cp_bytes, speaker_start, speaker_end,
			   1 + random_below(SPEAKERS));
		write_span(out, "cue", text, cp_bytes, cue_start, cue_end, 0);
		write_span(out, "claim", text, cp_bytes, claim_start, claim_end, 0);
		fprintf(out, "  label: %s\n  confidence: 0.%02u\n", labels[random_below(6)],
			random_below(100));
		if (i % 5 == 0)
			fputs("  note: checked against the wire copy; the “quote” is split\n", out);
	}
	if (fclose(out) != 0)
		die(yaml_path);
	article_free(article);
	free(text);
	free(cp_bytes);
	free(article_path);
	free(yaml_path);
}

/* The file every measurement uses: the generated one as the store writes it. */
static void canonicalise(const char *dir)
{
	char *generated = path_in(dir, "generated.yaml"), *bench = path_in(dir, "bench.yaml");
	Diagnostics diag = {0};
	AnnotationSet *set = store_load(generated, NULL, &diag);
	if (!set || !store_save(set, bench, &diag))
		die_diagnostics("canonicalising the generated file", &diag);
	annotation_set_free(set);
	unlink(generated);
	free(generated);
	free(bench);
}

/* ---- raw libyaml ---- */

static double raw_parse(const char *path, size_t *event_count)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		die(path);
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	double start = now_seconds();
	size_t count = 0;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			die("raw parse");
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		count++;
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	double seconds = now_seconds() - start;
	yaml_parser_delete(&parser);
	fclose(in);
	*event_count = count;
	return seconds;
}

/* Events kept compactly for re-emitting: scalar texts in one arena. */
typedef struct StoredEvent {
	yaml_event_type_t type;
	int style;
	size_t offset, length; /* scalar text in the arena */
} StoredEvent;

typedef struct EventList {
	StoredEvent *events;
	size_t count, capacity;
	char *arena;
	size_t arena_size, arena_capacity;
} EventList;

static void read_events(const char *path, EventList *list)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		die(path);
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			die("parse");
		if (list->count == list->capacity) {
			list->capacity = list->capacity ? list->capacity * 2 : 1024;
			list->events = xrealloc(list->events, list->capacity * sizeof *list->events);
		}
		StoredEvent *stored = &list->events[list->count++];
		*stored = (StoredEvent){ .type = event.type };
		if (event.type == YAML_SCALAR_EVENT) {
			size_t length = event.data.scalar.length;
			if (list->arena_size + length > list->arena_capacity) {
				list->arena_capacity = (list->arena_capacity + length) * 2;
				list->arena = xrealloc(list->arena, list->arena_capacity);
			}
			memcpy(list->arena + list->arena_size, event.data.scalar.value, length);
			stored->offset = list->arena_size;
			stored->length = length;
			stored->style = event.data.scalar.style;
			list->arena_size += length;
		} else if (event.type == YAML_SEQUENCE_START_EVENT) {
			stored->style = event.data.sequence_start.style;
		} else if (event.type == YAML_MAPPING_START_EVENT) {
			stored->style = event.data.mapping_start.style;
		}
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	fclose(in);
}

/* Emits the events with the store's emitter settings; returns the seconds it took. */
static double raw_emit(const EventList *list, const char *out_path)
{
	FILE *out = fopen(out_path, "w");
	if (!out)
		die(out_path);
	yaml_emitter_t emitter;
	yaml_emitter_initialize(&emitter);
	yaml_emitter_set_output_file(&emitter, out);
	yaml_emitter_set_unicode(&emitter, 1);
	yaml_emitter_set_width(&emitter, -1);
	yaml_emitter_set_indent(&emitter, 2);
	double start = now_seconds();
	for (size_t i = 0; i < list->count; i++) {
		const StoredEvent *s = &list->events[i];
		yaml_event_t event;
		int ok = 0;
		switch (s->type) {
		case YAML_STREAM_START_EVENT:
			ok = yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
			break;
		case YAML_STREAM_END_EVENT: ok = yaml_stream_end_event_initialize(&event); break;
		case YAML_DOCUMENT_START_EVENT:
			ok = yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
			break;
		case YAML_DOCUMENT_END_EVENT: ok = yaml_document_end_event_initialize(&event, 1); break;
		case YAML_SCALAR_EVENT:
			ok = yaml_scalar_event_initialize(&event, NULL, NULL,
							  (yaml_char_t *)list->arena + s->offset,
							  (int)s->length, 1, 1,
							  (yaml_scalar_style_t)s->style);
			break;
		case YAML_SEQUENCE_START_EVENT:
			ok = yaml_sequence_start_event_initialize(&event, NULL, NULL, 1,
								  (yaml_sequence_style_t)s->style);
			break;
		case YAML_SEQUENCE_END_EVENT: ok = yaml_sequence_end_event_initialize(&event); break;
		case YAML_MAPPING_START_EVENT:
			ok = yaml_mapping_start_event_initialize(&event, NULL, NULL, 1,
								 (yaml_mapping_style_t)s->style);
			break;
		case YAML_MAPPING_END_EVENT: ok = yaml_mapping_end_event_initialize(&event); break;
		default: continue;
		}
		if (!ok || !yaml_emitter_emit(&emitter, &event))
			die("raw emit");
	}
	if (!yaml_emitter_flush(&emitter) || fflush(out) != 0)
		die("raw emit flush");
	double seconds = now_seconds() - start;
	yaml_emitter_delete(&emitter);
	fclose(out);
	return seconds;
}

/* ---- phases (each in a child; results as "name value" lines on stdout) ---- */

static double best_of(double a, double b)
{
	return a < b ? a : b;
}

/* One store_load: CPU seconds (all threads), and the wall seconds in *wall. threads: the
 * StoreLoadOptions.parse_threads (0 automatic: the list in parallel; 1 serial). */
static double timed_load(const char *path, unsigned threads, size_t *annotations, double *wall,
			 StoreLoadReport *report)
{
	Diagnostics diag = {0};
	StoreLoadOptions options = { .parse_threads = threads, .report = report };
	double start = now_seconds(), wall_start = wall_seconds();
	AnnotationSet *set = store_load(path, &options, &diag);
	double seconds = now_seconds() - start;
	*wall = wall_seconds() - wall_start;
	if (!set)
		die_diagnostics("store_load", &diag);
	*annotations = set->annotation_count;
	annotation_set_free(set);
	diagnostics_free(&diag);
	return seconds;
}

/* Raw parse and store_load, alternately, so that both see the same machine load. */
static void phase_parse_load(const char *dir)
{
	char *path = path_in(dir, "bench.yaml"), *article_path = path_in(dir, "article.txt");
	double baseline = peak_rss_mb();
	size_t annotations = 0, events = 0;
	/* The peak of one load in a fresh process is what a user sees: take it before the
	 * other runs (whose freed memory the allocator may not reuse as tightly). */
	double wall, best_wall, serial_wall, best_serial_wall = 1e30;
	StoreLoadReport report;
	double best_load = timed_load(path, 0, &annotations, &best_wall, &report);
	/* The longer of the loading thread and the busiest worker: the wall-clock time on an idle
	 * machine, near enough (the best run). */
	double best_path = report.loader_seconds > report.worker_seconds ? report.loader_seconds
									 : report.worker_seconds;
	double peak = peak_rss_mb();
	double best_parse = raw_parse(path, &events);
	double best_serial = 1e30;
	for (int run = 1; run < RUNS; run++) {
		best_load = best_of(best_load, timed_load(path, 0, &annotations, &wall, &report));
		best_wall = best_of(best_wall, wall);
		best_path = best_of(best_path, report.loader_seconds > report.worker_seconds
						   ? report.loader_seconds : report.worker_seconds);
		best_parse = best_of(best_parse, raw_parse(path, &events));
		best_serial = best_of(best_serial, timed_load(path, 1, &annotations, &serial_wall, NULL));
		best_serial_wall = best_of(best_serial_wall, serial_wall);
	}
	double best_article = 1e30;
	for (int run = 0; run < RUNS; run++) {
		Diagnostics diag = {0};
		double start = now_seconds();
		Article *article = article_load(article_path, &diag);
		best_article = best_of(best_article, now_seconds() - start);
		article_free(article);
		diagnostics_free(&diag);
	}
	printf("parse_seconds %f\nevents %zu\nload_seconds %f\narticle_seconds %f\n"
	       "annotations %zu\npeak_mb %f\nbaseline_mb %f\nload_wall %f\nserial_seconds %f\n"
	       "serial_wall %f\nchunks %zu\ncritical_path %f\n",
	       best_parse, events, best_load, best_article, annotations, peak, baseline, best_wall,
	       best_serial, best_serial_wall, report.parallel ? report.chunks : 0, best_path);
	free(path);
	free(article_path);
}

/* Raw emit and store_write, alternately; then store_save. */
static void phase_emit_write(const char *dir)
{
	char *path = path_in(dir, "bench.yaml"), *raw_path = path_in(dir, "raw-emit.yaml"),
	     *out_path = path_in(dir, "written.yaml");
	EventList list = {0};
	read_events(path, &list);
	Diagnostics diag = {0};
	AnnotationSet *set = store_load(path, NULL, &diag);
	if (!set)
		die_diagnostics("store_load", &diag);
	double best_emit = 1e30, best_write = 1e30, best_save = 1e30;
	for (int run = 0; run < RUNS; run++) {
		best_emit = best_of(best_emit, raw_emit(&list, raw_path));
		FILE *out = fopen(out_path, "w");
		if (!out)
			die(out_path);
		double start = now_seconds();
		if (!store_write(set, out, out_path, &diag))
			die_diagnostics("store_write", &diag);
		best_write = best_of(best_write, now_seconds() - start);
		fclose(out);
	}
	double emit_mb = file_mb(raw_path);
	for (int run = 0; run < RUNS; run++) {
		double start = wall_seconds();
		if (!store_save(set, out_path, &diag))
			die_diagnostics("store_save", &diag);
		best_save = best_of(best_save, wall_seconds() - start);
	}
	/* The file is stable: what the store writes is what it read. */
	FILE *a = fopen(path, "rb"), *b = fopen(out_path, "rb");
	int ca, cb, identical = 1;
	do {
		ca = getc(a);
		cb = getc(b);
		identical &= ca == cb;
	} while (identical && ca != EOF);
	fclose(a);
	fclose(b);
	printf("emit_seconds %f\nemit_mb %f\nwrite_seconds %f\nsave_seconds %f\nwrite_mb %f\n"
	       "identical %d\n",
	       best_emit, emit_mb, best_write, best_save, file_mb(out_path), identical);
	unlink(raw_path);
	unlink(out_path);
	annotation_set_free(set);
	diagnostics_free(&diag);
	free(list.events);
	free(list.arena);
	free(path);
	free(raw_path);
	free(out_path);
}

/* ---- the orchestrator ---- */

typedef struct Results {
	char names[32][32];
	double values[32];
	size_t count;
} Results;

static double result(const Results *r, const char *name)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->names[i], name) == 0)
			return r->values[i];
	fprintf(stderr, "bench_store: no result '%s'\n", name);
	exit(2);
}

/* Runs a phase in a child process and collects its "name value" lines. */
static void run_phase(void (*phase)(const char *), const char *dir, Results *results)
{
	int pipe_fds[2];
	if (pipe(pipe_fds) != 0)
		die("pipe");
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(pipe_fds[0]);
		dup2(pipe_fds[1], STDOUT_FILENO);
		phase(dir);
		fflush(stdout);
		_exit(0);
	}
	close(pipe_fds[1]);
	FILE *in = fdopen(pipe_fds[0], "r");
	char name[32];
	double value;
	while (results->count < 32 && fscanf(in, "%31s %lf", name, &value) == 2) {
		snprintf(results->names[results->count], sizeof results->names[0], "%s", name);
		results->values[results->count++] = value;
	}
	fclose(in);
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_store: a phase failed\n");
		exit(2);
	}
}

static unsigned generate_count;

static void phase_generate(const char *dir)
{
	generate(dir, generate_count);
	canonicalise(dir);
}

static void remove_folder(const char *dir)
{
	static const char *const names[] = { "article.txt", "bench.yaml", "generated.yaml",
					     "raw-emit.yaml", "written.yaml" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = path_in(dir, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

int main(int argc, char **argv)
{
	generate_count = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100000;
	if (generate_count < 10) {
		fprintf(stderr, "usage: bench_store [ANNOTATIONS >= 10]\n");
		return 2;
	}
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	bool keep = argc > 2;
	if (keep) {
		snprintf(dir, sizeof dir, "%s", argv[2]);
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			die(dir);
	} else {
		snprintf(dir, sizeof dir, "%s/saywho-bench-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			die("mkdtemp");
	}

	Results r = {0};
	double start = wall_seconds();
	run_phase(phase_generate, dir, &r);
	printf("generated %u annotations in %.1f s (%s)\n", generate_count, wall_seconds() - start,
	       dir);
	char *bench = path_in(dir, "bench.yaml"), *article = path_in(dir, "article.txt");
	double yaml_mb = file_mb(bench), article_mb = file_mb(article);
	free(bench);
	free(article);
	run_phase(phase_parse_load, dir, &r);
	run_phase(phase_emit_write, dir, &r);
	if (!keep)
		remove_folder(dir);

	double parse = yaml_mb / result(&r, "parse_seconds");
	double emit = result(&r, "emit_mb") / result(&r, "emit_seconds");
	double load = yaml_mb / result(&r, "load_seconds");
	/* The target compares the loader with libyaml thread for thread: the serial load. */
	double serial = yaml_mb / result(&r, "serial_seconds");
	double by_path = yaml_mb / result(&r, "critical_path");
	double write = result(&r, "write_mb") / result(&r, "write_seconds");
	double save = result(&r, "write_mb") / result(&r, "save_seconds");
	double peak = result(&r, "peak_mb");
	bool load_ok = serial >= 0.5 * parse, write_ok = write >= 0.5 * emit,
	     memory_ok = peak < 3.0 * yaml_mb, stable = result(&r, "identical") == 1.0;

	printf("\nfile: %.1f MB YAML, %.0f annotations, %.0f events; article: %.1f MB\n", yaml_mb,
	       result(&r, "annotations"), result(&r, "events"), article_mb);
	printf("%-34s %9s %9s %9s\n", "", "CPU s", "MB/s", "vs raw");
	printf("%-34s %9.3f %9.1f\n", "raw libyaml parse (events only)", result(&r, "parse_seconds"),
	       parse);
	printf("%-34s %9.3f %9.1f %8.0f%%  %s (target >= 50%%)\n", "store_load serial (parse_threads 1)",
	       result(&r, "serial_seconds"), serial, 100.0 * serial / parse, load_ok ? "ok" : "MISSED");
	printf("%-34s %9.3f\n", "  of which article_load (alone)", result(&r, "article_seconds"));
	printf("%-34s %9.3f  (serial)\n", "  wall-clock", result(&r, "serial_wall"));
	printf("%-34s %9.3f %9.1f %8.0f%%  (the list in %.0f chunks, %ld processors online)\n",
	       "store_load (default: threads), CPU", result(&r, "load_seconds"), load,
	       100.0 * load / parse, result(&r, "chunks"), sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-34s %9.3f %9.1f %8.0f%%  (the busier of the loading thread and the workers:\n"
	       "%-34s                               the wall time on an idle machine)\n",
	       "  critical path", result(&r, "critical_path"), by_path, 100.0 * by_path / parse, "");
	printf("%-34s %9.3f\n", "  wall-clock", result(&r, "load_wall"));
	printf("%-34s %9.3f %9.1f\n", "raw libyaml emit (same events)", result(&r, "emit_seconds"),
	       emit);
	printf("%-34s %9.3f %9.1f %8.0f%%  %s (target >= 50%%)\n", "store_write (to a file)",
	       result(&r, "write_seconds"), write, 100.0 * write / emit, write_ok ? "ok" : "MISSED");
	printf("%-34s %9.3f %9.1f %8.0f%%\n", "store_save (atomic, fsync; wall)", result(&r, "save_seconds"),
	       save, 100.0 * save / emit);
	printf("peak memory of the load: %.1f MB = %.2fx the file (baseline %.1f MB)  %s (target < 3x)\n",
	       peak, peak / yaml_mb, result(&r, "baseline_mb"), memory_ok ? "ok" : "MISSED");
	printf("saved file identical to the loaded one: %s\n", stable ? "yes" : "NO");
	double load_average[3];
	if (getloadavg(load_average, 3) == 3)
		printf("machine load average %.2f %.2f %.2f (wall times stretch when it is above the "
		       "processor count)\n", load_average[0], load_average[1], load_average[2]);
	return load_ok && write_ok && memory_ok && stable ? 0 : 1;
}
