/*
 * Totem single-ring protocol: membership (gather, commit, recovery,
 * operational) and agreed-order delivery with extended virtual synchrony.
 *
 * The protocol engine does no I/O of its own: packets, timers, deliveries
 * and configuration changes go through struct totem_srp_env, so the daemon
 * runs it on sockets and a qb loop while tests run several engines over a
 * simulated network.
 */
#ifndef TOTEM_SRP_H
#define TOTEM_SRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "totem_wire.h"

enum totem_confchg_type {
	TOTEM_CONFCHG_TRANSITIONAL = 0,
	TOTEM_CONFCHG_REGULAR = 1,
};

struct totem_srp_env {
	void *ctx;
	/* Send @pkt to every node (every configured node with unicast
	 * transports), this one included. */
	void (*mcast)(void *ctx, const void *pkt, size_t len);
	/* Send @pkt to node @nodeid (possibly this one). */
	void (*unicast)(void *ctx, uint32_t nodeid, const void *pkt, size_t len);
	/* Milliseconds on a monotonic clock. */
	uint64_t (*now_ms)(void *ctx);
	/* One-shot timer; the handle is only passed back to timer_del. */
	void *(*timer_add)(void *ctx, uint32_t ms, void (*fn)(void *data), void *data);
	void (*timer_del)(void *ctx, void *timer);
	/* A message, in agreed order, originated by @nodeid. */
	void (*deliver)(void *ctx, uint32_t nodeid, const void *msg, size_t len);
	/* A configuration change: first the transitional configuration (the
	 * members that came along from the previous ring), then the regular
	 * one (the new ring).  Lists are sorted. */
	void (*confchg)(void *ctx, enum totem_confchg_type type, const uint32_t *members,
			size_t n_members, const uint32_t *left, size_t n_left,
			const uint32_t *joined, size_t n_joined,
			const struct totem_ring_id *ring_id);
	/* Ring sequence numbers survive restarts so that ring ids grow. */
	uint64_t (*ring_seq_load)(void *ctx);
	void (*ring_seq_store)(void *ctx, uint64_t seq);
	/* The layer above owns the send queue: when the token allows, the
	 * engine takes the next message with pull (0 = none; the data stays
	 * valid until the next call) and asks how many wait with backlog. */
	size_t (*pull)(void *ctx, const void **msg);
	uint32_t (*backlog)(void *ctx);
};

struct totem_srp_params {
	uint32_t nodeid;
	uint32_t token;                 /* ms without token: failure */
	uint32_t token_retransmit;      /* ms before the token is resent */
	uint32_t hold;                  /* ms the representative holds an idle token */
	uint32_t join;                  /* ms between join messages */
	uint32_t consensus;             /* ms to reach agreement in gather */
	uint32_t merge;                 /* ms between merge-detect messages */
	uint32_t fail_recv_const;       /* rotations a node may fail to receive */
	uint32_t seqno_unchanged_const; /* idle rotations before holding the token */
	uint32_t window_size;           /* messages per rotation, whole ring */
	uint32_t max_messages;          /* messages per token visit */
	size_t max_msg_len;             /* largest message pull may hand over */
};

struct totem_srp_stats {
	uint64_t orf_token_rx, orf_token_tx;
	uint64_t mcast_rx, mcast_tx, mcast_retx;
	uint64_t memb_join_rx, memb_join_tx;
	uint64_t memb_commit_token_rx, memb_commit_token_tx;
	uint64_t memb_merge_detect_rx, memb_merge_detect_tx;
	uint64_t rx_dropped; /* malformed or foreign packets */
	uint64_t operational_entered, gather_entered, commit_entered, recovery_entered;
	uint64_t token_lost, consensus_timeouts, rx_failures;
};

struct totem_srp;

/* Returns the engine (caller frees with totem_srp_free), or NULL. */
struct totem_srp *totem_srp_create(const struct totem_srp_params *params,
				   const struct totem_srp_env *env);
void totem_srp_free(struct totem_srp *srp);

/* Begin looking for other nodes (the gather state). */
void totem_srp_start(struct totem_srp *srp);

/* Announce that this node leaves, so the others form a new ring at once
 * instead of waiting for the token timeout. */
void totem_srp_leave(struct totem_srp *srp);

/* Messages wait to be pulled: an idle token must come back at once. */
void totem_srp_kick(struct totem_srp *srp);

/* A packet arrived from the network (or from this node). */
void totem_srp_receive(struct totem_srp *srp, const void *pkt, size_t len);

bool totem_srp_operational(const struct totem_srp *srp);
const struct totem_ring_id *totem_srp_ring_id(const struct totem_srp *srp);
/* Members of the current ring (sorted); valid until the next call into srp. */
const uint32_t *totem_srp_members(const struct totem_srp *srp, size_t *count);
const struct totem_srp_stats *totem_srp_stats(const struct totem_srp *srp);
const char *totem_srp_state_name(const struct totem_srp *srp);

#endif /* TOTEM_SRP_H */
