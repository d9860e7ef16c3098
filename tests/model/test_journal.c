/* The crash journal (model/journal.c) and file stamps (model/file_stamp.c).
 *
 * The central check: a session's edits, cut off at any point (including by SIGKILL in a child
 * process), are recovered onto a freshly loaded set into exactly the state the session had. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/history.h"
#include "model/journal.h"
#include "model/yaml_value.h"

static char folder[64];
static char annotation_path[128];

static const char text[] = "Zhao said \xE2\x80\x9C" "China is a victim.\xE2\x80\x9D He added that the US attacks.";

static void setup(void)
{
	snprintf(folder, sizeof folder, "/tmp/saywho-journal-XXXXXX");
	cr_assert(mkdtemp(folder));
	snprintf(annotation_path, sizeof annotation_path, "%s/x.saywho.yaml", folder);
	FILE *file = fopen(annotation_path, "w");
	fputs("saywho: 1\n# stands for the file the set was loaded from\n", file);
	fclose(file);
}

static void teardown(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", folder);
	cr_assert(system(command) == 0);
}

TestSuite(journal, .init = setup, .fini = teardown);

static Span span(size_t start, size_t end, const char *ref)
{
	return (Span){ .present = true, .start = start, .end = end, .ref = (char *)ref };
}

static YamlValue *scalar(const char *value)
{
	YamlValue *v = xcalloc(1, sizeof *v);
	v->type = YAML_VALUE_SCALAR;
	v->scalar = xstrdup(value);
	v->scalar_length = strlen(value);
	v->scalar_style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return v;
}

/* The set "loaded from the file": always built the same way. */
static AnnotationSet *make_set(void)
{
	Article *article = article_from_memory("x.txt", text, sizeof text - 1, NULL);
	cr_assert(article);
	AnnotationSet *set = annotation_set_new(article);
	annotation_set_set_labels(set, annotation_default_labels, annotation_default_label_count);
	Speaker zhao = { .id = "zhao-lijian", .name = "Zhao Lijian", .type = SPEAKER_PERSON };
	Speaker us = { .id = "us", .name = "United States", .type = SPEAKER_GOVERNMENT };
	Speaker he = { .id = "he", .name = "he", .type = SPEAKER_PERSON };
	annotation_set_append_speaker(set, &zhao);
	annotation_set_append_speaker(set, &us);
	annotation_set_append_speaker(set, &he);
	Annotation a1 = {
		.id = "a1", .status = STATUS_CANDIDATE, .kind = KIND_DIRECT,
		.speaker = span(0, 4, "zhao-lijian"), .cue = span(5, 9, NULL), .claim = span(13, 31, NULL),
		.label = "position", .has_confidence = true, .confidence = 0.62,
	};
	/* An unknown key must survive the journal too. */
	ExtraField extra = { .key = "reviewer-comment", .value = scalar("keep \"as is\"\n") };
	a1.extras = (ExtraFields){ .items = &extra, .count = 1 };
	Annotation a2 = {
		.id = "a2", .status = STATUS_CANDIDATE, .kind = KIND_INDIRECT,
		.speaker = span(35, 37, "he"), .cue = span(38, 43, NULL), .claim = span(49, 63, NULL),
		.has_confidence = true, .confidence = 0.4,
	};
	Annotation a3 = { .id = "a3", .status = STATUS_CANDIDATE, .claim = span(53, 63, NULL) };
	annotation_set_append(set, &a1);
	annotation_set_append(set, &a2);
	annotation_set_append(set, &a3);
	yaml_value_free(extra.value);
	return set;
}

/* A session's edits, one by one: every kind of operation, undo and redo across them, a group. */
static bool run_step(AnnotationSet *set, size_t k)
{
	Span he = span(35, 37, "zhao-lijian");
	Annotation added = { .status = STATUS_ADDED, .claim = span(53, 62, NULL), .kind = KIND_INDIRECT };
	switch (k) {
	case 0: return annotation_set_accept(set, 0, NULL);
	case 1: return annotation_set_reject(set, 2, NULL);
	case 2: return annotation_set_set_speaker(set, 1, &he, NULL);
	case 3: return annotation_set_set_note(set, 1, "\xE2\x80\x9CHe\xE2\x80\x9D is Zhao\ttabbed", NULL);
	case 4: return history_undo(set) != NULL;
	case 5: return history_undo(set) != NULL;
	case 6: return history_redo(set) != NULL;
	case 7: return annotation_set_add(set, &added, NULL) != (size_t)-1;
	case 8: return annotation_set_add_speaker(set, "Chinese embassy", SPEAKER_ORGANIZATION, NULL) != (size_t)-1;
	case 9: return annotation_set_merge_speakers(set, 0, 3, NULL);
	case 10: return annotation_set_set_label(set, 1, "accusation", NULL);
	case 11:
		history_group_begin(set, "accept above 0.3");
		annotation_set_accept(set, 1, NULL);
		annotation_set_set_kind(set, 0, KIND_MIXED, NULL);
		history_group_end(set);
		return true;
	case 12: return history_undo(set) != NULL;
	case 13:
		for (size_t i = 0; i < set->annotation_count; i++)
			if (set->annotations[i].status == STATUS_ADDED)
				return annotation_set_delete(set, i, NULL);
		return false;
	case 14: return history_undo(set) != NULL;
	case 15: return annotation_set_set_claim(set, 1, &(Span){ .present = true, .start = 54, .end = 63 }, NULL);
	default: return false;
	}
}

#define STEP_COUNT 16

/* Runs the first `count` steps; a step that fails is a broken test (exit code 3 in a child). */
static size_t run_steps(AnnotationSet *set, size_t count)
{
	size_t k = 0;
	for (; k < count && k < STEP_COUNT; k++)
		if (!run_step(set, k)) {
			fprintf(stderr, "step %zu failed\n", k);
			exit(3);
		}
	return k;
}

static Journal *open_fresh(AnnotationSet *set, Diagnostics *diag)
{
	FileStamp stamp;
	cr_assert(file_stamp_take(annotation_path, &stamp, NULL));
	Journal *journal = journal_open(annotation_path, set, &stamp, JOURNAL_FRESH, NULL, diag);
	cr_assert(journal, "journal_open failed: %s", diag && diag->count ? diag->items[0].message : "?");
	journal_attach(journal, set);
	return journal;
}

static AnnotationSet *recover(size_t *replayed, Diagnostics *diag)
{
	AnnotationSet *set = make_set();
	FileStamp stamp;
	cr_assert(file_stamp_take(annotation_path, &stamp, NULL));
	Journal *journal = journal_open(annotation_path, set, &stamp, JOURNAL_RECOVER, replayed, diag);
	cr_assert(journal);
	journal_close(journal, false);
	return set;
}

static void expect_same_state(AnnotationSet *recovered, AnnotationSet *expected)
{
	cr_expect(annotation_set_equal(recovered, expected), "recovered state differs");
	cr_expect_eq(history_undo_depth(recovered), history_undo_depth(expected));
	cr_expect_eq(history_redo_depth(recovered), history_redo_depth(expected));
}

Test(journal, names_the_journal_beside_the_file)
{
	char *path = journal_path_for("dir/x.saywho.yaml");
	cr_expect_str_eq(path, "dir/x.saywho-journal");
	free(path);
	path = journal_path_for("x.gold.yaml");
	cr_expect_str_eq(path, "x.gold.saywho-journal");
	free(path);
	path = journal_path_for("x.yml");
	cr_expect_str_eq(path, "x.saywho-journal");
	free(path);
	path = journal_path_for("plain");
	cr_expect_str_eq(path, "plain.saywho-journal");
	free(path);
}

Test(journal, recovery_gives_the_state_after_the_last_step)
{
	AnnotationSet *live = make_set();
	Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
	size_t steps = run_steps(live, STEP_COUNT);
	cr_assert_geq(steps, 15);
	JournalStats stats = journal_stats(journal);
	/* Every operation that changed something is one record (plus the header). */
	cr_expect_geq(stats.records, 10);
	journal_close(journal, false); /* as if the program died */
	history_set_observer(live, NULL, NULL);

	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(probe.exists);
	cr_expect(!probe.live);
	cr_expect_null(probe.error, "%s", probe.error);
	cr_expect_eq(probe.step_count, stats.records - 1);
	cr_expect(probe.base_matches);
	cr_expect(probe.newer_than_file);
	cr_expect_eq(probe.owner_pid, (long)getpid());
	journal_probe_clear(&probe);

	size_t replayed = 0;
	Diagnostics diag = { 0 };
	AnnotationSet *recovered = recover(&replayed, &diag);
	cr_expect_eq(diag.count, 0, "%s", diag.count ? diag.items[0].message : "");
	cr_expect_eq(replayed, stats.records - 1);
	expect_same_state(recovered, live);
	/* The rebuilt undo stack undoes like the original one. */
	while (history_undo(live))
		cr_assert(history_undo(recovered));
	cr_expect(annotation_set_equal(recovered, live));
	annotation_set_free(recovered);
	annotation_set_free(live);
	diagnostics_free(&diag);
}

Test(journal, every_prefix_recovers_exactly)
{
	for (size_t cut = 0; cut <= STEP_COUNT; cut++) {
		AnnotationSet *live = make_set();
		Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
		run_steps(live, cut);
		unsigned long records = journal_stats(journal).records - 1;
		journal_close(journal, false);
		history_set_observer(live, NULL, NULL);
		size_t replayed = 0;
		AnnotationSet *recovered = recover(&replayed, NULL);
		cr_expect_eq(replayed, records, "cut %zu", cut);
		cr_expect(annotation_set_equal(recovered, live), "state differs after %zu steps", cut);
		annotation_set_free(recovered);
		annotation_set_free(live);
	}
}

Test(journal, survives_sigkill_in_the_middle_of_a_session)
{
	pid_t child = fork();
	cr_assert(child >= 0);
	if (child == 0) {
		/* No Criterion assertions in here: only the kill or an exit code comes out. */
		AnnotationSet *set = make_set();
		Journal *journal = journal_open(annotation_path, set, NULL, JOURNAL_FRESH, NULL, NULL);
		if (!journal)
			_exit(4);
		journal_attach(journal, set);
		run_steps(set, 9);
		raise(SIGKILL);
		_exit(5);
	}
	int status;
	waitpid(child, &status, 0);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(!probe.live, "the lock dies with the process");
	cr_expect_eq(probe.step_count, 9);
	cr_expect_eq(probe.owner_pid, (long)child);
	journal_probe_clear(&probe);

	AnnotationSet *expected = make_set();
	run_steps(expected, 9);
	size_t replayed;
	AnnotationSet *recovered = recover(&replayed, NULL);
	cr_expect_eq(replayed, 9);
	expect_same_state(recovered, expected);
	annotation_set_free(recovered);
	annotation_set_free(expected);
}

static void append_raw(const char *bytes)
{
	char *path = journal_path_for(annotation_path);
	FILE *file = fopen(path, "a");
	fputs(bytes, file);
	fclose(file);
	free(path);
}

Test(journal, a_cut_short_last_record_is_ignored)
{
	AnnotationSet *live = make_set();
	Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
	run_steps(live, 3);
	journal_close(journal, false);
	history_set_observer(live, NULL, NULL);
	append_raw("{\"op\":\"do\",\"desc\":\"accept a2\",\"changes\":[{\"target\":\"annot");

	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(probe.truncated_tail);
	cr_expect_eq(probe.step_count, 3);
	cr_expect_null(probe.error);
	journal_probe_clear(&probe);

	/* Recovery goes on appending after the last complete record, not after the fragment. */
	AnnotationSet *recovered = make_set();
	FileStamp stamp;
	file_stamp_take(annotation_path, &stamp, NULL);
	size_t replayed;
	journal = journal_open(annotation_path, recovered, &stamp, JOURNAL_RECOVER, &replayed, NULL);
	cr_assert(journal);
	journal_attach(journal, recovered);
	cr_expect_eq(replayed, 3);
	cr_expect(annotation_set_equal(recovered, live));
	cr_assert(annotation_set_set_kind(recovered, 2, KIND_MIXED, NULL));
	cr_assert(annotation_set_set_kind(live, 2, KIND_MIXED, NULL));
	journal_close(journal, false);
	history_set_observer(recovered, NULL, NULL);

	AnnotationSet *again = recover(&replayed, NULL);
	cr_expect_eq(replayed, 4);
	expect_same_state(again, live);
	annotation_set_free(again);
	annotation_set_free(recovered);
	annotation_set_free(live);
}

Test(journal, garbage_before_the_end_stops_recovery_there)
{
	AnnotationSet *live = make_set();
	Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
	run_steps(live, 2);
	journal_close(journal, false);
	history_set_observer(live, NULL, NULL);
	append_raw("not json\n{\"op\":\"do\",\"changes\":[]}\n");
	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect_not_null(probe.error);
	cr_expect_eq(probe.step_count, 2);
	journal_probe_clear(&probe);
	size_t replayed;
	Diagnostics diag = { 0 };
	AnnotationSet *recovered = recover(&replayed, &diag);
	cr_expect_eq(replayed, 2);
	cr_expect(annotation_set_equal(recovered, live));
	cr_assert_eq(diagnostics_error_count(&diag), 1);
	char message[256];
	diagnostic_format(&diag.items[0], message, sizeof message);
	cr_expect(strstr(message, "x.saywho-journal:4:"), "%s", message);
	annotation_set_free(recovered);
	annotation_set_free(live);
	diagnostics_free(&diag);
}

Test(journal, a_record_that_does_not_fit_the_file_stops_recovery)
{
	AnnotationSet *live = make_set();
	Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
	run_steps(live, 3);
	journal_close(journal, false);
	history_set_observer(live, NULL, NULL);
	/* The file was changed since: its a1 is already rejected. */
	FILE *file = fopen(annotation_path, "a");
	fputs("# changed by someone else\n", file);
	fclose(file);
	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(!probe.base_matches);
	journal_probe_clear(&probe);

	AnnotationSet *other = make_set();
	cr_assert(annotation_set_reject(other, 0, NULL));
	FileStamp stamp;
	file_stamp_take(annotation_path, &stamp, NULL);
	size_t replayed = 99;
	Diagnostics diag = { 0 };
	journal = journal_open(annotation_path, other, &stamp, JOURNAL_RECOVER, &replayed, &diag);
	cr_assert(journal);
	cr_expect_eq(replayed, 0);
	cr_expect_eq(diagnostics_error_count(&diag), 1);
	cr_expect_eq(other->annotations[0].status, STATUS_REJECTED);
	journal_close(journal, true);
	annotation_set_free(other);
	annotation_set_free(live);
	diagnostics_free(&diag);
}

Test(journal, a_second_saywho_on_the_same_file_is_refused)
{
	AnnotationSet *set = make_set();
	Journal *journal = open_fresh(set, NULL);
	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(probe.live);
	journal_probe_clear(&probe);
	AnnotationSet *second = make_set();
	Diagnostics diag = { 0 };
	cr_expect_null(journal_open(annotation_path, second, NULL, JOURNAL_FRESH, NULL, &diag));
	cr_assert_eq(diag.count, 1);
	char pid[32];
	snprintf(pid, sizeof pid, "pid %ld", (long)getpid());
	cr_expect(strstr(diag.items[0].message, "another saywho"), "%s", diag.items[0].message);
	cr_expect(strstr(diag.items[0].message, pid), "%s", diag.items[0].message);
	Diagnostics discard = { 0 };
	cr_expect(!journal_discard(annotation_path, &discard));
	journal_close(journal, true);
	history_set_observer(set, NULL, NULL);
	annotation_set_free(second);
	annotation_set_free(set);
	diagnostics_free(&diag);
	diagnostics_free(&discard);
}

Test(journal, emptied_after_a_save_and_removed_on_a_clean_close)
{
	AnnotationSet *set = make_set();
	Journal *journal = open_fresh(set, NULL);
	run_steps(set, 4);
	FileStamp saved;
	file_stamp_take(annotation_path, &saved, NULL);
	cr_assert(journal_saved(journal, &saved, NULL));
	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect(probe.exists);
	cr_expect_eq(probe.step_count, 0);
	journal_probe_clear(&probe);
	char *path = journal_path_for(annotation_path);
	journal_close(journal, true);
	history_set_observer(set, NULL, NULL);
	cr_expect(access(path, F_OK) != 0);
	free(path);
	annotation_set_free(set);
}

Test(journal, an_undo_past_a_save_is_replayed_from_its_record)
{
	AnnotationSet *live = make_set();
	Diagnostics open_diag = { 0 };
	Journal *journal = open_fresh(live, &open_diag);
	run_steps(live, 3);
	FileStamp saved;
	file_stamp_take(annotation_path, &saved, NULL);
	journal_saved(journal, &saved, NULL);
	cr_assert(history_undo(live));
	cr_assert(history_undo(live));
	cr_assert(history_redo(live));
	journal_close(journal, false);
	history_set_observer(live, NULL, NULL);

	/* What the file holds now: the state at the save. */
	AnnotationSet *recovered = make_set();
	run_steps(recovered, 3);
	FileStamp stamp;
	file_stamp_take(annotation_path, &stamp, NULL);
	size_t replayed;
	Diagnostics diag = { 0 };
	journal = journal_open(annotation_path, recovered, &stamp, JOURNAL_RECOVER, &replayed, &diag);
	char message[256] = "";
	if (diag.count)
		diagnostic_format(&diag.items[0], message, sizeof message);
	cr_expect_eq(diag.count, 0, "%s", message);
	diagnostics_free(&diag);
	cr_expect_eq(replayed, 3);
	cr_expect(annotation_set_equal(recovered, live));
	journal_close(journal, true);
	annotation_set_free(recovered);
	annotation_set_free(live);
}

Test(journal, switched_off_it_writes_nothing)
{
	AnnotationSet *set = make_set();
	Journal *journal = open_fresh(set, NULL);
	journal_set_enabled(journal, false);
	run_steps(set, 5);
	cr_expect_eq(journal_stats(journal).records, 1);
	journal_close(journal, false);
	history_set_observer(set, NULL, NULL);
	JournalProbe probe;
	journal_probe(annotation_path, &probe);
	cr_expect_eq(probe.step_count, 0);
	journal_probe_clear(&probe);
	annotation_set_free(set);
}

Test(journal, cannot_create_it_in_a_missing_folder)
{
	AnnotationSet *set = make_set();
	Diagnostics diag = { 0 };
	cr_expect_null(journal_open("/nonexistent-saywho/x.saywho.yaml", set, NULL, JOURNAL_FRESH, NULL, &diag));
	cr_assert_eq(diag.count, 1);
	cr_expect(strstr(diag.items[0].message, "cannot create the journal"));
	annotation_set_free(set);
	diagnostics_free(&diag);
}

/* ---- file stamps ---- */

static void rewrite(const char *content)
{
	/* A later modification time even on coarse clocks. */
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	FILE *file = fopen(annotation_path, "w");
	fputs(content, file);
	fclose(file);
}

Test(journal, file_stamps_tell_changed_content_from_a_touch)
{
	FileStamp stamp;
	cr_assert(file_stamp_take(annotation_path, &stamp, NULL));
	cr_expect(stamp.exists);
	cr_expect_eq(strlen(stamp.sha256), 64);
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_UNCHANGED);
	rewrite("saywho: 1\n# stands for the file the set was loaded from\n");
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_UNCHANGED, "same bytes: not a change");
	rewrite("saywho: 1\n# stands for the file the set was loaded frum\n");
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_CHANGED);
	cr_expect_str_eq(file_change_describe(FILE_CHANGED), "changed on disk since it was opened");
	unlink(annotation_path);
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_REMOVED);
	FileStamp absent;
	cr_assert(file_stamp_take(annotation_path, &absent, NULL));
	cr_expect(!absent.exists);
	cr_expect_eq(file_stamp_check(&absent, annotation_path), FILE_UNCHANGED);
	rewrite("new");
	cr_expect_eq(file_stamp_check(&absent, annotation_path), FILE_CREATED);
	Diagnostics diag = { 0 };
	cr_expect(!file_stamp_take(folder, &stamp, &diag));
	cr_expect_eq(diag.count, 1);
	diagnostics_free(&diag);
}

Test(journal, a_stamp_without_hash_is_completed_while_the_file_is_unchanged)
{
	FileStamp stamp;
	cr_assert(file_stamp_take_stat(annotation_path, &stamp, NULL));
	cr_expect_str_eq(stamp.sha256, "");
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_UNCHANGED);
	file_stamp_hash_if_unchanged(&stamp, annotation_path);
	cr_expect_eq(strlen(stamp.sha256), 64);
	rewrite("saywho: 1\n# stands for the file the set was loaded from\n");
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_UNCHANGED, "hashed: a rewrite with the same bytes is no change");

	/* Not hashed before the file changed: it is never hashed, and any new stat is a change. */
	cr_assert(file_stamp_take_stat(annotation_path, &stamp, NULL));
	rewrite("saywho: 1\n# stands for the file the set was loaded from\n");
	file_stamp_hash_if_unchanged(&stamp, annotation_path);
	cr_expect_str_eq(stamp.sha256, "");
	cr_expect_eq(file_stamp_check(&stamp, annotation_path), FILE_CHANGED);
}
