/*
 * Totem SRP packet codec.  Fields are written in host order at fixed
 * packed offsets; a reader swaps when the magic says the sender's order
 * differs.  Cursors stop at the end of the buffer and remember that they
 * ran out, so each codec checks once at the end.
 */
#include <byteswap.h>
#include <errno.h>
#include <string.h>

#include "totem_wire.h"

struct writer {
	uint8_t *p;
	uint8_t *end;
	bool overflow;
};

struct reader {
	const uint8_t *p;
	const uint8_t *end;
	bool swap;
	bool short_read;
};

static void put(struct writer *w, const void *v, size_t n)
{
	if (w->overflow || (size_t)(w->end - w->p) < n) {
		w->overflow = true;
		return;
	}
	memcpy(w->p, v, n);
	w->p += n;
}

static void put_u8(struct writer *w, uint8_t v)
{
	put(w, &v, 1);
}

static void put_u16(struct writer *w, uint16_t v)
{
	put(w, &v, 2);
}

static void put_u32(struct writer *w, uint32_t v)
{
	put(w, &v, 4);
}

static void put_u64(struct writer *w, uint64_t v)
{
	put(w, &v, 8);
}

static void put_ring_id(struct writer *w, const struct totem_ring_id *r)
{
	put_u32(w, r->rep);
	put_u64(w, r->seq);
}

static void get(struct reader *r, void *v, size_t n)
{
	if (r->short_read || (size_t)(r->end - r->p) < n) {
		r->short_read = true;
		memset(v, 0, n);
		return;
	}
	memcpy(v, r->p, n);
	r->p += n;
}

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;

	get(r, &v, 4);
	return r->swap ? bswap_32(v) : v;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t v;

	get(r, &v, 8);
	return r->swap ? bswap_64(v) : v;
}

static void get_ring_id(struct reader *r, struct totem_ring_id *id)
{
	id->rep = get_u32(r);
	id->seq = get_u64(r);
}

static struct writer writer_start(void *buf, size_t size, uint8_t type, uint8_t encapsulated,
				  uint32_t nodeid)
{
	struct writer w = { buf, (uint8_t *)buf + size, false };

	put_u16(&w, TOTEM_MAGIC);
	put_u8(&w, TOTEM_VERSION);
	put_u8(&w, type);
	put_u8(&w, encapsulated);
	put_u32(&w, nodeid);
	put_u32(&w, 0); /* target nodeid: unused by our transports */
	return w;
}

static int writer_end(const struct writer *w, const void *buf)
{
	return w->overflow ? -EMSGSIZE : (int)(w->p - (const uint8_t *)buf);
}

int totem_header_decode(const void *pkt, size_t len, struct totem_header *h, bool *swapped)
{
	const uint8_t *b = pkt;
	uint16_t magic;
	uint32_t nodeid;

	if (len < TOTEM_HEADER_SIZE) {
		return -EPROTO;
	}
	memcpy(&magic, b, 2);
	if (magic == TOTEM_MAGIC) {
		*swapped = false;
	} else if (magic == bswap_16(TOTEM_MAGIC)) {
		*swapped = true;
	} else {
		return -EPROTO;
	}
	if (b[2] != TOTEM_VERSION || b[3] >= TOTEM_MSG_TYPES) {
		return -EPROTO;
	}
	memcpy(&nodeid, b + 5, 4);
	h->type = b[3];
	h->encapsulated = b[4];
	h->nodeid = *swapped ? bswap_32(nodeid) : nodeid;
	return 0;
}

/* Position a reader after the header of a packet of the expected type. */
static int reader_start(struct reader *r, const void *pkt, size_t len, uint8_t type,
			struct totem_header *h)
{
	bool swapped;

	if (totem_header_decode(pkt, len, h, &swapped) < 0 || h->type != type) {
		return -EPROTO;
	}
	r->p = (const uint8_t *)pkt + TOTEM_HEADER_SIZE;
	r->end = (const uint8_t *)pkt + len;
	r->swap = swapped;
	r->short_read = false;
	return 0;
}

int totem_token_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_token *t)
{
	struct writer w = writer_start(buf, size, TOTEM_ORF_TOKEN, TOTEM_NOT_ENCAPSULATED, nodeid);

	put_u32(&w, t->seq);
	put_u32(&w, t->token_seq);
	put_u32(&w, t->aru);
	put_u32(&w, t->aru_addr);
	put_ring_id(&w, &t->ring_id);
	put_u32(&w, t->backlog);
	put_u32(&w, t->fcc);
	put_u32(&w, (uint32_t)t->retrans_flg);
	put_u32(&w, t->rtr_count);
	for (uint32_t i = 0; i < t->rtr_count && i < TOTEM_RTR_MAX; i++) {
		put_ring_id(&w, &t->rtr[i].ring_id);
		put_u32(&w, t->rtr[i].seq);
	}
	return writer_end(&w, buf);
}

int totem_token_decode(const void *pkt, size_t len, struct totem_token *t)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_ORF_TOKEN, &h) < 0) {
		return -EPROTO;
	}
	t->seq = get_u32(&r);
	t->token_seq = get_u32(&r);
	t->aru = get_u32(&r);
	t->aru_addr = get_u32(&r);
	get_ring_id(&r, &t->ring_id);
	t->backlog = get_u32(&r);
	t->fcc = get_u32(&r);
	t->retrans_flg = (int32_t)get_u32(&r);
	t->rtr_count = get_u32(&r);
	if (t->rtr_count > TOTEM_RTR_MAX) {
		return -EPROTO;
	}
	for (uint32_t i = 0; i < t->rtr_count; i++) {
		get_ring_id(&r, &t->rtr[i].ring_id);
		t->rtr[i].seq = get_u32(&r);
	}
	return r.short_read ? -EPROTO : 0;
}

int totem_mcast_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_mcast *m)
{
	struct writer w = writer_start(buf, size, TOTEM_MCAST, m->encapsulated, nodeid);

	put_u32(&w, m->origin); /* system_from */
	put_u32(&w, m->seq);
	put_u32(&w, (uint32_t)m->this_seqno);
	put_ring_id(&w, &m->ring_id);
	put_u32(&w, m->origin);
	put_u32(&w, (uint32_t)m->guarantee);
	put(&w, m->payload, m->payload_len);
	return writer_end(&w, buf);
}

int totem_mcast_decode(const void *pkt, size_t len, struct totem_mcast *m)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_MCAST, &h) < 0) {
		return -EPROTO;
	}
	m->encapsulated = h.encapsulated;
	m->sender = h.nodeid;
	(void)get_u32(&r); /* system_from: same as node_id */
	m->seq = get_u32(&r);
	m->this_seqno = (int32_t)get_u32(&r);
	get_ring_id(&r, &m->ring_id);
	m->origin = get_u32(&r);
	m->guarantee = (int32_t)get_u32(&r);
	if (r.short_read ||
	    (m->encapsulated != TOTEM_ENCAPSULATED && m->encapsulated != TOTEM_NOT_ENCAPSULATED)) {
		return -EPROTO;
	}
	m->payload = r.p;
	m->payload_len = (size_t)(r.end - r.p);
	return 0;
}

static void put_list(struct writer *w, const uint32_t *ids, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		put_u32(w, ids[i]);
	}
}

static void get_list(struct reader *r, uint32_t *ids, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		ids[i] = get_u32(r);
	}
}

int totem_join_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_join *j)
{
	struct writer w = writer_start(buf, size, TOTEM_JOIN, TOTEM_NOT_ENCAPSULATED, nodeid);

	put_u32(&w, j->sender);
	put_u32(&w, j->proc_count);
	put_u32(&w, j->failed_count);
	put_u64(&w, j->ring_seq);
	put_list(&w, j->proc, j->proc_count);
	put_list(&w, j->failed, j->failed_count);
	return writer_end(&w, buf);
}

int totem_join_decode(const void *pkt, size_t len, struct totem_join *j)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_JOIN, &h) < 0) {
		return -EPROTO;
	}
	j->sender = get_u32(&r);
	j->proc_count = get_u32(&r);
	j->failed_count = get_u32(&r);
	j->ring_seq = get_u64(&r);
	if (j->proc_count > TOTEM_MEMBERS_MAX || j->failed_count > TOTEM_MEMBERS_MAX) {
		return -EPROTO;
	}
	get_list(&r, j->proc, j->proc_count);
	get_list(&r, j->failed, j->failed_count);
	return r.short_read ? -EPROTO : 0;
}

int totem_commit_encode(void *buf, size_t size, uint32_t nodeid, const struct totem_commit *c)
{
	struct writer w =
		writer_start(buf, size, TOTEM_COMMIT_TOKEN, TOTEM_NOT_ENCAPSULATED, nodeid);

	put_u32(&w, c->token_seq);
	put_ring_id(&w, &c->ring_id);
	put_u32(&w, (uint32_t)c->retrans_flg);
	put_u32(&w, (uint32_t)c->memb_index);
	put_u32(&w, c->count);
	put_list(&w, c->addr, c->count);
	for (uint32_t i = 0; i < c->count; i++) {
		put_ring_id(&w, &c->entries[i].ring_id);
		put_u32(&w, c->entries[i].aru);
		put_u32(&w, c->entries[i].high_delivered);
		put_u32(&w, c->entries[i].received_flg);
	}
	return writer_end(&w, buf);
}

int totem_commit_decode(const void *pkt, size_t len, struct totem_commit *c)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_COMMIT_TOKEN, &h) < 0) {
		return -EPROTO;
	}
	c->token_seq = get_u32(&r);
	get_ring_id(&r, &c->ring_id);
	c->retrans_flg = (int32_t)get_u32(&r);
	c->memb_index = (int32_t)get_u32(&r);
	c->count = get_u32(&r);
	if (c->count == 0 || c->count > TOTEM_MEMBERS_MAX) {
		return -EPROTO;
	}
	get_list(&r, c->addr, c->count);
	for (uint32_t i = 0; i < c->count; i++) {
		get_ring_id(&r, &c->entries[i].ring_id);
		c->entries[i].aru = get_u32(&r);
		c->entries[i].high_delivered = get_u32(&r);
		c->entries[i].received_flg = get_u32(&r);
	}
	return r.short_read ? -EPROTO : 0;
}

int totem_merge_detect_encode(void *buf, size_t size, uint32_t nodeid,
			      const struct totem_merge_detect *m)
{
	struct writer w =
		writer_start(buf, size, TOTEM_MERGE_DETECT, TOTEM_NOT_ENCAPSULATED, nodeid);

	put_u32(&w, m->sender);
	put_ring_id(&w, &m->ring_id);
	return writer_end(&w, buf);
}

int totem_merge_detect_decode(const void *pkt, size_t len, struct totem_merge_detect *m)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_MERGE_DETECT, &h) < 0) {
		return -EPROTO;
	}
	m->sender = get_u32(&r);
	get_ring_id(&r, &m->ring_id);
	return r.short_read ? -EPROTO : 0;
}

int totem_hold_cancel_encode(void *buf, size_t size, uint32_t nodeid,
			     const struct totem_ring_id *ring_id)
{
	struct writer w =
		writer_start(buf, size, TOTEM_HOLD_CANCEL, TOTEM_NOT_ENCAPSULATED, nodeid);

	put_ring_id(&w, ring_id);
	return writer_end(&w, buf);
}

int totem_hold_cancel_decode(const void *pkt, size_t len, struct totem_ring_id *ring_id)
{
	struct totem_header h;
	struct reader r;

	if (reader_start(&r, pkt, len, TOTEM_HOLD_CANCEL, &h) < 0) {
		return -EPROTO;
	}
	get_ring_id(&r, ring_id);
	return r.short_read ? -EPROTO : 0;
}
