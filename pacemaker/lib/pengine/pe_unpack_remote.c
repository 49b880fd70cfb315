/*
 * Remote and guest nodes.  A primitive ocf:pacemaker:remote is the
 * connection to the remote node of the same name; a primitive with the
 * meta attribute remote-node=NAME is the container (a VM, a container) of
 * the guest node NAME, whose connection resource is made here, as the
 * resource a user would write for it.  The nodes must exist before any
 * resource is allocated (per-node score arrays), so they are found by a
 * pass over the resources section before it is unpacked.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_sched_private.h"

/* The plain value of meta attribute @name of a resource definition: rules
 * do not apply to these, as they decide which nodes exist. */
const char *pe_xml_plain_meta(xmlNode *rsc_xml, const char *name)
{
	for (xmlNode *set = pcmk_xml_first_child(rsc_xml, "meta_attributes"); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
		     nv = pcmk_xml_next(nv, true)) {
			if (g_strcmp0(pcmk_xml_attr(nv, "name"), name) == 0) {
				return pcmk_xml_attr(nv, "value");
			}
		}
	}
	return NULL;
}

bool pe_xml_is_remote_connection(const xmlNode *rsc_xml)
{
	return pcmk_xml_is(rsc_xml, "primitive") &&
	       g_strcmp0(pcmk_xml_attr(rsc_xml, "class"), "ocf") == 0 &&
	       g_strcmp0(pcmk_xml_attr(rsc_xml, "provider"), "pacemaker") == 0 &&
	       g_strcmp0(pcmk_xml_attr(rsc_xml, "type"), "remote") == 0;
}

struct pe_node *pe_remote_node_add(struct pe_cluster *c, const char *name, bool guest)
{
	struct pe_node *node = pe_node_find(c, name);

	if (node == NULL) {
		node = pe_node_alloc(c, name, name);
		pe_node_builtin_attrs(node);
	}
	node->remote = true;
	node->guest = guest;
	/* Startup fencing is for cluster nodes: a remote node's state is
	 * whatever its connection's is. */
	node->unclean = false;
	g_hash_table_replace(node->attrs, g_strdup("#kind"),
			     g_strdup(guest ? "container" : "remote"));
	return node;
}

void pe_xml_nvpair_add(xmlNode *set, const char *prefix, const char *name, const char *value)
{
	xmlNode *nv = pcmk_xml_add_child(set, "nvpair");
	char *id = g_strdup_printf("%s-%s", prefix, name);

	pcmk_xml_set_attr(nv, "id", id);
	pcmk_xml_set_attr(nv, "name", name);
	pcmk_xml_set_attr(nv, "value", value);
	g_free(id);
}

void pe_xml_op_add(xmlNode *ops, const char *name, const char *task, const char *interval,
		   const char *timeout)
{
	xmlNode *op = pcmk_xml_add_child(ops, "op");
	char *id = g_strdup_printf("%s-%s-interval-%s", name, task, interval);

	pcmk_xml_set_attr(op, "id", id);
	pcmk_xml_set_attr(op, "name", task);
	pcmk_xml_set_attr(op, "interval", interval);
	if (timeout != NULL) {
		pcmk_xml_set_attr(op, "timeout", timeout);
	}
	g_free(id);
}

/* The connection definition of guest node @name in container @container:
 * the address and port from remote-addr and remote-port when given, a 30s
 * monitor and remote-connect-timeout (60s by default) to start. */
static void guest_params_add(xmlNode *rsc, const char *name, xmlNode *container)
{
	static const struct {
		const char *meta;
		const char *param;
	} params[] = { { "remote-addr", "addr" }, { "remote-port", "port" } };
	char *prefix = g_strdup_printf("%s-instance_attributes", name);
	xmlNode *set = pcmk_xml_add_child(rsc, "instance_attributes");

	pcmk_xml_set_attr(set, "id", prefix);
	for (size_t i = 0; i < G_N_ELEMENTS(params); i++) {
		const char *value = pe_xml_plain_meta(container, params[i].meta);

		if (value != NULL) {
			pe_xml_nvpair_add(set, prefix, params[i].param, value);
		}
	}
	g_free(prefix);
}

/* The element implicit resources are made under, created on first use. */
xmlNode *pe_implicit_root(struct pe_cluster *c)
{
	if (c->implicit_doc == NULL) {
		c->implicit_doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(c->implicit_doc,
				     xmlNewNode(NULL, (const xmlChar *)"resources"));
	}
	return xmlDocGetRootElement(c->implicit_doc);
}

static void guest_connection_build(struct pe_cluster *c, const char *name, xmlNode *container)
{
	xmlNode *root = pe_implicit_root(c);
	xmlNode *rsc = pcmk_xml_add_child(root, "primitive");
	const char *timeout = pe_xml_plain_meta(container, "remote-connect-timeout");
	char *prefix = g_strdup_printf("%s-meta_attributes", name);
	xmlNode *meta, *ops;

	pcmk_xml_set_attr(rsc, "id", name);
	pcmk_xml_set_attr(rsc, "class", "ocf");
	pcmk_xml_set_attr(rsc, "provider", "pacemaker");
	pcmk_xml_set_attr(rsc, "type", "remote");
	meta = pcmk_xml_add_child(rsc, "meta_attributes");
	pcmk_xml_set_attr(meta, "id", prefix);
	pe_xml_nvpair_add(meta, prefix, "container", pcmk_xml_attr(container, "id"));
	g_free(prefix);
	guest_params_add(rsc, name, container);
	ops = pcmk_xml_add_child(rsc, "operations");
	pe_xml_op_add(ops, name, "monitor", "30s", "30s");
	pe_xml_op_add(ops, name, "start", "0", timeout != NULL ? timeout : "60s");
}

static void primitive_scan(struct pe_cluster *c, xmlNode *x)
{
	const char *id = pcmk_xml_attr(x, "id");
	const char *guest = pe_xml_plain_meta(x, "remote-node");

	if (id == NULL) {
		return;
	}
	if (pe_xml_is_remote_connection(x)) {
		pe_remote_node_add(c, id, false);
	} else if (guest != NULL && *guest != '\0') {
		if (pe_node_find(c, guest) != NULL && !pe_node_find(c, guest)->remote) {
			pe_config_error(c,
					"Resource %s: remote-node %s is the name of a "
					"cluster node",
					id, guest);
			return;
		}
		pe_remote_node_add(c, guest, true);
		guest_connection_build(c, guest, x);
	}
}

void pe_remote_nodes_unpack(struct pe_cluster *c, xmlNode *resources)
{
	for (xmlNode *x = pcmk_xml_first_child(resources, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		if (pcmk_xml_is(x, "primitive")) {
			primitive_scan(c, x);
		} else if (pcmk_xml_is(x, "bundle")) {
			pe_bundle_scan(c, x);
		} else if (pcmk_xml_is(x, "group")) {
			for (xmlNode *m = pcmk_xml_first_child(x, "primitive"); m != NULL;
			     m = pcmk_xml_next(m, true)) {
				primitive_scan(c, m);
			}
		}
	}
}

xmlNode *pe_remote_implicit_resources(const struct pe_cluster *c)
{
	return c->implicit_doc == NULL ? NULL : xmlDocGetRootElement(c->implicit_doc);
}

/* Tie each connection to its node and each guest connection to its
 * container, once every resource exists. */
void pe_remote_resources_link(struct pe_cluster *c)
{
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];
		struct pe_node *node;

		if (rsc->variant != PE_PRIMITIVE || rsc->parent != NULL ||
		    !pe_xml_is_remote_connection(rsc->xml)) {
			continue;
		}
		node = pe_node_find(c, rsc->id);
		if (node == NULL || !node->remote) {
			continue;
		}
		node->remote_rsc = rsc;
		rsc->remote_node = node;
		if (pe_rsc_meta(rsc, "container") != NULL) {
			rsc->container = pe_resource_find(c, pe_rsc_meta(rsc, "container"));
		}
	}
}

struct pe_node *pe_node_guest_host(const struct pe_node *node)
{
	const struct pe_resource *container;

	if (node == NULL || !node->guest || node->remote_rsc == NULL) {
		return NULL;
	}
	container = node->remote_rsc->container;
	if (container == NULL || container->running_on->len == 0) {
		return NULL;
	}
	return container->running_on->pdata[0];
}

/* A remote node is up while its connection is active, not failed, on a
 * node that is up; a guest node also needs its container active and not
 * failed. */
bool pe_remote_node_up(const struct pe_node *node)
{
	const struct pe_resource *conn = node->remote_rsc;
	const struct pe_node *host;

	if (conn == NULL || conn->running_on->len == 0 || conn->failed) {
		return false;
	}
	host = conn->running_on->pdata[0];
	if (!host->online) {
		return false;
	}
	if (conn->container != NULL) {
		return conn->container->running_on->len > 0 && !conn->container->failed;
	}
	return true;
}

/* Fencing a guest node is recovering its container: the node itself stays
 * usable, so that what ran there may start again once it is back. */
void pe_guest_node_reset(struct pe_node *node)
{
	struct pe_resource *container =
		node->remote_rsc == NULL ? NULL : node->remote_rsc->container;

	if (container == NULL || !container->managed) {
		return;
	}
	container->failed = true;
	container->stop_if_failed = true;
}
