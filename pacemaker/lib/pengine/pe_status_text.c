/*
 * The cluster status as crm_simulate prints it ("Node List" and "Full List
 * of Resources").
 */
#include <string.h>

#include <crm/pengine/status_text.h>

static void node_list(const struct pe_cluster *c, GString *out)
{
	GString *online = g_string_new(NULL);
	GString *offline = g_string_new(NULL);

	g_string_append(out, "  * Node List:\n");
	for (guint i = 0; i < c->nodes->len; i++) {
		const struct pe_node *node = c->nodes->pdata[i];

		if (node->unclean) {
			g_string_append_printf(out, "    * Node %s: UNCLEAN (offline)\n",
					       node->uname);
		} else if (node->online && node->standby) {
			g_string_append_printf(out, "    * Node %s: standby\n", node->uname);
		} else if (node->online) {
			g_string_append_printf(online, " %s", node->uname);
		} else {
			g_string_append_printf(offline, " %s", node->uname);
		}
	}
	if (online->len > 0) {
		g_string_append_printf(out, "    * Online: [%s ]\n", online->str);
	}
	if (offline->len > 0) {
		g_string_append_printf(out, "    * OFFLINE: [%s ]\n", offline->str);
	}
	g_string_free(online, TRUE);
	g_string_free(offline, TRUE);
}

static void primitive_line(const struct pe_resource *rsc, const char *indent, GString *out)
{
	g_string_append_printf(out, "%s* %s\t(%s%s%s:%s):\t ", indent, rsc->id, rsc->klass,
			       rsc->provider == NULL ? "" : ":",
			       rsc->provider == NULL ? "" : rsc->provider, rsc->type);
	if (rsc->running_on->len == 0) {
		g_string_append(out, "Stopped");
	} else {
		const struct pe_node *node = rsc->running_on->pdata[0];

		g_string_append_printf(out, "%s %s", pe_role_text(rsc->role), node->uname);
	}
	if (rsc->failed) {
		g_string_append(out, " (FAILED)");
	}
	if (!rsc->managed) {
		g_string_append(out, " (unmanaged)");
	}
	g_string_append(out, "\n");
}

static void rsc_lines(const struct pe_resource *rsc, const char *indent, GString *out)
{
	char *deeper = g_strdup_printf("%s  ", indent);

	if (rsc->variant == PE_PRIMITIVE) {
		primitive_line(rsc, indent, out);
	} else if (rsc->variant == PE_GROUP) {
		g_string_append_printf(out, "%s* Resource Group: %s:\n", indent, rsc->id);
		for (guint i = 0; i < rsc->children->len; i++) {
			rsc_lines(rsc->children->pdata[i], deeper, out);
		}
	} else {
		g_string_append_printf(out, "%s* Clone Set: %s [%s]%s:\n", indent, rsc->id,
				       ((struct pe_resource *)rsc->children->pdata[0])->base_id,
				       rsc->promotable ? " (promotable)" : "");
		for (guint i = 0; i < rsc->children->len; i++) {
			rsc_lines(rsc->children->pdata[i], deeper, out);
		}
	}
	g_free(deeper);
}

void pe_status_text(const struct pe_cluster *c, GString *out)
{
	node_list(c, out);
	g_string_append(out, "\n  * Full List of Resources:\n");
	if (c->resources->len == 0) {
		g_string_append(out, "    * No resources\n");
	}
	for (guint i = 0; i < c->resources->len; i++) {
		rsc_lines(c->resources->pdata[i], "    ", out);
	}
}
