/*
 * crm_resource --move / --ban: the cli-prefer-RSC and cli-ban-RSC-on-NODE
 * location constraints, in the short form or, with --lifetime, as a rule
 * with a date expression, exactly as pacemaker 2.1.5's tool writes them.
 * --clear is in crm_resource_clear.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/ops.h>
#include <crm/common/duration.h>
#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"
#include "crm_resource_ban.h"

/* The end of the lifetime as crm_time prints a time with its zone:
 * "2024-01-15 13:00:00Z", or "2024-01-15 14:00:00 +01:00" off UTC. */
static char *format_end(struct pe_time t)
{
	struct pe_tm f;
	int off = t.offset < 0 ? -t.offset : t.offset;

	pe_time_fields(t, &f);
	if (t.offset == 0) {
		return g_strdup_printf("%04d-%02d-%02d %02d:%02d:%02dZ", f.year, f.month,
				       f.monthday, f.hour, f.minute, f.second);
	}
	return g_strdup_printf("%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d", f.year, f.month,
			       f.monthday, f.hour, f.minute, f.second, t.offset < 0 ? '-' : '+',
			       off / 3600, (off % 3600) / 60);
}

int rsc_lifetime_end(struct rsc_ctx *ctx, char **end)
{
	struct pcmk_duration d;

	*end = NULL;
	if (ctx->o->lifetime == NULL) {
		return 0;
	}
	if (pcmk_duration_parse(ctx->o->lifetime, &d) != 0) {
		fprintf(stderr,
			"Invalid duration specified: %s\n"
			"Please refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for "
			"examples of valid durations\n",
			ctx->o->lifetime);
		return -EINVAL;
	}
	*end = format_end(pe_time_add(pe_time_now(), &d, 1));
	return 0;
}

/* Pacemaker's tool says this each time it writes a constraint with a
 * lifetime. */
static void announce_end(const struct rsc_ctx *ctx, const char *end)
{
	if (end != NULL && !ctx->o->quiet) {
		printf("Migration will take effect until: %s\n", end);
	}
}

/* <rsc_location id=ID rsc=RSC role=..> with "node NODE score SCORE", or
 * with a rule that also ends at @end. */
static xmlNode *location_xml(const struct rsc_ctx *ctx, const char *id, const char *node,
			     const char *score, const char *end, const char *const ids[3])
{
	xmlNode *loc = pcmk_xml_new_root("rsc_location");
	xmlNode *rule, *expr;

	pcmk_xml_set_attr(loc, "id", id);
	pcmk_xml_set_attr(loc, "rsc", ctx->o->rsc_id);
	pcmk_xml_set_attr(loc, "role", ctx->o->promoted ? "Promoted" : "Started");
	if (end == NULL) {
		pcmk_xml_set_attr(loc, "node", node);
		pcmk_xml_set_attr(loc, "score", score);
		return loc;
	}
	rule = pcmk_xml_add_child(loc, "rule");
	pcmk_xml_set_attr(rule, "id", ids[0]);
	pcmk_xml_set_attr(rule, "score", score);
	pcmk_xml_set_attr(rule, "boolean-op", "and");
	expr = pcmk_xml_add_child(rule, "expression");
	pcmk_xml_set_attr(expr, "id", ids[1]);
	pcmk_xml_set_attr(expr, "attribute", "#uname");
	pcmk_xml_set_attr(expr, "operation", "eq");
	pcmk_xml_set_attr(expr, "value", node);
	pcmk_xml_set_attr(expr, "type", "string");
	expr = pcmk_xml_add_child(rule, "date_expression");
	pcmk_xml_set_attr(expr, "id", ids[2]);
	pcmk_xml_set_attr(expr, "operation", "lt");
	pcmk_xml_set_attr(expr, "end", end);
	return loc;
}

static int add_location(struct rsc_ctx *ctx, xmlNode *loc)
{
	xmlNode *cons = pcmk_xml_new_root("constraints");
	int rc;

	xmlAddChild(cons, xmlDocCopyNode(loc, cons->doc, 1));
	rc = rsc_cib_change(ctx, CIB_OP_MODIFY, "constraints", cons, NULL);
	pcmk_xml_free(cons);
	pcmk_xml_free(loc);
	return rc;
}

int rsc_ban_on(struct rsc_ctx *ctx, const char *node, const char *end)
{
	const char *rsc = ctx->o->rsc_id;
	char *id = rsc_sanitize_id(g_strdup_printf("cli-ban-%s-on-%s", rsc, node));
	char *rule = g_strdup_printf("%s-rule", id);
	char *expr = g_strdup_printf("%s-expr", id);
	char *life = g_strdup_printf("%s-lifetime", id);
	const char *const ids[3] = { rule, expr, life };
	int rc;

	announce_end(ctx, end);
	if (!ctx->o->quiet) {
		printf("WARNING: Creating rsc_location constraint '%s' with a score of -INFINITY "
		       "for resource %s on %s.\n\tThis will prevent %s from %s on %s until the "
		       "constraint is removed using the clear option or by editing the CIB with "
		       "an appropriate tool\n\tThis will be the case even if %s is the last node "
		       "in the cluster\n",
		       id, rsc, node, rsc, ctx->o->promoted ? "being promoted" : "running", node,
		       node);
	}
	rc = add_location(ctx, location_xml(ctx, id, node, "-INFINITY", end, ids));
	g_free(id);
	g_free(rule);
	g_free(expr);
	g_free(life);
	return rc;
}

static int prefer(struct rsc_ctx *ctx, const char *node, const char *end)
{
	const char *rsc = ctx->o->rsc_id;
	char *id = rsc_sanitize_id(g_strdup_printf("cli-prefer-%s", rsc));
	char *rule = rsc_sanitize_id(g_strdup_printf("cli-prefer-rule-%s", rsc));
	char *expr = rsc_sanitize_id(g_strdup_printf("cli-prefer-expr-%s", rsc));
	char *life = rsc_sanitize_id(g_strdup_printf("cli-prefer-lifetime-end-%s", rsc));
	const char *const ids[3] = { rule, expr, life };
	int rc;

	announce_end(ctx, end);
	rc = add_location(ctx, location_xml(ctx, id, node, "INFINITY", end, ids));

	g_free(id);
	g_free(rule);
	g_free(expr);
	g_free(life);
	return rc;
}

char *rsc_sanitize_id(char *id)
{
	for (char *c = id; *c != '\0'; c++) {
		if (*c == ':' || *c == '#') {
			*c = '.';
		}
	}
	return id;
}

/* Where @rsc is active: how many nodes, and the one when there is one. */
static unsigned int active_on(const struct pe_resource *rsc, const struct pe_node **where)
{
	*where = rsc->running_on->len > 0 ? rsc->running_on->pdata[0] : NULL;
	return rsc->running_on->len;
}

/* The promoted instances of a promotable clone and where the last is. */
static unsigned int promoted_on(const struct pe_resource *rsc, const struct pe_node **where)
{
	unsigned int n = 0;

	for (guint i = 0; rsc->promotable && i < rsc->children->len; i++) {
		const struct pe_resource *child = rsc->children->pdata[i];

		if (child->role == PE_ROLE_PROMOTED && child->running_on->len > 0) {
			*where = child->running_on->pdata[0];
			n++;
		}
	}
	return n;
}

/* -M or -B without a node: ban the one node the resource is active on (or
 * a promotable clone's one promoted instance). */
static enum pcmk_exit ban_current(struct rsc_ctx *ctx, const char *end)
{
	const struct pe_node *where = NULL;
	unsigned int n = active_on(ctx->rsc, &where);
	unsigned int promoted = 0;
	const char *id = ctx->o->rsc_id;

	if (n != 1 && ctx->rsc->promotable) {
		promoted = promoted_on(ctx->rsc, &where);
		if (promoted == 1) {
			n = 1;
		}
	}
	if (n == 1) {
		int rc = rsc_ban_on(ctx, where->uname, end);

		return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
	}
	if (ctx->rsc->promotable) {
		g_string_printf(
			ctx->msg,
			"Resource '%s' not moved: active in %u locations (promoted in %u).\n"
			"To prevent '%s' from running on a specific location, specify a "
			"node.To prevent '%s' from being promoted at a specific location, "
			"specify a node and the --promoted option.",
			id, n, promoted, id, id);
	} else {
		g_string_printf(
			ctx->msg,
			"Resource '%s' not moved: active in %u locations.\n"
			"To prevent '%s' from running on a specific location, specify a node.",
			id, n, id);
	}
	return PCMK_EX_USAGE;
}

static const struct pe_node *named_node(struct rsc_ctx *ctx)
{
	const struct pe_node *node = pe_node_find(ctx->cluster, ctx->o->node);

	if (node == NULL) {
		g_string_printf(ctx->msg, "Node '%s' not found", ctx->o->node);
	}
	return node;
}

enum pcmk_exit rsc_cmd_ban(struct rsc_ctx *ctx)
{
	const struct pe_node *node = NULL;
	char *end = NULL;
	enum pcmk_exit code;
	int rc;

	if (ctx->o->node != NULL && (node = named_node(ctx)) == NULL) {
		return PCMK_EX_NOSUCH;
	}
	if (rsc_lifetime_end(ctx, &end) != 0) {
		return PCMK_EX_USAGE;
	}
	if (node == NULL) {
		code = ban_current(ctx, end);
	} else {
		rc = rsc_ban_on(ctx, node->uname, end);
		code = rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
	}
	g_free(end);
	return code;
}

/* Where a move starts from; a clone active on several nodes has no one
 * place it leaves. */
static int move_source(const struct rsc_ctx *ctx, const struct pe_node **cur, unsigned int *n)
{
	const struct pe_node *promoted_node = NULL;
	unsigned int promoted = promoted_on(ctx->rsc, &promoted_node);

	*n = active_on(ctx->rsc, cur);
	if (ctx->rsc->promotable && (ctx->o->promoted || promoted > 0)) {
		*n = promoted;
		*cur = promoted_node;
	}
	if (*n > 1) {
		if (ctx->rsc->variant != PE_CLONE) {
			return -ENOTUNIQ;
		}
		*cur = NULL;
	}
	return 0;
}

static enum pcmk_exit move_to(struct rsc_ctx *ctx, const struct pe_node *dest, const char *end)
{
	const struct pe_node *cur = NULL;
	unsigned int n = 0;
	bool here;
	int rc = move_source(ctx, &cur, &n);

	if (rc != 0) {
		return PCMK_EX_MULTIPLE;
	}
	here = cur != NULL && cur == dest;
	if (here && !ctx->o->force) {
		return PCMK_EX_EXISTS;
	}
	/* earlier preferences anywhere and bans of the destination go first */
	rsc_clear_constraints(ctx, NULL, false);
	rsc_clear_constraints(ctx, dest->uname, true);
	rc = prefer(ctx, dest->uname, end);
	if (rc == 0 && ctx->o->force && !here && cur != NULL) {
		rc = rsc_ban_on(ctx, cur->uname, end);
	} else if (rc == 0 && ctx->o->force && !here && n > 1 && !ctx->o->quiet) {
		const char *how = ctx->o->promoted ? "promoted" : "active";

		printf("Resource '%s' is currently %s in %u locations. One may now move to %s\n"
		       "To prevent '%s' from being %s at a specific location, specify a node.\n",
		       ctx->o->rsc_id, how, n, dest->uname, ctx->o->rsc_id, how);
	}
	return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}

enum pcmk_exit rsc_cmd_move(struct rsc_ctx *ctx)
{
	const struct pe_node *dest = NULL;
	char *end = NULL;
	enum pcmk_exit code;

	if (ctx->o->node != NULL && (dest = named_node(ctx)) == NULL) {
		return PCMK_EX_NOSUCH;
	}
	if (rsc_lifetime_end(ctx, &end) != 0) {
		return PCMK_EX_USAGE;
	}
	code = dest == NULL ? ban_current(ctx, end) : move_to(ctx, dest, end);
	g_free(end);
	return code;
}
