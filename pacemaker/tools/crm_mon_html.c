/*
 * The HTML page (-h FILE, --output-as=html): the text output's sections
 * as headings and lists, escaped, with a refresh when an interval runs.
 */
#include <string.h>

#include <crm/common/xml_escape.h>

#include "crm_mon.h"

/* One text line: a heading, or an item at its depth ("  * " per level). */
static void html_line(GString *out, const char *line, size_t len, int *open)
{
	size_t indent = 0;
	int depth;

	while (indent < len && line[indent] == ' ') {
		indent++;
	}
	if (len == 0) {
		return;
	}
	depth = (indent >= 2 && indent + 2 <= len && line[indent] == '*') ? (int)indent / 2 : 0;
	for (; *open > depth; (*open)--) {
		g_string_append(out, "</ul>\n");
	}
	if (depth == 0) {
		g_string_append(out, "<h2>");
		pcmk_xml_escape_append(out, line, len, false);
		g_string_append(out, "</h2>\n");
		return;
	}
	for (; *open < depth; (*open)++) {
		g_string_append(out, "<ul>\n");
	}
	g_string_append(out, "<li>");
	pcmk_xml_escape_append(out, line + indent + 2, len - indent - 2, false);
	g_string_append(out, "</li>\n");
}

void mon_html(const struct pe_cluster *c, const struct mon_opts *o, GString *out)
{
	GString *text = g_string_new(NULL);
	const char *title = o->html_title != NULL ? o->html_title : "Cluster Summary";
	int open = 0;

	mon_text(c, o, text);
	g_string_append(out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n");
	if (!o->one_shot) {
		g_string_append_printf(out, "<meta http-equiv=\"refresh\" content=\"%d\"/>\n",
				       o->interval_s);
	}
	g_string_append(out, "<title>");
	pcmk_xml_escape_append(out, title, strlen(title), false);
	g_string_append(out, "</title>\n</head>\n<body>\n");
	for (const char *p = text->str; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

		html_line(out, p, len, &open);
		p += len + (nl != NULL ? 1 : 0);
	}
	for (; open > 0; open--) {
		g_string_append(out, "</ul>\n");
	}
	g_string_append(out, "</body>\n</html>\n");
	g_string_free(text, TRUE);
}
