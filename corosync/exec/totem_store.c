/*
 * Sequence-indexed message store of a ring.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "totem_store.h"

#define INITIAL_CAP 256

int totem_store_init(struct totem_store *s, uint32_t low)
{
	memset(s, 0, sizeof(*s));
	s->slots = calloc(INITIAL_CAP, sizeof(*s->slots));
	if (s->slots == NULL) {
		return -ENOMEM;
	}
	s->cap = INITIAL_CAP;
	s->low = low;
	s->high = low - 1;
	return 0;
}

void totem_store_fini(struct totem_store *s)
{
	if (s->slots != NULL) {
		totem_store_release_upto(s, s->high);
		free(s->slots);
	}
	memset(s, 0, sizeof(*s));
}

static struct totem_stored *slot(const struct totem_store *s, uint32_t seq)
{
	return &s->slots[seq & (s->cap - 1)];
}

/* Double the array until @span sequence numbers fit, keeping positions. */
static int grow(struct totem_store *s, uint32_t span)
{
	uint32_t cap = s->cap;

	while (cap < span) {
		cap *= 2;
	}
	struct totem_stored *slots = calloc(cap, sizeof(*slots));
	if (slots == NULL) {
		return -ENOMEM;
	}
	for (uint32_t seq = s->low; seq_le(seq, s->high); seq++) {
		slots[seq & (cap - 1)] = *slot(s, seq);
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

int totem_store_put(struct totem_store *s, uint32_t seq, const void *pkt, size_t len)
{
	uint32_t span = seq - s->low + 1;

	if (seq_lt(seq, s->low) || span > TOTEM_STORE_SPAN_MAX) {
		return -ERANGE;
	}
	if (span > s->cap && grow(s, span) < 0) {
		return -ENOMEM;
	}
	struct totem_stored *e = slot(s, seq);
	if (seq_le(seq, s->high) && e->pkt != NULL) {
		return -EEXIST;
	}
	e->pkt = malloc(len);
	if (e->pkt == NULL) {
		return -ENOMEM;
	}
	memcpy(e->pkt, pkt, len);
	e->len = (uint32_t)len;
	s->high = seq_max(s->high, seq);
	return 0;
}

const struct totem_stored *totem_store_get(const struct totem_store *s, uint32_t seq)
{
	if (seq_lt(seq, s->low) || seq_lt(s->high, seq)) {
		return NULL;
	}
	const struct totem_stored *e = slot(s, seq);
	return e->pkt != NULL ? e : NULL;
}

void totem_store_release_upto(struct totem_store *s, uint32_t seq)
{
	if (seq_lt(seq, s->low)) {
		return;
	}
	if (seq_le(s->low, s->high)) {
		uint32_t last = seq_min(seq, s->high);
		for (uint32_t x = s->low; seq_le(x, last); x++) {
			struct totem_stored *e = slot(s, x);
			free(e->pkt);
			e->pkt = NULL;
			e->len = 0;
		}
	}
	s->low = seq + 1;
	if (seq_lt(s->high, seq)) {
		s->high = seq;
	}
}
