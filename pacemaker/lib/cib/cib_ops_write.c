/*
 * The writes addressed by section and element: create, modify (merge),
 * replace and delete, with pacemaker's rules for finding the element a
 * piece of XML stands for.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/results.h>
#include <crm/cib/version.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

static xmlNode *scratch_root(const struct cib_op_ctx *ctx)
{
	return xmlDocGetRootElement(ctx->scratch);
}

static bool names_equal(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

static const char *id_or_none(const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");

	return id != NULL ? id : "(no id)";
}

/* --- create --- */

static xmlNode *direct_child_like(xmlNode *parent, const xmlNode *obj)
{
	const char *id = pcmk_xml_attr(obj, "id");

	for (xmlNode *c = pcmk_xml_first_child(parent, (const char *)obj->name); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		const char *cid = pcmk_xml_attr(c, "id");

		if (id == NULL || (cid != NULL && strcmp(cid, id) == 0)) {
			return c;
		}
	}
	return NULL;
}

static int add_object(xmlNode *section, const xmlNode *obj)
{
	xmlNode *added;

	if (direct_child_like(section, obj) != NULL) {
		return -EEXIST;
	}
	added = pcmk_xml_add_child(section, (const char *)obj->name);
	return added != NULL ? cib_tree_merge(added, obj) : -ENOMEM;
}

/* The <failed> report pacemaker answers a refused create with. */
static void report_failure(struct cib_op_ctx *ctx, const xmlNode *obj, int rc)
{
	xmlNode *failed = pcmk_xml_new_root("failed");
	xmlNode *entry = failed != NULL ? pcmk_xml_add_child(failed, "failed_update") : NULL;
	const char *id = pcmk_xml_attr(obj, "id");

	if (entry == NULL || cib_tree_append_copy(entry, obj) == NULL ||
	    (id != NULL && pcmk_xml_set_attr(entry, "id", id) < 0) ||
	    pcmk_xml_set_attr(entry, "object_type", (const char *)obj->name) < 0 ||
	    pcmk_xml_set_attr(entry, "operation", "cib_create") < 0 ||
	    pcmk_xml_set_attr(entry, "reason", pcmk_strerror(rc)) < 0) {
		pcmk_xml_free(failed);
		return;
	}
	ctx->res->output = failed;
}

static int create_in(struct cib_op_ctx *ctx, xmlNode *section, const xmlNode *obj)
{
	int rc = add_object(section, obj);

	if (rc < 0) {
		report_failure(ctx, obj, rc);
		return cib_op_fail(ctx, rc, "cib_create: <%s id=%s> %s in %s", obj->name,
				   id_or_none(obj), rc == -EEXIST ? "already exists" : "failed",
				   ctx->section != NULL ? ctx->section : "cib");
	}
	return 0;
}

int cib_op_create(struct cib_op_ctx *ctx)
{
	const xmlNode *data = ctx->data;
	const char *section = ctx->section;
	xmlNode *target;
	int rc = 0;

	/* Pacemaker takes an xpath given to create for a section name it does
	 * not know: the element goes under <cib>. */
	if (ctx->req->options & CIB_OPT_XPATH) {
		return create_in(ctx, scratch_root(ctx), data);
	}
	/* Without a section pacemaker creates by merging (modify). */
	if (section == NULL || names_equal(section, "cib") || pcmk_xml_is(data, "cib")) {
		return cib_op_modify(ctx);
	}
	target = cib_section_find(scratch_root(ctx), section);
	if (target == NULL) {
		return cib_op_fail(ctx, -EINVAL, "cib_create: section %s is not in the CIB",
				   section);
	}
	if (!names_equal((const char *)data->name, section)) {
		return create_in(ctx, target, data);
	}
	for (const xmlNode *c = pcmk_xml_first_child(data, NULL); rc == 0 && c != NULL;
	     c = pcmk_xml_next(c, false)) {
		rc = create_in(ctx, target, c);
	}
	return rc;
}

/* --- modify --- */

/* A known section missing from the CIB is added to its parent first. */
static xmlNode *section_or_add(struct cib_op_ctx *ctx)
{
	xmlNode *root = scratch_root(ctx);
	xmlNode *found = cib_section_find(root, ctx->section);
	const char *parent_name = cib_section_parent(ctx->section);
	xmlNode *parent;

	if (found != NULL || parent_name == NULL) {
		return found;
	}
	parent = cib_section_find(root, parent_name);
	return parent != NULL ? pcmk_xml_add_child(parent, ctx->section) : NULL;
}

int cib_op_modify(struct cib_op_ctx *ctx)
{
	xmlNode *section, *target;

	if (ctx->req->options & CIB_OPT_XPATH) {
		return cib_op_xpath_write(ctx);
	}
	section = section_or_add(ctx);
	if (section == NULL) {
		return cib_op_fail(ctx, -EINVAL,
				   "cib_modify: section %s is not in the CIB and "
				   "cannot be added",
				   ctx->section);
	}
	target = cib_tree_find_like(section, ctx->data);
	if (target != NULL) {
		return cib_tree_merge(target, ctx->data);
	}
	if (ctx->req->options & CIB_OPT_CAN_CREATE) {
		return cib_tree_append_copy(section, ctx->data) != NULL ? 0 : -ENOMEM;
	}
	return cib_op_fail(ctx, -ENXIO, "cib_modify: no <%s id=%s> in %s", ctx->data->name,
			   id_or_none(ctx->data), ctx->section != NULL ? ctx->section : "the CIB");
}

/* --- replace --- */

/* @node is named like @update and has its id when @update has one. */
static bool stands_for(const xmlNode *node, const xmlNode *update)
{
	const char *id = pcmk_xml_attr(update, "id");
	const char *mine = pcmk_xml_attr(node, "id");

	return names_equal((const char *)node->name, (const char *)update->name) &&
	       (id == NULL || (mine != NULL && strcmp(mine, id) == 0));
}

/* First element below @root (not @root) that @update stands for. */
static xmlNode *find_replaceable(xmlNode *root, const xmlNode *update)
{
	for (xmlNode *c = pcmk_xml_first_child(root, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		xmlNode *found;

		if (stands_for(c, update)) {
			return c;
		}
		found = find_replaceable(c, update);
		if (found != NULL) {
			return found;
		}
	}
	return NULL;
}

/* The whole CIB: refused when older than the one it replaces. */
static int replace_cib(struct cib_op_ctx *ctx)
{
	struct cib_version cur, rep;
	char a[64], b[64];
	xmlNode *copy;

	if (cib_version_get(scratch_root(ctx), &cur) < 0 || cib_version_get(ctx->data, &rep) < 0) {
		return cib_op_fail(ctx, -EINVAL,
				   "cib_replace: a version attribute of <cib> "
				   "is not a non-negative number");
	}
	if (cib_version_compare(&rep, &cur) < 0) {
		return cib_op_fail(ctx, -PCMK_E_OLD_DATA,
				   "cib_replace: the replacement (%s) is older than the CIB (%s)",
				   cib_version_to_string(&rep, a, sizeof(a)),
				   cib_version_to_string(&cur, b, sizeof(b)));
	}
	copy = pcmk_xml_copy(ctx->data);
	if (copy == NULL) {
		return cib_op_fail(ctx, -ENOMEM, "out of memory");
	}
	xmlFreeDoc(ctx->scratch);
	ctx->scratch = copy->doc;
	return 0;
}

int cib_op_replace(struct cib_op_ctx *ctx)
{
	const xmlNode *data = ctx->data;
	const char *section = ctx->section;
	xmlNode *root, *old, *copy;

	if (ctx->req->options & CIB_OPT_XPATH) {
		return cib_op_xpath_write(ctx);
	}
	if (data == NULL) {
		return cib_op_fail(ctx, -EINVAL, "cib_replace: no data given");
	}
	if (names_equal((const char *)data->name, "cib")) {
		return replace_cib(ctx);
	}
	if (names_equal((const char *)data->name, section)) {
		section = NULL; /* the section itself: look for it from <cib> */
	}
	root = cib_section_find(scratch_root(ctx), section);
	old = root != NULL ? find_replaceable(root, data) : NULL;
	if (old == NULL) {
		return cib_op_fail(ctx, -ENXIO, "cib_replace: no <%s id=%s> in %s", data->name,
				   id_or_none(data), section != NULL ? section : "the CIB");
	}
	copy = xmlDocCopyNode((xmlNode *)data, ctx->scratch, 1);
	if (copy == NULL) {
		return cib_op_fail(ctx, -ENOMEM, "out of memory");
	}
	xmlReplaceNode(old, copy); /* in place: the order of siblings stays */
	xmlFreeNode(old);
	return 0;
}

/* --- delete --- */

/* Every attribute of @pattern is on @node with the same value (case
 * aside, as pacemaker compares). */
static bool attrs_match(const xmlNode *node, const xmlNode *pattern)
{
	for (const xmlAttr *a = pattern->properties; a != NULL; a = a->next) {
		const char *mine = pcmk_xml_attr(node, (const char *)a->name);
		const char *want = pcmk_xml_attr(pattern, (const char *)a->name);

		if (mine == NULL || want == NULL || strcasecmp(mine, want) != 0) {
			return false;
		}
	}
	return true;
}

static bool delete_first(xmlNode *root, const xmlNode *pattern)
{
	for (xmlNode *c = pcmk_xml_first_child(root, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		if (stands_for(c, pattern) && attrs_match(c, pattern)) {
			cib_tree_remove(c);
			return true;
		}
		if (delete_first(c, pattern)) {
			return true;
		}
	}
	return false;
}

int cib_op_delete(struct cib_op_ctx *ctx)
{
	const xmlNode *data = ctx->data;
	xmlNode *root;

	if (ctx->req->options & CIB_OPT_XPATH) {
		return cib_op_xpath_write(ctx);
	}
	if (data == NULL) {
		return cib_op_fail(ctx, -EINVAL, "cib_delete: no data and no xpath given");
	}
	/* What is not there is already deleted: success either way. */
	root = cib_section_find(scratch_root(ctx), ctx->section);
	if (root == NULL) {
		return 0;
	}
	if (!names_equal((const char *)data->name, ctx->section)) {
		delete_first(root, data);
		return 0;
	}
	for (const xmlNode *c = pcmk_xml_first_child(data, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		delete_first(root, c);
	}
	return 0;
}
