/*
 * Rules of a location: rule [role=R] [SCORE:] EXPR {and|or EXPR}, where
 * EXPR is "defined ATTR", "not_defined ATTR", "ATTR OP VALUE" or a date
 * expression ("date in start=... end=...", "date gt|lt DATE",
 * "date spec name=value...").  Typed values (integer:1024) are kept as
 * written, as crmsh 4.4 writes them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

static const char *const binary_ops[] = { "lt", "gt", "lte", "gte", "eq", "ne", NULL };
static const char *const unary_ops[] = { "defined", "not_defined", NULL };

static bool in_list(const char *const *list, const char *w)
{
	for (size_t i = 0; (w != NULL) && (list[i] != NULL); i++) {
		if (strcmp(list[i], w) == 0) {
			return true;
		}
	}
	return false;
}

static xmlNode *new_expr(struct parser *p, xmlNode *rule, const char *tag)
{
	xmlNode *e = pcmk_xml_add_child(rule, tag);
	char *base = g_strdup_printf("%s-expression", pcmk_xml_attr(rule, "id"));
	char *id = p_new_id(p, base);

	pcmk_xml_set_attr(e, "id", id);
	g_free(base);
	g_free(id);
	return e;
}

/* date spec name=value... (a <date_spec> inside the expression) */
static int date_spec(struct parser *p, xmlNode *e)
{
	xmlNode *spec = pcmk_xml_add_child(e, "date_spec");
	char *base = g_strdup_printf("%s-date_spec", pcmk_xml_attr(e, "id"));
	char *id = p_new_id(p, base);

	pcmk_xml_set_attr(e, "operation", "date_spec");
	while (nv_is_pair(p_peek(p))) {
		const char *tok = p_next(p);
		char *name = g_strndup(tok, (size_t)(strchr(tok, '=') - tok));

		pcmk_xml_set_attr(spec, name, strchr(tok, '=') + 1);
		g_free(name);
	}
	pcmk_xml_set_attr(spec, "id", id);
	g_free(base);
	g_free(id);
	return (spec->properties->next != NULL) ? 0 : p_fail(p, "expected <name>=<value>");
}

static int date_expr(struct parser *p, xmlNode *rule)
{
	xmlNode *e = new_expr(p, rule, "date_expression");
	const char *op = p_next(p);

	if ((op != NULL) && ((strcmp(op, "in") == 0) || (strcmp(op, "in_range") == 0))) {
		pcmk_xml_set_attr(e, "operation", "in_range");
		while (nv_is_pair(p_peek(p))) {
			const char *tok = p_next(p);
			char *name = g_strndup(tok, (size_t)(strchr(tok, '=') - tok));

			pcmk_xml_set_attr(e, name, strchr(tok, '=') + 1);
			g_free(name);
		}
		return 0;
	}
	if ((op != NULL) && ((strcmp(op, "gt") == 0) || (strcmp(op, "lt") == 0)) && !p_end(p)) {
		pcmk_xml_set_attr(e, "operation", op);
		pcmk_xml_set_attr(e, (strcmp(op, "gt") == 0) ? "start" : "end", p_next(p));
		return 0;
	}
	if ((op != NULL) && (strcmp(op, "spec") == 0)) {
		return date_spec(p, e);
	}
	p->i -= (op != NULL);
	return p_fail(p, "expected in, gt, lt or spec");
}

static int expression(struct parser *p, xmlNode *rule)
{
	const char *w = p_peek(p);
	xmlNode *e = NULL;

	if (w == NULL) {
		return p_fail(p, "expected <expression>");
	}
	if (strcmp(w, "date") == 0) {
		p->i++;
		return date_expr(p, rule);
	}
	if (in_list(unary_ops, w) && (p_peek_at(p, 1) != NULL)) {
		e = new_expr(p, rule, "expression");
		pcmk_xml_set_attr(e, "operation", p_next(p));
		pcmk_xml_set_attr(e, "attribute", p_next(p));
		return 0;
	}
	if (!in_list(binary_ops, p_peek_at(p, 1)) || (p_peek_at(p, 2) == NULL)) {
		return p_fail(p, "expected <attribute> <op> <value>");
	}
	e = new_expr(p, rule, "expression");
	pcmk_xml_set_attr(e, "attribute", p_next(p));
	pcmk_xml_set_attr(e, "operation", p_next(p));
	pcmk_xml_set_attr(e, "value", p_next(p));
	return 0;
}

/* rule options before the score: role=R, $role=R, $id=ID */
static void rule_options(struct parser *p, xmlNode *rule)
{
	while (nv_is_pair(p_peek(p))) {
		const char *tok = p_next(p);
		const char *eq = strchr(tok, '=');
		const char *name = (tok[0] == '$') ? tok + 1 : tok;
		char *n = g_strndup(name, (size_t)(eq - name));

		pcmk_xml_set_attr(rule, n, eq + 1);
		g_free(n);
	}
}

int parse_rule(struct parser *p, xmlNode *parent, const char *owner_id)
{
	xmlNode *rule = pcmk_xml_add_child(parent, "rule");
	char *base = g_strdup_printf("%s-rule", owner_id);
	char *id = p_new_id(p, base);

	g_free(base);
	rule_options(p, rule);
	if (parse_score(p_peek(p), rule, "score") == 0) {
		p->i++;
	} else {
		pcmk_xml_set_attr(rule, "score", "INFINITY");
	}
	if (pcmk_xml_attr(rule, "id") == NULL) {
		pcmk_xml_set_attr(rule, "id", id);
	}
	g_free(id);
	for (;;) {
		const char *w = NULL;

		if (expression(p, rule) < 0) {
			return -EINVAL;
		}
		w = p_peek(p);
		if ((w == NULL) || ((strcmp(w, "and") != 0) && (strcmp(w, "or") != 0))) {
			return 0;
		}
		if (strcmp(w, "or") == 0) {
			pcmk_xml_set_attr(rule, "boolean-op", "or");
		}
		p->i++;
	}
}
