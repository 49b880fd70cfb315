/*
 * Which node's CIB wins when versions tie.  The controller will name the
 * DC; until it exists, the group member with the lowest node id stands in
 * (every member computes the same answer from the same membership).
 */
#include "cib_daemon.h"

uint32_t cib_dc_nodeid(const struct cib_daemon *d)
{
	/* members are sorted by node id */
	return d->n_members > 0 ? d->members[0].nodeid : 0;
}
