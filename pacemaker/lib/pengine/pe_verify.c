/*
 * crm_verify's checks in the order pacemaker makes them: the schema first
 * (a CIB that fails it is not looked at further), then the scheduler's
 * reading of the configuration, then what a scheduler run would meet.
 */
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "pe_verify_private.h"

static int count_nodes(const xmlNode *config)
{
	xmlNode *nodes = pcmk_xml_first_child(config, "nodes");
	int n = 0;

	for (xmlNode *x = pcmk_xml_first_child(nodes, "node"); x != NULL;
	     x = pcmk_xml_next(x, true)) {
		n++;
	}
	return n;
}

void pe_verify_semantics(xmlDoc *doc, struct pe_verify_report *report)
{
	struct verify_ctx ctx = { .report = report };

	ctx.cib = xmlDocGetRootElement(doc);
	if (ctx.cib == NULL) {
		return;
	}
	ctx.config = pcmk_xml_first_child(ctx.cib, "configuration");
	ctx.resources = pcmk_xml_first_child(ctx.config, "resources");
	ctx.node_count = count_nodes(ctx.config);
	pe_verify__options(&ctx);
	pe_verify__resources(&ctx);
	/* pacemaker checks only the configuration of a CIB that came without
	 * a status section (a file or stdin, never the live CIB): with nothing
	 * known of the nodes, a scheduler run would call every node unclean */
	if (pcmk_xml_first_child(ctx.cib, "status") == NULL) {
		return;
	}
	pe_verify__operations(&ctx);
	pe_verify__fencing(&ctx);
}

int pe_verify_doc(xmlDoc *doc, struct pe_verify_report *report)
{
	if (pe_verify_schema(doc, report) == 0) {
		pe_verify_semantics(doc, report);
	}
	return report->invalid ? -PCMK_E_SCHEMA : 0;
}
