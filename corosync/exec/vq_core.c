/*
 * Votequorum's state machine (see vq.h).  The arithmetic is corosync's:
 * quorum is a strict majority of the larger of the highest expected votes
 * and the votes present, and it never falls on its own, only when the
 * admin or last_man_standing lowers expected votes.
 */
#include <errno.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_VOTEQ
#include "../common/cs_log.h"
#include "vq.h"

/* libvotequorum's flag bits (VOTEQUORUM_INFO_*). */
enum {
	INFO_TWONODE = 1,
	INFO_QUORATE = 2,
	INFO_WAIT_FOR_ALL = 4,
	INFO_LAST_MAN_STANDING = 8,
	INFO_AUTO_TIE_BREAKER = 16,
	INFO_ALLOW_DOWNSCALE = 32,
};

static inline uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

struct vq_node *vq_node_find(struct vq *vq, uint32_t nodeid)
{
	for (size_t i = 0; i < vq->n_nodes; i++) {
		if (vq->nodes[i].nodeid == nodeid) {
			return &vq->nodes[i];
		}
	}
	return NULL;
}

/* A new entry for @nodeid in nodeid order; when the table is full, a dead
 * node's entry is reused.  NULL when every entry is alive. */
static struct vq_node *node_add(struct vq *vq, uint32_t nodeid)
{
	size_t at;

	if (vq->n_nodes == VQ_NODES_MAX) {
		for (at = 0; at < vq->n_nodes && vq->nodes[at].state != VQ_DEAD; at++) {
		}
		if (at == vq->n_nodes) {
			return NULL;
		}
		memmove(&vq->nodes[at], &vq->nodes[at + 1],
			(vq->n_nodes - at - 1) * sizeof(vq->nodes[0]));
		vq->n_nodes--;
	}
	for (at = 0; at < vq->n_nodes && vq->nodes[at].nodeid < nodeid; at++) {
	}
	memmove(&vq->nodes[at + 1], &vq->nodes[at], (vq->n_nodes - at) * sizeof(vq->nodes[0]));
	vq->n_nodes++;
	memset(&vq->nodes[at], 0, sizeof(vq->nodes[0]));
	vq->nodes[at].nodeid = nodeid;
	vq->nodes[at].state = VQ_DEAD;
	return &vq->nodes[at];
}

static bool in_list(uint32_t nodeid, const uint32_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i] == nodeid) {
			return true;
		}
	}
	return false;
}

void vq_totals(const struct vq *vq, uint32_t *total_votes, uint32_t *highest_expected)
{
	*total_votes = 0;
	*highest_expected = 0;
	for (size_t i = 0; i < vq->n_nodes; i++) {
		if (vq->nodes[i].state == VQ_MEMBER) {
			*total_votes += vq->nodes[i].votes;
			*highest_expected = max_u32(*highest_expected, vq->nodes[i].expected_votes);
		}
	}
}

static size_t member_count(const struct vq *vq)
{
	size_t n = 0;

	for (size_t i = 0; i < vq->n_nodes; i++) {
		n += vq->nodes[i].state == VQ_MEMBER;
	}
	return n;
}

/* The quorum for the current table.  @max_expected, when not 0, stands
 * in for the highest expected votes (setexpected, last_man_standing);
 * @allow_decrease lets the result fall below the present quorum. */
static uint32_t calculate_quorum(const struct vq *vq, bool allow_decrease, uint32_t max_expected)
{
	uint32_t total, highest, q;

	vq_totals(vq, &total, &highest);
	if (max_expected > 0) {
		highest = max_expected;
	}
	q = max_u32((highest + 2) / 2, (total + 2) / 2);
	if (!allow_decrease) {
		q = max_u32(vq->quorum, q);
	}
	/* Either of two nodes keeps quorum alone; fencing settles who
	 * really survives a split. */
	if (vq->cfg.two_node && member_count(vq) <= 2) {
		q = 1;
	}
	return q;
}

static void set_wfa_status(struct vq *vq, bool on)
{
	struct vq_node *self = vq_self(vq);

	if (vq->wfa_status != on) {
		vq->pending |= VQ_PENDING_MAP;
	}
	vq->wfa_status = on;
	self->flags = on ? self->flags | VQ_FLAG_WFA_STATUS : self->flags & ~VQ_FLAG_WFA_STATUS;
}

/* Lowest and highest node ids of a quorate partition: auto_tie_breaker
 * uses the last ones seen when the cluster splits. */
static void remember_node_ids(struct vq *vq)
{
	uint32_t lowest = vq->this_node, highest = vq->this_node;

	for (size_t i = 0; i < vq->n_nodes; i++) {
		if (vq->nodes[i].state == VQ_MEMBER) {
			lowest = vq->nodes[i].nodeid < lowest ? vq->nodes[i].nodeid : lowest;
			highest = vq->nodes[i].nodeid > highest ? vq->nodes[i].nodeid : highest;
		}
	}
	if (lowest != vq->lowest_node_id || highest != vq->highest_node_id) {
		vq->pending |= VQ_PENDING_MAP;
	}
	vq->lowest_node_id = lowest;
	vq->highest_node_id = highest;
}

static bool member_present(const struct vq *vq, uint32_t nodeid)
{
	for (size_t i = 0; i < vq->n_nodes; i++) {
		if (vq->nodes[i].nodeid == nodeid) {
			return vq->nodes[i].state == VQ_MEMBER;
		}
	}
	return false;
}

/* Whether this side of a 50:50 split wins.  With a list, the first
 * listed node present here wins, unless a node listed before it was in
 * the previous ring: it may be alive on the other side. */
static bool atb_wins(const struct vq *vq)
{
	switch (vq->cfg.atb) {
	case VQ_ATB_LOWEST:
		return member_present(vq, vq->lowest_node_id);
	case VQ_ATB_HIGHEST:
		return member_present(vq, vq->highest_node_id);
	case VQ_ATB_LIST:
		for (size_t i = 0; i < vq->cfg.n_atb_nodes; i++) {
			if (!in_list(vq->cfg.atb_nodes[i], vq->members, vq->n_members)) {
				continue;
			}
			for (size_t j = 0; j < i; j++) {
				if (in_list(vq->cfg.atb_nodes[j], vq->prev_members,
					    vq->n_prev_members)) {
					return false;
				}
			}
			return true;
		}
		return false;
	case VQ_ATB_NONE:
		break;
	}
	return false;
}

static void decide(struct vq *vq, uint32_t total_votes)
{
	struct vq_node *self = vq_self(vq);
	bool quorate;

	if (vq->cfg.wait_for_all && vq->wfa_status) {
		if (total_votes != self->expected_votes) {
			cs_log(LOG_NOTICE,
			       "Waiting for all cluster members. Current votes: %u expected_votes: "
			       "%u",
			       total_votes, self->expected_votes);
			quorate = false;
			goto out;
		}
		set_wfa_status(vq, false);
	}
	quorate = vq->quorum <= total_votes;
	if (quorate) {
		remember_node_ids(vq);
	}
	/* A half (rounded down) of the votes, and the other side cannot
	 * have quorum either: the tie breaker decides. */
	if (vq->cfg.atb != VQ_ATB_NONE && total_votes == self->expected_votes / 2 &&
	    vq->n_prev_members - vq->n_members < vq->quorum && atb_wins(vq)) {
		quorate = true;
	}
out:
	if (quorate != vq->quorate) {
		cs_log(LOG_DEBUG, quorate ? "quorum regained, resuming activity"
					  : "quorum lost, blocking activity");
		if (!vq->sync_in_progress) {
			vq->pending |= VQ_PENDING_QUORUM;
		}
	}
	vq->quorate = quorate;
	self->flags = quorate ? self->flags | VQ_FLAG_QUORATE : self->flags & ~VQ_FLAG_QUORATE;
	if (vq->cfg.wait_for_all) {
		set_wfa_status(vq, !quorate);
	}
}

/* @by_current_nodes: expected votes become the number of nodes present
 * (last_man_standing, a node leaving with allow_downscale). */
static void recalculate(struct vq *vq, bool allow_decrease, bool by_current_nodes)
{
	struct vq_node *self = vq_self(vq);
	uint32_t total, highest;
	uint32_t members = by_current_nodes ? (uint32_t)member_count(vq) : 0;

	uint32_t max_expected = members;

	vq_totals(vq, &total, &highest);
	if (total > self->expected_votes) {
		self->expected_votes = total;
		vq->pending |= VQ_PENDING_EXPECTED;
	}
	/* allow_downscale never goes below the highest expected votes seen */
	if (vq->cfg.allow_downscale && allow_decrease && max_expected > 0) {
		max_expected = max_u32(vq->ev_barrier, max_expected);
	}
	vq->quorum = calculate_quorum(vq, allow_decrease, max_expected);
	if (members > 0) {
		for (size_t i = 0; i < vq->n_nodes; i++) {
			if (vq->nodes[i].state == VQ_MEMBER) {
				vq->nodes[i].expected_votes = members;
			}
		}
	}
	decide(vq, total);
}

void vq_init(struct vq *vq, const struct vq_config *cfg, uint32_t nodeid)
{
	struct vq_node *self;

	memset(vq, 0, sizeof(*vq));
	vq->cfg = *cfg;
	vq->this_node = nodeid;
	self = node_add(vq, nodeid);
	self->state = VQ_MEMBER;
	self->votes = cfg->votes;
	self->expected_votes = cfg->expected_votes;
	self->flags = VQ_FLAG_FIRST;
	vq->ev_barrier = cfg->expected_votes;
	vq->members[0] = nodeid;
	vq->n_members = 1;
	if (cfg->wait_for_all) {
		set_wfa_status(vq, true);
	}
	recalculate(vq, false, false);
	vq->pending = VQ_PENDING_MAP;
}

void vq_nodeinfo_own(struct vq *vq, struct vq_node *out)
{
	*out = *vq_self(vq);
}

static void disable_lms(struct vq *vq)
{
	cs_log(LOG_WARNING, "last_man_standing works only when every node has 1 vote: "
			    "disabling it");
	vq->cfg.last_man_standing = false;
	vq->pending |= VQ_PENDING_LMS_STOP;
}

void vq_nodeinfo(struct vq *vq, const struct vq_node *info)
{
	struct vq_node *node = vq_node_find(vq, info->nodeid);
	struct vq_node old = { 0 };
	bool is_new = node == NULL;
	bool allow_decrease = false, by_node = false;

	if (is_new && (node = node_add(vq, info->nodeid)) == NULL) {
		cs_log(LOG_ERR, "No room for node %u in the quorum table", info->nodeid);
		return;
	}
	if (!is_new) {
		old = *node;
	}
	node->flags = info->flags;
	node->votes = info->votes;
	node->state = VQ_MEMBER;
	if (node->flags & VQ_FLAG_LEAVING) {
		node->state = VQ_LEAVING;
		allow_decrease = by_node = true;
	}
	/* an inquorate node takes the expected votes of a quorate one */
	if (!vq->quorate && (node->flags & VQ_FLAG_QUORATE)) {
		allow_decrease = true;
		vq_self(vq)->expected_votes = info->expected_votes;
	}
	if ((node->flags & VQ_FLAG_QUORATE) || vq->cfg.expected_votes_tracking) {
		node->expected_votes = info->expected_votes;
	} else {
		node->expected_votes = vq_self(vq)->expected_votes;
	}
	if (vq->cfg.last_man_standing && node->votes > 1) {
		disable_lms(vq);
	}
	if (is_new || node->nodeid == vq->this_node || (node->flags & VQ_FLAG_FIRST) ||
	    old.votes != node->votes || old.expected_votes != node->expected_votes ||
	    old.flags != node->flags || old.state != node->state) {
		recalculate(vq, allow_decrease, by_node);
	}
	/* a node that has seen everyone and is quorate ends our wait */
	if (vq->cfg.wait_for_all && !(info->flags & VQ_FLAG_WFA_STATUS) &&
	    (info->flags & VQ_FLAG_QUORATE)) {
		set_wfa_status(vq, false);
	}
}

void vq_reconfigure(struct vq *vq, uint8_t param, uint32_t nodeid, uint32_t value)
{
	struct vq_node *node;

	switch (param) {
	case VQ_RECONF_EXPECTED:
		for (size_t i = 0; i < vq->n_nodes; i++) {
			if (vq->nodes[i].state == VQ_MEMBER) {
				vq->nodes[i].expected_votes = value;
			}
		}
		vq->ev_barrier = value;
		vq->pending |= VQ_PENDING_EXPECTED | VQ_PENDING_MAP;
		recalculate(vq, true, false);
		break;
	case VQ_RECONF_VOTES:
		node = vq_node_find(vq, nodeid);
		if (node != NULL) {
			node->votes = value;
			recalculate(vq, true, false);
		}
		break;
	case VQ_RECONF_CANCEL_WFA:
		set_wfa_status(vq, false);
		cs_log(LOG_INFO, "wait_for_all_status reset by user on node %u.", nodeid);
		recalculate(vq, false, false);
		break;
	default:
		cs_log(LOG_WARNING,
		       "Ignoring a quorum reconfiguration of unknown kind %u from node %u", param,
		       nodeid);
		break;
	}
}

void vq_sync_init(struct vq *vq, const uint32_t *members, size_t n_members)
{
	bool someone_left = false;

	vq->sync_in_progress = true;
	if (n_members > 1) {
		vq_self(vq)->flags &= ~VQ_FLAG_FIRST;
	}
	for (size_t i = 0; i < vq->n_members; i++) {
		if (!in_list(vq->members[i], members, n_members)) {
			struct vq_node *node = vq_node_find(vq, vq->members[i]);
			someone_left = true;
			if (node != NULL) {
				node->state = VQ_DEAD;
			}
		}
	}
	if (vq->cfg.last_man_standing && ((n_members >= vq->quorum && someone_left) ||
					  (n_members <= vq->quorum && vq->cfg.atb != VQ_ATB_NONE &&
					   member_present(vq, vq->lowest_node_id)))) {
		vq->pending |= VQ_PENDING_LMS_ARM;
	}
	if (n_members > VQ_NODES_MAX) {
		n_members = VQ_NODES_MAX;
	}
	memcpy(vq->prev_members, vq->members, vq->n_members * sizeof(vq->members[0]));
	vq->n_prev_members = vq->n_members;
	memcpy(vq->members, members, n_members * sizeof(members[0]));
	vq->n_members = n_members;
}

void vq_sync_activate(struct vq *vq)
{
	recalculate(vq, false, false);
	vq->sync_in_progress = false;
}

void vq_lms_expired(struct vq *vq)
{
	if (vq->quorate && vq->cfg.last_man_standing) {
		recalculate(vq, true, true);
	}
}

int vq_check_expected(const struct vq *vq, uint32_t expected)
{
	uint32_t total, highest;
	uint32_t q = calculate_quorum(vq, true, expected);

	vq_totals(vq, &total, &highest);
	return expected == 0 || q < total / 2 || q > total ? -EINVAL : 0;
}

int vq_check_votes(struct vq *vq, uint32_t nodeid, uint32_t votes)
{
	struct vq_node *node = vq_node_find(vq, nodeid);
	uint32_t saved, total, highest, q;

	if (node == NULL) {
		return -ENOENT;
	}
	saved = node->votes;
	node->votes = votes;
	q = calculate_quorum(vq, true, 0);
	vq_totals(vq, &total, &highest);
	node->votes = saved;
	return q < total / 2 || q > total ? -EINVAL : 0;
}

uint32_t vq_info_flags(const struct vq *vq)
{
	uint32_t flags = 0;

	flags |= vq->cfg.two_node ? INFO_TWONODE : 0;
	flags |= vq->quorate ? INFO_QUORATE : 0;
	flags |= vq->cfg.wait_for_all ? INFO_WAIT_FOR_ALL : 0;
	flags |= vq->cfg.last_man_standing ? INFO_LAST_MAN_STANDING : 0;
	flags |= vq->cfg.atb != VQ_ATB_NONE ? INFO_AUTO_TIE_BREAKER : 0;
	flags |= vq->cfg.allow_downscale ? INFO_ALLOW_DOWNSCALE : 0;
	return flags;
}
