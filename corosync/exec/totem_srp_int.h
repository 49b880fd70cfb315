/*
 * State shared by the files of the Totem SRP engine (totem_srp.c: the
 * token, messages and delivery; totem_memb.c: gather, commit, recovery).
 * Not for use outside them.
 */
#ifndef TOTEM_SRP_INT_H
#define TOTEM_SRP_INT_H

#include "totem_srp.h"
#include "../common/cs_ratelimit.h"
#include "totem_store.h"

enum srp_state {
	SRP_OPERATIONAL = 1,
	SRP_GATHER = 2,
	SRP_COMMIT = 3,
	SRP_RECOVERY = 4,
};

/* A sorted set of node ids. */
struct idset {
	uint32_t n;
	uint32_t ids[TOTEM_MEMBERS_MAX];
};

/* Reception state of one ring's messages. */
struct ring_rx {
	struct totem_store store;
	uint32_t aru;            /* all received up to here */
	uint32_t high_received;  /* highest seq seen */
	uint32_t high_delivered; /* delivered (or skipped) up to here */
};

struct totem_srp {
	struct totem_srp_params p;
	struct totem_srp_env env;
	struct totem_srp_stats stats;
	enum srp_state state;
	uint32_t my_id;

	/* the ring we are (or were last) operational in, and its members */
	struct totem_ring_id ring_id;
	struct idset memb;
	struct ring_rx rx;
	bool ever_operational;
	uint64_t highest_ring_seq;

	/* gather */
	struct idset proc;
	struct idset failed;
	struct idset consensus;

	/* commit and recovery: the ring being formed */
	struct totem_ring_id new_ring_id;
	struct idset new_memb;
	struct idset trans_memb;
	struct ring_rx new_rx;
	bool new_rx_ready;
	uint32_t *retrans; /* old-ring seqs to re-send encapsulated */
	uint32_t retrans_n, retrans_next;
	uint32_t flg_seen; /* token retrans_flg after our last visit */
	bool flg_seen_valid;
	bool install_set;
	uint32_t install_seq; /* every recovery copy is at or below it */

	/* token */
	bool token_seen; /* a token of this ring arrived */
	uint32_t last_token_seq;
	uint32_t my_trc;    /* messages I sent on the last visit */
	uint32_t my_pbl;    /* my backlog on the last visit */
	uint32_t last_aru;  /* token aru of the previous visit */
	uint32_t aru_stuck; /* visits with aru unchanged and behind */
	uint32_t idle_visits;
	uint8_t *token_pkt; /* last token sent, for retransmission */
	size_t token_pkt_len;
	uint32_t token_next; /* node it went to */

	/* timers; the two token timers check a deadline when they fire (see
	 * srp_token_loss_arm) */
	uint64_t loss_deadline;
	uint64_t retransmit_deadline; /* 0: the token came back */
	void *t_token_loss;
	void *t_token_retransmit;
	void *t_hold;
	void *t_join;
	void *t_consensus;
	void *t_merge;
	bool holding; /* the representative sits on an idle token */
	struct totem_token held;

	struct cs_ratelimit drop_log; /* lines about packets we drop */

	uint8_t *buf; /* scratch for one outgoing packet */
	size_t buf_size;
};

/* idsets (totem_memb.c) */
bool idset_has(const struct idset *s, uint32_t id);
void idset_add(struct idset *s, uint32_t id);
void idset_del(struct idset *s, uint32_t id);
bool idset_equal(const struct idset *a, const struct idset *b);
bool idset_subset(const struct idset *a, const struct idset *b);
void idset_minus(struct idset *out, const struct idset *a, const struct idset *b);
void idset_from(struct idset *s, const uint32_t *ids, uint32_t n);
const char *idset_str(const struct idset *s, char *buf, size_t size);

/* totem_memb.c */
void memb_gather_enter(struct totem_srp *srp, const char *why);
void memb_start(struct totem_srp *srp);
void memb_handle_join(struct totem_srp *srp, const void *pkt, size_t len);
void memb_handle_commit(struct totem_srp *srp, const void *pkt, size_t len);
void memb_handle_merge_detect(struct totem_srp *srp, const void *pkt, size_t len);
void memb_recovery_check(struct totem_srp *srp, struct totem_token *tok);
void memb_send_join(struct totem_srp *srp, bool leaving);

/* totem_srp.c */
void srp_drop(struct totem_srp *srp, const char *what, uint32_t nodeid);
void srp_timer_set(struct totem_srp *srp, void **t, uint32_t ms, void (*fn)(void *));
void srp_timer_clear(struct totem_srp *srp, void **t);
void srp_token_originate(struct totem_srp *srp);
void srp_token_loss_arm(struct totem_srp *srp);
void srp_rx_init(struct ring_rx *rx);
void srp_rx_fini(struct ring_rx *rx);
void srp_rx_put(struct totem_srp *srp, struct ring_rx *rx, uint32_t seq, const void *pkt,
		size_t len);
void srp_deliver_pending(struct totem_srp *srp);
void srp_operational_timers(struct totem_srp *srp);
uint32_t srp_next_member(const struct idset *ring, uint32_t me);

#endif /* TOTEM_SRP_INT_H */
