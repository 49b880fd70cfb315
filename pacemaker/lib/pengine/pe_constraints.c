/*
 * Unpacking location and colocation constraints (orderings are unpacked in
 * pe_constraints_order.c).  Constraints may name resources through tags and
 * resource sets; a reference to something that does not exist is a
 * configuration error naming the constraint.
 */
#include <regex.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_sched_private.h"

/* Resources that @id names: a resource, or every member of a tag. */
GPtrArray *pe_constraint_resources(struct pe_cluster *c, const char *id)
{
	GPtrArray *out = g_ptr_array_new();
	struct pe_resource *rsc = pe_resource_find(c, id);
	GPtrArray *tag;

	if (rsc != NULL) {
		g_ptr_array_add(out, rsc);
		return out;
	}
	tag = g_hash_table_lookup(c->tags, id);
	for (guint i = 0; tag != NULL && i < tag->len; i++) {
		rsc = pe_resource_find(c, tag->pdata[i]);
		if (rsc != NULL) {
			g_ptr_array_add(out, rsc);
		}
	}
	return out;
}

GPtrArray *pe_constraint_targets(struct pe_cluster *c, const char *id)
{
	GPtrArray *out = pe_constraint_resources(c, id);

	if (out->len == 0 && pe_bundle_find(c, id) != NULL) {
		g_ptr_array_add(out, pe_bundle_find(c, id));
	}
	return out;
}

static void tags_unpack(struct pe_cluster *c)
{
	xmlNode *config = pcmk_xml_first_child(c->cib, "configuration");
	xmlNode *tags = pcmk_xml_first_child(config, "tags");

	for (xmlNode *t = pcmk_xml_first_child(tags, "tag"); t != NULL;
	     t = pcmk_xml_next(t, true)) {
		GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
		const char *id = pcmk_xml_attr(t, "id");

		for (xmlNode *r = pcmk_xml_first_child(t, "obj_ref"); r != NULL;
		     r = pcmk_xml_next(r, true)) {
			g_ptr_array_add(ids, g_strdup(pcmk_xml_attr(r, "id")));
		}
		if (id != NULL) {
			g_hash_table_replace(c->tags, g_strdup(id), ids);
		} else {
			g_ptr_array_unref(ids);
		}
	}
}

static int discovery_parse(const char *v)
{
	if (v == NULL || strcmp(v, "always") == 0) {
		return 0;
	}
	return strcmp(v, "never") == 0 ? 1 : 2;
}

static void location_node_score(struct pe_location *loc, struct pe_node *node, int score,
				xmlNode *rule)
{
	struct pe_node_score *ns = g_new(struct pe_node_score, 1);

	ns->node = node;
	ns->score = score;
	ns->rule = rule;
	g_ptr_array_add(loc->node_scores, ns);
}

static void location_rules(struct pe_cluster *c, struct pe_location *loc, xmlNode *xml)
{
	for (xmlNode *rule = pcmk_xml_first_child(xml, "rule"); rule != NULL;
	     rule = pcmk_xml_next(rule, true)) {
		const char *ref = pcmk_xml_attr(rule, "id-ref");
		xmlNode *r = rule;

		if (ref != NULL) {
			r = pcmk_xml_find_id(pcmk_xml_first_child(c->cib, "configuration"), "rule",
					     ref);
			if (r == NULL) {
				pe_config_error(c, "Constraint %s: rule %s does not exist", loc->id,
						ref);
				continue;
			}
		}
		if (loc->role == PE_ROLE_UNKNOWN) {
			loc->role = pe_role_parse(pcmk_xml_attr(r, "role"));
		}
		for (guint n = 0; n < c->nodes->len; n++) {
			struct pe_node *node = c->nodes->pdata[n];
			struct pe_rule_input in;

			pe_rule_input_for_node(c, node, &in);
			if (pe_rule_eval(r, &in)) {
				location_node_score(loc, node, pe_rule_score(r, node->attrs), r);
			}
		}
	}
}

static void location_one(struct pe_cluster *c, xmlNode *xml, const char *id,
			 struct pe_resource *rsc)
{
	struct pe_location *loc = g_new0(struct pe_location, 1);
	const char *node_name = pcmk_xml_attr(xml, "node");

	loc->id = g_strdup(id);
	loc->configured = true;
	loc->rsc = rsc;
	loc->role = pe_role_parse(pcmk_xml_attr(xml, "role"));
	loc->discovery = discovery_parse(pcmk_xml_attr(xml, "resource-discovery"));
	loc->node_scores = g_ptr_array_new_with_free_func(g_free);
	if (node_name != NULL) {
		struct pe_node *node = pe_node_find(c, node_name);

		if (node != NULL) {
			location_node_score(loc, node,
					    pcmk_score_from_string(pcmk_xml_attr(xml, "score")),
					    NULL);
		}
	} else {
		location_rules(c, loc, xml);
	}
	if (loc->discovery == 2) {
		rsc->exclusive_discovery = true;
		for (struct pe_resource *p = rsc->parent; p != NULL; p = p->parent) {
			p->exclusive_discovery = true;
		}
	}
	g_ptr_array_add(c->locations, loc);
}

static void location_pattern(struct pe_cluster *c, xmlNode *xml, const char *id,
			     const char *pattern)
{
	regex_t re;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		pe_config_error(c, "Constraint %s: invalid rsc-pattern '%s'", id, pattern);
		return;
	}
	for (guint i = 0; i < c->resources->len; i++) {
		struct pe_resource *rsc = c->resources->pdata[i];

		if (regexec(&re, rsc->id, 0, NULL, 0) == 0) {
			location_one(c, xml, id, rsc);
		}
	}
	regfree(&re);
}

static void location_unpack(struct pe_cluster *c, xmlNode *xml)
{
	const char *id = pcmk_xml_attr(xml, "id");
	const char *rsc_id = pcmk_xml_attr(xml, "rsc");
	const char *pattern = pcmk_xml_attr(xml, "rsc-pattern");

	if (rsc_id != NULL) {
		/* A bundle's node scores go to what is made for it. */
		GPtrArray *list = pe_constraint_targets(c, rsc_id);

		if (list->len == 0) {
			pe_config_error(c,
					"Ignoring constraint '%s' because resource '%s' does not "
					"exist",
					id, rsc_id);
		}
		for (guint i = 0; i < list->len; i++) {
			location_one(c, xml, id, list->pdata[i]);
		}
		g_ptr_array_free(list, TRUE);
	} else if (pattern != NULL) {
		location_pattern(c, xml, id, pattern);
	}
	for (xmlNode *set = pcmk_xml_first_child(xml, "resource_set"); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		for (xmlNode *ref = pcmk_xml_first_child(set, "resource_ref"); ref != NULL;
		     ref = pcmk_xml_next(ref, true)) {
			GPtrArray *list = pe_constraint_resources(c, pcmk_xml_attr(ref, "id"));

			for (guint i = 0; i < list->len; i++) {
				location_one(c, xml, id, list->pdata[i]);
			}
			g_ptr_array_free(list, TRUE);
		}
	}
}

/* Resources that must not share a node: what takes @first off a node
 * comes before what brings @then there (on the same node only). */
static void anti_colocation_order(struct pe_cluster *c, struct pe_resource *first,
				  enum pe_role first_role, struct pe_resource *then,
				  enum pe_role then_role)
{
	const char *first_tasks[2] = { NULL, NULL };
	const char *then_tasks[2] = { NULL, NULL };

	if (first_role == PE_ROLE_PROMOTED) {
		first_tasks[0] = "demote";
	} else {
		first_tasks[0] = "stop";
		if (first_role == PE_ROLE_UNPROMOTED) {
			first_tasks[1] = "promote";
		}
	}
	if (then_role == PE_ROLE_PROMOTED) {
		then_tasks[0] = "promote";
	} else {
		then_tasks[0] = "start";
		if (then_role == PE_ROLE_UNPROMOTED) {
			then_tasks[1] = "demote";
		}
	}
	for (int i = 0; i < 2 && first_tasks[i] != NULL; i++) {
		for (int j = 0; j < 2 && then_tasks[j] != NULL; j++) {
			pe_order_rsc_actions(c, first, first_tasks[i], then, then_tasks[j],
					     PE_ORD_ANTI_COLOCATION);
		}
	}
}

void pe_colocation_add(struct pe_cluster *c, const char *id, struct pe_resource *dependent,
		       struct pe_resource *primary, int score, enum pe_role dep_role,
		       enum pe_role prim_role, const char *attr, bool influence)
{
	struct pe_colocation *coloc;

	if (score == 0 || dependent == primary) {
		return;
	}
	coloc = g_new0(struct pe_colocation, 1);
	coloc->id = g_strdup(id);
	coloc->dependent = dependent;
	coloc->primary = primary;
	coloc->score = score;
	coloc->dependent_role = dep_role;
	coloc->primary_role = prim_role;
	coloc->node_attribute = attr == NULL ? "#uname" : attr;
	coloc->influence = influence;
	g_ptr_array_add(c->colocations, coloc);
	g_ptr_array_add(dependent->coloc_this_with, coloc);
	g_ptr_array_add(primary->coloc_with_this, coloc);
	if (score <= -PE_INFINITY) {
		anti_colocation_order(c, dependent, dep_role, primary, prim_role);
		anti_colocation_order(c, primary, prim_role, dependent, dep_role);
	}
}

static bool influence_of(xmlNode *xml, const struct pe_resource *rsc)
{
	const char *v = pcmk_xml_attr(xml, "influence");

	return v == NULL ? rsc->critical : pe_text_is_true(v);
}

static struct pe_resource *one_resource(struct pe_cluster *c, const char *cons, const char *id)
{
	struct pe_resource *rsc = pe_resource_find(c, id);

	if (rsc == NULL) {
		pe_config_error(c, "Ignoring constraint '%s' because resource '%s' does not exist",
				cons, id == NULL ? "(none)" : id);
	}
	return rsc;
}

static void colocation_simple(struct pe_cluster *c, xmlNode *xml, const char *id, int score)
{
	struct pe_resource *dep = one_resource(c, id, pcmk_xml_attr(xml, "rsc"));
	struct pe_resource *prim =
		dep == NULL ? NULL : one_resource(c, id, pcmk_xml_attr(xml, "with-rsc"));

	if (dep == NULL || prim == NULL) {
		return;
	}
	pe_colocation_add(c, id, dep, prim, score, pe_role_parse(pcmk_xml_attr(xml, "rsc-role")),
			  pe_role_parse(pcmk_xml_attr(xml, "with-rsc-role")),
			  pcmk_xml_attr(xml, "node-attribute"), influence_of(xml, dep));
}

static GPtrArray *set_members(struct pe_cluster *c, xmlNode *set)
{
	GPtrArray *out = g_ptr_array_new();

	for (xmlNode *ref = pcmk_xml_first_child(set, "resource_ref"); ref != NULL;
	     ref = pcmk_xml_next(ref, true)) {
		GPtrArray *list = pe_constraint_resources(c, pcmk_xml_attr(ref, "id"));

		for (guint i = 0; i < list->len; i++) {
			g_ptr_array_add(out, list->pdata[i]);
		}
		g_ptr_array_free(list, TRUE);
	}
	return out;
}

static bool set_sequential(xmlNode *set)
{
	const char *v = pcmk_xml_attr(set, "sequential");

	return v == NULL || pe_text_is_true(v);
}

static int set_score(xmlNode *set, int dflt)
{
	const char *v = pcmk_xml_attr(set, "score");

	return v == NULL ? dflt : pcmk_score_from_string(v);
}

static void colocation_within_set(struct pe_cluster *c, xmlNode *xml, xmlNode *set, GPtrArray *m,
				  int score)
{
	enum pe_role role = pe_role_parse(pcmk_xml_attr(set, "role"));
	const char *attr = pcmk_xml_attr(xml, "node-attribute");
	const char *set_id = pcmk_xml_attr(set, "id");

	if (set_sequential(set)) {
		for (guint i = 1; i < m->len; i++) {
			pe_colocation_add(c, set_id, m->pdata[i], m->pdata[i - 1], score, role,
					  role, attr, influence_of(xml, m->pdata[i]));
		}
	} else if (score < 0) {
		for (guint i = 0; i < m->len; i++) {
			for (guint j = i + 1; j < m->len; j++) {
				pe_colocation_add(c, set_id, m->pdata[i], m->pdata[j], score, role,
						  role, attr, influence_of(xml, m->pdata[i]));
			}
		}
	}
}

static void colocation_between_sets(struct pe_cluster *c, xmlNode *xml, xmlNode *s1, GPtrArray *m1,
				    xmlNode *s2, GPtrArray *m2, int score)
{
	enum pe_role r1 = pe_role_parse(pcmk_xml_attr(s1, "role"));
	enum pe_role r2 = pe_role_parse(pcmk_xml_attr(s2, "role"));
	const char *id = pcmk_xml_attr(xml, "id");
	const char *attr = pcmk_xml_attr(xml, "node-attribute");
	guint from1 = 0, to1 = m1->len, from2 = 0, to2 = m2->len;

	if (m1->len == 0 || m2->len == 0) {
		return;
	}
	if (set_sequential(s1)) {
		to1 = 1;
	}
	if (set_sequential(s2)) {
		from2 = m2->len - 1;
	}
	for (guint i = from1; i < to1; i++) {
		for (guint j = from2; j < to2; j++) {
			pe_colocation_add(c, id, m1->pdata[i], m2->pdata[j], score, r1, r2, attr,
					  influence_of(xml, m1->pdata[i]));
		}
	}
}

static void colocation_unpack(struct pe_cluster *c, xmlNode *xml)
{
	const char *id = pcmk_xml_attr(xml, "id");
	int score = pcmk_score_from_string(pcmk_xml_attr(xml, "score"));
	xmlNode *prev = NULL;
	GPtrArray *prev_m = NULL;

	if (pcmk_xml_first_child(xml, "resource_set") == NULL) {
		colocation_simple(c, xml, id, score);
		return;
	}
	for (xmlNode *set = pcmk_xml_first_child(xml, "resource_set"); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		GPtrArray *m = set_members(c, set);

		colocation_within_set(c, xml, set, m, set_score(set, score));
		if (prev != NULL) {
			colocation_between_sets(c, xml, prev, prev_m, set, m, score);
			g_ptr_array_free(prev_m, TRUE);
		}
		prev = set;
		prev_m = m;
	}
	if (prev_m != NULL) {
		g_ptr_array_free(prev_m, TRUE);
	}
}

void pe_unpack_constraints(struct pe_cluster *c, xmlNode *constraints)
{
	tags_unpack(c);
	for (xmlNode *x = pcmk_xml_first_child(constraints, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		if (pcmk_xml_is(x, "rsc_location")) {
			location_unpack(c, x);
		} else if (pcmk_xml_is(x, "rsc_colocation")) {
			colocation_unpack(c, x);
		} else if (pcmk_xml_is(x, "rsc_order")) {
			g_ptr_array_add(c->orderings_xml, x);
		}
	}
}
