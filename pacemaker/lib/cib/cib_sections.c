/*
 * The CIB sections an operation can be scoped to (cibadmin -o), with the
 * names and places pacemaker 2.1 knows.
 */
#include <stddef.h>
#include <string.h>

#include <crm/common/xml.h>
#include "cib_ops_private.h"

struct cib_section {
	const char *name;
	const char *parent; /* element name of the parent, NULL for <cib> */
	const char *path;
};

static const struct cib_section sections[] = {
	{ "cib", NULL, "/cib" },
	{ "all", NULL, "/cib" },
	{ "status", "cib", "/cib/status" },
	{ "configuration", "cib", "/cib/configuration" },
	{ "crm_config", "configuration", "/cib/configuration/crm_config" },
	{ "nodes", "configuration", "/cib/configuration/nodes" },
	{ "resources", "configuration", "/cib/configuration/resources" },
	{ "constraints", "configuration", "/cib/configuration/constraints" },
	{ "op_defaults", "configuration", "/cib/configuration/op_defaults" },
	{ "rsc_defaults", "configuration", "/cib/configuration/rsc_defaults" },
	{ "acls", "configuration", "/cib/configuration/acls" },
	{ "fencing-topology", "configuration", "/cib/configuration/fencing-topology" },
	{ "tags", "configuration", "/cib/configuration/tags" },
	{ "alerts", "configuration", "/cib/configuration/alerts" },
};

static const struct cib_section *section_lookup(const char *name)
{
	if (name == NULL) {
		return &sections[0];
	}
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if (strcmp(sections[i].name, name) == 0) {
			return &sections[i];
		}
	}
	return NULL;
}

const char *cib_section_path(const char *section)
{
	const struct cib_section *s = section_lookup(section);

	return s != NULL ? s->path : NULL;
}

bool cib_section_known(const char *section)
{
	return section_lookup(section) != NULL;
}

const char *cib_section_parent(const char *section)
{
	const struct cib_section *s = section_lookup(section);

	return s != NULL ? s->parent : NULL;
}

xmlNode *cib_section_find(xmlNode *cib, const char *section)
{
	const struct cib_section *s = section_lookup(section);
	xmlNode *parent;

	if (s == NULL || s->parent == NULL) {
		/* Pacemaker scopes an operation on a section it does not know
		 * to the whole CIB; tools rely on that for -o with odd names. */
		return cib;
	}
	parent = strcmp(s->parent, "cib") == 0 ? cib : pcmk_xml_first_child(cib, s->parent);
	return parent != NULL ? pcmk_xml_first_child(parent, s->name) : NULL;
}
