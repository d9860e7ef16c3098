/* Pairing gold and predictions by document, and the report. */
#include "model/output/eval.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/output/brat.h"
#include "model/output/corpus.h"
#include "model/store.h"

static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool eval_is_polnear_split(const char *path)
{
	size_t n = strlen(path) + 32;
	char *a = xmalloc(n), *t = xmalloc(n);
	snprintf(a, n, "%s/attributions", path);
	snprintf(t, n, "%s/text", path);
	bool split = is_folder(a) && is_folder(t);
	free(a);
	free(t);
	return split;
}

static void report_add(EvalReport *report, const char *name, const char *gold_file,
		       const char *pred_file, const AnnotationSet *gold, const AnnotationSet *pred)
{
	report->documents = xrealloc(report->documents, (report->count + 1) * sizeof(EvalDocument));
	EvalDocument *d = &report->documents[report->count++];
	d->name = xstrdup(name);
	d->gold_file = xstrdup(gold_file);
	d->pred_file = pred_file ? xstrdup(pred_file) : NULL;
	score_sets(gold, pred, &d->score);
	score_add(&report->total, &d->score);
}

static void check_same_article(const CorpusFile *gold, const CorpusFile *pred, Diagnostics *diag)
{
	if (!gold->set || !pred->set)
		return;
	if (strcmp(article_sha256(gold->set->article), article_sha256(pred->set->article)) != 0)
		diagnostics_add(diag, DIAG_WARNING, pred->path, 0, 0,
				"its article differs from the gold's (%s): offsets may not line up",
				gold->path);
}

/* Matches predictions to gold files; `gold_files` may be PolNeAR gold read from brat. */
static void pair_and_score(const Corpus *gold, const Corpus *pred, EvalReport *report, Diagnostics *diag)
{
	bool *used = xcalloc(pred->count ? pred->count : 1, sizeof(bool));
	for (size_t g = 0; g < gold->count; g++) {
		const CorpusFile *gf = &gold->files[g];
		if (!gf->set)
			continue;
		const CorpusFile *pf = NULL;
		for (size_t p = 0; p < pred->count; p++) {
			if (!pred->files[p].set || !corpus_same_document(gf, &pred->files[p]))
				continue;
			if (!pf) {
				pf = &pred->files[p];
				used[p] = true;
			} else if (!used[p]) {
				used[p] = true;
				diagnostics_add(diag, DIAG_WARNING, pred->files[p].path, 0, 0,
						"another prediction for %s: only the first (%s) is scored",
						gf->path, pf->path);
			}
		}
		size_t pending = 0;
		for (size_t i = 0; i < gf->set->annotation_count; i++)
			pending += gf->set->annotations[i].status == STATUS_CANDIDATE;
		if (pending)
			diagnostics_add(diag, DIAG_WARNING, gf->path, 0, 0,
					"not a gold file: %zu annotations are still candidates (scored as gold)",
					pending);
		char *name = corpus_document_name(gf);
		if (pf)
			check_same_article(gf, pf, diag);
		else if (pred->count > 1 || gold->count > 1)
			diagnostics_add(diag, DIAG_WARNING, gf->path, 0, 0,
					"no prediction for document %s: scored as predicting nothing", name);
		report_add(report, name, gf->path, pf ? pf->path : NULL, gf->set, pf ? pf->set : NULL);
		free(name);
	}
	for (size_t p = 0; p < pred->count; p++)
		if (!used[p] && pred->files[p].set)
			diagnostics_add(diag, DIAG_WARNING, pred->files[p].path, 0, 0,
					"no gold file for this document: left out");
	free(used);
}

/* PolNeAR gold: the .ann files of a split, the first annotator of each text unless all. */
static bool load_polnear_gold(const char *split, bool all_annotators, Corpus *gold, Diagnostics *diag)
{
	char **anns;
	size_t count;
	bool ok = brat_list(split, &anns, &count, diag);
	gold->files = xcalloc(count ? count : 1, sizeof(CorpusFile));
	gold->count = 0;
	char *previous = NULL;
	for (size_t i = 0; i < count; i++) {
		char *text, *document, *annotator;
		if (!brat_locate_text(anns[i], &text, &document, &annotator, diag)) {
			ok = false;
			continue;
		}
		bool take = all_annotators || !previous || strcmp(previous, document) != 0;
		if (take) {
			Article *article = article_load(text, diag);
			AnnotationSet *set = article ? brat_read(anns[i], article, document, annotator, diag) : NULL;
			ok &= set != NULL;
			gold->files[gold->count++] = (CorpusFile){xstrdup(anns[i]), xstrdup(split), set};
		}
		free(previous);
		previous = document;
		free(text);
		free(annotator);
	}
	free(previous);
	corpus_list_free(anns, count);
	return ok;
}

bool eval_paths(const char *gold_path, const char *pred_path, const EvalOptions *options,
		EvalReport *report, Diagnostics *diag)
{
	*report = (EvalReport){0};
	Corpus gold = {0}, pred = {0};
	bool ok;
	if (is_folder(gold_path) && eval_is_polnear_split(gold_path))
		ok = load_polnear_gold(gold_path, options && options->all_annotators, &gold, diag);
	else
		ok = corpus_load((char *const[]){(char *)gold_path}, 1, &gold, diag);
	ok &= corpus_load((char *const[]){(char *)pred_path}, 1, &pred, diag);
	pair_and_score(&gold, &pred, report, diag);
	corpus_free(&gold);
	corpus_free(&pred);
	return ok;
}

json_t *eval_report_json(const EvalReport *report)
{
	json_t *documents = json_array();
	for (size_t i = 0; i < report->count; i++) {
		const EvalDocument *d = &report->documents[i];
		json_array_append_new(documents, json_pack("{s:s,s:s,s:s?,s:o}", "document", d->name,
							   "gold", d->gold_file, "pred", d->pred_file,
							   "scores", score_to_json(&d->score)));
	}
	return json_pack("{s:I,s:o,s:o}", "docs", (json_int_t)report->count, "documents", documents,
			 "total", score_to_json(&report->total));
}

void eval_report_print(const EvalReport *report, FILE *out)
{
	if (report->count == 1) {
		const EvalDocument *d = &report->documents[0];
		fprintf(out, "%s (gold %s, predicted %s)\n", d->name, d->gold_file,
			d->pred_file ? d->pred_file : "none");
		score_print(&d->score, out, "  ");
		return;
	}
	for (size_t i = 0; i < report->count; i++) {
		const EvalDocument *d = &report->documents[i];
		fprintf(out, "%s (gold %s, predicted %s)\n", d->name, d->gold_file,
			d->pred_file ? d->pred_file : "none");
		score_print(&d->score, out, "  ");
	}
	fprintf(out, "total over %zu document%s\n", report->count, report->count == 1 ? "" : "s");
	score_print(&report->total, out, "  ");
}

void eval_report_free(EvalReport *report)
{
	for (size_t i = 0; i < report->count; i++) {
		free(report->documents[i].name);
		free(report->documents[i].gold_file);
		free(report->documents[i].pred_file);
	}
	free(report->documents);
	*report = (EvalReport){0};
}
