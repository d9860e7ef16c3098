/* External engines: run a command on an article, load what it writes (see external.h). */
/* pipe2(): pipes created close-on-exec atomically, so that an engine started by another
 * thread at the same moment cannot inherit them (and keep our engine's input open). */
#define _GNU_SOURCE
#include "model/extract/external.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/store.h"

extern char **environ;

/* Enough of an engine's standard error to explain a failure (its last lines). */
enum { STDERR_KEEP = 2048, CHUNK = 65536 };

typedef struct Buffer {
	char *bytes;
	size_t size, capacity;
} Buffer;

static void buffer_append(Buffer *buffer, const char *bytes, size_t size)
{
	if (buffer->size + size + 1 > buffer->capacity) {
		size_t capacity = buffer->capacity ? buffer->capacity : CHUNK;
		while (capacity < buffer->size + size + 1)
			capacity *= 2;
		buffer->bytes = xrealloc(buffer->bytes, capacity);
		buffer->capacity = capacity;
	}
	memcpy(buffer->bytes + buffer->size, bytes, size);
	buffer->size += size;
	buffer->bytes[buffer->size] = '\0';
}

/* Keeps only the tail of standard error, so a chatty engine cannot fill memory. */
static void buffer_keep_tail(Buffer *buffer, size_t keep)
{
	if (buffer->size <= 2 * keep)
		return;
	memmove(buffer->bytes, buffer->bytes + buffer->size - keep, keep);
	buffer->size = keep;
	buffer->bytes[keep] = '\0';
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How the engine is named in messages: the command, shortened when long. */
static void engine_label(const char *command, char *out, size_t size)
{
	const size_t longest = 240; /* a script's full path fits; a pasted pipeline does not */
	size_t length = strlen(command);
	if (length <= longest)
		snprintf(out, size, "engine '%s'", command);
	else
		snprintf(out, size, "engine '%.*s...'", (int)longest, command);
}

typedef struct Run {
	pid_t pid;
	int in, out, err;          /* our ends of the pipes; -1 when closed */
	Buffer output, errors;
	bool timed_out, too_much;
	int wait_status;
} Run;

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static bool start(const char *command, Run *run, Diagnostics *diag, const char *file,
		  const char *label)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0, "%s: cannot create pipes: %s", label,
				strerror(errno));
		for (int i = 0; i < 2; i++) {
			close_fd(&in[i]);
			close_fd(&out[i]);
			close_fd(&err[i]);
		}
		return false;
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
	posix_spawnattr_t attributes;
	posix_spawnattr_init(&attributes);
	/* Its own process group, so that a timeout kills what the shell started too; default
	 * signal handling and an empty mask whatever the caller blocked or ignored. */
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	posix_spawnattr_setsigmask(&attributes, &none);
	posix_spawnattr_setsigdefault(&attributes, &defaults);
	posix_spawnattr_setpgroup(&attributes, 0);
	posix_spawnattr_setflags(&attributes,
				 POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	int failed = posix_spawn(&run->pid, "/bin/sh", &actions, &attributes, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attributes);
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	run->in = in[1];
	run->out = out[0];
	run->err = err[0];
	if (failed) {
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0, "%s: cannot start /bin/sh: %s", label,
				strerror(failed));
		close_fd(&run->in);
		close_fd(&run->out);
		close_fd(&run->err);
		return false;
	}
	fcntl(run->in, F_SETFL, fcntl(run->in, F_GETFL) | O_NONBLOCK);
	fcntl(run->out, F_SETFL, fcntl(run->out, F_GETFL) | O_NONBLOCK);
	fcntl(run->err, F_SETFL, fcntl(run->err, F_GETFL) | O_NONBLOCK);
	return true;
}

static void kill_group(const Run *run)
{
	kill(-run->pid, SIGKILL);
	kill(run->pid, SIGKILL); /* in case the group was not set up */
}

/* Reads one chunk (so that the output limit is checked between chunks); false at end of file
 * or on error. */
static bool drain(int fd, Buffer *buffer)
{
	char chunk[CHUNK];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got > 0) {
			buffer_append(buffer, chunk, (size_t)got);
			return true;
		}
		if (got < 0 && errno == EINTR)
			continue;
		return got < 0 && errno == EAGAIN;
	}
}

/* Feeds the article and collects the output until both outputs are closed, the deadline
 * passes or the output grows past the limit. */
static void exchange(Run *run, const char *input, size_t input_size, double deadline,
		     size_t max_output)
{
	size_t written = 0;
	while (run->out >= 0 || run->err >= 0) {
		struct pollfd fds[3];
		int count = 0, in_slot = -1, out_slot = -1, err_slot = -1;
		if (run->in >= 0) {
			in_slot = count;
			fds[count++] = (struct pollfd){ .fd = run->in, .events = POLLOUT };
		}
		if (run->out >= 0) {
			out_slot = count;
			fds[count++] = (struct pollfd){ .fd = run->out, .events = POLLIN };
		}
		if (run->err >= 0) {
			err_slot = count;
			fds[count++] = (struct pollfd){ .fd = run->err, .events = POLLIN };
		}
		int wait_ms = -1;
		if (deadline > 0) {
			double left = deadline - now_seconds();
			if (left <= 0) {
				run->timed_out = true;
				return;
			}
			wait_ms = left > 1e6 ? 1000000000 : (int)(left * 1000.0) + 1;
		}
		int ready = poll(fds, (nfds_t)count, wait_ms);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return;
		if (in_slot >= 0 && fds[in_slot].revents) {
			if (fds[in_slot].revents & (POLLERR | POLLHUP | POLLNVAL)) {
				close_fd(&run->in);
			} else {
				size_t size = input_size - written;
				ssize_t put = write(run->in, input + written, size > CHUNK ? CHUNK : size);
				if (put > 0)
					written += (size_t)put;
				else if (put < 0 && errno != EAGAIN && errno != EINTR)
					close_fd(&run->in); /* EPIPE: it stopped reading; its business */
				if (written == input_size)
					close_fd(&run->in);
			}
		}
		if (out_slot >= 0 && fds[out_slot].revents && !drain(run->out, &run->output))
			close_fd(&run->out);
		if (run->output.size > max_output) {
			run->too_much = true;
			return;
		}
		if (err_slot >= 0 && fds[err_slot].revents) {
			if (!drain(run->err, &run->errors))
				close_fd(&run->err);
			buffer_keep_tail(&run->errors, STDERR_KEEP);
		}
		if (input_size == 0)
			close_fd(&run->in);
	}
}

/* Waits for the exit, no later than the deadline (an engine may close its output and linger). */
static void wait_for_exit(Run *run, double deadline)
{
	long pause_ns = 200000;
	for (;;) {
		pid_t done = waitpid(run->pid, &run->wait_status, run->timed_out || run->too_much ? 0 : WNOHANG);
		if (done == run->pid)
			return;
		if (done < 0 && errno != EINTR) {
			run->wait_status = 0;
			return;
		}
		if (done == 0 && deadline > 0 && now_seconds() >= deadline) {
			run->timed_out = true;
			kill_group(run);
			continue;
		}
		if (done == 0) {
			nanosleep(&(struct timespec){ 0, pause_ns }, NULL);
			if (pause_ns < 20000000)
				pause_ns *= 2;
		}
	}
}

/* Adds the engine's last lines of standard error, which usually say what went wrong. */
static void report_stderr(const Run *run, Diagnostics *diag, const char *file, const char *label)
{
	const char *text = run->errors.bytes;
	size_t size = run->errors.size;
	while (size > 0 && (text[size - 1] == '\n' || text[size - 1] == '\r'))
		size--;
	if (size == 0)
		return;
	/* The last five lines at most. */
	size_t start = size;
	for (int lines = 0; start > 0; start--)
		if (text[start - 1] == '\n' && ++lines == 5)
			break;
	const char *line = text + start;
	const char *end = text + size;
	while (line < end) {
		const char *newline = memchr(line, '\n', (size_t)(end - line));
		size_t length = newline ? (size_t)(newline - line) : (size_t)(end - line);
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0, "%s said: %.*s", label, (int)length, line);
		line += length + 1;
	}
}

/* An engine proposes; only analysts review. Reviewed statuses in an engine's output would pass
 * its guesses off as an analyst's decisions, so they are refused rather than reset. */
static bool check_candidates_only(const AnnotationSet *set, Diagnostics *diag, const char *name)
{
	bool ok = true;
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *a = &set->annotations[i];
		if (a->status != STATUS_CANDIDATE) {
			diagnostics_add(diag, DIAG_ERROR, name, 0, 0,
					"annotation %s has status '%s': an external engine proposes candidates only",
					a->id, annotation_status_name(a->status));
			ok = false;
		}
	}
	if (set->has_optional) {
		diagnostics_add(diag, DIAG_ERROR, name, 0, 0,
				"'optional' is for gold files: an external engine proposes candidates only");
		ok = false;
	}
	return ok;
}

static AnnotationSet *load_output(const ExternalEngine *engine, const Run *run, Article *article,
				  Diagnostics *diag, const char *label)
{
	size_t name_size = strlen(article_name(article)) + strlen(label) + 16;
	char *name = xmalloc(name_size);
	snprintf(name, name_size, "%s: %s output", article_name(article), label);
	if (run->output.size == 0) {
		diagnostics_add(diag, DIAG_ERROR, article_name(article), 0, 0,
				"%s wrote nothing on standard output (it must write a schema-1 file)", label);
		article_free(article);
		free(name);
		return NULL;
	}
	StoreLoadOptions options = { .article = article };
	AnnotationSet *set = store_load_memory(name, run->output.bytes, run->output.size, ".",
					       &options, diag);
	if (set && !check_candidates_only(set, diag, name)) {
		annotation_set_free(set);
		set = NULL;
	}
	free(name);
	if (!set)
		return NULL;
	/* Where the file goes and what it points at is the caller's decision, not the engine's. */
	free(set->document_path);
	set->document_path = NULL;
	set->document_inline = false;
	free(set->file_path);
	set->file_path = NULL;
	if (!set->has_engine) {
		set->has_engine = true;
		set->engine_name = xstrdup(engine->command);
	}
	if (!set->has_labels)
		annotation_set_set_labels(set, annotation_default_labels, annotation_default_label_count);
	return set;
}

AnnotationSet *external_extract(const ExternalEngine *engine, Article *article, Diagnostics *diag)
{
	const char *file = article_name(article);
	char label[300]; /* "engine '" + 240 characters of the command + "...'" */
	engine_label(engine->command, label, sizeof label);
	size_t max_output = engine->max_output
				    ? engine->max_output
				    : EXTERNAL_OUTPUT_BASE + EXTERNAL_OUTPUT_PER_ARTICLE_BYTE * article_size(article);

	/* SIGPIPE (the engine exits without reading) must not kill us: block it in this thread
	 * and take back the one our writes may raise, unless one was already pending. */
	sigset_t pipe_signal, old_mask, pending;
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_signal, &old_mask);
	sigpending(&pending);
	bool was_pending = sigismember(&pending, SIGPIPE);

	Run run = { .in = -1, .out = -1, .err = -1 };
	double deadline = engine->timeout_seconds > 0 ? now_seconds() + engine->timeout_seconds : 0;
	bool started = start(engine->command, &run, diag, file, label);
	if (started) {
		exchange(&run, article_text(article), article_size(article), deadline, max_output);
		if (run.timed_out || run.too_much)
			kill_group(&run);
		close_fd(&run.in);
		close_fd(&run.out);
		close_fd(&run.err);
		wait_for_exit(&run, deadline);
	}

	if (!was_pending) {
		struct timespec zero = { 0, 0 };
		while (sigtimedwait(&pipe_signal, NULL, &zero) == SIGPIPE)
			;
	}
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);

	AnnotationSet *set = NULL;
	if (!started) {
		article_free(article);
	} else if (run.timed_out) {
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0,
				"%s timed out after %g s and was killed (see --timeout)", label,
				engine->timeout_seconds);
		report_stderr(&run, diag, file, label);
		article_free(article);
	} else if (run.too_much) {
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0,
				"%s wrote more than %zu bytes on standard output and was killed", label,
				max_output);
		article_free(article);
	} else if (WIFSIGNALED(run.wait_status)) {
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0, "%s was killed by signal %d (%s)", label,
				WTERMSIG(run.wait_status), strsignal(WTERMSIG(run.wait_status)));
		report_stderr(&run, diag, file, label);
		article_free(article);
	} else if (WIFEXITED(run.wait_status) && WEXITSTATUS(run.wait_status) != 0) {
		int status = WEXITSTATUS(run.wait_status);
		/* The shell reports a command it ran that died of signal N as 128 + N. */
		char why[128] = "";
		if (status == 127)
			snprintf(why, sizeof why, " (command not found?)");
		else if (status > 128 && status < 128 + 32)
			snprintf(why, sizeof why, " (128 + signal %d: %s)", status - 128, strsignal(status - 128));
		diagnostics_add(diag, DIAG_ERROR, file, 0, 0, "%s failed with exit status %d%s", label,
				status, why);
		report_stderr(&run, diag, file, label);
		article_free(article);
	} else {
		set = load_output(engine, &run, article, diag, label);
	}
	free(run.output.bytes);
	free(run.errors.bytes);
	return set;
}
