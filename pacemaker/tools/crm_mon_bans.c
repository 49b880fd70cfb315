/*
 * The bans of crm_mon's XML output: every negative node score of a
 * configured location constraint, in the order pacemaker keeps its
 * constraints (newest first) and their nodes.
 */
#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>

#include "crm_mon.h"

/* One run of a location's node scores that came from the same rule (or
 * from its node attribute): what pacemaker keeps as one constraint. */
struct ban_run {
	const struct pe_location *loc;
	guint start, end;
};

static void ban_element(const struct pe_location *loc, const struct pe_node_score *ns,
			xmlNode **list, xmlNode *root)
{
	bool promoted = loc->role == PE_ROLE_PROMOTED;
	xmlNode *x;

	*list = *list != NULL ? *list : pcmk_xml_add_child(root, "bans");
	x = pcmk_xml_add_child(*list, "ban");
	pcmk_xml_set_attr(x, "id", ns->rule != NULL ? pcmk_xml_attr(ns->rule, "id") : loc->id);
	pcmk_xml_set_attr(x, "resource", loc->rsc->id);
	pcmk_xml_set_attr(x, "node", ns->node->uname);
	pcmk_xml_set_attr_int(x, "weight", ns->score);
	pcmk_xml_set_attr(x, "promoted-only", promoted ? "true" : "false");
	pcmk_xml_set_attr(x, "master_only", promoted ? "true" : "false");
}

static void ban_runs(const struct pe_location *loc, GArray *runs)
{
	for (guint i = 0; i < loc->node_scores->len; i++) {
		const struct pe_node_score *ns = loc->node_scores->pdata[i];
		struct ban_run *last =
			runs->len > 0 ? &g_array_index(runs, struct ban_run, runs->len - 1) : NULL;
		const struct pe_node_score *prev = i > 0 ? loc->node_scores->pdata[i - 1] : NULL;

		if (last != NULL && last->loc == loc && prev != NULL && prev->rule == ns->rule) {
			last->end = i + 1;
		} else {
			struct ban_run run = { loc, i, i + 1 };

			g_array_append_val(runs, run);
		}
	}
}

/* @data: each node's position (by index) in the displays' name order. */
static gint by_node_name(gconstpointer a, gconstpointer b, gpointer data)
{
	const struct pe_node_score *x = *(struct pe_node_score *const *)a;
	const struct pe_node_score *y = *(struct pe_node_score *const *)b;
	const guint *rank = data;

	return rank[x->node->index] < rank[y->node->index]   ? -1
	       : rank[x->node->index] > rank[y->node->index] ? 1
							     : 0;
}

/* A run's scores in pacemaker's order: its nodes are kept sorted by name;
 * an "and" rule starts from all of them, newest first, and drops the
 * ones that fail, an "or" rule appends those that match. */
static GPtrArray *run_scores(const struct ban_run *run, guint *rank)
{
	GPtrArray *scores = g_ptr_array_new();
	const xmlNode *rule =
		((const struct pe_node_score *)run->loc->node_scores->pdata[run->start])->rule;

	for (guint i = run->start; i < run->end; i++) {
		g_ptr_array_add(scores, run->loc->node_scores->pdata[i]);
	}
	g_ptr_array_sort_with_data(scores, by_node_name, rank);
	if (rule != NULL && g_strcmp0(pcmk_xml_attr(rule, "boolean-op"), "or") != 0) {
		for (guint i = 0; i < scores->len / 2; i++) {
			gpointer tmp = scores->pdata[i];

			scores->pdata[i] = scores->pdata[scores->len - 1 - i];
			scores->pdata[scores->len - 1 - i] = tmp;
		}
	}
	return scores;
}

/* The negative node scores of configured locations, newest constraint
 * first as pacemaker lists them. */
void mon_bans_xml(const struct pe_cluster *c, xmlNode *root)
{
	GArray *runs = g_array_new(FALSE, FALSE, sizeof(struct ban_run));
	GPtrArray *sorted = pe_status_sorted_nodes(c->nodes);
	guint *rank = g_new0(guint, c->nodes->len);
	xmlNode *list = NULL;

	for (guint i = 0; i < sorted->len; i++) {
		rank[((const struct pe_node *)sorted->pdata[i])->index] = i;
	}
	g_ptr_array_free(sorted, TRUE);

	for (guint i = 0; i < c->locations->len; i++) {
		const struct pe_location *loc = c->locations->pdata[i];

		if (loc->configured && loc->rsc != NULL) {
			ban_runs(loc, runs);
		}
	}
	for (guint r = runs->len; r > 0; r--) {
		const struct ban_run *run = &g_array_index(runs, struct ban_run, r - 1);
		GPtrArray *scores = run_scores(run, rank);

		for (guint i = 0; i < scores->len; i++) {
			const struct pe_node_score *ns = scores->pdata[i];

			if (ns->score < 0) {
				ban_element(run->loc, ns, &list, root);
			}
		}
		g_ptr_array_free(scores, TRUE);
	}
	g_array_free(runs, TRUE);
	g_free(rank);
}
