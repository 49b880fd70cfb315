/*
 * Unpacking a CIB into a struct pe_cluster: the cluster options, the nodes
 * and the order in which the rest is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/results.h>
#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_sched_private.h"

bool pe_text_is_true(const char *text)
{
	static const char *const yes[] = { "true", "on", "yes", "y", "1" };

	if (text == NULL) {
		return false;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
		if (g_ascii_strcasecmp(text, yes[i]) == 0) {
			return true;
		}
	}
	return false;
}

void pe_rule_input_for_node(const struct pe_cluster *c, const struct pe_node *node,
			    struct pe_rule_input *in)
{
	memset(in, 0, sizeof(*in));
	in->now = c->now;
	in->node_attrs = (node == NULL) ? NULL : node->attrs;
}

static int option_score(const struct pe_cluster *c, const char *name)
{
	return pcmk_score_from_string(pe_cluster_option(c, name));
}

static enum pe_no_quorum parse_no_quorum(const char *text)
{
	static const struct {
		const char *name;
		enum pe_no_quorum policy;
	} policies[] = { { "stop", PE_NOQ_STOP },
			 { "freeze", PE_NOQ_FREEZE },
			 { "ignore", PE_NOQ_IGNORE },
			 { "demote", PE_NOQ_DEMOTE },
			 { "suicide", PE_NOQ_SUICIDE } };

	for (size_t i = 0; i < G_N_ELEMENTS(policies); i++) {
		if (text != NULL && g_ascii_strcasecmp(text, policies[i].name) == 0) {
			return policies[i].policy;
		}
	}
	return PE_NOQ_STOP;
}

static bool option_true(const struct pe_cluster *c, const char *name)
{
	return pe_text_is_true(pe_cluster_option(c, name));
}

void pe_unpack_config(struct pe_cluster *c, xmlNode *crm_config)
{
	struct pe_rule_input in;
	const char *strategy;

	pe_rule_input_for_node(c, NULL, &in);
	if (crm_config != NULL) {
		pe_nvpair_sets_unpack(crm_config, "cluster_property_set", &in, c->options,
				      "cib-bootstrap-options", false);
	}
	c->stonith_enabled = option_true(c, "stonith-enabled");
	c->symmetric = option_true(c, "symmetric-cluster");
	c->stop_orphan_resources = option_true(c, "stop-orphan-resources");
	c->stop_orphan_actions = option_true(c, "stop-orphan-actions");
	c->start_failure_is_fatal = option_true(c, "start-failure-is-fatal");
	c->maintenance_mode = option_true(c, "maintenance-mode");
	c->stop_all = option_true(c, "stop-all-resources");
	c->concurrent_fencing = option_true(c, "concurrent-fencing");
	c->startup_fencing = option_true(c, "startup-fencing");
	c->remove_after_stop = option_true(c, "remove-after-stop");
	c->no_quorum_policy = parse_no_quorum(pe_cluster_option(c, "no-quorum-policy"));
	c->default_stickiness = option_score(c, "default-resource-stickiness");
	c->stonith_timeout_ms = (int)pcmk_parse_ms_or(pe_cluster_option(c, "stonith-timeout"), -1);
	c->priority_fencing_delay =
		(int)(pcmk_parse_ms_or(pe_cluster_option(c, "priority-fencing-delay"), 0) / 1000);
	c->stonith_action = g_strdup(pe_cluster_option(c, "stonith-action"));
	if (strcmp(c->stonith_action, "poweroff") == 0) {
		g_free(c->stonith_action);
		c->stonith_action = g_strdup("off");
	}
	strategy = pe_cluster_option(c, "placement-strategy");
	c->placement_strategy = g_ascii_strdown(strategy, -1);
	c->utilization_strategy = strcmp(c->placement_strategy, "default") != 0;
	c->health_strategy = g_strdup(pe_cluster_option(c, "node-health-strategy"));
	c->node_health_red = option_score(c, "node-health-red");
	c->node_health_yellow = option_score(c, "node-health-yellow");
	c->node_health_green = option_score(c, "node-health-green");
	pcmk_score_set_health(c->node_health_red, c->node_health_yellow, c->node_health_green);
}

void pe_node_builtin_attrs(struct pe_node *node)
{
	g_hash_table_replace(node->attrs, g_strdup("#uname"), g_strdup(node->uname));
	g_hash_table_replace(node->attrs, g_strdup("#id"), g_strdup(node->id));
	g_hash_table_replace(node->attrs, g_strdup("#kind"),
			     g_strdup(node->remote ? "remote" : "cluster"));
}

static void node_attrs_unpack(struct pe_cluster *c, struct pe_node *node, xmlNode *xml)
{
	struct pe_rule_input in;

	pe_rule_input_for_node(c, NULL, &in);
	pe_nvpair_sets_unpack(xml, "instance_attributes", &in, node->attrs, NULL, false);
	pe_nvpair_sets_unpack(xml, "utilization", &in, node->utilization, NULL, false);
	pe_node_builtin_attrs(node);
}

int pe_unpack_nodes(struct pe_cluster *c, xmlNode *nodes)
{
	for (xmlNode *x = pcmk_xml_first_child(nodes, "node"); x != NULL;
	     x = pcmk_xml_next(x, true)) {
		const char *id = pcmk_xml_attr(x, "id");
		const char *uname = pcmk_xml_attr(x, "uname");
		const char *type = pcmk_xml_attr(x, "type");
		struct pe_node *node;

		if (id == NULL || uname == NULL) {
			pe_config_error(c, "Node entry at line %ld has no %s", xmlGetLineNo(x),
					id == NULL ? "id" : "uname");
			continue;
		}
		if (pe_node_find(c, uname) != NULL || pe_node_find_id(c, id) != NULL) {
			pe_config_error(c, "Node %s (id %s) is configured twice", uname, id);
			continue;
		}
		node = pe_node_alloc(c, id, uname);
		node->configured = true;
		node->remote = type != NULL && strcmp(type, "remote") == 0;
		node->weight = pcmk_score_from_string(pcmk_xml_attr(x, "score"));
		if (c->stonith_enabled && c->startup_fencing) {
			/* A node is unclean until its status shows otherwise. */
			node->unclean = true;
		}
		node_attrs_unpack(c, node, x);
	}
	return 0;
}

static int check_cib(xmlNode *cib, xmlNode **config, char **error)
{
	if (!pcmk_xml_is(cib, "cib")) {
		*error = g_strdup("The input is not a CIB: its root element is not <cib>");
		return -EINVAL;
	}
	*config = pcmk_xml_first_child(cib, "configuration");
	if (*config == NULL) {
		*error = g_strdup("The CIB has no <configuration> section");
		return -EINVAL;
	}
	return 0;
}

int pe_cluster_unpack(xmlNode *cib, const struct pe_time *now, struct pe_cluster **out,
		      char **error)
{
	struct pe_cluster *c;
	xmlNode *config = NULL;
	int rc;

	*out = NULL;
	*error = NULL;
	rc = check_cib(cib, &config, error);
	if (rc != 0) {
		return rc;
	}
	c = pe_cluster_alloc();
	c->cib = cib;
	c->now = *now;
	c->dc_uuid = g_strdup(pcmk_xml_attr(cib, "dc-uuid"));
	c->have_quorum = pe_text_is_true(pcmk_xml_attr(cib, "have-quorum"));
	pe_unpack_config(c, pcmk_xml_first_child(config, "crm_config"));
	/* rsc_defaults are read per resource (pe_unpack_rsc.c) */
	c->op_defaults_xml = pcmk_xml_first_child(config, "op_defaults");
	pe_unpack_nodes(c, pcmk_xml_first_child(config, "nodes"));
	pe_remote_nodes_unpack(c, pcmk_xml_first_child(config, "resources"));
	pe_unpack_resources(c, pcmk_xml_first_child(config, "resources"));
	pe_unpack_status(c, pcmk_xml_first_child(cib, "status"));
	pe_unpack_constraints(c, pcmk_xml_first_child(config, "constraints"));
	*out = c;
	return 0;
}
