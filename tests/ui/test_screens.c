/* Screen tests: a fixture, a key script, the expected screen at 80x24 and 160x50
 * (tests/ui/expected/NAME.txt; SAYWHO_UPDATE_EXPECTED=1 rewrites them, then review the diff). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <curses.h>
#include <unistd.h>

#include "app/workbench.h"
#include "model/extract/lexicon.h"
#include "model/store.h"
#include "tests/ui/harness.h"
#include "ui/draw.h"
#include "ui/screen_dump.h"
#include "ui/term.h"

static const char *const seed = "tests/ui/fixtures/seed.saywho.yaml";
static const char *const wide = "tests/ui/fixtures/wide.saywho.yaml";

static void screen_test(const char *fixture, const char *keys, int cols, int rows, const char *name)
{
	UiRun run;
	ui_open(&run, fixture, cols, rows);
	ui_keys(&run, keys);
	char full[128];
	snprintf(full, sizeof full, "%s-%dx%d", name, cols, rows);
	ui_expect_screen(full);
	ui_close(&run);
}

static bool screen_has(const char *text)
{
	char *screen = ui_screen();
	bool found = strstr(screen, text) != NULL;
	if (!found)
		fprintf(stderr, "screen without '%s':\n%s\n", text, screen);
	free(screen);
	return found;
}

/* ---- opening and the layout ---- */

Test(screen, seed_opens_stacked_at_80x24)
{
	screen_test(seed, "", 80, 24, "seed-open");
}

Test(screen, seed_opens_side_by_side_at_160x50)
{
	screen_test(seed, "", 160, 50, "seed-open");
}

Test(screen, wide_characters_and_controls_at_80x24)
{
	screen_test(wide, "j", 80, 24, "wide");
}

Test(screen, wide_characters_and_controls_at_160x50)
{
	screen_test(wide, "j", 160, 50, "wide");
}

Test(screen, too_small_below_40x10)
{
	screen_test(seed, "resize:39x9", 39, 9, "too-small");
}

Test(screen, resize_keeps_the_selection)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "j j j j j j resize:80x24");
	ui_expect_screen("resize-80x24");
	cr_expect_str_eq(run.app->set->annotations[app_selected(run.app)].id, "a7");
	ui_keys(&run, "resize:39x9 resize:100x30");
	cr_expect_str_eq(run.app->set->annotations[app_selected(run.app)].id, "a7");
	ui_close(&run);
}

Test(screen, help_is_generated_and_scrolls)
{
	screen_test(seed, "?", 80, 24, "help");
	screen_test(seed, "? PageDown", 160, 50, "help-page");
}

Test(screen, split_and_list_width_toggles)
{
	screen_test(seed, "| } }", 160, 50, "split-stacked");
	screen_test(seed, "{ {", 160, 50, "list-narrow");
}

/* ---- moving ---- */

Test(screen, moving_through_candidates)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "j j Down");
	cr_expect_str_eq(ui_annotation(&run, "a4")->id, run.app->set->annotations[app_selected(run.app)].id);
	ui_keys(&run, "G");
	cr_expect_eq(app_selected(run.app), run.app->view.rows[run.app->view.row_count - 1]);
	ui_keys(&run, "g k");
	cr_expect_eq(run.app->view.selected_row, 0u);
	ui_keys(&run, "Tab Down Down");
	cr_expect(run.app->view.article_top > 0, "article focus: arrows scroll the article");
	ui_close(&run);
}

Test(screen, page_keys_scroll_and_the_row_follows)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "Tab PageDown PageDown");
	size_t top = run.app->view.article_top;
	cr_expect(top > 0);
	const Annotation *selected = &run.app->set->annotations[app_selected(run.app)];
	cr_expect(selected->claim.start >= top, "the selected row follows the article");
	ui_expect_screen("page-down-80x24");
	ui_close(&run);
}

Test(screen, search_and_next_match)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "/ \"NATO\" Enter");
	cr_expect(run.app->view.has_match);
	size_t first = run.app->view.match_start;
	cr_expect_eq(strncmp(article_text(run.app->set->article) + first, "NATO", 4), 0);
	ui_keys(&run, "n");
	cr_expect(run.app->view.match_start > first);
	ui_keys(&run, "N");
	cr_expect_eq(run.app->view.match_start, first);
	ui_expect_screen("search-80x24");
	ui_keys(&run, "/ \"no such words\" Enter");
	cr_expect(screen_has("not found: no such words"));
	ui_close(&run);
}

Test(screen, command_line_goto_and_completion)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, ": \"goto a12\" Enter");
	cr_expect_str_eq(run.app->set->annotations[app_selected(run.app)].id, "a12");
	ui_keys(&run, ": \"acc\" Tab");
	cr_expect_str_eq(run.app->view.prompt.text, "accept");
	cr_expect(screen_has("accept accept-above"));
	ui_keys(&run, "Esc : \"fly\" Enter");
	cr_expect(screen_has("unknown command 'fly'"));
	ui_keys(&run, ": \"gotoo a3\" Enter");
	cr_expect(screen_has("unknown command 'gotoo': did you mean 'goto'?"));
	ui_keys(&run, ": \"acept\" Enter");
	cr_expect(screen_has("did you mean 'accept'?"));
	ui_keys(&run, ": \"goto nothing\" Enter");
	cr_expect(screen_has("no annotation with id 'nothing'"));
	ui_close(&run);
}

/* ---- reviewing ---- */

Test(screen, accept_and_reject_move_to_the_next_pending)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "a x");
	cr_expect_eq(ui_annotation(&run, "a1")->status, STATUS_ACCEPTED);
	cr_expect_eq(ui_annotation(&run, "a2")->status, STATUS_REJECTED);
	cr_expect_str_eq(run.app->set->annotations[app_selected(run.app)].id, "a3");
	ui_expect_screen("accept-reject-80x24");
	ui_keys(&run, "g ]");
	cr_expect_str_eq(run.app->set->annotations[app_selected(run.app)].id, "a3");
	ui_close(&run);
}

Test(screen, undo_and_redo_say_what_they_did)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "a a u");
	cr_expect_eq(ui_annotation(&run, "a2")->status, STATUS_CANDIDATE);
	cr_expect(screen_has("undid: "));
	ui_keys(&run, "u");
	cr_expect_eq(ui_annotation(&run, "a1")->status, STATUS_CANDIDATE);
	ui_keys(&run, "C-r");
	cr_expect_eq(ui_annotation(&run, "a1")->status, STATUS_ACCEPTED);
	cr_expect(screen_has("redid: "));
	ui_keys(&run, "C-r C-r");
	cr_expect(screen_has("nothing to redo"));
	ui_close(&run);
}

Test(screen, bulk_accept_is_one_undo_step)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "B \"0.7\" Enter");
	size_t accepted = 0;
	for (size_t i = 0; i < run.app->set->annotation_count; i++) {
		const Annotation *annotation = &run.app->set->annotations[i];
		if (annotation->status == STATUS_ACCEPTED) {
			accepted++;
			cr_expect(annotation->confidence >= 0.7);
		} else {
			cr_expect(annotation->confidence < 0.7);
		}
	}
	cr_expect(accepted > 0);
	cr_expect(screen_has("accepted"));
	ui_keys(&run, "u");
	for (size_t i = 0; i < run.app->set->annotation_count; i++)
		cr_expect_eq(run.app->set->annotations[i].status, STATUS_CANDIDATE);
	ui_close(&run);
}

Test(screen, filter_and_sort_the_list)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "a a F \"status=candidate confidence>=0.5\" Enter");
	for (size_t row = 0; row < run.app->view.row_count; row++) {
		const Annotation *annotation = &run.app->set->annotations[run.app->view.rows[row]];
		cr_expect_eq(annotation->status, STATUS_CANDIDATE);
		cr_expect(annotation->confidence >= 0.5);
	}
	ui_keys(&run, ": \"sort confidence\" Enter");
	for (size_t row = 1; row < run.app->view.row_count; row++)
		cr_expect(run.app->set->annotations[run.app->view.rows[row - 1]].confidence >=
			  run.app->set->annotations[run.app->view.rows[row]].confidence);
	ui_expect_screen("filter-sort-160x50");
	ui_keys(&run, ": \"filter all\" Enter");
	cr_expect_eq(run.app->view.row_count, run.app->set->annotation_count);
	ui_keys(&run, ": \"filter colour=red\" Enter");
	cr_expect(screen_has("is not status=, label=, speaker= or confidence>="));
	ui_close(&run);
}

/* ---- correcting ---- */

Test(screen, speaker_picker_filters_as_you_type)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "s \"zhao\"");
	ui_expect_screen("speaker-picker-80x24");
	ui_keys(&run, "Enter");
	const Annotation *a1 = ui_annotation(&run, "a1");
	cr_expect_str_eq(a1->speaker.ref, "zhao-lijian");
	cr_expect_eq(a1->status, STATUS_CORRECTED);
	cr_expect(a1->original && (a1->original->fields & FIELD_SPEAKER));
	ui_close(&run);
}

Test(screen, a_new_speaker_with_its_type)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "s \"Ministry of Truth\" Enter");
	cr_expect(screen_has("Type of the new speaker Ministry of Truth"));
	ui_keys(&run, "\"gov\" Enter");
	const Annotation *a1 = ui_annotation(&run, "a1");
	const Speaker *speaker = annotation_set_find_speaker(run.app->set, a1->speaker.ref);
	cr_assert(speaker);
	cr_expect_str_eq(speaker->name, "Ministry of Truth");
	cr_expect_eq(speaker->type, SPEAKER_GOVERNMENT);
	ui_keys(&run, "u");
	cr_expect_null(annotation_set_find_speaker(run.app->set, "ministry-of-truth"), "one undo step");
	ui_close(&run);
}

Test(screen, kind_label_and_note)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "L");
	ui_expect_screen("label-picker-80x24");
	ui_keys(&run, "\"stat\" Enter K Down Enter i \"checked by phone\" Enter");
	const Annotation *a1 = ui_annotation(&run, "a1");
	cr_expect_str_eq(a1->label, "statistic");
	cr_expect_eq(a1->kind, KIND_INDIRECT);
	cr_expect_str_eq(a1->note, "checked by phone");
	cr_expect_eq(a1->status, STATUS_CORRECTED);
	ui_expect_screen("corrected-80x24");
	ui_close(&run);
}

Test(screen, repoint_the_cue_and_the_claim_by_word)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	/* a1's claim "the groundless claim ... “sheer slander”": drop its last two words */
	const char *text = article_text(run.app->set->article);
	ui_keys(&run, "C o w w Enter");
	const Annotation *a1 = ui_annotation(&run, "a1");
	cr_expect_eq(strncmp(text + a1->claim.start, "claim it conducted", 18), 0, "start moved two words");
	cr_expect(strstr(run.app->view.message, "claim of a1 is now “claim it conducted a cyberattack targeting"),
		  "the message says what the claim is now: %s", run.app->view.message);
	cr_expect(screen_has("Exchange…”"), "all of the message is on screen");
	ui_keys(&run, "c v w Enter");
	cr_expect_eq(strncmp(text + ui_annotation(&run, "a1")->cue.start, "the", 3), 0);
	cr_expect(screen_has("cue of a1 is now “"));
	ui_keys(&run, "m - ");
	cr_expect(!ui_annotation(&run, "a1")->speaker.present);
	ui_close(&run);
}

Test(screen, adding_a_claim_with_cursor_motions)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	size_t before = run.app->set->annotation_count;
	const char *text = article_text(run.app->set->article);
	/* To the last paragraph, inside the quotation marks, select inside them. */
	ui_keys(&run, "A ) ) ) ) ) w w w w w w w w w \"");
	ui_expect_screen("add-cursor-80x24");
	ui_keys(&run, "Enter");
	cr_expect_eq(run.app->set->annotation_count, before + 1);
	size_t index = app_selected(run.app);
	const Annotation *added = &run.app->set->annotations[index];
	cr_expect_eq(added->status, STATUS_ADDED);
	cr_expect_eq(strncmp(text + added->claim.start, "nobody claimed this", added->claim.end - added->claim.start), 0);
	cr_expect_eq(added->claim.end - added->claim.start, strlen("nobody claimed this"));
	cr_expect_eq(added->kind, KIND_DIRECT);
	/* speaker mention: none; cue: none */
	ui_keys(&run, "- -");
	cr_expect_eq(run.app->view.mode, MODE_NORMAL);
	ui_keys(&run, "D");
	cr_expect_eq(run.app->set->annotation_count, before, "an added annotation can be deleted");
	ui_keys(&run, "g D");
	cr_expect(screen_has("only added annotations can be deleted"));
	ui_close(&run);
}

Test(screen, adding_with_speaker_and_cue)
{
	UiRun run;
	ui_open(&run, wide, 160, 50);
	const char *text = article_text(run.app->set->article);
	/* Claim: the word "here" after the escape sequence line, as a stand-in. */
	ui_keys(&run, "A ) ) ) v e Enter");
	size_t index = app_selected(run.app);
	cr_expect_eq(run.app->view.mode, MODE_CURSOR, "then the speaker mention");
	ui_keys(&run, "w Enter");
	cr_expect_eq(run.app->view.mode, MODE_PICKER, "then its speaker entity");
	ui_keys(&run, "\"zo\" Enter");
	cr_expect_eq(run.app->view.mode, MODE_CURSOR, "then the cue");
	ui_keys(&run, "w Enter");
	const Annotation *added = &run.app->set->annotations[index];
	cr_expect_eq(added->status, STATUS_ADDED);
	cr_expect_str_eq(added->speaker.ref, "zoe");
	cr_expect(added->cue.present);
	cr_expect(added->claim.end > added->claim.start);
	(void)text;
	ui_close(&run);
}

Test(screen, next_uncovered_quotation_mark_or_cue_word)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	ui_keys(&run, "f");
	const char *text = article_text(run.app->set->article);
	cr_expect(run.app->view.has_match);
	/* The bare “nobody claimed this” in the last paragraph has no annotation. */
	size_t first = run.app->view.match_start;
	cr_expect(strncmp(text + first, "\xe2\x80\x9c", 3) == 0 || strncmp(text + first, "claimed", 7) == 0,
		  "found '%.10s'", text + first);
	ui_expect_screen("missed-80x24");
	ui_close(&run);
}

/* `f` asks the engine's lexicon (cues.txt): on the seed's candidates two cues are uncovered,
 * "dismissed their accusations" (a denial) and "calls for" (the Global Initiative), neither of
 * which a short list of saying verbs would find; then it wraps round. */
Test(screen, next_missed_asks_the_engine_lexicon)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	const char *text = article_text(run.app->set->article);
	static const char *const stops[] = {"dismissed their", "calls for", "dismissed their"};
	for (size_t i = 0; i < 3; i++) {
		ui_keys(&run, "f");
		cr_assert(run.app->view.has_match);
		const char *found = text + run.app->view.match_start;
		cr_expect(strncmp(found, stops[i], strlen(stops[i])) == 0, "stop %zu: '%.15s'", i, found);
	}
	cr_expect(screen_has("cue word \"dismissed\" not covered by any annotation (line 7)"));
	ui_close(&run);
}

Test(screen, cue_words_of_the_lexicon)
{
	static const char *const cues[] = {"said", "Said", "told", "conceded", "denies", "believes",
					   "accused", "urged", "reported", "tweeted"};
	for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
		cr_expect(extract_is_cue_word(cues[i], strlen(cues[i]), NULL, 0), "%s", cues[i]);
	/* Nouns as often as verbs, stance verbs, weak cues and function words are not stops. */
	static const char *const others[] = {"attacks", "reports", "state", "claims", "want", "see",
					     "post", "continue", "the", "calls", "according", ""};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++)
		cr_expect(!extract_is_cue_word(others[i], strlen(others[i]), NULL, 0), "%s", others[i]);
	/* The first word of a two-word cue counts with its second word. */
	cr_expect(extract_is_cue_word("According", 9, "to", 2));
	cr_expect(extract_is_cue_word("calls", 5, "for", 3));
	cr_expect(extract_is_cue_word("pointed", 7, "out", 3));
	cr_expect(!extract_is_cue_word("calls", 5, "off", 3));
}

/* A question longer than the bottom line wraps (the status line moves up over the detail lines)
 * instead of losing its end, where the keys to answer are; answered, the detail lines come back. */
Test(screen, a_long_question_wraps_above_the_bottom_line)
{
	UiRun run;
	ui_open(&run, seed, 60, 16);
	ui_keys(&run, "a q");
	cr_expect_eq(run.app->view.mode, MODE_CONFIRM);
	ui_expect_screen("quit-question-60x16");
	ui_keys(&run, "Esc");
	cr_expect(screen_has("a2 candidate"), "the detail line is back");
	char *screen = ui_screen();
	cr_expect(!strstr(screen, "Esc: stay"), "%s", screen);
	free(screen);
	ui_close(&run);
}

/* What f (or a search) found is where A starts: the cursor is on it, and f, n and N move the
 * cursor in the cursor mode too, so a claim far down the article is a few keys away. */
Test(screen, adding_starts_at_what_f_found)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	const char *text = article_text(run.app->set->article);
	ui_keys(&run, "f A");
	cr_assert_eq(run.app->view.mode, MODE_CURSOR);
	cr_expect(strncmp(text + run.app->view.cursor, "dismissed", 9) == 0, "cursor at '%.12s'",
		  text + run.app->view.cursor);
	ui_keys(&run, "f");
	cr_expect(strncmp(text + run.app->view.cursor, "calls for", 9) == 0, "f in the cursor mode: '%.12s'",
		  text + run.app->view.cursor);
	ui_keys(&run, "Esc / \"Zhao\" Enter A");
	size_t first = run.app->view.cursor;
	cr_expect(strncmp(text + first, "Zhao", 4) == 0, "A at the match: '%.12s'", text + first);
	ui_keys(&run, "n");
	cr_expect(run.app->view.cursor > first && strncmp(text + run.app->view.cursor, "Zhao", 4) == 0,
		  "n moves the cursor to the next match");
	ui_keys(&run, "N");
	cr_expect_eq(run.app->view.cursor, first, "N back");
	ui_close(&run);
}

/* ? in the cursor mode opens the help at the cursor mode's keys. */
Test(screen, help_opens_at_the_keys_of_the_mode)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "A ?");
	cr_assert_eq(run.app->view.mode, MODE_HELP);
	char *screen = ui_screen();
	cr_expect(strncmp(screen, "Moving a cursor in the article to select a span (cursor)", 56) == 0, "%s", screen);
	free(screen);
	ui_keys(&run, "q");
	cr_expect_eq(run.app->view.mode, MODE_CURSOR, "back to the cursor mode");
	ui_keys(&run, "Esc ?");
	screen = ui_screen();
	cr_expect(strncmp(screen, "saywho workbench keys", 21) == 0, "from the normal mode: the top\n%s", screen);
	free(screen);
	ui_close(&run);
}

/* The README's first command at 80 columns: the long file name gives way (".saywho.yaml" goes,
 * then its end) so that the status line still shows how to get help. */
Test(screen, a_long_file_name_leaves_room_for_the_hint)
{
	UiRun run;
	ui_open(&run, "samples/china-cyberattack-accusations.txt", 80, 24);
	char *screen = ui_screen();
	/* the count is the built-in engine's on the sample, which changes as the engine improves */
	char expected[96];
	snprintf(expected, sizeof expected, " china-cyberatt… [+] | 0/%zu reviewed | list  a accept",
		 run.app->set->annotation_count);
	char *status = strstr(screen, expected);
	cr_expect(status, "%s", screen);
	cr_expect(status && strstr(status, "u undo  ? help"), "%s", screen);
	free(screen);
	ui_keys(&run, "resize:160x50");
	cr_expect(screen_has(" china-cyberattack-accusations.saywho.yaml [+] | 0/"), "room enough: the whole name");
	ui_close(&run);
}

/* On a wide terminal the pickers are wide enough for a label's whole definition. */
Test(screen, the_label_picker_shows_whole_definitions_at_160_columns)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "L");
	cr_assert_eq(run.app->view.mode, MODE_PICKER);
	/* The box: from ┌ to ┐ on its top row, 110 columns (it was 76 whatever the width). */
	char *screen = ui_screen();
	const char *top = strstr(screen, "┌─Label");
	cr_assert(top, "%s", screen);
	const char *end = strstr(top, "┐");
	cr_assert(end && !memchr(top, '\n', (size_t)(end - top)));
	size_t columns = 0;
	for (const char *p = top; p <= end; p++)
		columns += ((unsigned char)*p & 0xC0) != 0x80;
	cr_expect_eq(columns, 110, "%zu columns", columns);
	free(screen);
	ui_close(&run);
}

/* The speaker picker offers the mention's words as a new speaker before anything is typed. */
Test(screen, the_speaker_picker_offers_the_mention_as_a_new_speaker)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "s");
	cr_assert_eq(run.app->view.mode, MODE_PICKER);
	cr_expect(screen_has("+ new: China"));
	ui_keys(&run, "PageDown PageDown PageDown Enter");
	cr_expect(screen_has("Type of the new speaker China"));
	ui_keys(&run, "Esc s \"Zhao L\"");
	cr_expect(screen_has("+ new: Zhao L"), "typed: the typed name");
	ui_close(&run);
}

/* ---- speakers view ---- */

/* Counts read as English: "1 claim", "3 speakers", "1 candidate". */
Test(screen, counts_are_singular_for_one)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	ui_keys(&run, "S");
	char *screen = ui_screen();
	cr_expect(strstr(screen, ", 1 claim\n") || strstr(screen, ", 1 claim "), "%s", screen);
	cr_expect(!strstr(screen, " 1 claims"), "%s", screen);
	free(screen);
	ui_close(&run);
}

Test(screen, speakers_view_rename_retype_merge)
{
	UiRun run;
	ui_open(&run, seed, 160, 50);
	ui_keys(&run, "S");
	ui_expect_screen("speakers-160x50");
	/* Rename the first speaker (sorted by name). */
	size_t first = run.app->view.speaker_rows[0];
	ui_keys(&run, "r C-u \"People's Republic of China\" Enter");
	cr_expect_str_eq(run.app->set->speakers[first].name, "People's Republic of China");
	ui_keys(&run, "t \"org\" Enter");
	cr_expect_eq(run.app->set->speakers[first].type, SPEAKER_ORGANIZATION);
	char *from = xstrdup(run.app->set->speakers[first].id);
	ui_keys(&run, "m \"Zhao\" Enter");
	for (size_t i = 0; i < run.app->set->annotation_count; i++) {
		const Span *speaker = &run.app->set->annotations[i].speaker;
		cr_expect(!speaker->present || strcmp(speaker->ref, from) != 0, "every mention moved");
	}
	cr_expect(screen_has("merged People's Republic of China into Zhao Lijian"));
	free(from);
	ui_keys(&run, "Esc");
	cr_expect_eq(run.app->view.mode, MODE_NORMAL);
	ui_close(&run);
}

/* ---- files ---- */

Test(screen, save_writes_the_file_and_q_asks_first)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "a x q");
	cr_expect_eq(run.app->view.mode, MODE_CONFIRM, "unsaved changes: q asks");
	cr_expect(!run.app->quit);
	ui_keys(&run, "Esc C-s");
	cr_expect(screen_has("saved "));
	Diagnostics diag = {0};
	AnnotationSet *saved = store_load(run.path, NULL, &diag);
	cr_assert(saved, "the saved file loads");
	size_t a1 = annotation_set_annotation_index(saved, "a1");
	size_t a2 = annotation_set_annotation_index(saved, "a2");
	cr_expect_eq(saved->annotations[a1].status, STATUS_ACCEPTED);
	cr_expect_eq(saved->annotations[a2].status, STATUS_REJECTED);
	annotation_set_free(saved);
	diagnostics_free(&diag);
	ui_keys(&run, "q");
	cr_expect(run.app->quit, "saved: q quits at once");
	ui_close(&run);
}

Test(screen, write_quit_and_quit_discard)
{
	UiRun run;
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "a : \"q!\" Enter");
	cr_expect(run.app->quit);
	struct stat before;
	cr_assert_eq(stat(run.path, &before), 0);
	ui_close(&run);
	ui_open(&run, seed, 80, 24);
	ui_keys(&run, "a : \"wq\" Enter");
	cr_expect(run.app->quit);
	Diagnostics diag = {0};
	AnnotationSet *saved = store_load(run.path, NULL, &diag);
	cr_assert(saved);
	cr_expect_eq(saved->annotations[annotation_set_annotation_index(saved, "a1")].status, STATUS_ACCEPTED);
	annotation_set_free(saved);
	diagnostics_free(&diag);
	ui_close(&run);
}

Test(screen, an_article_without_annotations_runs_the_engine)
{
	UiRun run;
	ui_open(&run, "tests/ui/fixtures/seed.txt", 80, 24);
	cr_expect(run.app->engine_ran);
	cr_expect(screen_has("no seed.saywho.yaml yet: the built-in engine proposed"));
	cr_expect(run.app->set->file_path && strstr(run.app->set->file_path, "seed.saywho.yaml"));
	ui_keys(&run, "q");
	cr_expect_eq(run.app->view.mode, MODE_CONFIRM, "never saved: q asks");
	ui_close(&run);
}

/* Highlights: the selected claim, speaker and cue in three styles (without colours). */
Test(screen, three_highlight_styles_without_colour)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	ui_keys(&run, "g");
	char *attributes = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&attributes, &size);
	screen_dump_attributes(out);
	fclose(out);
	/* Row 2 holds 記者會上，外交部發言人趙立堅說：「中國堅決反對。」: speaker (bold+underline),
	 * cue (underline), claim (reverse). */
	char *row = attributes;
	for (int i = 0; i < 2; i++)
		row = strchr(row, '\n') + 1;
	cr_expect(strchr(row, 'U') && strchr(row, 'u') && strchr(row, 'r'), "row: '%.60s'", row);
	free(attributes);
	ui_close(&run);
}

Test(screen, undoing_a_merge_in_the_speakers_view)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	ui_keys(&run, "g a S");
	size_t count = run.app->set->speaker_count;
	/* Merge the first speaker (The minister) into Zoë, then undo: the view follows. */
	ui_keys(&run, "m \"Zo\" Enter u u C-r");
	cr_expect_eq(run.app->view.speaker_row_count, run.app->set->speaker_count);
	cr_expect(run.app->set->speaker_count <= count);
	ui_keys(&run, "j j j k");
	cr_expect(run.app->view.speaker_selected < run.app->view.speaker_row_count);
	ui_close(&run);
}

Test(screen, colours_when_the_terminal_has_them)
{
	unsetenv("NO_COLOR");
	UiRun run;
	ui_open(&run, wide, 80, 24);
	cr_assert(term_has_colors(run.app->term));
	cr_expect_neq(term_style(run.app->term, UI_STYLE_CLAIM) & A_COLOR, 0);
	cr_expect_neq(term_style(run.app->term, UI_STYLE_CLAIM), term_style(run.app->term, UI_STYLE_SPEAKER));
	cr_expect_neq(term_style(run.app->term, UI_STYLE_SPEAKER), term_style(run.app->term, UI_STYLE_CUE));
	ui_close(&run);
	setenv("NO_COLOR", "1", 1);
	ui_open(&run, wide, 80, 24);
	cr_expect(!term_has_colors(run.app->term));
	cr_expect_eq(term_style(run.app->term, UI_STYLE_CLAIM), A_REVERSE);
	ui_close(&run);
}

Test(screen, a_click_position_maps_to_the_article)
{
	UiRun run;
	ui_open(&run, wide, 80, 24);
	/* Row 2 is 記者會上，外交部發言人趙立堅說：...: column 4 is the third character's first half. */
	size_t byte;
	cr_assert(ui_article_hit(&run.app->view, 2, 4, &byte));
	cr_expect_eq(strncmp(article_text(run.app->set->article) + byte, "會", strlen("會")), 0);
	cr_expect(ui_article_hit(&run.app->view, 2, 5, &byte));
	cr_expect_eq(strncmp(article_text(run.app->set->article) + byte, "會", strlen("會")), 0);
	cr_expect(!ui_article_hit(&run.app->view, 12, 0, &byte), "the separator is not the article");
	ui_close(&run);
}

Test(screen, a_broken_file_is_reported_with_its_position)
{
	char dir[] = "/tmp/saywho-ui-bad-XXXXXX";
	cr_assert(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/bad.saywho.yaml", dir);
	FILE *out = fopen(path, "w");
	fputs("saywho: 1\ndocument:\n  text: hello\n  length: 5\nannotations: [\n", out);
	fclose(out);
	Diagnostics diag = {0};
	bool engine_ran;
	cr_expect_null(workbench_open_document(path, &engine_ran, &diag));
	cr_assert(diag.count > 0);
	char line[512];
	diagnostic_format(&diag.items[0], line, sizeof line);
	cr_expect(strncmp(line, path, strlen(path)) == 0 && diag.items[0].line > 0, "%s", line);
	diagnostics_free(&diag);
	remove(path);
	rmdir(dir);
}
