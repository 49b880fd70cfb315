/*
 * Queries: a section of the CIB, or the elements an xpath selects (with
 * or without their children, or only their paths).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

/* @node without its children, as the root of a new document (NULL
 * @parent) or appended to @parent. */
static xmlNode *shallow_copy(xmlNode *parent, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	xmlNode *copy = parent != NULL ? pcmk_xml_add_child(parent, name) : pcmk_xml_new_root(name);

	for (const xmlAttr *a = node->properties; copy != NULL && a != NULL; a = a->next) {
		const char *attr = (const char *)a->name;

		if (pcmk_xml_set_attr(copy, attr, pcmk_xml_attr(node, attr)) < 0) {
			pcmk_xml_free(parent != NULL ? NULL : copy);
			return NULL;
		}
	}
	return copy;
}

static xmlNode *answer_copy(xmlNode *parent, const xmlNode *node, unsigned int options)
{
	if (options & CIB_OPT_NO_CHILDREN) {
		return shallow_copy(parent, node);
	}
	return parent != NULL ? cib_tree_append_copy(parent, node) : pcmk_xml_copy(node);
}

const xmlNode *cib_op_query_view(xmlDoc *cib, const struct cib_op_request *req)
{
	if (cib == NULL || req->op != CIB_OP_QUERY ||
	    (req->options & (CIB_OPT_XPATH | CIB_OPT_NO_CHILDREN)) != 0) {
		return NULL;
	}
	return cib_section_find(xmlDocGetRootElement(cib), req->section);
}

int cib_op_query(struct cib_op_ctx *ctx)
{
	xmlNode *root;

	if (ctx->req->options & CIB_OPT_XPATH) {
		return cib_op_xpath_query(ctx);
	}
	root = cib_section_find(xmlDocGetRootElement(ctx->cib), ctx->section);
	if (root == NULL) {
		return cib_op_fail(ctx, -ENXIO, "cib_query: section %s is not in the CIB",
				   ctx->section);
	}
	ctx->res->output = answer_copy(NULL, root, ctx->req->options);
	return ctx->res->output != NULL ? 0 : cib_op_fail(ctx, -ENOMEM, "out of memory");
}

/* The path of @node from <cib> as pacemaker writes it:
 * /cib/configuration/resources/primitive[@id='web']. */
static char *path_of(const xmlNode *node)
{
	char *path = NULL;

	for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent) {
		const char *id = pcmk_xml_attr(node, "id");
		char *longer = NULL;
		int n = id != NULL
				? asprintf(&longer, "/%s[@id='%s']%s", node->name, id,
					   path != NULL ? path : "")
				: asprintf(&longer, "/%s%s", node->name, path != NULL ? path : "");

		free(path);
		if (n < 0) {
			return NULL;
		}
		path = longer;
	}
	return path;
}

static int add_address(xmlNode *answer, const xmlNode *match)
{
	xmlNode *entry = pcmk_xml_add_child(answer, "xpath-query-path");
	char *path = path_of(match);
	int rc = entry != NULL && path != NULL ? pcmk_xml_set_attr(entry, "id", path) : -ENOMEM;

	free(path);
	return rc;
}

/* Several matches (or addresses) go into an <xpath-query> wrapper; a
 * single element match is the answer itself. */
static int xpath_answer(struct cib_op_ctx *ctx, xmlNode **matches, int n)
{
	unsigned int options = ctx->req->options;
	bool address = (options & CIB_OPT_XPATH_ADDRESS) && !(options & CIB_OPT_NO_CHILDREN);
	xmlNode *answer;

	if (n == 1 && !address) {
		answer = answer_copy(NULL, matches[0], options);
		ctx->res->output = answer;
		return answer != NULL ? 0 : -ENOMEM;
	}
	answer = pcmk_xml_new_root("xpath-query");
	ctx->res->output = answer;
	for (int i = 0; answer != NULL && i < n; i++) {
		if (address ? add_address(answer, matches[i]) < 0
			    : answer_copy(answer, matches[i], options) == NULL) {
			return -ENOMEM;
		}
	}
	return answer != NULL ? 0 : -ENOMEM;
}

int cib_op_xpath_query(struct cib_op_ctx *ctx)
{
	xmlNode **matches = NULL;
	int n = pcmk_xml_xpath_all(ctx->cib, ctx->req->xpath, &matches);
	int rc;

	if (n == -EINVAL) {
		/* pacemaker answers a bad expression as "no match" */
		return cib_op_fail(ctx, -ENXIO,
				   "cib_query: xpath %s is not a valid expression "
				   "selecting elements",
				   ctx->req->xpath);
	}
	if (n <= 0) {
		return cib_op_fail(ctx, n < 0 ? n : -ENXIO, "cib_query: nothing matches xpath %s",
				   ctx->req->xpath);
	}
	rc = xpath_answer(ctx, matches, n);
	free(matches);
	return rc < 0 ? cib_op_fail(ctx, rc, "out of memory") : 0;
}
