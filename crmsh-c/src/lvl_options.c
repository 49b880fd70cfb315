/*
 * The options level: the user's preferences for this session (editor,
 * pager, user), shown as crmsh shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

struct pref {
	const char *name;
	size_t offset; /* in struct crm_prefs */
	const char *env;
	const char *dflt;
};

static const struct pref prefs[] = {
	{ "editor", G_STRUCT_OFFSET(struct crm_prefs, editor), "EDITOR", "vi" },
	{ "pager", G_STRUCT_OFFSET(struct crm_prefs, pager), "PAGER", "less" },
	{ "user", G_STRUCT_OFFSET(struct crm_prefs, user), NULL, "" },
};

static char **slot(struct shell *sh, const struct pref *p)
{
	return (char **)((char *)&sh->prefs + p->offset);
}

static const struct pref *find_pref(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(prefs); i++) {
		if (strcmp(prefs[i].name, name) == 0) {
			return &prefs[i];
		}
	}
	return NULL;
}

const char *options_get(struct shell *sh, const char *name)
{
	const struct pref *p = find_pref(name);
	const char *env = NULL;

	if (p == NULL) {
		return NULL;
	}
	if (*slot(sh, p) != NULL) {
		return *slot(sh, p);
	}
	env = (p->env != NULL) ? getenv(p->env) : NULL;
	return ((env != NULL) && (*env != '\0')) ? env : p->dflt;
}

static void set_pref(struct shell *sh, const char *name, const char *value)
{
	const struct pref *p = find_pref(name);

	if (p == NULL) {
		shell_fail(sh, "options: %s: no such option", name);
		return;
	}
	g_free(*slot(sh, p));
	*slot(sh, p) = g_strdup(value);
}

static void do_one(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	if (argc < 2) {
		printf("%s\n", options_get(sh, argv[0]));
		fflush(stdout);
		return;
	}
	set_pref(sh, argv[0], argv[1]);
}

static void do_set(struct shell *sh, int argc, char **argv, const char *line)
{
	const char *name = (argc > 1) ? argv[1] : "";

	(void)line;
	if (argc < 3) {
		shell_fail(sh, "options.set: Expected <option> <value>");
		return;
	}
	/* crmsh names them core.editor ...; take both forms */
	if (strchr(name, '.') != NULL) {
		name = strchr(name, '.') + 1;
	}
	set_pref(sh, name, argv[2]);
}

static void do_show(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	for (size_t i = 0; i < G_N_ELEMENTS(prefs); i++) {
		printf("core.%s = %s\n", prefs[i].name, options_get(sh, prefs[i].name));
	}
	fflush(stdout);
}

static void do_reset(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	for (size_t i = 0; i < G_N_ELEMENTS(prefs); i++) {
		g_free(*slot(sh, &prefs[i]));
		*slot(sh, &prefs[i]) = NULL;
	}
}

void options_free(struct shell *sh)
{
	do_reset(sh, 0, NULL, NULL);
}

static const struct level_cmd options_cmds[] = {
	{ "editor", do_one, "Set preferred editor program", "editor [<program>]", "" },
	{ "pager", do_one, "Set preferred pager program", "pager [<program>]", "" },
	{ "user", do_one, "Set the cluster user", "user [<user>]", "" },
	{ "set", do_set, "Set the value of a given option", "set <option> <value>",
	  "core.editor|core.pager|core.user" },
	{ "show", do_show, "Show current user preference", "show", "" },
	{ "reset", do_reset, "Reset user preferences to factory defaults", "reset", "" },
};

const struct level_def level_options = { "options", "User preferences", options_cmds,
					 G_N_ELEMENTS(options_cmds) };
