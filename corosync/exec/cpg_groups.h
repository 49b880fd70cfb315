/*
 * CPG group membership as every node of the ring agrees on it: for each
 * group name, its members (node id, pid), sorted as corosync keeps them.
 */
#ifndef CPG_GROUPS_H
#define CPG_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <corosync/ipc_cpg.h>

struct cpg_member {
	uint32_t nodeid;
	uint32_t pid;
	uint64_t joined; /* when, in the order of joins on this node */
};

struct cpg_group {
	struct cpg_group *next;
	mar_cpg_name_t name;
	struct cpg_member *members;
	size_t n, cap;
};

/* The group named @name, or NULL (created when @create). */
struct cpg_group *cpg_group_get(const mar_cpg_name_t *name, bool create);
/* Add a member; false when it is there already (or out of memory). */
bool cpg_group_add(struct cpg_group *g, uint32_t nodeid, uint32_t pid);
/* Remove a member; false when it was not there.  An emptied group is freed
 * (@g is then invalid). */
bool cpg_group_remove(struct cpg_group *g, uint32_t nodeid, uint32_t pid);
bool cpg_group_has(const struct cpg_group *g, uint32_t nodeid, uint32_t pid);
/* A snapshot for cpg_iteration_*: entries of @type
 * (CPG_ITERATION_NAME_ONLY, _ONE_GROUP for group @one, _ALL) in @*out
 * (malloc'd), in the order corosync gives them: its process list (by node
 * id, pid, then joining) grouped by name, each new group put in front and
 * each process right after the first entry of its group.  Returns the
 * count, or -ENOMEM. */
ssize_t cpg_groups_iteration(cpg_iteration_type_t type, const mar_cpg_name_t *one,
			     mar_cpg_iteration_description_t **out);
/* The first group; walk with ->next. */
struct cpg_group *cpg_groups_first(void);
/* Forget everything (daemon shutdown). */
void cpg_groups_clear(void);

#endif
