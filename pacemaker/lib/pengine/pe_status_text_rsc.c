/*
 * One primitive on one line ("id\t(class:provider:type):\t Started node1
 * (flags)"), and groups as a heading over their members' lines.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_status_text_private.h"

/* Display states of operations in flight. */
static const struct {
	const char *task;
	const char *state;
} pending_states[] = {
	{ "start", "Starting" },         { "stop", "Stopping" },     { "migrate_to", "Migrating" },
	{ "migrate_from", "Migrating" }, { "promote", "Promoting" }, { "demote", "Demoting" },
};

static const struct pe_resource *top_of(const struct pe_resource *rsc)
{
	while (rsc->parent != NULL) {
		rsc = rsc->parent;
	}
	return rsc;
}

/* The role shown: instances of promotable clones are Unpromoted, not
 * Started, and a resource never seen is Stopped. */
static enum pe_role shown_role(const struct pe_resource *rsc)
{
	if (rsc->role == PE_ROLE_STARTED && top_of(rsc)->promotable) {
		return PE_ROLE_UNPROMOTED;
	}
	return rsc->role == PE_ROLE_UNKNOWN ? PE_ROLE_STOPPED : rsc->role;
}

const char *pe_status_rsc_state(const struct pe_resource *rsc)
{
	const char *task = pe_st_pending_task(rsc, NULL);

	for (size_t i = 0; task != NULL && i < G_N_ELEMENTS(pending_states); i++) {
		if (strcmp(task, pending_states[i].task) == 0) {
			return pending_states[i].state;
		}
	}
	return pe_role_text(shown_role(rsc));
}

/* Clone instances of anonymous clones go by the configured id. */
static const char *printable_id(const struct pe_resource *rsc)
{
	return rsc->unique ? rsc->id : rsc->base_id;
}

static void add_flag(GString *s, bool *have, const char *flag)
{
	g_string_append(s, *have ? ", " : " (");
	g_string_append(s, flag);
	*have = true;
}

static void target_role_flags(const struct pe_resource *rsc, GString *s, bool *have)
{
	const char *v = g_hash_table_lookup(rsc->meta, "target-role");
	enum pe_role role = v == NULL ? PE_ROLE_UNKNOWN : pe_role_parse(v);

	if (role == PE_ROLE_STOPPED) {
		add_flag(s, have, "disabled");
	} else if (role == PE_ROLE_UNPROMOTED && top_of(rsc)->promotable) {
		add_flag(s, have, "target-role:");
		g_string_append(s, v);
	}
}

static void primitive_flags(const struct pe_resource *rsc, const struct pe_node *node, GString *s)
{
	bool have = false;
	const char *task = pe_st_pending_task(rsc, NULL);

	if (node != NULL && !node->online && node->unclean) {
		add_flag(s, &have, "UNCLEAN");
	}
	if (task != NULL && strcmp(task, "monitor") == 0) {
		add_flag(s, &have, "Monitoring");
	}
	target_role_flags(rsc, s, &have);
	/* Resources in maintenance show as unmanaged, as in pacemaker 2.1.5. */
	if (rsc->blocked) {
		add_flag(s, &have, "blocked");
	} else if (!rsc->managed) {
		add_flag(s, &have, "unmanaged");
	}
	if (pe_st_failure_ignored(rsc)) {
		add_flag(s, &have, "failure ignored");
	}
	if (have) {
		g_string_append_c(s, ')');
	}
}

static void state_words(const struct pe_resource *rsc, GString *s)
{
	if (rsc->orphan) {
		g_string_append(s, " ORPHANED");
	}
	if (rsc->failed) {
		g_string_append(s, " FAILED");
		if (shown_role(rsc) == PE_ROLE_PROMOTED) {
			g_string_append(s, " Promoted");
		}
	} else {
		g_string_append_printf(s, " %s", pe_status_rsc_state(rsc));
	}
}

/* " (not installed) " when a stopped resource's probe found it missing. */
static void failed_probe_note(const struct pe_resource *rsc, const struct pe_node *node, GString *s)
{
	xmlNode *probe;
	long long rc = 0;

	if (shown_role(rsc) != PE_ROLE_STOPPED) {
		return;
	}
	probe = pe_st_failed_probe(rsc, node == NULL ? NULL : node->uname);
	if (probe != NULL) {
		pcmk_xml_attr_int(probe, "rc-code", &rc);
		g_string_append_printf(s, " (%s) ", pe_st_ocf_rc_text(rc));
	}
}

static void multiple_nodes(const struct pe_resource *rsc, GString *s)
{
	const char *desc = pcmk_xml_attr(rsc->xml, "description");

	if (desc != NULL) {
		g_string_append_printf(s, " %s", desc);
	}
	g_string_append(s, " [");
	for (guint i = 0; i < rsc->running_on->len; i++) {
		g_string_append_printf(s, " %s",
				       ((const struct pe_node *)rsc->running_on->pdata[i])->uname);
	}
	g_string_append(s, " ]");
}

void pe_st_primitive_line(const struct pe_resource *rsc, const char *name,
			  const struct pe_node *node, int depth, unsigned int flags, GString *out)
{
	GString *s = g_string_new(NULL);
	bool multiple = rsc->running_on->len > 1 && (flags & PE_ST_RSC_ONLY) == 0;

	g_string_append_printf(s, "%s\t(%s%s%s:%s):\t", name != NULL ? name : printable_id(rsc),
			       rsc->klass == NULL ? "unknown" : rsc->klass,
			       rsc->provider == NULL ? "" : ":",
			       rsc->provider == NULL ? "" : rsc->provider,
			       rsc->type == NULL ? "unknown" : rsc->type);
	state_words(rsc, s);
	if (node != NULL && (flags & PE_ST_RSC_ONLY) == 0) {
		g_string_append_printf(s, " %s", node->uname);
	}
	failed_probe_note(rsc, node, s);
	/* Under its node's heading the node's state is already told. */
	primitive_flags(rsc, (flags & PE_ST_RSC_ONLY) != 0 ? NULL : node, s);
	if (multiple) {
		multiple_nodes(rsc, s);
	}
	pe_st_item(out, depth, "%s", s->str);
	g_string_free(s, TRUE);
}

void pe_st_primitive(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	const struct pe_node *node = NULL;

	/* Guest nodes' connections are the cluster's business, not the user's. */
	if (rsc->implicit || ((flags & PE_ST_INACTIVE) == 0 && !pe_st_rsc_active(rsc, false))) {
		return;
	}
	if (rsc->running_on->len > 0) {
		node = rsc->running_on->pdata[0];
	} else {
		(void)pe_st_pending_task(rsc, &node);
	}
	if (rsc->running_on->len > 1) {
		node = NULL;
	}
	pe_st_primitive_line(rsc, NULL, node, depth, flags, out);
}

/* "N members inactive" heads a partly active group when inactive
 * resources are not listed. */
static void inactive_members(const struct pe_resource *rsc, unsigned int flags, GString *attrs)
{
	int n = 0;

	if ((flags & PE_ST_INACTIVE) != 0 || pe_st_rsc_active(rsc, true) ||
	    !pe_st_rsc_active(rsc, false)) {
		return;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		n += pe_st_rsc_active(rsc->children->pdata[i], true) ? 0 : 1;
	}
	g_string_append_printf(attrs, ", %d member%s inactive", n, n == 1 ? "" : "s");
}

void pe_st_group(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	GString *attrs;

	if (rsc->children->len == 0) {
		return; /* the heading comes with the first member */
	}
	if ((flags & PE_ST_INACTIVE) == 0 && !pe_st_rsc_active(rsc, false)) {
		return; /* an inactive group, say a stopped unique instance */
	}
	attrs = g_string_new(NULL);
	inactive_members(rsc, flags, attrs);
	if (!rsc->managed) {
		g_string_append(attrs, ", unmanaged");
	}
	if (pe_st_rsc_disabled(rsc)) {
		g_string_append(attrs, ", disabled");
	}
	if (attrs->len > 0) {
		pe_st_item(out, depth, "Resource Group: %s (%s):", rsc->id, attrs->str + 2);
	} else {
		pe_st_item(out, depth, "Resource Group: %s:", rsc->id);
	}
	g_string_free(attrs, TRUE);
	for (guint i = 0; i < rsc->children->len; i++) {
		pe_st_primitive(rsc->children->pdata[i], depth + 1, flags, out);
	}
}

void pe_st_rsc(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	static void (*const printers[])(const struct pe_resource *, int, unsigned int,
					GString *) = {
		[PE_PRIMITIVE] = pe_st_primitive,
		[PE_GROUP] = pe_st_group,
		[PE_CLONE] = pe_st_clone,
		[PE_BUNDLE] = pe_st_bundle,
	};

	printers[rsc->variant](rsc, depth, flags, out);
}
