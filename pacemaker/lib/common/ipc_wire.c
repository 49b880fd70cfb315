/*
 * Framing of XML messages on libqb IPC: split, check and join.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <qb/qbipc_common.h>

#include <crm/common/ipc.h>
#include "ipc_wire.h"

/* Frames smaller than this would be mostly header. */
#define IPC_FRAME_MIN 4096

static size_t header_size(enum ipc_direction dir)
{
	return dir == IPC_TO_SERVER ? sizeof(struct qb_ipc_request_header)
				    : sizeof(struct qb_ipc_response_header);
}

size_t ipc_frame_max(void)
{
	const char *env = getenv("PCMK_ipc_buffer");
	char *end = NULL;
	long long value;

	if (env == NULL) {
		return PCMK_IPC_BUFFER_DEFAULT;
	}
	value = strtoll(env, &end, 10);
	if (end == env || value < IPC_FRAME_MIN) {
		return PCMK_IPC_BUFFER_DEFAULT;
	}
	return value > PCMK_IPC_MESSAGE_MAX ? PCMK_IPC_MESSAGE_MAX : (size_t)value;
}

int ipc_send_frames(const char *text, size_t len, uint32_t id, uint32_t flags,
		    enum ipc_direction dir, size_t frame_max, ipc_frame_sender send, void *ctx)
{
	size_t hdr = header_size(dir);
	size_t room = frame_max - hdr - sizeof(struct ipc_frame);
	size_t sent = 0;

	if (len > PCMK_IPC_MESSAGE_MAX) {
		return -EMSGSIZE;
	}
	do {
		size_t n = len - sent < room ? len - sent : room;
		struct qb_ipc_response_header qb = { 0 }; /* the larger form */
		struct ipc_frame f = {
			.id = id,
			.flags = flags | (sent + n < len ? IPC_FRAME_MORE : 0),
			.chunk_len = (uint32_t)n,
			.total_len = (uint32_t)len,
		};
		struct iovec iov[3] = {
			{ &qb, hdr },
			{ &f, sizeof(f) },
			{ (void *)(text + sent), n },
		};
		int rc;

		qb.id = IPC_MSG_XML;
		qb.size = (int32_t)(hdr + sizeof(f) + n);
		rc = send(iov, 3, ctx);
		if (rc < 0) {
			return rc;
		}
		sent += n;
	} while (sent < len);
	return 0;
}

int ipc_frame_parse(const void *buf, size_t size, enum ipc_direction dir, struct ipc_frame *frame,
		    const char **chunk)
{
	size_t hdr = header_size(dir);
	const struct qb_ipc_request_header *qb = buf;

	if (size < hdr + sizeof(*frame) || qb->id != IPC_MSG_XML || qb->size < 0 ||
	    (size_t)qb->size != size) {
		return -EPROTO;
	}
	memcpy(frame, (const char *)buf + hdr, sizeof(*frame));
	if (frame->chunk_len != size - hdr - sizeof(*frame) ||
	    frame->chunk_len > frame->total_len) {
		return -EPROTO;
	}
	*chunk = (const char *)buf + hdr + sizeof(*frame);
	return 0;
}

void ipc_assembly_reset(struct ipc_assembly *a)
{
	free(a->text);
	memset(a, 0, sizeof(*a));
}

static int assembly_start(struct ipc_assembly *a, const struct ipc_frame *f)
{
	if (f->total_len > PCMK_IPC_MESSAGE_MAX) {
		return -EMSGSIZE;
	}
	a->text = malloc((size_t)f->total_len + 1);
	if (a->text == NULL) {
		return -ENOMEM;
	}
	a->id = f->id;
	a->flags = f->flags & ~IPC_FRAME_MORE;
	a->total = f->total_len;
	a->have = 0;
	return 0;
}

int ipc_assembly_add(struct ipc_assembly *a, const struct ipc_frame *f, const char *chunk)
{
	if (a->text == NULL) {
		int rc = assembly_start(a, f);
		if (rc < 0) {
			return rc;
		}
	} else if (f->id != a->id || f->total_len != a->total) {
		return -EPROTO; /* a frame of another message interleaved */
	}
	if (f->chunk_len > a->total - a->have) {
		return -EPROTO;
	}
	memcpy(a->text + a->have, chunk, f->chunk_len);
	a->have += f->chunk_len;
	if (f->flags & IPC_FRAME_MORE) {
		/* a frame that claims more but leaves no room is broken */
		return a->have < a->total ? 0 : -EPROTO;
	}
	if (a->have != a->total) {
		return -EPROTO;
	}
	a->text[a->have] = '\0';
	return 1;
}
