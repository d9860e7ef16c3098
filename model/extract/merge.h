/* Merging fresh engine candidates into an annotation file that analysts have worked on.
 *
 * Used by `saywho extract --merge`: everything already in the file stays exactly as it is
 * (reviewed or not); a new candidate is added only when its claim shares no code point with the
 * claim of any annotation already there, so nothing an analyst decided is proposed twice. */
#ifndef SAYWHO_MERGE_H
#define SAYWHO_MERGE_H

#include <stddef.h>

#include "model/annotation.h"

/* Adds to `into` copies of the candidates of `from` (same article text) whose claims overlap no
 * claim of `into`, with the speakers they point at (an equal speaker of `into`, same name and
 * type, is reused; a clashing id gets a new one) and their labels (added to `labels` when
 * missing). Ids that clash get new ones. Returns the number of annotations added; when some
 * were added, `updated` is cleared so that the next save stamps it. */
size_t extract_merge_candidates(AnnotationSet *into, const AnnotationSet *from);

/* Whether two spans share a code point (their parts when they have some). */
bool span_pieces_overlap(const Span *a, const Span *b);

#endif
