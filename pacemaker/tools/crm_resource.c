/*
 * crm_resource: parse the command line, read and unpack the CIB (live or
 * CIB_file), run one command and report its failure the way pacemaker
 * 2.1.5's tool does ("crm_resource: WHY" then "Error performing
 * operation: EXIT-TEXT" on stderr).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"
#include "tool_version.h"

typedef enum pcmk_exit (*rsc_cmd_fn)(struct rsc_ctx *ctx);

/* What each command needs before it runs. */
static const struct {
	rsc_cmd_fn fn;
	bool needs_cib;
	bool needs_rsc; /* -r is required */
} commands[RSC_CMD_COUNT] = {
	[RSC_CMD_LIST] = { rsc_cmd_list, true, false },
	[RSC_CMD_LIST_RAW] = { rsc_cmd_list_raw, true, false },
	[RSC_CMD_LOCATE] = { rsc_cmd_locate, true, true },
	[RSC_CMD_QUERY_XML] = { rsc_cmd_query_xml, true, true },
	[RSC_CMD_QUERY_XML_RAW] = { rsc_cmd_query_xml, true, true },
	[RSC_CMD_GET_PARAM] = { rsc_cmd_get_param, true, true },
	[RSC_CMD_SET_PARAM] = { rsc_cmd_set_param, true, true },
	[RSC_CMD_DEL_PARAM] = { rsc_cmd_del_param, true, true },
	[RSC_CMD_DELETE] = { rsc_cmd_delete, true, true },
	[RSC_CMD_MOVE] = { rsc_cmd_move, true, true },
	[RSC_CMD_BAN] = { rsc_cmd_ban, true, true },
	[RSC_CMD_CLEAR] = { rsc_cmd_clear, true, true },
	[RSC_CMD_CLEANUP] = { rsc_cmd_cleanup, true, false },
	[RSC_CMD_WHY] = { rsc_cmd_why, true, false },
	[RSC_CMD_LIST_STANDARDS] = { rsc_cmd_list_standards, false, false },
	[RSC_CMD_LIST_PROVIDERS] = { rsc_cmd_list_providers, false, false },
	[RSC_CMD_LIST_AGENTS] = { rsc_cmd_list_agents, false, false },
	[RSC_CMD_LIST_ALTERNATIVES] = { rsc_cmd_list_alternatives, false, false },
	[RSC_CMD_METADATA] = { rsc_cmd_metadata, false, false },
	[RSC_CMD_FORCE_START] = { rsc_cmd_force, true, true },
	[RSC_CMD_FORCE_STOP] = { rsc_cmd_force, true, true },
	[RSC_CMD_FORCE_CHECK] = { rsc_cmd_force, true, true },
	[RSC_CMD_FORCE_PROMOTE] = { rsc_cmd_force, true, true },
	[RSC_CMD_FORCE_DEMOTE] = { rsc_cmd_force, true, true },
};

/* Checks of the command line that pacemaker's tool makes before it
 * reads the CIB; their failures are usage errors. */
static const char *usage_problem(const struct rsc_opts *o)
{
	bool expired_clear = o->cmd == RSC_CMD_CLEAR && o->expired;

	if (commands[o->cmd].needs_rsc && o->rsc_id == NULL && !expired_clear) {
		return "Must supply a resource id with -r";
	}
	if (o->cmd == RSC_CMD_SET_PARAM && o->value == NULL) {
		return "You need to supply a value with the -v option";
	}
	return NULL;
}

static enum pcmk_exit read_cib(struct rsc_ctx *ctx, struct cib **cib)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	char *error = NULL;
	int rc = cib_open("crm_resource", false, cib);

	if (rc == 0) {
		rc = cib_request(*cib, &req, 0, &ctx->doc, &error);
		if (rc == 0 && ctx->doc == NULL) {
			rc = -ENODATA;
		}
	}
	free(error);
	if (rc != 0) {
		g_string_printf(ctx->msg, "Could not connect to the CIB: %s", pcmk_strerror(rc));
		return rc == -ENXIO || rc == -ENOENT ? PCMK_EX_NOSUCH : pcmk_result_to_exit(rc);
	}
	return PCMK_EX_OK;
}

static enum pcmk_exit unpack(struct rsc_ctx *ctx)
{
	struct pe_time now = { .seconds = (long long)time(NULL) };
	char *error = NULL;
	int rc = pe_cluster_unpack(xmlDocGetRootElement(ctx->doc), &now, &ctx->cluster, &error);

	if (rc != 0) {
		g_string_printf(ctx->msg, "Could not unpack the CIB: %s",
				error != NULL ? error : pcmk_strerror(rc));
		g_free(error);
		return PCMK_EX_CONFIG;
	}
	return PCMK_EX_OK;
}

/* Read the CIB and find -r and -N, as the command needs. */
static enum pcmk_exit prepare(struct rsc_ctx *ctx)
{
	const struct rsc_opts *o = ctx->o;
	enum pcmk_exit code = read_cib(ctx, &ctx->cib);
	bool lists = o->cmd == RSC_CMD_LIST || o->cmd == RSC_CMD_LIST_RAW;

	if (code == PCMK_EX_OK) {
		code = unpack(ctx);
	}
	if (code != PCMK_EX_OK) {
		return code;
	}
	if (o->rsc_id != NULL && !lists) {
		ctx->rsc = rsc_lookup(ctx->cluster, o->rsc_id);
		if (ctx->rsc == NULL) {
			g_string_printf(ctx->msg, "Resource '%s' not found", o->rsc_id);
			return PCMK_EX_NOSUCH;
		}
	}
	if (o->node != NULL && pe_node_find(ctx->cluster, o->node) == NULL) {
		g_string_printf(ctx->msg, "Node '%s' not found", o->node);
		return PCMK_EX_NOSUCH;
	}
	return PCMK_EX_OK;
}

/* Usage errors are said alone; other failures end with the words for the
 * exit code, after the reason when there is one. */
static void report(const struct rsc_ctx *ctx, enum pcmk_exit code)
{
	if (code == PCMK_EX_OK) {
		return;
	}
	if (code == PCMK_EX_USAGE) {
		if (ctx->msg->len > 0) {
			fprintf(stderr, "crm_resource: %s\n", ctx->msg->str);
		}
		return;
	}
	if (ctx->msg->len > 0) {
		fprintf(stderr, "crm_resource: %s\nError performing operation: %s\n", ctx->msg->str,
			pcmk_exit_str(code));
	} else {
		fprintf(stderr, "crm_resource: Error performing operation: %s\n",
			pcmk_exit_str(code));
	}
}

static enum pcmk_exit run(struct rsc_ctx *ctx)
{
	const char *problem = usage_problem(ctx->o);
	enum pcmk_exit code = PCMK_EX_OK;

	if (problem != NULL) {
		g_string_assign(ctx->msg, problem);
		return PCMK_EX_USAGE;
	}
	if (commands[ctx->o->cmd].needs_cib) {
		code = prepare(ctx);
	}
	return code == PCMK_EX_OK ? commands[ctx->o->cmd].fn(ctx) : code;
}

int main(int argc, char **argv)
{
	struct rsc_opts o;
	struct rsc_ctx ctx = { .o = &o };
	enum pcmk_exit code;

	if (rsc_opts_parse(argc, argv, &o) != 0) {
		return PCMK_EX_USAGE;
	}
	if (o.help || o.version) {
		if (o.help) {
			rsc_usage(stdout);
		} else {
			tool_print_version(stdout);
		}
		return PCMK_EX_OK;
	}
	ctx.msg = g_string_new(NULL);
	code = run(&ctx);
	fflush(stdout);
	report(&ctx, code);
	pe_cluster_free(ctx.cluster);
	xmlFreeDoc(ctx.doc);
	cib_close(ctx.cib);
	g_string_free(ctx.msg, TRUE);
	return code;
}
