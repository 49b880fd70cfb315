/*
 * crm_resource's queries of resource state: --list, --list-raw, --locate
 * and --query-xml(-raw), worded as pacemaker 2.1.5's tool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/status.h>
#include <crm/pengine/status_text.h>

#include "crm_resource.h"

enum pcmk_exit rsc_cmd_list(struct rsc_ctx *ctx)
{
	GString *out = g_string_new("Full List of Resources:\n");
	int shown = pe_status_text_resources(ctx->cluster, 1, PE_ST_INACTIVE | PE_ST_RSC_ONLY, out);

	if (shown == 0) {
		g_string_append(out, "  * No resources\n");
	}
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
	return shown == 0 ? PCMK_EX_NOSUCH : PCMK_EX_OK;
}

enum pcmk_exit rsc_cmd_list_raw(struct rsc_ctx *ctx)
{
	int shown = 0;

	for (guint i = 0; i < ctx->cluster->all_resources->len; i++) {
		const struct pe_resource *rsc = ctx->cluster->all_resources->pdata[i];

		if (rsc->variant == PE_PRIMITIVE && !rsc->orphan) {
			printf("%s\n", rsc->id);
			shown++;
		}
	}
	if (shown == 0) {
		fputs("NO resources configured\n\n", stderr);
		return PCMK_EX_NOSUCH;
	}
	return PCMK_EX_OK;
}

/* -r naming an anonymous clone's member stands for the whole clone. */
static const struct pe_resource *locate_target(const struct rsc_ctx *ctx)
{
	const struct pe_resource *rsc = ctx->rsc;

	if (rsc->parent != NULL && rsc->parent->variant == PE_CLONE && !rsc->unique &&
	    strcmp(ctx->o->rsc_id, rsc->id) != 0) {
		return rsc->parent;
	}
	return rsc;
}

enum pcmk_exit rsc_cmd_locate(struct rsc_ctx *ctx)
{
	GPtrArray *nodes = rsc_active_nodes(locate_target(ctx));

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];

		if (ctx->o->quiet) {
			printf("%s\n", node->uname);
		} else {
			printf("resource %s is running on: %s\n", ctx->o->rsc_id, node->uname);
		}
	}
	if (nodes->len == 0 && !ctx->o->quiet) {
		fflush(stdout);
		fprintf(stderr, "resource %s is NOT running\n", ctx->o->rsc_id);
	}
	g_ptr_array_free(nodes, TRUE);
	return PCMK_EX_OK;
}

/* The state lines -q starts with: a group's members, a primitive's or a
 * clone's own lines, at the left margin. */
static void state_lines(const struct pe_resource *rsc, GString *out)
{
	GString *lines = g_string_new(NULL);

	if (rsc->variant == PE_GROUP) {
		for (guint i = 0; i < rsc->children->len; i++) {
			pe_status_text_rsc(rsc->children->pdata[i], 0, PE_ST_INACTIVE, lines);
		}
	} else {
		pe_status_text_rsc(rsc, 0, PE_ST_INACTIVE, lines);
	}
	/* the lines carry list bullets and a clone's its header, which the
	 * tool leaves out */
	char **l = g_strsplit(lines->str, "\n", -1);
	char **p = l;

	if (rsc->variant == PE_CLONE && *p != NULL) {
		p++;
	}
	for (; *p != NULL; p++) {
		const char *text = *p + strspn(*p, " ");

		if (strncmp(text, "* ", 2) == 0) {
			text += 2;
		}
		if (*text != '\0') {
			g_string_append_printf(out, "%s\n", text);
		}
	}
	g_strfreev(l);
	g_string_free(lines, TRUE);
}

/* An anonymous clone's instance is shown as its member's definition
 * marked with the instance number, as pacemaker's tool shows it. */
static char *definition_text(const struct rsc_ctx *ctx)
{
	const struct pe_resource *rsc = ctx->rsc;
	xmlNode *xml = rsc_config_xml(ctx, rsc);
	const char *colon = strrchr(rsc->id, ':');
	xmlNode *copy;
	char *text;

	if (xml == NULL || colon == NULL || rsc->variant != PE_PRIMITIVE) {
		return pcmk_xml_to_string(xml, true);
	}
	copy = pcmk_xml_copy(xml);
	pcmk_xml_set_attr(copy, "clone", colon + 1);
	text = pcmk_xml_to_string(copy, true);
	pcmk_xml_free(copy);
	return text;
}

enum pcmk_exit rsc_cmd_query_xml(struct rsc_ctx *ctx)
{
	GString *out = g_string_new(NULL);
	char *xml = definition_text(ctx);

	state_lines(ctx->rsc, out);
	g_string_append(out, "Resource XML:\n");
	if (xml != NULL) {
		g_string_append(out, xml);
	}
	fputs(out->str, stdout);
	free(xml);
	g_string_free(out, TRUE);
	return PCMK_EX_OK;
}
