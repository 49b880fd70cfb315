/*
 * Messages of any size over Totem SRP: small messages are packed into one
 * frame, large ones split over consecutive frames, and each is tagged with
 * the group it belongs to (the services, or the sync engine).
 *
 * The send queue lives here; the SRP engine pulls frames from it when the
 * token allows.  A message cut by a configuration change is sent again
 * from its start in the new configuration, and receivers drop the partial
 * copy at the change, so every member of a configuration gets a message
 * whole or not at all.
 */
#ifndef TOTEM_PG_H
#define TOTEM_PG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "totem_srp.h"

enum totem_pg_group {
	TOTEM_PG_SERVICES = 0, /* service exec messages (corosync's group "a") */
	TOTEM_PG_SYNC = 1,     /* the sync engine */
	TOTEM_PG_GROUPS
};

/* The largest message (corosync's MESSAGE_SIZE_MAX is 1 MiB; frames of a
 * CPG partial message stay below it). */
#define TOTEM_PG_MESSAGE_MAX (1024 * 1024 + 4096)

typedef void (*totem_pg_deliver_fn)(void *ctx, uint32_t nodeid, const void *msg, size_t len);

struct totem_pg;

/* Frames of at most @frame_max bytes; at most @queue_max bytes queued.
 * Returns the layer, or NULL (out of memory). */
struct totem_pg *totem_pg_create(size_t frame_max, size_t queue_max);
void totem_pg_free(struct totem_pg *pg);

void totem_pg_set_deliver(struct totem_pg *pg, enum totem_pg_group group, totem_pg_deliver_fn fn,
			  void *ctx);

/* Queue the concatenation of @iov for @group.  Returns 0, -EAGAIN when
 * the queue is full, -EMSGSIZE when the message is too large.  *@kick is
 * set when the queue was empty before (the engine should be told). */
int totem_pg_mcast(struct totem_pg *pg, enum totem_pg_group group, const struct iovec *iov,
		   size_t iovcnt, bool *kick);

/* Bytes that may still be queued. */
size_t totem_pg_room(const struct totem_pg *pg);

/* For the SRP engine's environment. */
size_t totem_pg_pull(struct totem_pg *pg, const void **frame);
uint32_t totem_pg_backlog(const struct totem_pg *pg);

/* A frame the engine delivered in agreed order. */
void totem_pg_deliver(struct totem_pg *pg, uint32_t nodeid, const void *frame, size_t len);

/* A configuration change (call before passing it further up). */
void totem_pg_confchg(struct totem_pg *pg, enum totem_confchg_type type);

struct totem_pg_stats {
	uint64_t msg_tx, msg_rx, frames_tx, frames_rx, fragments_dropped, bad_frames;
};
const struct totem_pg_stats *totem_pg_stats(const struct totem_pg *pg);

#endif /* TOTEM_PG_H */
