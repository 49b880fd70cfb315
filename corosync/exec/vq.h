/*
 * Votequorum's decision: every node keeps a table of the nodes it has
 * heard of (votes, expected votes, flags, state), fed by the NODEINFO and
 * RECONFIGURE messages all nodes multicast in agreed order, and computes
 * from it the quorum and whether this partition has it.  Every member of
 * a ring sees the same messages in the same order, so all of them come to
 * the same answer.
 *
 * This file is the pure part: configuration (vq_config.c) and the state
 * machine (vq_core.c), with no I/O, timers or IPC.  Each call records
 * what the service must do afterwards in vq->pending (tell trackers,
 * update cmap, re-arm or stop the last_man_standing timer); the service
 * (vq_svc.c) does it and clears the bits.
 */
#ifndef VQ_H
#define VQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/cs_map.h"
#include "totem_config.h" /* TOTEM_NODES_MAX */

#define VQ_NODES_MAX TOTEM_NODES_MAX
#define VQ_ATB_LIST_MAX 64

/* How auto_tie_breaker picks the partition that survives a 50:50 split
 * (runtime.votequorum.atb_type carries these numbers). */
enum vq_atb {
	VQ_ATB_NONE = 0,
	VQ_ATB_LOWEST = 1,
	VQ_ATB_HIGHEST = 2,
	VQ_ATB_LIST = 3,
};

struct vq_config {
	uint32_t votes;          /* this node's */
	uint32_t expected_votes; /* quorum.expected_votes, else the nodelist's sum */
	uint32_t nodelist_votes; /* sum of quorum_votes over the nodelist (0: none) */
	bool two_node;
	bool wait_for_all;
	bool last_man_standing;
	uint32_t last_man_standing_window; /* ms */
	bool allow_downscale;
	bool expected_votes_tracking;
	enum vq_atb atb;
	uint32_t atb_nodes[VQ_ATB_LIST_MAX]; /* VQ_ATB_LIST: in order of preference */
	size_t n_atb_nodes;
};

/* Read quorum.* and the nodelist's votes into @cfg for node @nodeid, the
 * @local_pos'th node block of the nodelist (-1: not in one; it matters
 * only for blocks without a nodeid).  Returns 0, or -EINVAL with *@error
 * a malloc'd message naming the key (and its file and line when @lines
 * has them), or -ENOMEM.  Settings corosync corrects rather than refuses
 * (two_node with auto_tie_breaker; auto_tie_breaker in an odd-sized
 * cluster without wait_for_all) are corrected and logged.  Also used to
 * re-read the settings after a reload. */
int vq_config_read(const struct cs_map *map, const struct cs_map *lines, uint32_t nodeid,
		   int local_pos, struct vq_config *cfg, char **error);

/* The node states of libvotequorum (VOTEQUORUM_NODESTATE_*). */
enum vq_state {
	VQ_MEMBER = 1,
	VQ_DEAD = 2,
	VQ_LEAVING = 3,
};

/* NODEINFO flags as they travel between nodes. */
enum {
	VQ_FLAG_QUORATE = 1,
	VQ_FLAG_LEAVING = 2,
	VQ_FLAG_WFA_STATUS = 4,
	VQ_FLAG_FIRST = 8, /* the node has not yet been in a ring with others */
};

struct vq_node {
	uint32_t nodeid;
	uint32_t votes;
	uint32_t expected_votes;
	uint32_t flags;
	enum vq_state state;
};

/* What the service has to act on after a call. */
enum {
	VQ_PENDING_QUORUM = 1,   /* quorate changed outside a sync: notify */
	VQ_PENDING_EXPECTED = 2, /* our expected_votes changed: notify trackers */
	VQ_PENDING_LMS_ARM = 4,  /* (re)start the last_man_standing window */
	VQ_PENDING_LMS_STOP = 8, /* stop it (LMS was switched off) */
	VQ_PENDING_MAP = 16,     /* runtime.votequorum.* keys changed */
};

struct vq {
	struct vq_config cfg;
	uint32_t this_node;
	struct vq_node nodes[VQ_NODES_MAX]; /* sorted by nodeid; this node included */
	size_t n_nodes;
	uint32_t quorum;
	bool quorate;
	bool wfa_status; /* still waiting for all nodes after a start or a loss */
	uint32_t ev_barrier;
	uint32_t lowest_node_id, highest_node_id; /* of the last quorate partition */
	uint32_t members[VQ_NODES_MAX];           /* the ring of the last sync */
	size_t n_members;
	uint32_t prev_members[VQ_NODES_MAX]; /* the one before it */
	size_t n_prev_members;
	bool sync_in_progress;
	unsigned pending;
};

/* Start with this node alone (votes and expected votes from @cfg). */
void vq_init(struct vq *vq, const struct vq_config *cfg, uint32_t nodeid);

/* The entry of @nodeid, or NULL. */
struct vq_node *vq_node_find(struct vq *vq, uint32_t nodeid);
static inline struct vq_node *vq_self(struct vq *vq)
{
	return vq_node_find(vq, vq->this_node);
}

/* The NODEINFO this node multicasts. */
void vq_nodeinfo_own(struct vq *vq, struct vq_node *out);

/* A NODEINFO message about @info->nodeid, in agreed order. */
void vq_nodeinfo(struct vq *vq, const struct vq_node *info);

/* A RECONFIGURE message (VQ_RECONF_*). */
enum {
	VQ_RECONF_EXPECTED = 1,
	VQ_RECONF_VOTES = 2,
	VQ_RECONF_CANCEL_WFA = 3,
};
void vq_reconfigure(struct vq *vq, uint8_t param, uint32_t nodeid, uint32_t value);

/* A sync after a configuration change to @members begins / ends. */
void vq_sync_init(struct vq *vq, const uint32_t *members, size_t n_members);
void vq_sync_activate(struct vq *vq);

/* The last_man_standing window passed: expected votes come down to the
 * nodes present, when the partition is still quorate. */
void vq_lms_expired(struct vq *vq);

/* Whether setting expected votes to @expected (libvotequorum's
 * setexpected) or the votes of @nodeid to @votes (setvotes) keeps a sane
 * quorum: 0, -EINVAL (would not), -ENOENT (no such node).  Nothing
 * changes; the caller then multicasts a RECONFIGURE. */
int vq_check_expected(const struct vq *vq, uint32_t expected);
int vq_check_votes(struct vq *vq, uint32_t nodeid, uint32_t votes);

/* Sum of votes and highest expected votes over the members. */
void vq_totals(const struct vq *vq, uint32_t *total_votes, uint32_t *highest_expected);

/* libvotequorum's flags (VOTEQUORUM_INFO_*) for getinfo. */
uint32_t vq_info_flags(const struct vq *vq);

#endif /* VQ_H */
