/*
 * Groups: members placed one after the other, each colocated with the one
 * before it, started in order and stopped in reverse; the group's own
 * start/running/stop/stopped pseudo-actions are the points other
 * resources order against.
 */
#include <string.h>

#include "pe_sched_private.h"

static struct pe_resource *first_member(const struct pe_resource *grp)
{
	return grp->children->len == 0 ? NULL : grp->children->pdata[0];
}

struct pe_node *pe_group_assign(struct pe_resource *grp, struct pe_node *prefer)
{
	struct pe_resource *first = first_member(grp);
	struct pe_node *group_node = NULL;
	bool group_node_set = false;

	if (!grp->provisional) {
		return grp->assigned;
	}
	if (grp->assigning) {
		return NULL;
	}
	if (first == NULL) {
		grp->provisional = false;
		return NULL;
	}
	grp->assigning = true;
	grp->role = first->role;
	/* The group's own colocations are the first member's to honour. */
	for (guint i = 0; i < grp->coloc_this_with->len; i++) {
		g_ptr_array_add(first->coloc_this_with, grp->coloc_this_with->pdata[i]);
	}
	g_ptr_array_set_size(grp->coloc_this_with, 0);
	for (guint i = 0; i < grp->coloc_with_this->len; i++) {
		g_ptr_array_add(first->coloc_with_this, grp->coloc_with_this->pdata[i]);
	}
	pe_scores_print(grp->cluster, "pcmk__group_assign", grp);
	for (guint i = 0; i < grp->children->len; i++) {
		struct pe_node *node = pe_rsc_assign(grp->children->pdata[i], prefer);

		if (!group_node_set) {
			group_node = node;
			group_node_set = true;
		}
	}
	grp->next_role = first->next_role;
	grp->assigning = false;
	grp->provisional = false;
	grp->assigned = grp->colocated ? group_node : NULL;
	return grp->assigned;
}

void pe_group_create_actions(struct pe_resource *grp)
{
	for (guint i = 0; i < grp->children->len; i++) {
		pe_rsc_create_actions(grp->children->pdata[i]);
	}
	pe_rsc_pseudo_action(grp, "start", true);
	pe_rsc_pseudo_action(grp, "running", true);
	pe_rsc_pseudo_action(grp, "stop", true);
	pe_rsc_pseudo_action(grp, "stopped", true);
	if (pe_rsc_top(grp)->promotable) {
		pe_rsc_pseudo_action(grp, "promote", true);
		pe_rsc_pseudo_action(grp, "promoted", true);
		pe_rsc_pseudo_action(grp, "demote", true);
		pe_rsc_pseudo_action(grp, "demoted", true);
	}
}

struct member_walk {
	bool ordered;
	bool colocated;
	bool promotable;
	struct pe_resource *previous;
	struct pe_resource *last_active;
};

static void member_promotable_orders(struct pe_cluster *c, struct pe_resource *m, unsigned int down,
				     unsigned int post_down)
{
	pe_order_rsc_actions(c, m->parent, "demote", m, "demote", down);
	pe_order_rsc_actions(c, m, "demote", m->parent, "demoted", post_down);
	pe_order_rsc_actions(c, m, "promote", m->parent, "promoted",
			     PE_ORD_RUNNABLE_LEFT | PE_ORD_IMPLIES_THEN |
				     PE_ORD_IMPLIES_THEN_PRINTED);
	pe_order_rsc_actions(c, m->parent, "promote", m, "promote", PE_ORD_IMPLIES_THEN);
}

static void member_sequence_orders(struct pe_cluster *c, struct pe_resource *m,
				   struct member_walk *w)
{
	struct pe_resource *grp = m->parent;

	if (!w->ordered) {
		pe_order_rsc_actions(c, grp, "start", m, "start",
				     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT |
					     PE_ORD_IMPLIES_THEN_PRINTED);
		if (w->promotable) {
			pe_order_rsc_actions(c, grp, "promote", m, "promote",
					     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT |
						     PE_ORD_IMPLIES_THEN_PRINTED);
		}
		return;
	}
	if (w->previous == NULL) {
		return;
	}
	pe_order_rsc_actions(c, w->previous, "start", m, "start",
			     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
	pe_order_rsc_actions(c, m, "stop", w->previous, "stop", PE_ORD_OPTIONAL | PE_ORD_RESTART);
	if (m->running_on->len > 0 && w->previous->running_on->len == 0) {
		pe_order_rsc_actions(c, m, "stop", w->previous, "start",
				     PE_ORD_IMPLIES_FIRST | PE_ORD_RUNNABLE_LEFT);
	}
	if (w->promotable) {
		pe_order_rsc_actions(c, w->previous, "promote", m, "promote",
				     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
		pe_order_rsc_actions(c, m, "demote", w->previous, "demote", PE_ORD_OPTIONAL);
	}
}

static void member_constraints(struct pe_cluster *c, struct pe_resource *m, struct member_walk *w)
{
	struct pe_resource *grp = m->parent;
	unsigned int down = PE_ORD_IMPLIES_FIRST_PRINTED;
	unsigned int post_down = PE_ORD_IMPLIES_THEN_PRINTED;

	pe_rsc_internal_constraints(m);
	if (w->previous == NULL) {
		if (w->ordered) {
			down |= PE_ORD_OPTIONAL;
			post_down = PE_ORD_IMPLIES_THEN;
		}
	}
	if (w->promotable) {
		member_promotable_orders(c, m, down, post_down);
	}
	pe_order_rsc_actions(c, grp, "stop", m, "stop", down);
	pe_order_rsc_actions(c, m, "stop", grp, "stopped", post_down);
	pe_order_rsc_actions(c, grp, "start", m, "start", PE_ORD_IMPLIES_THEN);
	pe_order_rsc_actions(c, m, "start", grp, "running",
			     PE_ORD_RUNNABLE_LEFT | PE_ORD_IMPLIES_THEN |
				     PE_ORD_IMPLIES_THEN_PRINTED);
	member_sequence_orders(c, m, w);
	if (m->running_on->len > 0) {
		if (w->ordered && w->previous != NULL && w->previous->running_on->len == 0 &&
		    w->last_active != NULL && w->last_active->running_on->len > 0) {
			pe_order_rsc_actions(c, m, "stop", w->last_active, "stop", PE_ORD_OPTIONAL);
		}
		w->last_active = m;
	}
	w->previous = m;
}

/* Colocations of members with the member before them, needed before
 * assignment. */
void pe_group_colocate_members(struct pe_resource *grp)
{
	if (!grp->colocated) {
		return;
	}
	for (guint i = 1; i < grp->children->len; i++) {
		struct pe_resource *m = grp->children->pdata[i];

		pe_colocation_add(grp->cluster, "group:internal_colocation", m,
				  grp->children->pdata[i - 1], PE_INFINITY, PE_ROLE_UNKNOWN,
				  PE_ROLE_UNKNOWN, NULL, m->critical);
	}
}

void pe_group_internal_constraints(struct pe_resource *grp)
{
	struct pe_cluster *c = grp->cluster;
	struct member_walk w = {
		.ordered = grp->ordered,
		.colocated = grp->colocated,
		.promotable = pe_rsc_top(grp)->promotable,
	};

	pe_order_rsc_actions(c, grp, "stop", grp, "stopped", PE_ORD_RUNNABLE_LEFT);
	pe_order_rsc_actions(c, grp, "stopped", grp, "start", PE_ORD_OPTIONAL);
	pe_order_rsc_actions(c, grp, "start", grp, "running", PE_ORD_RUNNABLE_LEFT);
	for (guint i = 0; i < grp->children->len; i++) {
		member_constraints(c, grp->children->pdata[i], &w);
	}
}
