/*
 * Rules for <parameters> that the schema cannot express: unique names,
 * defaults that fit the declared type, no default on a required
 * parameter, deprecated parameters pointing at real replacements.
 *
 * An empty default (default="") counts as no default: agents write it for
 * parameters without one, and the agent sees the same empty OCF_RESKEY_
 * value either way.
 */
#include <stdlib.h>
#include <string.h>

#include "ra_meta.h"

typedef int (*value_check_fn)(xmlNode *content, const char *value);

static int is_duration(xmlNode *content, const char *value)
{
	uint64_t ms;

	return ra_duration_parse(value, &ms) == 0;
}

static int is_bool(xmlNode *content, const char *value)
{
	return ra_is_boolean(value);
}

static int is_int(xmlNode *content, const char *value)
{
	return ra_is_integer(value);
}

static int is_option(xmlNode *content, const char *value)
{
	xmlNode *opt = NULL;
	int found = 0;

	while (!found && (opt = ra_xml_next(content, opt, "option")) != NULL) {
		char *v = ra_xml_attr(opt, "value");

		found = v != NULL && strcmp(v, value) == 0;
		xmlFree(v);
	}
	return found;
}

/* What a default of each content type must look like. */
static const struct {
	const char *type;
	value_check_fn check;
	const char *expect;
} type_rules[] = {
	{ "boolean", is_bool, "a boolean (true/false, yes/no, on/off, 1/0)" },
	{ "integer", is_int, "an integer" },
	{ "time", is_duration, "a duration such as 20s" },
	{ "second", is_duration, "a duration such as 20s" },
	{ "select", is_option, "one of its options" },
};

static void check_default(xmlNode *param, xmlNode *content, const char *type, const char *dflt,
			  struct ra_report *report)
{
	size_t i;

	for (i = 0; i < sizeof(type_rules) / sizeof(type_rules[0]); i++) {
		if (strcmp(type, type_rules[i].type) != 0)
			continue;
		if (!type_rules[i].check(content, dflt))
			ra_report_add(report, RA_ERROR, param,
				      "default \"%s\" of type %s is not %s", dflt, type,
				      type_rules[i].expect);
		return;
	}
}

static void check_options_unique(xmlNode *param, xmlNode *content, struct ra_report *report)
{
	xmlNode *a = NULL, *b;

	while ((a = ra_xml_next(content, a, "option")) != NULL) {
		char *va = ra_xml_attr(a, "value");

		for (b = a; va != NULL && (b = ra_xml_next(content, b, "option")) != NULL;) {
			char *vb = ra_xml_attr(b, "value");

			if (vb != NULL && strcmp(va, vb) == 0)
				ra_report_add(report, RA_ERROR, param,
					      "option \"%s\" listed twice (line %ld)", va,
					      xmlGetLineNo(b));
			xmlFree(vb);
		}
		xmlFree(va);
	}
}

static void check_content(xmlNode *param, struct ra_report *report)
{
	xmlNode *content = ra_xml_next(param, NULL, "content");
	char *required = ra_xml_attr(param, "required");
	char *type = content ? ra_xml_attr(content, "type") : NULL;
	char *dflt = content ? ra_xml_attr(content, "default") : NULL;

	if (dflt != NULL && dflt[0] != '\0') {
		if (required != NULL && strcmp(required, "1") == 0)
			ra_report_add(report, RA_ERROR, param,
				      "required parameter has a default (\"%s\"): a default "
				      "makes it optional",
				      dflt);
		if (type != NULL)
			check_default(param, content, type, dflt, report);
	}
	if (type != NULL && strcmp(type, "select") == 0)
		check_options_unique(param, content, report);
	xmlFree(required);
	xmlFree(type);
	xmlFree(dflt);
}

/* The parameter named name, other than except; NULL if none. */
static xmlNode *param_find(xmlNode *params, xmlNode *except, const char *name)
{
	xmlNode *p = NULL;

	while ((p = ra_xml_next(params, p, "parameter")) != NULL) {
		char *n = p == except ? NULL : ra_xml_attr(p, "name");
		int same = n != NULL && strcmp(n, name) == 0;

		xmlFree(n);
		if (same)
			return p;
	}
	return NULL;
}

static void check_replacements(xmlNode *params, xmlNode *param, struct ra_report *report)
{
	xmlNode *dep = ra_xml_next(param, NULL, "deprecated");
	xmlNode *r = NULL;

	while (dep != NULL && (r = ra_xml_next(dep, r, "replaced-with")) != NULL) {
		char *name = ra_xml_attr(r, "name");

		if (name != NULL && param_find(params, param, name) == NULL)
			ra_report_add(report, RA_ERROR, param,
				      "deprecated in favour of \"%s\", which is not a parameter",
				      name);
		xmlFree(name);
	}
}

/* Reports the second and later parameters of a name, once each. */
static void check_unique_name(xmlNode *params, xmlNode *param, struct ra_report *report)
{
	char *name = ra_xml_attr(param, "name");
	xmlNode *first = name ? param_find(params, NULL, name) : NULL;

	if (first != NULL && first != param)
		ra_report_add(report, RA_ERROR, param, "parameter name already used on line %ld",
			      xmlGetLineNo(first));
	xmlFree(name);
}

void ra_meta_check_parameters(xmlNode *agent, struct ra_report *report)
{
	xmlNode *params = ra_xml_next(agent, NULL, "parameters");
	xmlNode *p = NULL;

	while (params != NULL && (p = ra_xml_next(params, p, "parameter")) != NULL) {
		check_unique_name(params, p, report);
		check_content(p, report);
		check_replacements(params, p, report);
	}
}
