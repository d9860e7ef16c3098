/* The edit history: every operation, its undo and redo, the rules, groups, the modified flag,
 * the observer, replay, and long random sequences undone and redone in full. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/annotation.h"
#include "model/article.h"
#include "model/history.h"

/* Hand-written text (not from any corpus) with curly quotes, CJK and an emoji. */
static const char article_text_1[] =
	"\xe2\x80\x9cWe will not accept this,\xe2\x80\x9d said Mira Castellanos, the port "
	"authority\xe2\x80\x99s director. She added that the \xe6\x9d\xb1\xe4\xba\xac office agreed "
	"\xf0\x9f\x91\x8d.\n\n"
	"The union\xe2\x80\x99s spokesman, Odd Henriksen, called the plan \xe2\x80\x9creckless\xe2\x80\x9d "
	"on Tuesday. Officials in Bergen declined to comment.\n";

typedef struct Fixture {
	AnnotationSet *set;
	size_t mira, odd, city; /* speaker indexes */
} Fixture;

static Span make_span(const Article *article, const char *text, const char *needle,
		      const char *ref)
{
	const char *found = strstr(text, needle);
	cr_assert_not_null(found, "fixture text lacks \"%s\"", needle);
	size_t start = (size_t)(found - text);
	(void)article;
	return (Span){.present = true, .start = start, .end = start + strlen(needle),
		      .ref = (char *)ref};
}

/* a1 candidate, a2 accepted, a3 rejected, a4 corrected (with an original), a5 added; in
 * position order, as the store keeps them. */
static Fixture make_fixture(void)
{
	Diagnostics diag = {0};
	Article *article = article_from_memory("history.txt", article_text_1,
					       sizeof article_text_1 - 1, &diag);
	cr_assert_not_null(article);
	AnnotationSet *set = annotation_set_new(article);
	annotation_set_set_labels(set, annotation_default_labels, annotation_default_label_count);
	Speaker speakers[] = {
		{.id = "mira-castellanos", .name = "Mira Castellanos", .type = SPEAKER_PERSON},
		{.id = "odd-henriksen", .name = "Odd Henriksen", .type = SPEAKER_PERSON},
		{.id = "officials", .name = "Officials in Bergen", .type = SPEAKER_GOVERNMENT},
	};
	for (size_t i = 0; i < 3; i++)
		annotation_set_append_speaker(set, &speakers[i]);
	const char *t = article_text_1;
	Annotation a1 = {.id = "a1", .status = STATUS_CANDIDATE, .kind = KIND_DIRECT,
			 .claim = make_span(article, t, "We will not accept this,", NULL),
			 .speaker = make_span(article, t, "Mira Castellanos", "mira-castellanos"),
			 .cue = make_span(article, t, "said", NULL),
			 .label = "position", .has_confidence = true, .confidence = 0.8};
	Annotation a2 = {.id = "a2", .status = STATUS_ACCEPTED, .kind = KIND_INDIRECT,
			 .claim = make_span(article, t, "the \xe6\x9d\xb1\xe4\xba\xac office agreed", NULL),
			 .speaker = make_span(article, t, "She", "mira-castellanos"),
			 .cue = make_span(article, t, "added", NULL)};
	Annotation a3 = {.id = "a3", .status = STATUS_REJECTED,
			 .claim = make_span(article, t, "The union", NULL)};
	AnnotationOriginal original = {.fields = FIELD_SPEAKER,
				       .speaker = make_span(article, t, "Odd Henriksen", "officials")};
	Annotation a4 = {.id = "a4", .status = STATUS_CORRECTED, .kind = KIND_MIXED,
			 .claim = make_span(article, t, "reckless", NULL),
			 .speaker = make_span(article, t, "Odd Henriksen", "odd-henriksen"),
			 .cue = make_span(article, t, "called", NULL), .original = &original};
	Annotation a5 = {.id = "a5", .status = STATUS_ADDED,
			 .claim = make_span(article, t, "declined to comment", NULL),
			 .speaker = make_span(article, t, "Officials", "officials"), .note = "by hand"};
	Annotation *all[] = {&a1, &a2, &a3, &a4, &a5};
	for (size_t i = 0; i < 5; i++)
		annotation_set_append(set, all[i]);
	return (Fixture){set, 0, 1, 2};
}

/* A deep copy of what the history changes, to compare with annotation_set_equal. */
static AnnotationSet *snapshot(const AnnotationSet *set)
{
	Diagnostics diag = {0};
	Article *article = article_from_memory(article_name(set->article), article_text(set->article),
					       article_size(set->article), &diag);
	AnnotationSet *copy = annotation_set_new(article);
	annotation_set_set_labels(copy, (const char *const *)set->labels, set->label_count);
	copy->has_labels = set->has_labels;
	for (size_t i = 0; i < set->speaker_count; i++)
		annotation_set_append_speaker(copy, &set->speakers[i]);
	for (size_t i = 0; i < set->annotation_count; i++)
		annotation_set_append(copy, &set->annotations[i]);
	return copy;
}

static void expect_same(const AnnotationSet *a, const AnnotationSet *b, const char *when)
{
	cr_assert(annotation_set_equal(a, b), "sets differ %s", when);
}

/* ------------------------------------------------------------------ statuses */

Test(history_status, accept_undo_redo)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	cr_assert(annotation_set_accept(f.set, 0, &why));
	cr_expect_eq(f.set->annotations[0].status, STATUS_ACCEPTED);
	cr_expect_eq(history_undo_depth(f.set), 1);
	AnnotationSet *after = snapshot(f.set);
	cr_expect_str_eq(history_undo(f.set), "accept a1");
	expect_same(f.set, before, "after undo");
	cr_expect_eq(history_redo_depth(f.set), 1);
	cr_expect_str_eq(history_redo(f.set), "accept a1");
	expect_same(f.set, after, "after redo");
	cr_expect_null(history_redo(f.set));
	annotation_set_free(before);
	annotation_set_free(after);
	annotation_set_free(f.set);
}

Test(history_status, accept_rules)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_expect_not(annotation_set_accept(f.set, 1, &why));
	cr_expect_str_eq(why, "a2 is already accepted");
	cr_expect_not(annotation_set_accept(f.set, 3, &why));
	cr_expect_str_eq(why, "a4 is already corrected");
	cr_expect_not(annotation_set_accept(f.set, 4, &why));
	cr_expect_str_eq(why, "a5 was added by an analyst: there is nothing to accept");
	cr_expect_not(annotation_set_accept(f.set, 9, &why));
	cr_expect_str_eq(why, "there is no annotation number 10");
	cr_expect(annotation_set_accept(f.set, 2, &why)); /* rejected -> accepted */
	cr_expect_eq(f.set->annotations[2].status, STATUS_ACCEPTED);
	/* A rejected correction comes back corrected. */
	cr_expect(annotation_set_reject(f.set, 3, &why));
	cr_expect(annotation_set_accept(f.set, 3, &why));
	cr_expect_eq(f.set->annotations[3].status, STATUS_CORRECTED);
	cr_expect_eq(history_undo_depth(f.set), 3); /* refusals leave no step */
	/* A file's corrected annotation without an original stays corrected too. */
	Annotation *a4 = &f.set->annotations[3];
	AnnotationOriginal *kept = a4->original;
	a4->original = NULL;
	cr_expect_not(annotation_set_accept(f.set, 3, &why));
	cr_expect_str_eq(why, "a4 is already corrected");
	a4->original = kept;
	annotation_set_free(f.set);
}

Test(history_status, reject_and_reset)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_expect(annotation_set_reject(f.set, 0, &why));
	cr_expect_eq(f.set->annotations[0].status, STATUS_REJECTED);
	cr_expect_not(annotation_set_reject(f.set, 0, &why));
	cr_expect_str_eq(why, "a1 is already rejected");
	cr_expect_not(annotation_set_reject(f.set, 4, &why));
	cr_expect_str_eq(why, "a5 was added by an analyst: delete it instead of rejecting it");
	cr_expect(annotation_set_reject(f.set, 3, &why));
	cr_expect_not_null(f.set->annotations[3].original, "reject keeps the original");
	cr_expect(annotation_set_reset_status(f.set, 3, &why));
	cr_expect_eq(f.set->annotations[3].status, STATUS_CANDIDATE);
	cr_expect_not_null(f.set->annotations[3].original, "reset keeps the original");
	cr_expect_not(annotation_set_reset_status(f.set, 3, &why));
	cr_expect_str_eq(why, "a4 is already a candidate");
	cr_expect_not(annotation_set_reset_status(f.set, 4, &why));
	cr_expect_str_eq(why, "a5 was added by an analyst: it was never a candidate");
	cr_expect_str_eq(history_undo(f.set), "reset a4 to candidate");
	cr_expect_eq(f.set->annotations[3].status, STATUS_REJECTED);
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ fields and original */

Test(history_fields, first_change_records_the_engine_value)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	Span odd = make_span(f.set->article, article_text_1, "Odd Henriksen", "odd-henriksen");
	cr_assert(annotation_set_set_speaker(f.set, 0, &odd, &why), "%s", why);
	const Annotation *a1 = &f.set->annotations[0];
	cr_expect_eq(a1->status, STATUS_CORRECTED);
	cr_assert_not_null(a1->original);
	cr_expect_eq(a1->original->fields, FIELD_SPEAKER);
	cr_expect_str_eq(a1->original->speaker.ref, "mira-castellanos");
	cr_expect_eq(a1->speaker.start, odd.start);
	/* A second change keeps the engine's value, not the first change. */
	Span officials = make_span(f.set->article, article_text_1, "Officials", "officials");
	cr_assert(annotation_set_set_speaker(f.set, 0, &officials, &why));
	cr_expect_str_eq(f.set->annotations[0].original->speaker.ref, "mira-castellanos");
	/* Other fields join the original. */
	cr_assert(annotation_set_set_kind(f.set, 0, KIND_INDIRECT, &why));
	cr_assert(annotation_set_set_label(f.set, 0, "denial", &why));
	a1 = &f.set->annotations[0];
	cr_expect_eq(a1->original->fields, FIELD_SPEAKER | FIELD_KIND | FIELD_LABEL);
	cr_expect_eq(a1->original->kind, KIND_DIRECT);
	cr_expect_str_eq(a1->original->label, "position");
	/* Back to the engine's values, field by field: the original empties and goes. */
	Span mira = make_span(f.set->article, article_text_1, "Mira Castellanos", "mira-castellanos");
	cr_assert(annotation_set_set_speaker(f.set, 0, &mira, &why));
	cr_expect_eq(f.set->annotations[0].original->fields, FIELD_KIND | FIELD_LABEL);
	cr_expect_eq(f.set->annotations[0].status, STATUS_CORRECTED);
	cr_assert(annotation_set_set_kind(f.set, 0, KIND_DIRECT, &why));
	cr_assert(annotation_set_set_label(f.set, 0, "position", &why));
	cr_expect_null(f.set->annotations[0].original);
	cr_expect_eq(f.set->annotations[0].status, STATUS_ACCEPTED);
	for (int i = 0; i < 7; i++)
		cr_assert_not_null(history_undo(f.set));
	expect_same(f.set, before, "after undoing every field change");
	annotation_set_free(before);
	annotation_set_free(f.set);
}

Test(history_fields, descriptions)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	Span odd = make_span(f.set->article, article_text_1, "Odd Henriksen", "odd-henriksen");
	Span nameless = make_span(f.set->article, article_text_1, "The union", NULL);
	Span cue = make_span(f.set->article, article_text_1, "added", NULL);
	Span claim = make_span(f.set->article, article_text_1, "We will not accept this", NULL);
	struct {
		bool done;
		const char *description;
	} steps[] = {
		{annotation_set_set_speaker(f.set, 0, &odd, &why), "change speaker of a1 to odd-henriksen"},
		{annotation_set_set_speaker(f.set, 1, &nameless, &why),
		 "change speaker of a2 to \xe2\x80\x9cThe union\xe2\x80\x9d"},
		{annotation_set_set_speaker(f.set, 1, NULL, &why), "remove speaker of a2"},
		{annotation_set_set_cue(f.set, 0, &cue, &why), "change cue of a1"},
		{annotation_set_set_cue(f.set, 0, &(Span){.present = false}, &why), "remove cue of a1"},
		{annotation_set_set_claim(f.set, 0, &claim, &why), "change claim of a1"},
		{annotation_set_set_kind(f.set, 0, KIND_MIXED, &why), "change kind of a1 to mixed"},
		{annotation_set_set_kind(f.set, 0, KIND_UNSET, &why), "remove kind of a1"},
		{annotation_set_set_label(f.set, 1, "demand", &why), "change label of a2 to demand"},
		{annotation_set_set_label(f.set, 1, NULL, &why), "remove label of a2"},
		{annotation_set_set_note(f.set, 0, "check the quote", &why), "edit note of a1"},
		{annotation_set_set_note(f.set, 0, NULL, &why), "remove note of a1"},
	};
	size_t count = sizeof steps / sizeof *steps;
	for (size_t i = 0; i < count; i++)
		cr_assert(steps[i].done, "step %zu (%s) refused", i, steps[i].description);
	for (size_t i = count; i-- > 0;) {
		const char *undone = history_undo(f.set);
		cr_assert_not_null(undone);
		cr_expect_str_eq(undone, steps[i].description);
	}
	annotation_set_free(f.set);
}

Test(history_fields, refusals)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	Span span = make_span(f.set->article, article_text_1, "Odd Henriksen", "nobody");
	cr_expect_not(annotation_set_set_speaker(f.set, 0, &span, &why));
	cr_expect_str_eq(why, "there is no speaker 'nobody'");
	/* The opening quote is 3 bytes: starting 1 byte into it cuts it. */
	Span cut = {.present = true, .start = 1, .end = 10};
	cr_expect_not(annotation_set_set_claim(f.set, 0, &cut, &why));
	cr_expect_str_eq(why, "the claim span cuts a character");
	Span beyond = {.present = true, .start = 10, .end = sizeof article_text_1 + 5};
	cr_expect_not(annotation_set_set_cue(f.set, 0, &beyond, &why));
	cr_expect_str_eq(why, "the cue span ends after the article");
	Span empty = {.present = true, .start = 10, .end = 10};
	cr_expect_not(annotation_set_set_cue(f.set, 0, &empty, &why));
	cr_expect_str_eq(why, "the cue span is empty");
	Span absent = {0};
	cr_expect_not(annotation_set_set_claim(f.set, 0, &absent, &why));
	cr_expect_str_eq(why, "the claim span is missing");
	cr_expect_not(annotation_set_set_claim(f.set, 0, NULL, &why));
	cr_expect_str_eq(why, "an annotation always has a claim");
	ByteRange bad_parts[] = {{20, 25}, {12, 15}};
	Span parts = {.present = true, .start = 3, .end = 26, .parts = bad_parts, .part_count = 2};
	cr_expect_not(annotation_set_set_claim(f.set, 0, &parts, &why));
	cr_expect_str_eq(why, "the claim parts are not in order inside the span");
	cr_expect_not(annotation_set_set_label(f.set, 0, "gossip", &why));
	cr_expect_str_eq(why, "label 'gossip' is not in this file's labels");
	cr_expect_not(annotation_set_set_kind(f.set, 0, KIND_COUNT, &why));
	cr_expect_str_eq(why, "unknown kind 4");
	cr_expect_not(annotation_set_set_kind(f.set, 0, KIND_DIRECT, &why));
	cr_expect_str_eq(why, "a1: nothing changes");
	cr_expect_not(annotation_set_set_note(f.set, 4, "by hand", &why));
	cr_expect_str_eq(why, "a5: nothing changes");
	expect_same(f.set, before, "after refused operations");
	cr_expect_eq(history_undo_depth(f.set), 0);
	cr_expect_not(history_is_modified(f.set));
	annotation_set_free(before);
	annotation_set_free(f.set);
}

Test(history_fields, label_needs_a_label_list)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	f.set->has_labels = false;
	for (size_t i = 0; i < f.set->label_count; i++)
		free(f.set->labels[i]);
	f.set->label_count = 0;
	cr_expect_not(annotation_set_set_label(f.set, 1, "denial", &why));
	cr_expect_str_eq(why, "label 'denial' is not in this file's labels");
	const char *labels[] = {"denial", "claim"};
	cr_assert(annotation_set_change_labels(f.set, labels, 2, &why), "%s", why);
	cr_expect(f.set->has_labels);
	cr_expect(annotation_set_set_label(f.set, 1, "denial", &why));
	/* A label in use cannot go. */
	const char *fewer[] = {"claim"};
	cr_expect_not(annotation_set_change_labels(f.set, fewer, 1, &why));
	cr_expect_str_eq(why, "label 'denial' is used by a2");
	cr_expect_str_eq(history_undo(f.set), "change label of a2 to denial");
	cr_expect_str_eq(history_undo(f.set), "change labels");
	cr_expect_not(f.set->has_labels);
	cr_expect_eq(f.set->label_count, 0);
	cr_expect_str_eq(history_redo(f.set), "change labels");
	cr_expect_eq(f.set->label_count, 2);
	cr_expect_str_eq(f.set->labels[1], "claim");
	annotation_set_free(f.set);
}

Test(history_fields, added_annotations_get_no_original)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_assert(annotation_set_set_kind(f.set, 4, KIND_INDIRECT, &why));
	cr_expect_null(f.set->annotations[4].original);
	cr_expect_eq(f.set->annotations[4].status, STATUS_ADDED);
	annotation_set_free(f.set);
}

Test(history_fields, note_changes_no_status)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_assert(annotation_set_set_note(f.set, 0, "double-check", &why));
	cr_expect_eq(f.set->annotations[0].status, STATUS_CANDIDATE);
	cr_expect_null(f.set->annotations[0].original);
	cr_expect_str_eq(f.set->annotations[0].note, "double-check");
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ add and delete */

Test(history_add, added_in_position_order_and_deleted)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	AnnotationOriginal stray = {.fields = FIELD_KIND, .kind = KIND_DIRECT};
	Annotation a = {.status = STATUS_CANDIDATE, .original = &stray,
			.claim = make_span(f.set->article, article_text_1, "called the plan", NULL)};
	size_t index = annotation_set_add(f.set, &a, &why);
	cr_assert_neq(index, (size_t)-1, "%s", why);
	const Annotation *added = &f.set->annotations[index];
	cr_expect_eq(added->status, STATUS_ADDED);
	cr_expect_null(added->original);
	cr_expect_str_eq(added->id, "a6");
	/* Between a3 ("The union") and a4 ("reckless"). */
	cr_expect_eq(index, 3);
	cr_expect_str_eq(f.set->annotations[4].id, "a4");
	cr_expect_str_eq(history_undo(f.set), "add a6");
	expect_same(f.set, before, "after undoing an add");
	cr_expect_str_eq(history_redo(f.set), "add a6");
	cr_expect_str_eq(f.set->annotations[3].id, "a6");
	cr_assert(annotation_set_delete(f.set, 3, &why));
	expect_same(f.set, before, "after deleting it");
	cr_expect_str_eq(history_undo(f.set), "delete a6");
	cr_expect_str_eq(f.set->annotations[3].id, "a6");
	annotation_set_free(before);
	annotation_set_free(f.set);
}

Test(history_add, refusals)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_expect_not(annotation_set_delete(f.set, 0, &why));
	cr_expect_str_eq(why, "a1 was proposed by the engine: reject it instead of deleting it");
	cr_expect(annotation_set_delete(f.set, 4, &why));
	Annotation duplicate = {.id = "a2",
				.claim = make_span(f.set->article, article_text_1, "Tuesday", NULL)};
	cr_expect_eq(annotation_set_add(f.set, &duplicate, &why), (size_t)-1);
	cr_expect_str_eq(why, "there is already an annotation a2");
	Annotation no_claim = {.id = "x"};
	cr_expect_eq(annotation_set_add(f.set, &no_claim, &why), (size_t)-1);
	cr_expect_str_eq(why, "the claim span is missing");
	Annotation bad_ref = {.claim = duplicate.claim,
			      .speaker = make_span(f.set->article, article_text_1, "She", "her")};
	cr_expect_eq(annotation_set_add(f.set, &bad_ref, &why), (size_t)-1);
	cr_expect_str_eq(why, "there is no speaker 'her'");
	Annotation bad_confidence = {.claim = duplicate.claim, .has_confidence = true,
				     .confidence = 1.5};
	cr_expect_eq(annotation_set_add(f.set, &bad_confidence, &why), (size_t)-1);
	cr_expect_str_eq(why, "a confidence is between 0 and 1");
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ speakers */

Test(history_speakers, add_rename_retype)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	size_t index = annotation_set_add_speaker(f.set, "Port Authority", SPEAKER_ORGANIZATION, &why);
	cr_assert_eq(index, 3);
	cr_expect_str_eq(f.set->speakers[3].id, "port-authority");
	cr_assert(annotation_set_rename_speaker(f.set, 3, "The Port Authority", &why));
	cr_expect_str_eq(f.set->speakers[3].id, "port-authority", "renaming keeps the id");
	cr_assert(annotation_set_retype_speaker(f.set, 3, SPEAKER_GOVERNMENT, &why));
	cr_expect_not(annotation_set_retype_speaker(f.set, 3, SPEAKER_GOVERNMENT, &why));
	cr_expect_str_eq(why, "port-authority is already of that type");
	cr_expect_not(annotation_set_rename_speaker(f.set, 3, "", &why));
	cr_expect_str_eq(why, "a speaker needs a name");
	cr_expect_eq(annotation_set_add_speaker(f.set, NULL, SPEAKER_PERSON, &why), (size_t)-1);
	cr_expect_not(annotation_set_rename_speaker(f.set, 7, "x", &why));
	cr_expect_str_eq(why, "there is no speaker number 8");
	cr_expect_str_eq(history_undo(f.set), "change type of speaker port-authority to government");
	cr_expect_str_eq(history_undo(f.set),
			 "rename speaker port-authority to \xe2\x80\x9cThe Port Authority\xe2\x80\x9d");
	cr_expect_str_eq(history_undo(f.set), "add speaker port-authority");
	expect_same(f.set, before, "after undoing the speaker steps");
	annotation_set_free(before);
	annotation_set_free(f.set);
}

Test(history_speakers, merge_is_one_step)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	/* mira-castellanos (a1 candidate, a2 accepted) into odd-henriksen. */
	cr_assert(annotation_set_merge_speakers(f.set, f.mira, f.odd, &why), "%s", why);
	cr_expect_eq(history_undo_depth(f.set), 1);
	for (size_t i = 0; i < 2; i++) {
		const Annotation *a = &f.set->annotations[i];
		cr_expect_str_eq(a->speaker.ref, "odd-henriksen");
		cr_expect_eq(a->status, STATUS_CORRECTED);
		cr_assert_not_null(a->original);
		cr_expect_str_eq(a->original->speaker.ref, "mira-castellanos");
	}
	/* The engine's proposals still name mira-castellanos: the entry stays so that the file's
	 * refs all resolve. */
	cr_expect_neq(annotation_set_speaker_index(f.set, "mira-castellanos"), (size_t)-1);
	/* Merging it again has nothing left to do. */
	cr_expect_not(annotation_set_merge_speakers(f.set, f.mira, f.odd, &why));
	cr_expect_str_eq(why, "mira-castellanos has no mentions to move, and engine proposals still "
			      "name it");
	cr_expect_eq(history_undo_depth(f.set), 1);
	cr_expect_str_eq(history_undo(f.set), "merge speaker mira-castellanos into odd-henriksen");
	expect_same(f.set, before, "after undoing the merge");
	annotation_set_free(before);
	annotation_set_free(f.set);
}

Test(history_speakers, merge_removes_a_speaker_only_analysts_used)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	/* "officials" is named by a5 (added) and by a4's original: move a4's original away first by
	 * merging a fresh speaker used only by an added annotation. */
	size_t extra = annotation_set_add_speaker(f.set, "Bergen officials", SPEAKER_GOVERNMENT, &why);
	Span mention = make_span(f.set->article, article_text_1, "Officials", "bergen-officials");
	cr_assert(annotation_set_set_speaker(f.set, 4, &mention, &why), "%s", why);
	AnnotationSet *before = snapshot(f.set);
	cr_assert(annotation_set_merge_speakers(f.set, extra, f.city, &why), "%s", why);
	cr_expect_eq(annotation_set_speaker_index(f.set, "bergen-officials"), (size_t)-1);
	cr_expect_eq(f.set->speaker_count, 3);
	cr_expect_str_eq(f.set->annotations[4].speaker.ref, "officials");
	cr_expect_eq(f.set->annotations[4].status, STATUS_ADDED);
	cr_expect_not(annotation_set_merge_speakers(f.set, 0, 0, &why));
	cr_expect_str_eq(why, "a speaker cannot be merged into itself");
	history_undo(f.set);
	expect_same(f.set, before, "after undoing the merge");
	annotation_set_free(before);
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ groups */

Test(history_groups, group_is_one_step)
{
	Fixture f = make_fixture();
	AnnotationSet *before = snapshot(f.set);
	const char *why = NULL;
	history_group_begin(f.set, "accept 2 annotations");
	cr_expect(annotation_set_accept(f.set, 0, &why));
	cr_expect_not(annotation_set_accept(f.set, 1, &why)); /* refused: no change */
	history_group_begin(f.set, "nested");
	cr_expect(annotation_set_accept(f.set, 2, &why));
	history_group_end(f.set);
	cr_expect_null(history_undo(f.set), "no undo inside a group");
	history_group_end(f.set);
	cr_expect_eq(history_undo_depth(f.set), 1);
	cr_expect_str_eq(history_undo(f.set), "accept 2 annotations");
	expect_same(f.set, before, "after undoing the group");
	/* An empty group leaves no step. */
	history_group_begin(f.set, "nothing");
	history_group_end(f.set);
	cr_expect_eq(history_undo_depth(f.set), 0);
	cr_expect_eq(history_redo_depth(f.set), 1);
	annotation_set_free(before);
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ modified since save */

Test(history_modified, follows_the_saved_state)
{
	Fixture f = make_fixture();
	const char *why = NULL;
	cr_expect_not(history_is_modified(f.set));
	cr_assert(annotation_set_accept(f.set, 0, &why));
	cr_expect(history_is_modified(f.set));
	history_undo(f.set);
	cr_expect_not(history_is_modified(f.set), "undone back to the loaded state");
	history_redo(f.set);
	cr_expect(history_is_modified(f.set));
	history_mark_saved(f.set);
	cr_expect_not(history_is_modified(f.set));
	history_undo(f.set);
	cr_expect(history_is_modified(f.set), "the saved state had a1 accepted");
	history_redo(f.set);
	cr_expect_not(history_is_modified(f.set));
	/* Undo, then a new edit: the saved state's branch is gone for good. */
	history_undo(f.set);
	cr_assert(annotation_set_reject(f.set, 0, &why));
	cr_expect_eq(history_redo_depth(f.set), 0);
	cr_expect(history_is_modified(f.set));
	history_undo(f.set);
	cr_expect(history_is_modified(f.set), "the saved state cannot be reached any more");
	history_mark_saved(f.set);
	cr_expect_not(history_is_modified(f.set));
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ observer and replay */

typedef struct Recorded {
	char descriptions[64][128];
	int directions[64];
	HistoryStep steps[64];
	size_t count;
} Recorded;

static HistoryStep copy_step(const HistoryStep *step)
{
	HistoryStep copy;
	history_step_copy(&copy, step);
	return copy;
}

static void record_step(void *context, const AnnotationSet *set, const HistoryStep *step,
			int direction)
{
	Recorded *recorded = context;
	(void)set;
	cr_assert_lt(recorded->count, 64);
	snprintf(recorded->descriptions[recorded->count], 128, "%s", step->description);
	recorded->directions[recorded->count] = direction;
	recorded->steps[recorded->count] = copy_step(step);
	recorded->count++;
}

Test(history_observer, sees_every_step_and_replays)
{
	Fixture f = make_fixture();
	AnnotationSet *fresh = snapshot(f.set);
	Recorded *recorded = calloc(1, sizeof *recorded);
	history_set_observer(f.set, record_step, recorded);
	const char *why = NULL;
	annotation_set_accept(f.set, 0, &why);
	history_group_begin(f.set, "bulk");
	annotation_set_reject(f.set, 1, &why);
	annotation_set_set_kind(f.set, 3, KIND_DIRECT, &why);
	history_group_end(f.set);
	annotation_set_add_speaker(f.set, "Harbour Board", SPEAKER_ORGANIZATION, &why);
	const char *labels[] = {"position", "denial"};
	annotation_set_change_labels(f.set, labels, 2, &why);
	Annotation a = {.claim = make_span(f.set->article, article_text_1, "on Tuesday", NULL)};
	annotation_set_add(f.set, &a, &why);
	annotation_set_delete(f.set, 5, &why);
	history_undo(f.set);
	history_redo(f.set);
	cr_assert_eq(recorded->count, 8);
	const char *expected[] = {"accept a1", "bulk", "add speaker harbour-board", "change labels",
				  "add a6", "delete a5", "delete a5", "delete a5"};
	int directions[] = {1, 1, 1, 1, 1, 1, -1, 1};
	for (size_t i = 0; i < 8; i++) {
		cr_expect_str_eq(recorded->descriptions[i], expected[i]);
		cr_expect_eq(recorded->directions[i], directions[i]);
	}
	cr_expect_eq(recorded->steps[1].change_count, 2);
	/* Replaying the "do" steps on a copy of the starting state gives the same set. */
	for (size_t i = 0; i < 6; i++)
		cr_assert(history_apply_step(fresh, &recorded->steps[i]), "step %zu", i);
	expect_same(fresh, f.set, "after replay");
	cr_expect_eq(history_undo_depth(fresh), 6);
	cr_expect(history_is_modified(fresh));
	/* ...and undoing there gives the start back. */
	AnnotationSet *start = make_fixture().set;
	while (history_undo(fresh))
		;
	expect_same(fresh, start, "after undoing the replay");
	/* A step that does not fit (index out of range) is refused and changes nothing. */
	AnnotationSet *unchanged = snapshot(fresh);
	HistoryStep bad = copy_step(&recorded->steps[0]);
	bad.changes[0].index = 99;
	cr_expect_not(history_apply_step(fresh, &bad));
	expect_same(fresh, unchanged, "after a refused replay");
	history_step_clear(&bad);
	for (size_t i = 0; i < recorded->count; i++)
		history_step_clear(&recorded->steps[i]);
	free(recorded);
	annotation_set_free(unchanged);
	annotation_set_free(start);
	annotation_set_free(fresh);
	annotation_set_free(f.set);
}

/* ------------------------------------------------------------------ random sequences */

static unsigned long long random_state;

static unsigned random_below(unsigned n)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return (unsigned)(random_state % n);
}

/* Own text, a few articles long, with multi-byte characters everywhere. */
static char *long_text(void)
{
	static const char *const paragraphs[] = {
		"\xe2\x80\x9cThe harbour will reopen on Monday,\xe2\x80\x9d said the mayor, Ines Valdera. "
		"She told reporters the \xc3\xa9quipe had worked through the night.",
		"Critics called the decision \xe2\x80\x9cpremature\xe2\x80\x9d. A union leader, Tomas "
		"Brekke, said the cranes were unsafe \xe2\x80\x94 a claim the port\xe2\x80\x99s owners "
		"denied.",
		"According to the ministry, 42 ships waited offshore; the \xe6\xb8\xaf\xe5\x8f\xa3 "
		"authority said that delays cost \xe2\x82\xac" "3 million a day \xf0\x9f\x9a\xa2.",
		"\xe2\x80\x9cWe are not finished,\xe2\x80\x9d Brekke added. \xe2\x80\x9cNobody listens "
		"to the workers.\xe2\x80\x9d",
	};
	size_t capacity = 16384, length = 0;
	char *text = malloc(capacity);
	text[0] = '\0';
	for (int copy = 0; copy < 4; copy++)
		for (size_t p = 0; p < 4; p++) {
			length += (size_t)snprintf(text + length, capacity - length, "%s\n\n",
						   paragraphs[p]);
		}
	return text;
}

static const char *const random_labels[] = {"accusation", "denial", "statistic", "demand",
					     "position", "other", "nonsense"};

typedef struct RandomWorld {
	AnnotationSet *set;
	size_t length; /* code points */
} RandomWorld;

/* A span at random code points, now and then a bad one (cutting a character, past the end). */
static Span random_span(const RandomWorld *world, bool allow_bad)
{
	const Article *article = world->set->article;
	size_t start = random_below((unsigned)world->length - 1);
	size_t end = start + 1 + random_below(40);
	if (end > world->length)
		end = world->length;
	Span span = {.present = true, .start = article_byte_of_cp(article, start),
		     .end = article_byte_of_cp(article, end)};
	if (allow_bad && random_below(20) == 0)
		span.start += 1; /* inside a multi-byte character, or still fine */
	if (allow_bad && random_below(40) == 0)
		span.end = article_size(article) + 3;
	return span;
}

static const char *random_ref(const AnnotationSet *set)
{
	if (set->speaker_count == 0 || random_below(15) == 0)
		return random_below(2) ? "no-such-speaker" : NULL;
	return set->speakers[random_below((unsigned)set->speaker_count)].id;
}

static size_t random_index(const AnnotationSet *set)
{
	/* Now and then one past the end: must be refused. */
	return random_below((unsigned)set->annotation_count + 1);
}

static void random_world(RandomWorld *world, unsigned long long seed)
{
	random_state = seed;
	char *text = long_text();
	Diagnostics diag = {0};
	Article *article = article_from_memory("random.txt", text, strlen(text), &diag);
	free(text);
	cr_assert_not_null(article);
	world->set = annotation_set_new(article);
	world->length = article_length(article);
	annotation_set_set_labels(world->set, random_labels, 6);
	const char *names[] = {"Ines Valdera", "Tomas Brekke", "the ministry", "port owners",
			       "\xe6\xb8\xaf\xe5\x8f\xa3 authority", "critics", "union", "mayor"};
	for (size_t i = 0; i < 8; i++) {
		char *id = annotation_set_new_speaker_id(world->set, names[i]);
		Speaker speaker = {.id = id, .name = (char *)names[i], .type = (SpeakerType)(1 + i % 6)};
		annotation_set_append_speaker(world->set, &speaker);
		free(id);
	}
	for (size_t i = 0; i < 150; i++) {
		char id[16];
		snprintf(id, sizeof id, "a%zu", i + 1);
		Annotation a = {.id = id, .status = (AnnotationStatus)random_below(STATUS_COUNT),
				.kind = (ClaimKind)random_below(KIND_COUNT),
				.claim = random_span(world, false)};
		if (random_below(3))
			a.speaker = random_span(world, false),
			a.speaker.ref = (char *)world->set->speakers[random_below(8)].id;
		if (random_below(2))
			a.cue = random_span(world, false);
		if (random_below(2))
			a.label = (char *)random_labels[random_below(6)];
		if (random_below(4) == 0)
			a.has_confidence = true, a.confidence = random_below(100) / 100.0;
		AnnotationOriginal original = {.fields = FIELD_KIND | FIELD_SPEAKER,
					       .kind = KIND_DIRECT};
		if (a.status == STATUS_CORRECTED) {
			original.speaker = random_span(world, false);
			original.speaker.ref = (char *)world->set->speakers[random_below(8)].id;
			a.original = &original;
		}
		annotation_set_append(world->set, &a);
	}
	annotation_set_sort(world->set);
}

/* One random operation of any kind (or a group of a few). Returns whether it changed the set. */
static bool random_operation(RandomWorld *world, int depth)
{
	AnnotationSet *set = world->set;
	const char *why = NULL;
	Span span;
	switch (random_below(depth ? 17 : 18)) {
	case 0: return annotation_set_accept(set, random_index(set), &why);
	case 1: return annotation_set_reject(set, random_index(set), &why);
	case 2: return annotation_set_reset_status(set, random_index(set), &why);
	case 3:
		span = random_span(world, true);
		span.ref = (char *)random_ref(set);
		return annotation_set_set_speaker(set, random_index(set),
						  random_below(6) ? &span : NULL, &why);
	case 4:
		span = random_span(world, true);
		return annotation_set_set_cue(set, random_index(set), random_below(5) ? &span : NULL,
					      &why);
	case 5:
		span = random_span(world, true);
		return annotation_set_set_claim(set, random_index(set), &span, &why);
	case 6:
		return annotation_set_set_kind(set, random_index(set),
					       (ClaimKind)random_below(KIND_COUNT + 1), &why);
	case 7:
		return annotation_set_set_label(set, random_index(set),
						random_below(8) ? random_labels[random_below(7)] : NULL,
						&why);
	case 8: {
		const char *notes[] = {"check", "\xe2\x80\x9cquoted\xe2\x80\x9d", NULL};
		return annotation_set_set_note(set, random_index(set), notes[random_below(3)], &why);
	}
	case 9: {
		Annotation a = {.claim = random_span(world, true),
				.kind = (ClaimKind)random_below(KIND_COUNT)};
		if (random_below(2))
			a.speaker = random_span(world, false), a.speaker.ref = (char *)random_ref(set);
		return annotation_set_add(set, &a, &why) != (size_t)-1;
	}
	case 10: return annotation_set_delete(set, random_index(set), &why);
	case 11: {
		const char *names[] = {"Harbour Board", "Ines Valdera", "", "Dock \xc3\xa9quipe"};
		return annotation_set_add_speaker(set, names[random_below(4)],
						  (SpeakerType)random_below(SPEAKER_TYPE_COUNT),
						  &why) != (size_t)-1;
	}
	case 12: {
		const char *names[] = {"Mayor Valdera", "Brekke", "The Ministry"};
		return annotation_set_rename_speaker(set, random_below((unsigned)set->speaker_count + 1),
						     names[random_below(3)], &why);
	}
	case 13:
		return annotation_set_retype_speaker(set, random_below((unsigned)set->speaker_count + 1),
						     (SpeakerType)random_below(SPEAKER_TYPE_COUNT), &why);
	case 14:
		if (random_below(4))
			return false; /* merges empty the speaker list fast: fewer of them */
		return annotation_set_merge_speakers(set, random_below((unsigned)set->speaker_count + 1),
						     random_below((unsigned)set->speaker_count), &why);
	case 15: {
		size_t count = 4 + random_below(3);
		const char *labels[7];
		for (size_t i = 0; i < count; i++)
			labels[i] = random_labels[(i + random_below(2)) % 7];
		return annotation_set_change_labels(set, labels, count, &why);
	}
	case 16: {
		size_t before = history_undo_depth(set);
		bool nested = random_below(2);
		history_group_begin(set, "random group");
		for (unsigned k = 0, n = 1 + random_below(5); k < n; k++)
			random_operation(world, depth + 1);
		if (nested) {
			history_group_begin(set, "nested");
			random_operation(world, depth + 1);
			history_group_end(set);
		}
		history_group_end(set);
		return history_undo_depth(set) > before;
	}
	default: /* a group may not hold another undo: only at the top */
		return random_below(3) ? history_undo(set) != NULL : history_redo(set) != NULL;
	}
}

Test(history_random, undone_and_redone_in_full, .timeout = 120)
{
	for (unsigned long long seed = 1; seed <= 4; seed++) {
		RandomWorld world;
		random_world(&world, seed * 0x9E3779B97F4A7C15ull);
		AnnotationSet *start = snapshot(world.set);
		size_t changed = 0;
		for (int op = 0; op < 2500; op++) {
			bool check = op % 16 == 0;
			AnnotationSet *before = check ? snapshot(world.set) : NULL;
			size_t undo = history_undo_depth(world.set), redo = history_redo_depth(world.set);
			bool done = random_operation(&world, 0);
			changed += done;
			if (check && !done) {
				expect_same(world.set, before, "after a refused operation");
				cr_assert_eq(history_undo_depth(world.set), undo);
				cr_assert_eq(history_redo_depth(world.set), redo);
			}
			annotation_set_free(before);
		}
		cr_assert_gt(changed, 1000, "only %zu operations applied", changed);
		/* Drop whatever redo branch is left so that "redo all" ends at this state. */
		AnnotationSet *end = snapshot(world.set);
		size_t depth = history_undo_depth(world.set);
		for (size_t i = 0; i < depth; i++)
			cr_assert_not_null(history_undo(world.set), "undo %zu of %zu", i, depth);
		cr_assert_null(history_undo(world.set));
		expect_same(world.set, start, "after undoing everything");
		cr_assert_eq(history_redo_depth(world.set) >= depth, true);
		for (size_t i = 0; i < depth; i++)
			cr_assert_not_null(history_redo(world.set), "redo %zu of %zu", i, depth);
		expect_same(world.set, end, "after redoing everything");
		annotation_set_free(end);
		annotation_set_free(start);
		annotation_set_free(world.set);
	}
}

/* The observer's records, replayed onto the starting state (as the journal does after a
 * crash), give the same set. */
typedef struct Mirror {
	HistoryStep *done;  /* what the undo stack holds, oldest first */
	size_t done_count;
	HistoryStep *undone; /* what the redo stack holds */
	size_t undone_count;
} Mirror;

static void mirror_step(void *context, const AnnotationSet *set, const HistoryStep *step,
			int direction)
{
	Mirror *m = context;
	(void)set;
	if (direction < 0) {
		m->undone = realloc(m->undone, (m->undone_count + 1) * sizeof *m->undone);
		m->undone[m->undone_count++] = m->done[--m->done_count];
		return;
	}
	if (m->undone_count && m->undone[m->undone_count - 1].serial == step->serial) {
		m->done = realloc(m->done, (m->done_count + 1) * sizeof *m->done);
		m->done[m->done_count++] = m->undone[--m->undone_count];
		return;
	}
	while (m->undone_count)
		history_step_clear(&m->undone[--m->undone_count]);
	m->done = realloc(m->done, (m->done_count + 1) * sizeof *m->done);
	m->done[m->done_count++] = copy_step(step);
}

Test(history_random, observer_records_replay, .timeout = 120)
{
	RandomWorld world;
	random_world(&world, 77);
	AnnotationSet *replayed = snapshot(world.set);
	Mirror mirror = {0};
	history_set_observer(world.set, mirror_step, &mirror);
	for (int op = 0; op < 3000; op++)
		random_operation(&world, 0);
	cr_assert_eq(mirror.done_count, history_undo_depth(world.set));
	for (size_t i = 0; i < mirror.done_count; i++)
		cr_assert(history_apply_step(replayed, &mirror.done[i]), "replay of step %zu (%s)", i,
			  mirror.done[i].description);
	expect_same(replayed, world.set, "after replaying the observed steps");
	for (size_t i = 0; i < mirror.done_count; i++)
		history_step_clear(&mirror.done[i]);
	for (size_t i = 0; i < mirror.undone_count; i++)
		history_step_clear(&mirror.undone[i]);
	free(mirror.done);
	free(mirror.undone);
	annotation_set_free(replayed);
	annotation_set_free(world.set);
}
