/*
 * Totem SRP packets on the wire: encode and decode.
 *
 * The layouts are those of corosync 3 (packed, sender's byte order, a
 * 13-byte header starting with the magic 0xC070); a receiver recognises
 * the other byte order by the magic and swaps.  Decoding checks every
 * length against the packet size, so a truncated or forged packet is
 * refused, never read beyond its end.
 */
#ifndef TOTEM_WIRE_H
#define TOTEM_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTEM_MAGIC 0xC070
#define TOTEM_VERSION 3

#define TOTEM_HEADER_SIZE 13
#define TOTEM_RING_ID_SIZE 12
#define TOTEM_MCAST_HEADER_SIZE 45
#define TOTEM_TOKEN_SIZE 57
#define TOTEM_RTR_ITEM_SIZE 16
#define TOTEM_JOIN_SIZE 33
#define TOTEM_MERGE_DETECT_SIZE 29
#define TOTEM_COMMIT_SIZE 41
#define TOTEM_COMMIT_ENTRY_SIZE 24
#define TOTEM_HOLD_CANCEL_SIZE 25

/* Largest retransmit list a token carries (keeps it inside one frame). */
#define TOTEM_RTR_MAX 64
/* Largest membership (corosync's PROCESSOR_COUNT_MAX). */
#define TOTEM_MEMBERS_MAX 384

enum totem_msg_type {
	TOTEM_ORF_TOKEN = 0,
	TOTEM_MCAST = 1,
	TOTEM_MERGE_DETECT = 2,
	TOTEM_JOIN = 3,
	TOTEM_COMMIT_TOKEN = 4,
	TOTEM_HOLD_CANCEL = 5,
	TOTEM_MSG_TYPES
};

/* encapsulated field of MCAST: a recovery copy of an old ring's message */
enum totem_encapsulation {
	TOTEM_ENCAPSULATED = 1,
	TOTEM_NOT_ENCAPSULATED = 2,
};

struct totem_ring_id {
	uint32_t rep;
	uint64_t seq;
};

struct totem_header {
	uint8_t type;
	uint8_t encapsulated;
	uint32_t nodeid;
};

struct totem_rtr_item {
	struct totem_ring_id ring_id;
	uint32_t seq;
};

struct totem_token {
	uint32_t seq;
	uint32_t token_seq;
	uint32_t aru;
	uint32_t aru_addr;
	struct totem_ring_id ring_id;
	uint32_t backlog;
	uint32_t fcc;
	int32_t retrans_flg;
	uint32_t rtr_count;
	struct totem_rtr_item rtr[TOTEM_RTR_MAX];
};

/* An MCAST as received: header fields plus a pointer to the payload
 * inside the packet (not copied). */
struct totem_mcast {
	uint8_t encapsulated;
	uint32_t sender; /* header nodeid: who put it on the wire */
	uint32_t seq;
	int32_t this_seqno;
	struct totem_ring_id ring_id;
	uint32_t origin; /* node_id: who originated it */
	int32_t guarantee;
	const uint8_t *payload;
	size_t payload_len;
};

struct totem_join {
	uint32_t sender;
	uint64_t ring_seq;
	uint32_t proc_count;
	uint32_t failed_count;
	uint32_t proc[TOTEM_MEMBERS_MAX];
	uint32_t failed[TOTEM_MEMBERS_MAX];
};

struct totem_commit_entry {
	struct totem_ring_id ring_id; /* the member's previous ring */
	uint32_t aru;
	uint32_t high_delivered;
	uint32_t received_flg;
};

struct totem_commit {
	uint32_t token_seq;
	struct totem_ring_id ring_id; /* the ring being formed */
	int32_t retrans_flg;
	int32_t memb_index;
	uint32_t count;
	uint32_t addr[TOTEM_MEMBERS_MAX];
	struct totem_commit_entry entries[TOTEM_MEMBERS_MAX];
};

struct totem_merge_detect {
	uint32_t sender;
	struct totem_ring_id ring_id;
};

/* Read the common header.  Returns 0, or -EPROTO for a packet that is not
 * ours (bad magic/version/type or too short); *swapped tells whether the
 * sender used the other byte order. */
int totem_header_decode(const void *pkt, size_t len, struct totem_header *h, bool *swapped);

/* Encoders write into @buf (at least the returned size) and return the
 * packet length, or -EMSGSIZE when @size is too small. */
int totem_token_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_token *t);
int totem_mcast_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_mcast *m);
int totem_join_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_join *j);
int totem_commit_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_commit *c);
int totem_merge_detect_encode(void *buf, size_t size, uint32_t nodeid,
			      const struct totem_merge_detect *m);
int totem_hold_cancel_encode(void *buf, size_t size, uint32_t nodeid,
			     const struct totem_ring_id *ring_id);

/* Decoders return 0 or -EPROTO (truncated, counts beyond the packet or the
 * limits).  totem_mcast_decode points into @pkt. */
int totem_token_decode(const void *pkt, size_t len, struct totem_token *t);
int totem_mcast_decode(const void *pkt, size_t len, struct totem_mcast *m);
int totem_join_decode(const void *pkt, size_t len, struct totem_join *j);
int totem_commit_decode(const void *pkt, size_t len, struct totem_commit *c);
int totem_merge_detect_decode(const void *pkt, size_t len, struct totem_merge_detect *m);
int totem_hold_cancel_decode(const void *pkt, size_t len, struct totem_ring_id *ring_id);

static inline bool totem_ring_id_equal(const struct totem_ring_id *a, const struct totem_ring_id *b)
{
	return a->rep == b->rep && a->seq == b->seq;
}

#endif /* TOTEM_WIRE_H */
