/*
 * The "Cluster Summary" section (stack, DC, times, counts, the banner of a
 * cluster whose resource management is off) and -s's one line for
 * monitoring systems.
 */
#include <string.h>
#include <time.h>

#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>

#include "crm_mon.h"

const char *mon_stack(const struct pe_cluster *c)
{
	const char *v = g_hash_table_lookup(c->options, "cluster-infrastructure");

	return v == NULL ? "unknown" : v;
}

const char *mon_dc_version(const struct pe_cluster *c)
{
	const char *v = g_hash_table_lookup(c->options, "dc-version");

	return v == NULL ? "unknown" : v;
}

static bool rsc_disabled(const struct pe_resource *rsc)
{
	const char *v = g_hash_table_lookup(rsc->meta, "target-role");
	const struct pe_resource *top = rsc;
	enum pe_role role = v == NULL ? PE_ROLE_UNKNOWN : pe_role_parse(v);

	while (top->parent != NULL) {
		top = top->parent;
	}
	return role == PE_ROLE_STOPPED || (role == PE_ROLE_UNPROMOTED && top->promotable);
}

/* Every primitive instance counts, except orphans no longer active. */
static void count_rsc(const struct pe_resource *rsc, struct mon_counts *n)
{
	if (rsc->variant != PE_PRIMITIVE) {
		for (guint i = 0; i < rsc->children->len; i++) {
			count_rsc(rsc->children->pdata[i], n);
		}
		return;
	}
	if (rsc->orphan && rsc->role <= PE_ROLE_STOPPED) {
		return;
	}
	n->instances++;
	n->disabled += rsc_disabled(rsc) ? 1 : 0;
	n->blocked += rsc->blocked ? 1 : 0;
}

void mon_count_instances(const struct pe_cluster *c, struct mon_counts *n)
{
	memset(n, 0, sizeof(*n));
	for (guint i = 0; i < c->resources->len; i++) {
		count_rsc(c->resources->pdata[i], n);
	}
}

static void dc_line(const struct pe_cluster *c, GString *out)
{
	if (c->dc_node == NULL) {
		mon_item(out, 1, "Current DC: NONE");
		return;
	}
	mon_item(out, 1, "Current DC: %s (version %s) - partition %s quorum", c->dc_node->uname,
		 mon_dc_version(c), c->have_quorum ? "with" : "WITHOUT");
}

static void last_change_line(const struct pe_cluster *c, GString *out)
{
	const char *written = pcmk_xml_attr(c->cib, "cib-last-written");
	const char *user = pcmk_xml_attr(c->cib, "update-user");
	const char *client = pcmk_xml_attr(c->cib, "update-client");
	const char *origin = pcmk_xml_attr(c->cib, "update-origin");

	mon_item(out, 1, "Last change:  %s%s%s%s%s%s%s", written ? written : "", user ? " by " : "",
		 user ? user : "", client ? " via " : "", client ? client : "",
		 origin ? " on " : "", origin ? origin : "");
}

static void counts_line(const struct pe_cluster *c, GString *out)
{
	struct mon_counts n;
	GString *extra = g_string_new(NULL);

	mon_count_instances(c, &n);
	if (n.disabled > 0) {
		g_string_append_printf(extra, ", %d DISABLED", n.disabled);
	}
	if (n.blocked > 0) {
		g_string_append_printf(extra, ", %d BLOCKED from further action due to failure",
				       n.blocked);
	}
	mon_item(out, 1, "%u node%s configured", c->nodes->len, c->nodes->len == 1 ? "" : "s");
	mon_item(out, 1, "%d resource instance%s configured%s%s%s", n.instances,
		 n.instances == 1 ? "" : "s", extra->len > 0 ? " (" : "",
		 extra->len > 0 ? extra->str + 2 : "", extra->len > 0 ? ")" : "");
	g_string_free(extra, TRUE);
}

static void banner(const struct pe_cluster *c, GString *out)
{
	if (c->maintenance_mode) {
		g_string_append(out, "\n              *** Resource management is DISABLED ***\n"
				     "  The cluster will not attempt to start, stop or recover "
				     "services\n");
	} else if (c->stop_all) {
		g_string_append(out, "\n    *** Resource management is DISABLED ***\n"
				     "  The cluster will keep all resources stopped\n");
	}
}

void mon_summary_text(const struct pe_cluster *c, GString *out)
{
	char now[64];

	mon_time_text(time(NULL), now, sizeof(now));
	mon_item(out, 0, "Cluster Summary:");
	mon_item(out, 1, "Stack: %s", mon_stack(c));
	dc_line(c, out);
	mon_item(out, 1, "Last updated: %s", now);
	last_change_line(c, out);
	counts_line(c, out);
	banner(c, out);
}

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

/* "CLUSTER OK: ..." (returns 0) or "CLUSTER WARN: ..." (no DC, offline
 * nodes; returns 1). */
int mon_simple_status(const struct pe_cluster *c, GString *out)
{
	int online = 0, standby = 0, maint = 0;
	GString *offline = g_string_new(NULL);
	struct mon_counts n;
	bool warn;

	for (guint i = 0; i < c->nodes->len; i++) {
		const struct pe_node *node = c->nodes->pdata[i];

		if (!node->online) {
			g_string_append_printf(offline, "%soffline node: %s",
					       offline->len > 0 ? " " : "", node->uname);
		} else if (node->standby) {
			standby++;
		} else if (node->maintenance) {
			maint++;
		} else {
			online++;
		}
	}
	if (c->dc_node == NULL || offline->len > 0) {
		g_string_append_printf(out, "CLUSTER WARN: %s%s%s\n", c->dc_node ? "" : "No DC",
				       (!c->dc_node && offline->len > 0) ? ", " : "", offline->str);
	} else {
		mon_count_instances(c, &n);
		g_string_append_printf(out, "CLUSTER OK: %d node%s online", online, plural(online));
		if (standby > 0) {
			g_string_append_printf(out, ", %d standby node%s", standby,
					       plural(standby));
		}
		if (maint > 0) {
			g_string_append_printf(out, ", %d maintenance node%s", maint,
					       plural(maint));
		}
		g_string_append_printf(out, ", %d resource instance%s configured\n", n.instances,
				       plural(n.instances));
	}
	warn = c->dc_node == NULL || offline->len > 0;
	g_string_free(offline, TRUE);
	return warn ? 1 : 0;
}
