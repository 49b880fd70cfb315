/*
 * Direct changes of the CIB, as pacemaker's tools (crm_resource,
 * crm_attribute) make them for the resource and node levels: read the
 * whole CIB through the shell's connection, change the copy, write the
 * section back.  Nothing is staged: these levels act at once.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "crm.h"

xmlDoc *cibx_query(struct shell *sh)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	xmlDoc *out = NULL;
	char *error = NULL;
	int rc = 0;

	if (session_connect(&sh->session) < 0) {
		sh->failed = true;
		return NULL;
	}
	rc = cib_request(sh->session.cib, &req, 0, &out, &error);
	if (rc < 0) {
		shell_fail(sh, "could not read the CIB: %s", error ? error : pcmk_strerror(rc));
		free(error);
		return NULL;
	}
	return out;
}

int cibx_replace(struct shell *sh, xmlDoc *doc, const char *section)
{
	xmlNode *data = pcmk_xml_first_child(xmlDocGetRootElement(doc), section);
	struct cib_op_request req = {
		.op = CIB_OP_REPLACE, .section = section, .data = data, .client = "crm"
	};
	char *error = NULL;
	int rc = cib_request(sh->session.cib, &req, 0, NULL, &error);

	if (rc < 0) {
		shell_fail(sh, "could not update the CIB: %s", error ? error : pcmk_strerror(rc));
		free(error);
		return -1;
	}
	shell_cib_changed(sh);
	return 0;
}

xmlNode *cibx_find(xmlNode *root, const char *element, const char *id)
{
	return (root == NULL) ? NULL : pcmk_xml_find_id(root, element, id);
}

xmlNode *cibx_set(xmlNode *parent, const char *tag, const char *set_id, bool create)
{
	xmlNode *set = pcmk_xml_first_child(parent, tag);

	if ((set == NULL) && create) {
		set = pcmk_xml_add_child(parent, tag);
		pcmk_xml_set_attr(set, "id", set_id);
	}
	return set;
}

xmlNode *cibx_nv_find(const xmlNode *set, const char *name)
{
	for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		if (g_strcmp0(pcmk_xml_attr(nv, "name"), name) == 0) {
			return nv;
		}
	}
	return NULL;
}

bool cibx_nv_set(xmlNode *set, const char *name, const char *value)
{
	xmlNode *nv = cibx_nv_find(set, name);
	char *id = NULL;

	if (nv != NULL) {
		pcmk_xml_set_attr(nv, "value", value);
		return false;
	}
	nv = pcmk_xml_add_child(set, "nvpair");
	id = g_strdup_printf("%s-%s", pcmk_xml_attr(set, "id"), name);
	/* pacemaker's order: id, name, value */
	pcmk_xml_set_attr(nv, "id", id);
	pcmk_xml_set_attr(nv, "name", name);
	pcmk_xml_set_attr(nv, "value", value);
	g_free(id);
	return true;
}
