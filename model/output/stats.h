/* `saywho stats`: the numbers a team lead asks for about a corpus of annotation files. */
#ifndef SAYWHO_OUTPUT_STATS_H
#define SAYWHO_OUTPUT_STATS_H

#include <stdio.h>

#include <jansson.h>

#include "model/output/corpus.h"

#define STATS_CONFIDENCE_BANDS 5 /* [0, .2) [.2, .4) [.4, .6) [.6, .8) [.8, 1] */

/* Computes, over the loaded files of the corpus:
 *   "files", "annotations";
 *   "speakers": [{"name","id","type","claims","documents"}] most quoted first (claims = the
 *               annotations not rejected: candidates count, as the engine's proposals);
 *   "speaker_types": {type: claims}; "kinds": {kind: claims}; "labels": {label: claims};
 *   "review": {"by_folder": [...], "by_annotator": [...]} each row {"name","files",
 *              "files_complete","annotations","candidate","accepted","corrected","rejected",
 *              "added","reviewed_share"};
 *   "engine": [{"band","from","to","reviewed","accepted","corrected","rejected","pending",
 *              "acceptance","kept"}] for engine annotations (those with a confidence, not
 *              added): acceptance = accepted / reviewed, kept = (accepted + corrected) / reviewed.
 * Shares are rounded to 3 decimals. */
json_t *stats_compute(const Corpus *corpus);
/* The same as tables of text. */
void stats_print(json_t *stats, FILE *out);

#endif
