/*
 * A new, empty CIB: what `cibadmin --empty` prints and what a node starts
 * from when it has no CIB on disk.
 */
#include <stddef.h>

#include <crm/cib/ops.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

static const char *const config_sections[] = { "crm_config", "nodes", "resources", "constraints" };

/* Attributes in the order pacemaker writes them, so files compare equal. */
static int set_root_attrs(xmlNode *cib)
{
	int rc = pcmk_xml_set_attr(cib, "crm_feature_set", CIB_FEATURE_SET);

	rc = rc ?: pcmk_xml_set_attr(cib, "validate-with", pcmk_schema_latest());
	rc = rc ?: pcmk_xml_set_attr(cib, "epoch", "1");
	rc = rc ?: pcmk_xml_set_attr(cib, "num_updates", "0");
	rc = rc ?: pcmk_xml_set_attr(cib, "admin_epoch", "0");
	return rc;
}

static int add_sections(xmlNode *cib)
{
	xmlNode *config = pcmk_xml_add_child(cib, "configuration");

	if (config == NULL) {
		return -1;
	}
	for (size_t i = 0; i < sizeof(config_sections) / sizeof(config_sections[0]); i++) {
		if (pcmk_xml_add_child(config, config_sections[i]) == NULL) {
			return -1;
		}
	}
	return pcmk_xml_add_child(cib, "status") != NULL ? 0 : -1;
}

xmlDoc *cib_new_empty(void)
{
	xmlNode *cib = pcmk_xml_new_root("cib");

	if (cib == NULL) {
		return NULL;
	}
	if (set_root_attrs(cib) < 0 || add_sections(cib) < 0) {
		pcmk_xml_free(cib);
		return NULL;
	}
	return cib->doc;
}
