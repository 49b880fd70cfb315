/*
 * rsc_expression and op_expression: conditions on the resource agent and
 * the operation, used in rsc_defaults and op_defaults rules.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_rules_private.h"

static bool same(const char *a, const char *b)
{
	return (a == NULL) ? (b == NULL) : ((b != NULL) && (strcmp(a, b) == 0));
}

/* Class and type match when given; the provider must match exactly,
 * absent included: pacemaker 2.1.5 does not match class="ocf" without a
 * provider against an ocf resource. */
bool pe__rule_rsc_eval(const xmlNode *expr, const struct pe_rule_input *in)
{
	const char *class = pcmk_xml_attr(expr, "class");
	const char *type = pcmk_xml_attr(expr, "type");

	if (in->rsc_class == NULL) {
		return false;
	}
	return ((class == NULL) || same(class, in->rsc_class)) &&
	       same(pcmk_xml_attr(expr, "provider"), in->rsc_provider) &&
	       ((type == NULL) || same(type, in->rsc_type));
}

bool pe__rule_op_eval(const xmlNode *expr, const struct pe_rule_input *in)
{
	const char *interval = pcmk_xml_attr(expr, "interval");
	unsigned int ms;

	if (in->op_name == NULL) {
		return false;
	}
	if (interval != NULL) {
		if ((pcmk_parse_interval_ms(interval, &ms) < 0) || (ms != in->op_interval_ms)) {
			return false;
		}
	}
	return same(pcmk_xml_attr(expr, "name"), in->op_name);
}
