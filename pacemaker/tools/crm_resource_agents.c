/*
 * crm_resource's agent commands, through libcrmservice: the standards,
 * providers and agents installed, an agent's meta-data, and --force-*:
 * one action of a resource's agent run here, outside the cluster, with
 * the resource's configured parameters, reported as pacemaker 2.1.5's
 * tool reports it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>
#include <crm/pengine/status.h>
#include <crm/services.h>

#include "crm_resource.h"

static enum pcmk_exit print_list(GList *list)
{
	for (GList *l = list; l != NULL; l = l->next) {
		printf("%s\n", (const char *)l->data);
	}
	g_list_free_full(list, g_free);
	return PCMK_EX_OK;
}

enum pcmk_exit rsc_cmd_list_standards(struct rsc_ctx *ctx)
{
	/* pacemaker's tool lists them in this order, not sorted */
	static const char *const order[] = { "ocf", "lsb", "service", "stonith" };
	GList *list = NULL;
	int rc = svc_list_standards(&list);

	if (rc != 0) {
		g_string_printf(ctx->msg, "No standards found: %s", pcmk_strerror(rc));
		return PCMK_EX_ERROR;
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (g_list_find_custom(list, order[i], (GCompareFunc)strcmp) != NULL) {
			printf("%s\n", order[i]);
		}
	}
	g_list_free_full(list, g_free);
	return PCMK_EX_OK;
}

enum pcmk_exit rsc_cmd_list_providers(struct rsc_ctx *ctx)
{
	GList *list = NULL;

	if (svc_list_ocf_providers(&list) != 0 || list == NULL) {
		g_string_assign(ctx->msg, "No OCF providers found");
		return PCMK_EX_NOSUCH;
	}
	return print_list(list);
}

enum pcmk_exit rsc_cmd_list_alternatives(struct rsc_ctx *ctx)
{
	GList *list = NULL;

	if (svc_list_ocf_providers_of(ctx->o->agent_spec, &list) != 0 || list == NULL) {
		g_string_printf(ctx->msg, "No OCF providers found for %s", ctx->o->agent_spec);
		return PCMK_EX_NOSUCH;
	}
	return print_list(list);
}

/* Pacemaker's tool lists every OCF agent provider by provider (sorted
 * within each), not merged. */
static int list_ocf_by_provider(GList **out)
{
	GList *providers = NULL;
	int rc = svc_list_ocf_providers(&providers);

	for (GList *p = providers; rc == 0 && p != NULL; p = p->next) {
		GList *agents = NULL;

		rc = svc_list_agents("ocf", p->data, &agents);
		*out = g_list_concat(*out, agents);
	}
	g_list_free_full(providers, g_free);
	return rc;
}

enum pcmk_exit rsc_cmd_list_agents(struct rsc_ctx *ctx)
{
	char **spec = g_strsplit(ctx->o->agent_spec, ":", 2);
	GList *list = NULL;
	int rc = (strcmp(spec[0], "ocf") == 0 && spec[1] == NULL)
			 ? list_ocf_by_provider(&list)
			 : svc_list_agents(spec[0], spec[1], &list);

	if (rc != 0 || list == NULL) {
		if (spec[1] != NULL) {
			g_string_printf(ctx->msg,
					"No agents found for standard '%s' and provider '%s'",
					spec[0], spec[1]);
		} else {
			g_string_printf(ctx->msg, "No agents found for standard '%s'", spec[0]);
		}
		g_strfreev(spec);
		return PCMK_EX_ERROR;
	}
	g_strfreev(spec);
	return print_list(list);
}

enum pcmk_exit rsc_cmd_metadata(struct rsc_ctx *ctx)
{
	const char *spec = ctx->o->agent_spec;
	char **part = g_strsplit(spec, ":", 3);
	bool ocf = part[0] != NULL && strcmp(part[0], "ocf") == 0;
	const char *provider = ocf ? part[1] : NULL;
	const char *type = ocf ? (part[1] != NULL ? part[2] : NULL) : part[1];
	char *xml = NULL;
	int rc = type == NULL ? -EINVAL : svc_agent_metadata(part[0], provider, type, 0, &xml);

	g_strfreev(part);
	if (rc != 0) {
		g_string_printf(ctx->msg, "Metadata query for %s failed: %s", spec,
				pcmk_strerror(-ENXIO));
		return PCMK_EX_NOSUCH;
	}
	printf("%s\n", xml);
	g_free(xml);
	return PCMK_EX_OK;
}

/* ---- --force-* */

static const struct {
	enum rsc_cmd cmd;
	const char *name;   /* as the tool names the command */
	const char *action; /* what the agent is asked */
} force_actions[] = {
	{ RSC_CMD_FORCE_START, "force-start", "start" },
	{ RSC_CMD_FORCE_STOP, "force-stop", "stop" },
	{ RSC_CMD_FORCE_CHECK, "force-check", "monitor" },
	{ RSC_CMD_FORCE_PROMOTE, "force-promote", "promote" },
	{ RSC_CMD_FORCE_DEMOTE, "force-demote", "demote" },
};

static size_t force_index(enum rsc_cmd cmd)
{
	size_t i = 0;

	while (i + 1 < sizeof(force_actions) / sizeof(force_actions[0]) &&
	       force_actions[i].cmd != cmd) {
		i++;
	}
	return i;
}

/* The timeout: -T, else the configured operation's, else 20 s. */
static int action_timeout(const struct rsc_ctx *ctx, const struct pe_resource *rsc,
			  const char *action)
{
	long long ms = pcmk_parse_ms_or(ctx->o->timeout, 0);

	for (guint i = 0; ms == 0 && rsc->ops_xml != NULL && i < rsc->ops_xml->len; i++) {
		const xmlNode *op = rsc->ops_xml->pdata[i];
		const char *name = pcmk_xml_attr(op, "name");

		if (name != NULL && strcmp(name, action) == 0) {
			ms = pcmk_parse_ms_or(pcmk_xml_attr(op, "timeout"), 0);
		}
	}
	return ms > 0 && ms < G_MAXINT ? (int)ms : 20000;
}

/* Instance attributes (a collective's first, the resource's own over
 * them) and meta attributes as CRM_meta_NAME, '-' written '_'. */
static void add_params(struct svc_action *a, const struct rsc_ctx *ctx,
		       const struct pe_resource *rsc, const char *level)
{
	GHashTable *params = rsc_instance_params(ctx->cluster, rsc);
	GHashTableIter iter;
	gpointer k, v;

	g_hash_table_iter_init(&iter, params);
	while (g_hash_table_iter_next(&iter, &k, &v)) {
		svc_action_add_param(a, k, v);
	}
	g_hash_table_destroy(params);
	g_hash_table_iter_init(&iter, rsc->meta);
	while (g_hash_table_iter_next(&iter, &k, &v)) {
		char *name = g_strdup_printf("CRM_meta_%s", (const char *)k);

		g_strdelimit(name, "-", '_');
		svc_action_add_param(a, name, v);
		g_free(name);
	}
	if (level != NULL) {
		svc_action_add_param(a, "CRM_meta_OCF_CHECK_LEVEL", level);
	}
}

/* The exit code after the agent ran: its OCF result, or what kept it
 * from running. */
static enum pcmk_exit exit_for(const struct svc_action *a)
{
	static const struct {
		int status;
		enum pcmk_exit code;
	} by_status[] = {
		{ PCMK_EXEC_NOT_INSTALLED, PCMK_EX_NOT_INSTALLED },
		{ PCMK_EXEC_TIMEOUT, PCMK_EX_TIMEOUT },
		{ PCMK_EXEC_NOT_SUPPORTED, PCMK_EX_UNIMPLEMENT_FEATURE },
	};

	if (a->status == PCMK_EXEC_DONE) {
		return (enum pcmk_exit)a->rc;
	}
	for (size_t i = 0; i < sizeof(by_status) / sizeof(by_status[0]); i++) {
		if (by_status[i].status == a->status) {
			return by_status[i].code;
		}
	}
	return PCMK_EX_ERROR;
}

static void report_action(const struct rsc_ctx *ctx, const struct pe_resource *rsc,
			  const struct svc_action *a, const char *name)
{
	GString *agent = g_string_new(rsc->klass);
	const char *reason = a->exit_reason;

	if (rsc->provider != NULL) {
		g_string_append_printf(agent, ":%s", rsc->provider);
	}
	g_string_append_printf(agent, ":%s", rsc->type);
	if (a->status == PCMK_EXEC_DONE) {
		printf("Operation %s for %s (%s) returned %d (%s%s%s)\n", name, ctx->o->rsc_id,
		       agent->str, a->rc, svc_ocf_rc_str(a->rc), reason != NULL ? ": " : "",
		       reason != NULL ? reason : "");
	} else {
		fflush(stdout);
		fprintf(stderr, "Operation %s for %s (%s) could not be executed (%s%s%s)\n", name,
			ctx->o->rsc_id, agent->str, svc_exec_status_str(a->status),
			reason != NULL ? ": " : "", reason != NULL ? reason : "");
	}
	if (a->stdout_data != NULL && *a->stdout_data != '\0') {
		printf("%s\n", a->stdout_data);
	}
	if (a->stderr_data != NULL && *a->stderr_data != '\0') {
		printf("%s\n", a->stderr_data);
	}
	g_string_free(agent, TRUE);
}

static enum pcmk_exit run_agent(struct rsc_ctx *ctx, const struct pe_resource *rsc, size_t which)
{
	const char *action = force_actions[which].action;
	struct svc_action *a = NULL;
	enum pcmk_exit code;
	int rc = svc_action_new(rsc->id, rsc->klass, rsc->provider, rsc->type, action, 0,
				action_timeout(ctx, rsc, action), &a);

	if (rc == -ENOENT) {
		fprintf(stderr,
			"Operation %s for %s (%s:%s%s%s) could not be executed (%s: %s: %s)\n",
			force_actions[which].name, ctx->o->rsc_id, rsc->klass,
			rsc->provider != NULL ? rsc->provider : "",
			rsc->provider != NULL ? ":" : "", rsc->type,
			svc_exec_status_str(PCMK_EXEC_NOT_INSTALLED), rsc->type, strerror(ENOENT));
		return PCMK_EX_NOT_INSTALLED;
	}
	if (rc != 0) {
		g_string_printf(ctx->msg, "Cannot run the agent of %s: %s", rsc->id,
				pcmk_strerror(rc));
		return PCMK_EX_ERROR;
	}
	add_params(a, ctx, rsc, ctx->o->cmd == RSC_CMD_FORCE_CHECK ? ctx->o->check_level : NULL);
	rc = svc_action_run_sync(a);
	if (rc == 0) {
		report_action(ctx, rsc, a, force_actions[which].name);
	}
	code = rc == 0 ? exit_for(a) : PCMK_EX_ERROR;
	svc_action_free(a);
	return code;
}

enum pcmk_exit rsc_cmd_force(struct rsc_ctx *ctx)
{
	size_t which = force_index(ctx->o->cmd);
	const struct pe_resource *rsc = ctx->rsc;

	if (rsc->variant == PE_CLONE) {
		if (rsc->running_on->len > 0 && !ctx->o->force) {
			fprintf(stderr,
				"It is not safe to %s %s here: the cluster claims it is already "
				"active\nTry setting target-role=Stopped first or specifying the "
				"force option\n",
				force_actions[which].name, rsc->id);
			return PCMK_EX_UNSAFE;
		}
		rsc = rsc->children->len > 0 ? rsc->children->pdata[0] : rsc;
	}
	if (rsc->variant != PE_PRIMITIVE) {
		fprintf(stderr, "Sorry, the %s option doesn't support %s resources\n",
			force_actions[which].name, rsc->variant == PE_GROUP ? "group" : "clone");
		return PCMK_EX_UNIMPLEMENT_FEATURE;
	}
	return run_agent(ctx, rsc, which);
}
