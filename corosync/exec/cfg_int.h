/*
 * The cfg service's parts: the shutdown vote (cfg_shutdown.c), what the
 * local node knows of the nodes (cfg_nodes.c), the configuration reload
 * (cfg_reload.c), and the service table with its IPC and exec handlers
 * (cfg_svc.c).  The first three do no I/O, so tests drive them alone.
 */
#ifndef CFG_INT_H
#define CFG_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <corosync/cfg.h>

#include "../common/cs_map.h"
#include "totem_config.h"

/* ---- the shutdown vote (cfg_shutdown.c) ----
 *
 * A shutdown REQUEST asks every client that tracks shutdowns (except the
 * one asking) and goes ahead when all say yes; a client that stops
 * tracking or goes away counts as yes; when the timer fires first, the
 * silent ones count as no.  REGARDLESS asks the same way but goes ahead
 * whatever the answers; IMMEDIATE goes ahead at once. */

enum cfg_vote {
	CFG_VOTE_NONE = 0, /* not asked in the current vote */
	CFG_VOTE_PENDING,
	CFG_VOTE_YES,
	CFG_VOTE_NO,
};

/* A client connection as the vote sees it; embedded in the caller's
 * per-connection state. */
struct cfg_peer {
	struct cfg_peer *next; /* among the trackers */
	bool tracking;
	enum cfg_vote vote;
};

struct cfg_shutdown_ops {
	/* Ask @peer for its vote (the TESTSHUTDOWN event). */
	void (*ask)(void *ctx, struct cfg_peer *peer, uint32_t flags);
	/* The request of @requester is decided: go ahead (@go) or refused. */
	void (*decided)(void *ctx, struct cfg_peer *requester, bool go);
	/* Arm and disarm the vote's timer; its expiry calls
	 * cfg_shutdown_timeout(). */
	void (*timer_start)(void *ctx);
	void (*timer_stop)(void *ctx);
	void *ctx;
};

struct cfg_shutdown {
	struct cfg_shutdown_ops ops;
	struct cfg_peer *trackers;
	struct cfg_peer *requester; /* of the vote under way, or NULL */
	uint32_t flags;             /* of the vote under way */
	unsigned expected, yes, no;
};

void cfg_shutdown_init(struct cfg_shutdown *s, const struct cfg_shutdown_ops *ops);

/* @from asks to shut down with @flags (COROSYNC_CFG_SHUTDOWN_FLAG_*).
 * ops.decided tells the outcome, at once when nobody is to be asked.
 * IMMEDIATE also ends a vote under way (its requester hears "go").
 * Returns 0, -EEXIST while another vote runs, -EINVAL for unknown
 * flags. */
int cfg_shutdown_request(struct cfg_shutdown *s, struct cfg_peer *from, uint32_t flags);

/* @from answers the vote.  Returns 0, or -ENOENT when no vote runs. */
int cfg_shutdown_reply(struct cfg_shutdown *s, struct cfg_peer *from, bool yes);

/* @p tracks shutdowns from now on (asked at once if a vote runs), or no
 * longer; a second start or stop changes nothing. */
void cfg_shutdown_track(struct cfg_shutdown *s, struct cfg_peer *p);
void cfg_shutdown_untrack(struct cfg_shutdown *s, struct cfg_peer *p);

/* @p's connection closed: it stops tracking, and its own request (if
 * it asked) is forgotten without a decision. */
void cfg_shutdown_gone(struct cfg_shutdown *s, struct cfg_peer *p);

/* The vote's timer fired. */
void cfg_shutdown_timeout(struct cfg_shutdown *s);

/* ---- nodes (cfg_nodes.c) ---- */

/* The text address of @nodeid into @buf, or NULL when unknown. */
typedef const char *(*cfg_addr_fn)(uint32_t nodeid, char *buf, size_t size);

/* What the local node knows of other nodes: its totem settings (the
 * nodelist), the members of the ring, and what the transport learned. */
struct cfg_view {
	const struct totem_config *totem;
	const uint32_t *members;
	size_t n_members;
	cfg_addr_fn addr;
};

/* Whether @nodeid is this node, in the nodelist or in the ring. */
bool cfg_node_known(const struct cfg_view *v, uint32_t nodeid);

/* The address of node @nodeid (0: this node) into @out.  Returns 0 or
 * -ENOENT for a node that is neither in the nodelist nor in the ring. */
int cfg_node_addr(const struct cfg_view *v, uint32_t nodeid, struct sockaddr_storage *out);

/* Node @nodeid as corosync_cfg_node_status_get() reports it, with link 0
 * as the only link.  Returns 0 or -ENOENT. */
int cfg_node_status(const struct cfg_view *v, uint32_t nodeid,
		    struct corosync_cfg_node_status_v1 *out);

/* ---- reload (cfg_reload.c) ---- */

/* Bring @live up to @fresh, the configuration file parsed again: keys of
 * its sections are added, changed and removed, except settings read
 * only at start-up, which keep their value.  *@deferred counts the
 * changes that take effect only when the daemon restarts (those kept,
 * and totem or nodelist changes).  Returns 0 or -ENOMEM (then part of
 * the change is made). */
int cfg_reload_merge(struct cs_map *live, const struct cs_map *fresh, unsigned *deferred);

/* Read @path again into @live (cfg_reload_merge()) and apply its logging
 * settings.  While it runs config.reload_in_progress is 1; a failure is
 * logged and left in config.reload_error_message for corosync-cfgtool.
 * Returns 0, or -errno of the parser (@live unchanged) or of logging. */
int cfg_reload(struct cs_map *live, const char *path);

#endif /* CFG_INT_H */
