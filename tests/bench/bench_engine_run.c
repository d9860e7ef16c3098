/* Runs the built-in engine over articles and writes what the scorers and the confidence fit need.
 *
 * usage: bench_engine_run OUT_DIR FILE.txt...
 * Writes OUT_DIR/<name>.saywho.yaml for each FILE (document.path absolute, so the files can be
 * opened from anywhere), and OUT_DIR/features.tsv: one line per candidate with the document
 * name, the claim's code-point bounds, the confidence and the model's inputs
 * (confidence_inputs), for tests/bench/fit_confidence.py. The `saywho extract` command is the
 * user's way to the same candidates; this program exists so that the engine can be measured
 * and its confidence fitted on its own. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/article.h"
#include "model/extract/engine.h"
#include "model/extract/extract.h"
#include "model/store.h"

static char *document_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
		n -= 4;
	return xstrndup(base, n);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_engine_run OUT_DIR FILE.txt...\n");
		return 2;
	}
	extract_init();
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/features.tsv", argv[1]);
	FILE *tsv = fopen(path, "w");
	if (!tsv) {
		perror(path);
		return 1;
	}
	int status = 0;
	for (int i = 2; i < argc; i++) {
		Diagnostics diag = {0};
		Article *article = article_load(argv[i], &diag);
		if (!article) {
			diagnostics_print(&diag, stderr);
			diagnostics_free(&diag);
			status = 1;
			continue;
		}
		Features *features = NULL;
		AnnotationSet *set = extract_article_features(article, &features);
		char *name = document_name(argv[i]);
		char real[PATH_MAX];
		set->document_path = xstrdup(realpath(argv[i], real) ? real : argv[i]);
		set->document_id = xstrdup(name);
		snprintf(path, sizeof path, "%s/%s.saywho.yaml", argv[1], name);
		FILE *out = fopen(path, "w");
		if (!out || !store_write(set, out, path, &diag) || fclose(out) != 0) {
			diagnostics_print(&diag, stderr);
			fprintf(stderr, "%s: cannot write\n", path);
			status = 1;
		}
		for (size_t a = 0; a < set->annotation_count; a++) {
			const Annotation *annotation = &set->annotations[a];
			double x[CONFIDENCE_FEATURES];
			size_t n = confidence_inputs(&features[a], x);
			fprintf(tsv, "%s\t%zu\t%zu\t%.4f\t%d", name, article_cp_of_byte(article, annotation->claim.start),
				article_cp_of_byte(article, annotation->claim.end), annotation->confidence,
				annotation->speaker.present);
			for (size_t k = 0; k < n; k++)
				fprintf(tsv, "\t%g", x[k]);
			fputc('\n', tsv);
		}
		free(features);
		free(name);
		annotation_set_free(set);
		diagnostics_free(&diag);
	}
	fclose(tsv);
	return status;
}
