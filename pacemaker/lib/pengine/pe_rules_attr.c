/*
 * Node attribute and "#role" expressions.  Comparisons follow pacemaker
 * 2.1.5 exactly, quirks included (strings compare without case; a value
 * that does not read as the requested type is compared as a string), so
 * location rules select the same nodes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/common/xml.h>

#include "pe_rules_private.h"

static int cmp_ll(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int cmp_string(const char *l, const char *r)
{
	int rc = strcasecmp(l, r);

	return (rc > 0) - (rc < 0);
}

static bool scan_ll(const char *text, long long *out)
{
	char *end = NULL;

	errno = 0;
	*out = strtoll(text, &end, 10);
	return (errno == 0) && (end != text);
}

static bool scan_double(const char *text, double *out)
{
	char *end = NULL;

	errno = 0;
	*out = strtod(text, &end);
	return (errno == 0) && (end != text);
}

static int cmp_integer(const char *l, const char *r)
{
	long long a, b;

	if (scan_ll(l, &a) && scan_ll(r, &b)) {
		return cmp_ll(a, b);
	}
	return cmp_string(l, r);
}

static int cmp_number(const char *l, const char *r)
{
	double a, b;

	if (scan_double(l, &a) && scan_double(r, &b)) {
		return (a > b) - (a < b);
	}
	return cmp_string(l, r);
}

/* One dot-separated component; what is not a number counts as 0. */
static long long version_part(const char **p)
{
	long long value = 0;

	if (*p == NULL) {
		return 0;
	}
	value = strtoll(*p, NULL, 10);
	*p = strchr(*p, '.');
	if (*p != NULL) {
		(*p)++;
	}
	return value;
}

/* "1.2" < "1.10", and missing components are 0 ("1.0" == "1"). */
static int cmp_version(const char *l, const char *r)
{
	while ((l != NULL) || (r != NULL)) {
		int rc = cmp_ll(version_part(&l), version_part(&r));

		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}

static const struct {
	const char *name;
	int (*cmp)(const char *l, const char *r);
} types[] = {
	{ "string", cmp_string },
	{ "integer", cmp_integer },
	{ "number", cmp_number },
	{ "version", cmp_version },
};

bool pe__rule_attr_type_known(const char *type)
{
	for (size_t i = 0; (type != NULL) && (i < sizeof(types) / sizeof(types[0])); i++) {
		if (strcasecmp(type, types[i].name) == 0) {
			return true;
		}
	}
	return type == NULL;
}

/* Without a type, ordering operations compare numbers (with a '.'
 * anywhere, as floating point) and eq/ne compare strings.  An unknown type
 * compares equal, as in pacemaker. */
static int compare(const char *l, const char *r, const char *type, const char *op)
{
	if ((l == NULL) || (r == NULL)) {
		return (l != NULL) - (r != NULL);
	}
	if (type == NULL) {
		bool ordering = (strcasecmp(op, "lt") == 0) || (strcasecmp(op, "lte") == 0) ||
				(strcasecmp(op, "gt") == 0) || (strcasecmp(op, "gte") == 0);

		if (!ordering) {
			type = "string";
		} else {
			type = (strchr(l, '.') || strchr(r, '.')) ? "number" : "integer";
		}
	}
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcasecmp(type, types[i].name) == 0) {
			return types[i].cmp(l, r);
		}
	}
	return 0;
}

static const struct {
	const char *name;
	bool needs_both; /* false when either side is missing */
	int want_lt, want_eq, want_gt;
} ops[] = {
	{ "eq", false, 0, 1, 0 }, { "ne", false, 1, 0, 1 }, { "lt", true, 1, 0, 0 },
	{ "lte", true, 1, 1, 0 }, { "gt", true, 0, 0, 1 },  { "gte", true, 0, 1, 1 },
};

bool pe__rule_attr_op_known(const char *op)
{
	if (op == NULL) {
		return false;
	}
	if ((strcasecmp(op, "defined") == 0) || (strcasecmp(op, "not_defined") == 0)) {
		return true;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcasecmp(op, ops[i].name) == 0) {
			return true;
		}
	}
	return false;
}

static bool accept(const char *l, const char *r, const char *type, const char *op)
{
	int cmp;

	if (op == NULL) {
		return false;
	}
	if (strcasecmp(op, "defined") == 0) {
		return l != NULL;
	}
	if (strcasecmp(op, "not_defined") == 0) {
		return l == NULL;
	}
	cmp = compare(l, r, type, op);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcasecmp(op, ops[i].name) != 0) {
			continue;
		}
		if (ops[i].needs_both && ((l == NULL) || (r == NULL))) {
			return false;
		}
		return (cmp < 0) ? ops[i].want_lt : (cmp == 0) ? ops[i].want_eq : ops[i].want_gt;
	}
	return false;
}

/* "%0".."%9" in @name become the rsc-pattern submatches; a reference to
 * a group that did not match is dropped.  Returns a g_malloc'd string, or
 * NULL when there is nothing to expand. */
static char *expand_submatches(const char *name, const struct pe_rule_input *in)
{
	GString *out;

	if ((in->rsc_id == NULL) || (in->rsc_id_submatches == NULL) ||
	    (strchr(name, '%') == NULL)) {
		return NULL;
	}
	out = g_string_new(NULL);
	for (const char *p = name; *p != '\0'; p++) {
		int i;

		if ((p[0] != '%') || !isdigit((unsigned char)p[1])) {
			g_string_append_c(out, p[0]);
			continue;
		}
		i = p[1] - '0';
		p++;
		if ((i < in->rsc_id_nmatches) && (in->rsc_id_submatches[i].rm_so >= 0) &&
		    (in->rsc_id_submatches[i].rm_eo > in->rsc_id_submatches[i].rm_so)) {
			const regmatch_t *m = &in->rsc_id_submatches[i];

			g_string_append_len(out, in->rsc_id + m->rm_so, m->rm_eo - m->rm_so);
		}
	}
	return g_string_free(out, FALSE);
}

/* The right-hand value: literal, or (in location rules) the resource
 * parameter or meta attribute it names. */
static const char *right_value(const xmlNode *expr, const struct pe_rule_input *in)
{
	const char *value = pcmk_xml_attr(expr, "value");
	const char *source = pcmk_xml_attr(expr, "value-source");
	GHashTable *table;

	if ((in->rsc_params == NULL) && (in->rsc_meta == NULL)) {
		return value;
	}
	if ((value == NULL) || (value[0] == '\0')) {
		return NULL;
	}
	if ((source != NULL) && (strcasecmp(source, "param") == 0)) {
		table = in->rsc_params;
	} else if ((source != NULL) && (strcasecmp(source, "meta") == 0)) {
		table = in->rsc_meta;
	} else {
		return value;
	}
	return (table != NULL) ? g_hash_table_lookup(table, value) : NULL;
}

bool pe__rule_attr_eval(const xmlNode *expr, const struct pe_rule_input *in)
{
	const char *attr = pcmk_xml_attr(expr, "attribute");
	const char *left = NULL;
	char *expanded;
	bool result;

	/* With no node there is nothing to compare against. */
	if ((attr == NULL) || (in->node_attrs == NULL)) {
		return false;
	}
	expanded = expand_submatches(attr, in);
	left = g_hash_table_lookup(in->node_attrs, (expanded != NULL) ? expanded : attr);
	result = accept(left, right_value(expr, in), pcmk_xml_attr(expr, "type"),
			pcmk_xml_attr(expr, "operation"));
	g_free(expanded);
	return result;
}

enum role_rank { ROLE_UNKNOWN, ROLE_STOPPED, ROLE_STARTED, ROLE_UNPROMOTED, ROLE_PROMOTED };

static const struct {
	const char *name;
	enum role_rank rank;
} roles[] = {
	{ "Stopped", ROLE_STOPPED },       { "Started", ROLE_STARTED },
	{ "Unpromoted", ROLE_UNPROMOTED }, { "Slave", ROLE_UNPROMOTED },
	{ "Promoted", ROLE_PROMOTED },     { "Master", ROLE_PROMOTED },
};

static enum role_rank role_rank(const char *text)
{
	for (size_t i = 0; (text != NULL) && (i < sizeof(roles) / sizeof(roles[0])); i++) {
		if (strcasecmp(text, roles[i].name) == 0) {
			return roles[i].rank;
		}
	}
	return ROLE_UNKNOWN;
}

/* "defined" means a promotable role, "not_defined" a plain one, and "ne"
 * only ever holds for promotable roles: pacemaker's meaning of #role. */
bool pe__rule_role_eval(const xmlNode *expr, const struct pe_rule_input *in)
{
	enum role_rank role = role_rank(in->role);
	const char *op = pcmk_xml_attr(expr, "operation");
	bool plain = (role == ROLE_STOPPED) || (role == ROLE_STARTED);

	if ((role == ROLE_UNKNOWN) || (op == NULL)) {
		return false;
	}
	if (strcasecmp(op, "defined") == 0) {
		return role > ROLE_STARTED;
	}
	if (strcasecmp(op, "not_defined") == 0) {
		return plain;
	}
	if (strcasecmp(op, "eq") == 0) {
		return role_rank(pcmk_xml_attr(expr, "value")) == role;
	}
	if (strcasecmp(op, "ne") == 0) {
		return !plain && (role_rank(pcmk_xml_attr(expr, "value")) != role);
	}
	return false;
}
