/*
 * Totem SRP, membership part.
 *
 * GATHER: every node multicasts what it knows (nodes heard from, nodes
 * given up on) until all live ones say the same (consensus), or the
 * consensus timer gives up on the silent ones.
 * COMMIT: the lowest node id sends a commit token around the new ring
 * twice; the first pass collects each member's old ring and progress, the
 * second tells everyone the result.
 * RECOVERY: members re-send, on the new ring, the old ring's messages that
 * some member who came along with them may lack; when everyone has them
 * all, each delivers the same old messages, then the transitional and the
 * regular configuration (extended virtual synchrony), and becomes
 * OPERATIONAL.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
#include "../common/cs_log.h"
#include "totem_srp_int.h"

/* ---- sorted id sets ---- */

bool idset_has(const struct idset *s, uint32_t id)
{
	for (uint32_t i = 0; i < s->n; i++) {
		if (s->ids[i] == id) {
			return true;
		}
	}
	return false;
}

void idset_add(struct idset *s, uint32_t id)
{
	uint32_t i = 0;

	if (idset_has(s, id) || s->n == TOTEM_MEMBERS_MAX) {
		return;
	}
	while (i < s->n && s->ids[i] < id) {
		i++;
	}
	memmove(&s->ids[i + 1], &s->ids[i], (s->n - i) * sizeof(s->ids[0]));
	s->ids[i] = id;
	s->n++;
}

void idset_del(struct idset *s, uint32_t id)
{
	for (uint32_t i = 0; i < s->n; i++) {
		if (s->ids[i] == id) {
			memmove(&s->ids[i], &s->ids[i + 1], (s->n - i - 1) * sizeof(s->ids[0]));
			s->n--;
			return;
		}
	}
}

bool idset_equal(const struct idset *a, const struct idset *b)
{
	return a->n == b->n && memcmp(a->ids, b->ids, a->n * sizeof(a->ids[0])) == 0;
}

bool idset_subset(const struct idset *a, const struct idset *b)
{
	for (uint32_t i = 0; i < a->n; i++) {
		if (!idset_has(b, a->ids[i])) {
			return false;
		}
	}
	return true;
}

void idset_minus(struct idset *out, const struct idset *a, const struct idset *b)
{
	struct idset r = { 0 };

	for (uint32_t i = 0; i < a->n; i++) {
		if (!idset_has(b, a->ids[i])) {
			r.ids[r.n++] = a->ids[i];
		}
	}
	*out = r;
}

void idset_from(struct idset *s, const uint32_t *ids, uint32_t n)
{
	s->n = 0;
	for (uint32_t i = 0; i < n; i++) {
		idset_add(s, ids[i]);
	}
}

const char *idset_str(const struct idset *s, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < s->n && used < size; i++) {
		int n = snprintf(buf + used, size - used, " %u", s->ids[i]);
		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
	return buf;
}

/* ---- gather ---- */

static void consensus_expired(void *data);
static void join_resend(void *data);
static void check_consensus(struct totem_srp *srp);

void memb_send_join(struct totem_srp *srp, bool leaving)
{
	struct totem_join j = { .sender = srp->my_id, .ring_seq = srp->highest_ring_seq };
	struct idset failed = srp->failed;
	int n;

	if (leaving) {
		/* a node listing itself as failed is saying goodbye */
		struct idset proc = srp->state == SRP_OPERATIONAL ? srp->memb : srp->proc;
		idset_add(&proc, srp->my_id);
		idset_add(&failed, srp->my_id);
		j.proc_count = proc.n;
		memcpy(j.proc, proc.ids, proc.n * sizeof(proc.ids[0]));
	} else {
		j.proc_count = srp->proc.n;
		memcpy(j.proc, srp->proc.ids, srp->proc.n * sizeof(srp->proc.ids[0]));
	}
	j.failed_count = failed.n;
	memcpy(j.failed, failed.ids, failed.n * sizeof(failed.ids[0]));
	n = totem_join_encode(srp->buf, srp->buf_size, srp->my_id, &j);
	if (n > 0) {
		srp->stats.memb_join_tx++;
		srp->env.mcast(srp->env.ctx, srp->buf, (size_t)n);
	}
}

static void clear_ring_timers(struct totem_srp *srp)
{
	srp_timer_clear(srp, &srp->t_token_loss);
	srp_timer_clear(srp, &srp->t_token_retransmit);
	srp->retransmit_deadline = 0;
	srp_timer_clear(srp, &srp->t_merge);
	srp_timer_clear(srp, &srp->t_hold);
	srp->holding = false;
}

static void discard_new_ring(struct totem_srp *srp)
{
	if (srp->new_rx_ready) {
		srp_rx_fini(&srp->new_rx);
		srp->new_rx_ready = false;
	}
	free(srp->retrans);
	srp->retrans = NULL;
	srp->retrans_n = srp->retrans_next = 0;
}

void memb_gather_enter(struct totem_srp *srp, const char *why)
{
	enum srp_state from = srp->state;
	const char *from_name = totem_srp_state_name(srp);

	clear_ring_timers(srp);
	discard_new_ring(srp);
	if (from == SRP_OPERATIONAL) {
		for (uint32_t i = 0; i < srp->memb.n; i++) {
			idset_add(&srp->proc, srp->memb.ids[i]);
		}
	} else {
		for (uint32_t i = 0; i < srp->new_memb.n; i++) {
			idset_add(&srp->proc, srp->new_memb.ids[i]);
		}
	}
	idset_add(&srp->proc, srp->my_id);
	idset_del(&srp->failed, srp->my_id);
	srp->consensus.n = 0;
	idset_add(&srp->consensus, srp->my_id);
	srp->state = SRP_GATHER;
	srp->stats.gather_entered++;
	cs_log(LOG_DEBUG, "entering GATHER state from %s (%s).", from_name, why);
	memb_send_join(srp, false);
	srp_timer_set(srp, &srp->t_join, srp->p.join, join_resend);
	srp_timer_set(srp, &srp->t_consensus, srp->p.consensus, consensus_expired);
}

void memb_start(struct totem_srp *srp)
{
	memb_gather_enter(srp, "start");
	/* alone at start-up we agree with ourselves at once and form a ring of
	 * one; the others find us through merge detection */
	check_consensus(srp);
}

static void join_resend(void *data)
{
	struct totem_srp *srp = data;

	srp->t_join = NULL;
	if (srp->state == SRP_GATHER) {
		memb_send_join(srp, false);
		srp_timer_set(srp, &srp->t_join, srp->p.join, join_resend);
	}
}

static void active_set(const struct totem_srp *srp, struct idset *active)
{
	idset_minus(active, &srp->proc, &srp->failed);
}

static void commit_as_representative(struct totem_srp *srp, const struct idset *active);

/* Everyone still counted agrees with us: the lowest of them forms the ring. */
static void check_consensus(struct totem_srp *srp)
{
	struct idset active;

	active_set(srp, &active);
	if (!idset_subset(&active, &srp->consensus)) {
		return;
	}
	if (active.ids[0] == srp->my_id) {
		commit_as_representative(srp, &active);
	}
}

static void consensus_expired(void *data)
{
	struct totem_srp *srp = data;
	struct idset active;
	char buf[256];

	srp->t_consensus = NULL;
	if (srp->state != SRP_GATHER) {
		return;
	}
	srp->stats.consensus_timeouts++;
	active_set(srp, &active);
	for (uint32_t i = 0; i < active.n; i++) {
		if (!idset_has(&srp->consensus, active.ids[i])) {
			idset_add(&srp->failed, active.ids[i]);
		}
	}
	active_set(srp, &active);
	cs_log(LOG_DEBUG, "consensus timeout: forming a ring with%s",
	       idset_str(&active, buf, sizeof(buf)));
	srp->consensus.n = 0;
	idset_add(&srp->consensus, srp->my_id);
	memb_send_join(srp, false);
	srp_timer_set(srp, &srp->t_consensus, srp->p.consensus, consensus_expired);
	check_consensus(srp);
}

/* A join from a member of the ring we are in (or forming) that predates it. */
static bool join_is_stale(const struct totem_srp *srp, const struct totem_join *j)
{
	if (srp->state == SRP_OPERATIONAL) {
		return idset_has(&srp->memb, j->sender) && j->ring_seq < srp->ring_id.seq;
	}
	if (srp->state == SRP_COMMIT || srp->state == SRP_RECOVERY) {
		return idset_has(&srp->new_memb, j->sender) && j->ring_seq < srp->new_ring_id.seq;
	}
	return false;
}

static void merge_sets(struct totem_srp *srp, const struct idset *proc, const struct idset *failed,
		       uint32_t sender)
{
	for (uint32_t i = 0; i < proc->n; i++) {
		idset_add(&srp->proc, proc->ids[i]);
	}
	if (idset_has(failed, srp->my_id)) {
		/* it gave up on us: we cannot be in one ring this round */
		idset_add(&srp->failed, sender);
	} else {
		for (uint32_t i = 0; i < failed->n; i++) {
			idset_add(&srp->failed, failed->ids[i]);
		}
	}
}

/* We learned something: agreement starts over, and the consensus timer
 * measures time without progress, so that nodes that just taught us are
 * not given up on. */
static void restart_agreement(struct totem_srp *srp)
{
	srp->consensus.n = 0;
	idset_add(&srp->consensus, srp->my_id);
	memb_send_join(srp, false);
	srp_timer_set(srp, &srp->t_consensus, srp->p.consensus, consensus_expired);
	check_consensus(srp);
}

static void gather_join(struct totem_srp *srp, const struct totem_join *j)
{
	struct idset proc, failed;

	idset_from(&proc, j->proc, j->proc_count);
	idset_from(&failed, j->failed, j->failed_count);
	if (idset_has(&srp->failed, j->sender)) {
		return;
	}
	if (idset_has(&failed, j->sender)) {
		cs_log(LOG_DEBUG, "Node %u is leaving", j->sender);
		idset_add(&srp->proc, j->sender);
		idset_add(&srp->failed, j->sender);
		idset_del(&srp->consensus, j->sender);
		memb_send_join(srp, false);
		check_consensus(srp);
		return;
	}
	if (idset_equal(&proc, &srp->proc) && idset_equal(&failed, &srp->failed)) {
		idset_add(&srp->consensus, j->sender);
		check_consensus(srp);
		return;
	}
	if (j->ring_seq < srp->ring_id.seq) {
		/* Sent before our last ring formed: who it heard from is news,
		 * whom it gave up on is an old round's verdict.  Acting on that
		 * would fail nodes that are fine now, again and again. */
		failed = srp->failed;
	}
	if (idset_subset(&proc, &srp->proc) && idset_subset(&failed, &srp->failed)) {
		return; /* it knows less than we do; our join will teach it */
	}
	merge_sets(srp, &proc, &failed, j->sender);
	restart_agreement(srp);
}

/* A join from outside the ring we are operational in that gives up on us. */
static bool excluded_by(const struct totem_srp *srp, const struct totem_join *j)
{
	if (idset_has(&srp->memb, j->sender)) {
		return false;
	}
	for (uint32_t i = 0; i < j->failed_count; i++) {
		if (j->failed[i] == srp->my_id) {
			return true;
		}
	}
	return false;
}

void memb_handle_join(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_join j;

	if (totem_join_decode(pkt, len, &j) < 0) {
		srp_drop(srp, "malformed join", 0);
		return;
	}
	srp->stats.memb_join_rx++;
	if (j.sender == srp->my_id) {
		return;
	}
	if (j.ring_seq > srp->highest_ring_seq) {
		srp->highest_ring_seq = j.ring_seq;
	}
	if (join_is_stale(srp, &j)) {
		return;
	}
	if ((srp->state == SRP_COMMIT || srp->state == SRP_RECOVERY) &&
	    !idset_has(&srp->new_memb, j.sender)) {
		/* a ring being formed is not given up for an outsider: it would
		 * undo ours, we its, round after round; once ours is formed,
		 * merge detection brings us together */
		return;
	}
	if (srp->state == SRP_OPERATIONAL && excluded_by(srp, &j)) {
		/* its round goes on without us; once its ring is formed, merge
		 * detection brings us together.  Re-forming our own ring for
		 * it would only be undone again. */
		return;
	}
	if (srp->state != SRP_GATHER) {
		memb_gather_enter(srp, "join message");
	}
	gather_join(srp, &j);
}

void memb_handle_merge_detect(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_merge_detect m;

	if (totem_merge_detect_decode(pkt, len, &m) < 0) {
		srp_drop(srp, "malformed merge detect", 0);
		return;
	}
	srp->stats.memb_merge_detect_rx++;
	if (m.sender == srp->my_id || totem_ring_id_equal(&m.ring_id, &srp->ring_id)) {
		return;
	}
	if (srp->state == SRP_OPERATIONAL && !idset_has(&srp->memb, m.sender)) {
		idset_add(&srp->proc, m.sender);
		memb_gather_enter(srp, "merge during operational state");
	} else if (srp->state == SRP_GATHER && !idset_has(&srp->proc, m.sender)) {
		idset_add(&srp->proc, m.sender);
		restart_agreement(srp);
	}
}

/* ---- commit ---- */

static int index_of(const struct totem_commit *c, uint32_t id)
{
	for (uint32_t i = 0; i < c->count; i++) {
		if (c->addr[i] == id) {
			return (int)i;
		}
	}
	return -1;
}

static void fill_entry(struct totem_srp *srp, struct totem_commit *c, int index)
{
	struct totem_commit_entry *e = &c->entries[index];

	e->ring_id = srp->ring_id;
	e->aru = srp->rx.aru;
	e->high_delivered = srp->rx.high_delivered;
	e->received_flg = srp->rx.aru == srp->rx.high_received;
}

static void send_commit(struct totem_srp *srp, struct totem_commit *c)
{
	struct idset ring;
	int n;

	idset_from(&ring, c->addr, c->count);
	c->token_seq++;
	n = totem_commit_encode(srp->buf, srp->buf_size, srp->my_id, c);
	if (n < 0) {
		cs_log(LOG_ERR, "Cannot encode the commit token: %s", strerror(-n));
		return;
	}
	srp->stats.memb_commit_token_tx++;
	srp->env.unicast(srp->env.ctx, srp_next_member(&ring, srp->my_id), srp->buf, (size_t)n);
}

static void commit_enter(struct totem_srp *srp, const struct totem_commit *c)
{
	srp_timer_clear(srp, &srp->t_join);
	srp_timer_clear(srp, &srp->t_consensus);
	srp->state = SRP_COMMIT;
	srp->stats.commit_entered++;
	srp->new_ring_id = c->ring_id;
	idset_from(&srp->new_memb, c->addr, c->count);
	if (c->ring_id.seq > srp->highest_ring_seq) {
		srp->highest_ring_seq = c->ring_id.seq;
	}
	if (srp->env.ring_seq_store != NULL) {
		srp->env.ring_seq_store(srp->env.ctx, c->ring_id.seq);
	}
	cs_log(LOG_DEBUG, "entering COMMIT state.");
	srp_token_loss_arm(srp);
}

static void commit_as_representative(struct totem_srp *srp, const struct idset *active)
{
	struct totem_commit c = { 0 };
	uint64_t seq =
		srp->highest_ring_seq > srp->ring_id.seq ? srp->highest_ring_seq : srp->ring_id.seq;

	c.ring_id.rep = srp->my_id;
	c.ring_id.seq = seq + 4;
	c.count = active->n;
	memcpy(c.addr, active->ids, active->n * sizeof(active->ids[0]));
	fill_entry(srp, &c, 0);
	c.memb_index = 1;
	commit_enter(srp, &c);
	send_commit(srp, &c);
}

static void recovery_enter(struct totem_srp *srp, const struct totem_commit *c);

void memb_handle_commit(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_commit c;
	struct idset active, addr;
	int me;

	if (totem_commit_decode(pkt, len, &c) < 0) {
		srp_drop(srp, "malformed commit token", 0);
		return;
	}
	srp->stats.memb_commit_token_rx++;
	me = index_of(&c, srp->my_id);
	if (me < 0 || c.ring_id.seq <= srp->ring_id.seq) {
		return;
	}
	int count = (int)c.count;
	switch (srp->state) {
	case SRP_GATHER:
		active_set(srp, &active);
		idset_from(&addr, c.addr, c.count);
		/* the representative saw agreement; our own view may lag by a
		 * join or two, which the equal sets make up for */
		if (!idset_equal(&addr, &active) || c.memb_index != me) {
			return;
		}
		fill_entry(srp, &c, me);
		c.memb_index++;
		commit_enter(srp, &c);
		send_commit(srp, &c);
		break;
	case SRP_COMMIT:
		if (!totem_ring_id_equal(&c.ring_id, &srp->new_ring_id) || c.memb_index < count) {
			return;
		}
		/* second pass: every entry is filled in */
		recovery_enter(srp, &c);
		c.memb_index++;
		if (c.memb_index < 2 * count || me != 0) {
			send_commit(srp, &c);
		} else {
			srp_token_originate(srp);
		}
		break;
	case SRP_RECOVERY:
		if (me == 0 && totem_ring_id_equal(&c.ring_id, &srp->new_ring_id) &&
		    c.memb_index == 2 * count) {
			srp_token_originate(srp);
		}
		break;
	default:
		break;
	}
}

/* ---- recovery ---- */

/* The members that come with us from our old ring, and what of that ring
 * we must re-send so that all of them end with the same messages. */
static void plan_recovery(struct totem_srp *srp, const struct totem_commit *c)
{
	uint32_t low_aru = srp->rx.aru;
	uint32_t n = 0;

	srp->trans_memb.n = 0;
	for (uint32_t i = 0; i < c->count && srp->ever_operational; i++) {
		if (totem_ring_id_equal(&c->entries[i].ring_id, &srp->ring_id)) {
			idset_add(&srp->trans_memb, c->addr[i]);
			low_aru = seq_min(low_aru, c->entries[i].aru);
		}
	}
	free(srp->retrans);
	srp->retrans = NULL;
	srp->retrans_n = srp->retrans_next = 0;
	if (srp->trans_memb.n < 2 || !seq_lt(low_aru, srp->rx.high_received)) {
		return;
	}
	srp->retrans = malloc((size_t)(srp->rx.high_received - low_aru) * sizeof(uint32_t));
	if (srp->retrans == NULL) {
		return;
	}
	for (uint32_t seq = low_aru + 1; seq_le(seq, srp->rx.high_received); seq++) {
		if (totem_store_get(&srp->rx.store, seq) != NULL) {
			srp->retrans[n++] = seq;
		}
	}
	srp->retrans_n = n;
}

static void recovery_enter(struct totem_srp *srp, const struct totem_commit *c)
{
	clear_ring_timers(srp);
	discard_new_ring(srp);
	plan_recovery(srp, c);
	srp_rx_init(&srp->new_rx);
	srp->new_rx_ready = true;
	srp->state = SRP_RECOVERY;
	srp->stats.recovery_entered++;
	srp->token_seen = false;
	srp->my_trc = srp->my_pbl = 0;
	srp->flg_seen_valid = false;
	srp->install_set = false;
	srp->install_seq = 0;
	srp->last_aru = 0;
	cs_log(LOG_DEBUG, "entering RECOVERY state (%u old messages to re-send).", srp->retrans_n);
	srp_token_loss_arm(srp);
}

/* Take the old ring's messages out of the recovery copies that reached us. */
static void unpack_recovered(struct totem_srp *srp)
{
	for (uint32_t seq = 1; seq_le(seq, srp->new_rx.aru); seq++) {
		const struct totem_stored *e = totem_store_get(&srp->new_rx.store, seq);
		struct totem_mcast outer, inner;

		if (e == NULL || totem_mcast_decode(e->pkt, e->len, &outer) < 0 ||
		    outer.encapsulated != TOTEM_ENCAPSULATED) {
			continue;
		}
		if (totem_mcast_decode(outer.payload, outer.payload_len, &inner) == 0 &&
		    totem_ring_id_equal(&inner.ring_id, &srp->ring_id)) {
			srp_rx_put(srp, &srp->rx, inner.seq, outer.payload, outer.payload_len);
		}
	}
}

/* Deliver what the old ring left us, in order, passing over messages that
 * no surviving member has: all of us pass over the same ones. */
static void deliver_old_ring(struct totem_srp *srp)
{
	struct ring_rx *rx = &srp->rx;

	while (seq_lt(rx->high_delivered, rx->high_received)) {
		const struct totem_stored *e = totem_store_get(&rx->store, ++rx->high_delivered);
		struct totem_mcast m;

		if (e != NULL && totem_mcast_decode(e->pkt, e->len, &m) == 0 &&
		    m.encapsulated == TOTEM_NOT_ENCAPSULATED) {
			srp->env.deliver(srp->env.ctx, m.origin, m.payload, m.payload_len);
		}
	}
}

static void log_membership(struct totem_srp *srp, const struct idset *joined,
			   const struct idset *left)
{
	char j[1024], l[1024];

	cs_log(LOG_NOTICE, "A new membership (%x.%" PRIx64 ") was formed. Members%s%s%s%s",
	       srp->ring_id.rep, srp->ring_id.seq, joined->n ? " joined:" : "",
	       idset_str(joined, j, sizeof(j)), left->n ? " left:" : "",
	       idset_str(left, l, sizeof(l)));
}

static void operational_enter(struct totem_srp *srp)
{
	struct idset joined, left;
	static const uint32_t none[1];

	unpack_recovered(srp);
	deliver_old_ring(srp);
	idset_minus(&left, &srp->memb, &srp->trans_memb);
	if (!srp->ever_operational) {
		left.n = 0;
	}
	idset_minus(&joined, &srp->new_memb, &srp->trans_memb);
	srp->env.confchg(srp->env.ctx, TOTEM_CONFCHG_TRANSITIONAL, srp->trans_memb.ids,
			 srp->trans_memb.n, left.ids, left.n, none, 0, &srp->new_ring_id);

	/* the new ring becomes the ring; its recovery copies count as delivered */
	srp_rx_fini(&srp->rx);
	srp->rx = srp->new_rx;
	srp->new_rx_ready = false;
	srp->rx.high_delivered = 0; /* recovery copies are passed over */
	free(srp->retrans);
	srp->retrans = NULL;
	srp->retrans_n = srp->retrans_next = 0;
	srp->ring_id = srp->new_ring_id;
	srp->memb = srp->new_memb;
	srp->proc = srp->memb;
	srp->failed.n = 0;
	srp->consensus.n = 0;
	srp->ever_operational = true;
	srp->aru_stuck = 0;
	srp->idle_visits = 0;
	srp->state = SRP_OPERATIONAL;
	srp->stats.operational_entered++;

	log_membership(srp, &joined, &left);
	srp->env.confchg(srp->env.ctx, TOTEM_CONFCHG_REGULAR, srp->memb.ids, srp->memb.n, left.ids,
			 left.n, joined.ids, joined.n, &srp->ring_id);
	srp_operational_timers(srp);
}

/* Called on each token visit in recovery, after this node's turn.
 *
 * The token's retrans_flg counts visits at which a node still had old
 * messages to re-send.  When it has not moved for a whole rotation and we
 * have nothing left either, nobody will re-send anything any more: every
 * recovery copy is below the token's seq now.  Once we hold everything up
 * to that point, the new ring can be installed.  All members see the
 * quiet rotation on the same circuit of the token. */
void memb_recovery_check(struct totem_srp *srp, struct totem_token *tok)
{
	bool pending = srp->retrans_next < srp->retrans_n;

	if (pending) {
		tok->retrans_flg = (int32_t)((uint32_t)tok->retrans_flg + 1);
	}
	if (!pending && srp->flg_seen_valid && (uint32_t)tok->retrans_flg == srp->flg_seen &&
	    !srp->install_set) {
		srp->install_seq = tok->seq;
		srp->install_set = true;
	}
	srp->flg_seen = (uint32_t)tok->retrans_flg;
	srp->flg_seen_valid = true;
	if (srp->install_set && seq_le(srp->install_seq, srp->new_rx.aru)) {
		operational_enter(srp);
	}
}
