/*
 * `edit [ID...]` in configure: the crm text of the objects (all of them
 * when none is named) goes to the user's editor; what comes back replaces
 * them.  Nothing changes unless every line of the edited text parses and
 * applies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <crm/common/xml.h>

#include "crm.h"

/* Take the objects @ids (NULL: all of them) out of @doc before their
 * edited text comes back. */
static void remove_objects(xmlDoc *doc, char **ids)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");

	if (ids == NULL) {
		crmconf_erase(doc, false);
		return;
	}
	for (size_t i = 0; ids[i] != NULL; i++) {
		xmlNode *obj = pcmk_xml_find_id(conf, NULL, ids[i]);

		if (obj != NULL) {
			pcmk_xml_free(obj);
		}
	}
}

static int run_editor(struct shell *sh, const char *path)
{
	char *cmd = g_strdup_printf("%s '%s'", options_get(sh, "editor"), path);
	int rc = system(cmd);

	g_free(cmd);
	return ((rc != -1) && WIFEXITED(rc) && (WEXITSTATUS(rc) == 0)) ? 0 : -1;
}

/* Apply @text (crm lines) to @doc after deleting @ids.  Returns 0, or -1
 * with the messages in @msgs. */
static int apply_text(xmlDoc *doc, char **ids, const char *text, struct shell *sh,
		      struct crmconf_msgs *msgs)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	char *line = NULL;
	int rc = 0;

	remove_objects(doc, ids);
	while ((rc == 0) && (in != NULL) && ((line = input_next_line(in)) != NULL)) {
		struct crmconf_error err = { 0 };
		struct crmconf_cmd *cmd = NULL;

		if (crmconf_parse(line, doc, msgs, &cmd, &err) < 0) {
			char *etext = crmconf_error_text(&err);

			crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s",
					 err.expected ? etext : "no such command");
			g_free(etext);
			rc = -1;
		} else {
			struct crmconf_options o = sh->session.copts;

			/* nodes stay through an erase: their lines redefine them */
			o.replace_existing = true;
			crmconf_check_new(cmd, &o, msgs);
			rc = (crmconf_apply(doc, cmd, &o, msgs) < 0) ? -1 : 0;
		}
		crmconf_cmd_free(cmd);
		crmconf_error_clear(&err);
		free(line);
	}
	if (in != NULL) {
		fclose(in);
	}
	return rc;
}

void edit_objects(struct shell *sh, int argc, char **argv)
{
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	char **ids = g_new0(char *, (size_t)argc);
	char *before = NULL, *after = NULL, *path = NULL;
	int fd = -1;
	xmlDoc *copy = NULL;

	for (int i = 1; i < argc; i++) {
		ids[i - 1] = argv[i];
	}
	before = crmconf_show(sh->session.work, (argc > 1) ? (const char *const *)ids : NULL, msgs);
	if ((msgs->errors > 0) ||
	    ((fd = g_file_open_tmp("crm-edit-XXXXXX.crm", &path, NULL)) < 0)) {
		goto out;
	}
	close(fd);
	if (!g_file_set_contents(path, before, -1, NULL) || (run_editor(sh, path) < 0) ||
	    !g_file_get_contents(path, &after, NULL, NULL)) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "edit: the editor failed");
		goto out;
	}
	if (strcmp(before, after) == 0) {
		goto out;
	}
	copy = xmlCopyDoc(sh->session.work, 1);
	if (apply_text(copy, (argc > 1) ? ids : NULL, after, sh, msgs) == 0) {
		xmlFreeDoc(sh->session.work);
		sh->session.work = copy;
		sh->session.dirty = true;
		copy = NULL;
	}
out:
	sh->failed = sh->failed || (msgs->errors > 0);
	out_msgs(msgs);
	if (copy != NULL) {
		xmlFreeDoc(copy);
	}
	if (path != NULL) {
		unlink(path);
	}
	crmconf_msgs_free(msgs);
	g_free(ids);
	g_free(before);
	g_free(after);
	g_free(path);
}
