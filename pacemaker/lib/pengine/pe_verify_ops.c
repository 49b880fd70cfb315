/*
 * Recurring operations, checked when the scheduler creates them: once per
 * resource instance, and for each recurring operation the whole operation
 * list is searched for others of the same name and interval, reading each
 * candidate's interval again.  That is why one bad interval or one
 * duplicate is reported several times, as pacemaker does.
 */
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>

#include "pe_verify_private.h"

/* An interval that does not parse counts as 0 (no recurrence). */
static unsigned int op_interval(struct verify_ctx *ctx, const xmlNode *op)
{
	const char *text = pcmk_xml_attr(op, "interval");
	unsigned int ms = 0;

	if (text != NULL && pcmk_parse_interval_ms(text, &ms) < 0) {
		pe_verify_add(ctx->report, "crm_parse_interval_spec", PE_VERIFY_WARNING,
			      PE_VERIFY_NOTE, "Using 0 instead of '%s'", text);
		ms = 0;
	}
	return ms;
}

static bool same_name(const xmlNode *a, const char *name)
{
	const char *n = pcmk_xml_attr(a, "name");

	return n != NULL && name != NULL && strcmp(n, name) == 0;
}

static void check_duplicates(struct verify_ctx *ctx, xmlNode *ops, const char *name,
			     unsigned int interval)
{
	const char *first = NULL;

	for (xmlNode *op = pcmk_xml_first_child(ops, "op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		const char *id = pcmk_xml_attr(op, "id");

		if (!same_name(op, name) || op_interval(ctx, op) != interval || id == NULL) {
			continue;
		}
		if (first == NULL) {
			first = id;
			continue;
		}
		pe_verify_add(ctx->report, "is_op_dup", PE_VERIFY_ERROR, PE_VERIFY_INVALID,
			      "Operation %s is duplicate of %s (do not use same name and interval "
			      "combination more than once per resource)",
			      id, first);
		return;
	}
}

static void check_primitive(struct verify_ctx *ctx, xmlNode *xml)
{
	xmlNode *ops = pcmk_xml_first_child(xml, "operations");

	for (xmlNode *op = pcmk_xml_first_child(ops, "op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		unsigned int interval = op_interval(ctx, op);

		if (interval > 0) {
			check_duplicates(ctx, ops, pcmk_xml_attr(op, "name"), interval);
		}
	}
}

static int instance_count(struct verify_ctx *ctx, const xmlNode *clone)
{
	const char *value = pe_verify__nvpair(clone, "meta_attributes", "clone-max");
	char *end = NULL;
	long long n;

	if (value == NULL) {
		return ctx->node_count > 0 ? ctx->node_count : 1;
	}
	n = g_ascii_strtoll(value, &end, 10);
	if (end == value || *end != '\0') {
		return ctx->node_count > 0 ? ctx->node_count : 1;
	}
	return n < 1 ? 1 : (n > 1000 ? 1000 : (int)n);
}

static void walk(struct verify_ctx *ctx, xmlNode *parent)
{
	for (xmlNode *c = pcmk_xml_first_child(parent, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		if (pcmk_xml_is(c, "primitive")) {
			check_primitive(ctx, c);
		} else if (pcmk_xml_is(c, "group")) {
			walk(ctx, c);
		} else if (pcmk_xml_is(c, "clone") || pcmk_xml_is(c, "master")) {
			for (int i = instance_count(ctx, c); i > 0; i--) {
				walk(ctx, c);
			}
		}
	}
}

void pe_verify__operations(struct verify_ctx *ctx)
{
	walk(ctx, ctx->resources);
}
