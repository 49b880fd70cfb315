/*
 * Packing, fragmentation and the send queue above Totem SRP.
 *
 * Frame: u8 version, u8 flags, u16 part count, u16 part lengths, parts.
 * A part is a whole message, except that the first part of a frame may
 * end the previous frame's message (CONTINUATION) and the last part may
 * be continued by the next frame (FRAGMENTED).  A message starts with one
 * byte naming its group.  A fragmented message always starts a frame of
 * its own and its last frame carries nothing else, so that it can be sent
 * again alone after a configuration change.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
#include "../common/cs_log.h"
#include "../common/cs_ratelimit.h"
#include "totem_pg.h"

#define PG_VERSION 0
#define PG_CONTINUATION 0x1
#define PG_FRAGMENTED 0x2
#define PG_HEADER 4
#define PG_PARTS_MAX 512

struct pg_frame {
	struct pg_frame *next;
	uint8_t flags;
	bool closed;       /* takes no more parts */
	bool series_first; /* first frame of a fragmented message */
	bool series_last;  /* last frame of a fragmented message */
	uint16_t nparts;
	uint16_t lens[PG_PARTS_MAX];
	size_t body_len;
	uint8_t body[];
};

struct assembly {
	uint32_t nodeid;
	uint8_t *buf;
	size_t len, cap;
	bool active;
};

struct totem_pg {
	size_t frame_max;
	size_t queue_max;
	size_t queued;         /* bytes in frames not yet pulled */
	struct pg_frame *head; /* oldest frame kept */
	struct pg_frame *next; /* next frame to pull */
	struct pg_frame *tail;
	struct pg_frame *series; /* first frame of a message being pulled */
	uint32_t backlog;        /* frames not yet pulled */
	uint8_t *out;            /* the frame handed to the engine */
	struct {
		totem_pg_deliver_fn fn;
		void *ctx;
	} groups[TOTEM_PG_GROUPS];
	struct assembly *asm_;
	size_t n_asm;
	struct totem_pg_stats stats;
	struct cs_ratelimit bad_log;
};

/* A frame or message we cannot use: counted, and logged now and then. */
static void bad_frame(struct totem_pg *pg, uint32_t nodeid, const char *what)
{
	uint64_t suppressed;

	pg->stats.bad_frames++;
	if (cs_ratelimit_allow(&pg->bad_log, 10, &suppressed)) {
		cs_log(LOG_WARNING, "Dropped %s from node %u; %llu more since the last report",
		       what, nodeid, (unsigned long long)suppressed);
	}
}

struct totem_pg *totem_pg_create(size_t frame_max, size_t queue_max)
{
	struct totem_pg *pg = calloc(1, sizeof(*pg));

	if (pg == NULL) {
		return NULL;
	}
	pg->frame_max = frame_max;
	pg->queue_max = queue_max;
	pg->out = malloc(frame_max);
	if (pg->out == NULL) {
		free(pg);
		return NULL;
	}
	return pg;
}

void totem_pg_free(struct totem_pg *pg)
{
	if (pg == NULL) {
		return;
	}
	while (pg->head != NULL) {
		struct pg_frame *f = pg->head;
		pg->head = f->next;
		free(f);
	}
	for (size_t i = 0; i < pg->n_asm; i++) {
		free(pg->asm_[i].buf);
	}
	free(pg->asm_);
	free(pg->out);
	free(pg);
}

void totem_pg_set_deliver(struct totem_pg *pg, enum totem_pg_group group, totem_pg_deliver_fn fn,
			  void *ctx)
{
	pg->groups[group].fn = fn;
	pg->groups[group].ctx = ctx;
}

/* ---- sending ---- */

static size_t frame_size(const struct pg_frame *f)
{
	return PG_HEADER + 2 * (size_t)f->nparts + f->body_len;
}

static struct pg_frame *frame_new(struct totem_pg *pg)
{
	struct pg_frame *f = calloc(1, sizeof(*f) + pg->frame_max);

	if (f == NULL) {
		return NULL;
	}
	if (pg->tail != NULL) {
		pg->tail->next = f;
		pg->tail->closed = true;
	} else {
		pg->head = f;
	}
	pg->tail = f;
	if (pg->next == NULL) {
		pg->next = f;
	}
	pg->backlog++;
	return f;
}

/* Append a part made of the group byte (when @group >= 0) and the bytes
 * [@skip, @skip + @len) of the concatenated iovec. */
static void frame_append(struct totem_pg *pg, struct pg_frame *f, int group,
			 const struct iovec *iov, size_t iovcnt, size_t skip, size_t len)
{
	uint8_t *dst = f->body + f->body_len;
	size_t part = len;

	if (group >= 0) {
		*dst++ = (uint8_t)group;
		part++;
	}
	for (size_t i = 0; i < iovcnt && len > 0; i++) {
		if (skip >= iov[i].iov_len) {
			skip -= iov[i].iov_len;
			continue;
		}
		size_t n = iov[i].iov_len - skip;
		if (n > len) {
			n = len;
		}
		memcpy(dst, (const uint8_t *)iov[i].iov_base + skip, n);
		dst += n;
		len -= n;
		skip = 0;
	}
	f->lens[f->nparts++] = (uint16_t)part;
	f->body_len += part;
	pg->queued += part + 2;
}

static bool fits(const struct totem_pg *pg, const struct pg_frame *f, size_t part)
{
	return f != NULL && !f->closed && f->nparts < PG_PARTS_MAX &&
	       frame_size(f) + 2 + part <= pg->frame_max;
}

/* A message too large for one frame: frames of its own, one part each. */
static int queue_fragmented(struct totem_pg *pg, int group, const struct iovec *iov, size_t iovcnt,
			    size_t total)
{
	size_t room = pg->frame_max - PG_HEADER - 2;
	size_t sent = 0;

	while (sent < total) {
		struct pg_frame *f = frame_new(pg);
		size_t first = sent == 0 ? 1 : 0;
		size_t n = total - sent < room - first ? total - sent : room - first;

		if (f == NULL) {
			return -ENOMEM;
		}
		f->series_first = sent == 0;
		f->flags =
			(sent > 0 ? PG_CONTINUATION : 0) | (sent + n < total ? PG_FRAGMENTED : 0);
		frame_append(pg, f, sent == 0 ? group : -1, iov, iovcnt, sent, n);
		sent += n;
		f->series_last = sent == total;
		f->closed = true;
	}
	return 0;
}

int totem_pg_mcast(struct totem_pg *pg, enum totem_pg_group group, const struct iovec *iov,
		   size_t iovcnt, bool *kick)
{
	size_t total = 0;

	for (size_t i = 0; i < iovcnt; i++) {
		total += iov[i].iov_len;
	}
	*kick = pg->backlog == 0;
	if (total + 1 > TOTEM_PG_MESSAGE_MAX) {
		return -EMSGSIZE;
	}
	if (pg->queued + total + 64 > pg->queue_max) {
		return -EAGAIN;
	}
	if (fits(pg, pg->tail, total + 1)) {
		frame_append(pg, pg->tail, group, iov, iovcnt, 0, total);
	} else if (PG_HEADER + 2 + total + 1 <= pg->frame_max) {
		struct pg_frame *f = frame_new(pg);
		if (f == NULL) {
			return -ENOMEM;
		}
		frame_append(pg, f, group, iov, iovcnt, 0, total);
	} else {
		int rc = queue_fragmented(pg, group, iov, iovcnt, total);
		if (rc < 0) {
			return rc;
		}
	}
	pg->stats.msg_tx++;
	return 0;
}

size_t totem_pg_room(const struct totem_pg *pg)
{
	return pg->queued >= pg->queue_max ? 0 : pg->queue_max - pg->queued;
}

uint32_t totem_pg_backlog(const struct totem_pg *pg)
{
	return pg->backlog;
}

/* Forget frames that were pulled and will not be sent again. */
static void release_sent(struct totem_pg *pg)
{
	while (pg->head != NULL && pg->head != pg->next && pg->head != pg->series) {
		struct pg_frame *f = pg->head;
		pg->head = f->next;
		if (pg->tail == f) {
			pg->tail = NULL;
		}
		free(f);
	}
}

static size_t serialize(struct totem_pg *pg, const struct pg_frame *f)
{
	uint8_t *p = pg->out;

	p[0] = PG_VERSION;
	p[1] = f->flags;
	memcpy(p + 2, &f->nparts, 2);
	memcpy(p + PG_HEADER, f->lens, 2 * (size_t)f->nparts);
	memcpy(p + PG_HEADER + 2 * (size_t)f->nparts, f->body, f->body_len);
	return frame_size(f);
}

size_t totem_pg_pull(struct totem_pg *pg, const void **frame)
{
	struct pg_frame *f = pg->next;

	release_sent(pg);
	if (f == NULL || f->nparts == 0) {
		return 0;
	}
	f->closed = true; /* what was packed so far goes now */
	if (f->series_first) {
		pg->series = f;
	}
	if (f->series_last) {
		pg->series = NULL;
	}
	pg->next = f->next;
	pg->backlog--;
	pg->queued -= f->body_len + 2 * (size_t)f->nparts;
	pg->stats.frames_tx++;
	*frame = pg->out;
	return serialize(pg, f);
}

/* ---- receiving ---- */

static struct assembly *assembly_of(struct totem_pg *pg, uint32_t nodeid)
{
	for (size_t i = 0; i < pg->n_asm; i++) {
		if (pg->asm_[i].nodeid == nodeid) {
			return &pg->asm_[i];
		}
	}
	struct assembly *a = realloc(pg->asm_, (pg->n_asm + 1) * sizeof(*a));
	if (a == NULL) {
		return NULL;
	}
	pg->asm_ = a;
	a = &pg->asm_[pg->n_asm++];
	memset(a, 0, sizeof(*a));
	a->nodeid = nodeid;
	return a;
}

static bool assembly_add(struct assembly *a, const uint8_t *data, size_t len)
{
	if (len == 0) {
		return true;
	}
	if (a->len + len > TOTEM_PG_MESSAGE_MAX) {
		return false;
	}
	if (a->len + len > a->cap) {
		size_t cap = a->cap ? a->cap : 4096;
		while (cap < a->len + len) {
			cap *= 2;
		}
		uint8_t *buf = realloc(a->buf, cap);
		if (buf == NULL) {
			return false;
		}
		a->buf = buf;
		a->cap = cap;
	}
	memcpy(a->buf + a->len, data, len);
	a->len += len;
	return true;
}

static void dispatch(struct totem_pg *pg, uint32_t nodeid, const uint8_t *msg, size_t len)
{
	if (len == 0 || msg[0] >= TOTEM_PG_GROUPS || pg->groups[msg[0]].fn == NULL) {
		bad_frame(pg, nodeid, "a message for an unknown group");
		return;
	}
	pg->stats.msg_rx++;
	pg->groups[msg[0]].fn(pg->groups[msg[0]].ctx, nodeid, msg + 1, len - 1);
}

static void receive_part(struct totem_pg *pg, uint32_t nodeid, const uint8_t *part, size_t len,
			 bool continues, bool continued)
{
	struct assembly *a = NULL;

	if (continues || continued) {
		a = assembly_of(pg, nodeid);
		if (a == NULL) {
			return;
		}
	}
	if (continues) {
		if (!a->active) {
			/* its start was before we joined, or before a
			 * configuration change: it will come again whole */
			pg->stats.fragments_dropped++;
			return;
		}
		if (!assembly_add(a, part, len)) {
			a->active = false;
			pg->stats.fragments_dropped++;
			return;
		}
		if (!continued) {
			a->active = false;
			dispatch(pg, nodeid, a->buf, a->len);
		}
		return;
	}
	if (continued) {
		a->len = 0;
		a->active = assembly_add(a, part, len);
		return;
	}
	dispatch(pg, nodeid, part, len);
}

void totem_pg_deliver(struct totem_pg *pg, uint32_t nodeid, const void *frame, size_t len)
{
	const uint8_t *p = frame;
	uint16_t count;
	size_t offset;

	pg->stats.frames_rx++;
	if (len < PG_HEADER || p[0] != PG_VERSION) {
		bad_frame(pg, nodeid, "a frame of an unknown version");
		return;
	}
	memcpy(&count, p + 2, 2);
	offset = PG_HEADER + 2 * (size_t)count;
	if (count == 0 || offset > len) {
		bad_frame(pg, nodeid, "a frame with a bad part count");
		return;
	}
	for (uint16_t i = 0; i < count; i++) {
		uint16_t part;
		memcpy(&part, p + PG_HEADER + 2 * (size_t)i, 2);
		if (offset + part > len) {
			bad_frame(pg, nodeid, "a frame with a part beyond its end");
			return;
		}
		receive_part(pg, nodeid, p + offset, part, i == 0 && (p[1] & PG_CONTINUATION),
			     i == count - 1 && (p[1] & PG_FRAGMENTED));
		offset += part;
	}
}

void totem_pg_confchg(struct totem_pg *pg, enum totem_confchg_type type)
{
	if (type != TOTEM_CONFCHG_REGULAR) {
		return;
	}
	for (size_t i = 0; i < pg->n_asm; i++) {
		pg->asm_[i].active = false;
		pg->asm_[i].len = 0;
	}
	if (pg->series != NULL) {
		/* send the cut message again from its first frame */
		for (struct pg_frame *f = pg->series; f != pg->next; f = f->next) {
			pg->queued += f->body_len + 2 * (size_t)f->nparts;
			pg->backlog++;
		}
		pg->next = pg->series;
		cs_log(LOG_DEBUG, "Resending a message cut by the configuration change");
	}
}

const struct totem_pg_stats *totem_pg_stats(const struct totem_pg *pg)
{
	return &pg->stats;
}
