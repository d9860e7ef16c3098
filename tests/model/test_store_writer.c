/* The direct writer (model/store_write.c) against the libyaml emitter it replaced
 * (tests/model/reference_writer.c, the old code): the same bytes for every fixture and for
 * thousands of random models full of awkward strings, and every string read back unchanged. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store.h"
#include "model/yaml_value.h"
#include "tests/model/reference_writer.h"
#include "tests/model/yaml_files.h"

static uint64_t random_state;

static unsigned random_below(unsigned n)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return (unsigned)(random_state % n);
}

static char *write_with(bool reference, AnnotationSet *set, size_t *size)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, size);
	Diagnostics diag = {0};
	bool ok = reference ? reference_store_write(set, out, "reference", &diag)
			    : store_write(set, out, "direct", &diag);
	fclose(out);
	if (!ok) {
		diagnostics_print(&diag, stderr);
		cr_assert_fail("%s writer failed", reference ? "the reference" : "the direct");
	}
	diagnostics_free(&diag);
	return text;
}

/* Both writers on the set; the direct one first (the two update `updated`/sha256 alike). */
static char *expect_same_bytes(AnnotationSet *set, const char *what)
{
	size_t direct_size, reference_size;
	char *direct = write_with(false, set, &direct_size);
	char *reference = write_with(true, set, &reference_size);
	size_t at = 0;
	while (at < direct_size && at < reference_size && direct[at] == reference[at])
		at++;
	cr_expect(direct_size == reference_size && at == direct_size,
		  "%s: the writers differ at byte %zu (sizes %zu, %zu):\n--- direct:\n%.300s\n"
		  "--- reference:\n%.300s", what, at, direct_size, reference_size,
		  direct + (at > 100 ? at - 100 : 0), reference + (at > 100 ? at - 100 : 0));
	free(reference);
	return direct;
}

/* ---- fixtures ---- */

static void compare_file(const char *path)
{
	Diagnostics diag = {0};
	StoreLoadOptions options = { .sha256_mismatch_is_warning = true };
	AnnotationSet *set = store_load(path, &options, &diag);
	diagnostics_free(&diag);
	if (!set)
		return; /* the refused fixtures: nothing to write */
	free(expect_same_bytes(set, path));
	annotation_set_free(set);
}

Test(store_writer, fixtures_and_samples_same_bytes_as_libyaml)
{
	cr_expect_gt(for_each_yaml_file("tests/fixtures/store", compare_file), 3);
	cr_expect_gt(for_each_yaml_file("samples", compare_file), 0);
	for_each_yaml_file("../shared/gold", compare_file); /* when present */
}

/* ---- random models ---- */

static const char *const pieces[] = {
	"a", "b", "word", "Zhao", "x", "0", "42", " ", " ", "  ", ": ", ":", "#", " #", "- ", "-",
	"?", "? ", ",", "[", "]", "{", "}", "'", "''", "\"", "\\", "|", ">", "!", "&", "*", "%",
	"@", "`", "~", "=", "<<", "\t", "\n", "\n\n", "\r", "\r\n", "\x01", "\x1B", "\x7F", "é",
	"北京", "“", "”", "—", "\xC2\x85", "\xC2\xA0", "\xC2\x80", "\xE2\x80\xA8", "\xE2\x80\xA9",
	"\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBD", "\xED\x9F\xBF", "e\xCC\x81",
	"\xF0\x9F\x8E\x89", "\xF0\x9F\x91\x8D", "\xEE\x80\x80", "---", "...", "yes", "no", "null",
	"~", "true", "123", "1.5", "0x1F", "2026-01-01", "1e3", "-1", ".inf", "y", "N", "Off",
};

/* Pieces joined at random; sometimes a long run (long lines, keys over 128 bytes). */
static char *random_string(bool allow_private_use, bool allow_empty)
{
	size_t capacity = 64, n = 0;
	char *s = xmalloc(capacity);
	unsigned count = random_below(10) == 0 ? 0 : 1 + random_below(6);
	if (count == 0 && !allow_empty)
		count = 1;
	for (unsigned i = 0; i < count; i++) {
		const char *piece;
		do
			piece = pieces[random_below(sizeof pieces / sizeof pieces[0])];
		while (!allow_private_use && strcmp(piece, "\xEE\x80\x80") == 0);
		unsigned repeat = random_below(20) == 0 ? 40 + random_below(100) : 1;
		size_t length = strlen(piece);
		for (unsigned r = 0; r < repeat; r++) {
			if (n + length + 1 > capacity) {
				capacity = (n + length + 1) * 2;
				s = xrealloc(s, capacity);
			}
			memcpy(s + n, piece, length);
			n += length;
		}
	}
	s[n] = '\0';
	return s;
}

static YamlValue *random_value(int depth, bool allow_private_use)
{
	YamlValue *value = xcalloc(1, sizeof *value);
	unsigned kind = depth >= 3 ? 0 : random_below(5);
	static const char *const tags[] = { "!local", "tag:yaml.org,2002:str",
					    "tag:example.com,2000:app/x y", "!", "x" };
	if (random_below(8) == 0)
		value->tag = xstrdup(tags[random_below(5)]);
	if (kind <= 2) {
		value->type = YAML_VALUE_SCALAR;
		static const yaml_scalar_style_t styles[] = {
			YAML_PLAIN_SCALAR_STYLE, YAML_SINGLE_QUOTED_SCALAR_STYLE,
			YAML_DOUBLE_QUOTED_SCALAR_STYLE, YAML_LITERAL_SCALAR_STYLE,
			YAML_FOLDED_SCALAR_STYLE,
		};
		value->scalar_style = styles[random_below(5)];
		value->scalar = random_string(allow_private_use, true);
		value->scalar_length = strlen(value->scalar);
		if (random_below(30) == 0 && value->scalar_length) { /* a NUL inside, for an ASCII byte */
			size_t at = random_below((unsigned)value->scalar_length);
			if ((unsigned char)value->scalar[at] < 0x80)
				value->scalar[at] = '\0';
		}
		return value;
	}
	value->type = kind == 3 ? YAML_VALUE_SEQUENCE : YAML_VALUE_MAPPING;
	value->flow = random_below(2);
	value->count = random_below(4);
	value->items = xcalloc(value->count + 1, sizeof *value->items);
	if (kind == 4)
		value->keys = xcalloc(value->count + 1, sizeof *value->keys);
	for (size_t i = 0; i < value->count; i++) {
		value->items[i] = random_value(depth + 1, allow_private_use);
		if (kind == 4)
			value->keys[i] = random_value(depth + (random_below(4) ? 3 : 1), allow_private_use);
	}
	return value;
}

static void random_extras(ExtraFields *extras, bool allow_private_use)
{
	unsigned count = random_below(3) == 0 ? 1 + random_below(2) : 0;
	for (unsigned i = 0; i < count; i++) {
		char *key = random_string(allow_private_use, false);
		if (extra_fields_has(extras, key)) {
			free(key);
			continue;
		}
		extra_fields_add(extras, key, random_value(0, allow_private_use));
	}
}

/* An article of random text: no NUL, valid UTF-8; pieces that make a valid article. */
static Article *random_article(bool allow_private_use)
{
	for (;;) {
		char *text = random_string(allow_private_use, true);
		size_t length = strlen(text);
		/* room for spans */
		char *longer = xasprintf("%s said “it is so” %s", text, text);
		free(text);
		Diagnostics diag = {0};
		Article *article = article_from_memory("random", longer, strlen(longer), &diag);
		diagnostics_free(&diag);
		free(longer);
		(void)length;
		if (article)
			return article;
	}
}

static Span random_span(const Article *article)
{
	size_t length = article_length(article);
	size_t a = random_below((unsigned)length + 1), b = random_below((unsigned)length + 1);
	if (a > b) {
		size_t t = a;
		a = b;
		b = t;
	}
	return (Span){ .present = true, .start = article_byte_of_cp(article, a),
		       .end = article_byte_of_cp(article, b) };
}

static AnnotationSet *random_set(void)
{
	bool allow_private_use = random_below(6) == 0;
	AnnotationSet *set = annotation_set_new(random_article(allow_private_use));
	set->document_inline = random_below(3) == 0;
	if (!set->document_inline)
		set->document_path = random_string(allow_private_use, false);
	if (random_below(2))
		set->document_id = random_string(allow_private_use, true);
	if (random_below(2)) {
		set->has_engine = true;
		if (random_below(2))
			set->engine_name = random_string(allow_private_use, true);
		if (random_below(2))
			set->engine_version = random_string(allow_private_use, true);
		random_extras(&set->engine_extras, allow_private_use);
	}
	if (random_below(2))
		set->annotator = random_string(allow_private_use, true);
	if (random_below(2)) /* written as it is, unquoted: a time, as the store makes it */
		set->updated = xstrdup("2026-11-25T11:00:00Z");
	random_extras(&set->document_extras, allow_private_use);
	random_extras(&set->extras, allow_private_use);

	char *label = random_string(allow_private_use, true);
	if (random_below(4)) {
		const char *labels[] = { label, "other" };
		annotation_set_set_labels(set, labels, strcmp(label, "other") ? 2 : 1);
	}
	unsigned speakers = random_below(3);
	char *speaker_ids[3] = {0};
	for (unsigned i = 0; i < speakers; i++) {
		char *id = random_string(allow_private_use, false);
		speaker_ids[i] = xasprintf("%s%u", id, i); /* distinct */
		free(id);
		char *name = random_below(4) ? random_string(allow_private_use, true) : NULL;
		Speaker speaker = { .id = random_below(8) ? speaker_ids[i] : NULL, .name = name,
				    .type = (SpeakerType)random_below(3) };
		random_extras(&speaker.extras, allow_private_use);
		annotation_set_append_speaker(set, &speaker);
		extra_fields_clear(&speaker.extras);
		free(name);
	}
	unsigned annotations = random_below(4);
	for (unsigned i = 0; i < annotations; i++) {
		char *id = xasprintf("a%u%s", i, random_below(3) ? "" : "é: x");
		char *note = random_below(2) ? random_string(allow_private_use, true) : NULL;
		Annotation a = {
			.id = id,
			.status = (AnnotationStatus)random_below(5),
			.kind = (ClaimKind)random_below(4),
			.claim = random_span(set->article),
			.label = set->has_labels && random_below(2) ? label : NULL,
			.has_confidence = random_below(2),
			.confidence = random_below(2) ? random_below(101) / 100.0
				      : random_below(3) ? random_below(1000) / 999.0 : -0.0,
			.note = note,
		};
		if (random_below(2))
			a.cue = random_span(set->article);
		if (random_below(2)) {
			a.speaker = random_span(set->article);
			if (speakers && speaker_ids[0])
				a.speaker.ref = speaker_ids[random_below(speakers)];
		}
		if (random_below(4) == 0) {
			ByteRange parts[2] = { { a.claim.start, a.claim.start }, { a.claim.end, a.claim.end } };
			a.claim.parts = parts;
			a.claim.part_count = 2;
			random_extras(&a.claim.extras, allow_private_use);
			annotation_set_append(set, &a);
		} else {
			AnnotationOriginal original = { .fields = random_below(32), .kind = KIND_DIRECT };
			if (random_below(2))
				original.claim = random_span(set->article);
			random_extras(&original.extras, allow_private_use);
			if (random_below(2))
				a.original = &original;
			random_extras(&a.extras, allow_private_use);
			annotation_set_append(set, &a);
			extra_fields_clear(&original.extras);
		}
		extra_fields_clear(&a.extras);
		extra_fields_clear(&a.claim.extras);
		free(id);
		free(note);
	}
	if (random_below(5) == 0)
		set->has_optional = true;
	free(label);
	for (unsigned i = 0; i < speakers; i++)
		free(speaker_ids[i]);
	return set;
}

static void expect_string_back(const char *what, const char *written, const char *read)
{
	if (!written)
		return;
	cr_expect(read && strcmp(written, read) == 0, "%s: wrote \"%s\", read back \"%s\"", what,
		  written, read ? read : "(nothing)");
}

/* The model's strings come back as they were (the unknown keys' values are compared with the
 * reference writer's bytes; their style is theirs to keep or lose, as before). */
static void expect_read_back(const AnnotationSet *set, const char *text)
{
	Diagnostics diag = {0};
	StoreLoadOptions options = { .article = NULL, .sha256_mismatch_is_warning = true };
	if (!set->document_inline)
		options.article = article_from_memory("random", article_text(set->article),
						      article_size(set->article), &diag);
	AnnotationSet *again = store_load_memory("written", text, strlen(text), NULL, &options, &diag);
	if (!again) {
		/* A random model may break the schema (a label not in labels...): say which. */
		bool schema_only = true;
		for (size_t i = 0; i < diag.count; i++)
			schema_only &= strstr(diag.items[i].message, "not in labels") ||
				       strstr(diag.items[i].message, "names no entry") ||
				       strstr(diag.items[i].message, "needs") ||
				       strstr(diag.items[i].message, "duplicate");
		cr_expect(schema_only, "a written file could not be read: %s\n%.500s",
			  diag.count ? diag.items[0].message : "?", text);
		diagnostics_free(&diag);
		return;
	}
	cr_expect_eq(article_size(again->article), article_size(set->article));
	cr_expect(memcmp(article_text(again->article), article_text(set->article),
			 article_size(set->article)) == 0, "the article changed");
	expect_string_back("document.path", set->document_path, again->document_path);
	expect_string_back("document.id", set->document_id, again->document_id);
	expect_string_back("engine.name", set->engine_name, again->engine_name);
	expect_string_back("annotator", set->annotator, again->annotator);
	expect_string_back("updated", set->updated, again->updated);
	cr_expect_eq(again->label_count, set->label_count);
	for (size_t i = 0; i < set->label_count && i < again->label_count; i++)
		expect_string_back("label", set->labels[i], again->labels[i]);
	cr_expect_eq(again->speaker_count, set->speaker_count);
	for (size_t i = 0; i < set->speaker_count && i < again->speaker_count; i++) {
		expect_string_back("speaker.id", set->speakers[i].id, again->speakers[i].id);
		expect_string_back("speaker.name", set->speakers[i].name, again->speakers[i].name);
		cr_expect_eq(again->speakers[i].extras.count, set->speakers[i].extras.count);
		for (size_t k = 0; k < set->speakers[i].extras.count && k < again->speakers[i].extras.count; k++)
			expect_string_back("extra key", set->speakers[i].extras.items[k].key,
					   again->speakers[i].extras.items[k].key);
	}
	cr_expect_eq(again->annotation_count, set->annotation_count);
	size_t *order = annotation_set_position_order(set);
	for (size_t i = 0; i < set->annotation_count && i < again->annotation_count; i++) {
		const Annotation *a = &set->annotations[order[i]], *b = &again->annotations[i];
		expect_string_back("id", a->id, b->id);
		expect_string_back("note", a->note, b->note);
		expect_string_back("label", a->label, b->label);
		/* (not span_equal: the claim's unknown keys may change style, as they did before) */
		bool same = a->claim.start == b->claim.start && a->claim.end == b->claim.end &&
			    a->claim.part_count == b->claim.part_count;
		for (size_t k = 0; same && k < a->claim.part_count; k++)
			same = a->claim.parts[k].start == b->claim.parts[k].start &&
			       a->claim.parts[k].end == b->claim.parts[k].end;
		cr_expect(same, "claim of %s", a->id);
		cr_expect(a->has_confidence == b->has_confidence && (!a->has_confidence ||
			  a->confidence == b->confidence), "confidence of %s", a->id);
	}
	free(order);
	annotation_set_free(again);
	diagnostics_free(&diag);
}

Test(store_writer, random_models_same_bytes_as_libyaml_and_read_back, .timeout = 120)
{
	random_state = 0x9E3779B97F4A7C15ull;
	for (int round = 0; round < 4000; round++) {
		AnnotationSet *set = random_set();
		char what[64];
		snprintf(what, sizeof what, "random model %d", round);
		char *text = expect_same_bytes(set, what);
		expect_read_back(set, text);
		free(text);
		annotation_set_free(set);
	}
}

/* Every single awkward string as each kind of model string, one by one (easier to read when it
 * fails than the random models). */
Test(store_writer, each_piece_in_every_position)
{
	for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
		for (int padded = 0; padded < 4; padded++) {
			char *s = xasprintf("%s%s%s", padded & 1 ? " " : "", pieces[i], padded & 2 ? "x" : "");
			Diagnostics diag = {0};
			const char *body = "He said “so”.\n";
			AnnotationSet *set = annotation_set_new(article_from_memory("a", body, strlen(body), &diag));
			set->document_path = xstrdup(s);
			set->annotator = xstrdup(s);
			const char *labels[] = { s };
			annotation_set_set_labels(set, labels, 1);
			Speaker speaker = { .id = s, .name = s };
			annotation_set_append_speaker(set, &speaker);
			Annotation a = { .id = s, .claim = { .present = true, .start = 0, .end = 2 },
					 .label = s, .note = s,
					 .speaker = { .present = true, .start = 0, .end = 2, .ref = s } };
			annotation_set_append(set, &a);
			YamlValue *value = xcalloc(1, sizeof *value);
			value->type = YAML_VALUE_SCALAR;
			value->scalar = xstrdup(s);
			value->scalar_length = strlen(s);
			extra_fields_add(&set->extras, xstrdup(s), value);
			char what[128];
			snprintf(what, sizeof what, "piece %zu (%s)", i, s);
			char *text = expect_same_bytes(set, what);
			expect_read_back(set, text);
			free(text);
			annotation_set_free(set);
			diagnostics_free(&diag);
			free(s);
		}
	}
}

Test(store_writer, invalid_utf8_is_refused_with_a_message)
{
	Diagnostics diag = {0};
	AnnotationSet *set = annotation_set_new(article_from_memory("a", "text", 4, &diag));
	set->annotator = xstrdup("bad \xC3 byte");
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);
	cr_expect_not(store_write(set, out, "out.yaml", &diag));
	fclose(out);
	cr_assert_eq(diag.count, 1);
	cr_expect(strstr(diag.items[0].message, "not valid UTF-8"), "%s", diag.items[0].message);
	free(text);
	annotation_set_free(set);
	diagnostics_free(&diag);
}
