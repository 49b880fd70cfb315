/*
 * The transition graph in graphviz's dot language (crm_simulate -D): one
 * node per action, one edge per input.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crm_simulate.h"

static const char *action_label(xmlNode *action, char *buf, size_t size)
{
	const char *key = pcmk_xml_attr(action, "operation_key");
	const char *node = pcmk_xml_attr(action, "on_node");

	if (node == NULL) {
		g_snprintf(buf, size, "%s", key == NULL ? "?" : key);
	} else {
		g_snprintf(buf, size, "%s %s", key == NULL ? "?" : key, node);
	}
	return buf;
}

static xmlNode *synapse_action(xmlNode *synapse)
{
	return pcmk_xml_first_child(pcmk_xml_first_child(synapse, "action_set"), NULL);
}

static void write_synapse(FILE *f, xmlNode *synapse)
{
	char to[512], from[512];
	xmlNode *action = synapse_action(synapse);
	xmlNode *inputs = pcmk_xml_first_child(synapse, "inputs");
	bool pseudo = pcmk_xml_is(action, "pseudo_event");

	action_label(action, to, sizeof(to));
	fprintf(f, "\"%s\" [ style=bold color=\"%s\" fontcolor=\"%s\"]\n", to,
		pseudo ? "orange" : "green", pseudo ? "orange" : "black");
	for (xmlNode *t = pcmk_xml_first_child(inputs, "trigger"); t != NULL;
	     t = pcmk_xml_next(t, true)) {
		action_label(pcmk_xml_first_child(t, NULL), from, sizeof(from));
		fprintf(f, "\"%s\" -> \"%s\" [ style = bold]\n", from, to);
	}
}

int simulate_write_dot(const char *path, void *graph_xml)
{
	xmlNode *graph = graph_xml;
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		int rc = -errno;

		fprintf(stderr, "crm_simulate: could not write %s: %s\n", path, strerror(errno));
		return rc;
	}
	fputs(" digraph \"g\" {\n", f);
	for (xmlNode *s = pcmk_xml_first_child(graph, "synapse"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		write_synapse(f, s);
	}
	fputs("}\n", f);
	return fclose(f) == 0 ? 0 : -errno;
}
