/*
 * CPG group membership store.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpg_groups.h"

static struct cpg_group *groups;
static uint64_t joins;

static int member_cmp(const struct cpg_member *a, const struct cpg_member *b)
{
	if (a->nodeid != b->nodeid) {
		return a->nodeid < b->nodeid ? -1 : 1;
	}
	if (a->pid != b->pid) {
		return a->pid < b->pid ? -1 : 1;
	}
	return a->joined < b->joined ? -1 : a->joined > b->joined;
}

struct cpg_group *cpg_groups_first(void)
{
	return groups;
}

struct cpg_group *cpg_group_get(const mar_cpg_name_t *name, bool create)
{
	struct cpg_group *g;

	for (g = groups; g != NULL; g = g->next) {
		if (mar_cpg_name_compare(&g->name, name) == 0) {
			return g;
		}
	}
	if (!create || (g = calloc(1, sizeof(*g))) == NULL) {
		return NULL;
	}
	g->name = *name;
	g->next = groups;
	groups = g;
	return g;
}

bool cpg_group_has(const struct cpg_group *g, uint32_t nodeid, uint32_t pid)
{
	for (size_t i = 0; i < g->n; i++) {
		if (g->members[i].nodeid == nodeid && g->members[i].pid == pid) {
			return true;
		}
	}
	return false;
}

bool cpg_group_add(struct cpg_group *g, uint32_t nodeid, uint32_t pid)
{
	if (cpg_group_has(g, nodeid, pid)) {
		return false;
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 8;
		struct cpg_member *m = realloc(g->members, cap * sizeof(*m));
		if (m == NULL) {
			return false;
		}
		g->members = m;
		g->cap = cap;
	}
	/* by node id, then pid: the order of corosync's member lists */
	size_t at = g->n;
	struct cpg_member m = { nodeid, pid, ++joins };
	while (at > 0 && member_cmp(&g->members[at - 1], &m) > 0) {
		at--;
	}
	memmove(&g->members[at + 1], &g->members[at], (g->n - at) * sizeof(m));
	g->members[at] = m;
	g->n++;
	return true;
}

static void group_free(struct cpg_group *g)
{
	for (struct cpg_group **p = &groups; *p != NULL; p = &(*p)->next) {
		if (*p == g) {
			*p = g->next;
			break;
		}
	}
	free(g->members);
	free(g);
}

bool cpg_group_remove(struct cpg_group *g, uint32_t nodeid, uint32_t pid)
{
	for (size_t i = 0; i < g->n; i++) {
		if (g->members[i].nodeid == nodeid && g->members[i].pid == pid) {
			memmove(&g->members[i], &g->members[i + 1],
				(g->n - i - 1) * sizeof(g->members[0]));
			g->n--;
			if (g->n == 0) {
				group_free(g);
			}
			return true;
		}
	}
	return false;
}

void cpg_groups_clear(void)
{
	while (groups != NULL) {
		group_free(groups);
	}
}

/* A member with its group. */
struct cpg_process {
	const struct cpg_group *g;
	struct cpg_member m;
};

static int process_cmp(const void *a, const void *b)
{
	return member_cmp(&((const struct cpg_process *)a)->m, &((const struct cpg_process *)b)->m);
}

/* Every member of every group, in the order of corosync's process list. */
static ssize_t processes(struct cpg_process **out)
{
	size_t n = 0, i = 0;

	for (struct cpg_group *g = groups; g != NULL; g = g->next) {
		n += g->n;
	}
	*out = malloc((n ? n : 1) * sizeof(**out));
	if (*out == NULL) {
		return -ENOMEM;
	}
	for (struct cpg_group *g = groups; g != NULL; g = g->next) {
		for (size_t k = 0; k < g->n; k++) {
			(*out)[i++] = (struct cpg_process){ g, g->members[k] };
		}
	}
	qsort(*out, n, sizeof(**out), process_cmp);
	return (ssize_t)n;
}

/* Where a process of group @name goes among the @n entries so far: right
 * after the first entry of its group, or in front for a new group (-1:
 * that group is there and only names are asked for). */
static ssize_t position(const mar_cpg_iteration_description_t *d, size_t n,
			const mar_cpg_name_t *name, bool names_only)
{
	for (size_t i = 0; i < n; i++) {
		if (mar_cpg_name_compare(&d[i].group, name) == 0) {
			return names_only ? -1 : (ssize_t)i + 1;
		}
	}
	return 0;
}

ssize_t cpg_groups_iteration(cpg_iteration_type_t type, const mar_cpg_name_t *one,
			     mar_cpg_iteration_description_t **out)
{
	bool names_only = type == CPG_ITERATION_NAME_ONLY;
	struct cpg_process *procs;
	ssize_t n = processes(&procs);
	size_t got = 0;

	if (n < 0) {
		return n;
	}
	*out = calloc(n > 0 ? (size_t)n : 1, sizeof(**out));
	for (ssize_t k = 0; *out != NULL && k < n; k++) {
		const struct cpg_process *p = &procs[k];
		if (type == CPG_ITERATION_ONE_GROUP &&
		    mar_cpg_name_compare(&p->g->name, one) != 0) {
			continue;
		}
		ssize_t at = position(*out, got, &p->g->name, names_only);
		if (at < 0) {
			continue;
		}
		memmove(&(*out)[at + 1], &(*out)[at], (got - (size_t)at) * sizeof(**out));
		(*out)[at] = (mar_cpg_iteration_description_t){
			.group = p->g->name,
			.nodeid = names_only ? 0 : p->m.nodeid,
			.pid = names_only ? 0 : p->m.pid,
		};
		got++;
	}
	free(procs);
	return *out != NULL ? (ssize_t)got : -ENOMEM;
}
