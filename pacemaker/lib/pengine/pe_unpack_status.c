/*
 * Unpacking the status section: each node_state gives a node's membership
 * (online, unclean, pending, shutting down), its transient attributes and
 * its resource history.
 */
#include <ctype.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_sched_private.h"

static bool attr_is(xmlNode *x, const char *name, const char *value)
{
	const char *v = pcmk_xml_attr(x, name);

	return v != NULL && g_ascii_strcasecmp(v, value) == 0;
}

/* in_ccm is "true"/"false", or since pacemaker 2.1.7 a timestamp. */
static bool in_membership(xmlNode *state)
{
	const char *v = pcmk_xml_attr(state, "in_ccm");

	if (v == NULL) {
		return false;
	}
	return pe_text_is_true(v) || (isdigit((unsigned char)v[0]) && strcmp(v, "0") != 0);
}

static bool peer_online(xmlNode *state)
{
	const char *v = pcmk_xml_attr(state, "crmd");

	return v != NULL && (g_ascii_strcasecmp(v, "online") == 0 || pe_text_is_true(v) ||
			     (isdigit((unsigned char)v[0]) && strcmp(v, "0") != 0));
}

static bool attr_set_true(const struct pe_node *node, const char *name)
{
	const char *v = g_hash_table_lookup(node->attrs, name);

	if (v == NULL) {
		return false;
	}
	if (pe_text_is_true(v)) {
		return true;
	}
	return isdigit((unsigned char)v[0]) && v[0] != '0';
}

static void fence_node(struct pe_cluster *c, struct pe_node *node, const char *why)
{
	(void)c;
	pe_node_fence(node, why);
}

static bool in_ccm_true(xmlNode *state)
{
	return pcmk_xml_attr(state, "in_ccm") != NULL && in_membership(state);
}

/* Membership when fencing is enabled (pacemaker's rules, in its order): a
 * node that left unexpectedly is unclean and must be fenced.  Returns
 * whether the node counts as online. */
static bool online_status_fencing(struct pe_cluster *c, struct pe_node *node, xmlNode *state)
{
	const char *join = pcmk_xml_attr(state, "join");
	bool member = in_ccm_true(state);
	bool crmd = peer_online(state);
	bool exp_down = !attr_is(state, "expected", "member");
	bool terminate = attr_set_true(node, "terminate");

	if (node->shutdown) {
		return crmd;
	}
	if (pcmk_xml_attr(state, "in_ccm") == NULL) {
		fence_node(c, node, "peer has not been seen by the cluster");
	} else if (g_strcmp0(join, "banned") == 0) {
		fence_node(c, node, "peer failed Pacemaker membership criteria");
	} else if (!terminate && exp_down) {
		if (member || crmd) {
			node->standby = true;
			node->pending = true;
		}
	} else if (terminate && g_strcmp0(join, "down") == 0 && !member && !crmd) {
		return false; /* was just fenced */
	} else if (!member) {
		fence_node(c, node, "peer is no longer part of the cluster");
	} else if (!crmd) {
		fence_node(c, node, "peer process is no longer available");
	} else if (terminate) {
		fence_node(c, node, "termination was requested");
	} else if (g_strcmp0(join, "member") == 0) {
		/* active */
	} else if (g_strcmp0(join, "pending") == 0 || g_strcmp0(join, "down") == 0) {
		node->standby = true;
		node->pending = true;
	} else {
		fence_node(c, node, "peer was in an unknown state");
	}
	return member;
}

static bool online_status_no_fencing(struct pe_cluster *c, struct pe_node *node, xmlNode *state)
{
	if (!in_ccm_true(state)) {
		return false;
	}
	if (peer_online(state)) {
		return attr_is(state, "join", "member");
	}
	if (node->expected_up) {
		fence_node(c, node, "peer is unexpectedly down");
	}
	return false;
}

static void transient_attrs_unpack(struct pe_cluster *c, struct pe_node *node, xmlNode *state)
{
	xmlNode *attrs = pcmk_xml_first_child(state, "transient_attributes");
	struct pe_rule_input in;

	if (attrs == NULL) {
		return;
	}
	pe_rule_input_for_node(c, NULL, &in);
	pe_nvpair_sets_unpack(attrs, "instance_attributes", &in, node->attrs, NULL, true);
}

static void node_flags_from_attrs(struct pe_node *node)
{
	const char *shutdown = g_hash_table_lookup(node->attrs, "shutdown");

	if (shutdown != NULL && strcmp(shutdown, "0") != 0) {
		node->shutdown = true;
	}
	if (attr_set_true(node, "standby")) {
		node->standby = true;
	}
	if (attr_set_true(node, "maintenance")) {
		node->maintenance = true;
	}
	if (g_hash_table_lookup(node->attrs, "resource-discovery-enabled") != NULL &&
	    !attr_set_true(node, "resource-discovery-enabled")) {
		node->rsc_discovery = false;
	}
}

static void node_state_unpack(struct pe_cluster *c, struct pe_node *node, xmlNode *state)
{
	node->unseen = false;
	node->unclean = false;
	transient_attrs_unpack(c, node, state);
	node_flags_from_attrs(node);
	node->expected_up = !node->shutdown && attr_is(state, "expected", "member");
	node->online = c->stonith_enabled ? online_status_fencing(c, node, state)
					  : online_status_no_fencing(c, node, state);
}

static struct pe_node *node_of_state(struct pe_cluster *c, xmlNode *state)
{
	struct pe_node *node = pe_node_find_id(c, pcmk_xml_attr(state, "id"));

	if (node == NULL) {
		node = pe_node_find(c, pcmk_xml_attr(state, "uname"));
	}
	return node;
}

static void quorum_suicide(struct pe_cluster *c)
{
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (node->online && !node->remote) {
			fence_node(c, node, "cluster does not have quorum");
		}
	}
}

enum node_kind { KIND_CLUSTER, KIND_REMOTE, KIND_GUEST };

static enum node_kind kind_of(const struct pe_node *node)
{
	return !node->remote ? KIND_CLUSTER : node->guest ? KIND_GUEST : KIND_REMOTE;
}

/* The history of every node_state of nodes of one kind. */
static void histories_unpack(struct pe_cluster *c, xmlNode *status, enum node_kind kind)
{
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = node_of_state(c, s);
		xmlNode *lrm = pcmk_xml_first_child(s, "lrm");

		if (node == NULL || kind_of(node) != kind) {
			continue;
		}
		/* Without fencing, what an offline node last said is moot. */
		if (lrm != NULL && (node->online || c->stonith_enabled)) {
			pe_unpack_history(c, node, pcmk_xml_first_child(lrm, "lrm_resources"));
		}
	}
}

/* A connection in maintenance puts its node, while up, in maintenance
 * too, which the node's state records. */
static void remote_maintenance_unpack(struct pe_cluster *c, xmlNode *status)
{
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = node_of_state(c, s);

		if (node != NULL && node->remote && node->online &&
		    pe_text_is_true(pcmk_xml_attr(s, "node_in_maintenance"))) {
			node->maintenance = true;
		}
	}
}

static void remote_nodes_up(struct pe_cluster *c, bool guests);

/* A remote or guest node's own node_state holds its attributes; whether it
 * is up follows from its connection (and container), known once the
 * cluster nodes' histories are. */
static void remote_states_unpack(struct pe_cluster *c, xmlNode *status)
{
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = node_of_state(c, s);

		if (node != NULL && node->remote) {
			node->unseen = false;
			transient_attrs_unpack(c, node, s);
			node_flags_from_attrs(node);
		}
	}
	remote_nodes_up(c, false);
}

/* Whether remote (@guests false) or guest nodes are up, from their
 * connections' (and containers') state. */
static void remote_nodes_up(struct pe_cluster *c, bool guests)
{
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (node->remote && node->guest == guests) {
			node->online = pe_remote_node_up(node);
		}
	}
}

/* Every lrm_resource entry by the resource id it is about (the part
 * before an instance number: ids cannot hold ':'), for what looks up a
 * resource's history across nodes without walking the whole status. */
static void index_histories(struct pe_cluster *c, xmlNode *status)
{
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		xmlNode *lrm =
			pcmk_xml_first_child(pcmk_xml_first_child(s, "lrm"), "lrm_resources");

		for (xmlNode *r = pcmk_xml_first_child(lrm, "lrm_resource"); r != NULL;
		     r = pcmk_xml_next(r, true)) {
			const char *id = pcmk_xml_attr(r, "id");
			char *base = id != NULL ? g_strndup(id, strcspn(id, ":")) : NULL;
			GPtrArray *entries =
				base != NULL ? g_hash_table_lookup(c->lrm_by_base, base) : NULL;

			if (base != NULL && entries == NULL) {
				entries = g_ptr_array_new();
				g_hash_table_insert(c->lrm_by_base, g_strdup(base), entries);
			}
			if (entries != NULL) {
				g_ptr_array_add(entries, r);
			}
			g_free(base);
		}
	}
}

void pe_unpack_status(struct pe_cluster *c, xmlNode *status)
{
	struct pe_node *dc = pe_node_find_id(c, c->dc_uuid);

	if (dc != NULL) {
		dc->is_dc = true;
		c->dc_node = dc;
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		g_hash_table_replace(node->attrs, g_strdup("#is_dc"),
				     g_strdup(node->is_dc ? "true" : "false"));
	}
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = node_of_state(c, s);

		if (node != NULL && !node->remote) {
			node_state_unpack(c, node, s);
		}
	}
	if (!c->have_quorum && c->no_quorum_policy == PE_NOQ_SUICIDE) {
		quorum_suicide(c);
	}
	index_histories(c, status);
	/* History only after every node's membership is known. */
	histories_unpack(c, status, KIND_CLUSTER);
	remote_states_unpack(c, status);
	histories_unpack(c, status, KIND_REMOTE);
	/* A guest's container may run on a remote node: known only now. */
	remote_nodes_up(c, true);
	remote_maintenance_unpack(c, status);
	histories_unpack(c, status, KIND_GUEST);
}
