/* Curses on given streams; raw keys; restore on every exit (see term.h). */
#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ui/draw.h"
#include "ui/term.h"

struct Term {
	SCREEN *screen;
	FILE *in, *out;
	bool colors;
	bool open;
	bool virtual_size;
	int styles[UI_STYLE_COUNT];
};

/* ---- styles ---- */

typedef struct StyleSetting {
	const char *name;
	short fg, bg;        /* -1 default, 0..255 */
	int mono;            /* A_* attributes when there are no colours */
} StyleSetting;

static const char *const colour_words[] = {"black", "red", "green", "yellow",
					  "blue",  "magenta", "cyan", "white"};

static bool parse_color(const char *name, short *out)
{
	if (strcmp(name, "default") == 0) {
		*out = -1;
		return true;
	}
	for (short i = 0; i < 8; i++)
		if (strcmp(name, colour_words[i]) == 0) {
			*out = i;
			return true;
		}
	char *end;
	long number = strtol(name, &end, 10);
	if (*name && !*end && number >= 0 && number <= 255) {
		*out = (short)number;
		return true;
	}
	return false;
}

static const struct {
	const char *name;
	int attribute;
} attribute_names[] = {
	{"normal", A_NORMAL}, {"bold", A_BOLD},   {"underline", A_UNDERLINE}, {"reverse", A_REVERSE},
	{"dim", A_DIM},       {"blink", A_BLINK}, {"standout", A_STANDOUT},   {"italic", A_ITALIC},
};

static bool parse_attributes(const char *text, int *out)
{
	int attributes = A_NORMAL;
	char buffer[128];
	snprintf(buffer, sizeof buffer, "%s", text);
	for (char *save = NULL, *word = strtok_r(buffer, ", ", &save); word;
	     word = strtok_r(NULL, ", ", &save)) {
		size_t i = 0;
		for (; i < sizeof attribute_names / sizeof attribute_names[0]; i++)
			if (strcmp(word, attribute_names[i].name) == 0)
				break;
		if (i == sizeof attribute_names / sizeof attribute_names[0])
			return false;
		attributes |= attribute_names[i].attribute;
	}
	*out = attributes;
	return true;
}

static StyleSetting styles[UI_STYLE_COUNT];
static bool styles_ready;

void ui_style_reset(void)
{
	static const char *const defaults[UI_STYLE_COUNT][4] = {
#define UI_STYLE_DEFAULT(id, name, fg, bg, mono) {name, fg, bg, mono},
		UI_STYLE_LIST(UI_STYLE_DEFAULT)
#undef UI_STYLE_DEFAULT
	};
	for (size_t i = 0; i < UI_STYLE_COUNT; i++) {
		styles[i].name = defaults[i][0];
		parse_color(defaults[i][1], &styles[i].fg);
		parse_color(defaults[i][2], &styles[i].bg);
		parse_attributes(defaults[i][3], &styles[i].mono);
	}
	styles_ready = true;
}

static void ensure_styles(void)
{
	if (!styles_ready)
		ui_style_reset();
}

bool ui_style_set(const char *style, const char *fg, const char *bg, const char *attributes,
		  char *error, size_t error_size)
{
	ensure_styles();
	size_t i = 0;
	while (i < UI_STYLE_COUNT && strcmp(styles[i].name, style) != 0)
		i++;
	if (i == UI_STYLE_COUNT) {
		snprintf(error, error_size, "unknown style '%s'", style);
		return false;
	}
	short fg_value = styles[i].fg, bg_value = styles[i].bg;
	int mono = styles[i].mono;
	if (fg && !parse_color(fg, &fg_value)) {
		snprintf(error, error_size, "unknown colour '%s' (default, black, red, green, yellow, blue, magenta, cyan, white or 0-255)", fg);
		return false;
	}
	if (bg && !parse_color(bg, &bg_value)) {
		snprintf(error, error_size, "unknown colour '%s' (default, black, red, green, yellow, blue, magenta, cyan, white or 0-255)", bg);
		return false;
	}
	if (attributes && !parse_attributes(attributes, &mono)) {
		snprintf(error, error_size, "unknown attributes '%s' (normal, bold, underline, reverse, dim, blink, standout, italic)", attributes);
		return false;
	}
	styles[i].fg = fg_value;
	styles[i].bg = bg_value;
	styles[i].mono = mono;
	return true;
}

static void color_name(short color, char *out, size_t size)
{
	if (color < 0)
		snprintf(out, size, "default");
	else if (color < 8)
		snprintf(out, size, "%s", colour_words[color]);
	else
		snprintf(out, size, "%d", color);
}

void ui_style_write(FILE *out, const char *indent)
{
	ensure_styles();
	for (size_t i = 0; i < UI_STYLE_COUNT; i++) {
		char fg[16], bg[16], mono[128] = "";
		color_name(styles[i].fg, fg, sizeof fg);
		color_name(styles[i].bg, bg, sizeof bg);
		for (size_t a = 1; a < sizeof attribute_names / sizeof attribute_names[0]; a++)
			if (styles[i].mono & attribute_names[a].attribute) {
				if (*mono)
					strcat(mono, ",");
				strcat(mono, attribute_names[a].name);
			}
		fprintf(out, "%s%s: {fg: %s, bg: %s, mono: \"%s\"}\n", indent, styles[i].name, fg, bg,
			*mono ? mono : "normal");
	}
}

/* ---- restoring the terminal from signal handlers ---- */

static struct termios saved_termios;
static bool have_saved_termios;
static int restore_in_fd = -1, restore_out_fd = -1;
static char restore_sequence[256];
static size_t restore_sequence_length;
static volatile sig_atomic_t terminal_active;
static Term *active_term;

static void append_restore(const char *capability)
{
	if (!capability || capability == (char *)-1)
		return;
	size_t length = strlen(capability);
	if (restore_sequence_length + length < sizeof restore_sequence) {
		memcpy(restore_sequence + restore_sequence_length, capability, length);
		restore_sequence_length += length;
	}
}

/* Async-signal-safe: only write() and tcsetattr(). */
static void restore_from_signal(int sig)
{
	if (terminal_active) {
		terminal_active = 0;
		if (restore_out_fd >= 0 && restore_sequence_length)
			(void)!write(restore_out_fd, restore_sequence, restore_sequence_length);
		if (have_saved_termios)
			tcsetattr(restore_in_fd, TCSAFLUSH, &saved_termios);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int fatal_signals[] = {SIGSEGV, SIGBUS,  SIGFPE, SIGILL, SIGABRT,
				    SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGPIPE};

static void install_signal_handlers(void)
{
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
		struct sigaction action;
		memset(&action, 0, sizeof action);
		action.sa_handler = restore_from_signal;
		sigemptyset(&action.sa_mask);
		action.sa_flags = SA_RESETHAND;
		sigaction(fatal_signals[i], &action, NULL);
	}
}

static void restore_at_exit(void)
{
	if (active_term)
		term_close(active_term);
}

/* ---- opening and closing ---- */

static void apply_styles(Term *term)
{
	ensure_styles();
	for (size_t i = 0; i < UI_STYLE_COUNT; i++) {
		if (term->colors) {
			init_pair((short)(i + 1), styles[i].fg, styles[i].bg);
			term->styles[i] = COLOR_PAIR((int)i + 1);
			/* Keep bold/underline where the colour alone would be too quiet. */
			term->styles[i] |= styles[i].mono & (A_BOLD | A_UNDERLINE | A_DIM);
		} else {
			term->styles[i] = styles[i].mono;
		}
	}
}

Term *term_open(FILE *in, FILE *out, int rows, int cols, char *error, size_t error_size)
{
	Term *term = calloc(1, sizeof *term);
	if (!term) {
		snprintf(error, error_size, "out of memory");
		return NULL;
	}
	term->in = in;
	term->out = out;
	const char *term_name = getenv("TERM");
	if (!term_name || !*term_name)
		term_name = "xterm-256color";
	int in_fd = fileno(in), out_fd = fileno(out);
	if (isatty(in_fd) && tcgetattr(in_fd, &saved_termios) == 0) {
		have_saved_termios = true;
		restore_in_fd = in_fd;
	}
	if (rows > 0 && cols > 0) {
		/* A virtual screen: the size is ours, not the environment's or the tty's. */
		use_env(FALSE);
		use_tioctl(FALSE);
		term->virtual_size = true;
	}
	term->screen = newterm(term_name, out, in);
	if (!term->screen) {
		snprintf(error, error_size, "cannot open the terminal '%s'", term_name);
		free(term);
		return NULL;
	}
	set_term(term->screen);
	if (term->virtual_size)
		resize_term(rows, cols);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	term->colors = has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (term->colors) {
		start_color();
		use_default_colors();
	}
	apply_styles(term);

	restore_out_fd = out_fd;
	restore_sequence_length = 0;
	append_restore(tigetstr("sgr0"));
	append_restore(tigetstr("cnorm"));
	append_restore(tigetstr("rmcup"));
	append_restore(tigetstr("rmkx"));
	terminal_active = isatty(out_fd);
	install_signal_handlers();
	static bool atexit_installed;
	if (!atexit_installed) {
		atexit(restore_at_exit);
		atexit_installed = true;
	}
	active_term = term;
	term->open = true;
	return term;
}

void term_close(Term *term)
{
	if (!term || !term->open)
		return;
	term->open = false;
	terminal_active = 0;
	set_term(term->screen);
	endwin();
	ui_draw_forget();
	delscreen(term->screen);
	term->screen = NULL;
	if (active_term == term)
		active_term = NULL;
	free(term);
}

int term_style(const Term *term, UiStyle style)
{
	return term ? term->styles[style] : 0;
}

bool term_has_colors(const Term *term)
{
	return term && term->colors;
}

int term_read_key(Term *term)
{
	wint_t key;
	int kind = wget_wch(stdscr, &key);
	if (kind == ERR)
		return -1;
	if (kind == KEY_CODE_YES) {
		if (key == KEY_ENTER)
			return '\r';
		return TERM_KEY_SPECIAL + (int)key;
	}
	if (key == '\n')
		return '\r';
	if (key == 127 || key == 8)
		return TERM_KEY_SPECIAL + KEY_BACKSPACE;
	return (int)key;
}

void term_suspend(Term *term)
{
	def_prog_mode();
	endwin();
	terminal_active = 0;
	struct sigaction previous, action;
	memset(&action, 0, sizeof action);
	action.sa_handler = SIG_DFL;
	sigemptyset(&action.sa_mask);
	sigaction(SIGTSTP, &action, &previous);
	raise(SIGTSTP);
	/* Continued by the shell's fg. */
	sigaction(SIGTSTP, &previous, NULL);
	reset_prog_mode();
	terminal_active = isatty(fileno(term->out));
	clearok(curscr, TRUE);
	refresh();
}

void term_resize(Term *term, int rows, int cols)
{
	if (rows > 0 && cols > 0)
		resize_term(rows, cols);
}

void term_mouse(Term *term, bool on)
{
	mousemask(on ? (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0,
		  NULL);
	mouseinterval(on ? 0 : 166);
}
