/*
 * Framing of XML messages on libqb IPC (internal to libcrmcommon).
 *
 * Every libqb message is: the libqb header (request or response form),
 * a struct ipc_frame, then a piece of the message's XML text.  A message
 * larger than one frame is sent as consecutive frames with IPC_FRAME_MORE
 * set on all but the last; each channel of a connection is ordered, so
 * the receiver joins them in arrival order.
 */
#ifndef PCMK_IPC_WIRE_H
#define PCMK_IPC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

/* libqb message id of every frame. */
#define IPC_MSG_XML 1

#define IPC_FRAME_MORE 0x100u  /* more frames of this message follow */
#define IPC_FRAME_REPLY 0x200u /* an event that answers request "id" */

struct ipc_frame {
	uint32_t id;        /* message id; a reply carries its request's */
	uint32_t flags;     /* PCMK_IPC_REPLY_* and IPC_FRAME_* */
	uint32_t chunk_len; /* bytes of text in this frame */
	uint32_t total_len; /* bytes of text in the whole message */
};

/* A message being received frame by frame. */
struct ipc_assembly {
	char *text;
	uint32_t id;
	uint32_t flags;
	uint32_t total;
	uint32_t have;
};

/* Size of the libqb header in front of the frame. */
enum ipc_direction {
	IPC_TO_SERVER, /* qb_ipc_request_header */
	IPC_TO_CLIENT, /* qb_ipc_response_header */
};

/* Send one frame: @iov has 3 parts (libqb header, frame, text). */
typedef int (*ipc_frame_sender)(const struct iovec *iov, size_t n, void *ctx);

/* Split @text into frames of at most @frame_max bytes and hand each to
 * @send.  Returns 0 or the first negative value @send returned. */
int ipc_send_frames(const char *text, size_t len, uint32_t id, uint32_t flags,
		    enum ipc_direction dir, size_t frame_max, ipc_frame_sender send, void *ctx);

/* Check one received libqb message and locate its frame and text.
 * Returns 0 or -EPROTO. */
int ipc_frame_parse(const void *buf, size_t size, enum ipc_direction dir, struct ipc_frame *frame,
		    const char **chunk);

/* Add a frame to @a.  Returns 1 when the message is whole (a->text is
 * NUL-terminated, owned by @a until ipc_assembly_reset), 0 when more
 * frames are needed, -EPROTO when the frame does not fit the message,
 * -EMSGSIZE when the announced size is too large. */
int ipc_assembly_add(struct ipc_assembly *a, const struct ipc_frame *f, const char *chunk);

/* Free what @a holds and make it ready for the next message. */
void ipc_assembly_reset(struct ipc_assembly *a);

/* The frame size both sides use: PCMK_ipc_buffer or the default. */
size_t ipc_frame_max(void);

#endif /* PCMK_IPC_WIRE_H */
