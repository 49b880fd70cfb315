/*
 * primitive, rsc_template and monitor: a resource's agent, its attribute
 * sets (params, meta, utilization) and its operations.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

/* Attributes an <op> takes itself; anything else is an op parameter
 * (op_params, an instance_attributes set inside the op). */
static const char *const op_attributes[] = {
	"interval",        "timeout",        "on-fail",     "role", "enabled", "start-delay",
	"interval-origin", "record-pending", "description", "name", NULL,
};

/* The set keywords of a resource and the set each one makes. */
static const struct {
	const char *word;
	const char *tag;
	const char *suffix;
} set_words[] = {
	{ "params", "instance_attributes", "instance_attributes" },
	{ "meta", "meta_attributes", "meta_attributes" },
	{ "utilization", "utilization", "utilization" },
};

static bool in_list(const char *const *list, const char *word)
{
	for (size_t i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], word) == 0) {
			return true;
		}
	}
	return false;
}

/* Fill class/provider/type (or template) of @rsc from @spec. */
static void set_agent(xmlNode *rsc, const char *spec)
{
	char **parts = g_strsplit(spec, ":", 3);
	guint n = g_strv_length(parts);

	if (spec[0] == '@') {
		pcmk_xml_set_attr(rsc, "template", spec + 1);
	} else if (n == 3) {
		pcmk_xml_set_attr(rsc, "class", parts[0]);
		pcmk_xml_set_attr(rsc, "provider", parts[1]);
		pcmk_xml_set_attr(rsc, "type", parts[2]);
	} else if ((n == 2) && (strcmp(parts[0], "ocf") == 0)) {
		pcmk_xml_set_attr(rsc, "class", "ocf");
		pcmk_xml_set_attr(rsc, "provider", "heartbeat");
		pcmk_xml_set_attr(rsc, "type", parts[1]);
	} else if (n == 2) {
		/* an unknown class stays as written: the agent check reports it */
		pcmk_xml_set_attr(rsc, "class", parts[0]);
		pcmk_xml_set_attr(rsc, "type", parts[1]);
	} else {
		pcmk_xml_set_attr(rsc, "class", "ocf");
		pcmk_xml_set_attr(rsc, "provider", "heartbeat");
		pcmk_xml_set_attr(rsc, "type", spec);
	}
	g_strfreev(parts);
}

static xmlNode *operations_of(xmlNode *rsc)
{
	xmlNode *ops = pcmk_xml_first_child(rsc, "operations");

	return (ops != NULL) ? ops : pcmk_xml_add_child(rsc, "operations");
}

/* The id crmsh gives an op: RSC-NAME-INTERVAL. */
static char *op_id_base(const char *rsc_id, xmlNode *op)
{
	const char *interval = pcmk_xml_attr(op, "interval");

	return g_strdup_printf("%s-%s-%s", rsc_id, pcmk_xml_attr(op, "name"),
			       (interval != NULL) ? interval : "0");
}

/* Set attribute @tok (name=value) on @op when it is one an op takes;
 * returns false for an op parameter. */
static bool op_attr(xmlNode *op, const char *tok)
{
	const char *eq = strchr(tok, '=');
	char *name = g_strndup(tok, (size_t)(eq - tok));
	bool known = in_list(op_attributes, name);

	if (known) {
		pcmk_xml_set_attr(op, name, eq + 1);
	}
	g_free(name);
	return known;
}

/* The op parameters @extra (name=value tokens) as OPID-instance_attributes. */
static void add_op_params(struct parser *p, xmlNode *op, GPtrArray *extra)
{
	char *set_id = g_strdup_printf("%s-instance_attributes", pcmk_xml_attr(op, "id"));
	xmlNode *set = pcmk_xml_add_child(op, "instance_attributes");

	pcmk_xml_set_attr(set, "id", set_id);
	p_claim_id(p, set_id);
	for (guint i = 0; i < extra->len; i++) {
		nv_add_pair(p, set, g_ptr_array_index(extra, i));
	}
	g_free(set_id);
}

/* op NAME name=value...; the op's id needs the interval, so op
 * parameters are added once all attributes are read. */
static int parse_op(struct parser *p, xmlNode *rsc)
{
	const char *name = p_peek(p);
	GPtrArray *extra = NULL;
	xmlNode *op = NULL;
	char *base = NULL, *id = NULL;

	if ((name == NULL) || nv_is_pair(name)) {
		return p_fail(p, "expected <op name>");
	}
	p->i++;
	op = pcmk_xml_add_child(operations_of(rsc), "op");
	pcmk_xml_set_attr(op, "name", name);
	extra = g_ptr_array_new();
	while (nv_is_pair(p_peek(p))) {
		const char *tok = p_next(p);

		if (!op_attr(op, tok)) {
			g_ptr_array_add(extra, (gpointer)tok);
		}
	}
	if (pcmk_xml_attr(op, "interval") == NULL) {
		pcmk_xml_set_attr(op, "interval", "0"); /* the schema wants one */
	}
	base = op_id_base(pcmk_xml_attr(rsc, "id"), op);
	id = p_new_id(p, base);
	pcmk_xml_set_attr(op, "id", id);
	if (extra->len > 0) {
		add_op_params(p, op, extra);
	}
	g_ptr_array_free(extra, TRUE);
	g_free(base);
	g_free(id);
	return 0;
}

/* params/meta/utilization NAME=VALUE...: a set named RSC-SUFFIX. */
static int parse_set_word(struct parser *p, xmlNode *rsc, size_t w)
{
	char *base = g_strdup_printf("%s-%s", pcmk_xml_attr(rsc, "id"), set_words[w].suffix);
	char *id = p_new_id(p, base);
	xmlNode *set = nv_parse_set(p, rsc, set_words[w].tag, id);

	g_free(base);
	g_free(id);
	return (set != NULL) ? 0 : p_fail(p, "expected <name>=<value>");
}

int parse_rsc_attrs(struct parser *p, xmlNode *rsc, bool with_ops)
{
	while (!p_end(p)) {
		const char *w = p_peek(p);
		size_t i = 0;

		for (; i < G_N_ELEMENTS(set_words); i++) {
			if ((strcmp(w, set_words[i].word) == 0) ||
			    ((i == 0) && (strcmp(w, "param") == 0))) {
				break;
			}
		}
		p->i++;
		if (i < G_N_ELEMENTS(set_words)) {
			if (parse_set_word(p, rsc, i) < 0) {
				return -EINVAL;
			}
		} else if (with_ops && (strcmp(w, "op") == 0)) {
			if (parse_op(p, rsc) < 0) {
				return -EINVAL;
			}
		} else {
			p->i--;
			return p_fail(p, with_ops ? "expected params, meta, utilization or op"
						  : "expected params or meta");
		}
	}
	return 0;
}

static int parse_resource(struct parser *p, struct crmconf_cmd *cmd, const char *tag)
{
	const char *id = p_next(p);
	const char *agent = NULL;

	if (id == NULL) {
		return p_fail(p, "expected <id>");
	}
	agent = p_next(p);
	if (agent == NULL) {
		return p_fail(p, "expected <class>:<provider>:<type>");
	}
	cmd->xml = pcmk_xml_new_root(tag);
	pcmk_xml_set_attr(cmd->xml, "id", id);
	p_claim_id(p, id);
	set_agent(cmd->xml, agent);
	return parse_rsc_attrs(p, cmd->xml, true);
}

int parse_primitive(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_resource(p, cmd, "primitive");
}

int parse_template(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_resource(p, cmd, "template");
}

/* monitor RSC[:ROLE] INTERVAL[:TIMEOUT] */
int parse_monitor(struct parser *p, struct crmconf_cmd *cmd)
{
	const char *rsc = p_next(p);
	const char *spec = p_next(p);
	char **r = NULL, **t = NULL;

	if ((rsc == NULL) || (spec == NULL) || !p_end(p)) {
		return p_fail(p, "expected <rsc>[:<role>] <interval>[:<timeout>]");
	}
	r = g_strsplit(rsc, ":", 2);
	t = g_strsplit(spec, ":", 2);
	g_ptr_array_add(cmd->args, g_strdup(r[0]));
	cmd->xml = pcmk_xml_new_root("op");
	pcmk_xml_set_attr(cmd->xml, "name", "monitor");
	pcmk_xml_set_attr(cmd->xml, "interval", t[0]);
	if (t[1] != NULL) {
		pcmk_xml_set_attr(cmd->xml, "timeout", t[1]);
	}
	if (r[1] != NULL) {
		pcmk_xml_set_attr(cmd->xml, "role", r[1]);
	}
	g_strfreev(r);
	g_strfreev(t);
	return 0;
}

int apply_monitor(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		  struct crmconf_msgs *msgs)
{
	const char *rsc_id = g_ptr_array_index(cmd->args, 0);
	xmlNode *rsc = cib_find_object(cib, rsc_id);
	xmlNode *op = NULL;
	char *base = NULL, *id = NULL;

	(void)opts;
	if (!pcmk_xml_is(rsc, "primitive")) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "primitive %s does not exist", rsc_id);
		return -ENOENT;
	}
	op = xmlDocCopyNode(cmd->xml, cib, 1);
	xmlAddChild(operations_of(rsc), op);
	base = op_id_base(rsc_id, op);
	id = id_unique(cib, NULL, base);
	pcmk_xml_set_attr(op, "id", id);
	g_free(base);
	g_free(id);
	return 0;
}
