/*
 * What the daemon offers its services: this node, the ring, totem
 * messaging with flow control, the configuration map, the main loop.
 */
#ifndef CS_EXEC_H
#define CS_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <qb/qbloop.h>

#include "../common/cs_map.h"
#include "totem_config.h"
#include "totem_wire.h"

uint32_t cs_exec_nodeid(void);
qb_loop_t *cs_exec_loop(void);
struct cs_map *cs_exec_map(void);
const struct totem_config *cs_exec_totem_config(void);

/* Members of the current ring (sorted) and its id. */
const uint32_t *cs_exec_members(size_t *count);
const struct totem_ring_id *cs_exec_ring_id(void);

/* Multicast an exec message (it starts with a qb_ipc_request_header whose
 * id is cs_exec_id(service, fn)) to every node in agreed order.
 * Returns 0, -EAGAIN when totem cannot take it now, -EMSGSIZE. */
int cs_exec_mcast(const struct iovec *iov, size_t iovcnt);

/* Whether a message of @bytes could be multicast now: totem is
 * operational, no synchronisation runs and there is room. */
bool cs_exec_can_send(size_t bytes);

/* Address of @nodeid as text, or NULL when unknown. */
const char *cs_exec_node_addr(uint32_t nodeid, char *buf, size_t size);

struct totem_srp_stats;
struct totem_pg_stats;
struct totem_net_stats;

/* Counters of the totem layers, for cmap's statistics; NULL before totem
 * started.  Valid until the next call into totem. */
const struct totem_srp_stats *cs_exec_srp_stats(void);
const struct totem_pg_stats *cs_exec_pg_stats(void);
const struct totem_net_stats *cs_exec_net_stats(void);

/* Where each configuration key came from (for errors naming file and
 * line), or NULL. */
const struct cs_map *cs_exec_config_lines(void);

/* The configuration file read at start-up, for a reload: a malloc'd copy
 * the caller frees, or NULL when unknown. */
char *cs_exec_config_file(void);

/* Begin an orderly shutdown (as on SIGTERM). */
void cs_exec_shutdown(void);

#endif /* CS_EXEC_H */
