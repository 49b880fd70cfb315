/*
 * crm_resource --get-parameter / --set-parameter / --delete-parameter:
 * a resource's instance attributes, or with --meta / --utilization its
 * meta attributes or utilization, with pacemaker 2.1.5's choice of which
 * resource of a clone carries the attribute and its messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/ops.h>
#include <crm/common/xml.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"

static const char *const set_tags[] = {
	[RSC_ATTR_INSTANCE] = "instance_attributes",
	[RSC_ATTR_META] = "meta_attributes",
	[RSC_ATTR_UTILIZATION] = "utilization",
};

/* The value the cluster uses: instance attributes are inherited from the
 * collectives around a resource, meta attributes are unpacked that way
 * already. */
static char *effective_value(const struct rsc_ctx *ctx, enum rsc_attr_kind kind, const char *name)
{
	GHashTable *params;
	char *value;

	if (kind == RSC_ATTR_META) {
		return g_strdup(g_hash_table_lookup(ctx->rsc->meta, name));
	}
	if (kind == RSC_ATTR_UTILIZATION) {
		return g_strdup(g_hash_table_lookup(ctx->rsc->utilization, name));
	}
	params = rsc_instance_params(ctx->cluster, ctx->rsc);
	value = g_strdup(g_hash_table_lookup(params, name));
	g_hash_table_destroy(params);
	return value;
}

enum pcmk_exit rsc_cmd_get_param(struct rsc_ctx *ctx)
{
	const struct rsc_opts *o = ctx->o;
	char *value = effective_value(ctx, o->attr_kind, o->param);

	if (value == NULL) {
		fprintf(stderr, "Attribute '%s' not found for '%s'\n", o->param, o->rsc_id);
	} else {
		printf("%s\n", value);
	}
	g_free(value);
	return PCMK_EX_OK;
}

/* The nvpair called @name in the @tag sets directly under resource
 * element @xml (only set @set_id / nvpair @pair_id when given). */
static xmlNode *find_pair(const xmlNode *xml, const char *tag, const char *set_id,
			  const char *pair_id, const char *name)
{
	for (xmlNode *set = pcmk_xml_first_child(xml, tag); set != NULL;
	     set = pcmk_xml_next(set, true)) {
		const char *id = pcmk_xml_attr(set, "id");

		if (set_id != NULL && (id == NULL || strcmp(id, set_id) != 0)) {
			continue;
		}
		for (xmlNode *p = pcmk_xml_first_child(set, "nvpair"); p != NULL;
		     p = pcmk_xml_next(p, true)) {
			const char *pid = pcmk_xml_attr(p, "id");
			const char *pname = pcmk_xml_attr(p, "name");

			if (pair_id != NULL ? (pid != NULL && strcmp(pid, pair_id) == 0)
					    : (pname != NULL && strcmp(pname, name) == 0)) {
				return p;
			}
		}
	}
	return NULL;
}

static xmlNode *rsc_pair(const struct rsc_ctx *ctx, const struct pe_resource *rsc,
			 enum rsc_attr_kind kind)
{
	xmlNode *xml = rsc_config_xml(ctx, rsc);

	return xml == NULL ? NULL
			   : find_pair(xml, set_tags[kind], ctx->o->set_name, ctx->o->nvpair_id,
				       ctx->o->param);
}

/* Which resource a meta attribute or utilization change goes to: a clone's
 * member without the attribute defers to the clone, a clone whose member
 * has it passes the change down (unless --force). */
static const struct pe_resource *target_rsc(const struct rsc_ctx *ctx, const char *verb)
{
	const struct rsc_opts *o = ctx->o;
	const struct pe_resource *rsc = ctx->rsc;
	const struct pe_resource *child;

	if (o->force || o->attr_kind == RSC_ATTR_INSTANCE) {
		return rsc;
	}
	if (rsc->parent != NULL && rsc->parent->variant == PE_CLONE) {
		if (rsc_pair(ctx, rsc, o->attr_kind) != NULL) {
			return rsc;
		}
		if (!o->quiet) {
			printf("Performing %s of '%s' on '%s', the parent of '%s'\n", verb,
			       o->param, rsc->parent->id, o->rsc_id);
		}
		return rsc->parent;
	}
	if (rsc->variant != PE_CLONE || rsc->children->len == 0) {
		return rsc;
	}
	child = rsc->children->pdata[0];
	if (child->variant != PE_PRIMITIVE || rsc_pair(ctx, child, o->attr_kind) == NULL) {
		return rsc;
	}
	if (!o->quiet) {
		printf("A value for '%s' already exists in child '%s', performing %s on that "
		       "instead of '%s'\n",
		       o->param, child->base_id, verb, o->rsc_id);
	}
	return child;
}

/* An instance attribute shadowed by a meta attribute of the same name
 * would never be seen; pacemaker's tool refuses it without --force. */
static bool meta_conflict(struct rsc_ctx *ctx)
{
	const struct rsc_opts *o = ctx->o;
	const struct pe_resource *top = rsc_top(ctx->rsc);
	xmlNode *xml = rsc_config_xml(ctx, top);
	xmlNode *pair;

	if (o->force || o->attr_kind != RSC_ATTR_INSTANCE || xml == NULL) {
		return false;
	}
	pair = find_pair(xml, "meta_attributes", o->set_name, o->nvpair_id, o->param);
	if (pair == NULL) {
		return false;
	}
	if (!o->quiet) {
		fprintf(stderr,
			"WARNING: There is already a meta attribute for '%s' called '%s' (id=%s)\n"
			"         Delete '%s' first or use the force option to override\n",
			top->id, o->param, pcmk_xml_attr(pair, "id"), pcmk_xml_attr(pair, "id"));
	}
	return true;
}

/* Ids made from names: the characters pacemaker replaces. */
static char *make_id(const char *set_id, const char *name)
{
	char *id = g_strdup_printf("%s-%s", set_id, name);

	for (char *c = id; *c != '\0'; c++) {
		if (*c == ':' || *c == '#') {
			*c = '.';
		}
	}
	return id;
}

/* <primitive id=..><SET id=..><nvpair .../></SET></primitive> for a
 * modify of the resources section. */
static xmlNode *change_fragment(const xmlNode *rsc_xml, const char *tag, const char *set_id,
				const char *pair_id, const char *name, const char *value)
{
	xmlNode *top = pcmk_xml_new_root((const char *)rsc_xml->name);
	xmlNode *set = pcmk_xml_add_child(top, tag);
	xmlNode *pair = pcmk_xml_add_child(set, "nvpair");

	pcmk_xml_set_attr(top, "id", pcmk_xml_attr(rsc_xml, "id"));
	pcmk_xml_set_attr(set, "id", set_id);
	pcmk_xml_set_attr(pair, "id", pair_id);
	pcmk_xml_set_attr(pair, "name", name);
	pcmk_xml_set_attr(pair, "value", value);
	return top;
}

static enum pcmk_exit apply_set(struct rsc_ctx *ctx, xmlNode *rsc_xml)
{
	const struct rsc_opts *o = ctx->o;
	const char *tag = set_tags[o->attr_kind];
	const char *rsc_id = pcmk_xml_attr(rsc_xml, "id");
	xmlNode *old = find_pair(rsc_xml, tag, o->set_name, o->nvpair_id, o->param);
	char *set_id = old != NULL           ? g_strdup(pcmk_xml_attr(old->parent, "id"))
		       : o->set_name != NULL ? g_strdup(o->set_name)
					     : g_strdup_printf("%s-%s", rsc_id, tag);
	char *pair_id = old != NULL            ? g_strdup(pcmk_xml_attr(old, "id"))
			: o->nvpair_id != NULL ? g_strdup(o->nvpair_id)
					       : make_id(set_id, o->param);
	xmlNode *data = change_fragment(rsc_xml, tag, set_id, pair_id, o->param, o->value);
	int rc = rsc_cib_change(ctx, CIB_OP_MODIFY, "resources", data, NULL);

	if (rc == 0 && !o->quiet) {
		printf("Set '%s' option: id=%s%s%s name=%s value=%s\n", rsc_id, pair_id,
		       old != NULL ? "" : " set=", old != NULL ? "" : set_id, o->param, o->value);
	}
	pcmk_xml_free(data);
	g_free(set_id);
	g_free(pair_id);
	return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}

enum pcmk_exit rsc_cmd_set_param(struct rsc_ctx *ctx)
{
	const struct pe_resource *target;
	xmlNode *xml;

	if (meta_conflict(ctx)) {
		return PCMK_EX_MULTIPLE;
	}
	target = target_rsc(ctx, "update");
	xml = rsc_config_xml(ctx, target);
	if (xml == NULL) {
		g_string_printf(ctx->msg, "Resource '%s' is not in the configuration", target->id);
		return PCMK_EX_NOSUCH;
	}
	return apply_set(ctx, xml);
}

enum pcmk_exit rsc_cmd_del_param(struct rsc_ctx *ctx)
{
	const struct rsc_opts *o = ctx->o;
	const struct pe_resource *target = target_rsc(ctx, "delete");
	xmlNode *pair = rsc_pair(ctx, target, o->attr_kind);
	xmlNode *data;
	int rc;

	if (pair == NULL) {
		return PCMK_EX_OK; /* nothing to delete is not an error */
	}
	data = pcmk_xml_new_root("nvpair");
	pcmk_xml_set_attr(data, "id", pcmk_xml_attr(pair, "id"));
	pcmk_xml_set_attr(data, "name", pcmk_xml_attr(pair, "name"));
	rc = rsc_cib_change(ctx, CIB_OP_DELETE, "resources", data, NULL);
	if (rc == 0 && !o->quiet) {
		printf("Deleted '%s' option: id=%s name=%s\n",
		       pcmk_xml_attr(rsc_config_xml(ctx, target), "id"), pcmk_xml_attr(data, "id"),
		       o->param);
	}
	pcmk_xml_free(data);
	return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}

/* -D: the resource's definition goes, when it is of element type -t. */
enum pcmk_exit rsc_cmd_delete(struct rsc_ctx *ctx)
{
	xmlNode *data;
	int rc;

	if (ctx->o->rsc_type == NULL) {
		g_string_assign(ctx->msg, "You need to specify a resource type with -t");
		return PCMK_EX_NOSUCH;
	}
	data = pcmk_xml_new_root(ctx->o->rsc_type);
	if (data == NULL) {
		g_string_printf(ctx->msg, "'%s' is not a resource type", ctx->o->rsc_type);
		return PCMK_EX_USAGE;
	}
	pcmk_xml_set_attr(data, "id", ctx->o->rsc_id);
	rc = rsc_cib_change(ctx, CIB_OP_DELETE, "resources", data, NULL);
	pcmk_xml_free(data);
	return rc == 0 || rc == -ENXIO ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}
