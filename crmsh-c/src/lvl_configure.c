/*
 * The configure level: object commands go to libcrmconf and change the
 * working copy; commit, verify, show, edit, ptest ... work on it.  In
 * the interactive shell changes wait for `commit`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crm.h"

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

/* `show xml [ID...]`: the configuration, or a <cib> holding only the
 * named objects. */
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
			shell_fail(sh, "object %s does not exist", argv[i]);
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
		fflush(stdout);
		return;
	}
	msgs = crmconf_msgs_new();
	text = crmconf_show(sh->session.work, (argc > 1) ? (const char *const *)argv + 1 : NULL,
			    msgs);
	sh->failed = sh->failed || (msgs->errors > 0);
	out_msgs(msgs);
	ui_page(sh, text);
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
	if (sh->session.dirty && !ui_ask("There are changes pending. Do you want to discard them "
					 "(y/n)? ",
					 true)) {
		return;
	}
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
		shell_fail(sh, "%s", "usage: load replace|update <file>");
		return;
	}
	in = (strcmp(argv[2], "-") == 0) ? stdin : fopen(argv[2], "r");
	if (in == NULL) {
		shell_fail(sh, "load: cannot read %s", argv[2]);
		return;
	}
	if (replace) {
		crmconf_erase(sh->session.work, false);
	}
	sh->session.copts.replace_existing = !replace;
	while ((l = input_next_line(in)) != NULL) {
		configure_object(sh, l);
		free(l);
	}
	sh->session.copts.replace_existing = false;
	sh->session.dirty = true;
	if (in != stdin) {
		fclose(in);
	}
}

static void do_edit(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	edit_objects(sh, argc, argv);
}

static void do_ptest(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)argc, (void)argv, (void)line;
	if ((session_load_status(&sh->session) < 0) || (ptest_print(sh->session.work) < 0)) {
		sh->failed = true;
	}
}

/* configure's `cib` and `ra`: the other level's command, run here. */
static void do_sublevel(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	if (argc < 2) {
		shell_fail(sh, "configure.%s: a command is needed", argv[0]);
		return;
	}
	shell_run_at(sh, (strcmp(argv[0], "cib") == 0) ? LVL_CIB : LVL_RA, argc - 1, argv + 1,
		     NULL);
}

void configure_object(struct shell *sh, const char *line)
{
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	struct crmconf_error err = { 0 };
	struct crmconf_cmd *cmd = NULL;
	int rc = crmconf_parse(line, sh->session.work, msgs, &cmd, &err);

	if (rc == -ENOENT) {
		out_msgs(msgs);
		shell_fail(sh, "configure.%s: No such command", err.command);
	} else if (rc < 0) {
		char *text = crmconf_error_text(&err);

		out_msgs(msgs);
		shell_fail(sh, "%s", text);
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

static void do_object(struct shell *sh, int argc, char **argv, const char *line)
{
	char *joined = (line == NULL) ? g_strjoinv(" ", argv) : NULL;

	(void)argc;
	configure_object(sh, (line != NULL) ? line : joined);
	g_free(joined);
}

static const struct level_cmd configure_cmds[] = {
	{ "commit", do_commit, "Commit the changes to the CIB", "commit [force]", "force" },
	{ "verify", do_verify, "Verify the CIB with crm_verify", "verify", "" },
	{ "show", do_show, "Display CIB objects", "show [xml] [<id> ...]", "xml|%id %id *" },
	{ "edit", do_edit, "Edit CIB objects", "edit [<id> ...]", "%id *" },
	{ "erase", do_erase, "Erase the CIB", "erase [nodes]", "nodes" },
	{ "refresh", do_refresh, "Refresh from CIB", "refresh", "" },
	{ "load", do_load, "Import the CIB from a file", "load replace|update <file>",
	  "replace|update" },
	{ "ptest", do_ptest, "Show cluster actions if changes were committed", "ptest", "" },
	{ "simulate", do_ptest, "Show cluster actions if changes were committed", "simulate", "" },
	{ "cib", do_sublevel, "CIB shadow management", "cib <command> ...", "%cmd" },
	{ "ra", do_sublevel, "Resource Agents (RA) lists and documentation", "ra <command> ...",
	  "%cmd" },
	{ "primitive", do_object, "Define a resource",
	  "primitive <rsc> {[<class>:[<provider>:]]<type>|@<template>}\n"
	  "\t  [params <param>=<value> ...] [meta <attribute>=<value> ...]\n"
	  "\t  [utilization <attribute>=<value> ...] [op <op_type> [<attribute>=<value> ...] ...]",
	  "" },
	{ "rsc_template", do_object, "Define a resource template",
	  "rsc_template <name> [<class>:[<provider>:]]<type> [params ...] [meta ...] [op ...]",
	  "" },
	{ "group", do_object, "Define a group", "group <name> <rsc> [<rsc>...] [meta ...]",
	  " %rsc *" },
	{ "clone", do_object, "Define a clone", "clone <name> <rsc> [meta ...]", " %rsc" },
	{ "ms", do_object, "Define a master-slave resource (deprecated)",
	  "ms <name> <rsc> [meta ...]", " %rsc" },
	{ "location", do_object, "A location preference",
	  "location <id> <rsc> [role=<role>] {<score>: <node> | rule ...}", " %rsc" },
	{ "colocation", do_object, "Colocate resources",
	  "colocation <id> <score>: <rsc>[:<role>] <with-rsc>[:<role>] ...", "" },
	{ "order", do_object, "Order resources",
	  "order <id> [kind:] first then [symmetrical=<bool>]", "" },
	{ "property", do_object, "Set a cluster property",
	  "property [<set_id>:] <name>=<value> ...", "" },
	{ "rsc_defaults", do_object, "Set resource defaults",
	  "rsc_defaults [<set_id>:] <name>=<value> ...", "" },
	{ "op_defaults", do_object, "Set resource operations defaults",
	  "op_defaults [<set_id>:] <name>=<value> ...", "" },
	{ "node", do_object, "Define a cluster node",
	  "node [$id=<id>] <uname>[:<type>] [attributes ...] [utilization ...]", "%node" },
	{ "tag", do_object, "Define resource tags", "tag <tag-name>: <rsc> [<rsc> ...]", "" },
	{ "fencing_topology", do_object, "Node fencing order",
	  "fencing_topology [<node>:] <stonith-rsc> [...]", "" },
	{ "alert", do_object, "Event-driven alerts", "alert <id> <path> [...]", "" },
	{ "monitor", do_object, "Add monitor operation to a primitive",
	  "monitor <rsc>[:<role>] <interval>[:<timeout>]", "%rsc" },
	{ "delete", do_object, "Delete CIB objects", "delete <id> [<id> ...]", "%id *" },
	{ "rename", do_object, "Rename a CIB object", "rename <old_id> <new_id>", "%id" },
	{ "modgroup", do_object, "Modify group",
	  "modgroup <id> add <id> [after <id>|before <id>] | remove <id>", "%rsc add|remove %rsc" },
};

const struct level_def level_configure = { "configure", "CIB configuration", configure_cmds,
					   G_N_ELEMENTS(configure_cmds) };
