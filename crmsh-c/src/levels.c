/*
 * The level dispatcher: the top level and the configure level, each a
 * table of commands; configure's object commands go to libcrmconf.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crm.h"

typedef void (*cmd_fn)(struct shell *sh, int argc, char **argv, const char *line);

struct level_cmd {
	const char *name;
	cmd_fn fn;
};

static void fail(struct shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct shell *sh, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);

	out_msg(CRMCONF_ERROR, text);
	g_free(text);
	sh->failed = true;
}

/* Leave configure: pending changes are committed first (batch mode). */
static void leave_configure(struct shell *sh)
{
	if (sh->session_open && sh->session.dirty && (session_commit(&sh->session, false) < 0)) {
		sh->failed = true;
	}
	sh->level = 0;
}

static void do_up(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	if (sh->level > 0) {
		leave_configure(sh);
	}
}

static void do_quit(struct shell *sh, int argc, char **argv, const char *line)
{
	do_up(sh, argc, argv, line);
	sh->quit = true;
}

static void do_cd(struct shell *sh, int argc, char **argv, const char *line)
{
	if ((argc < 2) || (strcmp(argv[1], "..") == 0)) {
		do_up(sh, argc, argv, line);
	} else if (strcmp(argv[1], "configure") == 0) {
		shell_run_line(sh, "configure");
	} else {
		fail(sh, "cd: %s not found", argv[1]);
	}
}

static void do_commit(struct shell *sh, int argc, char **argv, const char *line)
{
	bool force = (argc > 1) && (strcmp(argv[1], "force") == 0);

	(void)line;
	if (session_commit(&sh->session, force) < 0) {
		sh->failed = true;
	}
}

static void do_verify(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	if (session_verify(&sh->session) < 0) {
		sh->failed = true;
	}
}

static void show_xml(struct shell *sh, int argc, char **argv)
{
	xmlNode *conf =
		pcmk_xml_first_child(xmlDocGetRootElement(sh->session.work), "configuration");
	char *text = NULL;

	if (argc <= 2) {
		text = pcmk_xml_to_string(conf, true);
		printf("%s", text ? text : "");
		free(text);
		return;
	}
	for (int i = 2; i < argc; i++) {
		xmlNode *obj = pcmk_xml_find_id(conf, NULL, argv[i]);

		if (obj == NULL) {
			fail(sh, "object %s does not exist", argv[i]);
			continue;
		}
		text = pcmk_xml_to_string(obj, true);
		printf("%s", text ? text : "");
		free(text);
	}
}

static void do_show(struct shell *sh, int argc, char **argv, const char *line)
{
	struct crmconf_msgs *msgs = NULL;
	char *text = NULL;

	(void)line;
	if ((argc > 1) && (strcmp(argv[1], "xml") == 0)) {
		show_xml(sh, argc, argv);
		return;
	}
	msgs = crmconf_msgs_new();
	text = crmconf_show(sh->session.work, (argc > 1) ? (const char *const *)argv + 1 : NULL,
			    msgs);
	sh->failed = sh->failed || (msgs->errors > 0);
	out_msgs(msgs);
	fputs(text, stdout);
	fflush(stdout);
	g_free(text);
	crmconf_msgs_free(msgs);
}

static void do_erase(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	crmconf_erase(sh->session.work, (argc > 1) && (strcmp(argv[1], "nodes") == 0));
	sh->session.dirty = true;
}

static void do_refresh(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	session_refresh(&sh->session);
}

/* load replace|update FILE: the file's configure commands on an erased
 * (replace) or the current (update) configuration. */
static void do_load(struct shell *sh, int argc, char **argv, const char *line)
{
	FILE *in = NULL;
	char *l = NULL;
	bool replace = (argc == 3) && (strcmp(argv[1], "replace") == 0);

	(void)line;
	if ((argc != 3) || (!replace && (strcmp(argv[1], "update") != 0))) {
		fail(sh, "%s", "usage: load replace|update <file>");
		return;
	}
	in = (strcmp(argv[2], "-") == 0) ? stdin : fopen(argv[2], "r");
	if (in == NULL) {
		fail(sh, "load: cannot read %s", argv[2]);
		return;
	}
	if (replace) {
		crmconf_erase(sh->session.work, false);
	}
	sh->session.copts.replace_existing = !replace;
	while ((l = input_next_line(in)) != NULL) {
		shell_run_line(sh, l);
		free(l);
	}
	sh->session.copts.replace_existing = false;
	sh->session.dirty = true;
	if (in != stdin) {
		fclose(in);
	}
}

static const struct level_cmd configure_cmds[] = {
	{ "commit", do_commit }, { "verify", do_verify },   { "show", do_show },
	{ "erase", do_erase },   { "refresh", do_refresh }, { "load", do_load },
	{ "up", do_up },         { "end", do_up },          { "back", do_up },
	{ "..", do_up },         { "cd", do_cd },           { "quit", do_quit },
	{ "exit", do_quit },     { "bye", do_quit },
};

/* An object command: parse, check the agent, apply. */
static void run_crmconf(struct shell *sh, const char *line)
{
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	struct crmconf_error err = { 0 };
	struct crmconf_cmd *cmd = NULL;
	int rc = crmconf_parse(line, sh->session.work, msgs, &cmd, &err);

	if (rc == -ENOENT) {
		out_msgs(msgs);
		fail(sh, "configure.%s: No such command", err.command);
	} else if (rc < 0) {
		char *text = crmconf_error_text(&err);

		out_msgs(msgs);
		fail(sh, "%s", text);
		g_free(text);
	} else {
		crmconf_check_new(cmd, &sh->session.copts, msgs);
		if (crmconf_apply(sh->session.work, cmd, &sh->session.copts, msgs) == 0) {
			sh->session.dirty = true;
		}
		sh->failed = sh->failed || (msgs->errors > 0);
		out_msgs(msgs);
	}
	crmconf_cmd_free(cmd);
	crmconf_error_clear(&err);
	crmconf_msgs_free(msgs);
}

static bool run_table(struct shell *sh, const struct level_cmd *t, size_t n, int argc, char **argv,
		      const char *line)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].name, argv[0]) == 0) {
			t[i].fn(sh, argc, argv, line);
			return true;
		}
	}
	return false;
}

static void enter_configure(struct shell *sh, const char *rest)
{
	if (!sh->session_open) {
		if (session_open(&sh->session) < 0) {
			sh->failed = true;
			sh->quit = true;
			return;
		}
		sh->session_open = true;
	}
	sh->level = 1;
	if ((rest != NULL) && (*rest != '\0')) {
		shell_run_line(sh, rest);
	}
}

static void run_top(struct shell *sh, int argc, char **argv, const char *line)
{
	static const struct level_cmd top_cmds[] = {
		{ "quit", do_quit }, { "exit", do_quit }, { "bye", do_quit }, { "up", do_up },
		{ "end", do_up },    { "back", do_up },   { "cd", do_cd },
	};

	if (strcmp(argv[0], "configure") == 0) {
		const char *rest = line + strspn(line, " \t") + strlen("configure");

		enter_configure(sh, rest + strspn(rest, " \t"));
	} else if (!run_table(sh, top_cmds, G_N_ELEMENTS(top_cmds), argc, argv, line)) {
		fail(sh, "%s: No such command", argv[0]);
	}
}

void shell_run_line(struct shell *sh, const char *line)
{
	char **argv = NULL;
	int argc = 0;

	if (!g_shell_parse_argv(line, &argc, &argv, NULL) || (argc == 0)) {
		if (argc == 0 && strspn(line, " \t") == strlen(line)) {
			return;
		}
		fail(sh, "cannot parse: %s", line);
		return;
	}
	if (sh->level == 0) {
		run_top(sh, argc, argv, line);
	} else if (!run_table(sh, configure_cmds, G_N_ELEMENTS(configure_cmds), argc, argv, line)) {
		run_crmconf(sh, line);
	}
	g_strfreev(argv);
}

void shell_finish(struct shell *sh)
{
	if (sh->level > 0) {
		leave_configure(sh);
	}
	if (sh->session_open) {
		session_close(&sh->session);
		sh->session_open = false;
	}
}
