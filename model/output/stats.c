/* Corpus statistics. Computed into JSON once; the text tables are printed from that JSON, so
 * the two outputs can never disagree. */
#include "model/output/stats.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "model/output/score.h"

static void increment(json_t *object, const char *key, const char *field)
{
	json_t *entry = json_object_get(object, key);
	if (field) {
		json_t *value = json_object_get(entry, field);
		json_object_set_new(entry, field, json_integer(json_integer_value(value) + 1));
	} else {
		json_object_set_new(object, key, json_integer(json_integer_value(entry) + 1));
	}
}

static double share(json_int_t part, json_int_t whole)
{
	return whole ? score_round3((double)part / (double)whole) : 0.0;
}

/* A row of review progress for a folder or an annotator. */
static json_t *review_row(json_t *rows, json_t *order, const char *name)
{
	json_t *row = json_object_get(rows, name);
	if (!row) {
		row = json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "name", name, "files", 0,
				"files_complete", 0, "annotations", 0, "candidate", 0, "accepted", 0,
				"corrected", 0, "rejected", 0, "added", 0);
		json_object_set_new(rows, name, row);
		json_array_append_new(order, json_string(name));
	}
	return row;
}

static void count_review(json_t *row, const AnnotationSet *set)
{
	increment(row, "files", NULL);
	size_t pending = 0;
	for (size_t i = 0; i < set->annotation_count; i++) {
		AnnotationStatus status = set->annotations[i].status;
		increment(row, "annotations", NULL);
		increment(row, annotation_status_name(status), NULL);
		pending += status == STATUS_CANDIDATE;
	}
	if (!pending)
		increment(row, "files_complete", NULL);
}

static json_t *finish_rows(json_t *rows, json_t *order)
{
	json_t *list = json_array();
	size_t i;
	json_t *name;
	json_array_foreach(order, i, name) {
		json_t *row = json_object_get(rows, json_string_value(name));
		json_int_t total = json_integer_value(json_object_get(row, "annotations"));
		json_int_t pending = json_integer_value(json_object_get(row, "candidate"));
		json_object_set_new(row, "reviewed_share", json_real(share(total - pending, total)));
		json_array_append(list, row);
	}
	json_decref(rows);
	json_decref(order);
	return list;
}

static char *lowercase(const char *s)
{
	char *copy = xstrdup(s);
	for (char *c = copy; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return copy;
}

/* Speakers across files: the same canonical name (lower-cased) and type is the same speaker.
 * Not the id: ids are names within one file, and two annotators (or the engine and the gold)
 * give one speaker different ids. A mention without a ref counts under its text. */
static void count_speaker(json_t *speakers, const AnnotationSet *set, const Annotation *a,
			  json_t *seen_in_file)
{
	char *name = annotation_speaker_name(set, a);
	if (!name)
		name = xstrdup("(no speaker)");
	const Speaker *speaker = a->speaker.ref ? annotation_set_find_speaker(set, a->speaker.ref) : NULL;
	const char *type = speaker && speaker->type != SPEAKER_UNSET ? speaker_type_name(speaker->type)
								     : "unknown";
	char *lower = lowercase(name);
	size_t size = strlen(lower) + strlen(type) + 2;
	char *key = xmalloc(size);
	snprintf(key, size, "%s\t%s", lower, type);
	free(lower);
	json_t *entry = json_object_get(speakers, key);
	if (!entry) {
		entry = json_pack("{s:s,s:s?,s:s,s:i,s:i}", "name", name, "id", speaker ? speaker->id : NULL,
				  "type", type, "claims", 0, "documents", 0);
		json_object_set_new(speakers, key, entry);
	}
	increment(entry, "claims", NULL);
	if (!json_object_get(seen_in_file, key)) {
		json_object_set_new(seen_in_file, key, json_true());
		increment(entry, "documents", NULL);
	}
	free(key);
	free(name);
}

static int compare_speakers(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	json_int_t ca = json_integer_value(json_object_get(a, "claims"));
	json_int_t cb = json_integer_value(json_object_get(b, "claims"));
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return strcmp(json_string_value(json_object_get(a, "name")), json_string_value(json_object_get(b, "name")));
}

static json_t *sorted_speakers(json_t *speakers)
{
	size_t count = json_object_size(speakers), i = 0;
	json_t **items = xcalloc(count ? count : 1, sizeof(json_t *));
	const char *key;
	json_t *value;
	json_object_foreach(speakers, key, value)
		items[i++] = value;
	qsort(items, count, sizeof(json_t *), compare_speakers);
	json_t *list = json_array();
	for (i = 0; i < count; i++)
		json_array_append(list, items[i]);
	free(items);
	return list;
}

static json_t *speaker_types_from(json_t *speakers)
{
	json_t *types = json_object();
	size_t i;
	json_t *speaker;
	json_array_foreach(speakers, i, speaker) {
		const char *type = json_string_value(json_object_get(speaker, "type"));
		json_int_t claims = json_integer_value(json_object_get(speaker, "claims"));
		json_object_set_new(types, type, json_integer(json_integer_value(json_object_get(types, type)) + claims));
	}
	return types;
}

static json_t *engine_bands(void)
{
	json_t *bands = json_array();
	for (int b = 0; b < STATS_CONFIDENCE_BANDS; b++) {
		char name[32];
		double from = b / (double)STATS_CONFIDENCE_BANDS, to = (b + 1) / (double)STATS_CONFIDENCE_BANDS;
		snprintf(name, sizeof name, "%.1f-%.1f", from, to);
		json_array_append_new(bands, json_pack("{s:s,s:f,s:f,s:i,s:i,s:i,s:i,s:i}", "band", name,
						       "from", from, "to", to, "reviewed", 0, "accepted", 0,
						       "corrected", 0, "rejected", 0, "pending", 0));
	}
	return bands;
}

static void count_engine(json_t *bands, const Annotation *a)
{
	if (!a->has_confidence || a->status == STATUS_ADDED)
		return;
	int band = (int)(a->confidence * STATS_CONFIDENCE_BANDS);
	if (band >= STATS_CONFIDENCE_BANDS)
		band = STATS_CONFIDENCE_BANDS - 1;
	if (band < 0)
		band = 0;
	json_t *row = json_array_get(bands, (size_t)band);
	if (a->status == STATUS_CANDIDATE) {
		increment(row, "pending", NULL);
		return;
	}
	increment(row, "reviewed", NULL);
	increment(row, annotation_status_name(a->status), NULL);
}

static void finish_bands(json_t *bands)
{
	size_t i;
	json_t *row;
	json_array_foreach(bands, i, row) {
		json_int_t reviewed = json_integer_value(json_object_get(row, "reviewed"));
		json_int_t accepted = json_integer_value(json_object_get(row, "accepted"));
		json_int_t corrected = json_integer_value(json_object_get(row, "corrected"));
		/* nothing reviewed in a band: no rate (null), not a rate of 0 % */
		json_object_set_new(row, "acceptance", reviewed ? json_real(share(accepted, reviewed)) : json_null());
		json_object_set_new(row, "kept", reviewed ? json_real(share(accepted + corrected, reviewed)) : json_null());
	}
}

json_t *stats_compute(const Corpus *corpus)
{
	json_t *speakers = json_object(), *kinds = json_object(), *labels = json_object();
	json_t *folders = json_object(), *folder_order = json_array();
	json_t *annotators = json_object(), *annotator_order = json_array();
	json_t *bands = engine_bands();
	json_int_t files = 0, annotations = 0;
	for (size_t f = 0; f < corpus->count; f++) {
		const CorpusFile *file = &corpus->files[f];
		const AnnotationSet *set = file->set;
		if (!set)
			continue;
		files++;
		count_review(review_row(folders, folder_order, file->folder), set);
		count_review(review_row(annotators, annotator_order, set->annotator ? set->annotator : "(none)"), set);
		json_t *seen = json_object();
		for (size_t i = 0; i < set->annotation_count; i++) {
			const Annotation *a = &set->annotations[i];
			annotations++;
			count_engine(bands, a);
			if (a->status == STATUS_REJECTED)
				continue;
			count_speaker(speakers, set, a, seen);
			increment(kinds, a->kind == KIND_UNSET ? "unset" : claim_kind_name(a->kind), NULL);
			increment(labels, a->label ? a->label : "(none)", NULL);
		}
		json_decref(seen);
	}
	finish_bands(bands);
	json_t *speaker_list = sorted_speakers(speakers);
	json_decref(speakers);
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:{s:o,s:o},s:o}", "files", files, "annotations",
			 annotations, "speaker_types", speaker_types_from(speaker_list), "speakers",
			 speaker_list, "kinds", kinds, "labels", labels, "review", "by_folder",
			 finish_rows(folders, folder_order), "by_annotator",
			 finish_rows(annotators, annotator_order), "engine", bands);
}

/* Prints `text` in `width` terminal columns: padded, or cut with an ellipsis (by display
 * width, never inside a character). */
/* A share as "84.0%" in `width` columns, or "-" when there is none (null). */
static void print_percent(FILE *out, json_t *value, int width)
{
	if (json_is_number(value))
		fprintf(out, "%*.1f%%", width - 1, 100 * json_number_value(value));
	else
		fprintf(out, "%*s", width, "-");
}

static void print_cell(FILE *out, const char *text, int width)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t length = (utf8proc_ssize_t)strlen(text), i = 0;
	int used = 0;
	while (i < length) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = utf8proc_iterate(s + i, length - i, &c);
		if (step <= 0)
			break;
		int w = utf8proc_charwidth(c);
		bool last_fits = used + w <= width;
		/* keep one column for the ellipsis unless the rest fits entirely */
		if (!last_fits || (used + w == width && i + step < length)) {
			fputs("…", out);
			used++;
			break;
		}
		fwrite(s + i, 1, (size_t)step, out);
		used += w;
		i += step;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

static json_int_t number(json_t *object, const char *key)
{
	return json_integer_value(json_object_get(object, key));
}

static void print_counts(FILE *out, const char *title, json_t *counts)
{
	fprintf(out, "\n%s\n", title);
	const char *key;
	json_t *value;
	json_object_foreach(counts, key, value)
	{
		fputs("  ", out);
		print_cell(out, key, 24);
		fprintf(out, " %6lld\n", (long long)json_integer_value(value));
	}
}

static void print_review(FILE *out, const char *title, json_t *rows)
{
	fprintf(out, "\n%-28s %5s %8s %6s %9s %8s %9s %8s %6s %8s\n", title, "files", "complete", "total",
		"candidate", "accepted", "corrected", "rejected", "added", "reviewed");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		fputs("  ", out);
		print_cell(out, json_string_value(json_object_get(row, "name")), 26);
		fprintf(out, " %5lld %8lld %6lld %9lld %8lld %9lld %8lld %6lld %7.1f%%\n",
			(long long)number(row, "files"),
			(long long)number(row, "files_complete"), (long long)number(row, "annotations"),
			(long long)number(row, "candidate"), (long long)number(row, "accepted"),
			(long long)number(row, "corrected"), (long long)number(row, "rejected"),
			(long long)number(row, "added"),
			100 * json_real_value(json_object_get(row, "reviewed_share")));
	}
}

void stats_print(json_t *stats, FILE *out)
{
	fprintf(out, "%lld files, %lld annotations\n", (long long)number(stats, "files"),
		(long long)number(stats, "annotations"));
	fprintf(out, "\n%-40s %-13s %6s %9s\n", "speaker", "type", "claims", "documents");
	size_t i;
	json_t *speaker;
	json_array_foreach(json_object_get(stats, "speakers"), i, speaker) {
		fputs("  ", out);
		print_cell(out, json_string_value(json_object_get(speaker, "name")), 38);
		fprintf(out, " %-13s %6lld %9lld\n", json_string_value(json_object_get(speaker, "type")),
			(long long)number(speaker, "claims"), (long long)number(speaker, "documents"));
	}
	print_counts(out, "claims by speaker type", json_object_get(stats, "speaker_types"));
	print_counts(out, "claims by kind", json_object_get(stats, "kinds"));
	print_counts(out, "claims by label", json_object_get(stats, "labels"));
	json_t *review = json_object_get(stats, "review");
	print_review(out, "review progress by folder", json_object_get(review, "by_folder"));
	print_review(out, "review progress by annotator", json_object_get(review, "by_annotator"));
	fprintf(out, "\n%-28s %8s %8s %9s %8s %7s %10s %6s\n", "engine confidence", "reviewed", "accepted",
		"corrected", "rejected", "pending", "acceptance", "kept");
	json_t *band;
	json_array_foreach(json_object_get(stats, "engine"), i, band) {
		fprintf(out, "  %-26s %8lld %8lld %9lld %8lld %7lld ",
			json_string_value(json_object_get(band, "band")), (long long)number(band, "reviewed"),
			(long long)number(band, "accepted"), (long long)number(band, "corrected"),
			(long long)number(band, "rejected"), (long long)number(band, "pending"));
		print_percent(out, json_object_get(band, "acceptance"), 10);
		fputc(' ', out);
		print_percent(out, json_object_get(band, "kept"), 6);
		fputc('\n', out);
	}
}
