/*
 * Pieces of patchset format 2 used by both directions: element paths,
 * content equality and the version block.
 */
#include <errno.h>
#include <string.h>

#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/xml.h>

#include "cib_patch_private.h"

const char *const cib_patch_version_attrs[3] = { "admin_epoch", "epoch", "num_updates" };

bool cib_patch_steppable(const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");

	return id == NULL || strpbrk(id, "'/ \t\n\r") == NULL;
}

void cib_patch_path_step(GString *path, const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");

	g_string_append_printf(path, "/%s", (const char *)node->name);
	if (id != NULL) {
		g_string_append_printf(path, "[@id='%s']", id);
	}
}

bool cib_patch_node_counts(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE || node->type == XML_COMMENT_NODE;
}

static bool attrs_within(const xmlNode *a, const xmlNode *b)
{
	for (const xmlAttr *attr = a->properties; attr != NULL; attr = attr->next) {
		const char *name = (const char *)attr->name;
		const char *other = pcmk_xml_attr(b, name);

		if (other == NULL || strcmp(pcmk_xml_attr(a, name), other) != 0) {
			return false;
		}
	}
	return true;
}

static const xmlNode *next_counted(const xmlNode *node)
{
	while (node != NULL && !cib_patch_node_counts(node)) {
		node = node->next;
	}
	return node;
}

bool cib_patch_xml_equal(const xmlNode *a, const xmlNode *b)
{
	const xmlNode *ca, *cb;

	if (a->type != b->type || !xmlStrEqual(a->name, b->name)) {
		return false;
	}
	if (a->type == XML_COMMENT_NODE) {
		return xmlStrEqual(a->content, b->content);
	}
	if (!attrs_within(a, b) || !attrs_within(b, a)) {
		return false;
	}
	ca = next_counted(a->children);
	cb = next_counted(b->children);
	while (ca != NULL && cb != NULL) {
		if (!cib_patch_xml_equal(ca, cb)) {
			return false;
		}
		ca = next_counted(ca->next);
		cb = next_counted(cb->next);
	}
	return ca == NULL && cb == NULL;
}

/* Read the three version fields of @elem; a missing one is 0. */
static int read_version(const xmlNode *elem, struct cib_version *v)
{
	long long *fields[] = { &v->admin_epoch, &v->epoch, &v->num_updates };

	if (elem == NULL) {
		return -EINVAL;
	}
	for (size_t i = 0; i < 3; i++) {
		int rc = pcmk_xml_attr_int(elem, cib_patch_version_attrs[i], fields[i]);

		if (rc == -ENOENT) {
			*fields[i] = 0;
		} else if (rc < 0) {
			return -EINVAL;
		}
	}
	return 0;
}

int cib_patch_versions(const xmlNode *patch, struct cib_version *source, struct cib_version *target)
{
	const char *format = pcmk_xml_attr(patch, "format");
	const xmlNode *version = pcmk_xml_first_child(patch, CIB_PATCH_VERSION);
	struct cib_version s, t;

	if (!pcmk_xml_is(patch, CIB_PATCH_ROOT) || format == NULL || strcmp(format, "2") != 0) {
		return -EINVAL;
	}
	if (read_version(pcmk_xml_first_child(version, CIB_PATCH_SOURCE), &s) < 0 ||
	    read_version(pcmk_xml_first_child(version, CIB_PATCH_TARGET), &t) < 0) {
		return -EINVAL;
	}
	if (source != NULL) {
		*source = s;
	}
	if (target != NULL) {
		*target = t;
	}
	return 0;
}
