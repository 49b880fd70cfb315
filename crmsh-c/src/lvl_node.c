/*
 * The node level: node attributes in the nodes section of the
 * configuration, written as crm_attribute and crm_standby write them
 * (set nodes-NODEID, nvpair nodes-NODEID-NAME), and their messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/common/xml.h>

#include "crm.h"

/* The <node> whose uname is @name, or NULL. */
static xmlNode *find_node(xmlDoc *doc, const char *name)
{
	xmlNode *conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");

	for (xmlNode *n = pcmk_xml_first_child(pcmk_xml_first_child(conf, "nodes"), "node");
	     n != NULL; n = pcmk_xml_next(n, true)) {
		if (g_strcmp0(pcmk_xml_attr(n, "uname"), name) == 0) {
			return n;
		}
	}
	return NULL;
}

/* This host's node name (caller frees). */
static char *local_node(void)
{
	char host[256] = "";

	if (gethostname(host, sizeof(host) - 1) < 0) {
		return g_strdup("localhost");
	}
	host[strcspn(host, ".")] = '\0';
	return g_strdup(host);
}

struct node_attr {
	const char *tag;    /* instance_attributes or utilization */
	const char *suffix; /* "" or "-utilization" */
	const char *op;     /* set, delete, show */
	const char *name;
	const char *value;
};

/* Apply @a to @node; returns 1 when the CIB changed, 0 when not, -1 on a
 * failure (printed). */
static int node_attr_op(struct shell *sh, xmlNode *node, const struct node_attr *a)
{
	char *set_id = g_strdup_printf("nodes-%s%s", pcmk_xml_attr(node, "id"), a->suffix);
	bool set_op = (strcmp(a->op, "set") == 0);
	xmlNode *set = cibx_set(node, a->tag, set_id, set_op);
	xmlNode *nv = cibx_nv_find(set, a->name);
	int rc = 0;

	if (set_op) {
		cibx_nv_set(set, a->name, a->value);
		rc = 1;
	} else if (strcmp(a->op, "show") == 0) {
		if (nv == NULL) {
			printf("scope=nodes  name=%s value=(null)\n", a->name);
			shell_fail(sh, "Error performing operation: No such device or address");
		} else {
			printf("scope=nodes  name=%s value=%s\n", a->name,
			       pcmk_xml_attr(nv, "value"));
		}
	} else if (nv != NULL) {
		printf("Deleted nodes attribute: id=%s name=%s\n", pcmk_xml_attr(nv, "id"),
		       a->name);
		pcmk_xml_free(nv);
		rc = 1;
	}
	fflush(stdout);
	g_free(set_id);
	return rc;
}

static void node_attr(struct shell *sh, const char *uname, const struct node_attr *a)
{
	xmlDoc *doc = cibx_query(sh);
	xmlNode *node = NULL;

	if (doc == NULL) {
		return;
	}
	if ((node = find_node(doc, uname)) == NULL) {
		shell_fail(sh, "node %s: Could not map name=%s to a UUID", uname, uname);
	} else if (node_attr_op(sh, node, a) > 0) {
		cibx_replace(sh, doc, "configuration");
	}
	xmlFreeDoc(doc);
}

/* A node flag attribute (standby, maintenance) of NODE or this host. */
static void set_flag(struct shell *sh, int argc, char **argv, const char *name, const char *value)
{
	char *uname = (argc > 1) ? g_strdup(argv[1]) : local_node();
	struct node_attr a = { "instance_attributes", "", "set", name, value };

	node_attr(sh, uname, &a);
	g_free(uname);
}

static void do_standby(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	set_flag(sh, argc, argv, "standby", "on");
}

static void do_online(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	set_flag(sh, argc, argv, "standby", "off");
}

static void do_maintenance(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	set_flag(sh, argc, argv, "maintenance", "on");
}

static void do_ready(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	set_flag(sh, argc, argv, "maintenance", "off");
}

/* attribute|utilization NODE set|delete|show NAME [VALUE] */
static void attr_cmd(struct shell *sh, int argc, char **argv, const char *tag, const char *suffix)
{
	struct node_attr a = { tag, suffix, NULL, NULL, NULL };

	if ((argc < 4) || (strstr("set delete show", argv[2]) == NULL) ||
	    ((strcmp(argv[2], "set") == 0) && (argc < 5))) {
		shell_fail(sh, "node.%s: Expected (node set|delete|show name [value])", argv[0]);
		return;
	}
	a.op = argv[2];
	a.name = argv[3];
	a.value = (argc > 4) ? argv[4] : NULL;
	node_attr(sh, argv[1], &a);
}

static void do_attribute(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	attr_cmd(sh, argc, argv, "instance_attributes", "");
}

static void do_utilization(struct shell *sh, int argc, char **argv, const char *line)
{
	(void)line;
	attr_cmd(sh, argc, argv, "utilization", "-utilization");
}

/* show [NODE]: each node with its attributes, as crmsh lists them. */
static void show_node(GString *out, const xmlNode *node)
{
	const char *type = pcmk_xml_attr(node, "type");

	g_string_append_printf(out, "%s(%s): %s\n", pcmk_xml_attr(node, "uname"),
			       pcmk_xml_attr(node, "id"), type ? type : "member");
	for (xmlNode *set = pcmk_xml_first_child(node, NULL); set != NULL;
	     set = pcmk_xml_next(set, false)) {
		for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			g_string_append_printf(out, "\t%s: %s\n", pcmk_xml_attr(nv, "name"),
					       pcmk_xml_attr(nv, "value"));
		}
	}
}

static void do_show(struct shell *sh, int argc, char **argv, const char *line)
{
	xmlDoc *doc = cibx_query(sh);
	xmlNode *conf = NULL;
	GString *out = g_string_new(NULL);

	(void)line;
	if (doc != NULL) {
		conf = pcmk_xml_first_child(xmlDocGetRootElement(doc), "configuration");
		for (xmlNode *n = pcmk_xml_first_child(pcmk_xml_first_child(conf, "nodes"), "node");
		     n != NULL; n = pcmk_xml_next(n, true)) {
			if ((argc < 2) || (g_strcmp0(pcmk_xml_attr(n, "uname"), argv[1]) == 0)) {
				show_node(out, n);
			}
		}
		if ((argc > 1) && (out->len == 0)) {
			shell_fail(sh, "node %s not found in the CIB", argv[1]);
		}
		xmlFreeDoc(doc);
	}
	fputs(out->str, stdout);
	fflush(stdout);
	g_string_free(out, TRUE);
}

static const struct level_cmd node_cmds[] = {
	{ "standby", do_standby, "Put node into standby", "standby [<node>]", "%node" },
	{ "online", do_online, "Set node online", "online [<node>]", "%node" },
	{ "maintenance", do_maintenance, "Put node into maintenance mode", "maintenance [<node>]",
	  "%node" },
	{ "ready", do_ready, "Put node into ready mode", "ready [<node>]", "%node" },
	{ "attribute", do_attribute, "Manage attributes",
	  "attribute <node> set|delete|show <attr> [<value>]", "%node set|delete|show" },
	{ "utilization", do_utilization, "Manage utilization attributes",
	  "utilization <node> set|delete|show <attr> [<value>]", "%node set|delete|show" },
	{ "show", do_show, "Show node", "show [<node>]", "%node" },
};

const struct level_def level_node = { "node", "Node management", node_cmds,
				      G_N_ELEMENTS(node_cmds) };
