/*
 * pe_rule_check(): what evaluation silently treats as false or ignores,
 * reported with the rule and the element, so that crm_verify and the
 * tests can tell a rule that does not apply from one that cannot.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/xml.h>

#include "pe_rules_private.h"

static const char *id_of(const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");

	return (id != NULL) ? id : "(no id)";
}

static int fail(char **error, const xmlNode *rule, const xmlNode *elem, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "rule R: ELEMENT ID: what is wrong" (the element part left out when the
 * problem is the rule's own). */
static int fail(char **error, const xmlNode *rule, const xmlNode *elem, const char *fmt, ...)
{
	char *what = NULL;
	va_list ap;
	int rc;

	if (error == NULL) {
		return -EINVAL;
	}
	va_start(ap, fmt);
	rc = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		return -ENOMEM;
	}
	if (elem == rule) {
		rc = asprintf(error, "rule %s: %s", id_of(rule), what);
	} else {
		rc = asprintf(error, "rule %s: %s %s: %s", id_of(rule), (const char *)elem->name,
			      id_of(elem), what);
	}
	free(what);
	if (rc < 0) {
		*error = NULL;
		return -ENOMEM;
	}
	return -EINVAL;
}

static bool in_list(const char *value, const char *const *list)
{
	for (int i = 0; list[i] != NULL; i++) {
		if (strcasecmp(value, list[i]) == 0) {
			return true;
		}
	}
	return false;
}

static int check_expression(const xmlNode *rule, const xmlNode *e, char **error)
{
	static const char *const sources[] = { "literal", "param", "meta", NULL };
	const char *op = pcmk_xml_attr(e, "operation");
	const char *type = pcmk_xml_attr(e, "type");
	const char *source = pcmk_xml_attr(e, "value-source");

	if (pcmk_xml_attr(e, "attribute") == NULL) {
		return fail(error, rule, e, "no attribute to test");
	}
	if (op == NULL) {
		return fail(error, rule, e, "no operation");
	}
	if (!pe__rule_attr_op_known(op)) {
		return fail(error, rule, e, "unknown operation \"%s\"", op);
	}
	if (!pe__rule_attr_type_known(type)) {
		return fail(error, rule, e, "unknown type \"%s\"", type);
	}
	if ((source != NULL) && !in_list(source, sources)) {
		return fail(error, rule, e, "unknown value-source \"%s\"", source);
	}
	return 0;
}

/* Every attribute of @elem but its id must be one of @fields and hold
 * what @valid accepts. */
static int check_fields(const xmlNode *rule, const xmlNode *elem, const char *const *fields,
			bool (*valid)(const xmlNode *elem, const char *name), const char *expected,
			char **error)
{
	for (const xmlAttr *a = elem->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		if (strcmp(name, "id") == 0) {
			continue;
		}
		if (!in_list(name, fields)) {
			return fail(error, rule, elem, "unknown field \"%s\"", name);
		}
		if (!valid(elem, name)) {
			return fail(error, rule, elem, "%s \"%s\" is not %s", name,
				    pcmk_xml_attr(elem, name), expected);
		}
	}
	return 0;
}

static bool valid_range(const xmlNode *elem, const char *name)
{
	long long low, high;

	return pe__rule_range_parse(pcmk_xml_attr(elem, name), &low, &high) == 0;
}

static bool valid_amount(const xmlNode *elem, const char *name)
{
	long long value;

	return pe__rule_duration_field(elem, name, &value) == 0;
}

static int check_bound(const xmlNode *rule, const xmlNode *e, const char *name, bool *present,
		       char **error)
{
	const char *text = pcmk_xml_attr(e, name);
	struct pe_time t;

	*present = (text != NULL);
	if ((text != NULL) && (pe_time_parse(text, &t) < 0)) {
		return fail(error, rule, e, "%s \"%s\" is not an ISO 8601 date", name, text);
	}
	return 0;
}

/* What each operation needs: in_range a start or an end, gt a start, lt
 * an end, date_spec nothing (no date_spec matches every date). */
static int check_date_op(const xmlNode *rule, const xmlNode *e, bool start, bool end, char **error)
{
	const char *op = pcmk_xml_attr(e, "operation");

	if ((op == NULL) || (strcasecmp(op, "in_range") == 0)) {
		return (start || end) ? 0
				      : fail(error, rule, e, "in_range needs a start or an end");
	}
	if (strcasecmp(op, "gt") == 0) {
		return start ? 0 : fail(error, rule, e, "gt needs a start");
	}
	if (strcasecmp(op, "lt") == 0) {
		return end ? 0 : fail(error, rule, e, "lt needs an end");
	}
	if (strcasecmp(op, "date_spec") == 0) {
		return 0;
	}
	return fail(error, rule, e, "unknown operation \"%s\"", op);
}

static int check_date(const xmlNode *rule, const xmlNode *e, char **error)
{
	const xmlNode *spec = pcmk_xml_first_child(e, "date_spec");
	const xmlNode *duration = pcmk_xml_first_child(e, "duration");
	bool start, end;
	int rc;

	if (((rc = check_bound(rule, e, "start", &start, error)) < 0) ||
	    ((rc = check_bound(rule, e, "end", &end, error)) < 0) ||
	    ((rc = check_date_op(rule, e, start, end || (start && duration), error)) < 0)) {
		return rc;
	}
	if ((spec != NULL) && ((rc = check_fields(rule, spec, pe__date_spec_fields, valid_range,
						  "a number or range", error)) < 0)) {
		return rc;
	}
	if (duration != NULL) {
		rc = check_fields(rule, duration, pe__duration_fields, valid_amount, "a number",
				  error);
	}
	return rc;
}

static int check_op(const xmlNode *rule, const xmlNode *e, char **error)
{
	const char *interval = pcmk_xml_attr(e, "interval");
	unsigned int ms;

	if (pcmk_xml_attr(e, "name") == NULL) {
		return fail(error, rule, e, "no operation name");
	}
	if ((interval != NULL) && (pcmk_parse_interval_ms(interval, &ms) < 0)) {
		return fail(error, rule, e, "interval \"%s\" is not an interval", interval);
	}
	return 0;
}

static int check_rsc(const xmlNode *rule, const xmlNode *e, char **error)
{
	(void)rule;
	(void)e;
	(void)error;
	return 0; /* class, provider and type are all optional */
}

static int check_rule(const xmlNode *rule, int depth, char **error);

static const struct {
	const char *element;
	int (*check)(const xmlNode *rule, const xmlNode *child, char **error);
} checks[] = {
	{ "expression", check_expression },
	{ "date_expression", check_date },
	{ "rsc_expression", check_rsc },
	{ "op_expression", check_op },
};

static int check_child(const xmlNode *rule, const xmlNode *child, int depth, char **error)
{
	if (pcmk_xml_is(child, "rule")) {
		return check_rule(child, depth + 1, error);
	}
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		if (pcmk_xml_is(child, checks[i].element)) {
			return checks[i].check(rule, child, error);
		}
	}
	return fail(error, rule, rule, "unknown element <%s>", (const char *)child->name);
}

static int check_rule(const xmlNode *rule, int depth, char **error)
{
	const xmlNode *target = pe__rule_resolve(rule);
	const char *op;

	if (depth > PE__RULE_MAX_DEPTH) {
		return fail(error, rule, rule, "rules nested more than %d deep (an id-ref loop?)",
			    PE__RULE_MAX_DEPTH);
	}
	if (target == NULL) {
		return fail(error, rule, rule, "id-ref \"%s\" names no rule",
			    pcmk_xml_attr(rule, "id-ref"));
	}
	op = pcmk_xml_attr(target, "boolean-op");
	if ((op != NULL) && (strcasecmp(op, "and") != 0) && (strcasecmp(op, "or") != 0)) {
		return fail(error, target, target, "unknown boolean-op \"%s\"", op);
	}
	for (const xmlNode *c = pcmk_xml_first_child(target, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		int rc = check_child(target, c, depth, error);

		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

int pe_rule_check(const xmlNode *rule, char **error)
{
	if (error != NULL) {
		*error = NULL;
	}
	if (!pcmk_xml_is(rule, "rule")) {
		if (error != NULL) {
			*error = strdup("not a <rule> element");
		}
		return -EINVAL;
	}
	return check_rule(rule, 0, error);
}
