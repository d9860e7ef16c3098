/* saywho extract: run the built-in engine, or an external one, over articles and write their
 * annotation files, never losing an analyst's work.
 *
 * Files are processed by -j worker threads; results (messages, standard output) are reported in
 * the order of the command line whatever order the workers finish in, so runs are repeatable. */
/* syncfs(): one sync of the output file system at the end of a batch, instead of two fsyncs per
 * file (which cost more than extracting the article). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/subcommands.h"
#include "model/article.h"
#include "model/extract/external.h"
#include "model/extract/extract.h"
#include "model/extract/merge.h"
#include "model/path.h"
#include "model/store.h"

#define STDIN_NAME "<stdin>"
enum { MAX_JOBS = 256 };

typedef enum { EXISTING_REFUSE, EXISTING_FORCE, EXISTING_MERGE } ExistingPolicy;

typedef struct Options {
	const char *output_dir;    /* NULL: beside each article */
	long jobs;
	const char *engine;        /* NULL: the built-in engine */
	double timeout;
	ExistingPolicy existing;
	bool quiet;
} Options;

typedef struct Job {
	const char *input;         /* as typed; "-" is standard input */
	char *output_path;         /* NULL for standard input */
	Diagnostics diag;
	char *note;                /* what happened, when worth saying (merge) */
	char *stdout_bytes;        /* the YAML of "-" */
	size_t stdout_size;
	size_t candidates;
	bool ok, done;
	bool sync_later;           /* written without fsync: the batch syncs its folder at the end */
} Job;

typedef struct Batch {
	const Options *options;
	Job *jobs;
	size_t count, next, finished;
	pthread_mutex_t lock;
	pthread_cond_t progress;
} Batch;

static void print_help(FILE *out)
{
	fprintf(out,
		"Usage: saywho extract [OPTION]... FILE...\n"
		"Propose annotations (status candidate) for each article FILE and write them to\n"
		"DIR/NAME.saywho.yaml, NAME being the file name without .txt and DIR the\n"
		"article's own folder unless -o is given; document.path in the file points back\n"
		"at the article. FILE '-' reads an article on standard input and writes its\n"
		"annotation file, with the article in document.text, to standard output.\n"
		"\n"
		"  -o, --output DIR    write the annotation files into DIR (created if missing)\n"
		"  -j, --jobs N        process N files at once (default 1); same output\n"
		"      --engine CMD    run CMD (with /bin/sh -c) instead of the built-in engine:\n"
		"                      it reads the article on standard input and writes a\n"
		"                      schema-1 file of candidates on standard output\n"
		"                      (saywho(1), EXTERNAL ENGINES)\n"
		"      --timeout SECS  kill an external engine that runs longer (default %g;\n"
		"                      0: no limit)\n"
		"      --force         overwrite annotation files, even with reviewed work\n"
		"      --merge         keep an existing annotation file as it is and add only\n"
		"                      the new candidates whose claims overlap none of its own\n"
		"  -q, --quiet         no progress bar, no summary: only problems are reported\n"
		"  -h, --help          show this help and exit\n"
		"\n"
		"An existing annotation file that holds reviewed annotations (accepted,\n"
		"corrected, added or rejected) is never overwritten without --force; one that\n"
		"holds only candidates is replaced. A problem with one file is reported as\n"
		"file:line:col: message and does not stop the others. A progress bar is shown on\n"
		"standard error when it is a terminal and there are several files.\n"
		"Exit status: 0 when every file was written, 1 when any failed, 2 on a usage\n"
		"error.\n",
		EXTERNAL_DEFAULT_TIMEOUT_SECONDS);
}

/* --- paths --------------------------------------------------------------------------------- */

/* The file name without its folder and its .txt: the `NAME` of NAME.saywho.yaml. */
static char *document_name(const char *path)
{
	const char *base = path_base_name(path);
	size_t length = strlen(base);
	if (length > 4 && strcmp(base + length - 4, ".txt") == 0)
		length -= 4;
	return xstrndup(base, length);
}

/* The path of `target` (absolute, canonical) relative to the folder `from` (same): the
 * document.path of a file written into `from`. */
static char *relative_path(const char *from, const char *target)
{
	size_t common = 0;
	for (size_t i = 0;; i++) {
		bool from_end = from[i] == '\0' || from[i] == '/';
		bool target_end = target[i] == '\0' || target[i] == '/';
		if (from_end && target_end)
			common = i;
		if (from[i] != target[i] || from[i] == '\0')
			break;
	}
	/* "/" as `from`: every path shares its root. */
	if (strcmp(from, "/") == 0)
		common = 0;
	size_t ups = 0;
	for (size_t i = common; from[i]; i++)
		if (from[i] == '/' && from[i + 1] != '\0')
			ups++;
	const char *rest = target + common + (target[common] == '/');
	char *path = xmalloc(3 * ups + strlen(rest) + 1);
	char *end = path;
	for (size_t i = 0; i < ups; i++) {
		memcpy(end, "../", 3);
		end += 3;
	}
	strcpy(end, rest);
	return path;
}

/* --- one file ------------------------------------------------------------------------------ */

static AnnotationSet *run_engine(const Options *options, Article *article, Diagnostics *diag)
{
	if (!options->engine) {
		AnnotationSet *set = extract_article(article);
		if (!set->has_engine) { /* the file must say what proposed its candidates */
			set->has_engine = true;
			set->engine_name = xstrdup(EXTRACT_ENGINE_NAME);
		}
		return set;
	}
	ExternalEngine engine = { .command = options->engine, .timeout_seconds = options->timeout };
	return external_extract(&engine, article, diag);
}

static Article *read_stdin(Diagnostics *diag)
{
	char *bytes = NULL;
	size_t size = 0, capacity = 0;
	for (;;) {
		if (size == capacity) {
			capacity = capacity ? capacity * 2 : 65536;
			bytes = xrealloc(bytes, capacity);
		}
		size_t got = fread(bytes + size, 1, capacity - size, stdin);
		size += got;
		if (got == 0)
			break;
	}
	Article *article = NULL;
	if (ferror(stdin))
		diagnostics_add(diag, DIAG_ERROR, STDIN_NAME, 0, 0, "cannot read: %s", strerror(errno));
	else
		article = article_from_memory(STDIN_NAME, bytes, size, diag);
	free(bytes);
	return article;
}

static void process_stdin(const Options *options, Job *job)
{
	Article *article = read_stdin(&job->diag);
	if (!article)
		return;
	AnnotationSet *set = run_engine(options, article, &job->diag);
	if (!set)
		return;
	free(set->document_path);
	set->document_path = NULL;
	set->document_inline = true;
	free(set->document_sha256);
	set->document_sha256 = xstrdup(article_sha256(set->article));
	job->candidates = set->annotation_count;
	FILE *out = open_memstream(&job->stdout_bytes, &job->stdout_size);
	job->ok = out && store_write(set, out, "-", &job->diag);
	if (out && fclose(out) != 0)
		job->ok = false;
	annotation_set_free(set);
}

static size_t count_reviewed(const AnnotationSet *set)
{
	size_t reviewed = 0;
	for (size_t i = 0; i < set->annotation_count; i++)
		reviewed += annotation_status_is_reviewed(set->annotations[i].status);
	return reviewed;
}

/* What is already at the output path, loaded against our article (NULL: nothing there).
 * Returns false when the file is there but must not be replaced. */
static bool check_existing(const Options *options, Job *job, const Article *article,
			   AnnotationSet **existing)
{
	*existing = NULL;
	struct stat info;
	if (stat(job->output_path, &info) != 0 || options->existing == EXISTING_FORCE)
		return true;
	Diagnostics problems = {0};
	StoreLoadOptions load = {
		.article = article_from_memory(article_name(article), article_text(article),
					       article_size(article), &problems),
		.sha256_mismatch_is_warning = options->existing != EXISTING_MERGE,
	};
	AnnotationSet *set = store_load(job->output_path, &load, &problems);
	if (!set) {
		for (size_t i = 0; i < problems.count; i++) {
			const Diagnostic *d = &problems.items[i];
			diagnostics_add(&job->diag, d->severity, d->file, d->line, d->column, "%s",
					d->message);
		}
		diagnostics_add(&job->diag, DIAG_ERROR, job->output_path, 0, 0,
				options->existing == EXISTING_MERGE
					? "the existing annotation file does not fit this article, so "
					  "nothing is merged into it and it is not replaced (--force "
					  "overwrites it)"
					: "the existing annotation file cannot be read, so it is not "
					  "replaced (--force overwrites it)");
		diagnostics_free(&problems);
		return false;
	}
	diagnostics_free(&problems);
	if (options->existing == EXISTING_MERGE) {
		*existing = set;
		return true;
	}
	size_t reviewed = count_reviewed(set);
	annotation_set_free(set);
	if (reviewed == 0)
		return true;
	diagnostics_add(&job->diag, DIAG_ERROR, job->output_path, 0, 0,
			"holds %zu reviewed annotation%s; not overwritten (--merge adds new candidates "
			"to it, --force overwrites it)", reviewed, reviewed == 1 ? "" : "s");
	return false;
}

/* A folder and its canonical path: a batch writes into one folder articles read from a few, so
 * each worker resolves a folder once (realpath asks the kernel about every component). */
typedef struct ResolvedFolder {
	char *folder, *real;
} ResolvedFolder;

typedef struct WorkerFolders {
	ResolvedFolder output, article;
} WorkerFolders;

/* The canonical path of `folder` (owned by the cache), or NULL with errno set. */
static const char *real_folder(ResolvedFolder *cache, const char *folder)
{
	if (cache->folder && strcmp(cache->folder, folder) == 0)
		return cache->real;
	char *real = realpath(folder, NULL);
	if (!real)
		return NULL;
	free(cache->folder);
	free(cache->real);
	cache->folder = xstrdup(folder);
	cache->real = real;
	return real;
}

static void worker_folders_free(WorkerFolders *folders)
{
	free(folders->output.folder);
	free(folders->output.real);
	free(folders->article.folder);
	free(folders->article.real);
}

/* Points the file at its article. A merged file keeps the path and id it had (the analyst's
 * file; its text was checked to be this article's). */
static bool describe_document(AnnotationSet *set, const Job *job, const char *article_path,
			      bool keep_existing, WorkerFolders *folders)
{
	if (keep_existing && set->document_path && !set->document_inline) {
		if (!set->document_id)
			set->document_id = document_name(article_path);
		return true;
	}
	char *output_dir = path_folder(job->output_path);
	const char *real_dir = real_folder(&folders->output, output_dir);
	/* The article's folder is made canonical, not its name: an article that is a symbolic
	 * link is referred to by the link, as the user named it. */
	char *article_dir = path_folder(article_path);
	const char *real_article_dir = real_folder(&folders->article, article_dir);
	char *real_article = real_article_dir ? path_join(real_article_dir, path_base_name(article_path)) : NULL;
	free(article_dir);
	bool ok = real_dir && real_article;
	if (ok) {
		free(set->document_path);
		set->document_path = relative_path(real_dir, real_article);
		set->document_inline = false;
		free(set->document_id);
		set->document_id = document_name(article_path);
		free(set->document_sha256);
		set->document_sha256 = xstrdup(article_sha256(set->article));
	}
	free(output_dir);
	free(real_article);
	return ok;
}

static void process_file(const Options *options, Job *job, WorkerFolders *folders)
{
	Article *article = article_load(job->input, &job->diag);
	if (!article)
		return;
	AnnotationSet *existing = NULL;
	if (!check_existing(options, job, article, &existing)) {
		article_free(article);
		return;
	}
	AnnotationSet *set = run_engine(options, article, &job->diag);
	if (!set) {
		annotation_set_free(existing);
		return;
	}
	if (existing) {
		size_t before = existing->annotation_count;
		size_t added = extract_merge_candidates(existing, set);
		const char *format = "%s: merged %zu new candidate%s of %zu proposed; kept %zu annotation%s";
		int length = snprintf(NULL, 0, format, job->output_path, added, added == 1 ? "" : "s",
				      set->annotation_count, before, before == 1 ? "" : "s");
		job->note = xmalloc((size_t)length + 1);
		snprintf(job->note, (size_t)length + 1, format, job->output_path, added,
			 added == 1 ? "" : "s", set->annotation_count, before, before == 1 ? "" : "s");
		job->candidates = added;
		annotation_set_free(set);
		set = existing;
		if (added == 0) { /* nothing to add: the analyst's file is left untouched */
			job->ok = true;
			annotation_set_free(set);
			return;
		}
	} else {
		job->candidates = set->annotation_count;
	}
	if (!describe_document(set, job, job->input, existing != NULL, folders)) {
		diagnostics_add(&job->diag, DIAG_ERROR, job->output_path, 0, 0,
				"cannot resolve the path to the article: %s", strerror(errno));
	} else if (existing) {
		/* The file holds an analyst's work: saved durably at once. */
		job->ok = store_save(set, job->output_path, &job->diag);
	} else {
		/* Candidates only, which extract can make again: atomic now, durable at the end. */
		StoreSaveOptions save = { .no_sync = true };
		job->ok = store_save_with(set, job->output_path, &save, &job->diag);
		job->sync_later = job->ok;
	}
	annotation_set_free(set);
}

/* Makes the files written without fsync durable: one syncfs() per output folder (usually one).
 * Returns the number of folders that could not be synced (reported). */
static size_t sync_outputs(const Job *jobs, size_t count)
{
	size_t failed = 0;
	char **done = xcalloc(count, sizeof *done);
	size_t done_count = 0;
	for (size_t i = 0; i < count; i++) {
		if (!jobs[i].sync_later)
			continue;
		char *dir = path_folder(jobs[i].output_path);
		bool seen = false;
		for (size_t j = 0; j < done_count && !seen; j++)
			seen = strcmp(done[j], dir) == 0;
		if (seen) {
			free(dir);
			continue;
		}
		int fd = open(dir, O_RDONLY | O_DIRECTORY);
		if (fd < 0 || syncfs(fd) != 0) {
			fprintf(stderr, "%s: cannot sync the annotation files written there: %s\n", dir,
				strerror(errno));
			failed++;
		}
		if (fd >= 0)
			close(fd);
		done[done_count++] = dir;
	}
	for (size_t j = 0; j < done_count; j++)
		free(done[j]);
	free(done);
	return failed;
}

/* --- the batch ----------------------------------------------------------------------------- */

static void run_job(const Options *options, Job *job, WorkerFolders *folders)
{
	if (strcmp(job->input, "-") == 0)
		process_stdin(options, job);
	else if (job->output_path)
		process_file(options, job, folders);
}

static void *worker(void *context)
{
	Batch *batch = context;
	WorkerFolders folders = {0};
	for (;;) {
		pthread_mutex_lock(&batch->lock);
		size_t index = batch->next < batch->count ? batch->next++ : batch->count;
		pthread_mutex_unlock(&batch->lock);
		if (index == batch->count) {
			worker_folders_free(&folders);
			return NULL;
		}
		Job *job = &batch->jobs[index];
		run_job(batch->options, job, &folders);
		pthread_mutex_lock(&batch->lock);
		job->done = true;
		batch->finished++;
		pthread_cond_broadcast(&batch->progress);
		pthread_mutex_unlock(&batch->lock);
	}
}

typedef struct Progress {
	bool shown;
	size_t width;
} Progress;

static void progress_clear(const Progress *progress)
{
	if (progress->shown)
		fputs("\r\033[K", stderr);
}

static void progress_draw(const Progress *progress, size_t finished, size_t count, const char *name)
{
	if (!progress->shown)
		return;
	char counter[64];
	int counter_length = snprintf(counter, sizeof counter, " %zu/%zu ", finished, count);
	size_t bar = progress->width > 60 ? 30 : progress->width / 3;
	size_t filled = count ? bar * finished / count : bar;
	fputs("\r\033[K[", stderr);
	for (size_t i = 0; i < bar; i++)
		fputc(i < filled ? '#' : '.', stderr);
	fputc(']', stderr);
	fputs(counter, stderr);
	/* The name, cut to the line on a character boundary. */
	size_t room = progress->width > bar + (size_t)counter_length + 3
			      ? progress->width - bar - (size_t)counter_length - 3
			      : 0;
	size_t length = strlen(name);
	if (length > room) {
		length = room;
		while (length > 0 && ((unsigned char)name[length] & 0xC0) == 0x80)
			length--;
	}
	fwrite(name, 1, length, stderr);
	fflush(stderr);
}

static size_t terminal_width(void)
{
	struct winsize size;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 10)
		return size.ws_col;
	return 80;
}

/* Prints what a finished job has to say, in command-line order. */
static void report_job(const Options *options, Job *job)
{
	diagnostics_print(&job->diag, stderr);
	if (job->note && !options->quiet)
		fprintf(stderr, "%s\n", job->note);
	if (job->stdout_bytes) {
		if (job->ok)
			fwrite(job->stdout_bytes, 1, job->stdout_size, stdout);
		fflush(stdout);
	}
}

/* Refuses, before any work, two inputs that would write the same file. */
static void plan_outputs(const Options *options, Job *jobs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		Job *job = &jobs[i];
		if (strcmp(job->input, "-") == 0)
			continue;
		char *name = document_name(job->input);
		size_t size = strlen(name) + sizeof ".saywho.yaml";
		char *file = xmalloc(size);
		snprintf(file, size, "%s.saywho.yaml", name);
		char *dir = options->output_dir ? xstrdup(options->output_dir) : path_folder(job->input);
		job->output_path = path_join(dir, file);
		free(dir);
		free(file);
		free(name);
		size_t length = strlen(job->input);
		if (length >= 12 && strcmp(job->input + length - 12, ".saywho.yaml") == 0) {
			diagnostics_add(&job->diag, DIAG_ERROR, job->input, 0, 0,
					"is an annotation file; extract reads articles (.txt)");
			free(job->output_path);
			job->output_path = NULL;
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (jobs[j].output_path && strcmp(jobs[j].output_path, job->output_path) == 0) {
				diagnostics_add(&job->diag, DIAG_ERROR, job->input, 0, 0,
						"would write %s, as %s does; not processed",
						job->output_path, jobs[j].input);
				free(job->output_path);
				job->output_path = NULL;
				break;
			}
		}
	}
}

static int run_batch(const Options *options, char **inputs, size_t count)
{
	Batch batch = { .options = options, .count = count };
	batch.jobs = xcalloc(count, sizeof *batch.jobs);
	for (size_t i = 0; i < count; i++)
		batch.jobs[i].input = inputs[i];
	plan_outputs(options, batch.jobs, count);
	if (!options->engine)
		extract_init();
	pthread_mutex_init(&batch.lock, NULL);
	pthread_cond_init(&batch.progress, NULL);

	/* One job at a time (-j 1), or no thread to be had: the work is done here, between the
	 * reports, since handing each file to a thread and waking up for it costs more than
	 * creating the file. */
	size_t workers = (size_t)options->jobs < count ? (size_t)options->jobs : count;
	pthread_t *threads = xcalloc(workers, sizeof *threads);
	size_t started = 0;
	for (; workers > 1 && started < workers; started++)
		if (pthread_create(&threads[started], NULL, worker, &batch) != 0)
			break;
	WorkerFolders folders = {0};

	Progress progress = { .shown = !options->quiet && count > 1 && isatty(STDERR_FILENO),
			      .width = terminal_width() };
	size_t reported = 0, failed = 0, candidates = 0;
	pthread_mutex_lock(&batch.lock);
	while (reported < count) {
		while (reported < count && batch.jobs[reported].done) {
			Job *job = &batch.jobs[reported];
			pthread_mutex_unlock(&batch.lock);
			if (job->diag.count || (job->note && !options->quiet)) {
				progress_clear(&progress);
				report_job(options, job);
			} else {
				report_job(options, job);
			}
			failed += !job->ok;
			candidates += job->candidates;
			reported++;
			pthread_mutex_lock(&batch.lock);
		}
		size_t finished = batch.finished;
		pthread_mutex_unlock(&batch.lock);
		progress_draw(&progress, finished, count,
			      reported < count ? batch.jobs[reported].input : "");
		pthread_mutex_lock(&batch.lock);
		if (reported < count && !batch.jobs[reported].done && started == 0) {
			Job *job = &batch.jobs[batch.next++];
			pthread_mutex_unlock(&batch.lock);
			run_job(options, job, &folders);
			pthread_mutex_lock(&batch.lock);
			job->done = true;
			batch.finished++;
		} else if (reported < count && !batch.jobs[reported].done) {
			pthread_cond_wait(&batch.progress, &batch.lock);
		}
	}
	pthread_mutex_unlock(&batch.lock);
	worker_folders_free(&folders);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* Written, but maybe not durably: the exit status says so. */
	bool unsynced = sync_outputs(batch.jobs, count) > 0;
	progress_clear(&progress);
	if (!options->quiet && count > 1 && (progress.shown || failed))
		fprintf(stderr, "saywho extract: %zu of %zu files written (%zu candidates)%s%zu failed\n",
			count - failed, count, candidates, failed ? "; " : ", ", failed);

	for (size_t i = 0; i < count; i++) {
		diagnostics_free(&batch.jobs[i].diag);
		free(batch.jobs[i].output_path);
		free(batch.jobs[i].note);
		free(batch.jobs[i].stdout_bytes);
	}
	free(batch.jobs);
	free(threads);
	pthread_mutex_destroy(&batch.lock);
	pthread_cond_destroy(&batch.progress);
	return failed || unsynced ? EXIT_WORK_FAILED : EXIT_OK;
}

/* --- options ------------------------------------------------------------------------------- */

int subcommand_extract(int argc, char **argv)
{
	enum { OPT_ENGINE = 256, OPT_TIMEOUT, OPT_FORCE, OPT_MERGE };
	static const struct option long_options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	Options options = { .jobs = 1, .timeout = EXTERNAL_DEFAULT_TIMEOUT_SECONDS };
	bool timeout_given = false, force = false, merge = false;
	optind = 0;
	opterr = 0;
	for (;;) {
		int option = getopt_long(argc, argv, "+:o:j:qh", long_options, NULL);
		if (option == -1)
			break;
		char *end = NULL;
		switch (option) {
		case 'o':
			if (!*optarg)
				return cli_usage_error("extract", "-o wants a folder");
			options.output_dir = optarg;
			break;
		case 'j':
			errno = 0;
			options.jobs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || options.jobs < 1 || options.jobs > MAX_JOBS)
				return cli_usage_error("extract", "-j wants a number of jobs from 1 to %d, not '%s'",
						       MAX_JOBS, optarg);
			break;
		case OPT_ENGINE:
			if (!*optarg)
				return cli_usage_error("extract", "--engine wants a command");
			options.engine = optarg;
			break;
		case OPT_TIMEOUT:
			errno = 0;
			options.timeout = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(options.timeout >= 0) || options.timeout > 1e7)
				return cli_usage_error("extract", "--timeout wants seconds (0: no limit), not '%s'",
						       optarg);
			timeout_given = true;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_MERGE:
			merge = true;
			break;
		case 'q':
			options.quiet = true;
			break;
		case 'h':
			print_help(stdout);
			return EXIT_OK;
		case ':':
			return cli_usage_error("extract", "%s wants an argument", argv[optind - 1]);
		default:
			if (optopt)
				return cli_usage_error("extract", "unknown option '-%c'", optopt);
			return cli_usage_error("extract", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (force && merge)
		return cli_usage_error("extract", "--force and --merge exclude each other");
	options.existing = force ? EXISTING_FORCE : merge ? EXISTING_MERGE : EXISTING_REFUSE;
	if (timeout_given && !options.engine)
		return cli_usage_error("extract", "--timeout applies to an external engine (--engine)");
	if (optind >= argc)
		return cli_usage_error("extract", "no article given (FILE, or - for standard input)");
	size_t stdin_count = 0;
	for (int i = optind; i < argc; i++)
		stdin_count += strcmp(argv[i], "-") == 0;
	if (stdin_count > 1)
		return cli_usage_error("extract", "standard input (-) can be read only once");
	if (options.output_dir) {
		Diagnostics diag = {0};
		bool made = path_make_folders(options.output_dir, &diag);
		diagnostics_print(&diag, stderr);
		diagnostics_free(&diag);
		if (!made)
			return EXIT_WORK_FAILED;
	}
	return run_batch(&options, argv + optind, (size_t)(argc - optind));
}
