/*
 * Totem SRP, operational part: the token's visit (retransmissions, new
 * messages, flow control, all-received-up-to), message reception and
 * agreed-order delivery, timers.  Membership changes are in totem_memb.c.
 *
 * A message is delivered as soon as every message before it on the ring
 * has arrived (agreed order); it is kept until the token has shown twice
 * that every member has it, so that anyone can resend it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
#include "../common/cs_log.h"
#include "totem_srp_int.h"

/* How far ahead of our aru we ask for retransmissions on one visit. */
#define RTR_LOOKAHEAD 256

static const char *const state_names[] = {
	[SRP_OPERATIONAL] = "OPERATIONAL",
	[SRP_GATHER] = "GATHER",
	[SRP_COMMIT] = "COMMIT",
	[SRP_RECOVERY] = "RECOVERY",
};

const char *totem_srp_state_name(const struct totem_srp *srp)
{
	return state_names[srp->state];
}

/* ---- bad input ---- */

/* A packet we cannot use: counted, and logged now and then. */
void srp_drop(struct totem_srp *srp, const char *what, uint32_t nodeid)
{
	uint64_t suppressed;

	srp->stats.rx_dropped++;
	if (cs_ratelimit_allow(&srp->drop_log, 10, &suppressed)) {
		cs_log(LOG_WARNING,
		       "Dropped a %s (sender %u); %llu more dropped since the last report", what,
		       nodeid, (unsigned long long)suppressed);
	}
}

/* ---- timers ---- */

void srp_timer_clear(struct totem_srp *srp, void **t)
{
	if (*t != NULL) {
		srp->env.timer_del(srp->env.ctx, *t);
		*t = NULL;
	}
}

void srp_timer_set(struct totem_srp *srp, void **t, uint32_t ms, void (*fn)(void *))
{
	srp_timer_clear(srp, t);
	*t = srp->env.timer_add(srp->env.ctx, ms, fn, srp);
}

/* ---- ring membership helpers ---- */

uint32_t srp_next_member(const struct idset *ring, uint32_t me)
{
	for (uint32_t i = 0; i < ring->n; i++) {
		if (ring->ids[i] > me) {
			return ring->ids[i];
		}
	}
	return ring->ids[0];
}

/* ---- reception ---- */

void srp_rx_init(struct ring_rx *rx)
{
	totem_store_init(&rx->store, 1);
	rx->aru = 0;
	rx->high_received = 0;
	rx->high_delivered = 0;
}

void srp_rx_fini(struct ring_rx *rx)
{
	totem_store_fini(&rx->store);
}

/* Keep a message of @rx's ring and advance the aru over what is now
 * contiguous. */
void srp_rx_put(struct totem_srp *srp, struct ring_rx *rx, uint32_t seq, const void *pkt,
		size_t len)
{
	if (seq_le(seq, rx->aru)) {
		return; /* duplicate of something already complete */
	}
	int rc = totem_store_put(&rx->store, seq, pkt, len);
	if (rc < 0 && rc != -EEXIST) {
		cs_log(LOG_WARNING, "Dropping message %u: cannot store it (%s)", seq,
		       strerror(-rc));
		return;
	}
	rx->high_received = seq_max(rx->high_received, seq);
	while (totem_store_get(&rx->store, rx->aru + 1) != NULL) {
		rx->aru++;
	}
}

static bool payload_of(const struct totem_stored *e, struct totem_mcast *m)
{
	return totem_mcast_decode(e->pkt, e->len, m) == 0;
}

/* Deliver, in order, the operational ring's messages that are complete. */
void srp_deliver_pending(struct totem_srp *srp)
{
	struct ring_rx *rx = &srp->rx;

	while (srp->state == SRP_OPERATIONAL && seq_lt(rx->high_delivered, rx->aru)) {
		const struct totem_stored *e = totem_store_get(&rx->store, ++rx->high_delivered);
		struct totem_mcast m;

		/* recovery copies were consumed when the ring was installed */
		if (e != NULL && payload_of(e, &m) && m.encapsulated == TOTEM_NOT_ENCAPSULATED) {
			srp->env.deliver(srp->env.ctx, m.origin, m.payload, m.payload_len);
		}
	}
}

static void handle_mcast(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_mcast m;

	if (totem_mcast_decode(pkt, len, &m) < 0) {
		srp_drop(srp, "malformed message packet", 0);
		return;
	}
	srp->stats.mcast_rx++;
	if (srp->state == SRP_RECOVERY && totem_ring_id_equal(&m.ring_id, &srp->new_ring_id)) {
		srp_rx_put(srp, &srp->new_rx, m.seq, pkt, len);
		return;
	}
	if (totem_ring_id_equal(&m.ring_id, &srp->ring_id)) {
		/* In recovery the old ring's set is frozen: what the others miss
		 * is re-sent on the new ring, so a late arrival must not count. */
		if (srp->state != SRP_RECOVERY && srp->ever_operational) {
			srp_rx_put(srp, &srp->rx, m.seq, pkt, len);
			srp_deliver_pending(srp);
		}
		return;
	}
	if (srp->state == SRP_OPERATIONAL && !idset_has(&srp->memb, m.sender)) {
		cs_log(LOG_DEBUG, "Message from node %u of another ring: merging", m.sender);
		idset_add(&srp->proc, m.sender);
		memb_gather_enter(srp, "foreign message");
	}
}

/* ---- the token ---- */

/* The token timers are renewed on every visit, thousands of times a
 * second under load.  Moving a deadline costs nothing; replacing a timer
 * does.  So each stays armed and, when it fires, first checks whether its
 * deadline was moved in the meantime. */
static uint64_t now_ms(const struct totem_srp *srp)
{
	return srp->env.now_ms(srp->env.ctx);
}

static void token_loss_check(void *data)
{
	struct totem_srp *srp = data;
	uint64_t now = now_ms(srp);

	srp->t_token_loss = NULL;
	if (now < srp->loss_deadline) {
		srp->t_token_loss = srp->env.timer_add(
			srp->env.ctx, (uint32_t)(srp->loss_deadline - now), token_loss_check, srp);
		return;
	}
	srp->stats.token_lost++;
	if (srp->state == SRP_OPERATIONAL) {
		cs_log(LOG_NOTICE,
		       "Token has not been received in %u ms; a processor failed, forming new "
		       "configuration.",
		       srp->p.token);
		memb_gather_enter(srp, "token loss");
	} else {
		cs_log(LOG_DEBUG, "The token was lost in the %s state.", totem_srp_state_name(srp));
		memb_gather_enter(srp, "token loss while forming a ring");
	}
}

void srp_token_loss_arm(struct totem_srp *srp)
{
	srp->loss_deadline = now_ms(srp) + srp->p.token;
	if (srp->t_token_loss == NULL) {
		srp->t_token_loss =
			srp->env.timer_add(srp->env.ctx, srp->p.token, token_loss_check, srp);
	}
}

static void token_retransmit_check(void *data)
{
	struct totem_srp *srp = data;
	uint64_t now = now_ms(srp);

	srp->t_token_retransmit = NULL;
	if (srp->retransmit_deadline == 0) {
		return; /* the token came back */
	}
	if (now >= srp->retransmit_deadline && srp->token_pkt != NULL) {
		srp->env.unicast(srp->env.ctx, srp->token_next, srp->token_pkt, srp->token_pkt_len);
		srp->retransmit_deadline = now + srp->p.token_retransmit;
	}
	srp->t_token_retransmit =
		srp->env.timer_add(srp->env.ctx, (uint32_t)(srp->retransmit_deadline - now),
				   token_retransmit_check, srp);
}

static void token_retransmit_arm(struct totem_srp *srp)
{
	srp->retransmit_deadline = now_ms(srp) + srp->p.token_retransmit;
	if (srp->t_token_retransmit == NULL) {
		srp->t_token_retransmit = srp->env.timer_add(srp->env.ctx, srp->p.token_retransmit,
							     token_retransmit_check, srp);
	}
}

static void send_token(struct totem_srp *srp, struct totem_token *tok)
{
	const struct idset *ring = srp->state == SRP_RECOVERY ? &srp->new_memb : &srp->memb;
	int len;

	tok->token_seq++;
	len = totem_token_encode(srp->buf, srp->buf_size, srp->my_id, tok);
	if (len < 0) {
		cs_log(LOG_ERR, "Cannot encode the token: %s", strerror(-len));
		return;
	}
	free(srp->token_pkt);
	srp->token_pkt = malloc((size_t)len);
	if (srp->token_pkt != NULL) {
		memcpy(srp->token_pkt, srp->buf, (size_t)len);
		srp->token_pkt_len = (size_t)len;
	}
	srp->token_next = srp_next_member(ring, srp->my_id);
	srp->stats.orf_token_tx++;
	srp->env.unicast(srp->env.ctx, srp->token_next, srp->buf, (size_t)len);
	if (srp->token_next != srp->my_id) {
		token_retransmit_arm(srp);
	}
}

/* Resend messages others asked for that we hold; keep the other requests. */
static uint32_t serve_retransmits(struct totem_srp *srp, struct totem_token *tok,
				  struct ring_rx *rx, const struct totem_ring_id *ring_id)
{
	uint32_t kept = 0, sent = 0;

	for (uint32_t i = 0; i < tok->rtr_count; i++) {
		const struct totem_rtr_item *item = &tok->rtr[i];
		const struct totem_stored *e = NULL;

		if (totem_ring_id_equal(&item->ring_id, ring_id)) {
			e = totem_store_get(&rx->store, item->seq);
		}
		if (e != NULL) {
			srp->env.mcast(srp->env.ctx, e->pkt, e->len);
			srp->stats.mcast_retx++;
			sent++;
		} else {
			tok->rtr[kept++] = *item;
		}
	}
	tok->rtr_count = kept;
	return sent;
}

static bool rtr_listed(const struct totem_token *tok, uint32_t seq)
{
	for (uint32_t i = 0; i < tok->rtr_count; i++) {
		if (tok->rtr[i].seq == seq) {
			return true;
		}
	}
	return false;
}

static void request_missing(struct totem_token *tok, const struct ring_rx *rx,
			    const struct totem_ring_id *ring_id)
{
	uint32_t limit = seq_min(tok->seq, rx->aru + RTR_LOOKAHEAD);

	for (uint32_t seq = rx->aru + 1; seq_le(seq, limit) && tok->rtr_count < TOTEM_RTR_MAX;
	     seq++) {
		if (totem_store_get(&rx->store, seq) == NULL && !rtr_listed(tok, seq)) {
			tok->rtr[tok->rtr_count].ring_id = *ring_id;
			tok->rtr[tok->rtr_count].seq = seq;
			tok->rtr_count++;
		}
	}
}

/* Put one message on the ring with the next sequence number. */
static void originate(struct totem_srp *srp, struct totem_token *tok, struct ring_rx *rx,
		      const struct totem_ring_id *ring_id, uint8_t encapsulated,
		      const void *payload, size_t len)
{
	struct totem_mcast m = {
		.encapsulated = encapsulated,
		.seq = ++tok->seq,
		.ring_id = *ring_id,
		.origin = srp->my_id,
		.guarantee = 2,
		.payload = payload,
		.payload_len = len,
	};
	int n = totem_mcast_encode(srp->buf, srp->buf_size, srp->my_id, &m);

	if (n < 0) {
		cs_log(LOG_ERR, "Cannot encode message %u: %s", m.seq, strerror(-n));
		return;
	}
	srp_rx_put(srp, rx, m.seq, srp->buf, (size_t)n);
	srp->stats.mcast_tx++;
	srp->env.mcast(srp->env.ctx, srp->buf, (size_t)n);
}

static uint32_t backlog(const struct totem_srp *srp)
{
	return srp->state == SRP_RECOVERY ? srp->retrans_n - srp->retrans_next
					  : srp->env.backlog(srp->env.ctx);
}

/* How many new messages this visit may add to the ring. */
static uint32_t allowed_new(struct totem_srp *srp, const struct totem_token *tok,
			    uint32_t retransmitted)
{
	uint32_t fcc = tok->fcc - srp->my_trc + retransmitted;
	uint32_t total_backlog = tok->backlog - srp->my_pbl + backlog(srp);
	uint32_t allowed;

	if (fcc >= srp->p.window_size) {
		return 0;
	}
	allowed = srp->p.window_size - fcc;
	if (allowed > srp->p.max_messages) {
		allowed = srp->p.max_messages;
	}
	/* share the window when the ring is busy */
	if (total_backlog > srp->p.window_size && backlog(srp) > 0) {
		uint32_t share =
			(uint32_t)((uint64_t)srp->p.window_size * backlog(srp) / total_backlog);
		allowed = share < allowed ? (share > 0 ? share : 1) : allowed;
	}
	/* never run further ahead of the slowest member than the store allows */
	if (tok->seq - tok->aru > TOTEM_STORE_SPAN_MAX / 2) {
		return 0;
	}
	return allowed;
}

static uint32_t send_new(struct totem_srp *srp, struct totem_token *tok, uint32_t allowed)
{
	uint32_t sent = 0;

	if (srp->state == SRP_RECOVERY) {
		while (sent < allowed && srp->retrans_next < srp->retrans_n) {
			uint32_t seq = srp->retrans[srp->retrans_next++];
			const struct totem_stored *e = totem_store_get(&srp->rx.store, seq);
			if (e != NULL) {
				originate(srp, tok, &srp->new_rx, &srp->new_ring_id,
					  TOTEM_ENCAPSULATED, e->pkt, e->len);
				sent++;
			}
		}
		return sent;
	}
	while (sent < allowed) {
		const void *msg;
		size_t len = srp->env.pull(srp->env.ctx, &msg);

		if (len == 0) {
			break;
		}
		originate(srp, tok, &srp->rx, &srp->ring_id, TOTEM_NOT_ENCAPSULATED, msg, len);
		sent++;
	}
	return sent;
}

/* Lower the token's aru to ours, or raise it if we set it last time. */
static void update_aru(struct totem_srp *srp, struct totem_token *tok, const struct ring_rx *rx)
{
	if (seq_lt(rx->aru, tok->aru) || tok->aru_addr == srp->my_id || tok->aru_addr == 0) {
		tok->aru = rx->aru;
		tok->aru_addr = tok->aru == tok->seq ? 0 : srp->my_id;
	}
}

/* A member that keeps the aru down for fail_recv_const rotations cannot
 * receive; the ring re-forms without it. */
static bool receive_failure(struct totem_srp *srp, const struct totem_token *tok)
{
	if (tok->aru == srp->last_aru && tok->aru_addr != 0 && tok->aru != tok->seq) {
		srp->aru_stuck++;
	} else {
		srp->aru_stuck = 0;
	}
	if (srp->aru_stuck < srp->p.fail_recv_const) {
		return false;
	}
	srp->stats.rx_failures++;
	srp->aru_stuck = 0;
	if (tok->aru_addr == srp->my_id) {
		cs_log(LOG_WARNING, "FAILED TO RECEIVE: leaving the ring to rejoin it");
		for (uint32_t i = 0; i < srp->memb.n; i++) {
			if (srp->memb.ids[i] != srp->my_id) {
				idset_add(&srp->failed, srp->memb.ids[i]);
			}
		}
	} else {
		cs_log(LOG_WARNING, "Node %u failed to receive messages; removing it",
		       tok->aru_addr);
		idset_add(&srp->failed, tok->aru_addr);
	}
	return true;
}

static void release_delivered(struct totem_srp *srp, const struct totem_token *tok)
{
	uint32_t safe = seq_min(tok->aru, srp->last_aru);

	safe = seq_min(safe, srp->rx.high_delivered);
	if (seq_le(srp->rx.store.low, safe)) {
		totem_store_release_upto(&srp->rx.store, safe);
	}
}

static void hold_cancel_send(struct totem_srp *srp)
{
	int n = totem_hold_cancel_encode(srp->buf, srp->buf_size, srp->my_id, &srp->ring_id);

	if (n > 0) {
		srp->env.mcast(srp->env.ctx, srp->buf, (size_t)n);
	}
}

static void hold_release(void *data)
{
	struct totem_srp *srp = data;

	srp->t_hold = NULL;
	if (srp->holding) {
		srp->holding = false;
		send_token(srp, &srp->held);
	}
}

/* The representative of an idle ring keeps the token a while instead of
 * spinning it; anyone with something to send asks for it back. */
static bool hold_idle_token(struct totem_srp *srp, const struct totem_token *tok)
{
	bool idle = srp->state == SRP_OPERATIONAL && tok->seq == tok->aru && tok->rtr_count == 0 &&
		    tok->backlog == 0 && tok->fcc == 0;

	srp->idle_visits = idle ? srp->idle_visits + 1 : 0;
	if (srp->memb.ids[0] != srp->my_id || srp->idle_visits < srp->p.seqno_unchanged_const) {
		return false;
	}
	srp->held = *tok;
	srp->holding = true;
	srp_timer_set(srp, &srp->t_hold, srp->p.hold, hold_release);
	return true;
}

static void visit(struct totem_srp *srp, struct totem_token *tok)
{
	bool recovery = srp->state == SRP_RECOVERY;
	struct ring_rx *rx = recovery ? &srp->new_rx : &srp->rx;
	const struct totem_ring_id *ring_id = recovery ? &srp->new_ring_id : &srp->ring_id;
	uint32_t retransmitted = serve_retransmits(srp, tok, rx, ring_id);
	uint32_t sent = send_new(srp, tok, allowed_new(srp, tok, retransmitted));

	tok->fcc = tok->fcc - srp->my_trc + sent + retransmitted;
	srp->my_trc = sent + retransmitted;
	tok->backlog = tok->backlog - srp->my_pbl + backlog(srp);
	srp->my_pbl = backlog(srp);
	request_missing(tok, rx, ring_id);
	update_aru(srp, tok, rx);
	if (!recovery && receive_failure(srp, tok)) {
		memb_gather_enter(srp, "failure to receive");
		return;
	}
	if (!recovery) {
		release_delivered(srp, tok);
	}
	srp->last_aru = tok->aru;
	if (recovery) {
		memb_recovery_check(srp, tok);
	}
	if (srp->state != SRP_OPERATIONAL && srp->state != SRP_RECOVERY) {
		return;
	}
	if (!hold_idle_token(srp, tok)) {
		send_token(srp, tok);
	}
	srp_deliver_pending(srp);
}

static void handle_token(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_token tok;
	const struct totem_ring_id *ring_id;

	if (totem_token_decode(pkt, len, &tok) < 0) {
		srp_drop(srp, "malformed token", 0);
		return;
	}
	srp->stats.orf_token_rx++;
	if (srp->state != SRP_OPERATIONAL && srp->state != SRP_RECOVERY) {
		return;
	}
	ring_id = srp->state == SRP_RECOVERY ? &srp->new_ring_id : &srp->ring_id;
	if (!totem_ring_id_equal(&tok.ring_id, ring_id)) {
		return;
	}
	if (srp->token_seen && seq_le(tok.token_seq, srp->last_token_seq)) {
		return; /* a retransmitted copy of a token we already passed on */
	}
	srp->token_seen = true;
	srp->last_token_seq = tok.token_seq;
	srp->retransmit_deadline = 0;
	srp_token_loss_arm(srp);
	visit(srp, &tok);
}

/* The representative puts the first token of a ring into circulation. */
void srp_token_originate(struct totem_srp *srp)
{
	struct totem_token tok = { .ring_id = srp->new_ring_id };

	srp->token_seen = true;
	srp->last_token_seq = 0;
	srp_token_loss_arm(srp);
	visit(srp, &tok);
}

static void handle_hold_cancel(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_ring_id ring_id;

	if (totem_hold_cancel_decode(pkt, len, &ring_id) < 0) {
		srp_drop(srp, "malformed token hold cancel", 0);
		return;
	}
	if (srp->holding && totem_ring_id_equal(&ring_id, &srp->ring_id)) {
		srp_timer_clear(srp, &srp->t_hold);
		hold_release(srp);
	}
}

/* ---- merge detection ---- */

static void merge_detect_send(void *data)
{
	struct totem_srp *srp = data;
	struct totem_merge_detect m = { .sender = srp->my_id, .ring_id = srp->ring_id };
	int n;

	srp->t_merge = NULL;
	if (srp->state != SRP_OPERATIONAL) {
		return;
	}
	n = totem_merge_detect_encode(srp->buf, srp->buf_size, srp->my_id, &m);
	if (n > 0) {
		srp->stats.memb_merge_detect_tx++;
		srp->env.mcast(srp->env.ctx, srp->buf, (size_t)n);
	}
	srp_timer_set(srp, &srp->t_merge, srp->p.merge, merge_detect_send);
}

/* Timers of the operational state: the representative looks for other
 * rings to merge with. */
void srp_operational_timers(struct totem_srp *srp)
{
	if (srp->memb.ids[0] == srp->my_id) {
		srp_timer_set(srp, &srp->t_merge, srp->p.merge, merge_detect_send);
	}
}

/* ---- public entry points ---- */

struct totem_srp *totem_srp_create(const struct totem_srp_params *params,
				   const struct totem_srp_env *env)
{
	struct totem_srp *srp = calloc(1, sizeof(*srp));

	if (srp == NULL) {
		return NULL;
	}
	srp->p = *params;
	srp->env = *env;
	srp->my_id = params->nodeid;
	srp->buf_size = params->max_msg_len + 2 * TOTEM_MCAST_HEADER_SIZE + 4096;
	srp->buf = malloc(srp->buf_size);
	if (srp->buf == NULL) {
		totem_srp_free(srp);
		return NULL;
	}
	/* One past the stored sequence, as corosync does: a node restarted
	 * before the others noticed it left never reuses its last ring id
	 * (the first ring after a fresh start is then 5, as corosync's). */
	srp->highest_ring_seq = (env->ring_seq_load ? env->ring_seq_load(env->ctx) : 0) + 1;
	/* No ring has representative 0: a fresh node must never look as if
	 * it came from a real ring (say the one it was in before a restart). */
	srp->ring_id.rep = 0;
	srp->ring_id.seq = srp->highest_ring_seq;
	idset_add(&srp->memb, srp->my_id);
	srp_rx_init(&srp->rx);
	srp->state = SRP_GATHER;
	return srp;
}

void totem_srp_start(struct totem_srp *srp)
{
	cs_log(LOG_NOTICE, "Initializing totem for node %u", srp->my_id);
	memb_start(srp);
}

void totem_srp_leave(struct totem_srp *srp)
{
	memb_send_join(srp, true);
}

void totem_srp_kick(struct totem_srp *srp)
{
	if (srp->holding) {
		srp_timer_clear(srp, &srp->t_hold);
		hold_release(srp);
	} else if (srp->state == SRP_OPERATIONAL && srp->memb.n > 1 &&
		   srp->memb.ids[0] != srp->my_id) {
		hold_cancel_send(srp);
	}
}

void totem_srp_receive(struct totem_srp *srp, const void *pkt, size_t len)
{
	struct totem_header h;
	bool swapped;

	if (totem_header_decode(pkt, len, &h, &swapped) < 0) {
		srp_drop(srp, "packet that is not totem (bad magic, version or type)", 0);
		return;
	}
	switch (h.type) {
	case TOTEM_ORF_TOKEN:
		handle_token(srp, pkt, len);
		break;
	case TOTEM_MCAST:
		handle_mcast(srp, pkt, len);
		break;
	case TOTEM_MERGE_DETECT:
		memb_handle_merge_detect(srp, pkt, len);
		break;
	case TOTEM_JOIN:
		memb_handle_join(srp, pkt, len);
		break;
	case TOTEM_COMMIT_TOKEN:
		memb_handle_commit(srp, pkt, len);
		break;
	case TOTEM_HOLD_CANCEL:
		handle_hold_cancel(srp, pkt, len);
		break;
	default:
		srp_drop(srp, "packet of unknown type", h.nodeid);
	}
}

bool totem_srp_operational(const struct totem_srp *srp)
{
	return srp->state == SRP_OPERATIONAL;
}

const struct totem_ring_id *totem_srp_ring_id(const struct totem_srp *srp)
{
	return &srp->ring_id;
}

const uint32_t *totem_srp_members(const struct totem_srp *srp, size_t *count)
{
	*count = srp->memb.n;
	return srp->memb.ids;
}

const struct totem_srp_stats *totem_srp_stats(const struct totem_srp *srp)
{
	return &srp->stats;
}

void totem_srp_free(struct totem_srp *srp)
{
	if (srp == NULL) {
		return;
	}
	void **timers[] = { &srp->t_token_loss, &srp->t_token_retransmit, &srp->t_hold,
			    &srp->t_join,       &srp->t_consensus,        &srp->t_merge };
	for (size_t i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		srp_timer_clear(srp, timers[i]);
	}
	srp_rx_fini(&srp->rx);
	if (srp->new_rx_ready) {
		srp_rx_fini(&srp->new_rx);
	}
	free(srp->retrans);
	free(srp->token_pkt);
	free(srp->buf);
	free(srp);
}
