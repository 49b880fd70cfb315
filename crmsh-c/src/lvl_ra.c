/*
 * The ra level: agent classes, lists and meta-data in crmsh's layout
 * (`ra info` as crmsh prints meta-data: title, description, parameters
 * with "*" for required and "[default]", the advised operations).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crm/common/xml.h>

#include "crm.h"

/* The trimmed text of @parent's child @tag ("" when none; caller frees). */
static char *child_text(const xmlNode *parent, const char *tag)
{
	xmlNode *c = pcmk_xml_first_child(parent, tag);
	xmlChar *t = (c != NULL) ? xmlNodeGetContent(c) : NULL;
	char *s = g_strstrip(g_strdup(t ? (const char *)t : ""));

	xmlFree(t);
	return s;
}

/* A description worth showing: not empty, not just the name again. */
static char *shortdesc(const xmlNode *n, const char *type)
{
	char *s = child_text(n, "shortdesc");
	char *l = child_text(n, "longdesc");
	const char *name = pcmk_xml_attr(n, "name");

	if ((g_strcmp0(s, name) == 0) || (strcmp(s, l) == 0) || (g_strcmp0(s, type) == 0)) {
		s[0] = '\0';
	}
	g_free(l);
	return s;
}

static void format_param(GString *out, const xmlNode *p)
{
	const xmlNode *content = pcmk_xml_first_child(p, "content");
	const char *type = pcmk_xml_attr(content, "type");
	const char *dflt = pcmk_xml_attr(content, "default");
	char *sd = shortdesc(p, NULL);
	char *ld = child_text(p, "longdesc");

	g_string_append(out, pcmk_xml_attr(p, "name"));
	if (g_strcmp0(pcmk_xml_attr(p, "required"), "1") == 0) {
		g_string_append_c(out, '*');
	}
	if ((type != NULL) && (dflt != NULL) && (*dflt != '\0')) {
		g_string_append_printf(out, " (%s, [%s])", type, dflt);
	} else if (type != NULL) {
		g_string_append_printf(out, " (%s)", type);
	}
	g_string_append_printf(out, ": %s\n", sd);
	if (*ld != '\0') {
		char **lines = g_strsplit(ld, "\n", -1);
		char *joined = g_strjoinv("\n    ", lines);

		g_string_append_printf(out, "    %s\n\n", joined);
		g_free(joined);
		g_strfreev(lines);
	}
	g_free(sd);
	g_free(ld);
}

static void format_actions(GString *out, const xmlNode *root)
{
	const xmlNode *actions = pcmk_xml_first_child(root, "actions");
	GString *body = g_string_new(NULL);

	for (xmlNode *a = pcmk_xml_first_child(actions, "action"); a != NULL;
	     a = pcmk_xml_next(a, true)) {
		const char *name = pcmk_xml_attr(a, "name");

		if ((name == NULL) || (strcmp(name, "meta-data") == 0) ||
		    (strcmp(name, "validate-all") == 0)) {
			continue;
		}
		g_string_append_printf(body, "%s    %-13s", body->len ? "\n" : "", name);
		for (xmlAttr *at = a->properties; at != NULL; at = at->next) {
			const char *v = pcmk_xml_attr(a, (const char *)at->name);

			if ((strcmp((const char *)at->name, "name") != 0) && (v != NULL) && *v) {
				g_string_append_printf(body, " %s=%s", at->name, v);
			}
		}
	}
	if (body->len > 0) {
		g_string_append_printf(out, "\n\nOperations' defaults (advisory minimum):\n\n%s",
				       body->str);
	}
	g_string_free(body, TRUE);
}

char *ra_info_text(const char *spec, xmlDoc *meta)
{
	const xmlNode *root = xmlDocGetRootElement(meta);
	const char *type = strrchr(spec, ':') ? strrchr(spec, ':') + 1 : spec;
	char *sd = shortdesc(root, type);
	char *ld = child_text(root, "longdesc");
	GString *out = g_string_new(NULL);
	GString *params = g_string_new(NULL);

	g_string_append_printf(out, *sd ? "%s (%s)" : "%.0s%s", sd, spec);
	if (*ld != '\0') {
		g_string_append_printf(out, "\n\n%s", ld);
	}
	for (xmlNode *p =
		     pcmk_xml_first_child(pcmk_xml_first_child(root, "parameters"), "parameter");
	     p != NULL; p = pcmk_xml_next(p, true)) {
		format_param(params, p);
	}
	if (params->len > 0) {
		while ((params->len > 0) && (params->str[params->len - 1] == '\n')) {
			g_string_truncate(params, params->len - 1);
		}
		g_string_append_printf(out, "\n\nParameters (*: required, []: default):\n\n%s",
				       params->str);
	}
	format_actions(out, root);
	g_string_append_c(out, '\n');
	g_string_free(params, TRUE);
	g_free(sd);
	g_free(ld);
	return g_string_free(out, FALSE);
}

/* A list as crmsh prints one: as many columns as fit the terminal
 * (80 when not one), filled across. */
static void multicolumn(char **names)
{
	struct winsize ws = { 0 };
	size_t w =
		((ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) && (ws.ws_col > 0)) ? ws.ws_col : 80;
	size_t max = 8, cols = 0, col_len = 0, n = g_strv_length(names);

	for (size_t i = 0; i < n; i++) {
		max = MAX(max, strlen(names[i]));
	}
	cols = MAX(w / (max + 2), 1);
	col_len = w / cols;
	for (size_t i = 0; i < n; i++) {
		bool last = ((i + 1) % cols == 0) || (i + 1 == n);

		if ((i + 1) % cols == 0) {
			fputs(names[i], stdout);
		} else {
			printf("%-*s", (int)col_len, names[i]);
		}
		if (last) {
			putchar('\n');
		}
	}
	fflush(stdout);
}

static void do_classes(struct shell *sh, int argc, char **argv, const char *line)
{
	const char *const *cls = ra_classes();

	(void)sh, (void)argc, (void)argv, (void)line;
	for (size_t i = 0; cls[i] != NULL; i++) {
		if (strcmp(cls[i], "ocf") == 0) {
			char **provs = ra_providers("");
			char *joined = g_strjoinv(" ", provs);

			printf("ocf / %s\n", joined);
			g_free(joined);
			g_strfreev(provs);
		} else {
			printf("%s\n", cls[i]);
		}
	}
	fflush(stdout);
}

static void do_list(struct shell *sh, int argc, char **argv, const char *line)
{
	char **names = NULL;

	(void)line;
	if (argc < 2) {
		shell_fail(sh, "ra.list: Expected <class> [<provider>]");
		return;
	}
	names = ra_list(argv[1], (argc > 2) ? argv[2] : NULL);
	multicolumn(names);
	g_strfreev(names);
}

static void do_info(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *meta = NULL;
	char *text = NULL;

	(void)line;
	if (argc < 2) {
		shell_fail(sh, "ra.info: Expected [<class>:[<provider>:]]<type>");
		return;
	}
	if ((meta = ra_metadata(argv[1])) == NULL) {
		shell_fail(sh, "%s: got no meta-data, does this RA exist?", argv[1]);
		return;
	}
	text = ra_info_text(argv[1], meta);
	ui_page(sh, text);
	g_free(text);
	xmlFreeDoc(meta);
}

static void do_providers(struct shell *sh, int argc, char **argv, const char *line)
{
	char **provs = NULL;
	char *joined = NULL;

	(void)line;
	if (argc < 2) {
		shell_fail(sh, "ra.providers: Expected <type> [<class>]");
		return;
	}
	provs = ra_providers(argv[1]);
	joined = g_strjoinv(" ", provs);
	printf("%s\n", joined);
	fflush(stdout);
	g_free(joined);
	g_strfreev(provs);
}

static const struct level_cmd ra_cmds[] = {
	{ "classes", do_classes, "List classes and providers", "classes", "" },
	{ "list", do_list, "List RA for a class (and provider)", "list <class> [<provider>]",
	  "%class" },
	{ "info", do_info, "Show meta data for a RA", "info [<class>:[<provider>:]]<type>",
	  "%agent" },
	{ "meta", do_info, "Show meta data for a RA", "meta [<class>:[<provider>:]]<type>",
	  "%agent" },
	{ "providers", do_providers, "Show providers for a RA and a class", "providers <type>",
	  "" },
};

const struct level_def level_ra = { "ra", "Resource Agents (RA) lists and documentation", ra_cmds,
				    G_N_ELEMENTS(ra_cmds) };
