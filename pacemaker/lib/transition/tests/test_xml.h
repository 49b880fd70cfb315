/* Helpers shared by the libtransition tests. */
#ifndef TRANSITION_TEST_XML_H
#define TRANSITION_TEST_XML_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/xml.h>
#include <crm/transition.h>

/* Root element of @text (free with pcmk_xml_free()). */
static inline xmlNode *test_parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

static inline struct transition_graph *test_graph(const char *text)
{
	xmlNode *xml = test_parse(text);
	struct transition_graph *graph = NULL;
	char *error = NULL;
	int rc = transition_graph_unpack(xml, &graph, &error);

	if (rc != 0) {
		print_message("# %s\n", error);
	}
	assert_int_equal(rc, 0);
	pcmk_xml_free(xml);
	return graph;
}

#endif
