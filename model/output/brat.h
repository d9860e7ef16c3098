/* brat standoff (.txt + .ann) in the attribution scheme of the PolNeAR corpus.
 *
 * An attribution is three text-bound annotations, `Source`, `Cue` and `Content` (fragments
 * `start end;start end` in code points), a trigger `Attribution` (or `Attribution-no-source`
 * when there is no source) over the cue, and an event
 * `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1` (further contents: `Content2:`...).
 * What the schema holds beyond that travels as brat attributes and notes, which other tools
 * ignore: `A1<TAB>Status E1 rejected`, `Kind`, `Label`, `Confidence`, `Id` on the event,
 * `Speaker` (the speaker id) and `SpeakerType` on the Source, and the notes
 * `#1<TAB>AnnotatorNotes T1<TAB>speaker: Zhao Lijian` and `... E1<TAB>the annotation's note`.
 *
 * Layouts: flat (brat's own: DIR/<doc>.txt beside DIR/<doc>.ann) and PolNeAR's
 * (SPLIT/text/<doc>.txt with SPLIT/attributions/<doc>_<annotator>.ann, several annotators per
 * text). */
#ifndef SAYWHO_OUTPUT_BRAT_H
#define SAYWHO_OUTPUT_BRAT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/annotation.h"
#include "model/diag.h"
#include "model/output/export.h"

/* Where the text of an .ann file is, which document and which annotator it is about:
 * DIR/<stem>.txt beside it (annotator NULL); else, for <doc>_<annotator>.ann, DIR/<doc>.txt or
 * DIR/../text/<doc>.txt (PolNeAR); else DIR/../text/<stem>.txt. Returns false (and says so in
 * diag) when no text is found. The strings are the caller's to free. */
bool brat_locate_text(const char *ann_path, char **text_path, char **document, char **annotator,
		      Diagnostics *diag);

/* Reads an .ann against its article (ownership of `article` passes to the result, also on
 * failure). Problems are `file:line:col` diagnostics; returns NULL when any is an error.
 * The set gets document.id = `document`, annotator = `annotator` (either may be NULL),
 * annotations in event order, status `added` unless a Status attribute says otherwise. */
AnnotationSet *brat_read(const char *ann_path, Article *article, const char *document,
			 const char *annotator, Diagnostics *diag);

/* Writes the .ann of a set: the annotations export_selects() takes, in position order.
 * Returns how many were written. */
size_t brat_write_ann(const AnnotationSet *set, const ExportOptions *options, FILE *out);

typedef enum { BRAT_LAYOUT_FLAT, BRAT_LAYOUT_POLNEAR } BratLayout;

/* Writes the article and its .ann into `out_dir` (which must exist): flat DIR/<doc>.txt and
 * DIR/<doc>.ann; PolNeAR DIR/text/<doc>.txt and DIR/attributions/<doc>_<annotator>.ann
 * ("anonymous" without an annotator; '_' in it becomes '-'). `document` must not contain '/'. Returns false (diag says
 * why) on a write error; *written gets the number of annotations written. */
bool brat_export(const AnnotationSet *set, const char *document, const char *out_dir, BratLayout layout,
		 const ExportOptions *options, size_t *written, Diagnostics *diag);

/* Lists the .ann files of a path: an .ann file; a folder's *.ann files, and those of its
 * `attributions/` subfolder (PolNeAR), sorted. */
bool brat_list(const char *path, char ***out, size_t *count, Diagnostics *diag);

#endif
