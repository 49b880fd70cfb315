/*
 * What cibadmin prints: results as pretty-printed XML, XPath match paths
 * for -e, and a numbered listing of a CIB the schema refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include "cibadmin.h"

/* A query's result holding several matches is wrapped in this element. */
#define XPATH_QUERY "xpath-query"

/* With -e the result lists each match's path as the id of an element
 * (one <xpath-query-path id="/cib/..."/> per match, in an <xpath-query>
 * when there are several): print those ids, nothing else. */
static void print_paths(FILE *out, const xmlNode *xml)
{
	const char *id;

	if (pcmk_xml_is(xml, XPATH_QUERY)) {
		for (const xmlNode *c = pcmk_xml_first_child(xml, NULL); c != NULL;
		     c = pcmk_xml_next(c, false)) {
			print_paths(out, c);
		}
		return;
	}
	id = pcmk_xml_attr(xml, "id");
	if (id != NULL) {
		fprintf(out, "%s\n", id);
	}
}

int cibadmin_print_output(FILE *out, const xmlNode *output, bool node_path)
{
	char *text;

	if (output == NULL || output->type != XML_ELEMENT_NODE) {
		return 0;
	}
	if (node_path) {
		print_paths(out, output);
		return 0;
	}
	text = pcmk_xml_to_string(output, true);
	if (text == NULL) {
		return -ENOMEM;
	}
	fputs(text, out);
	free(text);
	return 0;
}

int cibadmin_print_numbered(FILE *out, const xmlNode *xml)
{
	char *text = pcmk_xml_to_string(xml, true);
	const char *line;
	int n = 1;

	if (text == NULL) {
		return -ENOMEM;
	}
	/* every line numbered, the empty one after the last newline too, so
	 * the listing reads as pacemaker's does */
	for (line = text;; n++) {
		const char *end = strchr(line, '\n');

		if (end == NULL) {
			fprintf(out, "%4d %s\n", n, line);
			break;
		}
		fprintf(out, "%4d %.*s\n", n, (int)(end - line), line);
		line = end + 1;
	}
	free(text);
	return 0;
}
