/*
 * The configure command table and the parser's token stream: the first
 * word picks the command (misspellings within two edits are accepted, as
 * crmsh does), the command's parser turns the rest into CIB XML.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

static const struct cmd_def commands[] = {
	{ "primitive", parse_primitive, apply_define },
	{ "rsc_template", parse_template, apply_define },
	{ "group", parse_group, apply_container },
	{ "clone", parse_clone, apply_container },
	{ "ms", parse_ms, apply_container },
	{ "tag", parse_tag, apply_define },
	{ "location", parse_location, apply_define },
	{ "colocation", parse_colocation, apply_define },
	{ "collocation", parse_colocation, apply_define },
	{ "order", parse_order, apply_define },
	{ "property", parse_property, apply_nvset },
	{ "rsc_defaults", parse_rsc_defaults, apply_nvset },
	{ "op_defaults", parse_op_defaults, apply_nvset },
	{ "node", parse_node, apply_define },
	{ "fencing_topology", parse_fencing_topology, apply_define },
	{ "alert", parse_alert, apply_define },
	{ "monitor", parse_monitor, apply_monitor },
	{ "delete", parse_args, apply_delete },
	{ "rename", parse_args, apply_rename },
	{ "modgroup", parse_args, apply_modgroup },
};

const char *p_peek(const struct parser *p)
{
	return p_peek_at(p, 0);
}

const char *p_peek_at(const struct parser *p, size_t ahead)
{
	return (p->i + ahead < p->n) ? p->toks[p->i + ahead].text : NULL;
}

const char *p_next(struct parser *p)
{
	return (p->i < p->n) ? p->toks[p->i++].text : NULL;
}

bool p_end(const struct parser *p)
{
	return p->i >= p->n;
}

bool p_accept(struct parser *p, const char *word)
{
	if ((p_peek(p) != NULL) && (strcmp(p_peek(p), word) == 0)) {
		p->i++;
		return true;
	}
	return false;
}

int p_fail(struct parser *p, const char *expected)
{
	struct crmconf_error *err = p->err;
	bool at_end = p->i >= p->n;

	if ((err == NULL) || (err->expected != NULL)) {
		return -EINVAL; /* the first error found is the one reported */
	}
	err->command = g_strdup(p->cmd);
	err->token = g_strdup(at_end ? "" : p->toks[p->i].text);
	err->pos = at_end ? strlen(p->line) : p->toks[p->i].pos;
	err->expected = g_strdup(expected);
	err->line = g_strdup(p->line);
	return -EINVAL;
}

char *p_new_id(struct parser *p, const char *base)
{
	char *id = id_unique(p->cib, p->ids, base);

	p_claim_id(p, id);
	return id;
}

void p_claim_id(struct parser *p, const char *id)
{
	g_hash_table_add(p->ids, g_strdup(id));
}

/* Edit distance with transpositions (optimal string alignment). */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *d = g_new0(size_t, (la + 1) * (lb + 1));
	size_t r = 0;

	for (size_t i = 0; i <= la; i++) {
		for (size_t j = 0; j <= lb; j++) {
			size_t *c = &d[i * (lb + 1) + j];

			if ((i == 0) || (j == 0)) {
				*c = i + j;
				continue;
			}
			*c = MIN(d[(i - 1) * (lb + 1) + j] + 1, d[i * (lb + 1) + j - 1] + 1);
			*c = MIN(*c, d[(i - 1) * (lb + 1) + j - 1] + (a[i - 1] != b[j - 1]));
			if ((i > 1) && (j > 1) && (a[i - 1] == b[j - 2]) &&
			    (a[i - 2] == b[j - 1])) {
				*c = MIN(*c, d[(i - 2) * (lb + 1) + j - 2] + 1);
			}
		}
	}
	r = d[la * (lb + 1) + lb];
	g_free(d);
	return r;
}

/* The command named @word, or the one command it is a near miss of
 * (*@fuzzy set), or NULL. */
static const struct cmd_def *find_command(const char *word, bool *fuzzy)
{
	const struct cmd_def *best = NULL;
	size_t best_d = 3;
	bool tie = false;

	*fuzzy = false;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		size_t d = edit_distance(word, commands[i].name);

		if (d == 0) {
			return &commands[i];
		}
		if ((strlen(word) > 3) && (d < best_d)) {
			best = &commands[i];
			best_d = d;
			tie = false;
		} else if (d == best_d) {
			tie = true;
		}
	}
	*fuzzy = (best != NULL) && !tie;
	return tie ? NULL : best;
}

bool crmconf_is_command(const char *word)
{
	bool fuzzy = false;

	return find_command(word, &fuzzy) != NULL;
}

static int parse_tokens(struct parser *p, struct crmconf_cmd *c)
{
	bool fuzzy = false;
	const char *word = p_next(p);

	c->def = find_command(word, &fuzzy);
	if (c->def == NULL) {
		p->err->command = g_strdup(word);
		p->err->token = g_strdup(word);
		p->err->line = g_strdup(p->line);
		p->err->expected = g_strdup("No such command");
		return -ENOENT;
	}
	if (fuzzy) {
		crmconf_msgs_add(p->msgs, CRMCONF_INFO, "\"%s\" is accepted as \"%s\"", word,
				 c->def->name);
	}
	p->cmd = c->def->name;
	return c->def->parse(p, c);
}

int crmconf_parse(const char *line, xmlDoc *cib, struct crmconf_msgs *msgs,
		  struct crmconf_cmd **cmd, struct crmconf_error *err)
{
	struct parser p = { .line = line, .cib = cib, .err = err, .msgs = msgs };
	struct crmconf_cmd *c = g_new0(struct crmconf_cmd, 1);
	int rc = lex_line(line, &p.toks, &p.n);

	p.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->args = g_ptr_array_new_with_free_func(g_free);
	c->line = g_strdup(line);
	p.cmd = (p.n > 0) ? p.toks[0].text : "";
	if (rc < 0) {
		p.i = p.n - 1;
		p_fail(&p, "unterminated quote");
	} else if (p.n == 0) {
		rc = p_fail(&p, "expected a command");
	} else {
		rc = parse_tokens(&p, c);
	}
	lex_free(p.toks, p.n);
	g_hash_table_destroy(p.ids);
	if (rc < 0) {
		crmconf_cmd_free(c);
		c = NULL;
	}
	*cmd = c;
	return rc;
}

const char *crmconf_cmd_name(const struct crmconf_cmd *cmd)
{
	return cmd->def->name;
}

const xmlNode *crmconf_cmd_xml(const struct crmconf_cmd *cmd)
{
	return cmd->xml;
}

int crmconf_apply(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		  struct crmconf_msgs *msgs)
{
	static const struct crmconf_options none = { 0 };

	return cmd->def->apply(cib, cmd, (opts != NULL) ? opts : &none, msgs);
}

void crmconf_cmd_free(struct crmconf_cmd *cmd)
{
	if (cmd != NULL) {
		pcmk_xml_free(cmd->xml);
		g_ptr_array_free(cmd->args, TRUE);
		g_free(cmd->line);
		g_free(cmd);
	}
}

/* Edits take plain words: delete ID..., rename OLD NEW, modgroup ... */
int parse_args(struct parser *p, struct crmconf_cmd *cmd)
{
	while (!p_end(p)) {
		g_ptr_array_add(cmd->args, g_strdup(p_next(p)));
	}
	if (cmd->args->len == 0) {
		return p_fail(p, "expected <id>");
	}
	return 0;
}
