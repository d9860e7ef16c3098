/* Corpus statistics on the agreement fixtures (three reviewed copies of one engine output) and
 * the seed gold. */
#include <criterion/criterion.h>

#include <string.h>

#include "helpers.h"
#include "model/output/stats.h"

static json_t *stats_of(char **paths, size_t count)
{
	Diagnostics diag = {0};
	Corpus corpus;
	cr_assert(corpus_load(paths, count, &corpus, &diag));
	json_t *stats = stats_compute(&corpus);
	corpus_free(&corpus);
	diagnostics_free(&diag);
	return stats;
}

static json_t *row_named(json_t *rows, const char *name)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		if (strcmp(json_string_value(json_object_get(row, "name")), name) == 0)
			return row;
	cr_assert_fail("no row %s", name);
	return NULL;
}

Test(stats, speakers_kinds_labels_of_the_gold)
{
	json_t *s = stats_of((char *[]){SEED_GOLD}, 1);
	cr_assert_eq(json_number_at(s, "files"), 1);
	cr_assert_eq(json_number_at(s, "annotations"), 23);
	json_t *top = json_array_get(json_object_get(s, "speakers"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(top, "name")), "Zhao Lijian");
	cr_assert_eq(json_number_at(top, "claims"), 8);
	cr_assert_str_eq(json_string_value(json_object_get(top, "type")), "person");
	cr_assert_eq(json_number_at(s, "kinds.indirect"), 10);
	cr_assert_eq(json_number_at(s, "kinds.direct"), 8);
	cr_assert_eq(json_number_at(s, "kinds.mixed"), 5);
	cr_assert_eq(json_number_at(s, "speaker_types.person"), 13);
	cr_assert_eq(json_number_at(s, "speaker_types.media"), 1);
	cr_assert_eq(json_number_at(s, "labels.accusation"), 9);
	json_decref(s);
}

Test(stats, review_progress_and_engine_bands)
{
	json_t *s = stats_of((char *[]){"tests/output/fixtures/agree", SEED_PRED}, 2);
	cr_assert_eq(json_number_at(s, "files"), 4);
	json_t *review = json_object_get(s, "review");
	json_t *a = row_named(json_object_get(review, "by_annotator"), "ann-a");
	cr_assert_eq(json_number_at(a, "annotations"), 23);
	cr_assert_eq(json_number_at(a, "accepted"), 20);
	cr_assert_eq(json_number_at(a, "rejected"), 3);
	cr_assert_eq(json_number_at(a, "files_complete"), 1);
	cr_assert_eq(json_number_at(a, "reviewed_share"), 1);
	json_t *none = row_named(json_object_get(review, "by_annotator"), "(none)");
	cr_assert_eq(json_number_at(none, "candidate"), 22);
	cr_assert_eq(json_number_at(none, "reviewed_share"), 0.043);
	json_t *folder = row_named(json_object_get(review, "by_folder"), "tests/output/fixtures/agree");
	cr_assert_eq(json_number_at(folder, "files"), 3);
	cr_assert_eq(json_number_at(folder, "added"), 1);
	/* engine bands: every engine annotation of the four files is in one band */
	size_t i, total = 0;
	json_t *band;
	json_array_foreach(json_object_get(s, "engine"), i, band)
		total += (size_t)(json_number_at(band, "reviewed") + json_number_at(band, "pending"));
	cr_assert_eq(total, 4 * 23, "the analyst's a1 is not the engine's");
	/* 0.8-1.0: eight engine claims per file; p10 (0.81) rejected in all four files; the
	 * unreviewed seed-pred leaves its other seven pending */
	json_t *high = json_array_get(json_object_get(s, "engine"), 4);
	cr_assert_eq(json_number_at(high, "reviewed"), 25);
	cr_assert_eq(json_number_at(high, "accepted"), 21);
	cr_assert_eq(json_number_at(high, "acceptance"), 0.84);
	cr_assert_eq(json_number_at(high, "pending"), 7);
	json_decref(s);
}

/* Two annotators give one speaker different ids ("ta", "he"): ids are names within a file, so
 * the speaker is counted once, by its name and type, in both documents (it was two rows). */
Test(stats, one_speaker_under_different_ids_is_one_row)
{
	char *paths[] = {"tests/output/fixtures/stats-ids"};
	json_t *s = stats_of(paths, 1);
	json_t *speakers = json_object_get(s, "speakers");
	cr_assert_eq(json_array_size(speakers), 1);
	json_t *row = row_named(speakers, "他");
	cr_assert_eq(json_number_at(row, "claims"), 2);
	cr_assert_eq(json_number_at(row, "documents"), 2);
	json_decref(s);
}

/* A confidence band with nothing reviewed has no acceptance rate: null, not 0 (which read as
 * "the engine is always wrong there"). */
Test(stats, band_without_reviews_has_no_rate)
{
	char *paths[] = {"tests/output/fixtures/agree"};
	json_t *s = stats_of(paths, 1);
	json_t *lowest = json_array_get(json_object_get(s, "engine"), 0);
	cr_assert_eq(json_number_at(lowest, "reviewed"), 0);
	cr_assert(json_is_null(json_object_get(lowest, "acceptance")));
	cr_assert(json_is_null(json_object_get(lowest, "kept")));
	json_decref(s);
}
