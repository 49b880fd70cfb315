/*
 * What a clean-up removes from the status section (crm_resource
 * --cleanup): found on a CIB document, as XPaths the CIB can delete.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crm_resource_cleanup.h"

static bool op_matches(const xmlNode *op, const struct rsc_cleanup_filter *f)
{
	const char *name = pcmk_xml_attr(op, "operation");
	long long interval = 0;

	if (f->operation == NULL) {
		return true;
	}
	if (name == NULL || strcmp(name, f->operation) != 0) {
		return false;
	}
	return pcmk_xml_attr_int(op, "interval", &interval) == 0 &&
	       interval == (long long)f->interval_ms;
}

/* Whether the history @lrm_rsc holds a failure --cleanup clears. */
static bool has_failure(const xmlNode *lrm_rsc, const struct rsc_cleanup_filter *f)
{
	for (xmlNode *op = pcmk_xml_first_child(lrm_rsc, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		const char *id = pcmk_xml_attr(op, "id");

		if (id != NULL && strstr(id, "_last_failure_") != NULL && op_matches(op, f)) {
			return true;
		}
	}
	return false;
}

/* fail-count-RSC#OP_INTERVAL and last-failure-... (or the old forms
 * without "#OP_INTERVAL") of @f's resource and operation. */
static bool fail_attr_matches(const char *name, const struct rsc_cleanup_filter *f)
{
	static const char *const prefixes[] = { "fail-count-", "last-failure-" };

	for (size_t i = 0; name != NULL && i < 2; i++) {
		size_t plen = strlen(prefixes[i]), rlen = strlen(f->rsc);
		const char *rest = name + plen;
		char *want;
		bool same;

		if (strncmp(name, prefixes[i], plen) != 0 || strncmp(rest, f->rsc, rlen) != 0) {
			continue;
		}
		rest += rlen;
		if (f->operation == NULL) {
			return *rest == '\0' || *rest == '#';
		}
		want = g_strdup_printf("#%s_%u", f->operation, f->interval_ms);
		same = strcmp(rest, want) == 0;
		g_free(want);
		return same;
	}
	return false;
}

GPtrArray *rsc_cleanup_xpaths(xmlDoc *doc, const char *node, const struct rsc_cleanup_filter *f)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char *base = g_strdup_printf("/cib/status/node_state[@uname='%s']", node);
	char *xpath = g_strdup_printf("%s/lrm/lrm_resources/lrm_resource[@id='%s']", base, f->rsc);
	xmlNode *lrm_rsc = NULL;
	xmlNode **pairs = NULL;
	int n;

	if (pcmk_xml_xpath_first(doc, xpath, &lrm_rsc) == 0 && has_failure(lrm_rsc, f)) {
		g_ptr_array_add(out, g_strdup_printf("%s/lrm/lrm_resources/lrm_resource[@id='%s']",
						     base, f->rsc));
	}
	g_free(xpath);
	xpath = g_strdup_printf("%s/transient_attributes/instance_attributes/nvpair", base);
	g_free(base);
	base = g_strdup_printf("/cib/status/node_state[@uname='%s']/transient_attributes/"
			       "instance_attributes",
			       node);
	n = pcmk_xml_xpath_all(doc, xpath, &pairs);
	for (int i = 0; i < n; i++) {
		if (fail_attr_matches(pcmk_xml_attr(pairs[i], "name"), f)) {
			g_ptr_array_add(out, g_strdup_printf("%s/nvpair[@id='%s']", base,
							     pcmk_xml_attr(pairs[i], "id")));
		}
	}
	free(pairs);
	g_free(xpath);
	g_free(base);
	return out;
}
