/* Evaluation of predicted annotations against gold: the scores of SCHEMA.md "Evaluation"
 * (exactly what ../shared/tools/score.py computes) and the quote-level lenient/strict matching
 * with speaker accuracy of ../shared/tools/polnear_score.py, per document, summed over a corpus,
 * and broken down by claim kind.
 *
 * Scores are kept as counts so that documents add up (micro averages); precision, recall, F1
 * and accuracies are derived from the counts and rounded to 3 decimals as Python's round() does. */
#ifndef SAYWHO_OUTPUT_SCORE_H
#define SAYWHO_OUTPUT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/annotation.h"

typedef struct ScoreCounts {
	size_t gold, pred;           /* gold claims; predictions that count (tp + fp) */
	size_t matched, exact, attributed;
	size_t resolution_n, resolution_right;
	size_t label_n, label_right;
	size_t kind_n, kind_right;   /* matches whose gold has a kind: is the predicted kind equal? */
} ScoreCounts;

/* Per kind: recall over the gold of that kind, precision over the predictions of that kind
 * (a gold direct claim found by a prediction marked indirect counts for direct recall and
 * indirect precision). Index: ClaimKind (KIND_UNSET = claims without a kind). */
typedef struct KindCounts {
	size_t gold, pred;
	size_t matched_gold, matched_pred;
	size_t attributed_gold, attributed_pred;
} KindCounts;

/* polnear_score.py: gold contents matched one to one, greedily, to the prediction covering the
 * largest share of the gold's code points; lenient >= 0.3, strict >= 0.8. */
typedef struct PolnearCounts {
	size_t gold, pred, lenient, strict;
	size_t speaker_n, speaker_right; /* over lenient matches */
} PolnearCounts;

enum { POLNEAR_ALL, POLNEAR_QUOTED, POLNEAR_SUBSET_COUNT };

typedef struct DocumentScore {
	ScoreCounts counts;
	KindCounts kinds[KIND_COUNT];
	PolnearCounts polnear[POLNEAR_SUBSET_COUNT];
} DocumentScore;

/* Scores `pred` (NULL: no predictions) against `gold`. Both sets must carry their article;
 * offsets are compared in code points of each set's own article. */
void score_sets(const AnnotationSet *gold, const AnnotationSet *pred, DocumentScore *out);
/* total += document */
void score_add(DocumentScore *total, const DocumentScore *document);

/* Python's round(value, 3), exactly (correctly rounded, ties to even). */
double score_round3(double value);

/* The object score.py prints with --json ({"gold","pred","claim_overlap",...}), plus "kind",
 * "by_kind" and "polnear" ({"all":{...},"quoted":{...}} as polnear_score.py prints them). */
json_t *score_to_json(const DocumentScore *score);
/* The same as lines of text (one table row per metric), each line prefixed by `indent`. */
void score_print(const DocumentScore *score, FILE *out, const char *indent);

#define SCORE_NO_MATCH ((size_t)-1)

/* Aligns the claims of two sets with the pairing of the evaluation (rule of step 2, greedy by
 * overlap / union), rejected annotations left out on both sides. match[i] (one per annotation
 * of `a`) gets the index of its partner in b->annotations, or SCORE_NO_MATCH. Returns the
 * number of pairs. Used by agreement and adjudication. */
size_t score_align(const AnnotationSet *a, const AnnotationSet *b, size_t *match);
/* Step 2's matching rule on two annotations (overlap >= half the shorter claim); *iou (may be
 * NULL) gets overlap / union, 0 when they do not match. */
bool score_claims_overlap(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			  const Annotation *y, double *iou);
/* Step 3's exact test (trimmed boundaries within 2 code points) on two annotations. */
bool score_claims_exact(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			const Annotation *y);
/* Step 5's speaker test: the speaker spans overlap or the names are the same entity; and, for
 * comparing annotators, two claims without any speaker agree too. */
bool score_speakers_agree(const AnnotationSet *a, const Annotation *x, const AnnotationSet *b,
			  const Annotation *y);

/* The entity comparison of SCHEMA.md step 4 (score.py same_entity). Exposed for tests and for
 * agreement and adjudication, which compare speakers the same way. */
bool score_same_entity(const char *name_a, const char *name_b);

#endif
