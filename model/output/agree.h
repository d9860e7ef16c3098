/* `saywho agree`: agreement between annotators of the same articles.
 *
 * Each argument is one annotator: a file, or a folder of files (documents are matched across
 * annotators by document id, file stem or article name, as eval does). An annotator is named by
 * the `annotator:` its files share, else by the argument; a name given twice gets "#N" added. For each document and
 * each pair of annotators who both have it:
 *   - claims: the claims are aligned with the evaluation's pairing (model/output/score.h);
 *     F1 = 2 * matched / (claims of A + claims of B), rejected annotations left out;
 *   - claims_exact: aligned claims whose trimmed boundaries are within 2 code points;
 *   - attribution: aligned claims whose speakers agree (spans overlap or same entity);
 *   - speaker_mentions: speaker spans (distinct start..end) equal in both, F1 likewise.
 * Decisions: the engine's candidates both annotators saw (same annotation id, not `added`,
 * reviewed by every annotator who has the document): accept (accepted, corrected) or reject;
 * Cohen's kappa for two annotators, Fleiss' kappa for three or more; null when undefined
 * (no items, or every decision the same: chance agreement 1).
 * Disagreements list what differs: a claim only one has, boundaries, speaker, label, kind,
 * decision. */
#ifndef SAYWHO_OUTPUT_AGREE_H
#define SAYWHO_OUTPUT_AGREE_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "model/diag.h"

/* Returns the report ({"annotators","documents":[...],"unpaired":[files only one annotator
 * has],"total":{...}}); *ok false when a file could not be read (the rest is still compared). */
json_t *agree_compute(char *const *paths, size_t count, Diagnostics *diag, bool *ok);
void agree_print(json_t *report, FILE *out, bool list_disagreements);

/* Kappa from decision counts. Cohen: table[a][b] = items that A put in category a and B in b
 * (0 accept, 1 reject). Fleiss: counts[i * 2 + c] = raters who put item i in category c, with
 * `raters` raters per item. Both return NAN when undefined. */
double agree_cohen_kappa(const size_t table[2][2]);
double agree_fleiss_kappa(const size_t *counts, size_t items, size_t raters);

#endif
