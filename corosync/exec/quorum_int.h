/*
 * Between the quorum service (libquorum's "quorum" IPC, quorum_svc.c) and
 * its provider, votequorum (vq_svc.c): the provider decides, the quorum
 * service logs the decision and tells libquorum's trackers.  Without a
 * provider (no quorum.provider) the cluster counts as always quorate, as
 * corosync's QUORUM_FREE.
 */
#ifndef QUORUM_INT_H
#define QUORUM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/cs_map.h"
#include "totem_wire.h"

#define QUORUM_PROVIDER_VOTEQUORUM "corosync_votequorum"

/* Whether @map names votequorum as the quorum provider: 1 yes, 0 no
 * provider, -EINVAL another (unknown) provider, which is logged. */
int quorum_provider_configured(const struct cs_map *map);

/* The provider's decision for the ring @ring_id of @members: at the end
 * of each sync and whenever it changes. */
void quorum_provider_set(bool quorate, const uint32_t *members, size_t n_members,
			 const struct totem_ring_id *ring_id);

#endif /* QUORUM_INT_H */
