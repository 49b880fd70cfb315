/*
 * The interactive shell: readline with crmsh's prompt, its history file
 * ($XDG_CACHE_HOME/crm/history, as crmsh 4.4 keeps it), completion, the
 * questions asked before dropping or committing changes, and the pager
 * for long texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "crm.h"

static bool interactive;
static struct shell *completing; /* the shell the completer works for */

bool ui_interactive(void)
{
	return interactive;
}

void ui_set_interactive(bool on)
{
	interactive = on;
}

bool ui_ask(const char *question, bool batch_answer)
{
	if (!interactive) {
		return batch_answer;
	}
	for (;;) {
		char *answer = readline(question);
		char *a = (answer != NULL) ? g_strstrip(answer) : NULL;
		int yes = -1;

		if (a == NULL) {
			putchar('\n');
			return false;
		}
		if ((g_ascii_strcasecmp(a, "y") == 0) || (g_ascii_strcasecmp(a, "yes") == 0)) {
			yes = 1;
		} else if ((g_ascii_strcasecmp(a, "n") == 0) ||
			   (g_ascii_strcasecmp(a, "no") == 0)) {
			yes = 0;
		}
		free(answer);
		if (yes >= 0) {
			return yes == 1;
		}
	}
}

static int screen_rows(void)
{
	struct winsize ws = { 0 };

	return ((ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) && (ws.ws_row > 0)) ? ws.ws_row : 24;
}

void ui_page(struct shell *sh, const char *text)
{
	int lines = 0;
	FILE *pager = NULL;

	for (const char *p = text; *p != '\0'; p++) {
		lines += (*p == '\n');
	}
	fflush(stdout);
	if (interactive && (lines >= screen_rows()) &&
	    ((pager = popen(options_get(sh, "pager"), "w")) != NULL)) {
		fputs(text, pager);
		pclose(pager);
		return;
	}
	fputs(text, stdout);
	fflush(stdout);
}

static char *history_file(void)
{
	const char *cache = getenv("XDG_CACHE_HOME");
	char *dir = ((cache != NULL) && (*cache == '/'))
			    ? g_build_filename(cache, "crm", NULL)
			    : g_build_filename(g_get_home_dir(), ".cache", "crm", NULL);
	char *path = g_build_filename(dir, "history", NULL);

	g_mkdir_with_parents(dir, 0700);
	g_free(dir);
	return path;
}

static char **candidates;
static size_t next_candidate;

static char *generator(const char *text, int state)
{
	(void)text;
	if (state == 0) {
		next_candidate = 0;
	}
	if ((candidates == NULL) || (candidates[next_candidate] == NULL)) {
		return NULL;
	}
	return strdup(candidates[next_candidate++]);
}

static char **attempt(const char *text, int start, int end)
{
	char *before = g_strndup(rl_line_buffer, (gsize)end);
	bool no_space = false;
	char **matches = NULL;

	(void)start;
	rl_attempted_completion_over = 1;
	g_strfreev(candidates);
	candidates = complete_line(completing, before, text, &no_space);
	rl_completion_append_character = no_space ? '\0' : ' ';
	matches = rl_completion_matches(text, generator);
	g_free(before);
	return matches;
}

static void setup(struct shell *sh)
{
	completing = sh;
	rl_readline_name = "crm";
	rl_attempted_completion_function = attempt;
	rl_completer_word_break_characters = (char *)" \t\n";
	using_history();
}

void interactive_run(struct shell *sh)
{
	char *hist = history_file();

	setup(sh);
	read_history(hist);
	while (!sh->quit) {
		char *prompt = shell_prompt(sh);
		char *line = readline(prompt);

		g_free(prompt);
		if (line == NULL) {
			putchar('\n');
			shell_run_line(sh, "quit");
			continue;
		}
		if (line[strspn(line, " \t")] != '\0') {
			add_history(line);
		}
		shell_run_line(sh, line);
		free(line);
	}
	puts("bye");
	write_history(hist);
	history_truncate_file(hist, 500);
	g_free(hist);
	g_strfreev(candidates);
	candidates = NULL;
}
