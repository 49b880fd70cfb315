/*
 * The level dispatcher: which level a line runs at, the commands every
 * level has (cd, up, quit, help, ls) and the top level's own table.
 * A level word followed by a command ("resource stop web") runs the
 * command in that level and comes back, as crmsh does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

void shell_fail(struct shell *sh, const char *fmt, ...)
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

static const struct level_def *const levels[LVL_COUNT] = {
	[LVL_TOP] = &level_top,           [LVL_CONFIGURE] = &level_configure,
	[LVL_RESOURCE] = &level_resource, [LVL_NODE] = &level_node,
	[LVL_CIB] = &level_cib,           [LVL_RA] = &level_ra,
	[LVL_OPTIONS] = &level_options,
};

const struct level_def *level_get(enum crm_level l)
{
	return levels[l];
}

/* The level named @name (reachable from the top), or LVL_TOP. */
static enum crm_level level_named(const char *name)
{
	for (int l = LVL_CONFIGURE; l < LVL_COUNT; l++) {
		if (strcmp(levels[l]->name, name) == 0) {
			return (enum crm_level)l;
		}
	}
	return LVL_TOP;
}

static void do_up(struct shell *sh, int argc, char **argv, const char *line);
static void do_quit(struct shell *sh, int argc, char **argv, const char *line);
static void do_cd(struct shell *sh, int argc, char **argv, const char *line);
static void do_help(struct shell *sh, int argc, char **argv, const char *line);
static void do_ls(struct shell *sh, int argc, char **argv, const char *line);

/* What every level understands. */
static const struct level_cmd common_cmds[] = {
	{ "cd", do_cd, "Navigate the level structure", "cd [<level>|..]", "%level" },
	{ "up", do_up, "Go back to previous level", "up", "" },
	{ "end", do_up, "Go back to previous level", "end", "" },
	{ "back", do_up, "Go back to previous level", "back", "" },
	{ "..", do_up, "Go back to previous level", "..", "" },
	{ "quit", do_quit, "Exit the interactive shell", "quit", "" },
	{ "exit", do_quit, "Exit the interactive shell", "exit", "" },
	{ "bye", do_quit, "Exit the interactive shell", "bye", "" },
	{ "help", do_help, "Show help (help <command> for one command)", "help [<command>]",
	  "%cmd" },
	{ "ls", do_ls, "List levels and commands", "ls", "" },
};

static const struct level_cmd *find_in(const struct level_cmd *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].name, name) == 0) {
			return &t[i];
		}
	}
	return NULL;
}

const struct level_cmd *level_find(const struct level_def *def, const char *name)
{
	const struct level_cmd *c = find_in(def->cmds, def->ncmds, name);

	return c != NULL ? c : find_in(common_cmds, G_N_ELEMENTS(common_cmds), name);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Second spellings, which `ls` and completion leave out. */
static bool is_alias(const char *name)
{
	static const char *const alias[] = { "end", "back", "exit", "bye" };

	for (size_t i = 0; i < G_N_ELEMENTS(alias); i++) {
		if (strcmp(alias[i], name) == 0) {
			return true;
		}
	}
	return false;
}

const char **level_names(const struct level_def *def)
{
	GPtrArray *a = g_ptr_array_new();

	for (size_t i = 0; i < def->ncmds; i++) {
		g_ptr_array_add(a, (gpointer)def->cmds[i].name);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(common_cmds); i++) {
		/* crmsh lists only the main spelling of the aliases */
		if ((def == &level_top) && (strcmp(common_cmds[i].name, "..") == 0)) {
			continue;
		}
		if (!is_alias(common_cmds[i].name)) {
			g_ptr_array_add(a, (gpointer)common_cmds[i].name);
		}
	}
	g_ptr_array_sort(a, cmp_str);
	g_ptr_array_add(a, NULL);
	return (const char **)g_ptr_array_free(a, FALSE);
}

int shell_enter_configure(struct shell *sh)
{
	if (!sh->session_open) {
		if (session_open(&sh->session) < 0) {
			return -1;
		}
		sh->session_open = true;
	} else if (!sh->session.dirty) {
		session_refresh(&sh->session);
	}
	return 0;
}

bool shell_leave_configure(struct shell *sh)
{
	if (!sh->session_open || !sh->session.dirty) {
		return true;
	}
	if (!ui_interactive()) {
		/* batch mode commits what is pending when it leaves */
		if (session_commit(&sh->session, false) < 0) {
			sh->failed = true;
		}
		return true;
	}
	if (ui_ask("There are changes pending. Do you want to commit them (y/n)? ", true)) {
		if (session_commit(&sh->session, false) < 0) {
			return false;
		}
	} else {
		session_refresh(&sh->session);
	}
	return true;
}

void shell_cib_changed(struct shell *sh)
{
	if (sh->session_open && !sh->session.dirty) {
		session_refresh(&sh->session);
	}
}

/* Go to @to from the current level; false when the user stays. */
static bool go_level(struct shell *sh, enum crm_level to)
{
	if (sh->level == to) {
		return true;
	}
	if ((sh->level == LVL_CONFIGURE) && !shell_leave_configure(sh)) {
		return false;
	}
	if ((to == LVL_CONFIGURE) && (shell_enter_configure(sh) < 0)) {
		sh->failed = true;
		sh->quit = !ui_interactive();
		return false;
	}
	sh->level = to;
	return true;
}

static void do_up(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	go_level(sh, LVL_TOP);
}

static void do_quit(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	if (go_level(sh, LVL_TOP)) {
		sh->quit = true;
	}
}

static void do_cd(struct shell *sh, int argc, char **argv, const char *line)
{
	enum crm_level to = LVL_TOP;

	(void)line;
	if ((argc < 2) || (strcmp(argv[1], "..") == 0) || (strcmp(argv[1], "/") == 0)) {
		go_level(sh, LVL_TOP);
		return;
	}
	to = level_named(argv[1]);
	if ((to == LVL_TOP) || (sh->level != LVL_TOP)) {
		shell_fail(sh, "%s.cd: %s not found", levels[sh->level]->name, argv[1]);
		return;
	}
	go_level(sh, to);
}

/* Names in columns, as `ls` prints them (four 19-wide columns, filled
 * down first). */
static void print_columns(GString *out, const char *const *names)
{
	size_t n = g_strv_length((char **)names);
	size_t rows = (n + 3) / 4;

	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < 4; c++) {
			size_t i = c * rows + r;

			if (i < n) {
				g_string_append_printf(out, "%-19s", names[i]);
			}
		}
		g_string_append_c(out, '\n');
	}
}

static void do_ls(struct shell *sh, int argc, char **argv, const char *line)
{
	const char **names = level_names(levels[sh->level]);
	GString *out = g_string_new(NULL);

	(void)argc, (void)argv, (void)line;
	print_columns(out, names);
	fputs(out->str, stdout);
	fflush(stdout);
	g_string_free(out, TRUE);
	g_free(names);
}

static void help_level(GString *out, const struct level_def *def)
{
	const char **names = level_names(def);

	g_string_append_printf(out, "%s\n\nAvailable commands:\n\n", def->help);
	for (size_t i = 0; names[i] != NULL; i++) {
		const struct level_cmd *c = level_find(def, names[i]);

		g_string_append_printf(out, "\t%-16s %s\n", c->name, c->help);
	}
	g_free(names);
}

static void do_help(struct shell *sh, int argc, char **argv, const char *line)
{
	const struct level_def *def = levels[sh->level];
	const struct level_cmd *c = NULL;
	GString *out = g_string_new(NULL);

	(void)line;
	if (argc < 2) {
		help_level(out, def);
	} else if ((c = level_find(def, argv[1])) != NULL) {
		g_string_append_printf(out, "%s\n\nUsage:\n\n\t%s\n", c->help,
				       c->usage ? c->usage : c->name);
	} else if ((sh->level == LVL_TOP) && (level_named(argv[1]) != LVL_TOP)) {
		help_level(out, levels[level_named(argv[1])]);
	} else {
		shell_fail(sh, "%s: No help for %s", "help", argv[1]);
	}
	ui_page(sh, out->str);
	g_string_free(out, TRUE);
}

/* A level word at the top level; the rest of the line, if any, runs
 * there and the shell comes back. */
static void do_level(struct shell *sh, int argc, char **argv, const char *line)
{
	enum crm_level from = sh->level;
	enum crm_level to = level_named(argv[0]);
	const char *rest = NULL;

	if (!go_level(sh, to) || (argc < 2)) {
		return;
	}
	if (line != NULL) {
		rest = line + strspn(line, " \t");
		rest += strcspn(rest, " \t");
		rest += strspn(rest, " \t");
	}
	shell_run_at(sh, to, argc - 1, argv + 1, rest);
	if (!sh->quit) {
		go_level(sh, from);
	}
}

static void do_status(struct shell *sh, int argc, char **argv, const char *line);
static void do_top_verify(struct shell *sh, int argc, char **argv, const char *line);

static const struct level_cmd top_cmds[] = {
	{ "configure", do_level, "CIB configuration", "configure [<command>]", "%cmd" },
	{ "resource", do_level, "Resource management", "resource [<command>]", "%cmd" },
	{ "node", do_level, "Node management", "node [<command>]", "%cmd" },
	{ "cib", do_level, "CIB shadow management", "cib [<command>]", "%cmd" },
	{ "ra", do_level, "Resource Agents (RA) lists and documentation", "ra [<command>]",
	  "%cmd" },
	{ "options", do_level, "User preferences", "options [<command>]", "%cmd" },
	{ "status", do_status, "Cluster status",
	  "status "
	  "[bynode|inactive|ops|timing|failcounts|verbose|quiet|xml|simple|tickets|noheaders|"
	  "detail|brief|full]",
	  "" },
	{ "verify", do_top_verify, "Verify cluster status", "verify", "" },
};

const struct level_def level_top = { "", "Help overview for the crm shell", top_cmds,
				     G_N_ELEMENTS(top_cmds) };

/* status's words for crm_mon's options, as crmsh has them */
static const char *const status_opts[][2] = {
	{ "bynode", "-n" },     { "inactive", "-r" }, { "ops", "-o" },      { "timing", "-t" },
	{ "failcounts", "-f" }, { "verbose", "-V" },  { "quiet", "-Q" },    { "html", "--as-html" },
	{ "xml", "--as-xml" },  { "simple", "-s" },   { "tickets", "-c" },  { "noheaders", "-D" },
	{ "detail", "-R" },     { "brief", "-b" },    { "full", "-ncrft" },
};

static const char *status_opt(const char *word)
{
	for (size_t i = 0; i < G_N_ELEMENTS(status_opts); i++) {
		if (strcmp(status_opts[i][0], word) == 0) {
			return status_opts[i][1];
		}
	}
	return word; /* crm_mon's own options pass as they are */
}

/* crm_mon -1 -j from the same installation (or $CRM_MON), with the
 * options asked for, -r when none (crmsh's status). */
static void do_status(struct shell *sh, int argc, char **argv, const char *line)
{
	const char *env = getenv("CRM_MON");
	char *mon = (env != NULL) ? g_strdup(env) : g_build_filename(HA_SBINDIR, "crm_mon", NULL);
	GPtrArray *args = g_ptr_array_new();
	gint status = 0;
	GError *error = NULL;

	(void)line;
	g_ptr_array_add(args, mon);
	g_ptr_array_add(args, (char *)"-1");
	g_ptr_array_add(args, (char *)"-j");
	for (int i = 1; i < argc; i++) {
		g_ptr_array_add(args, (char *)status_opt(argv[i]));
	}
	if (argc < 2) {
		g_ptr_array_add(args, (char *)"-r");
	}
	g_ptr_array_add(args, NULL);
	fflush(stdout);
	if (!g_spawn_sync(NULL, (char **)args->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
			  NULL, NULL, NULL, &status, &error)) {
		shell_fail(sh, "status: cannot run %s: %s", mon, error->message);
		g_error_free(error);
	} else if (!g_spawn_check_wait_status(status, NULL)) {
		sh->failed = true;
	}
	g_ptr_array_free(args, TRUE);
	g_free(mon);
}

/* The CIB as it is, checked as crm_verify -L checks it. */
static void do_top_verify(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = cibx_query(sh);

	(void)argc, (void)argv, (void)line;
	if (doc == NULL) {
		return;
	}
	if (verify_relay_live(doc) < 0) {
		sh->failed = true;
	}
	xmlFreeDoc(doc);
}

/* Deprecated spellings crmsh still takes, with its warning. */
static const struct {
	enum crm_level level;
	const char *old;
	const char *now;
} aliases[] = {
	{ LVL_RESOURCE, "unmove", "clear" },
	{ LVL_RESOURCE, "unmigrate", "clear" },
	{ LVL_RESOURCE, "migrate", "move" },
};

static const char *resolve_alias(enum crm_level lvl, const char *word)
{
	for (size_t i = 0; i < G_N_ELEMENTS(aliases); i++) {
		if ((aliases[i].level == lvl) && (strcmp(aliases[i].old, word) == 0)) {
			out_msgf(CRMCONF_WARNING,
				 "This command '%s' is deprecated, please use '%s'", word,
				 aliases[i].now);
			out_msgf(CRMCONF_INFO, "\"%s\" is accepted as \"%s\"", word,
				 aliases[i].now);
			return aliases[i].now;
		}
	}
	return word;
}

void shell_run_at(struct shell *sh, enum crm_level lvl, int argc, char **argv, const char *line)
{
	const char *name = resolve_alias(lvl, argv[0]);
	const struct level_cmd *c = level_find(levels[lvl], name);
	char *joined = NULL;

	if ((c == NULL) && (lvl == LVL_CONFIGURE)) {
		joined = (line != NULL) ? NULL : g_strjoinv(" ", argv);
		configure_object(sh, (line != NULL) ? line : joined);
		g_free(joined);
		return;
	}
	if (c == NULL) {
		shell_fail(sh, "%s%s%s: No such command", levels[lvl]->name,
			   lvl == LVL_TOP ? "" : ".", argv[0]);
		return;
	}
	c->fn(sh, argc, argv, line);
}

void shell_run_line(struct shell *sh, const char *line)
{
	char **argv = NULL;
	int argc = 0;
	const char *s = line + strspn(line, " \t");

	if ((*s == '\0') || (*s == '#')) {
		return;
	}
	if (!g_shell_parse_argv(line, &argc, &argv, NULL) || (argc == 0)) {
		shell_fail(sh, "cannot parse: %s", line);
		g_strfreev(argv);
		return;
	}
	/* configure's object commands keep their own quoting */
	shell_run_at(sh, sh->level, argc, argv, s);
	g_strfreev(argv);
}

char *shell_prompt(const struct shell *sh)
{
	const char *shadow = getenv("CIB_shadow");
	char host[256] = "";

	if (gethostname(host, sizeof(host) - 1) < 0) {
		strcpy(host, "localhost");
	}
	host[strcspn(host, ".")] = '\0';
	return g_strdup_printf("crm(%s/%s)%s# ", (shadow && *shadow) ? shadow : "live", host,
			       levels[sh->level]->name);
}

void shell_finish(struct shell *sh)
{
	if (sh->level == LVL_CONFIGURE) {
		shell_leave_configure(sh);
	}
	if (sh->session_open || (sh->session.cib != NULL)) {
		session_close(&sh->session);
		sh->session_open = false;
	}
}
