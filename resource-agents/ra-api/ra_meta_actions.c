/*
 * Rules for <actions> that the schema cannot express: durations that
 * parse, no two entries a manager could not tell apart, the mandatory
 * actions present.
 */
#include <stdlib.h>
#include <string.h>

#include "ra_meta.h"

/* OCF 1.0 and 1.1 both make these mandatory; status stands in for
   monitor in agents written to the 1.0 draft's wording. */
static const struct {
	const char *name;
	const char *alternative;
	enum ra_severity if_missing;
	const char *why;
} required_actions[] = {
	{ "start", NULL, RA_ERROR, "mandatory" },
	{ "stop", NULL, RA_ERROR, "mandatory" },
	{ "monitor", "status", RA_ERROR, "mandatory" },
	{ "meta-data", NULL, RA_ERROR, "mandatory" },
	{ "validate-all", NULL, RA_WARNING, "optional in OCF but expected by resource managers" },
};

/* The names ra-api-1.rng admits; kept here to explain a rejected one. */
static const char *const known_actions[] = {
	"start",      "stop",         "monitor", "meta-data", "status",        "validate-all",
	"recover",    "reload",       "restart", "promote",   "demote",        "notify",
	"migrate_to", "migrate_from", "usage",   "methods",   "reload-params", "reload-agent",
};

static const char *const duration_attrs[] = { "timeout", "interval", "start-delay" };

/* Parses the duration attribute attr of action (0 when absent). */
static int action_duration(xmlNode *action, const char *attr, uint64_t *ms,
			   struct ra_report *report)
{
	char *v = ra_xml_attr(action, attr);
	int rc = 0;

	*ms = 0;
	if (v != NULL && ra_duration_parse(v, ms) != 0) {
		if (report != NULL)
			ra_report_add(report, RA_ERROR, action,
				      "%s \"%s\" is not a duration (e.g. 20s, 20, 1m, 500ms)", attr,
				      v);
		rc = -1;
	}
	xmlFree(v);
	return rc;
}

static int attr_equal(xmlNode *a, xmlNode *b, const char *attr)
{
	char *va = ra_xml_attr(a, attr), *vb = ra_xml_attr(b, attr);
	int same = (va == NULL && vb == NULL) || (va && vb && strcmp(va, vb) == 0);

	xmlFree(va);
	xmlFree(vb);
	return same;
}

/* A manager keys an operation by name, role and interval. */
static int same_operation(xmlNode *a, xmlNode *b)
{
	uint64_t ia, ib;

	if (!attr_equal(a, b, "name") || !attr_equal(a, b, "role"))
		return 0;
	if (action_duration(a, "interval", &ia, NULL) || action_duration(b, "interval", &ib, NULL))
		return 0;
	return ia == ib;
}

static void check_unique(xmlNode *actions, xmlNode *action, struct ra_report *report)
{
	xmlNode *other = NULL;

	while ((other = ra_xml_next(actions, other, "action")) != action) {
		if (same_operation(other, action)) {
			ra_report_add(report, RA_ERROR, action,
				      "same name, role and interval as the action on line %ld",
				      xmlGetLineNo(other));
			return;
		}
	}
}

static void check_durations(xmlNode *action, struct ra_report *report)
{
	uint64_t ms;
	size_t i;

	for (i = 0; i < sizeof(duration_attrs) / sizeof(duration_attrs[0]); i++)
		action_duration(action, duration_attrs[i], &ms, report);
	if (action_duration(action, "timeout", &ms, NULL) == 0 && ms == 0)
		ra_report_add(report, RA_WARNING, action, "timeout of 0 leaves no time to act");
}

/* Check levels 0, 10 and 20 are defined; the rest are reserved. */
static void check_depth(xmlNode *action, struct ra_report *report)
{
	char *depth = ra_xml_attr(action, "depth");
	char *name = ra_xml_attr(action, "name");

	if (depth != NULL && strcmp(depth, "0") != 0 && strcmp(depth, "10") != 0 &&
	    strcmp(depth, "20") != 0)
		ra_report_add(report, RA_WARNING, action,
			      "depth %s is a reserved check level (OCF defines 0, 10, 20)", depth);
	if (depth != NULL && name != NULL && strcmp(name, "monitor") != 0 &&
	    strcmp(name, "status") != 0 && strcmp(name, "validate-all") != 0)
		ra_report_add(report, RA_WARNING, action,
			      "depth only means something for monitor (status) and validate-all");
	xmlFree(depth);
	xmlFree(name);
}

/* The schema rejects an unknown name; say which name was probably meant. */
static void check_name(xmlNode *action, struct ra_report *report)
{
	char *name = ra_xml_attr(action, "name");
	const char *guess = NULL;
	size_t i;

	for (i = 0; name != NULL && i < sizeof(known_actions) / sizeof(known_actions[0]); i++) {
		if (strcmp(name, known_actions[i]) == 0)
			goto out;
		if (guess == NULL && name[0] != '\0' &&
		    strncmp(name, known_actions[i], strlen(name)) == 0)
			guess = known_actions[i];
	}
	if (name != NULL)
		ra_report_add(report, RA_ERROR, action, "not an action the OCF RA API defines%s%s",
			      guess ? "; did you mean " : "", guess ? guess : "");
out:
	xmlFree(name);
}

static void check_role(xmlNode *action, struct ra_report *report)
{
	char *role = ra_xml_attr(action, "role");

	if (role != NULL && (strcmp(role, "Master") == 0 || strcmp(role, "Slave") == 0))
		ra_report_add(report, RA_WARNING, action,
			      "role %s is the old name; OCF 1.1 says %s", role,
			      role[0] == 'M' ? "Promoted" : "Unpromoted");
	xmlFree(role);
}

static int has_action(xmlNode *actions, const char *name)
{
	xmlNode *a = NULL;
	int found = 0;

	while (!found && name != NULL && (a = ra_xml_next(actions, a, "action")) != NULL) {
		char *n = ra_xml_attr(a, "name");

		found = n != NULL && strcmp(n, name) == 0;
		xmlFree(n);
	}
	return found;
}

static void check_required(xmlNode *actions, struct ra_report *report)
{
	size_t i;

	for (i = 0; i < sizeof(required_actions) / sizeof(required_actions[0]); i++) {
		if (has_action(actions, required_actions[i].name) ||
		    has_action(actions, required_actions[i].alternative))
			continue;
		ra_report_add(report, required_actions[i].if_missing, actions, "no %s action (%s)",
			      required_actions[i].name, required_actions[i].why);
	}
}

static int any_reloadable(xmlNode *agent)
{
	xmlNode *params = ra_xml_next(agent, NULL, "parameters");
	xmlNode *p = NULL;
	int found = 0;

	while (!found && params != NULL && (p = ra_xml_next(params, p, "parameter")) != NULL) {
		char *v = ra_xml_attr(p, "reloadable");

		found = v != NULL && strcmp(v, "1") == 0;
		xmlFree(v);
	}
	return found;
}

/* reloadable="1" promises a way to apply the change without a restart. */
static void check_reload(xmlNode *agent, xmlNode *actions, struct ra_report *report)
{
	if (any_reloadable(agent) && !has_action(actions, "reload-agent") &&
	    !has_action(actions, "reload-params"))
		ra_report_add(
			report, RA_WARNING, actions,
			"reloadable parameters but no reload-agent (or reload-params) action");
}

void ra_meta_check_actions(xmlNode *agent, struct ra_report *report)
{
	xmlNode *actions = ra_xml_next(agent, NULL, "actions");
	xmlNode *a = NULL;

	if (actions == NULL)
		return; /* the schema reports it */
	while ((a = ra_xml_next(actions, a, "action")) != NULL) {
		check_name(a, report);
		check_durations(a, report);
		check_unique(actions, a, report);
		check_depth(a, report);
		check_role(a, report);
	}
	check_required(actions, report);
	check_reload(agent, actions, report);
}
