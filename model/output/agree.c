/* Agreement between annotators. */
#include "model/output/agree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/output/corpus.h"
#include "model/output/score.h"

typedef struct PairCounts {
	size_t claims_a, claims_b, matched, exact, attributed;
	size_t mentions_a, mentions_b, mentions_matched;
} PairCounts;

typedef struct Annotator {
	char *name;
	Corpus corpus;
} Annotator;

typedef struct Group {
	const CorpusFile **files; /* per annotator; NULL when that annotator lacks the document */
} Group;

static double f1_of(size_t matched, size_t a, size_t b)
{
	return a + b ? score_round3(2.0 * (double)matched / (double)(a + b)) : 1.0;
}

static json_t *real_or_null(double value)
{
	return isnan(value) ? json_null() : json_real(score_round3(value));
}

double agree_cohen_kappa(const size_t t[2][2])
{
	double n = (double)(t[0][0] + t[0][1] + t[1][0] + t[1][1]);
	if (n == 0)
		return NAN;
	double observed = (double)(t[0][0] + t[1][1]) / n;
	double a0 = (double)(t[0][0] + t[0][1]) / n, b0 = (double)(t[0][0] + t[1][0]) / n;
	double expected = a0 * b0 + (1 - a0) * (1 - b0);
	if (expected >= 1)
		return NAN;
	return (observed - expected) / (1 - expected);
}

double agree_fleiss_kappa(const size_t *counts, size_t items, size_t raters)
{
	if (!items || raters < 2)
		return NAN;
	double p_bar = 0, p[2] = {0, 0};
	for (size_t i = 0; i < items; i++) {
		double agreement = 0;
		for (int c = 0; c < 2; c++) {
			double n = (double)counts[i * 2 + c];
			agreement += n * n;
			p[c] += n;
		}
		p_bar += (agreement - (double)raters) / ((double)raters * (double)(raters - 1));
	}
	p_bar /= (double)items;
	p[0] /= (double)(items * raters);
	p[1] /= (double)(items * raters);
	double expected = p[0] * p[0] + p[1] * p[1];
	if (expected >= 1)
		return NAN;
	return (p_bar - expected) / (1 - expected);
}

static bool counts_as_claim(const Annotation *a)
{
	return a->claim.present && a->status != STATUS_REJECTED;
}

static size_t claim_count(const AnnotationSet *set)
{
	size_t n = 0;
	for (size_t i = 0; i < set->annotation_count; i++)
		n += counts_as_claim(&set->annotations[i]);
	return n;
}

/* Distinct speaker spans (byte ranges; the annotators share the article). */
static size_t speaker_mentions(const AnnotationSet *set, ByteRange *out)
{
	size_t n = 0;
	for (size_t i = 0; i < set->annotation_count; i++) {
		const Annotation *a = &set->annotations[i];
		if (!counts_as_claim(a) || !a->speaker.present)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = out[k].start == a->speaker.start && out[k].end == a->speaker.end;
		if (!seen)
			out[n++] = (ByteRange){a->speaker.start, a->speaker.end};
	}
	return n;
}

static json_t *describe(const AnnotationSet *set, const Annotation *a)
{
	char *text = span_text(set->article, &a->claim);
	json_t *object = json_pack("{s:s,s:I,s:I,s:s}", "annotation", a->id ? a->id : "", "start",
				   (json_int_t)article_cp_of_byte(set->article, a->claim.start), "end",
				   (json_int_t)article_cp_of_byte(set->article, a->claim.end), "claim", text);
	free(text);
	return object;
}

static void add_disagreement(json_t *list, const char *type, const char *a_name, const AnnotationSet *a_set,
			     const Annotation *a, const char *b_name, const AnnotationSet *b_set,
			     const Annotation *b, json_t *a_value, json_t *b_value)
{
	json_t *entry = json_pack("{s:s}", "type", type);
	if (a)
		json_object_set_new(entry, a_name, describe(a_set, a));
	if (b)
		json_object_set_new(entry, b_name, describe(b_set, b));
	if (a_value)
		json_object_set_new(json_object_get(entry, a_name), "value", a_value);
	if (b_value)
		json_object_set_new(json_object_get(entry, b_name), "value", b_value);
	json_array_append_new(list, entry);
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void compare_pair(const char *a_name, const AnnotationSet *a, const char *b_name,
			 const AnnotationSet *b, PairCounts *counts, json_t *disagreements)
{
	*counts = (PairCounts){0};
	counts->claims_a = claim_count(a);
	counts->claims_b = claim_count(b);
	size_t *match = xcalloc(a->annotation_count ? a->annotation_count : 1, sizeof(size_t));
	bool *b_matched = xcalloc(b->annotation_count ? b->annotation_count : 1, sizeof(bool));
	counts->matched = score_align(a, b, match);
	for (size_t i = 0; i < a->annotation_count; i++) {
		const Annotation *x = &a->annotations[i];
		if (!counts_as_claim(x))
			continue;
		if (match[i] == SCORE_NO_MATCH) {
			add_disagreement(disagreements, "only", a_name, a, x, b_name, b, NULL, NULL, NULL);
			continue;
		}
		const Annotation *y = &b->annotations[match[i]];
		b_matched[match[i]] = true;
		bool exact = score_claims_exact(a, x, b, y);
		counts->exact += exact;
		if (!exact)
			add_disagreement(disagreements, "boundaries", a_name, a, x, b_name, b, y, NULL, NULL);
		if (score_speakers_agree(a, x, b, y)) {
			counts->attributed++;
		} else {
			char *sx = annotation_speaker_name(a, x), *sy = annotation_speaker_name(b, y);
			add_disagreement(disagreements, "speaker", a_name, a, x, b_name, b, y, string_or_null(sx),
					 string_or_null(sy));
			free(sx);
			free(sy);
		}
		if ((x->label || y->label) && !(x->label && y->label && strcmp(x->label, y->label) == 0))
			add_disagreement(disagreements, "label", a_name, a, x, b_name, b, y,
					 string_or_null(x->label), string_or_null(y->label));
		if (x->kind != y->kind)
			add_disagreement(disagreements, "kind", a_name, a, x, b_name, b, y,
					 string_or_null(claim_kind_name(x->kind)),
					 string_or_null(claim_kind_name(y->kind)));
	}
	for (size_t j = 0; j < b->annotation_count; j++)
		if (counts_as_claim(&b->annotations[j]) && !b_matched[j])
			add_disagreement(disagreements, "only", a_name, a, NULL, b_name, b, &b->annotations[j],
					 NULL, NULL);
	ByteRange *ma = xcalloc(a->annotation_count + 1, sizeof(ByteRange));
	ByteRange *mb = xcalloc(b->annotation_count + 1, sizeof(ByteRange));
	counts->mentions_a = speaker_mentions(a, ma);
	counts->mentions_b = speaker_mentions(b, mb);
	for (size_t i = 0; i < counts->mentions_a; i++)
		for (size_t j = 0; j < counts->mentions_b; j++)
			counts->mentions_matched += ma[i].start == mb[j].start && ma[i].end == mb[j].end;
	free(ma);
	free(mb);
	free(match);
	free(b_matched);
}

static void add_counts(PairCounts *total, const PairCounts *c)
{
	total->claims_a += c->claims_a;
	total->claims_b += c->claims_b;
	total->matched += c->matched;
	total->exact += c->exact;
	total->attributed += c->attributed;
	total->mentions_a += c->mentions_a;
	total->mentions_b += c->mentions_b;
	total->mentions_matched += c->mentions_matched;
}

static json_t *pair_json(const char *a, const char *b, const PairCounts *c)
{
	return json_pack("{s:s,s:s,s:{s:I,s:I,s:I,s:f},s:{s:I,s:f},s:{s:I,s:f},s:{s:I,s:I,s:I,s:f}}",
			 "a", a, "b", b,
			 "claims", "a", (json_int_t)c->claims_a, "b", (json_int_t)c->claims_b, "matched",
			 (json_int_t)c->matched, "f1", f1_of(c->matched, c->claims_a, c->claims_b),
			 "claims_exact", "matched", (json_int_t)c->exact, "f1",
			 f1_of(c->exact, c->claims_a, c->claims_b),
			 "attribution", "matched", (json_int_t)c->attributed, "f1",
			 f1_of(c->attributed, c->claims_a, c->claims_b),
			 "speaker_mentions", "a", (json_int_t)c->mentions_a, "b", (json_int_t)c->mentions_b,
			 "matched", (json_int_t)c->mentions_matched, "f1",
			 f1_of(c->mentions_matched, c->mentions_a, c->mentions_b));
}

/* 0 accept, 1 reject, -1 not decided (still a candidate, or added by the analyst). */
static int decision(const AnnotationSet *set, const char *id)
{
	size_t index = annotation_set_annotation_index(set, id);
	if (index == (size_t)-1)
		return -1;
	switch (set->annotations[index].status) {
	case STATUS_ACCEPTED: case STATUS_CORRECTED: return 0;
	case STATUS_REJECTED: return 1;
	default: return -1;
	}
}

typedef struct Decisions {
	size_t table[2][2];   /* two annotators */
	size_t *fleiss;       /* three or more: counts per item */
	size_t items, agreed, raters;
} Decisions;

/* The shared candidates of the annotators present (present[k] != NULL). */
static void collect_decisions(const Group *group, const Annotator *annotators, size_t count,
			      Decisions *d, json_t *disagreements)
{
	const AnnotationSet *first = NULL;
	size_t raters = 0;
	for (size_t k = 0; k < count; k++)
		if (group->files[k]) {
			raters++;
			if (!first)
				first = group->files[k]->set;
		}
	d->raters = raters;
	if (raters < 2)
		return;
	for (size_t i = 0; i < first->annotation_count; i++) {
		const Annotation *a = &first->annotations[i];
		if (a->status == STATUS_ADDED || !a->id)
			continue;
		int votes[64];
		size_t n = 0;
		bool all = true;
		for (size_t k = 0; k < count && all; k++) {
			if (!group->files[k])
				continue;
			int v = decision(group->files[k]->set, a->id);
			all = v >= 0 && n < 64;
			if (all)
				votes[n++] = v;
		}
		if (!all)
			continue;
		size_t rejects = 0;
		for (size_t k = 0; k < n; k++)
			rejects += (size_t)votes[k];
		d->items++;
		d->agreed += rejects == 0 || rejects == n;
		if (n == 2) {
			d->table[votes[0]][votes[1]]++;
		} else {
			d->fleiss = xrealloc(d->fleiss, d->items * 2 * sizeof(size_t));
			d->fleiss[(d->items - 1) * 2] = n - rejects;
			d->fleiss[(d->items - 1) * 2 + 1] = rejects;
		}
		if (rejects != 0 && rejects != n) {
			json_t *entry = json_pack("{s:s,s:s}", "type", "decision", "annotation", a->id);
			json_t *by = json_object();
			for (size_t k = 0, v = 0; k < count; k++)
				if (group->files[k])
					json_object_set_new(by, annotators[k].name,
							    json_string(votes[v++] ? "reject" : "accept"));
			json_object_set_new(entry, "decisions", by);
			json_array_append_new(disagreements, entry);
		}
	}
}

static json_t *decisions_json(const Decisions *d)
{
	double kappa = d->raters == 2 ? agree_cohen_kappa(d->table)
				      : agree_fleiss_kappa(d->fleiss, d->items, d->raters);
	return json_pack("{s:s,s:I,s:I,s:o}", "method", d->raters >= 3 ? "fleiss" : "cohen", "items",
			 (json_int_t)d->items, "agreed", (json_int_t)d->agreed, "kappa", real_or_null(kappa));
}

static void merge_decisions(Decisions *total, const Decisions *d)
{
	if (total->raters && d->raters != total->raters)
		return; /* pooled only over documents that every annotator has */
	total->raters = d->raters;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			total->table[i][j] += d->table[i][j];
	if (d->raters >= 3 && d->items) {
		total->fleiss = xrealloc(total->fleiss, (total->items + d->items) * 2 * sizeof(size_t));
		memcpy(total->fleiss + total->items * 2, d->fleiss, d->items * 2 * sizeof(size_t));
	}
	total->items += d->items;
	total->agreed += d->agreed;
}

/* The annotator's name: the `annotator` all its files share, else the argument as given. */
static char *annotator_name(const char *path, const Corpus *corpus)
{
	const char *shared = NULL;
	for (size_t i = 0; i < corpus->count; i++) {
		const AnnotationSet *set = corpus->files[i].set;
		if (!set)
			continue;
		if (!set->annotator || (shared && strcmp(shared, set->annotator) != 0))
			return xstrdup(path);
		shared = set->annotator;
	}
	return xstrdup(shared ? shared : path);
}

json_t *agree_compute(char *const *paths, size_t count, Diagnostics *diag, bool *ok)
{
	*ok = true;
	Annotator *annotators = xcalloc(count, sizeof(Annotator));
	for (size_t k = 0; k < count; k++) {
		*ok &= corpus_load(&paths[k], 1, &annotators[k].corpus, diag);
		annotators[k].name = annotator_name(paths[k], &annotators[k].corpus);
		for (size_t j = 0; j < k; j++)
			if (strcmp(annotators[j].name, annotators[k].name) == 0) {
				/* two files by the same annotator: tell them apart by argument */
				size_t size = strlen(annotators[k].name) + 16;
				char *unique = xmalloc(size);
				snprintf(unique, size, "%s#%zu", annotators[k].name, k + 1);
				free(annotators[k].name);
				annotators[k].name = unique;
				break;
			}
	}
	/* documents: grouped across annotators */
	Group *groups = NULL;
	size_t group_count = 0;
	for (size_t k = 0; k < count; k++)
		for (size_t f = 0; f < annotators[k].corpus.count; f++) {
			const CorpusFile *file = &annotators[k].corpus.files[f];
			if (!file->set)
				continue;
			size_t g = 0;
			for (; g < group_count; g++) {
				const CorpusFile *any = NULL;
				for (size_t j = 0; j < count && !any; j++)
					any = groups[g].files[j];
				if (!groups[g].files[k] && corpus_same_document(any, file))
					break;
			}
			if (g == group_count) {
				groups = xrealloc(groups, ++group_count * sizeof(Group));
				groups[g].files = xcalloc(count, sizeof(CorpusFile *));
			}
			groups[g].files[k] = file;
		}

	json_t *names = json_array();
	for (size_t k = 0; k < count; k++)
		json_array_append_new(names, json_string(annotators[k].name));
	size_t pair_total = count * (count - 1) / 2;
	PairCounts *totals = xcalloc(pair_total ? pair_total : 1, sizeof(PairCounts));
	Decisions total_decisions = {0};
	json_t *documents = json_array(), *unpaired = json_array();
	size_t disagreement_total = 0;
	for (size_t g = 0; g < group_count; g++) {
		size_t present = 0;
		for (size_t k = 0; k < count; k++)
			present += groups[g].files[k] != NULL;
		if (present < 2) {
			for (size_t k = 0; k < count; k++)
				if (groups[g].files[k])
					json_array_append_new(unpaired, json_string(groups[g].files[k]->path));
			free(groups[g].files);
			continue;
		}
		const CorpusFile *any = NULL;
		json_t *files = json_object();
		for (size_t k = 0; k < count; k++)
			if (groups[g].files[k]) {
				if (!any)
					any = groups[g].files[k];
				json_object_set_new(files, annotators[k].name, json_string(groups[g].files[k]->path));
			}
		char *name = corpus_document_name(any);
		json_t *pairs = json_array(), *disagreements = json_array();
		for (size_t a = 0, p = 0; a < count; a++)
			for (size_t b = a + 1; b < count; b++, p++) {
				if (!groups[g].files[a] || !groups[g].files[b])
					continue;
				PairCounts c;
				compare_pair(annotators[a].name, groups[g].files[a]->set, annotators[b].name,
					     groups[g].files[b]->set, &c, disagreements);
				add_counts(&totals[p], &c);
				json_array_append_new(pairs, pair_json(annotators[a].name, annotators[b].name, &c));
			}
		Decisions d = {0};
		collect_decisions(&groups[g], annotators, count, &d, disagreements);
		if (d.raters == count)
			merge_decisions(&total_decisions, &d);
		disagreement_total += json_array_size(disagreements);
		json_array_append_new(documents, json_pack("{s:s,s:o,s:o,s:o,s:o}", "document", name, "files",
							   files, "pairs", pairs, "decisions",
							   decisions_json(&d), "disagreements", disagreements));
		free(d.fleiss);
		free(name);
		free(groups[g].files);
	}
	free(groups);
	json_t *total_pairs = json_array();
	for (size_t a = 0, p = 0; a < count; a++)
		for (size_t b = a + 1; b < count; b++, p++)
			json_array_append_new(total_pairs, pair_json(annotators[a].name, annotators[b].name, &totals[p]));
	if (!total_decisions.raters)
		total_decisions.raters = count;
	json_t *report = json_pack("{s:o,s:o,s:o,s:{s:I,s:o,s:o,s:I}}", "annotators", names, "documents",
				   documents, "unpaired", unpaired, "total", "documents",
				   (json_int_t)json_array_size(documents), "pairs",
				   total_pairs, "decisions", decisions_json(&total_decisions),
				   "disagreements", (json_int_t)disagreement_total);
	/* scores over no document would read as perfect agreement (F1 1.000 of 0/0) */
	if (!json_array_size(documents)) {
		diagnostics_add(diag, DIAG_ERROR, "saywho agree", 0, 0,
				"no document is annotated by two of the annotators: nothing to compare");
		*ok = false;
	}
	free(total_decisions.fleiss);
	free(totals);
	for (size_t k = 0; k < count; k++) {
		free(annotators[k].name);
		corpus_free(&annotators[k].corpus);
	}
	free(annotators);
	return report;
}

static void print_pairs(FILE *out, json_t *pairs, const char *indent)
{
	size_t i;
	json_t *pair;
	json_array_foreach(pairs, i, pair) {
		json_t *claims = json_object_get(pair, "claims");
		fprintf(out, "%s%s ~ %s: claims %lld/%lld, %lld matched: F1=%.3f exact F1=%.3f attribution F1=%.3f speaker mentions F1=%.3f\n",
			indent, json_string_value(json_object_get(pair, "a")),
			json_string_value(json_object_get(pair, "b")),
			(long long)json_integer_value(json_object_get(claims, "a")),
			(long long)json_integer_value(json_object_get(claims, "b")),
			(long long)json_integer_value(json_object_get(claims, "matched")),
			json_number_value(json_object_get(claims, "f1")),
			json_number_value(json_object_get(json_object_get(pair, "claims_exact"), "f1")),
			json_number_value(json_object_get(json_object_get(pair, "attribution"), "f1")),
			json_number_value(json_object_get(json_object_get(pair, "speaker_mentions"), "f1")));
	}
}

static void print_decisions(FILE *out, json_t *d, const char *indent)
{
	json_t *kappa = json_object_get(d, "kappa");
	fprintf(out, "%sdecisions on shared candidates: %lld, agreed %lld, %s kappa=", indent,
		(long long)json_integer_value(json_object_get(d, "items")),
		(long long)json_integer_value(json_object_get(d, "agreed")),
		json_string_value(json_object_get(d, "method")));
	if (json_is_number(kappa))
		fprintf(out, "%.3f\n", json_number_value(kappa));
	else
		fprintf(out, "undefined\n");
}

/* The start of a claim on one line: runs of white space become one space, and the cut falls
 * on a character boundary, never inside a UTF-8 sequence. */
static void claim_preview(const char *claim, char *out, size_t size)
{
	size_t n = 0;
	bool space = false;
	for (const char *p = claim ? claim : ""; *p && n + 4 < size; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		/* copy a whole character or stop */
		size_t length = ((unsigned char)*p & 0xE0) == 0xC0 ? 2 : ((unsigned char)*p & 0xF0) == 0xE0 ? 3
			      : ((unsigned char)*p & 0xF8) == 0xF0 ? 4 : 1;
		if (n + length + 4 > size)
			break;
		memcpy(out + n, p, length);
		n += length;
		p += length - 1;
	}
	out[n] = '\0';
}

static void print_side(FILE *out, const char *name, json_t *side)
{
	if (!side)
		return;
	const char *claim = json_string_value(json_object_get(side, "claim"));
	char preview[64];
	claim_preview(claim, preview, sizeof preview);
	fprintf(out, " %s %s [%lld,%lld) \"%s%s\"", name,
		json_string_value(json_object_get(side, "annotation")),
		(long long)json_integer_value(json_object_get(side, "start")),
		(long long)json_integer_value(json_object_get(side, "end")),
		preview, claim && strlen(claim) > strlen(preview) ? "…" : "");
	json_t *value = json_object_get(side, "value");
	if (value)
		fprintf(out, " = %s", json_is_string(value) ? json_string_value(value) : "(none)");
}

void agree_print(json_t *report, FILE *out, bool list_disagreements)
{
	size_t i;
	json_t *document;
	json_t *names = json_object_get(report, "annotators");
	json_array_foreach(json_object_get(report, "documents"), i, document) {
		fprintf(out, "%s\n", json_string_value(json_object_get(document, "document")));
		print_pairs(out, json_object_get(document, "pairs"), "  ");
		print_decisions(out, json_object_get(document, "decisions"), "  ");
		json_t *disagreements = json_object_get(document, "disagreements");
		fprintf(out, "  disagreements: %zu\n", json_array_size(disagreements));
		size_t j;
		json_t *entry;
		json_array_foreach(disagreements, j, entry) {
			if (!list_disagreements)
				break;
			fprintf(out, "    %-10s", json_string_value(json_object_get(entry, "type")));
			json_t *decisions = json_object_get(entry, "decisions");
			if (decisions) {
				fprintf(out, " %s:", json_string_value(json_object_get(entry, "annotation")));
				const char *key;
				json_t *value;
				json_object_foreach(decisions, key, value)
					fprintf(out, " %s=%s", key, json_string_value(value));
			}
			size_t k;
			json_t *name;
			json_array_foreach(names, k, name)
				print_side(out, json_string_value(name), json_object_get(entry, json_string_value(name)));
			fputc('\n', out);
		}
	}
	json_t *unpaired = json_object_get(report, "unpaired");
	if (json_array_size(unpaired))
		fprintf(out, "%zu file%s with no other annotator's version (left out), e.g. %s\n",
			json_array_size(unpaired), json_array_size(unpaired) == 1 ? "" : "s",
			json_string_value(json_array_get(unpaired, 0)));
	json_t *total = json_object_get(report, "total");
	fprintf(out, "total over %lld document%s\n", (long long)json_integer_value(json_object_get(total, "documents")),
		json_integer_value(json_object_get(total, "documents")) == 1 ? "" : "s");
	print_pairs(out, json_object_get(total, "pairs"), "  ");
	print_decisions(out, json_object_get(total, "decisions"), "  ");
	fprintf(out, "  disagreements: %lld\n", (long long)json_integer_value(json_object_get(total, "disagreements")));
}
