/*
 * Document-level rules beyond the schema, then the parameter and action
 * rules.
 */
#include <string.h>

#include "ra_meta.h"

static const char *const desc_names[] = { "longdesc", "shortdesc", "desc" };

static int is_description(const xmlNode *n)
{
	size_t i;

	for (i = 0; i < sizeof(desc_names) / sizeof(desc_names[0]); i++) {
		if (strcmp((const char *)n->name, desc_names[i]) == 0)
			return 1;
	}
	return 0;
}

/* Two descriptions of one kind in one language: which should a tool show? */
static void check_languages(xmlNode *parent, xmlNode *desc, struct ra_report *report)
{
	char *lang = ra_xml_attr(desc, "lang");
	xmlNode *other = NULL;

	while (lang != NULL &&
	       (other = ra_xml_next(parent, other, (const char *)desc->name)) != desc) {
		char *l = ra_xml_attr(other, "lang");
		int same = l != NULL && strcmp(l, lang) == 0;

		xmlFree(l);
		if (same) {
			ra_report_add(report, RA_WARNING, parent, "two %s elements in language %s",
				      (const char *)desc->name, lang);
			break;
		}
	}
	xmlFree(lang);
}

/* Markup is allowed in descriptions, but tools show text (OCF 1.1). */
static void check_descriptions(xmlNode *node, struct ra_report *report)
{
	xmlNode *c = NULL;

	while ((c = ra_xml_next(node, c, NULL)) != NULL) {
		if (!is_description(c)) {
			check_descriptions(c, report);
			continue;
		}
		check_languages(node, c, report);
		if (ra_xml_next(c, NULL, NULL) != NULL)
			ra_report_add(report, RA_WARNING, node,
				      "%s contains markup; plain text is recommended",
				      (const char *)c->name);
	}
}

/* OCF 1.0 required both; 1.1 made them optional but tools list agents
   by them. */
static void check_agent_descriptions(xmlNode *agent, struct ra_report *report)
{
	if (ra_xml_next(agent, NULL, "longdesc") == NULL)
		ra_report_add(report, RA_WARNING, agent, "no longdesc describing the agent");
	if (ra_xml_next(agent, NULL, "shortdesc") == NULL)
		ra_report_add(report, RA_WARNING, agent, "no shortdesc describing the agent");
}

void ra_meta_check_semantics(xmlDoc *doc, struct ra_report *report)
{
	xmlNode *agent = xmlDocGetRootElement(doc);

	if (agent == NULL || strcmp((const char *)agent->name, "resource-agent") != 0)
		return; /* the schema reports it; nothing below would apply */
	check_agent_descriptions(agent, report);
	check_descriptions(agent, report);
	ra_meta_check_parameters(agent, report);
	ra_meta_check_actions(agent, report);
}
