/*
 * Rule evaluation: combining a rule's children with and/or, finding
 * each child's evaluator, id-ref rules, rule sets and location scores.
 */
#include <string.h>
#include <strings.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>

#include "pe_rules_private.h"

const xmlNode *pe__rule_resolve(const xmlNode *node)
{
	const char *ref = pcmk_xml_attr(node, "id-ref");
	xmlNode *root;

	if (ref == NULL) {
		return node;
	}
	root = (node->doc != NULL) ? xmlDocGetRootElement(node->doc) : NULL;
	if (root == NULL) {
		return NULL;
	}
	return pcmk_xml_find_id(root, (const char *)node->name, ref);
}

/* An <expression> tests the resource's role when its attribute is
 * "#role", a node attribute otherwise. */
static bool expression_eval(const xmlNode *expr, const struct pe_rule_input *in, int depth)
{
	(void)depth;
	const char *attr = pcmk_xml_attr(expr, "attribute");

	if ((attr != NULL) && (strcmp(attr, "#role") == 0)) {
		return pe__rule_role_eval(expr, in);
	}
	return pe__rule_attr_eval(expr, in);
}

static bool rule_eval(const xmlNode *rule, const struct pe_rule_input *in, int depth);

static bool nested_eval(const xmlNode *rule, const struct pe_rule_input *in, int depth)
{
	return rule_eval(rule, in, depth + 1);
}

static bool date_eval(const xmlNode *expr, const struct pe_rule_input *in, int depth)
{
	(void)depth;
	return pe__rule_date_eval(expr, in);
}

static bool rsc_eval(const xmlNode *expr, const struct pe_rule_input *in, int depth)
{
	(void)depth;
	return pe__rule_rsc_eval(expr, in);
}

static bool op_eval(const xmlNode *expr, const struct pe_rule_input *in, int depth)
{
	(void)depth;
	return pe__rule_op_eval(expr, in);
}

static const struct {
	const char *element;
	bool (*eval)(const xmlNode *child, const struct pe_rule_input *in, int depth);
} child_kinds[] = {
	{ "expression", expression_eval }, { "date_expression", date_eval },
	{ "rsc_expression", rsc_eval },    { "op_expression", op_eval },
	{ "rule", nested_eval },
};

/* Unknown elements are false, as pacemaker treats them. */
static bool child_eval(const xmlNode *child, const struct pe_rule_input *in, int depth)
{
	for (size_t i = 0; i < sizeof(child_kinds) / sizeof(child_kinds[0]); i++) {
		if (pcmk_xml_is(child, child_kinds[i].element)) {
			return child_kinds[i].eval(child, in, depth);
		}
	}
	return false;
}

/* @depth stops an id-ref loop (a rule that refers to its ancestor). */
static bool rule_eval(const xmlNode *rule, const struct pe_rule_input *in, int depth)
{
	const char *op;
	bool any = false;

	if ((depth > PE__RULE_MAX_DEPTH) || ((rule = pe__rule_resolve(rule)) == NULL)) {
		return false;
	}
	op = pcmk_xml_attr(rule, "boolean-op");
	any = (op != NULL) && (strcasecmp(op, "or") == 0);

	/* "and" stops at the first false child, "or" at the first true one;
	 * with no children at all "and" holds and "or" does not. */
	for (const xmlNode *c = pcmk_xml_first_child(rule, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		if (child_eval(c, in, depth) == any) {
			return any;
		}
	}
	return !any;
}

bool pe_rule_eval(const xmlNode *rule, const struct pe_rule_input *in)
{
	return (rule != NULL) && (in != NULL) && rule_eval(rule, in, 0);
}

bool pe_rules_any(const xmlNode *parent, const struct pe_rule_input *in)
{
	const xmlNode *rule = pcmk_xml_first_child(parent, "rule");

	if (rule == NULL) {
		return true;
	}
	for (; rule != NULL; rule = pcmk_xml_next(rule, true)) {
		if (pe_rule_eval(rule, in)) {
			return true;
		}
	}
	return false;
}

int pe_rule_score(const xmlNode *rule, GHashTable *node_attrs)
{
	const char *score, *attr_name, *value = NULL;

	if ((rule == NULL) || ((rule = pe__rule_resolve(rule)) == NULL)) {
		return 0;
	}
	score = pcmk_xml_attr(rule, "score");
	if (score != NULL) {
		return pcmk_score_from_string(score);
	}
	attr_name = pcmk_xml_attr(rule, "score-attribute");
	if (attr_name == NULL) {
		return 0;
	}
	if (node_attrs != NULL) {
		value = g_hash_table_lookup(node_attrs, attr_name);
	}
	/* A node without the attribute must not get the resource. */
	return (value == NULL) ? -PCMK_SCORE_INFINITY : pcmk_score_from_string(value);
}
