/*
 * Messages of one ring kept by sequence number until every member has
 * them: a circular array indexed by (seq - low), grown on demand.
 * Sequence numbers are compared modulo 2^32 so a long-lived ring may wrap.
 */
#ifndef TOTEM_STORE_H
#define TOTEM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most messages one ring may hold undelivered or unacknowledged;
 * beyond it a sender is flow-controlled long before. */
#define TOTEM_STORE_SPAN_MAX (1u << 20)

struct totem_stored {
	uint8_t *pkt; /* the MCAST packet as received; NULL when missing */
	uint32_t len;
};

struct totem_store {
	struct totem_stored *slots;
	uint32_t cap;  /* power of two */
	uint32_t low;  /* lowest sequence number that may be held */
	uint32_t high; /* highest sequence number ever put (or low - 1) */
};

static inline bool seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static inline bool seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

static inline uint32_t seq_max(uint32_t a, uint32_t b)
{
	return seq_lt(a, b) ? b : a;
}

static inline uint32_t seq_min(uint32_t a, uint32_t b)
{
	return seq_lt(a, b) ? a : b;
}

/* Empty store whose first message will be @low.  Returns 0 or -ENOMEM. */
int totem_store_init(struct totem_store *s, uint32_t low);

/* Drop everything and free the memory. */
void totem_store_fini(struct totem_store *s);

/* Keep a copy of @pkt as message @seq.  Returns 0, -EEXIST if held already,
 * -ERANGE if @seq is below low or too far above it, -ENOMEM. */
int totem_store_put(struct totem_store *s, uint32_t seq, const void *pkt, size_t len);

/* The message @seq, or NULL when not held. */
const struct totem_stored *totem_store_get(const struct totem_store *s, uint32_t seq);

/* Forget messages up to and including @seq (they are no longer needed). */
void totem_store_release_upto(struct totem_store *s, uint32_t seq);

#endif /* TOTEM_STORE_H */
