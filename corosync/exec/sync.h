/*
 * Service synchronisation after a configuration change: each service in
 * turn sends its state through totem, then every member multicasts a
 * barrier; when the barriers of all members arrived, the service
 * activates its new state and the next one starts.  All members see the
 * same messages in the same order, so all reach the same state.
 */
#ifndef CS_SYNC_H
#define CS_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "totem_srp.h"

/* A regular configuration: start synchronising the services. */
void cs_sync_start(const uint32_t *trans, size_t n_trans, const uint32_t *members, size_t n_members,
		   const struct totem_ring_id *ring_id);
/* A transitional configuration: what runs is obsolete. */
void cs_sync_abort(void);
/* A message of the sync group. */
void cs_sync_deliver(uint32_t nodeid, const void *msg, size_t len);
bool cs_sync_in_progress(void);

#endif /* CS_SYNC_H */
