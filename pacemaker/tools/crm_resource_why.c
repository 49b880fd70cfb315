/*
 * crm_resource --why: whether resources run (overall or on one node) and
 * the configuration that keeps them stopped or unmanaged, worded as
 * pacemaker 2.1.5's tool.  Where its checks find nothing for a resource
 * that does not run, we add one line of our own: what keeps it off each
 * node (offline, standby, a -INFINITY location, too many failures).
 */
#include <stdio.h>
#include <string.h>

#include <crm/pengine/status.h>

#include "crm_resource.h"

static bool text_true(const char *v)
{
	static const char *const yes[] = { "true", "on", "yes", "y", "1" };

	for (size_t i = 0; v != NULL && i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (g_ascii_strcasecmp(v, yes[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* The checks read the outermost collective's meta attributes: that is
 * where target-role and is-managed govern the whole. */
static int checks_text(const struct pe_resource *rsc, GString *out)
{
	const struct pe_resource *top = rsc_top((struct pe_resource *)rsc);
	const char *role = g_hash_table_lookup(top->meta, "target-role");
	const char *managed = g_hash_table_lookup(top->meta, "is-managed");
	enum pe_role r = role != NULL ? pe_role_parse(role) : PE_ROLE_UNKNOWN;
	int n = 0;

	if (r == PE_ROLE_STOPPED) {
		g_string_append_printf(out, "Configuration specifies '%s' should remain stopped\n",
				       top->id);
		n++;
	} else if (top->promotable && r == PE_ROLE_UNPROMOTED) {
		g_string_append_printf(out, "Configuration specifies '%s' should not be promoted\n",
				       top->id);
		n++;
	}
	if (managed != NULL && !text_true(managed)) {
		g_string_append_printf(
			out,
			"Configuration prevents cluster from stopping or starting unmanaged '%s'\n",
			top->id);
		n++;
	}
	return n;
}

void rsc_print_checks(const struct pe_resource *rsc)
{
	GString *out = g_string_new(NULL);

	checks_text(rsc, out);
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
}

/* The id of a -INFINITY location of @rsc (or a collective around it) on
 * @node, or NULL. */
static const char *ban_on(const struct pe_cluster *c, const struct pe_resource *rsc,
			  const struct pe_node *node)
{
	for (guint i = 0; i < c->locations->len; i++) {
		const struct pe_location *loc = c->locations->pdata[i];
		const struct pe_resource *r = rsc;

		while (r != NULL && r != loc->rsc) {
			r = r->parent;
		}
		for (guint j = 0; r != NULL && j < loc->node_scores->len; j++) {
			const struct pe_node_score *ns = loc->node_scores->pdata[j];

			if (ns->node == node && ns->score <= -PE_INFINITY) {
				return loc->id;
			}
		}
	}
	return NULL;
}

/* What keeps @rsc off @node, appended to @out; false when nothing does. */
static bool node_obstacle(const struct pe_cluster *c, const struct pe_resource *rsc,
			  const struct pe_node *node, GString *out)
{
	const char *ban = ban_on(c, rsc, node);
	int fails = pe_rsc_fail_count(c, rsc, node, NULL, true);

	if (!node->online) {
		g_string_append_printf(out, "%s (offline)", node->uname);
	} else if (node->standby) {
		g_string_append_printf(out, "%s (standby)", node->uname);
	} else if (node->maintenance) {
		g_string_append_printf(out, "%s (maintenance)", node->uname);
	} else if (ban != NULL) {
		g_string_append_printf(out, "%s (banned by %s)", node->uname, ban);
	} else if (rsc->migration_threshold > 0 && fails >= rsc->migration_threshold) {
		g_string_append_printf(out, "%s (%d failures, migration-threshold %d)", node->uname,
				       fails, rsc->migration_threshold);
	} else {
		return false;
	}
	return true;
}

/* Our own line: every node's obstacle, when every node has one. */
static void obstacles(const struct pe_cluster *c, const struct pe_resource *rsc)
{
	GString *line = g_string_new(NULL);
	bool all = c->nodes->len > 0;

	for (guint i = 0; all && i < c->nodes->len; i++) {
		g_string_append(line, i == 0 ? "" : ", ");
		all = node_obstacle(c, rsc, c->nodes->pdata[i], line);
	}
	if (all) {
		printf("Resource %s cannot run on: %s\n", rsc->id, line->str);
	}
	g_string_free(line, TRUE);
}

static void explain(const struct pe_cluster *c, const struct pe_resource *rsc, bool running)
{
	GString *checks = g_string_new(NULL);

	if (checks_text(rsc, checks) == 0 && !running) {
		obstacles(c, rsc);
	}
	fputs(checks->str, stdout);
	g_string_free(checks, TRUE);
}

static bool runs_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		if (rsc->running_on->pdata[i] == node) {
			return true;
		}
	}
	return false;
}

static void why_rsc(const struct pe_cluster *c, const struct pe_resource *rsc)
{
	bool running = rsc->running_on->len > 0;

	printf("Resource %s is %srunning\n", rsc->id, running ? "" : "not ");
	explain(c, rsc, running);
}

enum pcmk_exit rsc_cmd_why(struct rsc_ctx *ctx)
{
	const struct pe_cluster *c = ctx->cluster;
	const struct pe_node *node = ctx->o->node != NULL ? pe_node_find(c, ctx->o->node) : NULL;

	if (ctx->rsc != NULL && node != NULL) {
		bool running = runs_on(ctx->rsc, node);

		printf("Resource %s is %srunning on host %s\n", ctx->rsc->id, running ? "" : "not ",
		       node->uname);
		explain(c, ctx->rsc, running);
	} else if (ctx->rsc != NULL) {
		why_rsc(c, ctx->rsc);
	} else if (node != NULL) {
		for (guint i = 0; i < node->running->len; i++) {
			const struct pe_resource *rsc = node->running->pdata[i];

			printf("Resource %s is running on host %s\n", rsc->id, node->uname);
			rsc_print_checks(rsc);
		}
	} else {
		for (guint i = 0; i < c->resources->len; i++) {
			why_rsc(c, c->resources->pdata[i]);
		}
	}
	return PCMK_EX_OK;
}
