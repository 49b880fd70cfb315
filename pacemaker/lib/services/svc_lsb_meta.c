/*
 * Meta-data for an LSB init script, made from its "### BEGIN INIT INFO"
 * comment block in the layout pacemaker gives it (crm_resource
 * --show-metadata lsb:NAME), so that tools and the crm shell see the same
 * text with either stack.
 */
#include <string.h>

#include "services_private.h"

#define SVC_LSB_BEGIN "### BEGIN INIT INFO"
#define SVC_LSB_END "### END INIT INFO"

/* The keywords copied into <special tag='LSB'>, in this order. */
static const char *const svc_lsb_keys[] = {
	"Provides",    "Required-Start", "Required-Stop", "Should-Start",
	"Should-Stop", "Default-Start",  "Default-Stop",
};

struct svc_lsb_header {
	char *values[G_N_ELEMENTS(svc_lsb_keys)]; /* text after "Key:", with its newline */
	char *shortdesc;
	GString *desc; /* Description and its continuation lines */
	bool in_desc;
};

/* XML text content: the three characters that cannot stand as they are
 * (quotes can, and pacemaker leaves them). */
static void svc_xml_text(GString *out, const char *text)
{
	for (const char *c = text; *c != '\0'; c++) {
		switch (*c) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		default:
			g_string_append_c(out, *c);
		}
	}
}

/* "# Key:value" -> value (with the rest of the line), else NULL. */
static const char *svc_lsb_value(const char *line, const char *key)
{
	size_t n = strlen(key);

	if (strncmp(line, "# ", 2) != 0 || strncmp(line + 2, key, n) != 0 || line[2 + n] != ':') {
		return NULL;
	}
	return line + 3 + n;
}

/* A continuation line of Description: '#' then a tab or two spaces. */
static bool svc_lsb_continues(const char *line)
{
	return line[0] == '#' && (line[1] == '\t' || (line[1] == ' ' && line[2] == ' '));
}

static void svc_lsb_line(struct svc_lsb_header *h, const char *line)
{
	const char *v;

	if (h->in_desc) {
		if (svc_lsb_continues(line)) {
			g_string_append_printf(h->desc, "%s\n", line + 1);
			return;
		}
		/* pacemaker reads one line past the description and drops it:
		 * a keyword there is lost with either stack (seen in 2.1.5) */
		h->in_desc = false;
		return;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(svc_lsb_keys); i++) {
		if ((v = svc_lsb_value(line, svc_lsb_keys[i])) != NULL && h->values[i] == NULL) {
			h->values[i] = g_strdup_printf("%s\n", v);
			return;
		}
	}
	if ((v = svc_lsb_value(line, "Short-Description")) != NULL && h->shortdesc == NULL) {
		h->shortdesc = g_strdup_printf("%s\n", v);
	} else if ((v = svc_lsb_value(line, "Description")) != NULL && h->desc == NULL) {
		h->desc = g_string_new(NULL);
		g_string_append_printf(h->desc, "%s\n", v);
		h->in_desc = true;
	}
}

static void svc_lsb_parse(struct svc_lsb_header *h, const char *script)
{
	char **lines = g_strsplit(script, "\n", -1);
	bool inside = false;

	for (char **l = lines; *l != NULL; l++) {
		if (g_str_has_prefix(*l, SVC_LSB_BEGIN)) {
			inside = true;
		} else if (g_str_has_prefix(*l, SVC_LSB_END)) {
			break;
		} else if (inside) {
			svc_lsb_line(h, *l);
		}
	}
	g_strfreev(lines);
}

static const char svc_lsb_actions[] =
	"  <parameters>\n"
	"  </parameters>\n"
	"  <actions>\n"
	"    <action name='meta-data'    timeout='5' />\n"
	"    <action name='start'        timeout='15' />\n"
	"    <action name='stop'         timeout='15' />\n"
	"    <action name='status'       timeout='15' />\n"
	"    <action name='restart'      timeout='15' />\n"
	"    <action name='force-reload' timeout='15' />\n"
	"    <action name='monitor'      timeout='15' interval='15' />\n"
	"  </actions>\n";

static void svc_lsb_write(GString *x, const char *type, const struct svc_lsb_header *h)
{
	g_string_append(x, "<?xml version='1.0'?>\n"
			   "<!DOCTYPE resource-agent SYSTEM 'ra-api-1.dtd'>\n"
			   "<resource-agent name='");
	svc_xml_text(x, type);
	g_string_append(x, "' version='0.1'>\n  <version>1.0</version>\n  <longdesc lang='en'>\n");
	svc_xml_text(x, h->desc ? h->desc->str : type);
	g_string_append(x, "  </longdesc>\n  <shortdesc lang='en'>");
	svc_xml_text(x, h->shortdesc ? h->shortdesc : type);
	g_string_append(x, "</shortdesc>\n");
	g_string_append(x, svc_lsb_actions);
	g_string_append(x, "  <special tag='LSB'>\n");
	for (size_t i = 0; i < G_N_ELEMENTS(svc_lsb_keys); i++) {
		g_string_append_printf(x, "    <%s>", svc_lsb_keys[i]);
		svc_xml_text(x, h->values[i] ? h->values[i] : "");
		g_string_append_printf(x, "</%s>\n", svc_lsb_keys[i]);
	}
	g_string_append(x, "  </special>\n</resource-agent>\n");
}

char *svc_lsb_metadata_from_text(const char *type, const char *script)
{
	struct svc_lsb_header h = { 0 };
	GString *x = g_string_new(NULL);

	svc_lsb_parse(&h, script);
	svc_lsb_write(x, type, &h);
	for (size_t i = 0; i < G_N_ELEMENTS(svc_lsb_keys); i++) {
		g_free(h.values[i]);
	}
	g_free(h.shortdesc);
	if (h.desc != NULL) {
		g_string_free(h.desc, TRUE);
	}
	return g_string_free(x, FALSE);
}
