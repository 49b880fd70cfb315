/*
 * The console mode: the text output redrawn with ncurses every interval
 * (or at once on a key press) until 'q'.  Without a terminal the text is
 * printed once per interval instead.
 */
#include <curses.h>
#include <stdio.h>
#include <unistd.h>

#include "crm_mon.h"

static void draw(const GString *text)
{
	clear();
	move(0, 0);
	addstr(text->str);
	addstr("\nPress q to quit, any other key to refresh.\n");
	refresh();
}

/* One round: fetch, show; then wait for a key or the interval.  Returns
 * 1 to go on, 0 when asked to quit, or a negative exit code. */
static int round_once(struct mon_opts *o, mon_fetch_fn fetch, bool screen)
{
	GString *text = g_string_new(NULL);
	int rc = fetch(o, text);
	int key;

	if (rc != 0) {
		g_string_free(text, TRUE);
		return rc;
	}
	if (!screen) {
		fputs(text->str, stdout);
		fflush(stdout);
		g_string_free(text, TRUE);
		sleep((unsigned int)o->interval_s);
		return 1;
	}
	draw(text);
	g_string_free(text, TRUE);
	timeout(o->interval_s * 1000);
	key = getch();
	return (key == 'q' || key == 'Q') ? 0 : 1;
}

int mon_interactive(struct mon_opts *o, mon_fetch_fn fetch)
{
	bool screen = isatty(STDOUT_FILENO) && o->format == MON_CONSOLE;
	int rc;

	if (screen && initscr() == NULL) {
		screen = false;
	}
	if (screen) {
		cbreak();
		noecho();
	}
	do {
		rc = round_once(o, fetch, screen);
	} while (rc == 1);
	if (screen) {
		endwin();
	}
	return rc < 0 ? -rc : 0;
}
