/*
 * CPG's process lists as the daemons see them: sorted, so that every
 * member holds the same array after the same change, whatever order the
 * corosync in use reports.
 */
#include <errno.h>
#include <stdlib.h>

#include "cluster_private.h"

static int by_node_then_pid(const void *a, const void *b)
{
	const struct pcmk_group_member *x = a, *y = b;

	if (x->nodeid != y->nodeid) {
		return x->nodeid < y->nodeid ? -1 : 1;
	}
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

int cluster_group_members(const struct cpg_address *in, size_t n, struct pcmk_group_member **out)
{
	struct pcmk_group_member *m;

	*out = NULL;
	if (n == 0) {
		return 0;
	}
	m = calloc(n, sizeof(*m));
	if (m == NULL) {
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		m[i].nodeid = in[i].nodeid;
		m[i].pid = (pid_t)in[i].pid;
	}
	qsort(m, n, sizeof(*m), by_node_then_pid);
	*out = m;
	return 0;
}
