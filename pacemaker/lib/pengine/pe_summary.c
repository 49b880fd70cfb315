/*
 * The "Transition Summary" of a scheduled cluster: one line per resource
 * that changes ("Start", "Stop", "Move", "Restart", "Recover", "Promote",
 * "Demote") and per node fenced or shut down, laid out as crm_simulate does
 * (resource ids padded to the longest id, details right-aligned).
 */
#include <string.h>

#include "pe_sched_private.h"

struct summary_line {
	char *change;
	char *rsc;
	char *details;
	char *reason;
	bool blocked;
	bool raw; /* fencing lines are printed as they are */
};

static bool required(const struct pe_action *a)
{
	return a != NULL && !(a->flags & PE_ACT_OPTIONAL) && (a->flags & PE_ACT_RUNNABLE);
}

static struct pe_action *rsc_action(const struct pe_resource *rsc, const char *task,
				    const struct pe_node *node)
{
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (a->interval_ms == 0 && strcmp(a->task, task) == 0 &&
		    (node == NULL || a->node == node)) {
			return a;
		}
	}
	return NULL;
}

static void add_line(GPtrArray *lines, const char *change, const struct pe_resource *rsc,
		     char *details, const struct pe_action *a)
{
	struct summary_line *l = g_new0(struct summary_line, 1);
	const char *reason = a == NULL ? NULL : a->reason;

	l->blocked = a != NULL && !(a->flags & PE_ACT_RUNNABLE);

	l->change = g_strdup(change);
	l->rsc = g_strdup(rsc->id);
	l->details = details;
	l->reason = g_strdup(reason);
	g_ptr_array_add(lines, l);
}

static void primitive_lines(const struct pe_resource *rsc, GPtrArray *lines)
{
	struct pe_node *cur = pe_rsc_current_node(rsc);
	struct pe_node *next = rsc->assigned;
	struct pe_action *start = next == NULL ? NULL : rsc_action(rsc, "start", next);
	struct pe_action *stop = cur == NULL ? NULL : rsc_action(rsc, "stop", cur);
	bool starting = required(start) || (start != NULL && !(start->flags & PE_ACT_OPTIONAL));

	if (cur == NULL && next == NULL) {
		return;
	}
	if (cur == NULL) {
		if (starting) {
			add_line(lines, "Start", rsc, g_strdup(next->uname), start);
		}
		return;
	}
	if (next == NULL || rsc->next_role == PE_ROLE_STOPPED) {
		if (stop != NULL && !(stop->flags & PE_ACT_OPTIONAL)) {
			add_line(lines, "Stop", rsc, g_strdup(cur->uname), stop);
		}
		return;
	}
	if (cur != next) {
		add_line(lines, rsc->failed ? "Recover" : "Move", rsc,
			 g_strdup_printf("%s -> %s", cur->uname, next->uname), start);
		return;
	}
	if (required(stop) && starting) {
		add_line(lines, rsc->failed ? "Recover" : "Restart", rsc, g_strdup(cur->uname),
			 start);
		return;
	}
	if (rsc->role == PE_ROLE_UNPROMOTED && rsc->next_role == PE_ROLE_PROMOTED &&
	    required(rsc_action(rsc, "promote", next))) {
		add_line(lines, "Promote", rsc,
			 g_strdup_printf("Unpromoted -> Promoted %s", next->uname),
			 rsc_action(rsc, "promote", next));
	} else if (rsc->role == PE_ROLE_PROMOTED && rsc->next_role == PE_ROLE_UNPROMOTED &&
		   required(rsc_action(rsc, "demote", cur))) {
		add_line(lines, "Demote", rsc,
			 g_strdup_printf("Promoted -> Unpromoted %s", next->uname),
			 rsc_action(rsc, "demote", cur));
	}
}

static void rsc_lines(const struct pe_resource *rsc, GPtrArray *lines)
{
	if (rsc->variant == PE_PRIMITIVE) {
		primitive_lines(rsc, lines);
		return;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		rsc_lines(rsc->children->pdata[i], lines);
	}
}

static void fence_lines(const struct pe_cluster *c, GPtrArray *lines)
{
	for (guint i = 0; i < c->actions->len; i++) {
		const struct pe_action *a = c->actions->pdata[i];
		struct summary_line *l;
		const char *op;

		if (a->rsc != NULL || strcmp(a->task, "stonith") != 0 || !required(a)) {
			continue;
		}
		op = g_hash_table_lookup(a->meta, "stonith_action");
		l = g_new0(struct summary_line, 1);
		l->raw = true;
		l->change = g_strdup_printf("Fence (%s) %s '%s'", op, a->node->uname,
					    a->reason == NULL ? "node is unclean" : a->reason);
		g_ptr_array_add(lines, l);
	}
}

static void line_free(gpointer data)
{
	struct summary_line *l = data;

	g_free(l->change);
	g_free(l->rsc);
	g_free(l->details);
	g_free(l->reason);
	g_free(l);
}

void pe_transition_summary(const struct pe_cluster *c, GString *out)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(line_free);
	int rsc_width = 5;
	int detail_width = 5;

	fence_lines(c, lines);
	for (guint i = 0; i < c->resources->len; i++) {
		rsc_lines(c->resources->pdata[i], lines);
	}
	for (guint i = 0; i < lines->len; i++) {
		struct summary_line *l = lines->pdata[i];
		int len = l->details == NULL ? 0 : (int)strlen(l->details);
		int id_len = l->rsc == NULL ? 0 : (int)strlen(l->rsc);

		/* Widths grow as pacemaker's do, line by line. */
		detail_width = len > detail_width ? len : detail_width;
		rsc_width = id_len > rsc_width ? id_len + 2 : rsc_width;
	}
	for (guint i = 0; i < lines->len; i++) {
		struct summary_line *l = lines->pdata[i];

		if (l->raw) {
			g_string_append_printf(out, "  * %s\n", l->change);
			continue;
		}
		g_string_append_printf(out, "  * %-8s   %-*s   ( %*s )", l->change, rsc_width,
				       l->rsc, detail_width, l->details);
		if (l->reason != NULL && l->blocked) {
			g_string_append_printf(out, "  due to %s (blocked)", l->reason);
		} else if (l->reason != NULL) {
			g_string_append_printf(out, "  due to %s", l->reason);
		} else if (l->blocked) {
			g_string_append(out, "  blocked");
		}
		g_string_append(out, "\n");
	}
	g_ptr_array_free(lines, TRUE);
}
