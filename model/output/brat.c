/* brat standoff in the PolNeAR attribution scheme: writing, reading, finding files. */
#include "model/output/brat.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/output/output_file.h"
#include "model/path.h"

/* ---- writing ---- */

typedef struct Counters {
	unsigned t, e, a, note;
} Counters;

static void write_clean(FILE *out, const char *text)
{
	/* brat keeps one annotation per line: line breaks and tabs inside become spaces */
	for (const char *c = text; *c; c++)
		fputc(*c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c, out);
}

static bool is_token_value(const char *value)
{
	if (!value || !*value)
		return false;
	for (const char *c = value; *c; c++)
		if (isspace((unsigned char)*c))
			return false;
	return true;
}

static unsigned write_text_bound(const AnnotationSet *set, const Span *span, const char *type,
				 Counters *n, FILE *out)
{
	const Article *article = set->article;
	unsigned id = ++n->t;
	fprintf(out, "T%u\t%s ", id, type);
	size_t count = span->part_count ? span->part_count : 1;
	for (size_t i = 0; i < count; i++) {
		ByteRange r = span->part_count ? span->parts[i] : (ByteRange){span->start, span->end};
		fprintf(out, "%s%zu %zu", i ? ";" : "", article_cp_of_byte(article, r.start),
			article_cp_of_byte(article, r.end));
	}
	fputc('\t', out);
	for (size_t i = 0; i < count; i++) {
		ByteRange r = span->part_count ? span->parts[i] : (ByteRange){span->start, span->end};
		char *text = xstrndup(article_text(article) + r.start, r.end - r.start);
		if (i)
			fputc(' ', out);
		write_clean(out, text);
		free(text);
	}
	fputc('\n', out);
	return id;
}

static void write_attribute(FILE *out, Counters *n, const char *name, char target, unsigned id,
			    const char *value)
{
	if (is_token_value(value))
		fprintf(out, "A%u\t%s %c%u %s\n", ++n->a, name, target, id, value);
}

static void write_note(FILE *out, Counters *n, char target, unsigned id, const char *prefix,
		       const char *text)
{
	fprintf(out, "#%u\tAnnotatorNotes %c%u\t%s", ++n->note, target, id, prefix);
	write_clean(out, text);
	fputc('\n', out);
}

/* Shortest decimal that reads back as the same double. */
static void format_double(double value, char *out, size_t size)
{
	for (int precision = 6; precision <= 17; precision++) {
		snprintf(out, size, "%.*g", precision, value);
		if (strtod(out, NULL) == value)
			return;
	}
}

size_t brat_write_ann(const AnnotationSet *set, const ExportOptions *options, FILE *out)
{
	Counters n = {0};
	size_t written = 0;
	size_t *order = annotation_set_position_order(set);
	for (size_t k = 0; k < set->annotation_count; k++) {
		const Annotation *a = &set->annotations[order[k]];
		if (!export_selects(a, options))
			continue;
		written++;
		unsigned source = a->speaker.present ? write_text_bound(set, &a->speaker, "Source", &n, out) : 0;
		unsigned cue = a->cue.present ? write_text_bound(set, &a->cue, "Cue", &n, out) : 0;
		unsigned content = write_text_bound(set, &a->claim, "Content", &n, out);
		const char *trigger_type = source ? "Attribution" : "Attribution-no-source";
		unsigned trigger = write_text_bound(set, a->cue.present ? &a->cue : &a->claim, trigger_type, &n, out);
		unsigned event = ++n.e;
		fprintf(out, "E%u\t%s:T%u Content:T%u", event, trigger_type, trigger, content);
		if (cue)
			fprintf(out, " Cue:T%u", cue);
		if (source)
			fprintf(out, " Source:T%u", source);
		fputc('\n', out);
		write_attribute(out, &n, "Id", 'E', event, a->id);
		write_attribute(out, &n, "Status", 'E', event, annotation_status_name(a->status));
		if (a->kind != KIND_UNSET)
			write_attribute(out, &n, "Kind", 'E', event, claim_kind_name(a->kind));
		write_attribute(out, &n, "Label", 'E', event, a->label);
		if (a->has_confidence) {
			char number[40];
			format_double(a->confidence, number, sizeof number);
			write_attribute(out, &n, "Confidence", 'E', event, number);
		}
		if (a->note)
			write_note(out, &n, 'E', event, "", a->note);
		if (source && a->speaker.ref) {
			write_attribute(out, &n, "Speaker", 'T', source, a->speaker.ref);
			const Speaker *speaker = annotation_set_find_speaker(set, a->speaker.ref);
			if (speaker && speaker->type != SPEAKER_UNSET)
				write_attribute(out, &n, "SpeakerType", 'T', source, speaker_type_name(speaker->type));
			if (speaker && speaker->name)
				write_note(out, &n, 'T', source, "speaker: ", speaker->name);
		}
	}
	free(order);
	return written;
}

/* ---- reading ---- */

typedef struct Fragment {
	size_t start, end; /* code points */
} Fragment;

typedef struct TextBound {
	char *id, *type;
	Fragment *fragments;
	size_t fragment_count;
} TextBound;

typedef struct Role {
	char *role, *target;
} Role;

typedef struct Event {
	char *id;
	char *type;
	Role *roles;
	size_t role_count;
	unsigned line;
} Event;

typedef struct Attribute {
	char *name, *target, *value;
} Attribute;

typedef struct Note {
	char *target, *text;
} Note;

typedef struct AnnFile {
	TextBound *spans;
	size_t span_count;
	Event *events;
	size_t event_count;
	Attribute *attributes;
	size_t attribute_count;
	Note *notes;
	size_t note_count;
} AnnFile;

static void *grow(void *items, size_t count, size_t size)
{
	/* capacity doubles at powers of two: amortised O(1) appends without a capacity field */
	if (count == 0 || (count & (count - 1)) == 0)
		items = xrealloc(items, (count ? count * 2 : 4) * size);
	return items;
}

static void ann_free(AnnFile *f)
{
	for (size_t i = 0; i < f->span_count; i++) {
		free(f->spans[i].id);
		free(f->spans[i].type);
		free(f->spans[i].fragments);
	}
	for (size_t i = 0; i < f->event_count; i++) {
		free(f->events[i].id);
		free(f->events[i].type);
		for (size_t r = 0; r < f->events[i].role_count; r++) {
			free(f->events[i].roles[r].role);
			free(f->events[i].roles[r].target);
		}
		free(f->events[i].roles);
	}
	for (size_t i = 0; i < f->attribute_count; i++) {
		free(f->attributes[i].name);
		free(f->attributes[i].target);
		free(f->attributes[i].value);
	}
	for (size_t i = 0; i < f->note_count; i++) {
		free(f->notes[i].target);
		free(f->notes[i].text);
	}
	free(f->spans);
	free(f->events);
	free(f->attributes);
	free(f->notes);
}

/* "T12": a letter (or #) and digits, then a tab: the start of an annotation line. Other lines
 * continue the text of the previous one (PolNeAR has spans whose text holds a line break). */
static bool is_annotation_line(const char *line)
{
	if (!strchr("TEAMRN#*", line[0]))
		return false;
	size_t i = 1;
	while (isdigit((unsigned char)line[i]))
		i++;
	return line[i] == '\t';
}

static bool parse_fragments(const char *text, size_t length, TextBound *tb, const char *path,
			    unsigned line, unsigned column, Diagnostics *diag)
{
	const char *p = text;
	while (*p) {
		char *end;
		errno = 0;
		unsigned long long a = strtoull(p, &end, 10);
		if (end == p || *end != ' ' || errno) {
			diagnostics_add(diag, DIAG_ERROR, path, line, column + (unsigned)(p - text),
					"expected 'START END' offsets");
			return false;
		}
		p = end + 1;
		unsigned long long b = strtoull(p, &end, 10);
		if (end == p || (*end && *end != ';') || errno) {
			diagnostics_add(diag, DIAG_ERROR, path, line, column + (unsigned)(p - text),
					"expected an END offset");
			return false;
		}
		if (a > b || b > length) {
			diagnostics_add(diag, DIAG_ERROR, path, line, column + (unsigned)(p - text),
					"offsets %llu..%llu outside the text (%zu code points) or reversed",
					a, b, length);
			return false;
		}
		tb->fragments = grow(tb->fragments, tb->fragment_count, sizeof(Fragment));
		tb->fragments[tb->fragment_count++] = (Fragment){(size_t)a, (size_t)b};
		p = *end == ';' ? end + 1 : end;
	}
	if (!tb->fragment_count) {
		diagnostics_add(diag, DIAG_ERROR, path, line, column, "no offsets");
		return false;
	}
	return true;
}

/* brat repeats the covered text after the offsets (fragments joined by a space); a file whose
 * text and offsets disagree was made for another version of the article. The offsets win. */
static void check_span_text(const TextBound *tb, const char *text, const Article *article, const char *path,
			    unsigned line, unsigned column, Diagnostics *diag)
{
	size_t size = 0;
	for (size_t i = 0; i < tb->fragment_count; i++)
		size += article_byte_of_cp(article, tb->fragments[i].end) -
			article_byte_of_cp(article, tb->fragments[i].start) + 1;
	char *covered = xmalloc(size + 1), *end = covered;
	for (size_t i = 0; i < tb->fragment_count; i++) {
		size_t from = article_byte_of_cp(article, tb->fragments[i].start),
		       to = article_byte_of_cp(article, tb->fragments[i].end);
		if (i)
			*end++ = ' ';
		memcpy(end, article_text(article) + from, to - from);
		end += to - from;
	}
	*end = '\0';
	/* a covered line break continues the text on the next line of the .ann: not compared */
	if (!strchr(covered, '\n') && strcmp(covered, text) != 0)
		diagnostics_add(diag, DIAG_WARNING, path, line, column,
				"%s says \"%.60s\" but the article has \"%.60s\" there (the offsets are used)",
				tb->id, text, covered);
	free(covered);
}

static bool parse_line(AnnFile *f, char *line, const Article *article, const char *path, unsigned number,
		       Diagnostics *diag)
{
	size_t text_length = article_length(article);
	char *tab = strchr(line, '\t');
	*tab = '\0';
	char *id = line, *body = tab + 1;
	unsigned body_column = (unsigned)(body - line) + 1;
	char *rest = strchr(body, '\t');
	if (rest)
		*rest++ = '\0';
	switch (id[0]) {
	case 'T': {
		char *space = strchr(body, ' ');
		if (!space) {
			diagnostics_add(diag, DIAG_ERROR, path, number, body_column, "expected 'TYPE START END'");
			return false;
		}
		*space = '\0';
		TextBound tb = {xstrdup(id), xstrdup(body), NULL, 0};
		if (!parse_fragments(space + 1, text_length, &tb, path, number,
				     body_column + (unsigned)(space + 1 - body), diag)) {
			free(tb.id);
			free(tb.type);
			free(tb.fragments);
			return false;
		}
		if (rest)
			check_span_text(&tb, rest, article, path, number, (unsigned)(rest - line) + 1, diag);
		f->spans = grow(f->spans, f->span_count, sizeof(TextBound));
		f->spans[f->span_count++] = tb;
		return true;
	}
	case 'E': {
		Event event = {xstrdup(id), NULL, NULL, 0, number};
		for (char *save = NULL, *word = strtok_r(body, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
			char *colon = strchr(word, ':');
			if (!colon) {
				diagnostics_add(diag, DIAG_ERROR, path, number,
						body_column + (unsigned)(word - body), "expected ROLE:ID");
				continue;
			}
			*colon = '\0';
			if (!event.type) {
				event.type = xstrdup(word);
				continue;
			}
			event.roles = grow(event.roles, event.role_count, sizeof(Role));
			event.roles[event.role_count++] = (Role){xstrdup(word), xstrdup(colon + 1)};
		}
		if (!event.type)
			event.type = xstrdup("");
		f->events = grow(f->events, f->event_count, sizeof(Event));
		f->events[f->event_count++] = event;
		return true;
	}
	case 'A': case 'M': {
		char *save = NULL;
		char *name = strtok_r(body, " ", &save), *target = strtok_r(NULL, " ", &save);
		char *value = strtok_r(NULL, " ", &save);
		if (!name || !target) {
			diagnostics_add(diag, DIAG_ERROR, path, number, body_column, "expected 'NAME TARGET [VALUE]'");
			return false;
		}
		f->attributes = grow(f->attributes, f->attribute_count, sizeof(Attribute));
		f->attributes[f->attribute_count++] = (Attribute){xstrdup(name), xstrdup(target),
								  xstrdup(value ? value : "")};
		return true;
	}
	case '#': {
		char *space = strchr(body, ' ');
		if (space && rest) {
			f->notes = grow(f->notes, f->note_count, sizeof(Note));
			f->notes[f->note_count++] = (Note){xstrdup(space + 1), xstrdup(rest)};
		}
		return true;
	}
	default: /* relations, normalisations, equivalences: not part of the scheme */
		return true;
	}
}

static const TextBound *find_span(const AnnFile *f, const char *id)
{
	for (size_t i = 0; i < f->span_count; i++)
		if (strcmp(f->spans[i].id, id) == 0)
			return &f->spans[i];
	return NULL;
}

static const char *find_attribute(const AnnFile *f, const char *target, const char *name)
{
	for (size_t i = 0; i < f->attribute_count; i++)
		if (strcmp(f->attributes[i].target, target) == 0 && strcmp(f->attributes[i].name, name) == 0)
			return f->attributes[i].value;
	return NULL;
}

static const char *find_note(const AnnFile *f, const char *target, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < f->note_count; i++)
		if (strcmp(f->notes[i].target, target) == 0 && strncmp(f->notes[i].text, prefix, n) == 0)
			return f->notes[i].text + n;
	return NULL;
}

static int compare_fragments(const void *a, const void *b)
{
	const Fragment *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* The fragments of every role named `role` or `role` + digits (Content, Content2...), sorted,
 * as a span (parts when more than one). Returns the source T id through *first_id. */
static bool role_span(const AnnFile *f, const Event *event, const char *role, const Article *article,
		      Span *span, const char **first_id)
{
	Fragment *fragments = NULL;
	size_t count = 0;
	size_t n = strlen(role);
	*first_id = NULL;
	for (size_t r = 0; r < event->role_count; r++) {
		const char *name = event->roles[r].role;
		if (strncmp(name, role, n) != 0 || strspn(name + n, "0123456789") != strlen(name + n))
			continue;
		const TextBound *tb = find_span(f, event->roles[r].target);
		if (!tb)
			continue;
		if (!*first_id)
			*first_id = tb->id;
		for (size_t i = 0; i < tb->fragment_count; i++) {
			fragments = grow(fragments, count, sizeof(Fragment));
			fragments[count++] = tb->fragments[i];
		}
	}
	*span = (Span){0};
	if (!count)
		return false;
	qsort(fragments, count, sizeof(Fragment), compare_fragments);
	span->present = true;
	span->start = article_byte_of_cp(article, fragments[0].start);
	span->end = 0;
	for (size_t i = 0; i < count; i++) {
		size_t end = article_byte_of_cp(article, fragments[i].end);
		if (end > span->end)
			span->end = end;
	}
	if (count > 1) {
		span->parts = xcalloc(count, sizeof(ByteRange));
		span->part_count = count;
		for (size_t i = 0; i < count; i++)
			span->parts[i] = (ByteRange){article_byte_of_cp(article, fragments[i].start),
						     article_byte_of_cp(article, fragments[i].end)};
	}
	free(fragments);
	return true;
}

static void ensure_speaker(AnnotationSet *set, const AnnFile *f, const char *source_id, const char *ref)
{
	if (annotation_set_find_speaker(set, ref))
		return;
	const char *name = find_note(f, source_id, "speaker: ");
	const char *type = find_attribute(f, source_id, "SpeakerType");
	Speaker speaker = {.id = (char *)ref, .name = (char *)(name ? name : ref)};
	if (type)
		speaker_type_parse(type, &speaker.type);
	annotation_set_append_speaker(set, &speaker);
}

static void add_label(char ***labels, size_t *count, const char *label)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*labels)[i], label) == 0)
			return;
	*labels = xrealloc(*labels, (*count + 1) * sizeof(char *));
	(*labels)[(*count)++] = (char *)label;
}

static bool build_set(AnnotationSet *set, const AnnFile *f, const char *path, Diagnostics *diag)
{
	bool ok = true;
	char **labels = NULL;
	size_t label_count = 0;
	bool any_label = false;
	for (size_t i = 0; i < annotation_default_label_count; i++)
		add_label(&labels, &label_count, annotation_default_labels[i]);
	for (size_t e = 0; e < f->event_count; e++) {
		const Event *event = &f->events[e];
		Annotation a = {0};
		const char *content_id, *source_id, *cue_id;
		if (!role_span(f, event, "Content", set->article, &a.claim, &content_id)) {
			diagnostics_add(diag, DIAG_WARNING, path, event->line, 1,
					"event %s has no Content: skipped", event->id);
			continue;
		}
		role_span(f, event, "Source", set->article, &a.speaker, &source_id);
		role_span(f, event, "Cue", set->article, &a.cue, &cue_id);
		a.status = STATUS_ADDED;
		const char *status = find_attribute(f, event->id, "Status");
		if (status && !annotation_status_parse(status, &a.status)) {
			diagnostics_add(diag, DIAG_ERROR, path, event->line, 1, "unknown status '%s' on %s",
					status, event->id);
			ok = false;
		}
		const char *kind = find_attribute(f, event->id, "Kind");
		if (kind && !claim_kind_parse(kind, &a.kind)) {
			diagnostics_add(diag, DIAG_ERROR, path, event->line, 1, "unknown kind '%s' on %s", kind,
					event->id);
			ok = false;
		}
		const char *label = find_attribute(f, event->id, "Label");
		if (label && *label) {
			a.label = xstrdup(label);
			add_label(&labels, &label_count, label);
			any_label = true;
		}
		const char *confidence = find_attribute(f, event->id, "Confidence");
		if (confidence) {
			char *end;
			a.confidence = strtod(confidence, &end);
			a.has_confidence = *end == '\0' && a.confidence >= 0 && a.confidence <= 1;
			if (!a.has_confidence)
				diagnostics_add(diag, DIAG_WARNING, path, event->line, 1,
						"confidence '%s' on %s is not a number in 0..1: ignored",
						confidence, event->id);
		}
		const char *note = find_note(f, event->id, "");
		if (!note && content_id)
			note = find_note(f, content_id, "");
		if (note)
			a.note = xstrdup(note);
		const char *ref = source_id ? find_attribute(f, source_id, "Speaker") : NULL;
		if (ref && *ref) {
			ensure_speaker(set, f, source_id, ref);
			a.speaker.ref = xstrdup(ref);
		}
		const char *id = find_attribute(f, event->id, "Id");
		if (id && *id && annotation_set_annotation_index(set, id) == (size_t)-1) {
			a.id = xstrdup(id);
		} else {
			char fallback[64];
			snprintf(fallback, sizeof fallback, "%c%s", tolower((unsigned char)event->id[0]), event->id + 1);
			a.id = annotation_set_annotation_index(set, fallback) == (size_t)-1
				? xstrdup(fallback) : annotation_set_new_annotation_id(set);
		}
		annotation_set_append(set, &a);
		annotation_clear(&a);
	}
	if (any_label)
		annotation_set_set_labels(set, (const char *const *)labels, label_count);
	free(labels);
	return ok;
}

AnnotationSet *brat_read(const char *ann_path, Article *article, const char *document,
			 const char *annotator, Diagnostics *diag)
{
	FILE *in = fopen(ann_path, "r");
	if (!in) {
		diagnostics_add(diag, DIAG_ERROR, ann_path, 0, 0, "cannot open: %s", strerror(errno));
		article_free(article);
		return NULL;
	}
	AnnFile f = {0};
	bool ok = true;
	char *line = NULL;
	size_t capacity = 0;
	ssize_t length;
	unsigned number = 0;
	while ((length = getline(&line, &capacity, in)) >= 0) {
		number++;
		while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
			line[--length] = '\0';
		/* bytes that are not text would reach the YAML file (and fail there, unexplained) */
		if (!article_check_line(ann_path, number, line, (size_t)length, diag)) {
			ok = false;
			break;
		}
		if (is_annotation_line(line))
			ok &= parse_line(&f, line, article, ann_path, number, diag);
	}
	free(line);
	fclose(in);
	AnnotationSet *set = annotation_set_new(article);
	set->document_id = document ? xstrdup(document) : NULL;
	set->annotator = annotator ? xstrdup(annotator) : NULL;
	set->document_sha256 = xstrdup(article_sha256(article));
	ok &= build_set(set, &f, ann_path, diag);
	ann_free(&f);
	if (!ok) {
		annotation_set_free(set);
		return NULL;
	}
	return set;
}

/* ---- finding files ---- */

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *format_path(const char *folder, const char *middle, const char *name, const char *suffix)
{
	size_t size = strlen(folder) + strlen(middle) + strlen(name) + strlen(suffix) + 2;
	char *path = xmalloc(size);
	snprintf(path, size, "%s/%s%s%s", folder, middle, name, suffix);
	return path;
}

bool brat_locate_text(const char *ann_path, char **text_path, char **document, char **annotator,
		      Diagnostics *diag)
{
	char *folder = path_folder(ann_path);
	char *stem = xstrdup(path_base_name(ann_path));
	size_t n = strlen(stem);
	if (n > 4 && strcmp(stem + n - 4, ".ann") == 0)
		stem[n - 4] = '\0';
	*text_path = *document = *annotator = NULL;
	char *candidate = format_path(folder, "", stem, ".txt");
	if (is_file(candidate)) {
		*text_path = candidate;
		*document = xstrdup(stem);
	} else {
		free(candidate);
		char *underscore = strrchr(stem, '_');
		if (underscore && underscore != stem && underscore[1]) {
			char *doc = xstrndup(stem, (size_t)(underscore - stem));
			const char *middles[] = {"", "../text/"};
			for (size_t i = 0; i < 2 && !*text_path; i++) {
				candidate = format_path(folder, middles[i], doc, ".txt");
				if (is_file(candidate)) {
					*text_path = candidate;
					*document = xstrdup(doc);
					*annotator = xstrdup(underscore + 1);
				} else {
					free(candidate);
				}
			}
			free(doc);
		}
		if (!*text_path) {
			candidate = format_path(folder, "../text/", stem, ".txt");
			if (is_file(candidate)) {
				*text_path = candidate;
				*document = xstrdup(stem);
			} else {
				free(candidate);
			}
		}
	}
	if (!*text_path)
		diagnostics_add(diag, DIAG_ERROR, ann_path, 0, 0,
				"no text found for it (looked for %s.txt beside it, DOC.txt for DOC_ANNOTATOR.ann, "
				"and ../text/)", stem);
	free(folder);
	free(stem);
	return *text_path != NULL;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_folder(const char *folder, char ***out, size_t *count)
{
	DIR *dir = opendir(folder);
	if (!dir)
		return;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		size_t n = strlen(entry->d_name);
		if (entry->d_name[0] == '.' || n <= 4 || strcmp(entry->d_name + n - 4, ".ann") != 0)
			continue;
		char *path = format_path(folder, "", entry->d_name, "");
		if (!is_file(path)) {
			free(path);
			continue;
		}
		*out = grow(*out, *count, sizeof(char *));
		(*out)[(*count)++] = path;
	}
	closedir(dir);
}

bool brat_list(const char *path, char ***out, size_t *count, Diagnostics *diag)
{
	struct stat st;
	*out = NULL;
	*count = 0;
	if (stat(path, &st) != 0) {
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		*out = grow(*out, 0, sizeof(char *));
		(*out)[(*count)++] = xstrdup(path);
		return true;
	}
	list_folder(path, out, count);
	char *attributions = format_path(path, "", "attributions", "");
	list_folder(attributions, out, count);
	free(attributions);
	if (!*count) {
		/* importing nothing from a folder means a wrong path, not success */
		diagnostics_add(diag, DIAG_ERROR, path, 0, 0, "no .ann files here or in attributions/");
		return false;
	}
	qsort(*out, *count, sizeof(char *), compare_strings);
	return true;
}

/* ---- exporting files ---- */

static bool write_file(const char *path, const char *bytes, size_t size, Diagnostics *diag)
{
	OutputFile file;
	if (!output_file_open(&file, path, diag))
		return false;
	fwrite(bytes, 1, size, file.stream);
	return output_file_close(&file, true, diag);
}

bool brat_export(const AnnotationSet *set, const char *document, const char *out_dir, BratLayout layout,
		 const ExportOptions *options, size_t *written, Diagnostics *diag)
{
	*written = 0;
	char *text_path, *ann_path;
	if (layout == BRAT_LAYOUT_POLNEAR) {
		char *text_dir = format_path(out_dir, "", "text", ""),
		     *ann_dir = format_path(out_dir, "", "attributions", "");
		bool folders = path_make_folders(text_dir, diag) && path_make_folders(ann_dir, diag);
		free(text_dir);
		free(ann_dir);
		if (!folders)
			return false;
		text_path = format_path(out_dir, "text/", document, ".txt");
		size_t size = strlen(document) + strlen(set->annotator ? set->annotator : "anonymous") + 8;
		char *name = xmalloc(size);
		snprintf(name, size, "%s_%s", document, set->annotator ? set->annotator : "anonymous");
		/* the annotator is what follows the last '_' (PolNeAR, polnear_score.py): keep it one piece */
		for (char *c = name + strlen(document) + 1; *c; c++)
			if (*c == '_' || *c == '/')
				*c = '-';
		ann_path = format_path(out_dir, "attributions/", name, ".ann");
		free(name);
	} else {
		text_path = format_path(out_dir, "", document, ".txt");
		ann_path = format_path(out_dir, "", document, ".ann");
	}
	bool ok = write_file(text_path, article_text(set->article), article_size(set->article), diag);
	OutputFile ann;
	if (ok && (ok = output_file_open(&ann, ann_path, diag))) {
		size_t count = brat_write_ann(set, options, ann.stream);
		ok = output_file_close(&ann, true, diag);
		*written = ok ? count : 0;
	}
	free(text_path);
	free(ann_path);
	return ok;
}
