/*
 * location, colocation and order.  A constraint between two plain
 * resources uses rsc/with-rsc (first/then); anything else becomes
 * resource sets (sets.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

/* inf/+inf/-inf as pacemaker writes them. */
static const struct {
	const char *cli;
	const char *xml;
} infinities[] = {
	{ "inf", "INFINITY" },      { "+inf", "+INFINITY" },      { "-inf", "-INFINITY" },
	{ "INFINITY", "INFINITY" }, { "+INFINITY", "+INFINITY" }, { "-INFINITY", "-INFINITY" },
};

static bool is_number(const char *s)
{
	char *end = NULL;

	if ((*s == '\0') || (*s == ' ')) {
		return false;
	}
	(void)strtoll(s, &end, 10);
	return *end == '\0';
}

/* @tok is "SCORE:"; a number or infinity goes to @attr, anything else is
 * the name of a node attribute (score-attribute).  Returns -EINVAL when
 * @tok is no score. */
int parse_score(const char *tok, xmlNode *elem, const char *attr)
{
	size_t len = (tok != NULL) ? strlen(tok) : 0;
	char *s = NULL;

	if ((len < 2) || (tok[len - 1] != ':')) {
		return -EINVAL;
	}
	s = g_strndup(tok, len - 1);
	for (size_t i = 0; i < G_N_ELEMENTS(infinities); i++) {
		if (g_ascii_strcasecmp(s, infinities[i].cli) == 0) {
			pcmk_xml_set_attr(elem, attr, infinities[i].xml);
			g_free(s);
			return 0;
		}
	}
	pcmk_xml_set_attr(elem, is_number(s) ? attr : "score-attribute", s);
	g_free(s);
	return 0;
}

static int new_constraint(struct parser *p, struct crmconf_cmd *cmd, const char *tag)
{
	const char *id = p_next(p);

	if (id == NULL) {
		return p_fail(p, "expected <id>");
	}
	cmd->xml = pcmk_xml_new_root(tag);
	pcmk_xml_set_attr(cmd->xml, "id", id);
	p_claim_id(p, id);
	return 0;
}

/* Options written name=value before the score of a location. */
static void location_options(struct parser *p, xmlNode *loc)
{
	while (nv_is_pair(p_peek(p))) {
		const char *tok = p_next(p);
		const char *eq = strchr(tok, '=');
		char *name = g_strndup(tok, (size_t)(eq - tok));

		pcmk_xml_set_attr(loc, (strcmp(name, "$role") == 0) ? "role" : name, eq + 1);
		g_free(name);
	}
}

int parse_location(struct parser *p, struct crmconf_cmd *cmd)
{
	static const char *expected = "expected <score>: <node> or <rule> [<rule> ...]";
	const char *rsc = NULL;

	if (new_constraint(p, cmd, "rsc_location") < 0) {
		return -EINVAL;
	}
	rsc = p_next(p);
	if (rsc == NULL) {
		return p_fail(p, "expected <rsc>");
	}
	pcmk_xml_set_attr(cmd->xml, "rsc", rsc);
	location_options(p, cmd->xml);
	if ((p_peek(p) != NULL) && (strcmp(p_peek(p), "rule") == 0)) {
		while (p_accept(p, "rule")) {
			if (parse_rule(p, cmd->xml, pcmk_xml_attr(cmd->xml, "id")) < 0) {
				return -EINVAL;
			}
		}
		return p_end(p) ? 0 : p_fail(p, expected);
	}
	if ((parse_score(p_peek(p), cmd->xml, "score") < 0) || (p_peek_at(p, 1) == NULL)) {
		return p_fail(p, expected);
	}
	p->i++;
	pcmk_xml_set_attr(cmd->xml, "node", p_next(p));
	return p_end(p) ? 0 : p_fail(p, expected);
}

int parse_colocation(struct parser *p, struct crmconf_cmd *cmd)
{
	if (new_constraint(p, cmd, "rsc_colocation") < 0) {
		return -EINVAL;
	}
	if (parse_score(p_peek(p), cmd->xml, "score") < 0) {
		return p_fail(p, "Expected <score>:");
	}
	p->i++;
	return parse_sets(p, cmd->xml, false);
}

/* The kinds an order takes, and the scores crmsh turns into kinds. */
static const struct {
	const char *word;
	const char *kind;
} order_kinds[] = {
	{ "Mandatory:", "Mandatory" }, { "Optional:", "Optional" }, { "Serialize:", "Serialize" },
	{ "inf:", "Mandatory" },       { "+inf:", "Mandatory" },    { "0:", "Optional" },
};

static int order_kind(struct parser *p, xmlNode *order)
{
	const char *tok = p_peek(p);

	for (size_t i = 0; (tok != NULL) && (i < G_N_ELEMENTS(order_kinds)); i++) {
		if (strcmp(tok, order_kinds[i].word) == 0) {
			pcmk_xml_set_attr(order, "kind", order_kinds[i].kind);
			p->i++;
			return 0;
		}
	}
	if ((tok != NULL) && g_str_has_suffix(tok, ":")) {
		if ((parse_score(tok, order, "score") < 0) ||
		    (pcmk_xml_attr(order, "score-attribute") != NULL)) {
			return p_fail(p, "expected Mandatory:, Optional:, Serialize: or <score>:");
		}
		p->i++;
	}
	return 0;
}

int parse_order(struct parser *p, struct crmconf_cmd *cmd)
{
	if ((new_constraint(p, cmd, "rsc_order") < 0) || (order_kind(p, cmd->xml) < 0)) {
		return -EINVAL;
	}
	return parse_sets(p, cmd->xml, true);
}
