/*
 * crm_resource --clear: remove the constraints --move and --ban created
 * (all of the resource's, those for one node, or with --expired those
 * whose lifetime is over), and name each one removed as pacemaker 2.1.5's
 * tool does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/cib.h>
#include <crm/cib/ops.h>
#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"
#include "crm_resource_ban.h"

static int delete_xml(struct rsc_ctx *ctx, xmlNode *data)
{
	int rc = rsc_cib_change(ctx, CIB_OP_DELETE, "constraints", data, NULL);

	pcmk_xml_free(data);
	return rc == -ENXIO ? 0 : rc;
}

/* Add <rsc_location id=@id [node=@node]> to @parent, a pattern for delete. */
static void add_pattern(xmlNode *parent, const char *id, const char *node)
{
	xmlNode *loc = pcmk_xml_add_child(parent, "rsc_location");

	pcmk_xml_set_attr(loc, "id", id);
	if (node != NULL) {
		pcmk_xml_set_attr(loc, "node", node);
	}
}

static int delete_by_id(struct rsc_ctx *ctx, const char *id)
{
	xmlNode *cons = pcmk_xml_new_root("constraints");

	add_pattern(cons, id, NULL);
	return delete_xml(ctx, cons);
}

/* A cli-prefer with a lifetime names its node in the rule's expression. */
static int delete_prefer_rule(struct rsc_ctx *ctx, const char *rsc, const char *node)
{
	char *xpath = g_strdup_printf("//rsc_location[@id='cli-prefer-%s'][rule[@id='cli-prefer-"
				      "rule-%s']/expression[@attribute='#uname' and @value='%s']]",
				      rsc, rsc, node);
	struct cib_op_request req = {
		.op = CIB_OP_DELETE,
		.xpath = xpath,
		.options = CIB_OPT_XPATH,
		.client = "crm_resource",
	};
	int rc = cib_request(ctx->cib, &req, 0, NULL, NULL);

	g_free(xpath);
	return rc == -ENXIO ? 0 : rc;
}

/* One request for the ban and the short-form preference (one change of
 * the CIB, as pacemaker's tool makes it), one for a preference with a
 * lifetime. */
static int clear_on_node(struct rsc_ctx *ctx, const char *node, bool bans)
{
	char *rsc = rsc_sanitize_id(g_strdup(ctx->o->rsc_id));
	char *prefer = g_strdup_printf("cli-prefer-%s", rsc);
	xmlNode *cons = pcmk_xml_new_root("constraints");
	int rc;

	if (bans) {
		char *ban =
			rsc_sanitize_id(g_strdup_printf("cli-ban-%s-on-%s", ctx->o->rsc_id, node));

		add_pattern(cons, ban, NULL);
		g_free(ban);
	}
	add_pattern(cons, prefer, ctx->o->force ? NULL : node);
	rc = delete_xml(ctx, cons);
	if (rc == 0) {
		rc = delete_prefer_rule(ctx, rsc, node);
	}
	g_free(prefer);
	g_free(rsc);
	return rc;
}

int rsc_clear_constraints(struct rsc_ctx *ctx, const char *node, bool bans)
{
	int rc = 0;

	if (node != NULL) {
		return clear_on_node(ctx, node, bans);
	}
	for (guint i = 0; rc == 0 && i < ctx->cluster->nodes->len; i++) {
		const struct pe_node *n = ctx->cluster->nodes->pdata[i];

		rc = clear_on_node(ctx, n->uname, bans);
	}
	return rc;
}

static bool is_promoted_role(const char *role)
{
	return role != NULL && (strcmp(role, "Promoted") == 0 || strcmp(role, "Master") == 0);
}

/* Whether location @loc is one of those -r and --promoted narrow to. */
static bool narrowed_to(const struct rsc_ctx *ctx, const xmlNode *loc)
{
	const char *rsc = pcmk_xml_attr(loc, "rsc");

	if (ctx->o->rsc_id != NULL && (rsc == NULL || strcmp(rsc, ctx->o->rsc_id) != 0)) {
		return false;
	}
	return !ctx->o->promoted || is_promoted_role(pcmk_xml_attr(loc, "role"));
}

/* Pacemaker 2.1.5's tool, given -N, looks for the lifetime together with
 * any short-form location on that node, and finding two things it finds
 * nothing: a constraint "rsc_location node=N" (of -r, when given) keeps
 * every lifetime on N from expiring.  We keep that, so scripts behave
 * the same. */
static bool short_form_on_node(const struct rsc_ctx *ctx)
{
	xmlNode **locs = NULL;
	int n = pcmk_xml_xpath_all(ctx->doc, "/cib/configuration/constraints//rsc_location", &locs);
	bool found = false;

	for (int i = 0; !found && i < n; i++) {
		const char *node = pcmk_xml_attr(locs[i], "node");

		found = node != NULL && strcmp(node, ctx->o->node) == 0 &&
			narrowed_to(ctx, locs[i]);
	}
	free(locs);
	return found;
}

/* The lifetime of cli constraint @loc (by the id --move/--ban give it),
 * when --clear --expired was narrowed to it (-r, -N, --promoted). */
static xmlNode *cli_lifetime(const struct rsc_ctx *ctx, const xmlNode *loc)
{
	const char *id = pcmk_xml_attr(loc, "id");
	xmlNode *rule = pcmk_xml_first_child(loc, "rule");
	const char *node = pcmk_xml_attr(pcmk_xml_first_child(rule, "expression"), "value");
	char *want;
	xmlNode *date;

	if (id == NULL || !narrowed_to(ctx, loc)) {
		return NULL;
	}
	if (strncmp(id, "cli-ban-", 8) == 0) {
		want = g_strdup_printf("%s-lifetime", id);
	} else if (strncmp(id, "cli-prefer-", 11) == 0) {
		want = g_strdup_printf("cli-prefer-lifetime-end-%s", pcmk_xml_attr(loc, "rsc"));
	} else {
		return NULL;
	}
	date = pcmk_xml_find_id(loc, "date_expression", want);
	g_free(want);
	if (ctx->o->node != NULL && (node == NULL || strcmp(node, ctx->o->node) != 0)) {
		return NULL;
	}
	return date;
}

static bool lifetime_over(const xmlNode *date, struct pe_time now)
{
	struct pe_time end;

	return date != NULL && pe_time_parse(pcmk_xml_attr(date, "end"), &end) == 0 &&
	       pe_time_compare(now, end) > 0;
}

static int clear_expired(struct rsc_ctx *ctx)
{
	struct pe_time now = { .seconds = (long long)time(NULL) };
	xmlNode **locs = NULL;
	int n, rc = 0;

	if (ctx->o->node != NULL && short_form_on_node(ctx)) {
		return 0;
	}
	n = pcmk_xml_xpath_all(ctx->doc, "/cib/configuration/constraints//rsc_location", &locs);
	for (int i = 0; rc == 0 && i < n; i++) {
		if (lifetime_over(cli_lifetime(ctx, locs[i]), now)) {
			rc = delete_by_id(ctx, pcmk_xml_attr(locs[i], "id"));
		}
	}
	free(locs);
	return rc;
}

static gint by_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of every location constraint, sorted. */
static GPtrArray *location_ids(xmlDoc *doc)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	xmlNode **locs = NULL;
	int n = pcmk_xml_xpath_all(doc, "/cib/configuration/constraints//rsc_location", &locs);

	for (int i = 0; i < n; i++) {
		const char *id = pcmk_xml_attr(locs[i], "id");

		if (id != NULL) {
			g_ptr_array_add(ids, g_strdup(id));
		}
	}
	free(locs);
	g_ptr_array_sort(ids, by_text);
	return ids;
}

static bool has_id(const GPtrArray *ids, const char *id)
{
	for (guint i = 0; i < ids->len; i++) {
		if (strcmp(ids->pdata[i], id) == 0) {
			return true;
		}
	}
	return false;
}

static void say_removed(struct rsc_ctx *ctx)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	xmlDoc *after = NULL;
	GPtrArray *before_ids, *after_ids;

	if (cib_request(ctx->cib, &req, 0, &after, NULL) != 0 || after == NULL) {
		return;
	}
	before_ids = location_ids(ctx->doc);
	after_ids = location_ids(after);
	for (guint i = 0; i < before_ids->len; i++) {
		if (!has_id(after_ids, before_ids->pdata[i])) {
			printf("Removing constraint: %s\n", (const char *)before_ids->pdata[i]);
		}
	}
	g_ptr_array_free(before_ids, TRUE);
	g_ptr_array_free(after_ids, TRUE);
	xmlFreeDoc(after);
}

enum pcmk_exit rsc_cmd_clear(struct rsc_ctx *ctx)
{
	const char *node = NULL;
	int rc;

	if (ctx->o->node != NULL && !ctx->o->expired) {
		const struct pe_node *n = pe_node_find(ctx->cluster, ctx->o->node);

		if (n == NULL) {
			g_string_printf(ctx->msg, "Node '%s' not found", ctx->o->node);
			return PCMK_EX_NOSUCH;
		}
		node = n->uname;
	}
	rc = ctx->o->expired ? clear_expired(ctx) : rsc_clear_constraints(ctx, node, true);
	if (!ctx->o->quiet) {
		say_removed(ctx);
	}
	return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}
