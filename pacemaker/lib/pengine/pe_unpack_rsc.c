/*
 * Unpacking the resources section: primitives, groups, clones and
 * promotable clones, with their meta-attributes, parameters and operations.
 * Clone instances are made here ("child:0" ... "child:N-1").
 */
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_sched_private.h"

static void rsc_meta_unpack(struct pe_cluster *c, struct pe_resource *rsc, xmlNode *xml)
{
	struct pe_rule_input in;
	GHashTableIter iter;
	gpointer key, value;
	xmlNode *defaults;

	pe_rule_input_for_node(c, NULL, &in);
	in.rsc_class = rsc->klass;
	in.rsc_provider = rsc->provider;
	in.rsc_type = rsc->type;
	if (xml != NULL) {
		pe_nvpair_sets_unpack(xml, "meta_attributes", &in, rsc->meta, NULL, false);
	}
	if (rsc->parent != NULL) {
		g_hash_table_iter_init(&iter, rsc->parent->meta);
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			if (!g_hash_table_contains(rsc->meta, key)) {
				g_hash_table_insert(rsc->meta, g_strdup(key), g_strdup(value));
			}
		}
	}
	defaults =
		pcmk_xml_first_child(pcmk_xml_first_child(c->cib, "configuration"), "rsc_defaults");
	if (defaults != NULL) {
		pe_nvpair_sets_unpack(defaults, "meta_attributes", &in, rsc->meta, NULL, false);
	}
}

const char *pe_rsc_meta(const struct pe_resource *rsc, const char *name)
{
	return g_hash_table_lookup(rsc->meta, name);
}

static int meta_score(const struct pe_resource *rsc, const char *name, int dflt)
{
	const char *v = pe_rsc_meta(rsc, name);

	return v == NULL ? dflt : pcmk_score_from_string(v);
}

static bool meta_bool(const struct pe_resource *rsc, const char *name, bool dflt)
{
	const char *v = pe_rsc_meta(rsc, name);

	return v == NULL ? dflt : pe_text_is_true(v);
}

static void rsc_common_settings(struct pe_cluster *c, struct pe_resource *rsc)
{
	const char *v;

	rsc->priority = meta_score(rsc, "priority", 0);
	rsc->stickiness = meta_score(rsc, "resource-stickiness", c->default_stickiness);
	rsc->migration_threshold = meta_score(rsc, "migration-threshold", PE_INFINITY);
	if (rsc->migration_threshold < 0) {
		rsc->migration_threshold = 0;
	}
	v = pe_rsc_meta(rsc, "failure-timeout");
	rsc->failure_timeout = (int)(pcmk_parse_ms_or(v, 0) / 1000);
	rsc->managed = meta_bool(rsc, "is-managed", true);
	rsc->maintenance = meta_bool(rsc, "maintenance", false);
	if (c->maintenance_mode || rsc->maintenance) {
		rsc->managed = false;
		rsc->maintenance = true;
	}
	rsc->critical = meta_bool(rsc, "critical", true);
	rsc->allow_migrate = meta_bool(rsc, "allow-migrate", false);
	v = pe_rsc_meta(rsc, "target-role");
	if (v != NULL && g_ascii_strcasecmp(v, "default") != 0) {
		rsc->target_role = pe_role_parse(v);
		if (rsc->target_role == PE_ROLE_UNKNOWN) {
			pe_config_error(c, "%s: Unknown value for target-role: %s", rsc->id, v);
		}
	}
	if (rsc->target_role == PE_ROLE_STOPPED) {
		rsc->next_role = PE_ROLE_STOPPED;
	} else if (rsc->target_role == PE_ROLE_STARTED || rsc->target_role == PE_ROLE_UNPROMOTED) {
		/* Started and Unpromoted cap promotion, nothing else. */
	}
	rsc->unique = meta_bool(rsc, "globally-unique", false);
}

static void requires_unpack(struct pe_cluster *c, struct pe_resource *rsc)
{
	const char *v = pe_rsc_meta(rsc, "requires");

	if (rsc->is_fencing) {
		/* Fencing devices need quorum, never fencing. */
		rsc->requires_quorum = v == NULL || strcmp(v, "nothing") != 0;
		rsc->requires_fencing = false;
		return;
	}
	if (v == NULL) {
		v = c->stonith_enabled ? "fencing" : "quorum";
	}
	rsc->requires_fencing = strcmp(v, "fencing") == 0 || strcmp(v, "unfencing") == 0;
	if (rsc->requires_fencing && !c->stonith_enabled) {
		rsc->requires_fencing = false;
	}
	rsc->requires_quorum = strcmp(v, "nothing") != 0;
}

static void ops_collect(struct pe_resource *rsc, xmlNode *xml)
{
	xmlNode *ops = pcmk_xml_first_child(xml, "operations");

	for (xmlNode *op = pcmk_xml_first_child(ops, "op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		g_ptr_array_add(rsc->ops_xml, op);
	}
}

/* A primitive may take its definition from an rsc_template. */
static xmlNode *template_of(struct pe_cluster *c, xmlNode *xml)
{
	const char *name = pcmk_xml_attr(xml, "template");
	xmlNode *resources;

	if (name == NULL) {
		return NULL;
	}
	resources =
		pcmk_xml_first_child(pcmk_xml_first_child(c->cib, "configuration"), "resources");
	return pcmk_xml_find_id(resources, "template", name);
}

static void primitive_params_unpack(struct pe_cluster *c, struct pe_resource *rsc, xmlNode *xml,
				    xmlNode *tmpl)
{
	struct pe_rule_input in;

	pe_rule_input_for_node(c, NULL, &in);
	pe_nvpair_sets_unpack(xml, "instance_attributes", &in, rsc->params, NULL, false);
	pe_nvpair_sets_unpack(xml, "utilization", &in, rsc->utilization, NULL, false);
	if (tmpl != NULL) {
		pe_nvpair_sets_unpack(tmpl, "instance_attributes", &in, rsc->params, NULL, false);
	}
}

static struct pe_resource *primitive_unpack(struct pe_cluster *c, xmlNode *xml, const char *id,
					    struct pe_resource *parent)
{
	xmlNode *tmpl = template_of(c, xml);
	struct pe_resource *rsc = pe_resource_alloc(c, id, xml, PE_PRIMITIVE, parent);
	xmlNode *src = pcmk_xml_attr(xml, "class") != NULL || tmpl == NULL ? xml : tmpl;

	rsc->klass = pcmk_xml_attr(src, "class");
	rsc->provider = pcmk_xml_attr(src, "provider");
	rsc->type = pcmk_xml_attr(src, "type");
	if (rsc->klass == NULL || rsc->type == NULL) {
		pe_config_error(c, "Resource %s has no %s", id,
				rsc->klass == NULL ? "class" : "type");
	}
	rsc->is_fencing = rsc->klass != NULL && strcmp(rsc->klass, "stonith") == 0;
	if (rsc->is_fencing) {
		c->have_stonith_resource = true;
	}
	rsc_meta_unpack(c, rsc, xml);
	if (tmpl != NULL) {
		rsc_meta_unpack(c, rsc, tmpl);
		ops_collect(rsc, tmpl);
	}
	rsc_common_settings(c, rsc);
	requires_unpack(c, rsc);
	primitive_params_unpack(c, rsc, xml, tmpl);
	ops_collect(rsc, xml);
	return rsc;
}

static struct pe_resource *rsc_unpack(struct pe_cluster *c, xmlNode *xml,
				      struct pe_resource *parent, const char *suffix);

static char *instance_id(const char *id, const char *suffix)
{
	return suffix == NULL ? g_strdup(id) : g_strdup_printf("%s%s", id, suffix);
}

static struct pe_resource *group_unpack(struct pe_cluster *c, xmlNode *xml, const char *id,
					struct pe_resource *parent, const char *suffix)
{
	struct pe_resource *grp = pe_resource_alloc(c, id, xml, PE_GROUP, parent);

	rsc_meta_unpack(c, grp, xml);
	rsc_common_settings(c, grp);
	grp->ordered =
		pe_text_is_true(pe_rsc_meta(grp, "ordered")) || pe_rsc_meta(grp, "ordered") == NULL;
	grp->colocated = pe_text_is_true(pe_rsc_meta(grp, "collocated")) ||
			 pe_rsc_meta(grp, "collocated") == NULL;
	for (xmlNode *x = pcmk_xml_first_child(xml, "primitive"); x != NULL;
	     x = pcmk_xml_next(x, true)) {
		struct pe_resource *child = rsc_unpack(c, x, grp, suffix);

		if (child != NULL) {
			g_ptr_array_add(grp->children, child);
		}
	}
	if (grp->children->len == 0) {
		pe_config_error(c, "Group %s has no members", id);
	}
	return grp;
}

static void clone_settings(struct pe_cluster *c, struct pe_resource *clone, bool promotable)
{
	int nodes = (int)c->nodes->len - c->bundle_nodes_ahead;

	clone->promotable = promotable || meta_bool(clone, "promotable", false);
	clone->clone_max = meta_score(clone, "clone-max", nodes);
	clone->clone_node_max = meta_score(clone, "clone-node-max", 1);
	clone->promoted_max = meta_score(clone, "promoted-max", meta_score(clone, "master-max", 1));
	clone->promoted_node_max =
		meta_score(clone, "promoted-node-max", meta_score(clone, "master-node-max", 1));
	clone->notify = meta_bool(clone, "notify", false);
	clone->interleave = meta_bool(clone, "interleave", false);
	clone->ordered = meta_bool(clone, "ordered", false);
	if (pe_rsc_meta(clone, "resource-stickiness") == NULL) {
		/* Instances inherit this: clones are sticky by default. */
		g_hash_table_insert(clone->meta, g_strdup("resource-stickiness"), g_strdup("1"));
		clone->stickiness = 1;
	}
	if (clone->clone_max < 0) {
		clone->clone_max = 0;
	}
}

/* Remember which clone a primitive (or cloned group member) id belongs to,
 * for history that names more instances than there are. */
static void clone_bases_add(struct pe_cluster *c, struct pe_resource *clone, xmlNode *child_xml)
{
	const char *id = pcmk_xml_attr(child_xml, "id");

	if (id != NULL) {
		g_hash_table_replace(c->clone_bases, (gpointer)id, clone);
	}
	for (xmlNode *m = pcmk_xml_first_child(child_xml, "primitive"); m != NULL;
	     m = pcmk_xml_next(m, true)) {
		if (pcmk_xml_attr(m, "id") != NULL) {
			g_hash_table_replace(c->clone_bases, (gpointer)pcmk_xml_attr(m, "id"),
					     clone);
		}
	}
}

static struct pe_resource *clone_unpack(struct pe_cluster *c, xmlNode *xml, const char *id,
					bool promotable)
{
	struct pe_resource *clone = pe_resource_alloc(c, id, xml, PE_CLONE, NULL);
	xmlNode *child_xml = NULL;

	rsc_meta_unpack(c, clone, xml);
	rsc_common_settings(c, clone);
	clone_settings(c, clone, promotable);
	for (xmlNode *x = pcmk_xml_first_child(xml, NULL); x != NULL; x = pcmk_xml_next(x, false)) {
		if (pcmk_xml_is(x, "primitive") || pcmk_xml_is(x, "group")) {
			child_xml = x;
			break;
		}
	}
	if (child_xml == NULL) {
		pe_config_error(c, "Clone %s has no primitive or group to clone", id);
		return clone;
	}
	clone_bases_add(c, clone, child_xml);
	for (int i = 0; i < clone->clone_max; i++) {
		char suffix[16];
		struct pe_resource *inst;

		g_snprintf(suffix, sizeof(suffix), ":%d", i);
		inst = rsc_unpack(c, child_xml, clone, suffix);
		if (inst != NULL) {
			g_ptr_array_add(clone->children, inst);
		}
	}
	return clone;
}

static struct pe_resource *rsc_unpack(struct pe_cluster *c, xmlNode *xml,
				      struct pe_resource *parent, const char *suffix)
{
	const char *xml_id = pcmk_xml_attr(xml, "id");
	char *id;
	struct pe_resource *rsc = NULL;

	if (xml_id == NULL) {
		pe_config_error(c, "Resource at line %ld has no id", xmlGetLineNo(xml));
		return NULL;
	}
	id = instance_id(xml_id, suffix);
	if (pe_resource_find(c, id) != NULL) {
		pe_config_error(c, "Resource id %s is used twice", id);
	} else if (pcmk_xml_is(xml, "primitive")) {
		rsc = primitive_unpack(c, xml, id, parent);
	} else if (pcmk_xml_is(xml, "group")) {
		rsc = group_unpack(c, xml, id, parent, suffix);
	} else if (pcmk_xml_is(xml, "clone") && parent == NULL) {
		rsc = clone_unpack(c, xml, id, false);
	} else if (pcmk_xml_is(xml, "master") && parent == NULL) {
		rsc = clone_unpack(c, xml, id, true);
	}
	g_free(id);
	return rsc;
}

struct pe_resource *pe_rsc_unpack_xml(struct pe_cluster *c, xmlNode *xml)
{
	return rsc_unpack(c, xml, NULL, NULL);
}

int pe_unpack_resources(struct pe_cluster *c, xmlNode *resources)
{
	for (xmlNode *x = pcmk_xml_first_child(resources, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		struct pe_resource *rsc;

		if (pcmk_xml_is(x, "bundle")) {
			pe_bundle_unpack(c, x);
			continue;
		}
		if (pcmk_xml_is(x, "template")) {
			continue;
		}
		rsc = rsc_unpack(c, x, NULL, NULL);
		if (rsc != NULL) {
			g_ptr_array_add(c->resources, rsc);
		}
	}
	/* Guest nodes' connections come after what the user wrote. */
	for (xmlNode *x = pcmk_xml_first_child(pe_remote_implicit_resources(c), "primitive");
	     x != NULL; x = pcmk_xml_next(x, true)) {
		struct pe_resource *rsc = rsc_unpack(c, x, NULL, NULL);

		if (rsc != NULL) {
			rsc->implicit = true;
			g_ptr_array_add(c->resources, rsc);
		}
	}
	pe_remote_resources_link(c);
	if (c->stonith_enabled && !c->have_stonith_resource) {
		pe_config_error(c, "Resource start-up disabled since no STONITH resources have "
				   "been defined");
	}
	return 0;
}

static void mark_orphan(struct pe_cluster *c, struct pe_resource *rsc)
{
	rsc->orphan = true;
	rsc->next_role = PE_ROLE_STOPPED;
	if (!c->stop_orphan_resources) {
		rsc->managed = false;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		mark_orphan(c, rsc->children->pdata[i]);
	}
}

struct pe_resource *pe_clone_orphan_instance(struct pe_cluster *c, struct pe_resource *clone)
{
	xmlNode *child_xml = NULL;
	struct pe_resource *inst;
	char suffix[16];

	for (xmlNode *x = pcmk_xml_first_child(clone->xml, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		if (pcmk_xml_is(x, "primitive") || pcmk_xml_is(x, "group")) {
			child_xml = x;
			break;
		}
	}
	if (child_xml == NULL) {
		return NULL;
	}
	g_snprintf(suffix, sizeof(suffix), ":%u", clone->children->len);
	inst = rsc_unpack(c, child_xml, clone, suffix);
	if (inst != NULL) {
		g_ptr_array_add(clone->children, inst);
		mark_orphan(c, inst);
	}
	return inst;
}

bool pe_rsc_is_clone(const struct pe_resource *rsc)
{
	return rsc != NULL && rsc->variant == PE_CLONE;
}

struct pe_resource *pe_rsc_top(struct pe_resource *rsc)
{
	while (rsc->parent != NULL) {
		rsc = rsc->parent;
	}
	return rsc;
}
