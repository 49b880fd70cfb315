/*
 * What a resource brings along when it is placed: the resources that must
 * run on the same node (mandatory colocations, followed both ways, and
 * group members), and the sum of what those not yet assigned use.  A node
 * that cannot hold the sum would strand some of them, so utilization
 * placement checks the sum first.
 */
#include <stdlib.h>

#include "pe_sched_private.h"

static bool listed(GPtrArray *list, const struct pe_resource *rsc)
{
	return g_ptr_array_find(list, rsc, NULL);
}

static bool promotable_instance(const struct pe_resource *rsc)
{
	for (const struct pe_resource *p = rsc->parent; p != NULL; p = p->parent) {
		if (p->promotable) {
			return true;
		}
	}
	return false;
}

/* Whether @coloc, looked at before anything is assigned, decides where
 * @dependent goes (rather than its role, or nothing). */
static bool affects_location(const struct pe_resource *dependent, const struct pe_resource *primary,
			     const struct pe_colocation *coloc)
{
	if (coloc->score < PE_INFINITY) {
		return false;
	}
	if (coloc->dependent_role >= PE_ROLE_UNPROMOTED && dependent->parent != NULL &&
	    promotable_instance(dependent) && !dependent->provisional) {
		return false;
	}
	if (coloc->dependent_role != PE_ROLE_UNKNOWN &&
	    coloc->dependent_role != dependent->next_role) {
		return false;
	}
	return coloc->primary_role == PE_ROLE_UNKNOWN || coloc->primary_role == primary->next_role;
}

static void collect(struct pe_resource *rsc, const struct pe_resource *orig, GPtrArray *list);

static void follow(struct pe_resource *rsc, const struct pe_resource *holder,
		   const struct pe_resource *orig, GPtrArray *list)
{
	for (guint i = 0; i < holder->coloc_this_with->len; i++) {
		struct pe_colocation *coloc = holder->coloc_this_with->pdata[i];

		if (coloc->primary != orig && affects_location(rsc, coloc->primary, coloc)) {
			collect(coloc->primary, orig, list);
		}
	}
	for (guint i = 0; i < holder->coloc_with_this->len; i++) {
		struct pe_colocation *coloc = holder->coloc_with_this->pdata[i];

		/* A clone only ties down a dependent that is a clone too: a
		 * primitive colocated with it may go to any of its nodes. */
		if (coloc->dependent == orig ||
		    (pe_rsc_is_clone(rsc) && !pe_rsc_is_clone(coloc->dependent))) {
			continue;
		}
		if (affects_location(coloc->dependent, rsc, coloc)) {
			collect(coloc->dependent, orig, list);
		}
	}
}

/* The resource itself, then whatever its mandatory colocations tie to it.
 * A clone instance also answers for the clone's colocations. */
static void collect_constraints(struct pe_resource *rsc, const struct pe_resource *orig,
				GPtrArray *list)
{
	if (listed(list, rsc)) {
		return;
	}
	g_ptr_array_add(list, rsc);
	follow(rsc, rsc, orig, list);
	if (rsc->variant == PE_PRIMITIVE && pe_rsc_is_clone(rsc->parent)) {
		follow(rsc, rsc->parent, orig, list);
	}
}

static bool members_together(const struct pe_resource *grp)
{
	return grp->colocated || pe_rsc_is_clone(grp->parent);
}

static void collect(struct pe_resource *rsc, const struct pe_resource *orig, GPtrArray *list)
{
	if (rsc->variant == PE_GROUP && rsc->children->len > 0) {
		guint n = members_together(rsc) ? rsc->children->len : 1;

		for (guint i = 0; i < n; i++) {
			collect(rsc->children->pdata[i], orig, list);
		}
	}
	collect_constraints(rsc, orig, list);
}

GPtrArray *pe_utilization_colocated(struct pe_resource *rsc)
{
	GPtrArray *list = g_ptr_array_new();

	collect(rsc, rsc, list);
	return list;
}

static void add_usage(const struct pe_resource *rsc, GPtrArray *list, GHashTable *sum);

static void add_group_usage(const struct pe_resource *grp, GPtrArray *list, GHashTable *sum)
{
	guint n = members_together(grp) ? grp->children->len : 1;

	for (guint i = 0; i < n && i < grp->children->len; i++) {
		const struct pe_resource *m = grp->children->pdata[i];

		if (m->provisional && !listed(list, m)) {
			add_usage(m, list, sum);
		}
	}
}

/* A clone counts once, as one instance: the instance already listed, or
 * the instance whose group member is listed, or else the first. */
static void add_clone_usage(const struct pe_resource *clone, GPtrArray *list, GHashTable *sum)
{
	bool found = false;

	for (guint i = 0; i < clone->children->len; i++) {
		const struct pe_resource *inst = clone->children->pdata[i];

		if (listed(list, inst)) {
			found = true;
			continue;
		}
		for (guint j = 0; j < inst->children->len; j++) {
			if (listed(list, inst->children->pdata[j])) {
				add_usage(inst, list, sum);
				found = true;
				break;
			}
		}
	}
	if (!found && clone->children->len > 0) {
		add_usage(clone->children->pdata[0], list, sum);
	}
}

static void add_usage(const struct pe_resource *rsc, GPtrArray *list, GHashTable *sum)
{
	if (!rsc->provisional) {
		return;
	}
	switch (rsc->variant) {
	case PE_GROUP:
		add_group_usage(rsc, list, sum);
		break;
	case PE_CLONE:
		add_clone_usage(rsc, list, sum);
		break;
	default:
		pe_utilization_adjust(sum, rsc->utilization, 1);
		break;
	}
}

GHashTable *pe_utilization_colocated_sum(struct pe_resource *rsc)
{
	GPtrArray *list = pe_utilization_colocated(rsc);
	GHashTable *sum = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	for (guint i = 0; i < list->len; i++) {
		add_usage(list->pdata[i], list, sum);
	}
	g_ptr_array_free(list, TRUE);
	return sum;
}
