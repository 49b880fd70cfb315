/*
 * Rendering constraints (location with rules, colocation, order, their
 * resource sets).  A set constraint the language cannot say back exactly
 * (two adjacent plain sets would read as one) is left to raw XML.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

/* " name=value" for each attribute of @e but id and operation. */
static void render_attrs(GString *out, const xmlNode *e)
{
	for (xmlAttr *a = (e != NULL) ? e->properties : NULL; a != NULL; a = a->next) {
		const char *n = (const char *)a->name;

		if ((strcmp(n, "id") != 0) && (strcmp(n, "operation") != 0)) {
			g_string_append_printf(out, " %s=", n);
			render_value(out, pcmk_xml_attr(e, n));
		}
	}
}

static void render_expr(GString *out, const xmlNode *e)
{
	const char *op = pcmk_xml_attr(e, "operation");

	if (pcmk_xml_is(e, "date_expression")) {
		if (g_strcmp0(op, "date_spec") == 0) {
			g_string_append(out, "date spec");
			render_attrs(out, pcmk_xml_first_child(e, "date_spec"));
		} else if (g_strcmp0(op, "in_range") == 0) {
			g_string_append(out, "date in");
			render_attrs(out, e);
		} else {
			const char *v = pcmk_xml_attr(e, "start");

			g_string_append_printf(out, "date %s %s", op ? op : "",
					       v ? v : pcmk_xml_attr(e, "end"));
		}
		return;
	}
	if (pcmk_xml_attr(e, "value") == NULL) {
		g_string_append_printf(out, "%s %s", op ? op : "", pcmk_xml_attr(e, "attribute"));
	} else {
		g_string_append_printf(out, "%s %s ", pcmk_xml_attr(e, "attribute"), op ? op : "");
		render_value(out, pcmk_xml_attr(e, "value"));
	}
}

void render_rule(GString *out, const xmlNode *rule, bool with_score)
{
	const char *score = pcmk_xml_attr(rule, "score");
	const char *bop = pcmk_xml_attr(rule, "boolean-op");
	bool first = true;

	g_string_append(out, "rule");
	if (pcmk_xml_attr(rule, "role") != NULL) {
		g_string_append_printf(out, " $role=%s", pcmk_xml_attr(rule, "role"));
	}
	if (with_score && (score != NULL) && (g_ascii_strcasecmp(score, "INFINITY") != 0)) {
		g_string_append_c(out, ' ');
		render_score(out, score);
		g_string_append_c(out, ':');
	} else if (pcmk_xml_attr(rule, "score-attribute") != NULL) {
		g_string_append_printf(out, " %s:", pcmk_xml_attr(rule, "score-attribute"));
	}
	for (xmlNode *e = pcmk_xml_first_child(rule, NULL); e != NULL;
	     e = pcmk_xml_next(e, false)) {
		if (!first) {
			g_string_append_printf(out, " %s", bop ? bop : "and");
		}
		g_string_append_c(out, ' ');
		render_expr(out, e);
		first = false;
	}
}

static void render_location(GString *out, const xmlNode *loc)
{
	const char *score = pcmk_xml_attr(loc, "score");

	g_string_append_printf(out, "location %s %s", pcmk_xml_attr(loc, "id"),
			       pcmk_xml_attr(loc, "rsc") ?: pcmk_xml_attr(loc, "rsc-pattern"));
	if (pcmk_xml_attr(loc, "role") != NULL) {
		g_string_append_printf(out, " role=%s", pcmk_xml_attr(loc, "role"));
	}
	if (pcmk_xml_attr(loc, "resource-discovery") != NULL) {
		g_string_append_printf(out, " resource-discovery=%s",
				       pcmk_xml_attr(loc, "resource-discovery"));
	}
	if (pcmk_xml_attr(loc, "node") != NULL) {
		g_string_append_c(out, ' ');
		render_score(out, score ?: pcmk_xml_attr(loc, "score-attribute") ?: "0");
		g_string_append_printf(out, ": %s", pcmk_xml_attr(loc, "node"));
	}
	for (xmlNode *r = pcmk_xml_first_child(loc, "rule"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		g_string_append(out, " \\\n\t");
		render_rule(out, r, true);
	}
}

static bool plain_set(const xmlNode *set)
{
	return (g_strcmp0(pcmk_xml_attr(set, "sequential"), "false") != 0) &&
	       (pcmk_xml_attr(set, "require-all") == NULL);
}

/* Whether the sets of @cons read back as they are. */
static bool sets_expressible(const xmlNode *cons)
{
	bool prev_plain = false;

	for (xmlNode *s = pcmk_xml_first_child(cons, "resource_set"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		if (plain_set(s) && prev_plain) {
			return false;
		}
		prev_plain = plain_set(s);
	}
	return true;
}

static void render_set(GString *out, const xmlNode *set, const char *suffix_attr)
{
	const char *suffix = pcmk_xml_attr(set, suffix_attr);
	bool brackets = g_strcmp0(pcmk_xml_attr(set, "require-all"), "false") == 0;
	bool plain = plain_set(set);

	if (!plain) {
		g_string_append(out, brackets ? " [" : " (");
	}
	for (xmlNode *r = pcmk_xml_first_child(set, "resource_ref"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		g_string_append_printf(out, " %s%s%s", pcmk_xml_attr(r, "id"), suffix ? ":" : "",
				       suffix ? suffix : "");
	}
	if (!plain) {
		g_string_append(out, brackets ? " ]" : " )");
	}
}

/* The two ends (or the sets) of a colocation or order. */
static void render_ends(GString *out, const xmlNode *cons, const char *const names[4],
			const char *suffix_attr)
{
	if (pcmk_xml_first_child(cons, "resource_set") == NULL) {
		for (int i = 0; i < 2; i++) {
			const char *suffix = pcmk_xml_attr(cons, names[2 * i + 1]);

			g_string_append_printf(out, " %s%s%s", pcmk_xml_attr(cons, names[2 * i]),
					       suffix ? ":" : "", suffix ? suffix : "");
		}
		return;
	}
	for (xmlNode *s = pcmk_xml_first_child(cons, "resource_set"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		render_set(out, s, suffix_attr);
	}
}

static void render_colocation(GString *out, const xmlNode *c)
{
	static const char *const names[4] = { "rsc", "rsc-role", "with-rsc", "with-rsc-role" };

	g_string_append_printf(out, "colocation %s ", pcmk_xml_attr(c, "id"));
	render_score(out, pcmk_xml_attr(c, "score") ?: pcmk_xml_attr(c, "score-attribute") ?: "0");
	g_string_append_c(out, ':');
	render_ends(out, c, names, "role");
	if (pcmk_xml_attr(c, "node-attribute") != NULL) {
		g_string_append_printf(out, " node-attribute=%s",
				       pcmk_xml_attr(c, "node-attribute"));
	}
}

static void render_order(GString *out, const xmlNode *o)
{
	static const char *const names[4] = { "first", "first-action", "then", "then-action" };

	g_string_append_printf(out, "order %s", pcmk_xml_attr(o, "id"));
	if (pcmk_xml_attr(o, "kind") != NULL) {
		g_string_append_printf(out, " %s:", pcmk_xml_attr(o, "kind"));
	} else if (pcmk_xml_attr(o, "score") != NULL) {
		g_string_append_c(out, ' ');
		render_score(out, pcmk_xml_attr(o, "score"));
		g_string_append_c(out, ':');
	}
	render_ends(out, o, names, "action");
	if (pcmk_xml_attr(o, "symmetrical") != NULL) {
		g_string_append_printf(out, " symmetrical=%s", pcmk_xml_attr(o, "symmetrical"));
	}
}

bool render_constraint(GString *out, const xmlNode *cons)
{
	if (pcmk_xml_is(cons, "rsc_location")) {
		render_location(out, cons);
	} else if (!pcmk_xml_is(cons, "rsc_colocation") && !pcmk_xml_is(cons, "rsc_order")) {
		return false;
	} else if (!sets_expressible(cons)) {
		return true; /* left empty: raw XML */
	} else if (pcmk_xml_is(cons, "rsc_colocation")) {
		render_colocation(out, cons);
	} else {
		render_order(out, cons);
	}
	return true;
}
