/* Random key sequences (every default key, prompts, pickers, resizes) never crash the workbench
 * and keep its indexes consistent with the model. Run under the sanitizer setup too. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "app/keymap.h"
#include "app/loop.h"
#include "tests/ui/harness.h"

static const char *const keys[] = {
	"j", "k", "g", "G", "]", "[", ">", "<", "a", "A", "x", "R", "B", "u", "s", "m", "c", "C", "K",
	"L", "i", "D", "F", "o", "S", "|", "}", "{", "?", ":", "/", "n", "N", "f", "h", "l", "w", "b",
	"e", "(", ")", "v", "\"", "-", "r", "t", "C-r", "C-s", "C-e", "C-y", "C-l", "Tab", "S-Tab",
	"Enter", "Esc", "Space", "Backspace", "Delete", "Up", "Down", "Left", "Right", "Home", "End",
	"PageUp", "PageDown", "C-u", "C-w", "C-n", "C-p", "resize:39x9", "resize:80x24",
	"resize:160x50", "\"zh\"", "\"0.5\"", "\"goto a3\"", "\"status=candidate\"",
};

static void check_consistent(const App *app)
{
	const View *view = &app->view;
	size_t total = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		total += view->status_counts[s];
	cr_assert_eq(total, app->set->annotation_count, "status counts");
	cr_assert(view->row_count <= app->set->annotation_count);
	cr_assert(view->row_count == 0 || view->selected_row < view->row_count);
	for (size_t row = 0; row < view->row_count; row++)
		cr_assert(view->rows[row] < app->set->annotation_count);
	cr_assert_eq(view->by_start_count, app->set->annotation_count);
	cr_assert(view->article_top <= article_size(app->set->article));
}

static void replay_random(const char *fixture, unsigned seed)
{
	UiRun run;
	ui_open(&run, fixture, 80, 24);
	srand(seed);
	for (int i = 0; i < 400 && !run.app->quit; i++) {
		const char *name = keys[rand() % (int)(sizeof keys / sizeof keys[0])];
		ui_keys(&run, name);
		app_sync(run.app);
		check_consistent(run.app);
	}
	ui_close(&run);
}

Test(random, keys_on_the_seed)
{
	for (unsigned seed = 1; seed <= 6; seed++)
		replay_random("tests/ui/fixtures/seed.saywho.yaml", seed);
}

Test(random, keys_on_wide_characters)
{
	for (unsigned seed = 11; seed <= 16; seed++)
		replay_random("tests/ui/fixtures/wide.saywho.yaml", seed);
}
