/*
 * The console mode: the text output redrawn with ncurses every interval
 * (or at once on a key press) until 'q'.  Keys switch what is shown, as
 * the command line options would (the keys pacemaker's crm_mon uses);
 * '?' lists them.  Without a terminal the text is printed once per
 * interval instead.
 */
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include "crm_mon.h"

struct mon_key {
	int key;
	size_t flag; /* offset of a bool in struct mon_opts */
	const char *what;
};

static const struct mon_key keys[] = {
	{ 'r', offsetof(struct mon_opts, inactive), "inactive resources" },
	{ 'f', offsetof(struct mon_opts, failcounts), "fail counts" },
	{ 'A', offsetof(struct mon_opts, attributes), "node attributes" },
	{ 'n', offsetof(struct mon_opts, by_node), "resources grouped by node" },
	{ 'o', offsetof(struct mon_opts, operations), "operation history" },
	{ 't', offsetof(struct mon_opts, timing), "operation timing" },
	{ 'D', offsetof(struct mon_opts, hide_headers), "summary hidden" },
};

static bool *flag_of(struct mon_opts *o, const struct mon_key *k)
{
	return (bool *)((char *)o + k->flag);
}

static void draw(const GString *text)
{
	clear();
	move(0, 0);
	addstr(text->str);
	addstr("\nPress ? for the display keys, q to quit, any other key to refresh.\n");
	refresh();
}

/* The keys and what they switch, with their state now. */
static void draw_keys(struct mon_opts *o)
{
	clear();
	move(0, 0);
	addstr("Display keys (each switches one part on or off):\n\n");
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		printw("  %c  %-28s %s\n", keys[i].key, keys[i].what,
		       *flag_of(o, &keys[i]) ? "on" : "off");
	}
	addstr("\nPress one of them, or any other key to go back.\n");
	refresh();
}

/* Switch what @key stands for; false when it stands for nothing. */
static bool toggle(struct mon_opts *o, int key)
{
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		if (keys[i].key == key) {
			*flag_of(o, &keys[i]) = !*flag_of(o, &keys[i]);
			/* timing shows in the operation history only */
			o->operations = o->operations || (key == 't' && o->timing);
			return true;
		}
	}
	return false;
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
	if (key == '?') {
		draw_keys(o);
		timeout(-1);
		key = getch();
	}
	toggle(o, key);
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
