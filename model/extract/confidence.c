/* Confidence: a logistic model of "the analyst accepts this candidate unchanged" (its claim
 * matches a gold claim strictly and its speaker is right), fitted on PolNeAR train by
 * tests/bench/fit_confidence.py; the coefficients are compiled in (confidence_model.h). */
#include <math.h>

#include "model/extract/confidence_model.h"
#include "model/extract/engine.h"

size_t confidence_inputs(const Features *f, double x[CONFIDENCE_FEATURES])
{
	size_t n = 0;
	x[n++] = 1.0;
	for (int c = 0; c < CONSTRUCTION_COUNT; c++)
		x[n++] = f->construction == (Construction)c;
	x[n++] = f->kind == KIND_DIRECT;
	x[n++] = f->kind == KIND_MIXED;
	x[n++] = f->mention == MENTION_PRONOUN;
	x[n++] = f->mention == MENTION_NAME;
	x[n++] = f->mention == MENTION_DESCRIPTION;
	x[n++] = f->mention == MENTION_DEFINITE;
	x[n++] = f->mention == MENTION_RELATIVE;
	x[n++] = f->mention == MENTION_NONE;
	x[n++] = f->resolution == RESOLVED_SURNAME || f->resolution == RESOLVED_SAME_NAME;
	x[n++] = f->resolution == RESOLVED_PRONOUN || f->resolution == RESOLVED_DESCRIPTION;
	x[n++] = f->resolution == RESOLVED_NONE;
	x[n++] = f->curated_cue;
	x[n++] = f->cue_said;
	x[n++] = log1p((double)f->claim_words) / 4.0;
	x[n++] = f->claim_words < 4;
	x[n++] = f->paragraph == 0;
	x[n++] = log1p((double)f->paragraph) / 4.0;
	x[n++] = f->parts;
	return n;
}

double confidence_of(const Features *features)
{
	double x[CONFIDENCE_FEATURES];
	size_t n = confidence_inputs(features, x);
	double z = 0.0;
	for (size_t i = 0; i < n && i < confidence_coefficient_count; i++)
		z += confidence_coefficients[i] * x[i];
	double p = 1.0 / (1.0 + exp(-z));
	/* two decimals: a reviewer reads it, and files stay stable */
	return round(p * 100.0) / 100.0;
}
