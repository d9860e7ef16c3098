#include "app/queue.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define ANNOTATION_SUFFIX ".saywho.yaml"
#define ARTICLE_SUFFIX ".txt"
/* positions.tsv keeps the most recent documents only. */
#define STATE_MAX_POSITIONS 100000

/* ---- paths ---------------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static char *join(const char *folder, const char *name)
{
	size_t a = strlen(folder), b = strlen(name);
	bool slash = a && folder[a - 1] != '/';
	char *path = xmalloc(a + slash + b + 1);
	memcpy(path, folder, a);
	if (slash)
		path[a] = '/';
	memcpy(path + a + slash, name, b + 1);
	return path;
}

/* X.txt -> X.saywho.yaml (the workbench's convention); other names get the suffix appended. */
static char *annotation_path_of_article(const char *article)
{
	size_t length = strlen(article);
	if (ends_with(article, ARTICLE_SUFFIX))
		length -= strlen(ARTICLE_SUFFIX);
	char *path = xmalloc(length + sizeof ANNOTATION_SUFFIX);
	memcpy(path, article, length);
	memcpy(path + length, ANNOTATION_SUFFIX, sizeof ANNOTATION_SUFFIX);
	return path;
}

/* An absolute path for a file that may not exist yet: its folder resolved, its name kept. */
static char *absolute_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *folder = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	char resolved[PATH_MAX];
	char *result = realpath(folder, resolved) ? join(resolved, slash ? slash + 1 : path) : xstrdup(path);
	free(folder);
	return result;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- the state folder: tab-separated files keyed by path ------------------------------------ */

char *state_folder(void)
{
	const char *base = getenv("XDG_STATE_HOME");
	if (base && base[0] == '/')
		return join(base, "saywho");
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return join(home, ".local/state/saywho");
}

static bool make_folders(const char *path)
{
	char *copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			free(copy);
			return false;
		}
		*p = '/';
	}
	bool ok = mkdir(copy, 0700) == 0 || errno == EEXIST;
	free(copy);
	return ok;
}

/* A state file: lines of `field TAB field ... TAB key`, the key (a path) last. Lines keep their
 * order (oldest first): an updated entry moves to the end. */
typedef struct StateLine {
	char *key;
	char *fields; /* everything before the key's tab */
	uint64_t hash;
} StateLine;

typedef struct StateFile {
	char *path;
	StateLine *lines;
	size_t count, capacity;
	size_t *slots; /* open addressing over lines (index + 1; 0 = empty) */
	size_t slot_count;
	bool dirty;
} StateFile;

static uint64_t hash_string(const char *s)
{
	uint64_t hash = 1469598103934665603ull;
	for (; *s; s++)
		hash = (hash ^ (unsigned char)*s) * 1099511628211ull;
	return hash;
}

static void state_rehash(StateFile *file)
{
	free(file->slots);
	file->slot_count = 64;
	while (file->slot_count < 2 * file->count + 2)
		file->slot_count *= 2;
	file->slots = xcalloc(file->slot_count, sizeof *file->slots);
	for (size_t i = 0; i < file->count; i++) {
		if (!file->lines[i].key)
			continue;
		size_t slot = file->lines[i].hash & (file->slot_count - 1);
		while (file->slots[slot])
			slot = (slot + 1) & (file->slot_count - 1);
		file->slots[slot] = i + 1;
	}
}

static StateLine *state_find(const StateFile *file, const char *key)
{
	if (!file->slot_count)
		return NULL;
	uint64_t hash = hash_string(key);
	for (size_t slot = hash & (file->slot_count - 1); file->slots[slot];
	     slot = (slot + 1) & (file->slot_count - 1)) {
		StateLine *line = &file->lines[file->slots[slot] - 1];
		if (line->key && line->hash == hash && strcmp(line->key, key) == 0)
			return line;
	}
	return NULL;
}

static void state_append(StateFile *file, char *key, char *fields)
{
	if (file->count == file->capacity) {
		file->capacity = file->capacity ? 2 * file->capacity : 256;
		file->lines = xrealloc(file->lines, file->capacity * sizeof *file->lines);
	}
	file->lines[file->count++] = (StateLine){ key, fields, hash_string(key) };
	if (2 * file->count + 2 > file->slot_count) {
		state_rehash(file);
		return;
	}
	size_t slot = file->lines[file->count - 1].hash & (file->slot_count - 1);
	while (file->slots[slot])
		slot = (slot + 1) & (file->slot_count - 1);
	file->slots[slot] = file->count;
}

/* Sets key's fields (a line ending up last, as the most recent). */
static void state_set(StateFile *file, const char *key, const char *fields)
{
	/* A path with a newline or tab cannot be a line of this file; such a document is simply
	 * not remembered. */
	if (strpbrk(key, "\t\n") || strchr(fields, '\n'))
		return;
	StateLine *line = state_find(file, key);
	if (line) {
		if (strcmp(line->fields, fields) == 0)
			return;
		free(line->key);
		free(line->fields);
		line->key = NULL;
		line->fields = NULL;
	}
	state_append(file, xstrdup(key), xstrdup(fields));
	file->dirty = true;
}

static void state_load(StateFile *file, const char *name)
{
	memset(file, 0, sizeof *file);
	char *folder = state_folder();
	if (!folder)
		return;
	file->path = join(folder, name);
	free(folder);
	FILE *in = fopen(file->path, "r");
	if (!in)
		return;
	char *line = NULL;
	size_t size = 0;
	ssize_t length;
	while ((length = getline(&line, &size, in)) > 0) {
		if (line[length - 1] == '\n')
			line[--length] = '\0';
		char *tab = strrchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		/* A later line for the same key wins: drop the earlier one. */
		StateLine *earlier = state_find(file, tab + 1);
		if (earlier) {
			free(earlier->key);
			free(earlier->fields);
			earlier->key = earlier->fields = NULL;
		}
		state_append(file, xstrdup(tab + 1), xstrdup(line));
	}
	free(line);
	fclose(in);
}

/* Written to a temporary file and renamed over, so another saywho reading it sees the old or the
 * new file, never half of one. Two saywho writing at once: the last one wins, which loses at
 * most a position, never a document. */
static bool state_write(StateFile *file, size_t keep_last)
{
	if (!file->dirty || !file->path)
		return true;
	char *folder = xstrndup(file->path, (size_t)(strrchr(file->path, '/') - file->path));
	bool ok = make_folders(folder);
	free(folder);
	size_t temporary_size = strlen(file->path) + 32;
	char *temporary = xmalloc(temporary_size);
	snprintf(temporary, temporary_size, "%s.%ld.tmp", file->path, (long)getpid());
	FILE *out = ok ? fopen(temporary, "w") : NULL;
	if (out) {
		size_t live = 0;
		for (size_t i = 0; i < file->count; i++)
			live += file->lines[i].key != NULL;
		size_t skip = live > keep_last ? live - keep_last : 0;
		for (size_t i = 0; i < file->count; i++) {
			if (!file->lines[i].key)
				continue;
			if (skip) {
				skip--;
				continue;
			}
			fprintf(out, "%s\t%s\n", file->lines[i].fields, file->lines[i].key);
		}
		ok = fflush(out) == 0 && !ferror(out);
		ok = fclose(out) == 0 && ok;
		ok = ok && rename(temporary, file->path) == 0;
		if (!ok)
			unlink(temporary);
	} else {
		ok = false;
	}
	free(temporary);
	if (ok)
		file->dirty = false;
	return ok;
}

static void state_free(StateFile *file)
{
	for (size_t i = 0; i < file->count; i++) {
		free(file->lines[i].key);
		free(file->lines[i].fields);
	}
	free(file->lines);
	free(file->slots);
	free(file->path);
	memset(file, 0, sizeof *file);
}

/* ---- positions ------------------------------------------------------------------------------ */

void document_position_clear(DocumentPosition *position)
{
	free(position->selected_id);
	memset(position, 0, sizeof *position);
}

bool state_position_load(const char *annotation_path, DocumentPosition *position)
{
	memset(position, 0, sizeof *position);
	StateFile file;
	state_load(&file, "positions.tsv");
	char *key = absolute_path(annotation_path);
	StateLine *line = state_find(&file, key);
	bool found = false;
	if (line) {
		/* fields: top code point TAB selected id (possibly empty) */
		char *end;
		unsigned long long top = strtoull(line->fields, &end, 10);
		if (*end == '\t') {
			position->top_codepoint = (size_t)top;
			position->selected_id = end[1] ? xstrdup(end + 1) : NULL;
			found = true;
		}
	}
	free(key);
	state_free(&file);
	return found;
}

static bool save_position_line(const char *key, size_t top, const char *id)
{
	StateFile file;
	state_load(&file, "positions.tsv");
	if (!file.path) {
		state_free(&file);
		return false;
	}
	const char *safe_id = id && !strpbrk(id, "\t\n") ? id : "";
	size_t size = strlen(safe_id) + 32;
	char *fields = xmalloc(size);
	snprintf(fields, size, "%zu\t%s", top, safe_id);
	state_set(&file, key, fields);
	free(fields);
	bool ok = state_write(&file, STATE_MAX_POSITIONS);
	state_free(&file);
	return ok;
}

bool state_position_save(const char *annotation_path, const DocumentPosition *position)
{
	char *key = absolute_path(annotation_path);
	bool ok = save_position_line(key, position->top_codepoint, position->selected_id);
	free(key);
	return ok;
}

/* ---- scanning annotation files -------------------------------------------------------------- */

static bool status_is_reviewed(const char *value, size_t length)
{
	while (length && (value[length - 1] == ' ' || value[length - 1] == '\r' || value[length - 1] == '\t'))
		length--;
	if (length >= 2 && (value[0] == '"' || value[0] == '\'') && value[length - 1] == value[0]) {
		value++;
		length -= 2;
	}
	char name[16];
	if (length == 0 || length >= sizeof name)
		return false;
	memcpy(name, value, length);
	name[length] = '\0';
	AnnotationStatus status;
	return annotation_status_parse(name, &status) && annotation_status_is_reviewed(status);
}

/* The `annotations:` list in block style, as saywho writes it: items `- ` at one indentation,
 * their keys two columns further. False when the layout is anything else (flow style, tabs):
 * then the caller asks libyaml. */
static bool scan_block(const char *text, size_t size, size_t *annotations, size_t *reviewed)
{
	const char *end = text + size, *p = text;
	/* Find `annotations:` at the start of a line. */
	for (;;) {
		if (p >= end)
			return true; /* no annotations key: nothing to count (check reports the problem) */
		if ((size_t)(end - p) >= 12 && memcmp(p, "annotations:", 12) == 0)
			break;
		const char *newline = memchr(p, '\n', (size_t)(end - p));
		if (!newline)
			return true;
		p = newline + 1;
	}
	p += 12;
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '[') {
		/* `annotations: []` is the one flow form saywho writes. */
		const char *q = p + 1;
		while (q < end && *q == ' ')
			q++;
		return q < end && *q == ']';
	}
	if (p < end && *p != '\n' && *p != '#' && *p != '\r')
		return false;
	long list_indent = -1, key_indent = -1;
	while (p < end) {
		const char *newline = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = newline ? newline : end;
		const char *next = newline ? newline + 1 : end;
		const char *q = p;
		while (q < line_end && *q == ' ')
			q++;
		long indent = q - p;
		if (q == line_end || *q == '#' || *q == '\r') {
			p = next;
			continue;
		}
		if (*q == '\t')
			return false;
		if (indent == 0 && *q != '-')
			break; /* the next top-level key */
		if (*q == '-' && (q + 1 == line_end || q[1] == ' ' || q[1] == '\r')) {
			if (list_indent < 0)
				list_indent = indent;
			if (indent == list_indent) {
				++*annotations;
				q++;
				while (q < line_end && *q == ' ')
					q++;
				if (q < line_end && (*q == '{' || *q == '['))
					return false;
				key_indent = q - p;
				/* fall through: the item's first key may be on this line */
			} else {
				p = next;
				continue;
			}
		} else if (indent < list_indent) {
			break;
		}
		if (q - p == key_indent && line_end - q > 7 && memcmp(q, "status:", 7) == 0 &&
		    status_is_reviewed(q + 7 + strspn(q + 7, " "), (size_t)(line_end - q - 7) - strspn(q + 7, " ")))
			++*reviewed;
		p = next;
	}
	return true;
}

/* Any YAML layout: walk the events; the top mapping's `annotations` sequence, the `status` of
 * each item. Slower than scan_block, used only when it gives up. */
typedef enum { ROLE_OTHER, ROLE_ROOT, ROLE_ANNOTATIONS, ROLE_ITEM } ScanRole;

typedef struct ScanFrame {
	bool mapping, want_key, was_key;
	ScanRole role;
	enum { NEXT_OTHER, NEXT_ANNOTATIONS, NEXT_STATUS } next; /* what the pending value is */
} ScanFrame;

#define SCAN_MAX_DEPTH 64

static bool scan_events(const char *text, size_t size, size_t *annotations, size_t *reviewed)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
	ScanFrame stack[SCAN_MAX_DEPTH];
	int top = -1;
	bool ok = true, done = false;
	while (!done) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			ok = false;
			break;
		}
		ScanFrame *parent = top >= 0 ? &stack[top] : NULL;
		bool as_key = parent && parent->mapping && parent->want_key;
		switch (event.type) {
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (as_key) {
				const char *key = event.type == YAML_SCALAR_EVENT ? (const char *)event.data.scalar.value : "";
				parent->next = parent->role == ROLE_ROOT && strcmp(key, "annotations") == 0 ? NEXT_ANNOTATIONS
					       : parent->role == ROLE_ITEM && strcmp(key, "status") == 0 ? NEXT_STATUS
													 : NEXT_OTHER;
				parent->want_key = false;
			} else if (parent && parent->mapping) {
				if (parent->next == NEXT_STATUS && event.type == YAML_SCALAR_EVENT &&
				    status_is_reviewed((const char *)event.data.scalar.value, event.data.scalar.length))
					++*reviewed;
				parent->next = NEXT_OTHER;
				parent->want_key = true;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool mapping = event.type == YAML_MAPPING_START_EVENT;
			ScanRole role = ROLE_OTHER;
			if (!parent)
				role = mapping ? ROLE_ROOT : ROLE_OTHER;
			else if (!as_key && parent->mapping && parent->next == NEXT_ANNOTATIONS && !mapping)
				role = ROLE_ANNOTATIONS;
			else if (parent->role == ROLE_ANNOTATIONS && mapping)
				role = ROLE_ITEM;
			if (role == ROLE_ITEM)
				++*annotations;
			if (as_key)
				parent->want_key = false;
			if (top + 1 >= SCAN_MAX_DEPTH) {
				ok = false;
				done = true;
				break;
			}
			stack[++top] = (ScanFrame){ .mapping = mapping, .want_key = true, .was_key = as_key, .role = role };
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			if (top < 0) /* libyaml never ends what it did not start; gcc cannot know that */
				break;
			bool was_key = stack[top].was_key;
			top--;
			if (top >= 0 && stack[top].mapping && !was_key) {
				stack[top].next = NEXT_OTHER;
				stack[top].want_key = true;
			}
			break;
		}
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return ok;
}

static bool read_file(const char *path, char **bytes, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	size_t capacity = (size_t)st.st_size + 1, length = 0;
	char *buffer = xmalloc(capacity);
	for (;;) {
		if (length + 1 >= capacity)
			buffer = xrealloc(buffer, capacity *= 2);
		ssize_t got = read(fd, buffer + length, capacity - length - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got < 0) {
				free(buffer);
				close(fd);
				return false;
			}
			break;
		}
		length += (size_t)got;
	}
	close(fd);
	buffer[length] = '\0';
	*bytes = buffer;
	*size = length;
	return true;
}

bool queue_scan_counts(const char *annotation_path, size_t *annotations, size_t *reviewed)
{
	*annotations = *reviewed = 0;
	char *text;
	size_t size;
	if (!read_file(annotation_path, &text, &size))
		return false;
	bool ok = scan_block(text, size, annotations, reviewed);
	if (!ok) {
		*annotations = *reviewed = 0;
		ok = scan_events(text, size, annotations, reviewed);
	}
	free(text);
	return ok;
}

/* ---- the queue ------------------------------------------------------------------------------ */

typedef struct Summary {
	bool known;               /* counts are valid for the stat below */
	bool exists;              /* the annotation file exists */
	size_t annotations, reviewed;
} Summary;

struct Queue {
	QueueEntry *entries;
	Summary *summaries;
	size_t count, current;
	char *folder_key;         /* "queue:<absolute folder>" for a folder queue, else NULL */
	char *folder;             /* its absolute path (entries' annotation files are inside) */
	bool summaries_scanned;
	/* The summaries added up, kept as they change: the status line shows them after every key,
	 * which must not cost a walk of a 10,000-document queue. */
	QueueProgress totals;
};

bool queue_wants(char *const *paths, size_t count)
{
	if (count > 1)
		return true;
	struct stat st;
	return count == 1 && stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode);
}

static void add_entry(Queue *queue, size_t *capacity, char *path, char *annotation_path)
{
	if (queue->count == *capacity) {
		*capacity = *capacity ? 2 * *capacity : 64;
		queue->entries = xrealloc(queue->entries, *capacity * sizeof *queue->entries);
	}
	queue->entries[queue->count++] = (QueueEntry){
		.path = path,
		.annotation_path = annotation_path,
		.name = xstrdup(base_name(path)),
	};
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's *.txt in name order. Hidden files are skipped (editors' and our own temporaries). */
static bool add_folder(Queue *queue, size_t *capacity, const char *folder, Diagnostics *diag)
{
	DIR *dir = opendir(folder);
	if (!dir) {
		diagnostics_add(diag, DIAG_ERROR, folder, 0, 0, "cannot read the folder: %s", strerror(errno));
		return false;
	}
	char **names = NULL;
	size_t count = 0, names_capacity = 0;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		if (entry->d_name[0] == '.' || !ends_with(entry->d_name, ARTICLE_SUFFIX))
			continue;
		if (entry->d_type != DT_REG && entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN)
			continue;
		if (count == names_capacity) {
			names_capacity = names_capacity ? 2 * names_capacity : 256;
			names = xrealloc(names, names_capacity * sizeof *names);
		}
		names[count++] = xstrdup(entry->d_name);
	}
	closedir(dir);
	if (count)
		qsort(names, count, sizeof *names, compare_names);
	for (size_t i = 0; i < count; i++) {
		char *path = join(folder, names[i]);
		add_entry(queue, capacity, path, annotation_path_of_article(path));
		free(names[i]);
	}
	free(names);
	return true;
}

Queue *queue_open(char *const *paths, size_t count, Diagnostics *diag)
{
	Queue *queue = xcalloc(1, sizeof *queue);
	size_t capacity = 0;
	bool ok = true;
	for (size_t i = 0; i < count; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diagnostics_add(diag, DIAG_ERROR, paths[i], 0, 0, "cannot open: %s", strerror(errno));
			ok = false;
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = queue->count;
			ok = add_folder(queue, &capacity, paths[i], diag) && ok;
			if (queue->count == before)
				diagnostics_add(diag, DIAG_WARNING, paths[i], 0, 0, "no *.txt article in this folder");
			if (count == 1) {
				char resolved[PATH_MAX];
				if (realpath(paths[i], resolved)) {
					queue->folder = xstrdup(resolved);
					queue->folder_key = join("queue:", resolved);
				}
			}
		} else if (ends_with(paths[i], ".yaml") || ends_with(paths[i], ".yml")) {
			add_entry(queue, &capacity, xstrdup(paths[i]), xstrdup(paths[i]));
		} else {
			add_entry(queue, &capacity, xstrdup(paths[i]), annotation_path_of_article(paths[i]));
		}
	}
	if (!ok || queue->count == 0) {
		/* One empty folder: its warning says it all, as the error it now is. */
		Diagnostic *last = diag && diag->count ? &diag->items[diag->count - 1] : NULL;
		if (ok && count == 1 && last && last->severity == DIAG_WARNING && last->file &&
		    strcmp(last->file, paths[0]) == 0)
			last->severity = DIAG_ERROR;
		else if (ok)
			diagnostics_add(diag, DIAG_ERROR, count ? paths[0] : "saywho", 0, 0, "nothing to open");
		queue_free(queue);
		return NULL;
	}
	queue->summaries = xcalloc(queue->count, sizeof *queue->summaries);
	/* A folder reopens at the document the analyst was on. */
	if (queue->folder_key) {
		StateFile file;
		state_load(&file, "positions.tsv");
		StateLine *line = state_find(&file, queue->folder_key);
		const char *name = line ? strchr(line->fields, '\t') : NULL;
		for (size_t i = 0; name && i < queue->count; i++)
			if (strcmp(queue->entries[i].name, name + 1) == 0)
				queue->current = i;
		state_free(&file);
	}
	return queue;
}

void queue_free(Queue *queue)
{
	if (!queue)
		return;
	for (size_t i = 0; i < queue->count; i++) {
		free(queue->entries[i].path);
		free(queue->entries[i].annotation_path);
		free(queue->entries[i].name);
	}
	free(queue->entries);
	free(queue->summaries);
	free(queue->folder_key);
	free(queue->folder);
	free(queue);
}

size_t queue_count(const Queue *queue)
{
	return queue->count;
}

const QueueEntry *queue_entry(const Queue *queue, size_t index)
{
	return index < queue->count ? &queue->entries[index] : NULL;
}

size_t queue_current(const Queue *queue)
{
	return queue->current;
}

bool queue_move(Queue *queue, int delta)
{
	if ((delta < 0 && (size_t)-delta > queue->current) ||
	    (delta > 0 && queue->current + (size_t)delta >= queue->count))
		return false;
	queue->current = (size_t)((long)queue->current + delta);
	if (queue->folder_key)
		save_position_line(queue->folder_key, 0, queue->entries[queue->current].name);
	return true;
}

/* Adds (sign +1) or takes back (-1) one document's summary in the queue's totals. */
static void count_summary(QueueProgress *totals, const Summary *summary, int sign)
{
	if (!summary->exists)
		return;
	size_t done = summary->known && summary->reviewed == summary->annotations;
	size_t annotations = summary->known ? summary->annotations : 0;
	size_t reviewed = summary->known ? summary->reviewed : 0;
	if (sign > 0) {
		totals->documents_started++;
		totals->documents_done += done;
		totals->annotations += annotations;
		totals->reviewed += reviewed;
	} else {
		totals->documents_started--;
		totals->documents_done -= done;
		totals->annotations -= annotations;
		totals->reviewed -= reviewed;
	}
}

/* summaries.tsv fields: size TAB mtime_ns TAB annotations TAB reviewed (key: absolute path) */
static void scan_summaries(Queue *queue)
{
	StateFile cache;
	state_load(&cache, "summaries.tsv");
	/* In a folder, names are looked up relative to it: no path walk from / for each file. */
	int folder_fd = queue->folder ? open(queue->folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	for (size_t i = 0; i < queue->count; i++) {
		Summary *summary = &queue->summaries[i];
		const char *annotation_path = queue->entries[i].annotation_path;
		struct stat st;
		int found = folder_fd >= 0 ? fstatat(folder_fd, base_name(annotation_path), &st, 0)
					   : stat(annotation_path, &st);
		summary->exists = found == 0 && S_ISREG(st.st_mode);
		summary->known = false;
		if (!summary->exists)
			continue;
		int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		char *key = queue->folder ? join(queue->folder, base_name(annotation_path))
					  : absolute_path(annotation_path);
		StateLine *line = state_find(&cache, key);
		unsigned long long size = 0, annotations = 0, reviewed = 0;
		long long cached_mtime = 0;
		if (line && sscanf(line->fields, "%llu\t%lld\t%llu\t%llu", &size, &cached_mtime, &annotations,
				   &reviewed) == 4 &&
		    size == (unsigned long long)st.st_size && cached_mtime == mtime) {
			summary->annotations = (size_t)annotations;
			summary->reviewed = (size_t)reviewed;
			summary->known = true;
		} else if (queue_scan_counts(annotation_path, &summary->annotations, &summary->reviewed)) {
			summary->known = true;
			char fields[96];
			snprintf(fields, sizeof fields, "%llu\t%lld\t%zu\t%zu", (unsigned long long)st.st_size,
				 (long long)mtime, summary->annotations, summary->reviewed);
			state_set(&cache, key, fields);
		}
		free(key);
	}
	if (folder_fd >= 0)
		close(folder_fd);
	/* The cache holds the summaries of every queue ever opened: a bound keeps it small. */
	state_write(&cache, 4 * STATE_MAX_POSITIONS);
	state_free(&cache);
	queue->totals = (QueueProgress){.documents = queue->count};
	for (size_t i = 0; i < queue->count; i++)
		count_summary(&queue->totals, &queue->summaries[i], +1);
	queue->summaries_scanned = true;
}

void queue_progress(Queue *queue, QueueProgress *progress)
{
	if (!queue->summaries_scanned)
		scan_summaries(queue);
	*progress = queue->totals;
}

void queue_describe(Queue *queue, char *out, size_t size)
{
	QueueProgress progress;
	queue_progress(queue, &progress);
	snprintf(out, size, "doc %zu/%zu · %zu done · %zu/%zu reviewed", queue->current + 1,
		 progress.documents, progress.documents_done, progress.reviewed, progress.annotations);
}

void queue_describe_open(Queue *queue, size_t annotations, size_t reviewed, char *out, size_t size)
{
	QueueProgress progress;
	queue_progress(queue, &progress);
	/* The open document as it is now, not as last saved (or not at all, before its first save:
	 * "0/0 reviewed" beside the engine's 23 candidates reads as a bug). */
	const Summary *saved = &queue->summaries[queue->current];
	if (saved->exists && saved->known) {
		progress.annotations -= saved->annotations;
		progress.reviewed -= saved->reviewed;
		progress.documents_done -= saved->reviewed == saved->annotations;
	}
	progress.annotations += annotations;
	progress.reviewed += reviewed;
	progress.documents_done += saved->exists && reviewed == annotations; /* done: saved and complete */
	snprintf(out, size, "doc %zu/%zu · %zu done · %zu/%zu reviewed", queue->current + 1,
		 progress.documents, progress.documents_done, progress.reviewed, progress.annotations);
}

void queue_document_saved(Queue *queue, const AnnotationSet *set)
{
	Summary *summary = &queue->summaries[queue->current];
	if (queue->summaries_scanned)
		count_summary(&queue->totals, summary, -1);
	summary->exists = summary->known = true;
	summary->annotations = set->annotation_count;
	summary->reviewed = 0;
	for (size_t i = 0; i < set->annotation_count; i++)
		summary->reviewed += annotation_status_is_reviewed(set->annotations[i].status);
	if (queue->summaries_scanned)
		count_summary(&queue->totals, summary, +1);
}
