/*
 * One scheduling run, from CIB to transition graph.
 *
 * Design note (why it stays fast on big clusters):
 * - Nodes carry a dense index; a resource's node scores are an int array
 *   indexed by it (PE_SCORE_ABSENT marks "not allowed"), so applying a
 *   location, stickiness or a colocation is O(nodes), never a hash-table
 *   copy.  Colocations hang off both resources they join, so assignment
 *   only ever looks at a resource's own constraints.
 * - Every action is indexed by "key\nnode"; orderings are kept per action
 *   (before/after arrays), and an ordering named by resource and key is
 *   resolved once through the resource's own action list.
 * - Flag propagation is a work list that revisits only the actions next to
 *   one that changed, instead of recursing over whole chains again.
 * - Operation history is looked at once per resource and node, in call-id
 *   order.
 * Nothing scans all resources or all constraints per resource.
 */
#include <errno.h>
#include <time.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

static gint by_priority(gconstpointer x, gconstpointer y)
{
	const struct pe_resource *a = *(const struct pe_resource *const *)x;
	const struct pe_resource *b = *(const struct pe_resource *const *)y;

	return a->priority == b->priority ? 0 : (a->priority > b->priority ? -1 : 1);
}

static void internal_constraints(struct pe_cluster *c)
{
	/* Resources are handled by priority from here on (a stable sort). */
	g_ptr_array_sort(c->resources, by_priority);
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];

		if (rsc->variant == PE_GROUP) {
			pe_group_colocate_members(rsc);
		}
	}
	for (guint i = 0; i < c->resources->len; i++) {
		pe_rsc_internal_constraints(c->resources->pdata[i]);
	}
	pe_bundle_internal_constraints(c);
	pe_remote_internal_constraints(c);
}

static void create_actions(struct pe_cluster *c)
{
	pe_probes_schedule(c);
	for (guint i = 0; i < c->resources->len; i++) {
		pe_rsc_create_actions(c->resources->pdata[i]);
	}
	pe_bundle_create_actions(c);
}

static struct pe_time time_of_run(xmlNode *cib, const struct pe_sched_options *opts)
{
	struct pe_time now = { 0, 0 };
	long long when = 0;

	if (opts != NULL && opts->now != NULL) {
		return *opts->now;
	}
	if (pcmk_xml_attr_int(cib, "execution-date", &when) == 0 && when > 0) {
		return pe_time_from_epoch(when);
	}
	now.seconds = (long long)time(NULL);
	return now;
}

int pe_schedule(xmlNode *cib, const struct pe_sched_options *opts, struct pe_cluster **cluster,
		xmlNode **graph, char **error)
{
	struct pe_time now = time_of_run(cib, opts);
	struct pe_cluster *c = NULL;
	int rc = pe_cluster_unpack(cib, &now, &c, error);

	if (cluster != NULL) {
		*cluster = NULL;
	}
	*graph = NULL;
	if (rc != 0) {
		return rc;
	}
	c->want_scores = opts != NULL && opts->want_scores;
	c->sanitized = opts != NULL && opts->sanitized;
	internal_constraints(c);
	pe_bundle_remote_addresses(c);
	pe_config_changes_check(c);
	pe_locations_apply(c);
	pe_bundle_scores_apply(c);
	pe_stickiness_and_failures_apply(c);
	pe_assign_all(c);
	pe_bundle_remote_addresses(c);
	create_actions(c);
	pe_orders_unpack(c);
	pe_fencing_and_shutdowns(c);
	pe_remote_actions_order(c);
	pe_orderings_apply(c);
	pe_probes_order(c);
	pe_actions_update_all(c);
	for (guint i = 0; i < c->resources->len; i++) {
		pe_notify_instances_create(c->resources->pdata[i]);
	}
	*graph = pe_graph_create(c);
	if (opts != NULL && opts->transition_id > 0) {
		pcmk_xml_set_attr_int(*graph, "transition_id", opts->transition_id);
	}
	if (cluster != NULL) {
		*cluster = c;
	} else {
		pe_cluster_free(c);
	}
	return 0;
}

const char *pe_scores_text(const struct pe_cluster *cluster)
{
	return cluster->scores_text->str;
}
